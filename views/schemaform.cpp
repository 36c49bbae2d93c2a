#include "schemaform.h"

#include "schemaform_p.h"

#include <QApplication>
#include <QFormLayout>
#include <QFrame>
#include <QJsonArray>
#include <QJsonDocument>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QScrollArea>
#include <QScrollBar>
#include <QUndoCommand>
#include <QVBoxLayout>
#include <algorithm>

namespace Galley {

using namespace Qt::StringLiterals;

namespace SchemaFormDetail {

constexpr int kTypingCommandId = 0x5346;

// The problem in an editor's words when the validator has them ("Revenue must be at least 0"),
// else its own. (Written against the members SchemaProblem has or may grow.)
template<typename Problem> QString editorSentence(const Problem &p)
{
    if constexpr (requires { p.sentence; }) {
        if (!p.sentence.isEmpty())
            return p.sentence;
    }
    if constexpr (requires { p.editorMessage; }) {
        if (!p.editorMessage.isEmpty())
            return p.editorMessage;
    }
    return {};
}

template<typename Problem> QString problemMessage(const Problem &p)
{
    const QString sentence = editorSentence(p);
    return sentence.isEmpty() ? p.message : sentence;
}

// ---------------------------------------------------------------------------------------------

class ChangeFormValue : public QUndoCommand
{
public:
    ChangeFormValue(SchemaForm *form, Path path, QJsonValue before, QJsonValue after, int choiceBefore,
                    int choiceAfter, int session, bool syncFirst, const QString &text)
        : QUndoCommand(text)
        , m_form(form)
        , m_path(std::move(path))
        , m_pointer(pointerOf(m_path))
        , m_before(std::move(before))
        , m_after(std::move(after))
        , m_choiceBefore(choiceBefore)
        , m_choiceAfter(choiceAfter)
        , m_session(session)
        , m_syncFirst(syncFirst)
    { }

    int id() const override { return m_session >= 0 ? kTypingCommandId : -1; }
    bool mergeWith(const QUndoCommand *other) override
    {
        const auto *o = static_cast<const ChangeFormValue *>(other);
        if (o->m_session != m_session || o->m_pointer != m_pointer || o->m_form != m_form)
            return false;
        m_after = o->m_after;
        setObsolete(m_before == m_after);
        return true;
    }
    void redo() override
    {
        Form *f = form();
        if (!f)
            return;
        f->apply(m_path, m_after, m_choiceAfter, !m_first || m_syncFirst, !m_first);
        m_first = false;
    }
    void undo() override
    {
        if (Form *f = form())
            f->apply(m_path, m_before, m_choiceBefore, true, true);
    }

private:
    Form *form() const { return m_form ? m_form->d.get() : nullptr; }

