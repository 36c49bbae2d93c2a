// The edition diff window offscreen on a fresh demo workspace: two real editions of a demo
// document, and a second edition of an article written through the store with known edits
// (a word of the body, the title, list items added and removed). Asserts the rows against the
// core's comparison, the highlights, navigation by actions and shortcut, swapping, the
// "show unchanged" toggle and the readability of the colours in light and dark.
// With GALLEY_SCREENSHOT_DIR set it saves the window, light and dark.
#include "common/demofixture.h"
#include "editiondiffview.h"
#include "editiondiffwindow.h"
#include "store/replicareader.h"
#include "store/replicawriter.h"
#include "store/transaction.h"
#include "synctesthelpers.h"
#include "workflow/editiondiff.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QJsonArray>
#include <QLabel>
#include <QRegularExpression>
#include <QScrollBar>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>
#include <QToolButton>

#include <memory>

using namespace Galley;
using namespace Galley::Testing;
using namespace Qt::StringLiterals;

namespace {

constexpr int kTimeout = 20000;
using Change = EditionDiffRow::Change;

// Whether any format of the cell marks [start, start + length) of its text as deleted/inserted.
bool marked(const EditionDiffView::Cell &cell, const QString &word, bool deleted)
{
    const qsizetype at = cell.text.indexOf(word);
    if (at < 0)
        return false;
    for (const QTextLayout::FormatRange &f : cell.formats) {
        if (f.start <= at && at + word.size() <= f.start + f.length)
            return deleted ? f.format.fontStrikeOut() : f.format.fontUnderline();
    }
    return false;
}

int countChange(const EditionDiff &d, Change c)
{
    return int(std::count_if(d.rows().cbegin(), d.rows().cend(), [c](const EditionDiffRow &r) {
        return r.change == c && r.navigable;
    }));
}

// A dark desktop has dark-theme icons too.
class ScopedIconTheme
{
public:
    explicit ScopedIconTheme(bool dark)
        : m_old(QIcon::themeName())
    {
        if (dark)
            QIcon::setThemeName(u"breeze-dark"_s);
    }
    ~ScopedIconTheme() { QIcon::setThemeName(m_old); }
    Q_DISABLE_COPY_MOVE(ScopedIconTheme)

private:
    QString m_old;
};

} // namespace

class TestEditionDiffWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void demoEditionsSideBySide();
    void knownEditsAreHighlighted();
    void navigationAndShortcuts();
    void swapAndChoose();
    void unchangedToggle();
    void coloursReadableInLightAndDark();
    void missingDocument();

private:
    std::unique_ptr<EditionDiffWindow> open(Id documentId, Id left, Id right);
    Edition edition(Id id);

    DemoFixture m_demo;
    Id m_demoDocument = 0;           // a demo document whose last two editions differ
    QList<Id> m_demoEditions;        // its editions, oldest first
    Id m_article = 0;                // the article given a second edition here
    Id m_published = 0;
    Id m_draft = 0;
    QString m_removedTag;
    bool m_breakingWasSet = false;
    QString m_bodyWordBefore;
    QString m_bodyWordAfter;
};

