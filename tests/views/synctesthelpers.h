#pragma once

// Shared by the sync widget tests: the same setup as the app, a dark palette to check
// readability in, contrast arithmetic and screenshots (GALLEY_SCREENSHOT_DIR=DIR saves them).
#include "icons.h"
#include "translationloader.h"

#include <QApplication>
#include <QDir>
#include <QIcon>
#include <QPalette>
#include <QStandardPaths>
#include <QStyleFactory>
#include <QTest>
#include <QWidget>

#include <cmath>

namespace Galley::Testing {

inline void setUpGuiTest()
{
    QStandardPaths::setTestModeEnabled(true);
    TranslationLoader::install(QLocale(QLocale::English));
    // The offscreen platform knows no icon folders; a desktop session has the system's.
    QStringList iconPaths = QIcon::themeSearchPaths();
    const QStringList dataDirs = qEnvironmentVariable("XDG_DATA_DIRS", QStringLiteral("/usr/local/share:/usr/share"))
                                     .split(u':', Qt::SkipEmptyParts);
    for (const QString &dir : dataDirs) {
        const QString icons = QDir(dir).filePath(QStringLiteral("icons"));
        if (QDir(icons).exists() && !iconPaths.contains(icons))
            iconPaths.append(icons);
    }
    QIcon::setThemeSearchPaths(iconPaths);
    Icons::setUpTheme();
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
}

inline QPalette lightPalette()
{
    return QApplication::style()->standardPalette();
}

// Close to Breeze Dark.
inline QPalette darkPalette()
{
    QPalette p(QColor(0x31, 0x36, 0x3b), QColor(0x2a, 0x2e, 0x32));
    const QColor text(0xfc, 0xfc, 0xfc);
    const QColor disabled(0x6e, 0x74, 0x7a);
    for (QPalette::ColorGroup g : { QPalette::Active, QPalette::Inactive }) {
        p.setColor(g, QPalette::WindowText, text);
        p.setColor(g, QPalette::Text, text);
        p.setColor(g, QPalette::ButtonText, text);
        p.setColor(g, QPalette::Base, QColor(0x1b, 0x1e, 0x20));
        p.setColor(g, QPalette::AlternateBase, QColor(0x23, 0x26, 0x29));
        p.setColor(g, QPalette::Highlight, QColor(0x3d, 0xae, 0xe9));
        p.setColor(g, QPalette::HighlightedText, text);
        p.setColor(g, QPalette::PlaceholderText, QColor(0xa1, 0xa9, 0xb1));
        p.setColor(g, QPalette::ToolTipBase, QColor(0x31, 0x36, 0x3b));
        p.setColor(g, QPalette::ToolTipText, text);
        p.setColor(g, QPalette::Link, QColor(0x1d, 0x99, 0xf3));
        p.setColor(g, QPalette::BrightText, Qt::white);
    }
    p.setColor(QPalette::Disabled, QPalette::WindowText, disabled);
    p.setColor(QPalette::Disabled, QPalette::Text, disabled);
    p.setColor(QPalette::Disabled, QPalette::ButtonText, disabled);
    p.setColor(QPalette::Disabled, QPalette::Base, QColor(0x1b, 0x1e, 0x20));
    return p;
}

// WCAG 2 relative luminance and contrast ratio.
inline double luminance(const QColor &c)
{
    const auto channel = [](double v) { return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
}

inline double contrast(const QColor &a, const QColor &b)
{
    const double la = luminance(a) + 0.05;
    const double lb = luminance(b) + 0.05;
    return std::max(la, lb) / std::min(la, lb);
}

// Saves a picture of widget when GALLEY_SCREENSHOT_DIR is set.
inline void saveScreenshot(QWidget *widget, const QString &name)
{
    const QString dir = qEnvironmentVariable("GALLEY_SCREENSHOT_DIR");
    if (dir.isEmpty())
        return;
    QDir().mkpath(dir);
    // Widgets added to a visible parent show on the next turn of the event loop.
    QCoreApplication::processEvents();
    QCoreApplication::processEvents();
    QVERIFY(widget->grab().save(QDir(dir).filePath(name), "PNG"));
}

// Applies a palette to the whole application for the lifetime of the object.
class ScopedPalette
{
public:
    explicit ScopedPalette(const QPalette &palette)
        : m_old(QApplication::palette())
    {
        QApplication::setPalette(palette);
    }
    ~ScopedPalette() { QApplication::setPalette(m_old); }
    Q_DISABLE_COPY_MOVE(ScopedPalette)

private:
    QPalette m_old;
};

} // namespace Galley::Testing