    QPointer<SchemaForm> m_form;
    Path m_path;
    QString m_pointer;
    QJsonValue m_before;
    QJsonValue m_after;
    int m_choiceBefore;
    int m_choiceAfter;
    int m_session;
    bool m_syncFirst;
    bool m_first = true;
};

// ---------------------------------------------------------------------------------------------
// Form

Form::Form(SchemaForm *form)
    : q(form)
{
    validateTimer.setSingleShot(true);
    validateTimer.setInterval(250);
}

Form::~Form()
{
    QObject::disconnect(&ownStack, nullptr, nullptr, nullptr);
    rootSlot.field.reset();
}

// ---------------------------------------------------------------------------------------------
// Form: fields

std::unique_ptr<Field> Form::refit(Slot &slot, const QJsonValue &v, QWidget *parent)
{
    if (!slot.raw && !fits(slot.sub, v)) {
        QString expected;
        switch (classify(slot.sub)) {
        case Kind::Object:
            expected = SchemaForm::tr("an object");
            break;
        case Kind::Array:
        case Kind::MultiEnum:
            expected = SchemaForm::tr("a list");
            break;
        case Kind::Integer:
            expected = SchemaForm::tr("a whole number");
            break;
        case Kind::Number:
            expected = SchemaForm::tr("a number");
            break;
        case Kind::Boolean:
            expected = SchemaForm::tr("yes or no");
            break;
        case Kind::Choice:
            expected = SchemaForm::tr("one of the choices");
            break;
        default:
            expected = SchemaForm::tr("text");
            break;
        }
        std::unique_ptr<Field> old = std::move(slot.field);
        slot.field = makeRaw(
            slot, parent,
            SchemaForm::tr("The schema expects %1 here; the value is shown as JSON so that nothing is lost.")
                .arg(expected));
        return old;
    }
    if (slot.raw && classify(slot.sub) != Kind::Raw && fits(slot.sub, v)
        && !hasFocusWithin(slot.field->widget())) {
        std::unique_ptr<Field> old = std::move(slot.field);
        slot.field = makeField(slot, parent);
        return old;
    }
    return nullptr;
}

QLabel *Form::makeLabel(Field *field, QWidget *parent)
{
    auto *label
        = new FieldLabel(SchemaForm::tr("%1:").arg(field->title()), field->showsRequiredMark(), parent);
    label->setObjectName(u"label:"_s + field->pointer());
    label->setContentsMargins(0, labelPad, 0, 0);
    if (QWidget *buddy = field->focusTarget())
        label->setBuddy(buddy);
    const QString desc = field->sub().s.value(u"description").toString();
    if (!desc.isEmpty())
        label->setToolTip(desc);
    return label;
}

void Form::watch(QWidget *editor)
{
    editor->installEventFilter(q);
}

void Form::add(Field *field)
{
    if (!fields.contains(field->pointer()))
        fieldOrder.append(field->pointer());
    fields.insert(field->pointer(), field);
}

Field *Form::nearestField(QString pointer) const
{
    for (;;) {
        if (Field *f = fields.value(pointer))
            return f;
        if (pointer.isEmpty())
            return nullptr;
        pointer = JsonText::parentPointer(pointer);
    }
}

void Form::rebuild()
{
    // Keep the place: the focused field and the scroll position.
    QString focused;
    if (QWidget *fw = QApplication::focusWidget(); fw && q->isAncestorOf(fw)) {
        for (auto it = fields.cbegin(); it != fields.cend(); ++it) {
            QWidget *t = it.value()->focusTarget();
            if (t && (t == fw || t->isAncestorOf(fw))) {
                focused = it.key();
                break;
            }
        }
    }
    const int scrollY = scroll->verticalScrollBar()->value();

    fields.clear();
    fieldOrder.clear();
    if (rootSlot.field) {
        QWidget *old = rootSlot.field->widget();
        rootSlot.field.reset();
        contentLayout->removeWidget(old);
        discardWidget(old);
    }
    const QString title = root.value(u"title").toString();
    const QString desc = root.value(u"description").toString();
    headerTitle->setText(title);
    headerTitle->setVisible(headerVisible && !title.isEmpty());
    headerText->setText(desc);
    headerText->setVisible(headerVisible && !desc.isEmpty());

    rootSlot = Slot();
    rootSlot.sub = resolve(root, u"#"_s);
    // The value is always an object.
    if (classify(rootSlot.sub) == Kind::Raw && rootSlot.sub.note.isEmpty()
        && !rootSlot.sub.s.contains(u"type"))
        rootSlot.sub.s.insert(u"type"_s, u"object"_s);
    rootSlot.required = true;
    rootSlot.title = title.isEmpty() ? SchemaForm::tr("Content") : title;
    rootSlot.style = FieldStyle::Root;
    rootSlot.field = makeField(rootSlot, content);
    contentLayout->insertWidget(2, rootSlot.field->widget());
    rootSlot.field->widget()->show();
    structureDirty = true;
    sync();
    if (!focused.isEmpty())
        q->focusField(focused);
    // The new widgets get their sizes on the next turn of the event loop; scroll back then.
    if (scrollY > 0) {
        QTimer::singleShot(0, q, [this, scrollY] {
            scroll->verticalScrollBar()->setValue(scrollY);
            if (QWidget *fw = QApplication::focusWidget(); fw && q->isAncestorOf(fw))
                scroll->ensureWidgetVisible(fw);
        });
    }
}

void Form::sync()
{
    if (!rootSlot.field)
        return;
    const QJsonValue v(value);
    if (std::unique_ptr<Field> old = refit(rootSlot, v, content)) {
        QWidget *oldWidget = old->widget();
        old.reset();
        contentLayout->removeWidget(oldWidget);
        discardWidget(oldWidget);
        contentLayout->insertWidget(2, rootSlot.field->widget());
        rootSlot.field->widget()->show();
        structureDirty = true;
    }
    rootSlot.field->load(v);
    if (structureDirty)
        refreshStructure();
}

void Form::refreshStructure()
{
    structureDirty = false;
    fields.clear();
    fieldOrder.clear();
    rootSlot.field->registerIn(*this);
    // The root object stands for the whole content: its problems go to the list at the top.
    fields.remove(QString());
    fieldOrder.removeAll(QString());
    QList<QWidget *> chain;
    rootSlot.field->appendFocusChain(chain);
    for (qsizetype i = 1; i < chain.size(); ++i)
        QWidget::setTabOrder(chain.at(i - 1), chain.at(i));
    showProblems();
}

void Form::focusIfInside(const QString &pointer)
{
    QWidget *fw = QApplication::focusWidget();
    if (!fw || !q->isAncestorOf(fw))
        return;
    Field *f = nearestField(pointer);
    QWidget *target = f ? f->focusTarget() : nullptr;
    if (!target || target == fw || target->isAncestorOf(fw))
        return;
    target->setFocus(Qt::OtherFocusReason);
    scroll->ensureWidgetVisible(target);
}

void Form::edit(const Path &path, const QJsonValue &v, EditKind kind, const QString &text, int choice)
{
    const QString pointer = pointerOf(path);
    const QJsonValue before = valueAt(path);
    QJsonValue after = v;
    if (after.isUndefined() && !path.isEmpty() && path.last().isIndex())
        after = QJsonValue(QJsonValue::Null);
    const int choiceBefore = choices.value(pointer, kNoEntry);
    const bool choiceChanges = choice != kKeepChoice && choice != choiceBefore;
    if (before == after && !choiceChanges)
        return;
    touched.insert(pointer);
    pristine = false;
    if (kind != EditKind::Typing || pointer != lastTyped)
        ++session;
    lastTyped = kind == EditKind::Typing ? pointer : QString();
    auto *command
        = new ChangeFormValue(q, path, before, after, choiceChanges ? choiceBefore : kKeepChoice,
                              choiceChanges ? choice : kKeepChoice, kind == EditKind::Typing ? session : -1,
                              kind == EditKind::Structural, text);
    pushing = true;
    stack()->push(command);
    pushing = false;
}

void Form::apply(const Path &path, const QJsonValue &v, int choice, bool syncWidgets, bool moveFocus)
{
    value = withValueAt(QJsonValue(value), path, 0, v).toObject();
    const QString pointer = pointerOf(path);
    if (choice == kNoEntry)
        choices.remove(pointer);
    else if (choice != kKeepChoice)
        choices.insert(pointer, choice);
    if (syncWidgets)
        sync();
    if (moveFocus)
        focusIfInside(pointer);
    Q_EMIT q->valueChanged();
    scheduleValidation();
}

void Form::restyle()
{
    if (rootSlot.field)
        rootSlot.field->restyle();
    updateBanner();
}

// ---------------------------------------------------------------------------------------------
// Form: validation

void Form::validate()
{
    validateTimer.stop();
    if (validator.isValid())
        problems = withBranchDetails(
            validator.validateInstance(QJsonDocument(value).toJson(QJsonDocument::Compact)));
    else
        problems.clear();
    showProblems();
    Q_EMIT q->validated();
}

const SchemaValidator *Form::branchValidator(const QString &location)
{
    auto it = branchValidators.find(location);
    if (it == branchValidators.end()) {
        // The whole document moves into the definitions, so that every $ref in it still
        // resolves; the new root only refers to the branch.
        const QString container
            = validator.dialect() == SchemaValidator::kDraft7 ? u"definitions"_s : u"$defs"_s;
        QJsonObject moved = root;
        moved.remove(u"$id"_s);
        moved.remove(u"$schema"_s);
        QJsonObject synthetic;
        for (const QString &key : { u"$schema"_s, u"$id"_s, u"$defs"_s, u"definitions"_s }) {
            if (root.contains(key))
                synthetic.insert(key, root.value(key));
        }
        QJsonObject defs = synthetic.value(container).toObject();
        defs.insert(u"__galley_root"_s, moved);
        synthetic.insert(container, defs);
        const QString ref = u"#/"_s + container + u"/__galley_root"_s + location.mid(1);
        synthetic.insert(u"allOf"_s, QJsonArray { QJsonObject { { u"$ref"_s, ref } } });
        it = branchValidators.insert(
            location, SchemaValidator(QJsonDocument(synthetic).toJson(QJsonDocument::Compact)));
    }
    return it->isValid() ? &*it : nullptr;
}

QList<SchemaProblem> Form::withBranchDetails(const QList<SchemaProblem> &found)
{
    QList<SchemaProblem> out;
    for (const SchemaProblem &p : found) {
        if (p.keyword == u"oneOf"_s || p.keyword == u"anyOf"_s) {
            const Field *f = fields.value(p.pointer);
            const QString location = f ? f->chosenBranchLocation() : QString();
            const SchemaValidator *branch = location.isEmpty() ? nullptr : branchValidator(location);
            QJsonValue v(value);
            for (const QString &t : JsonText::splitPointer(p.pointer).value_or(QStringList()))
                v = v.isArray() ? v.toArray().at(t.toInt()) : v.toObject().value(t);
            if (branch && !v.isUndefined()) {
                const QList<SchemaProblem> inner = branch->validateInstance(compactJson(v).toUtf8());
                if (!inner.isEmpty()) {
                    for (SchemaProblem q : inner) {
                        q.pointer = p.pointer + q.pointer;
                        out.append(q);
                    }
                    continue;
                }
            }
        }
        out.append(p);
    }
    return out;
}

void Form::showProblems()
{
    QHash<Field *, QStringList> at;
    unplaced.clear();
    const bool all = display == SchemaForm::ProblemDisplay::AllFields || revealAll;
    for (const SchemaProblem &p : std::as_const(problems)) {
        QString pointer = p.pointer;
        const bool missing = p.keyword == u"required"_s && !p.property.isEmpty();
        if (missing)
            pointer += u'/' + JsonText::escapePointerToken(p.property);
        Field *f = nearestField(pointer);
        if (!f) {
            unplaced.append(p);
            continue;
        }
        if (!all) {
            const QString fp = f->pointer();
            const bool touchedHere = std::any_of(touched.cbegin(), touched.cend(), [&fp](const QString &t) {
                return t == fp || t.startsWith(fp + u'/');
            });
            if (!touchedHere)
                continue;
        }
        QString message = problemMessage(p);
        if (missing && f->pointer() == pointer && editorSentence(p).isEmpty())
            message = SchemaForm::tr("Required: please fill this in.");
        at[f].append(message);
    }
    for (Field *f : std::as_const(fields))
        f->setProblems(at.value(f));
    updateBanner();
}

QString Form::describePointer(const QString &pointer) const
{
    if (pointer.isEmpty())
        return SchemaForm::tr("The content");
    QStringList parts;
    for (const QString &t : JsonText::splitPointer(pointer).value_or(QStringList())) {
        bool isIndex = false;
        const int i = t.toInt(&isIndex);
        parts.append(isIndex ? SchemaForm::tr("item %1").arg(i + 1) : SchemaForm::labelForName(t));
    }
    return parts.join(u" › "_s);
}

void Form::updateBanner()
{
    QStringList lines;
    QString title;
    QColor hue = kRed;
    if (!schemaNote.isEmpty()) {
        title = schemaNote;
        hue = kAmber;
        const QList<SchemaProblem> &sp = validator.problems();
        for (qsizetype i = 0; i < std::min<qsizetype>(sp.size(), 5); ++i)
            lines.append(u"• "_s + (sp.at(i).pointer.isEmpty() ? QString() : sp.at(i).pointer + u": "_s)
                         + problemMessage(sp.at(i)));
        if (sp.size() > 5)
            lines.append(SchemaForm::tr("… and %1 more.").arg(sp.size() - 5));
    }
    if (!unplaced.isEmpty()) {
        if (title.isEmpty())
            title = SchemaForm::tr("Problems not shown at a field:");
        else
            lines.append(SchemaForm::tr("Problems not shown at a field:"));
        for (const SchemaProblem &p : std::as_const(unplaced)) {
            QString where = describePointer(p.pointer);
            if (p.keyword == u"required"_s && !p.property.isEmpty())
                where = describePointer(p.pointer + u'/' + JsonText::escapePointerToken(p.property));
            // A sentence names its field already.
            const QString sentence = editorSentence(p);
            lines.append(u"• "_s
                         + (sentence.isEmpty() ? SchemaForm::tr("%1: %2").arg(where, p.message) : sentence));
        }
    }
    banner->setVisible(!title.isEmpty());
    if (title.isEmpty())
        return;
    bannerTitle->setText(title);
    bannerText->setText(lines.join(u'\n'));
    bannerText->setVisible(!lines.isEmpty());
    const StatePill::Tone tone = StatePill::toneFor(hue, q->palette());
    QPalette pal = banner->palette();
    pal.setColor(QPalette::Window, tone.background);
    pal.setColor(QPalette::WindowText, q->palette().color(QPalette::WindowText));
    banner->setPalette(pal);
}

} // namespace SchemaFormDetail

// ---------------------------------------------------------------------------------------------
// SchemaForm

using namespace SchemaFormDetail;

SchemaForm::SchemaForm(QWidget *parent)
    : QWidget(parent)
    , d(std::make_unique<Form>(this))
{
    {
        QLineEdit probe;
        d->labelPad = std::max(0, (probe.sizeHint().height() - fontMetrics().height()) / 2);
    }
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->setSpacing(0);

    d->banner = new QFrame(this);
    d->banner->setObjectName(u"problemBanner"_s);
    d->banner->setAutoFillBackground(true);
    d->banner->setFrameShape(QFrame::NoFrame);
    auto *bannerLayout = new QVBoxLayout(d->banner);
    bannerLayout->setContentsMargins(12, 8, 12, 8);
    bannerLayout->setSpacing(2);
    d->bannerTitle = new QLabel(d->banner);
    d->bannerTitle->setObjectName(u"problemBannerTitle"_s);
    d->bannerTitle->setTextFormat(Qt::PlainText);
    d->bannerTitle->setWordWrap(true);
    QFont bold = d->bannerTitle->font();
    bold.setBold(true);
    d->bannerTitle->setFont(bold);
    d->bannerText = new QLabel(d->banner);
    d->bannerText->setObjectName(u"problemBannerText"_s);
    d->bannerText->setTextFormat(Qt::PlainText);
    d->bannerText->setWordWrap(true);
    d->bannerText->setTextInteractionFlags(Qt::TextSelectableByMouse);
    bannerLayout->addWidget(d->bannerTitle);
    bannerLayout->addWidget(d->bannerText);
    d->banner->hide();
    outer->addWidget(d->banner);

    d->scroll = new QScrollArea(this);
    d->scroll->setObjectName(u"formScrollArea"_s);
    d->scroll->setFrameShape(QFrame::NoFrame);
    d->scroll->setWidgetResizable(true);
    d->scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    d->content = new QWidget(d->scroll);
    d->content->setObjectName(u"formContent"_s);
    d->contentLayout = new QVBoxLayout(d->content);
    d->contentLayout->setContentsMargins(16, 12, 16, 16);
    d->contentLayout->setSpacing(8);
    d->headerTitle = new QLabel(d->content);
    d->headerTitle->setObjectName(u"formTitle"_s);
    d->headerTitle->setTextFormat(Qt::PlainText);
    QFont titleFont = d->headerTitle->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.3);
    titleFont.setBold(true);
    d->headerTitle->setFont(titleFont);
    d->headerText = makeHint(QString(), d->content);
    d->headerText->setObjectName(u"formDescription"_s);
    d->headerTitle->hide();
    d->headerText->hide();
    d->contentLayout->addWidget(d->headerTitle);
    d->contentLayout->addWidget(d->headerText);
    d->contentLayout->addStretch(1);
    d->scroll->setWidget(d->content);
    d->scroll->viewport()->setBackgroundRole(QPalette::Window);
    outer->addWidget(d->scroll, 1);

