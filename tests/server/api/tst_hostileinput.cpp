// Malformed and hostile requests against the real galley-server, as tables: broken JSON, bodies
// of the wrong shape, every body field of the main writes with every wrong type, references to
// another account's objects, huge strings, SQL metacharacters in every query parameter of every
// GET route of the table, invalid UTF-8 and NUL bytes in body, query and path, path traversal,
// absurd paging, header injection and request smuggling. Every one must be a 4xx with a proper
// envelope (a few may be an empty 200), never a 5xx; afterwards the database is exactly as it
// was (a fingerprint of every table) and the server still answers. Requests go out over raw
// sockets, byte for byte, where QNetworkAccessManager would repair or refuse them.
#include "apitestkit.h"

#include <QJsonDocument>

using namespace Qt::StringLiterals;
using namespace Galley;
using namespace Galley::Testing;
using Galley::Server::Entity;

namespace {

// One server per backend for the whole test, with what the rows refer to.
struct Fixture
{
    std::unique_ptr<ServerDatabase> database;
    std::unique_ptr<ServerProcess> server;
    std::unique_ptr<TestStore> db;
    std::unique_ptr<ApiClient> admin;
    QHash<QByteArray, QByteArray> vars;   // "{site}" → "12", …
    QStringList fingerprint;
    QStringList controlRuns;              // rows run, for the summary
};

// What a row accepts: "4xx" (400–499), exact statuses, "200" for an empty or matching list.
bool accepts(const QString &spec, int status)
{
    for (const QString &part : spec.split(u'|')) {
        if (part == "4xx"_L1 && status >= 400 && status <= 499)
            return true;
        if (part.toInt() == status)
            return true;
    }
    return false;
}

QByteArray substitute(QByteArray text, const QHash<QByteArray, QByteArray> &vars)
{
    for (auto it = vars.cbegin(); it != vars.cend(); ++it)
        text.replace(it.key(), it.value());
    return text;
}

// The top-level string values of a row (what a text filter matches), lower-cased.
QStringList stringValues(const QJsonObject &row)
{
    QStringList out;
    for (auto it = row.constBegin(); it != row.constEnd(); ++it) {
        if (it.value().isString())
            out << it.value().toString().toLower();
    }
    return out;
}

const QList<QByteArray> kMetacharacters { "' OR 1=1 --", "%", "_", "\\", "\"; DROP TABLE documents;", "%' OR '%'='",
                                          "*", "') OR ('a'='a", "1; SELECT pg_sleep(5)", "$1", "?" };

} // namespace

class TestHostileInput : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void malformedRequests_data();
    void malformedRequests();
    void wrongFieldTypes_data();
    void wrongFieldTypes();
    void queryMetacharacters_data();
    void queryMetacharacters();
    void databaseUnchanged_data() { ServerDatabase::addBackendRows(); }
    void databaseUnchanged();
    void validBodiesAccepted_data() { ServerDatabase::addBackendRows(); }
    void validBodiesAccepted();

private:
    Fixture *fixture(const QString &backend);
    QJsonObject baseBody(const QString &route, Fixture &f) const;
    static QString check(const ApiReply &reply, const QString &accept, const QString &what);

    QList<RouteInfo> m_routes;
    QHash<QString, Fixture *> m_fixtures;
    QHash<QString, QString> m_fixtureErrors;
};

void TestHostileInput::initTestCase()
{
    QVERIFY2(!ServerProcess::binary().isEmpty(), "GALLEY_SERVER_BINARY is not set");
    QString error;
    m_routes = v1Routes(&error);
    QVERIFY2(!m_routes.isEmpty(), qPrintable(error));
}

void TestHostileInput::cleanupTestCase()
{
    for (Fixture *f : std::as_const(m_fixtures)) {
        if (f->server)
            f->server->stop();
        f->db.reset();
        delete f;
    }
    m_fixtures.clear();
}

