#include "icons.h"
#include "schemaform_p.h"

#include <QAbstractSpinBox>
#include <QAction>
#include <QApplication>
#include <QCalendarWidget>
#include <QCheckBox>
#include <QComboBox>
#include <QDesktopServices>
#include <QFontDatabase>
#include <QFormLayout>
#include <QFrame>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPainter>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollArea>
#include <QStyleOption>
#include <QTextBrowser>
#include <QTextDocument>
#include <QTimeZone>
#include <QToolButton>
#include <QUrl>
#include <QVBoxLayout>
#include <QWheelEvent>
#include <algorithm>
#include <cmath>
#include <functional>
#include <optional>
#include <vector>

namespace Galley::SchemaFormDetail {

using namespace Qt::StringLiterals;

QIcon formIcon(const QString &name, QStyle::StandardPixmap fallback)
{
    static QHash<QString, QIcon> cache;
    const QString key = QIcon::themeName() + u'/' + name;
    auto it = cache.find(key);
    if (it == cache.end())
        it = cache.insert(key, Icons::get(name, fallback));
    return *it;
}

FieldLabel::FieldLabel(const QString &text, bool required, QWidget *parent)
    : QLabel(text, parent)
    , m_required(required)
{
    setTextFormat(Qt::PlainText);
    setProperty("required", required);
}

int FieldLabel::starWidth() const
{
    return m_required ? fontMetrics().horizontalAdvance(u" *"_s) : 0;
}

QSize FieldLabel::sizeHint() const
{
    return QLabel::sizeHint() + QSize(starWidth(), 0);
}

QSize FieldLabel::minimumSizeHint() const
{
    return QLabel::minimumSizeHint() + QSize(starWidth(), 0);
}

void FieldLabel::paintEvent(QPaintEvent *event)
{
    QLabel::paintEvent(event);
    if (!m_required)
        return;
    const QRect textRect
        = style()->itemTextRect(fontMetrics(), contentsRect(), int(alignment()), isEnabled(), text());
    QPainter painter(this);
    painter.setPen(StatePill::toneFor(kRed, palette()).text);
    painter.drawText(QRect(textRect.right() + 1, textRect.top(), starWidth(), textRect.height()),
                     Qt::AlignLeft | Qt::AlignVCenter, u" *"_s);
}

// "length / max" beside a text field, with room for any count up to max.
QLabel *makeCounter(qsizetype max, QWidget *parent)
{
    QLabel *counter = makeHint(QString(), parent);
    counter->setWordWrap(false);
    counter->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    const QLocale locale;
    counter->setMinimumWidth(counter->fontMetrics().horizontalAdvance(
        SchemaForm::tr("%1 / %2").arg(locale.toString(max), locale.toString(max))));
    return counter;
}

// Quiet while there is room, amber near the limit, red beyond it. The palette is touched only
// when the tone changes (or force, after the application's palette changed).
void showCount(QLabel *counter, qsizetype length, qsizetype max, bool force)
{
    const QLocale locale;
    counter->setText(SchemaForm::tr("%1 / %2").arg(locale.toString(length), locale.toString(max)));
    const int tone = length > max ? 2 : (length * 10 >= max * 9 ? 1 : 0);
    if (!force && counter->property("tone").toInt() == tone)
        return;
    counter->setProperty("tone", tone);
    if (tone == 0) {
        counter->setPalette(QPalette());
        return;
    }
    const QColor colour
        = StatePill::toneFor(tone == 2 ? kRed : kAmber, counter->parentWidget()->palette()).text;
    QPalette pal = counter->palette();
    pal.setColor(QPalette::WindowText, colour);
    pal.setColor(QPalette::PlaceholderText, colour);
    counter->setPalette(pal);
}

QLabel *makeHint(const QString &text, QWidget *parent)
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

void discardWidget(QWidget *w)
{
    if (!w)
        return;
    w->hide();
    w->setParent(nullptr);
    w->deleteLater();
}

void discardItem(QLayoutItem *item)
{
    if (!item)
        return;
    if (QWidget *w = item->widget())
        discardWidget(w);
    delete item;
}

bool hasFocusWithin(const QWidget *w)
{
    const QWidget *f = QApplication::focusWidget();
    return f && w && (f == w || w->isAncestorOf(f));
}

namespace {

// ---------------------------------------------------------------------------------------------
// Widgets

// A combo box that leaves the mouse wheel to the scrolling form unless it has the focus.
class ChoiceCombo : public QComboBox
{
public:
    using QComboBox::QComboBox;

protected:
    void wheelEvent(QWheelEvent *event) override
    {
        if (hasFocus())
            QComboBox::wheelEvent(event);
        else
            event->ignore();
    }
};

// A spin box for JSON numbers: the text is the truth and may be empty (an optional number that
// is not set). Steps respect the bounds and multipleOf; typed values outside the bounds stay, so
// that the validator can say what is wrong with them.
class NumberEdit : public QAbstractSpinBox
{
public:
    NumberEdit(bool integer, QWidget *parent)
        : QAbstractSpinBox(parent)
        , m_integer(integer)
    {
        setAccelerated(true);
        setFocusPolicy(Qt::StrongFocus);
        connect(lineEdit(), &QLineEdit::textEdited, this, [this] {
            if (onEdited)
                onEdited();
        });
    }

    std::function<void()> onEdited;
    std::optional<double> low, high;
    double step = 1;
    bool snap = false;

    QString currentText() const { return lineEdit()->text(); }
    void setCurrentText(const QString &text)
    {
        if (lineEdit()->text() != text)
            lineEdit()->setText(text);
    }
    void setPlaceholderText(const QString &text) { lineEdit()->setPlaceholderText(text); }
    bool isInteger() const { return m_integer; }

    static std::optional<double> parseNumber(const QString &text)
    {
        const QString t = text.trimmed();
        if (t.isEmpty())
            return std::nullopt;
        QLocale locale;
        locale.setNumberOptions(QLocale::RejectGroupSeparator);
        bool ok = false;
        double d = locale.toDouble(t, &ok);
        if (!ok) {
            QLocale c = QLocale::c();
            c.setNumberOptions(QLocale::RejectGroupSeparator);
            d = c.toDouble(t, &ok);
        }
        if (!ok || !std::isfinite(d))
            return std::nullopt;
        return d;
    }
    static std::optional<qint64> parseInteger(const QString &text)
    {
        static const QRegularExpression digits(u"^[+-]?\\d+$"_s);
        const QString t = text.trimmed();
        if (!digits.match(t).hasMatch())
            return std::nullopt;
        bool ok = false;
        const qint64 n = QLocale::c().toLongLong(t, &ok);
        if (!ok)
            return std::nullopt;
        return n;
    }
    std::optional<double> number() const
    {
        if (m_integer) {
            const auto n = parseInteger(currentText());
            return n ? std::optional<double>(double(*n)) : std::nullopt;
        }
        return parseNumber(currentText());
    }
    QString format(double v) const
    {
        if (m_integer)
            return QString::number(qint64(std::llround(v)));
        QLocale locale;
        locale.setNumberOptions(QLocale::OmitGroupSeparator);
        return locale.toString(v, 'f', QLocale::FloatingPointShortest);
    }
    static QString formatJson(const QJsonValue &v, bool integer)
    {
        if (!v.isDouble())
            return {};
        if (integer) {
            const qint64 n = v.toInteger(std::llround(v.toDouble()));
            return QString::number(n);
        }
        QLocale locale;
        locale.setNumberOptions(QLocale::OmitGroupSeparator);
        return locale.toString(v.toDouble(), 'f', QLocale::FloatingPointShortest);
    }

