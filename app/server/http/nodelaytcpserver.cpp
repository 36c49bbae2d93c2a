#include "nodelaytcpserver.h"

#include <QTcpSocket>

namespace Galley::Server {

NoDelayTcpServer::NoDelayTcpServer(QObject *parent) : QTcpServer(parent) { }

void NoDelayTcpServer::incomingConnection(qintptr socketDescriptor)
{
    auto *socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(socketDescriptor)) {
        delete socket;
        return;
    }
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    if (m_limits)
        RequestSizeGuard::install(socket, *m_limits);
    addPendingConnection(socket);
    Q_EMIT socketAccepted(socket);
}

} // namespace Galley::Server