Fixture *TestHostileInput::fixture(const QString &backend)
{
    if (Fixture *f = m_fixtures.value(backend))
        return f;
    if (m_fixtureErrors.contains(backend))
        return nullptr;
    auto f = std::make_unique<Fixture>();
    const auto fail = [&](const QString &why) {
        m_fixtureErrors.insert(backend, why);
        return nullptr;
    };
    f->database = std::make_unique<ServerDatabase>();
    if (!f->database->create(backend))
        return fail(f->database->error());
    f->server = std::make_unique<ServerProcess>();
    if (!f->server->start(*f->database, true, { u"--write-rate"_s, u"0"_s }))
        return fail(u"galley-server did not start"_s);
    f->db = std::make_unique<TestStore>();
    if (!f->db->open(*f->database))
        return fail(f->db->error());
    f->admin = loggedIn(*f->server, roleUser(Role::Admin));
    auto adminB = loggedIn(*f->server, roleUser(Role::Admin, true));
    if (!f->admin || !adminB)
        return fail(u"demo admins cannot log in"_s);
    TestStore &db = *f->db;
    const qint64 a = db.accountOf(roleUser(Role::Admin).email);
    const qint64 b = db.accountOf(roleUser(Role::Admin, true).email);
    const qint64 site = db.sitesOfAccount(a).value(0);
    if (const QString made = ensureDocumentOn(*f->admin, db, a, site); !made.isEmpty())
        return fail(made);
    const qint64 siteB = db.sitesOfAccount(b).value(0);
    const qint64 edition = db.ids(Entity::edition(), a, std::nullopt, false, 1, u"e.state = 'draft'"_s).value(0);
    const QJsonObject current = f->admin->get(u"/editions/%1"_s.arg(edition)).object();
    const auto number = [](qint64 v) { return QByteArray::number(v); };
    f->vars = {
        { "{site}", number(site) },
        { "{sector}", number(db.scalar(u"SELECT id FROM sectors WHERE site_id = ? ORDER BY id LIMIT 1"_s, { site })) },
        { "{schema}", number(db.scalar(u"SELECT id FROM content_schemas WHERE account_id = ? AND auth_policy = 'writer' ORDER BY id LIMIT 1"_s, { a })) },
        { "{siteB}", number(siteB) },
        { "{sectorB}", number(db.scalar(u"SELECT id FROM sectors WHERE site_id = ? ORDER BY id LIMIT 1"_s, { siteB })) },
        { "{schemaB}", number(db.scalar(u"SELECT id FROM content_schemas WHERE account_id = ? ORDER BY id LIMIT 1"_s, { b })) },
        { "{edition}", number(edition) },
        { "{document}", number(current.value(u"document_id"_s).toInteger()) },
        { "{lock}", number(current.value(u"lock_version"_s).toInteger()) },
        { "{token}", f->admin->token().toLatin1() },
    };
    for (auto it = f->vars.cbegin(); it != f->vars.cend(); ++it) {
        if (it.value().isEmpty() || it.value() == "0" || it.value() == "-1")
            return fail(u"no value for %1"_s.arg(QString::fromLatin1(it.key())));
    }
    // Everything a row may touch exists now: this is the state that must survive.
    f->fingerprint = db.fingerprint();
    Fixture *raw = f.release();
    m_fixtures.insert(backend, raw);
    return raw;
}

#define GALLEY_FIXTURE(var)                                                                       \
    QFETCH(QString, backend);                                                                     \
    if (backend == "postgresql"_L1 && !ServerDatabase::postgresAvailable())                       \
        QSKIP(ServerDatabase::skipReason());                                                      \
    Fixture *var = fixture(backend);                                                              \
    QVERIFY2(var, qPrintable(u"no server for %1: %2"_s.arg(backend, m_fixtureErrors.value(backend))))

QString TestHostileInput::check(const ApiReply &reply, const QString &accept, const QString &what)
{
    if (reply.status == 0)
        return what + u": no HTTP answer (connection closed or timed out)"_s;
    if (!accepts(accept, reply.status))
        return what + u": status %1, expected %2 — "_s.arg(reply.status).arg(accept) + QString::fromUtf8(reply.raw.left(500));
    if (reply.status >= 400) {
        if (const QString p = errorEnvelopeProblem(reply, reply.status); !p.isEmpty())
            return what + u": "_s + p;
    }
    return {};
}

// ------------------------------------------------------------------------------ raw requests

