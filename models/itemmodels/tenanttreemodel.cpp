#include "tenanttreemodel.h"

#include "store/replicareader.h"
#include "store/storeworker.h"

#include <QIcon>
#include <QLocale>

namespace Galley {

struct TenantTreeModel::Node
{
    NodeKind kind = NodeKind::Account;
    Id id = 0;
    QString name;
    QString detail;
    qint64 editionCount = -1;   // not counted yet
    Node *parent = nullptr;
    int row = 0;
    std::vector<std::unique_ptr<Node>> children;
    bool fetched = false;
    bool fetching = false;

    bool canHaveChildren() const { return !parent || kind != NodeKind::Sector; }
};

namespace {

struct ChildRow
{
    Id id;
    QString name;
    QString detail;
};

// Children of a node (accounts for the root).
Result<QList<ChildRow>> loadChildren(QSqlDatabase &db, bool isRoot, TenantTreeModel::NodeKind kind, Id id)
{
    QList<ChildRow> out;
    if (isRoot) {
        auto accounts = ReplicaReader::accounts(db);
        if (!accounts)
            return accounts.error();
        for (const Account &a : accounts.value())
            out.append({ a.id, a.name, a.slug });
    } else if (kind == TenantTreeModel::NodeKind::Account) {
        auto sites = ReplicaReader::sites(db, id);
        if (!sites)
            return sites.error();
        for (const Site &s : sites.value())
            out.append({ s.id, s.name, s.domain });
    } else {
        auto sectors = ReplicaReader::sectors(db, id);
        if (!sectors)
            return sectors.error();
        for (const Sector &s : sectors.value())
            out.append({ s.id, s.name, QString() });
    }
    return out;
}

} // namespace

TenantTreeModel::TenantTreeModel(StoreWorker *worker, QObject *parent)
    : QAbstractItemModel(parent)
    , m_worker(worker)
    , m_root(std::make_unique<Node>())
{
}

TenantTreeModel::~TenantTreeModel() = default;

void TenantTreeModel::reload()
{
    beginResetModel();
    ++m_generation;
    m_pending = 0;
    m_root = std::make_unique<Node>();
    endResetModel();
    fetchChildren(m_root.get());
}

TenantTreeModel::Node *TenantTreeModel::nodeFor(const QModelIndex &index) const
{
    return index.isValid() ? static_cast<Node *>(index.internalPointer()) : m_root.get();
}

QModelIndex TenantTreeModel::indexFor(const Node *node) const
{
    if (!node || node == m_root.get())
        return {};
    return createIndex(node->row, 0, const_cast<Node *>(node));
}

void TenantTreeModel::fetchChildren(Node *node)
{
    if (!m_worker || node->fetched || node->fetching)
        return;
    node->fetching = true;
    ++m_pending;
    const bool isRoot = node == m_root.get();
    const NodeKind kind = node->kind;
    const Id id = node->id;
    const quint64 generation = m_generation;
    m_worker->post(
        this, [isRoot, kind, id](QSqlDatabase &db) { return loadChildren(db, isRoot, kind, id); },
        [this, node, isRoot, generation](Result<QList<ChildRow>> rows) {
            if (generation != m_generation)
                return;   // the tree was reloaded: node no longer exists
            --m_pending;
            node->fetching = false;
            if (!rows) {
                Q_EMIT errorOccurred(rows.error());
                return;
            }
            node->fetched = true;
            const QModelIndex parentIndex = indexFor(node);
            const auto &list = rows.value();
            if (!list.isEmpty()) {
                beginInsertRows(parentIndex, 0, int(list.size()) - 1);
                const NodeKind childKind = isRoot ? NodeKind::Account
                    : node->kind == NodeKind::Account ? NodeKind::Site
                                                      : NodeKind::Sector;
                for (const ChildRow &c : list) {
                    auto child = std::make_unique<Node>();
                    child->kind = childKind;
                    child->id = c.id;
                    child->name = c.name;
                    child->detail = c.detail;
                    child->parent = node;
                    child->row = int(node->children.size());
                    node->children.push_back(std::move(child));
                }
                endInsertRows();
            } else {
                // hasChildren() said yes until now: let views drop the expander.
                if (parentIndex.isValid())
                    Q_EMIT dataChanged(parentIndex, parentIndex);
            }
            if (!list.isEmpty())
                fetchCounts(node);
            if (isRoot)
                Q_EMIT accountsLoaded();
            else
                Q_EMIT childrenLoaded(parentIndex);
            continueEnsure();
        });
}

void TenantTreeModel::fetchCounts(Node *node)
{
    const bool isRoot = node == m_root.get();
    const NodeKind kind = node->kind;
    const Id id = node->id;
    const quint64 generation = m_generation;
    const auto level = isRoot                   ? ReplicaReader::CountLevel::Accounts
        : kind == NodeKind::Account              ? ReplicaReader::CountLevel::SitesOfAccount
                                                 : ReplicaReader::CountLevel::SectorsOfSite;
    // An aggregate over up to every edition: on the background lane, filled in later.
    m_worker->post(
        this, [level, id](QSqlDatabase &db) { return ReplicaReader::editionCounts(db, level, id); },
        [this, node, generation](Result<QHash<Id, qint64>> counts) {
            if (generation != m_generation)
                return;
            if (!counts) {
                Q_EMIT errorOccurred(counts.error());
                return;
            }
            for (auto &child : node->children)
                child->editionCount = counts.value().value(child->id);
            if (!node->children.empty()) {
                const QModelIndex parentIndex = indexFor(node);
                Q_EMIT dataChanged(index(0, 0, parentIndex), index(int(node->children.size()) - 1, 0, parentIndex),
                                   { EditionCountRole, Qt::ToolTipRole });
            }
        },
        {}, StoreWorker::Lane::Background);
}

Scope TenantTreeModel::scopeForIndex(const QModelIndex &index) const
{
    Scope scope;
    for (const Node *n = index.isValid() ? nodeFor(index) : nullptr; n && n != m_root.get(); n = n->parent) {
        switch (n->kind) {
        case NodeKind::Account: scope.accountId = n->id; break;
        case NodeKind::Site: scope.siteId = n->id; break;
        case NodeKind::Sector: scope.sectorId = n->id; break;
        }
    }
    return scope;
}

QModelIndex TenantTreeModel::indexForScope(const Scope &scope) const
{
    const Node *found = nullptr;
    const Node *level = m_root.get();
    const Id path[] = { scope.accountId, scope.siteId, scope.sectorId };
    for (Id id : path) {
        if (!id)
            break;
        const Node *next = nullptr;
        for (const auto &c : level->children) {
            if (c->id == id) {
                next = c.get();
                break;
            }
        }
        if (!next)
            break;
        found = next;
        level = next;
    }
    return indexFor(found);
}

void TenantTreeModel::ensureLoaded(const Scope &scope)
{
    m_wanted = scope;
    continueEnsure();
}

void TenantTreeModel::continueEnsure()
{
    if (!m_wanted)
        return;
    const Scope scope = *m_wanted;
    Node *level = m_root.get();
    const Id path[] = { scope.accountId, scope.siteId, scope.sectorId };
    for (Id id : path) {
        if (!id)
            break;
        if (!level->fetched) {
            fetchChildren(level);   // continueEnsure() runs again when it answers
            return;
        }
        Node *next = nullptr;
        for (const auto &c : level->children) {
            if (c->id == id) {
                next = c.get();
                break;
            }
        }
        if (!next)
            break;   // gone from the workspace: the deepest existing node will do
        level = next;
    }
    m_wanted.reset();
    Q_EMIT scopeLoaded(scope);
}

QModelIndex TenantTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (column != 0 || row < 0)
        return {};
    const Node *p = nodeFor(parent);
    if (!p || row >= int(p->children.size()))
        return {};
    return createIndex(row, 0, p->children[size_t(row)].get());
}

