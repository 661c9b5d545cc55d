"""English texts of the interface (French is the source language): fills facilitator_en.ts.

    pyside6-lupdate ui/*.py -source-language fr_FR -target-language en_GB -ts ui/i18n/facilitator_en.ts
    python ui/i18n/english.py && pyside6-lrelease ui/i18n/facilitator_en.ts
"""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from pathlib import Path

EN = {
    "Ouvrir un fichier d'événement": "Open an event file",
    "Événements facilitator (*.facilitator);;Tous les fichiers (*)": "facilitator events (*.facilitator);;All files (*)",
    "Erreur interne inattendue : {error}.\nVos notes déjà saisies sont enregistrées.\nLe détail a été écrit dans {log}":
        "Unexpected internal error: {error}.\nThe notes already typed are saved.\nThe details were written to {log}",
    "Message d'erreur": "Error message",
    "Prise de notes de l'atelier": "Workshop note-taking",
    "{title} — {file} — facilitator": "{title} — {file} — facilitator",
    "&Ateliers": "&Workshops", "Liste des ateliers": "Workshop list", "Question de l'atelier": "Workshop question",
    "Notes de l'atelier, par section": "Workshop notes, by section", "Panneau latéral": "Side panel",
    "Note": "Note", "Atelier": "Workshop", "Participants": "Participants",
    "Chaque modification est enregistrée immédiatement.": "Every change is saved immediately.",
    "&Fichier": "&File", "&Ouvrir un fichier d'événement…": "&Open an event file…",
    "&Accueil (créer, démo)…": "&Start screen (create, demo)…", "&Quitter": "&Quit", "É&dition": "&Edit",
    "&Annuler": "&Undo", "&Rétablir": "&Redo", "&Rechercher": "&Search", "Vote +1": "Vote +1", "Vote −1": "Vote −1",
    "Détails de la note": "Note details", "&Atelier": "&Workshop", "Atelier suivant": "Next workshop",
    "Atelier précédent": "Previous workshop", "Section suivante": "Next section",
    "Section précédente": "Previous section", "Aller à la section…": "Go to section…",
    "Détails de l'atelier": "Workshop details", "&Minuteur": "&Timer", "Démarrer / pause": "Start / pause",
    "Phase suivante": "Next phase", "+5 minutes": "+5 minutes", "&Projection": "&Projector",
    "Afficher / masquer la vue projecteur": "Show / hide the projector view", "Section en cours": "Current section",
    "Toutes les sections": "All sections", "Texte plus grand": "Larger text", "Texte plus petit": "Smaller text",
    "Thème clair / sombre": "Light / dark theme", "Aller à la section": "Go to section",
    "Aucune note sélectionnée": "No note selected", "Adresses web de la note": "Web addresses of the note",
    "https://… (plusieurs : séparées par des espaces)": "https://… (several: separated by spaces)",
    "&Liens :": "&Links:", "Type de contributeur": "Contributor type", "— non précisé —": "— not given —",
    "&Contributeur :": "&Contributor:", "Retirer un vote": "Remove a vote", "Retirer un vote (Ctrl+-)": "Remove a vote (Ctrl+-)",
    "Votes": "Votes", "Ajouter un vote": "Add a vote", "Ajouter un vote (Ctrl++)": "Add a vote (Ctrl++)",
    "Votes :": "Votes:", "&Engagements liés :": "Linked comm&itments:", "Engagements liés à la note": "Commitments linked to the note",
    "Note : {text}": "Note: {text}", "Nouvelle note…": "New note…", "Puce": "Bullet", "Résumé de la note": "Note summary",
    "lien": "link", "Participants de l'atelier": "Workshop participants", "Participants : {type}": "Participants: {type}",
    "Participants de l'atelier {n}": "Participants of workshop {n}", "Total de l'atelier : {n}": "Workshop total: {n}",
    "Total de l'événement : {n} — parité administration / société civile et citoyens : {a} % / {b} %":
        "Event total: {n} — parity administration / civil society and citizens: {a}% / {b}%",
    "Total de l'événement : 0": "Event total: 0", "Minuteur des phases": "Phase timer", "Phase en cours": "Current phase",
    "Temps restant": "Time left", "Démarrer ou mettre en pause le minuteur": "Start or pause the timer",
    "Démarrer / pause (F8)": "Start / pause (F8)", "Passer à la phase suivante": "Go to the next phase",
    "Phase suivante (F9)": "Next phase (F9)", "+5 min": "+5 min", "Ajouter cinq minutes à la phase": "Add five minutes to the phase",
    "Ajouter 5 minutes (F10)": "Add 5 minutes (F10)", "Phase {n}/{total} : {title}": "Phase {n}/{total}: {title}",
    "Temps écoulé {over}": "Time is up {over}", "Pause": "Pause", "Démarrer": "Start",
    "facilitator — projection": "facilitator — projector", "Vue projecteur": "Projector view",
    "Phase et temps restant": "Phase and time left", "Notes projetées": "Projected notes", "Atelier {n} — {q}": "Workshop {n} — {q}",
    "{left} restantes": "{left} left", "Rechercher dans toutes les notes": "Search all notes",
    "Rechercher (Ctrl+F)": "Search (Ctrl+F)", "Filtrer par type de contributeur": "Filter by contributor type",
    "Tous les contributeurs": "All contributors", "Filtrer par engagement": "Filter by commitment",
    "Tous les engagements": "All commitments", "Résultats de la recherche": "Search results",
    "Tapez un mot ou choisissez un filtre": "Type a word or choose a filter", "Aucune note trouvée": "No note found",
    "{n} résultat(s)": "{n} result(s)", "Section {title}": "Section {title}", "+ Ajouter une note": "+ Add a note",
    "Ajouter une note dans « {title} »": "Add a note to “{title}”", "Nouvelle note": "New note",
    "Suppression de note": "Note deletion", "Décalage à droite": "Indent", "Décalage à gauche": "Outdent",
    "Déplacement vers le haut": "Move up", "Déplacement vers le bas": "Move down", "Déplacement": "Move",
    "Modification de note": "Note edit", "Vote": "Vote", "Saisie": "Typing", "Accueil de facilitator": "facilitator start screen",
    "facilitator — ateliers de gouvernement ouvert": "facilitator — open government workshops",
    "Tout fonctionne hors ligne ; chaque note est enregistrée dès sa saisie.":
        "Everything works offline; every note is saved as it is typed.",
    "&Créer un événement depuis un kit…": "&Create an event from a kit…",
    "Ouvrir la &démo 2016 (Ministère ouvert #1)": "Open the 2016 &demo (Ministère ouvert #1)",
    "Fichiers &récents :": "&Recent files:", "Fichiers récents": "Recent files", "Choisir le kit": "Choose the kit",
    "Kits (*.yaml *.yml)": "Kits (*.yaml *.yml)", "Nouveau fichier d'événement": "New event file",
    "Salle : {room}": "Room: {room}", "Horaire : {span}": "Time: {span}",
    "À parcourir avant l'atelier": "To read before the workshop", "Accès en ligne": "Online access",
    "Administration pilote :": "Lead administration:", "Engagements traités": "Commitments covered",
    "Contexte": "Context", "Organisations représentées": "Organisations represented", "Phases": "Phases",
    "Atelier {n}": "Workshop {n}", "Administration": "Administration", "Société civile": "Civil society",
    "Citoyen·ne": "Citizen", "Autre": "Other",
}


def fill(ts: Path) -> int:
    tree = ET.parse(ts)
    missing = 0
    for m in tree.iter("message"):
        src = m.find("source").text or ""
        tr = m.find("translation")
        if src in EN:
            tr.text = EN[src]
            tr.attrib.pop("type", None)
        else:
            missing += 1
            print("no English for:", repr(src), file=sys.stderr)
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    return missing


if __name__ == "__main__":
    sys.exit(1 if fill(Path(__file__).with_name("facilitator_en.ts")) else 0)
