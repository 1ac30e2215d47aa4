// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/result.h"

#include <QString>

#include <Poco/Net/ServerSocket.h>

namespace sotay::server {

// The certificate and key an HTTPS server presents (PEM files); both empty for plain HTTP.
struct TlsFiles {
    QString certificate;
    QString key;
    bool enabled() const { return !certificate.isEmpty(); }
};

// The listening socket: plain, or TLS 1.2 and 1.3 only with forward-secret AEAD cipher suites. The error
// says in Vietnamese which file could not be used and why.
Result<Poco::Net::ServerSocket> openListener(
    const QString& host, quint16 port, int backlog, const TlsFiles& tls);

} // namespace sotay::server
