// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "auth_service.h"
#include "store/store_counters.h"

#include <QByteArray>
#include <QHash>
#include <QJsonDocument>
#include <QSqlDatabase>
#include <QString>
#include <QUrlQuery>

#include <map>
#include <optional>
#include <string>

namespace sotay::server {

// A request as a handler sees it: already read, size-checked and split into its parts.
struct ApiRequest {
    QString method;
    QString path;
    QString clientAddress; // the peer, or the client behind a trusted proxy (client_address.h)
    QUrlQuery query;
    QHash<QString, QString> pathParameters; // {id} and the like, from the route pattern
    QHash<QString, QString> headers;        // lower-case names
    QByteArray body;
    QSqlDatabase db;                    // this worker thread's own connection
    std::optional<Principal> principal; // set for every route that needs sign-in
    // Read before the principal when the server keeps things between requests (ServerConfig::cache).
    std::optional<StoreCounters> counters;

    QString header(const QString& lowerCaseName) const { return headers.value(lowerCaseName); }
    const Principal& caller() const { return *principal; }
};

struct ApiResponse {
    int status = 200;
    QJsonDocument body;
    std::map<std::string, std::string> headers;
    QByteArray raw; // JSON text already written (long lists); sent instead of `body` when set
    // A file instead of JSON (an attachment): its media type, and `raw` holds its bytes, sent as they are.
    std::string fileType = {};

    static ApiResponse json(const QJsonObject& object, int status = 200)
    {
        return { status, QJsonDocument(object), {}, {} };
    }
    static ApiResponse text(QByteArray json, int status = 200) { return { status, {}, {}, std::move(json) }; }
    static ApiResponse file(QByteArray bytes, std::string mediaType)
    {
        return { 200, {}, {}, std::move(bytes), std::move(mediaType) };
    }
};

} // namespace sotay::server
