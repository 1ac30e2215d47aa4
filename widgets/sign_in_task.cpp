// SPDX-License-Identifier: GPL-3.0-or-later
#include "sign_in_task.h"

#include "api_client.h"
#include "replica.h"

#include <QCoreApplication>
#include <QFileInfo>

namespace sotay::widgets {

SignInAnswer signInOnline(const SignInRequest& request)
{
    client::ApiClient api(request.server, request.tls);
    if (const Status signedIn = client::signIn(api, request.username, request.password); !signedIn) {
        if (client::isInsecureConnection(signedIn.error()))
            return { SignInAnswer::Status::Unsafe, {}, signedIn.error().message };
        const bool unreachable = signedIn.error().code == ErrorCode::Io;
        return { unreachable ? SignInAnswer::Status::OutOfReach : SignInAnswer::Status::Refused, {},
            signedIn.error().message };
    }
    // Signed in: a verifier failure only costs the offline sign-in, so it is reported in the log only.
    auto replica = client::Replica::open(request.replicaPath);
    if (replica) {
        PasswordHasher hasher(request.verifierCost, 1);
        auto hash = hasher.hash(request.password);
        const Status stored = hash ? (*replica)->setVerifier(request.username, *hash) : Status(hash.error());
        if (!stored)
            qWarning(
                "sign-in: the offline verifier was not stored: %s", qUtf8Printable(stored.error().message));
        // Which columns the roster may offer (the sensitive ones only to the roles the server sends them to).
        if (const Status kept = (*replica)->setSignedInRole(api.role()); !kept)
            qWarning("sign-in: the role was not stored: %s", qUtf8Printable(kept.error().message));
    } else {
        qWarning("sign-in: the replica did not open: %s", qUtf8Printable(replica.error().message));
    }
    return { SignInAnswer::Status::SignedIn, api.token(), {}, api.mustChangePassword() };
}

SignInAnswer checkOffline(const SignInRequest& request)
{
    const QString noVerifier = QCoreApplication::translate("SignIn",
        "Máy này chưa có dữ liệu của tài khoản %1 trên máy chủ %2. Lần đăng nhập đầu tiên phải có kết nối "
        "tới "
        "máy chủ; sau đó mới làm việc ngoại tuyến được.")
                                   .arg(request.username, request.server.toDisplayString());
    if (!QFileInfo::exists(request.replicaPath))
        return { SignInAnswer::Status::NoVerifier, {}, noVerifier };
    auto replica = client::Replica::open(request.replicaPath);
    if (!replica)
        return { SignInAnswer::Status::Failed, {}, replica.error().message };
    const auto hash = (*replica)->verifier(request.username);
    if (!hash)
        return { SignInAnswer::Status::Failed, {}, hash.error().message };
    if (hash->isEmpty())
        return { SignInAnswer::Status::NoVerifier, {}, noVerifier };
    PasswordHasher hasher(request.verifierCost, 1);
    const auto matches = hasher.verify(*hash, request.password);
    if (!matches)
        return { SignInAnswer::Status::Failed, {}, matches.error().message };
    if (!*matches)
        return { SignInAnswer::Status::WrongPassword, {},
            QCoreApplication::translate("SignIn",
                "Mật khẩu không khớp với mật khẩu của lần đăng nhập trước trên máy này, nên không mở được "
                "dữ liệu ngoại tuyến.") };
    return { SignInAnswer::Status::OpenedOffline, {}, {} };
}

} // namespace sotay::widgets
