// The request pipeline through real HTTP: HttpApi on 127.0.0.1, a fake authenticator, a few test
// routes in v1 and a v2 derived from it, driven by QNetworkAccessManager.
#include "http/authenticator.h"
#include "http/httpapi.h"
#include "http/nodelaytcpserver.h"
#include "http/pipelineserver.h"
#include "http/route.h"
#include "http/routeservices.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutex>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QSet>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>
#include <QThread>

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include <stdexcept>
#include <type_traits>

using namespace Galley;
using namespace Galley::Server;
using namespace Qt::StringLiterals;

// A route cannot be declared without a permission: there is no constructor that omits it.
static_assert(!std::is_default_constructible_v<Route>);
static_assert(!std::is_constructible_v<Route, HttpMethod, QString, Handler>);
static_assert(!std::is_constructible_v<Route, HttpMethod, QString>);
static_assert(std::is_constructible_v<Route, HttpMethod, QString, Permission, Handler>);

namespace {

class FakeAuthenticator : public Authenticator
{
public:
    std::optional<Caller> authenticate(const QByteArray &token) override
    {
        static const QHash<QByteArray, Role> roles {
            { "viewer-token", Role::Viewer },
            { "writer-token", Role::Writer },
            { "editor-token", Role::Editor },
            { "managing-token", Role::ManagingEditor },
            { "designer-token", Role::SchemaDesigner },
            { "admin-token", Role::Admin },
        };
        const auto it = roles.constFind(token);
        if (it == roles.cend())
            return std::nullopt;
        return Caller { 42, 7, *it, true, {} };
    }
};

// Objects with an even id are visible; "item" is the only resource it scopes.
class EvenGuard : public ResourceGuard
{
public:
    bool knows(const QString &resource) const override { return resource == "item"_L1; }
    bool visible(const Caller &, const QString &, qint64 id) override { return id % 2 == 0; }
};

class MemoryIdempotency : public IdempotencyStore
{
public:
    Claim claim(qint64 accountId, const QString &key, const QByteArray &fingerprint) override
    {
        QMutexLocker lock(&m_mutex);
        const QString k = QString::number(accountId) + u'/' + key;
        if (!m_entries.contains(k)) {
            m_entries.insert(k, { fingerprint, std::nullopt });
            return Claim { Claim::Outcome::Proceed, {} };
        }
        const auto &[print, stored] = m_entries.value(k);
        if (print != fingerprint)
            return Claim { Claim::Outcome::Mismatch, {} };
        if (!stored)
            return Claim { Claim::Outcome::Busy, {} };
        return Claim { Claim::Outcome::Replay, *stored };
    }
    void finish(qint64 accountId, const QString &key, const Stored &answer) override
    {
        QMutexLocker lock(&m_mutex);
        m_entries[QString::number(accountId) + u'/' + key].second = answer;
    }
    void release(qint64 accountId, const QString &key) override
    {
        QMutexLocker lock(&m_mutex);
        m_entries.remove(QString::number(accountId) + u'/' + key);
    }

private:
    QMutex m_mutex;
    QHash<QString, std::pair<QByteArray, std::optional<Stored>>> m_entries;
};

// Viewers have used up their writes: 7 seconds to wait.
class ViewerLimiter : public WriteLimiter
{
public:
    int admit(const Caller &caller) override { return caller.role == Role::Viewer ? 7 : 0; }
};

QAtomicInt guardedCalls;

ApiSuccess ok(const QJsonValue &data, int status = 200)
{
    return ApiSuccess { data, {}, status };
}

ApiVersion makeV1()
{
    ApiVersion v1(u"v1"_s);
    v1.add(Route(HttpMethod::Get, u"/things"_s, Permission::Read,
                 [](const RequestContext &ctx) -> HandlerResult {
                     QJsonObject echo;
                     for (auto it = ctx.query.cbegin(); it != ctx.query.cend(); ++it)
                         echo.insert(it.key(), QJsonValue::fromVariant(*it));
                     const QJsonObject pagination { { u"page"_s, ctx.queryInt(u"page"_s).value_or(1) }, { u"total"_s, 0 } };
                     return ApiSuccess { echo, { { u"pagination"_s, pagination } }, 200 };
                 })
                   .query({ QueryParam::positiveInteger(u"page"_s), QueryParam::positiveInteger(u"page_size"_s, 200),
                            QueryParam::integer(u"offset"_s), QueryParam::string(u"q"_s),
                            QueryParam::boolean(u"active"_s), QueryParam::oneOf(u"state"_s, { u"draft"_s, u"published"_s }) }));
    v1.add(Route(HttpMethod::Post, u"/things"_s, Permission::WriteContent,
                 [](const RequestContext &ctx) -> HandlerResult { return ok(ctx.body, 201); })
                   .body());
    v1.add(Route(HttpMethod::Get, u"/things/{id}"_s, Permission::Read,
                 [](const RequestContext &ctx) -> HandlerResult {
                     return ok(QJsonObject { { u"id"_s, ctx.pathId(u"id"_s) }, { u"version"_s, u"v1"_s } });
                 }));
    v1.add(Route(HttpMethod::Delete, u"/things/{id}"_s, Permission::Manage,
                 [](const RequestContext &) -> HandlerResult { return ok(QJsonValue::Null); }));
    v1.add(Route(HttpMethod::Get, u"/things/{id}/missing"_s, Permission::Read,
                 [](const RequestContext &) -> HandlerResult { return ApiError::notFound(); }));
    v1.add(Route(HttpMethod::Get, u"/boom"_s, Permission::Read,
                 [](const RequestContext &) -> HandlerResult { throw std::runtime_error("handler failure"); }));
    v1.add(Route(HttpMethod::Get, u"/me"_s, Permission::Read,
                 [](const RequestContext &ctx) -> HandlerResult {
                     return ok(QJsonObject { { u"user"_s, ctx.user().userId },
                                             { u"account"_s, ctx.user().accountId },
                                             { u"role"_s, toWire(ctx.user().role) },
                                             { u"offEventLoop"_s, QThread::currentThread() != QCoreApplication::instance()->thread() } });
                 }));
    v1.add(Route(HttpMethod::Post, u"/login"_s, Permission::Public,
                 [](const RequestContext &ctx) -> HandlerResult {
                     return ok(QJsonObject { { u"email"_s, ctx.body.value(u"email"_s) }, { u"authenticated"_s, ctx.caller.has_value() } });
                 })
                   .body());
    return v1;
}

ApiVersion makeV2(const ApiVersion &v1)
{
    ApiVersion v2 = ApiVersion::basedOn(v1, u"v2"_s);
    v2.add(Route(HttpMethod::Get, u"/things/{id}"_s, Permission::Read,
                 [](const RequestContext &ctx) -> HandlerResult {
                     return ok(QJsonObject { { u"id"_s, ctx.pathId(u"id"_s) }, { u"version"_s, u"v2"_s } });
                 }));
    v2.add(Route(HttpMethod::Get, u"/extra"_s, Permission::Read,
                 [](const RequestContext &) -> HandlerResult { return ok(u"extra"_s); }));
    v2.remove(HttpMethod::Delete, u"/things/{id}"_s);
    return v2;
}

// v3: the same pipeline with route services — tenancy guard, idempotency, write limiter.
ApiVersion makeGuarded()
{
    ApiVersion v3(u"v3"_s);
    auto services = std::make_shared<RouteServices>();
    services->guard = std::make_shared<EvenGuard>();
    services->idempotency = std::make_shared<MemoryIdempotency>();
    services->writeLimiter = std::make_shared<ViewerLimiter>();
    v3.setServices(services);
    v3.add(Route(HttpMethod::Get, u"/items/{item}"_s, Permission::Read, [](const RequestContext &ctx) -> HandlerResult {
        guardedCalls.ref();
        return ok(QJsonObject { { u"id"_s, ctx.pathId(u"item"_s) } });
    }));
    v3.add(Route(HttpMethod::Post, u"/items"_s, Permission::Read, [](const RequestContext &ctx) -> HandlerResult {
        const int n = guardedCalls.fetchAndAddOrdered(1) + 1;
        return ok(QJsonObject { { u"call"_s, n }, { u"body"_s, ctx.body } }, 201);
    }).body());
    return v3;
}

struct Answer
{
    int status = 0;
    QJsonObject json;
    QByteArray requestIdHeader;
    QByteArray contentType;
    QByteArray allow;
    QByteArray raw;
    QByteArray replayed;
    QByteArray retryAfter;
};

} // namespace

