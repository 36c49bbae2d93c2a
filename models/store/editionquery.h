#pragma once

#include "domain/content.h"
#include "domain/result.h"

#include <QList>
#include <QSqlDatabase>
#include <QString>

#include <optional>

namespace Galley {

// What the edition list shows: a scope in the tenant tree plus optional filters.
struct EditionFilter
{
    // The editorial work lists (the content tab's queue chips), for the signed-in user `userId`.
    enum class Queue {
        Everything,
        MyDrafts,              // drafts and rejected editions I created
        AwaitingMyReview,      // submitted by someone else (the last submitter is not me)
        Scheduled,
        AwaitingApproval,      // force published, waiting for a second pair of eyes
    };

    Scope scope;
    std::optional<EditionState> state;   // nullopt: every state except deleted
    Id schemaId = 0;                      // 0: every schema
    QString text;                         // full-text search over titles and field text
    Queue queue = Queue::Everything;
    Id userId = 0;

    friend bool operator==(const EditionFilter &, const EditionFilter &) = default;
};

// Every order ends with the edition id, so that it is total and keyset pages are exact.
// State sorts in workflow order (draft first) and, within a state, by update time in the
// same direction; the other keys sort by their value alone.
enum class EditionSortKey { Title, State, Schema, Sector, Version, Updated };

struct EditionSort
{
    EditionSortKey key = EditionSortKey::Updated;
    Qt::SortOrder order = Qt::DescendingOrder;

    friend bool operator==(const EditionSort &, const EditionSort &) = default;
};

// One line of the edition list: just what the list shows, kept small because a
// user who scrolls far may hold hundreds of thousands of them.
struct EditionRow
{
    Id id = 0;
    Id documentId = 0;
    Id siteId = 0;
    Id sectorId = 0;
    Id schemaId = 0;
    QString title;
    QString schemaName;
    QString sectorName;
    qint64 updatedMs = 0;
    qint32 majorVersion = 0;
    qint32 minorVersion = 0;
    EditionState state = EditionState::Draft;
    bool forcePublished = false;
};

struct EditionPage
{
    QList<EditionRow> rows;
    bool atEnd = false;
    // How the page was found (see fetchPage): pass it back for the following pages.
    bool walkedSortIndex = false;
};

// Keyset pagination over the edition list: a page is "the next n rows after this
// one" in (sort key, id) order, answered by an index range scan, never OFFSET.
class EditionQuery
{
public:
    // after: the last row of the previous page, or nullopt for the first page.
    // walkSortIndex: the previous page's walkedSortIndex; without it the first page
    // decides (from index-only counts) whether a broad state or schema filter is
    // cheaper answered by walking the sort order's index than by sorting its rows.
    static Result<EditionPage> fetchPage(QSqlDatabase &db, const EditionFilter &filter, const EditionSort &sort,
                                         const std::optional<EditionRow> &after, int limit,
                                         std::optional<bool> walkSortIndex = std::nullopt);

    static Result<qint64> count(QSqlDatabase &db, const EditionFilter &filter);

    // "Every state but deleted" on the editions table under alias, written on
    // state_rank so that the covering filter indexes answer it.
    static QString notDeleted(QStringView alias = u"e");

    // Turns what a person types into an FTS5 query: every word must match, the
    // last one as a prefix ("annual rep" finds "annual report"). Empty when
    // nothing searchable is left.
    static QString ftsQuery(const QString &text);
};

} // namespace Galley
