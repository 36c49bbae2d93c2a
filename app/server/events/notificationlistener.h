#pragma once

#include "storage/databaseurl.h"

#include "domain/result.h"

#include <QObject>
#include <QString>

#include <chrono>

class QTimer;

namespace Galley::Server {

// A PostgreSQL connection of its own that LISTENs on one channel and reports every NOTIFY on it.
// The connection belongs to the thread that made the listener (its event loop delivers the
// notifications). It is checked every checkInterval and, when it has dropped, opened again and
// LISTENs again; notifications sent in between are lost, which reconnected() announces.
class NotificationListener : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY(NotificationListener)

public:
    NotificationListener(const DatabaseUrl &url, const QString &channel, std::chrono::milliseconds checkInterval,
                         QObject *parent = nullptr);
    ~NotificationListener() override;

    // Connects and LISTENs; fails when the first connection cannot be made.
    Status start();
    bool isListening() const { return m_listening; }

Q_SIGNALS:
    void notified(const QString &payload);
    // Listening again after the connection dropped.
    void reconnected();

private:
    Status connectAndListen();
    void check();
    void handle(const QString &name, const QVariant &payload);

    DatabaseUrl m_url;
    QString m_channel;
    QString m_connectionName;
    QTimer *m_checkTimer;
    bool m_listening = false;
};

} // namespace Galley::Server
