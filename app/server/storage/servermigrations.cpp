#include "servermigrations.h"

#include "servertransaction.h"
#include "sqldialect.h"

#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace Galley::Server {

namespace {

// Version 1: tenancy, users and credentials, content, publishing, idempotency, the
// change feed and jobs. Conventions: ids are {id}; timestamps BIGINT UTC ms; every
// tenant row carries account_id, and composite foreign keys over (id, account_id)
// make a row's parent belong to the same account (a sector to its site and the
// site's account, a document to its site, sector and the account's schema).
const char *const kVersion1[] = {
    R"(CREATE TABLE accounts (
        id {id},
        name TEXT NOT NULL,
        slug TEXT NOT NULL UNIQUE,
        created_at BIGINT NOT NULL
    ))",
    R"(CREATE TABLE sites (
        id {id},
        account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        domain TEXT NOT NULL DEFAULT '',
        created_at BIGINT NOT NULL,
        UNIQUE (id, account_id)
    ))",
    "CREATE INDEX sites_account ON sites(account_id, lower(name), id)",
    R"(CREATE TABLE sectors (
        id {id},
        account_id BIGINT NOT NULL,
        site_id BIGINT NOT NULL,
        name TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        UNIQUE (id, site_id),
        UNIQUE (id, account_id),
        FOREIGN KEY (site_id, account_id) REFERENCES sites(id, account_id) ON DELETE CASCADE
    ))",
    "CREATE INDEX sectors_site ON sectors(site_id, lower(name), id)",
    "CREATE INDEX sectors_account ON sectors(account_id)",
    R"(CREATE TABLE users (
        id {id},
        account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        email TEXT NOT NULL,
        name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('viewer','writer','editor','managing_editor','schema_designer','admin')),
        all_sites {bool} NOT NULL DEFAULT {true},
        password_hash TEXT NOT NULL DEFAULT '',
        password_salt TEXT NOT NULL DEFAULT '',
        password_iterations INTEGER NOT NULL DEFAULT 0,
        disabled {bool} NOT NULL DEFAULT {false},
        created_at BIGINT NOT NULL,
        updated_at BIGINT NOT NULL,
        UNIQUE (id, account_id)
    ))",
    // E-mail addresses are unique per account, whatever their case.
    "CREATE UNIQUE INDEX users_email ON users(account_id, lower(email))",
    // Login looks a user up by e-mail alone (then checks the password).
    "CREATE INDEX users_login ON users(lower(email))",
    R"(CREATE TABLE user_sites (
        user_id BIGINT NOT NULL,
        site_id BIGINT NOT NULL,
        account_id BIGINT NOT NULL,
        PRIMARY KEY (user_id, site_id),
        FOREIGN KEY (user_id, account_id) REFERENCES users(id, account_id) ON DELETE CASCADE,
        FOREIGN KEY (site_id, account_id) REFERENCES sites(id, account_id) ON DELETE CASCADE
    ))",
    "CREATE INDEX user_sites_site ON user_sites(site_id)",
    R"(CREATE TABLE auth_tokens (
        id {id},
        token_hash TEXT NOT NULL UNIQUE,
        user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('access','refresh')),
        expires_at BIGINT NOT NULL,
        created_at BIGINT NOT NULL
    ))",
    "CREATE INDEX auth_tokens_user ON auth_tokens(user_id)",
    "CREATE INDEX auth_tokens_expiry ON auth_tokens(expires_at)",
    R"(CREATE TABLE content_schemas (
        id {id},
        account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        description TEXT NOT NULL DEFAULT '',
        dialect TEXT NOT NULL CHECK (dialect IN ('draft-07','2020-12')),
        spec_doc {json} NOT NULL,
        auth_policy TEXT NOT NULL DEFAULT 'writer',
        lock_version BIGINT NOT NULL DEFAULT 1,
        created_by BIGINT REFERENCES users(id) ON DELETE SET NULL,
        created_at BIGINT NOT NULL,
        updated_at BIGINT NOT NULL,
        UNIQUE (id, account_id)
    ))",
    // GET /schemas?q_name= orders by name, case-insensitively, within the account.
    "CREATE INDEX content_schemas_name ON content_schemas(account_id, lower(name), id)",
    // latest_edition_id/latest_state are maintained by the writers so that the
    // document list can filter by state and page by id without a subquery.
    R"(CREATE TABLE documents (
        id {id},
        account_id BIGINT NOT NULL,
        site_id BIGINT NOT NULL,
        sector_id BIGINT NOT NULL,
        schema_id BIGINT NOT NULL,
        slug TEXT NOT NULL,
        latest_edition_id BIGINT,
        live_edition_id BIGINT,
        latest_state TEXT,
        created_by BIGINT REFERENCES users(id) ON DELETE SET NULL,
        created_at BIGINT NOT NULL,
        updated_at BIGINT NOT NULL,
        UNIQUE (id, account_id),
        FOREIGN KEY (site_id, account_id) REFERENCES sites(id, account_id) ON DELETE CASCADE,
        FOREIGN KEY (sector_id, site_id) REFERENCES sectors(id, site_id) ON DELETE CASCADE,
        FOREIGN KEY (schema_id, account_id) REFERENCES content_schemas(id, account_id)
    ))",
    "CREATE INDEX documents_site ON documents(site_id, id)",
    "CREATE INDEX documents_site_state ON documents(site_id, latest_state, id)",
    "CREATE INDEX documents_sector ON documents(sector_id, id)",
    "CREATE INDEX documents_schema ON documents(schema_id, id)",
    "CREATE INDEX documents_account ON documents(account_id, id)",
    "CREATE INDEX documents_account_state ON documents(account_id, latest_state, id)",
    "CREATE INDEX documents_slug ON documents(site_id, slug)",
    R"(CREATE TABLE editions (
        id {id},
        account_id BIGINT NOT NULL,
        document_id BIGINT NOT NULL,
        title TEXT NOT NULL DEFAULT '',
        fields {json} NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('draft','submitted','rejected','scheduled','published',
                                             'withdrawn','unpublished','superseded','deleted')),
        change_note TEXT NOT NULL DEFAULT '',
        minor_change {bool} NOT NULL DEFAULT {false},
        force_published {bool} NOT NULL DEFAULT {false},
        major_version INTEGER,
        minor_version INTEGER,
        scheduled_publication BIGINT,
        first_published_at BIGINT,
        major_change_published_at BIGINT,
        lock_version BIGINT NOT NULL DEFAULT 1,
        created_by BIGINT REFERENCES users(id) ON DELETE SET NULL,
        created_at BIGINT NOT NULL,
        updated_at BIGINT NOT NULL,
        UNIQUE (id, account_id),
        FOREIGN KEY (document_id, account_id) REFERENCES documents(id, account_id) ON DELETE CASCADE
    ))",
    "CREATE INDEX editions_document ON editions(document_id, id)",
    "CREATE INDEX editions_account_state ON editions(account_id, state, id)",
    "CREATE INDEX editions_scheduled ON editions(scheduled_publication) WHERE state = 'scheduled'",
    // workflow.md: at most one open (draft, submitted, rejected) and one published edition per document.
    "CREATE UNIQUE INDEX editions_one_open ON editions(document_id) WHERE state IN ('draft','submitted','rejected')",
    "CREATE UNIQUE INDEX editions_one_published ON editions(document_id) WHERE state = 'published'",
    R"(CREATE TABLE unpublishings (
        id {id},
        account_id BIGINT NOT NULL,
        edition_id BIGINT NOT NULL UNIQUE,
        reason TEXT NOT NULL CHECK (reason IN ('published_in_error','consolidated','withdrawn','archived')),
        explanation TEXT NOT NULL DEFAULT '',
        alternative_url TEXT NOT NULL DEFAULT '',
        redirect {bool} NOT NULL DEFAULT {false},
        created_by BIGINT REFERENCES users(id) ON DELETE SET NULL,
        created_at BIGINT NOT NULL,
        updated_at BIGINT NOT NULL,
        FOREIGN KEY (edition_id, account_id) REFERENCES editions(id, account_id) ON DELETE CASCADE
    ))",
    R"(CREATE TABLE editorial_remarks (
        id {id},
        account_id BIGINT NOT NULL,
        edition_id BIGINT NOT NULL,
        author_id BIGINT REFERENCES users(id) ON DELETE SET NULL,
        body TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        FOREIGN KEY (edition_id, account_id) REFERENCES editions(id, account_id) ON DELETE CASCADE
    ))",
    "CREATE INDEX editorial_remarks_edition ON editorial_remarks(edition_id, created_at, id)",
    R"(CREATE TABLE audit_entries (
        id {id},
        account_id BIGINT NOT NULL,
        edition_id BIGINT NOT NULL,
        from_state TEXT,
        to_state TEXT NOT NULL,
        event TEXT NOT NULL,
        user_id BIGINT REFERENCES users(id) ON DELETE SET NULL,
        created_at BIGINT NOT NULL,
        FOREIGN KEY (edition_id, account_id) REFERENCES editions(id, account_id) ON DELETE CASCADE
    ))",
    "CREATE INDEX audit_entries_edition ON audit_entries(edition_id, id)",
    R"(CREATE TABLE link_check_reports (
        id {id},
        account_id BIGINT NOT NULL,
        edition_id BIGINT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('pending','checking','completed','failed')),
        links {json} NOT NULL,
        created_at BIGINT NOT NULL,
        completed_at BIGINT,
        FOREIGN KEY (edition_id, account_id) REFERENCES editions(id, account_id) ON DELETE CASCADE
    ))",
    "CREATE INDEX link_check_reports_edition ON link_check_reports(edition_id, id)",
    R"(CREATE TABLE destinations (
        id {id},
        account_id BIGINT NOT NULL,
        site_id BIGINT NOT NULL,
        name TEXT NOT NULL,
        kind TEXT NOT NULL,
        url TEXT NOT NULL DEFAULT '',
        config {json} NOT NULL,
        enabled {bool} NOT NULL DEFAULT {true},
        created_at BIGINT NOT NULL,
        UNIQUE (id, account_id),
        FOREIGN KEY (site_id, account_id) REFERENCES sites(id, account_id) ON DELETE CASCADE
    ))",
    "CREATE INDEX destinations_site ON destinations(site_id, id)",
    R"(CREATE TABLE publishing_records (
        id {id},
        account_id BIGINT NOT NULL,
        site_id BIGINT NOT NULL,
        edition_id BIGINT NOT NULL,
        destination_id BIGINT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('pending','publishing','published','failed')),
        external_url TEXT NOT NULL DEFAULT '',
        error TEXT NOT NULL DEFAULT '',
        attempts INTEGER NOT NULL DEFAULT 0,
        created_at BIGINT NOT NULL,
        updated_at BIGINT NOT NULL,
        FOREIGN KEY (site_id, account_id) REFERENCES sites(id, account_id) ON DELETE CASCADE,
        FOREIGN KEY (edition_id, account_id) REFERENCES editions(id, account_id) ON DELETE CASCADE,
        FOREIGN KEY (destination_id, account_id) REFERENCES destinations(id, account_id) ON DELETE CASCADE
    ))",
    "CREATE INDEX publishing_records_site ON publishing_records(site_id, status, id)",
    "CREATE INDEX publishing_records_account ON publishing_records(account_id, status, id)",
    "CREATE INDEX publishing_records_edition ON publishing_records(edition_id)",
    R"(CREATE TABLE deployments (
        id {id},
        account_id BIGINT NOT NULL,
        site_id BIGINT NOT NULL,
        version INTEGER NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('pending','deploying','deployed','failed','rolled_back')),
        url TEXT NOT NULL DEFAULT '',
        metadata {json} NOT NULL,
        log TEXT NOT NULL DEFAULT '',
        started_by BIGINT REFERENCES users(id) ON DELETE SET NULL,
        created_at BIGINT NOT NULL,
        updated_at BIGINT NOT NULL,
        UNIQUE (site_id, version),
        FOREIGN KEY (site_id, account_id) REFERENCES sites(id, account_id) ON DELETE CASCADE
    ))",
    "CREATE INDEX deployments_site ON deployments(site_id, status, id)",
    "CREATE INDEX deployments_account ON deployments(account_id, status, id)",
    // The first response per (account, key); status is NULL while the first request
    // is still running, so a concurrent duplicate waits or is told to retry.
    R"(CREATE TABLE idempotency_keys (
        account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        idempotency_key TEXT NOT NULL,
        method TEXT NOT NULL,
        path TEXT NOT NULL,
        request_hash TEXT NOT NULL,
        status INTEGER,
        response_body TEXT,
        created_at BIGINT NOT NULL,
        PRIMARY KEY (account_id, idempotency_key)
    ))",
    "CREATE INDEX idempotency_keys_created ON idempotency_keys(created_at)",
    // The change feed: one row per upsert or delete, numbered per account (ChangeFeed).
    R"(CREATE TABLE changes (
        account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        seq BIGINT NOT NULL,
        entity TEXT NOT NULL,
        entity_id BIGINT NOT NULL,
        op TEXT NOT NULL CHECK (op IN ('upsert','delete')),
        data {json},
        site_id BIGINT,
        created_at BIGINT NOT NULL,
        PRIMARY KEY (account_id, seq)
    ))",
    // seq: the last number handed out; horizon: entries up to it were compacted away.
    R"(CREATE TABLE change_sequences (
        account_id BIGINT PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
        seq BIGINT NOT NULL DEFAULT 0,
        horizon BIGINT NOT NULL DEFAULT 0
    ))",
    R"(CREATE TABLE jobs (
        id {id},
        account_id BIGINT REFERENCES accounts(id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        payload {json} NOT NULL,
        run_at BIGINT NOT NULL,
        state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending','running','done','failed','cancelled')),
        claimed_by TEXT,
        claimed_at BIGINT,
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT NOT NULL DEFAULT '',
        created_at BIGINT NOT NULL
    ))",
    "CREATE INDEX jobs_due ON jobs(state, run_at, id)",
};

