// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <optional>

// The handbook must never carry classified material (tài liệu mật): a content body or an attachment's
// text that bears a classification stamp is refused.
namespace sotay::content {

struct StampFinding {
    int line = 0;  // 1-based
    QString stamp; // as found (NFC), without the white space and decorations around it
};

// The first line that bears a stamp:
// - "MẬT", "TỐI MẬT" or "TUYỆT MẬT" standing alone on the line, in capitals, with any spacing (none, or
//   several spaces), with the right diacritics or some or all of them lost ("MAT", "TOI MAT", "MÂT"), and
//   with quotes, brackets, asterisks, dashes, underscores, bars or '#' around it;
// - "Độ mật:" anywhere, in any case, with or without diacritics ("Do mat:", "ĐỘ MẬT :"); the stamp is
//   then the line from there on.
// A wrong diacritic is another word ("MẶT", "MÁT"), and the syllable inside ordinary text ("bí mật",
// "MẬT KHẨU", "Mật") is no stamp. The text may be in either Unicode form; lines end in LF, CRLF or CR.
std::optional<StampFinding> findClassificationStamp(const QString& text);

// A Vietnamese sentence for the user. `where` is a field's name or an attachment's file name (a name
// ending in a document extension such as .pdf or .docx is taken for a file), or empty.
QString describeStamp(const StampFinding& finding, const QString& where);

} // namespace sotay::content
