#include "schemavalidatorcache.h"

#include <QHashFunctions>

#include <algorithm>

namespace Galley {

SchemaValidatorCache::SchemaValidatorCache(qsizetype capacity) : m_capacity(std::max<qsizetype>(capacity, 1)) { }

qsizetype SchemaValidatorCache::indexOf(qint64 schemaId, qint64 lockVersion) const
{
    for (qsizetype i = 0; i < m_entries.size(); ++i) {
        if (m_entries.at(i).schemaId == schemaId && m_entries.at(i).lockVersion == lockVersion)
            return i;
    }
    return -1;
}

SchemaValidator SchemaValidatorCache::validator(qint64 schemaId, qint64 lockVersion, const QByteArray &specJson)
{
    const size_t hash = qHash(specJson, 0);
    const Key key { schemaId, lockVersion };
    {
        QMutexLocker lock(&m_mutex);
        for (;;) {
            if (const qsizetype i = indexOf(schemaId, lockVersion); i >= 0) {
                Entry &e = m_entries[i];
                if (e.specHash == hash && e.specSize == specJson.size()) {
                    e.lastUse = ++m_clock;
                    ++m_statistics.hits;
                    return e.validator;
                }
                m_entries.removeAt(i);   // compiled from other text
            }
            if (!m_compiling.contains(key))
                break;
            m_compiled.wait(&m_mutex);
        }
        m_compiling.append(key);
        ++m_statistics.misses;
    }

    SchemaValidator compiled(specJson);

    QMutexLocker lock(&m_mutex);
    m_compiling.removeOne(key);
    if (const qsizetype i = indexOf(schemaId, lockVersion); i >= 0)
        m_entries.removeAt(i);
    if (m_entries.size() >= m_capacity) {
        const auto oldest = std::min_element(m_entries.cbegin(), m_entries.cend(),
                                             [](const Entry &a, const Entry &b) { return a.lastUse < b.lastUse; });
        m_entries.erase(oldest);
        ++m_statistics.evictions;
    }
    m_entries.append(Entry { schemaId, lockVersion, hash, specJson.size(), compiled, ++m_clock });
    m_compiled.wakeAll();
    return compiled;
}

std::optional<SchemaValidator> SchemaValidatorCache::find(qint64 schemaId, qint64 lockVersion) const
{
    QMutexLocker lock(&m_mutex);
    const qsizetype i = indexOf(schemaId, lockVersion);
    if (i < 0)
        return std::nullopt;
    return m_entries.at(i).validator;
}

void SchemaValidatorCache::remove(qint64 schemaId)
{
    QMutexLocker lock(&m_mutex);
    m_entries.removeIf([schemaId](const Entry &e) { return e.schemaId == schemaId; });
}

void SchemaValidatorCache::clear()
{
    QMutexLocker lock(&m_mutex);
    m_entries.clear();
}

qsizetype SchemaValidatorCache::size() const
{
    QMutexLocker lock(&m_mutex);
    return m_entries.size();
}

SchemaValidatorCache::Statistics SchemaValidatorCache::statistics() const
{
    QMutexLocker lock(&m_mutex);
    return m_statistics;
}

SchemaValidatorCache &SchemaValidatorCache::shared()
{
    static SchemaValidatorCache cache;
    return cache;
}

} // namespace Galley
