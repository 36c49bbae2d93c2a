#include "jsoneditor.h"

#include "gotolinedialog.h"
#include "icons.h"
#include "jsoncodeview.h"
#include "jsonfindbar.h"
#include "jsonhighlighter.h"
#include "noticebar.h"
#include "schema/jsonformat.h"

#include <QAction>
#include <QFutureWatcher>
#include <QLineEdit>
#include <QLocale>
#include <QMetaEnum>
#include <QPushButton>
#include <QScrollBar>
#include <QTextBlock>
#include <QTextDocument>
#include <QTimer>
#include <QUndoStack>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <functional>

namespace Galley {

using namespace Qt::StringLiterals;

namespace {

QString sizeText(qsizetype characters)
{
    // JSON is nearly all ASCII: characters are close enough to bytes for a notice.
    return QLocale().formattedDataSize(characters, 1, QLocale::DataSizeSIFormat);
}

QString placeText(QStringView text, qsizetype offset)
{
    const JsonFormat::LineColumn lc = JsonFormat::lineColumn(text, offset);
    return JsonEditor::tr("Line %1, column %2")
        .arg(QLocale().toString(lc.line), QLocale().toString(lc.column));
}

struct MatchList
{
    QList<qsizetype> starts;
    bool capped = false;
};

} // namespace

JsonEditor::JsonEditor(QWidget *parent)
    : QWidget(parent)
    , m_view(new JsonCodeView(this))
    , m_notice(new NoticeBar(this))
    , m_findBar(new JsonFindBar(this))
    , m_ownDocument(new QTextDocument(this))
    , m_countTimer(new QTimer(this))
{
    setObjectName(u"jsonEditor"_s);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_notice);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_findBar);
    m_findBar->hide();
    setFocusProxy(m_view);

    m_countTimer->setSingleShot(true);
    m_countTimer->setInterval(150);
    connect(m_countTimer, &QTimer::timeout, this, &JsonEditor::countMatches);

    createActions();
    m_view->setEscapeHandler([this](bool apply) { return handleEscape(apply); });
    connect(m_view, &QPlainTextEdit::cursorPositionChanged, this, [this] {
        Q_EMIT cursorOffsetChanged(cursorOffset());
        if (m_findBar->isVisible())
            updateMatchInfo();
    });

    connect(m_findBar, &JsonFindBar::patternChanged, this, &JsonEditor::onPatternChanged);
    connect(m_findBar, &JsonFindBar::findNextRequested, this, &JsonEditor::findNext);
    connect(m_findBar, &JsonFindBar::findPreviousRequested, this, &JsonEditor::findPrevious);
    connect(m_findBar, &JsonFindBar::replaceRequested, this, &JsonEditor::replaceCurrent);
    connect(m_findBar, &JsonFindBar::replaceAllRequested, this, &JsonEditor::replaceAll);
    connect(m_findBar, &JsonFindBar::closeRequested, this, &JsonEditor::hideFind);

    setDocument(nullptr);
}

JsonEditor::~JsonEditor()
{
    for (const QMetaObject::Connection &c : std::as_const(m_documentConnections))
        disconnect(c);
    for (const QMetaObject::Connection &c : std::as_const(m_stackConnections))
        disconnect(c);
}