    QSize sizeHint() const override
    {
        ensurePolished();
        const QFontMetrics fm(fontMetrics());
        const int w = fm.horizontalAdvance(u"-000000000.00"_s) + 4;
        QStyleOptionSpinBox opt;
        initStyleOption(&opt);
        return style()->sizeFromContents(QStyle::CT_SpinBox, &opt, QSize(w, lineEdit()->sizeHint().height()),
                                         this);
    }
    QSize minimumSizeHint() const override { return sizeHint(); }

protected:
    QValidator::State validate(QString &input, int &) const override
    {
        const QString s = input.trimmed();
        if (s.isEmpty())
            return QValidator::Acceptable;
        if (m_integer) {
            static const QRegularExpression partial(u"^[+-]?\\d*$"_s);
            if (!partial.match(s).hasMatch())
                return QValidator::Invalid;
            return parseInteger(s) ? QValidator::Acceptable : QValidator::Intermediate;
        }
        static const QRegularExpression partial(u"^[+-]?\\d*([.,]\\d*)?([eE][+-]?\\d*)?$"_s);
        if (!partial.match(s).hasMatch())
            return QValidator::Invalid;
        return parseNumber(s) ? QValidator::Acceptable : QValidator::Intermediate;
    }
    void fixup(QString &) const override { }
    void stepBy(int steps) override
    {
        const std::optional<double> cur = number();
        double v = 0;
        if (!cur)
            v = low ? *low : (high && *high < 0 ? *high : 0.0);
        else if (snap)
            v = (std::round(*cur / step) + steps) * step; // onto the multipleOf grid
        else
            v = *cur + steps * step;
        if (low && v < *low)
            v = *low;
        if (high && v > *high)
            v = *high;
        if (!m_integer) {
            // 0.1 + 0.2 is 0.30000000000000004: keep the decimals of the value and the step.
            const int places = std::max(decimals(step), cur ? decimals(*cur) : 0);
            v = QString::number(v, 'f', places).toDouble();
        }
        lineEdit()->setText(format(v));
        if (onEdited)
            onEdited();
    }
    static int decimals(double x)
    {
        const QString text = QString::number(x, 'f', QLocale::FloatingPointShortest);
        const qsizetype dot = text.indexOf(u'.');
        return dot < 0 ? 0 : int(std::min<qsizetype>(text.size() - dot - 1, 15));
    }
    StepEnabled stepEnabled() const override
    {
        if (isReadOnly())
            return StepNone;
        const std::optional<double> cur = number();
        if (!cur)
            return StepUpEnabled | StepDownEnabled;
        StepEnabled e = StepNone;
        if (!high || *cur < *high)
            e |= StepUpEnabled;
        if (!low || *cur > *low)
            e |= StepDownEnabled;
        return e;
    }
    void wheelEvent(QWheelEvent *event) override
    {
        if (hasFocus())
            QAbstractSpinBox::wheelEvent(event);
        else
            event->ignore();
    }

private:
    bool m_integer;
};

} // namespace

// ---------------------------------------------------------------------------------------------
// Field basics

Field::Field(Form *form, Path path, Sub sub, bool required, QString title)
    : m_form(form)
    , m_path(std::move(path))
    , m_pointer(pointerOf(m_path))
    , m_sub(std::move(sub))
    , m_required(required)
    , m_isItem(!m_path.isEmpty() && m_path.last().isIndex())
    , m_title(std::move(title))
{ }

void Field::registerIn(Form &form)
{
    form.add(this);
}

void Field::commit(const QJsonValue &value, EditKind kind, const QString &what)
{
    m_form->edit(m_path, value, kind, what.isEmpty() ? SchemaForm::tr("Edit %1").arg(m_title) : what);
}

void Field::setLocalProblem(const QString &message)
{
    if (m_localProblem == message)
        return;
    m_localProblem = message;
    setProblems(m_problems);
}

void Field::prepareEditor(QWidget *editor)
{
    editor->setObjectName(u"field:"_s + m_pointer);
    editor->setAccessibleName(showsRequiredMark() ? SchemaForm::tr("%1 (required)").arg(m_title) : m_title);
    const QString desc = description();
    if (!desc.isEmpty())
        editor->setToolTip(desc);
    if (m_sub.s.value(u"readOnly").toBool())
        editor->setEnabled(false);
    updateAccessibleDescription();
    m_form->watch(editor);
}

void Field::updateAccessibleDescription()
{
    QWidget *target = focusTarget();
    if (!target)
        return;
    const QString problems = problemText();
    target->setAccessibleDescription(problems.isEmpty() ? description() : problems);
}

QWidget *Field::makeCell(QWidget *parent, QWidget *editor, bool expanding)
{
    auto *cell = new QWidget(parent);
    auto *v = new QVBoxLayout(cell);
    v->setContentsMargins(0, 0, 0, 0);
    v->setSpacing(2);
    v->addWidget(editor, 0, expanding ? Qt::Alignment() : Qt::AlignLeft);
    m_problemLayout = v;
    m_problemIndex = 1;
    const QString desc = description();
    if (!desc.isEmpty() && !m_isItem)
        v->addWidget(makeHint(desc, cell));
    return cell;
}

void Field::setProblems(const QStringList &messages)
{
    m_problems = messages;
    QStringList all = messages;
    if (!m_localProblem.isEmpty())
        all.prepend(m_localProblem);
    all.removeDuplicates();
    if (all.isEmpty()) {
        if (m_problemLabel)
            m_problemLabel->hide();
        updateAccessibleDescription();
        return;
    }
    if (!m_problemLabel && m_problemLayout) {
        m_problemLabel = new QLabel(m_problemLayout->parentWidget());
        m_problemLabel->setObjectName(u"problem:"_s + m_pointer);
        m_problemLabel->setTextFormat(Qt::PlainText);
        m_problemLabel->setWordWrap(true);
        m_problemLayout->insertWidget(m_problemIndex, m_problemLabel);
        restyle();
    }
    if (m_problemLabel) {
        m_problemLabel->setText(all.join(u'\n'));
        m_problemLabel->show();
    }
    updateAccessibleDescription();
}

QString Field::problemText() const
{
    QStringList all = m_problems;
    if (!m_localProblem.isEmpty())
        all.prepend(m_localProblem);
    all.removeDuplicates();
    return all.join(u'\n');
}

void Field::restyle()
{
    if (!m_problemLabel)
        return;
    QPalette pal = m_problemLabel->palette();
    pal.setColor(QPalette::WindowText, m_form->errorColour());
    m_problemLabel->setPalette(pal);
}

// ---------------------------------------------------------------------------------------------
// Text: single line, e-mail, URI, date and date-time

class TextField : public Field
{
public:
    enum class Mode { Plain, Email, Uri, Date, DateTime };

    TextField(Form *form, Path path, Sub sub, bool required, QString title, Mode mode, QWidget *parent)
        : Field(form, std::move(path), std::move(sub), required, std::move(title))
        , m_mode(mode)
    {
        m_edit = new QLineEdit(parent);
        prepareEditor(m_edit);
        if (m_sub.s.value(u"maxLength").isDouble())
            m_max = qsizetype(m_sub.s.value(u"maxLength").toDouble());
        QWidget *row = m_edit;
        const bool dated = mode == Mode::Date || mode == Mode::DateTime;
        if (dated || m_max) {
            row = new QWidget(parent);
            auto *h = new QHBoxLayout(row);
            h->setContentsMargins(0, 0, 0, 0);
            h->setSpacing(4);
            m_edit->setParent(row);
            h->addWidget(m_edit, dated ? 0 : 1);
            if (dated) {
                auto *button = new QToolButton(row);
                button->setObjectName(u"calendar-button:"_s + m_pointer);
                QIcon icon = formIcon(u"view-calendar"_s);
                if (icon.isNull())
                    icon = formIcon(u"view-calendar-day"_s, QStyle::SP_FileDialogDetailedView);
                button->setIcon(icon);
                button->setAutoRaise(true);
                button->setFocusPolicy(Qt::NoFocus);
                button->setToolTip(SchemaForm::tr("Choose a date (Alt+Down)"));
                button->setAccessibleName(SchemaForm::tr("Choose a date"));
                QObject::connect(button, &QToolButton::clicked, &m_guard, [this] { openCalendar(); });
                h->addWidget(button);
                auto *open = new QAction(m_edit);
                open->setShortcuts({ QKeySequence(Qt::ALT | Qt::Key_Down), QKeySequence(Qt::Key_F4) });
                open->setShortcutContext(Qt::WidgetShortcut);
                m_edit->addAction(open);
                QObject::connect(open, &QAction::triggered, &m_guard, [this] { openCalendar(); });
                const QFontMetrics fm(m_edit->fontMetrics());
                const QString sample = mode == Mode::Date ? u"0000-00-00"_s : u"0000-00-00 00:00:00"_s;
                m_edit->setFixedWidth(fm.horizontalAdvance(sample) + fm.averageCharWidth() * 4);
            }
            if (mode == Mode::DateTime) {
                const QDateTime now = QDateTime::currentDateTime();
                const QString zone = now.timeZoneAbbreviation();
                const int offset = now.offsetFromUtc();
                const QString offsetText = u"UTC%1%2:%3"_s.arg(QChar(offset < 0 ? u'-' : u'+'))
                                               .arg(std::abs(offset) / 3600, 2, 10, QChar(u'0'))
                                               .arg(std::abs(offset) % 3600 / 60, 2, 10, QChar(u'0'));
                auto *zoneLabel = makeHint(
                    zone == offsetText || zone.isEmpty() ? offsetText : u"%1 (%2)"_s.arg(zone, offsetText),
                    row);
                zoneLabel->setObjectName(u"zone:"_s + m_pointer);
                zoneLabel->setWordWrap(false);
                zoneLabel->setToolTip(
                    SchemaForm::tr("Shown in your time zone (%1); saved with its offset from UTC.")
                        .arg(QString::fromUtf8(QTimeZone::systemTimeZoneId())));
                h->addWidget(zoneLabel);
            }
            if (m_max) {
                m_count = makeCounter(*m_max, row);
                m_count->setObjectName(u"count:"_s + m_pointer);
                h->addWidget(m_count);
            }
            if (dated)
                h->addStretch(1);
        }
        switch (mode) {
        case Mode::Email:
            m_edit->setInputMethodHints(Qt::ImhEmailCharactersOnly);
            m_edit->setPlaceholderText(SchemaForm::tr("name@example.com"));
            break;
        case Mode::Uri:
            m_edit->setInputMethodHints(Qt::ImhUrlCharactersOnly);
            m_edit->setPlaceholderText(SchemaForm::tr("https://…"));
            m_open = m_edit->addAction(formIcon(u"open-link"_s, QStyle::SP_DirLinkIcon),
                                       QLineEdit::TrailingPosition);
            m_open->setToolTip(SchemaForm::tr("Open the link"));
            m_open->setVisible(false);
            QObject::connect(m_open, &QAction::triggered, &m_guard,
                             [this] { QDesktopServices::openUrl(QUrl(m_edit->text().trimmed())); });
            break;
        case Mode::Date:
            m_edit->setPlaceholderText(SchemaForm::tr("YYYY-MM-DD"));
            break;
        case Mode::DateTime:
            m_edit->setPlaceholderText(SchemaForm::tr("YYYY-MM-DD HH:MM"));
            break;
        case Mode::Plain:
            break;
        }
        const QJsonArray examples = m_sub.s.value(u"examples").toArray();
        if (!examples.isEmpty() && examples.first().isString())
            m_edit->setPlaceholderText(SchemaForm::tr("e.g. %1").arg(examples.first().toString()));
        m_cell = makeCell(parent, row, !(mode == Mode::Date || mode == Mode::DateTime));
        QObject::connect(m_edit, &QLineEdit::textEdited, &m_guard, [this](const QString &text) {
            updateExtras();
            commit(fromText(text), EditKind::Typing);
        });
        updateExtras();
    }

