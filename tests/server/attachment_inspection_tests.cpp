// SPDX-License-Identifier: GPL-3.0-or-later
// Attachments judged by their bytes, and their text read within limits. The inputs are made here at test
// time: PDFs by a small writer (a Vietnamese title through a ToUnicode map, RC4-encrypted files), DOCX files
// with Poco Zip. The real sotay-pdf-text reads the PDFs; shell scripts stand in for a tool that hangs, spins,
// prints without end, echoes a large input, or reports the limits and descriptors it was given.
#include "attachment_inspection.h"
#include "support/attachment_samples.h"
#include "support/qt_printing.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>

#include <Poco/DateTime.h>
#include <Poco/Path.h>
#include <Poco/Zip/Compress.h>
#include <boost/test/unit_test.hpp>

#include <array>
#include <fcntl.h>
#include <numeric>
#include <sstream>
#include <streambuf>
#include <string>
#include <sys/resource.h>
#include <unistd.h>
#include <utility>
#include <vector>

using namespace sotay;
using namespace sotay::server;
using namespace sotay::test;

namespace {

const QString kTool = QStringLiteral(SOTAY_PDF_TEXT_TOOL);

// ---- PDF files written by hand ----

QByteArray md5(const QByteArray& data)
{
    return QCryptographicHash::hash(data, QCryptographicHash::Md5);
}

QByteArray rc4(const QByteArray& key, const QByteArray& data)
{
    std::array<quint8, 256> s {};
    std::iota(s.begin(), s.end(), quint8 { 0 });
    size_t j = 0;
    for (size_t i = 0; i < s.size(); ++i) {
        j = (j + s[i] + static_cast<quint8>(key[static_cast<qsizetype>(i % static_cast<size_t>(key.size()))]))
            % 256;
        std::swap(s[i], s[j]);
    }
    QByteArray out(data.size(), Qt::Uninitialized);
    size_t i = 0;
    j = 0;
    for (qsizetype k = 0; k < data.size(); ++k) {
        i = (i + 1) % 256;
        j = (j + s[i]) % 256;
        std::swap(s[i], s[j]);
        out[k] = static_cast<char>(static_cast<quint8>(data[k]) ^ s[(s[i] + s[j]) % 256]);
    }
    return out;
}

// One page, encrypted by the standard security handler, revision 2 (RC4 with a 40-bit key; ISO 32000-1,
// 7.6.3, algorithms 2 to 4). With an empty user password anyone may open it; with one, nobody without it.
QByteArray encryptedPdf(const QByteArray& userPassword, const QByteArray& ownerPassword)
{
    const QByteArray padding
        = QByteArray::fromHex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A");
    const auto padded = [&](const QByteArray& password) { return QByteArray(password + padding).left(32); };
    const QByteArray id = QByteArray::fromHex("0123456789abcdef0123456789abcdef");
    const QByteArray permissions = QByteArray::fromHex("fcffffff"); // P = -4, as 4 bytes, low byte first
    const QByteArray owner = rc4(md5(padded(ownerPassword)).left(5), padded(userPassword));
    const QByteArray key = md5(padded(userPassword) + owner + permissions + id).left(5);
    const QByteArray user = rc4(key, padding);
    // The content stream is object 4, generation 0: its key is the file key with 04 00 00 and 00 00.
    const QByteArray objectKey = md5(key + QByteArray::fromHex("0400000000")).left(10);
    const QByteArray content = rc4(objectKey, "BT /F1 14 Tf 72 760 Td (Van ban TOI MAT da ma hoa) Tj ET");
    return pdfOf(
        {
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            pageObject(4, "/F1 5 0 R"),
            streamObject(content),
            kHelvetica,
            "<< /Filter /Standard /V 1 /R 2 /Length 40 /O <" + owner.toHex() + "> /U <" + user.toHex()
                + "> /P -4 >>",
        },
        "/Encrypt 6 0 R /ID [<" + id.toHex() + "> <" + id.toHex() + ">]");
}

// ---- ZIP and DOCX files made with Poco Zip ----

// A stream of `prefix`, `count` copies of `fill` and `suffix`, made as it is read: a 200 MB part costs no
// memory.
class RepeatedStreamBuf final : public std::streambuf {
public:
    RepeatedStreamBuf(std::string prefix, char fill, qint64 count, std::string suffix)
        : m_pieces { std::move(prefix), std::string(64 * 1024, fill), std::move(suffix) }
        , m_left(count)
    {
    }

protected:
    int_type underflow() override
    {
        std::string* piece = nullptr;
        qsizetype size = 0;
        if (m_stage == 0) {
            piece = &m_pieces[0];
            size = static_cast<qsizetype>(piece->size());
            m_stage = 1;
        } else if (m_stage == 1 && m_left > 0) {
            piece = &m_pieces[1];
            size = std::min<qint64>(m_left, static_cast<qint64>(piece->size()));
            m_left -= size;
        } else if (m_stage <= 1) {
            piece = &m_pieces[2];
            size = static_cast<qsizetype>(piece->size());
            m_stage = 2;
        } else {
            return traits_type::eof();
        }
        setg(piece->data(), piece->data(), piece->data() + size);
        return size == 0 ? underflow() : traits_type::to_int_type(*gptr());
    }

private:
    std::array<std::string, 3> m_pieces;
    qint64 m_left;
    int m_stage = 0;
};

// A DOCX whose document.xml is `prefix`, 200 MB of `fill` and `suffix`, compressed to a few hundred
// kilobytes.
QByteArray docxBomb(const std::string& prefix, char fill, const std::string& suffix)
{
    std::ostringstream out(std::ios::binary);
    Poco::Zip::Compress compress(out, true);
    std::istringstream types(kContentTypes);
    compress.addFile(types, Poco::DateTime(), Poco::Path("[Content_Types].xml"));
    RepeatedStreamBuf bomb(prefix, fill, 200LL << 20, suffix);
    std::istream document(&bomb);
    compress.addFile(document, Poco::DateTime(), Poco::Path("word/document.xml", Poco::Path::PATH_UNIX),
        Poco::Zip::ZipCommon::CM_DEFLATE, Poco::Zip::ZipCommon::CL_SUPERFAST);
    compress.close();
    const std::string bytes = out.str();
    return QByteArray(bytes.data(), static_cast<qsizetype>(bytes.size()));
}

// ---- Images and tools ----

// An executable shell script in `dir`, standing in for sotay-pdf-text.
QString scriptTool(const QTemporaryDir& dir, const QString& name, const QByteArray& body)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    BOOST_REQUIRE(file.open(QIODevice::WriteOnly));
    file.write("#!/bin/sh\n" + body + "\n");
    file.close();
    BOOST_REQUIRE(file.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
    return path;
}

qint64 peakResidentBytes()
{
    rusage usage {};
    getrusage(RUSAGE_SELF, &usage);
    return qint64 { usage.ru_maxrss } * 1024;
}

std::string messageOf(const Result<QString>& result)
{
    return result.ok() ? std::string() : result.error().message.toStdString();
}

bool isInvalid(const Result<QString>& result)
{
    return !result.ok() && result.error().code == ErrorCode::Invalid && !result.error().message.isEmpty();
}

} // namespace

