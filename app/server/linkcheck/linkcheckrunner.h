#pragma once

#include "linkchecker.h"

#include "http/caller.h"

#include <QMutex>
#include <QObject>
#include <QThread>

#include <memory>

namespace Galley::Server {

class EventSink;
class ServerStore;

// Runs the link checks of editions in the background: its own thread with an event loop and a
// LinkChecker, started with the server's routes and stopped when the application quits (or
// when the last route holding it goes). A check reads the edition's fields, its schema and the
// account's deny-list, checks the links of the rich-text fields (LinkExtractor), and stores a
// link_check_reports row with its change-feed entry in one transaction, announced like every
// write. Requests for an edition whose check is queued or running join it; an edit while it
// runs makes it run once more when done. A check cut short by shutdown stores nothing.
class LinkCheckRunner
{
    Q_DISABLE_COPY_MOVE(LinkCheckRunner)
public:
    LinkCheckRunner(ServerStore &store, std::shared_ptr<EventSink> events, LinkCheckOptions options);
    ~LinkCheckRunner();

    void start();
    // Abandons the checks in flight and joins the thread; safe to call twice.
    void stop();

    // POST /editions/{id}/link-check: check the edition now (or join the check under way).
    void request(const Caller &caller, qint64 editionId);
    // After a successful edit: check again if the edition has a report (or one is running).
    void editionEdited(const Caller &caller, qint64 editionId);

    // The runner serving a store, for handlers outside the link-check routes (the edition PUT).
    static std::shared_ptr<LinkCheckRunner> forStore(const ServerStore &store);
    static void registerFor(const ServerStore &store, const std::shared_ptr<LinkCheckRunner> &runner);
    // Convenience for the PUT handler: does nothing when no runner serves the store.
    static void notifyEdited(const ServerStore &store, const Caller &caller, qint64 editionId);

private:
    class Worker;

    void post(const Caller &caller, qint64 editionId, bool edited);

    ServerStore &m_store;
    std::shared_ptr<EventSink> m_events;
    LinkCheckOptions m_options;
    QThread m_thread;
    Worker *m_worker = nullptr;   // lives on m_thread, deleted when it finishes
    std::unique_ptr<QObject> m_quitGuard;   // on the main thread: context of the aboutToQuit hook
    QMutex m_mutex;
    bool m_running = false;
};

} // namespace Galley::Server
