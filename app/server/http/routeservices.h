#pragma once

#include "caller.h"

#include <QByteArray>
#include <QString>

#include <memory>
#include <optional>

namespace Galley::Server {

// Tenancy for path ids, decided in one place: a route's "{name}" id segment names the resource
// it refers to ("/editions/{edition}/remarks"), and before any handler runs the pipeline asks
// the guard whether the caller may see that object. Anything the caller may not see — another
// account's object, a site they have no access to, an id that does not exist — is the same 404.
// Thread-safe: called from the pipeline's worker threads.
class ResourceGuard
{
public:
    virtual ~ResourceGuard() = default;
    // Whether the guard can scope this resource name; mounting a route with an id segment the
    // guard does not know is a start-up error.
    virtual bool knows(const QString &resource) const = 0;
    virtual bool visible(const Caller &caller, const QString &resource, qint64 id) = 0;
};

// The stored first answers of writes sent with an Idempotency-Key (api.md). Thread-safe.
class IdempotencyStore
{
public:
    struct Stored
    {
        int httpStatus = 0;
        QByteArray body;
    };
    struct Claim
    {
        enum class Outcome {
            Proceed,    // first time: run the request, then finish() or release()
            Replay,     // answered before: return `stored`
            Mismatch,   // the key was used for a different request
            Busy,       // a request with this key is still running after waiting for it
            Failed,     // the store failed
        };
        Outcome outcome = Outcome::Failed;
        Stored stored;
    };

    virtual ~IdempotencyStore() = default;
    // `fingerprint` identifies the request (method, path and body); a duplicate arriving while
    // the first is still running waits for its answer.
    virtual Claim claim(qint64 accountId, const QString &key, const QByteArray &fingerprint) = 0;
    virtual void finish(qint64 accountId, const QString &key, const Stored &answer) = 0;
    // The request failed on the server's side (5xx): forget the key so a retry runs again.
    virtual void release(qint64 accountId, const QString &key) = 0;
};

// Throttles writes per user. Thread-safe. Returns 0 when the write may go ahead, otherwise the
// number of seconds to wait (the 429's Retry-After).
class WriteLimiter
{
public:
    virtual ~WriteLimiter() = default;
    virtual int admit(const Caller &caller) = 0;
};

// What an API version's routes share besides the pipeline: set on the ApiVersion, stamped on
// every route it adds.
struct RouteServices
{
    std::shared_ptr<ResourceGuard> guard;
    std::shared_ptr<IdempotencyStore> idempotency;
    std::shared_ptr<WriteLimiter> writeLimiter;
};

} // namespace Galley::Server
