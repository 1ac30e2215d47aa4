// SPDX-License-Identifier: GPL-3.0-or-later
#include "sotay_server.h"

#include "api_error.h"
#include "attachment_routes.h"
#include "auth_routes.h"
#include "change_routes.h"
#include "content_routes.h"
#include "demo_province.h"
#include "handbook_account_routes.h"
#include "handler_support.h"
#include "health_routes.h"
#include "http_server.h"
#include "lived_year.h"
#include "me_routes.h"
#include "meeting_routes.h"
#include "member_content_cache.h"
#include "member_json_cache.h"
#include "member_routes.h"
#include "org_routes.h"
#include "participation_report.h"
#include "participation_routes.h"
#include "periodic_task.h"
#include "request_handler.h"
#include "roster_cache.h"
#include "router.h"
#include "store/database.h"
#include "store/org_repository.h"
#include "store/participation_repository.h"
#include "store/store_counters.h"
#include "store/user_repository.h"
#include "sync_routes.h"
#include "thread_database.h"
#include "tls_listener.h"
#include "unit_path_cache.h"
#include "user_admin_routes.h"
#include "user_routes.h"

#include <QCoreApplication>
#include <QLocale>
#include <QRandomGenerator>
#include <QTextStream>

#include <Poco/Exception.h>

#include <algorithm>
#include <optional>

