// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/member_repository.h"
#include "store/org_repository.h"
#include "store/sql.h"
#include "support/demo_tree.h"
#include "support/qt_printing.h"
#include "support/test_database.h"

#include <boost/test/unit_test.hpp>

using namespace sotay;
using namespace sotay::test;

namespace {

QStringList fieldsOf(const Error& error)
{
    QStringList fields;
    for (const auto& f : error.fields)
        fields.append(f.field);
    return fields;
}

MemberEvent admissionOf(const Member& m)
{
    return { 0, 0, MemberEventType::Admission, m.admittedOn, QStringLiteral("45-QĐ/ĐU"), true, {}, {}, {} };
}

MemberEvent event(MemberEventType type, QDate on, const char* decisionNumber = "",
    std::optional<qint64> to = std::nullopt, bool permanent = true)
{
    return { 0, 0, type, on, QString::fromUtf8(decisionNumber), permanent, {}, to, {} };
}

Member create(MemberRepository& repo, const Member& m)
{
    auto created = repo.create(m, admissionOf(m), testContext());
    BOOST_TEST_REQUIRE(created.ok(), (created.ok() ? std::string() : created.error().message.toStdString()));
    return *created;
}

QStringList givenNames(const QList<Member>& members)
{
    QStringList names;
    for (const auto& m : members)
        names.append(m.fullName());
    return names;
}

} // namespace

BOOST_AUTO_TEST_SUITE(member_repository_tests)

BOOST_AUTO_TEST_CASE(a_member_is_stored_and_read_back_whole)
{
    for (const auto& test : allTestDatabases()) {
        BOOST_TEST_CONTEXT(test->label().toStdString())
        {
            const auto t = buildSmallTree(test->db());
            MemberRepository repo(test->db());
            Member input = sampleMember(t.cell1.id, QStringLiteral("Nguye\u0302\u0303n"),
                QStringLiteral(" Thị  "), QStringLiteral("Đảng"));
            input.exempt = false;
            const Member stored = create(repo, input);
            BOOST_TEST(stored.id > 0);
            BOOST_TEST(stored.version == 1);
            BOOST_TEST(stored.familyName == QStringLiteral("Nguyễn")); // NFC on the way in
            BOOST_TEST(stored.middleName == QStringLiteral("Thị"));
            BOOST_TEST(stored.fullName() == QStringLiteral("Nguyễn Thị Đảng"));
            BOOST_TEST(stored.cardNumber == QStringLiteral("01.000123")); // text: the leading zero stays
            BOOST_TEST(stored.profileNumber == QStringLiteral("012345-ĐN"));
            BOOST_TEST(stored.citizenId == QStringLiteral("075180001234"));
            BOOST_TEST(stored.birthDate == QDate(1980, 3, 15));
            BOOST_TEST(stored.officialOn == QDate(2011, 5, 19));
            BOOST_TEST((stored.politicalTheory == PoliticalTheoryLevel::Intermediate));
            BOOST_TEST(stored.onRoster());

            Member expected = input;
            expected.id = stored.id;
            expected.version = 1;
            expected.familyName = QStringLiteral("Nguyễn");
            expected.middleName = QStringLiteral("Thị");
            BOOST_TEST((stored == expected));

            auto events = repo.events(stored.id);
            BOOST_TEST_REQUIRE(events.ok());
            // the record's history as entered: admitted, then official
            BOOST_TEST_REQUIRE(events->size() == 2);
            BOOST_TEST((events->at(0).type == MemberEventType::Admission));
            BOOST_TEST(events->at(0).occurredOn == QDate(2010, 5, 19));
            BOOST_TEST((events->at(0).toOrgUnitId == t.cell1.id));
            BOOST_TEST((events->at(1).type == MemberEventType::BecameOfficial));
            BOOST_TEST(events->at(1).occurredOn == QDate(2011, 5, 19));
        }
    }
}

