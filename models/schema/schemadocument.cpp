#include "schemadocument.h"

#include <QAbstractTextDocumentLayout>
#include <QTextCursor>
#include <QTextDocument>
#include <QTimer>
#include <QUndoCommand>
#include <QUndoStack>

#include <algorithm>

namespace Galley {

using namespace Qt::StringLiterals;

namespace {

Error documentError(const char *code, const QString &message)
{
    return Error { QString::fromLatin1(code), message };
}

// The keywords of a schema object in the order they are usually written; a new keyword
// goes in front of the first existing one that comes after it.
int keywordRank(QStringView key)
{
    static const QStringView order[] = {
        u"$schema", u"$id", u"$anchor", u"$ref", u"title", u"description", u"type", u"enum", u"const",
        u"default", u"examples", u"format", u"pattern", u"minLength", u"maxLength", u"minimum",
        u"exclusiveMinimum", u"maximum", u"exclusiveMaximum", u"multipleOf", u"items", u"prefixItems",
        u"minItems", u"maxItems", u"uniqueItems", u"required", u"properties", u"additionalProperties",
        u"oneOf", u"anyOf", u"allOf", u"$defs", u"definitions",
    };
    for (int i = 0; i < int(std::size(order)); ++i) {
        if (order[i] == key)
            return i;
    }
    return -1;
}

// The text of [position, position + length) as the document holds it, with "\n"
// where one block ends and the next begins.
QString documentText(QTextDocument *document, int position, int length)
{
    if (length <= 0)
        return {};
    QTextCursor cursor(document);
    cursor.setPosition(position);
    cursor.setPosition(position + length, QTextCursor::KeepAnchor);
    QString text = cursor.selectedText();
    text.replace(QChar::ParagraphSeparator, u'\n');
    return text;
}

// QTextDocument reports changes (contentsChange) only while it has a layout. Until a view
// sets its own (QPlainTextDocumentLayout), this one does no layout work at all.
class NullDocumentLayout : public QAbstractTextDocumentLayout
{
public:
    using QAbstractTextDocumentLayout::QAbstractTextDocumentLayout;
    void draw(QPainter *, const PaintContext &) override { }
    int hitTest(const QPointF &, Qt::HitTestAccuracy) const override { return -1; }
    int pageCount() const override { return 1; }
    QSizeF documentSize() const override { return {}; }
    QRectF frameBoundingRect(QTextFrame *) const override { return {}; }
    QRectF blockBoundingRect(const QTextBlock &) const override { return {}; }

protected:
    void documentChanged(int, int, int) override { }
};

} // namespace

// Text typed (or pasted, deleted, replaced) in an editor. It is pushed after the change
// happened, so its first redo does nothing. Keystrokes that continue each other merge.
class TextChangeCommand : public QUndoCommand
{
public:
    enum class Kind { Typing, Backspace, Delete, Other };

    TextChangeCommand(SchemaDocument *document, int position, const QString &removed, const QString &added)
        : m_document(document)
        , m_position(position)
        , m_removed(removed)
        , m_added(added)
    {
        if (removed.isEmpty() && added.size() == 1 && added != u"\n"_s)
            m_kind = Kind::Typing;
        else if (added.isEmpty() && removed.size() == 1)
            m_kind = Kind::Backspace;   // or Delete: decided when the next one merges
        else
            m_kind = Kind::Other;
        setText(SchemaDocument::tr("Typing"));
    }

    int id() const override { return 0x4a54; }

    bool mergeWith(const QUndoCommand *command) override
    {
        const auto *other = static_cast<const TextChangeCommand *>(command);
        if (other->m_document != m_document)
            return false;
        if (m_kind == Kind::Typing && other->m_kind == Kind::Typing
            && other->m_position == m_position + m_added.size()) {
            m_added += other->m_added;
            return true;
        }
        const bool deletion = m_kind == Kind::Backspace || m_kind == Kind::Delete;
        if (deletion && other->m_kind == Kind::Backspace && other->m_removed.size() == 1) {
            if (m_kind == Kind::Backspace && other->m_position + 1 == m_position) {
                m_position = other->m_position;
                m_removed.prepend(other->m_removed);
                return true;
            }
            if (other->m_position == m_position) {   // Delete: the text after moves in
                m_kind = Kind::Delete;
                m_removed.append(other->m_removed);
                return true;
            }
        }
        return false;
    }

