// The content schema routes against the real galley-server on each backend: the list with its
// case-insensitive, wildcard-safe name filter and paging edges; create with every kind of body
// problem (unknown and read-only members, names, invalid JSON Schemas with pointers, dialects);
// roles; update with lock_version and If-Match, stale copies and concurrent writers (exactly one
// wins); delete refused while documents use a schema, tombstones in the change feed; the impact
// check; and the other account's schemas, which do not exist for the caller.
//
// One server per backend is shared by the test functions (seeding is the slow part); each
// function creates its own uniquely named schemas and compares with the database as it is.
#include "apitestkit.h"

#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>

#include <map>
#include <memory>

using namespace Qt::StringLiterals;
using namespace Galley;
using namespace Galley::Testing;
using Galley::Server::Entity;

namespace {

// A running server on one backend, its database read directly, and logged-in demo users.
struct Env
{
    ServerDatabase database;
    ServerProcess server;
    TestStore db;
    qint64 accountA = -1;
    qint64 accountB = -1;
    std::unique_ptr<ApiClient> viewer, writer, editor, designer, admin, designerB;
};

QJsonObject simpleSpec(const QString &title = u"Probe"_s)
{
    return QJsonObject { { u"$schema"_s, u"https://json-schema.org/draft/2020-12/schema"_s },
                         { u"title"_s, title },
                         { u"type"_s, u"object"_s },
                         { u"properties"_s, QJsonObject { { u"headline"_s, QJsonObject { { u"type"_s, u"string"_s } } } } } };
}

QJsonObject createBody(const QString &name, const QJsonObject &spec = simpleSpec())
{
    return QJsonObject { { u"name"_s, name }, { u"description"_s, u"Made by tst_schemaapi"_s }, { u"spec_doc"_s, spec } };
}

// "field → code" of every entry of an error envelope.
QStringList fieldCodes(const ApiReply &reply)
{
    QStringList out;
    for (const QJsonValue &e : reply.body.value(u"errors"_s).toArray())
        out << e.toObject().value(u"field"_s).toString() + u" → "_s + e.toObject().value(u"code"_s).toString();
    return out;
}

QStringList names(const QJsonArray &schemas)
{
    QStringList out;
    for (const QJsonValue &v : schemas)
        out << v.toObject().value(u"name"_s).toString();
    return out;
}

QJsonObject pagination(const ApiReply &reply)
{
    return reply.body.value(u"meta"_s).toObject().value(u"pagination"_s).toObject();
}

// Every feed entry after `since` the client may see.
QJsonArray changesSince(ApiClient &client, qint64 since, QString *failure)
{
    QJsonArray all;
    for (int guard = 0; guard < 100; ++guard) {
        const QString path = u"/changes?since=%1&limit=1000"_s.arg(since);
        const ApiReply r = client.get(path);
        if (r.status != 200) {
            *failure = describe("GET", path, r);
            return all;
        }
        const QJsonObject page = r.object();
        for (const QJsonValue &c : page.value(u"changes"_s).toArray())
            all.append(c);
        since = page.value(u"next"_s).toString().toLongLong();
        if (!page.value(u"has_more"_s).toBool())
            return all;
    }
    *failure = u"the feed did not end"_s;
    return all;
}

// The feed entry of a schema with op, or an empty object.
QJsonObject feedEntry(const QJsonArray &changes, qint64 id, const QString &op)
{
    QJsonObject found;
    for (const QJsonValue &v : changes) {
        const QJsonObject c = v.toObject();
        if (c.value(u"entity"_s).toString() == "schema"_L1 && c.value(u"id"_s).toInteger() == id && c.value(u"op"_s).toString() == op)
            found = c;   // the last one
    }
    return found;
}

// Sends the requests at once (several connections) and returns their statuses in order.
QList<int> concurrently(const ApiClient &client, const QUrl &base, const QByteArray &method, const QString &path,
                        const QList<QByteArray> &bodies)
{
    QNetworkAccessManager nam;
    QList<QNetworkReply *> replies;
    for (const QByteArray &body : bodies) {
        QNetworkRequest request(QUrl(base.toString(QUrl::StripTrailingSlash) + u"/api/v1"_s + path));
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        request.setRawHeader("Authorization", "Bearer " + client.token().toLatin1());
        replies << nam.sendCustomRequest(request, method, body);
    }
    QEventLoop loop;
    int finished = 0;
    for (QNetworkReply *reply : std::as_const(replies)) {
        QObject::connect(reply, &QNetworkReply::finished, &loop, [&finished, &loop, &replies] {
            if (++finished == replies.size())
                loop.quit();
        });
    }
    QTimer::singleShot(60000, &loop, &QEventLoop::quit);
    loop.exec();
    QList<int> statuses;
    for (QNetworkReply *reply : std::as_const(replies)) {
        statuses << reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        reply->deleteLater();
    }
    return statuses;
}

} // namespace

class TestSchemaApi : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void listAndNameFilter_data() { ServerDatabase::addBackendRows(); }
    void listAndNameFilter();
    void pagingEdges_data() { ServerDatabase::addBackendRows(); }
    void pagingEdges();
    void getOne_data() { ServerDatabase::addBackendRows(); }
    void getOne();
    void createValid_data() { ServerDatabase::addBackendRows(); }
    void createValid();
    void createRefused_data();
    void createRefused();
    void textKeptAsWritten_data() { ServerDatabase::addBackendRows(); }
    void textKeptAsWritten();
    void rolesOnWrites_data() { ServerDatabase::addBackendRows(); }
    void rolesOnWrites();
    void updateWithLockVersion_data() { ServerDatabase::addBackendRows(); }
    void updateWithLockVersion();
    void concurrentUpdatesHaveOneWinner_data() { ServerDatabase::addBackendRows(); }
    void concurrentUpdatesHaveOneWinner();
    void deleteRefusedWhileInUse_data() { ServerDatabase::addBackendRows(); }
    void deleteRefusedWhileInUse();
    void deleteUnused_data() { ServerDatabase::addBackendRows(); }
    void deleteUnused();
    void impact_data() { ServerDatabase::addBackendRows(); }
    void impact();
    void otherAccountIsNotFound_data() { ServerDatabase::addBackendRows(); }
    void otherAccountIsNotFound();

private:
    // The shared server of `backend`; nullptr (after a skip or failure message) when there is none.
    Env *env(const QString &backend, QString *skip);
    // A new schema of account A made by the designer; its JSON, empty on failure.
    QJsonObject createSchema(Env &e, const QString &name, const QJsonObject &spec = simpleSpec());

    std::map<QString, std::unique_ptr<Env>> m_envs;
    int m_counter = 0;
};

#define GALLEY_ENV(var)                                                                       \
    QFETCH(QString, backend);                                                                 \
    QString skip_;                                                                            \
    Env *var = env(backend, &skip_);                                                          \
    if (!var && !skip_.isEmpty())                                                             \
        QSKIP(qPrintable(skip_));                                                             \
    QVERIFY2(var, "the test server could not be started")

void TestSchemaApi::initTestCase()
{
    QVERIFY2(!ServerProcess::binary().isEmpty(), "GALLEY_SERVER_BINARY is not set");
}