    QWidget *widget() const override { return m_cell; }
    QWidget *focusTarget() const override { return m_edit; }

    void load(const QJsonValue &v) override
    {
        if (fromText(m_edit->text()) == v)
            return;
        const QString t = toText(v);
        if (t != m_edit->text())
            m_edit->setText(t);
        updateExtras();
    }

    void restyle() override
    {
        Field::restyle();
        updateExtras(true);
    }

private:
    QJsonValue fromText(const QString &text) const
    {
        if (text.isEmpty())
            return m_required ? QJsonValue(QString()) : QJsonValue(QJsonValue::Undefined);
        if (m_mode == Mode::Date) {
            const QString t = text.trimmed();
            if (QDate::fromString(t, Qt::ISODate).isValid())
                return t;
            const QDate local = QLocale().toDate(t, QLocale::ShortFormat);
            if (local.isValid() && local.year() > 999)
                return local.toString(Qt::ISODate);
            return text;
        }
        if (m_mode == Mode::DateTime) {
            const QDateTime dt = parseDateTime(text);
            if (dt.isValid()) {
                const QDateTime withOffset = dt.toOffsetFromUtc(dt.offsetFromUtc());
                return withOffset.toString(dt.time().msec() ? Qt::ISODateWithMs : Qt::ISODate);
            }
            return text;
        }
        return text;
    }

    QString toText(const QJsonValue &v) const
    {
        if (!v.isString())
            return {};
        if (m_mode == Mode::DateTime) {
            const QDateTime dt = parseDateTime(v.toString());
            if (dt.isValid()) {
                const QDateTime local = dt.toLocalTime();
                return local.toString(local.time().second() ? u"yyyy-MM-dd HH:mm:ss"_s
                                                            : u"yyyy-MM-dd HH:mm"_s);
            }
        }
        return v.toString();
    }

    // RFC 3339 ("2026-11-20T10:00:00+01:00", "…Z") or local time as shown ("2026-11-20 10:00").
    static QDateTime parseDateTime(const QString &text)
    {
        QString t = text.trimmed();
        static const QRegularExpression shape(
            u"^\\d{4}-\\d{2}-\\d{2}[Tt ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?([Zz]|[+-]\\d{2}:\\d{2})?$"_s);
        if (!shape.match(t).hasMatch())
            return {};
        t[10] = u'T';
        if (t.endsWith(u'z'))
            t[t.size() - 1] = u'Z';
        QDateTime dt = QDateTime::fromString(t, Qt::ISODateWithMs);
        if (!dt.isValid())
            dt = QDateTime::fromString(t, Qt::ISODate);
        return dt;
    }

    void updateExtras(bool force = false)
    {
        if (m_count)
            showCount(m_count, m_edit->text().size(), *m_max, force);
        if (m_open) {
            const QUrl url(m_edit->text().trimmed(), QUrl::StrictMode);
            m_open->setVisible(url.isValid() && (url.scheme() == u"https"_s || url.scheme() == u"http"_s)
                               && !url.host().isEmpty());
        }
    }

    void openCalendar()
    {
        if (m_popup || !m_edit->isEnabled())
            return;
        auto *popup = new QFrame(m_edit, Qt::Popup);
        popup->setObjectName(u"calendar-popup:"_s + m_pointer);
        popup->setAttribute(Qt::WA_DeleteOnClose);
        popup->setFrameShape(QFrame::StyledPanel);
        auto *layout = new QVBoxLayout(popup);
        layout->setContentsMargins(2, 2, 2, 2);
        auto *calendar = new QCalendarWidget(popup);
        calendar->setObjectName(u"calendar:"_s + m_pointer);
        layout->addWidget(calendar);
        const QString current = m_edit->text().trimmed();
        QDate date = QDate::fromString(current.left(10), Qt::ISODate);
        if (!date.isValid())
            date = QDate::currentDate();
        calendar->setSelectedDate(date);
        const auto choose = [this, popup](QDate d) {
            QString text = d.toString(Qt::ISODate);
            if (m_mode == Mode::DateTime) {
                const QDateTime dt = parseDateTime(fromText(m_edit->text()).toString());
                const QTime time = dt.isValid() ? dt.toLocalTime().time() : QTime(0, 0);
                text += u' ' + time.toString(time.second() ? u"HH:mm:ss"_s : u"HH:mm"_s);
            }
            m_edit->setText(text);
            updateExtras();
            commit(fromText(text), EditKind::Simple, SchemaForm::tr("Choose %1").arg(m_title));
            popup->close();
            m_edit->setFocus(Qt::PopupFocusReason);
        };
        QObject::connect(calendar, &QCalendarWidget::activated, &m_guard, choose);
        QObject::connect(calendar, &QCalendarWidget::clicked, &m_guard, choose);
        m_popup = popup;
        popup->adjustSize();
        popup->move(m_edit->mapToGlobal(QPoint(0, m_edit->height())));
        popup->show();
        calendar->setFocus(Qt::PopupFocusReason);
    }

    Mode m_mode;
    QLineEdit *m_edit = nullptr;
    QLabel *m_count = nullptr;
    QAction *m_open = nullptr;
    QWidget *m_cell = nullptr;
    std::optional<qsizetype> m_max;
    QPointer<QFrame> m_popup;
};

// ---------------------------------------------------------------------------------------------
// Multi-line text, HTML source and Markdown with a live preview

class TextAreaField : public Field
{
public:
    enum class Mode { Plain, Html, Markdown };

    TextAreaField(Form *form, Path path, Sub sub, bool required, QString title, Mode mode, QWidget *parent)
        : Field(form, std::move(path), std::move(sub), required, std::move(title))
    {
        m_edit = new QPlainTextEdit(parent);
        prepareEditor(m_edit);
        m_edit->setTabChangesFocus(true);
        m_edit->setUndoRedoEnabled(false); // the form's stack does it
        if (mode == Mode::Html)
            m_edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
        const int lines = mode == Mode::Markdown ? 10 : 5;
        const QFontMetrics fm(m_edit->font());
        const int height = fm.lineSpacing() * lines + 2 * m_edit->frameWidth()
            + int(m_edit->document()->documentMargin() * 2) + 2;
        m_edit->setFixedHeight(height);
        m_edit->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
        if (m_sub.s.value(u"maxLength").isDouble())
            m_max = qsizetype(m_sub.s.value(u"maxLength").toDouble());

        QWidget *row = m_edit;
        if (mode == Mode::Markdown || m_max) {
            row = new QWidget(parent);
            auto *grid = new QGridLayout(row);
            grid->setContentsMargins(0, 0, 0, 0);
            grid->setHorizontalSpacing(8);
            grid->setVerticalSpacing(2);
            m_edit->setParent(row);
            if (mode == Mode::Markdown) {
                grid->addWidget(makeHint(SchemaForm::tr("Markdown"), row), 0, 0);
                auto *previewCaption = makeHint(SchemaForm::tr("Preview"), row);
                grid->addWidget(previewCaption, 0, 1);
                grid->addWidget(m_edit, 1, 0);
                m_preview = new QTextBrowser(row);
                m_preview->setObjectName(u"preview:"_s + m_pointer);
                m_preview->setAccessibleName(SchemaForm::tr("Preview of %1").arg(m_title));
                m_preview->setOpenLinks(false);
                m_preview->setFocusPolicy(Qt::ClickFocus);
                m_preview->setFixedHeight(height);
                m_preview->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
                m_preview->setBackgroundRole(QPalette::AlternateBase);
                m_preview->viewport()->setBackgroundRole(QPalette::AlternateBase);
                grid->addWidget(m_preview, 1, 1);
                grid->setColumnStretch(0, 1);
                grid->setColumnStretch(1, 1);
                m_previewTimer.setSingleShot(true);
                m_previewTimer.setInterval(120);
                QObject::connect(&m_previewTimer, &QTimer::timeout, &m_guard, [this] { updatePreview(); });
            } else {
                grid->addWidget(m_edit, 0, 0);
            }
            if (m_max) {
                m_count = makeCounter(*m_max, row);
                m_count->setObjectName(u"count:"_s + m_pointer);
                grid->addWidget(m_count, 2, 0);
            }
        }
        m_cell = makeCell(parent, row, true);
        QObject::connect(m_edit, &QPlainTextEdit::textChanged, &m_guard, [this] {
            if (m_loading)
                return;
            updateCount();
            if (m_preview)
                m_previewTimer.start();
            commit(fromText(m_edit->toPlainText()), EditKind::Typing);
        });
        updateCount();
    }

    QWidget *widget() const override { return m_cell; }
    QWidget *focusTarget() const override { return m_edit; }

    void load(const QJsonValue &v) override
    {
        if (fromText(m_edit->toPlainText()) == v)
            return;
        const QString t = v.isString() ? v.toString() : QString();
        if (t != m_edit->toPlainText()) {
            m_loading = true;
            m_edit->setPlainText(t);
            m_loading = false;
        }
        updateCount();
        updatePreview();
    }

