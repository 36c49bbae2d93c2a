// Content schemas (api.md "Resources"; the seed's content schema handlers):
//   GET    /schemas?q_name=&page=&page_size=   Read        case-insensitive partial name match, by name
//   GET    /schemas/{schema}                    Read
//   POST   /schemas                             schema.save 201 with the schema
//   PUT    /schemas/{schema}                    schema.save lock_version (body) or If-Match required
//   DELETE /schemas/{schema}                    schema.save 409 schema_in_use while documents use it
//   POST   /schemas/{schema}/impact             schema.save how many existing editions a candidate breaks
//
// Decisions where api.md is silent:
// - The owner is always the caller's account; `account_id` in a body (like every other member the
//   server sets: id, dialect, created_by, created_at, updated_at) is refused with 422 `read_only`,
//   and any member the endpoint does not know with 422 `unknown_field`, each pointing at it.
// - Names are 1–200 characters after trimming and unique per account, case-insensitively; a
//   taken name is 409 `name_taken` (the request is well-formed, the account's state refuses
//   it), its error entry pointing at /name.
// - `spec_doc` must be a JSON object that SchemaValidator accepts: 422 `invalid`, one entry per
//   problem, field "/spec_doc" + the pointer into the schema. Galley stores Draft 7 and 2020-12
//   schemas (the dialect column); a valid 2019-09 schema is refused with 422 `unsupported_dialect`
//   at /spec_doc/$schema. Without `$schema` a schema is 2020-12.
// - PUT replaces name and spec_doc (both required); description and auth_policy keep their
//   current values when absent. The lock version comes from the body's `lock_version` or an
//   `If-Match: "<n>"` header (quotes optional); when both are given they must agree.
// - DELETE takes an optional lock version (If-Match or ?lock_version=): when given and stale,
//   409 update_collision with the current copy; without it the delete is unconditional.
// - Impact needs schema.save (it is the designer's check before saving, and it validates every
//   current edition, which is too heavy to offer every viewer) and counts what the caller may
//   see: the latest and the live edition of every document of the schema on the caller's sites.
//   Field pointers are aggregated with array indices as "*" ("/photos/*/caption") and a missing
//   required property as its own pointer ("/byline").
#include "listing.h"
#include "tenancy.h"
#include "v1.h"
#include "write.h"

#include "schema/schemavalidator.h"
#include "storage/serverstore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>
#include <variant>

using namespace Qt::StringLiterals;

namespace Galley::Server {

namespace {

constexpr qsizetype kMaxNameLength = 200;
constexpr qsizetype kMaxDescriptionLength = 2000;
constexpr int kImpactEditionsListed = 50;

enum class Mode { Create, Replace, Impact };

// What a POST/PUT/impact body says, checked.
struct SchemaInput
{
    QString name;
    std::optional<QString> description;
    QByteArray spec;
    QString specText;   // the schema as its author wrote it (member order, formatting); null when not given
    QString dialect;
    std::optional<QString> authPolicy;
    std::optional<qint64> lockVersion;
    SchemaValidator validator;
};

// Qt's SQL drivers bind a null QString as NULL; an empty description is ''.
QString nonNull(const QString &text)
{
    return text.isNull() ? u""_s : text;
}

// Text PostgreSQL cannot store (NUL) or a name should not hold (control characters).
bool hasNul(QStringView text)
{
    return text.contains(QChar(0));
}

bool hasControl(QStringView text)
{
    return std::any_of(text.cbegin(), text.cend(), [](QChar c) { return c.unicode() < 0x20 || c.unicode() == 0x7f; });
}

FieldError fieldError(const QString &code, const QString &message, const QString &field)
{
    return FieldError { code, message, field };
}

QString escapeToken(const QString &token)
{
    QString escaped = token;
    return escaped.replace(u'~', u"~0"_s).replace(u'/', u"~1"_s);
}

// The pointer of the first member name or string in `value` that holds a NUL; nullopt if none.
std::optional<QString> nulIn(const QJsonValue &value, const QString &pointer)
{
    if (value.isString())
        return hasNul(value.toString()) ? std::optional<QString>(pointer) : std::nullopt;
    if (value.isArray()) {
        const QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i) {
            if (auto found = nulIn(array.at(i), pointer + u'/' + QString::number(i)))
                return found;
        }
    } else if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
            const QString at = pointer + u'/' + escapeToken(it.key());
            if (hasNul(it.key()))
                return at;
            if (auto found = nulIn(it.value(), at))
                return found;
        }
    }
    return std::nullopt;
}

