// SPDX-License-Identifier: GPL-3.0-or-later
#include "demo_province.h"
#include "member/member_json.h"
#include "member/member_rules.h"
#include "member/member_validation.h"
#include "org/org_json.h"
#include "org/org_rules.h"
#include "store/member_repository.h"
#include "store/org_repository.h"
#include "store/sql.h"
#include "support/demo_tree.h"
#include "support/qt_printing.h"
#include "support/test_database.h"
#include "text/vietnamese_text.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QMap>
#include <QRegularExpression>
#include <QSet>
#include <QSqlRecord>

#include <boost/test/unit_test.hpp>

#include <map>
#include <tuple>
#include <utility>
#include <vector>

using namespace sotay;
using namespace sotay::test;

namespace {

constexpr int kSmallProvince = 3000;

DemoOptions smallProvince()
{
    DemoOptions options;
    options.members = kSmallProvince;
    options.today = testContext().today();
    return options;
}

std::string messageOf(const Result<DemoSummary>& result)
{
    return result.ok() ? std::string() : result.error().message.toStdString();
}

qint64 scalar(const QSqlDatabase& db, const QString& statement, const QVariantList& values = {})
{
    auto query = sql::exec(db, statement, values);
    BOOST_TEST_REQUIRE(query.ok(), statement.toStdString());
    BOOST_TEST_REQUIRE(query->next());
    return query->value(0).toLongLong();
}

double share(qint64 part, qint64 whole)
{
    return whole == 0 ? 0.0 : static_cast<double>(part) / static_cast<double>(whole);
}

struct Seeded {
    std::unique_ptr<TestDatabase> database;
    DemoSummary summary;
};

// The small province, seeded once per database and shared by the checks of this suite.
class SeededProvinces {
public:
    SeededProvinces() { s_instance = this; }
    ~SeededProvinces() { s_instance = nullptr; }
    SeededProvinces(const SeededProvinces&) = delete;
    SeededProvinces& operator=(const SeededProvinces&) = delete;

    static const std::vector<Seeded>& all()
    {
        BOOST_TEST_REQUIRE(s_instance != nullptr);
        if (s_instance->m_seeded.empty()) {
            for (auto& database : allTestDatabases()) {
                auto summary = seedDemoProvince(database->db(), smallProvince(), testContext());
                BOOST_TEST_REQUIRE(summary.ok(), messageOf(summary));
                s_instance->m_seeded.push_back({ std::move(database), *summary });
            }
        }
        return s_instance->m_seeded;
    }

private:
    static inline SeededProvinces* s_instance = nullptr;
    std::vector<Seeded> m_seeded;
};

struct Unit {
    qint64 id = 0;
    std::optional<qint64> parentId;
    OrgKind kind = OrgKind::Cell;
    std::optional<qint64> categoryId;
    QString code, name, nameFolded, path;
    bool active = true;
};

std::map<qint64, Unit> unitsOf(const QSqlDatabase& db)
{
    auto query = sql::exec(db,
        QStringLiteral("SELECT id, parent_id, kind, category_id, code, name, name_folded, path, valid_to "
                       "FROM org_unit ORDER BY id"));
    BOOST_TEST_REQUIRE(query.ok());
    std::map<qint64, Unit> units;
    while (query->next()) {
        Unit u;
        u.id = query->value(0).toLongLong();
        u.parentId = sql::toOptionalId(query->value(1));
        u.kind = orgKindFromCode(query->value(2).toString()).value_or(OrgKind::Group);
        u.categoryId = sql::toOptionalId(query->value(3));
        u.code = query->value(4).toString();
        u.name = query->value(5).toString();
        u.nameFolded = query->value(6).toString();
        u.path = query->value(7).toString();
        u.active = query->value(8).isNull();
        units.emplace(u.id, u);
    }
    return units;
}

// The code of the upper committee each unit is under (its own for an upper committee).
std::map<qint64, QString> upperCodes(const std::map<qint64, Unit>& units)
{
    std::map<qint64, QString> codes;
    for (const auto& [id, unit] : units) {
        if (unit.kind == OrgKind::Upper)
            codes[id] = unit.code;
        else if (unit.parentId && codes.count(*unit.parentId))
            codes[id] = codes.at(*unit.parentId);
    }
    return codes;
}

// code -> former Bình Phước, from the resource the seeding read.
std::map<QString, bool> communeCodes()
{
    QFile file(QStringLiteral(":/sotay/demo/dongnai_communes_2025.csv"));
    BOOST_TEST_REQUIRE(file.open(QIODevice::ReadOnly));
    std::map<QString, bool> codes;
    const QStringList lines = QString::fromUtf8(file.readAll()).split(u'\n');
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QStringList fields = lines.at(i).trimmed().split(u',');
        if (fields.size() == 5)
            codes[fields.at(0)] = fields.at(3) == u"Bình Phước";
    }
    return codes;
}

