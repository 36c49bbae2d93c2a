#include "newdocumentdialog.h"

#include "busyindicator.h"
#include "icons.h"
#include "statepill.h"

#include "store/replicareader.h"
#include "store/storeworker.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace Galley {

using namespace Qt::StringLiterals;

// Everything the combos offer. Sites, sectors and schemas are configuration, a few dozen rows
// per account, so they are read in one go and filtered here.
struct NewDocumentDialog::Lists
{
    QList<Account> accounts;
    QList<Site> sites;
    QList<Sector> sectors;
    QList<ContentSchema> schemas;
};

namespace {

Id currentId(const QComboBox *combo)
{
    return combo->currentIndex() < 0 ? 0 : combo->currentData().toLongLong();
}

// Selects the item with this id, or none (the placeholder) when there is no such item.
void selectId(QComboBox *combo, Id id)
{
    combo->setCurrentIndex(id ? combo->findData(id) : -1);
}

} // namespace

NewDocumentDialog::NewDocumentDialog(StoreWorker *worker, const Scope &scope, QWidget *parent)
    : FormDialog(u"NewDocumentDialog"_s, parent)
    , m_worker(worker)
    , m_scope(scope)
    , m_form(new QFormLayout)
    , m_busy(new BusyIndicator(this))
    , m_error(new QLabel(this))
    , m_account(new QComboBox(this))
    , m_site(new QComboBox(this))
    , m_sector(new QComboBox(this))
    , m_sectorHint(hintLabel({}, this))
    , m_schema(new QComboBox(this))
    , m_schemaHint(hintLabel({}, this))
    , m_title(new QLineEdit(this))
    , m_titleCount(new QLabel(this))
    , m_note(new QPlainTextEdit(this))
    , m_create(new QPushButton(tr("&Create"), this))
{
    setObjectName(u"newDocumentDialog"_s);
    setWindowTitle(tr("New Document"));

    auto *layout = new QVBoxLayout(this);
    layout->setSpacing(10);

    auto *intro = new QLabel(tr("The new document starts as a draft. In a workspace that syncs with a "
                                "server it is sent there at the next sync."),
                             this);
    intro->setWordWrap(true);
    intro->setTextFormat(Qt::PlainText);
    layout->addWidget(intro);
    m_busy->setObjectName(u"newDocumentBusy"_s);
    m_busy->setDelay(150);
    layout->addWidget(m_busy);

    m_error->setObjectName(u"loadError"_s);
    m_error->setWordWrap(true);
    m_error->setTextFormat(Qt::PlainText);
    m_error->setAutoFillBackground(true);
    m_error->setContentsMargins(10, 8, 10, 8);
    const StatePill::Tone tone = StatePill::toneFor(QColor(0xdc, 0x26, 0x26), palette());
    QPalette pal = m_error->palette();
    pal.setColor(QPalette::Window, tone.background);
    pal.setColor(QPalette::WindowText, tone.text);
    m_error->setPalette(pal);
    m_error->hide();
    layout->addWidget(m_error);

    m_form->setContentsMargins(0, 0, 0, 0);
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_account->setObjectName(u"accountCombo"_s);
    m_account->setPlaceholderText(tr("Choose an account…"));
    m_form->addRow(tr("&Account:"), m_account);
    m_site->setObjectName(u"siteCombo"_s);
    m_site->setPlaceholderText(tr("Choose a site…"));
    m_form->addRow(tr("&Site:"), m_site);
    m_sector->setObjectName(u"sectorCombo"_s);
    m_sector->setPlaceholderText(tr("Choose a sector…"));
    auto *sectorBlock = new QVBoxLayout;
    sectorBlock->setSpacing(2);
    sectorBlock->addWidget(m_sector);
    m_sectorHint->setObjectName(u"sectorHint"_s);
    m_sectorHint->hide();
    sectorBlock->addWidget(m_sectorHint);
    m_form->addRow(buddyLabel(tr("Sect&or:"), m_sector), sectorBlock);
    m_schema->setObjectName(u"schemaCombo"_s);
    m_schema->setPlaceholderText(tr("Choose a kind of content…"));
    auto *schemaBlock = new QVBoxLayout;
    schemaBlock->setSpacing(2);
    schemaBlock->addWidget(m_schema);
    m_schemaHint->setObjectName(u"schemaHint"_s);
    schemaBlock->addWidget(m_schemaHint);
    m_form->addRow(buddyLabel(tr("Sche&ma:"), m_schema), schemaBlock);

    m_title->setObjectName(u"titleEdit"_s);
    m_title->setMaxLength(MaxTitleLength);
    m_title->setPlaceholderText(tr("Required"));
    m_titleCount->setObjectName(u"titleCount"_s);
    auto *titleRow = new QHBoxLayout;
    titleRow->setSpacing(8);
    titleRow->addWidget(m_title, 1);
    titleRow->addWidget(m_titleCount);
    m_form->addRow(buddyLabel(tr("&Title:"), m_title), titleRow);

    m_note->setObjectName(u"changeNoteEdit"_s);
    m_note->setTabChangesFocus(true);
    m_note->setPlaceholderText(tr("e.g. First draft (optional)"));
    m_note->setFixedHeight(m_note->fontMetrics().lineSpacing() * 3 + 2 * (m_note->frameWidth() + 6));
    m_form->addRow(tr("Change &note:"), m_note);
    layout->addLayout(m_form);
    layout->addStretch(1);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    buttons->setObjectName(u"newDocumentButtons"_s);
    buttons->button(QDialogButtonBox::Cancel)->setObjectName(u"cancelButton"_s);
    m_create->setObjectName(u"createButton"_s);
    m_create->setDefault(true);
    m_create->setIcon(Icons::get(u"document-new"_s, QStyle::SP_FileIcon));
    buttons->addButton(m_create, QDialogButtonBox::AcceptRole);
    layout->addWidget(buttons);

    connect(m_account, &QComboBox::currentIndexChanged, this, [this] {
        fillSites();
        fillSchemas();
        updateState();
    });
    connect(m_site, &QComboBox::currentIndexChanged, this, [this] {
        fillSectors();
        updateState();
    });
    connect(m_sector, &QComboBox::currentIndexChanged, this, &NewDocumentDialog::updateState);
    connect(m_schema, &QComboBox::currentIndexChanged, this, [this] {
        updateSchemaHint();
        updateState();
    });
    connect(m_title, &QLineEdit::textChanged, this, &NewDocumentDialog::updateState);
    connect(buttons, &QDialogButtonBox::accepted, this, &NewDocumentDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &NewDocumentDialog::reject);

    for (QComboBox *combo : { m_account, m_site, m_sector, m_schema }) {
        combo->setEnabled(false);
        combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        combo->setMinimumContentsLength(24);
    }
    updateSchemaHint();
    updateState();
    restoreSize(QSize(em() * 72, 0));
    m_title->setFocus();
    load();
}

