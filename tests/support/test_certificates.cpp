// SPDX-License-Identifier: GPL-3.0-or-later
#include "support/test_certificates.h"

#include <QDateTime>
#include <QFile>
#include <QProcess>
#include <QStringList>

#include <utility>

namespace sotay::test {
namespace {

bool writeFile(const QString& path, const QByteArray& text)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(text) == text.size();
}

// A minimal `openssl ca` set-up: the only way in OpenSSL 3.0 to choose a certificate's dates freely.
constexpr const char* kCaConfig = R"([ ca ]
default_ca = test_ca
[ test_ca ]
database = index.txt
new_certs_dir = .
serial = serial
default_md = sha256
policy = any
unique_subject = no
[ any ]
commonName = supplied
[ localhost ]
subjectAltName = DNS:localhost,IP:127.0.0.1
basicConstraints = CA:FALSE
extendedKeyUsage = serverAuth
[ other ]
subjectAltName = DNS:other.example
basicConstraints = CA:FALSE
extendedKeyUsage = serverAuth
)";

} // namespace

bool TestCertificates::openssl(const QStringList& arguments)
{
    if (!m_problem.isEmpty())
        return false;
    QProcess process;
    process.setWorkingDirectory(m_folder.path());
    process.start(QStringLiteral("openssl"), arguments);
    if (!process.waitForFinished(60000) || process.exitStatus() != QProcess::NormalExit
        || process.exitCode() != 0) {
        m_problem = QStringLiteral("openssl %1 failed: %2")
                        .arg(arguments.join(u' '), QString::fromLocal8Bit(process.readAllStandardError()));
        return false;
    }
    return true;
}

TestCertificates::TestCertificates()
{
    if (!m_folder.isValid()) {
        m_problem = QStringLiteral("no temporary folder");
        return;
    }
    if (!writeFile(path("ca.cnf"), kCaConfig) || !writeFile(path("index.txt"), {})
        || !writeFile(path("serial"), "1000\n")) {
        m_problem = QStringLiteral("cannot write in %1").arg(m_folder.path());
        return;
    }
    const QString ec = QStringLiteral("ec_paramgen_curve:P-256");
    const auto sign = [this](const char* csr, const char* extensions, const QString& start,
                          const QString& end, const char* out) {
        return openssl({ QStringLiteral("ca"), QStringLiteral("-batch"), QStringLiteral("-notext"),
            QStringLiteral("-config"), path("ca.cnf"), QStringLiteral("-cert"), caFile(),
            QStringLiteral("-keyfile"), path("ca.key"), QStringLiteral("-in"), path(csr),
            QStringLiteral("-extensions"), QString::fromLatin1(extensions), QStringLiteral("-startdate"),
            start, QStringLiteral("-enddate"), end, QStringLiteral("-out"), path(out) });
    };
    const auto utc
        = [](const QDateTime& time) { return time.toUTC().toString(QStringLiteral("yyyyMMddHHmmss'Z'")); };
    const QDateTime now = QDateTime::currentDateTimeUtc();
    openssl({ QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"), QStringLiteral("ec"),
        QStringLiteral("-pkeyopt"), ec, QStringLiteral("-nodes"), QStringLiteral("-days"),
        QStringLiteral("3"), QStringLiteral("-subj"), QStringLiteral("/CN=Sotay Test CA"),
        QStringLiteral("-addext"), QStringLiteral("basicConstraints=critical,CA:TRUE"),
        QStringLiteral("-addext"), QStringLiteral("keyUsage=critical,keyCertSign,cRLSign"),
        QStringLiteral("-keyout"), path("ca.key"), QStringLiteral("-out"), caFile() });
    openssl({ QStringLiteral("genpkey"), QStringLiteral("-algorithm"), QStringLiteral("EC"),
        QStringLiteral("-pkeyopt"), ec, QStringLiteral("-out"), serverKey() });
    for (const auto& [name, subject] :
        { std::pair { "localhost.csr", "/CN=localhost" }, std::pair { "other.csr", "/CN=other" } })
        openssl({ QStringLiteral("req"), QStringLiteral("-new"), QStringLiteral("-key"), serverKey(),
            QStringLiteral("-subj"), QString::fromLatin1(subject), QStringLiteral("-out"), path(name) });
    sign("localhost.csr", "localhost", utc(now.addDays(-1)), utc(now.addDays(2)), "good.pem");
    sign("other.csr", "other", utc(now.addDays(-1)), utc(now.addDays(2)), "other.pem");
    sign("localhost.csr", "localhost", QStringLiteral("20200101000000Z"), QStringLiteral("20200201000000Z"),
        "expired.pem");
    sign("localhost.csr", "localhost", QStringLiteral("20990101000000Z"), QStringLiteral("20990201000000Z"),
        "not-yet-valid.pem");
    openssl({ QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-key"), serverKey(),
        QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-subj"),
        QStringLiteral("/CN=localhost"), QStringLiteral("-addext"),
        QStringLiteral("subjectAltName=DNS:localhost,IP:127.0.0.1"), QStringLiteral("-out"),
        selfSignedCertificate() });
}

} // namespace sotay::test
