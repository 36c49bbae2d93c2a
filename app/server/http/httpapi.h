#pragma once

#include "apiversion.h"
#include "authenticator.h"
#include "pipeline.h"
#include "pipelineserver.h"

#include "domain/result.h"

#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QSet>
#include <QSslConfiguration>
#include <QThreadPool>

#include <chrono>
#include <memory>

class QTcpServer;

namespace Galley::Server {

class NoDelayTcpServer;

// The HTTP API of galley-server: the API versions (each mounted under /api/<name>/ plus the
// public GET /api listing them), the one pipeline they share, its worker pool, the WebSocket
// endpoints and the listening socket (HTTP, or HTTPS with Options::tls). Declare versions and
// WebSockets, then listen(); the route table is frozen from then on.
//
// Every accepted connection is guarded against oversized requests before QtHttpServer buffers
// them (RequestSizeGuard: 413 for bodies over maxBodyBytes, 431 for header blocks over
// maxHeaderBytes).
//
// Shutdown: shutdown() stops accepting, answers 503 to new requests on open connections, and
// lets the running ones finish and their replies be written, within a deadline. The destructor
// alone drops replies still being produced.
class HttpApi : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY(HttpApi)

public:
    struct Options
    {
        qint64 maxBodyBytes = 1024 * 1024;
        qint64 maxHeaderBytes = 64 * 1024;
        int workerThreads = 0;          // 0: QThread::idealThreadCount()
        QSslConfiguration tls;          // null: plain HTTP (TlsServer::loadConfiguration makes one)
    };

    explicit HttpApi(std::shared_ptr<Authenticator> authenticator, QObject *parent = nullptr);
    HttpApi(std::shared_ptr<Authenticator> authenticator, Options options, QObject *parent = nullptr);
    ~HttpApi() override;

    // Refused once listening, or when the name is taken.
    Status addVersion(const ApiVersion &version);
    QStringList versions() const;

    // A WebSocket endpoint at a full path ("/api/v1/events"): upgrades carrying a valid bearer
    // token (header or access_token parameter) are handed to `handler` on this thread, others
    // get 401. Before listen().
    Status addWebSocket(const QString &path, WebSocketHandler handler);

    // Port 0 picks a free one; port() tells which. Fails on a bad route table or a busy port.
    Status listen(const QHostAddress &address, quint16 port = 0);
    quint16 port() const;
    bool isTls() const { return !m_options.tls.isNull(); }

    // Stops accepting connections and waits, running the event loop, until every request in
    // flight has its reply written out (false: the deadline came first), then closes the HTTP
    // connections (WebSockets stay: their owner closes them).
    bool shutdown(std::chrono::milliseconds deadline);

    // The listening socket: tcpServer() for plain HTTP (tests watch its accepted connections),
    // listener() for either.
    NoDelayTcpServer *tcpServer() const { return m_tcpServer; }
    QTcpServer *listener() const { return m_listener; }

private:
    void track(QTcpSocket *socket);
    bool repliesWritten() const;

    std::shared_ptr<Authenticator> m_authenticator;
    Options m_options;
    QList<ApiVersion> m_versions;
    QList<std::pair<QString, WebSocketHandler>> m_webSockets;
    QThreadPool m_workers;
    PipelineServer *m_server = nullptr;
    QTcpServer *m_listener = nullptr;
    NoDelayTcpServer *m_tcpServer = nullptr;
    QSet<QObject *> m_sockets;      // the accepted QTcpSockets not yet destroyed
};

} // namespace Galley::Server