void JsonEditor::createActions()
{
    const auto make = [this](Command command, const QString &text, const QList<QKeySequence> &keys,
                             const QString &icon, std::function<void()> handler) {
        auto *action = new QAction(text, this);
        action->setObjectName(u"jsonEditor"_s
                              + QString::fromLatin1(QMetaEnum::fromType<Command>().valueToKey(int(command))));
        action->setShortcuts(keys);
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        if (!icon.isEmpty())
            action->setIcon(Icons::get(icon));
        connect(action, &QAction::triggered, this, std::move(handler));
        addAction(action);
        Q_ASSERT(m_actions.size() == int(command));
        m_actions.append(action);
    };
    QList<QKeySequence> redoKeys = QKeySequence::keyBindings(QKeySequence::Redo);
    if (!redoKeys.contains(QKeySequence(Qt::CTRL | Qt::Key_Y)))
        redoKeys.append(QKeySequence(Qt::CTRL | Qt::Key_Y));
    make(Command::Undo, tr("&Undo"), QKeySequence::keyBindings(QKeySequence::Undo), u"edit-undo"_s,
         [this] { undo(); });
    make(Command::Redo, tr("&Redo"), redoKeys, u"edit-redo"_s, [this] { redo(); });
    make(Command::Format, tr("&Format"), { QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F) },
         u"format-indent-more"_s, [this] { format(); });
    make(Command::Minify, tr("&Minify"), {}, u"format-indent-less"_s, [this] { minify(); });
    make(Command::GoToLine, tr("&Go to Line…"), { QKeySequence(Qt::CTRL | Qt::Key_L) }, u"go-jump"_s,
         [this] { showGoToLine(); });
    make(Command::Find, tr("&Find…"), QKeySequence::keyBindings(QKeySequence::Find), u"edit-find"_s,
         [this] { showFind(); });
    make(Command::Replace, tr("&Replace…"), { QKeySequence(Qt::CTRL | Qt::Key_H) }, u"edit-find-replace"_s,
         [this] { showReplace(); });
    make(Command::FindNext, tr("Find &Next"), QKeySequence::keyBindings(QKeySequence::FindNext), {},
         [this] { findNext(); });
    make(Command::FindPrevious, tr("Find Pre&vious"), QKeySequence::keyBindings(QKeySequence::FindPrevious),
         {}, [this] { findPrevious(); });
    make(Command::FoldAll, tr("Fold &All"), {}, {}, [this] { foldAll(); });
    make(Command::UnfoldAll, tr("U&nfold All"), {}, {}, [this] { unfoldAll(); });

    m_view->setCommandActions(m_actions);
    m_view->setUndoRedoActions(action(Command::Undo), action(Command::Redo));
    m_view->setContextMenuActions({ action(Command::Format), action(Command::Minify), nullptr,
                                    action(Command::Find), action(Command::Replace),
                                    action(Command::GoToLine), nullptr, action(Command::FoldAll),
                                    action(Command::UnfoldAll) });
}

QAction *JsonEditor::action(Command command) const
{
    return m_actions.value(int(command));
}

QPlainTextEdit *JsonEditor::textEdit() const
{
    return m_view;
}

QString JsonEditor::definitionName() const
{
    return m_view->definitionName();
}

bool JsonEditor::isHighlightingIdle() const
{
    return m_view->highlighter()->isIdle() && m_view->highlighter()->isVisibleUpToDate();
}

// ---------------------------------------------------------------- document and undo

void JsonEditor::setDocument(QTextDocument *document)
{
    if (!document)
        document = m_ownDocument;
    for (const QMetaObject::Connection &c : std::as_const(m_documentConnections))
        disconnect(c);
    m_documentConnections.clear();
    m_document = document;
    m_view->attachDocument(document);
    m_documentConnections << connect(document, &QTextDocument::contentsChange, this,
                                     &JsonEditor::onContentsChange);
    m_documentConnections << connect(document, &QTextDocument::undoAvailable, this,
                                     &JsonEditor::updateUndoActions);
    m_documentConnections << connect(document, &QTextDocument::redoAvailable, this,
                                     &JsonEditor::updateUndoActions);
    if (document != m_ownDocument) {
        // A document that goes away leaves the editor on its own (empty) document.
        m_documentConnections << connect(document, &QObject::destroyed, this,
                                         [this] { setDocument(nullptr); });
    }
    ++m_revision;
    m_view->detectIndentUnit();
    updateUndoActions();
}

QTextDocument *JsonEditor::document() const
{
    return m_document;
}

void JsonEditor::setUndoStack(QUndoStack *stack)
{
    for (const QMetaObject::Connection &c : std::as_const(m_stackConnections))
        disconnect(c);
    m_stackConnections.clear();
    m_undoStack = stack;
    if (stack) {
        m_stackConnections << connect(stack, &QUndoStack::canUndoChanged, this,
                                      &JsonEditor::updateUndoActions);
        m_stackConnections << connect(stack, &QUndoStack::canRedoChanged, this,
                                      &JsonEditor::updateUndoActions);
        m_stackConnections << connect(stack, &QObject::destroyed, this, [this] { setUndoStack(nullptr); });
    }
    updateUndoActions();
}

