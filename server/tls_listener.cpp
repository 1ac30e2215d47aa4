// SPDX-License-Identifier: GPL-3.0-or-later
#include "tls_listener.h"

#include <QCoreApplication>
#include <QFileInfo>

#include <Poco/Exception.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/NetSSL.h>
#include <Poco/Net/SocketAddress.h>

#include <openssl/ssl.h>

namespace sotay::server {
namespace {

// TLS 1.2 suites with forward secrecy and authenticated encryption; TLS 1.3 has only such suites.
constexpr const char* kCipherList = "ECDHE+AESGCM:ECDHE+CHACHA20:!aNULL:!eNULL:!SHA1:!MD5";

Error unusable(const QString& file, const QString& why)
{
    return Error { ErrorCode::Io,
        QCoreApplication::translate("SotayServer", "Không dùng được %1 cho HTTPS: %2").arg(file, why), {} };
}

// OpenSSL is set up once for the process and left so: a server starts and stops many times in the tests.
void initialiseOpenSsl()
{
    static const bool initialised = [] {
        Poco::Net::initializeSSL();
        return true;
    }();
    (void)initialised;
}

} // namespace

Result<Listener> openListener(const QString& host, quint16 port, int backlog, const TlsFiles& tls)
{
    const Poco::Net::SocketAddress address(host.toStdString(), port);
    if (!tls.enabled())
        return Listener { Poco::Net::ServerSocket(address, backlog), {} };
    for (const QString& file : { tls.certificate, tls.key })
        if (!QFileInfo(file).isReadable())
            return unusable(file, QCoreApplication::translate("SotayServer", "không đọc được tệp."));
    initialiseOpenSsl();
    Poco::Net::Context::Params params;
    params.certificateFile = tls.certificate.toStdString();
    params.privateKeyFile = tls.key.toStdString();
    params.verificationMode = Poco::Net::Context::VERIFY_NONE; // clients sign in with a password
    params.cipherList = kCipherList;
    params.dhUse2048Bits = true;
    try {
        Poco::Net::Context::Ptr context = new Poco::Net::Context(Poco::Net::Context::TLS_SERVER_USE, params);
        context->requireMinimumProtocol(Poco::Net::Context::PROTO_TLSV1_2);
        context->enableSessionCache(true, "sotay-server");
        // A client asking to renegotiate could make the server do a handshake's work over and over.
        SSL_CTX_set_options(context->sslContext(), SSL_OP_NO_RENEGOTIATION);
        return Listener { Poco::Net::ServerSocket(address, backlog), context };
    } catch (const Poco::Exception& error) {
        return unusable(
            tls.certificate + QStringLiteral(", ") + tls.key, QString::fromStdString(error.displayText()));
    }
}

} // namespace sotay::server
