#pragma once

// What the API integration tests share (tst_apimatrix, tst_hostileinput, tst_changefeedreplay, and
// the route groups' own tests):
// the v1 route table as data (built in-process from buildV1, so a route added tomorrow is in
// every matrix without touching the tests), the demo users, direct read access to the test
// database (ids per account and site, a fingerprint of every table), envelope checks and a raw
// socket client for requests QNetworkAccessManager would refuse or repair. Header-only.
#include "common/serverprocess.h"

#include "api/entities.h"
#include "api/v1.h"
#include "http/apiversion.h"
#include "storage/changefeed.h"
#include "storage/serverstore.h"

#include "domain/permissions.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSqlField>
#include <QSqlRecord>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <optional>

namespace Galley::Testing {

// ---------------------------------------------------------------- the route table

// One route of the v1 table as the tests see it.
struct RouteInfo
{
    QByteArray method;            // "GET", "POST", …
    QString pattern;              // "/editions/{edition}/remarks", relative to /api/v1
    Permission permission = Permission::Read;
    QStringList idSegments;       // entity names of the "{name}" id segments, in path order
    QStringList stringSegments;   // names of "{name:string}" segments
    QList<Server::QueryParam> query;
    bool takesBody = false;
    bool bodyRequired = false;

    QString name() const { return QString::fromLatin1(method) + u' ' + pattern; }
    bool isWrite() const { return method != "GET"; }
    bool hasIds() const { return !idSegments.isEmpty() || !stringSegments.isEmpty(); }
    bool isAuth() const { return pattern.startsWith(QStringLiteral("/auth/")); }
    const Server::QueryParam *param(const QString &n) const
    {
        for (const Server::QueryParam &p : query) {
            if (p.name() == n)
                return &p;
        }
        return nullptr;
    }
    bool paged() const { return param(QStringLiteral("page")) && param(QStringLiteral("page_size")); }

