// SPDX-License-Identifier: GPL-3.0-or-later
#include "text/vietnamese_text.h"

#include <QStringList>

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

namespace {

using namespace sotay::text;

QString vi(const char16_t* s)
{
    return QString::fromUtf16(s);
}
QString nfd(const QString& s)
{
    return s.normalized(QString::NormalizationForm_D);
}

// Assertions compare UTF-8 std::strings: Boost.Test prints those when a check fails, and takes a QString
// for a collection of QChars it cannot print.
std::string str(const QString& s)
{
    return s.toStdString();
}

std::string parts(const PersonName& name)
{
    return str(name.familyName) + '|' + str(name.middleName) + '|' + str(name.givenName);
}

// Keys are compared as the database compares them: as bytes.
std::string key(const QString& s)
{
    return sortKey(s).toStdString();
}

QString rosterKey(const QString& fullName)
{
    const PersonName name = splitFullName(fullName);
    return nameSortKey(name.givenName, name.middleName, name.familyName);
}

// Byte order, as ORDER BY compares the stored keys. BOOST_TEST(a < b) on two std::strings does not compare
// them lexicographically, so the comparison is made here.
void checkBefore(const std::string& a, const std::string& b, const std::string& what)
{
    BOOST_TEST((a < b), what << ": [" << a << "] < [" << b << "]");
}

// Each text's key must be strictly below the next one's.
void checkAscending(const QStringList& texts)
{
    for (qsizetype i = 0; i + 1 < texts.size(); ++i)
        checkBefore(key(texts[i]), key(texts[i + 1]), str(texts[i]) + " < " + str(texts[i + 1]));
}

bool isPrintableAscii(const QString& s)
{
    return std::all_of(
        s.begin(), s.end(), [](QChar c) { return c.unicode() >= 0x20 && c.unicode() <= 0x7E; });
}

} // namespace

BOOST_AUTO_TEST_SUITE(vietnamese_text_tests)

BOOST_AUTO_TEST_CASE(nfc_composes_decomposed_input)
{
    const QString composed = vi(u"Nguy\u1EC5n Th\u1ECB \u0110\u1EA3ng");
    BOOST_TEST(str(composed) == "Nguyễn Thị Đảng");
    BOOST_TEST(str(nfc(vi(u"Nguye\u0302\u0303n Thi\u0323 \u0110a\u0309ng"))) == str(composed));
    BOOST_TEST(str(nfc(nfd(composed))) == str(composed));
    BOOST_TEST(nfd(composed).size() == composed.size() + 4);
    BOOST_TEST(nfc(nfd(composed)).size() == composed.size());
    BOOST_TEST(str(nfc(vi(u"Hoa\u0300"))) == "Hoà"); // NFC keeps where the tone mark sits
    BOOST_TEST(str(nfc(vi(u"Ho\u0300a"))) == "Hòa");
}

BOOST_AUTO_TEST_CASE(clean_text_collapses_white_space)
{
    BOOST_TEST(str(cleanText(vi(u"  Nguyễn\t\u00A0Thị \n Minh \r\n  Khai\u00A0"))) == "Nguyễn Thị Minh Khai");
    const QString decomposed = vi(u"Tr\u00E2\u0300n\u2003\u2003Ph\u00FA");
    BOOST_TEST(str(cleanText(decomposed)) == "Trần Phú");
    BOOST_TEST(cleanText(decomposed).size() == 8);
    BOOST_TEST(str(cleanText(vi(u"ĐB-01"))) == "ĐB-01");
    BOOST_TEST(str(cleanText(vi(u" \t\u00A0\n "))) == "");
    BOOST_TEST(str(cleanText(QString())) == "");
}

