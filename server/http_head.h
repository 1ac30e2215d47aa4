// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace sotay::server {

// How large a request's head may be. Past these the server answers 414 or 431 and closes.
struct HeadLimits {
    std::size_t maxTargetBytes = std::size_t { 8 } * 1024;
    std::size_t maxHeadBytes = std::size_t { 16 } * 1024;
    std::size_t maxHeaderCount = 100;
};

// A request line and header fields, checked against RFC 9112 and the smuggling rules below.
struct RequestHead {
    std::string method;
    std::string target;
    int minorVersion = 1; // HTTP/1.x
    std::vector<std::pair<std::string, std::string>> headers;
    std::int64_t contentLength = 0;
    bool keepAlive = true;
    bool expectsContinue = false;

    // The first value of a header (case-insensitive name), or empty.
    std::string header(std::string_view name) const;
    // Every value of a header joined by ", ", as RFC 9110 allows for list-valued fields.
    std::string joinedHeader(std::string_view name) const;
};

// Why a head was refused, as the status and the error code of the API's error body. The connection closes
// after such an answer: what follows on the wire cannot be trusted to start a request.
struct HeadRefusal {
    enum class Reason {
        Malformed,          // 400: not an HTTP/1.x request line or header field
        ConflictingLength,  // 400: two different Content-Lengths, or a length with Transfer-Encoding
        TargetTooLong,      // 414
        HeadTooLarge,       // 431
        LengthRequired,     // 411: a body in chunked (or any) Transfer-Encoding
        UnsupportedVersion, // 505
    };
    Reason reason;
    int status() const;
    bool operator==(const HeadRefusal&) const = default;
};

using ParsedHead = std::variant<RequestHead, HeadRefusal>;

// Where the head ends in `buffer` (the offset just past the empty line), or nullopt while it is
// incomplete. Accepts bare LF line ends as RFC 9112 allows.
std::optional<std::size_t> findHeadEnd(std::string_view buffer);

// Parses a complete head (up to and including the empty line). `limits.maxHeadBytes` is checked by the
// caller while reading; the target's length and the header count are checked here.
ParsedHead parseRequestHead(std::string_view head, const HeadLimits& limits);

// While a head is still incomplete: whether what has arrived already breaks a limit (414 when the request
// line alone is too long, 431 when the head is), so a client cannot make the server buffer without end.
std::optional<HeadRefusal> checkIncompleteHead(std::string_view buffer, const HeadLimits& limits);

} // namespace sotay::server
