// SPDX-License-Identifier: GPL-3.0-or-later
// Thousands of random tree operations and member transfers from several connections at once, then every rule
// the tree and the change feed promise, checked on what the database holds.
#include "org/org_rules.h"
#include "store/database.h"
#include "store/member_repository.h"
#include "store/org_repository.h"
#include "store/sql.h"
#include "support/demo_tree.h"
#include "support/qt_printing.h"
#include "support/test_database.h"

#include <QSqlQuery>
#include <QSqlRecord>

#include <boost/test/unit_test.hpp>

#include <atomic>
#include <mutex>
#include <random>
#include <thread>

using namespace sotay;
using namespace sotay::test;

namespace {

const QDate kToday(2026, 11, 25);
constexpr int kWriters = 4;
constexpr int kOperationsPerWriter = 600;

struct Outcomes {
    std::atomic<int> done { 0 };
    std::atomic<int> refused { 0 };
    std::mutex mutex;
    QStringList unexpected; // storage errors: a deadlock, a broken constraint
};

std::atomic<int> g_code { 0 };

QString freshCode()
{
    return QStringLiteral("T%1").arg(++g_code);
}

NewOrgUnit newUnit(std::optional<qint64> parent, OrgKind kind, const QString& name)
{
    return { parent, kind, std::nullopt, freshCode(), name };
}

// The starting tree: a province of 3 upper committees, each with 3 base committees (a section committee of
// 2 cells and 2 cells of their own) and a base cell; 3 members in every cell.
void buildTree(const QSqlDatabase& db)
{
    OrgRepository org(db);
    const auto ctx = testContext();
    const auto made = [](Result<OrgUnit> unit) {
        if (!unit)
            throw std::runtime_error(unit.error().message.toStdString());
        return *unit;
    };
    const Decision founded = decision("1-QĐ/TW", QDate(2025, 7, 1));
    const OrgUnit province = made(
        org.create(newUnit(std::nullopt, OrgKind::Province, QStringLiteral("Đảng bộ tỉnh")), founded, ctx));
    QList<qint64> cells;
    for (int u = 1; u <= 3; ++u) {
        const OrgUnit upper = made(org.create(
            newUnit(province.id, OrgKind::Upper, QStringLiteral("Đảng bộ xã %1").arg(u)), founded, ctx));
        cells.append(
            made(org.create(newUnit(upper.id, OrgKind::BaseCell, QStringLiteral("Chi bộ cơ sở %1").arg(u)),
                     founded, ctx))
                .id);
        for (int b = 1; b <= 3; ++b) {
            const OrgUnit base = made(org.create(newUnit(upper.id, OrgKind::BaseCommittee,
                                                     QStringLiteral("Đảng bộ cơ sở %1.%2").arg(u).arg(b)),
                founded, ctx));
            const OrgUnit section
                = made(org.create(newUnit(base.id, OrgKind::SectionCommittee,
                                      QStringLiteral("Đảng bộ bộ phận %1.%2").arg(u).arg(b)),
                    founded, ctx));
            for (int c = 1; c <= 2; ++c) {
                cells.append(made(org.create(newUnit(base.id, OrgKind::Cell,
                                                 QStringLiteral("Chi bộ %1.%2.%3").arg(u).arg(b).arg(c)),
                                      founded, ctx))
                                 .id);
                cells.append(made(org.create(newUnit(section.id, OrgKind::Cell,
                                                 QStringLiteral("Chi bộ %1.%2.P%3").arg(u).arg(b).arg(c)),
                                      founded, ctx))
                                 .id);
            }
        }
    }
    for (const qint64 cell : cells)
        for (int m = 0; m < 3; ++m)
            addMemberWithoutCard(db, cell, "Nguyễn", "Văn", "An");
}

struct UnitRow {
    qint64 id;
    OrgKind kind;
};

// What a writer picks from: read without locks, so it may be stale by the time the operation runs.
QList<UnitRow> activeUnits(const QSqlDatabase& db)
{
    QList<UnitRow> units;
    QSqlQuery query(db);
    query.exec(QStringLiteral("SELECT id, kind FROM org_unit WHERE valid_to IS NULL ORDER BY id"));
    while (query.next())
        units.append({ query.value(0).toLongLong(),
            orgKindFromCode(query.value(1).toString()).value_or(OrgKind::Group) });
    return units;
}

QList<qint64> ids(const QSqlDatabase& db, const QString& statement, const QVariantList& values = {})
{
    QList<qint64> found;
    auto query = sql::exec(db, statement, values);
    if (!query)
        return found;
    while (query->next())
        found.append(query->value(0).toLongLong());
    return found;
}

class Writer {
public:
    Writer(const QSqlDatabase& db, unsigned seed)
        : m_db(db)
        , m_random(seed)
    {
    }

