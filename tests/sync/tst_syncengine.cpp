// The sync client end to end: a real galley-server on loopback (SQLite), real replicas.
#include "synctestkit.h"

#include "sync/outbox.h"

#include <QJsonArray>
#include <QSqlError>

using namespace Galley;
using namespace Galley::Testing;
using namespace Qt::StringLiterals;

class TestSyncEngine : public QObject
{
    Q_OBJECT

private:
    ServerDatabase m_database;
    ServerProcess m_server;
    QTemporaryDir m_dir;
    int m_clients = 0;

    std::unique_ptr<Client> client(const QString &email, bool listen = true)
    {
        return std::make_unique<Client>(m_dir.filePath(u"replica-%1.galley"_s.arg(++m_clients)), m_server.baseUrl(),
                                         email, listen);
    }

    QSqlDatabase serverDb()
    {
        const QString name = u"server-db"_s;
        if (QSqlDatabase::contains(name))
            return QSqlDatabase::database(name);
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
        db.setDatabaseName(m_database.url().path());
        db.setConnectOptions(u"QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=5000"_s);
        db.open();
        return db;
    }

    QVariant serverValue(const QString &sql, const QVariantList &binds = {})
    {
        QSqlQuery q(serverDb());
        q.prepare(sql);
        for (qsizetype i = 0; i < binds.size(); ++i)
            q.bindValue(int(i), binds.at(i));
        if (!q.exec()) {
            qWarning() << q.lastError().text();
            return {};
        }
        return q.next() ? q.value(0) : QVariant();
    }

    // A draft edition of Northwind that no other test touches.
    qint64 draftEdition(int skip)
    {
        return serverValue(u"SELECT e.id FROM editions e JOIN accounts a ON a.id = e.account_id "
                           "WHERE a.name LIKE 'Northwind%' AND e.state = 'draft' ORDER BY e.id LIMIT 1 OFFSET ?"_s,
                           { skip })
            .toLongLong();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY2(m_database.create(u"sqlite"_s), "cannot create the server database");
        QVERIFY(m_server.start(m_database, true, { u"--write-rate"_s, u"0"_s }));
    }

    void cleanupTestCase() { m_server.stop(); }

    void initialSyncEqualsServer()
    {
        auto c = client(u"editor@northwind.example"_s);
        QVERIFY(c->signIn());
        const SyncSummary summary = c->syncOnce();
        QVERIFY2(summary.ok, qPrintable(summary.error));
        QVERIFY(summary.pulled > 100);
        const qint64 account = serverValue(u"SELECT id FROM accounts WHERE name LIKE 'Northwind%'"_s).toLongLong();
        for (const auto &[table, where] : std::initializer_list<std::pair<QString, QString>> {
                 { u"editions"_s, u"account_id = ?"_s },
                 { u"documents"_s, u"account_id = ?"_s },
                 { u"sites"_s, u"account_id = ?"_s },
                 { u"content_schemas"_s, u"account_id = ?"_s },
                 { u"editorial_remarks"_s, u"edition_id IN (SELECT id FROM editions WHERE account_id = ?)"_s },
                 { u"audit_entries"_s, u"edition_id IN (SELECT id FROM editions WHERE account_id = ?)"_s } }) {
            const qint64 onServer = serverValue(u"SELECT count(*) FROM %1 WHERE %2"_s.arg(table, where), { account }).toLongLong();
            QVERIFY2(onServer > 0, qPrintable(table));
            QCOMPARE(c->scalar(u"SELECT count(*) FROM %1"_s.arg(table)), onServer);
        }
        // Titles and fields arrived as they are.
        const qint64 edition = draftEdition(0);
        QCOMPARE(c->text(u"SELECT title FROM editions WHERE id = ?"_s, { edition }),
                 serverValue(u"SELECT title FROM editions WHERE id = ?"_s, { edition }).toString());
        QCOMPARE(c->text(u"PRAGMA integrity_check"_s), u"ok"_s);
        QCOMPARE(c->scalar(u"SELECT count(*) FROM editions WHERE id < 0"_s), 0);
        // A second round has nothing to pull.
        const SyncSummary again = c->syncOnce();
        QVERIFY(again.ok);
        QCOMPARE(again.pulled, 0);
    }

