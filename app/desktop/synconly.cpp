#include "synconly.h"

#include "store/localstore.h"
#include "sync/syncengine.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTextStream>
#include <QTimer>

#include <cstdio>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace Galley {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("main", text);
}

void say(FILE *stream, const QString &line)
{
    std::fprintf(stream, "%s\n", qPrintable(line));
    std::fflush(stream);
}

} // namespace

QString workspaceFile(const QString &workspace)
{
    if (workspace.endsWith(u".galley"_s))
        return QFileInfo(workspace).absoluteFilePath();
    return QDir(workspace).absoluteFilePath(u"workspace.galley"_s);
}

QString defaultServerWorkspace(const QUrl &server, const QString &email)
{
    return SyncEngine::defaultWorkspacePath(server, email);
}

int runSyncOnly(const SyncOnlyOptions &options)
{
    if (!options.server.isValid() || options.email.isEmpty()) {
        say(stderr, tr("galley: --sync-only needs --server and --email."));
        return 3;
    }
    const QString path = workspaceFile(options.workspace.isEmpty()
                                           ? QFileInfo(defaultServerWorkspace(options.server, options.email)).path()
                                           : options.workspace);
    if (!QDir().mkpath(QFileInfo(path).path())) {
        say(stderr, tr("galley: cannot create the workspace directory %1.").arg(QFileInfo(path).path()));
        return 3;
    }
    {
        auto store = LocalStore::open(path);
        if (!store) {
            say(stderr, tr("galley: cannot open the workspace %1: %2").arg(path, store.error().message));
            return 3;
        }
    }
    QString password;
    if (options.passwordFromStdin || !isatty(STDIN_FILENO)) {
        QTextStream in(stdin);
        password = in.readLine();
    }

    SyncEngine::Options engineOptions;
    engineOptions.databasePath = path;
    engineOptions.server = options.server;
    engineOptions.email = options.email;
    engineOptions.listen = false;
    SyncEngine engine(engineOptions);
    if (!options.trustFingerprint.isEmpty())
        engine.acceptCertificate(QByteArray::fromHex(options.trustFingerprint));

    int code = 1;
    QObject::connect(&engine, &SyncEngine::certificateNeedsApproval, &engine,
                     [](const QUrl &server, const QByteArray &fingerprint, const QString &subject, const QStringList &) {
                         say(stderr, tr("galley: %1 presents a certificate this system does not trust (%2, SHA-256 %3). "
                                        "If you know it is the right one, run again with --trust-fingerprint %3.")
                                         .arg(server.host(), subject, QString::fromLatin1(fingerprint.toHex())));
                     });
    QObject::connect(&engine, &SyncEngine::credentialsNotStored, &engine, [](const QString &reason) {
        say(stderr, tr("galley: the session cannot be kept in a keychain (%1); the password is needed every time.").arg(reason));
    });
    QObject::connect(&engine, &SyncEngine::signedIn, &engine, [&engine](const QString &) { engine.syncOnce(); });
    QObject::connect(&engine, &SyncEngine::signInFailed, &engine, [&code](const QString &message) {
        say(stderr, u"galley: "_s + message);
        code = 1;
        QCoreApplication::exit(code);
    });
    QObject::connect(&engine, &SyncEngine::finished, &engine, [&code](const SyncSummary &s) {
        QString line = tr("pulled %1, pushed %2, conflicts %3, errors %4").arg(s.pulled).arg(s.pushed).arg(s.conflicts).arg(s.errors);
        if (!s.ok)
            line += u" — "_s + s.error;
        say(stdout, line);
        code = !s.ok ? 1 : (s.conflicts > 0 || s.errors > 0) ? 2 : 0;
        QCoreApplication::exit(code);
    });
    QTimer::singleShot(0, &engine, [&engine, password] {
        if (password.isEmpty())
            engine.resumeSession();
        else
            engine.signIn(password);
    });
    QCoreApplication::exec();
    // For the benchmarks: the process's peak resident memory.
    if (qEnvironmentVariableIsSet("GALLEY_SYNC_REPORT")) {
        QFile status(u"/proc/self/status"_s);
        if (status.open(QIODevice::ReadOnly)) {
            for (const QByteArray &line : status.readAll().split('\n')) {
                if (line.startsWith("VmHWM:"))
                    say(stdout, u"peak-rss-kb "_s + QString::fromLatin1(line.mid(6).trimmed().split(' ').constFirst()));
            }
        }
    }
    return code;
}

} // namespace Galley
