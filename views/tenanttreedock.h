#pragma once

#include "domain/tenancy.h"

#include <QDockWidget>
#include <QPointer>

#include <optional>

class QTreeView;

namespace Galley {

class StoreWorker;
class TenantTreeModel;

// The tenant tree (accounts → sites → sectors) in a dock. Selecting a node scopes
// the rest of the window; selecting nothing (click on empty space) means every account.
class TenantTreeDock : public QDockWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TenantTreeDock)
public:
    explicit TenantTreeDock(QWidget *parent = nullptr);
    ~TenantTreeDock() override;

    // A new workspace: a new model, loaded from scratch; then selects `select` when given.
    void setWorker(StoreWorker *worker, const Scope &select = {});
    // Loads the tree again, keeping the current selection.
    void reload();

    Scope currentScope() const { return m_scope; }
    // Selects the node for scope, loading the path to it first (lazy tree).
    void selectScope(const Scope &scope);
    // "Northwind Media › Daily Courier › Politics", or "All accounts".
    QString scopePath() const;

    // The accounts are there and a requested selection has been made.
    bool isLoaded() const { return m_loaded; }

    TenantTreeModel *model() const;
    QTreeView *view() const { return m_view; }

Q_SIGNALS:
    void scopeChanged(const Galley::Scope &scope);
    void loaded();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void onCurrentChanged(const QModelIndex &current);
    void applyWanted();
    void finishLoading();

    QTreeView *m_view;
    QPointer<TenantTreeModel> m_model;
    Scope m_scope;
    std::optional<Scope> m_wanted;
    bool m_accountsLoaded = false;
    bool m_loaded = false;
};

} // namespace Galley
