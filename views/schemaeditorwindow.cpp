#include "schemaeditorwindow.h"

#include "icons.h"
#include "jsoneditor.h"
#include "schemadesigner.h"
#include "schemaform.h"

#include "schema/jsonformat.h"
#include "schema/schemadocument.h"
#include "schema/schemaimpact.h"
#include "store/storeworker.h"
#include "sync/syncengine.h"

#include <QAction>
#include <QCloseEvent>
#include <QFormLayout>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QScreen>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QTextBrowser>
#include <QTextDocument>
#include <QToolBar>
#include <QUndoStack>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

using namespace Qt::StringLiterals;

namespace Galley {

namespace {

constexpr int kValidateDelayMs = 300;
constexpr int kPreviewDelayMs = 400;

} // namespace

SchemaEditorWindow::SchemaEditorWindow(StoreWorker *worker, SyncEngine *engine, const ContentSchema &schema,
                                       const QString &readOnlyReason, QWidget *parent)
    : QMainWindow(parent)
    , m_worker(worker)
    , m_engine(engine)
    , m_schema(schema)
    , m_readOnlyReason(readOnlyReason)
    , m_document(new SchemaDocument(this))
    , m_designer(nullptr)
    , m_editor(nullptr)
    , m_preview(new SchemaForm)
    , m_problems(new QListWidget)
    , m_impact(new QTextBrowser)
    , m_sideTabs(new QTabWidget)
    , m_splitter(new QSplitter(Qt::Horizontal))
    , m_name(new QLineEdit)
    , m_description(new QLineEdit)
    , m_dialect(new QLabel)
    , m_status(new QLabel)
{
    setObjectName(u"schemaEditorWindow"_s);
    setAttribute(Qt::WA_DeleteOnClose);

    // The text as its author wrote it; a schema that never had one is shown pretty-printed.
    QString text = schema.specText;
    if (text.isEmpty()) {
        const QJsonObject spec = schema.specDoc.isEmpty()
            ? QJsonObject { { u"$schema"_s, u"https://json-schema.org/draft/2020-12/schema"_s },
                            { u"type"_s, u"object"_s },
                            { u"properties"_s, QJsonObject {} } }
            : schema.specDoc;
        text = QString::fromUtf8(QJsonDocument(spec).toJson(QJsonDocument::Indented));
    }
    // A text with very long lines (a minified schema) is shown formatted, with a notice.
    const JsonEditor::PreparedText prepared = JsonEditor::prepareText(text);
    m_document->setText(prepared.text);
    m_document->undoStack()->setClean();

    m_designer = new SchemaDesigner(m_document);
    m_designer->setObjectName(u"schemaDesigner"_s);
    m_editor = new JsonEditor;
    m_editor->setObjectName(u"schemaJsonEditor"_s);
    m_editor->setDocument(m_document->textDocument());
    m_editor->setUndoStack(m_document->undoStack());
    m_editor->showOpenNotice(prepared);

    // Name and description above the two views.
    auto *header = new QWidget;
    auto *form = new QFormLayout(header);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_name->setObjectName(u"schemaName"_s);
    m_name->setText(schema.name);
    m_name->setPlaceholderText(tr("A name editors recognise, e.g. Financial Report"));
    m_name->setMaxLength(200);
    m_description->setObjectName(u"schemaDescription"_s);
    m_description->setText(schema.description);
    m_description->setPlaceholderText(tr("What content this schema is for (optional)"));
    m_description->setMaxLength(2000);
    auto *nameRow = new QHBoxLayout;
    nameRow->addWidget(m_name, 1);
    m_dialect->setObjectName(u"schemaDialect"_s);
    m_dialect->setForegroundRole(QPalette::PlaceholderText);
    nameRow->addWidget(m_dialect);
    auto *nameLabel = new QLabel(tr("&Name:"));
    nameLabel->setBuddy(m_name);
    form->addRow(nameLabel, nameRow);
    form->addRow(tr("&Description:"), m_description);
    m_savedName = schema.name;
    m_savedDescription = schema.description;

    m_problems->setObjectName(u"schemaProblems"_s);
    m_problems->setWordWrap(true);
    m_problems->setUniformItemSizes(false);
    m_impact->setObjectName(u"schemaImpact"_s);
    m_impact->setOpenLinks(false);
    m_impact->setPlaceholderText(tr("Check Impact validates the content in this workspace against the schema "
                                    "as it is now, before you save it."));
    m_preview->setObjectName(u"schemaPreviewForm"_s);
    // An empty preview is not wrong: problems show where the designer tries the form.
    m_preview->setProblemDisplay(SchemaForm::ProblemDisplay::TouchedFields);
    m_sideTabs->setObjectName(u"schemaSideTabs"_s);
    m_sideTabs->addTab(m_problems, tr("Problems"));
    m_sideTabs->addTab(m_preview, tr("Preview Form"));
    m_sideTabs->addTab(m_impact, tr("Impact"));

    m_splitter->setObjectName(u"schemaSplitter"_s);
    m_splitter->addWidget(m_designer);
    m_splitter->addWidget(m_editor);
    m_splitter->addWidget(m_sideTabs);
    m_splitter->setStretchFactor(0, 4);
    m_splitter->setStretchFactor(1, 4);
    m_splitter->setStretchFactor(2, 3);
    m_splitter->setChildrenCollapsible(false);

    auto *central = new QWidget;
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(6, 6, 6, 0);
    layout->addWidget(header);
    layout->addWidget(m_splitter, 1);
    setCentralWidget(central);
    m_status->setObjectName(u"schemaStatus"_s);
    statusBar()->addWidget(m_status, 1);

    buildActions();

    // Live validation and the preview follow every change, typed or designed.
    m_validateTimer.setSingleShot(true);
    m_validateTimer.setInterval(kValidateDelayMs);
    connect(&m_validateTimer, &QTimer::timeout, this, &SchemaEditorWindow::validateNow);
    m_previewTimer.setSingleShot(true);
    m_previewTimer.setInterval(kPreviewDelayMs);
    connect(&m_previewTimer, &QTimer::timeout, this, &SchemaEditorWindow::refreshPreview);
    connect(m_document->textDocument(), &QTextDocument::contentsChanged, this, [this] {
        scheduleValidation();
        m_impactText.clear();
        updateTitle();
    });
    connect(m_document, &SchemaDocument::treeChanged, this, [this] { m_previewTimer.start(); });
    connect(m_document->undoStack(), &QUndoStack::cleanChanged, this, [this] { updateTitle(); });
    connect(m_name, &QLineEdit::textChanged, this, [this] {
        updateTitle();
        updateSaveState();
    });
    connect(m_description, &QLineEdit::textChanged, this, [this] { updateTitle(); });
    connect(m_problems, &QListWidget::itemActivated, this, [this](QListWidgetItem *item) { jumpToProblem(m_problems->row(item)); });
    connect(m_problems, &QListWidget::itemClicked, this, [this](QListWidgetItem *item) { jumpToProblem(m_problems->row(item)); });
    connect(m_impact, &QTextBrowser::anchorClicked, this, [this](const QUrl &url) {
        if (url.scheme() == "edition"_L1)
            Q_EMIT editionActivated(url.path().toLongLong());
    });
    // The designer and the text follow each other's selection.
    connect(m_designer, &SchemaDesigner::pointerSelected, this, [this](const QString &pointer) {
        const auto range = m_document->textRange(pointer);
        if (range.isValid())
            m_editor->goToOffset(range.keyStart >= 0 ? range.keyStart : range.start);
    });

    updateTitle();
    validateNow();
    refreshPreview();
    // Most of the screen: three panes side by side.
    const QRect available = screen() ? screen()->availableGeometry() : QRect(0, 0, 1600, 960);
    resize(std::max(1400, available.width() * 9 / 10), std::max(860, available.height() * 9 / 10));
}

SchemaEditorWindow::~SchemaEditorWindow() = default;

void SchemaEditorWindow::showEvent(QShowEvent *event)
{
    QMainWindow::showEvent(event);
    if (m_sized)
        return;
    m_sized = true;
    // The designer (a tree and its property panel) needs the most room, the side tabs the least.
    const int total = m_splitter->width();
    m_splitter->setSizes({ total * 46 / 100, total * 31 / 100, total - total * 46 / 100 - total * 31 / 100 });
}

void SchemaEditorWindow::buildActions()
{
    auto *bar = addToolBar(tr("Schema"));
    bar->setObjectName(u"schemaToolBar"_s);
    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);

