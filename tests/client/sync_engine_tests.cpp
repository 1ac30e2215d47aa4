// SPDX-License-Identifier: GPL-3.0-or-later
#include "api_client.h"
#include "password_hasher.h"
#include "replica.h"
#include "store/content_repository.h"
#include "store/member_repository.h"
#include "store/org_repository.h"
#include "store/participation_repository.h"
#include "store/sql.h"
#include "store/user_repository.h"
#include "support/api_checks.h"
#include "support/demo_tree.h"
#include "support/qt_printing.h"
#include "support/sync_setup.h"
#include "sync_engine.h"

#include <QJsonArray>

#include <boost/test/unit_test.hpp>

using namespace sotay;
using namespace sotay::client;
using namespace sotay::test;

BOOST_AUTO_TEST_SUITE(sync_engine_tests)

BOOST_AUTO_TEST_CASE(the_first_sync_downloads_the_scope_and_nothing_else)
{
    for (const auto& db : allTestDatabases()) {
        BOOST_TEST_CONTEXT(db->label().toStdString())
        {
            SyncSetup setup(*db);
            auto replica = setup.openReplica();
            auto api = setup.officerClient();
            SyncEngine engine(*api, *replica);
            engine.pageSize = 2; // several pages, as a big province would need
            const SyncReport report = mustSync(engine);
            BOOST_TEST(report.unitsDownloaded == 4); // Trấn Biên, the school and its two cells
            BOOST_TEST(report.membersDownloaded == 2);
            BOOST_TEST(hasUnit(*replica, setup.tree.cell1.id));
            BOOST_TEST(!hasUnit(*replica, setup.tree.province.id));
            BOOST_TEST(!hasUnit(*replica, setup.tree.rubberCell.id));
            BOOST_TEST(hasMember(*replica, setup.inTranBien.id));
            BOOST_TEST(!hasMember(*replica, setup.inPhuRieng.id));
            // officers see the sensitive fields of their scope
            auto stored = replica->member(setup.inTranBien.id);
            BOOST_TEST_REQUIRE(stored.ok());
            BOOST_TEST(stored->fullName() == QStringLiteral("Nguyễn Thị Hoa"));
            BOOST_TEST(stored->citizenId == QStringLiteral("075180001234"));
            BOOST_TEST(replica->state(QStringLiteral("snapshot.phase")).value() == QStringLiteral("done"));
        }
    }
}

BOOST_AUTO_TEST_CASE(the_tree_history_comes_with_the_tree_and_follows_its_changes)
{
    for (const auto& db : allTestDatabases()) {
        BOOST_TEST_CONTEXT(db->label().toStdString())
        {
            SyncSetup setup(*db);
            auto replica = setup.openReplica();
            auto api = setup.officerClient();
            SyncEngine engine(*api, *replica);
            engine.pageSize = 2;
            BOOST_TEST_REQUIRE(
                OrgRepository(db->db()).ensureCategory(QStringLiteral("xa"), QStringLiteral("Xã")).ok());
            BOOST_TEST(mustSync(engine).periodsDownloaded == 4); // the scope's units, one period each
            BOOST_TEST(
                count(*replica, QStringLiteral("SELECT COUNT(*) FROM org_category WHERE name = 'Xã'")) == 1);
            BOOST_TEST(
                count(*replica, QStringLiteral("SELECT COUNT(*) FROM org_unit_period WHERE unit_id = ?"),
                    { setup.tree.rubberCell.id })
                == 0);

            // A rename dated in the past: the replica's tree as of a day before it keeps the old name.
            const auto renamed = setup.server.call("PATCH",
                QStringLiteral("/api/v1/orgs/%1").arg(setup.tree.cell2.id), setup.admin,
                { { QStringLiteral("name"), QStringLiteral("Chi bộ Tổ Toán - Tin") },
                    { QStringLiteral("decisionNumber"), QStringLiteral("40-QĐ/ĐU") },
                    { QStringLiteral("effectiveOn"), QStringLiteral("2026-06-01") } },
                { { "If-Match", std::to_string(setup.tree.cell2.version) } });
            BOOST_TEST_REQUIRE(renamed.status == 200, renamed.body.toStdString());
            BOOST_TEST(mustSync(engine).periodsDownloaded == 5);
            const OrgRepository history(replica->db());
            const auto nameOn = [&](QDate day) {
                auto tree = history.treeAsOf(day);
                BOOST_TEST_REQUIRE(tree.ok());
                for (const OrgUnit& unit : *tree)
                    if (unit.id == setup.tree.cell2.id)
                        return unit.name;
                return QString();
            };
            BOOST_TEST(nameOn(QDate(2026, 5, 31)) == setup.tree.cell2.name);
            BOOST_TEST(nameOn(QDate(2026, 6, 1)) == QStringLiteral("Chi bộ Tổ Toán - Tin"));
            BOOST_TEST(nameOn(QDate(2025, 6, 30)).isEmpty()); // before the tree was founded

            // Nothing changed in the tree: the history is not read again.
            BOOST_TEST(mustSync(engine).periodsDownloaded == 0);
        }
    }
}

