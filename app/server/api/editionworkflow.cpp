#include "editionworkflow.h"

#include "entities.h"
#include "serverclock.h"
#include "write.h"

#include "storage/serverstore.h"

#include "schema/schemavalidatorcache.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QSqlQuery>
#include <QTimeZone>

#include <algorithm>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcWorkflow, "galley.server.workflow")

namespace Galley::Server {

namespace {

using Workflow::Event;

// ------------------------------------------------------------------------------ SQL values

QDateTime timeOf(const QVariant &v)
{
    return v.isNull() ? QDateTime() : QDateTime::fromMSecsSinceEpoch(v.toLongLong(), QTimeZone::UTC);
}

QVariant nullInt()
{
    return QVariant(QMetaType::fromType<qint64>());
}

QVariant msOf(const QDateTime &t)
{
    return t.isValid() ? QVariant(t.toMSecsSinceEpoch()) : nullInt();
}

// A null QString binds as SQL NULL; the text columns are NOT NULL DEFAULT ''.
QString text(const QString &s)
{
    return s.isNull() ? u""_s : s;
}

QVariant idOrNull(Id id)
{
    return id > 0 ? QVariant(qint64(id)) : nullInt();
}

bool run(QSqlQuery &q, const QString &sql, const QVariantList &binds)
{
    if (!q.prepare(sql))
        return false;
    for (const QVariant &v : binds)
        q.addBindValue(v);
    return q.exec();
}

// ------------------------------------------------------------------------------ the document

// Everything about one document the rules read.
struct DocumentRows
{
    Id id = 0;
    Id siteId = 0;
    Id sectorId = 0;
    Id schemaId = 0;
    QString slug;
    QString domain;
    qint64 schemaLockVersion = 0;
    QByteArray schemaSpec;
    QList<Edition> editions;
    QList<AuditEntry> audit;
    QList<Unpublishing> unpublishings;

