// SPDX-License-Identifier: GPL-3.0-or-later
#include "tls_options.h"

#include "tls_context.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFileInfo>

namespace sotay::app {

TlsOptions::TlsOptions()
    : caFile(QStringLiteral("ca-file"),
        QCoreApplication::translate("sotay-console",
            "Tệp chứng chỉ gốc (CA, dạng PEM) do bộ phận công nghệ thông tin cấp, dùng để kiểm tra chứng chỉ "
            "của máy chủ https thay cho kho chứng chỉ của hệ thống."),
        QCoreApplication::translate("sotay-console", "TỆP"))
    , allowInsecureHttp(QStringLiteral("allow-insecure-http"),
          QCoreApplication::translate("sotay-console",
              "Cho phép kết nối http không mã hoá tới máy chủ ở máy khác. Mật khẩu và dữ liệu cá nhân của "
              "đảng viên khi đó đi qua mạng ở dạng ai trên đường truyền cũng đọc được: chỉ dùng khi máy chủ "
              "chưa có https và mạng tin cậy được."))
{
}

Result<client::TlsSettings> TlsOptions::read(const QCommandLineParser& parser) const
{
    client::TlsSettings tls;
    tls.allowInsecureHttp = parser.isSet(allowInsecureHttp);
    if (parser.isSet(caFile)) {
        // Absolute: the sign-in dialog remembers it for the server, whatever the folder next time.
        tls.caFile = QFileInfo(parser.value(caFile)).absoluteFilePath();
        if (const Status usable = client::checkCaFile(tls.caFile); !usable)
            return usable.error();
    }
    return tls;
}

} // namespace sotay::app
