// SPDX-License-Identifier: GPL-3.0-or-later
#include "language.h"

#include <QCoreApplication>
#include <QDir>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

#include <memory>

namespace sotay {

QStringList availableLanguages()
{
    QStringList languages;
    const QDir folder(QStringLiteral(":/i18n"));
    for (const auto& file : folder.entryList({ QStringLiteral("sotay_*.qm") }, QDir::Files, QDir::Name))
        languages.append(file.mid(6, file.size() - 9)); // "sotay_" ... ".qm"
    languages.removeAll(QStringLiteral("vi"));
    languages.prepend(QStringLiteral("vi"));
    return languages;
}

void installLanguage(QCoreApplication& application, const QString& requested)
{
    const QString language = availableLanguages().contains(requested) ? requested : QStringLiteral("vi");
    QLocale::setDefault(QLocale(language == u"vi" ? QStringLiteral("vi_VN") : QStringLiteral("en_GB")));

    // A change of language replaces the translators of the one before.
    static const QString kTag = QStringLiteral("sotay-language");
    for (QTranslator* old : application.findChildren<QTranslator*>(kTag, Qt::FindDirectChildrenOnly)) {
        QCoreApplication::removeTranslator(old);
        delete old; // NOLINT(cppcoreguidelines-owning-memory): made below with the application as parent
    }
    const auto install = [&application](const QString& file, const QString& folder) {
        auto translator = std::make_unique<QTranslator>();
        if (!translator->load(file, folder))
            return;
        translator->setObjectName(kTag);
        translator->setParent(&application);
        QCoreApplication::installTranslator(translator.release());
    };
    // Qt's own catalogue where Debian ships one (there is none for Vietnamese: sotay_vi carries those
    // strings).
    install(QStringLiteral("qtbase_") + language, QLibraryInfo::path(QLibraryInfo::TranslationsPath));
    install(QStringLiteral("sotay_") + language, QStringLiteral(":/i18n"));
}

} // namespace sotay