QString digestOf(const QSqlDatabase& db, const QString& table, const QString& order)
{
    auto query
        = sql::exec(db, QStringLiteral("SELECT * FROM ") + table + QStringLiteral(" ORDER BY ") + order);
    BOOST_TEST_REQUIRE(query.ok());
    QCryptographicHash hash(QCryptographicHash::Sha256);
    while (query->next()) {
        for (int i = 0; i < query->record().count(); ++i) {
            hash.addData(query->value(i).isNull() ? QByteArrayView("\x01")
                                                  : QByteArrayView(query->value(i).toString().toUtf8()));
            hash.addData(QByteArrayView("\x1f"));
        }
        hash.addData(QByteArrayView("\x1e"));
    }
    return QString::fromLatin1(hash.result().toHex());
}

QString digestOfProvince(const QSqlDatabase& db)
{
    QStringList digests;
    for (const auto& [table, order] : std::initializer_list<std::pair<const char*, const char*>> {
             { "org_category", "id" }, { "org_unit", "id" }, { "org_unit_period", "id" },
             { "org_operation", "id" }, { "member", "id" }, { "member_event", "id" },
             { "change_feed", "seq" }, { "audit_log", "id" }, { "change_counter", "id" } })
        digests.append(digestOf(db, QString::fromLatin1(table), QString::fromLatin1(order)));
    return digests.join(u' ');
}

// What a refused seeding must leave untouched.
QList<qint64> snapshotOf(const QSqlDatabase& db)
{
    QList<qint64> counts;
    for (const char* table : { "org_category", "org_unit", "org_unit_period", "org_operation", "member",
             "member_event", "change_feed", "audit_log" })
        counts.append(countRows(db, QString::fromLatin1(table)));
    counts.append(scalar(db, QStringLiteral("SELECT last_seq FROM change_counter WHERE id = 1")));
    return counts;
}

QString jsonText(const QJsonObject& object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

} // namespace

BOOST_AUTO_TEST_SUITE(demo_province_tests, *boost::unit_test::fixture<SeededProvinces>())

BOOST_AUTO_TEST_CASE(a_small_province_has_counts_in_range)
{
    for (const auto& seeded : SeededProvinces::all()) {
        BOOST_TEST_CONTEXT(seeded.database->label().toStdString())
        {
            const QSqlDatabase db = seeded.database->db();
            const DemoSummary& s = seeded.summary;
            BOOST_TEST(s.members == kSmallProvince);
            BOOST_TEST(countRows(db, QStringLiteral("member")) == kSmallProvince);
            BOOST_TEST(countRows(db, QStringLiteral("org_unit")) == s.units);
            BOOST_TEST(countRows(db, QStringLiteral("org_unit_period")) == s.units);
            BOOST_TEST(countRows(db, QStringLiteral("org_operation")) == s.units);
            BOOST_TEST(countRows(db, QStringLiteral("member_event")) == s.events);
            BOOST_TEST(
                scalar(db, QStringLiteral("SELECT COUNT(*) FROM org_unit WHERE kind = 'upper'")) == 99);
            BOOST_TEST(scalar(db,
                           QStringLiteral(
                               "SELECT COUNT(*) FROM org_unit WHERE kind IN ('base_committee', 'base_cell')"))
                == s.baseOrganisations);
            BOOST_TEST(
                scalar(db, QStringLiteral("SELECT COUNT(*) FROM org_unit WHERE kind = 'cell'")) == s.cells);
            // At least one grassroots organisation per upper committee; about 24 members per chi bộ.
            BOOST_TEST(s.baseOrganisations >= 99);
            BOOST_TEST(s.baseOrganisations <= 110);
            BOOST_TEST(s.cells >= 60);
            BOOST_TEST(s.cells <= 200);
            BOOST_TEST(s.events >= 2 * kSmallProvince * 9 / 10);
            BOOST_TEST(s.events <= 2 * kSmallProvince + kSmallProvince / 5);
        }
    }
}

