#include "common/serverdatabase.h"
#include "storage/changefeed.h"
#include "storage/serverstore.h"
#include "storage/servertransaction.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <QTest>
#include <QThread>

#include <atomic>
#include <vector>

using namespace Galley;
using namespace Galley::Server;
using namespace Galley::Testing;

// The per-account change feed on both backends: gap-free numbers in commit order
// under concurrent writers, paging, visibility by site, compaction and expired cursors.
class TestChangeFeed : public QObject
{
    Q_OBJECT

    std::unique_ptr<ServerStore> m_store;

    bool openStore(const ServerDatabase &database)
    {
        auto store = ServerStore::open(database.url());
        if (!store) {
            qWarning("%s", qPrintable(store.error().message));
            return false;
        }
        m_store = std::move(store).value();
        return true;
    }

    // Appends n entries for the account in one committed transaction each, alternating sites.
    bool appendCommitted(qint64 account, int n, const QList<std::optional<qint64>> &sites)
    {
        QSqlDatabase db = m_store->connection();
        for (int i = 0; i < n; ++i) {
            ServerTransaction tx(db, m_store->dialect());
            const auto seq = ChangeFeed::append(db, account, QStringLiteral("edition"), i + 1, QStringLiteral("upsert"),
                                                QStringLiteral("{\"n\":%1}").arg(i), sites.at(i % sites.size()));
            if (!seq || !tx.commit()) {
                qWarning("append failed: %s", seq ? "commit" : qPrintable(seq.error().message));
                return false;
            }
        }
        return true;
    }

private Q_SLOTS:
    void cleanup() { m_store.reset(); }

    void sequencesPerAccount_data() { ServerDatabase::addBackendRows(); }
    void sequencesPerAccount()
    {
        GALLEY_FRESH_DATABASE(database);
        QVERIFY(openStore(database));
        QSqlDatabase db = m_store->connection();
        const Tenancy a = addTenancy(db, QStringLiteral("a"));
        const Tenancy b = addTenancy(db, QStringLiteral("b"));
        QVERIFY(appendCommitted(a.account, 3, { a.site }));
        QVERIFY(appendCommitted(b.account, 2, { b.site }));
        QVERIFY(appendCommitted(a.account, 1, { std::nullopt }));
        QCOMPARE(ChangeFeed::lastSeq(db, a.account).value(), 4);
        QCOMPARE(ChangeFeed::lastSeq(db, b.account).value(), 2);

        // A rolled-back writer gives its number back.
        {
            ServerTransaction tx(db, m_store->dialect());
            QCOMPARE(ChangeFeed::append(db, a.account, QStringLiteral("document"), 9, QStringLiteral("delete"), {}, a.site).value(), 5);
        }
        QCOMPARE(ChangeFeed::lastSeq(db, a.account).value(), 4);

        const auto page = ChangeFeed::read(db, a.account, 0, 100, std::nullopt);
        QVERIFY(page.ok());
        QCOMPARE(page->changes.size(), 4);
        for (int i = 0; i < 4; ++i)
            QCOMPARE(page->changes.at(i).seq, i + 1);
        // JSONB normalises spacing: compare as JSON.
        QCOMPARE(QJsonDocument::fromJson(page->changes.at(0).data.toUtf8()).object(), (QJsonObject { { QStringLiteral("n"), 0 } }));
        QCOMPARE(page->changes.at(3).siteId, std::nullopt);
        QCOMPARE(page->next, 4);
        QVERIFY(!page->hasMore);
    }

