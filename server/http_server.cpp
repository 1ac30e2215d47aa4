// SPDX-License-Identifier: GPL-3.0-or-later
#include "http_server.h"

#include "client_address.h"
#include "http_connection.h"

#include <QCoreApplication>
#include <QHash>
#include <QLoggingCategory>
#include <QRegularExpression>

#include <algorithm>
#include <arpa/inet.h>
#include <condition_variable>
#include <csignal>
#include <cstring>
#include <deque>
#include <mutex>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>
#include <unordered_map>
#include <vector>

namespace sotay::server {
namespace {

Q_LOGGING_CATEGORY(lcConnection, "sotay.connection")

using Phase = HttpConnection::Phase;
using Io = HttpConnection::Io;
using namespace std::chrono_literals;

constexpr qint64 kMaxDiscardedBytes = qint64 { 8 } * 1024 * 1024;
constexpr auto kLingerTime = 2s;
constexpr auto kStopGrace = 10s;
constexpr auto kScanInterval = 250ms;

QString peerAddressOf(const sockaddr_storage& address)
{
    char text[INET6_ADDRSTRLEN] = {};
    if (address.ss_family == AF_INET)
        inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in&>(address).sin_addr, text, sizeof text);
    else if (address.ss_family == AF_INET6)
        inet_ntop(AF_INET6, &reinterpret_cast<const sockaddr_in6&>(address).sin6_addr, text, sizeof text);
    return canonicalAddress(QString::fromLatin1(text));
}

// Room for as many sockets as the system lets this process have, keeping some for files and the database.
int connectionCeiling(int wanted)
{
    rlimit limit {};
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0)
        return std::min(wanted, 900);
    if (limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        setrlimit(RLIMIT_NOFILE, &limit);
        getrlimit(RLIMIT_NOFILE, &limit);
    }
    const auto available = static_cast<long long>(std::min<rlim_t>(limit.rlim_cur, 1 << 20)) - 128;
    return static_cast<int>(std::min<long long>(wanted, std::max<long long>(available, 16)));
}

ApiError tooManyConnections()
{
    return ApiError::tooManyRequests(QStringLiteral("too_many_connections"),
        QCoreApplication::translate("ApiError",
            "Có quá nhiều kết nối cùng lúc từ địa chỉ của bạn. Hãy đóng bớt cửa sổ hoặc chương trình đang "
            "kết nối tới máy chủ rồi thử lại."),
        5);
}

ApiError serverBusy()
{
    return ApiError::busy(
        QCoreApplication::translate("ApiError", "Máy chủ đang quá tải, xin thử lại sau ít giây."), 1);
}

ApiError tooSlow()
{
    return ApiError(408, QStringLiteral("too_slow"),
        QCoreApplication::translate("ApiError",
            "Yêu cầu đến quá chậm nên máy chủ đã dừng chờ. Hãy kiểm tra đường truyền rồi gửi lại."));
}

// Empty path segments are ignored by the router ("/api//v1/..."), so they are here too.
bool isUploadTarget(std::string_view target)
{
    std::string path(target.substr(0, target.find('?')));
    for (std::size_t twice = path.find("//"); twice != std::string::npos; twice = path.find("//"))
        path.erase(twice, 1);
    static const QRegularExpression upload(
        QStringLiteral("^/api/v1/content/[1-9][0-9]{0,17}/attachments/?$"));
    return upload.match(QString::fromStdString(path)).hasMatch();
}

ApiError bodyTooLarge(qint64 maxBodyBytes)
{
    return ApiError::tooLarge(QCoreApplication::translate("ApiError", "Nội dung gửi lên vượt quá %1 MB.")
                                  .arg(static_cast<double>(maxBodyBytes) / (1024.0 * 1024.0)));
}

} // namespace

bool isUpload(const RequestHead& head)
{
    return head.method == "POST" && isUploadTarget(head.target);
}

struct HttpServer::Impl {
    Impl(Listener l, const RequestHandler& h, ConnectionLimits lim, QSet<QString> uncapped)
        : listener(std::move(l))
        , handler(h)
        , limits(lim)
        , uncappedAddresses(std::move(uncapped))
    {
    }

