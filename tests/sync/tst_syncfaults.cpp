// The sync client under faults, against the real server: a fault-injecting proxy on loopback
// (drops, delays, resets mid-body, truncated answers, 502/503 bursts) at a 20% fault rate over
// 1,000 operations; the server restarted in the middle of a push; access tokens expiring during
// a sync; and a cursor older than the feed's compaction horizon (full resync, outbox kept).
#include "synctestkit.h"

#include "common/faultproxy.h"
#include "sync/merge.h"
#include "sync/outbox.h"

#include <QProcess>
#include <QRandomGenerator>
#include <QSqlRecord>

using namespace Galley;
using namespace Galley::Testing;
using namespace Qt::StringLiterals;

namespace {

QStringList rows(Client &c, const QString &sql)
{
    QSqlQuery q(c.db());
    QStringList out;
    if (!q.exec(sql))
        return { u"query failed: "_s + sql };
    while (q.next()) {
        QStringList values;
        for (int i = 0; i < q.record().count(); ++i)
            values << q.value(i).toString();
        out << values.join(u" | "_s);
    }
    return out;
}

const QString kEditions = u"SELECT e.id, e.title, e.change_note, e.lock_version, c.fields FROM editions e "
                          "JOIN edition_content c ON c.edition_id = e.id ORDER BY e.id"_s;
const QString kRemarks = u"SELECT id, edition_id, body FROM editorial_remarks ORDER BY id"_s;

// Sends every conflict back with "keep mine" until nothing is waiting; false on a refused item.
bool drain(Client &c, int rounds = 10)
{
    for (int round = 0; round < rounds; ++round) {
        const SyncSummary s = c.syncOnce();
        QSqlDatabase db = c.db();
        auto items = OutboxReader::items(db);
        if (!items)
            return false;
        if (items->isEmpty() && s.ok)
            return true;
        for (const OutboxItem &item : items.value()) {
            if (item.state == OutboxItem::State::Failed || item.state == OutboxItem::State::Gone) {
                qWarning() << "refused:" << item.summary << item.lastError;
                return false;
            }
            if (item.state != OutboxItem::State::Conflict)
                continue;
            auto record = OutboxReader::conflictFor(db, item.id);
            if (!record)
                return false;
            const auto fields = ThreeWayMerge::compare(record->entity, record->base, record->mine, record->theirs);
            QList<QJsonValue> chosen;
            for (const MergeField &f : fields)
                chosen << (f.outcome == MergeField::Outcome::Theirs ? f.theirs : f.mine);
            std::optional<Status> done;
            c.engine->resolveConflict(item.id, ThreeWayMerge::apply(record->theirs, fields, chosen),
                                      [&done](Status st) { done = st; });
            if (!QTest::qWaitFor([&] { return done.has_value(); }, 10000) || !done->ok())
                return false;
        }
    }
    return false;
}

} // namespace

