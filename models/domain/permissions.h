#pragma once

#include "enums.h"

#include <QString>

#include <span>

namespace Galley {

// What a request needs, grouped as api.md's role table groups it. Every server route declares
// exactly one; roleHas() is the single place that maps roles to them.
enum class Permission {
    Public,         // no authentication at all: login and GET /api only
    Read,           // read what the account (and the user's sites) contains
    WriteContent,   // create/edit documents and drafts, submit, unschedule, delete drafts, remarks, link checks
    Review,         // reject, publish, schedule, force, approve retrospectively, publish to destinations
    Manage,         // unpublish, withdraw, unwithdraw, start and roll back deployments
    SaveSchema,     // schema.save: create, change and delete content schemas
    Administer,     // users and site access
};

// True when a user with this role may do what the permission guards (api.md's table:
// viewer < writer < editor < managing_editor; schema_designer = writer + schema.save; admin = all).
bool roleHas(Role role, Permission permission);

// Stable names for logs and error messages ("content.write", "schema.save", …).
QString toWire(Permission p);

std::span<const Permission> allPermissions();

} // namespace Galley
