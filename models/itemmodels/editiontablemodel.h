#pragma once

#include "domain/result.h"
#include "store/editionquery.h"
#include "store/storeworker.h"

#include <QAbstractTableModel>
#include <QElapsedTimer>
#include <QPointer>

namespace Galley {

// The edition list: keyset-paginated, sorted and filtered in SQL on the store's
// worker thread. rowCount() is what has been loaded; canFetchMore()/fetchMore()
// load the next page after the last row. A new filter or sort order keeps showing
// the old rows until the first page of the new ones arrives, then swaps them in
// one reset, so the view never flashes empty. Changes written to the store behind
// the model's back (by sync) come in with updateInPlace(), without a reset.
class EditionTableModel : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EditionTableModel)
public:
    enum Column { TitleColumn, StateColumn, SchemaColumn, SectorColumn, VersionColumn, UpdatedColumn, ColumnCount };
    Q_ENUM(Column)

    enum Roles {
        IdRole = Qt::UserRole + 1,
        DocumentIdRole,
        StateRole,            // EditionState as int
        ForcePublishedRole,
        UpdatedRole,          // QDateTime
    };

    explicit EditionTableModel(StoreWorker *worker, QObject *parent = nullptr);
    ~EditionTableModel() override;

    EditionFilter filter() const { return m_filter; }
    void setFilter(const EditionFilter &filter);
    EditionSort sortOrder() const { return m_sort; }
    // Reloads the first page with the current filter and sort order.
    void refresh();
    // Reads the rows already loaded again (at least a page; with the current filter and
    // sort order) and applies the difference as row removals, moves, insertions and
    // dataChanged for the rows whose data changed, then counts again. Never resets, so
    // views keep their selection, current index and scroll position. For changes
    // written to the store by someone else (sync). Calls in a burst are coalesced: one
    // re-read runs at a time and at most one more waits behind it (or behind a page
    // being loaded); a new filter, sort order or refresh() supersedes both.
    void updateInPlace();
    bool isUpdating() const { return m_updating; }

    int pageSize() const { return m_pageSize; }
    void setPageSize(int rows);

    // Rows matching the filter, or -1 while not yet counted.
    qint64 totalCount() const { return m_total; }
    bool isLoading() const { return m_loadingFirst || m_fetching; }
    bool atEnd() const { return m_atEnd; }

    const EditionRow *rowAt(int row) const;
    int rowOfEdition(Id editionId) const;

    static EditionSortKey sortKeyForColumn(int column);
    static int columnForSortKey(EditionSortKey key);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;
    QHash<int, QByteArray> roleNames() const override;

Q_SIGNALS:
    void loadingChanged(bool loading);
    // The first page of a new filter/sort arrived and is shown (elapsedMs: since it was asked for).
    void firstPageLoaded(double elapsedMs);
    void pageAppended(int firstRow, int count);
    void totalCountChanged(qint64 total);
    void errorOccurred(const Galley::Error &error);
    // An updateInPlace() has been applied (changed: rows whose data changed in place).
    void updatedInPlace(int removed, int inserted, int moved, int changed);

private:
    void requestFirstPage();
    void requestCount();
    void setLoading(bool first, bool fetching);
    void postFetch();
    void startUpdate();
    void applyUpdate(EditionPage &page);
    void runQueued();

    QPointer<StoreWorker> m_worker;
    EditionFilter m_filter;
    EditionSort m_sort;
    QList<EditionRow> m_rows;
    int m_pageSize = 200;
    qint64 m_total = -1;
    bool m_atEnd = true;
    bool m_loadingFirst = false;
    bool m_fetching = false;
    bool m_requested = false;       // a first page has been asked for at least once
    bool m_walkSortIndex = false;   // the query plan the first page chose, reused by fetchMore
    bool m_updating = false;        // an updateInPlace() re-read is on its way
    bool m_updateQueued = false;    // another one is wanted when the current work is done
    bool m_fetchDeferred = false;   // fetchMore() came during an update: runs after it
    quint64 m_generation = 0;    // answers for an older filter/sort are dropped
    CancelToken m_firstPageToken;   // also covers the pages fetched after it
    CancelToken m_countToken;
    QElapsedTimer m_requestTimer;
};

} // namespace Galley