    const Edition *edition(Id editionId) const
    {
        for (const Edition &e : editions) {
            if (e.id == editionId)
                return &e;
        }
        return nullptr;
    }
    std::optional<Unpublishing> unpublishingOf(Id editionId) const
    {
        for (const Unpublishing &u : unpublishings) {
            if (u.editionId == editionId)
                return u;
        }
        return std::nullopt;
    }
    // The public URL when the site has a domain ("https://<domain>/<slug>").
    QString url() const
    {
        if (domain.trimmed().isEmpty())
            return {};
        QString host = domain.trimmed();
        if (!host.contains(u"://"_s))
            host = u"https://"_s + host;
        while (host.endsWith(u'/'))
            host.chop(1);
        return host + u'/' + slug;
    }
};

enum class Loaded { Ok, NotFound, Failed };

// Loads the document (locking its row on PostgreSQL, inside the caller's transaction) with its
// editions, their audit trail and unpublishings.
Loaded loadDocument(QSqlDatabase &db, const SqlDialect &dialect, Id accountId, Id documentId, bool lock, DocumentRows *out)
{
    const bool postgres = dialect.backend() == SqlDialect::Backend::PostgreSql;
    {
        QSqlQuery q(db);
        q.setForwardOnly(true);
        if (!run(q,
                 u"SELECT d.id, d.site_id, d.sector_id, d.schema_id, d.slug, s.domain FROM documents d "
                 "JOIN sites s ON s.id = d.site_id WHERE d.id = ? AND d.account_id = ?"_s
                         + (lock && postgres ? u" FOR NO KEY UPDATE OF d"_s : QString()),
                 { documentId, accountId })) {
            Write::storageFailure(q, "cannot read a document:");
            return Loaded::Failed;
        }
        if (!q.next())
            return Loaded::NotFound;
        out->id = q.value(0).toLongLong();
        out->siteId = q.value(1).toLongLong();
        out->sectorId = q.value(2).toLongLong();
        out->schemaId = q.value(3).toLongLong();
        out->slug = q.value(4).toString();
        out->domain = q.value(5).toString();
    }
    {
        QSqlQuery q(db);
        q.setForwardOnly(true);
        if (!run(q, u"SELECT lock_version, spec_doc FROM content_schemas WHERE id = ? AND account_id = ?"_s,
                 { out->schemaId, accountId })) {
            Write::storageFailure(q, "cannot read a schema:");
            return Loaded::Failed;
        }
        if (q.next()) {
            out->schemaLockVersion = q.value(0).toLongLong();
            out->schemaSpec = q.value(1).toByteArray();
        }
    }
    {
        QSqlQuery q(db);
        q.setForwardOnly(true);
        if (!run(q,
                 u"SELECT id, title, fields, state, change_note, minor_change, force_published, major_version, minor_version, "
                 "scheduled_publication, first_published_at, major_change_published_at, lock_version, created_by, created_at, "
                 "updated_at FROM editions WHERE document_id = ? AND account_id = ? ORDER BY id"_s,
                 { documentId, accountId })) {
            Write::storageFailure(q, "cannot read editions:");
            return Loaded::Failed;
        }
        while (q.next()) {
            Edition e;
            e.id = q.value(0).toLongLong();
            e.accountId = accountId;
            e.documentId = documentId;
            e.siteId = out->siteId;
            e.sectorId = out->sectorId;
            e.schemaId = out->schemaId;
            e.title = q.value(1).toString();
            e.fields = QJsonDocument::fromJson(q.value(2).toByteArray()).object();
            e.state = fromWire<EditionState>(q.value(3).toString()).value_or(EditionState::Draft);
            e.changeNote = q.value(4).toString();
            e.minorChange = q.value(5).toBool();
            e.forcePublished = q.value(6).toBool();
            e.version = VersionNumber { q.value(7).toInt(), q.value(8).toInt() };
            e.scheduledPublication = timeOf(q.value(9));
            e.firstPublishedAt = timeOf(q.value(10));
            e.majorChangePublishedAt = timeOf(q.value(11));
            e.lockVersion = q.value(12).toInt();
            e.createdBy = q.value(13).toLongLong();
            e.createdAt = timeOf(q.value(14));
            e.updatedAt = timeOf(q.value(15));
            out->editions.append(e);
        }
    }
    {
        QSqlQuery q(db);
        q.setForwardOnly(true);
        if (!run(q,
                 u"SELECT a.id, a.edition_id, a.from_state, a.to_state, a.user_id, a.created_at FROM audit_entries a "
                 "JOIN editions e ON e.id = a.edition_id WHERE e.document_id = ? AND a.account_id = ? ORDER BY a.id"_s,
                 { documentId, accountId })) {
            Write::storageFailure(q, "cannot read the audit trail:");
            return Loaded::Failed;
        }
        while (q.next()) {
            AuditEntry a;
            a.id = q.value(0).toLongLong();
            a.editionId = q.value(1).toLongLong();
            if (!q.value(2).isNull())
                a.fromState = fromWire<EditionState>(q.value(2).toString());
            a.toState = fromWire<EditionState>(q.value(3).toString()).value_or(EditionState::Draft);
            a.userId = q.value(4).toLongLong();
            a.at = timeOf(q.value(5));
            out->audit.append(a);
        }
    }
    {
        QSqlQuery q(db);
        q.setForwardOnly(true);
        if (!run(q,
                 u"SELECT p.id, p.edition_id, p.reason, p.explanation, p.alternative_url, p.redirect, p.created_at "
                 "FROM unpublishings p JOIN editions e ON e.id = p.edition_id WHERE e.document_id = ? AND p.account_id = ? "
                 "ORDER BY p.id"_s,
                 { documentId, accountId })) {
            Write::storageFailure(q, "cannot read unpublishings:");
            return Loaded::Failed;
        }
        while (q.next()) {
            Unpublishing u;
            u.id = q.value(0).toLongLong();
            u.editionId = q.value(1).toLongLong();
            u.reason = fromWire<UnpublishingReason>(q.value(2).toString()).value_or(UnpublishingReason::PublishedInError);
            u.explanation = q.value(3).toString();
            u.alternativeUrl = q.value(4).toString();
            u.redirect = q.value(5).toBool();
            u.createdAt = timeOf(q.value(6));
            out->unpublishings.append(u);
        }
    }
    return Loaded::Ok;
}

// The edition's latest completed link check.
std::optional<LinkCheckReport> latestLinkReport(QSqlDatabase &db, Id accountId, Id editionId, bool *failed)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    *failed = false;
    if (!run(q,
             u"SELECT id, links, completed_at, created_at FROM link_check_reports WHERE edition_id = ? AND account_id = ? "
             "AND status = 'completed' ORDER BY id DESC LIMIT 1"_s,
             { editionId, accountId })) {
        Write::storageFailure(q, "cannot read a link check:");
        *failed = true;
        return std::nullopt;
    }
    if (!q.next())
        return std::nullopt;
    LinkCheckReport r;
    r.id = q.value(0).toLongLong();
    r.editionId = editionId;
    r.checkedAt = q.value(2).isNull() ? timeOf(q.value(3)) : timeOf(q.value(2));
    for (const QJsonValue &v : QJsonDocument::fromJson(q.value(1).toByteArray()).array()) {
        const QJsonObject l = v.toObject();
        LinkCheckItem item;
        item.url = l.value("url"_L1).toString();
        item.status = fromWire<LinkStatus>(l.value("status"_L1).toString()).value_or(LinkStatus::Caution);
        item.problem = l.value("problem"_L1).toString();
        r.links.append(item);
    }
    return r;
}

// The edition's fields against the document's schema, as editor sentences (empty: valid).
QStringList contentProblems(const DocumentRows &doc, const Edition &e)
{
    if (doc.schemaSpec.isEmpty())
        return {};
    const SchemaValidator validator = SchemaValidatorCache::shared().validator(doc.schemaId, doc.schemaLockVersion, doc.schemaSpec);
    QStringList out;
    for (const SchemaProblem &p : validator.validateInstance(QJsonDocument(e.fields).toJson(QJsonDocument::Compact)))
        out << (p.sentence.isEmpty() ? p.message : p.sentence);
    return out;
}

ApiError refusalError(const Workflow::Refusal &r, const QJsonValue &current)
{
    if (r.code == "forbidden"_L1)
        return ApiError::forbidden(r.message);
    if (r.code == "stale"_L1) {
        ApiError e = ApiError::collision(r.message, current);
        e.errors = { FieldError { u"update_collision"_s, r.message, r.pointer } };
        return e;
    }
    return ApiError { 422, u"transition_refused"_s, r.message, { FieldError { u"transition_refused"_s, r.message, r.pointer } }, 0, {} };
}

// The event name an audit row of this transition carries.
QString auditEvent(Event e)
{
    return Workflow::toWire(e);
}

ApiSuccess rawAnswer(QByteArray json, int status = 200)
{
    ApiSuccess success;
    success.rawData = std::move(json);
    success.httpStatus = status;
    return success;
}

// ------------------------------------------------------------------------------ writing

class EffectWriter
{
public:
    EffectWriter(Write &w, const ServerStore &store, Id accountId, Id actorUserId, qint64 nowMs)
        : m_w(w), m_store(store), m_account(accountId), m_user(actorUserId), m_now(nowMs)
    {
    }