QUndoStack *JsonEditor::undoStack() const
{
    return m_undoStack;
}

void JsonEditor::updateUndoActions()
{
    const bool editable = !m_view->isReadOnly();
    bool canUndo = false;
    bool canRedo = false;
    if (m_undoStack) {
        canUndo = m_undoStack->canUndo();
        canRedo = m_undoStack->canRedo();
    } else if (m_document) {
        canUndo = m_document->isUndoAvailable();
        canRedo = m_document->isRedoAvailable();
    }
    action(Command::Undo)->setEnabled(editable && canUndo);
    action(Command::Redo)->setEnabled(editable && canRedo);
}

void JsonEditor::updateReadOnlyActions()
{
    const bool editable = !m_view->isReadOnly();
    for (Command c : { Command::Format, Command::Minify, Command::Replace })
        action(c)->setEnabled(editable);
    m_findBar->setReadOnly(!editable);
    updateUndoActions();
}

void JsonEditor::undo()
{
    if (m_view->isReadOnly())
        return;
    if (!m_undoStack) {
        m_view->undo();
        return;
    }
    // The stack changes the text through its own cursor: put ours where the change was.
    m_trackingUndo = true;
    m_undoCursor = -1;
    m_undoStack->undo();
    m_trackingUndo = false;
    if (m_undoCursor >= 0)
        moveCursor(m_undoCursor, false);
}

void JsonEditor::redo()
{
    if (m_view->isReadOnly())
        return;
    if (!m_undoStack) {
        m_view->redo();
        return;
    }
    m_trackingUndo = true;
    m_undoCursor = -1;
    m_undoStack->redo();
    m_trackingUndo = false;
    if (m_undoCursor >= 0)
        moveCursor(m_undoCursor, false);
}

void JsonEditor::onContentsChange(int position, int charsRemoved, int charsAdded)
{
    Q_UNUSED(charsRemoved);
    ++m_revision;
    m_snapshot = QString(); // a copy of a large text is not kept around while typing
    m_countValid = false;
    if (m_trackingUndo)
        m_undoCursor = position + charsAdded;
    if (m_findBar->isVisible() && !m_findBar->findText().isEmpty())
        m_countTimer->start();
}

// ---------------------------------------------------------------- text

JsonEditor::PreparedText JsonEditor::prepareText(const QString &text)
{
    PreparedText prepared;
    prepared.originalSize = text.size();
    prepared.originalLongestLine = JsonFormat::longestLine(text);
    prepared.originalLines = int(text.count(u'\n')) + (text.endsWith(u'\n') ? 0 : 1);
    if (prepared.originalLongestLine < LongLineThreshold) {
        prepared.text = text;
        return prepared;
    }
    JsonFormat::Options options;
    options.partial = true;
    options.finalNewline = text.endsWith(u'\n');
    JsonFormat::Output out = JsonFormat::reformat(text, options);
    if (!out.ok)
        prepared.error = placeText(text, out.errorOffset) + u": "_s + out.errorMessage;
    if (!out.text.isEmpty() && JsonFormat::longestLine(out.text) < prepared.originalLongestLine) {
        prepared.text = std::move(out.text);
        prepared.reformatted = true;
    } else {
        prepared.text = text;
    }
    return prepared;
}

bool JsonEditor::openText(const QString &text)
{
    PreparedText prepared = prepareText(text);
    m_view->unfoldAll();
    m_document->setPlainText(prepared.text);
    m_view->detectIndentUnit();
    QTextCursor cursor(m_document);
    m_view->setTextCursor(cursor);
    m_saveAsOneLine = false;
    const bool reformatted = prepared.reformatted;
    showOpenNotice(prepared);
    return reformatted;
}