NewDocumentDialog::~NewDocumentDialog() = default;

Result<NewDocumentDialog::Lists> NewDocumentDialog::readLists(QSqlDatabase &db)
{
    NewDocumentDialog::Lists lists;
    auto accounts = ReplicaReader::accounts(db);
    if (!accounts)
        return accounts.error();
    lists.accounts = accounts.value();
    for (const Account &a : std::as_const(lists.accounts)) {
        auto sites = ReplicaReader::sites(db, a.id);
        if (!sites)
            return sites.error();
        for (const Site &s : std::as_const(sites.value())) {
            auto sectors = ReplicaReader::sectors(db, s.id);
            if (!sectors)
                return sectors.error();
            lists.sectors += sectors.value();
        }
        lists.sites += sites.value();
    }
    auto schemas = ReplicaReader::schemas(db, 0);
    if (!schemas)
        return schemas.error();
    for (const SchemaSummary &s : std::as_const(schemas.value()))
        lists.schemas.append(s.schema);
    return lists;
}

void NewDocumentDialog::load()
{
    if (!m_worker) {
        m_loading = false;
        m_loadError = tr("No workspace is open.");
        m_error->setText(m_loadError);
        m_error->show();
        Q_EMIT loaded();
        return;
    }
    m_busy->setBusy(true);
    m_worker->post(this, [](QSqlDatabase &db) { return readLists(db); },
                   [this](Result<Lists> lists) {
                       m_loading = false;
                       m_busy->setBusy(false);
                       if (!lists) {
                           m_loadError = tr("The sites and schemas could not be read: %1").arg(lists.error().message);
                           m_error->setText(m_loadError);
                           m_error->show();
                           updateState();
                       } else {
                           present(lists.value());
                       }
                       Q_EMIT loaded();
                   });
}