BOOST_AUTO_TEST_CASE(every_member_reads_back_valid_on_a_roster_of_3_to_60)
{
    const QDate today = testContext().today();
    for (const auto& seeded : SeededProvinces::all()) {
        BOOST_TEST_CONTEXT(seeded.database->label().toStdString())
        {
            const QSqlDatabase db = seeded.database->db();
            MemberRepository repository(db);
            QMap<qint64, QString> audited;
            auto audit = sql::exec(db,
                QStringLiteral("SELECT entity_id, after_json FROM audit_log WHERE entity = 'member' "
                               "AND action = 'member.create' AND before_json IS NULL"));
            BOOST_TEST_REQUIRE(audit.ok());
            while (audit->next())
                audited.insert(audit->value(0).toLongLong(), audit->value(1).toString());
            BOOST_TEST(audited.size() == kSmallProvince);

            // Read whole first: PostgreSQL drops a half-read result when the connection runs another query.
            auto query
                = sql::exec(db, QStringLiteral("SELECT id, name_folded, sort_key FROM member ORDER BY id"));
            BOOST_TEST_REQUIRE(query.ok());
            QList<std::tuple<qint64, QString, QString>> keys;
            while (query->next())
                keys.append(
                    { query->value(0).toLongLong(), query->value(1).toString(), query->value(2).toString() });
            int checked = 0;
            for (const auto& [id, folded, sortKey] : keys) {
                auto member = repository.find(id);
                BOOST_TEST_REQUIRE(member.ok());
                const QList<FieldError> errors = validateMember(*member, today);
                BOOST_TEST(errors.isEmpty(),
                    "member " << id << ": "
                              << (errors.isEmpty() ? std::string() : errors.front().message.toStdString()));
                BOOST_TEST(folded == text::fold(member->fullName()));
                BOOST_TEST(
                    sortKey == text::nameSortKey(member->givenName, member->middleName, member->familyName));
                BOOST_TEST(audited.value(id) == jsonText(toJson(*member)), "member " << id);
                ++checked;
            }
            BOOST_TEST(checked == kSmallProvince);

            auto rosters = sql::exec(db,
                QStringLiteral(
                    "SELECT u.id, COUNT(m.id) FROM org_unit u LEFT JOIN member m ON m.org_unit_id = "
                    "u.id AND m.left_reason IS NULL WHERE u.kind IN ('cell', 'base_cell') "
                    "GROUP BY u.id"));
            BOOST_TEST_REQUIRE(rosters.ok());
            int cells = 0;
            while (rosters->next()) {
                const qint64 size = rosters->value(1).toLongLong();
                BOOST_TEST(
                    (size >= 3 && size <= 60), "unit " << rosters->value(0).toLongLong() << ": " << size);
                ++cells;
            }
            BOOST_TEST(cells
                == seeded.summary.cells
                    + scalar(db, QStringLiteral("SELECT COUNT(*) FROM org_unit WHERE kind = 'base_cell'")));
            BOOST_TEST(
                scalar(db,
                    QStringLiteral("SELECT COUNT(*) FROM member m JOIN org_unit u ON u.id = m.org_unit_id "
                                   "WHERE u.kind NOT IN ('cell', 'base_cell')"))
                == 0);
            BOOST_TEST(
                scalar(db,
                    QStringLiteral("SELECT COUNT(*) FROM member m WHERE m.temporary_org_unit_id > 0 AND "
                                   "NOT EXISTS (SELECT 1 FROM org_unit u WHERE u.id = "
                                   "m.temporary_org_unit_id AND u.kind IN ('cell', 'base_cell'))"))
                == 0);
        }
    }
}