    // The path with every id segment replaced by ids.value(entity) (string segments by "x").
    QString fill(const QHash<QString, qint64> &ids) const
    {
        QStringList parts = pattern.split(u'/');
        for (QString &part : parts) {
            if (!part.startsWith(u'{') || !part.endsWith(u'}'))
                continue;
            const QString inner = part.mid(1, part.size() - 2);
            if (inner.endsWith(QStringLiteral(":string")))
                part = QStringLiteral("x");
            else
                part = QString::number(ids.value(inner, 0));
        }
        return parts.join(u'/');
    }
};

inline QByteArray methodName(Server::HttpMethod m)
{
    switch (m) {
    case Server::HttpMethod::Get: return "GET";
    case Server::HttpMethod::Post: return "POST";
    case Server::HttpMethod::Put: return "PUT";
    case Server::HttpMethod::Patch: return "PATCH";
    case Server::HttpMethod::Delete: return "DELETE";
    }
    return "?";
}

// The real v1 table: buildV1 over a throwaway SQLite store, read out and dropped again.
inline QList<RouteInfo> v1Routes(QString *error = nullptr)
{
    QList<RouteInfo> out;
    QTemporaryDir dir;
    const auto url = Server::DatabaseUrl::parse(QStringLiteral("sqlite:") + dir.filePath(QStringLiteral("routes.db")));
    if (!url) {
        if (error)
            *error = url.error().message;
        return out;
    }
    auto store = Server::ServerStore::open(url.value());
    if (!store) {
        if (error)
            *error = store.error().message;
        return out;
    }
    {
        const Server::ApiVersion v1 = Server::buildV1(*store.value(), nullptr, Server::V1Options {});
        for (const Server::Route &route : v1.routes()) {
            RouteInfo info;
            info.method = methodName(route.method());
            info.pattern = route.pattern();
            info.permission = route.permission();
            info.query = route.queryParams();
            info.takesBody = route.takesBody();
            info.bodyRequired = route.bodyRequired();
            for (const QString &part : route.pattern().split(u'/')) {
                if (!part.startsWith(u'{') || !part.endsWith(u'}'))
                    continue;
                const QString inner = part.mid(1, part.size() - 2);
                if (inner.endsWith(QStringLiteral(":string")))
                    info.stringSegments.append(inner.chopped(7));
                else
                    info.idSegments.append(inner);
            }
            out.append(info);
        }
    }
    return out;
}

// A query parameter value the route accepts (for required parameters), probing enums.
inline std::optional<QString> acceptableValue(const Server::QueryParam &p)
{
    using T = Server::QueryParam::Type;
    switch (p.type()) {
    case T::Integer:
    case T::PositiveInteger: return QStringLiteral("1");
    case T::String: return QStringLiteral("x");
    case T::Boolean: return QStringLiteral("true");
    case T::Enum:
        for (const char *candidate : { "draft", "published", "pending", "failed", "deployed", "upsert", "asc", "name" }) {
            const QString c = QString::fromLatin1(candidate);
            if (std::holds_alternative<QVariant>(p.parse(c)))
                return c;
        }
        return std::nullopt;
    }
    return std::nullopt;
}

// "?a=1&b=x" for the route's required parameters ("" when none).
inline QString requiredQuery(const RouteInfo &route)
{
    QStringList items;
    for (const Server::QueryParam &p : route.query) {
        if (p.isRequired())
            items << p.name() + u'=' + acceptableValue(p).value_or(QStringLiteral("1"));
    }
    return items.isEmpty() ? QString() : u'?' + items.join(u'&');
}

// ---------------------------------------------------------------- demo users

struct DemoUser
{
    QString email;
    QString password;
    Role role;
};

inline DemoUser demoUser(const QString &mailbox, const QString &domain, Role role)
{
    return DemoUser { mailbox + u'@' + domain, QStringLiteral("galley-") + toWire(role), role };
}

// The demo user of `role` in Northwind Media (account A) or Halvorsen Group (account B).
inline DemoUser roleUser(Role role, bool accountB = false)
{
    const QString domain = accountB ? QStringLiteral("halvorsen.example") : QStringLiteral("northwind.example");
    switch (role) {
    case Role::Viewer: return demoUser(QStringLiteral("viewer"), domain, role);
    case Role::Writer: return demoUser(QStringLiteral("writer"), domain, role);
    case Role::Editor: return demoUser(QStringLiteral("editor"), domain, role);
    case Role::ManagingEditor: return demoUser(QStringLiteral("managing.editor"), domain, role);
    case Role::SchemaDesigner: return demoUser(QStringLiteral("schemas"), domain, role);
    case Role::Admin: return demoUser(QStringLiteral("admin"), domain, role);
    }
    return {};
}

inline DemoUser lucas() { return demoUser(QStringLiteral("lucas.moreau"), QStringLiteral("northwind.example"), Role::Writer); }
inline DemoUser nora() { return demoUser(QStringLiteral("nora.eriksen"), QStringLiteral("halvorsen.example"), Role::Writer); }
inline DemoUser amara() { return demoUser(QStringLiteral("amara.okafor"), QStringLiteral("northwind.example"), Role::Writer); }

// A logged-in client; fails the calling test when the login does not work.
inline std::unique_ptr<ApiClient> loggedIn(const ServerProcess &server, const DemoUser &user)
{
    auto client = std::make_unique<ApiClient>(server.baseUrl());
    if (!client->login(user.email, user.password)) {
        qWarning().noquote() << "login failed for" << user.email;
        return nullptr;
    }
    return client;
}

// ---------------------------------------------------------------- the test database, read directly

// Direct access to the database the server under test uses: ids per account and site (the
// tenancy of the Entity declarations, so it is the server's own notion), and a fingerprint.
class TestStore
{
public:
    bool open(const ServerDatabase &database)
    {
        auto opened = Server::ServerStore::open(database.url(), false);
        if (!opened) {
            m_error = opened.error().message;
            return false;
        }
        m_store = std::move(opened).value();
        return true;
    }
    QString error() const { return m_error; }
    QSqlDatabase db() { return m_store->connection(); }
    Server::ServerStore &store() { return *m_store; }

    QVariantList column(const QString &sql, const QVariantList &binds = {})
    {
        QSqlDatabase d = db();
        QSqlQuery q(d);
        q.setForwardOnly(true);
        QVariantList out;
        if (!q.prepare(sql)) {
            qWarning().noquote() << "prepare failed:" << sql << q.lastError().text();
            return out;
        }
        for (const QVariant &v : binds)
            q.addBindValue(v);
        if (!q.exec()) {
            qWarning().noquote() << "query failed:" << sql << q.lastError().text();
            return out;
        }
        while (q.next())
            out.append(q.value(0));
        return out;
    }
    qint64 scalar(const QString &sql, const QVariantList &binds = {})
    {
        const QVariantList c = column(sql, binds);
        return c.isEmpty() ? -1 : c.constFirst().toLongLong();
    }

