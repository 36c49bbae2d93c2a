// Matrices generated from the real v1 route table (buildV1, read in-process), run against the
// real galley-server on each backend: tenant isolation of every route with an id, the site
// limits of site-restricted users, the role × route permission matrix, the envelope of every
// error status, and paging edges of every paged list. A route added to the table is covered
// without touching this file; a route whose id names an entity nobody can aim at fails here by
// name, so coverage cannot shrink silently.
#include "apitestkit.h"

#include <QSet>

using namespace Qt::StringLiterals;
using namespace Galley;
using namespace Galley::Testing;
using Galley::Server::Entity;

namespace {

const QList<QByteArray> kMethods { "GET", "POST", "PUT", "PATCH", "DELETE" };

QString joinIds(const QHash<QString, qint64> &ids)
{
    QStringList parts;
    for (auto it = ids.cbegin(); it != ids.cend(); ++it)
        parts << u"%1=%2"_s.arg(it.key()).arg(it.value());
    parts.sort();
    return parts.join(u", "_s);
}

// The objects a write might change, as stored: the feed heads of both accounts and each object.
struct Snapshot
{
    qint64 seqA = 0, seqB = 0;
    QList<QByteArray> objects;

    friend bool operator==(const Snapshot &, const Snapshot &) = default;
};

Snapshot snapshot(TestStore &db, qint64 accountA, qint64 accountB, const QList<std::pair<const Entity *, qint64>> &objects,
                  qint64 ownerAccount)
{
    Snapshot s { db.lastSeq(accountA), db.lastSeq(accountB), {} };
    for (const auto &[entity, id] : objects)
        s.objects << db.load(*entity, ownerAccount, id);
    return s;
}

// The site of a row of a list (site_id; for the site list the id itself; else through its
// document or edition), as far as the row says.
std::optional<qint64> rowSite(const QJsonObject &row, bool isSiteList, TestStore &db)
{
    if (isSiteList)
        return row.value(u"id"_s).toInteger();
    if (row.value(u"site_id"_s).isDouble())
        return row.value(u"site_id"_s).toInteger();
    if (row.value(u"document_id"_s).isDouble())
        return db.siteOf(Entity::document(), row.value(u"document_id"_s).toInteger());
    if (row.value(u"edition_id"_s).isDouble())
        return db.siteOf(Entity::edition(), row.value(u"edition_id"_s).toInteger());
    return std::nullopt;
}

} // namespace

class TestApiMatrix : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void routeTable();
    // These share one server per backend (seeding is most of a server's start), in this order:
    // the read-only matrices first, then the ones that write.
    void isolation_data() { ServerDatabase::addBackendRows(); }
    void isolation();
    void siteLimits_data() { ServerDatabase::addBackendRows(); }
    void siteLimits();
    void pagination_data() { ServerDatabase::addBackendRows(); }
    void pagination();
    void errorEnvelopes_data() { ServerDatabase::addBackendRows(); }
    void errorEnvelopes();
    void permissionMatrix_data() { ServerDatabase::addBackendRows(); }
    void permissionMatrix();
    // Its own server, limited to one write per second.
    void rateLimited_data() { ServerDatabase::addBackendRows(); }
    void rateLimited();
    void cleanupTestCase();

private:
    // The server of one backend, started on first use and kept until the end.
    struct Shared
    {
        std::unique_ptr<ServerDatabase> database;
        std::unique_ptr<ServerProcess> server;
        std::unique_ptr<TestStore> db;
    };
    Shared *shared(const QString &backend, QString *error);
    QHash<QString, Shared *> m_shared;

    const RouteInfo *find(const QByteArray &method, const QString &pattern) const
    {
        for (const RouteInfo &r : m_routes) {
            if (r.method == method && r.pattern == pattern)
                return &r;
        }
        return nullptr;
    }

    QList<RouteInfo> m_routes;
};

TestApiMatrix::Shared *TestApiMatrix::shared(const QString &backend, QString *error)
{
    if (Shared *existing = m_shared.value(backend))
        return existing;
    auto made = std::make_unique<Shared>();
    made->database = std::make_unique<ServerDatabase>();
    if (!made->database->create(backend)) {
        *error = made->database->error();
        return nullptr;
    }
    made->server = std::make_unique<ServerProcess>();
    if (!made->server->start(*made->database, true, { u"--write-rate"_s, u"0"_s })) {
        *error = u"galley-server did not start"_s;
        return nullptr;
    }
    made->db = std::make_unique<TestStore>();
    if (!made->db->open(*made->database)) {
        *error = made->db->error();
        return nullptr;
    }
    Shared *raw = made.release();
    m_shared.insert(backend, raw);
    return raw;
}

void TestApiMatrix::cleanupTestCase()
{
    for (Shared *s : std::as_const(m_shared)) {
        s->server->stop();
        s->db.reset();
        delete s;
    }
    m_shared.clear();
}

