#include "permissions.h"

#include <array>

using namespace Qt::StringLiterals;

namespace Galley {

bool roleHas(Role role, Permission permission)
{
    switch (permission) {
    case Permission::Public:
    case Permission::Read:
        return true;
    case Permission::WriteContent:
        return role != Role::Viewer;
    case Permission::Review:
        return role == Role::Editor || role == Role::ManagingEditor || role == Role::Admin;
    case Permission::Manage:
        return role == Role::ManagingEditor || role == Role::Admin;
    case Permission::SaveSchema:
        return role == Role::SchemaDesigner || role == Role::Admin;
    case Permission::Administer:
        return role == Role::Admin;
    }
    return false;
}

QString toWire(Permission p)
{
    switch (p) {
    case Permission::Public: return u"public"_s;
    case Permission::Read: return u"content.read"_s;
    case Permission::WriteContent: return u"content.write"_s;
    case Permission::Review: return u"content.review"_s;
    case Permission::Manage: return u"content.manage"_s;
    case Permission::SaveSchema: return u"schema.save"_s;
    case Permission::Administer: return u"admin"_s;
    }
    return {};
}

std::span<const Permission> allPermissions()
{
    static constexpr std::array values { Permission::Public,     Permission::Read,   Permission::WriteContent,
                                         Permission::Review,     Permission::Manage, Permission::SaveSchema,
                                         Permission::Administer };
    return values;
}

} // namespace Galley
