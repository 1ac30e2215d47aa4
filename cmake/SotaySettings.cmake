# SPDX-License-Identifier: GPL-3.0-or-later
# One INTERFACE target carries the project-wide settings; every target links it.

set(CMAKE_EXPORT_COMPILE_COMMANDS ON)
set(CMAKE_AUTOMOC OFF)

find_program(SOTAY_CCACHE ccache)
if(SOTAY_CCACHE AND NOT CMAKE_CXX_COMPILER_LAUNCHER)
    set(CMAKE_CXX_COMPILER_LAUNCHER "${SOTAY_CCACHE}")
endif()

# Everything but the sanitizers, for the one program that runs under an address-space limit a sanitizer's shadow
# memory cannot live within: sotay-pdf-text (server/attachment_inspection.h).
add_library(sotay_base_settings INTERFACE)
add_library(sotay::base_settings ALIAS sotay_base_settings)
add_library(sotay_settings INTERFACE)
add_library(sotay::settings ALIAS sotay_settings)
target_link_libraries(sotay_settings INTERFACE sotay_base_settings)

target_compile_features(sotay_base_settings INTERFACE cxx_std_20)
set(CMAKE_CXX_EXTENSIONS OFF)

target_compile_options(sotay_base_settings INTERFACE
    -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion
    -Wnon-virtual-dtor -Woverloaded-virtual -Wcast-qual -Wformat=2
    -Werror)

target_compile_definitions(sotay_base_settings INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_NO_CAST_FROM_BYTEARRAY
    QT_NO_CONTEXTLESS_CONNECT
    QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
    QT_NO_URL_CAST_FROM_STRING
    QT_STRICT_ITERATORS
    QT_USE_QSTRINGBUILDER
    QT_DISABLE_DEPRECATED_UP_TO=0x060400
    SOTAY_VERSION="${PROJECT_VERSION}")

if(SOTAY_SANITIZERS)
    target_compile_options(sotay_settings INTERFACE
        -fsanitize=${SOTAY_SANITIZERS} -fno-omit-frame-pointer -fno-sanitize-recover=all)
    target_link_options(sotay_settings INTERFACE -fsanitize=${SOTAY_SANITIZERS})
endif()
