// The edition workflow over HTTP against the real galley-server on each backend:
// - the transition table of tests/common/workflowtable.h (every event × state × role → allowed or
//   the exact refusal), each state's fixture made through the workflow itself;
// - the sequences of issue 6: four eyes, version numbers, unpublish, withdraw/unwithdraw, force
//   publish and retrospective approval, the five-minute rule, the public resolution;
// - scheduled publishing with a fake clock (--clock-file): never early, at the time, after a
//   restart for a job that fell due while the server was down, and (PostgreSQL) exactly once with
//   two server processes on one database;
// - Idempotency-Key replays, stale lock_version (409 with the current copy) and the change feed.
#include "apitestkit.h"
#include "common/workflowtable.h"

#include <QFile>
#include <QSaveFile>
#include <QTimeZone>

#include <memory>
#include <tuple>

using namespace Qt::StringLiterals;
using namespace Galley;
using namespace Galley::Testing;

namespace {

const QString kPassword = u"workflow-test-password"_s;
const QString kAuthor = u"author.one@northwind.example"_s;
const QString kEditor1 = u"editor.one@northwind.example"_s;
const QString kEditor2 = u"editor.two@northwind.example"_s;
const QString kManager = u"manager.one@northwind.example"_s;

QString iso(const QDateTime &t)
{
    return t.toUTC().toString(Qt::ISODateWithMs);
}

qint64 idOf(const QJsonValue &v)
{
    return v.toObject().value(u"id"_s).toInteger();
}

QString messageOf(const ApiReply &r)
{
    return r.body.value(u"errors"_s).toArray().first().toObject().value(u"message"_s).toString();
}

QString fieldOf(const ApiReply &r)
{
    return r.body.value(u"errors"_s).toArray().first().toObject().value(u"field"_s).toString();
}

// Runs `galley-server create-user` against the test database.
bool createUser(const ServerDatabase &database, qint64 account, const QString &email, const QString &name, const QString &role)
{
    QProcess p;
    p.start(ServerProcess::binary(), { u"create-user"_s, u"--database"_s, databaseArgument(database), u"--account"_s,
                                       QString::number(account), u"--email"_s, email, u"--name"_s, name, u"--role"_s, role,
                                       u"--password"_s, kPassword });
    if (!p.waitForFinished(60000) || p.exitCode() != 0) {
        qWarning().noquote() << "create-user failed:" << p.readAllStandardError();
        return false;
    }
    return true;
}

bool writeClock(const QString &path, const QDateTime &t)
{
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return false;
    f.write(iso(t).toUtf8());
    return f.commit();
}

// One test's world: the server, the test database, the users, a schema and a site to write on.
class World
{
public:
    ServerProcess &server;
    const ServerDatabase &database;
    TestStore db;
    qint64 account = -1, site = -1, sector = -1, schema = -1;
    QHash<QString, std::shared_ptr<ApiClient>> clients;   // by e-mail
    QString failure;

    World(ServerProcess &s, const ServerDatabase &d) : server(s), database(d) { }

    bool setUp()
    {
        if (!db.open(database)) {
            failure = db.error();
            return false;
        }
        account = db.accountOf(roleUser(Role::Admin).email);
        site = db.sitesOfAccount(account).value(0, -1);
        sector = db.scalar(u"SELECT id FROM sectors WHERE site_id = ? ORDER BY id LIMIT 1"_s, { site });
        if (account <= 0 || site <= 0 || sector <= 0) {
            failure = u"the demo workspace has no account A site/sector"_s;
            return false;
        }
        if (db.userId(kAuthor) <= 0) {
            for (const auto &[email, name, role] : { std::tuple { kAuthor, u"Author One"_s, u"writer"_s },
                                                     std::tuple { kEditor1, u"Editor One"_s, u"editor"_s },
                                                     std::tuple { kEditor2, u"Editor Two"_s, u"editor"_s },
                                                     std::tuple { kManager, u"Manager One"_s, u"managing_editor"_s } }) {
                if (!createUser(database, account, email, name, role)) {
                    failure = u"cannot create "_s + email;
                    return false;
                }
            }
        }
        const QJsonObject spec {
            { u"type"_s, u"object"_s },
            { u"properties"_s, QJsonObject { { u"body"_s, QJsonObject { { u"type"_s, u"string"_s }, { u"minLength"_s, 1 },
                                                                        { u"contentMediaType"_s, u"text/html"_s } } } } },
            { u"required"_s, QJsonArray { u"body"_s } },
        };
        const ApiReply made = as(roleUser(Role::Admin).email)
                                      .call("POST", u"/schemas"_s, { { u"name"_s, u"Workflow test %1"_s.arg(QDateTime::currentMSecsSinceEpoch()) },
                                                                     { u"spec_doc"_s, spec },
                                                                     { u"auth_policy"_s, u"writer"_s } });
        if (made.status != 201) {
            failure = describe("POST", u"/schemas"_s, made);
            return false;
        }
        schema = idOf(made.data());
        return !failure.isEmpty() ? false : true;
    }

    ApiClient &as(const QString &email)
    {
        auto &c = clients[email];
        if (!c) {
            c = std::make_shared<ApiClient>(server.baseUrl());
            const DemoUser demo = [&] {
                for (const Role r : { Role::Viewer, Role::Writer, Role::Editor, Role::ManagingEditor, Role::SchemaDesigner, Role::Admin }) {
                    if (roleUser(r).email == email)
                        return roleUser(r);
                }
                return DemoUser { email, kPassword, Role::Writer };
            }();
            if (!c->login(demo.email, demo.password))
                failure = u"cannot log in as "_s + email;
        }
        return *c;
    }
    void reconnect()
    {
        for (auto &c : clients)
            c->setBase(server.baseUrl());
    }

