#include "tlsserver.h"

#include <QEventLoop>
#include <QFile>
#include <QSslCertificate>
#include <QSslKey>
#include <QSslSocket>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace Galley::Server {

namespace {

Result<QByteArray> readFile(const QString &path, const QString &what)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error { u"tls_unreadable"_s, u"cannot read the TLS %1 %2: %3"_s.arg(what, path, file.errorString()) };
    return file.readAll();
}

// Connects to a loopback server with `configuration` and reports what went wrong on its side
// (empty: the handshake succeeded). OpenSSL only notices a key that does not match its
// certificate when a connection uses them.
QString handshakeProblem(const QSslConfiguration &configuration)
{
    QSslServer server;
    server.setSslConfiguration(configuration);
    if (!server.listen(QHostAddress::LocalHost, 0))
        return u"cannot listen on loopback to check the certificate: %1"_s.arg(server.errorString());

    QEventLoop loop;
    QString problem;
    bool done = false;
    const auto finish = [&](const QString &message) {
        if (done)
            return;
        done = true;
        problem = message;
        loop.quit();
    };
    QObject::connect(&server, &QTcpServer::pendingConnectionAvailable, &loop, [&] { finish({}); });
    QObject::connect(&server, &QSslServer::errorOccurred, &loop,
                     [&](QSslSocket *socket, QAbstractSocket::SocketError) { finish(socket->errorString()); });
    QObject::connect(&server, &QSslServer::handshakeInterruptedOnError, &loop,
                     [&](QSslSocket *, const QSslError &error) { finish(error.errorString()); });

    QSslSocket client;
    client.setPeerVerifyMode(QSslSocket::VerifyNone);
    QObject::connect(&client, &QAbstractSocket::errorOccurred, &loop, [&](QAbstractSocket::SocketError) {
        // The server side usually says more; give it a moment to.
        QTimer::singleShot(200, &loop, [&, message = client.errorString()] { finish(message); });
    });
    QTimer::singleShot(5000, &loop, [&] { finish(u"the TLS handshake over loopback did not finish within 5 s"_s); });
    client.connectToHostEncrypted(u"127.0.0.1"_s, server.serverPort());
    if (!done)
        loop.exec();
    return problem;
}

} // namespace

TlsServer::TlsServer(const QSslConfiguration &configuration, QObject *parent) : QSslServer(parent)
{
    setSslConfiguration(configuration);
    connect(this, &QSslServer::startedEncryptionHandshake, this, &TlsServer::prepare);
}

void TlsServer::prepare(QSslSocket *socket)
{
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    if (m_limits)
        RequestSizeGuard::install(socket, *m_limits);
    Q_EMIT socketAccepted(socket);
}

Result<QSslConfiguration> TlsServer::loadConfiguration(const QString &certificatePath, const QString &keyPath)
{
    if (!QSslSocket::supportsSsl())
        return Error { u"tls_unavailable"_s, u"this build of Qt has no TLS backend (OpenSSL not found)"_s };

    const auto certificateData = readFile(certificatePath, u"certificate"_s);
    if (!certificateData)
        return certificateData.error();
    QList<QSslCertificate> chain = QSslCertificate::fromData(*certificateData, QSsl::Pem);
    if (chain.isEmpty())
        chain = QSslCertificate::fromData(*certificateData, QSsl::Der);
    if (chain.isEmpty() || chain.first().isNull())
        return Error { u"tls_bad_certificate"_s, u"%1 holds no PEM or DER certificate"_s.arg(certificatePath) };

    const auto keyData = readFile(keyPath, u"key"_s);
    if (!keyData)
        return keyData.error();
    QSslKey key;
    for (const QSsl::EncodingFormat format : { QSsl::Pem, QSsl::Der }) {
        for (const QSsl::KeyAlgorithm algorithm : { QSsl::Rsa, QSsl::Ec, QSsl::Dsa }) {
            key = QSslKey(*keyData, algorithm, format, QSsl::PrivateKey);
            if (!key.isNull())
                break;
        }
        if (!key.isNull())
            break;
    }
    if (key.isNull())
        return Error { u"tls_bad_key"_s,
                       u"%1 holds no unencrypted RSA, EC or DSA private key (PEM or DER)"_s.arg(keyPath) };

    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setLocalCertificateChain(chain);
    configuration.setPrivateKey(key);
    configuration.setPeerVerifyMode(QSslSocket::VerifyNone);
    configuration.setProtocol(QSsl::TlsV1_2OrLater);
    configuration.setAllowedNextProtocols({ QSslConfiguration::NextProtocolHttp1_1 });

    if (const QString problem = handshakeProblem(configuration); !problem.isEmpty())
        return Error { u"tls_key_mismatch"_s, u"the certificate %1 and the key %2 do not work together (%3)"_s.arg(
                                                     certificatePath, keyPath, problem) };
    return configuration;
}

} // namespace Galley::Server
