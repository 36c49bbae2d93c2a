#pragma once

#include "domain/result.h"
#include "store/replicareader.h"

#include <QAbstractTableModel>
#include <QPointer>

namespace Galley {

class StoreWorker;

// Site deployments in a scope, newest first, keyset-paginated like the edition list.
// updateInPlace() brings the loaded rows up to date without a reset.
class DeploymentListModel : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DeploymentListModel)
public:
    enum Column { SiteColumn, VersionColumn, StatusColumn, StartedColumn, DurationColumn, UrlColumn, ColumnCount };
    Q_ENUM(Column)

    enum Roles {
        IdRole = Qt::UserRole + 1,
        StatusRole,       // DeploymentStatus as int
        LogRole,
        MetadataRole,     // QJsonObject
    };

    explicit DeploymentListModel(StoreWorker *worker, QObject *parent = nullptr);
    ~DeploymentListModel() override;

    Scope scope() const { return m_scope; }
    void setScope(const Scope &scope);
    void reload();
    // Reads the rows loaded so far again (at least a page) and applies the difference by
    // id: removed, moved, inserted (a new deployment on top), dataChanged for those whose
    // status or details changed; counts again. Never resets. Coalesced: one re-read at a
    // time, at most one more waiting; setScope() and reload() supersede both.
    void updateInPlace();
    bool isUpdating() const { return m_updating; }

    int pageSize() const { return m_pageSize; }
    void setPageSize(int rows) { m_pageSize = qBound(1, rows, 1000); }

    bool isLoading() const { return m_loading; }
    qint64 totalCount() const { return m_total; }
    const DeploymentRow *rowAt(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;
    QHash<int, QByteArray> roleNames() const override;

Q_SIGNALS:
    void loaded();
    void totalCountChanged(qint64 total);
    void errorOccurred(const Galley::Error &error);
    // An updateInPlace() has been applied (changed: rows whose data changed in place).
    void updatedInPlace(int removed, int inserted, int moved, int changed);

private:
    void request(bool first);
    void startUpdate();
    void applyUpdate(QList<DeploymentRow> &fresh, bool atEnd, qint64 total);
    void runQueued();

    QPointer<StoreWorker> m_worker;
    Scope m_scope;
    QList<DeploymentRow> m_rows;
    qint64 m_total = -1;
    bool m_atEnd = true;
    bool m_loading = false;
    bool m_updating = false;
    bool m_updateQueued = false;
    bool m_fetchDeferred = false;   // fetchMore() during an update: runs after it
    quint64 m_generation = 0;
    int m_pageSize = 100;
};

} // namespace Galley