BOOST_AUTO_TEST_SUITE(attachment_inspection_tests)

BOOST_AUTO_TEST_CASE(each_type_is_known_by_its_bytes)
{
    const QByteArray docx = docxOf(paragraph("Xin chào"));
    BOOST_TEST((sniffAttachmentType(vietnamesePdf(QStringLiteral("TỐI MẬT"))) == AttachmentType::Pdf));
    BOOST_TEST((sniffAttachmentType(pngBytes()) == AttachmentType::Png));
    BOOST_TEST((sniffAttachmentType(jpegBytes()) == AttachmentType::Jpeg));
    BOOST_TEST((sniffAttachmentType(docx) == AttachmentType::Docx));
    BOOST_TEST((sniffAttachmentType(docxOf(paragraph("Lưu"), {}, Poco::Zip::ZipCommon::CM_STORE))
        == AttachmentType::Docx));

    BOOST_TEST(mimeTypeOf(AttachmentType::Pdf) == QStringLiteral("application/pdf"));
    BOOST_TEST(mimeTypeOf(AttachmentType::Png) == QStringLiteral("image/png"));
    BOOST_TEST(mimeTypeOf(AttachmentType::Jpeg) == QStringLiteral("image/jpeg"));
    BOOST_TEST(mimeTypeOf(AttachmentType::Docx)
        == QStringLiteral("application/vnd.openxmlformats-officedocument.wordprocessingml.document"));
    BOOST_TEST(codeOf(AttachmentType::Pdf) == QStringLiteral("pdf"));
    BOOST_TEST(codeOf(AttachmentType::Png) == QStringLiteral("png"));
    BOOST_TEST(codeOf(AttachmentType::Jpeg) == QStringLiteral("jpeg"));
    BOOST_TEST(codeOf(AttachmentType::Docx) == QStringLiteral("docx"));
}

