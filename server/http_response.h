// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>

#include <string>
#include <utility>
#include <vector>

namespace sotay::server {

// An answer ready for the wire: status line, header fields and body.
struct HttpResponse {
    int status = 200;
    std::vector<std::pair<std::string, std::string>>
        headers; // besides Date, Server, Content-Length, Connection
    QByteArray body;
    bool keepAlive = true;
    bool headRequest = false; // the answer to HEAD carries the length of its body but not the body

    QByteArray serialise() const;
};

// "OK", "Not Found"… for the statuses the server sends.
const char* reasonPhrase(int status);

} // namespace sotay::server
