// Workflow decisions made offline, against the real galley-server on loopback: they show at once
// in the reviewer's replica, travel through the outbox with the lock version the reviewer saw, and
// a decision on an edition that moved meanwhile is refused by the server — the desktop then shows
// the server's edition and says who acted instead of applying it.
#include "sync/synctestkit.h"

#include "../common/serverdatabase.h"
#include "../common/serverprocess.h"

#include "sync/outbox.h"
#include "sync/syncstore.h"
#include "workflow/workflowcontext.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Galley;
using namespace Galley::Testing;
using namespace Qt::StringLiterals;

class TestWorkflowSync : public QObject
{
    Q_OBJECT

private:
    ServerDatabase m_database;
    ServerProcess m_server;
    QTemporaryDir m_dir;

    std::unique_ptr<Client> client(const QString &email)
    {
        return std::make_unique<Client>(m_dir.filePath(email + u".galley"_s), m_server.baseUrl(), email, false);
    }

    static Status fire(Client &c, Id editionId, Workflow::Event event, const Workflow::Request &request = {})
    {
        std::optional<Status> result;
        c.engine->transition(editionId, event, request, [&](Status st) { result = st; });
        if (!QTest::qWaitFor([&] { return result.has_value(); }, 10000))
            return Error { u"timeout"_s, u"the local transition did not finish"_s };
        return *result;
    }

    QVariant serverValue(const QString &sql)
    {
        const QString name = u"server-db"_s;
        QSqlDatabase db = QSqlDatabase::contains(name) ? QSqlDatabase::database(name) : QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
        if (!db.isOpen()) {
            db.setDatabaseName(m_database.url().path());
            db.setConnectOptions(u"QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=5000"_s);
            db.open();
        }
        QSqlQuery q(db);
        if (!q.exec(sql) || !q.next())
            return {};
        return q.value(0);
    }

    // A draft of Northwind whose content is valid and that the writer may submit (first found).
    static Id submittableDraft(Client &writer)
    {
        QSqlDatabase db = writer.db();
        QSqlQuery q(db);
        q.exec(u"SELECT e.id FROM editions e JOIN sites s ON s.id = e.site_id WHERE e.state = 'draft' "
               "ORDER BY e.id LIMIT 200"_s);
        QList<Id> ids;
        while (q.next())
            ids.append(q.value(0).toLongLong());
        auto actor = Workflow::signedInActor(db);
        if (!actor || !actor.value())
            return 0;
        for (Id id : std::as_const(ids)) {
            auto c = Workflow::loadContext(db, id, *actor.value(), QDateTime::currentDateTimeUtc());
            if (c && Workflow::decide(Workflow::Event::Submit, c.value(), Workflow::Request {}).allowed())
                return id;
        }
        return 0;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(m_database.create(u"sqlite"_s));
        QVERIFY(m_server.start(m_database, true, { u"--write-rate"_s, u"0"_s }));
    }

