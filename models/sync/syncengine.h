#pragma once

#include "workflow/workflow.h"
#include "domain/content.h"
#include "domain/result.h"
#include "sync/outbox.h"
#include "sync/syncstatus.h"

#include <QJsonObject>
#include <QObject>
#include <QUrl>

#include <functional>
#include <memory>

namespace Galley {

class StoreWorker;

// A change a user makes to a draft edition (only the members that are set are changed).
struct EditionEdit
{
    std::optional<QString> title;
    std::optional<QJsonObject> fields;
    std::optional<QString> changeNote;
    std::optional<bool> minorChange;
};

// A document a user creates: the document and its first draft.
struct NewDocument
{
    Id siteId = 0;
    Id sectorId = 0;
    Id schemaId = 0;
    QString title;
    QJsonObject fields;
    QString changeNote;
};

// The sync client of one server workspace: keeps the local replica in step with what the user may
// see on the server (pull: GET /changes page by page, each page applied in one transaction with
// its cursor), and sends the outbox (push: REST calls in order per chain, with Idempotency-Key and
// lock_version). Lives on the GUI thread; every network call is asynchronous and every database
// call runs on its own store worker thread, so nothing here blocks the caller.
//
// Local changes (editEdition, createDocument, …) are applied to the replica optimistically and
// queued in the outbox in one transaction, online or not; they go out when the server is reachable.
class SyncEngine : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SyncEngine)
public:
    struct Options
    {
        QString databasePath;     // the workspace (already created and migrated)
        QUrl server;              // base address, e.g. http://127.0.0.1:8470
        QString email;
        bool listen = true;       // open the /events WebSocket (else poll only)
        int pageSize = 1000;      // /changes page size
        int maxConcurrentPushes = 6;
    };

    explicit SyncEngine(Options options, QObject *parent = nullptr);
    ~SyncEngine() override;

    const Options &options() const { return m_options; }
    SyncStatus status() const;
    SyncProgress progress() const;

    // Signing in. signIn() sends the password (which is never stored); resumeSession() uses a
    // refresh token kept by the credential store. Both end with signedIn() or signInFailed().
    void signIn(const QString &password);
    void resumeSession();
    void signOut();
    bool isSignedIn() const;

    // A certificate the system does not trust is accepted for this server only when the user
    // accepts its SHA-256 fingerprint (remembered per host:port); see certificateNeedsApproval().
    void acceptCertificate(const QByteArray &sha256Fingerprint);
    static QByteArray acceptedCertificate(const QUrl &server);

    // Starts syncing (pull, push, live updates) once signed in; runs until stopped.
    void start();
    // Pull and push now (also what a server event triggers).
    void syncNow();
    // One complete round for scripts: pull to the end, push everything that can be pushed, pull
    // again; then finished(summary). Works without start().
    void syncOnce();
    void setWorkOffline(bool offline);
    bool isWorkingOffline() const;
    // Stops an initial sync or resync after the page being applied; syncNow() resumes it.
    void cancelPull();

    // Local changes; done() runs on the caller's thread with the outcome of the local write.
    void editEdition(Id editionId, const EditionEdit &edit, std::function<void(Status)> done = {});
    void createDocument(const NewDocument &document, std::function<void(Result<Id>)> done = {});   // the new edition's (local) id
    void addRemark(Id editionId, const QString &body, std::function<void(Status)> done = {});
    // A workflow event (SyncStore::transition): decided locally by the server's rules, shown at
    // once, sent with the lock_version the user saw; a refusal undoes it and says who acted.
    void checkLinks(Id editionId, std::function<void(Status)> done = {});
    void transition(Id editionId, Workflow::Event event, const Workflow::Request &request,
                    std::function<void(Status)> done = {});
    void createSchema(const QJsonObject &schema, std::function<void(Result<Id>)> done = {});
    void updateSchema(Id schemaId, const QJsonObject &changes, std::function<void(Status)> done = {});
    void deleteSchema(Id schemaId, std::function<void(Status)> done = {});

    // Outbox actions (the Outbox screen).
    void retry(qint64 outboxId);            // send now, whatever the backoff says (Failed items: again as they are)
    void discard(qint64 outboxId, std::function<void(Status)> done = {});   // drops it and restores the server copy
    // Gone (404) items of an edition: creates a new document with the same content instead.
    void recreate(qint64 outboxId, std::function<void(Status)> done = {});
    // Conflict: sends `merged` (wire JSON of the entity) against the server copy's lock_version.
    void resolveConflict(qint64 outboxId, const QJsonObject &merged, std::function<void(Status)> done = {});

    StoreWorker *worker() const;

    // Where the workspace of a server and account lives unless the user names one:
    // <app data>/servers/<host>-<port>/<e-mail>/workspace.galley.
    static QString defaultWorkspacePath(const QUrl &server, const QString &email);

Q_SIGNALS:
    void statusChanged(const Galley::SyncStatus &status);
    void progressChanged(const Galley::SyncProgress &progress);
    void replicaChanged(const Galley::ReplicaChange &change);
    void outboxChanged();
    void signedIn(const QString &userName);
    void signInFailed(const QString &message);
    // The session ended (refresh refused): the password is needed. Nothing queued is lost.
    void signInRequired(const QString &reason);
    // The server presented a certificate the system does not trust.
    void certificateNeedsApproval(const QUrl &server, const QByteArray &sha256Fingerprint, const QString &subject,
                                  const QStringList &errors);
    // The keychain cannot keep the session: it lives in memory and the password will be asked again.
    void credentialsNotStored(const QString &reason);
    // syncOnce() ended.
    void finished(const Galley::SyncSummary &summary);
    // The server accepted a queued change and answered with its copy (the Outbox log, the tests).
    void changeSent(const Galley::OutboxItem &item, const QJsonObject &answer);

private:
    template<typename Task, typename Done>
    void local(Task &&task, Done &&done);

    class Private;
    Options m_options;
    std::unique_ptr<Private> d;
};

} // namespace Galley
