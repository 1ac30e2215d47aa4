// SPDX-License-Identifier: GPL-3.0-or-later
#include "content/classification_stamp.h"

#include <QStringList>

#include <boost/test/unit_test.hpp>

#include <string>

namespace {

using namespace sotay::content;

QString vi(const char16_t* s)
{
    return QString::fromUtf16(s);
}

QString nfd(const QString& s)
{
    return s.normalized(QString::NormalizationForm_D);
}

std::string str(const QString& s)
{
    return s.toStdString();
}

// "line: stamp", or "none", so that a failing check prints what was found.
std::string found(const QString& text)
{
    const auto finding = findClassificationStamp(text);
    return finding ? std::to_string(finding->line) + ": " + str(finding->stamp) : std::string("none");
}

std::string found(const char16_t* text)
{
    return found(vi(text));
}

} // namespace

BOOST_AUTO_TEST_SUITE(classification_stamp_tests)

BOOST_AUTO_TEST_CASE(the_three_stamps_on_a_line_of_their_own)
{
    BOOST_TEST(found(u"MẬT") == "1: MẬT");
    BOOST_TEST(found(u"Báo cáo\nTỐI MẬT\nNội dung") == "2: TỐI MẬT");
    BOOST_TEST(found(u"\n\n   TUYỆT MẬT   \n") == "3: TUYỆT MẬT");
    BOOST_TEST(found(u"\tMẬT\u00A0") == "1: MẬT");
}

BOOST_AUTO_TEST_CASE(stamps_without_diacritics_or_with_some_lost)
{
    BOOST_TEST(found(u"MAT") == "1: MAT");
    BOOST_TEST(found(u"TOI MAT") == "1: TOI MAT");
    BOOST_TEST(found(u"TUYET MAT") == "1: TUYET MAT");
    BOOST_TEST(found(u"MÂT") == "1: MÂT");
    BOOST_TEST(found(u"TỐI MAT") == "1: TỐI MAT");
    BOOST_TEST(found(u"TÔI MẠT") == "1: TÔI MẠT");
}

BOOST_AUTO_TEST_CASE(stamps_with_odd_spacing)
{
    BOOST_TEST(found(u"TUYỆT  MẬT") == "1: TUYỆT  MẬT");
    BOOST_TEST(found(u"TUYỆTMẬT") == "1: TUYỆTMẬT");
    BOOST_TEST(found(u"TỐI\tMẬT") == "1: TỐI\tMẬT");
    BOOST_TEST(found(u"T Ố I   M Ậ T") == "1: T Ố I   M Ậ T");
    BOOST_TEST(found(u"TOIMAT") == "1: TOIMAT");
}

BOOST_AUTO_TEST_CASE(stamps_inside_decorations)
{
    BOOST_TEST(found(u"\"MẬT\"") == "1: MẬT");
    BOOST_TEST(found(u"“TỐI MẬT”") == "1: TỐI MẬT");
    BOOST_TEST(found(u"[TUYỆT MẬT]") == "1: TUYỆT MẬT");
    BOOST_TEST(found(u"(MẬT)") == "1: MẬT");
    BOOST_TEST(found(u"**TỐI MẬT**") == "1: TỐI MẬT");
    BOOST_TEST(found(u"--- MẬT ---") == "1: MẬT");
    BOOST_TEST(found(u"– TUYỆT MẬT –") == "1: TUYỆT MẬT");
    BOOST_TEST(found(u"« MẬT »") == "1: MẬT");
    BOOST_TEST(found(u"| TỐI MẬT |") == "1: TỐI MẬT");
    BOOST_TEST(found(u"# MẬT") == "1: MẬT");
    BOOST_TEST(found(u"  *  [ \"MẬT\" ]  *  ") == "1: MẬT");
}

BOOST_AUTO_TEST_CASE(the_classification_field_anywhere_in_any_case)
{
    BOOST_TEST(found(u"Độ mật: Tối mật") == "1: Độ mật: Tối mật");
    BOOST_TEST(found(u"Số: 12-BC/TU     Độ mật: Mật") == "1: Độ mật: Mật");
    BOOST_TEST(found(u"Do mat: Mat") == "1: Do mat: Mat");
    BOOST_TEST(found(u"ĐỘ MẬT :") == "1: ĐỘ MẬT :");
    BOOST_TEST(found(u"độ  mật:x") == "1: độ  mật:x");
    BOOST_TEST(found(u"Tiêu đề\nĐộ Mật：Tuyệt mật") == "2: Độ Mật：Tuyệt mật");
    BOOST_TEST(
        found(u"\u00D0\u1ED8 M\u1EACT: M\u1EACT") == "1: ÐỘ MẬT: MẬT"); // Ð (eth) from a legacy code page
    // A long line is cut in the finding.
    BOOST_TEST(found(vi(u"Độ mật: ") + QString(100, u'x')) == "1: Độ mật: " + std::string(32, 'x') + "…");
}