void TestEditionDiffWindow::initTestCase()
{
    setUpGuiTest();
    QVERIFY(m_demo.create());

    // A demo document with at least three editions, the last two with different fields.
    QSqlDatabase db = m_demo.store->connection();
    {
        QSqlQuery q(db);
        QVERIFY(q.exec(u"SELECT document_id FROM editions WHERE state <> 'deleted' GROUP BY document_id "
                       u"HAVING count(*) >= 3 ORDER BY document_id"_s));
        while (q.next() && !m_demoDocument) {
            const Id doc = q.value(0).toLongLong();
            QSqlQuery e(db);
            e.prepare(u"SELECT id FROM editions WHERE document_id = ? AND state <> 'deleted' ORDER BY created_at, id"_s);
            e.addBindValue(doc);
            QVERIFY(e.exec());
            QList<Id> ids;
            while (e.next())
                ids << e.value(0).toLongLong();
            const Edition a = edition(ids.at(ids.size() - 2));
            const Edition b = edition(ids.last());
            if (a.fields != b.fields) {
                m_demoDocument = doc;
                m_demoEditions = ids;
            }
        }
    }
    QVERIFY2(m_demoDocument, "no demo document with three editions whose last two differ");

    // An article whose newest edition is published (no open edition): a new draft with known edits.
    {
        QSqlQuery q(db);
        QVERIFY(q.exec(u"SELECT e.id FROM editions e JOIN content_schemas s ON s.id = e.schema_id "
                       u"JOIN edition_content c ON c.edition_id = e.id "
                       u"WHERE s.name = 'Article' AND e.state = 'published' "
                       u"AND json_array_length(c.fields, '$.tags') >= 2 "
                       u"AND NOT EXISTS (SELECT 1 FROM editions o WHERE o.document_id = e.document_id "
                       u"AND o.state IN ('draft','submitted','rejected','scheduled')) "
                       u"AND e.document_id <> %1 ORDER BY e.id LIMIT 1"_s.arg(m_demoDocument)));
        QVERIFY2(q.next(), "no published demo article with tags");
        m_published = q.value(0).toLongLong();
    }
    const Edition live = edition(m_published);
    m_article = live.documentId;
    Edition draft = live;
    m_draft = m_demo.scalar(u"SELECT max(id) + 1 FROM editions"_s).toLongLong();
    draft.id = m_draft;
    draft.state = EditionState::Draft;
    draft.version = {};
    draft.forcePublished = false;
    draft.scheduledPublication = {};
    draft.lockVersion = 1;
    draft.title = live.title + u" (updated)"_s;
    draft.changeNote = u"Corrected the figures and the tags"_s;
    draft.createdAt = live.updatedAt.addSecs(3600);
    draft.updatedAt = draft.createdAt;
    // One word of the body's first paragraph replaced.
    QString body = draft.fields.value(u"body").toString();
    static const QRegularExpression word(u"<p>[^<]*?\\b([a-z]{5,})\\b"_s);
    const auto m = word.match(body);
    QVERIFY2(m.hasMatch(), qPrintable(body.left(200)));
    m_bodyWordBefore = m.captured(1);
    m_bodyWordAfter = u"zeppelins"_s;
    body.replace(m.capturedStart(1), m.capturedLength(1), m_bodyWordAfter);
    draft.fields.insert(u"body"_s, body);
    QJsonArray tags = draft.fields.value(u"tags").toArray();
    m_removedTag = tags.first().toString();
    tags.removeFirst();
    tags.append(u"difftest"_s);
    draft.fields.insert(u"tags"_s, tags);
    m_breakingWasSet = live.fields.contains(u"breaking");
    draft.fields.insert(u"breaking"_s, !live.fields.value(u"breaking").toBool());
    {
        Transaction tx(db);
        QVERIFY(tx.isActive());
        ReplicaWriter writer(db);
        const Status st = writer.upsert(draft);
        QVERIFY2(st.ok(), st.ok() ? "" : qPrintable(st.error().message));
        QVERIFY(tx.commit().ok());
    }
}

Edition TestEditionDiffWindow::edition(Id id)
{
    QSqlDatabase db = m_demo.store->connection();
    auto e = ReplicaReader::edition(db, id);
    return e ? e.value() : Edition {};
}

std::unique_ptr<EditionDiffWindow> TestEditionDiffWindow::open(Id documentId, Id left, Id right)
{
    auto w = std::make_unique<EditionDiffWindow>(m_demo.worker.get(), documentId, left, right);
    w->setAttribute(Qt::WA_DeleteOnClose, false);
    QSignalSpy shown(w.get(), &EditionDiffWindow::shown);
    w->show();
    if (!QTest::qWaitForWindowExposed(w.get()))
        return nullptr;
    if (shown.isEmpty() && !shown.wait(kTimeout))
        return nullptr;
    QCoreApplication::processEvents();
    return w;
}