// The shared server of the row's backend as `server`, its database as `db`.
#define GALLEY_SHARED_SERVER(server, db)                                                             \
    QFETCH(QString, backend);                                                                      \
    if (backend == "postgresql"_L1 && !ServerDatabase::postgresAvailable())                        \
        QSKIP(ServerDatabase::skipReason());                                                       \
    QString sharedError;                                                                           \
    Shared *fixture = shared(backend, &sharedError);                                               \
    QVERIFY2(fixture, qPrintable(sharedError));                                                    \
    ServerProcess &server = *fixture->server;                                                      \
    TestStore &db = *fixture->db

void TestApiMatrix::initTestCase()
{
    QString error;
    m_routes = v1Routes(&error);
    QVERIFY2(!m_routes.isEmpty(), qPrintable(u"cannot build the v1 route table: "_s + error));
    QStringList names;
    for (const RouteInfo &r : std::as_const(m_routes))
        names << r.name() + u" ["_s + toWire(r.permission) + u']';
    qInfo().noquote() << m_routes.size() << "routes in v1:\n  " << names.join(u"\n   "_s);
}

// The table itself: ids name entities the tenancy guard knows, public routes are only the
// ones that must be, every write needs more than reading (except logout).
void TestApiMatrix::routeTable()
{
    QStringList problems;
    for (const RouteInfo &r : std::as_const(m_routes)) {
        for (const QString &segment : r.idSegments) {
            if (!Entity::byName(segment))
                problems << u"%1: id segment {%2} names no entity"_s.arg(r.name(), segment);
        }
        if (r.permission == Permission::Public && r.name() != "POST /auth/login"_L1 && r.name() != "POST /auth/refresh"_L1)
            problems << r.name() + u" is public"_s;
        if (r.isWrite() && r.permission == Permission::Read && r.name() != "POST /auth/logout"_L1)
            problems << r.name() + u" is a write with only content.read"_s;
    }
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
    for (const char *required : { "GET /sites", "GET /documents", "GET /changes", "GET /schemas" }) {
        const QList<QByteArray> parts = QByteArray(required).split(' ');
        QVERIFY2(find(parts.at(0), QString::fromLatin1(parts.at(1))), required);
    }
}

