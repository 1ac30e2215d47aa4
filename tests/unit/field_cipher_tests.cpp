// SPDX-License-Identifier: GPL-3.0-or-later
// The sealing of the replica's sensitive fields: a value opens only where it was sealed and only under its
// data key, its length does not show, the data key opens only with its password (and after a change only
// with the new one), and the citizen id's keyed hash finds equal ids without revealing them.
#include "field_cipher.h"
#include "support/qt_printing.h"

#include <boost/test/unit_test.hpp>

#include <set>

using namespace sotay;

namespace {

const QString kPassword = QStringLiteral("mật khẩu cán bộ 2026");

std::pair<FieldCipher, WrappedKey> newCipher(const QString& password = kPassword)
{
    auto made = FieldCipher::create(password, PasswordHasher::Cost::minimal());
    BOOST_TEST_REQUIRE(made.ok());
    return *made;
}

} // namespace

BOOST_AUTO_TEST_SUITE(field_cipher_tests)

BOOST_AUTO_TEST_CASE(a_value_opens_only_where_it_was_sealed_and_only_under_its_key)
{
    const FieldCipher cipher = newCipher().first;
    const QString place = QStringLiteral("member:12:citizen_id");
    const QString sealed = cipher.seal(QStringLiteral("075180001234"), place);
    BOOST_TEST(FieldCipher::isSealed(sealed));
    BOOST_TEST(!sealed.contains(QStringLiteral("075180001234")));
    BOOST_TEST(cipher.unseal(sealed, place).value() == QStringLiteral("075180001234"));
    BOOST_TEST(cipher.seal(QStringLiteral("075180001234"), place) != sealed); // a fresh nonce each time

    // Moved to another member's row or another column, altered, or opened under another data key: refused.
    BOOST_TEST(!cipher.unseal(sealed, QStringLiteral("member:13:citizen_id")).ok());
    BOOST_TEST(!cipher.unseal(sealed, QStringLiteral("member:12:religion")).ok());
    QString altered = sealed;
    altered[20] = altered[20] == u'A' ? u'B' : u'A';
    BOOST_TEST(!cipher.unseal(altered, place).ok());
    BOOST_TEST(!newCipher().first.unseal(sealed, place).ok());
    BOOST_TEST(!cipher.unseal(QStringLiteral("075180001234"), place).ok());
    BOOST_TEST(cipher.unseal(sealed, place).value() == QStringLiteral("075180001234"));

    // Vietnamese text and the empty value come back as they went in.
    // A value far longer than any field allows still opens (it takes another path than the short ones).
    for (const QString& plain :
        { QStringLiteral("Xtiêng"), QStringLiteral("Phật giáo Hòa Hảo"), QString(), QString(700, u'ấ') })
        BOOST_TEST(cipher.unseal(cipher.seal(plain, place), place).value() == plain);
}

BOOST_AUTO_TEST_CASE(a_sealed_value_does_not_show_how_long_it_is)
{
    const FieldCipher cipher = newCipher().first;
    std::set<qsizetype> lengths;
    for (const QString& plain :
        { QString(), QStringLiteral("Hoa"), QStringLiteral("Kinh"), QStringLiteral("Xtiêng"),
            QStringLiteral("Công giáo"), QStringLiteral("Tin Lành"), QStringLiteral("075180001234") })
        lengths.insert(cipher.seal(plain, QStringLiteral("member:1:ethnicity")).size());
    BOOST_TEST(lengths.size() == 1u);
}

BOOST_AUTO_TEST_CASE(the_data_key_opens_with_its_password_and_after_a_change_only_with_the_new_one)
{
    const auto [cipher, wrapped] = newCipher();
    const QString place = QStringLiteral("member:7:religion");
    const QString sealed = cipher.seal(QStringLiteral("Cao Đài"), place);

    // Kept as text in the replica, read back the same.
    const auto reread = WrappedKey::fromText(wrapped.toText());
    BOOST_TEST_REQUIRE(reread.has_value());
    BOOST_TEST(!wrapped.toText().contains(kPassword));
    const auto opened = FieldCipher::open(*reread, kPassword);
    BOOST_TEST_REQUIRE(opened.ok());
    BOOST_TEST(opened->unseal(sealed, place).value() == QStringLiteral("Cao Đài"));
    // The password typed with decomposed Vietnamese letters is the same password.
    BOOST_TEST(FieldCipher::open(*reread, kPassword.normalized(QString::NormalizationForm_D)).ok());

    const auto wrong = FieldCipher::open(*reread, QStringLiteral("mật khẩu khác 2026"));
    BOOST_TEST_REQUIRE(!wrong.ok());
    BOOST_TEST((wrong.error().code == ErrorCode::Invalid));
    BOOST_TEST(wrong.error().hasField(QStringLiteral("password")));

    // A password change wraps the same data key again: what was sealed still opens, with the new password
    // only.
    const QString changed = QStringLiteral("mật khẩu mới 2027");
    const auto rewrapped = opened->wrap(changed, PasswordHasher::Cost::minimal());
    BOOST_TEST_REQUIRE(rewrapped.ok());
    BOOST_TEST(rewrapped->salt != wrapped.salt);
    BOOST_TEST(!FieldCipher::open(*rewrapped, kPassword).ok());
    const auto afterChange = FieldCipher::open(*rewrapped, changed);
    BOOST_TEST_REQUIRE(afterChange.ok());
    BOOST_TEST(afterChange->unseal(sealed, place).value() == QStringLiteral("Cao Đài"));
}

BOOST_AUTO_TEST_CASE(malformed_key_text_is_refused)
{
    const QString good = newCipher().second.toText();
    BOOST_TEST(WrappedKey::fromText(good).has_value());
    const QStringList malformed { QString(), QStringLiteral("argon2id$1$2$3"),
        QString(good).replace(0, 8, QStringLiteral("argon2i_")), QString(good + QStringLiteral("$x")),
        QString(good).replace(QStringLiteral("$1$"), QStringLiteral("$2$")),
        QString(good.left(good.lastIndexOf(u'$')) + QStringLiteral("$@@@")) };
    for (const QString& bad : malformed)
        BOOST_TEST(!WrappedKey::fromText(bad).has_value(), bad.toStdString());
}

BOOST_AUTO_TEST_CASE(the_citizen_id_hash_finds_equal_ids_without_revealing_them)
{
    const FieldCipher cipher = newCipher().first;
    const QString hash = cipher.citizenIdHash(QStringLiteral("075180001234"));
    BOOST_TEST(hash == cipher.citizenIdHash(QStringLiteral(" 0751 8000 1234 ")));
    BOOST_TEST(hash != cipher.citizenIdHash(QStringLiteral("075180001235")));
    BOOST_TEST(!hash.contains(QStringLiteral("1234")));
    // Under another data key the same id hashes otherwise: a list of hashes from one replica says nothing of
    // another's.
    BOOST_TEST(hash != newCipher().first.citizenIdHash(QStringLiteral("075180001234")));
}

BOOST_AUTO_TEST_SUITE_END()
