// SPDX-License-Identifier: GPL-3.0-or-later
#include "password_hasher.h"

#include <QCoreApplication>

#include <sodium.h>

#include <chrono>
#include <semaphore>
#include <stdexcept>

namespace sotay {

struct PasswordHasher::Slots {
    explicit Slots(int count)
        : semaphore(count)
    {
    }
    std::counting_semaphore<256> semaphore;
};

namespace {

// Holds one hashing slot for the scope of a hash or a verification.
class SlotGuard final {
public:
    explicit SlotGuard(std::counting_semaphore<256>& semaphore)
        : m_semaphore(semaphore)
        , m_held(semaphore.try_acquire_for(std::chrono::seconds(10)))
    {
    }
    ~SlotGuard()
    {
        if (m_held)
            m_semaphore.release();
    }
    SlotGuard(const SlotGuard&) = delete;
    SlotGuard& operator=(const SlotGuard&) = delete;
    bool held() const { return m_held; }

private:
    std::counting_semaphore<256>& m_semaphore;
    bool m_held;
};

Error busy()
{
    return Error { ErrorCode::Io,
        QCoreApplication::translate(
            "PasswordHasher", "Máy chủ đang bận xử lý đăng nhập, xin thử lại sau ít giây."),
        {} };
}

} // namespace

PasswordHasher::Cost PasswordHasher::Cost::interactive()
{
    return { crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE };
}

PasswordHasher::Cost PasswordHasher::Cost::minimal()
{
    return { crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN };
}

PasswordHasher::PasswordHasher(Cost cost, int maxConcurrent)
    : m_cost(cost)
    , m_slots(std::make_unique<Slots>(std::max(1, maxConcurrent)))
{
    if (sodium_init() < 0)
        throw std::runtime_error("libsodium could not be initialised");
}

PasswordHasher::~PasswordHasher() = default;

// The bytes that are hashed: the password in NFC, so that "ậ" typed as one character or as "a" with two
// combining marks (some input methods, some pastes) is the same password.
QByteArray PasswordHasher::normalised(const QString& password)
{
    return password.normalized(QString::NormalizationForm_C).toUtf8();
}

Result<QString> PasswordHasher::hash(const QString& password)
{
    const QByteArray utf8 = normalised(password);
    char out[crypto_pwhash_STRBYTES];
    SlotGuard slot(m_slots->semaphore);
    if (!slot.held())
        return busy();
    if (crypto_pwhash_str(out, utf8.constData(), static_cast<unsigned long long>(utf8.size()),
            m_cost.operations, m_cost.memoryBytes)
        != 0)
        return Error { ErrorCode::Io,
            QCoreApplication::translate("PasswordHasher", "Không đủ bộ nhớ để mã hóa mật khẩu."), {} };
    return QString::fromLatin1(out);
}

Result<bool> PasswordHasher::verify(const QString& hash, const QString& password)
{
    const QByteArray stored = hash.toLatin1();
    if (stored.size() >= crypto_pwhash_STRBYTES)
        return false;
    char buffer[crypto_pwhash_STRBYTES] = {};
    std::copy(stored.begin(), stored.end(), buffer);
    const QByteArray utf8 = normalised(password);
    SlotGuard slot(m_slots->semaphore);
    if (!slot.held())
        return busy();
    return crypto_pwhash_str_verify(buffer, utf8.constData(), static_cast<unsigned long long>(utf8.size()))
        == 0;
}

QString PasswordHasher::weakness(const QString& password)
{
    if (password.size() < 10)
        return QCoreApplication::translate("PasswordHasher", "Mật khẩu phải dài ít nhất 10 ký tự.");
    if (password.size() > 200)
        return QCoreApplication::translate("PasswordHasher", "Mật khẩu dài quá 200 ký tự.");
    if (password.trimmed().isEmpty())
        return QCoreApplication::translate("PasswordHasher", "Mật khẩu không được chỉ gồm khoảng trắng.");
    return {};
}

} // namespace sotay
