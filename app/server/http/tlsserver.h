#pragma once

#include "requestsizeguard.h"

#include "domain/result.h"

#include <QSslConfiguration>
#include <QSslServer>

#include <optional>

class QTcpSocket;

namespace Galley::Server {

// galley-server's HTTPS listener: a QSslServer whose sockets get TCP_NODELAY and, with request
// limits set, a RequestSizeGuard as their handshake starts (what NoDelayTcpServer does for
// plain HTTP). It offers HTTP/1.1 only: no "h2" in ALPN, since the guard reads HTTP/1.1.
class TlsServer : public QSslServer
{
    Q_OBJECT
    Q_DISABLE_COPY(TlsServer)

public:
    explicit TlsServer(const QSslConfiguration &configuration, QObject *parent = nullptr);

    void setRequestLimits(const RequestSizeGuard::Limits &limits) { m_limits = limits; }

    // The server configuration for a certificate file (PEM, or DER; the server's certificate
    // first, then its chain) and its unencrypted private key (PEM or DER; RSA, EC or DSA).
    // Refuses unreadable files, files without a certificate or key, and a key that does not
    // belong to the certificate, which is proven with one TLS handshake over loopback.
    static Result<QSslConfiguration> loadConfiguration(const QString &certificatePath, const QString &keyPath);

Q_SIGNALS:
    // Emitted for every accepted socket as its handshake starts, after the option is set.
    void socketAccepted(QTcpSocket *socket);

private:
    void prepare(QSslSocket *socket);

    std::optional<RequestSizeGuard::Limits> m_limits;
};

} // namespace Galley::Server
