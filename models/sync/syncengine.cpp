#include "syncengine.h"

#include "store/storeworker.h"
#include "sync/credentialstore.h"
#include "sync/syncstore.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPointer>
#include <QRandomGenerator>
#include <QSettings>
#include <QSslCertificate>
#include <QStandardPaths>
#include <QSslConfiguration>
#include <QTimer>
#include <QUrlQuery>
#include <QWebSocket>

#include <algorithm>

Q_LOGGING_CATEGORY(lcSync, "galley.sync")

using namespace Qt::StringLiterals;

namespace Galley {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Galley::SyncEngine", text);
}

QString settingsKey(const QUrl &server)
{
    return u"trustedCertificates/"_s + server.host() + u'_' + QString::number(server.port(server.scheme() == "https"_L1 ? 443 : 80));
}

// Exponential backoff with full jitter: attempt 0 → up to 1 s, then 2, 4, … capped.
int backoffMs(int attempt, int capMs)
{
    const int exp = std::min(attempt, 16);
    const qint64 ceiling = std::min<qint64>(qint64(1000) << exp, capMs);
    return int(ceiling / 2 + QRandomGenerator::global()->bounded(int(ceiling / 2) + 1));
}

// One HTTP answer, transport failure included.
struct Reply
{
    int status = 0;                 // 0: no HTTP answer
    bool transport = false;         // refused, reset, timed out, DNS, TLS
    bool tlsRefused = false;
    QString transportError;
    QByteArray body;
    QJsonObject envelope;
    int retryAfterSeconds = -1;

    QJsonValue data() const { return envelope.value("data"_L1); }
    QJsonArray errors() const { return envelope.value("errors"_L1).toArray(); }
    QString code() const { return errors().isEmpty() ? QString() : errors().at(0).toObject().value("code"_L1).toString(); }
    QString message() const
    {
        const QString text = envelope.value("error"_L1).toString();
        if (!text.isEmpty())
            return text;
        if (transport)
            return transportError;
        return tr("The server answered with HTTP status %1.").arg(status);
    }
    // Worth sending again as it is, later: no answer, a server in trouble, throttling, or the same
    // key still being worked on by the server.
    bool retryable() const
    {
        return transport || status >= 500 || status == 429 || status == 408
            || (status == 409 && code() == "idempotency_in_progress"_L1);
    }
};

} // namespace

class SyncEngine::Private : public QObject
{
public:
    Private(SyncEngine *engine, const Options &options)
        : q(engine)
        , o(options)
        , worker(new StoreWorker(options.databasePath, this))
    {
        nam.setAutoDeleteReplies(false);
        pushTimer.setSingleShot(true);
        connect(&pushTimer, &QTimer::timeout, this, [this] { pump(); });
        probeTimer.setSingleShot(true);
        connect(&probeTimer, &QTimer::timeout, this, [this] { probe(); });
        pollTimer.setSingleShot(true);
        connect(&pollTimer, &QTimer::timeout, this, [this] { pull(); });
        socketTimer.setSingleShot(true);
        connect(&socketTimer, &QTimer::timeout, this, [this] { openSocket(); });
        pullRetryTimer.setSingleShot(true);
        connect(&pullRetryTimer, &QTimer::timeout, this, [this] { pull(); });
        countsTimer.setSingleShot(true);
        countsTimer.setInterval(100);
        connect(&countsTimer, &QTimer::timeout, this, [this] { loadCounts(); });
        eventTimer.setSingleShot(true);
        eventTimer.setInterval(30);
        connect(&eventTimer, &QTimer::timeout, this, [this] { pull(); });
        connect(&credentials, &CredentialStore::unavailable, q, &SyncEngine::credentialsNotStored);
        status.connection = SyncStatus::Connection::Connecting;
        status.serverUrl = o.server.toString();
        socket.setParent(this);
        connect(&socket, &QWebSocket::connected, this, [this] {
            socketBackoff = 0;
            status.liveUpdates = true;
            pollTimer.stop();
            emitStatus();
        });
        connect(&socket, &QWebSocket::disconnected, this, [this] { onSocketLost(); });
        connect(&socket, &QWebSocket::textMessageReceived, this, [this](const QString &text) { onEvent(text); });
        connect(&socket, &QWebSocket::sslErrors, this, [this](const QList<QSslError> &errors) {
            const QByteArray fingerprint = socket.sslConfiguration().peerCertificate().digest(QCryptographicHash::Sha256);
            if (!fingerprint.isEmpty() && fingerprint == SyncEngine::acceptedCertificate(o.server))
                socket.ignoreSslErrors(errors);
        });
    }

    ~Private() override
    {
        stopping = true;
        socket.abort();
        const auto replies = inFlight;
        for (QNetworkReply *r : replies)
            r->abort();
    }

    // ---- status ----

    void emitStatus()
    {
        if (status == lastEmitted)
            return;
        lastEmitted = status;
        Q_EMIT q->statusChanged(status);
    }

    void setConnection(SyncStatus::Connection c, const QString &error = {})
    {
        status.connection = c;
        status.lastError = error;
        emitStatus();
    }

    void refreshCounts()
    {
        // At most every 100 ms: a draining outbox answers many times a second.
        if (!countsTimer.isActive())
            countsTimer.start();
    }

    void loadCounts()
    {
        worker->post(this, [](QSqlDatabase &db) { return OutboxReader::counts(db); },
                     [this](Result<OutboxReader::Counts> counts) {
                         if (!counts)
                             return;
                         status.pending = counts->pending;
                         status.conflicts = counts->conflicts;
                         status.failed = counts->failed;
                         emitStatus();
                         Q_EMIT q->outboxChanged();
                     });
    }

    // After an exchange: idle, online, or still busy.
    void settle()
    {
        if (workingOffline || unreachable || !signedIn || status.connection == SyncStatus::Connection::SignInRequired)
            return;
        const bool busy = pulling || !inFlight.isEmpty() || pumping;
        if (busy)
            setConnection(SyncStatus::Connection::Syncing);
        else if (status.connection == SyncStatus::Connection::Syncing || status.connection == SyncStatus::Connection::Connecting
                 || status.connection == SyncStatus::Connection::Offline)
            setConnection(lastPullFailed.isEmpty() ? SyncStatus::Connection::Online : SyncStatus::Connection::Error,
                          lastPullFailed);
        if (onceMode && !busy)
            advanceOnce();
    }