    connect(&d->validateTimer, &QTimer::timeout, this, [this] { d->validate(); });
    connect(&d->ownStack, &QUndoStack::indexChanged, this, [this] {
        if (d && !d->pushing)
            ++d->session;
    });
    connect(qApp, &QApplication::focusChanged, this, [this] {
        if (d) {
            ++d->session;
            d->lastTyped.clear();
        }
    });
    setFocusPolicy(Qt::NoFocus);
    d->rebuild();
}

SchemaForm::~SchemaForm()
{
    d.reset();
}

void SchemaForm::setSchema(const QByteArray &schemaJson)
{
    setSchema(schemaJson, SchemaValidator(schemaJson));
}

void SchemaForm::setSchema(const QJsonObject &schema)
{
    setSchema(QJsonDocument(schema).toJson(QJsonDocument::Compact));
}

void SchemaForm::setSchema(const QByteArray &schemaJson, const SchemaValidator &validator)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(schemaJson, &error);
    d->root = doc.object();
    d->keyOrder = doc.isObject() ? keyOrderOf(schemaJson) : QHash<QString, QStringList>();
    d->validator = validator;
    d->branchValidators.clear();
    if (error.error != QJsonParseError::NoError)
        d->schemaNote
            = tr("The schema is not valid JSON (%1), so there is no form.").arg(error.errorString());
    else if (!doc.isObject())
        d->schemaNote = tr("The schema is not a JSON object, so there is no form.");
    else if (!validator.isValid())
        d->schemaNote
            = tr("The schema has problems: the form may be incomplete and the content cannot be checked.");
    else
        d->schemaNote.clear();
    if (d->pristine)
        d->value = defaultValue(d->root);
    d->rebuild();
    d->validate();
}

