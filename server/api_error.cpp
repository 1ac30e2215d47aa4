// SPDX-License-Identifier: GPL-3.0-or-later
#include "api_error.h"

#include <QCoreApplication>

namespace sotay::server {

ApiError::ApiError(int status, QString code, QString message, QList<FieldError> fields)
    : m_status(status)
    , m_code(std::move(code))
    , m_message(std::move(message))
    , m_fields(std::move(fields))
{
}

ApiError ApiError::badRequest(QString message, QList<FieldError> fields)
{
    return { 400, QStringLiteral("bad_request"), std::move(message), std::move(fields) };
}
ApiError ApiError::unauthorised(QString message)
{
    return { 401, QStringLiteral("unauthorised"), std::move(message) };
}
ApiError ApiError::forbidden(QString message)
{
    return { 403, QStringLiteral("forbidden"), std::move(message) };
}
ApiError ApiError::notFound(QString message)
{
    return { 404, QStringLiteral("not_found"), std::move(message) };
}
ApiError ApiError::methodNotAllowed()
{
    return { 405, QStringLiteral("method_not_allowed"),
        QCoreApplication::translate("ApiError", "Địa chỉ này không nhận phương thức đó.") };
}
ApiError ApiError::conflict(QString message)
{
    return { 409, QStringLiteral("conflict"), std::move(message) };
}
ApiError ApiError::inProgress(QString message)
{
    return { 409, QStringLiteral("in_progress"), std::move(message) };
}
ApiError ApiError::preconditionFailed(QString message)
{
    return { 412, QStringLiteral("stale_version"), std::move(message) };
}
ApiError ApiError::tooLarge(QString message)
{
    return { 413, QStringLiteral("too_large"), std::move(message) };
}
ApiError ApiError::unavailable(QString message)
{
    return { 503, QStringLiteral("unavailable"), std::move(message) };
}
ApiError ApiError::busy(QString message, int retryAfterSeconds)
{
    ApiError error { 503, QStringLiteral("busy"), std::move(message) };
    error.with(QStringLiteral("retryAfter"), retryAfterSeconds);
    error.m_headers["Retry-After"] = std::to_string(retryAfterSeconds);
    return error;
}

ApiError ApiError::tooManyRequests(QString code, QString message, int retryAfterSeconds)
{
    ApiError error { 429, std::move(code), std::move(message) };
    error.with(QStringLiteral("retryAfter"), retryAfterSeconds);
    error.m_headers["Retry-After"] = std::to_string(retryAfterSeconds);
    return error;
}

ApiError ApiError::fromError(const Error& error)
{
    switch (error.code) {
    case ErrorCode::Invalid:
        return badRequest(error.message, error.fields);
    case ErrorCode::NotFound:
        return notFound(error.message);
    case ErrorCode::Conflict:
        return conflict(error.message);
    case ErrorCode::Io:
        return unavailable(error.message);
    case ErrorCode::Storage:
        break;
    }
    return { 500, QStringLiteral("internal"), error.message };
}

ApiError& ApiError::with(const QString& key, const QJsonValue& value)
{
    m_extra.insert(key, value);
    return *this;
}

QJsonObject ApiError::body() const
{
    QJsonObject error = m_extra;
    error.insert(QStringLiteral("code"), m_code);
    error.insert(QStringLiteral("message"), m_message);
    if (!m_fields.isEmpty()) {
        QJsonObject fields;
        for (const auto& field : m_fields)
            fields.insert(field.field, field.message);
        error.insert(QStringLiteral("fields"), fields);
    }
    return { { QStringLiteral("error"), error } };
}

} // namespace sotay::server
