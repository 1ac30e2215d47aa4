// SPDX-License-Identifier: GPL-3.0-or-later
#include "content/content_markup.h"

#include <QStringList>

#include <boost/test/unit_test.hpp>

#include <string>

namespace {

using namespace sotay::content;
using Kind = MarkupBlock::Kind;

QString vi(const char16_t* s)
{
    return QString::fromUtf16(s);
}

// Assertions compare UTF-8 std::strings, which Boost.Test prints when a check fails.
std::string str(const QString& s)
{
    return s.toStdString();
}

std::string html(const char16_t* body)
{
    return str(markupToHtml(vi(body)));
}

std::string plain(const char16_t* body)
{
    return str(markupToPlainText(vi(body)));
}

// "kind level line text" per block, one block a line, for comparing a whole parse at once.
std::string describe(const QList<MarkupBlock>& blocks)
{
    static const char* const kinds[] = { "p", "h", "bullet", "numbered" };
    std::string out;
    for (const MarkupBlock& b : blocks)
        out += std::string(kinds[static_cast<int>(b.kind)]) + ' ' + std::to_string(b.level) + ' '
            + std::to_string(b.line) + ' ' + str(b.text) + '\n';
    return out;
}

std::string describe(const QList<MarkupProblem>& problems)
{
    std::string out;
    for (const MarkupProblem& p : problems)
        out += std::to_string(p.line) + ": " + str(p.message) + '\n';
    return out;
}

std::string parsed(const char16_t* body)
{
    return describe(parseMarkup(vi(body)));
}

bool tagsBalance(const QString& html, const QString& tag)
{
    return html.count(QString(u'<' + tag + u'>')) == html.count(QString(u"</" + tag + u'>'));
}

} // namespace

BOOST_AUTO_TEST_SUITE(content_markup_tests)

BOOST_AUTO_TEST_CASE(paragraphs_are_separated_by_blank_lines)
{
    BOOST_TEST(
        parsed(u"Đoạn một,\ndòng hai.\n\n  \nĐoạn hai.") == "p 0 1 Đoạn một,\ndòng hai.\np 0 5 Đoạn hai.\n");
    BOOST_TEST(parsed(u"\n\n   Thụt lề   \n\n") == "p 0 3 Thụt lề\n");
    BOOST_TEST(parsed(u"").empty());
    BOOST_TEST(parsed(u" \t\n\n").empty());
}

BOOST_AUTO_TEST_CASE(headings_take_one_to_three_hashes_and_a_space)
{
    BOOST_TEST(parsed(u"# Một\n## Hai\n### Ba") == "h 1 1 Một\nh 2 2 Hai\nh 3 3 Ba\n");
    BOOST_TEST(parsed(u"#### Bốn") == "p 0 1 #### Bốn\n");
    BOOST_TEST(parsed(u"#hashtag") == "p 0 1 #hashtag\n");
    BOOST_TEST(parsed(u"## ") == "h 2 1 \n");
    // A heading is one line: the next line starts a paragraph; a heading line inside a paragraph ends it.
    BOOST_TEST(parsed(u"# Tiêu đề\nNội dung") == "h 1 1 Tiêu đề\np 0 2 Nội dung\n");
    BOOST_TEST(parsed(u"Nội dung\n# Tiêu đề") == "p 0 1 Nội dung\nh 1 2 Tiêu đề\n");
}