    // One random operation; its error when it was refused or failed.
    std::optional<Error> step()
    {
        const int pick = below(100);
        if (pick < 30)
            return transfer(true);
        if (pick < 40)
            return transfer(false);
        if (pick < 45)
            return admit();
        if (pick < 62)
            return move();
        if (pick < 72)
            return merge();
        if (pick < 78)
            return split();
        if (pick < 88)
            return dissolve();
        if (pick < 95)
            return create();
        return rename();
    }

private:
    int below(int n) { return std::uniform_int_distribution<int>(0, n - 1)(m_random); }

    template <typename T> std::optional<Error> outcome(const Result<T>& result)
    {
        if (result)
            return std::nullopt;
        return result.error();
    }

    std::optional<UnitRow> anyUnit(std::initializer_list<OrgKind> kinds)
    {
        QList<UnitRow> matching;
        for (const auto& unit : activeUnits(m_db))
            if (std::find(kinds.begin(), kinds.end(), unit.kind) != kinds.end())
                matching.append(unit);
        if (matching.isEmpty())
            return std::nullopt;
        return matching[below(int(matching.size()))];
    }

    std::optional<qint64> anyMember()
    {
        const auto members = ids(m_db, QStringLiteral("SELECT id FROM member WHERE left_reason IS NULL"));
        if (members.isEmpty())
            return std::nullopt;
        return members[below(int(members.size()))];
    }

    Decision today() const { return decision("9-QĐ/TU", kToday); }

    std::optional<Error> transfer(bool permanent)
    {
        const auto member = anyMember();
        const auto cell = anyUnit({ OrgKind::Cell, OrgKind::BaseCell });
        if (!member || !cell)
            return std::nullopt;
        MemberRepository members(m_db);
        MemberEvent event { 0, *member, MemberEventType::TransferOut, kToday, QStringLiteral("5-QĐ/ĐU"),
            permanent, {}, cell->id, {} };
        if (!permanent && below(2) == 0) {
            event.type = MemberEventType::TransferIn; // back from a temporary place
            event.toOrgUnitId.reset();
        }
        return outcome(members.recordEvent(*member, event, std::nullopt, testContext()));
    }

    std::optional<Error> admit()
    {
        const auto cell = anyUnit({ OrgKind::Cell, OrgKind::BaseCell });
        if (!cell)
            return std::nullopt;
        Member m
            = sampleMember(cell->id, QStringLiteral("Trần"), QStringLiteral("Thị"), QStringLiteral("Bình"));
        m.admittedOn = QDate(2010, 5, 19);
        m.status = MemberStatus::Official;
        m.officialOn = QDate(2011, 5, 19);
        const MemberEvent admission { 0, 0, MemberEventType::Admission, m.admittedOn,
            QStringLiteral("45-QĐ/ĐU"), true, {}, {}, {} };
        return outcome(MemberRepository(m_db).create(m, admission, testContext()));
    }

    std::optional<Error> move()
    {
        const auto unit = anyUnit(
            { OrgKind::BaseCommittee, OrgKind::BaseCell, OrgKind::SectionCommittee, OrgKind::Cell });
        const auto parent = anyUnit({ OrgKind::Upper, OrgKind::BaseCommittee, OrgKind::SectionCommittee });
        if (!unit || !parent)
            return std::nullopt;
        return outcome(OrgRepository(m_db).move(unit->id, parent->id, today(), testContext()));
    }

    std::optional<Error> merge()
    {
        const auto source = anyUnit(
            { OrgKind::BaseCommittee, OrgKind::BaseCell, OrgKind::SectionCommittee, OrgKind::Cell });
        if (!source)
            return std::nullopt;
        const auto target = anyUnit({ source->kind });
        if (!target)
            return std::nullopt;
        return outcome(OrgRepository(m_db).merge(source->id, target->id, today(), testContext()));
    }

