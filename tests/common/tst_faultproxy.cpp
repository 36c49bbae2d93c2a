#include "common/faultproxy.h"

#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QThread>

#include <atomic>

using namespace Galley::Testing;
using namespace Qt::StringLiterals;

namespace {

// 1 MB that no off-by-one or reordering leaves intact.
QByteArray bigBody()
{
    QByteArray b(1024 * 1024, Qt::Uninitialized);
    for (qsizetype i = 0; i < b.size(); ++i)
        b[i] = char((i * 7 + i / 251) % 256);
    return b;
}

QByteArray chunkedPayload()
{
    return bigBody().left(100 * 1000 + 17);
}

// A small keep-alive HTTP/1.1 server on a thread of its own (so that a test blocked in
// a synchronous read still gets answers):
//   GET /big      1 MB, Content-Length        HEAD /big   its headers only
//   GET /chunked  100 kB in 4 kB chunks       GET /small  a few bytes of JSON
//   POST /echo    the request body back       GET /ws     (Upgrade: websocket) 101, then echoes bytes
class Responder : public QObject
{
public:
    bool start()
    {
        moveToThread(&m_thread);
        m_thread.start();
        bool ok = false;
        QMetaObject::invokeMethod(this, [this, &ok] { ok = listen(); }, Qt::BlockingQueuedConnection);
        return ok;
    }

    void stop()
    {
        QMetaObject::invokeMethod(this, [this] { delete m_server; m_server = nullptr; }, Qt::BlockingQueuedConnection);
        m_thread.quit();
        m_thread.wait();
    }

    quint16 port() const { return m_port; }
    int requests() const { return m_requests; }

private:
    struct Client
    {
        QByteArray buffer;
        bool tunnel = false;
    };

    bool listen()
    {
        m_server = new QTcpServer(this);
        connect(m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *s = m_server->nextPendingConnection()) {
                s->setParent(m_server);
                auto client = std::make_shared<Client>();
                connect(s, &QTcpSocket::readyRead, s, [this, s, client] { onData(s, *client); });
                connect(s, &QTcpSocket::disconnected, s, &QObject::deleteLater);
            }
        });
        if (!m_server->listen(QHostAddress::LocalHost, 0))
            return false;
        m_port = m_server->serverPort();
        return true;
    }

    void onData(QTcpSocket *s, Client &c)
    {
        c.buffer += s->readAll();
        if (c.tunnel) {
            s->write(c.buffer);
            c.buffer.clear();
            return;
        }
        for (;;) {
            const qsizetype end = c.buffer.indexOf("\r\n\r\n");
            if (end < 0)
                return;
            const QByteArray head = c.buffer.left(end + 4);
            qint64 length = 0;
            bool upgrade = false;
            for (const QByteArray &line : head.split('\n')) {
                const QByteArray l = line.trimmed().toLower();
                if (l.startsWith("content-length:"))
                    length = l.mid(15).trimmed().toLongLong();
                if (l.startsWith("upgrade:") && l.contains("websocket"))
                    upgrade = true;
            }
            if (c.buffer.size() < end + 4 + length)
                return;   // the body is still coming
            const QByteArray body = c.buffer.mid(end + 4, length);
            c.buffer.remove(0, end + 4 + length);
            ++m_requests;
            const QList<QByteArray> requestLine = head.left(head.indexOf("\r\n")).split(' ');
            const QByteArray method = requestLine.value(0);
            const QByteArray path = requestLine.value(1);
            if (upgrade) {
                s->write("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n");
                c.tunnel = true;
                if (!c.buffer.isEmpty())
                    s->write(c.buffer);
                c.buffer.clear();
                return;
            }
            if (path == "/chunked") {
                const QByteArray payload = chunkedPayload();
                QByteArray out = "HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nTransfer-Encoding: chunked\r\n\r\n";
                for (qsizetype i = 0; i < payload.size(); i += 4096) {
                    const QByteArray part = payload.mid(i, 4096);
                    out += QByteArray::number(part.size(), 16) + "\r\n" + part + "\r\n";
                }
                out += "0\r\n\r\n";
                s->write(out);
                continue;
            }
            QByteArray content;
            if (path == "/big")
                content = bigBody();
            else if (path == "/echo")
                content = body;
            else
                content = R"({"ok":true})";
            QByteArray out = "HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: "
                + QByteArray::number(content.size()) + "\r\n\r\n";
            s->write(out);
            // Headers and body in separate writes, as servers often do.
            if (method != "HEAD")
                s->write(content);
        }
    }

    QThread m_thread;
    QTcpServer *m_server = nullptr;
    std::atomic<quint16> m_port { 0 };
    std::atomic<int> m_requests { 0 };
};

