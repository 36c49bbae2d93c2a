// RequestSizeGuard through real sockets: HttpApi on 127.0.0.1 with a 4 KiB body limit, requests
// written by hand (split at awkward places, pipelined, chunked, malformed) so that every path of
// the guard runs, and what comes back read off the wire.
#include "http/authenticator.h"
#include "http/httpapi.h"
#include "http/nodelaytcpserver.h"
#include "http/requestsizeguard.h"
#include "http/route.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QTest>
#include <QThread>

using namespace Galley;
using namespace Galley::Server;
using namespace Qt::StringLiterals;

namespace {

constexpr qint64 bodyLimit = 4096;

class NoAuthenticator : public Authenticator
{
public:
    std::optional<Caller> authenticate(const QByteArray &) override { return std::nullopt; }
};

// One connection driven by hand: everything received is kept; responses are split off it.
class RawConnection
{
public:
    explicit RawConnection(quint16 port)
    {
        QObject::connect(&m_socket, &QTcpSocket::readyRead, &m_socket, [this] { m_received += m_socket.readAll(); });
        m_socket.connectToHost(QHostAddress::LocalHost, port);
        (void)QTest::qWaitFor([this] { return m_socket.state() == QAbstractSocket::ConnectedState; }, 3000);
    }
    bool isConnected() const { return m_socket.state() == QAbstractSocket::ConnectedState; }
    void send(const QByteArray &data)
    {
        m_socket.write(data);
        m_socket.flush();
    }
    // Sends in pieces with the event loop running in between, so the server reads them apart.
    void sendInPieces(const QByteArray &data, qsizetype piece)
    {
        for (qsizetype at = 0; at < data.size(); at += piece) {
            send(data.mid(at, piece));
            QTest::qWait(10);
        }
    }
    // Waits for `count` complete responses (head and Content-Length body) and returns them.
    QList<QByteArray> responses(int count, int ms = 5000)
    {
        QList<QByteArray> found;
        (void)QTest::qWaitFor([&] {
            found = split();
            return found.size() >= count;
        }, ms);
        return found;
    }
    bool waitForClose(int ms = 5000)
    {
        return QTest::qWaitFor([this] { return m_socket.state() == QAbstractSocket::UnconnectedState; }, ms);
    }
    const QByteArray &received() const { return m_received; }

private:
    QList<QByteArray> split() const
    {
        QList<QByteArray> out;
        static const QRegularExpression length(u"(?i)content-length: *(\\d+)"_s);
        qsizetype at = 0;
        while (true) {
            const qsizetype headEnd = m_received.indexOf("\r\n\r\n", at);
            if (headEnd < 0)
                break;
            const QString head = QString::fromLatin1(m_received.mid(at, headEnd - at));
            const auto match = length.match(head);
            const qsizetype bodySize = match.hasMatch() ? match.captured(1).toLongLong() : 0;
            if (headEnd + 4 + bodySize > m_received.size())
                break;
            out.append(m_received.mid(at, headEnd + 4 + bodySize - at));
            at = headEnd + 4 + bodySize;
        }
        return out;
    }

    QTcpSocket m_socket;
    QByteArray m_received;
};

// A literal with NUL bytes in it, all of it.
template<qsizetype N>
QByteArray bytes(const char (&literal)[N])
{
    return QByteArray(literal, N - 1);
}

int statusOf(const QByteArray &response)
{
    return response.startsWith("HTTP/1.1 ") ? response.mid(9, 3).toInt() : 0;
}

QJsonObject bodyOf(const QByteArray &response)
{
    return QJsonDocument::fromJson(response.mid(response.indexOf("\r\n\r\n") + 4)).object();
}

QString errorCode(const QByteArray &response)
{
    return bodyOf(response).value(u"errors"_s).toArray().first().toObject().value(u"code"_s).toString();
}

QByteArray post(const QByteArray &body, const QByteArray &extraHeaders = {})
{
    return "POST /api/v1/echo HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: "
           + QByteArray::number(body.size()) + "\r\n" + extraHeaders + "\r\n" + body;
}

QByteArray get(const QByteArray &path)
{
    return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
}

// A JSON object body of about `size` bytes.
QByteArray jsonOfSize(qsizetype size)
{
    return "{\"text\":\"" + QByteArray(size - 12, 'x') + "\"}";
}

QByteArray chunked(const QByteArray &body, qsizetype chunk)
{
    QByteArray out;
    for (qsizetype at = 0; at < body.size(); at += chunk) {
        const QByteArray part = body.mid(at, chunk);
        out += QByteArray::number(part.size(), 16) + "\r\n" + part + "\r\n";
    }
    return out + "0\r\n\r\n";
}

} // namespace

