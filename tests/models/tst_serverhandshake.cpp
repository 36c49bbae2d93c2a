// ServerHandshake: address parsing and the verdict on /api answers (pure), then over the wire
// against the real galley-server on loopback, small fake servers and a closed port.
#include "common/fakehttpserver.h"
#include "common/serverprocess.h"
#include "sync/serverhandshake.h"

#include <QSignalSpy>
#include <QSslSocket>
#include <QTcpServer>
#include <QTest>

#include <optional>

using namespace Galley;
using namespace Galley::Testing;
using namespace Qt::StringLiterals;

namespace {

// Runs one check to its end; nullopt when finished() did not come within 20 s.
std::optional<Result<ServerApi>> runCheck(ServerHandshake &handshake, const QUrl &base)
{
    std::optional<Result<ServerApi>> outcome;
    int count = 0;
    const QMetaObject::Connection c = QObject::connect(&handshake, &ServerHandshake::finished, &handshake,
                                                       [&](const Result<ServerApi> &result) {
                                                           outcome = result;
                                                           ++count;
                                                       });
    handshake.start(base);
    if (!QTest::qWaitFor([&] { return outcome.has_value(); }, 20000))
        return std::nullopt;
    QObject::disconnect(c);
    if (count != 1)
        qWarning("finished() came %d times", count);
    return count == 1 ? outcome : std::nullopt;
}

QString describe(const std::optional<Result<ServerApi>> &outcome)
{
    if (!outcome)
        return u"no answer"_s;
    if (*outcome)
        return u"compatible: "_s + (*outcome)->version;
    return outcome->error().code + u": "_s + outcome->error().message;
}

} // namespace

class TestServerHandshake : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parseServerUrl_data();
    void parseServerUrl();
    void evaluate_data();
    void evaluate();

    void realServerIsCompatible();
    void fakeWithOtherVersionsIsIncompatible();
    void htmlPageIsNotGalley();
    void missingListingIsNotGalley();
    void closedPortIsUnreachable();
    void silentServerTimesOut();
    void httpsToPlainServerIsUnreachable();
    void basePathIsKept();
    void newCheckReplacesRunningOne();
};

void TestServerHandshake::parseServerUrl_data()
{
    QTest::addColumn<QString>("typed");
    QTest::addColumn<QString>("expected");   // empty: refused
    QTest::newRow("host-and-port") << u"127.0.0.1:8470"_s << u"http://127.0.0.1:8470"_s;
    QTest::newRow("localhost-and-port") << u"localhost:8470"_s << u"http://localhost:8470"_s;
    QTest::newRow("spaces-and-trailing-slash") << u"  http://127.0.0.1:8470/ "_s << u"http://127.0.0.1:8470"_s;
    QTest::newRow("https-with-path") << u"https://cms.example.com/galley/"_s << u"https://cms.example.com/galley"_s;
    QTest::newRow("pasted-api-root") << u"http://127.0.0.1:8470/api/v1"_s << u"http://127.0.0.1:8470"_s;
    QTest::newRow("pasted-listing") << u"http://127.0.0.1:8470/api"_s << u"http://127.0.0.1:8470"_s;
    QTest::newRow("upper-case-scheme") << u"HTTPS://example.com"_s << u"https://example.com"_s;
    QTest::newRow("query-dropped") << u"http://example.com/?x=1#top"_s << u"http://example.com"_s;
    QTest::newRow("ipv6") << u"http://[::1]:8470"_s << u"http://[::1]:8470"_s;
    QTest::newRow("empty-refused") << u"   "_s << QString();
    QTest::newRow("ftp-refused") << u"ftp://example.com"_s << QString();
    QTest::newRow("no-host-refused") << u"http://"_s << QString();
    QTest::newRow("bad-port-refused") << u"http://example.com:99999"_s << QString();
}