void NewDocumentDialog::present(const Lists &lists)
{
    m_accounts = lists.accounts;
    m_sites = lists.sites;
    m_sectors = lists.sectors;
    m_schemas = lists.schemas;

    // The scope decides what is chosen: a sector implies its site, a site its account.
    Scope scope = m_scope;
    for (const Sector &s : std::as_const(m_sectors)) {
        if (scope.sectorId && s.id == scope.sectorId) {
            scope.siteId = s.siteId;
            scope.accountId = s.accountId;
        }
    }
    for (const Site &s : std::as_const(m_sites)) {
        if (scope.siteId && s.id == scope.siteId)
            scope.accountId = s.accountId;
    }
    if (!scope.accountId && m_accounts.size() == 1)
        scope.accountId = m_accounts.first().id;

    const QSignalBlocker blockAccount(m_account);
    m_account->clear();
    for (const Account &a : std::as_const(m_accounts))
        m_account->addItem(a.name, a.id);
    selectId(m_account, scope.accountId);
    m_account->setEnabled(m_accounts.size() > 1);
    m_form->setRowVisible(m_account, m_accounts.size() > 1);

    fillSites();
    selectId(m_site, scope.siteId);
    fillSectors();
    selectId(m_sector, scope.sectorId);
    fillSchemas();
    updateSchemaHint();
    // What "unchanged" means from now on.
    m_scope = { accountId(), siteId(), sectorId() };
    m_presetSchema = schemaId();
    updateState();
}

void NewDocumentDialog::fillSites()
{
    const QSignalBlocker block(m_site);
    const Id previous = siteId();
    const Id account = accountId();
    m_site->clear();
    for (const Site &s : std::as_const(m_sites)) {
        if (s.accountId == account)
            m_site->addItem(s.name, s.id);
    }
    selectId(m_site, previous);
    if (m_site->count() == 1)   // one site is not a choice
        m_site->setCurrentIndex(0);
    m_site->setEnabled(account != 0 && m_site->count() > 0);
    fillSectors();
}

void NewDocumentDialog::fillSectors()
{
    const QSignalBlocker block(m_sector);
    const Id previous = sectorId();
    const Id site = siteId();
    m_sector->clear();
    for (const Sector &s : std::as_const(m_sectors)) {
        if (s.siteId == site)
            m_sector->addItem(s.name, s.id);
    }
    selectId(m_sector, previous);
    if (m_sector->count() == 1)
        m_sector->setCurrentIndex(0);
    m_sector->setEnabled(site != 0 && m_sector->count() > 0);
    const bool noSectors = site != 0 && m_sector->count() == 0;
    m_sectorHint->setText(noSectors ? tr("This site has no sectors yet, so no document can be created in it.")
                                    : QString());
    m_sectorHint->setVisible(noSectors);
}

