#pragma once

// SchemaForm's insides, shared by schemaform.cpp (the form, undo, validation) and
// schemaformfields.cpp (one class per kind of editor). Not for use outside SchemaForm.

#include "schemaform.h"
#include "schemaformschema.h"
#include "statepill.h"

#include <QColor>
#include <QHash>
#include <QIcon>
#include <QJsonObject>
#include <QLabel>
#include <QObject>
#include <QPointer>
#include <QStyle>
#include <QTimer>
#include <QUndoStack>
#include <memory>

class QFormLayout;
class QFrame;
class QLayoutItem;
class QScrollArea;
class QVBoxLayout;

namespace Galley::SchemaFormDetail {

// Choice bookkeeping in undo commands: no entry for the pointer / leave the entry alone.
constexpr int kNoEntry = -2;
constexpr int kKeepChoice = -3;

inline const QColor kRed(0xdc, 0x26, 0x26);
inline const QColor kAmber(0xd9, 0x77, 0x06);

// Help text: placeholder colour, a little smaller.
QLabel *makeHint(const QString &text, QWidget *parent);
QLabel *makeCounter(qsizetype max, QWidget *parent);
void showCount(QLabel *counter, qsizetype length, qsizetype max, bool force = false);
// A theme icon, looked up (and checked to paint) once per name.
QIcon formIcon(const QString &name, QStyle::StandardPixmap fallback = QStyle::SP_CustomBase);

// A field's label, with a red "*" after it when the field is required. Plain text with a
// painted star: a form may have hundreds of labels, and rich text labels are costly.
class FieldLabel : public QLabel
{
public:
    FieldLabel(const QString &text, bool required, QWidget *parent);
    bool isRequired() const { return m_required; }
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    int starWidth() const;
    bool m_required;
};
// Hides a widget and deletes it later (it may be the sender of the signal being handled).
void discardWidget(QWidget *w);
void discardItem(QLayoutItem *item);
bool hasFocusWithin(const QWidget *w);

class Form;

enum class EditKind {
    Typing, // mergeable; the editor already shows the new value
    Simple, // one step; the editor already shows it
    Structural, // the form must update widgets (lists, choices, optional groups)
};

enum class FieldStyle {
    Normal,
    Root, // the top-level object: no frame
    Branch, // the object of a chosen oneOf/anyOf branch: no frame of its own
    Item, // a list item
};

// ---------------------------------------------------------------------------------------------
// Fields

// One editor of the form for the value at a JSON pointer. Owns no widgets beyond Qt's parent
// ownership; a parent field places widget() and throws it away when the field goes. Every
// connection uses m_guard as its context, so nothing reaches a field that is gone.
class Field
{
public:
    Field(Form *form, Path path, Sub sub, bool required, QString title);
    virtual ~Field() = default;
    Q_DISABLE_COPY_MOVE(Field)

    const Path &path() const { return m_path; }
    const QString &pointer() const { return m_pointer; }
    const QString &title() const { return m_title; }
    const Sub &sub() const { return m_sub; }
    bool isRequired() const { return m_required; }
    // Shows the "*" (list items and branches are required by their container, not by a name).
    bool showsRequiredMark() const { return m_required && !m_isItem; }

    // What the parent places.
    virtual QWidget *widget() const = 0;
    // A group with its own title: takes the whole row, no label beside it.
    virtual bool spansRow() const { return false; }
    // Carries its own label (a check box): placed in the field column without a label.
    virtual bool hasOwnLabel() const { return false; }
    // The widget that takes the focus for this field; the label's buddy.
    virtual QWidget *focusTarget() const = 0;
    // Shows value (Undefined when absent) without pushing anything.
    virtual void load(const QJsonValue &value) = 0;
    virtual void appendFocusChain(QList<QWidget *> &chain) const
    {
        if (QWidget *w = focusTarget())
            chain.append(w);
    }
    virtual void registerIn(Form &form);
    virtual void restyle();
    // A choice: where the chosen branch is in the schema document, for its detailed problems.
    virtual QString chosenBranchLocation() const { return {}; }
    virtual int labelColumnWidth() const { return 0; }
    virtual void setLabelColumnWidth(int) { }