    bool canTalk() const { return signedIn && !workingOffline && !stopping; }

    // ---- HTTP ----

    QUrl urlFor(const QString &pathAndQuery) const
    {
        QUrl url = o.server;
        const qsizetype question = pathAndQuery.indexOf(u'?');
        url.setPath(o.server.path() + u"/api/v1"_s + pathAndQuery.left(question));
        if (question >= 0)
            url.setQuery(pathAndQuery.mid(question + 1));
        return url;
    }

    void send(const QByteArray &method, const QString &path, const std::optional<QJsonObject> &body,
              const QList<std::pair<QByteArray, QByteArray>> &headers, bool authenticated,
              std::function<void(const Reply &)> done, bool retriedAfterRefresh = false, int timeoutMs = 30000)
    {
        QNetworkRequest request(urlFor(path));
        request.setTransferTimeout(timeoutMs);
        request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
        request.setHeader(QNetworkRequest::UserAgentHeader, QString(u"Galley/"_s + QCoreApplication::applicationVersion()));
        if (authenticated)
            request.setRawHeader("Authorization", "Bearer " + accessToken.toUtf8());
        for (const auto &[name, value] : headers)
            request.setRawHeader(name, value);
        QByteArray payload;
        if (body) {
            request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
            payload = QJsonDocument(*body).toJson(QJsonDocument::Compact);
        }
        QNetworkReply *reply = nam.sendCustomRequest(request, method, payload);
        inFlight.insert(reply);
        connect(reply, &QNetworkReply::sslErrors, this, [this, reply](const QList<QSslError> &errors) {
            const QSslCertificate certificate = reply->sslConfiguration().peerCertificate();
            const QByteArray fingerprint = certificate.digest(QCryptographicHash::Sha256);
            if (!fingerprint.isEmpty() && fingerprint == SyncEngine::acceptedCertificate(o.server)) {
                reply->ignoreSslErrors(errors);
                return;
            }
            reply->setProperty("galleyTlsRefused", true);
            if (announcedFingerprint != fingerprint) {
                announcedFingerprint = fingerprint;
                QStringList texts;
                for (const QSslError &e : errors)
                    texts << e.errorString();
                Q_EMIT q->certificateNeedsApproval(o.server, fingerprint,
                                                   certificate.subjectDisplayName().isEmpty()
                                                       ? certificate.subjectInfo(QSslCertificate::CommonName).join(u", "_s)
                                                       : certificate.subjectDisplayName(),
                                                   texts);
            }
        });
        connect(reply, &QNetworkReply::finished, this,
                [this, reply, method, path, body, headers, authenticated, done, retriedAfterRefresh, timeoutMs] {
                    inFlight.remove(reply);
                    reply->deleteLater();
                    if (stopping)
                        return;
                    Reply r;
                    r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
                    if (reply->isOpen())
                        r.body = reply->readAll();
                    const QNetworkReply::NetworkError error = reply->error();
                    // Network-level failures are codes 1–199 (refused, reset, timeout, TLS, proxy); from 201 on
                    // they are HTTP answers.
                    if (r.status == 0 || (error > QNetworkReply::NoError && error < QNetworkReply::ContentAccessDenied)) {
                        r.transport = true;
                        r.status = 0;
                        r.tlsRefused = reply->property("galleyTlsRefused").toBool();
                        r.transportError = r.tlsRefused
                            ? tr("The server's certificate is not trusted.")
                            : tr("The server cannot be reached (%1).").arg(reply->errorString());
                        qCInfo(lcSync).noquote() << method << path << "failed:" << reply->errorString();
                    } else {
                        // A feed page (a megabyte) is parsed where it is applied, on the store's
                        // thread, not here on the GUI thread; its envelope is checked by its ends.
                        const bool page = path.startsWith(u"/changes"_s) && r.status == 200;
                        if (page) {
                            const QByteArray head = r.body.left(64);
                            const QByteArray tail = r.body.right(8).trimmed();
                            if (head.contains("\"success\":true") && tail.endsWith('}'))
                                r.envelope.insert(u"success"_s, true);
                        } else {
                            r.envelope = QJsonDocument::fromJson(r.body).object();
                        }
                        if (reply->hasRawHeader("Retry-After"))
                            r.retryAfterSeconds = reply->rawHeader("Retry-After").toInt();
                        // A truncated or foreign answer with a success status is not a success.
                        if (r.status >= 200 && r.status < 300 && !r.envelope.value("success"_L1).toBool()) {
                            r.transport = true;
                            r.transportError = tr("The server's answer was incomplete.");
                        }
                    }
                    if (!r.transport)
                        reachable();
                    if (r.status == 401 && authenticated && !retriedAfterRefresh) {
                        refreshSession([=, this](bool ok) {
                            if (ok)
                                send(method, path, body, headers, authenticated, done, true, timeoutMs);
                            else
                                done(r);
                        });
                        return;
                    }
                    done(r);
                });
    }

    // ---- reachability ----

    void reachable()
    {
        probeBackoff = 0;
        if (unreachable) {
            unreachable = false;
            qCInfo(lcSync) << "server reachable again";
            if (status.connection == SyncStatus::Connection::Offline)
                setConnection(SyncStatus::Connection::Online);
            if (started) {
                // Changes that backed off while the server was away go now, not minutes later.
                worker->post(this, [](QSqlDatabase &db) { return SyncStore::dueNow(db); }, [this](Status) { q->syncNow(); });
                if (o.listen && socket.state() == QAbstractSocket::UnconnectedState)
                    openSocket();
            }
        }
    }

    void lost(const QString &why)
    {
        if (workingOffline)
            return;
        if (!unreachable)
            qCInfo(lcSync) << "server unreachable:" << why;
        unreachable = true;
        setConnection(SyncStatus::Connection::Offline, why);
        if (!probeTimer.isActive())
            probeTimer.start(backoffMs(probeBackoff++, 30000));
    }

