#pragma once

#include "requestsizeguard.h"

#include <QTcpServer>

#include <optional>

class QTcpSocket;

namespace Galley::Server {

// A QTcpServer whose accepted sockets have TCP_NODELAY set: without it, Nagle and delayed ACKs
// cap a small JSON response at ~1,450 req/s on loopback (issue 3). With request limits set, each
// accepted socket also gets a RequestSizeGuard before QtHttpServer sees it.
class NoDelayTcpServer : public QTcpServer
{
    Q_OBJECT
    Q_DISABLE_COPY(NoDelayTcpServer)

public:
    explicit NoDelayTcpServer(QObject *parent = nullptr);

    void setRequestLimits(const RequestSizeGuard::Limits &limits) { m_limits = limits; }

Q_SIGNALS:
    // Emitted for every accepted socket, after the option is set (a test hook).
    void socketAccepted(QTcpSocket *socket);

protected:
    void incomingConnection(qintptr socketDescriptor) override;

private:
    std::optional<RequestSizeGuard::Limits> m_limits;
};

} // namespace Galley::Server
