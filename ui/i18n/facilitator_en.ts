<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en_GB" sourcelanguage="fr_FR">
<context>
    <name>App</name>
    <message>
        <location filename="../app.py" line="85" />
        <source>Ouvrir un fichier d'événement</source>
        <translation>Open an event file</translation>
    </message>
    <message>
        <location filename="../app.py" line="86" />
        <source>Événements facilitator (*.facilitator);;Tous les fichiers (*)</source>
        <translation>facilitator events (*.facilitator);;All files (*)</translation>
    </message>
</context>
<context>
    <name>Contributors</name>
    <message>
        <location filename="../panels.py" line="29" />
        <source>Administration</source>
        <translation>Administration</translation>
    </message>
    <message>
        <location filename="../panels.py" line="30" />
        <source>Société civile</source>
        <translation>Civil society</translation>
    </message>
    <message>
        <location filename="../panels.py" line="31" />
        <source>Citoyen·ne</source>
        <translation>Citizen</translation>
    </message>
    <message>
        <location filename="../panels.py" line="32" />
        <source>Autre</source>
        <translation>Other</translation>
    </message>
</context>
<context>
    <name>ErrorHandler</name>
    <message>
        <location filename="../errors.py" line="25" />
        <source>Erreur interne inattendue : {error}.
Vos notes déjà saisies sont enregistrées.
Le détail a été écrit dans {log}</source>
        <translation>Unexpected internal error: {error}.
The notes already typed are saved.
The details were written to {log}</translation>
    </message>
    <message>
        <location filename="../errors.py" line="33" />
        <source>Message d'erreur</source>
        <translation>Error message</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../mainwindow.py" line="56" />
        <source>Prise de notes de l'atelier</source>
        <translation>Workshop note-taking</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="58" />
        <source>{title} — {file} — facilitator</source>
        <translation>{title} — {file} — facilitator</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="73" />
        <source>&amp;Ateliers</source>
        <translation>&amp;Workshops</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="79" />
        <location filename="../mainwindow.py" line="192" />
        <source>Liste des ateliers</source>
        <translation>Workshop list</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="99" />
        <source>Question de l'atelier</source>
        <translation>Workshop question</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="113" />
        <source>Notes de l'atelier, par section</source>
        <translation>Workshop notes, by section</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="130" />
        <source>Panneau latéral</source>
        <translation>Side panel</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="134" />
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="135" />
        <source>Atelier</source>
        <translation>Workshop</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="136" />
        <location filename="../mainwindow.py" line="193" />
        <source>Participants</source>
        <translation>Participants</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="148" />
        <source>Chaque modification est enregistrée immédiatement.</source>
        <translation>Every change is saved immediately.</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="164" />
        <source>&amp;Fichier</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="165" />
        <source>&amp;Ouvrir un fichier d'événement…</source>
        <translation>&amp;Open an event file…</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="166" />
        <source>&amp;Accueil (créer, démo)…</source>
        <translation>&amp;Start screen (create, demo)…</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="168" />
        <source>&amp;Quitter</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="170" />
        <source>É&amp;dition</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="171" />
        <source>&amp;Annuler</source>
        <translation>&amp;Undo</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="172" />
        <source>&amp;Rétablir</source>
        <translation>&amp;Redo</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="178" />
        <source>&amp;Rechercher</source>
        <translation>&amp;Search</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="179" />
        <source>Vote +1</source>
        <translation>Vote +1</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="180" />
        <source>Vote −1</source>
        <translation>Vote −1</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="181" />
        <source>Détails de la note</source>
        <translation>Note details</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="183" />
        <source>&amp;Atelier</source>
        <translation>&amp;Workshop</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="184" />
        <source>Atelier suivant</source>
        <translation>Next workshop</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="185" />
        <source>Atelier précédent</source>
        <translation>Previous workshop</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="186" />
        <source>Section suivante</source>
        <translation>Next section</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="187" />
        <source>Section précédente</source>
        <translation>Previous section</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="188" />
        <source>Aller à la section…</source>
        <translation>Go to section…</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="195" />
        <source>Détails de l'atelier</source>
        <translation>Workshop details</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="198" />
        <source>&amp;Minuteur</source>
        <translation>&amp;Timer</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="199" />
        <source>Démarrer / pause</source>
        <translation>Start / pause</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="200" />
        <source>Phase suivante</source>
        <translation>Next phase</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="201" />
        <source>+5 minutes</source>
        <translation>+5 minutes</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="203" />
        <source>&amp;Projection</source>
        <translation>&amp;Projector</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="204" />
        <source>Afficher / masquer la vue projecteur</source>
        <translation>Show / hide the projector view</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="208" />
        <source>Section en cours</source>
        <translation>Current section</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="208" />
        <source>Toutes les sections</source>
        <translation>All sections</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="217" />
        <source>Texte plus grand</source>
        <translation>Larger text</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="218" />
        <source>Texte plus petit</source>
        <translation>Smaller text</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="219" />
        <source>Thème clair / sombre</source>
        <translation>Light / dark theme</translation>
    </message>
    <message>
        <location filename="../mainwindow.py" line="358" />
        <source>Aller à la section</source>
        <translation>Go to section</translation>
    </message>