QJsonObject SchemaForm::schema() const
{
    return d->root;
}

const SchemaValidator &SchemaForm::validator() const
{
    return d->validator;
}

void SchemaForm::setValue(const QJsonObject &value)
{
    d->value = value;
    d->pristine = false;
    d->choices.clear();
    d->touched.clear();
    d->revealAll = false;
    if (!d->externalStack)
        d->ownStack.clear();
    ++d->session;
    d->sync();
    Q_EMIT valueChanged();
    d->validate();
}

QJsonObject SchemaForm::value() const
{
    return d->value;
}

QJsonObject SchemaForm::defaultValue(const QJsonObject &schema)
{
    SchemaWalker walker;
    walker.root = schema;
    Sub sub = walker.resolve(schema, u"#"_s);
    if (walker.classify(sub) == Kind::Raw && sub.note.isEmpty() && !sub.s.contains(u"type"))
        sub.s.insert(u"type"_s, u"object"_s);
    return walker.defaultFor(sub, false).toObject();
}

void SchemaForm::setUndoStack(QUndoStack *stack)
{
    if (d->externalStack)
        disconnect(d->externalStack, nullptr, this, nullptr);
    d->externalStack = stack;
    if (stack) {
        connect(stack, &QUndoStack::indexChanged, this, [this] {
            if (d && !d->pushing)
                ++d->session;
        });
    }
}

