// SPDX-License-Identifier: GPL-3.0-or-later
#include "content_encoding.h"

#include <Poco/DeflatingStream.h>

#include <algorithm>
#include <cctype>
#include <optional>
#include <sstream>
#include <string>

namespace sotay::server {
namespace {

std::string_view trimmed(std::string_view text)
{
    const auto space = [](char c) { return c == ' ' || c == '\t'; };
    while (!text.empty() && space(text.front()))
        text.remove_prefix(1);
    while (!text.empty() && space(text.back()))
        text.remove_suffix(1);
    return text;
}

std::string lowered(std::string_view text)
{
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
        [](char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); });
    return out;
}

// The q parameter of one list member; 1 when absent, 0 when unreadable (a refusal is the safe reading).
double weightOf(std::string_view parameters)
{
    while (!parameters.empty()) {
        const auto end = parameters.find(';');
        const std::string parameter = lowered(trimmed(parameters.substr(0, end)));
        if (parameter.rfind("q=", 0) == 0) {
            try {
                return std::stod(parameter.substr(2));
            } catch (const std::exception&) {
                return 0;
            }
        }
        if (end == std::string_view::npos)
            break;
        parameters.remove_prefix(end + 1);
    }
    return 1;
}

} // namespace

bool acceptsGzip(std::string_view acceptEncoding)
{
    std::optional<bool> gzip;
    bool any = false;
    while (!acceptEncoding.empty()) {
        const auto end = acceptEncoding.find(',');
        const std::string_view member = acceptEncoding.substr(0, end);
        const auto semicolon = member.find(';');
        const std::string coding = lowered(trimmed(member.substr(0, semicolon)));
        const double weight
            = semicolon == std::string_view::npos ? 1.0 : weightOf(member.substr(semicolon + 1));
        if (coding == "gzip" || coding == "x-gzip")
            gzip = weight > 0;
        else if (coding == "*")
            any = weight > 0;
        if (end == std::string_view::npos)
            break;
        acceptEncoding.remove_prefix(end + 1);
    }
    return gzip.value_or(any);
}

QByteArray gzipped(const QByteArray& body)
{
    std::ostringstream out;
    {
        Poco::DeflatingOutputStream deflate(out, Poco::DeflatingStreamBuf::STREAM_GZIP, 6);
        deflate.write(body.constData(), body.size());
        deflate.close();
    }
    const std::string text = out.str();
    return QByteArray(text.data(), static_cast<qsizetype>(text.size()));
}

} // namespace sotay::server
