#include "../common/demofixture.h"
#include "itemmodels/deploymentlistmodel.h"
#include "itemmodels/editiontablemodel.h"
#include "itemmodels/schemalistmodel.h"
#include "itemmodels/tenanttreemodel.h"
#include "store/editionquery.h"
#include "store/replicareader.h"

#include <QAbstractItemModelTester>
#include <QItemSelectionModel>
#include <QListView>
#include <QScrollBar>
#include <QSet>
#include <QSignalSpy>
#include <QSqlError>
#include <QTableView>
#include <QTreeView>

using namespace Galley;
using namespace Qt::StringLiterals;
using Galley::Testing::DemoFixture;

// updateInPlace() on every replica model: rows written behind the model's back (as sync
// does) arrive as removals, moves, insertions and dataChanged, never as a reset, and a
// view keeps its current row, selection and scroll position through them.
class TestInPlaceUpdates : public QObject
{
    Q_OBJECT

    std::unique_ptr<DemoFixture> m_demo;

    QSqlDatabase db() const { return m_demo->store->connection(); }

    // Runs a statement on the test's own connection: the rows it changed, or -1.
    qint64 exec(const QString &sql, const QVariantList &binds = {}) const { return run(sql, binds, false); }
    // An INSERT: the new row's id, or -1.
    qint64 insert(const QString &sql, const QVariantList &binds = {}) const { return run(sql, binds, true); }

    qint64 run(const QString &sql, const QVariantList &binds, bool inserting) const
    {
        QSqlQuery q(db());
        if (!q.prepare(sql)) {
            qWarning("%s: %s", qPrintable(sql), qPrintable(q.lastError().text()));
            return -1;
        }
        for (int i = 0; i < binds.size(); ++i)
            q.bindValue(i, binds.at(i));
        if (!q.exec()) {
            qWarning("%s: %s", qPrintable(sql), qPrintable(q.lastError().text()));
            return -1;
        }
        return inserting ? q.lastInsertId().toLongLong() : q.numRowsAffected();
    }

    static QList<Id> ids(const EditionTableModel &m)
    {
        QList<Id> out;
        for (int r = 0; r < m.rowCount(); ++r)
            out.append(m.rowAt(r)->id);
        return out;
    }

    static QList<Id> ids(const DeploymentListModel &m)
    {
        QList<Id> out;
        for (int r = 0; r < m.rowCount(); ++r)
            out.append(m.rowAt(r)->record.id);
        return out;
    }

    static QList<Id> ids(const QAbstractItemModel &m, int idRole, const QModelIndex &parent = {})
    {
        QList<Id> out;
        for (int r = 0; r < m.rowCount(parent); ++r)
            out.append(m.index(r, 0, parent).data(idRole).toLongLong());
        return out;
    }

    // What the edition list should show: the first `limit` rows, read directly.
    QList<Id> expectedEditions(const EditionTableModel &m, int limit) const
    {
        QSqlDatabase conn = db();
        auto page = EditionQuery::fetchPage(conn, m.filter(), m.sortOrder(), std::nullopt, limit);
        if (!page) {
            qWarning("%s", qPrintable(page.error().message));
            return {};
        }
        QList<Id> out;
        for (const EditionRow &r : page.value().rows)
            out.append(r.id);
        return out;
    }

    static void loadAll(EditionTableModel &model)
    {
        QSignalSpy first(&model, &EditionTableModel::firstPageLoaded);
        model.refresh();
        QTRY_COMPARE(first.size(), 1);
        for (;;) {
            QTRY_VERIFY(!model.isLoading());   // the tester fetches pages too
            if (model.atEnd())
                break;
            const int before = model.rowCount();
            model.fetchMore({});
            QTRY_VERIFY(model.rowCount() > before || model.atEnd());
        }
    }

    // Rows named by the signals of spy (rowsInserted / rowsRemoved / dataChanged: first, last at 1, 2).
    static int rowsIn(const QSignalSpy &spy)
    {
        int n = 0;
        for (const auto &args : spy)
            n += args.at(2).toInt() - args.at(1).toInt() + 1;
        return n;
    }

    static void showAndWait(QWidget &view)
    {
        view.resize(700, 320);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
    }

private Q_SLOTS:
    void init()
    {
        m_demo = std::make_unique<DemoFixture>();
        QVERIFY(m_demo->create());
    }

