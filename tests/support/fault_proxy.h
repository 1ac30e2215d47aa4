// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <memory>

namespace Poco::Net {
class HTTPServer;
class ServerSocket;
} // namespace Poco::Net

namespace sotay::test {

// An HTTP proxy on loopback in front of the real server, which answers the requests a test chooses itself:
// either instead of forwarding them (the server never sees them, as behind an overloaded front end) or after
// forwarding them (the server did the work and its answer is lost on the way back, as behind a gateway that
// timed out). It can also stop listening, so that connections are refused before anything is sent.
class FaultProxy final {
public:
    enum class Moment { InsteadOfForwarding, AfterForwarding };
    struct Fault {
        QString method; // "POST", "PATCH", "GET"
        QString target; // matched against the start of the path and query: "/api/v1/members?org="
        int status = 503;
        QByteArray body; // sent as application/json
        Moment moment = Moment::InsteadOfForwarding;
        int times = 1; // how many matching requests it answers
    };

    explicit FaultProxy(quint16 serverPort);
    ~FaultProxy();
    FaultProxy(const FaultProxy&) = delete;
    FaultProxy& operator=(const FaultProxy&) = delete;

    quint16 port() const { return m_port; }
    void inject(Fault fault);
    // Faults injected and not yet used up.
    int unusedFaults() const;
    // "METHOD target" of each request that reached the server through the proxy, in order.
    QStringList forwarded() const;

    // Closes the listening socket and every open connection; acceptConnections() listens again on the same
    // port.
    void refuseConnections();
    void acceptConnections();

    // A JSON error body as the server writes it.
    static QByteArray errorBody(const char* code, const QString& message);

    struct State;

private:
    void listen();

    quint16 m_serverPort;
    quint16 m_port = 0;
    std::shared_ptr<State> m_state;
    std::unique_ptr<Poco::Net::ServerSocket> m_socket;
    std::unique_ptr<Poco::Net::HTTPServer> m_server;
};

} // namespace sotay::test
