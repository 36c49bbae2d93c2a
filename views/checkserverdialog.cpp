#include "checkserverdialog.h"

#include "busyindicator.h"
#include "icons.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace Galley {

using namespace Qt::StringLiterals;

CheckServerDialog::CheckServerDialog(QWidget *parent)
    : QDialog(parent)
    , m_handshake(new ServerHandshake(this))
    , m_url(new QLineEdit(this))
    , m_busy(new BusyIndicator(this))
    , m_icon(new QLabel(this))
    , m_title(new QLabel(this))
    , m_text(new QLabel(this))
    , m_check(new QPushButton(tr("&Check"), this))
{
    setObjectName(u"checkServerDialog"_s);
    setWindowTitle(tr("Check Server"));

    auto *layout = new QVBoxLayout(this);
    layout->setSpacing(12);

    auto *intro = new QLabel(tr("Find out whether a Galley server can work with this version of Galley. "
                                "Signing in to a server and syncing with it are not available yet: until "
                                "then Galley works on its local workspace."),
                             this);
    intro->setWordWrap(true);
    intro->setTextFormat(Qt::PlainText);
    layout->addWidget(intro);

    // The address, with the busy line right under it: that is what is being worked on.
    auto *addressBlock = new QVBoxLayout;
    addressBlock->setSpacing(4);
    addressBlock->setContentsMargins(0, 4, 0, 0);
    auto *form = new QFormLayout;
    form->setContentsMargins(0, 0, 0, 0);
    m_url->setObjectName(u"serverUrlEdit"_s);
    m_url->setPlaceholderText(u"https://galley.example.com"_s);
    m_url->setClearButtonEnabled(true);
    m_url->setText(defaultServerUrl());
    setMinimumWidth(fontMetrics().averageCharWidth() * 72);
    form->addRow(tr("&Server:"), m_url);
    addressBlock->addLayout(form);
    m_busy->setObjectName(u"checkServerBusy"_s);
    m_busy->setDelay(150);
    addressBlock->addWidget(m_busy);
    layout->addLayout(addressBlock);

    // The outcome: an icon, one line saying what it is, and what it means or what to do.
    auto *panel = new QFrame(this);
    panel->setObjectName(u"checkServerResult"_s);
    panel->setFrameShape(QFrame::StyledPanel);
    panel->setBackgroundRole(QPalette::AlternateBase);
    panel->setAutoFillBackground(true);
    auto *panelLayout = new QHBoxLayout(panel);
    panelLayout->setContentsMargins(14, 12, 14, 12);
    panelLayout->setSpacing(12);
    m_icon->setFixedSize(32, 32);
    m_icon->setAlignment(Qt::AlignTop | Qt::AlignHCenter);
    panelLayout->addWidget(m_icon, 0, Qt::AlignTop);
    auto *words = new QVBoxLayout;
    words->setSpacing(4);
    QFont titleFont = m_title->font();
    titleFont.setWeight(QFont::DemiBold);
    m_title->setFont(titleFont);
    m_title->setObjectName(u"checkServerTitle"_s);
    m_title->setTextFormat(Qt::PlainText);
    m_title->setWordWrap(true);
    m_text->setObjectName(u"checkServerText"_s);
    m_text->setTextFormat(Qt::PlainText);
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_text->setMinimumHeight(m_text->fontMetrics().lineSpacing() * 3);
    m_text->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    words->addWidget(m_title);
    words->addWidget(m_text, 1);
    panelLayout->addLayout(words, 1);
    layout->addWidget(panel, 1);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_check->setObjectName(u"checkButton"_s);
    m_check->setDefault(true);
    m_check->setIcon(Icons::get(u"view-refresh"_s, QStyle::SP_BrowserReload));
    buttons->addButton(m_check, QDialogButtonBox::ActionRole);
    buttons->button(QDialogButtonBox::Close)->setAutoDefault(false);
    layout->addWidget(buttons);

    connect(m_check, &QPushButton::clicked, this, &CheckServerDialog::check);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_url, &QLineEdit::returnPressed, this, &CheckServerDialog::check);
    connect(m_url, &QLineEdit::textEdited, this, [this] {
        // A verdict about another address would mislead: start over.
        m_handshake->abort();
        showState(State::Idle, {}, {});
    });
    connect(m_handshake, &ServerHandshake::finished, this, &CheckServerDialog::onFinished);

    showState(State::Idle, {}, {});
    m_url->setFocus();
}

