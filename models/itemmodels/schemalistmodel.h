#pragma once

#include "domain/result.h"
#include "store/replicareader.h"

#include <QAbstractListModel>
#include <QPointer>

namespace Galley {

class StoreWorker;

// The content schemas of an account (of every account when 0), ordered by name,
// narrowed by a case-insensitive name filter. Schemas are tens, not thousands: the
// model loads an account's schemas once and filters them in memory as the user types.
// updateInPlace() reads them again and applies the difference without a reset.
class SchemaListModel : public QAbstractListModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SchemaListModel)
public:
    enum Roles {
        IdRole = Qt::UserRole + 1,
        DialectRole,          // SchemaDialect as int
        DescriptionRole,
        DocumentCountRole,
        SpecJsonRole,         // the JSON Schema, indented
        UpdatedRole,          // QDateTime
        AccountIdRole,
    };

    explicit SchemaListModel(StoreWorker *worker, QObject *parent = nullptr);
    ~SchemaListModel() override;

    Id accountId() const { return m_accountId; }
    void setAccountId(Id accountId);
    QString nameFilter() const { return m_nameFilter; }
    void setNameFilter(const QString &text);
    void reload();
    // Reads the schemas again and applies the difference to the visible rows by id:
    // removed, moved (renamed), inserted, dataChanged for the rest that changed. Never
    // resets. Coalesced: one re-read at a time, at most one more waiting; reload() and
    // setAccountId() supersede both.
    void updateInPlace();
    bool isUpdating() const { return m_updating; }

    bool isLoading() const { return m_loading; }
    int unfilteredCount() const { return int(m_all.size()); }
    const SchemaSummary *schemaAt(int row) const;
    int rowOfSchema(Id schemaId) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

Q_SIGNALS:
    void loaded();
    void errorOccurred(const Galley::Error &error);
    // An updateInPlace() has been applied (changed: rows whose data changed in place).
    void updatedInPlace(int removed, int inserted, int moved, int changed);

private:
    struct Changes
    {
        int removed = 0;
        int inserted = 0;
        int moved = 0;
        int changed = 0;
    };
    // Brings the visible rows in line with m_all and the name filter, in place.
    Changes applyFilter();
    QList<int> matchingRows() const;   // indexes into m_all that pass the name filter
    void startUpdate();

    QPointer<StoreWorker> m_worker;
    Id m_accountId = 0;
    QString m_nameFilter;
    QList<SchemaSummary> m_all;
    QList<SchemaSummary> m_visible;   // the rows shown: the schemas of m_all that pass the filter
    bool m_loading = false;
    bool m_updating = false;
    bool m_updateQueued = false;
    quint64 m_generation = 0;
};

} // namespace Galley
