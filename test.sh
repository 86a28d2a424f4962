#!/usr/bin/env bash
# Runs every test of CiteEmploi: installs what the tests need when it is missing (Debian's Chromium for the browser
# tests, Debian's PostgreSQL for the second run of the database tests), builds, runs, and ends with the line
# "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")"

say() { printf '\n== %s\n' "$*"; }

# --- What the browser tests need -------------------------------------------------------------------------------
# Debian's Chromium headless shell (package chromium-headless-shell: the same Chromium, built without the desktop
# browser's window layer): it does what the tests ask of a browser with about a third less CPU than the full one, and
# the suite's time is mostly the browser's. CITEEMPLOI_CHROMIUM names another Chromium (e.g. /usr/bin/chromium).
# Installs a Debian package (as root, or with password-less sudo); says what to do by hand otherwise.
install_package() {
  local package="$1" what="$2" as_root
  say "$what est absent : installation du paquet Debian '$package'"
  if [ "$(id -u)" -eq 0 ]; then
    as_root=""
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    as_root="sudo -n"
  else
    echo "Impossible d'installer $what : il faut être root (ou sudo sans mot de passe). Installez-le à la main : apt-get install -y $package" >&2
    return 1
  fi
  # a package's service (nginx's) must not start on its own, on every address: Debian asks policy-rc.d first
  local policy_added=""
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' | $as_root tee /usr/sbin/policy-rc.d >/dev/null && $as_root chmod +x /usr/sbin/policy-rc.d && policy_added=1
  fi
  local installed=0
  { $as_root apt-get update -qq && DEBIAN_FRONTEND=noninteractive $as_root apt-get install -y -qq "$package" >/dev/null; } || installed=1
  if [ -n "$policy_added" ]; then $as_root rm -f /usr/sbin/policy-rc.d; fi
  if [ "$installed" -ne 0 ]; then
    echo "L'installation de $what a échoué (voir ci-dessus)." >&2
    return 1
  fi
}

chromium_path="${CITEEMPLOI_CHROMIUM:-/usr/bin/chromium-headless-shell}"
if [ ! -x "$chromium_path" ]; then
  package="chromium-headless-shell"
  case "$chromium_path" in */chromium) package="chromium" ;; esac
  if ! install_package "$package" "Chromium"; then
    echo "Les tests de navigateur ne peuvent pas tourner (ou indiquez le chemin de Chromium dans CITEEMPLOI_CHROMIUM)." >&2
    echo "0 passed, 1 failed"
    exit 1
  fi
fi
export CITEEMPLOI_CHROMIUM="$chromium_path"

# --- What the PostgreSQL run needs (decision 0032) ----------------------------------------------------------------
# A throwaway PostgreSQL server on a free loopback port, in a folder of its own, gone when this script ends (started
# before the build: a few seconds). CITEEMPLOI_TEST_POSTGRES names another server instead (a connection string).
postgres_dir=""
postgres_problem=""
stop_postgres() { if [ -n "$postgres_dir" ]; then build/test-postgres.sh stop "$postgres_dir"; rm -rf "$postgres_dir"; fi; }
trap stop_postgres EXIT
# Debian's nginx for the several-servers test (two app servers behind it); it is never started as a service here.
if ! command -v nginx >/dev/null 2>&1 && [ ! -x /usr/sbin/nginx ]; then
  install_package nginx "nginx" || echo "Sans nginx, le test des deux serveurs derrière le mandataire échouera." >&2
fi
if [ -z "${CITEEMPLOI_TEST_POSTGRES:-}" ]; then
  say "PostgreSQL de test"
  postgres_dir="$(mktemp -d "${TMPDIR:-/tmp}/citeemploi-postgres.XXXXXX")"
  if server="$(build/test-postgres.sh start "$postgres_dir")"; then
    export CITEEMPLOI_TEST_POSTGRES="$server"
  else
    postgres_problem="Le serveur PostgreSQL de test n'a pas pu démarrer (voir ci-dessus et $postgres_dir/server.log)."
    echo "$postgres_problem" >&2
  fi
fi

# --- Build and test ---------------------------------------------------------------------------------------------
say "Compilation"
if ! dotnet build CiteEmploi.sln -c Debug -nologo -clp:ErrorsOnly; then
  echo "La compilation a échoué."
  echo "0 passed, 1 failed"
  exit 1
fi

results_dir="$(pwd)/.test-results"
rm -rf "$results_dir"
say "Tests (unitaires, intégration, bout en bout dans Chromium)"
dotnet test CiteEmploi.Tests/CiteEmploi.Tests.csproj -c Debug --no-build -nologo \
  --logger "trx;LogFileName=results.trx" --logger "console;verbosity=normal" \
  --results-directory "$results_dir" --blame-hang-timeout 10m --filter "Database!=PostgreSqlOnly"
