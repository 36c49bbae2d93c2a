#include "schemalistmodel.h"

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
            m_visible = matchingRows();
            endResetModel();
            Q_EMIT loaded();
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

// Removes the rows that no longer match and inserts the ones that now do, in
// contiguous runs, so a view keeps its selection and scroll position.
void SchemaListModel::applyFilter()
{
    const QList<int> wanted = matchingRows();
    // Remove rows not wanted any more (back to front so row numbers stay valid).
    for (int row = int(m_visible.size()) - 1; row >= 0;) {
        if (wanted.contains(m_visible.at(row))) {
            --row;
            continue;
        }
        int first = row;
        while (first > 0 && !wanted.contains(m_visible.at(first - 1)))
            --first;
        beginRemoveRows({}, first, row);
        m_visible.remove(first, row - first + 1);
        endRemoveRows();
        row = first - 1;
    }
    // Insert the missing ones in order: m_visible and wanted are both ascending.
    int row = 0;
    for (int w = 0; w < wanted.size();) {
        if (row < m_visible.size() && m_visible.at(row) == wanted.at(w)) {
            ++row;
            ++w;
            continue;
        }
        int last = w;
        while (last + 1 < wanted.size() && (row >= m_visible.size() || wanted.at(last + 1) < m_visible.at(row)))
            ++last;
        beginInsertRows({}, row, row + (last - w));
        for (int k = w; k <= last; ++k)
            m_visible.insert(row + (k - w), wanted.at(k));
        endInsertRows();
        row += last - w + 1;
        w = last + 1;
    }
}

const SchemaSummary *SchemaListModel::schemaAt(int row) const
{
    if (row < 0 || row >= m_visible.size())
        return nullptr;
    return &m_all.at(m_visible.at(row));
}

int SchemaListModel::rowOfSchema(Id schemaId) const
{
    for (int row = 0; row < m_visible.size(); ++row) {
        if (m_all.at(m_visible.at(row)).schema.id == schemaId)
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
    const SchemaSummary &s = m_all.at(m_visible.at(index.row()));
    switch (role) {
    case Qt::DisplayRole: return s.schema.name;
    case Qt::ToolTipRole:
        return s.schema.description.isEmpty() ? s.schema.name : s.schema.name + u'\n' + s.schema.description;
    case IdRole: return s.schema.id;
    case DialectRole: return int(s.schema.dialect);
    case DescriptionRole: return s.schema.description;
    case DocumentCountRole: return s.documentCount;
    case SpecJsonRole: return QString::fromUtf8(QJsonDocument(s.schema.specDoc).toJson(QJsonDocument::Indented));
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