</context>
<context>
    <name>NoteDetails</name>
    <message>
        <location filename="../panels.py" line="44" />
        <source>Détails de la note</source>
        <translation>Note details</translation>
    </message>
    <message>
        <location filename="../panels.py" line="46" />
        <location filename="../panels.py" line="131" />
        <source>Aucune note sélectionnée</source>
        <translation>No note selected</translation>
    </message>
    <message>
        <location filename="../panels.py" line="53" />
        <source>Adresses web de la note</source>
        <translation>Web addresses of the note</translation>
    </message>
    <message>
        <location filename="../panels.py" line="54" />
        <source>https://… (plusieurs : séparées par des espaces)</source>
        <translation>https://… (several: separated by spaces)</translation>
    </message>
    <message>
        <location filename="../panels.py" line="56" />
        <source>&amp;Liens :</source>
        <translation>&amp;Links:</translation>
    </message>
    <message>
        <location filename="../panels.py" line="61" />
        <source>Type de contributeur</source>
        <translation>Contributor type</translation>
    </message>
    <message>
        <location filename="../panels.py" line="62" />
        <source>— non précisé —</source>
        <translation>— not given —</translation>
    </message>
    <message>
        <location filename="../panels.py" line="68" />
        <source>&amp;Contributeur :</source>
        <translation>&amp;Contributor:</translation>
    </message>
    <message>
        <location filename="../panels.py" line="73" />
        <source>Retirer un vote</source>
        <translation>Remove a vote</translation>
    </message>
    <message>
        <location filename="../panels.py" line="74" />
        <source>Retirer un vote (Ctrl+-)</source>
        <translation>Remove a vote (Ctrl+-)</translation>
    </message>
    <message>
        <location filename="../panels.py" line="78" />
        <source>Votes</source>
        <translation>Votes</translation>
    </message>
    <message>
        <location filename="../panels.py" line="82" />
        <source>Ajouter un vote</source>
        <translation>Add a vote</translation>
    </message>
    <message>
        <location filename="../panels.py" line="83" />
        <source>Ajouter un vote (Ctrl++)</source>
        <translation>Add a vote (Ctrl++)</translation>
    </message>
    <message>
        <location filename="../panels.py" line="88" />
        <source>Votes :</source>
        <translation>Votes:</translation>
    </message>
    <message>
        <location filename="../panels.py" line="90" />
        <source>&amp;Engagements liés :</source>
        <translation>Linked comm&amp;itments:</translation>
    </message>
    <message>
        <location filename="../panels.py" line="93" />
        <source>Engagements liés à la note</source>
        <translation>Commitments linked to the note</translation>
    </message>
    <message>
        <location filename="../panels.py" line="136" />
        <source>Note : {text}</source>
        <translation>Note: {text}</translation>
    </message>
</context>
<context>
    <name>NoteEdit</name>
    <message>
        <location filename="../outline.py" line="71" />
        <source>Nouvelle note…</source>
        <translation>New note…</translation>
    </message>
    <message>
        <location filename="../outline.py" line="72" />
        <source>Note</source>
        <translation>Note</translation>
    </message>
