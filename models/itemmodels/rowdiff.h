#pragma once

#include "domain/tenancy.h"

#include <QHash>
#include <QList>
#include <QSet>

#include <functional>

namespace Galley {

// Turns the rows of a list (or of one parent in a tree), known by their ids, into a new
// list of ids through row removals, moves and insertions instead of a reset, so that
// views keep their selection, current index and scroll position. The model supplies the
// operations: each one does its begin…/end… calls around its own storage change. Rows
// are removed in contiguous runs (back to front), then the rows that changed place are
// moved one by one (only those outside the longest run already in order), then new rows
// are inserted in contiguous runs. Afterwards the model's rows are in target order and
// it compares the data of each row with the new data itself (emitting dataChanged).
// Ids must be unique within current and within target. Header-only.
class RowDiff
{
public:
    struct Operations
    {
        // Remove rows first…last (current numbering).
        std::function<void(int first, int last)> remove;
        // Move row `from` in front of row `destination` (numbered before the move, as
        // beginMoveRows wants it); never a no-op move.
        std::function<void(int from, int destination)> move;
        // Insert target[first…last] as rows row…row + (last - first).
        std::function<void(int row, int first, int last)> insert;
    };

    struct Stats
    {
        int removed = 0;
        int moved = 0;
        int inserted = 0;
        bool isEmpty() const { return !removed && !moved && !inserted; }
    };

    static Stats apply(QList<Id> current, const QList<Id> &target, const Operations &operations);
};

namespace RowDiffDetail {

// Marks the elements of seq that form one longest strictly increasing subsequence.
inline QList<bool> longestIncreasingRun(const QList<int> &seq)
{
    QList<int> tails;                 // tails[k]: index in seq of the smallest tail of a run of length k + 1
    QList<int> previous(seq.size(), -1);
    for (int i = 0; i < seq.size(); ++i) {
        int lo = 0;
        int hi = int(tails.size());
        while (lo < hi) {
            const int mid = (lo + hi) / 2;
            if (seq.at(tails.at(mid)) < seq.at(i))
                lo = mid + 1;
            else
                hi = mid;
        }
        if (lo > 0)
            previous[i] = tails.at(lo - 1);
        if (lo == tails.size())
            tails.append(i);
        else
            tails[lo] = i;
    }
    QList<bool> in(seq.size(), false);
    for (int i = tails.isEmpty() ? -1 : tails.constLast(); i >= 0; i = previous.at(i))
        in[i] = true;
    return in;
}

} // namespace RowDiffDetail

inline RowDiff::Stats RowDiff::apply(QList<Id> current, const QList<Id> &target, const Operations &operations)
{
    Stats stats;
    const QSet<Id> wanted(target.cbegin(), target.cend());

    // 1. Rows that are gone, in contiguous runs from the back so that numbers stay valid.
    for (int row = int(current.size()) - 1; row >= 0;) {
        if (wanted.contains(current.at(row))) {
            --row;
            continue;
        }
        int first = row;
        while (first > 0 && !wanted.contains(current.at(first - 1)))
            --first;
        operations.remove(first, row);
        current.remove(first, row - first + 1);
        stats.removed += row - first + 1;
        row = first - 1;
    }

    // 2. Rows that stay but changed place. The longest run of them already in target
    // order stays put; every other one is moved right behind its target predecessor,
    // in target order, so that each lands where it belongs with a single move.
    const QSet<Id> kept(current.cbegin(), current.cend());
    QList<Id> order;   // target order of the kept rows
    order.reserve(current.size());
    for (Id id : target) {
        if (kept.contains(id))
            order.append(id);
    }
    QHash<Id, int> rank;
    rank.reserve(order.size());
    for (int i = 0; i < order.size(); ++i)
        rank.insert(order.at(i), i);
    QList<int> seq;
    seq.reserve(current.size());
    for (Id id : std::as_const(current))
        seq.append(rank.value(id));
    const QList<bool> inRun = RowDiffDetail::longestIncreasingRun(seq);
    QSet<Id> staying;
    for (int i = 0; i < current.size(); ++i) {
        if (inRun.at(i))
            staying.insert(current.at(i));
    }
    if (staying.size() < current.size()) {
        for (int r = 0; r < order.size(); ++r) {
            const Id id = order.at(r);
            if (staying.contains(id))
                continue;
            const int from = int(current.indexOf(id));
            const int destination = r == 0 ? 0 : int(current.indexOf(order.at(r - 1))) + 1;
            if (from == destination || from + 1 == destination)
                continue;   // already right behind its predecessor
            operations.move(from, destination);
            current.move(from, destination > from ? destination - 1 : destination);
            ++stats.moved;
        }
    }
    Q_ASSERT(current == order);

    // 3. New rows, in contiguous runs.
    int row = 0;
    for (int i = 0; i < target.size();) {
        if (row < current.size() && current.at(row) == target.at(i)) {
            ++row;
            ++i;
            continue;
        }
        Q_ASSERT(!kept.contains(target.at(i)));
        int last = i;
        while (last + 1 < target.size() && !kept.contains(target.at(last + 1)))
            ++last;
        operations.insert(row, i, last);
        for (int k = i; k <= last; ++k)
            current.insert(row + (k - i), target.at(k));
        stats.inserted += last - i + 1;
        row += last - i + 1;
        i = last + 1;
    }
    Q_ASSERT(current == target);
    return stats;
}

} // namespace Galley
