#pragma once

#include "domain/result.h"
#include "domain/tenancy.h"

#include <QAbstractItemModel>
#include <QPointer>

#include <memory>
#include <vector>

namespace Galley {

class StoreWorker;

// The tenant tree, account → sites → sectors, loaded lazily: accounts when the model
// is (re)loaded, a node's children when a view first expands it (canFetchMore /
// fetchMore). Every query runs on the StoreWorker; rows appear when it answers.
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

private:
    struct Node;
    Node *nodeFor(const QModelIndex &index) const;
    QModelIndex indexFor(const Node *node) const;
    void fetchChildren(Node *node);
    void fetchCounts(Node *node);
    void continueEnsure();

    QPointer<StoreWorker> m_worker;
    std::unique_ptr<Node> m_root;
    int m_pending = 0;
    quint64 m_generation = 0;   // bumped by reload(): answers for an older tree are dropped
    std::optional<Scope> m_wanted;
};

} // namespace Galley
