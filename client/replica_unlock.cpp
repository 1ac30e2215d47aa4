// SPDX-License-Identifier: GPL-3.0-or-later
#include "replica_unlock.h"

#include "store/sql.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace sotay::client {

Result<QString> setReplicaAside(const QString& path)
{
    {
        auto replica = Replica::open(path);
        if (!replica)
            return replica.error();
        // One self-contained file: what the WAL holds goes into it before it moves.
        if (auto written = sql::exec((*replica)->db(), QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
            !written)
            return written.error();
    }
    const QFileInfo file(path);
    const QString aside = file.absolutePath() + u'/' + file.completeBaseName() + QStringLiteral(".truoc-")
        + QDateTime::currentDateTime().toString(QStringLiteral("yyyy-MM-dd-HHmmss"))
        + QStringLiteral(".sqlite");
    if (!QFile::rename(path, aside))
        return Error { ErrorCode::Io,
            QCoreApplication::translate("Replica", "Không đổi được tên tệp dữ liệu %1 thành %2.")
                .arg(path, aside),
            {} };
    for (const char* suffix : { "-wal", "-shm" })
        QFile::remove(path + QLatin1StringView(suffix));
    return aside;
}

QStringList setAsideReplicas(const QString& path)
{
    const QFileInfo file(path);
    QStringList found;
    const QDir folder = file.absoluteDir();
    for (const QString& name : folder.entryList(
             { file.completeBaseName() + QStringLiteral(".truoc-*.sqlite") }, QDir::Files, QDir::Name))
        found.append(folder.filePath(name));
    return found;
}

Result<QList<OutboxEntry>> unsentEditsOf(const QString& setAside, const QString& oldPassword)
{
    auto replica = Replica::open(setAside);
    if (!replica)
        return replica.error();
    auto keyed = (*replica)->hasKey();
    if (!keyed)
        return keyed.error();
    if (!*keyed) // from before sealing: nothing to open
        return (*replica)->pending();
    // The key is there, so this opens it or fails: the cost given would only serve to make one.
    auto unlocked = (*replica)->unlock(oldPassword, PasswordHasher::Cost::interactive());
    if (!unlocked)
        return unlocked.error();
    if (*unlocked == Replica::Unlock::WrongPassword) {
        const QString message = QCoreApplication::translate("Replica",
            "Mật khẩu này không mở được bản dữ liệu cũ. Hãy nhập mật khẩu bạn dùng trước khi đổi.");
        return Error::invalid(message, { { QStringLiteral("password"), message } });
    }
    return (*replica)->pending();
}

Status discardSetAside(const QString& setAside)
{
    for (const char* suffix : { "", "-wal", "-shm" }) {
        const QString file = setAside + QLatin1StringView(suffix);
        if (QFile::exists(file) && !QFile::remove(file))
            return Error { ErrorCode::Io,
                QCoreApplication::translate("Replica", "Không xóa được tệp %1.")
                    .arg(QDir::toNativeSeparators(file)),
                {} };
    }
    return success();
}

Result<UnlockedReplica> openWithAcceptedPassword(const QString& path, const QString& username,
    const QString& password, const QString& previousPassword, PasswordHasher::Cost cost)
{
    auto opened = Replica::open(path);
    if (!opened)
        return opened.error();
    UnlockedReplica result { std::move(*opened), {} };
    auto owner = result.replica->keyOwner();
    if (!owner)
        return owner.error();
    const bool someoneElses = !owner->isEmpty() && *owner != username.trimmed().toLower();
    auto unlocked = someoneElses ? Result<Replica::Unlock>(Replica::Unlock::WrongPassword)
                                 : result.replica->unlock(password, cost);
    if (!unlocked)
        return unlocked.error();
    if (*unlocked == Replica::Unlock::Created)
        if (const Status owned = result.replica->setKeyOwner(username); !owned)
            return owned.error();
    if (*unlocked != Replica::Unlock::WrongPassword)
        return result;
    if (!previousPassword.isEmpty() && !someoneElses) {
        auto previous = result.replica->unlock(previousPassword, cost);
        if (!previous)
            return previous.error();
        if (*previous == Replica::Unlock::Opened) {
            if (const Status rewrapped = result.replica->rewrap(password, cost); !rewrapped)
                return rewrapped.error();
            return result;
        }
    }
    result.replica.reset();
    auto aside = setReplicaAside(path);
    if (!aside)
        return aside.error();
    result.setAside = *aside;
    auto fresh = Replica::open(path);
    if (!fresh)
        return fresh.error();
    result.replica = std::move(*fresh);
    if (auto made = result.replica->unlock(password, cost); !made)
        return made.error();
    if (const Status owned = result.replica->setKeyOwner(username); !owned)
        return owned.error();
    return result;
}

} // namespace sotay::client
