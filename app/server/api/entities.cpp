#include "entities.h"

#include <QDateTime>
#include <QSqlRecord>
#include <QStringList>
#include <QTimeZone>
#include <QVariant>

using namespace Qt::StringLiterals;

namespace Galley::Server {

namespace {

using K = Entity::Kind;

// The JOIN that gives an edition-owned row (remark, audit entry, …) its document's site.
QString throughEdition(const QString &table, const QString &alias)
{
    return u"%1 %2 JOIN editions e ON e.id = %2.edition_id JOIN documents d ON d.id = e.document_id"_s.arg(table, alias);
}

} // namespace

Entity::Entity(QString name, QString alias, QString from, QString site, QList<Field> fields)
    : m_name(std::move(name)), m_alias(std::move(alias)), m_from(std::move(from)), m_site(std::move(site)),
      m_fields(std::move(fields))
{
    QStringList columns;
    for (const Field &f : std::as_const(m_fields))
        columns << f.sql;
    columns << (m_site.isEmpty() ? u"NULL"_s : m_site);
    m_select = u"SELECT "_s + columns.join(u", "_s) + u" FROM "_s + m_from;
}

const Entity &Entity::site()
{
    static const Entity e(u"site"_s, u"s"_s, u"sites s"_s, u"s.id"_s,
                          { { "id", u"s.id"_s, K::Id },
                            { "account_id", u"s.account_id"_s, K::Id },
                            { "name", u"s.name"_s, K::Text },
                            { "domain", u"s.domain"_s, K::Text },
                            { "created_at", u"s.created_at"_s, K::Time } });
    return e;
}

const Entity &Entity::sector()
{
    static const Entity e(u"sector"_s, u"x"_s, u"sectors x"_s, u"x.site_id"_s,
                          { { "id", u"x.id"_s, K::Id },
                            { "site_id", u"x.site_id"_s, K::Id },
                            { "name", u"x.name"_s, K::Text },
                            { "created_at", u"x.created_at"_s, K::Time } });
    return e;
}

const Entity &Entity::user()
{
    // What colleagues may know of each other: no e-mail beyond the account, never credentials.
    static const Entity e(u"user"_s, u"u"_s, u"users u"_s, {},
                          { { "id", u"u.id"_s, K::Id },
                            { "name", u"u.name"_s, K::Text },
                            { "email", u"u.email"_s, K::Text },
                            { "role", u"u.role"_s, K::Text },
                            { "disabled", u"u.disabled"_s, K::Bool } });
    return e;
}

const Entity &Entity::schema()
{
    static const Entity e(u"schema"_s, u"c"_s, u"content_schemas c"_s, {},
                          { { "id", u"c.id"_s, K::Id },
                            { "account_id", u"c.account_id"_s, K::Id },
                            { "name", u"c.name"_s, K::Text },
                            { "description", u"c.description"_s, K::Text },
                            { "dialect", u"c.dialect"_s, K::Text },
                            { "spec_doc", u"c.spec_doc"_s, K::Json },
                            { "spec_text", u"c.spec_text"_s, K::Text },
                            { "auth_policy", u"c.auth_policy"_s, K::Text },
                            { "lock_version", u"c.lock_version"_s, K::Integer },
                            { "created_by", u"c.created_by"_s, K::OptionalId },
                            { "updated_by", u"c.updated_by"_s, K::OptionalId },
                            { "updated_by_name", u"COALESCE((SELECT name FROM users WHERE id = c.updated_by), '')"_s, K::Text },
                            { "created_at", u"c.created_at"_s, K::Time },
                            { "updated_at", u"c.updated_at"_s, K::Time } });
    return e;
}

const Entity &Entity::document()
{
    // With the title and version of its latest edition, so that a list needs no second query.
    static const Entity e(u"document"_s, u"d"_s, u"documents d LEFT JOIN editions e ON e.id = d.latest_edition_id"_s,
                          u"d.site_id"_s,
                          { { "id", u"d.id"_s, K::Id },
                            { "site_id", u"d.site_id"_s, K::Id },
                            { "sector_id", u"d.sector_id"_s, K::Id },
                            { "schema_id", u"d.schema_id"_s, K::Id },
                            { "slug", u"d.slug"_s, K::Text },
                            { "title", u"COALESCE(e.title, '')"_s, K::Text },
                            { "latest_edition_id", u"d.latest_edition_id"_s, K::OptionalId },
                            { "latest_state", u"d.latest_state"_s, K::Text },
                            { "live_edition_id", u"d.live_edition_id"_s, K::OptionalId },
                            { "created_by", u"d.created_by"_s, K::OptionalId },
                            { "created_at", u"d.created_at"_s, K::Time },
                            { "updated_at", u"d.updated_at"_s, K::Time } });
    return e;
}

const Entity &Entity::edition()
{
    static const Entity e(u"edition"_s, u"e"_s, u"editions e JOIN documents d ON d.id = e.document_id"_s, u"d.site_id"_s,
                          { { "id", u"e.id"_s, K::Id },
                            { "document_id", u"e.document_id"_s, K::Id },
                            { "site_id", u"d.site_id"_s, K::Id },
                            { "sector_id", u"d.sector_id"_s, K::Id },
                            { "schema_id", u"d.schema_id"_s, K::Id },
                            { "title", u"e.title"_s, K::Text },
                            { "fields", u"e.fields"_s, K::Json },
                            { "state", u"e.state"_s, K::Text },
                            { "change_note", u"e.change_note"_s, K::Text },
                            { "minor_change", u"e.minor_change"_s, K::Bool },
                            { "force_published", u"e.force_published"_s, K::Bool },
                            { "major_version", u"e.major_version"_s, K::OptionalInteger },
                            { "minor_version", u"e.minor_version"_s, K::OptionalInteger },
                            { "scheduled_publication", u"e.scheduled_publication"_s, K::OptionalTime },
                            { "first_published_at", u"e.first_published_at"_s, K::OptionalTime },
                            { "major_change_published_at", u"e.major_change_published_at"_s, K::OptionalTime },
                            { "lock_version", u"e.lock_version"_s, K::Integer },
                            { "created_by", u"e.created_by"_s, K::OptionalId },
                            { "updated_by", u"e.updated_by"_s, K::OptionalId },
                            { "updated_by_name", u"COALESCE((SELECT name FROM users WHERE id = e.updated_by), '')"_s, K::Text },
                            { "created_at", u"e.created_at"_s, K::Time },
                            { "updated_at", u"e.updated_at"_s, K::Time } });
    return e;
}

const Entity &Entity::remark()
{
    static const Entity e(u"remark"_s, u"r"_s, throughEdition(u"editorial_remarks"_s, u"r"_s), u"d.site_id"_s,
                          { { "id", u"r.id"_s, K::Id },
                            { "edition_id", u"r.edition_id"_s, K::Id },
                            { "document_id", u"e.document_id"_s, K::Id },
                            { "author_id", u"r.author_id"_s, K::OptionalId },
                            { "author_name", u"COALESCE((SELECT name FROM users WHERE id = r.author_id), '')"_s, K::Text },
                            { "body", u"r.body"_s, K::Text },
                            { "created_at", u"r.created_at"_s, K::Time } });
    return e;
}

const Entity &Entity::auditEntry()
{
    static const Entity e(u"audit_entry"_s, u"a"_s, throughEdition(u"audit_entries"_s, u"a"_s), u"d.site_id"_s,
                          { { "id", u"a.id"_s, K::Id },
                            { "edition_id", u"a.edition_id"_s, K::Id },
                            { "document_id", u"e.document_id"_s, K::Id },
                            { "from_state", u"a.from_state"_s, K::Text },
                            { "to_state", u"a.to_state"_s, K::Text },
                            { "event", u"a.event"_s, K::Text },
                            { "user_id", u"a.user_id"_s, K::OptionalId },
                            { "user_name", u"COALESCE((SELECT name FROM users WHERE id = a.user_id), '')"_s, K::Text },
                            { "created_at", u"a.created_at"_s, K::Time } });
    return e;
}

const Entity &Entity::unpublishing()
{
    static const Entity e(u"unpublishing"_s, u"p"_s, throughEdition(u"unpublishings"_s, u"p"_s), u"d.site_id"_s,
                          { { "id", u"p.id"_s, K::Id },
                            { "edition_id", u"p.edition_id"_s, K::Id },
                            { "reason", u"p.reason"_s, K::Text },
                            { "explanation", u"p.explanation"_s, K::Text },
                            { "alternative_url", u"p.alternative_url"_s, K::Text },
                            { "redirect", u"p.redirect"_s, K::Bool },
                            { "created_by", u"p.created_by"_s, K::OptionalId },
                            { "created_at", u"p.created_at"_s, K::Time },
                            { "updated_at", u"p.updated_at"_s, K::Time } });
    return e;
}

const Entity &Entity::linkCheck()
{
    static const Entity e(u"link_check"_s, u"l"_s, throughEdition(u"link_check_reports"_s, u"l"_s), u"d.site_id"_s,
                          { { "id", u"l.id"_s, K::Id },
                            { "edition_id", u"l.edition_id"_s, K::Id },
                            { "status", u"l.status"_s, K::Text },
                            { "links", u"l.links"_s, K::Json },
                            { "created_at", u"l.created_at"_s, K::Time },
                            { "completed_at", u"l.completed_at"_s, K::OptionalTime } });
    return e;
}

const Entity &Entity::destination()
{
    static const Entity e(u"destination"_s, u"t"_s, u"destinations t"_s, u"t.site_id"_s,
                          { { "id", u"t.id"_s, K::Id },
                            { "site_id", u"t.site_id"_s, K::Id },
                            { "name", u"t.name"_s, K::Text },
                            { "kind", u"t.kind"_s, K::Text },
                            { "url", u"t.url"_s, K::Text },
                            { "enabled", u"t.enabled"_s, K::Bool },
                            { "created_at", u"t.created_at"_s, K::Time } });
    return e;
}

const Entity &Entity::publishingRecord()
{
    static const Entity e(u"publishing_record"_s, u"pr"_s,
                          u"publishing_records pr JOIN destinations t ON t.id = pr.destination_id "
                          "JOIN editions e ON e.id = pr.edition_id JOIN documents d ON d.id = e.document_id"_s,
                          u"pr.site_id"_s,
                          { { "id", u"pr.id"_s, K::Id },
                            { "site_id", u"pr.site_id"_s, K::Id },
                            { "sector_id", u"d.sector_id"_s, K::Id },
                            { "document_id", u"e.document_id"_s, K::Id },
                            { "edition_id", u"pr.edition_id"_s, K::Id },
                            { "destination_id", u"pr.destination_id"_s, K::Id },
                            { "destination", u"t.name"_s, K::Text },
                            { "status", u"pr.status"_s, K::Text },
                            { "external_url", u"pr.external_url"_s, K::Text },
                            { "error", u"pr.error"_s, K::Text },
                            { "attempts", u"pr.attempts"_s, K::Integer },
                            { "created_at", u"pr.created_at"_s, K::Time },
                            { "updated_at", u"pr.updated_at"_s, K::Time } });
    return e;
}

const Entity &Entity::deployment()
{
    static const Entity e(u"deployment"_s, u"dp"_s, u"deployments dp"_s, u"dp.site_id"_s,
                          { { "id", u"dp.id"_s, K::Id },
                            { "site_id", u"dp.site_id"_s, K::Id },
                            { "version", u"dp.version"_s, K::Integer },
                            { "status", u"dp.status"_s, K::Text },
                            { "url", u"dp.url"_s, K::Text },
                            { "metadata", u"dp.metadata"_s, K::Json },
                            { "log", u"dp.log"_s, K::Text },
                            { "started_by", u"dp.started_by"_s, K::OptionalId },
                            { "created_at", u"dp.created_at"_s, K::Time },
                            { "updated_at", u"dp.updated_at"_s, K::Time } });
    return e;
}

QList<const Entity *> Entity::all()
{
    return { &site(), &sector(), &user(), &schema(), &document(), &edition(), &remark(), &auditEntry(),
             &unpublishing(), &linkCheck(), &destination(), &publishingRecord(), &deployment() };
}

const Entity *Entity::byName(const QString &name)
{
    static const QList<const Entity *> entities = all();
    for (const Entity *e : entities) {
        if (e->name() == name)
            return e;
    }
    return nullptr;
}

void Entity::write(JsonWriter &out, const QSqlQuery &row) const
{
    out.beginObject();
    for (qsizetype i = 0; i < m_fields.size(); ++i) {
        const Field &f = m_fields.at(i);
        const QVariant v = row.value(int(i));
        out.key(f.name);
        switch (f.kind) {
        case K::Id:
        case K::Integer:
            out.value(v.toLongLong());
            break;
        case K::OptionalId:
        case K::OptionalInteger:
            if (v.isNull())
                out.null();
            else
                out.value(v.toLongLong());
            break;
        case K::Text:
            if (v.isNull())
                out.null();
            else
                out.value(v.toString());
            break;
        case K::Bool:
            out.value(v.toBool());
            break;
        case K::Json:
            out.raw(v.toByteArray());
            break;
        case K::Time:
            out.value(isoTime(v.toLongLong()));
            break;
        case K::OptionalTime:
            if (v.isNull())
                out.null();
            else
                out.value(isoTime(v.toLongLong()));
            break;
        }
    }
    out.endObject();
}

std::optional<qint64> Entity::siteOf(const QSqlQuery &row) const
{
    const QVariant v = row.value(int(m_fields.size()));
    if (m_site.isEmpty() || v.isNull())
        return std::nullopt;
    return v.toLongLong();
}

std::optional<Entity::Loaded> Entity::load(QSqlDatabase &db, qint64 accountId, qint64 id, bool *failed) const
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    bool ok = q.prepare(m_select + u" WHERE %1.id = ? AND %1.account_id = ?"_s.arg(m_alias));
    q.addBindValue(id);
    q.addBindValue(accountId);
    ok = ok && q.exec();
    if (failed)
        *failed = !ok;
    if (!ok || !q.next())
        return std::nullopt;
    JsonWriter out;
    write(out, q);
    return Loaded { out.take(), siteOf(q) };
}

QString isoTime(qint64 msecs)
{
    return QDateTime::fromMSecsSinceEpoch(msecs, QTimeZone::UTC).toString(Qt::ISODateWithMs);
}

std::optional<qint64> parseIsoTime(const QString &text)
{
    const QDateTime t = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!t.isValid() || t.timeSpec() == Qt::LocalTime)
        return std::nullopt;   // an instant needs "Z" or an offset
    return t.toMSecsSinceEpoch();
}

} // namespace Galley::Server