    // One changed edition, only if it is still at `expectedLock` (false: it moved, or failed).
    bool updateEdition(const Edition &e, int expectedLock, bool *moved)
    {
        QSqlQuery q(m_w.db());
        *moved = false;
        if (!run(q,
                 u"UPDATE editions SET state = ?, minor_change = ?, force_published = ?, major_version = ?, minor_version = ?, "
                 "scheduled_publication = ?, first_published_at = ?, major_change_published_at = ?, lock_version = ?, "
                 "updated_by = ?, updated_at = ? WHERE id = ? AND account_id = ? AND lock_version = ?"_s,
                 { toWire(e.state), e.minorChange, e.forcePublished, e.version.isSet() ? QVariant(e.version.major) : nullInt(),
                   e.version.isSet() ? QVariant(e.version.minor) : nullInt(), msOf(e.scheduledPublication),
                   msOf(e.firstPublishedAt), msOf(e.majorChangePublishedAt), e.lockVersion, idOrNull(m_user), m_now, e.id,
                   m_account, expectedLock })) {
            Write::storageFailure(q, "cannot update an edition:");
            return false;
        }
        if (q.numRowsAffected() != 1) {
            *moved = true;
            return false;
        }
        m_w.touched(Entity::edition(), e.id);
        return true;
    }