    std::optional<Error> split()
    {
        const auto source = anyUnit({ OrgKind::BaseCommittee, OrgKind::SectionCommittee, OrgKind::Cell });
        if (!source)
            return std::nullopt;
        QList<SplitPart> parts(2);
        for (auto& part : parts)
            part.unit = newUnit(std::nullopt, source->kind, QStringLiteral("Tách %1").arg(g_code.load()));
        const auto children
            = ids(m_db, QStringLiteral("SELECT id FROM org_unit WHERE parent_id = ? AND valid_to IS NULL"),
                { source->id });
        for (const qint64 child : children)
            parts[below(2)].childIds.append(child);
        const auto members = ids(m_db,
            QStringLiteral("SELECT id FROM member WHERE left_reason IS NULL AND (org_unit_id = ? OR "
                           "temporary_org_unit_id = ?)"),
            { source->id, source->id });
        for (const qint64 member : members)
            parts[below(2)].memberIds.append(member);
        return outcome(OrgRepository(m_db).split(source->id, parts, today(), testContext()));
    }

    std::optional<Error> dissolve()
    {
        const auto unit = anyUnit(
            { OrgKind::BaseCommittee, OrgKind::BaseCell, OrgKind::SectionCommittee, OrgKind::Cell });
        if (!unit)
            return std::nullopt;
        // Refused unless transfers and merges have emptied the unit first.
        return outcome(OrgRepository(m_db).dissolve(unit->id, today(), testContext()));
    }

    std::optional<Error> create()
    {
        const auto parent = anyUnit({ OrgKind::BaseCommittee, OrgKind::SectionCommittee });
        if (!parent)
            return std::nullopt;
        return outcome(OrgRepository(m_db).create(
            newUnit(parent->id, OrgKind::Cell, QStringLiteral("Chi bộ mới %1").arg(g_code.load())), today(),
            testContext()));
    }

    std::optional<Error> rename()
    {
        const auto unit = anyUnit({ OrgKind::BaseCommittee, OrgKind::SectionCommittee, OrgKind::Cell });
        if (!unit)
            return std::nullopt;
        return outcome(OrgRepository(m_db).rename(
            unit->id, QStringLiteral("Tên mới %1").arg(g_code.fetch_add(1)), today(), testContext()));
    }

