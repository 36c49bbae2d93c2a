// Starts the real galley-server (GALLEY_SERVER_BINARY) with --seed-demo on 127.0.0.1:0 and
// drives the auth routes over HTTP.
#include "common/serverdatabase.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QProcess>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QTest>
#include <QUrl>

#include <csignal>
#include <memory>

using namespace Qt::StringLiterals;
using Galley::Testing::ServerDatabase;

namespace {

struct Reply
{
    int status = 0;
    QJsonObject body;
    QByteArray retryAfter;
};

QString databaseArgument(const ServerDatabase &database)
{
    const Galley::Server::DatabaseUrl &url = database.url();
    if (url.backend() == Galley::Server::DatabaseUrl::Backend::Sqlite)
        return u"sqlite:"_s + url.path();
    QUrl u;
    u.setScheme(u"postgresql"_s);
    u.setHost(url.host());
    u.setPort(url.port());
    u.setUserName(url.user());
    u.setPassword(url.password());
    u.setPath(u"/"_s + url.databaseName());
    return u.toString(QUrl::FullyEncoded);
}

} // namespace

class TestAuthServer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void authFlow_data() { ServerDatabase::addBackendRows(); }
    void authFlow();
    void accessTokenExpires_data() { ServerDatabase::addBackendRows(); }
    void accessTokenExpires();
    void demoRefusedOnNetwork();

private:
    bool start(QProcess &process, const QStringList &arguments);
    Reply call(const QByteArray &method, const QString &path, const QJsonObject &body = {}, const QString &token = {});

    QString m_binary;
    QNetworkAccessManager m_nam;
    QUrl m_base;
};

void TestAuthServer::initTestCase()
{
    m_binary = qEnvironmentVariable("GALLEY_SERVER_BINARY");
    QVERIFY2(!m_binary.isEmpty(), "GALLEY_SERVER_BINARY is not set");
}

bool TestAuthServer::start(QProcess &process, const QStringList &arguments)
{
    process.setProcessChannelMode(QProcess::SeparateChannels);
    process.start(m_binary, arguments);
    if (!process.waitForStarted(10000))
        return false;
    static const QRegularExpression listening(u"listening on (http://[^ ]+)"_s);
    QByteArray output;
    // Seeding hashes one password per role: allow a generous while for a slow machine.
    while (process.state() == QProcess::Running && process.waitForReadyRead(60000)) {
        output += process.readAllStandardOutput();
        const auto match = listening.match(QString::fromUtf8(output));
        if (match.hasMatch()) {
            m_base = QUrl(match.captured(1));
            return true;
        }
    }
    qWarning().noquote() << "server did not start:" << output << process.readAllStandardError();
    return false;
}

Reply TestAuthServer::call(const QByteArray &method, const QString &path, const QJsonObject &body, const QString &token)
{
    QNetworkRequest request(m_base.resolved(QUrl(u"/api/v1"_s + path)));
    QByteArray payload;
    if (method != "GET") {
        request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json"_ba);
        payload = QJsonDocument(body).toJson(QJsonDocument::Compact);
    }
    if (!token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + token.toLatin1());
    QNetworkReply *reply = m_nam.sendCustomRequest(request, method, payload);
    QEventLoop loop;
    connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    if (!reply->isFinished())
        loop.exec();
    Reply result;
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.body = QJsonDocument::fromJson(reply->readAll()).object();
    result.retryAfter = reply->rawHeader("Retry-After");
    reply->deleteLater();
    return result;
}

