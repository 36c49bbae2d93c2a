// Documents and editions (api.md "Resources"; workflow.md "Documents and editions"):
//   GET  /documents?site=&sector=&schema=&state=&q=     POST /documents
//   GET  /documents/{document}                         GET  /documents/{document}/history
//   GET  /editions/{edition}                           PUT  /editions/{edition}
//   GET  /editions/{edition}/remarks                   POST /editions/{edition}/remarks
//   GET  /editions/{edition}/link-check
// State transitions, new editions and running link checks belong to the workflow routes.
//
// Decisions where api.md is silent:
// - The document list is ordered newest document first (d.id DESC): every filter combination
//   then walks one of the documents_* indexes backwards ((account_id, id), (site_id, id),
//   (account_id, latest_state, id), …) and stops after the page. `state` filters on the latest
//   edition's state (documents.latest_state), `q` is a case-insensitive substring of the latest
//   edition's title. A filter naming a site, sector or schema the caller cannot see gives an
//   empty list, exactly like one that does not exist.
// - GET /documents/{id} lists all editions, newest first; the history's four arrays are a
//   timeline, oldest first.
// - Body problems are 422 `invalid`, one entry per problem with a JSON pointer and a code:
//   required, type, unknown_field, length, format, not_found (a site, sector or schema that is
//   not the caller's: whether it exists elsewhere is not revealed), wrong_site, taken, mismatch.
// - A schema's auth_policy names the least role that may create content with it ("writer",
//   "editor", …, mapped through roleHas); a caller below it gets 403.
// - A slug given explicitly must be free on its site (422 `taken` otherwise); a derived one
//   gets "-2", "-3", … A document whose latest state is deleted frees its slug.
// - PUT /editions/{id} edits any open edition (draft, submitted, rejected: workflow.md's
//   "edit" row); others are 422 `not_editable`. lock_version comes from the body or from
//   If-Match; when both are given they must agree.
#include "listing.h"
#include "tenancy.h"
#include "v1.h"
#include "write.h"

#include "linkcheck/linkcheckrunner.h"
#include "storage/serverstore.h"

#include "domain/enums.h"
#include "domain/permissions.h"
#include "workflow/workflow.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QSqlQuery>
#include <QStringList>

#include <algorithm>
#include <cmath>
#include <initializer_list>

using namespace Qt::StringLiterals;

namespace Galley::Server {

namespace {

constexpr qsizetype kMaxTitle = 500;
constexpr qsizetype kMaxChangeNote = 10000;
constexpr qsizetype kMaxRemark = 10000;
constexpr qsizetype kMaxSlug = 100;
constexpr qsizetype kDerivedSlug = 80;

// RFC 6901: "~" → "~0", "/" → "~1".
QString pointer(const QString &member)
{
    QString escaped = member;
    escaped.replace(u'~', u"~0"_s).replace(u'/', u"~1"_s);
    return u'/' + escaped;
}

// The JSON pointer of the first string or member name inside `v` that contains U+0000; a null
// QString when there is none.
QString nulInside(const QJsonValue &v, const QString &at)
{
    if (v.isString())
        return v.toString().contains(QChar(u'\0')) ? at : QString();
    if (v.isArray()) {
        const QJsonArray array = v.toArray();
        for (qsizetype i = 0; i < array.size(); ++i) {
            if (const QString found = nulInside(array.at(i), at + u'/' + QString::number(i)); !found.isNull())
                return found;
        }
    } else if (v.isObject()) {
        const QJsonObject object = v.toObject();
        for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
            const QString member = it.key();
            const QString here = at + pointer(member);
            if (member.contains(QChar(u'\0')))
                return here;
            if (const QString found = nulInside(it.value(), here); !found.isNull())
                return found;
        }
    }
    return {};
}

// Reads a JSON object body member by member, collecting one FieldError per problem so that a
// client hears about all of them at once. `null` counts as absent.
class BodyReader
{
public:
    BodyReader(const QJsonObject &body, std::initializer_list<QLatin1StringView> allowed) : m_body(body)
    {
        for (auto it = body.constBegin(); it != body.constEnd(); ++it) {
            if (std::find(allowed.begin(), allowed.end(), it.key()) == allowed.end())
                fail(it.key(), u"unknown_field"_s, u"'%1' is not a member of this request."_s.arg(it.key()));
        }
    }

