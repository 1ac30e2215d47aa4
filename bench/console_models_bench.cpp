// SPDX-License-Identifier: GPL-3.0-or-later
// The console's models on a large province: loading the organisation tree and a whole-province roster,
// searching the tree, and filtering the roster keystroke by keystroke, with the memory they hold; then the
// same roster on a sealed copy of the file (issue 11 §1), side by side: sealing it once, reading it with the
// sensitive fields opened, and typing a citizen id in the search.
//   sotay-console-models-bench DATABASE_FILE [MEMBERS]
// The file is seeded with the demo province (MEMBERS, default 200,000) when it does not exist yet.
#include "demo_province.h"
#include "org_tree_model.h"
#include "org_tree_panel.h"
#include "replica.h"
#include "roster_model.h"
#include "store/database.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QTextStream>

#include <algorithm>
#include <vector>

using namespace sotay;
using namespace sotay::widgets;

namespace {

qint64 residentKilobytes()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray& line : status.readAll().split('\n'))
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    return -1;
}

// Every row the filtered tree shows once expanded, as the panel's expandAll() makes the view ask for them.
int shownRows(const QAbstractItemModel& model, const QModelIndex& parent = {})
{
    int rows = model.rowCount(parent);
    for (int row = 0, count = rows; row < count; ++row)
        rows += shownRows(model, model.index(row, 0, parent));
    return rows;
}

double milliseconds(const QElapsedTimer& timer)
{
    return static_cast<double>(timer.nsecsElapsed()) / 1e6;
}

} // namespace

