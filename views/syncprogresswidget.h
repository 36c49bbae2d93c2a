#pragma once

#include "sync/syncstatus.h"

#include <QWidget>

class QLabel;
class QProgressBar;
class QPushButton;

namespace Galley {

// The progress of a pull with a lot to do (the first sync of a workspace, a full resync): a bar,
// a line saying how far it is ("Downloading 12,345 of 100,000 items · 12.3 MB · about 20 s
// left") and Cancel; after a cancel, "Sync paused" and Resume. Hidden while no such pull runs
// and none is paused. The main window wires cancelRequested/resumeRequested to the sync engine.
class SyncProgressWidget : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SyncProgressWidget)
public:
    explicit SyncProgressWidget(QWidget *parent = nullptr);
    ~SyncProgressWidget() override;

    void setProgress(const SyncProgress &progress);
    SyncProgress progress() const { return m_progress; }
    // Paused: the pull was cancelled and waits for Resume. Cancel sets it by itself, Resume clears it.
    void setPaused(bool paused);
    bool isPaused() const { return m_paused; }

    QString text() const;

    // "Downloading 12,345 of 100,000 items · 12.3 MB · about 20 s left"
    static QString describe(const SyncProgress &progress);
    // "about 20 s left", "about 3 min left"; empty when unknown.
    static QString remaining(qint64 milliseconds);

Q_SIGNALS:
    void cancelRequested();
    void resumeRequested();

private:
    void refreshDisplay();

    SyncProgress m_progress;
    bool m_paused = false;
    QProgressBar *m_bar;
    QLabel *m_icon;
    QLabel *m_label;
    QPushButton *m_cancel;
    QPushButton *m_resume;
};

} // namespace Galley
