// SPDX-License-Identifier: GPL-3.0-or-later
// The grassroots organisations of a commune or ward, and the names of cells and sections.
#include "demo_catalogue.h"

#include <array>
#include <optional>

namespace sotay::demo {
namespace {

// Chances (per 10,000) that an organisation of this kind is a đảng bộ cơ sở rather than a chi bộ cơ sở.
constexpr int kResidentialCommittee = 3000;
constexpr int kSchoolCommittee = 2000;
constexpr int kHealthCommittee = 3000;
constexpr int kOfficeCommittee = 4500;
constexpr int kArmedCommittee = 3000;
constexpr int kEnterpriseCommittee = 3000;
constexpr int kOtherCommittee = 1000;

const QStringList kPeopleNamesakes {
    QStringLiteral("Nguyễn Du"),
    QStringLiteral("Lê Quý Đôn"),
    QStringLiteral("Trần Phú"),
    QStringLiteral("Lê Lợi"),
    QStringLiteral("Nguyễn Trãi"),
    QStringLiteral("Chu Văn An"),
    QStringLiteral("Võ Thị Sáu"),
    QStringLiteral("Nguyễn Bỉnh Khiêm"),
    QStringLiteral("Lương Thế Vinh"),
    QStringLiteral("Phan Bội Châu"),
    QStringLiteral("Quang Trung"),
    QStringLiteral("Hùng Vương"),
    QStringLiteral("Kim Đồng"),
    QStringLiteral("Lý Tự Trọng"),
    QStringLiteral("Trần Quốc Toản"),
    QStringLiteral("Nguyễn Văn Trỗi"),
    QStringLiteral("Ngô Quyền"),
    QStringLiteral("Lê Hồng Phong"),
    QStringLiteral("Nguyễn Thị Minh Khai"),
    QStringLiteral("Trần Hưng Đạo"),
    QStringLiteral("Võ Trường Toản"),
    QStringLiteral("Đinh Tiên Hoàng"),
    QStringLiteral("Nguyễn Khuyến"),
    QStringLiteral("Phan Chu Trinh"),
    QStringLiteral("Huỳnh Thúc Kháng"),
    QStringLiteral("Nguyễn Đình Chiểu"),
    QStringLiteral("Trương Định"),
    QStringLiteral("Bùi Thị Xuân"),
    QStringLiteral("Hoàng Hoa Thám"),
    QStringLiteral("Lạc Long Quân"),
    QStringLiteral("Tô Vĩnh Diện"),
    QStringLiteral("Nguyễn Hữu Cảnh"),
    QStringLiteral("Trịnh Hoài Đức"),
    QStringLiteral("Điểu Ong"),
    QStringLiteral("Phạm Văn Đồng"),
    QStringLiteral("Võ Văn Tần"),
};

const QStringList kFlowerNamesakes {
    QStringLiteral("Hoa Sen"),
    QStringLiteral("Họa Mi"),
    QStringLiteral("Sơn Ca"),
    QStringLiteral("Hoa Mai"),
    QStringLiteral("Vành Khuyên"),
    QStringLiteral("Hướng Dương"),
    QStringLiteral("Tuổi Thơ"),
    QStringLiteral("Hoa Hồng"),
    QStringLiteral("Bông Sen"),
    QStringLiteral("Sao Mai"),
    QStringLiteral("Hoa Phượng"),
    QStringLiteral("Ánh Dương"),
};

const QStringList kEnterpriseForms { QStringLiteral("TNHH"), QStringLiteral("Cổ phần"),
    QStringLiteral("TNHH MTV") };

const QStringList kEnterpriseSectors {
    QStringLiteral("Thương mại Dịch vụ"),
    QStringLiteral("Xây dựng"),
    QStringLiteral("Chế biến Gỗ"),
    QStringLiteral("May mặc"),
    QStringLiteral("Nông sản"),
    QStringLiteral("Chế biến Điều"),
    QStringLiteral("Cao su"),
    QStringLiteral("Cơ khí"),
    QStringLiteral("Vận tải"),
    QStringLiteral("Thực phẩm"),
    QStringLiteral("Bao bì"),
    QStringLiteral("Điện tử"),
    QStringLiteral("Giày da"),
    QStringLiteral("Phân bón"),
    QStringLiteral("Thức ăn Chăn nuôi"),
    QStringLiteral("Vật liệu Xây dựng"),
    QStringLiteral("Dược phẩm"),
    QStringLiteral("Hồ tiêu"),
};

const QStringList kBrandSyllables {
    QStringLiteral("Phú"),
    QStringLiteral("Thành"),
    QStringLiteral("Tân"),
    QStringLiteral("Phát"),
    QStringLiteral("Hưng"),
    QStringLiteral("Thịnh"),
    QStringLiteral("Minh"),
    QStringLiteral("An"),
    QStringLiteral("Long"),
    QStringLiteral("Đại"),
    QStringLiteral("Việt"),
    QStringLiteral("Hoàng"),
    QStringLiteral("Gia"),
    QStringLiteral("Bảo"),
    QStringLiteral("Thiên"),
    QStringLiteral("Kim"),
    QStringLiteral("Hòa"),
    QStringLiteral("Bình"),
    QStringLiteral("Nam"),
    QStringLiteral("Sơn"),
    QStringLiteral("Tín"),
    QStringLiteral("Nghĩa"),
    QStringLiteral("Lộc"),
    QStringLiteral("Phước"),
    QStringLiteral("Đức"),
    QStringLiteral("Quang"),
    QStringLiteral("Vĩnh"),
};

QString pickFrom(Rng& rng, const QStringList& list)
{
    return list.at(uniform(rng, 0, static_cast<int>(list.size()) - 1));
}

BaseOrgSpec make(QString body, QString category, bool committee, CellStyle style, Profile profile)
{
    return { std::move(body), std::move(category), committee, style, profile };
}

// The organisations of one commune or ward, given out one at a time.
class CommuneCatalogue {
public:
    CommuneCatalogue(Rng& rng, const Commune& commune, UsedNames& used)
        : m_rng(rng)
        , m_commune(commune)
        , m_used(used)
    {
        for (int& offset : m_namesakeOffset)
            offset = uniform(rng, 0, 1000);
    }

