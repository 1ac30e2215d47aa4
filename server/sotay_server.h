// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/result.h"
#include "server_config.h"

#include <QStringList>

#include <memory>

namespace sotay::server {

// The API server: the routes over the connection layer (http_server.h), with a fixed pool of request
// threads and a clean stop that lets the requests in flight finish.
class SotayServer final {
public:
    explicit SotayServer(ServerConfig config);
    ~SotayServer();
    SotayServer(const SotayServer&) = delete;
    SotayServer& operator=(const SotayServer&) = delete;

    // Opens and migrates the database, binds the socket and starts serving.
    Status start();
    // Stops accepting, closes idle keep-alive connections and waits for the requests in flight.
    void stop();
    quint16 port() const;
    const ServerConfig& config() const;
    // Every route the server answers, as "METHOD /pattern/{name}".
    QStringList routes() const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace sotay::server
