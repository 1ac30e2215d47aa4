// SPDX-License-Identifier: GPL-3.0-or-later
#include "text/vietnamese_text.h"

#include <QStringList>

#include <array>
#include <iterator>
#include <utility>

namespace sotay::text {

namespace {

// fold() looks every UTF-16 unit below this up in a table built once: it covers Latin, Greek, Cyrillic
// and Latin Extended Additional (ạ ... ỹ), so a Vietnamese name never reaches the slower path.
constexpr char16_t kFoldTableSize = 0x2000;
constexpr char16_t kFoldDrop = 0xFFFF;  // a combining mark
constexpr char16_t kFoldSpace = 0xFFFE; // white space

constexpr char16_t kFieldSeparator = u' ';
constexpr char16_t kWordSeparator = u'!';
constexpr char16_t kWordEnd = u'#';
constexpr char16_t kOtherLetter = u'~';
constexpr char16_t kFirstLetterCode = u':'; // just above '9'
constexpr char16_t kAlphabet[] = u"aăâbcdđeêfghijklmnoôơpqrstuưvwxyz";

bool isMark(QChar::Category category)
{
    return category == QChar::Mark_NonSpacing || category == QChar::Mark_SpacingCombining
        || category == QChar::Mark_Enclosing;
}

// Lower case đ, also standing in for Ð/ð (eth): text decoded from the legacy Vietnamese code pages as
// Latin-1 carries those instead of Đ/đ.
char32_t lowerD(char32_t lower)
{
    return lower == 0x00F0 ? char32_t { 0x0111 } : lower;
}

char16_t foldUnit(char16_t c)
{
    if (QChar::isSpace(c))
        return kFoldSpace;
    if (isMark(QChar::category(c)))
        return kFoldDrop;
    char32_t base = c;
    if (c < kFoldTableSize) {
        while (QChar::decompositionTag(base) == QChar::Canonical)
            base = QChar::decomposition(base).front().unicode();
    }
    const char32_t lower = lowerD(QChar::toLower(base));
    return lower == 0x0111 ? u'd' : static_cast<char16_t>(lower);
}

const std::array<char16_t, kFoldTableSize>& foldTable()
{
    static const auto table = [] {
        std::array<char16_t, kFoldTableSize> t {};
        for (char16_t c = 0; c < kFoldTableSize; ++c)
            t[c] = foldUnit(c);
        return t;
    }();
    return table;
}

char16_t letterCode(char32_t lower)
{
    for (std::size_t i = 0; i + 1 < std::size(kAlphabet); ++i) {
        if (kAlphabet[i] == lower)
            return static_cast<char16_t>(kFirstLetterCode + i);
    }
    return 0;
}

char16_t toneDigit(char16_t mark)
{
    switch (mark) {
    case 0x0300:
        return u'1'; // huyền
    case 0x0309:
        return u'2'; // hỏi
    case 0x0303:
        return u'3'; // ngã
    case 0x0301:
        return u'4'; // sắc
    case 0x0323:
        return u'5'; // nặng
    default:
        return 0;
    }
}

// The letter made by a breve, circumflex or horn on a base letter, or 0.
char32_t withModifier(char32_t letter, char16_t mark)
{
    switch (mark) {
    case 0x0306:
        return letter == u'a' ? U'ă' : 0;
    case 0x0302:
        return letter == u'a' ? U'â' : letter == u'e' ? U'ê' : letter == u'o' ? U'ô' : 0;
    case 0x031B:
        return letter == u'o' ? U'ơ' : letter == u'u' ? U'ư' : 0;
    default:
        return 0;
    }
}

void appendHex(QString& out, char32_t c)
{
    static constexpr char16_t digits[] = u"0123456789ABCDEF";
    for (int shift = 12; shift >= 0; shift -= 4)
        out += QChar(digits[(c >> shift) & 0xF]);
}

} // namespace

QString nfc(const QString& s)
{
    return s.normalized(QString::NormalizationForm_C);
}

QString cleanText(const QString& s)
{
    return nfc(s).simplified();
}

// For Latin, Greek and Cyrillic text the same as lower-casing cleanText(s) and stripping its marks, but in
// one pass without normalizing: the table maps a precomposed letter straight to its base letter and drops the
// marks of NFD input.
QString fold(const QString& s)
{
    if (s.isEmpty())
        return {};
    const auto& table = foldTable();
    QString out(s.size(), Qt::Uninitialized);
    QChar* o = out.data();
    qsizetype n = 0;
    bool pendingSpace = false;
    for (const QChar ch : s) {
        const char16_t c = ch.unicode();
        const char16_t f = c < kFoldTableSize ? table[c] : foldUnit(c);
        if (f == kFoldDrop)
            continue;
        if (f == kFoldSpace) {
            pendingSpace = n > 0;
            continue;
        }
        if (pendingSpace) {
            o[n++] = QChar(u' ');
            pendingSpace = false;
        }
        o[n++] = QChar(f);
    }
    out.truncate(n);
    return out;
}

QString sortKey(const QString& text)
{
    const QString d = text.normalized(QString::NormalizationForm_D);
    QString key;
    key.reserve(d.size() + 8);
    bool inWord = false; // the current word has had a letter
    char16_t tone = 0;   // the first tone mark seen in the current word
    char32_t letter = 0; // the letter a following breve, circumflex or horn modifies
    const auto endWord = [&] {
        if (inWord) {
            key += QChar(kWordEnd);
            if (tone != 0)
                key += QChar(tone);
        }
        inWord = false;
        tone = 0;
        letter = 0;
    };
    for (const QChar ch : d) {
        if (ch.isSpace()) {
            endWord();
            continue;
        }
        if (isMark(ch.category())) {
            if (const char16_t t = toneDigit(ch.unicode()); t != 0) {
                if (tone == 0)
                    tone = t;
            } else if (const char32_t m = withModifier(letter, ch.unicode()); m != 0) {
                key.back() = QChar(letterCode(m));
                letter = m;
            }
            continue;
        }
        letter = 0;
        char16_t code = 0;
        const char32_t lower = lowerD(QChar::toLower(ch.unicode()));
        if (ch.isDigit())
            code = static_cast<char16_t>(u'0' + ch.digitValue());
        else if (ch.isLetter())
            code = letterCode(lower);
        else
            continue; // punctuation, hyphens, apostrophes
        if (!inWord && !key.isEmpty())
            key += QChar(kWordSeparator);
        inWord = true;
        if (code != 0) {
            key += QChar(code);
            letter = lower;
        } else {
            key += QChar(kOtherLetter);
            appendHex(key, lower);
        }
    }
    endWord();
    return key;
}

QString nameSortKey(const QString& givenName, const QString& middleName, const QString& familyName)
{
    return sortKey(givenName) + QChar(kFieldSeparator) + sortKey(middleName) + QChar(kFieldSeparator)
        + sortKey(familyName);
}

PersonName splitFullName(const QString& fullName)
{
    const QStringList words = cleanText(fullName).split(QChar(u' '), Qt::SkipEmptyParts);
    PersonName name;
    if (words.isEmpty())
        return name;
    name.givenName = words.last();
    if (words.size() > 1) {
        name.familyName = words.first();
        name.middleName = words.mid(1, words.size() - 2).join(QChar(u' '));
    }
    return name;
}

QString joinFullName(const QString& family, const QString& middle, const QString& given)
{
    QStringList parts;
    for (const QString* part : { &family, &middle, &given }) {
        QString cleaned = cleanText(*part);
        if (!cleaned.isEmpty())
            parts.append(std::move(cleaned));
    }
    return parts.join(QChar(u' '));
}

} // namespace sotay::text
