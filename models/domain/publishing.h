#pragma once

#include "enums.h"
#include "tenancy.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>

namespace Galley {

// An edition pushed to one of its site's destinations.
struct PublishingRecord
{
    Id id = 0;
    Id accountId = 0;
    Id siteId = 0;
    Id sectorId = 0;
    Id editionId = 0;
    QString destination;
    PublishingStatus status = PublishingStatus::Pending;
    QString externalUrl;
    QString error;
    QDateTime createdAt;
    QDateTime updatedAt;
};

// A site deployment: the site's live content rendered into an immutable, versioned bundle.
struct DeploymentRecord
{
    Id id = 0;
    Id accountId = 0;
    Id siteId = 0;
    int version = 0;
    DeploymentStatus status = DeploymentStatus::Pending;
    QString url;
    QJsonObject metadata;
    QString log;
    Id startedBy = 0;
    QDateTime createdAt;
    QDateTime finishedAt;
};

} // namespace Galley
