// SPDX-License-Identifier: GPL-3.0-or-later
#include "support/held_row_lock.h"

#include "store/sql.h"

#include <QSqlQuery>

#include <boost/test/unit_test.hpp>

#include <chrono>
#include <thread>

namespace sotay::test {
namespace {

// Whether another transaction waits for this one: a row lock is waited for on the holder's transaction id.
bool someoneWaitsFor(const QSqlDatabase& db)
{
    QSqlQuery query(db);
    query.exec(
        QStringLiteral("SELECT COUNT(*) FROM pg_locks WHERE NOT granted AND locktype = 'transactionid' "
                       "AND transactionid::text = pg_current_xact_id()::text"));
    return query.next() && query.value(0).toInt() > 0;
}

} // namespace

void runWhileRowLockHeld(const QSqlDatabase& db, const QString& lockStatement,
    const std::function<void()>& request, const std::function<void()>& changeMeanwhile)
{
    sql::Transaction transaction(db);
    BOOST_TEST_REQUIRE(transaction.begin().ok());
    QSqlQuery lock(db);
    BOOST_TEST_REQUIRE(lock.exec(lockStatement), lockStatement.toStdString());
    BOOST_TEST_REQUIRE(lock.next(), "the lock statement found no row");
    lock.finish();

    std::thread requester(request);
    bool waiting = false;
    for (int i = 0; i < 3000 && !waiting; ++i) {
        waiting = someoneWaitsFor(db);
        if (!waiting)
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    if (waiting)
        changeMeanwhile();
    const bool committed = transaction.commit().ok();
    requester.join();
    BOOST_TEST_REQUIRE(waiting, "the request never waited for the held row lock");
    BOOST_TEST_REQUIRE(committed);
}

} // namespace sotay::test
