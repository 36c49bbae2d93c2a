#pragma once

#include "domain/result.h"
#include "sync/serverhandshake.h"

#include <QDialog>

class QLabel;
class QLineEdit;
class QPushButton;

namespace Galley {

class BusyIndicator;

// Asks a Galley server which API versions it speaks and says, in the dialog, whether this
// Galley can work with it — and if not, why and what to do. Signing in and syncing are not
// part of it yet. Owns its ServerHandshake; closing the dialog abandons a running check.
class CheckServerDialog : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CheckServerDialog)
public:
    enum class State { Idle, Checking, Compatible, Incompatible, NotGalley, Unreachable, InvalidUrl };
    Q_ENUM(State)

    explicit CheckServerDialog(QWidget *parent = nullptr);
    ~CheckServerDialog() override;

    static QString defaultServerUrl();

    void setServerUrl(const QString &url);
    QString serverUrl() const;

    // Checks the address in the field (what the Check button does).
    void check();

    State state() const { return m_state; }
    QString resultTitle() const;
    QString resultText() const;
    ServerHandshake *handshake() const { return m_handshake; }

Q_SIGNALS:
    // After every check, with the address that was checked (as typed) and the outcome.
    void checked(const QString &url, const Galley::Result<Galley::ServerApi> &result);

private:
    void onFinished(const Result<ServerApi> &result);
    void showState(State state, const QString &title, const QString &text);
    void updateButtons();

    ServerHandshake *m_handshake;
    State m_state = State::Idle;
    QString m_checking;
    QLineEdit *m_url;
    BusyIndicator *m_busy;
    QLabel *m_icon;
    QLabel *m_title;
    QLabel *m_text;
    QPushButton *m_check;
};

} // namespace Galley