BOOST_AUTO_TEST_CASE(a_png_named_pdf_is_a_png)
{
    QTemporaryDir dir;
    QFile file(dir.filePath(QStringLiteral("nghi-quyet.pdf")));
    BOOST_REQUIRE(file.open(QIODevice::WriteOnly));
    file.write(pngBytes());
    file.close();
    BOOST_REQUIRE(file.open(QIODevice::ReadOnly));
    BOOST_TEST((sniffAttachmentType(file.readAll()) == AttachmentType::Png));
    // The text of an image is asked for in vain.
    BOOST_TEST(isInvalid(attachmentText(pngBytes(), AttachmentType::Png, kTool, {})));
    BOOST_TEST(isInvalid(attachmentText(jpegBytes(), AttachmentType::Jpeg, kTool, {})));
}

BOOST_AUTO_TEST_CASE(text_and_near_misses_are_nothing)
{
    BOOST_TEST(!sniffAttachmentType(QByteArray()).has_value());
    BOOST_TEST(!sniffAttachmentType(QStringLiteral("TÀI LIỆU TỐI MẬT\n%PDF-1.7\n").toUtf8()).has_value());
    BOOST_TEST(!sniffAttachmentType(QByteArray("PK\x03\x04 not really a zip")).has_value());
    BOOST_TEST(!sniffAttachmentType(pngBytes().left(8)).has_value()); // a signature and no IHDR
    BOOST_TEST(!sniffAttachmentType(QByteArray::fromHex("ffd8")).has_value());
}

BOOST_AUTO_TEST_CASE(a_zip_that_is_not_docx_is_nothing)
{
    const QByteArray plain = zipOf({ { "ghi-chu.txt", "TỐI MẬT" }, { "word/document.xml", "<x/>" } });
    BOOST_TEST(!sniffAttachmentType(plain).has_value()); // no [Content_Types].xml
    BOOST_TEST(isInvalid(attachmentText(plain, AttachmentType::Docx, kTool, {})));

    const QByteArray docx = docxOf(paragraph("Xin chào"));
    BOOST_TEST(!sniffAttachmentType(docx + "rác").has_value());                // bytes after the directory
    BOOST_TEST(!sniffAttachmentType("MZ" + docx).has_value());                 // bytes before the first entry
    BOOST_TEST(!sniffAttachmentType(docx.left(docx.size() - 30)).has_value()); // cut short

    // The same archive with every entry marked encrypted (general purpose flag bit 0, local and central).
    QByteArray encrypted = docx;
    for (const QByteArray& signature : { QByteArray("PK\x03\x04"), QByteArray("PK\x01\x02") }) {
        const qsizetype flagOffset = signature == "PK\x03\x04" ? 6 : 8;
        for (qsizetype at = encrypted.indexOf(signature); at >= 0; at = encrypted.indexOf(signature, at + 4))
            encrypted[at + flagOffset] = static_cast<char>(encrypted[at + flagOffset] | 1);
    }
    BOOST_TEST(!sniffAttachmentType(encrypted).has_value());
}

BOOST_AUTO_TEST_CASE(pdf_text_is_read_page_by_page)
{
    const auto text
        = attachmentText(vietnamesePdf(QStringLiteral("TÀI LIỆU TỐI MẬT")), AttachmentType::Pdf, kTool, {});
    BOOST_TEST_REQUIRE(text.ok(), messageOf(text));
    // The title through the font's ToUnicode map, a form feed, then the second page.
    BOOST_TEST(*text == QStringLiteral("TÀI LIỆU TỐI MẬT\n\fVan ban TOI MAT so 12\n"));
}

