#!/usr/bin/env bash
# A throw-away PostgreSQL cluster for tests.
#
#   scripts/pg-cluster.sh start DIR       create and start a cluster in DIR, print its URL
#   scripts/pg-cluster.sh url DIR         print the URL of the cluster in DIR
#   scripts/pg-cluster.sh stop DIR        stop the cluster and remove DIR
#   scripts/pg-cluster.sh with CMD ARG..  run CMD with SAWAT_TEST_PG_URL set to a fresh
#                                         cluster's URL, then stop it (exit status of CMD)
#
# The cluster lives entirely in DIR: data in DIR/data, the log in DIR/log, the
# Unix socket in DIR itself. It listens on no TCP port, so it cannot clash with
# the system's clusters (which it never touches) or with other test runs.
# Authentication is "trust" on that socket, which is safe only because DIR is
# private to the test; the database sawat_test is owned by the role postgres.
#
# The URL printed is a libpq URI with the socket directory as the host:
#     postgresql:///sawat_test?host=/tmp/sawat-pg.Ab12Cd&port=5432&user=postgres
# db_open recognises it by its "postgresql://" prefix.
#
# initdb refuses to run as root, so as root the server runs as the system user
# postgres (DIR is created if need be and given to that user); as anyone else it
# runs as the caller. fsync is off and the settings are small: the data is not
# meant to survive a crash. DIR must be a fresh or empty directory that the
# server's user can reach (a mktemp -d under /tmp is right), and its path must
# be short enough for a socket name (about 100 bytes).
#
# stop only removes a DIR that start marked as its own (DIR/.sawat-pg-cluster),
# and when the server does not stop politely it kills the postmaster whose pid
# the cluster recorded, nothing else.
set -eu
set -o pipefail

PORT=5432
DB=sawat_test
MARK=.sawat-pg-cluster

die() {
	echo "pg-cluster: $*" >&2
	exit 1
}

usage() {
	echo "usage: $0 start DIR | url DIR | stop DIR | with CMD [ARG...]" >&2
	exit 2
}

# The directory holding initdb, pg_ctl and psql: $PG_BIN, else the newest
# Debian versioned directory, else pg_config's, else whatever is on PATH.
find_bin() {
	local d
	if [ -n "${PG_BIN:-}" ]; then
		[ -x "$PG_BIN/initdb" ] || die "PG_BIN=$PG_BIN has no initdb"
		echo "$PG_BIN"
		return
	fi
	for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5,5 -n -r); do
		if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then
			echo "$d"
			return
		fi
	done
	if command -v pg_config >/dev/null; then
		d=$(pg_config --bindir)
		if [ -x "$d/initdb" ]; then
			echo "$d"
			return
		fi
	fi
	d=$(command -v initdb 2>/dev/null) || die "no PostgreSQL server binaries (initdb) found; install postgresql"
	dirname "$d"
}

# The user the server runs as, and how to run a command as that user.
server_user() {
	if [ "$(id -u)" -eq 0 ]; then
		id -u postgres >/dev/null 2>&1 || die "running as root but there is no 'postgres' system user"
		echo postgres
	else
		id -un
	fi
}

as_server() {
	local u
	u=$(server_user)
	if [ "$(id -u)" -eq 0 ]; then
		# cd to a directory the server user can read, or initdb and
		# pg_ctl complain about root's working directory.
		(cd / && runuser -u "$u" -- "$@")
	else
		(cd / && "$@")
	fi
}

# Absolute, symlink-free form of a directory (it must exist).
abs_dir() {
	(cd "$1" && pwd -P)
}

