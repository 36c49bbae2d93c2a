#pragma once

#include "domain/tenancy.h"

#include <QPointer>
#include <QWidget>

class QLabel;
class QLineEdit;
class QListView;
class QSettings;
class QSplitter;
class QStackedWidget;

namespace Galley {

class EmptyState;
class JsonViewer;
class SchemaListModel;
class StoreWorker;

// The Schemas tab: an account's content schemas, filterable by name, and the
// selected one's description and JSON Schema, read-only and highlighted.
class SchemaView : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SchemaView)
public:
    explicit SchemaView(QWidget *parent = nullptr);
    ~SchemaView() override;

    void setWorker(StoreWorker *worker);
    // 0: the schemas of every account.
    void setAccountId(Id accountId);
    void refresh();
    void focusFilter();

    SchemaListModel *model() const;
    QListView *list() const { return m_list; }
    JsonViewer *jsonViewer() const { return m_json; }
    Id selectedSchemaId() const { return m_selected; }

    // Schemas shown (after the name filter) and in the account.
    int shownCount() const;
    int totalCount() const;

    void saveSettings(QSettings &settings) const;
    void restoreSettings(const QSettings &settings);

Q_SIGNALS:
    void countsChanged();
    // The user double-clicked a schema or pressed Enter on it.
    void schemaActivated(Galley::Id schemaId);

private:
    void onCurrentChanged();
    void restoreSelection();
    void updateStates();

    QPointer<StoreWorker> m_worker;
    QPointer<SchemaListModel> m_model;
    Id m_accountId = 0;
    Id m_selected = 0;
    bool m_restoring = false;

    QSplitter *m_splitter;
    QLineEdit *m_filter;
    QStackedWidget *m_listStack;
    QListView *m_list;
    EmptyState *m_listEmpty;
    QStackedWidget *m_detailStack;
    EmptyState *m_noSelection;
    QLabel *m_name;
    QLabel *m_meta;
    QLabel *m_description;
    JsonViewer *m_json;
};

} // namespace Galley