void TestHostileInput::malformedRequests_data()
{
    QTest::addColumn<QString>("backend");
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArrayList>("headers");   // extra header lines, "Name: value"
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QString>("accept");
    QTest::addColumn<bool>("authorized");   // with the admin's Authorization header

    struct Row
    {
        QByteArray method, target, body;
        QByteArrayList headers;
        QByteArray contentType = "application/json";
        QString accept = u"4xx"_s;
        bool authorized = true;
    };
    QList<Row> rows;
    const QByteArray validDocument = R"({"site_id": {site}, "sector_id": {sector}, "schema_id": {schema}, "title": "Hostile", "fields": {}})";
    // Bad JSON, to each of the main writes.
    const QList<std::pair<const char *, QByteArray>> writes {
        { "documents", "/api/v1/documents" }, { "schemas", "/api/v1/schemas" }, { "edition", "/api/v1/editions/{edition}" },
        { "remarks", "/api/v1/editions/{edition}/remarks" }, { "login", "/api/v1/auth/login" },
    };
    const QList<std::pair<const char *, QByteArray>> badJson {
        { "truncated", R"({"title": "x)" },
        { "truncated-object", R"({"title": "x", )" },
        { "trailing-garbage", R"({"title": "x"} trailing)" },
        { "two-objects", R"({} {})" },
        { "nan", R"({"lock_version": NaN, "title": "x"})" },
        { "infinity", R"({"lock_version": Infinity})" },
        { "single-quotes", R"({'title': 'x'})" },
        { "comment", "{/* c */ \"title\": \"x\"}" },
        { "unquoted-key", R"({title: "x"})" },
        { "deep-array", QByteArray(10000, '[') },
        { "deep-object", QByteArray("{\"a\":").repeated(5000) },
        { "array", R"([{"title": "x"}])" },
        { "string", R"("a string")" },
        { "number", "42" },
        { "null", "null" },
        { "true", "true" },
        { "whitespace", "   \r\n\t " },
        { "bom", "\xEF\xBB\xBF{}" },
        { "invalid-utf8", "{\"title\": \"\xFF\xFE\xC3\x28\", \"body\": \"\xFF\"}" },
        { "overlong-utf8", "{\"title\": \"\xC0\xAF\"}" },
        { "surrogate-utf8", "{\"title\": \"\xED\xA0\x80\"}" },
        { "lone-surrogate-escape", R"({"title": "\ud800", "body": "\udfff"})" },
        { "raw-nul", QByteArray("{\"title\": \"a\0b\"}", 16) },
        { "control-char", "{\"title\": \"a\x01" "b\"}" },
        { "bad-escape", R"({"title": "\q"})" },
    };
    QList<QByteArray> names;
    const auto add = [&rows, &names](const char *name, QByteArray method, QByteArray target, QByteArray body,
                                     QByteArrayList headers = {}, QString accept = u"4xx"_s,
                                     QByteArray contentType = "application/json") {
        rows.append({ std::move(method), std::move(target), std::move(body), std::move(headers), std::move(contentType),
                      std::move(accept) });
        names << name;
    };
    for (const auto &[target, path] : writes) {
        const QByteArray method = QByteArray(target) == "edition" ? "PUT" : "POST";
        for (const auto &[kind, body] : badJson)
            add(QByteArray(QByteArray(target) + '/' + kind).constData(), method, path, body);
    }

    // Valid JSON with values no title may hold.
    add("nul-escape-in-title", "POST", "/api/v1/documents",
        R"({"site_id": {site}, "sector_id": {sector}, "schema_id": {schema}, "title": "a\u0000b", "fields": {}})");
    add("nul-escape-in-remark", "POST", "/api/v1/editions/{edition}/remarks", R"({"body": "a\u0000b"})");
    add("nul-escape-in-schema-name", "POST", "/api/v1/schemas",
        R"({"name": "a\u0000b", "spec_doc": {"$schema": "http://json-schema.org/draft-07/schema#", "type": "object"}})");
    add("nul-escape-in-fields", "PUT", "/api/v1/editions/{edition}", R"({"lock_version": {lock}, "fields": {"a\u0000": "b\u0000"}})");
    add("duplicate-keys", "POST", "/api/v1/documents",
        R"({"site_id": {site}, "sector_id": {sector}, "schema_id": {schema}, "title": "a", "title": "", "fields": {}})");
    // Another account's objects in a body.
    add("foreign-site", "POST", "/api/v1/documents",
        R"({"site_id": {siteB}, "sector_id": {sectorB}, "schema_id": {schema}, "title": "Foreign", "fields": {}})");
    add("foreign-schema", "POST", "/api/v1/documents",
        R"({"site_id": {site}, "sector_id": {sector}, "schema_id": {schemaB}, "title": "Foreign", "fields": {}})");
    add("foreign-sector", "POST", "/api/v1/documents",
        R"({"site_id": {site}, "sector_id": {sectorB}, "schema_id": {schema}, "title": "Foreign", "fields": {}})");
    add("account-id-in-schema", "POST", "/api/v1/schemas",
        R"({"name": "Owned elsewhere", "account_id": 2, "spec_doc": {"type": "object"}})");
    add("id-in-document", "POST", "/api/v1/documents",
        R"({"id": 1, "site_id": {site}, "sector_id": {sector}, "schema_id": {schema}, "title": "x", "fields": {}})");
    // Huge strings: over the body limit, and under it but over any sane length.
    add("title-1MB", "POST", "/api/v1/documents",
        "{\"site_id\": {site}, \"sector_id\": {sector}, \"schema_id\": {schema}, \"title\": \"" + QByteArray(1024 * 1024, 'x')
                + "\", \"fields\": {}}",
        {}, u"413|422"_s);
    add("title-600KB", "POST", "/api/v1/documents",
        "{\"site_id\": {site}, \"sector_id\": {sector}, \"schema_id\": {schema}, \"title\": \"" + QByteArray(600 * 1024, 'x')
                + "\", \"fields\": {}}",
        {}, u"413|422"_s);
    add("edition-title-600KB", "PUT", "/api/v1/editions/{edition}",
        "{\"lock_version\": {lock}, \"title\": \"" + QByteArray(600 * 1024, 'y') + "\"}", {}, u"413|422"_s);
    add("remark-600KB", "POST", "/api/v1/editions/{edition}/remarks", "{\"body\": \"" + QByteArray(600 * 1024, 'z') + "\"}", {},
        u"413|422"_s);
    add("schema-name-600KB", "POST", "/api/v1/schemas",
        "{\"name\": \"" + QByteArray(600 * 1024, 'n') + "\", \"spec_doc\": {\"type\": \"object\"}}", {}, u"413|422"_s);
    add("slug-long", "POST", "/api/v1/documents",
        "{\"site_id\": {site}, \"sector_id\": {sector}, \"schema_id\": {schema}, \"title\": \"x\", \"fields\": {}, \"slug\": \""
                + QByteArray(5000, 'a') + "\"}");
    add("slug-traversal", "POST", "/api/v1/documents",
        R"({"site_id": {site}, "sector_id": {sector}, "schema_id": {schema}, "title": "x", "fields": {}, "slug": "../../etc/passwd"})");
    add("query-100KB", "GET", "/api/v1/documents?q=" + QByteArray(100 * 1024, 'q'), {});
    add("header-100KB", "GET", "/api/v1/sites", {}, { "X-Padding: " + QByteArray(100 * 1024, 'p') });
    add("wrong-content-type", "POST", "/api/v1/documents", validDocument, {}, u"415"_s, "text/plain");
    add("form-content-type", "POST", "/api/v1/documents", "title=x", {}, u"415"_s, "application/x-www-form-urlencoded");
    add("json-lookalike-type", "POST", "/api/v1/documents", validDocument, {}, u"415"_s, "application/jsonp");

    // Invalid UTF-8, NUL and control bytes in query and path.
    add("query-invalid-utf8-encoded", "GET", "/api/v1/documents?q=%FF%FE%C3%28", {}, {}, u"200|400"_s);
    add("query-invalid-utf8-raw", "GET", "/api/v1/documents?q=\xFF\xFE", {}, {}, u"200|400"_s);
    add("query-nul-encoded", "GET", "/api/v1/documents?q=a%00b", {}, {}, u"200|400"_s);
    add("schema-query-nul", "GET", "/api/v1/schemas?q_name=%00", {}, {}, u"200|400"_s);
    add("query-name-invalid-utf8", "GET", "/api/v1/documents?%FF=1", {}, {}, u"400"_s);
    add("query-name-nul", "GET", "/api/v1/documents?%00=1", {}, {}, u"400"_s);
    add("path-invalid-utf8-encoded", "GET", "/api/v1/documents/%FF", {});
    add("path-invalid-utf8-raw", "GET", "/api/v1/documents/\xFF\xFE", {});
    add("path-nul-encoded", "GET", "/api/v1/documents/1%00", {});
    add("path-nul-raw", "GET", QByteArray("/api/v1/documents/1\0", 20), {});
    add("path-crlf-encoded", "GET", "/api/v1/documents/1%0D%0AX-Injected:%201", {});
    // Path traversal and odd ids.
    add("dot-dot", "GET", "/api/v1/documents/../sites", {});
    add("dot-dot-encoded", "GET", "/api/v1/documents/%2e%2e%2fsites", {});
    add("dot-dot-half-encoded", "GET", "/api/v1/documents/%2e%2e/sites", {});
    add("dot-dot-into-other-version", "GET", "/api/v1/../v2/sites", {});
    add("semicolon-id", "GET", "/api/v1/documents/1;2", {});
    add("negative-id", "GET", "/api/v1/documents/-1", {});
    add("zero-id", "GET", "/api/v1/documents/0", {});
    add("huge-id", "GET", "/api/v1/documents/99999999999999999999", {});
    add("int64-overflow-id", "GET", "/api/v1/documents/9223372036854775808", {});
    add("hex-id", "GET", "/api/v1/documents/0x10", {});
    add("exponent-id", "GET", "/api/v1/documents/1e3", {});
    add("padded-id", "GET", "/api/v1/documents/%201", {});
    add("plus-id", "GET", "/api/v1/documents/+1", {});
    add("encoded-slash-id", "GET", "/api/v1/documents/1%2f2", {});
    add("double-slash", "GET", "/api/v1/documents//1", {});
    add("trailing-slash", "GET", "/api/v1/documents/{document}/", {});
    add("backslash", "GET", "/api/v1/documents\\..\\sites", {});
    add("put-traversal", "PUT", "/api/v1/editions/../schemas/{schema}", R"({"name": "x"})");
    add("delete-traversal", "DELETE", "/api/v1/schemas/{schema}/..", {});
    // Absurd paging.
    for (const char *q : { "page=0", "page=-1", "page=1000000001", "page=99999999999999999999", "page=1e3", "page=0x10",
                           "page=%201", "page=1%20", "page=", "page_size=0", "page_size=201", "page_size=-5",
                           "page_size=99999999999999999999", "page=1&page=2", "page_size=1.5" })
        add(qPrintable(u"documents-"_s + QString::fromLatin1(q)), "GET", "/api/v1/documents?" + QByteArray(q), {}, {}, u"400"_s);
    add("documents-last-page", "GET", "/api/v1/documents?page=1000000000&page_size=200", {}, {}, u"200"_s);
    for (const char *q : { "since=-1", "since=abc", "since=99999999999999999999", "limit=0", "limit=100000", "limit=-1", "since=1e3" })
        add(qPrintable(u"changes-"_s + QString::fromLatin1(q)), "GET", "/api/v1/changes?" + QByteArray(q), {}, {}, u"400|410"_s);
    // Header injection and smuggling.
    const QByteArray remark = R"({"body": "Idempotent probe"})";
    add("idempotency-key-bare-cr", "POST", "/api/v1/editions/{edition}/remarks", remark, { "Idempotency-Key: abc\rdef" });
    add("idempotency-key-nul", "POST", "/api/v1/editions/{edition}/remarks", remark, { QByteArray("Idempotency-Key: abc\0def", 24) });
    add("idempotency-key-del", "POST", "/api/v1/editions/{edition}/remarks", remark, { "Idempotency-Key: abc\x7f" "def" });
    add("idempotency-key-tab", "POST", "/api/v1/editions/{edition}/remarks", remark, { "Idempotency-Key: abc\tdef" });
    add("idempotency-key-utf8", "POST", "/api/v1/editions/{edition}/remarks", remark, { "Idempotency-Key: \xD0\xBA\xD0\xBB\xD1\x8E\xD1\x87" });
    add("idempotency-key-latin1", "POST", "/api/v1/editions/{edition}/remarks", remark, { "Idempotency-Key: cl\xE9" });
    add("idempotency-key-300", "POST", "/api/v1/editions/{edition}/remarks", remark, { "Idempotency-Key: " + QByteArray(300, 'k') });
    add("idempotency-key-folded", "POST", "/api/v1/editions/{edition}/remarks", remark, { "Idempotency-Key: abc\r\n def" });
    // The admin's token only behind a bare CR inside another header: it must not authenticate.
    add("authorization-behind-cr", "GET", "/api/v1/sites", {}, { "X-Note: a\rAuthorization: Bearer {token}" });
    rows.last().authorized = false;
    // (A bare LF, by contrast, may end a header line: RFC 9112 §2.2.)
    add("request-line-crlf", "GET", "/api/v1/sites\r\nX-Injected: 1", {});
    add("two-content-lengths", "POST", "/api/v1/editions/{edition}/remarks", remark, { "Content-Length: 5" });
    add("chunked-and-length", "POST", "/api/v1/editions/{edition}/remarks", remark, { "Transfer-Encoding: chunked" });
    add("negative-content-length", "POST", "/api/v1/editions/{edition}/remarks", {}, { "Content-Length: -1" });
    add("if-match-garbage", "PUT", "/api/v1/editions/{edition}", R"({"title": "x"})", { "If-Match: \"1; DROP TABLE editions\"" });
    add("if-match-huge", "PUT", "/api/v1/editions/{edition}", R"({"title": "x"})", { "If-Match: 99999999999999999999999" });
    add("if-match-negative", "PUT", "/api/v1/schemas/{schema}", R"({"name": "x", "spec_doc": {"type": "object"}})", { "If-Match: \"-3\"" });
    add("unknown-method", "BREW", "/api/v1/sites", {});
    add("head-method", "HEAD", "/api/v1/sites", {}, {}, u"4xx|200"_s);

    for (const QString &backend : { u"sqlite"_s, u"postgresql"_s }) {
        for (qsizetype i = 0; i < rows.size(); ++i) {
            const Row &row = rows.at(i);
            QTest::addRow("%s:%s", qPrintable(backend), names.at(i).constData())
                    << backend << row.method << row.target << row.body << row.headers << row.contentType << row.accept
                    << row.authorized;
        }
    }
}

void TestHostileInput::malformedRequests()
{
    GALLEY_FIXTURE(f);
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, target);
    QFETCH(QByteArray, body);
    QFETCH(QByteArrayList, headers);
    QFETCH(QByteArray, contentType);
    QFETCH(QString, accept);
    QFETCH(bool, authorized);

    const QByteArray path = substitute(target, f->vars);
    const QByteArray payload = substitute(body, f->vars);
    QByteArrayList lines;
    for (const QByteArray &h : std::as_const(headers))
        lines << substitute(h, f->vars);
    QByteArray request = method + ' ' + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n";
    if (authorized)
        request += "Authorization: Bearer " + f->vars.value("{token}") + "\r\n";
    if (!payload.isEmpty() || method == "POST" || method == "PUT")
        request += "Content-Type: " + contentType + "\r\nContent-Length: " + QByteArray::number(payload.size()) + "\r\n";
    for (const QByteArray &line : std::as_const(lines))
        request += line + "\r\n";
    request += "\r\n" + payload;
    const RawReply raw = rawHttp(f->server->baseUrl(), request, 4000);
    ApiReply reply = raw.asApiReply();
    const QString what = QString::fromLatin1(method + ' ' + path.left(120).toPercentEncoding("/?&=:{}"));
    QVERIFY2(raw.answered, qPrintable(what + (raw.closed ? u": the server closed the connection without an answer"_s
                                                         : u": no answer within 4 s, the connection left open"_s)));
    if (method == "HEAD") {   // no body to check
        QVERIFY2(reply.status == 200 || (reply.status >= 400 && reply.status < 500), qPrintable(QString::fromUtf8(raw.raw.left(300))));
        return;
    }
    const QString problem = check(reply, accept, what);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    if (reply.status == 200 && reply.data().isArray())
        QVERIFY2(reply.data().toArray().isEmpty(), qPrintable(u"a hostile request listed rows: "_s + QString::fromUtf8(reply.raw.left(300))));
}