void TestSchemaApi::cleanupTestCase()
{
    for (auto &[backend, e] : m_envs) {
        if (e)
            QCOMPARE(e->server.stop(), 0);
    }
    m_envs.clear();
}

Env *TestSchemaApi::env(const QString &backend, QString *skip)
{
    if (backend == "postgresql"_L1 && !ServerDatabase::postgresAvailable()) {
        *skip = QString::fromLatin1(ServerDatabase::skipReason());
        return nullptr;
    }
    auto &slot = m_envs[backend];
    if (slot)
        return slot.get();
    auto e = std::make_unique<Env>();
    if (!e->database.create(backend)) {
        qWarning().noquote() << "no database:" << e->database.error();
        return nullptr;
    }
    if (!e->server.start(e->database, true, { u"--write-rate"_s, u"0"_s })) {
        qWarning().noquote() << e->server.standardError();
        return nullptr;
    }
    if (!e->db.open(e->database)) {
        qWarning().noquote() << "cannot open the test database:" << e->db.error();
        return nullptr;
    }
    e->accountA = e->db.accountOf(roleUser(Role::Viewer).email);
    e->accountB = e->db.accountOf(roleUser(Role::Viewer, true).email);
    e->viewer = loggedIn(e->server, roleUser(Role::Viewer));
    e->writer = loggedIn(e->server, roleUser(Role::Writer));
    e->editor = loggedIn(e->server, roleUser(Role::Editor));
    e->designer = loggedIn(e->server, roleUser(Role::SchemaDesigner));
    e->admin = loggedIn(e->server, roleUser(Role::Admin));
    e->designerB = loggedIn(e->server, roleUser(Role::SchemaDesigner, true));
    if (e->accountA <= 0 || e->accountB <= 0 || !e->viewer || !e->writer || !e->editor || !e->designer || !e->admin
        || !e->designerB)
        return nullptr;
    slot = std::move(e);
    return slot.get();
}

QJsonObject TestSchemaApi::createSchema(Env &e, const QString &name, const QJsonObject &spec)
{
    const ApiReply r = e.designer->call("POST", u"/schemas"_s, createBody(name, spec));
    if (r.status != 201) {
        qWarning().noquote() << describe("POST", u"/schemas"_s, r);
        return {};
    }
    return r.object();
}

void TestSchemaApi::listAndNameFilter()
{
    GALLEY_ENV(e);
    // Everything of account A, by name case-insensitively, and nothing of account B.
    const ApiReply all = e->viewer->get(u"/schemas?page_size=200"_s);
    QCOMPARE(all.status, 200);
    const QJsonArray schemas = all.data().toArray();
    QCOMPARE(pagination(all).value(u"total"_s).toInteger(),
             e->db.scalar(u"SELECT COUNT(*) FROM content_schemas WHERE account_id = ?"_s, { e->accountA }));
    QCOMPARE(qint64(schemas.size()), pagination(all).value(u"total"_s).toInteger());
    QStringList expected;
    for (const QVariant &v : e->db.column(u"SELECT name FROM content_schemas WHERE account_id = ? ORDER BY lower(name), id"_s,
                                          { e->accountA }))
        expected << v.toString();
    QCOMPARE(names(schemas), expected);
    for (const QJsonValue &v : schemas) {
        const QJsonObject s = v.toObject();
        QCOMPARE(s.value(u"account_id"_s).toInteger(), e->accountA);
        QVERIFY(s.value(u"spec_doc"_s).isObject());
        QVERIFY(s.contains(u"lock_version"_s) && s.contains(u"dialect"_s) && s.contains(u"auth_policy"_s));
    }

    // "ART" finds "Article" (partial, case-insensitive); every hit contains it.
    const ApiReply art = e->viewer->get(u"/schemas?q_name=ART"_s);
    QCOMPARE(art.status, 200);
    const QStringList artNames = names(art.data().toArray());
    QVERIFY2(artNames.contains(u"Article"_s), qPrintable(artNames.join(u", "_s)));
    for (const QString &n : artNames)
        QVERIFY(n.contains(u"art"_s, Qt::CaseInsensitive));
    QCOMPARE(pagination(art).value(u"total"_s).toInteger(),
             e->db.scalar(u"SELECT COUNT(*) FROM content_schemas WHERE account_id = ? AND lower(name) LIKE '%art%'"_s,
                          { e->accountA }));
    // The middle of a word, and padding that a search box leaves.
    QVERIFY(names(e->viewer->get(u"/schemas?q_name=rticl"_s).data().toArray()).contains(u"Article"_s));
    QVERIFY(names(e->viewer->get(u"/schemas?q_name=%20%20article%20"_s).data().toArray()).contains(u"Article"_s));

    // '%' and '_' are literal characters, not wildcards.
    const QString percentName = u"Growth 100% Report %1"_s.arg(++m_counter);
    QVERIFY(!createSchema(*e, percentName).isEmpty());
    const ApiReply percent = e->viewer->get(u"/schemas?q_name=%25"_s);
    QCOMPARE(percent.status, 200);
    for (const QString &n : names(percent.data().toArray()))
        QVERIFY2(n.contains(u'%'), qPrintable(n));
    QVERIFY(names(percent.data().toArray()).contains(percentName));
    QCOMPARE(pagination(percent).value(u"total"_s).toInteger(),
             e->db.scalar(u"SELECT COUNT(*) FROM content_schemas WHERE account_id = ? AND name LIKE '%!%%' ESCAPE '!'"_s,
                          { e->accountA }));
    const ApiReply underscore = e->viewer->get(u"/schemas?q_name=_"_s);
    QCOMPARE(underscore.status, 200);
    for (const QString &n : names(underscore.data().toArray()))
        QVERIFY2(n.contains(u'_'), qPrintable(n));

    // Account B's viewer sees only B's schemas; A's new one is not among them.
    auto viewerB = loggedIn(e->server, roleUser(Role::Viewer, true));
    QVERIFY(viewerB);
    const ApiReply b = viewerB->get(u"/schemas?page_size=200"_s);
    QCOMPARE(b.status, 200);
    QCOMPARE(pagination(b).value(u"total"_s).toInteger(),
             e->db.scalar(u"SELECT COUNT(*) FROM content_schemas WHERE account_id = ?"_s, { e->accountB }));
    for (const QJsonValue &v : b.data().toArray())
        QCOMPARE(v.toObject().value(u"account_id"_s).toInteger(), e->accountB);
    QVERIFY(!names(b.data().toArray()).contains(percentName));
    QVERIFY(!names(viewerB->get(u"/schemas?q_name=growth"_s).data().toArray()).contains(percentName));
}