// Every route with an id, every method: account A's admin aims at account B's objects and gets
// the same 404 as for an id that does not exist, and B's objects stay as they were.
void TestApiMatrix::isolation()
{
    GALLEY_SHARED_SERVER(server, db);
    const qint64 accountA = db.accountOf(roleUser(Role::Admin).email);
    const qint64 accountB = db.accountOf(roleUser(Role::Admin, true).email);
    QVERIFY(accountA > 0 && accountB > 0 && accountA != accountB);
    auto adminA = loggedIn(server, roleUser(Role::Admin));
    auto adminB = loggedIn(server, roleUser(Role::Admin, true));
    QVERIFY(adminA && adminB);

    // Content objects B may not have yet are made through the API as B's admin.
    const QList<qint64> sitesB = db.sitesOfAccount(accountB);
    const QList<qint64> sitesA = db.sitesOfAccount(accountA);
    QVERIFY(!sitesA.isEmpty() && !sitesB.isEmpty());
    const QString madeB = ensureDocumentOn(*adminB, db, accountB, sitesB.first());
    QVERIFY2(madeB.isEmpty(), qPrintable(madeB));
    const QString madeA = ensureDocumentOn(*adminA, db, accountA, sitesA.first());
    QVERIFY2(madeA.isEmpty(), qPrintable(madeA));

    QStringList failures;
    int withIds = 0;
    int covered = 0;
    for (const RouteInfo &route : std::as_const(m_routes)) {
        if (route.idSegments.isEmpty())
            continue;
        ++withIds;
        QHash<QString, QList<qint64>> candidatesA, candidatesB;
        QStringList missing;
        for (const QString &name : route.idSegments) {
            const Entity *entity = Entity::byName(name);
            if (!entity) {
                missing << u"{%1} names no entity"_s.arg(name);
                continue;
            }
            candidatesB.insert(name, db.candidates(*entity, accountB));
            candidatesA.insert(name, db.candidates(*entity, accountA));
            if (candidatesB.value(name).isEmpty())
                missing << u"account B (Halvorsen) has no %1 to aim at (seed one)"_s.arg(name);
            if (candidatesA.value(name).isEmpty())
                missing << u"account A (Northwind) has no %1"_s.arg(name);
        }
        if (!missing.isEmpty()) {
            failures << u"%1 not covered: %2"_s.arg(route.name(), missing.join(u"; "_s));
            continue;
        }
        const auto firstOf = [&route](const QHash<QString, QList<qint64>> &candidates, int index) {
            QHash<QString, qint64> ids;
            for (const QString &name : route.idSegments) {
                const QList<qint64> &list = candidates[name];
                ids.insert(name, list.value(std::min<qsizetype>(index, list.size() - 1)));
            }
            return ids;
        };
        QHash<QString, qint64> idsA = firstOf(candidatesA, 0), idsB = firstOf(candidatesB, 0);

        // Control: the ids are real — B's admin reads B's object, A's admin A's own (for a
        // sub-resource that may be absent, such as a link check, the first object that has one).
        if (route.method == "GET") {
            const auto control = [&](ApiClient &client, const QHash<QString, QList<qint64>> &candidates, QHash<QString, qint64> &chosen,
                                     const QString &who) {
                QString last;
                for (int i = 0; i < 12; ++i) {
                    const QHash<QString, qint64> ids = firstOf(candidates, i);
                    const QString path = route.fill(ids) + requiredQuery(route);
                    const ApiReply own = client.get(path);
                    if (own.status == 200) {
                        chosen = ids;
                        return;
                    }
                    last = describe("GET", path, own);
                }
                failures << u"control: %1 reading its own objects never got 200, last: %2"_s.arg(who, last);
            };
            control(*adminB, candidatesB, idsB, u"B's admin"_s);
            control(*adminA, candidatesA, idsA, u"A's admin"_s);
        }

        // All ids B's; and with several ids, each one B's while the others are A's own.
        QList<QHash<QString, qint64>> variants { idsB };
        if (route.idSegments.size() > 1) {
            for (const QString &name : route.idSegments) {
                QHash<QString, qint64> mixed = idsA;
                mixed.insert(name, idsB.value(name));
                variants << mixed;
            }
        }
        bool routeOk = true;
        for (const QHash<QString, qint64> &ids : std::as_const(variants)) {
            QList<std::pair<const Entity *, qint64>> objectsB;
            for (const QString &name : route.idSegments) {
                if (ids.value(name) == idsB.value(name))
                    objectsB.append({ Entity::byName(name), ids.value(name) });
            }
            const Snapshot before = snapshot(db, accountA, accountB, objectsB, accountB);
            const QString path = route.fill(ids) + requiredQuery(route);
            const ApiReply reply = adminA->call(route.method, path, {});
            const QString problem = errorEnvelopeProblem(reply, 404, u"not_found"_s);
            if (!problem.isEmpty()) {
                failures << u"%1 %2 as A's admin (%3): %4"_s.arg(QString::fromLatin1(route.method), path, joinIds(ids), problem);
                routeOk = false;
            }
            if (reply.body.contains(u"data"_s)) {
                failures << u"%1 %2: a 404 with data: %3"_s.arg(QString::fromLatin1(route.method), path, QString::fromUtf8(reply.raw));
                routeOk = false;
            }
            const Snapshot after = snapshot(db, accountA, accountB, objectsB, accountB);
            if (!(before == after)) {
                failures << u"%1 %2 as A's admin changed something (feed A %3→%4, feed B %5→%6, objects %7)"_s
                                    .arg(QString::fromLatin1(route.method), path)
                                    .arg(before.seqA).arg(after.seqA).arg(before.seqB).arg(after.seqB)
                                    .arg(before.objects == after.objects ? u"same"_s : u"CHANGED"_s);
                routeOk = false;
            }
        }
        if (routeOk)
            ++covered;
    }
    qInfo() << "isolation:" << covered << "of" << withIds << "routes with ids hold";
    QVERIFY2(failures.isEmpty(), qPrintable(u"\n"_s + failures.join(u'\n')));
    QVERIFY2(covered >= withIds, qPrintable(u"only %1 of %2 routes with ids were covered"_s.arg(covered).arg(withIds)));
    QVERIFY(withIds > 0);
}

