#pragma once

#include <QLocale>
#include <QString>

namespace Galley {

// Installs Galley's embedded catalogue (and Qt's own, for standard dialogs) for
// the first of a locale's UI languages that Galley is translated into.
class TranslationLoader
{
public:
    // Returns the language that was loaded ("de"), or an empty string when the
    // source language (English) is used. Replaces what an earlier call installed.
    static QString install(const QLocale &locale = QLocale::system());
};

} // namespace Galley
