// SPDX-License-Identifier: GPL-3.0-or-later
// Attachments of published content over HTTP: the type judged by the bytes, the size limit, classification
// stamps found in a PDF's or a DOCX's text, an image's confirmation in the audit log; served with its type,
// its name in UTF-8, an ETag and 304; who may upload, read and remove which file.
#include "store/sql.h"
#include "support/api_checks.h"
#include "support/attachment_samples.h"
#include "support/demo_tree.h"
#include "support/qt_printing.h"
#include "support/running_server.h"
#include "support/test_database.h"

#include <QJsonArray>
#include <QUrl>

#include <boost/test/unit_test.hpp>

using namespace sotay;
using namespace sotay::test;

namespace {

struct World {
    SmallTree t;
    QString admin, officer, secretary, member, farOfficer;
};

World world(const TestDatabase& db, const RunningServer& server)
{
    World w;
    w.t = buildSmallTree(db.db());
    const Member lan = addMember(db.db(), w.t.cell1.id, "Nguyễn", "Thị", "Lan");
    w.admin = server.signInAsAdmin();
    w.officer = server.addUser(
        w.admin, QStringLiteral("canbo.tranbien"), QStringLiteral("officer"), w.t.tranBien.id);
    w.secretary
        = server.addUser(w.admin, QStringLiteral("bithu.chibo1"), QStringLiteral("secretary"), w.t.cell1.id);
    w.member = server.addUser(
        w.admin, QStringLiteral("dangvien.lan"), QStringLiteral("member"), std::nullopt, lan.id);
    w.farOfficer = server.addUser(
        w.admin, QStringLiteral("canbo.phurieng"), QStringLiteral("officer"), w.t.phuRieng.id);
    return w;
}

// The server with the built PDF tool, and `maxBytes` for an attachment (the default when 0).
std::unique_ptr<RunningServer> serverOn(const TestDatabase& db, qint64 maxBytes = 0)
{
    return std::make_unique<RunningServer>(db, 4, [maxBytes](server::ServerConfig& config) {
        config.attachments.pdfTextTool = QStringLiteral(SOTAY_PDF_TEXT_TOOL);
        if (maxBytes > 0)
            config.attachments.maxBytes = maxBytes;
    });
}

QJsonObject draftFor(const RunningServer& server, const QString& token, qint64 unit)
{
    const QJsonObject body { { QStringLiteral("kind"), QStringLiteral("document") },
        { QStringLiteral("title"), QStringLiteral("Nghị quyết về chuyển đổi số") },
        { QStringLiteral("body"), QStringLiteral("Toàn văn trong tệp đính kèm.") },
        { QStringLiteral("docType"), QStringLiteral("resolution") },
        { QStringLiteral("docNumber"), QStringLiteral("45-NQ/TU") },
        { QStringLiteral("issuer"), QStringLiteral("Tỉnh ủy Đồng Nai") },
        { QStringLiteral("issuedOn"), QStringLiteral("2026-10-02") },
        { QStringLiteral("audience"), QJsonArray { unit } } };
    const auto created = server.call("POST", QStringLiteral("/api/v1/content"), token, body);
    BOOST_TEST_REQUIRE(created.status == 201, describe(created));
    return created.json();
}

HttpAnswer upload(const RunningServer& server, const QString& token, qint64 contentId, qint64 version,
    const QString& query, const QByteArray& bytes)
{
    return server.rawCall("POST",
        QStringLiteral("/api/v1/content/%1/attachments?%2").arg(contentId).arg(query), token, bytes,
        ifMatch(version));
}

QString attachmentUrl(qint64 id)
{
    return QStringLiteral("/api/v1/attachments/%1").arg(id);
}

qint64 versionOf(const HttpAnswer& answer)
{
    return answer.json().value(QStringLiteral("version")).toInteger();
}

qint64 lastAttachmentId(const HttpAnswer& answer)
{
    const QJsonArray files = answer.json().value(QStringLiteral("attachments")).toArray();
    return files.isEmpty() ? 0 : files.last().toObject().value(QStringLiteral("id")).toInteger();
}

QString fieldMessage(const HttpAnswer& answer, const QString& field)
{
    return answer.json()
        .value(QStringLiteral("error"))
        .toObject()
        .value(QStringLiteral("fields"))
        .toObject()
        .value(field)
        .toString();
}

} // namespace

