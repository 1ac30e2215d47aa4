// SPDX-License-Identifier: GPL-3.0-or-later
#include "http_head.h"

#include <algorithm>
#include <charconv>

namespace sotay::server {
namespace {

bool equalsIgnoringCase(std::string_view a, std::string_view b)
{
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
        return (x >= 'A' && x <= 'Z' ? x + 32 : x) == (y >= 'A' && y <= 'Z' ? y + 32 : y);
    });
}

// RFC 9110 token characters (method and field names).
bool isTokenChar(unsigned char c)
{
    if (c >= '0' && c <= '9')
        return true;
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
        return true;
    return std::string_view("!#$%&'*+-.^_`|~").find(static_cast<char>(c)) != std::string_view::npos;
}

bool isToken(std::string_view text)
{
    return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
        return isTokenChar(static_cast<unsigned char>(c));
    });
}

// Visible ASCII only: a target with spaces, controls or raw non-ASCII bytes is no request target.
bool isTarget(std::string_view text)
{
    return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return u > 0x20 && u < 0x7f;
    });
}

// Field values: visible characters, spaces, tabs and obs-text; no other controls (a NUL or a lone CR
// could be read differently by a proxy in front).
bool isFieldValue(std::string_view text)
{
    return std::all_of(text.begin(), text.end(), [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return u == '\t' || (u >= 0x20 && u != 0x7f);
    });
}

std::string_view trimmed(std::string_view text)
{
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t'))
        text.remove_suffix(1);
    return text;
}

// Splits off one line; the line end (CRLF or LF) is dropped. A CR anywhere else makes the line bad.
bool takeLine(std::string_view& rest, std::string_view& line)
{
    const std::size_t end = rest.find('\n');
    if (end == std::string_view::npos)
        return false;
    line = rest.substr(0, end);
    rest.remove_prefix(end + 1);
    if (!line.empty() && line.back() == '\r')
        line.remove_suffix(1);
    return true;
}

bool hasCarriageReturn(std::string_view line)
{
    return line.find('\r') != std::string_view::npos;
}

// "12" or "12, 12": one length, however often it is repeated; nullopt for anything else.
std::optional<std::int64_t> parseLength(std::string_view value, std::optional<std::int64_t> already)
{
    std::optional<std::int64_t> length = already;
    while (true) {
        const std::size_t comma = value.find(',');
        const std::string_view part = trimmed(value.substr(0, comma));
        if (part.empty() || part.size() > 18
            || !std::all_of(part.begin(), part.end(), [](char c) { return c >= '0' && c <= '9'; }))
            return std::nullopt;
        std::int64_t parsed = 0;
        std::from_chars(part.data(), part.data() + part.size(), parsed);
        if (length && *length != parsed)
            return std::nullopt;
        length = parsed;
        if (comma == std::string_view::npos)
            return length;
        value.remove_prefix(comma + 1);
    }
}

bool hasToken(std::string_view list, std::string_view token)
{
    while (!list.empty()) {
        const std::size_t comma = list.find(',');
        if (equalsIgnoringCase(trimmed(list.substr(0, comma)), token))
            return true;
        if (comma == std::string_view::npos)
            break;
        list.remove_prefix(comma + 1);
    }
    return false;
}

HeadRefusal refuse(HeadRefusal::Reason reason)
{
    return HeadRefusal { reason };
}

} // namespace

int HeadRefusal::status() const
{
    switch (reason) {
    case Reason::Malformed:
    case Reason::ConflictingLength:
        return 400;
    case Reason::TargetTooLong:
        return 414;
    case Reason::HeadTooLarge:
        return 431;
    case Reason::LengthRequired:
        return 411;
    case Reason::UnsupportedVersion:
        return 505;
    }
    return 400;
}

std::string RequestHead::header(std::string_view name) const
{
    for (const auto& [key, value] : headers)
        if (equalsIgnoringCase(key, name))
            return value;
    return {};
}

std::string RequestHead::joinedHeader(std::string_view name) const
{
    std::string joined;
    for (const auto& [key, value] : headers)
        if (equalsIgnoringCase(key, name)) {
            if (!joined.empty())
                joined += ", ";
            joined += value;
        }
    return joined;
}

std::optional<std::size_t> findHeadEnd(std::string_view buffer)
{
    // Empty lines before the request line are allowed (RFC 9112 §2.2) and skipped by the parser; the head
    // ends at the first empty line after a non-empty one.
    std::size_t start = 0;
    while (start < buffer.size() && (buffer[start] == '\r' || buffer[start] == '\n'))
        ++start;
    for (std::size_t at = buffer.find('\n', start); at != std::string_view::npos;
         at = buffer.find('\n', at + 1)) {
        if (at + 1 < buffer.size() && buffer[at + 1] == '\n')
            return at + 2;
        if (at + 2 < buffer.size() && buffer[at + 1] == '\r' && buffer[at + 2] == '\n')
            return at + 3;
    }
    return std::nullopt;
}