BOOST_AUTO_TEST_CASE(list_items_take_a_dash_a_star_or_a_number)
{
    BOOST_TEST(parsed(u"- Một\n* Hai\n12. Mười hai\n1. Một")
        == "bullet 0 1 Một\nbullet 0 2 Hai\nnumbered 0 3 Mười hai\n"
           "numbered 0 4 Một\n");
    // A line without its marker goes on with the item before it.
    BOOST_TEST(parsed(u"- Mục dài\n  viết tiếp\n- Mục khác")
        == "bullet 0 1 Mục dài\nviết tiếp\nbullet 0 3 Mục khác\n");
    BOOST_TEST(parsed(u"1.5 triệu đồng") == "p 0 1 1.5 triệu đồng\n");
    BOOST_TEST(parsed(u"-5 độ") == "p 0 1 -5 độ\n");
    BOOST_TEST(parsed(u"**Đậm** ở đầu dòng") == "p 0 1 **Đậm** ở đầu dòng\n");
    BOOST_TEST(parsed(u"1234567890. Quá dài") == "p 0 1 1234567890. Quá dài\n");
}

BOOST_AUTO_TEST_CASE(html_of_headings_and_paragraphs)
{
    BOOST_TEST(html(u"# Một\n\n## Hai\n### Ba") == "<h1>Một</h1>\n<h2>Hai</h2>\n<h3>Ba</h3>");
    BOOST_TEST(html(u"Dòng một\nDòng hai\n\nĐoạn mới") == "<p>Dòng một<br>Dòng hai</p>\n<p>Đoạn mới</p>");
    BOOST_TEST(html(u"").empty());
}

BOOST_AUTO_TEST_CASE(html_groups_consecutive_list_items)
{
    BOOST_TEST(html(u"- a\n- b\n\n- c") == "<ul>\n<li>a</li>\n<li>b</li>\n<li>c</li>\n</ul>");
    BOOST_TEST(html(u"1. a\n2. b") == "<ol>\n<li>a</li>\n<li>b</li>\n</ol>");
    BOOST_TEST(html(u"- a\n1. b\n\nĐoạn") == "<ul>\n<li>a</li>\n</ul>\n<ol>\n<li>b</li>\n</ol>\n<p>Đoạn</p>");
    // A numbered list resumed after a paragraph keeps its numbers.
    BOOST_TEST(html(u"1. a\n\nGiải thích\n\n2. b")
        == "<ol>\n<li>a</li>\n</ol>\n<p>Giải thích</p>\n<ol start=\"2\">\n<li>b</li>\n</ol>");
    BOOST_TEST(html(u"- Mục\n  tiếp") == "<ul>\n<li>Mục<br>tiếp</li>\n</ul>");
}

BOOST_AUTO_TEST_CASE(bold_and_links)
{
    BOOST_TEST(html(u"Chữ **đậm** và [Cổng thông tin](https://dangcongsan.vn/a?b=1&c=2).")
        == "<p>Chữ <b>đậm</b> và <a href=\"https://dangcongsan.vn/a?b=1&amp;c=2\">Cổng thông tin</a>.</p>");
    BOOST_TEST(html(u"[**Đậm** trong liên kết](mailto:vanphong@dongnai.gov.vn)")
        == "<p><a href=\"mailto:vanphong@dongnai.gov.vn\"><b>Đậm</b> trong liên kết</a></p>");
    BOOST_TEST(html(u"**Đậm quanh [liên kết](http://a.vn)**")
        == "<p><b>Đậm quanh <a href=\"http://a.vn\">liên kết</a></b></p>");
    BOOST_TEST(
        html(u"## Xem [tại đây]( https://a.vn )") == "<h2>Xem <a href=\"https://a.vn\">tại đây</a></h2>");
    // Vietnamese letters in an address are percent-encoded in the href, shown as written in the text.
    BOOST_TEST(html(u"[Hà Nội](https://vi.wikipedia.org/wiki/Hà_Nội)")
        == "<p><a href=\"https://vi.wikipedia.org/wiki/H%C3%A0_N%E1%BB%99i\">Hà Nội</a></p>");
    BOOST_TEST(html(u"([Hà Nội](https://vi.wikipedia.org/wiki/Hà_Nội_(định_hướng)))")
        == "<p>(<a "
           "href=\"https://vi.wikipedia.org/wiki/"
           "H%C3%A0_N%E1%BB%99i_(%C4%91%E1%BB%8Bnh_h%C6%B0%E1%BB%9Bng)\">"
           "Hà Nội</a>)</p>");
    // A ** inside a link's text does not pair with one outside it.
    BOOST_TEST(html(u"**a [b** c](http://a.vn)") == "<p>**a <a href=\"http://a.vn\">b** c</a></p>");
}

