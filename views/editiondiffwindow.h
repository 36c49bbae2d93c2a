#pragma once

#include "domain/content.h"
#include "store/documenteditions.h"

#include <QPointer>
#include <QWidget>

#include <optional>

class QAction;
class QCheckBox;
class QComboBox;
class QLabel;
class QStackedWidget;
class QToolButton;

namespace Galley {

class BusyIndicator;
class EditionDiffView;
class EmptyState;
class StoreWorker;

// Two editions of one document side by side, in a window of its own: a chooser for each
// side (any two editions of the document), swap, "show unchanged fields", previous/next
// change (Alt+Up / Alt+Down), and the EditionDiffView. Everything comes from the replica
// through the StoreWorker; the comparison is computed there too, off the GUI thread.
class EditionDiffWindow : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EditionDiffWindow)
public:
    // leftEditionId 0: the edition before the right one; rightEditionId 0: the newest edition.
    // Given the other way round, the older one goes to the left.
    EditionDiffWindow(StoreWorker *worker, Id documentId, Id leftEditionId, Id rightEditionId,
                      QWidget *parent = nullptr);
    ~EditionDiffWindow() override;

    Id documentId() const { return m_documentId; }
    Id leftEditionId() const;
    Id rightEditionId() const;
    // Compare these two (ids of editions of the document).
    void setEditions(Id left, Id right);
    void swapSides();

    bool isLoading() const { return m_loading; }
    // The editions the choosers offer, oldest first.
    const QList<EditionSummary> &editions() const { return m_editions; }
    // How an edition is named in the choosers: "2.1 · Published · 3 Mar 2026", "Draft (new) · …".
    static QString editionLabel(const EditionSummary &e);

    EditionDiffView *view() const { return m_view; }
    QComboBox *leftChooser() const { return m_left; }
    QComboBox *rightChooser() const { return m_right; }
    QToolButton *swapButton() const { return m_swap; }
    QCheckBox *unchangedToggle() const { return m_unchanged; }
    QAction *previousAction() const { return m_previous; }
    QAction *nextAction() const { return m_next; }
    QLabel *positionLabel() const { return m_position; }
    QString errorText() const;

Q_SIGNALS:
    // A comparison (or the reason there is none) is on screen.
    void shown();

private:
    struct Load;
    void loadEditions();
    void requestDiff();
    void fillChoosers(Id left, Id right);
    void showError(const QString &message);
    void setLoading(bool loading);
    void updateNavigation(int changeIndex, int changeCount);

    QPointer<StoreWorker> m_worker;
    Id m_documentId = 0;
    Id m_initialLeft = 0;
    Id m_initialRight = 0;
    QList<EditionSummary> m_editions;
    std::optional<ContentSchema> m_schema;
    quint64 m_generation = 0;
    bool m_loading = false;
    bool m_listed = false;

    QComboBox *m_left;
    QComboBox *m_right;
    QToolButton *m_swap;
    QCheckBox *m_unchanged;
    QAction *m_previous;
    QAction *m_next;
    QToolButton *m_previousButton;
    QToolButton *m_nextButton;
    QLabel *m_position;
    BusyIndicator *m_busy;
    QStackedWidget *m_stack;
    EditionDiffView *m_view;
    EmptyState *m_error;
};

} // namespace Galley
