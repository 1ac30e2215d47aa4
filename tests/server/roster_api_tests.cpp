// SPDX-License-Identifier: GPL-3.0-or-later
// Rosters served from what the server keeps between requests (the order of a roster, members' JSON) are
// the same, byte for byte, as rosters read afresh, whatever was done in between: two servers on one
// database, one keeping and one not, answer every roster page alike after each step of a random sequence
// of operations.
#include "support/api_checks.h"
#include "support/demo_tree.h"
#include "support/qt_printing.h"
#include "support/running_server.h"
#include "support/test_database.h"

#include <QJsonArray>
#include <QUrl>

#include <boost/test/unit_test.hpp>

#include <random>

using namespace sotay;
using namespace sotay::test;

namespace {

QString rosterUrl(qint64 org, const QString& more)
{
    return QStringLiteral("/api/v1/members?org=%1%2").arg(org).arg(more);
}

// Every page of a roster, `limit` rows at a time, as the server sent them.
QList<QByteArray> pages(const RunningServer& server, const QString& token, qint64 org, const QString& filter)
{
    QList<QByteArray> bodies;
    QString after;
    for (int page = 0; page < 50; ++page) {
        QString more = filter;
        if (!after.isEmpty())
            more += QStringLiteral("&after=") + QString::fromLatin1(QUrl::toPercentEncoding(after));
        const auto answer = server.call("GET", rosterUrl(org, more), token);
        BOOST_TEST_REQUIRE(answer.status == 200, describe(answer));
        bodies.append(answer.body);
        after = answer.json().value(QStringLiteral("next")).toString();
        if (after.isEmpty())
            break;
    }
    return bodies;
}

} // namespace

BOOST_AUTO_TEST_SUITE(roster_api_tests)

BOOST_AUTO_TEST_CASE(kept_rosters_answer_like_fresh_ones_after_every_operation)
{
    for (const auto& db : allTestDatabases()) {
        BOOST_TEST_CONTEXT(db->label().toStdString())
        {
            const SmallTree t = buildSmallTree(db->db());
            QList<qint64> members;
            const QStringList given { QStringLiteral("An"), QStringLiteral("Ánh"), QStringLiteral("Bình"),
                QStringLiteral("Đức"), QStringLiteral("Hà"), QStringLiteral("Yến") };
            for (int i = 0; i < 12; ++i) {
                const qint64 cell = i % 3 == 0 ? t.cell1.id : i % 3 == 1 ? t.cell2.id : t.rubberCell.id;
                members.append(addMember(
                    db->db(), cell, "Nguyễn", i % 2 ? "Thị" : "Văn", given[i % 6].toUtf8().constData())
                                   .id);
            }
            RunningServer keeping(*db);
            RunningServer fresh(*db, 4, false);
            const QString admin = keeping.signInAsAdmin(); // sessions live in the database: valid on both
            const QString officer = keeping.addUser(
                admin, QStringLiteral("canbo.tranbien"), QStringLiteral("officer"), t.tranBien.id);

            struct Roster {
                qint64 org;
                QString filter;
                const QString* token;
            };
            const QList<Roster> rosters { { t.province.id, QStringLiteral("&subtree=true&limit=3"), &admin },
                { t.province.id, QStringLiteral("&subtree=true&limit=500&includeLeft=true"), &admin },
                { t.tranBien.id, QStringLiteral("&subtree=true&limit=2"), &officer },
                { t.school.id, QStringLiteral("&subtree=true&status=official&limit=4"), &officer },
                { t.cell1.id, QStringLiteral("&limit=1"), &admin },
                { t.cell2.id, QStringLiteral("&limit=50"), &officer },
                { t.rubberCell.id, QStringLiteral(""), &admin },
                // Searches filter the kept order: folded names anywhere in them, card numbers by their start.
                { t.province.id, QStringLiteral("&subtree=true&q=Nguy%E1%BB%85n%20th&limit=2"), &admin },
                { t.tranBien.id, QStringLiteral("&subtree=true&q=anh&limit=1"), &officer },
                { t.province.id, QStringLiteral("&subtree=true&q=moi&limit=3&includeLeft=true"), &admin },
                { t.school.id, QStringLiteral("&subtree=true&q=%C4%90%E1%BB%A9c&limit=50"), &officer },
                { t.province.id, QStringLiteral("&subtree=true&q=01.0001&limit=2"), &admin },
                { t.cell1.id, QStringLiteral("&q=zzz"), &admin } };
            const auto compare = [&](const std::string& step) {
                for (const auto& roster : rosters) {
                    const auto kept = pages(keeping, *roster.token, roster.org, roster.filter);
                    const auto read = pages(fresh, *roster.token, roster.org, roster.filter);
                    BOOST_TEST((kept == read),
                        step << ": roster of " << roster.org << roster.filter.toStdString() << " differs");
                }
            };
            compare("start");

            std::mt19937 random(20261128);
            const QList<qint64> cells { t.cell1.id, t.cell2.id, t.rubberCell.id };
            int created = 0;
            for (int step = 0; step < 40; ++step) {
                const qint64 member
                    = members[static_cast<qsizetype>(random() % static_cast<unsigned>(members.size()))];
                const qint64 cell = cells[static_cast<qsizetype>(random() % 3)];
                std::string what;
                HttpAnswer answer;
                switch (random() % 5) {
                case 0: {
                    what = "create";
                    answer = keeping.call("POST", QStringLiteral("/api/v1/members"), admin,
                        newMemberJson(cell, QStringLiteral("Lê"), QStringLiteral("Hoàng"),
                            QStringLiteral("Mới%1").arg(++created)));
                    if (answer.status == 201)
                        members.append(answer.json().value(QStringLiteral("id")).toInteger());
                    break;
                }
                case 1: {
                    what = "rename";
                    const auto current = keeping.call("GET", memberUrl(member), admin);
                    answer = keeping.call("PATCH", memberUrl(member), admin,
                        { { QStringLiteral("givenName"), given[static_cast<qsizetype>(random() % 6)] } },
                        ifMatch(current.json().value(QStringLiteral("version")).toInteger()));
                    break;
                }
                case 2:
                    what = "transfer";
                    answer = keeping.call("POST", memberUrl(member, "/events"), admin,
                        { { QStringLiteral("type"), QStringLiteral("transfer_out") },
                            { QStringLiteral("occurredOn"), QStringLiteral("2026-11-12") },
                            { QStringLiteral("toOrgUnitId"), cell }, { QStringLiteral("permanent"), true },
                            { QStringLiteral("decisionNumber"), QStringLiteral("120-QĐ/ĐU") } });
                    break;
                case 3:
                    what = "deceased";
                    answer = keeping.call("POST", memberUrl(member, "/events"), admin,
                        { { QStringLiteral("type"), QStringLiteral("deceased") },
                            { QStringLiteral("occurredOn"), QStringLiteral("2026-11-20") } });
                    break;
                default: {
                    what = "move a cell";
                    const qint64 parent = random() % 2 ? t.school.id : t.phuRieng.id;
                    answer = keeping.call("POST", orgUrl(cell, "/move"), admin,
                        withDecision({ { QStringLiteral("parentId"), parent } }));
                    break;
                }
                }
                // Refusals (a dead member's transfer, a move to where the cell is) are part of the sequence.
                BOOST_TEST(answer.status < 500, what << ": " << describe(answer));
                compare("step " + std::to_string(step) + " (" + what + ", " + std::to_string(answer.status)
                    + ")");
            }
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()
