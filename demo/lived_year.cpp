// SPDX-License-Identifier: GPL-3.0-or-later
#include "lived_year.h"

#include "change_batch.h"
#include "demo_content.h"
#include "demo_random.h"
#include "meeting_batch.h"
#include "participation_batch.h"
#include "store/content_repository.h"
#include "store/participation_repository.h"
#include "store/sql.h"
#include "store/user_repository.h"

#include <QCoreApplication>
#include <QHash>
#include <QTimeZone>

#include <algorithm>

namespace sotay {
namespace {

using namespace demo;

constexpr int kDaySeconds = 86400;

// Moments of the year as seconds from the first day's midnight in Vietnam.
class Calendar {
public:
    explicit Calendar(QDate first)
        : m_first(first)
        , m_midnight(QDateTime(first, QTime(0, 0), QTimeZone(7 * 3600)).toUTC())
    {
    }
    QDate first() const { return m_first; }
    int dayOf(QDate date) const { return static_cast<int>(m_first.daysTo(date)); }
    QDate date(int day) const { return m_first.addDays(day); }
    qint64 at(QDate date, int secondOfDay) const
    {
        return qint64 { dayOf(date) } * kDaySeconds + secondOfDay;
    }
    qint64 at(const QDateTime& moment) const { return m_midnight.secsTo(moment); }
    QDateTime moment(qint64 at) const { return m_midnight.addSecs(at); }

private:
    QDate m_first;
    QDateTime m_midnight;
};

struct Cell {
    qint64 id = 0;
    QString path;
    int behindPercent = 100; // the commune's (or bloc's) pace
    bool older = false;      // a cell whose members are mostly 60 or older
    bool neverOnTime = false;
    bool thematic = false;
    QList<int> members;
};

struct Person {
    qint64 id = 0;
    qint64 homeUnitId = 0;
    QString homePath;
    int cell = -1; // index into the cells: where the member takes part
    QDate admitted;
    QDate left;
    bool exempt = false;
    QDate exemptSince;
    int age = 40;
    QString number;
    QString username;
    qint64 activatedAt = -1; // seconds into the year; -1: never
    int activity = 100;      // per cent of an ordinary member's
};

enum class ActKind : quint8 { Activate, Open, Study, Attempt };

struct Act {
    qint64 at = 0;
    qint32 person = 0;
    qint32 item = 0;
    ActKind kind = ActKind::Open;
    quint8 rightMask = 0; // the questions answered right, an attempt's
};

struct PlannedMeeting {
    int cell = 0;
    MeetingKind kind = MeetingKind::Regular;
    qint64 scheduleAt = 0;
    qint64 startsAt = 0;
    qint64 closeAt = -1; // -1: not held (or not yet)
    int topicItem = -1;
    QString topic;
    qint64 id = 0;
};

struct MeetingEvent {
    qint64 at = 0;
    int meeting = 0;
    bool close = false;
};

int secondOf(int hour, int minute)
{
    return hour * 3600 + minute * 60;
}

QDate dateOf(const QVariant& value)
{
    return value.isNull() ? QDate() : QDate::fromString(value.toString().left(10), Qt::ISODate);
}

Error seedingError(const QString& message)
{
    return Error::invalid(message);
}

class LivedYear {
public:
    LivedYear(
        const QSqlDatabase& db, const LivedYearOptions& options, const WriteContext& context, QDate first)
        : m_db(db)
        , m_options(options)
        , m_context(context)
        , m_calendar(first)
        , m_rng(options.seed ^ 0x5EA5EA5EU)
        , m_nowAt(m_calendar.at(context.now))
        , m_participation(db)
        , m_meetings(db)
        , m_changes(db)
    {
    }

    Result<LivedYearSummary> run();

private:
    Status loadProvince();
    Status planContent();
    void planAccounts();
    void planActs();
    void planMeetings();
    Status playDay(int day);
    Status writeBatch(int firstDay, int lastDay);
    Status publish(int item);
    Status act(const Act& act);
    Status meetingEvent(const MeetingEvent& event);
    Status countRosters(QDate monthEnd);
    WriteContext contextAt(const QString& actor, qint64 at) const { return { actor, m_calendar.moment(at) }; }
    bool onRoster(const Person& person, QDate day) const
    {
        return person.admitted <= day && (!person.left.isValid() || person.left > day);
    }
    bool exemptOn(const Person& person, QDate day) const
    {
        return person.exempt && (!person.exemptSince.isValid() || person.exemptSince <= day);
    }

