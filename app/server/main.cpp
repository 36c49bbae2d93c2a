// galley-server: the HTTP API editors sync with (../shared/design/api.md).
#include "demoseeder.h"
#include "shutdownsignal.h"

#include "api/entities.h"
#include "api/idempotency.h"
#include "api/scheduledpublisher.h"
#include "api/serverclock.h"
#include "api/v1.h"
#include "auth/authroutes.h"
#include "auth/storeauthenticator.h"
#include "auth/useradmin.h"
#include "events/eventhub.h"
#include "http/httpapi.h"
#include "http/tlsserver.h"
#include "storage/databaseurl.h"
#include "storage/changefeed.h"
#include "storage/serverstore.h"
#include "storage/servertransaction.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QHostAddress>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QStandardPaths>
#include <QThread>
#include <QTimer>
#include <QWebSocket>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <memory>

using namespace Galley;
using namespace Galley::Server;
using namespace Qt::StringLiterals;

namespace {

void out(const QString &line)
{
    std::fputs(line.toLocal8Bit().constData(), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
}

int fail(const QString &message, int code = 1)
{
    std::fputs(("galley-server: "_L1 + message).toLocal8Bit().constData(), stderr);
    std::fputc('\n', stderr);
    return code;
}

// GALLEY_SERVER_TEST_DELAY_MS (integration tests only): GET /api/v1/test/slow answers after that
// many milliseconds, having said "test: slow request started" on stderr, so that a test can have
// a request in flight when it sends SIGTERM. Without the variable the route does not exist.
void addTestRoutes(ApiVersion &v1)
{
    bool ok = false;
    const int delayMs = qEnvironmentVariableIntValue("GALLEY_SERVER_TEST_DELAY_MS", &ok);
    if (!ok || delayMs < 0)
        return;
    v1.add(Route(HttpMethod::Get, u"/test/slow"_s, Permission::Public, [delayMs](const RequestContext &) -> HandlerResult {
        std::fputs("galley-server: test: slow request started\n", stderr);
        std::fflush(stderr);
        QThread::msleep(ulong(delayMs));
        return ApiSuccess { QJsonObject { { u"slept_ms"_s, delayMs } }, {}, 200 };
    }));
}

Q_LOGGING_CATEGORY(lcMaintenance, "galley.server.maintenance")

// Every account's feed up to keepAfterSeq, or else up to its newest entry older than retentionDays.
Result<QList<Compaction>> compactFeeds(QSqlDatabase &db, std::optional<qint64> keepAfterSeq, int retentionDays)
{
    CompactionRule rule;
    rule.keepAfterSeq = keepAfterSeq;
    rule.keepSinceMs = QDateTime::currentMSecsSinceEpoch() - qint64(retentionDays) * 24 * 60 * 60 * 1000;
    return ChangeFeed::compactAll(db, rule);
}

QString describe(const Compaction &c)
{
    return u"account %1: change feed compacted up to seq %2 (before: %3), %4 entries removed, %5 kept"_s
            .arg(c.accountId)
            .arg(c.horizon)
            .arg(c.horizonBefore)
            .arg(c.removed)
            .arg(c.kept);
}

QString defaultDatabase()
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    QDir().mkpath(dir);
    return u"sqlite:"_s + QDir(dir).filePath(u"galley-server.db"_s);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"galley-server"_s);
    QCoreApplication::setOrganizationName(u"Galley"_s);