    bool has(QLatin1StringView name) const
    {
        const QJsonValue v = m_body.value(name);
        return !v.isUndefined() && !v.isNull();
    }

    // A positive integer (an id or a lock version).
    std::optional<qint64> positive(QLatin1StringView name, bool required)
    {
        if (!present(name, required))
            return std::nullopt;
        const QJsonValue v = m_body.value(name);
        const double d = v.toDouble(-1);
        if (!v.isDouble() || d < 1 || d > 9007199254740991.0 || std::floor(d) != d) {
            fail(name, u"type"_s, u"'%1' must be a positive integer."_s.arg(name));
            return std::nullopt;
        }
        return qint64(d);
    }

    // A string of minLength…maxLength characters (after trimming when `trim`).
    std::optional<QString> text(QLatin1StringView name, bool required, qsizetype minLength, qsizetype maxLength,
                                bool trim = true)
    {
        if (!present(name, required))
            return std::nullopt;
        const QJsonValue v = m_body.value(name);
        if (!v.isString()) {
            fail(name, u"type"_s, u"'%1' must be a string."_s.arg(name));
            return std::nullopt;
        }
        QString s = trim ? v.toString().trimmed() : v.toString();
        if (s.isNull())
            s = u""_s;   // bound as '' rather than NULL
        if (s.contains(QChar(u'\0'))) {
            fail(name, u"format"_s, u"'%1' must not contain NUL characters."_s.arg(name));
            return std::nullopt;
        }
        const qsizetype length = s.toUcs4().size();
        if (length < minLength) {
            fail(name, minLength == 1 ? u"required"_s : u"length"_s,
                 minLength == 1 ? u"'%1' must not be empty."_s.arg(name)
                                : u"'%1' must be at least %2 characters long."_s.arg(name).arg(minLength));
            return std::nullopt;
        }
        if (length > maxLength) {
            fail(name, u"length"_s, u"'%1' must be at most %2 characters long."_s.arg(name).arg(maxLength));
            return std::nullopt;
        }
        return s;
    }

    std::optional<QJsonObject> object(QLatin1StringView name, bool required)
    {
        if (!present(name, required))
            return std::nullopt;
        const QJsonValue v = m_body.value(name);
        if (!v.isObject()) {
            fail(name, u"type"_s, u"'%1' must be a JSON object."_s.arg(name));
            return std::nullopt;
        }
        // Neither database stores U+0000 in text or JSON: refuse it rather than fail later.
        if (const QString where = nulInside(v, pointer(name)); !where.isNull()) {
            m_errors.append(FieldError { u"format"_s, u"Text in '%1' must not contain NUL characters."_s.arg(name), where });
            return std::nullopt;
        }
        return v.toObject();
    }

    std::optional<bool> boolean(QLatin1StringView name)
    {
        if (!present(name, false))
            return std::nullopt;
        const QJsonValue v = m_body.value(name);
        if (!v.isBool()) {
            fail(name, u"type"_s, u"'%1' must be true or false."_s.arg(name));
            return std::nullopt;
        }
        return v.toBool();
    }

    void fail(const QString &member, const QString &code, const QString &message)
    {
        m_errors.append(FieldError { code, message, pointer(member) });
    }

    bool ok() const { return m_errors.isEmpty(); }
    const QList<FieldError> &errors() const { return m_errors; }

private:
    bool present(QLatin1StringView name, bool required)
    {
        if (has(name))
            return true;
        if (required)
            fail(name, u"required"_s, u"'%1' is required."_s.arg(name));
        return false;
    }