void TestAuthServer::authFlow()
{
    QFETCH(QString, backend);
    if (backend == "postgresql"_L1 && !ServerDatabase::postgresAvailable())
        QSKIP(ServerDatabase::skipReason());
    ServerDatabase database;
    QVERIFY2(database.create(backend), qPrintable(database.error()));

    QProcess server;
    QVERIFY(start(server, { u"--listen"_s, u"127.0.0.1:0"_s, u"--database"_s, databaseArgument(database), u"--seed-demo"_s }));
    const auto stop = qScopeGuard([&server] {
        if (server.state() != QProcess::NotRunning) {
            server.kill();
            server.waitForFinished(5000);
        }
    });

    // Login as the demo editor.
    const QString email = u"editor@northwind.example"_s;
    Reply login = call("POST", u"/auth/login"_s, { { u"email"_s, email }, { u"password"_s, u"galley-editor"_s } });
    QCOMPARE(login.status, 200);
    const QJsonObject tokens = login.body.value(u"data"_s).toObject();
    const QString access = tokens.value(u"access_token"_s).toString();
    const QString refresh = tokens.value(u"refresh_token"_s).toString();
    QVERIFY(!access.isEmpty());
    QVERIFY(!refresh.isEmpty());
    QCOMPARE(tokens.value(u"expires_in"_s).toInt(), 3600);
    QCOMPARE(tokens.value(u"user"_s).toObject().value(u"email"_s).toString(), email);

    // Wrong password and unknown e-mail: the same 401 envelope.
    const Reply wrong = call("POST", u"/auth/login"_s, { { u"email"_s, email }, { u"password"_s, u"nope"_s } });
    QCOMPARE(wrong.status, 401);
    QCOMPARE(wrong.body.value(u"success"_s).toBool(true), false);
    QCOMPARE(wrong.body.value(u"errors"_s).toArray().first().toObject().value(u"code"_s).toString(), u"unauthenticated"_s);
    const Reply unknown = call("POST", u"/auth/login"_s, { { u"email"_s, u"nobody@example.org"_s }, { u"password"_s, u"nope"_s } });
    QCOMPARE(unknown.status, 401);
    QCOMPARE(unknown.body.value(u"error"_s), wrong.body.value(u"error"_s));

    // /me shows the role and the account.
    const Reply me = call("GET", u"/me"_s, {}, access);
    QCOMPARE(me.status, 200);
    const QJsonObject meData = me.body.value(u"data"_s).toObject();
    QCOMPARE(meData.value(u"role"_s).toString(), u"editor"_s);
    QCOMPARE(meData.value(u"account"_s).toObject().value(u"slug"_s).toString(), u"northwind-media"_s);
    QVERIFY(!meData.value(u"sites"_s).toArray().isEmpty());
    QCOMPARE(call("GET", u"/me"_s).status, 401);
    QCOMPARE(call("GET", u"/me"_s, {}, u"not-a-token"_s).status, 401);

    // Refresh: a new access token that works; the refresh token is used up.
    const Reply refreshed = call("POST", u"/auth/refresh"_s, { { u"refresh_token"_s, refresh } });
    QCOMPARE(refreshed.status, 200);
    const QString access2 = refreshed.body.value(u"data"_s).toObject().value(u"access_token"_s).toString();
    QVERIFY(!access2.isEmpty());
    QVERIFY(access2 != access);
    QCOMPARE(call("GET", u"/me"_s, {}, access2).status, 200);
    QCOMPARE(call("POST", u"/auth/refresh"_s, { { u"refresh_token"_s, refresh } }).status, 401);

    // Logout revokes every token of the user.
    QCOMPARE(call("POST", u"/auth/logout"_s, {}, access2).status, 200);
    QCOMPARE(call("GET", u"/me"_s, {}, access2).status, 401);
    QCOMPARE(call("GET", u"/me"_s, {}, access).status, 401);

    // Rate limiting: the wrong attempt above was the first failure; nine more are still 401,
    // the next one is 429 with Retry-After.
    const QString writer = u"writer@northwind.example"_s;
    for (int i = 0; i < 10; ++i)
        QCOMPARE(call("POST", u"/auth/login"_s, { { u"email"_s, writer }, { u"password"_s, u"wrong"_s } }).status, 401);
    const Reply limited = call("POST", u"/auth/login"_s, { { u"email"_s, writer }, { u"password"_s, u"galley-writer"_s } });
    QCOMPARE(limited.status, 429);
    QVERIFY(limited.retryAfter.toInt() > 0);
    QCOMPARE(limited.body.value(u"errors"_s).toArray().first().toObject().value(u"code"_s).toString(), u"rate_limited"_s);
    // Other addresses are not affected.
    QCOMPARE(call("POST", u"/auth/login"_s, { { u"email"_s, u"viewer@northwind.example"_s }, { u"password"_s, u"galley-viewer"_s } }).status, 200);

    // SIGTERM: a clean exit 0.
    ::kill(pid_t(server.processId()), SIGTERM);
    QVERIFY(server.waitForFinished(10000));
    QCOMPARE(server.exitStatus(), QProcess::NormalExit);
    QCOMPARE(server.exitCode(), 0);

    // Seeding again is a no-op.
    QProcess again;
    QVERIFY(start(again, { u"--listen"_s, u"127.0.0.1:0"_s, u"--database"_s, databaseArgument(database), u"--seed-demo"_s }));
    QCOMPARE(call("POST", u"/auth/login"_s, { { u"email"_s, email }, { u"password"_s, u"galley-editor"_s } }).status, 200);
    ::kill(pid_t(again.processId()), SIGTERM);
    QVERIFY(again.waitForFinished(10000));
    QCOMPARE(again.exitCode(), 0);
}

