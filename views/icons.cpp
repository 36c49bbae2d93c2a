#include "icons.h"

#include <QApplication>

namespace Galley {

void Icons::setUpTheme()
{
    if (QIcon::themeName().isEmpty() || QIcon::themeName() == u"hicolor")
        QIcon::setThemeName(QStringLiteral("breeze"));
    if (QIcon::fallbackThemeName().isEmpty())
        QIcon::setFallbackThemeName(QStringLiteral("hicolor"));
}

QIcon Icons::get(const QString &themeName, QStyle::StandardPixmap fallback)
{
    QIcon icon = QIcon::fromTheme(themeName);
    // A theme that only ships SVGs yields icons that paint nothing when Qt's SVG
    // icon engine is not installed: treat them as missing.
    if (!icon.isNull() && !icon.pixmap(16, 16).isNull())
        return icon;
    if (fallback != QStyle::SP_CustomBase)
        return QApplication::style()->standardIcon(fallback);
    return {};
}

} // namespace Galley