QModelIndex TenantTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    const Node *n = nodeFor(child);
    return indexFor(n->parent);
}

int TenantTreeModel::rowCount(const QModelIndex &parent) const
{
    if (parent.column() > 0)
        return 0;
    const Node *p = nodeFor(parent);
    return p ? int(p->children.size()) : 0;
}

int TenantTreeModel::columnCount(const QModelIndex &) const
{
    return 1;
}

bool TenantTreeModel::hasChildren(const QModelIndex &parent) const
{
    if (parent.column() > 0)
        return false;
    const Node *p = nodeFor(parent);
    if (!p->canHaveChildren())
        return false;
    return p->fetched ? !p->children.empty() : true;
}

bool TenantTreeModel::canFetchMore(const QModelIndex &parent) const
{
    if (parent.column() > 0)
        return false;
    const Node *p = nodeFor(parent);
    return p->canHaveChildren() && !p->fetched && !p->fetching;
}

void TenantTreeModel::fetchMore(const QModelIndex &parent)
{
    if (canFetchMore(parent))
        fetchChildren(nodeFor(parent));
}

QVariant TenantTreeModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Node *n = nodeFor(index);
    switch (role) {
    case Qt::DisplayRole: return n->name;
    case Qt::ToolTipRole: {
        QString tip = n->name;
        if (!n->detail.isEmpty())
            tip += u'\n' + n->detail;
        if (n->editionCount >= 0)
            tip += u'\n' + tr("%n edition(s)", nullptr, int(qMin<qint64>(n->editionCount, INT_MAX)));
        return tip;
    }
    case Qt::DecorationRole:
        switch (n->kind) {
        case NodeKind::Account: return QIcon::fromTheme(QStringLiteral("office-building"),
                                                        QIcon::fromTheme(QStringLiteral("folder")));
        case NodeKind::Site: return QIcon::fromTheme(QStringLiteral("applications-internet"),
                                                     QIcon::fromTheme(QStringLiteral("folder-html")));
        case NodeKind::Sector: return QIcon::fromTheme(QStringLiteral("folder"));
        }
        return {};
    case KindRole: return int(n->kind);
    case IdRole: return n->id;
    case EditionCountRole: return n->editionCount;
    case DetailRole: return n->detail;
    }
    return {};
}

QVariant TenantTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (section == 0 && orientation == Qt::Horizontal && role == Qt::DisplayRole)
        return tr("Sites");
    return {};
}

QHash<int, QByteArray> TenantTreeModel::roleNames() const
{
    auto names = QAbstractItemModel::roleNames();
    names.insert(KindRole, "kind");
    names.insert(IdRole, "nodeId");
    names.insert(EditionCountRole, "editionCount");
    names.insert(DetailRole, "detail");
    return names;
}

} // namespace Galley
