#pragma once

#include "schemavalidator.h"

#include <QByteArray>
#include <QList>
#include <QMutex>
#include <QWaitCondition>

#include <optional>

namespace Galley {

// Compiled validators of content schemas, keyed by (schema id, lock version): compiling a
// schema takes milliseconds, validating an instance microseconds, so every editor, form and
// bulk check of the same schema version shares one compiled copy. A small least-recently-used
// set; safe to use from any thread. A miss compiles outside the lock, and a second thread asking
// for the same key meanwhile waits for that compilation instead of repeating it.
//
// The text is part of the key's check: a schema saved offline keeps its lock version until the
// server answers, so an entry compiled from other text is replaced, never returned.
class SchemaValidatorCache
{
    Q_DISABLE_COPY_MOVE(SchemaValidatorCache)
public:
    explicit SchemaValidatorCache(qsizetype capacity = 16);

    // The validator of (schemaId, lockVersion) compiled from specJson; compiles on a miss.
    SchemaValidator validator(qint64 schemaId, qint64 lockVersion, const QByteArray &specJson);
    // The cached validator, if there is one (it does not count as a use).
    std::optional<SchemaValidator> find(qint64 schemaId, qint64 lockVersion) const;

    // Forgets every version of a schema (deleted or replaced for good).
    void remove(qint64 schemaId);
    void clear();
    qsizetype size() const;
    qsizetype capacity() const { return m_capacity; }

    struct Statistics
    {
        qint64 hits = 0;
        qint64 misses = 0;        // compilations
        qint64 evictions = 0;
    };
    Statistics statistics() const;

    // The process-wide cache (the desktop's editors, forms and impact checks).
    static SchemaValidatorCache &shared();

private:
    struct Entry
    {
        qint64 schemaId = 0;
        qint64 lockVersion = 0;
        size_t specHash = 0;
        qsizetype specSize = 0;
        SchemaValidator validator;
        quint64 lastUse = 0;
    };
    struct Key
    {
        qint64 schemaId;
        qint64 lockVersion;
        friend bool operator==(const Key &, const Key &) = default;
    };

    qsizetype indexOf(qint64 schemaId, qint64 lockVersion) const;

    const qsizetype m_capacity;
    mutable QMutex m_mutex;
    QWaitCondition m_compiled;
    QList<Entry> m_entries;
    QList<Key> m_compiling;
    quint64 m_clock = 0;
    Statistics m_statistics;
};

} // namespace Galley
