// SPDX-License-Identifier: GPL-3.0-or-later
#include "accounts_model.h"

namespace sotay::widgets {

AccountsModel::AccountsModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

int AccountsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_accounts.size());
}

int AccountsModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString AccountsModel::roleLabel(const QString& code)
{
    if (code == u"admin")
        return tr("Quản trị viên");
    if (code == u"officer")
        return tr("Cán bộ tổ chức");
    if (code == u"secretary")
        return tr("Bí thư chi bộ");
    if (code == u"member")
        return tr("Đảng viên");
    return code;
}

QVariant AccountsModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_accounts.size())
        return {};
    const Account& account = m_accounts.at(index.row());
    if (role == AccountIdRole)
        return account.id;
    if (role == Qt::ToolTipRole && index.column() == StateColumn && account.mustChangePassword)
        return tr("Người dùng phải đổi mật khẩu tạm thời ở lần đăng nhập tới.");
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case UsernameColumn:
        return account.username;
    case RoleColumn:
        return roleLabel(account.role);
    case ScopeColumn:
        return account.role == u"admin" ? tr("Toàn tỉnh") : account.scopeOrgName;
    case MemberColumn:
        return account.memberName;
    case StateColumn:
        if (account.disabled)
            return tr("Đã khoá");
        return account.mustChangePassword ? tr("Đang dùng, chờ đổi mật khẩu") : tr("Đang dùng");
    default:
        return {};
    }
}

QVariant AccountsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case UsernameColumn:
        return tr("Tên đăng nhập");
    case RoleColumn:
        return tr("Quyền");
    case ScopeColumn:
        return tr("Nơi làm việc");
    case MemberColumn:
        return tr("Đảng viên");
    case StateColumn:
        return tr("Trạng thái");
    default:
        return {};
    }
}

void AccountsModel::clear()
{
    beginResetModel();
    m_accounts.clear();
    endResetModel();
}

void AccountsModel::append(const QList<Account>& accounts)
{
    if (accounts.isEmpty())
        return;
    const int first = static_cast<int>(m_accounts.size());
    beginInsertRows({}, first, first + static_cast<int>(accounts.size()) - 1);
    m_accounts.append(accounts);
    endInsertRows();
}

void AccountsModel::replace(const Account& account)
{
    const int row = rowOf(account.id);
    if (row < 0)
        return;
    m_accounts[row] = account;
    emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

int AccountsModel::rowOf(qint64 id) const
{
    for (int row = 0; row < m_accounts.size(); ++row)
        if (m_accounts.at(row).id == id)
            return row;
    return -1;
}

} // namespace sotay::widgets