    void redo() override
    {
        if (m_done) {
            m_done = false;
            return;
        }
        m_document->applyReplacements({ JsonText::Replacement { m_position, int(m_removed.size()), m_added } });
    }

    void undo() override
    {
        m_document->applyReplacements({ JsonText::Replacement { m_position, int(m_added.size()), m_removed } });
    }

private:
    SchemaDocument *m_document;
    int m_position;
    QString m_removed;
    QString m_added;
    Kind m_kind;
    bool m_done = true;
};

// A designer edit: minimal replacements computed by JsonText, and their inverse.
class JsonEditCommand : public QUndoCommand
{
public:
    JsonEditCommand(SchemaDocument *document, const JsonText::Edit &edit, const QString &text)
        : m_document(document)
        , m_forward(edit)
        , m_backward(JsonText::inverse(document->plainText(), edit))
    {
        setText(text);
    }

    void redo() override { m_document->applyReplacements(m_forward); }
    void undo() override { m_document->applyReplacements(m_backward); }

private:
    SchemaDocument *m_document;
    JsonText::Edit m_forward;
    JsonText::Edit m_backward;
};

SchemaDocument::SchemaDocument(QObject *parent)
    : QObject(parent)
    , m_document(new QTextDocument(this))
    , m_undoStack(new QUndoStack(this))
    , m_parseTimer(new QTimer(this))
{
    m_document->setUndoRedoEnabled(false);
    m_document->setDocumentLayout(new NullDocumentLayout(m_document));
    m_parseTimer->setSingleShot(true);
    m_parseTimer->setInterval(250);
    connect(m_parseTimer, &QTimer::timeout, this, &SchemaDocument::parse);
    connect(m_document, &QTextDocument::contentsChange, this, &SchemaDocument::onContentsChange);
    setText(u"{}"_s);
}

SchemaDocument::~SchemaDocument()
{
    // The commands refer to this document; drop them before it goes.
    m_undoStack->clear();
    disconnect(m_document, nullptr, this, nullptr);
}

void SchemaDocument::setText(const QString &text)
{
    m_crlf = text.contains(u"\r\n"_s);
    QString plain = text;
    plain.replace(u"\r\n"_s, u"\n"_s);
    // What QTextDocument would turn into a block break anyway.
    for (const QChar c : { QChar(u'\r'), QChar(QChar::ParagraphSeparator), QChar(0xfdd0), QChar(0xfdd1) })
        plain.replace(c, u'\n');
    m_undoStack->clear();
    m_applying = true;
    m_document->setPlainText(plain);
    m_applying = false;
    m_text = plain;
    parse();
}

QString SchemaDocument::text() const
{
    if (!m_crlf)
        return m_text;
    QString out = m_text;
    out.replace(u"\n"_s, u"\r\n"_s);
    return out;
}

void SchemaDocument::onContentsChange(int position, int charsRemoved, int charsAdded)
{
    if (m_applying)
        return;
    const int oldLength = int(m_text.size());
    const int newLength = m_document->characterCount() - 1;
    int removedCount = charsRemoved;
    int addedCount = charsAdded;
    // QTextDocument may count the final block's separator in a change at the end.
    const int excess = std::max(position + removedCount - oldLength, position + addedCount - newLength);
    if (excess > 0) {
        removedCount -= excess;
        addedCount -= excess;
    }
    QString removed;
    QString added;
    int at = position;
    if (position < 0 || removedCount < 0 || addedCount < 0 || oldLength - removedCount + addedCount != newLength) {
        // Not a change we can place: compare the whole text.
        const QString now = documentText(m_document, 0, newLength);
        int prefix = 0;
        const int common = std::min(oldLength, newLength);
        while (prefix < common && m_text.at(prefix) == now.at(prefix))
            ++prefix;
        int suffix = 0;
        while (suffix < common - prefix && m_text.at(oldLength - 1 - suffix) == now.at(newLength - 1 - suffix))
            ++suffix;
        at = prefix;
        removed = m_text.mid(prefix, oldLength - prefix - suffix);
        added = now.mid(prefix, newLength - prefix - suffix);
    } else {
        removed = m_text.mid(position, removedCount);
        added = documentText(m_document, position, addedCount);
        // Format-only changes (a highlighter) report text that did not change.
        qsizetype prefix = 0;
        const qsizetype common = std::min(removed.size(), added.size());
        while (prefix < common && removed.at(prefix) == added.at(prefix))
            ++prefix;
        qsizetype suffix = 0;
        while (suffix < common - prefix
               && removed.at(removed.size() - 1 - suffix) == added.at(added.size() - 1 - suffix))
            ++suffix;
        if (prefix || suffix) {
            at += int(prefix);
            removed = removed.mid(prefix, removed.size() - prefix - suffix);
            added = added.mid(prefix, added.size() - prefix - suffix);
        }
    }
    if (removed.isEmpty() && added.isEmpty())
        return;
    m_text.replace(at, removed.size(), added);
    recordTyping(at, removed, added);
}

void SchemaDocument::recordTyping(int position, const QString &removed, const QString &added)
{
    m_undoStack->push(new TextChangeCommand(this, position, removed, added));
    scheduleParse(false);
}

void SchemaDocument::applyReplacements(const JsonText::Edit &edit)
{
    if (edit.isEmpty())
        return;
    m_applying = true;
    QTextCursor cursor(m_document);
    cursor.beginEditBlock();
    for (auto it = edit.crbegin(); it != edit.crend(); ++it) {
        cursor.setPosition(it->position);
        cursor.setPosition(it->position + it->removedLength, QTextCursor::KeepAnchor);
        if (it->insertedText.isEmpty())
            cursor.removeSelectedText();
        else
            cursor.insertText(it->insertedText);
        m_text.replace(it->position, it->removedLength, it->insertedText);
    }
    cursor.endEditBlock();
    m_applying = false;
    int delta = 0;
    for (qsizetype i = 0; i + 1 < edit.size(); ++i)
        delta += int(edit.at(i).insertedText.size()) - edit.at(i).removedLength;
    const int start = edit.constFirst().position;
    const int end = edit.constLast().position + delta + int(edit.constLast().insertedText.size());
    scheduleParse(true);
    Q_EMIT changeApplied(start, end - start);
}

void SchemaDocument::scheduleParse(bool immediately)
{
    if (immediately || m_text.size() < kDebounceThreshold)
        parse();
    else
        m_parseTimer->start();
}

void SchemaDocument::reparseNow()
{
    if (m_parseTimer->isActive())
        parse();
}

void SchemaDocument::parse()
{
    m_parseTimer->stop();
    JsonText::Document parsed = JsonText::Document::parse(m_text);
    const bool wasStale = isStale();
    if (parsed.isValid()) {
        m_tree = std::move(parsed);
        m_error.reset();
        if (wasStale)
            Q_EMIT staleChanged(false);
        Q_EMIT treeChanged();
    } else {
        m_error = *parsed.error();
        if (!wasStale)
            Q_EMIT staleChanged(true);
        Q_EMIT syntaxError(*m_error);
    }
}

Status SchemaDocument::checkCurrent() const
{
    const_cast<SchemaDocument *>(this)->reparseNow();
    if (m_error) {
        return documentError("schema_text_invalid",
                             tr("The JSON text has an error at line %1, column %2 (%3). Fix it before editing "
                                "in the designer.")
                                 .arg(m_error->line)
                                 .arg(m_error->column)
                                 .arg(m_error->message));
    }
    if (!m_tree.isValid())
        return documentError("schema_text_invalid", tr("The document has no JSON text yet."));
    return {};
}

Result<int> SchemaDocument::nodeFor(const QString &pointer) const
{
    const int n = m_tree.find(pointer);
    if (n < 0)
        return documentError("schema_pointer_not_found", tr("The schema has nothing at “%1”.").arg(pointer));
    return n;
}

bool SchemaDocument::contains(const QString &pointer) const
{
    return m_tree.find(pointer) >= 0;
}

QJsonValue SchemaDocument::value(const QString &pointer) const
{
    const int n = m_tree.find(pointer);
    return n < 0 ? QJsonValue(QJsonValue::Undefined) : m_tree.value(n);
}

SchemaDocument::TextRange SchemaDocument::textRange(const QString &pointer) const
{
    const int n = m_tree.find(pointer);
    if (n < 0)
        return {};
    const JsonText::Node &node = m_tree.node(n);
    return TextRange { node.start, node.end, node.keyStart };
}

QString SchemaDocument::pointerAt(int position) const
{
    const int n = m_tree.nodeAt(position);
    return n < 0 ? QString() : m_tree.pointer(n);
}

int SchemaDocument::memberInsertIndex(const QString &objectPointer, const QString &key) const
{
    const int object = m_tree.find(objectPointer);
    if (object < 0 || m_tree.node(object).kind != JsonText::Kind::Object)
        return -1;
    const int rank = keywordRank(key);
    if (rank < 0)
        return -1;
    // In front of the first keyword that comes after it; else after the last one before it.
    const int count = m_tree.node(object).childCount;
    int afterLastBefore = -1;
    for (int r = 0; r < count; ++r) {
        const int other = keywordRank(m_tree.key(m_tree.child(object, r)));
        if (other > rank)
            return r;
        if (other >= 0)
            afterLastBefore = r + 1;
    }
    return afterLastBefore < count ? afterLastBefore : -1;
}

Status SchemaDocument::applyEdit(const JsonText::Edit &edit, const QString &commandText)
{
    if (edit.isEmpty())
        return {};
    for (const JsonText::Replacement &r : edit) {
        if (r.position < 0 || r.removedLength < 0 || r.position + r.removedLength > m_text.size())
            return documentError("schema_edit_invalid", tr("The change does not fit the text."));
    }
    m_undoStack->push(new JsonEditCommand(this, edit, commandText.isEmpty() ? tr("Edit schema") : commandText));
    return {};
}

Status SchemaDocument::setValue(const QString &pointer, const QJsonValue &value, const QString &commandText)
{
    if (auto st = checkCurrent(); !st)
        return st;
    const QString key = JsonText::lastToken(pointer);
    const QString text = commandText.isEmpty() ? tr("Change “%1”").arg(key) : commandText;
    const int n = m_tree.find(pointer);
    if (n >= 0) {
        if (value.isUndefined())
            return remove(pointer, commandText);
        const auto edit = m_tree.replaceValue(n, value);
        return edit ? applyEdit(*edit, text) : Status(edit.error());
    }
    if (value.isUndefined())
        return {};
    const QString parent = JsonText::parentPointer(pointer);
    const auto p = nodeFor(parent);
    if (!p)
        return p.error();
    const JsonText::Node &container = m_tree.node(*p);
    if (container.kind == JsonText::Kind::Object) {
        const auto edit = m_tree.insertMember(*p, memberInsertIndex(parent, key), key, value);
        return edit ? applyEdit(*edit, text) : Status(edit.error());
    }
    if (container.kind == JsonText::Kind::Array && (key == u"-"_s || key == QString::number(container.childCount))) {
        const auto edit = m_tree.insertItem(*p, -1, value);
        return edit ? applyEdit(*edit, text) : Status(edit.error());
    }
    return documentError("schema_pointer_not_found", tr("The schema has nothing at “%1”.").arg(pointer));
}

Status SchemaDocument::insertMember(const QString &objectPointer, int index, const QString &key,
                                    const QJsonValue &value, const QString &commandText)
{
    if (auto st = checkCurrent(); !st)
        return st;
    const auto object = nodeFor(objectPointer);
    if (!object)
        return object.error();
    const auto edit = m_tree.insertMember(*object, index, key, value);
    if (!edit)
        return edit.error();
    return applyEdit(*edit, commandText.isEmpty() ? tr("Add “%1”").arg(key) : commandText);
}

Status SchemaDocument::remove(const QString &pointer, const QString &commandText)
{
    if (auto st = checkCurrent(); !st)
        return st;
    const auto n = nodeFor(pointer);
    if (!n)
        return n.error();
    const auto edit = m_tree.remove(*n);
    if (!edit)
        return edit.error();
    return applyEdit(*edit, commandText.isEmpty() ? tr("Remove “%1”").arg(JsonText::lastToken(pointer)) : commandText);
}

Status SchemaDocument::rename(const QString &pointer, const QString &newKey, const QString &commandText)
{
    if (auto st = checkCurrent(); !st)
        return st;
    const auto n = nodeFor(pointer);
    if (!n)
        return n.error();
    const auto edit = m_tree.renameMember(*n, newKey);
    if (!edit)
        return edit.error();
    return applyEdit(*edit, commandText.isEmpty() ? tr("Rename “%1” to “%2”").arg(JsonText::lastToken(pointer), newKey)
                                                  : commandText);
}

Status SchemaDocument::move(const QString &pointer, const QString &toObjectPointer, int index,
                            const QString &commandText)
{
    if (auto st = checkCurrent(); !st)
        return st;
    const auto n = nodeFor(pointer);
    if (!n)
        return n.error();
    const auto target = nodeFor(toObjectPointer);
    if (!target)
        return target.error();
    const auto edit = m_tree.node(*n).isMember() ? m_tree.moveMember(*n, *target, index)
        : m_tree.node(*n).parent == *target      ? m_tree.moveItem(*n, index)
                                                 : Result<JsonText::Edit>(documentError(
                                                       "schema_edit_invalid", tr("Items can only be reordered.")));
    if (!edit)
        return edit.error();
    return applyEdit(*edit, commandText.isEmpty() ? tr("Move “%1”").arg(JsonText::lastToken(pointer)) : commandText);
}

Status SchemaDocument::insertItem(const QString &arrayPointer, int index, const QJsonValue &value,
                                  const QString &commandText)
{
    if (auto st = checkCurrent(); !st)
        return st;
    const auto array = nodeFor(arrayPointer);
    if (!array)
        return array.error();
    const auto edit = m_tree.insertItem(*array, index, value);
    if (!edit)
        return edit.error();
    return applyEdit(*edit, commandText.isEmpty() ? tr("Add an item to “%1”").arg(JsonText::lastToken(arrayPointer))
                                                  : commandText);
}

Status SchemaDocument::transaction(const QString &commandText, const std::function<Status()> &steps)
{
    if (auto st = checkCurrent(); !st)
        return st;
    m_undoStack->beginMacro(commandText);
    ++m_transactionDepth;
    const Status st = steps();
    --m_transactionDepth;
    m_undoStack->endMacro();
    if (m_transactionDepth > 0)
        return st;   // the outermost transaction cleans up
    const QUndoCommand *macro = m_undoStack->command(m_undoStack->index() - 1);
    if (!st || (macro && macro->childCount() == 0)) {
        // Undo what ran, then drop the macro: an obsolete command is deleted, not redone.
        m_undoStack->undo();
        if (auto *undone = const_cast<QUndoCommand *>(m_undoStack->command(m_undoStack->index()))) {
            undone->setObsolete(true);
            m_undoStack->redo();
        }
    }
    return st;
}

} // namespace Galley
