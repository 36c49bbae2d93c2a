#include "loginratelimiter.h"

#include <QMutexLocker>

namespace Galley::Server {

QString LoginRateLimiter::key(const QString &email, const QString &peer)
{
    return email.trimmed().toLower() + QLatin1Char('\n') + peer;
}

void LoginRateLimiter::prune(QList<qint64> &failures, qint64 nowMs) const
{
    while (!failures.isEmpty() && failures.constFirst() <= nowMs - kWindowMs)
        failures.removeFirst();
}

int LoginRateLimiter::retryAfterSeconds(const QString &email, const QString &peer, qint64 nowMs)
{
    QMutexLocker locker(&m_mutex);
    auto it = m_failures.find(key(email, peer));
    if (it == m_failures.end())
        return 0;
    prune(*it, nowMs);
    if (it->isEmpty()) {
        m_failures.erase(it);
        return 0;
    }
    if (it->size() < kMaxFailures)
        return 0;
    const qint64 waitMs = it->constFirst() + kWindowMs - nowMs;
    return int(qMax<qint64>(1, (waitMs + 999) / 1000));
}

void LoginRateLimiter::recordFailure(const QString &email, const QString &peer, qint64 nowMs)
{
    QMutexLocker locker(&m_mutex);
    QList<qint64> &failures = m_failures[key(email, peer)];
    prune(failures, nowMs);
    failures.append(nowMs);
    // Keep memory bounded per key: only the newest kMaxFailures matter.
    while (failures.size() > kMaxFailures)
        failures.removeFirst();
    // And bounded overall: an attacker cycling e-mail addresses cannot grow the table forever.
    if (m_failures.size() > 100000) {
        for (auto i = m_failures.begin(); i != m_failures.end();) {
            prune(*i, nowMs);
            i = i->isEmpty() ? m_failures.erase(i) : std::next(i);
        }
    }
}

void LoginRateLimiter::recordSuccess(const QString &email, const QString &peer)
{
    QMutexLocker locker(&m_mutex);
    m_failures.remove(key(email, peer));
}

} // namespace Galley::Server
