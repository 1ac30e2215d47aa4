// SPDX-License-Identifier: GPL-3.0-or-later
#include "support/attachment_samples.h"

#include <Poco/DateTime.h>
#include <Poco/Path.h>
#include <Poco/Zip/Compress.h>

#include <sstream>

namespace sotay::test {

// Numbered objects, a cross-reference table and a trailer naming object 1 as the catalogue.
QByteArray pdfOf(const QList<QByteArray>& objects, const QByteArray& trailer)
{
    QByteArray pdf("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n");
    QList<qsizetype> offsets;
    for (qsizetype i = 0; i < objects.size(); ++i) {
        offsets.append(pdf.size());
        pdf += QByteArray::number(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
    }
    const qsizetype xref = pdf.size();
    pdf += "xref\n0 " + QByteArray::number(objects.size() + 1) + "\n0000000000 65535 f \n";
    for (const qsizetype offset : offsets)
        pdf += QByteArray::number(offset).rightJustified(10, '0') + " 00000 n \n";
    pdf += "trailer\n<< /Size " + QByteArray::number(objects.size() + 1) + " /Root 1 0 R " + trailer
        + " >>\nstartxref\n" + QByteArray::number(xref) + "\n%%EOF\n";
    return pdf;
}

QByteArray streamObject(const QByteArray& data)
{
    return "<< /Length " + QByteArray::number(data.size()) + " >>\nstream\n" + data + "\nendstream";
}

QByteArray pageObject(int contents, const QByteArray& fonts)
{
    return "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << " + fonts
        + " >> >> /Contents " + QByteArray::number(contents) + " 0 R >>";
}

const QByteArray kHelvetica
    = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>";

QByteArray hex4(uint value)
{
    return QByteArray::number(value, 16).rightJustified(4, '0');
}

// Two pages: the title in Vietnamese through a Type 0 font whose ToUnicode map gives each code its letter,
// then a line in Helvetica.
QByteArray vietnamesePdf(const QString& title)
{
    QList<char16_t> letters;
    QByteArray codes;
    for (const QChar letter : title) {
        if (!letters.contains(letter.unicode()))
            letters.append(letter.unicode());
        codes += hex4(static_cast<uint>(letters.indexOf(letter.unicode()) + 1));
    }
    QByteArray map;
    for (qsizetype i = 0; i < letters.size(); ++i)
        map += "<" + hex4(static_cast<uint>(i + 1)) + "> <" + hex4(letters[i]) + ">\n";
    const QByteArray cmap = "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
                            "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
                            "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
                            "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
        + QByteArray::number(letters.size()) + " beginbfchar\n" + map
        + "endbfchar\nendcmap\nCMapName currentdict /CMap defineresource pop\nend\nend";
    return pdfOf({
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>",
        pageObject(5, "/F1 6 0 R"),
        pageObject(9, "/F2 10 0 R"),
        streamObject("BT /F1 24 Tf 72 760 Td <" + codes + "> Tj ET"),
        "<< /Type /Font /Subtype /Type0 /BaseFont /DejaVuSans /Encoding /Identity-H /DescendantFonts [7 0 R] "
        "/ToUnicode 8 0 R >>",
        "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /DejaVuSans /CIDSystemInfo << /Registry (Adobe) "
        "/Ordering (Identity) /Supplement 0 >> /FontDescriptor 11 0 R /DW 600 /CIDToGIDMap /Identity >>",
        streamObject(cmap),
        streamObject("BT /F2 14 Tf 72 760 Td (Van ban TOI MAT so 12) Tj ET"),
        kHelvetica,
        "<< /Type /FontDescriptor /FontName /DejaVuSans /Flags 32 /FontBBox [0 -200 1000 900] /ItalicAngle 0 "
        "/Ascent 900 /Descent -200 /CapHeight 700 /StemV 80 >>",
    });
}

QByteArray zipOf(const Parts& parts, Poco::Zip::ZipCommon::CompressionMethod method)
{
    std::ostringstream out(std::ios::binary);
    Poco::Zip::Compress compress(out, true);
    for (const auto& [name, content] : parts) {
        std::istringstream in(content, std::ios::binary);
        compress.addFile(in, Poco::DateTime(), Poco::Path(name, Poco::Path::PATH_UNIX), method);
    }
    compress.close();
    const std::string bytes = out.str();
    return QByteArray(bytes.data(), static_cast<qsizetype>(bytes.size()));
}

const std::string kContentTypes
    = R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
      R"(<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">)"
      R"(<Default Extension="xml" ContentType="application/xml"/>)"
      R"(<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>)"
      R"(</Types>)";

// A WordprocessingML part: `root` is document, hdr or ftr.
std::string wordPart(const std::string& root, const std::string& body)
{
    return R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
           "\n<w:"
        + root
        + R"( xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">)"
        + body + "</w:" + root + ">";
}

std::string paragraph(const std::string& text)
{
    return "<w:p><w:r><w:t>" + text + "</w:t></w:r></w:p>";
}

QByteArray docxOf(const std::string& documentBody, Parts more, Poco::Zip::ZipCommon::CompressionMethod method)
{
    Parts parts { { "[Content_Types].xml", kContentTypes },
        { "word/document.xml", wordPart("document", "<w:body>" + documentBody + "</w:body>") } };
    parts.insert(parts.end(), more.begin(), more.end());
    return zipOf(parts, method);
}

QByteArray pngBytes()
{
    return QByteArray::fromHex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
                               "0000000d49444154789c6360000002000005000100e2b3a35f0000000049454e44ae426082");
}

QByteArray jpegBytes()
{
    return QByteArray::fromHex("ffd8ffe000104a46494600010100000100010000ffd9");
}

} // namespace sotay::test
