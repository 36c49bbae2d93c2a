#include "migrations.h"

#include "sqlutil.h"
#include "transaction.h"

#include <QLoggingCategory>
#include <QSqlError>
#include <QSqlQuery>

Q_LOGGING_CATEGORY(lcMigrations, "galley.store.migrations")

namespace Galley {

namespace {

// Version 1: the replica of what a user may see, plus what only the client has
// (outbox, sync state, conflicts, settings) and the full-text index.
const QStringList kVersion1 = {
    QStringLiteral(R"(CREATE TABLE accounts (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        slug TEXT NOT NULL UNIQUE,
        created_at INTEGER NOT NULL
    ))"),
    QStringLiteral(R"(CREATE TABLE sites (
        id INTEGER PRIMARY KEY,
        account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        domain TEXT NOT NULL DEFAULT '',
        created_at INTEGER NOT NULL,
        UNIQUE (id, account_id)
    ))"),
    QStringLiteral("CREATE INDEX sites_account ON sites(account_id, name COLLATE NOCASE)"),
    // (site_id, account_id) must match the site's: a sector belongs to its site and the site's account.
    QStringLiteral(R"(CREATE TABLE sectors (
        id INTEGER PRIMARY KEY,
        account_id INTEGER NOT NULL,
        site_id INTEGER NOT NULL,
        name TEXT NOT NULL,
        UNIQUE (id, site_id),
        FOREIGN KEY (site_id, account_id) REFERENCES sites(id, account_id) ON DELETE CASCADE
    ))"),
    QStringLiteral("CREATE INDEX sectors_site ON sectors(site_id, name COLLATE NOCASE)"),
    QStringLiteral(R"(CREATE TABLE users (
        id INTEGER PRIMARY KEY,
        account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        email TEXT NOT NULL,
        name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('viewer','writer','editor','managing_editor','schema_designer','admin')),
        all_sites INTEGER NOT NULL DEFAULT 1,
        UNIQUE (account_id, email)
    ))"),
    QStringLiteral(R"(CREATE TABLE user_sites (
        user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        site_id INTEGER NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
        PRIMARY KEY (user_id, site_id)
    ) WITHOUT ROWID)"),
    QStringLiteral(R"(CREATE TABLE content_schemas (
        id INTEGER PRIMARY KEY,
        account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        description TEXT NOT NULL DEFAULT '',
        dialect TEXT NOT NULL CHECK (dialect IN ('draft-07','2020-12')),
        spec_doc TEXT NOT NULL CHECK (json_valid(spec_doc)),
        auth_policy TEXT NOT NULL DEFAULT 'writer',
        lock_version INTEGER NOT NULL DEFAULT 1,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
    ))"),
    QStringLiteral("CREATE INDEX content_schemas_account ON content_schemas(account_id, name COLLATE NOCASE)"),
    QStringLiteral(R"(CREATE TABLE documents (
        id INTEGER PRIMARY KEY,
        account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        site_id INTEGER NOT NULL,
        sector_id INTEGER NOT NULL,
        schema_id INTEGER NOT NULL REFERENCES content_schemas(id),
        slug TEXT NOT NULL,
        created_by INTEGER,
        created_at INTEGER NOT NULL,
        FOREIGN KEY (sector_id, site_id) REFERENCES sectors(id, site_id)
    ))"),
    QStringLiteral("CREATE INDEX documents_site ON documents(site_id)"),
    QStringLiteral("CREATE INDEX documents_schema ON documents(schema_id)"),
    // Editions repeat their document's site, sector and schema (and the sector's and
    // schema's names, kept current by triggers) so that the edition list can filter
    // and sort by them through indexes alone: this is a read-optimised replica.
    QStringLiteral(R"(CREATE TABLE editions (
        id INTEGER PRIMARY KEY,
        account_id INTEGER NOT NULL,
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        site_id INTEGER NOT NULL,
        sector_id INTEGER NOT NULL,
        schema_id INTEGER NOT NULL,
        schema_name TEXT NOT NULL DEFAULT '',
        sector_name TEXT NOT NULL DEFAULT '',
        title TEXT NOT NULL,
        fields TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(fields)),
        state TEXT NOT NULL CHECK (state IN ('draft','submitted','rejected','scheduled','published',
                                             'withdrawn','unpublished','superseded','deleted')),
        state_rank INTEGER GENERATED ALWAYS AS (CASE state WHEN 'draft' THEN 0 WHEN 'submitted' THEN 1
            WHEN 'rejected' THEN 2 WHEN 'scheduled' THEN 3 WHEN 'published' THEN 4 WHEN 'withdrawn' THEN 5
            WHEN 'unpublished' THEN 6 WHEN 'superseded' THEN 7 ELSE 8 END) VIRTUAL,
        change_note TEXT NOT NULL DEFAULT '',
        minor_change INTEGER NOT NULL DEFAULT 0,
        force_published INTEGER NOT NULL DEFAULT 0,
        major_version INTEGER NOT NULL DEFAULT 0,
        minor_version INTEGER NOT NULL DEFAULT 0,
        scheduled_publication INTEGER,
        first_published_at INTEGER,
        major_change_published_at INTEGER,
        lock_version INTEGER NOT NULL DEFAULT 1,
        created_by INTEGER,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
    ))"),
    QStringLiteral("CREATE INDEX editions_document ON editions(document_id)"),
    QStringLiteral("CREATE INDEX editions_updated ON editions(updated_at, id)"),
    QStringLiteral("CREATE INDEX editions_title ON editions(title COLLATE NOCASE, id)"),
    QStringLiteral("CREATE INDEX editions_state ON editions(state_rank, updated_at, id)"),
    QStringLiteral("CREATE INDEX editions_schema_name ON editions(schema_name COLLATE NOCASE, id)"),
    QStringLiteral("CREATE INDEX editions_sector_name ON editions(sector_name COLLATE NOCASE, id)"),
    QStringLiteral("CREATE INDEX editions_version ON editions(major_version, minor_version, id)"),
    QStringLiteral("CREATE INDEX editions_site_updated ON editions(site_id, updated_at, id)"),
    QStringLiteral("CREATE INDEX editions_sector_updated ON editions(sector_id, updated_at, id)"),
    QStringLiteral("CREATE INDEX editions_schema ON editions(schema_id, updated_at, id)"),
    QStringLiteral("CREATE INDEX editions_account_updated ON editions(account_id, updated_at, id)"),
    // At most one open edition (draft, submitted, rejected) per document.
    QStringLiteral("CREATE UNIQUE INDEX editions_one_open ON editions(document_id) "
                   "WHERE state IN ('draft','submitted','rejected')"),
    QStringLiteral(R"(CREATE TRIGGER editions_names_on_insert AFTER INSERT ON editions BEGIN
        UPDATE editions SET
            schema_name = (SELECT name FROM content_schemas WHERE id = NEW.schema_id),
            sector_name = (SELECT name FROM sectors WHERE id = NEW.sector_id)
        WHERE id = NEW.id;
    END)"),
    QStringLiteral(R"(CREATE TRIGGER schema_renamed AFTER UPDATE OF name ON content_schemas BEGIN
        UPDATE editions SET schema_name = NEW.name WHERE schema_id = NEW.id;
    END)"),
    QStringLiteral(R"(CREATE TRIGGER sector_renamed AFTER UPDATE OF name ON sectors BEGIN
        UPDATE editions SET sector_name = NEW.name WHERE sector_id = NEW.id;
    END)"),
    // Full-text index over titles and every string value of the fields. Contentless:
    // the text lives once, in editions; triggers keep the index current.
    QStringLiteral("CREATE VIRTUAL TABLE edition_fts USING fts5(title, body, content='', contentless_delete=1, "
                   "tokenize='unicode61 remove_diacritics 2', prefix='2 3')"),
    QStringLiteral(R"(CREATE TRIGGER editions_fts_insert AFTER INSERT ON editions BEGIN
        INSERT INTO edition_fts(rowid, title, body) VALUES (NEW.id, NEW.title,
            (SELECT group_concat(value, ' ') FROM json_tree(NEW.fields) WHERE type = 'text'));
    END)"),
    QStringLiteral(R"(CREATE TRIGGER editions_fts_update AFTER UPDATE OF title, fields ON editions BEGIN
        DELETE FROM edition_fts WHERE rowid = OLD.id;
        INSERT INTO edition_fts(rowid, title, body) VALUES (NEW.id, NEW.title,
            (SELECT group_concat(value, ' ') FROM json_tree(NEW.fields) WHERE type = 'text'));
    END)"),
    QStringLiteral(R"(CREATE TRIGGER editions_fts_delete AFTER DELETE ON editions BEGIN
        DELETE FROM edition_fts WHERE rowid = OLD.id;
    END)"),
    QStringLiteral(R"(CREATE TABLE unpublishings (
        id INTEGER PRIMARY KEY,
        edition_id INTEGER NOT NULL UNIQUE REFERENCES editions(id) ON DELETE CASCADE,
        reason TEXT NOT NULL CHECK (reason IN ('published_in_error','consolidated','withdrawn','archived')),
        explanation TEXT NOT NULL DEFAULT '',
        alternative_url TEXT NOT NULL DEFAULT '',
        redirect INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL
    ))"),
    QStringLiteral(R"(CREATE TABLE editorial_remarks (
        id INTEGER PRIMARY KEY,
        edition_id INTEGER NOT NULL REFERENCES editions(id) ON DELETE CASCADE,
        author_id INTEGER,
        body TEXT NOT NULL,
        created_at INTEGER NOT NULL
    ))"),
    QStringLiteral("CREATE INDEX editorial_remarks_edition ON editorial_remarks(edition_id, created_at)"),
    QStringLiteral(R"(CREATE TABLE audit_entries (
        id INTEGER PRIMARY KEY,
        edition_id INTEGER NOT NULL REFERENCES editions(id) ON DELETE CASCADE,
        from_state TEXT,
        to_state TEXT NOT NULL,
        user_id INTEGER,
        at INTEGER NOT NULL
    ))"),
    QStringLiteral("CREATE INDEX audit_entries_edition ON audit_entries(edition_id, at)"),
    QStringLiteral(R"(CREATE TABLE link_check_reports (
        id INTEGER PRIMARY KEY,
        edition_id INTEGER NOT NULL REFERENCES editions(id) ON DELETE CASCADE,
        checked_at INTEGER NOT NULL,
        links TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(links))
    ))"),
    QStringLiteral("CREATE INDEX link_check_reports_edition ON link_check_reports(edition_id, checked_at)"),
    QStringLiteral(R"(CREATE TABLE publishing_records (
        id INTEGER PRIMARY KEY,
        account_id INTEGER NOT NULL,
        site_id INTEGER NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
        sector_id INTEGER,
        edition_id INTEGER NOT NULL REFERENCES editions(id) ON DELETE CASCADE,
        destination TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('pending','publishing','published','failed')),
        external_url TEXT NOT NULL DEFAULT '',
        error TEXT NOT NULL DEFAULT '',
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
    ))"),
    QStringLiteral("CREATE INDEX publishing_records_site ON publishing_records(site_id, created_at)"),
    QStringLiteral("CREATE INDEX publishing_records_edition ON publishing_records(edition_id)"),
    QStringLiteral(R"(CREATE TABLE deployments (
        id INTEGER PRIMARY KEY,
        account_id INTEGER NOT NULL,
        site_id INTEGER NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
        version INTEGER NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('pending','deploying','deployed','failed','rolled_back')),
        url TEXT NOT NULL DEFAULT '',
        metadata TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(metadata)),
        log TEXT NOT NULL DEFAULT '',
        started_by INTEGER,
        created_at INTEGER NOT NULL,
        finished_at INTEGER,
        UNIQUE (site_id, version)
    ))"),
    QStringLiteral("CREATE INDEX deployments_account ON deployments(account_id, created_at, id)"),
    QStringLiteral("CREATE INDEX deployments_site ON deployments(site_id, created_at, id)"),
    // Client-only state. The outbox holds queued mutations in order, each with the
    // idempotency key it is sent with and the lock version it was made against.
    QStringLiteral(R"(CREATE TABLE outbox (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        account_id INTEGER NOT NULL,
        idempotency_key TEXT NOT NULL UNIQUE,
        method TEXT NOT NULL,
        path TEXT NOT NULL,
        body TEXT NOT NULL DEFAULT '{}',
        entity TEXT NOT NULL,
        entity_id INTEGER,
        base_lock_version INTEGER,
        state TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued','sending','failed','conflict')),
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT NOT NULL DEFAULT '',
        created_at INTEGER NOT NULL
    ))"),
    QStringLiteral(R"(CREATE TABLE sync_state (
        account_id INTEGER PRIMARY KEY,
        cursor TEXT NOT NULL DEFAULT '0',
        last_synced_at INTEGER
    ))"),
    QStringLiteral(R"(CREATE TABLE conflicts (
        id INTEGER PRIMARY KEY,
        outbox_id INTEGER REFERENCES outbox(id) ON DELETE SET NULL,
        entity TEXT NOT NULL,
        entity_id INTEGER NOT NULL,
        base TEXT NOT NULL,
        mine TEXT NOT NULL,
        theirs TEXT NOT NULL,
        created_at INTEGER NOT NULL
    ))"),
    QStringLiteral(R"(CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    ) WITHOUT ROWID)"),
};