BOOST_AUTO_TEST_CASE(an_invalid_member_names_every_field_and_writes_nothing)
{
    for (const auto& test : allTestDatabases()) {
        BOOST_TEST_CONTEXT(test->label().toStdString())
        {
            const auto t = buildSmallTree(test->db());
            MemberRepository repo(test->db());
            Member bad = sampleMember(t.cell1.id, QString(), QStringLiteral("Văn"), QStringLiteral("Tâm"));
            bad.birthDate = QDate(1995, 1, 1); // 15 at admission
            bad.cardNumber = QStringLiteral("1.000123");
            bad.citizenId = QStringLiteral("07518000123");
            const auto feedBefore = countRows(test->db(), QStringLiteral("change_feed"));
            auto refused = repo.create(bad, admissionOf(bad), testContext());
            BOOST_TEST_REQUIRE(!refused.ok());
            const QStringList fields = fieldsOf(refused.error());
            for (const auto* field : { "familyName", "admittedOn", "cardNumber", "citizenId" })
                BOOST_TEST(fields.contains(QString::fromLatin1(field)), field);
            BOOST_TEST(countRows(test->db(), QStringLiteral("member")) == 0);
            BOOST_TEST(countRows(test->db(), QStringLiteral("member_event")) == 0);
            BOOST_TEST(countRows(test->db(), QStringLiteral("change_feed")) == feedBefore);

            auto notACell = repo.create(
                sampleMember(t.school.id, QStringLiteral("Lý"), QStringLiteral("Thị"), QStringLiteral("Mai")),
                admissionOf(sampleMember(t.school.id, {}, {}, {})), testContext());
            BOOST_TEST_REQUIRE(!notACell.ok());
            BOOST_TEST(fieldsOf(notACell.error()) == QStringList { QStringLiteral("orgUnitId") });
            BOOST_TEST(notACell.error().message.contains(QStringLiteral("không phải chi bộ")));
            BOOST_TEST(countRows(test->db(), QStringLiteral("member")) == 0);
        }
    }
}

BOOST_AUTO_TEST_CASE(a_stale_version_is_a_conflict_and_changes_nothing)
{
    for (const auto& test : allTestDatabases()) {
        BOOST_TEST_CONTEXT(test->label().toStdString())
        {
            const auto t = buildSmallTree(test->db());
            MemberRepository repo(test->db());
            const Member m = create(repo,
                sampleMember(
                    t.cell1.id, QStringLiteral("Trương"), QStringLiteral("Mỹ"), QStringLiteral("Linh")));

            Member edit = m;
            edit.hometown = QStringLiteral("Bình Phước");
            auto first = repo.update(edit, m.version, testContext());
            BOOST_TEST_REQUIRE(first.ok());
            BOOST_TEST(first->version == 2);
            BOOST_TEST(first->hometown == QStringLiteral("Bình Phước"));

            Member late = m;
            late.hometown = QStringLiteral("Tây Ninh");
            auto second = repo.update(late, m.version, testContext());
            BOOST_TEST_REQUIRE(!second.ok());
            BOOST_TEST((second.error().code == ErrorCode::Conflict));
            BOOST_TEST(second.error().message.contains(QStringLiteral("phiên bản 2")));
            BOOST_TEST(repo.find(m.id)->hometown == QStringLiteral("Bình Phước"));

            auto staleEvent = repo.recordEvent(
                m.id, event(MemberEventType::Exemption, QDate(2026, 1, 1)), m.version, testContext());
            BOOST_TEST(!staleEvent.ok());
            BOOST_TEST(!repo.find(m.id)->exempt);
        }
    }
}