BOOST_AUTO_TEST_CASE(later_syncs_apply_only_the_changes_in_scope)
{
    for (const auto& db : allTestDatabases()) {
        BOOST_TEST_CONTEXT(db->label().toStdString())
        {
            SyncSetup setup(*db);
            auto replica = setup.openReplica();
            auto api = setup.officerClient();
            SyncEngine engine(*api, *replica);
            mustSync(engine);

            const Member added = addMemberWithoutCard(db->db(), setup.tree.cell2.id, "Lê", "Minh", "Tâm");
            addMemberWithoutCard(
                db->db(), setup.tree.rubberCell.id, "Hồ", "", "Bé"); // outside the officer's scope
            auto renamed = OrgRepository(db->db()).rename(setup.tree.cell1.id,
                QStringLiteral("Chi bộ Giáo viên"), decision("9-QĐ/ĐU", QDate(2026, 2, 1)), testContext());
            BOOST_TEST_REQUIRE(renamed.ok());

            const SyncReport report = mustSync(engine);
            BOOST_TEST(report.unitsDownloaded == 0);
            BOOST_TEST(report.changesApplied == 2); // the new member and the rename
            BOOST_TEST(hasMember(*replica, added.id));
            BOOST_TEST(count(*replica, QStringLiteral("SELECT COUNT(*) FROM member")) == 3);
            BOOST_TEST(OrgRepository(replica->db()).find(setup.tree.cell1.id)->name
                == QStringLiteral("Chi bộ Giáo viên"));

            const SyncReport nothing = mustSync(engine);
            BOOST_TEST(nothing.changesApplied == 0);
        }
    }
}

BOOST_AUTO_TEST_CASE(a_unit_moved_out_of_scope_leaves_the_replica_and_comes_back_with_its_members)
{
    for (const auto& db : allTestDatabases()) {
        BOOST_TEST_CONTEXT(db->label().toStdString())
        {
            SyncSetup setup(*db);
            auto replica = setup.openReplica();
            auto api = setup.officerClient();
            SyncEngine engine(*api, *replica);
            mustSync(engine);
            BOOST_TEST(hasMember(*replica, setup.inTranBien.id));

            OrgRepository tree(db->db());
            BOOST_TEST_REQUIRE(tree.move(setup.tree.school.id, setup.tree.phuRieng.id,
                                       decision("20-QĐ/TU", QDate(2026, 3, 1)), testContext())
                                   .ok());
            mustSync(engine);
            BOOST_TEST(!hasUnit(*replica, setup.tree.school.id));
            BOOST_TEST(!hasUnit(*replica, setup.tree.cell1.id));
            BOOST_TEST(!hasMember(*replica, setup.inTranBien.id));
            BOOST_TEST(hasUnit(*replica, setup.tree.tranBien.id));

            BOOST_TEST_REQUIRE(tree.move(setup.tree.school.id, setup.tree.tranBien.id,
                                       decision("21-QĐ/TU", QDate(2026, 4, 1)), testContext())
                                   .ok());
            mustSync(engine);
            BOOST_TEST(hasUnit(*replica, setup.tree.cell2.id));
            BOOST_TEST(hasMember(*replica, setup.inTranBien.id));
            BOOST_TEST(hasMember(*replica, setup.alsoInTranBien.id));
        }
    }
}