void TestSchemaApi::pagingEdges()
{
    GALLEY_ENV(e);
    const qint64 total = e->db.scalar(u"SELECT COUNT(*) FROM content_schemas WHERE account_id = ?"_s, { e->accountA });
    QVERIFY(total >= 3);

    // Pages of 2: every one full but the last, which has the rest; together the whole list.
    const qint64 pages = (total + 1) / 2;
    QStringList collected;
    for (qint64 page = 1; page <= pages; ++page) {
        const ApiReply r = e->viewer->get(u"/schemas?page_size=2&page=%1"_s.arg(page));
        QCOMPARE(r.status, 200);
        const QJsonObject p = pagination(r);
        QCOMPARE(p.value(u"page"_s).toInteger(), page);
        QCOMPARE(p.value(u"page_size"_s).toInteger(), qint64(2));
        QCOMPARE(p.value(u"total"_s).toInteger(), total);
        QCOMPARE(p.value(u"pages"_s).toInteger(), pages);
        QCOMPARE(qint64(r.data().toArray().size()), page < pages ? qint64(2) : total - 2 * (pages - 1));
        collected << names(r.data().toArray());
    }
    QCOMPARE(collected, names(e->viewer->get(u"/schemas?page_size=200"_s).data().toArray()));

    // Past the end: an empty page with the true total.
    const ApiReply past = e->viewer->get(u"/schemas?page_size=2&page=%1"_s.arg(pages + 5));
    QCOMPARE(past.status, 200);
    QVERIFY(past.data().isArray());
    QVERIFY(past.data().toArray().isEmpty());
    QCOMPARE(pagination(past).value(u"total"_s).toInteger(), total);

    // No match: empty, total 0, no pages.
    const ApiReply none = e->viewer->get(u"/schemas?q_name=no%20such%20schema%20anywhere"_s);
    QCOMPARE(none.status, 200);
    QVERIFY(none.data().toArray().isEmpty());
    QCOMPARE(pagination(none).value(u"total"_s).toInteger(), qint64(0));
    QCOMPARE(pagination(none).value(u"pages"_s).toInteger(), qint64(0));

    // The defaults.
    const ApiReply first = e->viewer->get(u"/schemas"_s);
    QCOMPARE(pagination(first).value(u"page"_s).toInteger(), qint64(1));
    QCOMPARE(pagination(first).value(u"page_size"_s).toInteger(), qint64(20));

    // Out of range and unknown parameters are 400s naming the parameter.
    for (const auto &[query, field] : { std::pair { u"page_size=201"_s, u"page_size"_s }, std::pair { u"page_size=0"_s, u"page_size"_s },
                                        std::pair { u"page=0"_s, u"page"_s }, std::pair { u"page=x"_s, u"page"_s },
                                        std::pair { u"name=Article"_s, u"name"_s }, std::pair { u"q_name=a%00"_s, u"q_name"_s },
                                        std::pair { QString(u"q_name="_s + QString(201, u'x')), u"q_name"_s } }) {
        const ApiReply r = e->viewer->get(u"/schemas?"_s + query);
        QVERIFY2(errorEnvelopeProblem(r, 400, u"bad_request"_s).isEmpty(), qPrintable(errorEnvelopeProblem(r, 400, u"bad_request"_s)));
        QCOMPARE(r.body.value(u"errors"_s).toArray().first().toObject().value(u"field"_s).toString(), field);
    }
}

void TestSchemaApi::getOne()
{
    GALLEY_ENV(e);
    const qint64 id = e->db.scalar(u"SELECT id FROM content_schemas WHERE account_id = ? ORDER BY id LIMIT 1"_s, { e->accountA });
    QVERIFY(id > 0);
    const ApiReply r = e->viewer->get(u"/schemas/%1"_s.arg(id));
    QCOMPARE(r.status, 200);
    const QJsonObject s = r.object();
    QCOMPARE(s.value(u"id"_s).toInteger(), id);
    QCOMPARE(s.value(u"account_id"_s).toInteger(), e->accountA);
    QVERIFY(s.value(u"spec_doc"_s).toObject().contains(u"properties"_s));
    QCOMPARE(s.value(u"dialect"_s).toString(),
             e->db.column(u"SELECT dialect FROM content_schemas WHERE id = ?"_s, { id }).value(0).toString());
    QCOMPARE(QJsonDocument::fromJson(e->db.load(Entity::schema(), e->accountA, id)).object(), s);

    QVERIFY(errorEnvelopeProblem(e->viewer->get(u"/schemas/999999999"_s), 404, u"not_found"_s).isEmpty());
    QVERIFY(errorEnvelopeProblem(e->viewer->get(u"/schemas/abc"_s), 404, u"not_found"_s).isEmpty());
    ApiClient anonymous(e->server.baseUrl());
    QCOMPARE(anonymous.get(u"/schemas/%1"_s.arg(id)).status, 401);
    QCOMPARE(anonymous.get(u"/schemas"_s).status, 401);
}

void TestSchemaApi::createValid()
{
    GALLEY_ENV(e);
    const qint64 since = e->db.lastSeq(e->accountA);
    const QString name = u"Interview %1"_s.arg(++m_counter);
    const QJsonObject spec = simpleSpec(u"Interview"_s);
    const ApiReply r = e->designer->call("POST", u"/schemas"_s, createBody(name, spec));
    QCOMPARE(r.status, 201);
    const QJsonObject created = r.object();
    const qint64 id = created.value(u"id"_s).toInteger();
    QVERIFY(id > 0);
    QCOMPARE(created.value(u"name"_s).toString(), name);
    QCOMPARE(created.value(u"description"_s).toString(), u"Made by tst_schemaapi"_s);
    QCOMPARE(created.value(u"account_id"_s).toInteger(), e->accountA);
    QCOMPARE(created.value(u"dialect"_s).toString(), u"2020-12"_s);
    QCOMPARE(created.value(u"auth_policy"_s).toString(), u"writer"_s);
    QCOMPARE(created.value(u"lock_version"_s).toInteger(), qint64(1));
    const qint64 designerId = e->db.userId(roleUser(Role::SchemaDesigner).email);
    QCOMPARE(created.value(u"created_by"_s).toInteger(), designerId);
    QCOMPARE(created.value(u"updated_by"_s).toInteger(), designerId);
    QCOMPARE(created.value(u"updated_by_name"_s).toString(),
             e->db.column(u"SELECT name FROM users WHERE id = ?"_s, { designerId }).value(0).toString());
    QCOMPARE(created.value(u"spec_doc"_s).toObject(), spec);
    QVERIFY(Server::parseIsoTime(created.value(u"created_at"_s).toString()).has_value());

    // Readable, listed, and in the change feed as an upsert with the same object.
    QCOMPARE(e->viewer->get(u"/schemas/%1"_s.arg(id)).object(), created);
    QCOMPARE(names(e->viewer->get(u"/schemas?q_name="_s + QString::fromLatin1(QUrl::toPercentEncoding(name))).data().toArray()),
             QStringList { name });
    QString failure;
    const QJsonArray changes = changesSince(*e->viewer, since, &failure);
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
    const QJsonObject entry = feedEntry(changes, id, u"upsert"_s);
    QVERIFY2(!entry.isEmpty(), qPrintable(compactJson(changes)));
    QCOMPARE(entry.value(u"data"_s).toObject(), created);

    // Draft 7, a trimmed name, an auth policy, no description; and the admin may too.
    const QJsonObject draft7 { { u"$schema"_s, u"http://json-schema.org/draft-07/schema#"_s },
                               { u"type"_s, u"object"_s },
                               { u"definitions"_s, QJsonObject { { u"p"_s, QJsonObject { { u"type"_s, u"string"_s } } } } },
                               { u"properties"_s, QJsonObject { { u"a"_s, QJsonObject { { u"$ref"_s, u"#/definitions/p"_s } } } } } };
    const QString name7 = u"Letter %1"_s.arg(++m_counter);
    const ApiReply r7 = e->admin->call("POST", u"/schemas"_s,
                                       { { u"name"_s, QString(u"  "_s + name7 + u" "_s) }, { u"spec_doc"_s, draft7 }, { u"auth_policy"_s, u"editor"_s } });
    QCOMPARE(r7.status, 201);
    QCOMPARE(r7.object().value(u"name"_s).toString(), name7);
    QCOMPARE(r7.object().value(u"dialect"_s).toString(), u"draft-07"_s);
    QCOMPARE(r7.object().value(u"auth_policy"_s).toString(), u"editor"_s);
    QCOMPARE(r7.object().value(u"description"_s).toString(), QString());
    QCOMPARE(r7.object().value(u"created_by"_s).toInteger(), e->db.userId(roleUser(Role::Admin).email));
    QCOMPARE(r7.object().value(u"updated_by"_s).toInteger(), e->db.userId(roleUser(Role::Admin).email));

    // Without "$schema" a schema is 2020-12.
    const ApiReply plain = e->designer->call("POST", u"/schemas"_s,
                                             createBody(u"Plain %1"_s.arg(++m_counter), QJsonObject { { u"type"_s, u"object"_s } }));
    QCOMPARE(plain.status, 201);
    QCOMPARE(plain.object().value(u"dialect"_s).toString(), u"2020-12"_s);
}