struct Outcome
{
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    int status = 0;
    QByteArray body;
    qint64 elapsedMs = 0;
};

} // namespace

// FaultProxy in front of a local responder: byte-exact when it should be, each fault
// visible to a QNetworkAccessManager the way a bad network would be.
class TestFaultProxy : public QObject
{
    Q_OBJECT

    Responder *m_responder = nullptr;
    std::unique_ptr<FaultProxy> m_proxy;
    std::unique_ptr<QNetworkAccessManager> m_nam;

    QUrl url(const QString &path) const
    {
        QUrl u = m_proxy->url();
        u.setPath(path);
        return u;
    }

    Outcome send(const QByteArray &verb, const QString &path, const QByteArray &body = {})
    {
        QNetworkRequest request(url(path));
        request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
        request.setTransferTimeout(10000);   // a hang is a failure, not a stuck test
        if (!body.isEmpty())
            request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/octet-stream"_s);
        QElapsedTimer timer;
        timer.start();
        // (As a custom verb, HEAD would be expected to have a body.)
        QNetworkReply *reply = verb == "HEAD" ? m_nam->head(request) : m_nam->sendCustomRequest(request, verb, body);
        Outcome o;
        QObject::connect(reply, &QNetworkReply::readyRead, reply, [reply, &o] { o.body += reply->readAll(); });
        if (!QTest::qWaitFor([reply] { return reply->isFinished(); }, 20000))
            qWarning("request did not finish");
        o.body += reply->readAll();
        o.error = reply->error();
        o.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        o.elapsedMs = timer.elapsed();
        delete reply;
        return o;
    }

    Outcome get(const QString &path) { return send("GET", path); }

    // Reads a whole HTTP response from a raw socket without an event loop (blocking).
    static QByteArray readResponse(QTcpSocket &socket, qint64 bodyLength)
    {
        QByteArray data;
        qsizetype headEnd = -1;
        while (socket.waitForReadyRead(5000)) {
            data += socket.readAll();
            if (headEnd < 0)
                headEnd = data.indexOf("\r\n\r\n");
            if (headEnd >= 0 && data.size() >= headEnd + 4 + bodyLength)
                break;
        }
        return data;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_responder = new Responder;
        QVERIFY(m_responder->start());
    }

    void cleanupTestCase()
    {
        m_responder->stop();
        delete m_responder;
    }

    void init()
    {
        m_proxy = std::make_unique<FaultProxy>();
        QVERIFY(m_proxy->start(QHostAddress::LocalHost, m_responder->port()));
        QVERIFY(m_proxy->port() != 0);
        m_proxy->setSeed(20261122);
        m_nam = std::make_unique<QNetworkAccessManager>();
    }

    void cleanup()
    {
        m_nam.reset();
        m_proxy.reset();
    }

    void passThroughIsByteExact()
    {
        const int before = m_responder->requests();
        const Outcome big = get(u"/big"_s);
        QCOMPARE(big.error, QNetworkReply::NoError);
        QCOMPARE(big.status, 200);
        QCOMPARE(big.body.size(), bigBody().size());
        QVERIFY(big.body == bigBody());

        const Outcome chunked = get(u"/chunked"_s);
        QCOMPARE(chunked.error, QNetworkReply::NoError);
        QVERIFY(chunked.body == chunkedPayload());

        const QByteArray upload = bigBody().right(700 * 1000);
        const Outcome echo = send("POST", u"/echo"_s, upload);
        QCOMPARE(echo.error, QNetworkReply::NoError);
        QVERIFY(echo.body == upload);

        // HEAD has a Content-Length but no body: the next answer on the connection is framed right.
        const Outcome head = send("HEAD", u"/big"_s);
        QCOMPARE(head.error, QNetworkReply::NoError);
        QVERIFY(head.body.isEmpty());
        const Outcome small = get(u"/small"_s);
        QCOMPARE(small.error, QNetworkReply::NoError);
        QCOMPARE(small.body, QByteArray(R"({"ok":true})"));

        QCOMPARE(m_responder->requests() - before, 5);
        QCOMPARE(m_proxy->requestCount(), quint64(5));
        QCOMPARE(m_proxy->faultCount(), quint64(0));
        QVERIFY(m_proxy->connectionCount() >= 1);
        QVERIFY(m_proxy->connectionCount() <= 5);   // keep-alive connections are reused
    }

    void rateZeroNeverFaults()
    {
        m_proxy->setEnabledFaults(FaultProxy::AllFaults);
        m_proxy->setFaultRate(0.0);
        for (int i = 0; i < 40; ++i) {
            const Outcome o = get(i % 10 == 0 ? u"/big"_s : u"/small"_s);
            QCOMPARE(o.error, QNetworkReply::NoError);
            QCOMPARE(o.status, 200);
        }
        QCOMPARE(m_proxy->faultCount(), quint64(0));
        QCOMPARE(m_proxy->requestCount(), quint64(40));
    }

