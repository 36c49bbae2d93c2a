#pragma once

#include "http/apierror.h"
#include "http/caller.h"
#include "http/route.h"

#include "workflow/workflow.h"

#include <memory>

namespace Galley::Server {

class EventSink;
class ServerClock;
class ServerStore;

// The edition workflow (../shared/design/workflow.md) over the server store. It never decides
// anything itself: it loads a Workflow::Context inside the write's transaction (the document's
// editions and their audit trail, this edition's unpublishing and latest completed link check,
// the content's problems against the document's schema, the document's public URL), asks
// Workflow::decide(), and writes exactly what Workflow::apply() returns, with the change-feed
// entries of every row it touched, in one transaction. The transition route and the scheduler's
// robot go through the same code. On PostgreSQL the document row is locked first, so transitions
// of one document (from any server process) run one after the other; SQLite's write lock does
// the same.
class EditionWorkflow
{
public:
    EditionWorkflow(ServerStore &store, std::shared_ptr<EventSink> events, std::shared_ptr<const ServerClock> clock);

    // POST /editions/{id}/transitions. 200 with the edition (for unwithdraw with the edition it
    // created as "created_edition"); 403 forbidden, 409 update_collision with the current copy,
    // 422 transition_refused (the engine's message, a pointer at the request field), 404.
    HandlerResult transition(const Caller &caller, const Workflow::Actor &actor, Id editionId, Workflow::Event event,
                             const Workflow::Request &request);
    // POST /documents/{id}/editions: a new draft from the latest edition. 201 with the edition.
    HandlerResult createNewEdition(const Caller &caller, Id documentId);
    // GET /documents/{id}/public: what a visitor of the document's URL gets.
    HandlerResult publicResolution(const Caller &caller, Id documentId);

    // Who the scheduler acts as in an account: no user (audit rows get user_id NULL).
    static Caller robotCaller(Id accountId);
    static Workflow::Actor robotActor();

    const ServerClock &clock() const { return *m_clock; }

private:
    ServerStore &m_store;
    std::shared_ptr<EventSink> m_events;
    std::shared_ptr<const ServerClock> m_clock;
};

} // namespace Galley::Server
