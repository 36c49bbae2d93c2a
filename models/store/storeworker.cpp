#include "storeworker.h"

#include "localstore.h"

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcStore)

namespace Galley {

namespace {
std::atomic<int> s_workerCount { 0 };
}

StoreWorker::StoreWorker(QString databasePath, QObject *parent)
    : QObject(parent)
    , m_path(std::move(databasePath))
    , m_connectionName(QStringLiteral("galley-worker-%1").arg(++s_workerCount))
{
    m_thread.setObjectName(QStringLiteral("galley-store-worker"));
    m_context = new QObject;
    m_context->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_context, [this] {
        {
            QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
            if (db.isValid())
                db.close();
        }
        if (QSqlDatabase::contains(m_connectionName))
            QSqlDatabase::removeDatabase(m_connectionName);
    }, Qt::DirectConnection);
    m_thread.start();
}

StoreWorker::~StoreWorker()
{
    m_thread.quit();
    m_thread.wait();
    delete m_context;
}

QSqlDatabase StoreWorker::threadConnection()
{
    if (QSqlDatabase::contains(m_connectionName))
        return QSqlDatabase::database(m_connectionName, false);
    auto db = LocalStore::openConnection(m_path, m_connectionName);
    if (!db) {
        qCWarning(lcStore) << db.error().message;
        return {};
    }
    return db.value();
}

void StoreWorker::drain()
{
    run([](QSqlDatabase &) { return true; }).waitForFinished();
}

} // namespace Galley
