// SPDX-License-Identifier: GPL-3.0-or-later
// The administration of accounts in the store: the list is read through indexes whatever the filters, and
// the province never loses its last active administrator, nor takes a stale change.
#include "store/account_repository.h"
#include "store/sql.h"
#include "store/user_repository.h"
#include "support/demo_tree.h"
#include "support/qt_printing.h"
#include "support/test_database.h"

#include <boost/test/unit_test.hpp>

using namespace sotay;
using namespace sotay::test;

namespace {

User createUser(const QSqlDatabase& db, const char* username, Role role, std::optional<qint64> scope = {},
    std::optional<qint64> member = {})
{
    auto created = UserRepository(db).create(
        { QString::fromLatin1(username), QStringLiteral("$argon2id$khong-dung"), role, scope, member },
        testContext());
    BOOST_TEST_REQUIRE(created.ok(), (created.ok() ? std::string() : created.error().message.toStdString()));
    return *created;
}

QStringList fieldsOf(const Error& error)
{
    QStringList fields;
    for (const auto& f : error.fields)
        fields.append(f.field);
    return fields;
}

} // namespace

BOOST_AUTO_TEST_SUITE(account_repository_tests)

// SQLite's plan is checked (PostgreSQL plans by its statistics, and a table of a few rows is read whole).
BOOST_AUTO_TEST_CASE(a_page_of_accounts_is_read_through_indexes_whatever_the_filters)
{
    const auto test = TestDatabase::sqlite();
    const SmallTree t = buildSmallTree(test->db());
    createUser(test->db(), "canbo.tranbien", Role::Officer, t.tranBien.id);
    const AccountRepository accounts(test->db());

    std::vector<std::pair<std::string, AccountQuery>> queries;
    queries.push_back({ "administrator", AccountQuery {} });
    queries.push_back({ "administrator by role", AccountQuery { {}, Role::Secretary, {}, {}, {}, 50 } });
    queries.push_back({ "administrator, disabled, searched, after a cursor",
        AccountQuery { {}, {}, AccountState::Disabled, QStringLiteral("Lan"), QStringLiteral("b"), 50 } });
    queries.push_back({ "officer", AccountQuery { t.tranBien.path, {}, {}, {}, {}, 50 } });
    queries.push_back({ "officer by role, active, searched",
        AccountQuery { t.tranBien.path, Role::Member, AccountState::Active, QStringLiteral("nguyễn"),
            QStringLiteral("c"), 50 } });
    for (const auto& [label, query] : queries) {
        BOOST_TEST_CONTEXT(label)
        {
            const auto plan = accounts.listPlan(query);
            BOOST_TEST_REQUIRE(plan.ok());
            BOOST_TEST(!plan->isEmpty());
            // "SCAN app_user" or "SCAN u" would read every account of the province.
            for (const QString& step : *plan)
                BOOST_TEST(!step.startsWith(QStringLiteral("SCAN")), step.toStdString());
            BOOST_TEST(plan->join(u'\n').contains(QStringLiteral(" USING ")));
            BOOST_TEST(accounts.list(query).ok());
        }
    }
    // An officer's page starts from the officer's units, not from every account.
    const auto officer = accounts.listPlan(queries[3].second);
    BOOST_TEST(officer->join(u'\n').contains(QStringLiteral("org_unit_path")));
    BOOST_TEST(officer->join(u'\n').contains(QStringLiteral("app_user_scope")));
    BOOST_TEST(officer->join(u'\n').contains(QStringLiteral("app_user_member")));
}