// A lock version from the body (an integer ≥ 1).
std::optional<qint64> lockVersionOf(const QJsonValue &v)
{
    if (!v.isDouble())
        return std::nullopt;
    const double d = v.toDouble();
    if (d < 1 || d > 9.0e15 || d != double(qint64(d)))
        return std::nullopt;
    return qint64(d);
}

// `If-Match: "7"` (or 7, or W/"7"): nullopt when absent; an error when it is not a version.
std::variant<std::optional<qint64>, ApiError> ifMatch(const RequestContext &c)
{
    QByteArray value = c.header("if-match").trimmed();
    if (value.isEmpty())
        return std::optional<qint64>();
    if (value.startsWith("W/"))
        value = value.mid(2);
    if (value.size() >= 2 && value.startsWith('"') && value.endsWith('"'))
        value = value.mid(1, value.size() - 2);
    bool ok = false;
    const qint64 version = value.toLongLong(&ok);
    if (!ok || version < 1)
        return ApiError::badRequest(u"If-Match must be the schema's lock_version, e.g. If-Match: \"3\"."_s, u"If-Match"_s);
    return std::optional<qint64>(version);
}

QString problemsSentence(qsizetype count)
{
    return count == 1 ? u"The request has 1 problem; see errors."_s : u"The request has %1 problems; see errors."_s.arg(count);
}

