// Crash safety: the real `galley --sync-only` process is killed with SIGKILL at random moments,
// during an initial sync and while it pushes, again and again. After every kill the replica
// passes PRAGMA integrity_check, nothing queued is lost, nothing is applied twice on the server
// (every queued change carries its Idempotency-Key), and the next run completes the sync.
#include "synctestkit.h"

#include <QProcess>
#include <QRandomGenerator>
#include <QSqlError>

#include <csignal>

using namespace Galley;
using namespace Galley::Testing;
using namespace Qt::StringLiterals;

class TestCrashSafety : public QObject
{
    Q_OBJECT

private:
    ServerDatabase m_database;
    ServerProcess m_server;
    QTemporaryDir m_dir;
    QRandomGenerator m_rng;
    int m_kills = 0;

    static QString galley() { return qEnvironmentVariable("GALLEY_BINARY"); }

    // Runs galley --sync-only; kills it after killAfterMs (>= 0) or waits for it. The exit code,
    // or -9 when it was killed before it ended.
    int runClient(const QString &workspace, const QString &email, int killAfterMs, QByteArray *output = nullptr)
    {
        QProcess p;
        p.setProcessChannelMode(QProcess::MergedChannels);
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"GALLEY_NO_KEYCHAIN"_s, u"1"_s);
        env.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
        p.setProcessEnvironment(env);
        p.start(galley(), { u"--sync-only"_s, u"--server"_s, m_server.baseUrl().toString(), u"--email"_s, email,
                            u"--workspace"_s, workspace, u"--password-stdin"_s });
        if (!p.waitForStarted(10000))
            return -100;
        p.write(demoPassword(email).toUtf8() + '\n');
        p.closeWriteChannel();
        if (killAfterMs >= 0) {
            if (p.waitForFinished(killAfterMs)) {
                if (output)
                    *output = p.readAll();
                return p.exitCode();
            }
            ::kill(pid_t(p.processId()), SIGKILL);
            p.waitForFinished(10000);
            ++m_kills;
            return -9;
        }
        p.waitForFinished(300000);
        if (output)
            *output = p.readAll();
        return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    }

    // Reads the server's database through a connection that lives only for this call.
    QHash<QString, qint64> serverRemarkCounts()
    {
        QHash<QString, qint64> counts;
        const QString name = u"server-read"_s;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
            db.setDatabaseName(m_database.url().path());
            db.setConnectOptions(u"QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=10000"_s);
            if (db.open()) {
                QSqlQuery q(db);
                if (q.exec(u"SELECT body, count(*) FROM editorial_remarks WHERE body LIKE 'crash-%' GROUP BY body"_s)) {
                    while (q.next())
                        counts.insert(q.value(0).toString(), q.value(1).toLongLong());
                } else {
                    qWarning() << q.lastError().text();
                }
            }
            db.close();
        }
        QSqlDatabase::removeDatabase(name);
        return counts;
    }

    qint64 serverScalar(const QString &sql)
    {
        qint64 value = -1;
        const QString name = u"server-read"_s;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
            db.setDatabaseName(m_database.url().path());
            db.setConnectOptions(u"QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=10000"_s);
            if (db.open()) {
                QSqlQuery q(db);
                if (q.exec(sql) && q.next())
                    value = q.value(0).toLongLong();
            }
            db.close();
        }
        QSqlDatabase::removeDatabase(name);
        return value;
    }

    static QString integrity(const QString &path)
    {
        const QString name = u"check-"_s + QString::number(QRandomGenerator::global()->generate());
        QString result;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
            db.setDatabaseName(path);
            if (db.open()) {
                QSqlQuery q(db);
                if (q.exec(u"PRAGMA integrity_check"_s) && q.next())
                    result = q.value(0).toString();
                q.finish();
                if (q.exec(u"PRAGMA foreign_key_check"_s) && q.next())
                    result += u" (dangling reference in "_s + q.value(0).toString() + u')';
            }
            db.close();
        }
        QSqlDatabase::removeDatabase(name);
        return result;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(!galley().isEmpty());
        QVERIFY(m_dir.isValid());
        const quint32 seed = QRandomGenerator::global()->generate();
        qInfo() << "seed" << seed;
        m_rng.seed(seed);
        QVERIFY(m_database.create(u"sqlite"_s));
        // Enough editions that an initial sync takes a while to kill in the middle of.
        QVERIFY(m_server.start(m_database, true, { u"--write-rate"_s, u"0"_s, u"--demo-editions"_s, u"30000"_s }));
    }

    void cleanupTestCase()
    {
        qInfo() << "kills:" << m_kills;
        if (QTest::currentTestFailed() || qEnvironmentVariableIsSet("GALLEY_SHOW_SERVER_LOG"))
        {
            const QByteArray log = m_server.standardError() + m_server.standardOutput();
            QByteArrayList slow;
            for (const QByteArray &line : log.split('\n')) {
                const qsizetype at = line.indexOf(" ms=");
                if (line.contains("warning") || line.contains("still in progress")
                    || (at >= 0 && line.mid(at + 4).split(' ').constFirst().toDouble() > 2000))
                    slow << line;
            }
            qInfo().noquote() << "server log (slow or warnings):" << slow.join('\n').right(6000);
            qInfo().noquote() << "server log (end):" << log.right(3000);
        }
        m_server.stop();
    }

    void killedDuringInitialSync()
    {
        const int rounds = qEnvironmentVariableIntValue("GALLEY_CRASH_ROUNDS") > 0 ? qEnvironmentVariableIntValue("GALLEY_CRASH_ROUNDS") : 25;
        int killedMidway = 0;
        int workspaceNumber = 0;
        QString workspace = m_dir.filePath(u"initial-%1"_s.arg(workspaceNumber));
        // Until `rounds` runs were killed in the middle (a run that finishes first starts over).
        for (int round = 0; killedMidway < rounds && round < rounds * 3; ++round) {
            const int code = runClient(workspace, u"editor@northwind.example"_s, 100 + int(m_rng.bounded(1400)));
            const QString file = workspace + u"/workspace.galley"_s;
            if (QFileInfo::exists(file))
                QCOMPARE(integrity(file), u"ok"_s);
            if (code == -9) {
                ++killedMidway;
                continue;
            }
            QCOMPARE(code, 0);
            // Finished before the kill: start over with an empty workspace to kill the next one.
            workspace = m_dir.filePath(u"initial-%1"_s.arg(++workspaceNumber));
        }
        QCOMPARE(killedMidway, rounds);
        // Whatever was killed, the last workspace completes and equals the server.
        QByteArray output;
        QCOMPARE(runClient(workspace, u"editor@northwind.example"_s, -1, &output), 0);
        QVERIFY2(output.contains("pulled"), output.constData());
        Client check(workspace + u"/workspace.galley"_s, m_server.baseUrl(), u"editor@northwind.example"_s);
        QCOMPARE(check.scalar(u"SELECT count(*) FROM editions"_s),
                 serverScalar(u"SELECT count(*) FROM editions WHERE account_id = (SELECT id FROM accounts WHERE name LIKE 'Northwind%')"_s));
        QCOMPARE(check.scalar(u"SELECT count(*) FROM edition_content"_s), check.scalar(u"SELECT count(*) FROM editions"_s));
    }

    void killedDuringPush()
    {
        const int rounds = qEnvironmentVariableIntValue("GALLEY_CRASH_ROUNDS") > 0 ? qEnvironmentVariableIntValue("GALLEY_CRASH_ROUNDS") : 25;
        const QString workspace = m_dir.filePath(u"push"_s);
        const QString email = u"writer@northwind.example"_s;
        QCOMPARE(runClient(workspace, email, -1), 0);
        Client local(workspace + u"/workspace.galley"_s, m_server.baseUrl(), email);
        const qint64 account = local.scalar(u"SELECT account_id FROM sync_state"_s);
        const qint64 user = local.scalar(u"SELECT user_id FROM sync_state"_s);
        QList<qint64> drafts;
        {
            QSqlQuery q(local.db());
            QVERIFY(q.exec(u"SELECT id FROM editions WHERE state = 'draft' ORDER BY id LIMIT 20"_s));
            while (q.next())
                drafts << q.value(0).toLongLong();
        }
        QVERIFY(drafts.size() == 20);

        QStringList queued;   // remark bodies, each unique
        int killedWithWork = 0;
        for (int round = 0; killedWithWork < rounds && round < rounds * 3; ++round) {
            // Queue work the way the application does: the optimistic row and its outbox item together.
            QSqlDatabase db = local.db();
            for (int i = 0; i < 150; ++i) {
                const QString body = u"crash-%1-%2"_s.arg(round).arg(i);
                auto added = SyncStore::addRemark(db, account, user, drafts.at(i % drafts.size()), body);
                QVERIFY2(added.ok(), qPrintable(added ? QString() : added.error().message));
                queued << body;
                EditionEdit edit;
                edit.changeNote = body;
                auto edited = SyncStore::editEdition(db, account, drafts.at((i * 7) % drafts.size()), edit);
                QVERIFY(edited.ok());
            }
            const qint64 waiting = local.scalar(u"SELECT count(*) FROM outbox"_s);
            QVERIFY(waiting > 0);
            QByteArray said;
            const int code = runClient(workspace, email, 100 + int(m_rng.bounded(900)), &said);
            if (code != -9)
                qInfo().noquote() << "round" << round << "ended by itself with" << code << said.trimmed();
            if (code == -9 && local.scalar(u"SELECT count(*) FROM outbox"_s) > 0)
                ++killedWithWork;
            QCOMPARE(integrity(workspace + u"/workspace.galley"_s), u"ok"_s);
            // Nothing lost: every remark is still queued or on the server (or both, when the kill came
            // between the server's answer and its arrival: the resend is then answered from the
            // server's idempotency store); none is on the server twice.
            const QHash<QString, qint64> onServerCounts = serverRemarkCounts();
            for (const QString &body : std::as_const(queued)) {
                const qint64 onServer = onServerCounts.value(body);
                const qint64 inOutbox = local.scalar(u"SELECT count(*) FROM outbox WHERE json_extract(body, '$.body') = ?"_s, { body });
                QVERIFY2(onServer <= 1, qPrintable(body + u" is on the server twice"_s));
                QVERIFY2(onServer + inOutbox >= 1 && inOutbox <= 1, qPrintable(u"%1: %2 on the server, %3 queued"_s.arg(body).arg(onServer).arg(inOutbox)));
            }
        }
        QCOMPARE(killedWithWork, rounds);
        // A last run completes: everything is on the server exactly once.
        QByteArray output;
        const int last = runClient(workspace, email, -1, &output);
        QVERIFY2(last == 0, output.constData());
        QCOMPARE(local.scalar(u"SELECT count(*) FROM outbox"_s), 0);
        const QHash<QString, qint64> finalCounts = serverRemarkCounts();
        for (const QString &body : std::as_const(queued))
            QCOMPARE(finalCounts.value(body), 1);
        QCOMPARE(local.scalar(u"SELECT count(*) FROM editorial_remarks WHERE id < 0"_s), 0);
    }
};

QTEST_GUILESS_MAIN(TestCrashSafety)
#include "tst_crashsafety.moc"
