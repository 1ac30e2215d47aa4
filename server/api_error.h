// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/result.h"

#include <QJsonObject>
#include <QString>

#include <exception>
#include <map>
#include <string>

namespace sotay::server {

// A failure a handler reports to the client. One place (the request handler) turns it into an HTTP
// status and the body {"error": {"code", "message", "fields"}}.
class ApiError final : public std::exception {
public:
    ApiError(int status, QString code, QString message, QList<FieldError> fields = {});

    static ApiError badRequest(QString message, QList<FieldError> fields = {});
    static ApiError unauthorised(QString message);
    static ApiError forbidden(QString message);
    static ApiError notFound(QString message);
    static ApiError methodNotAllowed();
    static ApiError conflict(QString message);
    // 409 `in_progress`: the same request is still running; a client sends it again later.
    static ApiError inProgress(QString message);
    static ApiError preconditionFailed(QString message);
    static ApiError tooLarge(QString message);
    static ApiError unavailable(QString message);
    // 503 `busy` with `Retry-After`: the server has no room for the request now.
    static ApiError busy(QString message, int retryAfterSeconds);
    // 429 with `Retry-After` (and `retryAfter` in the body): try again in that many seconds.
    static ApiError tooManyRequests(QString code, QString message, int retryAfterSeconds);
    // The status that a domain error stands for.
    static ApiError fromError(const Error& error);

    // Adds a member to the error object, e.g. the current version with a 412.
    ApiError& with(const QString& key, const QJsonValue& value);

    int status() const { return m_status; }
    QJsonObject body() const;
    // Response headers the error needs (e.g. Retry-After).
    const std::map<std::string, std::string>& headers() const { return m_headers; }
    const char* what() const noexcept override { return "ApiError"; }

private:
    int m_status;
    QString m_code;
    QString m_message;
    QList<FieldError> m_fields;
    QJsonObject m_extra;
    std::map<std::string, std::string> m_headers;
};

} // namespace sotay::server