namespace sotay::server {

namespace {

// Sign-ins being checked never hold more than half the request threads: the rest stay free for everyone
// else while a flood of sign-ins is refused with 429.
SignInLimits limitedToThreads(SignInLimits limits, int threads)
{
    limits.concurrentSignIns = std::clamp(limits.concurrentSignIns, 1, std::max(1, threads / 2));
    return limits;
}

ConnectionLimits connectionLimits(const ServerConfig& config)
{
    ConnectionLimits limits;
    limits.requestThreads = config.threads;
    limits.queuedRequests = config.queue;
    limits.headTime = std::chrono::seconds(config.headSeconds);
    limits.keepAliveTime = std::chrono::seconds(config.keepAliveSeconds);
    limits.maxKeepAliveRequests = config.maxKeepAliveRequests;
    limits.maxBodyBytes = config.maxBodyBytes;
    limits.maxUploadBytes = std::max(config.attachments.maxBytes, config.maxBodyBytes);
    limits.minBytesPerSecond = config.minBytesPerSecond;
    limits.rateWindow = std::chrono::seconds(config.rateWindowSeconds);
    limits.connectionsPerAddress = config.connectionsPerAddress;
    limits.maxConnections = config.maxConnections;
    return limits;
}

} // namespace

struct SotayServer::Impl {
    explicit Impl(ServerConfig c)
        : config(std::move(c))
        , hasher(config.passwordCost, config.passwordConcurrency)
        , auth(hasher, config.auth, config.clock)
        , signIns(limitedToThreads(config.signIns, config.threads))
        , services { auth, signIns, config.clock, config.cache ? &rosters : nullptr,
            config.cache ? &memberJson : nullptr, config.cache ? &unitPaths : nullptr,
            config.cache ? &monthReports : nullptr, config.cache ? &memberContent : nullptr }
    {
    }
    ServerConfig config;
    PasswordHasher hasher;
    AuthService auth;
    SignInThrottle signIns;
    RosterCache rosters;
    MemberJsonCache memberJson;
    UnitPathCache unitPaths;
    MonthReportCache monthReports;
    MemberContentCache memberContent;
    Services services;
    Router router;
    std::unique_ptr<ThreadDatabase> databases;
    std::unique_ptr<RequestHandler> handler;
    std::unique_ptr<HttpServer> http;
    std::unique_ptr<Housekeeping> housekeeping;
    std::unique_ptr<PeriodicTask> participationFeed;
    std::unique_ptr<PeriodicTask> rosterSnapshot;
    quint16 port = 0;
};

namespace {

// On a database with no account yet, the first administrator "admin" is made from SOTAY_ADMIN_PASSWORD.
Status bootstrapAdministrator(const QSqlDatabase& db, const ServerConfig& config, PasswordHasher& hasher)
{
    UserRepository users(db);
    auto count = users.count();
    if (!count)
        return count.error();
    if (*count > 0)
        return success();
    if (config.adminPassword.isEmpty())
        return Error::invalid(QCoreApplication::translate("SotayServer",
            "Cơ sở dữ liệu chưa có tài khoản nào. Hãy đặt mật khẩu cho tài khoản quản trị \"admin\" trong "
            "biến môi "
            "trường SOTAY_ADMIN_PASSWORD rồi khởi động lại."));
    if (const QString weakness = PasswordHasher::weakness(config.adminPassword); !weakness.isEmpty())
        return Error::invalid(QStringLiteral("SOTAY_ADMIN_PASSWORD: ") + weakness);
    auto hash = hasher.hash(config.adminPassword);
    if (!hash)
        return hash.error();
    auto created = users.create({ QStringLiteral("admin"), *hash, Role::Admin, std::nullopt, std::nullopt },
        { QStringLiteral("sotay-server"), config.clock() });
    if (!created)
        return created.error();
    return success();
}

// The password every account of the demo's year gets: SOTAY_DEMO_PASSWORD when it is set (so that the load
// generator and a demonstration can sign members in), otherwise a random one nobody is told.
Result<QString> demoPasswordHash(const ServerConfig& config, PasswordHasher& hasher)
{
    QString password = config.demoPassword;
    if (password.isEmpty()) {
        QByteArray random(24, '\0');
        QRandomGenerator::system()->generate(random.begin(), random.end());
        password = QString::fromLatin1(random.toBase64());
    } else if (const QString weakness = PasswordHasher::weakness(password); !weakness.isEmpty()) {
        return Error::invalid(QStringLiteral("SOTAY_DEMO_PASSWORD: ") + weakness);
    }
    return hasher.hash(password);
}

void say(const QString& line)
{
    QTextStream(stdout) << line << '\n' << Qt::flush;
}

// --demo: the demo province and its lived year go into a database that has no organisation tree yet;
// otherwise nothing happens.
Status seedDemoIfEmpty(const QSqlDatabase& db, const ServerConfig& config, PasswordHasher& hasher)
{
    auto root = OrgRepository(db).root();
    if (!root)
        return root.error();
    if (root->has_value())
        return success();
    auto passwordHash = demoPasswordHash(config, hasher);
    if (!passwordHash)
        return passwordHash.error();
    say(QCoreApplication::translate("SotayServer", "Đang tạo tỉnh mẫu, xin chờ trong giây lát..."));
    const WriteContext context { QStringLiteral("sotay-server"), config.clock() };
    const QLocale vietnamese(QLocale::Vietnamese, QLocale::Vietnam);
    DemoOptions options { 20250701, 132000, context.today(), {} };
    options.progress = [&vietnamese](int written, int total) {
        say(QCoreApplication::translate("SotayServer", "Đang tạo tỉnh mẫu: %1 / %2 đảng viên")
                .arg(vietnamese.toString(written), vietnamese.toString(total)));
    };
    auto seeded = seedDemoProvince(db, options, context);
    if (!seeded)
        return seeded.error();
    say(QCoreApplication::translate("SotayServer", "Đã tạo tỉnh mẫu: %1 tổ chức đảng, %2 đảng viên.")
            .arg(vietnamese.toString(seeded->units), vietnamese.toString(seeded->members)));
    LivedYearOptions year;
    year.passwordHash = *passwordHash;
    year.progress = [&vietnamese](int day, int days) {
        if (day % 30 < 7 || day == days)
            say(QCoreApplication::translate(
                "SotayServer", "Đang tạo một năm sinh hoạt của tỉnh mẫu: ngày %1 / %2")
                    .arg(vietnamese.toString(day), vietnamese.toString(days)));
    };
    auto lived = seedLivedYear(db, year, context);
    if (!lived)
        return lived.error();
    say(QCoreApplication::translate("SotayServer",
        "Đã tạo một năm sinh hoạt: %1 tài khoản sổ tay, %2 lượt đọc, %3 lượt học, %4 lượt làm bài kiểm tra, "
        "%5 buổi sinh hoạt chi bộ đã họp, %6 lượt điểm danh.")
            .arg(vietnamese.toString(lived->accounts), vietnamese.toString(lived->opened),
                vietnamese.toString(lived->studied), vietnamese.toString(lived->attempts),
                vietnamese.toString(lived->meetingsHeld), vietnamese.toString(lived->marks)));
    return success();
}

// What a session signed in with a temporary password may call: the password change and the logout.
bool mayUseTemporaryPassword(const ApiRequest& request)
{
    return request.method == u"POST"
        && (request.path == u"/api/v1/auth/password" || request.path == u"/api/v1/auth/logout");
}

} // namespace

SotayServer::SotayServer(ServerConfig config)
    : m_impl(std::make_unique<Impl>(std::move(config)))
{
    auto& d = *m_impl;
    addHealthRoutes(d.router);
    addAuthRoutes(d.router, d.services);
    addOrgRoutes(d.router, d.services);
    addMemberRoutes(d.router, d.services);
    addUserRoutes(d.router, d.services);
    addUserAdminRoutes(d.router, d.services);
    addHandbookAccountRoutes(d.router, d.services);
    addContentRoutes(d.router, d.services);
    addMeRoutes(d.router, d.services);
    addMeetingRoutes(d.router, d.services);
    addParticipationRoutes(d.router, d.services);
    addAttachmentRoutes(d.router, d.services, d.config.attachments);
    addChangeRoutes(d.router, d.services);
    addSyncRoutes(d.router, d.services);
}

SotayServer::~SotayServer()
{
    stop();
}

Status SotayServer::start()
{
    auto& d = *m_impl;
    {
        // Bring the schema up to date once, before any request thread opens its own connection.
        const QString name = QStringLiteral("sotay-server-setup");
        Status ready = success();
        {
            auto db = openAndMigrate(d.config.database, name);
            ready = db ? bootstrapAdministrator(*db, d.config, d.hasher) : Status(db.error());
            if (ready && d.config.demo)
                ready = seedDemoIfEmpty(*db, d.config, d.hasher);
        }
        closeDatabase(name);
        if (!ready)
            return ready;
    }

    d.databases = std::make_unique<ThreadDatabase>(d.config.database);
    d.handler = std::make_unique<RequestHandler>(
        d.router, *d.databases,
        [&auth = d.auth, keep = d.config.cache](ApiRequest& request) {
            // Read first: they label what this request reads and keeps (principals, unit paths, rosters).
            if (keep) {
                auto counters = readStoreCounters(request.db);
                if (!counters)
                    throw ApiError::fromError(counters.error());
                request.counters = *counters;
            }
            auto principal = auth.authenticate(request.db, request.header(QStringLiteral("authorization")),
                request.counters ? std::optional(request.counters->authGeneration) : std::nullopt);
            if (!principal) {
                if (principal.error().code == ErrorCode::Storage)
                    throw ApiError::fromError(principal.error());
                throw ApiError::unauthorised(principal.error().message);
            }
            // A temporary password opens only the way to replace it (and to sign out).
            if (principal->user.mustChangePassword && !mayUseTemporaryPassword(request))
                throw ApiError(403, QStringLiteral("password_change_required"),
                    QCoreApplication::translate(
                        "ApiError", "Bạn cần đổi mật khẩu tạm thời trước khi tiếp tục."));
            request.principal = *principal;
        },
        d.config.trustedProxies, d.config.tls.enabled());
    try {
        auto listener = openListener(d.config.host, d.config.port, 1024, d.config.tls);
        if (!listener)
            return listener.error();
        d.http = std::make_unique<HttpServer>(
            std::move(*listener), *d.handler, connectionLimits(d.config), d.config.trustedProxies);
    } catch (const Poco::Exception& error) {
        return Error { ErrorCode::Io,
            QCoreApplication::translate("SotayServer", "Không mở được cổng %1:%2: %3")
                .arg(d.config.host)
                .arg(d.config.port)
                .arg(QString::fromStdString(error.displayText())),
            {} };
    }
    if (Status started = d.http->start(); !started) {
        d.http.reset();
        return started;
    }
    d.port = d.http->port();
    if (d.config.pruneSeconds > 0)
        d.housekeeping = std::make_unique<Housekeeping>(d.config.database, d.config.clock, d.config.retention,
            std::chrono::seconds(d.config.pruneSeconds));
    // Changed participation aggregates reach the change feed in batches, so that no member's act waits on the
    // feed's counter (docs/design.md).
    if (d.config.participationFeedMilliseconds > 0)
        d.participationFeed = std::make_unique<PeriodicTask>(QStringLiteral("participation-feed"),
            d.config.database, std::chrono::milliseconds(d.config.participationFeedMilliseconds),
            [clock = d.config.clock](const QSqlDatabase& db) {
                if (auto flushed = ParticipationRepository(db).flushPending(
                        WriteContext::at(QStringLiteral("sotay-server"), clock()));
                    !flushed)
                    qWarning().noquote() << "participation feed:" << flushed.error().message;
            });
    if (d.config.rosterSnapshotSeconds > 0)
        d.rosterSnapshot = std::make_unique<PeriodicTask>(QStringLiteral("roster-snapshot"),
            d.config.database, std::chrono::seconds(d.config.rosterSnapshotSeconds),
            [clock = d.config.clock](const QSqlDatabase& db) {
                if (const Status taken
                    = snapshotRoster(db, WriteContext::at(QStringLiteral("sotay-server"), clock()));
                    !taken)
                    qWarning().noquote() << "roster counts:" << taken.error().message;
            });
    return success();
}

void SotayServer::stop()
{
    auto& d = *m_impl;
    if (!d.http)
        return;
    d.http->stop(); // requests in flight finish; idle keep-alive connections close
    d.http.reset();
    d.housekeeping.reset();
    d.participationFeed.reset();
    d.rosterSnapshot.reset();
}

quint16 SotayServer::port() const
{
    return m_impl->port;
}

const ServerConfig& SotayServer::config() const
{
    return m_impl->config;
}

QStringList SotayServer::routes() const
{
    return m_impl->router.routes();
}

} // namespace sotay::server
