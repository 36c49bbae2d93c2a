// The event stream in-process: HttpApi on 127.0.0.1 with a fake authenticator, an EventHub on a
// fresh database (SQLite and PostgreSQL rows), real WebSocket clients. Covers the authenticated
// upgrade, the hello, delivery per account, keepalive, shutdown with 1001 and, on PostgreSQL,
// two hubs on one database standing in for two server processes (NOTIFY in one, LISTEN in the
// other, and the LISTEN connection coming back after it was cut).
#include "common/eventclient.h"
#include "common/serverdatabase.h"

#include "events/eventhub.h"
#include "http/authenticator.h"
#include "http/httpapi.h"
#include "storage/changefeed.h"
#include "storage/serverstore.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutex>
#include <QNetworkRequest>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTcpSocket>
#include <QTest>
#include <QWebSocket>
#include <QtConcurrent/QtConcurrentRun>

#include <memory>

using namespace Galley;
using namespace Galley::Server;
using namespace Galley::Testing;
using namespace Qt::StringLiterals;

namespace {

// Tokens of the test's users, set once their accounts exist.
class FakeAuthenticator : public Authenticator
{
public:
    void add(const QByteArray &token, Id accountId, Id userId)
    {
        const QMutexLocker lock(&m_mutex);
        m_callers.insert(token, Caller { userId, accountId, Role::Viewer, true, {} });
    }
    std::optional<Caller> authenticate(const QByteArray &token) override
    {
        const QMutexLocker lock(&m_mutex);
        const auto it = m_callers.constFind(token);
        return it == m_callers.cend() ? std::nullopt : std::optional<Caller>(*it);
    }

private:
    QMutex m_mutex;
    QHash<QByteArray, Caller> m_callers;
};

// What one server process has for the event stream: its store, hub and HTTP API.
struct Node
{
    std::unique_ptr<ServerStore> store;
    std::shared_ptr<EventHub> hub;
    std::unique_ptr<HttpApi> api;

    ~Node()
    {
        api.reset();
        hub.reset();
        store.reset();
    }

    bool start(const DatabaseUrl &url, std::shared_ptr<Authenticator> authenticator, EventHub::Options options = {})
    {
        auto opened = ServerStore::open(url);
        if (!opened) {
            qWarning("%s", qPrintable(opened.error().message));
            return false;
        }
        store = std::move(opened).value();
        hub = std::make_shared<EventHub>(*store, options);
        if (const Status started = hub->start(); !started) {
            qWarning("%s", qPrintable(started.error().message));
            return false;
        }
        HttpApi::Options apiOptions;
        apiOptions.workerThreads = 2;
        api = std::make_unique<HttpApi>(std::move(authenticator), apiOptions);
        EventHub *h = hub.get();
        if (!api->addWebSocket(u"/api/v1/events"_s, [h](std::unique_ptr<QWebSocket> socket, const Caller &caller) {
                h->addClient(std::move(socket), caller);
            })) {
            return false;
        }
        return api->listen(QHostAddress::LocalHost, 0).ok();
    }
    quint16 port() const { return api->port(); }
};

// Header: "Authorization: Bearer token"; query: ?access_token=token; none: no token.
enum class Via { Header, Query, None };
bool openVia(EventClient &client, quint16 port, const QByteArray &token, Via via = Via::Header)
{
    QUrl url(u"ws://127.0.0.1:%1/api/v1/events"_s.arg(port));
    if (via == Via::Query)
        url.setQuery(u"access_token="_s + QString::fromLatin1(token));
    QNetworkRequest request(url);
    if (via == Via::Header)
        request.setRawHeader("Authorization", "Bearer " + token);
    return client.open(request, 5000);
}

QJsonObject feed(qint64 seq)
{
    return QJsonObject { { u"type"_s, u"feed"_s }, { u"seq"_s, seq } };
}

// The raw answer to a hand-written request: everything until the server closes, or 3 s.
QByteArray exchange(quint16 port, const QByteArray &request)
{
    QTcpSocket socket;
    QByteArray received;
    QObject::connect(&socket, &QTcpSocket::readyRead, &socket, [&] { received += socket.readAll(); });
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!QTest::qWaitFor([&] { return socket.state() == QAbstractSocket::ConnectedState; }, 3000))
        return {};
    socket.write(request);
    (void)QTest::qWaitFor([&] { return socket.state() == QAbstractSocket::UnconnectedState; }, 3000);
    received += socket.readAll();
    return received;
}

