// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/result.h"
#include "demo_random.h"
#include "member/member.h"
#include "text/vietnamese_text.h"

#include <QList>
#include <QString>

// The public data the demo province is made of, read from the resources under :/sotay/demo.
namespace sotay::demo {

// A commune-level unit of Đồng Nai since 1 July 2025.
struct Commune {
    QString code;
    QString name; // without the "Xã "/"Phường " prefix: "Phú Riềng"
    bool ward = false;
    bool formerBinhPhuoc = false;
    bool border = false; // on the Cambodian border

    // "xã Phú Riềng", "phường Trấn Biên", as it is written inside a longer name.
    QString withType() const;
};

Result<QList<Commune>> loadCommunes();

// Vietnamese names drawn by their real frequencies (vietnamese_names.csv).
class NameGenerator final {
public:
    static Result<NameGenerator> load();

    // Older generations took "Thị" (women) and "Văn" (men) as middle names far more often than the
    // young samples the file comes from.
    text::PersonName pick(Rng& rng, Gender gender, int birthYear) const;

private:
    struct ByGender {
        Weighted<QString> middle;
        Weighted<QString> middleBesidesTraditional;
        Weighted<QString> given;
    };
    Weighted<QString> m_family;
    ByGender m_male;
    ByGender m_female;
};

} // namespace sotay::demo