    void probe()
    {
        if (!unreachable || workingOffline || stopping)
            return;
        QNetworkRequest request(QUrl(o.server.toString() + u"/api"_s));
        request.setTransferTimeout(5000);
        QNetworkReply *reply = nam.get(request);
        inFlight.insert(reply);
        connect(reply, &QNetworkReply::sslErrors, this, [this, reply](const QList<QSslError> &errors) {
            if (reply->sslConfiguration().peerCertificate().digest(QCryptographicHash::Sha256)
                == SyncEngine::acceptedCertificate(o.server))
                reply->ignoreSslErrors(errors);
        });
        connect(reply, &QNetworkReply::finished, this, [this, reply] {
            inFlight.remove(reply);
            reply->deleteLater();
            if (stopping)
                return;
            if (reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 200) {
                reachable();
                if (!signedIn && resumeWanted)
                    resume();
            } else {
                probeTimer.start(backoffMs(probeBackoff++, 30000));
            }
        });
    }

    // ---- sessions ----

    QString credentialKey() const { return CredentialStore::keyFor(o.server.toString(), o.email); }

    void takeTokens(const QJsonObject &data)
    {
        accessToken = data.value("access_token"_L1).toString();
        const QString refresh = data.value("refresh_token"_L1).toString();
        if (!refresh.isEmpty()) {
            refreshToken = refresh;
            credentials.write(credentialKey(), refresh);
        }
    }

    void signIn(const QString &pass)
    {
        setConnection(SyncStatus::Connection::Connecting);
        send("POST", u"/auth/login"_s, QJsonObject { { u"email"_s, o.email }, { u"password"_s, pass } }, {}, false,
             [this](const Reply &r) {
                 if (r.status == 200) {
                     takeTokens(r.data().toObject());
                     loadIdentity();
                 } else if (r.transport) {
                     failSignIn(r.message(), true);
                 } else {
                     failSignIn(r.status == 401 ? tr("The e-mail address or the password is wrong.") : r.message(), false);
                 }
             });
    }

    void resume()
    {
        setConnection(SyncStatus::Connection::Connecting);
        credentials.read(credentialKey(), [this](const QString &token) {
            if (token.isEmpty()) {
                failSignIn(tr("No saved session for %1 on this computer; sign in with the password.").arg(o.email), false);
                return;
            }
            refreshToken = token;
            refreshSession([this](bool ok) {
                if (ok)
                    loadIdentity();
                else if (status.connection != SyncStatus::Connection::Offline)
                    failSignIn(tr("The saved session has ended; sign in with the password."), false);
                else
                    failSignIn(status.lastError, true);
            });
        });
    }

    void failSignIn(const QString &message, bool network)
    {
        resumeWanted = network && !refreshToken.isEmpty();
        if (network)
            lost(message);
        else
            setConnection(SyncStatus::Connection::SignInRequired, message);
        Q_EMIT q->signInFailed(message);
        if (onceMode)
            finishOnce(message);
    }

    void loadIdentity()
    {
        send("GET", u"/me"_s, std::nullopt, {}, true, [this](const Reply &r) {
            if (r.status != 200) {
                failSignIn(r.message(), r.transport);
                return;
            }
            const QJsonObject data = r.data().toObject();
            const QJsonObject user = data.value("user"_L1).toObject();
            const QJsonObject account = data.value("account"_L1).toObject();
            SyncIdentity identity;
            identity.accountId = account.value("id"_L1).toInteger();
            identity.accountName = account.value("name"_L1).toString();
            identity.accountSlug = account.value("slug"_L1).toString();
            identity.userId = user.value("id"_L1).toInteger();
            identity.userName = user.value("name"_L1).toString();
            identity.email = user.value("email"_L1).toString();
            identity.role = data.value("role"_L1).toString();
            identity.serverUrl = o.server.toString();
            identity.serverInstance = data.value("server_instance"_L1).toString();
            worker->post(this, [identity](QSqlDatabase &db) {
                             bool resync = false;
                             Status bound = SyncStore::bind(db, identity, &resync);
                             return bound;
                         },
                         [this, identity](Status bound) {
                             if (!bound) {
                                 // Signed in, but this workspace cannot take this account's data
                                 // (another account's replica, a damaged file): a password would not
                                 // help, so this is an error, not "Sign-in needed".
                                 resumeWanted = false;
                                 setConnection(SyncStatus::Connection::Error, bound.error().message);
                                 Q_EMIT q->signInFailed(bound.error().message);
                                 if (onceMode)
                                     finishOnce(bound.error().message);
                                 return;
                             }
                             accountId = identity.accountId;
                             userId = identity.userId;
                             signedIn = true;
                             status.userName = identity.userName;
                             setConnection(SyncStatus::Connection::Online);
                             Q_EMIT q->signedIn(identity.userName);
                             refreshCounts();
                             if (started)
                                 kick();
                             if (onceMode)
                                 advanceOnce();
                         });
        });
    }

    void refreshSession(std::function<void(bool)> done)
    {
        waitingForRefresh.append(std::move(done));
        if (refreshing)
            return;
        refreshing = true;
        const auto finish = [this](bool ok) {
            refreshing = false;
            const auto waiting = std::exchange(waitingForRefresh, {});
            for (const auto &callback : waiting)
                callback(ok);
        };
        if (refreshToken.isEmpty()) {
            needPassword(tr("The session has ended; sign in again."));
            finish(false);
            return;
        }
        send("POST", u"/auth/refresh"_s, QJsonObject { { u"refresh_token"_s, refreshToken } }, {}, false,
             [this, finish](const Reply &r) {
                 if (r.status == 200) {
                     takeTokens(r.data().toObject());
                     finish(true);
                 } else {
                     if (!r.transport) {
                         refreshToken.clear();
                         credentials.remove(credentialKey());
                         needPassword(tr("The session has ended; sign in again. Nothing waiting to be sent is lost."));
                     } else {
                         lost(r.message());
                     }
                     finish(false);
                 }
             });
    }

