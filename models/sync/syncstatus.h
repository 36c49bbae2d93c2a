#pragma once

#include "domain/tenancy.h"

#include <QDateTime>
#include <QMetaType>
#include <QSet>
#include <QString>

namespace Galley {

// What the status bar shows about the connection to the server.
struct SyncStatus
{
    enum class Connection {
        Local,           // a workspace without a server (demo, local file)
        WorkingOffline,  // the user chose "Work Offline"
        Offline,         // the server cannot be reached; retrying with backoff
        Connecting,      // signing in or checking the server
        Online,          // up to date, listening for changes
        Syncing,         // pulling or pushing right now
        SignInRequired,  // the session expired and could not be refreshed: the password is needed
        Error,           // the last sync failed for another reason (lastError says why)
    };
    Connection connection = Connection::Local;
    int pending = 0;          // outbox items not yet accepted by the server
    int conflicts = 0;        // outbox items waiting for a merge decision
    int failed = 0;           // outbox items the server refused (422) or whose target is gone (404)
    QDateTime lastSync;       // the last time a pull reached the end of the feed
    QString lastError;        // one sentence; empty when none
    bool liveUpdates = false; // the /events WebSocket is connected
    QString serverUrl;
    QString userName;

    friend bool operator==(const SyncStatus &, const SyncStatus &) = default;
};

// The progress of a pull that has a lot to do (the initial sync, a resync).
struct SyncProgress
{
    bool active = false;
    bool initial = false;      // an initial sync or a full resync (not an incremental pull)
    qint64 items = 0;          // feed entries applied in this run
    qint64 totalItems = -1;    // estimate of the entries this run will apply; -1 while unknown
    qint64 bytes = 0;          // bytes received in this run
    qint64 elapsedMs = 0;
    qint64 remainingMs = -1;   // estimate; -1 while unknown
};

// What one sync run did (the --sync-only summary line, the tests).
struct SyncSummary
{
    qint64 pulled = 0;     // feed entries applied
    qint64 pushed = 0;     // outbox items accepted by the server
    qint64 conflicts = 0;  // outbox items waiting for a merge decision at the end
    qint64 errors = 0;     // outbox items refused (422/404) at the end, plus a failed pull
    bool ok = true;        // pull reached the end of the feed and nothing is left to push that could be pushed
    QString error;         // why not, when !ok
};

// What a pull or a local change touched, for models to update in place.
struct ReplicaChange
{
    QSet<QString> entities;   // wire names: "edition", "document", "schema", "site", …
    QSet<Id> editionIds;
    bool everything = false;  // a resync: reload all
    bool touches(const QString &entity) const { return everything || entities.contains(entity); }
    bool isEmpty() const { return !everything && entities.isEmpty(); }
    void unite(const ReplicaChange &other)
    {
        entities.unite(other.entities);
        editionIds.unite(other.editionIds);
        everything = everything || other.everything;
    }
};

} // namespace Galley

Q_DECLARE_METATYPE(Galley::SyncStatus)
Q_DECLARE_METATYPE(Galley::SyncProgress)
Q_DECLARE_METATYPE(Galley::SyncSummary)
Q_DECLARE_METATYPE(Galley::ReplicaChange)
