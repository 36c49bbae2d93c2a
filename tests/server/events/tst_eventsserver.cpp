// The real galley-server's /api/v1/events (GALLEY_SERVER_BINARY, --seed-demo, SQLite and
// PostgreSQL): upgrades without a valid token are refused, a logged-in client gets its hello
// with the token in the header or in access_token, and the upgrade is logged with status 101.
// A write announces itself: a remark posted through the API produces {"type":"feed"} with the
// new feed position on the account's sockets (and not on another account's); with PostgreSQL,
// a write through one server process reaches a socket connected to a second process.
#include "common/eventclient.h"
#include "common/serverprocess.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkRequest>
#include <QTest>
#include <QWebSocket>

#include <algorithm>
#include <csignal>

using namespace Qt::StringLiterals;
using namespace Galley::Testing;

namespace {



} // namespace

class TestEventsServer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY2(!ServerProcess::binary().isEmpty(), "GALLEY_SERVER_BINARY is not set"); }

    // The write goes through `writer`, the sockets are connected to `listener` (the same
    // process, or a second one on the same PostgreSQL database).
    void writeProducesFeedEvent_data()
    {
        QTest::addColumn<QString>("backend");
        QTest::addColumn<bool>("twoProcesses");
        QTest::newRow("sqlite") << u"sqlite"_s << false;
        QTest::newRow("postgresql") << u"postgresql"_s << false;
        QTest::newRow("postgresql-two-processes") << u"postgresql"_s << true;
    }
    void writeProducesFeedEvent()
    {
        QFETCH(QString, backend);
        QFETCH(bool, twoProcesses);
        if (backend == "postgresql"_L1 && !ServerDatabase::postgresAvailable())
            QSKIP(ServerDatabase::skipReason());
        ServerDatabase database;
        QVERIFY2(database.create(backend), qPrintable(database.error()));
        ServerProcess first;
        QVERIFY(first.start(database, true, { u"--write-rate"_s, u"0"_s }));
        ServerProcess second;
        if (twoProcesses)
            QVERIFY(second.start(database, false));
        const QUrl listenerBase = twoProcesses ? second.baseUrl() : first.baseUrl();

        // Tokens live in the shared database: valid on either process.
        ApiClient writer(first.baseUrl());
        QVERIFY(writer.login(u"writer@northwind.example"_s, u"galley-writer"_s));
        ApiClient other(first.baseUrl());
        QVERIFY(other.login(u"writer@halvorsen.example"_s, u"galley-writer"_s));

        const auto openSocket = [&](EventClient &client, const QString &token) {
            QNetworkRequest request(EventClient::eventsUrl(listenerBase));
            request.setRawHeader("Authorization", "Bearer " + token.toLatin1());
            return client.open(request) && QTest::qWaitFor([&client] { return !client.messages.isEmpty(); }, 10000);
        };
        EventClient mine;
        QVERIFY(openSocket(mine, writer.token()));
        EventClient theirs;
        QVERIFY(openSocket(theirs, other.token()));
        const qint64 helloSeq = mine.messages.first().value(u"seq"_s).toInteger();

        // Any edition the writer may see will do: the first document's latest edition.
        const ApiReply documents = writer.get(u"/documents?page_size=1"_s);
        QCOMPARE(documents.status, 200);
        const qint64 editionId = documents.data().toArray().first().toObject().value(u"latest_edition_id"_s).toInteger();
        QVERIFY(editionId > 0);
        const ApiReply remark = writer.call("POST", u"/editions/%1/remarks"_s.arg(editionId),
                                            { { u"body"_s, u"Checked the quotes."_s } });
        QCOMPARE(remark.status, 201);

        QVERIFY2(QTest::qWaitFor([&mine] { return mine.messages.size() >= 2; }, 10000), "no feed event arrived");
        const QJsonObject event = mine.messages.at(1);
        QCOMPARE(event.value(u"type"_s).toString(), u"feed"_s);
        QVERIFY(event.value(u"seq"_s).toInteger() > helloSeq);
        // The feed has the remark at that position or before it.
        const ApiReply changes = writer.get(u"/changes?since=%1"_s.arg(helloSeq));
        QCOMPARE(changes.status, 200);
        const QJsonArray entries = changes.object().value(u"changes"_s).toArray();
        QVERIFY(std::any_of(entries.begin(), entries.end(), [](const QJsonValue &v) {
            return v.toObject().value(u"entity"_s).toString() == "remark"_L1;
        }));
        QCOMPARE(entries.last().toObject().value(u"seq"_s).toInteger(), event.value(u"seq"_s).toInteger());
        // Another account hears nothing.
        QTest::qWait(300);
        QCOMPARE(theirs.messages.size(), 1);

        QCOMPARE(first.stop(), 0);
        if (twoProcesses)
            QCOMPARE(second.stop(), 0);
    }

    void helloAndAuth_data() { ServerDatabase::addBackendRows(); }
    void helloAndAuth()
    {
        GALLEY_FRESH_DATABASE(database);
        ServerProcess server;
        QVERIFY(server.start(database));
        ApiClient api(server.baseUrl());
        QVERIFY(api.login(u"editor@northwind.example"_s, u"galley-editor"_s));
        const QUrl url = EventClient::eventsUrl(server.baseUrl());

        // Refused: no token, an unknown one, in either place.
        for (const QByteArray &header : { QByteArray(), QByteArrayLiteral("Bearer not-a-token") }) {
            QNetworkRequest request(url);
            if (!header.isEmpty())
                request.setRawHeader("Authorization", header);
            EventClient refused;
            QVERIFY(!refused.open(request));
            QVERIFY(refused.failed);
        }
        QUrl badQuery = url;
        badQuery.setQuery(u"access_token=not-a-token"_s);
        EventClient refusedQuery;
        QVERIFY(!refusedQuery.open(QNetworkRequest(badQuery)));

        // Header token: connected, hello first.
        QNetworkRequest withHeader(url);
        withHeader.setRawHeader("Authorization", "Bearer " + api.token().toLatin1());
        EventClient viaHeader;
        QVERIFY(viaHeader.open(withHeader));
        QTRY_COMPARE(viaHeader.messages.size(), 1);
        const QJsonObject hello = viaHeader.messages.first();
        QCOMPARE(hello.value(u"type"_s).toString(), u"hello"_s);
        QVERIFY(hello.value(u"seq"_s).isDouble());
        QVERIFY(hello.value(u"seq"_s).toInteger(-1) >= 0);

        // Query token (browsers): the same hello.
        QUrl withQuery = url;
        withQuery.setQuery(u"access_token="_s + api.token());
        EventClient viaQuery;
        QVERIFY(viaQuery.open(QNetworkRequest(withQuery)));
        QTRY_COMPARE(viaQuery.messages.size(), 1);
        QCOMPARE(viaQuery.messages.first(), hello);

        // One log line per upgrade, like any request, without the token.
        QByteArray log;
        QTRY_VERIFY((log += server.standardError()).count("method=GET path=/api/v1/events status=101") == 2);
        QVERIFY(log.contains("method=GET path=/api/v1/events status=401"));
        QVERIFY(!log.contains(api.token().toLatin1()));

        // SIGTERM: the streams end with 1001 (going away), the server with 0.
        ::kill(pid_t(server.process().processId()), SIGTERM);
        QTRY_VERIFY_WITH_TIMEOUT(viaHeader.disconnected && viaQuery.disconnected, 10000);
        QCOMPARE(viaHeader.socket.closeCode(), QWebSocketProtocol::CloseCodeGoingAway);
        QCOMPARE(viaQuery.socket.closeCode(), QWebSocketProtocol::CloseCodeGoingAway);
        QTRY_VERIFY_WITH_TIMEOUT(server.process().state() == QProcess::NotRunning, 15000);
        QCOMPARE(server.stop(), 0);
    }
};

QTEST_GUILESS_MAIN(TestEventsServer)
#include "tst_eventsserver.moc"
