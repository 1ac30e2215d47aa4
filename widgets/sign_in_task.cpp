// SPDX-License-Identifier: GPL-3.0-or-later
#include "sign_in_task.h"

#include "api_client.h"
#include "replica.h"
#include "replica_unlock.h"
#include "unlock_task.h"

#include <QCoreApplication>
#include <QDir>
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
    SignInAnswer answer { SignInAnswer::Status::SignedIn, api.token(), {}, api.mustChangePassword(), {}, {} };
    if (!request.openReplica)
        return answer;
    auto unlocked = client::openWithAcceptedPassword(request.replicaPath, request.username, request.password,
        request.previousPassword, request.verifierCost);
    if (!unlocked) {
        // Signed in on the server, but without the replica nothing can be shown or kept: said, not hidden.
        signOutOnServer(request.server, request.tls, answer.token);
        return { SignInAnswer::Status::Failed, {},
            QCoreApplication::translate("SignIn", "Không mở được dữ liệu trên máy này: %1")
                .arg(unlocked.error().message) };
    }
    answer.cipher = unlocked->replica->cipher();
    if (!unlocked->setAside.isEmpty())
        answer.notice = QCoreApplication::translate("SignIn",
            "Dữ liệu trên máy này được khóa bằng mật khẩu cũ của tài khoản (mật khẩu đã được đổi ở máy khác "
            "hoặc được quản trị viên cấp lại), nên mật khẩu mới không mở được. Bảng điều khiển sẽ tải lại dữ "
            "liệu từ máy chủ. Bản cũ, cùng các sửa đổi chưa gửi trong đó, được giữ nguyên trong tệp:\n%1")
                            .arg(QDir::toNativeSeparators(unlocked->setAside));
    // Which columns the roster may offer (the sensitive ones only to the roles the server sends them to).
    if (const Status kept = unlocked->replica->setSignedInRole(api.role()); !kept)
        qWarning("sign-in: the role was not stored: %s", qUtf8Printable(kept.error().message));
    return answer;
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
    const SignInAnswer wrong { SignInAnswer::Status::WrongPassword, {},
        QCoreApplication::translate("SignIn",
            "Mật khẩu không khớp với mật khẩu của lần đăng nhập trước trên máy này, nên không mở được "
            "dữ liệu ngoại tuyến."),
        false, {}, {} };
    auto keyed = (*replica)->hasKey();
    if (!keyed)
        return { SignInAnswer::Status::Failed, {}, keyed.error().message };
    const auto owner = (*replica)->keyOwner();
    if (!owner)
        return { SignInAnswer::Status::Failed, {}, owner.error().message };
    if (*keyed && *owner != request.username.trimmed().toLower())
        return { SignInAnswer::Status::NoVerifier, {}, noVerifier }; // another user's replica
    if (!*keyed) {
        // A replica from before its fields were sealed: the password is checked against the verifier it
        // kept, and then unlocks it for the first time.
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
            return wrong;
    }
    const auto unlocked = (*replica)->unlock(request.password, request.verifierCost);
    if (!unlocked)
        return { SignInAnswer::Status::Failed, {}, unlocked.error().message };
    if (*unlocked == client::Replica::Unlock::WrongPassword)
        return wrong;
    if (*unlocked == client::Replica::Unlock::Created)
        if (const Status owned = (*replica)->setKeyOwner(request.username); !owned)
            return { SignInAnswer::Status::Failed, {}, owned.error().message };
    SignInAnswer opened { SignInAnswer::Status::OpenedOffline, {}, {}, false, {}, {} };
    opened.cipher = (*replica)->cipher();
    return opened;
}

} // namespace sotay::widgets