BOOST_AUTO_TEST_CASE(a_damaged_pdf_is_an_error)
{
    const auto garbage = attachmentText("%PDF-1.7\n" + QByteArray(5000, 'x'), AttachmentType::Pdf, kTool, {});
    BOOST_TEST(isInvalid(garbage));
    BOOST_TEST(garbage.error().message.contains(QStringLiteral("PDF")), messageOf(garbage));
    BOOST_TEST(isInvalid(attachmentText(pngBytes(), AttachmentType::Pdf, kTool, {})));
}

BOOST_AUTO_TEST_CASE(a_password_protected_pdf_is_refused_and_an_owner_password_alone_is_read)
{
    const auto locked = attachmentText(encryptedPdf("matkhau", "chusohuu"), AttachmentType::Pdf, kTool, {});
    BOOST_TEST(isInvalid(locked));
    BOOST_TEST(locked.error().message.contains(QStringLiteral("mật khẩu")), messageOf(locked));

    const auto open = attachmentText(encryptedPdf({}, "chusohuu"), AttachmentType::Pdf, kTool, {});
    BOOST_TEST_REQUIRE(open.ok(), messageOf(open));
    BOOST_TEST(open->contains(QStringLiteral("Van ban TOI MAT da ma hoa")), open->toStdString());
}

BOOST_AUTO_TEST_CASE(a_missing_tool_is_the_servers_error)
{
    const QByteArray pdf = vietnamesePdf(QStringLiteral("TỐI MẬT"));
    const auto missing
        = attachmentText(pdf, AttachmentType::Pdf, QStringLiteral("/nonexistent/sotay-pdf-text"), {});
    BOOST_TEST_REQUIRE(!missing.ok());
    BOOST_TEST((missing.error().code == ErrorCode::Io));
    BOOST_TEST(missing.error().message.contains(QStringLiteral("/nonexistent/sotay-pdf-text")));

    QTemporaryDir dir;
    const QString notExecutable = dir.filePath(QStringLiteral("sotay-pdf-text"));
    QFile file(notExecutable);
    BOOST_REQUIRE(file.open(QIODevice::WriteOnly));
    file.close();
    const auto refused = attachmentText(pdf, AttachmentType::Pdf, notExecutable, {});
    BOOST_TEST((!refused.ok() && refused.error().code == ErrorCode::Io));

    BOOST_TEST(defaultPdfTextTool()
        == QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("sotay-pdf-text")));
}

BOOST_AUTO_TEST_CASE(a_tool_that_hangs_is_killed_after_the_time_allowed)
{
    QTemporaryDir dir;
    TextExtractionLimits limits;
    limits.seconds = 1;
    QElapsedTimer clock;

    // Waiting without using CPU: the wall-clock limit (seconds + 5) ends it.
    clock.start();
    const auto sleeping = attachmentText("%PDF-1.7\n", AttachmentType::Pdf,
        scriptTool(dir, QStringLiteral("sleeps"), "exec sleep 600"), limits);
    const qint64 slept = clock.elapsed();
    BOOST_TEST(isInvalid(sleeping));
    BOOST_TEST(sleeping.error().message.contains(QStringLiteral("quá thời gian")), messageOf(sleeping));
    BOOST_TEST(slept >= 5000);
    BOOST_TEST(slept < 10000);

    // Spinning: RLIMIT_CPU ends it after a second of CPU time.
    clock.restart();
    const auto spinning = attachmentText("%PDF-1.7\n", AttachmentType::Pdf,
        scriptTool(dir, QStringLiteral("spins"), "while :; do :; done"), limits);
    const qint64 spun = clock.elapsed();
    BOOST_TEST(isInvalid(spinning));
    BOOST_TEST(spinning.error().message.contains(QStringLiteral("quá thời gian")), messageOf(spinning));
    BOOST_TEST(spun < 5500); // well before the wall-clock deadline of 6 s, even on a busy machine
}

BOOST_AUTO_TEST_CASE(a_tool_that_prints_without_end_is_stopped_at_the_text_limit)
{
    QTemporaryDir dir;
    TextExtractionLimits limits;
    limits.maxTextChars = 100'000;
    QElapsedTimer clock;
    clock.start();
    const auto endless = attachmentText("%PDF-1.7\n", AttachmentType::Pdf,
        scriptTool(dir, QStringLiteral("yes"), "exec yes 'TỐI MẬT'"), limits);
    BOOST_TEST(isInvalid(endless));
    BOOST_TEST(endless.error().message.contains(QStringLiteral("quá nhiều chữ")), messageOf(endless));
    BOOST_TEST(clock.elapsed() < 5000);
}