    void cleanup() { m_demo.reset(); }

    void editionRowsChangeInPlace()
    {
        EditionTableModel model(m_demo->worker.get());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.setPageSize(50);
        loadAll(model);
        const QList<Id> before = ids(model);
        QVERIFY(before.size() > 100);
        QCOMPARE(before, expectedEditions(model, 100000));

        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        QSignalSpy moved(&model, &QAbstractItemModel::rowsMoved);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy totals(&model, &EditionTableModel::totalCountChanged);
        QSignalSpy done(&model, &EditionTableModel::updatedInPlace);

        const Id retitled = before.at(10);
        const Id deleted = before.at(20);
        const Id hidden = before.at(30);
        const Id bumped = before.at(40);
        const Id neighbour = before.at(5);
        QVERIFY(exec(u"UPDATE editions SET title = title || ' (revised)' WHERE id = ?"_s, { retitled }) == 1);
        QVERIFY(exec(u"DELETE FROM editions WHERE id = ?"_s, { deleted }) == 1);
        QVERIFY(exec(u"UPDATE editions SET state = 'deleted' WHERE id = ?"_s, { hidden }) == 1);
        // The newest edition now: it moves to the top.
        QVERIFY(exec(u"UPDATE editions SET updated_at = (SELECT max(updated_at) FROM editions) + 60000 WHERE id = ?"_s,
                     { bumped }) == 1);
        // Same update time as an edition near the top and a higher id: sorts right in front of it.
        const Id added = insert(u"INSERT INTO editions (account_id, document_id, site_id, sector_id, schema_id, schema_name, "
                                "sector_name, title, state, created_at, updated_at) SELECT account_id, document_id, site_id, "
                                "sector_id, schema_id, schema_name, sector_name, 'Arrived by sync', 'superseded', created_at, "
                                "updated_at FROM editions WHERE id = ?"_s,
                                { neighbour });
        QVERIFY(added > 0);

        model.updateInPlace();
        QVERIFY(model.isUpdating());
        QTRY_COMPARE(done.size(), 1);
        QVERIFY(!model.isUpdating());
        QCOMPARE(resets.size(), 0);

        const QList<Id> after = ids(model);
        QCOMPARE(after, expectedEditions(model, 100000));
        QVERIFY(model.atEnd());
        QCOMPARE(rowsIn(removed), 2);
        QCOMPARE(rowsIn(inserted), 1);
        QVERIFY(moved.size() >= 1);
        QCOMPARE(after.first(), bumped);
        QCOMPARE(after.at(after.indexOf(neighbour) - 1), added);
        QVERIFY(!after.contains(deleted) && !after.contains(hidden));

        // dataChanged for exactly the rows whose data changed, with the roles that did.
        QSet<Id> changedIds;
        for (const auto &args : std::as_const(changed)) {
            const QModelIndex tl = args.at(0).value<QModelIndex>();
            const QModelIndex br = args.at(1).value<QModelIndex>();
            QCOMPARE(tl.row(), br.row());
            changedIds.insert(tl.data(EditionTableModel::IdRole).toLongLong());
        }
        QCOMPARE(changedIds, (QSet<Id> { retitled, bumped }));
        const int retitledRow = model.rowOfEdition(retitled);
        QVERIFY(model.index(retitledRow, EditionTableModel::TitleColumn).data().toString().endsWith(u" (revised)"));
        const QList<QVariant> stats = done.first();
        QCOMPARE(stats.at(0).toInt(), 2);   // removed
        QCOMPARE(stats.at(1).toInt(), 1);   // inserted
        QVERIFY(stats.at(2).toInt() >= 1);  // moved
        QCOMPARE(stats.at(3).toInt(), 2);   // changed in place

        QTRY_VERIFY(!totals.isEmpty());
        QCOMPARE(model.totalCount(), qint64(after.size()));
        QCOMPARE(model.totalCount(),
                 m_demo->scalar(u"SELECT count(*) FROM editions WHERE state <> 'deleted'"_s).toLongLong());

        // Nothing changed: nothing is signalled but the (unchanged) count.
        inserted.clear();
        removed.clear();
        moved.clear();
        changed.clear();
        model.updateInPlace();
        QTRY_COMPARE(done.size(), 2);
        QCOMPARE(inserted.size() + removed.size() + moved.size() + changed.size(), 0);
        QCOMPARE(resets.size(), 0);
    }