BOOST_AUTO_TEST_CASE(edits_made_offline_are_pushed_in_order_once)
{
    for (const auto& db : allTestDatabases()) {
        BOOST_TEST_CONTEXT(db->label().toStdString())
        {
            SyncSetup setup(*db);
            auto replica = setup.openReplica();
            auto api = setup.officerClient();
            SyncEngine engine(*api, *replica);
            mustSync(engine);

            const QString memberPath = QStringLiteral("/api/v1/members/%1").arg(setup.inTranBien.id);
            BOOST_TEST_REQUIRE(
                replica
                    ->enqueue(QStringLiteral("PATCH"), memberPath,
                        { { QStringLiteral("hometown"), QStringLiteral("Huế") } }, setup.inTranBien.version)
                    .ok());
            QJsonObject newcomer { { QStringLiteral("orgUnitId"), setup.tree.cell2.id },
                { QStringLiteral("familyName"), QStringLiteral("Vũ") },
                { QStringLiteral("middleName"), QStringLiteral("Thu") },
                { QStringLiteral("givenName"), QStringLiteral("Trang") },
                { QStringLiteral("gender"), QStringLiteral("female") },
                { QStringLiteral("birthDate"), QStringLiteral("1995-04-30") },
                { QStringLiteral("admittedOn"), QStringLiteral("2026-03-03") } };
            const auto created
                = replica->enqueue(QStringLiteral("POST"), QStringLiteral("/api/v1/members"), newcomer);
            BOOST_TEST_REQUIRE(created.ok());

            // Offline: nothing leaves, nothing is lost.
            ApiClient offline(QUrl(QStringLiteral("http://127.0.0.1:1")), TlsSettings {},
                ApiClient::Options { 2000, 1, 10 });
            SyncEngine cutOff(offline, *replica);
            auto failed = cutOff.syncOnce();
            BOOST_TEST_REQUIRE(!failed.ok());
            BOOST_TEST((failureOf(failed.error()) == SyncFailure::Offline));
            BOOST_TEST(replica->pendingCount().value() == 2);
            // Refused before it was sent: the user can still withdraw or rewrite it.
            auto firstEntry = replica->pending();
            BOOST_TEST_REQUIRE(firstEntry.ok());
            BOOST_TEST(firstEntry->front().state == QStringLiteral("pending"));
            // One an earlier sync may have sent stays taken, even when this attempt could not connect.
            BOOST_TEST_REQUIRE(replica->claim(firstEntry->front().id).value());
            BOOST_TEST_REQUIRE(!cutOff.syncOnce().ok());
            BOOST_TEST(replica->entry(firstEntry->front().id)->state == QStringLiteral("sending"));

            // Back online: pushed in order, then the same POST again as if its answer had been lost.
            const SyncReport report = mustSync(engine);
            BOOST_TEST(report.pushed == 2);
            BOOST_TEST(replica->pendingCount().value() == 0);
            BOOST_TEST(
                MemberRepository(db->db()).find(setup.inTranBien.id)->hometown == QStringLiteral("Huế"));
            const auto before = countRows(db->db(), QStringLiteral("member"));
            BOOST_TEST_REQUIRE(sql::exec(replica->db(),
                QStringLiteral("UPDATE outbox SET state = 'pending' WHERE id = ?"), { created->id })
                                   .ok());
            mustSync(engine);
            BOOST_TEST(
                countRows(db->db(), QStringLiteral("member")) == before); // replayed, not created twice
            BOOST_TEST(count(*replica, QStringLiteral("SELECT COUNT(*) FROM member WHERE given_name = ?"),
                           { QStringLiteral("Trang") })
                == 1);
        }
    }
}

BOOST_AUTO_TEST_CASE(an_edit_withdrawn_before_the_sync_takes_it_is_never_sent)
{
    for (const auto& db : allTestDatabases()) {
        BOOST_TEST_CONTEXT(db->label().toStdString())
        {
            SyncSetup setup(*db);
            auto replica = setup.openReplica();
            auto api = setup.officerClient();
            SyncEngine engine(*api, *replica);
            mustSync(engine);
            const QString path = QStringLiteral("/api/v1/members/%1").arg(setup.inTranBien.id);
            const auto first = replica->enqueue(QStringLiteral("PATCH"), path,
                { { QStringLiteral("hometown"), QStringLiteral("Huế") } }, setup.inTranBien.version);
            const auto second = replica->enqueue(QStringLiteral("PATCH"), path,
                { { QStringLiteral("hometown"), QStringLiteral("Hội An") } }, setup.inTranBien.version);
            BOOST_TEST_REQUIRE((first.ok() && second.ok()));

            // Taken by the sync, an edit can no longer be withdrawn or rewritten, but it still counts as
            // unsent until the server answers (a crash here sends it again, under the same key).
            BOOST_TEST(replica->claim(first->id).value());
            BOOST_TEST(!replica->withdraw(first->id).value());
            BOOST_TEST(!replica->replaceBody(first->id, {}).value());
            BOOST_TEST(replica->pendingCount().value() == 2);
            BOOST_TEST(replica->withdraw(second->id).value());
            BOOST_TEST(!replica->claim(second->id).value());

            const SyncReport report = mustSync(engine);
            BOOST_TEST(report.pushed == 1);
            BOOST_TEST(replica->pendingCount().value() == 0);
            BOOST_TEST(
                MemberRepository(db->db()).find(setup.inTranBien.id)->hometown == QStringLiteral("Huế"));
        }
    }
}

