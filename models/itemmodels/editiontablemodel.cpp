#include "editiontablemodel.h"

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
        },
        m_firstPageToken);
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