// Version 2: the workspace describes itself (shown in the title and status bar),
// and audit entries get the lookup index four-eyes checks use.
const QStringList kVersion2 = {
    QStringLiteral(R"(CREATE TABLE workspace (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        name TEXT NOT NULL,
        kind TEXT NOT NULL DEFAULT 'local' CHECK (kind IN ('local','demo','server')),
        server_url TEXT NOT NULL DEFAULT '',
        user_id INTEGER,
        created_at INTEGER NOT NULL
    ))"),
    QStringLiteral("INSERT INTO workspace(id, name, kind, created_at) "
                   "VALUES (1, 'Workspace', 'local', CAST(strftime('%s','now') AS INTEGER) * 1000)"),
    QStringLiteral("CREATE INDEX audit_entries_user ON audit_entries(edition_id, to_state, user_id)"),
};

// Version 3: an edition's fields (kilobytes of JSON) move out of the editions table
// into edition_content. Listing, counting and grouping editions then reads rows of a
// couple of hundred bytes instead of pages of text: on 200,000 editions a count went
// from a scan of ~800 MB to one of ~50 MB. The filter indexes also carry state_rank,
// so that "every state but deleted" is answered from the index alone, and a site has an
// index for each sort order of the edition list.
const QStringList kVersion3 = {
    QStringLiteral("DROP TRIGGER editions_fts_insert"),
    QStringLiteral("DROP TRIGGER editions_fts_update"),
    // Writers that know the names pass them; only rows that come without get the update.
    QStringLiteral("DROP TRIGGER editions_names_on_insert"),
    // (A name stays empty while the schema or sector is not in the replica yet; their
    // insert triggers below fill it in when they arrive.)
    QStringLiteral(R"(CREATE TRIGGER editions_names_on_insert AFTER INSERT ON editions
        WHEN NEW.schema_name = '' OR NEW.sector_name = '' BEGIN
        UPDATE editions SET
            schema_name = coalesce((SELECT name FROM content_schemas WHERE id = NEW.schema_id), ''),
            sector_name = coalesce((SELECT name FROM sectors WHERE id = NEW.sector_id), '')
        WHERE id = NEW.id;
    END)"),
    QStringLiteral(R"(CREATE TRIGGER editions_names_on_move AFTER UPDATE OF schema_id, sector_id ON editions BEGIN
        UPDATE editions SET
            schema_name = coalesce((SELECT name FROM content_schemas WHERE id = NEW.schema_id), ''),
            sector_name = coalesce((SELECT name FROM sectors WHERE id = NEW.sector_id), '')
        WHERE id = NEW.id;
    END)"),
    QStringLiteral(R"(CREATE TRIGGER schema_arrived AFTER INSERT ON content_schemas BEGIN
        UPDATE editions SET schema_name = NEW.name WHERE schema_id = NEW.id AND schema_name <> NEW.name;
    END)"),
    QStringLiteral(R"(CREATE TRIGGER sector_arrived AFTER INSERT ON sectors BEGIN
        UPDATE editions SET sector_name = NEW.name WHERE sector_id = NEW.id AND sector_name <> NEW.name;
    END)"),
    // Deferred: a batch may write an edition's content before the edition itself.
    QStringLiteral(R"(CREATE TABLE edition_content (
        edition_id INTEGER PRIMARY KEY REFERENCES editions(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
        fields TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(fields))
    ))"),
    QStringLiteral("INSERT INTO edition_content (edition_id, fields) SELECT id, fields FROM editions"),
    QStringLiteral("ALTER TABLE editions DROP COLUMN fields"),
    QStringLiteral("DROP INDEX editions_site_updated"),
    QStringLiteral("DROP INDEX editions_sector_updated"),
    QStringLiteral("DROP INDEX editions_schema"),
    QStringLiteral("DROP INDEX editions_account_updated"),
    QStringLiteral("CREATE INDEX editions_site_updated ON editions(site_id, updated_at, id, state_rank)"),
    QStringLiteral("CREATE INDEX editions_sector_updated ON editions(sector_id, updated_at, id, state_rank)"),
    QStringLiteral("CREATE INDEX editions_schema ON editions(schema_id, updated_at, id, state_rank)"),
    QStringLiteral("CREATE INDEX editions_account_updated ON editions(account_id, updated_at, id, state_rank)"),
    // A site is what people look at most, in every order: one index per sort key keeps
    // "this site, sorted by X" a range scan (sorting a large site's rows took ~90 ms).
    QStringLiteral("CREATE INDEX editions_site_title ON editions(site_id, title COLLATE NOCASE, id, state_rank)"),
    QStringLiteral("CREATE INDEX editions_site_state ON editions(site_id, state_rank, updated_at, id)"),
    QStringLiteral("CREATE INDEX editions_site_schema ON editions(site_id, schema_name COLLATE NOCASE, id, state_rank)"),
    QStringLiteral("CREATE INDEX editions_site_sector ON editions(site_id, sector_name COLLATE NOCASE, id, state_rank)"),
    QStringLiteral("CREATE INDEX editions_site_version ON editions(site_id, major_version, minor_version, id, state_rank)"),
    // The full-text index follows both tables: the title from editions, the body from
    // every string of the fields. Whichever of the two rows comes second completes it.
    QStringLiteral(R"(CREATE TRIGGER editions_fts_insert AFTER INSERT ON editions BEGIN
        INSERT INTO edition_fts(rowid, title, body) VALUES (NEW.id, NEW.title,
            (SELECT group_concat(j.value, ' ') FROM edition_content c, json_tree(c.fields) j
             WHERE c.edition_id = NEW.id AND j.type = 'text'));
    END)"),
    QStringLiteral(R"(CREATE TRIGGER editions_fts_update AFTER UPDATE OF title ON editions BEGIN
        DELETE FROM edition_fts WHERE rowid = OLD.id;
        INSERT INTO edition_fts(rowid, title, body) VALUES (NEW.id, NEW.title,
            (SELECT group_concat(j.value, ' ') FROM edition_content c, json_tree(c.fields) j
             WHERE c.edition_id = NEW.id AND j.type = 'text'));
    END)"),
    QStringLiteral(R"(CREATE TRIGGER edition_content_fts_insert AFTER INSERT ON edition_content
        WHEN EXISTS (SELECT 1 FROM editions WHERE id = NEW.edition_id) BEGIN
        DELETE FROM edition_fts WHERE rowid = NEW.edition_id;
        INSERT INTO edition_fts(rowid, title, body) VALUES (NEW.edition_id,
            (SELECT title FROM editions WHERE id = NEW.edition_id),
            (SELECT group_concat(value, ' ') FROM json_tree(NEW.fields) WHERE type = 'text'));
    END)"),
    QStringLiteral(R"(CREATE TRIGGER edition_content_fts_update AFTER UPDATE OF fields ON edition_content BEGIN
        DELETE FROM edition_fts WHERE rowid = NEW.edition_id;
        INSERT INTO edition_fts(rowid, title, body) VALUES (NEW.edition_id,
            (SELECT title FROM editions WHERE id = NEW.edition_id),
            (SELECT group_concat(value, ' ') FROM json_tree(NEW.fields) WHERE type = 'text'));
    END)"),
};