    QSqlDatabase m_db;
    std::mt19937 m_random;
};

void runWriter(const DatabaseConfig& config, int index, Outcomes& outcomes)
{
    const QString connection = QStringLiteral("tree_writer_%1").arg(index);
    {
        auto db = openDatabase(config, connection);
        if (!db) {
            std::lock_guard lock(outcomes.mutex);
            outcomes.unexpected.append(db.error().message);
            return;
        }
        Writer writer(*db, 1000u + unsigned(index));
        for (int i = 0; i < kOperationsPerWriter; ++i) {
            const auto error = writer.step();
            ++outcomes.done;
            if (!error)
                continue;
            if (error->code == ErrorCode::Storage) {
                std::lock_guard lock(outcomes.mutex);
                outcomes.unexpected.append(error->message);
            } else {
                ++outcomes.refused;
            }
        }
    }
    closeDatabase(connection);
}

QStringList scalarRows(const QSqlDatabase& db, const QString& statement)
{
    QStringList rows;
    QSqlQuery query(db);
    BOOST_TEST_REQUIRE(query.exec(statement), statement.toStdString());
    while (query.next()) {
        QStringList columns;
        for (int i = 0; i < query.record().count(); ++i)
            columns.append(query.value(i).toString());
        rows.append(columns.join(u'|'));
    }
    return rows;
}

// Every promise, each as a query for the rows that break it: the answer must be empty.
void checkInvariants(const QSqlDatabase& db)
{
    // Paths follow parents, so the tree has no cycle: each active unit's path is its parent's plus its id.
    BOOST_TEST(
        scalarRows(db,
            QStringLiteral("SELECT u.id, u.path FROM org_unit u LEFT JOIN org_unit p ON p.id = u.parent_id "
                           "WHERE u.valid_to IS NULL AND ((u.parent_id IS NULL AND u.path <> '/' || u.id || "
                           "'/') OR (u.parent_id IS NOT NULL AND (p.id IS NULL OR p.valid_to IS NOT NULL OR "
                           "u.path <> p.path || u.id || '/')))"))
        == QStringList());
    BOOST_TEST(
        scalarRows(
            db, QStringLiteral("SELECT COUNT(*) FROM org_unit WHERE parent_id IS NULL AND valid_to IS NULL"))
        == QStringList { QStringLiteral("1") });
    // Kinds stay where they may: checked in C++ by the rule the repository uses.
    {
        QSqlQuery query(db);
        query.exec(QStringLiteral(
            "SELECT u.id, u.kind, p.kind FROM org_unit u JOIN org_unit p ON p.id = u.parent_id "
            "WHERE u.valid_to IS NULL"));
        QStringList misplaced;
        while (query.next())
            if (!canContain(
                    *orgKindFromCode(query.value(2).toString()), *orgKindFromCode(query.value(1).toString())))
                misplaced.append(query.value(0).toString());
        BOOST_TEST(misplaced == QStringList());
    }
    // Active codes are unique.
    BOOST_TEST(scalarRows(db,
                   QStringLiteral(
                       "SELECT code FROM org_unit WHERE valid_to IS NULL GROUP BY code HAVING COUNT(*) > 1"))
        == QStringList());
    // Each active unit has one open period, the same as the unit; an ended unit has none.
    BOOST_TEST(scalarRows(db,
                   QStringLiteral(
                       "SELECT u.id FROM org_unit u WHERE (u.valid_to IS NULL) <> ((SELECT COUNT(*) FROM "
                       "org_unit_period p WHERE p.unit_id = u.id AND p.valid_to IS NULL AND p.path = u.path "
                       "AND p.parent_id IS NOT DISTINCT FROM u.parent_id AND p.name = u.name) = 1)"))
        == QStringList());
    // No member on the roster of, or taking part in, an ended unit or a unit that holds no members.
    BOOST_TEST(scalarRows(db,
                   QStringLiteral("SELECT m.id FROM member m JOIN org_unit u ON u.id = m.org_unit_id OR "
                                  "(m.temporary_org_unit_id > 0 AND u.id = m.temporary_org_unit_id) "
                                  "WHERE m.left_reason IS NULL AND (u.valid_to IS NOT NULL OR u.kind NOT IN "
                                  "('base_cell', 'cell'))"))
        == QStringList());
    // The feed has every sequence number once, and its newest row for each unit and member says where it is.
    BOOST_TEST(scalarRows(db,
                   QStringLiteral("SELECT (SELECT last_seq FROM change_counter) - COUNT(*), "
                                  "(SELECT last_seq FROM change_counter) - MAX(seq) FROM change_feed"))
        == QStringList { QStringLiteral("0|0") });
    BOOST_TEST(scalarRows(db,
                   QStringLiteral(
                       "SELECT u.id, u.path, f.path FROM org_unit u JOIN change_feed f ON f.seq = (SELECT "
                       "MAX(seq) FROM change_feed WHERE entity = 'org_unit' AND entity_id = u.id) "
                       "WHERE f.path <> u.path"))
        == QStringList());
    BOOST_TEST(scalarRows(db,
                   QStringLiteral(
                       "SELECT m.id, u.path, f.path FROM member m JOIN org_unit u ON u.id = m.org_unit_id "
                       "JOIN change_feed f ON f.seq = (SELECT MAX(seq) FROM change_feed WHERE entity = "
                       "'member' AND entity_id = m.id) WHERE f.path <> u.path"))
        == QStringList());
    BOOST_TEST(
        scalarRows(db,
            QStringLiteral("SELECT COUNT(*) FROM member m WHERE NOT EXISTS (SELECT 1 FROM change_feed f "
                           "WHERE f.entity = 'member' AND f.entity_id = m.id)"))
        == QStringList { QStringLiteral("0") });
}

} // namespace

BOOST_AUTO_TEST_SUITE(tree_concurrency_tests)

BOOST_AUTO_TEST_CASE(random_concurrent_tree_operations_and_transfers_keep_every_rule)
{
    for (const auto& test : allTestDatabases()) {
        BOOST_TEST_CONTEXT(test->label().toStdString())
        {
            buildTree(test->db());
            Outcomes outcomes;
            std::vector<std::thread> writers;
            for (int i = 0; i < kWriters; ++i)
                writers.emplace_back([&test, &outcomes, i] { runWriter(test->config(), i, outcomes); });
            for (auto& writer : writers)
                writer.join();

            BOOST_TEST_MESSAGE(test->label().toStdString()
                << ": " << outcomes.done.load() << " operations, " << outcomes.refused.load() << " refused");
            BOOST_TEST(outcomes.done.load() == kWriters * kOperationsPerWriter);
            BOOST_TEST(outcomes.unexpected == QStringList());
            // A workload that refused almost everything would prove nothing.
            BOOST_TEST(outcomes.refused.load() < outcomes.done.load() * 3 / 4);
            checkInvariants(test->db());
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()
