// SPDX-License-Identifier: GPL-3.0-or-later
#include "password_file.h"

#include <QCoreApplication>
#include <QFile>

namespace sotay::app {

Result<QString> readPasswordFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error::invalid(
            QCoreApplication::translate("sotay-console", "Không đọc được tệp mật khẩu %1.").arg(path));
    return QString::fromUtf8(file.readLine()).remove(u'\n').remove(u'\r');
}

} // namespace sotay::app
