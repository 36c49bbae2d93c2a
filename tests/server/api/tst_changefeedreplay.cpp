// The change feed as a client uses it, against the real galley-server on each backend: several
// users of account A (writers, the site-limited lucas.moreau, an editor, the schema designer)
// make a deterministic random sequence of 1,000 writes and deletes through the API; then, for
// admin A, lucas and admin B, GET /changes replayed from 0 page by page into a map (entity, id)
// → object must equal what the same user sees through the lists and gets now, object for object.
// Sequence numbers are strictly increasing and gap-free for the admin, lucas never receives an
// entry of a site he cannot see. Then ChangeFeed::compact (run directly on the test database
// while the server runs) compacts most of the feed: below the horizon only the latest entry of
// each object is left and no delete, a pull from 0 in small pages (through snapshot cursors)
// reproduces exactly the same objects (an object edited several times in its latest state, a
// deleted schema absent), a cursor inside the compacted range is 410 cursor_expired, one at the
// horizon reads the rest as before, and a snapshot interrupted by another compaction is 410.
#include "apitestkit.h"

#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QSet>

using namespace Qt::StringLiterals;
using namespace Galley;
using namespace Galley::Testing;
using Galley::Server::Entity;

namespace {

constexpr int kWrites = 1000;
constexpr quint32 kSeed = 20261122;

using Key = std::pair<QString, qint64>;   // (entity, id)

struct Draft
{
    qint64 edition = 0;
    qint64 lockVersion = 0;
    qint64 site = 0;
};

struct OwnSchema
{
    qint64 id = 0;
    qint64 lockVersion = 0;
};

struct Writer
{
    DemoUser user;
    std::shared_ptr<ApiClient> client;
    QList<qint64> sites;   // visible
};

QJsonObject specDoc(int n)
{
    return QJsonObject { { u"$schema"_s, u"http://json-schema.org/draft-07/schema#"_s },
                         { u"type"_s, u"object"_s },
                         { u"properties"_s, QJsonObject { { u"n"_s, QJsonObject { { u"type"_s, u"integer"_s }, { u"maximum"_s, n } } } } } };
}

struct Reader
{
    DemoUser user;
    bool gapFree;
};

// What a user's replay produced.
struct Replay
{
    QHash<Key, QJsonObject> objects;
    QStringList problems;
    qint64 entries = 0;
    qint64 lastSeq = 0;
};

} // namespace

class TestChangeFeedReplay : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void replay_data() { ServerDatabase::addBackendRows(); }
    void replay();
    void compactFeedCommand_data() { ServerDatabase::addBackendRows(); }
    void compactFeedCommand();

private:
    static Replay replayFeed(ApiClient &client, bool gapFree, const std::optional<QList<qint64>> &visibleSites, TestStore &db,
                             int limit = 200);
    static QStringList compare(ApiClient &client, const Replay &replay, const QString &who);

    QList<RouteInfo> m_routes;
};

void TestChangeFeedReplay::initTestCase()
{
    QString error;
    m_routes = v1Routes(&error);
    QVERIFY2(!m_routes.isEmpty(), qPrintable(error));
}

