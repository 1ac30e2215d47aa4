// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>

// The small markup of content bodies (news, lessons…), described for officers in docs/content-markup.md:
// paragraphs separated by blank lines, headings "# " to "### ", bullet items "- " or "* ", numbered items
// "1. ", inline **bold** and [text](url). Every other character is text; raw HTML never passes through.
namespace sotay::content {

struct MarkupBlock {
    enum class Kind { Paragraph, Heading, BulletItem, NumberedItem };
    Kind kind = Kind::Paragraph;
    int level = 0; // heading 1-3, else 0
    QString text;  // the raw inline text, markers removed; the lines of a block joined by '\n'
    int line = 0;  // 1-based first line
};

// Line ends may be LF, CRLF or CR.
QList<MarkupBlock> parseMarkup(const QString& body);

struct MarkupProblem {
    int line = 0;
    QString message; // a Vietnamese sentence
};

constexpr qsizetype kMaxMarkupLength = 200000; // UTF-16 units, which every Vietnamese NFC letter is one of

// A link whose URL is not http://, https:// or mailto:, an empty link text or URL, a heading with no text;
// a body over kMaxMarkupLength is one problem and is checked no further.
QList<MarkupProblem> checkMarkup(const QString& body);

// HTML for a QTextBrowser or a web page: every text character escaped, links only to allowed URLs (a
// refused link shows its text alone).
QString markupToHtml(const QString& body);

// The text without markup, line for line with the body (blank lines kept, markers removed), so that a line
// number found in it points into the body.
QString markupToPlainText(const QString& body);

// Whether a link may point there: http:// or https:// with a host, or mailto: with an address.
bool isAllowedLinkUrl(const QString& url);

} // namespace sotay::content