BOOST_AUTO_TEST_CASE(a_users_own_edits_follow_each_other_without_conflict)
{
    for (const auto& db : allTestDatabases()) {
        BOOST_TEST_CONTEXT(db->label().toStdString())
        {
            SyncSetup setup(*db);
            auto replica = setup.openReplica();
            auto api = setup.officerClient();
            SyncEngine engine(*api, *replica);
            mustSync(engine);
            const QString path = QStringLiteral("/api/v1/members/%1").arg(setup.inTranBien.id);
            // An event (no If-Match), then a correction made on the version before it, both unsent.
            BOOST_TEST_REQUIRE(replica
                                   ->enqueue(QStringLiteral("POST"), path + QStringLiteral("/events"),
                                       { { QStringLiteral("type"), QStringLiteral("exemption") },
                                           { QStringLiteral("occurredOn"), QStringLiteral("2026-11-20") } })
                                   .ok());
            BOOST_TEST_REQUIRE(
                replica
                    ->enqueue(QStringLiteral("PATCH"), path,
                        { { QStringLiteral("hometown"), QStringLiteral("Huế") } }, setup.inTranBien.version)
                    .ok());
            SyncReport report = mustSync(engine);
            BOOST_TEST(report.pushed == 2);
            BOOST_TEST(report.conflicts == 0);
            const auto stored = MemberRepository(db->db()).find(setup.inTranBien.id);
            BOOST_TEST(stored->exempt);
            BOOST_TEST(stored->hometown == QStringLiteral("Huế"));

            // A correction sent again after its answer was lost meets a 412 whose record already holds
            // it: taken as done, not as a conflict.
            const auto again = replica->enqueue(QStringLiteral("PATCH"), path,
                { { QStringLiteral("hometown"), QStringLiteral("Huế") } }, stored->version - 1);
            BOOST_TEST_REQUIRE(again.ok());
            report = mustSync(engine);
            BOOST_TEST(report.conflicts == 0);
            BOOST_TEST(report.pushed == 1);
            BOOST_TEST(replica->conflictCount().value() == 0);
        }
    }
}

BOOST_AUTO_TEST_CASE(a_stale_edit_is_kept_as_a_conflict_with_both_versions)
{
    for (const auto& db : allTestDatabases()) {
        BOOST_TEST_CONTEXT(db->label().toStdString())
        {
            SyncSetup setup(*db);
            auto replica = setup.openReplica();
            auto api = setup.officerClient();
            SyncEngine engine(*api, *replica);
            mustSync(engine);

            // someone else edits first
            Member other = setup.inTranBien;
            other.hometown = QStringLiteral("Nghệ An");
            BOOST_TEST_REQUIRE(MemberRepository(db->db()).update(other, other.version, testContext()).ok());

            BOOST_TEST_REQUIRE(
                replica
                    ->enqueue(QStringLiteral("PATCH"),
                        QStringLiteral("/api/v1/members/%1").arg(setup.inTranBien.id),
                        { { QStringLiteral("hometown"), QStringLiteral("Huế") } }, setup.inTranBien.version)
                    .ok());
            const SyncReport report = mustSync(engine);
            BOOST_TEST(report.conflicts == 1);
            const auto conflicts = replica->conflicts();
            BOOST_TEST_REQUIRE(conflicts->size() == 1);
            BOOST_TEST(conflicts->front().local.value(QStringLiteral("hometown")).toString()
                == QStringLiteral("Huế"));
            BOOST_TEST(conflicts->front().server.value(QStringLiteral("hometown")).toString()
                == QStringLiteral("Nghệ An"));
            BOOST_TEST(conflicts->front().entityId == setup.inTranBien.id);
            // the server's version was not overwritten, and the replica shows it
            BOOST_TEST(
                MemberRepository(db->db()).find(setup.inTranBien.id)->hometown == QStringLiteral("Nghệ An"));
            BOOST_TEST(MemberRepository(replica->db()).find(setup.inTranBien.id)->hometown
                == QStringLiteral("Nghệ An"));
            BOOST_TEST(replica->pendingCount().value() == 0);
        }
    }
}

