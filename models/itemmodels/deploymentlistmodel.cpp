#include "deploymentlistmodel.h"

#include "itemmodels/rowdiff.h"
#include "store/storeworker.h"

#include <QLocale>

namespace Galley {

DeploymentListModel::DeploymentListModel(StoreWorker *worker, QObject *parent)
    : QAbstractTableModel(parent)
    , m_worker(worker)
{
}

DeploymentListModel::~DeploymentListModel() = default;

void DeploymentListModel::setScope(const Scope &scope)
{
    if (scope == m_scope && m_generation > 0)
        return;
    m_scope = scope;
    reload();
}

void DeploymentListModel::reload()
{
    request(true);
}

void DeploymentListModel::request(bool first)
{
    if (!m_worker)
        return;
    if (first) {
        ++m_generation;
        m_updating = false;   // superseded: the new first page is read after the change
        m_updateQueued = false;
        m_fetchDeferred = false;
    }
    m_loading = true;
    const quint64 generation = m_generation;
    const Scope scope = m_scope;
    const int limit = m_pageSize;
    std::optional<std::pair<qint64, Id>> after;
    if (!first && !m_rows.isEmpty())
        after = std::make_pair(m_rows.constLast().record.createdAt.toMSecsSinceEpoch(), m_rows.constLast().record.id);
    m_worker->post(
        this,
        [scope, after, limit](QSqlDatabase &db) {
            auto rows = ReplicaReader::deployments(db, scope, after, limit + 1);
            qint64 total = -1;
            if (rows && !after) {
                auto n = ReplicaReader::deploymentCount(db, scope);
                if (!n)
                    return std::make_pair(Result<QList<DeploymentRow>>(n.error()), total);
                total = n.value();
            }
            return std::make_pair(std::move(rows), total);
        },
        [this, generation, first, limit](std::pair<Result<QList<DeploymentRow>>, qint64> answer) {
            if (generation != m_generation)
                return;
            auto &rows = answer.first;
            if (!rows) {
                m_loading = false;
                Q_EMIT errorOccurred(rows.error());
                runQueued();
                return;
            }
            auto &list = rows.value();
            const bool more = list.size() > limit;
            if (more)
                list.removeLast();
            if (first) {
                beginResetModel();
                m_rows = std::move(list);
                m_atEnd = !more;
                endResetModel();
                m_total = answer.second;
                m_loading = false;
                Q_EMIT totalCountChanged(m_total);
                Q_EMIT loaded();
                runQueued();
            } else {
                m_atEnd = !more;
                if (!list.isEmpty()) {
                    const int at = int(m_rows.size());
                    beginInsertRows({}, at, at + int(list.size()) - 1);
                    m_rows.append(std::move(list));
                    endInsertRows();
                }
                m_loading = false;
                runQueued();
            }
        });
}

void DeploymentListModel::updateInPlace()
{
    if (!m_worker || m_generation == 0)
        return;   // never loaded: the first page is read fresh anyway
    if (m_loading || m_updating) {
        m_updateQueued = true;   // what is on its way may predate the change
        return;
    }
    startUpdate();
}

void DeploymentListModel::startUpdate()
{
    m_updating = true;
    m_updateQueued = false;
    const quint64 generation = m_generation;
    const Scope scope = m_scope;
    // What is loaded, at least a page; a page more when everything was, so that new
    // rows at the end show up without a fetchMore().
    const int limit = qMax(m_pageSize, int(m_rows.size())) + (m_atEnd ? m_pageSize : 0);
    using Answer = std::pair<Result<QList<DeploymentRow>>, qint64>;
    m_worker->post(
        this,
        [scope, limit](QSqlDatabase &db) -> Answer {
            auto rows = ReplicaReader::deployments(db, scope, std::nullopt, limit + 1);
            if (!rows)
                return { std::move(rows), -1 };
            auto n = ReplicaReader::deploymentCount(db, scope);
            if (!n)
                return { Result<QList<DeploymentRow>>(n.error()), -1 };
            return { std::move(rows), n.value() };
        },
        [this, generation, limit](Answer answer) {
            if (generation != m_generation)
                return;
            // Still "updating" while the difference is applied: a fetchMore() made in the
            // middle waits for the final last row.
            if (answer.first) {
                auto &list = answer.first.value();
                const bool more = list.size() > limit;
                if (more)
                    list.removeLast();
                applyUpdate(list, !more, answer.second);
            }
            m_updating = false;
            if (!answer.first)
                Q_EMIT errorOccurred(answer.first.error());
            runQueued();
        });
}

namespace {

QList<int> changedRoles(const DeploymentRow &a, const DeploymentRow &b, int *firstColumn, int *lastColumn)
{
    const DeploymentRecord &x = a.record;
    const DeploymentRecord &y = b.record;
    QList<int> roles;
    int first = -1;
    int last = -1;
    auto column = [&](int c) {
        first = first < 0 ? c : qMin(first, c);
        last = qMax(last, c);
    };
    if (a.siteName != b.siteName)
        column(DeploymentListModel::SiteColumn);
    if (x.version != y.version)
        column(DeploymentListModel::VersionColumn);
    if (x.status != y.status) {
        column(DeploymentListModel::StatusColumn);
        column(DeploymentListModel::DurationColumn);
        roles << DeploymentListModel::StatusRole;
    }
    if (x.createdAt != y.createdAt) {
        column(DeploymentListModel::StartedColumn);
        column(DeploymentListModel::DurationColumn);
    }
    if (x.finishedAt != y.finishedAt)
        column(DeploymentListModel::DurationColumn);
    if (x.url != y.url)
        column(DeploymentListModel::UrlColumn);
    if (first >= 0)
        roles << Qt::DisplayRole << Qt::ToolTipRole;
    if (x.log != y.log) {
        column(DeploymentListModel::SiteColumn);
        roles << DeploymentListModel::LogRole;
    }
    if (x.metadata != y.metadata) {
        column(DeploymentListModel::SiteColumn);
        roles << DeploymentListModel::MetadataRole;
    }
    *firstColumn = first;
    *lastColumn = last;
    return roles;
}

} // namespace

void DeploymentListModel::applyUpdate(QList<DeploymentRow> &fresh, bool atEnd, qint64 total)
{
    QList<Id> before;
    for (const DeploymentRow &r : std::as_const(m_rows))
        before.append(r.record.id);
    QList<Id> after;
    for (const DeploymentRow &r : std::as_const(fresh))
        after.append(r.record.id);

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

    int changed = 0;
    for (int row = 0; row < m_rows.size(); ++row) {
        int first = -1;
        int last = -1;
        const QList<int> roles = changedRoles(m_rows.at(row), fresh.at(row), &first, &last);
        const DeploymentRecord &x = m_rows.at(row).record;
        const DeploymentRecord &y = fresh.at(row).record;
        if (first < 0 && x.accountId == y.accountId && x.siteId == y.siteId && x.startedBy == y.startedBy)
            continue;
        m_rows[row] = fresh.at(row);
        if (first >= 0) {
            ++changed;
            Q_EMIT dataChanged(index(row, first), index(row, last), roles);
        }
    }
    m_atEnd = atEnd;
    if (total != m_total) {
        m_total = total;
        Q_EMIT totalCountChanged(m_total);
    }
    Q_EMIT updatedInPlace(stats.removed, stats.inserted, stats.moved, changed);
}

void DeploymentListModel::runQueued()
{
    if (m_fetchDeferred && !m_updating) {
        m_fetchDeferred = false;
        if (m_atEnd || m_rows.isEmpty()) {
            m_loading = false;
        } else {
            request(false);
            return;
        }
    }
    if (m_updateQueued && !m_loading && !m_updating)
        startUpdate();
}

const DeploymentRow *DeploymentListModel::rowAt(int row) const
{
    if (row < 0 || row >= m_rows.size())
        return nullptr;
    return &m_rows.at(row);
}

bool DeploymentListModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_atEnd && !m_loading && !m_rows.isEmpty();
}

void DeploymentListModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    if (m_updating) {
        // The last row may be about to change: ask after the update has been applied.
        m_loading = true;
        m_fetchDeferred = true;
        return;
    }
    request(false);
}

int DeploymentListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int DeploymentListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

namespace {

QString duration(const DeploymentRecord &d)
{
    if (!d.finishedAt.isValid() || !d.createdAt.isValid())
        return {};
    const qint64 secs = qMax<qint64>(0, d.createdAt.secsTo(d.finishedAt));
    if (secs < 60)
        return DeploymentListModel::tr("%1 s").arg(secs);
    if (secs < 3600)
        return DeploymentListModel::tr("%1 min %2 s").arg(secs / 60).arg(secs % 60);
    return DeploymentListModel::tr("%1 h %2 min").arg(secs / 3600).arg((secs % 3600) / 60);
}

} // namespace

QVariant DeploymentListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const DeploymentRow &row = m_rows.at(index.row());
    const DeploymentRecord &d = row.record;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case SiteColumn: return row.siteName;
        case VersionColumn: return tr("v%1").arg(d.version);
        case StatusColumn: return displayName(d.status);
        case StartedColumn: return QLocale().toString(d.createdAt.toLocalTime(), QLocale::ShortFormat);
        case DurationColumn:
            if (d.status == DeploymentStatus::Pending || d.status == DeploymentStatus::Deploying)
                return tr("running");
            return duration(d);
        case UrlColumn: return d.url;
        }
        return {};
    case Qt::ToolTipRole:
        if (index.column() == UrlColumn)
            return d.url;
        if (index.column() == StartedColumn)
            return QLocale().toString(d.createdAt.toLocalTime(), QLocale::LongFormat);
        return {};
    case IdRole: return d.id;
    case StatusRole: return int(d.status);
    case LogRole: return d.log;
    case MetadataRole: return d.metadata;
    }
    return {};
}

QVariant DeploymentListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case SiteColumn: return tr("Site");
    case VersionColumn: return tr("Version");
    case StatusColumn: return tr("Status");
    case StartedColumn: return tr("Started");
    case DurationColumn: return tr("Duration");
    case UrlColumn: return tr("URL");
    }
    return {};
}

QHash<int, QByteArray> DeploymentListModel::roleNames() const
{
    auto names = QAbstractTableModel::roleNames();
    names.insert(IdRole, "deploymentId");
    names.insert(StatusRole, "status");
    names.insert(LogRole, "log");
    names.insert(MetadataRole, "metadata");
    return names;
}

} // namespace Galley
