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
    addPendingConnection(socket);
    Q_EMIT socketAccepted(socket);
}

} // namespace Galley::Server
