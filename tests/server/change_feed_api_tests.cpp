// SPDX-License-Identifier: GPL-3.0-or-later
// The change feed over HTTP. A deterministic pseudo-random sequence of writes (units created, renamed and
// moved in and out of an officer's scope, members created, corrected, exempted and transferred, accounts
// created) is checked against a model of the tree kept by the test: the administrator's feed is complete,
// ordered and without gaps; paging returns what one page does; an officer, a secretary and a member each see
// exactly the rows about objects in their scope, with `removed` for those that left it.
#include "org/org_rules.h"
#include "support/api_checks.h"
#include "support/demo_tree.h"
#include "support/qt_printing.h"
#include "support/running_server.h"
#include "support/test_database.h"

#include <QJsonArray>
#include <QSet>

#include <boost/test/unit_test.hpp>

#include <atomic>
#include <functional>
#include <map>
#include <random>
#include <set>
#include <thread>
#include <vector>

using namespace sotay;
using namespace sotay::test;

namespace {

struct FeedItem {
    qint64 seq = 0;
    QString entity;
    qint64 id = 0;
    QString change;
    QJsonObject data;
};

QString feedUrl(qint64 since, int limit)
{
    return QStringLiteral("/api/v1/changes?since=%1&limit=%2").arg(since).arg(limit);
}

// Every item after `since`, page by page; checks the paging fields on the way.
std::vector<FeedItem> readFeed(
    const RunningServer& server, const QString& token, qint64 since, int limit = 1000)
{
    std::vector<FeedItem> items;
    for (int page = 0; page < 10000; ++page) {
        const auto answer = server.call("GET", feedUrl(since, limit), token);
        BOOST_TEST_REQUIRE(answer.status == 200, describe(answer));
        const QJsonObject body = answer.json();
        const QJsonArray rows = body.value(QStringLiteral("items")).toArray();
        for (const auto& value : rows) {
            const QJsonObject row = value.toObject();
            items.push_back({ row.value(QStringLiteral("seq")).toInteger(),
                row.value(QStringLiteral("entity")).toString(), row.value(QStringLiteral("id")).toInteger(),
                row.value(QStringLiteral("change")).toString(),
                row.value(QStringLiteral("data")).toObject() });
        }
        const qint64 next = body.value(QStringLiteral("next")).toInteger();
        BOOST_TEST(next == (rows.isEmpty() ? since : items.back().seq));
        const bool more = body.value(QStringLiteral("more")).toBool();
        if (more)
            BOOST_TEST(rows.size() == limit);
        since = next;
        if (!more)
            return items;
    }
    BOOST_FAIL("the feed never ended");
    return items;
}

QList<qint64> seqsOf(const std::vector<FeedItem>& items)
{
    QList<qint64> seqs;
    for (const auto& item : items)
        seqs.append(item.seq);
    return seqs;
}

// One feed row the test expects: the object and where it was before and after the write ("" = nowhere).
struct Touch {
    QString entity;
    qint64 id = 0;
    QString before;
    QString after;
};

// The tree, the rosters and the accounts as the test made them, independently of the server.
struct Model {
    struct Unit {
        std::optional<qint64> parent;
        OrgKind kind;
    };
    std::map<qint64, Unit> units;
    std::map<qint64, qint64> memberCell; // member -> roster unit
    std::map<qint64, qint64> userScope;  // secretary account -> scope unit

    QString path(qint64 id) const
    {
        const Unit& unit = units.at(id);
        return QString((unit.parent ? path(*unit.parent) : QStringLiteral("/")) + QString::number(id) + u'/');
    }
    bool within(qint64 id, qint64 ancestor) const
    {
        for (std::optional<qint64> at = id; at; at = units.at(*at).parent)
            if (*at == ancestor)
                return true;
        return false;
    }
    QList<qint64> unitsWhere(const std::function<bool(qint64, const Unit&)>& keep) const
    {
        QList<qint64> ids;
        for (const auto& [id, unit] : units)
            if (keep(id, unit))
                ids.append(id);
        return ids;
    }
    QList<qint64> cells() const
    {
        return unitsWhere([](qint64, const Unit& u) { return canHoldMembers(u.kind); });
    }
    QList<qint64> members() const
    {
        QList<qint64> ids;
        for (const auto& [id, cell] : memberCell)
            ids.append(id);
        return ids;
    }
};

// The random writes, each through the HTTP API, each returning the rows it should have added to the feed.
class Writer {
public:
    Writer(const RunningServer& server, Model& model, const QString& admin, const QString& officer,
        qint64 officerScope)
        : m_server(server)
        , m_model(model)
        , m_admin(admin)
        , m_officer(officer)
        , m_officerScope(officerScope)
    {
    }

