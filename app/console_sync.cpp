// SPDX-License-Identifier: GPL-3.0-or-later
#include "console_sync.h"

#include "api_client.h"
#include "password_file.h"
#include "password_hasher.h"
#include "replica.h"
#include "replica_unlock.h"
#include "server_address.h"
#include "sync_engine.h"
#include "tls_options.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QTextStream>

#include <algorithm>

namespace sotay::app {

namespace {

// The subcommand's options, for its parser and for the console's --help.
struct SyncOptions {
    QCommandLineOption server { QStringLiteral("server"),
        QCoreApplication::translate("sotay-console", "Địa chỉ máy chủ."), QStringLiteral("URL") };
    QCommandLineOption user { QStringLiteral("user"),
        QCoreApplication::translate("sotay-console", "Tên đăng nhập."),
        QCoreApplication::translate("sotay-console", "TÊN") };
    QCommandLineOption passwordFile { QStringLiteral("password-file"),
        QCoreApplication::translate("sotay-console", "Tệp chứa mật khẩu (dòng đầu tiên)."),
        QCoreApplication::translate("sotay-console", "TỆP") };
    QCommandLineOption replicaPath { QStringLiteral("replica"),
        QCoreApplication::translate(
            "sotay-console", "Tệp bản sao dữ liệu (mặc định: trong thư mục dữ liệu của người dùng)."),
        QCoreApplication::translate("sotay-console", "TỆP") };
    TlsOptions tls;

