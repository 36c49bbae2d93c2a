#pragma once

#include <QString>
#include <QUrl>

namespace Galley {

// galley --sync-only: signs in, syncs both ways once, prints one summary line and exits, without
// a window. Exit codes: 0 everything in step; 1 the sync failed (unreachable, refused sign-in,
// a pull that could not finish); 2 it finished but changes wait for a decision (conflicts, or
// refused by the server); 3 bad arguments or workspace.
struct SyncOnlyOptions
{
    QUrl server;
    QString email;
    QString workspace;            // a directory (the replica is workspace.galley in it) or a .galley file
    bool passwordFromStdin = false;
    QByteArray trustFingerprint;  // SHA-256, hex: accept this certificate for the server
};

int runSyncOnly(const SyncOnlyOptions &options);

// The replica file for --workspace: a .galley file as given, else workspace.galley in the directory.
QString workspaceFile(const QString &workspace);
// Where the workspace of a server and account lives when none is named.
QString defaultServerWorkspace(const QUrl &server, const QString &email);

} // namespace Galley
