#!/usr/bin/env bash
# A throwaway PostgreSQL server for the tests (decision 0032), on loopback only, in a folder of its own:
#   build/test-postgres.sh start DIR   installs Debian's PostgreSQL if missing, creates a cluster in DIR, starts it on a
#                                      free loopback port and prints its connection string (user citeemploi, trust
#                                      authentication on 127.0.0.1 only: no password to keep anywhere)
#   build/test-postgres.sh stop DIR    stops it (the folder is left for the caller to remove)
# The tests create their own databases in it and drop them. fsync is off: the tests never kill this server.
set -euo pipefail
command="${1:?start ou stop}"
dir="${2:?dossier du serveur}"

as_root=""
if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then as_root="sudo -n"; fi

bin_dir() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

# PostgreSQL refuses to run as root: as root, the cluster belongs to Debian's postgres user
as_owner() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

case "$command" in
  start)
    if [ -z "$(bin_dir)" ]; then
      echo "PostgreSQL est absent : installation du paquet Debian 'postgresql'" >&2
      if [ "$(id -u)" -ne 0 ] && [ -z "$as_root" ]; then
        echo "Impossible d'installer PostgreSQL : il faut être root (ou sudo sans mot de passe)." >&2
        exit 1
      fi
      $as_root apt-get update -qq >&2
      DEBIAN_FRONTEND=noninteractive $as_root apt-get install -y -qq postgresql >/dev/null
    fi
    bin="$(bin_dir)"
    mkdir -p "$dir"
    if [ "$(id -u)" -eq 0 ]; then chown postgres "$dir"; fi
    port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
    as_owner "$bin/initdb" -D "$dir/data" -U citeemploi -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" >/dev/null
    echo "Host=127.0.0.1;Port=$port;Username=citeemploi;Database=postgres"
    ;;
  stop)
    bin="$(bin_dir)"
    [ -n "$bin" ] && [ -d "$dir/data" ] && as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true  # best effort, silent: run from a folder the owner cannot enter (a 700 clone), pg_ctl complains after the summary line
    ;;
  *)
    echo "usage : $0 start|stop DOSSIER" >&2
    exit 2
    ;;
esac
