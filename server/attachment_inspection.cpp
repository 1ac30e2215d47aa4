// SPDX-License-Identifier: GPL-3.0-or-later
#include "attachment_inspection.h"

#include <QByteArrayView>
#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <array>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <expat.h>
#include <fcntl.h>
#include <memory>
#include <poll.h>
#include <string>
#include <string_view>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <type_traits>
#include <unistd.h>
#include <unordered_set>
#include <utility>
#include <vector>
#define ZLIB_CONST
#include <zlib.h>

namespace sotay::server {
namespace {

constexpr size_t kPieceBytes = 65536; // what is inflated, sent or read at a time

Error ioError(QString message)
{
    return { ErrorCode::Io, std::move(message), {} };
}

// ---- ZIP: the central directory, read by hand with every offset checked against the bytes ----

quint32 littleEndian(const QByteArray& bytes, qsizetype at, int width)
{
    quint32 value = 0;
    for (int i = width - 1; i >= 0; --i)
        value = (value << 8) | static_cast<quint8>(bytes[at + i]);
    return value;
}

struct ZipEntry {
    std::string name; // lower case (OPC part names are case-insensitive)
    bool deflated = false;
    quint32 crc = 0;
    qsizetype dataOffset = 0;
    qsizetype compressedSize = 0;
    qsizetype size = 0;
};

std::string asciiLower(std::string text)
{
    std::transform(text.begin(), text.end(), text.begin(),
        [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; });
    return text;
}

// The entries of a plain single-disk ZIP with nothing before, between or after its parts; nullopt for any
// other ZIP (encrypted, ZIP64, split, self-extracting, unknown compression, duplicate names) or non-ZIP.
std::optional<std::vector<ZipEntry>> zipEntries(const QByteArray& bytes)
{
    const qsizetype size = bytes.size();
    constexpr qsizetype kEndRecord = 22;
    if (size < 4 + kEndRecord || !bytes.startsWith(QByteArrayLiteral("PK\x03\x04")))
        return std::nullopt;
    qsizetype end = -1;
    for (qsizetype at = size - kEndRecord; at >= 0 && at >= size - kEndRecord - 0xFFFF; --at) {
        if (bytes.at(at) == 'P' && bytes.mid(at, 4) == QByteArrayLiteral("PK\x05\x06")
            && at + kEndRecord + littleEndian(bytes, at + 20, 2) == size) {
            end = at;
            break;
        }
    }
    if (end < 0 || littleEndian(bytes, end + 4, 2) != 0 || littleEndian(bytes, end + 6, 2) != 0)
        return std::nullopt;
    const quint32 count = littleEndian(bytes, end + 10, 2);
    const qsizetype directorySize = littleEndian(bytes, end + 12, 4);
    const qsizetype directory = littleEndian(bytes, end + 16, 4);
    if (littleEndian(bytes, end + 8, 2) != count || count == 0xFFFF || directory + directorySize != end)
        return std::nullopt;

    std::vector<ZipEntry> entries;
    std::unordered_set<std::string> names;
    qsizetype at = directory;
    for (quint32 i = 0; i < count; ++i) {
        if (at + 46 > end || bytes.mid(at, 4) != QByteArrayLiteral("PK\x01\x02"))
            return std::nullopt;
        const quint32 flags = littleEndian(bytes, at + 8, 2);
        const quint32 method = littleEndian(bytes, at + 10, 2);
        const qsizetype nameLength = littleEndian(bytes, at + 28, 2);
        const qsizetype next
            = at + 46 + nameLength + littleEndian(bytes, at + 30, 2) + littleEndian(bytes, at + 32, 2);
        constexpr quint32 kEncrypted = 0x0001 | 0x0040 | 0x2000;
        if (next > end || (flags & kEncrypted) != 0 || (method != 0 && method != 8)
            || littleEndian(bytes, at + 34, 2) != 0)
            return std::nullopt;
        ZipEntry entry;
        entry.name = asciiLower(bytes.mid(at + 46, nameLength).toStdString());
        entry.deflated = method == 8;
        entry.crc = littleEndian(bytes, at + 16, 4);
        entry.compressedSize = littleEndian(bytes, at + 20, 4);
        entry.size = littleEndian(bytes, at + 24, 4);
        const qsizetype local = littleEndian(bytes, at + 42, 4);
        if (entry.compressedSize == 0xFFFFFFFF || entry.size == 0xFFFFFFFF || local + 30 > directory
            || bytes.mid(local, 4) != QByteArrayLiteral("PK\x03\x04"))
            return std::nullopt;
        entry.dataOffset
            = local + 30 + littleEndian(bytes, local + 26, 2) + littleEndian(bytes, local + 28, 2);
        if (entry.dataOffset + entry.compressedSize > directory
            || (!entry.deflated && entry.compressedSize != entry.size))
            return std::nullopt;
        if (!names.insert(entry.name).second)
            return std::nullopt;
        entries.push_back(std::move(entry));
        at = next;
    }
    if (at != end)
        return std::nullopt;
    return entries;
}

const ZipEntry* findEntry(const std::vector<ZipEntry>& entries, const std::string& name)
{
    const auto found
        = std::find_if(entries.begin(), entries.end(), [&](const ZipEntry& e) { return e.name == name; });
    return found == entries.end() ? nullptr : &*found;
}

bool isDocx(const std::optional<std::vector<ZipEntry>>& entries)
{
    return entries && findEntry(*entries, "[content_types].xml") && findEntry(*entries, "word/document.xml");
}

// ---- DOCX: each part inflated piece by piece under one budget and fed to expat ----

enum class Stop { None, Damaged, TooLarge, TooComplex, TooSlow, TooMuchText };

// What all the parts of one document may still use, and why reading stopped.
struct Budget {
    qint64 bytesLeft = 0; // decompressed bytes
    QDeadlineTimer deadline;
    Stop stop = Stop::None;
};

// One entry's bytes, inflated a piece at a time; checks the size and CRC that the directory promised.
class EntryReader {
public:
    EntryReader(const QByteArray& zip, const ZipEntry& entry, Budget& budget)
        : m_entry(entry)
        , m_budget(budget)
        , m_input(reinterpret_cast<const Bytef*>(zip.constData() + entry.dataOffset))
    {
        m_stream.next_in = m_input;
        m_stream.avail_in = static_cast<uInt>(entry.compressedSize);
        if (m_entry.deflated && inflateInit2(&m_stream, -MAX_WBITS) != Z_OK)
            m_budget.stop = Stop::Damaged;
    }
    ~EntryReader()
    {
        if (m_entry.deflated)
            inflateEnd(&m_stream);
    }
    Q_DISABLE_COPY_MOVE(EntryReader)

