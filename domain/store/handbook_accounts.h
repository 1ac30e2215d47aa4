// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "access/user.h"
#include "core/result.h"
#include "store/write_context.h"

#include <QDateTime>
#include <QSqlDatabase>

#include <optional>

namespace sotay {

// A member who may be given an activation code, with the number they will sign in with: their card number,
// or their profile number while they have no card (a probationer).
struct CodeHolder {
    qint64 memberId = 0;
    QString fullName;
    QString number;
};

// A member of a unit left out of a batch of codes, and why (in Vietnamese).
struct SkippedHolder {
    qint64 memberId = 0;
    QString fullName;
    QString reason;
};

struct HolderBatch {
    QList<CodeHolder> holders;
    QList<SkippedHolder> skipped;
};

// A code as it is stored: its keyed hash and the key (security/activation_code.h), never the code.
struct StoredCode {
    qint64 memberId = 0;
    QString codeHash;
    QString salt;
};

// A live code of a member on the roster whose number is the one typed at activation.
struct ActivationCandidate {
    qint64 memberId = 0;
    qint64 orgUnitId = 0;
    QString codeHash;
    QString salt;
};

enum class HandbookAccountState { None, CodeIssued, CodeExpired, Active, Disabled };
QString toCode(HandbookAccountState state);

// A member on a unit's roster with the state of their handbook account.
struct HandbookAccountRow {
    qint64 memberId = 0;
    QString fullName;
    QString number;
    qint64 orgUnitId = 0;
    HandbookAccountState state = HandbookAccountState::None;
    QDateTime codeExpiresAt;      // while a code is issued or has expired unused
    std::optional<qint64> userId; // the account, once activated (or a staff account linked to the member)
    QString username;
    QString sortKey;
};

struct HandbookAccountPage {
    QList<HandbookAccountRow> rows;
    QString next; // the `after` cursor of the next page; empty on the last
};

inline constexpr int kActivationCodeDays = 30;

// Handbook accounts for members: activation codes (issued by officers, one live code per member, a reissue
// replaces it) and the activation that makes the member's account. Whether the caller may do it is the
// server's to decide; every write is one transaction with its audit rows.
class HandbookAccounts final {
public:
    explicit HandbookAccounts(const QSqlDatabase& db);

    // The member as a code holder, or why not (Conflict naming `memberId`): off the roster, with an account
    // already, without a card or profile number, or sharing the number with another member on the roster.
    Result<CodeHolder> holder(qint64 memberId) const;
    // The members on the rosters of the subtree at `unitPath` without an account (and, unless `replaceLive`,
    // without a live code), at most `limit` of them (more: Invalid naming `limit`); those without a usable
    // number are skipped with the reason.
    Result<HolderBatch> holdersIn(
        const QString& unitPath, bool replaceLive, const QDateTime& now, int limit) const;
    // Stores the codes (replacing each member's previous one), valid until `expiresAt`, with an audit row
    // each.
    Status storeCodes(
        const QList<StoredCode>& codes, const QDateTime& expiresAt, const WriteContext& context);

    // The live codes of members on the roster whose number is `number` (usually one).
    Result<QList<ActivationCandidate>> candidates(const QString& number, const QDateTime& now) const;
    // Spends the member's code (it must still be live and be `codeHash`) and makes the member's account with
    // the user name `username`: Conflict when the code is gone, or the member left the roster or has an
    // account meanwhile; Invalid naming `number` when the user name is taken.
    Result<User> activate(qint64 memberId, const QString& codeHash, const QString& username,
        const QString& passwordHash, const WriteContext& context);

    // The members of the subtree at `unitPath` on the roster, in name order, with their account state.
    Result<HandbookAccountPage> list(
        const QString& unitPath, const QString& after, int limit, const QDateTime& now) const;

private:
    QSqlDatabase m_db;
};

// Inside the write that takes a member off the roster: their member accounts are disabled at once (with their
// sessions) and a live code dies. A staff account linked to the member keeps its staff work.
Status endHandbookAccess(const QSqlDatabase& db, qint64 memberId, const WriteContext& context);

} // namespace sotay
