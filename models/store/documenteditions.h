#pragma once

#include "domain/content.h"
#include "domain/result.h"

#include <QList>
#include <QSqlDatabase>

namespace Galley {

// One edition of a document as a chooser lists it: no fields.
struct EditionSummary
{
    Id id = 0;
    Id schemaId = 0;
    QString title;
    EditionState state = EditionState::Draft;
    VersionNumber version;
    bool forcePublished = false;
    QDateTime createdAt;
    QDateTime updatedAt;
};

// The editions of one document in the replica, oldest first (what the diff window offers).
// Runs on the connection of the thread it is called on, normally a StoreWorker's.
class DocumentEditions
{
public:
    // Every edition but deleted ones; a deleted edition is listed too when it is one of `keep`.
    static Result<QList<EditionSummary>> list(QSqlDatabase &db, Id documentId, const QList<Id> &keep = {});
};

} // namespace Galley