BOOST_AUTO_TEST_CASE(fold_strips_marks_and_d_stroke)
{
    BOOST_TEST(str(fold(vi(u"Nguyễn Thị Đảng"))) == "nguyen thi dang");
    BOOST_TEST(str(fold(vi(u"Trần Hưng Đạo"))) == "tran hung dao");
    BOOST_TEST(str(fold(vi(u"Ưng Hoàng Phúc"))) == "ung hoang phuc");
    BOOST_TEST(str(fold(vi(u"đ Đ"))) == "d d");
    // Ð (eth) stands in for Đ in text decoded from legacy code pages.
    BOOST_TEST(str(fold(vi(u"\u00D0\u00E0o \u00F0\u1EE9c"))) == "dao duc");

    const QString vowels = vi(u"àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ");
    const std::string expected = std::string(17, 'a') + std::string(11, 'e') + std::string(5, 'i')
        + std::string(17, 'o') + std::string(11, 'u') + std::string(5, 'y') + 'd';
    BOOST_TEST(str(fold(vowels)) == expected);
    BOOST_TEST(str(fold(vowels.toUpper())) == expected);
    BOOST_TEST(str(fold(nfd(vowels))) == expected);
}

BOOST_AUTO_TEST_CASE(fold_is_the_same_for_both_unicode_forms_and_any_case)
{
    const std::string expected = "nguyen thi dang";
    BOOST_TEST(str(fold(nfd(vi(u"Nguyễn Thị Đảng")))) == expected);
    BOOST_TEST(str(fold(vi(u"Nguye\u0302\u0303n Thi\u0323 \u0110a\u0309ng"))) == expected);
    BOOST_TEST(str(fold(vi(u"NGUYỄN THỊ ĐẢNG"))) == expected);
    BOOST_TEST(str(fold(vi(u"nGuYễN tHị đẢnG"))) == expected);
    BOOST_TEST(str(fold(nfd(vi(u"NGUYỄN THỊ ĐẢNG")))) == expected);
    BOOST_TEST(str(fold(vi(u"Hoà"))) == "hoa");
    BOOST_TEST(str(fold(vi(u"Hòa"))) == "hoa");
    BOOST_TEST(str(fold(vi(u"  Trần\tVăn\u00A0\u00A0Ơn \n"))) == "tran van on");
    BOOST_TEST(str(fold(vi(u" \t "))) == "");
    BOOST_TEST(str(fold(QString())) == "");
}

BOOST_AUTO_TEST_CASE(fold_keeps_ascii_and_punctuation)
{
    BOOST_TEST(str(fold(vi(u"ABC-123 x/y, 27-CT/TU"))) == "abc-123 x/y, 27-ct/tu");
    BOOST_TEST(str(fold(vi(u"already folded"))) == "already folded");
    const QStringList names { vi(u"Phạm Văn Đồng"), vi(u"Võ Nguyên Giáp"), vi(u"Lê Thị Hồng Gấm"),
        vi(u"Nguyễn Thị Minh Khai"), nfd(vi(u"Hồ Tùng Mậu")), vi(u"Ê-ban H'Hen Niê") };
    for (const QString& name : names) {
        const QString folded = fold(name);
        BOOST_TEST(std::all_of(folded.begin(), folded.end(), [](QChar c) { return c.unicode() < 0x80; }),
            str(folded));
    }
}

BOOST_AUTO_TEST_CASE(sort_key_has_a_fixed_printable_encoding)
{
    // Stored keys depend on this encoding; a change here means recomputing every stored key.
    BOOST_TEST(key(vi(u"Ánh")) == ":KE#4");
    BOOST_TEST(key(vi(u"An")) == ":K#");
    BOOST_TEST(key(vi(u"Nguyễn Thị")) == "KDTYBK#3!SEF#5");
    BOOST_TEST(key(vi(u"Đức")) == "@U>#4");
    BOOST_TEST(key(vi(u"Zô 12a")) == "ZM#!12:#");
    BOOST_TEST(key(vi(u"ß")) == "~00DF#");
    BOOST_TEST(key(QString()) == "");
    BOOST_TEST(str(nameSortKey(vi(u"Khai"), QString(), vi(u"Lê"))) == "HE:F#  IB#");
    BOOST_TEST(str(nameSortKey(vi(u"Khai"), vi(u"Thị Minh"), vi(u"Nguyễn"))) == "HE:F# SEF#5!JFKE# KDTYBK#3");

    for (const QString& name : { vi(u"Nguyễn Thị Minh Khai"), nfd(vi(u"Đặng Thùy Trâm")),
             vi(u"Ê-đê H'Hen Niê"), vi(u"Müller Straße 7"), vi(u"Trần \"Phú\" #1 !") }) {
        BOOST_TEST(isPrintableAscii(sortKey(name)), str(name));
        BOOST_TEST(isPrintableAscii(rosterKey(name)), str(name));
    }
}