// lucas.moreau (A, two sites) and nora.eriksen (B, one site): no list shows a row of a site
// they cannot see, and every route with an id of an object on such a site is a 404 (or the
// 403 their role gets anyway).
void TestApiMatrix::siteLimits()
{
    GALLEY_SHARED_SERVER(server, db);
    QStringList failures;

    for (const bool accountB : { false, true }) {
        const DemoUser user = accountB ? nora() : lucas();
        const qint64 account = db.accountOf(user.email);
        auto admin = loggedIn(server, roleUser(Role::Admin, accountB));
        auto client = loggedIn(server, user);
        QVERIFY(admin && client);
        const QList<qint64> visible = db.visibleSites(user.email);
        QList<qint64> hidden;
        for (qint64 s : db.sitesOfAccount(account)) {
            if (!visible.contains(s))
                hidden << s;
        }
        QVERIFY2(!visible.isEmpty() && !hidden.isEmpty(), qPrintable(user.email + u" is not site-limited in the demo"_s));
        // Content on a visible and on a hidden site.
        for (const qint64 site : { visible.first(), hidden.first() }) {
            const QString made = ensureDocumentOn(*admin, db, account, site);
            QVERIFY2(made.isEmpty(), qPrintable(made));
        }

        // /me tells the same sites.
        const ApiReply me = client->get(u"/me"_s);
        QCOMPARE(me.status, 200);
        QSet<qint64> meSites, meSiteIds;
        for (const QJsonValue &v : me.object().value(u"sites"_s).toArray())
            meSites.insert(v.toObject().value(u"id"_s).toInteger());
        for (const QJsonValue &v : me.object().value(u"user"_s).toObject().value(u"site_ids"_s).toArray())
            meSiteIds.insert(v.toInteger());
        QCOMPARE(meSites, QSet<qint64>(visible.cbegin(), visible.cend()));
        QCOMPARE(meSiteIds, meSites);

        // Every list.
        int rowsChecked = 0;
        const auto checkRows = [&](const QString &what, const QJsonArray &rows, bool isSiteList) {
            for (const QJsonValue &v : rows) {
                ++rowsChecked;
                const std::optional<qint64> site = rowSite(v.toObject(), isSiteList, db);
                if (site && !visible.contains(*site))
                    failures << u"%1 sees a row of hidden site %2 in %3: %4"_s.arg(user.email).arg(*site).arg(what, compactJson(v));
            }
        };
        for (const RouteInfo &route : std::as_const(m_routes)) {
            if (route.method != "GET" || route.hasIds() || route.isAuth())
                continue;
            if (route.pattern == "/changes"_L1) {
                qint64 since = 0;
                for (int page = 0; page < 500; ++page) {
                    const QString path = u"/changes?since=%1&limit=200"_s.arg(since);
                    const ApiReply r = client->get(path);
                    if (r.status != 200) {
                        failures << user.email + u": "_s + describe("GET", path, r);
                        break;
                    }
                    for (const QJsonValue &v : r.object().value(u"changes"_s).toArray()) {
                        ++rowsChecked;
                        const QJsonObject c = v.toObject();
                        const QJsonObject data = c.value(u"data"_s).toObject();
                        QList<qint64> sites;
                        if (c.value(u"site_id"_s).isDouble())
                            sites << c.value(u"site_id"_s).toInteger();
                        if (data.value(u"site_id"_s).isDouble())
                            sites << data.value(u"site_id"_s).toInteger();
                        if (c.value(u"entity"_s).toString() == "site"_L1)
                            sites << c.value(u"id"_s).toInteger();
                        for (qint64 s : sites) {
                            if (!visible.contains(s))
                                failures << u"%1 gets a change of hidden site %2: %3"_s.arg(user.email).arg(s).arg(compactJson(c));
                        }
                    }
                    since = r.object().value(u"next"_s).toString().toLongLong();
                    if (!r.object().value(u"has_more"_s).toBool())
                        break;
                }
                continue;
            }
            if (route.paged()) {
                QString failure;
                const QJsonArray rows = fetchAll(*client, route.pattern, &failure);
                if (!failure.isEmpty())
                    failures << user.email + u": "_s + failure;
                checkRows(route.pattern, rows, route.pattern == "/sites"_L1);
            } else {
                const ApiReply r = client->get(route.pattern + requiredQuery(route));
                if (r.status != 200)
                    failures << user.email + u": "_s + describe("GET", route.pattern, r);
                else if (r.data().isArray())
                    checkRows(route.pattern, r.data().toArray(), route.pattern == "/sites"_L1);
            }
            // A filter naming a hidden site: empty or refused, never its rows.
            for (const char *name : { "site", "site_id" }) {
                if (!route.param(QString::fromLatin1(name)))
                    continue;
                const QString path = route.pattern + u"?%1=%2"_s.arg(QString::fromLatin1(name)).arg(hidden.first());
                const ApiReply r = client->get(path);
                if (r.status >= 500 || (r.status == 200 && !r.data().toArray().isEmpty()) || (r.status != 200 && r.status != 404))
                    failures << u"%1 filtering by hidden site: "_s.arg(user.email) + describe("GET", path, r);
            }
        }
        if (rowsChecked == 0)
            failures << user.email + u": no list returned any row, the check proved nothing"_s;

        // Every route with an id: an object on a hidden site does not exist for them.
        for (const RouteInfo &route : std::as_const(m_routes)) {
            if (route.idSegments.isEmpty())
                continue;
            QHash<QString, qint64> visibleIds;
            QStringList scoped;
            QStringList missing;
            for (const QString &name : route.idSegments) {
                const Entity *entity = Entity::byName(name);
                if (!entity)
                    continue;
                const QList<qint64> ids = db.ids(*entity, account, visible, false, 1);
                if (ids.isEmpty())
                    missing << u"no %1 on a visible site"_s.arg(name);
                else
                    visibleIds.insert(name, ids.first());
                if (!entity->siteExpression().isEmpty())
                    scoped << name;
            }
            if (scoped.isEmpty())
                continue;   // account-wide objects only (schemas): nothing a site limit hides
            for (const QString &name : std::as_const(scoped)) {
                const QList<qint64> hiddenIds = db.ids(*Entity::byName(name), account, visible, true, 1);
                if (hiddenIds.isEmpty()) {
                    failures << u"%1 not covered for %2: no %3 on a hidden site (seed one)"_s.arg(route.name(), user.email, name);
                    continue;
                }
                QHash<QString, qint64> ids = visibleIds;
                ids.insert(name, hiddenIds.first());
                if (ids.size() < route.idSegments.size()) {
                    failures << u"%1 not covered for %2: %3"_s.arg(route.name(), user.email, missing.join(u"; "_s));
                    continue;
                }
                const QString path = route.fill(ids) + requiredQuery(route);
                const qint64 seqBefore = db.lastSeq(account);
                const QByteArray objectBefore = db.load(*Entity::byName(name), account, hiddenIds.first());
                const ApiReply reply = client->call(route.method, path, {});
                const bool allowed = roleHas(user.role, route.permission);
                const QString problem = allowed ? errorEnvelopeProblem(reply, 404, u"not_found"_s)
                                                : errorEnvelopeProblem(reply, 403, u"forbidden"_s);
                if (!problem.isEmpty())
                    failures << u"%1 %2 as %3 (hidden %4): %5"_s.arg(QString::fromLatin1(route.method), path, user.email, name, problem);
                if (db.lastSeq(account) != seqBefore || db.load(*Entity::byName(name), account, hiddenIds.first()) != objectBefore)
                    failures << u"%1 %2 as %3 changed an object on a hidden site"_s.arg(QString::fromLatin1(route.method), path, user.email);
            }
        }
    }
    QVERIFY2(failures.isEmpty(), qPrintable(u"\n"_s + failures.join(u'\n')));
}