    QJsonObject m_body;
    QList<FieldError> m_errors;
};

ApiError invalid(const QList<FieldError> &errors)
{
    const QString message = errors.size() == 1
            ? errors.constFirst().message
            : u"The request has %1 problems; each is listed in errors."_s.arg(errors.size());
    return ApiError::invalid(message, errors);
}

// A refusal with its own code and status (422 not_editable, 404 with a specific message).
ApiError refusal(int status, const QString &code, const QString &message, const QString &field = {})
{
    return ApiError { status, code, message, { FieldError { code, message, field } }, 0, {} };
}

ApiSuccess rawAnswer(QByteArray json, int status = 200)
{
    ApiSuccess success;
    success.rawData = std::move(json);
    success.httpStatus = status;
    return success;
}

QStringList editionStateNames()
{
    QStringList names;
    for (const EditionState s : allEditionStates())
        names << toWire(s);
    return names;
}

// "a draft", "an unpublished".
QString withArticle(const QString &word)
{
    static const QString vowels = u"aeiou"_s;
    return (!word.isEmpty() && vowels.contains(word.at(0)) ? u"An "_s : u"A "_s) + word;
}

// Whether a role may create content with a schema whose auth_policy names `policy`: the policy
// is the least role, mapped onto the permission that role adds (api.md's role table). An empty
// or unknown policy asks for no more than content.write.
bool mayUseSchema(Role role, const QString &policy)
{
    const std::optional<Role> least = fromWire<Role>(policy);
    if (!least)
        return roleHas(role, Permission::WriteContent);
    switch (*least) {
    case Role::Viewer:
    case Role::Writer: return roleHas(role, Permission::WriteContent);
    case Role::Editor: return roleHas(role, Permission::Review);
    case Role::ManagingEditor: return roleHas(role, Permission::Manage);
    case Role::SchemaDesigner: return roleHas(role, Permission::SaveSchema);
    case Role::Admin: return roleHas(role, Permission::Administer);
    }
    return false;
}

// "Größe & Ærø: 2027!" → "grosse-aero-2027": lower-case ASCII letters and digits, runs of
// anything else as one hyphen, at most kDerivedSlug characters, "document" when nothing is left.
QString slugFromTitle(const QString &title)
{
    static const QHash<char32_t, QString> spelled {
        { U'ß', u"ss"_s }, { U'æ', u"ae"_s }, { U'Æ', u"ae"_s }, { U'ø', u"o"_s }, { U'Ø', u"o"_s },
        { U'œ', u"oe"_s }, { U'Œ', u"oe"_s }, { U'ł', u"l"_s },  { U'Ł', u"l"_s }, { U'đ', u"d"_s },
        { U'Đ', u"d"_s },  { U'ð', u"d"_s },  { U'þ', u"th"_s }, { U'Þ', u"th"_s },
    };
    QString out;
    bool gap = false;
    const auto add = [&](QChar c) {
        if (gap && !out.isEmpty())
            out += u'-';
        gap = false;
        out += c.toLower();
    };
    for (const char32_t cp : title.normalized(QString::NormalizationForm_KD).toUcs4()) {
        if (cp < 128 && QChar::isLetterOrNumber(cp)) {
            add(QChar(char16_t(cp)));
        } else if (QChar::category(cp) == QChar::Mark_NonSpacing) {
            continue;   // the accent of a decomposed letter
        } else if (const auto it = spelled.constFind(cp); it != spelled.cend()) {
            for (const QChar c : *it)
                add(c);
        } else {
            gap = true;
        }
        if (out.size() >= kDerivedSlug)
            break;
    }
    out.truncate(kDerivedSlug);
    while (out.endsWith(u'-'))
        out.chop(1);
    return out.isEmpty() ? u"document"_s : out;
}

bool validSlug(const QString &slug)
{
    static const QRegularExpression re(u"^[a-z0-9]+(?:-[a-z0-9]+)*$"_s);
    return slug.size() <= kMaxSlug && re.match(slug).hasMatch();
}

// Runs the entity's select() followed by `tail` ("WHERE … ORDER BY …", binds in order) and
// writes every row as an object of `entity` into an array.
bool writeRows(JsonWriter &out, QSqlDatabase &db, const Entity &entity, const QString &tail, const QVariantList &binds)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    bool ok = q.prepare(entity.select() + u' ' + tail);
    for (const QVariant &v : binds)
        q.addBindValue(v);
    ok = ok && q.exec();
    if (!ok) {
        Write::storageFailure(q, "cannot read rows:");
        return false;
    }
    out.beginArray();
    while (q.next())
        entity.write(out, q);
    out.endArray();
    return true;
}

// The document as JSON with its editions, newest first: {…document…, "editions": […]}.
// nullopt: no such document (`failed` false) or a failed query.
std::optional<QByteArray> documentWithEditions(QSqlDatabase &db, qint64 accountId, qint64 documentId, bool *failed)
{
    *failed = false;
    auto document = Entity::document().load(db, accountId, documentId, failed);
    if (!document)
        return std::nullopt;
    JsonWriter editions(2048);
    if (!writeRows(editions, db, Entity::edition(), u"WHERE e.document_id = ? AND e.account_id = ? ORDER BY e.id DESC"_s,
                   { documentId, accountId })) {
        *failed = true;
        return std::nullopt;
    }
    QByteArray json = std::move(document->json);
    json.chop(1);   // the closing brace
    json += ",\"editions\":";
    json += editions.bytes();
    json += '}';
    return json;
}