    BaseOrgSpec next()
    {
        static const Weighted<QString> mix {
            { {}, 790 }, // the commune's or ward's own hamlets and neighbourhoods
            { category::kSuNghiep, 88 },
            { category::kCoQuanDang, 15 },
            { category::kNhaNuoc, 15 },
            { category::kDnNgoai, 72 },
            { category::kQuanDoi, 5 },
            { category::kCongAn, 5 },
            { category::kKhac, 10 },
        };
        const QString& category = mix.pick(m_rng);
        std::optional<BaseOrgSpec> spec;
        if (category == category::kSuNghiep)
            spec = publicService();
        else if (category == category::kCoQuanDang)
            spec = once(m_partyOffices,
                { QStringLiteral("các cơ quan Đảng, Mặt trận Tổ quốc và đoàn thể {typed}"),
                    QStringLiteral("Cơ quan Đảng ủy {typed}"),
                    QStringLiteral("Ủy ban Mặt trận Tổ quốc Việt Nam {typed}") },
                category, kOfficeCommittee, CellStyle::Numbered, Profile::Office);
        else if (category == category::kNhaNuoc)
            spec = once(m_stateOffices,
                { QStringLiteral("Cơ quan Ủy ban nhân dân {typed}"),
                    QStringLiteral("Trung tâm Phục vụ hành chính công {typed}"),
                    QStringLiteral("Văn phòng Hội đồng nhân dân và Ủy ban nhân dân {typed}") },
                category, kOfficeCommittee, CellStyle::Numbered, Profile::Office);
        else if (category == category::kQuanDoi)
            spec = once(m_military, { QStringLiteral("Quân sự {typed}") }, category, kArmedCommittee,
                CellStyle::Military, Profile::Military);
        else if (category == category::kCongAn)
            spec = once(m_police, { QStringLiteral("Công an {typed}") }, category, kArmedCommittee,
                CellStyle::Police, Profile::Police);
        else if (category == category::kDnNgoai)
            spec = enterprise();
        else if (category == category::kKhac)
            spec = once(m_others,
                { QStringLiteral("Hợp tác xã Nông nghiệp {name}"),
                    QStringLiteral("Quỹ Tín dụng nhân dân {name}"),
                    QStringLiteral("Hợp tác xã Dịch vụ Tổng hợp {name}") },
                category, kOtherCommittee, CellStyle::Numbered, Profile::Residential);
        return spec ? *spec : residential();
    }

private:
    bool committee(int share) { return chance(m_rng, share); }