// Version 2: who last changed an edition or a schema (updated_by; NULL when unknown: rows
// written since their creation before this version), and the index log compaction walks
// (ChangeFeed::compact: "is there a later entry for the same object?").
const char *const kVersion2[] = {
    "ALTER TABLE editions ADD COLUMN updated_by BIGINT REFERENCES users(id) ON DELETE SET NULL",
    "ALTER TABLE content_schemas ADD COLUMN updated_by BIGINT REFERENCES users(id) ON DELETE SET NULL",
    // Never written since created: the creator is the last one who changed it.
    "UPDATE editions SET updated_by = created_by WHERE lock_version = 1",
    "UPDATE content_schemas SET updated_by = created_by WHERE lock_version = 1",
    "CREATE INDEX changes_object ON changes(account_id, entity, entity_id, seq)",
};

// Version 3: this database's identity, random, made once. Clients keep it with their replica: a
// different one at the same address (a new or restored database) means their cursor belongs to
// another feed, and they resynchronise.
const char *const kVersion3[] = {
    "CREATE TABLE server_instance (id TEXT NOT NULL)",
    "INSERT INTO server_instance (id) VALUES ({random_id})",
};

// Version 4: a schema's text as its author wrote it (spec_text; NULL when a client sent only
// spec_doc). A JSON object keeps neither member order (which is the order of a form's fields) nor
// formatting, and PostgreSQL's JSONB reorders members.
const char *const kVersion4[] = {
    "ALTER TABLE content_schemas ADD COLUMN spec_text TEXT",
};

