#include "notificationlistener.h"

#include <QAtomicInt>
#include <QLoggingCategory>
#include <QSqlDatabase>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimer>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcListen, "galley.server.events")

namespace Galley::Server {

namespace {
QAtomicInt g_nextListener;
}

NotificationListener::NotificationListener(const DatabaseUrl &url, const QString &channel,
                                           std::chrono::milliseconds checkInterval, QObject *parent)
    : QObject(parent)
    , m_url(url)
    , m_channel(channel)
    , m_connectionName(u"galley-listen-%1"_s.arg(g_nextListener.fetchAndAddRelaxed(1)))
    , m_checkTimer(new QTimer(this))
{
    m_checkTimer->setInterval(checkInterval);
    connect(m_checkTimer, &QTimer::timeout, this, &NotificationListener::check);
}

NotificationListener::~NotificationListener()
{
    if (QSqlDatabase::contains(m_connectionName)) {
        QSqlDatabase::database(m_connectionName, false).close();
        QSqlDatabase::removeDatabase(m_connectionName);
    }
}

Status NotificationListener::start()
{
    const Status started = connectAndListen();
    m_checkTimer->start();
    return started;
}

Status NotificationListener::connectAndListen()
{
    if (!QSqlDatabase::contains(m_connectionName)) {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QPSQL"_s, m_connectionName);
        db.setHostName(m_url.host());
        db.setPort(m_url.port());
        db.setUserName(m_url.user());
        db.setPassword(m_url.password());
        db.setDatabaseName(m_url.databaseName());
        QString options = m_url.connectOptions();
        if (!options.contains(u"application_name"_s))
            options += (options.isEmpty() ? u""_s : u";"_s) + u"application_name=galley-listen"_s;
        db.setConnectOptions(options);
        connect(db.driver(), &QSqlDriver::notification, this,
                [this](const QString &name, QSqlDriver::NotificationSource, const QVariant &payload) { handle(name, payload); });
    }
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    db.close();
    if (!db.open())
        return Error { u"listen_failed"_s, u"cannot connect to %1 to LISTEN: %2"_s.arg(m_url.toDisplayString(), db.lastError().text()) };
    if (!db.driver()->subscribeToNotification(m_channel)) {
        const QString message = db.driver()->lastError().text();
        db.close();
        return Error { u"listen_failed"_s, u"cannot LISTEN on %1: %2"_s.arg(m_channel, message) };
    }
    m_listening = true;
    return {};
}

void NotificationListener::check()
{
    if (m_listening) {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        QSqlQuery ping(db);
        if (db.isOpen() && ping.exec(u"SELECT 1"_s))
            return;
        qCWarning(lcListen) << "the LISTEN connection dropped:" << ping.lastError().text() << "- reconnecting";
        m_listening = false;
    }
    if (const Status again = connectAndListen(); !again) {
        qCWarning(lcListen).noquote() << again.error().message << "(retrying)";
        return;
    }
    qCInfo(lcListen) << "listening again on" << m_channel;
    Q_EMIT reconnected();
}

void NotificationListener::handle(const QString &name, const QVariant &payload)
{
    if (name == m_channel)
        Q_EMIT notified(payload.toString());
}

} // namespace Galley::Server