</context>
<context>
    <name>NoteLine</name>
    <message>
        <location filename="../outline.py" line="185" />
        <source>Puce</source>
        <translation>Bullet</translation>
    </message>
    <message>
        <location filename="../outline.py" line="190" />
        <source>Résumé de la note</source>
        <translation>Note summary</translation>
    </message>
    <message>
        <location filename="../outline.py" line="214" />
        <source>lien</source>
        <translation>link</translation>
    </message>
</context>
<context>
    <name>ParticipantsForm</name>
    <message>
        <location filename="../panels.py" line="253" />
        <source>Participants de l'atelier</source>
        <translation>Workshop participants</translation>
    </message>
    <message>
        <location filename="../panels.py" line="264" />
        <source>Participants : {type}</source>
        <translation>Participants: {type}</translation>
    </message>
    <message>
        <location filename="../panels.py" line="289" />
        <source>Participants de l'atelier {n}</source>
        <translation>Participants of workshop {n}</translation>
    </message>
    <message>
        <location filename="../panels.py" line="294" />
        <source>Total de l'atelier : {n}</source>
        <translation>Workshop total: {n}</translation>
    </message>
    <message>
        <location filename="../panels.py" line="300" />
        <source>Total de l'événement : {n} — parité administration / société civile et citoyens : {a} % / {b} %</source>
        <translation>Event total: {n} — parity administration / civil society and citizens: {a}% / {b}%</translation>
    </message>
    <message>
        <location filename="../panels.py" line="304" />
        <source>Total de l'événement : 0</source>
        <translation>Event total: 0</translation>
    </message>
</context>
<context>
    <name>PhaseTimer</name>
    <message>
        <location filename="../timer.py" line="136" />
        <source>Minuteur des phases</source>
        <translation>Phase timer</translation>
    </message>
    <message>
        <location filename="../timer.py" line="144" />
        <source>Phase en cours</source>
        <translation>Current phase</translation>
    </message>
    <message>
        <location filename="../timer.py" line="148" />
        <source>Temps restant</source>
        <translation>Time left</translation>
    </message>
    <message>
        <location filename="../timer.py" line="158" />
        <source>Démarrer ou mettre en pause le minuteur</source>
        <translation>Start or pause the timer</translation>
    </message>
    <message>
        <location filename="../timer.py" line="159" />
        <source>Démarrer / pause (F8)</source>
        <translation>Start / pause (F8)</translation>
    </message>
    <message>
        <location filename="../timer.py" line="161" />
        <source>Phase suivante</source>
        <translation>Next phase</translation>
    </message>
    <message>
        <location filename="../timer.py" line="162" />
        <source>Passer à la phase suivante</source>
        <translation>Go to the next phase</translation>
    </message>
    <message>
        <location filename="../timer.py" line="163" />
        <source>Phase suivante (F9)</source>
        <translation>Next phase (F9)</translation>
    </message>
    <message>
        <location filename="../timer.py" line="165" />
        <source>+5 min</source>
        <translation>+5 min</translation>
    </message>
    <message>
        <location filename="../timer.py" line="166" />
        <source>Ajouter cinq minutes à la phase</source>
        <translation>Add five minutes to the phase</translation>
    </message>
    <message>
        <location filename="../timer.py" line="167" />
        <source>Ajouter 5 minutes (F10)</source>
        <translation>Add 5 minutes (F10)</translation>
    </message>
    <message>
        <location filename="../timer.py" line="200" />
        <source>Phase {n}/{total} : {title}</source>
        <translation>Phase {n}/{total}: {title}</translation>
    </message>
    <message>
        <location filename="../timer.py" line="203" />
        <source>Temps écoulé {over}</source>
        <translation>Time is up {over}</translation>
    </message>
    <message>
        <location filename="../timer.py" line="211" />
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <location filename="../timer.py" line="211" />
        <source>Démarrer</source>
        <translation>Start</translation>
    </message>