// Every route (writes above all) × every role, with an empty object body and A's own ids:
// without the permission exactly 403 forbidden; with it, the pipeline lets the request through
// (anything but 401/403, and never a 5xx).
void TestApiMatrix::permissionMatrix()
{
    GALLEY_SHARED_SERVER(server, db);
    const qint64 accountA = db.accountOf(roleUser(Role::Admin).email);
    QHash<Role, std::shared_ptr<ApiClient>> clients;
    for (const Role role : allRoles()) {
        auto c = loggedIn(server, roleUser(role));
        QVERIFY2(c, qPrintable(roleUser(role).email));
        clients.insert(role, std::shared_ptr<ApiClient>(std::move(c)));
    }
    const QString made = ensureDocumentOn(*clients.value(Role::Admin), db, accountA, db.sitesOfAccount(accountA).first());
    QVERIFY2(made.isEmpty(), qPrintable(made));

    QStringList failures;
    int writeRoutes = 0, writesCovered = 0, cells = 0;
    for (const RouteInfo &route : std::as_const(m_routes)) {
        if (route.permission == Permission::Public || route.isAuth())
            continue;
        if (route.isWrite())
            ++writeRoutes;
        QHash<QString, qint64> ids;
        bool complete = true;
        for (const QString &name : route.idSegments) {
            const Entity *entity = Entity::byName(name);
            const QList<qint64> found = entity ? db.ids(*entity, accountA, std::nullopt, false, 1) : QList<qint64> {};
            if (found.isEmpty()) {
                failures << u"%1 not covered: account A has no %2"_s.arg(route.name(), name);
                complete = false;
                break;
            }
            ids.insert(name, found.first());
        }
        if (!complete)
            continue;
        const QString path = route.fill(ids) + requiredQuery(route);
        // Roles without the permission first, so that the allowed ones' writes come after.
        QList<Role> roles;
        for (const Role role : allRoles()) {
            if (!roleHas(role, route.permission))
                roles << role;
        }
        for (const Role role : allRoles()) {
            if (roleHas(role, route.permission))
                roles << role;
        }
        for (const Role role : std::as_const(roles)) {
            ++cells;
            const ApiReply reply = clients.value(role)->call(route.method, path, {});
            const QString who = u"%1 %2 as %3"_s.arg(QString::fromLatin1(route.method), path, toWire(role));
            if (!roleHas(role, route.permission)) {
                if (const QString problem = errorEnvelopeProblem(reply, 403, u"forbidden"_s); !problem.isEmpty())
                    failures << who + u" (lacks "_s + toWire(route.permission) + u"): "_s + problem;
            } else if (reply.status == 401 || reply.status == 403 || reply.status >= 500 || reply.status == 0) {
                failures << who + u" (has "_s + toWire(route.permission) + u"): "_s + describe(route.method, path, reply);
            }
        }
        if (route.isWrite())
            ++writesCovered;
    }
    qInfo() << "permission matrix:" << cells << "cells," << writesCovered << "of" << writeRoutes << "write routes";
    QVERIFY2(failures.isEmpty(), qPrintable(u"\n"_s + failures.join(u'\n')));
    QCOMPARE(writesCovered, writeRoutes);
    QVERIFY(writeRoutes > 0);
}