// --access-token-seconds 2: the access token is refused (401) once its two seconds are over,
// also right after it was used (the token cache does not outlive it); the refresh token still
// gets a new one, which works.
void TestAuthServer::accessTokenExpires()
{
    QFETCH(QString, backend);
    if (backend == "postgresql"_L1 && !ServerDatabase::postgresAvailable())
        QSKIP(ServerDatabase::skipReason());
    ServerDatabase database;
    QVERIFY2(database.create(backend), qPrintable(database.error()));
    QProcess server;
    QVERIFY(start(server, { u"--listen"_s, u"127.0.0.1:0"_s, u"--database"_s, databaseArgument(database), u"--seed-demo"_s,
                            u"--access-token-seconds"_s, u"2"_s }));
    const auto stop = qScopeGuard([&server] {
        if (server.state() != QProcess::NotRunning) {
            server.kill();
            server.waitForFinished(5000);
        }
    });

    const Reply login = call("POST", u"/auth/login"_s, { { u"email"_s, u"editor@northwind.example"_s }, { u"password"_s, u"galley-editor"_s } });
    QCOMPARE(login.status, 200);
    const QJsonObject tokens = login.body.value(u"data"_s).toObject();
    QCOMPARE(tokens.value(u"expires_in"_s).toInt(), 2);
    const QString access = tokens.value(u"access_token"_s).toString();
    const QString refresh = tokens.value(u"refresh_token"_s).toString();
    QElapsedTimer age;
    age.start();
    QCOMPARE(call("GET", u"/me"_s, {}, access).status, 200);
    // Asked again and again until refused: never before its two seconds, within a few after.
    int status = 200;
    QVERIFY(QTest::qWaitFor([&] {
        status = call("GET", u"/me"_s, {}, access).status;
        return status != 200;
    }, 15000));
    QCOMPARE(status, 401);
    QVERIFY2(age.elapsed() >= 1000, qPrintable(u"refused after %1 ms"_s.arg(age.elapsed())));

    const Reply refreshed = call("POST", u"/auth/refresh"_s, { { u"refresh_token"_s, refresh } });
    QCOMPARE(refreshed.status, 200);
    QCOMPARE(refreshed.body.value(u"data"_s).toObject().value(u"expires_in"_s).toInt(), 2);
    const QString access2 = refreshed.body.value(u"data"_s).toObject().value(u"access_token"_s).toString();
    QVERIFY(!access2.isEmpty() && access2 != access);
    QCOMPARE(call("GET", u"/me"_s, {}, access2).status, 200);
    QCOMPARE(call("GET", u"/me"_s, {}, access).status, 401);
}

void TestAuthServer::demoRefusedOnNetwork()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString db = u"sqlite:"_s + dir.filePath(u"server.db"_s);
    QProcess refused;
    refused.start(m_binary, { u"--listen"_s, u"0.0.0.0:0"_s, u"--database"_s, db, u"--seed-demo"_s });
    QVERIFY(refused.waitForFinished(30000));
    QVERIFY(refused.exitCode() != 0);
    QVERIFY(refused.readAllStandardError().contains("--allow-demo-on-network"));

    // With the flag it starts (and is stopped right away).
    QProcess allowed;
    QVERIFY(start(allowed, { u"--listen"_s, u"0.0.0.0:0"_s, u"--database"_s, db, u"--seed-demo"_s, u"--allow-demo-on-network"_s }));
    ::kill(pid_t(allowed.processId()), SIGTERM);
    QVERIFY(allowed.waitForFinished(10000));
    QCOMPARE(allowed.exitCode(), 0);
}

QTEST_GUILESS_MAIN(TestAuthServer)
#include "tst_authserver.moc"