// Version 5: each account's link deny-list (hosts a link check marks as danger without
// contacting them; a host covers its subdomains), stored lower-case in IDNA form.
const char *const kVersion5[] = {
    R"(CREATE TABLE link_deny_hosts (
        account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        host TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        PRIMARY KEY (account_id, host)
    ))",
};

Error sqlFailure(const QSqlQuery &q, const QString &what)
{
    return Error { QStringLiteral("migration_failed"), QStringLiteral("%1: %2").arg(what, q.lastError().text()) };
}

} // namespace

int ServerMigrations::latestVersion()
{
    return 5;
}

QStringList ServerMigrations::statements(int version, const SqlDialect &dialect)
{
    QStringList out;
    const auto add = [&](const auto &statements) {
        for (const char *sql : statements)
            out.append(dialect.expand(QString::fromUtf8(sql)));
    };
    if (version == 1)
        add(kVersion1);
    else if (version == 2)
        add(kVersion2);
    else if (version == 3)
        add(kVersion3);
    else if (version == 4)
        add(kVersion4);
    else if (version == 5)
        add(kVersion5);
    return out;
}

Result<int> ServerMigrations::currentVersion(QSqlDatabase &db)
{
    if (!db.tables().contains(QStringLiteral("schema_version")))
        return 0;
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("SELECT COALESCE(MAX(version), 0) FROM schema_version")) || !q.next())
        return sqlFailure(q, QStringLiteral("Cannot read the schema version"));
    return q.value(0).toInt();
}

