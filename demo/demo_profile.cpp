// SPDX-License-Identifier: GPL-3.0-or-later
#include "demo_profile.h"

namespace sotay::demo {
namespace {

const QString kKinh = QStringLiteral("Kinh");
const QString kNone = QStringLiteral("Không");
const QString kDongNai = QStringLiteral("Đồng Nai");

using Table = Weighted<QString>;

const Table& ethnicities(bool formerBinhPhuoc)
{
    // Per 100,000, so that 0.05% (Mạ) is a whole number. Province-wide the two tables give about the
    // README's weights: Kinh 90%, S'tiêng 2.4%, Hoa 2.3%, Nùng 1.0%, Tày 0.9%, Khmer 0.6%, Chơ Ro
    // 0.45%, M'nông 0.25%, Mạ 0.05%, others about 2%.
    static const Table binhPhuoc {
        { kKinh, 85895 },
        { QStringLiteral("S'tiêng"), 6000 },
        { QStringLiteral("Nùng"), 1500 },
        { QStringLiteral("Tày"), 1400 },
        { QStringLiteral("Khmer"), 1000 },
        { QStringLiteral("Hoa"), 1000 },
        { QStringLiteral("M'nông"), 650 },
        { QStringLiteral("Mường"), 750 },
        { QStringLiteral("Dao"), 440 },
        { QStringLiteral("Thái"), 440 },
        { QStringLiteral("Chăm"), 310 },
        { QStringLiteral("Mông"), 250 },
        { QStringLiteral("Kơho"), 190 },
        { QStringLiteral("Gia Rai"), 125 },
        { QStringLiteral("Mạ"), 50 },
    };
    static const Table elsewhere {
        { kKinh, 92510 },
        { QStringLiteral("Hoa"), 2830 },
        { QStringLiteral("Nùng"), 800 },
        { QStringLiteral("Tày"), 700 },
        { QStringLiteral("Chơ Ro"), 630 },
        { QStringLiteral("Mường"), 540 },
        { QStringLiteral("Khmer"), 350 },
        { QStringLiteral("Dao"), 315 },
        { QStringLiteral("Thái"), 315 },
        { QStringLiteral("S'tiêng"), 300 },
        { QStringLiteral("Chăm"), 225 },
        { QStringLiteral("Mông"), 180 },
        { QStringLiteral("Kơho"), 135 },
        { QStringLiteral("Gia Rai"), 90 },
        { QStringLiteral("Mạ"), 50 },
        { QStringLiteral("M'nông"), 30 },
    };
    return formerBinhPhuoc ? binhPhuoc : elsewhere;
}

bool isIndigenous(const QString& ethnicity)
{
    for (const char* name : { "S'tiêng", "M'nông", "Chơ Ro", "Mạ", "Kơho", "Gia Rai" })
        if (ethnicity == QString::fromUtf8(name))
            return true;
    return false;
}

QString pickText(Rng& rng, const Table& table)
{
    return table.pick(rng);
}

} // namespace

Gender pickGender(Rng& rng, Profile profile)
{
    int women = 3000; // per 10,000
    switch (profile) {
    case Profile::Education:
        women = 6800;
        break;
    case Profile::Health:
        women = 6500;
        break;
    case Profile::Office:
        women = 4200;
        break;
    case Profile::Police:
        women = 1500;
        break;
    case Profile::Military:
        women = 800;
        break;
    case Profile::Enterprise:
        women = 3500;
        break;
    case Profile::Residential:
        break;
    }
    return chance(rng, women) ? Gender::Female : Gender::Male;
}

int pickMemberAge(Rng& rng, Profile profile, AgeGroup group)
{
    // Residential cells keep their retired members; offices and the armed forces retire theirs.
    static const Weighted<AgeBand> residential { { { 20, 29 }, 4 }, { { 30, 39 }, 12 }, { { 40, 49 }, 18 },
        { { 50, 59 }, 20 }, { { 60, 69 }, 22 }, { { 70, 79 }, 16 }, { { 80, 90 }, 8 } };
    static const Weighted<AgeBand> working { { { 22, 29 }, 14 }, { { 30, 39 }, 34 }, { { 40, 49 }, 30 },
        { { 50, 59 }, 20 }, { { 60, 62 }, 2 } };
    static const Weighted<AgeBand> armed { { { 20, 29 }, 25 }, { { 30, 39 }, 40 }, { { 40, 49 }, 25 },
        { { 50, 57 }, 10 } };
    static const Weighted<AgeBand> newMembers { { { 18, 25 }, 45 }, { { 26, 30 }, 28 }, { { 31, 35 }, 14 },
        { { 36, 45 }, 10 }, { { 46, 55 }, 3 } };
    static const Weighted<AgeBand> deceased { { { 45, 59 }, 10 }, { { 60, 69 }, 20 }, { { 70, 79 }, 35 },
        { { 80, 90 }, 35 } };
    switch (group) {
    case AgeGroup::NewMember:
        return pickAge(rng, newMembers);
    case AgeGroup::Deceased:
        return pickAge(rng, deceased);
    case AgeGroup::OfProfile:
        break;
    }
    switch (profile) {
    case Profile::Residential:
        return pickAge(rng, residential);
    case Profile::Police:
    case Profile::Military:
        return pickAge(rng, armed);
    default:
        return pickAge(rng, working);
    }
}

int pickAdmissionAge(Rng& rng)
{
    static const Weighted<AgeBand> ages { { { 18, 22 }, 20 }, { { 23, 27 }, 35 }, { { 28, 32 }, 22 },
        { { 33, 40 }, 16 }, { { 41, 55 }, 7 } };
    return pickAge(rng, ages);
}

QString pickEthnicity(Rng& rng, bool formerBinhPhuoc)
{
    return pickText(rng, ethnicities(formerBinhPhuoc));
}

QString pickReligion(Rng& rng, const QString& ethnicity)
{
    static const Table common { { kNone, 9250 }, { QStringLiteral("Phật giáo"), 350 },
        { QStringLiteral("Công giáo"), 300 }, { QStringLiteral("Cao Đài"), 40 },
        { QStringLiteral("Tin Lành"), 30 }, { QStringLiteral("Phật giáo Hòa Hảo"), 20 },
        { QStringLiteral("Hồi giáo"), 10 } };
    static const Table cham { { QStringLiteral("Hồi giáo"), 6000 }, { kNone, 4000 } };
    static const Table buddhistLeaning { { QStringLiteral("Phật giáo"), 3000 }, { kNone, 7000 } };
    static const Table indigenous { { QStringLiteral("Tin Lành"), 800 }, { QStringLiteral("Công giáo"), 700 },
        { kNone, 8500 } };
    if (ethnicity == u"Chăm")
        return pickText(rng, cham);
    if (ethnicity == u"Hoa" || ethnicity == u"Khmer")
        return pickText(rng, buddhistLeaning);
    if (isIndigenous(ethnicity))
        return pickText(rng, indigenous);
    return pickText(rng, common);
}

QString pickHometown(Rng& rng, const QString& ethnicity)
{
    // Provinces as named since the 2025 merger; most members came to Đồng Nai from the North and Centre.
    static const Table kinh { { kDongNai, 4000 }, { QStringLiteral("Nghệ An"), 600 },
        { QStringLiteral("Thanh Hóa"), 600 }, { QStringLiteral("Ninh Bình"), 600 },
        { QStringLiteral("Hưng Yên"), 500 }, { QStringLiteral("Đà Nẵng"), 500 },
        { QStringLiteral("Quảng Ngãi"), 500 }, { QStringLiteral("Thành phố Hồ Chí Minh"), 500 },
        { QStringLiteral("Hà Tĩnh"), 450 }, { QStringLiteral("Hà Nội"), 300 },
        { QStringLiteral("Quảng Trị"), 300 }, { QStringLiteral("Huế"), 300 },
        { QStringLiteral("Gia Lai"), 300 }, { QStringLiteral("Hải Phòng"), 200 },
        { QStringLiteral("Tây Ninh"), 200 }, { QStringLiteral("Lâm Đồng"), 200 },
        { QStringLiteral("Khánh Hòa"), 150 }, { QStringLiteral("Đồng Tháp"), 150 },
        { QStringLiteral("Vĩnh Long"), 150 }, { QStringLiteral("An Giang"), 100 } };
    static const Table northern { { QStringLiteral("Lạng Sơn"), 5000 },
        { QStringLiteral("Cao Bằng"), 5000 } };
    static const Table hoa { { kDongNai, 7000 }, { QStringLiteral("Thành phố Hồ Chí Minh"), 3000 } };
    if (isIndigenous(ethnicity) || ethnicity == u"Khmer")
        return kDongNai;
    if (ethnicity == u"Nùng" || ethnicity == u"Tày")
        return pickText(rng, northern);
    if (ethnicity == u"Hoa")
        return pickText(rng, hoa);
    if (ethnicity == u"Mường")
        return QStringLiteral("Phú Thọ");
    return pickText(rng, kinh);
}

QString pickOrigin(Rng& rng)
{
    static const Table origins { { QStringLiteral("Đảng bộ Thành phố Hồ Chí Minh"), 30 },
        { QStringLiteral("Đảng bộ tỉnh Lâm Đồng"), 15 }, { QStringLiteral("Đảng bộ tỉnh Tây Ninh"), 15 },
        { QStringLiteral("Đảng bộ tỉnh Đắk Lắk"), 10 }, { QStringLiteral("Đảng bộ tỉnh Khánh Hòa"), 8 },
        { QStringLiteral("Đảng bộ Thành phố Hà Nội"), 8 }, { QStringLiteral("Đảng bộ tỉnh Nghệ An"), 7 },
        { QStringLiteral("Đảng bộ tỉnh Thanh Hóa"), 7 } };
    return pickText(rng, origins);
}

void fillEducation(Rng& rng, Member& m, Profile profile, int age, bool newMember)
{
    using L = PoliticalTheoryLevel;
    static const Table oldSchooling { { QStringLiteral("12/12"), 45 }, { QStringLiteral("10/10"), 35 },
        { QStringLiteral("9/10"), 10 }, { QStringLiteral("7/10"), 10 } };
    static const Table residentialSchooling { { QStringLiteral("12/12"), 85 },
        { QStringLiteral("9/12"), 15 } };
    if (age >= 65)
        m.generalEducation = pickText(rng, oldSchooling);
    else if (profile == Profile::Residential || profile == Profile::Enterprise)
        m.generalEducation = pickText(rng, residentialSchooling);
    else
        m.generalEducation = QStringLiteral("12/12");

    static const Table residential { { QString(), 45 }, { QStringLiteral("Trung cấp Nông nghiệp"), 12 },
        { QStringLiteral("Sơ cấp Thú y"), 5 }, { QStringLiteral("Trung cấp Kế toán"), 8 },
        { QStringLiteral("Cao đẳng Sư phạm"), 8 }, { QStringLiteral("Cử nhân Luật"), 7 },
        { QStringLiteral("Kỹ sư Nông học"), 7 }, { QStringLiteral("Cử nhân Kinh tế"), 8 } };
    static const Table education { { QStringLiteral("Cử nhân Sư phạm Toán"), 15 },
        { QStringLiteral("Cử nhân Sư phạm Ngữ văn"), 15 },
        { QStringLiteral("Cử nhân Sư phạm Tiếng Anh"), 10 },
        { QStringLiteral("Cử nhân Giáo dục Tiểu học"), 20 },
        { QStringLiteral("Cao đẳng Sư phạm Mầm non"), 15 }, { QStringLiteral("Cử nhân Sư phạm Vật lý"), 8 },
        { QStringLiteral("Cử nhân Sư phạm Lịch sử"), 7 },
        { QStringLiteral("Thạc sĩ Quản lý giáo dục"), 10 } };
    static const Table health { { QStringLiteral("Bác sĩ Đa khoa"), 25 },
        { QStringLiteral("Cử nhân Điều dưỡng"), 25 }, { QStringLiteral("Y sĩ Đa khoa"), 12 },
        { QStringLiteral("Dược sĩ Đại học"), 8 }, { QStringLiteral("Bác sĩ Chuyên khoa I"), 10 },
        { QStringLiteral("Thạc sĩ Y học"), 5 }, { QStringLiteral("Cao đẳng Điều dưỡng"), 10 },
        { QStringLiteral("Kỹ thuật viên Xét nghiệm"), 5 } };
    static const Table office { { QStringLiteral("Cử nhân Luật"), 20 },
        { QStringLiteral("Cử nhân Kinh tế"), 18 }, { QStringLiteral("Cử nhân Quản lý nhà nước"), 15 },
        { QStringLiteral("Thạc sĩ Quản lý công"), 8 }, { QStringLiteral("Cử nhân Kế toán"), 12 },
        { QStringLiteral("Cử nhân Hành chính"), 10 }, { QStringLiteral("Kỹ sư Xây dựng"), 7 },
        { QStringLiteral("Cử nhân Báo chí"), 5 }, { QStringLiteral("Thạc sĩ Kinh tế"), 5 } };
    static const Table police { { QStringLiteral("Cử nhân An ninh nhân dân"), 30 },
        { QStringLiteral("Cử nhân Cảnh sát nhân dân"), 35 },
        { QStringLiteral("Trung cấp Cảnh sát nhân dân"), 20 }, { QStringLiteral("Thạc sĩ Luật"), 5 },
        { QStringLiteral("Cử nhân Luật"), 10 } };
    static const Table military { { QStringLiteral("Cử nhân Chỉ huy tham mưu"), 30 },
        { QStringLiteral("Trung cấp Quân sự"), 20 }, { QStringLiteral("Cao đẳng Quân sự"), 15 },
        { QStringLiteral("Kỹ sư Quân sự"), 10 }, { QStringLiteral("Cử nhân Chính trị"), 10 },
        { QString(), 15 } };
    static const Table enterprise { { QStringLiteral("Kỹ sư Cơ khí"), 15 },
        { QStringLiteral("Cử nhân Quản trị kinh doanh"), 15 }, { QStringLiteral("Trung cấp Kỹ thuật"), 15 },
        { QStringLiteral("Kỹ sư Nông học"), 10 }, { QStringLiteral("Cử nhân Kế toán"), 12 },
        { QStringLiteral("Cao đẳng Điện"), 8 }, { QStringLiteral("Kỹ sư Công nghệ thông tin"), 8 },
        { QString(), 17 } };
    switch (profile) {
    case Profile::Residential:
        m.professionalQualification = pickText(rng, residential);
        break;
    case Profile::Education:
        m.professionalQualification = pickText(rng, education);
        break;
    case Profile::Health:
        m.professionalQualification = pickText(rng, health);
        break;
    case Profile::Office:
        m.professionalQualification = pickText(rng, office);
        break;
    case Profile::Police:
        m.professionalQualification = pickText(rng, police);
        break;
    case Profile::Military:
        m.professionalQualification = pickText(rng, military);
        break;
    case Profile::Enterprise:
        m.professionalQualification = pickText(rng, enterprise);
        break;
    }

    static const Weighted<L> newTheory { { L::None, 80 }, { L::Elementary, 20 } };
    static const Weighted<L> residentialTheory { { L::None, 35 }, { L::Elementary, 50 },
        { L::Intermediate, 13 }, { L::Advanced, 2 } };
    static const Weighted<L> officeTheory { { L::None, 10 }, { L::Elementary, 35 }, { L::Intermediate, 40 },
        { L::Advanced, 13 }, { L::Bachelor, 2 } };
    static const Weighted<L> armedTheory { { L::Elementary, 40 }, { L::Intermediate, 45 },
        { L::Advanced, 13 }, { L::Bachelor, 2 } };
    static const Weighted<L> otherTheory { { L::None, 30 }, { L::Elementary, 52 }, { L::Intermediate, 16 },
        { L::Advanced, 2 } };
    if (newMember)
        m.politicalTheory = newTheory.pick(rng);
    else if (profile == Profile::Residential)
        m.politicalTheory = residentialTheory.pick(rng);
    else if (profile == Profile::Office)
        m.politicalTheory = officeTheory.pick(rng);
    else if (profile == Profile::Police || profile == Profile::Military)
        m.politicalTheory = armedTheory.pick(rng);
    else
        m.politicalTheory = otherTheory.pick(rng);

    static const Table youngLanguage { { QStringLiteral("Tiếng Anh B1"), 30 },
        { QStringLiteral("Tiếng Anh A2"), 25 }, { QStringLiteral("Tiếng Anh trình độ B"), 15 },
        { QStringLiteral("Tiếng Anh B2"), 5 }, { QString(), 25 } };
    static const Table oldLanguage { { QString(), 60 }, { QStringLiteral("Tiếng Anh trình độ A"), 20 },
        { QStringLiteral("Tiếng Anh trình độ B"), 10 }, { QStringLiteral("Tiếng Nga trình độ B"), 10 } };
    m.foreignLanguage = pickText(rng, age < 50 ? youngLanguage : oldLanguage);

    static const Table youngIt { { QStringLiteral("Ứng dụng CNTT cơ bản"), 55 },
        { QStringLiteral("Tin học văn phòng trình độ B"), 15 },
        { QStringLiteral("Tin học văn phòng trình độ A"), 10 }, { QString(), 20 } };
    static const Table oldIt { { QString(), 70 }, { QStringLiteral("Tin học văn phòng trình độ A"), 20 },
        { QStringLiteral("Ứng dụng CNTT cơ bản"), 10 } };
    m.itSkill = pickText(rng, age < 55 ? youngIt : oldIt);
}

int exemptionChance(int age)
{
    if (age >= 85)
        return 3000;
    if (age >= 80)
        return 2200;
    if (age >= 75)
        return 1350;
    if (age >= 70)
        return 850;
    if (age >= 65)
        return 250;
    if (age >= 60)
        return 40;
    return 0;
}

} // namespace sotay::demo
