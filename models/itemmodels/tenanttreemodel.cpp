#include "tenanttreemodel.h"

#include "itemmodels/rowdiff.h"
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
    quint64 serial = 0;
    int row = 0;
    std::vector<std::unique_ptr<Node>> children;
    bool fetched = false;
    bool fetching = false;

    bool canHaveChildren() const { return !parent || kind != NodeKind::Sector; }
};

struct TenantTreeModel::ChildRow
{
    Id id;
    QString name;
    QString detail;
};

// Children of a node (accounts for the root).
Result<QList<TenantTreeModel::ChildRow>> TenantTreeModel::loadChildren(QSqlDatabase &db, bool isRoot, NodeKind kind,
                                                                         Id id)
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

TenantTreeModel::TenantTreeModel(StoreWorker *worker, QObject *parent)
    : QAbstractItemModel(parent)
    , m_worker(worker)
    , m_root(makeNode(nullptr))
{
}

TenantTreeModel::~TenantTreeModel() = default;

void TenantTreeModel::reload()
{
    beginResetModel();
    ++m_generation;
    m_pending = 0;
    m_updating = false;
    m_updateQueued = false;
    m_nodes.clear();
    m_root = makeNode(nullptr);
    endResetModel();
    fetchChildren(m_root.get());
}

std::unique_ptr<TenantTreeModel::Node> TenantTreeModel::makeNode(Node *parent)
{
    auto node = std::make_unique<Node>();
    node->parent = parent;
    node->serial = ++m_nextSerial;
    m_nodes.insert(node->serial, node.get());
    return node;
}

void TenantTreeModel::forget(const Node *node)
{
    m_nodes.remove(node->serial);
    for (const auto &c : node->children)
        forget(c.get());
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
    const quint64 serial = node->serial;
    const quint64 generation = m_generation;
    m_worker->post(
        this, [isRoot, kind, id](QSqlDatabase &db) { return loadChildren(db, isRoot, kind, id); },
        [this, serial, isRoot, generation](Result<QList<ChildRow>> rows) {
            if (generation != m_generation)
                return;   // the tree was reloaded: node no longer exists
            --m_pending;
            Node *target = m_nodes.value(serial);
            if (!target) {
                runQueuedUpdate();   // removed by an update meanwhile
                return;
            }
            target->fetching = false;
            if (!rows) {
                Q_EMIT errorOccurred(rows.error());
                runQueuedUpdate();
                return;
            }
            target->fetched = true;
            const QModelIndex parentIndex = indexFor(target);
            const auto &list = rows.value();
            if (!list.isEmpty()) {
                beginInsertRows(parentIndex, 0, int(list.size()) - 1);
                const NodeKind childKind = isRoot      ? NodeKind::Account
                    : target->kind == NodeKind::Account ? NodeKind::Site
                                                        : NodeKind::Sector;
                for (const ChildRow &c : list) {
                    auto child = makeNode(target);
                    child->kind = childKind;
                    child->id = c.id;
                    child->name = c.name;
                    child->detail = c.detail;
                    child->row = int(target->children.size());
                    target->children.push_back(std::move(child));
                }
                endInsertRows();
            } else {
                // hasChildren() said yes until now: let views drop the expander.
                if (parentIndex.isValid())
                    Q_EMIT dataChanged(parentIndex, parentIndex);
            }
            if (!list.isEmpty())
                fetchCounts(target);
            if (isRoot)
                Q_EMIT accountsLoaded();
            else
                Q_EMIT childrenLoaded(parentIndex);
            continueEnsure();
            runQueuedUpdate();
        });
}

void TenantTreeModel::fetchCounts(Node *node)
{
    const bool isRoot = node == m_root.get();
    const NodeKind kind = node->kind;
    const Id id = node->id;
    const quint64 serial = node->serial;
    const quint64 generation = m_generation;
    const auto level = isRoot                   ? ReplicaReader::CountLevel::Accounts
        : kind == NodeKind::Account              ? ReplicaReader::CountLevel::SitesOfAccount
                                                 : ReplicaReader::CountLevel::SectorsOfSite;
    // An aggregate over up to every edition: on the background lane, filled in later.
    m_worker->post(
        this, [level, id](QSqlDatabase &db) { return ReplicaReader::editionCounts(db, level, id); },
        [this, serial, generation](Result<QHash<Id, qint64>> counts) {
            if (generation != m_generation)
                return;
            Node *target = m_nodes.value(serial);
            if (!target)
                return;   // removed by an update meanwhile
            if (!counts) {
                Q_EMIT errorOccurred(counts.error());
                return;
            }
            // dataChanged for the runs of children whose count changed.
            const QModelIndex parentIndex = indexFor(target);
            const int n = int(target->children.size());
            for (int row = 0; row < n;) {
                Node *child = target->children[size_t(row)].get();
                const qint64 count = counts.value().value(child->id);
                if (child->editionCount == count) {
                    ++row;
                    continue;
                }
                int last = row;
                child->editionCount = count;
                while (last + 1 < n) {
                    Node *next = target->children[size_t(last + 1)].get();
                    const qint64 c = counts.value().value(next->id);
                    if (next->editionCount == c)
                        break;
                    next->editionCount = c;
                    ++last;
                }
                Q_EMIT dataChanged(index(row, 0, parentIndex), index(last, 0, parentIndex),
                                   { EditionCountRole, Qt::ToolTipRole });
                row = last + 1;
            }
        },
        {}, StoreWorker::Lane::Background);
}

