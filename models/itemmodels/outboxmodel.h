#pragma once

#include "domain/result.h"
#include "sync/outbox.h"

#include <QAbstractTableModel>
#include <QDateTime>
#include <QHash>
#include <QPointer>

namespace Galley {

class StoreWorker;

// The outbox: every local change not yet accepted by the server, oldest first, with the name of
// the site it belongs to. Loaded on the store worker; refresh() reloads and updates the rows in
// place (removes, inserts and changes by outbox id), so selections and scroll positions survive
// a sync. Only the first load resets the model.
class OutboxModel : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OutboxModel)
public:
    enum Column { SiteColumn, WhatColumn, ActionColumn, StateColumn, AgeColumn, AttemptsColumn, LastErrorColumn, ColumnCount };
    Q_ENUM(Column)

    enum Roles {
        OutboxIdRole = Qt::UserRole + 1,   // qint64
        StateRole,                         // OutboxItem::State as int
        CreatedAtRole,                     // QDateTime (UTC)
        SortRole,                          // a value that sorts the column sensibly (times, counts)
    };

    explicit OutboxModel(StoreWorker *worker, QObject *parent = nullptr);
    ~OutboxModel() override;

    // Reads the outbox again; loaded() when the rows are up to date.
    void refresh();
    bool isLoading() const { return m_loading; }
    bool hasLoaded() const { return m_loadedOnce; }

    const OutboxItem *itemAt(int row) const;
    QString siteNameAt(int row) const;
    int rowOf(qint64 outboxId) const;

    // Ages follow the clock: says the Age column changed (a view calls it every minute).
    void updateAges();
    // The time ages are measured against (invalid, the default: the current time). For tests.
    void setReferenceTime(const QDateTime &now);

    static QString stateLabel(OutboxItem::State state);
    static QString actionLabel(OutboxItem::Action action);
    // "just now", "3 min", "2 h", "5 days"
    static QString age(const QDateTime &since, const QDateTime &now);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

Q_SIGNALS:
    void loaded();
    void errorOccurred(const Galley::Error &error);

private:
    struct Row
    {
        OutboxItem item;
        QString siteName;
    };
    struct Snapshot
    {
        QList<OutboxItem> items;
        QHash<Id, QString> siteNames;
        QHash<Id, QString> accountNames;
    };

    void apply(Snapshot snapshot);
    QString siteNameFor(const OutboxItem &item, const Snapshot &snapshot) const;
    QDateTime now() const;
    static bool sameRow(const Row &a, const Row &b);

    QPointer<StoreWorker> m_worker;
    QList<Row> m_rows;
    QDateTime m_referenceTime;
    quint64 m_generation = 0;
    bool m_loading = false;
    bool m_loadedOnce = false;
};

} // namespace Galley
