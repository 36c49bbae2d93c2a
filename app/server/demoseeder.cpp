#include "demoseeder.h"

#include "auth/useradmin.h"
#include "storage/changefeed.h"
#include "storage/passwordhasher.h"
#include "storage/serverstore.h"
#include "storage/servertransaction.h"

#include "demo/demoworkspace.h"
#include "store/localstore.h"

#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QVariant>

#include <functional>

using namespace Qt::StringLiterals;

namespace Galley::Server {

namespace {

Error seedError(const QSqlQuery &q, const QString &what)
{
    return Error { u"storage"_s, what + u": "_s + q.lastError().text() };
}

// Copies every row of `select` (on the replica) with `insert` (on the server): the i-th
// column of the select binds the i-th placeholder, after `transform` (identity when empty).
Result<int> copyRows(QSqlDatabase &from, QSqlDatabase &to, const QString &select, const QString &insert,
                     const std::function<QVariantList(const QSqlQuery &)> &row)
{
    QSqlQuery in(from);
    in.setForwardOnly(true);
    if (!in.exec(select))
        return seedError(in, u"Cannot read the demo replica"_s);
    QSqlQuery out(to);
    if (!out.prepare(insert))
        return seedError(out, u"Cannot prepare the seed insert"_s);
    int count = 0;
    while (in.next()) {
        const QVariantList values = row(in);
        for (int i = 0; i < values.size(); ++i)
            out.bindValue(i, values.at(i));
        if (!out.exec())
            return seedError(out, u"Cannot insert a demo row"_s);
        ++count;
    }
    return count;
}

QVariantList columns(const QSqlQuery &q)
{
    QVariantList values;
    for (int i = 0; i < q.record().count(); ++i)
        values.append(q.value(i));
    return values;
}

} // namespace

QString DemoSeeder::passwordFor(const QString &roleWire)
{
    return u"galley-"_s + roleWire;
}

Result<DemoSeeder::Outcome> DemoSeeder::seed(ServerStore &store)
{
    QSqlDatabase db = store.connection();
    if (!db.isOpen())
        return Error { u"storage"_s, db.lastError().text() };
    {
        QSqlQuery q(db);
        if (!q.exec(u"SELECT COUNT(*) FROM accounts"_s) || !q.next())
            return seedError(q, u"Cannot inspect the database"_s);
        if (q.value(0).toLongLong() > 0)
            return Outcome {};
    }

    QTemporaryDir dir;
    if (!dir.isValid())
        return Error { u"io"_s, u"No temporary directory for the demo replica."_s };
    auto local = LocalStore::open(dir.filePath(u"demo.galley"_s));
    if (!local)
        return local.error();
    QSqlDatabase replica = local.value()->connection();
    if (const Status generated = DemoWorkspace::generate(replica); !generated)
        return generated.error();

    const SqlDialect &dialect = store.dialect();
    Outcome outcome;
    ServerTransaction tx(db, dialect);
    if (!tx.isActive())
        return tx.error();

    auto accounts = copyRows(replica, db, u"SELECT id, name, slug, created_at FROM accounts ORDER BY id"_s,
                             u"INSERT INTO accounts (id, name, slug, created_at) VALUES (?, ?, ?, ?)"_s, columns);
    if (!accounts)
        return accounts.error();
    outcome.accounts = accounts.value();
    auto sites = copyRows(replica, db, u"SELECT id, account_id, name, domain, created_at FROM sites ORDER BY id"_s,
                          u"INSERT INTO sites (id, account_id, name, domain, created_at) VALUES (?, ?, ?, ?, ?)"_s, columns);
    if (!sites)
        return sites.error();
    // The replica's sectors have no creation time: they take their site's.
    auto sectors = copyRows(replica, db,
                            u"SELECT s.id, s.account_id, s.site_id, s.name, t.created_at FROM sectors s "
                            "JOIN sites t ON t.id = s.site_id ORDER BY s.id"_s,
                            u"INSERT INTO sectors (id, account_id, site_id, name, created_at) VALUES (?, ?, ?, ?, ?)"_s, columns);
    if (!sectors)
        return sectors.error();

    // One hash per role: every demo user of a role shares its password, so hash it once.
    QHash<QString, PasswordHash> hashes;
    auto users = copyRows(replica, db,
                          u"SELECT u.id, u.account_id, u.email, u.name, u.role, u.all_sites, a.created_at "
                          "FROM users u JOIN accounts a ON a.id = u.account_id ORDER BY u.id"_s,
                          u"INSERT INTO users (id, account_id, email, name, role, all_sites, password_hash, password_salt, "
                          "password_iterations, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s,
                          [&hashes](const QSqlQuery &q) {
                              const QString role = q.value(4).toString();
                              if (!hashes.contains(role))
                                  hashes.insert(role, PasswordHasher::hash(passwordFor(role)));
                              const PasswordHash &h = hashes[role];
                              return QVariantList { q.value(0), q.value(1), q.value(2), q.value(3), role,
                                                    q.value(5).toBool(), h.hash, h.salt, h.iterations,
                                                    q.value(6), q.value(6) };
                          });
    if (!users)
        return users.error();
    outcome.users = users.value();
    auto userSites = copyRows(replica, db,
                              u"SELECT us.user_id, us.site_id, u.account_id FROM user_sites us "
                              "JOIN users u ON u.id = us.user_id ORDER BY us.user_id, us.site_id"_s,
                              u"INSERT INTO user_sites (user_id, site_id, account_id) VALUES (?, ?, ?)"_s, columns);
    if (!userSites)
        return userSites.error();
    auto schemas = copyRows(replica, db,
                            u"SELECT id, account_id, name, description, dialect, spec_doc, auth_policy, lock_version, "
                            "created_at, updated_at FROM content_schemas ORDER BY id"_s,
                            u"INSERT INTO content_schemas (id, account_id, name, description, dialect, spec_doc, auth_policy, "
                            "lock_version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, %1, ?, ?, ?, ?)"_s.arg(dialect.jsonParameter()),
                            columns);
    if (!schemas)
        return schemas.error();
    outcome.schemas = schemas.value();

    // The feed: every seeded schema is an upsert a syncing client picks up.
    {
        QSqlQuery q(db);
        if (!q.exec(u"SELECT id, account_id, name, dialect FROM content_schemas ORDER BY id"_s))
            return seedError(q, u"Cannot read the seeded schemas"_s);
        while (q.next()) {
            const QJsonObject data { { u"id"_s, q.value(0).toLongLong() }, { u"name"_s, q.value(2).toString() },
                                     { u"dialect"_s, q.value(3).toString() } };
            const auto seq = ChangeFeed::append(db, q.value(1).toLongLong(), u"schema"_s, q.value(0).toLongLong(), u"upsert"_s,
                                                QString::fromUtf8(QJsonDocument(data).toJson(QJsonDocument::Compact)),
                                                std::nullopt);
            if (!seq)
                return seq.error();
        }
    }

    // Explicit ids leave PostgreSQL's identity sequences behind: move them past the seeded rows.
    if (dialect.backend() == SqlDialect::Backend::PostgreSql) {
        for (const QString &table : { u"accounts"_s, u"sites"_s, u"sectors"_s, u"users"_s, u"content_schemas"_s }) {
            QSqlQuery q(db);
            if (!q.exec(u"SELECT setval(pg_get_serial_sequence('%1', 'id'), (SELECT COALESCE(MAX(id), 0) + 1 FROM %1), false)"_s.arg(table)))
                return seedError(q, u"Cannot advance the id sequence of "_s + table);
        }
    }
    if (const Status committed = tx.commit(); !committed)
        return committed.error();
    outcome.seeded = true;
    return outcome;
}

} // namespace Galley::Server
