#include "jsonfindbar.h"

#include "icons.h"

#include <QEvent>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPainter>
#include <QPushButton>
#include <QToolButton>

namespace Galley {

using namespace Qt::StringLiterals;

namespace {

// A theme icon drawn in one colour: the icon themes' dark glyphs vanish on a dark palette.
QIcon tinted(const QString &name, QStyle::StandardPixmap fallback, const QColor &colour)
{
    const QIcon icon = Icons::get(name, fallback);
    if (icon.isNull())
        return icon;
    QIcon result;
    for (int size : { 16, 22, 32 }) {
        QPixmap pixmap = icon.pixmap(size, size);
        QPainter painter(&pixmap);
        painter.setCompositionMode(QPainter::CompositionMode_SourceIn);
        painter.fillRect(pixmap.rect(), colour);
        painter.end();
        result.addPixmap(pixmap);
    }
    return result;
}

} // namespace

JsonFindBar::JsonFindBar(QWidget *parent)
    : QWidget(parent)
    , m_find(new QLineEdit(this))
    , m_count(new QLabel(this))
    , m_previous(new QToolButton(this))
    , m_next(new QToolButton(this))
    , m_case(toggle(u"Aa"_s, tr("Match case"), u"findCase"_s))
    , m_word(toggle(u"W"_s, tr("Whole words only"), u"findWholeWords"_s))
    , m_regex(toggle(u".*"_s, tr("Regular expression"), u"findRegularExpression"_s))
    , m_close(new QToolButton(this))
    , m_replaceRow(new QWidget(this))
    , m_replace(new QLineEdit(m_replaceRow))
    , m_replaceOne(new QPushButton(tr("&Replace"), m_replaceRow))
    , m_replaceAll(new QPushButton(tr("Replace &All"), m_replaceRow))
{
    setObjectName(u"jsonFindBar"_s);
    setAutoFillBackground(true);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 4, 6, 4);
    layout->setSpacing(4);

    auto *findRow = new QHBoxLayout;
    findRow->setSpacing(4);
    m_find->setObjectName(u"findField"_s);
    m_find->setPlaceholderText(tr("Find"));
    m_find->setAccessibleName(tr("Find"));
    m_find->setClearButtonEnabled(true);
    m_find->installEventFilter(this);
    findRow->addWidget(m_find, 1);
    m_count->setObjectName(u"findCount"_s);
    m_count->setMinimumWidth(m_count->fontMetrics().horizontalAdvance(u"10,000+ matches"_s));
    m_count->setForegroundRole(QPalette::PlaceholderText);
    findRow->addWidget(m_count);
    m_previous->setObjectName(u"findPrevious"_s);
    m_previous->setToolTip(tr("Previous match (Shift+F3)"));
    m_previous->setAccessibleName(tr("Previous match"));
    m_previous->setAutoRaise(true);
    m_next->setObjectName(u"findNext"_s);
    m_next->setToolTip(tr("Next match (F3)"));
    m_next->setAccessibleName(tr("Next match"));
    m_next->setAutoRaise(true);
    findRow->addWidget(m_previous);
    findRow->addWidget(m_next);
    findRow->addSpacing(6);
    findRow->addWidget(m_case);
    findRow->addWidget(m_word);
    findRow->addWidget(m_regex);
    findRow->addSpacing(6);
    m_close->setObjectName(u"findClose"_s);
    m_close->setToolTip(tr("Close (Esc)"));
    m_close->setAccessibleName(tr("Close find"));
    m_close->setAutoRaise(true);
    findRow->addWidget(m_close);
    layout->addLayout(findRow);

    auto *replaceRow = new QHBoxLayout(m_replaceRow);
    replaceRow->setContentsMargins(0, 0, 0, 0);
    replaceRow->setSpacing(4);
    m_replace->setObjectName(u"replaceField"_s);
    m_replace->setPlaceholderText(tr("Replace with"));
    m_replace->setAccessibleName(tr("Replace with"));
    m_replace->setClearButtonEnabled(true);
    m_replace->installEventFilter(this);
    replaceRow->addWidget(m_replace, 1);
    m_replaceOne->setObjectName(u"replaceButton"_s);
    m_replaceAll->setObjectName(u"replaceAllButton"_s);
    replaceRow->addWidget(m_replaceOne);
    replaceRow->addWidget(m_replaceAll);
    layout->addWidget(m_replaceRow);
    m_replaceRow->hide();

    connect(m_find, &QLineEdit::textChanged, this, &JsonFindBar::patternChanged);
    for (QToolButton *t : { m_case, m_word, m_regex })
        connect(t, &QToolButton::toggled, this, &JsonFindBar::patternChanged);
    connect(m_previous, &QToolButton::clicked, this, &JsonFindBar::findPreviousRequested);
    connect(m_next, &QToolButton::clicked, this, &JsonFindBar::findNextRequested);
    connect(m_close, &QToolButton::clicked, this, &JsonFindBar::closeRequested);
    connect(m_replaceOne, &QPushButton::clicked, this, &JsonFindBar::replaceRequested);
    connect(m_replaceAll, &QPushButton::clicked, this, &JsonFindBar::replaceAllRequested);
    setMatchInfo(0, 0, false);
    updateIcons();
}