// Checks the body for `mode`; every problem at once, each with its pointer.
std::variant<SchemaInput, ApiError> readInput(const RequestContext &c, Mode mode)
{
    static const QSet<QString> readOnly { u"id"_s, u"account_id"_s, u"dialect"_s, u"created_by"_s, u"created_at"_s,
                                          u"updated_at"_s };
    QSet<QString> allowed { u"spec_doc"_s, u"spec_text"_s };
    if (mode != Mode::Impact)
        allowed += QSet<QString> { u"name"_s, u"description"_s, u"auth_policy"_s };
    if (mode == Mode::Replace)
        allowed += u"lock_version"_s;

    SchemaInput input;
    QList<FieldError> errors;
    const QJsonObject &body = c.body;
    for (auto it = body.constBegin(); it != body.constEnd(); ++it) {
        const QString &key = it.key();
        if (allowed.contains(key))
            continue;
        const QString field = u'/' + escapeToken(key);
        if (key == "account_id"_L1)
            errors << fieldError(u"read_only"_s, u"A schema always belongs to your account; account_id cannot be set."_s, field);
        else if (readOnly.contains(key) || (key == "lock_version"_L1 && mode != Mode::Impact))
            errors << fieldError(u"read_only"_s, u"'%1' is set by the server."_s.arg(key), field);
        else
            errors << fieldError(u"unknown_field"_s, u"'%1' is not a member of a schema."_s.arg(key), field);
    }

    if (mode != Mode::Impact) {
        const QJsonValue name = body.value(u"name"_s);
        if (name.isUndefined() || name.isNull())
            errors << fieldError(u"required"_s, u"A schema needs a name."_s, u"/name"_s);
        else if (!name.isString())
            errors << fieldError(u"type"_s, u"The name must be a string."_s, u"/name"_s);
        else if (const QString trimmed = name.toString().trimmed(); trimmed.isEmpty())
            errors << fieldError(u"required"_s, u"The name cannot be blank."_s, u"/name"_s);
        else if (hasControl(trimmed))
            errors << fieldError(u"invalid_characters"_s, u"The name cannot contain control characters."_s, u"/name"_s);
        else if (trimmed.size() > kMaxNameLength)
            errors << fieldError(u"too_long"_s, u"The name is longer than %1 characters."_s.arg(kMaxNameLength), u"/name"_s);
        else
            input.name = trimmed;

        const QJsonValue description = body.value(u"description"_s);
        if (description.isString()) {
            if (hasNul(description.toString()))
                errors << fieldError(u"invalid_characters"_s, u"The description cannot contain NUL characters."_s,
                                     u"/description"_s);
            else if (description.toString().size() > kMaxDescriptionLength)
                errors << fieldError(u"too_long"_s, u"The description is longer than %1 characters."_s.arg(kMaxDescriptionLength),
                                     u"/description"_s);
            else
                input.description = description.toString();
        } else if (!description.isUndefined() && !description.isNull()) {
            errors << fieldError(u"type"_s, u"The description must be a string."_s, u"/description"_s);
        }

        const QJsonValue policy = body.value(u"auth_policy"_s);
        if (policy.isString() && fromWire<Role>(policy.toString())) {
            input.authPolicy = policy.toString();
        } else if (!policy.isUndefined() && !policy.isNull()) {
            QStringList roles;
            for (const Role r : allRoles())
                roles << toWire(r);
            errors << fieldError(u"invalid_value"_s,
                                 u"auth_policy is the least role that may write content with this schema: one of %1."_s
                                         .arg(roles.join(u", "_s)),
                                 u"/auth_policy"_s);
        }
    }

    if (mode == Mode::Replace) {
        const QJsonValue lock = body.value(u"lock_version"_s);
        const auto header = ifMatch(c);
        if (const ApiError *error = std::get_if<ApiError>(&header))
            return *error;
        const std::optional<qint64> fromHeader = std::get<std::optional<qint64>>(header);
        if (lock.isUndefined() || lock.isNull()) {
            if (fromHeader)
                input.lockVersion = fromHeader;
            else
                errors << fieldError(u"required"_s,
                                     u"Send the lock_version you edited (or an If-Match: \"<lock_version>\" header)."_s,
                                     u"/lock_version"_s);
        } else if (const auto version = lockVersionOf(lock); !version) {
            errors << fieldError(u"type"_s, u"lock_version must be a positive integer."_s, u"/lock_version"_s);
        } else if (fromHeader && *fromHeader != *version) {
            errors << fieldError(u"conflicting"_s, u"lock_version and If-Match name different versions."_s, u"/lock_version"_s);
        } else {
            input.lockVersion = version;
        }
    }

    QJsonValue spec = body.value(u"spec_doc"_s);
    // spec_text: the same schema as text, kept as written (member order and formatting, which a
    // JSON object does not keep) and given back as it came. It may stand for spec_doc; with both,
    // they must be the same JSON.
    const QJsonValue text = body.value(u"spec_text"_s);
    if (!text.isUndefined() && !text.isNull()) {
        if (!text.isString()) {
            errors << fieldError(u"type"_s, u"spec_text must be the schema as a JSON text (a string)."_s, u"/spec_text"_s);
        } else {
            QJsonParseError parseError;
            const QJsonDocument parsed = QJsonDocument::fromJson(text.toString().toUtf8(), &parseError);
            if (parseError.error != QJsonParseError::NoError || !parsed.isObject()) {
                errors << fieldError(u"invalid_json"_s,
                                     parseError.error != QJsonParseError::NoError
                                         ? u"spec_text is not JSON: %1 at character %2."_s.arg(parseError.errorString()).arg(parseError.offset)
                                         : u"spec_text must hold a JSON Schema object."_s,
                                     u"/spec_text"_s);
            } else if (!spec.isUndefined() && !spec.isNull() && spec != QJsonValue(parsed.object())) {
                errors << fieldError(u"conflicting"_s, u"spec_text and spec_doc hold different schemas."_s, u"/spec_text"_s);
            } else {
                spec = parsed.object();
                input.specText = text.toString();
            }
        }
    }
    if (spec.isUndefined() || spec.isNull()) {
        errors << fieldError(u"required"_s, u"spec_doc, the JSON Schema, is required."_s, u"/spec_doc"_s);
    } else if (!spec.isObject()) {
        errors << fieldError(u"type"_s, u"spec_doc must be a JSON Schema object."_s, u"/spec_doc"_s);
    } else if (const auto nul = nulIn(spec, u"/spec_doc"_s)) {
        errors << fieldError(u"invalid_characters"_s, u"Text in a schema cannot contain NUL characters."_s, *nul);
    } else {
        input.spec = QJsonDocument(spec.toObject()).toJson(QJsonDocument::Compact);
        input.validator = SchemaValidator(input.spec);
        for (const SchemaProblem &p : input.validator.problems())
            errors << fieldError(p.keyword == "$schema"_L1 ? u"unsupported_dialect"_s : u"invalid_schema"_s, p.message,
                                 u"/spec_doc"_s + p.pointer);
        input.dialect = input.validator.dialect();
        if (input.validator.isValid() && input.dialect != SchemaValidator::kDraft7
            && input.dialect != SchemaValidator::kDraft2020_12)
            errors << fieldError(u"unsupported_dialect"_s,
                                 u"Galley stores Draft 7 or 2020-12 schemas; this one is %1. Set \"$schema\" to "
                                 "\"%2\" or \"%3\"."_s
                                         .arg(input.dialect, SchemaValidator::schemaUri(QString(SchemaValidator::kDraft7)),
                                              SchemaValidator::schemaUri(QString(SchemaValidator::kDraft2020_12))),
                                 u"/spec_doc/$schema"_s);
    }

    if (!errors.isEmpty()) {
        const QString sentence = problemsSentence(errors.size());
        return ApiError::invalid(sentence, std::move(errors));
    }
    return input;
}