BOOST_AUTO_TEST_CASE(sort_key_orders_letters_in_vietnamese_alphabet)
{
    checkAscending(
        vi(u"0 1 2 9 a ă â b c d đ e ê f g h i j k l m n o ô ơ p q r s t u ư v w x y z").split(u' '));
    checkAscending(vi(u"A Ă Â B C D Đ E Ê F G H I J K L M N O Ô Ơ P Q R S T U Ư V W X Y Z").split(u' '));
    checkAscending({ vi(u"Ăn"), vi(u"Âm") });
    checkAscending({ vi(u"Uyên"), vi(u"Ưng"), vi(u"Vân") });
    checkAscending({ vi(u"Oanh"), vi(u"Ôn"), vi(u"Ơn"), vi(u"Phong") });
    checkAscending({ vi(u"Em"), vi(u"Ê"), vi(u"Ếch") });        // ê is a letter after e, not e with a mark
    checkAscending({ vi(u"Tổ 10"), vi(u"Tổ 9"), vi(u"Tổ A") }); // digits compare one by one, not as numbers
}

BOOST_AUTO_TEST_CASE(sort_key_orders_tones)
{
    checkAscending({ vi(u"ma"), vi(u"mà"), vi(u"mả"), vi(u"mã"), vi(u"má"), vi(u"mạ") });
    checkAscending({ vi(u"Huy"), vi(u"Huỳ"), vi(u"Huỷ"), vi(u"Huỹ"), vi(u"Huý"), vi(u"Huỵ") });
    // Letters first: the tone only decides between words with the same letters.
    checkAscending({ vi(u"mà"), vi(u"mạ"), vi(u"mai"), vi(u"mă") });
    checkAscending({ vi(u"Hà Anh"), vi(u"Hạ") }); // a word's tone decides before the next word

    QStringList shuffled { vi(u"mã"), vi(u"mạ"), vi(u"ma"), vi(u"má"), vi(u"mả"), vi(u"mà") };
    std::sort(
        shuffled.begin(), shuffled.end(), [](const QString& a, const QString& b) { return key(a) < key(b); });
    BOOST_TEST(str(shuffled.join(u' ')) == "ma mà mả mã má mạ");
}

BOOST_AUTO_TEST_CASE(sort_key_ignores_case_form_punctuation_and_tone_position)
{
    const QString hoaNew = vi(u"H\u00F2a"); // Hòa
    const QString hoaOld = vi(u"Ho\u00E0"); // Hoà
    BOOST_TEST(str(hoaNew) != str(hoaOld));
    BOOST_TEST(key(hoaNew) == key(hoaOld));
    BOOST_TEST(key(vi(u"Thủy")) == key(vi(u"Thuỷ")));
    BOOST_TEST(key(vi(u"Hoa\u0300")) == key(hoaNew));

    const QString name = vi(u"Nguyễn Thị Đảng");
    BOOST_TEST(key(nfd(name)) == key(name));
    BOOST_TEST(key(vi(u"Nguye\u0302\u0303n Thi\u0323 \u0110a\u0309ng")) == key(name));
    BOOST_TEST(key(vi(u"NGUYỄN THỊ ĐẢNG")) == key(name));
    BOOST_TEST(key(vi(u"nGuYễN tHị đẢnG")) == key(name));
    // ậ is a, dot below, circumflex in NFD; the marks may also come the other way round.
    BOOST_TEST(key(vi(u"Tha\u0323\u0302t")) == key(vi(u"Thật")));
    BOOST_TEST(key(vi(u"Tha\u0302\u0323t")) == key(vi(u"Thật")));
    BOOST_TEST(key(vi(u"\u00D0\u00E0o")) == key(vi(u"Đào")));

    BOOST_TEST(key(vi(u"H'Hen Niê")) == key(vi(u"HHen Niê")));
    BOOST_TEST(key(vi(u"Ê-đê")) == key(vi(u"Êđê")));
    BOOST_TEST(key(vi(u"Nguyễn - Văn")) == key(vi(u"Nguyễn Văn")));
    BOOST_TEST(key(vi(u"  Anh \t\u00A0Trần ")) == key(vi(u"Anh Trần")));
    BOOST_TEST(key(vi(u"Müller")) == key(vi(u"Muller")));
    BOOST_TEST(key(vi(u"Hòa")) != key(vi(u"Hóa")));
    BOOST_TEST(key(vi(u"Đức")) != key(vi(u"Dức")));
}