    // 4 threads × 100 appends per account, each in its own transaction on its own
    // connection, two accounts interleaved: every account gets exactly 1..400.
    void concurrentWritersGapFree_data() { ServerDatabase::addBackendRows(); }
    void concurrentWritersGapFree()
    {
        GALLEY_FRESH_DATABASE(database);
        QVERIFY(openStore(database));
        QSqlDatabase db = m_store->connection();
        const Tenancy a = addTenancy(db, QStringLiteral("a"));
        const Tenancy b = addTenancy(db, QStringLiteral("b"));
        constexpr int kThreads = 4, kAppends = 100;
        std::atomic<int> failures = 0;
        std::vector<std::unique_ptr<QThread>> threads;
        for (int t = 0; t < kThreads; ++t) {
            threads.emplace_back(QThread::create([&, t] {
                QSqlDatabase mine = m_store->connection();
                for (int i = 0; i < kAppends * 2; ++i) {
                    const Tenancy &tenancy = (i + t) % 2 ? a : b;
                    ServerTransaction tx(mine, m_store->dialect());
                    if (!tx.isActive()) {
                        qWarning("begin: %s", qPrintable(tx.error().message));
                        ++failures;
                        continue;
                    }
                    // Some work before the append, as a real writer would do.
                    execSql(mine, QStringLiteral("SELECT count(*) FROM sites WHERE account_id = ?"), { tenancy.account });
                    const auto seq = ChangeFeed::append(mine, tenancy.account, QStringLiteral("edition"), t * 1000 + i,
                                                        QStringLiteral("upsert"), QStringLiteral("{}"), tenancy.site);
                    if (!seq || !tx.commit()) {
                        qWarning("append: %s", seq ? "commit failed" : qPrintable(seq.error().message));
                        ++failures;
                    }
                }
            }));
        }
        for (auto &thread : threads)
            thread->start();
        for (auto &thread : threads)
            QVERIFY(thread->wait(120000));
        QCOMPARE(failures.load(), 0);
        for (const Tenancy &t : { a, b }) {
            const auto page = ChangeFeed::read(db, t.account, 0, 10000, std::nullopt);
            QVERIFY(page.ok());
            QCOMPARE(page->changes.size(), kThreads * kAppends);
            for (int i = 0; i < page->changes.size(); ++i)
                QCOMPARE(page->changes.at(i).seq, qint64(i + 1));
            QCOMPARE(page->next, qint64(kThreads * kAppends));
        }
    }

    void paging_data() { ServerDatabase::addBackendRows(); }
    void paging()
    {
        GALLEY_FRESH_DATABASE(database);
        QVERIFY(openStore(database));
        QSqlDatabase db = m_store->connection();
        const Tenancy a = addTenancy(db, QStringLiteral("a"));
        QVERIFY(appendCommitted(a.account, 7, { a.site }));
        QList<qint64> seen;
        qint64 cursor = 0;
        QList<bool> hasMore;
        for (int guard = 0; guard < 10; ++guard) {
            const auto page = ChangeFeed::read(db, a.account, cursor, 3, std::nullopt);
            QVERIFY(page.ok());
            for (const Change &c : page->changes)
                seen.append(c.seq);
            hasMore.append(page->hasMore);
            cursor = page->next;
            if (!page->hasMore)
                break;
        }
        QCOMPARE(seen, (QList<qint64> { 1, 2, 3, 4, 5, 6, 7 }));
        QCOMPARE(hasMore, (QList<bool> { true, true, false }));
        QCOMPARE(cursor, 7);
        // At the end: an empty page, same cursor.
        const auto end = ChangeFeed::read(db, a.account, cursor, 3, std::nullopt);
        QVERIFY(end.ok());
        QVERIFY(end->changes.isEmpty());
        QCOMPARE(end->next, 7);
        // An account with no changes yet reads as empty from 0.
        const Tenancy fresh = addTenancy(db, QStringLiteral("fresh"));
        const auto empty = ChangeFeed::read(db, fresh.account, 0, 3, std::nullopt);
        QVERIFY(empty.ok());
        QCOMPARE(empty->next, 0);
    }

    void visibilityBySite_data()
    {
        QTest::addColumn<QString>("backend");
        QTest::addColumn<int>("visible");   // 0 all sites, 1 site one, 2 site two, 3 no site
        QTest::addColumn<QList<qint64>>("expected");
        for (const QString &backend : { QStringLiteral("sqlite"), QStringLiteral("postgresql") }) {
            // Entries: seq 1 site one, 2 site two, 3 account-wide, 4 site one, 5 site two, 6 account-wide, …
            QTest::addRow("%s-all-sites", qPrintable(backend)) << backend << 0 << QList<qint64> { 1, 2, 3, 4, 5, 6 };
            QTest::addRow("%s-site-one", qPrintable(backend)) << backend << 1 << QList<qint64> { 1, 3, 4, 6 };
            QTest::addRow("%s-site-two", qPrintable(backend)) << backend << 2 << QList<qint64> { 2, 3, 5, 6 };
            QTest::addRow("%s-no-sites", qPrintable(backend)) << backend << 3 << QList<qint64> { 3, 6 };
        }
    }