    // A workspace holds one user's replica; signing another user into it is an error the user can
    // act on (open that user's workspace), not a request for a password, and it changes nothing.
    void anotherUsersWorkspaceIsRefused()
    {
        auto first = client(u"editor@northwind.example"_s, false);
        QVERIFY(first->signIn());
        QVERIFY(first->syncOnce().ok);
        const qint64 editions = first->scalar(u"SELECT count(*) FROM editions"_s);
        const QString path = first->path;
        first.reset();
        Client second(path, m_server.baseUrl(), u"managing.editor@northwind.example"_s, false);
        QVERIFY(!second.signIn());
        const SyncStatus st = second.engine->status();
        QCOMPARE(st.connection, SyncStatus::Connection::Error);
        QVERIFY2(st.lastError.contains(u"another account or user"_s), qPrintable(st.lastError));
        QCOMPARE(second.scalar(u"SELECT count(*) FROM editions"_s), editions);
    }

    void offlineEditIsPushedWhenOnline()
    {
        auto c = client(u"writer@northwind.example"_s);
        QVERIFY(c->signIn());
        QVERIFY(c->syncOnce().ok);
        c->engine->start();
        c->engine->setWorkOffline(true);
        QCOMPARE(c->engine->status().connection, SyncStatus::Connection::WorkingOffline);
        const qint64 edition = draftEdition(1);
        EditionEdit edit;
        edit.title = u"Written offline"_s;
        QVERIFY(c->edit(edition, edit));
        QCOMPARE(c->text(u"SELECT title FROM editions WHERE id = ?"_s, { edition }), u"Written offline"_s);
        QCOMPARE(c->scalar(u"SELECT count(*) FROM outbox"_s), 1);
        QTRY_COMPARE(c->engine->status().pending, 1);
        QVERIFY(serverValue(u"SELECT title FROM editions WHERE id = ?"_s, { edition }).toString() != u"Written offline"_s);

        c->engine->setWorkOffline(false);
        QTRY_COMPARE_WITH_TIMEOUT(c->engine->status().pending, 0, 15000);
        QCOMPARE(serverValue(u"SELECT title FROM editions WHERE id = ?"_s, { edition }).toString(), u"Written offline"_s);
        QCOMPARE(c->scalar(u"SELECT count(*) FROM outbox"_s), 0);
        QCOMPARE(c->scalar(u"SELECT count(*) FROM server_copies"_s), 0);
        QCOMPARE(c->scalar(u"SELECT lock_version FROM editions WHERE id = ?"_s, { edition }),
                 serverValue(u"SELECT lock_version FROM editions WHERE id = ?"_s, { edition }).toLongLong());
    }