    // The next piece; nullopt at the end, or when reading must stop (the budget then says why).
    std::optional<QByteArrayView> next()
    {
        if (m_budget.stop != Stop::None || m_finished)
            return std::nullopt;
        if (m_budget.deadline.hasExpired())
            return fail(Stop::TooSlow);
        qsizetype produced = 0;
        if (m_entry.deflated) {
            while (produced == 0 && !m_finished) {
                m_stream.next_out = reinterpret_cast<Bytef*>(m_buffer.data());
                m_stream.avail_out = static_cast<uInt>(m_buffer.size());
                const uInt before = m_stream.avail_in;
                const int rc = inflate(&m_stream, Z_NO_FLUSH);
                produced = static_cast<qsizetype>(m_buffer.size() - m_stream.avail_out);
                if (rc == Z_STREAM_END)
                    m_finished = true;
                else if ((rc != Z_OK && rc != Z_BUF_ERROR) || (produced == 0 && m_stream.avail_in == before))
                    return fail(Stop::Damaged); // an error, or no progress: the data ends too soon
            }
        } else {
            produced = std::min<qsizetype>(m_entry.size - m_read, static_cast<qsizetype>(m_buffer.size()));
            std::memcpy(m_buffer.data(), m_input + m_read, static_cast<size_t>(produced));
            m_finished = m_read + produced == m_entry.size;
        }
        m_read += produced;
        if (m_read > m_budget.bytesLeft)
            return fail(Stop::TooLarge);
        if (m_read > m_entry.size)
            return fail(Stop::Damaged);
        m_crc = crc32(m_crc, reinterpret_cast<const Bytef*>(m_buffer.data()), static_cast<uInt>(produced));
        if (m_finished) {
            m_budget.bytesLeft -= m_read;
            if (m_read != m_entry.size || m_crc != m_entry.crc)
                return fail(Stop::Damaged);
        }
        if (produced == 0)
            return std::nullopt;
        return QByteArrayView(m_buffer.data(), produced);
    }

private:
    std::nullopt_t fail(Stop why)
    {
        m_budget.stop = why;
        return std::nullopt;
    }

