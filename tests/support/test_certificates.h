// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QTemporaryDir>

namespace sotay::test {

// A certificate authority of its own and server certificates, made with Debian's openssl in a temporary
// folder for one test run (none of them is in the system's store). Every server certificate uses the same
// key. `problem()` is empty when all were made.
class TestCertificates final {
public:
    TestCertificates();
    TestCertificates(const TestCertificates&) = delete;
    TestCertificates& operator=(const TestCertificates&) = delete;

    const QString& problem() const { return m_problem; }

    // The authority's certificate: the CA file a user would be given.
    QString caFile() const { return path("ca.pem"); }
    QString serverKey() const { return path("server.key"); }
    // Signed by the authority for "localhost" and 127.0.0.1, valid from yesterday to the day after tomorrow.
    QString goodCertificate() const { return path("good.pem"); }
    // Signed by the authority for other.example (common name "other").
    QString otherNameCertificate() const { return path("other.pem"); }
    // Signed by the authority for "localhost" and 127.0.0.1, valid in January 2020 only.
    QString expiredCertificate() const { return path("expired.pem"); }
    // Signed by the authority for "localhost" and 127.0.0.1, valid from 2099.
    QString notYetValidCertificate() const { return path("not-yet-valid.pem"); }
    // For "localhost" and 127.0.0.1, signed by itself.
    QString selfSignedCertificate() const { return path("self-signed.pem"); }

private:
    QString path(const char* name) const { return m_folder.filePath(QString::fromLatin1(name)); }
    bool openssl(const QStringList& arguments);

    QTemporaryDir m_folder;
    QString m_problem;
};

} // namespace sotay::test
