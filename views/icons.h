#pragma once

#include <QIcon>
#include <QStyle>

namespace Galley {

// Icons from the desktop's icon theme, with a built-in fallback: when no theme is
// set Galley uses Breeze, and when the theme has no (renderable) icon of that name
// the style's standard pixmap stands in, or nothing.
class Icons
{
public:
    // Call once after the QApplication exists.
    static void setUpTheme();

    static QIcon get(const QString &themeName, QStyle::StandardPixmap fallback = QStyle::SP_CustomBase);
};

} // namespace Galley
