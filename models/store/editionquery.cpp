#include "editionquery.h"

#include "sqlutil.h"

#include <QRegularExpression>
#include <QSqlQuery>

namespace Galley {

namespace {

struct SortColumns
{
    // The expression(s) the list is ordered by, ahead of e.id.
    QStringList exprs;
};

SortColumns sortColumns(EditionSortKey key)
{
    switch (key) {
    case EditionSortKey::Title: return { { QStringLiteral("e.title COLLATE NOCASE") } };
    case EditionSortKey::State: return { { QStringLiteral("e.state_rank"), QStringLiteral("e.updated_at") } };
    case EditionSortKey::Schema: return { { QStringLiteral("e.schema_name COLLATE NOCASE") } };
    case EditionSortKey::Sector: return { { QStringLiteral("e.sector_name COLLATE NOCASE") } };
    case EditionSortKey::Version: return { { QStringLiteral("e.major_version"), QStringLiteral("e.minor_version") } };
    case EditionSortKey::Updated: return { { QStringLiteral("e.updated_at") } };
    }
    return {};
}

int stateRank(EditionState s)
{
    return int(s);   // declaration order is workflow order, as in the state_rank column
}

QVariantList keyValues(EditionSortKey key, const EditionRow &row)
{
    switch (key) {
    case EditionSortKey::Title: return { row.title };
    case EditionSortKey::State: return { stateRank(row.state), row.updatedMs };
    case EditionSortKey::Schema: return { row.schemaName };
    case EditionSortKey::Sector: return { row.sectorName };
    case EditionSortKey::Version: return { row.majorVersion, row.minorVersion };
    case EditionSortKey::Updated: return { row.updatedMs };
    }
    return {};
}

// Appends the WHERE conditions of filter to where/binds.
void addFilter(const EditionFilter &filter, QStringList &where, QVariantList &binds, bool &emptyResult)
{
    if (filter.scope.accountId) {
        where << QStringLiteral("e.account_id = ?");
        binds << filter.scope.accountId;
    }
    if (filter.scope.siteId) {
        where << QStringLiteral("e.site_id = ?");
        binds << filter.scope.siteId;
    }
    if (filter.scope.sectorId) {
        where << QStringLiteral("e.sector_id = ?");
        binds << filter.scope.sectorId;
    }
    if (filter.state) {
        where << QStringLiteral("e.state_rank = ?");   // served by the editions_state index
        binds << stateRank(*filter.state);
    } else {
        where << QStringLiteral("e.state <> 'deleted'");
    }
    if (filter.schemaId) {
        where << QStringLiteral("e.schema_id = ?");
        binds << filter.schemaId;
    }
    if (!filter.text.trimmed().isEmpty()) {
        const QString fts = EditionQuery::ftsQuery(filter.text);
        if (fts.isEmpty()) {
            emptyResult = true;
        } else {
            where << QStringLiteral("e.id IN (SELECT rowid FROM edition_fts WHERE edition_fts MATCH ?)");
            binds << fts;
        }
    }
}

void bindAll(QSqlQuery &q, const QVariantList &binds)
{
    for (int i = 0; i < binds.size(); ++i)
        q.bindValue(i, binds.at(i));
}

} // namespace

QString EditionQuery::ftsQuery(const QString &text)
{
    static const QRegularExpression wordRx(QStringLiteral("[\\w]+"), QRegularExpression::UseUnicodePropertiesOption);
    QStringList terms;
    auto it = wordRx.globalMatch(text);
    while (it.hasNext())
        terms << it.next().captured(0);
    if (terms.isEmpty())
        return {};
    QStringList quoted;
    for (int i = 0; i < terms.size(); ++i) {
        QString t = u'"' + terms.at(i) + u'"';
        // The last word is still being typed unless the text ends with a separator.
        if (i == terms.size() - 1 && !text.back().isSpace())
            t += u'*';
        quoted << t;
    }
    return quoted.join(u' ');
}

Result<EditionPage> EditionQuery::fetchPage(QSqlDatabase &db, const EditionFilter &filter, const EditionSort &sort,
                                            const std::optional<EditionRow> &after, int limit)
{
    QStringList where;
    QVariantList binds;
    bool empty = false;
    addFilter(filter, where, binds, empty);
    if (empty)
        return EditionPage { {}, true };

    const SortColumns cols = sortColumns(sort.key);
    const bool desc = sort.order == Qt::DescendingOrder;
    if (after) {
        QStringList lhs = cols.exprs;
        lhs << QStringLiteral("e.id");
        QStringList marks;
        for (int i = 0; i < lhs.size(); ++i)
            marks << QStringLiteral("?");
        where << QStringLiteral("(%1) %2 (%3)").arg(lhs.join(u", "), desc ? u"<" : u">", marks.join(u", "));
        binds << keyValues(sort.key, *after);
        binds << after->id;
    }
    QStringList order;
    const QString dir = desc ? QStringLiteral(" DESC") : QStringLiteral(" ASC");
    for (const QString &c : cols.exprs)
        order << c + dir;
    order << QStringLiteral("e.id") + dir;

    const QString sql = QStringLiteral(
                            "SELECT e.id, e.document_id, e.site_id, e.sector_id, e.schema_id, e.title, e.schema_name, "
                            "e.sector_name, e.updated_at, e.major_version, e.minor_version, e.state, e.force_published "
                            "FROM editions e WHERE %1 ORDER BY %2 LIMIT %3")
                            .arg(where.join(QStringLiteral(" AND ")), order.join(u", "))
                            .arg(limit + 1);
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.prepare(sql))
        return sqlError(q, "query_failed");
    bindAll(q, binds);
    if (!q.exec())
        return sqlError(q, "query_failed");

    EditionPage page;
    page.rows.reserve(limit);
    while (q.next()) {
        if (page.rows.size() == limit)
            break;   // the (limit + 1)th row only tells us there is more
        EditionRow r;
        r.id = q.value(0).toLongLong();
        r.documentId = q.value(1).toLongLong();
        r.siteId = q.value(2).toLongLong();
        r.sectorId = q.value(3).toLongLong();
        r.schemaId = q.value(4).toLongLong();
        r.title = q.value(5).toString();
        r.schemaName = q.value(6).toString();
        r.sectorName = q.value(7).toString();
        r.updatedMs = q.value(8).toLongLong();
        r.majorVersion = q.value(9).toInt();
        r.minorVersion = q.value(10).toInt();
        r.state = fromWire<EditionState>(q.value(11).toString()).value_or(EditionState::Draft);
        r.forcePublished = q.value(12).toBool();
        page.rows.append(std::move(r));
    }
    // Exhausted (next() returned false) unless we stopped on the extra row.
    page.atEnd = !q.isValid();
    return page;
}

Result<qint64> EditionQuery::count(QSqlDatabase &db, const EditionFilter &filter)
{
    QStringList where;
    QVariantList binds;
    bool empty = false;
    addFilter(filter, where, binds, empty);
    if (empty)
        return qint64(0);
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.prepare(QStringLiteral("SELECT count(*) FROM editions e WHERE ") + where.join(QStringLiteral(" AND "))))
        return sqlError(q, "query_failed");
    bindAll(q, binds);
    if (!q.exec() || !q.next())
        return sqlError(q, "query_failed");
    return q.value(0).toLongLong();
}

} // namespace Galley
