# SPDX-License-Identifier: GPL-3.0-or-later
# Every third-party package, found once. All come from Debian 12 (see scripts/setup).

find_package(Qt6 6.4 REQUIRED COMPONENTS Core Sql)
# The same libsqlite3 that Qt's QSQLITE driver loads: the console reads its largest lists through it.
find_package(SQLite3 REQUIRED)
if(SOTAY_GUI)
    find_package(Qt6 6.4 REQUIRED COMPONENTS Gui Widgets Concurrent Test)
endif()

# Poco's DataPostgreSQL config links PostgreSQL::client, which nothing defines.
find_package(PostgreSQL REQUIRED)
if(NOT TARGET PostgreSQL::client)
    add_library(PostgreSQL::client INTERFACE IMPORTED)
    target_link_libraries(PostgreSQL::client INTERFACE PostgreSQL::PostgreSQL)
endif()
find_package(Poco 1.11 REQUIRED COMPONENTS Foundation Util Net NetSSL Crypto JSON)
# The connection layer drives OpenSSL sessions itself over non-blocking sockets.
find_package(OpenSSL REQUIRED)

find_package(PkgConfig REQUIRED)
pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium)

if(SOTAY_TESTS)
    find_package(Boost 1.74 REQUIRED COMPONENTS unit_test_framework)
endif()
