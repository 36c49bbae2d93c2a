#include "documenteditions.h"

#include "sqlutil.h"

#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace Galley {

Result<QList<EditionSummary>> DocumentEditions::list(QSqlDatabase &db, Id documentId, const QList<Id> &keep)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    QString sql = u"SELECT id, schema_id, title, state, major_version, minor_version, force_published, created_at, "
                  u"updated_at FROM editions WHERE document_id = ? AND (state <> 'deleted'"_s;
    for (qsizetype i = 0; i < keep.size(); ++i)
        sql += u" OR id = ?"_s;
    sql += u") ORDER BY created_at, id"_s;
    if (!q.prepare(sql))
        return sqlError(q, "query_failed");
    q.addBindValue(documentId);
    for (const Id id : keep)
        q.addBindValue(id);
    if (!q.exec())
        return sqlError(q, "query_failed");
    QList<EditionSummary> out;
    while (q.next()) {
        EditionSummary e;
        e.id = q.value(0).toLongLong();
        e.schemaId = q.value(1).toLongLong();
        e.title = q.value(2).toString();
        e.state = fromWire<EditionState>(q.value(3).toString()).value_or(EditionState::Draft);
        e.version = { q.value(4).toInt(), q.value(5).toInt() };
        e.forcePublished = q.value(6).toBool();
        e.createdAt = dateFromDb(q.value(7));
        e.updatedAt = dateFromDb(q.value(8));
        out.append(e);
    }
    return out;
}

} // namespace Galley
