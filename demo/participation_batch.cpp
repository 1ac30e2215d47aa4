// SPDX-License-Identifier: GPL-3.0-or-later
#include "participation_batch.h"

#include "access/user.h"
#include "store/sql.h"
#include "store/user_columns.h"
#include "store/user_repository.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace sotay::demo {
namespace {

int monthIndex(const WriteContext& context)
{
    const QDate day = context.today();
    return day.year() * 12 + day.month() - 1;
}

QString answersJson(const QList<QuizAnswer>& answers)
{
    QJsonArray array;
    for (const QuizAnswer& answer : answers) {
        QJsonArray chosen;
        for (const int option : answer.chosen)
            chosen.append(option);
        array.append(QJsonObject {
            { QStringLiteral("question"), answer.question }, { QStringLiteral("chosen"), chosen } });
    }
    return QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Compact));
}

ParticipationFigures oneOf(qint64 ParticipationFigures::*counter)
{
    ParticipationFigures figures;
    figures.*counter = 1;
    return figures;
}

} // namespace

std::size_t ParticipationBatch::ActiveKeyHash::operator()(const ActiveKey& key) const noexcept
{
    return qHashMulti(0, key.cellId, key.memberId, key.month);
}

quint64 ParticipationBatch::readingKey(qint64 memberId, qint64 contentId)
{
    return (static_cast<quint64>(memberId) << 32) ^ static_cast<quint64>(contentId);
}

ParticipationBatch::ParticipationBatch(const QSqlDatabase& db)
    : m_db(db)
    , m_userRows(db, QStringLiteral("app_user"),
          { QStringLiteral("id"), QStringLiteral("username"), QStringLiteral("password_hash"),
              QStringLiteral("role"), QStringLiteral("scope_org_id"), QStringLiteral("member_id"),
              QStringLiteral("password_changed_at"), QStringLiteral("created_at"),
              QStringLiteral("created_by") })
    , m_readingRows(db, QStringLiteral("content_study"),
          { QStringLiteral("member_id"), QStringLiteral("content_id"), QStringLiteral("opened_at"),
              QStringLiteral("opened_month"), QStringLiteral("opened_cell_id"), QStringLiteral("studied_at"),
              QStringLiteral("studied_month"), QStringLiteral("studied_cell_id") })
    , m_attemptRows(db, QStringLiteral("quiz_attempt"),
          { QStringLiteral("member_id"), QStringLiteral("content_id"), QStringLiteral("cell_id"),
              QStringLiteral("month"), QStringLiteral("attempted_at"), QStringLiteral("answers"),
              QStringLiteral("correct"), QStringLiteral("total"), QStringLiteral("passed"),
              QStringLiteral("first_pass") })
    , m_activeRows(db, QStringLiteral("participation_active"),
          { QStringLiteral("cell_id"), QStringLiteral("month"), QStringLiteral("member_id") })
{
}

Status ParticipationBatch::load()
{
    auto readings
        = sql::exec(m_db, QStringLiteral("SELECT member_id, content_id, studied_at FROM content_study"));
    if (!readings)
        return readings.error();
    while (readings->next())
        m_readings.insert(readingKey(readings->value(0).toLongLong(), readings->value(1).toLongLong()),
            { !readings->value(2).isNull(), false });
    auto passes = sql::exec(m_db,
        QStringLiteral("SELECT DISTINCT member_id, content_id FROM quiz_attempt WHERE passed = ?"), { true });
    if (!passes)
        return passes.error();
    while (passes->next())
        m_readings[readingKey(passes->value(0).toLongLong(), passes->value(1).toLongLong())].passed = true;
    auto active
        = sql::exec(m_db, QStringLiteral("SELECT cell_id, month, member_id FROM participation_active"));
    if (!active)
        return active.error();
    while (active->next()) {
        const QDate month
            = QDate::fromString(active->value(1).toString() + QStringLiteral("-01"), Qt::ISODate);
        m_active.insert({ active->value(0).toLongLong(), active->value(2).toLongLong(),
            month.year() * 12 + month.month() - 1 });
    }
    auto users = sql::exec(m_db, QStringLiteral("SELECT id, username, member_id FROM app_user"));
    if (!users)
        return users.error();
    while (users->next()) {
        m_nextUserId = std::max(m_nextUserId, users->value(0).toLongLong() + 1);
        m_usernames.insert(usernameKey(users->value(1).toString()));
        if (!users->value(2).isNull())
            m_accounts.insert(users->value(2).toLongLong());
    }
    return success();
}

