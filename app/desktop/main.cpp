// galley: the desktop client's entry point — command line, first-run demo, main window.
#include "checkserverdialog.h"
#include "contentview.h"
#include "demoworkspacesplash.h"
#include "itemmodels/editiontablemodel.h"
#include "icons.h"
#include "mainwindow.h"
#include "sync/serverhandshake.h"
#include "sync/syncengine.h"
#include "synccontroller.h"
#include "synconly.h"
#include "translationloader.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMessageBox>
#include <QRegularExpression>
#include <QScreen>
#include <QSettings>
#include <QStandardPaths>
#include <QTableView>
#include <QTextStream>
#include <QTimer>

#include <cstdio>
#include <memory>

using namespace Galley;
using namespace Qt::StringLiterals;

namespace {

struct Options
{
    bool startupReport = false;
    QString workspace;
    bool demo = false;
    QString screenshot;
    bool quitAfterScreenshot = false;
    QSize size;
    QString server;
    bool showCheckServer = false;
    // Connecting at start: --server with --email.
    QString email;
    QString password;
    QByteArray trustFingerprint;
};

void fail(const QString &message)
{
    std::fprintf(stderr, "galley: %s\n", qPrintable(message));
}

qint64 residentKb()
{
    QFile status(u"/proc/self/status"_s);
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    const auto lines = status.readAll().split('\n');
    for (const QByteArray &line : lines) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').constFirst().toLongLong();
    }
    return -1;
}

// For the benchmarks (--startup-report): says on stdout when the Content tab has first
// painted rows, then, once the application has settled, how much memory it holds; then quits.
class StartupReporter : public QObject
{
public:
    explicit StartupReporter(MainWindow *window)
        : QObject(window)
        , m_window(window)
    {
        window->contentView()->table()->viewport()->installEventFilter(this);
    }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint && !m_painted && m_window->contentView()->model()->rowCount() > 0) {
            m_painted = true;
            // After this paint has been delivered: that is when the rows are on screen.
            QTimer::singleShot(0, this, [this] {
                std::fprintf(stdout, "first-page-painted\n");
                std::fflush(stdout);
                QTimer::singleShot(1500, this, [this] {
                    std::fprintf(stdout, "rss-kb %lld\n", residentKb());
                    std::fflush(stdout);
                    m_window->close();
                });
            });
        }
        return QObject::eventFilter(watched, event);
    }

private:
    MainWindow *m_window;
    bool m_painted = false;
};

