// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDate>
#include <QString>

#include <optional>

namespace sotay {

// The kind of a node of the organisation tree (see the glossary).
enum class OrgKind {
    Province,         // Đảng bộ tỉnh, the root
    Upper,            // đảng bộ trực thuộc Tỉnh ủy (cấp trên cơ sở)
    BaseCommittee,    // đảng bộ cơ sở
    BaseCell,         // chi bộ cơ sở
    SectionCommittee, // đảng bộ bộ phận
    Cell,             // chi bộ trực thuộc
    Group,            // tổ đảng
};

// Why a unit stopped existing.
enum class OrgEndReason { Merged, Split, Dissolved };

// tổ chức đảng, as it stands now (or, for a historical read, as it stood on a date).
struct OrgUnit {
    qint64 id = 0;
    std::optional<qint64> parentId; // none for the root
    OrgKind kind = OrgKind::Cell;
    std::optional<qint64> categoryId; // loại hình cơ sở: data, not an enum
    QString code;                     // mã đơn vị
    QString name;
    QString path; // materialised path of ids, "/1/5/23/"
    QDate validFrom;
    QDate validTo; // null while the unit exists
    std::optional<OrgEndReason> endReason;
    std::optional<qint64> successorId; // the unit it was merged into
    qint64 version = 0;

    bool active() const { return !validTo.isValid(); }
    // "code - name", as the users see a unit.
    QString displayName() const;

    friend bool operator==(const OrgUnit&, const OrgUnit&) = default;
};

// loại hình cơ sở (xã, phường, doanh nghiệp, ...). The list changes over time, so it lives in the database.
struct OrgCategory {
    qint64 id = 0;
    QString code;
    QString name;
    bool active = true;
};

// The decision behind a tree operation: "Quyết định số 123-QĐ/TU" and the day it takes effect.
struct Decision {
    QString number;
    QDate effectiveOn;
};

QString toCode(OrgKind kind);
std::optional<OrgKind> orgKindFromCode(const QString& code);
QString toCode(OrgEndReason reason);
std::optional<OrgEndReason> orgEndReasonFromCode(const QString& code);

// The Vietnamese name of a kind, for the user.
QString orgKindLabel(OrgKind kind);

} // namespace sotay
