#include "common/serverdatabase.h"
#include "storage/changefeed.h"
#include "storage/serverstore.h"
#include "storage/servertransaction.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <QTest>
#include <QThread>

#include <QDateTime>
#include <QMap>

#include <atomic>
#include <limits>
#include <vector>

using namespace Galley;
using namespace Galley::Server;
using namespace Galley::Testing;
using namespace Qt::StringLiterals;

// The per-account change feed on both backends: gap-free numbers in commit order
// under concurrent writers, paging, visibility by site, log compaction (a pull from 0 is the
// live objects; expired and snapshot cursors), retention, and compaction while clients read.
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

    // One scripted feed entry: value 0 is a delete, n an upsert with {"v": n}.
    struct Entry
    {
        const char *entity;
        qint64 id;
        int value;
        std::optional<qint64> site;
    };
    using Key = std::pair<QString, qint64>;

    bool appendEntries(qint64 account, const QList<Entry> &entries)
    {
        QSqlDatabase db = m_store->connection();
        for (const Entry &e : entries) {
            ServerTransaction tx(db, m_store->dialect());
            const auto seq = ChangeFeed::append(db, account, QString::fromLatin1(e.entity), e.id,
                                                e.value ? QStringLiteral("upsert") : QStringLiteral("delete"),
                                                e.value ? QStringLiteral("{\"v\":%1}").arg(e.value) : QString(), e.site);
            if (!seq || !tx.commit()) {
                qWarning("append failed: %s", seq ? "commit" : qPrintable(seq.error().message));
                return false;
            }
        }
        return true;
    }

    // What a client has after applying the whole script: the latest state of every object it
    // may see (an entry of a hidden site is not visible), as compact JSON.
    static QMap<Key, QString> liveObjects(const QList<Entry> &script, const std::optional<QList<qint64>> &sites)
    {
        QMap<Key, QString> live;
        for (const Entry &e : script) {
            if (sites && e.site && !sites->contains(*e.site))
                continue;
            const Key key { QString::fromLatin1(e.entity), e.id };
            if (e.value)
                live.insert(key, QStringLiteral("{\"v\":%1}").arg(e.value));
            else
                live.remove(key);
        }
        return live;
    }

    struct Pulled
    {
        QMap<Key, QString> objects;
        qint64 cursor = 0;
        qint64 last = -1;
        QString error;
    };

    static void apply(Pulled &p, const ChangePage &page)
    {
        for (const Change &c : page.changes) {
            const Key key { c.entity, c.entityId };
            if (c.op == QLatin1String("upsert"))   // JSONB normalises spacing: compact it again
                p.objects.insert(key, QString::fromUtf8(QJsonDocument::fromJson(c.data.toUtf8()).toJson(QJsonDocument::Compact)));
            else
                p.objects.remove(key);
        }
        p.last = page.last;
    }

    // Reads from `since` to the end, `limit` entries at a time.
    static Pulled pull(QSqlDatabase &db, qint64 account, qint64 since, int limit, const std::optional<QList<qint64>> &sites)
    {
        Pulled p;
        p.cursor = since;
        for (int guard = 0; guard < 1000; ++guard) {
            const auto page = ChangeFeed::read(db, account, p.cursor, limit, sites);
            if (!page) {
                p.error = page.error().code + QStringLiteral(": ") + page.error().message;
                return p;
            }
            apply(p, page.value());
            p.cursor = page->next;
            if (!page->hasMore)
                return p;
        }
        p.error = QStringLiteral("the feed did not end");
        return p;
    }

    QList<qint64> seqsOf(qint64 account)
    {
        QList<qint64> out;
        QSqlQuery q(m_store->connection());
        q.prepare(QStringLiteral("SELECT seq FROM changes WHERE account_id = ? ORDER BY seq"));
        q.addBindValue(account);
        if (!q.exec())
            return { -1 };
        while (q.next())
            out << q.value(0).toLongLong();
        return out;
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

    // Log compaction: below the horizon only the latest entry of every object stays (deletes
    // go too), so a pull from 0 gives exactly the live objects, page by page through snapshot
    // cursors; a positive cursor below the horizon is expired, one at or after it reads on as
    // before; a snapshot cursor expires when the horizon moves.
    void compaction_data() { ServerDatabase::addBackendRows(); }
    void compaction()
    {
        GALLEY_FRESH_DATABASE(database);
        QVERIFY(openStore(database));
        QSqlDatabase db = m_store->connection();
        const Tenancy a = addTenancy(db, QStringLiteral("a"));
        const Tenancy b = addTenancy(db, QStringLiteral("b"));
        const qint64 siteTwo = execSql(db, QStringLiteral("INSERT INTO sites (account_id, name, created_at) VALUES (?, 'Two', 0) RETURNING id"), { a.account });
        const QList<Entry> script {
            { "edition", 1, 1, a.site },   // 1: superseded by 4
            { "edition", 2, 1, siteTwo },  // 2: deleted at 5
            { "document", 7, 1, a.site },  // 3: kept
            { "edition", 1, 2, a.site },   // 4: superseded by 7
            { "edition", 2, 0, siteTwo },  // 5: a delete below the horizon
            { "schema", 3, 1, {} },        // 6: superseded by 9
            { "edition", 1, 3, a.site },   // 7: kept (updated three times)
            { "edition", 4, 1, siteTwo },  // 8: superseded by 11, above the horizon
            { "schema", 3, 2, {} },        // 9: kept, at the horizon
            { "edition", 5, 1, a.site },   // 10
            { "edition", 4, 2, siteTwo },  // 11
            { "edition", 5, 0, a.site },   // 12: deleted above the horizon
        };
        for (qsizetype i = 0; i < script.size(); ++i) {
            QVERIFY(appendEntries(a.account, { script.at(i) }));
            if (i % 4 == 0)
                QVERIFY(appendEntries(b.account, { Entry { "edition", 100 + i, 1, b.site } }));
        }
        const QList<Change> before = ChangeFeed::read(db, a.account, 9, 100, std::nullopt)->changes;
        QCOMPARE(before.size(), 3);

        const auto compacted = ChangeFeed::compact(db, a.account, 9);
        QVERIFY2(compacted, qPrintable(compacted ? QString() : compacted.error().message));
        QCOMPARE(compacted->accountId, a.account);
        QCOMPARE(compacted->horizonBefore, 0);
        QCOMPARE(compacted->horizon, 9);
        QCOMPARE(compacted->removed, 6);
        QCOMPARE(compacted->kept, 6);
        QCOMPARE(seqsOf(a.account), (QList<qint64> { 3, 7, 9, 10, 11, 12 }));
        QCOMPARE(execSql(db, QStringLiteral("SELECT count(*) FROM changes WHERE account_id = ?"), { b.account }), 3);

        // From 0, in one page and one entry per page: the live objects, nothing else.
        const std::optional<QList<qint64>> everySite;
        const std::optional<QList<qint64>> siteOne = QList<qint64> { a.site };
        for (const auto &sites : { everySite, siteOne }) {
            for (const int limit : { 100, 1 }) {
                const Pulled pulled = pull(db, a.account, 0, limit, sites);
                QVERIFY2(pulled.error.isEmpty(), qPrintable(pulled.error));
                QCOMPARE(pulled.objects, liveObjects(script, sites));
                QCOMPARE(pulled.cursor, 12);
                QCOMPARE(pulled.last, 12);
            }
        }
        QCOMPARE(liveObjects(script, everySite).keys(),
                 (QList<Key> { { u"document"_s, 7 }, { u"edition"_s, 1 }, { u"edition"_s, 4 }, { u"schema"_s, 3 } }));
        QCOMPARE(liveObjects(script, everySite).value({ u"edition"_s, 1 }), u"{\"v\":3}"_s);
        // Page by page: negative (snapshot) cursors below the horizon, the seq from it on.
        {
            auto page = ChangeFeed::read(db, a.account, 0, 1, std::nullopt);
            QVERIFY(page && page->hasMore);
            QCOMPARE(page->changes.first().seq, 3);
            QVERIFY(page->next < 0);
            QCOMPARE(page->last, 12);
            page = ChangeFeed::read(db, a.account, page->next, 2, std::nullopt);
            QVERIFY(page && page->hasMore);
            QCOMPARE(page->changes.last().seq, 9);
            QCOMPARE(page->next, 9);
        }

        // Positive cursors: expired below the horizon, as before at and after it.
        for (qint64 expired : { 1, 2, 5, 8 }) {
            const auto page = ChangeFeed::read(db, a.account, expired, 100, std::nullopt);
            QVERIFY(!page.ok());
            QCOMPARE(page.error().code, QStringLiteral("cursor_expired"));
        }
        const auto atHorizon = ChangeFeed::read(db, a.account, 9, 100, std::nullopt);
        QVERIFY(atHorizon.ok());
        QCOMPARE(atHorizon->changes.size(), before.size());
        for (qsizetype i = 0; i < before.size(); ++i) {
            QCOMPARE(atHorizon->changes.at(i).seq, before.at(i).seq);
            QCOMPARE(atHorizon->changes.at(i).op, before.at(i).op);
            QCOMPARE(atHorizon->changes.at(i).data, before.at(i).data);
        }
        QCOMPARE(ChangeFeed::read(db, a.account, 11, 100, std::nullopt)->changes.size(), 1);
        // Other accounts keep their whole feed.
        QCOMPARE(ChangeFeed::read(db, b.account, 0, 100, std::nullopt)->changes.size(), 3);
        // A cursor from the future (say, a reset server) is expired too, and so are negative
        // ones this feed did not make.
        for (qint64 bogus : { qint64(13), qint64(-1), -((qint64(3) << 31) | 5), -((qint64(9) << 31) | 9),
                              -((qint64(12) << 31) | 9), std::numeric_limits<qint64>::min() })
            QCOMPARE(ChangeFeed::read(db, a.account, bogus, 100, std::nullopt).error().code, QStringLiteral("cursor_expired"));

        // A snapshot cursor survives a compaction that leaves the horizon where it is (the
        // horizon never moves backwards), not one that moves it: that reader starts again.
        const qint64 snapshot = ChangeFeed::read(db, a.account, 0, 1, std::nullopt)->next;
        QVERIFY(snapshot < 0);
        const auto unchanged = ChangeFeed::compact(db, a.account, 2);
        QVERIFY(unchanged.ok());
        QCOMPARE(unchanged->horizon, 9);
        QCOMPARE(unchanged->removed, 0);
        QVERIFY(ChangeFeed::read(db, a.account, snapshot, 100, std::nullopt).ok());
        const QList<Entry> more { { "edition", 1, 4, a.site }, { "document", 7, 0, a.site }, { "edition", 6, 1, siteTwo } };
        QVERIFY(appendEntries(a.account, more));
        const auto moved = ChangeFeed::compact(db, a.account, 1000);   // never beyond the end
        QVERIFY(moved.ok());
        QCOMPARE(moved->horizon, 15);
        QCOMPARE(ChangeFeed::read(db, a.account, snapshot, 100, std::nullopt).error().code, QStringLiteral("cursor_expired"));
        QCOMPARE(ChangeFeed::read(db, a.account, 12, 100, std::nullopt).error().code, QStringLiteral("cursor_expired"));
        QCOMPARE(seqsOf(a.account), (QList<qint64> { 9, 11, 13, 15 }));
        const Pulled again = pull(db, a.account, 0, 1, std::nullopt);
        QVERIFY2(again.error.isEmpty(), qPrintable(again.error));
        QCOMPARE(again.objects, liveObjects(script + more, std::nullopt));
        QCOMPARE(again.cursor, 15);
        // Numbering continues after a compaction to the end.
        QVERIFY(ChangeFeed::read(db, a.account, 15, 100, std::nullopt).ok());
        QVERIFY(appendCommitted(a.account, 1, { a.site }));
        QCOMPARE(ChangeFeed::read(db, a.account, 15, 100, std::nullopt)->changes.first().seq, 16);
    }

    // The retention rule: the horizon moves to the newest entry older than the cut-off;
    // compactAll() does every account; an account without a feed has nothing to compact.
    void retention_data() { ServerDatabase::addBackendRows(); }
    void retention()
    {
        GALLEY_FRESH_DATABASE(database);
        QVERIFY(openStore(database));
        QSqlDatabase db = m_store->connection();
        const Tenancy a = addTenancy(db, QStringLiteral("a"));
        const Tenancy b = addTenancy(db, QStringLiteral("b"));
        const Tenancy c = addTenancy(db, QStringLiteral("c"));
        const Tenancy empty = addTenancy(db, QStringLiteral("empty"));
        const QList<Entry> script { { "edition", 1, 1, a.site }, { "edition", 1, 2, a.site }, { "edition", 2, 1, a.site },
                                    { "edition", 2, 0, a.site }, { "edition", 1, 3, a.site }, { "edition", 3, 1, a.site } };
        QVERIFY(appendEntries(a.account, script));
        QVERIFY(appendCommitted(b.account, 3, { b.site }));
        QVERIFY(appendCommitted(c.account, 2, { c.site }));
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        const qint64 day = 24 * 60 * 60 * 1000;
        QVERIFY(execSql(db, QStringLiteral("UPDATE changes SET created_at = ? WHERE account_id = ? AND seq <= 4"), { now - 40 * day, a.account }) >= 0);
        QVERIFY(execSql(db, QStringLiteral("UPDATE changes SET created_at = ? WHERE account_id = ?"), { now - 31 * day, c.account }) >= 0);

        const qint64 cutoff = now - 30 * day;
        QCOMPARE(ChangeFeed::retentionHorizon(db, a.account, cutoff).value(), 4);
        QCOMPARE(ChangeFeed::retentionHorizon(db, b.account, cutoff).value(), 0);
        QCOMPARE(ChangeFeed::retentionHorizon(db, c.account, cutoff).value(), 2);   // all of it
        QCOMPARE(ChangeFeed::retentionHorizon(db, empty.account, cutoff).value(), 0);
        const auto none = ChangeFeed::compact(db, empty.account, 10);
        QVERIFY(none.ok());
        QCOMPARE(none->horizon, 0);
        QCOMPARE(ChangeFeed::read(db, empty.account, 0, 10, std::nullopt)->next, 0);

        CompactionRule rule;
        rule.keepSinceMs = cutoff;
        const auto done = ChangeFeed::compactAll(db, rule);
        QVERIFY2(done, qPrintable(done ? QString() : done.error().message));
        QCOMPARE(done->size(), 3);
        const Compaction &ca = done->at(0);
        QCOMPARE(ca.accountId, a.account);
        QCOMPARE(ca.horizon, 4);
        QCOMPARE(ca.removed, 4);   // edition 1 twice (superseded by seq 5), edition 2 (deleted)
        QCOMPARE(ca.kept, 2);
        QCOMPARE(seqsOf(a.account), (QList<qint64> { 5, 6 }));
        QCOMPARE(done->at(1).accountId, b.account);
        QCOMPARE(done->at(1).horizon, 0);
        QCOMPARE(done->at(1).removed, 0);
        QCOMPARE(done->at(2).horizon, 2);
        QCOMPARE(done->at(2).removed, 0);   // two different objects: both stay
        const Pulled pulled = pull(db, a.account, 0, 1, std::nullopt);
        QCOMPARE(pulled.objects, liveObjects(script, std::nullopt));
        QCOMPARE(ChangeFeed::read(db, a.account, 3, 10, std::nullopt).error().code, QStringLiteral("cursor_expired"));
        QVERIFY(ChangeFeed::read(db, a.account, 4, 10, std::nullopt).ok());

        // Running it again changes nothing; an explicit seq compacts every account up to it.
        const auto again = ChangeFeed::compactAll(db, rule);
        QVERIFY(again.ok());
        QCOMPARE(again->at(0).horizon, 4);
        QCOMPARE(again->at(0).removed, 0);
        CompactionRule upTo;
        upTo.keepAfterSeq = 1000;
        const auto all = ChangeFeed::compactAll(db, upTo);
        QVERIFY(all.ok());
        QCOMPARE(all->at(0).horizon, 6);
        QCOMPARE(all->at(1).horizon, 3);
        QCOMPARE(all->at(2).horizon, 2);
    }

    // Readers pulling from 0 page by page while writers update and delete objects and the feed
    // is compacted again and again: a reader that gets cursor_expired starts again from 0 with
    // an empty copy; when the writing stops, every reader's copy is exactly the live objects.
    void compactionWhileReading_data() { ServerDatabase::addBackendRows(); }
    void compactionWhileReading()
    {
        GALLEY_FRESH_DATABASE(database);
        QVERIFY(openStore(database));
        QSqlDatabase db = m_store->connection();
        const Tenancy a = addTenancy(db, QStringLiteral("a"));
        QList<Entry> script;
        std::atomic<bool> writing = true;
        std::atomic<int> failures = 0;
        std::unique_ptr<QThread> writer(QThread::create([&] {
            QSqlDatabase mine = m_store->connection();
            for (int round = 0; round < 40; ++round) {
                QList<Entry> entries;
                for (int i = 0; i < 5; ++i) {
                    const qint64 id = (round * 7 + i * 3) % 23 + 1;
                    entries << Entry { "edition", id, (round + i) % 6 == 5 ? 0 : round * 10 + i + 1, a.site };
                }
                for (const Entry &e : std::as_const(entries)) {
                    ServerTransaction tx(mine, m_store->dialect());
                    const auto seq = ChangeFeed::append(mine, a.account, QString::fromLatin1(e.entity), e.id,
                                                        e.value ? QStringLiteral("upsert") : QStringLiteral("delete"),
                                                        e.value ? QStringLiteral("{\"v\":%1}").arg(e.value) : QString(), e.site);
                    if (!seq || !tx.commit())
                        ++failures;
                }
                script += entries;
                const auto last = ChangeFeed::lastSeq(mine, a.account);
                if (!last || !ChangeFeed::compact(mine, a.account, last.value() - 3))
                    ++failures;
            }
            writing = false;
        }));
        std::vector<std::unique_ptr<QThread>> readers;
        std::vector<Pulled> results(3);
        std::vector<int> restarts(3, 0);
        for (int r = 0; r < 3; ++r) {
            readers.emplace_back(QThread::create([&, r] {
                QSqlDatabase mine = m_store->connection();
                Pulled &p = results[r];
                qint64 cursor = 0;
                for (int guard = 0; guard < 100000; ++guard) {
                    const bool finalRound = !writing;
                    const auto page = ChangeFeed::read(mine, a.account, cursor, 2 + r, std::nullopt);
                    if (!page) {
                        if (page.error().code != QLatin1String("cursor_expired")) {
                            p.error = page.error().message;
                            return;
                        }
                        ++restarts[r];
                        p.objects.clear();
                        cursor = 0;
                        continue;
                    }
                    apply(p, page.value());
                    cursor = page->next;
                    if (finalRound && !page->hasMore)
                        return;
                }
                p.error = QStringLiteral("the reader did not finish");
            }));
        }
        writer->start();
        for (auto &reader : readers)
            reader->start();
        QVERIFY(writer->wait(180000));
        for (auto &reader : readers)
            QVERIFY(reader->wait(180000));
        QCOMPARE(failures.load(), 0);
        const QMap<Key, QString> live = liveObjects(script, std::nullopt);
        QVERIFY(!live.isEmpty());
        for (int r = 0; r < 3; ++r) {
            QVERIFY2(results.at(r).error.isEmpty(), qPrintable(results.at(r).error));
            QCOMPARE(results.at(r).objects, live);
        }
        qInfo("restarts after cursor_expired: %d, %d, %d", restarts.at(0), restarts.at(1), restarts.at(2));
    }
};

QTEST_GUILESS_MAIN(TestChangeFeed)
#include "tst_changefeed.moc"