// Shows the main window on path; returns false (after telling the user) when it cannot.
bool showMainWindow(const QString &path, const Options &options)
{
    auto *window = new MainWindow;
    window->setAttribute(Qt::WA_DeleteOnClose);
    if (const Status status = window->openWorkspace(path); !status) {
        const QString message = QCoreApplication::translate("main", "Galley could not open the workspace %1.")
                                    .arg(QDir::toNativeSeparators(path));
        fail(message + u' ' + status.error().message);
        if (options.screenshot.isEmpty())
            QMessageBox::critical(nullptr, QCoreApplication::translate("main", "Cannot Open Workspace"),
                                  message + u"\n\n"_s + status.error().message);
        delete window;
        return false;
    }
    if (options.size.isValid())
        window->resize(options.size);
    if (!options.server.isEmpty())
        window->setServerUrl(options.server);
    if (!options.email.isEmpty()) {
        const Result<QUrl> server = ServerHandshake::parseServerUrl(options.server);
        if (server) {
            if (!options.trustFingerprint.isEmpty())
                MainWindow::trustCertificate(server.value(), QByteArray::fromHex(options.trustFingerprint));
            window->connectToServer(server.value(), options.email, options.password);
        }
    } else {
        window->reconnect();   // a server workspace syncs again with its saved session
    }
    if (options.startupReport)
        new StartupReporter(window);
    window->show();

    // What the screenshot shows: the main window, or with --show-check-server the Check Server
    // dialog once its check has ended.
    const auto save = [window, options](QWidget *widget) {
        // Let the last layout and paint events settle first.
        QTimer::singleShot(300, widget, [window, widget, options] {
            const QPixmap shot = widget->grab();
            if (!shot.save(options.screenshot, "PNG"))
                fail(QCoreApplication::translate("main", "Cannot write the screenshot %1.").arg(options.screenshot));
            else
                std::fprintf(stdout, "%s\n", qPrintable(options.screenshot));
            if (options.quitAfterScreenshot)
                window->close();
        });
    };
    const auto whenReady = [window, options, save] {
        // Connected to a server: the picture shows the workspace once it is synced (or the sync
        // has given up), not the empty replica of the first seconds.
        if (!options.screenshot.isEmpty() && !options.showCheckServer && window->syncController()) {
            SyncEngine *engine = window->syncController()->engine();
            auto *deadline = new QTimer(window);
            deadline->setSingleShot(true);
            const auto shoot = [window, save, deadline] {
                if (!deadline->property("shot").toBool()) {
                    deadline->setProperty("shot", true);
                    QTimer::singleShot(800, window, [window, save] { save(window); });
                }
            };
            QObject::connect(deadline, &QTimer::timeout, window, shoot);
            QObject::connect(engine, &SyncEngine::statusChanged, window, [shoot](const SyncStatus &s) {
                const bool settled = (s.connection == SyncStatus::Connection::Online && s.lastSync.isValid())
                    || s.connection == SyncStatus::Connection::Error || s.connection == SyncStatus::Connection::Offline
                    || s.connection == SyncStatus::Connection::SignInRequired;
                if (settled)
                    shoot();
            });
            deadline->start(120000);
            return;
        }
        if (options.showCheckServer) {
            CheckServerDialog *dialog = window->showCheckServerDialog();
            if (!options.screenshot.isEmpty())
                QObject::connect(dialog, &CheckServerDialog::checked, dialog, [dialog, save] { save(dialog); },
                                 Qt::SingleShotConnection);
            dialog->check();
        } else if (!options.screenshot.isEmpty()) {
            save(window);
        }
    };
    if (options.showCheckServer || !options.screenshot.isEmpty()) {
        if (window->isReady())
            whenReady();
        else
            QObject::connect(window, &MainWindow::ready, window, whenReady, Qt::SingleShotConnection);
    }
    return true;
}

// Exit codes of --check-server.
enum CheckServerExit { Compatible = 0, Unreachable = 1, NotAnAddress = 2, NotGalley = 3, Incompatible = 4 };

// --check-server: asks the server for its API versions, says what it found, and returns the exit code.
int checkServer(const QString &address)
{
    const Result<QUrl> url = ServerHandshake::parseServerUrl(address);
    if (!url) {
        fail(url.error().message);
        return NotAnAddress;
    }
    ServerHandshake handshake;
    int code = Unreachable;
    QObject::connect(&handshake, &ServerHandshake::finished, &handshake, [&code](const Result<ServerApi> &result) {
        if (result) {
            QString said = QCoreApplication::translate("main", "%1 is a compatible Galley server: it speaks API version %2.")
                               .arg(result->base.toDisplayString(QUrl::RemoveUserInfo), result->version);
            QStringList others = result->serverVersions;
            others.removeAll(result->version);
            if (!others.isEmpty())
                said += u' ' + QCoreApplication::translate("main", "It also offers %1.").arg(others.join(u", "_s));
            std::fprintf(stdout, "%s\n", qPrintable(said));
            code = Compatible;
        } else {
            fail(result.error().message);
            const QString &error = result.error().code;
            code = error == ServerHandshake::Incompatible ? Incompatible
                : error == ServerHandshake::NotGalley     ? NotGalley
                : error == ServerHandshake::InvalidUrl    ? NotAnAddress
                                                          : Unreachable;
        }
        QCoreApplication::quit();
    });
    handshake.start(url.value());
    QCoreApplication::exec();
    return code;
}

} // namespace

// --help, --version and --check-server answer without a display: no GUI application is needed for them.
bool runsWithoutWindow(int argc, char *argv[])
{
    for (int i = 1; i < argc; ++i) {
        const QByteArrayView arg(argv[i]);
        if (arg == "--help" || arg == "-h" || arg == "--help-all" || arg == "--version" || arg == "-v"
            || arg == "--check-server" || arg.startsWith("--check-server=") || arg == "--sync-only")
            return true;
    }
    return false;
}