    // Without a model tester, which would page through everything: the window of rows
    // loaded stays a window, and fetchMore() goes on from its new last row.
    void editionWindowStaysAWindow()
    {
        EditionTableModel model(m_demo->worker.get());
        model.setPageSize(20);
        QSignalSpy first(&model, &EditionTableModel::firstPageLoaded);
        QSignalSpy done(&model, &EditionTableModel::updatedInPlace);
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        model.refresh();
        QTRY_COMPARE(first.size(), 1);
        resets.clear();
        QCOMPARE(model.rowCount(), 20);
        QVERIFY(!model.atEnd());
        const QList<Id> before = ids(model);

        // A new edition near the top pushes the window's last row out; a deleted one pulls the next one in.
        QVERIFY(insert(u"INSERT INTO editions (account_id, document_id, site_id, sector_id, schema_id, title, state, "
                       "created_at, updated_at) SELECT account_id, document_id, site_id, sector_id, schema_id, 'New', "
                       "'superseded', created_at, updated_at FROM editions WHERE id = ?"_s,
                       { before.at(3) }) > 0);
        model.updateInPlace();
        // A view scrolling to the end meanwhile: the page is asked for after the update.
        QVERIFY(model.canFetchMore({}));
        model.fetchMore({});
        QVERIFY(model.isLoading());
        QVERIFY(!model.canFetchMore({}));
        QTRY_COMPARE(done.size(), 1);
        QTRY_VERIFY(!model.isLoading());
        QCOMPARE(model.rowCount(), 40);
        QCOMPARE(ids(model), expectedEditions(model, 40));

        QVERIFY(exec(u"DELETE FROM editions WHERE id = ?"_s, { before.at(0) }) == 1);
        model.updateInPlace();
        QTRY_COMPARE(done.size(), 2);
        QCOMPARE(model.rowCount(), 40);
        QCOMPARE(ids(model), expectedEditions(model, 40));
        QVERIFY(!model.atEnd());

        // Paging on from there neither skips nor repeats a row.
        while (!model.atEnd()) {
            QTRY_VERIFY(model.canFetchMore({}));
            const int rows = model.rowCount();
            model.fetchMore({});
            QTRY_VERIFY(!model.isLoading());
            QVERIFY(model.rowCount() > rows || model.atEnd());
        }
        QCOMPARE(ids(model), expectedEditions(model, 100000));
        QCOMPARE(resets.size(), 0);
    }

    void editionUpdatesCoalesce()
    {
        EditionTableModel model(m_demo->worker.get());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.setPageSize(100);
        loadAll(model);
        QSignalSpy done(&model, &EditionTableModel::updatedInPlace);
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        const QList<Id> before = ids(model);

        QVERIFY(exec(u"UPDATE editions SET title = 'First burst' WHERE id = ?"_s, { before.at(2) }) == 1);
        for (int i = 0; i < 10; ++i)
            model.updateInPlace();
        QVERIFY(exec(u"UPDATE editions SET state = 'deleted' WHERE id = ?"_s, { before.at(4) }) == 1);
        for (int i = 0; i < 10; ++i)
            model.updateInPlace();
        QTRY_VERIFY(!done.isEmpty());
        QTRY_VERIFY(!model.isUpdating());
        m_demo->worker->drain();
        QCoreApplication::processEvents();
        QTRY_VERIFY(!model.isUpdating());
        QVERIFY2(done.size() <= 2, qPrintable(QString::number(done.size())));   // one running, one queued
        QCOMPARE(ids(model), expectedEditions(model, 100000));
        QCOMPARE(model.index(2, 0).data().toString(), u"First burst"_s);
        QCOMPARE(resets.size(), 0);
    }

