#include "linkcheckrunner.h"

#include "api/entities.h"
#include "api/write.h"
#include "storage/serverstore.h"

#include "workflow/linkextractor.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcLinkCheck, "galley.server.linkcheck")

namespace Galley::Server {

namespace {

QMutex g_registryMutex;
QHash<const ServerStore *, std::weak_ptr<LinkCheckRunner>> g_registry;

QJsonObject parseObject(const QVariant &v)
{
    const QByteArray text = v.typeId() == QMetaType::QByteArray ? v.toByteArray() : v.toString().toUtf8();
    return QJsonDocument::fromJson(text).object();
}

} // namespace

// The runner's half on its own thread: the checker, the editions being checked and the
// database work (this thread's own connection).
class LinkCheckRunner::Worker : public QObject
{
public:
    Worker(ServerStore &store, std::shared_ptr<EventSink> events, LinkCheckOptions options)
        : m_store(store), m_events(std::move(events)), m_options(options)
    {
    }

    void init()
    {
        m_checker = new LinkChecker(m_options, this);
        connect(m_checker, &LinkChecker::batchFinished, this,
                [this](int batch, const QList<LinkCheckResult> &results) { onFinished(batch, results); });
    }

    void shutdown()
    {
        if (m_checker)
            m_checker->abortAll();
        if (!m_runs.isEmpty())
            qCInfo(lcLinkCheck) << "shutting down:" << m_runs.size() << "link checks abandoned";
        m_runs.clear();
        m_byBatch.clear();
    }

    void enqueue(const Caller &caller, qint64 editionId, bool edited)
    {
        if (const auto it = m_runs.find(editionId); it != m_runs.end()) {
            if (edited) {
                it->again = true;   // the links may have changed since this check read them
                it->caller = caller;
            }
            return;
        }
        if (edited && !hasReport(caller.accountId, editionId))
            return;
        m_runs.insert(editionId, Run { caller, false, 0, {} });
        begin(editionId);
    }

private:
    struct Run
    {
        Caller caller;
        bool again = false;
        qint64 startedAt = 0;
        QList<ExtractedLink> links;
    };

    bool hasReport(qint64 accountId, qint64 editionId)
    {
        QSqlDatabase db = m_store.connection();
        QSqlQuery q(db);
        q.prepare(u"SELECT 1 FROM link_check_reports WHERE edition_id = ? AND account_id = ? LIMIT 1"_s);
        q.addBindValue(editionId);
        q.addBindValue(accountId);
        if (!q.exec()) {
            qCWarning(lcLinkCheck).noquote() << "cannot look for a link check report:" << q.lastError().text();
            return false;
        }
        return q.next();
    }

    void begin(qint64 editionId)
    {
        Run &run = m_runs[editionId];
        run.startedAt = QDateTime::currentMSecsSinceEpoch();
        QSqlDatabase db = m_store.connection();
        QJsonObject fields, spec;
        {
            QSqlQuery q(db);
            q.setForwardOnly(true);
            q.prepare(u"SELECT e.fields, c.spec_doc FROM editions e JOIN documents d ON d.id = e.document_id "
                      "JOIN content_schemas c ON c.id = d.schema_id WHERE e.id = ? AND e.account_id = ?"_s);
            q.addBindValue(editionId);
            q.addBindValue(run.caller.accountId);
            if (!q.exec() || !q.next()) {
                qCWarning(lcLinkCheck).noquote() << "edition" << editionId << "cannot be read for its link check:"
                                                 << (q.lastError().isValid() ? q.lastError().text() : u"gone"_s);
                m_runs.remove(editionId);
                return;
            }
            fields = parseObject(q.value(0));
            spec = parseObject(q.value(1));
        }
        QStringList deny;
        {
            QSqlQuery q(db);
            q.setForwardOnly(true);
            q.prepare(u"SELECT host FROM link_deny_hosts WHERE account_id = ? ORDER BY host"_s);
            q.addBindValue(run.caller.accountId);
            if (!q.exec()) {
                qCWarning(lcLinkCheck).noquote() << "cannot read the deny-list:" << q.lastError().text();
                m_runs.remove(editionId);
                return;
            }
            while (q.next())
                deny << q.value(0).toString();
        }
        run.links = LinkExtractor::extract(spec, fields);
        QStringList urls;
        urls.reserve(run.links.size());
        for (const ExtractedLink &l : std::as_const(run.links))
            urls << l.url;
        const int batch = m_checker->check(urls, deny);
        m_byBatch.insert(batch, editionId);
        qCDebug(lcLinkCheck) << "checking" << urls.size() << "links of edition" << editionId;
    }

    void onFinished(int batch, const QList<LinkCheckResult> &results)
    {
        const qint64 editionId = m_byBatch.take(batch);
        const auto it = m_runs.find(editionId);
        if (editionId == 0 || it == m_runs.end())
            return;
        store(editionId, *it, results);
        if (it->again) {
            it->again = false;
            begin(editionId);
        } else {
            m_runs.erase(it);
        }
    }

