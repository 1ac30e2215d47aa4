// SPDX-License-Identifier: GPL-3.0-or-later
// What an uploaded attachment really is, and the text it carries, for the classification check of published
// content. Attachments are untrusted: their type is judged by their bytes, never by their name, and a PDF is
// never parsed in the server process.
//
// Where the PDF tool is looked for: PDF text is read by the separate program `sotay-pdf-text`
// (server/pdf_text/pdf_text_main.cpp), run with limits, a minimal environment and only its pipes. The server
// passes defaultPdfTextTool(), the file of that name in the directory of its own executable, so an
// installation puts the two side by side; in a build tree the build writes the tool to build/app/ beside
// sotay-server. The tests pass the built tool's path, given to them by the compile definition
// SOTAY_PDF_TEXT_TOOL.
#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace sotay::server {

enum class AttachmentType { Pdf, Png, Jpeg, Docx };

// The type judged by the bytes: PDF ("%PDF-"), PNG (the 8-byte signature and an IHDR chunk first), JPEG
// (FF D8 FF), DOCX (a plain ZIP whose central directory lists [Content_Types].xml and word/document.xml; an
// encrypted, split, ZIP64, or otherwise odd ZIP is not DOCX). Anything else: nullopt.
std::optional<AttachmentType> sniffAttachmentType(const QByteArray& bytes);

// application/pdf, image/png, image/jpeg,
// application/vnd.openxmlformats-officedocument.wordprocessingml.document
QString mimeTypeOf(AttachmentType type);
// "pdf", "png", "jpeg", "docx"
QString codeOf(AttachmentType type);

// How much reading one attachment's text may cost.
struct TextExtractionLimits {
    // PDF: the tool's CPU time (RLIMIT_CPU), and it is killed after seconds + 5 s of wall-clock time.
    // DOCX: the wall-clock time spent decompressing and parsing.
    int seconds = 20;
    // PDF: the tool's address space (RLIMIT_AS). DOCX: the XML is streamed, never held whole; at most a
    // quarter of this (128 MiB by default) is decompressed in all, so a zip bomb fails early, and the XML
    // parser may allocate at most a sixteenth (32 MiB), so one enormous tag or attribute fails too.
    qint64 memoryBytes = 512LL << 20;
    qint64 maxTextChars = 5'000'000; // more text than this is an error, not a truncated answer
};

// The path of sotay-pdf-text next to the running executable.
QString defaultPdfTextTool();

// The text layer of a PDF (pages separated by a form feed) or of a DOCX (its headers, body and footers, a
// paragraph per line), for the classification check. Images have none: asking is an error. A PDF that needs
// a password to open is refused (its text cannot be checked); one with only an owner password is read. Blocks
// for up to limits.seconds + 5 s; every failure is an Error with a Vietnamese message: Invalid when the file
// is at fault (damaged, password-protected, too heavy), Io when the server is (the tool missing or not
// starting).
Result<QString> attachmentText(const QByteArray& bytes, AttachmentType type, const QString& pdfTextTool,
    const TextExtractionLimits& limits = {});

} // namespace sotay::server
