// The sync client in the real main window (offscreen), against the real server: the status
// indicator and the Outbox follow a change queued offline until it is sent, and the merge dialog
// resolves a real conflict produced by two clients. With GALLEY_SCREENSHOT_DIR set, the states
// are saved as PNG files.
#include "synctestkit.h"

#include "contentview.h"
#include "itemmodels/editiontablemodel.h"
#include "mainwindow.h"
#include "mergedialog.h"
#include "outboxview.h"
#include "synccontroller.h"
#include "syncstatuswidget.h"

#include <QAbstractButton>
#include <QApplication>
#include <QDockWidget>
#include <QPushButton>
#include <QTableView>

using namespace Galley;
using namespace Galley::Testing;
using namespace Qt::StringLiterals;

class TestSyncGui : public QObject
{
    Q_OBJECT

private:
    ServerDatabase m_database;
    ServerProcess m_server;
    QTemporaryDir m_dir;

    void shoot(QWidget *w, const QString &name)
    {
        const QString dir = qEnvironmentVariable("GALLEY_SCREENSHOT_DIR");
        if (dir.isEmpty())
            return;
        QTest::qWait(300);
        w->grab().save(dir + u'/' + name + u".png"_s);
    }

    std::unique_ptr<MainWindow> window(const QString &email)
    {
        auto w = std::make_unique<MainWindow>();
        w->resize(1400, 860);
        const QString path = m_dir.filePath(email + u".galley"_s);
        if (!w->openWorkspace(path))
            return nullptr;
        w->show();
        w->connectToServer(m_server.baseUrl(), email, demoPassword(email));
        return w;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(m_database.create(u"sqlite"_s));
        QVERIFY(m_server.start(m_database, true, { u"--write-rate"_s, u"0"_s }));
    }

    void cleanupTestCase() { m_server.stop(); }

    void queuedChangeOfflineThenOnline()
    {
        auto w = window(u"writer@northwind.example"_s);
        QVERIFY(w);
        QVERIFY(w->syncController());
        SyncEngine *engine = w->syncController()->engine();
        SyncStatusWidget *status = w->syncController()->statusWidget();
        QTRY_VERIFY_WITH_TIMEOUT(engine->status().lastSync.isValid(), 60000);
        QTRY_COMPARE(engine->status().connection, SyncStatus::Connection::Online);
        QTRY_VERIFY_WITH_TIMEOUT(w->contentView()->model()->rowCount() > 0, 10000);   // the list filled in place

        auto *offline = w->findChild<QAction *>(u"actionWorkOffline"_s);
        QVERIFY(offline && offline->isEnabled());
        offline->trigger();
        QTRY_COMPARE(engine->status().connection, SyncStatus::Connection::WorkingOffline);
        QVERIFY(status->connectionText().contains(u"offline"_s, Qt::CaseInsensitive));

        Client reader(w->workspacePath(), m_server.baseUrl(), u"writer@northwind.example"_s);
        const qint64 edition = reader.scalar(u"SELECT id FROM editions WHERE state = 'draft' ORDER BY id LIMIT 1"_s);
        QVERIFY(edition > 0);
        std::optional<Status> done;
        EditionEdit edit;
        edit.changeNote = u"Queued while offline"_s;
        engine->editEdition(edition, edit, [&done](Status st) { done = st; });
        QTRY_VERIFY(done.has_value());
        QVERIFY(done->ok());
        QTRY_COMPARE(engine->status().pending, 1);
        QVERIFY(status->pendingText().contains(u"1"_s));
        w->findChild<QAction *>(u"actionShowOutbox"_s)->trigger();
        OutboxView *outbox = w->syncController()->outboxView();
        auto *table = outbox->findChild<QTableView *>(u"outboxTable"_s);
        QVERIFY(table);
        QTRY_COMPARE(table->model()->rowCount(), 1);
        QVERIFY(!outbox->isEmptyStateShown());
        QVERIFY(w->syncController()->outboxDock()->isVisible());
        shoot(w.get(), u"sync-offline-queued"_s);

        offline->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(engine->status().pending, 0, 15000);
        QTRY_COMPARE(engine->status().connection, SyncStatus::Connection::Online);
        QTRY_COMPARE(table->model()->rowCount(), 0);
        QTRY_VERIFY(outbox->isEmptyStateShown());
        QVERIFY(!status->connectionText().contains(u"offline"_s, Qt::CaseInsensitive));
        shoot(w.get(), u"sync-online-sent"_s);
    }

    void mergeDialogResolvesARealConflict()
    {
        auto w = window(u"amara.okafor@northwind.example"_s);
        QVERIFY(w);
        SyncEngine *engine = w->syncController()->engine();
        QTRY_VERIFY_WITH_TIMEOUT(engine->status().lastSync.isValid(), 60000);
        Client other(m_dir.filePath(u"other.galley"_s), m_server.baseUrl(), u"editor@northwind.example"_s);
        QVERIFY(other.signIn());
        QVERIFY(other.syncOnce().ok);
        const qint64 edition = other.scalar(u"SELECT id FROM editions WHERE state = 'draft' ORDER BY id LIMIT 1 OFFSET 7"_s);

        engine->setWorkOffline(true);
        EditionEdit mine;
        mine.title = u"Amara's headline"_s;
        mine.changeNote = u"Tightened the lead"_s;
        std::optional<Status> done;
        engine->editEdition(edition, mine, [&done](Status st) { done = st; });
        QTRY_VERIFY(done.has_value());
        QVERIFY(done->ok());
        EditionEdit theirs;
        theirs.title = u"The editor's headline"_s;
        QVERIFY(other.edit(edition, theirs));
        QVERIFY(other.syncOnce().ok);
        engine->setWorkOffline(false);
        QTRY_COMPARE_WITH_TIMEOUT(engine->status().conflicts, 1, 15000);

        // Outbox › Resolve Conflict… opens the merge dialog on the real record.
        w->syncController()->showOutbox();
        Client reader(w->workspacePath(), m_server.baseUrl(), u"amara.okafor@northwind.example"_s);
        const qint64 outboxId = reader.scalar(u"SELECT id FROM outbox WHERE state = 'conflict'"_s);
        QVERIFY(outboxId > 0);
        w->syncController()->openConflict(outboxId);
        MergeDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = w->findChild<MergeDialog *>()) != nullptr);
        QTRY_VERIFY(dialog->isVisible());
        QVERIFY(!dialog->isComplete());   // the title needs a decision
        QVERIFY(!dialog->sendButton()->isEnabled());
        shoot(dialog, u"sync-merge-dialog"_s);
        auto *keepMine = dialog->findChild<QAbstractButton *>(u"keepMine:/title"_s);
        QVERIFY(keepMine);
        keepMine->click();
        QVERIFY(dialog->isComplete());
        QVERIFY(dialog->sendButton()->isEnabled());
        dialog->sendButton()->click();
        QTRY_COMPARE_WITH_TIMEOUT(engine->status().pending, 0, 15000);
        QVERIFY(other.syncOnce().ok);
        QCOMPARE(other.text(u"SELECT title FROM editions WHERE id = ?"_s, { edition }), u"Amara's headline"_s);
        QCOMPARE(other.text(u"SELECT change_note FROM editions WHERE id = ?"_s, { edition }), u"Tightened the lead"_s);
    }
};

QTEST_MAIN(TestSyncGui)
#include "tst_syncgui.moc"