class TestHttpPipeline : public QObject
{
    Q_OBJECT

    std::unique_ptr<HttpApi> m_api;
    QNetworkAccessManager m_nam;

    QUrl url(const QString &pathAndQuery) const
    {
        return QUrl(u"http://127.0.0.1:%1%2"_s.arg(m_api->port()).arg(pathAndQuery));
    }

    Answer send(const QByteArray &method, const QString &path, const QByteArray &token = {}, const QByteArray &body = {},
                const QByteArray &contentType = "application/json", const QByteArray &idempotencyKey = {})
    {
        QNetworkRequest request(url(path));
        if (!idempotencyKey.isEmpty())
            request.setRawHeader("Idempotency-Key", idempotencyKey);
        if (!token.isEmpty())
            request.setRawHeader("Authorization", token.startsWith("Basic ") ? token : "Bearer " + token);
        if (!body.isEmpty())
            request.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
        std::unique_ptr<QNetworkReply> reply(m_nam.sendCustomRequest(request, method, body));
        QSignalSpy finished(reply.get(), &QNetworkReply::finished);
        if (!finished.wait(10000))
            return {};
        Answer a;
        a.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        a.raw = reply->readAll();
        a.json = QJsonDocument::fromJson(a.raw).object();
        a.requestIdHeader = reply->rawHeader("X-Request-Id");
        a.contentType = reply->rawHeader("Content-Type");
        a.allow = reply->rawHeader("Allow");
        a.replayed = reply->rawHeader("Idempotent-Replayed");
        a.retryAfter = reply->rawHeader("Retry-After");
        return a;
    }

