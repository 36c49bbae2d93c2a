#include "content.h"

#include <algorithm>

namespace Galley {

QString VersionNumber::toString() const
{
    if (!isSet())
        return {};
    return QString::number(major) + u'.' + QString::number(minor);
}

bool LinkCheckReport::hasDanger() const
{
    return count(LinkStatus::Danger) > 0;
}

int LinkCheckReport::count(LinkStatus s) const
{
    return int(std::count_if(links.cbegin(), links.cend(), [s](const LinkCheckItem &l) { return l.status == s; }));
}

} // namespace Galley
