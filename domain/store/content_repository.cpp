// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/content_repository.h"

#include "content/content_json.h"
#include "content/content_validation.h"
#include "org/org_rules.h"
#include "store/change_recorder.h"
#include "store/content_writes.h"
#include "store/member_repository.h"
#include "store/sql.h"
#include "store/tree_locks.h"
#include "store/user_columns.h"
#include "text/vietnamese_text.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QSet>

#include <algorithm>

namespace sotay {

using namespace content_writes;

namespace {

const QString kEntity = QStringLiteral("content");

const QString kColumns = QStringLiteral(
    "c.id, c.kind, c.title, c.body, c.summary, c.doc_type, c.doc_number, c.issuer, c.issued_on, "
    "c.topic_month, "
    "c.category, c.quiz, c.state, c.publish_at, c.author_user_id, u.username, c.author_org_id, ao.path, "
    "c.created_at, c.updated_at, c.version");
// The same for a list of titles: no body, no quiz.
const QString kTitleColumns = QStringLiteral(
    "c.id, c.kind, c.title, '', c.summary, c.doc_type, c.doc_number, c.issuer, c.issued_on, c.topic_month, "
    "c.category, NULL, c.state, c.publish_at, c.author_user_id, u.username, c.author_org_id, ao.path, "
    "c.created_at, c.updated_at, c.version");
// A replica holds no accounts: there the author's name reads empty.
const QString kFrom = QStringLiteral(" FROM content_item c LEFT JOIN app_user u ON u.id = c.author_user_id "
                                     "LEFT JOIN org_unit ao ON ao.id = c.author_org_id");

Result<ContentItem> readItem(const QSqlQuery& row)
{
    ContentItem item;
    item.id = row.value(0).toLongLong();
    item.kind = contentKindFromCode(row.value(1).toString()).value_or(ContentKind::News);
    item.title = row.value(2).toString();
    item.body = row.value(3).toString();
    item.summary = row.value(4).toString();
    if (!row.value(5).isNull())
        item.docType = docTypeFromCode(row.value(5).toString());
    item.docNumber = row.value(6).toString();
    item.issuer = row.value(7).toString();
    item.issuedOn = sql::toDate(row.value(8));
    item.topicMonth = row.value(9).toString();
    item.category = row.value(10).toString();
    if (!row.value(11).isNull()) {
        auto quiz = quizFromJson(QJsonDocument::fromJson(row.value(11).toString().toUtf8()).object());
        if (!quiz)
            return sql::storageError(QStringLiteral("content_item %1: unreadable quiz").arg(item.id));
        item.quiz = *quiz;
    }
    item.state = contentStateFromCode(row.value(12).toString()).value_or(ContentState::Draft);
    item.publishAt = row.value(13).isNull() ? QDateTime() : readTimestamp(row.value(13));
    item.authorUserId = row.value(14).toLongLong();
    item.authorName = row.value(15).toString();
    item.authorOrgId = sql::toOptionalId(row.value(16));
    item.authorOrgPath = row.value(17).isNull() ? QStringLiteral("/") : row.value(17).toString();
    item.createdAt = readTimestamp(row.value(18));
    item.updatedAt = readTimestamp(row.value(19));
    item.version = row.value(20).toLongLong();
    return item;
}

// Fills each item's audience, the paths of the audience units still active, and its attachments.
Status loadAudiences(const QSqlDatabase& db, QList<ContentItem>& items)
{
    if (items.isEmpty())
        return success();
    QList<qint64> ids;
    QHash<qint64, qsizetype> positions;
    for (qsizetype i = 0; i < items.size(); ++i) {
        ids.append(items[i].id);
        positions.insert(items[i].id, i);
    }
    auto query = sql::execCached(db,
        QStringLiteral("SELECT a.content_id, a.org_unit_id, o.path, o.valid_to FROM content_audience a JOIN "
                       "org_unit o ON o.id = a.org_unit_id WHERE a.content_id IN (")
            + sql::placeholders(ids.size()) + QStringLiteral(") ORDER BY a.content_id, a.org_unit_id"),
        sql::idValues(ids));
    if (!query)
        return query.error();
    while (query->next()) {
        ContentItem& item = items[positions.value(query->value(0).toLongLong())];
        item.audience.append(query->value(1).toLongLong());
        if (query->value(3).isNull())
            item.audiencePaths.append(query->value(2).toString());
    }
    // The attachments' descriptions, never their bytes.
    auto files = sql::execCached(db,
        QStringLiteral(
            "SELECT content_id, id, file_name, media_type, size_bytes, sha256, confirmed_unclassified, "
            "uploaded_by, uploaded_at FROM content_attachment WHERE content_id IN (")
            + sql::placeholders(ids.size()) + QStringLiteral(") ORDER BY content_id, id"),
        sql::idValues(ids));
    if (!files)
        return files.error();
    while (files->next())
        items[positions.value(files->value(0).toLongLong())].attachments.append(
            { files->value(1).toLongLong(), files->value(2).toString(), files->value(3).toString(),
                files->value(4).toLongLong(), files->value(5).toString(), files->value(6).toBool(),
                files->value(7).toString(), readTimestamp(files->value(8)) });
    return success();
}

// The stored form: one-line fields cleaned (NFC, trimmed, single spaces), the body and quiz texts in NFC. The
// body keeps its leading lines, so that the line numbers of its errors are the author's.
ContentItem cleaned(ContentItem item)
{
    for (QString* field :
        { &item.title, &item.summary, &item.docNumber, &item.issuer, &item.topicMonth, &item.category })
        *field = text::cleanText(*field);
    item.body = text::nfc(item.body);
    while (!item.body.isEmpty() && item.body.back().isSpace())
        item.body.chop(1);
    if (item.quiz)
        for (QuizQuestion& question : item.quiz->questions) {
            question.text = text::cleanText(question.text);
            for (QString& option : question.options)
                option = text::cleanText(option);
            std::sort(question.correct.begin(), question.correct.end());
        }
    return item;
}

// The audience units must exist and be active; they are locked for share so that no merge, split or
// dissolve ends them before this write commits (a merge moves the audiences it finds: it must find this one).
// Units the item already had (`held`) may have been dissolved since: they stay, reaching no one.
Status checkAudience(const QSqlDatabase& db, const QList<qint64>& unitIds, const QList<qint64>& held = {})
{
    if (unitIds.isEmpty())
        return success();
    if (const Status locked = tree_locks::lockUnitsForShare(db, unitIds); !locked)
        return locked;
    auto query = sql::exec(db,
        QStringLiteral("SELECT id FROM org_unit WHERE valid_to IS NULL AND id IN (")
            + sql::placeholders(unitIds.size()) + QStringLiteral(")"),
        sql::idValues(unitIds));
    if (!query)
        return query.error();
    QSet<qint64> active;
    while (query->next())
        active.insert(query->value(0).toLongLong());
    for (const qint64 id : unitIds)
        if (!active.contains(id) && !held.contains(id))
            return Error::invalid(
                QCoreApplication::translate("ContentRepository", "Có tổ chức nhận bài không còn hoạt động."),
                { { QStringLiteral("audience"),
                    QCoreApplication::translate("ContentRepository",
                        "Tổ chức có mã số %1 không còn hoạt động (đã sáp nhập, chia tách hoặc giải thể).")
                        .arg(id) } });
    return success();
}

Status writeAudience(const QSqlDatabase& db, qint64 contentId, const QList<qint64>& unitIds)
{
    if (auto removed
        = sql::exec(db, QStringLiteral("DELETE FROM content_audience WHERE content_id = ?"), { contentId });
        !removed)
        return removed.error();
    for (const qint64 unitId : unitIds)
        if (auto inserted = sql::exec(db,
                QStringLiteral("INSERT INTO content_audience (content_id, org_unit_id) VALUES (?, ?)"),
                { contentId, unitId });
            !inserted)
            return inserted.error();
    return success();
}

QVariant quizValue(const ContentItem& item)
{
    if (!item.quiz)
        return QVariant(QMetaType::fromType<QString>());
    return QString::fromUtf8(QJsonDocument(toJson(*item.quiz, true)).toJson(QJsonDocument::Compact));
}

QVariant docTypeValue(const ContentItem& item)
{
    return item.docType ? QVariant(toCode(*item.docType)) : QVariant(QMetaType::fromType<QString>());
}

// Moves the stored row to the item's state, checking the expected version; NotFound-free: the caller has
// read the item in the same transaction.
Status updateRow(
    const QSqlDatabase& db, const ContentItem& item, qint64 expectedVersion, const WriteContext& context)
{
    auto updated = sql::exec(db,
        QStringLiteral(
            "UPDATE content_item SET title = ?, title_folded = ?, body = ?, summary = ?, doc_type = ?, "
            "doc_number = ?, issuer = ?, issued_on = ?, topic_month = ?, category = ?, quiz = ?, "
            "state = ?, publish_at = ?, updated_at = ?, version = version + 1 WHERE id = ? AND version = ?"),
        { item.title, text::fold(item.title), sql::text(item.body), sql::text(item.summary),
            docTypeValue(item), sql::text(item.docNumber), sql::text(item.issuer), sql::date(item.issuedOn),
            item.topicMonth.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(item.topicMonth),
            sql::text(item.category), quizValue(item), toCode(item.state), sql::timestamp(item.publishAt),
            sql::timestamp(context.now), item.id, expectedVersion });
    if (!updated)
        return updated.error();
    if (updated->numRowsAffected() != 1)
        return staleVersion();
    return success();
}

// Whether `next` changes anything an author writes in `current`.
bool sameContent(const ContentItem& next, const ContentItem& current)
{
    QList<qint64> nextAudience = next.audience;
    QList<qint64> currentAudience = current.audience;
    std::sort(nextAudience.begin(), nextAudience.end());
    std::sort(currentAudience.begin(), currentAudience.end());
    return next.title == current.title && next.body == current.body && next.summary == current.summary
        && next.docType == current.docType && next.docNumber == current.docNumber
        && next.issuer == current.issuer && next.issuedOn == current.issuedOn
        && next.topicMonth == current.topicMonth && next.category == current.category
        && next.quiz == current.quiz && nextAudience == currentAudience;
}

// The conditions of a list: the caller's filters and scope, and the keyset position.
QString whereOf(const ContentQuery& query, QVariantList& values)
{
    QString statement = QStringLiteral(" WHERE 1 = 1");
    if (query.before > 0) {
        statement += QStringLiteral(" AND c.id < ?");
        values << query.before;
    }
    if (query.after > 0) {
        statement += QStringLiteral(" AND c.id > ?");
        values << query.after;
    }
    if (query.kind) {
        statement += QStringLiteral(" AND c.kind = ?");
        values << toCode(*query.kind);
    }
    if (query.state) {
        switch (*query.state) {
        case ContentState::Draft:
        case ContentState::Archived:
            statement += QStringLiteral(" AND c.state = ?");
            values << toCode(*query.state);
            break;
        case ContentState::Scheduled:
        case ContentState::Published:
            statement += *query.state == ContentState::Scheduled
                ? QStringLiteral(" AND c.state = 'published' AND c.publish_at > ?")
                : QStringLiteral(" AND c.state = 'published' AND c.publish_at <= ?");
            values << sql::timestamp(query.now);
            break;
        }
    }
    if (const QString folded = text::fold(query.text); !folded.isEmpty()) {
        QString pattern = folded;
        pattern.replace(u'\\', QStringLiteral("\\\\"))
            .replace(u'%', QStringLiteral("\\%"))
            .replace(u'_', QStringLiteral("\\_"));
        statement += QStringLiteral(" AND c.title_folded LIKE ? ESCAPE '\\'");
        values << QString(QStringLiteral("%") + pattern + QStringLiteral("%"));
    }
    if (!query.scopePath.isEmpty()) {
        const QString end = subtreeEnd(query.scopePath);
        QString audience = QStringLiteral("(o.path >= ? AND o.path < ?)");
        const QStringList above = ancestorPaths(query.scopePath);
        if (!above.isEmpty())
            audience = QStringLiteral("(") + audience + QStringLiteral(" OR o.path IN (")
                + sql::placeholders(above.size()) + QStringLiteral("))");
        statement += QStringLiteral(
                         " AND ((ao.path >= ? AND ao.path < ?) OR (c.state <> 'draft' AND EXISTS (SELECT 1 "
                         "FROM content_audience a JOIN org_unit o ON o.id = a.org_unit_id WHERE "
                         "a.content_id = c.id AND o.valid_to IS NULL AND ")
            + audience + QStringLiteral(")))");
        values << query.scopePath << end << query.scopePath << end;
        for (const QString& path : above)
            values << path;
    }
    return statement;
}

} // namespace

namespace content_writes {

Error stateConflict(const QString& message, const QString& field)
{
    return { ErrorCode::Conflict, message, { { field, message } } };
}

Error staleVersion()
{
    return Error::conflict(QCoreApplication::translate(
        "ContentRepository", "Bài đã được người khác sửa; hãy tải lại rồi sửa tiếp."));
}

Result<ContentItem> selectItem(const QSqlDatabase& db, qint64 id)
{
    auto query = sql::exec(
        db, QStringLiteral("SELECT ") + kColumns + kFrom + QStringLiteral(" WHERE c.id = ?"), { id });
    if (!query)
        return query.error();
    if (!query->next())
        return Error::notFound(QCoreApplication::translate("ContentRepository", "Không tìm thấy bài."));
    auto item = readItem(*query);
    if (!item)
        return item;
    QList<ContentItem> one { *item };
    if (const Status loaded = loadAudiences(db, one); !loaded)
        return loaded.error();
    return one.front();
}

// The feed rows of a change: the author's unit, and every audience unit of the item before and after while
// it is beyond a draft (a replica that loses the item learns it from the unit it lost).
Status recordContentChange(const QSqlDatabase& db, const ContentItem* before, const ContentItem* after,
    const QString& action, const WriteContext& context)
{
    const ContentItem& item = after ? *after : *before;
    Change change;
    change.entity = kEntity;
    change.entityId = item.id;
    change.operation = after ? QStringLiteral("upsert") : QStringLiteral("delete");
    change.path = item.authorOrgPath;
    change.alsoEntity = QStringLiteral("content_audience");
    for (const ContentItem* version : { before, after })
        if (version && version->state != ContentState::Draft)
            change.alsoPaths += version->audiencePaths;
    change.action = action;
    if (before)
        change.before = toJson(*before, context.now);
    if (after)
        change.after = toJson(*after, context.now);
    if (auto recorded = recordChange(db, change, context); !recorded)
        return recorded.error();
    return success();
}

// Reads the item for a write in a transaction: present and at the expected version.
Result<ContentItem> itemForWrite(const QSqlDatabase& db, qint64 id, qint64 expectedVersion)
{
    auto item = selectItem(db, id);
    if (item && item->version != expectedVersion)
        return staleVersion();
    return item;
}

} // namespace content_writes

ContentRepository::ContentRepository(const QSqlDatabase& db)
    : m_db(db)
{
}

Result<ContentItem> ContentRepository::find(qint64 id) const
{
    return selectItem(m_db, id);
}

Result<ContentPage> ContentRepository::memberFeed(const QString& cellPath, std::optional<ContentKind> kind,
    const QString& after, int limit, const QDateTime& now) const
{
    const QStringList places = ancestorPaths(cellPath) << cellPath;
    QString statement = QStringLiteral("SELECT ") + kTitleColumns + kFrom
        + QStringLiteral(
            " WHERE c.state = 'published' AND c.publish_at <= ? AND EXISTS (SELECT 1 FROM "
            "content_audience a JOIN org_unit o ON o.id = a.org_unit_id WHERE a.content_id = c.id AND "
            "o.valid_to IS NULL AND o.path IN (")
        + sql::placeholders(places.size()) + QStringLiteral("))");
    QVariantList values { sql::timestamp(now) };
    for (const QString& place : places)
        values << place;
    if (kind) {
        statement += QStringLiteral(" AND c.kind = ?");
        values << toCode(*kind);
    }
    if (!after.isEmpty()) {
        // "<publish time>|<id>": the last item of the previous page.
        const QStringList parts = after.split(u'|');
        bool ok = parts.size() == 2;
        const QDateTime at = ok ? QDateTime::fromString(parts[0], Qt::ISODateWithMs) : QDateTime();
        const qint64 id = ok ? parts[1].toLongLong(&ok) : 0;
        if (!ok || !at.isValid())
            return invalidCursor();
        statement += QStringLiteral(" AND (c.publish_at < ? OR (c.publish_at = ? AND c.id < ?))");
        values << sql::timestamp(at) << sql::timestamp(at) << id;
    }
    statement += QStringLiteral(" ORDER BY c.publish_at DESC, c.id DESC LIMIT ?");
    values << limit + 1;
    auto rows = sql::execCached(m_db, statement, values);
    if (!rows)
        return rows.error();
    ContentPage page;
    while (rows->next()) {
        auto item = readItem(*rows);
        if (!item)
            return item.error();
        page.items.append(*item);
    }
    if (page.items.size() > limit) {
        page.items.removeLast();
        const ContentItem& last = page.items.back();
        page.cursor = last.publishAt.toUTC().toString(Qt::ISODateWithMs) + u'|' + QString::number(last.id);
    }
    if (const Status loaded = loadAudiences(m_db, page.items); !loaded)
        return loaded.error();
    return page;
}

Result<QDateTime> ContentRepository::nextPublication(const QDateTime& now) const
{
    auto row = sql::exec(m_db,
        QStringLiteral(
            "SELECT MIN(publish_at) FROM content_item WHERE state = 'published' AND publish_at > ?"),
        { sql::timestamp(now) });
    if (!row)
        return row.error();
    if (!row->next() || row->value(0).isNull())
        return QDateTime();
    return readTimestamp(row->value(0));
}

Result<qint64> ContentRepository::count(const ContentQuery& query) const
{
    QVariantList values;
    auto counted
        = sql::exec(m_db, QStringLiteral("SELECT COUNT(*)") + kFrom + whereOf(query, values), values);
    if (!counted)
        return counted.error();
    if (!counted->next())
        return sql::storageError(*counted);
    return counted->value(0).toLongLong();
}

Result<ContentPage> ContentRepository::list(const ContentQuery& query) const
{
    QVariantList values;
    QString statement = QStringLiteral("SELECT ") + kColumns + kFrom + whereOf(query, values)
        + (query.oldestFirst ? QStringLiteral(" ORDER BY c.id LIMIT ?")
                             : QStringLiteral(" ORDER BY c.id DESC LIMIT ?"));
    values << query.limit + 1;

    auto rows = sql::exec(m_db, statement, values);
    if (!rows)
        return rows.error();
    ContentPage page;
    while (rows->next()) {
        auto item = readItem(*rows);
        if (!item)
            return item.error();
        page.items.append(*item);
    }
    rows->finish();
    if (page.items.size() > query.limit) {
        page.items.removeLast();
        page.next = page.items.back().id;
    }
    if (const Status loaded = loadAudiences(m_db, page.items); !loaded)
        return loaded.error();
    return page;
}

Result<ContentItem> ContentRepository::create(ContentItem item, const WriteContext& context)
{
    item = cleaned(std::move(item));
    item.state = ContentState::Draft;
    item.publishAt = {};
    if (const QList<FieldError> errors = validateContent(item, context.today()); !errors.isEmpty())
        return Error::invalid(QCoreApplication::translate("ContentRepository", "Bài chưa hợp lệ ở %n trường.",
                                  nullptr, int(errors.size())),
            errors);

    sql::Transaction transaction(m_db);
    if (const Status begun = transaction.begin(); !begun)
        return begun.error();
    if (const Status audience = checkAudience(m_db, item.audience); !audience)
        return audience.error();
    auto inserted = sql::exec(m_db,
        QStringLiteral(
            "INSERT INTO content_item (kind, title, title_folded, body, summary, doc_type, doc_number, "
            "issuer, issued_on, topic_month, category, quiz, state, author_user_id, author_org_id, "
            "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'draft', ?, ?, ?, ?) "
            "RETURNING id"),
        { toCode(item.kind), item.title, text::fold(item.title), sql::text(item.body),
            sql::text(item.summary), docTypeValue(item), sql::text(item.docNumber), sql::text(item.issuer),
            sql::date(item.issuedOn),
            item.topicMonth.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(item.topicMonth),
            sql::text(item.category), quizValue(item), item.authorUserId, sql::optionalId(item.authorOrgId),
            sql::timestamp(context.now), sql::timestamp(context.now) });
    if (!inserted)
        return inserted.error();
    if (!inserted->next())
        return sql::storageError(*inserted);
    const qint64 id = inserted->value(0).toLongLong();
    inserted->finish();
    if (const Status audience = writeAudience(m_db, id, item.audience); !audience)
        return audience.error();
    auto created = selectItem(m_db, id);
    if (!created)
        return created;
    if (const Status recorded
        = recordContentChange(m_db, nullptr, &*created, QStringLiteral("content.create"), context);
        !recorded)
        return recorded.error();
    return sql::commitWith(transaction, std::move(created));
}

Result<ContentItem> ContentRepository::update(
    const ContentItem& next, qint64 expectedVersion, const WriteContext& context)
{
    sql::Transaction transaction(m_db);
    if (const Status begun = transaction.begin(); !begun)
        return begun.error();
    auto current = itemForWrite(m_db, next.id, expectedVersion);
    if (!current)
        return current;
    if (current->state == ContentState::Archived)
        return stateConflict(QCoreApplication::translate(
            "ContentRepository", "Bài đã lưu trữ không sửa được; hãy đăng lại trước khi sửa."));
    ContentItem item = cleaned(next);
    item.state = current->state;
    item.publishAt = current->publishAt;
    // Scheduled, no member has seen the quiz yet.
    if (current->stateAt(context.now) == ContentState::Published && current->kind == ContentKind::Lesson
        && item.quiz != current->quiz)
        return stateConflict(
            QCoreApplication::translate("ContentRepository",
                "Bài học đã đăng thì không sửa được bài kiểm tra (đảng viên đã có thể làm bài); hãy "
                "lưu trữ bài này và đăng một bài mới."),
            QStringLiteral("quiz"));
    if (const QList<FieldError> errors = validateContent(item, context.today()); !errors.isEmpty())
        return Error::invalid(QCoreApplication::translate("ContentRepository", "Bài chưa hợp lệ ở %n trường.",
                                  nullptr, int(errors.size())),
            errors);
    if (sameContent(item, *current))
        return current; // nothing changed: no new version, no audit or feed rows
    if (const Status audience = checkAudience(m_db, item.audience, current->audience); !audience)
        return audience.error();
    if (const Status written = updateRow(m_db, item, expectedVersion, context); !written)
        return written.error();
    if (item.audience != current->audience)
        if (const Status audience = writeAudience(m_db, item.id, item.audience); !audience)
            return audience.error();
    auto after = selectItem(m_db, item.id);
    if (!after)
        return after;
    if (const Status recorded
        = recordContentChange(m_db, &*current, &*after, QStringLiteral("content.update"), context);
        !recorded)
        return recorded.error();
    return sql::commitWith(transaction, std::move(after));
}

Status ContentRepository::remove(qint64 id, qint64 expectedVersion, const WriteContext& context)
{
    sql::Transaction transaction(m_db);
    if (const Status begun = transaction.begin(); !begun)
        return begun.error();
    auto current = itemForWrite(m_db, id, expectedVersion);
    if (!current)
        return current.error();
    if (current->state != ContentState::Draft)
        return stateConflict(QCoreApplication::translate(
            "ContentRepository", "Chỉ xóa được bản nháp; bài đã đăng thì hãy lưu trữ."));
    // The audience and the attachments go first (their rows refer to the item), then the row, only at the
    // version read: a publish committed meanwhile (PostgreSQL reads committed rows) makes this delete stale
    // and rolls it back.
    for (const QString& statement : { QStringLiteral("DELETE FROM content_audience WHERE content_id = ?"),
             QStringLiteral("DELETE FROM content_attachment WHERE content_id = ?") })
        if (auto dependent = sql::exec(m_db, statement, { id }); !dependent)
            return dependent.error();
    auto deleted = sql::exec(m_db,
        QStringLiteral("DELETE FROM content_item WHERE id = ? AND version = ? AND state = 'draft'"),
        { id, expectedVersion });
    if (!deleted)
        return deleted.error();
    if (deleted->numRowsAffected() != 1)
        return staleVersion();
    if (const Status recorded
        = recordContentChange(m_db, &*current, nullptr, QStringLiteral("content.delete"), context);
        !recorded)
        return recorded;
    return transaction.commit();
}

Result<ContentItem> ContentRepository::publish(
    qint64 id, const QDateTime& publishAt, qint64 expectedVersion, const WriteContext& context)
{
    sql::Transaction transaction(m_db);
    if (const Status begun = transaction.begin(); !begun)
        return begun.error();
    auto current = itemForWrite(m_db, id, expectedVersion);
    if (!current)
        return current;
    if (current->state == ContentState::Published)
        return stateConflict(current->stateAt(context.now) == ContentState::Scheduled
                ? QCoreApplication::translate(
                    "ContentRepository", "Bài đã được hẹn giờ đăng; muốn đổi giờ thì lưu trữ rồi đăng lại.")
                : QCoreApplication::translate("ContentRepository", "Bài đã được đăng."));
    if (publishAt < context.now.addSecs(-60))
        return Error::invalid(QCoreApplication::translate("ContentRepository", "Giờ đăng đã qua."),
            { { QStringLiteral("publishAt"),
                QCoreApplication::translate("ContentRepository", "Giờ đăng không được ở quá khứ.") } });
    if (current->audiencePaths.isEmpty())
        return stateConflict(QCoreApplication::translate("ContentRepository",
            "Không còn tổ chức nào nhận bài (các tổ chức đã chọn đã giải thể); hãy chọn lại nơi nhận."));
    if (const Status audience = checkAudience(m_db, current->audience, current->audience); !audience)
        return audience.error();
    ContentItem item = *current;
    item.state = ContentState::Published;
    // Whole seconds, as the API writes times: a replica never sees it published before the server does.
    item.publishAt = std::max(publishAt, context.now);
    item.publishAt = item.publishAt.addMSecs(-item.publishAt.time().msec());
    if (const Status written = updateRow(m_db, item, expectedVersion, context); !written)
        return written.error();
    auto after = selectItem(m_db, id);
    if (!after)
        return after;
    if (const Status recorded
        = recordContentChange(m_db, &*current, &*after, QStringLiteral("content.publish"), context);
        !recorded)
        return recorded.error();
    return sql::commitWith(transaction, std::move(after));
}

Result<ContentItem> ContentRepository::archive(qint64 id, qint64 expectedVersion, const WriteContext& context)
{
    sql::Transaction transaction(m_db);
    if (const Status begun = transaction.begin(); !begun)
        return begun.error();
    auto current = itemForWrite(m_db, id, expectedVersion);
    if (!current)
        return current;
    if (current->state != ContentState::Published)
        return stateConflict(current->state == ContentState::Draft
                ? QCoreApplication::translate(
                    "ContentRepository", "Bản nháp chưa đăng nên không cần lưu trữ.")
                : QCoreApplication::translate("ContentRepository", "Bài đã được lưu trữ."));
    ContentItem item = *current;
    item.state = ContentState::Archived;
    if (const Status written = updateRow(m_db, item, expectedVersion, context); !written)
        return written.error();
    auto after = selectItem(m_db, id);
    if (!after)
        return after;
    if (const Status recorded
        = recordContentChange(m_db, &*current, &*after, QStringLiteral("content.archive"), context);
        !recorded)
        return recorded.error();
    return sql::commitWith(transaction, std::move(after));
}

Status followAudience(const QSqlDatabase& db, qint64 endedUnitId, const QList<qint64>& successorIds,
    const WriteContext& context)
{
    auto query = sql::exec(db,
        QStringLiteral("SELECT content_id FROM content_audience WHERE org_unit_id = ? ORDER BY content_id"),
        { endedUnitId });
    if (!query)
        return query.error();
    QList<qint64> contentIds;
    while (query->next())
        contentIds.append(query->value(0).toLongLong());
    query->finish();
    for (const qint64 contentId : contentIds) {
        auto before = selectItem(db, contentId);
        if (!before)
            return before.error();
        QList<qint64> audience = before->audience;
        audience.removeAll(endedUnitId);
        for (const qint64 successor : successorIds)
            if (!audience.contains(successor))
                audience.append(successor);
        if (const Status written = writeAudience(db, contentId, audience); !written)
            return written;
        if (auto bumped = sql::exec(db,
                QStringLiteral("UPDATE content_item SET version = version + 1, updated_at = ? WHERE id = ?"),
                { sql::timestamp(context.now), contentId });
            !bumped)
            return bumped.error();
        auto after = selectItem(db, contentId);
        if (!after)
            return after.error();
        if (const Status recorded = recordContentChange(
                db, &*before, &*after, QStringLiteral("content.audience_followed"), context);
            !recorded)
            return recorded;
    }
    return success();
}

Status storeContentCopy(const QSqlDatabase& db, const ContentItem& item)
{
    auto stored = sql::exec(db,
        QStringLiteral(
            "INSERT INTO content_item (id, kind, title, title_folded, body, summary, doc_type, doc_number, "
            "issuer, issued_on, topic_month, category, quiz, state, publish_at, author_user_id, "
            "author_org_id, created_at, updated_at, version) VALUES (")
            + sql::placeholders(20)
            + QStringLiteral(
                ") ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, title = excluded.title, "
                "title_folded = excluded.title_folded, body = excluded.body, summary = excluded.summary, "
                "doc_type = excluded.doc_type, doc_number = excluded.doc_number, issuer = excluded.issuer, "
                "issued_on = excluded.issued_on, topic_month = excluded.topic_month, "
                "category = excluded.category, quiz = excluded.quiz, state = excluded.state, "
                "publish_at = excluded.publish_at, author_user_id = excluded.author_user_id, "
                "author_org_id = excluded.author_org_id, created_at = excluded.created_at, "
                "updated_at = excluded.updated_at, version = excluded.version"),
        { item.id, toCode(item.kind), item.title, text::fold(item.title), sql::text(item.body),
            sql::text(item.summary), docTypeValue(item), sql::text(item.docNumber), sql::text(item.issuer),
            sql::date(item.issuedOn),
            item.topicMonth.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(item.topicMonth),
            sql::text(item.category), quizValue(item), toCode(item.state), sql::timestamp(item.publishAt),
            item.authorUserId, sql::optionalId(item.authorOrgId), sql::timestamp(item.createdAt),
            sql::timestamp(item.updatedAt), item.version });
    if (!stored)
        return stored.error();
    return writeAudience(db, item.id, item.audience);
}

Status removeContentCopy(const QSqlDatabase& db, qint64 id)
{
    for (const QString& statement : { QStringLiteral("DELETE FROM content_audience WHERE content_id = ?"),
             QStringLiteral("DELETE FROM content_attachment WHERE content_id = ?"),
             QStringLiteral("DELETE FROM content_item WHERE id = ?") })
        if (auto removed = sql::exec(db, statement, { id }); !removed)
            return removed.error();
    return success();
}

} // namespace sotay