void JsonEditor::showOpenNotice(const PreparedText &prepared)
{
    m_prepared = prepared;
    m_prepared.text.clear(); // only the facts are kept
    m_reformatted = prepared.reformatted;
    if (prepared.originalLongestLine < LongLineThreshold) {
        if (m_notice->isVisible())
            m_notice->hide();
        return;
    }
    if (!prepared.reformatted) {
        const QString size = sizeText(prepared.originalLongestLine);
        m_notice->showMessage(
            NoticeBar::Kind::Warning,
            prepared.error.isEmpty()
                ? tr("This file has a line of %1 that formatting cannot shorten (a long string). Editing that "
                     "line is slow.")
                      .arg(size)
                : tr("This file has a line of %1 and is not JSON that Galley can format (%2). Editing that line "
                     "is slow.")
                      .arg(size, prepared.error));
        return;
    }
    showReformattedNotice();
}

void JsonEditor::showReformattedNotice()
{
    const PreparedText &p = m_prepared;
    QString what = p.originalLines <= 1
                       ? tr("This file is a single line of %1.").arg(sizeText(p.originalSize))
                       : tr("This file has lines of up to %1.").arg(sizeText(p.originalLongestLine));
    QString shown = p.error.isEmpty()
        ? tr("Galley shows it formatted, so that it stays fast to edit.")
        : tr("Galley shows it formatted up to its first syntax error (%1), so that it stays fast "
             "to edit.")
              .arg(p.error);
    const QString saving = m_saveAsOneLine ? tr("Saving writes it as one line again.")
                                           : tr("Saving writes the formatted text.");
    m_notice->showMessage(NoticeBar::Kind::Information, what + u' ' + shown + u' ' + saving);
    QPushButton *keep = m_notice->addButton(m_saveAsOneLine ? tr("Save Formatted") : tr("Keep Formatted"));
    keep->setObjectName(u"keepFormattedButton"_s);
    connect(keep, &QPushButton::clicked, this, [this] {
        if (m_saveAsOneLine) {
            m_saveAsOneLine = false;
            Q_EMIT saveAsOneLineChanged(false);
        }
        m_notice->hide();
    });
    if (p.error.isEmpty() && !m_saveAsOneLine) {
        QPushButton *oneLine = m_notice->addButton(tr("Save as One Line"));
        oneLine->setObjectName(u"saveAsOneLineButton"_s);
        oneLine->setToolTip(tr("Keep editing the formatted text, and minify it again when saving."));
        connect(oneLine, &QPushButton::clicked, this, [this] {
            m_saveAsOneLine = true;
            Q_EMIT saveAsOneLineChanged(true);
            showReformattedNotice();
        });
    }
}

QString JsonEditor::text() const
{
    return snapshot();
}

const QString &JsonEditor::snapshot() const
{
    if (m_snapshotRevision != m_revision) {
        m_snapshot = m_document ? m_document->toRawText() : QString();
        m_snapshot.replace(QChar::ParagraphSeparator, u'\n');
        m_snapshotRevision = m_revision;
    }
    return m_snapshot;
}

void JsonEditor::setReadOnly(bool readOnly)
{
    m_view->setReadOnly(readOnly);
    updateReadOnlyActions();
}

bool JsonEditor::isReadOnly() const
{
    return m_view->isReadOnly();
}

void JsonEditor::replaceText(const QString &newText, qsizetype cursorAt)
{
    // Only the part that differs is replaced: fewer lines to lay out and highlight again.
    const QString &old = snapshot();
    qsizetype prefix = 0;
    const qsizetype common = qMin(old.size(), newText.size());
    while (prefix < common && old[prefix] == newText[prefix])
        ++prefix;
    qsizetype suffix = 0;
    while (suffix < common - prefix && old[old.size() - 1 - suffix] == newText[newText.size() - 1 - suffix])
        ++suffix;
    QTextCursor cursor(m_document);
    cursor.beginEditBlock();
    cursor.setPosition(int(prefix));
    cursor.setPosition(int(old.size() - suffix), QTextCursor::KeepAnchor);
    cursor.insertText(newText.mid(prefix, newText.size() - prefix - suffix));
    cursor.endEditBlock();
    if (cursorAt >= 0) {
        QTextCursor c(m_document);
        c.setPosition(int(std::clamp<qsizetype>(cursorAt, 0, m_document->characterCount() - 1)));
        m_view->setTextCursor(c);
        m_view->ensureCursorVisible();
    }
}

