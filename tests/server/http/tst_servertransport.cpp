// The real galley-server's transport (GALLEY_SERVER_BINARY): HTTPS with --tls-cert/--tls-key
// (and clear refusals of bad files), the request body limit enforced at the socket without
// buffering the body, and SIGTERM with a request in flight (its reply still arrives, new
// connections are refused, event streams close with 1001, exit code 0).
//
// The TLS material is tests/server/data/tls-*.pem: a self-signed certificate for 127.0.0.1.
#include "common/eventclient.h"
#include "common/serverprocess.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkRequest>
#include <QProcessEnvironment>
#include <QScopeGuard>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QWebSocket>

#include <arpa/inet.h>
#include <csignal>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace Galley::Testing;

namespace {

QString dataFile(const char *name)
{
    return QStringLiteral(GALLEY_TEST_DATA_DIR "/") + QLatin1StringView(name);
}

// Resident memory of a process, in KiB (-1 when unknown).
qint64 residentKib(qint64 pid)
{
    QFile status(u"/proc/%1/status"_s.arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    const QList<QByteArray> lines = status.readAll().split('\n');
    for (const QByteArray &line : lines) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toLongLong();
    }
    return -1;
}

int statusOf(const QByteArray &response)
{
    return response.startsWith("HTTP/1.1 ") ? response.mid(9, 3).toInt() : 0;
}

QJsonObject bodyOf(const QByteArray &response)
{
    const qsizetype split = response.indexOf("\r\n\r\n");
    return split < 0 ? QJsonObject() : QJsonDocument::fromJson(response.mid(split + 4)).object();
}

// True when `received` holds a complete response (head and Content-Length body).
bool completeResponse(const QByteArray &received)
{
    const qsizetype split = received.indexOf("\r\n\r\n");
    if (split < 0)
        return false;
    const qsizetype at = received.toLower().indexOf("content-length:");
    if (at < 0 || at > split)
        return true;
    const qsizetype end = received.indexOf("\r\n", at);
    return received.size() >= split + 4 + received.mid(at + 15, end - at - 15).trimmed().toLongLong();
}


const QByteArray hugeHead = "POST /api/v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                            "Content-Length: 104857600\r\n\r\n{\"email\":\"";

} // namespace

class TestServerTransport : public QObject
{
    Q_OBJECT

    QSslCertificate m_certificate;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(!ServerProcess::binary().isEmpty(), "GALLEY_SERVER_BINARY is not set");
        const QList<QSslCertificate> certificates = QSslCertificate::fromPath(dataFile("tls-cert.pem"));
        QCOMPARE(certificates.size(), 1);
        m_certificate = certificates.first();
        QVERIFY(QSslSocket::supportsSsl());
    }

    void https()
    {
        ServerDatabase database;
        QVERIFY2(database.create(u"sqlite"_s), qPrintable(database.error()));
        ServerProcess server;
        QVERIFY(server.start(database, true, { u"--tls-cert"_s, dataFile("tls-cert.pem"), u"--tls-key"_s, dataFile("tls-key.pem") }));
        QCOMPARE(server.baseUrl().scheme(), u"https"_s);
        const quint16 port = quint16(server.baseUrl().port());

        // A client that does not trust the certificate refuses the connection.
        {
            QNetworkAccessManager nam;
            QNetworkRequest request(server.baseUrl().resolved(QUrl(u"/api"_s)));
            QSslConfiguration systemOnly = QSslConfiguration::defaultConfiguration();
            systemOnly.setCaCertificates(QSslConfiguration::systemCaCertificates());
            request.setSslConfiguration(systemOnly);
            QNetworkReply *reply = nam.get(request);
            QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 10000);
            QCOMPARE(reply->error(), QNetworkReply::SslHandshakeFailedError);
            reply->deleteLater();
        }

        // One that trusts it talks HTTPS to the API, and WebSocket over TLS to the events.
        const QSslConfiguration original = QSslConfiguration::defaultConfiguration();
        auto restore = qScopeGuard([&] { QSslConfiguration::setDefaultConfiguration(original); });
        QSslConfiguration trusting = original;
        trusting.setCaCertificates({ m_certificate });
        QSslConfiguration::setDefaultConfiguration(trusting);

        ApiClient api(server.baseUrl());
        const ApiReply root = api.get(u"/api"_s);
        QCOMPARE(root.status, 200);
        QVERIFY(root.object().value(u"versions"_s).toArray().contains(u"v1"_s));
        QVERIFY(api.login(u"writer@northwind.example"_s, u"galley-writer"_s));
        QCOMPARE(api.get(u"/me"_s).status, 200);

        EventClient events;
        events.socket.setSslConfiguration(trusting);
        QVERIFY(events.open(server.baseUrl(), api.token().toLatin1()));
        QTRY_COMPARE(events.messages.size(), 1);
        QCOMPARE(events.messages.first().value(u"type"_s).toString(), u"hello"_s);

