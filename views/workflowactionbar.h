#pragma once

#include "workflow/workflow.h"

#include <QHash>
#include <QPointer>
#include <QWidget>

class QLayout;
class QLabel;
class QPushButton;

namespace Galley {

class StoreWorker;

// The events this user may fire on an edition now, as buttons: exactly the ones workflow.md
// offers in the edition's state, each enabled when the rules (the server's, run on the replica)
// allow it and otherwise disabled with the reason in its tooltip ("You submitted this edition;
// another editor must publish it"). Loads off the GUI thread.
class WorkflowActionBar : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WorkflowActionBar)
public:
    explicit WorkflowActionBar(QWidget *parent = nullptr);
    ~WorkflowActionBar() override;

    void setWorker(StoreWorker *worker);
    // Actions need a server to send them to (they queue while offline); without one they are
    // shown disabled with `why`.
    void setUnavailable(const QString &why);
    void showEdition(Id editionId);
    void reload();

    Id editionId() const { return m_editionId; }
    // The context the buttons were computed from (valid once loaded()).
    const Workflow::Context &context() const { return m_context; }
    bool hasContext() const { return m_hasContext; }
    QPushButton *button(Workflow::Event event) const { return m_buttons.value(int(event)); }
    QPushButton *checkLinksButton() const { return m_checkLinks; }
    QList<Workflow::Event> shownEvents() const { return m_shown; }
    // The tooltip reason of a disabled event ("" when enabled or not shown).
    QString reason(Workflow::Event event) const { return m_reasons.value(int(event)); }

    // What an event's button says and its icon (the menus use the same).
    static QString label(Workflow::Event event);

Q_SIGNALS:
    void eventRequested(Galley::Workflow::Event event);
    // "Check Links": the server checks the rich text's links again.
    void checkLinksRequested();
    void loaded(Galley::Id editionId);

private:
    void present(const Workflow::Context &context);
    void clearButtons();

    QPointer<StoreWorker> m_worker;
    Id m_editionId = 0;
    quint64 m_generation = 0;
    Workflow::Context m_context;
    bool m_hasContext = false;
    bool m_signedOut = false;
    QString m_unavailable;
    QWidget *m_buttonsArea;
    QLayout *m_row;
    QLabel *m_note;
    QHash<int, QPushButton *> m_buttons;
    QPushButton *m_checkLinks = nullptr;
    QHash<int, QString> m_reasons;
    QList<Workflow::Event> m_shown;
};

} // namespace Galley