// If-Match: "3", 3 or W/"3" → 3; nullopt when absent; 0 when malformed.
std::optional<qint64> ifMatch(const RequestContext &c)
{
    QByteArray value = c.header("if-match").trimmed();
    if (value.isEmpty())
        return std::nullopt;
    if (value.startsWith("W/"))
        value = value.mid(2);
    if (value.size() >= 2 && value.startsWith('"') && value.endsWith('"'))
        value = value.mid(1, value.size() - 2);
    bool ok = false;
    const qint64 n = value.toLongLong(&ok);
    return ok && n > 0 && !value.startsWith('+') ? n : 0;
}

// --------------------------------------------------------------------------------- documents

HandlerResult listDocuments(ServerStore &store, const RequestContext &c)
{
    const TenancyScope scope(c.user());
    QString where = scope.condition(Entity::document());
    QVariantList binds;
    if (const auto site = c.queryInt(u"site"_s)) {
        where += u" AND d.site_id = ?"_s;
        binds << *site;
    }
    if (const auto sector = c.queryInt(u"sector"_s)) {
        where += u" AND d.sector_id = ?"_s;
        binds << *sector;
    }
    if (const auto schema = c.queryInt(u"schema"_s)) {
        where += u" AND d.schema_id = ?"_s;
        binds << *schema;
    }
    if (const auto state = c.queryString(u"state"_s)) {
        where += u" AND d.latest_state = ?"_s;
        binds << *state;
    }
    if (const auto q = c.queryString(u"q"_s)) {
        if (q->contains(QChar(u'\0')))
            return ApiError::badRequest(u"Query parameter 'q' must not contain NUL characters."_s, u"q"_s);
        if (!q->trimmed().isEmpty()) {
            where += u" AND "_s + store.dialect().caseInsensitiveLike(u"e.title"_s);
            binds << likePattern(q->trimmed());
        }
    }
    return listEntities(store, scope.accountId(), Entity::document(), where, binds, u"d.id DESC"_s, Paging::of(c));
}

HandlerResult getDocument(ServerStore &store, const RequestContext &c)
{
    QSqlDatabase db = store.connection();
    bool failed = false;
    auto json = documentWithEditions(db, c.user().accountId, c.pathId(u"document"_s), &failed);
    if (failed)
        return ApiError::internal();
    if (!json)
        return ApiError::notFound();
    return rawAnswer(std::move(*json));
}

HandlerResult documentHistory(ServerStore &store, const RequestContext &c)
{
    QSqlDatabase db = store.connection();
    const qint64 account = c.user().accountId;
    const qint64 document = c.pathId(u"document"_s);
    const QVariantList binds { document, account };
    JsonWriter out(8192);
    out.beginObject();
    out.key("editions");
    if (!writeRows(out, db, Entity::edition(), u"WHERE e.document_id = ? AND e.account_id = ? ORDER BY e.created_at, e.id"_s, binds))
        return ApiError::internal();
    out.key("audit");
    if (!writeRows(out, db, Entity::auditEntry(), u"WHERE e.document_id = ? AND a.account_id = ? ORDER BY a.created_at, a.id"_s, binds))
        return ApiError::internal();
    out.key("remarks");
    if (!writeRows(out, db, Entity::remark(), u"WHERE e.document_id = ? AND r.account_id = ? ORDER BY r.created_at, r.id"_s, binds))
        return ApiError::internal();
    out.key("unpublishings");
    if (!writeRows(out, db, Entity::unpublishing(), u"WHERE e.document_id = ? AND p.account_id = ? ORDER BY p.created_at, p.id"_s, binds))
        return ApiError::internal();
    out.endObject();
    return rawAnswer(out.take());
}

