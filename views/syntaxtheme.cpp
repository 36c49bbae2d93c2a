#include "syntaxtheme.h"

#include "statepill.h"

#include <KSyntaxHighlighting/Repository>

#include <QApplication>

namespace Galley::SyntaxTheme {

KSyntaxHighlighting::Repository &repository()
{
    static KSyntaxHighlighting::Repository repo;
    return repo;
}

bool isDark(const QWidget *widget)
{
    return StatePill::isDark(QApplication::palette(widget));
}

KSyntaxHighlighting::Theme themeFor(const QWidget *widget)
{
    return repository().defaultTheme(isDark(widget) ? KSyntaxHighlighting::Repository::DarkTheme
                                                    : KSyntaxHighlighting::Repository::LightTheme);
}

QColor editorColor(const KSyntaxHighlighting::Theme &theme, KSyntaxHighlighting::Theme::EditorColorRole role)
{
    return QColor::fromRgba(theme.editorColor(role));
}

QPalette editorPalette(const QPalette &base, const KSyntaxHighlighting::Theme &theme)
{
    using KSyntaxHighlighting::Theme;
    QPalette pal = base;
    const QColor text = QColor::fromRgba(theme.textColor(Theme::Normal));
    pal.setColor(QPalette::Base, editorColor(theme, Theme::BackgroundColor));
    pal.setColor(QPalette::Text, text);
    pal.setColor(QPalette::Highlight, editorColor(theme, Theme::TextSelection));
    pal.setColor(QPalette::HighlightedText, text);
    return pal;
}

} // namespace Galley::SyntaxTheme
