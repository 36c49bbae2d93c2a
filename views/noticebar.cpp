#include "noticebar.h"

#include "icons.h"
#include "statepill.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QPushButton>
#include <QToolButton>

namespace Galley {

using namespace Qt::StringLiterals;

namespace {

QColor hueFor(NoticeBar::Kind kind)
{
    switch (kind) {
    case NoticeBar::Kind::Information: return QColor(0x3d, 0xae, 0xe9);
    case NoticeBar::Kind::Warning: return QColor(0xd9, 0x77, 0x06);
    case NoticeBar::Kind::Error: return QColor(0xdc, 0x26, 0x26);
    }
    return {};
}

} // namespace

NoticeBar::NoticeBar(QWidget *parent)
    : QFrame(parent)
    , m_icon(new QLabel(this))
    , m_label(new QLabel(this))
    , m_buttons(new QHBoxLayout)
    , m_close(new QToolButton(this))
{
    setObjectName(u"noticeBar"_s);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(10, 6, 6, 6);
    layout->setSpacing(8);
    layout->addWidget(m_icon, 0, Qt::AlignVCenter);
    m_label->setWordWrap(true);
    m_label->setTextFormat(Qt::PlainText);
    m_label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_label->setObjectName(u"noticeText"_s);
    layout->addWidget(m_label, 1);
    m_buttons->setSpacing(6);
    layout->addLayout(m_buttons);
    m_close->setAutoRaise(true);
    m_close->setIcon(Icons::get(u"window-close"_s, QStyle::SP_TitleBarCloseButton));
    m_close->setToolTip(tr("Close"));
    m_close->setAccessibleName(tr("Close the message"));
    layout->addWidget(m_close, 0, Qt::AlignVCenter);
    connect(m_close, &QToolButton::clicked, this, [this] {
        hide();
        Q_EMIT closed();
    });
    hide();
}

NoticeBar::~NoticeBar() = default;

void NoticeBar::showMessage(Kind kind, const QString &text)
{
    m_kind = kind;
    clearButtons();
    m_label->setText(text);
    const QIcon icon = kind == Kind::Information
        ? Icons::get(u"dialog-information"_s, QStyle::SP_MessageBoxInformation)
        : kind == Kind::Warning ? Icons::get(u"dialog-warning"_s, QStyle::SP_MessageBoxWarning)
                                : Icons::get(u"dialog-error"_s, QStyle::SP_MessageBoxCritical);
    m_icon->setPixmap(icon.pixmap(QSize(22, 22), devicePixelRatioF()));
    applyColours();
    show();
}

QPushButton *NoticeBar::addButton(const QString &text)
{
    auto *button = new QPushButton(text, this);
    m_buttons->addWidget(button);
    return button;
}

void NoticeBar::clearButtons()
{
    while (QLayoutItem *item = m_buttons->takeAt(0)) {
        delete item->widget();
        delete item;
    }
}

QString NoticeBar::text() const
{
    return m_label->text();
}

void NoticeBar::applyColours()
{
    if (m_applying)
        return;
    m_applying = true;
    const StatePill::Tone tone
        = StatePill::toneFor(hueFor(m_kind), parentWidget() ? parentWidget()->palette() : palette());
    QPalette pal = palette();
    pal.setColor(QPalette::Window, tone.background);
    pal.setColor(QPalette::WindowText, tone.text);
    m_label->setPalette(pal);
    update();
    m_applying = false;
}

void NoticeBar::paintEvent(QPaintEvent *event)
{
    Q_UNUSED(event);
    const StatePill::Tone tone
        = StatePill::toneFor(hueFor(m_kind), parentWidget() ? parentWidget()->palette() : palette());
    QPainter painter(this);
    painter.fillRect(rect(), tone.background);
    painter.setPen(tone.border);
    painter.drawLine(rect().bottomLeft(), rect().bottomRight());
    painter.fillRect(QRect(0, 0, 3, height()), tone.border);
}

void NoticeBar::changeEvent(QEvent *event)
{
    QFrame::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::ApplicationPaletteChange)
        applyColours();
}

} // namespace Galley
