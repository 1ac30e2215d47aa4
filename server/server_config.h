// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "attachment_inspection.h"
#include "auth_service.h"
#include "core/result.h"
#include "housekeeping.h"
#include "password_hasher.h"
#include "sign_in_throttle.h"
#include "store/database_config.h"
#include "tls_listener.h"

#include <QSet>
#include <QString>

namespace sotay::server {

// Eight request threads per processor core, at least 16 and at most 64: enough for routes that wait on the
// database or on password hashing, few enough that a busy machine does not spend itself switching between
// them (on two cores, 64 threads answered the member list a quarter slower than 16; docs/benchmarks.md).
int defaultRequestThreads();

// What an attachment of published content may be: its size (--max-attachment-mb), and how its text is read
// for the classification check (the PDF tool's path, empty for the one beside the server:
// attachment_inspection.h).
struct AttachmentPolicy {
    qint64 maxBytes = qint64 { 20 } * 1024 * 1024;
    QString pdfTextTool;
    TextExtractionLimits text;
};

// How the server listens and what it serves from. The thread and queue sizes are chosen on purpose:
// see docs/operations.md.
struct ServerConfig {
    QString host = QStringLiteral("127.0.0.1");
    quint16 port = 8080;                   // 0 = any free port (tests)
    int threads = defaultRequestThreads(); // each owns one database connection (see docs/operations.md)
    int queue = 256; // complete requests waiting for a thread; past it new ones get 503 at once
    int keepAliveSeconds = 5;
    int maxKeepAliveRequests = 1000;
    qint64 maxBodyBytes = qint64 { 1024 } * 1024; // every body but an attachment's
    AttachmentPolicy attachments;
    int headSeconds = 10;            // a request's head arrives whole within this
    qint64 minBytesPerSecond = 1024; // bodies and answers move at least this fast over each window
    int rateWindowSeconds = 10;
    int connectionsPerAddress = 64; // open connections from one client address (not trusted proxies)
    int maxConnections = 4096;      // open connections in all (also held under the file limit)
    DatabaseConfig database;

    AuthPolicy auth;
    SignInLimits signIns;         // concurrentSignIns is held to at most half the request threads
    QSet<QString> trustedProxies; // reverse proxies whose X-Forwarded-For is believed (--trusted-proxy)
    PasswordHasher::Cost passwordCost = PasswordHasher::Cost::interactive();
    int passwordConcurrency = 2; // Argon2id hashes at once (about one per core)
    // On a database with no account, the password of the first administrator "admin" (SOTAY_ADMIN_PASSWORD).
    QString adminPassword;
    QString demoPassword; // every account of the demo's year (SOTAY_DEMO_PASSWORD); empty: a random one
    bool demo = false;    // seed the demo province into an empty database (--demo)
    TlsFiles tls;         // --tls-cert and --tls-key: HTTPS instead of HTTP
    // Keep roster orders, members' JSON, signed-in principals, members' feed pages and items, and past
    // months' participation reports between requests (--no-cache turns it off, for diagnosis and for
    // measuring the uncached path).
    bool cache = true;
    // Ended sessions and stored Idempotency-Key answers are deleted at start and then this often (0: never).
    int pruneSeconds = 600;
    // Changed participation aggregates go to the change feed this often (0: never; tests flush by hand).
    int participationFeedMilliseconds = 3000;
    // The roster counts of the participation aggregates are taken this often (0: never; tests take them by
    // hand).
    int rosterSnapshotSeconds = 600;
    Retention retention;
    Clock clock = [] { return QDateTime::currentDateTimeUtc(); }; // tests move time forward

    // "HOST:PORT", "[::1]:PORT" or ":PORT"
    static Result<std::pair<QString, quint16>> parseListen(const QString& text);
};

} // namespace sotay::server
