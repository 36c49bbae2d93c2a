#pragma once

#include "sync/merge.h"
#include "sync/outbox.h"

#include <QDialog>
#include <QJsonObject>

#include <optional>

class QButtonGroup;
class QCheckBox;
class QLabel;
class QPushButton;
class QStackedWidget;
class QTableWidget;

namespace Galley {

// Resolves a conflict (a 409 on a queued change): who changed the entity on the server and when,
// and field by field what the original, this user's and the server's copies say. Fields only one
// side changed (or both the same way) are decided already and marked so; for each field both
// changed differently the user keeps theirs, takes the server's or edits a value, with a line diff
// for long text and JSON. "Send Merged Version" is enabled once every conflict is decided;
// mergedEntity() is then what to send.
//
// Widgets for a field with JSON pointer P are named "keepMine:P", "takeTheirs:P", "edit:P",
// "editor:P" (a QLineEdit, QPlainTextEdit or QCheckBox) and "editorError:P".
class MergeDialog : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MergeDialog)
public:
    enum class Choice { None, Mine, Theirs, Edit };
    Q_ENUM(Choice)

    // entityTitle: what the user calls it ("Harbour opening"); else taken from the record.
    explicit MergeDialog(const ConflictRecord &record, const QString &entityTitle = {}, QWidget *parent = nullptr);
    ~MergeDialog() override;

    const ConflictRecord &record() const { return m_record; }
    const QList<MergeField> &fields() const { return m_fields; }
    int conflictCount() const;
    int decidedCount() const;
    // Every conflict has a decision (and every edited value is valid).
    bool isComplete() const;

    Choice choice(int field) const;
    void setChoice(int field, Choice choice);
    // The value a field will have in the merged entity (undefined: absent); nullopt while undecided or invalid.
    std::optional<QJsonValue> chosenValue(int field) const;

    QJsonObject mergedEntity() const;

    QPushButton *sendButton() const { return m_send; }
    QTableWidget *fieldTable() const { return m_table; }

    // How a value reads in the dialog: "(not set)", "Yes", pretty-printed JSON, …
    static QString displayValue(const QJsonValue &value);
    static QString outcomeLabel(MergeField::Outcome outcome);

private:
    struct FieldUi
    {
        Choice choice = Choice::None;
        QButtonGroup *group = nullptr;
        QWidget *editor = nullptr;
        QLabel *editorError = nullptr;
    };

    QWidget *buildPage(int index);
    QWidget *buildDiff(const MergeField &field, QWidget *parent) const;
    QWidget *buildEditor(int index, QWidget *parent);
    std::optional<QJsonValue> editedValue(int index) const;
    void onDecisionChanged(int index);
    void updateRow(int index);
    void updateFooter();
    void updateHiddenRows();

    ConflictRecord m_record;
    QList<MergeField> m_fields;
    QList<FieldUi> m_ui;
    QTableWidget *m_table;
    QStackedWidget *m_pages;
    QCheckBox *m_showUnchanged;
    QLabel *m_progress;
    QPushButton *m_send;
};

} // namespace Galley