QUndoStack *SchemaForm::undoStack() const
{
    return d->stack();
}

void SchemaForm::setValidationDelay(int milliseconds)
{
    d->validateTimer.setInterval(milliseconds);
}

int SchemaForm::validationDelay() const
{
    return d->validateTimer.interval();
}

void SchemaForm::validateNow()
{
    d->validate();
}

void SchemaForm::setProblemDisplay(ProblemDisplay display)
{
    d->display = display;
    d->showProblems();
}

SchemaForm::ProblemDisplay SchemaForm::problemDisplay() const
{
    return d->display;
}

void SchemaForm::revealAllProblems()
{
    d->revealAll = true;
    d->showProblems();
}

QList<SchemaProblem> SchemaForm::problems() const
{
    return d->problems;
}

QString SchemaForm::errorAt(const QString &pointer) const
{
    const Field *f = d->fields.value(pointer);
    return f ? f->problemText() : QString();
}

QList<SchemaProblem> SchemaForm::unplacedProblems() const
{
    return d->unplaced;
}

QWidget *SchemaForm::editorFor(const QString &pointer) const
{
    const Field *f = d->fields.value(pointer);
    return f ? f->focusTarget() : nullptr;
}

QStringList SchemaForm::fieldPointers() const
{
    return d->fieldOrder;
}

