#include "statedelegate.h"

#include <QApplication>
#include <QPainter>

#include <algorithm>

namespace Galley {

namespace {
constexpr int kCellPadding = 6;
}

StateDelegate::StateDelegate(StatePill::Kind kind, int valueRole, QObject *parent)
    : QStyledItemDelegate(parent)
    , m_kind(kind)
    , m_role(valueRole)
{
}

QString StateDelegate::labelFor(const QModelIndex &index) const
{
    const QVariant value = index.data(m_role);
    if (!value.isValid())
        return {};
    return StatePill::labelFor(m_kind, value.toInt());
}

QString StateDelegate::displayText(const QVariant &, const QLocale &) const
{
    return {};
}

void StateDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    opt.text.clear();
    opt.icon = QIcon();
    opt.features &= ~QStyleOptionViewItem::HasDisplay;
    QStyle *style = opt.widget ? opt.widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, opt.widget);

    const QVariant value = index.data(m_role);
    if (!value.isValid())
        return;
    const QRect area = opt.rect.adjusted(kCellPadding, 2, -kCellPadding, -2);
    StatePill::paint(painter, area, StatePill::labelFor(m_kind, value.toInt()),
                     StatePill::hueFor(m_kind, value.toInt()), opt.palette, opt.font);
}

QSize StateDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const QSize base = QStyledItemDelegate::sizeHint(option, index);
    const QSize pill = StatePill::pillSize(option.font, labelFor(index));
    return { std::max(base.width(), pill.width() + 2 * kCellPadding), std::max(base.height(), pill.height() + 4) };
}

} // namespace Galley
