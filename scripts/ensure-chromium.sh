#!/usr/bin/env bash
# The browser tests drive Debian's Chromium through its ChromeDriver (/usr/bin/chromium, /usr/bin/chromedriver)
# where they are installed, and HtmlUnit (a browser in Java, a test dependency) elsewhere. Run by the build before
# the tests: installs both when they are missing and this is Debian run as root; otherwise says that HtmlUnit is used.
set -u
if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
    exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Debian's chromium and chromium-driver for the browser tests"
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -q chromium chromium-driver >/dev/null 2>&1 \
        || { apt-get update -q >/dev/null 2>&1 && apt-get install -y -q chromium chromium-driver >/dev/null 2>&1; } \
        || echo "Could not install chromium and chromium-driver: the browser tests use HtmlUnit"
else
    echo "No /usr/bin/chromium and /usr/bin/chromedriver (apt-get install chromium chromium-driver): the browser tests use HtmlUnit"
fi
exit 0