    std::optional<Id> insertEdition(const Edition &e)
    {
        QSqlQuery q(m_w.db());
        if (!run(q,
                 u"INSERT INTO editions (account_id, document_id, title, fields, state, change_note, minor_change, force_published, "
                 "major_version, minor_version, scheduled_publication, first_published_at, major_change_published_at, lock_version, "
                 "created_by, updated_by, created_at, updated_at) VALUES (?, ?, ?, %1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                 "RETURNING id"_s.arg(m_store.dialect().jsonParameter()),
                 { m_account, e.documentId, text(e.title), QString::fromUtf8(QJsonDocument(e.fields).toJson(QJsonDocument::Compact)),
                   toWire(e.state), text(e.changeNote), e.minorChange, e.forcePublished,
                   e.version.isSet() ? QVariant(e.version.major) : nullInt(), e.version.isSet() ? QVariant(e.version.minor) : nullInt(),
                   msOf(e.scheduledPublication), msOf(e.firstPublishedAt), msOf(e.majorChangePublishedAt), e.lockVersion,
                   idOrNull(m_user), idOrNull(m_user), m_now, m_now })
            || !q.next()) {
            Write::storageFailure(q, "cannot insert an edition:");
            return std::nullopt;
        }
        const Id id = q.value(0).toLongLong();
        m_w.touched(Entity::edition(), id);
        return id;
    }

    bool insertAudit(const AuditEntry &a, Id editionId, const QString &event)
    {
        QSqlQuery q(m_w.db());
        if (!run(q,
                 u"INSERT INTO audit_entries (account_id, edition_id, from_state, to_state, event, user_id, created_at) "
                 "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id"_s,
                 { m_account, editionId, a.fromState ? QVariant(toWire(*a.fromState)) : QVariant(QMetaType::fromType<QString>()),
                   toWire(a.toState), event, idOrNull(a.userId), a.at.isValid() ? a.at.toMSecsSinceEpoch() : m_now })
            || !q.next()) {
            Write::storageFailure(q, "cannot insert an audit entry:");
            return false;
        }
        m_w.touched(Entity::auditEntry(), q.value(0).toLongLong());
        return true;
    }

    bool insertRemark(Id editionId, const QString &body)
    {
        QSqlQuery q(m_w.db());
        if (!run(q,
                 u"INSERT INTO editorial_remarks (account_id, edition_id, author_id, body, created_at) VALUES (?, ?, ?, ?, ?) "
                 "RETURNING id"_s,
                 { m_account, editionId, idOrNull(m_user), text(body), m_now })
            || !q.next()) {
            Write::storageFailure(q, "cannot insert a remark:");
            return false;
        }
        m_w.touched(Entity::remark(), q.value(0).toLongLong());
        return true;
    }