</context>
<context>
    <name>ProjectorView</name>
    <message>
        <location filename="../projector.py" line="36" />
        <source>facilitator — projection</source>
        <translation>facilitator — projector</translation>
    </message>
    <message>
        <location filename="../projector.py" line="37" />
        <source>Vue projecteur</source>
        <translation>Projector view</translation>
    </message>
    <message>
        <location filename="../projector.py" line="50" />
        <source>Question de l'atelier</source>
        <translation>Workshop question</translation>
    </message>
    <message>
        <location filename="../projector.py" line="53" />
        <source>Phase et temps restant</source>
        <translation>Phase and time left</translation>
    </message>
    <message>
        <location filename="../projector.py" line="57" />
        <source>Notes projetées</source>
        <translation>Projected notes</translation>
    </message>
    <message>
        <location filename="../projector.py" line="147" />
        <source>Atelier {n} — {q}</source>
        <translation>Workshop {n} — {q}</translation>
    </message>
    <message>
        <location filename="../projector.py" line="158" />
        <source>Temps écoulé {over}</source>
        <translation>Time is up {over}</translation>
    </message>
    <message>
        <location filename="../projector.py" line="159" />
        <source>{left} restantes</source>
        <translation>{left} left</translation>
    </message>
</context>
<context>
    <name>SearchPanel</name>
    <message>
        <location filename="../panels.py" line="334" />
        <source>Rechercher dans toutes les notes</source>
        <translation>Search all notes</translation>
    </message>
    <message>
        <location filename="../panels.py" line="335" />
        <source>Rechercher (Ctrl+F)</source>
        <translation>Search (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../panels.py" line="340" />
        <source>Filtrer par type de contributeur</source>
        <translation>Filter by contributor type</translation>
    </message>
    <message>
        <location filename="../panels.py" line="341" />
        <source>Tous les contributeurs</source>
        <translation>All contributors</translation>
    </message>
    <message>
        <location filename="../panels.py" line="346" />
        <source>Filtrer par engagement</source>
        <translation>Filter by commitment</translation>
    </message>
    <message>
        <location filename="../panels.py" line="347" />
        <source>Tous les engagements</source>
        <translation>All commitments</translation>
    </message>
    <message>
        <location filename="../panels.py" line="357" />
        <source>Résultats de la recherche</source>
        <translation>Search results</translation>
    </message>
    <message>
        <location filename="../panels.py" line="394" />
        <source>Tapez un mot ou choisissez un filtre</source>
        <translation>Type a word or choose a filter</translation>
    </message>
    <message>
        <location filename="../panels.py" line="405" />
        <source>Aucune note trouvée</source>
        <translation>No note found</translation>
    </message>
    <message>
        <location filename="../panels.py" line="406" />
        <source>{n} résultat(s)</source>
        <translation>{n} result(s)</translation>
    </message>
</context>
<context>
    <name>SectionEditor</name>
    <message>
        <location filename="../outline.py" line="232" />
        <source>Section {title}</source>
        <translation>Section {title}</translation>
    </message>
    <message>
        <location filename="../outline.py" line="252" />
        <source>+ Ajouter une note</source>
        <translation>+ Add a note</translation>
    </message>
    <message>
        <location filename="../outline.py" line="254" />
        <source>Ajouter une note dans « {title} »</source>
        <translation>Add a note to “{title}”</translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message>
        <location filename="../session.py" line="111" />
        <source>Nouvelle note</source>
        <translation>New note</translation>
    </message>
    <message>
        <location filename="../session.py" line="111" />
        <source>Suppression de note</source>
        <translation>Note deletion</translation>
    </message>
    <message>
        <location filename="../session.py" line="112" />
        <source>Décalage à droite</source>
        <translation>Indent</translation>
    </message>
    <message>
        <location filename="../session.py" line="112" />
        <source>Décalage à gauche</source>
        <translation>Outdent</translation>
    </message>
    <message>
        <location filename="../session.py" line="113" />
        <source>Déplacement vers le haut</source>
        <translation>Move up</translation>
    </message>
    <message>
        <location filename="../session.py" line="113" />
        <source>Déplacement vers le bas</source>
        <translation>Move down</translation>
    </message>
    <message>
        <location filename="../session.py" line="114" />
        <source>Déplacement</source>
        <translation>Move</translation>
    </message>
    <message>
        <location filename="../session.py" line="114" />
        <source>Modification de note</source>
        <translation>Note edit</translation>
    </message>
    <message>
        <location filename="../session.py" line="115" />
        <source>Vote</source>
        <translation>Vote</translation>
    </message>
    <message>
        <location filename="../session.py" line="115" />
        <source>Participants</source>
        <translation>Participants</translation>
    </message>
    <message>
        <location filename="../session.py" line="222" />
        <source>Saisie</source>
        <translation>Typing</translation>
    </message>
</context>
<context>
    <name>StartScreen</name>
    <message>
        <location filename="../start.py" line="30" />
        <source>Accueil de facilitator</source>
        <translation>facilitator start screen</translation>
    </message>
    <message>
        <location filename="../start.py" line="33" />
        <source>facilitator — ateliers de gouvernement ouvert</source>
        <translation>facilitator — open government workshops</translation>
    </message>
    <message>
        <location filename="../start.py" line="39" />
        <source>Tout fonctionne hors ligne ; chaque note est enregistrée dès sa saisie.</source>
        <translation>Everything works offline; every note is saved as it is typed.</translation>
    </message>
    <message>
        <location filename="../start.py" line="41" />
        <source>&amp;Ouvrir un fichier d'événement…</source>
        <translation>&amp;Open an event file…</translation>
    </message>
    <message>
        <location filename="../start.py" line="42" />
        <source>&amp;Créer un événement depuis un kit…</source>
        <translation>&amp;Create an event from a kit…</translation>
    </message>
    <message>
        <location filename="../start.py" line="43" />
        <source>Ouvrir la &amp;démo 2016 (Ministère ouvert #1)</source>
        <translation>Open the 2016 &amp;demo (Ministère ouvert #1)</translation>
    </message>
    <message>
        <location filename="../start.py" line="55" />
        <source>Fichiers &amp;récents :</source>
        <translation>&amp;Recent files:</translation>
    </message>
    <message>
        <location filename="../start.py" line="58" />
        <source>Fichiers récents</source>
        <translation>Recent files</translation>
    </message>
    <message>
        <location filename="../start.py" line="87" />
        <source>Choisir le kit</source>
        <translation>Choose the kit</translation>
    </message>
    <message>
        <location filename="../start.py" line="88" />
        <source>Kits (*.yaml *.yml)</source>
        <translation>Kits (*.yaml *.yml)</translation>
    </message>
    <message>
        <location filename="../start.py" line="91" />
        <source>Nouveau fichier d'événement</source>
        <translation>New event file</translation>
    </message>
</context>
<context>
    <name>WorkshopDetails</name>
    <message>
        <location filename="../panels.py" line="198" />
        <source>Détails de l'atelier</source>
        <translation>Workshop details</translation>
    </message>
    <message>
        <location filename="../panels.py" line="204" />
        <source>Atelier {n}</source>
        <translation>Workshop {n}</translation>
    </message>
    <message>
        <location filename="../panels.py" line="205" />
        <source>Administration pilote :</source>
        <translation>Lead administration:</translation>
    </message>
    <message>
        <location filename="../panels.py" line="205" />
        <source>Engagements traités</source>
        <translation>Commitments covered</translation>
    </message>
    <message>
        <location filename="../panels.py" line="205" />
        <source>Contexte</source>
        <translation>Context</translation>
    </message>
    <message>
        <location filename="../panels.py" line="206" />
        <source>Organisations représentées</source>
        <translation>Organisations represented</translation>
    </message>
    <message>
        <location filename="../panels.py" line="206" />
        <source>Phases</source>
        <translation>Phases</translation>
    </message>
    <message>
        <location filename="../panels.py" line="210" />
        <source>Salle : {room}</source>
        <translation>Room: {room}</translation>
    </message>
    <message>
        <location filename="../panels.py" line="213" />
        <source>Horaire : {span}</source>
        <translation>Time: {span}</translation>
    </message>
    <message>
        <location filename="../panels.py" line="229" />
        <source>À parcourir avant l'atelier</source>
        <translation>To read before the workshop</translation>
    </message>
    <message>
        <location filename="../panels.py" line="230" />
        <source>Accès en ligne</source>
        <translation>Online access</translation>
    </message>
</context>
</TS>