// SPDX-License-Identifier: GPL-3.0-or-later
// The provincial bloc committees and their grassroots organisations, and the category rows.
#include "demo_catalogue.h"

namespace sotay::demo {
namespace {

using namespace category;

BaseOrgSpec committeeOf(const QString& body, const QString& cat, CellStyle style, Profile profile)
{
    return { body, cat, true, style, profile };
}

BaseOrgSpec cellOf(const QString& body, const QString& cat, CellStyle style, Profile profile)
{
    return { body, cat, false, style, profile };
}

// Unique in the province: the first candidate nobody has yet, or none.
std::optional<QString> claim(UsedNames& used, const QStringList& candidates)
{
    for (const QString& candidate : candidates)
        if (!used.contains(candidate)) {
            used.insert(candidate);
            return candidate;
        }
    return std::nullopt;
}

QList<BaseOrgSpec> partyAgencies(int count)
{
    constexpr auto O = Profile::Office;
    constexpr auto N = CellStyle::Numbered;
    QList<BaseOrgSpec> specs {
        committeeOf(QStringLiteral("Văn phòng Tỉnh ủy"), kCoQuanDang, N, O),
        cellOf(QStringLiteral("Ban Tổ chức Tỉnh ủy"), kCoQuanDang, N, O),
        cellOf(QStringLiteral("Ủy ban Kiểm tra Tỉnh ủy"), kCoQuanDang, N, O),
        cellOf(QStringLiteral("Ban Tuyên giáo và Dân vận Tỉnh ủy"), kCoQuanDang, N, O),
        committeeOf(QStringLiteral("Báo và Phát thanh, Truyền hình Đồng Nai"), kSuNghiep, N, O),
        committeeOf(QStringLiteral("Trường Chính trị tỉnh Đồng Nai"), kSuNghiep, N, Profile::Education),
        committeeOf(QStringLiteral("Cơ quan Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"), kCoQuanDang, N, O),
        cellOf(QStringLiteral("Ban Nội chính Tỉnh ủy"), kCoQuanDang, N, O),
        committeeOf(QStringLiteral("Tòa án nhân dân tỉnh"), kNhaNuoc, N, O),
        committeeOf(QStringLiteral("Viện Kiểm sát nhân dân tỉnh"), kNhaNuoc, N, O),
        cellOf(QStringLiteral("Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân tỉnh"), kNhaNuoc, N, O),
        cellOf(QStringLiteral("Cơ quan Tỉnh đoàn"), kCoQuanDang, N, O),
        cellOf(QStringLiteral("Hội Liên hiệp Phụ nữ tỉnh"), kCoQuanDang, N, O),
        cellOf(QStringLiteral("Hội Nông dân tỉnh"), kCoQuanDang, N, O),
        cellOf(QStringLiteral("Hội Cựu chiến binh tỉnh"), kCoQuanDang, N, O),
        cellOf(QStringLiteral("Liên đoàn Lao động tỉnh"), kCoQuanDang, N, O),
        cellOf(QStringLiteral("Hội Chữ thập đỏ tỉnh"), kCoQuanDang, N, O),
        cellOf(QStringLiteral("Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh"), kCoQuanDang, N, O),
        cellOf(QStringLiteral("Hội Văn học Nghệ thuật tỉnh"), kCoQuanDang, N, O),
        cellOf(QStringLiteral("Hội Nhà báo tỉnh"), kCoQuanDang, N, O),
        cellOf(QStringLiteral("Liên minh Hợp tác xã tỉnh"), kCoQuanDang, N, O),
        cellOf(QStringLiteral("Hội Luật gia tỉnh"), kCoQuanDang, N, O),
        cellOf(QStringLiteral("Liên hiệp các tổ chức hữu nghị tỉnh"), kCoQuanDang, N, O),
    };
    // Then the regional courts and procuracies of the 2025 reform.
    for (int area = 1; specs.size() < count; ++area) {
        specs.append(cellOf(QStringLiteral("Tòa án nhân dân khu vực %1").arg(area), kNhaNuoc, N, O));
        specs.append(cellOf(QStringLiteral("Viện Kiểm sát nhân dân khu vực %1").arg(area), kNhaNuoc, N, O));
    }
    return specs.mid(0, count);
}

QList<BaseOrgSpec> peoplesCommitteeFixed()
{
    constexpr auto O = Profile::Office;
    constexpr auto H = Profile::Health;
    constexpr auto E = Profile::Enterprise;
    constexpr auto N = CellStyle::Numbered;
    constexpr auto Hs = CellStyle::Hospital;
    constexpr auto P = CellStyle::Plantation;
    constexpr auto En = CellStyle::Enterprise;
    return {
        // The real chain of the README: Chi bộ 2 → Đảng bộ Văn phòng UBND tỉnh → Đảng bộ UBND tỉnh.
        committeeOf(QStringLiteral("Văn phòng Ủy ban nhân dân tỉnh"), kNhaNuoc, N, O),
        committeeOf(QStringLiteral("Sở Tài chính"), kNhaNuoc, N, O),
        committeeOf(QStringLiteral("Bệnh viện Đa khoa Đồng Nai"), kSuNghiep, Hs, H),
        committeeOf(QStringLiteral("Tổng Công ty Công nghiệp Thực phẩm Đồng Nai"), kDnNhaNuoc, En, E),
        committeeOf(QStringLiteral("Sở Nội vụ"), kNhaNuoc, N, O),
        committeeOf(QStringLiteral("Sở Giáo dục và Đào tạo"), kNhaNuoc, N, O),
        committeeOf(
            QStringLiteral("Trường Đại học Đồng Nai"), kSuNghiep, CellStyle::University, Profile::Education),
        committeeOf(QStringLiteral("Công ty TNHH MTV Cao su Phú Riềng"), kDnNhaNuoc, P, E),
        committeeOf(QStringLiteral("Sở Xây dựng"), kNhaNuoc, N, O),
        committeeOf(QStringLiteral("Sở Nông nghiệp và Môi trường"), kNhaNuoc, N, O),
        committeeOf(QStringLiteral("Bệnh viện Đa khoa Thống Nhất"), kSuNghiep, Hs, H),
        committeeOf(QStringLiteral("Tổng Công ty Cao su Đồng Nai"), kDnNhaNuoc, P, E),
        cellOf(QStringLiteral("Sở Y tế"), kNhaNuoc, N, O),
        committeeOf(QStringLiteral("Bệnh viện Đa khoa tỉnh Bình Phước"), kSuNghiep, Hs, H),
        committeeOf(QStringLiteral("Công ty TNHH MTV Cao su Bình Long"), kDnNhaNuoc, P, E),
        cellOf(QStringLiteral("Sở Công Thương"), kNhaNuoc, N, O),
        cellOf(QStringLiteral("Sở Tư pháp"), kNhaNuoc, N, O),
        committeeOf(QStringLiteral("Bệnh viện Đa khoa khu vực Long Khánh"), kSuNghiep, Hs, H),
        committeeOf(QStringLiteral("Tổng Công ty Tín Nghĩa"), kDnNhaNuoc, En, E),
        cellOf(QStringLiteral("Sở Khoa học và Công nghệ"), kNhaNuoc, N, O),
        committeeOf(QStringLiteral("Sở Văn hóa, Thể thao và Du lịch"), kNhaNuoc, N, O),
        committeeOf(QStringLiteral("Bệnh viện Nhi đồng Đồng Nai"), kSuNghiep, Hs, H),
        committeeOf(QStringLiteral("Công ty TNHH MTV Cao su Lộc Ninh"), kDnNhaNuoc, P, E),
        cellOf(QStringLiteral("Sở Dân tộc và Tôn giáo"), kNhaNuoc, N, O),
        cellOf(QStringLiteral("Thanh tra tỉnh"), kNhaNuoc, N, O),
        committeeOf(QStringLiteral("Trung tâm Kiểm soát bệnh tật tỉnh"), kSuNghiep, N, H),
        committeeOf(QStringLiteral("Tổng Công ty Sonadezi"), kDnNhaNuoc, En, E),
        cellOf(QStringLiteral("Ban Quản lý các Khu công nghiệp Đồng Nai"), kNhaNuoc, N, O),
        committeeOf(QStringLiteral("Bệnh viện Đa khoa khu vực Định Quán"), kSuNghiep, Hs, H),
        committeeOf(QStringLiteral("Công ty Cổ phần Cao su Đồng Phú"), kDnNhaNuoc, P, E),
        cellOf(QStringLiteral("Trường Cao đẳng Kỹ thuật Đồng Nai"), kSuNghiep, N, Profile::Education),
        cellOf(QStringLiteral("Trường Cao đẳng Y tế Đồng Nai"), kSuNghiep, N, Profile::Education),
        cellOf(QStringLiteral("Công ty Cổ phần Cấp nước Đồng Nai"), kDnNhaNuoc, En, E),
        committeeOf(QStringLiteral("Trường THPT chuyên Lương Thế Vinh"), kSuNghiep, CellStyle::School,
            Profile::Education),
        cellOf(QStringLiteral("Trường THPT chuyên Quang Trung"), kSuNghiep, CellStyle::School,
            Profile::Education),
        cellOf(QStringLiteral("Công ty TNHH MTV Xổ số kiến thiết Đồng Nai"), kDnNhaNuoc, En, E),
        cellOf(QStringLiteral("Bệnh viện Y dược cổ truyền Đồng Nai"), kSuNghiep, Hs, H),
        cellOf(QStringLiteral("Công ty TNHH MTV Lâm nghiệp La Ngà"), kDnNhaNuoc, En, E),
    };
}

// After the named ones: regional health centres, upper secondary schools, sub-departments and state
// companies, in the proportions of a provincial People's Committee bloc.
std::optional<BaseOrgSpec> peoplesCommitteeGenerated(
    Rng& rng, const QList<Commune>& communes, UsedNames& used)
{
    static const QStringList subDepartments { QStringLiteral("Chi cục Thủy lợi"),
        QStringLiteral("Chi cục Kiểm lâm"), QStringLiteral("Chi cục Chăn nuôi và Thú y"),
        QStringLiteral("Chi cục Trồng trọt và Bảo vệ thực vật"), QStringLiteral("Chi cục Dân số"),
        QStringLiteral("Chi cục An toàn vệ sinh thực phẩm"), QStringLiteral("Chi cục Phát triển nông thôn"),
        QStringLiteral("Chi cục Quản lý chất lượng nông lâm sản"),
        QStringLiteral("Ban Quản lý Khu bảo tồn thiên nhiên - văn hóa Đồng Nai"),
        QStringLiteral("Ban Quản lý dự án đầu tư xây dựng tỉnh"),
        QStringLiteral("Trung tâm Lưu trữ lịch sử tỉnh"), QStringLiteral("Trung tâm Dịch vụ việc làm tỉnh") };
    static const QStringList stateSectors { QStringLiteral("Lâm nghiệp"),
        QStringLiteral("Khai thác Thủy lợi"), QStringLiteral("Dịch vụ Môi trường Đô thị"),
        QStringLiteral("Cấp thoát nước"), QStringLiteral("Dịch vụ Công ích") };
    static const QStringList namesakes { QStringLiteral("Nguyễn Trãi"), QStringLiteral("Ngô Quyền"),
        QStringLiteral("Nam Hà"), QStringLiteral("Lê Hồng Phong"), QStringLiteral("Trấn Biên"),
        QStringLiteral("Nguyễn Hữu Cảnh"), QStringLiteral("Đồng Xoài"), QStringLiteral("Nguyễn Du"),
        QStringLiteral("Hùng Vương"), QStringLiteral("Chu Văn An"), QStringLiteral("Phú Riềng"),
        QStringLiteral("Lộc Ninh"), QStringLiteral("Bù Đăng") };
    static const Weighted<int> kinds { { 0, 40 }, { 1, 20 }, { 2, 15 }, { 3, 25 } };

    const Commune& place = communes.at(uniform(rng, 0, static_cast<int>(communes.size()) - 1));
    switch (kinds.pick(rng)) {
    case 0: {
        QStringList candidates;
        for (const QString& name : namesakes)
            candidates.append(QStringLiteral("Trường THPT ") + name);
        candidates.append(QStringLiteral("Trường THPT ") + place.name);
        if (auto body = claim(used, candidates))
            return BaseOrgSpec { *body, kSuNghiep, chance(rng, 3000), CellStyle::School, Profile::Education };
        break;
    }
    case 1:
        if (auto body = claim(used, { QStringLiteral("Trung tâm Y tế khu vực ") + place.name }))
            return BaseOrgSpec { *body, kSuNghiep, chance(rng, 6000), CellStyle::Hospital, Profile::Health };
        break;
    case 2:
        if (auto body = claim(used, subDepartments))
            return BaseOrgSpec { *body, kNhaNuoc, chance(rng, 2000), CellStyle::Numbered, Profile::Office };
        break;
    default: {
        const QString& sector = stateSectors.at(uniform(rng, 0, static_cast<int>(stateSectors.size()) - 1));
        if (auto body = claim(used, { QStringLiteral("Công ty TNHH MTV %1 %2").arg(sector, place.name) }))
            return BaseOrgSpec { *body, kDnNhaNuoc, chance(rng, 4000), CellStyle::Enterprise,
                Profile::Enterprise };
        break;
    }
    }
    return std::nullopt;
}

QList<BaseOrgSpec> peoplesCommittee(Rng& rng, int count, const QList<Commune>& communes, UsedNames& used)
{
    QList<BaseOrgSpec> specs = peoplesCommitteeFixed().mid(0, count);
    for (const auto& spec : std::as_const(specs))
        used.insert(spec.body);
    for (int failures = 0; specs.size() < count;) {
        if (auto spec = peoplesCommitteeGenerated(rng, communes, used))
            specs.append(*spec);
        else if (++failures > 200) // every plausible name is taken: a province far larger than Đồng Nai
            specs.append(cellOf(QStringLiteral("Đơn vị sự nghiệp số %1").arg(specs.size() + 1), kSuNghiep,
                CellStyle::Numbered, Profile::Office));
    }
    return specs;
}

QList<BaseOrgSpec> military(int count, const QList<Commune>& communes)
{
    constexpr auto M = Profile::Military;
    constexpr auto S = CellStyle::Military;
    QList<BaseOrgSpec> specs {
        committeeOf(QStringLiteral("Cơ quan Bộ Chỉ huy Quân sự tỉnh"), kQuanDoi, S, M),
        committeeOf(QStringLiteral("Bộ Chỉ huy Bộ đội Biên phòng tỉnh"), kQuanDoi, S, M),
        committeeOf(QStringLiteral("Trung đoàn Bộ binh 762"), kQuanDoi, S, M),
    };
    const QStringList units { QStringLiteral("Trường Quân sự tỉnh"),
        QStringLiteral("Tiểu đoàn Huấn luyện - Cơ động"), QStringLiteral("Đại đội Trinh sát"),
        QStringLiteral("Đại đội Công binh"), QStringLiteral("Đại đội Thông tin"),
        QStringLiteral("Kho Kỹ thuật") };
    QList<const Commune*> border;
    for (const auto& c : communes)
        if (c.border)
            border.append(&c);
    // Defence areas, border posts and the smaller units, interleaved; then more defence areas.
    for (int i = 0; specs.size() < count; ++i) {
        specs.append(
            committeeOf(QStringLiteral("Ban Chỉ huy Phòng thủ khu vực %1").arg(i + 1), kQuanDoi, S, M));
        if (i < border.size())
            specs.append(cellOf(QStringLiteral("Đồn Biên phòng ") + border.at(i)->name, kQuanDoi, S, M));
        if (i < units.size())
            specs.append(cellOf(units.at(i), kQuanDoi, S, M));
    }
    return specs.mid(0, count);
}

QList<BaseOrgSpec> police(int count)
{
    constexpr auto P = Profile::Police;
    constexpr auto S = CellStyle::Police;
    QList<BaseOrgSpec> specs;
    for (const char* body : { "Phòng Tham mưu", "Phòng An ninh chính trị nội bộ", "Phòng Cảnh sát hình sự",
             "Phòng Cảnh sát giao thông", "Phòng Cảnh sát cơ động",
             "Phòng Cảnh sát phòng cháy, chữa cháy và cứu nạn, cứu hộ", "Phòng An ninh kinh tế",
             "Phòng Cảnh sát điều tra tội phạm về ma túy",
             "Phòng Cảnh sát quản lý hành chính về trật tự xã hội", "Trại tạm giam Công an tỉnh",
             "Phòng Cảnh sát thi hành án hình sự và hỗ trợ tư pháp" })
        specs.append(committeeOf(QString::fromUtf8(body), kCongAn, S, P));
    for (const char* body : { "Phòng Cảnh sát kinh tế", "Phòng Xuất nhập cảnh", "Phòng Hậu cần",
             "Phòng Tổ chức cán bộ", "Phòng Công tác đảng và công tác chính trị",
             "Phòng An ninh mạng và phòng, chống tội phạm sử dụng công nghệ cao", "Phòng Kỹ thuật hình sự",
             "Phòng Hồ sơ", "Phòng Cảnh sát môi trường", "Phòng An ninh đối ngoại", "Phòng Thanh tra" })
        specs.append(cellOf(QString::fromUtf8(body), kCongAn, S, P));
    for (int area = 1; specs.size() < count; ++area)
        specs.append(cellOf(
            QStringLiteral("Đội Cảnh sát phòng cháy, chữa cháy và cứu nạn, cứu hộ khu vực %1").arg(area),
            kCongAn, S, P));
    return specs.mid(0, count);
}

} // namespace

const QList<CategorySpec>& demoCategories()
{
    static const QList<CategorySpec> list {
        { kXa, QStringLiteral("Xã") },
        { kPhuong, QStringLiteral("Phường") },
        { kCoQuanDang, QStringLiteral("Cơ quan Đảng, Mặt trận Tổ quốc, đoàn thể") },
        { kNhaNuoc, QStringLiteral("Cơ quan Nhà nước") },
        { kSuNghiep, QStringLiteral("Đơn vị sự nghiệp công lập") },
        { kQuanDoi, QStringLiteral("Quân đội") },
        { kCongAn, QStringLiteral("Công an") },
        { kDnNhaNuoc, QStringLiteral("Doanh nghiệp nhà nước") },
        { kDnNgoai, QStringLiteral("Doanh nghiệp ngoài nhà nước") },
        { kKhac, QStringLiteral("Khác") },
    };
    return list;
}

bool isCommuneCategory(const QString& code)
{
    return code == kXa || code == kPhuong;
}

bool isEnterpriseCategory(const QString& code)
{
    return code == kDnNhaNuoc || code == kDnNgoai;
}

bool isAdministrativeCategory(const QString& code)
{
    return code == kCoQuanDang || code == kNhaNuoc || code == kSuNghiep;
}

bool isArmedForcesCategory(const QString& code)
{
    return code == kQuanDoi || code == kCongAn;
}

QString blocName(Bloc bloc)
{
    switch (bloc) {
    case Bloc::PartyAgencies:
        return QStringLiteral("Đảng bộ các cơ quan Đảng tỉnh");
    case Bloc::PeoplesCommittee:
        return QStringLiteral("Đảng bộ Ủy ban nhân dân tỉnh");
    case Bloc::Military:
        return QStringLiteral("Đảng bộ Quân sự tỉnh");
    case Bloc::Police:
        return QStringLiteral("Đảng bộ Công an tỉnh");
    }
    return {};
}

QList<BaseOrgSpec> blocBaseOrgs(
    Rng& rng, Bloc bloc, int count, const QList<Commune>& communes, UsedNames& used)
{
    switch (bloc) {
    case Bloc::PartyAgencies:
        return partyAgencies(count);
    case Bloc::PeoplesCommittee:
        return peoplesCommittee(rng, count, communes, used);
    case Bloc::Military:
        return military(count, communes);
    case Bloc::Police:
        return police(count);
    }
    return {};
}

} // namespace sotay::demo
