// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "demo_data.h"
#include "demo_random.h"

#include <QList>
#include <QSet>
#include <QString>

// The names and categories of the grassroots organisations of the demo province: what a commune, a ward
// and each provincial bloc committee is made of.
namespace sotay::demo {

// What the members of a unit are like: drives ages, genders and qualifications.
enum class Profile { Residential, Education, Health, Office, Police, Military, Enterprise };

// How the sub-units of a base committee are named.
enum class CellStyle {
    Numbered,
    Hamlet,
    Neighbourhood,
    School,
    University,
    Hospital,
    Police,
    Military,
    Plantation,
    Enterprise
};

// The codes of the org_category rows the demo writes (loại hình cơ sở): data, never an enum in the code.
namespace category {
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
} // namespace category

// The provincial bloc committees directly under the Provincial Committee.
enum class Bloc { PartyAgencies, PeoplesCommittee, Military, Police };

struct CategorySpec {
    QString code;
    QString name;
};

// The org_category rows the demo uses, with their names.
const QList<CategorySpec>& demoCategories();

// Category codes grouped as the README's proportions group them.
bool isCommuneCategory(const QString& code);
bool isEnterpriseCategory(const QString& code);
bool isAdministrativeCategory(const QString& code);
bool isArmedForcesCategory(const QString& code);

struct BaseOrgSpec {
    QString body; // the name without "Đảng bộ " or "Chi bộ ": "Trường Tiểu học Phú Riềng"
    QString category;
    bool committee = false;
    CellStyle cellStyle = CellStyle::Numbered;
    Profile profile = Profile::Office;

    QString name() const;
};

// Names given out once in the whole province (enterprises, schools named after people, ...).
using UsedNames = QSet<QString>;

QList<BaseOrgSpec> communeBaseOrgs(Rng& rng, const Commune& commune, int count, UsedNames& used);
QList<BaseOrgSpec> blocBaseOrgs(
    Rng& rng, Bloc bloc, int count, const QList<Commune>& communes, UsedNames& used);

QString blocName(Bloc bloc);

// "Chi bộ " + cellBody(...), "Đảng bộ bộ phận " + sectionBody(...); index from 1.
QString cellBody(CellStyle style, int index);
QString sectionBody(CellStyle style, int index);

} // namespace sotay::demo