    void editionRefreshSupersedesUpdate()
    {
        EditionTableModel model(m_demo->worker.get());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.setPageSize(50);
        QSignalSpy first(&model, &EditionTableModel::firstPageLoaded);
        QSignalSpy done(&model, &EditionTableModel::updatedInPlace);

        // Asked for while the first page is on its way: runs after it.
        model.refresh();
        model.updateInPlace();
        QVERIFY(!model.isUpdating());
        QTRY_COMPARE(first.size(), 1);
        QTRY_COMPARE(done.size(), 1);

        // A new filter while an update is on its way: the update's answer is dropped.
        QTRY_VERIFY(!model.isLoading());
        model.updateInPlace();
        QVERIFY(model.isUpdating());
        EditionFilter f;
        f.state = EditionState::Published;
        model.setFilter(f);
        QVERIFY(!model.isUpdating());
        QTRY_COMPARE(first.size(), 2);
        m_demo->worker->drain();
        QCoreApplication::processEvents();
        QCOMPARE(done.size(), 1);
        QTRY_VERIFY(!model.isLoading());
        for (int r = 0; r < model.rowCount(); ++r)
            QCOMPARE(model.rowAt(r)->state, EditionState::Published);
    }

    void editionViewKeepsSelectionAndScroll()
    {
        EditionTableModel model(m_demo->worker.get());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.setPageSize(50);
        QTableView view;
        view.setSelectionBehavior(QAbstractItemView::SelectRows);
        view.setSelectionMode(QAbstractItemView::SingleSelection);
        view.setModel(&model);
        showAndWait(view);
        loadAll(model);
        QVERIFY(model.rowCount() > 120);
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        QSignalSpy done(&model, &EditionTableModel::updatedInPlace);

        view.selectRow(60);
        const Id selected = model.rowAt(60)->id;
        view.verticalScrollBar()->setValue(50);
        const int scroll = view.verticalScrollBar()->value();
        QVERIFY(scroll > 0);
        auto update = [&] {
            const qsizetype n = done.size();
            model.updateInPlace();
            QTRY_COMPARE(done.size(), n + 1);
            QCoreApplication::processEvents();
        };
        auto selectionIsOn = [&](int row) {
            QCOMPARE(view.currentIndex().row(), row);
            QCOMPARE(view.currentIndex().data(EditionTableModel::IdRole).toLongLong(), selected);
            const QModelIndexList rows = view.selectionModel()->selectedRows();
            QCOMPARE(rows.size(), 1);
            QCOMPARE(rows.first().row(), row);
        };

        // Rows below change and go.
        QVERIFY(exec(u"UPDATE editions SET title = 'Changed below' WHERE id = ?"_s, { model.rowAt(90)->id }) == 1);
        QVERIFY(exec(u"DELETE FROM editions WHERE id = ?"_s, { model.rowAt(95)->id }) == 1);
        update();
        selectionIsOn(60);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(view.verticalScrollBar()->value(), scroll);

        // A row above goes: the selection follows its edition, the view does not jump.
        QVERIFY(exec(u"DELETE FROM editions WHERE id = ?"_s, { model.rowAt(10)->id }) == 1);
        update();
        selectionIsOn(59);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(view.verticalScrollBar()->value(), scroll);

        // The selected edition itself changes.
        QVERIFY(exec(u"UPDATE editions SET title = 'Changed selected' WHERE id = ?"_s, { selected }) == 1);
        update();
        selectionIsOn(59);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(view.currentIndex().siblingAtColumn(EditionTableModel::TitleColumn).data().toString(),
                 u"Changed selected"_s);
        QCOMPARE(view.verticalScrollBar()->value(), scroll);

        // A row from below moves to the top.
        QVERIFY(exec(u"UPDATE editions SET updated_at = (SELECT max(updated_at) FROM editions) + 1000 WHERE id = ?"_s,
                     { model.rowAt(80)->id }) == 1);
        update();
        selectionIsOn(60);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(view.verticalScrollBar()->value(), scroll);

        // The selected edition moves to the top: the selection goes with it.
        QVERIFY(exec(u"UPDATE editions SET updated_at = (SELECT max(updated_at) FROM editions) + 1000 WHERE id = ?"_s,
                     { selected }) == 1);
        update();
        selectionIsOn(0);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(resets.size(), 0);
        QCOMPARE(ids(model), expectedEditions(model, 100000));
    }