bool JsonEditor::reformat(bool pretty)
{
    if (m_view->isReadOnly())
        return false;
    const QString &text = snapshot();
    JsonFormat::Options options;
    options.style = pretty ? JsonFormat::Style::Pretty : JsonFormat::Style::Minified;
    options.offset = cursorOffset();
    options.finalNewline = true;
    const JsonFormat::Output out = JsonFormat::reformat(text, options);
    if (!out.ok) {
        const qsizetype errorAt = out.errorOffset;
        m_notice->showMessage(NoticeBar::Kind::Error,
                              (pretty ? tr("Cannot format: %1: %2") : tr("Cannot minify: %1: %2"))
                                  .arg(placeText(text, errorAt), out.errorMessage));
        QPushButton *go = m_notice->addButton(tr("Go to Error"));
        go->setObjectName(u"goToErrorButton"_s);
        connect(go, &QPushButton::clicked, this, [this, errorAt] {
            goToOffset(errorAt);
            m_notice->hide();
        });
        return false;
    }
    if (m_notice->isVisible() && m_notice->kind() == NoticeBar::Kind::Error)
        m_notice->hide();
    if (out.text == text)
        return true;
    m_view->unfoldAll();
    replaceText(out.text, out.mappedOffset);
    m_view->detectIndentUnit();
    if (!pretty && out.text.size() >= LongLineThreshold) {
        m_notice->showMessage(
            NoticeBar::Kind::Warning,
            tr("The text is now one line of %1: editing it is slow. Format it to edit comfortably.")
                .arg(sizeText(out.text.size())));
    }
    return true;
}

bool JsonEditor::format()
{
    return reformat(true);
}

bool JsonEditor::minify()
{
    return reformat(false);
}

// ---------------------------------------------------------------- diagnostics and navigation

void JsonEditor::setDiagnostics(const QList<Diagnostic> &diagnostics)
{
    QList<JsonCodeView::Mark> marks;
    marks.reserve(qMin<qsizetype>(diagnostics.size(), JsonCodeView::MaxMarks));
    const qsizetype end = m_document->characterCount() - 1;
    for (const Diagnostic &d : diagnostics) {
        if (marks.size() >= JsonCodeView::MaxMarks)
            break;
        JsonCodeView::Mark mark;
        mark.range = QTextCursor(m_document);
        mark.range.setPosition(int(std::clamp<qsizetype>(d.start, 0, end)));
        mark.range.setPosition(int(std::clamp<qsizetype>(d.start + qMax<qsizetype>(0, d.length), 0, end)),
                               QTextCursor::KeepAnchor);
        mark.error = d.severity == Severity::Error;
        mark.message = d.message;
        marks.append(mark);
    }
    m_view->setMarks(std::move(marks));
}

QList<JsonEditor::Diagnostic> JsonEditor::diagnostics() const
{
    QList<Diagnostic> result;
    const QList<JsonCodeView::Mark> &marks = m_view->marks();
    result.reserve(marks.size());
    for (const JsonCodeView::Mark &mark : marks) {
        result.append({ mark.range.selectionStart(), mark.range.selectionEnd() - mark.range.selectionStart(),
                        mark.error ? Severity::Error : Severity::Warning, mark.message });
    }
    return result;
}

qsizetype JsonEditor::cursorOffset() const
{
    return m_view->textCursor().position();
}

void JsonEditor::goToOffset(qsizetype offset)
{
    moveCursor(offset, true);
    m_view->setFocus(Qt::OtherFocusReason);
}

void JsonEditor::moveCursor(qsizetype offset, bool center)
{
    QTextCursor cursor(m_document);
    cursor.setPosition(int(std::clamp<qsizetype>(offset, 0, m_document->characterCount() - 1)));
    m_view->revealBlock(cursor.block());
    m_view->setTextCursor(cursor);
    if (center)
        m_view->centerCursor();
    else
        m_view->ensureCursorVisible();
}