    QCommandLineParser parser;
    parser.setApplicationDescription(u"The Galley API server. Without a command it serves HTTP; commands:\n"
                                     "  create-account NAME\n"
                                     "  create-user --account ID --email E --name N --role R [--password P]\n"
                                     "  reset-password --email E --account ID [--password P]\n"
                                     "  compact-feed [--keep-after-seq N]   compacts every account's change feed"_s);
    parser.addHelpOption();
    const QCommandLineOption listenOption(u"listen"_s, u"Address and port to listen on (port 0: any free one)."_s,
                                          u"HOST:PORT"_s, u"127.0.0.1:8470"_s);
    const QCommandLineOption databaseOption(u"database"_s, u"sqlite:PATH or postgresql://user:pw@host:port/db."_s,
                                            u"URL"_s);
    const QCommandLineOption seedOption(u"seed-demo"_s, u"Load the demo workspace and its demo users (README: Demo users)."_s);
    // Benchmarks: --seed-demo --demo-editions N seeds about N editions (0: the hand-sized demo).
    QCommandLineOption demoEditionsOption(u"demo-editions"_s, u"With --seed-demo: about N editions in all."_s, u"N"_s, u"0"_s);
    demoEditionsOption.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOption(demoEditionsOption);
    const QCommandLineOption allowDemoOption(u"allow-demo-on-network"_s,
                                             u"Allow --seed-demo on a non-loopback address (its passwords are public)."_s);
    const QCommandLineOption accountOption(u"account"_s, u"Account id (create-user, reset-password)."_s, u"ID"_s);
    const QCommandLineOption emailOption(u"email"_s, u"E-mail address."_s, u"E"_s);
    const QCommandLineOption nameOption(u"name"_s, u"The user's name."_s, u"N"_s);
    const QCommandLineOption roleOption(u"role"_s, u"viewer, writer, editor, managing_editor, schema_designer or admin."_s, u"R"_s);
    const QCommandLineOption passwordOption(u"password"_s, u"Password; generated and printed when not given."_s, u"P"_s);
    const QCommandLineOption tlsCertOption(u"tls-cert"_s, u"Serve HTTPS with this certificate (PEM; chain after it)."_s, u"FILE"_s);
    const QCommandLineOption tlsKeyOption(u"tls-key"_s, u"The certificate's private key (PEM, unencrypted)."_s, u"FILE"_s);
    const QCommandLineOption writeRateOption(u"write-rate"_s,
                                             u"Writes per second and user before 429 (bursts of 10 times as many); 0: no limit."_s,
                                             u"N"_s, u"20"_s);
    const QCommandLineOption retentionOption(u"feed-retention-days"_s,
                                             u"Compact the change feed's entries older than N days (hourly); 0: never."_s,
                                             u"N"_s, u"30"_s);
    const QCommandLineOption keepAfterOption(u"keep-after-seq"_s,
                                             u"compact-feed: compact every account up to seq N (default: the retention rule)."_s,
                                             u"N"_s);
    // Tests: access tokens that expire within seconds.
    QCommandLineOption accessTokenOption(u"access-token-seconds"_s, u"Lifetime of access tokens."_s, u"N"_s,
                                         QString::number(AuthRoutes::kAccessTokenSeconds));
    accessTokenOption.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOption(accessTokenOption);
    // Tests: the workflow's clock (transition times, the five-minute rule, when scheduled jobs are due).
    const QCommandLineOption clockFileOption(u"clock-file"_s,
                                             u"Tests: read \"now\" from FILE on every use: an ISO 8601 instant (the clock stands "
                                             "there, e.g. 2030-01-07T09:00:00Z) or +/-seconds added to the system clock; missing "
                                             "or empty: the system clock."_s,
                                             u"FILE"_s);
    parser.addOption(clockFileOption);
    parser.addOptions({ listenOption, databaseOption, seedOption, allowDemoOption, accountOption, emailOption,
                        nameOption, roleOption, passwordOption, writeRateOption, retentionOption, keepAfterOption,
                        tlsCertOption, tlsKeyOption });
    parser.addPositionalArgument(u"command"_s, u"create-account, create-user, reset-password or compact-feed (optional)."_s,
                                 u"[command]"_s);
    parser.process(app);

    const auto url = DatabaseUrl::parse(parser.isSet(databaseOption) ? parser.value(databaseOption) : defaultDatabase());
    if (!url)
        return fail(url.error().message);

    const QStringList positional = parser.positionalArguments();
    const QString command = positional.value(0);
    if (!command.isEmpty() && command != "create-account"_L1 && command != "create-user"_L1 && command != "reset-password"_L1
        && command != "compact-feed"_L1)
        return fail(u"unknown command '%1' (see --help)."_s.arg(command));

