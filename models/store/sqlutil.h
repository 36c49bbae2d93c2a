#pragma once

#include "domain/result.h"

#include <QDateTime>
#include <QTimeZone>
#include <QSqlQuery>
#include <QVariant>

namespace Galley {

// An Error from a failed query, with a stable code of the caller's choosing.
Error sqlError(const QSqlQuery &q, const char *code);

// Timestamps are stored as UTC milliseconds since the epoch (NULL for none).
inline QVariant toDb(const QDateTime &t)
{
    return t.isValid() ? QVariant(t.toMSecsSinceEpoch()) : QVariant(QMetaType::fromType<qint64>());
}

inline QDateTime dateFromDb(const QVariant &v)
{
    return v.isNull() ? QDateTime() : QDateTime::fromMSecsSinceEpoch(v.toLongLong(), QTimeZone::UTC);
}

} // namespace Galley