    std::optional<std::vector<Touch>> step(int step)
    {
        m_step = step;
        const unsigned kind = pick(20);
        if (kind < 3)
            return createUnit();
        if (kind < 5)
            return renameUnit();
        if (kind < 9)
            return moveUnit();
        if (kind < 12)
            return createMember();
        if (kind < 14)
            return correctMember();
        if (kind < 16)
            return exemptMember();
        if (kind < 19)
            return transferMember();
        return createAccount();
    }

private:
    unsigned pick(std::size_t n) { return static_cast<unsigned>(m_random() % n); }
    template <typename T> T pickFrom(const QList<T>& list)
    {
        return list.at(pick(static_cast<std::size_t>(list.size())));
    }
    // The officer writes when everything involved lies in the officer's scope, half of the time.
    QString actor(std::initializer_list<qint64> units)
    {
        bool inside = true;
        for (const qint64 unit : units)
            inside = inside && unit != m_officerScope && m_model.within(unit, m_officerScope);
        return inside && pick(2) == 0 ? m_officer : m_admin;
    }
    HttpAnswer require(const HttpAnswer& answer, int status, const char* what)
    {
        BOOST_TEST_REQUIRE(
            answer.status == status, "step " << m_step << " " << what << ": " << describe(answer));
        return answer;
    }
    qint64 versionOf(const QString& url)
    {
        return require(m_server.call("GET", url, m_admin), 200, "read")
            .json()
            .value(QStringLiteral("version"))
            .toInteger();
    }

    std::optional<std::vector<Touch>> createUnit()
    {
        const auto parents = m_model.unitsWhere([](qint64, const Model::Unit& u) {
            return u.kind == OrgKind::Upper || u.kind == OrgKind::BaseCommittee || canHoldMembers(u.kind);
        });
        const qint64 parent = pickFrom(parents);
        const OrgKind parentKind = m_model.units.at(parent).kind;
        const OrgKind kind = parentKind == OrgKind::Upper
            ? (pick(2) ? OrgKind::BaseCell : OrgKind::BaseCommittee)
            : parentKind == OrgKind::BaseCommittee ? OrgKind::Cell
                                                   : OrgKind::Group;
        const auto answer
            = require(m_server.call("POST", QStringLiteral("/api/v1/orgs"), actor({ parent }),
                          withDecision({ { QStringLiteral("parentId"), parent },
                              { QStringLiteral("kind"), toCode(kind) },
                              { QStringLiteral("code"), QStringLiteral("R%1").arg(m_step) },
                              { QStringLiteral("name"), QStringLiteral("Tổ chức thử %1").arg(m_step) } })),
                201, "create unit");
        const qint64 id = answer.json().value(QStringLiteral("id")).toInteger();
        m_model.units[id] = { parent, kind };
        return std::vector<Touch> { { QStringLiteral("org_unit"), id, {}, m_model.path(id) } };
    }

    std::optional<std::vector<Touch>> renameUnit()
    {
        const qint64 id
            = pickFrom(m_model.unitsWhere([](qint64, const Model::Unit& u) { return u.parent.has_value(); }));
        require(m_server.call("PATCH", orgUrl(id), actor({ id }),
                    withDecision({ { QStringLiteral("name"), QStringLiteral("Tên mới %1").arg(m_step) } }),
                    ifMatch(versionOf(orgUrl(id)))),
            200, "rename");
        return std::vector<Touch> { { QStringLiteral("org_unit"), id, m_model.path(id), m_model.path(id) } };
    }

    std::optional<std::vector<Touch>> moveUnit()
    {
        std::vector<std::pair<qint64, qint64>> moves;
        for (const auto& [id, unit] : m_model.units) {
            if (unit.kind == OrgKind::Province || unit.kind == OrgKind::Upper)
                continue;
            for (const auto& [parent, candidate] : m_model.units)
                if (canContain(candidate.kind, unit.kind) && parent != unit.parent
                    && !m_model.within(parent, id))
                    moves.emplace_back(id, parent);
        }
        if (moves.empty())
            return std::nullopt;
        const auto [id, parent] = moves.at(pick(moves.size()));
        std::map<std::pair<QString, qint64>, QString> before;
        for (const auto& [unit, state] : m_model.units)
            if (m_model.within(unit, id))
                before[{ QStringLiteral("org_unit"), unit }] = m_model.path(unit);
        for (const auto& [member, cell] : m_model.memberCell)
            if (m_model.within(cell, id))
                before[{ QStringLiteral("member"), member }] = m_model.path(cell);
        require(m_server.call("POST", orgUrl(id, "/move"), actor({ id, parent }),
                    withDecision({ { QStringLiteral("parentId"), parent } })),
            200, "move");
        m_model.units[id].parent = parent;
        std::vector<Touch> touches;
        for (const auto& [key, path] : before) {
            const qint64 unit = key.first == u"member" ? m_model.memberCell.at(key.second) : key.second;
            touches.push_back({ key.first, key.second, path, m_model.path(unit) });
        }
        return touches;
    }

    std::optional<std::vector<Touch>> createMember()
    {
        const qint64 cell = pickFrom(m_model.cells());
        const auto answer = require(m_server.call("POST", QStringLiteral("/api/v1/members"), actor({ cell }),
                                        newMemberJson(cell, QStringLiteral("Đinh"), QStringLiteral("Công"),
                                            QStringLiteral("Số%1").arg(m_step))),
            201, "create member");
        const qint64 id = answer.json().value(QStringLiteral("id")).toInteger();
        m_model.memberCell[id] = cell;
        return std::vector<Touch> { { QStringLiteral("member"), id, {}, m_model.path(cell) } };
    }

