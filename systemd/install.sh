#!/bin/sh
# Installs kvs-camera-agent without dpkg (for images built by other means), in the layout of the Debian package.
# Idempotent: running it again updates the jar, the unit and the scripts, never the configuration.
# It does not enable or start the service.
#
# usage: install.sh --jar PATH [--config PATH] [--root DIR]
#   --jar     the shaded agent jar (agent/target/kvs-camera-agent.jar)
#   --config  the initial /etc/kvs-camera-agent/agent.yaml, installed only when none exists
#             (default: config/raspberry-pi-iot.yaml, the example the Debian package ships)
#   --root    the root of the image to install into (default /); the account is created with --prefix, no chroot
set -eu

here=$(cd "$(dirname "$0")" && pwd)
NAME=kvs-camera-agent
jar=""
config=""
ROOT=""
while [ $# -gt 0 ]; do
    case "$1" in
        --jar) jar=${2:?--jar needs a path}; shift 2 ;;
        --config) config=${2:?--config needs a path}; shift 2 ;;
        --root) ROOT=${2:?--root needs a directory}; shift 2 ;;
        *) echo "install.sh: unknown argument '$1'" >&2; exit 2 ;;
    esac
done
[ -n "$jar" ] || { echo "install.sh: --jar is required" >&2; exit 2; }
[ -f "$jar" ] || { echo "install.sh: --jar '$jar' is not a file" >&2; exit 2; }
[ -n "$config" ] || config="$here/../config/raspberry-pi-iot.yaml"
[ -f "$config" ] || { echo "install.sh: --config '$config' is not a file" >&2; exit 2; }
ROOT=${ROOT%/}

install -d -m 0755 "$ROOT/usr/share/$NAME" "$ROOT/lib/systemd/system" "$ROOT/usr/share/doc/$NAME"
install -m 0644 "$jar" "$ROOT/usr/share/$NAME/$NAME.jar"
install -m 0755 "$here/accounts.sh" "$ROOT/usr/share/$NAME/accounts.sh"
install -m 0755 "$here/run-agent.sh" "$ROOT/usr/share/$NAME/run-agent.sh"
install -m 0644 "$here/$NAME.service" "$ROOT/lib/systemd/system/$NAME.service"
for doc in "$here/../README.md" "$here/../docs/raspberry-pi.md" "$here/../packaging/src/deb/copyright"; do
    if [ -f "$doc" ]; then install -m 0644 "$doc" "$ROOT/usr/share/doc/$NAME/$(basename "$doc")"; fi
done
install -d -m 0750 "$ROOT/etc/$NAME"
# like a dpkg conffile: the operator's configuration is never overwritten
if [ ! -e "$ROOT/etc/$NAME/agent.yaml" ]; then
    install -m 0640 "$config" "$ROOT/etc/$NAME/agent.yaml"
fi
"$ROOT/usr/share/$NAME/accounts.sh" create "$ROOT"
if [ -z "$ROOT" ] && [ -d /run/systemd/system ]; then systemctl daemon-reload; fi
echo "installed $NAME into ${ROOT:-/}; edit /etc/$NAME/agent.yaml, then: systemctl enable --now $NAME"
