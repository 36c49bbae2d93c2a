// The action bar against real replicas of a real galley-server: for each demo role, exactly the
// events workflow.md offers on a submitted edition, enabled as the rules allow, the others
// disabled with the reason in their tooltip.
#include "sync/synctestkit.h"

#include "../common/serverdatabase.h"
#include "../common/serverprocess.h"

#include "store/editionquery.h"
#include "store/storeworker.h"
#include "workflow/workflowcontext.h"
#include "workflowactionbar.h"

#include <QApplication>
#include <QDir>
#include <QPushButton>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Galley;
using namespace Galley::Testing;
using namespace Qt::StringLiterals;
using Workflow::Event;

class TestWorkflowActionBar : public QObject
{
    Q_OBJECT

private:
    ServerDatabase m_database;
    ServerProcess m_server;
    QTemporaryDir m_dir;
    Id m_submittedByWriter = 0;
    Id m_submittedByEditor = 0;

    std::unique_ptr<Client> client(const QString &email)
    {
        return std::make_unique<Client>(m_dir.filePath(email + u".galley"_s), m_server.baseUrl(), email, false);
    }

    static Status fire(Client &c, Id editionId, Event event)
    {
        std::optional<Status> result;
        c.engine->transition(editionId, event, Workflow::Request {}, [&](Status st) { result = st; });
        if (!QTest::qWaitFor([&] { return result.has_value(); }, 10000))
            return Error { u"timeout"_s, u"no answer"_s };
        return *result;
    }

    // Valid drafts the signed-in user may submit, first ones first.
    static QList<Id> submittableDrafts(Client &c, int howMany)
    {
        QSqlDatabase db = c.db();
        QSqlQuery q(db);
        q.exec(u"SELECT id FROM editions WHERE state = 'draft' ORDER BY id LIMIT 300"_s);
        QList<Id> ids;
        while (q.next())
            ids.append(q.value(0).toLongLong());
        QList<Id> out;
        auto actor = Workflow::signedInActor(db);
        for (Id id : std::as_const(ids)) {
            if (out.size() == howMany || !actor || !actor.value())
                break;
            auto ctx = Workflow::loadContext(db, id, *actor.value(), QDateTime::currentDateTimeUtc());
            // (Drafts citing a deny-listed link could not be force published: not these.)
            if (ctx && Workflow::decide(Event::Submit, ctx.value(), Workflow::Request {}).allowed()
                && !(ctx->linkReport && ctx->linkReport->hasDanger()))
                out.append(id);
        }
        return out;
    }

    // The bar for `email`'s replica showing `editionId`, once loaded.
    struct Shown
    {
        std::unique_ptr<Client> client;
        std::unique_ptr<StoreWorker> worker;
        std::unique_ptr<WorkflowActionBar> bar;
    };
    Shown show(const QString &email, Id editionId)
    {
        Shown s;
        s.client = client(email);
        if (!s.client->signIn() || !s.client->syncOnce().ok)
            qFatal("cannot sync %s", qPrintable(email));
        s.worker = std::make_unique<StoreWorker>(s.client->path);
        s.bar = std::make_unique<WorkflowActionBar>();
        s.bar->setWorker(s.worker.get());
        QSignalSpy loaded(s.bar.get(), &WorkflowActionBar::loaded);
        s.bar->showEdition(editionId);
        if (!QTest::qWaitFor([&] { return !loaded.isEmpty(); }, 10000))
            qFatal("the action bar did not load");
        return s;
    }

    static QStringList enabledEvents(const WorkflowActionBar &bar)
    {
        QStringList out;
        for (Event e : bar.shownEvents()) {
            if (bar.button(e)->isEnabled())
                out << Workflow::toWire(e);
        }
        return out;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(m_database.create(u"sqlite"_s));
        QVERIFY(m_server.start(m_database, true, { u"--write-rate"_s, u"0"_s }));
        auto writer = client(u"writer@northwind.example"_s);
        QVERIFY(writer->signIn());
        QVERIFY(writer->syncOnce().ok);
        const QList<Id> drafts = submittableDrafts(*writer, 2);
        QCOMPARE(drafts.size(), 2);
        m_submittedByWriter = drafts.at(0);
        QVERIFY(fire(*writer, m_submittedByWriter, Event::Submit).ok());
        QVERIFY(writer->syncOnce().ok);
        auto editor = client(u"editor@northwind.example"_s);
        QVERIFY(editor->signIn());
        QVERIFY(editor->syncOnce().ok);
        m_submittedByEditor = drafts.at(1);
        QVERIFY(fire(*editor, m_submittedByEditor, Event::Submit).ok());
        QVERIFY(editor->syncOnce().ok);
    }

    void enabledSetPerRole_data()
    {
        QTest::addColumn<QString>("email");
        QTest::addColumn<QStringList>("enabled");
        const QStringList all { u"reject"_s, u"publish"_s, u"force_publish"_s, u"schedule"_s, u"force_schedule"_s, u"delete"_s };
        QTest::newRow("viewer") << u"viewer@northwind.example"_s << QStringList();
        QTest::newRow("writer") << u"writer@northwind.example"_s << QStringList { u"delete"_s };
        QTest::newRow("schema designer") << u"schemas@northwind.example"_s << QStringList { u"delete"_s };
        QTest::newRow("editor") << u"editor@northwind.example"_s << all;
        QTest::newRow("managing editor") << u"managing.editor@northwind.example"_s << all;
        QTest::newRow("admin") << u"admin@northwind.example"_s << all;
    }