    const ZipEntry& m_entry;
    Budget& m_budget;
    const Bytef* m_input;
    z_stream m_stream {};
    std::array<char, kPieceBytes> m_buffer {};
    qsizetype m_read = 0;
    uLong m_crc = crc32(0, nullptr, 0);
    bool m_finished = false;
};

// Expat's allocations, counted against a cap: a start tag, comment or name of many megabytes is buffered
// whole, so without a cap one element could still cost as much memory as the decompressed part. The suite
// has no user data; the cap of the parse running on this thread is reached through a thread_local.
struct ParserMemory {
    size_t used = 0;
    size_t cap = 0;
};
thread_local ParserMemory* t_parserMemory = nullptr;

// Sets the cap for the parses within its lifetime.
struct ParserMemoryScope {
    explicit ParserMemoryScope(ParserMemory& memory) { t_parserMemory = &memory; }
    ~ParserMemoryScope() { t_parserMemory = nullptr; }
    Q_DISABLE_COPY_MOVE(ParserMemoryScope)
};

constexpr size_t kBlockHeader = alignof(std::max_align_t);

size_t blockSize(void* pointer)
{
    size_t size = 0;
    std::memcpy(&size, static_cast<char*>(pointer) - kBlockHeader, sizeof size);
    return size;
}

void* placeBlock(void* block, size_t size)
{
    if (!block)
        return nullptr;
    std::memcpy(block, &size, sizeof size);
    if (t_parserMemory)
        t_parserMemory->used += size;
    return static_cast<char*>(block) + kBlockHeader;
}

bool allowed(size_t more)
{
    return !t_parserMemory
        || (more <= t_parserMemory->cap && t_parserMemory->used <= t_parserMemory->cap - more);
}

void* parserMalloc(size_t size)
{
    return allowed(size) ? placeBlock(std::malloc(size + kBlockHeader), size) : nullptr;
}

void parserFree(void* pointer)
{
    if (!pointer)
        return;
    if (t_parserMemory)
        t_parserMemory->used -= blockSize(pointer);
    std::free(static_cast<char*>(pointer) - kBlockHeader);
}

void* parserRealloc(void* pointer, size_t size)
{
    if (!pointer)
        return parserMalloc(size);
    const size_t old = blockSize(pointer);
    if (size > old && !allowed(size - old))
        return nullptr;
    void* block = std::realloc(static_cast<char*>(pointer) - kBlockHeader, size + kBlockHeader);
    if (!block)
        return nullptr;
    if (t_parserMemory)
        t_parserMemory->used -= old;
    return placeBlock(block, size);
}

const XML_Memory_Handling_Suite kParserMemorySuite { parserMalloc, parserRealloc, parserFree };

// Names arrive as "namespace local" (a space cannot occur in a namespace name).
constexpr char kWordMain[] = "http://schemas.openxmlformats.org/wordprocessingml/2006/main ";
constexpr char kWordStrict[] = "http://purl.oclc.org/ooxml/wordprocessingml/main ";
constexpr char kFallback[] = "http://schemas.openxmlformats.org/markup-compatibility/2006 Fallback";

// WordprocessingML to text: a paragraph per line, runs' <w:t> joined, <w:tab/> a tab, <w:br/> and <w:cr/> a
// line break. mc:Fallback repeats what mc:Choice says, so it is skipped. A DOCTYPE (which WordprocessingML
// never has; it is how entity expansion and external entities get in) stops the reading as damaged.
class WordText {
public:
    WordText(XML_Parser parser, QString& text, qint64 maxChars, Budget& budget)
        : m_parser(parser)
        , m_text(text)
        , m_maxChars(maxChars)
        , m_budget(budget)
    {
        XML_SetUserData(parser, this);
        XML_SetElementHandler(parser, &WordText::onStart, &WordText::onEnd);
        XML_SetCharacterDataHandler(parser, &WordText::onCharacters);
        XML_SetStartDoctypeDeclHandler(parser, &WordText::onDoctype);
        XML_SetParamEntityParsing(parser, XML_PARAM_ENTITY_PARSING_NEVER);
    }

private:
    enum class Kind { Other, Paragraph, Run, Text, Skipped };