// spec_text: the schema as its author wrote it comes back byte for byte (member order, which
// JSON objects and PostgreSQL's JSONB do not keep, and formatting), in answers and in the feed.
void TestSchemaApi::textKeptAsWritten()
{
    GALLEY_ENV(e);
    const qint64 since = e->db.lastSeq(e->accountA);
    const QString text = u"{\n  \"type\": \"object\",\n  \"properties\": {\n    \"zeta\": { \"type\": \"string\" },\n"
                         "    \"alpha\":  { \"type\": \"integer\", \"minimum\": 0 },\n    \"mid\": {\"type\":\"boolean\"}\n  },\n"
                         "  \"x-galley-note\": \"kept\", \"$comment\": \"as written\"\n}\n"_s;
    const QString name = u"Ordered %1"_s.arg(++m_counter);
    ApiReply r = e->designer->call("POST", u"/schemas"_s, { { u"name"_s, name }, { u"spec_text"_s, text } });
    QCOMPARE(r.status, 201);
    const qint64 id = r.object().value(u"id"_s).toInteger();
    QCOMPARE(r.object().value(u"spec_text"_s).toString(), text);
    QCOMPARE(r.object().value(u"spec_doc"_s).toObject(), QJsonDocument::fromJson(text.toUtf8()).object());
    QCOMPARE(e->viewer->get(u"/schemas/%1"_s.arg(id)).object().value(u"spec_text"_s).toString(), text);
    QString failure;
    const QJsonObject entry = feedEntry(changesSince(*e->viewer, since, &failure), id, u"upsert"_s);
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
    QCOMPARE(entry.value(u"data"_s).toObject().value(u"spec_text"_s).toString(), text);

    // Both, the same schema: fine. Both, different: refused, pointing at spec_text.
    const QString reordered = u"{\"properties\":{\"mid\":{\"type\":\"boolean\"},\"alpha\":{\"type\":\"integer\",\"minimum\":0},"
                              "\"zeta\":{\"type\":\"string\"}},\"type\":\"object\",\"x-galley-note\":\"kept\",\"$comment\":\"as written\"}"_s;
    r = e->designer->call("PUT", u"/schemas/%1"_s.arg(id),
                          { { u"name"_s, name }, { u"lock_version"_s, 1 }, { u"spec_text"_s, reordered },
                            { u"spec_doc"_s, QJsonDocument::fromJson(text.toUtf8()).object() } });
    QCOMPARE(r.status, 200);
    QCOMPARE(r.object().value(u"spec_text"_s).toString(), reordered);
    r = e->designer->call("PUT", u"/schemas/%1"_s.arg(id),
                          { { u"name"_s, name }, { u"lock_version"_s, 2 }, { u"spec_text"_s, reordered },
                            { u"spec_doc"_s, QJsonObject { { u"type"_s, u"object"_s } } } });
    QCOMPARE(r.status, 422);
    QCOMPARE(r.body.value(u"errors"_s).toArray().first().toObject().value(u"field"_s).toString(), u"/spec_text"_s);
    // Not JSON, or not an object: refused with where it stopped.
    r = e->designer->call("PUT", u"/schemas/%1"_s.arg(id),
                          { { u"name"_s, name }, { u"lock_version"_s, 2 }, { u"spec_text"_s, u"{\"type\": \"object\",}"_s } });
    QCOMPARE(r.status, 422);
    QCOMPARE(r.errorCode(), u"invalid_json"_s);
    // spec_doc alone: the stored text no longer matches and is dropped.
    r = e->designer->call("PUT", u"/schemas/%1"_s.arg(id),
                          { { u"name"_s, name }, { u"lock_version"_s, 2 }, { u"spec_doc"_s, QJsonObject { { u"type"_s, u"object"_s } } } });
    QCOMPARE(r.status, 200);
    QVERIFY(r.object().value(u"spec_text"_s).isNull());
}

