// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// What the API suites share: the row counts a refused request must leave alone, the parts of an error
// answer, and request bodies that the routes accept.
#include "member/member.h"
#include "support/http_test_client.h"
#include "support/running_server.h"

#include <QDate>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QStringList>

#include <map>
#include <ostream>
#include <string>

namespace sotay::test {

// Rows of the tables every write touches: a refused request changes none of them.
struct RowCounts {
    qint64 feed = 0;
    qint64 members = 0;
    qint64 units = 0;
    qint64 audit = 0;
    qint64 users = 0;
    qint64 events = 0;
    static RowCounts of(const QSqlDatabase& db);
    friend bool operator==(const RowCounts&, const RowCounts&) = default;
};
std::ostream& operator<<(std::ostream& out, const RowCounts& counts);

// error.code of an answer ("" when the answer is no error).
QString errorCode(const HttpAnswer& answer);
// error.current of a 412: the record as it is now (empty when the answer has none).
QJsonObject staleCurrent(const HttpAnswer& answer);
// The keys of error.fields, sorted.
QStringList errorFields(const HttpAnswer& answer);
// The answer as text, for failure messages.
std::string describe(const HttpAnswer& answer);

// The server still answers /healthz.
bool stillServing(const RunningServer& server);

// A dated decision for a tree operation, a few days before the test clock's "today" (2026-11-25).
QJsonObject decisionJson(const QString& number = QStringLiteral("99-QĐ/TU"), QDate on = QDate(2026, 11, 20));
// `decisionJson()` plus the given members.
QJsonObject withDecision(QJsonObject body);

// A valid official member of `unitId` through the repository (seeding, not the API).
Member addMember(
    const QSqlDatabase& db, qint64 unitId, const char* family, const char* middle, const char* given);
// The body of POST /api/v1/members for a valid official member of `unitId`.
QJsonObject newMemberJson(qint64 unitId, const QString& family, const QString& middle, const QString& given);

// "/api/v1/orgs/5", "/api/v1/members/7" and the like.
QString orgUrl(qint64 id, const char* suffix = "");
QString memberUrl(qint64 id, const char* suffix = "");

// PATCH /api/v1/users/{id} of the account named `username`, at its current version, as `token`: the way an
// administrator changes a signed-in account's role or scope under it.
HttpAnswer changeAccount(const RunningServer& server, const QSqlDatabase& db, const QString& token,
    const char* username, const QJsonObject& change);

std::map<std::string, std::string> ifMatch(qint64 version);
std::map<std::string, std::string> idempotencyKey(const char* key);

// The keys that only administrators, officers and the member themself may see.
bool hasSensitiveFields(const QJsonObject& member);

} // namespace sotay::test
