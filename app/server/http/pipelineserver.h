#pragma once

#include "caller.h"

#include <QAbstractHttpServer>
#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QUrl>

#include <functional>
#include <memory>
#include <optional>

class QThreadPool;
class QWebSocket;

namespace Galley::Server {

class Authenticator;
class Pipeline;

// Takes an authenticated WebSocket connection: the socket (open, handshake done) and its caller.
// Runs on the event-loop thread.
using WebSocketHandler = std::function<void(std::unique_ptr<QWebSocket> socket, const Caller &caller)>;

// The HTTP front: every request QtHttpServer parses lands in handleRequest, which copies it into
// a PipelineRequest, runs the pipeline on the worker pool and writes the answer back on this
// (the event-loop) thread, with X-Request-Id, and logs one line. There is no other route: the
// pipeline's own table decides 404 and 405.
//
// WebSocket upgrades of the paths given to addWebSocket() are authenticated here, before the
// handshake, with the bearer token of the Authorization header or, for browsers (which cannot
// set headers on a WebSocket), the access_token query parameter; refused upgrades get the JSON
// 401 (404 for other paths) and the connection is closed.
//
// Shutdown: beginShutdown() makes new requests answer 503; inFlight() counts the requests whose
// reply is not written yet, drained() says when it reaches zero.
class PipelineServer : public QAbstractHttpServer
{
    Q_OBJECT
    Q_DISABLE_COPY(PipelineServer)

public:
    PipelineServer(std::shared_ptr<const Pipeline> pipeline, QThreadPool *workers, QObject *parent = nullptr);
    ~PipelineServer() override;

    // Before the server is bound. The authenticator runs on the event-loop thread for upgrades.
    void setAuthenticator(std::shared_ptr<Authenticator> authenticator);
    void addWebSocket(const QString &path, WebSocketHandler handler);

    void beginShutdown();
    bool isShuttingDown() const { return m_shuttingDown; }
    int inFlight() const { return m_inFlight; }

    // 22 URL-safe characters from 128 random bits.
    static QString newRequestId();
    // The one structured log line per request (category galley.server.http).
    static void logRequest(const QString &requestId, const QByteArray &method, const QByteArray &path, int status,
                           const QElapsedTimer &timer, std::optional<Id> accountId);
    // The token of "Authorization: Bearer …", else of the access_token query parameter.
    static QByteArray bearerToken(const QByteArray &authorization, const QUrl &url);

Q_SIGNALS:
    void drained();

protected:
    bool handleRequest(const QHttpServerRequest &request, QHttpServerResponder &responder) override;
    void missingHandler(const QHttpServerRequest &request, QHttpServerResponder &responder) override;

private:
    struct Upgrade
    {
        Caller caller;
        QString requestId;
        QByteArray path;
        QElapsedTimer timer;
    };

    QHttpServerWebSocketUpgradeResponse verifyUpgrade(const QHttpServerRequest &request);
    void takeWebSockets();
    void finished();

    std::shared_ptr<const Pipeline> m_pipeline;
    QThreadPool *m_workers;
    std::shared_ptr<Authenticator> m_authenticator;
    QHash<QString, WebSocketHandler> m_webSockets;   // by path
    // Upgrades accepted by verifyUpgrade whose handshake QtWebSockets is doing, by token.
    QHash<QByteArray, QList<Upgrade>> m_upgrades;
    int m_inFlight = 0;
    bool m_shuttingDown = false;
};

} // namespace Galley::Server