QByteArray upgradeRequest(const QByteArray &target, const QByteArray &extraHeaders = {})
{
    return "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
           "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n" + extraHeaders + "\r\n";
}

QJsonObject bodyOf(const QByteArray &response)
{
    const qsizetype split = response.indexOf("\r\n\r\n");
    return split < 0 ? QJsonObject() : QJsonDocument::fromJson(response.mid(split + 4)).object();
}

QString errorCode(const QJsonObject &envelope)
{
    return envelope.value(u"errors"_s).toArray().first().toObject().value(u"code"_s).toString();
}

} // namespace

class TestEventHub : public QObject
{
    Q_OBJECT

    std::shared_ptr<FakeAuthenticator> m_auth;
    Id m_accountA = 0;
    Id m_accountB = 0;

    // Two accounts (A with three feed entries, B with none) and their users' tokens.
    bool prepare(const ServerDatabase &database)
    {
        auto store = ServerStore::open(database.url());
        if (!store)
            return false;
        QSqlDatabase db = (*store)->connection();
        m_accountA = addTenancy(db, u"alpha"_s).account;
        m_accountB = addTenancy(db, u"beta"_s).account;
        for (int i = 1; i <= 3; ++i) {
            if (!ChangeFeed::append(db, m_accountA, u"edition"_s, i, u"upsert"_s, u"{}"_s, std::nullopt))
                return false;
        }
        m_auth = std::make_shared<FakeAuthenticator>();
        m_auth->add("alpha-1", m_accountA, 1);
        m_auth->add("alpha-2", m_accountA, 2);
        m_auth->add("beta", m_accountB, 3);
        return m_accountA > 0 && m_accountB > 0;
    }

private Q_SLOTS:
    void upgradeRefused_data()
    {
        QTest::addColumn<QByteArray>("request");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("code");
        QTest::newRow("no-token") << upgradeRequest("/api/v1/events") << 401 << u"unauthenticated"_s;
        QTest::newRow("unknown-token-header") << upgradeRequest("/api/v1/events", "Authorization: Bearer nope\r\n") << 401
                                              << u"unauthenticated"_s;
        QTest::newRow("unknown-token-query") << upgradeRequest("/api/v1/events?access_token=nope") << 401 << u"unauthenticated"_s;
        QTest::newRow("basic-auth") << upgradeRequest("/api/v1/events", "Authorization: Basic YWxwaGEtMTp4\r\n") << 401
                                    << u"unauthenticated"_s;
        QTest::newRow("not-an-event-stream") << upgradeRequest("/api/v1/other", "Authorization: Bearer alpha-1\r\n") << 404
                                             << u"not_found"_s;
    }
    void upgradeRefused()
    {
        QFETCH(QByteArray, request);
        QFETCH(int, status);
        QFETCH(QString, code);
        ServerDatabase database;
        QVERIFY2(database.create(u"sqlite"_s), qPrintable(database.error()));
        QVERIFY(prepare(database));
        Node node;
        QVERIFY(node.start(database.url(), m_auth));

        const QByteArray response = exchange(node.port(), request);
        QVERIFY2(response.startsWith(QByteArray("HTTP/1.1 " + QByteArray::number(status) + ' ')), response.toPercentEncoding(" /:").constData());
        QVERIFY2(!response.contains("101 Switching"), response.constData());
        const QJsonObject envelope = bodyOf(response);
        QCOMPARE(envelope.value(u"success"_s).toBool(true), false);
        QCOMPARE(errorCode(envelope), code);
        QCOMPARE(node.hub->clientCount(), 0);

        // A WebSocket client without a token never gets connected.
        EventClient client;
        QVERIFY(!openVia(client, node.port(), {}, Via::None));
        QCOMPARE(node.hub->clientCount(), 0);
    }