int main(int argc, char *argv[])
{
    const std::unique_ptr<QCoreApplication> application(runsWithoutWindow(argc, argv)
                                                            ? new QCoreApplication(argc, argv)
                                                            : new QApplication(argc, argv));
    QCoreApplication &app = *application;
    QCoreApplication::setOrganizationName(u"Galley"_s);
    QCoreApplication::setApplicationName(u"Galley"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(GALLEY_VERSION));
    if (qobject_cast<QApplication *>(&app)) {
        QApplication::setApplicationDisplayName(u"Galley"_s);
        QApplication::setDesktopFileName(u"galley"_s);
        Icons::setUpTheme();
    }
    TranslationLoader::install();

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QCoreApplication::translate("main", "Galley — a desktop editorial client for multi-tenant headless CMS."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption workspaceOption(
        u"workspace"_s, QCoreApplication::translate("main", "Open the workspace <file> (a .galley database)."),
        QCoreApplication::translate("main", "file"));
    const QCommandLineOption demoOption(
        u"demo"_s, QCoreApplication::translate("main", "Create the demo workspace anew (at --workspace, if given)."));
    const QCommandLineOption screenshotOption(
        u"screenshot"_s,
        QCoreApplication::translate("main", "Once the window has loaded, save a picture of it as PNG to <path>."),
        QCoreApplication::translate("main", "path"));
    const QCommandLineOption quitOption(u"quit-after-screenshot"_s,
                                        QCoreApplication::translate("main", "Quit once the screenshot is saved."));
    const QCommandLineOption sizeOption(u"size"_s,
                                        QCoreApplication::translate("main", "Window size, e.g. 1280x800."),
                                        QCoreApplication::translate("main", "WxH"));
    const QCommandLineOption serverOption(
        u"server"_s,
        QCoreApplication::translate("main", "The Galley server the Check Server dialog starts with, e.g. %1.")
            .arg(CheckServerDialog::defaultServerUrl()),
        QCoreApplication::translate("main", "url"));
    const QCommandLineOption checkServerOption(
        u"check-server"_s,
        QCoreApplication::translate("main", "Check whether the Galley server at <url> speaks an API version this "
                                            "Galley speaks, say so and exit without opening a window. Exit code: 0 "
                                            "compatible, 1 unreachable, 2 not an address, 3 not a Galley server, "
                                            "4 incompatible."),
        QCoreApplication::translate("main", "url"));
    // For screenshots of the dialog (and trying it): File › Check Server… opens at once and checks.
    QCommandLineOption showCheckServerOption(u"show-check-server"_s,
                                             u"Open Check Server at start and check the --server address."_s);
    showCheckServerOption.setFlags(QCommandLineOption::HiddenFromHelp);
    const QCommandLineOption emailOption(
        u"email"_s, QCoreApplication::translate("main", "Sign in to --server as <address> (the workspace of that server "
                                                        "and account opens, syncing)."),
        QCoreApplication::translate("main", "address"));
    const QCommandLineOption passwordStdinOption(
        u"password-stdin"_s, QCoreApplication::translate("main", "Read the password from the first line of standard input "
                                                                 "(otherwise the session saved in the keychain is used)."));
    const QCommandLineOption syncOnlyOption(
        u"sync-only"_s,
        QCoreApplication::translate("main", "With --server and --email: sign in, sync both ways once, print a summary "
                                            "line and exit without a window. --workspace names the directory (default: "
                                            "the server and account's own). Exit code: 0 in step, 1 failed, 2 changes "
                                            "wait for a decision, 3 bad arguments."));
    const QCommandLineOption trustOption(
        u"trust-fingerprint"_s,
        QCoreApplication::translate("main", "Trust the server's certificate with this SHA-256 <fingerprint> (hex), "
                                            "remembered for that server."),
        QCoreApplication::translate("main", "fingerprint"));
    QCommandLineOption startupReportOption(u"startup-report"_s, u"For benchmarks: report start-up figures on stdout and quit."_s);
    startupReportOption.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOptions({ workspaceOption, demoOption, screenshotOption, quitOption, sizeOption, serverOption,
                        checkServerOption, showCheckServerOption, startupReportOption, emailOption,
                        passwordStdinOption, syncOnlyOption, trustOption });
    parser.process(app);

    if (parser.isSet(checkServerOption))
        return checkServer(parser.value(checkServerOption));
    if (parser.isSet(syncOnlyOption)) {
        SyncOnlyOptions sync;
        if (parser.isSet(serverOption)) {
            const Result<QUrl> server = ServerHandshake::parseServerUrl(parser.value(serverOption));
            if (!server) {
                fail(u"--server: "_s + server.error().message);
                return 3;
            }
            sync.server = server.value();
        }
        sync.email = parser.value(emailOption).trimmed();
        sync.workspace = parser.value(workspaceOption);
        sync.passwordFromStdin = parser.isSet(passwordStdinOption);
        sync.trustFingerprint = parser.value(trustOption).remove(u':').toLatin1();
        return runSyncOnly(sync);
    }

    Options options;
    options.workspace = parser.value(workspaceOption);
    options.demo = parser.isSet(demoOption);
    options.startupReport = parser.isSet(startupReportOption);
    options.screenshot = parser.value(screenshotOption);
    options.quitAfterScreenshot = parser.isSet(quitOption);
    options.showCheckServer = parser.isSet(showCheckServerOption);
    if (parser.isSet(sizeOption)) {
        static const QRegularExpression re(u"^(\\d+)[xX](\\d+)$"_s);
        const auto m = re.match(parser.value(sizeOption));
        if (!m.hasMatch() || m.captured(1).toInt() < 200 || m.captured(2).toInt() < 150) {
            fail(QCoreApplication::translate("main", "--size expects WIDTHxHEIGHT, for example 1280x800."));
            return 2;
        }
        options.size = QSize(m.captured(1).toInt(), m.captured(2).toInt());
    }
    if (parser.isSet(serverOption)) {
        const Result<QUrl> server = ServerHandshake::parseServerUrl(parser.value(serverOption));
        if (!server) {
            fail(u"--server: "_s + server.error().message);
            return 2;
        }
        options.server = parser.value(serverOption).trimmed();
    }

    if (parser.isSet(emailOption) && !parser.isSet(serverOption)) {
        fail(QCoreApplication::translate("main", "--email needs --server."));
        return 2;
    }
    if (parser.isSet(emailOption)) {
        options.email = parser.value(emailOption).trimmed();
        options.trustFingerprint = parser.value(trustOption).remove(u':').toLatin1();
        if (parser.isSet(passwordStdinOption)) {
            QTextStream in(stdin);
            options.password = in.readLine();
        }
        const QUrl server = ServerHandshake::parseServerUrl(options.server).value();
        const QString serverPath = options.workspace.isEmpty() ? defaultServerWorkspace(server, options.email)
                                                               : workspaceFile(options.workspace);
        QDir().mkpath(QFileInfo(serverPath).path());
        return showMainWindow(serverPath, options) ? app.exec() : 1;
    }

    const QString demoPath =
        QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + u"/workspaces/demo.galley"_s;
    QString path = options.workspace;
    bool generate = options.demo;
    if (path.isEmpty()) {
        path = QSettings().value(u"Workspace/last"_s).toString();
        if (path.isEmpty() || !QFileInfo::exists(path))
            path = demoPath;
        // First run: there is nothing to open yet, so make something worth looking at.
        if (!QFileInfo::exists(path))
            generate = true;
    } else if (!generate && !QFileInfo::exists(path)) {
        fail(QCoreApplication::translate("main", "The workspace %1 does not exist. Use --demo to create a demo workspace there.")
                 .arg(QDir::toNativeSeparators(path)));
        return 1;
    }
    path = QFileInfo(path).absoluteFilePath();

    if (!generate)
        return showMainWindow(path, options) ? app.exec() : 1;

    auto splash = std::make_unique<DemoWorkspaceSplash>();
    QObject::connect(splash.get(), &DemoWorkspaceSplash::finished, &app, [&splash, path, options](const Status &status) {
        if (!status) {
            splash->hide();
            const QString message = QCoreApplication::translate("main", "The demo workspace could not be created.");
            fail(message + u' ' + status.error().message);
            if (options.screenshot.isEmpty())
                QMessageBox::critical(nullptr, QCoreApplication::translate("main", "Cannot Create Demo Workspace"),
                                      message + u"\n\n"_s + status.error().message);
            QCoreApplication::exit(1);
            return;
        }
        // The main window first: hiding the only window would end the application.
        if (!showMainWindow(path, options))
            QCoreApplication::exit(1);
        splash->hide();
    });
    splash->show();
    splash->start(path);
    const int code = app.exec();
    splash.reset();
    return code;
}