    std::optional<std::vector<Touch>> correctMember()
    {
        const qint64 id = pickFrom(m_model.members());
        const qint64 cell = m_model.memberCell.at(id);
        require(m_server.call("PATCH", memberUrl(id), actor({ cell }),
                    { { QStringLiteral("hometown"), QStringLiteral("Quê %1").arg(m_step) } },
                    ifMatch(versionOf(memberUrl(id)))),
            200, "correct member");
        return std::vector<Touch> { { QStringLiteral("member"), id, m_model.path(cell),
            m_model.path(cell) } };
    }

    std::optional<std::vector<Touch>> exemptMember()
    {
        const qint64 id = pickFrom(m_model.members());
        const qint64 cell = m_model.memberCell.at(id);
        const bool exempt = require(m_server.call("GET", memberUrl(id), m_admin), 200, "read member")
                                .json()
                                .value(QStringLiteral("exempt"))
                                .toBool();
        require(m_server.call("POST", memberUrl(id, "/events"), actor({ cell }),
                    { { QStringLiteral("type"),
                          exempt ? QStringLiteral("exemption_ended") : QStringLiteral("exemption") },
                        { QStringLiteral("occurredOn"), QStringLiteral("2026-11-01") } }),
            201, "exemption");
        return std::vector<Touch> { { QStringLiteral("member"), id, m_model.path(cell),
            m_model.path(cell) } };
    }

    std::optional<std::vector<Touch>> transferMember()
    {
        const qint64 id = pickFrom(m_model.members());
        const qint64 from = m_model.memberCell.at(id);
        QList<qint64> targets = m_model.cells();
        targets.removeAll(from);
        const qint64 to = pickFrom(targets);
        require(m_server.call("POST", memberUrl(id, "/events"), actor({ from, to }),
                    { { QStringLiteral("type"), QStringLiteral("transfer_out") },
                        { QStringLiteral("occurredOn"), QStringLiteral("2026-11-20") },
                        { QStringLiteral("permanent"), true }, { QStringLiteral("toOrgUnitId"), to },
                        { QStringLiteral("decisionNumber"), QStringLiteral("%1-QĐ/ĐU").arg(m_step) } }),
            201, "transfer");
        m_model.memberCell[id] = to;
        return std::vector<Touch> { { QStringLiteral("member"), id, m_model.path(from), m_model.path(to) } };
    }

    std::optional<std::vector<Touch>> createAccount()
    {
        const qint64 cell = pickFrom(m_model.cells());
        const auto answer
            = require(m_server.call("POST", QStringLiteral("/api/v1/users"), m_admin,
                          { { QStringLiteral("username"), QStringLiteral("bithu.r%1").arg(m_step) },
                              { QStringLiteral("password"), QStringLiteral("mat-khau-bi-thu-2026") },
                              { QStringLiteral("role"), QStringLiteral("secretary") },
                              { QStringLiteral("scopeOrgId"), cell } }),
                201, "create account");
        const qint64 id = answer.json().value(QStringLiteral("id")).toInteger();
        m_model.userScope[id] = cell;
        return std::vector<Touch> { { QStringLiteral("user"), id, {}, m_model.path(cell) } };
    }

    const RunningServer& m_server;
    Model& m_model;
    QString m_admin, m_officer;
    qint64 m_officerScope;
    std::mt19937 m_random { 20261125u };
    int m_step = 0;
};

// What one caller should find in the feed: the rows (in seq order) and, for each, whether the object is still
// visible now.
struct Expected {
    qint64 seq;
    Touch touch;
    bool visibleNow;
};

void checkFeed(const std::vector<FeedItem>& actual, const std::vector<Expected>& expected, bool sensitive,
    const Model& model, std::optional<qint64> ownMember = std::nullopt)
{
    QList<qint64> expectedSeqs;
    for (const auto& e : expected)
        expectedSeqs.append(e.seq);
    BOOST_TEST(seqsOf(actual) == expectedSeqs);
    if (actual.size() != expected.size())
        return;
    for (std::size_t i = 0; i < actual.size(); ++i) {
        const FeedItem& item = actual[i];
        const Expected& e = expected[i];
        BOOST_TEST_CONTEXT("seq " << item.seq << " " << item.entity.toStdString() << " " << item.id)
        {
            BOOST_TEST(item.entity == e.touch.entity);
            BOOST_TEST(item.id == e.touch.id);
            BOOST_TEST(item.change == (e.visibleNow ? QStringLiteral("upsert") : QStringLiteral("removed")));
            if (!e.visibleNow) {
                BOOST_TEST(item.data.isEmpty());
                continue;
            }
            BOOST_TEST(item.data.value(QStringLiteral("id")).toInteger() == item.id);
            if (item.entity == u"org_unit")
                BOOST_TEST(item.data.value(QStringLiteral("path")).toString() == model.path(item.id));
            if (item.entity == u"member") {
                BOOST_TEST(
                    item.data.value(QStringLiteral("orgUnitId")).toInteger() == model.memberCell.at(item.id));
                BOOST_TEST(hasSensitiveFields(item.data) == (sensitive || item.id == ownMember));
            }
        }
    }
}

} // namespace