    // A new document with a valid first draft; {document, edition}.
    std::pair<qint64, qint64> createDocument(const QString &email, const QString &title = u"Harbour news"_s)
    {
        const ApiReply r = as(email).call("POST", u"/documents"_s,
                                          { { u"site_id"_s, site }, { u"sector_id"_s, sector }, { u"schema_id"_s, schema },
                                            { u"title"_s, title },
                                            { u"fields"_s, QJsonObject { { u"body"_s, u"<p>The harbour opens.</p>"_s } } } });
        if (r.status != 201) {
            failure = describe("POST", u"/documents"_s, r);
            return { -1, -1 };
        }
        return { idOf(r.data()), idOf(r.object().value(u"editions"_s).toArray().first()) };
    }

    QJsonObject edition(qint64 id)
    {
        return as(roleUser(Role::Admin).email).get(u"/editions/%1"_s.arg(id)).object();
    }
    QString state(qint64 id) { return edition(id).value(u"state"_s).toString(); }
    QString version(qint64 id)
    {
        const QJsonObject e = edition(id);
        if (e.value(u"major_version"_s).isNull())
            return u"-"_s;
        return u"%1.%2"_s.arg(e.value(u"major_version"_s).toInteger()).arg(e.value(u"minor_version"_s).toInteger());
    }

    // Fires an event at the edition's current lock_version.
    ApiReply fire(const QString &email, qint64 editionId, const QString &event, QJsonObject extra = {},
                  const QList<std::pair<QByteArray, QByteArray>> &headers = {})
    {
        extra.insert(u"event"_s, event);
        if (!extra.contains(u"lock_version"_s))
            extra.insert(u"lock_version"_s, edition(editionId).value(u"lock_version"_s).toInteger());
        return as(email).call("POST", u"/editions/%1/transitions"_s.arg(editionId), extra, headers);
    }
    // The same, and the answer must be 200.
    bool step(const QString &email, qint64 editionId, const QString &event, const QJsonObject &extra = {})
    {
        const ApiReply r = fire(email, editionId, event, extra);
        if (r.status != 200) {
            failure = u"%1 by %2 on %3: "_s.arg(event, email).arg(editionId) + describe("POST", u"transitions"_s, r)
                    + u"\nserver: "_s + QString::fromUtf8(server.standardError().right(3000));
            return false;
        }
        return true;
    }
    qint64 newEdition(const QString &email, qint64 documentId)
    {
        const ApiReply r = as(email).call("POST", u"/documents/%1/editions"_s.arg(documentId), {});
        if (r.status != 201) {
            failure = describe("POST", u"/documents/%1/editions"_s.arg(documentId), r) + u"\nserver: "_s
                    + QString::fromUtf8(server.standardError().right(3000));
            return -1;
        }
        return idOf(r.data());
    }
    bool edit(const QString &email, qint64 editionId, const QJsonObject &changes)
    {
        QJsonObject body = changes;
        body.insert(u"lock_version"_s, edition(editionId).value(u"lock_version"_s).toInteger());
        const ApiReply r = as(email).call("PUT", u"/editions/%1"_s.arg(editionId), body);
        if (r.status != 200) {
            failure = describe("PUT", u"/editions/%1"_s.arg(editionId), r);
            return false;
        }
        return true;
    }