BOOST_AUTO_TEST_CASE(every_text_character_is_escaped)
{
    BOOST_TEST(
        html(u"<script>alert('x')</script>") == "<p>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;</p>");
    BOOST_TEST(html(u"Tôm & cá \"tươi\"") == "<p>Tôm &amp; cá &quot;tươi&quot;</p>");
    BOOST_TEST(html(u"# <b>Không</b> &amp;") == "<h1>&lt;b&gt;Không&lt;/b&gt; &amp;amp;</h1>");
    BOOST_TEST(html(u"- <img src=x onerror=alert(1)>")
        == "<ul>\n<li>&lt;img src=x onerror=alert(1)&gt;</li>\n</ul>");
    BOOST_TEST(html(u"[<i>chữ</i>](https://a.vn/?q=\"x\")") == "<p>&lt;i&gt;chữ&lt;/i&gt;</p>");
    BOOST_TEST(html(u"[a'b](https://a.vn/x'y)") == "<p><a href=\"https://a.vn/x&#39;y\">a&#39;b</a></p>");
}

BOOST_AUTO_TEST_CASE(a_javascript_link_is_refused_with_its_line_and_shown_as_text)
{
    const QString body = vi(u"# Tin\n\nĐoạn đầu\nvà [bấm vào đây](javascript:alert(1)) nhé.");
    const QList<MarkupProblem> problems = checkMarkup(body);
    BOOST_TEST_REQUIRE(problems.size() == 1);
    BOOST_TEST(problems[0].line == 4);
    BOOST_TEST(str(problems[0].message)
        == "Địa chỉ liên kết \"javascript:alert(1)\" không được phép: chỉ dùng địa chỉ bắt đầu bằng http://, "
           "https:// hoặc mailto:.");
    const QString shown = markupToHtml(body);
    BOOST_TEST(str(shown) == "<h1>Tin</h1>\n<p>Đoạn đầu<br>và bấm vào đây nhé.</p>");
    BOOST_TEST(!shown.contains(u"<a"));
    BOOST_TEST(str(markupToPlainText(body)) == "Tin\n\nĐoạn đầu\nvà bấm vào đây nhé.");
}

BOOST_AUTO_TEST_CASE(only_http_https_and_mailto_addresses_are_allowed)
{
    for (const char16_t* url : { u"http://a.vn", u"https://dangcongsan.vn/tin/1", u"HTTPS://A.VN",
             u"mailto:vanphong@dongnai.gov.vn", u"https://vi.wikipedia.org/wiki/Hà_Nội" })
        BOOST_TEST(isAllowedLinkUrl(vi(url)), str(vi(url)));
    for (const char16_t* url :
        { u"", u"javascript:alert(1)", u"JavaScript:alert(1)", u"data:text/html;base64,PHNjcmlwdD4=",
            u"vbscript:x", u"/tin/1", u"tin/1", u"//evil.vn", u"ftp://a.vn", u"file:///etc/passwd",
            u"http://", u"https:a.vn", u"mailto:", u"http://a.vn/\"x", u"http://a.vn/\tx" })
        BOOST_TEST(!isAllowedLinkUrl(vi(url)), str(vi(url)));

    BOOST_TEST(describe(checkMarkup(vi(u"[a](/tin/1)\n[b](data:text/html,x)\n[c](http://)")))
        == "1: Địa chỉ liên kết \"/tin/1\" không được phép: chỉ dùng địa chỉ bắt đầu bằng http://, https:// "
           "hoặc mailto:.\n"
           "2: Địa chỉ liên kết \"data:text/html,x\" không được phép: chỉ dùng địa chỉ bắt đầu bằng http://, "
           "https:// hoặc mailto:.\n"
           "3: Địa chỉ liên kết \"http://\" không hợp lệ.\n");
}

