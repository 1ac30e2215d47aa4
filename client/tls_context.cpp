// SPDX-License-Identifier: GPL-3.0-or-later
#include "tls_context.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFileInfo>
#include <QLocale>
#include <QStringList>

#include <Poco/Exception.h>
#include <Poco/Net/IPAddress.h>
#include <Poco/Net/InvalidCertificateHandler.h>
#include <Poco/Net/NetSSL.h>
#include <Poco/Net/SSLException.h>
#include <Poco/Net/VerificationErrorArgs.h>
#include <Poco/Net/X509Certificate.h>

#include <openssl/ssl.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>

#ifdef _WIN32
#ifndef NOMINMAX
#define NOMINMAX
#endif
#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#include <windows.h>
// windows.h first: wincrypt.h needs its types.
#include <wincrypt.h>
#endif

#include <set>
#include <string>

namespace sotay::client {
namespace {

// What OpenSSL's check of the server's certificate found wrong, for the message.
struct CertificateProblem {
    int error = X509_V_OK; // X509_V_ERR_…
    QString reason;        // OpenSSL's words for it
    QStringList names;     // the names the certificate was issued for
    QDateTime validFrom;
    QDateTime expiresOn;
};

// The certificate check runs inside the handshake, on the thread that connects: what it found is kept for
// that thread until the connection's failure is turned into a message.
thread_local std::optional<CertificateProblem> t_problem;

QDateTime toQt(const Poco::DateTime& time)
{
    return QDateTime::fromSecsSinceEpoch(static_cast<qint64>(time.timestamp().epochTime()), Qt::UTC);
}

// Refuses every certificate that fails OpenSSL's check (never asks on a console as Poco's default does) and
// records why.
class RefusingCertificateHandler final : public Poco::Net::InvalidCertificateHandler {
public:
    RefusingCertificateHandler()
        : InvalidCertificateHandler(false)
    {
    }

    void onInvalidCertificate(const void*, Poco::Net::VerificationErrorArgs& args) override
    {
        args.setIgnoreError(false);
        if (t_problem)
            return; // the first failure is the one that stops the handshake
        CertificateProblem problem;
        problem.error = args.errorNumber();
        problem.reason = QString::fromStdString(args.errorMessage());
        std::string commonName;
        std::set<std::string> names;
        args.certificate().extractNames(commonName, names);
        for (const std::string& name : names)
            problem.names.append(QString::fromStdString(name));
        problem.validFrom = toQt(args.certificate().validFrom());
        problem.expiresOn = toQt(args.certificate().expiresOn());
        t_problem = problem;
    }
};

void initialiseOpenSsl()
{
    static const bool initialised = [] {
        Poco::Net::initializeSSL();
        return true;
    }();
    (void)initialised;
}

QString dayText(const QDateTime& time)
{
    return QLocale().toString(time.toLocalTime().date(), QLocale::ShortFormat);
}

#ifdef _WIN32
// OpenSSL on Windows knows no store of its own: the certificate authorities Windows trusts are copied in.
void addWindowsRootStore(SSL_CTX* context)
{
    HCERTSTORE store = CertOpenSystemStoreW(0, L"ROOT");
    if (!store)
        return;
    X509_STORE* trusted = SSL_CTX_get_cert_store(context);
    PCCERT_CONTEXT certificate = nullptr;
    while ((certificate = CertEnumCertificatesInStore(store, certificate)) != nullptr) {
        const unsigned char* data = certificate->pbCertEncoded;
        if (X509* x509 = d2i_X509(nullptr, &data, static_cast<long>(certificate->cbCertEncoded))) {
            X509_STORE_add_cert(trusted, x509); // a duplicate is refused, harmlessly
            X509_free(x509);
        }
    }
    CertCloseStore(store, 0);
}
#endif

Poco::Net::Context::Params contextParams(const QString& caFile)
{
    Poco::Net::Context::Params params;
    // The client's side of VERIFY_STRICT: the server must show a certificate that passes, and Poco checks
    // the host name even for "localhost" (it skips that under VERIFY_RELAXED).
    params.verificationMode = Poco::Net::Context::VERIFY_STRICT;
    params.cipherList = "HIGH:!aNULL:!eNULL:!MD5:!RC4:!3DES";
    if (!caFile.isEmpty()) {
        params.caLocation = QFileInfo(caFile).absoluteFilePath().toStdString();
        params.loadDefaultCAs = false;
    } else {
#ifdef _WIN32
        params.loadDefaultCAs = false; // the Windows root store is added instead (addWindowsRootStore)
#else
        params.loadDefaultCAs = true; // /etc/ssl/certs on Debian (or $SSL_CERT_FILE, $SSL_CERT_DIR)
#endif
    }
    return params;
}

} // namespace

Status checkCaFile(const QString& path)
{
    const auto unusable = [&path](const QString& why) {
        return Error { ErrorCode::Io,
            QCoreApplication::translate("TlsContext",
                "Không dùng được tệp chứng chỉ CA %1: %2 Hãy chọn tệp chứng chỉ gốc (CA) do bộ phận công "
                "nghệ thông tin cấp (tệp .pem hoặc .crt dạng PEM).")
                .arg(path, why),
            { { QStringLiteral("caFile"), why } } };
    };
    const QFileInfo file(path);
    if (!file.exists())
        return unusable(QCoreApplication::translate("TlsContext", "tệp không tồn tại."));
    if (file.isDir())
        return unusable(QCoreApplication::translate("TlsContext", "đây là một thư mục, không phải một tệp."));
    if (!file.isReadable())
        return unusable(QCoreApplication::translate("TlsContext", "không có quyền đọc tệp."));
    initialiseOpenSsl();
    try {
        const Poco::Net::Context::Ptr context
            = new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, contextParams(path));
    } catch (const Poco::Exception&) {
        return unusable(
            QCoreApplication::translate("TlsContext", "tệp không chứa chứng chỉ nào ở dạng PEM."));
    }
    return success();
}

