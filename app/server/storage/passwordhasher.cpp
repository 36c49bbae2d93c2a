#include "passwordhasher.h"

#include <QCryptographicHash>
#include <QPasswordDigestor>
#include <QRandomGenerator>

namespace Galley::Server {

QByteArray PasswordHasher::derive(const QString &password, const QByteArray &salt, int iterations)
{
    return QPasswordDigestor::deriveKeyPbkdf2(QCryptographicHash::Sha256, password.toUtf8(), salt, iterations, kHashBytes);
}

PasswordHash PasswordHasher::hash(const QString &password, int iterations)
{
    QByteArray salt(kSaltBytes, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(salt.data()), kSaltBytes / sizeof(quint32));
    iterations = std::max(iterations, kMinimumIterations);
    return { QString::fromLatin1(derive(password, salt, iterations).toBase64()), QString::fromLatin1(salt.toBase64()), iterations };
}

bool PasswordHasher::verify(const QString &password, const PasswordHash &stored)
{
    if (stored.iterations < 1 || stored.hash.isEmpty() || stored.salt.isEmpty())
        return false;
    const QByteArray expected = QByteArray::fromBase64(stored.hash.toLatin1());
    const QByteArray salt = QByteArray::fromBase64(stored.salt.toLatin1());
    return constantTimeEquals(derive(password, salt, stored.iterations), expected);
}

bool PasswordHasher::constantTimeEquals(const QByteArray &a, const QByteArray &b)
{
    // The length is not secret (always kHashBytes or a token hash's fixed size).
    if (a.size() != b.size())
        return false;
    unsigned char diff = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        diff |= static_cast<unsigned char>(a[i] ^ b[i]);
    return diff == 0;
}

} // namespace Galley::Server
