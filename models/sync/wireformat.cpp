#include "wireformat.h"

#include "store/replicawriter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTimeZone>

using namespace Qt::StringLiterals;

namespace Galley {

namespace {

Id idOf(const QJsonObject &o, QLatin1StringView key)
{
    return Id(o.value(key).toInteger());
}

Status unknown(const QString &what, const QString &value)
{
    return Error { u"invalid_wire_value"_s, u"The server sent an unknown %1 \"%2\"."_s.arg(what, value) };
}

} // namespace

QString WireFormat::tableOf(const QString &entity)
{
    static const QHash<QString, QString> tables {
        { u"site"_s, u"sites"_s },
        { u"sector"_s, u"sectors"_s },
        { u"user"_s, u"users"_s },
        { u"schema"_s, u"content_schemas"_s },
        { u"document"_s, u"documents"_s },
        { u"edition"_s, u"editions"_s },
        { u"remark"_s, u"editorial_remarks"_s },
        { u"audit_entry"_s, u"audit_entries"_s },
        { u"unpublishing"_s, u"unpublishings"_s },
        { u"link_check"_s, u"link_check_reports"_s },
        { u"publishing_record"_s, u"publishing_records"_s },
        { u"deployment"_s, u"deployments"_s },
    };
    return tables.value(entity);
}

namespace {
// Times the replica requires: an entry without one (written by an older server) gets the epoch
// rather than stopping the feed.
QDateTime required(const QDateTime &t)
{
    return t.isValid() ? t : QDateTime::fromMSecsSinceEpoch(0, QTimeZone::UTC);
}
} // namespace

QDateTime WireFormat::time(const QJsonValue &v)
{
    if (!v.isString())
        return {};
    const QString text = v.toString();
    // The server always writes "YYYY-MM-DDTHH:MM:SS.mmmZ": parse that shape by hand (a feed page
    // holds thousands), anything else through Qt.
    if (text.size() == 24 && text.at(23) == u'Z' && text.at(10) == u'T') {
        const auto num = [&text](int from, int len) {
            int n = 0;
            for (int i = from; i < from + len; ++i) {
                const char16_t c = text.at(i).unicode();
                if (c < u'0' || c > u'9')
                    return -1;
                n = n * 10 + (c - u'0');
            }
            return n;
        };
        const int y = num(0, 4), mo = num(5, 2), d = num(8, 2), h = num(11, 2), mi = num(14, 2), s = num(17, 2),
                  ms = num(20, 3);
        if (y >= 0 && mo > 0 && d > 0 && h >= 0 && mi >= 0 && s >= 0 && ms >= 0) {
            const QDate date(y, mo, d);
            const QTime clock(h, mi, s, ms);
            if (date.isValid() && clock.isValid())
                return QDateTime(date, clock, QTimeZone::UTC);
        }
    }
    QDateTime t = QDateTime::fromString(text, Qt::ISODateWithMs);
    return t.isValid() ? t.toUTC() : QDateTime();
}

QJsonValue WireFormat::time(const QDateTime &t)
{
    if (!t.isValid())
        return QJsonValue::Null;
    return t.toUTC().toString(Qt::ISODateWithMs);
}

Edition WireFormat::edition(const QJsonObject &o, Id accountId)
{
    Edition e;
    e.id = idOf(o, "id"_L1);
    e.accountId = accountId;
    e.documentId = idOf(o, "document_id"_L1);
    e.siteId = idOf(o, "site_id"_L1);
    e.sectorId = idOf(o, "sector_id"_L1);
    e.schemaId = idOf(o, "schema_id"_L1);
    e.title = o.value("title"_L1).toString();
    e.fields = o.value("fields"_L1).toObject();
    e.state = fromWire<EditionState>(o.value("state"_L1).toString()).value_or(EditionState::Draft);
    e.changeNote = o.value("change_note"_L1).toString();
    e.minorChange = o.value("minor_change"_L1).toBool();
    e.forcePublished = o.value("force_published"_L1).toBool();
    e.version.major = o.value("major_version"_L1).toInt();
    e.version.minor = o.value("minor_version"_L1).toInt();
    e.scheduledPublication = time(o.value("scheduled_publication"_L1));
    e.firstPublishedAt = time(o.value("first_published_at"_L1));
    e.majorChangePublishedAt = time(o.value("major_change_published_at"_L1));
    e.lockVersion = o.value("lock_version"_L1).toInt(1);
    e.createdBy = idOf(o, "created_by"_L1);
    e.createdAt = required(time(o.value("created_at"_L1)));
    e.updatedAt = required(time(o.value("updated_at"_L1)));
    return e;
}

QJsonObject WireFormat::toWire(const Edition &e)
{
    const auto optionalInt = [](int v) { return v > 0 ? QJsonValue(v) : QJsonValue(QJsonValue::Null); };
    return QJsonObject {
        { u"id"_s, e.id },
        { u"document_id"_s, e.documentId },
        { u"site_id"_s, e.siteId },
        { u"sector_id"_s, e.sectorId },
        { u"schema_id"_s, e.schemaId },
        { u"title"_s, e.title },
        { u"fields"_s, e.fields },
        { u"state"_s, Galley::toWire(e.state) },
        { u"change_note"_s, e.changeNote },
        { u"minor_change"_s, e.minorChange },
        { u"force_published"_s, e.forcePublished },
        { u"major_version"_s, optionalInt(e.version.major) },
        { u"minor_version"_s, e.version.isSet() ? QJsonValue(e.version.minor) : QJsonValue(QJsonValue::Null) },
        { u"scheduled_publication"_s, time(e.scheduledPublication) },
        { u"first_published_at"_s, time(e.firstPublishedAt) },
        { u"major_change_published_at"_s, time(e.majorChangePublishedAt) },
        { u"lock_version"_s, e.lockVersion },
        { u"created_by"_s, e.createdBy > 0 ? QJsonValue(e.createdBy) : QJsonValue(QJsonValue::Null) },
        { u"created_at"_s, time(e.createdAt) },
        { u"updated_at"_s, time(e.updatedAt) },
    };
}

ContentSchema WireFormat::schema(const QJsonObject &o, Id accountId)
{
    ContentSchema s;
    s.id = idOf(o, "id"_L1);
    s.accountId = accountId;
    s.name = o.value("name"_L1).toString();
    s.description = o.value("description"_L1).toString();
    s.dialect = fromWire<SchemaDialect>(o.value("dialect"_L1).toString()).value_or(SchemaDialect::Draft2020_12);
    s.specDoc = o.value("spec_doc"_L1).toObject();
    s.specText = o.value("spec_text"_L1).toString();
    s.authPolicy = o.value("auth_policy"_L1).toString();
    s.lockVersion = o.value("lock_version"_L1).toInt(1);
    s.createdAt = required(time(o.value("created_at"_L1)));
    s.updatedAt = required(time(o.value("updated_at"_L1)));
    return s;
}

QJsonObject WireFormat::toWire(const ContentSchema &s)
{
    return QJsonObject {
        { u"id"_s, s.id },
        { u"account_id"_s, s.accountId },
        { u"name"_s, s.name },
        { u"description"_s, s.description },
        { u"dialect"_s, Galley::toWire(s.dialect) },
        { u"spec_doc"_s, s.specDoc },
        { u"spec_text"_s, s.specText.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(s.specText) },
        { u"auth_policy"_s, s.authPolicy },
        { u"lock_version"_s, s.lockVersion },
        { u"created_at"_s, time(s.createdAt) },
        { u"updated_at"_s, time(s.updatedAt) },
    };
}

Document WireFormat::document(const QJsonObject &o, Id accountId)
{
    Document d;
    d.id = idOf(o, "id"_L1);
    d.accountId = accountId;
    d.siteId = idOf(o, "site_id"_L1);
    d.sectorId = idOf(o, "sector_id"_L1);
    d.schemaId = idOf(o, "schema_id"_L1);
    d.slug = o.value("slug"_L1).toString();
    d.createdBy = idOf(o, "created_by"_L1);
    d.createdAt = required(time(o.value("created_at"_L1)));
    return d;
}

Status WireFormat::apply(ReplicaWriter &w, const QString &entity, const QJsonObject &o, Id accountId)
{
    if (entity == "edition"_L1)
        return w.upsert(edition(o, accountId));
    if (entity == "audit_entry"_L1) {
        AuditEntry a;
        a.id = idOf(o, "id"_L1);
        a.editionId = idOf(o, "edition_id"_L1);
        const QJsonValue from = o.value("from_state"_L1);
        if (from.isString() && !from.toString().isEmpty())
            a.fromState = fromWire<EditionState>(from.toString());
        const auto to = fromWire<EditionState>(o.value("to_state"_L1).toString());
        if (!to)
            return unknown(u"edition state"_s, o.value("to_state"_L1).toString());
        a.toState = *to;
        a.userId = idOf(o, "user_id"_L1);
        a.userName = o.value("user_name"_L1).toString();
        a.at = required(time(o.value("created_at"_L1)));
        return w.upsert(a);
    }
    if (entity == "document"_L1)
        return w.upsert(document(o, accountId));
    if (entity == "remark"_L1) {
        EditorialRemark r;
        r.id = idOf(o, "id"_L1);
        r.editionId = idOf(o, "edition_id"_L1);
        r.authorId = idOf(o, "author_id"_L1);
        r.authorName = o.value("author_name"_L1).toString();
        r.body = o.value("body"_L1).toString();
        r.createdAt = required(time(o.value("created_at"_L1)));
        return w.upsert(r);
    }
    if (entity == "schema"_L1)
        return w.upsert(schema(o, accountId));
    if (entity == "site"_L1) {
        Site s;
        s.id = idOf(o, "id"_L1);
        s.accountId = accountId;
        s.name = o.value("name"_L1).toString();
        s.domain = o.value("domain"_L1).toString();
        s.createdAt = required(time(o.value("created_at"_L1)));
        return w.upsert(s);
    }
    if (entity == "sector"_L1) {
        Sector s;
        s.id = idOf(o, "id"_L1);
        s.accountId = accountId;
        s.siteId = idOf(o, "site_id"_L1);
        s.name = o.value("name"_L1).toString();
        return w.upsert(s);
    }
    if (entity == "user"_L1) {
        User u;
        u.id = idOf(o, "id"_L1);
        u.accountId = accountId;
        u.email = o.value("email"_L1).toString();
        u.name = o.value("name"_L1).toString();
        const auto role = fromWire<Role>(o.value("role"_L1).toString());
        if (!role)
            return unknown(u"role"_s, o.value("role"_L1).toString());
        u.role = *role;
        return w.upsert(u);
    }
    if (entity == "unpublishing"_L1) {
        Unpublishing u;
        u.id = idOf(o, "id"_L1);
        u.editionId = idOf(o, "edition_id"_L1);
        const auto reason = fromWire<UnpublishingReason>(o.value("reason"_L1).toString());
        if (!reason)
            return unknown(u"unpublishing reason"_s, o.value("reason"_L1).toString());
        u.reason = *reason;
        u.explanation = o.value("explanation"_L1).toString();
        u.alternativeUrl = o.value("alternative_url"_L1).toString();
        u.redirect = o.value("redirect"_L1).toBool();
        u.createdAt = required(time(o.value("created_at"_L1)));
        return w.upsert(u);
    }
    if (entity == "link_check"_L1) {
        LinkCheckReport r;
        r.id = idOf(o, "id"_L1);
        r.editionId = idOf(o, "edition_id"_L1);
        r.checkedAt = time(o.value("completed_at"_L1));
        if (!r.checkedAt.isValid())
            r.checkedAt = required(time(o.value("created_at"_L1)));
        const QJsonArray links = o.value("links"_L1).toArray();
        for (const QJsonValue &v : links) {
            const QJsonObject l = v.toObject();
            LinkCheckItem item;
            item.url = l.value("url"_L1).toString();
            item.status = fromWire<LinkStatus>(l.value("status"_L1).toString()).value_or(LinkStatus::Caution);
            item.problem = l.value("problem"_L1).toString();
            r.links.append(item);
        }
        return w.upsert(r);
    }
    if (entity == "publishing_record"_L1) {
        PublishingRecord p;
        p.id = idOf(o, "id"_L1);
        p.accountId = accountId;
        p.siteId = idOf(o, "site_id"_L1);
        p.sectorId = idOf(o, "sector_id"_L1);
        p.editionId = idOf(o, "edition_id"_L1);
        p.destination = o.value("destination"_L1).toString();
        p.status = fromWire<PublishingStatus>(o.value("status"_L1).toString()).value_or(PublishingStatus::Pending);
        p.externalUrl = o.value("external_url"_L1).toString();
        p.error = o.value("error"_L1).toString();
        p.createdAt = required(time(o.value("created_at"_L1)));
        p.updatedAt = required(time(o.value("updated_at"_L1)));
        return w.upsert(p);
    }
    if (entity == "deployment"_L1) {
        DeploymentRecord d;
        d.id = idOf(o, "id"_L1);
        d.accountId = accountId;
        d.siteId = idOf(o, "site_id"_L1);
        d.version = o.value("version"_L1).toInt();
        d.status = fromWire<DeploymentStatus>(o.value("status"_L1).toString()).value_or(DeploymentStatus::Pending);
        d.url = o.value("url"_L1).toString();
        d.metadata = o.value("metadata"_L1).toObject();
        d.log = o.value("log"_L1).toString();
        d.startedBy = idOf(o, "started_by"_L1);
        d.createdAt = required(time(o.value("created_at"_L1)));
        if (d.status == DeploymentStatus::Deployed || d.status == DeploymentStatus::Failed
            || d.status == DeploymentStatus::RolledBack)
            d.finishedAt = time(o.value("updated_at"_L1));
        return w.upsert(d);
    }
    return {};   // an entity the replica does not keep (destinations): nothing to do
}

Status WireFormat::remove(ReplicaWriter &w, const QString &entity, Id id)
{
    const QString table = tableOf(entity);
    if (table.isEmpty())
        return {};
    return w.remove(table, id);
}

} // namespace Galley