BOOST_AUTO_TEST_CASE(standing_changes_only_through_events)
{
    for (const auto& test : allTestDatabases()) {
        BOOST_TEST_CONTEXT(test->label().toStdString())
        {
            const auto t = buildSmallTree(test->db());
            MemberRepository repo(test->db());
            const Member m = create(repo,
                sampleMember(
                    t.cell1.id, QStringLiteral("Đỗ"), QStringLiteral("Hoàng"), QStringLiteral("Nam")));
            Member edit = m;
            edit.orgUnitId = t.cell2.id;
            edit.exempt = true;
            edit.exemptSince = QDate(2026, 1, 1);
            auto refused = repo.update(edit, m.version, testContext());
            BOOST_TEST_REQUIRE(!refused.ok());
            BOOST_TEST(fieldsOf(refused.error())
                == (QStringList { QStringLiteral("orgUnitId"), QStringLiteral("exempt") }));
            BOOST_TEST(repo.find(m.id)->version == m.version);
        }
    }
}

BOOST_AUTO_TEST_CASE(events_move_a_member_through_the_party_life)
{
    for (const auto& test : allTestDatabases()) {
        BOOST_TEST_CONTEXT(test->label().toStdString())
        {
            const auto t = buildSmallTree(test->db());
            MemberRepository repo(test->db());
            Member probationer = sampleMember(
                t.cell1.id, QStringLiteral("Huỳnh"), QStringLiteral("Thanh"), QStringLiteral("Tú"));
            probationer.birthDate = QDate(2000, 2, 2);
            probationer.admittedOn = QDate(2025, 9, 2);
            probationer.officialOn = {};
            probationer.status = MemberStatus::Probationary;
            probationer.cardNumber.clear();
            const Member m = create(repo, probationer);
            BOOST_TEST((m.status == MemberStatus::Probationary));

            auto early = repo.recordEvent(m.id,
                event(MemberEventType::BecameOfficial, QDate(2026, 9, 1), "80-QĐ/ĐU"), std::nullopt,
                testContext());
            BOOST_TEST(!early.ok()); // one day short of 12 months
            auto official = repo.recordEvent(m.id,
                event(MemberEventType::BecameOfficial, QDate(2026, 9, 2), "81-QĐ/ĐU"), std::nullopt,
                testContext());
            BOOST_TEST_REQUIRE(official.ok(), (official.ok() ? "" : official.error().message.toStdString()));
            BOOST_TEST((official->status == MemberStatus::Official));
            BOOST_TEST(official->officialOn == QDate(2026, 9, 2));

            auto moved = repo.recordEvent(m.id,
                event(MemberEventType::TransferOut, QDate(2026, 10, 1), "82-QĐ/ĐU", t.rubberCell.id),
                official->version, testContext());
            BOOST_TEST_REQUIRE(moved.ok(), (moved.ok() ? "" : moved.error().message.toStdString()));
            BOOST_TEST((moved->orgUnitId == t.rubberCell.id));
            auto feed = sql::exec(test->db(),
                QStringLiteral(
                    "SELECT path, old_path FROM change_feed WHERE entity = 'member' ORDER BY seq DESC"));
            BOOST_TEST_REQUIRE((feed.ok() && feed->next()));
            BOOST_TEST(feed->value(0).toString() == t.rubberCell.path);
            BOOST_TEST(feed->value(1).toString() == t.cell1.path);

            auto toCommittee = repo.recordEvent(m.id,
                event(MemberEventType::TransferOut, QDate(2026, 10, 2), "83", t.school.id), std::nullopt,
                testContext());
            BOOST_TEST_REQUIRE(!toCommittee.ok());
            BOOST_TEST(fieldsOf(toCommittee.error()) == QStringList { QStringLiteral("toOrgUnitId") });

            auto died = repo.recordEvent(
                m.id, event(MemberEventType::Deceased, QDate(2026, 11, 20)), std::nullopt, testContext());
            BOOST_TEST_REQUIRE(died.ok());
            BOOST_TEST(!died->onRoster());
            BOOST_TEST((died->leftReason == LeaveReason::Deceased));
            auto again = repo.recordEvent(
                m.id, event(MemberEventType::Exemption, QDate(2026, 11, 21)), std::nullopt, testContext());
            BOOST_TEST(!again.ok());

            auto history = repo.events(m.id);
            BOOST_TEST_REQUIRE(history.ok());
            BOOST_TEST(history->size() == 4);
            BOOST_TEST((history->at(2).fromOrgUnitId == t.cell1.id));
            BOOST_TEST((history->at(2).toOrgUnitId == t.rubberCell.id));
            BOOST_TEST(*OrgRepository(test->db()).memberCount(t.province.id) == 0);
        }
    }
}