void JsonFindBar::updateIcons()
{
    const QColor colour = palette().color(QPalette::ButtonText);
    m_previous->setIcon(tinted(u"go-up"_s, QStyle::SP_ArrowUp, colour));
    m_next->setIcon(tinted(u"go-down"_s, QStyle::SP_ArrowDown, colour));
    m_close->setIcon(tinted(u"window-close"_s, QStyle::SP_TitleBarCloseButton, colour));
}

JsonFindBar::~JsonFindBar() = default;

QToolButton *JsonFindBar::toggle(const QString &text, const QString &toolTip, const QString &objectName)
{
    auto *button = new QToolButton(this);
    button->setObjectName(objectName);
    button->setText(text);
    button->setCheckable(true);
    button->setAutoRaise(true);
    button->setToolTip(toolTip);
    button->setAccessibleName(toolTip);
    QFont f = button->font();
    f.setBold(true);
    button->setFont(f);
    button->setMinimumWidth(button->fontMetrics().horizontalAdvance(u"Aa"_s) + 12);
    return button;
}

QString JsonFindBar::findText() const
{
    return m_find->text();
}

void JsonFindBar::setFindText(const QString &text)
{
    m_find->setText(text);
}

QString JsonFindBar::replaceText() const
{
    return m_replace->text();
}

bool JsonFindBar::caseSensitive() const
{
    return m_case->isChecked();
}

bool JsonFindBar::wholeWords() const
{
    return m_word->isChecked();
}

bool JsonFindBar::regularExpression() const
{
    return m_regex->isChecked();
}

void JsonFindBar::setReplaceVisible(bool visible)
{
    m_replaceRow->setVisible(visible);
}

bool JsonFindBar::isReplaceVisible() const
{
    return !m_replaceRow->isHidden();
}

void JsonFindBar::setReadOnly(bool readOnly)
{
    m_replaceOne->setEnabled(!readOnly);
    m_replaceAll->setEnabled(!readOnly);
    m_replace->setEnabled(!readOnly);
}

void JsonFindBar::focusFind()
{
    m_find->setFocus(Qt::ShortcutFocusReason);
    m_find->selectAll();
}

void JsonFindBar::setMatchInfo(int current, int total, bool capped)
{
    m_error = false;
    const QLocale locale;
    if (m_find->text().isEmpty())
        m_count->clear();
    else if (total == 0)
        m_count->setText(tr("No matches"));
    else if (capped)
        m_count->setText(tr("%1+ matches").arg(locale.toString(total)));
    else if (current > 0)
        m_count->setText(tr("%1 of %2").arg(locale.toString(current), locale.toString(total)));
    else
        m_count->setText(tr("%n match(es)", nullptr, total));
    m_noMatches = !m_find->text().isEmpty() && total == 0;
    m_count->setToolTip(QString());
    updateFieldStyle();
}

void JsonFindBar::setError(const QString &error)
{
    m_error = true;
    m_noMatches = true;
    m_count->setText(tr("Invalid pattern"));
    m_count->setToolTip(error);
    updateFieldStyle();
}

QString JsonFindBar::matchInfo() const
{
    return m_count->text();
}

void JsonFindBar::updateFieldStyle()
{
    // A find field with no match is tinted, as in most editors.
    QPalette pal = palette();
    if (m_noMatches) {
        const bool dark = pal.color(QPalette::Base).lightnessF() < 0.5;
        pal.setColor(QPalette::Base, dark ? QColor(0x5a, 0x24, 0x27) : QColor(0xfd, 0xe2, 0xe2));
    }
    m_find->setPalette(pal);
    QPalette countPal = palette();
    if (m_error)
        countPal.setColor(QPalette::PlaceholderText, QColor(0xdc, 0x26, 0x26));
    m_count->setPalette(countPal);
}

bool JsonFindBar::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::KeyPress) {
        auto *key = static_cast<QKeyEvent *>(event);
        const bool enter = key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter;
        if (key->key() == Qt::Key_Escape) {
            Q_EMIT closeRequested();
            return true;
        }
        if (enter && watched == m_find) {
            if (key->modifiers() & Qt::ShiftModifier)
                Q_EMIT findPreviousRequested();
            else
                Q_EMIT findNextRequested();
            return true;
        }
        if (enter && watched == m_replace) {
            if (key->modifiers() & Qt::ControlModifier)
                Q_EMIT replaceAllRequested();
            else
                Q_EMIT replaceRequested();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void JsonFindBar::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::ApplicationPaletteChange) {
        // m_find's own palette is derived from ours: recompute it (setPalette on a child
        // does not send us another PaletteChange).
        updateFieldStyle();
        updateIcons();
    }
}

} // namespace Galley
