// The outbox model on a real (fresh, migrated) local store: what it shows, and that a refresh
// updates the rows in place.
#include "itemmodels/outboxmodel.h"
#include "store/localstore.h"
#include "store/storeworker.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

#include <memory>

using namespace Galley;
using namespace Qt::StringLiterals;

using State = OutboxItem::State;

namespace {

const QDateTime kNow(QDate(2026, 11, 22), QTime(12, 0), QTimeZone::UTC);

} // namespace

class TestOutboxModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void showsEveryItemOldestFirst();
    void refreshUpdatesInPlace();
    void insertsBetweenExistingRows();
    void readerCountsAndConflict();
    void sortsThroughAProxy();
    void age_data();
    void age();

private:
    void exec(const QString &sql, const QVariantList &binds = {});
    // An outbox row; returns its id.
    qint64 addItem(qint64 id, Id siteId, const QString &summary, const QString &state = u"queued"_s,
                   const QString &action = u"update"_s, int minutesAgo = 5, int attempts = 0,
                   const QString &lastError = {});
    void waitForLoad(OutboxModel &model);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<LocalStore> m_store;
    std::unique_ptr<StoreWorker> m_worker;
};

void TestOutboxModel::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    auto store = LocalStore::open(m_dir->filePath(u"outbox.galley"_s));
    QVERIFY2(store, store ? "" : qPrintable(store.error().message));
    m_store = std::move(store.value());
    m_worker = std::make_unique<StoreWorker>(m_store->path());
    exec(u"INSERT INTO accounts (id, name, slug, created_at) VALUES (1, 'Northwind Media', 'northwind', 0)"_s);
    exec(u"INSERT INTO sites (id, account_id, name, created_at) VALUES (11, 1, 'Harbour Gazette', 0), "
         "(12, 1, 'City Review', 0)"_s);
}

void TestOutboxModel::cleanup()
{
    m_worker.reset();
    m_store.reset();
    m_dir.reset();
}

void TestOutboxModel::exec(const QString &sql, const QVariantList &binds)
{
    QSqlQuery q(m_store->connection());
    QVERIFY2(q.prepare(sql), qPrintable(q.lastError().text()));
    for (int i = 0; i < binds.size(); ++i)
        q.bindValue(i, binds.at(i));
    QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
}

qint64 TestOutboxModel::addItem(qint64 id, Id siteId, const QString &summary, const QString &state, const QString &action,
                                int minutesAgo, int attempts, const QString &lastError)
{
    const qint64 created = kNow.addSecs(-60 * minutesAgo).toMSecsSinceEpoch();
    exec(u"INSERT INTO outbox (id, account_id, idempotency_key, method, path, body, entity, entity_id, order_key, action, "
         "base_lock_version, state, attempts, last_error, field_errors, site_id, summary, created_at) "
         "VALUES (?, 1, ?, 'PUT', ?, '{\"title\":\"x\"}', 'edition', ?, ?, ?, 3, ?, ?, ?, ?, ?, ?, ?)"_s,
         { id, u"key-%1"_s.arg(id), u"/editions/%1"_s.arg(id), id, u"document:%1"_s.arg(id), action, state, attempts,
           lastError.isNull() ? u""_s : lastError,
           state == "failed"_L1 ? uR"([{"code":"required","message":"Title is required","field":"/title"}])"_s : u"[]"_s,
           siteId, summary.isNull() ? u""_s : summary, created });
    return id;
}

void TestOutboxModel::waitForLoad(OutboxModel &model)
{
    QSignalSpy loaded(&model, &OutboxModel::loaded);
    model.refresh();
    QVERIFY(model.isLoading());
    QVERIFY(loaded.wait(5000));
    QVERIFY(!model.isLoading());
}