void TestEditionDiffWindow::demoEditionsSideBySide()
{
    auto w = open(m_demoDocument, 0, 0);
    QVERIFY(w);
    QVERIFY(!w->isLoading());
    // Defaults: the newest edition on the right, the one before it on the left.
    QCOMPARE(w->rightEditionId(), m_demoEditions.last());
    QCOMPARE(w->leftEditionId(), m_demoEditions.at(m_demoEditions.size() - 2));
    QCOMPARE(w->leftChooser()->count(), m_demoEditions.size());
    QCOMPARE(w->editions().size(), m_demoEditions.size());
    const Edition newest = edition(m_demoEditions.last());
    QCOMPARE(w->windowTitle(), u"Compare editions — "_s + newest.title);
    QVERIFY(w->leftChooser()->currentText().contains(u" · "_s));

    // The same rows as the core computes from the replica.
    QSqlDatabase db = m_demo.store->connection();
    const auto schema = ReplicaReader::schema(db, newest.schemaId);
    QVERIFY(schema);
    const EditionDiff expected = EditionDiff::compute(edition(w->leftEditionId()), newest, schema->specDoc,
                                                      schema->specText);
    const EditionDiff &shown = w->view()->diff();
    QCOMPARE(shown.rows().size(), expected.rows().size());
    QCOMPARE(shown.changeCount(), expected.changeCount());
    QVERIFY(shown.changeCount() > 0);
    for (int i = 0; i < expected.rows().size(); ++i) {
        QCOMPARE(shown.rows().at(i).pointer(), expected.rows().at(i).pointer());
        QCOMPARE(shown.rows().at(i).change, expected.rows().at(i).change);
    }
    // Fields in the schema's order (the text's, not the alphabet's).
    QCOMPARE(shown.rows().at(0).source, EditionDiffRow::Source::Title);
    QCOMPARE(shown.rows().at(1).source, EditionDiffRow::Source::ChangeNote);

    // Opens on the first change, which is on screen.
    QCOMPARE(w->view()->currentChange(), 0);
    QCOMPARE(w->positionLabel()->text(), u"Change 1 of %1"_s.arg(shown.changeCount()));
    const QRect current = w->view()->rowRect(w->view()->currentRow());
    QVERIFY(w->view()->viewport()->rect().intersects(current));
    saveScreenshot(w.get(), u"editiondiff-demo-light.png"_s);
}

