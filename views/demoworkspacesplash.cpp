#include "demoworkspacesplash.h"

#include "demo/demoworkspace.h"
#include "store/localstore.h"

#include <QApplication>
#include <QFile>
#include <QLabel>
#include <QProgressBar>
#include <QScreen>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace Galley {

using namespace Qt::StringLiterals;

DemoWorkspaceSplash::DemoWorkspaceSplash(QWidget *parent)
    : QFrame(parent, Qt::SplashScreen | Qt::FramelessWindowHint)
    , m_text(new QLabel(this))
    , m_progress(new QProgressBar(this))
    , m_state(std::make_shared<Progress>())
{
    setObjectName(u"demoWorkspaceSplash"_s);
    setWindowTitle(tr("Preparing the demo workspace"));
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::Base);
    setFrameShape(QFrame::Box);
    setFrameShadow(QFrame::Plain);
    setForegroundRole(QPalette::Mid);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(28, 24, 28, 24);
    layout->setSpacing(10);
    auto *title = new QLabel(QApplication::applicationDisplayName(), this);
    QFont f = title->font();
    f.setPointSizeF(f.pointSizeF() * 1.8);
    f.setWeight(QFont::DemiBold);
    title->setFont(f);
    layout->addWidget(title);
    m_text->setText(tr("Preparing the demo workspace…"));
    m_text->setWordWrap(true);
    layout->addWidget(m_text);
    m_progress->setTextVisible(false);
    m_progress->setRange(0, 0);
    m_progress->setFixedHeight(6);
    layout->addWidget(m_progress);
    auto *hint = new QLabel(tr("Two sample accounts with their sites, schemas and editions, for trying Galley out."), this);
    hint->setWordWrap(true);
    hint->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(hint);
    setFixedWidth(420);

    m_poll.setInterval(50);
    connect(&m_poll, &QTimer::timeout, this, [this] {
        const qint64 total = m_state->total.load();
        if (total > 0) {
            m_progress->setRange(0, 1000);
            m_progress->setValue(int(m_state->done.load() * 1000 / total));
        }
    });
    connect(&m_watcher, &QFutureWatcher<Status>::finished, this, [this] {
        m_poll.stop();
        Q_EMIT finished(m_watcher.result());
    });
}

DemoWorkspaceSplash::~DemoWorkspaceSplash()
{
    m_watcher.waitForFinished();
}

void DemoWorkspaceSplash::start(const QString &path, const QDateTime &now)
{
    if (QScreen *screen = QGuiApplication::primaryScreen()) {
        adjustSize();
        move(screen->availableGeometry().center() - rect().center());
    }
    m_poll.start();
    auto state = m_state;
    m_watcher.setFuture(QtConcurrent::run([path, now, state]() -> Status {
        // A fresh workspace: the generator wants an empty, migrated database.
        for (const QString &suffix : { QString(), u"-wal"_s, u"-shm"_s, u"-journal"_s }) {
            if (QFile::exists(path + suffix) && !QFile::remove(path + suffix))
                return Error { u"demo_failed"_s, tr("Cannot replace the file %1.").arg(path + suffix) };
        }
        auto store = LocalStore::open(path);
        if (!store)
            return store.error();
        Status status;
        {
            QSqlDatabase db = store.value()->connection();
            DemoWorkspace::Options options;
            options.now = now;
            options.progress = [state](qint64 done, qint64 total) {
                state->done = done;
                state->total = total;
            };
            status = DemoWorkspace::generate(db, options);
        }
        // The connection belongs to this pool thread: close it here.
        store.value()->closeConnection();
        return status;
    }));
}

} // namespace Galley
