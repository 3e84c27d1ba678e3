#!/bin/sh
# Creates the kvs-camera-agent system account (groups video and gpio, gpio created when missing) and its
# directories. Used by the Debian package's postinst and by install.sh, so both lay out the same system.
# (The package's postrm undoes it on purge; it cannot call this file, which is removed before postrm runs.)
#
# usage: accounts.sh create [ROOT]
# ROOT (default: $DPKG_ROOT, else /) is the root of the system to act on. For another root, the shadow tools run
# with --prefix and every lookup reads ROOT/etc, so an image can be prepared without chroot.
set -eu

NAME=kvs-camera-agent
HOME_DIR=/var/lib/$NAME
CONF_DIR=/etc/$NAME
# read by the package's postrm: a gpio group this script created goes on purge
MARK=$HOME_DIR/.created-gpio-group

action=${1:?usage: accounts.sh create [ROOT]}
ROOT=${2:-${DPKG_ROOT:-}}
ROOT=${ROOT%/}
if [ -n "$ROOT" ]; then PREFIX="--prefix $ROOT"; else PREFIX=""; fi

has_group() { grep -q "^$1:" "$ROOT/etc/group"; }
has_user() { grep -q "^$1:" "$ROOT/etc/passwd"; }
gid_of() { awk -F: -v n="$1" '$1 == n { print $3 }' "$ROOT/etc/group"; }
uid_of() { awk -F: -v n="$1" '$1 == n { print $3 }' "$ROOT/etc/passwd"; }


create() {
    created_gpio=no
    # video is a static Debian group (base-passwd); gpio exists on Raspberry Pi OS, not on plain Debian
    has_group video || groupadd $PREFIX --system video
    if ! has_group gpio; then
        groupadd $PREFIX --system gpio
        created_gpio=yes
    fi
    has_group "$NAME" || groupadd $PREFIX --system "$NAME"
    if ! has_user "$NAME"; then
        useradd $PREFIX --system --gid "$NAME" --groups video,gpio --home-dir "$HOME_DIR" --no-create-home \
            --shell /usr/sbin/nologin --comment "kvs-camera-agent service" "$NAME"
    else
        usermod $PREFIX --append --groups video,gpio "$NAME"
    fi
    uid=$(uid_of "$NAME")
    gid=$(gid_of "$NAME")
    # numeric ids: names would resolve against the running system's /etc, not ROOT's
    mkdir -p "$ROOT$HOME_DIR" "$ROOT$CONF_DIR"
    chown "$uid:$gid" "$ROOT$HOME_DIR"
    chmod 0700 "$ROOT$HOME_DIR"
    chown "0:$gid" "$ROOT$CONF_DIR"
    chmod 0750 "$ROOT$CONF_DIR"
    if [ -f "$ROOT$CONF_DIR/agent.yaml" ]; then
        chown "0:$gid" "$ROOT$CONF_DIR/agent.yaml"
        chmod 0640 "$ROOT$CONF_DIR/agent.yaml"
    fi
    if [ "$created_gpio" = yes ]; then : > "$ROOT$MARK"; fi
}

case "$action" in
    create) create ;;
    *) echo "accounts.sh: unknown action '$action' (create)" >&2; exit 2 ;;
esac
