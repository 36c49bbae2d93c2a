// The content routes (documents, editions, remarks, history, link checks) and the publisher's
// read routes against the real galley-server on each backend: creating documents and what the
// lists, filters and change feed then show, body validation with JSON pointers, editing with
// lock_version / If-Match, concurrent writers, roles, tenancy (site-limited users and the other
// account), and Idempotency-Key replays, sequential and concurrent. Fixtures are made through
// POST /documents on top of the demo workspace.
#include "apitestkit.h"

#include <QSet>

#include <memory>
#include <vector>

using namespace Qt::StringLiterals;
using namespace Galley;
using namespace Galley::Testing;
using Galley::Server::Entity;

namespace {

// The demo ids the tests aim at, read from the database.
struct Fixture
{
    qint64 accountA = -1, accountB = -1;
    qint64 site = -1, sector = -1;               // account A, visible to Lucas (site-limited)
    qint64 hiddenSite = -1, hiddenSector = -1;   // account A, not visible to Lucas
    qint64 schema = -1;                          // account A, auth_policy writer
    qint64 siteB = -1, sectorB = -1, schemaB = -1, editorSchemaB = -1;
};

Fixture readFixture(TestStore &db)
{
    Fixture f;
    f.accountA = db.accountOf(roleUser(Role::Writer).email);
    f.accountB = db.accountOf(roleUser(Role::Writer, true).email);
    const QList<qint64> lucasSites = db.visibleSites(lucas().email);
    f.site = lucasSites.value(0, -1);
    for (const qint64 s : db.sitesOfAccount(f.accountA)) {
        if (!lucasSites.contains(s)) {
            f.hiddenSite = s;
            break;
        }
    }
    const QString firstSector = u"SELECT id FROM sectors WHERE site_id = ? ORDER BY id LIMIT 1"_s;
    const QString schemaWith = u"SELECT id FROM content_schemas WHERE account_id = ? AND auth_policy = ? ORDER BY id LIMIT 1"_s;
    f.sector = db.scalar(firstSector, { f.site });
    f.hiddenSector = db.scalar(firstSector, { f.hiddenSite });
    f.schema = db.scalar(schemaWith, { f.accountA, u"writer"_s });
    f.siteB = db.sitesOfAccount(f.accountB).value(0, -1);
    f.sectorB = db.scalar(firstSector, { f.siteB });
    f.schemaB = db.scalar(schemaWith, { f.accountB, u"writer"_s });
    f.editorSchemaB = db.scalar(schemaWith, { f.accountB, u"editor"_s });
    return f;
}

bool complete(const Fixture &f)
{
    for (const qint64 id : { f.accountA, f.accountB, f.site, f.sector, f.hiddenSite, f.hiddenSector, f.schema, f.siteB, f.sectorB,
                             f.schemaB, f.editorSchemaB }) {
        if (id <= 0)
            return false;
    }
    return true;
}

QJsonObject documentBody(qint64 site, qint64 sector, qint64 schema, const QString &title, const QJsonObject &fields = {})
{
    return QJsonObject { { u"site_id"_s, site }, { u"sector_id"_s, sector }, { u"schema_id"_s, schema },
                         { u"title"_s, title }, { u"fields"_s, fields } };
}

QJsonObject documentBody(const Fixture &f, const QString &title, const QJsonObject &fields = {})
{
    return documentBody(f.site, f.sector, f.schema, title, fields);
}

qint64 idOf(const QJsonValue &v)
{
    return v.toObject().value(u"id"_s).toInteger();
}

QSet<qint64> idsOf(const QJsonArray &rows)
{
    QSet<qint64> out;
    for (const QJsonValue &v : rows)
        out.insert(idOf(v));
    return out;
}

QJsonObject pagination(const ApiReply &r)
{
    return r.body.value(u"meta"_s).toObject().value(u"pagination"_s).toObject();
}

// Whether `errors` has an entry for `field` with `code`.
bool hasError(const ApiReply &r, const QString &field, const QString &code)
{
    for (const QJsonValue &e : r.body.value(u"errors"_s).toArray()) {
        if (e.toObject().value(u"field"_s).toString() == field && e.toObject().value(u"code"_s).toString() == code)
            return true;
    }
    return false;
}

QString messageFor(const ApiReply &r, const QString &field)
{
    for (const QJsonValue &e : r.body.value(u"errors"_s).toArray()) {
        if (e.toObject().value(u"field"_s).toString() == field)
            return e.toObject().value(u"message"_s).toString();
    }
    return {};
}

// Every change the client may see, from the start of the feed.
QJsonArray allChanges(ApiClient &client, QString *failure)
{
    QJsonArray all;
    QString since = u"0"_s;
    for (int i = 0; i < 200; ++i) {
        const QString path = u"/changes?since=%1&limit=1000"_s.arg(since);
        const ApiReply r = client.get(path);
        if (r.status != 200) {
            *failure = describe("GET", path, r);
            return all;
        }
        const QJsonObject page = r.object();
        for (const QJsonValue &c : page.value(u"changes"_s).toArray())
            all.append(c);
        since = page.value(u"next"_s).toString();
        if (!page.value(u"has_more"_s).toBool())
            return all;
    }
    *failure = u"the feed did not end"_s;
    return all;
}

bool feedHas(const QJsonArray &changes, const QString &entity, qint64 id, const QString &op = u"upsert"_s)
{
    for (const QJsonValue &v : changes) {
        const QJsonObject c = v.toObject();
        if (c.value(u"entity"_s).toString() == entity && c.value(u"id"_s).toInteger() == id && c.value(u"op"_s).toString() == op)
            return true;
    }
    return false;
}

// One request of a batch sent all at once.
struct Pending
{
    QByteArray method;
    QString path;
    QJsonObject body;
    QString token;
    QList<std::pair<QByteArray, QByteArray>> headers;
};

// Sends every request before waiting for any, each on its own QNetworkAccessManager (so on its
// own connection), and collects the answers in order.
QList<ApiReply> sendTogether(const QUrl &base, const QList<Pending> &requests)
{
    std::vector<std::unique_ptr<QNetworkAccessManager>> managers;
    QList<QNetworkReply *> replies;
    for (const Pending &p : requests) {
        managers.push_back(std::make_unique<QNetworkAccessManager>());
        QNetworkRequest request(QUrl(base.toString(QUrl::StripTrailingSlash) + u"/api/v1"_s + p.path));
        request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json"_ba);
        request.setRawHeader("Authorization", "Bearer " + p.token.toLatin1());
        for (const auto &[name, value] : p.headers)
            request.setRawHeader(name, value);
        replies << managers.back()->sendCustomRequest(request, p.method, QJsonDocument(p.body).toJson(QJsonDocument::Compact));
    }
    QEventLoop loop;
    int remaining = int(replies.size());
    QObject context;
    for (QNetworkReply *reply : std::as_const(replies)) {
        QObject::connect(reply, &QNetworkReply::finished, &context, [&] {
            if (--remaining == 0)
                loop.quit();
        });
    }
    QTimer::singleShot(90000, &context, [&loop] { loop.quit(); });
    if (remaining > 0)
        loop.exec();
    QList<ApiReply> out;
    for (QNetworkReply *reply : std::as_const(replies)) {
        ApiReply r;
        r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        r.raw = reply->readAll();
        r.body = QJsonDocument::fromJson(r.raw).object();
        for (const auto &[name, value] : reply->rawHeaderPairs())
            r.headers.insert(name.toLower(), value);
        out << r;
        reply->deleteLater();
    }
    return out;
}

} // namespace

