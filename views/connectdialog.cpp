#include "connectdialog.h"

#include "busyindicator.h"
#include "icons.h"
#include "statepill.h"
#include "sync/serverhandshake.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QVBoxLayout>

namespace Galley {

using namespace Qt::StringLiterals;

namespace {

const QColor kRed(0xdc, 0x26, 0x26);

bool looksLikeEmail(const QString &text)
{
    static const QRegularExpression email(u"^[^@\\s]+@[^@\\s]+$"_s);
    return email.match(text).hasMatch();
}

// A quiet line under a field for what is wrong with it, in the error colour of the palette.
QLabel *fieldMessage(QWidget *parent, const QString &objectName)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setTextFormat(Qt::PlainText);
    label->setWordWrap(true);
    QPalette p = label->palette();
    p.setColor(QPalette::WindowText, StatePill::toneFor(kRed, parent->palette()).text);
    label->setPalette(p);
    label->hide();
    return label;
}

} // namespace

ConnectDialog::ConnectDialog(QWidget *parent)
    : QDialog(parent)
    , m_serverEdit(new QLineEdit(this))
    , m_serverError(fieldMessage(this, u"serverError"_s))
    , m_emailEdit(new QLineEdit(this))
    , m_passwordEdit(new QLineEdit(this))
    , m_busyIndicator(new BusyIndicator(this))
    , m_statusIcon(new QLabel(this))
    , m_status(new QLabel(this))
    , m_buttons(new QDialogButtonBox(this))
    , m_signIn(new QPushButton(tr("Sign In"), this))
{
    setObjectName(u"connectDialog"_s);
    setWindowTitle(tr("Sign In to a Galley Server"));
    setMinimumWidth(fontMetrics().averageCharWidth() * 72);

    auto *layout = new QVBoxLayout(this);
    layout->setSpacing(12);

    auto *intro = new QLabel(tr("Sign in with your Galley account. Your password is sent to this server only and is "
                                "not stored on this computer."),
                             this);
    intro->setWordWrap(true);
    intro->setTextFormat(Qt::PlainText);
    layout->addWidget(intro);

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setVerticalSpacing(8);

    // The address, with what is wrong with it right under it.
    auto *serverBox = new QVBoxLayout;
    serverBox->setSpacing(2);
    m_serverEdit->setObjectName(u"serverEdit"_s);
    m_serverEdit->setPlaceholderText(u"https://galley.example.com"_s);
    m_serverEdit->setClearButtonEnabled(true);
    serverBox->addWidget(m_serverEdit);
    serverBox->addWidget(m_serverError);
    // A row of a layout gets no buddy of its own: name the field for the mnemonic.
    auto *serverLabel = new QLabel(tr("&Server:"), this);
    serverLabel->setBuddy(m_serverEdit);
    form->addRow(serverLabel, serverBox);

    m_emailEdit->setObjectName(u"emailEdit"_s);
    m_emailEdit->setPlaceholderText(tr("name@example.com"));
    m_emailEdit->setInputMethodHints(Qt::ImhEmailCharactersOnly | Qt::ImhNoAutoUppercase);
    form->addRow(tr("&Email:"), m_emailEdit);

    m_passwordEdit->setObjectName(u"passwordEdit"_s);
    m_passwordEdit->setEchoMode(QLineEdit::Password);
    m_passwordEdit->setInputMethodHints(Qt::ImhHiddenText | Qt::ImhSensitiveData | Qt::ImhNoPredictiveText);
    form->addRow(tr("&Password:"), m_passwordEdit);
    layout->addLayout(form);

    m_busyIndicator->setObjectName(u"connectBusy"_s);
    m_busyIndicator->setDelay(150);
    layout->addWidget(m_busyIndicator);

    // One status line: "Signing in…" or why it failed.
    auto *statusRow = new QHBoxLayout;
    statusRow->setSpacing(8);
    m_statusIcon->setFixedSize(16, 16);
    m_statusIcon->hide();
    statusRow->addWidget(m_statusIcon, 0, Qt::AlignTop);
    m_status->setObjectName(u"connectStatus"_s);
    m_status->setTextFormat(Qt::PlainText);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setMinimumHeight(m_status->fontMetrics().lineSpacing() * 2);
    m_status->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    statusRow->addWidget(m_status, 1);
    layout->addLayout(statusRow);
    layout->addStretch(1);

    m_signIn->setObjectName(u"signInButton"_s);
    m_signIn->setDefault(true);
    m_buttons->addButton(m_signIn, QDialogButtonBox::AcceptRole);
    QPushButton *cancel = m_buttons->addButton(QDialogButtonBox::Cancel);
    cancel->setObjectName(u"cancelButton"_s);
    cancel->setAutoDefault(false);
    layout->addWidget(m_buttons);

    // Sign In does not close the dialog: the answer comes later, through setError() or accept().
    connect(m_signIn, &QPushButton::clicked, this, &ConnectDialog::requestSignIn);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    for (QLineEdit *edit : { m_serverEdit, m_emailEdit, m_passwordEdit }) {
        connect(edit, &QLineEdit::textChanged, this, &ConnectDialog::validate);
        connect(edit, &QLineEdit::returnPressed, this, &ConnectDialog::requestSignIn);
    }

    validate();
    m_serverEdit->setFocus();
}

