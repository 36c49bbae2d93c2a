#pragma once

#include "domain/content.h"
#include "domain/publishing.h"
#include "domain/result.h"
#include "domain/tenancy.h"

#include <QHash>
#include <QList>
#include <QSqlDatabase>

#include <optional>
#include <variant>

namespace Galley {

// What the workspace says about itself (title bar, status bar).
struct WorkspaceInfo
{
    QString name;
    QString kind;   // local, demo, server
    QString serverUrl;
};

struct SchemaSummary
{
    ContentSchema schema;
    qint64 documentCount = 0;
};

struct DeploymentRow
{
    DeploymentRecord record;
    QString siteName;
};

// One entry of a document's timeline: a state change or a remark, across all editions.
struct HistoryEntry
{
    QDateTime at;
    Id editionId = 0;
    VersionNumber editionVersion;
    QString userName;
    std::variant<AuditEntry, EditorialRemark> item;
};

// Everything the detail pane shows for one edition.
struct EditionDetail
{
    Edition edition;
    Document document;
    QString siteName;
    QString sectorName;
    QString schemaName;
    QString createdByName;
    std::optional<Unpublishing> unpublishing;
    std::optional<LinkCheckReport> linkCheck;
    QList<PublishingRecord> publishing;
    QList<HistoryEntry> history;   // newest first
    int editionCount = 0;          // of the document
};

// Read queries over the replica. Each takes the connection of the thread it runs on
// (normally a StoreWorker's) and returns a Result; none of them is meant for the GUI thread.
class ReplicaReader
{
public:
    static Result<WorkspaceInfo> workspace(QSqlDatabase &db);
    static Result<QList<Account>> accounts(QSqlDatabase &db);
    static Result<QList<Site>> sites(QSqlDatabase &db, Id accountId);
    static Result<QList<Sector>> sectors(QSqlDatabase &db, Id siteId);
    static Result<QList<User>> users(QSqlDatabase &db, Id accountId);

    // Schemas of an account (every account when 0), ordered by name.
    static Result<QList<SchemaSummary>> schemas(QSqlDatabase &db, Id accountId);
    static Result<ContentSchema> schema(QSqlDatabase &db, Id schemaId);
    // How many documents of the workspace use a schema.
    static Result<qint64> schemaUseCount(QSqlDatabase &db, Id schemaId);

    // Editions (every state but deleted) per account, per site of the account parentId,
    // or per sector of the site parentId. An aggregate over up to every edition: meant
    // for a background lane.
    enum class CountLevel { Accounts, SitesOfAccount, SectorsOfSite };
    static Result<QHash<Id, qint64>> editionCounts(QSqlDatabase &db, CountLevel level, Id parentId = 0);

    static Result<EditionDetail> editionDetail(QSqlDatabase &db, Id editionId);
    // One edition with its fields, nothing around it.
    static Result<Edition> edition(QSqlDatabase &db, Id editionId);

    // For a server workspace, its server's address and the signed-in user's e-mail address;
    // two empty strings for any other workspace.
    static Result<std::pair<QString, QString>> serverConnection(QSqlDatabase &db);
    // The signed-in user's role in a server workspace; nullopt for any other workspace.
    static Result<std::optional<Role>> signedInRole(QSqlDatabase &db);

    // Deployments in scope, newest first, after (createdMs, id) when given.
    static Result<QList<DeploymentRow>> deployments(QSqlDatabase &db, const Scope &scope,
                                                    std::optional<std::pair<qint64, Id>> after, int limit);
    static Result<qint64> deploymentCount(QSqlDatabase &db, const Scope &scope);
};

} // namespace Galley
