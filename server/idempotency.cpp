// SPDX-License-Identifier: GPL-3.0-or-later
#include "idempotency.h"

#include "api_error.h"
#include "store/sql.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QJsonObject>
#include <QRegularExpression>

namespace sotay::server {
namespace {

// What tells a repeat from another request under the same key: the body and the query string. The fields that
// carry a password are left out: this hash is kept in the database, and a fast hash of a body would let
// whoever reads it try passwords far faster than against the account's Argon2id hash.
QString bodyHash(const ApiRequest& request)
{
    QByteArray fingerprinted = request.body;
    QJsonObject object = QJsonDocument::fromJson(request.body).object();
    bool secret = false;
    for (const QString& name : object.keys())
        if (name.contains(QStringLiteral("password"), Qt::CaseInsensitive)) {
            object.remove(name);
            secret = true;
        }
    if (secret)
        fingerprinted = QJsonDocument(object).toJson(QJsonDocument::Compact);
    // An upload names its file in the query string: a repeat with another name is another request.
    if (!request.query.isEmpty())
        fingerprinted += "\n?" + request.query.toString(QUrl::FullyEncoded).toUtf8();
    return QString::fromLatin1(QCryptographicHash::hash(fingerprinted, QCryptographicHash::Sha256).toHex());
}

std::optional<ApiResponse> storedAnswer(
    const ApiRequest& request, const QString& key, const ReplayCheck& check)
{
    auto query = sql::exec(request.db,
        QStringLiteral("SELECT method, path, body_hash, status, body FROM idempotent_request "
                       "WHERE user_id = ? AND key = ?"),
        { request.caller().user.id, key });
    if (!query)
        throw ApiError::fromError(query.error());
    if (!query->next())
        return std::nullopt;
    if (query->value(0).toString() != request.method || query->value(1).toString() != request.path
        || query->value(2).toString() != bodyHash(request))
        throw ApiError::conflict(QCoreApplication::translate(
            "ApiError", "Khóa Idempotency-Key này đã được dùng cho một yêu cầu khác."));
    if (query->value(3).toInt() == 0)
        throw ApiError::inProgress(QCoreApplication::translate(
            "ApiError", "Yêu cầu với khóa này đang được xử lý, xin thử lại sau."));
    ApiResponse answer { query->value(3).toInt(),
        QJsonDocument::fromJson(query->value(4).toString().toUtf8()), {}, {} };
    query->finish();
    if (check)
        check(request, answer.body.object());
    answer.headers["Idempotent-Replayed"] = "true";
    return answer;
}

} // namespace

ApiResponse runIdempotent(const ApiRequest& request, const PreparedHandler& handler, const ReplayCheck& check)
{
    const QString key = request.header(QStringLiteral("idempotency-key"));
    if (key.isEmpty())
        return handler(request)();
    static const QRegularExpression valid(QStringLiteral("^[A-Za-z0-9._:-]{8,100}$"));
    if (!valid.match(key).hasMatch()) {
        const QString message = QCoreApplication::translate(
            "ApiError", "Idempotency-Key phải dài 8 đến 100 ký tự chữ, số, . _ : -.");
        throw ApiError::badRequest(message, { { QStringLiteral("Idempotency-Key"), message } });
    }

    // A repeat is answered before the slow first step; one that arrives during it is answered below.
    if (auto replay = storedAnswer(request, key, check))
        return *replay;
    const Write write = handler(request);

    sql::Transaction transaction(request.db);
    if (const Status begun = transaction.begin(); !begun)
        throw ApiError::fromError(begun.error());
    if (auto replay = storedAnswer(request, key, check))
        return *replay;
    // The placeholder row makes a concurrent repeat of the key wait for, then see, this one.
    const auto reserved = sql::exec(request.db,
        QStringLiteral("INSERT INTO idempotent_request (user_id, key, method, path, body_hash, status, body, "
                       "created_at) "
                       "VALUES (?, ?, ?, ?, ?, 0, '', ?)"),
        { request.caller().user.id, key, request.method, request.path, bodyHash(request),
            sql::timestamp(QDateTime::currentDateTimeUtc()) });
    if (!reserved)
        throw ApiError::inProgress(QCoreApplication::translate(
            "ApiError", "Yêu cầu với khóa này đang được xử lý, xin thử lại sau."));

    ApiResponse answer = write();
    const auto stored = sql::exec(request.db,
        QStringLiteral("UPDATE idempotent_request SET status = ?, body = ? WHERE user_id = ? AND key = ?"),
        { answer.status,
            QString::fromUtf8(answer.raw.isEmpty() ? answer.body.toJson(QJsonDocument::Compact) : answer.raw),
            request.caller().user.id, key });
    if (!stored)
        throw ApiError::fromError(stored.error());
    if (const Status committed = transaction.commit(); !committed)
        throw ApiError::fromError(committed.error());
    return answer;
}

} // namespace sotay::server
