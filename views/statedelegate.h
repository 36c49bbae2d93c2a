#pragma once

#include "statepill.h"

#include <QStyledItemDelegate>

namespace Galley {

// Paints an item's state or status (an enum value as int, read from valueRole)
// as a StatePill with the value's translated name.
class StateDelegate : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StateDelegate)
public:
    StateDelegate(StatePill::Kind kind, int valueRole, QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QString displayText(const QVariant &value, const QLocale &locale) const override;

    // The label painted for index (empty when it carries no value).
    QString labelFor(const QModelIndex &index) const;

private:
    StatePill::Kind m_kind;
    int m_role;
};

} // namespace Galley
