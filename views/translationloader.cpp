#include "translationloader.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QPointer>
#include <QTranslator>

namespace Galley {

namespace {
QPointer<QTranslator> s_galley;
QPointer<QTranslator> s_qt;
} // namespace

QString TranslationLoader::install(const QLocale &locale)
{
    auto *app = QCoreApplication::instance();
    Q_ASSERT(app);
    for (QTranslator *old : { s_galley.data(), s_qt.data() }) {
        if (old) {
            QCoreApplication::removeTranslator(old);
            delete old;
        }
    }

    // galley_en.qm carries only the English plural forms, so English is "loaded" too.
    auto *galley = new QTranslator(app);
    const auto loadFor = [galley](const QLocale &l) {
        return galley->load(l, QStringLiteral("galley"), QStringLiteral("_"), QStringLiteral(":/i18n"));
    };
    if (!loadFor(locale) && !loadFor(QLocale(QLocale::English))) {
        delete galley;
        return {};
    }
    QCoreApplication::installTranslator(galley);
    s_galley = galley;

    const QLocale loaded(galley->language());
    auto *qt = new QTranslator(app);
    if (qt->load(loaded, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QCoreApplication::installTranslator(qt);
        s_qt = qt;
    } else {
        delete qt;
    }

    // An unconfigured system ("C", no LANG) but a chosen UI language (LANGUAGE=de):
    // write dates and numbers the way that language does, not the C way.
    if (QLocale::system().language() == QLocale::C)
        QLocale::setDefault(loaded.language() == QLocale::English ? QLocale(QLocale::English, QLocale::UnitedKingdom)
                                                                  : loaded);
    if (loaded.language() == QLocale::English)
        return {};
    return QLocale::languageToCode(loaded.language());
}

} // namespace Galley