    bool retentionOk = false;
    const int retentionDays = parser.value(retentionOption).toInt(&retentionOk);
    if (!retentionOk || retentionDays < 0)
        return fail(u"--feed-retention-days wants a number of days (0: never), not '%1'."_s.arg(parser.value(retentionOption)));
    std::optional<qint64> keepAfterSeq;
    if (parser.isSet(keepAfterOption)) {
        bool ok = false;
        keepAfterSeq = parser.value(keepAfterOption).toLongLong(&ok);
        if (!ok || *keepAfterSeq < 0)
            return fail(u"--keep-after-seq wants a feed position (0 or more), not '%1'."_s.arg(parser.value(keepAfterOption)));
    }
    bool accessOk = false;
    const int accessTokenSeconds = parser.value(accessTokenOption).toInt(&accessOk);
    if (!accessOk || accessTokenSeconds < 1)
        return fail(u"--access-token-seconds wants a positive number of seconds, not '%1'."_s.arg(parser.value(accessTokenOption)));

    // Check the listening address and the TLS files before touching the database.
    QHostAddress address;
    quint16 port = 0;
    QSslConfiguration tls;
    if (command.isEmpty()) {
        const QString listen = parser.value(listenOption);
        const qsizetype colon = listen.lastIndexOf(u':');
        bool portOk = false;
        const uint portValue = colon > 0 ? listen.mid(colon + 1).toUInt(&portOk) : 0;
        QString host = colon > 0 ? listen.left(colon) : QString();
        if (host.startsWith(u'[') && host.endsWith(u']'))
            host = host.mid(1, host.size() - 2);
        if (host == "localhost"_L1)
            address = QHostAddress(QHostAddress::LocalHost);
        else
            address = QHostAddress(host);
        if (!portOk || portValue > 65535 || address.isNull())
            return fail(u"--listen wants HOST:PORT with a numeric address (e.g. 127.0.0.1:8470), not '%1'."_s.arg(listen));
        port = quint16(portValue);
        if (parser.isSet(seedOption) && !address.isLoopback() && !parser.isSet(allowDemoOption))
            return fail(u"refusing --seed-demo on the non-loopback address %1: the demo passwords are public. "
                        "Listen on 127.0.0.1, or add --allow-demo-on-network if you mean it."_s.arg(address.toString()), 2);
        if (parser.isSet(tlsCertOption) != parser.isSet(tlsKeyOption))
            return fail(u"--tls-cert and --tls-key go together."_s);
        if (parser.isSet(tlsCertOption)) {
            auto loaded = TlsServer::loadConfiguration(parser.value(tlsCertOption), parser.value(tlsKeyOption));
            if (!loaded)
                return fail(loaded.error().message);
            tls = std::move(loaded).value();
        }
    }

    auto opened = ServerStore::open(url.value());
    if (!opened)
        return fail(u"cannot open %1: %2"_s.arg(url->toDisplayString(), opened.error().message));
    std::unique_ptr<ServerStore> store = std::move(opened).value();

    if (command == "compact-feed"_L1) {
        if (positional.size() != 1)
            return fail(u"usage: galley-server compact-feed --database URL [--keep-after-seq N]"_s);
        if (!keepAfterSeq && retentionDays == 0) {
            out(u"the feed retention is off (--feed-retention-days 0) and no --keep-after-seq is given: nothing to compact"_s);
            return 0;
        }
        QSqlDatabase db = store->connection();
        const auto done = compactFeeds(db, keepAfterSeq, retentionDays);
        if (!done)
            return fail(u"cannot compact the change feed: "_s + done.error().message);
        for (const Compaction &c : done.value())
            out(describe(c));
        out(u"compacted the change feeds of %1 accounts"_s.arg(done->size()));
        return 0;
    }