BOOST_AUTO_TEST_CASE(the_first_download_says_how_many_of_how_many_per_table_across_a_resume)
{
    for (const auto& db : allTestDatabases()) {
        BOOST_TEST_CONTEXT(db->label().toStdString())
        {
            SyncSetup setup(*db);
            auto replica = setup.openReplica();
            auto api = setup.officerClient();
            SyncEngine engine(*api, *replica);
            engine.pageSize = 1;
            std::vector<SyncProgress> seen;
            std::atomic<bool> cancel { false };
            auto cancelled = engine.syncOnce(
                [&](const SyncProgress& progress) {
                    seen.push_back(progress);
                    cancel = true;
                },
                &cancel);
            BOOST_TEST_REQUIRE(!cancelled.ok());
            BOOST_TEST_REQUIRE(seen.size() == 1U);
            BOOST_TEST(seen.front().done == 1);
            BOOST_TEST(seen.front().total == 4); // Trấn Biên, the school and its two cells

            seen.clear();
            BOOST_TEST_REQUIRE(
                engine.syncOnce([&](const SyncProgress& progress) { seen.push_back(progress); }).ok());
            std::vector<std::pair<qint64, qint64>> units;
            std::vector<std::pair<qint64, qint64>> members;
            for (const SyncProgress& progress : seen) {
                if (progress.phase == QStringLiteral("Đang tải cây tổ chức"))
                    units.emplace_back(progress.done, progress.total);
                else if (progress.phase == QStringLiteral("Đang tải danh sách đảng viên"))
                    members.emplace_back(progress.done, progress.total);
            }
            // The resumed download counts on from the unit it already had, each table against its own total.
            const std::vector<std::pair<qint64, qint64>> unitsExpected { { 2, 4 }, { 3, 4 }, { 4, 4 } };
            const std::vector<std::pair<qint64, qint64>> membersExpected { { 1, 2 }, { 2, 2 } };
            BOOST_TEST((units == unitsExpected));
            BOOST_TEST((members == membersExpected));
        }
    }
}