    // The table's fixture of `state`: {document, edition}.
    std::pair<qint64, qint64> fixture(const QString &state, const QDateTime &now)
    {
        const auto [doc, ed] = createDocument(kAuthor, u"Fixture "_s + state);
        if (ed <= 0)
            return { -1, -1 };
        const auto ok = [&](bool b) { return b ? std::pair { doc, ed } : std::pair<qint64, qint64> { -1, -1 }; };
        if (state == "draft"_L1)
            return { doc, ed };
        if (state == "deleted"_L1)
            return ok(step(kAuthor, ed, u"delete"_s));
        if (!step(kAuthor, ed, u"submit"_s))
            return { -1, -1 };
        if (state == "submitted"_L1)
            return { doc, ed };
        if (state == "rejected"_L1)
            return ok(step(kEditor1, ed, u"reject"_s, { { u"reason"_s, u"Urgent correction"_s } }));
        if (state == "scheduled"_L1)
            return ok(step(kEditor1, ed, u"schedule"_s, { { u"scheduled_publication"_s, iso(now.addSecs(3600)) } }));
        if (!step(kEditor1, ed, u"publish"_s))
            return { -1, -1 };
        if (state == "published"_L1)
            return { doc, ed };
        if (state == "withdrawn"_L1)
            return ok(step(kManager, ed, u"withdraw"_s,
                           { { u"unpublishing"_s, QJsonObject { { u"reason"_s, u"withdrawn"_s }, { u"explanation"_s, u"Out of date"_s } } } }));
        if (state == "unpublished"_L1)
            return ok(step(kManager, ed, u"unpublish"_s, { { u"unpublishing"_s, QJsonObject { { u"reason"_s, u"archived"_s } } } }));
        if (state == "superseded"_L1) {
            const qint64 next = newEdition(kAuthor, doc);
            if (next <= 0 || !edit(kAuthor, next, { { u"minor_change"_s, true } }) || !step(kAuthor, next, u"submit"_s)
                || !step(kEditor1, next, u"publish"_s))
                return { -1, -1 };
            return { doc, ed };
        }
        failure = u"no fixture for "_s + state;
        return { -1, -1 };
    }
};

// Scheduled-publish jobs of an edition in a state.
int jobsOf(World &w, qint64 edition, const QString &state)
{
    int n = 0;
    const QVariantList payloads = w.db.column(u"SELECT payload FROM jobs WHERE kind = 'scheduled_publish' AND state = ?"_s, { state });
    for (const QVariant &p : payloads) {
        if (QJsonDocument::fromJson(p.toByteArray()).object().value(u"edition_id"_s).toInteger() == edition)
            ++n;
    }
    return n;
}

// The request body a careful user sends with an event (workflowtable.h).
QJsonObject tableRequest(const QString &event, const QDateTime &now)
{
    if (event == "force_publish"_L1 || event == "force_schedule"_L1 || event == "reject"_L1) {
        QJsonObject o { { u"reason"_s, u"Urgent correction"_s } };
        if (event == "force_schedule"_L1)
            o.insert(u"scheduled_publication"_s, iso(now.addSecs(3600)));
        return o;
    }
    if (event == "schedule"_L1)
        return { { u"scheduled_publication"_s, iso(now.addSecs(3600)) } };
    if (event == "unpublish"_L1)
        return { { u"unpublishing"_s, QJsonObject { { u"reason"_s, u"archived"_s } } } };
    if (event == "withdraw"_L1)
        return { { u"unpublishing"_s, QJsonObject { { u"reason"_s, u"withdrawn"_s }, { u"explanation"_s, u"Out of date"_s } } } };
    return {};
}

// Every change the client may see from the start of the feed.
QJsonArray allChanges(ApiClient &client, QString *failure)
{
    QJsonArray all;
    QString since = u"0"_s;
    for (int i = 0; i < 500; ++i) {
        const QString path = u"/changes?since=%1&limit=1000"_s.arg(since);
        const ApiReply r = client.get(path);
        if (r.status != 200) {
            *failure = describe("GET", path, r);
            return all;
        }
        for (const QJsonValue &c : r.object().value(u"changes"_s).toArray())
            all.append(c);
        since = r.object().value(u"next"_s).toString();
        if (!r.object().value(u"has_more"_s).toBool())
            return all;
    }
    return all;
}

// The last feed entry of an object, or an empty object.
QJsonObject lastChange(const QJsonArray &changes, const QString &entity, qint64 id)
{
    QJsonObject found;
    for (const QJsonValue &v : changes) {
        const QJsonObject c = v.toObject();
        if (c.value(u"entity"_s).toString() == entity && c.value(u"id"_s).toInteger() == id)
            found = c;
    }
    return found;
}

} // namespace

class TestWorkflowApi : public QObject
{
    Q_OBJECT

private slots:
    void transitionTable_data() { ServerDatabase::addBackendRows(); }
    void transitionTable();
    void sequences_data() { ServerDatabase::addBackendRows(); }
    void sequences();
    void replayStaleAndFeed_data() { ServerDatabase::addBackendRows(); }
    void replayStaleAndFeed();
    void scheduledPublishing_data() { ServerDatabase::addBackendRows(); }
    void scheduledPublishing();
    void twoProcessesPublishOnce();
};

#define GALLEY_WORLD(world)                                   \
    World world(server, database);                            \
    QVERIFY2(world.setUp(), qPrintable(world.failure))

void TestWorkflowApi::transitionTable()
{
    GALLEY_START_SERVER(database, server, QStringList {});
    GALLEY_WORLD(w);
    using namespace WorkflowTable;

    // One actor per role, none of them author, editor1 or manager.
    QHash<QString, QString> actors;
    for (const Role r : { Role::Viewer, Role::Writer, Role::Editor, Role::ManagingEditor, Role::SchemaDesigner, Role::Admin })
        actors.insert(toWire(r), roleUser(r).email);

    QStringList failures;
    int cells = 0, allowed = 0;
    for (std::size_t s = 0; s < kStates.size(); ++s) {
        const QString state = QString::fromUtf8(kStates[s]);
        std::pair<qint64, qint64> fixture { -1, -1 };
        const auto fresh = [&] {
            fixture = w.fixture(state, QDateTime::currentDateTimeUtc());
            return fixture.second > 0;
        };
        QVERIFY2(fresh(), qPrintable(u"fixture "_s + state + u": "_s + w.failure));
        QCOMPARE(w.state(fixture.second), state);
        for (const EventRow &row : kEvents) {
            const QString event = QString::fromUtf8(row.event);
            for (const char *roleName : kRoles) {
                const Expected want = expected(row, s, roleName);
                if (want.skipped)
                    continue;
                ++cells;
                const QString who = actors.value(QString::fromUtf8(roleName));
                const QString cell = u"%1 × %2 × %3"_s.arg(event, state, QString::fromUtf8(roleName));
                const QJsonObject before = w.edition(fixture.second);
                ApiReply r;
                if (event == "edit"_L1) {
                    r = w.as(who).call("PUT", u"/editions/%1"_s.arg(fixture.second),
                                       { { u"lock_version"_s, before.value(u"lock_version"_s).toInteger() },
                                         { u"title"_s, u"Edited title"_s } });
                } else if (event == "create_new_edition"_L1) {
                    r = w.as(who).call("POST", u"/documents/%1/editions"_s.arg(fixture.first), {});
                } else {
                    r = w.fire(who, fixture.second, event, tableRequest(event, QDateTime::currentDateTimeUtc()));
                }
                // The viewer is stopped by the route's permission (content.write) before the
                // rules run: 403 forbidden, the pipeline's sentence.
                const bool pipelineRefuses = QByteArrayView(roleName) == "viewer";
                QString problem;
                if (want.message.isEmpty()) {
                    ++allowed;
                    const int status = event == "create_new_edition"_L1 ? 201 : 200;
                    if (r.status != status)
                        problem = u"expected allowed"_s;
                } else if (want.forbidden) {
                    if (r.status != 403 || r.errorCode() != "forbidden"_L1 || (!pipelineRefuses && messageOf(r) != want.message))
                        problem = u"expected 403 '%1'"_s.arg(want.message);
                } else {
                    const QString message = messageOf(r);
                    // PUT /editions refuses with its own code and the engine's sentence.
                    const QString code = event == "edit"_L1 ? u"not_editable"_s : u"transition_refused"_s;
                    if (r.status != 422 || r.errorCode() != code || message != want.message)
                        problem = u"expected 422 %1 '%2'"_s.arg(code, want.message);
                }
                if (!problem.isEmpty())
                    failures << cell + u": "_s + problem + u", got "_s + QString::number(r.status) + u' ' + QString::fromUtf8(r.raw.left(400));
                if (want.message.isEmpty()) {
                    QVERIFY2(fresh(), qPrintable(u"fixture "_s + state + u": "_s + w.failure));
                } else {
                    // A refusal changes nothing.
                    const QJsonObject after = w.edition(fixture.second);
                    if (after.value(u"lock_version"_s) != before.value(u"lock_version"_s) || after.value(u"state"_s) != before.value(u"state"_s))
                        failures << cell + u": a refusal changed the edition"_s;
                }
            }
        }
    }
    qInfo() << "transition table:" << cells << "cells," << allowed << "allowed";
    QVERIFY2(failures.isEmpty(), qPrintable(u"\n"_s + failures.join(u'\n')));
    QVERIFY(cells > 700);
}