// One example of every error the API produces, each a complete envelope.
void TestApiMatrix::errorEnvelopes()
{
    GALLEY_SHARED_SERVER(server, db);
    const qint64 accountA = db.accountOf(roleUser(Role::Admin).email);
    auto admin = loggedIn(server, roleUser(Role::Admin));
    auto viewer = loggedIn(server, roleUser(Role::Viewer));
    QVERIFY(admin && viewer);
    ApiClient anonymous(server.baseUrl());
    const QString made = ensureDocumentOn(*admin, db, accountA, db.sitesOfAccount(accountA).first());
    QVERIFY2(made.isEmpty(), qPrintable(made));
    QStringList failures;
    const auto expect = [&](const QString &what, const ApiReply &reply, int status, const QString &code) {
        if (const QString problem = errorEnvelopeProblem(reply, status, code); !problem.isEmpty())
            failures << what + u": "_s + problem;
    };
    const auto fieldOf = [](const ApiReply &r) { return r.body.value(u"errors"_s).toArray().first().toObject().value(u"field"_s).toString(); };

    // 400
    ApiReply r = admin->get(u"/sites?bogus=1"_s);
    expect(u"unknown query parameter"_s, r, 400, u"bad_request"_s);
    if (fieldOf(r) != "bogus"_L1)
        failures << u"unknown query parameter: field is '%1', not 'bogus'"_s.arg(fieldOf(r));
    r = admin->get(u"/sites?page=abc"_s);
    expect(u"wrong query type"_s, r, 400, u"bad_request"_s);
    if (fieldOf(r) != "page"_L1)
        failures << u"wrong query type: field is '%1', not 'page'"_s.arg(fieldOf(r));
    r = admin->get(u"/sites?page=1&page=2"_s);
    expect(u"repeated query parameter"_s, r, 400, u"bad_request"_s);
    r = admin->raw("POST", u"/schemas"_s, "{\"name\": ");
    expect(u"malformed JSON"_s, r, 400, u"bad_request"_s);
    r = admin->raw("POST", u"/schemas"_s, "[1, 2]");
    expect(u"JSON array body"_s, r, 400, u"bad_request"_s);

    // 401, with WWW-Authenticate
    r = anonymous.get(u"/sites"_s);
    expect(u"no token"_s, r, 401, u"unauthenticated"_s);
    if (!r.header("www-authenticate").startsWith("Bearer"))
        failures << u"401 without 'WWW-Authenticate: Bearer': '%1'"_s.arg(QString::fromLatin1(r.header("www-authenticate")));
    anonymous.setToken(u"not-a-token"_s);
    r = anonymous.get(u"/sites"_s);
    expect(u"unknown token"_s, r, 401, u"unauthenticated"_s);
    if (!r.header("www-authenticate").startsWith("Bearer"))
        failures << u"401 (unknown token) without WWW-Authenticate"_s;

    // 403: the viewer on every route its role lacks (the permission matrix covers the rest).
    r = viewer->call("POST", u"/documents"_s, {});
    expect(u"viewer POST /documents"_s, r, 403, u"forbidden"_s);
    r = viewer->call("POST", u"/schemas"_s, {});
    expect(u"viewer POST /schemas"_s, r, 403, u"forbidden"_s);

    // 404
    r = admin->get(u"/no-such-endpoint"_s);
    expect(u"unknown route"_s, r, 404, u"not_found"_s);
    r = admin->get(u"/api/v9/sites"_s);
    expect(u"unknown version"_s, r, 404, u"not_found"_s);
    for (const char *bad : { "abc", "0", "-1", "007", "1.0", "99999999999999999999", "%20" }) {
        for (const char *collection : { "documents", "editions", "schemas", "sites" }) {
            const QString path = u"/%1/%2"_s.arg(QString::fromLatin1(collection), QString::fromLatin1(bad));
            expect(u"bad id "_s + path, admin->get(path), 404, u"not_found"_s);
        }
    }
    expect(u"id that does not exist"_s, admin->get(u"/documents/987654321"_s), 404, u"not_found"_s);

    // 405 with Allow, for every path of the table and a method it does not declare.
    QHash<QString, QSet<QByteArray>> methods;
    for (const RouteInfo &route : std::as_const(m_routes))
        methods[route.pattern].insert(route.method);
    int checked405 = 0;
    for (auto it = methods.cbegin(); it != methods.cend(); ++it) {
        const RouteInfo *route = nullptr;
        for (const RouteInfo &rt : std::as_const(m_routes)) {
            if (rt.pattern == it.key())
                route = &rt;
        }
        QHash<QString, qint64> ids;
        for (const QString &name : route->idSegments)
            ids.insert(name, db.ids(*Entity::byName(name), accountA, std::nullopt, false, 1).value(0, 1));
        const QString path = route->fill(ids);
        for (const QByteArray &method : kMethods) {
            if (it.value().contains(method))
                continue;
            r = admin->call(method, path, {});
            expect(u"%1 %2"_s.arg(QString::fromLatin1(method), path), r, 405, u"method_not_allowed"_s);
            QSet<QByteArray> allowed;
            for (const QByteArray &m : r.header("allow").split(','))
                allowed.insert(m.trimmed());
            if (allowed != it.value())
                failures << u"%1 %2: Allow is '%3'"_s.arg(QString::fromLatin1(method), path, QString::fromLatin1(r.header("allow")));
            ++checked405;
            break;
        }
    }
    QVERIFY(checked405 > 0);

    // 409 update_collision, with the current copy: a schema and an edition edited twice from the
    // same lock_version.
    {
        const qint64 schema = db.ids(Entity::schema(), accountA, std::nullopt, false, 1).value(0);
        const QString path = u"/schemas/%1"_s.arg(schema);
        const QJsonObject current = admin->get(path).object();
        QJsonObject body { { u"name"_s, QString(current.value(u"name"_s).toString() + u" (renamed)"_s) },
                           { u"spec_doc"_s, current.value(u"spec_doc"_s) },
                           { u"lock_version"_s, current.value(u"lock_version"_s) } };
        r = admin->call("PUT", path, body);
        if (r.status != 200)
            failures << u"409 setup: "_s + describe("PUT", path, r);
        body.insert(u"name"_s, QString(current.value(u"name"_s).toString() + u" (stale)"_s));
        r = admin->call("PUT", path, body);
        expect(u"stale schema lock_version"_s, r, 409, u"update_collision"_s);
        const ApiReply now = admin->get(path);
        if (r.body.value(u"data"_s).toObject() != now.object())
            failures << u"409 (schema) data is not the current copy: "_s + QString::fromUtf8(r.raw);
        body.remove(u"lock_version"_s);
        r = admin->call("PUT", path, body, { { "If-Match", QByteArray("\"") + QByteArray::number(current.value(u"lock_version"_s).toInteger()) + '"' } });
        expect(u"stale schema If-Match"_s, r, 409, u"update_collision"_s);
    }
    {
        const qint64 edition = db.ids(Entity::edition(), accountA, std::nullopt, false, 1, u"e.state = 'draft'"_s).value(0);
        const QString path = u"/editions/%1"_s.arg(edition);
        const qint64 version = admin->get(path).object().value(u"lock_version"_s).toInteger();
        r = admin->call("PUT", path, { { u"lock_version"_s, version }, { u"title"_s, u"Edited once"_s } });
        if (r.status != 200)
            failures << u"409 setup: "_s + describe("PUT", path, r);
        r = admin->call("PUT", path, { { u"lock_version"_s, version }, { u"title"_s, u"Edited from a stale copy"_s } });
        expect(u"stale edition lock_version"_s, r, 409, u"update_collision"_s);
        if (r.body.value(u"data"_s).toObject() != admin->get(path).object())
            failures << u"409 (edition) data is not the current copy: "_s + QString::fromUtf8(r.raw);
    }

    // 410: a cursor beyond the feed's end.
    {
        const qint64 last = db.lastSeq(accountA);
        r = admin->get(u"/changes?since=%1"_s.arg(last + 1000));
        expect(u"cursor beyond the end"_s, r, 410, u"cursor_expired"_s);
    }

    // 413: a 2 MB body (raw: the server refuses it before reading it).
    {
        const QByteArray big = "{\"title\":\"" + QByteArray(2 * 1024 * 1024, 'x') + "\"}";
        const RawReply raw = rawHttp(server.baseUrl(), httpRequest("POST", "/api/v1/documents", admin->token(), big));
        expect(u"2 MB body"_s, raw.asApiReply(), 413, u"too_large"_s);
        // Through the client library as well (the request goes out whole).
        r = admin->raw("POST", u"/documents"_s, big);
        if (r.status != 413)
            failures << u"2 MB body through QNetworkAccessManager: status %1"_s.arg(r.status);
    }

    // 415
    r = admin->raw("POST", u"/documents"_s, "{}", { { "Content-Type", "text/plain" } });
    expect(u"text/plain body"_s, r, 415, u"unsupported_media_type"_s);

    // 422 with pointers.
    r = anonymous.call("POST", u"/auth/login"_s, {});
    expect(u"empty login"_s, r, 422, u"invalid"_s);
    r = admin->call("POST", u"/documents"_s, {});
    expect(u"empty document"_s, r, 422, {});
    {
        QSet<QString> fields;
        for (const QJsonValue &e : r.body.value(u"errors"_s).toArray())
            fields.insert(e.toObject().value(u"field"_s).toString());
        for (const char *f : { "/site_id", "/sector_id", "/schema_id", "/title", "/fields" }) {
            if (!fields.contains(QString::fromLatin1(f)))
                failures << u"POST /documents {}: no error entry for %1: %2"_s.arg(QString::fromLatin1(f), QString::fromUtf8(r.raw));
        }
    }
    r = admin->call("POST", u"/schemas"_s, { { u"name"_s, u"Broken"_s }, { u"spec_doc"_s, QJsonObject { { u"type"_s, 12 } } } });
    expect(u"invalid JSON Schema"_s, r, 422, {});
    if (!fieldOf(r).startsWith(u"/spec_doc"_s))
        failures << u"invalid JSON Schema: pointer '%1' does not lead into /spec_doc"_s.arg(fieldOf(r));

    QVERIFY2(failures.isEmpty(), qPrintable(u"\n"_s + failures.join(u'\n')));
}