    void enabledSetPerRole()
    {
        QFETCH(QString, email);
        QFETCH(QStringList, enabled);
        Shown s = show(email, m_submittedByWriter);
        QVERIFY(s.bar->isVisibleTo(nullptr) || !s.bar->isHidden());
        QStringList shown;
        for (Event e : s.bar->shownEvents())
            shown << Workflow::toWire(e);
        QCOMPARE(shown, (QStringList { u"reject"_s, u"publish"_s, u"force_publish"_s, u"schedule"_s, u"force_schedule"_s,
                                       u"delete"_s }));
        QCOMPARE(enabledEvents(*s.bar), enabled);
        for (Event e : s.bar->shownEvents()) {
            QPushButton *b = s.bar->button(e);
            QCOMPARE(b->toolTip().isEmpty(), b->isEnabled());
        }
        if (email.startsWith(u"writer"_s)) {
            QCOMPARE(s.bar->button(Event::Publish)->toolTip(),
                     u"Only an editor or above may publish an edition; your role is writer"_s);
        }
    }

    // The content tab's queues, through the query the list runs.
    void workQueues()
    {
        auto editor = client(u"editor@northwind.example"_s);
        QVERIFY(editor->signIn());
        QVERIFY(editor->syncOnce().ok);
        QSqlDatabase db = editor->db();
        const Id me = editor->scalar(u"SELECT user_id FROM workspace WHERE id = 1"_s);
        QVERIFY(me > 0);
        auto ids = [&](EditionFilter::Queue queue) {
            EditionFilter f;
            f.queue = queue;
            f.userId = me;
            QSet<Id> out;
            auto page = EditionQuery::fetchPage(db, f, EditionSort {}, std::nullopt, 100000);
            if (page) {
                for (const EditionRow &r : page->rows)
                    out.insert(r.id);
            }
            return out;
        };
        const QSet<Id> review = ids(EditionFilter::Queue::AwaitingMyReview);
        QVERIFY(review.contains(m_submittedByWriter));
        QVERIFY(!review.contains(m_submittedByEditor));
        // Submitted editions minus those whose latest submission is mine.
        const qint64 mySubmissions = editor->scalar(
                u"SELECT count(*) FROM editions e WHERE e.state = 'submitted' AND (SELECT a.user_id FROM audit_entries a "
                "WHERE a.edition_id = e.id AND a.to_state = 'submitted' AND a.at = (SELECT max(b.at) FROM audit_entries b "
                "WHERE b.edition_id = e.id AND b.to_state = 'submitted')) = ?"_s, { me });
        QVERIFY(mySubmissions >= 1);
        QCOMPARE(qint64(review.size()),
                 editor->scalar(u"SELECT count(*) FROM editions WHERE state = 'submitted'"_s) - mySubmissions);
        const QSet<Id> mine = ids(EditionFilter::Queue::MyDrafts);
        QCOMPARE(qint64(mine.size()), editor->scalar(u"SELECT count(*) FROM editions WHERE state IN ('draft','rejected') "
                                                     "AND created_by = ?"_s, { me }));
        QCOMPARE(qint64(ids(EditionFilter::Queue::Scheduled).size()),
                 editor->scalar(u"SELECT count(*) FROM editions WHERE state = 'scheduled'"_s));
        QCOMPARE(qint64(ids(EditionFilter::Queue::AwaitingApproval).size()),
                 editor->scalar(u"SELECT count(*) FROM editions WHERE state = 'published' AND force_published = 1"_s));
        QVERIFY(ids(EditionFilter::Queue::Scheduled).size() > 0);
    }

    void submitterMayNotPublish()
    {
        Shown s = show(u"editor@northwind.example"_s, m_submittedByEditor);
        QVERIFY(!s.bar->button(Event::Publish)->isEnabled());
        QCOMPARE(s.bar->button(Event::Publish)->toolTip(), u"You submitted this edition; another editor must publish it"_s);
        QVERIFY(!s.bar->button(Event::Schedule)->isEnabled());
        QCOMPARE(s.bar->button(Event::Schedule)->toolTip(), u"You submitted this edition; another editor must schedule it"_s);
        // Force publishing and rejecting their own stay open to them.
        QVERIFY2(s.bar->button(Event::ForcePublish)->isEnabled(), qPrintable(s.bar->button(Event::ForcePublish)->toolTip()));
        QVERIFY(s.bar->button(Event::Reject)->isEnabled());
        if (const QString dir = qEnvironmentVariable("GALLEY_SCREENSHOT_DIR"); !dir.isEmpty()) {
            s.bar->resize(900, s.bar->sizeHint().height());
            QDir().mkpath(dir);
            s.bar->grab().save(dir + u"/action-bar-own-submission.png"_s);
        }
    }
};

QTEST_MAIN(TestWorkflowActionBar)
#include "tst_workflowactionbar.moc"
