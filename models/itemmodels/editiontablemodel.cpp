#include "editiontablemodel.h"

#include "itemmodels/rowdiff.h"
#include "store/storeworker.h"

#include <QDateTime>
#include <QLocale>
#include <QTimeZone>

namespace Galley {

EditionTableModel::EditionTableModel(StoreWorker *worker, QObject *parent)
    : QAbstractTableModel(parent)
    , m_worker(worker)
{
}

EditionTableModel::~EditionTableModel()
{
    m_firstPageToken.cancel();
    m_countToken.cancel();
}

void EditionTableModel::setFilter(const EditionFilter &filter)
{
    if (filter == m_filter && m_requested)
        return;
    m_filter = filter;
    requestFirstPage();
}

void EditionTableModel::refresh()
{
    requestFirstPage();
}

void EditionTableModel::setPageSize(int rows)
{
    m_pageSize = qBound(10, rows, 5000);
}

void EditionTableModel::sort(int column, Qt::SortOrder order)
{
    if (column < 0 || column >= ColumnCount)
        return;
    const EditionSort wanted { sortKeyForColumn(column), order };
    if (wanted == m_sort && m_requested)
        return;
    m_sort = wanted;
    requestFirstPage();
}

EditionSortKey EditionTableModel::sortKeyForColumn(int column)
{
    switch (column) {
    case TitleColumn: return EditionSortKey::Title;
    case StateColumn: return EditionSortKey::State;
    case SchemaColumn: return EditionSortKey::Schema;
    case SectorColumn: return EditionSortKey::Sector;
    case VersionColumn: return EditionSortKey::Version;
    default: return EditionSortKey::Updated;
    }
}

int EditionTableModel::columnForSortKey(EditionSortKey key)
{
    switch (key) {
    case EditionSortKey::Title: return TitleColumn;
    case EditionSortKey::State: return StateColumn;
    case EditionSortKey::Schema: return SchemaColumn;
    case EditionSortKey::Sector: return SectorColumn;
    case EditionSortKey::Version: return VersionColumn;
    case EditionSortKey::Updated: return UpdatedColumn;
    }
    return UpdatedColumn;
}

void EditionTableModel::setLoading(bool first, bool fetching)
{
    const bool before = isLoading();
    m_loadingFirst = first;
    m_fetching = fetching;
    if (before != isLoading())
        Q_EMIT loadingChanged(isLoading());
}

void EditionTableModel::requestFirstPage()
{
    if (!m_worker)
        return;
    ++m_generation;
    m_requested = true;
    // Whatever the previous filter still has queued is obsolete: skip it.
    m_firstPageToken.cancel();
    m_countToken.cancel();
    m_firstPageToken = {};
    // An update or deferred page for the old rows is dropped with them; the new first
    // page is read after whatever made an update wanted.
    m_updating = false;
    m_updateQueued = false;
    m_fetchDeferred = false;
    m_requestTimer.start();
    setLoading(true, false);

    const quint64 generation = m_generation;
    const EditionFilter filter = m_filter;
    const EditionSort sort = m_sort;
    const int limit = m_pageSize;
    m_worker->post(
        this,
        [filter, sort, limit](QSqlDatabase &db) { return EditionQuery::fetchPage(db, filter, sort, std::nullopt, limit); },
        [this, generation](Result<EditionPage> page) {
        if (generation != m_generation)
            return;
        if (!page) {
            setLoading(false, false);
            Q_EMIT errorOccurred(page.error());
            runQueued();
            return;
        }
        beginResetModel();
        m_rows = std::move(page.value().rows);
        m_atEnd = page.value().atEnd;
        m_walkSortIndex = page.value().walkedSortIndex;
        m_total = -1;
        endResetModel();
        setLoading(false, false);
        Q_EMIT firstPageLoaded(double(m_requestTimer.nsecsElapsed()) / 1e6);
        if (m_atEnd)
            m_total = m_rows.size();
        Q_EMIT totalCountChanged(m_total);
        if (!m_atEnd)
            requestCount();
        runQueued();
        },
        m_firstPageToken);
}

void EditionTableModel::requestCount()
{
    const quint64 generation = m_generation;
    const EditionFilter filter = m_filter;
    m_countToken = {};
    m_worker->post(
        this, [filter](QSqlDatabase &db) { return EditionQuery::count(db, filter); },
        [this, generation](Result<qint64> n) {
            if (generation != m_generation)
                return;
            if (!n) {
                Q_EMIT errorOccurred(n.error());
                return;
            }
            m_total = n.value();
            Q_EMIT totalCountChanged(m_total);
        },
        m_countToken, StoreWorker::Lane::Background);
}

bool EditionTableModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_atEnd && !m_fetching && !m_loadingFirst && !m_rows.isEmpty();
}

void EditionTableModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent) || !m_worker)
        return;
    setLoading(false, true);
    if (m_updating) {
        // The last row may be about to change: ask after the update has been applied.
        m_fetchDeferred = true;
        return;
    }
    postFetch();
}