void ParticipationBatch::count(
    qint64 memberId, qint64 cellId, const WriteContext& context, const ParticipationFigures& delta)
{
    const QString month = participationMonth(context);
    ParticipationFigures& figures = m_deltas[{ cellId, month }];
    figures.cellId = cellId;
    figures.month = month;
    figures += delta;
    if (memberId == 0)
        return;
    const ActiveKey key { cellId, memberId, monthIndex(context) };
    if (m_active.insert(key).second) {
        figures.membersActive += 1;
        m_newActive.append({ cellId, month, memberId });
    }
}

bool ParticipationBatch::open(qint64 memberId, qint64 cellId, qint64 contentId, const WriteContext& context)
{
    const quint64 key = readingKey(memberId, contentId);
    if (m_readings.contains(key))
        return false;
    m_readings.insert(key, {});
    m_newReadingIndex.insert(key, m_newReadings.size());
    m_newReadings.append(
        { memberId, contentId, { sql::timestamp(context.now), participationMonth(context), cellId }, {} });
    ++m_acts;
    count(memberId, cellId, context, oneOf(&ParticipationFigures::itemsOpened));
    return true;
}

bool ParticipationBatch::study(qint64 memberId, qint64 cellId, qint64 contentId, const WriteContext& context)
{
    open(memberId, cellId, contentId, context);
    const quint64 key = readingKey(memberId, contentId);
    Reading& reading = m_readings[key];
    if (reading.studied)
        return false;
    reading.studied = true;
    const QVariantList studied { sql::timestamp(context.now), participationMonth(context), cellId };
    if (const auto index = m_newReadingIndex.constFind(key); index != m_newReadingIndex.constEnd())
        m_newReadings[*index].studied = studied;
    else
        m_laterStudies.append(studied + QVariantList { memberId, contentId });
    ++m_acts;
    count(memberId, cellId, context, oneOf(&ParticipationFigures::lessonsStudied));
    return true;
}

RecordedAttempt ParticipationBatch::attempt(qint64 memberId, qint64 cellId, qint64 contentId,
    const Quiz& quiz, const QList<QuizAnswer>& answers, const WriteContext& context)
{
    open(memberId, cellId, contentId, context);
    const QuizResult result = gradeQuiz(quiz, answers);
    Reading& reading = m_readings[readingKey(memberId, contentId)];
    const bool firstPass = result.passed && !reading.passed;
    reading.passed = reading.passed || result.passed;
    m_attempts.append({ memberId, contentId, cellId, participationMonth(context), sql::timestamp(context.now),
        answersJson(answers), result.correct, result.total, result.passed, firstPass });
    ++m_acts;
    ParticipationFigures delta = oneOf(&ParticipationFigures::quizAttempts);
    delta.quizPasses = firstPass ? 1 : 0;
    count(memberId, cellId, context, delta);
    return { 0, result, firstPass, context.now };
}

