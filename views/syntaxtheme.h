#pragma once

#include <KSyntaxHighlighting/Theme>

#include <QColor>
#include <QPalette>

class QWidget;

namespace KSyntaxHighlighting {
class Repository;
}

// The KSyntaxHighlighting side shared by Galley's JSON views (JsonViewer, JsonEditor):
// one repository of definitions, and a theme that follows the application palette.
namespace Galley::SyntaxTheme {

// Loading the definitions reads a few hundred files: done once, on first use.
KSyntaxHighlighting::Repository &repository();

// Whether the application palette seen by widget is dark (judged by the application's
// palette, not by the widget's own, which the views set from the theme).
bool isDark(const QWidget *widget);

// The default light or dark theme for widget's application palette.
KSyntaxHighlighting::Theme themeFor(const QWidget *widget);

// base with the theme's background, text and selection colours: the theme's colours are
// chosen for its own background.
QPalette editorPalette(const QPalette &base, const KSyntaxHighlighting::Theme &theme);

QColor editorColor(const KSyntaxHighlighting::Theme &theme, KSyntaxHighlighting::Theme::EditorColorRole role);

} // namespace Galley::SyntaxTheme