    static bool isEnvelope(const Answer &a, bool success)
    {
        if (a.json.value(u"success"_s) != QJsonValue(success) || a.contentType != "application/json")
            return false;
        const QString id = a.json.value(u"request_id"_s).toString();
        if (id.isEmpty() || id.toLatin1() != a.requestIdHeader)
            return false;
        if (success)
            return a.json.contains(u"data"_s) && !a.json.contains(u"error"_s) && !a.json.contains(u"errors"_s);
        return a.json.value(u"error"_s).isString() && a.json.value(u"errors"_s).isArray() && !a.json.value(u"errors"_s).toArray().isEmpty()
                && !a.json.contains(u"data"_s);
    }

private Q_SLOTS:
    void initTestCase()
    {
        HttpApi::Options options;
        options.maxBodyBytes = 4096;
        m_api = std::make_unique<HttpApi>(std::make_shared<FakeAuthenticator>(), options);
        const ApiVersion v1 = makeV1();
        QVERIFY(m_api->addVersion(v1).ok());
        QVERIFY(m_api->addVersion(makeV2(v1)).ok());
        QVERIFY(m_api->addVersion(makeGuarded()).ok());
        const Status listening = m_api->listen(QHostAddress::LocalHost, 0);
        QVERIFY2(listening.ok(), qPrintable(listening.ok() ? QString() : listening.error().message));
        QVERIFY(m_api->port() != 0);
    }

    void cleanupTestCase() { m_api.reset(); }

