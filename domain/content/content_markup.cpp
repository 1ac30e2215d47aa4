// SPDX-License-Identifier: GPL-3.0-or-later
#include "content/content_markup.h"

#include <QCoreApplication>
#include <QStringList>
#include <QUrl>

#include <algorithm>
#include <optional>

namespace sotay::content {

namespace {

using Kind = MarkupBlock::Kind;

constexpr qsizetype kMaxListNumberDigits = 9; // keeps the number an int
constexpr qsizetype kShownUrlLength = 60;

// A block with what parsing knows beyond the public struct.
struct ParsedBlock {
    MarkupBlock block;
    int number = 0; // a numbered item's number
};

struct LineStart {
    Kind kind = Kind::Paragraph;
    int level = 0;
    qsizetype textFrom = 0;
    int number = 0;
};

// One piece of a block's inline text.
struct Token {
    enum class Type { Text, BoldOpen, BoldClose, Link };
    Type type = Type::Text;
    qsizetype from = 0; // offsets in the block's text
    qsizetype to = 0;
    QString text; // Text: its characters; Link: the raw text between [ and ]
    QString url;  // Link: trimmed
};

QStringList splitLines(const QString& body)
{
    QString unified = body;
    unified.replace(QStringLiteral("\r\n"), QStringLiteral("\n"));
    unified.replace(u'\r', u'\n');
    return unified.split(u'\n');
}

bool isAsciiDigit(QChar c)
{
    return c >= u'0' && c <= u'9';
}

std::optional<LineStart> headingStart(QStringView line)
{
    qsizetype hashes = 0;
    while (hashes < line.size() && line[hashes] == u'#')
        ++hashes;
    if (hashes == 0 || hashes > 3 || (hashes < line.size() && line[hashes] != u' '))
        return std::nullopt;
    return LineStart { Kind::Heading, static_cast<int>(hashes), hashes, 0 };
}

std::optional<LineStart> numberedStart(QStringView line)
{
    qsizetype digits = 0;
    while (digits < line.size() && isAsciiDigit(line[digits]))
        ++digits;
    if (digits == 0 || digits > kMaxListNumberDigits || !line.mid(digits).startsWith(u". "))
        return std::nullopt;
    return LineStart { Kind::NumberedItem, 0, digits + 2, line.left(digits).toInt() };
}

// The block marker a (trimmed) line starts with, if any.
std::optional<LineStart> lineStart(QStringView line)
{
    if (line.startsWith(u"- ") || line.startsWith(u"* "))
        return LineStart { Kind::BulletItem, 0, 2, 0 };
    if (auto heading = headingStart(line))
        return heading;
    return numberedStart(line);
}

QList<ParsedBlock> parseBlocks(const QString& body)
{
    QList<ParsedBlock> blocks;
    bool open = false; // the next line of plain text goes on with the last block
    const QStringList lines = splitLines(body);
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QStringView line = QStringView(lines[i]).trimmed();
        const int number = static_cast<int>(i) + 1;
        if (line.isEmpty()) {
            open = false;
        } else if (const auto start = lineStart(line)) {
            const QString text = line.mid(start->textFrom).trimmed().toString();
            blocks.append({ { start->kind, start->level, text, number }, start->number });
            open = start->kind != Kind::Heading;
        } else if (open) {
            blocks.last().block.text += u'\n' + line.toString();
        } else {
            blocks.append({ { Kind::Paragraph, 0, line.toString(), number }, 0 });
            open = true;
        }
    }
    return blocks;
}

bool isBlank(QChar c)
{
    return c.isSpace() && c != u'\n';
}

// For each '(' the index of its ')', or -1.
QList<qsizetype> matchingParentheses(QStringView text)
{
    QList<qsizetype> closing(text.size(), -1);
    QList<qsizetype> open;
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text[i] == u'(')
            open.append(i);
        else if (text[i] == u')' && !open.isEmpty())
            closing[open.takeLast()] = i;
    }
    return closing;
}