    void visibilityBySite()
    {
        GALLEY_FRESH_DATABASE(database);
        QFETCH(int, visible);
        QFETCH(QList<qint64>, expected);
        QVERIFY(openStore(database));
        QSqlDatabase db = m_store->connection();
        const Tenancy a = addTenancy(db, QStringLiteral("a"));
        const qint64 siteTwo = execSql(db, QStringLiteral("INSERT INTO sites (account_id, name, created_at) VALUES (?, 'Two', 0) RETURNING id"), { a.account });
        QVERIFY(appendCommitted(a.account, 6, { a.site, siteTwo, std::nullopt }));
        std::optional<QList<qint64>> sites;
        if (visible == 1)
            sites = QList<qint64> { a.site };
        else if (visible == 2)
            sites = QList<qint64> { siteTwo };
        else if (visible == 3)
            sites = QList<qint64> {};

        // Page size 1: hidden entries never stall the cursor, and it ends at the feed's end.
        QList<qint64> seen;
        qint64 cursor = 0;
        for (int guard = 0; guard < 10; ++guard) {
            const auto page = ChangeFeed::read(db, a.account, cursor, 1, sites);
            QVERIFY(page.ok());
            for (const Change &c : page->changes)
                seen.append(c.seq);
            QVERIFY(page->next >= cursor);
            cursor = page->next;
            if (!page->hasMore)
                break;
        }
        QCOMPARE(seen, expected);
        QCOMPARE(cursor, 6);
    }

    void compaction_data() { ServerDatabase::addBackendRows(); }
    void compaction()
    {
        GALLEY_FRESH_DATABASE(database);
        QVERIFY(openStore(database));
        QSqlDatabase db = m_store->connection();
        const Tenancy a = addTenancy(db, QStringLiteral("a"));
        const Tenancy b = addTenancy(db, QStringLiteral("b"));
        QVERIFY(appendCommitted(a.account, 10, { a.site }));
        QVERIFY(appendCommitted(b.account, 3, { b.site }));
        QVERIFY(ChangeFeed::compact(db, a.account, 6).ok());
        QCOMPARE(execSql(db, QStringLiteral("SELECT count(*) FROM changes WHERE account_id = ?"), { a.account }), 4);
        QCOMPARE(execSql(db, QStringLiteral("SELECT count(*) FROM changes WHERE account_id = ?"), { b.account }), 3);

        for (qint64 expired : { 0, 1, 5 }) {
            const auto page = ChangeFeed::read(db, a.account, expired, 100, std::nullopt);
            QVERIFY(!page.ok());
            QCOMPARE(page.error().code, QStringLiteral("cursor_expired"));
        }
        const auto atHorizon = ChangeFeed::read(db, a.account, 6, 100, std::nullopt);
        QVERIFY(atHorizon.ok());
        QCOMPARE(atHorizon->changes.size(), 4);
        QCOMPARE(atHorizon->changes.first().seq, 7);
        // Other accounts keep their whole feed.
        QVERIFY(ChangeFeed::read(db, b.account, 0, 100, std::nullopt).ok());
        // A cursor from the future (say, a reset server) is expired too.
        QCOMPARE(ChangeFeed::read(db, a.account, 11, 100, std::nullopt).error().code, QStringLiteral("cursor_expired"));
        // The horizon never moves backwards nor past the end; numbering continues.
        QVERIFY(ChangeFeed::compact(db, a.account, 2).ok());
        QCOMPARE(ChangeFeed::read(db, a.account, 5, 100, std::nullopt).error().code, QStringLiteral("cursor_expired"));
        QVERIFY(ChangeFeed::compact(db, a.account, 1000).ok());
        QVERIFY(ChangeFeed::read(db, a.account, 10, 100, std::nullopt).ok());
        QVERIFY(appendCommitted(a.account, 1, { a.site }));
        QCOMPARE(ChangeFeed::read(db, a.account, 10, 100, std::nullopt)->changes.first().seq, 11);
    }
};

QTEST_GUILESS_MAIN(TestChangeFeed)
#include "tst_changefeed.moc"
