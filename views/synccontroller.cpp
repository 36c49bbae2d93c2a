#include "synccontroller.h"

#include "certificatedialog.h"
#include "connectdialog.h"
#include "mergedialog.h"
#include "outboxview.h"
#include "store/storeworker.h"
#include "sync/outbox.h"
#include "sync/syncengine.h"
#include "syncprogresswidget.h"
#include "syncstatuswidget.h"

#include <QDockWidget>
#include <QMainWindow>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QStatusBar>

using namespace Qt::StringLiterals;

namespace Galley {

SyncController::SyncController(QMainWindow *window, const QString &databasePath, const QUrl &server, const QString &email)
    : QObject(window)
    , m_window(window)
    , m_server(server)
    , m_email(email)
{
    SyncEngine::Options options;
    options.databasePath = databasePath;
    options.server = server;
    options.email = email;
    m_engine = new SyncEngine(options, this);

    m_status = new SyncStatusWidget(window);
    m_status->setObjectName(u"syncStatus"_s);
    m_progress = new SyncProgressWidget(window);
    m_progress->setObjectName(u"syncProgress"_s);
    window->statusBar()->addPermanentWidget(m_progress);
    window->statusBar()->addPermanentWidget(m_status);
    m_status->setStatus(m_engine->status());

    m_outbox = new OutboxView(m_engine->worker());
    m_outbox->setObjectName(u"outboxView"_s);
    m_dock = new QDockWidget(tr("Outbox"), window);
    m_dock->setObjectName(u"outboxDock"_s);
    m_dock->setWidget(m_outbox);
    window->addDockWidget(Qt::BottomDockWidgetArea, m_dock);
    m_dock->hide();

    connect(m_engine, &SyncEngine::statusChanged, m_status, &SyncStatusWidget::setStatus);
    connect(m_engine, &SyncEngine::progressChanged, m_progress, &SyncProgressWidget::setProgress);
    connect(m_engine, &SyncEngine::replicaChanged, this, &SyncController::replicaChanged);
    connect(m_engine, &SyncEngine::outboxChanged, m_outbox, &OutboxView::refresh);
    connect(m_status, &SyncStatusWidget::syncNowRequested, m_engine, &SyncEngine::syncNow);
    connect(m_status, &SyncStatusWidget::workOfflineToggled, m_engine, &SyncEngine::setWorkOffline);
    connect(m_status, &SyncStatusWidget::outboxRequested, this, &SyncController::showOutbox);
    connect(m_progress, &SyncProgressWidget::cancelRequested, this, [this] {
        m_engine->cancelPull();
        m_progress->setPaused(true);
    });
    connect(m_progress, &SyncProgressWidget::resumeRequested, this, [this] {
        m_progress->setPaused(false);
        m_engine->syncNow();
    });
    connect(m_outbox, &OutboxView::retryRequested, m_engine, [this](qint64 id) { m_engine->retry(id); });
    connect(m_outbox, &OutboxView::discardRequested, m_engine, [this](qint64 id) {
        m_engine->discard(id, [this](Status st) {
            if (!st)
                QMessageBox::warning(m_window, tr("Cannot Discard"), st.error().message);
        });
    });
    connect(m_outbox, &OutboxView::resolveRequested, this, &SyncController::openConflict);
    connect(m_outbox, &OutboxView::openRequested, this, &SyncController::onOpenRequested);

    connect(m_engine, &SyncEngine::signedIn, this, [this](const QString &) {
        if (m_connect) {
            m_connect->setBusy(false);
            m_connect->accept();
        }
        if (!m_started) {
            m_started = true;
            m_engine->start();
        }
    });
    connect(m_engine, &SyncEngine::signInFailed, this, [this](const QString &message) {
        if (m_connect) {
            m_connect->setBusy(false);
            m_connect->setError(message);
            return;
        }
        // A saved session that no longer works (or none): ask for the password, unless the server
        // is simply not there — then the replica is used and the session is tried again later.
        if (m_engine->status().connection != SyncStatus::Connection::Offline)
            showSignIn(message);
    });
    connect(m_engine, &SyncEngine::signInRequired, this, &SyncController::showSignIn);
    connect(m_engine, &SyncEngine::certificateNeedsApproval, this,
            [this](const QUrl &url, const QByteArray &fingerprint, const QString &subject, const QStringList &errors) {
                CertificateDialog dialog(url, fingerprint, subject, errors, m_window);
                if (dialog.exec() != QDialog::Accepted)
                    return;
                m_engine->acceptCertificate(fingerprint);
                if (m_engine->isSignedIn())
                    m_engine->syncNow();
                else if (m_connect)
                    m_connect->setError(tr("The certificate is trusted now; sign in again."));
                else
                    m_engine->resumeSession();
            });
    connect(m_engine, &SyncEngine::credentialsNotStored, this, [this](const QString &reason) {
        // Told once, in a dialog (remembered in the settings).
        QSettings settings;
        if (settings.value(u"Sync/keychainExplained"_s).toBool())
            return;
        settings.setValue(u"Sync/keychainExplained"_s, true);
        auto *box = new QMessageBox(QMessageBox::Information, tr("Password Not Saved"),
                                    tr("Galley could not save your session in the system keychain, so it keeps it in "
                                       "memory only: the next time you start Galley it will ask for your password "
                                       "again. Nothing you write is affected."),
                                    QMessageBox::Ok, m_window);
        box->setInformativeText(reason);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
    });
}

SyncController::~SyncController()
{
    delete m_dock;
    delete m_status;
    delete m_progress;
}

void SyncController::connectToServer(const QString &password)
{
    if (password.isEmpty())
        m_engine->resumeSession();
    else
        m_engine->signIn(password);
}

void SyncController::showOutbox()
{
    m_outbox->refresh();
    m_dock->show();
    m_dock->raise();
}

void SyncController::showSignIn(const QString &reason)
{
    if (m_connect) {
        m_connect->setError(reason);
        m_connect->raise();
        return;
    }
    auto *dialog = new ConnectDialog(m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setServer(m_server);
    dialog->setEmail(m_email);
    if (!reason.isEmpty())
        dialog->setError(reason);
    connect(dialog, &ConnectDialog::signInRequested, this,
            [this, dialog](const QUrl &server, const QString &email, const QString &password) {
                if (server.adjusted(QUrl::StripTrailingSlash) != m_server.adjusted(QUrl::StripTrailingSlash)
                    || email.trimmed().compare(m_email, Qt::CaseInsensitive) != 0) {
                    dialog->accept();
                    Q_EMIT otherWorkspaceRequested(server, email.trimmed(), password);
                    return;
                }
                dialog->setBusy(true);
                m_engine->signIn(password);
            });
    m_connect = dialog;
    dialog->open();
}

void SyncController::openConflict(qint64 outboxId)
{
    m_engine->worker()->post(
        this,
        [outboxId](QSqlDatabase &db) -> std::pair<Result<ConflictRecord>, QString> {
            auto record = OutboxReader::conflictFor(db, outboxId);
            auto item = OutboxReader::item(db, outboxId);
            return { record, item ? item->summary : QString() };
        },
        [this, outboxId](std::pair<Result<ConflictRecord>, QString> loaded) {
            if (!loaded.first) {
                QMessageBox::information(m_window, tr("No Conflict"), loaded.first.error().message);
                return;
            }
            auto *dialog = new MergeDialog(loaded.first.value(), loaded.second, m_window);
            dialog->setAttribute(Qt::WA_DeleteOnClose);
            connect(dialog, &QDialog::accepted, this, [this, dialog, outboxId] {
                m_engine->resolveConflict(outboxId, dialog->mergedEntity(), [this](Status st) {
                    if (!st)
                        QMessageBox::warning(m_window, tr("Cannot Send the Merge"), st.error().message);
                });
            });
            dialog->open();
        });
}

void SyncController::onOpenRequested(qint64 outboxId)
{
    m_engine->worker()->post(this, [outboxId](QSqlDatabase &db) { return OutboxReader::item(db, outboxId); },
                             [this, outboxId](Result<OutboxItem> item) {
                                 if (!item)
                                     return;
                                 if (item->state == OutboxItem::State::Conflict) {
                                     openConflict(outboxId);
                                 } else if (item->state == OutboxItem::State::Gone) {
                                     QMessageBox box(QMessageBox::Warning, tr("Deleted on the Server"),
                                                     tr("“%1” was deleted on the server after you changed it.").arg(item->summary),
                                                     QMessageBox::Cancel, m_window);
                                     QPushButton *recreate = nullptr;
                                     if (item->entity == "edition"_L1)
                                         recreate = box.addButton(tr("Recreate as a New Document"), QMessageBox::AcceptRole);
                                     QPushButton *discard = box.addButton(tr("Discard My Change"), QMessageBox::DestructiveRole);
                                     box.setInformativeText(tr("You can keep your version as a new document, or let it go."));
                                     box.exec();
                                     if (recreate && box.clickedButton() == recreate)
                                         m_engine->recreate(outboxId);
                                     else if (box.clickedButton() == discard)
                                         m_engine->discard(outboxId);
                                 } else if (item->entity == "edition"_L1) {
                                     Q_EMIT fixEditionRequested(item->entityId, item->fieldErrors);
                                 } else {
                                     QMessageBox::information(m_window, tr("Refused by the Server"),
                                                              item->lastError.isEmpty() ? item->summary : item->lastError);
                                 }
                             });
}

} // namespace Galley
