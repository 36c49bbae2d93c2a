#include "itemmodels/rowdiff.h"

#include <QAbstractItemModelTester>
#include <QAbstractListModel>
#include <QRandomGenerator>
#include <QTest>

#include <algorithm>

using namespace Galley;

namespace {

// A list of ids whose changes go through RowDiff, as the real models' do.
class IdListModel : public QAbstractListModel
{
public:
    explicit IdListModel(QList<Id> ids) : m_ids(std::move(ids)) { }

    int rowCount(const QModelIndex &parent = {}) const override { return parent.isValid() ? 0 : int(m_ids.size()); }
    QVariant data(const QModelIndex &index, int role) const override
    {
        if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
            return {};
        return role == Qt::DisplayRole ? QVariant(m_ids.at(index.row())) : QVariant();
    }

    RowDiff::Stats setIds(const QList<Id> &target)
    {
        RowDiff::Operations ops;
        ops.remove = [this](int first, int last) {
            beginRemoveRows({}, first, last);
            m_ids.remove(first, last - first + 1);
            endRemoveRows();
        };
        ops.move = [this](int from, int destination) {
            QVERIFY(beginMoveRows({}, from, from, {}, destination));
            m_ids.move(from, destination > from ? destination - 1 : destination);
            endMoveRows();
        };
        ops.insert = [this, &target](int row, int first, int last) {
            beginInsertRows({}, row, row + (last - first));
            for (int k = first; k <= last; ++k)
                m_ids.insert(row + (k - first), target.at(k));
            endInsertRows();
        };
        return RowDiff::apply(m_ids, target, ops);
    }

    QList<Id> ids() const { return m_ids; }

private:
    QList<Id> m_ids;
};

int longestIncreasing(const QList<int> &seq)
{
    QList<int> tails;
    for (int v : seq) {
        auto it = std::lower_bound(tails.begin(), tails.end(), v);
        if (it == tails.end())
            tails.append(v);
        else
            *it = v;
    }
    return int(tails.size());
}

} // namespace

// RowDiff turns one list of ids into another with removals, moves and insertions that
// keep every surviving row's persistent index on the same id.
class TestRowDiff : public QObject
{
    Q_OBJECT

    static void check(const QList<Id> &before, const QList<Id> &after)
    {
        IdListModel model(before);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        QList<QPersistentModelIndex> persistent;
        for (int r = 0; r < before.size(); ++r)
            persistent.append(QPersistentModelIndex(model.index(r)));
        const RowDiff::Stats stats = model.setIds(after);
        QCOMPARE(model.ids(), after);
        int gone = 0;
        for (int r = 0; r < before.size(); ++r) {
            if (!after.contains(before.at(r))) {
                QVERIFY(!persistent.at(r).isValid());
                ++gone;
                continue;
            }
            QVERIFY(persistent.at(r).isValid());
            QCOMPARE(persistent.at(r).data().toLongLong(), before.at(r));
        }
        QCOMPARE(stats.removed, gone);
        int kept = 0;
        QList<int> seq;
        for (Id id : before) {
            if (after.contains(id)) {
                seq.append(int(after.indexOf(id)));
                ++kept;
            }
        }
        QCOMPARE(stats.inserted, int(after.size()) - kept);
        // Only rows outside the longest run already in order move, each at most once.
        QVERIFY(stats.moved <= kept - longestIncreasing(seq));
    }

private Q_SLOTS:
    void cases_data()
    {
        QTest::addColumn<QList<Id>>("before");
        QTest::addColumn<QList<Id>>("after");
        QTest::newRow("same") << QList<Id> { 1, 2, 3 } << QList<Id> { 1, 2, 3 };
        QTest::newRow("empty-to-some") << QList<Id> {} << QList<Id> { 4, 5 };
        QTest::newRow("some-to-empty") << QList<Id> { 4, 5 } << QList<Id> {};
        QTest::newRow("remove-runs") << QList<Id> { 1, 2, 3, 4, 5, 6 } << QList<Id> { 1, 4, 6 };
        QTest::newRow("insert-runs") << QList<Id> { 1, 4, 6 } << QList<Id> { 0, 1, 2, 3, 4, 5, 6, 7 };
        QTest::newRow("last-to-first") << QList<Id> { 1, 2, 3, 4, 5 } << QList<Id> { 5, 1, 2, 3, 4 };
        QTest::newRow("first-to-last") << QList<Id> { 1, 2, 3, 4, 5 } << QList<Id> { 2, 3, 4, 5, 1 };
        QTest::newRow("reversed") << QList<Id> { 1, 2, 3, 4, 5 } << QList<Id> { 5, 4, 3, 2, 1 };
        QTest::newRow("swap-neighbours") << QList<Id> { 1, 2, 3, 4 } << QList<Id> { 1, 3, 2, 4 };
        QTest::newRow("everything-at-once") << QList<Id> { 1, 2, 3, 4, 5, 6, 7 } << QList<Id> { 9, 6, 1, 8, 3, 2, 7 };
    }

    void cases()
    {
        QFETCH(QList<Id>, before);
        QFETCH(QList<Id>, after);
        check(before, after);
    }

    void randomLists()
    {
        QRandomGenerator rng(4711);
        for (int round = 0; round < 300; ++round) {
            QList<Id> before;
            const int n = int(rng.bounded(40));
            for (int i = 0; i < n; ++i)
                before.append(i);
            QList<Id> after;
            for (Id id : before) {
                if (rng.bounded(5) != 0)
                    after.append(id);   // a fifth goes
            }
            const int added = int(rng.bounded(10));
            for (int i = 0; i < added; ++i)
                after.insert(int(rng.bounded(int(after.size()) + 1)), 1000 + i);
            const int moves = int(rng.bounded(6));
            for (int i = 0; i < moves && after.size() > 1; ++i)
                after.move(int(rng.bounded(int(after.size()))), int(rng.bounded(int(after.size()))));
            check(before, after);
            if (QTest::currentTestFailed())
                return;
        }
    }
};

QTEST_GUILESS_MAIN(TestRowDiff)
#include "tst_rowdiff.moc"