    qint64 accountOf(const QString &email)
    {
        return scalar(QStringLiteral("SELECT account_id FROM users WHERE lower(email) = lower(?)"), { email });
    }
    qint64 userId(const QString &email)
    {
        return scalar(QStringLiteral("SELECT id FROM users WHERE lower(email) = lower(?)"), { email });
    }
    QList<qint64> sitesOfAccount(qint64 account)
    {
        QList<qint64> out;
        for (const QVariant &v : column(QStringLiteral("SELECT id FROM sites WHERE account_id = ? ORDER BY id"), { account }))
            out << v.toLongLong();
        return out;
    }
    // The sites a user sees (every site of the account unless limited).
    QList<qint64> visibleSites(const QString &email)
    {
        const qint64 uid = userId(email);
        const qint64 all = scalar(QStringLiteral("SELECT CASE WHEN all_sites THEN 1 ELSE 0 END FROM users WHERE id = ?"), { uid });
        if (all == 1)
            return sitesOfAccount(accountOf(email));
        QList<qint64> out;
        for (const QVariant &v : column(QStringLiteral("SELECT site_id FROM user_sites WHERE user_id = ? ORDER BY site_id"), { uid }))
            out << v.toLongLong();
        return out;
    }

    // Ids of an entity in an account; `sites` limits site-scoped entities to (or, with
    // `exclude`, away from) those sites. Lowest ids first, at most `limit`.
    QList<qint64> ids(const Server::Entity &entity, qint64 account, const std::optional<QList<qint64>> &sites = std::nullopt,
                      bool exclude = false, int limit = 50, const QString &extraWhere = {})
    {
        QString sql = QStringLiteral("SELECT %1.id FROM %2 WHERE %1.account_id = ?").arg(entity.alias(), entity.from());
        if (sites && !entity.siteExpression().isEmpty()) {
            QStringList list;
            for (qint64 s : *sites)
                list << QString::number(s);
            if (list.isEmpty())
                list << QStringLiteral("-1");
            sql += QStringLiteral(" AND %1 %2 IN (%3)").arg(entity.siteExpression(), exclude ? QStringLiteral("NOT") : QString(),
                                                            list.join(u','));
        }
        if (!extraWhere.isEmpty())
            sql += QStringLiteral(" AND ") + extraWhere;
        sql += QStringLiteral(" ORDER BY %1.id LIMIT %2").arg(entity.alias()).arg(limit);
        QList<qint64> out;
        for (const QVariant &v : column(sql, { account }))
            out << v.toLongLong();
        return out;
    }

    // Ids worth aiming at: first those other entities refer to (an edition with a link check,
    // remarks or publishing records), then the lowest; filtered by site like ids().
    QList<qint64> candidates(const Server::Entity &entity, qint64 account, const std::optional<QList<qint64>> &sites = std::nullopt,
                             bool exclude = false)
    {
        QList<qint64> out;
        const QByteArray reference = entity.name().toLatin1() + "_id";
        for (const Server::Entity *other : Server::Entity::all()) {
            for (const Server::Entity::Field &f : other->fields()) {
                if (reference != f.name)
                    continue;
                for (const QVariant &v : column(QStringLiteral("SELECT DISTINCT %1 FROM %2 WHERE %3.account_id = ? AND %1 IS NOT NULL "
                                                               "ORDER BY %1 LIMIT 3")
                                                        .arg(f.sql, other->from(), other->alias()),
                                                { account })) {
                    if (!out.contains(v.toLongLong()))
                        out << v.toLongLong();
                }
            }
        }
        if (sites && !entity.siteExpression().isEmpty()) {
            out.removeIf([&](qint64 id) {
                const std::optional<qint64> site = siteOf(entity, id);
                return !site || sites->contains(*site) == exclude;
            });
        }
        for (qint64 id : ids(entity, account, sites, exclude, 10)) {
            if (!out.contains(id))
                out << id;
        }
        return out;
    }

    // The site a row of a site-scoped entity belongs to (nullopt: account-wide or missing).
    std::optional<qint64> siteOf(const Server::Entity &entity, qint64 id)
    {
        if (entity.siteExpression().isEmpty())
            return std::nullopt;
        const QVariantList c = column(QStringLiteral("SELECT %1 FROM %2 WHERE %3.id = ?")
                                              .arg(entity.siteExpression(), entity.from(), entity.alias()),
                                      { id });
        if (c.isEmpty() || c.constFirst().isNull())
            return std::nullopt;
        return c.constFirst().toLongLong();
    }

