// SPDX-License-Identifier: GPL-3.0-or-later
#include "account_api.h"

#include "api_client.h"

#include <QJsonArray>
#include <QStringList>

namespace sotay::widgets {
namespace {

std::optional<qint64> optionalId(const QJsonValue& value)
{
    return value.isDouble() ? std::optional<qint64>(value.toInteger()) : std::nullopt;
}

// The server's words for a refusal, as an error.
Error refusal(const client::HttpResult& answer)
{
    return Error::invalid(answer.errorMessage());
}

} // namespace

Account Account::fromJson(const QJsonObject& json)
{
    Account account;
    account.id = json.value(QStringLiteral("id")).toInteger();
    account.username = json.value(QStringLiteral("username")).toString();
    account.role = json.value(QStringLiteral("role")).toString();
    account.scopeOrgId = optionalId(json.value(QStringLiteral("scopeOrgId")));
    account.scopeOrgName = json.value(QStringLiteral("scopeOrgName")).toString();
    account.memberName = json.value(QStringLiteral("memberName")).toString();
    account.disabled = json.value(QStringLiteral("disabled")).toBool();
    account.mustChangePassword = json.value(QStringLiteral("mustChangePassword")).toBool();
    account.version = json.value(QStringLiteral("version")).toInteger();
    return account;
}

AccountApi::AccountApi(QUrl server, client::TlsSettings tls, QString token)
    : m_server(std::move(server))
    , m_tls(std::move(tls))
    , m_token(std::move(token))
{
}

Result<AccountPage> AccountApi::list(const AccountFilter& filter, const QString& after, int limit) const
{
    QStringList query;
    const auto add = [&query](const char* key, const QString& value) {
        query.append(QString::fromLatin1(key) + QLatin1Char('=')
            + QString::fromLatin1(QUrl::toPercentEncoding(value)));
    };
    if (!filter.text.trimmed().isEmpty())
        add("q", filter.text.trimmed());
    if (!filter.role.isEmpty())
        add("role", filter.role);
    if (!filter.state.isEmpty())
        add("state", filter.state);
    if (!after.isEmpty())
        add("after", after);
    add("limit", QString::number(limit));
    client::ApiClient api(m_server, m_tls);
    api.setToken(m_token);
    const auto answer = api.get(QStringLiteral("/api/v1/users?") + query.join(QLatin1Char('&')));
    if (!answer)
        return answer.error();
    if (!answer->ok())
        return refusal(*answer);
    const QJsonObject json = answer->json();
    AccountPage page;
    for (const auto& item : json.value(QStringLiteral("items")).toArray())
        page.items.append(Account::fromJson(item.toObject()));
    page.next = json.value(QStringLiteral("next")).toString();
    return page;
}

Result<Account> AccountApi::change(const Account& account, const QJsonObject& changes) const
{
    client::ApiClient api(m_server, m_tls);
    api.setToken(m_token);
    const auto answer = api.send("PATCH", QStringLiteral("/api/v1/users/%1").arg(account.id), changes,
        { { "If-Match", std::to_string(account.version) } });
    if (!answer)
        return answer.error();
    if (!answer->ok())
        return refusal(*answer);
    return Account::fromJson(answer->json());
}

Result<QString> AccountApi::resetPassword(qint64 id) const
{
    client::ApiClient api(m_server, m_tls);
    api.setToken(m_token);
    const auto answer = api.send("POST", QStringLiteral("/api/v1/users/%1/password-reset").arg(id), {});
    if (!answer)
        return answer.error();
    if (!answer->ok())
        return refusal(*answer);
    return answer->json().value(QStringLiteral("temporaryPassword")).toString();
}

Status AccountApi::endSessions(qint64 id) const
{
    client::ApiClient api(m_server, m_tls);
    api.setToken(m_token);
    const auto answer = api.send("DELETE", QStringLiteral("/api/v1/users/%1/sessions").arg(id), {});
    if (!answer)
        return answer.error();
    return answer->ok() ? success() : Status(refusal(*answer));
}

Status AccountApi::unlockSignIns(qint64 id) const
{
    client::ApiClient api(m_server, m_tls);
    api.setToken(m_token);
    const auto answer = api.send("POST", QStringLiteral("/api/v1/users/%1/unlock").arg(id), {});
    if (!answer)
        return answer.error();
    return answer->ok() ? success() : Status(refusal(*answer));
}

Result<Account> AccountApi::create(const QJsonObject& body) const
{
    client::ApiClient api(m_server, m_tls);
    api.setToken(m_token);
    const auto answer = api.send("POST", QStringLiteral("/api/v1/users"), body);
    if (!answer)
        return answer.error();
    if (!answer->ok())
        return refusal(*answer);
    return Account::fromJson(answer->json());
}

Status AccountApi::changeOwnPassword(const QString& current, const QString& next) const
{
    client::ApiClient api(m_server, m_tls);
    api.setToken(m_token);
    const auto answer = api.send("POST", QStringLiteral("/api/v1/auth/password"),
        { { QStringLiteral("currentPassword"), current }, { QStringLiteral("newPassword"), next } });
    if (!answer)
        return answer.error();
    return answer->ok() ? success() : Status(refusal(*answer));
}

} // namespace sotay::widgets
