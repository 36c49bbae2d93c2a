#include "statepill.h"

#include <QEvent>
#include <QFontMetrics>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>

namespace Galley {

namespace {

constexpr int kHorizontalPadding = 8;
constexpr int kVerticalPadding = 2;

QColor withLightness(const QColor &hue, double saturationFactor, double lightness)
{
    float h = 0, s = 0, l = 0, a = 1;
    hue.getHslF(&h, &s, &l, &a);
    return QColor::fromHslF(h < 0 ? 0 : h, std::clamp(float(s * saturationFactor), 0.0f, 1.0f), float(lightness));
}

} // namespace

StatePill::StatePill(QWidget *parent)
    : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    setAttribute(Qt::WA_TranslucentBackground);
}

void StatePill::setEditionState(EditionState state)
{
    set(labelFor(Kind::Edition, int(state)), hueFor(Kind::Edition, int(state)));
}

void StatePill::setPublishingStatus(PublishingStatus status)
{
    set(labelFor(Kind::Publishing, int(status)), hueFor(Kind::Publishing, int(status)));
}

void StatePill::setDeploymentStatus(DeploymentStatus status)
{
    set(labelFor(Kind::Deployment, int(status)), hueFor(Kind::Deployment, int(status)));
}

void StatePill::setLabel(const QString &text, const QColor &hue)
{
    set(text, hue);
}

void StatePill::set(const QString &text, const QColor &hue)
{
    if (m_text == text && m_hue == hue)
        return;
    m_text = text;
    m_hue = hue;
    setAccessibleName(text);
    setToolTip(QString());
    updateGeometry();
    update();
}

QColor StatePill::hueFor(Kind kind, int value)
{
    // One hue per meaning, shared across kinds: green is live, blue is in progress,
    // red went wrong, amber needs attention, grey is over or not started.
    static const QColor grey(0x64, 0x74, 0x8b);
    static const QColor lightGrey(0x94, 0xa3, 0xb8);
    static const QColor darkGrey(0x47, 0x55, 0x69);
    static const QColor blue(0x25, 0x63, 0xeb);
    static const QColor red(0xdc, 0x26, 0x26);
    static const QColor violet(0x7c, 0x3a, 0xed);
    static const QColor green(0x16, 0xa3, 0x4a);
    static const QColor amber(0xd9, 0x77, 0x06);
    static const QColor rose(0xbe, 0x18, 0x5d);

    switch (kind) {
    case Kind::Edition:
        switch (EditionState(value)) {
        case EditionState::Draft: return grey;
        case EditionState::Submitted: return blue;
        case EditionState::Rejected: return red;
        case EditionState::Scheduled: return violet;
        case EditionState::Published: return green;
        case EditionState::Withdrawn: return amber;
        case EditionState::Unpublished: return rose;
        case EditionState::Superseded: return lightGrey;
        case EditionState::Deleted: return darkGrey;
        }
        break;
    case Kind::Publishing:
        switch (PublishingStatus(value)) {
        case PublishingStatus::Pending: return grey;
        case PublishingStatus::Publishing: return blue;
        case PublishingStatus::Published: return green;
        case PublishingStatus::Failed: return red;
        }
        break;
    case Kind::Deployment:
        switch (DeploymentStatus(value)) {
        case DeploymentStatus::Pending: return grey;
        case DeploymentStatus::Deploying: return blue;
        case DeploymentStatus::Deployed: return green;
        case DeploymentStatus::Failed: return red;
        case DeploymentStatus::RolledBack: return amber;
        }
        break;
    case Kind::Link:
        switch (LinkStatus(value)) {
        case LinkStatus::Ok: return green;
        case LinkStatus::Caution: return amber;
        case LinkStatus::Broken: return red;
        case LinkStatus::Danger: return rose;
        }
        break;
    }
    return grey;
}

QString StatePill::labelFor(Kind kind, int value)
{
    switch (kind) {
    case Kind::Edition: return displayName(EditionState(value));
    case Kind::Publishing: return displayName(PublishingStatus(value));
    case Kind::Deployment: return displayName(DeploymentStatus(value));
    case Kind::Link: return displayName(LinkStatus(value));
    }
    return {};
}

bool StatePill::isDark(const QPalette &palette)
{
    return palette.color(QPalette::Base).lightnessF() < 0.5;
}

StatePill::Tone StatePill::toneFor(const QColor &hue, const QPalette &palette)
{
    if (isDark(palette))
        return { withLightness(hue, 0.65, 0.24), withLightness(hue, 0.75, 0.40), withLightness(hue, 0.85, 0.84) };
    return { withLightness(hue, 0.85, 0.93), withLightness(hue, 0.75, 0.80), withLightness(hue, 1.0, 0.28) };
}

QFont StatePill::pillFont(const QFont &base)
{
    QFont f = base;
    f.setWeight(QFont::DemiBold);
    return f;
}

QSize StatePill::pillSize(const QFont &font, const QString &text)
{
    const QFontMetrics fm(pillFont(font));
    // A pixel or two beyond the advance: glyphs like "f" overhang it, and elision
    // must not start on a pill that was sized for its text.
    return { fm.horizontalAdvance(text) + 2 * kHorizontalPadding + 2, fm.height() + 2 * kVerticalPadding };
}

void StatePill::paint(QPainter *painter, const QRect &rect, const QString &text, const QColor &hue,
                      const QPalette &palette, const QFont &font)
{
    if (text.isEmpty() || rect.width() <= 2 * kHorizontalPadding)
        return;
    const QFont f = pillFont(font);
    const QFontMetrics fm(f);
    QSize size = pillSize(font, text);
    size.setWidth(std::min(size.width(), rect.width()));
    size.setHeight(std::min(size.height(), rect.height()));
    const QRect pill(QPoint(rect.left(), rect.top() + (rect.height() - size.height()) / 2), size);
    const Tone tone = toneFor(hue, palette);

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const qreal radius = pill.height() / 2.0;
    painter->setPen(QPen(tone.border, 1));
    painter->setBrush(tone.background);
    painter->drawRoundedRect(QRectF(pill).adjusted(0.5, 0.5, -0.5, -0.5), radius, radius);
    painter->setFont(f);
    painter->setPen(tone.text);
    const QRect textRect = pill.adjusted(kHorizontalPadding, 0, -kHorizontalPadding, 0);
    const bool fits = fm.horizontalAdvance(text) <= textRect.width() + 2;
    painter->drawText(textRect.adjusted(-1, 0, 1, 0), Qt::AlignCenter,
                      fits ? text : fm.elidedText(text, Qt::ElideRight, textRect.width()));
    painter->restore();
}

QSize StatePill::sizeHint() const
{
    return pillSize(font(), m_text.isEmpty() ? QStringLiteral("M") : m_text);
}

QSize StatePill::minimumSizeHint() const
{
    return sizeHint();
}

void StatePill::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    paint(&painter, rect(), m_text, m_hue, palette(), font());
}

void StatePill::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::FontChange)
        updateGeometry();
    QWidget::changeEvent(event);
}

} // namespace Galley
