#pragma once

#include "domain/content.h"
#include "domain/publishing.h"
#include "domain/result.h"
#include "domain/tenancy.h"

#include <QSqlDatabase>
#include <QSqlQuery>

#include <memory>

namespace Galley {

struct WorkspaceInfo;

// Writes rows into the replica, one entity at a time, as "insert or update by id".
// It never opens a transaction itself: the caller wraps a batch (a demo workspace,
// a page of the change feed) in one Transaction so that it lands whole or not at all.
// Prepared statements are cached per writer, so keep one writer for a batch.
class ReplicaWriter
{
    Q_DISABLE_COPY_MOVE(ReplicaWriter)
public:
    explicit ReplicaWriter(QSqlDatabase &db);
    ~ReplicaWriter();

    Status setWorkspace(const WorkspaceInfo &info);
    Status upsert(const Account &a);
    Status upsert(const Site &s);
    Status upsert(const Sector &s);
    Status upsert(const User &u);
    Status upsert(const ContentSchema &s);
    Status upsert(const Document &d);
    Status upsert(const Edition &e);
    Status upsert(const Unpublishing &u);
    Status upsert(const EditorialRemark &r);
    Status upsert(const AuditEntry &a);
    Status upsert(const LinkCheckReport &r);
    Status upsert(const PublishingRecord &p);
    Status upsert(const DeploymentRecord &d);

    // Tombstones from the change feed: removes the row (and what cascades from it).
    Status remove(const QString &table, Id id);

private:
    QSqlQuery &prepared(const char *key, const QString &sql, Status &status);
    Status writeEdition(const Edition &e);

    QSqlDatabase &m_db;
    struct Cache;
    std::unique_ptr<Cache> m_cache;
};

} // namespace Galley