    bool writeUnpublishing(const Unpublishing &u)
    {
        QSqlQuery q(m_w.db());
        if (u.id > 0) {
            if (!run(q,
                     u"UPDATE unpublishings SET explanation = ?, alternative_url = ?, redirect = ?, updated_at = ? "
                     "WHERE id = ? AND account_id = ?"_s,
                     { text(u.explanation), text(u.alternativeUrl), u.redirect, m_now, u.id, m_account })) {
                Write::storageFailure(q, "cannot update an unpublishing:");
                return false;
            }
            m_w.touched(Entity::unpublishing(), u.id);
            return true;
        }
        if (!run(q,
                 u"INSERT INTO unpublishings (account_id, edition_id, reason, explanation, alternative_url, redirect, created_by, "
                 "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"_s,
                 { m_account, u.editionId, toWire(u.reason), text(u.explanation), text(u.alternativeUrl), u.redirect, idOrNull(m_user),
                   u.createdAt.isValid() ? u.createdAt.toMSecsSinceEpoch() : m_now, m_now })
            || !q.next()) {
            Write::storageFailure(q, "cannot insert an unpublishing:");
            return false;
        }
        m_w.touched(Entity::unpublishing(), q.value(0).toLongLong());
        return true;
    }

    // Cancels the edition's pending scheduled-publish jobs (the payload is read here: the JSON
    // column differs between the backends).
    bool cancelJobs(Id editionId)
    {
        QSqlQuery q(m_w.db());
        q.setForwardOnly(true);
        if (!run(q, u"SELECT id, payload FROM jobs WHERE account_id = ? AND kind = 'scheduled_publish' AND state = 'pending'"_s,
                 { m_account })) {
            Write::storageFailure(q, "cannot read jobs:");
            return false;
        }
        QVariantList ids;
        while (q.next()) {
            if (QJsonDocument::fromJson(q.value(1).toByteArray()).object().value("edition_id"_L1).toInteger() == editionId)
                ids << q.value(0);
        }
        q.finish();
        for (const QVariant &id : std::as_const(ids)) {
            QSqlQuery u(m_w.db());
            if (!run(u, u"UPDATE jobs SET state = 'cancelled', last_error = 'unscheduled' WHERE id = ? AND state = 'pending'"_s, { id })) {
                Write::storageFailure(u, "cannot cancel a job:");
                return false;
            }
        }
        return true;
    }

    bool scheduleJob(Id editionId, const QDateTime &at)
    {
        if (!cancelJobs(editionId))
            return false;
        QSqlQuery q(m_w.db());
        const QString payload = QString::fromUtf8(QJsonDocument(QJsonObject { { u"edition_id"_s, qint64(editionId) } })
                                                          .toJson(QJsonDocument::Compact));
        if (!run(q,
                 u"INSERT INTO jobs (account_id, kind, payload, run_at, state, created_at) VALUES (?, 'scheduled_publish', %1, ?, "
                 "'pending', ?)"_s.arg(m_store.dialect().jsonParameter()),
                 { m_account, payload, at.toMSecsSinceEpoch(), m_now })) {
            Write::storageFailure(q, "cannot insert a job:");
            return false;
        }
        return true;
    }

