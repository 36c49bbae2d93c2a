#include "outboxmodel.h"

#include "store/sqlutil.h"
#include "store/storeworker.h"

#include <QLocale>
#include <QSet>
#include <QSqlQuery>

#include <algorithm>

namespace Galley {

using namespace Qt::StringLiterals;

namespace {

// id → name of the rows of table whose ids are given.
Result<QHash<Id, QString>> namesOf(QSqlDatabase &db, const QString &table, const QSet<Id> &ids)
{
    QHash<Id, QString> names;
    if (ids.isEmpty())
        return names;
    QStringList list;
    list.reserve(ids.size());
    for (Id id : ids)
        list.append(QString::number(id));
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.exec(u"SELECT id, name FROM "_s + table + u" WHERE id IN ("_s + list.join(u',') + u')'))
        return sqlError(q, "outbox_read_failed");
    while (q.next())
        names.insert(q.value(0).toLongLong(), q.value(1).toString());
    return names;
}

} // namespace

OutboxModel::OutboxModel(StoreWorker *worker, QObject *parent)
    : QAbstractTableModel(parent)
    , m_worker(worker)
{
}

OutboxModel::~OutboxModel() = default;

void OutboxModel::refresh()
{
    if (!m_worker)
        return;
    const quint64 generation = ++m_generation;
    m_loading = true;
    m_worker->post(
        this,
        [](QSqlDatabase &db) -> Result<Snapshot> {
            auto items = OutboxReader::items(db);
            if (!items)
                return items.error();
            Snapshot s;
            s.items = std::move(items.value());
            std::stable_sort(s.items.begin(), s.items.end(),
                             [](const OutboxItem &a, const OutboxItem &b) { return a.id < b.id; });
            QSet<Id> sites, accounts;
            for (const OutboxItem &item : std::as_const(s.items)) {
                if (item.siteId != 0)
                    sites.insert(item.siteId);
                else
                    accounts.insert(item.accountId);
            }
            auto siteNames = namesOf(db, u"sites"_s, sites);
            if (!siteNames)
                return siteNames.error();
            auto accountNames = namesOf(db, u"accounts"_s, accounts);
            if (!accountNames)
                return accountNames.error();
            s.siteNames = std::move(siteNames.value());
            s.accountNames = std::move(accountNames.value());
            return s;
        },
        [this, generation](Result<Snapshot> answer) {
            if (generation != m_generation)
                return;   // a newer refresh is on its way
            m_loading = false;
            if (!answer) {
                Q_EMIT errorOccurred(answer.error());
                return;
            }
            apply(std::move(answer.value()));
            Q_EMIT loaded();
        });
}

QString OutboxModel::siteNameFor(const OutboxItem &item, const Snapshot &snapshot) const
{
    if (item.siteId != 0) {
        const QString name = snapshot.siteNames.value(item.siteId);
        return name.isEmpty() ? tr("Site %1").arg(item.siteId) : name;
    }
    const QString account = snapshot.accountNames.value(item.accountId);
    return account.isEmpty() ? tr("Account") : account;
}

bool OutboxModel::sameRow(const Row &a, const Row &b)
{
    const OutboxItem &x = a.item;
    const OutboxItem &y = b.item;
    return a.siteName == b.siteName && x.id == y.id && x.state == y.state && x.attempts == y.attempts
        && x.lastError == y.lastError && x.fieldErrors == y.fieldErrors && x.summary == y.summary
        && x.action == y.action && x.siteId == y.siteId && x.createdAt == y.createdAt
        && x.nextAttemptAt == y.nextAttemptAt && x.body == y.body && x.base == y.base && x.path == y.path
        && x.method == y.method && x.entity == y.entity && x.entityId == y.entityId
        && x.baseLockVersion == y.baseLockVersion;
}

void OutboxModel::apply(Snapshot snapshot)
{
    QList<Row> fresh;
    fresh.reserve(snapshot.items.size());
    for (OutboxItem &item : snapshot.items) {
        QString site = siteNameFor(item, snapshot);
        fresh.append({ std::move(item), std::move(site) });
    }

    if (!m_loadedOnce) {
        beginResetModel();
        m_rows = std::move(fresh);
        m_loadedOnce = true;
        endResetModel();
        return;
    }

    // 1. Rows that are gone, in contiguous runs from the end so earlier indexes stay valid.
    QSet<qint64> freshIds;
    freshIds.reserve(fresh.size());
    for (const Row &r : std::as_const(fresh))
        freshIds.insert(r.item.id);
    for (int last = int(m_rows.size()) - 1; last >= 0;) {
        if (freshIds.contains(m_rows.at(last).item.id)) {
            --last;
            continue;
        }
        int first = last;
        while (first > 0 && !freshIds.contains(m_rows.at(first - 1).item.id))
            --first;
        beginRemoveRows({}, first, last);
        m_rows.remove(first, last - first + 1);
        endRemoveRows();
        last = first - 1;
    }

    // 2. New rows: both lists are ordered by id and what is left of the old one is in the new
    // one, so each run of new ids goes in where the new list has it.
    for (int i = 0; i < fresh.size();) {
        if (i < m_rows.size() && m_rows.at(i).item.id == fresh.at(i).item.id) {
            ++i;
            continue;
        }
        int end = i;
        while (end < fresh.size() && (i >= m_rows.size() || fresh.at(end).item.id != m_rows.at(i).item.id))
            ++end;
        beginInsertRows({}, i, end - 1);
        for (int k = i; k < end; ++k)
            m_rows.insert(k, fresh.at(k));
        endInsertRows();
        i = end;
    }

    // 3. Rows whose content changed; then the ages, which change with the clock alone.
    Q_ASSERT(m_rows.size() == fresh.size());
    for (int i = 0; i < fresh.size(); ++i) {
        if (!sameRow(m_rows.at(i), fresh.at(i))) {
            m_rows[i] = std::move(fresh[i]);
            Q_EMIT dataChanged(index(i, 0), index(i, ColumnCount - 1));
        }
    }
    updateAges();
}