    void needPassword(const QString &reason)
    {
        if (!signedIn && status.connection == SyncStatus::Connection::SignInRequired)
            return;
        signedIn = false;
        socket.abort();
        setConnection(SyncStatus::Connection::SignInRequired, reason);
        Q_EMIT q->signInRequired(reason);
    }

    // ---- live updates ----

    void openSocket()
    {
        if (!o.listen || !canTalk() || unreachable)
            return;
        if (socket.state() != QAbstractSocket::UnconnectedState)
            return;
        QUrl url = urlFor(u"/events"_s);
        url.setScheme(o.server.scheme() == "https"_L1 ? u"wss"_s : u"ws"_s);
        QNetworkRequest request(url);
        request.setRawHeader("Authorization", "Bearer " + accessToken.toUtf8());
        socket.open(request);
    }

    void onSocketLost()
    {
        status.liveUpdates = false;
        emitStatus();
        if (stopping || workingOffline || !started)
            return;
        // Polling until the socket is back, backing off while nothing changes.
        if (!pollTimer.isActive())
            pollTimer.start(pollIntervalMs);
        socketTimer.start(backoffMs(socketBackoff++, 30000));
    }

    void onEvent(const QString &text)
    {
        const QJsonObject event = QJsonDocument::fromJson(text.toUtf8()).object();
        const QString type = event.value("type"_L1).toString();
        if (type == "feed"_L1 || type == "hello"_L1) {
            // A burst of commits (this client's own outbox draining, say) becomes one pull.
            const qint64 seq = event.value("seq"_L1).toInteger();
            if ((seq > cursor || type == "hello"_L1) && !eventTimer.isActive())
                eventTimer.start();
        }
    }

    // ---- pull ----

    void kick()
    {
        if (!canTalk())
            return;
        pull();
        pump();
        if (o.listen)
            openSocket();
        else if (!pollTimer.isActive())
            pollTimer.start(pollIntervalMs);
    }

    void pull()
    {
        if (!canTalk() || unreachable)
            return;
        if (pulling) {
            pullAgain = true;
            return;
        }
        pulling = true;
        pullAgain = false;
        cancelRequested = false;
        settle();
        worker->post(this, [](QSqlDatabase &db) { return SyncStore::state(db); }, [this](Result<SyncState> state) {
            if (!state) {
                endPull(state.error().message);
                return;
            }
            cursor = state->cursor;
            startCursor = cursor;
            const bool big = !state->initialDone || state->resyncing;
            beginProgress(big);
            if (!state->initialDone) {
                // An empty replica fills fastest with its indexes set aside until the end.
                worker->post(this, [](QSqlDatabase &db) { return SyncStore::beginBulkLoad(db); },
                             [this](Result<bool> bulk) {
                                 if (!bulk)
                                     qCWarning(lcSync) << "cannot set the indexes aside:" << bulk.error().message;
                                 fetch(cursor);
                             });
                return;
            }
            fetch(cursor);
        });
    }

    void beginProgress(bool initial)
    {
        progress = {};
        progress.active = initial;
        progress.initial = initial;
        pullClock.start();
        if (initial)
            Q_EMIT q->progressChanged(progress);
    }

    void fetch(qint64 since)
    {
        fetchInFlight = true;
        send("GET", u"/changes?since=%1&limit=%2"_s.arg(since).arg(o.pageSize), std::nullopt, {}, true,
             [this, since](const Reply &r) { onPage(since, r); }, false, 120000);
    }

    // The next page is asked for while this one is applied: network and database overlap.
    static std::optional<qint64> peekNext(const QByteArray &body)
    {
        const qsizetype hasMore = body.lastIndexOf("\"has_more\":true");
        if (hasMore < 0)
            return std::nullopt;
        const qsizetype at = body.lastIndexOf("\"next\":\"");
        if (at < 0)
            return std::nullopt;
        const qsizetype from = at + 8;
        const qsizetype to = body.indexOf('"', from);
        bool ok = false;
        const qint64 next = body.mid(from, to - from).toLongLong(&ok);
        return ok ? std::optional<qint64>(next) : std::nullopt;
    }

    void onPage(qint64 since, const Reply &r)
    {
        fetchInFlight = false;
        if (!pulling)
            return;
        if (applying) {
            // The page before is still being applied: this one waits its turn.
            pendingPage = std::make_pair(since, r);
            return;
        }
        process(since, r);
    }

    void process(qint64 since, const Reply &r)
    {
        if (r.status == 410) {
            qCInfo(lcSync) << "cursor" << since << "expired: full resync";
            worker->post(this, [](QSqlDatabase &db) { return SyncStore::beginResync(db); }, [this](Status begun) {
                if (!begun) {
                    endPull(begun.error().message);
                    return;
                }
                cursor = 0;
                startCursor = 0;
                beginProgress(true);
                fetch(0);
            });
            return;
        }
        if (r.status != 200) {
            if (r.transport)
                lost(r.message());
            endPull(r.status == 401 ? QString() : r.message(), r.retryable());
            return;
        }
        progress.bytes += r.body.size();
        std::optional<qint64> prefetched;
        if (!cancelRequested) {
            prefetched = peekNext(r.body);
            if (prefetched)
                fetch(*prefetched);
        }
        applying = true;
        const Id account = accountId;
        worker->post(this, [body = r.body, account](QSqlDatabase &db) { return SyncStore::applyPage(db, body, account); },
                     [this, prefetched](Result<AppliedPage> page) { onApplied(page, prefetched); }, {},
                     StoreWorker::Lane::Interactive);
    }