BOOST_AUTO_TEST_CASE(a_refused_edit_keeps_the_servers_reason_until_the_user_settles_it)
{
    for (const auto& db : allTestDatabases()) {
        BOOST_TEST_CONTEXT(db->label().toStdString())
        {
            SyncSetup setup(*db);
            auto replica = setup.openReplica();
            auto api = setup.officerClient();
            SyncEngine engine(*api, *replica);
            mustSync(engine);

            // Chi bộ 1 still has Hoa: the server refuses to dissolve it and says why.
            const auto dissolve = replica->enqueue(QStringLiteral("POST"),
                QStringLiteral("/api/v1/orgs/%1/dissolve").arg(setup.tree.cell1.id),
                { { QStringLiteral("decisionNumber"), QStringLiteral("14-QĐ/ĐU") },
                    { QStringLiteral("effectiveOn"), QStringLiteral("2026-11-20") } });
            // Two wrong fields: the server's summary alone would not say which.
            const auto correction = replica->enqueue(QStringLiteral("PATCH"),
                QStringLiteral("/api/v1/members/%1").arg(setup.inTranBien.id),
                { { QStringLiteral("citizenId"), QStringLiteral("07518") },
                    { QStringLiteral("birthDate"), QStringLiteral("2030-01-01") } },
                setup.inTranBien.version);
            BOOST_TEST_REQUIRE((dissolve.ok() && correction.ok()));
            const SyncReport report = mustSync(engine);
            BOOST_TEST(report.refused == 2);
            BOOST_TEST(replica->refusedCount().value() == 2);

            auto unsettled = replica->unsettled();
            BOOST_TEST_REQUIRE(unsettled.ok());
            BOOST_TEST_REQUIRE(unsettled->size() == 2);
            const OutboxEntry& refusedDissolve = unsettled->at(0).entry;
            BOOST_TEST(refusedDissolve.id == dissolve->id);
            BOOST_TEST(!unsettled->at(0).conflict.has_value());
            BOOST_TEST(refusedDissolve.state == QStringLiteral("refused"));
            BOOST_TEST(refusedDissolve.message.contains(QStringLiteral("Chưa thể giải thể")));
            BOOST_TEST(refusedDissolve.message.contains(QStringLiteral("1 đảng viên")));
            BOOST_TEST(refusedDissolve.createdAt.isValid());
            BOOST_TEST(refusedDissolve.createdAt.secsTo(QDateTime::currentDateTimeUtc()) < 3600);
            const QString fieldsReason = unsettled->at(1).entry.message;
            BOOST_TEST(
                fieldsReason.contains(QStringLiteral("căn cước công dân")), fieldsReason.toStdString());
            BOOST_TEST(fieldsReason.contains(QStringLiteral("Ngày sinh")), fieldsReason.toStdString());

            // A conflict joins the list with both versions.
            Member other = setup.alsoInTranBien;
            other.hometown = QStringLiteral("Nghệ An");
            BOOST_TEST_REQUIRE(MemberRepository(db->db()).update(other, other.version, testContext()).ok());
            BOOST_TEST_REQUIRE(
                replica
                    ->enqueue(QStringLiteral("PATCH"), QStringLiteral("/api/v1/members/%1").arg(other.id),
                        { { QStringLiteral("hometown"), QStringLiteral("Huế") } },
                        setup.alsoInTranBien.version)
                    .ok());
            BOOST_TEST(mustSync(engine).conflicts == 1);
            unsettled = replica->unsettled();
            BOOST_TEST_REQUIRE(unsettled->size() == 3);
            BOOST_TEST_REQUIRE(unsettled->at(2).conflict.has_value());
            BOOST_TEST(unsettled->at(2).conflict->server.value(QStringLiteral("hometown")).toString()
                == QStringLiteral("Nghệ An"));
            BOOST_TEST(!unsettled->at(2).entry.message.isEmpty());

            // Dropping: only a refused edit, once. A settled conflict leaves the list.
            BOOST_TEST(!replica->discardRefused(unsettled->at(2).entry.id).value());
            BOOST_TEST(replica->discardRefused(dissolve->id).value());
            BOOST_TEST(!replica->discardRefused(dissolve->id).value());
            BOOST_TEST_REQUIRE(replica->resolveConflict(unsettled->at(2).conflict->id).ok());

            // Corrected and sent again in place of the refused one: taken this time.
            const auto resent = replica->replaceRefused(correction->id, QStringLiteral("PATCH"),
                QStringLiteral("/api/v1/members/%1").arg(setup.inTranBien.id),
                { { QStringLiteral("citizenId"), QStringLiteral("075180005678") } },
                setup.inTranBien.version);
            BOOST_TEST_REQUIRE(resent.ok());
            BOOST_TEST(
                !replica->replaceRefused(correction->id, QStringLiteral("PATCH"), QStringLiteral("/x"), {})
                     .ok()); // gone already: nothing queued twice
            BOOST_TEST(replica->unsettled()->isEmpty());
            BOOST_TEST(replica->pendingCount().value() == 1);
            BOOST_TEST(mustSync(engine).pushed == 1);
            BOOST_TEST(MemberRepository(db->db()).find(setup.inTranBien.id)->citizenId
                == QStringLiteral("075180005678"));
        }
    }
}

BOOST_AUTO_TEST_CASE(an_expired_session_stops_the_sync_and_keeps_unsent_edits)
{
    for (const auto& db : allTestDatabases()) {
        BOOST_TEST_CONTEXT(db->label().toStdString())
        {
            SyncSetup setup(*db);
            auto replica = setup.openReplica();
            auto api = setup.officerClient();
            SyncEngine engine(*api, *replica);
            engine.pageSize = 1;
            // The first page goes through, then the session is gone.
            std::atomic<bool> cancel { false };
            auto cancelled = engine.syncOnce([&cancel](const SyncProgress&) { cancel = true; }, &cancel);
            BOOST_TEST_REQUIRE(!cancelled.ok());
            BOOST_TEST((failureOf(cancelled.error()) == SyncFailure::Cancelled));
            BOOST_TEST(count(*replica, QStringLiteral("SELECT COUNT(*) FROM org_unit")) == 1);

            BOOST_TEST_REQUIRE(
                replica
                    ->enqueue(QStringLiteral("PATCH"),
                        QStringLiteral("/api/v1/members/%1").arg(setup.inTranBien.id),
                        { { QStringLiteral("hometown"), QStringLiteral("Huế") } }, setup.inTranBien.version)
                    .ok());
            setup.server.advanceClock(qint64 { 31 } * 60);
            auto expired = engine.syncOnce();
            BOOST_TEST_REQUIRE(!expired.ok());
            BOOST_TEST((failureOf(expired.error()) == SyncFailure::SessionExpired));
            BOOST_TEST(replica->pendingCount().value() == 1);

            // Signing in again resumes the download where it stopped and sends the edit.
            BOOST_TEST_REQUIRE(
                signIn(*api, QStringLiteral("officer.tb"), QStringLiteral("mat-khau-officer.tb")).ok());
            const SyncReport report = mustSync(engine);
            BOOST_TEST(report.pushed == 1);
            BOOST_TEST(report.unitsDownloaded == 3);
            BOOST_TEST(count(*replica, QStringLiteral("SELECT COUNT(*) FROM member")) == 2);
        }
    }
}