// Another schema of the account already has this name (case-insensitively)? nullopt: the query failed.
std::optional<bool> nameTaken(QSqlDatabase &db, qint64 accountId, const QString &name, qint64 exceptId)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(u"SELECT 1 FROM content_schemas WHERE account_id = ? AND lower(name) = lower(?) AND id <> ?"_s);
    q.addBindValue(accountId);
    q.addBindValue(name);
    q.addBindValue(exceptId);
    if (!q.exec())
        return std::nullopt;
    return q.next();
}

ApiError nameTakenError(const QString &name)
{
    ApiError error = ApiError::conflict(u"name_taken"_s, u"Your account already has a schema called '%1'."_s.arg(name));
    error.errors.first().field = u"/name"_s;
    return error;
}

// Serialises the schema writers of one account from here to commit, so that the name check and
// the write are one step on PostgreSQL too (SQLite's BEGIN IMMEDIATE already serialises every
// writer). The account row is only locked, not changed; document writers never lock it, and
// their foreign-key checks take a key-share lock that this one does not block.
bool lockAccountSchemas(Write &w)
{
    QSqlQuery q(w.db());
    q.prepare(u"UPDATE accounts SET name = name WHERE id = ?"_s);
    q.addBindValue(w.caller().accountId);
    return q.exec() && q.numRowsAffected() == 1;
}

QJsonValue parsed(const QByteArray &json)
{
    return QJsonDocument::fromJson(json).object();
}

ApiError collision(Write &w, qint64 id)
{
    const auto current = w.current(Entity::schema(), id);
    if (!current)
        return ApiError::notFound();
    return ApiError::collision(u"This schema has changed since you opened it; the current version is in data."_s,
                               parsed(current->json));
}

// A foreign key refused the delete: a document was created meanwhile.
bool isForeignKeyViolation(const QSqlError &error)
{
    const QString code = error.nativeErrorCode();
    return code == "23503"_L1 || code == "787"_L1 || error.databaseText().contains(u"FOREIGN KEY"_s, Qt::CaseInsensitive);
}

// "/photos/3/caption" → "/photos/*/caption": one entry per field, not per array element.
QString fieldOf(const SchemaProblem &p)
{
    QStringList tokens = p.pointer.split(u'/');
    for (QString &token : tokens) {
        bool number = !token.isEmpty();
        for (const QChar ch : std::as_const(token))
            number = number && ch.isDigit();
        if (number)
            token = u"*"_s;
    }
    QString field = tokens.join(u'/');
    if (!p.property.isEmpty())
        field += u'/' + escapeToken(p.property);
    return field;
}

