// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Lets BOOST_TEST print Qt values when a comparison fails.
#include <QDate>
#include <QString>
#include <QStringList>

#include <ostream>

QT_BEGIN_NAMESPACE
inline std::ostream& boost_test_print_type(std::ostream& out, const QString& value)
{
    return out << '"' << value.toStdString() << '"';
}
inline std::ostream& boost_test_print_type(std::ostream& out, const QStringList& value)
{
    return out << '[' << value.join(QStringLiteral(", ")).toStdString() << ']';
}
inline std::ostream& boost_test_print_type(std::ostream& out, const QDate& value)
{
    return out << value.toString(Qt::ISODate).toStdString();
}
QT_END_NAMESPACE