    // The object as the server would serialise it, or empty when it does not exist.
    QByteArray load(const Server::Entity &entity, qint64 account, qint64 id)
    {
        QSqlDatabase d = db();
        const auto loaded = entity.load(d, account, id);
        return loaded ? loaded->json : QByteArray();
    }

    qint64 lastSeq(qint64 account)
    {
        QSqlDatabase d = db();
        const auto seq = Server::ChangeFeed::lastSeq(d, account);
        return seq ? seq.value() : -1;
    }

    // Row count, max(id), max(created_at) and max(updated_at) of every table (those columns
    // it has), and every account's change sequence: one line each, sorted. `skipTables` are
    // left out (bookkeeping a test knowingly changes).
    QStringList fingerprint(const QStringList &skipTables = {})
    {
        QSqlDatabase d = db();
        QStringList lines;
        QStringList tables = d.tables(QSql::Tables);
        tables.sort();
        for (const QString &table : std::as_const(tables)) {
            if (table.startsWith(QStringLiteral("sqlite_")) || skipTables.contains(table))
                continue;
            const QSqlRecord record = d.record(table);
            QStringList exprs { QStringLiteral("COUNT(*)") };
            for (const char *c : { "id", "seq", "created_at", "updated_at", "lock_version" }) {
                if (record.contains(QString::fromLatin1(c)))
                    exprs << QStringLiteral("MAX(%1)").arg(QString::fromLatin1(c));
            }
            QSqlQuery q(d);
            if (!q.exec(QStringLiteral("SELECT %1 FROM %2").arg(exprs.join(u','), table)) || !q.next()) {
                lines << table + QStringLiteral(": unreadable: ") + q.lastError().text();
                continue;
            }
            QStringList values;
            for (int i = 0; i < exprs.size(); ++i)
                values << exprs.at(i) + u'=' + (q.value(i).isNull() ? QStringLiteral("null") : q.value(i).toString());
            lines << table + QStringLiteral(": ") + values.join(u' ');
        }
        QSqlQuery q(d);
        if (q.exec(QStringLiteral("SELECT account_id, seq, horizon FROM change_sequences ORDER BY account_id"))) {
            while (q.next())
                lines << QStringLiteral("feed %1: seq=%2 horizon=%3").arg(q.value(0).toLongLong()).arg(q.value(1).toLongLong())
                                 .arg(q.value(2).toLongLong());
        }
        return lines;
    }

private:
    std::unique_ptr<Server::ServerStore> m_store;
    QString m_error;
};

// Lines only in `before` ("-") or only in `after` ("+"); empty when equal.
inline QString fingerprintDiff(const QStringList &before, const QStringList &after)
{
    QStringList out;
    for (const QString &l : before) {
        if (!after.contains(l))
            out << u'-' + l;
    }
    for (const QString &l : after) {
        if (!before.contains(l))
            out << u'+' + l;
    }
    return out.join(u'\n');
}

// ---------------------------------------------------------------- envelopes

// Empty when `reply` is a well-formed error envelope of `status` (and `code`, when given):
// success=false, a sentence in `error`, an `errors` array of {code, message}, request_id
// equal to the X-Request-Id header; otherwise what is wrong, with the body.
inline QString errorEnvelopeProblem(const ApiReply &reply, int status, const QString &code = {})
{
    QStringList problems;
    if (reply.status != status)
        problems << QStringLiteral("status %1, expected %2").arg(reply.status).arg(status);
    const QJsonDocument doc = QJsonDocument::fromJson(reply.raw);
    if (!doc.isObject()) {
        problems << QStringLiteral("body is not a JSON object");
    } else {
        const QJsonObject o = doc.object();
        if (o.value(QStringLiteral("success")) != QJsonValue(false))
            problems << QStringLiteral("success is not false");
        if (o.value(QStringLiteral("error")).toString().trimmed().isEmpty())
            problems << QStringLiteral("no 'error' sentence");
        const QJsonArray errors = o.value(QStringLiteral("errors")).toArray();
        if (errors.isEmpty())
            problems << QStringLiteral("empty or missing 'errors'");
        for (const QJsonValue &e : errors) {
            if (e.toObject().value(QStringLiteral("code")).toString().isEmpty()
                || e.toObject().value(QStringLiteral("message")).toString().isEmpty())
                problems << QStringLiteral("an 'errors' entry without code or message");
        }
        if (!code.isEmpty() && errors.first().toObject().value(QStringLiteral("code")).toString() != code)
            problems << QStringLiteral("code '%1', expected '%2'").arg(errors.first().toObject().value(QStringLiteral("code")).toString(), code);
        const QString rid = o.value(QStringLiteral("request_id")).toString();
        if (rid.isEmpty() || rid.toLatin1() != reply.header("x-request-id"))
            problems << QStringLiteral("request_id '%1' differs from X-Request-Id '%2'").arg(rid, QString::fromLatin1(reply.header("x-request-id")));
    }
    if (problems.isEmpty())
        return {};
    return problems.join(QStringLiteral("; ")) + QStringLiteral(" — body: ") + QString::fromUtf8(reply.raw.left(600));
}

inline QString describe(const QByteArray &method, const QString &path, const ApiReply &reply)
{
    return QStringLiteral("%1 %2 → %3 %4").arg(QString::fromLatin1(method), path).arg(reply.status).arg(QString::fromUtf8(reply.raw.left(600)));
}

// ---------------------------------------------------------------- raw HTTP

struct RawReply
{
    bool answered = false;   // a complete status line arrived
    bool closed = false;     // the server closed the connection (else: still open at the timeout)
    int status = 0;
    QHash<QByteArray, QByteArray> headers;   // lower-case names
    QByteArray body;
    QByteArray raw;

