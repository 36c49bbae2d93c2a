#include "datetimedelegate.h"

#include "displayformat.h"

namespace Galley {

DateTimeDelegate::DateTimeDelegate(int role, QObject *parent)
    : QStyledItemDelegate(parent)
    , m_getter([role](const QModelIndex &index) { return index.data(role).toDateTime(); })
{
}

DateTimeDelegate::DateTimeDelegate(Getter getter, QObject *parent)
    : QStyledItemDelegate(parent)
    , m_getter(std::move(getter))
{
}

void DateTimeDelegate::initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    const QDateTime at = m_getter(index);
    if (at.isValid())
        option->text = DisplayFormat::dateTime(at);
}

} // namespace Galley
