#pragma once

#include "domain/result.h"

#include <QString>

namespace Galley::Server {

class ServerStore;

// Loads the foundation's demo workspace (DemoWorkspace, generated into a temporary local
// replica) into the server store in one transaction: accounts, sites, sectors, users with
// their site access, and content schemas, ids kept. Every demo user gets the password
// passwordFor(role), documented in the README ("Demo users"). Seeding a database that
// already has accounts does nothing (seeded() false).
class DemoSeeder
{
public:
    struct Outcome
    {
        bool seeded = false;
        int accounts = 0;
        int users = 0;
        int schemas = 0;
    };

    // "galley-" + the role's wire name, e.g. "galley-editor", "galley-managing_editor".
    static QString passwordFor(const QString &roleWire);

    static Result<Outcome> seed(ServerStore &store);
};

} // namespace Galley::Server
