// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "account_api.h"

#include <QAbstractTableModel>

namespace sotay::widgets {

// The accounts loaded so far, page after page, in the server's order (user name).
class AccountsModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AccountsModel)

public:
    enum Column { UsernameColumn, RoleColumn, ScopeColumn, MemberColumn, StateColumn, ColumnCount };
    static constexpr int AccountIdRole = Qt::UserRole + 1;

    explicit AccountsModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void clear();
    void append(const QList<Account>& accounts);
    // Puts the server's new state of an account in place (after an action).
    void replace(const Account& account);
    const Account& account(int row) const { return m_accounts.at(row); }
    int rowOf(qint64 id) const;

    // "Quản trị viên", "Cán bộ tổ chức"…
    static QString roleLabel(const QString& code);

private:
    QList<Account> m_accounts;
};

} // namespace sotay::widgets