    bool updateDocument(Id documentId, const QList<Edition> &editions)
    {
        // The newest edition not deleted; when every one is deleted, the newest (its state says so).
        auto latest = Workflow::latestEdition(editions);
        for (const Edition &e : editions) {
            if (!latest || (latest->state == EditionState::Deleted && e.id > latest->id))
                latest = e;
        }
        const auto live = Workflow::liveEdition(editions);
        QSqlQuery q(m_w.db());
        if (!run(q,
                 u"UPDATE documents SET latest_edition_id = ?, live_edition_id = ?, latest_state = ?, updated_at = ? "
                 "WHERE id = ? AND account_id = ?"_s,
                 { latest ? QVariant(qint64(latest->id)) : nullInt(), live ? QVariant(qint64(live->id)) : nullInt(),
                   latest ? QVariant(toWire(latest->state)) : QVariant(u"deleted"_s), m_now, documentId, m_account })) {
            Write::storageFailure(q, "cannot update a document:");
            return false;
        }
        m_w.touched(Entity::document(), documentId);
        return true;
    }

private:
    Write &m_w;
    const ServerStore &m_store;
    Id m_account;
    Id m_user;
    qint64 m_now;
};

// Publishing effects' last step, "enqueue publishing records for the site's destinations"
// (workflow.md). Issue 7 builds the publisher (its runner and the records' life cycle); until it
// exists there is nothing that would ever process a record, so none is written here. When it
// lands: insert one 'pending' publishing_records row per enabled destination of the document's
// site for `editionId`, touch Entity::publishingRecord() for each, inside this same write.
bool enqueuePublishing(Write &, Id /*siteId*/, Id /*editionId*/)
{
    return true;
}

QByteArray withMember(QByteArray object, const char *name, const QByteArray &value)
{
    object.chop(1);   // the closing brace
    object += ",\"";
    object += name;
    object += "\":";
    object += value;
    object += '}';
    return object;
}

} // namespace

EditionWorkflow::EditionWorkflow(ServerStore &store, std::shared_ptr<EventSink> events, std::shared_ptr<const ServerClock> clock)
    : m_store(store), m_events(std::move(events)), m_clock(clock ? std::move(clock) : std::make_shared<const ServerClock>())
{
}

Caller EditionWorkflow::robotCaller(Id accountId)
{
    Caller c;
    c.userId = 0;
    c.accountId = accountId;
    c.role = Role::Admin;
    return c;
}

Workflow::Actor EditionWorkflow::robotActor()
{
    Workflow::Actor a;
    a.robot = true;
    return a;
}