HandlerResult impact(ServerStore &store, const RequestContext &c)
{
    const auto read = readInput(c, Mode::Impact);
    if (const ApiError *error = std::get_if<ApiError>(&read))
        return *error;
    const SchemaInput &input = std::get<SchemaInput>(read);

    // The latest and the live edition of every document of the schema that the caller may see.
    const TenancyScope scope(c.user());
    QSqlDatabase db = store.connection();
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(u"SELECT e.id, e.document_id, e.state, e.fields FROM editions e JOIN documents d ON d.id = e.document_id WHERE "_s
              + scope.condition(Entity::edition())
              + u" AND d.schema_id = ? AND (e.id = d.latest_edition_id OR e.id = d.live_edition_id) ORDER BY e.id"_s);
    q.addBindValue(c.pathId(u"schema"_s));
    if (!q.exec())
        return Write::storageFailure(q, "cannot read the editions of a schema:");

    struct Field
    {
        qint64 count = 0;
        QString example;
    };
    QMap<QString, Field> fields;
    QJsonArray editions;
    qint64 checked = 0;
    qint64 failing = 0;
    while (q.next()) {
        ++checked;
        const QList<SchemaProblem> problems = input.validator.validateInstance(q.value(3).toByteArray());
        if (problems.isEmpty())
            continue;
        ++failing;
        QSet<QString> counted;
        QJsonArray listed;
        for (const SchemaProblem &p : problems) {
            const QString field = fieldOf(p);
            Field &f = fields[field];
            if (!counted.contains(field)) {
                counted.insert(field);
                ++f.count;
            }
            if (f.example.isEmpty())
                f.example = p.message;
            listed.append(QJsonObject { { u"pointer"_s, p.pointer }, { u"keyword"_s, p.keyword }, { u"message"_s, p.message } });
        }
        if (editions.size() < kImpactEditionsListed)
            editions.append(QJsonObject { { u"id"_s, q.value(0).toLongLong() },
                                          { u"document_id"_s, q.value(1).toLongLong() },
                                          { u"state"_s, q.value(2).toString() },
                                          { u"problems"_s, listed } });
    }

    QList<std::pair<QString, Field>> ordered;
    for (auto it = fields.cbegin(); it != fields.cend(); ++it)
        ordered.append({ it.key(), it.value() });
    std::stable_sort(ordered.begin(), ordered.end(), [](const auto &a, const auto &b) { return a.second.count > b.second.count; });
    QJsonArray fieldList;
    for (const auto &[pointer, f] : std::as_const(ordered))
        fieldList.append(QJsonObject { { u"pointer"_s, pointer }, { u"count"_s, f.count }, { u"example_message"_s, f.example } });

    ApiSuccess success;
    success.data = QJsonObject { { u"dialect"_s, input.dialect },
                                 { u"checked"_s, checked },
                                 { u"failing"_s, failing },
                                 { u"fields"_s, fieldList },
                                 { u"editions"_s, editions } };
    return success;
}

