// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sotay_server.h"
#include "support/http_test_client.h"
#include "support/test_database.h"

#include <QDateTime>
#include <QJsonObject>

#include <atomic>
#include <concepts>
#include <functional>
#include <memory>

namespace sotay::test {

// The real server, in process, on a free port, over one of the test databases, with a clock the test can
// move forward. The administrator "admin" exists (password kAdminPassword); password hashing uses
// libsodium's minimal Argon2id cost so that tests stay quick.
class RunningServer final {
public:
    static constexpr const char* kAdminPassword = "mat-khau-quan-tri-2025";

    // `cache` false runs the server with --no-cache: nothing kept between requests.
    explicit RunningServer(const TestDatabase& database, int threads = 4, bool cache = true);
    // The same, with the configuration adjusted by `adjust` before the server starts.
    template <typename Adjust>
    requires std::invocable<Adjust&, server::ServerConfig&> RunningServer(
        const TestDatabase& database, int threads, Adjust adjust)
        : RunningServer(database, threads, Adjusted { std::move(adjust) })
    {
    }
    ~RunningServer();
    RunningServer(const RunningServer&) = delete;
    RunningServer& operator=(const RunningServer&) = delete;

    server::SotayServer& server() { return *m_server; }
    quint16 port() const { return m_server->port(); }
    HttpTestClient client() const { return HttpTestClient(port()); }

    // Signs in and returns the bearer token (fails the test if sign-in fails).
    QString signIn(const QString& username, const QString& password) const;
    QString signInAsAdmin() const
    {
        return signIn(QStringLiteral("admin"), QString::fromLatin1(kAdminPassword));
    }
    // Creates a user through the API as `token`'s user and returns the new user's token. A member's account
    // is made as members make theirs: `token` issues an activation code for `memberId`, the member activates
    // with their number (the user name then) and the password "mat-khau-" + `username`.
    QString addUser(const QString& token, const QString& username, const QString& role,
        std::optional<qint64> scopeOrgId, std::optional<qint64> memberId = std::nullopt) const;

    // Issues a code for the member as `token`'s user, activates it with `password`, and signs the member in.
    QString activateMember(const QString& token, qint64 memberId, const QString& password) const;

    // A JSON call with an optional bearer token; `headers` adds e.g. If-Match or Idempotency-Key.
    HttpAnswer call(const std::string& method, const QString& path, const QString& token = {},
        const QJsonObject& body = {}, std::map<std::string, std::string> headers = {}) const;
    HttpAnswer rawCall(const std::string& method, const QString& path, const QString& token,
        const QByteArray& body, std::map<std::string, std::string> headers = {}) const;

    void advanceClock(qint64 seconds) { m_offsetSeconds += seconds; }
    // The server's "now": startTime() moved forward by advanceClock.
    QDateTime now() const { return startTime().addSecs(m_offsetSeconds); }
    static QDateTime startTime();

private:
    struct Adjusted {
        std::function<void(server::ServerConfig&)> adjust;
    };
    RunningServer(const TestDatabase& database, int threads, const Adjusted& adjusted);

    std::shared_ptr<std::atomic<qint64>> m_offset = std::make_shared<std::atomic<qint64>>(0);
    std::atomic<qint64>& m_offsetSeconds = *m_offset;
    std::unique_ptr<server::SotayServer> m_server;
};

// "/api/v1/members?org=5" and the like, as the std::string the client wants.
std::string apiPath(const QString& path);

} // namespace sotay::test
