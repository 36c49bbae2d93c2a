#pragma once

// The workflow's inputs read from the local replica: what the desktop shows as possible (and
// decides when offline) is computed from exactly the rows the server would read.
#include "workflow.h"

#include "domain/result.h"

#include <QSqlDatabase>

namespace Galley::Workflow {

// The edition, every edition of its document, their audit rows, its unpublishing and latest
// link-check report, and the problems of its fields against its schema (editor sentences).
// Any thread's connection (normally a StoreWorker's).
Result<Context> loadContext(QSqlDatabase &db, Id editionId, const Actor &actor, const QDateTime &now);

// The user this server workspace is signed in as (nullopt: a local workspace, or not yet known).
Result<std::optional<Actor>> signedInActor(QSqlDatabase &db);

// The same for many editions (the content list's "awaiting my review" and the benchmark):
// contexts without content validation, keyed by edition id.
Result<QHash<Id, Context>> loadContexts(QSqlDatabase &db, const QList<Id> &editionIds, const Actor &actor,
                                        const QDateTime &now);

} // namespace Galley::Workflow
