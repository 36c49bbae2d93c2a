// galley-server: the HTTP API editors sync with (../shared/design/api.md).
#include "demoseeder.h"
#include "shutdownsignal.h"

#include "auth/authroutes.h"
#include "auth/storeauthenticator.h"
#include "auth/useradmin.h"
#include "http/httpapi.h"
#include "storage/databaseurl.h"
#include "storage/serverstore.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QHostAddress>
#include <QStandardPaths>

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
                                     "  reset-password --email E --account ID [--password P]"_s);
    parser.addHelpOption();
    const QCommandLineOption listenOption(u"listen"_s, u"Address and port to listen on (port 0: any free one)."_s,
                                          u"HOST:PORT"_s, u"127.0.0.1:8470"_s);
    const QCommandLineOption databaseOption(u"database"_s, u"sqlite:PATH or postgresql://user:pw@host:port/db."_s,
                                            u"URL"_s);
    const QCommandLineOption seedOption(u"seed-demo"_s, u"Load the demo workspace and its demo users (README: Demo users)."_s);
    const QCommandLineOption allowDemoOption(u"allow-demo-on-network"_s,
                                             u"Allow --seed-demo on a non-loopback address (its passwords are public)."_s);
    const QCommandLineOption accountOption(u"account"_s, u"Account id (create-user, reset-password)."_s, u"ID"_s);
    const QCommandLineOption emailOption(u"email"_s, u"E-mail address."_s, u"E"_s);
    const QCommandLineOption nameOption(u"name"_s, u"The user's name."_s, u"N"_s);
    const QCommandLineOption roleOption(u"role"_s, u"viewer, writer, editor, managing_editor, schema_designer or admin."_s, u"R"_s);
    const QCommandLineOption passwordOption(u"password"_s, u"Password; generated and printed when not given."_s, u"P"_s);
    parser.addOptions({ listenOption, databaseOption, seedOption, allowDemoOption, accountOption, emailOption,
                        nameOption, roleOption, passwordOption });
    parser.addPositionalArgument(u"command"_s, u"create-account, create-user or reset-password (optional)."_s, u"[command]"_s);
    parser.process(app);

    const auto url = DatabaseUrl::parse(parser.isSet(databaseOption) ? parser.value(databaseOption) : defaultDatabase());
    if (!url)
        return fail(url.error().message);

    const QStringList positional = parser.positionalArguments();
    const QString command = positional.value(0);
    if (!command.isEmpty() && command != "create-account"_L1 && command != "create-user"_L1 && command != "reset-password"_L1)
        return fail(u"unknown command '%1' (see --help)."_s.arg(command));

    // Check the listening address before touching the database.
    QHostAddress address;
    quint16 port = 0;
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
    }

    auto opened = ServerStore::open(url.value());
    if (!opened)
        return fail(u"cannot open %1: %2"_s.arg(url->toDisplayString(), opened.error().message));
    std::unique_ptr<ServerStore> store = std::move(opened).value();

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
            const auto id = UserAdmin::createUser(db, accountId, parser.value(emailOption), parser.value(nameOption),
                                                  *role, password);
            if (!id)
                return fail(id.error().message);
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
        const auto seeded = DemoSeeder::seed(*store);
        if (!seeded)
            return fail(u"cannot seed the demo workspace: "_s + seeded.error().message);
        if (seeded->seeded)
            out(u"seeded the demo workspace: %1 accounts, %2 users, %3 schemas (demo logins: README, \"Demo users\")"_s
                    .arg(seeded->accounts).arg(seeded->users).arg(seeded->schemas));
        else
            out(u"the database already has accounts: --seed-demo left it as it is"_s);
    }

    ShutdownSignal shutdown;
    if (!shutdown.isValid())
        return fail(u"cannot install the signal handlers"_s);

    auto api = std::make_unique<HttpApi>(std::make_shared<StoreAuthenticator>(*store));
    ApiVersion v1(u"v1"_s);
    AuthRoutes::addTo(v1, std::make_shared<AuthRoutes>(*store));
    if (const Status added = api->addVersion(v1); !added)
        return fail(added.error().message);
    if (const Status listening = api->listen(address, port); !listening)
        return fail(u"cannot listen on %1:%2: %3"_s.arg(address.toString()).arg(port).arg(listening.error().message));
    const QString host = address.protocol() == QAbstractSocket::IPv6Protocol ? u"[%1]"_s.arg(address.toString()) : address.toString();
    out(u"listening on http://%1:%2 (database %3)"_s.arg(host).arg(api->port()).arg(url->toDisplayString()));

    QObject::connect(&shutdown, &ShutdownSignal::requested, &app, [&api](int signalNumber) {
        out(u"signal %1: shutting down"_s.arg(signalNumber));
        // HttpApi's destructor stops listening and waits for the handlers still running.
        api.reset();
        QCoreApplication::exit(0);
    });
    const int code = QCoreApplication::exec();
    api.reset();
    store.reset();
    return code;
}