    void eachFaultAtRateOne_data()
    {
        QTest::addColumn<FaultProxy::Fault>("fault");
        QTest::newRow("drop") << FaultProxy::Fault::Drop;
        QTest::newRow("delay") << FaultProxy::Fault::Delay;
        QTest::newRow("reset-mid-body") << FaultProxy::Fault::ResetMidBody;
        QTest::newRow("truncate") << FaultProxy::Fault::Truncate;
        QTest::newRow("error-burst") << FaultProxy::Fault::ErrorBurst;
    }

    void eachFaultAtRateOne()
    {
        QFETCH(FaultProxy::Fault, fault);
        m_proxy->setEnabledFaults(fault);
        m_proxy->setFaultRate(1.0);
        const int before = m_responder->requests();
        const QByteArray full = bigBody();
        for (const QString &path : { u"/big"_s, u"/big"_s, u"/chunked"_s, u"/small"_s }) {
            const Outcome o = get(path);
            const QByteArray expected = path == u"/big" ? full : path == u"/chunked" ? chunkedPayload() : QByteArray(R"({"ok":true})");
            switch (fault) {
            case FaultProxy::Fault::Drop:
                // Closed before any answer (QNetworkAccessManager retries, and is dropped again).
                QCOMPARE(o.error, QNetworkReply::RemoteHostClosedError);
                QCOMPARE(o.status, 0);
                break;
            case FaultProxy::Fault::Delay:
                QCOMPARE(o.error, QNetworkReply::NoError);
                QVERIFY(o.body == expected);
                QVERIFY2(o.elapsedMs >= 50, qPrintable(QString::number(o.elapsedMs)));
                break;
            case FaultProxy::Fault::ResetMidBody:
            case FaultProxy::Fault::Truncate:
                QCOMPARE(o.error, QNetworkReply::RemoteHostClosedError);
                QVERIFY(o.body.size() < expected.size());
                break;
            case FaultProxy::Fault::ErrorBurst:
                QVERIFY2(o.status == 502 || o.status == 503, qPrintable(QString::number(o.status)));
                QVERIFY(o.error != QNetworkReply::NoError);
                QVERIFY(o.body.contains("injected by FaultProxy"));
                break;
            }
        }
        QCOMPARE(m_proxy->faultCount(), m_proxy->faultCount(fault));   // no other kind
        if (fault == FaultProxy::Fault::Drop) {
            QVERIFY(m_proxy->faultCount(fault) >= 4);   // retries are dropped too
        } else {
            QCOMPARE(m_proxy->faultCount(fault), quint64(4));
        }
        // Dropped and error-burst requests never reach the server.
        const bool reachesServer = fault != FaultProxy::Fault::Drop && fault != FaultProxy::Fault::ErrorBurst;
        QCOMPARE(m_responder->requests() - before, reachesServer ? 4 : 0);
    }

    void errorBurstLastsOneToFiveRequests()
    {
        QSet<int> lengths;
        for (quint32 seed = 1; seed <= 12; ++seed) {
            m_proxy->setSeed(seed);
            m_proxy->setEnabledFaults(FaultProxy::Fault::ErrorBurst);
            m_proxy->setFaultRate(1.0);
            m_proxy->resetCounters();
            const Outcome first = get(u"/small"_s);
            QVERIFY(first.status == 502 || first.status == 503);
            // No new bursts from here on; the one started runs to its end.
            m_proxy->setFaultRate(0.0);
            int length = 1;
            for (int i = 0; i < 6; ++i) {
                const Outcome o = get(u"/small"_s);
                if (o.status == 200)
                    break;
                QVERIFY(o.status == 502 || o.status == 503);
                ++length;
            }
            QVERIFY2(length >= 1 && length <= 5, qPrintable(QString::number(length)));
            QCOMPARE(m_proxy->faultCount(FaultProxy::Fault::ErrorBurst), quint64(length));
            QCOMPARE(get(u"/small"_s).status, 200);
            lengths.insert(length);
        }
        QVERIFY(lengths.size() > 1);   // the length is random
    }

    void mixedFaultsOnKeepAliveConnections()
    {
        m_proxy->setFaultRate(0.3);
        m_proxy->setEnabledFaults(FaultProxy::AllFaults);
        int ok = 0;
        int failed = 0;
        for (int i = 0; i < 60; ++i) {
            const Outcome o = get(u"/small"_s);
            if (o.error == QNetworkReply::NoError) {
                QCOMPARE(o.body, QByteArray(R"({"ok":true})"));
                ++ok;
            } else {
                ++failed;
            }
        }
        QVERIFY(ok > 10);
        QVERIFY(failed > 3);
        QVERIFY(m_proxy->faultCount() > 0);
        // Requests are judged one by one, also on connections that carried earlier ones.
        QVERIFY(m_proxy->requestCount() > m_proxy->connectionCount());
    }