BOOST_AUTO_TEST_CASE(the_last_active_administrator_can_be_neither_disabled_nor_demoted)
{
    for (const auto& test : allTestDatabases()) {
        BOOST_TEST_CONTEXT(test->label().toStdString())
        {
            const SmallTree t = buildSmallTree(test->db());
            const User first = createUser(test->db(), "quantri.1", Role::Admin);
            const User second = createUser(test->db(), "quantri.2", Role::Admin);
            AccountRepository accounts(test->db());
            const qint64 feedBefore = countRows(test->db(), QStringLiteral("change_feed"));

            // With two, one may go.
            auto disabled = accounts.update(second.id, { {}, {}, true }, second.version, testContext());
            BOOST_TEST_REQUIRE(disabled.ok());
            BOOST_TEST(disabled->disabled());
            BOOST_TEST(disabled->version == second.version + 1);
            BOOST_TEST(countRows(test->db(), QStringLiteral("change_feed")) == feedBefore + 1);

            // The one left stays.
            const qint64 audits = countRows(test->db(), QStringLiteral("audit_log"));
            auto lastDisabled = accounts.update(first.id, { {}, {}, true }, first.version, testContext());
            BOOST_TEST_REQUIRE(!lastDisabled.ok());
            BOOST_TEST((lastDisabled.error().code == ErrorCode::Conflict));
            BOOST_TEST(fieldsOf(lastDisabled.error()) == QStringList { QStringLiteral("disabled") });
            auto lastDemoted = accounts.update(first.id,
                { Role::Officer, std::optional<qint64>(t.province.id), {} }, first.version, testContext());
            BOOST_TEST_REQUIRE(!lastDemoted.ok());
            BOOST_TEST(fieldsOf(lastDemoted.error()) == QStringList { QStringLiteral("role") });
            BOOST_TEST(countRows(test->db(), QStringLiteral("audit_log")) == audits);
            BOOST_TEST(!UserRepository(test->db()).find(first.id)->disabled());

            // Once another is back, the first may be demoted; an administrator never keeps a scope.
            BOOST_TEST_REQUIRE(
                accounts.update(second.id, { {}, {}, false }, disabled->version, testContext()).ok());
            auto demoted = accounts.update(first.id,
                { Role::Officer, std::optional<qint64>(t.province.id), {} }, first.version, testContext());
            BOOST_TEST_REQUIRE(demoted.ok());
            BOOST_TEST((demoted->role == Role::Officer));
            BOOST_TEST((demoted->scopeOrgId == std::optional<qint64>(t.province.id)));
            auto promoted
                = accounts.update(first.id, { Role::Admin, {}, {} }, demoted->version, testContext());
            BOOST_TEST_REQUIRE(promoted.ok());
            BOOST_TEST(!promoted->scopeOrgId.has_value());
        }
    }
}

BOOST_AUTO_TEST_CASE(a_stale_change_is_refused_and_a_change_to_nothing_writes_nothing)
{
    for (const auto& test : allTestDatabases()) {
        BOOST_TEST_CONTEXT(test->label().toStdString())
        {
            const SmallTree t = buildSmallTree(test->db());
            const User officer = createUser(test->db(), "canbo.truong", Role::Officer, t.school.id);
            AccountRepository accounts(test->db());
            const qint64 audits = countRows(test->db(), QStringLiteral("audit_log"));

            auto stale = accounts.update(
                officer.id, { Role::Secretary, {}, {} }, officer.version + 1, testContext());
            BOOST_TEST_REQUIRE(!stale.ok());
            BOOST_TEST((stale.error().code == ErrorCode::Conflict));
            BOOST_TEST(stale.error().fields.isEmpty());
            auto same = accounts.update(officer.id,
                { Role::Officer, std::optional<qint64>(t.school.id), false }, officer.version, testContext());
            BOOST_TEST_REQUIRE(same.ok());
            BOOST_TEST(same->version == officer.version);
            BOOST_TEST(countRows(test->db(), QStringLiteral("audit_log")) == audits);
            auto unscoped = accounts.update(
                officer.id, { {}, std::optional<qint64>(), {} }, officer.version, testContext());
            BOOST_TEST_REQUIRE(!unscoped.ok());
            BOOST_TEST(fieldsOf(unscoped.error()) == QStringList { QStringLiteral("scopeOrgId") });
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()
