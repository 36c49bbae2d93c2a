#pragma once

#include "domain/tenancy.h"

#include <QPointer>
#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QSettings;
class QSplitter;
class QStackedWidget;
class QTableView;

namespace Galley {

class DeploymentListModel;
class EmptyState;
class FactGrid;
class StatePill;
class StoreWorker;

// The Deployments tab: site deployments in scope, newest first, and below them the
// selected deployment's facts, metadata and log.
class DeploymentView : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DeploymentView)
public:
    explicit DeploymentView(QWidget *parent = nullptr);
    ~DeploymentView() override;

    void setWorker(StoreWorker *worker);
    void setScope(const Scope &scope);
    void refresh();

    DeploymentListModel *model() const;
    QTableView *table() const { return m_table; }

    qint64 totalCount() const;
    int loadedCount() const;

    void saveSettings(QSettings &settings) const;
    void restoreSettings(const QSettings &settings);

Q_SIGNALS:
    void countsChanged();

private:
    void onCurrentChanged();
    void updateStates();
    void applyColumnWidths();

    QPointer<StoreWorker> m_worker;
    QPointer<DeploymentListModel> m_model;
    Scope m_scope;
    Id m_selected = 0;
    QByteArray m_headerState;

    QSplitter *m_splitter;
    QStackedWidget *m_listStack;
    QTableView *m_table;
    EmptyState *m_listEmpty;
    QStackedWidget *m_detailStack;
    EmptyState *m_noSelection;
    QLabel *m_heading;
    StatePill *m_status;
    FactGrid *m_facts;
    QPlainTextEdit *m_log;
};

} // namespace Galley
