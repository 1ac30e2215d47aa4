// SPDX-License-Identifier: GPL-3.0-or-later
// sotay-pdf-text: reads a PDF on standard input and writes its text as UTF-8 on standard output, page after
// page, a form feed between pages. The server runs it in a child process with limits on memory and CPU
// (server/attachment_inspection.cpp), so that an untrusted PDF is never parsed inside the server.
// Exit status: 0 read, 1 an input/output error, 2 not a PDF or damaged, 3 password-protected (a PDF that
// needs a password to open; one with only an owner password opens and is read), 4 out of memory.
#include <cerrno>
#include <climits>
#include <cstring>
#include <memory>
#include <new>
#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-page.h>
#include <string>
#include <unistd.h>
#include <vector>

namespace {

enum Exit { kRead = 0, kInputOutput = 1, kDamaged = 2, kPassword = 3, kOutOfMemory = 4 };

bool readAll(int fd, std::vector<char>& into)
{
    char chunk[64 * 1024];
    for (;;) {
        const ssize_t got = ::read(fd, chunk, sizeof chunk);
        if (got == 0)
            return true;
        if (got < 0) {
            if (errno == EINTR)
                continue;
            return false;
        }
        into.insert(into.end(), chunk, chunk + got);
    }
}

bool writeAll(int fd, const char* data, size_t size)
{
    while (size > 0) {
        const ssize_t put = ::write(fd, data, size);
        if (put < 0) {
            if (errno == EINTR)
                continue;
            return false;
        }
        data += put;
        size -= static_cast<size_t>(put);
    }
    return true;
}

void ignorePopplerMessage(const std::string&, void*) { }

int run()
{
    std::vector<char> pdf;
    if (!readAll(STDIN_FILENO, pdf))
        return kInputOutput;
    constexpr char kMagic[] = "%PDF-";
    if (pdf.size() < sizeof kMagic - 1 || std::memcmp(pdf.data(), kMagic, sizeof kMagic - 1) != 0
        || pdf.size() > static_cast<size_t>(INT_MAX))
        return kDamaged;

    poppler::set_debug_error_function(ignorePopplerMessage, nullptr);
    const std::unique_ptr<poppler::document> document(
        poppler::document::load_from_raw_data(pdf.data(), static_cast<int>(pdf.size())));
    if (!document)
        return kDamaged;
    if (document->is_locked())
        return kPassword;
    const int pages = document->pages();
    for (int i = 0; i < pages; ++i) {
        if (i > 0 && !writeAll(STDOUT_FILENO, "\f", 1))
            return kInputOutput;
        const std::unique_ptr<poppler::page> page(document->create_page(i));
        if (!page)
            return kDamaged;
        poppler::byte_array text = page->text(poppler::rectf(), poppler::page::raw_order_layout).to_utf8();
        while (!text.empty() && text.back() == '\f') // poppler ends a page with one; ours go between pages
            text.pop_back();
        if (!writeAll(STDOUT_FILENO, text.data(), text.size()))
            return kInputOutput;
    }
    return kRead;
}

} // namespace

int main()
{
    try {
        return run();
    } catch (const std::bad_alloc&) {
        return kOutOfMemory;
    } catch (...) {
        return kDamaged;
    }
}
