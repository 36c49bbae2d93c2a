#include "../common/demofixture.h"
#include "itemmodels/tenanttreemodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>

using namespace Galley;
using Galley::Testing::DemoFixture;

class TestTenantTreeModel : public QObject
{
    Q_OBJECT
    DemoFixture m_demo;

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_demo.create()); }

    void loadsLevelsLazily()
    {
        TenantTreeModel model(m_demo.worker.get());
        QCOMPARE(model.rowCount(), 0);
        QVERIFY(model.canFetchMore({}));
        QVERIFY(model.hasChildren({}));
        QSignalSpy accounts(&model, &TenantTreeModel::accountsLoaded);
        QSignalSpy children(&model, &TenantTreeModel::childrenLoaded);
        model.fetchMore({});
        QVERIFY(!model.canFetchMore({}));   // one request at a time
        QCOMPARE(model.rowCount(), 0);      // the answer comes through the event loop
        QTRY_COMPARE(accounts.size(), 1);
        QCOMPARE(model.rowCount(), 2);
        QVERIFY(!model.canFetchMore({}));

        const QModelIndex account = model.index(0, 0);
        QCOMPARE(account.data(TenantTreeModel::KindRole).toInt(), int(TenantTreeModel::NodeKind::Account));
        QVERIFY(model.hasChildren(account));
        QCOMPARE(model.rowCount(account), 0);   // not fetched until expanded
        QVERIFY(model.canFetchMore(account));
        QCOMPARE(children.size(), 0);

        // From here on the tester walks (and so fetches) every level it sees.
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.fetchMore(account);
        QTRY_VERIFY(model.rowCount(account) > 0);
        const Id accountId = account.data(TenantTreeModel::IdRole).toLongLong();
        QCOMPARE(qint64(model.rowCount(account)),
                 m_demo.scalar(QStringLiteral("SELECT count(*) FROM sites WHERE account_id = ?"), { accountId }).toLongLong());

        const QModelIndex site = model.index(0, 0, account);
        QCOMPARE(site.parent(), account);
        model.fetchMore(site);
        QTRY_VERIFY(model.rowCount(site) > 0);
        const int sectors = model.rowCount(site);
        QVERIFY(sectors >= 2 && sectors <= 5);
        const QModelIndex sector = model.index(0, 0, site);
        QVERIFY(!model.hasChildren(sector));
        QVERIFY(!model.canFetchMore(sector));
        QVERIFY(!sector.data().toString().isEmpty());

        const Scope scope = model.scopeForIndex(sector);
        QCOMPARE(scope.accountId, accountId);
        QCOMPARE(scope.siteId, site.data(TenantTreeModel::IdRole).toLongLong());
        QCOMPARE(scope.sectorId, sector.data(TenantTreeModel::IdRole).toLongLong());
        QCOMPARE(model.indexForScope(scope), sector);

        // Edition counts arrive after the names and add up: the sectors of a site hold the site's editions.
        QTRY_VERIFY(site.data(TenantTreeModel::EditionCountRole).toLongLong() >= 0);
        for (int r = 0; r < sectors; ++r)
            QTRY_VERIFY(model.index(r, 0, site).data(TenantTreeModel::EditionCountRole).toLongLong() >= 0);
        qint64 sum = 0;
        for (int r = 0; r < sectors; ++r)
            sum += model.index(r, 0, site).data(TenantTreeModel::EditionCountRole).toLongLong();
        QCOMPARE(sum, site.data(TenantTreeModel::EditionCountRole).toLongLong());
        QVERIFY(sum > 0);
    }

    void ensureLoadedOpensThePathToAScope()
    {
        const Id sector = m_demo.scalar(QStringLiteral("SELECT id FROM sectors ORDER BY id DESC LIMIT 1")).toLongLong();
        const Id site = m_demo.scalar(QStringLiteral("SELECT site_id FROM sectors WHERE id = ?"), { sector }).toLongLong();
        const Id account = m_demo.scalar(QStringLiteral("SELECT account_id FROM sites WHERE id = ?"), { site }).toLongLong();
        const Scope wanted { account, site, sector };

        TenantTreeModel model(m_demo.worker.get());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        QSignalSpy loaded(&model, &TenantTreeModel::scopeLoaded);
        model.ensureLoaded(wanted);
        QTRY_COMPARE(loaded.size(), 1);
        QCOMPARE(loaded.at(0).at(0).value<Scope>(), wanted);
        const QModelIndex index = model.indexForScope(wanted);
        QVERIFY(index.isValid());
        QCOMPARE(model.scopeForIndex(index), wanted);

        // A scope that no longer exists resolves to its deepest existing ancestor.
        model.ensureLoaded({ account, site, 999999 });
        QTRY_COMPARE(loaded.size(), 2);
        QCOMPARE(model.scopeForIndex(model.indexForScope({ account, site, 999999 })), (Scope { account, site, 0 }));
    }

    void reloadDropsEverything()
    {
        TenantTreeModel model(m_demo.worker.get());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        QSignalSpy accounts(&model, &TenantTreeModel::accountsLoaded);
        model.reload();
        model.reload();   // the first answer is for a tree that no longer exists
        QTRY_COMPARE(accounts.size(), 1);
        m_demo.worker->drain();
        QCoreApplication::processEvents();
        QCOMPARE(accounts.size(), 1);
        QCOMPARE(model.rowCount(), 2);
        model.fetchMore(model.index(1, 0));
        QTRY_VERIFY(model.rowCount(model.index(1, 0)) > 0);
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        model.reload();
        QCOMPARE(resets.size(), 1);
        QCOMPARE(model.rowCount(), 0);   // everything dropped at once…
        QTRY_COMPARE(accounts.size(), 2);
        QCOMPARE(model.rowCount(), 2);   // …and loaded again
    }
};

QTEST_GUILESS_MAIN(TestTenantTreeModel)
#include "tst_tenanttreemodel.moc"
