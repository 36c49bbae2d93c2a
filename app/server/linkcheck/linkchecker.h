#pragma once

#include "domain/enums.h"

#include <QHash>
#include <QList>
#include <QNetworkAccessManager>
#include <QObject>
#include <QSet>
#include <QString>
#include <QStringList>

#include <chrono>

namespace Galley::Server {

// How a LinkChecker works: how many links at once, how long one may take before it is broken
// (the whole link: redirects and the GET after a refused HEAD included), from when an answer is
// slow (caution), how many redirects it follows.
struct LinkCheckOptions
{
    int maxConcurrent = 8;
    std::chrono::milliseconds timeout { 10000 };
    std::chrono::milliseconds slow { 3000 };
    int maxRedirects = 5;
    // Tests: contact nothing but loopback addresses (every other link is broken, not checked).
    bool onlyLoopback = false;

    // The defaults, overridden by GALLEY_LINK_CHECK_TIMEOUT_MS, GALLEY_LINK_CHECK_SLOW_MS,
    // GALLEY_LINK_CHECK_CONCURRENCY and GALLEY_LINK_CHECK_ONLY_LOOPBACK=1 (tests set them on
    // the server process; production needs none).
    static LinkCheckOptions fromEnvironment();
};

// What a check found out about one link. `problem` is one human sentence (empty when ok).
struct LinkCheckResult
{
    QString url;
    LinkStatus status = LinkStatus::Ok;
    QString problem;
    int httpStatus = 0;       // the final answer's status; 0 when there was none
    QString finalUrl;         // where the redirects ended, when they did somewhere else
    qint64 elapsedMs = 0;
};

// Checks links over HTTP(S), asynchronously on the thread it lives on, with at most
// maxConcurrent requests in flight across all batches. Per link: a host on the deny-list
// (exactly or a subdomain of it) is danger and never contacted; otherwise HEAD, then GET when
// HEAD is refused (405, 501, any error status) or fails; redirects followed by hand (each hop
// checked against the deny-list first); 4xx/5xx, refused connections, unknown hosts, TLS
// failures and timeouts are broken; a redirect to another host or a slow answer is caution.
// Owns its QNetworkAccessManager.
class LinkChecker : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LinkChecker)
public:
    explicit LinkChecker(LinkCheckOptions options = {}, QObject *parent = nullptr);
    ~LinkChecker() override;

    const LinkCheckOptions &options() const { return m_options; }

    // Starts checking `urls`; batchFinished(batch, results in the order of urls) when every one
    // is done (at once, from the event loop, for an empty list). Returns the batch number.
    int check(const QStringList &urls, const QStringList &denyHosts);
    // Drops every batch without finishing it (shutdown).
    void abortAll();
    int inFlight() const { return m_active; }

    // Lower-case ASCII (IDNA) host without a trailing dot; empty when it is not a host name or
    // address. The deny-list stores hosts in this form.
    static QString normalizedHost(const QString &host);
    // Whether `host` is on `denyHosts` or a subdomain of one of them (both normalized).
    static bool isDenied(const QString &host, const QStringList &denyHosts);

Q_SIGNALS:
    void batchFinished(int batch, const QList<Galley::Server::LinkCheckResult> &results);

private:
    class Probe;
    struct Batch
    {
        QList<LinkCheckResult> results;
        QStringList denyHosts;
        int remaining = 0;
    };
    struct Pending
    {
        int batch;
        int index;
    };

    void pump();
    void start(int batch, int index);
    void send(Probe *probe);
    void onAnswer(Probe *probe, QNetworkReply *reply);
    void onFailure(Probe *probe, QNetworkReply *reply);
    void finish(Probe *probe, LinkStatus status, const QString &problem);
    // Drops the reply a probe is waiting on (its signals first, so abort() reports nothing).
    static void release(Probe *probe);

    LinkCheckOptions m_options;
    QNetworkAccessManager m_manager;
    QSet<Probe *> m_probes;   // the links in flight
    QHash<int, Batch> m_batches;
    QList<Pending> m_queue;
    qsizetype m_queueHead = 0;
    int m_active = 0;
    int m_nextBatch = 1;
};

} // namespace Galley::Server

Q_DECLARE_METATYPE(Galley::Server::LinkCheckResult)