void TestWorkflowApi::sequences()
{
    GALLEY_START_SERVER(database, server, QStringList {});
    GALLEY_WORLD(w);
    const QDateTime now = QDateTime::currentDateTimeUtc();

    // draft → submit → the submitter may not publish → another editor publishes → 1.0.
    auto [doc, first] = w.createDocument(kEditor1, u"Ferry timetable"_s);
    QVERIFY2(first > 0, qPrintable(w.failure));
    QCOMPARE(w.version(first), u"-"_s);
    QVERIFY2(w.step(kEditor1, first, u"submit"_s), qPrintable(w.failure));
    ApiReply r = w.fire(kEditor1, first, u"publish"_s);
    QCOMPARE(r.status, 422);
    QCOMPARE(r.errorCode(), u"transition_refused"_s);
    QCOMPARE(messageOf(r), u"You submitted this edition; another editor must publish it"_s);
    r = w.fire(kEditor2, first, u"publish"_s);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.object().value(u"state"_s).toString(), u"published"_s);
    QCOMPARE(w.version(first), u"1.0"_s);
    QVERIFY(!r.object().value(u"first_published_at"_s).isNull());

    // The public URL renders it.
    r = w.as(roleUser(Role::Viewer).email).get(u"/documents/%1/public"_s.arg(doc));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.object().value(u"kind"_s).toString(), u"render"_s);
    QCOMPARE(idOf(r.object().value(u"edition"_s)), first);

    // A new edition, minor change → 1.1; the previous one is superseded.
    const qint64 second = w.newEdition(kAuthor, doc);
    QVERIFY2(second > 0, qPrintable(w.failure));
    QCOMPARE(w.state(second), u"draft"_s);
    QCOMPARE(w.as(kAuthor).call("POST", u"/documents/%1/editions"_s.arg(doc), {}).status, 422);   // one open edition
    // After the first edition a change note is needed, unless the change is minor.
    r = w.fire(kAuthor, second, u"submit"_s);
    QCOMPARE(messageOf(r), u"Add a change note, or mark this edition as a minor change"_s);
    QCOMPARE(fieldOf(r), u"/change_note"_s);
    QVERIFY2(w.edit(kAuthor, second, { { u"minor_change"_s, true } }), qPrintable(w.failure));
    QVERIFY2(w.step(kAuthor, second, u"submit"_s), qPrintable(w.failure));
    QVERIFY2(w.step(kEditor1, second, u"publish"_s), qPrintable(w.failure));
    QCOMPARE(w.version(second), u"1.1"_s);
    QCOMPARE(w.state(first), u"superseded"_s);

    // Major → 2.0.
    const qint64 third = w.newEdition(kAuthor, doc);
    QVERIFY2(third > 0, qPrintable(w.failure));
    QVERIFY2(w.edit(kAuthor, third, { { u"change_note"_s, u"New summer timetable"_s } }), qPrintable(w.failure));
    QVERIFY2(w.step(kAuthor, third, u"submit"_s), qPrintable(w.failure));
    QVERIFY2(w.step(kEditor1, third, u"publish"_s), qPrintable(w.failure));
    QCOMPARE(w.version(third), u"2.0"_s);
    QCOMPARE(w.state(second), u"superseded"_s);

    // Unpublish resets to the previous published version; the visitor is redirected.
    r = w.fire(kEditor1, third, u"unpublish"_s, { { u"unpublishing"_s, QJsonObject { { u"reason"_s, u"archived"_s } } } });
    QCOMPARE(r.status, 403);
    QCOMPARE(messageOf(r), u"Only a managing editor or above may unpublish an edition; your role is editor"_s);
    r = w.fire(kManager, third, u"unpublish"_s, { { u"unpublishing"_s, QJsonObject { { u"reason"_s, u"consolidated"_s } } } });
    QCOMPARE(r.status, 422);
    QCOMPARE(messageOf(r), u"Give the URL of the page this content was consolidated into"_s);
    QCOMPARE(fieldOf(r), u"/unpublishing/alternative_url"_s);
    QVERIFY2(w.step(kManager, third, u"unpublish"_s,
                    { { u"unpublishing"_s, QJsonObject { { u"reason"_s, u"consolidated"_s },
                                                         { u"alternative_url"_s, u"https://harbour.example/ferries"_s } } } }),
             qPrintable(w.failure));
    QCOMPARE(w.state(third), u"unpublished"_s);
    QCOMPARE(w.version(third), u"1.1"_s);
    r = w.as(roleUser(Role::Viewer).email).get(u"/documents/%1/public"_s.arg(doc));
    QCOMPARE(r.object().value(u"kind"_s).toString(), u"redirect"_s);
    QCOMPARE(r.object().value(u"http_status"_s).toInt(), 301);
    QCOMPARE(r.object().value(u"redirect_to"_s).toString(), u"https://harbour.example/ferries"_s);

    // A new edition from the unpublished one, published again (2.0 once more: the highest
    // major of any edition is 1 now).
    const qint64 fourth = w.newEdition(kAuthor, doc);
    QVERIFY2(fourth > 0, qPrintable(w.failure));
    QVERIFY2(w.edit(kAuthor, fourth, { { u"change_note"_s, u"Back online"_s } }), qPrintable(w.failure));
    QVERIFY2(w.step(kAuthor, fourth, u"submit"_s), qPrintable(w.failure));
    QVERIFY2(w.step(kEditor2, fourth, u"publish"_s), qPrintable(w.failure));
    QCOMPARE(w.version(fourth), u"2.0"_s);
    QCOMPARE(w.state(third), u"superseded"_s);

    // Withdraw is refused while a draft exists.
    const qint64 fifth = w.newEdition(kAuthor, doc);
    QVERIFY2(fifth > 0, qPrintable(w.failure));
    const QJsonObject withdrawal { { u"unpublishing"_s, QJsonObject { { u"reason"_s, u"withdrawn"_s }, { u"explanation"_s, u"Service ended"_s } } } };
    r = w.fire(kManager, fourth, u"withdraw"_s, withdrawal);
    QCOMPARE(r.status, 422);
    QCOMPARE(messageOf(r), u"This document has a draft edition; publish or delete it before withdrawing"_s);
    QVERIFY2(w.step(kAuthor, fifth, u"delete"_s), qPrintable(w.failure));
    QCOMPARE(w.state(fifth), u"deleted"_s);
    r = w.fire(kManager, fourth, u"withdraw"_s, { { u"unpublishing"_s, QJsonObject { { u"reason"_s, u"withdrawn"_s } } } });
    QCOMPARE(messageOf(r), u"Explain why the edition is withdrawn"_s);
    QVERIFY2(w.step(kManager, fourth, u"withdraw"_s, withdrawal), qPrintable(w.failure));
    QCOMPARE(w.state(fourth), u"withdrawn"_s);
    QCOMPARE(w.version(fourth), u"2.0"_s);
    r = w.as(roleUser(Role::Viewer).email).get(u"/documents/%1/public"_s.arg(doc));
    QCOMPARE(r.object().value(u"kind"_s).toString(), u"render_with_notice"_s);
    QCOMPARE(r.object().value(u"explanation"_s).toString(), u"Service ended"_s);

    // Unwithdraw: a new minor edition, force published, supersedes the withdrawn one.
    r = w.fire(kManager, fourth, u"unwithdraw"_s);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.object().value(u"state"_s).toString(), u"superseded"_s);
    const QJsonObject created = r.object().value(u"created_edition"_s).toObject();
    const qint64 sixth = idOf(created);
    QVERIFY(sixth > fourth);
    QCOMPARE(created.value(u"state"_s).toString(), u"published"_s);
    QCOMPARE(created.value(u"force_published"_s).toBool(), true);
    QCOMPARE(created.value(u"minor_change"_s).toBool(), true);
    QCOMPARE(w.version(sixth), u"2.1"_s);
    const QJsonObject document = w.as(kAuthor).get(u"/documents/%1"_s.arg(doc)).object();
    QCOMPARE(document.value(u"live_edition_id"_s).toInteger(), sixth);
    QCOMPARE(document.value(u"latest_edition_id"_s).toInteger(), sixth);
    QCOMPARE(document.value(u"latest_state"_s).toString(), u"published"_s);

    // Retrospective approval: refused to the one who force published, allowed to another editor.
    r = w.fire(kManager, sixth, u"approve_retrospectively"_s);
    QCOMPARE(r.status, 422);
    QCOMPARE(messageOf(r), u"You force published this edition; another editor must approve it"_s);
    QVERIFY2(w.step(kEditor1, sixth, u"approve_retrospectively"_s), qPrintable(w.failure));
    QCOMPARE(w.edition(sixth).value(u"force_published"_s).toBool(), false);

    // History: the remarks the effects wrote, the audit rows with their event names.
    const QJsonObject history = w.as(kAuthor).get(u"/documents/%1/history"_s.arg(doc)).object();
    QStringList remarks;
    for (const QJsonValue &v : history.value(u"remarks"_s).toArray())
        remarks << v.toObject().value(u"body"_s).toString();
    QVERIFY2(remarks.contains(u"Withdrawn"_s), qPrintable(remarks.join(u" | "_s)));
    QVERIFY2(remarks.contains(u"Unwithdrawn"_s), qPrintable(remarks.join(u" | "_s)));
    QSet<QString> events;
    for (const QJsonValue &v : history.value(u"audit"_s).toArray())
        events.insert(v.toObject().value(u"event"_s).toString());
    for (const QString &e : { u"submit"_s, u"publish"_s, u"unpublish"_s, u"withdraw"_s, u"unwithdraw"_s, u"create_new_edition"_s, u"delete"_s })
        QVERIFY2(events.contains(e), qPrintable(e));

    // Force publish needs a reason, and may be the author's own.
    auto [doc2, solo] = w.createDocument(kEditor1, u"Storm warning"_s);
    QVERIFY2(solo > 0, qPrintable(w.failure));
    r = w.fire(kEditor1, solo, u"force_publish"_s);
    QCOMPARE(r.status, 422);
    QCOMPARE(messageOf(r), u"Give a reason for force publishing"_s);
    QCOMPARE(fieldOf(r), u"/reason"_s);
    QVERIFY2(w.step(kEditor1, solo, u"force_publish"_s, { { u"reason"_s, u"Storm tonight"_s } }), qPrintable(w.failure));
    QCOMPARE(w.version(solo), u"1.0"_s);
    QCOMPARE(w.edition(solo).value(u"force_published"_s).toBool(), true);
    r = w.as(kAuthor).get(u"/editions/%1/remarks"_s.arg(solo));
    QCOMPARE(r.data().toArray().last().toObject().value(u"body"_s).toString(), u"Force published: Storm tonight"_s);

    // Schedule less than five minutes ahead is refused; the time is checked against the server's.
    auto [doc3, later] = w.createDocument(kAuthor, u"Regatta"_s);
    QVERIFY2(later > 0, qPrintable(w.failure));
    QVERIFY2(w.step(kAuthor, later, u"submit"_s), qPrintable(w.failure));
    r = w.fire(kEditor1, later, u"schedule"_s, { { u"scheduled_publication"_s, iso(now.addSecs(120)) } });
    QCOMPARE(r.status, 422);
    QCOMPARE(messageOf(r), u"The publication time must be at least 5 minutes from now"_s);
    QCOMPARE(fieldOf(r), u"/scheduled_publication"_s);
    r = w.fire(kEditor1, later, u"schedule"_s);
    QCOMPARE(messageOf(r), u"Choose when to publish this edition"_s);
    QVERIFY2(w.step(kEditor1, later, u"schedule"_s, { { u"scheduled_publication"_s, iso(now.addDays(2)) } }), qPrintable(w.failure));
    QCOMPARE(jobsOf(w, later, u"pending"_s), 1);
    QVERIFY2(w.step(kAuthor, later, u"unschedule"_s), qPrintable(w.failure));
    QCOMPARE(w.state(later), u"submitted"_s);
    QCOMPARE(jobsOf(w, later, u"pending"_s), 0);
    QCOMPARE(jobsOf(w, later, u"cancelled"_s), 1);
    QVERIFY(w.edition(later).value(u"scheduled_publication"_s).isNull());

    // Bad requests: an unknown event, a non-transition, a bad time, a bad reason.
    r = w.fire(kEditor1, later, u"fly"_s);
    QCOMPARE(r.status, 422);
    QCOMPARE(fieldOf(r), u"/event"_s);
    r = w.fire(kEditor1, later, u"scheduled_publish"_s);
    QCOMPARE(r.status, 422);
    QCOMPARE(fieldOf(r), u"/event"_s);
    r = w.fire(kEditor1, later, u"schedule"_s, { { u"scheduled_publication"_s, u"tomorrow"_s } });
    QCOMPARE(fieldOf(r), u"/scheduled_publication"_s);
    r = w.fire(kManager, first, u"unpublish"_s, { { u"unpublishing"_s, QJsonObject { { u"reason"_s, u"bored"_s } } } });
    QCOMPARE(fieldOf(r), u"/unpublishing/reason"_s);
    r = w.as(kEditor1).call("POST", u"/editions/%1/transitions"_s.arg(later), { { u"event"_s, u"reject"_s } });
    QCOMPARE(r.status, 422);
    QCOMPARE(fieldOf(r), u"/lock_version"_s);
    Q_UNUSED(doc2);
    Q_UNUSED(doc3);
}

