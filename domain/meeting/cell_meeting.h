// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDate>
#include <QDateTime>
#include <QString>

#include <optional>

namespace sotay {

// sinh hoạt chi bộ: regular (thường kỳ, monthly), thematic (chuyên đề), extraordinary (bất thường).
enum class MeetingKind { Regular, Thematic, Extraordinary };
// điểm danh: có mặt, vắng có lý do, vắng không lý do, miễn sinh hoạt (set for exempt members, never chosen).
enum class AttendanceState { Present, Excused, Absent, Exempt };

struct CellMeeting {
    qint64 id = 0;
    qint64 cellId = 0;
    MeetingKind kind = MeetingKind::Regular;
    QDateTime startsAt;
    QString month; // "yyyy-MM" of startsAt in Vietnam: the month it is held in
    QString place;
    QString onlineLink;
    QString topic;
    std::optional<qint64> topicContentId; // a published meeting topic (chuyên đề sinh hoạt)
    QDateTime scheduledAt;
    QString scheduledBy;
    QString lateReason; // set when an officer recorded a meeting held but not entered in time
    QDateTime closedAt; // invalid until the secretary closes it with its minutes
    QString minutes;
    qint64 version = 0;

    bool closed() const { return closedAt.isValid(); }
    bool recordedLate() const { return !lateReason.isEmpty(); }
    // A regular meeting scheduled by the 20th of the month before the one it is held in (and not recorded
    // late).
    bool scheduledOnTime() const;
};

// The day by which the regular meeting of `month` ("yyyy-MM") is expected to be scheduled: the 20th of the
// month before.
QDate regularMeetingDeadline(const QString& month);

QString toCode(MeetingKind kind);
std::optional<MeetingKind> meetingKindFromCode(const QString& code);
QString toCode(AttendanceState state);
std::optional<AttendanceState> attendanceStateFromCode(const QString& code);

} // namespace sotay