// The slug a new document gets on its site: `wanted` itself when free, else wanted-2, -3, …
// Documents whose latest state is deleted do not hold theirs.
std::optional<QString> freeSlug(QSqlDatabase &db, qint64 accountId, qint64 siteId, const QString &wanted, bool exact,
                                bool *taken)
{
    *taken = false;
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(u"SELECT slug FROM documents WHERE site_id = ? AND account_id = ? AND (slug = ? OR slug LIKE ? ESCAPE '\\') "
              "AND (latest_state IS NULL OR latest_state <> 'deleted')"_s);
    q.addBindValue(siteId);
    q.addBindValue(accountId);
    q.addBindValue(wanted);
    QString prefix = wanted + u'-';
    prefix.replace(u'\\', u"\\\\"_s).replace(u'%', u"\\%"_s).replace(u'_', u"\\_"_s);
    q.addBindValue(exact ? wanted : prefix + u'%');
    if (!q.exec()) {
        Write::storageFailure(q, "cannot look up slugs:");
        return std::nullopt;
    }
    QSet<QString> used;
    while (q.next())
        used.insert(q.value(0).toString());
    if (!used.contains(wanted))
        return wanted;
    if (exact) {
        *taken = true;
        return std::nullopt;
    }
    for (int n = 2;; ++n) {
        const QString candidate = wanted + u'-' + QString::number(n);
        if (!used.contains(candidate))
            return candidate;
    }
}