// For each index the first white space at or after it (the size when there is none).
QList<qsizetype> nextSpaces(QStringView text)
{
    QList<qsizetype> next(text.size() + 1, text.size());
    for (qsizetype i = text.size() - 1; i >= 0; --i)
        next[i] = text[i].isSpace() ? i : next[i + 1];
    return next;
}

// Finds [text](url) links. A link lies on one line; its URL has no white space inside and may hold balanced
// parentheses, as Wikipedia's addresses do. The tables built first keep text such as "[a]([a]([a](…"
// linear.
class LinkScanner {
public:
    explicit LinkScanner(QStringView text)
        : m_text(text)
        , m_closing(matchingParentheses(text))
        , m_nextSpace(nextSpaces(text))
    {
    }

    QList<Token> links() const
    {
        QList<Token> found;
        for (qsizetype i = 0; i < m_text.size(); ++i) {
            if (m_text[i] != u'[')
                continue;
            if (auto link = linkAt(i)) {
                found.append(*link);
                i = link->to - 1;
            }
        }
        return found;
    }

private:
    std::optional<Token> linkAt(qsizetype open) const
    {
        qsizetype close = open + 1;
        while (close < m_text.size() && m_text[close] != u']') {
            if (m_text[close] == u'[' || m_text[close] == u'\n')
                return std::nullopt;
            ++close;
        }
        const qsizetype paren = close + 1;
        if (paren >= m_text.size() || m_text[paren] != u'(' || m_closing[paren] < 0)
            return std::nullopt;
        const qsizetype end = m_closing[paren];
        qsizetype from = paren + 1;
        while (from < end && isBlank(m_text[from]))
            ++from;
        qsizetype to = end;
        while (to > from && isBlank(m_text[to - 1]))
            --to;
        if (m_nextSpace[from] < to)
            return std::nullopt;
        return Token { Token::Type::Link, open, end + 1, m_text.mid(open + 1, close - open - 1).toString(),
            m_text.mid(from, to - from).toString() };
    }

    QStringView m_text;
    QList<qsizetype> m_closing;
    QList<qsizetype> m_nextSpace;
};

// "**" pairs outside the links, taken in order; an unpaired or empty pair ("****") stays text.
QList<Token> boldMarks(QStringView text, const QList<Token>& links)
{
    QList<qsizetype> delimiters;
    auto link = links.cbegin();
    for (qsizetype i = 0; i + 1 < text.size(); ++i) {
        if (link != links.cend() && i == link->from) {
            i = link->to - 1;
            ++link;
        } else if (text[i] == u'*' && text[i + 1] == u'*') {
            delimiters.append(i);
            ++i;
        }
    }
    QList<Token> marks;
    for (qsizetype k = 0; k + 1 < delimiters.size(); k += 2) {
        const qsizetype open = delimiters[k];
        const qsizetype close = delimiters[k + 1];
        if (close == open + 2)
            continue;
        marks.append({ Token::Type::BoldOpen, open, open + 2, {}, {} });
        marks.append({ Token::Type::BoldClose, close, close + 2, {}, {} });
    }
    return marks;
}

// The block's text as text, bold marks and (unless inside a link's text) links.
QList<Token> parseInline(QStringView text, bool withLinks)
{
    QList<Token> marks = withLinks ? LinkScanner(text).links() : QList<Token> {};
    marks += boldMarks(text, marks);
    std::sort(marks.begin(), marks.end(), [](const Token& a, const Token& b) { return a.from < b.from; });

    QList<Token> tokens;
    qsizetype position = 0;
    for (const Token& mark : std::as_const(marks)) {
        if (mark.from > position)
            tokens.append({ Token::Type::Text, position, mark.from,
                text.mid(position, mark.from - position).toString(), {} });
        tokens.append(mark);
        position = mark.to;
    }
    if (position < text.size())
        tokens.append({ Token::Type::Text, position, text.size(), text.mid(position).toString(), {} });
    return tokens;
}

// What a link shows: its text, or its address when it has no text and the address is allowed.
QString linkLabel(const Token& link)
{
    if (link.text.trimmed().isEmpty() && isAllowedLinkUrl(link.url))
        return link.url;
    return link.text.trimmed();
}

