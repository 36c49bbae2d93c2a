#include "workflowcontext.h"

#include "schema/schemavalidator.h"
#include "store/replicareader.h"
#include "store/sqlutil.h"

#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace Galley::Workflow {

namespace {

Error queryError(const QSqlQuery &q)
{
    return Error { u"store_error"_s, q.lastError().text() };
}

Result<QList<Edition>> documentEditions(QSqlDatabase &db, Id documentId)
{
    QSqlQuery q(db);
    q.prepare(u"SELECT id FROM editions WHERE document_id = ? ORDER BY id"_s);
    q.addBindValue(documentId);
    if (!q.exec())
        return queryError(q);
    QList<Id> ids;
    while (q.next())
        ids.append(q.value(0).toLongLong());
    QList<Edition> out;
    out.reserve(ids.size());
    for (Id id : std::as_const(ids)) {
        auto e = ReplicaReader::edition(db, id);
        if (!e)
            return e.error();
        out.append(e.value());
    }
    return out;
}

Result<QList<AuditEntry>> documentAudit(QSqlDatabase &db, Id documentId)
{
    QSqlQuery q(db);
    q.prepare(u"SELECT a.id, a.edition_id, a.from_state, a.to_state, a.user_id, a.at FROM audit_entries a "
              "JOIN editions e ON e.id = a.edition_id WHERE e.document_id = ? ORDER BY a.at, a.id"_s);
    q.addBindValue(documentId);
    if (!q.exec())
        return queryError(q);
    QList<AuditEntry> out;
    while (q.next()) {
        AuditEntry a;
        a.id = q.value(0).toLongLong();
        a.editionId = q.value(1).toLongLong();
        if (!q.value(2).isNull())
            a.fromState = fromWire<EditionState>(q.value(2).toString());
        a.toState = fromWire<EditionState>(q.value(3).toString()).value_or(EditionState::Draft);
        a.userId = q.value(4).toLongLong();
        a.at = dateFromDb(q.value(5));
        out.append(a);
    }
    return out;
}

} // namespace

Result<std::optional<Actor>> signedInActor(QSqlDatabase &db)
{
    QSqlQuery q(db);
    if (!q.exec(u"SELECT u.id, u.role FROM workspace w JOIN users u ON u.id = w.user_id "
                "WHERE w.id = 1 AND w.kind = 'server'"_s))
        return queryError(q);
    if (!q.next())
        return std::optional<Actor> {};
    const auto role = fromWire<Role>(q.value(1).toString());
    if (!role)
        return std::optional<Actor> {};
    return std::optional<Actor>(Actor { q.value(0).toLongLong(), *role, false });
}

Result<Context> loadContext(QSqlDatabase &db, Id editionId, const Actor &actor, const QDateTime &now)
{
    auto detail = ReplicaReader::editionDetail(db, editionId);
    if (!detail)
        return detail.error();
    Context c;
    c.edition = detail->edition;
    c.unpublishing = detail->unpublishing;
    c.linkReport = detail->linkCheck;
    c.actor = actor;
    c.now = now;
    auto editions = documentEditions(db, c.edition.documentId);
    if (!editions)
        return editions.error();
    c.documentEditions = std::move(editions.value());
    auto audit = documentAudit(db, c.edition.documentId);
    if (!audit)
        return audit.error();
    c.audit = std::move(audit.value());
    if (auto schema = ReplicaReader::schema(db, c.edition.schemaId)) {
        const QByteArray spec = QJsonDocument(schema->specDoc).toJson(QJsonDocument::Compact);
        const QByteArray fields = QJsonDocument(c.edition.fields).toJson(QJsonDocument::Compact);
        for (const SchemaProblem &p : SchemaValidator::validateInstance(spec, fields))
            c.contentProblems.append(p.sentence.isEmpty() ? p.message : p.sentence);
    }
    return c;
}

Result<QHash<Id, Context>> loadContexts(QSqlDatabase &db, const QList<Id> &editionIds, const Actor &actor,
                                        const QDateTime &now)
{
    QHash<Id, Context> out;
    QHash<Id, std::pair<QList<Edition>, QList<AuditEntry>>> byDocument;
    for (Id id : editionIds) {
        auto e = ReplicaReader::edition(db, id);
        if (!e)
            return e.error();
        Context c;
        c.edition = e.value();
        c.actor = actor;
        c.now = now;
        auto found = byDocument.find(c.edition.documentId);
        if (found == byDocument.end()) {
            auto editions = documentEditions(db, c.edition.documentId);
            if (!editions)
                return editions.error();
            auto audit = documentAudit(db, c.edition.documentId);
            if (!audit)
                return audit.error();
            found = byDocument.insert(c.edition.documentId, { editions.value(), audit.value() });
        }
        c.documentEditions = found->first;
        c.audit = found->second;
        out.insert(id, std::move(c));
    }
    return out;
}

} // namespace Galley::Workflow
