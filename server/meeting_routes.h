// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "handler_support.h"
#include "meeting/cell_meeting.h"
#include "router.h"

namespace sotay::server {

// Cell meetings: a cell's secretary, or staff over the cell, schedules a meeting, records its attendance and
// closes it with its minutes; only an officer over the cell records a meeting held but not entered in time
// (with a reason) or corrects the attendance of a closed meeting (with a reason). Members see their cell's
// meetings and say they will attend through /api/v1/me/meetings.
void addMeetingRoutes(Router& router, Services& services);

// A meeting as the API writes it.
QJsonObject meetingJson(const CellMeeting& meeting);

} // namespace sotay::server
