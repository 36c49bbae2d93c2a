#include "storeworker.h"

#include "localstore.h"

#include <QFuture>
#include <QLoggingCategory>
#include <QPromise>

Q_DECLARE_LOGGING_CATEGORY(lcStore)

namespace Galley {

namespace {
std::atomic<int> s_workerCount { 0 };
}

StoreWorker::StoreWorker(QString databasePath, QObject *parent)
    : QObject(parent)
    , m_path(std::move(databasePath))
{
    const int worker = ++s_workerCount;
    for (int i = 0; i < 2; ++i) {
        LaneThread &lane = m_lanes[i];
        lane.connectionName = QStringLiteral("galley-worker-%1-%2").arg(worker).arg(i);
        lane.thread.setObjectName(i == 0 ? QStringLiteral("galley-store") : QStringLiteral("galley-store-bg"));
        lane.context = new QObject;
        lane.context->moveToThread(&lane.thread);
        const QString name = lane.connectionName;
        connect(&lane.thread, &QThread::finished, lane.context, [name] {
            {
                QSqlDatabase db = QSqlDatabase::database(name, false);
                if (db.isValid())
                    db.close();
            }
            if (QSqlDatabase::contains(name))
                QSqlDatabase::removeDatabase(name);
        }, Qt::DirectConnection);
        lane.thread.start();
    }
}

StoreWorker::~StoreWorker()
{
    for (LaneThread &lane : m_lanes) {
        lane.thread.quit();
        lane.thread.wait();
        delete lane.context;
    }
}

QSqlDatabase StoreWorker::threadConnection(int lane)
{
    const QString &name = m_lanes[lane].connectionName;
    if (QSqlDatabase::contains(name))
        return QSqlDatabase::database(name, false);
    auto db = LocalStore::openConnection(m_path, name);
    if (!db) {
        qCWarning(lcStore) << db.error().message;
        return {};
    }
    return db.value();
}

void StoreWorker::drain()
{
    for (LaneThread &lane : m_lanes) {
        auto promise = std::make_shared<QPromise<void>>();
        QFuture<void> done = promise->future();
        promise->start();
        QMetaObject::invokeMethod(lane.context, [promise] { promise->finish(); }, Qt::QueuedConnection);
        done.waitForFinished();
    }
}

} // namespace Galley