    QList<QCommandLineOption> all() const
    {
        return { server, user, passwordFile, replicaPath, tls.caFile, tls.allowInsecureHttp };
    }
};

QString syncDescription()
{
    return QCoreApplication::translate("sotay-console",
        "Đồng bộ một lần bản sao dữ liệu với máy chủ, không mở cửa sổ (cho tác vụ chạy theo lịch). Mã "
        "thoát: 0 xong, 1 không kết nối được máy chủ, 2 sai tham số, 3 đăng nhập bị từ chối hoặc hết "
        "phiên, 4 lỗi khác, 5 kết nối không an toàn nên không dùng (chứng chỉ của máy chủ bị từ chối).");
}

// `text` in lines of at most `width` characters, each after `indent` (the first after `first`).
QString wrapped(const QString& text, const QString& first, const QString& indent, qsizetype width)
{
    QString result;
    QString line;
    for (const QString& word : text.split(u' ')) {
        if (!line.isEmpty() && line.size() + 1 + word.size() > width) {
            result += (result.isEmpty() ? first : indent) + line + u'\n';
            line.clear();
        }
        line += (line.isEmpty() ? QString() : QStringLiteral(" ")) + word;
    }
    return result + (result.isEmpty() ? first : indent) + line + u'\n';
}

} // namespace

QString headlessSyncHelp()
{
    const SyncOptions options;
    QString text = QStringLiteral("sync --server URL --user %1 --password-file %2 [--replica %2]\n"
                                  "     [--ca-file %2] [--allow-insecure-http]\n")
                       .arg(options.user.valueName(), options.passwordFile.valueName());
    // Lines of at most 76 characters, as QCommandLineParser writes its own.
    text += wrapped(syncDescription(), QStringLiteral("  "), QStringLiteral("  "), 74);
    const QList<QCommandLineOption> all = options.all();
    QStringList names;
    qsizetype width = 0;
    for (const QCommandLineOption& option : all) {
        names.append(option.valueName().isEmpty()
                ? QStringLiteral("  --%1").arg(option.names().constFirst())
                : QStringLiteral("  --%1 <%2>").arg(option.names().constFirst(), option.valueName()));
        width = std::max(width, names.constLast().size() + 2);
    }
    for (qsizetype i = 0; i < names.size(); ++i)
        text += wrapped(
            all.at(i).description(), names[i].leftJustified(width), QString(width, u' '), 76 - width);
    return text;
}

int runHeadlessSync(const QStringList& arguments)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    QCommandLineParser parser;
    parser.setApplicationDescription(syncDescription());
    const SyncOptions options;
    const QCommandLineOption& server = options.server;
    const QCommandLineOption& user = options.user;
    const QCommandLineOption& passwordFile = options.passwordFile;
    const QCommandLineOption& replicaPath = options.replicaPath;
    parser.addOptions(options.all());
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("sync"), syncDescription(), QStringLiteral("sync"));
    if (!parser.parse(arguments) || parser.positionalArguments() != QStringList { QStringLiteral("sync") }) {
        err << (parser.errorText().isEmpty()
                ? QCoreApplication::translate("sotay-console", "Tham số không hợp lệ.")
                : parser.errorText())
            << '\n';
        return 2;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        out << parser.helpText();
        return 0;
    }
    if (!parser.isSet(server) || !parser.isSet(user) || !parser.isSet(passwordFile)) {
        err << QCoreApplication::translate("sotay-console", "Cần đủ --server, --user và --password-file.")
            << '\n';
        return 2;
    }
    auto url = client::parseServerAddress(parser.value(server));
    if (!url) {
        err << url.error().message << '\n';
        return 2;
    }
    const auto tls = options.tls.read(parser);
    if (!tls) {
        err << tls.error().message << '\n';
        return 2;
    }
    if (const Status allowed = client::checkInsecureHttpAllowed(*url, tls->allowInsecureHttp); !allowed) {
        err << allowed.error().message << '\n';
        return 2;
    }
    const auto password = readPasswordFile(parser.value(passwordFile));
    if (!password) {
        err << password.error().message << '\n';
        return 2;
    }
    const QString username = parser.value(user).trimmed().toLower();

    client::ApiClient api(*url, *tls);
    if (const Status signedIn = client::signIn(api, username, *password); !signedIn) {
        err << signedIn.error().message << '\n';
        if (client::isInsecureConnection(signedIn.error()))
            return 5;
        return signedIn.error().code == ErrorCode::Io ? 1 : 3;
    }
    const QString path = parser.isSet(replicaPath) ? parser.value(replicaPath)
                                                   : client::Replica::defaultPath(*url, username);
    // Unlocked with the password the server has just accepted: the sensitive fields are sealed under it.
    auto unlocked = client::openWithAcceptedPassword(
        path, username, *password, {}, PasswordHasher::Cost::interactive());
    if (!unlocked) {
        err << unlocked.error().message << '\n';
        return 4;
    }
    if (!unlocked->setAside.isEmpty())
        err << QCoreApplication::translate("sotay-console",
            "Dữ liệu trên máy được khóa bằng mật khẩu cũ của tài khoản, nên mật khẩu này không mở được. Bản "
            "cũ, cùng các sửa đổi chưa gửi trong đó, được giữ trong tệp %1; một bản mới được tải về.")
                   .arg(QDir::toNativeSeparators(unlocked->setAside))
            << '\n';
    auto replica = std::move(unlocked->replica);
    if (const Status kept = replica->setSignedInRole(api.role()); !kept)
        err << kept.error().message << '\n';

    client::SyncEngine engine(api, *replica);
    auto report = engine.syncOnce([&out](const client::SyncProgress& progress) {
        out << (progress.total >= 0 ? QCoreApplication::translate("sotay-console", "%1: %2 / %3")
                                          .arg(progress.phase)
                                          .arg(progress.done)
                                          .arg(progress.total)
                                    : QCoreApplication::translate("sotay-console", "%1: %2")
                                          .arg(progress.phase)
                                          .arg(progress.done))
            << '\n';
        out.flush();
    });
    if (!report) {
        err << report.error().message << '\n';
        if (client::isInsecureConnection(report.error()))
            return 5;
        switch (client::failureOf(report.error())) {
        case client::SyncFailure::Offline:
            return 1;
        case client::SyncFailure::SessionExpired:
            return 3;
        default:
            return 4;
        }
    }
    out << QCoreApplication::translate("sotay-console",
        "Đồng bộ xong: tải %1 tổ chức, %2 đảng viên, %3 thay đổi; gửi %4 sửa đổi (%5 xung đột, %6 bị từ "
        "chối); %7 byte.")
               .arg(report->unitsDownloaded)
               .arg(report->membersDownloaded)
               .arg(report->changesApplied)
               .arg(report->pushed)
               .arg(report->conflicts)
               .arg(report->refused)
               .arg(report->wireBytes)
        << '\n';
    return 0;
}

} // namespace sotay::app