    if (!command.isEmpty()) {
        QSqlDatabase db = store->connection();
        const bool generated = !parser.isSet(passwordOption);
        const QString password = generated ? UserAdmin::generatePassword() : parser.value(passwordOption);
        bool accountOk = false;
        const qint64 accountId = parser.value(accountOption).toLongLong(&accountOk);
        if (command == "create-account"_L1) {
            if (positional.size() != 2)
                return fail(u"usage: galley-server create-account NAME"_s);
            const auto id = UserAdmin::createAccount(db, positional.at(1));
            if (!id)
                return fail(id.error().message);
            out(u"created account %1 (id %2)"_s.arg(positional.at(1)).arg(id.value()));
            return 0;
        }
        if (!accountOk || !parser.isSet(emailOption))
            return fail(u"%1 needs --account ID and --email E."_s.arg(command));
        if (command == "create-user"_L1) {
            const auto role = fromWire<Role>(parser.value(roleOption));
            if (!role || !parser.isSet(nameOption))
                return fail(u"create-user needs --name N and --role viewer|writer|editor|managing_editor|schema_designer|admin."_s);
            // The new user and their change-feed entry in one transaction, so desktops syncing
            // the account learn about them.
            ServerTransaction tx(db, store->dialect());
            if (!tx.isActive())
                return fail(tx.error().message);
            const auto id = UserAdmin::createUser(db, accountId, parser.value(emailOption), parser.value(nameOption),
                                                  *role, password);
            if (!id)
                return fail(id.error().message);
            const auto user = Entity::user().load(db, accountId, id.value());
            if (!user)
                return fail(u"cannot read the new user back"_s);
            if (const auto seq = ChangeFeed::append(db, accountId, Entity::user().name(), id.value(), u"upsert"_s,
                                                    QString::fromUtf8(user->json), std::nullopt); !seq)
                return fail(seq.error().message);
            if (const Status committed = tx.commit(); !committed)
                return fail(committed.error().message);
            out(u"created user %1 (id %2)"_s.arg(parser.value(emailOption)).arg(id.value()));
        } else {
            const Status reset = UserAdmin::resetPassword(db, accountId, parser.value(emailOption), password);
            if (!reset)
                return fail(reset.error().message);
            out(u"password of %1 reset; their tokens are revoked"_s.arg(parser.value(emailOption)));
        }
        if (generated)
            out(u"password: "_s + password);
        return 0;
    }

    if (parser.isSet(seedOption)) {
        bool editionsOk = false;
        const int demoEditions = parser.value(demoEditionsOption).toInt(&editionsOk);
        if (!editionsOk || demoEditions < 0)
            return fail(u"--demo-editions wants a number of editions, not '%1'."_s.arg(parser.value(demoEditionsOption)));
        const auto seeded = DemoSeeder::seed(*store, DemoSeeder::Options { demoEditions });
        if (!seeded)
            return fail(u"cannot seed the demo workspace: "_s + seeded.error().message);
        if (seeded->seeded)
            out(u"seeded the demo workspace: %1 accounts, %2 users, %3 schemas, %4 documents, %5 editions in %6 ms "
                "(demo logins: README, \"Demo users\")"_s
                    .arg(seeded->accounts).arg(seeded->users).arg(seeded->schemas).arg(seeded->documents)
                    .arg(seeded->editions).arg(seeded->totalMs));
        else
            out(u"the database already has accounts: --seed-demo left it as it is"_s);
    }

    auto shutdown = std::make_unique<ShutdownSignal>();
    if (!shutdown->isValid())
        return fail(u"cannot install the signal handlers"_s);

    // The /api/v1/events clients of this process; the v1 write routes publish to it as their
    // EventSink (on PostgreSQL through NOTIFY, reaching every server process on the database).
    auto hub = std::make_shared<EventHub>(*store);
    if (const Status started = hub->start(); !started)
        return fail(started.error().message);