Result<Poco::Net::Context::Ptr> makeClientContext(const QUrl& server, const QString& caFile)
{
    if (!caFile.isEmpty())
        if (const Status usable = checkCaFile(caFile); !usable)
            return usable.error();
    initialiseOpenSsl();
    try {
        Poco::Net::Context::Ptr context
            = new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, contextParams(caFile));
        context->requireMinimumProtocol(Poco::Net::Context::PROTO_TLSV1_2);
        context->setInvalidCertificateHandler(new RefusingCertificateHandler);
#ifdef _WIN32
        if (caFile.isEmpty())
            addWindowsRootStore(context->sslContext());
#endif
        // OpenSSL checks the name within the certificate's check, so that a mismatch is reported with the
        // certificate's names like any other failure (Poco checks it again after the handshake).
        X509_VERIFY_PARAM* verify = SSL_CTX_get0_param(context->sslContext());
        X509_VERIFY_PARAM_set_hostflags(verify, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS);
        const std::string host = server.host().toStdString();
        Poco::Net::IPAddress address;
        const int named = Poco::Net::IPAddress::tryParse(host, address)
            ? X509_VERIFY_PARAM_set1_ip_asc(verify, host.c_str())
            : X509_VERIFY_PARAM_set1_host(verify, host.c_str(), host.size());
        if (named != 1)
            throw Poco::Net::SSLContextException("cannot set the host name to check", host);
        return context;
    } catch (const Poco::Exception& error) {
        return Error { ErrorCode::Io,
            QCoreApplication::translate("TlsContext", "Không chuẩn bị được kết nối mã hoá tới máy chủ %1: %2")
                .arg(server.toDisplayString(), QString::fromStdString(error.displayText())),
            {} };
    }
}

void forgetCertificateProblem()
{
    t_problem.reset();
}

