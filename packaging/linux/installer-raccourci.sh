#!/bin/sh
# Ajoute facilitator au menu des applications de l'utilisateur (sans droits d'administrateur) :
# l'entrée du menu, l'icône et le type des fichiers .facilitator, dans ~/.local/share.
#   ./installer-raccourci.sh            (depuis le dossier décompressé)
#   ./installer-raccourci.sh --retirer  (les enlève)
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
DATA=${XDG_DATA_HOME:-$HOME/.local/share}
APPS=$DATA/applications
ICONS=$DATA/icons/hicolor
MIME=$DATA/mime
if [ "${1:-}" = "--retirer" ]; then
  rm -f "$APPS/facilitator.desktop" "$ICONS/256x256/apps/facilitator.png" \
        "$ICONS/scalable/apps/facilitator.svg" "$MIME/packages/facilitator-mime.xml"
  echo "facilitator retiré du menu."
  exit 0
fi
mkdir -p "$APPS" "$ICONS/256x256/apps" "$ICONS/scalable/apps" "$MIME/packages"
cp "$HERE/facilitator.png" "$ICONS/256x256/apps/facilitator.png"
cp "$HERE/facilitator.svg" "$ICONS/scalable/apps/facilitator.svg"
cp "$HERE/facilitator-mime.xml" "$MIME/packages/facilitator-mime.xml"
# the entry, its Exec pointing at this folder (quoted: the folder may hold spaces)
sed "s|^Exec=.*|Exec=\"$HERE/facilitator\" %f|" "$HERE/facilitator.desktop" > "$APPS/facilitator.desktop"
command -v update-mime-database >/dev/null 2>&1 && update-mime-database "$MIME" || true
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database "$APPS" || true
echo "facilitator ajouté au menu des applications ($APPS/facilitator.desktop)."
