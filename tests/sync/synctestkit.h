#pragma once

// Shared by the sync client's tests: a workspace file, a SyncEngine signed in to a real
// galley-server on loopback, and waits for it to settle.
#include "common/serverprocess.h"
#include "store/localstore.h"
#include "sync/syncengine.h"
#include "sync/syncstore.h"

#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace Galley::Testing {

inline QString demoPassword(const QString &email)
{
    if (email.startsWith(QLatin1String("managing.editor")))
        return QStringLiteral("galley-managing_editor");
    if (email.startsWith(QLatin1String("schemas")))
        return QStringLiteral("galley-schema_designer");
    if (email.startsWith(QLatin1String("amara")) || email.startsWith(QLatin1String("lucas")))
        return QStringLiteral("galley-writer");
    return QStringLiteral("galley-") + email.section(QLatin1Char('@'), 0, 0);
}

// One desktop: a replica file and the engine that syncs it.
class Client
{
public:
    Client(const QString &path, const QUrl &server, const QString &email, bool listen = true)
        : path(path)
        , email(email)
    {
        auto store = LocalStore::open(path);
        if (!store)
            qFatal("cannot open the replica: %s", qPrintable(store.error().message));
        SyncEngine::Options options;
        options.databasePath = path;
        options.server = server;
        options.email = email;
        options.listen = listen;
        engine = std::make_unique<SyncEngine>(options);
    }

    bool signIn(const QString &password = {})
    {
        QSignalSpy ok(engine.get(), &SyncEngine::signedIn);
        QSignalSpy failed(engine.get(), &SyncEngine::signInFailed);
        engine->signIn(password.isEmpty() ? demoPassword(email) : password);
        if (!QTest::qWaitFor([&] { return !ok.isEmpty() || !failed.isEmpty(); }, 30000))
            return false;
        if (!failed.isEmpty())
            qWarning() << "sign-in failed:" << failed.constFirst().constFirst().toString();
        return !ok.isEmpty();
    }

    // One scripted round (pull, push, pull); the summary.
    SyncSummary syncOnce(int timeoutMs = 120000)
    {
        QSignalSpy finished(engine.get(), &SyncEngine::finished);
        engine->syncOnce();
        if (!QTest::qWaitFor([&] { return !finished.isEmpty(); }, timeoutMs)) {
            SyncSummary s;
            s.ok = false;
            s.error = QStringLiteral("syncOnce did not finish");
            return s;
        }
        return finished.constFirst().constFirst().value<SyncSummary>();
    }

    // Opens a connection of this thread to the replica, for assertions.
    QSqlDatabase db()
    {
        const QString name = QStringLiteral("assert-") + path;
        if (QSqlDatabase::contains(name))
            return QSqlDatabase::database(name);
        auto opened = LocalStore::openConnection(path, name);
        return opened ? opened.value() : QSqlDatabase();
    }

    qint64 scalar(const QString &sql, const QVariantList &binds = {})
    {
        QSqlQuery q(db());
        q.prepare(sql);
        for (qsizetype i = 0; i < binds.size(); ++i)
            q.bindValue(int(i), binds.at(i));
        if (!q.exec() || !q.next())
            return -1;
        return q.value(0).toLongLong();
    }

    QString text(const QString &sql, const QVariantList &binds = {})
    {
        QSqlQuery q(db());
        q.prepare(sql);
        for (qsizetype i = 0; i < binds.size(); ++i)
            q.bindValue(int(i), binds.at(i));
        if (!q.exec() || !q.next())
            return QString();
        return q.value(0).toString();
    }

    Status edit(Id editionId, const EditionEdit &change)
    {
        std::optional<Status> result;
        engine->editEdition(editionId, change, [&](Status st) { result = st; });
        if (!QTest::qWaitFor([&] { return result.has_value(); }, 10000))
            return Error { QStringLiteral("timeout"), QStringLiteral("the local edit did not finish") };
        return *result;
    }

    QString path;
    QString email;
    std::unique_ptr<SyncEngine> engine;
};

} // namespace Galley::Testing
