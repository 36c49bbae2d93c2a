// The Outbox screen on a real local store: empty state, details, per-state actions, the
// discard confirmation and in-place refreshes.
#include "emptystate.h"
#include "itemmodels/outboxmodel.h"
#include "outboxview.h"
#include "store/localstore.h"
#include "store/storeworker.h"
#include "synctesthelpers.h"

#include <QAbstractItemModelTester>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QSqlError>
#include <QSqlQuery>
#include <QTableView>
#include <QTemporaryDir>
#include <QTimer>
#include <QTimeZone>

#include <functional>
#include <memory>

using namespace Galley;
using namespace Galley::Testing;
using namespace Qt::StringLiterals;

class TestOutboxView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { setUpGuiTest(); }
    void init();
    void cleanup();

    void emptyOutboxSaysSo();
    void detailsOfARefusedChange();
    void actionsFollowTheState();
    void discardAsksFirst();
    void refreshKeepsTheSelection();
    void screenshots();

private:
    void exec(const QString &sql, const QVariantList &binds = {});
    void addItem(qint64 id, Id siteId, const QString &summary, const QString &state, const QString &action,
                 int minutesAgo, int attempts = 0, const QString &lastError = {}, const QString &fieldErrors = u"[]"_s);
    void addSamples();
    // Waits for the view's model to load.
    void load(OutboxView &view);
    void selectId(OutboxView &view, qint64 id);
    QPushButton *button(OutboxView &view, const char *name);
    // Answers the discard confirmation with `answer` once it shows; stores what it said.
    void answerConfirmation(QMessageBox::StandardButton answer);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<LocalStore> m_store;
    std::unique_ptr<StoreWorker> m_worker;
    QString m_confirmationText;
    QString m_confirmationInformative;
    QMessageBox::StandardButton m_confirmationDefault = QMessageBox::NoButton;
};

void TestOutboxView::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    auto store = LocalStore::open(m_dir->filePath(u"outbox.galley"_s));
    QVERIFY(store);
    m_store = std::move(store.value());
    m_worker = std::make_unique<StoreWorker>(m_store->path());
    exec(u"INSERT INTO accounts (id, name, slug, created_at) VALUES (1, 'Northwind Media', 'northwind', 0)"_s);
    exec(u"INSERT INTO sites (id, account_id, name, created_at) VALUES (11, 1, 'Harbour Gazette', 0), "
         "(12, 1, 'City Review', 0)"_s);
}

void TestOutboxView::cleanup()
{
    m_worker.reset();
    m_store.reset();
    m_dir.reset();
}

void TestOutboxView::exec(const QString &sql, const QVariantList &binds)
{
    QSqlQuery q(m_store->connection());
    QVERIFY2(q.prepare(sql), qPrintable(q.lastError().text()));
    for (int i = 0; i < binds.size(); ++i)
        q.bindValue(i, binds.at(i));
    QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
}

void TestOutboxView::addItem(qint64 id, Id siteId, const QString &summary, const QString &state, const QString &action,
                             int minutesAgo, int attempts, const QString &lastError, const QString &fieldErrors)
{
    const qint64 created = QDateTime::currentDateTimeUtc().addSecs(-60 * minutesAgo).toMSecsSinceEpoch();
    const QString method = action == "create"_L1 ? u"POST"_s : action == "delete"_L1 ? u"DELETE"_s : u"PUT"_s;
    exec(u"INSERT INTO outbox (id, account_id, idempotency_key, method, path, body, entity, entity_id, order_key, action, "
         "base_lock_version, state, attempts, last_error, field_errors, site_id, summary, created_at) "
         "VALUES (?, 1, ?, ?, ?, '{}', 'edition', ?, ?, ?, 3, ?, ?, ?, ?, ?, ?, ?)"_s,
         { id, u"key-%1"_s.arg(id), method, u"/editions/%1"_s.arg(40 + id), 40 + id, u"document:%1"_s.arg(id), action,
           state, attempts, lastError.isNull() ? u""_s : lastError, fieldErrors, siteId, summary, created });
}

void TestOutboxView::addSamples()
{
    addItem(1, 11, u"Edit “Harbour opening” (edition 41)"_s, u"queued"_s, u"update"_s, 3);
    addItem(2, 12, u"New document “Budget 2027”"_s, u"failed"_s, u"create"_s, 125, 1,
            u"The server refused the change: 2 fields are not valid."_s,
            uR"([{"code":"required","message":"A title is required.","field":"/title"},
                 {"code":"max_length","message":"At most 160 characters.","field":"/fields/teaser_text"}])"_s);
    addItem(3, 11, u"Edit “Ferry timetable” (edition 43)"_s, u"conflict"_s, u"update"_s, 40, 1,
            u"Dana Whitfield changed it on the server."_s);
    addItem(4, 11, u"Edit “Old pier” (edition 44)"_s, u"gone"_s, u"update"_s, 60 * 26, 1,
            u"It was deleted on the server."_s);
    addItem(5, 0, u"New schema “Recipe”"_s, u"sending"_s, u"create"_s, 0, 1);
}

