#include "schemalistmodel.h"

#include "itemmodels/rowdiff.h"
#include "store/storeworker.h"

#include <QJsonDocument>

namespace Galley {

SchemaListModel::SchemaListModel(StoreWorker *worker, QObject *parent)
    : QAbstractListModel(parent)
    , m_worker(worker)
{
}

SchemaListModel::~SchemaListModel() = default;

void SchemaListModel::setAccountId(Id accountId)
{
    if (accountId == m_accountId && (m_loading || !m_all.isEmpty()))
        return;
    m_accountId = accountId;
    reload();
}

void SchemaListModel::reload()
{
    if (!m_worker)
        return;
    m_loading = true;
    m_updating = false;       // its answer is for the old generation
    m_updateQueued = false;   // the new read comes after whatever wanted it
    const quint64 generation = ++m_generation;
    const Id account = m_accountId;
    m_worker->post(
        this, [account](QSqlDatabase &db) { return ReplicaReader::schemas(db, account); },
        [this, generation](Result<QList<SchemaSummary>> schemas) {
            if (generation != m_generation)
                return;
            m_loading = false;
            if (!schemas) {
                Q_EMIT errorOccurred(schemas.error());
                return;
            }
            beginResetModel();
            m_all = std::move(schemas.value());
            m_visible.clear();
            for (int i : matchingRows())
                m_visible.append(m_all.at(i));
            endResetModel();
            Q_EMIT loaded();
            if (m_updateQueued)
                startUpdate();
        });
}

void SchemaListModel::updateInPlace()
{
    if (!m_worker || m_generation == 0)
        return;   // never loaded: the first load reads fresh rows anyway
    if (m_loading || m_updating) {
        m_updateQueued = true;   // what is on its way may predate the change
        return;
    }
    startUpdate();
}

void SchemaListModel::startUpdate()
{
    m_updating = true;
    m_updateQueued = false;
    const quint64 generation = m_generation;
    const Id account = m_accountId;
    m_worker->post(
        this, [account](QSqlDatabase &db) { return ReplicaReader::schemas(db, account); },
        [this, generation](Result<QList<SchemaSummary>> schemas) {
            if (generation != m_generation)
                return;
            m_updating = false;
            if (!schemas) {
                Q_EMIT errorOccurred(schemas.error());
            } else {
                m_all = std::move(schemas.value());
                const Changes c = applyFilter();
                Q_EMIT updatedInPlace(c.removed, c.inserted, c.moved, c.changed);
            }
            if (m_updateQueued)
                startUpdate();
        });
}

void SchemaListModel::setNameFilter(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed == m_nameFilter)
        return;
    m_nameFilter = trimmed;
    applyFilter();
}

QList<int> SchemaListModel::matchingRows() const
{
    QList<int> rows;
    for (int i = 0; i < m_all.size(); ++i) {
        if (m_nameFilter.isEmpty() || m_all.at(i).schema.name.contains(m_nameFilter, Qt::CaseInsensitive))
            rows.append(i);
    }
    return rows;
}

namespace {

// The roles in which two versions of a schema differ.
QList<int> changedRoles(const SchemaSummary &a, const SchemaSummary &b)
{
    QList<int> roles;
    if (a.schema.name != b.schema.name)
        roles << Qt::DisplayRole;
    if (a.schema.name != b.schema.name || a.schema.description != b.schema.description)
        roles << Qt::ToolTipRole;
    if (a.schema.description != b.schema.description)
        roles << SchemaListModel::DescriptionRole;
    if (a.schema.dialect != b.schema.dialect)
        roles << SchemaListModel::DialectRole;
    if (a.documentCount != b.documentCount)
        roles << SchemaListModel::DocumentCountRole;
    if (a.schema.specDoc != b.schema.specDoc || a.schema.specText != b.schema.specText)
        roles << SchemaListModel::SpecJsonRole;
    if (a.schema.updatedAt != b.schema.updatedAt)
        roles << SchemaListModel::UpdatedRole;
    if (a.schema.accountId != b.schema.accountId)
        roles << SchemaListModel::AccountIdRole;
    return roles;
}

bool sameSchema(const SchemaSummary &a, const SchemaSummary &b)
{
    return changedRoles(a, b).isEmpty() && a.schema.authPolicy == b.schema.authPolicy
        && a.schema.lockVersion == b.schema.lockVersion && a.schema.createdAt == b.schema.createdAt;
}

} // namespace

