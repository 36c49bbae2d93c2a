#pragma once

#include <QDateTime>
#include <QStyledItemDelegate>

#include <functional>

namespace Galley {

// Shows a cell's date and time the way the rest of Galley writes them
// ("12 Nov 2026 14:03"), whatever text the model offers.
class DateTimeDelegate : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DateTimeDelegate)
public:
    using Getter = std::function<QDateTime(const QModelIndex &)>;

    // Reads the time from role, or through getter when the model has no role for it.
    explicit DateTimeDelegate(int role, QObject *parent = nullptr);
    explicit DateTimeDelegate(Getter getter, QObject *parent = nullptr);

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;

private:
    Getter m_getter;
};

} // namespace Galley
