// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/private_files.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStringList>

namespace sotay {
namespace {

constexpr auto kOwnerOnlyFile = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
constexpr auto kOwnerOnlyFolder = QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner;

Error notPrivate(const QString& path)
{
    return Error { ErrorCode::Io,
        QCoreApplication::translate("Storage", "Không đặt được quyền riêng của chủ sở hữu cho %1.").arg(path),
        {} };
}

} // namespace

Status makePrivateFolder(const QString& folder)
{
    QStringList missing;
    for (QString path = QDir::cleanPath(QFileInfo(folder).absoluteFilePath()); !QFileInfo::exists(path);
         path = QFileInfo(path).absolutePath()) {
        missing.prepend(path);
        if (QDir(path).isRoot())
            break;
    }
    for (const QString& path : missing) {
        if (!QDir().mkdir(path) && !QFileInfo(path).isDir())
            return Error { ErrorCode::Io,
                QCoreApplication::translate("Storage", "Không tạo được thư mục %1.").arg(path), {} };
        if (!QFile::setPermissions(path, kOwnerOnlyFolder))
            return notPrivate(path);
    }
    return success();
}

Status makePrivateDatabaseFile(const QString& file)
{
    if (!QFileInfo::exists(file)) {
        QFile created(file);
        if (!created.open(QIODevice::WriteOnly | QIODevice::NewOnly))
            return Error { ErrorCode::Io,
                QCoreApplication::translate("Storage", "Không tạo được tệp %1: %2")
                    .arg(file, created.errorString()),
                {} };
    }
    for (const QString& suffix :
        { QString(), QStringLiteral("-wal"), QStringLiteral("-shm"), QStringLiteral("-journal") }) {
        const QString path = file + suffix;
        if (QFileInfo::exists(path) && QFile::permissions(path) != kOwnerOnlyFile
            && !QFile::setPermissions(path, kOwnerOnlyFile))
            return notPrivate(path);
    }
    return success();
}

Status restrictFolder(const QString& folder)
{
    if (QFile::permissions(folder) != kOwnerOnlyFolder && !QFile::setPermissions(folder, kOwnerOnlyFolder))
        return notPrivate(folder);
    return success();
}

} // namespace sotay
