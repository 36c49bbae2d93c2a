#pragma once

#include "domain/result.h"

#include <QSqlDatabase>
#include <QString>
#include <QStringList>

#include <span>

namespace Galley {

// One numbered step of the local database schema. Steps run in order, each in
// its own transaction together with the bump of PRAGMA user_version, so a
// database is always at exactly one known version.
struct Migration
{
    int version;
    const char *description;
    QStringList statements;
};

class Migrations
{
public:
    // Every step, in order; the last one's version is the current schema version.
    static std::span<const Migration> all();
    static int latestVersion();

    // The schema version of an open database (0 for an empty one).
    static int versionOf(const QSqlDatabase &db);

    // Brings db up to targetVersion (default: the latest). A database newer than this
    // build knows is refused rather than touched.
    static Status upgrade(QSqlDatabase &db, int targetVersion = -1);
};

} // namespace Galley
