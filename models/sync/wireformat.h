#pragma once

#include "domain/content.h"
#include "domain/publishing.h"
#include "domain/result.h"
#include "domain/tenancy.h"

#include <QJsonObject>
#include <QString>

namespace Galley {

class ReplicaWriter;

// The server's wire JSON (api.md; app/server/api/entities.cpp) and the replica's rows. Feed
// entries, write answers and 409 copies all carry the same objects, so one mapping serves all.
class WireFormat
{
public:
    // The replica table an entity's rows live in; empty for entities the replica does not keep.
    static QString tableOf(const QString &entity);
    static bool isReplicated(const QString &entity) { return !tableOf(entity).isEmpty(); }

    // Writes one object into the replica (insert or update by id). accountId: the workspace's.
    static Status apply(ReplicaWriter &writer, const QString &entity, const QJsonObject &object, Id accountId);
    static Status remove(ReplicaWriter &writer, const QString &entity, Id id);

    static QDateTime time(const QJsonValue &v);   // ISO 8601 with "Z" or an offset; invalid for null
    static QJsonValue time(const QDateTime &t);   // null for invalid

    static Edition edition(const QJsonObject &o, Id accountId);
    static ContentSchema schema(const QJsonObject &o, Id accountId);
    static Document document(const QJsonObject &o, Id accountId);
    static QJsonObject toWire(const Edition &e);
    static QJsonObject toWire(const ContentSchema &s);
};

} // namespace Galley
