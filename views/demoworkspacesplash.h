#pragma once

#include "domain/result.h"

#include <QDateTime>
#include <QFutureWatcher>
#include <QTimer>
#include <QFrame>

#include <atomic>
#include <memory>

class QLabel;
class QProgressBar;

namespace Galley {

// A small window that creates the demo workspace on a worker thread and shows its
// progress. Deletes and recreates the file; says finished() with the outcome.
class DemoWorkspaceSplash : public QFrame
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DemoWorkspaceSplash)
public:
    explicit DemoWorkspaceSplash(QWidget *parent = nullptr);
    ~DemoWorkspaceSplash() override;

    // Starts generating into path (replacing what is there), with now as the workspace's "today".
    void start(const QString &path, const QDateTime &now = QDateTime::currentDateTimeUtc());
    bool isRunning() const { return m_watcher.isRunning(); }

Q_SIGNALS:
    void finished(const Galley::Status &status);

private:
    struct Progress
    {
        std::atomic<qint64> done { 0 };
        std::atomic<qint64> total { 0 };
    };

    QLabel *m_text;
    QProgressBar *m_progress;
    QTimer m_poll;
    std::shared_ptr<Progress> m_state;
    QFutureWatcher<Status> m_watcher;
};

} // namespace Galley