    Listener listener;
    const RequestHandler& handler;
    ConnectionLimits limits;
    QSet<QString> uncappedAddresses;
    int poller = -1;
    int wake = -1;
    int listenSocket = -1;
    quint16 port = 0;
    std::uint32_t serial = 0;

    // I/O thread only.
    std::unordered_map<int, std::unique_ptr<HttpConnection>> connections;
    SteadyClock::time_point lastScan;

    // A connection gives its address's slot back before its last answer goes out, so that a client that
    // reconnects on reading "Connection: close" finds the slot free: request threads release too.
    std::mutex addressMutex;
    QHash<QString, int> perAddress;

    std::mutex queueMutex;
    std::condition_variable queueReady;
    std::deque<HttpConnection*> queue;
    bool workersStop = false;

    std::mutex returnedMutex;
    std::vector<HttpConnection*> returned;

    std::atomic<bool> stopping { false };
    std::thread ioThread;
    std::vector<std::thread> workers;

    // --- I/O thread ---
    void run();
    void acceptAll(SteadyClock::time_point now);
    void admit(int socket, const QString& peer, SteadyClock::time_point now);
    bool evictIdle();
    void onEvent(HttpConnection& c, SteadyClock::time_point now);
    void serve(HttpConnection& c, SteadyClock::time_point now);
    bool advance(HttpConnection& c, SteadyClock::time_point now); // false: the connection wants input
    void dispatch(HttpConnection& c, SteadyClock::time_point now);
    void respond(HttpConnection& c, HttpResponse response, SteadyClock::time_point now);
    void refuse(HttpConnection& c, const ApiError& error, SteadyClock::time_point now);
    void continueWriting(HttpConnection& c, SteadyClock::time_point now);
    void finishAnswer(HttpConnection& c, SteadyClock::time_point now);
    void linger(HttpConnection& c);
    void arm(HttpConnection& c, Io want);
    void close(HttpConnection& c);
    bool takeAddressSlot(const QString& peer);
    void releaseAddressSlot(HttpConnection& c);
    void scan(SteadyClock::time_point now);
    void beginStop();
    bool anyInFlight() const;

    // --- request threads ---
    void work();
    void wakeIoThread() const;
};

void HttpServer::Impl::arm(HttpConnection& c, Io want)
{
    epoll_event event {};
    event.events = (want == Io::WouldWriteBlock ? EPOLLOUT : EPOLLIN) | EPOLLONESHOT;
    event.data.u64 = c.key;
    epoll_ctl(poller, EPOLL_CTL_MOD, c.socket(), &event);
}

void HttpServer::Impl::close(HttpConnection& c)
{
    releaseAddressSlot(c);
    connections.erase(c.socket()); // closes the socket, which leaves the poller
}

bool HttpServer::Impl::takeAddressSlot(const QString& peer)
{
    std::lock_guard lock(addressMutex);
    int& count = perAddress[peer];
    if (count >= limits.connectionsPerAddress)
        return false;
    ++count;
    return true;
}

void HttpServer::Impl::releaseAddressSlot(HttpConnection& c)
{
    if (!c.countedForAddress)
        return;
    c.countedForAddress = false;
    std::lock_guard lock(addressMutex);
    const auto count = perAddress.find(c.peerAddress());
    if (count != perAddress.end() && --*count <= 0)
        perAddress.erase(count);
}

