#pragma once

#include "domain/result.h"

#include <QList>
#include <QString>

#include <utility>

namespace Galley::Server {

class ServerStore;

// Loads the foundation's demo workspace (DemoWorkspace, generated into a temporary local
// replica) into the server store in one transaction, ids kept: accounts, sites, sectors, users
// with their site access, content schemas, documents (with their latest and live editions),
// editions, audit entries, editorial remarks, unpublishings, link checks, destinations,
// publishing records and deployments. Then every seeded object gets its change-feed entry (the
// JSON Entity gives it, with its site), so that a client syncing from seq 0 receives the whole
// workspace. Every demo user gets the password passwordFor(role), documented in the README
// ("Demo users"). Seeding a database that already has accounts does nothing (seeded() false).
//
// Where the replica lacks what the server stores, the seeder derives it from the replica:
// audit events from the state change, destinations from the names publishing records carry,
// an unpublishing's author from its audit entry, a document's latest and live edition from its
// editions (see demoseeder.cpp).
class DemoSeeder
{
public:
    struct Options
    {
        // 0: the hand-sized demo (~300 documents); otherwise about this many editions in all
        // (DemoWorkspace::Options::editions), for benchmarks.
        int editions = 0;
    };

    struct Outcome
    {
        bool seeded = false;
        int accounts = 0;
        int users = 0;
        int schemas = 0;
        qint64 documents = 0;
        qint64 editions = 0;
        qint64 changes = 0;                        // change-feed entries appended
        QList<std::pair<QString, qint64>> tables;  // rows seeded per server table, in seeding order
        // Where the time went, in milliseconds.
        qint64 generateMs = 0;   // the demo workspace into the temporary replica
        qint64 copyMs = 0;       // replica → server tables
        qint64 feedMs = 0;       // change-feed entries
        qint64 totalMs = 0;      // all of it, commit included
    };

    // "galley-" + the role's wire name, e.g. "galley-editor", "galley-managing_editor".
    static QString passwordFor(const QString &roleWire);

    static Result<Outcome> seed(ServerStore &store, const Options &options);
    static Result<Outcome> seed(ServerStore &store) { return seed(store, Options {}); }
};

} // namespace Galley::Server
