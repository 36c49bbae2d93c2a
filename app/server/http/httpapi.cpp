#include "httpapi.h"

#include "nodelaytcpserver.h"
#include "tlsserver.h"

#include <QDeadlineTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSslSocket>
#include <QThread>
#include <QTimer>
#include <QWebSocket>

using namespace Qt::StringLiterals;

namespace Galley::Server {

HttpApi::HttpApi(std::shared_ptr<Authenticator> authenticator, QObject *parent)
    : HttpApi(std::move(authenticator), Options {}, parent)
{
}

HttpApi::HttpApi(std::shared_ptr<Authenticator> authenticator, Options options, QObject *parent)
    : QObject(parent), m_authenticator(std::move(authenticator)), m_options(std::move(options))
{
    m_workers.setMaxThreadCount(m_options.workerThreads > 0 ? m_options.workerThreads : QThread::idealThreadCount());
    m_workers.setObjectName(u"galley-http-workers"_s);
}

HttpApi::~HttpApi()
{
    // Stop accepting, let running handlers finish, then drop the server (and with it the
    // continuations of requests still waiting to be written: shutdown() writes them first).
    if (m_listener)
        m_listener->close();
    m_workers.waitForDone();
    delete m_server;
}

Status HttpApi::addVersion(const ApiVersion &version)
{
    if (m_server)
        return Error { u"already_listening"_s, u"Versions are added before listening."_s };
    static const QRegularExpression validName(u"^[a-z][a-z0-9_-]*$"_s);
    if (!validName.match(version.name()).hasMatch())
        return Error { u"bad_version"_s, u"'%1' is not a version name."_s.arg(version.name()) };
    for (const ApiVersion &existing : std::as_const(m_versions)) {
        if (existing.name() == version.name())
            return Error { u"duplicate_version"_s, u"Version %1 is added twice."_s.arg(version.name()) };
    }
    m_versions.append(version);
    return {};
}

QStringList HttpApi::versions() const
{
    QStringList names;
    for (const ApiVersion &v : m_versions)
        names << v.name();
    return names;
}

Status HttpApi::addWebSocket(const QString &path, WebSocketHandler handler)
{
    if (m_server)
        return Error { u"already_listening"_s, u"WebSocket endpoints are added before listening."_s };
    if (!path.startsWith(u'/') || !handler)
        return Error { u"bad_websocket"_s, u"A WebSocket endpoint needs an absolute path and a handler."_s };
    for (const auto &[existing, unused] : std::as_const(m_webSockets)) {
        if (existing == path)
            return Error { u"duplicate_websocket"_s, u"The WebSocket endpoint %1 is added twice."_s.arg(path) };
    }
    m_webSockets.append({ path, std::move(handler) });
    return {};
}

Status HttpApi::listen(const QHostAddress &address, quint16 port)
{
    if (m_server)
        return Error { u"already_listening"_s, u"The API is already listening."_s };
    if (!m_authenticator)
        return Error { u"no_authenticator"_s, u"The API needs an authenticator."_s };

    auto pipeline = std::make_shared<Pipeline>(m_authenticator, Pipeline::Options { m_options.maxBodyBytes });
    QJsonArray names;
    for (const QString &name : versions())
        names.append(name);
    const QJsonObject listing { { u"versions"_s, names } };
    const Route root(HttpMethod::Get, u"/api"_s, Permission::Public,
                     [listing](const RequestContext &) -> HandlerResult { return ApiSuccess { listing, {}, 200 }; });
    if (Status s = pipeline->mount(QString(), { root }); !s)
        return s;
    for (const ApiVersion &version : std::as_const(m_versions)) {
        if (Status s = pipeline->mount(u"/api/"_s + version.name(), version.routes()); !s)
            return s;
    }

    const RequestSizeGuard::Limits limits { m_options.maxBodyBytes, m_options.maxHeaderBytes };
    QTcpServer *listener = nullptr;
    NoDelayTcpServer *plain = nullptr;
    if (isTls()) {
        auto *tls = new TlsServer(m_options.tls, this);
        tls->setRequestLimits(limits);
        connect(tls, &TlsServer::socketAccepted, this, &HttpApi::track);
        listener = tls;
    } else {
        plain = new NoDelayTcpServer(this);
        plain->setRequestLimits(limits);
        connect(plain, &NoDelayTcpServer::socketAccepted, this, &HttpApi::track);
        listener = plain;
    }
    if (!listener->listen(address, port)) {
        const QString message = listener->errorString();
        delete listener;
        return Error { u"listen_failed"_s, u"Cannot listen on %1:%2: %3"_s.arg(address.toString()).arg(port).arg(message) };
    }
    auto *server = new PipelineServer(std::move(pipeline), &m_workers, this);
    server->setAuthenticator(m_authenticator);
    for (const auto &[path, handler] : std::as_const(m_webSockets))
        server->addWebSocket(path, handler);
    if (!server->bind(listener)) {
        delete server;
        delete listener;
        return Error { u"listen_failed"_s, u"Cannot bind the HTTP server."_s };
    }
    m_server = server;
    m_listener = listener;
    m_tcpServer = plain;
    return {};
}

quint16 HttpApi::port() const
{
    return m_listener ? m_listener->serverPort() : 0;
}

void HttpApi::track(QTcpSocket *socket)
{
    m_sockets.insert(socket);
    // By the time destroyed() comes, `gone` is no QTcpSocket any more: only its address is used.
    connect(socket, &QObject::destroyed, this, [this](QObject *gone) { m_sockets.remove(gone); });
}

bool HttpApi::repliesWritten() const
{
    for (QObject *object : m_sockets) {
        const auto *socket = static_cast<const QTcpSocket *>(object);
        if (socket->state() != QAbstractSocket::ConnectedState)
            continue;
        if (socket->bytesToWrite() > 0)
            return false;
        if (const auto *ssl = qobject_cast<const QSslSocket *>(socket); ssl && ssl->encryptedBytesToWrite() > 0)
            return false;
    }
    return true;
}

bool HttpApi::shutdown(std::chrono::milliseconds deadline)
{
    if (!m_server)
        return true;
    const QDeadlineTimer timer(deadline);
    m_listener->close();
    m_server->beginShutdown();

    // The replies of running requests are written by continuations on this thread: run the
    // event loop until the last one is, or the deadline.
    if (m_server->inFlight() > 0) {
        QEventLoop loop;
        connect(m_server, &PipelineServer::drained, &loop, &QEventLoop::quit);
        QTimer::singleShot(std::chrono::milliseconds(timer.remainingTime()), &loop, &QEventLoop::quit);
        loop.exec();
    }
    const bool drained = m_server->inFlight() == 0;

    // Written means handed to the kernel, not sitting in a socket's buffer.
    while (!repliesWritten() && !timer.hasExpired()) {
        QEventLoop loop;
        QTimer::singleShot(5, &loop, &QEventLoop::quit);
        loop.exec();
    }

    // HTTP connections end here; upgraded ones belong to their WebSocket's owner now.
    const QList<QObject *> sockets(m_sockets.cbegin(), m_sockets.cend());
    for (QObject *object : sockets) {
        auto *socket = static_cast<QTcpSocket *>(object);
        if (!socket->parent() || qobject_cast<QWebSocket *>(socket->parent()))
            continue;
        socket->disconnectFromHost();
    }
    return drained;
}

} // namespace Galley::Server
