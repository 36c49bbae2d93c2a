#pragma once

// A one-answer HTTP server on loopback for client tests: whatever is asked, it answers
// with the status, content type and body it was given (or never answers at all), then
// closes the connection. Header-only; runs on the test's event loop.
#include <QHostAddress>
#include <QTcpServer>
#include <QTcpSocket>
#include <QUrl>

#include <cctype>

namespace Galley::Testing {

class FakeHttpServer : public QObject
{
public:
    explicit FakeHttpServer(QObject *parent = nullptr) : QObject(parent)
    {
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                socket->setParent(this);
                connect(socket, &QTcpSocket::readyRead, socket, [this, socket] { onReadyRead(socket); });
                connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
                    m_buffers.remove(socket);
                    socket->deleteLater();
                });
            }
        });
    }

    // Listens on 127.0.0.1, any free port.
    bool listen() { return m_server.listen(QHostAddress::LocalHost, 0); }
    quint16 port() const { return m_server.serverPort(); }
    QUrl url() const { return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port())); }

    void answer(int status, const QByteArray &contentType, const QByteArray &body)
    {
        m_status = status;
        m_contentType = contentType;
        m_body = body;
        m_silent = false;
    }
    // Reads requests and never answers them (a hung server).
    void stayQuiet() { m_silent = true; }

    // The request lines received so far ("GET /api HTTP/1.1").
    QList<QByteArray> requests() const { return m_requests; }

private:
    void onReadyRead(QTcpSocket *socket)
    {
        QByteArray &buffer = m_buffers[socket];
        buffer += socket->readAll();
        // Not HTTP (a TLS hello sent to this plain server): answer 400 and hang up, as web servers do.
        if (!buffer.isEmpty() && !std::isupper(static_cast<unsigned char>(buffer.at(0)))) {
            buffer.clear();
            socket->write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            socket->disconnectFromHost();
            return;
        }
        const qsizetype end = buffer.indexOf("\r\n\r\n");
        if (end < 0)
            return;
        m_requests << buffer.left(buffer.indexOf("\r\n"));
        buffer.clear();
        if (m_silent)
            return;
        QByteArray response = "HTTP/1.1 " + QByteArray::number(m_status) + ' ' + reason(m_status) + "\r\n";
        response += "Content-Type: " + m_contentType + "\r\n";
        response += "Content-Length: " + QByteArray::number(m_body.size()) + "\r\n";
        response += "Connection: close\r\n\r\n";
        response += m_body;
        socket->write(response);
        socket->disconnectFromHost();
    }

    static QByteArray reason(int status)
    {
        switch (status) {
        case 200: return "OK";
        case 404: return "Not Found";
        case 502: return "Bad Gateway";
        default: return "Status";
        }
    }

    QTcpServer m_server;
    QHash<QTcpSocket *, QByteArray> m_buffers;
    QList<QByteArray> m_requests;
    int m_status = 200;
    QByteArray m_contentType = "application/json";
    QByteArray m_body;
    bool m_silent = false;
};

} // namespace Galley::Testing