status=$?

trx="$results_dir/results.trx"
rerun_trx="$results_dir/rerun/results.trx"
report="build/trx-report.py"

# One counter of a TRX file's summary (total, executed, passed, failed, error, timeout, aborted…).
counter() { grep -o '<Counters [^>]*>' "$1" | head -n 1 | sed -n "s/.* $2=\"\([0-9]*\)\".*/\1/p"; }

# A browser test can lose a race to a machine that is briefly overloaded. The tests that failed (at most 5) run once
# more; one that passes then counts as passed but is named below as « INSTABLE », so that it is looked into.
if [ "$status" -ne 0 ] && [ -f "$trx" ] && command -v python3 >/dev/null 2>&1; then
  mapfile -t failed_methods < <(python3 "$report" failed "$trx")
  if [ "${#failed_methods[@]}" -ge 1 ] && [ "${#failed_methods[@]}" -le 5 ]; then
    filter=$(printf 'FullyQualifiedName=%s|' "${failed_methods[@]}")
    say "Second essai des ${#failed_methods[@]} test(s) en échec"
    dotnet test CiteEmploi.Tests/CiteEmploi.Tests.csproj -c Debug --no-build -nologo \
      --logger "trx;LogFileName=results.trx" --logger "console;verbosity=minimal" \
      --results-directory "$results_dir/rerun" --blame-hang-timeout 10m --filter "${filter%|}"
    # A test host that crashed in the first run may have left tests unrun: then the first status stands.
    # (a skipped test is counted in the total but not as executed)
    if [ $? -eq 0 ] && [ $(( $(counter "$trx" executed) + $(python3 "$report" skipped "$trx") )) -eq "$(counter "$trx" total)" ]; then status=0; fi
  fi
fi

# --- The database tests again, on PostgreSQL ----------------------------------------------------------------------
# The services' tests (namespace CiteEmploi.Tests.Features: every feature's reads and writes, the wall, the imports,
# the live events) on a fresh PostgreSQL database each, as the app runs with CiteEmploi:Database:Provider=PostgreSql.
# Left out: tests of SQLite itself (trait Database=SqliteOnly) and the two kill-and-restart tests (a minute each, the
# suite's time; the server kill on PostgreSQL is the several-servers test's).
pg_results_dir="$results_dir/postgresql"
pg_trx="$pg_results_dir/results.trx"
pg_status=1
if [ -z "$postgres_problem" ]; then
  say "Tests des services sur PostgreSQL"
  CITEEMPLOI_TEST_DATABASE=postgresql dotnet test CiteEmploi.Tests/CiteEmploi.Tests.csproj -c Debug --no-build -nologo \
    --logger "trx;LogFileName=results.trx" --logger "console;verbosity=minimal" \
    --results-directory "$pg_results_dir" --blame-hang-timeout 10m \
    --filter "FullyQualifiedName~CiteEmploi.Tests.Features&Database!=SqliteOnly&FullyQualifiedName!~DurabilityTests"
  pg_status=$?
fi

if [ -f "$trx" ] && command -v python3 >/dev/null 2>&1; then
  runs=("$trx")
  [ -f "$rerun_trx" ] && runs+=("$rerun_trx")
  read -r passed failed _ < <(python3 "$report" counts "${runs[@]}")
  echo
  python3 "$report" report "${runs[@]}"
  if [ -f "$pg_trx" ]; then
    read -r pg_passed pg_failed _ < <(python3 "$report" counts "$pg_trx")
    passed=$(( passed + pg_passed ))
    failed=$(( failed + pg_failed ))
    echo "Sur PostgreSQL : ${pg_passed} réussi(s), ${pg_failed} en échec."
    python3 "$report" report "$pg_trx" | sed 's/^ÉCHEC : /ÉCHEC (PostgreSQL) : /'
    if [ "$pg_status" -ne 0 ] && [ "$pg_failed" -eq 0 ]; then failed=$(( failed + 1 )); fi
  else
    [ -n "$postgres_problem" ] || postgres_problem="Les tests sur PostgreSQL n'ont pas produit de résultats."
    echo "$postgres_problem"
    failed=$(( failed + 1 ))
  fi
elif [ -f "$trx" ]; then
  passed=$(counter "$trx" passed)
  failed=$(( $(counter "$trx" failed) + $(counter "$trx" error) + $(counter "$trx" timeout) + $(counter "$trx" aborted) ))
  passed=${passed:-0}
else
  passed=0
  failed=1
fi
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
echo
echo "${passed} passed, ${failed} failed"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
