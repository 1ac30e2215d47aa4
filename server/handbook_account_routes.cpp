// SPDX-License-Identifier: GPL-3.0-or-later
#include "handbook_account_routes.h"

#include "activation_code.h"
#include "core/json_reader.h"
#include "password_hasher.h"
#include "store/handbook_accounts.h"
#include "store/user_repository.h"
#include "text/vietnamese_text.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QScopeGuard>

namespace sotay::server {
namespace {

constexpr int kCodesPerBatchMax = 5000;

void requireCodeIssuer(const ApiRequest& request)
{
    requireRole(request.caller(), { Role::Admin, Role::Officer });
}

void refuseBody(const ApiRequest& request)
{
    if (!request.body.trimmed().isEmpty() && !bodyObject(request).isEmpty())
        throw ApiError::badRequest(
            QCoreApplication::translate("ApiError", "Yêu cầu này không nhận nội dung."));
}

// A holder's refusal names the member: 409 with the reason.
template <typename T> T orHolderConflict(Result<T> result)
{
    if (!result && result.error().code == ErrorCode::Conflict)
        throw ApiError(409, QStringLiteral("conflict"), result.error().message, result.error().fields);
    return orThrow(std::move(result));
}

// New codes for the holders, stored hashed; the codes themselves go back in the answer, once.
QList<QString> issueCodes(const ApiRequest& request, const Services& services,
    const QList<CodeHolder>& holders, const QDateTime& expiresAt)
{
    QList<QString> codes;
    QList<StoredCode> stored;
    for (const CodeHolder& holder : holders) {
        const QString code = generateActivationCode();
        const QString salt = newActivationSalt();
        codes.append(code);
        stored.append({ holder.memberId, hashActivationCode(normalizeActivationCode(code), salt), salt });
    }
    orThrow(HandbookAccounts(request.db).storeCodes(stored, expiresAt, writeContext(request, services)));
    return codes;
}

QJsonObject issuedJson(const CodeHolder& holder, const QString& code, const QDateTime& expiresAt)
{
    return { { QStringLiteral("memberId"), holder.memberId }, { QStringLiteral("fullName"), holder.fullName },
        { QStringLiteral("number"), holder.number }, { QStringLiteral("code"), code },
        { QStringLiteral("expiresAt"), expiresAt.toUTC().toString(Qt::ISODate) } };
}

ApiError wrongActivation()
{
    const QString message = QCoreApplication::translate("ApiError",
        "Số thẻ (hoặc số lý lịch) và mã kích hoạt không khớp, hoặc mã đã hết hạn. Hãy kiểm tra lại, hoặc đề "
        "nghị "
        "chi bộ cấp mã mới.");
    return ApiError::badRequest(message, { { QStringLiteral("code"), message } });
}

ApiError activationPaused(const SignInThrottle::Refused& refused)
{
    const int minutes = std::max(1, (refused.retryAfterSeconds + 59) / 60);
    return ApiError::tooManyRequests(refused.reason == SignInThrottle::Refusal::Busy
            ? QStringLiteral("busy")
            : QStringLiteral("too_many_attempts"),
        QCoreApplication::translate(
            "ApiError", "Đã nhập sai mã kích hoạt quá nhiều lần. Xin thử lại sau %n phút.", nullptr, minutes),
        refused.retryAfterSeconds);
}

} // namespace

void addHandbookAccountRoutes(Router& router, Services& services)
{
    // The code is shown in this answer only, so the answer is never kept for a replay.
    router.add(
        QStringLiteral("POST"), QStringLiteral("/api/v1/members/{id}/activation-code"),
        [&services](const ApiRequest& request) {
            requireCodeIssuer(request);
            const Member member = visibleMember(request, pathId(request));
            refuseBody(request);
            const CodeHolder holder = orHolderConflict(HandbookAccounts(request.db).holder(member.id));
            const QDateTime expiresAt = services.clock().addDays(kActivationCodeDays);
            const QList<QString> codes = issueCodes(request, services, { holder }, expiresAt);
            return ApiResponse::json(issuedJson(holder, codes.front(), expiresAt), 201);
        },
        Access::SignedIn, Replay::never());

    router.add(
        QStringLiteral("POST"), QStringLiteral("/api/v1/orgs/{id}/activation-codes"),
        [&services](const ApiRequest& request) {
            requireCodeIssuer(request);
            const QString path = visibleUnitPath(request, pathId(request), services.unitPaths);
            allowQuery(request, { "replace" });
            const QString replace = request.query.queryItemValue(QStringLiteral("replace"));
            if (!replace.isEmpty() && replace != u"true" && replace != u"false") {
                const QString message = QCoreApplication::translate("ApiError", "Cần true hoặc false.");
                throw ApiError::badRequest(message, { { QStringLiteral("replace"), message } });
            }
            refuseBody(request);
            const HolderBatch batch
                = orThrow(HandbookAccounts(request.db)
                              .holdersIn(path, replace == u"true", services.clock(), kCodesPerBatchMax));
            const QDateTime expiresAt = services.clock().addDays(kActivationCodeDays);
            const QList<QString> codes = issueCodes(request, services, batch.holders, expiresAt);
            QJsonArray items;
            for (qsizetype i = 0; i < batch.holders.size(); ++i)
                items.append(issuedJson(batch.holders[i], codes[i], expiresAt));
            QJsonArray skipped;
            for (const SkippedHolder& left : batch.skipped)
                skipped.append(QJsonObject { { QStringLiteral("memberId"), left.memberId },
                    { QStringLiteral("fullName"), left.fullName },
                    { QStringLiteral("reason"), left.reason } });
            return ApiResponse::json(
                { { QStringLiteral("items"), items }, { QStringLiteral("skipped"), skipped } }, 201);
        },
        Access::SignedIn, Replay::never());

    router.add(
        QStringLiteral("POST"), QStringLiteral("/api/v1/handbook/activate"),
        [&services](const ApiRequest& request) {
            JsonReader in(bodyObject(request));
            QString number;
            QString typedCode;
            QString password;
            in.required({ "number", "code", "password" });
            in.text("number", number, 20);
            in.text("code", typedCode, 20);
            in.text("password", password, 200);
            if (const QString weakness = PasswordHasher::weakness(password);
                in.has(QStringLiteral("password")) && !weakness.isEmpty())
                in.addError(QStringLiteral("password"), weakness);
            if (auto errors = in.finish(); !errors.isEmpty())
                throw ApiError::badRequest(errors.front().message, errors);
            number = text::nfc(number).trimmed().toUpper();
            if (number.isEmpty()) // an empty number would stand for every member without a card
                throw wrongActivation();

            // Wrong codes are counted like wrong passwords, by the number typed and the address.
            const QString account = QStringLiteral("activate:") + usernameKey(number);
            if (const auto refused = services.signIns.admit(request.clientAddress, account, services.clock()))
                throw activationPaused(*refused);
            auto outcome = SignInThrottle::Outcome::Abandoned;
            const auto settle = qScopeGuard(
                [&] { services.signIns.settle(request.clientAddress, account, outcome, services.clock()); });

            const QString code = normalizeActivationCode(typedCode);
            std::optional<ActivationCandidate> match;
            for (const ActivationCandidate& candidate :
                orThrow(HandbookAccounts(request.db).candidates(number, services.clock())))
                if (!code.isEmpty()
                    && sameActivationHash(hashActivationCode(code, candidate.salt), candidate.codeHash))
                    match = candidate;
            if (!match) {
                outcome = SignInThrottle::Outcome::Failed;
                throw wrongActivation();
            }
            const QString passwordHash = orThrow(services.auth.hasher().hash(password));
            const QString username = usernameKey(number);
            const WriteContext context { username, services.clock() };
            auto user = HandbookAccounts(request.db)
                            .activate(match->memberId, match->codeHash, username, passwordHash, context);
            if (!user && user.error().code == ErrorCode::Conflict) {
                outcome = SignInThrottle::Outcome::Failed;
                throw wrongActivation();
            }
            const QString made = orThrow(std::move(user)).username; // other refusals count neither way
            outcome = SignInThrottle::Outcome::Succeeded;
            return ApiResponse::json({ { QStringLiteral("username"), made } }, 201);
        },
        Access::Public);

    router.add(QStringLiteral("GET"), QStringLiteral("/api/v1/orgs/{id}/accounts"),
        [&services](const ApiRequest& request) {
            requireRole(request.caller(), { Role::Admin, Role::Officer, Role::Secretary });
            const QString path = visibleUnitPath(request, pathId(request), services.unitPaths);
            allowQuery(request, { "after", "limit" });
            const int limit = queryInt(request, QStringLiteral("limit"), 100, 1, 500);
            const HandbookAccountPage page = orThrow(
                HandbookAccounts(request.db)
                    .list(path, request.query.queryItemValue(QStringLiteral("after"), QUrl::FullyDecoded),
                        limit, services.clock()));
            QJsonArray items;
            for (const HandbookAccountRow& row : page.rows)
                items.append(QJsonObject { { QStringLiteral("memberId"), row.memberId },
                    { QStringLiteral("fullName"), row.fullName }, { QStringLiteral("number"), row.number },
                    { QStringLiteral("orgUnitId"), row.orgUnitId },
                    { QStringLiteral("state"), toCode(row.state) },
                    { QStringLiteral("codeExpiresAt"),
                        row.codeExpiresAt.isValid()
                            ? QJsonValue(row.codeExpiresAt.toUTC().toString(Qt::ISODate))
                            : QJsonValue() },
                    { QStringLiteral("userId"), row.userId ? QJsonValue(*row.userId) : QJsonValue() },
                    { QStringLiteral("username"),
                        row.username.isEmpty() ? QJsonValue() : QJsonValue(row.username) } });
            return ApiResponse::json({ { QStringLiteral("items"), items },
                { QStringLiteral("next"), page.next.isEmpty() ? QJsonValue() : QJsonValue(page.next) } });
        });
}

} // namespace sotay::server
