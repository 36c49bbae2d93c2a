#include "jsonviewer.h"

#include "statepill.h"

#include <KSyntaxHighlighting/Definition>
#include <KSyntaxHighlighting/Repository>
#include <KSyntaxHighlighting/SyntaxHighlighter>
#include <KSyntaxHighlighting/Theme>

#include <QApplication>
#include <QEvent>
#include <QFontDatabase>

namespace Galley {

namespace {

// Loading the definitions reads a few hundred files: do it once, on first use.
KSyntaxHighlighting::Repository &repository()
{
    static KSyntaxHighlighting::Repository repo;
    return repo;
}

} // namespace

JsonViewer::JsonViewer(QWidget *parent)
    : QPlainTextEdit(parent)
{
    setReadOnly(true);
    setLineWrapMode(QPlainTextEdit::NoWrap);
    setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    document()->setDocumentMargin(8);
    setTabStopDistance(fontMetrics().horizontalAdvance(u' ') * 2);
}

JsonViewer::~JsonViewer() = default;

void JsonViewer::setJson(const QString &json)
{
    if (!m_highlighter) {
        m_highlighter = new KSyntaxHighlighting::SyntaxHighlighter(document());
        m_highlighter->setDefinition(repository().definitionForName(QStringLiteral("JSON")));
        applyTheme();
    }
    setPlainText(json);
}

QString JsonViewer::definitionName() const
{
    if (!m_highlighter || !m_highlighter->definition().isValid())
        return {};
    return m_highlighter->definition().name();
}

void JsonViewer::applyTheme()
{
    if (!m_highlighter || m_applyingTheme)
        return;
    m_applyingTheme = true;
    // Judge light or dark by the application's palette, not by the one set below.
    const bool dark = StatePill::isDark(QApplication::palette(this));
    const KSyntaxHighlighting::Theme theme = repository().defaultTheme(
        dark ? KSyntaxHighlighting::Repository::DarkTheme : KSyntaxHighlighting::Repository::LightTheme);
    m_highlighter->setTheme(theme);
    m_highlighter->rehighlight();

    // The theme's colours are chosen for its own background: use that background.
    QPalette pal = QWidget::palette();
    pal.setColor(QPalette::Base, QColor::fromRgba(theme.editorColor(KSyntaxHighlighting::Theme::BackgroundColor)));
    pal.setColor(QPalette::Text, QColor::fromRgba(theme.textColor(KSyntaxHighlighting::Theme::Normal)));
    pal.setColor(QPalette::Highlight, QColor::fromRgba(theme.editorColor(KSyntaxHighlighting::Theme::TextSelection)));
    pal.setColor(QPalette::HighlightedText, QColor::fromRgba(theme.textColor(KSyntaxHighlighting::Theme::Normal)));
    setPalette(pal);
    m_applyingTheme = false;
}

void JsonViewer::changeEvent(QEvent *event)
{
    QPlainTextEdit::changeEvent(event);
    // A new application palette (light ↔ dark) reaches us as a palette change; so
    // does our own setPalette(), which m_applyingTheme ignores.
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::ApplicationPaletteChange)
        applyTheme();
}

} // namespace Galley