void TestWorkflowApi::replayStaleAndFeed()
{
    GALLEY_START_SERVER(database, server, QStringList {});
    GALLEY_WORLD(w);
    auto [doc, ed] = w.createDocument(kAuthor, u"Lighthouse"_s);
    QVERIFY2(ed > 0, qPrintable(w.failure));
    QString failure;
    const qint64 feedBefore = w.db.lastSeq(w.account);

    // Idempotent replay: the same answer, applied once.
    const QJsonObject submit { { u"event"_s, u"submit"_s }, { u"lock_version"_s, 1 } };
    const QList<std::pair<QByteArray, QByteArray>> key { { "Idempotency-Key", "5f0c6b1e-7d0a-4c56-9b1e-3f1f0e2a9c11" } };
    const ApiReply once = w.as(kAuthor).call("POST", u"/editions/%1/transitions"_s.arg(ed), submit, key);
    QCOMPARE(once.status, 200);
    const ApiReply again = w.as(kAuthor).call("POST", u"/editions/%1/transitions"_s.arg(ed), submit, key);
    QCOMPARE(again.status, 200);
    QCOMPARE(again.data(), once.data());
    QCOMPARE(w.edition(ed).value(u"lock_version"_s).toInteger(), 2);
    QCOMPARE(w.db.scalar(u"SELECT COUNT(*) FROM audit_entries WHERE edition_id = ? AND event = 'submit'"_s, { ed }), 1);

    // Stale lock_version (body or If-Match): 409 with the current copy, nothing changes.
    ApiReply r = w.as(kEditor1).call("POST", u"/editions/%1/transitions"_s.arg(ed), { { u"event"_s, u"publish"_s }, { u"lock_version"_s, 1 } });
    QCOMPARE(r.status, 409);
    QCOMPARE(r.errorCode(), u"update_collision"_s);
    QCOMPARE(messageOf(r), u"This edition has changed since you opened it"_s);
    QCOMPARE(r.object().value(u"lock_version"_s).toInteger(), 2);
    QCOMPARE(r.object().value(u"state"_s).toString(), u"submitted"_s);
    r = w.as(kEditor1).call("POST", u"/editions/%1/transitions"_s.arg(ed), { { u"event"_s, u"publish"_s } }, { { "If-Match", "\"1\"" } });
    QCOMPARE(r.status, 409);
    r = w.as(kEditor1).call("POST", u"/editions/%1/transitions"_s.arg(ed), { { u"event"_s, u"publish"_s } }, { { "If-Match", "\"2\"" } });
    QCOMPARE(r.status, 200);
    QCOMPARE(w.state(ed), u"published"_s);

    // The change feed carries the edition, its audit rows and the document, at their final state.
    const QJsonArray changes = allChanges(w.as(kAuthor), &failure);
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
    const QJsonObject editionChange = lastChange(changes, u"edition"_s, ed);
    QCOMPARE(editionChange.value(u"data"_s).toObject().value(u"state"_s).toString(), u"published"_s);
    QCOMPARE(editionChange.value(u"data"_s).toObject().value(u"major_version"_s).toInteger(), 1);
    const QJsonObject documentChange = lastChange(changes, u"document"_s, doc);
    QCOMPARE(documentChange.value(u"data"_s).toObject().value(u"live_edition_id"_s).toInteger(), ed);
    QCOMPARE(documentChange.value(u"data"_s).toObject().value(u"latest_state"_s).toString(), u"published"_s);
    int audits = 0;
    for (const QVariant &id : w.db.column(u"SELECT id FROM audit_entries WHERE edition_id = ?"_s, { ed })) {
        if (!lastChange(changes, u"audit_entry"_s, id.toLongLong()).isEmpty())
            ++audits;
    }
    QCOMPARE(audits, 3);   // create, submit, publish
    QVERIFY(w.db.lastSeq(w.account) > feedBefore);

    // A second publish supersedes the first: both editions are in the feed, in one commit.
    const qint64 next = w.newEdition(kAuthor, doc);
    QVERIFY2(next > 0, qPrintable(w.failure));
    QVERIFY2(w.edit(kAuthor, next, { { u"minor_change"_s, true } }), qPrintable(w.failure));
    QVERIFY2(w.step(kAuthor, next, u"submit"_s), qPrintable(w.failure));
    const qint64 seqBefore = w.db.lastSeq(w.account);
    QVERIFY2(w.step(kEditor1, next, u"publish"_s), qPrintable(w.failure));
    QString failure2;
    const QJsonArray later = allChanges(w.as(kAuthor), &failure2);
    QVERIFY2(failure2.isEmpty(), qPrintable(failure2));
    const QJsonObject superseded = lastChange(later, u"edition"_s, ed);
    QCOMPARE(superseded.value(u"data"_s).toObject().value(u"state"_s).toString(), u"superseded"_s);
    QVERIFY(superseded.value(u"seq"_s).toInteger() > seqBefore);
    QCOMPARE(lastChange(later, u"edition"_s, next).value(u"data"_s).toObject().value(u"state"_s).toString(), u"published"_s);
}