void TenantTreeModel::updateInPlace()
{
    if (!m_worker || (!m_root->fetched && !m_root->fetching))
        return;   // nothing loaded: whatever is fetched later is read fresh
    if (m_pending > 0 || m_updating) {
        // Children on their way may have been read before the change: look again after them.
        m_updateQueued = true;
        return;
    }
    startUpdate();
}

void TenantTreeModel::startUpdate()
{
    m_updating = true;
    m_updateQueued = false;
    struct Wanted
    {
        quint64 serial;
        bool isRoot;
        NodeKind kind;
        Id id;
    };
    // Every loaded level, parents before their children.
    QList<Wanted> wanted;
    QList<const Node *> queue { m_root.get() };
    for (qsizetype i = 0; i < queue.size(); ++i) {
        const Node *n = queue.at(i);
        if (!n->fetched)
            continue;
        wanted.append({ n->serial, n == m_root.get(), n->kind, n->id });
        for (const auto &c : n->children)
            queue.append(c.get());
    }
    const quint64 generation = m_generation;
    using Answer = QList<std::pair<quint64, Result<QList<ChildRow>>>>;
    m_worker->post(
        this,
        [wanted](QSqlDatabase &db) {
            Answer answer;
            for (const Wanted &w : wanted)
                answer.append({ w.serial, loadChildren(db, w.isRoot, w.kind, w.id) });
            return answer;
        },
        [this, generation](Answer answer) {
            if (generation != m_generation)
                return;
            m_updating = false;
            QList<quint64> counted;
            for (const auto &[serial, rows] : answer) {
                Node *node = m_nodes.value(serial);
                if (!node)
                    continue;   // its parent lost it a moment ago
                if (!rows) {
                    Q_EMIT errorOccurred(rows.error());
                    continue;
                }
                applyChildren(node, rows.value());
                if (!node->children.empty())
                    counted.append(serial);
            }
            for (quint64 serial : std::as_const(counted)) {
                if (Node *node = m_nodes.value(serial))
                    fetchCounts(node);
            }
            Q_EMIT updatedInPlace();
            runQueuedUpdate();
        });
}

void TenantTreeModel::applyChildren(Node *node, const QList<ChildRow> &rows)
{
    const QModelIndex parentIndex = indexFor(node);
    const NodeKind childKind = node == m_root.get() ? NodeKind::Account
        : node->kind == NodeKind::Account           ? NodeKind::Site
                                                    : NodeKind::Sector;
    auto renumber = [node] {
        for (size_t i = 0; i < node->children.size(); ++i)
            node->children[i]->row = int(i);
    };
    QList<Id> before;
    for (const auto &c : node->children)
        before.append(c->id);
    QList<Id> after;
    for (const ChildRow &c : rows)
        after.append(c.id);
    const bool hadChildren = !node->children.empty();

    RowDiff::Operations ops;
    ops.remove = [&](int first, int last) {
        beginRemoveRows(parentIndex, first, last);
        auto begin = node->children.begin() + first;
        auto end = node->children.begin() + last + 1;
        for (auto it = begin; it != end; ++it)
            forget(it->get());
        node->children.erase(begin, end);
        renumber();
        endRemoveRows();
    };
    ops.move = [&](int from, int destination) {
        const bool ok = beginMoveRows(parentIndex, from, from, parentIndex, destination);
        Q_ASSERT(ok);
        Q_UNUSED(ok);
        auto moving = std::move(node->children[size_t(from)]);
        node->children.erase(node->children.begin() + from);
        const int to = destination > from ? destination - 1 : destination;
        node->children.insert(node->children.begin() + to, std::move(moving));
        renumber();
        endMoveRows();
    };
    ops.insert = [&](int row, int first, int last) {
        beginInsertRows(parentIndex, row, row + (last - first));
        for (int k = first; k <= last; ++k) {
            auto child = makeNode(node);
            child->kind = childKind;
            child->id = rows.at(k).id;
            child->name = rows.at(k).name;
            child->detail = rows.at(k).detail;
            node->children.insert(node->children.begin() + row + (k - first), std::move(child));
        }
        renumber();
        endInsertRows();
    };
    RowDiff::apply(before, after, ops);

    for (int row = 0; row < rows.size(); ++row) {
        Node *child = node->children[size_t(row)].get();
        const ChildRow &c = rows.at(row);
        if (child->name == c.name && child->detail == c.detail)
            continue;
        child->name = c.name;
        child->detail = c.detail;
        const QModelIndex i = index(row, 0, parentIndex);
        Q_EMIT dataChanged(i, i, { Qt::DisplayRole, Qt::ToolTipRole, DetailRole });
    }
    if (hadChildren && node->children.empty() && parentIndex.isValid())
        Q_EMIT dataChanged(parentIndex, parentIndex);   // no expander any more
}

void TenantTreeModel::runQueuedUpdate()
{
    if (m_updateQueued && !m_updating && m_pending == 0)
        startUpdate();
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