CheckServerDialog::~CheckServerDialog() = default;

QString CheckServerDialog::defaultServerUrl()
{
    return u"http://127.0.0.1:8470"_s;
}

void CheckServerDialog::setServerUrl(const QString &url)
{
    m_handshake->abort();
    m_url->setText(url.isEmpty() ? defaultServerUrl() : url);
    showState(State::Idle, {}, {});
}

QString CheckServerDialog::serverUrl() const
{
    return m_url->text().trimmed();
}

QString CheckServerDialog::resultTitle() const
{
    return m_title->text();
}

QString CheckServerDialog::resultText() const
{
    return m_text->text();
}

void CheckServerDialog::check()
{
    m_checking = serverUrl();
    const Result<QUrl> url = ServerHandshake::parseServerUrl(m_checking);
    if (!url) {
        showState(State::InvalidUrl, tr("Not a server address"), url.error().message);
        Q_EMIT checked(m_checking, url.error());
        return;
    }
    showState(State::Checking, tr("Checking…"),
              tr("Asking %1 which API versions it speaks.").arg(url->toDisplayString(QUrl::RemoveUserInfo)));
    m_handshake->start(url.value());
}

void CheckServerDialog::onFinished(const Result<ServerApi> &result)
{
    if (result) {
        const QString server = result->base.toDisplayString(QUrl::RemoveUserInfo);
        QString text = tr("%1 is a Galley server that speaks API version %2, the one this Galley uses.")
                           .arg(server, result->version);
        QStringList others = result->serverVersions;
        others.removeAll(result->version);
        if (!others.isEmpty())
            text += u' ' + tr("It also offers %1.").arg(others.join(u", "_s));
        showState(State::Compatible, tr("Compatible server"), text);
    } else {
        const QString &code = result.error().code;
        if (code == ServerHandshake::Incompatible)
            showState(State::Incompatible, tr("Incompatible API version"), result.error().message);
        else if (code == ServerHandshake::NotGalley)
            showState(State::NotGalley, tr("Not a Galley server"), result.error().message);
        else if (code == ServerHandshake::InvalidUrl)
            showState(State::InvalidUrl, tr("Not a server address"), result.error().message);
        else
            showState(State::Unreachable, tr("Server not reachable"), result.error().message);
    }
    Q_EMIT checked(m_checking, result);
}

void CheckServerDialog::showState(State state, const QString &title, const QString &text)
{
    m_state = state;
    QIcon icon;
    switch (state) {
    case State::Idle:
        icon = Icons::get(u"globe"_s, QStyle::SP_DriveNetIcon);
        m_title->setText(tr("Not checked yet"));
        m_text->setText(tr("Galley asks the server which API versions it speaks. This Galley speaks %1.")
                            .arg(ServerHandshake::supportedVersions().join(u", "_s)));
        break;
    case State::Checking:
        icon = Icons::get(u"globe"_s, QStyle::SP_DriveNetIcon);
        break;
    case State::Compatible:
        icon = Icons::get(u"dialog-positive"_s, QStyle::SP_DialogApplyButton);
        break;
    case State::Incompatible:
    case State::NotGalley:
        icon = Icons::get(u"dialog-warning"_s, QStyle::SP_MessageBoxWarning);
        break;
    case State::Unreachable:
    case State::InvalidUrl:
        icon = Icons::get(u"dialog-error"_s, QStyle::SP_MessageBoxCritical);
        break;
    }
    if (state != State::Idle) {
        m_title->setText(title);
        m_text->setText(text);
    }
    m_icon->setPixmap(icon.pixmap(QSize(32, 32), devicePixelRatioF()));
    m_busy->setBusy(state == State::Checking);
    updateButtons();
}

void CheckServerDialog::updateButtons()
{
    m_check->setEnabled(m_state != State::Checking);
}

} // namespace Galley