BOOST_AUTO_TEST_CASE(a_large_input_and_output_move_together_without_deadlock)
{
    QTemporaryDir dir;
    QByteArray input("%PDF-1.7\n");
    for (int i = 0; input.size() < (8 << 20); ++i)
        input += "dòng " + QByteArray::number(i) + " của một tệp lớn\n";
    TextExtractionLimits limits;
    limits.maxTextChars = 20'000'000;
    const auto echoed = attachmentText(
        input, AttachmentType::Pdf, scriptTool(dir, QStringLiteral("cat"), "exec cat"), limits);
    BOOST_TEST_REQUIRE(echoed.ok(), messageOf(echoed));
    BOOST_TEST((echoed->toUtf8() == input));
}

BOOST_AUTO_TEST_CASE(the_tool_runs_with_the_limits_and_nothing_else_of_the_server)
{
    QTemporaryDir dir;
    // Not close-on-exec: only the spawning can keep it from the tool. High, clear of the shell's own.
    const int opened = ::open("/dev/null", O_RDONLY);
    const int leaked = ::fcntl(opened, F_DUPFD, 100);
    ::close(opened);
    BOOST_REQUIRE(leaked >= 100);
    qputenv("SOTAY_TEST_SECRET", "bi-mat");
    TextExtractionLimits limits;
    limits.seconds = 7;
    limits.memoryBytes = 300LL << 20;
    const QByteArray body = "cat >/dev/null\n"
                            "echo \"memory $(ulimit -v) cpu $(ulimit -t) core $(ulimit -c)\"\n"
                            "if [ -e /proc/$$/fd/"
        + QByteArray::number(leaked)
        + " ]; then echo leaked; else echo closed; fi\n"
          "echo \"secret ${SOTAY_TEST_SECRET:-none}\"";
    const auto report = attachmentText(
        "%PDF-1.7\n", AttachmentType::Pdf, scriptTool(dir, QStringLiteral("report"), body), limits);
    ::close(leaked);
    qunsetenv("SOTAY_TEST_SECRET");
    BOOST_TEST_REQUIRE(report.ok(), messageOf(report));
    BOOST_TEST(
        *report == QStringLiteral("memory %1 cpu 7 core 0\nclosed\nsecret none\n").arg((300LL << 20) / 1024));
}

BOOST_AUTO_TEST_CASE(docx_text_comes_from_headers_body_and_footers)
{
    const std::string body
        = R"(<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr>)"
          R"(<w:r><w:t>Nghị quyết</w:t></w:r><w:r><w:tab/><w:t xml:space="preserve">số </w:t></w:r>)"
          R"(<w:r><w:t>12</w:t></w:r></w:p>)"
          R"(<w:p><w:r><w:t>Dòng một</w:t><w:br/><w:t>dòng hai &amp; &#x1EBF;</w:t></w:r></w:p>)"
          R"(<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:txbxContent>)"
        + paragraph("Hộp chữ") + R"(</w:txbxContent></mc:Choice><mc:Fallback><w:txbxContent>)"
        + paragraph("Hộp chữ") + R"(</w:txbxContent></mc:Fallback></mc:AlternateContent></w:r></w:p>)"
        + R"(<w:p><w:r><w:delText>đã xoá</w:delText><w:instrText>PAGE</w:instrText></w:r></w:p>)";
    const QByteArray docx = docxOf(body,
        { { "word/header1.xml", wordPart("hdr", paragraph("TỐI MẬT")) },
            { "word/footer1.xml", wordPart("ftr", paragraph("Trang 1")) },
            { "word/media/header2.xml", wordPart("hdr", paragraph("không phải đầu trang")) } });
    BOOST_TEST_REQUIRE((sniffAttachmentType(docx) == AttachmentType::Docx));
    const auto text = attachmentText(docx, AttachmentType::Docx, kTool, {});
    BOOST_TEST_REQUIRE(text.ok(), messageOf(text));
    BOOST_TEST(*text
        == QStringLiteral("TỐI MẬT\nNghị quyết\tsố 12\nDòng một\ndòng hai & ế\nHộp chữ\n\n\nTrang 1\n"));
}