    static void XMLCALL onStart(void* self, const XML_Char* name, const XML_Char**)
    {
        static_cast<WordText*>(self)->start(std::string_view(name));
    }
    static void XMLCALL onEnd(void* self, const XML_Char*) { static_cast<WordText*>(self)->end(); }
    static void XMLCALL onCharacters(void* self, const XML_Char* text, int length)
    {
        auto* word = static_cast<WordText*>(self);
        if (!word->m_open.empty() && word->m_open.back() == Kind::Text)
            word->append(QString::fromUtf8(text, length));
    }
    static void XMLCALL onDoctype(void* self, const XML_Char*, const XML_Char*, const XML_Char*, int)
    {
        static_cast<WordText*>(self)->stop(Stop::Damaged);
    }

    void start(std::string_view name)
    {
        std::string_view local;
        for (const std::string_view word : { std::string_view(kWordMain), std::string_view(kWordStrict) })
            if (name.substr(0, word.size()) == word)
                local = name.substr(word.size());
        const bool inRun = !m_open.empty() && m_open.back() == Kind::Run;
        Kind kind = Kind::Other;
        if (m_skipping > 0 || name == kFallback)
            kind = Kind::Skipped;
        else if (local == "p")
            kind = Kind::Paragraph;
        else if (local == "r")
            kind = Kind::Run;
        else if (inRun && local == "t")
            kind = Kind::Text;
        else if (inRun && local == "tab")
            append(QStringLiteral("\t"));
        else if (inRun && (local == "br" || local == "cr"))
            append(QStringLiteral("\n"));
        if (kind == Kind::Skipped)
            ++m_skipping;
        m_open.push_back(kind);
    }
    void end()
    {
        if (m_open.empty())
            return;
        if (m_open.back() == Kind::Skipped)
            --m_skipping;
        else if (m_open.back() == Kind::Paragraph)
            append(QStringLiteral("\n"));
        m_open.pop_back();
    }
    void append(const QString& piece)
    {
        if (m_text.size() + piece.size() > m_maxChars)
            stop(Stop::TooMuchText);
        else
            m_text += piece;
    }
    void stop(Stop why)
    {
        if (m_budget.stop == Stop::None)
            m_budget.stop = why;
        XML_StopParser(m_parser, XML_FALSE);
    }

