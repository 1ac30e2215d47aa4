// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Attachments made at test time, never stored as binary blobs: PDFs written by hand (a Vietnamese title
// through a ToUnicode map), ZIP and DOCX files made with Poco Zip, the smallest PNG and JPEG.
#include <QByteArray>
#include <QList>
#include <QString>

#include <Poco/Zip/ZipCommon.h>

#include <string>
#include <utility>
#include <vector>

namespace sotay::test {

// Numbered objects, a cross-reference table and a trailer naming object 1 as the catalogue.
QByteArray pdfOf(const QList<QByteArray>& objects, const QByteArray& trailer = {});
QByteArray streamObject(const QByteArray& data);
QByteArray pageObject(int contents, const QByteArray& fonts);
extern const QByteArray kHelvetica;
QByteArray hex4(uint value);
// Two pages: the title in Vietnamese through a Type 0 font whose ToUnicode map gives each code its letter,
// then a line in Helvetica ("Van ban TOI MAT so 12").
QByteArray vietnamesePdf(const QString& title);

using Parts = std::vector<std::pair<std::string, std::string>>;
QByteArray zipOf(
    const Parts& parts, Poco::Zip::ZipCommon::CompressionMethod method = Poco::Zip::ZipCommon::CM_DEFLATE);
extern const std::string kContentTypes;
// A WordprocessingML part: `root` is document, hdr or ftr.
std::string wordPart(const std::string& root, const std::string& body);
std::string paragraph(const std::string& text);
QByteArray docxOf(const std::string& documentBody, Parts more = {},
    Poco::Zip::ZipCommon::CompressionMethod method = Poco::Zip::ZipCommon::CM_DEFLATE);

QByteArray pngBytes();
QByteArray jpegBytes();

} // namespace sotay::test