void NewDocumentDialog::fillSchemas()
{
    const QSignalBlocker block(m_schema);
    const Id previous = schemaId();
    const Id account = accountId();
    m_schema->clear();
    for (const ContentSchema &s : std::as_const(m_schemas)) {
        if (s.accountId == account) {
            m_schema->addItem(s.name, s.id);
            if (!s.description.isEmpty())
                m_schema->setItemData(m_schema->count() - 1, s.description, Qt::ToolTipRole);
        }
    }
    selectId(m_schema, previous);
    if (m_schema->count() == 1)
        m_schema->setCurrentIndex(0);
    m_schema->setEnabled(account != 0 && m_schema->count() > 0);
    updateSchemaHint();
}

void NewDocumentDialog::updateSchemaHint()
{
    QString hint;
    if (const ContentSchema *s = currentSchema()) {
        hint = s->description;
    } else if (!m_loading && accountId() && m_schema->count() == 0) {
        hint = tr("This account has no schemas yet. A schema says what a kind of content consists of.");
    } else {
        hint = tr("What kind of content the document is: it decides which fields it has.");
    }
    m_schemaHint->setText(hint);
}

const ContentSchema *NewDocumentDialog::currentSchema() const
{
    const Id id = schemaId();
    for (const ContentSchema &s : m_schemas) {
        if (id && s.id == id)
            return &s;
    }
    return nullptr;
}

Id NewDocumentDialog::accountId() const
{
    return currentId(m_account);
}

Id NewDocumentDialog::siteId() const
{
    return currentId(m_site);
}

Id NewDocumentDialog::sectorId() const
{
    return currentId(m_sector);
}

Id NewDocumentDialog::schemaId() const
{
    return currentId(m_schema);
}

bool NewDocumentDialog::isComplete() const
{
    return !m_loading && accountId() && siteId() && sectorId() && schemaId() && !m_title->text().trimmed().isEmpty();
}

NewDocument NewDocumentDialog::document() const
{
    NewDocument d;
    d.siteId = siteId();
    d.sectorId = sectorId();
    d.schemaId = schemaId();
    d.title = m_title->text().trimmed();
    d.changeNote = m_note->toPlainText().trimmed();
    if (const ContentSchema *s = currentSchema())
        d.fields = initialFields(s->specDoc);
    return d;
}

QJsonObject NewDocumentDialog::initialFields(const QJsonObject &specDoc)
{
    QJsonObject fields;
    const QJsonObject properties = specDoc.value("properties"_L1).toObject();
    const QJsonArray required = specDoc.value("required"_L1).toArray();
    for (const QJsonValue &name : required) {
        const QJsonObject property = properties.value(name.toString()).toObject();
        if (name.toString().isEmpty() || property.value("type"_L1).toString() != "string"_L1)
            continue;
        const QJsonValue def = property.value("default"_L1);
        fields.insert(name.toString(), def.isString() ? def.toString() : QString());
    }
    return fields;
}

bool NewDocumentDialog::hasUnsavedInput() const
{
    return !m_title->text().isEmpty() || !m_note->toPlainText().isEmpty()
        || (!m_loading && (schemaId() != m_presetSchema || Scope { accountId(), siteId(), sectorId() } != m_scope));
}

void NewDocumentDialog::accept()
{
    if (!isComplete())
        return;
    FormDialog::accept();
}

void NewDocumentDialog::updateState()
{
    showCount(m_titleCount, m_title->text().size(), MaxTitleLength);
    m_create->setEnabled(isComplete());
    QString missing;
    if (m_loading)
        missing = tr("Reading the sites and schemas…");
    else if (!accountId())
        missing = tr("Choose an account.");
    else if (!siteId())
        missing = tr("Choose a site.");
    else if (!sectorId())
        missing = tr("Choose a sector.");
    else if (!schemaId())
        missing = tr("Choose a schema.");
    else if (m_title->text().trimmed().isEmpty())
        missing = tr("The title is required.");
    m_create->setToolTip(missing);
}

} // namespace Galley
