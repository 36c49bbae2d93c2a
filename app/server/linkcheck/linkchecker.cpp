#include "linkchecker.h"

#include <QElapsedTimer>
#include <QHostAddress>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>
#include <QSslError>
#include <QTimer>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace Galley::Server {

namespace {

QString seconds(qint64 ms)
{
    return QString::number(double(ms) / 1000.0, 'g', 3);
}

bool isRedirect(int status)
{
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

bool isLoopbackHost(const QString &host)
{
    if (host == "localhost"_L1)
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

// "host:port" as the user wrote the link (port shown only when it is in the URL).
QString hostAndPort(const QUrl &url)
{
    return url.port() > 0 ? u"%1:%2"_s.arg(url.host()).arg(url.port()) : url.host();
}

} // namespace

LinkCheckOptions LinkCheckOptions::fromEnvironment()
{
    LinkCheckOptions o;
    bool ok = false;
    if (const int ms = qEnvironmentVariableIntValue("GALLEY_LINK_CHECK_TIMEOUT_MS", &ok); ok && ms > 0)
        o.timeout = std::chrono::milliseconds(ms);
    if (const int ms = qEnvironmentVariableIntValue("GALLEY_LINK_CHECK_SLOW_MS", &ok); ok && ms > 0)
        o.slow = std::chrono::milliseconds(ms);
    if (const int n = qEnvironmentVariableIntValue("GALLEY_LINK_CHECK_CONCURRENCY", &ok); ok && n > 0)
        o.maxConcurrent = n;
    o.onlyLoopback = qEnvironmentVariableIntValue("GALLEY_LINK_CHECK_ONLY_LOOPBACK") == 1;
    return o;
}

// One link being checked: where it is now (after redirects), with which method, since when, and
// the reply it waits for. A child of the checker; connections to it end when it is deleted.
class LinkChecker::Probe : public QObject
{
public:
    Probe(LinkChecker *checker, int batch, int index, const QUrl &url)
        : QObject(checker), batch(batch), index(index), original(url), current(url)
    {
        deadline.setSingleShot(true);
    }

    int batch;
    int index;
    QUrl original;
    QUrl current;
    QString originalHost;
    bool usingGet = false;
    bool leftHost = false;   // a redirect went to another host
    int redirects = 0;
    QElapsedTimer clock;
    QTimer deadline;
    QPointer<QNetworkReply> reply;
    QList<QSslError> sslErrors;
};

LinkChecker::LinkChecker(LinkCheckOptions options, QObject *parent) : QObject(parent), m_options(options)
{
    qRegisterMetaType<Galley::Server::LinkCheckResult>();
    qRegisterMetaType<QList<Galley::Server::LinkCheckResult>>();
    m_manager.setAutoDeleteReplies(false);
    m_manager.setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
}

LinkChecker::~LinkChecker()
{
    abortAll();
}

QString LinkChecker::normalizedHost(const QString &host)
{
    QString h = host.trimmed().toLower();
    while (h.endsWith(u'.'))
        h.chop(1);
    if (h.startsWith(u'[') && h.endsWith(u']'))
        h = h.mid(1, h.size() - 2);
    if (h.isEmpty())
        return {};
    QUrl url;
    url.setHost(h, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty())
        return {};
    return url.host(QUrl::EncodeUnicode).toLower();
}

bool LinkChecker::isDenied(const QString &host, const QStringList &denyHosts)
{
    const QString h = normalizedHost(host);
    if (h.isEmpty())
        return false;
    for (const QString &denied : denyHosts) {
        if (denied.isEmpty())
            continue;
        if (h == denied || (h.size() > denied.size() && h.endsWith(denied) && h.at(h.size() - denied.size() - 1) == u'.'))
            return true;
    }
    return false;
}

int LinkChecker::check(const QStringList &urls, const QStringList &denyHosts)
{
    const int id = m_nextBatch++;
    Batch &batch = m_batches[id];
    batch.denyHosts = denyHosts;
    batch.remaining = int(urls.size());
    batch.results.resize(urls.size());
    for (int i = 0; i < urls.size(); ++i) {
        batch.results[i].url = urls.at(i);
        m_queue.append(Pending { id, i });
    }
    if (urls.isEmpty()) {
        QTimer::singleShot(0, this, [this, id] {
            if (const auto it = m_batches.find(id); it != m_batches.end()) {
                const QList<LinkCheckResult> none;
                m_batches.erase(it);
                Q_EMIT batchFinished(id, none);
            }
        });
        return id;
    }
    // Started from the event loop, never inside this call: a link settled at once (deny-listed,
    // not contacted in loopback-only mode) finishes the batch, and the caller must have the
    // batch id before batchFinished can name it.
    QMetaObject::invokeMethod(this, [this] { pump(); }, Qt::QueuedConnection);
    return id;
}

void LinkChecker::abortAll()
{
    m_batches.clear();
    m_queue.clear();
    m_queueHead = 0;
    const QSet<Probe *> probes = std::exchange(m_probes, {});
    for (Probe *p : probes) {
        release(p);
        delete p;
    }
    m_active = 0;
}

void LinkChecker::pump()
{
    while (m_active < m_options.maxConcurrent && m_queueHead < m_queue.size()) {
        const Pending next = m_queue.at(m_queueHead++);
        if (m_batches.contains(next.batch))
            start(next.batch, next.index);
    }
    if (m_queueHead == m_queue.size()) {
        m_queue.clear();
        m_queueHead = 0;
    }
}

void LinkChecker::start(int batch, int index)
{
    ++m_active;
    const QUrl url(m_batches.value(batch).results.at(index).url, QUrl::TolerantMode);
    auto *probe = new Probe(this, batch, index, url);
    m_probes.insert(probe);
    probe->originalHost = normalizedHost(url.host());
    probe->clock.start();
    connect(&probe->deadline, &QTimer::timeout, probe, [this, probe] {
        release(probe);
        finish(probe, LinkStatus::Broken, tr("Did not answer within %1 s.").arg(seconds(m_options.timeout.count())));
    });
    const QString scheme = url.scheme().toLower();
    if (!url.isValid() || (scheme != "http"_L1 && scheme != "https"_L1) || probe->originalHost.isEmpty()) {
        finish(probe, LinkStatus::Broken, tr("This is not a valid web address."));
        return;
    }
    if (isDenied(probe->originalHost, m_batches.value(batch).denyHosts)) {
        finish(probe, LinkStatus::Danger,
               tr("%1 is on this account's deny-list; the link was not opened.").arg(url.host()));
        return;
    }
    if (m_options.onlyLoopback && !isLoopbackHost(probe->originalHost)) {
        finish(probe, LinkStatus::Broken, tr("Not checked: this server only contacts loopback addresses (test mode)."));
        return;
    }
    probe->deadline.start(m_options.timeout);
    send(probe);
}

void LinkChecker::send(Probe *probe)
{
    QNetworkRequest request(probe->current);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    request.setHeader(QNetworkRequest::UserAgentHeader, u"Galley-LinkChecker/1"_s);
    request.setRawHeader("Accept", "*/*");
    QNetworkReply *reply = probe->usingGet ? m_manager.get(request) : m_manager.head(request);
    probe->reply = reply;
    probe->sslErrors.clear();
    connect(reply, &QNetworkReply::sslErrors, probe, [probe](const QList<QSslError> &errors) { probe->sslErrors = errors; });
    // A GET is answered as soon as its status line and headers are in: the body is not needed.
    connect(reply, &QNetworkReply::metaDataChanged, probe, [this, probe, reply] {
        if (reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).isValid())
            onAnswer(probe, reply);
    });
    connect(reply, &QNetworkReply::finished, probe, [this, probe, reply] {
        if (reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).isValid())
            onAnswer(probe, reply);
        else
            onFailure(probe, reply);
    });
}

