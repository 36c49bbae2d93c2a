#pragma once

#include <QDialog>
#include <QUrl>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace Galley {

class BusyIndicator;

// Signs in to a Galley server: its address (checked as it is typed, the problem said under the
// field), an email and a password. Sign In asks for the sign-in through signInRequested() and
// shows the dialog busy; the caller answers with setError() (the dialog stays open for another
// try) or closes it with accept() once signed in. The password is never kept here.
class ConnectDialog : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectDialog)
public:
    explicit ConnectDialog(QWidget *parent = nullptr);
    ~ConnectDialog() override;

    void setServer(const QString &server);
    void setServer(const QUrl &server);
    void setEmail(const QString &email);

    QString serverText() const;
    QString email() const;
    // The parsed address; empty while the field does not hold one.
    QUrl server() const;

    void setBusy(bool busy);
    bool isBusy() const { return m_busy; }
    // Shows why signing in failed (and ends the busy state); an empty message clears it.
    void setError(const QString &message);
    QString error() const;

    // Whether Sign In can be pressed: a server address, an email and a password.
    bool inputsValid() const;

Q_SIGNALS:
    void signInRequested(const QUrl &server, const QString &email, const QString &password);

private:
    void validate();
    void requestSignIn();

    bool m_busy = false;
    QUrl m_server;
    QLineEdit *m_serverEdit;
    QLabel *m_serverError;
    QLineEdit *m_emailEdit;
    QLineEdit *m_passwordEdit;
    BusyIndicator *m_busyIndicator;
    QLabel *m_statusIcon;
    QLabel *m_status;
    QDialogButtonBox *m_buttons;
    QPushButton *m_signIn;
};

} // namespace Galley