class TestRequestSizeGuard : public QObject
{
    Q_OBJECT

    std::unique_ptr<HttpApi> m_api;

    quint16 port() const { return m_api->port(); }

private Q_SLOTS:
    void initTestCase()
    {
        HttpApi::Options options;
        options.maxBodyBytes = bodyLimit;
        options.maxHeaderBytes = 2048;
        options.workerThreads = 2;
        m_api = std::make_unique<HttpApi>(std::make_shared<NoAuthenticator>(), options);
        ApiVersion v1(u"v1"_s);
        v1.add(Route(HttpMethod::Post, u"/echo"_s, Permission::Public,
                     [](const RequestContext &ctx) -> HandlerResult {
                         return ApiSuccess { QJsonObject { { u"size"_s, ctx.body.value(u"text"_s).toString().size() } }, {}, 200 };
                     })
                       .body());
        v1.add(Route(HttpMethod::Get, u"/slow"_s, Permission::Public, [](const RequestContext &) -> HandlerResult {
            QThread::msleep(300);
            return ApiSuccess { u"slow"_s, {}, 200 };
        }));
        QVERIFY(m_api->addVersion(v1).ok());
        QVERIFY(m_api->listen(QHostAddress::LocalHost, 0).ok());
    }
    void cleanupTestCase() { m_api.reset(); }

    void declaredTooLarge_data()
    {
        QTest::addColumn<QByteArray>("head");
        QTest::newRow("content-length") << QByteArray("POST /api/v1/echo HTTP/1.1\r\nHost: x\r\nContent-Length: 104857600\r\n\r\n");
        QTest::newRow("content-length-over-64-bits")
                << QByteArray("POST /api/v1/echo HTTP/1.1\r\nHost: x\r\nContent-Length: 999999999999999999999999\r\n\r\n");
        QTest::newRow("one-over-the-limit")
                << ("POST /api/v1/echo HTTP/1.1\r\nHost: x\r\ncontent-length: " + QByteArray::number(bodyLimit + 1) + "\r\n\r\n");
        QTest::newRow("expect-continue") << QByteArray("POST /api/v1/echo HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n"
                                                       "Content-Length: 5000000\r\n\r\n");
    }
    void declaredTooLarge()
    {
        QFETCH(QByteArray, head);
        RawConnection connection(port());
        QVERIFY(connection.isConnected());
        QElapsedTimer timer;
        timer.start();
        connection.send(head + "{\"text\":");   // a few body bytes, the rest never comes
        const QList<QByteArray> responses = connection.responses(1);
        QCOMPARE(responses.size(), 1);
        QVERIFY(timer.elapsed() < 2000);
        const QByteArray &response = responses.first();
        QVERIFY2(!response.contains("100 Continue"), response.constData());
        QCOMPARE(statusOf(response), 413);
        QCOMPARE(errorCode(response), u"too_large"_s);
        QVERIFY(response.contains("Connection: close"));
        const QByteArray requestId = bodyOf(response).value(u"request_id"_s).toString().toLatin1();
        QVERIFY(!requestId.isEmpty());
        QVERIFY(response.contains(QByteArray("X-Request-Id: " + requestId)));
        QVERIFY(connection.waitForClose());
    }