    void helloAndDelivery_data() { ServerDatabase::addBackendRows(); }
    void helloAndDelivery()
    {
        GALLEY_FRESH_DATABASE(database);
        QVERIFY(prepare(database));
        Node node;
        QVERIFY(node.start(database.url(), m_auth));

        EventClient a1, a2, b;
        QVERIFY(openVia(a1, node.port(), "alpha-1", Via::Header));
        QVERIFY(openVia(a2, node.port(), "alpha-2", Via::Query));
        QVERIFY(openVia(b, node.port(), "beta"));
        QVERIFY(a1.waitForMessages(1) && a2.waitForMessages(1) && b.waitForMessages(1));
        const QJsonObject helloA { { u"type"_s, u"hello"_s }, { u"seq"_s, 3 } };
        const QJsonObject helloB { { u"type"_s, u"hello"_s }, { u"seq"_s, 0 } };
        QCOMPARE(a1.messages.first(), helloA);
        QCOMPARE(a2.messages.first(), helloA);
        QCOMPARE(b.messages.first(), helloB);
        QCOMPARE(node.hub->clientCount(), 3);
        QCOMPARE(node.hub->clientCount(m_accountA), 2);

        // Published from a worker thread, as write handlers do after their commit.
        EventHub *hub = node.hub.get();
        const Id accountA = m_accountA, accountB = m_accountB;
        QtConcurrent::run([hub, accountA] { hub->publish(accountA, feed(4)); }).waitForFinished();
        QVERIFY(a1.waitForMessages(2) && a2.waitForMessages(2));
        QCOMPARE(a1.messages.at(1), feed(4));
        QCOMPARE(a2.messages.at(1), feed(4));

        // Account B's client got nothing of A's: its next message is its own.
        const QJsonObject deployment { { u"type"_s, u"deployment"_s }, { u"id"_s, 9 }, { u"status"_s, u"running"_s } };
        QtConcurrent::run([hub, accountB, deployment] { hub->publish(accountB, deployment); }).waitForFinished();
        QVERIFY(b.waitForMessages(2));
        QCOMPARE(b.messages.at(1), deployment);
        QCOMPARE(b.messages.size(), 2);
        QCOMPARE(a1.messages.size(), 2);   // exactly once, nothing of B's
        QCOMPARE(a2.messages.size(), 2);

        // A closed client is forgotten.
        a2.socket.close();
        QTRY_COMPARE(node.hub->clientCount(m_accountA), 1);
    }

    void keepAlive()
    {
        ServerDatabase database;
        QVERIFY2(database.create(u"sqlite"_s), qPrintable(database.error()));
        QVERIFY(prepare(database));
        Node node;
        EventHub::Options options;
        options.pingInterval = std::chrono::milliseconds(100);
        options.idleTimeout = std::chrono::milliseconds(400);
        QVERIFY(node.start(database.url(), m_auth, options));

        // QWebSocket answers pings; the raw client below does the handshake and then goes quiet.
        EventClient alive;
        QVERIFY(openVia(alive, node.port(), "alpha-1"));
        QTcpSocket silent;
        QByteArray handshake;
        connect(&silent, &QTcpSocket::readyRead, this, [&] { handshake += silent.readAll(); });
        silent.connectToHost(QHostAddress::LocalHost, node.port());
        QVERIFY(QTest::qWaitFor([&] { return silent.state() == QAbstractSocket::ConnectedState; }, 3000));
        silent.write(upgradeRequest("/api/v1/events", "Authorization: Bearer alpha-2\r\n"));
        QTRY_VERIFY_WITH_TIMEOUT(handshake.startsWith("HTTP/1.1 101"), 3000);
        QTRY_COMPARE(node.hub->clientCount(), 2);

        QTRY_VERIFY_WITH_TIMEOUT(silent.state() == QAbstractSocket::UnconnectedState, 3000);
        QCOMPARE(node.hub->clientCount(), 1);
        QVERIFY(alive.connected && !alive.disconnected);
        QTest::qWait(600);   // several ping rounds: the answering client stays
        QVERIFY(!alive.disconnected);
        QCOMPARE(node.hub->clientCount(), 1);
    }

    void shutdownGoesAway()
    {
        ServerDatabase database;
        QVERIFY2(database.create(u"sqlite"_s), qPrintable(database.error()));
        QVERIFY(prepare(database));
        Node node;
        QVERIFY(node.start(database.url(), m_auth));
        EventClient client;
        QVERIFY(openVia(client, node.port(), "alpha-1"));
        QVERIFY(client.waitForMessages(1));

        QVERIFY(node.hub->shutdown(std::chrono::seconds(3)));
        QTRY_VERIFY(client.disconnected);
        QCOMPARE(client.socket.closeCode(), QWebSocketProtocol::CloseCodeGoingAway);
        QCOMPARE(node.hub->clientCount(), 0);

        // No new clients after that.
        EventClient late;
        openVia(late, node.port(), "alpha-1");
        QTRY_VERIFY(late.disconnected || late.failed);
        QCOMPARE(node.hub->clientCount(), 0);
    }