Replay TestChangeFeedReplay::replayFeed(ApiClient &client, bool gapFree, const std::optional<QList<qint64>> &visibleSites,
                                        TestStore &db, int limit)
{
    Replay r;
    qint64 since = 0;
    qint64 previous = 0;
    for (int page = 0; page < 20000; ++page) {
        const QString path = u"/changes?since=%1&limit=%2"_s.arg(since).arg(limit);
        const ApiReply reply = client.get(path);
        if (reply.status != 200) {
            r.problems << describe("GET", path, reply);
            return r;
        }
        const QJsonObject data = reply.object();
        const QJsonArray changes = data.value(u"changes"_s).toArray();
        if (changes.size() > limit)
            r.problems << u"%1: %2 entries, more than the limit"_s.arg(path).arg(changes.size());
        for (const QJsonValue &v : changes) {
            const QJsonObject c = v.toObject();
            const qint64 seq = c.value(u"seq"_s).toInteger();
            ++r.entries;
            if (seq <= previous)
                r.problems << u"seq %1 after %2: not strictly increasing"_s.arg(seq).arg(previous);
            else if (gapFree && seq != previous + 1)
                r.problems << u"seq %1 after %2: a gap in the admin's feed"_s.arg(seq).arg(previous);
            previous = seq;
            const QString entity = c.value(u"entity"_s).toString();
            const qint64 id = c.value(u"id"_s).toInteger();
            const QString op = c.value(u"op"_s).toString();
            const QJsonObject object = c.value(u"data"_s).toObject();
            if (visibleSites) {
                QList<qint64> sites;
                for (const QJsonValue &s : { c.value(u"site_id"_s), object.value(u"site_id"_s) }) {
                    if (s.isDouble())
                        sites << s.toInteger();
                }
                if (entity == "site"_L1)
                    sites << id;
                if (object.value(u"document_id"_s).isDouble())
                    sites << db.siteOf(Entity::document(), object.value(u"document_id"_s).toInteger()).value_or(0);
                for (qint64 s : sites) {
                    if (s > 0 && !visibleSites->contains(s))
                        r.problems << u"entry of hidden site %1: %2"_s.arg(s).arg(compactJson(c));
                }
            }
            if (op == "upsert"_L1) {
                if (object.value(u"id"_s).toInteger() != id)
                    r.problems << u"upsert whose data is not the object %1 %2: %3"_s.arg(entity).arg(id).arg(compactJson(c));
                r.objects.insert({ entity, id }, object);
            } else if (op == "delete"_L1) {
                r.objects.remove({ entity, id });
            } else {
                r.problems << u"unknown op: "_s + compactJson(c);
            }
        }
        // A negative next is a position inside the compacted part of the feed (a snapshot).
        const qint64 next = data.value(u"next"_s).toString().toLongLong();
        const bool more = data.value(u"has_more"_s).toBool();
        bool lastOk = false;
        const qint64 last = data.value(u"last"_s).toString().toLongLong(&lastOk);
        if (!lastOk || last < previous)
            r.problems << u"%1: 'last' %2 is not the feed's newest seq"_s.arg(path, data.value(u"last"_s).toString());
        if (more && (changes.isEmpty() || (next >= 0 && next != changes.last().toObject().value(u"seq"_s).toInteger())))
            r.problems << u"%1: has_more with next %2 that is not the page's last seq"_s.arg(path).arg(next);
        if (next >= 0 && since >= 0 && next < since)
            r.problems << u"%1: next %2 went backwards"_s.arg(path).arg(next);
        if (!more && next != last)
            r.problems << u"%1: the last page's next %2 is not 'last' %3"_s.arg(path).arg(next).arg(last);
        since = next;
        if (!more) {
            r.lastSeq = next;
            return r;
        }
    }
    r.problems << u"more than 20000 pages"_s;
    return r;
}

