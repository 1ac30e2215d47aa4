// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "demo_catalogue.h"
#include "demo_random.h"
#include "member/member.h"

#include <QString>

// Who the members of a unit are: gender, age, ethnicity, religion, origins and qualifications, drawn from
// the unit's profile and place in the proportions of the README.
namespace sotay::demo {

Gender pickGender(Rng& rng, Profile profile);

enum class AgeGroup { OfProfile, NewMember, Deceased };
int pickMemberAge(Rng& rng, Profile profile, AgeGroup group);

// Age at admission of a member admitted more than a year ago.
int pickAdmissionAge(Rng& rng);

// S'tiêng and M'nông live mostly in the communes of the former Bình Phước province.
QString pickEthnicity(Rng& rng, bool formerBinhPhuoc);
QString pickReligion(Rng& rng, const QString& ethnicity);
QString pickHometown(Rng& rng, const QString& ethnicity);

// A provincial party organisation elsewhere that a member came from or moved to.
QString pickOrigin(Rng& rng);

// General education, qualification, political theory, foreign language and IT skill.
void fillEducation(Rng& rng, Member& m, Profile profile, int age, bool newMember);

// Chance (per 10,000) that an official member of this age is exempt from party work.
int exemptionChance(int age);

} // namespace sotay::demo