void TestServerHandshake::parseServerUrl()
{
    QFETCH(QString, typed);
    QFETCH(QString, expected);
    const Result<QUrl> url = ServerHandshake::parseServerUrl(typed);
    if (expected.isEmpty()) {
        QVERIFY2(!url, qPrintable(url ? url->toString() : QString()));
        QCOMPARE(url.error().code, QString(ServerHandshake::InvalidUrl));
        QVERIFY(!url.error().message.isEmpty());
    } else {
        QVERIFY2(url, qPrintable(url ? QString() : url.error().message));
        QCOMPARE(url->toString(), expected);
    }
}

void TestServerHandshake::evaluate_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("code");       // empty: compatible
    QTest::addColumn<QString>("version");    // compatible: the chosen one
    QTest::addColumn<QStringList>("mentions");   // error: words the message must contain

    QTest::newRow("v1") << 200 << QByteArray(R"({"success":true,"data":{"versions":["v1"]},"request_id":"x"})")
                        << QString() << u"v1"_s << QStringList();
    QTest::newRow("v1-and-newer") << 200 << QByteArray(R"({"success":true,"data":{"versions":["v1","v2"]}})")
                                  << QString() << u"v1"_s << QStringList();
    QTest::newRow("only-other-versions")
        << 200 << QByteArray(R"({"success":true,"data":{"versions":["v0","v9"]}})") << QString(ServerHandshake::Incompatible)
        << QString() << QStringList { u"v0, v9"_s, u"this Galley speaks API v1"_s, u"Update Galley"_s };
    QTest::newRow("only-newer") << 200 << QByteArray(R"({"success":true,"data":{"versions":["v2","v3"]}})")
                                << QString(ServerHandshake::Incompatible) << QString()
                                << QStringList { u"v2, v3"_s, u"Update Galley"_s };
    QTest::newRow("only-older") << 200 << QByteArray(R"({"success":true,"data":{"versions":["v0"]}})")
                                << QString(ServerHandshake::Incompatible) << QString()
                                << QStringList { u"speaks API v0;"_s, u"server needs an update"_s };
    QTest::newRow("unnumbered") << 200 << QByteArray(R"({"success":true,"data":{"versions":["beta"]}})")
                                << QString(ServerHandshake::Incompatible) << QString()
                                << QStringList { u"beta"_s, u"Update Galley or the server"_s };
    QTest::newRow("html") << 200 << QByteArray("<!doctype html><title>Welcome to nginx!</title>")
                          << QString(ServerHandshake::NotGalley) << QString()
                          << QStringList { u"not a Galley server"_s, u"http://127.0.0.1:1/api"_s };
    QTest::newRow("json-without-versions") << 200 << QByteArray(R"({"success":true,"data":{"name":"x"}})")
                                           << QString(ServerHandshake::NotGalley) << QString() << QStringList();
    QTest::newRow("versions-not-a-list") << 200 << QByteArray(R"({"success":true,"data":{"versions":"v1"}})")
                                         << QString(ServerHandshake::NotGalley) << QString() << QStringList();
    QTest::newRow("empty-list") << 200 << QByteArray(R"({"success":true,"data":{"versions":[]}})")
                                << QString(ServerHandshake::NotGalley) << QString() << QStringList();
    QTest::newRow("not-an-envelope") << 200 << QByteArray(R"({"versions":["v1"]})") << QString(ServerHandshake::NotGalley)
                                     << QString() << QStringList();
    QTest::newRow("error-envelope") << 200 << QByteArray(R"({"success":false,"error":"no"})")
                                    << QString(ServerHandshake::NotGalley) << QString() << QStringList();
    QTest::newRow("404") << 404 << QByteArray("Not Found") << QString(ServerHandshake::NotGalley) << QString()
                         << QStringList { u"Check the address and the port"_s };
    QTest::newRow("502-from-a-proxy") << 502 << QByteArray("<html>Bad Gateway</html>") << QString(ServerHandshake::Unreachable)
                                      << QString() << QStringList { u"HTTP 502"_s, u"Try again later"_s };
}