class TestContentApi : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void createAndList_data() { ServerDatabase::addBackendRows(); }
    void createAndList();
    void createValidation_data() { ServerDatabase::addBackendRows(); }
    void createValidation();
    void editDraft_data() { ServerDatabase::addBackendRows(); }
    void editDraft();
    void concurrentEdits_data() { ServerDatabase::addBackendRows(); }
    void concurrentEdits();
    void roles_data() { ServerDatabase::addBackendRows(); }
    void roles();
    void tenancy_data() { ServerDatabase::addBackendRows(); }
    void tenancy();
    void remarksHistoryLinkCheck_data() { ServerDatabase::addBackendRows(); }
    void remarksHistoryLinkCheck();
    void publisherLists_data() { ServerDatabase::addBackendRows(); }
    void publisherLists();
    void idempotentCreate_data() { ServerDatabase::addBackendRows(); }
    void idempotentCreate();
};

#define OPEN_FIXTURE()                                                                   \
    TestStore db;                                                                        \
    QVERIFY2(db.open(database), qPrintable(db.error()));                                 \
    const Fixture f = readFixture(db);                                                   \
    QVERIFY2(complete(f), "the demo workspace lacks a site, sector or schema the test needs")

#define CREATE(client, body, out)                                                        \
    const ApiReply out##Reply = (client).call("POST", u"/documents"_s, (body));          \
    QVERIFY2(out##Reply.status == 201, qPrintable(describe("POST", u"/documents"_s, out##Reply))); \
    const QJsonObject out = out##Reply.object()

// POST /documents answers the document with its first edition; the lists find it by every
// filter, in newest-first order; slugs are derived and made unique; the feed has the document,
// its edition and the audit entry.
void TestContentApi::createAndList()
{
    GALLEY_START_SERVER(database, server, QStringList {});
    OPEN_FIXTURE();
    auto writer = loggedIn(server, roleUser(Role::Writer));
    QVERIFY(writer);
    const qint64 writerId = db.userId(roleUser(Role::Writer).email);

    const QString title = u"Harbour Bridge Reopens After Repairs"_s;
    const QJsonObject fields { { u"standfirst"_s, u"The crossing is open to traffic again after eight months."_s } };
    CREATE(*writer, documentBody(f, title, fields), doc);
    const qint64 docId = doc.value(u"id"_s).toInteger();
    QVERIFY(docId > 0);
    QCOMPARE(doc.value(u"site_id"_s).toInteger(), f.site);
    QCOMPARE(doc.value(u"sector_id"_s).toInteger(), f.sector);
    QCOMPARE(doc.value(u"schema_id"_s).toInteger(), f.schema);
    QCOMPARE(doc.value(u"slug"_s).toString(), u"harbour-bridge-reopens-after-repairs"_s);
    QCOMPARE(doc.value(u"title"_s).toString(), title);
    QCOMPARE(doc.value(u"latest_state"_s).toString(), u"draft"_s);
    QCOMPARE(doc.value(u"created_by"_s).toInteger(), writerId);
    QVERIFY(doc.value(u"live_edition_id"_s).isNull());
    const QJsonArray editions = doc.value(u"editions"_s).toArray();
    QCOMPARE(editions.size(), 1);
    const QJsonObject edition = editions.first().toObject();
    const qint64 editionId = edition.value(u"id"_s).toInteger();
    QCOMPARE(doc.value(u"latest_edition_id"_s).toInteger(), editionId);
    QCOMPARE(edition.value(u"document_id"_s).toInteger(), docId);
    QCOMPARE(edition.value(u"state"_s).toString(), u"draft"_s);
    QCOMPARE(edition.value(u"lock_version"_s).toInteger(), 1);
    QCOMPARE(edition.value(u"title"_s).toString(), title);
    QCOMPARE(edition.value(u"fields"_s).toObject(), fields);
    QCOMPARE(edition.value(u"created_by"_s).toInteger(), writerId);
    // Who changed it last: the creator, by id and name.
    QCOMPARE(edition.value(u"updated_by"_s).toInteger(), writerId);
    QCOMPARE(edition.value(u"updated_by_name"_s).toString(),
             db.column(u"SELECT name FROM users WHERE id = ?"_s, { writerId }).value(0).toString());
    QVERIFY(!edition.value(u"updated_by_name"_s).toString().isEmpty());
    QVERIFY(edition.value(u"major_version"_s).isNull());

    // GET answers what POST answered.
    const ApiReply got = writer->get(u"/documents/%1"_s.arg(docId));
    QCOMPARE(got.status, 200);
    QCOMPARE(got.object(), doc);
    const ApiReply gotEdition = writer->get(u"/editions/%1"_s.arg(editionId));
    QCOMPARE(gotEdition.status, 200);
    QCOMPARE(gotEdition.object(), edition);

    // Slugs: the same title again gets "-2"; an explicit free slug is kept; a taken one is refused.
    CREATE(*writer, documentBody(f, title), second);
    QCOMPARE(second.value(u"slug"_s).toString(), u"harbour-bridge-reopens-after-repairs-2"_s);
    QJsonObject explicitSlug = documentBody(f, u"Ærøskøbing Ferry: Größere Boote"_s);
    CREATE(*writer, explicitSlug, derived);
    QCOMPARE(derived.value(u"slug"_s).toString(), u"aeroskobing-ferry-grossere-boote"_s);
    explicitSlug.insert(u"slug"_s, u"ferry-news"_s);
    CREATE(*writer, explicitSlug, chosen);
    QCOMPARE(chosen.value(u"slug"_s).toString(), u"ferry-news"_s);
    const ApiReply taken = writer->call("POST", u"/documents"_s, explicitSlug);
    QVERIFY2(errorEnvelopeProblem(taken, 422, u"taken"_s).isEmpty(), qPrintable(errorEnvelopeProblem(taken, 422, u"taken"_s)));
    QVERIFY(hasError(taken, u"/slug"_s, u"taken"_s));
    CREATE(*writer, documentBody(f, u"Rates rise 100% overnight"_s), percent);

    // Lists and filters.
    const auto list = [&](const QString &query) {
        const ApiReply r = writer->get(u"/documents"_s + query);
        if (r.status != 200)
            qWarning().noquote() << describe("GET", u"/documents"_s + query, r);
        return r;
    };
    ApiReply r = list(u"?q=bridge%20REOPENS"_s);
    QCOMPARE(r.status, 200);
    QJsonArray rows = r.data().toArray();
    QCOMPARE(rows.size(), 2);
    QCOMPARE(idOf(rows.at(0)), second.value(u"id"_s).toInteger());   // newest first
    QCOMPARE(idOf(rows.at(1)), docId);
    QCOMPARE(rows.at(1).toObject().value(u"title"_s).toString(), title);
    QCOMPARE(pagination(r), (QJsonObject { { u"page"_s, 1 }, { u"page_size"_s, 20 }, { u"total"_s, 2 }, { u"pages"_s, 1 } }));
    r = list(u"?q=bridge%20reopens&page=2&page_size=1"_s);
    QCOMPARE(r.status, 200);
    QCOMPARE(idsOf(r.data().toArray()), QSet<qint64> { docId });
    QCOMPARE(pagination(r).value(u"pages"_s).toInteger(), 2);
    r = list(u"?site=%1&sector=%2&schema=%3&state=draft&q=Bridge%20Reopens"_s.arg(f.site).arg(f.sector).arg(f.schema));
    QCOMPARE(idsOf(r.data().toArray()), (QSet<qint64> { docId, second.value(u"id"_s).toInteger() }));
    QVERIFY(!idsOf(list(u"?state=published&q=bridge%20reopens"_s).data().toArray()).contains(docId));
    QCOMPARE(pagination(list(u"?site=%1&q=bridge%20reopens"_s.arg(f.hiddenSite))).value(u"total"_s).toInteger(), 0);
    QCOMPARE(pagination(list(u"?sector=%1&q=bridge%20reopens"_s.arg(f.hiddenSector))).value(u"total"_s).toInteger(), 0);
    // LIKE wildcards in q are literal.
    QCOMPARE(idsOf(list(u"?q=100%25"_s).data().toArray()), QSet<qint64> { percent.value(u"id"_s).toInteger() });
    QCOMPARE(pagination(list(u"?q=%25%25"_s)).value(u"total"_s).toInteger(), 0);
    QCOMPARE(pagination(list(u"?q=bridge_reopens"_s)).value(u"total"_s).toInteger(), 0);
    // Unfiltered: the account's documents, newest first.
    r = list(QString());
    QCOMPARE(r.status, 200);
    QCOMPARE(pagination(r).value(u"total"_s).toInteger(),
             db.scalar(u"SELECT COUNT(*) FROM documents WHERE account_id = ?"_s, { f.accountA }));
    QCOMPARE(idOf(r.data().toArray().first()), percent.value(u"id"_s).toInteger());
    // Parameters are checked.
    QCOMPARE(list(u"?state=drafty"_s).status, 400);
    QCOMPARE(list(u"?site=abc"_s).status, 400);
    QCOMPARE(list(u"?page_size=201"_s).status, 400);
    QCOMPARE(list(u"?sort=title"_s).status, 400);
    QCOMPARE(list(u"?q=a%00b"_s).status, 400);

    // The feed carries the document, its edition and the audit entry as upserts.
    QString failure;
    const QJsonArray changes = allChanges(*writer, &failure);
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
    QVERIFY(feedHas(changes, u"document"_s, docId));
    QVERIFY(feedHas(changes, u"edition"_s, editionId));
    const qint64 auditId = db.scalar(u"SELECT id FROM audit_entries WHERE edition_id = ?"_s, { editionId });
    QVERIFY(auditId > 0);
    QVERIFY(feedHas(changes, u"audit_entry"_s, auditId));
    for (const QJsonValue &v : changes) {
        const QJsonObject c = v.toObject();
        if (c.value(u"entity"_s).toString() == "edition"_L1 && c.value(u"id"_s).toInteger() == editionId) {
            QCOMPARE(c.value(u"data"_s).toObject(), edition);
            QCOMPARE(c.value(u"site_id"_s).toInteger(), f.site);
        }
        if (c.value(u"entity"_s).toString() == "audit_entry"_L1 && c.value(u"id"_s).toInteger() == auditId) {
            const QJsonObject a = c.value(u"data"_s).toObject();
            QVERIFY(a.value(u"from_state"_s).isNull());
            QCOMPARE(a.value(u"to_state"_s).toString(), u"draft"_s);
            QCOMPARE(a.value(u"event"_s).toString(), u"create"_s);
            QCOMPARE(a.value(u"user_id"_s).toInteger(), writerId);
        }
    }
}

// 422 with one pointer per problem; nothing is written; another account's ids look exactly
// like ids that do not exist.
void TestContentApi::createValidation()
{
    GALLEY_START_SERVER(database, server, QStringList {});
    OPEN_FIXTURE();
    auto writer = loggedIn(server, roleUser(Role::Writer));
    QVERIFY(writer);
    const QStringList before = db.fingerprint({ u"auth_tokens"_s });

    struct Case
    {
        const char *name;
        QJsonObject body;
        QList<std::pair<QString, QString>> expected;   // (pointer, code)
    };
    QJsonObject missingTitle = documentBody(f, u"x"_s);
    missingTitle.remove(u"title"_s);
    QJsonObject nullTitle = documentBody(f, u"x"_s);
    nullTitle.insert(u"title"_s, QJsonValue::Null);
    QJsonObject unknown = documentBody(f, u"Unknown member"_s);
    unknown.insert(u"x"_s, 1);
    unknown.insert(u"a/b"_s, true);
    QJsonObject fieldsArray = documentBody(f, u"Fields as array"_s);
    fieldsArray.insert(u"fields"_s, QJsonArray { 1, 2 });
    QJsonObject siteAsText = documentBody(f, u"Site as text"_s);
    siteAsText.insert(u"site_id"_s, QString::number(f.site));
    QJsonObject fractionalSector = documentBody(f, u"Fractional"_s);
    fractionalSector.insert(u"sector_id"_s, 1.5);
    QJsonObject badSlug = documentBody(f, u"Bad slug"_s);
    badSlug.insert(u"slug"_s, u"Not A Slug"_s);
    QJsonObject longTitle = documentBody(f, QString(501, u'x'));
    const QJsonObject nulInFields = documentBody(
            f, u"NUL in fields"_s, { { u"list"_s, QJsonArray { u"ok"_s, QJsonObject { { u"a\0b"_s, 1 } } } } });
    const QList<Case> cases {
        { "missing-title", missingTitle, { { u"/title"_s, u"required"_s } } },
        { "null-title", nullTitle, { { u"/title"_s, u"required"_s } } },
        { "blank-title", documentBody(f, u"   "_s), { { u"/title"_s, u"required"_s } } },
        { "long-title", longTitle, { { u"/title"_s, u"length"_s } } },
        { "sector-of-another-site", documentBody(f.site, f.hiddenSector, f.schema, u"Wrong sector"_s),
          { { u"/sector_id"_s, u"wrong_site"_s } } },
        { "site-of-another-account", documentBody(f.siteB, f.sector, f.schema, u"Wrong account"_s),
          { { u"/site_id"_s, u"not_found"_s }, { u"/sector_id"_s, u"wrong_site"_s } } },
        { "sector-of-another-account", documentBody(f.site, f.sectorB, f.schema, u"Wrong account"_s),
          { { u"/sector_id"_s, u"not_found"_s } } },
        { "schema-of-another-account", documentBody(f.site, f.sector, f.schemaB, u"Wrong account"_s),
          { { u"/schema_id"_s, u"not_found"_s } } },
        { "no-such-ids", documentBody(987654321, 987654321, 987654321, u"Nothing"_s),
          { { u"/site_id"_s, u"not_found"_s }, { u"/sector_id"_s, u"not_found"_s }, { u"/schema_id"_s, u"not_found"_s } } },
        { "unknown-fields", unknown, { { u"/x"_s, u"unknown_field"_s }, { u"/a~1b"_s, u"unknown_field"_s } } },
        { "fields-not-an-object", fieldsArray, { { u"/fields"_s, u"type"_s } } },
        { "site-as-text", siteAsText, { { u"/site_id"_s, u"type"_s } } },
        { "fractional-sector", fractionalSector, { { u"/sector_id"_s, u"type"_s } } },
        { "bad-slug", badSlug, { { u"/slug"_s, u"format"_s } } },
        { "nul-in-title", documentBody(f, u"a\0b"_s), { { u"/title"_s, u"format"_s } } },
        { "nul-in-fields", nulInFields, { { u"/fields/list/1/a\0b"_s, u"format"_s } } },
        { "empty-body", QJsonObject {},
          { { u"/site_id"_s, u"required"_s }, { u"/sector_id"_s, u"required"_s }, { u"/schema_id"_s, u"required"_s },
            { u"/title"_s, u"required"_s }, { u"/fields"_s, u"required"_s } } },
    };
    QString noSuchSite;
    for (const Case &c : cases) {
        const ApiReply r = writer->call("POST", u"/documents"_s, c.body);
        const QString problem = errorEnvelopeProblem(r, 422, c.expected.size() > 1 ? QString() : c.expected.first().second);
        QVERIFY2(problem.isEmpty(), qPrintable(QString::fromLatin1(c.name) + u": "_s + problem));
        QVERIFY2(r.body.value(u"errors"_s).toArray().size() == c.expected.size(),
                 qPrintable(QString::fromLatin1(c.name) + u": "_s + QString::fromUtf8(r.raw)));
        for (const auto &[field, code] : c.expected)
            QVERIFY2(hasError(r, field, code), qPrintable(u"%1: no %2 %3 in %4"_s.arg(QString::fromLatin1(c.name), field, code,
                                                                                   QString::fromUtf8(r.raw))));
        if (qstrcmp(c.name, "no-such-ids") == 0)
            noSuchSite = messageFor(r, u"/site_id"_s);
        if (qstrcmp(c.name, "site-of-another-account") == 0)
            QCOMPARE(messageFor(r, u"/site_id"_s), u"No such site."_s);
    }
    QCOMPARE(noSuchSite, u"No such site."_s);
    // Malformed bodies are the pipeline's 400.
    QCOMPARE(writer->raw("POST", u"/documents"_s, "{not json").status, 400);
    QCOMPARE(writer->raw("POST", u"/documents"_s, "[1]").status, 400);

    QCOMPARE(fingerprintDiff(before, db.fingerprint({ u"auth_tokens"_s })), QString());
}

// PUT /editions/{id}: lock_version from the body or If-Match, a stale one is 409 with the
// current copy, an edition that is not open is 422 not_editable.
void TestContentApi::editDraft()
{
    GALLEY_START_SERVER(database, server, QStringList {});
    OPEN_FIXTURE();
    auto writer = loggedIn(server, roleUser(Role::Writer));
    QVERIFY(writer);
    CREATE(*writer, documentBody(f, u"Council Votes on Budget"_s), doc);
    const qint64 docId = doc.value(u"id"_s).toInteger();
    const qint64 id = idOf(doc.value(u"editions"_s).toArray().first());
    const QString path = u"/editions/%1"_s.arg(id);

    const QJsonObject newFields { { u"standfirst"_s, u"The council approved next year's budget by one vote."_s } };
    ApiReply r = writer->call("PUT", path, { { u"lock_version"_s, 1 }, { u"title"_s, u"Council Approves Budget"_s },
                                            { u"fields"_s, newFields }, { u"change_note"_s, u"Result added"_s },
                                            { u"minor_change"_s, true } });
    QVERIFY2(r.status == 200, qPrintable(describe("PUT", path, r)));
    QJsonObject edition = r.object();
    QCOMPARE(edition.value(u"lock_version"_s).toInteger(), 2);
    QCOMPARE(edition.value(u"title"_s).toString(), u"Council Approves Budget"_s);
    QCOMPARE(edition.value(u"fields"_s).toObject(), newFields);
    QCOMPARE(edition.value(u"change_note"_s).toString(), u"Result added"_s);
    QCOMPARE(edition.value(u"minor_change"_s).toBool(), true);
    QCOMPARE(writer->get(path).object(), edition);
    const ApiReply docNow = writer->get(u"/documents/%1"_s.arg(docId));
    QCOMPARE(docNow.object().value(u"title"_s).toString(), u"Council Approves Budget"_s);
    QVERIFY(docNow.object().value(u"updated_at"_s).toString() >= doc.value(u"updated_at"_s).toString());

    // Stale: 409 with the server's copy.
    r = writer->call("PUT", path, { { u"lock_version"_s, 1 }, { u"title"_s, u"Stale"_s } });
    QVERIFY2(errorEnvelopeProblem(r, 409, u"update_collision"_s).isEmpty(), qPrintable(errorEnvelopeProblem(r, 409, u"update_collision"_s)));
    QCOMPARE(r.object(), edition);

    // If-Match, quoted or not.
    r = writer->call("PUT", path, { { u"title"_s, u"Council Approves Budget by One Vote"_s } }, { { "If-Match", "\"2\"" } });
    QVERIFY2(r.status == 200, qPrintable(describe("PUT", path, r)));
    QCOMPARE(r.object().value(u"lock_version"_s).toInteger(), 3);
    r = writer->call("PUT", path, { { u"title"_s, u"Stale again"_s } }, { { "If-Match", "2" } });
    QCOMPARE(r.status, 409);
    QCOMPARE(r.object().value(u"lock_version"_s).toInteger(), 3);

    // Problems with the request itself.
    r = writer->call("PUT", path, { { u"title"_s, u"No version"_s } });
    QVERIFY(errorEnvelopeProblem(r, 422, u"required"_s).isEmpty());
    QVERIFY(hasError(r, u"/lock_version"_s, u"required"_s));
    r = writer->call("PUT", path, { { u"lock_version"_s, 2 }, { u"title"_s, u"x"_s } }, { { "If-Match", "\"3\"" } });
    QVERIFY(hasError(r, u"/lock_version"_s, u"mismatch"_s));
    QCOMPARE(r.status, 422);
    QCOMPARE(writer->call("PUT", path, { { u"title"_s, u"x"_s } }, { { "If-Match", "\"three\"" } }).status, 400);
    r = writer->call("PUT", path, { { u"lock_version"_s, 3 }, { u"fields"_s, u"nope"_s }, { u"bogus"_s, 1 },
                                    { u"minor_change"_s, u"yes"_s }, { u"title"_s, u""_s } });
    QCOMPARE(r.status, 422);
    QVERIFY(hasError(r, u"/fields"_s, u"type"_s));
    QVERIFY(hasError(r, u"/bogus"_s, u"unknown_field"_s));
    QVERIFY(hasError(r, u"/minor_change"_s, u"type"_s));
    QVERIFY(hasError(r, u"/title"_s, u"required"_s));
    QCOMPARE(writer->get(path).object().value(u"lock_version"_s).toInteger(), 3);

    // The feed has the edition as it is now.
    QString failure;
    const QJsonArray changes = allChanges(*writer, &failure);
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
    QJsonObject lastSeen;
    for (const QJsonValue &v : changes) {
        if (v.toObject().value(u"entity"_s).toString() == "edition"_L1 && v.toObject().value(u"id"_s).toInteger() == id)
            lastSeen = v.toObject().value(u"data"_s).toObject();
    }
    QCOMPARE(lastSeen, writer->get(path).object());

    // Only open editions are edited (workflow.md): a published one is refused, whatever the version.
    QVERIFY(execSql(db.db(), u"UPDATE editions SET state = 'published' WHERE id = ?"_s, { id }) >= 0);
    r = writer->call("PUT", path, { { u"lock_version"_s, 3 }, { u"title"_s, u"Too late"_s } });
    QVERIFY2(errorEnvelopeProblem(r, 422, u"not_editable"_s).isEmpty(), qPrintable(errorEnvelopeProblem(r, 422, u"not_editable"_s)));
    QCOMPARE(r.body.value(u"error"_s).toString(), u"A published edition may not be updated"_s);
    QCOMPARE(writer->call("PUT", path, { { u"lock_version"_s, 1 } }).status, 422);
}

// Two writers send the same lock_version at the same moment: exactly one wins, the other gets
// 409 with the winner's version. Concurrent creates never share a slug.
void TestContentApi::concurrentEdits()
{
    GALLEY_START_SERVER(database, server, QStringList {});
    OPEN_FIXTURE();
    auto writer = loggedIn(server, roleUser(Role::Writer));
    auto amara = loggedIn(server, Galley::Testing::amara());
    QVERIFY(writer && amara);
    const qint64 writerId = db.userId(roleUser(Role::Writer).email);
    const qint64 amaraId = db.userId(Galley::Testing::amara().email);
    const auto nameOf = [&db](qint64 user) { return db.column(u"SELECT name FROM users WHERE id = ?"_s, { user }).value(0).toString(); };
    CREATE(*writer, documentBody(f, u"Storm Warning for the Coast"_s), doc);
    const qint64 id = idOf(doc.value(u"editions"_s).toArray().first());
    const QString path = u"/editions/%1"_s.arg(id);
    qint64 version = 1;
    for (int round = 0; round < 6; ++round) {
        const QList<ApiReply> replies = sendTogether(
                server.baseUrl(),
                { Pending { "PUT", path, { { u"lock_version"_s, version }, { u"title"_s, u"Tom's storm warning %1"_s.arg(round) } },
                            writer->token(), {} },
                  Pending { "PUT", path, { { u"lock_version"_s, version }, { u"title"_s, u"Amara's storm warning %1"_s.arg(round) } },
                            amara->token(), {} } });
        QList<int> statuses { replies.at(0).status, replies.at(1).status };
        std::sort(statuses.begin(), statuses.end());
        QVERIFY2(statuses == (QList<int> { 200, 409 }),
                 qPrintable(u"round %1: %2 / %3"_s.arg(round).arg(QString::fromUtf8(replies.at(0).raw), QString::fromUtf8(replies.at(1).raw))));
        const ApiReply &won = replies.at(0).status == 200 ? replies.at(0) : replies.at(1);
        const ApiReply &lost = replies.at(0).status == 200 ? replies.at(1) : replies.at(0);
        QCOMPARE(won.object().value(u"lock_version"_s).toInteger(), version + 1);
        QCOMPARE(lost.object(), won.object());
        // The winner is who changed it last; the creator stays.
        const qint64 winner = won.object().value(u"title"_s).toString().startsWith(u"Amara"_s) ? amaraId : writerId;
        QCOMPARE(won.object().value(u"updated_by"_s).toInteger(), winner);
        QCOMPARE(won.object().value(u"updated_by_name"_s).toString(), nameOf(winner));
        QCOMPARE(won.object().value(u"created_by"_s).toInteger(), writerId);
        ++version;
    }
    QCOMPARE(writer->get(path).object().value(u"lock_version"_s).toInteger(), version);

    // Concurrent creates with one title: each document gets a slug of its own.
    QList<Pending> creates;
    for (int i = 0; i < 6; ++i)
        creates << Pending { "POST", u"/documents"_s, documentBody(f, u"Flood Defences Hold"_s), (i % 2 ? writer : amara)->token(), {} };
    QSet<QString> slugs;
    for (const ApiReply &r : sendTogether(server.baseUrl(), creates)) {
        QVERIFY2(r.status == 201, qPrintable(describe("POST", u"/documents"_s, r)));
        slugs.insert(r.object().value(u"slug"_s).toString());
    }
    QCOMPARE(slugs, (QSet<QString> { u"flood-defences-hold"_s, u"flood-defences-hold-2"_s, u"flood-defences-hold-3"_s,
                                     u"flood-defences-hold-4"_s, u"flood-defences-hold-5"_s, u"flood-defences-hold-6"_s }));
}

// Viewers read but do not write; a schema's auth_policy limits who creates content with it.
void TestContentApi::roles()
{
    GALLEY_START_SERVER(database, server, QStringList {});
    OPEN_FIXTURE();
    auto writer = loggedIn(server, roleUser(Role::Writer));
    auto viewer = loggedIn(server, roleUser(Role::Viewer));
    QVERIFY(writer && viewer);
    CREATE(*writer, documentBody(f, u"Museum Opens New Wing"_s), doc);
    const qint64 docId = doc.value(u"id"_s).toInteger();
    const qint64 id = idOf(doc.value(u"editions"_s).toArray().first());

    ApiReply r = viewer->call("POST", u"/documents"_s, documentBody(f, u"Viewer's document"_s));
    QVERIFY2(errorEnvelopeProblem(r, 403, u"forbidden"_s).isEmpty(), qPrintable(errorEnvelopeProblem(r, 403, u"forbidden"_s)));
    QCOMPARE(viewer->call("PUT", u"/editions/%1"_s.arg(id), { { u"lock_version"_s, 1 }, { u"title"_s, u"x"_s } }).status, 403);
    QCOMPARE(viewer->call("POST", u"/editions/%1/remarks"_s.arg(id), { { u"body"_s, u"A remark"_s } }).status, 403);
    QCOMPARE(viewer->get(u"/documents/%1"_s.arg(docId)).status, 200);
    QCOMPARE(viewer->get(u"/editions/%1"_s.arg(id)).status, 200);
    QCOMPARE(viewer->get(u"/editions/%1/remarks"_s.arg(id)).status, 200);
    QCOMPARE(viewer->get(u"/documents/%1/history"_s.arg(docId)).status, 200);
    QVERIFY(idsOf(viewer->get(u"/documents?q=museum"_s).data().toArray()).contains(docId));
    QCOMPARE(writer->get(u"/editions/%1"_s.arg(id)).object().value(u"lock_version"_s).toInteger(), 1);

    // Halvorsen's "Quarterly report" schema is for editors.
    auto writerB = loggedIn(server, roleUser(Role::Writer, true));
    auto editorB = loggedIn(server, roleUser(Role::Editor, true));
    QVERIFY(writerB && editorB);
    const QJsonObject report = documentBody(f.siteB, f.sectorB, f.editorSchemaB, u"Q3 Interim Report"_s);
    r = writerB->call("POST", u"/documents"_s, report);
    QVERIFY2(errorEnvelopeProblem(r, 403, u"forbidden"_s).isEmpty(), qPrintable(errorEnvelopeProblem(r, 403, u"forbidden"_s)));
    r = editorB->call("POST", u"/documents"_s, report);
    QVERIFY2(r.status == 201, qPrintable(describe("POST", u"/documents"_s, r)));
    r = writerB->call("POST", u"/documents"_s, documentBody(f.siteB, f.sectorB, f.schemaB, u"Press release"_s));
    QVERIFY2(r.status == 201, qPrintable(describe("POST", u"/documents"_s, r)));
}

// A site-limited user and the other account's users: 404 for what they may not see, and it
// never shows up in their lists or feed.
void TestContentApi::tenancy()
{
    GALLEY_START_SERVER(database, server, QStringList {});
    OPEN_FIXTURE();
    auto writer = loggedIn(server, roleUser(Role::Writer));
    auto lucas = loggedIn(server, Galley::Testing::lucas());
    auto writerB = loggedIn(server, roleUser(Role::Writer, true));
    QVERIFY(writer && lucas && writerB);
    CREATE(*writer, documentBody(f.hiddenSite, f.hiddenSector, f.schema, u"Hidden Site Story"_s), hidden);
    CREATE(*writer, documentBody(f, u"Visible Site Story"_s), visible);
    const qint64 hiddenDoc = hidden.value(u"id"_s).toInteger();
    const qint64 hiddenEdition = idOf(hidden.value(u"editions"_s).toArray().first());
    const qint64 visibleDoc = visible.value(u"id"_s).toInteger();
    const qint64 visibleEdition = idOf(visible.value(u"editions"_s).toArray().first());
    QVERIFY(writer->call("POST", u"/editions/%1/remarks"_s.arg(hiddenEdition), { { u"body"_s, u"Hidden remark"_s } }).status == 201);

    const auto expectNotFound = [&](ApiClient &client, qint64 doc, qint64 edition, const QString &who) {
        QStringList failures;
        const QList<std::tuple<QByteArray, QString, QJsonObject>> calls {
            { "GET", u"/documents/%1"_s.arg(doc), {} },
            { "GET", u"/documents/%1/history"_s.arg(doc), {} },
            { "GET", u"/editions/%1"_s.arg(edition), {} },
            { "PUT", u"/editions/%1"_s.arg(edition), { { u"lock_version"_s, 1 }, { u"title"_s, u"Taken over"_s } } },
            { "GET", u"/editions/%1/remarks"_s.arg(edition), {} },
            { "POST", u"/editions/%1/remarks"_s.arg(edition), { { u"body"_s, u"Sneaky"_s } } },
            { "GET", u"/editions/%1/link-check"_s.arg(edition), {} },
        };
        for (const auto &[method, path, body] : calls) {
            const ApiReply r = client.call(method, path, body);
            const QString problem = errorEnvelopeProblem(r, 404, u"not_found"_s);
            if (!problem.isEmpty())
                failures << who + u": "_s + QString::fromLatin1(method) + u' ' + path + u": "_s + problem;
            else if (r.body.value(u"error"_s).toString() != "No such object."_L1)
                failures << who + u": "_s + path + u" says more than 'No such object.': "_s + r.body.value(u"error"_s).toString();
        }
        return failures.join(u'\n');
    };
    QString failures = expectNotFound(*lucas, hiddenDoc, hiddenEdition, u"lucas"_s);
    QVERIFY2(failures.isEmpty(), qPrintable(failures));
    failures = expectNotFound(*writerB, visibleDoc, visibleEdition, u"account B"_s);
    QVERIFY2(failures.isEmpty(), qPrintable(failures));
    failures = expectNotFound(*writerB, hiddenDoc, hiddenEdition, u"account B"_s);
    QVERIFY2(failures.isEmpty(), qPrintable(failures));
    QCOMPARE(writer->get(u"/editions/%1"_s.arg(hiddenEdition)).object().value(u"lock_version"_s).toInteger(), 1);
    QCOMPARE(db.scalar(u"SELECT COUNT(*) FROM editorial_remarks WHERE edition_id IN (?, ?)"_s, { hiddenEdition, visibleEdition }), 1);

    // Lucas sees the visible one.
    QCOMPARE(lucas->get(u"/documents/%1"_s.arg(visibleDoc)).status, 200);
    QCOMPARE(lucas->get(u"/editions/%1"_s.arg(visibleEdition)).status, 200);

    // Lists: never the hidden one, not even when asked for its site.
    QString failure;
    const QSet<qint64> lucasDocs = idsOf(fetchAll(*lucas, u"/documents"_s, &failure));
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
    QVERIFY(lucasDocs.contains(visibleDoc));
    QVERIFY(!lucasDocs.contains(hiddenDoc));
    QCOMPARE(qint64(lucasDocs.size()),
             db.scalar(u"SELECT COUNT(*) FROM documents WHERE account_id = ? AND site_id IN (%1)"_s.arg(
                               [&] {
                                   QStringList ids;
                                   for (const qint64 s : db.visibleSites(Galley::Testing::lucas().email))
                                       ids << QString::number(s);
                                   return ids.join(u',');
                               }()),
                       { f.accountA }));
    ApiReply r = lucas->get(u"/documents?site=%1"_s.arg(f.hiddenSite));
    QCOMPARE(r.status, 200);
    QCOMPARE(pagination(r).value(u"total"_s).toInteger(), 0);
    QCOMPARE(pagination(lucas->get(u"/documents?q=hidden%20site"_s)).value(u"total"_s).toInteger(), 0);
    const QSet<qint64> docsB = idsOf(fetchAll(*writerB, u"/documents"_s, &failure));
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
    QVERIFY(!docsB.contains(visibleDoc) && !docsB.contains(hiddenDoc));
    QCOMPARE(pagination(writerB->get(u"/documents?site=%1"_s.arg(f.site))).value(u"total"_s).toInteger(), 0);

    // Nor in the feed.
    const QJsonArray lucasChanges = allChanges(*lucas, &failure);
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
    QVERIFY(feedHas(lucasChanges, u"document"_s, visibleDoc));
    QVERIFY(!feedHas(lucasChanges, u"document"_s, hiddenDoc));
    QVERIFY(!feedHas(lucasChanges, u"edition"_s, hiddenEdition));
    const QJsonArray changesB = allChanges(*writerB, &failure);
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
    QVERIFY(!feedHas(changesB, u"document"_s, visibleDoc) && !feedHas(changesB, u"document"_s, hiddenDoc));

    // Creating on a site Lucas cannot see is "no such site".
    r = lucas->call("POST", u"/documents"_s, documentBody(f.hiddenSite, f.hiddenSector, f.schema, u"Lucas elsewhere"_s));
    QCOMPARE(r.status, 422);
    QVERIFY(hasError(r, u"/site_id"_s, u"not_found"_s));
    QVERIFY(hasError(r, u"/sector_id"_s, u"not_found"_s));
    r = lucas->call("POST", u"/documents"_s, documentBody(f, u"Lucas at home"_s));
    QVERIFY2(r.status == 201, qPrintable(describe("POST", u"/documents"_s, r)));
}

// Remarks are created and listed oldest first; the history has the editions, the audit trail,
// the remarks and the unpublishings; a link check that never ran is a 404 that says so.
void TestContentApi::remarksHistoryLinkCheck()
{
    GALLEY_START_SERVER(database, server, QStringList {});
    OPEN_FIXTURE();
    auto writer = loggedIn(server, roleUser(Role::Writer));
    auto editor = loggedIn(server, roleUser(Role::Editor));
    QVERIFY(writer && editor);
    const qint64 writerId = db.userId(roleUser(Role::Writer).email);
    CREATE(*writer, documentBody(f, u"Election Night Live"_s), doc);
    const qint64 docId = doc.value(u"id"_s).toInteger();
    const qint64 editionId = idOf(doc.value(u"editions"_s).toArray().first());
    const QString remarks = u"/editions/%1/remarks"_s.arg(editionId);

    ApiReply r = writer->call("POST", remarks, { { u"body"_s, u"  Please check the turnout figures.\n"_s } });
    QVERIFY2(r.status == 201, qPrintable(describe("POST", remarks, r)));
    const QJsonObject first = r.object();
    QCOMPARE(first.value(u"body"_s).toString(), u"Please check the turnout figures."_s);
    QCOMPARE(first.value(u"author_id"_s).toInteger(), writerId);
    QVERIFY(!first.value(u"author_name"_s).toString().isEmpty());
    QCOMPARE(first.value(u"edition_id"_s).toInteger(), editionId);
    QCOMPARE(first.value(u"document_id"_s).toInteger(), docId);
    r = editor->call("POST", remarks, { { u"body"_s, QString(10000, u'é') } });
    QVERIFY2(r.status == 201, qPrintable(describe("POST", remarks, r)));
    const QJsonObject second = r.object();

    r = writer->call("POST", remarks, { { u"body"_s, u"   "_s } });
    QCOMPARE(r.status, 422);
    QVERIFY(hasError(r, u"/body"_s, u"required"_s));
    r = writer->call("POST", remarks, { { u"body"_s, QString(10001, u'x') } });
    QVERIFY(hasError(r, u"/body"_s, u"length"_s));
    r = writer->call("POST", remarks, { { u"body"_s, 42 }, { u"urgent"_s, true } });
    QVERIFY(hasError(r, u"/body"_s, u"type"_s));
    QVERIFY(hasError(r, u"/urgent"_s, u"unknown_field"_s));
    QVERIFY(errorEnvelopeProblem(writer->call("POST", remarks, {}), 422, u"required"_s).isEmpty());

    r = writer->get(remarks);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.data().toArray(), (QJsonArray { first, second }));
    QCOMPARE(pagination(r).value(u"total"_s).toInteger(), 2);
    r = writer->get(remarks + u"?page=2&page_size=1"_s);
    QCOMPARE(r.data().toArray(), QJsonArray { second });

    r = writer->get(u"/documents/%1/history"_s.arg(docId));
    QCOMPARE(r.status, 200);
    const QJsonObject history = r.object();
    const QStringList keys = history.keys();
    QCOMPARE(QSet<QString>(keys.cbegin(), keys.cend()),
             (QSet<QString> { u"editions"_s, u"audit"_s, u"remarks"_s, u"unpublishings"_s }));
    QCOMPARE(history.value(u"editions"_s).toArray(), doc.value(u"editions"_s).toArray());
    const QJsonArray audit = history.value(u"audit"_s).toArray();
    QCOMPARE(audit.size(), 1);
    const QJsonObject created = audit.first().toObject();
    QCOMPARE(created.value(u"edition_id"_s).toInteger(), editionId);
    QCOMPARE(created.value(u"document_id"_s).toInteger(), docId);
    QVERIFY(created.value(u"from_state"_s).isNull());
    QCOMPARE(created.value(u"to_state"_s).toString(), u"draft"_s);
    QCOMPARE(created.value(u"event"_s).toString(), u"create"_s);
    QCOMPARE(created.value(u"user_id"_s).toInteger(), writerId);
    QCOMPARE(history.value(u"remarks"_s).toArray(), (QJsonArray { first, second }));
    QCOMPARE(history.value(u"unpublishings"_s).toArray(), QJsonArray {});

    QString failure;
    const QJsonArray changes = allChanges(*editor, &failure);
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
    QVERIFY(feedHas(changes, u"remark"_s, first.value(u"id"_s).toInteger()));
    QVERIFY(feedHas(changes, u"remark"_s, second.value(u"id"_s).toInteger()));

    r = writer->get(u"/editions/%1/link-check"_s.arg(editionId));
    QVERIFY2(errorEnvelopeProblem(r, 404, u"not_found"_s).isEmpty(), qPrintable(errorEnvelopeProblem(r, 404, u"not_found"_s)));
    QCOMPARE(r.body.value(u"error"_s).toString(), u"No link check has run for this edition yet."_s);

    // A report, once there is one (the workflow's POST makes them; here the database does).
    const qint64 report = execSql(db.db(), u"INSERT INTO link_check_reports (account_id, edition_id, status, links, created_at, "
                                            "completed_at) VALUES (?, ?, 'completed', %1, 1700000000000, 1700000001000) RETURNING id"_s
                                                   .arg(db.store().dialect().jsonParameter()),
                                  { f.accountA, editionId, u"[{\"url\":\"https://example.org/\",\"status\":\"ok\"}]"_s });
    QVERIFY(report > 0);
    r = writer->get(u"/editions/%1/link-check"_s.arg(editionId));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.object().value(u"id"_s).toInteger(), report);
    QCOMPARE(r.object().value(u"status"_s).toString(), u"completed"_s);
    QCOMPARE(r.object().value(u"links"_s).toArray().size(), 1);
    QCOMPARE(r.object().value(u"completed_at"_s).toString(), u"2023-11-14T22:13:21.000Z"_s);
}