    void restyle() override
    {
        Field::restyle();
        updateCount(true);
    }

private:
    QJsonValue fromText(const QString &text) const
    {
        if (text.isEmpty())
            return m_required ? QJsonValue(QString()) : QJsonValue(QJsonValue::Undefined);
        return text;
    }
    void updatePreview()
    {
        if (m_preview) {
            m_previewTimer.stop();
            m_preview->setMarkdown(m_edit->toPlainText());
        }
    }
    void updateCount(bool force = false)
    {
        if (m_count)
            showCount(m_count, m_edit->toPlainText().size(), *m_max, force);
    }

    QPlainTextEdit *m_edit = nullptr;
    QTextBrowser *m_preview = nullptr;
    QLabel *m_count = nullptr;
    QWidget *m_cell = nullptr;
    QTimer m_previewTimer;
    std::optional<qsizetype> m_max;
    bool m_loading = false;
};

// ---------------------------------------------------------------------------------------------
// Numbers

class NumberField : public Field
{
public:
    NumberField(Form *form, Path path, Sub sub, bool required, QString title, bool integer, QWidget *parent)
        : Field(form, std::move(path), std::move(sub), required, std::move(title))
        , m_integer(integer)
    {
        m_edit = new NumberEdit(integer, parent);
        prepareEditor(m_edit);
        const Bounds b = boundsOf(m_sub.s, integer);
        m_edit->low = b.low;
        m_edit->high = b.high;
        m_edit->step = integer ? std::max(1.0, std::round(b.step)) : b.step;
        m_edit->snap = b.multipleOf;
        QLocale locale;
        locale.setNumberOptions(QLocale::OmitGroupSeparator); // "2000 to 2100", years included
        const auto num = [&locale, integer](double v) {
            return integer ? locale.toString(qint64(v))
                           : locale.toString(v, 'f', QLocale::FloatingPointShortest);
        };
        QString placeholder;
        if (b.minimum && b.maximum)
            placeholder = SchemaForm::tr("%1 to %2").arg(num(*b.minimum), num(*b.maximum));
        else if (b.minimum)
            placeholder = b.exclusiveMin ? SchemaForm::tr("more than %1").arg(num(*b.minimum))
                                         : SchemaForm::tr("%1 or more").arg(num(*b.minimum));
        else if (b.maximum)
            placeholder = b.exclusiveMax ? SchemaForm::tr("less than %1").arg(num(*b.maximum))
                                         : SchemaForm::tr("up to %1").arg(num(*b.maximum));
        if (b.multipleOf)
            placeholder = placeholder.isEmpty()
                ? SchemaForm::tr("steps of %1").arg(num(b.step))
                : SchemaForm::tr("%1, steps of %2").arg(placeholder, num(b.step));
        m_edit->setPlaceholderText(placeholder);
        m_cell = makeCell(parent, m_edit, false);
        m_edit->onEdited = [this] {
            edited();
        };
    }

    QWidget *widget() const override { return m_cell; }
    QWidget *focusTarget() const override { return m_edit; }

    void load(const QJsonValue &v) override
    {
        if (current() == v) {
            setLocalProblem({});
            return;
        }
        m_edit->setCurrentText(NumberEdit::formatJson(v, m_integer));
        setLocalProblem({});
    }

private:
    // The value the text stands for; nullopt while it is not a number yet ("-", "1e").
    std::optional<QJsonValue> parsed() const
    {
        const QString text = m_edit->currentText().trimmed();
        if (text.isEmpty())
            return QJsonValue(QJsonValue::Undefined);
        if (m_integer) {
            if (const auto n = NumberEdit::parseInteger(text))
                return QJsonValue(*n);
            return std::nullopt;
        }
        if (const auto d = NumberEdit::parseNumber(text))
            return QJsonValue(*d);
        return std::nullopt;
    }
    QJsonValue current() const
    {
        const auto p = parsed();
        return p ? *p : QJsonValue(QJsonValue::Undefined);
    }
    void edited()
    {
        const auto p = parsed();
        if (!p) {
            setLocalProblem(m_integer ? SchemaForm::tr("Enter a whole number.")
                                      : SchemaForm::tr("Enter a number."));
            return;
        }
        setLocalProblem({});
        commit(*p, EditKind::Typing);
    }

    bool m_integer;
    NumberEdit *m_edit = nullptr;
    QWidget *m_cell = nullptr;
};

// ---------------------------------------------------------------------------------------------
// Booleans

class BoolField : public Field
{
public:
    BoolField(Form *form, Path path, Sub sub, bool required, QString title, QWidget *parent)
        : Field(form, std::move(path), std::move(sub), required, std::move(title))
    {
        m_box = new QCheckBox(showsRequiredMark() ? m_title + u" *"_s : m_title, parent);
        prepareEditor(m_box);
        m_cell = makeCell(parent, m_box, false);
        QObject::connect(m_box, &QCheckBox::clicked, &m_guard, [this](bool on) {
            commit(on, EditKind::Simple,
                   on ? SchemaForm::tr("Tick %1").arg(m_title) : SchemaForm::tr("Untick %1").arg(m_title));
        });
    }

    QWidget *widget() const override { return m_cell; }
    QWidget *focusTarget() const override { return m_box; }
    bool hasOwnLabel() const override { return !m_isItem; }

    void load(const QJsonValue &v) override
    {
        const bool on = v.isBool() ? v.toBool() : m_sub.s.value(u"default").toBool(false);
        if (m_box->isChecked() != on)
            m_box->setChecked(on);
    }

private:
    QCheckBox *m_box = nullptr;
    QWidget *m_cell = nullptr;
};

// ---------------------------------------------------------------------------------------------
// Enumerations: a combo box

class EnumField : public Field
{
public:
    EnumField(Form *form, Path path, Sub sub, bool required, QString title, QWidget *parent)
        : Field(form, std::move(path), std::move(sub), required, std::move(title))
    {
        m_options = form->enumOptions(m_sub);
        m_combo = new ChoiceCombo(parent);
        prepareEditor(m_combo);
        m_combo->setFocusPolicy(Qt::StrongFocus);
        m_combo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
        if (!m_required) {
            m_combo->addItem(SchemaForm::tr("(none)"));
            m_first = 1;
        } else {
            m_combo->setPlaceholderText(SchemaForm::tr("Choose…"));
        }
        for (const Option &o : m_options)
            m_combo->addItem(o.title, QVariant::fromValue(o.value));
        m_cell = makeCell(parent, m_combo, false);
        QObject::connect(m_combo, &QComboBox::activated, &m_guard, [this](int index) {
            commit(valueOf(index), EditKind::Simple, SchemaForm::tr("Choose %1").arg(m_title));
        });
    }

    QWidget *widget() const override { return m_cell; }
    QWidget *focusTarget() const override { return m_combo; }

    void load(const QJsonValue &v) override
    {
        if (m_combo->currentIndex() >= 0 && valueOf(m_combo->currentIndex()) == v
            && !(v.isUndefined() && m_required))
            return;
        // A value the schema does not allow is shown (and kept) as an extra entry.
        if (m_extra >= 0) {
            m_combo->removeItem(m_extra);
            m_extra = -1;
        }
        int index = -1;
        if (v.isUndefined()) {
            index = m_required ? -1 : 0;
        } else {
            for (int i = 0; i < m_options.size(); ++i) {
                if (m_options.at(i).value == v) {
                    index = i + m_first;
                    break;
                }
            }
            if (index < 0) {
                m_combo->addItem(SchemaForm::tr("%1 (not allowed)").arg(displayValue(v)),
                                 QVariant::fromValue(v));
                m_extra = m_combo->count() - 1;
                index = m_extra;
            }
        }
        m_combo->setCurrentIndex(index);
    }

private:
    QJsonValue valueOf(int index) const
    {
        if (index < 0 || index < m_first)
            return QJsonValue(QJsonValue::Undefined);
        return m_combo->itemData(index).value<QJsonValue>();
    }

    QList<Option> m_options;
    ChoiceCombo *m_combo = nullptr;
    QWidget *m_cell = nullptr;
    int m_first = 0;
    int m_extra = -1;
};

// ---------------------------------------------------------------------------------------------
// A constant: shown, not edited

class ConstField : public Field
{
public:
    ConstField(Form *form, Path path, Sub sub, bool required, QString title, QWidget *parent)
        : Field(form, std::move(path), std::move(sub), required, std::move(title))
    {
        m_label = new QLabel(parent);
        m_label->setObjectName(u"field:"_s + m_pointer);
        m_label->setTextFormat(Qt::PlainText);
        m_label->setTextInteractionFlags(Qt::TextSelectableByMouse);
        m_cell = makeCell(parent, m_label, true);
    }

    QWidget *widget() const override { return m_cell; }
    QWidget *focusTarget() const override { return nullptr; }
    void appendFocusChain(QList<QWidget *> &) const override { }