    XML_Parser m_parser;
    QString& m_text;
    qint64 m_maxChars;
    Budget& m_budget;
    std::vector<Kind> m_open;
    int m_skipping = 0;
};

// The parts whose text counts, in reading order: headers, the body, footers.
std::vector<const ZipEntry*> textParts(const std::vector<ZipEntry>& entries)
{
    std::vector<const ZipEntry*> headers;
    std::vector<const ZipEntry*> footers;
    const auto isPart = [](const std::string& name, const std::string& prefix) {
        return name.rfind(prefix, 0) == 0 && name.size() > prefix.size() + 4
            && name.compare(name.size() - 4, 4, ".xml") == 0
            && name.find('/', prefix.size()) == std::string::npos;
    };
    for (const ZipEntry& entry : entries) {
        if (isPart(entry.name, "word/header"))
            headers.push_back(&entry);
        else if (isPart(entry.name, "word/footer"))
            footers.push_back(&entry);
    }
    const auto byName = [](const ZipEntry* a, const ZipEntry* b) { return a->name < b->name; };
    std::sort(headers.begin(), headers.end(), byName);
    std::sort(footers.begin(), footers.end(), byName);
    headers.push_back(findEntry(entries, "word/document.xml"));
    headers.insert(headers.end(), footers.begin(), footers.end());
    return headers;
}

// Reads one part into `text`; false when the budget says reading stopped.
bool readPart(const QByteArray& bytes, const ZipEntry& part, QString& text, qint64 maxChars, Budget& budget)
{
    const std::unique_ptr<std::remove_pointer_t<XML_Parser>, decltype(&XML_ParserFree)> parser(
        XML_ParserCreate_MM(nullptr, &kParserMemorySuite, " "), &XML_ParserFree);
    if (!parser) {
        budget.stop = Stop::TooComplex;
        return false;
    }
    WordText handler(parser.get(), text, maxChars, budget);
    EntryReader reader(bytes, part, budget);
    bool parsed = true;
    while (parsed) {
        const std::optional<QByteArrayView> piece = reader.next();
        if (!piece)
            break;
        parsed = XML_Parse(parser.get(), piece->data(), static_cast<int>(piece->size()), XML_FALSE)
            == XML_STATUS_OK;
    }
    if (parsed && budget.stop == Stop::None)
        parsed = XML_Parse(parser.get(), nullptr, 0, XML_TRUE) == XML_STATUS_OK;
    if (!parsed && budget.stop == Stop::None)
        budget.stop
            = XML_GetErrorCode(parser.get()) == XML_ERROR_NO_MEMORY ? Stop::TooComplex : Stop::Damaged;
    return budget.stop == Stop::None;
}

// The error for more text than the check reads, from either kind of file.
Error tooMuchText(const TextExtractionLimits& limits)
{
    return Error::invalid(QCoreApplication::translate(
        "AttachmentInspection", "Tệp có quá nhiều chữ để kiểm tra (quá %L1 ký tự).")
                              .arg(limits.maxTextChars));
}

Result<QString> docxText(const QByteArray& bytes, const TextExtractionLimits& limits)
{
    const auto entries = zipEntries(bytes);
    Budget budget { limits.memoryBytes / 4, QDeadlineTimer(qint64 { limits.seconds } * 1000), Stop::None };
    ParserMemory memory { 0, static_cast<size_t>(limits.memoryBytes / 16) };
    QString text;
    if (!isDocx(entries)) {
        budget.stop = Stop::Damaged;
    } else {
        const ParserMemoryScope scope(memory);
        for (const ZipEntry* part : textParts(*entries))
            if (!readPart(bytes, *part, text, limits.maxTextChars, budget))
                break;
    }
    switch (budget.stop) {
    case Stop::None:
        return text;
    case Stop::TooLarge:
        return Error::invalid(
            QCoreApplication::translate("AttachmentInspection", "Tệp DOCX giải nén ra quá lớn (quá %1 MB).")
                .arg((limits.memoryBytes / 4) >> 20));
    case Stop::TooComplex:
        return Error::invalid(QCoreApplication::translate(
            "AttachmentInspection", "Tệp DOCX có phần tử quá lớn để đọc (cần hơn %1 MB bộ nhớ).")
                                  .arg((limits.memoryBytes / 16) >> 20));
    case Stop::TooSlow:
        return Error::invalid(QCoreApplication::translate(
            "AttachmentInspection", "Đọc tệp DOCX quá thời gian cho phép (%1 giây).")
                                  .arg(limits.seconds));
    case Stop::TooMuchText:
        return tooMuchText(limits);
    case Stop::Damaged:
        break;
    }
    return Error::invalid(QCoreApplication::translate(
        "AttachmentInspection", "Không đọc được nội dung tệp DOCX (tệp hỏng hoặc không đúng định dạng)."));
}

// ---- PDF: sotay-pdf-text in a child process with limits ----

// A file descriptor closed when it goes out of scope.
class Fd {
public:
    explicit Fd(int fd)
        : m_fd(fd)
    {
    }
    ~Fd() { reset(); }
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
    int get() const { return m_fd; }
    bool valid() const { return m_fd >= 0; }
    void reset()
    {
        if (m_fd >= 0)
            ::close(m_fd);
        m_fd = -1;
    }

private:
    int m_fd;
};

// A descriptor at 3 or above (so that placing the pipes on 0, 1 and 2 in the child cannot clash).
int aboveStandard(int fd)
{
    if (fd < 0 || fd > 2)
        return fd;
    const int moved = ::fcntl(fd, F_DUPFD_CLOEXEC, 3);
    ::close(fd);
    return moved;
}

// All the child needs, made before fork: between fork and exec it may not allocate.
struct ChildSetup {
    int input, output, errors, report, maxFd;
    std::array<int, 5> resources;
    std::array<rlimit, 5> limits;
    const char* path;
    char* const* argv;
    char* const* envp;
};

// The child between fork and exec: async-signal-safe calls only.
[[noreturn]] void execTool(const ChildSetup& child)
{
    ::setpgid(0, 0); // its own group, so that a timeout kills whatever it started too
    struct sigaction defaults { };
    defaults.sa_handler = SIG_DFL;
    for (int signal = 1; signal < NSIG; ++signal)
        ::sigaction(signal, &defaults, nullptr); // the server ignores SIGPIPE and blocks SIGTERM
    sigset_t none;
    ::sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);
    if (::dup2(child.input, 0) < 0 || ::dup2(child.output, 1) < 0 || ::dup2(child.errors, 2) < 0)
        ::_exit(127);
    // Only the pipes stay; `report` closes itself at exec.
    if (::close_range(3, static_cast<unsigned>(child.report - 1), 0) != 0
        || ::close_range(static_cast<unsigned>(child.report + 1), ~0U, 0) != 0) {
        for (int fd = 3; fd <= child.maxFd; ++fd) // kernels before 5.9
            if (fd != child.report)
                ::close(fd);
    }
    for (size_t i = 0; i < child.resources.size(); ++i)
        if (::setrlimit(child.resources[i], &child.limits[i]) != 0)
            ::_exit(127);
    ::execve(child.path, child.argv, child.envp);
    const int failure = errno;
    [[maybe_unused]] const auto written = ::write(child.report, &failure, sizeof failure);
    ::_exit(127);
}

// Reaps the child, killing its group first when asked or when it outlives the deadline.
int reap(pid_t pid, bool kill, const QDeadlineTimer& deadline)
{
    int status = 0;
    while (!kill) {
        const pid_t done = ::waitpid(pid, &status, WNOHANG);
        if (done == pid || (done < 0 && errno != EINTR))
            return status;
        kill = deadline.hasExpired();
        if (!kill)
            ::usleep(5000);
    }
    ::kill(-pid, SIGKILL);
    ::kill(pid, SIGKILL);
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) { }
    return status;
}