    void tenantTreeChangesInPlace()
    {
        TenantTreeModel model(m_demo->worker.get());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        QTreeView view;
        view.setModel(&model);
        showAndWait(view);

        const Id account = m_demo->scalar(u"SELECT id FROM accounts ORDER BY name COLLATE NOCASE LIMIT 1"_s).toLongLong();
        const Id site = m_demo->scalar(u"SELECT s.id FROM sites s WHERE s.account_id = ? AND (SELECT count(*) FROM sectors "
                                        "WHERE site_id = s.id) >= 3 ORDER BY s.name COLLATE NOCASE LIMIT 1"_s,
                                        { account })
                            .toLongLong();
        // The site's sector with the most editions.
        const Id sector = m_demo->scalar(u"SELECT sector_id FROM editions WHERE site_id = ? AND state <> 'deleted' "
                                          "GROUP BY sector_id ORDER BY count(*) DESC LIMIT 1"_s,
                                          { site })
                              .toLongLong();
        QVERIFY(account && site && sector);
        QSignalSpy scopeLoaded(&model, &TenantTreeModel::scopeLoaded);
        model.ensureLoaded({ account, site, sector });
        QTRY_COMPARE(scopeLoaded.size(), 1);
        view.expand(model.indexForScope({ account, 0, 0 }));
        view.expand(model.indexForScope({ account, site, 0 }));
        const QModelIndex selectedIndex = model.indexForScope({ account, site, sector });
        QCOMPARE(selectedIndex.data(TenantTreeModel::IdRole).toLongLong(), sector);
        view.setCurrentIndex(selectedIndex);
        QTRY_VERIFY(selectedIndex.data(TenantTreeModel::EditionCountRole).toLongLong() > 2);
        const qint64 sectorCount = selectedIndex.data(TenantTreeModel::EditionCountRole).toLongLong();
        const int sectorRow = selectedIndex.row();
        QTRY_VERIFY(!model.isLoading());   // the tester fetches every level it sees

        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        QSignalSpy moved(&model, &QAbstractItemModel::rowsMoved);
        QSignalSpy done(&model, &TenantTreeModel::updatedInPlace);
        auto update = [&] {
            const qsizetype n = done.size();
            model.updateInPlace();
            QTRY_COMPARE(done.size(), n + 1);
        };
        auto selectionIsOnTheSector = [&] {
            const QModelIndex current = view.currentIndex();
            QCOMPARE(current.data(TenantTreeModel::IdRole).toLongLong(), sector);
            QCOMPARE(current.data(TenantTreeModel::KindRole).toInt(), int(TenantTreeModel::NodeKind::Sector));
            QCOMPARE(current.parent().data(TenantTreeModel::IdRole).toLongLong(), site);
            QCOMPARE(current.parent().parent().data(TenantTreeModel::IdRole).toLongLong(), account);
            QVERIFY(view.selectionModel()->isSelected(current));
            QVERIFY(view.isExpanded(current.parent()));
            QCOMPARE(model.scopeForIndex(current), (Scope { account, site, sector }));
        };
        auto sameAsStore = [&] {
            QSqlDatabase conn = db();
            QList<Id> accounts;
            const auto accountRows = ReplicaReader::accounts(conn);
            QVERIFY(accountRows);
            for (const Account &a : accountRows.value())
                accounts.append(a.id);
            QCOMPARE(ids(model, TenantTreeModel::IdRole), accounts);
            const QModelIndex accountIndex = model.indexForScope({ account, 0, 0 });
            QList<Id> sites;
            const auto siteRows = ReplicaReader::sites(conn, account);
            QVERIFY(siteRows);
            for (const Site &s : siteRows.value())
                sites.append(s.id);
            QCOMPARE(ids(model, TenantTreeModel::IdRole, accountIndex), sites);
            const QModelIndex siteIndex = model.indexForScope({ account, site, 0 });
            QList<Id> sectors;
            const auto sectorRows = ReplicaReader::sectors(conn, site);
            QVERIFY(sectorRows);
            for (const Sector &s : sectorRows.value())
                sectors.append(s.id);
            QCOMPARE(ids(model, TenantTreeModel::IdRole, siteIndex), sectors);
        };

        // New sectors around the selected one, a new site in front of its site, the account
        // renamed past the other one, and two of the sector's editions deleted.
        const QString newSector = u"INSERT INTO sectors (account_id, site_id, name) VALUES (?, ?, ?)"_s;
        const Id first = insert(newSector, { account, site, u"000 Breaking"_s });
        const Id last = insert(newSector, { account, site, u"zzz Archive"_s });
        const Id newSite = insert(u"INSERT INTO sites (account_id, name, domain, created_at) VALUES (?, '000 Pop-up', "
                                  "'popup.example', 0)"_s,
                                  { account });
        QVERIFY(first > 0 && last > 0 && newSite > 0);
        QVERIFY(exec(u"UPDATE accounts SET name = 'zzz ' || name WHERE id = ?"_s, { account }) == 1);
        QVERIFY(exec(u"UPDATE editions SET state = 'deleted' WHERE id IN (SELECT id FROM editions WHERE sector_id = ? "
                      "AND state <> 'deleted' LIMIT 2)"_s,
                      { sector }) == 2);
        update();
        QCOMPARE(resets.size(), 0);
        QCOMPARE(rowsIn(inserted), 3);
        QCOMPARE(removed.size(), 0);
        QVERIFY(moved.size() >= 1);   // the account
        sameAsStore();
        if (QTest::currentTestFailed())
            return;
        selectionIsOnTheSector();
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(view.currentIndex().row(), sectorRow + 1);   // '000 Breaking' came in front of it
        QCOMPARE(model.index(model.rowCount() - 1, 0).data(TenantTreeModel::IdRole).toLongLong(), account);
        QVERIFY(model.index(model.rowCount() - 1, 0).data().toString().startsWith(u"zzz "));
        QTRY_COMPARE(view.currentIndex().data(TenantTreeModel::EditionCountRole).toLongLong(), sectorCount - 2);

        // Then the new ones go again and the selected sector is renamed.
        QVERIFY(exec(u"DELETE FROM sectors WHERE id IN (?, ?)"_s, { first, last }) == 2);
        QVERIFY(exec(u"DELETE FROM sites WHERE id = ?"_s, { newSite }) == 1);
        QVERIFY(exec(u"UPDATE sectors SET name = name || ' (renamed)' WHERE id = ?"_s, { sector }) == 1);
        update();
        QCOMPARE(resets.size(), 0);
        QCOMPARE(rowsIn(removed), 3);
        sameAsStore();
        if (QTest::currentTestFailed())
            return;
        selectionIsOnTheSector();
        if (QTest::currentTestFailed())
            return;
        QVERIFY(view.currentIndex().data().toString().endsWith(u" (renamed)"));

        // The selected sector goes: its row is removed, the rest stays.
        QVERIFY(exec(u"UPDATE documents SET sector_id = (SELECT id FROM sectors WHERE site_id = ? AND id <> ? LIMIT 1) "
                      "WHERE sector_id = ?"_s,
                      { site, sector, sector }) >= 0);
        QVERIFY(exec(u"UPDATE editions SET sector_id = (SELECT id FROM sectors WHERE site_id = ? AND id <> ? LIMIT 1) "
                      "WHERE sector_id = ?"_s,
                      { site, sector, sector }) >= 0);
        QVERIFY(exec(u"DELETE FROM sectors WHERE id = ?"_s, { sector }) == 1);
        update();
        QCOMPARE(resets.size(), 0);
        sameAsStore();
        // The deepest node left on the path is the site; the current index moved to a sibling.
        QCOMPARE(model.indexForScope({ account, site, sector }).data(TenantTreeModel::IdRole).toLongLong(), site);
        QCOMPARE(view.currentIndex().parent().data(TenantTreeModel::IdRole).toLongLong(), site);
        QVERIFY(view.isExpanded(model.indexForScope({ account, site, 0 })));
    }

