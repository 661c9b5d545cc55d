#!/usr/bin/env bash
# Smoke test of the self-contained app (issue 19), run by .ci/run on every change (.ci/run builds
# the app in a fresh temporary folder itself, then passes it with --app):
#   1. builds the Linux bundle with scripts/build_app.py in a fresh temporary folder (which fails
#      on a missing or unwanted Qt plugin, module, translation, data file or licence, or when
#      the folder is not under 120 MB);
#   2. runs the frozen executable as a laptop would, with a clean environment (`env -i`: no
#      Python, no virtualenv, no LANG, HOME a new empty folder):
#      - `--version` says the installed package's version;
#      - `demo` writes every document the installed app writes (same names, none empty);
#      - `self-test` opens the capture window (offscreen) on a demo event, types a note into it
#        key by key and waits until it is stored; the frozen CLI then reads it back (`export csv`);
#      - the event on the network: `hub start` runs the bundle's PostgreSQL on the loopback, two
#        laptops (their own HOME): A types a note into its window, B decides on a proposal, both
#        `sync`, each then holds what the other did;
#        `hub status`, `hub stop`; the join code's secret is in no output and not in the log;
#      - the English catalogues are in it (`FACILITATOR_LANG=en`);
#      - settings, cache and logs land in the XDG folders under that HOME (a start without a
#        screen writes its explanation to the log).
# Exits 1 with a message naming the failed check; 0 when all pass.
#
#   scripts/bundle_smoke.sh                  # build, then check (needs pip install -e '.[bundle]')
#   scripts/bundle_smoke.sh --app DIR        # check an already built folder (dist/facilitator)
#   SMOKE_KEEP=1 scripts/bundle_smoke.sh     # keep the temporary folders (their paths are printed)
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PYTHON=${PYTHON:-python}

APP=""
if [ "${1:-}" = "--app" ]; then
  APP=$(cd "${2:?--app DOSSIER}" && pwd)
fi

TMP=$(mktemp -d "${TMPDIR:-/tmp}/facilitator-smoke.XXXXXX")
cleanup() {
  if [ "${SMOKE_KEEP:-}" = 1 ]; then echo "(dossiers gardés : $TMP)"; else rm -rf "$TMP"; fi
}
trap cleanup EXIT

failures=0
fail() { echo "ÉCHEC : $*" >&2; failures=$((failures + 1)); }
ok() { echo "  ok : $*"; }

if [ -z "$APP" ]; then
  echo "== construction de l'application dans $TMP/build"
  if ! "$PYTHON" scripts/build_app.py --dist "$TMP/build/dist" --work "$TMP/build/work" --no-archive; then
    echo "ÉCHEC : la construction de l'application (scripts/build_app.py, ci-dessus)" >&2
    exit 1
  fi
  APP="$TMP/build/dist/facilitator"
fi
EXE="$APP/facilitator"
[ -x "$EXE" ] || { echo "ÉCHEC : exécutable absent : $EXE" >&2; exit 1; }

HOME_DIR="$TMP/home"  # the laptop's user: an empty home, nothing else
WORK="$TMP/work"
mkdir -p "$HOME_DIR" "$WORK"
# the frozen app with a clean environment; QT_QPA_PLATFORM only for the window checks
frozen() { (cd "$WORK" && env -i HOME="$HOME_DIR" PATH=/usr/bin:/bin "$@"); }

echo "== application : $APP ($(du -sh "$APP" | cut -f1) décompressée)"

# --version: the installed package's
want=$("$PYTHON" -c "from importlib.metadata import version; print(version('facilitator'))")
got=$(frozen "$EXE" --version 2>&1)
if [ "$got" = "facilitator $want" ]; then ok "--version : $got"; else fail "--version dit « $got », le paquet installé est $want"; fi

# demo: every document the installed app writes, none empty
FACILITATOR_HOME="$TMP/reference-home" "$PYTHON" -m facilitator demo -o "$TMP/reference" >/dev/null 2>"$TMP/reference.err" \
  || { cat "$TMP/reference.err" >&2; fail "la démo de l'application installée (référence)"; }
