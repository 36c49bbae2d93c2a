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

private:
    void applyFilter();
    QList<int> matchingRows() const;   // indexes into m_all that pass the name filter

    QPointer<StoreWorker> m_worker;
    Id m_accountId = 0;
    QString m_nameFilter;
    QList<SchemaSummary> m_all;
    QList<int> m_visible;   // indexes into m_all
    bool m_loading = false;
    quint64 m_generation = 0;
};

} // namespace Galley
