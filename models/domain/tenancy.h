#pragma once

#include "enums.h"

#include <QDateTime>
#include <QList>
#include <QString>

namespace Galley {

using Id = qint64;

// A tenant. Everything a user can see belongs to exactly one account.
struct Account
{
    Id id = 0;
    QString name;
    QString slug;
    QDateTime createdAt;
};

// A publication of an account (a web site, an intranet, an app).
struct Site
{
    Id id = 0;
    Id accountId = 0;
    QString name;
    QString domain;
    QDateTime createdAt;
};

// A section of a site ("Politics", "Investor relations"). Belongs to exactly one site.
struct Sector
{
    Id id = 0;
    Id accountId = 0;
    Id siteId = 0;
    QString name;
};

// A person with one role in one account, possibly limited to some sites.
struct User
{
    Id id = 0;
    Id accountId = 0;
    QString email;
    QString name;
    Role role = Role::Viewer;
    bool allSites = true;       // false: only siteIds
    QList<Id> siteIds;
};

// Which part of the tenant tree the user is looking at. A zero id means "all".
struct Scope
{
    Id accountId = 0;
    Id siteId = 0;
    Id sectorId = 0;

    friend bool operator==(const Scope &, const Scope &) = default;
};

} // namespace Galley
