// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>

#include <utility>
#include <variant>

namespace sotay {

// What went wrong, in words a caller can map to a status code or a dialog.
enum class ErrorCode {
    Invalid,  // the input breaks a rule; `fields` says which
    NotFound, // no such object (or not visible to the caller)
    Conflict, // the object changed since the caller read it, or the operation clashes with the state
    Storage,  // the database failed
    Io,       // a file or the network failed
};

// One failing field: the code name of the field and a Vietnamese sentence for the user.
struct FieldError {
    QString field;
    QString message;
    friend bool operator==(const FieldError&, const FieldError&) = default;
};

struct Error {
    ErrorCode code = ErrorCode::Invalid;
    QString message;
    QList<FieldError> fields;

    static Error invalid(QString message, QList<FieldError> fields = {})
    {
        return { ErrorCode::Invalid, std::move(message), std::move(fields) };
    }
    // One failing field, whose message is the error's too.
    static Error invalidField(const QString& field, const QString& message)
    {
        return { ErrorCode::Invalid, message, { { field, message } } };
    }
    static Error notFound(QString message) { return { ErrorCode::NotFound, std::move(message), {} }; }
    static Error conflict(QString message) { return { ErrorCode::Conflict, std::move(message), {} }; }
    static Error storage(QString message) { return { ErrorCode::Storage, std::move(message), {} }; }

    bool hasField(const QString& name) const
    {
        for (const auto& f : fields)
            if (f.field == name)
                return true;
        return false;
    }
};

// A value or an error: recoverable failures are values, not exceptions.
template <typename T> class [[nodiscard]] Result {
public:
    Result(T value)
        : m_state(std::move(value))
    {
    }
    Result(Error error)
        : m_state(std::move(error))
    {
    }

    bool ok() const { return std::holds_alternative<T>(m_state); }
    explicit operator bool() const { return ok(); }

    T& value() & { return std::get<T>(m_state); }
    const T& value() const& { return std::get<T>(m_state); }
    T&& value() && { return std::get<T>(std::move(m_state)); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }

    const Error& error() const { return std::get<Error>(m_state); }

private:
    std::variant<T, Error> m_state;
};

struct Ok { };

// For operations that return nothing but can fail.
using Status = Result<Ok>;
inline Status success()
{
    return Ok {};
}

} // namespace sotay