HandlerResult EditionWorkflow::transition(const Caller &caller, const Workflow::Actor &actor, Id editionId, Event event,
                                          const Workflow::Request &request)
{
    Write w(m_store, m_events, caller);
    if (!w.ok())
        return w.failure();
    QSqlDatabase &db = w.db();
    const QDateTime now = m_clock->now();
    const qint64 nowMs = now.toMSecsSinceEpoch();

    Id documentId = 0;
    {
        QSqlQuery q(db);
        q.setForwardOnly(true);
        if (!run(q, u"SELECT document_id FROM editions WHERE id = ? AND account_id = ?"_s, { editionId, caller.accountId }))
            return Write::storageFailure(q, "cannot read an edition:");
        if (!q.next())
            return ApiError::notFound();
        documentId = q.value(0).toLongLong();
    }
    DocumentRows doc;
    switch (loadDocument(db, m_store.dialect(), caller.accountId, documentId, true, &doc)) {
    case Loaded::Failed: return ApiError::internal();
    case Loaded::NotFound: return ApiError::notFound();
    case Loaded::Ok: break;
    }
    const Edition *edition = doc.edition(editionId);
    if (!edition)
        return ApiError::notFound();

    Workflow::Context c;
    c.edition = *edition;
    c.documentEditions = doc.editions;
    c.audit = doc.audit;
    c.unpublishing = doc.unpublishingOf(editionId);
    bool failed = false;
    c.linkReport = latestLinkReport(db, caller.accountId, editionId, &failed);
    if (failed)
        return ApiError::internal();
    c.contentProblems = contentProblems(doc, *edition);
    c.documentUrl = doc.url();
    c.actor = actor;
    c.now = now;

    const Workflow::Decision decision = Workflow::decide(event, c, request);
    if (!decision.allowed()) {
        QJsonValue current;
        if (decision.refusal->code == "stale"_L1) {
            if (const auto copy = w.current(Entity::edition(), editionId))
                current = QJsonDocument::fromJson(copy->json).object();
        }
        return refusalError(*decision.refusal, current);
    }

    const Workflow::Effects fx = Workflow::apply(event, c, request);
    EffectWriter out(w, m_store, caller.accountId, actor.robot ? 0 : actor.userId, nowMs);

    // Editions leaving "published" first, so that at no statement two are published at once
    // (editions_one_published).
    QList<Edition> changed = fx.changed;
    std::stable_sort(changed.begin(), changed.end(), [](const Edition &a, const Edition &b) {
        return (a.state == EditionState::Published) < (b.state == EditionState::Published);
    });
    QList<Edition> after = doc.editions;
    for (const Edition &e : std::as_const(changed)) {
        const Edition *before = doc.edition(e.id);
        if (!before)
            return ApiError::internal();
        bool moved = false;
        if (!out.updateEdition(e, before->lockVersion, &moved)) {
            if (!moved)
                return ApiError::internal();
            // Cannot happen while the document is locked; answer as the engine would.
            QJsonValue current;
            if (const auto copy = w.current(Entity::edition(), editionId))
                current = QJsonDocument::fromJson(copy->json).object();
            return refusalError(Workflow::Refusal { u"stale"_s, QCoreApplication::translate("Galley::Workflow", "This edition has changed since you opened it"),
                                                    u"/lock_version"_s },
                                current);
        }
        for (Edition &a : after) {
            if (a.id == e.id)
                a = e;
        }
    }
    Id createdId = 0;
    if (fx.created) {
        const auto id = out.insertEdition(*fx.created);
        if (!id)
            return ApiError::internal();
        createdId = *id;
        Edition created = *fx.created;
        created.id = createdId;
        after.append(created);
    }
    for (const AuditEntry &a : fx.audit) {
        if (!out.insertAudit(a, a.editionId == 0 ? createdId : a.editionId, auditEvent(event)))
            return ApiError::internal();
    }
    for (const QString &remark : fx.remarks) {
        if (!out.insertRemark(fx.created ? createdId : editionId, remark))
            return ApiError::internal();
    }
    if (fx.unpublishing && !out.writeUnpublishing(*fx.unpublishing))
        return ApiError::internal();
    if (fx.cancelJob && !out.cancelJobs(editionId))
        return ApiError::internal();
    if (fx.scheduleJob) {
        const QDateTime at = fx.changed.isEmpty() ? QDateTime() : fx.changed.constFirst().scheduledPublication;
        if (!at.isValid() || !out.scheduleJob(editionId, at))
            return ApiError::internal();
    }
    if (fx.enqueuePublishing && !enqueuePublishing(w, doc.siteId, fx.created ? createdId : editionId))
        return ApiError::internal();
    if (!out.updateDocument(documentId, after))
        return ApiError::internal();

    auto answer = w.current(Entity::edition(), editionId);
    if (!answer)
        return ApiError::internal();
    w.touched(Entity::edition(), editionId, *answer);
    QByteArray json = std::move(answer->json);
    if (createdId > 0) {
        auto created = w.current(Entity::edition(), createdId);
        if (!created)
            return ApiError::internal();
        w.touched(Entity::edition(), createdId, *created);
        json = withMember(std::move(json), "created_edition", created->json);
    }
    qCDebug(lcWorkflow).noquote() << "edition" << editionId << Workflow::toWire(event) << "by"
                                  << (actor.robot ? u"the scheduler"_s : u"user %1"_s.arg(actor.userId));
    return w.commit(rawAnswer(std::move(json)));
}