void TestServerHandshake::evaluate()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(QString, code);
    QFETCH(QString, version);
    QFETCH(QStringList, mentions);
    const QUrl base(u"http://127.0.0.1:1"_s);
    const Result<ServerApi> result = ServerHandshake::evaluate(base, status, body);
    if (code.isEmpty()) {
        QVERIFY2(result, qPrintable(result ? QString() : result.error().message));
        QCOMPARE(result->version, version);
        QCOMPARE(result->base, base);
        QCOMPARE(result->apiRoot(), QUrl(u"http://127.0.0.1:1/api/"_s + version));
        return;
    }
    QVERIFY(!result);
    QCOMPARE(result.error().code, code);
    for (const QString &word : std::as_const(mentions))
        QVERIFY2(result.error().message.contains(word), qPrintable(result.error().message + u" lacks "_s + word));
}

void TestServerHandshake::realServerIsCompatible()
{
    QVERIFY2(!ServerProcess::binary().isEmpty(), "GALLEY_SERVER_BINARY is not set");
    ServerDatabase database;
    QVERIFY2(database.create(u"sqlite"_s), qPrintable(database.error()));
    ServerProcess server;
    QVERIFY(server.start(database, /*seedDemo=*/false));

    ServerHandshake handshake;
    const auto outcome = runCheck(handshake, server.baseUrl());
    QVERIFY2(outcome && *outcome, qPrintable(describe(outcome)));
    QCOMPARE((*outcome)->version, u"v1"_s);
    QVERIFY((*outcome)->serverVersions.contains(u"v1"_s));
    QCOMPARE((*outcome)->apiRoot().path(), u"/api/v1"_s);
    QCOMPARE(server.stop(), 0);
}

void TestServerHandshake::fakeWithOtherVersionsIsIncompatible()
{
    FakeHttpServer fake;
    QVERIFY(fake.listen());
    fake.answer(200, "application/json", R"({"success":true,"data":{"versions":["v0","v9"]},"request_id":"r"})");
    ServerHandshake handshake;
    const auto outcome = runCheck(handshake, fake.url());
    QVERIFY2(outcome && !*outcome, qPrintable(describe(outcome)));
    QCOMPARE(outcome->error().code, QString(ServerHandshake::Incompatible));
    QCOMPARE(outcome->error().message,
             u"This server speaks API v0, v9; this Galley speaks API v1. Update Galley to connect to it."_s);
    QCOMPARE(fake.requests(), QList<QByteArray> { "GET /api HTTP/1.1" });
}

void TestServerHandshake::htmlPageIsNotGalley()
{
    FakeHttpServer fake;
    QVERIFY(fake.listen());
    fake.answer(200, "text/html", "<!doctype html><html><body><h1>It works!</h1></body></html>");
    ServerHandshake handshake;
    const auto outcome = runCheck(handshake, fake.url());
    QVERIFY2(outcome && !*outcome, qPrintable(describe(outcome)));
    QCOMPARE(outcome->error().code, QString(ServerHandshake::NotGalley));
    QVERIFY2(outcome->error().message.contains(fake.url().toString() + u"/api"_s), qPrintable(outcome->error().message));
}

void TestServerHandshake::missingListingIsNotGalley()
{
    FakeHttpServer fake;
    QVERIFY(fake.listen());
    fake.answer(404, "text/plain", "Not Found");
    ServerHandshake handshake;
    const auto outcome = runCheck(handshake, fake.url());
    QVERIFY2(outcome && !*outcome, qPrintable(describe(outcome)));
    QCOMPARE(outcome->error().code, QString(ServerHandshake::NotGalley));
}