    BaseOrgSpec residential()
    {
        ++m_hamlets;
        const bool ward = m_commune.ward;
        return make((ward ? QStringLiteral("khu phố %1") : QStringLiteral("ấp %1")).arg(m_hamlets),
            ward ? category::kPhuong : category::kXa, committee(kResidentialCommittee),
            ward ? CellStyle::Neighbourhood : CellStyle::Hamlet, Profile::Residential);
    }

    // The next unused body of a list, "{typed}" being "xã X" and "{name}" the bare name; none when all are
    // used.
    std::optional<BaseOrgSpec> once(int& next, const QStringList& bodies, const QString& category,
        int committeeChance, CellStyle style, Profile profile)
    {
        if (next >= bodies.size())
            return std::nullopt;
        QString body = bodies.at(next++);
        body.replace(QStringLiteral("{typed}"), m_commune.withType())
            .replace(QStringLiteral("{name}"), m_commune.name);
        return make(body, category, committee(committeeChance), style, profile);
    }

    std::optional<BaseOrgSpec> publicService()
    {
        if (!m_healthStation && chance(m_rng, 1500)) {
            m_healthStation = true;
            return make(QStringLiteral("Trạm Y tế ") + m_commune.withType(), category::kSuNghiep,
                committee(kHealthCommittee), CellStyle::Numbered, Profile::Health);
        }
        static const Weighted<int> levels { { 0, 30 }, { 1, 35 }, { 2, 25 }, { 3, 10 } };
        static const std::array<QString, 4> prefixes { QStringLiteral("Trường Mầm non "),
            QStringLiteral("Trường Tiểu học "), QStringLiteral("Trường THCS "),
            QStringLiteral("Trường THPT ") };
        for (int attempt = 0; attempt < 8; ++attempt) {
            const auto level = static_cast<std::size_t>(levels.pick(m_rng));
            const int k = m_schools.at(level)++;
            const QStringList& namesakes = level == 0 ? kFlowerNamesakes : kPeopleNamesakes;
            if (k > namesakes.size())
                continue;
            const QString name
                = k == 0 ? m_commune.name : namesakes.at((m_namesakeOffset.at(level) + k) % namesakes.size());
            const QString body = prefixes.at(level) + name;
            // Upper secondary schools are provincial: their names are unique in the province.
            if (level == 3 && m_used.contains(body))
                continue;
            m_used.insert(body);
            return make(body, category::kSuNghiep, committee(kSchoolCommittee), CellStyle::School,
                Profile::Education);
        }
        return std::nullopt;
    }

    std::optional<BaseOrgSpec> enterprise()
    {
        for (int attempt = 0; attempt < 20; ++attempt) {
            const QString sector = pickFrom(m_rng, kEnterpriseSectors);
            const QString first = pickFrom(m_rng, kBrandSyllables);
            const QString second = pickFrom(m_rng, kBrandSyllables);
            if (first == second)
                continue;
            const QString body = QStringLiteral("Công ty %1 %2 %3 %4")
                                     .arg(pickFrom(m_rng, kEnterpriseForms), sector, first, second);
            if (m_used.contains(body))
                continue;
            m_used.insert(body);
            const bool rubber = sector == u"Cao su";
            return make(body, category::kDnNgoai, committee(kEnterpriseCommittee),
                rubber ? CellStyle::Plantation : CellStyle::Enterprise, Profile::Enterprise);
        }
        return std::nullopt;
    }