    // Two hubs with stores of their own on one PostgreSQL database: what one publishes reaches
    // the other's clients through NOTIFY/LISTEN, and each client gets it exactly once.
    void twoProcessesOnPostgres()
    {
        if (!ServerDatabase::postgresAvailable())
            QSKIP(ServerDatabase::skipReason());
        ServerDatabase database;
        QVERIFY2(database.create(u"postgresql"_s), qPrintable(database.error()));
        QVERIFY(prepare(database));
        Node one, two;
        QVERIFY(one.start(database.url(), m_auth));
        QVERIFY(two.start(database.url(), m_auth));
        QVERIFY(one.hub->isListening() && two.hub->isListening());

        EventClient onOne, onTwo, otherAccount;
        QVERIFY(openVia(onOne, one.port(), "alpha-1"));
        QVERIFY(openVia(onTwo, two.port(), "alpha-2"));
        QVERIFY(openVia(otherAccount, two.port(), "beta"));
        QVERIFY(onOne.waitForMessages(1) && onTwo.waitForMessages(1) && otherAccount.waitForMessages(1));

        EventHub *hubOne = one.hub.get();
        EventHub *hubTwo = two.hub.get();
        const Id accountA = m_accountA, accountB = m_accountB;
        QtConcurrent::run([hubOne, accountA] { hubOne->publish(accountA, feed(4)); }).waitForFinished();
        QVERIFY(onTwo.waitForMessages(2));
        QCOMPARE(onTwo.messages.at(1), feed(4));
        QVERIFY(onOne.waitForMessages(2));
        QCOMPARE(onOne.messages.at(1), feed(4));

        QtConcurrent::run([hubTwo, accountA] { hubTwo->publish(accountA, feed(5)); }).waitForFinished();
        QtConcurrent::run([hubTwo, accountB] { hubTwo->publish(accountB, feed(1)); }).waitForFinished();
        QVERIFY(onOne.waitForMessages(3) && onTwo.waitForMessages(3) && otherAccount.waitForMessages(2));
        QCOMPARE(onOne.messages.at(2), feed(5));   // not a second copy of 4
        QCOMPARE(onTwo.messages.at(2), feed(5));
        QCOMPARE(otherAccount.messages.at(1), feed(1));
        QCOMPARE(otherAccount.messages.size(), 2);
        QCOMPARE(onOne.messages.size(), 3);
        QCOMPARE(onTwo.messages.size(), 3);
    }

    // The LISTEN connection is cut (a PostgreSQL restart, a proxy timeout): the hub connects
    // again, tells its clients where the feed is, and receives again.
    void listenReconnects()
    {
        if (!ServerDatabase::postgresAvailable())
            QSKIP(ServerDatabase::skipReason());
        ServerDatabase database;
        QVERIFY2(database.create(u"postgresql"_s), qPrintable(database.error()));
        QVERIFY(prepare(database));
        EventHub::Options options;
        options.listenCheckInterval = std::chrono::milliseconds(100);
        Node one, two;
        QVERIFY(one.start(database.url(), m_auth, options));
        QVERIFY(two.start(database.url(), m_auth, options));
        EventClient client;
        QVERIFY(openVia(client, two.port(), "alpha-1"));
        QVERIFY(client.waitForMessages(1));

        QSignalSpy reconnected(two.hub.get(), &EventHub::listenerReconnected);
        QSqlQuery kill(one.store->connection());
        QVERIFY(kill.exec(u"SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                          "WHERE application_name = 'galley-listen' AND datname = current_database()"_s));
        QVERIFY(kill.next());
        QVERIFY(kill.value(0).toInt() >= 1);
        QTRY_VERIFY_WITH_TIMEOUT(reconnected.size() >= 1, 10000);
        QVERIFY(two.hub->isListening());

        // Caught up with the feed's end, then live again.
        QVERIFY(client.waitForMessages(2));
        QCOMPARE(client.messages.at(1), feed(3));
        EventHub *hubOne = one.hub.get();
        const Id accountA = m_accountA;
        QtConcurrent::run([hubOne, accountA] { hubOne->publish(accountA, feed(4)); }).waitForFinished();
        QVERIFY(client.waitForMessages(3));
        QCOMPARE(client.messages.last(), feed(4));
    }
};

QTEST_GUILESS_MAIN(TestEventHub)
#include "tst_eventhub.moc"
