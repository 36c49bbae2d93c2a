#pragma once

#include "domain/content.h"
#include "schema/schemavalidator.h"

#include <QMainWindow>
#include <QPointer>
#include <QTimer>

#include <functional>

class QAction;
class QLabel;
class QLineEdit;
class QListWidget;
class QSplitter;
class QTabWidget;
class QTextBrowser;

namespace Galley {

class JsonEditor;
class SchemaImpact;
class SchemaDesigner;
class SchemaDocument;
class SchemaForm;
class StoreWorker;
class SyncEngine;

// One content schema being designed, in its own window: the visual designer and the JSON text
// side by side over one SchemaDocument (one undo stack), validated as the designer types (off the
// GUI thread), with the problems listed, the form it generates previewed, and the impact of the
// change on the content in the workspace checked before it is saved. Saving goes through the
// sync engine: the workspace is changed at once and the server later (offline saves wait in the
// outbox).
class SchemaEditorWindow : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SchemaEditorWindow)
public:
    // `schema.id == 0`: a new schema. `engine` may be null (a workspace without a server): the
    // editor then works, but saving explains why it cannot. `readOnlyReason` non-empty: the user
    // may not save schemas (the reason is shown on the Save action).
    SchemaEditorWindow(StoreWorker *worker, SyncEngine *engine, const ContentSchema &schema,
                       const QString &readOnlyReason = {}, QWidget *parent = nullptr);
    ~SchemaEditorWindow() override;

    SchemaDocument *document() const { return m_document; }
    SchemaDesigner *designer() const { return m_designer; }
    JsonEditor *editor() const { return m_editor; }
    SchemaForm *preview() const { return m_preview; }
    QListWidget *problemList() const { return m_problems; }
    QTabWidget *sideTabs() const { return m_sideTabs; }
    QAction *saveAction() const { return m_saveAction; }
    QAction *impactAction() const { return m_impactAction; }
    QLineEdit *nameEdit() const { return m_name; }
    Id schemaId() const { return m_schema.id; }

    // The last live validation's problems (pointers into the schema) and whether one is running.
    const QList<SchemaProblem> &problems() const { return m_lastProblems; }
    bool isValidating() const { return m_validating || m_validateTimer.isActive(); }
    // The text of the last impact check ("" before one ran).
    QString impactSummary() const;

    // The question asked before a breaking change is saved (true: save); tests replace it.
    using Confirmation = std::function<bool(const QString &title, const QString &text)>;
    void setConfirmation(Confirmation confirm);

    // Whether the text differs from what was last saved or loaded.
    bool isModified() const;

public Q_SLOTS:
    void save();
    void checkImpact();

Q_SIGNALS:
    // The schema was saved to the workspace (and queued for the server): its id (a negative,
    // local one for a new schema until the server gives it its own).
    void saved(Galley::Id id);
    // The user clicked an edition in the impact list.
    void editionActivated(Galley::Id editionId);
    // A live validation or an impact check finished (for tests and the status bar).
    void validated();
    void impactChecked();

protected:
    void closeEvent(QCloseEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void buildActions();
    void scheduleValidation();
    void validateNow();
    void showProblems(const QList<SchemaProblem> &problems, const QString &dialect);
    void refreshPreview();
    void updateTitle();
    void updateSaveState();
    void jumpToProblem(int row);
    // Runs the impact check, then `then(failing, summary)` on the GUI thread.
    void runImpact(std::function<void(qint64 failing, const QString &summary)> then);
    void commitSave();
    static QString impactSentence(const SchemaImpact &impact);
    static QString impactHtml(const SchemaImpact &impact, const QString &sentence);
    void setStatus(const QString &text);

    QPointer<StoreWorker> m_worker;
    QPointer<SyncEngine> m_engine;
    ContentSchema m_schema;
    QString m_readOnlyReason;
    Confirmation m_confirm;

    SchemaDocument *m_document;
    SchemaDesigner *m_designer;
    JsonEditor *m_editor;
    SchemaForm *m_preview;
    QListWidget *m_problems;
    QTextBrowser *m_impact;
    QTabWidget *m_sideTabs;
    QSplitter *m_splitter;
    QLineEdit *m_name;
    QLineEdit *m_description;
    QLabel *m_dialect;
    QLabel *m_status;

    QAction *m_saveAction = nullptr;
    QAction *m_impactAction = nullptr;

    QTimer m_validateTimer;
    QTimer m_previewTimer;
    quint64 m_validationGeneration = 0;
    bool m_validating = false;
    QList<SchemaProblem> m_lastProblems;
    QString m_lastDialect;
    QString m_impactText;
    QString m_savedName;
    QString m_savedDescription;
    bool m_saving = false;
    bool m_sized = false;   // the panes got their first sizes
};

} // namespace Galley
