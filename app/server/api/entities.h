#pragma once

#include "jsonwriter.h"

#include <QList>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>

#include <optional>

namespace Galley::Server {

// How each resource is read and written on the wire, declared once and shared by the read
// routes, the write routes' answers, the change feed's entries, the 409's "current copy" and
// the tenancy guard. Every entity is a FROM clause with an alias whose table carries
// account_id, an expression for the site the row belongs to (none: visible to the whole
// account), and the fields of its JSON object with their SQL and kind. Timestamps are stored as
// UTC milliseconds and written as ISO 8601 ("2026-11-22T09:30:00.000Z").
class Entity
{
public:
    enum class Kind { Id, OptionalId, Text, Bool, Json, Time, OptionalTime, Integer, OptionalInteger };
    struct Field
    {
        const char *name;    // JSON member
        QString sql;         // select expression
        Kind kind;
    };

    // The entities of API v1, by their wire name (also their path segment name: "{edition}").
    static const Entity &site();
    static const Entity &sector();
    static const Entity &user();
    static const Entity &schema();
    static const Entity &document();
    static const Entity &edition();
    static const Entity &remark();
    static const Entity &auditEntry();
    static const Entity &unpublishing();
    static const Entity &linkCheck();
    static const Entity &destination();
    static const Entity &publishingRecord();
    static const Entity &deployment();
    // nullptr for an unknown name.
    static const Entity *byName(const QString &name);
    static QList<const Entity *> all();

    const QString &name() const { return m_name; }
    const QString &alias() const { return m_alias; }
    // "alias.account_id"; the site expression, empty for account-wide entities.
    QString accountColumn() const { return m_alias + QStringLiteral(".account_id"); }
    const QString &siteExpression() const { return m_site; }
    const QString &from() const { return m_from; }
    const QList<Field> &fields() const { return m_fields; }

    // "SELECT <fields>, <site> FROM <from>" — append " WHERE …"; the site is the last column.
    QString select() const { return m_select; }
    // Writes the current row of a query made with select() as one JSON object.
    void write(JsonWriter &out, const QSqlQuery &row) const;
    // The site of the current row (nullopt for account-wide entities).
    std::optional<qint64> siteOf(const QSqlQuery &row) const;

    // One object by id within an account, as JSON, with its site; nullopt when there is none
    // (or the query failed: `failed` tells).
    struct Loaded
    {
        QByteArray json;
        std::optional<qint64> siteId;
    };
    std::optional<Loaded> load(QSqlDatabase &db, qint64 accountId, qint64 id, bool *failed = nullptr) const;

    Entity(QString name, QString alias, QString from, QString site, QList<Field> fields);

private:
    QString m_name;
    QString m_alias;
    QString m_from;
    QString m_site;
    QList<Field> m_fields;
    QString m_select;
};

// Milliseconds since the epoch → "2026-11-22T09:30:00.000Z".
QString isoTime(qint64 msecs);
// The inverse, for bodies and query parameters ("…Z" or with an offset); nullopt when invalid.
std::optional<qint64> parseIsoTime(const QString &text);

} // namespace Galley::Server