    void onApplied(const Result<AppliedPage> &page, std::optional<qint64> prefetched)
    {
        applying = false;
        if (!page) {
            qCWarning(lcSync) << "cannot apply a feed page:" << page.error().message;
            endPull(page.error().message, true);
            return;
        }
        cursor = page->next;
        pulledThisRun += page->applied;
        summary.pulled += page->applied;
        if (!page->change.isEmpty())
            Q_EMIT q->replicaChanged(page->change);
        if (page->last >= 0)
            lastSeq = page->last;
        if (progress.active) {
            // Entries, not positions: a pull from 0 after a compaction reads a snapshot whose cursors
            // are not sequence numbers, and holds fewer entries than the feed's newest seq says.
            progress.items += page->applied;
            progress.totalItems = lastSeq >= 0 ? std::max<qint64>(lastSeq - std::max<qint64>(startCursor, 0), progress.items) : -1;
            if (!page->hasMore)
                progress.totalItems = progress.items;
            progress.elapsedMs = pullClock.elapsed();
            if (progress.totalItems > 0 && progress.items > 0)
                progress.remainingMs = progress.elapsedMs * (progress.totalItems - progress.items) / progress.items;
            Q_EMIT q->progressChanged(progress);
        }
        if (page->hasMore) {
            if (cancelRequested) {
                // The prefetched answer (if any) is dropped; the cursor is durable. What arrived so
                // far gets its indexes, so that it can be worked with while the sync is paused.
                worker->post(this, [](QSqlDatabase &db) { return SyncStore::finishBulkLoad(db); }, [this](Status built) {
                    if (!built)
                        qCWarning(lcSync) << "cannot build the indexes:" << built.error().message;
                    Q_EMIT q->replicaChanged(ReplicaChange { {}, {}, true });
                    endPull(QString(), false, true);
                });
                return;
            }
            if (pendingPage) {
                const auto [since, r] = *std::exchange(pendingPage, std::nullopt);
                process(since, r);
            } else if (!fetchInFlight || !prefetched || *prefetched != page->next) {
                fetch(page->next);
            }
            return;
        }
        // The end of the feed.
        worker->post(
            this,
            [](QSqlDatabase &db) -> Result<ReplicaChange> {
                auto state = SyncStore::state(db);
                if (!state)
                    return state.error();
                ReplicaChange change;
                if (Status built = SyncStore::finishBulkLoad(db); !built)
                    return built.error();
                if (state->resyncing) {
                    auto swept = SyncStore::finishResync(db);
                    if (!swept)
                        return swept.error();
                    change = swept.value();
                }
                if (Status st = SyncStore::markSynced(db, QDateTime::currentDateTimeUtc()); !st)
                    return st.error();
                return change;
            },
            [this](Result<ReplicaChange> done) {
                if (!done) {
                    endPull(done.error().message, true);
                    return;
                }
                if (!done->isEmpty())
                    Q_EMIT q->replicaChanged(done.value());
                status.lastSync = QDateTime::currentDateTimeUtc();
                endPull(QString());
            });
    }

    void endPull(const QString &error, bool retry = false, bool cancelled = false)
    {
        pulling = false;
        pendingPage.reset();
        lastPullFailed = error;
        if (progress.active) {
            progress.active = cancelled ? false : false;
            Q_EMIT q->progressChanged(progress);
        }
        if (!error.isEmpty()) {
            summary.ok = false;
            summary.error = error;
            if (!unreachable && status.connection != SyncStatus::Connection::SignInRequired)
                setConnection(SyncStatus::Connection::Error, error);
            if (retry && started && !onceMode)
                pullRetryTimer.start(backoffMs(pullFailures++, 60000));
        } else {
            pullFailures = 0;
            if (!cancelled)
                pullIntervalBackoff();
        }
        if (pullAgain && error.isEmpty() && !cancelled) {
            pullAgain = false;
            pull();
            return;
        }
        settle();
    }

    void pullIntervalBackoff()
    {
        // Polling (no live socket): quicker while things change, slower while they do not.
        if (!started || status.liveUpdates || workingOffline)
            return;
        pollIntervalMs = pulledThisRun > 0 ? 2000 : std::min(pollIntervalMs * 2, 60000);
        pulledThisRun = 0;
        pollTimer.start(pollIntervalMs);
    }

    // ---- push ----

    void pump()
    {
        if (!canTalk() || unreachable)
            return;
        if (pumping) {
            pumpAgain = true;
            return;
        }
        const int room = o.maxConcurrentPushes - int(busyChains.size());
        if (room <= 0)
            return;
        pumping = true;
        pumpAgain = false;
        const QSet<QString> busy = busyChains;
        const QDateTime now = QDateTime::currentDateTimeUtc();
        worker->post(this, [now, room, busy](QSqlDatabase &db) { return SyncStore::takeReady(db, now, room, busy); },
                     [this](Result<QList<OutboxItem>> ready) {
                         pumping = false;
                         if (!ready) {
                             qCWarning(lcSync) << "cannot read the outbox:" << ready.error().message;
                             settle();
                             return;
                         }
                         for (const OutboxItem &item : ready.value())
                             sendItem(item);
                         if (pumpAgain) {
                             pumpAgain = false;
                             pump();
                         } else if (ready->isEmpty()) {
                             scheduleNextDue();
                         }
                         settle();
                     });
    }

    void scheduleNextDue()
    {
        worker->post(this, [](QSqlDatabase &db) { return SyncStore::nextDue(db); }, [this](Result<QDateTime> due) {
            if (!due || !due->isValid())
                return;
            const qint64 wait = std::max<qint64>(0, QDateTime::currentDateTimeUtc().msecsTo(due.value()));
            if (!pushTimer.isActive() || pushTimer.remainingTime() > wait)
                pushTimer.start(int(std::min<qint64>(wait + 5, 3600000)));
        });
    }

    void sendItem(const OutboxItem &item)
    {
        busyChains.insert(item.orderKey);
        ++pushesInFlight;
        std::optional<QJsonObject> body;
        QList<std::pair<QByteArray, QByteArray>> headers { { "Idempotency-Key", item.idempotencyKey.toUtf8() } };
        if (item.method != "DELETE"_L1) {
            QJsonObject b = item.body;
            b.remove(u"_apply"_s);   // a transition's local bookkeeping
            b.remove(u"_local"_s);
            if (item.baseLockVersion && (item.method == "PUT"_L1 || item.action == OutboxItem::Action::Transition))
                b.insert(u"lock_version"_s, *item.baseLockVersion);
            body = b;
        } else if (item.baseLockVersion) {
            headers.append({ "If-Match", '"' + QByteArray::number(*item.baseLockVersion) + '"' });
        }
        QElapsedTimer sent;
        sent.start();
        send(item.method.toUtf8(), item.path, body, headers, true, [this, item, sent](const Reply &r) {
            qCDebug(lcSync) << "pushed" << item.id << item.path << "status" << r.status << "in" << sent.elapsed() << "ms";
            onPushed(item, r);
        });
    }