    Rng& m_rng;
    const Commune& m_commune;
    UsedNames& m_used;
    int m_hamlets = 0;
    int m_partyOffices = 0;
    int m_stateOffices = 0;
    int m_military = 0;
    int m_police = 0;
    int m_others = 0;
    bool m_healthStation = false;
    std::array<int, 4> m_schools {};
    std::array<int, 4> m_namesakeOffset {};
};

QString listed(const QStringList& list, int index, const QString& numbered)
{
    if (index >= 1 && index <= list.size())
        return list.at(index - 1);
    return numbered.arg(index);
}

} // namespace

QString BaseOrgSpec::name() const
{
    return (committee ? QStringLiteral("Đảng bộ ") : QStringLiteral("Chi bộ ")) + body;
}

QList<BaseOrgSpec> communeBaseOrgs(Rng& rng, const Commune& commune, int count, UsedNames& used)
{
    CommuneCatalogue catalogue(rng, commune, used);
    QList<BaseOrgSpec> specs;
    for (int i = 0; i < count; ++i)
        specs.append(catalogue.next());
    return specs;
}

QString cellBody(CellStyle style, int index)
{
    static const QStringList university { QStringLiteral("Khoa Sư phạm Tự nhiên"),
        QStringLiteral("Khoa Sư phạm Xã hội"), QStringLiteral("Khoa Ngoại ngữ"),
        QStringLiteral("Khoa Kinh tế"), QStringLiteral("Khoa Giáo dục Tiểu học - Mầm non"),
        QStringLiteral("Phòng Đào tạo"), QStringLiteral("Khối Phòng ban") };
    static const QStringList hospital { QStringLiteral("Khoa Khám bệnh"), QStringLiteral("Khoa Nội"),
        QStringLiteral("Khoa Ngoại"), QStringLiteral("Khoa Sản"), QStringLiteral("Khoa Nhi"),
        QStringLiteral("Khoa Hồi sức tích cực - Chống độc"), QStringLiteral("Khoa Xét nghiệm"),
        QStringLiteral("Khoa Chẩn đoán hình ảnh"), QStringLiteral("Khoa Dược"),
        QStringLiteral("Khoa Truyền nhiễm"), QStringLiteral("Phòng Tổ chức - Hành chính"),
        QStringLiteral("Phòng Kế hoạch tổng hợp"), QStringLiteral("Phòng Điều dưỡng") };
    static const QStringList military { QStringLiteral("Ban Tham mưu"), QStringLiteral("Ban Chính trị"),
        QStringLiteral("Ban Hậu cần - Kỹ thuật") };
    switch (style) {
    case CellStyle::Numbered:
        return QString::number(index);
    case CellStyle::Hamlet:
        return QStringLiteral("tổ %1").arg(index);
    case CellStyle::Neighbourhood:
        return QStringLiteral("tổ dân phố %1").arg(index);
    case CellStyle::School:
        return index == 1 ? QStringLiteral("Tổ Văn phòng")
                          : QStringLiteral("Tổ Chuyên môn %1").arg(index - 1);
    case CellStyle::University:
        return listed(university, index, QStringLiteral("%1"));
    case CellStyle::Hospital:
        return listed(hospital, index, QStringLiteral("%1"));
    case CellStyle::Police:
        return index == 1 ? QStringLiteral("Đội Tổng hợp") : QStringLiteral("Đội %1").arg(index - 1);
    case CellStyle::Military:
        return index <= military.size() ? military.at(index - 1)
                                        : QStringLiteral("Đại đội %1").arg(index - military.size());
    case CellStyle::Plantation:
        return index == 1 ? QStringLiteral("Văn phòng Công ty")
                          : QStringLiteral("Nông trường %1").arg(index - 1);
    case CellStyle::Enterprise:
        return index == 1 ? QStringLiteral("Văn phòng Công ty")
                          : QStringLiteral("Phân xưởng %1").arg(index - 1);
    }
    return QString::number(index);
}

QString sectionBody(CellStyle style, int index)
{
    static const QStringList hospital { QStringLiteral("Khối Nội"), QStringLiteral("Khối Ngoại"),
        QStringLiteral("Khối Cận lâm sàng"), QStringLiteral("Khối Phòng chức năng") };
    static const QStringList enterprise { QStringLiteral("Khối Sản xuất"), QStringLiteral("Khối Văn phòng"),
        QStringLiteral("Khối Kinh doanh"), QStringLiteral("Khối Kỹ thuật") };
    static const QStringList school { QStringLiteral("Khối Giảng dạy"), QStringLiteral("Khối Phục vụ"),
        QStringLiteral("Khối Quản lý"), QStringLiteral("Khối Đoàn thể") };
    switch (style) {
    case CellStyle::Hospital:
        return listed(hospital, index, QStringLiteral("số %1"));
    case CellStyle::Enterprise:
    case CellStyle::Plantation:
        return listed(enterprise, index, QStringLiteral("số %1"));
    case CellStyle::School:
    case CellStyle::University:
        return listed(school, index, QStringLiteral("số %1"));
    case CellStyle::Military:
        return QStringLiteral("Tiểu đoàn %1").arg(index);
    case CellStyle::Hamlet:
    case CellStyle::Neighbourhood:
        return QStringLiteral("Khu %1").arg(QChar(u'A' + index - 1));
    case CellStyle::Numbered:
    case CellStyle::Police:
        break;
    }
    return QStringLiteral("số %1").arg(index);
}

} // namespace sotay::demo