    m_saveAction = bar->addAction(Icons::get(u"document-save"_s), tr("&Save"), this, &SchemaEditorWindow::save);
    m_saveAction->setObjectName(u"actionSaveSchema"_s);
    m_saveAction->setShortcut(QKeySequence::Save);

    QAction *undo = m_document->undoStack()->createUndoAction(this, tr("&Undo"));
    undo->setIcon(Icons::get(u"edit-undo"_s));
    undo->setShortcuts(QKeySequence::Undo);
    undo->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    QAction *redo = m_document->undoStack()->createRedoAction(this, tr("&Redo"));
    redo->setIcon(Icons::get(u"edit-redo"_s));
    redo->setShortcuts(QKeySequence::Redo);
    redo->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    // The designer's tree owns these keys; the text editor routes its own to the same stack.
    m_designer->addAction(undo);
    m_designer->addAction(redo);
    bar->addAction(undo);
    bar->addAction(redo);
    bar->addSeparator();

    m_impactAction = bar->addAction(Icons::get(u"view-statistics"_s), tr("Check &Impact"), this, &SchemaEditorWindow::checkImpact);
    m_impactAction->setObjectName(u"actionCheckImpact"_s);
    m_impactAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_I));
    m_impactAction->setToolTip(tr("Validate the content in this workspace against the schema as it is now"));

    QAction *close = new QAction(tr("&Close"), this);
    close->setShortcut(QKeySequence::Close);
    connect(close, &QAction::triggered, this, &QWidget::close);
    addAction(close);
    updateSaveState();
}

