// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/result.h"

#include <QString>
#include <QUrl>

#include <Poco/Net/Context.h>

#include <optional>

namespace Poco {
class Exception;
}

namespace sotay::client {

// The TLS side of the console's connections (Poco NetSSL over OpenSSL).

// A client context for `server`: TLS 1.2 or newer; the server's certificate must chain to a certificate of
// `caFile` or, when it is empty, of the system's store (on Windows, its root store), be within its dates
// and name the server's host. A certificate that fails is refused, never asked about nor ignored. The
// error says why the CA file cannot be used.
Result<Poco::Net::Context::Ptr> makeClientContext(const QUrl& server, const QString& caFile);

// Whether `path` is a CA file the console can use: a readable PEM file with at least one certificate. The
// error names the file, says why not and what to do.
Status checkCaFile(const QString& path);

// Before a connection on this thread: forget what the certificate check of the last one found.
void forgetCertificateProblem();

// After a connection on this thread failed with `error` (`handshaking`: while connecting, before any of the
// request was sent): when TLS is why, the user's message (which rule refused the certificate and what to do,
// or that the handshake failed); otherwise nothing.
std::optional<QString> tlsFailureMessage(
    const QUrl& server, const QString& caFile, const Poco::Exception& error, bool handshaking);

} // namespace sotay::client
