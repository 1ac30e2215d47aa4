// SPDX-License-Identifier: GPL-3.0-or-later
#include "language.h"
#include "org/org_unit.h"
#include "support/qt_printing.h"

#include <QCoreApplication>
#include <QTranslator>

#include <boost/test/unit_test.hpp>

using namespace sotay;

namespace {

// Leaves the application with no translator of ours installed, whatever a test did.
struct FreshTranslators {
    ~FreshTranslators()
    {
        for (auto* translator : QCoreApplication::instance()->findChildren<QTranslator*>()) {
            QCoreApplication::removeTranslator(translator);
            delete translator;
        }
    }
};

} // namespace

BOOST_AUTO_TEST_SUITE(language_tests)

BOOST_AUTO_TEST_CASE(vietnamese_first_then_english)
{
    const QStringList languages = availableLanguages();
    BOOST_TEST_REQUIRE(languages.size() >= 2);
    BOOST_TEST(languages.front() == QStringLiteral("vi"));
    BOOST_TEST(languages.contains(QStringLiteral("en")));
}

BOOST_AUTO_TEST_CASE(english_translates_our_strings)
{
    FreshTranslators cleanup;
    BOOST_TEST(orgKindLabel(OrgKind::BaseCell) == QStringLiteral("Chi bộ cơ sở"));
    installLanguage(*QCoreApplication::instance(), QStringLiteral("en"));
    BOOST_TEST(orgKindLabel(OrgKind::BaseCell) == QStringLiteral("Grassroots party cell"));
}

BOOST_AUTO_TEST_CASE(vietnamese_translates_qt_strings)
{
    FreshTranslators cleanup;
    installLanguage(*QCoreApplication::instance(), QStringLiteral("vi"));
    BOOST_TEST(QCoreApplication::translate("QCommandLineParser", "Options:") != QStringLiteral("Options:"));
    BOOST_TEST(QCoreApplication::translate("QPlatformTheme", "Cancel") == QStringLiteral("Hủy"));
    // our own strings stay as written
    BOOST_TEST(orgKindLabel(OrgKind::Cell) == QStringLiteral("Chi bộ trực thuộc"));
}

BOOST_AUTO_TEST_CASE(an_unknown_language_falls_back_to_vietnamese)
{
    FreshTranslators cleanup;
    installLanguage(*QCoreApplication::instance(), QStringLiteral("fr"));
    BOOST_TEST(orgKindLabel(OrgKind::Group) == QStringLiteral("Tổ đảng"));
}

BOOST_AUTO_TEST_SUITE_END()
