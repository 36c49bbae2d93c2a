#include "../common/demofixture.h"
#include "itemmodels/deploymentlistmodel.h"

#include <QAbstractItemModelTester>
#include <QSet>
#include <QSignalSpy>

using namespace Galley;
using Galley::Testing::DemoFixture;

class TestDeploymentListModel : public QObject
{
    Q_OBJECT
    DemoFixture m_demo;

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_demo.create()); }

    void pagesThroughEveryDeploymentNewestFirst()
    {
        DeploymentListModel model(m_demo.worker.get());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.setPageSize(7);
        QSignalSpy loaded(&model, &DeploymentListModel::loaded);
        model.setScope({});
        QTRY_COMPARE(loaded.size(), 1);
        const qint64 total = m_demo.scalar(QStringLiteral("SELECT count(*) FROM deployments")).toLongLong();
        QVERIFY(total > 7);
        QCOMPARE(model.totalCount(), total);
        QVERIFY(model.rowCount() >= 7);
        // The tester fetches too; either way every page arrives, once.
        for (;;) {
            QTRY_VERIFY(!model.isLoading());
            if (!model.canFetchMore({}))
                break;
            const int before = model.rowCount();
            model.fetchMore({});
            QTRY_VERIFY(model.rowCount() > before);
        }
        QCOMPARE(qint64(model.rowCount()), total);
        QSet<Id> ids;
        for (int r = 0; r < model.rowCount(); ++r) {
            ids.insert(model.rowAt(r)->record.id);
            if (r > 0)
                QVERIFY(model.rowAt(r - 1)->record.createdAt >= model.rowAt(r)->record.createdAt);
        }
        QCOMPARE(qint64(ids.size()), total);

        QSet<int> statuses;
        for (int r = 0; r < model.rowCount(); ++r)
            statuses.insert(model.index(r, 0).data(DeploymentListModel::StatusRole).toInt());
        QCOMPARE(statuses.size(), int(allDeploymentStatuses().size()));
    }

    void scopesToASite()
    {
        const Id site = m_demo.scalar(QStringLiteral("SELECT site_id FROM deployments GROUP BY site_id ORDER BY count(*) DESC LIMIT 1")).toLongLong();
        DeploymentListModel model(m_demo.worker.get());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        QSignalSpy loaded(&model, &DeploymentListModel::loaded);
        const Id account = m_demo.scalar(QStringLiteral("SELECT account_id FROM sites WHERE id = ?"), { site }).toLongLong();
        model.setScope({ account, site, 0 });
        QTRY_COMPARE(loaded.size(), 1);
        QVERIFY(model.rowCount() > 0);
        const QString siteName = m_demo.scalar(QStringLiteral("SELECT name FROM sites WHERE id = ?"), { site }).toString();
        for (int r = 0; r < model.rowCount(); ++r) {
            QCOMPARE(model.rowAt(r)->record.siteId, site);
            QCOMPARE(model.index(r, DeploymentListModel::SiteColumn).data().toString(), siteName);
            QVERIFY(model.index(r, DeploymentListModel::VersionColumn).data().toString().startsWith(u'v'));
        }
        model.setScope({ account, 0, 0 });
        QTRY_COMPARE(loaded.size(), 2);
        QCOMPARE(model.totalCount(),
                 m_demo.scalar(QStringLiteral("SELECT count(*) FROM deployments WHERE account_id = ?"), { account }).toLongLong());
    }
};

QTEST_GUILESS_MAIN(TestDeploymentListModel)
#include "tst_deploymentlistmodel.moc"