BOOST_AUTO_TEST_CASE(rosters_page_in_vietnamese_order_and_search_without_diacritics)
{
    for (const auto& test : allTestDatabases()) {
        BOOST_TEST_CONTEXT(test->label().toStdString())
        {
            const auto t = buildSmallTree(test->db());
            MemberRepository repo(test->db());
            const char* names[][3] = {
                { "Phạm", "Văn", "Hà" },
                { "Nguyễn", "Thị", "Ánh" },
                { "Lê", "Minh", "Đức" },
                { "Trần", "Quốc", "Bình" },
                { "Võ", "Thị", "Anh" },
                { "Ngô", "Thanh", "Hà" },
                { "Đinh", "Văn", "Ân" },
            };
            Member left;
            for (const auto& n : names) {
                Member m = sampleMember(
                    t.cell1.id, QString::fromUtf8(n[0]), QString::fromUtf8(n[1]), QString::fromUtf8(n[2]));
                m.cardNumber.clear();
                left = create(repo, m);
            }
            create(repo,
                sampleMember(
                    t.rubberCell.id, QStringLiteral("Điểu"), QStringLiteral("Thị"), QStringLiteral("Bé")));
            // the last one created (Đinh Văn Ân) leaves the roster
            BOOST_TEST_REQUIRE(repo.recordEvent(left.id, event(MemberEventType::Withdrew, QDate(2026, 2, 1)),
                                       std::nullopt, testContext())
                                   .ok());

            MemberQuery query;
            query.orgUnitId = t.cell1.id;
            query.limit = 4;
            auto first = repo.list(query);
            BOOST_TEST_REQUIRE(first.ok());
            BOOST_TEST(givenNames(first->members)
                == (QStringList { QStringLiteral("Võ Thị Anh"), QStringLiteral("Nguyễn Thị Ánh"),
                    QStringLiteral("Trần Quốc Bình"), QStringLiteral("Lê Minh Đức") }));
            BOOST_TEST_REQUIRE(!first->next.isEmpty());
            query.after = first->next;
            auto second = repo.list(query);
            BOOST_TEST_REQUIRE(second.ok());
            BOOST_TEST(givenNames(second->members)
                == (QStringList { QStringLiteral("Ngô Thanh Hà"), QStringLiteral("Phạm Văn Hà") }));
            BOOST_TEST(second->next.isEmpty());

            query.after.clear();
            query.includeLeft = true;
            query.limit = 50;
            BOOST_TEST(repo.list(query)->members.size() == 7);

            MemberQuery search;
            search.orgUnitId = t.province.id;
            search.subtree = true;
            search.text = QStringLiteral("thi");
            BOOST_TEST(repo.list(search)->members.size() == 3); // Ánh, Anh, Bé: "Thị" folds to "thi"
            search.text = QStringLiteral("NGUYEN THI ANH");
            BOOST_TEST(repo.list(search)->members.size() == 1);
            search.text = QStringLiteral("dieu");
            BOOST_TEST(repo.list(search)->members.size() == 1);
            search.text.clear();
            search.orgUnitId = t.tranBien.id;
            BOOST_TEST(repo.list(search)->members.size() == 6);

            MemberQuery badLimit;
            badLimit.orgUnitId = t.cell1.id;
            badLimit.limit = 501;
            auto refused = repo.list(badLimit);
            BOOST_TEST_REQUIRE(!refused.ok());
            BOOST_TEST(fieldsOf(refused.error()) == QStringList { QStringLiteral("limit") });
            badLimit.limit = 10;
            badLimit.after = QStringLiteral("not-a-cursor!");
            BOOST_TEST(!repo.list(badLimit).ok());
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()
