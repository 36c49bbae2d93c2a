#pragma once

#include "domain/tenancy.h"

#include <QMutex>
#include <QString>
#include <QWaitCondition>

#include <memory>

QT_BEGIN_NAMESPACE
class QThread;
QT_END_NAMESPACE

namespace Galley::Server {

class EditionWorkflow;
class EventSink;
class ServerClock;
class ServerStore;

// Publishes scheduled editions at their time (workflow.md "scheduled publish"), as the server's
// robot user. Scheduling an edition writes a jobs row (kind "scheduled_publish", payload
// {"edition_id": …}, run_at = the scheduled time); this publisher, on its own thread, looks for
// due jobs every interval (and at start, so a job that fell due while the server was down runs
// at once), claims them — SQLite: inside one write transaction; PostgreSQL: SELECT … FOR UPDATE
// SKIP LOCKED, so several server processes on one database never take the same job — and runs
// each through EditionWorkflow::transition(ScheduledPublish), the route's own code path. The
// rules refuse to publish before the scheduled time (never early); a job found early goes back to
// waiting. A job ends done, or failed with the refusal (the edition was unscheduled meanwhile,
// …) in last_error. A claim left 'running' by a process that died is taken again after
// staleClaimMs; running it twice is harmless, the second run is refused by the rules.
class ScheduledPublisher
{
    Q_DISABLE_COPY_MOVE(ScheduledPublisher)
public:
    struct Options
    {
        int intervalMs = 1000;
        int batch = 20;
        qint64 staleClaimMs = qint64(10) * 60 * 1000;
    };

    ScheduledPublisher(ServerStore &store, std::shared_ptr<EventSink> events, std::shared_ptr<const ServerClock> clock);
    ScheduledPublisher(ServerStore &store, std::shared_ptr<EventSink> events, std::shared_ptr<const ServerClock> clock,
                       Options options);
    ~ScheduledPublisher();

    // Starts the thread; its first round runs at once.
    void start();
    // Stops the thread, after the round in progress (if any).
    void stop();

    // One round on the calling thread: claims the due jobs and runs them. Returns how many ran.
    int runDue();

private:
    struct Job
    {
        qint64 id = 0;
        Id accountId = 0;
        Id editionId = 0;
    };
    QList<Job> claim();
    void finish(const Job &job, const QString &state, const QString &error, std::optional<qint64> runAt = std::nullopt);

    ServerStore &m_store;
    std::shared_ptr<const ServerClock> m_clock;
    std::unique_ptr<EditionWorkflow> m_workflow;
    Options m_options;
    QString m_claimant;
    QThread *m_thread = nullptr;
    QMutex m_mutex;
    QWaitCondition m_wake;
    bool m_stopping = false;
};

} // namespace Galley::Server