void TestWorkflowApi::scheduledPublishing()
{
    QTemporaryDir clockDir;
    QVERIFY(clockDir.isValid());
    const QString clock = clockDir.filePath(u"clock"_s);
    const QDateTime t0 = QDateTime(QDate(2030, 1, 7), QTime(9, 0), QTimeZone::UTC);
    QVERIFY(writeClock(clock, t0));
    GALLEY_START_SERVER(database, server, (QStringList { u"--clock-file"_s, clock }));
    GALLEY_WORLD(w);

    auto [doc, ed] = w.createDocument(kAuthor, u"Midsummer programme"_s);
    QVERIFY2(ed > 0, qPrintable(w.failure));
    QVERIFY2(w.step(kAuthor, ed, u"submit"_s), qPrintable(w.failure));
    // Five minutes ahead by the server's clock, not the machine's.
    ApiReply r = w.fire(kEditor1, ed, u"schedule"_s, { { u"scheduled_publication"_s, iso(t0.addSecs(4 * 60 + 59)) } });
    QCOMPARE(messageOf(r), u"The publication time must be at least 5 minutes from now"_s);
    QVERIFY2(w.step(kEditor1, ed, u"schedule"_s, { { u"scheduled_publication"_s, iso(t0.addSecs(10 * 60)) } }), qPrintable(w.failure));
    QCOMPARE(w.state(ed), u"scheduled"_s);
    // Nobody publishes a scheduled edition by hand.
    r = w.fire(kEditor2, ed, u"publish"_s);
    QCOMPARE(messageOf(r), u"An edition that is scheduled cannot be published"_s);

    // Never early: one minute before, the scheduler leaves it (several of its rounds pass).
    QVERIFY(writeClock(clock, t0.addSecs(9 * 60)));
    QTest::qWait(3000);
    QCOMPARE(w.state(ed), u"scheduled"_s);
    QCOMPARE(w.db.scalar(u"SELECT COUNT(*) FROM jobs WHERE state = 'pending' AND kind = 'scheduled_publish'"_s), 1);

    // At the time: published by the robot.
    QVERIFY(writeClock(clock, t0.addSecs(10 * 60)));
    QTRY_COMPARE_WITH_TIMEOUT(w.state(ed), u"published"_s, 20000);
    QCOMPARE(w.version(ed), u"1.0"_s);
    QCOMPARE(w.db.scalar(u"SELECT COUNT(*) FROM audit_entries WHERE edition_id = ? AND event = 'scheduled_publish' "
                         "AND user_id IS NULL AND to_state = 'published'"_s, { ed }),
             1);
    QVERIFY2(w.db.scalar(u"SELECT COUNT(*) FROM jobs WHERE state = 'done' AND kind = 'scheduled_publish'"_s) == 1,
             server.standardError().right(3000).constData());
    QCOMPARE(w.edition(ed).value(u"first_published_at"_s).toString(), iso(t0.addSecs(10 * 60)));

    // A job that falls due while the server is down runs at start.
    auto [doc2, ed2] = w.createDocument(kAuthor, u"Autumn programme"_s);
    QVERIFY2(ed2 > 0, qPrintable(w.failure));
    QVERIFY2(w.step(kAuthor, ed2, u"submit"_s), qPrintable(w.failure));
    QVERIFY2(w.step(kEditor1, ed2, u"schedule"_s, { { u"scheduled_publication"_s, iso(t0.addSecs(30 * 60)) } }), qPrintable(w.failure));
    QCOMPARE(server.stop(), 0);
    QVERIFY(writeClock(clock, t0.addSecs(45 * 60)));
    QCOMPARE(w.state(ed2), QString());   // the server is down
    QCOMPARE(w.db.scalar(u"SELECT COUNT(*) FROM editions WHERE id = ? AND state = 'scheduled'"_s, { ed2 }), 1);
    QVERIFY(server.start(database, false, { u"--write-rate"_s, u"0"_s, u"--clock-file"_s, clock }));
    QTRY_COMPARE_WITH_TIMEOUT(w.db.scalar(u"SELECT COUNT(*) FROM editions WHERE id = ? AND state = 'published'"_s, { ed2 }), 1, 20000);
    QCOMPARE(w.db.scalar(u"SELECT COUNT(*) FROM editions WHERE id = ? AND state = 'superseded'"_s, { ed }), 0);   // another document
    QCOMPARE(w.db.scalar(u"SELECT first_published_at FROM editions WHERE id = ?"_s, { ed2 }), t0.addSecs(45 * 60).toMSecsSinceEpoch());
    Q_UNUSED(doc);
    Q_UNUSED(doc2);
}