BOOST_AUTO_TEST_CASE(sort_key_orders_given_names)
{
    checkAscending({ vi(u"An"), vi(u"Anh"), vi(u"Ánh"), vi(u"Ân"), vi(u"Bình"), vi(u"Chi"), vi(u"Dũng"),
        vi(u"Dương"), vi(u"Đức"), vi(u"Hà"), vi(u"Hải"), vi(u"Hạnh"), vi(u"Hòa"), vi(u"Thảo"), vi(u"Uyên"),
        vi(u"Ưng"), vi(u"Vân"), vi(u"Yến") });
    checkAscending({ vi(u"Ánh"), vi(u"Bình"), vi(u"Đức"), vi(u"Hà") });
}

BOOST_AUTO_TEST_CASE(sort_key_compares_words_first_to_last)
{
    checkAscending(
        { vi(u"Anh"), vi(u"Anh Lê"), vi(u"Anh Trần"), vi(u"Anh Trần Văn"), vi(u"Ánh"), vi(u"Ánh An") });
    checkAscending({ vi(u"Bình Trầm Hương"), vi(u"Bình Trần") }); // the second word decides, not the length
}

BOOST_AUTO_TEST_CASE(name_sort_key_sorts_roster)
{
    const QStringList expected { vi(u"Lê An"), vi(u"Hoàng Đức An"), vi(u"Nguyễn Văn An"), vi(u"Trần Văn An"),
        vi(u"Nguyễn Thị Anh"), vi(u"Lê Thị Ngọc Ánh"), vi(u"Phạm Hồng Ân"), vi(u"Võ Văn Bình"),
        vi(u"Đặng Thị Kim Chi"), vi(u"Huỳnh Tiến Dũng"), vi(u"Trịnh Văn Dương"), vi(u"Bùi Minh Đức"),
        vi(u"Nguyễn Thu Hà"), vi(u"Trương Văn Hải"), vi(u"Đỗ Thị Hạnh"), vi(u"Phan Thanh Hoà"),
        vi(u"Lý Văn Hòa"), vi(u"Mai Phương Thảo"), vi(u"Nguyễn Thị Thảo"), vi(u"Trần Thị Thanh Thảo"),
        vi(u"Lâm Thị Uyên") };

    // Shuffled by hand, some names decomposed.
    const QStringList input { vi(u"Đỗ Thị Hạnh"), vi(u"Trần Văn An"), nfd(vi(u"Mai Phương Thảo")),
        vi(u"Bùi Minh Đức"), vi(u"Lâm Thị Uyên"), vi(u"Nguyễn Văn An"), nfd(vi(u"Lý Văn Hòa")),
        vi(u"Phạm Hồng Ân"), vi(u"Trần Thị Thanh Thảo"), vi(u"Huỳnh Tiến Dũng"), nfd(vi(u"Lê Thị Ngọc Ánh")),
        vi(u"Lê An"), vi(u"Phan Thanh Hoà"), vi(u"Trương Văn Hải"), vi(u"Nguyễn Thị Anh"),
        nfd(vi(u"Đặng Thị Kim Chi")), vi(u"Nguyễn Thu Hà"), vi(u"Hoàng Đức An"), vi(u"Nguyễn Thị Thảo"),
        vi(u"Trịnh Văn Dương"), vi(u"Võ Văn Bình") };
    BOOST_REQUIRE(input.size() == expected.size());

    // As ORDER BY on the stored key would: byte order.
    std::vector<std::pair<std::string, QString>> rows;
    for (const QString& name : input)
        rows.emplace_back(str(rosterKey(name)), name);
    std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    QStringList sorted;
    for (const auto& row : rows)
        sorted.append(nfc(row.second));
    BOOST_TEST(str(sorted.join(u'|')) == str(expected.join(u'|')));
}