BOOST_AUTO_TEST_CASE(empty_links_and_empty_headings_are_problems)
{
    const QString body
        = vi(u"# Tin\n##\n\n[](https://a.vn) và [chữ]() và [ ]( )\n\n### \n[ok](https://a.vn)");
    BOOST_TEST(describe(checkMarkup(body))
        == "2: Dòng tiêu đề chưa có chữ nào.\n"
           "4: Liên kết tới \"https://a.vn\" chưa có chữ hiển thị.\n"
           "4: Liên kết \"chữ\" chưa có địa chỉ.\n"
           "4: Liên kết chưa có chữ hiển thị và địa chỉ.\n"
           "6: Dòng tiêu đề chưa có chữ nào.\n");
    // Shown: an allowed address with no text shows the address; no address, the text alone.
    BOOST_TEST(html(u"[](https://a.vn) [chữ]()") == "<p><a href=\"https://a.vn\">https://a.vn</a> chữ</p>");
    BOOST_TEST(checkMarkup(vi(u"# Tin\n\n- [Một](https://a.vn)\n1. **Hai**")).isEmpty());
}

BOOST_AUTO_TEST_CASE(a_body_over_the_limit_is_one_problem_at_the_line_it_passes_the_limit)
{
    const QString line = QString(99, u'a') + u'\n';
    const QString atLimit = line.repeated(2000);
    BOOST_TEST(atLimit.size() == kMaxMarkupLength);
    BOOST_TEST(checkMarkup(atLimit).isEmpty());

    const QList<MarkupProblem> problems = checkMarkup(atLimit + u"b[x](javascript:y)");
    BOOST_TEST_REQUIRE(problems.size() == 1);
    BOOST_TEST(problems[0].line == 2001);
    BOOST_TEST(problems[0].message.startsWith(u"Nội dung dài "));
    BOOST_TEST(problems[0].message.contains(u"vượt quá giới hạn"));
}

BOOST_AUTO_TEST_CASE(nested_and_unclosed_bold_stay_balanced)
{
    BOOST_TEST(html(u"**chưa đóng") == "<p>**chưa đóng</p>");
    BOOST_TEST(html(u"**một** và **hai") == "<p><b>một</b> và **hai</p>");
    BOOST_TEST(html(u"**a **b** c**") == "<p><b>a </b>b<b> c</b></p>");
    BOOST_TEST(html(u"****") == "<p>****</p>");
    BOOST_TEST(html(u"***ba sao***") == "<p><b>*ba sao</b>*</p>");
    BOOST_TEST(html(u"Đoạn **đậm\nqua dòng**") == "<p>Đoạn <b>đậm<br>qua dòng</b></p>");
    BOOST_TEST(html(u"- **mở\n- đóng**") == "<ul>\n<li>**mở</li>\n<li>đóng**</li>\n</ul>");
    for (const char16_t* body : { u"**a", u"**a**b**", u"***", u"*****", u"**[a](http://a.vn)**x**",
             u"[**a](http://a.vn)**", u"**a\n\n**b**", u"# **x\n**" })
        BOOST_TEST(tagsBalance(markupToHtml(vi(body)), QStringLiteral("b")), str(vi(body)));
    BOOST_TEST(plain(u"**a **b** c**") == "a b c");
    BOOST_TEST(plain(u"**chưa đóng") == "**chưa đóng");
}