std::optional<HeadRefusal> checkIncompleteHead(std::string_view buffer, const HeadLimits& limits)
{
    std::size_t start = 0;
    while (start < buffer.size() && (buffer[start] == '\r' || buffer[start] == '\n'))
        ++start;
    const std::size_t lineEnd = buffer.find('\n', start);
    const std::size_t requestLine = (lineEnd == std::string_view::npos ? buffer.size() : lineEnd) - start;
    // The method and the version take at most about 30 bytes around the target.
    if (requestLine > limits.maxTargetBytes + 32)
        return refuse(HeadRefusal::Reason::TargetTooLong);
    if (buffer.size() > limits.maxHeadBytes)
        return refuse(HeadRefusal::Reason::HeadTooLarge);
    return std::nullopt;
}

ParsedHead parseRequestHead(std::string_view head, const HeadLimits& limits)
{
    while (!head.empty() && (head.front() == '\r' || head.front() == '\n'))
        head.remove_prefix(1);
    std::string_view line;
    if (!takeLine(head, line) || hasCarriageReturn(line))
        return refuse(HeadRefusal::Reason::Malformed);

    // method SP request-target SP HTTP-version, single spaces only.
    const std::size_t firstSpace = line.find(' ');
    const std::size_t lastSpace = line.rfind(' ');
    if (firstSpace == std::string_view::npos || firstSpace == lastSpace)
        return refuse(HeadRefusal::Reason::Malformed);
    RequestHead request;
    const std::string_view method = line.substr(0, firstSpace);
    const std::string_view target = line.substr(firstSpace + 1, lastSpace - firstSpace - 1);
    const std::string_view version = line.substr(lastSpace + 1);
    if (!isToken(method) || method.size() > 32)
        return refuse(HeadRefusal::Reason::Malformed);
    if (target.size() > limits.maxTargetBytes)
        return refuse(HeadRefusal::Reason::TargetTooLong);
    if (!isTarget(target))
        return refuse(HeadRefusal::Reason::Malformed);
    if (version.size() != 8 || version.substr(0, 5) != "HTTP/" || version[6] != '.' || version[5] < '0'
        || version[5] > '9' || version[7] < '0' || version[7] > '9')
        return refuse(HeadRefusal::Reason::Malformed);
    if (version[5] != '1')
        return refuse(HeadRefusal::Reason::UnsupportedVersion);
    request.method.assign(method);
    request.target.assign(target);
    request.minorVersion = version[7] - '0';

    std::optional<std::int64_t> contentLength;
    bool sawContentLength = false;
    bool sawTransferEncoding = false;
    std::string connection;
    while (takeLine(head, line)) {
        if (line.empty())
            break;
        if (hasCarriageReturn(line))
            return refuse(HeadRefusal::Reason::Malformed);
        // A line starting with white space continues the one before (obs-fold): refused, as RFC 9112 lets
        // a server do, because a proxy in front may join it differently.
        if (line.front() == ' ' || line.front() == '\t')
            return refuse(HeadRefusal::Reason::Malformed);
        const std::size_t colon = line.find(':');
        if (colon == std::string_view::npos || !isToken(line.substr(0, colon)))
            return refuse(HeadRefusal::Reason::Malformed);
        const std::string_view name = line.substr(0, colon);
        const std::string_view value = trimmed(line.substr(colon + 1));
        if (!isFieldValue(value))
            return refuse(HeadRefusal::Reason::Malformed);
        if (request.headers.size() >= limits.maxHeaderCount)
            return refuse(HeadRefusal::Reason::HeadTooLarge);
        if (equalsIgnoringCase(name, "Content-Length")) {
            sawContentLength = true;
            contentLength = parseLength(value, contentLength);
            if (!contentLength)
                return refuse(HeadRefusal::Reason::ConflictingLength);
        } else if (equalsIgnoringCase(name, "Transfer-Encoding")) {
            sawTransferEncoding = true;
        } else if (equalsIgnoringCase(name, "Connection")) {
            connection += ',';
            connection += value;
        } else if (equalsIgnoringCase(name, "Expect")) {
            request.expectsContinue = equalsIgnoringCase(value, "100-continue");
        }
        request.headers.emplace_back(name, value);
    }
    if (sawTransferEncoding)
        return refuse(
            sawContentLength ? HeadRefusal::Reason::ConflictingLength : HeadRefusal::Reason::LengthRequired);
    request.contentLength = contentLength.value_or(0);
    request.keepAlive
        = request.minorVersion >= 1 ? !hasToken(connection, "close") : hasToken(connection, "keep-alive");
    return request;
}

} // namespace sotay::server
