#include "jsonviewer.h"

#include "syntaxtheme.h"

#include <KSyntaxHighlighting/Definition>
#include <KSyntaxHighlighting/Repository>
#include <KSyntaxHighlighting/SyntaxHighlighter>
#include <KSyntaxHighlighting/Theme>

#include <QEvent>
#include <QFontDatabase>

namespace Galley {

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
        m_highlighter->setDefinition(SyntaxTheme::repository().definitionForName(QStringLiteral("JSON")));
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
    // Judged by the application's palette, not by the one set below.
    const KSyntaxHighlighting::Theme theme = SyntaxTheme::themeFor(this);
    m_highlighter->setTheme(theme);
    m_highlighter->rehighlight();
    setPalette(SyntaxTheme::editorPalette(QWidget::palette(), theme));
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
