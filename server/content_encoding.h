// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>

#include <string_view>

namespace sotay::server {

// Whether an Accept-Encoding header value allows gzip (RFC 9110, 12.5.3): "gzip" or "*" listed with a
// weight above zero; "gzip;q=0" refuses it even when "*" is allowed.
bool acceptsGzip(std::string_view acceptEncoding);

QByteArray gzipped(const QByteArray& body);

} // namespace sotay::server