void SchemaEditorWindow::setConfirmation(Confirmation confirm)
{
    m_confirm = std::move(confirm);
}

bool SchemaEditorWindow::isModified() const
{
    return !m_document->undoStack()->isClean() || m_name->text() != m_savedName
        || m_description->text() != m_savedDescription;
}

QString SchemaEditorWindow::impactSummary() const
{
    return m_impactText;
}

void SchemaEditorWindow::setStatus(const QString &text)
{
    m_status->setText(text);
}

void SchemaEditorWindow::updateTitle()
{
    const QString name = m_name->text().trimmed().isEmpty() ? tr("New Schema") : m_name->text().trimmed();
    setWindowTitle(tr("%1[*] — Schema").arg(name));
    setWindowModified(isModified());
}

void SchemaEditorWindow::updateSaveState()
{
    QString why = m_readOnlyReason;
    if (why.isEmpty() && !m_engine)
        why = tr("This workspace is not connected to a server; connect it (Server › Connect to Server…) to save schemas.");
    if (why.isEmpty() && m_name->text().trimmed().isEmpty())
        why = tr("Give the schema a name first.");
    m_saveAction->setEnabled(why.isEmpty() && !m_saving);
    m_saveAction->setToolTip(why.isEmpty() ? tr("Save the schema (checks its impact first)") : why);
}

void SchemaEditorWindow::scheduleValidation()
{
    m_validateTimer.start();
}

void SchemaEditorWindow::validateNow()
{
    m_validateTimer.stop();
    const quint64 generation = ++m_validationGeneration;
    m_validating = true;
    const QByteArray text = m_document->text().toUtf8();
    auto *watcher = new QFutureWatcher<SchemaValidator::Report>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        if (generation != m_validationGeneration)
            return;   // the text changed meanwhile; a newer check is on its way
        m_validating = false;
        const SchemaValidator::Report report = watcher->result();
        showProblems(report.problems, report.dialect);
        Q_EMIT validated();
    });
    watcher->setFuture(QtConcurrent::run([text] { return SchemaValidator::validateSchema(text); }));
}

