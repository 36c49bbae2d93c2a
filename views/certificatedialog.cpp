#include "certificatedialog.h"

#include "icons.h"

#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>
#include <cctype>

namespace Galley {

using namespace Qt::StringLiterals;

namespace {

QLabel *nameLabel(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setForegroundRole(QPalette::PlaceholderText);
    label->setTextFormat(Qt::PlainText);
    label->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    return label;
}

QLabel *valueLabel(const QString &text, QWidget *parent, const QString &objectName)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setTextFormat(Qt::PlainText);
    label->setText(text);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    label->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    return label;
}

bool isHex(const QByteArray &text)
{
    return std::all_of(text.cbegin(), text.cend(), [](char c) { return std::isxdigit(static_cast<unsigned char>(c)); });
}

} // namespace

CertificateDialog::CertificateDialog(const QUrl &server, const QByteArray &sha256Fingerprint, const QString &subject,
                                     const QStringList &errors, QWidget *parent)
    : QDialog(parent)
    , m_fingerprint(sha256Fingerprint)
    , m_trust(new QPushButton(tr("&Trust This Certificate"), this))
    , m_cancel(new QPushButton(tr("Cancel"), this))
{
    setObjectName(u"certificateDialog"_s);
    setWindowTitle(tr("Untrusted Certificate"));
    const QString where = hostAndPort(server);

    auto *layout = new QVBoxLayout(this);
    layout->setSpacing(14);

    auto *top = new QHBoxLayout;
    top->setSpacing(14);
    auto *icon = new QLabel(this);
    icon->setPixmap(Icons::get(u"security-medium"_s, QStyle::SP_MessageBoxWarning).pixmap(QSize(48, 48), devicePixelRatioF()));
    icon->setAlignment(Qt::AlignTop | Qt::AlignHCenter);
    top->addWidget(icon, 0, Qt::AlignTop);
    auto *words = new QVBoxLayout;
    words->setSpacing(6);
    auto *heading = new QLabel(tr("The server's certificate is not trusted"), this);
    heading->setObjectName(u"certificateHeading"_s);
    heading->setTextFormat(Qt::PlainText);
    heading->setWordWrap(true);
    QFont headingFont = heading->font();
    headingFont.setPointSizeF(headingFont.pointSizeF() * 1.2);
    headingFont.setWeight(QFont::DemiBold);
    heading->setFont(headingFont);
    words->addWidget(heading);
    auto *intro = new QLabel(tr("Galley cannot confirm that it is talking to %1. Someone may be intercepting the "
                                "connection, or the server uses a certificate of its own that this computer does not know.")
                                 .arg(where),
                             this);
    intro->setTextFormat(Qt::PlainText);
    intro->setWordWrap(true);
    words->addWidget(intro);
    top->addLayout(words, 1);
    layout->addLayout(top);

    // The facts to compare.
    auto *grid = new QGridLayout;
    grid->setHorizontalSpacing(16);
    grid->setVerticalSpacing(8);
    grid->setColumnStretch(1, 1);
    grid->setContentsMargins(62, 0, 0, 0);   // under the text, not the icon
    int row = 0;
    grid->addWidget(nameLabel(tr("Server"), this), row, 0);
    grid->addWidget(valueLabel(where, this, u"certificateServer"_s), row++, 1);
    grid->addWidget(nameLabel(tr("Subject"), this), row, 0);
    grid->addWidget(valueLabel(subject.isEmpty() ? tr("(none given)") : subject, this, u"certificateSubject"_s), row++, 1);
    grid->addWidget(nameLabel(tr("SHA-256 fingerprint"), this), row, 0);
    // Two lines of 16 pairs: the whole digest fits without a scroll bar and reads in blocks.
    const QString pairs = formatFingerprint(sha256Fingerprint);
    QString shown = pairs;
    if (pairs.size() > 48)
        shown = pairs.left(48) + u'\n' + pairs.mid(48);
    QLabel *fingerprint = valueLabel(shown, this, u"certificateFingerprint"_s);
    fingerprint->setWordWrap(false);
    fingerprint->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    fingerprint->setAccessibleName(tr("SHA-256 fingerprint"));
    grid->addWidget(fingerprint, row++, 1);
    if (!errors.isEmpty()) {
        grid->addWidget(nameLabel(errors.size() == 1 ? tr("Problem") : tr("Problems"), this), row, 0);
        QStringList lines;
        for (const QString &e : errors)
            lines.append(u"• "_s + e);
        grid->addWidget(valueLabel(lines.join(u'\n'), this, u"certificateErrors"_s), row++, 1);
    }
    layout->addLayout(grid);

    auto *advice = new QLabel(tr("Trust it only if the fingerprint matches the one your server's administrator gave you. "
                                 "Galley then remembers this certificate for %1 only, and asks again if the server ever "
                                 "presents a different one.")
                                  .arg(where),
                              this);
    advice->setObjectName(u"certificateAdvice"_s);
    advice->setTextFormat(Qt::PlainText);
    advice->setWordWrap(true);
    advice->setContentsMargins(62, 0, 0, 0);   // in line with the text above
    layout->addWidget(advice);
    layout->addStretch(1);

    auto *buttons = new QDialogButtonBox(this);
    m_trust->setObjectName(u"trustButton"_s);
    m_trust->setAutoDefault(false);
    m_trust->setDefault(false);
    m_cancel->setObjectName(u"cancelButton"_s);
    m_cancel->setDefault(true);
    buttons->addButton(m_trust, QDialogButtonBox::AcceptRole);
    buttons->addButton(m_cancel, QDialogButtonBox::RejectRole);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);

    const int fingerprintRow = 62 + fontMetrics().horizontalAdvance(tr("SHA-256 fingerprint")) + 16
        + fingerprint->sizeHint().width() + 2 * layout->contentsMargins().left();
    setMinimumWidth(std::max(fontMetrics().averageCharWidth() * 70, fingerprintRow));
    m_cancel->setFocus();
}

CertificateDialog::~CertificateDialog() = default;

QString CertificateDialog::hostAndPort(const QUrl &server)
{
    const int defaultPort = server.scheme() == "https"_L1 ? 443 : 80;
    QString host = server.host();
    if (host.contains(u':'))
        host = u'[' + host + u']';   // IPv6
    return host + u':' + QString::number(server.port(defaultPort));
}

QString CertificateDialog::formatFingerprint(const QByteArray &sha256Fingerprint)
{
    QByteArray digest = sha256Fingerprint;
    if (digest.size() == 64 && isHex(digest))
        digest = QByteArray::fromHex(digest);
    return QString::fromLatin1(digest.toHex(':').toUpper());
}

} // namespace Galley