// ------------------------------------------------------------------------------ wrong types

QJsonObject TestHostileInput::baseBody(const QString &route, Fixture &f) const
{
    const auto id = [&f](const char *name) { return f.vars.value(name).toLongLong(); };
    if (route == "POST /documents"_L1)
        return { { u"site_id"_s, id("{site}") }, { u"sector_id"_s, id("{sector}") }, { u"schema_id"_s, id("{schema}") },
                 { u"title"_s, u"Well-formed probe"_s }, { u"fields"_s, QJsonObject {} }, { u"change_note"_s, u"First"_s },
                 { u"slug"_s, u"well-formed-probe"_s } };
    if (route == "POST /schemas"_L1)
        return { { u"name"_s, u"Well-formed probe schema"_s }, { u"description"_s, u"Probe"_s },
                 { u"spec_doc"_s, QJsonObject { { u"$schema"_s, u"http://json-schema.org/draft-07/schema#"_s }, { u"type"_s, u"object"_s } } },
                 { u"auth_policy"_s, u"writer"_s } };
    if (route == "PUT /editions/{edition}"_L1)
        return { { u"lock_version"_s, id("{lock}") }, { u"title"_s, u"Well-formed edit"_s }, { u"fields"_s, QJsonObject {} },
                 { u"change_note"_s, u"Edited"_s }, { u"minor_change"_s, false } };
    if (route == "POST /editions/{edition}/remarks"_L1)
        return { { u"body"_s, u"Well-formed remark"_s } };
    return {};
}

