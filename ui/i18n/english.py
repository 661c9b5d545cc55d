"""English texts of the interface (French is the source language): fills facilitator_en.ts.

    pyside6-lupdate ui/*.py -source-language fr_FR -target-language en_GB -no-obsolete -ts ui/i18n/facilitator_en.ts
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
    "Atelier&s": "Wor&kshops", "Liste des ateliers": "Workshop list", "Question de l'atelier": "Workshop question",
    "Notes de l'atelier, par section": "Workshop notes, by section", "Panneau latéral": "Side panel",
    "Note": "Note", "Atelier": "Workshop", "Participants": "Participants",
    "Chaque modification est enregistrée immédiatement.": "Every change is saved immediately.",
    "&Fichier": "&File", "&Ouvrir un fichier d'événement…": "&Open an event file…",
    "&Accueil (créer, démo)…": "&Start screen (create, demo)…", "&Quitter": "&Quit", "É&dition": "&Edit",
    "&Annuler": "&Undo", "&Rétablir": "&Redo", "Re&chercher": "&Search", "Vote +1": "Vote +1", "Vote −1": "Vote −1",
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
    # storage failures (ui/rescue.py) and opening in a worker (ui/app.py)
    "Enregistrer une copie de l'événement ailleurs": "Save a copy of the event elsewhere",
    "{problem}\n\nCe que vous avez saisi n'est pas perdu : il reste affiché et gardé en mémoire, "
    "et sera enregistré dès que le fichier sera de nouveau accessible (place libérée, clé USB "
    "rebranchée).\n\nVous pouvez aussi enregistrer dès maintenant une copie de l'événement "
    "ailleurs (disque de l'ordinateur, autre clé) et continuer à travailler sur cette copie.":
        "{problem}\n\nWhat you typed is not lost: it stays on screen and in memory, and will be saved as "
        "soon as the file can be reached again (space freed, USB stick plugged back).\n\nYou can also save "
        "a copy of the event elsewhere now (the computer's disk, another stick) and go on working on that copy.",
    "Copie enregistrée : {path}. Vous travaillez maintenant sur cette copie.":
        "Copy saved: {path}. You are now working on this copy.",
    "Enregistrer une copie ailleurs…": "Save a copy elsewhere…", "Continuer ici": "Go on here",
    "{problem}\n\nDes modifications ne sont pas enregistrées dans le fichier : si vous fermez "
    "maintenant, elles seront perdues.":
        "{problem}\n\nSome changes are not saved in the file: if you close now, they will be lost.",
    "Fermer sans enregistrer": "Close without saving", "Ne pas fermer": "Do not close",
    "Modifications non enregistrées": "Unsaved changes",
    "⚠ Modifications NON enregistrées — {problem} Elles sont gardées en mémoire : "
    "ne fermez pas la fenêtre, ou enregistrez une copie ailleurs.":
        "⚠ Changes NOT saved — {problem} They are kept in memory: do not close the window, or save a copy elsewhere.",
    "Tout est de nouveau enregistré.": "Everything is saved again.",
    "Modifications non enregistrées : voir le bandeau.": "Unsaved changes: see the banner.",
    "Ouverture et vérification de « {name} »…": "Opening and checking “{name}”…",
    # proposals' kind and decision (ui/synthesis.py, context "Proposals")
    "Accélère un engagement existant": "Speeds up an existing commitment",
    "Pour le prochain plan d'action": "For the next action plan",
    "— pas encore décidée —": "— not yet decided —", "Retenue": "Accepted", "À l'étude": "Under consideration",
    "Non retenue": "Not accepted",
    # summary editor (ui/synthesis.py)
    "Synthèse des propositions": "Summary of the proposals", "Synthèse — {title}": "Summary — {title}",
    "Synthèse": "Summary", "À l'attention de {who}": "For the attention of {who}",
    "Objet de la synthèse": "Subject of the summary",
    "Synthèse des propositions issues des ateliers…": "Summary of the proposals from the workshops…",
    "&Objet :": "&Subject:", "Texte d'ouverture": "Opening text",
    "Vide : la restitution l'écrit depuis les faits de l'événement.":
        "Empty: the report writes it from the event's facts.",
    "Texte d'o&uverture :": "&Opening text:",
    "&Générer depuis les faits de l'événement": "Generate from the event's &facts",
    "Générer le texte d'ouverture depuis les faits de l'événement": "Generate the opening text from the event's facts",
    "Retours sur le format": "Feedback on the format",
    "- un retour par ligne, commençant par « - »": "- one piece of feedback per line, starting with “-”",
    "Retours sur &le format (une puce « - » par ligne) :": "Feedback on the for&mat (one “-” bullet per line):",
    "Nom de la personne qui valide": "Name of the person approving", "Prénom Nom": "First name Surname",
    "Pa&r :": "&By:", "&Valider la synthèse": "Appro&ve the summary", "Valider la synthèse": "Approve the summary",
    "Rouvrir": "Reopen", "Rouvrir la synthèse": "Reopen the summary", "Réouverture de la synthèse": "Summary reopening",
    "Propositions": "Proposals",
    "Liste des propositions (Alt+Haut / Alt+Bas pour les déplacer)":
        "List of proposals (Alt+Up / Alt+Down to move them)",
    "&Propositions :": "&Proposals:", "&Nouvelle": "&New", "Nouvelle proposition": "New proposal",
    "Nouvelle proposition (Ctrl+N)": "New proposal (Ctrl+N)", "&Supprimer": "&Delete",
    "Supprimer la proposition": "Delete the proposal", "Monter la proposition": "Move the proposal up",
    "Monter (Alt+Haut)": "Move up (Alt+Up)", "Descendre la proposition": "Move the proposal down",
    "Descendre (Alt+Bas)": "Move down (Alt+Down)", "Proposition": "Proposal",
    "Titre court de la proposition": "Short title of the proposal", "&Titre :": "&Title:",
    "Nature de la proposition": "Kind of proposal", "Natur&e :": "&Kind:",
    "Texte de la proposition": "Text of the proposal", "Te&xte :": "Te&xt:",
    "Engagements du plan concernés": "Commitments of the plan concerned", "Engage&ments :": "&Commitments:",
    "Notes à l'origine de la proposition": "Notes the proposal comes from", "Notes d'or&igine :": "So&urce notes:",
    "C&hoisir des notes…": "C&hoose notes…", "Choisir les notes d'origine": "Choose the source notes",
    "Retirer": "Remove", "Retirer la note sélectionnée": "Remove the selected note",
    "&Aller à la note": "&Go to the note", "Aller à la note dans la prise de notes": "Go to the note in the note-taking",
    "Décision": "Decision", "Dé&cision :": "D&ecision:", "Motif de la décision": "Reason for the decision",
    "Moti&f :": "&Reason:", "Date de la décision": "Date of the decision", "&Date :": "D&ate:",
    "✔ Validée par {by} le {at}\nEmpreinte SHA-256 : {fp}": "✔ Approved by {by} on {at}\nSHA-256 fingerprint: {fp}",
    "Synthèse non validée.": "Summary not approved.", "(sans titre)": "(untitled)",
    "engagement(s) {ids}": "commitment(s) {ids}", "Atelier {n} · {section} — {text}": "Workshop {n} · {section} — {text}",
    "(supprimée)": "(deleted)", "Note inconnue {id}": "Unknown note {id}",
    "Titre de la proposition": "Title of the proposal", "Texte d'ouverture généré": "Generated opening text",
    "Validation de la synthèse": "Summary approval", "Suppression de proposition": "Proposal deletion",
    "Déplacement de proposition": "Proposal move", "Engagements de la proposition": "Proposal commitments",
    "Notes d'origine": "Source notes", "Note d'origine retirée": "Source note removal",
    # choosing source notes (ui/synthesis.py NotePicker)
    "Choisir des notes": "Choose notes", "Filtrer les notes": "Filter the notes", "Filtrer par texte…": "Filter by text…",
    "&Filtre :": "&Filter:", "Tous les ateliers": "All workshops", "&Atelier :": "&Workshop:",
    "Notes de tous les ateliers": "Notes from all workshops", "Lier les notes cochées": "Link the ticked notes",
    "Annuler": "Cancel", "{shown} note(s) affichée(s), {checked} cochée(s)": "{shown} note(s) shown, {checked} ticked",
    # note-taker's view (ui/notetaker.py)
    "Vue du rapporteur : notes de tous les ateliers": "Note-taker's view: notes from all workshops",
    "Notes de tous les ateliers — {title}": "Notes from all workshops — {title}", "Section": "Section",
    "&Section :": "&Section:", "Engagement": "Commitment",
    "Notes liées à cet engagement, ou notes sans engagement des ateliers qui le traitent":
        "Notes linked to this commitment, or notes with no commitment from the workshops that cover it",
    "&Engagement :": "C&ommitment:", "Tous": "All", "Votes minimum": "Minimum votes", "&Votes ≥": "&Votes ≥",
    "Filtrer par texte": "Filter by text", "Texte…": "Text…", "&Texte :": "&Text:",
    "Notes de la section dans tous les ateliers": "Notes of the section in all workshops",
    "Contributeur": "Contributor", "Créer une &proposition depuis ces notes": "Create a &proposal from these notes",
    "Créer une proposition depuis les notes sélectionnées": "Create a proposal from the selected notes",
    "{n} note(s)": "{n} note(s)", "Proposition depuis des notes": "Proposal from notes",
    # merging laptops (ui/merge_view.py MergeDialog)
    "Fusionner des portables": "Merge laptops", "Fusionner les fichiers d'autres portables": "Merge the files of other laptops",
    "Les notes des fichiers choisis sont ajoutées à « {name} ». Les fichiers choisis sont seulement lus ; "
    "une copie de sauvegarde du fichier ouvert est faite avant la fusion.":
        "The notes of the chosen files are added to “{name}”. The chosen files are only read; "
        "a backup copy of the open file is made before the merge.",
    "Fichiers à fusionner": "Files to merge", "Fic&hiers à fusionner :": "&Files to merge:",
    "&Ajouter des fichiers…": "&Add files…", "Ajouter des fichiers à fusionner": "Add files to merge",
    "&Retirer": "&Remove", "Retirer le fichier sélectionné": "Remove the selected file", "&Fusionner": "&Merge",
    "Lancer la fusion": "Start the merge", "Fusion en cours": "Merge in progress",
    "Rapport de fusion par atelier": "Merge report by workshop", "Ajoutées": "Added", "Modifiées": "Changed",
    "Supprimées": "Deleted", "Conflits": "Conflicts", "Détail du rapport de fusion": "Merge report details",
    "Résoudre les &conflits…": "Resolve co&nflicts…", "Résoudre les conflits": "Resolve conflicts",
    "Fer&mer": "&Close", "Fermer": "Close", "Fichiers d'événement des autres portables": "Event files from the other laptops",
    "Fusion refusée": "Merge refused",
    "Ces fichiers ne viennent pas du même événement ou de la même version du kit :":
        "These files do not come from the same event or the same version of the kit:",
    "Fusionner quand même": "Merge anyway", "Fusion en cours…": "Merging…", "Fusion refusée.": "Merge refused.",
    "La fusion a échoué ; le fichier ouvert est inchangé.": "The merge failed; the open file is unchanged.",
    "Atelier {n} – {title}": "Workshop {n} – {title}",
    "Fusion terminée : {n} conflit(s) à résoudre.": "Merge finished: {n} conflict(s) to resolve.",
    "Fusion terminée, sans conflit.": "Merge finished, with no conflict.",
    # resolving conflicts (ui/merge_view.py ConflictsView)
    "Conflits à résoudre": "Conflicts to resolve", "Conflits à résoudre — {title}": "Conflicts to resolve — {title}",
    "Liste des conflits": "Conflict list", "Con&flits :": "Con&flicts:", "Versions en conflit": "Conflicting versions",
    "Texte combiné": "Combined text", "Texte combiné des versions": "Combined text of the versions",
    "Garder le texte &combiné": "Keep the co&mbined text", "Garder le texte combiné": "Keep the combined text",
    "Atelier {n} · {section}": "Workshop {n} · {section}", "Proposition\n{title}": "Proposal\n{title}",
    "{n} conflit(s) à résoudre.": "{n} conflict(s) to resolve.",
    "Aucun conflit : tout est fusionné.": "No conflicts: everything is merged.",
    "Liens : {urls}": "Links: {urls}", "Contributeur : {who}": "Contributor: {who}",
    "Engagements : {ids}": "Commitments: {ids}", "Votes : {n}": "Votes: {n}",
    "(supprimée sur ce portable)": "(deleted on this laptop)", "Décision : {d} — {r}": "Decision: {d} — {r}",
    "texte": "text", "place dans le plan": "place in the outline", "liens": "links", "contributeur": "contributor",
    "engagements": "commitments", "votes": "votes", "suppression": "deletion", "titre": "title", "nature": "kind",
    "notes d'origine": "source notes", "décision": "decision", "ordre": "order", "ateliers": "workshops",
    "objet": "subject", "texte d'ouverture": "opening text", "retours sur le format": "feedback on the format",
    "date": "date", "validation": "approval",
    "Supprimée sur un portable, modifiée sur un autre : conservée.":
        "Deleted on one laptop, changed on another: kept.",
    "Modifiée différemment sur plusieurs portables ({fields}).": "Changed differently on several laptops ({fields}).",
    "Version {n} — {device}, {at}": "Version {n} — {device}, {at}", "Version {n}": "Version {n}",
    "Garder la version &{n}": "Keep version &{n}", "Garder la version {n}": "Keep version {n}",
    "Résolution de conflit": "Conflict resolution", "Résolution de conflit (texte combiné)": "Conflict resolution (combined text)",
    # exports (ui/export_dialog.py)
    "Exporter les documents": "Export the documents", "Exporter — {title}": "Export — {title}",
    "Document à exporter": "Document to export", "(pas encore disponible)": "(not available yet)",
    "&Document :": "&Document:", "Annexe « Ce que nous avons entendu »": "“What we heard” appendix",
    "Inclure l'annexe « Ce que nous avons entendu »": "Include the “What we heard” appendix",
    "Format du livret": "Booklet format", "&Format du livret :": "Booklet &format:",
    "CSV pour tableur (avec BOM)": "CSV for spreadsheets (with BOM)",
    "CSV avec indicateur d'ordre des octets pour les tableurs": "CSV with a byte order mark for spreadsheets",
    "A&perçu :": "Pre&view:", "Aperçu du document": "Document preview", "Préparation du document": "Preparing the document",
    "&Enregistrer sous…": "&Save as…", "Enregistrer le document sous": "Save the document as",
    "Restitution (PDF)": "Report (PDF)", "Livret participant (PDF)": "Participant booklet (PDF)",
    "Fiches animateur (PDF)": "Facilitator sheets (PDF)", "Restitution en Markdown": "Report in Markdown",
    "Restitution en page HTML": "Report as an HTML page", "Restitution en OpenDocument (ODT)": "Report in OpenDocument (ODT)",
    "Notes en CSV": "Notes as CSV", "Événement complet en JSON": "Full event as JSON",
    "Propositions et décisions (CSV)": "Proposals and decisions (CSV)",
    "Ce document n'est pas encore disponible dans cette version.": "This document is not available yet in this version.",
    "Préparation de l'aperçu…": "Preparing the preview…", "… ({n} lignes en tout)": "… ({n} lines in all)",
    "{name} : {size} Ko. Choisissez où l'enregistrer.": "{name}: {size} KB. Choose where to save it.",
    "{pages} page(s), {size} Ko.": "{pages} page(s), {size} KB.",
    "Format {size} ; {n} atelier(s) ; {links} lien(s), chacun avec son code QR.":
        "{size} format; {n} workshop(s); {links} link(s), each with its QR code.",
    "L'export a échoué.": "The export failed.", "Enregistrer le document": "Save the document",
    "Écriture de {path}…": "Writing {path}…", "Enregistré : {path}": "Saved: {path}",
}

# the facilitator's hour (issue 15): the atelier being run, …
EN.update({
    "Atelier en cours (minuteur et projection)": "Workshop being run (timer and projector)",
    "Vous consultez l'atelier {n}. Le minuteur et la projection restent sur l'atelier {run}, l'atelier en cours.":
        "You are looking at workshop {n}. The timer and the projector stay on workshop {run}, the one being run.",
    "&Revenir à l'atelier en cours": "&Back to the workshop being run",
    "Revenir à l'atelier en cours": "Back to the workshop being run",
    "A&nimer cet atelier": "&Run this workshop",
    "Animer l'atelier consulté (minuteur et projection)": "Run the workshop shown (timer and projector)",
    # the Aide menu: the shortcut sheet, « À propos »
    "A&ide": "&Help", "&Raccourcis clavier…": "&Keyboard shortcuts…", "Raccourcis clavier": "Keyboard shortcuts",
    "À &propos de facilitator…": "&About facilitator…", "À propos de facilitator": "About facilitator",
    "À propos de &Qt": "About &Qt", "Liste des raccourcis clavier": "List of the keyboard shortcuts",
    "&Imprimer…": "&Print…", "Imprimer les raccourcis clavier": "Print the keyboard shortcuts",
    "Raccourcis clavier de facilitator": "facilitator's keyboard shortcuts", "Licences": "Licences",
    "Prise de notes et restitution d'ateliers de gouvernement ouvert, hors ligne.":
        "Note-taking and reporting for open-government workshops, offline.",
    "Dans une note du plan": "In a note of the outline",
    "Nouvelle note en dessous": "New note below", "Nouvelle ligne dans la note": "New line in the note",
    "Décaler la note à droite (sous-note)": "Indent the note (sub-note)", "Décaler la note à gauche": "Outdent the note",
    "Monter la note": "Move the note up", "Descendre la note": "Move the note down",
    "Supprimer la note vide": "Delete the empty note",
    "Note précédente / suivante (depuis la première / dernière ligne)":
        "Previous / next note (from the first / last line)",
    "Quitter le plan : vers le panneau latéral (Échap y revient à la note)":
        "Leave the outline: to the side panel (Esc there goes back to the note)",
    "Quitter le plan : vers la liste des ateliers": "Leave the outline: to the workshop list",
    "Dans la zone des notes (atteinte par Tab) : entrer dans la note en cours":
        "In the notes area (reached by Tab): go into the current note",
    "Plein écran": "Full screen", "Quitter le plein écran": "Leave full screen",
    "Fermer la vue projecteur": "Close the projector view",
    # the « Après l'événement » menu (translated since issue 15)
    "Après l'é&vénement": "After the e&vent", "&Synthèse et propositions…": "&Summary and proposals…",
    "&Notes de tous les ateliers…": "&Notes of every workshop…", "&Fusionner des portables…": "&Merge laptops…",
    "&Conflits à résoudre…": "&Conflicts to resolve…", "&Exporter…": "E&xport…",
})


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
