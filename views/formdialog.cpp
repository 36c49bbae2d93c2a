#include "formdialog.h"

#include "statepill.h"

#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QScreen>
#include <QSettings>

namespace Galley {

using namespace Qt::StringLiterals;

FormDialog::FormDialog(const QString &settingsGroup, QWidget *parent)
    : QDialog(parent)
    , m_settingsGroup(settingsGroup)
{
}

FormDialog::~FormDialog() = default;

void FormDialog::setDiscardConfirmation(DiscardConfirmation confirm)
{
    m_confirm = std::move(confirm);
}

void FormDialog::reject()
{
    if (hasUnsavedInput() && !askToDiscard())
        return;
    QDialog::reject();
}

void FormDialog::done(int result)
{
    QSettings().setValue(m_settingsGroup + u"/size"_s, size());
    QDialog::done(result);
}

void FormDialog::restoreSize(QSize fallback)
{
    QSize wanted = QSettings().value(m_settingsGroup + u"/size"_s).toSize();
    if (!wanted.isValid())
        wanted = fallback.expandedTo(sizeHint());
    if (const QScreen *s = screen())
        wanted = wanted.boundedTo(s->availableGeometry().size());
    resize(wanted.expandedTo(minimumSizeHint()));
}

int FormDialog::em() const
{
    return fontMetrics().averageCharWidth();
}

void FormDialog::showCount(QLabel *counter, qsizetype length, qsizetype max)
{
    const QLocale locale;
    QString text = tr("%1 / %2").arg(locale.toString(length), locale.toString(max));
    QColor colour;
    if (length > max) {
        text = tr("%1 too many · %2").arg(locale.toString(length - max), text);
        colour = StatePill::toneFor(QColor(0xdc, 0x26, 0x26), counter->palette()).text;
    } else if (length * 10 >= max * 9) {
        colour = StatePill::toneFor(QColor(0xd9, 0x77, 0x06), counter->palette()).text;
    }
    counter->setText(text);
    // Room for any count up to the limit, so that the layout does not move while typing.
    const QString widest = tr("%1 / %2").arg(locale.toString(max), locale.toString(max));
    counter->setMinimumWidth(counter->fontMetrics().horizontalAdvance(widest));
    QPalette pal = counter->palette();
    pal.setColor(QPalette::WindowText, colour.isValid() ? colour : counter->palette().color(QPalette::PlaceholderText));
    counter->setPalette(pal);
}

QLabel *FormDialog::buddyLabel(const QString &text, QWidget *buddy)
{
    auto *label = new QLabel(text, buddy->parentWidget());
    label->setBuddy(buddy);
    return label;
}

QLabel *FormDialog::hintLabel(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setTextFormat(Qt::PlainText);
    label->setWordWrap(true);
    label->setForegroundRole(QPalette::PlaceholderText);
    QFont font = label->font();
    font.setPointSizeF(font.pointSizeF() * 0.9);
    label->setFont(font);
    return label;
}

bool FormDialog::askToDiscard()
{
    if (m_confirm)
        return m_confirm();
    QMessageBox box(QMessageBox::Warning, windowTitle(), tr("Discard your changes?"), QMessageBox::NoButton, this);
    box.setObjectName(u"discardChangesBox"_s);
    box.setInformativeText(tr("What you wrote in this dialog has not been saved."));
    QPushButton *discard = box.addButton(QMessageBox::Discard);
    discard->setObjectName(u"discardButton"_s);
    QPushButton *keep = box.addButton(tr("&Keep Editing"), QMessageBox::RejectRole);
    keep->setObjectName(u"keepEditingButton"_s);
    box.setDefaultButton(keep);
    box.setEscapeButton(keep);
    box.exec();
    return box.clickedButton() == discard;
}

} // namespace Galley