// Every paged list: page_size above 200 is a 400 naming it; pages partition the list (sizes,
// totals, order); a page past the end is empty with the true total.
void TestApiMatrix::pagination()
{
    GALLEY_SHARED_SERVER(server, db);
    const qint64 accountA = db.accountOf(roleUser(Role::Admin).email);
    auto admin = loggedIn(server, roleUser(Role::Admin));
    QVERIFY(admin);
    const QString made = ensureDocumentOn(*admin, db, accountA, db.sitesOfAccount(accountA).first());
    QVERIFY2(made.isEmpty(), qPrintable(made));
    QStringList failures;
    int multiPage = 0, paged = 0;
    for (const RouteInfo &route : std::as_const(m_routes)) {
        if (route.method != "GET" || !route.paged())
            continue;
        ++paged;
        QHash<QString, qint64> ids;
        for (const QString &name : route.idSegments)
            ids.insert(name, db.ids(*Entity::byName(name), accountA, std::nullopt, false, 1).value(0, 1));
        const QString base = route.fill(ids);
        const QString sep = QString(base + requiredQuery(route)).contains(u'?') ? u"&"_s : u"?"_s;
        const QString prefix = base + requiredQuery(route) + sep;

        ApiReply r = admin->get(prefix + u"page_size=201"_s);
        if (const QString p = errorEnvelopeProblem(r, 400, u"bad_request"_s); !p.isEmpty())
            failures << base + u"?page_size=201: "_s + p;
        else if (r.body.value(u"errors"_s).toArray().first().toObject().value(u"field"_s).toString() != "page_size"_L1)
            failures << base + u"?page_size=201 does not name page_size: "_s + QString::fromUtf8(r.raw);
        for (const char *bad : { "page=0", "page_size=0", "page=-1", "page=x" }) {
            r = admin->get(prefix + QString::fromLatin1(bad));
            if (const QString p = errorEnvelopeProblem(r, 400, u"bad_request"_s); !p.isEmpty())
                failures << base + u'?' + QString::fromLatin1(bad) + u": "_s + p;
        }

        QString failure;
        const QJsonArray all = fetchAll(*admin, base + requiredQuery(route), &failure);
        if (!failure.isEmpty()) {
            failures << failure;
            continue;
        }
        const qint64 total = all.size();
        // About three pages, the last one short when the total allows.
        const qint64 size = std::clamp<qint64>((total + 2) / 3, 1, 200);
        const qint64 pages = (total + size - 1) / size;
        QJsonArray joined;
        for (qint64 page = 1; page <= pages + 1; ++page) {
            const QString path = prefix + u"page=%1&page_size=%2"_s.arg(page).arg(size);
            r = admin->get(path);
            const QJsonObject meta = r.body.value(u"meta"_s).toObject().value(u"pagination"_s).toObject();
            const qint64 expectedRows = page <= pages ? (page < pages ? size : total - (pages - 1) * size) : 0;
            if (r.status != 200 || meta.value(u"page"_s).toInteger() != page || meta.value(u"page_size"_s).toInteger() != size
                || meta.value(u"total"_s).toInteger() != total || meta.value(u"pages"_s).toInteger() != pages
                || r.data().toArray().size() != expectedRows) {
                failures << u"%1: expected %2 rows of %3 in %4 pages: %5"_s.arg(path).arg(expectedRows).arg(total).arg(pages)
                                    .arg(QString::fromUtf8(r.raw.left(400)));
                break;
            }
            for (const QJsonValue &v : r.data().toArray())
                joined.append(v);
        }
        if (joined != all)
            failures << base + u": pages of %1 do not add up to the whole list in the same order"_s.arg(size);
        if (pages >= 2)
            ++multiPage;
    }
    qInfo() << "pagination:" << paged << "paged lists," << multiPage << "with several pages";
    QVERIFY2(failures.isEmpty(), qPrintable(u"\n"_s + failures.join(u'\n')));
    QVERIFY(paged > 0);
    QVERIFY2(multiPage >= 3, "fewer than three lists had several pages: the paging checks proved little");
}