void appendEscaped(QString& out, QStringView text)
{
    for (const QChar c : text) {
        switch (c.unicode()) {
        case u'<':
            out += u"&lt;";
            break;
        case u'>':
            out += u"&gt;";
            break;
        case u'&':
            out += u"&amp;";
            break;
        case u'"':
            out += u"&quot;";
            break;
        case u'\'':
            out += u"&#39;";
            break;
        case u'\n':
            out += u"<br>";
            break;
        default:
            out += c;
        }
    }
}

QString inlineHtml(QStringView text, bool withLinks);

void appendLinkHtml(QString& out, const Token& link)
{
    const QString label = inlineHtml(linkLabel(link), false);
    if (!isAllowedLinkUrl(link.url)) {
        out += label;
        return;
    }
    out += u"<a href=\"";
    appendEscaped(out, QUrl(link.url, QUrl::StrictMode).toString(QUrl::FullyEncoded));
    out += u"\">" + label + u"</a>";
}

QString inlineHtml(QStringView text, bool withLinks)
{
    QString out;
    for (const Token& token : parseInline(text, withLinks)) {
        switch (token.type) {
        case Token::Type::Text:
            appendEscaped(out, token.text);
            break;
        case Token::Type::BoldOpen:
            out += u"<b>";
            break;
        case Token::Type::BoldClose:
            out += u"</b>";
            break;
        case Token::Type::Link:
            appendLinkHtml(out, token);
            break;
        }
    }
    return out;
}

QString inlinePlain(QStringView text, bool withLinks)
{
    QString out;
    for (const Token& token : parseInline(text, withLinks)) {
        if (token.type == Token::Type::Text)
            out += token.text;
        else if (token.type == Token::Type::Link)
            out += inlinePlain(linkLabel(token), false);
    }
    return out;
}

QString listOpening(const ParsedBlock& item)
{
    if (item.block.kind == Kind::BulletItem)
        return QStringLiteral("<ul>");
    if (item.number == 1)
        return QStringLiteral("<ol>");
    return QStringLiteral("<ol start=\"%1\">").arg(item.number);
}

QString blockHtml(const MarkupBlock& block)
{
    const QString inner = inlineHtml(block.text, true);
    switch (block.kind) {
    case Kind::Heading:
        return QStringLiteral("<h%1>%2</h%1>").arg(block.level).arg(inner);
    case Kind::Paragraph:
        return u"<p>" + inner + u"</p>";
    case Kind::BulletItem:
    case Kind::NumberedItem:
        return u"<li>" + inner + u"</li>";
    }
    return inner;
}

bool isListItem(Kind kind)
{
    return kind == Kind::BulletItem || kind == Kind::NumberedItem;
}

// The number of line breaks (LF, CRLF or CR) in `text`.
int lineBreaks(QStringView text)
{
    int count = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text[i] == u'\n' || (text[i] == u'\r' && (i + 1 == text.size() || text[i + 1] != u'\n')))
            ++count;
    }
    return count;
}

QString shownUrl(const QString& url)
{
    return url.size() > kShownUrlLength ? url.left(kShownUrlLength) + u'…' : url;
}

bool hasAllowedScheme(const QString& url)
{
    return url.startsWith(u"http://", Qt::CaseInsensitive) || url.startsWith(u"https://", Qt::CaseInsensitive)
        || url.startsWith(u"mailto:", Qt::CaseInsensitive);
}

QString urlProblem(const QString& url)
{
    if (hasAllowedScheme(url))
        return QCoreApplication::translate("ContentMarkup", "Địa chỉ liên kết \"%1\" không hợp lệ.")
            .arg(shownUrl(url));
    return QCoreApplication::translate("ContentMarkup",
        "Địa chỉ liên kết \"%1\" không được phép: chỉ dùng địa chỉ bắt đầu bằng http://, https:// hoặc "
        "mailto:.")
        .arg(shownUrl(url));
}

