#pragma once

#include "formdialog.h"

#include "domain/content.h"
#include "domain/tenancy.h"
#include "sync/syncengine.h"

#include <QList>
#include <QPointer>

class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSqlDatabase;

namespace Galley {

class BusyIndicator;
class StoreWorker;

// Starts a new document: where it goes (account, site, sector), what kind of content it is
// (a schema of the account), its title and an optional change note. The lists are read from
// the replica through the StoreWorker when the dialog opens; the scope the user is looking at
// is chosen in advance. Create stays disabled until everything is chosen and the title is set.
// document() is what the caller hands to SyncEngine::createDocument().
class NewDocumentDialog : public FormDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NewDocumentDialog)
public:
    static constexpr int MaxTitleLength = 300;

    // A zero id in scope means "not chosen". The account row only shows when the
    // replica holds more than one account.
    explicit NewDocumentDialog(StoreWorker *worker, const Scope &scope = {}, QWidget *parent = nullptr);
    ~NewDocumentDialog() override;

    // The lists have not arrived yet.
    bool isLoading() const { return m_loading; }
    // Why the lists could not be read; empty when they could.
    QString loadError() const { return m_loadError; }

    // The current choices, 0 when none.
    Id accountId() const;
    Id siteId() const;
    Id sectorId() const;
    Id schemaId() const;

    // Everything is chosen and the title is set.
    bool isComplete() const;
    NewDocument document() const;

    bool hasUnsavedInput() const override;
    void accept() override;

    // The first fields of a document of this schema: {} plus an empty string for every
    // required property of type string (its default when the schema gives a string one).
    static QJsonObject initialFields(const QJsonObject &specDoc);

Q_SIGNALS:
    // The lists arrived (or failed to: see loadError()) and the scope was applied.
    void loaded();

private:
    struct Lists;
    static Result<Lists> readLists(QSqlDatabase &db);
    void load();
    void present(const Lists &lists);
    void fillSites();
    void fillSectors();
    void fillSchemas();
    void updateSchemaHint();
    void updateState();
    const ContentSchema *currentSchema() const;

    QPointer<StoreWorker> m_worker;
    Scope m_scope;              // asked for; once loaded, what was preselected
    Id m_presetSchema = 0;
    bool m_loading = true;
    QString m_loadError;
    QList<Account> m_accounts;
    QList<Site> m_sites;
    QList<Sector> m_sectors;
    QList<ContentSchema> m_schemas;

    QFormLayout *m_form;
    BusyIndicator *m_busy;
    QLabel *m_error;
    QComboBox *m_account;
    QComboBox *m_site;
    QComboBox *m_sector;
    QLabel *m_sectorHint;
    QComboBox *m_schema;
    QLabel *m_schemaHint;
    QLineEdit *m_title;
    QLabel *m_titleCount;
    QPlainTextEdit *m_note;
    QPushButton *m_create;
};

} // namespace Galley
