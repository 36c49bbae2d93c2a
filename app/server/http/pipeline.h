#pragma once

#include "apiversion.h"
#include "authenticator.h"
#include "route.h"

#include "domain/result.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>

#include <memory>
#include <optional>

namespace Galley::Server {

// A request as the pipeline sees it: plain values copied off the HTTP layer, so processing can
// run on any thread.
struct PipelineRequest
{
    QString requestId;
    QByteArray method;               // "GET", "POST", … as received
    QByteArray encodedPath;          // percent-encoded, without the query
    QByteArray encodedQuery;         // percent-encoded, without '?'
    QHash<QByteArray, QByteArray> headers; // lower-case names
    QByteArray body;
    QString remoteAddress;           // the peer's address (rate limiting)
};

struct PipelineResponse
{
    int httpStatus = 200;
    QByteArray body;                 // the JSON envelope
    QList<std::pair<QByteArray, QByteArray>> headers; // besides Content-Type and X-Request-Id
    std::optional<Id> accountId;     // the caller's account, for the log
};

// The one request pipeline: route matching, then input validation (query parameters) →
// deserialization (JSON body) → authentication → permission check → query (the handler) →
// serialization (the envelope). Built once at start-up (mount), immutable afterwards, and then
// safe to call from many threads at once. process() never throws and never answers 5xx for
// anything a client sent; only a failing handler becomes 500 internal_error.
class Pipeline
{
public:
    // The Idempotency-Key claimed for the request this thread is running a handler for, so
    // that a write can store its answer inside its own transaction (Write::commit): then a crash
    // can never leave a committed write without its stored answer.
    struct ClaimedKey
    {
        qint64 accountId = 0;
        QString key;
        QString requestId;
        bool answered = false;   // the write stored its answer: nothing left to store
    };
    static const std::optional<ClaimedKey> &claimedKey();
    static void markClaimedKeyAnswered();

    struct Options
    {
        qint64 maxBodyBytes = 1024 * 1024;
    };

    Pipeline(std::shared_ptr<Authenticator> authenticator, Options options);

    // Adds routes under a prefix ("/api/v1"). Start-up errors (a malformed pattern, a route
    // without handler, two routes for one method and path) refuse the whole table.
    Status mount(const QString &prefix, const QList<Route> &routes);

    PipelineResponse process(const PipelineRequest &request) const;

private:
    struct Segment
    {
        QString literal;    // empty: a parameter
        QString param;
        bool isId = true;
    };
    struct Mounted
    {
        QList<Segment> segments;
        QString fullPattern;
        Route route;
    };

    PipelineResponse run(const PipelineRequest &request) const;
    PipelineResponse answer(const ApiError &error, const PipelineRequest &request) const;

    std::shared_ptr<Authenticator> m_authenticator;
    Options m_options;
    QList<Mounted> m_routes;
};

} // namespace Galley::Server
