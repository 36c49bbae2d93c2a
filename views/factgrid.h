#pragma once

#include <QWidget>

class QGridLayout;
class QLabel;

namespace Galley {

// Name → value rows ("Schema: Article"), names quiet on the left, values wrapping
// on the right. A grid rather than a QFormLayout: wrapped values get exactly the
// height they need, without gaps below them.
class FactGrid : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FactGrid)
public:
    explicit FactGrid(QWidget *parent = nullptr);

    // Adds a row unless value is empty; returns the value's label (nullptr when skipped).
    QLabel *addRow(const QString &name, const QString &value, Qt::TextFormat format = Qt::PlainText);
    void clear();
    int rowCount() const { return m_rows; }

private:
    QGridLayout *m_layout;
    int m_rows = 0;
};

} // namespace Galley