void SchemaEditorWindow::showProblems(const QList<SchemaProblem> &problems, const QString &dialect)
{
    m_lastProblems = problems;
    m_lastDialect = dialect;
    m_dialect->setText(dialect.isEmpty() ? QString() : tr("JSON Schema %1").arg(dialect));
    m_problems->clear();
    QList<JsonEditor::Diagnostic> diagnostics;
    const QString &plain = m_document->plainText();
    for (const SchemaProblem &p : problems) {
        JsonEditor::Diagnostic d;
        d.severity = JsonEditor::Severity::Error;
        d.message = p.sentence.isEmpty() ? p.message : p.sentence;
        QString where;
        if (p.keyword == "syntax"_L1) {
            // The validator counts bytes of UTF-8; the editor counts UTF-16 units of the "\n" text.
            const auto &error = m_document->currentError();
            d.start = error ? error->offset : std::max<qsizetype>(0, qMin<qsizetype>(p.offset, plain.size()));
            d.length = 1;
            where = tr("Line %1, column %2").arg(p.line).arg(p.column);
        } else {
            const auto range = m_document->textRange(p.pointer);
            if (range.isValid()) {
                d.start = range.keyStart >= 0 ? range.keyStart : range.start;
                d.length = std::max(1, (range.keyStart >= 0 ? range.start : range.end) - int(d.start));
                if (range.keyStart >= 0)
                    d.length = std::max<qsizetype>(1, range.end - range.keyStart);
            } else {
                d.start = 0;
                d.length = 1;
            }
            where = p.pointer.isEmpty() ? tr("The schema") : p.pointer;
        }
        diagnostics.append(d);
        auto *item = new QListWidgetItem(Icons::get(u"dialog-error"_s), tr("%1\n%2").arg(d.message, where));
        item->setData(Qt::UserRole, d.start);
        item->setToolTip(p.keyword.isEmpty() ? p.message : tr("%1 (keyword: %2)").arg(p.message, p.keyword));
        m_problems->addItem(item);
    }
    m_editor->setDiagnostics(diagnostics);
    m_sideTabs->setTabText(0, problems.isEmpty() ? tr("Problems") : tr("Problems (%1)").arg(problems.size()));
    if (problems.isEmpty())
        setStatus(dialect.isEmpty() ? tr("Valid schema") : tr("Valid JSON Schema %1").arg(dialect));
    else
        setStatus(tr("%n problem(s): see Problems", nullptr, int(problems.size())));
}

void SchemaEditorWindow::jumpToProblem(int row)
{
    QListWidgetItem *item = m_problems->item(row);
    if (!item)
        return;
    m_editor->goToOffset(item->data(Qt::UserRole).toLongLong());
    m_editor->setFocus();
}

void SchemaEditorWindow::refreshPreview()
{
    m_previewTimer.stop();
    if (m_document->isStale())
        return;   // the last good form stays until the text parses again
    m_preview->setSchema(m_document->text().toUtf8());
}

void SchemaEditorWindow::checkImpact()
{
    runImpact([this](qint64, const QString &) { m_sideTabs->setCurrentWidget(m_impact); });
}

void SchemaEditorWindow::runImpact(std::function<void(qint64 failing, const QString &summary)> then)
{
    if (!m_worker) {
        then(0, QString());
        return;
    }
    if (m_schema.id == 0) {
        m_impactText = tr("A new schema: no content uses it yet.");
        m_impact->setPlainText(m_impactText);
        Q_EMIT impactChecked();
        then(0, m_impactText);
        return;
    }
    const Id schemaId = m_schema.id;
    const QByteArray candidate = m_document->text().toUtf8();
    m_impactAction->setEnabled(false);
    setStatus(tr("Checking the content in this workspace…"));
    m_worker->post(
        this, [schemaId, candidate](QSqlDatabase &db) { return SchemaImpact::analyseReplica(db, schemaId, candidate); },
        [this, then = std::move(then)](Result<SchemaImpact> report) {
            m_impactAction->setEnabled(true);
            if (!report) {
                m_impactText = tr("The impact check failed: %1").arg(report.error().message);
                m_impact->setPlainText(m_impactText);
                setStatus(m_impactText);
                Q_EMIT impactChecked();
                then(-1, m_impactText);
                return;
            }
            m_impactText = impactSentence(report.value());
            m_impact->setHtml(impactHtml(report.value(), m_impactText));
            setStatus(m_impactText);
            Q_EMIT impactChecked();
            then(report->failing, m_impactText);
        });
}

