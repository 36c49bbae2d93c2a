#pragma once

#include "domain/tenancy.h"

#include <QJsonObject>

namespace Galley::Server {

// Where committed writes announce themselves: {"type":"feed","seq":N} after a change-feed
// append, later job and deployment status. Implementations deliver the event to every
// connected /events client of the account, in this process and (PostgreSQL) in every other
// server process sharing the database. Thread-safe: handlers call it from worker threads,
// after their transaction committed.
class EventSink
{
public:
    virtual ~EventSink() = default;
    virtual void publish(Id accountId, const QJsonObject &event) = 0;
};

} // namespace Galley::Server