    void offlineReviewRace()
    {
        auto writer = client(u"writer@northwind.example"_s);
        auto sofia = client(u"editor@northwind.example"_s);            // editor
        auto daniel = client(u"managing.editor@northwind.example"_s);  // managing editor
        for (Client *c : { writer.get(), sofia.get(), daniel.get() }) {
            QVERIFY(c->signIn());
            QVERIFY(c->syncOnce().ok);
        }

        const Id editionId = submittableDraft(*writer);
        QVERIFY2(editionId > 0, "the demo has no valid draft to submit");
        const Status submitted = fire(*writer, editionId, Workflow::Event::Submit);
        QVERIFY2(submitted.ok(), qPrintable(submitted.ok() ? QString() : submitted.error().message));
        QCOMPARE(writer->text(u"SELECT state FROM editions WHERE id = ?"_s, { editionId }), u"submitted"_s);
        QVERIFY(writer->syncOnce().ok);
        QCOMPARE(serverValue(u"SELECT state FROM editions WHERE id = %1"_s.arg(editionId)).toString(), u"submitted"_s);

        // Both reviewers get the submitted edition, then work without the server.
        QVERIFY(sofia->syncOnce().ok);
        QVERIFY(daniel->syncOnce().ok);
        QCOMPARE(sofia->text(u"SELECT state FROM editions WHERE id = ?"_s, { editionId }), u"submitted"_s);

        // The writer may not publish what they submitted, even locally.
        const Status own = fire(*writer, editionId, Workflow::Event::Publish);
        QVERIFY(!own.ok());
        QCOMPARE(own.error().code, u"forbidden"_s);

        QVERIFY(fire(*sofia, editionId, Workflow::Event::Publish).ok());
        Workflow::Request reject;
        reject.reason = u"The figures need a source"_s;
        QVERIFY(fire(*daniel, editionId, Workflow::Event::Reject, reject).ok());
        // Each replica shows its reviewer's decision at once, with the local remark.
        QCOMPARE(sofia->text(u"SELECT state FROM editions WHERE id = ?"_s, { editionId }), u"published"_s);
        QCOMPARE(sofia->scalar(u"SELECT major_version FROM editions WHERE id = ?"_s, { editionId }) > 0, true);
        QCOMPARE(daniel->text(u"SELECT state FROM editions WHERE id = ?"_s, { editionId }), u"rejected"_s);
        QCOMPARE(daniel->scalar(u"SELECT count(*) FROM editorial_remarks WHERE edition_id = ? AND body LIKE 'Rejected:%'"_s,
                                { editionId }),
                 1);
        QCOMPARE(daniel->scalar(u"SELECT count(*) FROM outbox WHERE path = ?"_s,
                                { u"/editions/%1/transitions"_s.arg(editionId) }),
                 1);

        // Sofia comes back first: her decision stands.
        QVERIFY(sofia->syncOnce().ok);
        QCOMPARE(serverValue(u"SELECT state FROM editions WHERE id = %1"_s.arg(editionId)).toString(), u"published"_s);
        QCOMPARE(sofia->scalar(u"SELECT count(*) FROM outbox"_s), 0);

        // Daniel's rejection was made against the submitted edition he saw: refused, undone, explained.
        daniel->syncOnce();
        QCOMPARE(serverValue(u"SELECT state FROM editions WHERE id = %1"_s.arg(editionId)).toString(), u"published"_s);
        QCOMPARE(daniel->text(u"SELECT state FROM editions WHERE id = ?"_s, { editionId }), u"published"_s);
        QCOMPARE(daniel->text(u"SELECT state FROM outbox WHERE path = ?"_s, { u"/editions/%1/transitions"_s.arg(editionId) }),
                 u"failed"_s);
        const QString why = daniel->text(u"SELECT last_error FROM outbox WHERE path = ?"_s,
                                         { u"/editions/%1/transitions"_s.arg(editionId) });
        QVERIFY2(why.contains(u"Sofia Lindqvist"_s), qPrintable(why));
        QVERIFY2(why.contains(u"Published"_s), qPrintable(why));
        QVERIFY2(why.contains(u"Reject"_s), qPrintable(why));
        QCOMPARE(daniel->scalar(u"SELECT count(*) FROM editorial_remarks WHERE edition_id = ? AND body LIKE 'Rejected:%'"_s,
                                { editionId }),
                 0);

        // The history on the server and in every replica: submitted by the writer, published by Sofia; no rejection.
        QCOMPARE(serverValue(u"SELECT count(*) FROM audit_entries WHERE edition_id = %1 AND to_state = 'rejected'"_s.arg(editionId))
                         .toInt(),
                 0);
        QCOMPARE(serverValue(u"SELECT u.name FROM audit_entries a JOIN users u ON u.id = a.user_id WHERE a.edition_id = %1 "
                             "AND a.to_state = 'published'"_s.arg(editionId))
                         .toString(),
                 u"Sofia Lindqvist"_s);
        QCOMPARE(daniel->scalar(u"SELECT count(*) FROM audit_entries WHERE edition_id = ? AND to_state = 'published' "
                                "AND user_id = (SELECT id FROM users WHERE name = 'Sofia Lindqvist')"_s,
                                { editionId }),
                 1);
        QCOMPARE(daniel->scalar(u"SELECT count(*) FROM audit_entries WHERE edition_id = ? AND id < 0"_s, { editionId }), 0);

        // Dismissing the refusal leaves the server's edition as it is.
        const qint64 refused = daniel->scalar(u"SELECT id FROM outbox WHERE path = ?"_s,
                                              { u"/editions/%1/transitions"_s.arg(editionId) });
        std::optional<Status> dismissed;
        daniel->engine->discard(refused, [&](Status st) { dismissed = st; });
        QVERIFY(QTest::qWaitFor([&] { return dismissed.has_value(); }, 10000));
        QVERIFY(dismissed->ok());
        QCOMPARE(daniel->text(u"SELECT state FROM editions WHERE id = ?"_s, { editionId }), u"published"_s);
        QCOMPARE(daniel->scalar(u"SELECT count(*) FROM outbox"_s), 0);
    }

    // "Check Links" goes through the outbox; the server's report comes back with the feed.
    void checkLinksThroughOutbox()
    {
        auto writer = client(u"writer@northwind.example"_s);
        QVERIFY(writer->signIn());
        QVERIFY(writer->syncOnce().ok);
        const Id editionId = writer->scalar(u"SELECT id FROM editions WHERE state = 'draft' ORDER BY id LIMIT 1"_s);
        QVERIFY(editionId > 0);
        const qint64 before = writer->scalar(u"SELECT count(*) FROM link_check_reports WHERE edition_id = ?"_s, { editionId });
        std::optional<Status> queued;
        writer->engine->checkLinks(editionId, [&](Status st) { queued = st; });
        QVERIFY(QTest::qWaitFor([&] { return queued.has_value(); }, 10000));
        QVERIFY(queued->ok());
        QCOMPARE(writer->scalar(u"SELECT count(*) FROM outbox WHERE path = ?"_s, { u"/editions/%1/link-check"_s.arg(editionId) }), 1);
        // Asking twice while one request waits queues nothing more.
        queued.reset();
        writer->engine->checkLinks(editionId, [&](Status st) { queued = st; });
        QVERIFY(QTest::qWaitFor([&] { return queued.has_value(); }, 10000));
        QCOMPARE(writer->scalar(u"SELECT count(*) FROM outbox"_s), 1);
        QVERIFY(writer->syncOnce().ok);
        QCOMPARE(writer->scalar(u"SELECT count(*) FROM outbox"_s), 0);
        const bool arrived = QTest::qWaitFor([&] {
            writer->syncOnce();
            return writer->scalar(u"SELECT count(*) FROM link_check_reports WHERE edition_id = ?"_s, { editionId }) > before;
        }, 30000);
        QVERIFY2(arrived, qPrintable(u"server reports: %1 (%2), replica before %3"_s
                                             .arg(serverValue(u"SELECT count(*) FROM link_check_reports WHERE edition_id = %1"_s.arg(editionId)).toString(),
                                                  serverValue(u"SELECT group_concat(status) FROM link_check_reports WHERE edition_id = %1"_s.arg(editionId)).toString())
                                             .arg(before)));
    }
};

QTEST_GUILESS_MAIN(TestWorkflowSync)
#include "tst_workflowsync.moc"