void checkLink(const Token& link, int line, QList<MarkupProblem>& problems)
{
    const bool noText = link.text.trimmed().isEmpty();
    if (noText && link.url.isEmpty()) {
        problems.append({ line,
            QCoreApplication::translate("ContentMarkup", "Liên kết chưa có chữ hiển thị và địa chỉ.") });
        return;
    }
    if (link.url.isEmpty())
        problems.append({ line,
            QCoreApplication::translate("ContentMarkup", "Liên kết \"%1\" chưa có địa chỉ.")
                .arg(link.text.trimmed()) });
    else if (!isAllowedLinkUrl(link.url))
        problems.append({ line, urlProblem(link.url) });
    if (noText && !link.url.isEmpty())
        problems.append({ line,
            QCoreApplication::translate("ContentMarkup", "Liên kết tới \"%1\" chưa có chữ hiển thị.")
                .arg(shownUrl(link.url)) });
}

void checkBlock(const MarkupBlock& block, QList<MarkupProblem>& problems)
{
    if (block.kind == Kind::Heading && block.text.isEmpty())
        problems.append(
            { block.line, QCoreApplication::translate("ContentMarkup", "Dòng tiêu đề chưa có chữ nào.") });
    int line = block.line;
    qsizetype counted = 0;
    for (const Token& token : parseInline(block.text, true)) {
        if (token.type != Token::Type::Link)
            continue;
        line += static_cast<int>(block.text.mid(counted, token.from - counted).count(u'\n'));
        counted = token.from;
        checkLink(token, line, problems);
    }
}

} // namespace

QList<MarkupBlock> parseMarkup(const QString& body)
{
    QList<MarkupBlock> blocks;
    for (const ParsedBlock& parsed : parseBlocks(body))
        blocks.append(parsed.block);
    return blocks;
}

QList<MarkupProblem> checkMarkup(const QString& body)
{
    if (body.size() > kMaxMarkupLength) {
        const int line = lineBreaks(QStringView(body).left(kMaxMarkupLength)) + 1;
        return { { line,
            QCoreApplication::translate(
                "ContentMarkup", "Nội dung dài %L1 ký tự, vượt quá giới hạn %L2 ký tự.")
                .arg(body.size())
                .arg(kMaxMarkupLength) } };
    }
    QList<MarkupProblem> problems;
    for (const ParsedBlock& parsed : parseBlocks(body))
        checkBlock(parsed.block, problems);
    return problems;
}

QString markupToHtml(const QString& body)
{
    QStringList parts;
    // The list being written, if any (a flag beside the kind: GCC's -O2 mistakes an optional enum here for
    // one read uninitialised).
    bool inList = false;
    Kind openList = Kind::BulletItem;
    const auto closeList = [&] {
        parts.append(openList == Kind::BulletItem ? QStringLiteral("</ul>") : QStringLiteral("</ol>"));
        inList = false;
    };
    for (const ParsedBlock& parsed : parseBlocks(body)) {
        const Kind kind = parsed.block.kind;
        if (inList && openList != kind)
            closeList();
        if (isListItem(kind) && !inList) {
            parts.append(listOpening(parsed));
            openList = kind;
            inList = true;
        }
        parts.append(blockHtml(parsed.block));
    }
    if (inList)
        closeList();
    return parts.join(u'\n');
}

QString markupToPlainText(const QString& body)
{
    QStringList lines;
    for (const ParsedBlock& parsed : parseBlocks(body)) {
        while (lines.size() < parsed.block.line - 1)
            lines.append(QString());
        lines += inlinePlain(parsed.block.text, true).split(u'\n');
    }
    return lines.join(u'\n');
}

bool isAllowedLinkUrl(const QString& url)
{
    if (url.isEmpty() || std::any_of(url.cbegin(), url.cend(), [](QChar c) {
            return c.isSpace() || c.category() == QChar::Other_Control;
        }))
        return false;
    const QUrl parsed(url, QUrl::StrictMode);
    if (!parsed.isValid() || !hasAllowedScheme(url))
        return false;
    if (parsed.scheme() == u"mailto")
        return !parsed.path().isEmpty();
    return !parsed.host().isEmpty();
}

} // namespace sotay::content