// Removes the rows that no longer match, moves those whose place changed and inserts
// the ones that now match, in contiguous runs, then updates the data of the rest, so a
// view keeps its selection and scroll position.
SchemaListModel::Changes SchemaListModel::applyFilter()
{
    const QList<int> wanted = matchingRows();
    QList<Id> before;
    for (const SchemaSummary &s : std::as_const(m_visible))
        before.append(s.schema.id);
    QList<Id> after;
    for (int i : wanted)
        after.append(m_all.at(i).schema.id);

    RowDiff::Operations ops;
    ops.remove = [this](int first, int last) {
        beginRemoveRows({}, first, last);
        m_visible.remove(first, last - first + 1);
        endRemoveRows();
    };
    ops.move = [this](int from, int destination) {
        const bool ok = beginMoveRows({}, from, from, {}, destination);
        Q_ASSERT(ok);
        Q_UNUSED(ok);
        m_visible.move(from, destination > from ? destination - 1 : destination);
        endMoveRows();
    };
    ops.insert = [this, &wanted](int row, int first, int last) {
        beginInsertRows({}, row, row + (last - first));
        for (int k = first; k <= last; ++k)
            m_visible.insert(row + (k - first), m_all.at(wanted.at(k)));
        endInsertRows();
    };
    const RowDiff::Stats stats = RowDiff::apply(before, after, ops);

    Changes changes { stats.removed, stats.inserted, stats.moved, 0 };
    for (int row = 0; row < m_visible.size(); ++row) {
        const SchemaSummary &fresh = m_all.at(wanted.at(row));
        if (sameSchema(m_visible.at(row), fresh))
            continue;
        const QList<int> roles = changedRoles(m_visible.at(row), fresh);
        m_visible[row] = fresh;
        if (!roles.isEmpty()) {
            ++changes.changed;
            Q_EMIT dataChanged(index(row), index(row), roles);
        }
    }
    return changes;
}

const SchemaSummary *SchemaListModel::schemaAt(int row) const
{
    if (row < 0 || row >= m_visible.size())
        return nullptr;
    return &m_visible.at(row);
}

int SchemaListModel::rowOfSchema(Id schemaId) const
{
    for (int row = 0; row < m_visible.size(); ++row) {
        if (m_visible.at(row).schema.id == schemaId)
            return row;
    }
    return -1;
}

int SchemaListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_visible.size());
}

QVariant SchemaListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const SchemaSummary &s = m_visible.at(index.row());
    switch (role) {
    case Qt::DisplayRole: return s.schema.name;
    case Qt::ToolTipRole:
        return s.schema.description.isEmpty() ? s.schema.name : s.schema.name + u'\n' + s.schema.description;
    case IdRole: return s.schema.id;
    case DialectRole: return int(s.schema.dialect);
    case DescriptionRole: return s.schema.description;
    case DocumentCountRole: return s.documentCount;
    // As its author wrote it when known (member order is the order of a form's fields).
    case SpecJsonRole:
        return s.schema.specText.isEmpty() ? QString::fromUtf8(QJsonDocument(s.schema.specDoc).toJson(QJsonDocument::Indented))
                                           : s.schema.specText;
    case UpdatedRole: return s.schema.updatedAt;
    case AccountIdRole: return s.schema.accountId;
    }
    return {};
}

QHash<int, QByteArray> SchemaListModel::roleNames() const
{
    auto names = QAbstractListModel::roleNames();
    names.insert(IdRole, "schemaId");
    names.insert(DialectRole, "dialect");
    names.insert(DescriptionRole, "description");
    names.insert(DocumentCountRole, "documentCount");
    names.insert(SpecJsonRole, "specJson");
    names.insert(UpdatedRole, "updated");
    names.insert(AccountIdRole, "accountId");
    return names;
}

} // namespace Galley
