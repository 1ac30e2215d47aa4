// SPDX-License-Identifier: GPL-3.0-or-later
#include "content/classification_stamp.h"

#include "text/vietnamese_text.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QStringList>

#include <algorithm>

namespace sotay::content {

namespace {

constexpr qsizetype kShownStampLength = 40;

// Each letter either as it should be or with some of its marks lost (after NFC): MẬT, MÂT, MẠT, MAT.
const QRegularExpression& stampWords()
{
    static const QRegularExpression re(
        QStringLiteral("^(?:T[OÔÓỐ]I|TUY[EÊẸỆ]T)?M[AÂẠẬ]T$"), QRegularExpression::UseUnicodePropertiesOption);
    return re;
}

// Ð/ð (eth) stands in for Đ/đ in text decoded from the legacy Vietnamese code pages.
const QRegularExpression& classificationField()
{
    static const QRegularExpression re(QStringLiteral("(?<!\\p{L})[ĐDÐ][OÔỌỘ]\\s*M[AÂẠẬ]T\\s*[:：]"),
        QRegularExpression::UseUnicodePropertiesOption | QRegularExpression::CaseInsensitiveOption);
    return re;
}

bool isDecoration(QChar c)
{
    static constexpr QStringView decorations = u"\"'`“”‘’„«»‹›()[]{}<>〈〉《》*-–—―−_=~|#";
    return c.isSpace() || decorations.contains(c);
}

QStringView withoutDecorations(QStringView line)
{
    qsizetype from = 0;
    qsizetype to = line.size();
    while (from < to && isDecoration(line[from]))
        ++from;
    while (to > from && isDecoration(line[to - 1]))
        --to;
    return line.mid(from, to - from);
}

QString withoutSpaces(QStringView text)
{
    QString out;
    out.reserve(text.size());
    for (const QChar c : text) {
        if (!c.isSpace())
            out += c;
    }
    return out;
}

QString elided(QStringView text)
{
    return text.size() > kShownStampLength ? text.left(kShownStampLength).toString() + u'…' : text.toString();
}

std::optional<QString> stampIn(QStringView line)
{
    const QStringView core = withoutDecorations(line);
    if (!core.isEmpty() && stampWords().match(withoutSpaces(core)).hasMatch())
        return core.toString();
    const QRegularExpressionMatch field = classificationField().match(line);
    if (field.hasMatch())
        return elided(line.mid(field.capturedStart()).trimmed());
    return std::nullopt;
}

// Files whose text can be searched for a stamp.
bool looksLikeFileName(const QString& where)
{
    static const QStringList extensions { QStringLiteral("pdf"), QStringLiteral("doc"),
        QStringLiteral("docx"), QStringLiteral("odt"), QStringLiteral("rtf"), QStringLiteral("txt"),
        QStringLiteral("md"), QStringLiteral("htm"), QStringLiteral("html"), QStringLiteral("xls"),
        QStringLiteral("xlsx"), QStringLiteral("ods"), QStringLiteral("csv"), QStringLiteral("ppt"),
        QStringLiteral("pptx"), QStringLiteral("odp") };
    const qsizetype dot = where.lastIndexOf(u'.');
    return dot > 0 && extensions.contains(where.mid(dot + 1), Qt::CaseInsensitive);
}

} // namespace

std::optional<StampFinding> findClassificationStamp(const QString& text)
{
    QString normalised = text::nfc(text);
    normalised.replace(QStringLiteral("\r\n"), QStringLiteral("\n"));
    normalised.replace(u'\r', u'\n');
    const QStringList lines = normalised.split(u'\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        if (auto stamp = stampIn(lines[i]))
            return StampFinding { static_cast<int>(i) + 1, *stamp };
    }
    return std::nullopt;
}

QString describeStamp(const StampFinding& finding, const QString& where)
{
    const QString line = QString::number(finding.line);
    if (where.isEmpty())
        return QCoreApplication::translate("ClassificationStamp",
            "Nội dung có dấu mật \"%1\" ở dòng %2: không được đăng tài liệu mật lên Sổ tay.")
            .arg(finding.stamp, line);
    if (looksLikeFileName(where))
        return QCoreApplication::translate("ClassificationStamp",
            "Tệp đính kèm \"%3\" có dấu mật \"%1\" ở dòng %2: không được đăng tài liệu mật lên Sổ tay.")
            .arg(finding.stamp, line, where);
    return QCoreApplication::translate("ClassificationStamp",
        "Nội dung có dấu mật \"%1\" ở dòng %2 của trường %3: không được đăng tài liệu mật lên Sổ tay.")
        .arg(finding.stamp, line, where);
}

} // namespace sotay::content