    void setProblems(const QStringList &messages);
    QString problemText() const;
    const QString &localProblem() const { return m_localProblem; }

protected:
    void commit(const QJsonValue &value, EditKind kind, const QString &what = {});
    // A field's own complaint (text that is not a number yet), shown before the validator's.
    void setLocalProblem(const QString &message);
    // Object name, accessible name, undo keys.
    void prepareEditor(QWidget *editor);
    // The editor (row), with room for an error under it and the description under that.
    QWidget *makeCell(QWidget *parent, QWidget *editor, bool expanding);
    QString description() const { return m_sub.s.value(u"description").toString(); }
    void updateAccessibleDescription();

    Form *m_form;
    Path m_path;
    QString m_pointer;
    Sub m_sub;
    bool m_required;
    bool m_isItem;
    QString m_title;
    QObject m_guard;
    QVBoxLayout *m_problemLayout = nullptr;
    int m_problemIndex = 0;
    QLabel *m_problemLabel = nullptr;
    QStringList m_problems;
    QString m_localProblem;
};

// A slot in a container: the schema of a member or item and the field that shows it, which is
// a raw JSON editor while the value does not have the type the schema wants.
struct Slot
{
    Path path;
    Sub sub;
    bool required = false;
    QString title;
    FieldStyle style = FieldStyle::Normal;
    std::unique_ptr<Field> field;
    bool raw = false;
    QLabel *label = nullptr;
};

// The form's state and machinery behind SchemaForm.
class Form : public SchemaWalker
{
public:
    explicit Form(SchemaForm *form);
    ~Form();
    Q_DISABLE_COPY_MOVE(Form)

    SchemaForm *q;

    // Schema (root and keyOrder: SchemaWalker)
    SchemaValidator validator;
    QString schemaNote;

    // Value
    QJsonObject value;
    // Neither set nor edited yet: a new schema brings its defaults.
    bool pristine = true;
    QHash<QString, int> choices; // the branch the user chose, by pointer (-1: none)
    QSet<QString> touched;
    QJsonValue valueAt(const Path &path) const { return SchemaFormDetail::valueAt(QJsonValue(value), path); }

    // Undo
    QUndoStack ownStack;
    QPointer<QUndoStack> externalStack;
    int session = 0;
    bool pushing = false;
    QString lastTyped;
    QUndoStack *stack() { return externalStack ? externalStack.data() : &ownStack; }
    void edit(const Path &path, const QJsonValue &v, EditKind kind, const QString &text,
              int choice = kKeepChoice);
    void apply(const Path &path, const QJsonValue &v, int choice, bool sync, bool moveFocus);

    // Widgets
    QFrame *banner = nullptr;
    QLabel *bannerTitle = nullptr;
    QLabel *bannerText = nullptr;
    QScrollArea *scroll = nullptr;
    QWidget *content = nullptr;
    QVBoxLayout *contentLayout = nullptr;
    QLabel *headerTitle = nullptr;
    QLabel *headerText = nullptr;
    bool headerVisible = true;
    Slot rootSlot;
    int labelPad = 0;
    QHash<QString, Field *> fields;
    QStringList fieldOrder;
    bool structureDirty = false;

    std::unique_ptr<Field> makeField(Slot &slot, QWidget *parent);
    std::unique_ptr<Field> makeRaw(Slot &slot, QWidget *parent, const QString &note);
    // Makes slot's field fit v. Returns the field it replaced (the caller swaps the widgets).
    std::unique_ptr<Field> refit(Slot &slot, const QJsonValue &v, QWidget *parent);
    QLabel *makeLabel(Field *field, QWidget *parent);
    void watch(QWidget *editor);
    void add(Field *field);
    void rebuild();
    void sync();
    void refreshStructure();
    void focusIfInside(const QString &pointer);
    Field *nearestField(QString pointer) const;
    QColor errorColour() const { return StatePill::toneFor(kRed, q->palette()).text; }
    void restyle();

    // Validation
    QList<SchemaProblem> problems;
    QList<SchemaProblem> unplaced;
    QTimer validateTimer;
    SchemaForm::ProblemDisplay display = SchemaForm::ProblemDisplay::AllFields;
    bool revealAll = false;
    void scheduleValidation() { validateTimer.start(); }
    void validate();
    // oneOf/anyOf only says "no branch matched": ask the chosen branch what is wrong instead.
    QList<SchemaProblem> withBranchDetails(const QList<SchemaProblem> &found);
    const SchemaValidator *branchValidator(const QString &location);
    QHash<QString, SchemaValidator> branchValidators;
    void showProblems();
    void updateBanner();
    QString describePointer(const QString &pointer) const;
};

} // namespace Galley::SchemaFormDetail