void JsonEditor::goToLineColumn(int line, int column)
{
    const QTextBlock block = m_document->findBlockByNumber(qBound(1, line, m_document->blockCount()) - 1);
    goToOffset(block.position() + qBound(0, column - 1, block.length() - 1));
}

void JsonEditor::showGoToLine()
{
    auto *dialog = new GoToLineDialog(m_document->blockCount(), m_view->textCursor().blockNumber() + 1, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        if (dialog->line() > 0)
            goToLineColumn(dialog->line(), dialog->column());
    });
    dialog->open();
}

void JsonEditor::selectRange(qsizetype start, qsizetype end)
{
    QTextCursor cursor(m_document);
    cursor.setPosition(int(start));
    m_view->revealBlock(cursor.block());
    cursor.setPosition(int(end), QTextCursor::KeepAnchor);
    m_view->setTextCursor(cursor);
    m_view->ensureCursorVisible();
}

// ---------------------------------------------------------------- folding

bool JsonEditor::fold(int blockNumber)
{
    return m_view->foldBlock(m_document->findBlockByNumber(blockNumber));
}

void JsonEditor::unfold(int blockNumber)
{
    m_view->unfoldBlock(m_document->findBlockByNumber(blockNumber));
}

bool JsonEditor::isFolded(int blockNumber) const
{
    return m_view->isFolded(m_document->findBlockByNumber(blockNumber));
}

void JsonEditor::foldAll()
{
    m_view->foldAll();
}

void JsonEditor::unfoldAll()
{
    m_view->unfoldAll();
}

// ---------------------------------------------------------------- find and replace

bool JsonEditor::handleEscape(bool apply)
{
    if (m_findBar->isVisible()) {
        if (apply)
            hideFind();
        return true;
    }
    if (m_notice->isVisible() && m_notice->kind() == NoticeBar::Kind::Error) {
        if (apply)
            m_notice->hide();
        return true;
    }
    return false;
}

void JsonEditor::showFind()
{
    m_findBar->setReplaceVisible(false);
    const QTextCursor cursor = m_view->textCursor();
    if (cursor.hasSelection() && !cursor.selectedText().contains(QChar::ParagraphSeparator))
        m_findBar->setFindText(cursor.selectedText());
    m_findBar->show();
    m_findBar->focusFind();
    onPatternChanged();
}

void JsonEditor::showReplace()
{
    showFind();
    m_findBar->setReplaceVisible(!m_view->isReadOnly());
}

void JsonEditor::hideFind()
{
    m_findBar->hide();
    m_countTimer->stop();
    m_view->setSearchPattern(QRegularExpression());
    m_view->setFocus(Qt::OtherFocusReason);
}

QRegularExpression JsonEditor::searchExpression(QString *error) const
{
    const QString text = m_findBar->findText();
    if (text.isEmpty())
        return QRegularExpression();
    QString pattern = m_findBar->regularExpression() ? text : QRegularExpression::escape(text);
    if (m_findBar->wholeWords())
        pattern = u"\\b(?:"_s + pattern + u")\\b"_s;
    QRegularExpression::PatternOptions options = QRegularExpression::UseUnicodePropertiesOption;
    if (!m_findBar->caseSensitive())
        options |= QRegularExpression::CaseInsensitiveOption;
    QRegularExpression re(pattern, options);
    if (!re.isValid()) {
        if (error)
            *error = re.errorString();
        return QRegularExpression();
    }
    return re;
}

void JsonEditor::onPatternChanged()
{
    QString error;
    const QRegularExpression re = searchExpression(&error);
    if (!error.isEmpty()) {
        m_findBar->setError(error);
        m_view->setSearchPattern(QRegularExpression());
        return;
    }
    m_view->setSearchPattern(re);
    m_countValid = false;
    m_matchStarts.clear();
    if (m_findBar->findText().isEmpty()) {
        m_findBar->setMatchInfo(0, 0, false);
        return;
    }
    // As you type: the match at (or after) where the current one starts.
    QTextCursor cursor = m_view->textCursor();
    cursor.setPosition(cursor.selectionStart());
    m_view->setTextCursor(cursor);
    find(false);
    m_countTimer->start();
}