    void offlineRefusesEverything()
    {
        // A keep-alive connection that is open when the cable is pulled.
        QTcpSocket open;
        open.connectToHost(QHostAddress::LocalHost, m_proxy->port());
        QVERIFY(open.waitForConnected(5000));
        open.write("GET /small HTTP/1.1\r\nHost: x\r\n\r\n");
        QVERIFY(readResponse(open, 11).endsWith(R"({"ok":true})"));
        QCOMPARE(open.state(), QAbstractSocket::ConnectedState);

        const int before = m_responder->requests();
        m_proxy->setOffline(true);
        QVERIFY(m_proxy->isOffline());
        QTRY_COMPARE(open.state(), QAbstractSocket::UnconnectedState);

        const Outcome o = get(u"/small"_s);
        QVERIFY(o.error != QNetworkReply::NoError);
        QCOMPARE(o.status, 0);
        QCOMPARE(m_responder->requests(), before);
        QVERIFY(m_proxy->refusedCount() >= 1);

        m_proxy->setOffline(false);
        const Outcome back = get(u"/small"_s);
        QCOMPARE(back.error, QNetworkReply::NoError);
        QCOMPARE(m_responder->requests(), before + 1);
    }

    void webSocketUpgradePassesThrough()
    {
        m_proxy->setEnabledFaults(FaultProxy::AllFaults);
        m_proxy->setFaultRate(1.0);
        QTcpSocket ws;
        ws.connectToHost(QHostAddress::LocalHost, m_proxy->port());
        QVERIFY(ws.waitForConnected(5000));
        ws.write("GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                 "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
        const QByteArray answer = readResponse(ws, 0);
        QVERIFY2(answer.startsWith("HTTP/1.1 101"), answer.constData());
        // Frames (here: any bytes) go both ways untouched, faults or not.
        const QByteArray frames = bigBody().left(200 * 1000);
        ws.write(frames);
        QByteArray echoed;
        while (echoed.size() < frames.size() && ws.waitForReadyRead(5000))
            echoed += ws.readAll();
        QVERIFY(echoed == frames);
        QCOMPARE(m_proxy->faultCount(), quint64(0));

        m_proxy->setOffline(true);
        QTRY_COMPARE(ws.state(), QAbstractSocket::UnconnectedState);
    }

    // The test thread blocks in synchronous socket calls (no event loop): the proxy,
    // delays included, goes on on its own thread.
    void runsWhileTheTestThreadBlocks()
    {
        m_proxy->setEnabledFaults(FaultProxy::Fault::Delay);
        m_proxy->setFaultRate(1.0);
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, m_proxy->port());
        QVERIFY(socket.waitForConnected(5000));
        QElapsedTimer timer;
        timer.start();
        socket.write("GET /big HTTP/1.1\r\nHost: x\r\n\r\n");
        QVERIFY(socket.waitForBytesWritten(5000));
        const QByteArray response = readResponse(socket, bigBody().size());
        QVERIFY(timer.elapsed() >= 50);
        QVERIFY(response.startsWith("HTTP/1.1 200"));
        QVERIFY(response.endsWith(bigBody()));
        QCOMPARE(m_proxy->faultCount(FaultProxy::Fault::Delay), quint64(1));
    }

    void startsAndStopsCleanly()
    {
        FaultProxy proxy;
        QVERIFY(!proxy.isRunning());
        QVERIFY(proxy.start(QHostAddress::LocalHost, m_responder->port()));
        QVERIFY(!proxy.start(QHostAddress::LocalHost, m_responder->port()));   // already running
        QVERIFY(proxy.port() != m_proxy->port());
        QTcpSocket idle;   // an open connection does not keep stop() waiting
        idle.connectToHost(QHostAddress::LocalHost, proxy.port());
        QVERIFY(idle.waitForConnected(5000));
        QTRY_COMPARE(proxy.connectionCount(), quint64(1));
        proxy.stop();
        QVERIFY(!proxy.isRunning());
        QCOMPARE(proxy.port(), quint16(0));
        QTRY_COMPARE(idle.state(), QAbstractSocket::UnconnectedState);
        QVERIFY(proxy.start(QHostAddress::LocalHost, m_responder->port()));   // and again
    }
};

QTEST_GUILESS_MAIN(TestFaultProxy)
#include "tst_faultproxy.moc"
