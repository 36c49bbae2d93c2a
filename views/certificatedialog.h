#pragma once

#include <QByteArray>
#include <QDialog>
#include <QStringList>
#include <QUrl>

class QLabel;
class QPushButton;

namespace Galley {

// Asks whether to trust a certificate the system does not trust for one server: the server,
// the certificate's subject and SHA-256 fingerprint (to compare with one the administrator
// gives), and what was wrong with it. Cancel is the default; accepted() means "trust it",
// which the caller remembers for this server (host and port) only.
class CertificateDialog : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CertificateDialog)
public:
    // sha256Fingerprint: the 32-byte digest (or its 64 hex digits).
    CertificateDialog(const QUrl &server, const QByteArray &sha256Fingerprint, const QString &subject,
                      const QStringList &errors, QWidget *parent = nullptr);
    ~CertificateDialog() override;

    QByteArray fingerprint() const { return m_fingerprint; }
    // "host:port" of the server (the port the scheme implies when none is given).
    static QString hostAndPort(const QUrl &server);
    // "AB:CD:…": colon-separated uppercase hex pairs.
    static QString formatFingerprint(const QByteArray &sha256Fingerprint);

    QPushButton *trustButton() const { return m_trust; }
    QPushButton *cancelButton() const { return m_cancel; }

private:
    QByteArray m_fingerprint;
    QPushButton *m_trust;
    QPushButton *m_cancel;
};

} // namespace Galley
