// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

// The codes of the org_category rows the demo province uses (loại hình cơ sở). Categories are data: these
// are the rows the demo writes, not a list the code knows.
namespace sotay::demo::category {

inline const QString kXa = QStringLiteral("xa");
inline const QString kPhuong = QStringLiteral("phuong");
inline const QString kCoQuanDang = QStringLiteral("co_quan_dang");
inline const QString kNhaNuoc = QStringLiteral("co_quan_nha_nuoc");
inline const QString kSuNghiep = QStringLiteral("su_nghiep");
inline const QString kQuanDoi = QStringLiteral("quan_doi");
inline const QString kCongAn = QStringLiteral("cong_an");
inline const QString kDnNhaNuoc = QStringLiteral("dn_nha_nuoc");
inline const QString kDnNgoai = QStringLiteral("dn_ngoai_nha_nuoc");
inline const QString kKhac = QStringLiteral("khac");

} // namespace sotay::demo::category
