#!/bin/sh
# Install nnsh's three libraries when their headers are missing.
# Debian/Ubuntu packages: libreadline-dev zlib1g-dev libcmocka-dev.
missing=""
[ -f /usr/include/readline/readline.h ] || missing="$missing libreadline-dev"
[ -f /usr/include/zlib.h ] || missing="$missing zlib1g-dev"
[ -f /usr/include/cmocka.h ] || missing="$missing libcmocka-dev"
[ -z "$missing" ] && exit 0

echo "nnsh needs:$missing"
if ! command -v apt-get >/dev/null 2>&1; then
    echo "No apt-get here: install the packages that provide readline, zlib and cmocka"
    echo "development headers (on Fedora: readline-devel zlib-devel libcmocka-devel;"
    echo "on macOS with Homebrew: readline zlib cmocka), then run make again."
    exit 1
fi
if [ "$(id -u)" = 0 ]; then
    SUDO=""
elif command -v sudo >/dev/null 2>&1; then
    SUDO="sudo"
else
    echo "Not root and no sudo: as root, run"
    echo "    apt-get update && apt-get install -y$missing"
    exit 1
fi
echo "Installing them with apt-get ..."
$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing
