#include "pipelineserver.h"

#include "authenticator.h"
#include "envelope.h"
#include "pipeline.h"

#include <QHttpHeaders>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QTcpSocket>
#include <QThreadPool>
#include <QUrlQuery>
#include <QWebSocket>
#include <QtConcurrent/QtConcurrentRun>

#include <array>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcHttp, "galley.server.http")

namespace Galley::Server {

namespace {

// An accepted upgrade whose handshake never completed is forgotten after this long.
constexpr qint64 upgradeStaleMs = 30000;

QByteArray methodName(QHttpServerRequest::Method m)
{
    switch (m) {
    case QHttpServerRequest::Method::Get: return "GET";
    case QHttpServerRequest::Method::Put: return "PUT";
    case QHttpServerRequest::Method::Delete: return "DELETE";
    case QHttpServerRequest::Method::Post: return "POST";
    case QHttpServerRequest::Method::Head: return "HEAD";
    case QHttpServerRequest::Method::Options: return "OPTIONS";
    case QHttpServerRequest::Method::Patch: return "PATCH";
    case QHttpServerRequest::Method::Connect: return "CONNECT";
    case QHttpServerRequest::Method::Trace: return "TRACE";
    default: return "UNKNOWN";
    }
}

void respond(QHttpServerResponder &responder, const PipelineResponse &response, const QString &requestId)
{
    QHttpHeaders headers;
    headers.append(QHttpHeaders::WellKnownHeader::ContentType, "application/json");
    headers.append("X-Request-Id", requestId.toLatin1());
    for (const auto &[name, value] : response.headers)
        headers.append(name, value);
    responder.write(response.body, headers, static_cast<QHttpServerResponder::StatusCode>(response.httpStatus));
}

PipelineResponse errorResponse(const ApiError &error, const QString &requestId)
{
    PipelineResponse response;
    response.httpStatus = error.httpStatus;
    response.body = Envelope::error(error, requestId);
    return response;
}

bool isWebSocketUpgrade(const QHttpServerRequest &request)
{
    return request.headers().value(QHttpHeaders::WellKnownHeader::Upgrade).compare("websocket", Qt::CaseInsensitive) == 0;
}

} // namespace

PipelineServer::PipelineServer(std::shared_ptr<const Pipeline> pipeline, QThreadPool *workers, QObject *parent)
    : QAbstractHttpServer(parent), m_pipeline(std::move(pipeline)), m_workers(workers)
{
    // Always connected, so QtHttpServer hands every upgrade to verifyUpgrade (and refusals to
    // missingHandler) instead of warning about a missing slot.
    connect(this, &QAbstractHttpServer::newWebSocketConnection, this, &PipelineServer::takeWebSockets);
    addWebSocketUpgradeVerifier(this, [this](const QHttpServerRequest &request) { return verifyUpgrade(request); });
}

PipelineServer::~PipelineServer() = default;

void PipelineServer::setAuthenticator(std::shared_ptr<Authenticator> authenticator)
{
    m_authenticator = std::move(authenticator);
}

void PipelineServer::addWebSocket(const QString &path, WebSocketHandler handler)
{
    m_webSockets.insert(path, std::move(handler));
}

void PipelineServer::beginShutdown()
{
    m_shuttingDown = true;
    if (m_inFlight == 0)
        Q_EMIT drained();
}

QString PipelineServer::newRequestId()
{
    std::array<quint32, 4> bits;
    QRandomGenerator::system()->fillRange(bits.data(), bits.size());
    const QByteArray raw(reinterpret_cast<const char *>(bits.data()), qsizetype(sizeof(bits)));
    return QString::fromLatin1(raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

void PipelineServer::logRequest(const QString &requestId, const QByteArray &method, const QByteArray &path, int status,
                                const QElapsedTimer &timer, std::optional<Id> accountId)
{
    qCInfo(lcHttp).noquote().nospace()
            << "request_id=" << requestId << " method=" << method << " path=" << path << " status=" << status
            << " ms=" << QString::number(double(timer.nsecsElapsed()) / 1e6, 'f', 2)
            << " account=" << (accountId ? QString::number(*accountId) : u"-"_s);
}

QByteArray PipelineServer::bearerToken(const QByteArray &authorization, const QUrl &url)
{
    const QByteArray header = authorization.trimmed();
    if (header.size() > 7 && header.left(7).toLower() == "bearer ")
        return header.mid(7).trimmed();
    if (!header.isEmpty() || !url.hasQuery())
        return {};
    return QUrlQuery(url).queryItemValue(u"access_token"_s, QUrl::FullyDecoded).toUtf8();
}

bool PipelineServer::handleRequest(const QHttpServerRequest &request, QHttpServerResponder &responder)
{
    QElapsedTimer timer;
    timer.start();

    PipelineRequest copy;
    copy.requestId = newRequestId();
    copy.method = methodName(request.method());
    copy.encodedPath = request.url().path(QUrl::FullyEncoded).toUtf8();

    if (m_shuttingDown) {
        // A keep-alive connection asking after SIGTERM: try another server.
        ApiError error = ApiError::internal();
        error.httpStatus = 503;
        error.code = u"unavailable"_s;
        error.message = u"The server is shutting down; retry the request."_s;
        PipelineResponse response = errorResponse(error, copy.requestId);
        response.headers.append(std::pair<QByteArray, QByteArray>("Retry-After", "1"));
        response.headers.append(std::pair<QByteArray, QByteArray>("Connection", "close"));
        respond(responder, response, copy.requestId);
        logRequest(copy.requestId, copy.method, copy.encodedPath, response.httpStatus, timer, std::nullopt);
        return true;
    }

    copy.encodedQuery = request.url().query(QUrl::FullyEncoded).toUtf8();
    for (const auto &[name, value] : request.headers().toListOfPairs())
        copy.headers.insert(name.toLower(), value);
    copy.body = request.body();
    copy.remoteAddress = request.remoteAddress().toString();

    const QString requestId = copy.requestId;
    const QByteArray method = copy.method;
    const QByteArray path = copy.encodedPath;
    ++m_inFlight;
    QtConcurrent::run(m_workers, [pipeline = m_pipeline, copy = std::move(copy)] { return pipeline->process(copy); })
            .then(this, [this, responder = std::move(responder), requestId, method, path, timer](const PipelineResponse &response) mutable {
                respond(responder, response, requestId);
                logRequest(requestId, method, path, response.httpStatus, timer, response.accountId);
                finished();
            });
    return true;
}

void PipelineServer::finished()
{
    --m_inFlight;
    if (m_shuttingDown && m_inFlight == 0)
        Q_EMIT drained();
}

void PipelineServer::missingHandler(const QHttpServerRequest &request, QHttpServerResponder &responder)
{
    // Reached for WebSocket upgrades verifyUpgrade did not accept (QtHttpServer closes the
    // connection afterwards); never for plain requests while handleRequest takes them all.
    QElapsedTimer timer;
    timer.start();
    const QString requestId = newRequestId();
    const QByteArray path = request.url().path(QUrl::FullyEncoded).toUtf8();
    PipelineResponse response;
    if (isWebSocketUpgrade(request) && m_webSockets.contains(QString::fromUtf8(path))) {
        if (m_shuttingDown) {
            ApiError error = ApiError::internal();
            error.httpStatus = 503;
            error.code = u"unavailable"_s;
            error.message = u"The server is shutting down; connect again."_s;
            response = errorResponse(error, requestId);
        } else {
            const QByteArray token =
                    bearerToken(request.headers().value(QHttpHeaders::WellKnownHeader::Authorization).toByteArray(), request.url());
            response = errorResponse(ApiError::unauthenticated(
                                             token.isEmpty() ? u"The event stream needs a bearer token (Authorization header or access_token parameter)."_s
                                                             : u"The access token is unknown or has expired."_s),
                                     requestId);
            response.headers.append(std::pair<QByteArray, QByteArray>("WWW-Authenticate", "Bearer"));
        }
    } else {
        response = errorResponse(ApiError::notFound(u"No such endpoint."_s), requestId);
    }
    response.headers.append(std::pair<QByteArray, QByteArray>("Connection", "close"));
    respond(responder, response, requestId);
    // QtHttpServer closes the connection right after this and deletes the socket on the next
    // event-loop pass, which can be before its write notifier: hand the answer to the kernel now.
    // (Handlers are children of this server, their sockets children of the handlers.)
    const QList<QTcpSocket *> sockets = findChildren<QTcpSocket *>();
    for (QTcpSocket *socket : sockets) {
        if (socket->peerPort() == request.remotePort() && socket->peerAddress() == request.remoteAddress()) {
            socket->flush();
            break;
        }
    }
    logRequest(requestId, methodName(request.method()), path, response.httpStatus, timer, std::nullopt);
}

QHttpServerWebSocketUpgradeResponse PipelineServer::verifyUpgrade(const QHttpServerRequest &request)
{
    // passToNext: QtHttpServer then asks missingHandler, which answers with our envelope (a
    // deny() would be a bare status line without body).
    QElapsedTimer timer;
    timer.start();
    const QByteArray path = request.url().path(QUrl::FullyEncoded).toUtf8();
    if (m_shuttingDown || !m_authenticator || !m_webSockets.contains(QString::fromUtf8(path)))
        return QHttpServerWebSocketUpgradeResponse::passToNext();
    const QByteArray token =
            bearerToken(request.headers().value(QHttpHeaders::WellKnownHeader::Authorization).toByteArray(), request.url());
    if (token.isEmpty())
        return QHttpServerWebSocketUpgradeResponse::passToNext();
    // On the event-loop thread: one token lookup per upgrade (they are rare; requests are not
    // held up for longer than that query).
    const std::optional<Caller> caller = m_authenticator->authenticate(token);
    if (!caller)
        return QHttpServerWebSocketUpgradeResponse::passToNext();

    for (auto it = m_upgrades.begin(); it != m_upgrades.end();) {
        it->removeIf([](const Upgrade &u) { return u.timer.elapsed() > upgradeStaleMs; });
        it = it->isEmpty() ? m_upgrades.erase(it) : std::next(it);
    }
    m_upgrades[token].append(Upgrade { *caller, newRequestId(), path, timer });
    return QHttpServerWebSocketUpgradeResponse::accept();
}

void PipelineServer::takeWebSockets()
{
    while (hasPendingWebSocketConnections()) {
        std::unique_ptr<QWebSocket> socket = nextPendingWebSocketConnection();
        if (!socket)
            break;
        const QByteArray token = bearerToken(socket->request().rawHeader("Authorization"), socket->requestUrl());
        std::optional<Upgrade> upgrade;
        if (auto it = m_upgrades.find(token); it != m_upgrades.end()) {
            upgrade = it->takeFirst();
            if (it->isEmpty())
                m_upgrades.erase(it);
        }
        if (!upgrade) {
            // Not seen by verifyUpgrade (cannot happen with QtHttpServer 6.8): authenticate now.
            const std::optional<Caller> caller = m_authenticator ? m_authenticator->authenticate(token) : std::nullopt;
            if (!caller) {
                socket->close(QWebSocketProtocol::CloseCodePolicyViolated, u"unauthenticated"_s);
                socket.release()->deleteLater();
                continue;
            }
            QElapsedTimer timer;
            timer.start();
            upgrade = Upgrade { *caller, newRequestId(), socket->requestUrl().path(QUrl::FullyEncoded).toUtf8(), timer };
        }
        logRequest(upgrade->requestId, "GET", upgrade->path, 101, upgrade->timer, upgrade->caller.accountId);
        const WebSocketHandler handler = m_webSockets.value(QString::fromUtf8(upgrade->path));
        if (!handler || m_shuttingDown) {
            socket->close(QWebSocketProtocol::CloseCodeGoingAway, u"The server is shutting down."_s);
            socket.release()->deleteLater();
            continue;
        }
        handler(std::move(socket), upgrade->caller);
    }
}

} // namespace Galley::Server