ConnectDialog::~ConnectDialog() = default;

void ConnectDialog::setServer(const QString &server)
{
    m_serverEdit->setText(server);
    if (!server.isEmpty())
        m_emailEdit->setFocus();
}

void ConnectDialog::setServer(const QUrl &server)
{
    setServer(server.toDisplayString(QUrl::RemoveUserInfo));
}

void ConnectDialog::setEmail(const QString &email)
{
    m_emailEdit->setText(email);
    if (!email.isEmpty() && !m_serverEdit->text().isEmpty())
        m_passwordEdit->setFocus();
}

QString ConnectDialog::serverText() const
{
    return m_serverEdit->text().trimmed();
}

QString ConnectDialog::email() const
{
    return m_emailEdit->text().trimmed();
}

QUrl ConnectDialog::server() const
{
    return m_server;
}

bool ConnectDialog::inputsValid() const
{
    return m_server.isValid() && looksLikeEmail(email()) && !m_passwordEdit->text().isEmpty();
}

void ConnectDialog::validate()
{
    const QString text = serverText();
    m_server.clear();
    if (!text.isEmpty()) {
        const Result<QUrl> parsed = ServerHandshake::parseServerUrl(text);
        if (parsed) {
            m_server = parsed.value();
            m_serverError->clear();
        } else {
            m_serverError->setText(parsed.error().message);
        }
    } else {
        m_serverError->clear();
    }
    m_serverError->setVisible(!m_serverError->text().isEmpty());
    m_signIn->setEnabled(!m_busy && inputsValid());
}

void ConnectDialog::requestSignIn()
{
    if (m_busy || !inputsValid())
        return;
    setError({});
    setBusy(true);
    Q_EMIT signInRequested(m_server, email(), m_passwordEdit->text());
}

void ConnectDialog::setBusy(bool busy)
{
    m_busy = busy;
    m_busyIndicator->setBusy(busy);
    for (QLineEdit *edit : { m_serverEdit, m_emailEdit, m_passwordEdit })
        edit->setReadOnly(busy);
    if (busy) {
        m_statusIcon->hide();
        m_status->setText(tr("Signing in to %1…").arg(m_server.toDisplayString(QUrl::RemoveUserInfo)));
    } else if (m_statusIcon->isHidden()) {
        m_status->clear();
    }
    validate();
}

void ConnectDialog::setError(const QString &message)
{
    if (m_busy) {
        m_busy = false;
        m_busyIndicator->setBusy(false);
        for (QLineEdit *edit : { m_serverEdit, m_emailEdit, m_passwordEdit })
            edit->setReadOnly(false);
    }
    m_status->setText(message);
    m_statusIcon->setVisible(!message.isEmpty());
    if (!message.isEmpty()) {
        const QIcon icon = Icons::get(u"dialog-error"_s, QStyle::SP_MessageBoxCritical);
        m_statusIcon->setPixmap(icon.pixmap(QSize(16, 16), devicePixelRatioF()));
        // Most failures are a mistyped password: ready for another go.
        m_passwordEdit->setFocus();
        m_passwordEdit->selectAll();
    }
    validate();
}

QString ConnectDialog::error() const
{
    return m_statusIcon->isHidden() ? QString() : m_status->text();
}

} // namespace Galley