void TestServerHandshake::closedPortIsUnreachable()
{
    quint16 port = 0;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        port = probe.serverPort();
    }   // closed again: nothing listens there now
    ServerHandshake handshake;
    const auto outcome = runCheck(handshake, QUrl(u"http://127.0.0.1:%1"_s.arg(port)));
    QVERIFY2(outcome && !*outcome, qPrintable(describe(outcome)));
    QCOMPARE(outcome->error().code, QString(ServerHandshake::Unreachable));
    QVERIFY2(outcome->error().message.contains(u"127.0.0.1:%1"_s.arg(port)), qPrintable(outcome->error().message));
    QVERIFY2(outcome->error().message.contains(u"refused"_s), qPrintable(outcome->error().message));
}

void TestServerHandshake::silentServerTimesOut()
{
    FakeHttpServer fake;
    QVERIFY(fake.listen());
    fake.stayQuiet();
    ServerHandshake handshake;
    QCOMPARE(handshake.timeout(), 10000);
    handshake.setTimeout(300);
    const auto outcome = runCheck(handshake, fake.url());
    QVERIFY2(outcome && !*outcome, qPrintable(describe(outcome)));
    QCOMPARE(outcome->error().code, QString(ServerHandshake::Unreachable));
    QVERIFY2(outcome->error().message.contains(u"did not answer within 1 second"_s), qPrintable(outcome->error().message));
    QVERIFY(!handshake.isRunning());
}

void TestServerHandshake::httpsToPlainServerIsUnreachable()
{
    if (!QSslSocket::supportsSsl())
        QSKIP("this Qt has no TLS backend");
    FakeHttpServer fake;
    QVERIFY(fake.listen());
    fake.answer(200, "application/json", R"({"success":true,"data":{"versions":["v1"]}})");
    QUrl url = fake.url();
    url.setScheme(u"https"_s);
    ServerHandshake handshake;
    handshake.setTimeout(5000);
    const auto outcome = runCheck(handshake, url);
    QVERIFY2(outcome && !*outcome, qPrintable(describe(outcome)));
    QCOMPARE(outcome->error().code, QString(ServerHandshake::Unreachable));
    // Said as a TLS problem, not as silence.
    QVERIFY2(outcome->error().message.startsWith(u"No secure connection to 127.0.0.1 could be made"_s),
             qPrintable(outcome->error().message));
    QVERIFY2(outcome->error().message.contains(u"http://"_s), qPrintable(outcome->error().message));
}

void TestServerHandshake::basePathIsKept()
{
    FakeHttpServer fake;
    QVERIFY(fake.listen());
    fake.answer(200, "application/json", R"({"success":true,"data":{"versions":["v1"]}})");
    const Result<QUrl> base = ServerHandshake::parseServerUrl(fake.url().toString() + u"/galley/"_s);
    QVERIFY(base);
    ServerHandshake handshake;
    const auto outcome = runCheck(handshake, base.value());
    QVERIFY2(outcome && *outcome, qPrintable(describe(outcome)));
    QCOMPARE(fake.requests(), QList<QByteArray> { "GET /galley/api HTTP/1.1" });
    QCOMPARE((*outcome)->apiRoot().path(), u"/galley/api/v1"_s);
}

void TestServerHandshake::newCheckReplacesRunningOne()
{
    FakeHttpServer quiet;
    QVERIFY(quiet.listen());
    quiet.stayQuiet();
    FakeHttpServer good;
    QVERIFY(good.listen());
    good.answer(200, "application/json", R"({"success":true,"data":{"versions":["v1"]}})");

    ServerHandshake handshake;
    QSignalSpy spy(&handshake, &ServerHandshake::finished);
    handshake.start(quiet.url());
    QVERIFY(handshake.isRunning());
    QTRY_COMPARE(quiet.requests().size(), 1);
    // Abandoned: no signal for it, ever.
    handshake.abort();
    QVERIFY(!handshake.isRunning());
    const auto outcome = runCheck(handshake, good.url());
    QVERIFY2(outcome && *outcome, qPrintable(describe(outcome)));
    QCOMPARE(spy.size(), 1);
    QTest::qWait(50);
    QCOMPARE(spy.size(), 1);
}

QTEST_GUILESS_MAIN(TestServerHandshake)
#include "tst_serverhandshake.moc"
