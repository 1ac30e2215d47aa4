// SPDX-License-Identifier: GPL-3.0-or-later
// docs/api/openapi.yaml describes the API the server answers: every route the router holds is a documented
// operation, and every documented operation is a route. (A standard linter checks the document itself:
// scripts/check-openapi.)
#include "support/qt_printing.h"
#include "support/running_server.h"
#include "support/test_database.h"

#include <QFile>
#include <QRegularExpression>
#include <QSet>

#include <boost/test/unit_test.hpp>

using namespace sotay;
using namespace sotay::test;

namespace {

// "METHOD /path" of every operation under `paths:`, read from the document's own indentation: paths at two
// spaces, their operations at four.
QSet<QString> documentedOperations()
{
    QFile file(QStringLiteral(SOTAY_SOURCE_DIR "/docs/api/openapi.yaml"));
    BOOST_TEST_REQUIRE(file.open(QIODevice::ReadOnly | QIODevice::Text));
    static const QRegularExpression pathLine(QStringLiteral("^  (/\\S*):\\s*$"));
    static const QRegularExpression operationLine(
        QStringLiteral("^    (get|put|post|patch|delete|head|options):\\s*$"));
    QSet<QString> operations;
    bool inPaths = false;
    QString path;
    while (!file.atEnd()) {
        const QString line = QString::fromUtf8(file.readLine()).chopped(1);
        if (!line.startsWith(u' ') && !line.isEmpty())
            inPaths = line == u"paths:";
        if (!inPaths)
            continue;
        if (const auto match = pathLine.match(line); match.hasMatch())
            path = match.captured(1);
        else if (const auto op = operationLine.match(line); op.hasMatch() && !path.isEmpty())
            operations.insert(op.captured(1).toUpper() + u' ' + path);
    }
    return operations;
}

} // namespace

BOOST_AUTO_TEST_SUITE(api_document_tests)

BOOST_AUTO_TEST_CASE(every_route_is_documented_and_every_documented_operation_is_served)
{
    const auto db = TestDatabase::sqlite();
    RunningServer server(*db);
    const QStringList routeList = server.server().routes();
    const QSet<QString> routes(routeList.begin(), routeList.end());
    const QSet<QString> documented = documentedOperations();
    BOOST_TEST_REQUIRE(routes.size() > 20);
    BOOST_TEST(routes.contains(QStringLiteral("GET /api/v1/content/{id}")));

    QStringList undocumented = (routes - documented).values();
    undocumented.sort();
    BOOST_TEST(
        undocumented.isEmpty(), "served but not in openapi.yaml: " << undocumented.join(u", ").toStdString());
    QStringList unserved = (documented - routes).values();
    unserved.sort();
    BOOST_TEST(unserved.isEmpty(), "in openapi.yaml but not served: " << unserved.join(u", ").toStdString());
}

BOOST_AUTO_TEST_SUITE_END()
