// SPDX-License-Identifier: GPL-3.0-or-later
// Bad input over HTTP: malformed JSON, wrong types, unknown fields, invalid UTF-8, impossible dates, bodies
// over 1 MB, impossible tree operations and parameters out of range. Each gets a clear 4xx that names the
// fields, nothing in the database changes, and the server goes on serving.
#include "support/api_checks.h"
#include "support/demo_tree.h"
#include "support/qt_printing.h"
#include "support/running_server.h"
#include "support/test_database.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <Poco/Exception.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/StreamCopier.h>
#include <boost/test/unit_test.hpp>

#include <atomic>
#include <mutex>
#include <sstream>
#include <string_view>
#include <thread>
#include <vector>

using namespace sotay;
using namespace sotay::test;

namespace {

struct World {
    SmallTree t;
    Member lan, chau;
    QString admin, officer;
};

// The tree and its members, seeded straight into the database before the server starts.
World seed(const TestDatabase& db)
{
    World w;
    w.t = buildSmallTree(db.db());
    w.lan = addMember(db.db(), w.t.cell1.id, "Nguyễn", "Thị", "Lan");
    w.chau = addMember(db.db(), w.t.cell2.id, "Lê", "Minh", "Châu");
    return w;
}

// The accounts, created through the API of the running server.
void signInAccounts(World& w, const RunningServer& server)
{
    w.admin = server.signInAsAdmin();
    w.officer = server.addUser(
        w.admin, QStringLiteral("canbo.tranbien"), QStringLiteral("officer"), w.t.tranBien.id);
}

// A write route and what it needs besides its body.
struct WriteRoute {
    std::string method;
    QString path;
    std::map<std::string, std::string> headers;
};

std::vector<WriteRoute> writeRoutes(const World& w)
{
    return {
        { "POST", QStringLiteral("/api/v1/orgs"), {} },
        { "PATCH", orgUrl(w.t.cell1.id), ifMatch(w.t.cell1.version) },
        { "POST", orgUrl(w.t.cell1.id, "/move"), {} },
        { "POST", orgUrl(w.t.cell1.id, "/merge"), {} },
        { "POST", orgUrl(w.t.cell1.id, "/dissolve"), {} },
        { "POST", QStringLiteral("/api/v1/members"), {} },
        { "PATCH", memberUrl(w.lan.id), ifMatch(w.lan.version) },
        { "POST", memberUrl(w.lan.id, "/events"), {} },
        { "POST", QStringLiteral("/api/v1/users"), {} },
        { "POST", QStringLiteral("/api/v1/auth/password"), {} },
        { "POST", QStringLiteral("/api/v1/auth/login"), {} },
    };
}

HttpAnswer send(const RunningServer& server, const WriteRoute& route, const QString& token,
    const QByteArray& body, std::map<std::string, std::string> extra = {})
{
    std::map<std::string, std::string> headers = route.headers;
    headers.insert(extra.begin(), extra.end());
    if (!token.isEmpty())
        headers["Authorization"] = "Bearer " + token.toStdString();
    return server.client().request(route.method, apiPath(route.path), body, headers);
}

// Sends only the head of a request that announces `contentLength` bytes of body, and reads the answer.
HttpAnswer sendHeadersOnly(
    const RunningServer& server, const WriteRoute& route, const QString& token, qint64 contentLength)
{
    Poco::Net::HTTPClientSession session("127.0.0.1", server.port());
    session.setTimeout(Poco::Timespan(30, 0));
    Poco::Net::HTTPRequest request(route.method, apiPath(route.path), Poco::Net::HTTPMessage::HTTP_1_1);
    for (const auto& [name, value] : route.headers)
        request.set(name, value);
    if (!token.isEmpty())
        request.set("Authorization", "Bearer " + token.toStdString());
    request.setContentType("application/json");
    request.setContentLength64(contentLength);
    session.sendRequest(request).flush();
    Poco::Net::HTTPResponse response;
    std::istream& in = session.receiveResponse(response);
    std::ostringstream out;
    Poco::StreamCopier::copyStream(in, out);
    HttpAnswer answer;
    answer.status = static_cast<int>(response.getStatus());
    const std::string text = out.str();
    answer.body = QByteArray(text.data(), static_cast<qsizetype>(text.size()));
    return answer;
}

QByteArray json(const QJsonObject& object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

// Sends `body` to `path` as the officer and expects 400 naming exactly `fields` (sorted).
void expectFields(const RunningServer& server, const QString& token, const std::string& method,
    const QString& path, const QJsonObject& body, const QStringList& fields,
    std::map<std::string, std::string> headers = {})
{
    const auto answer = server.call(method, path, token, body, std::move(headers));
    BOOST_TEST(answer.status == 400, describe(answer));
    BOOST_TEST(errorCode(answer) == QStringLiteral("bad_request"));
    BOOST_TEST(errorFields(answer) == fields, describe(answer));
    // Every named field has a message for the user.
    const QJsonObject named
        = answer.json().value(QStringLiteral("error")).toObject().value(QStringLiteral("fields")).toObject();
    for (auto it = named.begin(); it != named.end(); ++it)
        BOOST_TEST(!it.value().toString().isEmpty());
}

} // namespace

BOOST_AUTO_TEST_SUITE(bad_input_api_tests)

BOOST_AUTO_TEST_CASE(malformed_json_and_invalid_utf8_answer_400_on_every_write_route)
{
    for (const auto& db : allTestDatabases()) {
        BOOST_TEST_CONTEXT(db->label().toStdString())
        {
            World w = seed(*db);
            RunningServer server(*db);
            signInAccounts(w, server);
            const RowCounts before = RowCounts::of(db->db());
            const std::vector<QByteArray> bodies {
                QByteArray(), QByteArray("{"), QByteArray("{\"name\": }"), QByteArray("{'name': 'Chi bộ'}"),
                QByteArray("{\"name\":\"a\"} {"), QByteArray("[]"), QByteArray("null"), QByteArray("42"),
                QByteArray("\"text\""), QByteArray("{\"name\":\"\xff\xfe\"}"),
                QByteArray("{\"name\":\"\xc0\xaf\"}"),             // overlong encoding of '/'
                QByteArray("{\"name\":\"\xed\xa0\x80\"}"),         // an encoded surrogate
                QByteArray("{\"name\":\"Chi b\xe1\xbb\"}"),        // cut in the middle of "ộ"
                QByteArray(200000, '[') + QByteArray(200000, ']'), // nesting no parser should recurse into
            };
            for (const auto& route : writeRoutes(w)) {
                BOOST_TEST_CONTEXT(route.method << ' ' << route.path.toStdString())
                {
                    for (std::size_t i = 0; i < bodies.size(); ++i) {
                        const auto answer = send(server, route, w.admin, bodies[i]);
                        BOOST_TEST(answer.status == 400, "body " << i << ": " << describe(answer));
                        BOOST_TEST(errorCode(answer) == QStringLiteral("bad_request"), "body " << i);
                        BOOST_TEST(!answer.json()
                                        .value(QStringLiteral("error"))
                                        .toObject()
                                        .value(QStringLiteral("message"))
                                        .toString()
                                        .isEmpty());
                    }
                }
            }
            BOOST_TEST((RowCounts::of(db->db()) == before));
            BOOST_TEST(stillServing(server));
            BOOST_TEST(server.call("GET", orgUrl(w.t.cell1.id), w.officer).status == 200);
        }
    }
}

BOOST_AUTO_TEST_CASE(wrong_types_unknown_fields_and_missing_fields_are_all_named)
{
    for (const auto& db : allTestDatabases()) {
        BOOST_TEST_CONTEXT(db->label().toStdString())
        {
            World w = seed(*db);
            RunningServer server(*db);
            signInAccounts(w, server);
            const RowCounts before = RowCounts::of(db->db());
            const QString orgs = QStringLiteral("/api/v1/orgs");
            const QString members = QStringLiteral("/api/v1/members");

            // Units.
            expectFields(server, w.officer, "POST", orgs, {},
                { QStringLiteral("code"), QStringLiteral("decisionNumber"), QStringLiteral("effectiveOn"),
                    QStringLiteral("kind"), QStringLiteral("name") });
            expectFields(server, w.officer, "POST", orgs,
                withDecision({ { QStringLiteral("parentId"), QStringLiteral("5") },
                    { QStringLiteral("kind"), QStringLiteral("chi_bo") }, { QStringLiteral("code"), 26068 },
                    { QStringLiteral("name"), QJsonArray { QStringLiteral("Chi bộ") } },
                    { QStringLiteral("manager"), QStringLiteral("Ai đó") } }),
                { QStringLiteral("code"), QStringLiteral("kind"), QStringLiteral("manager"),
                    QStringLiteral("name"), QStringLiteral("parentId") });
            expectFields(server, w.officer, "POST", orgs,
                withDecision(
                    { { QStringLiteral("parentId"), -4 }, { QStringLiteral("kind"), QStringLiteral("Cell") },
                        { QStringLiteral("code"), QStringLiteral("x") },
                        { QStringLiteral("name"), QString(201, u'a') } }),
                { QStringLiteral("kind"), QStringLiteral("name"), QStringLiteral("parentId") });
            expectFields(server, w.officer, "POST", orgs,
                { { QStringLiteral("parentId"), 1.5 }, { QStringLiteral("kind"), QStringLiteral("cell") },
                    { QStringLiteral("code"), QStringLiteral("x") },
                    { QStringLiteral("name"), QStringLiteral("x") }, { QStringLiteral("decisionNumber"), 12 },
                    { QStringLiteral("effectiveOn"), true } },
                { QStringLiteral("decisionNumber"), QStringLiteral("effectiveOn"),
                    QStringLiteral("parentId") });
            expectFields(server, w.officer, "PATCH", orgUrl(w.t.cell1.id),
                withDecision({ { QStringLiteral("name"), QStringLiteral("Chi bộ Một") },
                    { QStringLiteral("code"), QStringLiteral("1") },
                    { QStringLiteral("version"), w.t.cell1.version } }),
                { QStringLiteral("code"), QStringLiteral("version") }, ifMatch(w.t.cell1.version));
            expectFields(server, w.officer, "POST", orgUrl(w.t.cell1.id, "/move"),
                withDecision({ { QStringLiteral("parentId"), QStringLiteral("school") } }),
                { QStringLiteral("parentId") });
            expectFields(server, w.officer, "POST", orgUrl(w.t.cell1.id, "/merge"), withDecision({}),
                { QStringLiteral("targetId") });

            // Members.
            expectFields(server, w.officer, "POST", members, {},
                { QStringLiteral("admittedOn"), QStringLiteral("birthDate"), QStringLiteral("familyName"),
                    QStringLiteral("gender"), QStringLiteral("givenName"), QStringLiteral("orgUnitId") });
            QJsonObject member = newMemberJson(
                w.t.cell1.id, QStringLiteral("Hoàng"), QStringLiteral("Văn"), QStringLiteral("Dũng"));
            member.insert(QStringLiteral("orgUnitId"), QString::number(w.t.cell1.id));
            member.insert(QStringLiteral("gender"), 1);
            member.insert(QStringLiteral("exempt"), QStringLiteral("no"));
            member.insert(QStringLiteral("citizenId"), 75085004321.0);
            member.insert(QStringLiteral("nickname"), QStringLiteral("Dũng béo"));
            member.insert(QStringLiteral("politicalTheory"), QStringLiteral("Intermediate"));
            expectFields(server, w.officer, "POST", members, member,
                { QStringLiteral("citizenId"), QStringLiteral("exempt"), QStringLiteral("gender"),
                    QStringLiteral("nickname"), QStringLiteral("orgUnitId"),
                    QStringLiteral("politicalTheory") });
            QJsonObject nulls = newMemberJson(
                w.t.cell1.id, QStringLiteral("Hoàng"), QStringLiteral("Văn"), QStringLiteral("Dũng"));
            nulls.insert(QStringLiteral("givenName"), QJsonValue());
            nulls.insert(QStringLiteral("gender"), QJsonValue());
            expectFields(server, w.officer, "POST", members, nulls,
                { QStringLiteral("gender"), QStringLiteral("givenName") });
            QJsonObject formats = newMemberJson(
                w.t.cell1.id, QStringLiteral("Hoàng"), QStringLiteral("Văn"), QStringLiteral("Dũng"));
            formats.insert(QStringLiteral("citizenId"), QStringLiteral("07508500432"));
            formats.insert(QStringLiteral("cardNumber"), QStringLiteral("01-004321"));
            formats.insert(QStringLiteral("profileNumber"), QStringLiteral("004321-dn"));
            formats.insert(QStringLiteral("familyName"), QStringLiteral("   "));
            expectFields(server, w.officer, "POST", members, formats,
                { QStringLiteral("cardNumber"), QStringLiteral("citizenId"), QStringLiteral("familyName"),
                    QStringLiteral("profileNumber") });
            QJsonObject arrival = newMemberJson(
                w.t.cell1.id, QStringLiteral("Hoàng"), QStringLiteral("Văn"), QStringLiteral("Dũng"));
            arrival.insert(QStringLiteral("arrival"), QStringLiteral("admission"));
            expectFields(server, w.officer, "POST", members, arrival, { QStringLiteral("arrival") });
            expectFields(server, w.officer, "PATCH", memberUrl(w.lan.id),
                { { QStringLiteral("hometown"), 7 }, { QStringLiteral("password"), QStringLiteral("x") } },
                { QStringLiteral("hometown"), QStringLiteral("password") }, ifMatch(w.lan.version));
            expectFields(server, w.officer, "POST", memberUrl(w.lan.id, "/events"),
                { { QStringLiteral("type"), QStringLiteral("promotion") },
                    { QStringLiteral("occurredOn"), QStringLiteral("2026-11-01") },
                    { QStringLiteral("permanent"), QStringLiteral("yes") },
                    { QStringLiteral("toOrgUnitId"), 2.5 },
                    { QStringLiteral("reason"), QStringLiteral("x") } },
                { QStringLiteral("permanent"), QStringLiteral("reason"), QStringLiteral("toOrgUnitId"),
                    QStringLiteral("type") });
            expectFields(server, w.officer, "POST", memberUrl(w.lan.id, "/events"), {},
                { QStringLiteral("occurredOn"), QStringLiteral("type") });

            BOOST_TEST((RowCounts::of(db->db()) == before));
            BOOST_TEST(stillServing(server));
        }
    }
}

BOOST_AUTO_TEST_CASE(impossible_dates_are_refused_by_name)
{
    for (const auto& db : allTestDatabases()) {
        BOOST_TEST_CONTEXT(db->label().toStdString())
        {
            World w = seed(*db);
            RunningServer server(*db);
            signInAccounts(w, server);
            const RowCounts before = RowCounts::of(db->db());
            const QString members = QStringLiteral("/api/v1/members");

            for (const char* date : { "1980-02-30", "2023-02-29", "1980-13-01", "1980-00-10", "1980-04-31",
                     "80-01-01", "1980-1-1", "1980-01-01T00:00:00", "15/03/1980", "", "1980-03-15 " }) {
                BOOST_TEST_CONTEXT(date)
                {
                    QJsonObject body = newMemberJson(
                        w.t.cell1.id, QStringLiteral("Hoàng"), QStringLiteral("Văn"), QStringLiteral("Dũng"));
                    body.insert(QStringLiteral("birthDate"), QString::fromLatin1(date));
                    expectFields(server, w.officer, "POST", members, body, { QStringLiteral("birthDate") });
                    expectFields(server, w.officer, "POST", QStringLiteral("/api/v1/orgs"),
                        { { QStringLiteral("parentId"), w.t.school.id },
                            { QStringLiteral("kind"), QStringLiteral("cell") },
                            { QStringLiteral("code"), QStringLiteral("26068.01.7") },
                            { QStringLiteral("name"), QStringLiteral("Chi bộ 7") },
                            { QStringLiteral("decisionNumber"), QStringLiteral("7-QĐ/ĐU") },
                            { QStringLiteral("effectiveOn"), QString::fromLatin1(date) } },
                        { QStringLiteral("effectiveOn") });
                    expectFields(server, w.officer, "POST", memberUrl(w.lan.id, "/events"),
                        { { QStringLiteral("type"), QStringLiteral("exemption") },
                            { QStringLiteral("occurredOn"), QString::fromLatin1(date) } },
                        { QStringLiteral("occurredOn") });
                }
            }
            // Real days that the rules refuse: in the future, before 1900, before the 18th birthday, official
            // too early.
            QJsonObject future = newMemberJson(
                w.t.cell1.id, QStringLiteral("Hoàng"), QStringLiteral("Văn"), QStringLiteral("Dũng"));
            future.insert(QStringLiteral("birthDate"), QStringLiteral("2026-11-26"));
            BOOST_TEST(errorFields(server.call("POST", members, w.officer, future))
                           .contains(QStringLiteral("birthDate")));
            QJsonObject ancient = newMemberJson(
                w.t.cell1.id, QStringLiteral("Hoàng"), QStringLiteral("Văn"), QStringLiteral("Dũng"));
            ancient.insert(QStringLiteral("birthDate"), QStringLiteral("1899-12-31"));
            BOOST_TEST(errorFields(server.call("POST", members, w.officer, ancient))
                           .contains(QStringLiteral("birthDate")));
            QJsonObject early = newMemberJson(
                w.t.cell1.id, QStringLiteral("Hoàng"), QStringLiteral("Văn"), QStringLiteral("Dũng"));
            early.insert(QStringLiteral("officialOn"), QStringLiteral("2015-09-01"));
            expectFields(server, w.officer, "POST", members, early, { QStringLiteral("officialOn") });
            expectFields(server, w.officer, "POST", orgUrl(w.t.cell1.id, "/move"),
                withDecision({ { QStringLiteral("parentId"), w.t.school.id },
                    { QStringLiteral("effectiveOn"), QStringLiteral("2026-11-26") } }),
                { QStringLiteral("effectiveOn"), QStringLiteral("parentId") });
            expectFields(server, w.officer, "POST", memberUrl(w.lan.id, "/events"),
                { { QStringLiteral("type"), QStringLiteral("exemption") },
                    { QStringLiteral("occurredOn"), QStringLiteral("2026-11-26") } },
                { QStringLiteral("occurredOn") });
            // A leap day is a real day.
            QJsonObject leap = newMemberJson(
                w.t.cell1.id, QStringLiteral("Hoàng"), QStringLiteral("Văn"), QStringLiteral("Dũng"));
            leap.insert(QStringLiteral("birthDate"), QStringLiteral("1984-02-29"));
            BOOST_TEST((RowCounts::of(db->db()) == before));
            const auto accepted = server.call("POST", members, w.officer, leap);
            BOOST_TEST(accepted.status == 201, describe(accepted));
            BOOST_TEST(accepted.json().value(QStringLiteral("birthDate")).toString()
                == QStringLiteral("1984-02-29"));
        }
    }
}

BOOST_AUTO_TEST_CASE(bodies_over_one_megabyte_are_refused_and_the_server_keeps_serving)
{
    for (const auto& db : allTestDatabases()) {
        BOOST_TEST_CONTEXT(db->label().toStdString())
        {
            World w = seed(*db);
            RunningServer server(*db);
            signInAccounts(w, server);
            const RowCounts before = RowCounts::of(db->db());
            constexpr qsizetype megabyte = 1024 * 1024;

            // A valid object of one byte more than 1 MB.
            QJsonObject member = newMemberJson(
                w.t.cell1.id, QStringLiteral("Hoàng"), QStringLiteral("Văn"), QStringLiteral("Dũng"));
            member.insert(QStringLiteral("hometown"), QString());
            const qsizetype base = json(member).size();
            member.insert(QStringLiteral("hometown"), QString(megabyte - base + 1, u'x'));
            const QByteArray over = json(member);
            BOOST_TEST_REQUIRE(over.size() == megabyte + 1);
            // The size is judged from Content-Length before any of the body is read: the server answers at
            // once, with the body still unsent.
            for (const auto& route : writeRoutes(w)) {
                const auto answer = sendHeadersOnly(server, route, w.admin, over.size());
                BOOST_TEST(answer.status == 413, route.path.toStdString() << ": " << describe(answer));
                BOOST_TEST(errorCode(answer) == QStringLiteral("too_large"));
            }
            BOOST_TEST(
                sendHeadersOnly(server, { "POST", QStringLiteral("/api/v1/members"), {} }, {}, over.size())
                    .status
                == 413);
            BOOST_TEST(
                sendHeadersOnly(server, { "POST", QStringLiteral("/api/v1/khong-co"), {} }, {}, 50 * megabyte)
                    .status
                == 413);
            BOOST_TEST(sendHeadersOnly(server, { "PATCH", memberUrl(w.lan.id), ifMatch(w.lan.version) },
                           w.admin, qint64 { 1 } << 40)
                           .status
                == 413);
            // Exactly 1 MB is read, and refused for what it says: a hometown far too long.
            member.insert(QStringLiteral("hometown"), QString(megabyte - base, u'x'));
            const QByteArray exact = json(member);
            BOOST_TEST_REQUIRE(exact.size() == megabyte);
            const auto read = server.rawCall("POST", QStringLiteral("/api/v1/members"), w.admin, exact);
            BOOST_TEST(read.status == 400, describe(read));
            BOOST_TEST(errorFields(read) == QStringList { QStringLiteral("hometown") });
            BOOST_TEST((RowCounts::of(db->db()) == before));
            BOOST_TEST(stillServing(server));
            BOOST_TEST(server.call("GET", memberUrl(w.lan.id), w.officer).status == 200);
        }
    }
}

BOOST_AUTO_TEST_CASE(impossible_tree_operations_are_refused_and_change_nothing)
{
    for (const auto& db : allTestDatabases()) {
        BOOST_TEST_CONTEXT(db->label().toStdString())
        {
            World w = seed(*db);
            RunningServer server(*db);
            signInAccounts(w, server);
            const auto& t = w.t;
            const auto dissolved = server.call("POST", QStringLiteral("/api/v1/orgs"), w.admin,
                withDecision({ { QStringLiteral("parentId"), t.school.id },
                    { QStringLiteral("kind"), QStringLiteral("cell") },
                    { QStringLiteral("code"), QStringLiteral("26068.01.8") },
                    { QStringLiteral("name"), QStringLiteral("Chi bộ 8") } }));
            BOOST_TEST_REQUIRE(dissolved.status == 201);
            const qint64 gone = dissolved.json().value(QStringLiteral("id")).toInteger();
            BOOST_TEST_REQUIRE(
                server.call("POST", orgUrl(gone, "/dissolve"), w.admin, decisionJson()).status == 200);
            const RowCounts before = RowCounts::of(db->db());
            const auto move = [](qint64, qint64 parent) {
                return withDecision({ { QStringLiteral("parentId"), parent } });
            };
            const auto merge = [](qint64 target) {
                return withDecision({ { QStringLiteral("targetId"), target } });
            };

            expectFields(server, w.admin, "POST", orgUrl(t.province.id, "/move"),
                move(t.province.id, t.tranBien.id), { QStringLiteral("id") });
            expectFields(server, w.admin, "POST", orgUrl(t.school.id, "/move"), move(t.school.id, t.cell1.id),
                { QStringLiteral("parentId") });
            expectFields(server, w.admin, "POST", orgUrl(t.school.id, "/move"),
                move(t.school.id, t.school.id), { QStringLiteral("parentId") });
            expectFields(server, w.admin, "POST", orgUrl(t.cell1.id, "/move"), move(t.cell1.id, t.school.id),
                { QStringLiteral("parentId") });
            expectFields(server, w.admin, "POST", orgUrl(t.cell1.id, "/move"),
                move(t.cell1.id, t.phuRieng.id), { QStringLiteral("parentId") });
            expectFields(server, w.admin, "POST", orgUrl(t.cell1.id, "/move"), move(t.cell1.id, gone),
                { QStringLiteral("parentId") });
            expectFields(server, w.admin, "POST", orgUrl(gone, "/move"), move(gone, t.school.id),
                { QStringLiteral("id") });
            expectFields(server, w.admin, "POST", orgUrl(t.cell1.id, "/merge"), merge(t.cell1.id),
                { QStringLiteral("targetId") });
            expectFields(server, w.admin, "POST", orgUrl(t.school.id, "/merge"), merge(t.cell2.id),
                { QStringLiteral("targetId") });
            expectFields(server, w.admin, "POST", orgUrl(t.cell1.id, "/merge"), merge(t.phuRieng.id),
                { QStringLiteral("targetId") });
            expectFields(server, w.admin, "POST", orgUrl(t.province.id, "/merge"), merge(t.tranBien.id),
                { QStringLiteral("id"), QStringLiteral("targetId") });
            expectFields(server, w.admin, "POST", orgUrl(t.cell1.id, "/merge"), merge(gone),
                { QStringLiteral("targetId") });
            expectFields(server, w.admin, "POST", orgUrl(t.province.id, "/dissolve"), decisionJson(),
                { QStringLiteral("id") });
            expectFields(
                server, w.admin, "POST", orgUrl(gone, "/dissolve"), decisionJson(), { QStringLiteral("id") });
            const auto busy = server.call("POST", orgUrl(t.school.id, "/dissolve"), w.admin, decisionJson());
            BOOST_TEST(busy.status == 409);
            BOOST_TEST(errorCode(busy) == QStringLiteral("conflict"));
            // Creation against the shape of the tree, a code in use, a parent that ended, a decision dated
            // too early.
            const auto unit
                = [](qint64 parent, const char* kind, const char* code, QDate on = QDate(2026, 11, 20)) {
                      return QJsonObject { { QStringLiteral("parentId"), parent },
                          { QStringLiteral("kind"), QString::fromLatin1(kind) },
                          { QStringLiteral("code"), QString::fromLatin1(code) },
                          { QStringLiteral("name"), QStringLiteral("Tổ chức mới") },
                          { QStringLiteral("decisionNumber"), QStringLiteral("5-QĐ") },
                          { QStringLiteral("effectiveOn"), on.toString(Qt::ISODate) } };
                  };
            const QString orgs = QStringLiteral("/api/v1/orgs");
            expectFields(server, w.admin, "POST", orgs, unit(t.phuRieng.id, "cell", "25252.09"),
                { QStringLiteral("kind") });
            expectFields(server, w.admin, "POST", orgs, unit(t.cell1.id, "cell", "25252.09"),
                { QStringLiteral("kind") });
            expectFields(server, w.admin, "POST", orgs, unit(t.school.id, "cell", "26068.01.1"),
                { QStringLiteral("code") });
            expectFields(server, w.admin, "POST", orgs, unit(gone, "group", "26068.01.8.1"),
                { QStringLiteral("parentId") });
            expectFields(server, w.admin, "POST", orgs,
                unit(t.school.id, "cell", "26068.01.9", QDate(2025, 6, 30)),
                { QStringLiteral("effectiveOn") });
            // Renaming to the same name, or dated before the unit's last change.
            expectFields(server, w.admin, "PATCH", orgUrl(t.cell1.id),
                withDecision({ { QStringLiteral("name"), QStringLiteral("  Chi   bộ 1 ") } }),
                { QStringLiteral("name") }, ifMatch(t.cell1.version));
            expectFields(server, w.admin, "PATCH", orgUrl(t.cell1.id),
                { { QStringLiteral("name"), QStringLiteral("Chi bộ Một") },
                    { QStringLiteral("decisionNumber"), QStringLiteral("5-QĐ") },
                    { QStringLiteral("effectiveOn"), QStringLiteral("2025-06-30") } },
                { QStringLiteral("effectiveOn") }, ifMatch(t.cell1.version));
            BOOST_TEST((RowCounts::of(db->db()) == before));
            BOOST_TEST(stillServing(server));
        }
    }
}

BOOST_AUTO_TEST_CASE(query_parameters_out_of_range_are_named)
{
    for (const auto& db : allTestDatabases()) {
        BOOST_TEST_CONTEXT(db->label().toStdString())
        {
            World w = seed(*db);
            RunningServer server(*db);
            signInAccounts(w, server);
            const auto expectQuery = [&](const QString& url, const QStringList& fields) {
                const auto answer = server.call("GET", url, w.officer);
                BOOST_TEST(answer.status == 400, url.toStdString() << ": " << describe(answer));
                BOOST_TEST(errorFields(answer) == fields, url.toStdString());
            };
            const QString roster = QStringLiteral("/api/v1/members?org=%1").arg(w.t.cell1.id);
            for (const char* limit : { "0", "501", "-1", "ten", "", "1e2", "99999999999" })
                expectQuery(QString(roster + QStringLiteral("&limit=") + QString::fromLatin1(limit)),
                    { QStringLiteral("limit") });
            for (const char* limit : { "0", "501", "x" })
                expectQuery(QString(QStringLiteral("/api/v1/orgs?q=chi&limit=") + QString::fromLatin1(limit)),
                    { QStringLiteral("limit") });
            expectQuery(QString(roster + QStringLiteral("&after=%21%21%21")), { QStringLiteral("after") });
            expectQuery(
                QString(roster + QStringLiteral("&after=bm90IGEgY3Vyc29y")), { QStringLiteral("after") });
            expectQuery(QStringLiteral("/api/v1/members"), { QStringLiteral("org") });
            expectQuery(QStringLiteral("/api/v1/members?org=chi-bo-1"), { QStringLiteral("org") });
            expectQuery(QString(roster + QStringLiteral("&subtree=maybe")), { QStringLiteral("subtree") });
            expectQuery(
                QString(roster + QStringLiteral("&includeLeft=yes")), { QStringLiteral("includeLeft") });
            expectQuery(QString(roster + QStringLiteral("&status=dead")), { QStringLiteral("status") });
            expectQuery(QStringLiteral("/api/v1/members?org=x&subtree=2&status=Official"),
                { QStringLiteral("org"), QStringLiteral("status"), QStringLiteral("subtree") });
            expectQuery(QString(roster + QStringLiteral("&sort=name&page=2")),
                { QStringLiteral("page"), QStringLiteral("sort") });
            // An org id in range that names nothing visible is a 404, as for any hidden object.
            for (const char* org : { "0", "-1", "999999" })
                BOOST_TEST(server
                               .call("GET",
                                   QString(QStringLiteral("/api/v1/members?org=") + QString::fromLatin1(org)),
                                   w.officer)
                               .status
                    == 404);
            BOOST_TEST(stillServing(server));
        }
    }
}

BOOST_AUTO_TEST_CASE(control_characters_and_odd_text_never_cause_a_server_error)
{
    for (const auto& db : allTestDatabases()) {
        BOOST_TEST_CONTEXT(db->label().toStdString())
        {
            World w = seed(*db);
            RunningServer server(*db);
            signInAccounts(w, server);
            const RowCounts before = RowCounts::of(db->db());

            // A NUL inside a name is no name: refused by field, on both databases alike.
            QJsonObject member = newMemberJson(
                w.t.cell1.id, QStringLiteral("Hoàng"), QStringLiteral("Văn"), QStringLiteral("Dũng"));
            member.insert(QStringLiteral("givenName"),
                QString(QStringLiteral("D") + QChar(u'\0') + QStringLiteral("ũng")));
            expectFields(server, w.officer, "POST", QStringLiteral("/api/v1/members"), member,
                { QStringLiteral("givenName") });
            expectFields(server, w.officer, "PATCH", orgUrl(w.t.cell1.id),
                withDecision(
                    { { QStringLiteral("name"), QString(QStringLiteral("Chi bộ") + QChar(u'\0')) } }),
                { QStringLiteral("name") }, ifMatch(w.t.cell1.version));
            const auto login = server.call("POST", QStringLiteral("/api/v1/auth/login"), {},
                { { QStringLiteral("username"), QString(QStringLiteral("admin") + QChar(u'\0')) },
                    { QStringLiteral("password"), QStringLiteral("x") } });
            BOOST_TEST((login.status == 400 || login.status == 401), describe(login));
            BOOST_TEST((RowCounts::of(db->db()) == before));

            // Searches and cursors with odd bytes answer, and never with a server error.
            const QString roster = QStringLiteral("/api/v1/members?org=%1").arg(w.t.cell1.id);
            for (const QString& query : { QStringLiteral("/api/v1/orgs?q=%00"),
                     QStringLiteral("/api/v1/orgs?q=%FF%FE"), QStringLiteral("/api/v1/orgs?q=%25%5F%5C"),
                     QString(roster + QStringLiteral("&q=%00")), QString(roster + QStringLiteral("&q=%25")),
                     QString(roster + QStringLiteral("&after=AAox")),
                     QString(roster + QStringLiteral("&after=%00")),
                     QString(roster + QStringLiteral("&q=%E2%80%AE")) }) {
                const auto answer = server.call("GET", query, w.officer);
                BOOST_TEST(answer.status < 500, query.toStdString() << ": " << describe(answer));
                if (answer.status == 400)
                    BOOST_TEST(!errorFields(answer).isEmpty(), query.toStdString());
            }
            // The text search matches what it says, wildcards included, and nothing else.
            const auto percent = server.call("GET", QString(roster + QStringLiteral("&q=%25")), w.officer);
            BOOST_TEST(percent.status == 200);
            BOOST_TEST(percent.json().value(QStringLiteral("items")).toArray().isEmpty());
            BOOST_TEST(stillServing(server));
        }
    }
}

// The request log's lines while it is installed (Qt's handler is process-wide; the server logs from its
// request threads).
class RequestLogCapture {
public:
    RequestLogCapture()
    {
        s_lines.clear();
        m_previous = qInstallMessageHandler(&RequestLogCapture::take);
    }
    ~RequestLogCapture() { qInstallMessageHandler(m_previous); }
    RequestLogCapture(const RequestLogCapture&) = delete;
    RequestLogCapture& operator=(const RequestLogCapture&) = delete;

