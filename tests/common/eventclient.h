#pragma once

// A WebSocket client of a server's /api/v1/events that keeps every message it receives, for the
// integration tests of the event stream. Header-only; needs Qt6::WebSockets.
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QNetworkRequest>
#include <QTest>
#include <QUrl>
#include <QWebSocket>

namespace Galley::Testing {

class EventClient
{
    Q_DISABLE_COPY_MOVE(EventClient)
public:
    EventClient()
    {
        QObject::connect(&socket, &QWebSocket::connected, &socket, [this] { connected = true; });
        QObject::connect(&socket, &QWebSocket::disconnected, &socket, [this] { disconnected = true; });
        QObject::connect(&socket, &QWebSocket::errorOccurred, &socket, [this](QAbstractSocket::SocketError) { failed = true; });
        QObject::connect(&socket, &QWebSocket::textMessageReceived, &socket,
                         [this](const QString &text) { messages.append(QJsonDocument::fromJson(text.toUtf8()).object()); });
    }

    // ws://host:port/api/v1/events (wss:// for an https base).
    static QUrl eventsUrl(const QUrl &base)
    {
        QUrl url = base;
        url.setScheme(base.scheme() == QLatin1String("https") ? QStringLiteral("wss") : QStringLiteral("ws"));
        url.setPath(QStringLiteral("/api/v1/events"));
        return url;
    }

    // True once connected; false when refused, failed or timed out.
    bool open(const QNetworkRequest &request, int timeoutMs = 10000)
    {
        socket.open(request);
        return QTest::qWaitFor([this] { return connected || failed || disconnected; }, timeoutMs) && connected;
    }
    // The events of the server at `base`, with the token in the Authorization header.
    bool open(const QUrl &base, const QByteArray &token)
    {
        QNetworkRequest request(eventsUrl(base));
        request.setRawHeader("Authorization", "Bearer " + token);
        return open(request);
    }

    bool waitForMessages(int count, int ms = 5000)
    {
        return QTest::qWaitFor([this, count] { return messages.size() >= count; }, ms);
    }

    QWebSocket socket;
    QList<QJsonObject> messages;
    bool connected = false;
    bool disconnected = false;
    bool failed = false;
};

} // namespace Galley::Testing