    ApiReply asApiReply() const
    {
        ApiReply r;
        r.status = status;
        r.raw = body;
        r.body = QJsonDocument::fromJson(body).object();
        r.headers = headers;
        return r;
    }
};

// Sends `request` bytes as they are on a new connection and reads one response (up to the
// connection's end or Content-Length).
inline RawReply rawHttp(const QUrl &base, const QByteArray &request, int timeoutMs = 15000)
{
    RawReply reply;
    const bool head = request.startsWith("HEAD ");   // a HEAD answer has no body, whatever it announces
    QTcpSocket socket;
    socket.connectToHost(base.host(), quint16(base.port()));
    if (!socket.waitForConnected(5000))
        return reply;
    socket.write(request);
    socket.flush();
    QElapsedTimer timer;
    timer.start();
    QByteArray data;
    qint64 headerEnd = -1;
    qint64 contentLength = -1;
    while (timer.elapsed() < timeoutMs) {
        if (socket.bytesAvailable() == 0 && !socket.waitForReadyRead(200)) {
            if (socket.state() != QAbstractSocket::ConnectedState) {
                reply.closed = true;
                break;
            }
        }
        data += socket.readAll();
        if (headerEnd < 0) {
            headerEnd = data.indexOf("\r\n\r\n");
            if (headerEnd >= 0) {
                const QList<QByteArray> lines = data.left(headerEnd).split('\n');
                for (qsizetype i = 1; i < lines.size(); ++i) {
                    const QByteArray line = lines.at(i).trimmed();
                    const qsizetype colon = line.indexOf(':');
                    if (colon > 0)
                        reply.headers.insert(line.left(colon).trimmed().toLower(), line.mid(colon + 1).trimmed());
                }
                contentLength = reply.headers.value("content-length", "-1").toLongLong();
            }
        }
        if (headerEnd >= 0 && (head || (contentLength >= 0 && data.size() >= headerEnd + 4 + contentLength)))
            break;
    }
    reply.raw = data;
    const QList<QByteArray> statusLine = data.left(data.indexOf("\r\n")).split(' ');
    if (statusLine.size() >= 2 && statusLine.first().startsWith("HTTP/")) {
        reply.answered = headerEnd >= 0;
        reply.status = statusLine.at(1).toInt();
    }
    if (headerEnd >= 0)
        reply.body = data.mid(headerEnd + 4, contentLength >= 0 ? contentLength : -1);
    return reply;
}

// "GET /api/v1/… HTTP/1.1" with Host, Connection: close, the token and Content-Length.
inline QByteArray httpRequest(const QByteArray &method, const QByteArray &target, const QString &token,
                              const QByteArray &body = {}, const QList<QByteArray> &extraHeaderLines = {},
                              const QByteArray &contentType = "application/json")
{
    QByteArray r = method + ' ' + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n";
    if (!token.isEmpty())
        r += "Authorization: Bearer " + token.toLatin1() + "\r\n";
    if (!body.isEmpty() || method == "POST" || method == "PUT")
        r += "Content-Type: " + contentType + "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n";
    for (const QByteArray &line : extraHeaderLines)
        r += line + "\r\n";
    r += "\r\n" + body;
    return r;
}

// ---------------------------------------------------------------- JSON helpers

// Pages through a paged list route (page_size 200) and returns every element; `failure` gets
// the first bad answer.
inline QJsonArray fetchAll(ApiClient &client, const QString &path, QString *failure, int maxPages = 100)
{
    QJsonArray all;
    const QString sep = path.contains(u'?') ? QStringLiteral("&") : QStringLiteral("?");
    for (int page = 1; page <= maxPages; ++page) {
        const QString p = path + sep + QStringLiteral("page=%1&page_size=200").arg(page);
        const ApiReply r = client.get(p);
        if (r.status != 200 || !r.data().isArray()) {
            if (failure)
                *failure = describe("GET", p, r);
            return all;
        }
        for (const QJsonValue &v : r.data().toArray())
            all.append(v);
        const qint64 pages = r.body.value(QStringLiteral("meta")).toObject().value(QStringLiteral("pagination")).toObject()
                                     .value(QStringLiteral("pages")).toInteger(-1);
        if (pages < 0) {
            if (failure)
                *failure = QStringLiteral("no meta.pagination.pages: ") + describe("GET", p, r);
            return all;
        }
        if (page >= pages)
            return all;
    }
    if (failure)
        *failure = QStringLiteral("more than %1 pages of %2").arg(maxPages).arg(path);
    return all;
}

// Makes sure `account` has a document on `site` (with its first edition, audit entry and a
// remark), creating one through the API as `client` (an admin of that account) when it has
// none. Returns what failed, or an empty string.
inline QString ensureDocumentOn(ApiClient &client, TestStore &db, qint64 account, qint64 site)
{
    const std::optional<QList<qint64>> onSite = QList<qint64> { site };
    if (!db.ids(Server::Entity::document(), account, onSite, false, 1).isEmpty()
        && !db.ids(Server::Entity::remark(), account, onSite, false, 1).isEmpty())
        return {};
    const qint64 sector = db.scalar(QStringLiteral("SELECT id FROM sectors WHERE site_id = ? ORDER BY id LIMIT 1"), { site });
    const qint64 schema = db.scalar(QStringLiteral("SELECT id FROM content_schemas WHERE account_id = ? "
                                                   "AND auth_policy IN ('viewer', 'writer') ORDER BY id LIMIT 1"),
                                    { account });
    if (sector <= 0 || schema <= 0)
        return QStringLiteral("site %1 of account %2 has no sector or the account no writer schema").arg(site).arg(account);
    const QJsonObject body { { QStringLiteral("site_id"), site },
                             { QStringLiteral("sector_id"), sector },
                             { QStringLiteral("schema_id"), schema },
                             { QStringLiteral("title"), QStringLiteral("Probe document for site %1").arg(site) },
                             { QStringLiteral("fields"), QJsonObject {} } };
    const ApiReply created = client.call("POST", QStringLiteral("/documents"), body);
    if (created.status != 201)
        return QStringLiteral("cannot create a probe document: ") + describe("POST", QStringLiteral("/documents"), created);
    const qint64 edition = created.object().value(QStringLiteral("editions")).toArray().first().toObject()
                                   .value(QStringLiteral("id")).toInteger();
    const QString remarkPath = QStringLiteral("/editions/%1/remarks").arg(edition);
    const ApiReply remark = client.call("POST", remarkPath, { { QStringLiteral("body"), QStringLiteral("Probe remark") } });
    if (remark.status != 201)
        return QStringLiteral("cannot create a probe remark: ") + describe("POST", remarkPath, remark);
    return {};
}

inline QString compactJson(const QJsonValue &v)
{
    if (v.isObject())
        return QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact));
    if (v.isArray())
        return QString::fromUtf8(QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact));
    return QString::fromUtf8(QJsonDocument(QJsonArray { v }).toJson(QJsonDocument::Compact));
}

// Starts the server on a fresh database of `backend`; QSKIPs PostgreSQL without a cluster.
#define GALLEY_START_SERVER(database, server, extraArgs)                                                  \
    GALLEY_FRESH_DATABASE(database);                                                                      \
    QVERIFY2(!Galley::Testing::ServerProcess::binary().isEmpty(), "GALLEY_SERVER_BINARY is not set");     \
    Galley::Testing::ServerProcess server;                                                                \
    QVERIFY2(server.start(database, true, QStringList { QStringLiteral("--write-rate"), QStringLiteral("0") } + (extraArgs)), \
             "galley-server did not start")

} // namespace Galley::Testing
