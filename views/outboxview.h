#pragma once

#include "sync/outbox.h"

#include <QPointer>
#include <QTimer>
#include <QWidget>

class QLabel;
class QPushButton;
class QSortFilterProxyModel;
class QSplitter;
class QStackedWidget;
class QTableView;

namespace Galley {

class EmptyState;
class FactGrid;
class OutboxModel;
class StatePill;
class StoreWorker;

// The Outbox screen: every change not yet accepted by the server, and for the selected one what
// it is, where it stands and what the server said, with the actions that fit its state — Retry,
// Discard… (after a confirmation saying what is lost), Open to Fix (refused or deleted on the
// server) or Resolve Conflict…. It only asks: the signals carry the outbox id and the main
// window has the sync engine do it. refresh() reloads the rows in place.
class OutboxView : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OutboxView)
public:
    explicit OutboxView(StoreWorker *worker, QWidget *parent = nullptr);
    ~OutboxView() override;

    void refresh();

    OutboxModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    bool isEmptyStateShown() const;

    // The item whose details are shown (0: none).
    qint64 currentId() const { return m_currentId; }
    // Selects the item with this id (once loaded); false when it is not in the list.
    bool select(qint64 outboxId);

    // What the details pane says of an item's state, in one or two sentences.
    static QString stateExplanation(const OutboxItem &item);
    // The field errors of a 422 as lines: "Title: Title is required".
    static QStringList fieldErrorLines(const QJsonArray &fieldErrors);

Q_SIGNALS:
    void retryRequested(qint64 outboxId);
    void discardRequested(qint64 outboxId);
    void openRequested(qint64 outboxId);
    void resolveRequested(qint64 outboxId);

private:
    void onCurrentChanged();
    void showDetails(const OutboxItem *item, const QString &siteName);
    void updateStates();
    void confirmDiscard();
    const OutboxItem *currentItem() const;
    int currentSourceRow() const;

    OutboxModel *m_model;
    QSortFilterProxyModel *m_proxy;
    qint64 m_currentId = 0;
    qint64 m_pendingSelection = 0;
    QTimer m_ages;

    QStackedWidget *m_stack;
    EmptyState *m_empty;
    QSplitter *m_splitter;
    QTableView *m_table;
    QStackedWidget *m_detailStack;
    EmptyState *m_noSelection;
    QLabel *m_heading;
    StatePill *m_state;
    QLabel *m_explanation;
    FactGrid *m_facts;
    QLabel *m_fieldErrorsTitle;
    QLabel *m_fieldErrors;
    QPushButton *m_retry;
    QPushButton *m_discard;
    QPushButton *m_open;
};

} // namespace Galley