void TestEditionDiffWindow::knownEditsAreHighlighted()
{
    auto w = open(m_article, m_published, m_draft);
    QVERIFY(w);
    QCOMPARE(w->leftEditionId(), m_published);
    QCOMPARE(w->rightEditionId(), m_draft);
    QVERIFY(w->rightChooser()->currentText().startsWith(u"Draft (new) · "_s));
    QVERIFY(w->leftChooser()->currentText().contains(u" · Published · "_s));
    EditionDiffView *view = w->view();
    const EditionDiff &d = view->diff();

    const auto rowOf = [&d](const QString &pointer, EditionDiffRow::Source source = EditionDiffRow::Source::Field) {
        for (int i = 0; i < d.rows().size(); ++i) {
            if (d.rows().at(i).source == source && d.rows().at(i).pointer() == pointer)
                return i;
        }
        return -1;
    };
    // Title: " (updated)" inserted, underlined on the right; the left has nothing marked.
    const int title = rowOf({}, EditionDiffRow::Source::Title);
    QCOMPARE(d.rows().at(title).change, Change::Changed);
    QVERIFY(marked(view->cell(title, true), u"updated"_s, false));
    QVERIFY(view->cell(title, false).formats.isEmpty());

    // Body (HTML): the word struck through on the left, its replacement underlined on the right,
    // tags turned into line breaks rather than shown.
    const int body = rowOf(u"/body"_s);
    QVERIFY(body >= 0);
    QCOMPARE(d.rows().at(body).change, Change::Changed);
    QVERIFY(d.rows().at(body).rich);
    QCOMPARE(d.rows().at(body).label, u"Body"_s);
    const EditionDiffView::Cell left = view->cell(body, false);
    const EditionDiffView::Cell right = view->cell(body, true);
    QVERIFY2(marked(left, m_bodyWordBefore, true), qPrintable(m_bodyWordBefore));
    QVERIFY(marked(right, m_bodyWordAfter, false));
    QVERIFY(!left.text.contains(u"<p>"_s));
    QVERIFY(!right.text.contains(u"</p>"_s));
    for (const auto &f : left.formats) {
        QVERIFY(f.format.fontStrikeOut());
        QCOMPARE(f.format.background().color(), view->deletedBackground());
    }
    for (const auto &f : right.formats) {
        QVERIFY(f.format.fontUnderline());
        QCOMPARE(f.format.background().color(), view->insertedBackground());
    }

    // Tags: the first removed, one appended; both stops of navigation, marked by their cells.
    const int tags = rowOf(u"/tags"_s);
    QCOMPARE(d.rows().at(tags).shape, EditionDiffRow::Shape::Array);
    QCOMPARE(d.rows().at(tags).change, Change::Changed);
    QCOMPARE(view->cell(tags, true).text, EditionDiffView::tr("%n item(s)", nullptr, d.rows().at(tags).rightCount));
    int removed = -1;
    int added = -1;
    for (int i = 0; i < d.rows().size(); ++i) {
        if (d.rows().at(i).parent != tags)
            continue;
        if (d.rows().at(i).change == Change::Removed)
            removed = i;
        if (d.rows().at(i).change == Change::Added)
            added = i;
    }
    QVERIFY(removed >= 0 && added >= 0);
    QCOMPARE(d.rows().at(removed).leftText, m_removedTag);
    QCOMPARE(d.rows().at(added).rightText, u"difftest"_s);
    QVERIFY(d.rows().at(removed).navigable);
    QVERIFY(d.rows().at(added).navigable);
    QCOMPARE(view->cell(removed, true).text, u"Not in this edition"_s);
    QVERIFY(view->cell(removed, true).placeholder);
    QCOMPARE(view->cell(added, true).text, u"difftest"_s);
    QCOMPARE(view->cell(added, false).text, u"Not in this edition"_s);
    QCOMPARE(d.rows().at(removed).label.left(5), u"Item "_s);

    // The boolean flipped (or set, where the published edition left it out).
    QCOMPARE(d.rows().at(rowOf(u"/breaking"_s)).change, m_breakingWasSet ? Change::Changed : Change::Added);
    QCOMPARE(d.rows().at(rowOf(u"/breaking"_s)).label, u"Breaking news"_s);

    // Title, change note, body, the two tags, breaking.
    QCOMPARE(d.changeCount(), 6);
    QCOMPARE(w->positionLabel()->text(), u"Change 1 of 6"_s);
    saveScreenshot(w.get(), u"editiondiff-article-light.png"_s);
}