    void documentCreatedOfflineWithFollowUps()
    {
        auto c = client(u"writer@northwind.example"_s);
        QVERIFY(c->signIn());
        QVERIFY(c->syncOnce().ok);
        const qint64 site = c->scalar(u"SELECT id FROM sites ORDER BY id LIMIT 1"_s);
        const qint64 sector = c->scalar(u"SELECT id FROM sectors WHERE site_id = ? ORDER BY id LIMIT 1"_s, { site });
        const qint64 schema = c->scalar(u"SELECT schema_id FROM documents WHERE site_id = ? ORDER BY id LIMIT 1"_s, { site });
        const QJsonObject fields = QJsonDocument::fromJson(
                                       c->text(u"SELECT fields FROM edition_content c JOIN editions e ON e.id = c.edition_id "
                                               "WHERE e.schema_id = ? ORDER BY e.id LIMIT 1"_s,
                                               { schema })
                                           .toUtf8())
                                       .object();
        c->engine->setWorkOffline(true);
        NewDocument n { site, sector, schema, u"Made on the train"_s, fields, u"first"_s };
        std::optional<Result<Id>> created;
        c->engine->createDocument(n, [&](Result<Id> id) { created = id; });
        QTRY_VERIFY(created.has_value());
        QVERIFY(created->ok());
        const Id localEdition = created->value();
        QVERIFY(localEdition < 0);
        // Edited and remarked before it ever reached the server.
        EditionEdit edit;
        edit.title = u"Made on the train, edited"_s;
        const Status edited = c->edit(localEdition, edit);
        QVERIFY2(edited.ok(), qPrintable(edited ? QString() : edited.error().message));
        std::optional<Status> remarked;
        c->engine->addRemark(localEdition, u"Check the photo credit"_s, [&](Status st) { remarked = st; });
        QTRY_VERIFY(remarked.has_value());
        QVERIFY(remarked->ok());
        QCOMPARE(c->scalar(u"SELECT count(*) FROM outbox"_s), 2);   // the edit folded into the create
        c->engine->setWorkOffline(false);
        const SyncSummary summary = c->syncOnce();
        QVERIFY2(summary.ok, qPrintable(summary.error));
        QCOMPARE(summary.pushed, 2);
        QCOMPARE(c->scalar(u"SELECT count(*) FROM outbox"_s), 0);
        QCOMPARE(c->scalar(u"SELECT count(*) FROM editions WHERE id < 0"_s), 0);
        QCOMPARE(c->scalar(u"SELECT count(*) FROM documents WHERE id < 0"_s), 0);
        const qint64 serverEdition = serverValue(u"SELECT id FROM editions WHERE title = 'Made on the train, edited'"_s).toLongLong();
        QVERIFY(serverEdition > 0);
        QCOMPARE(c->text(u"SELECT title FROM editions WHERE id = ?"_s, { serverEdition }), u"Made on the train, edited"_s);
        QCOMPARE(serverValue(u"SELECT count(*) FROM editorial_remarks WHERE edition_id = ? AND body = ?"_s,
                             { serverEdition, u"Check the photo credit"_s })
                     .toLongLong(),
                 1);
        QCOMPARE(c->scalar(u"SELECT count(*) FROM editorial_remarks WHERE edition_id = ?"_s, { serverEdition }), 1);
    }

    void concurrentEditsMergeOrConflict()
    {
        auto a = client(u"writer@northwind.example"_s);
        auto b = client(u"amara.okafor@northwind.example"_s);
        QVERIFY(a->signIn());
        QVERIFY(b->signIn());
        QVERIFY(a->syncOnce().ok);
        QVERIFY(b->syncOnce().ok);
        const qint64 edition = draftEdition(2);

        // Different fields: merged without asking.
        EditionEdit title;
        title.title = u"Title by A"_s;
        EditionEdit note;
        note.changeNote = u"Note by B"_s;
        QVERIFY(a->edit(edition, title));
        QVERIFY(b->edit(edition, note));
        QVERIFY(a->syncOnce().ok);
        const SyncSummary merged = b->syncOnce();
        QVERIFY2(merged.ok, qPrintable(merged.error));
        QCOMPARE(merged.conflicts, 0);
        QCOMPARE(serverValue(u"SELECT title FROM editions WHERE id = ?"_s, { edition }).toString(), u"Title by A"_s);
        QCOMPARE(serverValue(u"SELECT change_note FROM editions WHERE id = ?"_s, { edition }).toString(), u"Note by B"_s);
        QVERIFY(b->syncOnce().ok);
        QCOMPARE(b->text(u"SELECT title FROM editions WHERE id = ?"_s, { edition }), u"Title by A"_s);

        // The same field: a conflict record, nothing overwritten.
        QVERIFY(a->syncOnce().ok);
        EditionEdit mine;
        mine.title = u"Mine"_s;
        EditionEdit theirs;
        theirs.title = u"Theirs"_s;
        QVERIFY(a->edit(edition, theirs));
        QVERIFY(b->edit(edition, mine));
        QVERIFY(a->syncOnce().ok);
        const SyncSummary conflicted = b->syncOnce();
        QCOMPARE(conflicted.conflicts, 1);
        QCOMPARE(serverValue(u"SELECT title FROM editions WHERE id = ?"_s, { edition }).toString(), u"Theirs"_s);
        QCOMPARE(b->scalar(u"SELECT count(*) FROM conflicts"_s), 1);
        QCOMPARE(b->text(u"SELECT title FROM editions WHERE id = ?"_s, { edition }), u"Mine"_s);   // still shown locally
        const qint64 outboxId = b->scalar(u"SELECT id FROM outbox WHERE state = 'conflict'"_s);
        QSqlDatabase db = b->db();
        auto record = OutboxReader::conflictFor(db, outboxId);
        QVERIFY(record.ok());
        QCOMPARE(record->theirs.value("title"_L1).toString(), u"Theirs"_s);
        QCOMPARE(record->mine.value("title"_L1).toString(), u"Mine"_s);
        QCOMPARE(record->base.value("title"_L1).toString(), u"Title by A"_s);
        QCOMPARE(record->theirsBy, serverValue(u"SELECT name FROM users WHERE email = 'writer@northwind.example'"_s).toString());

        // Resolved with "mine": sent against the server's lock_version.
        QJsonObject resolved = record->theirs;
        resolved.insert(u"title"_s, u"Mine after all"_s);
        std::optional<Status> done;
        b->engine->resolveConflict(outboxId, resolved, [&](Status st) { done = st; });
        QTRY_VERIFY(done.has_value());
        QVERIFY(done->ok());
        QVERIFY(b->syncOnce().ok);
        QCOMPARE(serverValue(u"SELECT title FROM editions WHERE id = ?"_s, { edition }).toString(), u"Mine after all"_s);
        QCOMPARE(b->scalar(u"SELECT count(*) FROM conflicts"_s), 0);
        QCOMPARE(b->scalar(u"SELECT count(*) FROM outbox"_s), 0);
    }

