#include "scheduledpublisher.h"

#include "editionworkflow.h"
#include "serverclock.h"

#include "storage/serverstore.h"
#include "storage/servertransaction.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QHostInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>
#include <QUuid>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcScheduler, "galley.server.scheduler")

namespace Galley::Server {

ScheduledPublisher::ScheduledPublisher(ServerStore &store, std::shared_ptr<EventSink> events,
                                       std::shared_ptr<const ServerClock> clock)
    : ScheduledPublisher(store, std::move(events), std::move(clock), Options {})
{
}

ScheduledPublisher::ScheduledPublisher(ServerStore &store, std::shared_ptr<EventSink> events,
                                       std::shared_ptr<const ServerClock> clock, Options options)
    : m_store(store), m_clock(clock ? std::move(clock) : std::make_shared<const ServerClock>()),
      m_workflow(std::make_unique<EditionWorkflow>(store, std::move(events), m_clock)), m_options(options),
      m_claimant(u"%1:%2:%3"_s.arg(QHostInfo::localHostName()).arg(QCoreApplication::applicationPid())
                         .arg(QUuid::createUuid().toString(QUuid::Id128).left(8)))
{
}

ScheduledPublisher::~ScheduledPublisher()
{
    stop();
}

void ScheduledPublisher::start()
{
    if (m_thread)
        return;
    {
        const QMutexLocker lock(&m_mutex);
        m_stopping = false;
    }
    m_thread = QThread::create([this] {
        for (;;) {
            runDue();
            QMutexLocker lock(&m_mutex);
            if (m_stopping)
                break;
            m_wake.wait(&m_mutex, QDeadlineTimer(m_options.intervalMs));
            if (m_stopping)
                break;
        }
    });
    m_thread->setObjectName(u"galley-scheduler"_s);
    m_thread->start();
}

void ScheduledPublisher::stop()
{
    if (!m_thread)
        return;
    {
        const QMutexLocker lock(&m_mutex);
        m_stopping = true;
        m_wake.wakeAll();
    }
    m_thread->wait();
    delete m_thread;
    m_thread = nullptr;
}

QList<ScheduledPublisher::Job> ScheduledPublisher::claim()
{
    QList<Job> jobs;
    QSqlDatabase db = m_store.connection();
    if (!db.isOpen())
        return jobs;
    const bool postgres = m_store.dialect().backend() == SqlDialect::Backend::PostgreSql;
    const qint64 now = m_clock->nowMs();
    const qint64 wallNow = QDateTime::currentMSecsSinceEpoch();
    ServerTransaction tx(db, m_store.dialect());
    if (!tx.isActive()) {
        qCWarning(lcScheduler).noquote() << "cannot begin claiming jobs:" << tx.error().message;
        return jobs;
    }
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(u"SELECT id, account_id, payload FROM jobs WHERE kind = 'scheduled_publish' AND run_at <= ? "
              "AND (state = 'pending' OR (state = 'running' AND claimed_at < ?)) ORDER BY run_at, id LIMIT ?"_s
              + (postgres ? u" FOR UPDATE SKIP LOCKED"_s : QString()));
    q.addBindValue(now);
    q.addBindValue(wallNow - m_options.staleClaimMs);
    q.addBindValue(m_options.batch);
    if (!q.exec()) {
        qCWarning(lcScheduler).noquote() << "cannot look for due jobs:" << q.lastError().text();
        return jobs;
    }
    while (q.next()) {
        Job j;
        j.id = q.value(0).toLongLong();
        j.accountId = q.value(1).toLongLong();
        j.editionId = QJsonDocument::fromJson(q.value(2).toByteArray()).object().value("edition_id"_L1).toInteger();
        jobs.append(j);
    }
    q.finish();
    for (const Job &j : std::as_const(jobs)) {
        QSqlQuery u(db);
        u.prepare(u"UPDATE jobs SET state = 'running', claimed_by = ?, claimed_at = ?, attempts = attempts + 1 WHERE id = ?"_s);
        u.addBindValue(m_claimant);
        u.addBindValue(wallNow);
        u.addBindValue(j.id);
        if (!u.exec()) {
            qCWarning(lcScheduler).noquote() << "cannot claim job" << j.id << u.lastError().text();
            return {};
        }
    }
    if (const Status committed = tx.commit(); !committed) {
        qCWarning(lcScheduler).noquote() << "cannot commit the claim:" << committed.error().message;
        return {};
    }
    return jobs;
}

void ScheduledPublisher::finish(const Job &job, const QString &state, const QString &error, std::optional<qint64> runAt)
{
    QSqlDatabase db = m_store.connection();
    QSqlQuery q(db);
    q.prepare(runAt ? u"UPDATE jobs SET state = ?, last_error = ?, claimed_by = NULL, claimed_at = NULL, run_at = ? "
                      "WHERE id = ? AND claimed_by = ?"_s
                    : u"UPDATE jobs SET state = ?, last_error = ? WHERE id = ? AND claimed_by = ?"_s);
    q.addBindValue(state);
    q.addBindValue(error.isNull() ? u""_s : error);
    if (runAt)
        q.addBindValue(*runAt);
    q.addBindValue(job.id);
    q.addBindValue(m_claimant);
    if (!q.exec())
        qCWarning(lcScheduler).noquote() << "cannot finish job" << job.id << q.lastError().text();
}

int ScheduledPublisher::runDue()
{
    const QList<Job> jobs = claim();
    for (const Job &job : jobs) {
        if (job.editionId <= 0) {
            finish(job, u"failed"_s, u"the job names no edition"_s);
            continue;
        }
        const HandlerResult result = m_workflow->transition(EditionWorkflow::robotCaller(job.accountId),
                                                            EditionWorkflow::robotActor(), job.editionId,
                                                            Workflow::Event::ScheduledPublish, Workflow::Request {});
        if (std::holds_alternative<ApiSuccess>(result)) {
            qCInfo(lcScheduler).noquote() << "published scheduled edition" << job.editionId << "(job" << job.id << ")";
            finish(job, u"done"_s, QString());
            continue;
        }
        const ApiError &error = std::get<ApiError>(result);
        // Found early (a clock behind the one that claimed it): wait for the scheduled time.
        QSqlDatabase db = m_store.connection();
        QSqlQuery q(db);
        q.prepare(u"SELECT state, scheduled_publication FROM editions WHERE id = ? AND account_id = ?"_s);
        q.addBindValue(job.editionId);
        q.addBindValue(job.accountId);
        if (error.httpStatus == 422 && q.exec() && q.next() && q.value(0).toString() == "scheduled"_L1 && !q.value(1).isNull()
            && q.value(1).toLongLong() > m_clock->nowMs()) {
            finish(job, u"pending"_s, error.message, q.value(1).toLongLong());
            continue;
        }
        qCWarning(lcScheduler).noquote() << "scheduled edition" << job.editionId << "not published (job" << job.id << "):"
                                         << error.message;
        finish(job, u"failed"_s, error.message.isEmpty() ? error.code : error.message);
    }
    return int(jobs.size());
}

} // namespace Galley::Server