bool JsonEditor::findNext()
{
    if (!m_findBar->isVisible() || m_findBar->findText().isEmpty()) {
        showFind();
        return false;
    }
    return find(false);
}

bool JsonEditor::findPrevious()
{
    if (!m_findBar->isVisible() || m_findBar->findText().isEmpty()) {
        showFind();
        return false;
    }
    return find(true);
}

bool JsonEditor::find(bool backward)
{
    const QRegularExpression re = searchExpression();
    if (!re.isValid() || re.pattern().isEmpty())
        return false;
    const QString &text = snapshot();
    const QTextCursor cursor = m_view->textCursor();
    qsizetype start = -1;
    qsizetype end = -1;
    if (!backward) {
        const auto firstFrom = [&](qsizetype from, qsizetype limit) {
            QRegularExpressionMatchIterator it = re.globalMatchView(text, from);
            while (it.hasNext()) {
                const QRegularExpressionMatch m = it.next();
                if (m.capturedStart() >= limit)
                    break;
                if (m.capturedLength() > 0) {
                    start = m.capturedStart();
                    end = m.capturedEnd();
                    return true;
                }
            }
            return false;
        };
        // From the cursor; an empty selection at a match start finds that match.
        const qsizetype from = cursor.hasSelection() ? cursor.selectionEnd() : cursor.position();
        if (!firstFrom(from, text.size() + 1))
            firstFrom(0, from);
    } else {
        const qsizetype before = cursor.selectionStart();
        const auto lastIn = [&](qsizetype windowStart, qsizetype limit) {
            QRegularExpressionMatchIterator it
                = re.globalMatchView(QStringView(text).first(limit), windowStart);
            bool found = false;
            while (it.hasNext()) {
                const QRegularExpressionMatch m = it.next();
                if (m.capturedLength() > 0) {
                    start = m.capturedStart();
                    end = m.capturedEnd();
                    found = true;
                }
            }
            return found;
        };
        // Look back in growing windows, then wrap to the end.
        bool found = false;
        for (qsizetype window = 4096; !found; window *= 8) {
            const qsizetype windowStart = qMax<qsizetype>(0, before - window);
            found = lastIn(windowStart, before);
            if (windowStart == 0)
                break;
        }
        if (!found)
            lastIn(before, text.size());
    }
    if (start < 0)
        return false;
    selectRange(start, end);
    updateMatchInfo();
    return true;
}

QString JsonEditor::expandReplacement(const QRegularExpressionMatch &match) const
{
    const QString replacement = m_findBar->replaceText();
    if (!m_findBar->regularExpression())
        return replacement;
    // \1…\9 and $1…$9 are groups, \0 and $0 the whole match; \n, \t and \\ are what they say.
    QString result;
    result.reserve(replacement.size());
    for (qsizetype i = 0; i < replacement.size(); ++i) {
        const QChar c = replacement[i];
        if ((c == u'\\' || c == u'$') && i + 1 < replacement.size()) {
            const QChar next = replacement[i + 1];
            if (next.isDigit()) {
                result += match.captured(next.digitValue());
                ++i;
                continue;
            }
            if (c == u'\\') {
                if (next == u'n')
                    result += u'\n';
                else if (next == u't')
                    result += u'\t';
                else
                    result += next;
                ++i;
                continue;
            }
        }
        result += c;
    }
    return result;
}

bool JsonEditor::replaceCurrent()
{
    if (m_view->isReadOnly())
        return false;
    const QRegularExpression re = searchExpression();
    if (!re.isValid() || re.pattern().isEmpty())
        return false;
    QTextCursor cursor = m_view->textCursor();
    if (cursor.hasSelection()) {
        const QString &text = snapshot();
        const QRegularExpressionMatch m =
            re.matchView(text, cursor.selectionStart(), QRegularExpression::NormalMatch,
                         QRegularExpression::AnchorAtOffsetMatchOption);
        if (m.hasMatch() && m.capturedStart() == cursor.selectionStart()
            && m.capturedEnd() == cursor.selectionEnd()) {
            cursor.insertText(expandReplacement(m));
            m_view->setTextCursor(cursor);
        }
    }
    return find(false);
}