std::optional<QString> tlsFailureMessage(
    const QUrl& server, const QString& caFile, const Poco::Exception& error, bool handshaking)
{
    const QString address = server.toDisplayString();
    const QString host = server.host();
    const std::optional<CertificateProblem> problem = t_problem;
    t_problem.reset();
    if (problem) {
        switch (problem->error) {
        case X509_V_ERR_HOSTNAME_MISMATCH:
        case X509_V_ERR_IP_ADDRESS_MISMATCH:
            return QCoreApplication::translate("TlsContext",
                "Chứng chỉ của máy chủ cấp cho tên khác (%2), không phải %1. Có thể địa chỉ máy chủ gõ chưa "
                "đúng tên ghi trong chứng chỉ, hoặc có máy khác đang mạo danh máy chủ. Hãy dùng đúng địa chỉ "
                "do bộ phận công nghệ thông tin cung cấp; nếu địa chỉ đã đúng, hãy báo cho bộ phận đó.")
                .arg(host,
                    problem->names.isEmpty() ? QCoreApplication::translate("TlsContext", "không ghi tên")
                                             : problem->names.join(QStringLiteral(", ")));
        case X509_V_ERR_CERT_HAS_EXPIRED:
            return QCoreApplication::translate("TlsContext",
                "Chứng chỉ của máy chủ %1 đã hết hạn ngày %2, nên không kết nối để giữ an toàn dữ liệu. Hãy "
                "kiểm tra ngày giờ của máy này; nếu đúng, hãy báo bộ phận công nghệ thông tin gia hạn chứng "
                "chỉ của máy chủ.")
                .arg(address, dayText(problem->expiresOn));
        case X509_V_ERR_CERT_NOT_YET_VALID:
            return QCoreApplication::translate("TlsContext",
                "Chứng chỉ của máy chủ %1 đến ngày %2 mới có hiệu lực. Hãy kiểm tra ngày giờ của máy này; "
                "nếu "
                "đúng, hãy báo bộ phận công nghệ thông tin.")
                .arg(address, dayText(problem->validFrom));
        case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT:
        case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
        case X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE:
        case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT:
        case X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN:
        case X509_V_ERR_CERT_UNTRUSTED:
            if (caFile.isEmpty())
                return QCoreApplication::translate("TlsContext",
                    "Máy này không tin được chứng chỉ của máy chủ %1: chứng chỉ không do nơi cấp nào trong "
                    "kho chứng chỉ của hệ thống cấp (có thể là chứng chỉ tự ký hoặc do cơ quan tự cấp). Hãy "
                    "chọn tệp chứng chỉ gốc (CA) do bộ phận công nghệ thông tin cấp (trong hộp đăng nhập: "
                    "«Chứng chỉ gốc (CA)»; trên dòng lệnh: --ca-file), rồi thử lại.")
                    .arg(address);
            return QCoreApplication::translate("TlsContext",
                "Chứng chỉ của máy chủ %1 không do chứng chỉ gốc trong tệp %2 cấp. Hãy kiểm tra lại với bộ "
                "phận công nghệ thông tin: tệp chứng chỉ gốc (CA) đúng là tệp nào, và địa chỉ máy chủ có "
                "đúng không.")
                .arg(address, caFile);
        default:
            return QCoreApplication::translate("TlsContext",
                "Chứng chỉ của máy chủ %1 không hợp lệ: %2 (mã %3). Không kết nối để giữ an toàn dữ liệu; "
                "hãy báo bộ phận công nghệ thông tin.")
                .arg(address, problem->reason)
                .arg(problem->error);
        }
    }
    if (dynamic_cast<const Poco::Net::CertificateValidationException*>(&error))
        return QCoreApplication::translate("TlsContext",
            "Chứng chỉ của máy chủ cấp cho tên khác, không phải %1. Có thể địa chỉ máy chủ gõ chưa đúng tên "
            "ghi trong chứng chỉ, hoặc có máy khác đang mạo danh máy chủ. Hãy dùng đúng địa chỉ do bộ phận "
            "công nghệ thông tin cung cấp; nếu địa chỉ đã đúng, hãy báo cho bộ phận đó.")
            .arg(host);
    // A dropped connection is out of reach like any other; so is a failure after the handshake.
    if (!handshaking || dynamic_cast<const Poco::Net::SSLConnectionUnexpectedlyClosedException*>(&error))
        return std::nullopt;
    if (dynamic_cast<const Poco::Net::SSLException*>(&error))
        return QCoreApplication::translate("TlsContext",
            "Không thiết lập được kết nối mã hoá (TLS) với máy chủ %1: %2. Hãy kiểm tra địa chỉ: máy chủ có "
            "dùng https ở cổng này không (https:// hay http://, số cổng); nếu đúng, hãy báo bộ phận công "
            "nghệ "
            "thông tin (máy chủ có thể chỉ nhận phiên bản TLS cũ).")
            .arg(address, QString::fromStdString(error.displayText()));
    return std::nullopt;
}

} // namespace sotay::client
