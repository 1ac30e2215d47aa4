// SPDX-License-Identifier: GPL-3.0-or-later
#include "support/running_server.h"

#include <QJsonDocument>

#include <boost/test/unit_test.hpp>

namespace sotay::test {

std::string apiPath(const QString& path)
{
    return path.toStdString();
}

RunningServer::RunningServer(const TestDatabase& database, int threads, bool cache)
    : RunningServer(database, threads, [cache](server::ServerConfig& config) { config.cache = cache; })
{
}

QDateTime RunningServer::startTime()
{
    // Tests run "now" at a fixed moment that the test can move forward.
    return { QDate(2026, 11, 25), QTime(3, 0), Qt::UTC };
}

RunningServer::RunningServer(const TestDatabase& database, int threads, const Adjusted& adjusted)
{
    server::ServerConfig config;
    config.port = 0;
    config.threads = threads;
    config.database = database.config();
    config.adminPassword = QString::fromLatin1(kAdminPassword);
    config.passwordCost = PasswordHasher::Cost::minimal();
    config.clock = [offset = m_offset] { return startTime().addSecs(offset->load()); };
    // Housekeeping would delete, at a moment of its own, rows a test is looking at: housekeeping_tests turn
    // it on where they mean to.
    config.pruneSeconds = 0;
    config.participationFeedMilliseconds = 0; // tests flush by hand (one suite runs the batch itself)
    config.rosterSnapshotSeconds = 0;
    adjusted.adjust(config);
    m_server = std::make_unique<server::SotayServer>(config);
    const Status started = m_server->start();
    BOOST_TEST_REQUIRE(started.ok(), (started.ok() ? std::string() : started.error().message.toStdString()));
}

RunningServer::~RunningServer()
{
    m_server->stop();
}

HttpAnswer RunningServer::rawCall(const std::string& method, const QString& path, const QString& token,
    const QByteArray& body, std::map<std::string, std::string> headers) const
{
    if (!token.isEmpty())
        headers["Authorization"] = "Bearer " + token.toStdString();
    return client().request(method, apiPath(path), body, headers);
}

HttpAnswer RunningServer::call(const std::string& method, const QString& path, const QString& token,
    const QJsonObject& body, std::map<std::string, std::string> headers) const
{
    if (!token.isEmpty())
        headers["Authorization"] = "Bearer " + token.toStdString();
    const bool hasBody = method == "POST" || method == "PATCH" || method == "PUT";
    return client().request(method, apiPath(path),
        hasBody ? QJsonDocument(body).toJson(QJsonDocument::Compact) : QByteArray(), headers);
}

QString RunningServer::signIn(const QString& username, const QString& password) const
{
    const auto answer = call("POST", QStringLiteral("/api/v1/auth/login"), {},
        { { QStringLiteral("username"), username }, { QStringLiteral("password"), password } });
    BOOST_TEST_REQUIRE(
        answer.status == 200, "sign-in of " << username.toStdString() << " answered " << answer.status);
    return answer.json().value(QStringLiteral("token")).toString();
}

QString RunningServer::addUser(const QString& token, const QString& username, const QString& role,
    std::optional<qint64> scopeOrgId, std::optional<qint64> memberId) const
{
    if (role == u"member")
        return activateMember(token, *memberId, QString(QStringLiteral("mat-khau-") + username));
    QJsonObject body { { QStringLiteral("username"), username },
        { QStringLiteral("password"), QString(QStringLiteral("mat-khau-") + username) },
        { QStringLiteral("role"), role } };
    if (scopeOrgId)
        body.insert(QStringLiteral("scopeOrgId"), *scopeOrgId);
    if (memberId)
        body.insert(QStringLiteral("memberId"), *memberId);
    const auto answer = call("POST", QStringLiteral("/api/v1/users"), token, body);
    BOOST_TEST_REQUIRE(answer.status == 201,
        "creating " << username.toStdString() << " answered " << answer.status << " "
                    << answer.body.toStdString());
    return signIn(username, QStringLiteral("mat-khau-") + username);
}

QString RunningServer::activateMember(const QString& token, qint64 memberId, const QString& password) const
{
    const auto issued
        = call("POST", QStringLiteral("/api/v1/members/%1/activation-code").arg(memberId), token, {});
    BOOST_TEST_REQUIRE(issued.status == 201,
        "issuing a code for member " << memberId << " answered " << issued.status << " "
                                     << issued.body.toStdString());
    const QString number = issued.json().value(QStringLiteral("number")).toString();
    const auto activated = call("POST", QStringLiteral("/api/v1/handbook/activate"), {},
        { { QStringLiteral("number"), number },
            { QStringLiteral("code"), issued.json().value(QStringLiteral("code")) },
            { QStringLiteral("password"), password } });
    BOOST_TEST_REQUIRE(activated.status == 201,
        "activating member " << memberId << " answered " << activated.status << " "
                             << activated.body.toStdString());
    return signIn(activated.json().value(QStringLiteral("username")).toString(), password);
}

} // namespace sotay::test
