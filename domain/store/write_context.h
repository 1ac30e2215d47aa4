// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDate>
#include <QDateTime>
#include <QString>
#include <QTimeZone>

namespace sotay {

// Who writes and when. "Today" is the date in Vietnam (UTC+7), whatever the server's own time zone:
// "not in the future" means the future for the people who keep the records.
struct WriteContext {
    QString actor;
    QDateTime now = QDateTime::currentDateTimeUtc();

    // Vietnam keeps UTC+7 all year: shifting the UTC time is the same as converting, at a fraction of the
    // cost (every participation act asks for its month).
    QDate today() const { return now.toUTC().addSecs(qint64 { 7 } * 3600).date(); }

    // Today in Vietnam, as the server judges "not in the future": the console uses it for its own checks.
    static QDate todayInVietnam() { return WriteContext {}.today(); }

    static WriteContext at(QString actor, QDateTime now) { return { std::move(actor), std::move(now) }; }
};

} // namespace sotay
