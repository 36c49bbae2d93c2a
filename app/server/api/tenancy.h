#pragma once

#include "entities.h"

#include "http/caller.h"
#include "http/routeservices.h"

#include <QList>
#include <QString>

#include <optional>

namespace Galley::Server {

class ServerStore;

// The one place where a caller's tenancy becomes SQL: their account, and the sites they may see
// when they are limited to some. Every list query and every feed read takes its condition from
// here; path ids are checked by StoreResourceGuard before a handler runs.
class TenancyScope
{
public:
    explicit TenancyScope(const Caller &caller);

    qint64 accountId() const { return m_accountId; }
    // nullopt: every site of the account.
    const std::optional<QList<qint64>> &visibleSites() const { return m_sites; }
    bool seesSite(qint64 siteId) const;

    // "<alias>.account_id = N AND <site> IN (…)" for the entity (numbers only, never client
    // text). Rows of account-wide entities (schemas, users) only need the account.
    QString condition(const Entity &entity) const;

private:
    qint64 m_accountId;
    std::optional<QList<qint64>> m_sites;
};

// Decides path ids for the pipeline: "{edition}" → the edition must exist in the caller's
// account and belong to a site they may see.
class StoreResourceGuard : public ResourceGuard
{
public:
    explicit StoreResourceGuard(ServerStore &store) : m_store(store) { }

    bool knows(const QString &resource) const override;
    bool visible(const Caller &caller, const QString &resource, qint64 id) override;

private:
    ServerStore &m_store;
};

} // namespace Galley::Server