// Published content reaches the officer's replica: what was there before the first sync comes with the
// download, later items with the feed; an item moved out of the scope leaves; drafts of others never come.
BOOST_AUTO_TEST_CASE(published_content_comes_with_the_download_and_follows_the_feed)
{
    for (const auto& db : allTestDatabases()) {
        BOOST_TEST_CONTEXT(db->label().toStdString())
        {
            SyncSetup setup(*db);
            const auto post = [&](const char* title, qint64 unit) {
                const QJsonObject body { { QStringLiteral("kind"), QStringLiteral("news") },
                    { QStringLiteral("title"), QString::fromUtf8(title) },
                    { QStringLiteral("body"), QStringLiteral("Nội dung.") },
                    { QStringLiteral("audience"), QJsonArray { unit } } };
                const auto created
                    = setup.server.call("POST", QStringLiteral("/api/v1/content"), setup.admin, body);
                BOOST_TEST_REQUIRE(created.status == 201, describe(created));
                return created.json();
            };
            const auto act = [&](const QJsonObject& item, const char* suffix, const QJsonObject& body = {}) {
                const auto answer = setup.server.call(suffix[0] == 0 ? "PATCH" : "POST",
                    QStringLiteral("/api/v1/content/%1%2")
                        .arg(item.value(QStringLiteral("id")).toInteger())
                        .arg(QString::fromLatin1(suffix)),
                    setup.admin, body, ifMatch(item.value(QStringLiteral("version")).toInteger()));
                BOOST_TEST_REQUIRE(answer.status == 200, describe(answer));
                return answer.json();
            };
            const auto held = [&](const client::Replica& replica, const QJsonObject& item) {
                return count(replica, QStringLiteral("SELECT COUNT(*) FROM content_item WHERE id = ?"),
                           { item.value(QStringLiteral("id")).toInteger() })
                    == 1;
            };
            const QJsonObject province = act(post("Toàn tỉnh", setup.tree.province.id), "/publish");
            const QJsonObject draft = post("Nháp của tỉnh", setup.tree.province.id);
            const QJsonObject far = act(post("Phú Riềng", setup.tree.phuRieng.id), "/publish");

            auto replica = setup.openReplica();
            auto api = setup.officerClient();
            SyncEngine engine(*api, *replica);
            std::vector<SyncProgress> seen;
            auto first = engine.syncOnce([&](const SyncProgress& progress) { seen.push_back(progress); });
            BOOST_TEST_REQUIRE(first.ok(), (first.ok() ? "" : first.error().message.toStdString()));
            BOOST_TEST(first->contentDownloaded == 1);
            BOOST_TEST(held(*replica, province));
            BOOST_TEST(!held(*replica, draft));
            BOOST_TEST(!held(*replica, far));
            BOOST_TEST(
                count(*replica,
                    QStringLiteral(
                        "SELECT COUNT(*) FROM content_audience WHERE content_id = ? AND org_unit_id = ?"),
                    { province.value(QStringLiteral("id")).toInteger(), setup.tree.province.id })
                == 1);
            const auto loading = std::find_if(seen.begin(), seen.end(),
                [](const SyncProgress& p) { return p.phase == QStringLiteral("Đang tải tin bài, văn bản"); });
            BOOST_TEST_REQUIRE((loading != seen.end()));
            BOOST_TEST(loading->done == 1);
            BOOST_TEST(loading->total == 1);
            // The replica reads it back through the same repository as the server.
            auto stored
                = ContentRepository(replica->db()).find(province.value(QStringLiteral("id")).toInteger());
            BOOST_TEST_REQUIRE(stored.ok());
            BOOST_TEST(stored->title == QStringLiteral("Toàn tỉnh"));
            BOOST_TEST((stored->state == ContentState::Published));

            // Later: a new item to the school arrives, the province's is archived, and one moved to Phú Riềng
            // leaves.
            const QJsonObject school = act(post("Trường Ngô Quyền", setup.tree.school.id), "/publish");
            act(province, "/archive");
            mustSync(engine);
            BOOST_TEST(held(*replica, school));
            auto archived
                = ContentRepository(replica->db()).find(province.value(QStringLiteral("id")).toInteger());
            BOOST_TEST_REQUIRE(archived.ok());
            BOOST_TEST((archived->state == ContentState::Archived));
            act(school, "", { { QStringLiteral("audience"), QJsonArray { setup.tree.rubberCell.id } } });
            mustSync(engine);
            BOOST_TEST(!held(*replica, school));
            BOOST_TEST(
                count(*replica, QStringLiteral("SELECT COUNT(*) FROM content_audience WHERE content_id = ?"),
                    { school.value(QStringLiteral("id")).toInteger() })
                == 0);
        }
    }
}