HandlerResult createDocument(const ApiContext &api, const RequestContext &c)
{
    BodyReader body(c.body, { "site_id"_L1, "sector_id"_L1, "schema_id"_L1, "slug"_L1, "title"_L1, "fields"_L1,
                              "change_note"_L1 });
    const auto siteId = body.positive("site_id"_L1, true);
    const auto sectorId = body.positive("sector_id"_L1, true);
    const auto schemaId = body.positive("schema_id"_L1, true);
    const auto title = body.text("title"_L1, true, 1, kMaxTitle);
    const auto fields = body.object("fields"_L1, true);
    const auto changeNote = body.text("change_note"_L1, false, 0, kMaxChangeNote, false);
    const auto slug = body.text("slug"_L1, false, 1, kMaxSlug);
    if (slug && !validSlug(*slug))
        body.fail(u"slug"_s, u"format"_s, u"A slug is lower-case letters and digits separated by single hyphens."_s);
    if (!body.ok())
        return invalid(body.errors());

    const Caller &caller = c.user();
    const TenancyScope scope(caller);
    Write w(api.store, api.events, caller);
    if (!w.ok())
        return w.failure();
    QSqlDatabase &db = w.db();
    const bool postgres = api.store.dialect().backend() == SqlDialect::Backend::PostgreSql;

    // References: the caller's own and visible, or "no such" (never "someone else's"). On
    // PostgreSQL the site row is locked so that concurrent creates on one site pick distinct
    // slugs (SQLite's write lock already serialises them); NO KEY UPDATE leaves foreign-key
    // checks of other writers alone.
    QList<FieldError> problems;
    {
        QSqlQuery q(db);
        q.prepare(u"SELECT id FROM sites WHERE id = ? AND account_id = ?"_s + (postgres ? u" FOR NO KEY UPDATE"_s : QString()));
        q.addBindValue(*siteId);
        q.addBindValue(caller.accountId);
        if (!q.exec())
            return Write::storageFailure(q, "cannot read a site:");
        if (!q.next() || !scope.seesSite(*siteId))
            problems.append(FieldError { u"not_found"_s, u"No such site."_s, u"/site_id"_s });
    }
    {
        QSqlQuery q(db);
        q.prepare(u"SELECT site_id FROM sectors WHERE id = ? AND account_id = ?"_s);
        q.addBindValue(*sectorId);
        q.addBindValue(caller.accountId);
        if (!q.exec())
            return Write::storageFailure(q, "cannot read a sector:");
        if (!q.next() || !scope.seesSite(q.value(0).toLongLong()))
            problems.append(FieldError { u"not_found"_s, u"No such sector."_s, u"/sector_id"_s });
        else if (q.value(0).toLongLong() != *siteId)
            problems.append(FieldError { u"wrong_site"_s, u"The sector belongs to another site."_s, u"/sector_id"_s });
    }
    QString schemaName;
    QString policy;
    {
        QSqlQuery q(db);
        q.prepare(u"SELECT name, auth_policy FROM content_schemas WHERE id = ? AND account_id = ?"_s);
        q.addBindValue(*schemaId);
        q.addBindValue(caller.accountId);
        if (!q.exec())
            return Write::storageFailure(q, "cannot read a schema:");
        if (q.next()) {
            schemaName = q.value(0).toString();
            policy = q.value(1).toString();
        } else {
            problems.append(FieldError { u"not_found"_s, u"No such schema."_s, u"/schema_id"_s });
        }
    }
    if (!problems.isEmpty())
        return invalid(problems);
    if (!mayUseSchema(caller.role, policy))
        return ApiError::forbidden(u"Content of the schema '%1' may only be created by the %2 role or above."_s
                                           .arg(schemaName, policy));

    bool taken = false;
    const auto chosen = freeSlug(db, caller.accountId, *siteId, slug ? *slug : slugFromTitle(*title), slug.has_value(), &taken);
    if (taken)
        return invalid({ FieldError { u"taken"_s, u"Another document of this site already uses the slug '%1'."_s.arg(*slug),
                                      u"/slug"_s } });
    if (!chosen)
        return ApiError::internal();

    const qint64 now = w.now();
    qint64 documentId = 0;
    {
        QSqlQuery q(db);
        q.prepare(u"INSERT INTO documents (account_id, site_id, sector_id, schema_id, slug, latest_state, created_by, "
                  "created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'draft', ?, ?, ?) RETURNING id"_s);
        for (const QVariant &v : QVariantList { caller.accountId, *siteId, *sectorId, *schemaId, *chosen, caller.userId, now, now })
            q.addBindValue(v);
        if (!q.exec() || !q.next())
            return Write::storageFailure(q, "cannot insert a document:");
        documentId = q.value(0).toLongLong();
    }
    qint64 editionId = 0;
    {
        QSqlQuery q(db);
        q.prepare(u"INSERT INTO editions (account_id, document_id, title, fields, state, change_note, lock_version, "
                  "created_by, updated_by, created_at, updated_at) VALUES (?, ?, ?, %1, 'draft', ?, 1, ?, ?, ?, ?) RETURNING id"_s
                          .arg(api.store.dialect().jsonParameter()));
        for (const QVariant &v : QVariantList { caller.accountId, documentId, *title,
                                                QString::fromUtf8(QJsonDocument(*fields).toJson(QJsonDocument::Compact)),
                                                changeNote.value_or(u""_s), caller.userId, caller.userId, now, now })
            q.addBindValue(v);
        if (!q.exec() || !q.next())
            return Write::storageFailure(q, "cannot insert an edition:");
        editionId = q.value(0).toLongLong();
    }
    qint64 auditId = 0;
    {
        QSqlQuery q(db);
        q.prepare(u"INSERT INTO audit_entries (account_id, edition_id, from_state, to_state, event, user_id, created_at) "
                  "VALUES (?, ?, NULL, 'draft', 'create', ?, ?) RETURNING id"_s);
        for (const QVariant &v : QVariantList { caller.accountId, editionId, caller.userId, now })
            q.addBindValue(v);
        if (!q.exec() || !q.next())
            return Write::storageFailure(q, "cannot insert an audit entry:");
        auditId = q.value(0).toLongLong();
    }
    {
        QSqlQuery q(db);
        q.prepare(u"UPDATE documents SET latest_edition_id = ? WHERE id = ? AND account_id = ?"_s);
        q.addBindValue(editionId);
        q.addBindValue(documentId);
        q.addBindValue(caller.accountId);
        if (!q.exec())
            return Write::storageFailure(q, "cannot update a document:");
    }
    bool failed = false;
    auto json = documentWithEditions(db, caller.accountId, documentId, &failed);
    if (!json)
        return ApiError::internal();
    w.touched(Entity::document(), documentId);
    w.touched(Entity::edition(), editionId);
    w.touched(Entity::auditEntry(), auditId);
    return w.commit(rawAnswer(std::move(*json), 201));
}

// ---------------------------------------------------------------------------------- editions

