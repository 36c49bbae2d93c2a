#include "store/localstore.h"
#include "store/transaction.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Galley;

// Transaction is the rollback-unless-committed guard every write in the store relies on.
class TestTransaction : public QObject
{
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<LocalStore> m_store;

    QSqlDatabase db() const { return m_store->connection(); }

    static qint64 settingsCount(const QSqlDatabase &db)
    {
        QSqlQuery q(db);
        if (!q.exec(QStringLiteral("SELECT count(*) FROM settings")) || !q.next())
            return -1;
        return q.value(0).toLongLong();
    }

    static bool exec(QSqlDatabase db, const QString &sql)
    {
        QSqlQuery q(db);
        return q.exec(sql);
    }

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        auto store = LocalStore::open(m_dir->filePath(QStringLiteral("tx.galley")));
        QVERIFY2(store.ok(), store.ok() ? "" : qPrintable(store.error().message));
        m_store = std::move(store.value());
    }

    void cleanup()
    {
        m_store.reset();
        m_dir.reset();
    }

    void commitPersists()
    {
        QSqlDatabase conn = db();
        {
            Transaction tx(conn);
            QVERIFY(tx.isActive());
            QVERIFY(exec(conn, QStringLiteral("INSERT INTO settings VALUES ('theme', 'dark')")));
            const Status st = tx.commit();
            QVERIFY2(st.ok(), st.ok() ? "" : qPrintable(st.error().message));
            QVERIFY(!tx.isActive());
        }
        QCOMPARE(settingsCount(conn), 1);
        conn = QSqlDatabase();

        // And it is on disk, not only in this connection: reopen the store.
        const QString path = m_store->path();
        m_store.reset();
        auto reopened = LocalStore::open(path);
        QVERIFY(reopened.ok());
        m_store = std::move(reopened.value());
        QCOMPARE(settingsCount(db()), 1);
    }

    void destructorRollsBack()
    {
        QSqlDatabase conn = db();
        {
            Transaction tx(conn);
            QVERIFY(tx.isActive());
            QVERIFY(exec(conn, QStringLiteral("INSERT INTO settings VALUES ('theme', 'dark')")));
            QCOMPARE(settingsCount(conn), 1);   // visible inside the transaction
        }
        QCOMPARE(settingsCount(conn), 0);
        // The connection is usable again: no transaction left dangling.
        Transaction again(conn);
        QVERIFY(again.isActive());
    }

    void rollbackAfterFailedStatement_data()
    {
        QTest::addColumn<QString>("failing");
        QTest::newRow("duplicate-primary-key") << QStringLiteral("INSERT INTO settings VALUES ('a', '2')");
        QTest::newRow("not-null") << QStringLiteral("INSERT INTO settings VALUES ('b', NULL)");
        QTest::newRow("foreign-key")
            << QStringLiteral("INSERT INTO sites (id, account_id, name, created_at) VALUES (1, 999, 'x', 0)");
        QTest::newRow("check-constraint")
            << QStringLiteral("INSERT INTO workspace (id, name, kind, created_at) VALUES (1, 'x', 'bogus', 0) "
                              "ON CONFLICT(id) DO UPDATE SET kind = excluded.kind");
        QTest::newRow("syntax-error") << QStringLiteral("INSERT INTO settings VALUE ('c', '3')");
    }

    void rollbackAfterFailedStatement()
    {
        QFETCH(QString, failing);
        QSqlDatabase conn = db();
        Transaction tx(conn);
        QVERIFY(tx.isActive());
        QVERIFY(exec(conn, QStringLiteral("INSERT INTO settings VALUES ('a', '1')")));
        QVERIFY(!exec(conn, failing));
        tx.rollback();
        QVERIFY(!tx.isActive());
        QCOMPARE(settingsCount(conn), 0);
        QSqlQuery kind(conn);
        QVERIFY(kind.exec(QStringLiteral("SELECT kind FROM workspace WHERE id = 1")) && kind.next());
        QCOMPARE(kind.value(0).toString(), QStringLiteral("local"));
    }

    void uncommittedRowsInvisibleToOtherConnection()
    {
        QSqlDatabase writer = db();
        auto opened = LocalStore::openConnection(m_store->path(), QStringLiteral("tst-transaction-reader"));
        QVERIFY(opened.ok());
        {
            QSqlDatabase reader = opened.value();
            Transaction tx(writer);
            QVERIFY(tx.isActive());
            QVERIFY(exec(writer, QStringLiteral("INSERT INTO settings VALUES ('theme', 'dark')")));
            QCOMPARE(settingsCount(writer), 1);
            // WAL: the reader is not blocked and sees the last committed state.
            QCOMPARE(settingsCount(reader), 0);
            QVERIFY(tx.commit().ok());
            QCOMPARE(settingsCount(reader), 1);
            reader.close();
        }
        opened = Error {};
        QSqlDatabase::removeDatabase(QStringLiteral("tst-transaction-reader"));
    }

    void secondWriterIsRefusedWhileOneIsActive()
    {
        QSqlDatabase first = db();
        auto opened = LocalStore::openConnection(m_store->path(), QStringLiteral("tst-transaction-writer"));
        QVERIFY(opened.ok());
        {
            QSqlDatabase second = opened.value();
            QVERIFY(exec(second, QStringLiteral("PRAGMA busy_timeout = 0")));   // fail fast instead of waiting
            Transaction tx(first);
            QVERIFY(tx.isActive());
            {
                Transaction competing(second);
                QVERIFY(!competing.isActive());
                QCOMPARE(competing.error().code, QStringLiteral("store_busy"));
                QVERIFY(!competing.commit().ok());
            }
            QVERIFY(tx.commit().ok());
            Transaction after(second);
            QVERIFY(after.isActive());
            after.rollback();
            second.close();
        }
        opened = Error {};
        QSqlDatabase::removeDatabase(QStringLiteral("tst-transaction-writer"));
    }

    void commitWithoutTransactionIsAnError()
    {
        QSqlDatabase conn = db();
        Transaction tx(conn);
        QVERIFY(tx.commit().ok());
        const Status again = tx.commit();
        QVERIFY(!again.ok());
        QCOMPARE(again.error().code, QStringLiteral("no_transaction"));
    }
};

QTEST_GUILESS_MAIN(TestTransaction)
#include "tst_transaction.moc"