    void successEnvelope()
    {
        const Answer a = send("GET", u"/api/v1/things?page=2&page_size=200&offset=-3&q=caf%C3%A9&active=true&state=draft"_s, "viewer-token");
        QCOMPARE(a.status, 200);
        QVERIFY2(isEnvelope(a, true), a.raw.constData());
        const QJsonObject data = a.json.value(u"data"_s).toObject();
        QCOMPARE(data.value(u"page"_s), QJsonValue(2));
        QCOMPARE(data.value(u"page_size"_s), QJsonValue(200));
        QCOMPARE(data.value(u"offset"_s), QJsonValue(-3));
        QCOMPARE(data.value(u"q"_s), QJsonValue(u"café"_s));
        QCOMPARE(data.value(u"active"_s), QJsonValue(true));
        QCOMPARE(data.value(u"state"_s), QJsonValue(u"draft"_s));
        QCOMPARE(a.json.value(u"meta"_s).toObject().value(u"pagination"_s).toObject().value(u"page"_s), QJsonValue(2));
    }

    void createdWithBody()
    {
        const Answer a = send("POST", u"/api/v1/things"_s, "writer-token", R"({"title":"Hello","n":3})", "application/json; charset=utf-8");
        QCOMPARE(a.status, 201);
        QVERIFY2(isEnvelope(a, true), a.raw.constData());
        QCOMPARE(a.json.value(u"data"_s).toObject().value(u"title"_s), QJsonValue(u"Hello"_s));
        QVERIFY(!a.json.contains(u"meta"_s));
    }

    void publicRouteNeedsNoToken()
    {
        const Answer a = send("POST", u"/api/v1/login"_s, {}, R"({"email":"a@example.org"})");
        QCOMPARE(a.status, 200);
        QCOMPARE(a.json.value(u"data"_s).toObject().value(u"authenticated"_s), QJsonValue(false));
    }

    void callerReachesHandlerOffTheEventLoop()
    {
        const Answer a = send("GET", u"/api/v1/me"_s, "editor-token");
        QCOMPARE(a.status, 200);
        const QJsonObject data = a.json.value(u"data"_s).toObject();
        QCOMPARE(data.value(u"user"_s), QJsonValue(42));
        QCOMPARE(data.value(u"account"_s), QJsonValue(7));
        QCOMPARE(data.value(u"role"_s), QJsonValue(u"editor"_s));
        QCOMPARE(data.value(u"offEventLoop"_s), QJsonValue(true));
    }

    void errorEnvelopes_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("token");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QByteArray>("contentType");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("field");

