#include "deploymentlistmodel.h"

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
    if (first)
        ++m_generation;
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
            } else {
                m_atEnd = !more;
                if (!list.isEmpty()) {
                    const int at = int(m_rows.size());
                    beginInsertRows({}, at, at + int(list.size()) - 1);
                    m_rows.append(std::move(list));
                    endInsertRows();
                }
                m_loading = false;
            }
        });
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
    if (canFetchMore(parent))
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