bool SchemaForm::focusField(const QString &pointer)
{
    Field *f = d->nearestField(pointer);
    QWidget *target = f ? f->focusTarget() : nullptr;
    if (!target)
        return false;
    d->scroll->ensureWidgetVisible(target);
    target->setFocus(Qt::OtherFocusReason);
    return true;
}

void SchemaForm::setHeaderVisible(bool visible)
{
    d->headerVisible = visible;
    d->headerTitle->setVisible(visible && !d->headerTitle->text().isEmpty());
    d->headerText->setVisible(visible && !d->headerText->text().isEmpty());
}

QString SchemaForm::labelForName(const QString &name)
{
    QStringList words;
    QString cur;
    const auto flush = [&] {
        if (!cur.isEmpty())
            words.append(cur);
        cur.clear();
    };
    for (qsizetype i = 0; i < name.size(); ++i) {
        const QChar c = name.at(i);
        if (c == u'_' || c == u'-' || c == u' ' || c == u'.') {
            flush();
            continue;
        }
        if (c.isUpper() && !cur.isEmpty() && cur.back().isLower())
            flush();
        cur += c;
    }
    flush();
    static const QSet<QString> acronyms { u"url"_s, u"uri"_s,  u"id"_s,   u"sku"_s,  u"eps"_s,  u"ebitda"_s,
                                          u"pdf"_s, u"html"_s, u"api"_s,  u"isbn"_s, u"faq"_s,  u"ceo"_s,
                                          u"cfo"_s, u"vat"_s,  u"iban"_s, u"ip"_s,   u"json"_s, u"seo"_s };
    for (qsizetype i = 0; i < words.size(); ++i) {
        const QString lower = words.at(i).toLower();
        if (acronyms.contains(lower))
            words[i] = lower.toUpper();
        else if (i == 0)
            words[i] = lower.left(1).toUpper() + lower.mid(1);
        else
            words[i] = lower;
    }
    return words.join(u' ');
}

bool SchemaForm::eventFilter(QObject *watched, QEvent *event)
{
    if (d && (event->type() == QEvent::ShortcutOverride || event->type() == QEvent::KeyPress)) {
        auto *key = static_cast<QKeyEvent *>(event);
        const bool undo = key->matches(QKeySequence::Undo);
        const bool redo = key->matches(QKeySequence::Redo);
        if (undo || redo) {
            if (event->type() == QEvent::ShortcutOverride) {
                event->accept();
                return true;
            }
            QUndoStack *stack = d->stack();
            if (undo && stack->canUndo())
                stack->undo();
            else if (redo && stack->canRedo())
                stack->redo();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void SchemaForm::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (d && (event->type() == QEvent::PaletteChange || event->type() == QEvent::StyleChange))
        d->restyle();
}

} // namespace Galley
