// SPDX-License-Identifier: GPL-3.0-or-later
#include "client_address.h"

#include <QStringList>

#include <Poco/Exception.h>
#include <Poco/Net/IPAddress.h>

namespace sotay::server {

QString canonicalAddress(const QString& text)
{
    Poco::Net::IPAddress address;
    if (!Poco::Net::IPAddress::tryParse(text.trimmed().toStdString(), address))
        return {};
    if (address.family() == Poco::Net::IPAddress::IPv6 && address.isIPv4Mapped()) {
        const QString mapped = QString::fromStdString(address.toString());
        return mapped.mid(mapped.lastIndexOf(u':') + 1);
    }
    return QString::fromStdString(address.toString());
}

QString clientAddress(const QString& peer, const QString& forwardedFor, const QSet<QString>& trustedProxies)
{
    const QString from = canonicalAddress(peer);
    if (!trustedProxies.contains(from) || forwardedFor.trimmed().isEmpty())
        return from;
    const QStringList hops = forwardedFor.split(u',');
    for (auto hop = hops.crbegin(); hop != hops.crend(); ++hop) {
        const QString address = canonicalAddress(*hop);
        if (address.isEmpty())
            return from;
        if (!trustedProxies.contains(address))
            return address;
    }
    return from;
}

} // namespace sotay::server