int main(int argc, char* argv[])
{
    QApplication application(argc, argv);
    QTextStream out(stdout);
    const QStringList arguments = QApplication::arguments();
    if (arguments.size() < 2) {
        out << "usage: sotay-console-models-bench DATABASE_FILE [MEMBERS]\n";
        return 2;
    }
    const QString& file = arguments.at(1);
    const int members = arguments.size() > 2 ? arguments.at(2).toInt() : 200000;
    const bool seed = !QFileInfo::exists(file);
    auto db = openAndMigrate(DatabaseConfig::sqlite(file, false), QStringLiteral("bench"));
    if (!db) {
        out << db.error().message << '\n';
        return 1;
    }
    if (seed) {
        DemoOptions options;
        options.members = members;
        const auto context
            = WriteContext::at(QStringLiteral("bench"), QDateTime(QDate(2026, 11, 25), QTime(3, 0), Qt::UTC));
        auto seeded = seedDemoProvince(*db, options, context);
        if (!seeded) {
            out << seeded.error().message << '\n';
            return 1;
        }
    }

    const qint64 before = residentKilobytes();
    OrgTreeModel tree;
    QElapsedTimer timer;
    timer.start();
    if (const Status loaded = tree.load(*db); !loaded) {
        out << loaded.error().message << '\n';
        return 1;
    }
    const double treeLoad = milliseconds(timer);
    RosterModel roster;
    const qint64 root = tree.index(0, 0).data(OrgTreeModel::UnitIdRole).toLongLong();
    timer.restart();
    if (const Status loaded = roster.load(*db, root, true); !loaded) {
        out << loaded.error().message << '\n';
        return 1;
    }
    const double rosterLoad = milliseconds(timer);
    const qint64 after = residentKilobytes();

    OrgTreeFilter filter;
    filter.setSourceModel(&tree);
    QStringList treeTimes;
    for (const QString& query : { QStringLiteral("xuan loc"), QStringLiteral("chi bo 1"),
             QStringLiteral("cao su"), QStringLiteral("26425"), QString() }) {
        timer.restart();
        filter.setSearchText(query);
        const int rows = shownRows(filter);
        treeTimes.append(QStringLiteral("\"%1\" %2 ms (%3 units shown)")
                             .arg(query)
                             .arg(milliseconds(timer), 0, 'f', 1)
                             .arg(rows));
    }

    // The keystrokes of a search typed in the roster's box, each a new filter over every row.
    const QString typed = QStringLiteral("nguyen thi hoa");
    std::vector<double> keystrokes;
    for (qsizetype length = 1; length <= typed.size(); ++length) {
        RosterModel::Filter next;
        next.text = typed.left(length);
        timer.restart();
        roster.setFilter(next);
        keystrokes.push_back(milliseconds(timer));
    }
    const int shownAtEnd = roster.rowCount();
    std::vector<double> sorted = keystrokes;
    std::sort(sorted.begin(), sorted.end());

    // After a sync the roster is read again: the reading runs on a worker thread (RosterPanel::refresh), only
    // take() runs on the GUI thread, where the window would freeze.
    timer.restart();
    auto again = RosterModel::read(*db, root, true);
    const double readAgain = milliseconds(timer);
    if (!again) {
        out << again.error().message << '\n';
        return 1;
    }
    timer.restart();
    roster.take(std::move(*again));
    const double takeAgain = milliseconds(timer);
    // With a column beyond the default ones shown, the details (and for an officer the sensitive fields)
    // are read too.
    timer.restart();
    auto detailed
        = RosterModel::read(*db, root, true, QDate::currentDate(), RosterModel::Reading { true, true });
    const double readDetailed = milliseconds(timer);
    if (!detailed) {
        out << detailed.error().message << '\n';
        return 1;
    }

    out << "units " << tree.unitCount() << ", roster rows " << roster.loadedCount()
        << (seed ? " (seeded now)" : "") << '\n';
    out << "tree load " << QString::number(treeLoad, 'f', 1) << " ms; roster load (whole province) "
        << QString::number(rosterLoad, 'f', 1) << " ms\n";
    out << "tree search: " << treeTimes.join(QStringLiteral("; ")) << '\n';
    out << "roster keystrokes \"" << typed << "\": median "
        << QString::number(sorted[sorted.size() / 2], 'f', 1) << " ms, worst "
        << QString::number(sorted.back(), 'f', 1) << " ms, first "
        << QString::number(keystrokes.front(), 'f', 1) << " ms; " << shownAtEnd << " rows at the end\n";
    out << "roster read again after a sync: " << QString::number(readAgain, 'f', 1)
        << " ms on the worker thread, " << QString::number(takeAgain, 'f', 1) << " ms on the GUI thread\n";
    out << "roster read with the detail and sensitive columns: " << QString::number(readDetailed, 'f', 1)
        << " ms on the worker thread\n";
    out << "memory held by the tree and the roster: " << (after - before) / 1024 << " MB (resident "
        << after / 1024 << " MB)\n";

    // The same province in a sealed replica: a copy of the file, unlocked once (which seals what it holds).
    const QString sealedFile = file + QStringLiteral(".sealed");
    QFile::remove(sealedFile);
    db = QSqlDatabase();
    closeDatabase(QStringLiteral("bench"));
    if (!QFile::copy(file, sealedFile)) {
        out << "could not copy " << file << '\n';
        return 1;
    }
    auto replica = client::Replica::open(sealedFile);
    if (!replica) {
        out << replica.error().message << '\n';
        return 1;
    }
    timer.restart();
    auto unlocked
        = (*replica)->unlock(QStringLiteral("mat-khau-do-hieu-nang"), PasswordHasher::Cost::interactive());
    const double sealing = milliseconds(timer);
    if (!unlocked) {
        out << unlocked.error().message << '\n';
        return 1;
    }
    const FieldCipher& cipher = *(*replica)->cipher();
    timer.restart();
    auto sealedDefault = RosterModel::read((*replica)->db(), root, true, QDate::currentDate(), {}, &cipher);
    const double sealedRead = milliseconds(timer);
    timer.restart();
    auto sealedDetailed = RosterModel::read(
        (*replica)->db(), root, true, QDate::currentDate(), RosterModel::Reading { true, true }, &cipher);
    const double sealedReadDetailed = milliseconds(timer);
    if (!sealedDefault || !sealedDetailed) {
        out << (sealedDefault ? sealedDetailed.error() : sealedDefault.error()).message << '\n';
        return 1;
    }
    const QString citizenId = sealedDetailed->rows.back().citizenId;
    RosterModel sealedRoster;
    sealedRoster.setCipher(cipher);
    sealedRoster.take(std::move(*sealedDefault));
    std::vector<double> digits;
    for (qsizetype length = 1; length <= citizenId.size(); ++length) {
        RosterModel::Filter next;
        next.text = citizenId.left(length);
        timer.restart();
        sealedRoster.setFilter(next);
        digits.push_back(milliseconds(timer));
    }
    std::vector<double> sortedDigits = digits;
    std::sort(sortedDigits.begin(), sortedDigits.end());
    out << "sealed copy: unlocking it the first time (Argon2id, then sealing " << sealedDetailed->rows.size()
        << " members' three fields, VACUUM) " << QString::number(sealing, 'f', 1) << " ms\n";
    out << "sealed copy: roster read (default columns and the citizen id's hash) "
        << QString::number(sealedRead, 'f', 1) << " ms, against " << QString::number(readAgain, 'f', 1)
        << " ms in clear; with the detail and sensitive columns opened "
        << QString::number(sealedReadDetailed, 'f', 1) << " ms, against "
        << QString::number(readDetailed, 'f', 1) << " ms in clear\n";
    out << "sealed copy: citizen id typed digit by digit: median "
        << QString::number(sortedDigits[sortedDigits.size() / 2], 'f', 1) << " ms, worst "
        << QString::number(sortedDigits.back(), 'f', 1) << " ms, the whole id "
        << QString::number(digits.back(), 'f', 1) << " ms; " << sealedRoster.rowCount()
        << " rows at the end\n";
    replica->reset();
    QFile::remove(sealedFile);
    return 0;
}