        // The body limit holds behind TLS too.
        QSslSocket tls;
        tls.setSslConfiguration(trusting);
        QByteArray received;
        connect(&tls, &QSslSocket::readyRead, this, [&] { received += tls.readAll(); });
        tls.connectToHostEncrypted(u"127.0.0.1"_s, port);
        QTRY_VERIFY_WITH_TIMEOUT(tls.isEncrypted(), 10000);
        tls.write(hugeHead);
        QTRY_VERIFY_WITH_TIMEOUT(completeResponse(received), 5000);
        QCOMPARE(statusOf(received), 413);

        // Plain HTTP on the TLS port gets nowhere: the server hangs up without an answer.
        QTcpSocket plain;
        QByteArray plainReceived;
        connect(&plain, &QTcpSocket::readyRead, this, [&] { plainReceived += plain.readAll(); });
        plain.connectToHost(QHostAddress::LocalHost, port);
        QTRY_VERIFY(plain.state() == QAbstractSocket::ConnectedState);
        plain.write("GET /api HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        QTRY_VERIFY_WITH_TIMEOUT(plain.state() == QAbstractSocket::UnconnectedState, 10000);
        QVERIFY2(!plainReceived.startsWith("HTTP/"), plainReceived.constData());
        ApiClient plainClient(QUrl(u"http://127.0.0.1:%1"_s.arg(port)));
        QCOMPARE(plainClient.get(u"/api"_s).status, 0);

        QCOMPARE(server.stop(), 0);
    }

