// SPDX-License-Identifier: GPL-3.0-or-later
#include "support/fault_proxy.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/StreamCopier.h>

#include <mutex>
#include <optional>
#include <set>
#include <sstream>
#include <vector>

namespace sotay::test {

struct FaultProxy::State {
    mutable std::mutex mutex;
    quint16 serverPort = 0;
    std::vector<Fault> faults;
    QStringList forwarded;

    // The fault that answers this request, used up by one.
    std::optional<Fault> take(const QString& method, const QString& target)
    {
        const std::lock_guard lock(mutex);
        for (auto& fault : faults)
            if (fault.times > 0 && fault.method == method && target.startsWith(fault.target)) {
                --fault.times;
                return fault;
            }
        return std::nullopt;
    }
};

namespace {

// Hop-by-hop headers, and the length that the proxy sets itself.
bool passesThrough(const std::string& name)
{
    static const std::set<std::string> dropped { "connection", "keep-alive", "content-length",
        "transfer-encoding", "host" };
    std::string lower = name;
    for (char& c : lower)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return !dropped.contains(lower);
}

void answer(Poco::Net::HTTPServerResponse& response, int status, const std::string& body)
{
    response.setStatus(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(status));
    response.setContentType("application/json");
    response.setContentLength(static_cast<std::streamsize>(body.size()));
    response.send() << body;
}

class ProxyHandler final : public Poco::Net::HTTPRequestHandler {
public:
    explicit ProxyHandler(std::shared_ptr<FaultProxy::State> state)
        : m_state(std::move(state))
    {
    }

    void handleRequest(
        Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) override
    {
        std::string body;
        Poco::StreamCopier::copyToString(request.stream(), body);
        const QString method = QString::fromStdString(request.getMethod());
        const QString target = QString::fromStdString(request.getURI());
        const auto fault = m_state->take(method, target);
        if (fault && fault->moment == FaultProxy::Moment::InsteadOfForwarding) {
            answer(response, fault->status, fault->body.toStdString());
            return;
        }

        Poco::Net::HTTPClientSession session("127.0.0.1", m_state->serverPort);
        Poco::Net::HTTPRequest forwarded(
            request.getMethod(), request.getURI(), Poco::Net::HTTPMessage::HTTP_1_1);
        for (const auto& [name, value] : request)
            if (passesThrough(name))
                forwarded.set(name, value);
        if (request.getMethod() != "GET")
            forwarded.setContentLength(static_cast<std::streamsize>(body.size()));
        session.sendRequest(forwarded) << body;
        Poco::Net::HTTPResponse served;
        std::istream& servedBody = session.receiveResponse(served);
        std::string text;
        Poco::StreamCopier::copyToString(servedBody, text);
        {
            const std::lock_guard lock(m_state->mutex);
            m_state->forwarded.append(method + u' ' + target);
        }
        if (fault) {
            answer(response, fault->status, fault->body.toStdString());
            return;
        }
        response.setStatus(served.getStatus());
        for (const auto& [name, value] : served)
            if (passesThrough(name))
                response.set(name, value);
        response.setContentLength(static_cast<std::streamsize>(text.size()));
        response.send() << text;
    }

private:
    std::shared_ptr<FaultProxy::State> m_state;
};

class ProxyHandlerFactory final : public Poco::Net::HTTPRequestHandlerFactory {
public:
    explicit ProxyHandlerFactory(std::shared_ptr<FaultProxy::State> state)
        : m_state(std::move(state))
    {
    }
    Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest&) override
    {
        return new ProxyHandler(m_state); // owned and deleted by Poco's connection
    }

private:
    std::shared_ptr<FaultProxy::State> m_state;
};

} // namespace

FaultProxy::FaultProxy(quint16 serverPort)
    : m_serverPort(serverPort)
    , m_state(std::make_shared<State>())
{
    m_state->serverPort = serverPort;
    listen();
}

FaultProxy::~FaultProxy()
{
    refuseConnections();
}

void FaultProxy::listen()
{
    m_socket = std::make_unique<Poco::Net::ServerSocket>();
    m_socket->bind(Poco::Net::SocketAddress("127.0.0.1", m_port), true);
    m_socket->listen(64);
    m_port = m_socket->address().port();
    Poco::Net::HTTPServerParams::Ptr parameters = new Poco::Net::HTTPServerParams;
    parameters->setMaxThreads(8);
    m_server
        = std::make_unique<Poco::Net::HTTPServer>(new ProxyHandlerFactory(m_state), *m_socket, parameters);
    m_server->start();
}

void FaultProxy::inject(Fault fault)
{
    const std::lock_guard lock(m_state->mutex);
    m_state->faults.push_back(std::move(fault));
}

int FaultProxy::unusedFaults() const
{
    const std::lock_guard lock(m_state->mutex);
    int unused = 0;
    for (const auto& fault : m_state->faults)
        unused += fault.times > 0 ? 1 : 0;
    return unused;
}

QStringList FaultProxy::forwarded() const
{
    const std::lock_guard lock(m_state->mutex);
    return m_state->forwarded;
}

void FaultProxy::refuseConnections()
{
    if (!m_server)
        return;
    m_server->stopAll(true);
    m_server.reset();
    m_socket->close();
    m_socket.reset();
}

void FaultProxy::acceptConnections()
{
    if (!m_server)
        listen();
}

QByteArray FaultProxy::errorBody(const char* code, const QString& message)
{
    return QJsonDocument(QJsonObject { { QStringLiteral("error"),
                             QJsonObject { { QStringLiteral("code"), QString::fromLatin1(code) },
                                 { QStringLiteral("message"), message } } } })
        .toJson(QJsonDocument::Compact);
}

} // namespace sotay::test
