// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "member/member.h"

#include <QSqlQuery>
#include <QStringList>
#include <QVariantList>

namespace sotay {

// How a Member maps onto the member table; shared by the repository and the console's replica writer.
extern const QStringList kMemberDataColumns; // every stored column but id and version, in bindMember() order
QString memberSelectColumns(const QString& alias); // "id, <data columns>, version", each prefixed by alias
QVariantList bindMember(const Member& member);
Member readMember(const QSqlQuery& query); // a row selected with memberSelectColumns()
// Text fields as they are stored: NFC, trimmed, single spaces.
Member cleanedMember(Member member);

} // namespace sotay
