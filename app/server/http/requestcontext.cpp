#include "requestcontext.h"

namespace Galley::Server {

Id RequestContext::pathId(const QString &name) const
{
    return pathParams.value(name).toLongLong();
}

QString RequestContext::pathString(const QString &name) const
{
    return pathParams.value(name).toString();
}

std::optional<qint64> RequestContext::queryInt(const QString &name) const
{
    const auto it = query.constFind(name);
    return it == query.cend() ? std::nullopt : std::optional<qint64>(it->toLongLong());
}

std::optional<QString> RequestContext::queryString(const QString &name) const
{
    const auto it = query.constFind(name);
    return it == query.cend() ? std::nullopt : std::optional<QString>(it->toString());
}

std::optional<bool> RequestContext::queryBool(const QString &name) const
{
    const auto it = query.constFind(name);
    return it == query.cend() ? std::nullopt : std::optional<bool>(it->toBool());
}

} // namespace Galley::Server