HandlerResult create(ApiContext &api, const RequestContext &c)
{
    const auto read = readInput(c, Mode::Create);
    if (const ApiError *error = std::get_if<ApiError>(&read))
        return *error;
    const SchemaInput &input = std::get<SchemaInput>(read);

    Write w(api.store, api.events, c.user());
    if (!w.ok())
        return w.failure();
    if (!lockAccountSchemas(w))
        return ApiError::internal();
    const auto taken = nameTaken(w.db(), w.caller().accountId, input.name, 0);
    if (!taken)
        return ApiError::internal();
    if (*taken)
        return nameTakenError(input.name);

    QSqlQuery q(w.db());
    q.prepare(u"INSERT INTO content_schemas (account_id, name, description, dialect, spec_doc, spec_text, auth_policy, "
              "lock_version, created_by, updated_by, created_at, updated_at) VALUES (?, ?, ?, ?, %1, ?, ?, 1, ?, ?, ?, ?) RETURNING id"_s
                      .arg(api.store.dialect().jsonParameter()));
    q.addBindValue(w.caller().accountId);
    q.addBindValue(input.name);
    q.addBindValue(nonNull(input.description.value_or(QString())));
    q.addBindValue(input.dialect);
    q.addBindValue(QString::fromUtf8(input.spec));
    q.addBindValue(input.specText.isNull() ? QVariant(QMetaType::fromType<QString>()) : QVariant(input.specText));
    q.addBindValue(input.authPolicy.value_or(toWire(Role::Writer)));
    q.addBindValue(w.caller().userId);
    q.addBindValue(w.caller().userId);
    q.addBindValue(w.now());
    q.addBindValue(w.now());
    if (!q.exec() || !q.next())
        return Write::storageFailure(q, "cannot insert a schema:");
    const qint64 id = q.value(0).toLongLong();
    q.finish();

    w.touched(Entity::schema(), id);
    const auto created = w.current(Entity::schema(), id);
    if (!created)
        return ApiError::internal();
    ApiSuccess success;
    success.httpStatus = 201;
    success.rawData = created->json;
    return w.commit(std::move(success));
}

HandlerResult replace(ApiContext &api, const RequestContext &c)
{
    const auto read = readInput(c, Mode::Replace);
    if (const ApiError *error = std::get_if<ApiError>(&read))
        return *error;
    const SchemaInput &input = std::get<SchemaInput>(read);
    const qint64 id = c.pathId(u"schema"_s);

    Write w(api.store, api.events, c.user());
    if (!w.ok())
        return w.failure();
    if (!lockAccountSchemas(w))
        return ApiError::internal();
    const auto taken = nameTaken(w.db(), w.caller().accountId, input.name, id);
    if (!taken)
        return ApiError::internal();
    if (*taken)
        return nameTakenError(input.name);

    // The lock version decides: of two writers that read version n, exactly one matches here.
    // Absent description and auth_policy keep their values.
    // A spec_doc without spec_text clears the stored text: it would no longer match.
    QString assignments = u"name = ?, dialect = ?, spec_doc = %1, spec_text = ?, lock_version = lock_version + 1, "
                          "updated_by = ?, updated_at = ?"_s.arg(api.store.dialect().jsonParameter());
    QVariantList binds { input.name, input.dialect, QString::fromUtf8(input.spec),
                         input.specText.isNull() ? QVariant(QMetaType::fromType<QString>()) : QVariant(input.specText),
                         w.caller().userId, w.now() };
    if (input.description) {
        assignments += u", description = ?"_s;
        binds << nonNull(*input.description);
    }
    if (input.authPolicy) {
        assignments += u", auth_policy = ?"_s;
        binds << *input.authPolicy;
    }
    binds << id << w.caller().accountId << *input.lockVersion;
    QSqlQuery q(w.db());
    q.prepare(u"UPDATE content_schemas SET "_s + assignments + u" WHERE id = ? AND account_id = ? AND lock_version = ?"_s);
    for (const QVariant &v : std::as_const(binds))
        q.addBindValue(v);
    if (!q.exec())
        return Write::storageFailure(q, "cannot update a schema:");
    if (q.numRowsAffected() != 1)
        return collision(w, id);

    w.touched(Entity::schema(), id);
    const auto updated = w.current(Entity::schema(), id);
    if (!updated)
        return ApiError::internal();
    ApiSuccess success;
    success.rawData = updated->json;
    return w.commit(std::move(success));
}