// The publisher's lists: the envelope, paging, filters and tenancy, whatever the demo holds.
void TestContentApi::publisherLists()
{
    GALLEY_START_SERVER(database, server, QStringList {});
    OPEN_FIXTURE();
    auto writer = loggedIn(server, roleUser(Role::Writer));
    auto lucas = loggedIn(server, Galley::Testing::lucas());
    auto writerB = loggedIn(server, roleUser(Role::Writer, true));
    QVERIFY(writer && lucas && writerB);

    struct List
    {
        QString path;
        QString table;
        const Entity *entity;
        QString idName;
        QString goodStatus;
    };
    const QList<List> lists {
        { u"/publisher/publishing-records"_s, u"publishing_records"_s, &Entity::publishingRecord(), u"publishing_record"_s,
          u"failed"_s },
        { u"/publisher/deployments"_s, u"deployments"_s, &Entity::deployment(), u"deployment"_s, u"rolled_back"_s },
        { u"/publisher/destinations"_s, u"destinations"_s, &Entity::destination(), QString(), QString() },
    };
    for (const List &l : lists) {
        ApiReply r = writer->get(l.path);
        QVERIFY2(r.status == 200 && r.data().isArray(), qPrintable(describe("GET", l.path, r)));
        const qint64 total = db.scalar(u"SELECT COUNT(*) FROM %1 WHERE account_id = ?"_s.arg(l.table), { f.accountA });
        const QJsonObject p = pagination(r);
        QCOMPARE(p.value(u"page"_s).toInteger(), 1);
        QCOMPARE(p.value(u"page_size"_s).toInteger(), 20);
        QCOMPARE(p.value(u"total"_s).toInteger(), total);
        QCOMPARE(p.value(u"pages"_s).toInteger(), (total + 19) / 20);
        QCOMPARE(r.data().toArray().size(), std::min<qint64>(total, 20));
        r = writer->get(l.path + u"?page=1000&page_size=200"_s);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.data().toArray().size(), 0);
        QCOMPARE(pagination(r).value(u"total"_s).toInteger(), total);
        QCOMPARE(writer->get(l.path + u"?site=x"_s).status, 400);
        QCOMPARE(writer->get(l.path + u"?page_size=0"_s).status, 400);
        if (!l.goodStatus.isEmpty()) {
            QCOMPARE(writer->get(l.path + u"?status=bogus"_s).status, 400);
            r = writer->get(l.path + u"?status="_s + l.goodStatus);
            QCOMPARE(r.status, 200);
            QCOMPARE(pagination(r).value(u"total"_s).toInteger(),
                     db.scalar(u"SELECT COUNT(*) FROM %1 WHERE account_id = ? AND status = ?"_s.arg(l.table), { f.accountA, l.goodStatus }));
        } else {
            QCOMPARE(writer->get(l.path + u"?status=pending"_s).status, 400);
        }
        // Site filters: the writer's own site; a hidden or foreign one is an empty list.
        r = writer->get(l.path + u"?site=%1"_s.arg(f.site));
        QCOMPARE(pagination(r).value(u"total"_s).toInteger(),
                 db.scalar(u"SELECT COUNT(*) FROM %1 WHERE site_id = ?"_s.arg(l.table), { f.site }));
        r = lucas->get(l.path + u"?site=%1"_s.arg(f.hiddenSite));
        QCOMPARE(r.status, 200);
        QCOMPARE(pagination(r).value(u"total"_s).toInteger(), 0);
        r = writerB->get(l.path + u"?site=%1"_s.arg(f.site));
        QCOMPARE(pagination(r).value(u"total"_s).toInteger(), 0);

        QString failure;
        for (const QJsonValue &row : fetchAll(*lucas, l.path, &failure)) {
            const qint64 site = row.toObject().value(u"site_id"_s).toInteger();
            QVERIFY2(db.visibleSites(Galley::Testing::lucas().email).contains(site), qPrintable(l.path));
        }
        QVERIFY2(failure.isEmpty(), qPrintable(failure));

        // Single objects, when the demo has any.
        if (l.idName.isEmpty())
            continue;
        const QList<qint64> own = db.ids(*l.entity, f.accountA, std::nullopt, false, 1);
        if (own.isEmpty()) {
            qInfo().noquote() << l.path << "is empty in the demo: single-object reads not exercised";
            continue;
        }
        const QString one = l.path + u'/' + QString::number(own.first());
        r = writer->get(one);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.object().value(u"id"_s).toInteger(), own.first());
        QCOMPARE(writerB->get(one).status, 404);
        const QList<qint64> hidden = db.ids(*l.entity, f.accountA, db.visibleSites(Galley::Testing::lucas().email), true, 1);
        if (!hidden.isEmpty())
            QCOMPARE(lucas->get(l.path + u'/' + QString::number(hidden.first())).status, 404);
    }
    const ApiReply r = writer->get(u"/publisher/publishing-records?edition=987654321"_s);
    QCOMPARE(r.status, 200);
    QCOMPARE(pagination(r).value(u"total"_s).toInteger(), 0);
    QCOMPARE(writer->get(u"/publisher/publishing-records/987654321"_s).status, 404);
    QCOMPARE(writer->get(u"/publisher/deployments/987654321"_s).status, 404);
}

