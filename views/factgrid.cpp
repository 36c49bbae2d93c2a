#include "factgrid.h"

#include <QGridLayout>
#include <QLabel>

namespace Galley {

FactGrid::FactGrid(QWidget *parent)
    : QWidget(parent)
    , m_layout(new QGridLayout(this))
{
    m_layout->setContentsMargins(0, 0, 0, 0);
    m_layout->setHorizontalSpacing(16);
    m_layout->setVerticalSpacing(6);
    m_layout->setColumnStretch(1, 1);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Minimum);
}

namespace {

// QLabel wraps only between words: a long URL or path would widen the label past its
// pane and be clipped. Offer a line break (U+200B, zero width) after the separators of
// words longer than a line can hold.
QString breakableLongWords(const QString &text)
{
    constexpr int kLongWord = 24;
    QString out;
    out.reserve(text.size() + text.size() / 8);
    int run = 0;
    for (QChar c : text) {
        out += c;
        run = c.isSpace() ? 0 : run + 1;
        if (run >= kLongWord / 2 && (c == u'/' || c == u'.' || c == u'-' || c == u'_' || c == u'?' || c == u'&' || c == u'='))
            out += QChar(0x200B);
        else if (run >= kLongWord * 2) {
            out += QChar(0x200B);
            run = 0;
        }
    }
    return out;
}

} // namespace

QLabel *FactGrid::addRow(const QString &name, const QString &value, Qt::TextFormat format)
{
    if (value.isEmpty())
        return nullptr;
    auto *nameLabel = new QLabel(name, this);
    nameLabel->setForegroundRole(QPalette::PlaceholderText);
    nameLabel->setTextFormat(Qt::PlainText);
    nameLabel->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    nameLabel->setSizePolicy(QSizePolicy::Maximum, QSizePolicy::Preferred);

    auto *valueLabel = new QLabel(this);
    valueLabel->setTextFormat(format);
    valueLabel->setText(format == Qt::PlainText ? breakableLongWords(value) : value);
    valueLabel->setWordWrap(true);
    valueLabel->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    if (format == Qt::RichText) {
        valueLabel->setTextInteractionFlags(Qt::TextBrowserInteraction);
        valueLabel->setOpenExternalLinks(true);
    }
    nameLabel->setBuddy(valueLabel);

    m_layout->addWidget(nameLabel, m_rows, 0, Qt::AlignTop);
    m_layout->addWidget(valueLabel, m_rows, 1, Qt::AlignTop);
    ++m_rows;
    return valueLabel;
}

void FactGrid::clear()
{
    while (QLayoutItem *item = m_layout->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    m_rows = 0;
}

} // namespace Galley