void LinkChecker::onAnswer(Probe *probe, QNetworkReply *reply)
{
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QString reason = reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString().trimmed();
    const QByteArray location = reply->rawHeader("Location");
    release(probe);
    LinkCheckResult &result = m_batches[probe->batch].results[probe->index];
    result.httpStatus = status;

    if (isRedirect(status) && !location.isEmpty()) {
        const QUrl target = probe->current.resolved(QUrl::fromEncoded(location.trimmed(), QUrl::TolerantMode));
        const QString scheme = target.scheme().toLower();
        if (!target.isValid() || (scheme != "http"_L1 && scheme != "https"_L1) || target.host().isEmpty()) {
            finish(probe, LinkStatus::Broken, tr("Redirects to %1, which is not a web address.").arg(QString::fromUtf8(location)));
            return;
        }
        if (++probe->redirects > m_options.maxRedirects) {
            finish(probe, LinkStatus::Broken, tr("Redirects more than %1 times.").arg(m_options.maxRedirects));
            return;
        }
        const QString host = normalizedHost(target.host());
        result.finalUrl = target.toString();
        if (isDenied(host, m_batches.value(probe->batch).denyHosts)) {
            finish(probe, LinkStatus::Danger,
                   tr("Redirects to %1, a host on this account's deny-list; it was not opened.").arg(target.toString()));
            return;
        }
        if (host != probe->originalHost)
            probe->leftHost = true;
        if (m_options.onlyLoopback && !isLoopbackHost(host)) {
            finish(probe, LinkStatus::Broken, tr("Not checked: this server only contacts loopback addresses (test mode)."));
            return;
        }
        probe->current = target;
        send(probe);
        return;
    }
    if (status >= 400 && !probe->usingGet) {
        // Many servers refuse or mishandle HEAD (405, 501, sometimes 403 or 404): ask again with GET.
        probe->usingGet = true;
        send(probe);
        return;
    }
    if (status >= 400) {
        finish(probe, LinkStatus::Broken,
               reason.isEmpty() ? tr("The server answered %1.").arg(status) : tr("The server answered %1 %2.").arg(status).arg(reason));
        return;
    }
    if (status >= 300) {
        finish(probe, LinkStatus::Broken, tr("The server answered %1 without saying where to go.").arg(status));
        return;
    }
    const qint64 elapsed = probe->clock.elapsed();
    QStringList problems;
    if (probe->leftHost)
        problems << tr("Redirects to another host: %1.").arg(probe->current.toString());
    if (elapsed > m_options.slow.count())
        problems << tr("Slow: answered after %1 s.").arg(QString::number(double(elapsed) / 1000.0, 'f', 1));
    if (!probe->leftHost)
        result.finalUrl = probe->redirects > 0 ? probe->current.toString() : QString();
    finish(probe, problems.isEmpty() ? LinkStatus::Ok : LinkStatus::Caution, problems.join(u' '));
}