// Idempotency-Key on POST /documents: ten sequential replays and ten concurrent duplicates each
// create one document and answer the same data.
void TestContentApi::idempotentCreate()
{
    GALLEY_START_SERVER(database, server, QStringList {});
    OPEN_FIXTURE();
    auto writer = loggedIn(server, roleUser(Role::Writer));
    QVERIFY(writer);
    const auto countTitled = [&](const QString &title) {
        return db.scalar(u"SELECT COUNT(*) FROM editions WHERE account_id = ? AND title = ?"_s, { f.accountA, title });
    };

    const QString sequentialTitle = u"Ten Times the Same Request"_s;
    const QJsonObject body = documentBody(f, sequentialTitle);
    const QList<std::pair<QByteArray, QByteArray>> key { { "Idempotency-Key", "7f1c3a52-8e0b-4d61-9a57-3b2f1e6c0d11" } };
    QString firstData;
    for (int i = 0; i < 10; ++i) {
        const ApiReply r = writer->call("POST", u"/documents"_s, body, key);
        QVERIFY2(r.status == 201, qPrintable(describe("POST", u"/documents"_s, r)));
        const QString data = compactJson(r.data());
        if (i == 0) {
            firstData = data;
            QVERIFY(r.header("idempotent-replayed").isEmpty());
        } else {
            QCOMPARE(data, firstData);
            QCOMPARE(r.header("idempotent-replayed"), "true"_ba);
        }
    }
    QCOMPARE(countTitled(sequentialTitle), 1);
    // The same key for a different request is refused; a new key creates a new document.
    ApiReply r = writer->call("POST", u"/documents"_s, documentBody(f, u"Something else"_s), key);
    QCOMPARE(r.status, 422);
    r = writer->call("POST", u"/documents"_s, body, { { "Idempotency-Key", "0d2e4f60-1a3b-4c5d-8e9f-a0b1c2d3e4f5" } });
    QCOMPARE(r.status, 201);
    QCOMPARE(countTitled(sequentialTitle), 2);

    const QString concurrentTitle = u"Ten Requests at Once"_s;
    QList<Pending> batch;
    for (int i = 0; i < 10; ++i)
        batch << Pending { "POST", u"/documents"_s, documentBody(f, concurrentTitle), writer->token(),
                           { { "Idempotency-Key", "c0ffee00-0000-4000-8000-000000000010" } } };
    const QList<ApiReply> replies = sendTogether(server.baseUrl(), batch);
    QString data;
    int replayed = 0;
    for (const ApiReply &reply : replies) {
        QVERIFY2(reply.status == 201, qPrintable(describe("POST", u"/documents"_s, reply)));
        if (data.isEmpty())
            data = compactJson(reply.data());
        QCOMPARE(compactJson(reply.data()), data);
        replayed += reply.header("idempotent-replayed") == "true" ? 1 : 0;
    }
    QCOMPARE(replayed, 9);
    QCOMPARE(countTitled(concurrentTitle), 1);
    QCOMPARE(db.scalar(u"SELECT COUNT(*) FROM documents d JOIN editions e ON e.document_id = d.id WHERE e.title = ?"_s,
                       { concurrentTitle }),
             1);
}

QTEST_GUILESS_MAIN(TestContentApi)
#include "tst_contentapi.moc"