BOOST_AUTO_TEST_CASE(the_syllable_in_ordinary_text_is_no_stamp)
{
    for (const char16_t* text : { u"Giữ bí mật công tác.", u"Đổi mật khẩu định kỳ.",
             u"Bảo vệ bí mật nhà nước", u"Mật độ dân số của tỉnh tăng.", u"Mật", u"mật", u"MẬT KHẨU",
             u"# MẬT KHẨU", u"BÍ MẬT", u"BẢO VỆ BÍ MẬT NHÀ NƯỚC", u"Tối mật", u"Tuyệt mật", u"tuyệt mật",
             u"MẶT", u"MÁT", u"TỐI MẶT", u"TÀI LIỆU MẬT", u"MẬT ONG", u"MẬT.", u"Độ mật của thông tin",
             u"Mật độ: 300 người/km²", u"Đỗ Mặt: 5 phiếu", u"Lido mat: x", u"", u"\n\n" })
        BOOST_TEST(found(text) == "none", str(vi(text)));
}

BOOST_AUTO_TEST_CASE(decomposed_input_is_normalised)
{
    BOOST_TEST(found(nfd(vi(u"Báo cáo\nTỐI MẬT"))) == "2: TỐI MẬT");
    BOOST_TEST(found(nfd(vi(u"[TUYỆT MẬT]"))) == "1: TUYỆT MẬT");
    BOOST_TEST(found(nfd(vi(u"Độ mật: Mật"))) == "1: Độ mật: Mật");
    BOOST_TEST(found(vi(u"TO\u0302\u0301I MA\u0302\u0323T")) == "1: TỐI MẬT");
    BOOST_TEST(found(vi(u"TO\u0302\u0301I MA\u0323\u0302T")) == "1: TỐI MẬT"); // marks in either order
    BOOST_TEST(found(nfd(vi(u"Giữ bí mật\nMật\nMẶT"))) == "none");
}

BOOST_AUTO_TEST_CASE(a_stamp_deep_in_a_long_document)
{
    QStringList lines;
    for (int i = 1; i <= 400; ++i)
        lines.append(vi(u"Dòng %1: bảo vệ bí mật nhà nước, đổi mật khẩu, mật độ dân số.").arg(i));
    lines[199] = vi(u"   TUYỆT MẬT   ");
    BOOST_TEST(found(lines.join(u'\n')) == "200: TUYỆT MẬT");
    BOOST_TEST(found(nfd(lines.join(QStringLiteral("\r\n")))) == "200: TUYỆT MẬT");
    lines[349] = vi(u"Độ mật: Mật");
    BOOST_TEST(found(lines.join(u'\r')) == "200: TUYỆT MẬT");
    lines[199] = vi(u"Tuyệt mật thì không đăng.");
    BOOST_TEST(found(lines.join(u'\n')) == "350: Độ mật: Mật");
}

BOOST_AUTO_TEST_CASE(the_description_names_the_stamp_the_line_and_where)
{
    const StampFinding finding { 3, vi(u"TỐI MẬT") };
    BOOST_TEST(str(describeStamp(finding, QStringLiteral("body")))
        == "Nội dung có dấu mật \"TỐI MẬT\" ở dòng 3 của trường body: không được đăng tài liệu mật lên Sổ "
           "tay.");
    BOOST_TEST(str(describeStamp(finding, vi(u"Báo cáo quý 3.PDF")))
        == "Tệp đính kèm \"Báo cáo quý 3.PDF\" có dấu mật \"TỐI MẬT\" ở dòng 3: không được đăng tài liệu mật "
           "lên Sổ tay.");
    BOOST_TEST(str(describeStamp(finding, QStringLiteral("quiz.questions[0].options[1]")))
        == "Nội dung có dấu mật \"TỐI MẬT\" ở dòng 3 của trường quiz.questions[0].options[1]: không được "
           "đăng "
           "tài liệu mật lên Sổ tay.");
    BOOST_TEST(str(describeStamp(finding, QString()))
        == "Nội dung có dấu mật \"TỐI MẬT\" ở dòng 3: không được đăng tài liệu mật lên Sổ tay.");
    // Placeholders inside the stamp or the name are not expanded again.
    BOOST_TEST(str(describeStamp({ 1, QStringLiteral("%2") }, QStringLiteral("%1.docx")))
        == "Tệp đính kèm \"%1.docx\" có dấu mật \"%2\" ở dòng 1: không được đăng tài liệu mật lên Sổ tay.");
}

BOOST_AUTO_TEST_SUITE_END()
