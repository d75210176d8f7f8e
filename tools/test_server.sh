#!/usr/bin/env bash
# A throw-away PostgreSQL cluster for the tests: made in a new folder, run by
# the unprivileged user "postgres" (the distribution's package creates it) on
# 127.0.0.1:PORT, with password authentication. Prints the lines to source:
#     eval "$(bash tools/test_server.sh start 55432)"
# sets FULIAN_TEST_SERVER (the URL, without the password), PGPASSWORD and
# FULIAN_TEST_SERVER_DIR; `bash tools/test_server.sh stop DIR` ends it.
set -euo pipefail

bindir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
cd /  # the user "postgres" may not enter the caller's folder
run_as_postgres() { runuser -u postgres -- "$@"; }

case "${1:-}" in
start)
    port=${2:-55432}
    dir=$(mktemp -d /tmp/fulian-pg-XXXXXX)
    chown postgres "$dir"
    password=$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')
    printf '%s\n' "$password" >"$dir/password"
    chown postgres "$dir/password"
    run_as_postgres "$bindir/initdb" -D "$dir/data" -U ledger --pwfile="$dir/password" \
        --auth-host=scram-sha-256 --auth-local=peer -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log"
    run_as_postgres "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
        -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir -c fsync=off -c max_connections=200" \
        start >/dev/null
    echo "export FULIAN_TEST_SERVER=postgresql://ledger@127.0.0.1:$port/postgres"
    echo "export PGPASSWORD=$password"
    echo "export FULIAN_TEST_SERVER_DIR=$dir"
    ;;
stop)
    dir=${2:?the folder printed by start}
    run_as_postgres "$bindir/pg_ctl" -D "$dir/data" -m fast stop >/dev/null || true
    rm -rf "$dir"
    ;;
*)
    echo "usage: $0 start [PORT] | stop DIR" >&2
    exit 2
    ;;
esac
