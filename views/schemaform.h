#pragma once

#include "schema/schemavalidator.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QStringList>
#include <QWidget>
#include <memory>

class QUndoStack;

namespace Galley {

namespace SchemaFormDetail {
class Form;
class ChangeFormValue;
} // namespace SchemaFormDetail

// A form generated from a content schema (JSON Schema Draft 7, 2019-09 or 2020-12) that edits
// one content value, a JSON object.
//
// Each property becomes a fitting editor: text (single or multi-line, Markdown with a live
// preview), spin boxes within the bounds, check boxes, combo boxes for enumerations, date,
// date-time, e-mail and URI fields, lists with Add / Remove / Move up / Move down, group boxes
// for nested objects, and a choice for `oneOf`/`anyOf` that swaps the sub-form. `$ref` into the
// document (`$defs`, `definitions`) and `allOf` are resolved. Required properties carry a
// visible "*" and say so to assistive technology; titles and descriptions become labels and
// help text; new values start from the schema's defaults.
//
// The JSON is the single source of truth. Each edit is one QUndoCommand on the undo stack
// (typing in one field merges into one command); undo and redo update the widgets. A value the
// schema does not describe (unknown members, values of the wrong type) is kept untouched, and
// switching a choice drops exactly the members of the branch left behind.
//
// A short while after each change the value is checked with the SchemaValidator; each problem
// is shown under the field its JSON pointer names, problems no field stands for are listed at
// the top. Keyboard only works throughout: the tab order runs top to bottom, undo/redo keys in
// any field act on the form's stack, a date field opens its calendar with Alt+Down.
//
// The insides stay out of this header (namespace SchemaFormDetail): schemaformschema.h reads
// the schema, schemaform_p.h declares the form's state and the field base class,
// schemaformfields.cpp has one class per kind of editor.
class SchemaForm : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SchemaForm)
public:
    // Which validator problems are shown at their fields.
    enum class ProblemDisplay {
        AllFields, // every problem (the default: editing content that exists)
        TouchedFields, // only at fields the user has changed (a new, empty value)
    };
    Q_ENUM(ProblemDisplay)

    explicit SchemaForm(QWidget *parent = nullptr);
    ~SchemaForm() override;

    // Builds the form for a schema and checks it with a new SchemaValidator. The JSON text is
    // the best input: fields appear in the order of the text (a QJsonObject sorts its keys, so
    // the QJsonObject overload shows them alphabetically). The current value is kept, and so
    // are the focused field and the scroll position where they still exist; until a value is
    // set or edited, the value is the schema's defaultValue(). A schema that is not valid still
    // gets a best-effort form, with its problems listed at the top.
    void setSchema(const QByteArray &schemaJson);
    void setSchema(const QJsonObject &schema);
    // As above with a validator compiled elsewhere (e.g. cached by schema id and lock version).
    void setSchema(const QByteArray &schemaJson, const SchemaValidator &validator);
    QJsonObject schema() const;
    const SchemaValidator &validator() const;

    // Shows a value. Widgets are updated in place where the shape is unchanged and rebuilt
    // where it is not (another number of list items, another choice). Not undoable: on the
    // form's own undo stack it clears the history; on a shared stack it pushes nothing.
    void setValue(const QJsonObject &value);
    QJsonObject value() const;

    // The value a new content item of `schema` starts with: `default`s, `const`s, required
    // objects, lists, booleans (false) and strings (empty). $refs are resolved within schema.
    static QJsonObject defaultValue(const QJsonObject &schema);

    // The stack edits are pushed to; the form has its own until one is set (the form does not
    // take ownership). Passing nullptr goes back to the form's own stack.
    void setUndoStack(QUndoStack *stack);
    QUndoStack *undoStack() const;

    // How long after the last change the value is checked (ms, default 250).
    void setValidationDelay(int milliseconds);
    int validationDelay() const;
    // Checks now instead of after the delay (e.g. before saving).
    void validateNow();

    void setProblemDisplay(ProblemDisplay display);
    ProblemDisplay problemDisplay() const;
    // Shows problems at every field from now on, e.g. after a failed save in TouchedFields mode.
    void revealAllProblems();

    // The last check's problems, pointers into the value.
    QList<SchemaProblem> problems() const;
    // The text shown under the field at `pointer` ("/period/year"); empty when it shows none.
    QString errorAt(const QString &pointer) const;
    // The problems listed at the top, because no field of the form stands for them.
    QList<SchemaProblem> unplacedProblems() const;

    // The widget that edits the value at `pointer` (the one that takes focus); null when the
    // form shows no field there.
    QWidget *editorFor(const QString &pointer) const;
    // Pointers of the fields the form shows, top to bottom.
    QStringList fieldPointers() const;
    // Moves the focus to the field at pointer (or its nearest shown ancestor) and scrolls it
    // into view; false when there is none.
    bool focusField(const QString &pointer);

    // The schema's title and description above the fields (shown by default).
    void setHeaderVisible(bool visible);

    // The label of a property without a title: "operating_profit" → "Operating profit".
    static QString labelForName(const QString &name);

Q_SIGNALS:
    // After every change of value(): an edit, undo, redo or setValue().
    void valueChanged();
    // After every check of the value.
    void validated();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    friend class SchemaFormDetail::ChangeFormValue;
    std::unique_ptr<SchemaFormDetail::Form> d;
};

} // namespace Galley
