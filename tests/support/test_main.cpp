// SPDX-License-Identifier: GPL-3.0-or-later
// The one main of a test executable: Boost.Test with a QCoreApplication alive for every suite
// (Qt SQL loads its drivers through it).
#define BOOST_TEST_MODULE sotay
#include <QCoreApplication>

#include <boost/test/unit_test.hpp>

#include <memory>

namespace {

struct QtApplication {
    QtApplication()
    {
        static int argc = 1;
        static char name[] = "sotay-tests";
        static char* argv[] = { name, nullptr };
        app = std::make_unique<QCoreApplication>(argc, argv);
    }
    std::unique_ptr<QCoreApplication> app;
};

} // namespace

BOOST_TEST_GLOBAL_FIXTURE(QtApplication);
