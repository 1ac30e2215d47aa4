// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QSet>
#include <QString>

namespace sotay::server {

// An IP address in one spelling ("::ffff:10.0.0.1" as "10.0.0.1"); empty when `text` is no address.
QString canonicalAddress(const QString& text);

// Who sent a request: the peer's address, or, when the peer is a trusted reverse proxy, the nearest
// address in X-Forwarded-For (all such headers joined by commas) that is not itself a trusted proxy. A
// malformed header counts as the proxy's own address, so a client cannot pick its address through it.
QString clientAddress(const QString& peer, const QString& forwardedFor, const QSet<QString>& trustedProxies);

} // namespace sotay::server
