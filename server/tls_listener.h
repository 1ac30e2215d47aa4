// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/result.h"

#include <QString>

#include <Poco/Net/Context.h>
#include <Poco/Net/ServerSocket.h>

namespace sotay::server {

// The certificate and key an HTTPS server presents (PEM files); both empty for plain HTTP.
struct TlsFiles {
    QString certificate;
    QString key;
    bool enabled() const { return !certificate.isEmpty(); }
};

// The listening socket, and for HTTPS the TLS context (TLS 1.2 and 1.3 only, forward-secret AEAD cipher
// suites) that the connection layer wraps each accepted socket in.
struct Listener {
    Poco::Net::ServerSocket socket;
    Poco::Net::Context::Ptr tls; // null for plain HTTP
};

// The error says in Vietnamese which file could not be used and why.
Result<Listener> openListener(const QString& host, quint16 port, int backlog, const TlsFiles& tls);

} // namespace sotay::server
