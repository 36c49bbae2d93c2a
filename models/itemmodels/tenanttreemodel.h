#pragma once

#include "domain/result.h"
#include "domain/tenancy.h"

#include <QAbstractItemModel>
#include <QHash>
#include <QPointer>
#include <QSqlDatabase>

#include <memory>
#include <vector>

namespace Galley {

class StoreWorker;

// The tenant tree, account → sites → sectors, loaded lazily: accounts when the model
// is (re)loaded, a node's children when a view first expands it (canFetchMore /
// fetchMore). Every query runs on the StoreWorker; rows appear when it answers.
// updateInPlace() brings what is loaded up to date without a reset.
class TenantTreeModel : public QAbstractItemModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TenantTreeModel)
public:
    enum class NodeKind { Account, Site, Sector };
    Q_ENUM(NodeKind)

    enum Roles {
        KindRole = Qt::UserRole + 1,   // NodeKind as int
        IdRole,                        // the account's, site's or sector's id
        EditionCountRole,              // editions below the node (not deleted); -1 until counted
        DetailRole,                    // site domain, account slug
    };

    explicit TenantTreeModel(StoreWorker *worker, QObject *parent = nullptr);
    ~TenantTreeModel() override;

    // Drops everything and loads the accounts again.
    void reload();
    bool isLoading() const { return m_pending > 0; }
    // Reads the children of every loaded node again and applies the difference per
    // parent, by id: rows removed (with what was below them), moved, inserted, renamed;
    // then the edition counts of the loaded levels, dataChanged for those that changed.
    // Never resets. Coalesced: one re-read at a time, at most one more waiting (also
    // behind children still being loaded); reload() supersedes both.
    void updateInPlace();
    bool isUpdating() const { return m_updating; }

    // The scope an index stands for (account, site and sector ids along its path).
    Scope scopeForIndex(const QModelIndex &index) const;
    // The deepest loaded node on the path to scope (invalid when not even the account is loaded).
    QModelIndex indexForScope(const Scope &scope) const;
    // Loads what is missing on the path to scope; emits scopeLoaded(scope) when all of it is there.
    void ensureLoaded(const Scope &scope);

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    bool hasChildren(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;
    QHash<int, QByteArray> roleNames() const override;

Q_SIGNALS:
    void accountsLoaded();
    void childrenLoaded(const QModelIndex &parent);
    void scopeLoaded(const Galley::Scope &scope);
    void errorOccurred(const Galley::Error &error);
    // An updateInPlace() has been applied (its counts may still be on their way).
    void updatedInPlace();

private:
    struct Node;
    struct ChildRow;
    Node *nodeFor(const QModelIndex &index) const;
    QModelIndex indexFor(const Node *node) const;
    std::unique_ptr<Node> makeNode(Node *parent);
    void forget(const Node *node);
    void fetchChildren(Node *node);
    void fetchCounts(Node *node);
    void continueEnsure();
    void startUpdate();
    void applyChildren(Node *node, const QList<ChildRow> &rows);
    static Result<QList<ChildRow>> loadChildren(QSqlDatabase &db, bool isRoot, NodeKind kind, Id id);
    void runQueuedUpdate();

    QPointer<StoreWorker> m_worker;
    // Every live node by serial: answers name the node they are for by serial, so that
    // one removed meanwhile (by an update) is simply not found. (Declared before m_root,
    // which registers itself here.)
    QHash<quint64, Node *> m_nodes;
    quint64 m_nextSerial = 0;
    std::unique_ptr<Node> m_root;
    int m_pending = 0;
    quint64 m_generation = 0;   // bumped by reload(): answers for an older tree are dropped
    bool m_updating = false;
    bool m_updateQueued = false;
    std::optional<Scope> m_wanted;
};

} // namespace Galley