void EditionTableModel::postFetch()
{
    const quint64 generation = m_generation;
    const EditionFilter filter = m_filter;
    const EditionSort sort = m_sort;
    const EditionRow last = m_rows.constLast();
    const int limit = m_pageSize;
    const bool walk = m_walkSortIndex;   // the first page decided the plan
    m_worker->post(
        this,
        [filter, sort, last, limit, walk](QSqlDatabase &db) {
            return EditionQuery::fetchPage(db, filter, sort, last, limit, walk);
        },
        [this, generation](Result<EditionPage> page) {
            if (generation != m_generation)
                return;   // a newer filter has replaced the rows this page would extend
            if (!page) {
                setLoading(false, false);
                Q_EMIT errorOccurred(page.error());
                runQueued();
                return;
            }
            auto &rows = page.value().rows;
            m_atEnd = page.value().atEnd;
            int first = -1;
            if (!rows.isEmpty()) {
                first = int(m_rows.size());
                beginInsertRows({}, first, first + int(rows.size()) - 1);
                m_rows.append(std::move(rows));
                endInsertRows();
            }
            // Only now may a view (or anyone reacting to the insertion) ask for the next page.
            setLoading(false, false);
            if (first >= 0)
                Q_EMIT pageAppended(first, int(m_rows.size()) - first);
            runQueued();
        },
        m_firstPageToken);
}

void EditionTableModel::updateInPlace()
{
    if (!m_worker || !m_requested)
        return;   // nothing shown yet: the first page will be read fresh anyway
    if (m_loadingFirst || m_fetching || m_updating) {
        // What is on its way may have been read before the change: look again after it.
        m_updateQueued = true;
        return;
    }
    startUpdate();
}

void EditionTableModel::startUpdate()
{
    m_updating = true;
    m_updateQueued = false;
    // The rows loaded so far, at least a page; when everything was loaded, a page more
    // so that rows added at the end show up without a fetchMore().
    const int limit = qMax(m_pageSize, int(m_rows.size())) + (m_atEnd ? m_pageSize : 0);
    const quint64 generation = m_generation;
    const EditionFilter filter = m_filter;
    const EditionSort sort = m_sort;
    const bool walk = m_walkSortIndex;
    m_worker->post(
        this,
        [filter, sort, limit, walk](QSqlDatabase &db) {
            return EditionQuery::fetchPage(db, filter, sort, std::nullopt, limit, walk);
        },
        [this, generation](Result<EditionPage> page) {
            if (generation != m_generation)
                return;
            // Still "updating" while the difference is applied: a fetchMore() that a view
            // (or the model tester) makes in the middle waits for the final last row.
            if (page)
                applyUpdate(page.value());
            m_updating = false;
            if (!page)
                Q_EMIT errorOccurred(page.error());
            runQueued();
        },
        m_firstPageToken);
}

namespace {

// The columns and roles in which two versions of a row differ; empty when only
// what the model does not show changed.
struct RowChange
{
    int firstColumn = -1;
    int lastColumn = -1;
    QList<int> roles;

    void column(int c)
    {
        firstColumn = firstColumn < 0 ? c : qMin(firstColumn, c);
        lastColumn = qMax(lastColumn, c);
    }
};

RowChange compareRows(const EditionRow &a, const EditionRow &b)
{
    RowChange change;
    bool display = false;
    bool toolTip = false;
    if (a.title != b.title) {
        change.column(EditionTableModel::TitleColumn);
        display = true;
    }
    if (a.state != b.state || a.forcePublished != b.forcePublished) {
        change.column(EditionTableModel::StateColumn);
        if (a.state != b.state) {
            display = true;
            change.roles << EditionTableModel::StateRole;
        }
        if (a.forcePublished != b.forcePublished) {
            toolTip = true;
            change.roles << EditionTableModel::ForcePublishedRole;
        }
    }
    if (a.schemaName != b.schemaName) {
        change.column(EditionTableModel::SchemaColumn);
        display = true;
    }
    if (a.sectorName != b.sectorName) {
        change.column(EditionTableModel::SectorColumn);
        display = true;
    }
    if (a.majorVersion != b.majorVersion || a.minorVersion != b.minorVersion) {
        change.column(EditionTableModel::VersionColumn);
        display = true;
    }
    if (a.updatedMs != b.updatedMs) {
        change.column(EditionTableModel::UpdatedColumn);
        display = true;
        change.roles << EditionTableModel::UpdatedRole;
    }
    if (a.documentId != b.documentId) {
        change.column(EditionTableModel::TitleColumn);
        change.roles << EditionTableModel::DocumentIdRole;
    }
    if (display)
        change.roles << Qt::DisplayRole;
    if (display || toolTip)
        change.roles << Qt::ToolTipRole;
    return change;
}

} // namespace