BOOST_AUTO_TEST_CASE(shares_of_standing_gender_ethnicity_and_religion_are_plausible)
{
    const QDate today = testContext().today();
    const auto communes = communeCodes();
    BOOST_TEST_REQUIRE(communes.size() == 95u);
    for (const auto& seeded : SeededProvinces::all()) {
        BOOST_TEST_CONTEXT(seeded.database->label().toStdString())
        {
            const QSqlDatabase db = seeded.database->db();
            const auto uppers = upperCodes(unitsOf(db));
            auto query = sql::exec(db,
                QStringLiteral(
                    "SELECT org_unit_id, gender, birth_date, ethnicity, religion, status, admitted_on, "
                    "exempt, left_reason, citizen_id, card_number FROM member"));
            BOOST_TEST_REQUIRE(query.ok());
            qint64 onRoster = 0, exempt = 0, probationary = 0, women = 0, kinh = 0, stieng = 0,
                   stiengInBinhPhuoc = 0, noReligion = 0;
            std::map<QString, int> left;
            while (query->next()) {
                const QString upper = uppers.at(query->value(0).toLongLong());
                const bool binhPhuoc = communes.count(upper) && communes.at(upper);
                const QDate born = sql::toDate(query->value(2));
                BOOST_TEST(born.addYears(18) <= today);
                BOOST_TEST(born.addYears(91) > today);
                const QString citizenId = query->value(9).toString();
                BOOST_TEST(citizenId.startsWith(binhPhuoc ? QStringLiteral("070") : QStringLiteral("075")));
                const bool official = query->value(5).toString() == u"official";
                BOOST_TEST(isValidCardNumber(query->value(10).toString()) == official);
                if (!query->value(8).isNull()) {
                    ++left[query->value(8).toString()];
                    continue;
                }
                ++onRoster;
                exempt += query->value(7).toBool() ? 1 : 0;
                if (!official) {
                    ++probationary;
                    BOOST_TEST(sql::toDate(query->value(6)) > today.addMonths(-12));
                }
                women += query->value(1).toString() == u"female" ? 1 : 0;
                kinh += query->value(3).toString() == u"Kinh" ? 1 : 0;
                if (query->value(3).toString() == u"S'tiêng") {
                    ++stieng;
                    stiengInBinhPhuoc += binhPhuoc ? 1 : 0;
                }
                noReligion += query->value(4).toString() == u"Không" ? 1 : 0;
            }
            BOOST_TEST_MESSAGE(seeded.database->label().toStdString()
                << ": exempt " << share(exempt, onRoster) << ", probationary "
                << share(probationary, onRoster) << ", women " << share(women, onRoster) << ", Kinh "
                << share(kinh, onRoster) << ", S'tiêng " << share(stieng, onRoster) << " ("
                << share(stiengInBinhPhuoc, stieng) << " in Bình Phước)");
            BOOST_TEST(
                share(exempt, onRoster) >= 0.015); // about 3% (a small sample: the full test is tighter)
            BOOST_TEST(share(exempt, onRoster) <= 0.045);
            BOOST_TEST(share(probationary, onRoster) >= 0.045);
            BOOST_TEST(share(probationary, onRoster) <= 0.055);
            BOOST_TEST(share(women, onRoster) >= 0.25);
            BOOST_TEST(share(women, onRoster) <= 0.42);
            BOOST_TEST(share(kinh, onRoster) >= 0.85);
            BOOST_TEST(share(kinh, onRoster) <= 0.95);
            BOOST_TEST(share(stieng, onRoster) >= 0.01);
            BOOST_TEST(share(stieng, onRoster) <= 0.045);
            BOOST_TEST(share(stiengInBinhPhuoc, stieng) >= 0.75);
            BOOST_TEST(share(noReligion, onRoster) >= 0.85);
            for (const char* reason : { "deceased", "transferred_out", "struck_off", "withdrew", "expelled" })
                BOOST_TEST(left[QString::fromLatin1(reason)] >= 1, reason);
        }
    }
}

