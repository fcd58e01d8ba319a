#!/usr/bin/env bash
# What the test suite needs beyond the Python packages: Debian's Chromium for the
# browser tests (installed only when missing, and only when we may: root + apt).
set -u
if [ ! -x /usr/bin/chromium ] && [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "installing chromium for the browser tests" >&2
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >&2 \
    || echo "could not install chromium; browser tests will be skipped or fail" >&2
fi
exit 0
