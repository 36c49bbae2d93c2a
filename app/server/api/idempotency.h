#pragma once

#include "http/routeservices.h"

#include <QHash>
#include <QMutex>

namespace Galley::Server {

class ServerStore;

// Idempotency keys in the idempotency_keys table, per account. The first request inserts the
// key with no answer yet (the primary key makes exactly one insert win, across threads and
// server processes); a duplicate arriving meanwhile polls until the answer is stored (up to
// waitMs, then 409 idempotency_in_progress). A key claimed by a request that never finished —
// the server died — is reclaimed after staleMs. Answers are kept for retentionMs.
//
// A write stores its answer inside its own transaction (Write::commit, through
// Pipeline::claimedKey), so a committed write always has its answer; finish() stores it again
// for answers that wrote nothing (validation errors, 404s). A key whose request died before
// committing is reclaimed after staleMs and runs again — correctly, since nothing was applied.
class StoreIdempotency : public IdempotencyStore
{
public:
    struct Options
    {
        int waitMs = 30000;
        qint64 staleMs = 120000;
        qint64 retentionMs = qint64(24) * 3600 * 1000;
    };

    explicit StoreIdempotency(ServerStore &store);
    StoreIdempotency(ServerStore &store, Options options);

    Claim claim(qint64 accountId, const QString &key, const QByteArray &fingerprint) override;
    void finish(qint64 accountId, const QString &key, const Stored &answer) override;
    void release(qint64 accountId, const QString &key) override;

    // Deletes answers older than the retention; returns how many.
    int purge();

private:
    ServerStore &m_store;
    Options m_options;
};

// A token bucket per user: `perSecond` writes sustained, `burst` at once. perSecond 0: no limit.
class TokenBucketLimiter : public WriteLimiter
{
public:
    TokenBucketLimiter(double perSecond, double burst);
    int admit(const Caller &caller) override;

private:
    struct Bucket
    {
        double tokens = 0;
        qint64 refilledAt = 0;
    };
    double m_perSecond;
    double m_burst;
    QMutex m_mutex;
    QHash<qint64, Bucket> m_buckets;
};

} // namespace Galley::Server