void TestOutboxModel::showsEveryItemOldestFirst()
{
    OutboxModel model(m_worker.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setReferenceTime(kNow);
    addItem(1, 11, u"Edit “Harbour opening” (edition 42)"_s, u"queued"_s, u"update"_s, 3);
    addItem(2, 12, u"New document “Budget”"_s, u"failed"_s, u"create"_s, 125, 2, u"The server refused the change."_s);
    addItem(3, 0, u"New schema “Recipe”"_s, u"conflict"_s, u"create"_s, 60 * 24 * 3);
    addItem(4, 99, QString(), u"gone"_s, u"delete"_s, 0);
    addItem(5, 11, u"Remark on “Harbour opening”"_s, u"sending"_s, u"add_remark"_s, 0);

    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    waitForLoad(model);
    QCOMPARE(reset.size(), 1);
    QCOMPARE(model.rowCount(), 5);
    QCOMPARE(model.columnCount(), int(OutboxModel::ColumnCount));
    for (int r = 0; r < 5; ++r)
        QCOMPARE(model.index(r, 0).data(OutboxModel::OutboxIdRole).toLongLong(), qint64(r + 1));

    const auto text = [&](int row, int column) { return model.index(row, column).data().toString(); };
    QCOMPARE(text(0, OutboxModel::SiteColumn), u"Harbour Gazette"_s);
    QCOMPARE(text(1, OutboxModel::SiteColumn), u"City Review"_s);
    QCOMPARE(text(2, OutboxModel::SiteColumn), u"Northwind Media"_s);   // account-wide: the account's name
    QCOMPARE(text(3, OutboxModel::SiteColumn), u"Site 99"_s);           // not in the replica (any more)
    QCOMPARE(text(0, OutboxModel::WhatColumn), u"Edit “Harbour opening” (edition 42)"_s);
    QCOMPARE(text(3, OutboxModel::WhatColumn), u"Delete edition 4"_s);  // no summary: made up from the item
    QCOMPARE(text(0, OutboxModel::ActionColumn), u"Edit"_s);
    QCOMPARE(text(1, OutboxModel::ActionColumn), u"Create"_s);
    QCOMPARE(text(3, OutboxModel::ActionColumn), u"Delete"_s);
    QCOMPARE(text(4, OutboxModel::ActionColumn), u"Remark"_s);
    QCOMPARE(text(0, OutboxModel::StateColumn), u"Waiting"_s);
    QCOMPARE(text(1, OutboxModel::StateColumn), u"Refused by the server"_s);
    QCOMPARE(text(2, OutboxModel::StateColumn), u"Conflict"_s);
    QCOMPARE(text(3, OutboxModel::StateColumn), u"Deleted on the server"_s);
    QCOMPARE(text(4, OutboxModel::StateColumn), u"Sending"_s);
    QCOMPARE(model.index(1, 0).data(OutboxModel::StateRole).toInt(), int(State::Failed));
    QCOMPARE(text(0, OutboxModel::AgeColumn), u"3 min"_s);
    QCOMPARE(text(1, OutboxModel::AgeColumn), u"2 h"_s);
    QCOMPARE(text(2, OutboxModel::AgeColumn), u"3 days"_s);
    QCOMPARE(text(4, OutboxModel::AgeColumn), u"just now"_s);
    QCOMPARE(model.index(1, OutboxModel::AttemptsColumn).data().toInt(), 2);
    QCOMPARE(text(1, OutboxModel::LastErrorColumn), u"The server refused the change."_s);
    QCOMPARE(model.index(0, 0).data(OutboxModel::CreatedAtRole).toDateTime(), kNow.addSecs(-180));

    const OutboxItem *failed = model.itemAt(1);
    QVERIFY(failed);
    QCOMPARE(failed->fieldErrors.size(), 1);
    QCOMPARE(failed->baseLockVersion, std::optional<qint64>(3));
    QCOMPARE(model.siteNameAt(2), u"Northwind Media"_s);
    QCOMPARE(model.rowOf(4), 3);
    QCOMPARE(model.rowOf(77), -1);
    QVERIFY(!model.itemAt(5));
}

void TestOutboxModel::refreshUpdatesInPlace()
{
    OutboxModel model(m_worker.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setReferenceTime(kNow);
    waitForLoad(model);
    QCOMPARE(model.rowCount(), 0);

    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);

    for (qint64 id = 1; id <= 4; ++id)
        addItem(id, 11, u"Item %1"_s.arg(id));
    waitForLoad(model);
    QCOMPARE(model.rowCount(), 4);
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(inserted.first().at(1).toInt(), 0);
    QCOMPARE(inserted.first().at(2).toInt(), 3);

    // Nothing changed: no structural signal.
    inserted.clear();
    changed.clear();
    waitForLoad(model);
    QCOMPARE(inserted.size(), 0);
    QCOMPARE(removed.size(), 0);
    for (const QList<QVariant> &args : std::as_const(changed))   // only the ages, which follow the clock
        QCOMPARE(args.at(0).toModelIndex().column(), int(OutboxModel::AgeColumn));

    const QPersistentModelIndex third = model.index(2, OutboxModel::WhatColumn);
    const QPersistentModelIndex fourth = model.index(3, OutboxModel::StateColumn);

    // Item 1 and 2 accepted by the server, 4 refused, 5 and 6 queued.
    exec(u"DELETE FROM outbox WHERE id IN (1, 2)"_s);
    exec(u"UPDATE outbox SET state = 'failed', attempts = 1, last_error = 'Title is required.' WHERE id = 4"_s);
    addItem(5, 12, u"Item 5"_s);
    addItem(6, 12, u"Item 6"_s);
    changed.clear();
    waitForLoad(model);

    QCOMPARE(reset.size(), 0);
    QCOMPARE(removed.size(), 1);   // one run: rows 0–1
    QCOMPARE(removed.first().at(1).toInt(), 0);
    QCOMPARE(removed.first().at(2).toInt(), 1);
    QCOMPARE(inserted.size(), 1);  // one run: rows 2–3
    QCOMPARE(inserted.first().at(1).toInt(), 2);
    QCOMPARE(inserted.first().at(2).toInt(), 3);
    QCOMPARE(model.rowCount(), 4);
    QList<qint64> ids;
    for (int r = 0; r < model.rowCount(); ++r)
        ids.append(model.index(r, 0).data(OutboxModel::OutboxIdRole).toLongLong());
    QCOMPARE(ids, (QList<qint64> { 3, 4, 5, 6 }));

    // The survivors kept their indexes (moved up) and only the changed one says so.
    QVERIFY(third.isValid() && fourth.isValid());
    QCOMPARE(third.row(), 0);
    QCOMPARE(third.data().toString(), u"Item 3"_s);
    QCOMPARE(fourth.row(), 1);
    QCOMPARE(fourth.data().toString(), u"Refused by the server"_s);
    bool rowOfFourChanged = false;
    for (const QList<QVariant> &args : std::as_const(changed)) {
        const QModelIndex from = args.at(0).toModelIndex();
        const QModelIndex to = args.at(1).toModelIndex();
        if (from.column() == OutboxModel::AgeColumn && to.column() == OutboxModel::AgeColumn)
            continue;
        QCOMPARE(from.row(), 1);
        QCOMPARE(to.row(), 1);
        rowOfFourChanged = true;
    }
    QVERIFY(rowOfFourChanged);

    // Everything sent: the rows go, still without a reset.
    exec(u"DELETE FROM outbox"_s);
    waitForLoad(model);
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(reset.size(), 0);
}

void TestOutboxModel::insertsBetweenExistingRows()
{
    OutboxModel model(m_worker.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    addItem(10, 11, u"Ten"_s);
    addItem(20, 11, u"Twenty"_s);
    addItem(30, 11, u"Thirty"_s);
    waitForLoad(model);
    QCOMPARE(model.rowCount(), 3);

    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    exec(u"DELETE FROM outbox WHERE id = 20"_s);
    addItem(15, 11, u"Fifteen"_s);
    addItem(16, 11, u"Sixteen"_s);
    addItem(25, 11, u"Twenty-five"_s);
    addItem(40, 11, u"Forty"_s);
    waitForLoad(model);
    QCOMPARE(removed.size(), 1);
    QCOMPARE(inserted.size(), 2);   // 15, 16 and 25 before 30; 40 at the end
    QStringList order;
    for (int r = 0; r < model.rowCount(); ++r)
        order.append(model.index(r, OutboxModel::WhatColumn).data().toString());
    QCOMPARE(order, (QStringList { u"Ten"_s, u"Fifteen"_s, u"Sixteen"_s, u"Twenty-five"_s, u"Thirty"_s, u"Forty"_s }));
}

void TestOutboxModel::readerCountsAndConflict()
{
    addItem(1, 11, u"a"_s);
    addItem(2, 11, u"b"_s, u"conflict"_s);
    addItem(3, 11, u"c"_s, u"failed"_s);
    addItem(4, 11, u"d"_s, u"gone"_s);
    addItem(5, 11, u"e"_s, u"sending"_s);
    exec(u"INSERT INTO conflicts (outbox_id, entity, entity_id, base, mine, theirs, theirs_by, created_at) "
         "VALUES (2, 'edition', 2, '{\"title\":\"a\"}', '{\"title\":\"b\"}', '{\"title\":\"c\"}', 'Dana', ?)"_s,
         { kNow.toMSecsSinceEpoch() });
    QSqlDatabase db = m_store->connection();
    auto counts = OutboxReader::counts(db);
    QVERIFY(counts);
    QCOMPARE(counts->pending, 5);
    QCOMPARE(counts->conflicts, 1);
    QCOMPARE(counts->failed, 2);
    auto conflict = OutboxReader::conflictFor(db, 2);
    QVERIFY(conflict);
    QCOMPARE(conflict->theirsBy, u"Dana"_s);
    QCOMPARE(conflict->mine.value(u"title"_s).toString(), u"b"_s);
    QCOMPARE(conflict->createdAt, kNow);
    QVERIFY(!OutboxReader::conflictFor(db, 1));
    QCOMPARE(toWire(State::Gone), u"gone"_s);
    QCOMPARE(toWire(OutboxItem::Action::AddRemark), u"add_remark"_s);
}

void TestOutboxModel::sortsThroughAProxy()
{
    OutboxModel model(m_worker.get());
    QSortFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    proxy.setSortRole(OutboxModel::SortRole);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setReferenceTime(kNow);
    addItem(1, 11, u"old"_s, u"queued"_s, u"update"_s, 300);
    addItem(2, 11, u"new"_s, u"queued"_s, u"update"_s, 1);
    addItem(3, 11, u"middle"_s, u"queued"_s, u"update"_s, 30, 4);
    waitForLoad(model);
    proxy.sort(OutboxModel::AgeColumn, Qt::AscendingOrder);
    QCOMPARE(proxy.index(0, OutboxModel::WhatColumn).data().toString(), u"new"_s);
    QCOMPARE(proxy.index(2, OutboxModel::WhatColumn).data().toString(), u"old"_s);
    proxy.sort(OutboxModel::AttemptsColumn, Qt::DescendingOrder);
    QCOMPARE(proxy.index(0, OutboxModel::WhatColumn).data().toString(), u"middle"_s);
    // A refresh with a change keeps the proxy consistent.
    exec(u"DELETE FROM outbox WHERE id = 3"_s);
    addItem(4, 12, u"newest"_s, u"queued"_s, u"update"_s, 0, 9);
    waitForLoad(model);
    QCOMPARE(proxy.rowCount(), 3);
    QCOMPARE(proxy.index(0, OutboxModel::WhatColumn).data().toString(), u"newest"_s);
}

void TestOutboxModel::age_data()
{
    QTest::addColumn<qint64>("seconds");
    QTest::addColumn<QString>("expected");
    QTest::newRow("now") << qint64(0) << u"just now"_s;
    QTest::newRow("59s") << qint64(59) << u"just now"_s;
    QTest::newRow("1min") << qint64(60) << u"1 min"_s;
    QTest::newRow("59min") << qint64(3599) << u"59 min"_s;
    QTest::newRow("1h") << qint64(3600) << u"1 h"_s;
    QTest::newRow("1day") << qint64(86400) << u"1 day"_s;
    QTest::newRow("9days") << qint64(86400 * 9 + 5) << u"9 days"_s;
    QTest::newRow("future-clock-skew") << qint64(-30) << u"just now"_s;
}

void TestOutboxModel::age()
{
    QFETCH(qint64, seconds);
    QFETCH(QString, expected);
    QCOMPARE(OutboxModel::age(kNow.addSecs(-seconds), kNow), expected);
}

QTEST_GUILESS_MAIN(TestOutboxModel)
#include "tst_outboxmodel.moc"