    void tlsRefusesBadFiles_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message");
        const QString cert = dataFile("tls-cert.pem"), key = dataFile("tls-key.pem");
        QTest::newRow("missing-certificate") << QStringList { u"--tls-cert"_s, dataFile("missing.pem"), u"--tls-key"_s, key }
                                             << u"cannot read the TLS certificate"_s;
        QTest::newRow("missing-key") << QStringList { u"--tls-cert"_s, cert, u"--tls-key"_s, dataFile("missing.pem") }
                                     << u"cannot read the TLS key"_s;
        QTest::newRow("key-alone") << QStringList { u"--tls-key"_s, key } << u"--tls-cert and --tls-key go together"_s;
        QTest::newRow("not-a-certificate") << QStringList { u"--tls-cert"_s, key, u"--tls-key"_s, key }
                                           << u"holds no PEM or DER certificate"_s;
        QTest::newRow("not-a-key") << QStringList { u"--tls-cert"_s, cert, u"--tls-key"_s, cert } << u"holds no unencrypted"_s;
        QTest::newRow("key-of-another-certificate")
                << QStringList { u"--tls-cert"_s, cert, u"--tls-key"_s, dataFile("tls-other-key.pem") } << u"do not work together"_s;
    }
    void tlsRefusesBadFiles()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);
        QTemporaryDir dir;
        QProcess process;
        process.start(ServerProcess::binary(), QStringList { u"--listen"_s, u"127.0.0.1:0"_s, u"--database"_s,
                                                             u"sqlite:"_s + dir.filePath(u"server.db"_s) } + arguments);
        QVERIFY(process.waitForFinished(30000));
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(process.exitCode(), 1);
        const QString error = QString::fromLocal8Bit(process.readAllStandardError());
        QVERIFY2(error.contains(message), qPrintable(error));
        QVERIFY(!process.readAllStandardOutput().contains("listening on"));
        QVERIFY(!QFile::exists(dir.filePath(u"server.db"_s)));   // refused before touching the database
    }

    void inFlightAtShutdown()
    {
        ServerDatabase database;
        QVERIFY2(database.create(u"sqlite"_s), qPrintable(database.error()));
        ServerProcess server;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(u"GALLEY_SERVER_TEST_DELAY_MS"_s, u"1500"_s);
        server.process().setProcessEnvironment(environment);
        QVERIFY(server.start(database));
        const quint16 port = quint16(server.baseUrl().port());

        ApiClient api(server.baseUrl());
        QVERIFY(api.login(u"writer@northwind.example"_s, u"galley-writer"_s));
        EventClient events;
        QVERIFY(events.open(server.baseUrl(), api.token().toLatin1()));
        QTRY_COMPARE(events.messages.size(), 1);

        QNetworkAccessManager nam;
        QNetworkReply *slow = nam.get(QNetworkRequest(server.baseUrl().resolved(QUrl(u"/api/v1/test/slow"_s))));
        QByteArray log;
        QTRY_VERIFY_WITH_TIMEOUT((log += server.standardError()).contains("test: slow request started"), 10000);
        ::kill(pid_t(server.process().processId()), SIGTERM);

        // Shutting down: no new connections, while the slow request is still running.
        QByteArray output;
        QTRY_VERIFY_WITH_TIMEOUT((output = server.standardOutput()).contains("shutting down"), 5000);
        QTcpSocket late;
        late.connectToHost(QHostAddress::LocalHost, port);
        QTRY_VERIFY_WITH_TIMEOUT(late.state() == QAbstractSocket::UnconnectedState, 5000);
        QCOMPARE(late.error(), QAbstractSocket::ConnectionRefusedError);
        QVERIFY(!slow->isFinished());

        // Its reply still arrives, complete.
        QTRY_VERIFY_WITH_TIMEOUT(slow->isFinished(), 10000);
        QCOMPARE(slow->error(), QNetworkReply::NoError);
        QCOMPARE(slow->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        const QJsonObject body = QJsonDocument::fromJson(slow->readAll()).object();
        QCOMPARE(body.value(u"data"_s).toObject().value(u"slept_ms"_s).toInt(), 1500);
        slow->deleteLater();

        // Then the event stream goes away, and the process ends cleanly.
        QTRY_VERIFY_WITH_TIMEOUT(events.disconnected, 10000);
        QCOMPARE(events.socket.closeCode(), QWebSocketProtocol::CloseCodeGoingAway);
        QTRY_VERIFY_WITH_TIMEOUT(server.process().state() == QProcess::NotRunning, 15000);
        const int exitCode = server.stop();
        log += server.standardError();
        QVERIFY2(exitCode == 0, log.right(6000).constData());
        QVERIFY(log.contains("path=/api/v1/test/slow status=200"));
    }

    void bodyLimitAtSocket()
    {
        ServerDatabase database;
        QVERIFY2(database.create(u"sqlite"_s), qPrintable(database.error()));
        ServerProcess server;
#if defined(__SANITIZE_ADDRESS__)
        // AddressSanitizer keeps freed memory in quarantine, which would count as resident here.
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(u"ASAN_OPTIONS"_s, environment.value(u"ASAN_OPTIONS"_s) + u":quarantine_size_mb=0"_s);
        server.process().setProcessEnvironment(environment);
#endif
        QVERIFY(server.start(database, false));
        const quint16 port = quint16(server.baseUrl().port());
        const qint64 pid = server.process().processId();
        ApiClient api(server.baseUrl());
        for (int i = 0; i < 20; ++i)
            QCOMPARE(api.get(u"/api"_s).status, 200);   // the usual allocations happen before measuring
        const qint64 before = residentKib(pid);
        QVERIFY(before > 0);

        // 100 MB announced, a few bytes sent: the 413 comes at once. (Plain blocking sockets: the
        // server is another process, and a QTcpSocket would close on the server's half-close
        // before the upload below.)
        const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
        QVERIFY(fd >= 0);
        auto closeFd = qScopeGuard([fd] { ::close(fd); });
        const timeval timeout { 5, 0 };
        ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
        ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
        sockaddr_in address {};
        address.sin_family = AF_INET;
        address.sin_port = htons(port);
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        QCOMPARE(::connect(fd, reinterpret_cast<const sockaddr *>(&address), sizeof address), 0);
        QElapsedTimer timer;
        timer.start();
        QCOMPARE(::send(fd, hugeHead.constData(), size_t(hugeHead.size()), MSG_NOSIGNAL), ssize_t(hugeHead.size()));
        QByteArray received;
        while (!completeResponse(received)) {
            char buffer[4096];
            const ssize_t got = ::recv(fd, buffer, sizeof buffer, 0);
            if (got <= 0)
                break;
            received.append(buffer, got);
        }
        QVERIFY2(completeResponse(received), received.constData());
        QVERIFY2(timer.elapsed() < 2000, qPrintable(QString::number(timer.elapsed())));
        QCOMPARE(statusOf(received), 413);
        const QJsonObject envelope = bodyOf(received);
        QCOMPARE(envelope.value(u"success"_s).toBool(true), false);
        QCOMPARE(envelope.value(u"errors"_s).toArray().first().toObject().value(u"code"_s).toString(), u"too_large"_s);
        QVERIFY(received.contains("Connection: close"));

        // A client that keeps uploading regardless: 32 MB more, which the server reads and throws
        // away without buffering (a server that stopped reading would block this send).
        const QByteArray piece(64 * 1024, 'x');
        qint64 sent = 0;
        while (sent < 32 * 1024 * 1024) {
            const ssize_t n = ::send(fd, piece.constData(), size_t(piece.size()), MSG_NOSIGNAL);
            if (n <= 0)
                break;
            sent += n;
        }
        QCOMPARE(sent, qint64(32 * 1024 * 1024));
        QTest::qWait(200);   // let the server read the last of it
        const qint64 after = residentKib(pid);
        QVERIFY2(after - before < 16 * 1024, qPrintable(u"RSS grew from %1 to %2 KiB"_s.arg(before).arg(after)));

        // The server is fine: keep-alive and pipelining on a new connection.
        QTcpSocket next;
        QByteArray answers;
        connect(&next, &QTcpSocket::readyRead, this, [&] { answers += next.readAll(); });
        next.connectToHost(QHostAddress::LocalHost, port);
        QTRY_VERIFY(next.state() == QAbstractSocket::ConnectedState);
        const QByteArray get = "GET /api HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
        next.write(get + get + get);
        QTRY_COMPARE(answers.count("HTTP/1.1 200 OK"), 3);
        QCOMPARE(next.state(), QAbstractSocket::ConnectedState);

        QCOMPARE(server.stop(), 0);
    }
};

QTEST_GUILESS_MAIN(TestServerTransport)
#include "tst_servertransport.moc"
