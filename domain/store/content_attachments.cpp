// SPDX-License-Identifier: GPL-3.0-or-later
// ContentRepository's attachments: files kept in the database beside their item (docs/operations.md).
#include "store/content_repository.h"
#include "store/content_writes.h"
#include "store/sql.h"
#include "store/user_columns.h"
#include "text/vietnamese_text.h"

#include <QCoreApplication>
#include <QCryptographicHash>

#include <algorithm>

namespace sotay {

using namespace content_writes;

namespace {

// The item may change its attachments: it exists at the expected version and is not archived.
Result<ContentItem> itemForAttachments(const QSqlDatabase& db, qint64 contentId, qint64 expectedVersion)
{
    auto item = itemForWrite(db, contentId, expectedVersion);
    if (item && item->state == ContentState::Archived)
        return stateConflict(QCoreApplication::translate(
            "ContentRepository", "Bài đã lưu trữ: không thêm hay bỏ được tệp đính kèm; hãy đăng lại trước."));
    return item;
}

// A new version of the item, its feed and audit rows under `action`: the item as it is now.
Result<ContentItem> recordAttachmentChange(const QSqlDatabase& db, const ContentItem& before,
    qint64 expectedVersion, const QString& action, const WriteContext& context)
{
    auto bumped = sql::exec(db,
        QStringLiteral(
            "UPDATE content_item SET version = version + 1, updated_at = ? WHERE id = ? AND version = ?"),
        { sql::timestamp(context.now), before.id, expectedVersion });
    if (!bumped)
        return bumped.error();
    if (bumped->numRowsAffected() != 1)
        return staleVersion();
    auto after = selectItem(db, before.id);
    if (!after)
        return after;
    if (const Status recorded = recordContentChange(db, &before, &*after, action, context); !recorded)
        return recorded.error();
    return after;
}

} // namespace

QString cleanAttachmentName(const QString& name)
{
    const qsizetype slash = std::max(name.lastIndexOf(u'/'), name.lastIndexOf(u'\\'));
    const QString cleaned = text::cleanText(name.mid(slash + 1));
    // Invisible format characters (a right-to-left override) could make "tai-lieu.exe" look like a PDF's
    // name.
    const bool invisible = std::any_of(
        cleaned.begin(), cleaned.end(), [](QChar c) { return c.category() == QChar::Other_Format; });
    return invisible || cleaned.size() > 200 ? QString() : cleaned;
}

Result<ContentItem> ContentRepository::addAttachment(
    qint64 contentId, const NewAttachment& file, qint64 expectedVersion, const WriteContext& context)
{
    const QString name = cleanAttachmentName(file.fileName);
    if (name.isEmpty())
        return Error::invalid(QCoreApplication::translate("ContentRepository", "Tên tệp không hợp lệ."),
            { { QStringLiteral("name"),
                QCoreApplication::translate(
                    "ContentRepository", "Cần tên tệp, dài không quá 200 ký tự, không có ký tự ẩn.") } });
    sql::Transaction transaction(m_db);
    if (const Status begun = transaction.begin(); !begun)
        return begun.error();
    auto item = itemForAttachments(m_db, contentId, expectedVersion);
    if (!item)
        return item;
    if (item->attachments.size() >= kAttachmentsPerItemMax)
        return stateConflict(
            QCoreApplication::translate("ContentRepository", "Mỗi bài có tối đa %1 tệp đính kèm.")
                .arg(kAttachmentsPerItemMax),
            QStringLiteral("attachments"));
    const QString sha256
        = QString::fromLatin1(QCryptographicHash::hash(file.bytes, QCryptographicHash::Sha256).toHex());
    auto inserted = sql::exec(m_db,
        QStringLiteral(
            "INSERT INTO content_attachment (content_id, file_name, media_type, size_bytes, sha256, data, "
            "confirmed_unclassified, uploaded_by, uploaded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"),
        { contentId, name, file.mediaType, static_cast<qint64>(file.bytes.size()), sha256, file.bytes,
            file.confirmedUnclassified, context.actor, sql::timestamp(context.now) });
    if (!inserted)
        return inserted.error();
    return sql::commitWith(transaction,
        recordAttachmentChange(
            m_db, *item, expectedVersion, QStringLiteral("content.attachment_add"), context));
}

Result<ContentItem> ContentRepository::removeAttachment(
    qint64 attachmentId, qint64 expectedVersion, const WriteContext& context)
{
    sql::Transaction transaction(m_db);
    if (const Status begun = transaction.begin(); !begun)
        return begun.error();
    auto owner = sql::exec(
        m_db, QStringLiteral("SELECT content_id FROM content_attachment WHERE id = ?"), { attachmentId });
    if (!owner)
        return owner.error();
    if (!owner->next())
        return Error::notFound(
            QCoreApplication::translate("ContentRepository", "Không tìm thấy tệp đính kèm."));
    const qint64 contentId = owner->value(0).toLongLong();
    owner->finish();
    auto item = itemForAttachments(m_db, contentId, expectedVersion);
    if (!item)
        return item;
    if (auto removed
        = sql::exec(m_db, QStringLiteral("DELETE FROM content_attachment WHERE id = ?"), { attachmentId });
        !removed)
        return removed.error();
    return sql::commitWith(transaction,
        recordAttachmentChange(
            m_db, *item, expectedVersion, QStringLiteral("content.attachment_remove"), context));
}

Result<AttachmentFile> ContentRepository::attachmentFile(qint64 attachmentId, bool withBytes) const
{
    auto query = sql::exec(m_db,
        QStringLiteral(
            "SELECT id, file_name, media_type, size_bytes, sha256, confirmed_unclassified, uploaded_by, "
            "uploaded_at, content_id")
            + (withBytes ? QStringLiteral(", data") : QString())
            + QStringLiteral(" FROM content_attachment WHERE id = ?"),
        { attachmentId });
    if (!query)
        return query.error();
    if (!query->next())
        return Error::notFound(
            QCoreApplication::translate("ContentRepository", "Không tìm thấy tệp đính kèm."));
    AttachmentFile file;
    file.attachment = { query->value(0).toLongLong(), query->value(1).toString(), query->value(2).toString(),
        query->value(3).toLongLong(), query->value(4).toString(), query->value(5).toBool(),
        query->value(6).toString(), readTimestamp(query->value(7)) };
    file.contentId = query->value(8).toLongLong();
    if (withBytes)
        file.bytes = query->value(9).toByteArray();
    return file;
}

} // namespace sotay