void TestHostileInput::wrongFieldTypes_data()
{
    QTest::addColumn<QString>("backend");
    QTest::addColumn<QString>("route");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QByteArray>("value");   // JSON text; "<absent>" removes the field

    // field → its type (s string, i id/integer, o object, b bool) and whether it is required.
    struct Field
    {
        const char *name;
        char type;
        bool required;
    };
    const QList<std::pair<QString, QList<Field>>> routes {
        { u"POST /documents"_s, { { "site_id", 'i', true }, { "sector_id", 'i', true }, { "schema_id", 'i', true },
                                  { "title", 's', true }, { "fields", 'o', true }, { "change_note", 's', false }, { "slug", 's', false } } },
        { u"POST /schemas"_s, { { "name", 's', true }, { "description", 's', false }, { "spec_doc", 'o', true }, { "auth_policy", 's', false } } },
        { u"PUT /editions/{edition}"_s, { { "lock_version", 'i', true }, { "title", 's', false }, { "fields", 'o', false },
                                          { "change_note", 's', false }, { "minor_change", 'b', false } } },
        { u"POST /editions/{edition}/remarks"_s, { { "body", 's', true } } },
    };
    // null counts as absent (documented): it is wrong only where the field is required.
    const QHash<char, QList<QByteArray>> wrong {
        { 's', { "42", "true", "{}", "[]", "[\"x\"]", "1.5" } },
        { 'i', { "\"1\"", "true", "{}", "[]", "[1]", "1.5", "0", "-1", "1e300", "9007199254740993", "\"' OR 1=1 --\"" } },
        { 'o', { "\"x\"", "1", "[]", "true", "[{}]" } },
        { 'b', { "\"true\"", "1", "0", "{}", "[]", "\"false\"" } },
    };
    for (const QString &backend : { u"sqlite"_s, u"postgresql"_s }) {
        for (const auto &[route, fields] : routes) {
            for (const Field &field : fields) {
                QList<QByteArray> values = wrong.value(field.type);
                if (field.required)
                    values << "null" << "<absent>";
                for (const QByteArray &value : std::as_const(values))
                    QTest::addRow("%s:%s:%s=%s", qPrintable(backend), qPrintable(route), field.name, value.constData())
                            << backend << route << QString::fromLatin1(field.name) << value;
            }
            QTest::addRow("%s:%s:unknown-field", qPrintable(backend), qPrintable(route)) << backend << route << u"bogus"_s << QByteArray("1");
            QTest::addRow("%s:%s:read-only-id", qPrintable(backend), qPrintable(route)) << backend << route << u"id"_s << QByteArray("1");
            QTest::addRow("%s:%s:created_at", qPrintable(backend), qPrintable(route))
                    << backend << route << u"created_at"_s << QByteArray("\"2020-01-01T00:00:00Z\"");
        }
        // Semantic rather than type errors in the same bodies.
        QTest::addRow("%s:POST /schemas:spec_doc-not-a-schema", qPrintable(backend))
                << backend << u"POST /schemas"_s << u"spec_doc"_s << QByteArray(R"({"type": 12, "properties": []})");
        QTest::addRow("%s:POST /schemas:spec_doc-2019-09", qPrintable(backend))
                << backend << u"POST /schemas"_s << u"spec_doc"_s << QByteArray(R"({"$schema": "https://json-schema.org/draft/2019-09/schema"})");
            QTest::addRow("%s:POST /schemas:auth_policy-unknown", qPrintable(backend))
                << backend << u"POST /schemas"_s << u"auth_policy"_s << QByteArray("\"root\"");
        QTest::addRow("%s:POST /schemas:name-blank", qPrintable(backend)) << backend << u"POST /schemas"_s << u"name"_s << QByteArray("\"   \"");
        QTest::addRow("%s:POST /documents:title-blank", qPrintable(backend))
                << backend << u"POST /documents"_s << u"title"_s << QByteArray("\" \\t \"");
        QTest::addRow("%s:POST /documents:slug-uppercase", qPrintable(backend))
                << backend << u"POST /documents"_s << u"slug"_s << QByteArray("\"Not-A-Slug\"");
        QTest::addRow("%s:POST /documents:unknown-site", qPrintable(backend))
                << backend << u"POST /documents"_s << u"site_id"_s << QByteArray("987654321");
        QTest::addRow("%s:PUT /editions:stale-lock", qPrintable(backend))
                << backend << u"PUT /editions/{edition}"_s << u"lock_version"_s << QByteArray("987654");
        QTest::addRow("%s:POST /remarks:blank", qPrintable(backend))
                << backend << u"POST /editions/{edition}/remarks"_s << u"body"_s << QByteArray("\"  \"");
    }
}

void TestHostileInput::wrongFieldTypes()
{
    GALLEY_FIXTURE(f);
    QFETCH(QString, route);
    QFETCH(QString, field);
    QFETCH(QByteArray, value);
    const RouteInfo *info = nullptr;
    for (const RouteInfo &r : std::as_const(m_routes)) {
        if (r.name() == route)
            info = &r;
    }
    QVERIFY2(info, qPrintable(route + u" is not in the route table"_s));

    QJsonObject body = baseBody(route, *f);
    if (value == "<absent>") {
        body.remove(field);
    } else {
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson("[" + value + "]", &error);
        QVERIFY2(error.error == QJsonParseError::NoError, value.constData());
        body.insert(field, doc.array().first());
    }
    QHash<QString, qint64> ids { { u"edition"_s, f->vars.value("{edition}").toLongLong() } };
    const QString path = info->fill(ids);
    const ApiReply reply = f->admin->call(info->method, path, body);
    const QString what = u"%1 %2 with %3 = %4"_s.arg(QString::fromLatin1(info->method), path, field, QString::fromUtf8(value));
    const QString problem = check(reply, u"4xx"_s, what);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    // A body problem names the member it is about.
    if (reply.status == 422 && value != "<absent>" && field != "lock_version"_L1) {
        QStringList pointers;
        for (const QJsonValue &e : reply.body.value(u"errors"_s).toArray())
            pointers << e.toObject().value(u"field"_s).toString();
        QVERIFY2(std::any_of(pointers.cbegin(), pointers.cend(), [&](const QString &p) { return p.startsWith(u'/' + field); }),
                 qPrintable(what + u": no error entry points at /"_s + field + u": "_s + QString::fromUtf8(reply.raw)));
    }
}

// ------------------------------------------------------------------------------ query parameters

void TestHostileInput::queryMetacharacters_data()
{
    QTest::addColumn<QString>("backend");
    QTest::addColumn<QString>("route");
    QTest::addColumn<QString>("param");
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<bool>("text");   // a string parameter: an empty or matching 200 is fine
    int generated = 0;
    for (const QString &backend : { u"sqlite"_s, u"postgresql"_s }) {
        for (const RouteInfo &route : std::as_const(m_routes)) {
            if (route.method != "GET")
                continue;
            for (const Server::QueryParam &p : route.query) {
                const bool text = p.type() == Server::QueryParam::Type::String;
                for (const QByteArray &value : kMetacharacters) {
                    QTest::addRow("%s:%s?%s=%s", qPrintable(backend), qPrintable(route.pattern), qPrintable(p.name()), value.constData())
                            << backend << route.name() << p.name() << value << text;
                    ++generated;
                }
            }
        }
    }
    if (generated == 0)
        QTest::addRow("no-query-parameters") << u"sqlite"_s << QString() << QString() << QByteArray() << false;
}

void TestHostileInput::queryMetacharacters()
{
    GALLEY_FIXTURE(f);
    QFETCH(QString, route);
    QFETCH(QString, param);
    QFETCH(QByteArray, value);
    QFETCH(bool, text);
    QVERIFY2(!route.isEmpty(), "no GET route declares a query parameter");
    const RouteInfo *info = nullptr;
    for (const RouteInfo &r : std::as_const(m_routes)) {
        if (r.name() == route)
            info = &r;
    }
    QVERIFY(info);
    QHash<QString, qint64> ids;
    for (const QString &name : info->idSegments) {
        const QByteArray var = '{' + name.toLatin1() + '}';
        ids.insert(name, f->vars.contains(var) ? f->vars.value(var).toLongLong()
                                              : f->db->ids(*Entity::byName(name), f->db->accountOf(roleUser(Role::Admin).email)).value(0, 1));
    }
    const QString base = info->fill(ids);
    const QString path = base + u'?' + param + u'=' + QString::fromLatin1(QUrl::toPercentEncoding(QString::fromUtf8(value)));
    const ApiReply reply = f->admin->get(path);
    const QString problem = check(reply, text ? u"200|400"_s : u"400"_s, u"GET "_s + path);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    if (reply.status != 200)
        return;
    // No extra rows: as many as the unfiltered list at most, each containing the text.
    const ApiReply all = f->admin->get(base);
    QCOMPARE(all.status, 200);
    const auto total = [](const ApiReply &r) {
        return r.body.value(u"meta"_s).toObject().value(u"pagination"_s).toObject().value(u"total"_s).toInteger(r.data().toArray().size());
    };
    QVERIFY2(total(reply) <= total(all), qPrintable(u"%1: %2 rows, more than the %3 of the unfiltered list"_s.arg(path).arg(total(reply)).arg(total(all))));
    const QString needle = QString::fromUtf8(value).trimmed().toLower();
    for (const QJsonValue &row : reply.data().toArray()) {
        const QStringList values = stringValues(row.toObject());
        QVERIFY2(std::any_of(values.cbegin(), values.cend(), [&](const QString &v) { return v.contains(needle); }),
                 qPrintable(u"%1 returned a row without '%2': %3"_s.arg(path, needle, compactJson(row))));
    }
}

// ------------------------------------------------------------------------------ afterwards

void TestHostileInput::databaseUnchanged()
{
    GALLEY_FIXTURE(f);
    const QString diff = fingerprintDiff(f->fingerprint, f->db->fingerprint());
    QVERIFY2(diff.isEmpty(), qPrintable(u"hostile requests changed the database:\n"_s + diff));
    QCOMPARE(f->server->process().state(), QProcess::Running);
    ApiClient anonymous(f->server->baseUrl());
    const ApiReply api = anonymous.get(u"/api"_s);
    QCOMPARE(api.status, 200);
    QVERIFY(api.object().value(u"versions"_s).toArray().contains(u"v1"_s));
    QCOMPARE(f->admin->get(u"/sites"_s).status, 200);
    QVERIFY(loggedIn(*f->server, roleUser(Role::Writer)));
}

// The control: the well-formed bodies the mutations started from are accepted, so every 4xx
// above was the mutation's doing.
void TestHostileInput::validBodiesAccepted()
{
    GALLEY_FIXTURE(f);
    for (const QString &route : { u"POST /documents"_s, u"POST /schemas"_s, u"PUT /editions/{edition}"_s, u"POST /editions/{edition}/remarks"_s }) {
        const QList<QByteArray> parts = route.toLatin1().split(' ');
        const QString path = QString::fromLatin1(parts.at(1)).replace(u"{edition}"_s, QString::fromLatin1(f->vars.value("{edition}")));
        QJsonObject body = baseBody(route, *f);
        if (body.contains(u"lock_version"_s))   // whatever a row above did to it, the control edits the current version
            body.insert(u"lock_version"_s, f->admin->get(path).object().value(u"lock_version"_s));
        const ApiReply reply = f->admin->call(parts.at(0), path, body);
        QVERIFY2(reply.status == 200 || reply.status == 201, qPrintable(describe(parts.at(0), path, reply)));
    }
}

QTEST_GUILESS_MAIN(TestHostileInput)
#include "tst_hostileinput.moc"
