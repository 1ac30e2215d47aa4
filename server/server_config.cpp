// SPDX-License-Identifier: GPL-3.0-or-later
#include "server_config.h"

#include <QCoreApplication>

#include <algorithm>
#include <thread>

namespace sotay::server {

int defaultRequestThreads()
{
    const auto cores = static_cast<int>(std::min(std::thread::hardware_concurrency(), 64U));
    return std::clamp(8 * cores, 16, 64);
}

Result<std::pair<QString, quint16>> ServerConfig::parseListen(const QString& text)
{
    const qsizetype colon = text.lastIndexOf(u':');
    const auto invalid = [&text] {
        return Error::invalid(QCoreApplication::translate("ServerConfig",
            "Địa chỉ lắng nghe \"%1\" phải có dạng MÁY:CỔNG, "
            "ví dụ 127.0.0.1:8080.")
                                  .arg(text));
    };
    if (colon < 0)
        return invalid();
    QString host = text.left(colon);
    if (host.startsWith(u'[') && host.endsWith(u']'))
        host = host.mid(1, host.size() - 2);
    if (host.isEmpty())
        host = QStringLiteral("127.0.0.1");
    bool ok = false;
    const uint port = text.mid(colon + 1).toUInt(&ok);
    if (!ok || port > 65535)
        return invalid();
    return std::pair { host, static_cast<quint16>(port) };
}

} // namespace sotay::server
