#include "historytimeline.h"

#include "displayformat.h"
#include "statepill.h"

#include <QLabel>
#include <QPainter>
#include <QVBoxLayout>

namespace Galley {

namespace {

constexpr int kRail = 22;       // room left of the entries for the line and dots
constexpr int kDotRadius = 5;

QString who(const QString &name)
{
    return name.isEmpty() ? HistoryTimeline::tr("an unknown user") : name;
}

} // namespace

HistoryTimeline::HistoryTimeline(QWidget *parent)
    : QWidget(parent)
    , m_layout(new QVBoxLayout(this))
{
    m_layout->setContentsMargins(kRail, 0, 0, 0);
    m_layout->setSpacing(12);
}

QString HistoryTimeline::describe(const HistoryEntry &entry)
{
    if (const auto *remark = std::get_if<EditorialRemark>(&entry.item))
        return tr("Remark by %1").arg(who(remark->authorName.isEmpty() ? entry.userName : remark->authorName));
    const auto &audit = std::get<AuditEntry>(entry.item);
    const QString name = who(audit.userName.isEmpty() ? entry.userName : audit.userName);
    if (!audit.fromState)
        return tr("Created by %1").arg(name);
    switch (audit.toState) {
    case EditionState::Draft: return tr("Returned to draft by %1").arg(name);
    case EditionState::Submitted:
        if (audit.fromState == EditionState::Scheduled)
            return tr("Unscheduled by %1").arg(name);
        return tr("Submitted by %1").arg(name);
    case EditionState::Rejected: return tr("Rejected by %1").arg(name);
    case EditionState::Scheduled: return tr("Scheduled by %1").arg(name);
    case EditionState::Published:
        if (audit.fromState == EditionState::Scheduled)
            return tr("Published on schedule by %1").arg(name);
        return tr("Published by %1").arg(name);
    case EditionState::Withdrawn: return tr("Withdrawn by %1").arg(name);
    case EditionState::Unpublished: return tr("Unpublished by %1").arg(name);
    case EditionState::Superseded: return tr("Superseded by a newer edition");
    case EditionState::Deleted: return tr("Deleted by %1").arg(name);
    }
    return {};
}

void HistoryTimeline::clear()
{
    m_dots.clear();
    m_lines.clear();
    while (QLayoutItem *item = m_layout->takeAt(0)) {
        delete item->widget();
        delete item;
    }
}

void HistoryTimeline::setHistory(const QList<HistoryEntry> &entries, Id currentEditionId)
{
    clear();
    QColor muted = palette().color(QPalette::PlaceholderText);
    for (const HistoryEntry &entry : entries) {
        auto *box = new QWidget(this);
        auto *boxLayout = new QVBoxLayout(box);
        boxLayout->setContentsMargins(0, 0, 0, 0);
        boxLayout->setSpacing(3);

        QString meta = DisplayFormat::dateTime(entry.at);
        if (entry.editionId != currentEditionId) {
            const QString edition = entry.editionVersion.isSet()
                ? tr("edition %1").arg(entry.editionVersion.toString())
                : tr("another edition");
            meta += QStringLiteral(" · ") + edition;
        }
        const QString action = describe(entry);
        m_lines << action + QStringLiteral(" · ") + meta;

        auto *headline = new QLabel(box);
        headline->setTextFormat(Qt::RichText);
        headline->setWordWrap(true);
        headline->setTextInteractionFlags(Qt::TextSelectableByMouse);
        headline->setText(action.toHtmlEscaped() + QStringLiteral(" <span style=\"color:%1\">· %2</span>")
                                                       .arg(muted.name(), meta.toHtmlEscaped()));
        headline->setObjectName(QStringLiteral("historyHeadline"));
        boxLayout->addWidget(headline);

        Dot dot;
        dot.anchor = headline;
        if (const auto *remark = std::get_if<EditorialRemark>(&entry.item)) {
            dot.hollow = true;
            dot.color = palette().color(QPalette::Mid);
            auto *body = new QLabel(box);
            body->setTextFormat(Qt::PlainText);
            body->setWordWrap(true);
            body->setTextInteractionFlags(Qt::TextSelectableByMouse);
            body->setText(DisplayFormat::elide(remark->body.trimmed(), 1200));
            body->setAutoFillBackground(true);
            body->setBackgroundRole(QPalette::AlternateBase);
            body->setContentsMargins(8, 6, 8, 6);
            body->setObjectName(QStringLiteral("historyRemark"));
            boxLayout->addWidget(body);
        } else {
            const auto &audit = std::get<AuditEntry>(entry.item);
            dot.color = StatePill::hueFor(StatePill::Kind::Edition, int(audit.toState));
        }
        m_dots << dot;
        m_layout->addWidget(box);
    }
    updateGeometry();
    update();
}

void HistoryTimeline::paintEvent(QPaintEvent *)
{
    if (m_dots.isEmpty())
        return;
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const int x = kDotRadius + 2;
    QList<int> ys;
    ys.reserve(m_dots.size());
    for (const Dot &dot : m_dots) {
        if (!dot.anchor) {
            ys << -1;
            continue;
        }
        const QPoint top = dot.anchor->mapTo(this, QPoint(0, 0));
        ys << top.y() + dot.anchor->fontMetrics().height() / 2 + 1;
    }
    if (ys.size() > 1 && ys.first() >= 0 && ys.last() >= 0) {
        QColor line = palette().color(QPalette::Mid);
        line.setAlphaF(0.6f);
        p.setPen(QPen(line, 2));
        p.drawLine(x, ys.first(), x, ys.last());
    }
    for (qsizetype i = 0; i < m_dots.size(); ++i) {
        if (ys.at(i) < 0)
            continue;
        const Dot &dot = m_dots.at(i);
        if (dot.hollow) {
            p.setPen(QPen(dot.color, 2));
            p.setBrush(palette().color(QPalette::Base));
        } else {
            p.setPen(QPen(palette().color(QPalette::Base), 2));
            p.setBrush(dot.color);
        }
        p.drawEllipse(QPointF(x, ys.at(i)), kDotRadius, kDotRadius);
    }
}

} // namespace Galley
