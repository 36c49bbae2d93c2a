#pragma once

#include "store/replicareader.h"

#include <QPointer>
#include <QWidget>

class QLabel;
class QScrollArea;
class QStackedWidget;
class QVBoxLayout;

namespace Galley {

class BusyIndicator;
class EmptyState;
class FactGrid;
class HistoryTimeline;
class StatePill;
class StoreWorker;
class WorkflowActionBar;

// Everything about one edition, read-only: title, state, version, where it lives,
// its fields, where it was published and the document's history. Loads through
// the StoreWorker; while a new edition loads the previous one stays on screen.
class EditionDetailPane : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EditionDetailPane)
public:
    explicit EditionDetailPane(QWidget *parent = nullptr);
    ~EditionDetailPane() override;

    void setWorker(StoreWorker *worker);

    // 0 shows the "select an edition" state.
    void showEdition(Id editionId);
    Id editionId() const { return m_editionId; }
    // Loads the shown edition again (after a refresh or sync).
    void reload();

    bool isLoading() const { return m_loading; }
    // The edition on screen (0 when none has loaded yet).
    Id shownEditionId() const { return m_shownId; }
    QString shownTitle() const;
    HistoryTimeline *historyTimeline() const { return m_history; }
    WorkflowActionBar *actionBar() const { return m_actions; }

Q_SIGNALS:
    // The edition (or its error, or the empty state for 0) is on screen.
    void loaded(Galley::Id editionId);

private:
    struct Load;
    void request();
    void present(const EditionDetail &detail, const std::optional<ContentSchema> &schema);
    void presentError(const Error &error);
    void setLoading(bool loading);
    void fillDetails(const EditionDetail &detail);
    void fillFields(const EditionDetail &detail, const std::optional<ContentSchema> &schema);
    void fillPublishing(const EditionDetail &detail);
    void fillBanner(const EditionDetail &detail);

    QPointer<StoreWorker> m_worker;
    Id m_editionId = 0;
    Id m_shownId = 0;
    quint64 m_generation = 0;
    bool m_loading = false;

    BusyIndicator *m_busy;
    QStackedWidget *m_stack;
    EmptyState *m_empty;
    EmptyState *m_error;
    QScrollArea *m_scroll;
    QLabel *m_title;
    StatePill *m_statePill;
    QLabel *m_version;
    StatePill *m_forcePill;
    QLabel *m_banner;
    WorkflowActionBar *m_actions;
    FactGrid *m_details;
    QLabel *m_fieldsHeader;
    FactGrid *m_fields;
    QLabel *m_noFields;
    QWidget *m_publishingSection;
    QVBoxLayout *m_publishing;
    HistoryTimeline *m_history;
    QLabel *m_noHistory;
};

} // namespace Galley