# Percent-encodes what a URI query value must not contain.
uri_escape() {
	local LC_ALL=C s=$1 out= c i
	for ((i = 0; i < ${#s}; i++)); do
		c=${s:i:1}
		case $c in
		[A-Za-z0-9/._~-]) out+=$c ;;
		*) out+=$(printf '%%%02X' "'$c") ;;
		esac
	done
	printf '%s' "$out"
}

cluster_url() {
	printf 'postgresql:///%s?host=%s&port=%s&user=postgres\n' "$DB" "$(uri_escape "$1")" "$PORT"
}

psql_in() { # psql_in DIR DB SQL: runs SQL, prints unaligned tuples only
	"$BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$1" -p "$PORT" -U postgres -d "$2" -At -c "$3"
}

# What a failed start must undo; globals because the EXIT trap reads them.
START_DIR=
STARTED=0

start_failed() {
	if [ "$STARTED" -eq 1 ]; then
		as_server "$BIN/pg_ctl" -D "$START_DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
	fi
	if [ -f "$START_DIR/log" ]; then
		tail -n 30 "$START_DIR/log" >&2
	fi
}

cmd_start() {
	local dir=$1 u
	u=$(server_user)
	case $dir in
	*\'* | *\\*) die "directory name must not contain quotes or backslashes: $dir" ;;
	esac
	mkdir -p "$dir"
	dir=$(abs_dir "$dir")
	[ -z "$(ls -A "$dir")" ] || die "$dir is not empty"
	[ ${#dir} -le 90 ] || die "$dir is too long for a Unix socket path"
	touch "$dir/$MARK"
	if [ "$(id -u)" -eq 0 ]; then
		chown "$u:" "$dir"
		chmod 700 "$dir"
		runuser -u "$u" -- test -x "$dir" ||
			die "user $u cannot reach $dir (is a parent directory private?); use mktemp -d under /tmp"
	fi

	# On any failure below, stop what was started and show the log; the
	# caller's stop (or trap) removes the directory.
	START_DIR=$dir
	trap 'if [ $? -ne 0 ]; then start_failed; fi' EXIT

	as_server "$BIN/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C \
		--no-sync >"$dir/initdb.log" 2>&1 || {
		cat "$dir/initdb.log" >&2
		die "initdb failed"
	}
	as_server tee -a "$dir/data/postgresql.conf" >/dev/null <<-EOF

		# scripts/pg-cluster.sh: a private, throw-away test cluster
		listen_addresses = ''
		port = $PORT
		unix_socket_directories = '$dir'
		unix_socket_permissions = 0700
		fsync = off
		synchronous_commit = off
		full_page_writes = off
		wal_level = minimal
		max_wal_senders = 0
		max_connections = 40
		shared_buffers = 32MB
		work_mem = 4MB
		maintenance_work_mem = 32MB
		max_wal_size = 256MB
		autovacuum = off
		jit = off
		logging_collector = off
		timezone = 'UTC'
	EOF
	STARTED=1
	as_server "$BIN/pg_ctl" -D "$dir/data" -l "$dir/log" -w -t 60 start >/dev/null ||
		die "the server did not start (log follows)"
	psql_in "$dir" postgres "CREATE DATABASE $DB OWNER postgres TEMPLATE template0 ENCODING 'UTF8'"
	if [ -z "$(psql_in "$dir" "$DB" "SELECT 1 FROM pg_collation WHERE collname = 'th-TH-x-icu'")" ]; then
		psql_in "$dir" "$DB" "CREATE COLLATION \"th-TH-x-icu\" (provider = icu, locale = 'th-TH')" ||
			die "this PostgreSQL has no ICU, so no Thai collation th-TH-x-icu"
	fi
	cluster_url "$dir" >"$dir/url"
	trap - EXIT
	cat "$dir/url"
}

cmd_url() {
	local dir=$1
	[ -f "$dir/url" ] || die "no cluster in $dir"
	cat "$dir/url"
}

cmd_stop() {
	local dir=$1 pid=
	[ -d "$dir" ] || return 0
	dir=$(abs_dir "$dir")
	[ -f "$dir/$MARK" ] || die "$dir was not made by $0; not removing it"
	if [ -f "$dir/data/postmaster.pid" ]; then
		pid=$(head -n 1 "$dir/data/postmaster.pid")
		as_server "$BIN/pg_ctl" -D "$dir/data" -m fast -w -t 30 stop >/dev/null 2>&1 ||
			as_server "$BIN/pg_ctl" -D "$dir/data" -m immediate -w -t 10 stop >/dev/null 2>&1 ||
			true
		# Last resort: the postmaster this cluster recorded, if it is
		# still running on this data directory.
		if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null &&
			grep -qaF "$dir/data" "/proc/$pid/cmdline" 2>/dev/null; then
			kill -KILL "$pid" 2>/dev/null || true
			sleep 1
		fi
	fi
	rm -rf "$dir"
}

cmd_with() {
	local dir rc=0
	[ $# -ge 1 ] || usage
	dir=$(mktemp -d "${TMPDIR:-/tmp}/sawat-pg.XXXXXX")
	trap 'cmd_stop "$dir"' EXIT
	trap 'exit 130' INT TERM
	SAWAT_TEST_PG_URL=$(cmd_start "$dir") || exit 1
	export SAWAT_TEST_PG_URL
	"$@" || rc=$?
	exit $rc
}

[ $# -ge 1 ] || usage
BIN=$(find_bin)
case $1 in
start) [ $# -eq 2 ] || usage; cmd_start "$2" ;;
url) [ $# -eq 2 ] || usage; cmd_url "$2" ;;
stop) [ $# -eq 2 ] || usage; cmd_stop "$2" ;;
with) shift; cmd_with "$@" ;;
*) usage ;;
esac