if frozen "$EXE" demo -o "$WORK/demo" >"$TMP/demo.out" 2>&1; then
  want_docs=$(cd "$TMP/reference" 2>/dev/null && ls | sort | tr '\n' ' ')
  got_docs=$(cd "$WORK/demo" && ls | sort | tr '\n' ' ')
  empty=$(find "$WORK/demo" -type f -empty | tr '\n' ' ')
  if [ "$got_docs" != "$want_docs" ]; then
    fail "demo a écrit « $got_docs », l'application installée « $want_docs »"
  elif [ -n "$empty" ]; then
    fail "demo a écrit des fichiers vides : $empty"
  else
    for pdf in "$WORK"/demo/*.pdf; do
      head -c 5 "$pdf" | grep -q '%PDF-' || fail "pas un PDF : $pdf"
    done
    ok "demo : $(echo "$got_docs" | wc -w) documents ($got_docs)"
  fi
else
  cat "$TMP/demo.out" >&2; fail "demo (code de sortie non nul, ci-dessus)"
fi

# self-test: the window on the demo event, a typed note stored, read back by the frozen CLI
event="$WORK/smoke.facilitator"
mark="vérifié-par-le-bundle-$$"
if ! frozen "$EXE" new --demo "$event" >"$TMP/new.out" 2>&1; then
  cat "$TMP/new.out" >&2; fail "new --demo"
elif frozen QT_QPA_PLATFORM=offscreen "$EXE" self-test --event "$event" --text " $mark" \
    >"$TMP/selftest.out" 2>&1; then
  if frozen "$EXE" export csv "$event" -o "$WORK/notes.csv" >"$TMP/export.out" 2>&1 \
      && grep -q "$mark" "$WORK/notes.csv"; then
    ok "self-test : $(tail -1 "$TMP/selftest.out") ; la note relue par export csv"
  else
    cat "$TMP/export.out" >&2; fail "la note tapée par self-test n'est pas dans l'export csv de $event"
  fi
else
  cat "$TMP/selftest.out" >&2; fail "self-test (la fenêtre, la note tapée : ci-dessus)"
fi

# the event on the venue network: a hub (PostgreSQL from inside the bundle) on the loopback,
# two laptops (each its own HOME, its own copy of the event: A types a note into its window, B
# records a decision), each syncs with the frozen CLI and then holds what the other did; the secret of the join code never
# appears in what sync and status print nor in the server's log
HUB="$TMP/hub"
hub_stop() { frozen "$EXE" hub stop --data "$HUB" >/dev/null 2>&1; }
trap 'hub_stop; cleanup' EXIT
laptop() {  # laptop NAME COMMAND…: the frozen app as laptop NAME (its own HOME)
  local name=$1; shift
  mkdir -p "$TMP/home-$name"
  (cd "$WORK" && env -i HOME="$TMP/home-$name" PATH=/usr/bin:/bin "$@")
}
hub_ok=1
if ! frozen "$EXE" hub start "$event" --data "$HUB" --listen 127.0.0.1:0 >"$TMP/hub.out" 2>&1; then
  cat "$TMP/hub.out" >&2; fail "hub start (PostgreSQL de l'application, ci-dessus)"; hub_ok=0
fi
code=$(grep -o 'facilitator://[^ ]*' "$TMP/hub.out" | head -1)
secret=$(echo "$code" | sed -n 's#^facilitator://[^:]*:\([^@]*\)@.*#\1#p')
if [ $hub_ok = 1 ] && [ -z "$secret" ]; then
  fail "hub start n'a pas donné de code pour rejoindre : $(cat "$TMP/hub.out")"; hub_ok=0
fi
if [ $hub_ok = 1 ]; then  # A types a note into its window, B records a decision with the CLI
  cp "$event" "$WORK/laptop-A.facilitator"
  cp "$event" "$WORK/laptop-B.facilitator"
  laptop A QT_QPA_PLATFORM=offscreen "$EXE" self-test --event "$WORK/laptop-A.facilitator" \
    --text " poste-A-$$" >"$TMP/selftest-A.out" 2>&1 \
    || { cat "$TMP/selftest-A.out" >&2; fail "self-test du poste A"; hub_ok=0; }
  proposal=$(laptop B "$EXE" proposals "$WORK/laptop-B.facilitator" | awk 'NR == 1 {print $1}')
  laptop B "$EXE" decide "$WORK/laptop-B.facilitator" "$proposal" retenue --reason "poste-B-$$" \
    >"$TMP/decide-B.out" 2>&1 || { cat "$TMP/decide-B.out" >&2; fail "decide sur le poste B"; hub_ok=0; }
fi
if [ $hub_ok = 1 ]; then
  : >"$TMP/sync.out"
  for name in A B A; do  # A pushes, B pushes and pulls A's, A pulls B's
    laptop "$name" "$EXE" sync "$WORK/laptop-$name.facilitator" --hub - <<<"$code" >>"$TMP/sync.out" 2>&1 \
      || { cat "$TMP/sync.out" >&2; fail "sync du poste $name"; hub_ok=0; break; }
  done
fi
if [ $hub_ok = 1 ]; then
  laptop B "$EXE" export csv "$WORK/laptop-B.facilitator" -o "$WORK/laptop-B.csv" >/dev/null 2>&1
  if grep -q "poste-A-$$" "$WORK/laptop-B.csv" 2>/dev/null; then
    ok "réseau : le poste B a la note tapée dans la fenêtre du poste A"
  else
    fail "réseau : la note du poste A n'est pas arrivée sur le poste B ($(tail -3 "$TMP/sync.out"))"
  fi
  laptop A "$EXE" export json "$WORK/laptop-A.facilitator" -o "$WORK/laptop-A.json" >/dev/null 2>&1
  if grep -q "poste-B-$$" "$WORK/laptop-A.json" 2>/dev/null; then
    ok "réseau : le poste A a la décision prise sur le poste B"
  else
    fail "réseau : la décision du poste B n'est pas arrivée sur le poste A ($(tail -3 "$TMP/sync.out"))"
  fi
  if frozen "$EXE" hub status --data "$HUB" >"$TMP/status.out" 2>&1 && grep -q "révisions" "$TMP/status.out"; then
    ok "hub status : $(head -1 "$TMP/status.out")"
  else
    fail "hub status : $(cat "$TMP/status.out")"
  fi
  if grep -qF "$secret" "$TMP/sync.out" "$TMP/status.out" "$HUB/server.log"; then
    fail "le secret du code pour rejoindre apparaît dans la sortie de sync, de hub status ou dans server.log"
  else
    ok "le secret n'apparaît ni dans sync, ni dans hub status, ni dans server.log"
  fi
fi
if [ -d "$HUB" ]; then
  if frozen "$EXE" hub stop --data "$HUB" >"$TMP/stop.out" 2>&1 && ! frozen "$EXE" hub status --data "$HUB" >/dev/null 2>&1; then
    ok "hub stop : $(head -1 "$TMP/stop.out")"
  else
    fail "hub stop : $(cat "$TMP/stop.out")"
  fi
fi

# the English catalogues: the frozen app says what the installed one says, in English
en=$(frozen FACILITATOR_LANG=en "$EXE" info "$WORK/absent.facilitator" 2>&1)
want_en=$(cd "$WORK" && FACILITATOR_LANG=en FACILITATOR_HOME="$TMP/reference-home" \
  "$PYTHON" -m facilitator info "$WORK/absent.facilitator" 2>&1)
fr=$(frozen "$EXE" info "$WORK/absent.facilitator" 2>&1)
if [ "$en" = "$want_en" ] && [ "$en" != "$fr" ]; then
  ok "messages en anglais : $en"
else
  fail "FACILITATOR_LANG=en : « $en », attendu « $want_en » (l'application installée ; en français : « $fr »)"
fi

# no screen: a French message, exit 1, its explanation written to the log
nodisplay=$(frozen QT_QPA_PLATFORM=xcb "$EXE" open "$event" 2>&1); code=$?
if [ $code = 1 ] && echo "$nodisplay" | grep -q "écran"; then
  ok "sans écran : code 1, « $(echo "$nodisplay" | head -1) »"
else
  fail "sans écran : code $code, « $nodisplay » (attendu : code 1 et un message en français)"
fi

# where the files went: the XDG folders of the platform, under the temporary HOME
for expected in ".config/facilitator/ui.ini" ".config/facilitator/device.json" \
                ".local/state/facilitator/log/facilitator.log"; do
  if [ -s "$HOME_DIR/$expected" ]; then ok "écrit : ~/$expected"; else fail "absent : ~/$expected"; fi
done
if compgen -G "$HOME_DIR/.cache/facilitator/kits/*.json" >/dev/null; then
  ok "écrit : ~/.cache/facilitator/kits/*.json"
else
  fail "absent : ~/.cache/facilitator/kits/*.json (kits lus)"
fi
stray=$(cd "$HOME_DIR" && find . -type f | grep -v '^\./\.\(config\|cache\|local/state\)/facilitator/' | tr '\n' ' ')
[ -z "$stray" ] || fail "fichiers écrits hors des dossiers XDG de facilitator : $stray"

if [ $failures -gt 0 ]; then
  echo "== application autonome : $failures vérification(s) en échec" >&2
  exit 1
fi
echo "== application autonome : toutes les vérifications passent"