// A cell's participation aggregate reaches the replica of the officer over it through the feed, once the
// server's batch has written it there; an aggregate of a cell outside the scope never does.
BOOST_AUTO_TEST_CASE(participation_aggregates_follow_the_feed_into_the_replica)
{
    for (const auto& db : allTestDatabases()) {
        BOOST_TEST_CONTEXT(db->label().toStdString())
        {
            SyncSetup setup(*db);
            auto replica = setup.openReplica();
            auto api = setup.officerClient();
            SyncEngine engine(*api, *replica);
            mustSync(engine);

            auto author = UserRepository(db->db()).findByUsername(QStringLiteral("admin"));
            BOOST_TEST_REQUIRE((author.ok() && author->has_value()));
            ContentItem item;
            item.kind = ContentKind::News;
            item.title = QStringLiteral("Tin toàn tỉnh");
            item.body = QStringLiteral("Nội dung.");
            item.authorUserId = (*author)->id;
            item.audience = { setup.tree.province.id };
            auto created = ContentRepository(db->db()).create(item, testContext());
            BOOST_TEST_REQUIRE(created.ok());
            ParticipationRepository participation(db->db());
            BOOST_TEST_REQUIRE(
                participation
                    .recordOpened(setup.inTranBien.id, setup.tree.cell1.id, created->id, testContext())
                    .ok());
            BOOST_TEST_REQUIRE(
                participation
                    .recordOpened(setup.inPhuRieng.id, setup.tree.rubberCell.id, created->id, testContext())
                    .ok());
            const auto held = [&](qint64 cell) {
                return count(*replica,
                    QStringLiteral("SELECT COUNT(*) FROM participation_month WHERE cell_id = ?"), { cell });
            };
            mustSync(engine);
            BOOST_TEST(held(setup.tree.cell1.id) == 0); // not in the feed until the batch runs
            BOOST_TEST_REQUIRE(participation.flushPending(testContext()).ok());
            mustSync(engine);
            BOOST_TEST(held(setup.tree.cell1.id) == 1);
            BOOST_TEST(held(setup.tree.rubberCell.id) == 0);
            BOOST_TEST(count(*replica,
                           QStringLiteral("SELECT items_opened FROM participation_month WHERE cell_id = ?"),
                           { setup.tree.cell1.id })
                == 1);

            // A replica made afterwards gets the aggregates with its first download.
            auto fresh = client::Replica::open(setup.replicaFolder.filePath(QStringLiteral("fresh.sqlite")));
            BOOST_TEST_REQUIRE(fresh.ok());
            BOOST_TEST_REQUIRE((*fresh)->unlock(kReplicaPassword, PasswordHasher::Cost::minimal()).ok());
            SyncEngine first(*api, **fresh);
            const SyncReport report = mustSync(first);
            BOOST_TEST(report.participationDownloaded == 1);
            BOOST_TEST(
                count(**fresh, QStringLiteral("SELECT COUNT(*) FROM participation_month WHERE cell_id = ?"),
                    { setup.tree.cell1.id })
                == 1);
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()