Error notStarted(const QString& tool, int errorNumber)
{
    return ioError(QCoreApplication::translate(
        "AttachmentInspection", "Không chạy được chương trình đọc tệp PDF (%1): %2")
                       .arg(tool, qt_error_string(errorNumber)));
}

Result<QString> pdfText(const QByteArray& bytes, const QString& tool, const TextExtractionLimits& limits)
{
    const QFileInfo toolInfo(tool);
    if (tool.isEmpty() || !toolInfo.isFile() || !toolInfo.isExecutable())
        return ioError(QCoreApplication::translate(
            "AttachmentInspection", "Máy chủ thiếu chương trình đọc tệp PDF (%1); hãy báo người quản trị.")
                           .arg(tool));

    // The PDF goes in through a socket (send() can refuse SIGPIPE), the text comes out through a pipe, and
    // a close-on-exec pipe carries exec's errno back. All close-on-exec, so no other child inherits them.
    std::array<int, 6> ends {};
    ends.fill(-1);
    const bool made = ::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, ends.data()) == 0
        && ::pipe2(ends.data() + 2, O_CLOEXEC) == 0 && ::pipe2(ends.data() + 4, O_CLOEXEC) == 0;
    const int madeErrno = errno;
    Fd input(aboveStandard(ends[0]));
    Fd childInput(aboveStandard(ends[1]));
    Fd output(aboveStandard(ends[2]));
    Fd childOutput(aboveStandard(ends[3]));
    Fd report(aboveStandard(ends[4]));
    Fd childReport(aboveStandard(ends[5]));
    Fd devNull(aboveStandard(::open("/dev/null", O_WRONLY | O_CLOEXEC)));
    if (!made)
        return notStarted(tool, madeErrno);
    if (!input.valid() || !childInput.valid() || !output.valid() || !childOutput.valid() || !report.valid()
        || !childReport.valid() || !devNull.valid())
        return notStarted(tool, errno);

    const QByteArray path = QFile::encodeName(toolInfo.absoluteFilePath());
    std::array<char*, 2> argv { const_cast<char*>(path.constData()), nullptr };
    // No variable of the server (its secrets among them) reaches a program reading untrusted input.
    char pathVariable[] = "PATH=/usr/bin:/bin";
    char locale[] = "LC_ALL=C.UTF-8";
    std::array<char*, 3> envp { pathVariable, locale, nullptr };
    const auto cpu = static_cast<rlim_t>(std::max(1, limits.seconds));
    const auto memory = static_cast<rlim_t>(limits.memoryBytes);
    rlimit files {};
    ::getrlimit(RLIMIT_NOFILE, &files);
    const ChildSetup setup { childInput.get(), childOutput.get(), devNull.get(), childReport.get(),
        static_cast<int>(std::min<rlim_t>(files.rlim_cur, 1 << 20)) - 1,
        { RLIMIT_AS, RLIMIT_CPU, RLIMIT_CORE, RLIMIT_FSIZE, RLIMIT_NOFILE },
        { rlimit { memory, memory }, rlimit { cpu, cpu + 1 }, rlimit { 0, 0 }, rlimit { 0, 0 },
            rlimit { 64, 64 } },
        path.constData(), argv.data(), envp.data() };

    const QDeadlineTimer deadline(qint64 { limits.seconds + 5 } * 1000);
    const pid_t pid = ::fork();
    if (pid < 0)
        return notStarted(tool, errno);
    if (pid == 0)
        execTool(setup);
    ::setpgid(pid, pid);
    childInput.reset();
    childOutput.reset();
    childReport.reset();
    devNull.reset();

    int execFailure = 0;
    ssize_t reported = 0;
    while ((reported = ::read(report.get(), &execFailure, sizeof execFailure)) < 0 && errno == EINTR) { }
    if (reported > 0) {
        reap(pid, false, deadline);
        return notStarted(tool, execFailure);
    }

    // Feed the PDF and read the text at once, so that neither side can wait on the other.
    ::fcntl(input.get(), F_SETFL, O_NONBLOCK);
    qsizetype written = 0;
    if (bytes.isEmpty())
        input.reset();
    QByteArray text;
    qint64 characters = 0;
    bool timedOut = false;
    bool tooMuch = false;
    std::array<char, kPieceBytes> chunk {};
    while (output.valid() && !tooMuch) {
        std::array<pollfd, 2> watched { pollfd { output.get(), POLLIN, 0 },
            pollfd { input.get(), POLLOUT, 0 } };
        const qint64 wait = deadline.remainingTime();
        if (wait <= 0) {
            timedOut = true;
            break;
        }
        const int ready
            = ::poll(watched.data(), input.valid() ? 2 : 1, static_cast<int>(std::min<qint64>(wait, 1000)));
        if (ready < 0 && errno != EINTR)
            break;
        if (ready <= 0)
            continue;
        if (input.valid() && watched[1].revents != 0) {
            const auto sent = ::send(input.get(), bytes.constData() + written,
                static_cast<size_t>(std::min<qsizetype>(bytes.size() - written, kPieceBytes)),
                MSG_NOSIGNAL | MSG_DONTWAIT);
            if (sent > 0)
                written += sent;
            if (written == bytes.size() || (sent < 0 && errno != EAGAIN && errno != EINTR))
                input.reset(); // all sent, or the tool stopped reading: its exit status says why
        }
        if (watched[0].revents != 0) {
            const auto got = ::read(output.get(), chunk.data(), chunk.size());
            if (got == 0 || (got < 0 && errno != EAGAIN && errno != EINTR))
                output.reset();
            if (got <= 0)
                continue;
            text.append(chunk.data(), got);
            // Code points are the bytes that do not continue a UTF-8 sequence.
            characters += std::count_if(chunk.begin(), chunk.begin() + got,
                [](char c) { return (static_cast<quint8>(c) & 0xC0) != 0x80; });
            tooMuch = characters > limits.maxTextChars;
        }
    }
    input.reset();
    output.reset();
    const int status = reap(pid, timedOut || tooMuch, deadline);
    if (tooMuch)
        return tooMuchText(limits);
    // SIGXCPU at the soft CPU limit, SIGKILL at the hard one or from reap() at the deadline.
    const bool stopped = WIFSIGNALED(status) && (WTERMSIG(status) == SIGXCPU || WTERMSIG(status) == SIGKILL);
    if (timedOut || stopped || deadline.hasExpired())
        return Error::invalid(QCoreApplication::translate(
            "AttachmentInspection", "Đọc tệp PDF quá thời gian cho phép (%1 giây).")
                                  .arg(limits.seconds));
    switch (WIFEXITED(status) ? WEXITSTATUS(status) : -1) {
    case 0:
        return QString::fromUtf8(text);
    case 2:
        return Error::invalid(QCoreApplication::translate(
            "AttachmentInspection", "Không đọc được nội dung tệp PDF: tệp hỏng hoặc không phải PDF."));
    case 3:
        return Error::invalid(QCoreApplication::translate("AttachmentInspection",
            "Tệp PDF có mật khẩu nên không kiểm tra được nội dung; hãy tải lên bản không đặt mật khẩu."));
    case 4:
        return Error::invalid(QCoreApplication::translate(
            "AttachmentInspection", "Đọc tệp PDF cần quá nhiều bộ nhớ (quá %1 MB).")
                                  .arg(limits.memoryBytes >> 20));
    default:
        return Error::invalid(QCoreApplication::translate(
            "AttachmentInspection", "Không đọc được nội dung tệp PDF (tệp hỏng hoặc có mật khẩu)."));
    }
}

} // namespace