BOOST_AUTO_TEST_CASE(the_tree_keeps_the_shape_rules_paths_and_codes)
{
    const auto communes = communeCodes();
    const QRegularExpression decisionNumber(QStringLiteral("^[0-9]+-QĐ/(TW|TU|ĐU)$"));
    for (const auto& seeded : SeededProvinces::all()) {
        BOOST_TEST_CONTEXT(seeded.database->label().toStdString())
        {
            const QSqlDatabase db = seeded.database->db();
            const auto units = unitsOf(db);
            OrgRepository repository(db);
            QSet<QString> activeCodes;
            std::map<qint64, int> children;
            int roots = 0, communeCommittees = 0;
            QStringList blocs;
            for (const auto& [id, unit] : units) {
                BOOST_TEST(unit.active);
                BOOST_TEST(!activeCodes.contains(unit.code), unit.code.toStdString());
                activeCodes.insert(unit.code);
                BOOST_TEST(unit.nameFolded == text::fold(unit.name));
                const bool grassroots = unit.kind == OrgKind::BaseCommittee || unit.kind == OrgKind::BaseCell;
                BOOST_TEST(unit.categoryId.has_value() == grassroots, unit.name.toStdString());
                if (!unit.parentId) {
                    ++roots;
                    BOOST_TEST((unit.kind == OrgKind::Province));
                    BOOST_TEST(unit.code == QStringLiteral("75"));
                    BOOST_TEST(unit.name == QStringLiteral("Đảng bộ tỉnh Đồng Nai"));
                    BOOST_TEST(unit.path == childPath(QString(), id));
                    continue;
                }
                BOOST_TEST_REQUIRE(units.count(*unit.parentId) == 1u);
                const Unit& parent = units.at(*unit.parentId);
                BOOST_TEST(canContain(parent.kind, unit.kind), unit.name.toStdString());
                BOOST_TEST(unit.path == childPath(parent.path, id));
                ++children[parent.id];
                if (unit.kind == OrgKind::Upper) {
                    if (communes.count(unit.code)) {
                        ++communeCommittees;
                        BOOST_TEST((unit.name.startsWith(QStringLiteral("Đảng bộ phường "))
                            || unit.name.startsWith(QStringLiteral("Đảng bộ xã "))));
                    } else {
                        blocs.append(unit.name);
                    }
                }
                auto stored = repository.find(id);
                BOOST_TEST_REQUIRE(stored.ok());
                BOOST_TEST(scalar(db,
                               QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE entity = 'org_unit' AND "
                                              "entity_id = ? AND after_json = ?"),
                               { id, jsonText(toJson(*stored)) })
                    == 1);
            }
            BOOST_TEST(roots == 1);
            BOOST_TEST(communeCommittees == 95);
            blocs.sort();
            BOOST_TEST(blocs
                == (QStringList { QStringLiteral("Đảng bộ Công an tỉnh"),
                    QStringLiteral("Đảng bộ Quân sự tỉnh"), QStringLiteral("Đảng bộ các cơ quan Đảng tỉnh"),
                    QStringLiteral("Đảng bộ Ủy ban nhân dân tỉnh") }));
            for (const auto& [id, unit] : units)
                if (unit.kind == OrgKind::Upper || unit.kind == OrgKind::BaseCommittee
                    || unit.kind == OrgKind::SectionCommittee)
                    BOOST_TEST(children[id] >= 1, unit.name.toStdString());

            BOOST_TEST(scalar(db, QStringLiteral("SELECT COUNT(*) FROM org_category")) == 10);
            BOOST_TEST(
                scalar(db,
                    QStringLiteral("SELECT COUNT(*) FROM org_unit_period p JOIN org_unit u ON u.id = "
                                   "p.unit_id WHERE p.valid_to IS NULL AND p.path = u.path AND p.code = "
                                   "u.code AND p.name = u.name AND p.kind = u.kind AND p.valid_from = "
                                   "u.valid_from"))
                == seeded.summary.units);
            auto operations = sql::exec(db,
                QStringLiteral(
                    "SELECT o.type, o.decision_number, o.other_unit_id, u.parent_id FROM org_operation o "
                    "JOIN org_unit u ON u.id = o.unit_id"));
            BOOST_TEST_REQUIRE(operations.ok());
            while (operations->next()) {
                BOOST_TEST(operations->value(0).toString() == QStringLiteral("create"));
                BOOST_TEST(decisionNumber.match(operations->value(1).toString()).hasMatch(),
                    operations->value(1).toString().toStdString());
                BOOST_TEST(operations->value(2).isNull() == operations->value(3).isNull());
                BOOST_TEST(operations->value(2).toLongLong() == operations->value(3).toLongLong());
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(the_change_feed_is_contiguous_and_matches_the_counter)
{
    for (const auto& seeded : SeededProvinces::all()) {
        BOOST_TEST_CONTEXT(seeded.database->label().toStdString())
        {
            const QSqlDatabase db = seeded.database->db();
            const qint64 expected = seeded.summary.units + seeded.summary.members;
            BOOST_TEST(
                scalar(db, QStringLiteral("SELECT last_seq FROM change_counter WHERE id = 1")) == expected);
            BOOST_TEST(countRows(db, QStringLiteral("change_feed")) == expected);
            BOOST_TEST(countRows(db, QStringLiteral("audit_log")) == expected);
            BOOST_TEST(scalar(db, QStringLiteral("SELECT MIN(seq) FROM change_feed")) == 1);
            BOOST_TEST(scalar(db, QStringLiteral("SELECT MAX(seq) FROM change_feed")) == expected);
            BOOST_TEST(
                scalar(db,
                    QStringLiteral("SELECT COUNT(*) FROM change_feed f JOIN org_unit u ON u.id = f.entity_id "
                                   "WHERE f.entity = 'org_unit' AND f.path = u.path AND f.old_path IS NULL "
                                   "AND f.seq = u.id"))
                == seeded.summary.units);
            BOOST_TEST(
                scalar(db,
                    QStringLiteral("SELECT COUNT(*) FROM change_feed f JOIN member m ON m.id = f.entity_id "
                                   "JOIN org_unit u ON u.id = m.org_unit_id WHERE f.entity = 'member' AND "
                                   "f.path = u.path AND f.old_path IS NULL AND f.operation = 'upsert'"))
                == seeded.summary.members);
        }
    }
}

BOOST_AUTO_TEST_CASE(every_history_replays_through_the_rules_to_its_record)
{
    const QDate today = testContext().today();
    const QDate yearAgo = today.addMonths(-12);
    for (const auto& seeded : SeededProvinces::all()) {
        BOOST_TEST_CONTEXT(seeded.database->label().toStdString())
        {
            const QSqlDatabase db = seeded.database->db();
            MemberRepository repository(db);
            std::map<QString, int> recent;
            int replayed = 0;
            for (qint64 id = 1; id <= seeded.summary.members; ++id) {
                auto stored = repository.find(id);
                auto events = repository.events(id);
                BOOST_TEST_REQUIRE((stored.ok() && events.ok()));
                BOOST_TEST_REQUIRE(!events->isEmpty());
                const MemberEventType first = events->front().type;
                BOOST_TEST((first == MemberEventType::Admission || first == MemberEventType::TransferIn));

                Member state = *stored;
                state.id = 0;
                state.orgUnitId = 0;
                state.temporaryOrgUnitId.reset();
                state.exempt = false;
                state.exemptSince = QDate();
                state.leftOn = QDate();
                state.leftReason.reset();
                for (const MemberEvent& e : *events) {
                    const QList<FieldError> errors = validateEvent(state, e, today);
                    BOOST_TEST(errors.isEmpty(), "member " << id << " " << toCode(e.type).toStdString());
                    auto after = applyEvent(state, e);
                    BOOST_TEST_REQUIRE(after.ok(),
                        "member " << id << " " << toCode(e.type).toStdString() << ": "
                                  << (after.ok() ? std::string() : after.error().message.toStdString()));
                    if (e.type == MemberEventType::Admission)
                        after->orgUnitId = e.toOrgUnitId.value_or(0); // create() takes the record's unit
                    after->id = id;
                    state = *after;
                    if (e.occurredOn > yearAgo) {
                        QString key = toCode(e.type);
                        if (e.type == MemberEventType::TransferOut || e.type == MemberEventType::TransferIn)
                            key += e.permanent ? QStringLiteral(" permanent") : QStringLiteral(" temporary");
                        ++recent[key];
                    }
                }
                BOOST_TEST(state.orgUnitId == stored->orgUnitId, "member " << id);
                BOOST_TEST((state.temporaryOrgUnitId == stored->temporaryOrgUnitId), "member " << id);
                BOOST_TEST((state.status == stored->status), "member " << id);
                BOOST_TEST(state.officialOn == stored->officialOn, "member " << id);
                BOOST_TEST(state.exempt == stored->exempt, "member " << id);
                BOOST_TEST(state.exemptSince == stored->exemptSince, "member " << id);
                BOOST_TEST(state.leftOn == stored->leftOn, "member " << id);
                BOOST_TEST((state.leftReason == stored->leftReason), "member " << id);
                ++replayed;
            }
            BOOST_TEST(replayed == kSmallProvince);
            for (const auto& [type, count] : recent)
                BOOST_TEST_MESSAGE(type.toStdString() << ": " << count);
            // The year's events: the probationers' admissions, recognitions, moves and departures.
            const qint64 probationers
                = scalar(db, QStringLiteral("SELECT COUNT(*) FROM member WHERE status = 'probationary'"));
            BOOST_TEST(recent[QStringLiteral("admission")] == probationers);
            for (const char* type : { "became_official", "transfer_out permanent", "transfer_out temporary",
                     "transfer_in temporary", "transfer_in permanent", "deceased", "struck_off", "withdrew",
                     "expelled" })
                BOOST_TEST(recent[QString::fromLatin1(type)] >= 1, type);
        }
    }
}

BOOST_AUTO_TEST_CASE(the_same_seed_gives_the_same_province)
{
    DemoOptions options = smallProvince();
    options.members = 2000;
    const auto first = TestDatabase::sqlite();
    const auto second = TestDatabase::sqlite();
    const auto other = TestDatabase::sqlite();
    for (const auto* database : { first.get(), second.get() }) {
        auto summary = seedDemoProvince(database->db(), options, testContext());
        BOOST_TEST_REQUIRE(summary.ok(), messageOf(summary));
    }
    BOOST_TEST(digestOfProvince(first->db()) == digestOfProvince(second->db()));

    options.seed += 1;
    auto summary = seedDemoProvince(other->db(), options, testContext());
    BOOST_TEST_REQUIRE(summary.ok(), messageOf(summary));
    BOOST_TEST(digestOf(first->db(), QStringLiteral("member"), QStringLiteral("id"))
        != digestOf(other->db(), QStringLiteral("member"), QStringLiteral("id")));
}

BOOST_AUTO_TEST_CASE(seeding_reports_its_progress_up_to_the_whole)
{
    DemoOptions options = smallProvince();
    options.members = 2000;
    std::vector<std::pair<int, int>> reported;
    options.progress = [&reported](int written, int total) { reported.emplace_back(written, total); };
    const auto test = TestDatabase::sqlite();
    auto summary = seedDemoProvince(test->db(), options, testContext());
    BOOST_TEST_REQUIRE(summary.ok(), messageOf(summary));
    BOOST_TEST_REQUIRE(reported.size() >= 2U);
    BOOST_TEST(reported.front().first == 0);
    BOOST_TEST(reported.back().first == summary->members);
    for (std::size_t i = 0; i < reported.size(); ++i) {
        BOOST_TEST(reported[i].second == summary->members);
        if (i > 0)
            BOOST_TEST(reported[i].first > reported[i - 1].first);
    }
}

BOOST_AUTO_TEST_CASE(a_second_seed_is_refused_and_changes_nothing)
{
    for (const auto& seeded : SeededProvinces::all()) {
        BOOST_TEST_CONTEXT(seeded.database->label().toStdString())
        {
            const QSqlDatabase db = seeded.database->db();
            const auto before = snapshotOf(db);
            auto again = seedDemoProvince(db, smallProvince(), testContext());
            BOOST_TEST_REQUIRE(!again.ok());
            BOOST_TEST((again.error().code == ErrorCode::Conflict));
            BOOST_TEST(!again.error().message.isEmpty());
            BOOST_TEST(snapshotOf(db) == before);
        }
    }
    for (const auto& test : allTestDatabases()) {
        BOOST_TEST_CONTEXT(test->label().toStdString())
        {
            buildSmallTree(test->db());
            const auto before = snapshotOf(test->db());
            auto refused = seedDemoProvince(test->db(), smallProvince(), testContext());
            BOOST_TEST_REQUIRE(!refused.ok());
            BOOST_TEST((refused.error().code == ErrorCode::Conflict));
            BOOST_TEST(snapshotOf(test->db()) == before);
        }
    }
}

BOOST_AUTO_TEST_CASE(impossible_options_are_refused)
{
    const auto test = TestDatabase::sqlite();
    DemoOptions tooFew = smallProvince();
    tooFew.members = 100;
    auto refused = seedDemoProvince(test->db(), tooFew, testContext());
    BOOST_TEST_REQUIRE(!refused.ok());
    BOOST_TEST(refused.error().hasField(QStringLiteral("members")));

    DemoOptions future = smallProvince();
    future.today = testContext().today().addDays(1);
    refused = seedDemoProvince(test->db(), future, testContext());
    BOOST_TEST_REQUIRE(!refused.ok());
    BOOST_TEST(refused.error().hasField(QStringLiteral("today")));
    BOOST_TEST(countRows(test->db(), QStringLiteral("org_unit")) == 0);
}

// The time is reported, not asserted (bench/server_bench.sh measures seeding): a sanitizer build is slower.
BOOST_AUTO_TEST_CASE(the_full_province_has_the_planned_shape)
{
    const auto test = TestDatabase::sqlite(); // synchronous = FULL, as the server runs
    DemoOptions options;
    options.today = testContext().today();
    QElapsedTimer timer;
    timer.start();
    auto summary = seedDemoProvince(test->db(), options, testContext());
    const qint64 elapsed = timer.elapsed();
    BOOST_TEST_REQUIRE(summary.ok(), messageOf(summary));
    BOOST_TEST_MESSAGE("full province: " << summary->members << " members, " << summary->units << " units, "
                                         << summary->baseOrganisations << " grassroots organisations, "
                                         << summary->cells << " cells, " << summary->events << " events in "
                                         << elapsed << " ms");

    const QSqlDatabase db = test->db();
    BOOST_TEST(summary->members == 132000);
    BOOST_TEST(scalar(db, QStringLiteral("SELECT COUNT(*) FROM org_unit WHERE kind = 'upper'")) == 95 + 4);
    BOOST_TEST(summary->baseOrganisations >= 1350);
    BOOST_TEST(summary->baseOrganisations <= 1650);
    BOOST_TEST(summary->cells >= 5000);
    BOOST_TEST(summary->cells <= 6000);
    const qint64 committees
        = scalar(db, QStringLiteral("SELECT COUNT(*) FROM org_unit WHERE kind = 'base_committee'"));
    BOOST_TEST(share(committees, summary->baseOrganisations) >= 0.25);
    BOOST_TEST(share(committees, summary->baseOrganisations) <= 0.40);
    BOOST_TEST(
        scalar(db, QStringLiteral("SELECT COUNT(*) FROM org_unit WHERE kind = 'section_committee'")) >= 10);
    BOOST_TEST(scalar(db, QStringLiteral("SELECT last_seq FROM change_counter"))
        == summary->units + summary->members);

    const qint64 police = scalar(db,
        QStringLiteral(
            "SELECT COUNT(*) FROM member m JOIN org_unit u ON u.id = m.org_unit_id JOIN org_unit b ON "
            "u.path LIKE b.path || '%' WHERE b.name = ? AND m.left_reason IS NULL"),
        { QStringLiteral("Đảng bộ Công an tỉnh") });
    BOOST_TEST(police > 3200);

    std::map<QString, qint64> byCategory;
    auto categories = sql::exec(db,
        QStringLiteral("SELECT c.code, COUNT(*) FROM org_unit u JOIN org_category c ON c.id = u.category_id "
                       "GROUP BY c.code"));
    BOOST_TEST_REQUIRE(categories.ok());
    while (categories->next())
        byCategory[categories->value(0).toString()] = categories->value(1).toLongLong();
    const auto sumOf = [&byCategory](std::initializer_list<const char*> codes) {
        qint64 sum = 0;
        for (const char* code : codes)
            sum += byCategory[QString::fromLatin1(code)];
        return sum;
    };
    const qint64 base = summary->baseOrganisations;
    const double communeShare = share(sumOf({ "xa", "phuong" }), base);
    const double enterpriseShare = share(sumOf({ "dn_nha_nuoc", "dn_ngoai_nha_nuoc" }), base);
    const double administrativeShare
        = share(sumOf({ "co_quan_dang", "co_quan_nha_nuoc", "su_nghiep" }), base);
    const double armedShare = share(sumOf({ "quan_doi", "cong_an" }), base);
    BOOST_TEST_MESSAGE("grassroots organisations: commune/ward "
        << communeShare << ", enterprises " << enterpriseShare << ", administrative " << administrativeShare
        << ", armed forces " << armedShare << "; police members " << police);
    BOOST_TEST(communeShare >= 0.65);
    BOOST_TEST(communeShare <= 0.75);
    BOOST_TEST(enterpriseShare >= 0.065);
    BOOST_TEST(enterpriseShare <= 0.105);
    BOOST_TEST(administrativeShare >= 0.14);
    BOOST_TEST(administrativeShare <= 0.20);
    BOOST_TEST(armedShare >= 0.035);
    BOOST_TEST(armedShare <= 0.06);

    const qint64 onRoster
        = scalar(db, QStringLiteral("SELECT COUNT(*) FROM member WHERE left_reason IS NULL"));
    const qint64 exempt = scalar(
        db, QStringLiteral("SELECT COUNT(*) FROM member WHERE left_reason IS NULL AND exempt = ?"), { true });
    const qint64 probationary = scalar(db,
        QStringLiteral("SELECT COUNT(*) FROM member WHERE left_reason IS NULL AND status = 'probationary'"));
    BOOST_TEST_MESSAGE("on the rosters " << onRoster << ", exempt " << share(exempt, onRoster)
                                         << ", probationary " << share(probationary, onRoster));
    BOOST_TEST(share(exempt, onRoster) >= 0.025);
    BOOST_TEST(share(exempt, onRoster) <= 0.035);
    BOOST_TEST(share(probationary, onRoster) >= 0.049);
    BOOST_TEST(share(probationary, onRoster) <= 0.051);
    BOOST_TEST(
        scalar(db,
            QStringLiteral("SELECT COUNT(*) FROM (SELECT m.org_unit_id FROM member m WHERE m.left_reason IS "
                           "NULL GROUP BY m.org_unit_id HAVING COUNT(*) < 3 OR COUNT(*) > 60) t"))
        == 0);
}

BOOST_AUTO_TEST_SUITE_END()
