#include "idempotency.h"

#include "storage/serverstore.h"
#include "storage/servertransaction.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>
#include <QVariant>

#include <cmath>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcIdempotency, "galley.server.idempotency")

namespace Galley::Server {

StoreIdempotency::StoreIdempotency(ServerStore &store) : StoreIdempotency(store, Options {}) { }

StoreIdempotency::StoreIdempotency(ServerStore &store, Options options) : m_store(store), m_options(options) { }

IdempotencyStore::Claim StoreIdempotency::claim(qint64 accountId, const QString &key, const QByteArray &fingerprint)
{
    QSqlDatabase db = m_store.connection();
    QElapsedTimer waited;
    waited.start();
    int pause = 5;
    for (;;) {
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        {
            QSqlQuery insert(db);
            insert.prepare(u"INSERT INTO idempotency_keys (account_id, idempotency_key, method, path, request_hash, created_at) "
                           "VALUES (?, ?, '', '', ?, ?) ON CONFLICT (account_id, idempotency_key) DO NOTHING"_s);
            insert.addBindValue(accountId);
            insert.addBindValue(key);
            insert.addBindValue(QString::fromLatin1(fingerprint));
            insert.addBindValue(now);
            if (!insert.exec()) {
                qCWarning(lcIdempotency).noquote() << "cannot claim a key:" << insert.lastError().text();
                return Claim {};
            }
            if (insert.numRowsAffected() == 1)
                return Claim { Claim::Outcome::Proceed, {} };
        }
        QSqlQuery q(db);
        q.prepare(u"SELECT request_hash, status, response_body, created_at FROM idempotency_keys "
                  "WHERE account_id = ? AND idempotency_key = ?"_s);
        q.addBindValue(accountId);
        q.addBindValue(key);
        if (!q.exec()) {
            qCWarning(lcIdempotency).noquote() << "cannot read a key:" << q.lastError().text();
            return Claim {};
        }
        if (!q.next())
            continue;   // released between our insert and this read: try to claim it again
        if (q.value(0).toString().toLatin1() != fingerprint)
            return Claim { Claim::Outcome::Mismatch, {} };
        if (!q.value(1).isNull())
            return Claim { Claim::Outcome::Replay, Stored { q.value(1).toInt(), q.value(2).toString().toUtf8() } };
        const qint64 createdAt = q.value(3).toLongLong();
        q.finish();
        if (now - createdAt > m_options.staleMs) {
            // Claimed by a request that never finished: take it over.
            QSqlQuery take(db);
            take.prepare(u"UPDATE idempotency_keys SET created_at = ? WHERE account_id = ? AND idempotency_key = ? "
                         "AND status IS NULL AND created_at = ?"_s);
            take.addBindValue(now);
            take.addBindValue(accountId);
            take.addBindValue(key);
            take.addBindValue(createdAt);
            if (take.exec() && take.numRowsAffected() == 1)
                return Claim { Claim::Outcome::Proceed, {} };
            continue;
        }
        if (waited.elapsed() >= m_options.waitMs) {
            qCWarning(lcIdempotency).noquote() << "key" << key << "of account" << accountId << "still in progress after"
                                               << waited.elapsed() << "ms (claimed at" << createdAt << ")";
            return Claim { Claim::Outcome::Busy, {} };
        }
        QThread::msleep(pause);
        pause = std::min(pause * 2, 100);
    }
}

void StoreIdempotency::finish(qint64 accountId, const QString &key, const Stored &answer)
{
    QSqlDatabase db = m_store.connection();
    QSqlQuery q(db);
    q.prepare(u"UPDATE idempotency_keys SET status = ?, response_body = ? WHERE account_id = ? AND idempotency_key = ?"_s);
    q.addBindValue(answer.httpStatus);
    q.addBindValue(QString::fromUtf8(answer.body));
    q.addBindValue(accountId);
    q.addBindValue(key);
    if (!q.exec())
        qCWarning(lcIdempotency).noquote() << "cannot store an answer:" << q.lastError().text();
}

void StoreIdempotency::release(qint64 accountId, const QString &key)
{
    QSqlDatabase db = m_store.connection();
    QSqlQuery q(db);
    q.prepare(u"DELETE FROM idempotency_keys WHERE account_id = ? AND idempotency_key = ? AND status IS NULL"_s);
    q.addBindValue(accountId);
    q.addBindValue(key);
    if (!q.exec())
        qCWarning(lcIdempotency).noquote() << "cannot release a key:" << q.lastError().text();
}

int StoreIdempotency::purge()
{
    QSqlDatabase db = m_store.connection();
    QSqlQuery q(db);
    q.prepare(u"DELETE FROM idempotency_keys WHERE created_at < ?"_s);
    q.addBindValue(QDateTime::currentMSecsSinceEpoch() - m_options.retentionMs);
    if (!q.exec()) {
        qCWarning(lcIdempotency).noquote() << "cannot purge keys:" << q.lastError().text();
        return 0;
    }
    return q.numRowsAffected();
}

TokenBucketLimiter::TokenBucketLimiter(double perSecond, double burst) : m_perSecond(perSecond), m_burst(std::max(burst, 1.0)) { }

int TokenBucketLimiter::admit(const Caller &caller)
{
    if (m_perSecond <= 0)
        return 0;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QMutexLocker lock(&m_mutex);
    auto it = m_buckets.find(caller.userId);
    if (it == m_buckets.end())
        it = m_buckets.insert(caller.userId, Bucket { m_burst, now });
    Bucket &b = *it;
    b.tokens = std::min(m_burst, b.tokens + double(now - b.refilledAt) * m_perSecond / 1000.0);
    b.refilledAt = now;
    if (b.tokens >= 1.0) {
        b.tokens -= 1.0;
        return 0;
    }
    return std::max(1, int(std::ceil((1.0 - b.tokens) / m_perSecond)));
}

} // namespace Galley::Server