HandlerResult updateEdition(const ApiContext &api, const RequestContext &c)
{
    BodyReader body(c.body, { "lock_version"_L1, "title"_L1, "fields"_L1, "change_note"_L1, "minor_change"_L1 });
    std::optional<qint64> lockVersion = body.positive("lock_version"_L1, false);
    const auto title = body.text("title"_L1, false, 1, kMaxTitle);
    const auto fields = body.object("fields"_L1, false);
    const auto changeNote = body.text("change_note"_L1, false, 0, kMaxChangeNote, false);
    const auto minorChange = body.boolean("minor_change"_L1);
    const std::optional<qint64> header = ifMatch(c);
    if (header == 0)
        return ApiError::badRequest(u"If-Match must be the edition's lock_version, e.g. If-Match: \"3\"."_s, u"If-Match"_s);
    if (header && lockVersion && *header != *lockVersion)
        body.fail(u"lock_version"_s, u"mismatch"_s,
                  u"lock_version (%1) and If-Match (%2) disagree; send one of them."_s.arg(*lockVersion).arg(*header));
    if (!lockVersion)
        lockVersion = header;
    if (!lockVersion && !body.has("lock_version"_L1))
        body.fail(u"lock_version"_s, u"required"_s,
                  u"'lock_version' is required (in the body or as If-Match): the version of the edition you edited."_s);
    if (!body.ok())
        return invalid(body.errors());

    const Caller &caller = c.user();
    const qint64 id = c.pathId(u"edition"_s);
    Write w(api.store, api.events, caller);
    if (!w.ok())
        return w.failure();

    // One statement decides: it only matches an open edition at the version the client saw,
    // so of two writers with the same lock_version exactly one changes the row.
    QString set;
    QVariantList binds;
    if (title) {
        set += u"title = ?, "_s;
        binds << *title;
    }
    if (fields) {
        set += u"fields = %1, "_s.arg(api.store.dialect().jsonParameter());
        binds << QString::fromUtf8(QJsonDocument(*fields).toJson(QJsonDocument::Compact));
    }
    if (changeNote) {
        set += u"change_note = ?, "_s;
        binds << *changeNote;
    }
    if (minorChange) {
        set += u"minor_change = ?, "_s;
        binds << *minorChange;
    }
    QSqlQuery q(w.db());
    q.prepare(u"UPDATE editions SET "_s + set
              + u"lock_version = lock_version + 1, updated_by = ?, updated_at = ? WHERE id = ? AND account_id = ? "
                "AND lock_version = ? AND state IN ('draft', 'submitted', 'rejected') RETURNING document_id"_s);
    for (const QVariant &v : std::as_const(binds))
        q.addBindValue(v);
    q.addBindValue(caller.userId);
    q.addBindValue(w.now());
    q.addBindValue(id);
    q.addBindValue(caller.accountId);
    q.addBindValue(*lockVersion);
    if (!q.exec())
        return Write::storageFailure(q, "cannot update an edition:");
    if (!q.next()) {
        // Why not: gone meanwhile, no longer editable (workflow.md checks that first), or stale.
        q.finish();
        const auto current = w.current(Entity::edition(), id);
        if (!current)
            return ApiError::notFound();
        const QJsonObject copy = QJsonDocument::fromJson(current->json).object();
        const QString state = copy.value(u"state"_s).toString();
        const std::optional<EditionState> parsed = fromWire<EditionState>(state);
        if (!parsed || !isEditable(*parsed)) {
            // The refusal is the workflow's own sentence ("A scheduled edition may not be updated").
            Workflow::Context context;
            context.edition.state = parsed.value_or(EditionState::Deleted);
            context.actor = Workflow::Actor { caller.userId, caller.role, false };
            const Workflow::Decision d = Workflow::decide(Workflow::Event::Edit, context, Workflow::Request {}, false);
            return refusal(422, u"not_editable"_s,
                           d.refusal ? d.refusal->message : withArticle(state) + u" edition may not be updated"_s);
        }
        return ApiError::collision(u"This edition has changed since you opened it (it is at lock_version %1 now)."_s
                                           .arg(copy.value(u"lock_version"_s).toInteger()),
                                   copy);
    }
    const qint64 documentId = q.value(0).toLongLong();
    q.finish();
    {
        QSqlQuery touch(w.db());
        touch.prepare(u"UPDATE documents SET updated_at = ? WHERE id = ? AND account_id = ?"_s);
        touch.addBindValue(w.now());
        touch.addBindValue(documentId);
        touch.addBindValue(caller.accountId);
        if (!touch.exec())
            return Write::storageFailure(touch, "cannot update a document:");
    }
    auto edition = w.current(Entity::edition(), id);
    if (!edition)
        return ApiError::internal();
    w.touched(Entity::edition(), id, *edition);
    w.touched(Entity::document(), documentId);
    HandlerResult committed = w.commit(rawAnswer(std::move(edition->json)));
    // workflow.md: a check re-runs after an edit when the edition has a report.
    if (std::holds_alternative<ApiSuccess>(committed))
        LinkCheckRunner::notifyEdited(api.store, caller, id);
    return committed;
}