HandlerResult EditionWorkflow::createNewEdition(const Caller &caller, Id documentId)
{
    Write w(m_store, m_events, caller);
    if (!w.ok())
        return w.failure();
    QSqlDatabase &db = w.db();
    const QDateTime now = m_clock->now();

    DocumentRows doc;
    switch (loadDocument(db, m_store.dialect(), caller.accountId, documentId, true, &doc)) {
    case Loaded::Failed: return ApiError::internal();
    case Loaded::NotFound: return ApiError::notFound();
    case Loaded::Ok: break;
    }
    // The latest edition; when every edition is deleted, the newest one (the rules refuse it).
    auto latest = Workflow::latestEdition(doc.editions);
    if (!latest && !doc.editions.isEmpty())
        latest = doc.editions.constLast();   // ordered by id
    if (!latest) {
        const QString message = QCoreApplication::translate("Galley::Workflow", "This document has no edition to start a new one from");
        return ApiError { 422, u"transition_refused"_s, message, { FieldError { u"transition_refused"_s, message, {} } }, 0, {} };
    }
    Workflow::Context c;
    c.edition = *latest;
    c.documentEditions = doc.editions;
    c.audit = doc.audit;
    c.unpublishing = doc.unpublishingOf(latest->id);
    c.documentUrl = doc.url();
    c.actor = Workflow::Actor { caller.userId, caller.role, false };
    c.now = now;
    const Workflow::Decision decision = Workflow::decide(Event::CreateNewEdition, c, Workflow::Request {});
    if (!decision.allowed())
        return refusalError(*decision.refusal, {});

    const Edition fresh = Workflow::newEdition(*latest, c.actor, now);
    EffectWriter out(w, m_store, caller.accountId, caller.userId, now.toMSecsSinceEpoch());
    const auto id = out.insertEdition(fresh);
    if (!id)
        return ApiError::internal();
    AuditEntry a;
    a.toState = fresh.state;
    a.userId = caller.userId;
    a.at = now;
    if (!out.insertAudit(a, *id, Workflow::toWire(Event::CreateNewEdition)))
        return ApiError::internal();
    QList<Edition> after = doc.editions;
    Edition created = fresh;
    created.id = *id;
    after.append(created);
    if (!out.updateDocument(documentId, after))
        return ApiError::internal();
    auto answer = w.current(Entity::edition(), *id);
    if (!answer)
        return ApiError::internal();
    w.touched(Entity::edition(), *id, *answer);
    return w.commit(rawAnswer(std::move(answer->json), 201));
}

HandlerResult EditionWorkflow::publicResolution(const Caller &caller, Id documentId)
{
    QSqlDatabase db = m_store.connection();
    DocumentRows doc;
    switch (loadDocument(db, m_store.dialect(), caller.accountId, documentId, false, &doc)) {
    case Loaded::Failed: return ApiError::internal();
    case Loaded::NotFound: return ApiError::notFound();
    case Loaded::Ok: break;
    }
    const Workflow::PublicResolution r = Workflow::resolvePublic(doc.editions, doc.unpublishings);
    using Kind = Workflow::PublicResolution::Kind;
    QString kind;
    int status = 200;
    switch (r.kind) {
    case Kind::NotPublic: kind = u"not_public"_s; status = 404; break;
    case Kind::Render: kind = u"render"_s; break;
    case Kind::RenderWithNotice: kind = u"render_with_notice"_s; break;
    case Kind::Redirect: kind = u"redirect"_s; status = 301; break;
    case Kind::Gone: kind = u"gone"_s; status = 410; break;
    }
    JsonWriter out;
    out.beginObject();
    out.key("document_id");
    out.value(qint64(documentId));
    out.key("kind");
    out.value(kind);
    out.key("http_status");
    out.value(qint64(status));
    out.key("url");
    out.value(doc.url());
    out.key("edition");
    if (r.edition) {
        const auto loaded = Entity::edition().load(db, caller.accountId, r.edition->id);
        if (!loaded)
            return ApiError::internal();
        out.raw(loaded->json);
    } else {
        out.null();
    }
    out.key("redirect_to");
    if (r.kind == Kind::Redirect)
        out.value(r.url);
    else
        out.null();
    out.key("explanation");
    if (r.kind == Kind::RenderWithNotice || r.kind == Kind::Gone)
        out.value(r.explanation);
    else
        out.null();
    out.key("since");
    if (r.since.isValid() && r.kind != Kind::Render)
        out.value(isoTime(r.since.toMSecsSinceEpoch()));
    else
        out.null();
    out.endObject();
    return rawAnswer(out.take());
}

} // namespace Galley::Server