    void load(const QJsonValue &v) override
    {
        const QJsonValue c = m_sub.s.value(u"const");
        m_label->setText(v.isUndefined() || v == c
                             ? displayValue(c)
                             : SchemaForm::tr("%1 (must be %2)").arg(displayValue(v), displayValue(c)));
    }

private:
    QLabel *m_label = nullptr;
    QWidget *m_cell = nullptr;
};

// ---------------------------------------------------------------------------------------------
// Any JSON: where the schema allows anything, where the form cannot follow the schema, and
// where the value does not have the type the schema wants (so that nothing is lost).

class RawJsonField : public Field
{
public:
    RawJsonField(Form *form, Path path, Sub sub, bool required, QString title, const QString &note,
                 QWidget *parent)
        : Field(form, std::move(path), std::move(sub), required, std::move(title))
    {
        m_edit = new QPlainTextEdit(parent);
        prepareEditor(m_edit);
        m_edit->setTabChangesFocus(true);
        m_edit->setUndoRedoEnabled(false);
        m_edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
        const QFontMetrics fm(m_edit->font());
        m_edit->setFixedHeight(fm.lineSpacing() * 3 + 2 * m_edit->frameWidth()
                               + int(m_edit->document()->documentMargin() * 2) + 2);
        m_edit->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
        m_cell = makeCell(parent, m_edit, true);
        auto *hint = makeHint(note.isEmpty() ? SchemaForm::tr("Any JSON value.") : note, m_cell);
        hint->setObjectName(u"raw-note:"_s + m_pointer);
        m_problemLayout->addWidget(hint);
        QObject::connect(m_edit, &QPlainTextEdit::textChanged, &m_guard, [this] {
            if (m_loading)
                return;
            QString error;
            const std::optional<QJsonValue> v = parse(&error);
            if (!v) {
                setLocalProblem(SchemaForm::tr("Not valid JSON yet: %1").arg(error));
                return;
            }
            setLocalProblem({});
            commit(*v, EditKind::Typing);
        });
    }

    QWidget *widget() const override { return m_cell; }
    QWidget *focusTarget() const override { return m_edit; }

    void load(const QJsonValue &v) override
    {
        const std::optional<QJsonValue> shown = parse(nullptr);
        if (shown && *shown == v)
            return;
        m_loading = true;
        m_edit->setPlainText(indentedJson(v));
        m_loading = false;
        setLocalProblem({});
    }

private:
    std::optional<QJsonValue> parse(QString *error) const
    {
        const QString text = m_edit->toPlainText();
        if (text.trimmed().isEmpty())
            return QJsonValue(QJsonValue::Undefined);
        return parseJsonValue(text, error);
    }

    QPlainTextEdit *m_edit = nullptr;
    QWidget *m_cell = nullptr;
    bool m_loading = false;
};

// ---------------------------------------------------------------------------------------------
// Objects: a group box (or no frame for the top level and a chosen branch) with a form of its
// properties. An optional object is a checkable group: ticked means present.

class ObjectField : public Field
{
public:
    ObjectField(Form *form, Path path, Sub sub, bool required, QString title, FieldStyle style,
                QWidget *parent)
        : Field(form, std::move(path), std::move(sub), required, std::move(title))
        , m_style(style)
    {
        const bool framed = style == FieldStyle::Normal || style == FieldStyle::Item;
        m_checkable = framed && !m_required;
        if (framed) {
            m_group = new QGroupBox(showsRequiredMark() ? m_title + u" *"_s : m_title, parent);
            m_group->setObjectName(u"group:"_s + m_pointer);
            m_group->setAccessibleName(showsRequiredMark() ? SchemaForm::tr("%1 (required)").arg(m_title)
                                                           : m_title);
            if (m_checkable) {
                m_group->setCheckable(true);
                m_group->setObjectName(u"field:"_s + m_pointer);
                m_form->watch(m_group);
                QObject::connect(m_group, &QGroupBox::clicked, &m_guard, [this](bool on) { toggled(on); });
            }
            m_box = m_group;
        } else {
            m_box = new QWidget(parent);
            m_box->setObjectName(u"object:"_s + m_pointer);
        }
        m_outer = new QVBoxLayout(m_box);
        if (!framed)
            m_outer->setContentsMargins(0, 0, 0, 0);
        m_outer->setSpacing(6);
        m_problemLayout = m_outer;
        const QString desc = description();
        if (!desc.isEmpty() && style != FieldStyle::Root) {
            auto *hint = makeHint(desc, m_box);
            m_outer->addWidget(hint);
        }
        m_problemIndex = m_outer->count();
        m_body = new QWidget(m_box);
        m_layout = new QFormLayout(m_body);
        m_layout->setContentsMargins(0, 0, 0, 0);
        m_layout->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
        m_layout->setRowWrapPolicy(QFormLayout::WrapLongRows);
        m_layout->setLabelAlignment(Qt::AlignLeft | Qt::AlignTop);
        m_layout->setVerticalSpacing(10);
        m_outer->addWidget(m_body);
        if (m_checkable) {
            m_absent = makeHint(SchemaForm::tr("Not set. Tick the box to add it."), m_box);
            m_outer->addWidget(m_absent);
        }
        m_unknown = makeHint(QString(), m_box);
        m_unknown->setObjectName(u"unknown:"_s + m_pointer);
        m_unknown->hide();
        m_outer->addWidget(m_unknown);
    }

    QWidget *widget() const override { return m_box; }
    bool spansRow() const override { return true; }
    QWidget *focusTarget() const override
    {
        if (m_checkable)
            return m_group;
        for (const Slot &s : m_slots) {
            if (QWidget *w = s.field->focusTarget())
                return w;
        }
        return nullptr;
    }

    void load(const QJsonValue &v) override
    {
        const bool present = v.isObject();
        if (m_checkable && m_group->isChecked() != present)
            m_group->setChecked(present);
        const bool shown = present || !m_checkable;
        if (shown && !m_built)
            build();
        m_body->setVisible(shown);
        if (m_absent)
            m_absent->setVisible(!shown);
        if (!m_built)
            return;
        const QJsonObject obj = v.toObject();
        for (Slot &slot : m_slots) {
            const QJsonValue cv
                = present ? obj.value(slot.path.last().key) : QJsonValue(QJsonValue::Undefined);
            if (std::unique_ptr<Field> old = m_form->refit(slot, cv, m_body))
                replaceRow(slot, std::move(old));
            slot.field->load(cv);
        }
        // Members the schema does not describe stay in the value as they are; say so.
        QStringList unknown;
        const QJsonObject props = m_sub.s.value(u"properties").toObject();
        for (auto it = obj.begin(); it != obj.end(); ++it) {
            if (!props.contains(it.key())
                && !(m_style == FieldStyle::Branch && m_hiddenConsts.contains(it.key())))
                unknown.append(it.key());
        }
        if (unknown.isEmpty()) {
            m_unknown->hide();
        } else {
            m_unknown->setText(
                SchemaForm::tr("Also contains %1, which the schema does not describe; kept as it is.")
                    .arg(QLocale().createSeparatedList(unknown)));
            m_unknown->show();
        }
    }

    void appendFocusChain(QList<QWidget *> &chain) const override
    {
        if (m_checkable)
            chain.append(m_group);
        if (!m_built || !m_body->isVisibleTo(m_box))
            return;
        for (const Slot &s : m_slots)
            s.field->appendFocusChain(chain);
    }

    void registerIn(Form &form) override
    {
        if (m_style == FieldStyle::Normal || m_style == FieldStyle::Item)
            form.add(this);
        if (!m_built || !m_body->isVisibleTo(m_box))
            return;
        for (const Slot &s : m_slots)
            s.field->registerIn(form);
    }

    void restyle() override
    {
        Field::restyle();
        for (const Slot &s : m_slots) {
            if (s.label)
                s.label->update();
            s.field->restyle();
        }
    }

    int labelColumnWidth() const override
    {
        int w = 0;
        for (const Slot &s : m_slots) {
            if (s.label)
                w = std::max(w, s.label->sizeHint().width());
        }
        return w;
    }
    void setLabelColumnWidth(int width) override
    {
        for (const Slot &s : m_slots) {
            if (s.label)
                s.label->setMinimumWidth(width);
        }
    }

    void setGroupTitle(const QString &title)
    {
        m_title = title;
        if (m_group)
            m_group->setTitle(title);
    }

private:
    void build()
    {
        m_built = true;
        m_form->structureDirty = true;
        const QSet<QString> required = requiredOf(m_sub.s);
        const QJsonObject props = m_sub.s.value(u"properties").toObject();
        for (const QString &key : std::as_const(m_sub.order)) {
            Sub childSub = m_form->propertySub(m_sub, key);
            if (childSub.never)
                continue;
            // A chosen branch's discriminator is what the choice above shows.
            if (m_style == FieldStyle::Branch && childSub.s.contains(u"const")) {
                m_hiddenConsts.insert(key);
                continue;
            }
            Slot slot;
            slot.path = child(m_path, key);
            slot.title = childSub.s.value(u"title").toString();
            if (slot.title.isEmpty())
                slot.title = SchemaForm::labelForName(key);
            slot.sub = std::move(childSub);
            slot.required = required.contains(key);
            slot.field = m_form->makeField(slot, m_body);
            m_slots.push_back(std::move(slot));
            insertRow(-1, m_slots.back());
        }
    }

    void insertRow(int row, Slot &slot)
    {
        Field *f = slot.field.get();
        slot.label = nullptr;
        if (f->spansRow()) {
            m_layout->insertRow(row, f->widget());
        } else if (f->hasOwnLabel()) {
            m_layout->insertRow(row, static_cast<QWidget *>(nullptr), f->widget());
        } else {
            slot.label = m_form->makeLabel(f, m_body);
            m_layout->insertRow(row, slot.label, f->widget());
            slot.label->show();
        }
        // A layout shows new widgets only on the next turn of the event loop; the tab order
        // needs them now.
        f->widget()->show();
    }

    void replaceRow(Slot &slot, std::unique_ptr<Field> old)
    {
        int row = -1;
        QFormLayout::ItemRole role;
        m_layout->getWidgetPosition(old->widget(), &row, &role);
        old.reset();
        if (row >= 0) {
            const QFormLayout::TakeRowResult taken = m_layout->takeRow(row);
            discardItem(taken.labelItem);
            discardItem(taken.fieldItem);
        }
        insertRow(row, slot);
        slot.field->widget()->show();
        m_form->structureDirty = true;
    }

