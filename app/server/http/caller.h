#pragma once

#include "domain/enums.h"
#include "domain/tenancy.h"

#include <QList>

namespace Galley::Server {

// The authenticated user a request runs for: who, in which account, with which role and sites.
struct Caller
{
    Id userId = 0;
    Id accountId = 0;
    Role role = Role::Viewer;
    bool allSites = true;   // false: only siteIds
    QList<Id> siteIds;
};

} // namespace Galley::Server