BOOST_AUTO_TEST_SUITE(change_feed_api_tests)

BOOST_AUTO_TEST_CASE(after_random_writes_the_feed_is_complete_ordered_paged_and_scoped)
{
    for (const auto& db : allTestDatabases()) {
        BOOST_TEST_CONTEXT(db->label().toStdString())
        {
            const auto t = buildSmallTree(db->db());
            Model model;
            for (const OrgUnit& unit :
                { t.province, t.tranBien, t.school, t.cell1, t.cell2, t.phuRieng, t.rubberCell })
                model.units[unit.id] = { unit.parentId, unit.kind };
            const Member lan = addMember(db->db(), t.cell1.id, "Nguyễn", "Thị", "Lan");
            for (const Member& m : { lan, addMember(db->db(), t.cell1.id, "Trần", "Văn", "An"),
                     addMember(db->db(), t.cell2.id, "Lê", "Minh", "Châu"),
                     addMember(db->db(), t.rubberCell.id, "Phạm", "Thị", "Hoa") })
                model.memberCell[m.id] = m.orgUnitId;

            RunningServer server(*db);
            const QString admin = server.signInAsAdmin();
            const QString officer = server.addUser(
                admin, QStringLiteral("canbo.tranbien"), QStringLiteral("officer"), t.tranBien.id);
            const QString secretary = server.addUser(
                admin, QStringLiteral("bithu.chibo2"), QStringLiteral("secretary"), t.cell2.id);
            const QString member = server.addUser(
                admin, QStringLiteral("dangvien.lan"), QStringLiteral("member"), std::nullopt, lan.id);

            const std::vector<FeedItem> setUp = readFeed(server, admin, 0);
            BOOST_TEST_REQUIRE(!setUp.empty());
            const qint64 start = setUp.back().seq;
            qint64 officerNext = start;
            std::vector<FeedItem> officerIncremental;
            std::map<qint64, Touch> rows; // seq -> what the test expects that row to be about

            Writer writer(server, model, admin, officer, t.tranBien.id);
            qint64 last = start;
            int done = 0;
            for (int step = 1; done < 60 && step < 200; ++step) {
                const auto touches = writer.step(step);
                if (!touches)
                    continue;
                ++done;
                BOOST_TEST_CONTEXT("step " << step)
                {
                    // The administrator's feed has exactly one new row per object the write touched, in
                    // sequence.
                    const auto added = readFeed(server, admin, last, 3);
                    BOOST_TEST_REQUIRE(added.size() == touches->size());
                    std::map<std::pair<QString, qint64>, Touch> byObject;
                    for (const auto& touch : *touches)
                        byObject[{ touch.entity, touch.id }] = touch;
                    BOOST_TEST_REQUIRE(byObject.size() == touches->size());
                    for (const auto& item : added) {
                        BOOST_TEST_REQUIRE(item.seq == last + 1);
                        last = item.seq;
                        const auto found = byObject.find({ item.entity, item.id });
                        BOOST_TEST_REQUIRE((found != byObject.end()),
                            "unexpected row " << item.entity.toStdString() << " " << item.id);
                        BOOST_TEST(item.change == QStringLiteral("upsert"));
                        rows[item.seq] = found->second;
                        byObject.erase(found);
                    }
                    // The officer reads along as a replica would.
                    for (auto& item : readFeed(server, officer, officerNext, 5))
                        officerIncremental.push_back(std::move(item));
                    if (!officerIncremental.empty())
                        officerNext = officerIncremental.back().seq;
                }
            }
            BOOST_TEST(done == 60);
            BOOST_TEST_MESSAGE(db->label().toStdString()
                << ": 60 writes made " << rows.size() << " feed rows, "
                << std::count_if(rows.begin(), rows.end(),
                       [](const auto& r) {
                           return r.second.before != r.second.after && !r.second.before.isEmpty();
                       })
                << " of them moves");

            // Administrator: every row since the first, without a gap; small pages give what one page gives.
            const auto all = readFeed(server, admin, 0);
            for (std::size_t i = 0; i < all.size(); ++i)
                BOOST_TEST(all[i].seq == qint64(i) + 1);
            BOOST_TEST(all.back().seq == last);
            BOOST_TEST((seqsOf(readFeed(server, admin, 0, 7)) == seqsOf(all)));
            BOOST_TEST(countRows(db->db(), QStringLiteral("change_feed")) == last);

            // The others: exactly the rows whose object was in their scope before or after the write.
            const auto expectFor = [&](qint64 scopeUnit, bool users, std::optional<qint64> ownMember,
                                       bool otherMembers) {
                const QString scope = model.path(scopeUnit);
                const auto inScope
                    = [&scope](const QString& path) { return !path.isEmpty() && path.startsWith(scope); };
                std::vector<Expected> expected;
                for (const auto& [seq, touch] : rows) {
                    if (touch.entity == u"member" && ownMember && touch.id == *ownMember) {
                        expected.push_back({ seq, touch, true });
                        continue;
                    }
                    if ((touch.entity == u"user" && !users) || (touch.entity == u"member" && !otherMembers))
                        continue;
                    if (!inScope(touch.before) && !inScope(touch.after))
                        continue;
                    const qint64 unitNow = touch.entity == u"org_unit" ? touch.id
                        : touch.entity == u"member"                    ? model.memberCell.at(touch.id)
                                                                       : model.userScope.at(touch.id);
                    expected.push_back({ seq, touch, inScope(model.path(unitNow)) });
                }
                return expected;
            };

            BOOST_TEST_CONTEXT("officer")
            {
                const auto expected = expectFor(t.tranBien.id, true, std::nullopt, true);
                const auto feed = readFeed(server, officer, start);
                checkFeed(feed, expected, true, model);
                BOOST_TEST((seqsOf(readFeed(server, officer, start, 4)) == seqsOf(feed)));
                BOOST_TEST((seqsOf(officerIncremental) == seqsOf(feed)));
                const auto removed = std::count_if(
                    feed.begin(), feed.end(), [](const FeedItem& i) { return i.change == u"removed"; });
                BOOST_TEST(removed > 0);
                BOOST_TEST_MESSAGE("officer: " << feed.size() << " items, " << removed << " removed");
            }
            BOOST_TEST_CONTEXT("secretary")
            {
                const qint64 cell2 = t.cell2.id;
                const auto expected = expectFor(cell2, false, std::nullopt, true);
                const auto feed = readFeed(server, secretary, start);
                checkFeed(feed, expected, false, model);
                BOOST_TEST((seqsOf(readFeed(server, secretary, start, 4)) == seqsOf(feed)));
            }
            BOOST_TEST_CONTEXT("member")
            {
                const auto expected = expectFor(model.memberCell.at(lan.id), false, lan.id, false);
                const auto feed = readFeed(server, member, start);
                checkFeed(feed, expected, false, model, lan.id);
                BOOST_TEST((seqsOf(readFeed(server, member, start, 4)) == seqsOf(feed)));
                for (const auto& item : feed)
                    BOOST_TEST(
                        (item.entity == u"org_unit" || (item.entity == u"member" && item.id == lan.id)));
                BOOST_TEST(std::count_if(feed.begin(), feed.end(), [&lan](const FeedItem& i) {
                    return i.id == lan.id && i.entity == u"member";
                }) == std::count_if(rows.begin(), rows.end(), [&lan](const auto& r) {
                    return r.second.entity == u"member" && r.second.id == lan.id;
                }));
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(a_unit_that_moves_out_takes_its_members_out_of_an_officers_feed_and_back)
{
    for (const auto& db : allTestDatabases()) {
        BOOST_TEST_CONTEXT(db->label().toStdString())
        {
            const auto t = buildSmallTree(db->db());
            const Member lan = addMember(db->db(), t.cell1.id, "Nguyễn", "Thị", "Lan");
            const Member chau = addMember(db->db(), t.cell2.id, "Lê", "Minh", "Châu");
            RunningServer server(*db);
            const QString admin = server.signInAsAdmin();
            const QString officer = server.addUser(
                admin, QStringLiteral("canbo.tranbien"), QStringLiteral("officer"), t.tranBien.id);
            const auto initial = readFeed(server, officer, 0);
            BOOST_TEST_REQUIRE(!initial.empty());
            std::set<std::pair<QString, qint64>> seen;
            for (const auto& item : initial) {
                BOOST_TEST(item.change == QStringLiteral("upsert"));
                seen.insert({ item.entity, item.id });
            }
            BOOST_TEST(seen.count({ QStringLiteral("member"), lan.id }) == 1u);
            BOOST_TEST(seen.count({ QStringLiteral("org_unit"), t.rubberCell.id }) == 0u);
            const qint64 since = initial.back().seq;

            const auto move = [&](qint64 parent) {
                const auto answer = server.call("POST", orgUrl(t.school.id, "/move"), admin,
                    withDecision({ { QStringLiteral("parentId"), parent } }));
                BOOST_TEST_REQUIRE(answer.status == 200, describe(answer));
            };
            const auto changesSince = [&](qint64 from) {
                std::map<std::pair<QString, qint64>, QString> changes;
                for (const auto& item : readFeed(server, officer, from))
                    changes[{ item.entity, item.id }] = item.change;
                return changes;
            };
            const std::map<std::pair<QString, qint64>, QString> gone {
                { { QStringLiteral("org_unit"), t.school.id }, QStringLiteral("removed") },
                { { QStringLiteral("org_unit"), t.cell1.id }, QStringLiteral("removed") },
                { { QStringLiteral("org_unit"), t.cell2.id }, QStringLiteral("removed") },
                { { QStringLiteral("member"), lan.id }, QStringLiteral("removed") },
                { { QStringLiteral("member"), chau.id }, QStringLiteral("removed") },
            };
            move(t.phuRieng.id);
            BOOST_TEST((changesSince(since) == gone));

            const qint64 away = readFeed(server, admin, 0).back().seq;
            move(t.tranBien.id);
            std::map<std::pair<QString, qint64>, QString> back = gone;
            for (auto& [key, change] : back)
                change = QStringLiteral("upsert");
            BOOST_TEST((changesSince(away) == back));
        }
    }
}

// Sequence numbers are handed out before commit, so a feed could show a later change while an earlier one is
// still uncommitted and a reader that moved past it would never see it. Writers here commit side by side
// while a reader polls; everything the reader collected must be exactly the feed, in order.
BOOST_AUTO_TEST_CASE(a_reader_polling_while_writers_commit_never_skips_a_change)
{
    constexpr int kWriters = 4;
    constexpr int kWritesEach = 60;
    for (const auto& db : allTestDatabases()) {
        BOOST_TEST_CONTEXT(db->label().toStdString())
        {
            const auto t = buildSmallTree(db->db());
            std::vector<Member> members;
            for (int i = 0; i < kWriters; ++i)
                members.push_back(
                    addMemberWithoutCard(db->db(), i % 2 ? t.cell1.id : t.cell2.id, "Lê", "Thị", "Hoa"));
            RunningServer server(*db, 8);
            const QString admin = server.signInAsAdmin();
            const auto before = readFeed(server, admin, 0);
            const qint64 start = before.empty() ? 0 : before.back().seq;

            std::atomic<int> writing { kWriters };
            std::atomic<int> refused { 0 };
            std::vector<std::thread> writers;
            for (int w = 0; w < kWriters; ++w)
                writers.emplace_back([&, w] {
                    const QString url = QStringLiteral("/api/v1/members/%1").arg(members[size_t(w)].id);
                    qint64 version = members[size_t(w)].version;
                    for (int i = 0; i < kWritesEach; ++i) {
                        const auto answer = server.call("PATCH", url, admin,
                            { { QStringLiteral("hometown"), QStringLiteral("Quê %1-%2").arg(w).arg(i) } },
                            ifMatch(version));
                        if (answer.status != 200)
                            ++refused;
                        version = answer.json().value(QStringLiteral("version")).toInteger();
                    }
                    --writing;
                });
            QList<qint64> seen;
            qint64 since = start;
            bool last = false;
            while (!last) {
                last = writing.load() == 0; // one more read after the writers are done
                const auto answer = server.call("GET", feedUrl(since, 7), admin);
                BOOST_TEST_REQUIRE(answer.status == 200, describe(answer));
                for (const auto& row : answer.json().value(QStringLiteral("items")).toArray())
                    seen.append(row.toObject().value(QStringLiteral("seq")).toInteger());
                since = answer.json().value(QStringLiteral("next")).toInteger();
                if (answer.json().value(QStringLiteral("more")).toBool())
                    last = false;
            }
            for (auto& writer : writers)
                writer.join();

            BOOST_TEST(refused.load() == 0);
            BOOST_TEST(seen.size() == kWriters * kWritesEach);
            BOOST_TEST(seen == seqsOf(readFeed(server, admin, start)));
        }
    }
}

BOOST_AUTO_TEST_CASE(the_feed_checks_its_parameters_and_needs_a_signed_in_caller)
{
    for (const auto& db : allTestDatabases()) {
        BOOST_TEST_CONTEXT(db->label().toStdString())
        {
            buildSmallTree(db->db());
            RunningServer server(*db);
            const QString admin = server.signInAsAdmin();
            BOOST_TEST(server.call("GET", QStringLiteral("/api/v1/changes")).status == 401);

            for (const char* query : { "since=-1", "since=abc", "since=", "since=1.5" }) {
                const auto answer = server.call(
                    "GET", QString(QStringLiteral("/api/v1/changes?") + QString::fromLatin1(query)), admin);
                BOOST_TEST(answer.status == 400, query);
                BOOST_TEST(errorFields(answer) == QStringList { QStringLiteral("since") }, query);
            }
            for (const char* query : { "limit=0", "limit=1001", "limit=ten", "limit=-5" }) {
                const auto answer = server.call(
                    "GET", QString(QStringLiteral("/api/v1/changes?") + QString::fromLatin1(query)), admin);
                BOOST_TEST(answer.status == 400, query);
                BOOST_TEST(errorFields(answer) == QStringList { QStringLiteral("limit") }, query);
            }
            const auto unknown = server.call("GET", QStringLiteral("/api/v1/changes?after=3"), admin);
            BOOST_TEST(unknown.status == 400);
            BOOST_TEST(errorFields(unknown) == QStringList { QStringLiteral("after") });

            const auto all = readFeed(server, admin, 0);
            BOOST_TEST_REQUIRE(all.size() == 8u); // seven units and the administrator's account
            const auto beyond = server.call("GET", feedUrl(all.back().seq + 100, 10), admin).json();
            BOOST_TEST(beyond.value(QStringLiteral("items")).toArray().isEmpty());
            BOOST_TEST(beyond.value(QStringLiteral("next")).toInteger() == all.back().seq + 100);
            BOOST_TEST(!beyond.value(QStringLiteral("more")).toBool());
            const auto first = server.call("GET", feedUrl(0, 3), admin).json();
            BOOST_TEST(first.value(QStringLiteral("items")).toArray().size() == 3);
            BOOST_TEST(first.value(QStringLiteral("next")).toInteger() == 3);
            BOOST_TEST(first.value(QStringLiteral("more")).toBool());
            BOOST_TEST(stillServing(server));
        }
    }
}

BOOST_AUTO_TEST_CASE(the_head_says_how_much_the_first_download_brings_within_the_scope)
{
    for (const auto& db : allTestDatabases()) {
        BOOST_TEST_CONTEXT(db->label().toStdString())
        {
            const SmallTree t = buildSmallTree(db->db());
            const Member lan = addMember(db->db(), t.cell1.id, "Nguyễn", "Thị", "Lan");
            addMember(db->db(), t.cell2.id, "Lê", "Minh", "Châu");
            addMember(db->db(), t.rubberCell.id, "Phạm", "Thị", "Hoa");
            RunningServer server(*db);
            const QString admin = server.signInAsAdmin();
            const QString officer = server.addUser(
                admin, QStringLiteral("officer.tb"), QStringLiteral("officer"), t.tranBien.id);

            const QJsonObject whole = server.call("GET", QStringLiteral("/api/v1/sync/head"), admin).json();
            BOOST_TEST(whole.value(QStringLiteral("seq")).toInteger() > 0);
            BOOST_TEST(whole.value(QStringLiteral("units")).toInteger() == 7);
            BOOST_TEST(whole.value(QStringLiteral("members")).toInteger() == 3);

            const QJsonObject scoped
                = server.call("GET", QStringLiteral("/api/v1/sync/head"), officer).json();
            BOOST_TEST(scoped.value(QStringLiteral("units")).toInteger() == 4); // Trấn Biên and below
            BOOST_TEST(scoped.value(QStringLiteral("members")).toInteger() == 2);

            // A cell's secretary counts the cell alone; a member's account may not download.
            const QString secretary
                = server.addUser(admin, QStringLiteral("bithu.cb1"), QStringLiteral("secretary"), t.cell1.id);
            const QJsonObject cell
                = server.call("GET", QStringLiteral("/api/v1/sync/head"), secretary).json();
            BOOST_TEST(cell.value(QStringLiteral("units")).toInteger() == 1);
            BOOST_TEST(cell.value(QStringLiteral("members")).toInteger() == 1);
            const QString member = server.addUser(
                admin, QStringLiteral("dangvien.lan"), QStringLiteral("member"), t.cell1.id, lan.id);
            BOOST_TEST(server.call("GET", QStringLiteral("/api/v1/sync/head"), member).status == 403);
        }
    }
}

// Every download route and the feed, called as nobody, as a member's account and as each role of a scope:
// a missing or made-up token gets 401, a member's account gets 403 from the download routes, and each
// answer holds the caller's subtree only.
BOOST_AUTO_TEST_CASE(the_download_routes_need_a_session_refuse_members_and_stay_in_scope)
{
    for (const auto& db : allTestDatabases()) {
        BOOST_TEST_CONTEXT(db->label().toStdString())
        {
            const SmallTree t = buildSmallTree(db->db());
            const Member lan = addMember(db->db(), t.cell1.id, "Nguyễn", "Thị", "Lan");
            const Member chau = addMember(db->db(), t.cell2.id, "Lê", "Minh", "Châu");
            const Member hoa = addMember(db->db(), t.rubberCell.id, "Phạm", "Thị", "Hoa");
            RunningServer server(*db);
            const QString admin = server.signInAsAdmin();
            const QString officer = server.addUser(
                admin, QStringLiteral("officer.tb"), QStringLiteral("officer"), t.tranBien.id);
            const QString secretary
                = server.addUser(admin, QStringLiteral("bithu.cb1"), QStringLiteral("secretary"), t.cell1.id);
            const QString member = server.addUser(
                admin, QStringLiteral("dangvien.lan"), QStringLiteral("member"), t.cell1.id, lan.id);

            const QStringList downloads { QStringLiteral("/api/v1/sync/head"),
                QStringLiteral("/api/v1/sync/orgs"), QStringLiteral("/api/v1/sync/periods"),
                QStringLiteral("/api/v1/sync/members") };
            for (const QString& route : downloads + QStringList { QStringLiteral("/api/v1/changes") }) {
                BOOST_TEST(server.call("GET", route).status == 401, route.toStdString());
                BOOST_TEST(server.call("GET", route, QStringLiteral("khong-phai-phien-nao")).status == 401,
                    route.toStdString());
            }
            for (const QString& route : downloads)
                BOOST_TEST(server.call("GET", route, member).status == 403, route.toStdString());

            const auto ids = [&server](const QString& route, const QString& token, const char* idField) {
                const auto answer = server.call("GET", route, token);
                BOOST_TEST_REQUIRE(answer.status == 200, describe(answer));
                QSet<qint64> found;
                for (const auto& item : answer.json().value(QStringLiteral("items")).toArray())
                    found.insert(item.toObject().value(QString::fromLatin1(idField)).toInteger());
                return found;
            };
            const QSet<qint64> tranBienUnits { t.tranBien.id, t.school.id, t.cell1.id, t.cell2.id };
            BOOST_TEST((ids(QStringLiteral("/api/v1/sync/orgs"), officer, "id") == tranBienUnits));
            BOOST_TEST(
                (ids(QStringLiteral("/api/v1/sync/periods?limit=100"), officer, "unitId") == tranBienUnits));
            BOOST_TEST((ids(QStringLiteral("/api/v1/sync/members"), officer, "id")
                == QSet<qint64> { lan.id, chau.id }));
            BOOST_TEST(
                (ids(QStringLiteral("/api/v1/sync/orgs"), secretary, "id") == QSet<qint64> { t.cell1.id }));
            BOOST_TEST(
                (ids(QStringLiteral("/api/v1/sync/members"), secretary, "id") == QSet<qint64> { lan.id }));
            BOOST_TEST(ids(QStringLiteral("/api/v1/sync/members"), admin, "id").contains(hoa.id));

            // The feed: an officer's holds nothing of Phú Riềng; a member's holds its own record and its
            // cell's units, never another member.
            const auto feed = [&server](const QString& token) {
                const auto answer = server.call("GET", QStringLiteral("/api/v1/changes?limit=1000"), token);
                BOOST_TEST_REQUIRE(answer.status == 200, describe(answer));
                QSet<QString> found;
                for (const auto& item : answer.json().value(QStringLiteral("items")).toArray())
                    found.insert(item.toObject().value(QStringLiteral("entity")).toString() + u':'
                        + QString::number(item.toObject().value(QStringLiteral("id")).toInteger()));
                return found;
            };
            const QSet<QString> officerFeed = feed(officer);
            BOOST_TEST(officerFeed.contains(QStringLiteral("member:%1").arg(chau.id)));
            for (const QString& outside :
                { QStringLiteral("member:%1").arg(hoa.id), QStringLiteral("org_unit:%1").arg(t.rubberCell.id),
                    QStringLiteral("org_unit:%1").arg(t.phuRieng.id),
                    QStringLiteral("org_unit:%1").arg(t.province.id) })
                BOOST_TEST(!officerFeed.contains(outside), outside.toStdString());
            const QSet<QString> memberFeed = feed(member);
            BOOST_TEST(memberFeed.contains(QStringLiteral("member:%1").arg(lan.id)));
            for (const QString& entry : memberFeed)
                BOOST_TEST((entry == QStringLiteral("member:%1").arg(lan.id)
                               || entry == QStringLiteral("org_unit:%1").arg(t.cell1.id)),
                    entry.toStdString());
        }
    }
}

BOOST_AUTO_TEST_CASE(the_tree_history_is_paged_and_scoped)
{
    for (const auto& db : allTestDatabases()) {
        BOOST_TEST_CONTEXT(db->label().toStdString())
        {
            const SmallTree tree = buildSmallTree(db->db());
            RunningServer server(*db);
            const QString admin = server.signInAsAdmin();
            const QString officer = server.addUser(
                admin, QStringLiteral("officer.tb"), QStringLiteral("officer"), tree.tranBien.id);
            BOOST_TEST(server.call("GET", QStringLiteral("/api/v1/sync/periods")).status == 401);
            BOOST_TEST(
                server.call("GET", QStringLiteral("/api/v1/sync/periods?after=x"), admin).status == 400);
            BOOST_TEST(
                server.call("GET", QStringLiteral("/api/v1/sync/periods?limit=0"), admin).status == 400);

            // Paged by id, every page but the last saying so.
            QList<qint64> units;
            qint64 after = 0;
            for (bool more = true; more;) {
                const auto page
                    = server
                          .call("GET", QStringLiteral("/api/v1/sync/periods?after=%1&limit=3").arg(after),
                              admin)
                          .json();
                const QJsonArray items = page.value(QStringLiteral("items")).toArray();
                for (const auto& item : items)
                    units.append(item.toObject().value(QStringLiteral("unitId")).toInteger());
                more = page.value(QStringLiteral("more")).toBool();
                after = page.value(QStringLiteral("next")).toInteger();
                BOOST_TEST_REQUIRE(items.size() <= 3);
            }
            BOOST_TEST(units.size() == 7); // seven units, one period each

            const auto scoped
                = server.call("GET", QStringLiteral("/api/v1/sync/periods?limit=100"), officer).json();
            QSet<qint64> seen;
            for (const auto& item : scoped.value(QStringLiteral("items")).toArray())
                seen.insert(item.toObject().value(QStringLiteral("unitId")).toInteger());
            BOOST_TEST(
                (seen == QSet<qint64> { tree.tranBien.id, tree.school.id, tree.cell1.id, tree.cell2.id }));
            const QJsonObject first = scoped.value(QStringLiteral("items")).toArray().first().toObject();
            BOOST_TEST(first.value(QStringLiteral("validFrom")).toString() == QStringLiteral("2025-07-01"));
            BOOST_TEST(first.value(QStringLiteral("validTo")).isNull());
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()