    void refusedChangeIsMarkedAndFixable()
    {
        auto c = client(u"writer@northwind.example"_s);
        QVERIFY(c->signIn());
        QVERIFY(c->syncOnce().ok);
        const qint64 edition = draftEdition(3);
        EditionEdit bad;
        bad.title = QString(5000, u'x');
        QVERIFY(c->edit(edition, bad));
        const SyncSummary refused = c->syncOnce();
        QCOMPARE(refused.errors, 1);
        QCOMPARE(c->text(u"SELECT state FROM outbox"_s), u"failed"_s);
        QVERIFY(c->text(u"SELECT field_errors FROM outbox"_s).contains(u"/title"_s));
        // Fixing it replaces the refused change, which then goes through.
        EditionEdit good;
        good.title = u"A sensible title"_s;
        QVERIFY(c->edit(edition, good));
        QCOMPARE(c->scalar(u"SELECT count(*) FROM outbox"_s), 1);
        const SyncSummary fixed = c->syncOnce();
        QVERIFY2(fixed.ok, qPrintable(fixed.error));
        QCOMPARE(fixed.errors, 0);
        QCOMPARE(serverValue(u"SELECT title FROM editions WHERE id = ?"_s, { edition }).toString(), u"A sensible title"_s);
    }

    void liveUpdateArrivesWithoutPolling()
    {
        auto watcher = client(u"editor@northwind.example"_s);
        auto writer = client(u"amara.okafor@northwind.example"_s);
        QVERIFY(watcher->signIn());
        QVERIFY(writer->signIn());
        QVERIFY(watcher->syncOnce().ok);
        QVERIFY(writer->syncOnce().ok);
        watcher->engine->start();
        QTRY_VERIFY_WITH_TIMEOUT(watcher->engine->status().liveUpdates, 10000);
        const qint64 edition = draftEdition(4);
        EditionEdit edit;
        edit.title = u"Seen live"_s;
        QVERIFY(writer->edit(edition, edit));
        QVERIFY(writer->syncOnce().ok);
        QTRY_COMPARE_WITH_TIMEOUT(watcher->text(u"SELECT title FROM editions WHERE id = ?"_s, { edition }), u"Seen live"_s, 3000);
    }
};

QTEST_GUILESS_MAIN(TestSyncEngine)
#include "tst_syncengine.moc"