void TestOutboxView::load(OutboxView &view)
{
    QTRY_VERIFY(view.model()->hasLoaded() && !view.model()->isLoading());
}

void TestOutboxView::selectId(OutboxView &view, qint64 id)
{
    QVERIFY(view.select(id));
    QCOMPARE(view.currentId(), id);
}

QPushButton *TestOutboxView::button(OutboxView &view, const char *name)
{
    return view.findChild<QPushButton *>(QString::fromLatin1(name));
}

void TestOutboxView::answerConfirmation(QMessageBox::StandardButton answer)
{
    m_confirmationText.clear();
    m_confirmationInformative.clear();
    m_confirmationDefault = QMessageBox::NoButton;
    auto poll = std::make_shared<std::function<void()>>();
    *poll = [this, answer, poll] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (!box || box->objectName() != "discardConfirmation"_L1) {
            QTimer::singleShot(10, this, *poll);
            return;
        }
        m_confirmationText = box->text();
        m_confirmationInformative = box->informativeText();
        m_confirmationDefault = box->standardButton(box->defaultButton());
        box->button(answer)->click();
    };
    QTimer::singleShot(0, this, *poll);
}

void TestOutboxView::emptyOutboxSaysSo()
{
    OutboxView view(m_worker.get());
    QAbstractItemModelTester tester(view.table()->model(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    view.resize(900, 600);
    view.show();
    load(view);
    QVERIFY(view.isEmptyStateShown());
    auto *empty = view.findChild<EmptyState *>(u"outboxEmptyState"_s);
    QVERIFY(empty && empty->isVisible());
    QCOMPARE(empty->title(), u"Nothing waiting to be sent"_s);

    addSamples();
    view.refresh();
    QTRY_VERIFY(!view.isEmptyStateShown());
    QCOMPARE(view.table()->model()->rowCount(), 5);
    QCOMPARE(view.currentId(), qint64(1));   // the first is selected
    QVERIFY(view.table()->isVisible());

    exec(u"DELETE FROM outbox"_s);
    view.refresh();
    QTRY_VERIFY(view.isEmptyStateShown());
    QCOMPARE(view.currentId(), qint64(0));
}

void TestOutboxView::detailsOfARefusedChange()
{
    addSamples();
    OutboxView view(m_worker.get());
    view.resize(900, 600);
    view.show();
    load(view);
    selectId(view, 2);
    QCOMPARE(view.findChild<QLabel *>(u"outboxHeading"_s)->text(), u"New document “Budget 2027”"_s);
    QVERIFY(view.findChild<QLabel *>(u"outboxExplanation"_s)->text().startsWith(u"The server refused this change."_s));
    auto *errors = view.findChild<QLabel *>(u"outboxFieldErrors"_s);
    QVERIFY(errors->isVisible());
    QCOMPARE(errors->text(), u"• Title: A title is required.\n• Teaser text: At most 160 characters."_s);
    const QStringList facts = [&] {
        QStringList texts;
        const auto labels = view.findChild<QWidget *>(u"outboxFacts"_s)->findChildren<QLabel *>();
        for (const QLabel *l : labels)
            texts.append(l->text());
        return texts;
    }();
    QVERIFY(facts.contains(u"City Review"_s));
    QVERIFY(facts.contains(u"Create"_s));
    QVERIFY(facts.contains(u"POST /editions/42"_s));
    QVERIFY(facts.contains(u"The server refused the change: 2 fields are not valid."_s));
    QVERIFY(facts.contains(u"1"_s));   // attempts

    // A queued one has no field errors to show.
    selectId(view, 1);
    QVERIFY(!errors->isVisible());
}

void TestOutboxView::actionsFollowTheState()
{
    addSamples();
    OutboxView view(m_worker.get());
    view.show();
    load(view);
    QSignalSpy retry(&view, &OutboxView::retryRequested);
    QSignalSpy open(&view, &OutboxView::openRequested);
    QSignalSpy resolve(&view, &OutboxView::resolveRequested);
    QPushButton *retryButton = button(view, "outboxRetryButton");
    QPushButton *discardButton = button(view, "outboxDiscardButton");
    QPushButton *openButton = button(view, "outboxOpenButton");

    struct Expect { qint64 id; bool retry, discard, open; const char *openText; };
    const Expect expectations[] = {
        { 1, true, true, false, "Open to Fix" },          // queued
        { 2, true, true, true, "Open to Fix" },           // failed
        { 3, false, true, true, "Resolve Conflict…" },    // conflict
        { 4, false, true, true, "Open to Fix" },          // gone
        { 5, false, false, false, "Open to Fix" },        // sending
    };
    for (const Expect &e : expectations) {
        selectId(view, e.id);
        QVERIFY2(retryButton->isEnabled() == e.retry, qPrintable(u"retry of %1"_s.arg(e.id)));
        QVERIFY2(discardButton->isEnabled() == e.discard, qPrintable(u"discard of %1"_s.arg(e.id)));
        QVERIFY2(openButton->isEnabled() == e.open, qPrintable(u"open of %1"_s.arg(e.id)));
        QCOMPARE(openButton->text().remove(u'&'), QString::fromUtf8(e.openText));
    }

    selectId(view, 1);
    QTest::mouseClick(retryButton, Qt::LeftButton);
    QCOMPARE(retry.size(), 1);
    QCOMPARE(retry.first().first().toLongLong(), qint64(1));
    selectId(view, 2);
    QTest::mouseClick(openButton, Qt::LeftButton);
    QCOMPARE(open.size(), 1);
    QCOMPARE(open.first().first().toLongLong(), qint64(2));
    selectId(view, 3);
    QTest::mouseClick(openButton, Qt::LeftButton);
    QCOMPARE(resolve.size(), 1);
    QCOMPARE(resolve.first().first().toLongLong(), qint64(3));
    QCOMPARE(open.size(), 1);
    selectId(view, 4);
    QTest::mouseClick(openButton, Qt::LeftButton);
    QCOMPARE(open.size(), 2);
    QCOMPARE(open.last().first().toLongLong(), qint64(4));
}

void TestOutboxView::discardAsksFirst()
{
    addSamples();
    OutboxView view(m_worker.get());
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    load(view);
    QSignalSpy discard(&view, &OutboxView::discardRequested);
    selectId(view, 1);

    answerConfirmation(QMessageBox::No);
    QTest::mouseClick(button(view, "outboxDiscardButton"), Qt::LeftButton);
    QCOMPARE(m_confirmationText, u"Discard this change?"_s);
    QVERIFY2(m_confirmationInformative.startsWith(u"Edit “Harbour opening” (edition 41)\n\n"_s),
             qPrintable(m_confirmationInformative));
    QVERIFY(m_confirmationInformative.contains(u"Your changes will be lost"_s));
    QCOMPARE(m_confirmationDefault, QMessageBox::No);
    QCOMPARE(discard.size(), 0);

    selectId(view, 2);
    answerConfirmation(QMessageBox::Yes);
    QTest::mouseClick(button(view, "outboxDiscardButton"), Qt::LeftButton);
    QVERIFY(m_confirmationInformative.contains(u"exists only on this computer and will be removed"_s));
    QCOMPARE(discard.size(), 1);
    QCOMPARE(discard.first().first().toLongLong(), qint64(2));
}

void TestOutboxView::refreshKeepsTheSelection()
{
    addSamples();
    OutboxView view(m_worker.get());
    QAbstractItemModelTester tester(view.table()->model(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    view.show();
    load(view);
    // Sorted by age, youngest first.
    view.table()->sortByColumn(OutboxModel::AgeColumn, Qt::AscendingOrder);
    QCOMPARE(view.table()->model()->index(0, 0).data(OutboxModel::OutboxIdRole).toLongLong(), qint64(5));
    selectId(view, 3);

    // The queued item went out, the conflict was answered with a new error.
    exec(u"DELETE FROM outbox WHERE id = 1"_s);
    exec(u"UPDATE outbox SET attempts = 2, last_error = 'Still in conflict.' WHERE id = 3"_s);
    addItem(6, 12, u"Remark on “Budget 2027”"_s, u"queued"_s, u"add_remark"_s, 0);
    QSignalSpy loaded(view.model(), &OutboxModel::loaded);
    view.refresh();
    QVERIFY(loaded.wait());
    QCOMPARE(view.currentId(), qint64(3));
    QCOMPARE(view.table()->model()->rowCount(), 5);
    const auto labels = view.findChild<QWidget *>(u"outboxFacts"_s)->findChildren<QLabel *>();
    bool shown = false;
    for (const QLabel *l : labels)
        shown = shown || l->text() == "Still in conflict."_L1;
    QVERIFY(shown);
    // Select something that is not loaded yet: it is selected when it arrives.
    addItem(7, 11, u"Late arrival"_s, u"queued"_s, u"update"_s, 0);
    view.refresh();
    QVERIFY(!view.select(7));
    QVERIFY(loaded.wait());
    QCOMPARE(view.currentId(), qint64(7));
}

void TestOutboxView::screenshots()
{
    if (qEnvironmentVariableIsEmpty("GALLEY_SCREENSHOT_DIR"))
        QSKIP("GALLEY_SCREENSHOT_DIR not set");
    {
        OutboxView view(m_worker.get());
        view.resize(960, 640);
        view.show();
        load(view);
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        saveScreenshot(&view, u"outbox-empty-light.png"_s);
    }
    addSamples();
    for (bool dark : { false, true }) {
        ScopedPalette palette(dark ? darkPalette() : lightPalette());
        const QString suffix = dark ? u"-dark"_s : u"-light"_s;
        OutboxView view(m_worker.get());
        view.resize(960, 640);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        load(view);
        selectId(view, 2);
        saveScreenshot(&view, u"outbox-refused%1.png"_s.arg(suffix));
        selectId(view, 3);
        saveScreenshot(&view, u"outbox-conflict%1.png"_s.arg(suffix));
    }
}

QTEST_MAIN(TestOutboxView)
#include "tst_outboxview.moc"