    void onPushed(const OutboxItem &item, const Reply &r)
    {
        const auto done = [this, item] {
            busyChains.remove(item.orderKey);
            --pushesInFlight;
            refreshCounts();
            pump();
            settle();
        };
        const Id account = accountId;
        const qint64 id = item.id;
        // A success whose answer was cut off or garbled is sent again with the same key: the
        // server gives back the answer it stored, and nothing is applied twice.
        const bool succeeded = r.status >= 200 && r.status < 300;
        if (succeeded && !r.transport) {
            ++summary.pushed;
            const QJsonObject answer = r.data().toObject();
            Q_EMIT q->changeSent(item, answer);
            const int attempts = item.attempts;
            worker->post(this, [account, id, answer](QSqlDatabase &db) { return SyncStore::accept(db, account, id, answer); },
                         [this, done, id, attempts](Result<ReplicaChange> change) {
                             if (change) {
                                 if (!change->isEmpty())
                                     Q_EMIT q->replicaChanged(change.value());
                                 done();
                                 return;
                             }
                             // Never left "sending": it waits in the outbox with the reason.
                             qCWarning(lcSync) << "cannot apply a write's answer:" << change.error().message;
                             const QDateTime next = QDateTime::currentDateTimeUtc().addMSecs(backoffMs(attempts, 300000));
                             const QString message = change.error().message;
                             worker->post(this, [id, next, message](QSqlDatabase &db) { return SyncStore::retryLater(db, id, next, message); },
                                          [done](Status) { done(); });
                         });
            return;
        }
        if (r.retryable() || r.status == 401) {
            if (r.transport && !r.tlsRefused)
                lost(r.message());
            int wait = backoffMs(item.attempts, 300000);
            if (r.retryAfterSeconds > 0)
                wait = std::max(wait, r.retryAfterSeconds * 1000);
            const QDateTime next = QDateTime::currentDateTimeUtc().addMSecs(wait);
            const QString message = r.message();
            worker->post(this, [id, next, message](QSqlDatabase &db) { return SyncStore::retryLater(db, id, next, message); },
                         [done](Status) { done(); });
            return;
        }
        if (item.action == OutboxItem::Action::Transition) {
            // A decision is never merged: the edition moved, or the rules say no. Undo it and say why.
            const QJsonObject theirs = r.status == 409 ? r.data().toObject() : QJsonObject();
            const QString message = r.status == 404 ? tr("The edition was deleted on the server.") : r.message();
            worker->post(this, [account, id, message, theirs](QSqlDatabase &db) {
                return SyncStore::refuseTransition(db, account, id, message, theirs);
            }, [this, done](Result<ReplicaChange> change) {
                if (change && !change->isEmpty())
                    Q_EMIT q->replicaChanged(change.value());
                done();
            });
            return;
        }
        if (r.status == 409) {
            const QJsonObject theirs = r.data().toObject();
            worker->post(this, [account, id, theirs](QSqlDatabase &db) { return SyncStore::collide(db, account, id, theirs); },
                         [this, done](Result<bool> merged) {
                             if (merged && merged.value())
                                 ++autoMerged;
                             Q_EMIT q->replicaChanged(ReplicaChange { { u"edition"_s, u"schema"_s }, {}, false });
                             done();
                         });
            return;
        }
        if (r.status == 404) {
            const QString message = tr("It was deleted on the server.");
            worker->post(this, [id, message](QSqlDatabase &db) { return SyncStore::gone(db, id, message); },
                         [done](Result<ReplicaChange>) { done(); });
            return;
        }
        // 400, 403, 413, 422: the server will not take it as it is.
        const QString message = r.message();
        const QJsonArray errors = r.errors();
        worker->post(this, [id, message, errors](QSqlDatabase &db) { return SyncStore::refuse(db, id, message, errors); },
                     [done](Status) { done(); });
    }

    // ---- one round for scripts ----

    enum class OncePhase { SignIn, FirstPull, Push, LastPull, Done };

    void startOnce()
    {
        onceMode = true;
        summary = {};
        oncePhase = OncePhase::SignIn;
        onceDeadline.start();
        if (signedIn)
            advanceOnce();
    }

    void advanceOnce()
    {
        if (!onceMode || pulling || pumping || pushesInFlight > 0)
            return;
        switch (oncePhase) {
        case OncePhase::SignIn:
            oncePhase = OncePhase::FirstPull;
            worker->post(this, [](QSqlDatabase &db) { return SyncStore::requeueSending(db); }, [this](Status) { pull(); });
            return;
        case OncePhase::FirstPull:
            if (!summary.ok || unreachable)
                return finishOnce(summary.error.isEmpty() ? status.lastError : summary.error);
            oncePhase = OncePhase::Push;
            pump();
            return;
        case OncePhase::Push:
            if (unreachable)
                return finishOnce(status.lastError);
            // Anything still queued (backing off after a transient failure) is waited for, within limits.
            worker->post(this, [](QSqlDatabase &db) { return SyncStore::nextDue(db); }, [this](Result<QDateTime> due) {
                if (due && due->isValid()) {
                    if (onceDeadline.elapsed() > onceTimeoutMs)
                        return finishOnce(tr("Changes are still waiting to be sent; the server keeps refusing them for now."));
                    const qint64 wait = std::max<qint64>(0, QDateTime::currentDateTimeUtc().msecsTo(due.value()));
                    QTimer::singleShot(int(std::min<qint64>(wait + 5, 60000)), this, [this] { pump(); });
                    return;
                }
                oncePhase = OncePhase::LastPull;
                pull();
            });
            return;
        case OncePhase::LastPull:
            if (!summary.ok)
                return finishOnce(summary.error);
            finishOnce(QString());
            return;
        case OncePhase::Done:
            return;
        }
    }

