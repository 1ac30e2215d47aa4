// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "content/content_item.h"
#include "core/result.h"
#include "member/member.h"
#include "org/org_unit.h"
#include "store/field_sealer.h"

#include <QSqlDatabase>
#include <QSqlQuery>

#include <optional>

namespace sotay {

// Writes what the server sent into the console's replica, as it is: the server has already applied every
// rule, so nothing is validated, no change-feed row is written, and foreign keys are not enforced (objects
// arrive in the order the server pages them). The caller holds the transaction. With a sealer, a member's
// sensitive fields are sealed for its row and its citizen id's keyed hash kept beside them.
class ReplicaWriter final {
public:
    explicit ReplicaWriter(const QSqlDatabase& db, const FieldSealer* sealer = nullptr);

    Status upsertUnit(const OrgUnit& unit);
    Status upsertMember(const Member& member);
    // The unit, its subtree, the members on their rosters and their cells' participation figures: they have
    // left the user's scope.
    Status removeUnit(qint64 id);
    Status removeMember(qint64 id);
    // An item of published content the user may read, with its audience; and its removal.
    Status upsertContent(const ContentItem& item);
    Status removeContent(qint64 id);
    // The tree's history: every period is replaced at once (a tree operation rewrites several).
    Status clearPeriods();
    // The list of categories (loại hình cơ sở), replaced whole.
    Status replaceCategories(const QList<OrgCategory>& categories);
    // One period of `unit` (its id, place and names as they stood from validFrom to validTo).
    Status insertPeriod(qint64 periodId, const OrgUnit& unit);

private:
    // Prepared once per writer: a sync page writes a thousand rows through the same statements.
    Status run(std::optional<QSqlQuery>& statement, const QString& text, const QVariantList& values);

    QSqlDatabase m_db;
    const FieldSealer* m_sealer;
    std::optional<QSqlQuery> m_upsertUnit;
    std::optional<QSqlQuery> m_upsertMember;
    std::optional<QSqlQuery> m_insertPeriod;
};

} // namespace sotay
