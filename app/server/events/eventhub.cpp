#include "eventhub.h"

#include "notificationlistener.h"

#include "storage/changefeed.h"
#include "storage/serverstore.h"

#include <QEventLoop>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimer>
#include <QWebSocket>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcEvents, "galley.server.events")

namespace Galley::Server {

namespace {
// What a client may send us (nothing is expected: pongs and the odd message keep it alive).
constexpr qint64 maxIncomingMessage = 64 * 1024;
}

EventHub::EventHub(ServerStore &store, QObject *parent) : EventHub(store, Options {}, parent) { }

EventHub::EventHub(ServerStore &store, Options options, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_options(options)
    , m_notify(store.dialect().hasListenNotify())
    , m_pingTimer(new QTimer(this))
{
    m_clock.start();
    m_pingTimer->setInterval(m_options.pingInterval);
    connect(m_pingTimer, &QTimer::timeout, this, &EventHub::keepAlive);
}

EventHub::~EventHub()
{
    // The sockets are children; let them go without their disconnected() reaching remove().
    for (auto it = m_clients.cbegin(); it != m_clients.cend(); ++it)
        it.key()->disconnect(this);
}

Status EventHub::start()
{
    if (!m_notify || m_listener)
        return {};
    m_listener = new NotificationListener(m_store.url(), QString::fromLatin1(channel), m_options.listenCheckInterval, this);
    connect(m_listener, &NotificationListener::notified, this, &EventHub::received);
    connect(m_listener, &NotificationListener::reconnected, this, [this] {
        catchUp();
        Q_EMIT listenerReconnected();
    });
    return m_listener->start();
}

bool EventHub::isListening() const
{
    return !m_notify || (m_listener && m_listener->isListening());
}

void EventHub::publish(Id accountId, const QJsonObject &event)
{
    if (!m_notify) {
        const QByteArray message = QJsonDocument(event).toJson(QJsonDocument::Compact);
        QMetaObject::invokeMethod(this, [this, accountId, message] { deliver(accountId, message); }, Qt::QueuedConnection);
        return;
    }
    const QJsonObject envelope { { u"account"_s, accountId }, { u"event"_s, event } };
    const QByteArray payload = QJsonDocument(envelope).toJson(QJsonDocument::Compact);
    if (payload.size() > maxNotifyPayload) {
        qCWarning(lcEvents) << "event of account" << accountId << "not sent:" << payload.size()
                            << "bytes is over the NOTIFY limit; events carry ids, not documents";
        return;
    }
    QSqlDatabase db = m_store.connection();
    QSqlQuery notify(db);
    notify.prepare(u"SELECT pg_notify(?, ?)"_s);
    notify.addBindValue(QString::fromLatin1(channel));
    notify.addBindValue(QString::fromUtf8(payload));
    if (!notify.exec())
        qCWarning(lcEvents) << "cannot NOTIFY an event of account" << accountId << ":" << notify.lastError().text();
}

void EventHub::received(const QString &payload)
{
    const QJsonObject envelope = QJsonDocument::fromJson(payload.toUtf8()).object();
    const Id accountId = envelope.value(u"account"_s).toInteger();
    const QJsonObject event = envelope.value(u"event"_s).toObject();
    if (accountId <= 0 || event.isEmpty()) {
        qCWarning(lcEvents) << "ignoring a malformed notification:" << payload.left(200);
        return;
    }
    deliver(accountId, QJsonDocument(event).toJson(QJsonDocument::Compact));
}

void EventHub::deliver(Id accountId, const QByteArray &message)
{
    const auto it = m_byAccount.constFind(accountId);
    if (it == m_byAccount.cend())
        return;
    const QString text = QString::fromUtf8(message);
    for (QWebSocket *socket : *it)
        socket->sendTextMessage(text);
}

void EventHub::catchUp()
{
    // Whatever was published while LISTEN was down is lost: point every client at the feed's end.
    for (auto it = m_byAccount.cbegin(); it != m_byAccount.cend(); ++it) {
        if (const std::optional<qint64> seq = lastSeq(it.key())) {
            const QJsonObject feed { { u"type"_s, u"feed"_s }, { u"seq"_s, *seq } };
            deliver(it.key(), QJsonDocument(feed).toJson(QJsonDocument::Compact));
        }
    }
}

std::optional<qint64> EventHub::lastSeq(Id accountId)
{
    QSqlDatabase db = m_store.connection();
    const Result<qint64> seq = ChangeFeed::lastSeq(db, accountId);
    if (!seq) {
        qCWarning(lcEvents) << "cannot read the feed position of account" << accountId << ":" << seq.error().message;
        return std::nullopt;
    }
    return *seq;
}

void EventHub::addClient(std::unique_ptr<QWebSocket> socket, const Caller &caller)
{
    QWebSocket *ws = socket.release();
    ws->setParent(this);
    if (m_shuttingDown || ws->state() != QAbstractSocket::ConnectedState) {
        ws->close(QWebSocketProtocol::CloseCodeGoingAway, u"The server is shutting down."_s);
        ws->deleteLater();
        return;
    }
    ws->setMaxAllowedIncomingMessageSize(maxIncomingMessage);
    ws->setMaxAllowedIncomingFrameSize(maxIncomingMessage);

    // Registered before the feed position is read: an event committed after that read is sent
    // after the hello (both happen on this thread), one committed before it is in the hello.
    m_clients.insert(ws, Client { caller.accountId, caller.userId, m_clock.elapsed() });
    m_byAccount[caller.accountId].append(ws);
    connect(ws, &QWebSocket::disconnected, this, [this, ws] { remove(ws); });
    const auto touch = [this, ws] {
        if (auto it = m_clients.find(ws); it != m_clients.end())
            it->lastSeen = m_clock.elapsed();
    };
    connect(ws, &QWebSocket::pong, this, touch);
    connect(ws, &QWebSocket::textMessageReceived, this, touch);
    connect(ws, &QWebSocket::binaryMessageReceived, this, touch);

    const std::optional<qint64> seq = lastSeq(caller.accountId);
    if (!seq) {
        ws->close(QWebSocketProtocol::CloseCodeBadOperation, u"The feed position is unavailable; connect again."_s);
        return;
    }
    const QJsonObject hello { { u"type"_s, u"hello"_s }, { u"seq"_s, *seq } };
    ws->sendTextMessage(QString::fromUtf8(QJsonDocument(hello).toJson(QJsonDocument::Compact)));
    if (!m_pingTimer->isActive())
        m_pingTimer->start();
    Q_EMIT clientAdded();
}

void EventHub::remove(QWebSocket *socket)
{
    const auto it = m_clients.constFind(socket);
    if (it == m_clients.cend())
        return;
    const Id accountId = it->accountId;
    m_clients.erase(it);
    if (auto sockets = m_byAccount.find(accountId); sockets != m_byAccount.end()) {
        sockets->removeOne(socket);
        if (sockets->isEmpty())
            m_byAccount.erase(sockets);
    }
    socket->deleteLater();
    if (m_clients.isEmpty())
        m_pingTimer->stop();
    Q_EMIT clientRemoved();
}

void EventHub::keepAlive()
{
    const qint64 now = m_clock.elapsed();
    QList<QWebSocket *> silent;
    for (auto it = m_clients.cbegin(); it != m_clients.cend(); ++it) {
        if (now - it->lastSeen > m_options.idleTimeout.count())
            silent.append(it.key());
        else
            it.key()->ping();
    }
    for (QWebSocket *socket : std::as_const(silent)) {
        qCInfo(lcEvents) << "dropping a silent events client of account" << m_clients.value(socket).accountId;
        socket->abort();
        remove(socket);     // abort() may not report disconnected() for a socket already gone
    }
}

bool EventHub::shutdown(std::chrono::milliseconds deadline)
{
    m_shuttingDown = true;
    m_pingTimer->stop();
    if (m_clients.isEmpty())
        return true;
    const QList<QWebSocket *> sockets = m_clients.keys();
    for (QWebSocket *socket : sockets)
        socket->close(QWebSocketProtocol::CloseCodeGoingAway, u"The server is shutting down."_s);
    if (!m_clients.isEmpty()) {
        QEventLoop loop;
        connect(this, &EventHub::clientRemoved, &loop, [this, &loop] {
            if (m_clients.isEmpty())
                loop.quit();
        });
        QTimer::singleShot(deadline, &loop, &QEventLoop::quit);
        loop.exec();
    }
    const bool clean = m_clients.isEmpty();
    const QList<QWebSocket *> left = m_clients.keys();
    for (QWebSocket *socket : left) {
        socket->abort();
        remove(socket);
    }
    return clean;
}

} // namespace Galley::Server