// Version 4: the sync client. The outbox and conflicts of version 1 were never written to;
// they are rebuilt with what the client needs: the chain a change is ordered in, the copy it
// was made against (for merges), the server's field errors, backoff, and a line for the
// Outbox screen. server_copies keeps the newest server copy of an entity that has local
// changes waiting (the replica row shows the local change meanwhile); id_map remembers which
// server id a locally created object got; resync_seen marks what a full resync has seen.
const QStringList kVersion4 = {
    // The version-1 tables move aside and their rows are carried over (nothing queued is lost).
    QStringLiteral("ALTER TABLE conflicts RENAME TO conflicts_v1"),
    QStringLiteral("ALTER TABLE outbox RENAME TO outbox_v1"),
    QStringLiteral("ALTER TABLE sync_state RENAME TO sync_state_v1"),
    QStringLiteral(R"(CREATE TABLE outbox (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        account_id INTEGER NOT NULL,
        idempotency_key TEXT NOT NULL UNIQUE,
        method TEXT NOT NULL CHECK (method IN ('POST','PUT','DELETE')),
        path TEXT NOT NULL,
        body TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(body)),
        entity TEXT NOT NULL,
        entity_id INTEGER,
        order_key TEXT NOT NULL,
        action TEXT NOT NULL CHECK (action IN ('create','update','delete','add_remark')),
        base_lock_version INTEGER,
        base TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(base)),
        state TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued','sending','failed','conflict','gone')),
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT NOT NULL DEFAULT '',
        field_errors TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(field_errors)),
        site_id INTEGER NOT NULL DEFAULT 0,
        summary TEXT NOT NULL DEFAULT '',
        created_at INTEGER NOT NULL,
        next_attempt_at INTEGER NOT NULL DEFAULT 0
    ))"),
    QStringLiteral("INSERT INTO outbox (id, account_id, idempotency_key, method, path, body, entity, entity_id, order_key, "
                   "action, base_lock_version, state, attempts, last_error, created_at) "
                   "SELECT id, account_id, idempotency_key, method, path, body, entity, entity_id, "
                   "entity || ':' || coalesce(entity_id, id), "
                   "CASE method WHEN 'POST' THEN 'create' WHEN 'DELETE' THEN 'delete' ELSE 'update' END, "
                   "base_lock_version, state, attempts, last_error, created_at FROM outbox_v1"),
    QStringLiteral("CREATE INDEX outbox_chain ON outbox(order_key, id)"),
    QStringLiteral("CREATE INDEX outbox_entity ON outbox(entity, entity_id)"),
    QStringLiteral(R"(CREATE TABLE conflicts (
        id INTEGER PRIMARY KEY,
        outbox_id INTEGER NOT NULL UNIQUE REFERENCES outbox(id) ON DELETE CASCADE,
        entity TEXT NOT NULL,
        entity_id INTEGER NOT NULL,
        base TEXT NOT NULL CHECK (json_valid(base)),
        mine TEXT NOT NULL CHECK (json_valid(mine)),
        theirs TEXT NOT NULL CHECK (json_valid(theirs)),
        theirs_by TEXT NOT NULL DEFAULT '',
        created_at INTEGER NOT NULL
    ))"),
    QStringLiteral("INSERT INTO conflicts (id, outbox_id, entity, entity_id, base, mine, theirs, created_at) "
                   "SELECT id, outbox_id, entity, entity_id, base, mine, theirs, created_at FROM conflicts_v1 "
                   "WHERE outbox_id IN (SELECT id FROM outbox)"),
    QStringLiteral("DROP TABLE conflicts_v1"),
    QStringLiteral("DROP TABLE outbox_v1"),
    QStringLiteral(R"(CREATE TABLE server_copies (
        entity TEXT NOT NULL,
        entity_id INTEGER NOT NULL,
        data TEXT NOT NULL CHECK (json_valid(data)),
        PRIMARY KEY (entity, entity_id)
    ) WITHOUT ROWID)"),
    QStringLiteral(R"(CREATE TABLE id_map (
        entity TEXT NOT NULL,
        local_id INTEGER NOT NULL,
        server_id INTEGER NOT NULL,
        PRIMARY KEY (entity, local_id)
    ) WITHOUT ROWID)"),
    QStringLiteral(R"(CREATE TABLE resync_seen (
        entity TEXT NOT NULL,
        entity_id INTEGER NOT NULL,
        PRIMARY KEY (entity, entity_id)
    ) WITHOUT ROWID)"),
    QStringLiteral(R"(CREATE TABLE sync_state (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        account_id INTEGER NOT NULL DEFAULT 0,
        user_id INTEGER NOT NULL DEFAULT 0,
        cursor INTEGER NOT NULL DEFAULT 0,
        resyncing INTEGER NOT NULL DEFAULT 0,
        initial_done INTEGER NOT NULL DEFAULT 0,
        last_synced_at INTEGER,
        next_local_id INTEGER NOT NULL DEFAULT -1,
        server_instance TEXT NOT NULL DEFAULT ''
    ))"),
    QStringLiteral("INSERT INTO sync_state (id, account_id, cursor, last_synced_at) "
                   "SELECT 1, account_id, cursor, last_synced_at FROM sync_state_v1 ORDER BY account_id LIMIT 1"),
    QStringLiteral("INSERT OR IGNORE INTO sync_state (id) VALUES (1)"),
    QStringLiteral("DROP TABLE sync_state_v1"),
    // The server enforces one open edition per document; a replica passes through states the
    // server never had together (a resync brings the newest copy of each edition in feed order).
    QStringLiteral("DROP INDEX editions_one_open"),
    // The full-text index is rewritten only when the title or the fields really change (the
    // server's answers and the feed repeat unchanged rows).
    QStringLiteral("DROP TRIGGER editions_fts_update"),
    QStringLiteral(R"(CREATE TRIGGER editions_fts_update AFTER UPDATE OF title ON editions
        WHEN OLD.title IS NOT NEW.title BEGIN
        DELETE FROM edition_fts WHERE rowid = OLD.id;
        INSERT INTO edition_fts(rowid, title, body) VALUES (NEW.id, NEW.title,
            (SELECT group_concat(j.value, ' ') FROM edition_content c, json_tree(c.fields) j
             WHERE c.edition_id = NEW.id AND j.type = 'text'));
    END)"),
    QStringLiteral("DROP TRIGGER edition_content_fts_update"),
    QStringLiteral(R"(CREATE TRIGGER edition_content_fts_update AFTER UPDATE OF fields ON edition_content
        WHEN OLD.fields IS NOT NEW.fields BEGIN
        DELETE FROM edition_fts WHERE rowid = NEW.edition_id;
        INSERT INTO edition_fts(rowid, title, body) VALUES (NEW.edition_id,
            (SELECT title FROM editions WHERE id = NEW.edition_id),
            (SELECT group_concat(value, ' ') FROM json_tree(NEW.fields) WHERE type = 'text'));
    END)"),
    // An initial sync into an empty replica sets indexes and full-text triggers aside and builds
    // them once at the end (sorting once is much cheaper than keeping them up to date row by
    // row); what was set aside is kept here, in the same transaction, so a crash in between
    // finds it again.
    QStringLiteral(R"(CREATE TABLE deferred_objects (
        name TEXT PRIMARY KEY,
        type TEXT NOT NULL,
        sql TEXT NOT NULL
    ) WITHOUT ROWID)"),
};

