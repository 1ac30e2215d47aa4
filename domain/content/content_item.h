// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDate>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace sotay {

// The five kinds of published content (see the glossary).
enum class ContentKind {
    News,     // tin tức, thời sự
    Document, // văn bản: nghị quyết, chỉ thị, quy định, kết luận, hướng dẫn, thông báo
    Lesson,   // bài học, chuyên đề học tập, with an optional quiz
    MeetingTopic, // chuyên đề sinh hoạt chi bộ of a month
    Guidance,     // hỏi đáp nghiệp vụ: a question (the title), its answer (the body) and a category
};

enum class DocType { Resolution, Directive, Regulation, Conclusion, Guidance, Notice };

// Draft, published and archived are set by officers; Scheduled is a published item whose publish time has
// not come, computed when read.
enum class ContentState { Draft, Scheduled, Published, Archived };

// A multiple-choice question: one or several right answers among its options.
struct QuizQuestion {
    QString text;
    QStringList options;
    QList<int> correct; // indexes into options, ascending
    friend bool operator==(const QuizQuestion&, const QuizQuestion&) = default;
};

struct Quiz {
    QList<QuizQuestion> questions;
    int passPercent = 0; // the share of questions answered exactly right that passes
    friend bool operator==(const Quiz&, const Quiz&) = default;
};

// tệp đính kèm: a file attached to an item, as lists show it (its bytes are read on their own).
struct ContentAttachment {
    qint64 id = 0;
    QString fileName;
    QString mediaType; // "pdf", "png", "jpeg" or "docx", judged by the bytes
    qint64 size = 0;
    QString sha256;                     // hex, the file's ETag
    bool confirmedUnclassified = false; // an image: its uploader confirmed that it holds nothing classified
    QString uploadedBy;
    QDateTime uploadedAt;
    friend bool operator==(const ContentAttachment&, const ContentAttachment&) = default;
};

// nội dung: one item of published content, with the units it is published to.
struct ContentItem {
    qint64 id = 0;
    ContentKind kind = ContentKind::News;
    QString title;
    QString body; // the small markup of content/content_markup.h
    QString summary;
    // Documents only.
    std::optional<DocType> docType;
    QString docNumber; // as printed, e.g. "45-NQ/TU"
    QString issuer;
    QDate issuedOn;
    QString topicMonth;                       // meeting topics only: "yyyy-MM"
    QString category;                         // guidance only
    std::optional<Quiz> quiz;                 // lessons only
    ContentState state = ContentState::Draft; // as stored: never Scheduled
    QDateTime publishAt;                      // set from the first publication on
    qint64 authorUserId = 0;
    QString authorName;                   // the author's user name, read with the item
    std::optional<qint64> authorOrgId;    // the unit the author worked in (the province for an administrator)
    QList<qint64> audience;               // unit ids, each meaning its whole subtree
    QList<ContentAttachment> attachments; // read with the item; written through their own calls
    QDateTime createdAt;
    QDateTime updatedAt;
    qint64 version = 0;

    // Read with the item, never written: where the author's unit and the active audience units stand now.
    QString authorOrgPath;
    QStringList audiencePaths;

    ContentState stateAt(const QDateTime& now) const;
};

QString toCode(ContentKind kind);
std::optional<ContentKind> contentKindFromCode(const QString& code);
QString toCode(DocType type);
std::optional<DocType> docTypeFromCode(const QString& code);
QString toCode(ContentState state);
std::optional<ContentState> contentStateFromCode(const QString& code);

QString contentKindLabel(ContentKind kind);
QString docTypeLabel(DocType type);
QString contentStateLabel(ContentState state);

} // namespace sotay
