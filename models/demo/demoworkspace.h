#pragma once

#include "domain/result.h"

#include <QSqlDatabase>
#include <QDateTime>
#include <QList>
#include <QString>

#include <functional>
#include <utility>

namespace Galley {

// Builds a realistic, deterministic demo workspace in a local store: two accounts
// (a news publisher and a listed company), about six sites with two to five sectors
// each, a dozen content schemas (Draft 7 and 2020-12), documents whose editions cover
// every workflow state with plausible audit trails, remarks and link checks, and
// publishing records and deployments in every status. The same seed gives the same
// rows, byte for byte; `editions` scales it for benchmarks.
class DemoWorkspace
{
public:
    struct Options
    {
        quint32 seed = 20261122;
        int editions = 0;          // 0: the hand-sized demo (~300 documents)
        QString name = QStringLiteral("Demo workspace");
        // The workspace's "today": creation, update, publishing and scheduled times are
        // spread around it. Invalid means 2026-11-20 09:00 UTC, so that output is
        // byte-identical across runs; the application passes the current time.
        QDateTime now;
        // Called now and then with (done, total) editions; may be empty.
        std::function<void(qint64, qint64)> progress;
    };

    // Writes the workspace into db (which must be migrated and empty), in batches
    // of transactions; on error nothing of the failing batch remains.
    static Status generate(QSqlDatabase &db, const Options &options);
    static Status generate(QSqlDatabase &db) { return generate(db, Options {}); }

    // The demo's content schemas as written (hand-formatted JSON text), by name, in the order
    // they are generated: for tests and benchmarks that want real schemas without a workspace.
    static QList<std::pair<QString, QString>> schemaSources();
};

} // namespace Galley