void TestEditionDiffWindow::navigationAndShortcuts()
{
    auto w = open(m_article, m_published, m_draft);
    QVERIFY(w);
    EditionDiffView *view = w->view();
    const int count = view->diff().changeCount();
    QCOMPARE(count, 6);
    QSignalSpy moved(view, &EditionDiffView::currentChanged);
    QCOMPARE(view->currentChange(), 0);
    QVERIFY(!w->previousAction()->isEnabled());
    QVERIFY(w->nextAction()->isEnabled());

    w->nextAction()->trigger();
    QCOMPARE(view->currentChange(), 1);
    QCOMPARE(moved.size(), 1);
    QCOMPARE(moved.last().at(0).toInt(), 1);
    QCOMPARE(moved.last().at(1).toInt(), count);
    QCOMPARE(w->positionLabel()->text(), u"Change 2 of 6"_s);

    // The shortcut, from wherever the focus is in the window.
    w->activateWindow();
    view->setFocus();
    QTest::keyClick(view, Qt::Key_Down, Qt::AltModifier);
    QCOMPARE(view->currentChange(), 2);
    QTest::keyClick(w->leftChooser(), Qt::Key_Up, Qt::AltModifier);
    QCOMPARE(view->currentChange(), 1);

    // To the last change: on screen, "next" disabled, and no further.
    while (view->nextChange()) { }
    QCOMPARE(view->currentChange(), count - 1);
    QVERIFY(!w->nextAction()->isEnabled());
    QVERIFY(w->previousAction()->isEnabled());
    const QRect last = view->rowRect(view->currentRow());
    QVERIFY(view->viewport()->rect().intersects(last));
    QVERIFY(view->diff().rows().at(view->currentRow()).navigable);
    QCOMPARE(w->positionLabel()->text(), u"Change 6 of 6"_s);
    // Back to the first one.
    while (view->previousChange()) { }
    QCOMPARE(view->currentChange(), 0);
    QVERIFY(view->viewport()->rect().intersects(view->rowRect(view->currentRow())));

    // A click on a change makes it current; a click on an unchanged row does not.
    w->unchangedToggle()->setChecked(true);
    const QList<int> rows = view->shownRows();
    for (const int r : rows) {
        const QRect rect = view->rowRect(r);
        if (!view->viewport()->rect().contains(rect.center()))
            continue;
        const int before = view->currentRow();
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, rect.center());
        if (view->diff().rows().at(r).navigable)
            QCOMPARE(view->currentRow(), r);
        else
            QCOMPARE(view->currentRow(), before);
    }
}

void TestEditionDiffWindow::swapAndChoose()
{
    auto w = open(m_article, m_published, m_draft);
    QVERIFY(w);
    const EditionDiff before = w->view()->diff();
    const int added = countChange(before, Change::Added);
    const int removed = countChange(before, Change::Removed);
    QCOMPARE(added, m_breakingWasSet ? 1 : 2);   // the tag (and "breaking")
    QCOMPARE(removed, 1);

    QSignalSpy shown(w.get(), &EditionDiffWindow::shown);
    QTest::mouseClick(w->swapButton(), Qt::LeftButton);
    QVERIFY(shown.wait(kTimeout));
    QCOMPARE(w->leftEditionId(), m_draft);
    QCOMPARE(w->rightEditionId(), m_published);
    const EditionDiff &after = w->view()->diff();
    QCOMPARE(after.changeCount(), before.changeCount());
    QCOMPARE(countChange(after, Change::Added), removed);
    QCOMPARE(countChange(after, Change::Removed), added);
    // What was inserted is now deleted: the title's "(updated)" struck through on the left.
    QVERIFY(marked(w->view()->cell(0, false), u"updated"_s, true));

    // Any two editions: the oldest against the draft, through the chooser.
    const int oldest = 0;
    w->leftChooser()->setCurrentIndex(oldest);
    QVERIFY(shown.wait(kTimeout));
    QCOMPARE(w->leftEditionId(), w->editions().first().id);
    QCOMPARE(w->rightEditionId(), m_published);
    // The same edition on both sides: nothing changed, and the view says so.
    w->leftChooser()->setCurrentIndex(w->leftChooser()->findData(QVariant::fromValue<qlonglong>(m_published)));
    QVERIFY(shown.wait(kTimeout));
    QVERIFY(!w->view()->diff().hasChanges());
    QVERIFY(w->view()->shownRows().isEmpty());
    QCOMPARE(w->positionLabel()->text(), u"No changes"_s);
    QVERIFY(!w->nextAction()->isEnabled());
    QVERIFY(!w->previousAction()->isEnabled());
    saveScreenshot(w.get(), u"editiondiff-same-light.png"_s);

    w->setEditions(m_published, m_draft);
    QVERIFY(shown.wait(kTimeout));
    QCOMPARE(w->view()->diff().changeCount(), 6);
}