        const QByteArray json = "application/json";
        const QByteArray big = "{\"x\":\"" + QByteArray(5000, 'a') + "\"}";
        auto row = [&](const char *name, const QByteArray &method, const QString &path, const QByteArray &token, const QByteArray &body,
                       const QByteArray &type, int status, const QString &code, const QString &field = {}) {
            QTest::newRow(name) << method << path << token << body << type << status << code << field;
        };
        row("unknown-query-parameter", "GET", u"/api/v1/things?bogus=1"_s, "viewer-token", {}, json, 400, u"bad_request"_s, u"bogus"_s);
        row("query-on-route-without-params", "GET", u"/api/v1/me?page=1"_s, "viewer-token", {}, json, 400, u"bad_request"_s, u"page"_s);
        row("integer-not-a-number", "GET", u"/api/v1/things?offset=abc"_s, "viewer-token", {}, json, 400, u"bad_request"_s, u"offset"_s);
        row("integer-with-spaces", "GET", u"/api/v1/things?offset=%201"_s, "viewer-token", {}, json, 400, u"bad_request"_s, u"offset"_s);
        row("integer-overflow", "GET", u"/api/v1/things?offset=99999999999999999999"_s, "viewer-token", {}, json, 400, u"bad_request"_s, u"offset"_s);
        row("positive-integer-zero", "GET", u"/api/v1/things?page=0"_s, "viewer-token", {}, json, 400, u"bad_request"_s, u"page"_s);
        row("positive-integer-empty", "GET", u"/api/v1/things?page="_s, "viewer-token", {}, json, 400, u"bad_request"_s, u"page"_s);
        row("page-size-over-max", "GET", u"/api/v1/things?page_size=201"_s, "viewer-token", {}, json, 400, u"bad_request"_s, u"page_size"_s);
        row("enum-unknown-value", "GET", u"/api/v1/things?state=zzz"_s, "viewer-token", {}, json, 400, u"bad_request"_s, u"state"_s);
        row("boolean-garbage", "GET", u"/api/v1/things?active=maybe"_s, "viewer-token", {}, json, 400, u"bad_request"_s, u"active"_s);
        row("parameter-twice", "GET", u"/api/v1/things?page=1&page=2"_s, "viewer-token", {}, json, 400, u"bad_request"_s, u"page"_s);
        row("malformed-json", "POST", u"/api/v1/things"_s, "writer-token", "{\"title\": ", json, 400, u"bad_request"_s);
        row("json-array-body", "POST", u"/api/v1/things"_s, "writer-token", "[1,2]", json, 400, u"bad_request"_s);
        row("missing-body", "POST", u"/api/v1/things"_s, "writer-token", {}, json, 415, u"unsupported_media_type"_s);
        row("wrong-content-type", "POST", u"/api/v1/things"_s, "writer-token", "{}", "text/plain", 415, u"unsupported_media_type"_s);
        row("form-content-type", "POST", u"/api/v1/things"_s, "writer-token", "a=1", "application/x-www-form-urlencoded", 415, u"unsupported_media_type"_s);
        row("body-too-large", "POST", u"/api/v1/things"_s, "writer-token", big, json, 413, u"too_large"_s);
        row("missing-token", "GET", u"/api/v1/things"_s, {}, {}, json, 401, u"unauthenticated"_s);
        row("unknown-token", "GET", u"/api/v1/things"_s, "forged-token", {}, json, 401, u"unauthenticated"_s);
        row("basic-auth", "GET", u"/api/v1/things"_s, "Basic dXNlcjpwYXNz", {}, json, 401, u"unauthenticated"_s);
        row("viewer-cannot-write", "POST", u"/api/v1/things"_s, "viewer-token", "{}", json, 403, u"forbidden"_s);
        row("writer-cannot-manage", "DELETE", u"/api/v1/things/1"_s, "writer-token", {}, json, 403, u"forbidden"_s);
        row("designer-cannot-manage", "DELETE", u"/api/v1/things/1"_s, "designer-token", {}, json, 403, u"forbidden"_s);
        row("unknown-route", "GET", u"/api/v1/nothing-here"_s, "viewer-token", {}, json, 404, u"not_found"_s);
        row("unknown-version", "GET", u"/api/v9/things"_s, "viewer-token", {}, json, 404, u"not_found"_s);
        row("outside-api", "GET", u"/index.html"_s, {}, {}, json, 404, u"not_found"_s);
        row("trailing-slash", "GET", u"/api/v1/things/"_s, "viewer-token", {}, json, 404, u"not_found"_s);
        row("id-not-numeric", "GET", u"/api/v1/things/abc"_s, "viewer-token", {}, json, 404, u"not_found"_s);
        row("id-negative", "GET", u"/api/v1/things/-1"_s, "viewer-token", {}, json, 404, u"not_found"_s);
        row("id-zero", "GET", u"/api/v1/things/0"_s, "viewer-token", {}, json, 404, u"not_found"_s);
        row("id-leading-zero", "GET", u"/api/v1/things/01"_s, "viewer-token", {}, json, 404, u"not_found"_s);
        row("id-overflow", "GET", u"/api/v1/things/99999999999999999999999"_s, "viewer-token", {}, json, 404, u"not_found"_s);
        row("id-sql-metacharacters", "GET", u"/api/v1/things/1%27%20OR%201=1"_s, "viewer-token", {}, json, 404, u"not_found"_s);
        row("id-path-traversal", "GET", u"/api/v1/things/1%2F..%2F2"_s, "viewer-token", {}, json, 404, u"not_found"_s);
        row("id-invalid-utf8", "GET", u"/api/v1/things/%FF%FE"_s, "viewer-token", {}, json, 404, u"not_found"_s);
        row("handler-not-found", "GET", u"/api/v1/things/5/missing"_s, "viewer-token", {}, json, 404, u"not_found"_s);
        row("wrong-method", "PUT", u"/api/v1/things"_s, "writer-token", "{}", json, 405, u"method_not_allowed"_s);
        row("unsupported-method", "OPTIONS", u"/api/v1/things"_s, "writer-token", {}, json, 405, u"method_not_allowed"_s);
        row("handler-throws", "GET", u"/api/v1/boom"_s, "viewer-token", {}, json, 500, u"internal_error"_s);
    }

    void errorEnvelopes()
    {
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        QFETCH(QByteArray, token);
        QFETCH(QByteArray, body);
        QFETCH(QByteArray, contentType);
        QFETCH(int, status);
        QFETCH(QString, code);
        QFETCH(QString, field);

        if (status == 500)
            QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"handler failed: handler failure"_s));
        const Answer a = send(method, path, token, body, contentType);
        QVERIFY2(a.status == status, qPrintable(u"%1: %2"_s.arg(a.status).arg(QString::fromUtf8(a.raw))));
        QVERIFY2(isEnvelope(a, false), a.raw.constData());
        const QJsonObject first = a.json.value(u"errors"_s).toArray().first().toObject();
        QCOMPARE(first.value(u"code"_s).toString(), code);
        QVERIFY(!first.value(u"message"_s).toString().isEmpty());
        QCOMPARE(first.value(u"field"_s).toString(), field);
    }

    void methodNotAllowedListsAllowed()
    {
        const Answer a = send("PATCH", u"/api/v1/things/3"_s, "admin-token", "{}");
        QCOMPARE(a.status, 405);
        QCOMPARE(a.allow, "GET, DELETE");
    }

    void requestIdsAreUniqueAndUrlSafe()
    {
        static const QRegularExpression urlSafe(u"^[A-Za-z0-9_-]{22}$"_s);
        QSet<QByteArray> seen;
        for (int i = 0; i < 20; ++i) {
            const Answer a = send("GET", i % 2 ? u"/api/v1/me"_s : u"/api/v1/nowhere"_s, "viewer-token");
            QVERIFY(urlSafe.match(QString::fromLatin1(a.requestIdHeader)).hasMatch());
            QCOMPARE(a.json.value(u"request_id"_s).toString().toLatin1(), a.requestIdHeader);
            QVERIFY(!seen.contains(a.requestIdHeader));
            seen.insert(a.requestIdHeader);
        }
    }

    void apiListsVersions()
    {
        const Answer a = send("GET", u"/api"_s);
        QCOMPARE(a.status, 200);
        QVERIFY2(isEnvelope(a, true), a.raw.constData());
        QCOMPARE(a.json.value(u"data"_s).toObject().value(u"versions"_s).toArray(), (QJsonArray { u"v1"_s, u"v2"_s, u"v3"_s }));
    }

    void versions_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("servedBy");
        QTest::newRow("v1-own-route") << QByteArray("GET") << u"/api/v1/things/5"_s << 200 << u"v1"_s;
        QTest::newRow("v2-replaced-route") << QByteArray("GET") << u"/api/v2/things/5"_s << 200 << u"v2"_s;
        QTest::newRow("v2-reused-route") << QByteArray("GET") << u"/api/v2/me"_s << 200 << QString();
        QTest::newRow("v2-added-route") << QByteArray("GET") << u"/api/v2/extra"_s << 200 << QString();
        QTest::newRow("v1-lacks-v2-route") << QByteArray("GET") << u"/api/v1/extra"_s << 404 << QString();
        QTest::newRow("v2-removed-route") << QByteArray("DELETE") << u"/api/v2/things/5"_s << 405 << QString();
        QTest::newRow("v1-keeps-removed-route") << QByteArray("DELETE") << u"/api/v1/things/5"_s << 200 << QString();
    }

    void versions()
    {
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        QFETCH(int, status);
        QFETCH(QString, servedBy);
        const Answer a = send(method, path, "admin-token");
        QCOMPARE(a.status, status);
        if (!servedBy.isEmpty())
            QCOMPARE(a.json.value(u"data"_s).toObject().value(u"version"_s).toString(), servedBy);
    }

    void acceptedSocketsHaveNoDelay()
    {
        QList<int> noDelay;
        connect(m_api->tcpServer(), &NoDelayTcpServer::socketAccepted, this, [&noDelay](QTcpSocket *socket) {
            int value = 0;
            socklen_t size = sizeof(value);
            if (::getsockopt(int(socket->socketDescriptor()), IPPROTO_TCP, TCP_NODELAY, &value, &size) == 0)
                noDelay.append(value);
        });
        QTcpSocket client;
        client.connectToHost(QHostAddress::LocalHost, m_api->port());
        QVERIFY(client.waitForConnected(5000));
        QTRY_COMPARE(noDelay.size(), 1);
        QVERIFY(noDelay.first() != 0);
        disconnect(m_api->tcpServer(), &NoDelayTcpServer::socketAccepted, this, nullptr);
    }

    void oneLogLinePerRequest()
    {
        QTest::ignoreMessage(QtInfoMsg,
                             QRegularExpression(u"^request_id=[A-Za-z0-9_-]{22} method=GET path=/api/v1/things/1/missing status=404 ms=[0-9.]+ account=7$"_s));
        QCOMPARE(send("GET", u"/api/v1/things/1/missing"_s, "viewer-token").status, 404);
        QTest::ignoreMessage(QtInfoMsg, QRegularExpression(u"^request_id=\\S+ method=GET path=/api/v1/me status=401 ms=[0-9.]+ account=-$"_s));
        QCOMPARE(send("GET", u"/api/v1/me"_s).status, 401);
    }

    // A bad route table refuses to start instead of serving something half-declared.
    void startUpErrors_data()
    {
        QTest::addColumn<QStringList>("patterns");
        QTest::newRow("same-path-twice-other-param-name") << QStringList { u"/a/{id}"_s, u"/a/{other}"_s };
        QTest::newRow("no-leading-slash") << QStringList { u"a"_s };
        QTest::newRow("empty-segment") << QStringList { u"/a//b"_s };
        QTest::newRow("half-brace") << QStringList { u"/a/{id"_s };
        QTest::newRow("repeated-param") << QStringList { u"/a/{id}/b/{id}"_s };
        QTest::newRow("unknown-param-type") << QStringList { u"/a/{id:float}"_s };
    }

    void startUpErrors()
    {
        QFETCH(QStringList, patterns);
        const Handler handler = [](const RequestContext &) -> HandlerResult { return ok(1); };
        ApiVersion version(u"v1"_s);
        for (const QString &pattern : std::as_const(patterns))
            version.add(Route(HttpMethod::Get, pattern, Permission::Read, handler));
        HttpApi api(std::make_shared<FakeAuthenticator>());
        QVERIFY(api.addVersion(version).ok());
        QVERIFY(!api.listen(QHostAddress::LocalHost, 0).ok());
        QCOMPARE(api.port(), quint16(0));
    }

    void versionNamesAreUnique()
    {
        HttpApi api(std::make_shared<FakeAuthenticator>());
        QVERIFY(api.addVersion(ApiVersion(u"v1"_s)).ok());
        QVERIFY(!api.addVersion(ApiVersion(u"v1"_s)).ok());
        QVERIFY(!api.addVersion(ApiVersion(u"../v3"_s)).ok());
        QVERIFY(api.listen(QHostAddress::LocalHost, 0).ok());
        QVERIFY(!api.addVersion(ApiVersion(u"v2"_s)).ok());   // the table is frozen once listening
        QCOMPARE(api.versions(), QStringList { u"v1"_s });
    }

    // The guard answers for path ids before the handler runs: an invisible object is a 404
    // the handler never sees.
    void guardScopesPathIds()
    {
        const int before = guardedCalls.loadAcquire();
        const Answer visible = send("GET", u"/api/v3/items/4"_s, "viewer-token");
        QCOMPARE(visible.status, 200);
        QCOMPARE(visible.json.value(u"data"_s).toObject().value(u"id"_s), QJsonValue(4));
        const Answer hidden = send("GET", u"/api/v3/items/5"_s, "viewer-token");
        QCOMPARE(hidden.status, 404);
        QVERIFY2(isEnvelope(hidden, false), hidden.raw.constData());
        QCOMPARE(guardedCalls.loadAcquire(), before + 1);
    }

    // With a guard, an id segment the guard cannot scope refuses the table at start-up.
    void unscopedIdRefusesToStart()
    {
        ApiVersion version(u"v1"_s);
        auto services = std::make_shared<RouteServices>();
        services->guard = std::make_shared<EvenGuard>();
        version.setServices(services);
        version.add(Route(HttpMethod::Get, u"/things/{thing}"_s, Permission::Read,
                          [](const RequestContext &) -> HandlerResult { return ok(1); }));
        HttpApi api(std::make_shared<FakeAuthenticator>());
        QVERIFY(api.addVersion(version).ok());
        const Status listening = api.listen(QHostAddress::LocalHost, 0);
        QVERIFY(!listening.ok());
        QCOMPARE(listening.error().code, u"unscoped_route"_s);
    }

    void idempotencyKeyReplaysTheFirstAnswer()
    {
        const QByteArray body = R"({"title":"once"})";
        const Answer first = send("POST", u"/api/v3/items"_s, "writer-token", body, "application/json", "key-1");
        QCOMPARE(first.status, 201);
        QVERIFY(first.replayed.isEmpty());
        for (int i = 0; i < 3; ++i) {
            const Answer again = send("POST", u"/api/v3/items"_s, "writer-token", body, "application/json", "key-1");
            QCOMPARE(again.status, 201);
            QCOMPARE(again.raw, first.raw);
            QCOMPARE(again.replayed, QByteArray("true"));
        }
        // The same key for another request is refused; a bad key is a 400.
        const Answer reused = send("POST", u"/api/v3/items"_s, "writer-token", R"({"title":"other"})", "application/json", "key-1");
        QCOMPARE(reused.status, 422);
        QCOMPARE(reused.json.value(u"errors"_s).toArray().first().toObject().value(u"code"_s), QJsonValue(u"idempotency_key_reused"_s));
        const Answer bad = send("POST", u"/api/v3/items"_s, "writer-token", body, "application/json", QByteArray(300, 'x'));
        QCOMPARE(bad.status, 400);
        // Without a key every request runs.
        const Answer a = send("POST", u"/api/v3/items"_s, "writer-token", body);
        const Answer b = send("POST", u"/api/v3/items"_s, "writer-token", body);
        QVERIFY(a.json.value(u"data"_s).toObject().value(u"call"_s) != b.json.value(u"data"_s).toObject().value(u"call"_s));
    }

    void writeLimiterAnswers429()
    {
        const Answer limited = send("POST", u"/api/v3/items"_s, "viewer-token", R"({})");
        QCOMPARE(limited.status, 429);
        QCOMPARE(limited.retryAfter, QByteArray("7"));
        QVERIFY2(isEnvelope(limited, false), limited.raw.constData());
        // Reads are not throttled.
        QCOMPARE(send("GET", u"/api/v3/items/2"_s, "viewer-token").status, 200);
    }

    void routeWithoutHandlerDoesNotStart()
    {
        ApiVersion version(u"v1"_s);
        version.add(Route(HttpMethod::Get, u"/a"_s, Permission::Read, Handler {}));
        HttpApi api(std::make_shared<FakeAuthenticator>());
        QVERIFY(api.addVersion(version).ok());
        QVERIFY(!api.listen(QHostAddress::LocalHost, 0).ok());
    }
};

QTEST_GUILESS_MAIN(TestHttpPipeline)
#include "tst_httppipeline.moc"
