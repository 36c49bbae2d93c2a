#pragma once

#include <QHash>
#include <QObject>
#include <QString>

#include <functional>

namespace Galley {

// Keeps a session's refresh token per server and e-mail address in the system keychain
// (QtKeychain: Secret Service, KWallet, macOS Keychain, Windows Credential Store). Without a
// keychain service the token lives in memory only, for this run, and unavailable() tells why
// (once per run), so the user knows the password will be asked again next time.
class CredentialStore : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CredentialStore)
public:
    explicit CredentialStore(QObject *parent = nullptr);
    ~CredentialStore() override;

    static QString keyFor(const QString &server, const QString &email);

    // done(token): empty when there is none.
    void read(const QString &key, std::function<void(const QString &token)> done);
    void write(const QString &key, const QString &token);
    void remove(const QString &key);

    // The keychain refused or is missing: tokens are kept in memory only.
    bool isMemoryOnly() const { return m_memoryOnly; }
    // For tests and --sync-only without a session bus: never touch the system keychain.
    void setMemoryOnly(bool on) { m_memoryOnly = on; }

Q_SIGNALS:
    void unavailable(const QString &reason);

private:
    void fallBack(const QString &reason);

    QHash<QString, QString> m_memory;
    bool m_memoryOnly = false;
    bool m_told = false;
};

} // namespace Galley