void LinkChecker::onFailure(Probe *probe, QNetworkReply *reply)
{
    const QNetworkReply::NetworkError error = reply->error();
    const QString errorText = reply->errorString();
    const QList<QSslError> sslErrors = probe->sslErrors;
    release(probe);
    const QUrl &at = probe->current;
    switch (error) {
    case QNetworkReply::ConnectionRefusedError:
        finish(probe, LinkStatus::Broken, tr("Nothing answers at %1: the connection was refused.").arg(hostAndPort(at)));
        return;
    case QNetworkReply::HostNotFoundError:
        finish(probe, LinkStatus::Broken, tr("The host %1 does not exist (DNS lookup failed).").arg(at.host()));
        return;
    case QNetworkReply::SslHandshakeFailedError:
    case QNetworkReply::InsecureRedirectError:
        finish(probe, LinkStatus::Broken,
               tr("The secure connection to %1 failed: %2.")
                       .arg(at.host(), sslErrors.isEmpty() ? errorText : sslErrors.constFirst().errorString()));
        return;
    case QNetworkReply::TimeoutError:
        finish(probe, LinkStatus::Broken, tr("Did not answer within %1 s.").arg(seconds(m_options.timeout.count())));
        return;
    case QNetworkReply::NetworkSessionFailedError:
    case QNetworkReply::TemporaryNetworkFailureError:
        finish(probe, LinkStatus::Broken, tr("The network is unreachable from the server."));
        return;
    default:
        break;
    }
    if (!probe->usingGet) {
        // HEAD failed in a way GET may not (a server that hangs up on HEAD): try once more with GET.
        probe->usingGet = true;
        send(probe);
        return;
    }
    if (error == QNetworkReply::RemoteHostClosedError)
        finish(probe, LinkStatus::Broken, tr("The server at %1 closed the connection without answering.").arg(hostAndPort(at)));
    else
        finish(probe, LinkStatus::Broken, tr("The request failed: %1.").arg(errorText));
}

void LinkChecker::finish(Probe *probe, LinkStatus status, const QString &problem)
{
    probe->deadline.stop();
    const int batchId = probe->batch;
    const auto it = m_batches.find(batchId);
    if (it != m_batches.end()) {
        LinkCheckResult &result = it->results[probe->index];
        result.status = status;
        result.problem = problem;
        result.elapsedMs = probe->clock.isValid() ? probe->clock.elapsed() : 0;
    }
    m_probes.remove(probe);
    probe->deleteLater();
    --m_active;
    if (it != m_batches.end() && --it->remaining == 0) {
        const QList<LinkCheckResult> results = it->results;
        m_batches.erase(it);
        Q_EMIT batchFinished(batchId, results);
    }
    pump();
}

void LinkChecker::release(Probe *probe)
{
    if (QNetworkReply *reply = probe->reply.data()) {
        probe->reply = nullptr;
        reply->disconnect(probe);
        reply->abort();
        reply->deleteLater();
    }
}

} // namespace Galley::Server
