// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

// Vietnamese text: the stored form, cleaning, search folding, sort keys and the parts of a name.
namespace sotay::text {

// Unicode NFC, the form every stored text is in.
QString nfc(const QString& s);

// NFC, trimmed, every run of white space (tabs, NBSP, new lines) made one ASCII space.
// For single-line fields such as names and codes.
QString cleanText(const QString& s);

// The one search-folding function, applied to stored search keys and to queries alike: cleanText, lower
// case, đ -> d, combining marks stripped. "Nguyễn Thị Đảng" -> "nguyen thi dang" in either Unicode form.
QString fold(const QString& s);

// A printable-ASCII key whose plain byte order is the Vietnamese order, to be stored and used in ORDER BY
// (SQLite BINARY, PostgreSQL COLLATE "C"). Each word is encoded as
//   one code per letter: '0'..'9' for digits, then ':'..'Z' for a ă â b c d đ e ê f g h i j k l m n o ô ơ
//   p q r s t u ư v w x y z; then '#' (end of word); then the word's tone: nothing, '1' huyền, '2' hỏi,
//   '3' ngã, '4' sắc, '5' nặng;
// words are joined by '!'. Case, Unicode form, punctuation and where the tone mark sits are ignored; a
// letter outside the alphabet is '~' and its code in four hex digits. Stored keys depend on this
// encoding: changing it means recomputing them.
QString sortKey(const QString& text);

// Roster order: given name, then middle name, then family name. The three keys are joined by ' ' (below
// '!'), so a missing middle name sorts before any middle name.
QString nameSortKey(const QString& givenName, const QString& middleName, const QString& familyName);

struct PersonName {
    QString familyName; // họ
    QString middleName; // tên đệm: may be empty or several words
    QString givenName;  // tên
    friend bool operator==(const PersonName&, const PersonName&) = default;
};

// First word the family name, last word the given name, the words between the middle name;
// a single word is a given name.
PersonName splitFullName(const QString& fullName);

// The cleaned parts joined by single spaces, empty parts left out.
QString joinFullName(const QString& family, const QString& middle, const QString& given);

} // namespace sotay::text
