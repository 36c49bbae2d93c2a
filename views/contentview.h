#pragma once

#include "domain/tenancy.h"

#include <QPointer>
#include <QTimer>
#include <QWidget>

class QButtonGroup;
class QComboBox;
class QLineEdit;
class QSettings;
class QSplitter;
class QStackedWidget;
class QTableView;

namespace Galley {

class BusyIndicator;
class EditionDetailPane;
class EditionTableModel;
class EmptyState;
class StoreWorker;

// The Content tab: a filter row (state, schema, full-text search), the edition
// list and, at its right, the selected edition's details. Filtering and sorting
// happen in the model (in SQL); this view only collects what the user asks for.
class ContentView : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ContentView)
public:
    explicit ContentView(QWidget *parent = nullptr);
    ~ContentView() override;

    // A new workspace: a new model, loaded with the current scope and filters.
    void setWorker(StoreWorker *worker);
    void setScope(const Scope &scope);
    Scope scope() const { return m_scope; }

    void focusSearch();
    void clearFilters();
    void refresh();

    EditionTableModel *model() const;
    QTableView *table() const { return m_table; }
    EditionDetailPane *detailPane() const { return m_detail; }
    QLineEdit *searchField() const { return m_search; }

    // The first page for the current filter is on screen.
    bool isFirstPageLoaded() const { return m_firstPageLoaded; }
    // The last load failed (the list says so and offers to try again).
    bool hasError() const { return m_error; }
    qint64 totalCount() const;
    int loadedCount() const;

    void saveSettings(QSettings &settings) const;
    void restoreSettings(const QSettings &settings);

Q_SIGNALS:
    void countsChanged();
    void firstPageLoaded();

private:
    void applyFilter();
    void loadSchemaChoices();
    void updateEmptyState();
    void onCurrentRowChanged();
    void onModelReset();
    void applyColumnWidths();
    bool hasActiveFilters() const;

    QPointer<StoreWorker> m_worker;
    QPointer<EditionTableModel> m_model;
    Scope m_scope;
    Id m_currentEdition = 0;
    bool m_resetting = false;
    bool m_firstPageLoaded = false;
    bool m_error = false;
    bool m_selectFirstRow = true;
    quint64 m_schemaGeneration = 0;
    QByteArray m_headerState;

    // The work queues (EditionFilter::Queue), as checkable chips; personal ones need a signed-in user.
    QButtonGroup *m_queues;
    Id m_userId = 0;
    QComboBox *m_stateFilter;
    QComboBox *m_schemaFilter;
    QLineEdit *m_search;
    QTimer m_searchDebounce;
    BusyIndicator *m_busy;
    QStackedWidget *m_listStack;
    QTableView *m_table;
    EmptyState *m_empty;
    QSplitter *m_splitter;
    EditionDetailPane *m_detail;
};

} // namespace Galley
