// SPDX-License-Identifier: GPL-3.0-or-later
#include "demo_data.h"

#include <QCoreApplication>
#include <QFile>

namespace sotay::demo {
namespace {

const QString kTraditionalFemale = QStringLiteral("Thị");
const QString kTraditionalMale = QStringLiteral("Văn");
constexpr int kTraditionalFemaleShare = 6500; // per 10,000, for women born before 1980
constexpr int kTraditionalMaleShare = 3000;   // per 10,000, for men born before 1980
constexpr int kTraditionalBefore = 1980;

Error dataError(const QString& file)
{
    return { ErrorCode::Io,
        QCoreApplication::translate("DemoProvince", "Không đọc được dữ liệu mẫu %1.").arg(file), {} };
}

// The rows of a small CSV file without quoted fields, header dropped, every field cleaned.
Result<QList<QStringList>> readCsv(const QString& file, qsizetype columns)
{
    QFile f(QStringLiteral(":/sotay/demo/") + file);
    if (!f.open(QIODevice::ReadOnly))
        return dataError(file);
    const QStringList lines = QString::fromUtf8(f.readAll()).split(u'\n');
    QList<QStringList> rows;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QString line = lines.at(i).trimmed();
        if (line.isEmpty())
            continue;
        QStringList fields = line.split(u',');
        if (fields.size() != columns)
            return dataError(file);
        for (QString& field : fields)
            field = text::cleanText(field);
        rows.append(fields);
    }
    if (rows.isEmpty())
        return dataError(file);
    return rows;
}

// Shares are percents with up to three decimals; weights are integer thousandths of a percent.
int weightOf(const QString& share)
{
    return qRound(share.toDouble() * 1000.0);
}

} // namespace

QString Commune::withType() const
{
    return (ward ? QStringLiteral("phường ") : QStringLiteral("xã ")) + name;
}

Result<QList<Commune>> loadCommunes()
{
    auto rows = readCsv(QStringLiteral("dongnai_communes_2025.csv"), 5);
    if (!rows)
        return rows.error();
    QList<Commune> communes;
    for (const QStringList& row : *rows) {
        Commune c;
        c.code = row.at(0);
        c.ward = row.at(2) == u"phường";
        const QString prefix = c.ward ? QStringLiteral("Phường ") : QStringLiteral("Xã ");
        if (!row.at(1).startsWith(prefix))
            return dataError(QStringLiteral("dongnai_communes_2025.csv"));
        c.name = row.at(1).mid(prefix.size());
        c.formerBinhPhuoc = row.at(3) == u"Bình Phước";
        c.border = row.at(4) == u"1";
        communes.append(c);
    }
    return communes;
}

Result<NameGenerator> NameGenerator::load()
{
    auto rows = readCsv(QStringLiteral("vietnamese_names.csv"), 4);
    if (!rows)
        return rows.error();
    NameGenerator names;
    for (const QStringList& row : *rows) {
        const QString& kind = row.at(0);
        const QString& value = row.at(1);
        const int weight = weightOf(row.at(3));
        if (kind == u"family_name") {
            names.m_family.add(value, weight);
            continue;
        }
        ByGender& group = row.at(2) == u"female" ? names.m_female : names.m_male;
        if (kind == u"middle_name") {
            group.middle.add(value, weight);
            if (value != kTraditionalFemale && value != kTraditionalMale)
                group.middleBesidesTraditional.add(value, weight);
        } else if (kind == u"given_name") {
            group.given.add(value, weight);
        }
    }
    for (const ByGender* group : { &names.m_male, &names.m_female })
        if (group->middle.isEmpty() || group->middleBesidesTraditional.isEmpty() || group->given.isEmpty())
            return dataError(QStringLiteral("vietnamese_names.csv"));
    if (names.m_family.isEmpty())
        return dataError(QStringLiteral("vietnamese_names.csv"));
    return names;
}

text::PersonName NameGenerator::pick(Rng& rng, Gender gender, int birthYear) const
{
    const bool female = gender == Gender::Female;
    const ByGender& group = female ? m_female : m_male;
    text::PersonName name;
    name.familyName = m_family.pick(rng);
    if (birthYear < kTraditionalBefore) {
        if (chance(rng, female ? kTraditionalFemaleShare : kTraditionalMaleShare))
            name.middleName = female ? kTraditionalFemale : kTraditionalMale;
        else
            name.middleName = group.middleBesidesTraditional.pick(rng);
    } else {
        name.middleName = group.middle.pick(rng);
    }
    name.givenName = group.given.pick(rng);
    return name;
}

} // namespace sotay::demo