HandlerResult remove(ApiContext &api, const RequestContext &c)
{
    const qint64 id = c.pathId(u"schema"_s);
    const auto header = ifMatch(c);
    if (const ApiError *error = std::get_if<ApiError>(&header))
        return *error;
    std::optional<qint64> lockVersion = std::get<std::optional<qint64>>(header);
    if (const auto query = c.queryInt(u"lock_version"_s)) {
        if (lockVersion && *lockVersion != *query)
            return ApiError::badRequest(u"lock_version and If-Match name different versions."_s, u"lock_version"_s);
        lockVersion = query;
    }

    Write w(api.store, api.events, c.user());
    if (!w.ok())
        return w.failure();
    const auto inUse = [](qint64 documents) {
        return ApiError::conflict(u"schema_in_use"_s,
                                  documents == 1
                                          ? u"This schema is used by 1 document; it can be deleted when no document uses it."_s
                                          : u"This schema is used by %1 documents; it can be deleted when no document uses it."_s
                                                    .arg(documents));
    };
    {
        QSqlQuery q(w.db());
        q.prepare(u"SELECT COUNT(*) FROM documents WHERE schema_id = ? AND account_id = ?"_s);
        q.addBindValue(id);
        q.addBindValue(w.caller().accountId);
        if (!q.exec() || !q.next())
            return Write::storageFailure(q, "cannot count a schema's documents:");
        if (const qint64 documents = q.value(0).toLongLong(); documents > 0)
            return inUse(documents);
    }

    QSqlQuery q(w.db());
    q.prepare(u"DELETE FROM content_schemas WHERE id = ? AND account_id = ?"_s
              + (lockVersion ? u" AND lock_version = ?"_s : QString()));
    q.addBindValue(id);
    q.addBindValue(w.caller().accountId);
    if (lockVersion)
        q.addBindValue(*lockVersion);
    if (!q.exec()) {
        // A document was created for it between the count and the delete (PostgreSQL).
        if (isForeignKeyViolation(q.lastError()))
            return ApiError::conflict(u"schema_in_use"_s,
                                      u"A document started using this schema just now; it can be deleted when no document uses it."_s);
        return Write::storageFailure(q, "cannot delete a schema:");
    }
    if (q.numRowsAffected() != 1)
        return lockVersion ? collision(w, id) : ApiError::notFound();

    w.deleted(Entity::schema(), id, std::nullopt);
    ApiSuccess success;
    success.data = QJsonObject { { u"id"_s, id }, { u"deleted"_s, true } };
    return w.commit(std::move(success));
}

} // namespace

void addSchemaRoutes(ApiVersion &version, const std::shared_ptr<ApiContext> &api)
{
    version.add(Route(HttpMethod::Get, u"/schemas"_s, Permission::Read, [api](const RequestContext &c) -> HandlerResult {
        const TenancyScope scope(c.user());
        QString where = scope.condition(Entity::schema());
        QVariantList binds;
        const QString name = c.queryString(u"q_name"_s).value_or(QString()).trimmed();
        if (hasNul(name))
            return ApiError::badRequest(u"q_name cannot contain NUL characters."_s, u"q_name"_s);
        if (!name.isEmpty()) {
            where += u" AND "_s + api->store.dialect().caseInsensitiveLike(u"c.name"_s);
            binds << likePattern(name);
        }
        return listEntities(api->store, scope.accountId(), Entity::schema(), where, binds, u"lower(c.name), c.id"_s,
                            Paging::of(c));
    }).query(Paging::params() + QList<QueryParam> { QueryParam::string(u"q_name"_s, kMaxNameLength) }));

    version.add(Route(HttpMethod::Get, u"/schemas/{schema}"_s, Permission::Read, [api](const RequestContext &c) {
        return getEntity(api->store, Entity::schema(), c.user().accountId, c.pathId(u"schema"_s));
    }));

    version.add(Route(HttpMethod::Post, u"/schemas"_s, Permission::SaveSchema,
                      [api](const RequestContext &c) { return create(*api, c); })
                        .body());

    version.add(Route(HttpMethod::Put, u"/schemas/{schema}"_s, Permission::SaveSchema,
                      [api](const RequestContext &c) { return replace(*api, c); })
                        .body());

    version.add(Route(HttpMethod::Delete, u"/schemas/{schema}"_s, Permission::SaveSchema,
                      [api](const RequestContext &c) { return remove(*api, c); })
                        .query({ QueryParam::positiveInteger(u"lock_version"_s) }));

    version.add(Route(HttpMethod::Post, u"/schemas/{schema}/impact"_s, Permission::SaveSchema,
                      [api](const RequestContext &c) { return impact(api->store, c); })
                        .body());
}

} // namespace Galley::Server