    void finishOnce(const QString &error)
    {
        if (!onceMode || oncePhase == OncePhase::Done)
            return;
        oncePhase = OncePhase::Done;
        worker->post(this, [](QSqlDatabase &db) { return OutboxReader::counts(db); },
                     [this, error](Result<OutboxReader::Counts> counts) {
                         onceMode = false;
                         if (counts) {
                             summary.conflicts = counts->conflicts;
                             summary.errors = counts->failed;
                         }
                         if (!error.isEmpty()) {
                             summary.ok = false;
                             summary.error = error;
                             ++summary.errors;
                         }
                         Q_EMIT q->finished(summary);
                     });
    }

    SyncEngine *q;
    Options o;
    StoreWorker *worker;
    QNetworkAccessManager nam;
    QWebSocket socket;
    CredentialStore credentials;
    QSet<QNetworkReply *> inFlight;

    QString accessToken;
    QString refreshToken;
    bool resumeWanted = false;
    bool refreshing = false;
    QList<std::function<void(bool)>> waitingForRefresh;
    QByteArray announcedFingerprint;
    Id accountId = 0;
    Id userId = 0;
    bool signedIn = false;
    bool started = false;
    bool stopping = false;
    bool workingOffline = false;
    bool unreachable = false;

    SyncStatus status;
    SyncStatus lastEmitted;
    SyncProgress progress;
    SyncSummary summary;

    // pull
    bool pulling = false;
    bool pullAgain = false;
    bool cancelRequested = false;
    bool fetchInFlight = false;
    bool applying = false;
    std::optional<std::pair<qint64, Reply>> pendingPage;
    qint64 cursor = 0;
    qint64 startCursor = 0;
    qint64 lastSeq = -1;
    qint64 pulledThisRun = 0;
    int pullFailures = 0;
    QString lastPullFailed;
    QElapsedTimer pullClock;

    // push
    bool pumping = false;
    bool pumpAgain = false;
    int pushesInFlight = 0;
    QSet<QString> busyChains;
    int autoMerged = 0;

    QTimer pushTimer;
    QTimer probeTimer;
    QTimer pollTimer;
    QTimer socketTimer;
    QTimer pullRetryTimer;
    QTimer countsTimer;
    QTimer eventTimer;
    int probeBackoff = 0;
    int socketBackoff = 0;
    int pollIntervalMs = 2000;

    bool onceMode = false;
    OncePhase oncePhase = OncePhase::Done;
    QElapsedTimer onceDeadline;
    qint64 onceTimeoutMs = 120000;
};