    void toggled(bool on)
    {
        QJsonValue v(QJsonValue::Undefined);
        if (on) {
            v = m_form->defaultFor(m_sub, false);
            if (!v.isObject())
                v = QJsonObject();
        }
        commit(v, EditKind::Structural,
               on ? SchemaForm::tr("Add %1").arg(m_title) : SchemaForm::tr("Remove %1").arg(m_title));
    }

    FieldStyle m_style;
    bool m_checkable = false;
    bool m_built = false;
    QGroupBox *m_group = nullptr;
    QWidget *m_box = nullptr;
    QVBoxLayout *m_outer = nullptr;
    QWidget *m_body = nullptr;
    QFormLayout *m_layout = nullptr;
    QLabel *m_absent = nullptr;
    QLabel *m_unknown = nullptr;
    std::vector<Slot> m_slots;
    QSet<QString> m_hiddenConsts;
};

// ---------------------------------------------------------------------------------------------
// Lists: one editor per item with Move up / Move down / Remove, and Add at the end

class ArrayField : public Field
{
public:
    ArrayField(Form *form, Path path, Sub sub, bool required, QString title, QWidget *parent)
        : Field(form, std::move(path), std::move(sub), required, std::move(title))
    {
        m_itemSub = m_form->resolve(m_sub.s.value(u"items"), m_sub.at(u"items"_s));
        const Kind itemKind = m_form->classify(m_itemSub);
        m_framedItems = itemKind == Kind::Object;
        if (itemKind == Kind::Choice) {
            const QList<Branch> bs = m_form->branches(m_itemSub);
            m_framedItems = std::any_of(bs.cbegin(), bs.cend(), [this](const Branch &b) {
                return m_form->classify(b.sub) == Kind::Object;
            });
        }
        m_noun = m_itemSub.s.value(u"title").toString();
        if (m_noun.isEmpty())
            m_noun = singular(m_title);
        if (m_sub.s.value(u"maxItems").isDouble())
            m_maxItems = qsizetype(m_sub.s.value(u"maxItems").toDouble());

        if (m_framedItems) {
            m_group = new QGroupBox(showsRequiredMark() ? m_title + u" *"_s : m_title, parent);
            m_group->setObjectName(u"group:"_s + m_pointer);
            m_box = m_group;
        } else {
            m_box = new QWidget(parent);
        }
        m_outer = new QVBoxLayout(m_box);
        if (!m_framedItems)
            m_outer->setContentsMargins(0, 0, 0, 0);
        m_outer->setSpacing(4);
        m_problemLayout = m_outer;
        const QString desc = description();
        if (m_framedItems && !desc.isEmpty())
            m_outer->addWidget(makeHint(desc, m_box));
        m_problemIndex = m_outer->count();
        m_rows = new QVBoxLayout;
        m_rows->setContentsMargins(0, 0, 0, 0);
        m_rows->setSpacing(m_framedItems ? 8 : 4);
        m_outer->addLayout(m_rows);
        m_empty = makeHint(SchemaForm::tr("No items yet."), m_box);
        m_empty->setObjectName(u"empty:"_s + m_pointer);
        m_outer->addWidget(m_empty);
        auto *addRow = new QHBoxLayout;
        addRow->setContentsMargins(0, 0, 0, 0);
        m_add = new QPushButton(formIcon(u"list-add"_s, QStyle::SP_FileDialogNewFolder),
                                SchemaForm::tr("Add %1").arg(lowerNoun(m_noun)), m_box);
        m_add->setObjectName(u"add:"_s + m_pointer);
        m_add->setAccessibleName(SchemaForm::tr("Add %1 to %2").arg(lowerNoun(m_noun), m_title));
        m_form->watch(m_add);
        QObject::connect(m_add, &QPushButton::clicked, &m_guard, [this] { add(); });
        addRow->addWidget(m_add);
        addRow->addStretch(1);
        m_outer->addLayout(addRow);
        if (!m_framedItems && !desc.isEmpty())
            m_outer->addWidget(makeHint(desc, m_box));
    }

    QWidget *widget() const override { return m_box; }
    bool spansRow() const override { return m_framedItems; }
    QWidget *focusTarget() const override
    {
        for (const Row &r : m_items) {
            if (QWidget *w = r.slot.field->focusTarget())
                return w;
        }
        return m_add;
    }

    void load(const QJsonValue &v) override
    {
        const QJsonArray a = v.toArray();
        const qsizetype n = a.size();
        while (qsizetype(m_items.size()) > n)
            removeLastRow();
        while (qsizetype(m_items.size()) < n)
            appendRow();
        for (qsizetype i = 0; i < n; ++i) {
            Row &r = m_items[size_t(i)];
            const QJsonValue iv = a.at(i);
            if (std::unique_ptr<Field> old = m_form->refit(r.slot, iv, r.widget)) {
                delete r.layout->replaceWidget(old->widget(), r.slot.field->widget());
                QWidget *oldWidget = old->widget();
                old.reset();
                discardWidget(oldWidget);
                r.slot.field->widget()->show();
                m_form->structureDirty = true;
            }
            r.slot.field->load(iv);
            r.up->setEnabled(i > 0);
            r.down->setEnabled(i < n - 1);
        }
        m_empty->setVisible(n == 0);
        m_add->setEnabled(!m_maxItems || n < *m_maxItems);
        m_add->setToolTip(m_add->isEnabled()
                              ? QString()
                              : SchemaForm::tr("This list holds at most %1 items.").arg(*m_maxItems));
    }

    void appendFocusChain(QList<QWidget *> &chain) const override
    {
        for (const Row &r : m_items) {
            r.slot.field->appendFocusChain(chain);
            chain.append(r.up);
            chain.append(r.down);
            chain.append(r.remove);
        }
        chain.append(m_add);
    }

    void registerIn(Form &form) override
    {
        form.add(this);
        for (const Row &r : m_items)
            r.slot.field->registerIn(form);
    }

    void restyle() override
    {
        Field::restyle();
        for (const Row &r : m_items)
            r.slot.field->restyle();
    }

private:
    struct Row
    {
        QWidget *widget = nullptr;
        QHBoxLayout *layout = nullptr;
        Slot slot;
        QToolButton *up = nullptr;
        QToolButton *down = nullptr;
        QToolButton *remove = nullptr;
    };

    QToolButton *makeButton(QWidget *parent, const QString &icon, QStyle::StandardPixmap fallback,
                            const QString &name, const QString &tip)
    {
        auto *b = new QToolButton(parent);
        b->setObjectName(name);
        b->setIcon(formIcon(icon, fallback));
        b->setAutoRaise(true);
        b->setToolTip(tip);
        b->setAccessibleName(tip);
        m_form->watch(b);
        return b;
    }

    void appendRow()
    {
        const qsizetype i = qsizetype(m_items.size());
        Row r;
        r.widget = new QWidget(m_box);
        r.layout = new QHBoxLayout(r.widget);
        r.layout->setContentsMargins(0, 0, 0, 0);
        r.layout->setSpacing(2);
        r.slot.path = item(m_path, i);
        r.slot.sub = m_itemSub;
        r.slot.required = true;
        r.slot.style = FieldStyle::Item;
        r.slot.title = SchemaForm::tr("%1 %2").arg(m_noun).arg(i + 1);
        r.slot.field = m_form->makeField(r.slot, r.widget);
        r.layout->addWidget(r.slot.field->widget(), 1);
        const QString itemPointer = pointerOf(r.slot.path);
        const QString &t = r.slot.title;
        r.up = makeButton(r.widget, u"go-up"_s, QStyle::SP_ArrowUp, u"up:"_s + itemPointer,
                          SchemaForm::tr("Move %1 up").arg(t));
        r.down = makeButton(r.widget, u"go-down"_s, QStyle::SP_ArrowDown, u"down:"_s + itemPointer,
                            SchemaForm::tr("Move %1 down").arg(t));
        r.remove = makeButton(r.widget, u"list-remove"_s, QStyle::SP_DialogDiscardButton,
                              u"remove:"_s + itemPointer, SchemaForm::tr("Remove %1").arg(t));
        auto *buttons = m_framedItems ? static_cast<QBoxLayout *>(new QVBoxLayout) : new QHBoxLayout;
        buttons->setContentsMargins(0, m_framedItems ? 8 : 0, 0, 0);
        buttons->setSpacing(0);
        buttons->addWidget(r.up);
        buttons->addWidget(r.down);
        buttons->addWidget(r.remove);
        if (m_framedItems)
            buttons->addStretch(1);
        r.layout->addLayout(buttons);
        r.layout->setAlignment(buttons, Qt::AlignTop);
        QObject::connect(r.up, &QToolButton::clicked, &m_guard, [this, i] { move(i, -1); });
        QObject::connect(r.down, &QToolButton::clicked, &m_guard, [this, i] { move(i, +1); });
        QObject::connect(r.remove, &QToolButton::clicked, &m_guard, [this, i] { remove(i); });
        m_rows->addWidget(r.widget);
        r.widget->show();
        m_items.push_back(std::move(r));
        m_form->structureDirty = true;
    }

    void removeLastRow()
    {
        Row r = std::move(m_items.back());
        m_items.pop_back();
        r.slot.field.reset();
        m_rows->removeWidget(r.widget);
        discardWidget(r.widget);
        m_form->structureDirty = true;
    }

    QJsonArray current() const { return m_form->valueAt(m_path).toArray(); }