Result<qint64> ParticipationBatch::activate(qint64 memberId, qint64 homeUnitId, const QString& homeUnitPath,
    qint64 cellId, const QString& number, const QString& passwordHash, const WriteContext& context)
{
    if (m_accounts.contains(memberId))
        return Error::conflict(
            QCoreApplication::translate("UserRepository", "Đảng viên này đã có tài khoản."));
    const QString username = usernameKey(number);
    if (m_usernames.contains(username)) {
        const QString message
            = QCoreApplication::translate("UserRepository", "Tên đăng nhập %1 đã có người dùng.")
                  .arg(username);
        return Error::invalid(message, { { QStringLiteral("number"), message } });
    }
    m_accounts.insert(memberId);
    m_usernames.insert(username);
    User user;
    user.id = m_nextUserId++;
    user.username = username;
    user.role = Role::Member;
    user.scopeOrgId = homeUnitId;
    user.memberId = memberId;
    user.passwordChangedAt = context.now;
    user.createdAt = context.now;
    user.version = 1;
    const QVariant at = sql::timestamp(context.now);
    m_users.append({ user.id, username, passwordHash, toCode(Role::Member), homeUnitId, memberId, at, at,
        context.actor });
    ++m_acts;
    count(0, cellId, context, oneOf(&ParticipationFigures::accountsActivated));
    m_pendingChanges.append({ Change { QStringLiteral("user"), user.id, QStringLiteral("upsert"),
                                  homeUnitPath, {}, QStringLiteral("user.create"), {}, userAuditJson(user) },
        context });
    m_pendingAudits.append({ memberId,
        QJsonObject { { QStringLiteral("userId"), user.id }, { QStringLiteral("username"), username },
            { QStringLiteral("cellId"), cellId }, { QStringLiteral("month"), participationMonth(context) } },
        context });
    return user.id;
}

Status ParticipationBatch::write(ChangeBatch& changes)
{
    for (const QVariantList& row : std::as_const(m_users))
        if (const Status added = m_userRows.add(row); !added)
            return added;
    if (const Status flushed = m_userRows.flush(); !flushed)
        return flushed;
    for (const auto& [change, context] : std::as_const(m_pendingChanges))
        changes.add(change, context);
    for (const auto& [memberId, after, context] : std::as_const(m_pendingAudits))
        changes.audit(
            QStringLiteral("member.handbook_activated"), QStringLiteral("member"), memberId, after, context);

    const QVariantList notStudied { QVariant(QMetaType::fromType<QString>()),
        QVariant(QMetaType::fromType<QString>()), QVariant(QMetaType::fromType<qint64>()) };
    for (const NewReading& reading : std::as_const(m_newReadings))
        if (const Status added = m_readingRows.add(QVariantList { reading.memberId, reading.contentId }
                + reading.opened + (reading.studied.isEmpty() ? notStudied : reading.studied));
            !added)
            return added;
    if (const Status flushed = m_readingRows.flush(); !flushed)
        return flushed;
    if (!m_laterStudies.isEmpty()) {
        QSqlQuery studied(m_db);
        if (!studied.prepare(QStringLiteral("UPDATE content_study SET studied_at = ?, studied_month = ?, "
                                            "studied_cell_id = ? WHERE member_id "
                                            "= ? AND content_id = ? AND studied_at IS NULL")))
            return sql::storageError(studied);
        for (const QVariantList& row : std::as_const(m_laterStudies)) {
            for (qsizetype i = 0; i < row.size(); ++i)
                studied.bindValue(static_cast<int>(i), row.at(i));
            if (!studied.exec())
                return sql::storageError(studied);
        }
    }

    for (const QVariantList& row : std::as_const(m_attempts))
        if (const Status added = m_attemptRows.add(row); !added)
            return added;
    if (const Status flushed = m_attemptRows.flush(); !flushed)
        return flushed;

    for (const QVariantList& row : std::as_const(m_newActive))
        if (const Status added = m_activeRows.add(row); !added)
            return added;
    if (const Status flushed = m_activeRows.flush(); !flushed)
        return flushed;

    // The aggregates through the function every act of the server uses (one upsert per cell and month).
    for (auto it = m_deltas.cbegin(); it != m_deltas.cend(); ++it)
        if (const Status added = addParticipation(m_db, it.key().first, it.key().second, it.value(), {});
            !added)
            return added;

    m_newReadingIndex.clear();
    m_newReadings.clear();
    m_laterStudies.clear();
    m_attempts.clear();
    m_newActive.clear();
    m_users.clear();
    m_pendingChanges.clear();
    m_pendingAudits.clear();
    m_deltas.clear();
    return success();
}

Status ParticipationBatch::finish()
{
    if (sql::dialectOf(m_db) != Dialect::Postgres)
        return success();
    const auto moved = sql::exec(m_db,
        QStringLiteral(
            "SELECT setval(pg_get_serial_sequence('app_user', 'id'), (SELECT MAX(id) FROM app_user))"));
    if (!moved)
        return moved.error();
    return success();
}

} // namespace sotay::demo