std::optional<AttachmentType> sniffAttachmentType(const QByteArray& bytes)
{
    if (bytes.startsWith("%PDF-"))
        return AttachmentType::Pdf;
    if (bytes.startsWith(QByteArrayLiteral("\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR")))
        return AttachmentType::Png;
    if (bytes.startsWith(QByteArrayLiteral("\xff\xd8\xff")))
        return AttachmentType::Jpeg;
    if (isDocx(zipEntries(bytes)))
        return AttachmentType::Docx;
    return std::nullopt;
}

QString mimeTypeOf(AttachmentType type)
{
    switch (type) {
    case AttachmentType::Pdf:
        return QStringLiteral("application/pdf");
    case AttachmentType::Png:
        return QStringLiteral("image/png");
    case AttachmentType::Jpeg:
        return QStringLiteral("image/jpeg");
    case AttachmentType::Docx:
        return QStringLiteral("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    }
    return {};
}

QString codeOf(AttachmentType type)
{
    switch (type) {
    case AttachmentType::Pdf:
        return QStringLiteral("pdf");
    case AttachmentType::Png:
        return QStringLiteral("png");
    case AttachmentType::Jpeg:
        return QStringLiteral("jpeg");
    case AttachmentType::Docx:
        return QStringLiteral("docx");
    }
    return {};
}

QString defaultPdfTextTool()
{
    const QString directory = QCoreApplication::instance()
        ? QCoreApplication::applicationDirPath()
        : QFileInfo(QStringLiteral("/proc/self/exe")).symLinkTarget().section(QLatin1Char('/'), 0, -2);
    return QDir(directory).filePath(QStringLiteral("sotay-pdf-text"));
}

Result<QString> attachmentText(const QByteArray& bytes, AttachmentType type, const QString& pdfTextTool,
    const TextExtractionLimits& limits)
{
    switch (type) {
    case AttachmentType::Pdf:
        return pdfText(bytes, pdfTextTool, limits);
    case AttachmentType::Docx:
        return docxText(bytes, limits);
    case AttachmentType::Png:
    case AttachmentType::Jpeg:
        break;
    }
    return Error::invalid(
        QCoreApplication::translate("AttachmentInspection", "Tệp ảnh không có lớp chữ để đọc."));
}

} // namespace sotay::server
