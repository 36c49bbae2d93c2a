#include "../common/demofixture.h"
#include "itemmodels/editiontablemodel.h"

#include <QAbstractItemModelTester>
#include <QSet>
#include <QSignalSpy>

using namespace Galley;
using Galley::Testing::DemoFixture;

class TestEditionTableModel : public QObject
{
    Q_OBJECT

    DemoFixture m_demo;

    // Loads every page of the current filter through fetchMore, as a scrolling view would.
    static void fetchAll(EditionTableModel &model)
    {
        for (;;) {
            QTRY_VERIFY(!model.isLoading());   // the tester may have asked for a page itself
            if (model.atEnd())
                break;
            const int before = model.rowCount();
            QVERIFY(model.canFetchMore({}));
            model.fetchMore({});
            QTRY_VERIFY(model.rowCount() > before || model.atEnd());
        }
    }

    static bool lessOrEqual(EditionSortKey key, const EditionRow &a, const EditionRow &b)
    {
        auto cmpThenId = [&](int c) { return c < 0 || (c == 0 && a.id < b.id); };
        switch (key) {
        case EditionSortKey::Title: return cmpThenId(QString::compare(a.title.toLower(), b.title.toLower()));
        case EditionSortKey::State:
            if (a.state != b.state)
                return a.state < b.state;
            return cmpThenId(a.updatedMs < b.updatedMs ? -1 : a.updatedMs > b.updatedMs ? 1 : 0);
        case EditionSortKey::Schema:
            return cmpThenId(QString::compare(a.schemaName.toLower(), b.schemaName.toLower()));
        case EditionSortKey::Sector:
            return cmpThenId(QString::compare(a.sectorName.toLower(), b.sectorName.toLower()));
        case EditionSortKey::Version: {
            const int c = a.majorVersion != b.majorVersion ? a.majorVersion - b.majorVersion
                                                           : a.minorVersion - b.minorVersion;
            return cmpThenId(c);
        }
        case EditionSortKey::Updated:
            return cmpThenId(a.updatedMs < b.updatedMs ? -1 : a.updatedMs > b.updatedMs ? 1 : 0);
        }
        return false;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_demo.create());
    }

    void firstPageThenFetchMoreToTheEnd()
    {
        EditionTableModel model(m_demo.worker.get());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.setPageSize(50);
        QSignalSpy first(&model, &EditionTableModel::firstPageLoaded);
        QSignalSpy total(&model, &EditionTableModel::totalCountChanged);
        model.refresh();
        QVERIFY(model.isLoading());
        QTRY_COMPARE(first.size(), 1);
        QCOMPARE(model.rowCount(), 50);
        QVERIFY(model.canFetchMore({}));

        const qint64 expected = m_demo.scalar(QStringLiteral("SELECT count(*) FROM editions WHERE state <> 'deleted'")).toLongLong();
        QTRY_COMPARE(model.totalCount(), expected);

        QTRY_VERIFY(!model.isLoading());
        if (model.rowCount() == 50) {   // unless the tester already fetched the second page
            model.fetchMore({});
            QVERIFY(!model.canFetchMore({}));   // one page at a time
        }
        QTRY_COMPARE(model.rowCount(), 100);
        fetchAll(model);
        QCOMPARE(model.rowCount(), int(expected));
        QVERIFY(!model.canFetchMore({}));

        // Keyset pages neither skip nor repeat rows.
        QSet<Id> ids;
        for (int r = 0; r < model.rowCount(); ++r)
            ids.insert(model.rowAt(r)->id);
        QCOMPARE(ids.size(), model.rowCount());
    }

    void sortsEveryColumnBothWays_data()
    {
        QTest::addColumn<int>("column");
        QTest::addColumn<Qt::SortOrder>("order");
        const char *names[] = { "title", "state", "schema", "sector", "version", "updated" };
        for (int c = 0; c < EditionTableModel::ColumnCount; ++c) {
            QTest::addRow("%s-ascending", names[c]) << c << Qt::AscendingOrder;
            QTest::addRow("%s-descending", names[c]) << c << Qt::DescendingOrder;
        }
    }

    void sortsEveryColumnBothWays()
    {
        QFETCH(int, column);
        QFETCH(Qt::SortOrder, order);
        EditionTableModel model(m_demo.worker.get());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.setPageSize(97);   // pages that end in the middle of runs of equal keys
        QSignalSpy first(&model, &EditionTableModel::firstPageLoaded);
        model.sort(column, order);
        QTRY_COMPARE(first.size(), 1);
        fetchAll(model);
        QVERIFY(model.rowCount() > 100);
        const EditionSortKey key = EditionTableModel::sortKeyForColumn(column);
        for (int r = 1; r < model.rowCount(); ++r) {
            const EditionRow &a = *model.rowAt(r - 1);
            const EditionRow &b = *model.rowAt(r);
            const bool ok = order == Qt::AscendingOrder ? lessOrEqual(key, a, b) : lessOrEqual(key, b, a);
            if (!ok)
                QFAIL(qPrintable(QStringLiteral("rows %1 and %2 out of order: %3 / %4").arg(r - 1).arg(r).arg(a.title, b.title)));
        }
    }

    void filtersBySiteSectorStateSchema()
    {
        EditionTableModel model(m_demo.worker.get());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        const Id site = m_demo.scalar(QStringLiteral("SELECT id FROM sites ORDER BY id LIMIT 1")).toLongLong();
        const Id sector = m_demo.scalar(QStringLiteral("SELECT id FROM sectors WHERE site_id = ? ORDER BY id LIMIT 1"), { site }).toLongLong();
        const Id schema = m_demo.scalar(QStringLiteral("SELECT schema_id FROM editions WHERE site_id = ? LIMIT 1"), { site }).toLongLong();
        QVERIFY(site && sector && schema);

        QSignalSpy first(&model, &EditionTableModel::firstPageLoaded);
        EditionFilter f;
        f.scope.siteId = site;
        model.setFilter(f);
        QTRY_COMPARE(first.size(), 1);
        fetchAll(model);
        QCOMPARE(qint64(model.rowCount()),
                 m_demo.scalar(QStringLiteral("SELECT count(*) FROM editions WHERE site_id = ? AND state <> 'deleted'"), { site }).toLongLong());
        for (int r = 0; r < model.rowCount(); ++r)
            QCOMPARE(model.rowAt(r)->siteId, site);

        f.scope.sectorId = sector;
        f.state = EditionState::Published;
        model.setFilter(f);
        QTRY_COMPARE(first.size(), 2);
        fetchAll(model);
        for (int r = 0; r < model.rowCount(); ++r) {
            QCOMPARE(model.rowAt(r)->sectorId, sector);
            QCOMPARE(model.rowAt(r)->state, EditionState::Published);
        }

        EditionFilter bySchema;
        bySchema.schemaId = schema;
        bySchema.state = EditionState::Deleted;   // deleted editions only when asked for
        model.setFilter(bySchema);
        QTRY_COMPARE(first.size(), 3);
        fetchAll(model);
        QCOMPARE(qint64(model.rowCount()),
                 m_demo.scalar(QStringLiteral("SELECT count(*) FROM editions WHERE schema_id = ? AND state = 'deleted'"), { schema }).toLongLong());
        for (int r = 0; r < model.rowCount(); ++r) {
            QCOMPARE(model.rowAt(r)->schemaId, schema);
            QCOMPARE(model.rowAt(r)->state, EditionState::Deleted);
        }
    }

    void fullTextSearchFindsAWordOfTheBody()
    {
        // A word that occurs in some edition's fields but not in its title.
        QSqlQuery q(m_demo.store->connection());
        QVERIFY(q.exec(QStringLiteral("SELECT e.id, e.title, j.value FROM editions e JOIN edition_content c ON c.edition_id = e.id, json_tree(c.fields) j "
                                      "WHERE j.type = 'text' AND length(j.value) > 80 AND e.state <> 'deleted' LIMIT 50")));
        Id target = 0;
        QString word;
        while (q.next() && !target) {
            const QString title = q.value(1).toString().toLower();
            const auto words = q.value(2).toString().split(QRegularExpression(QStringLiteral("\\W+")), Qt::SkipEmptyParts);
            for (const QString &w : words) {
                if (w.size() >= 7 && !title.contains(w.toLower())) {
                    target = q.value(0).toLongLong();
                    word = w;
                    break;
                }
            }
        }
        QVERIFY2(target, "the demo has no long body words");

        EditionTableModel model(m_demo.worker.get());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        QSignalSpy first(&model, &EditionTableModel::firstPageLoaded);
        EditionFilter f;
        f.text = word.toUpper();   // case does not matter
        model.setFilter(f);
        QTRY_COMPARE(first.size(), 1);
        fetchAll(model);
        QVERIFY2(model.rowOfEdition(target) >= 0, qPrintable(word));

        f.text = word.left(4);     // the word being typed: a prefix matches
        model.setFilter(f);
        QTRY_COMPARE(first.size(), 2);
        fetchAll(model);
        QVERIFY(model.rowOfEdition(target) >= 0);

        f.text = QStringLiteral("zqxjvkw");
        model.setFilter(f);
        QTRY_COMPARE(first.size(), 3);
        QCOMPARE(model.rowCount(), 0);
        QVERIFY(model.atEnd());
        QTRY_COMPARE(model.totalCount(), 0);

        // FTS syntax and SQL metacharacters are just text: were OR an operator, "a"* would match.
        f.text = QStringLiteral("zqxjvkw\" OR \"a -- ';");
        model.setFilter(f);
        QTRY_COMPARE(first.size(), 4);
        QCOMPARE(model.rowCount(), 0);

        f.text = QStringLiteral("*)( -- ';");   // nothing searchable at all
        model.setFilter(f);
        QTRY_COMPARE(first.size(), 5);
        QCOMPARE(model.rowCount(), 0);
        QVERIFY(model.atEnd());
    }

    void onlyTheLatestFilterWins()
    {
        EditionTableModel model(m_demo.worker.get());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        QSignalSpy first(&model, &EditionTableModel::firstPageLoaded);
        EditionFilter f;
        for (EditionState s : allEditionStates()) {
            f.state = s;
            model.setFilter(f);   // each one supersedes the one before
        }
        QTRY_COMPARE(first.size(), 1);
        m_demo.worker->drain();   // every stale answer has been computed…
        QCoreApplication::processEvents();   // …and delivered: none may apply
        QCOMPARE(first.size(), 1);
        for (int r = 0; r < model.rowCount(); ++r)
            QCOMPARE(model.rowAt(r)->state, EditionState::Deleted);
    }

    void keepsOldRowsUntilTheNewOnesArrive()
    {
        EditionTableModel model(m_demo.worker.get());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        QSignalSpy first(&model, &EditionTableModel::firstPageLoaded);
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        model.refresh();
        QTRY_COMPARE(first.size(), 1);
        const int shown = model.rowCount();
        QVERIFY(shown > 0);
        model.sort(EditionTableModel::TitleColumn, Qt::AscendingOrder);
        QCOMPARE(model.rowCount(), shown);   // still the old rows: no flash of an empty table
        QTRY_COMPARE(first.size(), 2);
        QCOMPARE(resets.size(), 2);
    }

    void dataRolesAndHeaders()
    {
        EditionTableModel model(m_demo.worker.get());
        QSignalSpy first(&model, &EditionTableModel::firstPageLoaded);
        EditionFilter f;
        f.state = EditionState::Published;
        model.setFilter(f);
        QTRY_COMPARE(first.size(), 1);
        QVERIFY(model.rowCount() > 0);
        const QModelIndex state = model.index(0, EditionTableModel::StateColumn);
        QCOMPARE(state.data().toString(), displayName(EditionState::Published));
        QCOMPARE(state.data(EditionTableModel::StateRole).toInt(), int(EditionState::Published));
        QVERIFY(!model.index(0, EditionTableModel::VersionColumn).data().toString().isEmpty());
        QCOMPARE(model.headerData(EditionTableModel::TitleColumn, Qt::Horizontal).toString(), QStringLiteral("Title"));
        QVERIFY(model.index(0, 0).data(EditionTableModel::IdRole).toLongLong() > 0);
    }
};

QTEST_GUILESS_MAIN(TestEditionTableModel)
#include "tst_editiontablemodel.moc"