HandlerResult listRemarks(ServerStore &store, const RequestContext &c)
{
    const TenancyScope scope(c.user());
    return listEntities(store, scope.accountId(), Entity::remark(), scope.condition(Entity::remark()) + u" AND r.edition_id = ?"_s,
                        { c.pathId(u"edition"_s) }, u"r.created_at, r.id"_s, Paging::of(c));
}

HandlerResult createRemark(const ApiContext &api, const RequestContext &c)
{
    BodyReader body(c.body, { "body"_L1 });
    const auto text = body.text("body"_L1, true, 1, kMaxRemark);
    if (!body.ok())
        return invalid(body.errors());
    const Caller &caller = c.user();
    Write w(api.store, api.events, caller);
    if (!w.ok())
        return w.failure();
    QSqlQuery q(w.db());
    q.prepare(u"INSERT INTO editorial_remarks (account_id, edition_id, author_id, body, created_at) VALUES (?, ?, ?, ?, ?) "
              "RETURNING id"_s);
    for (const QVariant &v : QVariantList { caller.accountId, c.pathId(u"edition"_s), caller.userId, *text, w.now() })
        q.addBindValue(v);
    if (!q.exec() || !q.next())
        return Write::storageFailure(q, "cannot insert a remark:");
    const qint64 id = q.value(0).toLongLong();
    q.finish();
    auto remark = w.current(Entity::remark(), id);
    if (!remark)
        return ApiError::internal();
    w.touched(Entity::remark(), id);
    return w.commit(rawAnswer(std::move(remark->json), 201));
}

HandlerResult latestLinkCheck(ServerStore &store, const RequestContext &c)
{
    QSqlDatabase db = store.connection();
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(Entity::linkCheck().select() + u" WHERE l.edition_id = ? AND l.account_id = ? ORDER BY l.id DESC LIMIT 1"_s);
    q.addBindValue(c.pathId(u"edition"_s));
    q.addBindValue(c.user().accountId);
    if (!q.exec())
        return Write::storageFailure(q, "cannot read a link check:");
    if (!q.next())
        return ApiError::notFound(u"No link check has run for this edition yet."_s);
    JsonWriter out;
    Entity::linkCheck().write(out, q);
    return rawAnswer(out.take());
}

} // namespace

void addContentRoutes(ApiVersion &version, const std::shared_ptr<ApiContext> &api)
{
    version.add(Route(HttpMethod::Get, u"/documents"_s, Permission::Read, [api](const RequestContext &c) {
        return listDocuments(api->store, c);
    }).query(Paging::params() + QList<QueryParam> { QueryParam::positiveInteger(u"site"_s), QueryParam::positiveInteger(u"sector"_s),
                                                    QueryParam::positiveInteger(u"schema"_s),
                                                    QueryParam::oneOf(u"state"_s, editionStateNames()),
                                                    QueryParam::string(u"q"_s, 200) }));

    version.add(Route(HttpMethod::Post, u"/documents"_s, Permission::WriteContent, [api](const RequestContext &c) {
        return createDocument(*api, c);
    }).body());

    version.add(Route(HttpMethod::Get, u"/documents/{document}"_s, Permission::Read, [api](const RequestContext &c) {
        return getDocument(api->store, c);
    }));

    version.add(Route(HttpMethod::Get, u"/documents/{document}/history"_s, Permission::Read, [api](const RequestContext &c) {
        return documentHistory(api->store, c);
    }));

    version.add(Route(HttpMethod::Get, u"/editions/{edition}"_s, Permission::Read, [api](const RequestContext &c) {
        return getEntity(api->store, Entity::edition(), c.user().accountId, c.pathId(u"edition"_s));
    }));

    version.add(Route(HttpMethod::Put, u"/editions/{edition}"_s, Permission::WriteContent, [api](const RequestContext &c) {
        return updateEdition(*api, c);
    }).body());

    version.add(Route(HttpMethod::Get, u"/editions/{edition}/remarks"_s, Permission::Read, [api](const RequestContext &c) {
        return listRemarks(api->store, c);
    }).query(Paging::params()));

    version.add(Route(HttpMethod::Post, u"/editions/{edition}/remarks"_s, Permission::WriteContent, [api](const RequestContext &c) {
        return createRemark(*api, c);
    }).body());

    version.add(Route(HttpMethod::Get, u"/editions/{edition}/link-check"_s, Permission::Read, [api](const RequestContext &c) {
        return latestLinkCheck(api->store, c);
    }));
}

} // namespace Galley::Server
