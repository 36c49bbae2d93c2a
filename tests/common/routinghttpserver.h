#pragma once

// A path-routing HTTP server on loopback for tests of clients that follow links (the link
// checker): each path answers with its own status, headers and delay (or never), HEAD can be
// answered differently from GET, and every request is recorded ("HEAD /ok"). Unknown paths
// are 404. Optionally TLS (QSslServer) with a given certificate. Header-only; runs on the
// test's event loop. Derived from fakehttpserver.h.
#include <QHash>
#include <QHostAddress>
#include <QPointer>
#include <QSslConfiguration>
#include <QSslServer>
#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <QUrl>

#include <memory>

namespace Galley::Testing {

class RoutingHttpServer : public QObject
{
public:
    struct Response
    {
        int status = 200;
        QList<std::pair<QByteArray, QByteArray>> headers;
        int delayMs = 0;
        bool hang = false;       // read the request, never answer
        int headStatus = 0;      // non-zero: HEAD gets this status instead
    };

    explicit RoutingHttpServer(QObject *parent = nullptr) : QObject(parent) { }

    // Plain HTTP on `address` (127.0.0.1, 127.0.0.2, Any for "localhost" on both stacks).
    bool listen(const QHostAddress &address = QHostAddress::LocalHost)
    {
        m_server = std::make_unique<QTcpServer>();
        return setUp(address);
    }
    // HTTPS with `tls` (certificate and key).
    bool listenTls(const QSslConfiguration &tls, const QHostAddress &address = QHostAddress::LocalHost)
    {
        auto server = std::make_unique<QSslServer>();
        server->setSslConfiguration(tls);
        m_server = std::move(server);
        return setUp(address);
    }

    quint16 port() const { return m_server->serverPort(); }
    // http(s)://<host>:<port><path>
    QString url(const QString &host, const QString &path) const
    {
        return QStringLiteral("%1://%2:%3%4").arg(m_tls ? QStringLiteral("https") : QStringLiteral("http"), host).arg(port()).arg(path);
    }

    void route(const QByteArray &path, const Response &response) { m_routes.insert(path, response); }

    // "GET /ok", "HEAD /moved", … in arrival order.
    QList<QByteArray> requests() const { return m_requests; }
    int connections() const { return m_connections; }
    void clear() { m_requests.clear(); }

private:
    bool setUp(const QHostAddress &address)
    {
        m_tls = qobject_cast<QSslServer *>(m_server.get()) != nullptr;
        connect(m_server.get(), &QTcpServer::pendingConnectionAvailable, this, [this] {
            while (QTcpSocket *socket = m_server->nextPendingConnection()) {
                ++m_connections;
                socket->setParent(this);
                connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
                connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
                    m_buffers.remove(socket);
                    socket->deleteLater();
                });
            }
        });
        return m_server->listen(address, 0);
    }

    void onReadyRead(QTcpSocket *socket)
    {
        QByteArray &buffer = m_buffers[socket];
        buffer += socket->readAll();
        const qsizetype end = buffer.indexOf("\r\n\r\n");
        if (end < 0)
            return;
        const QByteArray line = buffer.left(buffer.indexOf("\r\n"));
        buffer.clear();
        const QList<QByteArray> parts = line.split(' ');
        const QByteArray method = parts.value(0);
        const QByteArray path = parts.value(1);
        m_requests << method + ' ' + path;
        const Response response = m_routes.value(path, Response { 404, {}, 0, false, 0 });
        if (response.hang)
            return;
        const int status = method == "HEAD" && response.headStatus != 0 ? response.headStatus : response.status;
        const QByteArray body = "<html><body>" + QByteArray::number(status) + "</body></html>";
        QByteArray out = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reason(status) + "\r\n";
        for (const auto &[name, value] : response.headers)
            out += name + ": " + value + "\r\n";
        out += "Content-Type: text/html\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n";
        if (method != "HEAD")
            out += body;
        const QPointer<QTcpSocket> guarded(socket);
        const auto send = [guarded, out] {
            if (!guarded)
                return;
            guarded->write(out);
            guarded->disconnectFromHost();
        };
        if (response.delayMs > 0)
            QTimer::singleShot(response.delayMs, this, send);
        else
            send();
    }

    static QByteArray reason(int status)
    {
        switch (status) {
        case 200: return "OK";
        case 301: return "Moved Permanently";
        case 302: return "Found";
        case 404: return "Not Found";
        case 405: return "Method Not Allowed";
        case 500: return "Internal Server Error";
        default: return "Status";
        }
    }

    std::unique_ptr<QTcpServer> m_server;
    bool m_tls = false;
    QHash<QByteArray, Response> m_routes;
    QHash<QTcpSocket *, QByteArray> m_buffers;
    QList<QByteArray> m_requests;
    int m_connections = 0;
};

} // namespace Galley::Testing
