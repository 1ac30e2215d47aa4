// SPDX-License-Identifier: GPL-3.0-or-later
#include "attachment_routes.h"

#include "content/classification_stamp.h"
#include "content/content_json.h"
#include "content_access.h"
#include "store/content_repository.h"

#include <QCoreApplication>
#include <QUrl>

namespace sotay::server {
namespace {

void requireStaff(const ApiRequest& request)
{
    requireRole(request.caller(), { Role::Admin, Role::Officer, Role::Secretary });
}

ApiError badField(const QString& field, const QString& message)
{
    return ApiError::badRequest(message, { { field, message } });
}

std::optional<bool> flag(const QString& text)
{
    if (text == u"true" || text == u"1")
        return true;
    if (text == u"false" || text == u"0")
        return false;
    return std::nullopt;
}

// Checks an upload before anything is written: the caller may change the item, the body is a PDF, PNG, JPEG
// or DOCX within the size limit, and carries no classification stamp (a PDF or DOCX is read for it; an
// image's uploader must confirm that it holds nothing classified). The cheap checks come first.
NewAttachment checkedUpload(const ApiRequest& request, const AttachmentPolicy& policy)
{
    allowQuery(request, { "name", "confirmNoClassified" });
    NewAttachment file;
    file.fileName
        = cleanAttachmentName(request.query.queryItemValue(QStringLiteral("name"), QUrl::FullyDecoded));
    if (file.fileName.isEmpty())
        throw badField(QStringLiteral("name"),
            QCoreApplication::translate("ApiError",
                "Cần tên tệp trong tham số name (không quá 200 ký tự, không có ký tự ẩn), ví dụ "
                "name=Nghi-quyet-45.pdf."));
    const QString confirm = request.query.queryItemValue(QStringLiteral("confirmNoClassified"));
    const std::optional<bool> confirmed = confirm.isEmpty() ? std::optional<bool>(false) : flag(confirm);
    if (!confirmed)
        throw badField(QStringLiteral("confirmNoClassified"),
            QCoreApplication::translate("ApiError", "Cần true hoặc false."));
    file.confirmedUnclassified = *confirmed;

    if (request.body.size() > policy.maxBytes)
        throw ApiError::tooLarge(QCoreApplication::translate("ApiError", "Tệp đính kèm vượt quá %1 MB.")
                                     .arg(static_cast<double>(policy.maxBytes) / (1024.0 * 1024.0)));
    const std::optional<AttachmentType> type = sniffAttachmentType(request.body);
    if (!type)
        throw badField(QStringLiteral("file"),
            QCoreApplication::translate("ApiError",
                "Chỉ nhận tệp PDF, DOCX, PNG hoặc JPEG; nội dung tệp %1 không phải loại nào trong số đó "
                "(loại "
                "tệp được xét theo nội dung, không theo phần đuôi tên).")
                .arg(file.fileName));
    file.mediaType = codeOf(*type);
    file.bytes = request.body;
    if (*type == AttachmentType::Png || *type == AttachmentType::Jpeg) {
        if (!file.confirmedUnclassified)
            throw badField(QStringLiteral("confirmNoClassified"),
                QCoreApplication::translate("ApiError",
                    "Ảnh không có lớp chữ để máy kiểm tra dấu mật: người tải lên cần xác nhận ảnh không chứa "
                    "nội "
                    "dung mật (confirmNoClassified=true). Xác nhận này được ghi vào nhật ký."));
        return file;
    }
    file.confirmedUnclassified = false; // a text layer is checked, not confirmed
    const QString tool = policy.pdfTextTool.isEmpty() ? defaultPdfTextTool() : policy.pdfTextTool;
    auto text = attachmentText(request.body, *type, tool, policy.text);
    if (!text && text.error().code == ErrorCode::Invalid) // the file's fault: damaged, locked, too heavy
        throw badField(QStringLiteral("file"), text.error().message);
    // A PDF's pages are separated by a form feed: a stamp at the top of a page stands on a line of its own.
    const QString lines = orThrow(std::move(text)).replace(u'\f', u'\n');
    if (const auto stamp = content::findClassificationStamp(lines))
        throw badField(QStringLiteral("file"), content::describeStamp(*stamp, file.fileName));
    return file;
}

// The media type of a stored file's type code ("pdf" and the like).
std::string mediaTypeOf(const QString& code)
{
    for (const AttachmentType type :
        { AttachmentType::Pdf, AttachmentType::Png, AttachmentType::Jpeg, AttachmentType::Docx })
        if (codeOf(type) == code)
            return mimeTypeOf(type).toStdString();
    return "application/octet-stream";
}

} // namespace

ApiResponse attachmentResponse(const ApiRequest& request, const AttachmentFile& file)
{
    const std::string etag = '"' + file.attachment.sha256.toStdString() + '"';
    bool unchanged = false;
    for (QString tag : request.header(QStringLiteral("if-none-match")).split(u',')) {
        tag = tag.trimmed();
        if (tag.startsWith(QStringLiteral("W/")))
            tag = tag.mid(2);
        unchanged = unchanged || tag == u"*" || tag == QString::fromStdString(etag);
    }
    // The bytes are read only when they are sent.
    ApiResponse response = ApiResponse::file(unchanged
            ? QByteArray()
            : foundOrNotVisible(ContentRepository(request.db).attachmentFile(file.attachment.id)).bytes,
        mediaTypeOf(file.attachment.mediaType));
    if (unchanged)
        response.status = 304;
    response.headers["ETag"] = etag;
    response.headers["Content-Disposition"] = contentDisposition(file.attachment.fileName);
    return response;
}

std::string contentDisposition(const QString& fileName)
{
    QString ascii;
    for (const QChar c : fileName.normalized(QString::NormalizationForm_D)) {
        if (c.category() == QChar::Mark_NonSpacing)
            continue;
        const QChar plain = c == u'đ' ? u'd' : c == u'Đ' ? u'D' : c;
        const bool safe = (plain >= u'a' && plain <= u'z') || (plain >= u'A' && plain <= u'Z')
            || (plain >= u'0' && plain <= u'9') || plain == u'.' || plain == u'-' || plain == u'_'
            || plain == u' ';
        ascii.append(safe ? plain : QChar(u'_'));
    }
    return "attachment; filename=\"" + ascii.toStdString() + "\"; filename*=UTF-8''"
        + QUrl::toPercentEncoding(fileName).toStdString();
}

void addAttachmentRoutes(Router& router, Services& services, const AttachmentPolicy& policy)
{
    router.addPrepared(
        QStringLiteral("POST"), QStringLiteral("/api/v1/content/{id}/attachments"),
        [&services, policy](const ApiRequest& request) -> Write {
            requireStaff(request);
            const ContentItem item = writableContent(request, pathId(request));
            const qint64 version = expectedVersion(request);
            // Reading a PDF's text takes a process and up to seconds: done before the write's transaction.
            NewAttachment file = checkedUpload(request, policy);
            return [&request, &services, item, version, file = std::move(file)] {
                return ApiResponse::json(
                    toJson(orStaleContent(request, services.clock(),
                               ContentRepository(request.db)
                                   .addAttachment(item.id, file, version, writeContext(request, services)),
                               item.id),
                        services.clock()),
                    201);
            };
        },
        Replay::kept([](const ApiRequest& request, const QJsonObject& answer) {
            requireStaff(request);
            visibleContent(request, answer.value(QStringLiteral("id")).toInteger());
        }));

    router.add(
        QStringLiteral("GET"), QStringLiteral("/api/v1/attachments/{id}"), [](const ApiRequest& request) {
            requireStaff(request);
            allowQuery(request, {});
            const AttachmentFile file
                = foundOrNotVisible(ContentRepository(request.db).attachmentFile(pathId(request), false));
            visibleContent(request, file.contentId);
            return attachmentResponse(request, file);
        });

    router.add(QStringLiteral("DELETE"), QStringLiteral("/api/v1/attachments/{id}"),
        [&services](const ApiRequest& request) {
            requireStaff(request);
            const AttachmentFile file
                = foundOrNotVisible(ContentRepository(request.db).attachmentFile(pathId(request), false));
            const ContentItem item = writableContent(request, file.contentId);
            const qint64 version = expectedVersion(request);
            return ApiResponse::json(toJson(
                orStaleContent(request, services.clock(),
                    ContentRepository(request.db)
                        .removeAttachment(file.attachment.id, version, writeContext(request, services)),
                    item.id),
                services.clock()));
        });
}

} // namespace sotay::server