QString SchemaEditorWindow::impactSentence(const SchemaImpact &impact)
{
    if (!impact.candidateProblems.isEmpty())
        return tr("The schema has problems; fix them to see its impact.");
    if (impact.failing == 0)
        return tr("No existing content would fail (%n item(s) checked).", nullptr, int(impact.checked));
    QStringList reasons;
    for (const SchemaImpact::FieldCount &f : impact.fields.mid(0, 3)) {
        const QString why = f.exampleSentence.isEmpty() ? f.exampleMessage : f.exampleSentence;
        reasons << tr("%1 (%n item(s))", nullptr, int(f.count)).arg(why);
    }
    return tr("%n existing item(s) would fail", nullptr, int(impact.failing)) + u": "_s + reasons.join(u"; "_s);
}

QString SchemaEditorWindow::impactHtml(const SchemaImpact &impact, const QString &sentence)
{
    QString html = u"<p><b>%1</b></p>"_s.arg(sentence.toHtmlEscaped());
    if (impact.newlyFailing > 0 && impact.newlyFailing != impact.failing)
        html += u"<p>%1</p>"_s.arg(tr("%n of them are valid today.", nullptr, int(impact.newlyFailing)).toHtmlEscaped());
    if (!impact.changes.isEmpty()) {
        html += u"<h4>%1</h4><ul>"_s.arg(tr("What changed").toHtmlEscaped());
        for (const SchemaChange &c : impact.changes)
            html += c.breaking ? u"<li><span style='color:#c0392b'>&#9888;</span> %1</li>"_s.arg(c.sentence.toHtmlEscaped())
                               : u"<li>%1</li>"_s.arg(c.sentence.toHtmlEscaped());
        html += u"</ul>"_s;
    }
    if (!impact.fields.isEmpty()) {
        html += u"<h4>%1</h4><table cellpadding='3'>"_s.arg(tr("Why they fail").toHtmlEscaped());
        for (const SchemaImpact::FieldCount &f : impact.fields) {
            const QString why = f.exampleSentence.isEmpty() ? f.exampleMessage : f.exampleSentence;
            html += u"<tr><td align='right'>%1</td><td><code>%2</code></td><td>%3</td></tr>"_s.arg(
                QString::number(f.count), f.pointer.toHtmlEscaped(), why.toHtmlEscaped());
        }
        html += u"</table>"_s;
    }
    if (!impact.items.isEmpty()) {
        const QString heading = impact.items.size() < impact.failing
            ? tr("Failing editions (the first %n; click one to open it)", nullptr, int(impact.items.size()))
            : tr("Failing editions (click one to open it)");
        html += u"<h4>%1</h4><ul>"_s.arg(heading.toHtmlEscaped());
        for (const SchemaImpact::FailingItem &item : impact.items) {
            const QString first = item.problems.isEmpty()                           ? QString()
                : item.problems.constFirst().sentence.isEmpty() ? item.problems.constFirst().message
                                                                : item.problems.constFirst().sentence;
            html += u"<li><a href='edition:%1'>%2</a> — %3 %4</li>"_s.arg(
                QString::number(item.id), tr("Edition %1").arg(item.id).toHtmlEscaped(), item.state.toHtmlEscaped(),
                first.isEmpty() ? QString() : u"· "_s + first.toHtmlEscaped());
        }
        html += u"</ul>"_s;
    }
    return html;
}