    QSqlDatabase m_db;
    LivedYearOptions m_options;
    WriteContext m_context;
    Calendar m_calendar;
    Rng m_rng;
    qint64 m_nowAt;
    ParticipationBatch m_participation;
    MeetingBatch m_meetings;
    ChangeBatch m_changes;

    qint64 m_rootId = 0;
    QList<Cell> m_cells;
    QList<Person> m_people;
    QList<PlannedContent> m_content;
    QList<qint64> m_contentIds; // once published
    QList<qint64> m_contentAt;  // publication, in seconds into the year
    qint64 m_authorId = 0;
    QString m_author;
    QList<Act> m_acts;
    QList<PlannedMeeting> m_planned;
    QList<MeetingEvent> m_meetingEvents;
    qsizetype m_nextAct = 0;
    qsizetype m_nextMeetingEvent = 0;
    qsizetype m_nextContent = 0;
    LivedYearSummary m_summary;
};

Status LivedYear::loadProvince()
{
    auto units = sql::exec(m_db,
        QStringLiteral("SELECT id, parent_id, kind, path FROM org_unit WHERE valid_to IS NULL ORDER BY id"));
    if (!units)
        return units.error();
    QHash<qint64, int> cellIndex;
    QHash<qint64, QString> paths;
    QHash<qint64, int> pace; // per upper committee
    while (units->next()) {
        const qint64 id = units->value(0).toLongLong();
        const QString kind = units->value(2).toString();
        const QString path = units->value(3).toString();
        paths.insert(id, path);
        if (units->value(1).isNull())
            m_rootId = id;
        if (kind == u"cell" || kind == u"base_cell") {
            Cell cell;
            cell.id = id;
            cell.path = path;
            cellIndex.insert(id, static_cast<int>(m_cells.size()));
            m_cells.append(cell);
        }
    }
    units->finish();
    if (m_rootId == 0)
        return seedingError(
            QCoreApplication::translate("DemoProvince", "Chưa có tỉnh mẫu để tạo năm sinh hoạt."));
    // Some communes (and blocs) are clearly behind; the others keep an ordinary pace, give or take.
    for (Cell& cell : m_cells) {
        const QStringList parts = cell.path.split(u'/', Qt::SkipEmptyParts);
        const qint64 upper = parts.size() > 1 ? parts.at(1).toLongLong() : m_rootId;
        if (!pace.contains(upper))
            pace.insert(upper, chance(m_rng, 1400) ? uniform(m_rng, 35, 55) : uniform(m_rng, 85, 110));
        cell.behindPercent = pace.value(upper);
        cell.neverOnTime = chance(m_rng, 400);
        cell.thematic = chance(m_rng, 1500);
    }

    auto members = sql::exec(m_db,
        QStringLiteral(
            "SELECT id, org_unit_id, temporary_org_unit_id, birth_date, admitted_on, left_on, exempt, "
            "exempt_since, card_number, profile_number FROM member ORDER BY id"));
    if (!members)
        return members.error();
    const int year = m_context.today().year();
    while (members->next()) {
        Person person;
        person.id = members->value(0).toLongLong();
        person.homeUnitId = members->value(1).toLongLong();
        person.homePath = paths.value(person.homeUnitId);
        const qint64 temporary = members->value(2).isNull() ? 0 : members->value(2).toLongLong();
        person.cell = cellIndex.value(temporary > 0 ? temporary : person.homeUnitId, -1);
        person.age = year - dateOf(members->value(3)).year();
        person.admitted = dateOf(members->value(4));
        person.left = dateOf(members->value(5));
        person.exempt = members->value(6).toBool();
        person.exemptSince = dateOf(members->value(7));
        const QString card = members->value(8).toString();
        person.number = card.isEmpty() ? members->value(9).toString() : card;
        person.username = usernameKey(person.number);
        if (person.cell < 0 || person.homePath.isEmpty())
            continue; // not on a cell's roster (an ended unit's): takes no part in the year
        m_cells[person.cell].members.append(static_cast<int>(m_people.size()));
        m_people.append(person);
    }
    for (Cell& cell : m_cells) {
        if (cell.members.isEmpty())
            continue;
        int older = 0;
        for (const int index : std::as_const(cell.members))
            older += m_people.at(index).age >= 60 ? 1 : 0;
        cell.older = qsizetype { older } * 2 > cell.members.size();
    }
    for (Person& person : m_people) {
        const Cell& cell = m_cells.at(person.cell);
        const int byAge = person.age < 35 ? 110 : person.age < 60 ? 100 : person.age < 70 ? 70 : 40;
        person.activity = cell.behindPercent * (cell.older ? 60 : 100) / 100 * byAge / 100;
    }
    return success();
}

Status LivedYear::planContent()
{
    // The propaganda officer of the Provincial Committee writes and publishes the year's content.
    m_author = QStringLiteral("tuyengiao.tinh");
    UserRepository users(m_db);
    auto existing = users.findByUsername(m_author);
    if (!existing)
        return existing.error();
    if (existing->has_value()) {
        m_authorId = (*existing)->id;
    } else {
        auto created
            = users.create({ m_author, m_options.passwordHash, Role::Officer, m_rootId, std::nullopt },
                contextAt(m_context.actor, 0));
        if (!created)
            return created.error();
        m_authorId = created->id;
    }
    m_content = plannedContent(m_rootId, m_calendar.first(), m_context.now);
    for (const PlannedContent& planned : std::as_const(m_content))
        m_contentAt.append(m_calendar.at(planned.publishAt));
    m_contentIds.fill(0, m_content.size());
    return success();
}

void LivedYear::planAccounts()
{
    // Each commune (or bloc) runs its campaign of activation codes from a day of its own; members activate
    // over the weeks after it, some much later, and some never.
    QHash<QString, int> campaignDay;
    const int days = static_cast<int>(m_nowAt / kDaySeconds) + 1;
    for (Person& person : m_people) {
        if (person.left.isValid() || person.number.isEmpty())
            continue;
        const QStringList parts = person.homePath.split(u'/', Qt::SkipEmptyParts);
        const QString upper = parts.size() > 1 ? parts.at(1) : QString();
        if (!campaignDay.contains(upper))
            campaignDay.insert(upper, uniform(m_rng, 0, std::min(150, days - 1)));
        const int likely = std::min(95, 82 * person.activity / 100);
        if (!chance(m_rng, likely * 100))
            continue;
        int day = campaignDay.value(upper)
            + (chance(m_rng, 7500) ? uniform(m_rng, 0, 45) : uniform(m_rng, 46, 330));
        day = std::max(day, m_calendar.dayOf(person.admitted));
        const qint64 at = qint64 { day } * kDaySeconds + uniform(m_rng, secondOf(6, 30), secondOf(21, 30));
        if (at >= m_nowAt)
            continue;
        person.activatedAt = at;
        m_acts.append({ at, static_cast<qint32>(&person - m_people.data()), -1, ActKind::Activate, 0 });
    }
}

void LivedYear::planActs()
{
    // Of each item a member could see (published, with their account active), the share they open depends on
    // the kind and on how active they are; a lesson is studied by most who open it, and its quiz taken.
    const auto openChance = [](ContentKind kind) {
        switch (kind) {
        case ContentKind::Lesson:
            return 70;
        case ContentKind::Document:
            return 45;
        case ContentKind::News:
            return 35;
        case ContentKind::MeetingTopic:
            return 30;
        case ContentKind::Guidance:
            return 15;
        }
        return 0;
    };
    for (qsizetype p = 0; p < m_people.size(); ++p) {
        const Person& person = m_people.at(p);
        if (person.activatedAt < 0)
            continue;
        for (qsizetype i = 0; i < m_content.size(); ++i) {
            const ContentItem& item = m_content.at(i).item;
            const int likely = std::min(95, openChance(item.kind) * person.activity / 100);
            if (!chance(m_rng, likely * 100))
                continue;
            const qint64 from = std::max(person.activatedAt, m_contentAt.at(i)) + 600;
            const int delay = chance(m_rng, 6000) ? uniform(m_rng, 0, 3) : uniform(m_rng, 4, 25);
            const qint64 day = from / kDaySeconds + delay;
            const qint64 earliest = delay == 0 ? std::max(from % kDaySeconds, qint64 { secondOf(6, 0) })
                                               : qint64 { secondOf(6, 0) };
            if (earliest > secondOf(21, 0))
                continue;
            qint64 at = day * kDaySeconds + uniform(m_rng, static_cast<int>(earliest), secondOf(21, 0));
            if (at >= m_nowAt)
                continue;
            const auto index = static_cast<qint32>(i);
            m_acts.append({ at, static_cast<qint32>(p), index, ActKind::Open, 0 });
            if (item.kind != ContentKind::Lesson || !chance(m_rng, 7500))
                continue;
            at += uniform(m_rng, 300, 1800);
            if (at >= m_nowAt)
                continue;
            m_acts.append({ at, static_cast<qint32>(p), index, ActKind::Study, 0 });
            if (!item.quiz || !chance(m_rng, 8500))
                continue;
            const int rightChance = std::min(95, 55 + 40 * person.activity / 100);
            for (int attempt = 0; attempt < 3; ++attempt) {
                at += uniform(m_rng, 120, 600);
                if (at >= m_nowAt)
                    break;
                quint8 mask = 0;
                int right = 0;
                for (qsizetype q = 0; q < item.quiz->questions.size(); ++q)
                    if (chance(m_rng, rightChance * 100)) {
                        mask |= static_cast<quint8>(1U << q);
                        ++right;
                    }
                m_acts.append({ at, static_cast<qint32>(p), index, ActKind::Attempt, mask });
                if (qsizetype { right } * 100 >= item.quiz->passPercent * item.quiz->questions.size()
                    || !chance(m_rng, 6000))
                    break;
            }
        }
    }
    std::stable_sort(m_acts.begin(), m_acts.end(), [](const Act& a, const Act& b) { return a.at < b.at; });
}

void LivedYear::planMeetings()
{
    const QDate lastDay = m_context.today();
    QHash<QString, int> topicOf; // "yyyy-MM" -> the meeting topic item
    for (qsizetype i = 0; i < m_content.size(); ++i)
        if (m_content.at(i).item.kind == ContentKind::MeetingTopic)
            topicOf.insert(m_content.at(i).item.topicMonth, static_cast<int>(i));
    const QDate firstMonth(m_calendar.first().year(), m_calendar.first().month(), 1);
    const QDate lastMonth = QDate(lastDay.year(), lastDay.month(), 1).addMonths(1);
    for (qsizetype c = 0; c < m_cells.size(); ++c) {
        const Cell& cell = m_cells.at(c);
        if (cell.members.isEmpty())
            continue;
        const int heldChance = cell.behindPercent < 70 ? 8500 : 9700;
        for (QDate month = firstMonth; month <= lastMonth; month = month.addMonths(1)) {
            const QDate before = month.addMonths(-1);
            QDate scheduled;
            if (cell.neverOnTime)
                scheduled = month.addDays(uniform(m_rng, 0, 3));
            else if (chance(m_rng, 8800))
                scheduled = before.addDays(uniform(m_rng, 7, 19));
            else
                scheduled = before.addDays(uniform(m_rng, 20, before.daysInMonth() - 1));
            scheduled = std::max(scheduled, m_calendar.first());
            QDate held = month.addDays(uniform(m_rng, 4, 14));
            if (held <= scheduled)
                held = scheduled.addDays(2);
            if (held.month() != month.month())
                continue;
            PlannedMeeting meeting;
            meeting.cell = static_cast<int>(c);
            meeting.scheduleAt = m_calendar.at(scheduled, uniform(m_rng, secondOf(7, 0), secondOf(20, 0)));
            const bool evening = cell.older || chance(m_rng, 3000);
            meeting.startsAt = m_calendar.at(held, evening ? secondOf(19, 30) : secondOf(8, 0));
            if (meeting.scheduleAt >= m_nowAt)
                continue;
            const int topic = topicOf.value(month.toString(QStringLiteral("yyyy-MM")), -1);
            if (topic >= 0 && m_contentAt.at(topic) < meeting.scheduleAt) {
                meeting.topicItem = topic;
                meeting.topic = m_content.at(topic).item.title;
            }
            const qint64 closeAt = meeting.startsAt + qint64 { 3 } * 3600 - 600;
            if (closeAt < m_nowAt && chance(m_rng, heldChance))
                meeting.closeAt = closeAt;
            m_planned.append(meeting);
            // A thematic meeting each quarter in some cells.
            if (cell.thematic && month.month() % 3 == 0) {
                PlannedMeeting thematic;
                thematic.cell = static_cast<int>(c);
                thematic.kind = MeetingKind::Thematic;
                const QDate on = month.addDays(uniform(m_rng, 9, 14));
                const QDate day = on.addDays(uniform(m_rng, 4, 10));
                thematic.scheduleAt = m_calendar.at(on, uniform(m_rng, secondOf(7, 0), secondOf(20, 0)));
                thematic.startsAt = m_calendar.at(day, secondOf(14, 0));
                thematic.topic = QStringLiteral("Sinh hoạt chuyên đề quý %1/%2")
                                     .arg((month.month() - 1) / 3 + 1)
                                     .arg(month.year());
                if (thematic.scheduleAt >= m_nowAt || day.month() != month.month() || on < m_calendar.first())
                    continue;
                const qint64 thematicClose = thematic.startsAt + qint64 { 2 } * 3600;
                if (thematicClose < m_nowAt)
                    thematic.closeAt = thematicClose;
                m_planned.append(thematic);
            }
        }
    }
    for (qsizetype i = 0; i < m_planned.size(); ++i) {
        m_meetingEvents.append({ m_planned.at(i).scheduleAt, static_cast<int>(i), false });
        if (m_planned.at(i).closeAt >= 0)
            m_meetingEvents.append({ m_planned.at(i).closeAt, static_cast<int>(i), true });
    }
    std::stable_sort(m_meetingEvents.begin(), m_meetingEvents.end(),
        [](const MeetingEvent& a, const MeetingEvent& b) { return a.at < b.at; });
}

Status LivedYear::publish(int index)
{
    const PlannedContent& planned = m_content.at(index);
    const WriteContext context = contextAt(m_author, m_contentAt.at(index));
    ContentItem item = planned.item;
    item.authorUserId = m_authorId;
    item.authorOrgId = m_rootId;
    ContentRepository repository(m_db);
    auto created = repository.create(item, context);
    if (!created)
        return created.error();
    auto published = repository.publish(created->id, context.now, created->version, context);
    if (!published)
        return published.error();
    m_contentIds[index] = published->id;
    ++m_summary.items;
    return success();
}

Status LivedYear::act(const Act& act)
{
    const Person& person = m_people.at(act.person);
    const qint64 cellId = m_cells.at(person.cell).id;
    const WriteContext context = contextAt(person.username, act.at);
    switch (act.kind) {
    case ActKind::Activate: {
        auto activated = m_participation.activate(person.id, person.homeUnitId, person.homePath, cellId,
            person.number, m_options.passwordHash, context);
        if (activated)
            ++m_summary.accounts;
        // A number shared with another member (a refused activation) leaves the member without an account.
        else if (activated.error().code != ErrorCode::Invalid)
            return activated.error();
        return success();
    }
    case ActKind::Open:
        m_summary.opened
            += m_participation.open(person.id, cellId, m_contentIds.at(act.item), context) ? 1 : 0;
        return success();
    case ActKind::Study:
        m_summary.studied
            += m_participation.study(person.id, cellId, m_contentIds.at(act.item), context) ? 1 : 0;
        return success();
    case ActKind::Attempt: {
        const Quiz& quiz = *m_content.at(act.item).item.quiz;
        QList<QuizAnswer> answers;
        for (qsizetype q = 0; q < quiz.questions.size(); ++q) {
            const QuizQuestion& question = quiz.questions.at(q);
            QuizAnswer answer { static_cast<int>(q) + 1, question.correct };
            if ((act.rightMask & (1U << q)) == 0)
                answer.chosen = question.correct.size() > 1
                    ? QList<int> { question.correct.front() }
                    : QList<int> { static_cast<int>(
                        (question.correct.front() + 1) % question.options.size()) };
            answers.append(answer);
        }
        m_participation.attempt(person.id, cellId, m_contentIds.at(act.item), quiz, answers, context);
        ++m_summary.attempts;
        return success();
    }
    }
    return success();
}

Status LivedYear::meetingEvent(const MeetingEvent& event)
{
    PlannedMeeting& planned = m_planned[event.meeting];
    const Cell& cell = m_cells.at(planned.cell);
    const WriteContext context = contextAt(m_context.actor, event.at);
    if (!event.close) {
        NewMeeting meeting;
        meeting.cellId = cell.id;
        meeting.kind = planned.kind;
        meeting.startsAt = m_calendar.moment(planned.startsAt);
        meeting.place
            = cell.older ? QStringLiteral("Nhà văn hóa khu dân cư") : QStringLiteral("Phòng họp cơ quan");
        meeting.topic = planned.topic;
        if (planned.topicItem >= 0)
            meeting.topicContentId = m_contentIds.at(planned.topicItem);
        auto scheduled = m_meetings.schedule(meeting, cell.path, context);
        if (!scheduled)
            return scheduled.error();
        planned.id = scheduled->id;
        ++m_summary.meetingsScheduled;
        return success();
    }
    const QDate day = m_calendar.date(static_cast<int>(planned.startsAt / kDaySeconds));
    QHash<qint64, bool> roster;
    QList<AttendanceMark> marks;
    const int absent = cell.behindPercent < 70 ? 600 : 200;
    const int excused = cell.older ? 1500 : 700;
    for (const int index : cell.members) {
        const Person& person = m_people.at(index);
        if (!onRoster(person, day))
            continue;
        const bool exempt = exemptOn(person, day);
        roster.insert(person.id, exempt);
        if (exempt)
            continue;
        const int draw = uniform(m_rng, 0, 9999);
        marks.append({ person.id,
            draw < absent                 ? AttendanceState::Absent
                : draw < absent + excused ? AttendanceState::Excused
                                          : AttendanceState::Present });
    }
    const QString minutes = QStringLiteral("Chi bộ sinh hoạt %1 ngày %2: thông qua nghị quyết tháng trước, "
                                           "đánh giá kết quả thực hiện, thảo luận và "
                                           "thống nhất nhiệm vụ trọng tâm tháng tới.")
                                .arg(planned.kind == MeetingKind::Regular ? QStringLiteral("thường kỳ")
                                                                          : QStringLiteral("chuyên đề"),
                                    day.toString(QStringLiteral("dd/MM/yyyy")));
    auto closed = m_meetings.close(planned.id, marks, roster, minutes, context);
    if (!closed)
        return closed.error();
    ++m_summary.meetingsHeld;
    return success();
}

Status LivedYear::countRosters(QDate monthEnd)
{
    // The month's stocks as the server's batch would have counted them on its last day: the members on each
    // cell's roster and not exempt, and those of them with an account active by then.
    const qint64 endAt = qint64 { m_calendar.dayOf(monthEnd) + 1 } * kDaySeconds;
    const QString month = monthEnd.toString(QStringLiteral("yyyy-MM"));
    QSqlQuery stored(m_db);
    if (!stored.prepare(QStringLiteral(
            "INSERT INTO participation_month (cell_id, month, members_counted, accounts_active, "
            "pending_feed) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (cell_id, month) DO UPDATE SET members_counted = "
            "excluded.members_counted, accounts_active = excluded.accounts_active, pending_feed = "
            "excluded.pending_feed")))
        return sql::storageError(stored);
    for (const Cell& cell : std::as_const(m_cells)) {
        qint64 counted = 0;
        qint64 active = 0;
        for (const int index : cell.members) {
            const Person& person = m_people.at(index);
            if (!onRoster(person, monthEnd) || exemptOn(person, monthEnd))
                continue;
            ++counted;
            active += person.activatedAt >= 0 && person.activatedAt < endAt ? 1 : 0;
        }
        if (counted == 0)
            continue;
        stored.bindValue(0, cell.id);
        stored.bindValue(1, month);
        stored.bindValue(2, counted);
        stored.bindValue(3, active);
        stored.bindValue(4, true);
        if (!stored.exec())
            return sql::storageError(stored);
        ++m_summary.rows;
    }
    return success();
}

Status LivedYear::playDay(int day)
{
    const qint64 end = qint64 { day + 1 } * kDaySeconds;
    // The day's events in time order: publications, members' acts and meetings.
    while (true) {
        const qint64 content = m_nextContent < m_content.size() ? m_contentAt.at(m_nextContent) : end;
        const qint64 acted = m_nextAct < m_acts.size() ? m_acts.at(m_nextAct).at : end;
        const qint64 met
            = m_nextMeetingEvent < m_meetingEvents.size() ? m_meetingEvents.at(m_nextMeetingEvent).at : end;
        const qint64 next = std::min({ content, acted, met });
        if (next >= end)
            break;
        Status done = success();
        if (next == content)
            done = publish(static_cast<int>(m_nextContent++));
        else if (next == acted)
            done = act(m_acts.at(m_nextAct++));
        else
            done = meetingEvent(m_meetingEvents.at(m_nextMeetingEvent++));
        if (!done)
            return done;
    }
    const QDate date = m_calendar.date(day);
    if (date.day() == date.daysInMonth() || date == m_context.today())
        return countRosters(date);
    return success();
}

Status LivedYear::writeBatch(int firstDay, int lastDay)
{
    sql::Transaction transaction(m_db);
    if (const Status begun = transaction.begin(); !begun)
        return begun;
    for (int day = firstDay; day <= lastDay; ++day)
        if (const Status played = playDay(day); !played)
            return played;
    if (const Status written = m_participation.write(m_changes); !written)
        return written;
    if (const Status written = m_meetings.write(m_changes); !written)
        return written;
    m_summary.rows += m_changes.pending();
    if (const Status written = m_changes.write(); !written)
        return written;
    return transaction.commit();
}

Result<LivedYearSummary> LivedYear::run()
{
    if (const Status loaded = loadProvince(); !loaded)
        return loaded.error();
    // The author's account first: the batches learn the accounts there are when they load.
    if (const Status planned = planContent(); !planned)
        return planned.error();
    if (const Status loaded = m_participation.load(); !loaded)
        return loaded.error();
    if (const Status loaded = m_meetings.load(); !loaded)
        return loaded.error();
    planAccounts();
    planActs();
    planMeetings();
    // A batch is a week (to Sunday), cut at each month's end: one transaction each, every act at its own
    // moment.
    const int days = static_cast<int>(m_nowAt / kDaySeconds) + 1;
    int firstDay = 0;
    for (int day = 0; day < days; ++day) {
        const QDate date = m_calendar.date(day);
        if (date.dayOfWeek() != Qt::Sunday && date.day() != date.daysInMonth() && day != days - 1)
            continue;
        if (const Status written = writeBatch(firstDay, day); !written)
            return written.error();
        firstDay = day + 1;
        if (m_options.progress)
            m_options.progress(day + 1, days);
    }
    if (const Status finished = m_participation.finish(); !finished)
        return finished.error();
    if (const Status finished = m_meetings.finish(); !finished)
        return finished.error();
    // The aggregates go to the change feed as the server's batch sends them.
    auto flushed = ParticipationRepository(m_db).flushPending(m_context, std::numeric_limits<int>::max());
    if (!flushed)
        return flushed.error();
    m_summary.days = days;
    m_summary.marks = m_meetings.marks();
    m_summary.rows += qint64 { *flushed } * 2 + m_summary.opened + m_summary.attempts + m_summary.accounts
        + m_summary.meetingsScheduled + m_summary.marks;
    return m_summary;
}

} // namespace

Result<LivedYearSummary> seedLivedYear(
    const QSqlDatabase& db, const LivedYearOptions& options, const WriteContext& context)
{
    auto root = sql::exec(
        db, QStringLiteral("SELECT valid_from FROM org_unit WHERE parent_id IS NULL AND valid_to IS NULL"));
    if (!root)
        return root.error();
    if (!root->next())
        return seedingError(
            QCoreApplication::translate("DemoProvince", "Chưa có tỉnh mẫu để tạo năm sinh hoạt."));
    const QDate founded = dateOf(root->value(0));
    root->finish();
    const QDate today = context.today();
    const QDate first = std::max(QDate(today.year(), today.month(), 1).addMonths(-12), founded);
    if (first > today)
        return LivedYearSummary {};
    // The year's indexes outgrow SQLite's default page cache many times over; a larger one while seeding.
    const bool sqlite = sql::dialectOf(db) == Dialect::Sqlite;
    QVariant cacheSize;
    if (sqlite) {
        auto size = sql::exec(db, QStringLiteral("PRAGMA cache_size"));
        if (!size)
            return size.error();
        cacheSize = size->next() ? size->value(0) : QVariant(-2000);
        size->finish();
        if (auto larger = sql::exec(db, QStringLiteral("PRAGMA cache_size = -262144")); !larger)
            return larger.error();
    }
    auto year = LivedYear(db, options, context, first).run();
    if (sqlite)
        if (auto restored
            = sql::exec(db, QStringLiteral("PRAGMA cache_size = %1").arg(cacheSize.toLongLong()));
            !restored)
            return restored.error();
    return year;
}

} // namespace sotay