// The same user's view through the read endpoints, entity by entity, against the replay.
QStringList TestChangeFeedReplay::compare(ApiClient &client, const Replay &replay, const QString &who)
{
    QStringList problems;
    QHash<Key, QJsonObject> api;
    QSet<QString> compared;
    const auto take = [&](const QString &entity, const QJsonArray &rows) {
        compared.insert(entity);
        for (const QJsonValue &v : rows)
            api.insert({ entity, v.toObject().value(u"id"_s).toInteger() }, v.toObject());
    };
    const auto list = [&](const QString &entity, const QString &path) {
        QString failure;
        const QJsonArray rows = fetchAll(client, path, &failure, 200);
        if (!failure.isEmpty())
            problems << who + u": "_s + failure;
        take(entity, rows);
        return rows;
    };
    const QJsonArray sites = list(u"site"_s, u"/sites"_s);
    for (const QJsonValue &s : sites)
        list(u"sector"_s, u"/sites/%1/sectors"_s.arg(s.toObject().value(u"id"_s).toInteger()));
    list(u"schema"_s, u"/schemas"_s);
    list(u"user"_s, u"/users"_s);
    list(u"destination"_s, u"/publisher/destinations"_s);
    list(u"publishing_record"_s, u"/publisher/publishing-records"_s);
    list(u"deployment"_s, u"/publisher/deployments"_s);
    const QJsonArray documents = list(u"document"_s, u"/documents"_s);
    for (const char *e : { "edition", "audit_entry", "remark", "unpublishing" })
        compared.insert(QString::fromLatin1(e));
    int remarkLists = 0;
    for (const QJsonValue &d : documents) {
        const qint64 id = d.toObject().value(u"id"_s).toInteger();
        const QString path = u"/documents/%1/history"_s.arg(id);
        const ApiReply history = client.get(path);
        if (history.status != 200) {
            problems << who + u": "_s + describe("GET", path, history);
            continue;
        }
        const QJsonObject h = history.object();
        take(u"edition"_s, h.value(u"editions"_s).toArray());
        take(u"audit_entry"_s, h.value(u"audit"_s).toArray());
        take(u"remark"_s, h.value(u"remarks"_s).toArray());
        take(u"unpublishing"_s, h.value(u"unpublishings"_s).toArray());
        // The remarks of an edition through their own list, for the editions that have some
        // (a sample: enough to prove both agree).
        if (remarkLists < 60 && !h.value(u"remarks"_s).toArray().isEmpty()) {
            const qint64 edition = h.value(u"remarks"_s).toArray().last().toObject().value(u"edition_id"_s).toInteger();
            QString failure;
            const QJsonArray remarks = fetchAll(client, u"/editions/%1/remarks"_s.arg(edition), &failure);
            if (!failure.isEmpty())
                problems << who + u": "_s + failure;
            for (const QJsonValue &r : remarks) {
                const QJsonObject fromHistory = api.value({ u"remark"_s, r.toObject().value(u"id"_s).toInteger() });
                if (fromHistory != r.toObject())
                    problems << u"%1: remark %2 differs between its edition's list and the history"_s.arg(who).arg(compactJson(r));
            }
            ++remarkLists;
        }
    }
    // The latest link check of every edition that has one in the feed.
    QHash<qint64, QJsonObject> latestCheck;
    for (auto it = replay.objects.cbegin(); it != replay.objects.cend(); ++it) {
        if (it.key().first != "link_check"_L1)
            continue;
        const qint64 edition = it.value().value(u"edition_id"_s).toInteger();
        if (!latestCheck.contains(edition) || latestCheck.value(edition).value(u"id"_s).toInteger() < it.key().second)
            latestCheck.insert(edition, it.value());
    }
    int checks = 0;
    for (auto it = latestCheck.cbegin(); it != latestCheck.cend() && checks < 80; ++it, ++checks) {
        const QString path = u"/editions/%1/link-check"_s.arg(it.key());
        const ApiReply r = client.get(path);
        if (r.status != 200 || r.object() != it.value())
            problems << u"%1: %2 is not the feed's latest link check %3: %4"_s.arg(who, path, compactJson(it.value()),
                                                                                    QString::fromUtf8(r.raw.left(300)));
    }

    // Entity by entity: the same ids, the same objects.
    QHash<QString, int> counted;
    QHash<QString, QStringList> differences;
    for (auto it = replay.objects.cbegin(); it != replay.objects.cend(); ++it) {
        const QString &entity = it.key().first;
        ++counted[entity];
        if (!compared.contains(entity))
            continue;
        if (!api.contains(it.key()))
            differences[entity] << u"%1 %2 is in the feed but not in the API: %3"_s.arg(entity).arg(it.key().second).arg(compactJson(it.value()));
        else if (api.value(it.key()) != it.value())
            differences[entity] << u"%1 %2 differs:\n      feed: %3\n      api:  %4"_s.arg(entity).arg(it.key().second)
                                           .arg(compactJson(it.value()), compactJson(api.value(it.key())));
    }
    for (auto it = api.cbegin(); it != api.cend(); ++it) {
        if (!replay.objects.contains(it.key()))
            differences[it.key().first] << u"%1 %2 is in the API but not in the feed: %3"_s.arg(it.key().first).arg(it.key().second)
                                                   .arg(compactJson(it.value()));
    }
    for (auto it = differences.cbegin(); it != differences.cend(); ++it) {
        problems << u"%1: %2 differences for %3, e.g.:"_s.arg(who).arg(it.value().size()).arg(it.key());
        for (const QString &d : it.value().mid(0, 4))
            problems << u"    "_s + d;
    }
    QStringList summary;
    for (auto it = counted.cbegin(); it != counted.cend(); ++it)
        summary << u"%1 %2%3"_s.arg(it.key()).arg(it.value())
                           .arg(compared.contains(it.key()) ? QString()
                                : it.key() == "link_check"_L1 ? u" (the latest of each edition compared)"_s
                                                               : u" (not compared)"_s);
    summary.sort();
    qInfo().noquote() << who << "replayed:" << summary.join(u", "_s);
    for (const QString &entity : { u"site"_s, u"schema"_s, u"document"_s, u"edition"_s, u"remark"_s }) {
        if (!counted.contains(entity))
            problems << u"%1: the feed has no %2 at all"_s.arg(who, entity);
    }
    return problems;
}

