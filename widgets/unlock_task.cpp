// SPDX-License-Identifier: GPL-3.0-or-later
#include "unlock_task.h"

#include "api_client.h"
#include "sign_in_task.h"

#include <QCoreApplication>

namespace sotay::widgets {

UnlockAnswer checkUnlock(const UnlockRequest& request)
{
    SignInRequest signIn { request.server, request.tls, request.username, request.password,
        request.replicaPath, request.verifierCost };
    signIn.openReplica = false; // the window works on it: only the password is checked
    const SignInAnswer online = signInOnline(signIn);
    using S = SignInAnswer::Status;
    switch (online.status) {
    case S::SignedIn:
        if (request.keepSession)
            return { UnlockAnswer::Status::Unlocked, online.token, {} };
        // Only the password was wanted: the window goes on with its own session.
        signOutOnServer(request.server, request.tls, online.token);
        return { UnlockAnswer::Status::Unlocked, {}, {} };
    case S::Refused:
        return { UnlockAnswer::Status::Refused, {}, online.message };
    case S::OutOfReach:
        break;
    default:
        return { UnlockAnswer::Status::Failed, {}, online.message };
    }
    const SignInAnswer offline = checkOffline(signIn);
    switch (offline.status) {
    case S::OpenedOffline:
        return { UnlockAnswer::Status::UnlockedOffline, {}, online.message };
    case S::WrongPassword:
        return { UnlockAnswer::Status::Refused, {},
            QCoreApplication::translate("Unlock",
                "Không kết nối được máy chủ, nên mật khẩu được kiểm tra với dữ liệu trên máy này: mật khẩu "
                "không khớp. Xin nhập lại.") };
    case S::NoVerifier:
        return { UnlockAnswer::Status::Failed, {},
            QCoreApplication::translate("Unlock",
                "%1. Máy này chưa lưu gì để tự kiểm tra mật khẩu, nên cần có kết nối tới máy chủ mới mở "
                "khoá được: xin kiểm tra mạng rồi thử lại.")
                .arg(online.message) };
    default:
        return { UnlockAnswer::Status::Failed, {}, offline.message };
    }
}

bool signOutOnServer(const QUrl& server, const client::TlsSettings& tls, const QString& token)
{
    if (token.isEmpty())
        return false;
    client::ApiClient api(server, tls, client::ApiClient::Options { 10000, 1, 250 });
    api.setToken(token);
    const auto answer = api.send("POST", QStringLiteral("/api/v1/auth/logout"), {});
    return answer && answer->ok();
}

} // namespace sotay::widgets