    void add()
    {
        QJsonArray a = current();
        a.append(m_form->defaultFor(m_itemSub, true));
        commit(a, EditKind::Structural, SchemaForm::tr("Add %1").arg(lowerNoun(m_noun)));
        if (!m_items.empty()) {
            const Row &last = m_items.back();
            QWidget *target = last.slot.field->focusTarget();
            if (target) {
                target->setFocus(Qt::OtherFocusReason);
                m_form->scroll->ensureWidgetVisible(last.widget);
            }
        }
    }

    void remove(qsizetype i)
    {
        QJsonArray a = current();
        if (i >= a.size())
            return;
        const QString what = m_items[size_t(i)].slot.title;
        a.removeAt(i);
        commit(a, EditKind::Structural, SchemaForm::tr("Remove %1").arg(what));
        if (i < qsizetype(m_items.size()))
            m_items[size_t(i)].remove->setFocus(Qt::OtherFocusReason);
        else if (!m_items.empty())
            m_items.back().remove->setFocus(Qt::OtherFocusReason);
        else
            m_add->setFocus(Qt::OtherFocusReason);
    }

    void move(qsizetype i, int delta)
    {
        QJsonArray a = current();
        const qsizetype j = i + delta;
        if (i >= a.size() || j < 0 || j >= a.size())
            return;
        const QJsonValue moved = a.at(i);
        a.replace(i, a.at(j));
        a.replace(j, moved);
        commit(a, EditKind::Structural,
               delta < 0 ? SchemaForm::tr("Move %1 up").arg(m_items[size_t(i)].slot.title)
                         : SchemaForm::tr("Move %1 down").arg(m_items[size_t(i)].slot.title));
        // Keep the keyboard on the same button of the moved item, so that it can move on.
        if (j < qsizetype(m_items.size())) {
            const Row &r = m_items[size_t(j)];
            QToolButton *same = delta < 0 ? r.up : r.down;
            QToolButton *other = delta < 0 ? r.down : r.up;
            (same->isEnabled() ? same : other)->setFocus(Qt::OtherFocusReason);
        }
    }

    Sub m_itemSub;
    bool m_framedItems = false;
    QString m_noun;
    std::optional<qsizetype> m_maxItems;
    QGroupBox *m_group = nullptr;
    QWidget *m_box = nullptr;
    QVBoxLayout *m_outer = nullptr;
    QVBoxLayout *m_rows = nullptr;
    QLabel *m_empty = nullptr;
    QPushButton *m_add = nullptr;
    std::vector<Row> m_items;
};

// ---------------------------------------------------------------------------------------------
// A list of distinct values from an enumeration: check boxes

class MultiEnumField : public Field
{
public:
    MultiEnumField(Form *form, Path path, Sub sub, bool required, QString title, QWidget *parent)
        : Field(form, std::move(path), std::move(sub), required, std::move(title))
    {
        const Sub itemSub = m_form->resolve(m_sub.s.value(u"items"), m_sub.at(u"items"_s));
        m_options = m_form->enumOptions(itemSub);
        auto *box = new QWidget(parent);
        box->setObjectName(u"field:"_s + m_pointer);
        box->setAccessibleName(m_title);
        auto *grid = new QGridLayout(box);
        grid->setContentsMargins(0, 0, 0, 0);
        grid->setHorizontalSpacing(16);
        const int columns = m_options.size() > 6 ? 3 : (m_options.size() > 3 ? 2 : 1);
        const int perColumn = int((m_options.size() + columns - 1) / columns);
        for (int i = 0; i < m_options.size(); ++i) {
            auto *check = new QCheckBox(m_options.at(i).title, box);
            check->setObjectName(u"option:"_s + m_pointer + u'/' + QString::number(i));
            m_form->watch(check);
            grid->addWidget(check, i % perColumn, i / perColumn);
            QObject::connect(check, &QCheckBox::clicked, &m_guard, [this, i](bool on) { toggle(i, on); });
            m_checks.append(check);
        }
        m_cell = makeCell(parent, box, false);
        m_extra = makeHint(QString(), m_cell);
        m_extra->hide();
        m_problemLayout->addWidget(m_extra);
    }

    QWidget *widget() const override { return m_cell; }
    QWidget *focusTarget() const override { return m_checks.isEmpty() ? nullptr : m_checks.first(); }
    void appendFocusChain(QList<QWidget *> &chain) const override
    {
        for (QCheckBox *c : m_checks)
            chain.append(c);
    }

    void load(const QJsonValue &v) override
    {
        const QJsonArray a = v.toArray();
        for (int i = 0; i < m_options.size(); ++i)
            m_checks.at(i)->setChecked(a.contains(m_options.at(i).value));
        QStringList extra;
        for (const QJsonValue &x : a) {
            const bool known = std::any_of(m_options.cbegin(), m_options.cend(),
                                           [&x](const Option &o) { return o.value == x; });
            if (!known)
                extra.append(displayValue(x));
        }
        m_extra->setVisible(!extra.isEmpty());
        m_extra->setText(SchemaForm::tr("Also contains %1, which is not one of the choices; kept as it is.")
                             .arg(QLocale().createSeparatedList(extra)));
    }

private:
    void toggle(int i, bool on)
    {
        QJsonArray a = m_form->valueAt(m_path).toArray();
        const QJsonValue v = m_options.at(i).value;
        if (on) {
            if (!a.contains(v))
                a.append(v);
        } else {
            for (qsizetype k = a.size() - 1; k >= 0; --k) {
                if (a.at(k) == v)
                    a.removeAt(k);
            }
        }
        commit(a, EditKind::Simple,
               on ? SchemaForm::tr("Tick %1").arg(m_options.at(i).title)
                  : SchemaForm::tr("Untick %1").arg(m_options.at(i).title));
    }

    QList<Option> m_options;
    QList<QCheckBox *> m_checks;
    QWidget *m_cell = nullptr;
    QLabel *m_extra = nullptr;
};

// ---------------------------------------------------------------------------------------------
// oneOf / anyOf: a choice of branch that swaps the sub-form. Switching keeps what the new branch
// describes too, keeps members no branch describes, and drops the members only the branch left
// behind describes.

class ChoiceField : public Field
{
public:
    ChoiceField(Form *form, Path path, Sub sub, bool required, QString title, FieldStyle style,
                QWidget *parent)
        : Field(form, std::move(path), std::move(sub), required, std::move(title))
    {
        m_branches = m_form->branches(m_sub);
        m_framed = std::any_of(m_branches.cbegin(), m_branches.cend(),
                               [this](const Branch &b) { return m_form->classify(b.sub) == Kind::Object; });
        m_combo = new ChoiceCombo(parent);
        prepareEditor(m_combo);
        m_combo->setObjectName(u"choice:"_s + m_pointer);
        m_combo->setFocusPolicy(Qt::StrongFocus);
        m_combo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
        if (!m_required) {
            m_combo->addItem(SchemaForm::tr("(none)"), -1);
        } else {
            m_combo->setPlaceholderText(SchemaForm::tr("Choose…"));
        }
        for (int i = 0; i < m_branches.size(); ++i)
            m_combo->addItem(m_branches.at(i).title, i);
        QObject::connect(m_combo, &QComboBox::activated, &m_guard, [this](int index) { pick(index); });

        if (m_framed) {
            if (style == FieldStyle::Root) {
                m_box = new QWidget(parent);
            } else {
                m_group = new QGroupBox(showsRequiredMark() ? m_title + u" *"_s : m_title, parent);
                m_group->setObjectName(u"group:"_s + m_pointer);
                m_box = m_group;
            }
            m_outer = new QVBoxLayout(m_box);
            if (!m_group)
                m_outer->setContentsMargins(0, 0, 0, 0);
            m_outer->setSpacing(6);
            m_problemLayout = m_outer;
            if (!description().isEmpty())
                m_outer->addWidget(makeHint(description(), m_box));
            m_problemIndex = m_outer->count();
            auto *lead = new QFormLayout;
            lead->setContentsMargins(0, 0, 0, 0);
            lead->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
            lead->setLabelAlignment(Qt::AlignLeft | Qt::AlignTop);
            m_leadLabel = new QLabel(SchemaForm::tr("Kind:"), m_box);
            m_leadLabel->setBuddy(m_combo);
            m_leadLabel->setContentsMargins(0, m_form->labelPad, 0, 0);
            m_combo->setParent(m_box);
            auto *comboRow = new QHBoxLayout;
            comboRow->addWidget(m_combo);
            comboRow->addStretch(1);
            lead->addRow(m_leadLabel, comboRow);
            m_outer->addLayout(lead);
            m_anchor = lead;
        } else {
            m_box = new QWidget(parent);
            m_outer = new QVBoxLayout(m_box);
            m_outer->setContentsMargins(0, 0, 0, 0);
            m_outer->setSpacing(4);
            m_combo->setParent(m_box);
            auto *comboRow = new QHBoxLayout;
            comboRow->addWidget(m_combo);
            comboRow->addStretch(1);
            m_outer->addLayout(comboRow);
            m_problemLayout = m_outer;
            m_problemIndex = 1;
            m_anchor = comboRow;
            if (!description().isEmpty())
                m_outer->addWidget(makeHint(description(), m_box));
        }
    }

    QWidget *widget() const override { return m_box; }
    bool spansRow() const override { return m_framed; }
    QWidget *focusTarget() const override { return m_combo; }

    void load(const QJsonValue &v) override
    {
        const int b = detect(v);
        if (b != m_current || (b >= 0 && !m_slot.field))
            setBranch(b);
        const int comboIndex = b < 0 ? (m_required ? -1 : 0) : b + (m_required ? 0 : 1);
        if (m_combo->currentIndex() != comboIndex)
            m_combo->setCurrentIndex(comboIndex);
        if (!m_slot.field)
            return;
        if (std::unique_ptr<Field> old = m_form->refit(m_slot, v, m_box))
            swapChild(std::move(old));
        m_slot.field->load(v);
    }