void TestEditionDiffWindow::unchangedToggle()
{
    auto w = open(m_article, m_published, m_draft);
    QVERIFY(w);
    EditionDiffView *view = w->view();
    const EditionDiff &d = view->diff();
    QVERIFY(!w->unchangedToggle()->isChecked());
    // Off: only what changed (with the lists holding changes).
    const QList<int> changedOnly = view->shownRows();
    for (const int r : changedOnly)
        QVERIFY(d.rows().at(r).change != Change::Unchanged);
    const int changedRows = int(std::count_if(d.rows().cbegin(), d.rows().cend(),
                                              [](const EditionDiffRow &r) { return r.change != Change::Unchanged; }));
    QCOMPARE(changedOnly.size(), changedRows);
    QVERIFY(changedOnly.size() < d.rows().size());

    const int current = view->currentRow();
    QTest::mouseClick(w->unchangedToggle(), Qt::LeftButton);
    QVERIFY(w->unchangedToggle()->isChecked());
    QCOMPARE(view->shownRows().size(), d.rows().size());
    QCOMPARE(view->currentRow(), current);   // the current change stays current and in view
    QVERIFY(view->viewport()->rect().intersects(view->rowRect(current)));
    // Standfirst and byline did not change: shown, with nothing marked.
    int standfirst = -1;
    for (int i = 0; i < d.rows().size(); ++i) {
        if (d.rows().at(i).pointer() == u"/standfirst")
            standfirst = i;
    }
    QVERIFY(standfirst >= 0);
    QCOMPARE(d.rows().at(standfirst).change, Change::Unchanged);
    QVERIFY(view->shownRows().contains(standfirst));
    QVERIFY(view->cell(standfirst, false).formats.isEmpty());
    QCOMPARE(view->cell(standfirst, false).text, view->cell(standfirst, true).text);
    view->verticalScrollBar()->setValue(0);
    saveScreenshot(w.get(), u"editiondiff-article-all-light.png"_s);

    w->unchangedToggle()->setChecked(false);
    QCOMPARE(view->shownRows(), changedOnly);
}

void TestEditionDiffWindow::coloursReadableInLightAndDark()
{
    for (const bool dark : { false, true }) {
        ScopedPalette palette(dark ? darkPalette() : lightPalette());
        ScopedIconTheme icons(dark);
        auto w = open(m_article, m_published, m_draft);
        QVERIFY(w);
        EditionDiffView *view = w->view();
        const QColor text = view->palette().color(QPalette::Text);
        QVERIFY2(contrast(text, view->deletedBackground()) >= 4.5, dark ? "dark" : "light");
        QVERIFY2(contrast(text, view->insertedBackground()) >= 4.5, dark ? "dark" : "light");
        // Distinct from the background and from each other, whatever the palette.
        const QColor base = view->palette().color(QPalette::Base);
        QVERIFY(view->deletedBackground() != base && view->insertedBackground() != base);
        QVERIFY(view->deletedBackground() != view->insertedBackground());
        const QString suffix = dark ? u"-dark"_s : u"-light"_s;
        saveScreenshot(w.get(), u"editiondiff-article"_s + suffix + u".png"_s);
        w->nextAction()->trigger();
        w->nextAction()->trigger();
        saveScreenshot(w.get(), u"editiondiff-article-body"_s + suffix + u".png"_s);
        w->unchangedToggle()->setChecked(true);
        while (view->nextChange()) { }
        saveScreenshot(w.get(), u"editiondiff-article-tags"_s + suffix + u".png"_s);

        auto demo = open(m_demoDocument, 0, 0);
        QVERIFY(demo);
        saveScreenshot(demo.get(), u"editiondiff-demo"_s + suffix + u".png"_s);
    }
}

void TestEditionDiffWindow::missingDocument()
{
    auto w = open(987654321, 0, 0);
    QVERIFY(w);
    QCOMPARE(w->errorText(), u"This document has no editions in the workspace."_s);
    QVERIFY(!w->isLoading());
    QVERIFY(!w->nextAction()->isEnabled());
}

QTEST_MAIN(TestEditionDiffWindow)
#include "tst_editiondiffwindow.moc"