int JsonEditor::replaceAll()
{
    if (m_view->isReadOnly())
        return 0;
    const QRegularExpression re = searchExpression();
    if (!re.isValid() || re.pattern().isEmpty())
        return 0;
    const QString &text = snapshot();
    struct Hit
    {
        qsizetype start;
        qsizetype end;
        QString replacement;
    };
    QList<Hit> hits;
    QRegularExpressionMatchIterator it = re.globalMatchView(text);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        if (m.capturedLength() > 0)
            hits.append({ m.capturedStart(), m.capturedEnd(), expandReplacement(m) });
    }
    if (hits.isEmpty()) {
        m_findBar->setMatchInfo(0, 0, false);
        return 0;
    }
    m_view->unfoldAll();
    const int position = m_view->textCursor().position();
    QTextCursor cursor(m_document);
    cursor.beginEditBlock();
    if (hits.size() <= 2000) {
        for (auto h = hits.crbegin(); h != hits.crend(); ++h) {
            cursor.setPosition(int(h->start));
            cursor.setPosition(int(h->end), QTextCursor::KeepAnchor);
            cursor.insertText(h->replacement);
        }
    } else {
        // Many matches: one replacement of the span they cover.
        QString span;
        qsizetype at = hits.first().start;
        for (const Hit &h : std::as_const(hits)) {
            span += QStringView(text).sliced(at, h.start - at);
            span += h.replacement;
            at = h.end;
        }
        cursor.setPosition(int(hits.first().start));
        cursor.setPosition(int(hits.last().end), QTextCursor::KeepAnchor);
        cursor.insertText(span);
    }
    cursor.endEditBlock();
    QTextCursor c(m_document);
    c.setPosition(qMin(position, m_document->characterCount() - 1));
    m_view->setTextCursor(c);
    m_findBar->setMatchInfo(0, 0, false);
    m_countTimer->start();
    return int(hits.size());
}

void JsonEditor::countMatches()
{
    if (!m_findBar->isVisible())
        return;
    const QRegularExpression re = searchExpression();
    if (!re.isValid() || re.pattern().isEmpty())
        return;
    // The text is copied (a few milliseconds for megabytes); the counting runs on a worker.
    const QString text = snapshot();
    const quint64 revision = m_revision;
    auto *watcher = new QFutureWatcher<MatchList>(this);
    connect(watcher, &QFutureWatcher<MatchList>::finished, this, [this, watcher, revision, re] {
        watcher->deleteLater();
        if (revision != m_revision || re != searchExpression())
            return; // stale: a newer count is coming
        const MatchList result = watcher->result();
        m_matchStarts = result.starts;
        m_matchesCapped = result.capped;
        m_countValid = true;
        m_countRevision = revision;
        updateMatchInfo();
    });
    watcher->setFuture(QtConcurrent::run([text, re] {
        MatchList result;
        QRegularExpressionMatchIterator it = re.globalMatch(text);
        while (it.hasNext()) {
            const QRegularExpressionMatch m = it.next();
            if (m.capturedLength() == 0)
                continue;
            if (result.starts.size() >= MaxCountedMatches) {
                result.capped = true;
                break;
            }
            result.starts.append(m.capturedStart());
        }
        return result;
    }));
}

void JsonEditor::updateMatchInfo()
{
    if (!m_countValid || m_countRevision != m_revision) {
        if (!m_countTimer->isActive() && m_findBar->isVisible() && !m_findBar->findText().isEmpty())
            m_countTimer->start();
        return;
    }
    const QTextCursor cursor = m_view->textCursor();
    int current = 0;
    if (cursor.hasSelection()) {
        const auto it = std::lower_bound(m_matchStarts.cbegin(), m_matchStarts.cend(),
                                         qsizetype(cursor.selectionStart()));
        if (it != m_matchStarts.cend() && *it == cursor.selectionStart())
            current = int(it - m_matchStarts.cbegin()) + 1;
    }
    m_findBar->setMatchInfo(current, int(m_matchStarts.size()), m_matchesCapped);
}

} // namespace Galley