void HttpServer::Impl::acceptAll(SteadyClock::time_point now)
{
    for (int accepted = 0; accepted < 256; ++accepted) {
        sockaddr_storage address {};
        socklen_t length = sizeof address;
        const int socket = accept4(
            listenSocket, reinterpret_cast<sockaddr*>(&address), &length, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (socket < 0) {
            if (errno == EINTR || errno == ECONNABORTED)
                continue;
            if (errno == EMFILE || errno == ENFILE)
                qCWarning(lcConnection) << "out of file descriptors; connections wait in the backlog";
            return;
        }
        const int on = 1;
        setsockopt(socket, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
        admit(socket, peerAddressOf(address), now);
    }
}

void HttpServer::Impl::admit(int socket, const QString& peer, SteadyClock::time_point now)
{
    const bool full = std::ssize(connections) >= limits.maxConnections && !evictIdle();
    const bool capped = !uncappedAddresses.contains(peer);
    const bool overAddressCap = !full && capped && !takeAddressSlot(peer);
    if (full && std::ssize(connections) >= limits.maxConnections + 64) {
        ::close(socket); // not even room to say so
        return;
    }
    auto owned = std::make_unique<HttpConnection>(
        socket, listener.tls ? listener.tls->sslContext() : nullptr, peer, now);
    HttpConnection& c = *owned;
    c.key = (std::uint64_t { ++serial } << 32) | static_cast<std::uint32_t>(socket);
    c.deadline = now + limits.headTime;
    c.countedForAddress = capped && !overAddressCap && !full;
    c.refusedAtAccept = overAddressCap || full;
    connections.emplace(socket, std::move(owned));
    epoll_event event {};
    event.events = EPOLLIN | EPOLLONESHOT;
    event.data.u64 = c.key;
    epoll_ctl(poller, EPOLL_CTL_ADD, socket, &event);
    if (overAddressCap || full) {
        qCInfo(lcConnection).noquote()
            << "refused a connection:" << (full ? "server full" : "address over cap");
        refuse(c, full ? serverBusy() : tooManyConnections(), now);
    }
}

// Makes room by closing the connection that has waited longest for a request that has not begun.
bool HttpServer::Impl::evictIdle()
{
    HttpConnection* oldest = nullptr;
    for (const auto& [socket, c] : connections)
        if (c->phase.load(std::memory_order_acquire) == Phase::Head && !c->headStarted && c->input.empty()
            && (!oldest || c->lastActive < oldest->lastActive))
            oldest = c.get();
    if (!oldest)
        return false;
    close(*oldest);
    return true;
}

void HttpServer::Impl::onEvent(HttpConnection& c, SteadyClock::time_point now)
{
    switch (c.phase.load(std::memory_order_acquire)) {
    case Phase::Head:
    case Phase::Body:
        serve(c, now);
        return;
    case Phase::Writing:
        continueWriting(c, now);
        return;
    case Phase::Lingering:
        linger(c);
        return;
    case Phase::Handling:
        return;
    }
}

void HttpServer::Impl::serve(HttpConnection& c, SteadyClock::time_point now)
{
    for (;;) {
        const bool readingBody = c.phase.load(std::memory_order_relaxed) == Phase::Body;
        const std::size_t limit = readingBody
            ? std::max(c.input.size(), static_cast<std::size_t>(c.head.contentLength))
            : limits.head.maxHeadBytes + 1;
        const std::size_t before = c.input.size();
        const Io io = c.read(limit);
        if (io == Io::Failed) {
            close(c);
            return;
        }
        if (c.input.size() > before) {
            c.lastActive = now;
            if (readingBody)
                c.transfer.bytes += static_cast<qint64>(c.input.size() - before);
        }
        if (advance(c, now))
            return;
        // The connection wants more input.
        if (io == Io::Closed || c.peerClosed) {
            close(c);
            return;
        }
        if (io == Io::Progress && c.hasBufferedInput())
            continue;
        arm(c, io);
        return;
    }
}

bool HttpServer::Impl::advance(HttpConnection& c, SteadyClock::time_point now)
{
    if (c.phase.load(std::memory_order_relaxed) == Phase::Head) {
        if (c.input.empty())
            return false;
        if (!c.headStarted) {
            c.headStarted = true;
            c.deadline = now + limits.headTime;
        }
        const auto end = findHeadEnd(c.input);
        if (!end) {
            if (const auto refusal = checkIncompleteHead(c.input, limits.head)) {
                refuse(c, headRefusalError(*refusal), now);
                return true;
            }
            return false;
        }
        if (*end > limits.head.maxHeadBytes) {
            refuse(c, headRefusalError({ HeadRefusal::Reason::HeadTooLarge }), now);
            return true;
        }
        ParsedHead parsed = parseRequestHead(std::string_view(c.input).substr(0, *end), limits.head);
        if (const auto* refusal = std::get_if<HeadRefusal>(&parsed)) {
            refuse(c, headRefusalError(*refusal), now);
            return true;
        }
        c.head = std::move(std::get<RequestHead>(parsed));
        c.input.erase(0, *end);
        // Judged from Content-Length before any of the body is read: the answer goes at once, and what the
        // client still sends is dropped after it (lingering close).
        if (const qint64 allowed = isUpload(c.head) ? limits.maxUploadBytes : limits.maxBodyBytes;
            c.head.contentLength > allowed) {
            refuse(c, bodyTooLarge(allowed), now);
            return true;
        }
        c.phase.store(Phase::Body, std::memory_order_relaxed);
        c.transfer.restart(now);
        if (c.head.expectsContinue && static_cast<std::int64_t>(c.input.size()) < c.head.contentLength) {
            c.setOutput(QByteArrayLiteral("HTTP/1.1 100 Continue\r\n\r\n"));
            c.bodyAfterWriting = true;
            c.closeAfterWriting = false;
            c.phase.store(Phase::Writing, std::memory_order_relaxed);
            continueWriting(c, now);
            return true;
        }
    }
    if (static_cast<std::int64_t>(c.input.size()) < c.head.contentLength)
        return false;
    c.body = QByteArray(c.input.data(), static_cast<qsizetype>(c.head.contentLength));
    c.input.erase(0, static_cast<std::size_t>(c.head.contentLength));
    dispatch(c, now);
    return true;
}

void HttpServer::Impl::dispatch(HttpConnection& c, SteadyClock::time_point now)
{
    {
        std::lock_guard lock(queueMutex);
        if (std::ssize(queue) < limits.queuedRequests) {
            c.phase.store(Phase::Handling, std::memory_order_release);
            queue.push_back(&c);
            queueReady.notify_one();
            return;
        }
    }
    refuse(c, serverBusy(), now);
}

void HttpServer::Impl::refuse(HttpConnection& c, const ApiError& error, SteadyClock::time_point now)
{
    const bool headRead = c.phase.load(std::memory_order_relaxed) == Phase::Body;
    respond(c, handler.refuse(error, headRead ? &c.head : nullptr), now);
}

void HttpServer::Impl::respond(HttpConnection& c, HttpResponse response, SteadyClock::time_point now)
{
    response.keepAlive = false;
    releaseAddressSlot(c);
    c.setOutput(response.serialise());
    c.closeAfterWriting = true;
    c.lingerAfterWriting = true;
    c.bodyAfterWriting = false;
    c.transfer.restart(now);
    c.phase.store(Phase::Writing, std::memory_order_relaxed);
    continueWriting(c, now);
}

void HttpServer::Impl::continueWriting(HttpConnection& c, SteadyClock::time_point now)
{
    const Io io = c.write();
    if (io == Io::Failed || io == Io::Closed) {
        close(c);
        return;
    }
    if (c.hasPendingOutput()) {
        arm(c, io);
        return;
    }
    finishAnswer(c, now);
}

void HttpServer::Impl::finishAnswer(HttpConnection& c, SteadyClock::time_point now)
{
    if (c.closeAfterWriting) {
        if (!c.lingerAfterWriting) {
            close(c);
            return;
        }
        c.shutdownSending();
        c.phase.store(Phase::Lingering, std::memory_order_relaxed);
        c.deadline = now + kLingerTime;
        c.lingered = 0;
        linger(c);
        return;
    }
    if (c.bodyAfterWriting) {
        c.bodyAfterWriting = false;
        c.phase.store(Phase::Body, std::memory_order_relaxed);
        c.transfer.restart(now);
    } else {
        c.phase.store(Phase::Head, std::memory_order_relaxed);
        c.headStarted = false;
        c.deadline = now + limits.keepAliveTime;
        c.lastActive = now;
    }
    serve(c, now);
}

void HttpServer::Impl::linger(HttpConnection& c)
{
    const Io io = c.discard(c.lingered, kMaxDiscardedBytes);
    if (io == Io::WouldReadBlock || io == Io::WouldWriteBlock) {
        arm(c, io);
        return;
    }
    close(c);
}

void HttpServer::Impl::scan(SteadyClock::time_point now)
{
    lastScan = now;
    const qint64 minimum = limits.minBytesPerSecond * limits.rateWindow.count();
    std::vector<HttpConnection*> late;
    std::vector<HttpConnection*> slow;
    for (const auto& [socket, owned] : connections) {
        HttpConnection& c = *owned;
        switch (c.phase.load(std::memory_order_acquire)) {
        case Phase::Head:
            if (now >= c.deadline)
                (c.headStarted ? slow : late).push_back(&c);
            break;
        case Phase::Body:
            if (c.transfer.stalled(now, limits.rateWindow, minimum,
                    c.head.contentLength - static_cast<qint64>(c.input.size())))
                slow.push_back(&c);
            break;
        case Phase::Writing:
            // An answer the client does not read, or a refusal it never takes, is given up.
            if (c.transfer.stalled(now, limits.rateWindow, minimum, minimum)
                || (c.refusedAtAccept && now >= c.deadline))
                late.push_back(&c);
            break;
        case Phase::Lingering:
            if (now >= c.deadline)
                late.push_back(&c);
            break;
        case Phase::Handling:
            break;
        }
    }
    for (HttpConnection* c : late)
        close(*c);
    // A head or body that came too slowly is told so before the connection closes.
    for (HttpConnection* c : slow)
        refuse(*c, tooSlow(), now);
}

bool HttpServer::Impl::anyInFlight() const
{
    return std::any_of(connections.begin(), connections.end(), [](const auto& entry) {
        const Phase phase = entry.second->phase.load(std::memory_order_acquire);
        return phase == Phase::Handling || phase == Phase::Writing || phase == Phase::Lingering;
    });
}

void HttpServer::Impl::beginStop()
{
    epoll_ctl(poller, EPOLL_CTL_DEL, listenSocket, nullptr);
    listener.socket.close();
    std::vector<HttpConnection*> idle;
    for (const auto& [socket, c] : connections) {
        const Phase phase = c->phase.load(std::memory_order_acquire);
        if (phase == Phase::Head || phase == Phase::Body)
            idle.push_back(c.get());
    }
    for (HttpConnection* c : idle)
        close(*c);
}

void HttpServer::Impl::run()
{
    std::vector<epoll_event> events(256);
    bool stopBegun = false;
    SteadyClock::time_point stopBy;
    lastScan = SteadyClock::now();
    for (;;) {
        const int ready = epoll_wait(poller, events.data(), static_cast<int>(events.size()),
            static_cast<int>(std::chrono::duration_cast<std::chrono::milliseconds>(kScanInterval).count()));
        const auto now = SteadyClock::now();
        for (int i = 0; i < ready; ++i) {
            const std::uint64_t key = events[static_cast<std::size_t>(i)].data.u64;
            if (key == 0) {
                acceptAll(now);
                continue;
            }
            if (key == 1) {
                eventfd_t drained = 0;
                eventfd_read(wake, &drained);
                std::vector<HttpConnection*> back;
                {
                    std::lock_guard lock(returnedMutex);
                    back.swap(returned);
                }
                for (HttpConnection* c : back)
                    continueWriting(*c, now);
                continue;
            }
            const auto found = connections.find(static_cast<int>(key & 0xffffffffu));
            // A connection closed earlier in this batch whose socket number was already reused.
            if (found == connections.end() || found->second->key != key)
                continue;
            onEvent(*found->second, now);
        }
        if (now - lastScan >= kScanInterval)
            scan(now);
        if (stopping.load()) {
            if (!stopBegun) {
                stopBegun = true;
                stopBy = now + kStopGrace;
                beginStop();
            }
            if (!anyInFlight() || now >= stopBy)
                return;
        }
    }
}

void HttpServer::Impl::wakeIoThread() const
{
    eventfd_write(wake, 1);
}

void HttpServer::Impl::work()
{
    for (;;) {
        HttpConnection* c = nullptr;
        {
            std::unique_lock lock(queueMutex);
            queueReady.wait(lock, [this] { return !queue.empty() || workersStop; });
            if (queue.empty())
                return;
            c = queue.front();
            queue.pop_front();
        }
        HttpResponse response = handler.handle(c->head, std::move(c->body), c->peerAddress());
        c->body = {};
        ++c->requestsServed;
        if (c->requestsServed >= limits.maxKeepAliveRequests || c->peerClosed || stopping.load())
            response.keepAlive = false;
        const auto now = SteadyClock::now();
        if (!response.keepAlive)
            releaseAddressSlot(*c);
        c->setOutput(response.serialise());
        c->closeAfterWriting = !response.keepAlive;
        c->lingerAfterWriting = false;
        c->bodyAfterWriting = false;
        c->transfer.restart(now);
        const Io io = c->write();
        if (io == Io::Progress && !c->hasPendingOutput() && response.keepAlive && c->input.empty()
            && !c->hasBufferedInput() && !stopping.load()) {
            // The common case, without a detour through the I/O thread: wait for the next request. From
            // the moment the socket is armed the I/O thread owns the connection again.
            c->headStarted = false;
            c->deadline = now + limits.keepAliveTime;
            c->lastActive = now;
            c->phase.store(Phase::Head, std::memory_order_release);
            arm(*c, Io::WouldReadBlock);
            continue;
        }
        c->phase.store(Phase::Writing, std::memory_order_release);
        {
            std::lock_guard lock(returnedMutex);
            returned.push_back(c);
        }
        wakeIoThread();
    }
}

HttpServer::HttpServer(Listener listener, const RequestHandler& handler, ConnectionLimits limits,
    QSet<QString> uncappedAddresses)
    : m_impl(std::make_unique<Impl>(std::move(listener), handler, limits, std::move(uncappedAddresses)))
{
}

HttpServer::~HttpServer()
{
    stop();
}

Status HttpServer::start()
{
    auto& d = *m_impl;
    // A client that closes while OpenSSL writes to it must not end the process.
    std::signal(SIGPIPE, SIG_IGN);
    d.limits.maxConnections = connectionCeiling(d.limits.maxConnections);
    d.listener.socket.setBlocking(false);
    d.listenSocket = d.listener.socket.impl()->sockfd();
    d.port = d.listener.socket.address().port();
    d.poller = epoll_create1(EPOLL_CLOEXEC);
    d.wake = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (d.poller < 0 || d.wake < 0)
        return Error { ErrorCode::Io,
            QStringLiteral("epoll/eventfd: %1").arg(QString::fromLocal8Bit(strerror(errno))), {} };
    epoll_event listening {};
    listening.events = EPOLLIN;
    listening.data.u64 = 0;
    epoll_ctl(d.poller, EPOLL_CTL_ADD, d.listenSocket, &listening);
    epoll_event woken {};
    woken.events = EPOLLIN;
    woken.data.u64 = 1;
    epoll_ctl(d.poller, EPOLL_CTL_ADD, d.wake, &woken);
    for (int i = 0; i < d.limits.requestThreads; ++i)
        d.workers.emplace_back([&d] { d.work(); });
    d.ioThread = std::thread([&d] { d.run(); });
    return success();
}

void HttpServer::stop()
{
    auto& d = *m_impl;
    if (!d.ioThread.joinable())
        return;
    d.stopping.store(true);
    d.wakeIoThread();
    d.ioThread.join();
    {
        std::lock_guard lock(d.queueMutex);
        d.workersStop = true;
    }
    d.queueReady.notify_all();
    for (auto& worker : d.workers)
        worker.join();
    d.workers.clear();
    d.connections.clear();
    std::lock_guard lock(d.addressMutex);
    d.perAddress.clear();
    ::close(d.wake);
    ::close(d.poller);
    d.wake = d.poller = -1;
}

quint16 HttpServer::port() const
{
    return m_impl->port;
}

} // namespace sotay::server