SyncEngine::SyncEngine(Options options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , d(std::make_unique<Private>(this, m_options))
{
    qRegisterMetaType<Galley::SyncStatus>();
    qRegisterMetaType<Galley::SyncProgress>();
    qRegisterMetaType<Galley::SyncSummary>();
    qRegisterMetaType<Galley::ReplicaChange>();
    if (qEnvironmentVariableIsSet("GALLEY_NO_KEYCHAIN"))
        d->credentials.setMemoryOnly(true);
}

SyncEngine::~SyncEngine() = default;

SyncStatus SyncEngine::status() const
{
    return d->status;
}

SyncProgress SyncEngine::progress() const
{
    return d->progress;
}

void SyncEngine::signIn(const QString &password)
{
    d->signIn(password);
}

void SyncEngine::resumeSession()
{
    d->resume();
}

void SyncEngine::signOut()
{
    if (d->signedIn && !d->accessToken.isEmpty())
        d->send("POST", u"/auth/logout"_s, QJsonObject {}, {}, true, [](const Reply &) { });
    d->credentials.remove(d->credentialKey());
    d->signedIn = false;
    d->accessToken.clear();
    d->refreshToken.clear();
    d->socket.abort();
    d->setConnection(SyncStatus::Connection::SignInRequired, tr("Signed out."));
}

bool SyncEngine::isSignedIn() const
{
    return d->signedIn;
}

void SyncEngine::acceptCertificate(const QByteArray &sha256Fingerprint)
{
    QSettings settings;
    settings.setValue(settingsKey(m_options.server), QString::fromLatin1(sha256Fingerprint.toHex()));
    d->announcedFingerprint.clear();
}

QByteArray SyncEngine::acceptedCertificate(const QUrl &server)
{
    QSettings settings;
    return QByteArray::fromHex(settings.value(settingsKey(server)).toString().toLatin1());
}

void SyncEngine::start()
{
    if (d->started)
        return;
    d->started = true;
    d->worker->post(d.get(), [](QSqlDatabase &db) { return SyncStore::requeueSending(db); }, [this](Status) {
        d->refreshCounts();
        d->kick();
    });
}

void SyncEngine::syncNow()
{
    if (d->unreachable) {
        d->probeTimer.stop();
        d->probe();
        return;
    }
    d->kick();
}

void SyncEngine::syncOnce()
{
    d->startOnce();
}

void SyncEngine::setWorkOffline(bool offline)
{
    if (d->workingOffline == offline)
        return;
    d->workingOffline = offline;
    if (offline) {
        d->socket.abort();
        d->pollTimer.stop();
        d->pushTimer.stop();
        d->probeTimer.stop();
        const auto replies = d->inFlight;
        for (QNetworkReply *r : replies)
            r->abort();
        d->setConnection(SyncStatus::Connection::WorkingOffline);
    } else {
        d->unreachable = false;
        d->setConnection(d->signedIn ? SyncStatus::Connection::Online : SyncStatus::Connection::SignInRequired);
        d->kick();
    }
}

bool SyncEngine::isWorkingOffline() const
{
    return d->workingOffline;
}

void SyncEngine::cancelPull()
{
    d->cancelRequested = true;
}

StoreWorker *SyncEngine::worker() const
{
    return d->worker;
}

QString SyncEngine::defaultWorkspacePath(const QUrl &server, const QString &email)
{
    const int port = server.port(server.scheme() == "https"_L1 ? 443 : 80);
    QString account = email.trimmed().toLower();
    account.replace(u'/', u'_');
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
        + u"/servers/%1-%2/%3/workspace.galley"_s.arg(server.host()).arg(port).arg(account);
}

namespace {

template<typename T>
void deliver(const std::function<void(T)> &done, T value)
{
    if (done)
        done(std::move(value));
}

} // namespace

// Every local change: its transaction on the worker, then (when it was written) the models, the
// outbox counts and a push; done() gets the outcome.
template<typename Task, typename Done>
void SyncEngine::local(Task &&task, Done &&done)
{
    using R = std::invoke_result_t<Task, QSqlDatabase &, ReplicaChange *>;
    d->worker->post(
        this,
        [task = std::forward<Task>(task)](QSqlDatabase &db) mutable {
            ReplicaChange change;
            R result = task(db, &change);
            return std::pair<R, ReplicaChange> { std::move(result), change };
        },
        [this, done = std::forward<Done>(done)](std::pair<R, ReplicaChange> outcome) {
            if (outcome.first) {
                Q_EMIT replicaChanged(outcome.second);
                d->refreshCounts();
                d->pump();
            }
            deliver<R>(done, std::move(outcome.first));
        });
}

namespace {
// A SyncStore call that returns the change it made, as a Status and the change.
Status asStatus(Result<ReplicaChange> &&r, ReplicaChange *change)
{
    if (!r)
        return r.error();
    *change = r.value();
    return {};
}
} // namespace

void SyncEngine::editEdition(Id editionId, const EditionEdit &edit, std::function<void(Status)> done)
{
    const Id account = d->accountId;
    local([account, editionId, edit](QSqlDatabase &db, ReplicaChange *c) {
        return asStatus(SyncStore::editEdition(db, account, editionId, edit), c);
    }, std::move(done));
}

void SyncEngine::createDocument(const NewDocument &document, std::function<void(Result<Id>)> done)
{
    const Id account = d->accountId;
    const Id user = d->userId;
    local([account, user, document](QSqlDatabase &db, ReplicaChange *c) {
        return SyncStore::createDocument(db, account, user, document, c);
    }, std::move(done));
}

void SyncEngine::addRemark(Id editionId, const QString &body, std::function<void(Status)> done)
{
    const Id account = d->accountId;
    const Id user = d->userId;
    local([account, user, editionId, body](QSqlDatabase &db, ReplicaChange *c) {
        return asStatus(SyncStore::addRemark(db, account, user, editionId, body), c);
    }, std::move(done));
}

void SyncEngine::checkLinks(Id editionId, std::function<void(Status)> done)
{
    const Id account = d->accountId;
    local([account, editionId](QSqlDatabase &db, ReplicaChange *c) {
        return asStatus(SyncStore::requestLinkCheck(db, account, editionId), c);
    }, std::move(done));
}

void SyncEngine::transition(Id editionId, Workflow::Event event, const Workflow::Request &request,
                            std::function<void(Status)> done)
{
    const Id account = d->accountId;
    const Id user = d->userId;
    local([account, user, editionId, event, request](QSqlDatabase &db, ReplicaChange *c) {
        return asStatus(SyncStore::transition(db, account, user, editionId, event, request,
                                              QDateTime::currentDateTimeUtc()), c);
    }, std::move(done));
}

void SyncEngine::createSchema(const QJsonObject &schema, std::function<void(Result<Id>)> done)
{
    const Id account = d->accountId;
    local([account, schema](QSqlDatabase &db, ReplicaChange *c) { return SyncStore::createSchema(db, account, schema, c); },
          std::move(done));
}

void SyncEngine::updateSchema(Id schemaId, const QJsonObject &changes, std::function<void(Status)> done)
{
    const Id account = d->accountId;
    local([account, schemaId, changes](QSqlDatabase &db, ReplicaChange *c) {
        return asStatus(SyncStore::updateSchema(db, account, schemaId, changes), c);
    }, std::move(done));
}

void SyncEngine::deleteSchema(Id schemaId, std::function<void(Status)> done)
{
    const Id account = d->accountId;
    local([account, schemaId](QSqlDatabase &db, ReplicaChange *c) {
        return asStatus(SyncStore::deleteSchema(db, account, schemaId), c);
    }, std::move(done));
}

void SyncEngine::retry(qint64 outboxId)
{
    d->worker->post(this, [outboxId](QSqlDatabase &db) { return SyncStore::retryNow(db, outboxId); }, [this](Status) {
        d->refreshCounts();
        if (d->unreachable)
            syncNow();
        else
            d->pump();
    });
}

void SyncEngine::discard(qint64 outboxId, std::function<void(Status)> done)
{
    const Id account = d->accountId;
    d->worker->post(this, [account, outboxId](QSqlDatabase &db) { return SyncStore::discard(db, account, outboxId); },
                    [this, done](Result<ReplicaChange> change) {
                        if (change)
                            Q_EMIT replicaChanged(change.value());
                        d->refreshCounts();
                        deliver<Status>(done, change ? Status() : Status(change.error()));
                    });
}

void SyncEngine::recreate(qint64 outboxId, std::function<void(Status)> done)
{
    const Id account = d->accountId;
    const Id user = d->userId;
    d->worker->post(this, [account, user, outboxId](QSqlDatabase &db) { return SyncStore::recreate(db, account, user, outboxId); },
                    [this, done](Result<ReplicaChange> change) {
                        if (change)
                            Q_EMIT replicaChanged(change.value());
                        d->refreshCounts();
                        d->pump();
                        deliver<Status>(done, change ? Status() : Status(change.error()));
                    });
}

void SyncEngine::resolveConflict(qint64 outboxId, const QJsonObject &merged, std::function<void(Status)> done)
{
    const Id account = d->accountId;
    d->worker->post(this, [account, outboxId, merged](QSqlDatabase &db) { return SyncStore::resolve(db, account, outboxId, merged); },
                    [this, done](Result<ReplicaChange> change) {
                        if (change)
                            Q_EMIT replicaChanged(change.value());
                        d->refreshCounts();
                        d->pump();
                        deliver<Status>(done, change ? Status() : Status(change.error()));
                    });
}

} // namespace Galley