    static QStringList lines()
    {
        const std::lock_guard lock(s_mutex);
        return s_lines;
    }

private:
    static void take(QtMsgType, const QMessageLogContext& context, const QString& message)
    {
        if (context.category && std::string_view(context.category) == "sotay.request") {
            const std::lock_guard lock(s_mutex);
            s_lines.append(message);
        }
    }

    QtMessageHandler m_previous = nullptr;
    static inline std::mutex s_mutex;
    static inline QStringList s_lines;
};

BOOST_AUTO_TEST_CASE(ids_in_paths_are_whole_numbers_plus_is_a_space_and_paths_log_on_one_line)
{
    for (const auto& db : allTestDatabases()) {
        BOOST_TEST_CONTEXT(db->label().toStdString())
        {
            World w = seed(*db);
            RunningServer server(*db);
            signInAccounts(w, server);
            const QString unit = QString::number(w.t.cell1.id);
            const QString member = QString::number(w.lan.id);
            BOOST_TEST_REQUIRE(
                server.call("GET", QStringLiteral("/api/v1/orgs/") + unit, w.admin).status == 200);
            // ID stands for the id itself.
            const QStringList odds { QStringLiteral("ID%00junk"), QStringLiteral("ID%20"),
                QStringLiteral("%20ID"), QStringLiteral("0ID"), QStringLiteral("+ID"), QStringLiteral("ID.0"),
                QStringLiteral("%2BID") };
            for (const QString& odd : odds) {
                const auto answer = server.call("GET",
                    QStringLiteral("/api/v1/orgs/") + QString(odd).replace(QStringLiteral("ID"), unit),
                    w.admin);
                BOOST_TEST(answer.status == 404, odd.toStdString() << ": " << describe(answer));
                const auto record = server.call("GET",
                    QStringLiteral("/api/v1/members/") + QString(odd).replace(QStringLiteral("ID"), member),
                    w.admin);
                BOOST_TEST(record.status == 404, odd.toStdString() << ": " << describe(record));
            }

            // "nguyen+thi" searches for "nguyen thi", as a browser's form sends it; %2B is a plus sign.
            const QString roster = QStringLiteral("/api/v1/members?org=%1&q=").arg(w.t.cell1.id);
            const auto spaced = server.call("GET", roster + QStringLiteral("nguyen+thi"), w.officer);
            BOOST_TEST_REQUIRE(spaced.status == 200, describe(spaced));
            BOOST_TEST(spaced.json().value(QStringLiteral("items")).toArray().size() == 1);
            const auto plus = server.call("GET", roster + QStringLiteral("nguyen%2Bthi"), w.officer);
            BOOST_TEST(plus.json().value(QStringLiteral("items")).toArray().isEmpty());

            // A percent-encoded line break in a path cannot forge a line of the request log.
            QStringList logged;
            {
                const RequestLogCapture capture;
                server.call("GET", QStringLiteral("/api/v1/x%0d%0aGET%20/forged%20200"), w.admin);
                server.call("GET", QStringLiteral("/api/v1/y%0aPOST"), w.admin);
                BOOST_TEST(server.call("GET", QStringLiteral("/healthz")).status == 200);
                logged = RequestLogCapture::lines();
            }
            BOOST_TEST_REQUIRE(logged.size() >= 3);
            for (const QString& line : logged) {
                BOOST_TEST(!line.contains(u'\n'), line.toStdString());
                BOOST_TEST(!line.contains(u'\r'), line.toStdString());
            }
            BOOST_TEST(logged.join(u'|').contains(QStringLiteral("/api/v1/x\\x0d\\x0aGET /forged 200")));
        }
    }
}

BOOST_AUTO_TEST_CASE(garbage_on_the_wire_and_a_burst_of_bad_requests_leave_the_server_serving)
{
    for (const auto& db : allTestDatabases()) {
        BOOST_TEST_CONTEXT(db->label().toStdString())
        {
            World w = seed(*db);
            RunningServer server(*db);
            signInAccounts(w, server);
            const RowCounts before = RowCounts::of(db->db());

            // Bytes that are no HTTP request at all, and a request line far too long.
            for (const std::string& garbage :
                { std::string("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03", 11),
                    std::string("HELLO\r\n\r\n"), "GET /" + std::string(20000, 'a') + " HTTP/1.1\r\n\r\n" }) {
                Poco::Net::StreamSocket socket(Poco::Net::SocketAddress("127.0.0.1", server.port()));
                socket.setReceiveTimeout(Poco::Timespan(10, 0));
                try {
                    socket.sendBytes(garbage.data(), static_cast<int>(garbage.size()));
                    socket.shutdownSend();
                    char buffer[4096];
                    while (socket.receiveBytes(buffer, sizeof buffer) > 0) { }
                } catch (const Poco::Exception&) {
                    // A reset is a fine answer to garbage.
                }
            }

            // Many bad requests at once from many clients.
            std::atomic<int> unexpected { 0 };
            std::vector<std::thread> clients;
            for (int c = 0; c < 8; ++c)
                clients.emplace_back([&, c] {
                    for (int i = 0; i < 10; ++i) {
                        const QByteArray body
                            = (i % 2) ? QByteArray("{\"name\":") : QByteArray("\xff\xfe\xfd", 3);
                        const auto answer = server.rawCall("POST",
                            (c % 2) ? QStringLiteral("/api/v1/orgs") : memberUrl(w.lan.id, "/events"),
                            w.admin, body);
                        if (answer.status != 400)
                            ++unexpected;
                    }
                });
            for (auto& client : clients)
                client.join();
            BOOST_TEST(unexpected.load() == 0);
            BOOST_TEST((RowCounts::of(db->db()) == before));
            BOOST_TEST(stillServing(server));
            BOOST_TEST(server.call("GET", memberUrl(w.lan.id), w.officer).status == 200);
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()