const OutboxItem *OutboxModel::itemAt(int row) const
{
    if (row < 0 || row >= m_rows.size())
        return nullptr;
    return &m_rows.at(row).item;
}

QString OutboxModel::siteNameAt(int row) const
{
    if (row < 0 || row >= m_rows.size())
        return {};
    return m_rows.at(row).siteName;
}

int OutboxModel::rowOf(qint64 outboxId) const
{
    const auto it = std::lower_bound(m_rows.cbegin(), m_rows.cend(), outboxId,
                                     [](const Row &r, qint64 id) { return r.item.id < id; });
    if (it == m_rows.cend() || it->item.id != outboxId)
        return -1;
    return int(it - m_rows.cbegin());
}

void OutboxModel::setReferenceTime(const QDateTime &now)
{
    m_referenceTime = now;
    updateAges();
}

void OutboxModel::updateAges()
{
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, AgeColumn), index(int(m_rows.size()) - 1, AgeColumn), { Qt::DisplayRole });
}

QDateTime OutboxModel::now() const
{
    return m_referenceTime.isValid() ? m_referenceTime : QDateTime::currentDateTimeUtc();
}

QString OutboxModel::stateLabel(OutboxItem::State state)
{
    switch (state) {
    case OutboxItem::State::Queued: return tr("Waiting");
    case OutboxItem::State::Sending: return tr("Sending");
    case OutboxItem::State::Failed: return tr("Refused by the server");
    case OutboxItem::State::Conflict: return tr("Conflict");
    case OutboxItem::State::Gone: return tr("Deleted on the server");
    }
    return {};
}

QString OutboxModel::actionLabel(OutboxItem::Action action)
{
    switch (action) {
    case OutboxItem::Action::Create: return tr("Create");
    case OutboxItem::Action::Update: return tr("Edit");
    case OutboxItem::Action::Delete: return tr("Delete");
    case OutboxItem::Action::AddRemark: return tr("Remark");
    case OutboxItem::Action::Transition: return tr("Decision");
    }
    return {};
}

QString OutboxModel::age(const QDateTime &since, const QDateTime &now)
{
    if (!since.isValid())
        return {};
    const qint64 secs = std::max<qint64>(0, since.secsTo(now));
    if (secs < 60)
        return tr("just now");
    if (secs < 3600)
        return tr("%1 min").arg(secs / 60);
    if (secs < 86400)
        return tr("%1 h").arg(secs / 3600);
    const qint64 days = secs / 86400;
    return days == 1 ? tr("1 day") : tr("%1 days").arg(days);
}

int OutboxModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int OutboxModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant OutboxModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    const OutboxItem &item = row.item;
    const auto what = [&] {
        if (!item.summary.isEmpty())
            return item.summary;
        return tr("%1 %2 %3").arg(actionLabel(item.action), item.entity).arg(item.entityId);
    };
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case SiteColumn: return row.siteName;
        case WhatColumn: return what();
        case ActionColumn: return actionLabel(item.action);
        case StateColumn: return stateLabel(item.state);
        case AgeColumn: return age(item.createdAt, now());
        case AttemptsColumn: return item.attempts;
        case LastErrorColumn: return item.lastError.simplified();
        }
        return {};
    case Qt::ToolTipRole:
        switch (index.column()) {
        case WhatColumn: return what();
        case AgeColumn:
            return item.createdAt.isValid()
                ? tr("Queued %1").arg(QLocale().toString(item.createdAt.toLocalTime(), QLocale::LongFormat))
                : QString();
        case StateColumn:
            if (item.state == OutboxItem::State::Queued && item.nextAttemptAt.isValid() && item.nextAttemptAt > now())
                return tr("Next try %1").arg(QLocale().toString(item.nextAttemptAt.toLocalTime(), QLocale::ShortFormat));
            return {};
        case LastErrorColumn: return item.lastError;
        }
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == AttemptsColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case OutboxIdRole: return item.id;
    case StateRole: return int(item.state);
    case CreatedAtRole: return item.createdAt;
    case SortRole:
        switch (index.column()) {
        case SiteColumn: return row.siteName;
        case WhatColumn: return what();
        case ActionColumn: return actionLabel(item.action);
        case StateColumn: return int(item.state);
        // Ascending: the youngest first, as the ages read.
        case AgeColumn: return item.createdAt.isValid() ? -item.createdAt.toMSecsSinceEpoch() : -item.id;
        case AttemptsColumn: return item.attempts;
        case LastErrorColumn: return item.lastError;
        }
        return {};
    }
    return {};
}

QVariant OutboxModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case SiteColumn: return tr("Site");
    case WhatColumn: return tr("What");
    case ActionColumn: return tr("Action");
    case StateColumn: return tr("State");
    case AgeColumn: return tr("Age");
    case AttemptsColumn: return tr("Attempts");
    case LastErrorColumn: return tr("Last error");
    }
    return {};
}

QHash<int, QByteArray> OutboxModel::roleNames() const
{
    auto names = QAbstractTableModel::roleNames();
    names.insert(OutboxIdRole, "outboxId");
    names.insert(StateRole, "state");
    names.insert(CreatedAtRole, "createdAt");
    names.insert(SortRole, "sortValue");
    return names;
}

} // namespace Galley