void TestSchemaApi::createRefused_data()
{
    QTest::addColumn<QString>("backend");
    QTest::addColumn<QJsonObject>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");            // of the envelope's first error
    QTest::addColumn<QStringList>("fieldCodes");  // every error as "field → code"

    const QJsonObject valid = createBody(u"Refused"_s);
    const auto with = [&valid](const QString &key, const QJsonValue &value) {
        QJsonObject o = valid;
        if (value.isUndefined())
            o.remove(key);
        else
            o.insert(key, value);
        return o;
    };
    const auto spec = [&with](const QJsonObject &s) { return with(u"spec_doc"_s, s); };
    const auto parse = [](const char *json) { return QJsonDocument::fromJson(json).object(); };

    struct Row
    {
        const char *name;
        QJsonObject body;
        int status;
        QString code;
        QStringList fields;
    };
    const QList<Row> rows {
        { "unknown-field", with(u"colour"_s, u"red"_s), 422, u"unknown_field"_s, { u"/colour → unknown_field"_s } },
        { "account-id-refused", with(u"account_id"_s, 2), 422, u"read_only"_s, { u"/account_id → read_only"_s } },
        { "lock-version-on-create", with(u"lock_version"_s, 1), 422, u"read_only"_s, { u"/lock_version → read_only"_s } },
        { "name-missing", with(u"name"_s, QJsonValue::Undefined), 422, u"required"_s, { u"/name → required"_s } },
        { "name-blank", with(u"name"_s, u"   "_s), 422, u"required"_s, { u"/name → required"_s } },
        { "name-not-a-string", with(u"name"_s, 12), 422, u"type"_s, { u"/name → type"_s } },
        { "name-with-control-character", with(u"name"_s, u"Tab\there"_s), 422, u"invalid_characters"_s,
          { u"/name → invalid_characters"_s } },
        { "nul-in-description", with(u"description"_s, QString(u"a"_s + QChar(0) + u"b"_s)), 422, u"invalid_characters"_s,
          { u"/description → invalid_characters"_s } },
        { "nul-in-spec", spec(QJsonObject { { u"properties"_s, QJsonObject { { u"a"_s, QJsonObject { { u"title"_s,
                                                                                                   QString(u"x"_s + QChar(0)) } } } } } }),
          422, u"invalid_characters"_s, { u"/spec_doc/properties/a/title → invalid_characters"_s } },
        { "name-too-long", with(u"name"_s, QString(201, u'x')), 422, u"too_long"_s, { u"/name → too_long"_s } },
        { "name-taken-case-insensitively", with(u"name"_s, u"aRTICLE"_s), 409, u"name_taken"_s, { u"/name → name_taken"_s } },
        { "auth-policy-unknown", with(u"auth_policy"_s, u"chief"_s), 422, u"invalid_value"_s, { u"/auth_policy → invalid_value"_s } },
        { "spec-missing", with(u"spec_doc"_s, QJsonValue::Undefined), 422, u"required"_s, { u"/spec_doc → required"_s } },
        { "spec-not-an-object", with(u"spec_doc"_s, QJsonArray { 1 }), 422, u"type"_s, { u"/spec_doc → type"_s } },
        { "spec-type-12", spec(parse(R"({"type": 12})")), 422, u"invalid_schema"_s, { u"/spec_doc/type → invalid_schema"_s } },
        { "spec-two-problems", spec(parse(R"({"type": "object", "properties": {"a": {"minLength": -1}}, "required": "a"})")), 422,
          u"invalid_schema"_s, { u"/spec_doc/properties/a/minLength → invalid_schema"_s, u"/spec_doc/required → invalid_schema"_s } },
        { "spec-dangling-ref", spec(parse(R"({"properties": {"a": {"$ref": "#/$defs/nowhere"}}})")), 422, u"invalid_schema"_s,
          { u"/spec_doc/properties/a/$ref → invalid_schema"_s } },
        { "spec-unknown-dialect", spec(parse(R"({"$schema": "https://example.com/dialect"})")), 422, u"unsupported_dialect"_s,
          { u"/spec_doc/$schema → unsupported_dialect"_s } },
        { "spec-2019-09-not-stored", spec(parse(R"({"$schema": "https://json-schema.org/draft/2019-09/schema", "type": "object"})")),
          422, u"unsupported_dialect"_s, { u"/spec_doc/$schema → unsupported_dialect"_s } },
        { "everything-at-once", QJsonObject { { u"colour"_s, 1 }, { u"spec_doc"_s, parse(R"({"type": 12})") } }, 422,
          u"unknown_field"_s, { u"/colour → unknown_field"_s, u"/name → required"_s, u"/spec_doc/type → invalid_schema"_s } },
    };
    for (const QString &backend : { u"sqlite"_s, u"postgresql"_s }) {
        for (const Row &row : rows)
            QTest::addRow("%s-%s", qPrintable(backend), row.name) << backend << row.body << row.status << row.code << row.fields;
    }
}

void TestSchemaApi::createRefused()
{
    GALLEY_ENV(e);
    QFETCH(QJsonObject, body);
    QFETCH(int, status);
    QFETCH(QString, code);
    QFETCH(QStringList, fieldCodes);
    const qint64 before = e->db.scalar(u"SELECT COUNT(*) FROM content_schemas"_s);
    const qint64 seq = e->db.lastSeq(e->accountA);
    const ApiReply r = e->designer->call("POST", u"/schemas"_s, body);
    const QString problem = errorEnvelopeProblem(r, status, code);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    QCOMPARE(::fieldCodes(r), fieldCodes);
    if (status == 422) {
        const QString sentence = r.body.value(u"error"_s).toString();
        QVERIFY2(sentence.contains(fieldCodes.size() == 1 ? u"1 problem"_s : u"%1 problems"_s.arg(fieldCodes.size())),
                 qPrintable(sentence));
    }
    QCOMPARE(e->db.scalar(u"SELECT COUNT(*) FROM content_schemas"_s), before);
    QCOMPARE(e->db.lastSeq(e->accountA), seq);
}

void TestSchemaApi::rolesOnWrites()
{
    GALLEY_ENV(e);
    const QJsonObject schema = createSchema(*e, u"Roles %1"_s.arg(++m_counter));
    QVERIFY(!schema.isEmpty());
    const qint64 id = schema.value(u"id"_s).toInteger();
    const QString path = u"/schemas/%1"_s.arg(id);
    QJsonObject update = createBody(u"Roles renamed %1"_s.arg(m_counter));
    update.insert(u"lock_version"_s, 1);

    for (ApiClient *client : { e->viewer.get(), e->writer.get(), e->editor.get() }) {
        for (const auto &[method, p, body] : { std::tuple { QByteArray("POST"), u"/schemas"_s, createBody(u"Forbidden"_s) },
                                               std::tuple { QByteArray("PUT"), path, update },
                                               std::tuple { QByteArray("DELETE"), path, QJsonObject {} },
                                               std::tuple { QByteArray("POST"), QString(path + u"/impact"_s),
                                                            QJsonObject { { u"spec_doc"_s, simpleSpec() } } } }) {
            const ApiReply r = client->call(method, p, body);
            QVERIFY2(errorEnvelopeProblem(r, 403, u"forbidden"_s).isEmpty(), qPrintable(describe(method, p, r)));
        }
        // Reading is for everyone.
        QCOMPARE(client->get(path).status, 200);
    }
    QCOMPARE(e->db.scalar(u"SELECT lock_version FROM content_schemas WHERE id = ?"_s, { id }), qint64(1));
    QCOMPARE(e->db.scalar(u"SELECT COUNT(*) FROM content_schemas WHERE name = 'Forbidden'"_s), qint64(0));

    // The schema designer and the admin may.
    QCOMPARE(e->designer->call("PUT", path, update).status, 200);
    update.insert(u"lock_version"_s, 2);
    update.insert(u"name"_s, u"Roles by admin %1"_s.arg(m_counter));
    QCOMPARE(e->admin->call("PUT", path, update).status, 200);
    QCOMPARE(e->admin->call("DELETE", path).status, 200);
}

void TestSchemaApi::updateWithLockVersion()
{
    GALLEY_ENV(e);
    const QJsonObject schema = createSchema(*e, u"Review %1"_s.arg(++m_counter));
    QVERIFY(!schema.isEmpty());
    const qint64 id = schema.value(u"id"_s).toInteger();
    const QString path = u"/schemas/%1"_s.arg(id);
    const qint64 since = e->db.lastSeq(e->accountA);

    // lock_version in the body: replaced, incremented, updated_at moved on; the description
    // and the auth policy stay when absent.
    QJsonObject spec2 = simpleSpec(u"Review v2"_s);
    spec2.insert(u"required"_s, QJsonArray { u"headline"_s });
    const QString name2 = u"Review renamed %1"_s.arg(m_counter);
    const ApiReply v2 = e->designer->call("PUT", path, { { u"name"_s, name2 }, { u"spec_doc"_s, spec2 }, { u"lock_version"_s, 1 } });
    QCOMPARE(v2.status, 200);
    QCOMPARE(v2.object().value(u"lock_version"_s).toInteger(), qint64(2));
    QCOMPARE(v2.object().value(u"name"_s).toString(), name2);
    QCOMPARE(v2.object().value(u"spec_doc"_s).toObject(), spec2);
    QCOMPARE(v2.object().value(u"description"_s).toString(), u"Made by tst_schemaapi"_s);
    QCOMPARE(v2.object().value(u"auth_policy"_s).toString(), u"writer"_s);
    QCOMPARE(v2.object().value(u"created_at"_s), schema.value(u"created_at"_s));
    QVERIFY(v2.object().value(u"updated_at"_s).toString() >= schema.value(u"updated_at"_s).toString());

    // A stale lock_version: 409 with the server's copy, and nothing changes.
    const ApiReply stale = e->designer->call("PUT", path, { { u"name"_s, u"Lost update"_s }, { u"spec_doc"_s, simpleSpec() },
                                                            { u"lock_version"_s, 1 } });
    QVERIFY2(errorEnvelopeProblem(stale, 409, u"update_collision"_s).isEmpty(), qPrintable(errorEnvelopeProblem(stale, 409)));
    QCOMPARE(stale.data().toObject(), v2.object());
    QCOMPARE(e->viewer->get(path).object(), v2.object());

    // If-Match instead of lock_version: quoted, bare, weak.
    qint64 version = 2;
    for (const QByteArray &format : { QByteArray("\"%1\""), QByteArray("%1"), QByteArray("W/\"%1\"") }) {
        const QByteArray ifMatch = QByteArray(format).replace("%1", QByteArray::number(version));
        const ApiReply r = e->designer->call("PUT", path, { { u"name"_s, name2 }, { u"spec_doc"_s, spec2 },
                                                            { u"description"_s, u"Version %1"_s.arg(version + 1) } },
                                             { { "If-Match", ifMatch } });
        QVERIFY2(r.status == 200, qPrintable(describe("PUT", path, r)));
        QCOMPARE(r.object().value(u"lock_version"_s).toInteger(), ++version);
        QCOMPARE(r.object().value(u"description"_s).toString(), u"Version %1"_s.arg(version));
    }
    const ApiReply staleHeader = e->designer->call("PUT", path, { { u"name"_s, name2 }, { u"spec_doc"_s, spec2 } },
                                                   { { "If-Match", "\"2\"" } });
    QVERIFY(errorEnvelopeProblem(staleHeader, 409, u"update_collision"_s).isEmpty());
    QCOMPARE(staleHeader.data().toObject().value(u"lock_version"_s).toInteger(), version);

    // No version at all, a malformed one, and two that disagree.
    const ApiReply missing = e->designer->call("PUT", path, { { u"name"_s, name2 }, { u"spec_doc"_s, spec2 } });
    QVERIFY(errorEnvelopeProblem(missing, 422, u"required"_s).isEmpty());
    QCOMPARE(fieldCodes(missing), QStringList { u"/lock_version → required"_s });
    const ApiReply notNumber = e->designer->call("PUT", path, { { u"name"_s, name2 }, { u"spec_doc"_s, spec2 }, { u"lock_version"_s, u"5"_s } });
    QCOMPARE(fieldCodes(notNumber), QStringList { u"/lock_version → type"_s });
    const ApiReply disagree = e->designer->call("PUT", path,
                                                { { u"name"_s, name2 }, { u"spec_doc"_s, spec2 }, { u"lock_version"_s, version } },
                                                { { "If-Match", "\"1\"" } });
    QCOMPARE(fieldCodes(disagree), QStringList { u"/lock_version → conflicting"_s });
    QVERIFY(errorEnvelopeProblem(e->designer->call("PUT", path, { { u"name"_s, name2 }, { u"spec_doc"_s, spec2 } },
                                                   { { "If-Match", "yesterday" } }),
                                 400, u"bad_request"_s)
                    .isEmpty());

    // The same checks as create: an invalid schema, a taken name, read-only members.
    const ApiReply invalid = e->designer->call("PUT", path, { { u"name"_s, name2 }, { u"lock_version"_s, version },
                                                              { u"spec_doc"_s, QJsonObject { { u"minProperties"_s, -3 } } } });
    QCOMPARE(fieldCodes(invalid), QStringList { u"/spec_doc/minProperties → invalid_schema"_s });
    const ApiReply taken = e->designer->call("PUT", path, { { u"name"_s, u"article"_s }, { u"spec_doc"_s, spec2 }, { u"lock_version"_s, version } });
    QVERIFY(errorEnvelopeProblem(taken, 409, u"name_taken"_s).isEmpty());
    const ApiReply readOnly = e->designer->call("PUT", path, { { u"name"_s, name2 }, { u"spec_doc"_s, spec2 }, { u"lock_version"_s, version },
                                                               { u"id"_s, id }, { u"account_id"_s, e->accountB } });
    QCOMPARE(fieldCodes(readOnly), (QStringList { u"/account_id → read_only"_s, u"/id → read_only"_s }));
    // Renaming to its own name in other letters is not taken.
    // And an empty description clears it.
    const ApiReply sameName = e->designer->call("PUT", path, { { u"name"_s, name2.toUpper() }, { u"spec_doc"_s, spec2 },
                                                               { u"lock_version"_s, version }, { u"description"_s, u""_s } });
    QCOMPARE(sameName.status, 200);
    QCOMPARE(sameName.object().value(u"name"_s).toString(), name2.toUpper());
    QCOMPARE(sameName.object().value(u"description"_s).toString(), QString());
    ++version;
    QCOMPARE(e->db.scalar(u"SELECT lock_version FROM content_schemas WHERE id = ?"_s, { id }), version);

    // Every successful write is in the feed; the last upsert is the current copy.
    QString failure;
    const QJsonArray changes = changesSince(*e->viewer, since, &failure);
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
    int upserts = 0;
    for (const QJsonValue &v : changes) {
        const QJsonObject c = v.toObject();
        if (c.value(u"entity"_s).toString() == "schema"_L1 && c.value(u"id"_s).toInteger() == id)
            ++upserts;
    }
    QCOMPARE(upserts, 5);
    QCOMPARE(feedEntry(changes, id, u"upsert"_s).value(u"data"_s).toObject(), e->viewer->get(path).object());

    // Who changed it last: the designer so far, then the admin; the creator stays.
    const qint64 designerId = e->db.userId(roleUser(Role::SchemaDesigner).email);
    const qint64 adminId = e->db.userId(roleUser(Role::Admin).email);
    QCOMPARE(e->viewer->get(path).object().value(u"updated_by"_s).toInteger(), designerId);
    const ApiReply byAdmin = e->admin->call("PUT", path, { { u"name"_s, name2 }, { u"spec_doc"_s, spec2 }, { u"lock_version"_s, version } });
    QVERIFY2(byAdmin.status == 200, qPrintable(describe("PUT", path, byAdmin)));
    QCOMPARE(byAdmin.object().value(u"updated_by"_s).toInteger(), adminId);
    QCOMPARE(byAdmin.object().value(u"updated_by_name"_s).toString(),
             e->db.column(u"SELECT name FROM users WHERE id = ?"_s, { adminId }).value(0).toString());
    QCOMPARE(byAdmin.object().value(u"created_by"_s).toInteger(), designerId);
    QCOMPARE(e->viewer->get(path).object(), byAdmin.object());
}

void TestSchemaApi::concurrentUpdatesHaveOneWinner()
{
    GALLEY_ENV(e);
    const QJsonObject schema = createSchema(*e, u"Race %1"_s.arg(++m_counter));
    QVERIFY(!schema.isEmpty());
    const qint64 id = schema.value(u"id"_s).toInteger();
    const QString path = u"/schemas/%1"_s.arg(id);
    for (int round = 0; round < 3; ++round) {
        const qint64 version = e->db.scalar(u"SELECT lock_version FROM content_schemas WHERE id = ?"_s, { id });
        QList<QByteArray> bodies;
        for (int writer = 0; writer < 4; ++writer) {
            QJsonObject body = createBody(u"Race %1 round %2 writer %3"_s.arg(m_counter).arg(round).arg(writer));
            body.insert(u"lock_version"_s, version);
            bodies << QJsonDocument(body).toJson(QJsonDocument::Compact);
        }
        QList<int> statuses = concurrently(*e->designer, e->server.baseUrl(), "PUT", path, bodies);
        std::sort(statuses.begin(), statuses.end());
        QCOMPARE(statuses, (QList<int> { 200, 409, 409, 409 }));
        QCOMPARE(e->db.scalar(u"SELECT lock_version FROM content_schemas WHERE id = ?"_s, { id }), version + 1);
    }
}

void TestSchemaApi::deleteRefusedWhileInUse()
{
    GALLEY_ENV(e);
    // A schema of account A that documents use: from the demo workspace, else made here.
    qint64 schema = e->db.scalar(u"SELECT schema_id FROM documents WHERE account_id = ? ORDER BY schema_id LIMIT 1"_s, { e->accountA });
    if (schema <= 0) {
        const qint64 site = e->db.sitesOfAccount(e->accountA).value(0, -1);
        const qint64 sector = e->db.scalar(u"SELECT id FROM sectors WHERE site_id = ? ORDER BY id LIMIT 1"_s, { site });
        const QJsonObject created = createSchema(*e, u"In use %1"_s.arg(++m_counter));
        QVERIFY(!created.isEmpty());
        schema = created.value(u"id"_s).toInteger();
        const ApiReply doc = e->admin->call("POST", u"/documents"_s,
                                            { { u"site_id"_s, site }, { u"sector_id"_s, sector }, { u"schema_id"_s, schema },
                                              { u"title"_s, u"Uses the schema"_s }, { u"fields"_s, QJsonObject {} } });
        if (doc.status == 404 || doc.status == 405)
            QSKIP("The seeded database has no documents and POST /documents is not there yet: cannot make a schema be in use.");
        QVERIFY2(doc.status == 201, qPrintable(describe("POST", u"/documents"_s, doc)));
    }
    const qint64 documents = e->db.scalar(u"SELECT COUNT(*) FROM documents WHERE schema_id = ?"_s, { schema });
    QVERIFY(documents > 0);
    const QString path = u"/schemas/%1"_s.arg(schema);
    const qint64 seq = e->db.lastSeq(e->accountA);
    const ApiReply r = e->designer->call("DELETE", path);
    QVERIFY2(errorEnvelopeProblem(r, 409, u"schema_in_use"_s).isEmpty(), qPrintable(errorEnvelopeProblem(r, 409, u"schema_in_use"_s)));
    QVERIFY2(r.body.value(u"error"_s).toString().contains(QString::number(documents)), qPrintable(r.body.value(u"error"_s).toString()));
    QCOMPARE(e->viewer->get(path).status, 200);
    QCOMPARE(e->db.lastSeq(e->accountA), seq);
    // Also with a current lock version: in use wins.
    const qint64 version = e->db.scalar(u"SELECT lock_version FROM content_schemas WHERE id = ?"_s, { schema });
    QCOMPARE(e->designer->call("DELETE", path, {}, { { "If-Match", QByteArray::number(version) } }).status, 409);
}

void TestSchemaApi::deleteUnused()
{
    GALLEY_ENV(e);
    const QJsonObject schema = createSchema(*e, u"Disposable %1"_s.arg(++m_counter));
    QVERIFY(!schema.isEmpty());
    const qint64 id = schema.value(u"id"_s).toInteger();
    const QString path = u"/schemas/%1"_s.arg(id);
    const qint64 since = e->db.lastSeq(e->accountA);

    // A stale lock version refuses with the current copy; a malformed one is a 400.
    const ApiReply stale = e->designer->call("DELETE", path, {}, { { "If-Match", "\"7\"" } });
    QVERIFY(errorEnvelopeProblem(stale, 409, u"update_collision"_s).isEmpty());
    QCOMPARE(stale.data().toObject(), schema);
    QCOMPARE(e->designer->call("DELETE", path + u"?lock_version=3"_s).status, 409);
    QVERIFY(errorEnvelopeProblem(e->designer->call("DELETE", path + u"?lock_version=x"_s), 400, u"bad_request"_s).isEmpty());
    QCOMPARE(e->viewer->get(path).status, 200);

    // With the current version (optional): deleted, gone, a tombstone in the feed.
    const ApiReply r = e->designer->call("DELETE", path, {}, { { "If-Match", "\"1\"" } });
    QCOMPARE(r.status, 200);
    QCOMPARE(r.object(), (QJsonObject { { u"id"_s, id }, { u"deleted"_s, true } }));
    QVERIFY(errorEnvelopeProblem(e->viewer->get(path), 404, u"not_found"_s).isEmpty());
    QVERIFY(!names(e->viewer->get(u"/schemas?page_size=200"_s).data().toArray()).contains(schema.value(u"name"_s).toString()));
    QCOMPARE(e->db.scalar(u"SELECT COUNT(*) FROM content_schemas WHERE id = ?"_s, { id }), qint64(0));
    QString failure;
    const QJsonArray changes = changesSince(*e->viewer, since, &failure);
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
    const QJsonObject tombstone = feedEntry(changes, id, u"delete"_s);
    QVERIFY2(!tombstone.isEmpty(), qPrintable(compactJson(changes)));
    QVERIFY(!tombstone.contains(u"site_id"_s));

    // Deleting again: it does not exist. Without a lock version a delete is unconditional.
    QCOMPARE(e->designer->call("DELETE", path).status, 404);
    const QJsonObject other = createSchema(*e, u"Disposable %1"_s.arg(++m_counter));
    QVERIFY(!other.isEmpty());
    QCOMPARE(e->designer->call("DELETE", u"/schemas/%1"_s.arg(other.value(u"id"_s).toInteger())).status, 200);
}

void TestSchemaApi::impact()
{
    GALLEY_ENV(e);
    // The account-A schema with the most current editions.
    const QString current = u"FROM editions e JOIN documents d ON d.id = e.document_id WHERE d.account_id = ? "
                            "AND (e.id = d.latest_edition_id OR e.id = d.live_edition_id)"_s;
    const qint64 schema = e->db.scalar(u"SELECT d.schema_id "_s + current + u" GROUP BY d.schema_id ORDER BY COUNT(*) DESC, d.schema_id LIMIT 1"_s,
                                       { e->accountA });
    if (schema <= 0)
        QSKIP("The seeded database has no documents yet (demo seeding of content is not there): nothing to check impact on.");
    const qint64 editions = e->db.scalar(u"SELECT COUNT(*) "_s + current + u" AND d.schema_id = ?"_s, { e->accountA, schema });
    QVERIFY(editions > 0);
    const QString path = u"/schemas/%1/impact"_s.arg(schema);
    const QJsonObject spec = e->viewer->get(u"/schemas/%1"_s.arg(schema)).object().value(u"spec_doc"_s).toObject();
    QVERIFY(!spec.isEmpty());
    const qint64 seq = e->db.lastSeq(e->accountA);

    // The schema as it is: every current edition checked; published ones pass.
    const ApiReply same = e->designer->call("POST", path, { { u"spec_doc"_s, spec } });
    QCOMPARE(same.status, 200);
    QCOMPARE(same.object().value(u"checked"_s).toInteger(), editions);
    const qint64 failingNow = same.object().value(u"failing"_s).toInteger();
    QVERIFY(failingNow >= 0 && failingNow <= editions);
    for (const QJsonValue &v : same.object().value(u"editions"_s).toArray())
        QVERIFY(v.toObject().value(u"state"_s).toString() != "published"_L1);

    // A new required field breaks every one of them, and is named as the field.
    QJsonObject stricter = spec;
    QJsonArray required = stricter.value(u"required"_s).toArray();
    required.append(u"galley_new_field"_s);
    stricter.insert(u"required"_s, required);
    const ApiReply broken = e->designer->call("POST", path, { { u"spec_doc"_s, stricter } });
    QCOMPARE(broken.status, 200);
    const QJsonObject answer = broken.object();
    QCOMPARE(answer.value(u"checked"_s).toInteger(), editions);
    QCOMPARE(answer.value(u"failing"_s).toInteger(), editions);
    const QJsonArray fields = answer.value(u"fields"_s).toArray();
    QJsonObject newField;
    for (const QJsonValue &v : fields) {
        if (v.toObject().value(u"pointer"_s).toString() == "/galley_new_field"_L1)
            newField = v.toObject();
    }
    QVERIFY2(!newField.isEmpty(), qPrintable(compactJson(fields)));
    QCOMPARE(newField.value(u"count"_s).toInteger(), editions);
    QVERIFY(newField.value(u"example_message"_s).toString().contains(u"galley_new_field"_s));
    QCOMPARE(fields.first().toObject().value(u"count"_s).toInteger(), editions);   // most frequent first
    const QJsonArray listed = answer.value(u"editions"_s).toArray();
    QCOMPARE(qint64(listed.size()), std::min<qint64>(editions, 50));
    for (const QJsonValue &v : listed) {
        const QJsonObject edition = v.toObject();
        QVERIFY(edition.value(u"id"_s).toInteger() > 0);
        QCOMPARE(e->db.scalar(u"SELECT d.schema_id FROM editions e JOIN documents d ON d.id = e.document_id WHERE e.id = ?"_s,
                              { edition.value(u"id"_s).toInteger() }),
                 schema);
        QVERIFY(!edition.value(u"problems"_s).toArray().isEmpty());
    }

    // Nothing was written.
    QCOMPARE(e->db.lastSeq(e->accountA), seq);
    QCOMPARE(e->viewer->get(u"/schemas/%1"_s.arg(schema)).object().value(u"spec_doc"_s).toObject(), spec);

    // A candidate that is no valid schema, or a body with more than spec_doc, is refused.
    const ApiReply invalid = e->designer->call("POST", path, { { u"spec_doc"_s, QJsonObject { { u"type"_s, 12 } } } });
    QCOMPARE(fieldCodes(invalid), QStringList { u"/spec_doc/type → invalid_schema"_s });
    const ApiReply extra = e->designer->call("POST", path, { { u"spec_doc"_s, spec }, { u"name"_s, u"x"_s } });
    QCOMPARE(fieldCodes(extra), QStringList { u"/name → unknown_field"_s });
    QCOMPARE(e->designer->call("POST", u"/schemas/999999999/impact"_s, { { u"spec_doc"_s, spec } }).status, 404);
}

void TestSchemaApi::otherAccountIsNotFound()
{
    GALLEY_ENV(e);
    const qint64 theirs = e->db.scalar(u"SELECT id FROM content_schemas WHERE account_id = ? ORDER BY id LIMIT 1"_s, { e->accountB });
    QVERIFY(theirs > 0);
    const QByteArray before = e->db.load(Entity::schema(), e->accountB, theirs);
    const QString path = u"/schemas/%1"_s.arg(theirs);
    QJsonObject update = createBody(u"Taken over"_s);
    update.insert(u"lock_version"_s, 1);
    for (ApiClient *client : { e->designer.get(), e->admin.get(), e->viewer.get() }) {
        for (const auto &[method, p, body] : { std::tuple { QByteArray("GET"), path, QJsonObject {} },
                                               std::tuple { QByteArray("PUT"), path, update },
                                               std::tuple { QByteArray("DELETE"), path, QJsonObject {} },
                                               std::tuple { QByteArray("POST"), QString(path + u"/impact"_s),
                                                            QJsonObject { { u"spec_doc"_s, simpleSpec() } } } }) {
            const ApiReply r = client->call(method, p, body);
            // A viewer's writes are refused by role first (403); everything else is "no such object".
            const int expected = (client == e->viewer.get() && method != "GET") ? 403 : 404;
            QVERIFY2(r.status == expected, qPrintable(describe(method, p, r)));
        }
    }
    QCOMPARE(e->db.load(Entity::schema(), e->accountB, theirs), before);

    // Their designer reaches it, and A's schemas are not found for them.
    QCOMPARE(e->designerB->get(path).status, 200);
    const qint64 ours = e->db.scalar(u"SELECT id FROM content_schemas WHERE account_id = ? ORDER BY id LIMIT 1"_s, { e->accountA });
    QCOMPARE(e->designerB->get(u"/schemas/%1"_s.arg(ours)).status, 404);
    // The same name may exist in two accounts.
    const QString shared = e->db.column(u"SELECT name FROM content_schemas WHERE id = ?"_s, { ours }).value(0).toString();
    const ApiReply same = e->designerB->call("POST", u"/schemas"_s, createBody(shared));
    QCOMPARE(same.status, 201);
    QCOMPARE(same.object().value(u"account_id"_s).toInteger(), e->accountB);
}

QTEST_GUILESS_MAIN(TestSchemaApi)
#include "tst_schemaapi.moc"
