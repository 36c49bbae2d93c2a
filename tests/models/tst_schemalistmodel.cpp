#include "../common/demofixture.h"
#include "itemmodels/schemalistmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>

using namespace Galley;
using Galley::Testing::DemoFixture;

class TestSchemaListModel : public QObject
{
    Q_OBJECT
    DemoFixture m_demo;

    static QStringList names(const SchemaListModel &m)
    {
        QStringList out;
        for (int r = 0; r < m.rowCount(); ++r)
            out << m.index(r, 0).data().toString();
        return out;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_demo.create()); }

    void loadsAnAccountsSchemasByName()
    {
        SchemaListModel model(m_demo.worker.get());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        QSignalSpy loaded(&model, &SchemaListModel::loaded);
        const Id account = m_demo.scalar(QStringLiteral("SELECT id FROM accounts ORDER BY id LIMIT 1")).toLongLong();
        model.setAccountId(account);
        QTRY_COMPARE(loaded.size(), 1);
        QCOMPARE(qint64(model.rowCount()),
                 m_demo.scalar(QStringLiteral("SELECT count(*) FROM content_schemas WHERE account_id = ?"), { account }).toLongLong());
        const QStringList list = names(model);
        QStringList sorted = list;
        std::sort(sorted.begin(), sorted.end(), [](const QString &a, const QString &b) { return a.compare(b, Qt::CaseInsensitive) < 0; });
        QCOMPARE(list, sorted);
        for (int r = 0; r < model.rowCount(); ++r)
            QCOMPARE(model.index(r, 0).data(SchemaListModel::AccountIdRole).toLongLong(), account);
        QVERIFY(model.index(0, 0).data(SchemaListModel::SpecJsonRole).toString().contains(u"\"properties\""));

        model.setAccountId(0);   // every account
        QTRY_COMPARE(loaded.size(), 2);
        QCOMPARE(qint64(model.rowCount()), m_demo.scalar(QStringLiteral("SELECT count(*) FROM content_schemas")).toLongLong());
    }

    void nameFilterIsCaseInsensitiveAndPartial_data()
    {
        QTest::addColumn<QString>("filter");
        QTest::newRow("lower-case") << QStringLiteral("report");
        QTest::newRow("upper-case") << QStringLiteral("REPORT");
        QTest::newRow("middle-of-word") << QStringLiteral("epor");
        QTest::newRow("padded") << QStringLiteral("  Report ");
        QTest::newRow("no-match") << QStringLiteral("no such schema");
        QTest::newRow("single-letter") << QStringLiteral("e");
    }

    void nameFilterIsCaseInsensitiveAndPartial()
    {
        QFETCH(QString, filter);
        SchemaListModel model(m_demo.worker.get());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        QSignalSpy loaded(&model, &SchemaListModel::loaded);
        model.reload();
        QTRY_COMPARE(loaded.size(), 1);
        const QStringList all = names(model);
        QStringList expected;
        for (const QString &n : all) {
            if (n.contains(filter.trimmed(), Qt::CaseInsensitive))
                expected << n;
        }
        model.setNameFilter(filter);
        QCOMPARE(names(model), expected);
        model.setNameFilter(QString());
        QCOMPARE(names(model), all);
    }

    void filterWhileTypingKeepsOrder()
    {
        SchemaListModel model(m_demo.worker.get());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        QSignalSpy loaded(&model, &SchemaListModel::loaded);
        model.reload();
        QTRY_COMPARE(loaded.size(), 1);
        const QStringList all = names(model);
        QString typed;
        for (QChar c : QStringLiteral("article")) {
            typed += c;
            model.setNameFilter(typed);
            for (const QString &n : names(model))
                QVERIFY(n.contains(typed, Qt::CaseInsensitive));
        }
        while (!typed.isEmpty()) {
            typed.chop(1);
            model.setNameFilter(typed);
        }
        QCOMPARE(names(model), all);
    }
};

QTEST_GUILESS_MAIN(TestSchemaListModel)
#include "tst_schemalistmodel.moc"