BOOST_AUTO_TEST_SUITE(attachment_api_tests)

BOOST_AUTO_TEST_CASE(a_file_is_judged_by_its_bytes_checked_for_stamps_and_served_with_its_name)
{
    for (const auto& db : allTestDatabases()) {
        BOOST_TEST_CONTEXT(db->label().toStdString())
        {
            const auto server = serverOn(*db);
            const World w = world(*db, *server);
            const QJsonObject draft = draftFor(*server, w.officer, w.t.school.id);
            const qint64 id = draft.value(QStringLiteral("id")).toInteger();

            // Refused, each naming the field, and nothing changes: a stamped PDF, a stamp in a DOCX's header,
            // text named .pdf, an image without its uploader's confirmation, no name, no If-Match.
            const RowCounts before = RowCounts::of(db->db());
            const auto stamped = upload(*server, w.officer, id, 1, QStringLiteral("name=Ban-in.pdf"),
                vietnamesePdf(QStringLiteral("TỐI MẬT")));
            BOOST_TEST(stamped.status == 400, describe(stamped));
            BOOST_TEST(fieldMessage(stamped, QStringLiteral("file")).contains(QStringLiteral("Ban-in.pdf")));
            BOOST_TEST(fieldMessage(stamped, QStringLiteral("file")).contains(QStringLiteral("TỐI MẬT")));
            const auto header = upload(*server, w.officer, id, 1, QStringLiteral("name=Cong-van.docx"),
                docxOf(paragraph("Kính gửi các chi bộ."),
                    { { "word/header1.xml", wordPart("hdr", paragraph("MẬT")) } }));
            BOOST_TEST(header.status == 400, describe(header));
            BOOST_TEST(errorFields(header) == QStringList { QStringLiteral("file") });
            const auto spoofed = upload(*server, w.officer, id, 1, QStringLiteral("name=Nghi-quyet.pdf"),
                QByteArray("Day khong phai PDF, chi la chu."));
            BOOST_TEST(spoofed.status == 400);
            BOOST_TEST(errorFields(spoofed) == QStringList { QStringLiteral("file") });
            const auto unconfirmed
                = upload(*server, w.officer, id, 1, QStringLiteral("name=anh.png"), pngBytes());
            BOOST_TEST(unconfirmed.status == 400);
            BOOST_TEST(errorFields(unconfirmed) == QStringList { QStringLiteral("confirmNoClassified") });
            const auto nameless = upload(*server, w.officer, id, 1, QString(), pngBytes());
            BOOST_TEST(nameless.status == 400);
            BOOST_TEST(errorFields(nameless) == QStringList { QStringLiteral("name") });
            const auto unversioned = server->rawCall("POST",
                QStringLiteral("/api/v1/content/%1/attachments?name=a.png&confirmNoClassified=true").arg(id),
                w.officer, pngBytes());
            BOOST_TEST(unversioned.status == 428);
            const auto damaged = upload(*server, w.officer, id, 1, QStringLiteral("name=hong.pdf"),
                QByteArray("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF"));
            BOOST_TEST(damaged.status == 400, describe(damaged));
            BOOST_TEST(errorFields(damaged) == QStringList { QStringLiteral("file") });
            // A stamp alone at the top of the second page.
            const QByteArray secondPage = pdfOf({ "<< /Type /Catalog /Pages 2 0 R >>",
                "<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>", pageObject(5, "/F1 7 0 R"),
                pageObject(6, "/F1 7 0 R"), streamObject("BT /F1 14 Tf 72 760 Td (Trang mot) Tj ET"),
                streamObject("BT /F1 14 Tf 72 760 Td (TOI MAT) Tj ET"), kHelvetica });
            const auto paged
                = upload(*server, w.officer, id, 1, QStringLiteral("name=hai-trang.pdf"), secondPage);
            BOOST_TEST(paged.status == 400, describe(paged));
            BOOST_TEST(fieldMessage(paged, QStringLiteral("file")).contains(QStringLiteral("TOI MAT")));
            // A name hiding its real ending behind a right-to-left override.
            const auto hidden = upload(*server, w.officer, id, 1,
                QStringLiteral("name=anh%E2%80%AEgnp.exe&confirmNoClassified=true"), pngBytes());
            BOOST_TEST(hidden.status == 400);
            BOOST_TEST(errorFields(hidden) == QStringList { QStringLiteral("name") });
            BOOST_TEST((RowCounts::of(db->db()) == before));
            BOOST_TEST(countRows(db->db(), QStringLiteral("content_attachment")) == 0);

            // Accepted: a clean PDF under a Vietnamese name, a DOCX, and an image its uploader vouches for,
            // larger than the 1 MB other bodies may be.
            const QString pdfName = QStringLiteral("Nghị quyết 45-NQ/TU.pdf");
            const QByteArray pdf = vietnamesePdf(QStringLiteral("Nghị quyết về chuyển đổi số"));
            const auto first = upload(*server, w.officer, id, 1,
                QStringLiteral("name=") + QString::fromLatin1(QUrl::toPercentEncoding(pdfName)), pdf);
            BOOST_TEST_REQUIRE(first.status == 201, describe(first));
            BOOST_TEST(versionOf(first) == 2);
            const QJsonObject described
                = first.json().value(QStringLiteral("attachments")).toArray().at(0).toObject();
            BOOST_TEST(described.value(QStringLiteral("fileName")).toString()
                == QStringLiteral("TU.pdf")); // no folders
            BOOST_TEST(described.value(QStringLiteral("mediaType")).toString() == QStringLiteral("pdf"));
            BOOST_TEST(described.value(QStringLiteral("size")).toInteger() == pdf.size());
            // Poco Zip stamps the time: the bytes are made once and compared with what comes back.
            const QByteArray guidance = docxOf(paragraph("Hướng dẫn thực hiện; giữ bí mật mật khẩu."));
            const auto second = upload(*server, w.officer, id, 2,
                QStringLiteral("name=H%C6%B0%E1%BB%9Bng%20d%E1%BA%ABn.docx"), guidance);
            BOOST_TEST_REQUIRE(second.status == 201, describe(second));
            QByteArray bigImage = pngBytes();
            bigImage.append(QByteArray(1536 * 1024, '\0'));
            const auto third = upload(*server, w.officer, id, 3,
                QStringLiteral("name=anh-hoi-nghi.png&confirmNoClassified=true"), bigImage);
            BOOST_TEST_REQUIRE(third.status == 201, describe(third));
            BOOST_TEST(third.json().value(QStringLiteral("attachments")).toArray().size() == 3);
            auto audit = sql::exec(db->db(),
                QStringLiteral("SELECT after_json FROM audit_log WHERE action = 'content.attachment_add' "
                               "ORDER BY id DESC"));
            BOOST_TEST_REQUIRE((audit.ok() && audit->next()));
            BOOST_TEST(audit->value(0).toString().contains(QStringLiteral("\"confirmedUnclassified\":true")));

            // Served as it was sent, with its type, its name and an ETag; the ETag again answers 304.
            const qint64 docx = second.json()
                                    .value(QStringLiteral("attachments"))
                                    .toArray()
                                    .at(1)
                                    .toObject()
                                    .value(QStringLiteral("id"))
                                    .toInteger();
            const auto served = server->rawCall("GET", attachmentUrl(docx), w.officer, {});
            BOOST_TEST_REQUIRE(served.status == 200);
            BOOST_TEST(served.body == guidance);
            BOOST_TEST(served.headers.at("Content-Type")
                == "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
            BOOST_TEST(served.headers.at("Content-Disposition")
                == "attachment; filename=\"Huong dan.docx\"; "
                   "filename*=UTF-8''H%C6%B0%E1%BB%9Bng%20d%E1%BA%ABn.docx");
            const std::string etag = served.headers.at("ETag");
            BOOST_TEST(etag.size() == 66U);
            const auto again
                = server->rawCall("GET", attachmentUrl(docx), w.officer, {}, { { "If-None-Match", etag } });
            BOOST_TEST(again.status == 304);
            BOOST_TEST(again.body.isEmpty());
            BOOST_TEST(again.headers.at("ETag") == etag);
            BOOST_TEST(!served.headers.count("Content-Encoding"));

            // Removed at the item's version; then gone.
            const auto removed = server->rawCall("DELETE", attachmentUrl(docx), w.officer, {}, ifMatch(4));
            BOOST_TEST_REQUIRE(removed.status == 200, describe(removed));
            BOOST_TEST(removed.json().value(QStringLiteral("attachments")).toArray().size() == 2);
            BOOST_TEST(server->rawCall("GET", attachmentUrl(docx), w.officer, {}).status == 404);

            // A repeat of an upload under its key is replayed; the same key with another name is another
            // request (409). A draft goes with its files.
            const QJsonObject other = draftFor(*server, w.officer, w.t.school.id);
            const qint64 otherId = other.value(QStringLiteral("id")).toInteger();
            std::map<std::string, std::string> headers = ifMatch(1);
            headers["Idempotency-Key"] = "upload-key-1";
            const QString path
                = QStringLiteral("/api/v1/content/%1/attachments?confirmNoClassified=true&name=")
                      .arg(otherId);
            const auto once
                = server->rawCall("POST", path + QStringLiteral("a.png"), w.officer, pngBytes(), headers);
            BOOST_TEST_REQUIRE(once.status == 201, describe(once));
            const auto twice
                = server->rawCall("POST", path + QStringLiteral("a.png"), w.officer, pngBytes(), headers);
            BOOST_TEST(twice.status == 201);
            BOOST_TEST(twice.body == once.body);
            const auto renamed
                = server->rawCall("POST", path + QStringLiteral("b.png"), w.officer, pngBytes(), headers);
            BOOST_TEST(renamed.status == 409, describe(renamed));
            const auto dropped = server->call(
                "DELETE", QStringLiteral("/api/v1/content/%1").arg(otherId), w.officer, {}, ifMatch(2));
            BOOST_TEST(dropped.status == 204, describe(dropped));
            BOOST_TEST(
                server->rawCall("GET", attachmentUrl(lastAttachmentId(once)), w.officer, {}).status == 404);
        }
    }
}

BOOST_AUTO_TEST_CASE(the_size_limit_is_a_server_option_and_an_archived_item_keeps_its_files)
{
    const auto db = TestDatabase::sqlite();
    const auto server = serverOn(*db, 4096);
    const World w = world(*db, *server);
    const QJsonObject draft = draftFor(*server, w.officer, w.t.school.id);
    const qint64 id = draft.value(QStringLiteral("id")).toInteger();
    QByteArray image = pngBytes();
    image.append(QByteArray(8192, '\0'));
    const auto big
        = upload(*server, w.officer, id, 1, QStringLiteral("name=a.png&confirmNoClassified=true"), image);
    BOOST_TEST(big.status == 413, describe(big));
    BOOST_TEST(errorCode(big) == QStringLiteral("too_large"));
    // Over the 1 MB of ordinary bodies, a body elsewhere is refused before it is read.
    const auto elsewhere
        = server->rawCall("POST", QStringLiteral("/api/v1/content"), w.officer, QByteArray(2 << 20, ' '));
    BOOST_TEST(elsewhere.status == 413);

    const auto one = upload(
        *server, w.officer, id, 1, QStringLiteral("name=a.png&confirmNoClassified=true"), pngBytes());
    BOOST_TEST_REQUIRE(one.status == 201, describe(one));
    const auto published = server->call(
        "POST", QStringLiteral("/api/v1/content/%1/publish").arg(id), w.officer, {}, ifMatch(2));
    BOOST_TEST_REQUIRE(published.status == 200);
    const auto archived = server->call(
        "POST", QStringLiteral("/api/v1/content/%1/archive").arg(id), w.officer, {}, ifMatch(3));
    BOOST_TEST_REQUIRE(archived.status == 200);
    const auto late = upload(
        *server, w.officer, id, 4, QStringLiteral("name=b.png&confirmNoClassified=true"), pngBytes());
    BOOST_TEST(late.status == 409);
    BOOST_TEST(errorFields(late) == QStringList { QStringLiteral("state") });
    BOOST_TEST(
        server->rawCall("DELETE", attachmentUrl(lastAttachmentId(one)), w.officer, {}, ifMatch(4)).status
        == 409);
}

BOOST_AUTO_TEST_CASE(each_role_reaches_exactly_the_files_it_may_and_the_rest_looks_missing)
{
    for (const auto& db : allTestDatabases()) {
        BOOST_TEST_CONTEXT(db->label().toStdString())
        {
            const auto server = serverOn(*db);
            const World w = world(*db, *server);
            const QJsonObject draft = draftFor(*server, w.officer, w.t.school.id);
            const qint64 id = draft.value(QStringLiteral("id")).toInteger();
            const auto added = upload(
                *server, w.officer, id, 1, QStringLiteral("name=a.png&confirmNoClassified=true"), pngBytes());
            BOOST_TEST_REQUIRE(added.status == 201);
            const qint64 file = lastAttachmentId(added);
            const qint64 missing = 999999;

            // A draft's file: its author's scope only. Outside it, 404 exactly as a missing file.
            const auto absent = server->rawCall("GET", attachmentUrl(missing), w.officer, {});
            BOOST_TEST(absent.status == 404);
            for (const QString& token : { w.farOfficer, w.secretary }) {
                const auto answer = server->rawCall("GET", attachmentUrl(file), token, {});
                BOOST_TEST(answer.status == 404);
                BOOST_TEST(answer.body == absent.body);
            }
            BOOST_TEST(server->rawCall("GET", attachmentUrl(file), w.member, {}).status == 403);
            BOOST_TEST(server->rawCall("GET", attachmentUrl(file), {}, {}).status == 401);
            BOOST_TEST(server->rawCall("GET", attachmentUrl(file), w.admin, {}).status == 200);

            // Published to the school: cell 1's secretary reads the file but neither adds nor removes one;
            // the far commune still sees nothing. No refusal changes anything.
            BOOST_TEST_REQUIRE(server
                                   ->call("POST", QStringLiteral("/api/v1/content/%1/publish").arg(id),
                                       w.officer, {}, ifMatch(2))
                                   .status
                == 200);
            BOOST_TEST(server->rawCall("GET", attachmentUrl(file), w.secretary, {}).status == 200);
            const RowCounts before = RowCounts::of(db->db());
            BOOST_TEST(upload(*server, w.secretary, id, 3,
                           QStringLiteral("name=b.png&confirmNoClassified=true"), pngBytes())
                           .status
                == 403);
            BOOST_TEST(
                server->rawCall("DELETE", attachmentUrl(file), w.secretary, {}, ifMatch(3)).status == 403);
            BOOST_TEST(upload(*server, w.farOfficer, id, 3,
                           QStringLiteral("name=b.png&confirmNoClassified=true"), pngBytes())
                           .status
                == 404);
            const auto farDelete
                = server->rawCall("DELETE", attachmentUrl(file), w.farOfficer, {}, ifMatch(3));
            BOOST_TEST(farDelete.status == 404);
            BOOST_TEST(farDelete.body
                == server->rawCall("DELETE", attachmentUrl(missing), w.farOfficer, {}, ifMatch(3)).body);
            BOOST_TEST(upload(*server, w.member, id, 3, QStringLiteral("name=b.png&confirmNoClassified=true"),
                           pngBytes())
                           .status
                == 403);
            BOOST_TEST(upload(*server, w.officer, missing, 3,
                           QStringLiteral("name=b.png&confirmNoClassified=true"), pngBytes())
                           .status
                == 404);
            BOOST_TEST((RowCounts::of(db->db()) == before));
            BOOST_TEST(server->rawCall("GET", attachmentUrl(file), w.farOfficer, {}).status == 404);
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()