void TestChangeFeedReplay::replay()
{
    GALLEY_START_SERVER(database, server, QStringList {});
    TestStore db;
    QVERIFY2(db.open(database), qPrintable(db.error()));
    const qint64 accountA = db.accountOf(roleUser(Role::Admin).email);
    const qint64 accountB = db.accountOf(roleUser(Role::Admin, true).email);

    // The writers of account A.
    QList<Writer> writers;
    for (const DemoUser &user : { roleUser(Role::Writer), amara(), lucas(), roleUser(Role::Editor), roleUser(Role::SchemaDesigner) }) {
        auto client = loggedIn(server, user);
        QVERIFY2(client, qPrintable(user.email));
        writers.append(Writer { user, std::move(client), db.visibleSites(user.email) });
    }
    const int designer = int(writers.size()) - 1;
    const int lucasIndex = 2;
    QVERIFY(writers.at(lucasIndex).sites.size() < db.sitesOfAccount(accountA).size());
    const qint64 schema = db.scalar(u"SELECT id FROM content_schemas WHERE account_id = ? AND auth_policy = 'writer' ORDER BY id LIMIT 1"_s,
                                    { accountA });
    QVERIFY(schema > 0);
    QHash<qint64, QList<qint64>> sectors;
    for (qint64 site : db.sitesOfAccount(accountA)) {
        for (const QVariant &v : db.column(u"SELECT id FROM sectors WHERE site_id = ? ORDER BY id"_s, { site }))
            sectors[site] << v.toLongLong();
    }
    // The drafts there are (seeded), with their lock versions.
    QList<Draft> drafts;
    {
        QSqlDatabase d = db.db();
        QSqlQuery q(d);
        q.prepare(u"SELECT e.id, e.lock_version, dd.site_id FROM editions e JOIN documents dd ON dd.id = e.document_id "
                  "WHERE e.account_id = ? AND e.state = 'draft' ORDER BY e.id"_s);
        q.addBindValue(accountA);
        QVERIFY(q.exec());
        while (q.next())
            drafts.append(Draft { q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toLongLong() });
    }
    const bool transitions = std::any_of(m_routes.cbegin(), m_routes.cend(), [](const RouteInfo &r) {
        return r.method == "POST" && r.pattern == "/editions/{edition}/transitions"_L1;
    });

    // 1,000 writes.
    QRandomGenerator rng(kSeed);
    QList<OwnSchema> ownSchemas;
    QStringList failures;
    QHash<QString, int> done;
    int schemaNames = 0;
    QElapsedTimer timer;
    timer.start();
    const auto expect = [&](const QString &op, const QByteArray &method, const QString &path, const ApiReply &reply, int status) {
        if (reply.status == status) {
            ++done[op];
            return true;
        }
        if (failures.size() < 30)
            failures << op + u": "_s + describe(method, path, reply);
        return false;
    };
    for (int i = 0; i < kWrites; ++i) {
        const int roll = int(rng.bounded(100));
        if (roll < 18) {
            // Schemas, by the designer: create (8 %), update (6 %), delete (4 %) their own.
            ApiClient &c = *writers[designer].client;
            if (roll < 8 || (roll < 14 && ownSchemas.isEmpty()) || ownSchemas.size() < 2) {
                const QJsonObject body { { u"name"_s, u"Replay schema %1"_s.arg(++schemaNames) }, { u"spec_doc"_s, specDoc(i) } };
                const ApiReply r = c.call("POST", u"/schemas"_s, body);
                if (expect(u"schema create"_s, "POST", u"/schemas"_s, r, 201))
                    ownSchemas.append(OwnSchema { r.object().value(u"id"_s).toInteger(), r.object().value(u"lock_version"_s).toInteger() });
            } else if (roll < 14) {
                OwnSchema &s = ownSchemas[int(rng.bounded(int(ownSchemas.size())))];
                const QString path = u"/schemas/%1"_s.arg(s.id);
                const QJsonObject body { { u"name"_s, u"Replay schema %1"_s.arg(++schemaNames) }, { u"spec_doc"_s, specDoc(i) },
                                         { u"lock_version"_s, s.lockVersion }, { u"description"_s, u"Edit %1"_s.arg(i) } };
                const ApiReply r = c.call("PUT", path, body);
                if (expect(u"schema update"_s, "PUT", path, r, 200))
                    s.lockVersion = r.object().value(u"lock_version"_s).toInteger();
            } else {
                const qsizetype index = qsizetype(rng.bounded(int(ownSchemas.size())));
                const QString path = u"/schemas/%1"_s.arg(ownSchemas.at(index).id);
                const ApiReply r = c.call("DELETE", path);
                if (expect(u"schema delete"_s, "DELETE", path, r, 200))
                    ownSchemas.removeAt(index);
            }
            continue;
        }
        Writer &w = writers[int(rng.bounded(int(writers.size())))];
        QList<qsizetype> mine;
        for (qsizetype d = 0; d < drafts.size(); ++d) {
            if (w.sites.contains(drafts.at(d).site))
                mine << d;
        }
        if (roll < 40 || mine.isEmpty()) {
            // A new document on one of the writer's sites.
            const qint64 site = w.sites.at(int(rng.bounded(int(w.sites.size()))));
            const QList<qint64> &siteSectors = sectors.value(site);
            const QJsonObject body { { u"site_id"_s, site },
                                     { u"sector_id"_s, siteSectors.at(int(rng.bounded(int(siteSectors.size())))) },
                                     { u"schema_id"_s, schema },
                                     { u"title"_s, u"Replay document %1 by %2"_s.arg(i).arg(w.user.email) },
                                     { u"fields"_s, QJsonObject { { u"n"_s, i } } } };
            const ApiReply r = w.client->call("POST", u"/documents"_s, body);
            if (expect(u"document create"_s, "POST", u"/documents"_s, r, 201)) {
                const QJsonObject edition = r.object().value(u"editions"_s).toArray().first().toObject();
                drafts.append(Draft { edition.value(u"id"_s).toInteger(), edition.value(u"lock_version"_s).toInteger(), site });
            }
        } else if (roll < 75) {
            Draft &d = drafts[mine.at(int(rng.bounded(int(mine.size()))))];
            const QString path = u"/editions/%1"_s.arg(d.edition);
            QJsonObject body { { u"lock_version"_s, d.lockVersion }, { u"title"_s, u"Edit %1 by %2"_s.arg(i).arg(w.user.email) } };
            if (rng.bounded(2) == 0)
                body.insert(u"fields"_s, QJsonObject { { u"n"_s, i }, { u"note"_s, u"edited"_s } });
            const ApiReply r = w.client->call("PUT", path, body);
            if (expect(u"edition edit"_s, "PUT", path, r, 200))
                d.lockVersion = r.object().value(u"lock_version"_s).toInteger();
        } else if (roll < 92 || !transitions) {
            const Draft &d = drafts.at(mine.at(int(rng.bounded(int(mine.size())))));
            const QString path = u"/editions/%1/remarks"_s.arg(d.edition);
            const ApiReply r = w.client->call("POST", path, { { u"body"_s, u"Remark %1 by %2"_s.arg(i).arg(w.user.email) } });
            expect(u"remark"_s, "POST", path, r, 201);
        } else {
            // Delete a draft (workflow.md: writer+).
            const qsizetype index = mine.at(int(rng.bounded(int(mine.size()))));
            const QString path = u"/editions/%1/transitions"_s.arg(drafts.at(index).edition);
            const ApiReply r = w.client->call("POST", path, { { u"event"_s, u"delete"_s }, { u"lock_version"_s, drafts.at(index).lockVersion } });
            if (expect(u"draft delete"_s, "POST", path, r, 200))
                drafts.removeAt(index);
        }
    }
    const qint64 writeMs = timer.elapsed();
    QStringList counts;
    for (auto it = done.cbegin(); it != done.cend(); ++it)
        counts << u"%1 %2"_s.arg(it.key()).arg(it.value());
    counts.sort();
    qInfo().noquote() << kWrites << "writes in" << writeMs << "ms:" << counts.join(u", "_s);
    QVERIFY2(failures.isEmpty(), qPrintable(u"writes failed:\n"_s + failures.join(u'\n')));

    // Replays.
    QHash<QString, Replay> replays;   // by e-mail
    for (const Reader &reader : { Reader { roleUser(Role::Admin), true }, Reader { lucas(), false }, Reader { roleUser(Role::Admin, true), true } }) {
        auto client = loggedIn(server, reader.user);
        QVERIFY(client);
        const qint64 account = db.accountOf(reader.user.email);
        const QList<qint64> visible = db.visibleSites(reader.user.email);
        const bool limited = visible.size() < db.sitesOfAccount(account).size();
        QElapsedTimer t;
        t.start();
        const Replay r = replayFeed(*client, reader.gapFree, limited ? std::optional<QList<qint64>>(visible) : std::nullopt, db);
        QStringList problems = r.problems;
        if (reader.gapFree && r.lastSeq != db.lastSeq(account))
            problems << u"the replay ended at %1, the feed is at %2"_s.arg(r.lastSeq).arg(db.lastSeq(account));
        problems += compare(*client, r, reader.user.email);
        qInfo().noquote() << reader.user.email << ":" << r.entries << "entries replayed and compared in" << t.elapsed() << "ms";
        QVERIFY2(problems.isEmpty(), qPrintable(reader.user.email + u":\n"_s + problems.mid(0, 60).join(u'\n')));
        replays.insert(reader.user.email, r);
    }

    // Compaction of all but the last 60 entries of account A.
    QSqlDatabase d = db.db();
    const qint64 last = db.lastSeq(accountA);
    const qint64 horizon = last - 60;
    const QString rewrittenSql = u"SELECT COUNT(*) FROM changes c WHERE c.account_id = ? AND c.seq <= ? AND EXISTS "
                                 "(SELECT 1 FROM changes l WHERE l.account_id = c.account_id AND l.entity = c.entity "
                                 "AND l.entity_id = c.entity_id AND l.seq > c.seq)"_s;
    const QString deletesSql = u"SELECT COUNT(*) FROM changes WHERE account_id = ? AND seq <= ? AND op = 'delete'"_s;
    const qint64 superseded = db.scalar(rewrittenSql, { accountA, horizon });
    const qint64 deletes = db.scalar(deletesSql, { accountA, horizon });
    // (Not the sum: on SQLite a deleted schema's id is handed out again when it was the newest.)
    const qint64 doomed = db.scalar(QString(rewrittenSql).replace(u" AND EXISTS"_s, u" AND (c.op = 'delete' OR EXISTS"_s) + u')',
                                    { accountA, horizon });
    const qint64 tail = db.scalar(u"SELECT COUNT(*) FROM changes WHERE account_id = ? AND seq > ?"_s, { accountA, horizon });
    // An edition edited at least three times and a deleted schema, both below the horizon.
    const qint64 edited = db.scalar(u"SELECT entity_id FROM changes WHERE account_id = ? AND entity = 'edition' GROUP BY entity_id "
                                    "HAVING COUNT(*) >= 3 AND MAX(seq) <= ? ORDER BY entity_id LIMIT 1"_s,
                                    { accountA, horizon });
    const qint64 deletedSchema = db.scalar(u"SELECT c.entity_id FROM changes c WHERE c.account_id = ? AND c.seq <= ? "
                                           "AND c.entity = 'schema' AND c.op = 'delete' AND NOT EXISTS (SELECT 1 FROM changes l "
                                           "WHERE l.account_id = c.account_id AND l.entity = c.entity AND l.entity_id = c.entity_id "
                                           "AND l.seq > c.seq) ORDER BY c.seq LIMIT 1"_s,
                                           { accountA, horizon });
    QVERIFY2(superseded > 0 && deletes > 0 && edited > 0 && deletedSchema > 0,
             qPrintable(u"the writes left nothing to compact: %1 superseded, %2 deletes, edition %3, schema %4"_s
                                .arg(superseded).arg(deletes).arg(edited).arg(deletedSchema)));
    const auto compacted = Server::ChangeFeed::compact(d, accountA, horizon);
    QVERIFY2(compacted, qPrintable(compacted ? QString() : compacted.error().message));
    QCOMPARE(compacted->horizon, horizon);
    QCOMPARE(compacted->removed, doomed);
    QCOMPARE(db.scalar(rewrittenSql, { accountA, horizon }), 0);
    QCOMPARE(db.scalar(deletesSql, { accountA, horizon }), 0);
    QCOMPARE(db.scalar(u"SELECT COUNT(*) FROM changes WHERE account_id = ? AND seq > ?"_s, { accountA, horizon }), tail);
    qInfo().noquote() << u"compacted account A up to %1 of %2: %3 entries removed, %4 kept"_s.arg(horizon).arg(last)
                                 .arg(compacted->removed).arg(compacted->kept);

    // From 0 in pages of 50 (snapshot cursors below the horizon): the same objects as before.
    const Reader readerA { roleUser(Role::Admin), true };
    const Reader readerLucas { lucas(), false };
    for (const Reader &reader : { readerA, readerLucas }) {
        auto client = loggedIn(server, reader.user);
        QVERIFY(client);
        const QList<qint64> visible = db.visibleSites(reader.user.email);
        const bool limited = visible.size() < db.sitesOfAccount(accountA).size();
        const Replay r = replayFeed(*client, false, limited ? std::optional<QList<qint64>>(visible) : std::nullopt, db, 50);
        QStringList problems = r.problems;
        if (r.lastSeq != last)
            problems << u"the replay ended at %1, the feed is at %2"_s.arg(r.lastSeq).arg(last);
        if (r.objects != replays.value(reader.user.email).objects)
            problems << u"the compacted feed gives other objects than the whole one did"_s;
        problems += compare(*client, r, reader.user.email + u" (compacted)"_s);
        QVERIFY2(problems.isEmpty(), qPrintable(reader.user.email + u" after compaction:\n"_s + problems.mid(0, 60).join(u'\n')));
        if (!limited) {
            QVERIFY(r.entries < replays.value(reader.user.email).entries);
            const Key key { u"edition"_s, edited };
            QVERIFY(r.objects.contains(key));
            QCOMPARE(r.objects.value(key), client->get(u"/editions/%1"_s.arg(edited)).object());
            QVERIFY(!r.objects.contains({ u"schema"_s, deletedSchema }));
            QCOMPARE(client->get(u"/schemas/%1"_s.arg(deletedSchema)).status, 404);
        }
    }

    auto admin = loggedIn(server, roleUser(Role::Admin));
    QVERIFY(admin);
    // Inside the compacted range: 410; at the horizon: the rest, as it was.
    for (const qint64 since : { qint64(1), horizon / 2, horizon - 1 }) {
        const ApiReply r = admin->get(u"/changes?since=%1"_s.arg(since));
        const QString problem = errorEnvelopeProblem(r, 410, u"cursor_expired"_s);
        QVERIFY2(problem.isEmpty(), qPrintable(u"since=%1 below horizon %2: "_s.arg(since).arg(horizon) + problem));
    }
    ApiReply r = admin->get(u"/changes?since=%1&limit=1000"_s.arg(horizon));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.object().value(u"changes"_s).toArray().size(), tail);
    QCOMPARE(r.object().value(u"changes"_s).toArray().first().toObject().value(u"seq"_s).toInteger(), horizon + 1);
    QCOMPARE(r.object().value(u"next"_s).toString(), QString::number(last));
    QCOMPARE(r.object().value(u"last"_s).toString(), QString::number(last));
    QCOMPARE(admin->get(u"/changes?since=%1"_s.arg(last)).status, 200);

    // A snapshot cursor outlives nothing but the horizon it was made under.
    r = admin->get(u"/changes?since=0&limit=10"_s);
    QCOMPARE(r.status, 200);
    const QString snapshot = r.object().value(u"next"_s).toString();
    QVERIFY2(snapshot.toLongLong() < 0, qPrintable(snapshot));
    QCOMPARE(admin->get(u"/changes?since=%1&limit=10"_s.arg(snapshot)).status, 200);
    const auto again = Server::ChangeFeed::compact(d, accountA, last - 10);
    QVERIFY(again.ok());
    r = admin->get(u"/changes?since=%1&limit=10"_s.arg(snapshot));
    QVERIFY2(errorEnvelopeProblem(r, 410, u"cursor_expired"_s).isEmpty(), qPrintable(errorEnvelopeProblem(r, 410, u"cursor_expired"_s)));
    const Replay full = replayFeed(*admin, false, std::nullopt, db, 100);
    QVERIFY2(full.problems.isEmpty(), qPrintable(full.problems.join(u'\n')));
    QVERIFY(full.objects == replays.value(roleUser(Role::Admin).email).objects);

    // The other account's feed is untouched by A's compaction.
    auto adminB = loggedIn(server, roleUser(Role::Admin, true));
    QVERIFY(adminB);
    r = adminB->get(u"/changes?since=1&limit=1"_s);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.object().value(u"changes"_s).toArray().first().toObject().value(u"seq"_s).toInteger(), 2);
    Q_UNUSED(accountB);
}

