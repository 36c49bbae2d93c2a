#pragma once

#include "domain/result.h"

#include <QObject>
#include <QPointer>
#include <QSqlDatabase>
#include <QThread>

#include <atomic>
#include <memory>
#include <type_traits>

namespace Galley {

// Marks a posted request as no longer wanted: a task not yet started is skipped and
// an answer not yet delivered is dropped. Copies share the flag.
class CancelToken
{
public:
    void cancel() const { m_flag->store(true, std::memory_order_relaxed); }
    bool isCancelled() const { return m_flag->load(std::memory_order_relaxed); }

private:
    std::shared_ptr<std::atomic_bool> m_flag = std::make_shared<std::atomic_bool>(false);
};

// Threads that own their own connections to the local store and run queries and bulk
// writes there, one after another per lane, so the GUI thread never waits on SQLite.
// Two lanes: Interactive for what a person is waiting to see (a page of rows, the
// details of an edition) and Background for aggregates that may take a while (counts),
// so that a count of 200,000 rows never delays the next page. WAL lets them read at once.
//
//   worker->post(this, [filter](QSqlDatabase &db) { return EditionQuery::fetchPage(db, filter, …); },
//                [this](Result<EditionPage> page) { … });   // back on the GUI thread, later
//
// The answer is always delivered through the event loop of the worker's own thread
// (the GUI thread), never from inside post(), so a model can ask for data while it is
// in the middle of a change and get it only when that change is over. It is dropped
// when context has been destroyed or the token cancelled by then.
class StoreWorker : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StoreWorker)
public:
    enum class Lane { Interactive, Background };

    explicit StoreWorker(QString databasePath, QObject *parent = nullptr);
    ~StoreWorker() override;

    QString databasePath() const { return m_path; }

    template<typename F, typename Done>
    void post(QObject *context, F &&task, Done &&done, CancelToken token = {}, Lane lane = Lane::Interactive)
    {
        using R = std::invoke_result_t<F, QSqlDatabase &>;
        QPointer<QObject> receiver(context);   // only read on this object's (the GUI) thread
        const int index = int(lane);
        QMetaObject::invokeMethod(
            m_lanes[index].context,
            [this, index, receiver, token, task = std::forward<F>(task), done = std::forward<Done>(done)]() mutable {
                if (token.isCancelled())
                    return;
                QSqlDatabase db = threadConnection(index);
                auto answer = std::make_shared<R>(task(db));
                QMetaObject::invokeMethod(
                    this,
                    [receiver, token, answer, done = std::move(done)]() mutable {
                        if (receiver && !token.isCancelled())
                            done(std::move(*answer));
                    },
                    Qt::QueuedConnection);
            },
            Qt::QueuedConnection);
    }

    // Blocks until every task queued so far on every lane has run. For tests, tools and shutdown only.
    void drain();

private:
    QSqlDatabase threadConnection(int lane);

    struct LaneThread
    {
        QThread thread;
        QObject *context = nullptr;   // lives in thread; tasks run as its queued calls
        QString connectionName;
    };

    QString m_path;
    LaneThread m_lanes[2];
};

} // namespace Galley
