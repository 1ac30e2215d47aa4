// SPDX-License-Identifier: GPL-3.0-or-later
#include "support/api_checks.h"

#include "store/member_repository.h"
#include "store/user_repository.h"
#include "support/demo_tree.h"

#include <QJsonArray>

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <atomic>

namespace sotay::test {

RowCounts RowCounts::of(const QSqlDatabase& db)
{
    return { countRows(db, QStringLiteral("change_feed")), countRows(db, QStringLiteral("member")),
        countRows(db, QStringLiteral("org_unit")), countRows(db, QStringLiteral("audit_log")),
        countRows(db, QStringLiteral("app_user")), countRows(db, QStringLiteral("member_event")) };
}

std::ostream& operator<<(std::ostream& out, const RowCounts& c)
{
    return out << "{feed " << c.feed << ", members " << c.members << ", units " << c.units << ", audit "
               << c.audit << ", users " << c.users << ", events " << c.events << '}';
}

QString errorCode(const HttpAnswer& answer)
{
    return answer.json().value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString();
}

QJsonObject staleCurrent(const HttpAnswer& answer)
{
    return answer.json()
        .value(QStringLiteral("error"))
        .toObject()
        .value(QStringLiteral("current"))
        .toObject();
}

QStringList errorFields(const HttpAnswer& answer)
{
    QStringList fields = answer.json()
                             .value(QStringLiteral("error"))
                             .toObject()
                             .value(QStringLiteral("fields"))
                             .toObject()
                             .keys();
    std::sort(fields.begin(), fields.end());
    return fields;
}

std::string describe(const HttpAnswer& answer)
{
    return std::to_string(answer.status) + " " + answer.body.left(600).toStdString();
}

bool stillServing(const RunningServer& server)
{
    const auto health = server.client().get("/healthz");
    return health.status == 200
        && health.json().value(QStringLiteral("status")).toString() == QStringLiteral("ok");
}

QJsonObject decisionJson(const QString& number, QDate on)
{
    return { { QStringLiteral("decisionNumber"), number },
        { QStringLiteral("effectiveOn"), on.toString(Qt::ISODate) } };
}

QJsonObject withDecision(QJsonObject body)
{
    const QJsonObject decision = decisionJson();
    for (auto it = decision.begin(); it != decision.end(); ++it)
        if (!body.contains(it.key()))
            body.insert(it.key(), it.value());
    return body;
}

Member addMember(
    const QSqlDatabase& db, qint64 unitId, const char* family, const char* middle, const char* given)
{
    Member m = sampleMember(
        unitId, QString::fromUtf8(family), QString::fromUtf8(middle), QString::fromUtf8(given));
    // Each its own card: the card number is the member's user name in the handbook.
    static std::atomic<int> cards { 100 };
    m.cardNumber = QStringLiteral("01.%1").arg(cards++, 6, 10, QLatin1Char('0'));
    const MemberEvent admission { 0, 0, MemberEventType::Admission, m.admittedOn, QStringLiteral("45-QĐ/ĐU"),
        true, {}, {}, {} };
    auto created = MemberRepository(db).create(m, admission, testContext());
    BOOST_TEST_REQUIRE(created.ok(), (created.ok() ? std::string() : created.error().message.toStdString()));
    return *created;
}

QJsonObject newMemberJson(qint64 unitId, const QString& family, const QString& middle, const QString& given)
{
    return {
        { QStringLiteral("orgUnitId"), unitId },
        { QStringLiteral("familyName"), family },
        { QStringLiteral("middleName"), middle },
        { QStringLiteral("givenName"), given },
        { QStringLiteral("gender"), QStringLiteral("male") },
        { QStringLiteral("birthDate"), QStringLiteral("1985-09-02") },
        { QStringLiteral("birthPlace"), QStringLiteral("Long Khánh, Đồng Nai") },
        { QStringLiteral("hometown"), QStringLiteral("Nghệ An") },
        { QStringLiteral("ethnicity"), QStringLiteral("Kinh") },
        { QStringLiteral("religion"), QStringLiteral("Không") },
        { QStringLiteral("citizenId"), QStringLiteral("075085004321") },
        { QStringLiteral("cardNumber"), QStringLiteral("01.004321") },
        { QStringLiteral("profileNumber"), QStringLiteral("004321-ĐN") },
        { QStringLiteral("admittedOn"), QStringLiteral("2015-03-03") },
        { QStringLiteral("officialOn"), QStringLiteral("2016-03-03") },
        { QStringLiteral("status"), QStringLiteral("official") },
        { QStringLiteral("politicalTheory"), QStringLiteral("elementary") },
    };
}

QString orgUrl(qint64 id, const char* suffix)
{
    return QStringLiteral("/api/v1/orgs/%1%2").arg(id).arg(QString::fromLatin1(suffix));
}

QString memberUrl(qint64 id, const char* suffix)
{
    return QStringLiteral("/api/v1/members/%1%2").arg(id).arg(QString::fromLatin1(suffix));
}

std::map<std::string, std::string> ifMatch(qint64 version)
{
    return { { "If-Match", '"' + std::to_string(version) + '"' } };
}

HttpAnswer changeAccount(const RunningServer& server, const QSqlDatabase& db, const QString& token,
    const char* username, const QJsonObject& change)
{
    auto user = UserRepository(db).findByUsername(QString::fromLatin1(username));
    BOOST_TEST_REQUIRE((user.ok() && user->has_value()), username);
    const User& found = user->value();
    return server.call(
        "PATCH", QStringLiteral("/api/v1/users/%1").arg(found.id), token, change, ifMatch(found.version));
}

std::map<std::string, std::string> idempotencyKey(const char* key)
{
    return { { "Idempotency-Key", key } };
}

bool hasSensitiveFields(const QJsonObject& member)
{
    return member.contains(QStringLiteral("ethnicity")) || member.contains(QStringLiteral("religion"))
        || member.contains(QStringLiteral("citizenId"));
}

} // namespace sotay::test