void EditionTableModel::applyUpdate(EditionPage &page)
{
    QList<EditionRow> &fresh = page.rows;
    QList<Id> before;
    before.reserve(m_rows.size());
    for (const EditionRow &r : std::as_const(m_rows))
        before.append(r.id);
    QList<Id> after;
    after.reserve(fresh.size());
    for (const EditionRow &r : std::as_const(fresh))
        after.append(r.id);

    RowDiff::Operations ops;
    ops.remove = [this](int first, int last) {
        beginRemoveRows({}, first, last);
        m_rows.remove(first, last - first + 1);
        endRemoveRows();
    };
    ops.move = [this](int from, int destination) {
        const bool ok = beginMoveRows({}, from, from, {}, destination);
        Q_ASSERT(ok);
        Q_UNUSED(ok);
        m_rows.move(from, destination > from ? destination - 1 : destination);
        endMoveRows();
    };
    ops.insert = [this, &fresh](int row, int first, int last) {
        beginInsertRows({}, row, row + (last - first));
        for (int k = first; k <= last; ++k)
            m_rows.insert(row + (k - first), fresh.at(k));
        endInsertRows();
    };
    const RowDiff::Stats stats = RowDiff::apply(before, after, ops);

    // The rows are in their new order now; bring their data up to date.
    int changed = 0;
    for (int row = 0; row < m_rows.size(); ++row) {
        const EditionRow &was = m_rows.at(row);
        const EditionRow &now = fresh.at(row);
        const RowChange change = compareRows(was, now);
        // Ids the model keeps but shows in no role: stored, not signalled.
        const bool hidden = was.siteId != now.siteId || was.sectorId != now.sectorId || was.schemaId != now.schemaId;
        if (change.firstColumn < 0 && !hidden)
            continue;
        m_rows[row] = now;
        if (change.firstColumn >= 0) {
            ++changed;
            Q_EMIT dataChanged(index(row, change.firstColumn), index(row, change.lastColumn), change.roles);
        }
    }

    m_atEnd = page.atEnd;
    if (m_atEnd) {
        m_total = m_rows.size();
        Q_EMIT totalCountChanged(m_total);
    } else {
        requestCount();
    }
    Q_EMIT updatedInPlace(stats.removed, stats.inserted, stats.moved, changed);
}

// Starts what waited for the work that just ended: first a page a view asked for
// during an update, then another update.
void EditionTableModel::runQueued()
{
    if (m_fetchDeferred && !m_updating) {
        m_fetchDeferred = false;
        if (m_atEnd || m_rows.isEmpty()) {
            setLoading(m_loadingFirst, false);
        } else {
            postFetch();
            return;
        }
    }
    if (m_updateQueued && !m_loadingFirst && !m_fetching && !m_updating)
        startUpdate();
}

const EditionRow *EditionTableModel::rowAt(int row) const
{
    if (row < 0 || row >= m_rows.size())
        return nullptr;
    return &m_rows.at(row);
}

int EditionTableModel::rowOfEdition(Id editionId) const
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).id == editionId)
            return i;
    }
    return -1;
}

int EditionTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int EditionTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

Qt::ItemFlags EditionTableModel::flags(const QModelIndex &index) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
}

QVariant EditionTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const EditionRow &r = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case TitleColumn: return r.title;
        case StateColumn: return displayName(r.state);
        case SchemaColumn: return r.schemaName;
        case SectorColumn: return r.sectorName;
        case VersionColumn:
            return r.majorVersion || r.minorVersion ? QString::number(r.majorVersion) + u'.' + QString::number(r.minorVersion)
                                                    : QString();
        case UpdatedColumn:
            return QLocale().toString(QDateTime::fromMSecsSinceEpoch(r.updatedMs).toLocalTime(), QLocale::ShortFormat);
        }
        return {};
    case Qt::ToolTipRole:
        if (index.column() == TitleColumn)
            return r.title;
        if (index.column() == StateColumn && r.forcePublished)
            return tr("%1 (force published, awaiting retrospective approval)").arg(displayName(r.state));
        if (index.column() == UpdatedColumn)
            return QLocale().toString(QDateTime::fromMSecsSinceEpoch(r.updatedMs).toLocalTime(), QLocale::LongFormat);
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == VersionColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case IdRole: return r.id;
    case DocumentIdRole: return r.documentId;
    case StateRole: return int(r.state);
    case ForcePublishedRole: return r.forcePublished;
    case UpdatedRole: return QDateTime::fromMSecsSinceEpoch(r.updatedMs, QTimeZone::UTC);
    }
    return {};
}

QVariant EditionTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return {};
    if (role == Qt::DisplayRole) {
        switch (section) {
        case TitleColumn: return tr("Title");
        case StateColumn: return tr("State");
        case SchemaColumn: return tr("Schema");
        case SectorColumn: return tr("Sector");
        case VersionColumn: return tr("Version");
        case UpdatedColumn: return tr("Updated");
        }
    }
    if (role == Qt::InitialSortOrderRole)
        return section == UpdatedColumn || section == VersionColumn ? Qt::DescendingOrder : Qt::AscendingOrder;
    return {};
}

QHash<int, QByteArray> EditionTableModel::roleNames() const
{
    auto names = QAbstractTableModel::roleNames();
    names.insert(IdRole, "editionId");
    names.insert(DocumentIdRole, "documentId");
    names.insert(StateRole, "state");
    names.insert(ForcePublishedRole, "forcePublished");
    names.insert(UpdatedRole, "updated");
    return names;
}

} // namespace Galley
