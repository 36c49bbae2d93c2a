#pragma once

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QMutex>
#include <QString>

namespace Galley::Server {

// Login throttling, in memory and per process: after kMaxFailures failed logins for one
// e-mail address from one peer address within kWindowMs, further attempts for that pair are
// refused (429, Retry-After: the seconds until the oldest failure leaves the window) without
// checking the password. A successful login clears the pair. Several server processes each
// keep their own counters, so behind N processes an attacker gets N times the budget; that is
// accepted for now. Thread-safe.
class LoginRateLimiter
{
public:
    static constexpr int kMaxFailures = 10;
    static constexpr qint64 kWindowMs = 60 * 1000;

    // 0: the attempt may go ahead; otherwise the seconds to wait.
    int retryAfterSeconds(const QString &email, const QString &peer, qint64 nowMs);
    void recordFailure(const QString &email, const QString &peer, qint64 nowMs);
    void recordSuccess(const QString &email, const QString &peer);

private:
    static QString key(const QString &email, const QString &peer);
    void prune(QList<qint64> &failures, qint64 nowMs) const;

    QMutex m_mutex;
    QHash<QString, QList<qint64>> m_failures;   // key → failure times (ms), oldest first
};

} // namespace Galley::Server
