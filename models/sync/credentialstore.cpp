#include "credentialstore.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QUrl>

#include <qt6keychain/keychain.h>

Q_LOGGING_CATEGORY(lcCredentials, "galley.sync.credentials")

using namespace Qt::StringLiterals;

namespace Galley {

namespace {
const QString kService = u"Galley"_s;
}

CredentialStore::CredentialStore(QObject *parent)
    : QObject(parent)
{
    // No session bus, no keychain daemon: say so once, and do not wait for jobs that cannot succeed.
    if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS") && !QKeychain::isAvailable())
        m_memoryOnly = true;
}

CredentialStore::~CredentialStore() = default;

QString CredentialStore::keyFor(const QString &server, const QString &email)
{
    return QUrl(server).toString(QUrl::StripTrailingSlash | QUrl::RemoveUserInfo) + u'|' + email.trimmed().toLower();
}

void CredentialStore::fallBack(const QString &reason)
{
    m_memoryOnly = true;
    qCInfo(lcCredentials) << "keychain unavailable:" << reason;
    if (!m_told) {
        m_told = true;
        Q_EMIT unavailable(reason);
    }
}

void CredentialStore::read(const QString &key, std::function<void(const QString &)> done)
{
    if (m_memoryOnly) {
        const QString token = m_memory.value(key);
        QMetaObject::invokeMethod(this, [done, token] { done(token); }, Qt::QueuedConnection);
        return;
    }
    auto *job = new QKeychain::ReadPasswordJob(kService, this);
    job->setKey(key);
    connect(job, &QKeychain::Job::finished, this, [this, key, done](QKeychain::Job *j) {
        auto *readJob = static_cast<QKeychain::ReadPasswordJob *>(j);
        if (j->error() == QKeychain::NoError) {
            done(readJob->textData());
        } else if (j->error() == QKeychain::EntryNotFound) {
            done(m_memory.value(key));
        } else {
            fallBack(j->errorString());
            done(m_memory.value(key));
        }
    });
    job->start();
}

void CredentialStore::write(const QString &key, const QString &token)
{
    m_memory.insert(key, token);
    if (m_memoryOnly) {
        if (!m_told) {
            m_told = true;
            Q_EMIT unavailable(QCoreApplication::translate("Galley::CredentialStore",
                                                           "No keychain service is running on this desktop."));
        }
        return;
    }
    auto *job = new QKeychain::WritePasswordJob(kService, this);
    job->setKey(key);
    job->setTextData(token);
    connect(job, &QKeychain::Job::finished, this, [this](QKeychain::Job *j) {
        if (j->error() != QKeychain::NoError)
            fallBack(j->errorString());
    });
    job->start();
}

void CredentialStore::remove(const QString &key)
{
    m_memory.remove(key);
    if (m_memoryOnly)
        return;
    auto *job = new QKeychain::DeletePasswordJob(kService, this);
    job->setKey(key);
    job->start();
}

} // namespace Galley