BOOST_AUTO_TEST_CASE(docx_with_too_much_text_or_damage_is_an_error)
{
    TextExtractionLimits limits;
    limits.maxTextChars = 10;
    const auto long_ = attachmentText(docxOf(paragraph("Mười một chữ")), AttachmentType::Docx, kTool, limits);
    BOOST_TEST(isInvalid(long_));
    BOOST_TEST(long_.error().message.contains(QStringLiteral("quá nhiều chữ")), messageOf(long_));

    // A stored (uncompressed) part changed after the fact: its CRC no longer matches.
    QByteArray changed = docxOf(paragraph("TỐI MẬT"), {}, Poco::Zip::ZipCommon::CM_STORE);
    const qsizetype at = changed.indexOf("<w:body>");
    BOOST_REQUIRE(at > 0);
    changed[at + 1] = 'W';
    BOOST_TEST((sniffAttachmentType(changed) == AttachmentType::Docx));
    BOOST_TEST(isInvalid(attachmentText(changed, AttachmentType::Docx, kTool, {})));

    // Not XML at all.
    BOOST_TEST(isInvalid(attachmentText(
        zipOf({ { "[Content_Types].xml", kContentTypes }, { "word/document.xml", "<w:document><w:body>" } }),
        AttachmentType::Docx, kTool, {})));
}

BOOST_AUTO_TEST_CASE(docx_entities_and_doctypes_are_refused)
{
    const std::string namespaces
        = R"( xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main")";
    const std::string external
        = R"(<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>)"
          "<w:document"
        + namespaces + "><w:body>" + paragraph("&xxe;") + "</w:body></w:document>";
    std::string laughs = R"(<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a0 "hahahahahahahahahaha">)";
    for (int i = 1; i < 10; ++i) { // each entity is ten of the one before: a9 is 20 GB of laughter
        laughs += "<!ENTITY a" + std::to_string(i) + " \"";
        for (int k = 0; k < 10; ++k)
            laughs += "&a" + std::to_string(i - 1) + ";";
        laughs += "\">";
    }
    laughs += "]><w:document" + namespaces + "><w:body>" + paragraph("&a9;") + "</w:body></w:document>";
    for (const std::string& document : { external, laughs }) {
        const auto text = attachmentText(
            zipOf({ { "[Content_Types].xml", kContentTypes }, { "word/document.xml", document } }),
            AttachmentType::Docx, kTool, {});
        BOOST_TEST(isInvalid(text));
    }
}

BOOST_AUTO_TEST_CASE(docx_zip_bombs_fail_without_using_their_memory)
{
    // The beginning of document.xml, up to and with `body`.
    const auto opened = [](const std::string& body) {
        const std::string whole = wordPart("document", body);
        return whole.substr(0, whole.size() - std::string("</w:document>").size());
    };
    const std::string inText = opened("<w:body><w:p><w:r><w:t>");
    const std::string textEnd = "</w:t></w:r></w:p></w:body></w:document>";
    struct Bomb {
        const char* what;
        QByteArray docx;
    };
    const std::array<Bomb, 4> bombs {
        Bomb { "zero bytes", docxBomb(inText, '\0', textEnd) },
        Bomb { "zeros as text", docxBomb(inText, '0', textEnd) },
        Bomb { "white space between elements", docxBomb(opened("<w:body>"), ' ', "</w:body></w:document>") },
        Bomb { "one attribute value",
            docxBomb(opened(R"(<w:body><w:p><w:bookmarkStart w:name=")"), '0',
                R"("/></w:p></w:body></w:document>)") },
    };
    for (const Bomb& bomb : bombs) {
        BOOST_TEST_CONTEXT(bomb.what)
        {
            BOOST_TEST(bomb.docx.size() < (2 << 20));
            BOOST_TEST((sniffAttachmentType(bomb.docx) == AttachmentType::Docx));
            const qint64 before = peakResidentBytes();
            QElapsedTimer clock;
            clock.start();
            const auto text = attachmentText(bomb.docx, AttachmentType::Docx, kTool, {});
            BOOST_TEST(isInvalid(text));
            BOOST_TEST(clock.elapsed() < 20000);
            BOOST_TEST(peakResidentBytes() - before < (100LL << 20));
            if (!text.ok())
                BOOST_TEST_MESSAGE(bomb.what << ": " << text.error().message.toStdString());
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()