    void schemaListChangesInPlace()
    {
        SchemaListModel model(m_demo->worker.get());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        QListView view;
        view.setModel(&model);
        showAndWait(view);
        const Id account = m_demo->scalar(u"SELECT account_id FROM content_schemas GROUP BY account_id "
                                           "ORDER BY count(*) DESC LIMIT 1"_s)
                               .toLongLong();
        QSignalSpy loaded(&model, &SchemaListModel::loaded);
        model.setAccountId(account);
        QTRY_COMPARE(loaded.size(), 1);
        QVERIFY(model.rowCount() >= 5);
        // A schema below the second row with an 'e' in its name (the filter used later).
        int selectedRow = 2;
        auto hasE = [&](int row) { return model.schemaAt(row)->schema.name.contains(u'e', Qt::CaseInsensitive); };
        while (selectedRow < model.rowCount() && !hasE(selectedRow))
            ++selectedRow;
        QVERIFY(selectedRow < model.rowCount());
        view.setCurrentIndex(model.index(selectedRow));
        const Id selected = model.schemaAt(selectedRow)->schema.id;
        const Id other = model.schemaAt(1)->schema.id;

        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy done(&model, &SchemaListModel::updatedInPlace);
        auto update = [&] {
            const qsizetype n = done.size();
            model.updateInPlace();
            QTRY_COMPARE(done.size(), n + 1);
        };
        auto sameAsStore = [&] {
            QSqlDatabase conn = db();
            QList<Id> expected;
            const auto schemas = ReplicaReader::schemas(conn, account);
            QVERIFY(schemas);
            for (const SchemaSummary &s : schemas.value()) {
                if (model.nameFilter().isEmpty() || s.schema.name.contains(model.nameFilter(), Qt::CaseInsensitive))
                    expected.append(s.schema.id);
            }
            QCOMPARE(ids(model, SchemaListModel::IdRole), expected);
        };

        // A new schema on top, another one renamed to the end, the selected one described anew.
        const Id added = insert(u"INSERT INTO content_schemas (account_id, name, description, dialect, spec_doc, created_at, "
                                "updated_at) VALUES (?, '000 Alert', 'Breaking news banner', '2020-12', "
                                "'{\"type\":\"object\"}', 0, 0)"_s,
                                { account });
        QVERIFY(added > 0);
        QVERIFY(exec(u"UPDATE content_schemas SET name = 'zzz ' || name WHERE id = ?"_s, { other }) == 1);
        QVERIFY(exec(u"UPDATE content_schemas SET description = 'Rewritten' WHERE id = ?"_s, { selected }) == 1);
        update();
        QCOMPARE(resets.size(), 0);
        sameAsStore();
        QCOMPARE(view.currentIndex().data(SchemaListModel::IdRole).toLongLong(), selected);
        QVERIFY(view.selectionModel()->isSelected(view.currentIndex()));
        QCOMPARE(view.currentIndex().data(SchemaListModel::DescriptionRole).toString(), u"Rewritten"_s);
        QCOMPARE(model.index(0).data(SchemaListModel::IdRole).toLongLong(), added);
        QCOMPARE(model.index(model.rowCount() - 1).data(SchemaListModel::IdRole).toLongLong(), other);
        bool describedWithItsRole = false;
        for (const auto &args : std::as_const(changed)) {
            if (args.at(0).value<QModelIndex>().data(SchemaListModel::IdRole).toLongLong() == selected)
                describedWithItsRole = args.at(2).value<QList<int>>().contains(SchemaListModel::DescriptionRole);
        }
        QVERIFY(describedWithItsRole);
        const QList<QVariant> stats = done.last();
        QCOMPARE(stats.at(1).toInt(), 1);   // inserted

        // With a name filter: a schema renamed out of it goes, one renamed into it comes, one deleted goes.
        model.setNameFilter(u"e"_s);
        sameAsStore();
        QCOMPARE(view.currentIndex().data(SchemaListModel::IdRole).toLongLong(), selected);
        Id leaving = 0;
        for (int r = 0; r < model.rowCount() && !leaving; ++r) {
            const Id id = model.schemaAt(r)->schema.id;
            if (id != selected && id != added)
                leaving = id;
        }
        const Id arriving = m_demo->scalar(u"SELECT id FROM content_schemas WHERE account_id = ? AND name NOT LIKE '%e%' "
                                            "LIMIT 1"_s,
                                            { account })
                                .toLongLong();
        QVERIFY(leaving && arriving);
        QVERIFY(exec(u"UPDATE content_schemas SET name = 'Xyz' WHERE id = ?"_s, { leaving }) == 1);
        QVERIFY(exec(u"UPDATE content_schemas SET name = 'Entry' WHERE id = ?"_s, { arriving }) == 1);
        QVERIFY(exec(u"DELETE FROM content_schemas WHERE id = ?"_s, { added }) == 1);
        update();
        QCOMPARE(resets.size(), 0);
        sameAsStore();
        QVERIFY(model.rowOfSchema(leaving) < 0);
        QVERIFY(model.rowOfSchema(arriving) >= 0);
        QVERIFY(model.rowOfSchema(added) < 0);
        QCOMPARE(view.currentIndex().data(SchemaListModel::IdRole).toLongLong(), selected);
        QCOMPARE(model.unfilteredCount(),
                 int(m_demo->scalar(u"SELECT count(*) FROM content_schemas WHERE account_id = ?"_s, { account }).toLongLong()));
    }