// A server limited to one write per second (bursts of 10): the 11th quick write is refused with
// 429, Retry-After and the envelope; reads go on.
void TestApiMatrix::rateLimited()
{
    GALLEY_FRESH_DATABASE(database);
    ServerProcess server;
    QVERIFY(server.start(database, true, { u"--write-rate"_s, u"1"_s }));
    auto writer = loggedIn(server, roleUser(Role::Writer));
    QVERIFY(writer);
    int limited = 0, firstLimited = -1;
    ApiReply refused;
    for (int i = 0; i < 30; ++i) {
        const ApiReply r = writer->call("POST", u"/documents"_s, {});
        if (r.status == 429) {
            ++limited;
            if (firstLimited < 0) {
                firstLimited = i;
                refused = r;
            }
        } else {
            QVERIFY2(r.status == 422, qPrintable(describe("POST", u"/documents"_s, r)));
        }
    }
    // The burst (10) always passes; after it, at most the tokens refilled meanwhile (1 a second).
    QVERIFY2(limited >= 5, qPrintable(u"only %1 of 30 quick writes were limited"_s.arg(limited)));
    QVERIFY2(firstLimited >= 10 && firstLimited <= 25, qPrintable(u"the first 429 came at write %1"_s.arg(firstLimited + 1)));
    const QString problem = errorEnvelopeProblem(refused, 429, u"rate_limited"_s);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    bool ok = false;
    const int retryAfter = refused.header("retry-after").toInt(&ok);
    QVERIFY2(ok && retryAfter >= 1 && retryAfter <= 60, refused.header("retry-after").constData());
    QCOMPARE(writer->get(u"/sites"_s).status, 200);
}

QTEST_GUILESS_MAIN(TestApiMatrix)
#include "tst_apimatrix.moc"