    void chunkedTooLarge()
    {
        // Chunks of 1000: the fifth crosses 4096, and the answer comes without waiting for more.
        RawConnection connection(port());
        connection.send("POST /api/v1/echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                        "Transfer-Encoding: chunked\r\n\r\n");
        for (int i = 0; i < 4; ++i)
            connection.sendInPieces("3e8\r\n" + QByteArray(1000, 'x') + "\r\n", 700);
        QTest::qWait(50);
        QVERIFY(connection.received().isEmpty());
        connection.send("3e8\r\n");
        const QList<QByteArray> responses = connection.responses(1);
        QCOMPARE(responses.size(), 1);
        QCOMPARE(statusOf(responses.first()), 413);
        QCOMPARE(errorCode(responses.first()), u"too_large"_s);
        QVERIFY(connection.waitForClose());
    }

    void headerTooLarge()
    {
        RawConnection connection(port());
        connection.sendInPieces("GET /api HTTP/1.1\r\nHost: x\r\nX-Filler: " + QByteArray(3000, 'y'), 1000);
        const QList<QByteArray> responses = connection.responses(1);
        QCOMPARE(responses.size(), 1);
        QCOMPARE(statusOf(responses.first()), 431);
        QCOMPARE(errorCode(responses.first()), u"too_large"_s);
        QVERIFY(connection.waitForClose());
    }

    void withinLimitsInPieces_data()
    {
        QTest::addColumn<QByteArray>("request");
        QTest::addColumn<int>("piece");
        QTest::addColumn<int>("size");
        const QByteArray body = jsonOfSize(bodyLimit);
        const int textSize = int(bodyLimit - 12);
        QTest::newRow("head-split") << post(jsonOfSize(200)) << 7 << 188;
        QTest::newRow("body-split") << post(body) << 1000 << textSize;
        QTest::newRow("chunked-split") << ("POST /api/v1/echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                                           "Transfer-Encoding: chunked\r\n\r\n" + chunked(body, 500)) << 333 << textSize;
        QTest::newRow("chunked-one-write") << ("POST /api/v1/echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                                               "Transfer-Encoding: chunked\r\n\r\n" + chunked(body, 1000)) << 100000 << textSize;
    }
    void withinLimitsInPieces()
    {
        QFETCH(QByteArray, request);
        QFETCH(int, piece);
        QFETCH(int, size);
        RawConnection connection(port());
        connection.sendInPieces(request, piece);
        const QList<QByteArray> responses = connection.responses(1);
        QCOMPARE(responses.size(), 1);
        QVERIFY2(statusOf(responses.first()) == 200, responses.first().constData());
        QCOMPARE(bodyOf(responses.first()).value(u"data"_s).toObject().value(u"size"_s).toInt(), size);

        // The connection stays open for the next request (keep-alive).
        connection.send(get("/api"));
        const QList<QByteArray> more = connection.responses(2);
        QCOMPARE(more.size(), 2);
        QCOMPARE(statusOf(more.at(1)), 200);
        QVERIFY(connection.isConnected());
    }

    void pipelined()
    {
        // Several requests in one write: all answered, in order, on one connection.
        RawConnection connection(port());
        connection.send(get("/api") + post(jsonOfSize(100)) + "\r\n" + get("/api/v1/slow") + post(jsonOfSize(2000)) + get("/api"));
        const QList<QByteArray> responses = connection.responses(5);
        QCOMPARE(responses.size(), 5);
        for (const QByteArray &response : responses)
            QCOMPARE(statusOf(response), 200);
        QCOMPARE(bodyOf(responses.at(1)).value(u"data"_s).toObject().value(u"size"_s).toInt(), 88);
        QCOMPARE(bodyOf(responses.at(2)).value(u"data"_s).toString(), u"slow"_s);
        QCOMPARE(bodyOf(responses.at(3)).value(u"data"_s).toObject().value(u"size"_s).toInt(), 1988);
        QVERIFY(connection.isConnected());
    }

    void refusalWaitsForEarlierReply()
    {
        // The oversized request arrives while the slow one before it is still running: its 413
        // comes after the slow reply, never in the middle of it or before it.
        RawConnection connection(port());
        connection.send(get("/api/v1/slow") + "POST /api/v1/echo HTTP/1.1\r\nHost: x\r\nContent-Length: 50000000\r\n\r\n{");
        const QList<QByteArray> responses = connection.responses(2);
        QCOMPARE(responses.size(), 2);
        QCOMPARE(statusOf(responses.at(0)), 200);
        QCOMPARE(bodyOf(responses.at(0)).value(u"data"_s).toString(), u"slow"_s);
        QCOMPARE(statusOf(responses.at(1)), 413);
        QVERIFY(connection.waitForClose());
    }

    void malformedRefused_data()
    {
        QTest::addColumn<QByteArray>("request");
        QTest::addColumn<int>("status");
        const QByteArray echo = "POST /api/v1/echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n";
        const auto withHeader = [&echo](const QByteArray &line) {
            return echo + line + "\r\nContent-Length: 2\r\n\r\n{}";
        };
        // Header values QtHttpServer drops silently (an Idempotency-Key would vanish).
        QTest::newRow("value-bare-cr") << withHeader("Idempotency-Key: abc\rdef") << 400;
        QTest::newRow("value-nul") << withHeader(bytes("Idempotency-Key: abc\0def")) << 400;
        QTest::newRow("value-del") << withHeader("Idempotency-Key: abc\x7f" "def") << 400;
        QTest::newRow("value-ctl") << withHeader("Idempotency-Key: abc\x01" "def") << 400;
        QTest::newRow("value-escape") << withHeader("X-Note: \x1b[31m") << 400;
        QTest::newRow("authorization-behind-cr") << withHeader("X-Note: a\rAuthorization: Bearer t") << 400;
        // Line ends and field-line syntax.
        QTest::newRow("authorization-behind-lf") << withHeader("X-Note: a\nAuthorization: Bearer t") << 400;
        QTest::newRow("bare-lf") << QByteArray("POST /api/v1/echo HTTP/1.1\nHost: x\nContent-Length: 5000000\n\n") << 400;
        QTest::newRow("bare-lf-blank-line") << QByteArray("GET /api HTTP/1.1\r\nHost: x\r\n\n") << 400;
        QTest::newRow("obs-fold") << withHeader("Idempotency-Key: abc\r\n def") << 400;
        QTest::newRow("space-before-colon") << withHeader("Idempotency-Key : abc") << 400;
        QTest::newRow("no-colon") << withHeader("Idempotency-Key abc") << 400;
        QTest::newRow("two-hosts") << withHeader("Host: y") << 400;
        // Request smuggling (RFC 9112 §6.3).
        QTest::newRow("two-content-lengths") << (echo + "Content-Length: 2\r\nContent-Length: 5\r\n\r\n{}") << 400;
        QTest::newRow("content-length-negative") << (echo + "Content-Length: -1\r\n\r\n") << 400;
        QTest::newRow("content-length-list") << (echo + "Content-Length: 2, 2\r\n\r\n{}") << 400;
        QTest::newRow("content-length-plus") << (echo + "Content-Length: +2\r\n\r\n{}") << 400;
        QTest::newRow("chunked-and-length")
                << (echo + "Content-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n{}") << 400;
        QTest::newRow("length-and-chunked")
                << (echo + "Transfer-Encoding: chunked\r\nContent-Length: 7\r\n\r\n2\r\n{}\r\n0\r\n\r\n") << 400;
        QTest::newRow("transfer-encoding-gzip") << (echo + "Transfer-Encoding: gzip, chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n") << 400;
        QTest::newRow("chunked-twice")
                << (echo + "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n") << 400;
        QTest::newRow("http10-chunked") << QByteArray("POST /api/v1/echo HTTP/1.0\r\nHost: x\r\nContent-Type: application/json\r\n"
                                                      "Transfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n") << 400;
        // The request line.
        QTest::newRow("request-line-crlf") << QByteArray("GET /api/v1/sites\r\nX-Injected: 1 HTTP/1.1\r\nHost: x\r\n\r\n") << 400;
        QTest::newRow("request-line-no-version") << QByteArray("GET /api\r\nHost: x\r\n\r\n") << 400;
        QTest::newRow("request-line-two-spaces") << QByteArray("GET  /api HTTP/1.1\r\nHost: x\r\n\r\n") << 400;
        QTest::newRow("request-line-tab") << QByteArray("GET\t/api HTTP/1.1\r\nHost: x\r\n\r\n") << 400;
        QTest::newRow("request-target-nul") << bytes("GET /api\0 HTTP/1.1\r\nHost: x\r\n\r\n") << 400;
        QTest::newRow("request-target-del") << QByteArray("GET /a\x7fpi HTTP/1.1\r\nHost: x\r\n\r\n") << 400;
        QTest::newRow("http-2") << QByteArray("GET /api HTTP/2.0\r\nHost: x\r\n\r\n") << 400;
        QTest::newRow("http-lower-case") << QByteArray("GET /api http/1.1\r\nHost: x\r\n\r\n") << 400;
        QTest::newRow("method-not-token") << QByteArray("G(T /api HTTP/1.1\r\nHost: x\r\n\r\n") << 400;
        // Chunked bodies QtHttpServer would misread.
        const QByteArray chunkedHead = echo + "Transfer-Encoding: chunked\r\n\r\n";
        QTest::newRow("chunk-size-zz") << (chunkedHead + "zz\r\n{}\r\n0\r\n\r\n") << 400;
        QTest::newRow("chunk-size-empty") << (chunkedHead + "\r\n{}\r\n0\r\n\r\n") << 400;
        QTest::newRow("chunk-size-negative") << (chunkedHead + "-2\r\n{}\r\n0\r\n\r\n") << 400;
        QTest::newRow("chunk-size-bare-lf") << (chunkedHead + "2\n{}\r\n0\r\n\r\n") << 400;
        QTest::newRow("chunk-data-too-long") << (chunkedHead + "1\r\n{}\r\n0\r\n\r\n") << 400;
        QTest::newRow("chunk-extension-nul") << (chunkedHead + bytes("2;a=\0\r\n{}\r\n0\r\n\r\n")) << 400;
        // A method QtHttpServer does not know: named in a 405.
        QTest::newRow("unknown-method") << QByteArray("BREW /api HTTP/1.1\r\nHost: x\r\n\r\n") << 405;
    }
    void malformedRefused()
    {
        QFETCH(QByteArray, request);
        QFETCH(int, status);
        RawConnection connection(port());
        QVERIFY(connection.isConnected());
        connection.send(request);
        const QList<QByteArray> responses = connection.responses(1);
        QVERIFY2(responses.size() == 1, connection.received().constData());
        const QByteArray &response = responses.first();
        QVERIFY2(statusOf(response) == status, response.constData());
        const QJsonObject body = bodyOf(response);
        QCOMPARE(body.value(u"success"_s).toBool(true), false);
        QVERIFY(!body.value(u"error"_s).toString().isEmpty());
        QCOMPARE(errorCode(response), status == 405 ? u"method_not_allowed"_s : u"bad_request"_s);
        QVERIFY(!body.value(u"errors"_s).toArray().first().toObject().value(u"message"_s).toString().isEmpty());
        QVERIFY(response.contains("Connection: close\r\n"));
        const QByteArray requestId = body.value(u"request_id"_s).toString().toLatin1();
        QVERIFY(!requestId.isEmpty());
        QVERIFY(response.contains(QByteArray("X-Request-Id: " + requestId + "\r\n")));
        if (status == 405) {
            QVERIFY2(body.value(u"error"_s).toString().startsWith(u"BREW is not allowed"_s), response.constData());
            QVERIFY(response.contains("Allow: GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS\r\n"));
        }
        QVERIFY(connection.waitForClose());
        QCOMPARE(connection.responses(2, 0).size(), 1);   // nothing after the refusal
    }

    void malformedLineRefusedBeforeHeadEnds()
    {
        // A bad header line is refused as soon as it is complete, not when the head ends.
        RawConnection connection(port());
        connection.send(bytes("GET /api HTTP/1.1\r\nHost: x\r\nX-Note: a\0b\r\n"));
        const QList<QByteArray> responses = connection.responses(1);
        QCOMPARE(responses.size(), 1);
        QCOMPARE(statusOf(responses.first()), 400);
        QVERIFY(connection.waitForClose());
    }

    void malformedAfterPipelinedRequest()
    {
        // The refusal of the second request comes after the first one's reply.
        RawConnection connection(port());
        connection.send(get("/api/v1/slow") + "POST /api/v1/echo HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n"
                                              "Content-Length: 3\r\n\r\n{}");
        const QList<QByteArray> responses = connection.responses(2);
        QCOMPARE(responses.size(), 2);
        QCOMPARE(statusOf(responses.at(0)), 200);
        QCOMPARE(bodyOf(responses.at(0)).value(u"data"_s).toString(), u"slow"_s);
        QCOMPARE(statusOf(responses.at(1)), 400);
        QVERIFY(connection.waitForClose());
    }

    void wellFormedAccepted_data()
    {
        QTest::addColumn<QByteArray>("request");
        const QByteArray echo = "POST /api/v1/echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n";
        QTest::newRow("value-tab") << (echo + "X-Note: a\tb\r\nContent-Length: 2\r\n\r\n{}");
        QTest::newRow("value-utf8") << (echo + "X-Note: \xD0\xBA\xD0\xBB\r\nContent-Length: 2\r\n\r\n{}");
        QTest::newRow("value-empty") << (echo + "X-Note:\r\nContent-Length: 2\r\n\r\n{}");
        QTest::newRow("two-equal-content-lengths") << (echo + "Content-Length: 2\r\ncontent-length: 2\r\n\r\n{}");
        QTest::newRow("chunk-extension") << (echo + "Transfer-Encoding: chunked\r\n\r\n2;name=value\r\n{}\r\n0\r\n\r\n");
        QTest::newRow("leading-blank-line") << ("\r\n" + get("/api"));
    }
    void wellFormedAccepted()
    {
        QFETCH(QByteArray, request);
        RawConnection connection(port());
        connection.send(request);
        const QList<QByteArray> responses = connection.responses(1);
        QCOMPARE(responses.size(), 1);
        QVERIFY2(statusOf(responses.first()) == 200, responses.first().constData());
        connection.send(get("/api"));   // keep-alive
        QCOMPARE(connection.responses(2).size(), 2);
        QVERIFY(connection.isConnected());
    }

    void connectionClose_data()
    {
        QTest::addColumn<QByteArray>("request");
        QTest::newRow("close") << QByteArray("GET /api HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        QTest::newRow("close-in-list") << QByteArray("GET /api HTTP/1.1\r\nHost: x\r\nConnection: TE, Close\r\n\r\n");
        QTest::newRow("close-slow") << QByteArray("GET /api/v1/slow HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        QTest::newRow("close-with-body") << post("{}", "Connection: close\r\n");
        QTest::newRow("http10") << QByteArray("GET /api HTTP/1.0\r\nHost: x\r\n\r\n");
        // Not yet: "Connection: close" on a request pipelined behind another in the same
        // segment. QtHttpServer parses the buffered second request without a new readyRead, so
        // the guard does not always see its head (known gap, see the issue 3 note).
    }
    void connectionClose()
    {
        // Answered, then closed by the server.
        QFETCH(QByteArray, request);
        RawConnection connection(port());
        connection.send(request);
        const int expected = request.count("HTTP/1.");
        const QList<QByteArray> responses = connection.responses(expected);
        QCOMPARE(responses.size(), expected);
        for (const QByteArray &response : responses)
            QVERIFY2(statusOf(response) == 200, response.constData());
        QVERIFY(connection.waitForClose(2000));
    }

    void http10KeepAlive()
    {
        RawConnection connection(port());
        connection.send("GET /api HTTP/1.0\r\nHost: x\r\nConnection: keep-alive\r\n\r\n");
        QCOMPARE(connection.responses(1).size(), 1);
        QTest::qWait(100);
        QVERIFY(connection.isConnected());
    }

    void guardIsFirst()
    {
        // Every accepted connection has its guard and a read buffer capped at one request.
        QTcpSocket *accepted = nullptr;
        connect(m_api->tcpServer(), &NoDelayTcpServer::socketAccepted, this, [&](QTcpSocket *s) { accepted = s; });
        RawConnection connection(port());
        QTRY_VERIFY(accepted);
        disconnect(m_api->tcpServer(), &NoDelayTcpServer::socketAccepted, this, nullptr);
        QVERIFY(accepted->findChild<RequestSizeGuard *>());
        QCOMPARE(accepted->readBufferSize(), RequestSizeGuard::readBufferSize({ bodyLimit, 2048 }));
    }
};

QTEST_GUILESS_MAIN(TestRequestSizeGuard)
#include "tst_requestsizeguard.moc"