    void deploymentListChangesInPlace()
    {
        DeploymentListModel model(m_demo->worker.get());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.setPageSize(7);
        QTableView view;
        view.setSelectionBehavior(QAbstractItemView::SelectRows);
        view.setModel(&model);
        showAndWait(view);
        QSignalSpy loaded(&model, &DeploymentListModel::loaded);
        model.setScope({});
        QTRY_COMPARE(loaded.size(), 1);
        for (;;) {   // the tester and the view fetch pages too
            QTRY_VERIFY(!model.isLoading());
            if (!model.canFetchMore({}))
                break;
            model.fetchMore({});
        }
        QVERIFY(model.rowCount() > 12);
        view.selectRow(3);
        const Id selected = model.rowAt(3)->record.id;
        const Id statusChanged = model.rowAt(8)->record.id;
        const Id deleted = model.rowAt(10)->record.id;

        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy totals(&model, &DeploymentListModel::totalCountChanged);
        QSignalSpy done(&model, &DeploymentListModel::updatedInPlace);

        const Id site = model.rowAt(0)->record.siteId;
        const Id added = insert(u"INSERT INTO deployments (account_id, site_id, version, status, created_at) SELECT "
                                "account_id, id, (SELECT max(version) + 1 FROM deployments WHERE site_id = ?), 'pending', "
                                "(SELECT max(created_at) + 1000 FROM deployments) FROM sites WHERE id = ?"_s,
                                { site, site });
        QVERIFY(added > 0);
        const QString newStatus = model.rowAt(8)->record.status == DeploymentStatus::Failed ? u"deployed"_s : u"failed"_s;
        QVERIFY(exec(u"UPDATE deployments SET status = ? WHERE id = ?"_s, { newStatus, statusChanged }) == 1);
        QVERIFY(exec(u"DELETE FROM deployments WHERE id = ?"_s, { deleted }) == 1);
        model.updateInPlace();
        QTRY_COMPARE(done.size(), 1);
        QCOMPARE(resets.size(), 0);

        QSqlDatabase conn = db();
        QList<Id> expected;
        const auto deployments = ReplicaReader::deployments(conn, {}, std::nullopt, 100000);
        QVERIFY(deployments);
        for (const DeploymentRow &r : deployments.value())
            expected.append(r.record.id);
        QCOMPARE(ids(model), expected);
        QCOMPARE(model.rowAt(0)->record.id, added);
        QCOMPARE(view.currentIndex().data(DeploymentListModel::IdRole).toLongLong(), selected);
        QCOMPARE(view.currentIndex().row(), 4);
        QCOMPARE(view.selectionModel()->selectedRows().size(), 1);
        QCOMPARE(model.totalCount(), qint64(expected.size()));
        QCOMPARE(totals.size(), 0);   // one more, one less
        const QList<QVariant> stats = done.first();
        QCOMPARE(stats.at(0).toInt(), 1);
        QCOMPARE(stats.at(1).toInt(), 1);
        QCOMPARE(stats.at(2).toInt(), 0);
        QCOMPARE(stats.at(3).toInt(), 1);
        QCOMPARE(changed.size(), 1);
        const QModelIndex statusIndex = changed.first().at(0).value<QModelIndex>();
        QCOMPARE(statusIndex.data(DeploymentListModel::IdRole).toLongLong(), statusChanged);
        QVERIFY(changed.first().at(2).value<QList<int>>().contains(DeploymentListModel::StatusRole));
    }
};

QTEST_MAIN(TestInPlaceUpdates)
#include "tst_inplaceupdates.moc"
