#!/usr/bin/env bash
# Runs every test of kvs-camera-agent on a fresh Debian machine:
# installs the real peers the acceptance tests drive (coturn, ffmpeg, Chromium and its driver,
# the shared libraries webrtc-java's native library links against), then the whole Maven suite.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v turnserver >/dev/null 2>&1 || need+=(coturn)
command -v ffmpeg >/dev/null 2>&1 || need+=(ffmpeg)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v chromedriver >/dev/null 2>&1 || need+=(chromium-driver)
for lib in libpulse0 libx11-6 libxfixes3 libxrandr2 libxcomposite1 libdbus-1-3 libudev1 dpkg-dev fakeroot openssl systemd; do
  dpkg -s "$lib" >/dev/null 2>&1 || need+=("$lib")
done
if [ ${#need[@]} -gt 0 ]; then
  echo "installing: ${need[*]}"
  if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
# coturn's Debian package starts a system-wide turnserver on 3478; the tests start their own on free ports.
if command -v systemctl >/dev/null 2>&1; then systemctl stop coturn >/dev/null 2>&1 || true; fi

mvn -B -ntp verify "$@"

# A skipped test proves nothing, and Maven passes a build with skipped tests (a failed JUnit assumption or
# @Disabled counts as skipped): refuse them here, naming the suites.
skipped=$(grep -l -E '<testsuite [^>]*skipped="[1-9]' -- */target/surefire-reports/TEST-*.xml \
    */target/failsafe-reports/TEST-*.xml 2>/dev/null || true)
if [ -n "$skipped" ]; then
  echo "skipped tests are not allowed; see:" >&2
  echo "$skipped" >&2
  exit 1
fi
echo "no test was skipped"