class TestSyncFaults : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_files = 0;

    QString file() { return m_dir.filePath(u"r%1.galley"_s.arg(++m_files)); }

    static QHash<QString, qint64> remarkBodies(Client &c, const QString &prefix)
    {
        QHash<QString, qint64> counts;
        QSqlQuery q(c.db());
        q.prepare(u"SELECT body, count(*) FROM editorial_remarks WHERE body LIKE ? GROUP BY body"_s);
        q.addBindValue(QString(prefix + u'%'));
        if (q.exec()) {
            while (q.next())
                counts.insert(q.value(0).toString(), q.value(1).toLongLong());
        }
        return counts;
    }

    static qint64 firstDraft(Client &c, int offset)
    {
        return c.scalar(u"SELECT id FROM editions WHERE state = 'draft' AND id > 0 ORDER BY id LIMIT 1 OFFSET ?"_s, { offset });
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void faultsAtTwentyPercent()
    {
        ServerDatabase database;
        QVERIFY(database.create(u"sqlite"_s));
        ServerProcess server;
        QVERIFY(server.start(database, true, { u"--write-rate"_s, u"0"_s }));
        FaultProxy proxy;
        QVERIFY(proxy.start(QHostAddress::LocalHost, quint16(server.baseUrl().port())));
        const quint32 seed = QRandomGenerator::global()->generate();
        qInfo() << "seed" << seed;
        proxy.setSeed(seed);
        QRandomGenerator rng(seed);

        const QStringList emails { u"writer@northwind.example"_s, u"amara.okafor@northwind.example"_s };
        std::vector<std::unique_ptr<Client>> clients;
        for (const QString &email : emails) {
            clients.push_back(std::make_unique<Client>(file(), proxy.url(), email));
            QVERIFY(clients.back()->signIn());
            QVERIFY(clients.back()->syncOnce().ok);
        }
        proxy.setFaultRate(0.2);
        for (auto &c : clients)
            c->engine->start();

        const int total = qEnvironmentVariableIntValue("GALLEY_FAULT_OPS") > 0 ? qEnvironmentVariableIntValue("GALLEY_FAULT_OPS") : 1000;
        QSet<QString> remarks;
        QSet<QString> titles;
        for (int op = 0; op < total; ++op) {
            Client &c = *clients[op % 2];
            const qint64 edition = firstDraft(c, int(rng.bounded(10)));
            const int roll = int(rng.bounded(10));
            if (roll < 5) {
                EditionEdit edit;
                if (rng.bounded(2))
                    edit.title = u"Title %1"_s.arg(op);
                else
                    edit.changeNote = u"Note %1"_s.arg(op);
                QVERIFY(c.edit(edition, edit));
            } else if (roll < 8) {
                const QString body = u"fault-remark-%1"_s.arg(op);
                std::optional<Status> done;
                c.engine->addRemark(edition, body, [&done](Status st) { done = st; });
                QTRY_VERIFY(done.has_value());
                QVERIFY(done->ok());
                remarks.insert(body);
            } else {
                const qint64 site = c.scalar(u"SELECT site_id FROM editions WHERE id = ?"_s, { edition });
                const qint64 sector = c.scalar(u"SELECT sector_id FROM editions WHERE id = ?"_s, { edition });
                const qint64 schema = c.scalar(u"SELECT schema_id FROM editions WHERE id = ?"_s, { edition });
                const QString title = u"Fault document %1"_s.arg(op);
                std::optional<Result<Id>> made;
                c.engine->createDocument({ site, sector, schema, title, QJsonObject {}, QString() },
                                         [&made](Result<Id> id) { made = id; });
                QTRY_VERIFY(made.has_value());
                QVERIFY(made->ok());
                titles.insert(title);
            }
            if (op % 20 == 0)
                QTest::qWait(int(rng.bounded(30)));
        }
        QTest::qWait(2000);
        qInfo() << "faults injected:" << proxy.faultCount(FaultProxy::Fault::Drop) << "drops,"
                << proxy.faultCount(FaultProxy::Fault::Delay) << "delays," << proxy.faultCount(FaultProxy::Fault::ResetMidBody)
                << "resets," << proxy.faultCount(FaultProxy::Fault::Truncate) << "truncations,"
                << proxy.faultCount(FaultProxy::Fault::ErrorBurst) << "5xx answers, over" << proxy.requestCount() << "requests";
        QVERIFY(proxy.faultCount(FaultProxy::Fault::ResetMidBody) + proxy.faultCount(FaultProxy::Fault::Truncate) > 0);
        QVERIFY(proxy.faultCount(FaultProxy::Fault::ErrorBurst) > 0);

        // The faults stop; everything converges.
        proxy.setEnabledFaults({});
        proxy.setFaultRate(0);
        for (auto &c : clients)
            QVERIFY(drain(*c));
        for (auto &c : clients)
            QVERIFY(c->syncOnce().ok);
        // Nothing lost, nothing twice: every remark and every document exactly once on the server.
        Client truth(file(), server.baseUrl(), u"admin@northwind.example"_s, false);
        QVERIFY(truth.signIn());
        QVERIFY(truth.syncOnce().ok);
        const auto counts = remarkBodies(truth, u"fault-remark-"_s);
        QCOMPARE(counts.size(), remarks.size());
        for (const QString &body : std::as_const(remarks))
            QCOMPARE(counts.value(body), 1);
        for (const QString &title : std::as_const(titles))
            QCOMPARE(truth.scalar(u"SELECT count(*) FROM editions WHERE title = ?"_s, { title }), 1);
        for (int i = 0; i < 2; ++i) {
            Client fresh(file(), server.baseUrl(), emails.at(i), false);
            QVERIFY(fresh.signIn());
            QVERIFY(fresh.syncOnce().ok);
            QCOMPARE(rows(*clients[i], kEditions), rows(fresh, kEditions));
            QCOMPARE(rows(*clients[i], kRemarks), rows(fresh, kRemarks));
            QCOMPARE(clients[i]->text(u"PRAGMA integrity_check"_s), u"ok"_s);
        }
    }

    void serverRestartsDuringPush()
    {
        ServerDatabase database;
        QVERIFY(database.create(u"sqlite"_s));
        auto server = std::make_unique<ServerProcess>();
        QVERIFY(server->start(database, true, { u"--write-rate"_s, u"0"_s }));
        const QUrl base = server->baseUrl();
        Client c(file(), base, u"writer@northwind.example"_s);
        QVERIFY(c.signIn());
        QVERIFY(c.syncOnce().ok);
        c.engine->start();
        c.engine->setWorkOffline(true);
        QStringList bodies;
        for (int i = 0; i < 400; ++i) {
            const QString body = u"restart-%1"_s.arg(i);
            std::optional<Status> done;
            c.engine->addRemark(firstDraft(c, i % 15), body, [&done](Status st) { done = st; });
            QTRY_VERIFY(done.has_value());
            bodies << body;
        }
        c.engine->setWorkOffline(false);
        // Stopped (SIGKILL: no goodbye) while the outbox drains, and started again on the same port.
        QTRY_VERIFY_WITH_TIMEOUT(c.scalar(u"SELECT count(*) FROM outbox"_s) < 380, 20000);
        ::kill(pid_t(server->process().processId()), SIGKILL);
        server->process().waitForFinished(5000);
        QTRY_COMPARE_WITH_TIMEOUT(c.engine->status().connection, SyncStatus::Connection::Offline, 20000);
        const qint64 waiting = c.scalar(u"SELECT count(*) FROM outbox"_s);
        QVERIFY(waiting > 0);
        server = std::make_unique<ServerProcess>();
        QVERIFY(server->start({ u"--listen"_s, u"127.0.0.1:%1"_s.arg(base.port()), u"--database"_s,
                                databaseArgument(database), u"--write-rate"_s, u"0"_s }));
        // What backed off while the server was away goes as soon as it answers again (not after
        // the minutes a backoff can reach).
        QTRY_COMPARE_WITH_TIMEOUT(c.scalar(u"SELECT count(*) FROM outbox"_s), 0, 30000);
        QVERIFY(c.engine->status().connection != SyncStatus::Connection::Offline);
        Client truth(file(), base, u"admin@northwind.example"_s, false);
        QVERIFY(truth.signIn());
        QVERIFY(truth.syncOnce().ok);
        const auto counts = remarkBodies(truth, u"restart-"_s);
        QCOMPARE(counts.size(), bodies.size());
        for (const QString &body : std::as_const(bodies))
            QCOMPARE(counts.value(body), 1);
    }

    void tokenExpiresDuringSync()
    {
        ServerDatabase database;
        QVERIFY(database.create(u"sqlite"_s));
        ServerProcess server;
        QVERIFY(server.start(database, true, { u"--write-rate"_s, u"0"_s, u"--access-token-seconds"_s, u"1"_s }));
        Client c(file(), server.baseUrl(), u"writer@northwind.example"_s);
        QSignalSpy asked(c.engine.get(), &SyncEngine::signInRequired);
        QVERIFY(c.signIn());
        QVERIFY(c.syncOnce().ok);
        c.engine->start();
        // Changes keep coming for several token lifetimes; each expiry is refreshed in passing.
        for (int i = 0; i < 12; ++i) {
            EditionEdit edit;
            edit.changeNote = u"expiry %1"_s.arg(i);
            QVERIFY(c.edit(firstDraft(c, i % 5), edit));
            QTest::qWait(400);
        }
        QTRY_COMPARE_WITH_TIMEOUT(c.scalar(u"SELECT count(*) FROM outbox"_s), 0, 20000);
        const SyncSummary s = c.syncOnce();
        QVERIFY2(s.ok, qPrintable(s.error));
        QCOMPARE(asked.size(), 0);
        QVERIFY(c.engine->isSignedIn());
    }

    void anotherServerDatabaseAtTheSameAddress()
    {
        ServerDatabase first;
        QVERIFY(first.create(u"sqlite"_s));
        auto server = std::make_unique<ServerProcess>();
        QVERIFY(server->start(first, true, { u"--write-rate"_s, u"0"_s }));
        const QUrl base = server->baseUrl();
        Client c(file(), base, u"writer@northwind.example"_s);
        QVERIFY(c.signIn());
        QVERIFY(c.syncOnce().ok);
        // Something only the first database will ever have, and a change still waiting.
        const qint64 edition = firstDraft(c, 0);
        std::optional<Result<Id>> made;
        c.engine->createDocument({ c.scalar(u"SELECT site_id FROM editions WHERE id = ?"_s, { edition }),
                                   c.scalar(u"SELECT sector_id FROM editions WHERE id = ?"_s, { edition }),
                                   c.scalar(u"SELECT schema_id FROM editions WHERE id = ?"_s, { edition }),
                                   u"Only in the first database"_s, QJsonObject {}, QString() },
                                 [&made](Result<Id> id) { made = id; });
        QTRY_VERIFY(made.has_value());
        QVERIFY(c.syncOnce().ok);
        QCOMPARE(c.scalar(u"SELECT count(*) FROM editions WHERE title = 'Only in the first database'"_s), 1);
        c.engine->setWorkOffline(true);
        std::optional<Status> remarked;
        c.engine->addRemark(edition, u"written before the switch"_s, [&remarked](Status st) { remarked = st; });
        QTRY_VERIFY(remarked.has_value());
        server->stop();

        // A new database behind the same address: same demo ids, another feed.
        ServerDatabase second;
        QVERIFY(second.create(u"sqlite"_s));
        server = std::make_unique<ServerProcess>();
        QVERIFY(server->start({ u"--listen"_s, u"127.0.0.1:%1"_s.arg(base.port()), u"--database"_s,
                                databaseArgument(second), u"--seed-demo"_s, u"--write-rate"_s, u"0"_s }));
        c.engine->setWorkOffline(false);
        QVERIFY(c.signIn());
        QVERIFY(drain(c));
        QCOMPARE(c.scalar(u"SELECT count(*) FROM editions WHERE title = 'Only in the first database'"_s), 0);
        QCOMPARE(c.scalar(u"SELECT resyncing FROM sync_state"_s), 0);
        Client fresh(file(), base, u"writer@northwind.example"_s, false);
        QVERIFY(fresh.signIn());
        QVERIFY(fresh.syncOnce().ok);
        QCOMPARE(fresh.scalar(u"SELECT count(*) FROM editorial_remarks WHERE body = 'written before the switch'"_s), 1);
        QCOMPARE(rows(c, kEditions), rows(fresh, kEditions));
        QCOMPARE(rows(c, kRemarks), rows(fresh, kRemarks));
    }

    void cursorOlderThanCompaction()
    {
        ServerDatabase database;
        QVERIFY(database.create(u"sqlite"_s));
        ServerProcess server;
        QVERIFY(server.start(database, true, { u"--write-rate"_s, u"0"_s }));
        Client designer(file(), server.baseUrl(), u"schemas@northwind.example"_s);
        Client other(file(), server.baseUrl(), u"admin@northwind.example"_s);
        QVERIFY(designer.signIn());
        QVERIFY(other.signIn());
        // A schema the designer will see deleted while away.
        std::optional<Result<Id>> made;
        designer.engine->createSchema(QJsonObject { { u"name"_s, u"Short-lived"_s },
                                                    { u"spec_doc"_s, QJsonObject { { u"type"_s, u"object"_s } } } },
                                      [&made](Result<Id> id) { made = id; });
        QTRY_VERIFY(made.has_value());
        QVERIFY(designer.syncOnce().ok);
        QVERIFY(other.syncOnce().ok);
        const qint64 doomed = other.scalar(u"SELECT id FROM content_schemas WHERE name = 'Short-lived'"_s);
        QVERIFY(doomed > 0);
        QCOMPARE(designer.scalar(u"SELECT count(*) FROM content_schemas WHERE id = ?"_s, { doomed }), 1);

        // Away: a local edit and a local document wait in the outbox.
        designer.engine->setWorkOffline(true);
        const qint64 edition = firstDraft(designer, 0);
        EditionEdit edit;
        edit.title = u"Edited while the feed was compacted"_s;
        QVERIFY(designer.edit(edition, edit));
        std::optional<Result<Id>> created;
        designer.engine->createDocument({ designer.scalar(u"SELECT site_id FROM editions WHERE id = ?"_s, { edition }),
                                          designer.scalar(u"SELECT sector_id FROM editions WHERE id = ?"_s, { edition }),
                                          designer.scalar(u"SELECT schema_id FROM editions WHERE id = ?"_s, { edition }),
                                          u"Written during the compaction"_s, QJsonObject {}, QString() },
                                        [&created](Result<Id> id) { created = id; });
        QTRY_VERIFY(created.has_value());
        // Meanwhile on the server: the schema is deleted, an edition changes, and the feed is compacted.
        std::optional<Status> deleted;
        other.engine->deleteSchema(doomed, [&deleted](Status st) { deleted = st; });
        QTRY_VERIFY(deleted.has_value());
        QVERIFY(deleted->ok());
        EditionEdit theirs;
        theirs.changeNote = u"changed by the admin"_s;
        QVERIFY(other.edit(firstDraft(other, 3), theirs));
        QVERIFY(other.syncOnce().ok);
        QProcess compact;
        compact.start(ServerProcess::binary(), { u"compact-feed"_s, u"--database"_s, databaseArgument(database),
                                                u"--keep-after-seq"_s, u"999999999"_s });
        QVERIFY(compact.waitForFinished(60000));
        QCOMPARE(compact.exitCode(), 0);

        // Back: 410, full resync, the outbox survives and goes out, the deleted schema is swept.
        designer.engine->setWorkOffline(false);
        QVERIFY(drain(designer));
        QCOMPARE(designer.scalar(u"SELECT count(*) FROM content_schemas WHERE id = ?"_s, { doomed }), 0);
        QCOMPARE(designer.scalar(u"SELECT count(*) FROM resync_seen"_s), 0);
        QCOMPARE(designer.scalar(u"SELECT resyncing FROM sync_state"_s), 0);
        QVERIFY(other.syncOnce().ok);
        QCOMPARE(other.text(u"SELECT title FROM editions WHERE id = ?"_s, { edition }), u"Edited while the feed was compacted"_s);
        QCOMPARE(other.scalar(u"SELECT count(*) FROM editions WHERE title = 'Written during the compaction'"_s), 1);
        Client fresh(file(), server.baseUrl(), u"schemas@northwind.example"_s, false);
        QVERIFY(fresh.signIn());
        QVERIFY(fresh.syncOnce().ok);
        QCOMPARE(rows(designer, kEditions), rows(fresh, kEditions));
        QCOMPARE(rows(designer, u"SELECT id, name, lock_version FROM content_schemas ORDER BY id"_s),
                 rows(fresh, u"SELECT id, name, lock_version FROM content_schemas ORDER BY id"_s));
    }
};

QTEST_GUILESS_MAIN(TestSyncFaults)
#include "tst_syncfaults.moc"