Status ServerMigrations::run(QSqlDatabase &db, const SqlDialect &dialect)
{
    for (int version = 1;; ++version) {
        ServerTransaction tx(db, dialect);
        if (!tx.isActive())
            return tx.error();
        QSqlQuery q(db);
        if (const QString lock = dialect.migrationLock(); !lock.isEmpty() && !q.exec(lock))
            return sqlFailure(q, QStringLiteral("Cannot lock the schema for migration"));
        if (!q.exec(QStringLiteral("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)")))
            return sqlFailure(q, QStringLiteral("Cannot create schema_version"));
        if (!q.exec(QStringLiteral("SELECT COALESCE(MAX(version), 0) FROM schema_version")) || !q.next())
            return sqlFailure(q, QStringLiteral("Cannot read the schema version"));
        const int current = q.value(0).toInt();
        q.finish();
        if (current > latestVersion())
            return Error { QStringLiteral("database_too_new"),
                           QStringLiteral("The database has schema version %1, newer than this server understands (%2); "
                                          "use a newer galley-server.").arg(current).arg(latestVersion()) };
        if (current >= latestVersion())
            return tx.commit();
        if (current >= version)
            continue;   // another process got there first: move on from where it is
        const QStringList sql = statements(version, dialect);
        for (const QString &statement : sql) {
            if (!q.exec(statement))
                return sqlFailure(q, QStringLiteral("Migration %1 failed").arg(version));
        }
        q.prepare(QStringLiteral("INSERT INTO schema_version (version, applied_at) VALUES (?, ?)"));
        q.addBindValue(version);
        q.addBindValue(QDateTime::currentMSecsSinceEpoch());
        if (!q.exec())
            return sqlFailure(q, QStringLiteral("Cannot record schema version %1").arg(version));
        if (Status s = tx.commit(); !s)
            return s;
    }
}

} // namespace Galley::Server
