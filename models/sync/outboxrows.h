#pragma once

#include "domain/result.h"
#include "sync/outbox.h"

#include <QSqlQuery>

namespace Galley {

// The outbox table's columns and rows, shared by the reader and the sync store.
namespace OutboxRows {
extern const QString columns;   // "id, account_id, …" in the order read() expects
OutboxItem read(const QSqlQuery &row);
Result<OutboxItem> load(QSqlDatabase &db, qint64 id);
} // namespace OutboxRows

} // namespace Galley
