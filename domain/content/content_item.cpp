// SPDX-License-Identifier: GPL-3.0-or-later
#include "content/content_item.h"

#include "core/code_table.h"

#include <QCoreApplication>

namespace sotay {
namespace {

constexpr std::array kKindCodes {
    std::pair { ContentKind::News, "news" },
    std::pair { ContentKind::Document, "document" },
    std::pair { ContentKind::Lesson, "lesson" },
    std::pair { ContentKind::MeetingTopic, "meeting_topic" },
    std::pair { ContentKind::Guidance, "guidance" },
};

constexpr std::array kDocTypeCodes {
    std::pair { DocType::Resolution, "resolution" },
    std::pair { DocType::Directive, "directive" },
    std::pair { DocType::Regulation, "regulation" },
    std::pair { DocType::Conclusion, "conclusion" },
    std::pair { DocType::Guidance, "guidance" },
    std::pair { DocType::Notice, "notice" },
};

constexpr std::array kStateCodes {
    std::pair { ContentState::Draft, "draft" },
    std::pair { ContentState::Scheduled, "scheduled" },
    std::pair { ContentState::Published, "published" },
    std::pair { ContentState::Archived, "archived" },
};

} // namespace

ContentState ContentItem::stateAt(const QDateTime& now) const
{
    if (state == ContentState::Published && publishAt.isValid() && publishAt > now)
        return ContentState::Scheduled;
    return state;
}

QString toCode(ContentKind kind)
{
    return codeOf(kKindCodes, kind);
}
std::optional<ContentKind> contentKindFromCode(const QString& code)
{
    return valueOf(kKindCodes, code);
}
QString toCode(DocType type)
{
    return codeOf(kDocTypeCodes, type);
}
std::optional<DocType> docTypeFromCode(const QString& code)
{
    return valueOf(kDocTypeCodes, code);
}
QString toCode(ContentState state)
{
    return codeOf(kStateCodes, state);
}
std::optional<ContentState> contentStateFromCode(const QString& code)
{
    return valueOf(kStateCodes, code);
}

QString contentKindLabel(ContentKind kind)
{
    switch (kind) {
    case ContentKind::News:
        return QCoreApplication::translate("ContentKind", "Tin tức");
    case ContentKind::Document:
        return QCoreApplication::translate("ContentKind", "Văn bản");
    case ContentKind::Lesson:
        return QCoreApplication::translate("ContentKind", "Bài học");
    case ContentKind::MeetingTopic:
        return QCoreApplication::translate("ContentKind", "Chuyên đề sinh hoạt chi bộ");
    case ContentKind::Guidance:
        return QCoreApplication::translate("ContentKind", "Hỏi đáp nghiệp vụ");
    }
    return {};
}

QString docTypeLabel(DocType type)
{
    switch (type) {
    case DocType::Resolution:
        return QCoreApplication::translate("DocType", "Nghị quyết");
    case DocType::Directive:
        return QCoreApplication::translate("DocType", "Chỉ thị");
    case DocType::Regulation:
        return QCoreApplication::translate("DocType", "Quy định");
    case DocType::Conclusion:
        return QCoreApplication::translate("DocType", "Kết luận");
    case DocType::Guidance:
        return QCoreApplication::translate("DocType", "Hướng dẫn");
    case DocType::Notice:
        return QCoreApplication::translate("DocType", "Thông báo");
    }
    return {};
}

QString contentStateLabel(ContentState state)
{
    switch (state) {
    case ContentState::Draft:
        return QCoreApplication::translate("ContentState", "Bản nháp");
    case ContentState::Scheduled:
        return QCoreApplication::translate("ContentState", "Hẹn giờ đăng");
    case ContentState::Published:
        return QCoreApplication::translate("ContentState", "Đã đăng");
    case ContentState::Archived:
        return QCoreApplication::translate("ContentState", "Đã lưu trữ");
    }
    return {};
}

} // namespace sotay
