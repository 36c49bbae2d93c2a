#pragma once

#include "formdialog.h"

#include "domain/content.h"
#include "sync/syncengine.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTimer>

#include <optional>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace Galley {

class JsonViewer;

// Edits a draft (or any open edition): title, change note, minor change and, until forms
// generated from the schema exist, its fields as JSON text. The JSON is checked as the user
// types (200 ms after the last keystroke); Save Draft stays disabled while it is not a JSON
// object, while the title is empty or while nothing has changed. Field errors the server gave
// for a refused change ([{"code","message","field":"/title"}]) are listed at the top, each one
// jumping to the input it is about. The dialog only collects the edit: edit() is what the
// caller hands to SyncEngine::editEdition().
class EditDraftDialog : public FormDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EditDraftDialog)
public:
    static constexpr int MaxTitleLength = 300;

    explicit EditDraftDialog(const Edition &edition, const QJsonArray &serverErrors = {}, QWidget *parent = nullptr);
    ~EditDraftDialog() override;

    const Edition &edition() const { return m_edition; }

    // Only the members that differ from the edition (the title trimmed; fields compared as JSON,
    // so reformatting them is no change). Empty when nothing changed or the JSON is not valid.
    EditionEdit edit() const;

    // The title is set and the JSON is an object (as of the last check).
    bool isValid() const;
    // The last check's complaint about the JSON ("Line 3, column 7: …"), empty when it is fine.
    QString jsonError() const { return m_jsonError; }
    // 1-based position of the JSON error; {0, 0} when there is none.
    int jsonErrorLine() const { return m_errorLine; }
    int jsonErrorColumn() const { return m_errorColumn; }

    bool hasUnsavedInput() const override;

    void accept() override;

    // The JSON text for fields as the dialog shows it (indented, keys in order).
    static QString formatFields(const QJsonObject &fields);
    // "/title" → "Title", "/fields/lead_image/alt" → "Fields › lead_image › alt".
    static QString fieldLabel(const QString &pointer);

Q_SIGNALS:
    // After every check of the JSON (also the immediate one when Save is pressed).
    void jsonChecked(bool valid);

private:
    void checkJson();
    void updateState();
    void updateErrorMark();
    void reformat();
    void goToJsonError();
    void goToField(const QString &pointer);
    QWidget *buildServerErrors(const QJsonArray &errors);

    Edition m_edition;
    QString m_initialJson;
    std::optional<QJsonObject> m_fields;   // the last valid parse
    QString m_jsonError;
    int m_errorLine = 0;
    int m_errorColumn = 0;
    int m_errorPosition = -1;
    QTimer m_checkTimer;

    QLineEdit *m_title;
    QLabel *m_titleCount;
    QPlainTextEdit *m_note;
    QCheckBox *m_minor;
    JsonViewer *m_json;
    QLabel *m_jsonStatus;
    QLabel *m_cursorPosition;
    QPushButton *m_format;
    QPushButton *m_save;
};

} // namespace Galley
