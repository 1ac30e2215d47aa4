// SPDX-License-Identifier: GPL-3.0-or-later
#include "sotay_server.h"

#include "health_routes.h"
#include "request_handler.h"
#include "router.h"
#include "store/database.h"
#include "thread_database.h"

#include <QCoreApplication>

#include <Poco/Exception.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/ThreadPool.h>

#include <optional>

namespace sotay::server {

struct SotayServer::Impl {
    ServerConfig config;
    Router router;
    std::unique_ptr<ThreadDatabase> databases;
    std::unique_ptr<Poco::ThreadPool> pool;
    std::unique_ptr<Poco::Net::HTTPServer> http;
    quint16 port = 0;
};

SotayServer::SotayServer(ServerConfig config)
    : m_impl(std::make_unique<Impl>())
{
    m_impl->config = std::move(config);
    addHealthRoutes(m_impl->router);
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
        const QString name = QStringLiteral("sotay-server-migrate");
        auto db = openAndMigrate(d.config.database, name);
        if (!db)
            return db.error();
    }
    closeDatabase(QStringLiteral("sotay-server-migrate"));

    d.databases = std::make_unique<ThreadDatabase>(d.config.database);
    try {
        Poco::Net::ServerSocket socket(
            Poco::Net::SocketAddress(d.config.host.toStdString(), d.config.port), 128);
        d.port = socket.address().port();

        Poco::Net::HTTPServerParams::Ptr params = new Poco::Net::HTTPServerParams;
        params->setMaxThreads(d.config.threads);
        params->setMaxQueued(d.config.queue);
        params->setKeepAlive(true);
        params->setKeepAliveTimeout(Poco::Timespan(d.config.keepAliveSeconds, 0));
        params->setMaxKeepAliveRequests(d.config.maxKeepAliveRequests);
        params->setTimeout(Poco::Timespan(30, 0));
        params->setServerName("sotay-server");

        // One more thread than request threads: the pool also runs the acceptor.
        d.pool = std::make_unique<Poco::ThreadPool>(2, d.config.threads + 1, 60);
        d.http = std::make_unique<Poco::Net::HTTPServer>(
            new RequestHandlerFactory(d.router, *d.databases, d.config.maxBodyBytes), *d.pool, socket,
            params);
        d.http->start();
    } catch (const Poco::Exception& error) {
        d.http.reset();
        d.pool.reset();
        return Error { ErrorCode::Io,
            QCoreApplication::translate("SotayServer", "Không mở được cổng %1:%2: %3")
                .arg(d.config.host)
                .arg(d.config.port)
                .arg(QString::fromStdString(error.displayText())),
            {} };
    }
    return success();
}

void SotayServer::stop()
{
    auto& d = *m_impl;
    if (!d.http)
        return;
    d.http->stopAll(false); // requests in flight finish; idle keep-alive connections close
    d.pool->joinAll();
    d.http.reset();
    d.pool.reset();
}

quint16 SotayServer::port() const
{
    return m_impl->port;
}

const ServerConfig& SotayServer::config() const
{
    return m_impl->config;
}

} // namespace sotay::server