// Version 5: a schema's text as written (the server's spec_text), so that member order and
// formatting survive the round trip through the server.
const QStringList kVersion5 = {
    QStringLiteral("ALTER TABLE content_schemas ADD COLUMN spec_text TEXT"),
};

const Migration kMigrations[] = {
    { 1, "tenancy, content, publishing, outbox, sync state, full-text index", kVersion1 },
    { 2, "workspace description, audit lookup index", kVersion2 },
    { 3, "edition fields in their own table; covering filter indexes", kVersion3 },
    { 4, "sync client: outbox, conflicts, server copies, id map, resync marks", kVersion4 },
    { 5, "schema text as written", kVersion5 },
};

} // namespace

std::span<const Migration> Migrations::all()
{
    return kMigrations;
}

int Migrations::latestVersion()
{
    return all().back().version;
}

int Migrations::versionOf(const QSqlDatabase &db)
{
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("PRAGMA user_version")) || !q.next())
        return -1;
    return q.value(0).toInt();
}

Status Migrations::upgrade(QSqlDatabase &db, int targetVersion)
{
    if (targetVersion < 0)
        targetVersion = latestVersion();
    const int current = versionOf(db);
    if (current < 0)
        return Error { QStringLiteral("store_unreadable"), QStringLiteral("Cannot read the database schema version.") };
    if (current > latestVersion()) {
        return Error { QStringLiteral("store_too_new"),
                       QStringLiteral("The database was written by a newer Galley (schema version %1; this build knows "
                                      "up to %2).")
                           .arg(current)
                           .arg(latestVersion()) };
    }
    for (const Migration &m : all()) {
        if (m.version <= current || m.version > targetVersion)
            continue;
        Transaction tx(db);
        if (!tx.isActive())
            return tx.error();
        for (const QString &sql : m.statements) {
            QSqlQuery q(db);
            if (!q.exec(sql)) {
                return Error { QStringLiteral("migration_failed"),
                               QStringLiteral("Upgrading the database to version %1 failed: %2")
                                   .arg(m.version)
                                   .arg(q.lastError().text()) };
            }
        }
        QSqlQuery bump(db);
        if (!bump.exec(QStringLiteral("PRAGMA user_version = %1").arg(m.version)))
            return sqlError(bump, "migration_failed");
        if (auto st = tx.commit(); !st)
            return st;
        qCInfo(lcMigrations) << "database upgraded to version" << m.version << m.description;
    }
    return {};
}

} // namespace Galley