BOOST_AUTO_TEST_CASE(a_bracket_without_its_address_is_text)
{
    BOOST_TEST(html(u"[chưa đóng") == "<p>[chưa đóng</p>");
    BOOST_TEST(html(u"[chữ] (https://a.vn)") == "<p>[chữ] (https://a.vn)</p>");
    BOOST_TEST(html(u"[chữ](https://a.vn") == "<p>[chữ](https://a.vn</p>");
    BOOST_TEST(html(u"[chữ](https://a.vn xem)") == "<p>[chữ](https://a.vn xem)</p>");
    BOOST_TEST(html(u"[chữ\ndòng sau](https://a.vn)") == "<p>[chữ<br>dòng sau](https://a.vn)</p>");
    BOOST_TEST(html(u"[a [b](http://a.vn)") == "<p>[a <a href=\"http://a.vn\">b</a></p>");
    BOOST_TEST(checkMarkup(vi(u"[chưa đóng\n[x](javascript:y z)")).isEmpty());
}

BOOST_AUTO_TEST_CASE(pathological_brackets_take_linear_time)
{
    const QString body = QStringLiteral("[a](").repeated(50000);
    BOOST_TEST(markupToPlainText(body) == body);
    BOOST_TEST(checkMarkup(body).isEmpty());
    const QString stars = QStringLiteral("**a").repeated(60000);
    BOOST_TEST(tagsBalance(markupToHtml(stars), QStringLiteral("b")));
}

BOOST_AUTO_TEST_CASE(crlf_and_cr_line_ends_read_as_lf)
{
    const QString lf = vi(u"# Tiêu đề\n\nĐoạn\ndòng hai\n\n- a\n- b\n[x](javascript:y)");
    QString crlf = lf;
    crlf.replace(u'\n', QStringLiteral("\r\n"));
    QString cr = lf;
    cr.replace(u'\n', u'\r');
    for (const QString& body : { crlf, cr }) {
        BOOST_TEST(describe(parseMarkup(body)) == describe(parseMarkup(lf)));
        BOOST_TEST(str(markupToHtml(body)) == str(markupToHtml(lf)));
        BOOST_TEST(str(markupToPlainText(body)) == str(markupToPlainText(lf)));
        BOOST_TEST(describe(checkMarkup(body)) == describe(checkMarkup(lf)));
    }
    BOOST_TEST(!markupToHtml(crlf).contains(u'\r'));
    BOOST_TEST(checkMarkup(crlf).front().line == 8);
}

BOOST_AUTO_TEST_CASE(vietnamese_text_is_untouched)
{
    const QString text = vi(u"Đảng Cộng sản Việt Nam: Nghị quyết số 27-NQ/TW về xây dựng đội ngũ cán bộ");
    BOOST_TEST(text == text.normalized(QString::NormalizationForm_C));
    const QString shownHtml = markupToHtml(u"## " + text + u"\n\n" + text);
    BOOST_TEST(str(shownHtml) == "<h2>" + str(text) + "</h2>\n<p>" + str(text) + "</p>");
    BOOST_TEST(str(markupToPlainText(u"- **" + text + u"**")) == str(text));
    BOOST_TEST(str(parseMarkup(u"1. " + text).front().text) == str(text));
    const QString tones = vi(u"àáảãạ ằắẳẵặ ầấẩẫậ đ Đ ờớởỡợ ừứửữự ỳýỷỹỵ");
    BOOST_TEST(str(markupToPlainText(tones)) == str(tones));
}

BOOST_AUTO_TEST_CASE(plain_text_keeps_the_lines_of_the_body)
{
    BOOST_TEST(
        plain(
            u"\n# Tiêu đề\n\n- **Một** [liên kết](https://a.vn)\n12. Hai\n   tiếp\n\n\nĐoạn <b>cuối</b>\n\n")
        == "\nTiêu đề\n\nMột liên kết\nHai\ntiếp\n\n\nĐoạn <b>cuối</b>");
    BOOST_TEST(plain(u"[](https://a.vn) [](javascript:x)") == "https://a.vn ");
    BOOST_TEST(plain(u"").empty());
}

BOOST_AUTO_TEST_SUITE_END()