void SchemaEditorWindow::save()
{
    updateSaveState();
    if (!m_saveAction->isEnabled())
        return;
    m_document->reparseNow();
    if (m_document->isStale()) {
        m_sideTabs->setCurrentWidget(m_problems);
        QMessageBox::warning(this, tr("Cannot Save the Schema"),
                             tr("The JSON does not parse. Fix the syntax error shown in the text, then save."));
        return;
    }
    // The checks of the text as it is now, not as it was a moment ago: a check still waiting or
    // running first (off the GUI thread), then saving goes on.
    if (isValidating()) {
        m_saving = true;
        updateSaveState();
        connect(this, &SchemaEditorWindow::validated, this, [this] {
            m_saving = false;
            save();
        }, Qt::SingleShotConnection);
        if (m_validateTimer.isActive())
            validateNow();
        return;
    }
    if (!m_lastProblems.isEmpty()) {
        m_sideTabs->setCurrentWidget(m_problems);
        QMessageBox::warning(this, tr("Cannot Save the Schema"),
                             tr("The schema has %n problem(s). Fix them (see Problems), then save.", nullptr,
                                int(m_lastProblems.size())));
        return;
    }
    m_saving = true;
    updateSaveState();
    runImpact([this](qint64 failing, const QString &summary) {
        if (failing > 0) {
            m_sideTabs->setCurrentWidget(m_impact);
            const QString title = tr("Save a Breaking Change?");
            const QString text = tr("%1\n\nSave anyway? Those items keep their content; editors will have to fix "
                                    "them before they can be published again.")
                                     .arg(summary);
            const bool yes = m_confirm ? m_confirm(title, text)
                                       : QMessageBox::warning(this, title, text, QMessageBox::Save | QMessageBox::Cancel,
                                                              QMessageBox::Cancel)
                                           == QMessageBox::Save;
            if (!yes) {
                m_saving = false;
                updateSaveState();
                setStatus(tr("Not saved."));
                return;
            }
        }
        commitSave();
    });
}

void SchemaEditorWindow::commitSave()
{
    if (!m_engine) {
        m_saving = false;
        updateSaveState();
        return;
    }
    // A file that was one line when opened goes back as one line when the designer chose so.
    const QString text = m_editor->saveAsOneLine() ? JsonFormat::minified(m_document->text()).text : m_document->text();
    const QJsonObject spec = QJsonDocument::fromJson(text.toUtf8()).object();
    QJsonObject body { { u"name"_s, m_name->text().trimmed() },
                       { u"description"_s, m_description->text().trimmed() },
                       { u"spec_doc"_s, spec },
                       { u"spec_text"_s, text } };
    const QString name = m_name->text();
    const QString description = m_description->text();
    const auto done = [this, name, description](Id id, const std::optional<Error> &error) {
        m_saving = false;
        if (error) {
            updateSaveState();
            QMessageBox::warning(this, tr("Cannot Save the Schema"), error->message);
            return;
        }
        m_schema.id = id;
        m_savedName = name;
        m_savedDescription = description;
        m_document->undoStack()->setClean();
        updateTitle();
        updateSaveState();
        setStatus(m_engine && m_engine->status().connection == SyncStatus::Connection::Online
                      ? tr("Saved. Sending it to the server…")
                      : tr("Saved in this workspace. It will be sent to the server when Galley is back online."));
        Q_EMIT saved(id);
    };
    if (m_schema.id == 0) {
        m_engine->createSchema(body, [done](Result<Id> id) {
            if (id)
                done(id.value(), std::nullopt);
            else
                done(0, id.error());
        });
    } else {
        const Id id = m_schema.id;
        m_engine->updateSchema(id, body, [done, id](Status st) {
            if (st)
                done(id, std::nullopt);
            else
                done(id, st.error());
        });
    }
}

void SchemaEditorWindow::closeEvent(QCloseEvent *event)
{
    if (isModified() && !m_saving) {
        const auto answer = QMessageBox::question(
            this, tr("Unsaved Changes"), tr("Save the changes to %1 before closing?").arg(m_name->text().trimmed()),
            QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
        if (answer == QMessageBox::Cancel) {
            event->ignore();
            return;
        }
        if (answer == QMessageBox::Save) {
            event->ignore();
            connect(this, &SchemaEditorWindow::saved, this, &QWidget::close, Qt::SingleShotConnection);
            save();
            return;
        }
    }
    event->accept();
}

} // namespace Galley