    HttpApi::Options options;
    options.tls = tls;
    auto api = std::make_unique<HttpApi>(std::make_shared<StoreAuthenticator>(*store), options);
    bool rateOk = false;
    const double writeRate = parser.value(writeRateOption).toDouble(&rateOk);
    if (!rateOk || writeRate < 0)
        return fail(u"--write-rate wants a number of writes per second (0: no limit), not '%1'."_s.arg(parser.value(writeRateOption)));
    V1Options v1Options;
    v1Options.writesPerSecond = writeRate;
    v1Options.writeBurst = writeRate * 10;
    v1Options.accessTokenSeconds = accessTokenSeconds;
    auto clock = parser.isSet(clockFileOption) ? std::make_shared<const ServerClock>(parser.value(clockFileOption))
                                               : std::make_shared<const ServerClock>();
    v1Options.clock = clock;
    ApiVersion v1 = buildV1(*store, hub, v1Options);
    addTestRoutes(v1);
    // Maintenance at start and every hour: stored idempotent answers are kept a day; the change
    // feed is compacted up to the entries older than --feed-retention-days.
    auto *keys = dynamic_cast<StoreIdempotency *>(v1.services()->idempotency.get());
    const auto maintain = [keys, &store, retentionDays] {
        if (keys)
            keys->purge();
        if (retentionDays > 0) {
            QSqlDatabase db = store->connection();
            const auto done = compactFeeds(db, std::nullopt, retentionDays);
            if (!done) {
                qCWarning(lcMaintenance).noquote() << "cannot compact the change feed:" << done.error().message;
                return;
            }
            for (const Compaction &c : done.value()) {
                if (c.removed > 0 || c.horizon != c.horizonBefore)
                    qCInfo(lcMaintenance).noquote() << describe(c);
            }
        }
    };
    maintain();
    QTimer maintenance;
    QObject::connect(&maintenance, &QTimer::timeout, &app, maintain);
    maintenance.start(std::chrono::hours(1));
    if (const Status added = api->addVersion(v1); !added)
        return fail(added.error().message);
    if (const Status added = api->addWebSocket(u"/api/v1/events"_s, [hub](std::unique_ptr<QWebSocket> socket, const Caller &caller) {
            hub->addClient(std::move(socket), caller);
        });
        !added)
        return fail(added.error().message);
    if (const Status listening = api->listen(address, port); !listening)
        return fail(u"cannot listen on %1:%2: %3"_s.arg(address.toString()).arg(port).arg(listening.error().message));
    const QString host = address.protocol() == QAbstractSocket::IPv6Protocol ? u"[%1]"_s.arg(address.toString()) : address.toString();
    out(u"listening on %1://%2:%3 (database %4)"_s.arg(api->isTls() ? u"https"_s : u"http"_s, host)
                .arg(api->port())
                .arg(url->toDisplayString()));

    // Scheduled publishing: due jobs at start (those that fell due while the server was down), then every second.
    auto scheduler = std::make_unique<ScheduledPublisher>(*store, hub, clock);
    scheduler->start();

    bool stopping = false;
    QObject::connect(shutdown.get(), &ShutdownSignal::requested, &app, [&api, &hub, &scheduler, &stopping](int signalNumber) {
        if (stopping)
            return;   // a second signal while draining: the deadlines below still hold
        stopping = true;
        out(u"signal %1: shutting down"_s.arg(signalNumber));
        // No new connections; running requests finish and their replies go out (10 s at most);
        // then the event streams close with 1001 (going away).
        scheduler->stop();
        if (!api->shutdown(std::chrono::seconds(10)))
            fail(u"requests still running after 10 s: their replies are lost"_s);
        hub->shutdown(std::chrono::seconds(2));
        api.reset();
        QCoreApplication::exit(0);
    });
    const int code = QCoreApplication::exec();
    // A signal repeated while tearing down (a supervisor insisting) must not turn the clean exit
    // into a kill: from here on SIGTERM and SIGINT are ignored.
    shutdown.reset();
    std::signal(SIGTERM, SIG_IGN);
    std::signal(SIGINT, SIG_IGN);
    scheduler.reset();
    api.reset();   // before the hub: the routes hold it as their EventSink
    hub.reset();
    store.reset();
    return code;
}
