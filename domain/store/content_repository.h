// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "content/content_item.h"
#include "core/result.h"
#include "store/write_context.h"

#include <QSqlDatabase>

namespace sotay {

// One page of content, newest first. `scopePath` empty lists everything (an administrator); otherwise the
// items authored inside that subtree, and the items beyond drafts whose audience lies inside it or above it.
struct ContentQuery {
    QString scopePath;
    std::optional<ContentKind> kind;
    std::optional<ContentState> state; // Scheduled and Published are told apart at `now`
    QString text;                      // matched, folded, against the title
    qint64 before = 0;                 // the last id of the previous page; 0 for the first
    qint64 after = 0;                  // with oldestFirst: the last id of the previous page
    bool oldestFirst = false;          // id order (a replica's first download) instead of newest first
    int limit = 50;
    QDateTime now = QDateTime::currentDateTimeUtc();
};

struct ContentPage {
    QList<ContentItem> items;
    qint64 next = 0; // the last id of this page when more follow; 0 on the last page
    QString cursor;  // memberFeed: the opaque cursor of the next page; empty on the last
};

// A file to attach: its name as the uploader gave it (cleaned on writing), its type judged by the bytes.
struct NewAttachment {
    QString fileName;
    QString mediaType; // "pdf", "png", "jpeg" or "docx"
    QByteArray bytes;
    bool confirmedUnclassified = false;
};

// An attachment with its bytes, and the item it belongs to.
struct AttachmentFile {
    ContentAttachment attachment;
    qint64 contentId = 0;
    QByteArray bytes;
};

inline constexpr int kAttachmentsPerItemMax = 20;

// A file's name as it is kept: without any folder put before it, cleaned (NFC, trimmed, single spaces); empty
// when nothing is left, when it is over 200 characters, or when it holds invisible format characters.
QString cleanAttachmentName(const QString& name);

// Published content: news, documents, lessons, meeting topics and guidance. Every write is one transaction
// with its audit row and its change-feed rows: one at the author's unit, and while the item is beyond a
// draft one at each unit of its audience (before and after the change), so that every replica it concerns
// learns of it. Stale versions are a Conflict without fields; a write the item's state does not allow is a
// Conflict naming the field `state` (or `quiz`). Whether the caller may do it is the server's to decide.
class ContentRepository final {
public:
    explicit ContentRepository(const QSqlDatabase& db);

    Result<ContentItem> find(qint64 id) const;
    Result<ContentPage> list(const ContentQuery& query) const;
    // A member's feed: the items published by `now` to the cell at `cellPath` or a unit above it, the latest
    // publication first; `after` is the cursor of the previous page (empty for the first). The page's
    // `cursor` names the next page. The items come without their body and quiz (the item is opened on its
    // own).
    Result<ContentPage> memberFeed(const QString& cellPath, std::optional<ContentKind> kind,
        const QString& after, int limit, const QDateTime& now) const;
    // How many items the query finds on all its pages.
    Result<qint64> count(const ContentQuery& query) const;
    // The earliest publication still to come after `now`, when a published item waits for it (it then joins
    // the feeds); invalid when none does.
    Result<QDateTime> nextPublication(const QDateTime& now) const;

    // A new draft, by item.authorUserId working in item.authorOrgId.
    Result<ContentItem> create(ContentItem item, const WriteContext& context);
    // Changes a draft or a published item (not its kind, nor a published lesson's quiz); not an archived one.
    Result<ContentItem> update(const ContentItem& next, qint64 expectedVersion, const WriteContext& context);
    // Deletes a draft; a published item is archived, not deleted (a Conflict naming `state`).
    Status remove(qint64 id, qint64 expectedVersion, const WriteContext& context);
    // Publishes a draft or an archived item at `publishAt` (now, or later: "scheduled").
    Result<ContentItem> publish(
        qint64 id, const QDateTime& publishAt, qint64 expectedVersion, const WriteContext& context);
    // Takes a published (or scheduled) item out of the members' feeds; staff still read it.
    Result<ContentItem> archive(qint64 id, qint64 expectedVersion, const WriteContext& context);

    // Attachments (content_attachments.cpp). Adding or removing one is a change of the item: a new version,
    // its feed and audit rows. An archived item's attachments do not change. Whether the file may be
    // attached (its type, its size, a stamp in its text) is the caller's to check.
    Result<ContentItem> addAttachment(
        qint64 contentId, const NewAttachment& file, qint64 expectedVersion, const WriteContext& context);
    Result<ContentItem> removeAttachment(
        qint64 attachmentId, qint64 expectedVersion, const WriteContext& context);
    // The attachment, with its bytes only when `withBytes`.
    Result<AttachmentFile> attachmentFile(qint64 attachmentId, bool withBytes = true) const;

private:
    QSqlDatabase m_db;
};

// Inside a merge's or a split's transaction: the items published to `endedUnitId` are published to its
// successors instead (the merge's target, or every part of a split), each with its feed and audit rows.
Status followAudience(const QSqlDatabase& db, qint64 endedUnitId, const QList<qint64>& successorIds,
    const WriteContext& context);

// A replica's copy of an item as the server sent it (its id, state, times and version included), with its
// audience, replacing what the replica held; and its removal. No feed, no audit: the server has both.
Status storeContentCopy(const QSqlDatabase& db, const ContentItem& item);
Status removeContentCopy(const QSqlDatabase& db, qint64 id);

} // namespace sotay
