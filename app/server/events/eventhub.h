#pragma once

#include "http/caller.h"
#include "http/eventsink.h"

#include "domain/result.h"

#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QObject>

#include <chrono>
#include <memory>

class QTimer;
class QWebSocket;

namespace Galley::Server {

class NotificationListener;
class ServerStore;

// The /api/v1/events WebSocket clients of this process, by account, and the EventSink that
// reaches them.
//
// Lives on the event-loop thread, which owns the sockets (HttpApi::addWebSocket hands them over
// with addClient). A new client first gets {"type":"hello","seq":N}, N being its account's last
// change-feed seq, and then every event published for its account. Clients are pinged every
// pingInterval and dropped when nothing (pong or message) came for idleTimeout.
//
// publish() is thread-safe; write handlers call it from worker threads after their commit. Where
// an event goes:
//   - SQLite (one server process): queued to this thread and sent to the account's sockets;
//   - PostgreSQL: NOTIFY galley_events with {"account":…,"event":…} on the calling thread's
//     connection; every server process sharing the database LISTENs (a connection of its own,
//     reconnected when it drops) and sends it to its sockets, this one included, so an event is
//     delivered once, through LISTEN only. After the LISTEN connection was re-established, the
//     clients get a {"type":"feed","seq":N} each, since events in between may have been lost.
//
// In galley-server, main() makes the hub and hands it to the v1 routes as their
// std::shared_ptr<EventSink> (ApiContext::events); the hub outlives the HTTP workers.
class EventHub : public QObject, public EventSink
{
    Q_OBJECT
    Q_DISABLE_COPY(EventHub)

public:
    struct Options
    {
        std::chrono::milliseconds pingInterval { 30000 };
        std::chrono::milliseconds idleTimeout { 90000 };
        std::chrono::milliseconds listenCheckInterval { 5000 };   // PostgreSQL
    };
    // A NOTIFY payload must stay below 8000 bytes.
    static constexpr qsizetype maxNotifyPayload = 7999;
    static constexpr auto channel = "galley_events";

    explicit EventHub(ServerStore &store, QObject *parent = nullptr);
    EventHub(ServerStore &store, Options options, QObject *parent = nullptr);
    ~EventHub() override;

    // PostgreSQL: connects the LISTEN connection (fails when it cannot). Call before clients come.
    Status start();

    void publish(Id accountId, const QJsonObject &event) override;

    // Takes a WebSocket authenticated for `caller` and greets it.
    void addClient(std::unique_ptr<QWebSocket> socket, const Caller &caller);

    int clientCount() const { return int(m_clients.size()); }
    int clientCount(Id accountId) const { return int(m_byAccount.value(accountId).size()); }
    bool isListening() const;

    // Closes every client with 1001 (going away) and waits for them to go, at most `deadline`
    // (then cuts the rest); refuses new clients from then on. True when all closed in time.
    bool shutdown(std::chrono::milliseconds deadline);

Q_SIGNALS:
    void clientAdded();
    void clientRemoved();
    // The LISTEN connection is back after a drop (PostgreSQL; a test hook).
    void listenerReconnected();

private:
    struct Client
    {
        Id accountId = 0;
        Id userId = 0;
        qint64 lastSeen = 0;   // m_clock milliseconds
    };

    void deliver(Id accountId, const QByteArray &message);
    void received(const QString &payload);
    void catchUp();
    void remove(QWebSocket *socket);
    void keepAlive();
    std::optional<qint64> lastSeq(Id accountId);

    ServerStore &m_store;
    Options m_options;
    bool m_notify;    // PostgreSQL: publish NOTIFYs, deliver what LISTEN brings
    NotificationListener *m_listener = nullptr;
    QHash<QWebSocket *, Client> m_clients;
    QHash<Id, QList<QWebSocket *>> m_byAccount;
    QTimer *m_pingTimer;
    QElapsedTimer m_clock;
    bool m_shuttingDown = false;
};

} // namespace Galley::Server