namespace {

struct Command
{
    int exitCode = -1;
    QString output;
};

// galley-server with a command, to its end.
Command runServerCommand(const QStringList &arguments)
{
    QProcess p;
    p.start(ServerProcess::binary(), arguments);
    Command c;
    if (!p.waitForFinished(120000)) {
        p.kill();
        p.waitForFinished(5000);
        return c;
    }
    c.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    c.output = QString::fromUtf8(p.readAllStandardOutput() + p.readAllStandardError());
    return c;
}

} // namespace

// `galley-server compact-feed` while a server runs on the database: by the retention rule
// (nothing is 30 days old yet) it leaves the feed alone, with --keep-after-seq it compacts every
// account and says so, and a pull from 0 still gives what the API shows; bad arguments exit
// non-zero. A server started on a feed whose entries are older than --feed-retention-days
// compacts them at start.
void TestChangeFeedReplay::compactFeedCommand()
{
    GALLEY_START_SERVER(database, server, QStringList {});
    TestStore db;
    QVERIFY2(db.open(database), qPrintable(db.error()));
    const qint64 accountA = db.accountOf(roleUser(Role::Admin).email);
    const qint64 accountB = db.accountOf(roleUser(Role::Admin, true).email);
    auto designer = loggedIn(server, roleUser(Role::SchemaDesigner));
    auto admin = loggedIn(server, roleUser(Role::Admin));
    QVERIFY(designer && admin);
    // Something to compact: a schema written three times, another created and deleted.
    ApiReply r = designer->call("POST", u"/schemas"_s, { { u"name"_s, u"Compacted"_s }, { u"spec_doc"_s, specDoc(1) } });
    QCOMPARE(r.status, 201);
    const qint64 kept = r.object().value(u"id"_s).toInteger();
    for (qint64 version = 1; version <= 2; ++version) {
        r = designer->call("PUT", u"/schemas/%1"_s.arg(kept),
                           { { u"name"_s, u"Compacted"_s }, { u"spec_doc"_s, specDoc(int(version) + 1) }, { u"lock_version"_s, version } });
        QCOMPARE(r.status, 200);
    }
    r = designer->call("POST", u"/schemas"_s, { { u"name"_s, u"Short-lived"_s }, { u"spec_doc"_s, specDoc(1) } });
    QCOMPARE(r.status, 201);
    const qint64 gone = r.object().value(u"id"_s).toInteger();
    QCOMPARE(designer->call("DELETE", u"/schemas/%1"_s.arg(gone)).status, 200);
    const qint64 lastA = db.lastSeq(accountA);
    const qint64 lastB = db.lastSeq(accountB);
    const QString databaseArg = databaseArgument(database);

    Command c = runServerCommand({ u"compact-feed"_s, u"--database"_s, databaseArg });
    QVERIFY2(c.exitCode == 0, qPrintable(c.output));
    QVERIFY2(c.output.contains(u"account %1: change feed compacted up to seq 0 (before: 0), 0 entries removed"_s.arg(accountA)),
             qPrintable(c.output));
    QVERIFY2(c.output.contains(u"compacted the change feeds of 2 accounts"_s), qPrintable(c.output));

    c = runServerCommand({ u"compact-feed"_s, u"--database"_s, databaseArg, u"--keep-after-seq"_s, QString::number(lastA) });
    QVERIFY2(c.exitCode == 0, qPrintable(c.output));
    // Three schema upserts and two entries of the short-lived one go in A.
    QVERIFY2(c.output.contains(u"account %1: change feed compacted up to seq %2 (before: 0), 4 entries removed"_s.arg(accountA).arg(lastA)),
             qPrintable(c.output));
    QVERIFY2(c.output.contains(u"account %1: change feed compacted up to seq %2 (before: 0), 0 entries removed"_s.arg(accountB).arg(lastB)),
             qPrintable(c.output));
    QCOMPARE(db.scalar(u"SELECT COUNT(*) FROM changes WHERE account_id = ? AND entity = 'schema' AND entity_id IN (?, ?)"_s,
                       { accountA, kept, gone }),
             1);
    const Replay replay = replayFeed(*admin, false, std::nullopt, db, 500);
    QVERIFY2(replay.problems.isEmpty(), qPrintable(replay.problems.join(u'\n')));
    const QStringList problems = compare(*admin, replay, u"admin after compact-feed"_s);
    QVERIFY2(problems.isEmpty(), qPrintable(problems.mid(0, 60).join(u'\n')));
    QCOMPARE(replay.objects.value({ u"schema"_s, kept }), admin->get(u"/schemas/%1"_s.arg(kept)).object());
    QVERIFY(!replay.objects.contains({ u"schema"_s, gone }));
    QVERIFY(errorEnvelopeProblem(admin->get(u"/changes?since=1"_s), 410, u"cursor_expired"_s).isEmpty());

    for (const QStringList &bad : { QStringList { u"--keep-after-seq"_s, u"soon"_s }, QStringList { u"--keep-after-seq"_s, u"-3"_s },
                                    QStringList { u"--feed-retention-days"_s, u"x"_s }, QStringList { u"extra"_s } }) {
        c = runServerCommand(QStringList { u"compact-feed"_s, u"--database"_s, databaseArg } + bad);
        QVERIFY2(c.exitCode > 0, qPrintable(bad.join(u' ') + u": "_s + c.output));
    }
    c = runServerCommand({ u"compact-feed"_s, u"--database"_s, databaseArg, u"--feed-retention-days"_s, u"0"_s });
    QVERIFY2(c.exitCode == 0 && c.output.contains(u"nothing to compact"_s), qPrintable(c.output));

    // Entries of B made 40 days ago: the next server start compacts them away (retention 30 days).
    QCOMPARE(server.stop(), 0);
    QVERIFY(execSql(db.db(), u"UPDATE changes SET created_at = created_at - ? WHERE account_id = ?"_s,
                    { qint64(40) * 24 * 60 * 60 * 1000, accountB }) >= 0);
    ServerProcess again;
    QVERIFY(again.start(database, false, { u"--write-rate"_s, u"0"_s }));
    QCOMPARE(db.scalar(u"SELECT horizon FROM change_sequences WHERE account_id = ?"_s, { accountB }), lastB);
    auto adminB = std::make_unique<ApiClient>(again.baseUrl());
    QVERIFY(adminB->login(roleUser(Role::Admin, true).email, roleUser(Role::Admin, true).password));
    QVERIFY(errorEnvelopeProblem(adminB->get(u"/changes?since=1"_s), 410, u"cursor_expired"_s).isEmpty());
    const ApiReply fromZero = adminB->get(u"/changes?since=0&limit=5"_s);
    QCOMPARE(fromZero.status, 200);
    QVERIFY(fromZero.object().value(u"next"_s).toString().toLongLong() < 0);
    QCOMPARE(fromZero.object().value(u"last"_s).toString(), QString::number(lastB));
}

QTEST_GUILESS_MAIN(TestChangeFeedReplay)
#include "tst_changefeedreplay.moc"