    void appendFocusChain(QList<QWidget *> &chain) const override
    {
        chain.append(m_combo);
        if (m_slot.field)
            m_slot.field->appendFocusChain(chain);
    }

    void registerIn(Form &form) override
    {
        // The branch's own fields; the choice stands for the pointer they share.
        if (m_slot.field)
            m_slot.field->registerIn(form);
        form.add(this);
    }

    QString chosenBranchLocation() const override
    {
        return m_current >= 0 && m_current < m_branches.size() ? m_branches.at(m_current).location
                                                               : QString();
    }

    void restyle() override
    {
        Field::restyle();
        if (m_slot.field)
            m_slot.field->restyle();
    }

private:
    // Which branch the value is in: the user's choice while the value still fits it, else the
    // branch it matches best (const discriminators first, then the members it has).
    int detect(const QJsonValue &v) const
    {
        const int chosen = m_form->choices.value(m_pointer, kNoEntry);
        if (v.isUndefined())
            return -1;
        if (chosen >= 0 && chosen < m_branches.size() && score(v, chosen) > -1000)
            return chosen;
        int best = -1;
        int bestScore = -1000;
        for (int i = 0; i < m_branches.size(); ++i) {
            const int s = score(v, i);
            if (s > bestScore) {
                best = i;
                bestScore = s;
            }
        }
        return best < 0 && !m_branches.isEmpty() ? 0 : best;
    }

    int score(const QJsonValue &v, int i) const
    {
        const Sub &b = m_branches.at(i).sub;
        if (!m_form->fits(b, v))
            return -1000;
        if (!v.isObject())
            return 0;
        const QJsonObject obj = v.toObject();
        const QJsonObject props = b.s.value(u"properties").toObject();
        int s = 0;
        for (auto it = props.begin(); it != props.end(); ++it) {
            const QJsonObject p = m_form->propertySub(b, it.key()).s;
            if (p.contains(u"const") && obj.contains(it.key())) {
                if (obj.value(it.key()) != p.value(u"const"))
                    return -1000;
                s += 10;
            }
        }
        for (auto it = obj.begin(); it != obj.end(); ++it) {
            if (props.contains(it.key()))
                s += 1;
            else if (describedByOthers(it.key(), i))
                s -= 3;
        }
        return s;
    }

    bool describedByOthers(const QString &key, int except) const
    {
        for (int k = 0; k < m_branches.size(); ++k) {
            if (k != except && m_branches.at(k).sub.s.value(u"properties").toObject().contains(key))
                return true;
        }
        return false;
    }

    QJsonValue switched(const QJsonValue &cur, int to) const
    {
        const Sub &b = m_branches.at(to).sub;
        const QJsonValue def = m_form->defaultFor(b, true);
        if (!cur.isObject() || !def.isObject())
            return def;
        QJsonObject out = def.toObject();
        const QJsonObject old = cur.toObject();
        const QJsonObject props = b.s.value(u"properties").toObject();
        for (auto it = old.begin(); it != old.end(); ++it) {
            const QString &key = it.key();
            if (props.contains(key)) {
                const Sub p = m_form->propertySub(b, key);
                if (!p.s.contains(u"const") && m_form->fits(p, it.value()))
                    out.insert(key, it.value());
            } else if (!describedByOthers(key, to)) {
                out.insert(key, it.value()); // no branch describes it: not ours to drop
            }
        }
        return out;
    }

    void pick(int comboIndex)
    {
        const int b = m_combo->itemData(comboIndex).isValid() ? m_combo->itemData(comboIndex).toInt() : -1;
        if (b == m_current)
            return;
        const QJsonValue v = b < 0 ? QJsonValue(QJsonValue::Undefined) : switched(m_form->valueAt(m_path), b);
        m_form->edit(m_path, v, EditKind::Structural,
                     b < 0 ? SchemaForm::tr("Clear %1").arg(m_title)
                           : SchemaForm::tr("Choose %1 for %2").arg(m_branches.at(b).title, m_title),
                     b);
    }

    void setBranch(int b)
    {
        m_current = b;
        if (m_slot.field) {
            QWidget *old = m_slot.field->widget();
            m_slot.field.reset();
            m_outer->removeWidget(old);
            discardWidget(old);
        }
        m_form->structureDirty = true;
        if (b < 0)
            return;
        const Branch &branch = m_branches.at(b);
        m_slot.path = m_path;
        m_slot.sub = branch.sub;
        m_slot.required = true;
        m_slot.raw = false;
        m_slot.title = m_framed ? m_title : SchemaForm::tr("%1 (%2)").arg(m_title, branch.title);
        m_slot.style = m_form->classify(branch.sub) == Kind::Object ? FieldStyle::Branch : FieldStyle::Item;
        m_slot.field = m_form->makeField(m_slot, m_box);
        m_outer->insertWidget(m_outer->indexOf(m_anchor) + 1, m_slot.field->widget());
        m_slot.field->widget()->show();
        alignLabels();
    }

    void swapChild(std::unique_ptr<Field> old)
    {
        QWidget *oldWidget = old->widget();
        old.reset();
        m_outer->removeWidget(oldWidget);
        discardWidget(oldWidget);
        m_outer->insertWidget(m_outer->indexOf(m_anchor) + 1, m_slot.field->widget());
        m_slot.field->widget()->show();
        m_form->structureDirty = true;
    }

    // The "Kind" row and the branch's rows share one label column width.
    void alignLabels()
    {
        if (!m_leadLabel || !m_slot.field)
            return;
        m_leadLabel->setMinimumWidth(0);
        const int w = std::max(m_leadLabel->sizeHint().width(), m_slot.field->labelColumnWidth());
        m_leadLabel->setMinimumWidth(w);
        m_slot.field->setLabelColumnWidth(w);
    }

    QList<Branch> m_branches;
    bool m_framed = false;
    ChoiceCombo *m_combo = nullptr;
    QGroupBox *m_group = nullptr;
    QWidget *m_box = nullptr;
    QVBoxLayout *m_outer = nullptr;
    QLabel *m_leadLabel = nullptr;
    QLayout *m_anchor = nullptr;
    int m_current = -1;
    Slot m_slot;
};

// ---------------------------------------------------------------------------------------------
// Form: fields

std::unique_ptr<Field> Form::makeField(Slot &slot, QWidget *parent)
{
    slot.raw = false;
    const Kind kind = slot.path.size() > kMaxDepth * 2 ? Kind::Raw : classify(slot.sub);
    using TM = TextField::Mode;
    using AM = TextAreaField::Mode;
    const auto text = [&](TM mode) {
        return std::make_unique<TextField>(this, slot.path, slot.sub, slot.required, slot.title, mode,
                                           parent);
    };
    const auto area = [&](AM mode) {
        return std::make_unique<TextAreaField>(this, slot.path, slot.sub, slot.required, slot.title, mode,
                                               parent);
    };
    switch (kind) {
    case Kind::Const:
        return std::make_unique<ConstField>(this, slot.path, slot.sub, slot.required, slot.title, parent);
    case Kind::Enum:
        return std::make_unique<EnumField>(this, slot.path, slot.sub, slot.required, slot.title, parent);
    case Kind::Choice:
        return std::make_unique<ChoiceField>(this, slot.path, slot.sub, slot.required, slot.title, slot.style,
                                             parent);
    case Kind::Object:
        return std::make_unique<ObjectField>(this, slot.path, slot.sub, slot.required, slot.title, slot.style,
                                             parent);
    case Kind::Array:
        return std::make_unique<ArrayField>(this, slot.path, slot.sub, slot.required, slot.title, parent);
    case Kind::MultiEnum:
        return std::make_unique<MultiEnumField>(this, slot.path, slot.sub, slot.required, slot.title, parent);
    case Kind::Text:
        return text(TM::Plain);
    case Kind::Email:
        return text(TM::Email);
    case Kind::Uri:
        return text(TM::Uri);
    case Kind::Date:
        return text(TM::Date);
    case Kind::DateTime:
        return text(TM::DateTime);
    case Kind::TextArea:
        return area(slot.sub.s.value(u"contentMediaType").toString() == u"text/html"_s ? AM::Html
                                                                                       : AM::Plain);
    case Kind::Markdown:
        return area(AM::Markdown);
    case Kind::Integer:
        return std::make_unique<NumberField>(this, slot.path, slot.sub, slot.required, slot.title, true,
                                             parent);
    case Kind::Number:
        return std::make_unique<NumberField>(this, slot.path, slot.sub, slot.required, slot.title, false,
                                             parent);
    case Kind::Boolean:
        return std::make_unique<BoolField>(this, slot.path, slot.sub, slot.required, slot.title, parent);
    case Kind::Raw:
        break;
    }
    QString note = slot.sub.note;
    if (note.isEmpty() && !slot.sub.s.isEmpty())
        note = SchemaForm::tr("Edited as JSON: the form has no editor for what the schema allows here.");
    return std::make_unique<RawJsonField>(this, slot.path, slot.sub, slot.required, slot.title, note, parent);
}

std::unique_ptr<Field> Form::makeRaw(Slot &slot, QWidget *parent, const QString &note)
{
    slot.raw = true;
    return std::make_unique<RawJsonField>(this, slot.path, slot.sub, slot.required, slot.title, note, parent);
}

} // namespace Galley::SchemaFormDetail