// Two server processes on one PostgreSQL database, both with the scheduler running, publish each
// due job exactly once.
void TestWorkflowApi::twoProcessesPublishOnce()
{
    if (!ServerDatabase::postgresAvailable())
        QSKIP(ServerDatabase::skipReason());
    QTemporaryDir clockDir;
    QVERIFY(clockDir.isValid());
    const QString clock = clockDir.filePath(u"clock"_s);
    const QDateTime t0 = QDateTime(QDate(2030, 1, 7), QTime(9, 0), QTimeZone::UTC);
    QVERIFY(writeClock(clock, t0));
    ServerDatabase database;
    QVERIFY2(database.create(u"postgresql"_s), qPrintable(database.error()));
    ServerProcess server;
    QVERIFY(server.start(database, true, { u"--write-rate"_s, u"0"_s, u"--clock-file"_s, clock }));
    ServerProcess second;
    QVERIFY(second.start(database, false, { u"--write-rate"_s, u"0"_s, u"--clock-file"_s, clock }));
    GALLEY_WORLD(w);

    QList<qint64> editions;
    for (int i = 0; i < 8; ++i) {
        auto [doc, ed] = w.createDocument(kAuthor, u"Concert %1"_s.arg(i));
        QVERIFY2(ed > 0, qPrintable(w.failure));
        QVERIFY2(w.step(kAuthor, ed, u"submit"_s), qPrintable(w.failure));
        QVERIFY2(w.step(kEditor1, ed, u"schedule"_s, { { u"scheduled_publication"_s, iso(t0.addSecs(10 * 60)) } }), qPrintable(w.failure));
        editions << ed;
        Q_UNUSED(doc);
    }
    QVERIFY(writeClock(clock, t0.addSecs(10 * 60)));
    QTRY_COMPARE_WITH_TIMEOUT(w.db.scalar(u"SELECT COUNT(*) FROM jobs WHERE state = 'done' AND kind = 'scheduled_publish'"_s), 8, 30000);
    QTest::qWait(2500);   // both schedulers get further rounds: nothing more may happen
    for (const qint64 ed : std::as_const(editions)) {
        QCOMPARE(w.state(ed), u"published"_s);
        QCOMPARE(w.db.scalar(u"SELECT COUNT(*) FROM audit_entries WHERE edition_id = ? AND event = 'scheduled_publish'"_s, { ed }), 1);
    }
    QCOMPARE(w.db.scalar(u"SELECT COUNT(*) FROM jobs WHERE kind = 'scheduled_publish' AND (state <> 'done' OR attempts <> 1)"_s), 0);
    QCOMPARE(w.db.scalar(u"SELECT COUNT(DISTINCT claimed_by) FROM jobs WHERE kind = 'scheduled_publish'"_s) >= 1, true);
}

QTEST_GUILESS_MAIN(TestWorkflowApi)
#include "tst_workflowapi.moc"