    void store(qint64 editionId, const Run &run, const QList<LinkCheckResult> &results)
    {
        QJsonArray links;
        for (qsizetype i = 0; i < results.size(); ++i) {
            const LinkCheckResult &r = results.at(i);
            QJsonObject o { { u"url"_s, r.url },
                            { u"status"_s, toWire(r.status) },
                            { u"problem"_s, r.problem },
                            { u"elapsed_ms"_s, r.elapsedMs } };
            if (i < run.links.size()) {
                o.insert(u"pointer"_s, run.links.at(i).pointer);
                o.insert(u"pointers"_s, QJsonArray::fromStringList(run.links.at(i).pointers));
            }
            if (r.httpStatus > 0)
                o.insert(u"http_status"_s, r.httpStatus);
            if (!r.finalUrl.isEmpty())
                o.insert(u"final_url"_s, r.finalUrl);
            links.append(o);
        }
        Write w(m_store, m_events, run.caller);
        if (!w.ok())
            return;
        QSqlQuery q(w.db());
        q.prepare(u"INSERT INTO link_check_reports (account_id, edition_id, status, links, created_at, completed_at) "
                  "VALUES (?, ?, 'completed', %1, ?, ?) RETURNING id"_s.arg(m_store.dialect().jsonParameter()));
        q.addBindValue(run.caller.accountId);
        q.addBindValue(editionId);
        q.addBindValue(QString::fromUtf8(QJsonDocument(links).toJson(QJsonDocument::Compact)));
        q.addBindValue(run.startedAt);
        q.addBindValue(w.now());
        if (!q.exec() || !q.next()) {
            // The edition was deleted meanwhile (its reports go with it), or the database failed.
            qCWarning(lcLinkCheck).noquote() << "cannot store the link check of edition" << editionId << ":"
                                             << q.lastError().text();
            return;
        }
        const qint64 id = q.value(0).toLongLong();
        q.finish();
        w.touched(Entity::linkCheck(), id);
        const HandlerResult committed = w.commit(ApiSuccess {});
        if (std::holds_alternative<ApiError>(committed))
            qCWarning(lcLinkCheck) << "cannot commit the link check of edition" << editionId;
        else
            qCDebug(lcLinkCheck) << "stored link check" << id << "of edition" << editionId;
    }

    ServerStore &m_store;
    std::shared_ptr<EventSink> m_events;
    LinkCheckOptions m_options;
    LinkChecker *m_checker = nullptr;
    QHash<qint64, Run> m_runs;       // edition → its check, queued or running
    QHash<int, qint64> m_byBatch;    // checker batch → edition
};

LinkCheckRunner::LinkCheckRunner(ServerStore &store, std::shared_ptr<EventSink> events, LinkCheckOptions options)
    : m_store(store), m_events(std::move(events)), m_options(options)
{
    m_thread.setObjectName(u"link checks"_s);
}

LinkCheckRunner::~LinkCheckRunner()
{
    stop();
}

void LinkCheckRunner::start()
{
    QMutexLocker lock(&m_mutex);
    if (m_running)
        return;
    m_worker = new Worker(m_store, m_events, m_options);
    m_worker->moveToThread(&m_thread);
    QObject::connect(&m_thread, &QThread::started, m_worker, [worker = m_worker] { worker->init(); });
    QObject::connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread.start();
    m_running = true;
    // The server's store goes when main() returns: stop before, while everything still exists.
    if (QCoreApplication *app = QCoreApplication::instance(); app && !m_quitGuard) {
        m_quitGuard = std::make_unique<QObject>();
        QObject::connect(app, &QCoreApplication::aboutToQuit, m_quitGuard.get(), [this] { stop(); });
    }
}

void LinkCheckRunner::stop()
{
    {
        QMutexLocker lock(&m_mutex);
        if (!m_running)
            return;
        m_running = false;
        QMetaObject::invokeMethod(m_worker, [worker = m_worker] {
            worker->shutdown();
            QThread::currentThread()->quit();
        }, Qt::QueuedConnection);
        m_worker = nullptr;
    }
    m_thread.wait();
}

void LinkCheckRunner::request(const Caller &caller, qint64 editionId)
{
    post(caller, editionId, false);
}

void LinkCheckRunner::editionEdited(const Caller &caller, qint64 editionId)
{
    post(caller, editionId, true);
}

void LinkCheckRunner::post(const Caller &caller, qint64 editionId, bool edited)
{
    QMutexLocker lock(&m_mutex);
    if (!m_running)
        return;
    QMetaObject::invokeMethod(m_worker, [worker = m_worker, caller, editionId, edited] {
        worker->enqueue(caller, editionId, edited);
    }, Qt::QueuedConnection);
}

std::shared_ptr<LinkCheckRunner> LinkCheckRunner::forStore(const ServerStore &store)
{
    QMutexLocker lock(&g_registryMutex);
    return g_registry.value(&store).lock();
}

void LinkCheckRunner::registerFor(const ServerStore &store, const std::shared_ptr<LinkCheckRunner> &runner)
{
    QMutexLocker lock(&g_registryMutex);
    g_registry.removeIf([](const auto &it) { return it.value().expired(); });
    g_registry.insert(&store, runner);
}

void LinkCheckRunner::notifyEdited(const ServerStore &store, const Caller &caller, qint64 editionId)
{
    if (const auto runner = forStore(store))
        runner->editionEdited(caller, editionId);
}

} // namespace Galley::Server
