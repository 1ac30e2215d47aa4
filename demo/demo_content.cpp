// SPDX-License-Identifier: GPL-3.0-or-later
#include "demo_content.h"

#include <QTimeZone>

#include <array>

namespace sotay::demo {
namespace {

// The learning themes of a year, in order; each gives a month's lesson and the meeting topic of a month.
struct Theme {
    const char* title;
    const char* focus;
};
const std::array<Theme, 12> kThemes { {
    { "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
        "nêu gương, trách nhiệm người đứng đầu" },
    { "Quán triệt Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIV của Đảng", "các nhiệm vụ trọng tâm" },
    { "Nghị quyết Đại hội Đảng bộ tỉnh Đồng Nai lần thứ I, nhiệm kỳ 2025–2030", "các đột phá chiến lược" },
    { "Chính quyền địa phương hai cấp: tổ chức và vận hành", "phục vụ người dân ở cấp xã" },
    { "Chuyển đổi số trong công tác đảng", "sổ tay đảng viên điện tử và dịch vụ công trực tuyến" },
    { "Xây dựng, chỉnh đốn Đảng và hệ thống chính trị", "tự phê bình và phê bình" },
    { "Bảo vệ nền tảng tư tưởng của Đảng", "đấu tranh phản bác quan điểm sai trái trên mạng xã hội" },
    { "Thực hành tiết kiệm, chống lãng phí", "quản lý tài sản công" },
    { "Phòng, chống tham nhũng, tiêu cực", "kiểm soát quyền lực" },
    { "Nâng cao chất lượng sinh hoạt chi bộ", "nội dung, hình thức sinh hoạt" },
    { "Công tác dân vận của Đảng trong tình hình mới",
        "dân biết, dân bàn, dân làm, dân kiểm tra, dân giám sát" },
    { "Bảo vệ môi trường và ứng phó biến đổi khí hậu", "trách nhiệm của đảng viên nơi cư trú" },
} };

const std::array<const char*, 6> kNews { {
    "Ban Chấp hành Đảng bộ tỉnh họp phiên thường kỳ tháng %1",
    "Tỉnh ủy sơ kết công tác xây dựng Đảng tháng %1",
    "Trao Huy hiệu Đảng đợt %1 cho đảng viên lão thành",
    "Kết quả thực hiện chính quyền địa phương hai cấp tháng %1",
    "Hội nghị báo cáo viên Tỉnh ủy tháng %1",
    "Gương đảng viên tiêu biểu trong phong trào thi đua tháng %1",
} };

struct DocumentSpec {
    DocType type;
    const char* suffix;
    const char* title;
};
const std::array<DocumentSpec, 4> kDocuments { {
    { DocType::Resolution, "NQ/TU", "Nghị quyết của Ban Thường vụ Tỉnh ủy về %1" },
    { DocType::Directive, "CT/TU", "Chỉ thị của Ban Thường vụ Tỉnh ủy về tăng cường %1" },
    { DocType::Conclusion, "KL/TU", "Kết luận của Ban Thường vụ Tỉnh ủy về %1" },
    { DocType::Regulation, "QĐi/TU", "Quy định về %1" },
} };

QString text(const char* utf8)
{
    return QString::fromUtf8(utf8);
}

QDateTime inVietnam(QDate day, int hour, int minute)
{
    return QDateTime(day, QTime(hour, minute), QTimeZone(7 * 3600));
}

Quiz quizOf(const Theme& theme)
{
    const QString title = text(theme.title);
    const QString focus = text(theme.focus);
    Quiz quiz;
    quiz.passPercent = 80;
    quiz.questions = {
        { QStringLiteral("Chuyên đề tháng này có tên là gì?"),
            { title, QStringLiteral("Công tác thi đua, khen thưởng"),
                QStringLiteral("Công tác văn thư, lưu trữ"), QStringLiteral("Công tác tài chính đảng") },
            { 0 } },
        { QStringLiteral("Trọng tâm của chuyên đề là gì?"),
            { QStringLiteral("Tổ chức lễ hội"), focus, QStringLiteral("Quy hoạch giao thông"),
                QStringLiteral("Quản lý thị trường") },
            { 1 } },
        { QStringLiteral("Ai có trách nhiệm học tập chuyên đề?"),
            { QStringLiteral("Chỉ cấp ủy viên"), QStringLiteral("Chỉ đảng viên chính thức"),
                QStringLiteral("Mọi đảng viên, kể cả đảng viên dự bị") },
            { 2 } },
        { QStringLiteral("Chi bộ vận dụng chuyên đề bằng những cách nào? (chọn các ý đúng)"),
            { QStringLiteral("Thảo luận trong buổi sinh hoạt chi bộ"),
                QStringLiteral("Đăng ký việc làm cụ thể của từng đảng viên"),
                QStringLiteral("Chỉ phổ biến trên bảng tin"), QStringLiteral("Không cần kiểm tra kết quả") },
            { 0, 1 } },
        { QStringLiteral("Sau khi học, đảng viên cần làm gì?"),
            { QStringLiteral("Xây dựng kế hoạch làm theo và báo cáo chi bộ"),
                QStringLiteral("Nộp bài thu hoạch cho cấp trên là đủ"),
                QStringLiteral("Không cần làm gì thêm") },
            { 0 } },
    };
    return quiz;
}

ContentItem draft(ContentKind kind, const QString& title, const QString& body, qint64 rootId)
{
    ContentItem item;
    item.kind = kind;
    item.title = title;
    item.body = body;
    item.audience = { rootId };
    return item;
}

} // namespace

QList<PlannedContent> plannedContent(qint64 rootId, QDate from, const QDateTime& until)
{
    QList<PlannedContent> planned;
    const auto add = [&](ContentItem item, const QDateTime& at) {
        if (at.date() >= from && at <= until)
            planned.append({ std::move(item), at });
    };
    int documentNumber = 40;
    const QDate untilDay = until.toTimeZone(QTimeZone(7 * 3600)).date();
    for (QDate month(from.year(), from.month(), 1); month <= untilDay; month = month.addMonths(1)) {
        const QString monthText = month.toString(QStringLiteral("M/yyyy"));
        const Theme& theme = kThemes.at(static_cast<std::size_t>(month.month() - 1));
        const Theme& next = kThemes.at(static_cast<std::size_t>(month.addMonths(1).month() - 1));
        for (int i = 0; i < 3; ++i) {
            const char* headline = kNews.at(static_cast<std::size_t>(month.month() + i * 2) % kNews.size());
            add(draft(ContentKind::News, text(headline).arg(monthText),
                    QStringLiteral("Tin từ Ban Tuyên giáo và Dân vận Tỉnh ủy.\n\n%1.")
                        .arg(text(headline).arg(monthText)),
                    rootId),
                inVietnam(month.addDays(qint64 { i } * 10), 7, 30));
        }
        ContentItem lesson = draft(ContentKind::Lesson,
            QStringLiteral("Chuyên đề tháng %1: %2").arg(monthText, text(theme.title)),
            QStringLiteral("## %1\n\nTrọng tâm: **%2**.\n\n- Đọc kỹ tài liệu của chuyên đề.\n- Liên hệ với "
                           "nhiệm vụ của bản thân và của chi bộ.\n- Làm bài kiểm tra cuối chuyên đề.")
                .arg(text(theme.title), text(theme.focus)),
            rootId);
        lesson.quiz = quizOf(theme);
        add(lesson, inVietnam(month.addDays(1), 8, 0));
        ContentItem topic = draft(ContentKind::MeetingTopic,
            QStringLiteral("Chuyên đề sinh hoạt chi bộ tháng %1: %2")
                .arg(month.addMonths(1).toString(QStringLiteral("M/yyyy")), text(next.title)),
            QStringLiteral("Gợi ý nội dung sinh hoạt: %1.").arg(text(next.focus)), rootId);
        topic.topicMonth = month.addMonths(1).toString(QStringLiteral("yyyy-MM"));
        add(topic, inVietnam(month.addDays(4), 8, 0));
        const DocumentSpec& spec = kDocuments.at(static_cast<std::size_t>(month.month()) % kDocuments.size());
        ContentItem document = draft(ContentKind::Document, text(spec.title).arg(text(theme.focus)),
            QStringLiteral("Văn bản gửi các chi bộ để quán triệt và tổ chức thực hiện."), rootId);
        document.docType = spec.type;
        document.docNumber = QStringLiteral("%1-%2").arg(++documentNumber).arg(text(spec.suffix));
        document.issuer = QStringLiteral("Tỉnh ủy Đồng Nai");
        document.issuedOn = month.addDays(5);
        document.summary = QStringLiteral("Về %1.").arg(text(theme.focus));
        add(document, inVietnam(month.addDays(7), 9, 0));
        if (month.month() % 3 == 0) {
            ContentItem guidance = draft(ContentKind::Guidance,
                QStringLiteral("Quên mật khẩu sổ tay đảng viên điện tử thì làm thế nào?"),
                QStringLiteral(
                    "Đồng chí báo với bí thư chi bộ hoặc văn phòng đảng ủy xã, phường để được đặt lại "
                    "mật khẩu; sau khi đăng nhập bằng mật khẩu tạm, đồng chí đổi sang mật khẩu của mình."),
                rootId);
            guidance.category = QStringLiteral("Sử dụng sổ tay");
            add(guidance, inVietnam(month.addDays(14), 9, 0));
        }
    }
    std::sort(planned.begin(), planned.end(),
        [](const PlannedContent& a, const PlannedContent& b) { return a.publishAt < b.publishAt; });
    return planned;
}

} // namespace sotay::demo