BOOST_AUTO_TEST_CASE(name_sort_key_orders_equal_given_names_by_middle_then_family)
{
    const auto k = [](const char16_t* given, const char16_t* middle, const char16_t* family) {
        return str(nameSortKey(vi(given), vi(middle), vi(family)));
    };
    // The middle name decides before the family name.
    checkBefore(k(u"An", u"Đức", u"Trần"), k(u"An", u"Văn", u"Hoàng"), "Trần Đức An < Hoàng Văn An");
    checkBefore(k(u"An", u"Văn", u"Nguyễn"), k(u"An", u"Văn", u"Trần"), "Nguyễn Văn An < Trần Văn An");
    // A missing middle name sorts before any, and fewer middle words before more.
    checkBefore(k(u"Khai", u"", u"Lê"), k(u"Khai", u"An", u"Bùi"), "Lê Khai < Bùi An Khai");
    checkBefore(k(u"Khai", u"Thị", u"Nguyễn"), k(u"Khai", u"Thị Minh", u"Bùi"),
        "Nguyễn Thị Khai < Bùi Thị Minh Khai");
    checkBefore(k(u"Khai", u"", u"Lê"), k(u"Khai", u"", u"Nguyễn"), "Lê Khai < Nguyễn Khai");
    // The given name decides first, whatever follows it.
    checkBefore(k(u"An", u"Văn", u"Trần"), k(u"Anh", u"", u"An"), "Trần Văn An < An Anh");
    checkBefore(k(u"Anh", u"Văn", u"Trần"), k(u"Ánh", u"", u""), "Trần Văn Anh < Ánh");
    BOOST_TEST(k(u"Hòa", u"Văn", u"Lý") == k(u"Hoà", u"Văn", u"Lý"));
    BOOST_TEST(k(u"Hòa", u"Văn", u"Lý") == str(nameSortKey(vi(u"HÒA"), nfd(vi(u"văn")), vi(u"L\u00FD"))));
}

BOOST_AUTO_TEST_CASE(split_full_name_into_parts)
{
    BOOST_TEST(parts(splitFullName(vi(u"Nguyễn Thị Minh Khai"))) == "Nguyễn|Thị Minh|Khai");
    BOOST_TEST(parts(splitFullName(vi(u"Võ Nguyên Giáp"))) == "Võ|Nguyên|Giáp");
    BOOST_TEST(parts(splitFullName(vi(u"Lê Lợi"))) == "Lê||Lợi");
    BOOST_TEST(parts(splitFullName(vi(u"Khai"))) == "||Khai");
    BOOST_TEST(parts(splitFullName(vi(u" \t "))) == "||");
    BOOST_TEST(parts(splitFullName(vi(u"  Nguye\u0302\u0303n\u00A0 Thi\u0323\tMinh \n Khai ")))
        == "Nguyễn|Thị Minh|Khai");
    BOOST_TEST((splitFullName(vi(u"Lê Lợi")) == PersonName { vi(u"Lê"), QString(), vi(u"Lợi") }));
}

BOOST_AUTO_TEST_CASE(join_full_name_skips_empty_parts)
{
    BOOST_TEST(str(joinFullName(vi(u"Nguyễn"), vi(u"Thị Minh"), vi(u"Khai"))) == "Nguyễn Thị Minh Khai");
    BOOST_TEST(str(joinFullName(vi(u"Lê"), QString(), vi(u"Lợi"))) == "Lê Lợi");
    BOOST_TEST(str(joinFullName(QString(), QString(), vi(u"Khai"))) == "Khai");
    BOOST_TEST(str(joinFullName(vi(u" Trần "), vi(u"Văn\t\tÔn "), vi(u" "))) == "Trần Văn Ôn");
    BOOST_TEST(str(joinFullName(QString(), QString(), QString())) == "");

    for (const QString& full :
        { vi(u"Nguyễn Thị Minh Khai"), vi(u"Lê Lợi"), vi(u"Khai"), vi(u"Tôn Nữ Thị Ninh") }) {
        const PersonName name = splitFullName(full);
        BOOST_TEST(str(joinFullName(name.familyName, name.middleName, name.givenName)) == str(full));
    }
}

BOOST_AUTO_TEST_SUITE_END()
