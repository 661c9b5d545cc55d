<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en_GB" sourcelanguage="fr_FR">
<context>
    <name>App</name>
    <message>
        <location filename="../shell/app.py" line="204" />
        <source>Ouverture et vérification de « {name} »…</source>
        <translation>Opening and checking “{name}”…</translation>
    </message>
    <message>
        <location filename="../shell/app.py" line="275" />
        <source>Ouvrir un fichier d'événement</source>
        <translation>Open an event file</translation>
    </message>
    <message>
        <location filename="../common/documents.py" line="16" />
        <source>Événements facilitator (*.facilitator);;Tous les fichiers (*)</source>
        <translation>facilitator events (*.facilitator);;All files (*)</translation>
    </message>
</context>
<context>
    <name>BookletPreview</name>
    <message>
        <location filename="../prepare/kit_preview.py" line="93" />
        <source>Livret des participants</source>
        <translation>Participant booklet</translation>
    </message>
    <message>
        <location filename="../prepare/kit_preview.py" line="94" />
        <source>Fiches des animateurs</source>
        <translation>Facilitator sheets</translation>
    </message>
    <message>
        <location filename="../prepare/kit_preview.py" line="95" />
        <source>Document prévisualisé</source>
        <translation>Previewed document</translation>
    </message>
    <message>
        <location filename="../prepare/kit_preview.py" line="108" />
        <source>Pages</source>
        <translation>Pages</translation>
    </message>
    <message>
        <location filename="../prepare/kit_preview.py" line="112" />
        <source>QR codes</source>
        <translation>QR codes</translation>
    </message>
    <message>
        <location filename="../prepare/kit_preview.py" line="133" />
        <source>Aperçu en attente : le kit a {n} erreur(s) ; les pages montrées sont celles de la dernière version sans erreur.</source>
        <translation>Preview waiting: the kit has {n} error(s); the pages shown are those of the last version without errors.</translation>
    </message>
    <message>
        <location filename="../prepare/kit_preview.py" line="140" />
        <source>Mise en page…</source>
        <translation>Laying out…</translation>
    </message>
    <message>
        <location filename="../prepare/kit_preview.py" line="164" />
        <source>{n} page(s), mises en page en {ms} ms.</source>
        <translation>{n} page(s), laid out in {ms} ms.</translation>
    </message>
    <message>
        <location filename="../prepare/kit_preview.py" line="167" />
        <source>Aperçu des pages indisponible : l'outil pdftoppm (poppler) n'est pas installé. Les QR codes restent visibles.</source>
        <translation>Page preview unavailable: the pdftoppm tool (poppler) is not installed. The QR codes are still shown.</translation>
    </message>
    <message>
        <location filename="../prepare/kit_preview.py" line="175" />
        <source>Aperçu impossible : {error}</source>
        <translation>Preview impossible: {error}</translation>
    </message>
</context>
<context>
    <name>ConflictsView</name>
    <message>
        <location filename="../after/merge_view.py" line="314" />
        <source>Conflits à résoudre</source>
        <translation>Conflicts to resolve</translation>
    </message>
    <message>
        <location filename="../after/merge_view.py" line="315" />
        <source>Conflits à résoudre — {title}</source>
        <translation>Conflicts to resolve — {title}</translation>
    </message>
    <message>
        <location filename="../after/merge_view.py" line="324" />
        <source>Liste des conflits</source>
        <translation>Conflict list</translation>
    </message>
    <message>
        <location filename="../after/merge_view.py" line="327" />
        <source>Con&amp;flits :</source>
        <translation>Con&amp;flicts:</translation>
    </message>
    <message>
        <location filename="../after/merge_view.py" line="347" />
        <source>Versions en conflit</source>
        <translation>Conflicting versions</translation>
    </message>
    <message>
        <location filename="../after/merge_view.py" line="353" />
        <source>Texte combiné</source>
        <translation>Combined text</translation>
    </message>
    <message>
        <location filename="../after/merge_view.py" line="357" />
        <source>Texte combiné des versions</source>
        <translation>Combined text of the versions</translation>
    </message>
    <message>
        <location filename="../after/merge_view.py" line="361" />
        <source>&amp;Aller à la note</source>
        <translation>&amp;Go to the note</translation>
    </message>
    <message>
        <location filename="../after/merge_view.py" line="363" />
        <source>Aller à la note dans la prise de notes</source>
        <translation>Go to the note in the note-taking</translation>
    </message>
    <message>
        <location filename="../after/merge_view.py" line="365" />
        <source>Garder le texte &amp;combiné</source>
        <translation>Keep the co&amp;mbined text</translation>
    </message>
    <message>
        <location filename="../after/merge_view.py" line="367" />
        <source>Garder le texte combiné</source>
        <translation>Keep the combined text</translation>
    </message>
    <message>
        <location filename="../after/merge_view.py" line="390" />
        <source>Atelier {n} · {section}</source>
        <translation>Workshop {n} · {section}</translation>
    </message>
    <message>
        <location filename="../after/merge_view.py" line="393" />
        <source>Proposition
{title}</source>
        <translation>Proposal
{title}</translation>
    </message>
    <message>
        <location filename="../after/merge_view.py" line="394" />
        <source>Synthèse</source>
        <translation>Summary</translation>
    </message>
    <message>
        <location filename="../after/merge_view.py" line="409" />
        <source>{n} conflit(s) à résoudre.</source>
        <translation>{n} conflict(s) to resolve.</translation>
    </message>
    <message>
        <location filename="../after/merge_view.py" line="410" />
        <source>Aucun conflit : tout est fusionné.</source>
        <translation>No conflicts: everything is merged.</translation>
    </message>
    <message>
        <location filename="../after/merge_view.py" line="427" />
        <source>Liens : {urls}</source>
        <translation>Links: {urls}</translation>
    </message>
    <message>
        <location filename="../after/merge_view.py" line="429" />
        <source>Contributeur : {who}</source>
        <translation>Contributor: {who}</translation>
    </message>
    <message>
        <location filename="../after/merge_view.py" line="432" />
        <source>Engagements : {ids}</source>
        <translation>Commitments: {ids}</translation>
    </message>
    <message>
        <location filename="../after/merge_view.py" line="434" />
        <source>Votes : {n}</source>
        <translation>Votes: {n}</translation>
    </message>
    <message>
        <location filename="../after/merge_view.py" line="436" />
        <location filename="../after/merge_view.py" line="443" />
        <source>(supprimée sur ce portable)</source>
        <translation>(deleted on this laptop)</translation>
    </message>
    <message>
        <location filename="../after/merge_view.py" line="441" />
        <source>Décision : {d} — {r}</source>
        <translation>Decision: {d} — {r}</translation>
    </message>
    <message>
        <location filename="../after/merge_view.py" line="448" />
        <source>texte</source>
        <translation>text</translation>
    </message>
    <message>
        <location filename="../after/merge_view.py" line="448" />
        <source>place dans le plan</source>
        <translation>place in the outline</translation>
    </message>
    <message>
        <location filename="../after/merge_view.py" line="448" />
        <source>liens</source>
        <translation>links</translation>
    </message>
    <message>
        <location filename="../after/merge_view.py" line="449" />
        <source>contributeur</source>
        <translation>contributor</translation>
    </message>
    <message>
        <location filename="../after/merge_view.py" line="449" />
        <source>engagements</source>
        <translation>commitments</translation>
    </message>
    <message>
        <location filename="../after/merge_view.py" line="450" />
        <source>votes</source>
        <translation>votes</translation>
    </message>
    <message>
        <location filename="../after/merge_view.py" line="450" />
        <source>suppression</source>
        <translation>deletion</translation>
    </message>
    <message>
        <location filename="../after/merge_view.py" line="450" />
        <source>titre</source>
        <translation>title</translation>
    </message>
    <message>
        <location filename="../after/merge_view.py" line="451" />
        <source>nature</source>
        <translation>kind</translation>
    </message>
    <message>
        <location filename="../after/merge_view.py" line="451" />
        <source>notes d'origine</source>
        <translation>source notes</translation>
    </message>
    <message>
        <location filename="../after/merge_view.py" line="451" />
        <source>décision</source>
        <translation>decision</translation>
    </message>
    <message>
        <location filename="../after/merge_view.py" line="452" />
        <source>ordre</source>
        <translation>order</translation>
    </message>
    <message>
        <location filename="../after/merge_view.py" line="452" />
        <source>ateliers</source>
        <translation>workshops</translation>
    </message>
    <message>
        <location filename="../after/merge_view.py" line="452" />
        <source>objet</source>
        <translation>subject</translation>
    </message>
    <message>
        <location filename="../after/merge_view.py" line="453" />
        <source>texte d'ouverture</source>
        <translation>opening text</translation>
    </message>
    <message>
        <location filename="../after/merge_view.py" line="453" />
        <source>retours sur le format</source>
        <translation>feedback on the format</translation>
    </message>
    <message>
        <location filename="../after/merge_view.py" line="454" />
        <source>date</source>
        <translation>date</translation>
    </message>
    <message>
        <location filename="../after/merge_view.py" line="454" />
        <source>validation</source>
        <translation>approval</translation>
    </message>
    <message>
        <location filename="../after/merge_view.py" line="470" />
        <source>Supprimée sur un portable, modifiée sur un autre : conservée.</source>
        <translation>Deleted on one laptop, changed on another: kept.</translation>
    </message>
    <message>
        <location filename="../after/merge_view.py" line="471" />
        <source>Modifiée différemment sur plusieurs portables ({fields}).</source>
        <translation>Changed differently on several laptops ({fields}).</translation>
    </message>
    <message>
        <location filename="../after/merge_view.py" line="479" />
        <source>Version {n} — {laptop}, {at}</source>
        <translation>Version {n} — {laptop}, {at}</translation>
    </message>
    <message>
        <location filename="../after/merge_view.py" line="489" />
        <source>Version {n}</source>
        <translation>Version {n}</translation>
    </message>
    <message>
        <location filename="../after/merge_view.py" line="492" />
        <source>Garder la version &amp;{n}</source>
        <translation>Keep version &amp;{n}</translation>
    </message>
    <message>
        <location filename="../after/merge_view.py" line="494" />
        <source>Garder la version {n}</source>
        <translation>Keep version {n}</translation>
    </message>
    <message>
        <location filename="../after/merge_view.py" line="508" />
        <source>Résolution de conflit</source>
        <translation>Conflict resolution</translation>
    </message>
    <message>
        <location filename="../after/merge_view.py" line="516" />
        <source>Résolution de conflit (texte combiné)</source>
        <translation>Conflict resolution (combined text)</translation>
    </message>
</context>
<context>
    <name>Contributors</name>
    <message>
        <location filename="../capture/panels.py" line="26" />
        <source>Administration</source>
        <translation>Administration</translation>
    </message>
    <message>
        <location filename="../capture/panels.py" line="27" />
        <source>Société civile</source>
        <translation>Civil society</translation>
    </message>
    <message>
        <location filename="../capture/panels.py" line="28" />
        <source>Citoyen·ne</source>
        <translation>Citizen</translation>
    </message>
    <message>
        <location filename="../capture/panels.py" line="29" />
        <source>Autre</source>
        <translation>Other</translation>
    </message>
</context>
<context>
    <name>ErrorHandler</name>
    <message>
        <location filename="../common/errors.py" line="24" />
        <source>Erreur interne inattendue : {error}.
Vos notes déjà saisies sont enregistrées.
Le détail a été écrit dans {log}</source>
        <translation>Unexpected internal error: {error}.
The notes already typed are saved.
The details were written to {log}</translation>
    </message>
    <message>
        <location filename="../common/errors.py" line="33" />
        <location filename="../common/errors.py" line="46" />
        <source>Message d'erreur</source>
        <translation>Error message</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../after/export_dialog.py" line="137" />
        <source>Exporter les documents</source>
        <translation>Export the documents</translation>
    </message>
    <message>
        <location filename="../after/export_dialog.py" line="138" />
        <source>Exporter — {title}</source>
        <translation>Export — {title}</translation>
    </message>
    <message>
        <location filename="../after/export_dialog.py" line="148" />
        <source>Document à exporter</source>
        <translation>Document to export</translation>
    </message>
    <message>
        <location filename="../after/export_dialog.py" line="155" />
        <source>(pas encore disponible)</source>
        <translation>(not available yet)</translation>
    </message>
    <message>
        <location filename="../after/export_dialog.py" line="157" />
        <source>&amp;Document :</source>
        <translation>&amp;Document:</translation>
    </message>
    <message>
        <location filename="../after/export_dialog.py" line="161" />
        <source>Annexe « Ce que nous avons entendu »</source>
        <translation>“What we heard” appendix</translation>
    </message>
    <message>
        <location filename="../after/export_dialog.py" line="163" />
        <source>Inclure l'annexe « Ce que nous avons entendu »</source>
        <translation>Include the “What we heard” appendix</translation>
    </message>
    <message>
        <location filename="../after/export_dialog.py" line="169" />
        <source>Format du livret</source>
        <translation>Booklet format</translation>
    </message>
    <message>
        <location filename="../after/export_dialog.py" line="172" />
        <source>&amp;Format du livret :</source>
        <translation>Booklet &amp;format:</translation>
    </message>
    <message>
        <location filename="../after/export_dialog.py" line="177" />
        <source>CSV pour tableur (avec BOM)</source>
        <translation>CSV for spreadsheets (with BOM)</translation>
    </message>
    <message>
        <location filename="../after/export_dialog.py" line="179" />
        <source>CSV avec indicateur d'ordre des octets pour les tableurs</source>
        <translation>CSV with a byte order mark for spreadsheets</translation>
    </message>
    <message>
        <location filename="../after/export_dialog.py" line="186" />
        <source>A&amp;perçu :</source>
        <translation>Pre&amp;view:</translation>
    </message>
    <message>
        <location filename="../after/export_dialog.py" line="189" />
        <source>Aperçu du document</source>
        <translation>Document preview</translation>
    </message>
    <message>
        <location filename="../after/export_dialog.py" line="202" />
        <source>Préparation du document</source>
        <translation>Preparing the document</translation>
    </message>
    <message>
        <location filename="../after/export_dialog.py" line="211" />
        <source>&amp;Enregistrer sous…</source>
        <translation>&amp;Save as…</translation>
    </message>
    <message>
        <location filename="../after/export_dialog.py" line="213" />
        <source>Enregistrer le document sous</source>
        <translation>Save the document as</translation>
    </message>
    <message>
        <location filename="../after/export_dialog.py" line="216" />
        <source>Fer&amp;mer</source>
        <translation>&amp;Close</translation>
    </message>
    <message>
        <location filename="../after/export_dialog.py" line="217" />
        <source>Fermer</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../after/export_dialog.py" line="233" />
        <source>Restitution (PDF)</source>
        <translation>Report (PDF)</translation>
    </message>
    <message>
        <location filename="../after/export_dialog.py" line="234" />
        <source>Livret participant (PDF)</source>
        <translation>Participant booklet (PDF)</translation>
    </message>
    <message>
        <location filename="../after/export_dialog.py" line="235" />
        <source>Fiches animateur (PDF)</source>
        <translation>Facilitator sheets (PDF)</translation>
    </message>
    <message>
        <location filename="../after/export_dialog.py" line="236" />
        <source>Restitution en Markdown</source>
        <translation>Report in Markdown</translation>
    </message>
    <message>
        <location filename="../after/export_dialog.py" line="237" />
        <source>Restitution en page HTML</source>
        <translation>Report as an HTML page</translation>
    </message>
    <message>
        <location filename="../after/export_dialog.py" line="238" />
        <source>Restitution en OpenDocument (ODT)</source>
        <translation>Report in OpenDocument (ODT)</translation>
    </message>
    <message>
        <location filename="../after/export_dialog.py" line="239" />
        <source>Notes en CSV</source>
        <translation>Notes as CSV</translation>
    </message>
    <message>
        <location filename="../after/export_dialog.py" line="240" />
        <source>Événement complet en JSON</source>
        <translation>Full event as JSON</translation>
    </message>
    <message>
        <location filename="../after/export_dialog.py" line="241" />
        <source>Propositions et décisions (CSV)</source>
        <translation>Proposals and decisions (CSV)</translation>
    </message>
    <message>
        <location filename="../after/export_dialog.py" line="275" />
        <source>Ce document n'est pas encore disponible dans cette version.</source>
        <translation>This document is not available yet in this version.</translation>
    </message>
    <message>
        <location filename="../after/export_dialog.py" line="284" />
        <source>Préparation de l'aperçu…</source>
        <translation>Preparing the preview…</translation>
    </message>
    <message>
        <location filename="../after/export_dialog.py" line="306" />
        <source>… ({n} lignes en tout)</source>
        <translation>… ({n} lines in all)</translation>
    </message>
    <message>
        <location filename="../after/export_dialog.py" line="308" />
        <source>{name} : {size} Ko. Choisissez où l'enregistrer.</source>
        <translation>{name}: {size} KB. Choose where to save it.</translation>
    </message>
    <message>
        <location filename="../after/export_dialog.py" line="315" />
        <source>{pages} page(s), {size} Ko.</source>
        <translation>{pages} page(s), {size} KB.</translation>
    </message>
    <message>
        <location filename="../after/export_dialog.py" line="319" />
        <source>Format {size} ; {n} atelier(s) ; {links} lien(s), chacun avec son code QR.</source>
        <translation>{size} format; {n} workshop(s); {links} link(s), each with its QR code.</translation>
    </message>
    <message>
        <location filename="../after/export_dialog.py" line="328" />
        <source>L'export a échoué.</source>
        <translation>The export failed.</translation>
    </message>
    <message>
        <location filename="../after/export_dialog.py" line="335" />
        <source>Enregistrer le document</source>
        <translation>Save the document</translation>
    </message>
    <message>
        <location filename="../after/export_dialog.py" line="354" />
        <source>Écriture de {path}…</source>
        <translation>Writing {path}…</translation>
    </message>
    <message>
        <location filename="../after/export_dialog.py" line="361" />
        <source>Enregistré : {path}</source>
        <translation>Saved: {path}</translation>
    </message>
</context>
<context>
    <name>Help</name>
    <message>
        <location filename="../shell/helpmenu.py" line="55" />
        <source>Dans une note du plan</source>
        <translation>In a note of the outline</translation>
    </message>
    <message>
        <location filename="../shell/helpmenu.py" line="57" />
        <source>Vue projecteur</source>
        <translation>Projector view</translation>
    </message>
    <message>
        <location filename="../shell/helpmenu.py" line="68" />
        <source>Raccourcis clavier de facilitator</source>
        <translation>facilitator's keyboard shortcuts</translation>
    </message>
    <message>
        <location filename="../shell/helpmenu.py" line="133" />
        <source>Prise de notes et restitution d'ateliers de gouvernement ouvert, hors ligne.</source>
        <translation>Note-taking and reporting for open-government workshops, offline.</translation>
    </message>
    <message>
        <location filename="../shell/helpmenu.py" line="135" />
        <source>Licences</source>
        <translation>Licences</translation>
    </message>
    <message>
        <location filename="../shell/helpmenu.py" line="143" />
        <source>À propos de facilitator</source>
        <translation>About facilitator</translation>
    </message>
    <message>
        <location filename="../shell/helpmenu.py" line="147" />
        <source>À propos de &amp;Qt</source>
        <translation>About &amp;Qt</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../prepare/kit_sheets.py" line="31" />
        <location filename="../prepare/kit_sheets.py" line="159" />
        <source>Importer d'un tableur</source>
        <translation>Import from a spreadsheet</translation>
    </message>
    <message>
        <location filename="../prepare/kit_sheets.py" line="35" />
        <source>Engagements du plan</source>
        <translation>Plan commitments</translation>
    </message>
    <message>
        <location filename="../prepare/kit_sheets.py" line="36" />
        <source>Ateliers</source>
        <translation>Workshops</translation>
    </message>
    <message>
        <location filename="../prepare/kit_sheets.py" line="39" />
        <source>Aucun fichier choisi</source>
        <translation>No file chosen</translation>
    </message>
    <message>
        <location filename="../prepare/kit_sheets.py" line="40" />
        <source>&amp;Choisir le tableur…</source>
        <translation>&amp;Choose the spreadsheet…</translation>
    </message>
    <message>
        <location filename="../prepare/kit_sheets.py" line="45" />
        <source>&amp;Contenu :</source>
        <translation>&amp;Content:</translation>
    </message>
    <message>
        <location filename="../prepare/kit_sheets.py" line="47" />
        <source>&amp;Feuille :</source>
        <translation>&amp;Sheet:</translation>
    </message>
    <message>
        <location filename="../prepare/kit_sheets.py" line="49" />
        <source>Quelle colonne remplit quel champ (choix retenus pour la prochaine fois) :</source>
        <translation>Which column fills which field (choices remembered for next time):</translation>
    </message>
    <message>
        <location filename="../prepare/kit_sheets.py" line="55" />
        <source>Problèmes du tableur</source>
        <translation>Spreadsheet problems</translation>
    </message>
    <message>
        <location filename="../prepare/kit_sheets.py" line="58" />
        <source>&amp;Importer</source>
        <translation>&amp;Import</translation>
    </message>
    <message>
        <location filename="../prepare/kit_sheets.py" line="71" />
        <source>Choisir le tableur</source>
        <translation>Choose the spreadsheet</translation>
    </message>
    <message>
        <location filename="../prepare/kit_sheets.py" line="72" />
        <source>Tableurs (*.xlsx *.ods *.csv)</source>
        <translation>Spreadsheets (*.xlsx *.ods *.csv)</translation>
    </message>
    <message>
        <location filename="../prepare/kit_sheets.py" line="116" />
        <source>— ignorée —</source>
        <translation>— ignored —</translation>
    </message>
    <message>
        <location filename="../prepare/kit_sheets.py" line="121" />
        <source>Colonne {col} : {header}</source>
        <translation>Column {col}: {header}</translation>
    </message>
    <message>
        <location filename="../prepare/kit_sheets.py" line="150" />
        <source>{n} ligne(s) prêtes à importer.</source>
        <translation>{n} row(s) ready to import.</translation>
    </message>
    <message>
        <location filename="../prepare/kit_sheets.py" line="163" />
        <source>{u} mis à jour, {a} ajouté(s).</source>
        <translation>{u} updated, {a} added.</translation>
    </message>
</context>
<context>
    <name>KitEditor</name>
    <message>
        <location filename="../prepare/kit_editor.py" line="171" />
        <source>Parties du kit</source>
        <translation>Parts of the kit</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="180" />
        <source>Erreurs et avertissements du kit</source>
        <translation>Errors and warnings of the kit</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="189" />
        <source>&amp;Parties du kit :</source>
        <translation>&amp;Parts of the kit:</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="194" />
        <source>&amp;Erreurs à corriger :</source>
        <translation>&amp;Errors to fix:</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="218" />
        <source>&amp;Kit</source>
        <translation>&amp;Kit</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="219" />
        <source>&amp;Ouvrir un autre kit…</source>
        <translation>&amp;Open another kit…</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="220" />
        <source>&amp;Créer l'événement…</source>
        <translation>&amp;Create the event…</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="222" />
        <source>&amp;Imprimer les livrets…</source>
        <translation>&amp;Print the booklets…</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="224" />
        <source>Importer d'un &amp;tableur…</source>
        <translation>Import from a &amp;spreadsheet…</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="225" />
        <source>E&amp;xporter vers un tableur…</source>
        <translation>E&amp;xport to a spreadsheet…</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="227" />
        <source>&amp;Fermer</source>
        <translation>Cl&amp;ose</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="228" />
        <source>É&amp;dition</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="229" />
        <source>&amp;Annuler</source>
        <translation>&amp;Undo</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="230" />
        <source>&amp;Rétablir</source>
        <translation>&amp;Redo</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="236" />
        <source>Ajouter un &amp;engagement</source>
        <translation>Add a &amp;commitment</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="237" />
        <source>Ajouter un a&amp;telier</source>
        <translation>Add a &amp;workshop</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="238" />
        <source>&amp;Aller</source>
        <translation>&amp;Go</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="239" />
        <source>Parties du &amp;kit</source>
        <translation>Parts of the &amp;kit</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="240" />
        <source>Liste des &amp;erreurs</source>
        <translation>&amp;Error list</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="241" />
        <source>Erreur &amp;suivante</source>
        <translation>&amp;Next error</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="242" />
        <source>Erreur &amp;précédente</source>
        <translation>&amp;Previous error</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="243" />
        <source>&amp;Formulaire</source>
        <translation>&amp;Form</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="244" />
        <source>A&amp;perçu</source>
        <translation>Pre&amp;view</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="245" />
        <source>Afficher l'&amp;aperçu du livret</source>
        <translation>Show the booklet &amp;preview</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="248" />
        <source>{file} — éditeur de kit — facilitator</source>
        <translation>{file} — kit editor — facilitator</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="268" />
        <location filename="../prepare/kit_editor.py" line="322" />
        <source>Événement</source>
        <translation>Event</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="269" />
        <location filename="../prepare/kit_editor.py" line="325" />
        <source>Programme</source>
        <translation>Programme</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="270" />
        <location filename="../prepare/kit_editor.py" line="328" />
        <source>Plan d'action</source>
        <translation>Action plan</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="275" />
        <location filename="../prepare/kit_editor.py" line="345" />
        <source>Canevas de prise de notes</source>
        <translation>Note-taking template</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="276" />
        <location filename="../prepare/kit_editor.py" line="351" />
        <source>Ateliers</source>
        <translation>Workshops</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="278" />
        <source>Atelier {n} — {title}</source>
        <translation>Workshop {n} — {title}</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="319" />
        <source>Le texte du kit n'est pas du YAML lisible : corrigez l'erreur indiquée (Annuler revient à la version précédente).</source>
        <translation>The kit's text is not readable YAML: fix the error shown (Undo goes back to the previous version).</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="331" />
        <location filename="../prepare/kit_editor.py" line="599" />
        <source>Ajouter un engagement</source>
        <translation>Add a commitment</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="332" />
        <location filename="../prepare/kit_editor.py" line="355" />
        <source>Importer d'un tableur…</source>
        <translation>Import from a spreadsheet…</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="333" />
        <source>Exporter vers un tableur…</source>
        <translation>Export to a spreadsheet…</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="341" />
        <source>Engagement {id}</source>
        <translation>Commitment {id}</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="347" />
        <source>Sans sections déclarées, les cinq sections « Ministère ouvert » s'appliquent. Ajoutez-en pour les changer.</source>
        <translation>With no sections declared, the five “Ministère ouvert” sections apply. Add some to change them.</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="352" />
        <location filename="../prepare/kit_editor.py" line="607" />
        <source>Ajouter un atelier</source>
        <translation>Add a workshop</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="360" />
        <source>Atelier {n}</source>
        <translation>Workshop {n}</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="375" />
        <source>Monter</source>
        <translation>Move up</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="376" />
        <source>Descendre</source>
        <translation>Move down</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="377" />
        <location filename="../prepare/kit_editor.py" line="612" />
        <source>Supprimer</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="444" />
        <source>— non précisé —</source>
        <translation>— not given —</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="469" />
        <source>{id} (absent du plan)</source>
        <translation>{id} (not in the plan)</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="479" />
        <source>Engagements de l'atelier</source>
        <translation>Workshop commitments</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="489" />
        <location filename="../prepare/kit_editor.py" line="551" />
        <source>Modifier « {field} »</source>
        <translation>Edit “{field}”</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="522" />
        <location filename="../prepare/kit_editor.py" line="563" />
        <source>Ajouter</source>
        <translation>Add</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="584" />
        <source>Nouveau</source>
        <translation>New</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="584" />
        <source>Nouveau titre</source>
        <translation>New title</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="590" />
        <source>Intitulé de l'engagement</source>
        <translation>Commitment title</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="608" />
        <source>Titre de l'atelier</source>
        <translation>Workshop title</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="618" />
        <source>Déplacer</source>
        <translation>Move</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="629" />
        <source>Enregistré.</source>
        <translation>Saved.</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="642" />
        <location filename="../prepare/kit_editor.py" line="664" />
        <source>Avertissement : </source>
        <translation>Warning: </translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="643" />
        <source>ligne {line} — {path} : {prefix}{message}</source>
        <translation>line {line} — {path}: {prefix}{message}</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="644" />
        <source>(kit)</source>
        <translation>(kit)</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="651" />
        <source>{n} erreur(s) à corriger : elles bloquent la création de l'événement (le brouillon est enregistré).</source>
        <translation>{n} error(s) to fix: they block creating the event (the draft is saved).</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="654" />
        <source>Aucune erreur : l'événement peut être créé ({w} avertissement(s)).</source>
        <translation>No errors: the event can be created ({w} warning(s)).</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="745" />
        <source>Exporter vers un tableur</source>
        <translation>Export to a spreadsheet</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="746" />
        <source>Tableurs (*.xlsx *.ods *.csv)</source>
        <translation>Spreadsheets (*.xlsx *.ods *.csv)</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="755" />
        <source>Tableau écrit : {path}</source>
        <translation>Table written: {path}</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="763" />
        <source>Nouveau fichier d'événement</source>
        <translation>New event file</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="775" />
        <source>Événement créé : {path}</source>
        <translation>Event created: {path}</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="781" />
        <source>Le kit a encore des erreurs : corrigez-les avant d'imprimer les livrets.</source>
        <translation>The kit still has errors: fix them before printing the booklets.</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="785" />
        <source>Dossier des livrets</source>
        <translation>Folder for the booklets</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="800" />
        <source>Livrets écrits dans {folder}</source>
        <translation>Booklets written in {folder}</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="809" />
        <source>Aperçu du livret</source>
        <translation>Booklet preview</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="850" />
        <source>Ouvrir un kit</source>
        <translation>Open a kit</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="851" />
        <location filename="../prepare/kit_editor.py" line="906" />
        <source>Kits (*.yaml *.yml)</source>
        <translation>Kits (*.yaml *.yml)</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="904" />
        <source>Nouveau kit</source>
        <translation>New kit</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <location filename="../prepare/kit_editor.py" line="60" />
        <source>Identifiant</source>
        <translation>Identifier</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="60" />
        <source>Titre</source>
        <translation>Title</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="60" />
        <source>Sous-titre</source>
        <translation>Subtitle</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="60" />
        <source>Type d'événement</source>
        <translation>Kind of event</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="61" />
        <source>Date (AAAA-MM-JJ)</source>
        <translation>Date (YYYY-MM-DD)</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="61" />
        <source>Début (HH:MM)</source>
        <translation>Start (HH:MM)</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="61" />
        <source>Fin (HH:MM)</source>
        <translation>End (HH:MM)</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="62" />
        <location filename="../prepare/kit_editor.py" line="76" />
        <source>Lieu</source>
        <translation>Place</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="62" />
        <source>Adresse</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="62" />
        <source>Institution organisatrice</source>
        <translation>Organising institution</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="63" />
        <source>Destinataire de la synthèse (rôle et nom)</source>
        <translation>Addressee of the synthesis (role and name)</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="64" />
        <source>Rôle qui arbitre, avec son article (couverture : « à l'arbitrage du … »)</source>
        <translation>Arbitrating role, with its article (cover: “for arbitration by …”)</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="65" />
        <source>Langue des documents</source>
        <translation>Language of the documents</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="66" />
        <source>Logo (fichier PNG ou JPEG du dossier du kit)</source>
        <translation>Logo (PNG or JPEG file in the kit's folder)</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="67" />
        <source>« Qu'est-ce que le Gouvernement ouvert ? »</source>
        <translation>“What is open government?”</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="67" />
        <source>« À quoi sert cet événement ? »</source>
        <translation>“What is this event for?”</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="68" />
        <source>« Qu'est-ce qu'un engagement ? » (un critère par ligne)</source>
        <translation>“What is a commitment?” (one criterion per line)</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="69" />
        <source>Texte avant les critères</source>
        <translation>Text before the criteria</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="69" />
        <source>Texte après les critères (mise en garde)</source>
        <translation>Text after the criteria (a warning)</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="70" />
        <source>Exemple d'engagement (« À quoi ressemble un engagement ? »)</source>
        <translation>Sample commitment (“What does a commitment look like?”)</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="71" />
        <source>Titres du livret (à défaut, ceux du document)</source>
        <translation>Booklet headings (otherwise the document's own)</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="71" />
        <source>« Au programme »</source>
        <translation>“Programme”</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="72" />
        <source>Phrase d'introduction</source>
        <translation>Introductory sentence</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="72" />
        <source>Rubriques (Enjeux, Ambitions…)</source>
        <translation>Labelled texts (Stakes, Ambitions…)</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="73" />
        <source>Rubrique</source>
        <translation>Label</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="73" />
        <source>Titre du tableau des actions</source>
        <translation>Caption of the actions table</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="74" />
        <source>Note pratique</source>
        <translation>Practical note</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="74" />
        <source>Liens (imprimés avec un QR code)</source>
        <translation>Links (printed with a QR code)</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="75" />
        <source>Participants attendus</source>
        <translation>Expected participants</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="75" />
        <source>Heure (HH:MM)</source>
        <translation>Time (HH:MM)</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="76" />
        <source>Détail</source>
        <translation>Detail</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="76" />
        <source>Intervenants (un par ligne)</source>
        <translation>Speakers (one per line)</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="77" />
        <source>Période</source>
        <translation>Period</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="77" />
        <source>Date des statuts (AAAA-MM-JJ)</source>
        <translation>Date of the statuses (YYYY-MM-DD)</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="77" />
        <source>Adresse web</source>
        <translation>Web address</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="78" />
        <source>Axes du plan</source>
        <translation>Axes of the plan</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="78" />
        <source>Engagements</source>
        <translation>Commitments</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="78" />
        <source>Titre court</source>
        <translation>Short title</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="79" />
        <source>Axe</source>
        <translation>Axis</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="79" />
        <source>Institutions porteuses (une par ligne)</source>
        <translation>Owners (one per line)</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="80" />
        <source>Parties prenantes (une par ligne)</source>
        <translation>Stakeholders (one per line)</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="80" />
        <source>Statut</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="81" />
        <source>Calendrier</source>
        <translation>Schedule</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="81" />
        <source>Enjeux</source>
        <translation>Stakes</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="81" />
        <source>Description</source>
        <translation>Description</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="82" />
        <source>Contribution à la résolution du problème</source>
        <translation>Contribution to solving the problem</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="83" />
        <source>Pertinence pour le gouvernement ouvert</source>
        <translation>Relevance to open government</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="84" />
        <source>Impacts attendus (un par ligne)</source>
        <translation>Expected impacts (one per line)</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="84" />
        <source>Actions</source>
        <translation>Actions</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="84" />
        <source>Jalons</source>
        <translation>Milestones</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="85" />
        <source>Parties</source>
        <translation>Parts</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="85" />
        <source>Texte</source>
        <translation>Text</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="85" />
        <source>Échéance</source>
        <translation>Due</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="85" />
        <source>Résultats</source>
        <translation>Results</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="86" />
        <source>Jalon</source>
        <translation>Milestone</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="86" />
        <source>Quand</source>
        <translation>When</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="86" />
        <source>Aide (sous le titre)</source>
        <translation>Hint (under the title)</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="86" />
        <source>Numéro</source>
        <translation>Number</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="87" />
        <source>Question de l'atelier</source>
        <translation>Workshop question</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="87" />
        <source>Pilotes (un par ligne)</source>
        <translation>Pilots (one per line)</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="87" />
        <source>Contexte</source>
        <translation>Context</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="88" />
        <source>Accès en ligne</source>
        <translation>Online access</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="88" />
        <source>À parcourir avant l'atelier</source>
        <translation>To read before the workshop</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="89" />
        <source>Organisations représentées (une par ligne)</source>
        <translation>Organisations represented (one per line)</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="89" />
        <source>Salle</source>
        <translation>Room</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="90" />
        <source>Animateurs (un par ligne)</source>
        <translation>Facilitators (one per line)</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="90" />
        <source>Phases (minuteur)</source>
        <translation>Phases (timer)</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="91" />
        <source>Minutes</source>
        <translation>Minutes</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="91" />
        <source>Notes préparées, par section</source>
        <translation>Prepared notes, by section</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="91" />
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="92" />
        <location filename="../prepare/kit_editor.py" line="95" />
        <source>Prochaines étapes</source>
        <translation>Next steps</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="93" />
        <source>Titres et aides des sections propres à cet atelier</source>
        <translation>This workshop's own section titles and hints</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="97" />
        <source>Ministère ouvert</source>
        <translation>Ministère ouvert (open ministry)</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="97" />
        <source>Forum Open d'État</source>
        <translation>Forum Open d'État (open state forum)</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="97" />
        <source>Autre</source>
        <translation>Other</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="98" />
        <source>français</source>
        <translation>French</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="98" />
        <source>anglais</source>
        <translation>English</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="99" />
        <source>Non démarré</source>
        <translation>Not started</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="99" />
        <source>Partiel</source>
        <translation>Partial</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="99" />
        <source>Substantiel</source>
        <translation>Substantial</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="100" />
        <source>Complet</source>
        <translation>Complete</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="100" />
        <source>Conforme</source>
        <translation>On time</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="100" />
        <source>Retardé</source>
        <translation>Delayed</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="107" />
        <source>Ajouter une rubrique</source>
        <translation>Add a labelled text</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="103" />
        <source>Ajouter un lien</source>
        <translation>Add a link</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="103" />
        <source>Ajouter une lecture</source>
        <translation>Add a reading</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="104" />
        <source>Ajouter une étape au programme</source>
        <translation>Add a programme item</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="104" />
        <source>Ajouter un axe</source>
        <translation>Add an axis</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="105" />
        <source>Ajouter une action</source>
        <translation>Add an action</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="105" />
        <source>Ajouter un jalon</source>
        <translation>Add a milestone</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="105" />
        <source>Ajouter une partie</source>
        <translation>Add a part</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="106" />
        <source>Ajouter une section</source>
        <translation>Add a section</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="106" />
        <source>Ajouter une phase</source>
        <translation>Add a phase</translation>
    </message>
</context>
<context>
    <name>Laptop</name>
    <message>
        <location filename="../common/laptop.py" line="26" />
        <location filename="../common/laptop.py" line="27" />
        <location filename="../common/laptop.py" line="36" />
        <source>Nom de ce portable</source>
        <translation>This laptop's name</translation>
    </message>
    <message>
        <location filename="../common/laptop.py" line="28" />
        <source>Comment s'appelle ce portable ? Ce nom est montré dans les conflits et les rapports de fusion (par exemple « Portable de Léa » ou « Salle 2 »).</source>
        <translation>What is this laptop called? The name is shown in conflicts and merge reports (for example “Léa's laptop” or “Room 2”).</translation>
    </message>
    <message>
        <location filename="../common/laptop.py" line="50" />
        <source>Portable {host}</source>
        <translation>Laptop {host}</translation>
    </message>
    <message>
        <location filename="../common/laptop.py" line="106" />
        <source>Le nom du portable n'a pas pu être enregistré dans {path} : {reason}</source>
        <translation>The laptop's name could not be saved in {path}: {reason}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../shell/mainwindow.py" line="116" />
        <source>Prise de notes de l'atelier</source>
        <translation>Workshop note-taking</translation>
    </message>
    <message>
        <location filename="../shell/mainwindow.py" line="128" />
        <source>{title} — {file} — facilitator</source>
        <translation>{title} — {file} — facilitator</translation>
    </message>
    <message>
        <location filename="../shell/mainwindow.py" line="142" />
        <location filename="../shell/mainwindow.py" line="302" />
        <source>Liste des ateliers</source>
        <translation>Workshop list</translation>
    </message>
    <message>
        <location filename="../shell/mainwindow.py" line="163" />
        <source>Question de l'atelier</source>
        <translation>Workshop question</translation>
    </message>
    <message>
        <location filename="../shell/mainwindow.py" line="175" />
        <source>Notes de l'atelier, par section</source>
        <translation>Workshop notes, by section</translation>
    </message>
    <message>
        <location filename="../shell/mainwindow.py" line="213" />
        <source>Panneau latéral</source>
        <translation>Side panel</translation>
    </message>
    <message>
        <location filename="../shell/mainwindow.py" line="217" />
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../shell/mainwindow.py" line="218" />
        <source>Atelier</source>
        <translation>Workshop</translation>
    </message>
    <message>
        <location filename="../shell/mainwindow.py" line="219" />
        <location filename="../shell/mainwindow.py" line="303" />
        <source>Participants</source>
        <translation>Participants</translation>
    </message>
    <message>
        <location filename="../shell/mainwindow.py" line="231" />
        <source>Chaque modification est enregistrée immédiatement.</source>
        <translation>Every change is saved immediately.</translation>
    </message>
    <message>
        <location filename="../shell/mainwindow.py" line="270" />
        <source>&amp;Fichier</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location filename="../shell/mainwindow.py" line="271" />
        <source>&amp;Ouvrir un fichier d'événement…</source>
        <translation>&amp;Open an event file…</translation>
    </message>
    <message>
        <location filename="../shell/mainwindow.py" line="272" />
        <source>&amp;Accueil (créer, démo)…</source>
        <translation>&amp;Start screen (create, demo)…</translation>
    </message>
    <message>
        <location filename="../shell/mainwindow.py" line="278" />
        <source>&amp;Quitter</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <location filename="../shell/mainwindow.py" line="280" />
        <source>É&amp;dition</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <location filename="../shell/mainwindow.py" line="281" />
        <source>&amp;Annuler</source>
        <translation>&amp;Undo</translation>
    </message>
    <message>
        <location filename="../shell/mainwindow.py" line="282" />
        <source>&amp;Rétablir</source>
        <translation>&amp;Redo</translation>
    </message>
    <message>
        <location filename="../shell/mainwindow.py" line="136" />
        <source>Atelier&amp;s</source>
        <translation>Wor&amp;kshops</translation>
    </message>
    <message>
        <location filename="../shell/mainwindow.py" line="273" />
        <source>&amp;Préparer un événement (éditeur de kit)…</source>
        <translation>&amp;Prepare an event (kit editor)…</translation>
    </message>
    <message>
        <location filename="../shell/mainwindow.py" line="274" />
        <source>Rejoindre l'événement en &amp;réseau…</source>
        <translation>Join the event over the &amp;network…</translation>
    </message>
    <message>
        <location filename="../shell/mainwindow.py" line="275" />
        <source>Code pour rejoindre l'événement…</source>
        <translation>Join code of the event…</translation>
    </message>
    <message>
        <location filename="../shell/mainwindow.py" line="276" />
        <source>&amp;Nom de ce portable…</source>
        <translation>&amp;Laptop name…</translation>
    </message>
    <message>
        <location filename="../shell/mainwindow.py" line="288" />
        <source>Re&amp;chercher</source>
        <translation>&amp;Search</translation>
    </message>
    <message>
        <location filename="../shell/mainwindow.py" line="289" />
        <source>Vote +1</source>
        <translation>Vote +1</translation>
    </message>
    <message>
        <location filename="../shell/mainwindow.py" line="290" />
        <source>Vote −1</source>
        <translation>Vote −1</translation>
    </message>
    <message>
        <location filename="../shell/mainwindow.py" line="291" />
        <source>Détails de la note</source>
        <translation>Note details</translation>
    </message>
    <message>
        <location filename="../shell/mainwindow.py" line="293" />
        <source>&amp;Atelier</source>
        <translation>&amp;Workshop</translation>
    </message>
    <message>
        <location filename="../shell/mainwindow.py" line="294" />
        <source>Atelier suivant</source>
        <translation>Next workshop</translation>
    </message>
    <message>
        <location filename="../shell/mainwindow.py" line="295" />
        <source>Atelier précédent</source>
        <translation>Previous workshop</translation>
    </message>
    <message>
        <location filename="../shell/mainwindow.py" line="296" />
        <source>Section suivante</source>
        <translation>Next section</translation>
    </message>
    <message>
        <location filename="../shell/mainwindow.py" line="297" />
        <source>Section précédente</source>
        <translation>Previous section</translation>
    </message>
    <message>
        <location filename="../shell/mainwindow.py" line="298" />
        <source>Aller à la section…</source>
        <translation>Go to section…</translation>
    </message>
    <message>
        <location filename="../shell/mainwindow.py" line="305" />
        <source>Détails de l'atelier</source>
        <translation>Workshop details</translation>
    </message>
    <message>
        <location filename="../shell/mainwindow.py" line="308" />
        <source>&amp;Minuteur</source>
        <translation>&amp;Timer</translation>
    </message>
    <message>
        <location filename="../shell/mainwindow.py" line="309" />
        <source>Démarrer / pause</source>
        <translation>Start / pause</translation>
    </message>
    <message>
        <location filename="../shell/mainwindow.py" line="310" />
        <source>Phase suivante</source>
        <translation>Next phase</translation>
    </message>
    <message>
        <location filename="../shell/mainwindow.py" line="311" />
        <source>+5 minutes</source>
        <translation>+5 minutes</translation>
    </message>
    <message>
        <location filename="../shell/mainwindow.py" line="313" />
        <source>&amp;Projection</source>
        <translation>&amp;Projector</translation>
    </message>
    <message>
        <location filename="../shell/mainwindow.py" line="314" />
        <source>Afficher / masquer la vue projecteur</source>
        <translation>Show / hide the projector view</translation>
    </message>
    <message>
        <location filename="../shell/mainwindow.py" line="318" />
        <source>Section en cours</source>
        <translation>Current section</translation>
    </message>
    <message>
        <location filename="../shell/mainwindow.py" line="318" />
        <source>Toutes les sections</source>
        <translation>All sections</translation>
    </message>
    <message>
        <location filename="../shell/mainwindow.py" line="327" />
        <source>Texte plus grand</source>
        <translation>Larger text</translation>
    </message>
    <message>
        <location filename="../shell/mainwindow.py" line="328" />
        <source>Texte plus petit</source>
        <translation>Smaller text</translation>
    </message>
    <message>
        <location filename="../shell/mainwindow.py" line="329" />
        <source>Thème clair / sombre</source>
        <translation>Light / dark theme</translation>
    </message>
    <message>
        <location filename="../shell/mainwindow.py" line="331" />
        <source>A&amp;ide</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location filename="../shell/mainwindow.py" line="333" />
        <source>&amp;Raccourcis clavier…</source>
        <translation>&amp;Keyboard shortcuts…</translation>
    </message>
    <message>
        <location filename="../shell/mainwindow.py" line="335" />
        <source>À &amp;propos de facilitator…</source>
        <translation>&amp;About facilitator…</translation>
    </message>
    <message>
        <location filename="../shell/mainwindow.py" line="448" />
        <source>Atelier en cours (minuteur et projection)</source>
        <translation>Workshop being run (timer and projector)</translation>
    </message>
    <message>
        <location filename="../shell/mainwindow.py" line="456" />
        <source>Vous consultez l'atelier {n}. Le minuteur et la projection restent sur l'atelier {run}, l'atelier en cours.</source>
        <translation>You are looking at workshop {n}. The timer and the projector stay on workshop {run}, the one being run.</translation>
    </message>
    <message>
        <location filename="../shell/mainwindow.py" line="473" />
        <source>&amp;Revenir à l'atelier en cours</source>
        <translation>&amp;Back to the workshop being run</translation>
    </message>
    <message>
        <location filename="../shell/mainwindow.py" line="475" />
        <source>Revenir à l'atelier en cours</source>
        <translation>Back to the workshop being run</translation>
    </message>
    <message>
        <location filename="../shell/mainwindow.py" line="477" />
        <source>A&amp;nimer cet atelier</source>
        <translation>&amp;Run this workshop</translation>
    </message>
    <message>
        <location filename="../shell/mainwindow.py" line="479" />
        <source>Animer l'atelier consulté (minuteur et projection)</source>
        <translation>Run the workshop shown (timer and projector)</translation>
    </message>
    <message>
        <location filename="../shell/mainwindow.py" line="635" />
        <source>Aller à la section</source>
        <translation>Go to section</translation>
    </message>
</context>
<context>
    <name>MergeDialog</name>
    <message>
        <location filename="../after/merge_view.py" line="120" />
        <source>Fusionner des portables</source>
        <translation>Merge laptops</translation>
    </message>
    <message>
        <location filename="../after/merge_view.py" line="121" />
        <source>Fusionner les fichiers d'autres portables</source>
        <translation>Merge the files of other laptops</translation>
    </message>
    <message>
        <location filename="../after/merge_view.py" line="124" />
        <source>Les notes des fichiers choisis sont ajoutées à « {name} ». Les fichiers choisis sont seulement lus ; une copie de sauvegarde du fichier ouvert est faite avant la fusion.</source>
        <translation>The notes of the chosen files are added to “{name}”. The chosen files are only read; a backup copy of the open file is made before the merge.</translation>
    </message>
    <message>
        <location filename="../after/merge_view.py" line="131" />
        <source>Fichiers à fusionner</source>
        <translation>Files to merge</translation>
    </message>
    <message>
        <location filename="../after/merge_view.py" line="132" />
        <source>Fic&amp;hiers à fusionner :</source>
        <translation>&amp;Files to merge:</translation>
    </message>
    <message>
        <location filename="../after/merge_view.py" line="137" />
        <source>&amp;Ajouter des fichiers…</source>
        <translation>&amp;Add files…</translation>
    </message>
    <message>
        <location filename="../after/merge_view.py" line="139" />
        <source>Ajouter des fichiers à fusionner</source>
        <translation>Add files to merge</translation>
    </message>
    <message>
        <location filename="../after/merge_view.py" line="141" />
        <source>&amp;Retirer</source>
        <translation>&amp;Remove</translation>
    </message>
    <message>
        <location filename="../after/merge_view.py" line="143" />
        <source>Retirer le fichier sélectionné</source>
        <translation>Remove the selected file</translation>
    </message>
    <message>
        <location filename="../after/merge_view.py" line="145" />
        <source>&amp;Fusionner</source>
        <translation>&amp;Merge</translation>
    </message>
    <message>
        <location filename="../after/merge_view.py" line="147" />
        <source>Lancer la fusion</source>
        <translation>Start the merge</translation>
    </message>
    <message>
        <location filename="../after/merge_view.py" line="157" />
        <source>Fusion en cours</source>
        <translation>Merge in progress</translation>
    </message>
    <message>
        <location filename="../after/merge_view.py" line="169" />
        <source>Rapport de fusion par atelier</source>
        <translation>Merge report by workshop</translation>
    </message>
    <message>
        <location filename="../after/merge_view.py" line="171" />
        <source>Atelier</source>
        <translation>Workshop</translation>
    </message>
    <message>
        <location filename="../after/merge_view.py" line="171" />
        <source>Ajoutées</source>
        <translation>Added</translation>
    </message>
    <message>
        <location filename="../after/merge_view.py" line="171" />
        <source>Modifiées</source>
        <translation>Changed</translation>
    </message>
    <message>
        <location filename="../after/merge_view.py" line="172" />
        <source>Supprimées</source>
        <translation>Deleted</translation>
    </message>
    <message>
        <location filename="../after/merge_view.py" line="172" />
        <source>Conflits</source>
        <translation>Conflicts</translation>
    </message>
    <message>
        <location filename="../after/merge_view.py" line="178" />
        <source>Détail du rapport de fusion</source>
        <translation>Merge report details</translation>
    </message>
    <message>
        <location filename="../after/merge_view.py" line="183" />
        <source>Résoudre les &amp;conflits…</source>
        <translation>Resolve co&amp;nflicts…</translation>
    </message>
    <message>
        <location filename="../after/merge_view.py" line="185" />
        <source>Résoudre les conflits</source>
        <translation>Resolve conflicts</translation>
    </message>
    <message>
        <location filename="../after/merge_view.py" line="188" />
        <source>Fer&amp;mer</source>
        <translation>&amp;Close</translation>
    </message>
    <message>
        <location filename="../after/merge_view.py" line="189" />
        <source>Fermer</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../after/merge_view.py" line="212" />
        <source>Fichiers d'événement des autres portables</source>
        <translation>Event files from the other laptops</translation>
    </message>
    <message>
        <location filename="../after/merge_view.py" line="225" />
        <location filename="../after/merge_view.py" line="229" />
        <source>Fusion refusée</source>
        <translation>Merge refused</translation>
    </message>
    <message>
        <location filename="../after/merge_view.py" line="226" />
        <source>Ces fichiers ne viennent pas du même événement ou de la même version du kit :</source>
        <translation>These files do not come from the same event or the same version of the kit:</translation>
    </message>
    <message>
        <location filename="../after/merge_view.py" line="230" />
        <source>Fusionner quand même</source>
        <translation>Merge anyway</translation>
    </message>
    <message>
        <location filename="../after/merge_view.py" line="242" />
        <source>Fusion en cours…</source>
        <translation>Merging…</translation>
    </message>
    <message>
        <location filename="../after/merge_view.py" line="255" />
        <source>Fusion refusée.</source>
        <translation>Merge refused.</translation>
    </message>
    <message>
        <location filename="../after/merge_view.py" line="259" />
        <source>La fusion a échoué ; le fichier ouvert est inchangé.</source>
        <translation>The merge failed; the open file is unchanged.</translation>
    </message>
    <message>
        <location filename="../after/merge_view.py" line="272" />
        <source>Atelier {n} – {title}</source>
        <translation>Workshop {n} – {title}</translation>
    </message>
    <message>
        <location filename="../after/merge_view.py" line="284" />
        <source>Propositions</source>
        <translation>Proposals</translation>
    </message>
    <message>
        <location filename="../after/merge_view.py" line="288" />
        <source>Fusion terminée : {n} conflit(s) à résoudre.</source>
        <translation>Merge finished: {n} conflict(s) to resolve.</translation>
    </message>
    <message>
        <location filename="../after/merge_view.py" line="289" />
        <source>Fusion terminée, sans conflit.</source>
        <translation>Merge finished, with no conflict.</translation>
    </message>
</context>
<context>
    <name>Network</name>
    <message>
        <location filename="../shell/network.py" line="98" />
        <source>État du réseau</source>
        <translation>Network status</translation>
    </message>
    <message>
        <location filename="../shell/network.py" line="121" />
        <source>Réseau : connecté au hub {where}</source>
        <translation>Network: connected to the hub {where}</translation>
    </message>
    <message>
        <location filename="../shell/network.py" line="124" />
        <source>Réseau : hors ligne depuis {time}</source>
        <translation>Network: offline since {time}</translation>
    </message>
    <message>
        <location filename="../shell/network.py" line="126" />
        <source>Réseau : refusé par le hub {where}</source>
        <translation>Network: refused by the hub {where}</translation>
    </message>
    <message>
        <location filename="../shell/network.py" line="128" />
        <source>Réseau : connexion au hub {where}…</source>
        <translation>Network: connecting to the hub {where}…</translation>
    </message>
    <message>
        <location filename="../shell/network.py" line="130" />
        <source>1 modification en attente</source>
        <translation>1 change waiting</translation>
    </message>
    <message>
        <location filename="../shell/network.py" line="131" />
        <source>{n} modifications en attente</source>
        <translation>{n} changes waiting</translation>
    </message>
    <message>
        <location filename="../shell/network.py" line="140" />
        <source>Rejoindre l'événement en réseau</source>
        <translation>Join the event over the network</translation>
    </message>
    <message>
        <location filename="../shell/network.py" line="142" />
        <source>Collez le code pour rejoindre donné par l'organisateur (carte « Rejoindre l'événement »). Vos notes restent enregistrées sur ce portable ; le réseau les partage avec les autres.</source>
        <translation>Paste the join code the organiser gave you (the “Join the event” card). Your notes stay saved on this laptop; the network shares them with the others.</translation>
    </message>
    <message>
        <location filename="../shell/network.py" line="151" />
        <source>Code pour rejoindre</source>
        <translation>Join code</translation>
    </message>
    <message>
        <location filename="../shell/network.py" line="152" />
        <source>&amp;Code :</source>
        <translation>&amp;Code:</translation>
    </message>
    <message>
        <location filename="../shell/network.py" line="162" />
        <source>Rejoindre</source>
        <translation>Join</translation>
    </message>
    <message>
        <location filename="../shell/network.py" line="268" />
        <source>Code pour rejoindre l'événement</source>
        <translation>Join code of the event</translation>
    </message>
    <message>
        <location filename="../shell/network.py" line="270" />
        <source>Hub : {where}</source>
        <translation>Hub: {where}</translation>
    </message>
    <message>
        <location filename="../shell/network.py" line="274" />
        <source>QR code pour rejoindre</source>
        <translation>Join QR code</translation>
    </message>
    <message>
        <location filename="../shell/network.py" line="283" />
        <source>&amp;Afficher le code</source>
        <translation>&amp;Show the code</translation>
    </message>
    <message>
        <location filename="../shell/network.py" line="288" />
        <source>&amp;Carte à imprimer (PDF)…</source>
        <translation>&amp;Card to print (PDF)…</translation>
    </message>
    <message>
        <location filename="../shell/network.py" line="304" />
        <source>Carte à imprimer</source>
        <translation>Card to print</translation>
    </message>
    <message>
        <location filename="../shell/network.py" line="317" />
        <source>Aucun hub : démarrez-en un (facilitator hub start) ou rejoignez-en un.</source>
        <translation>No hub: start one (facilitator hub start) or join one.</translation>
    </message>
</context>
<context>
    <name>NoteDetails</name>
    <message>
        <location filename="../capture/panels.py" line="41" />
        <source>Détails de la note</source>
        <translation>Note details</translation>
    </message>
    <message>
        <location filename="../capture/panels.py" line="45" />
        <location filename="../capture/panels.py" line="145" />
        <source>Aucune note sélectionnée</source>
        <translation>No note selected</translation>
    </message>
    <message>
        <location filename="../capture/panels.py" line="52" />
        <source>Adresses web de la note</source>
        <translation>Web addresses of the note</translation>
    </message>
    <message>
        <location filename="../capture/panels.py" line="53" />
        <source>https://… (plusieurs : séparées par des espaces)</source>
        <translation>https://… (several: separated by spaces)</translation>
    </message>
    <message>
        <location filename="../capture/panels.py" line="55" />
        <source>&amp;Liens :</source>
        <translation>&amp;Links:</translation>
    </message>
    <message>
        <location filename="../capture/panels.py" line="60" />
        <source>Type de contributeur</source>
        <translation>Contributor type</translation>
    </message>
    <message>
        <location filename="../capture/panels.py" line="61" />
        <source>— non précisé —</source>
        <translation>— not given —</translation>
    </message>
    <message>
        <location filename="../capture/panels.py" line="67" />
        <source>&amp;Contributeur :</source>
        <translation>&amp;Contributor:</translation>
    </message>
    <message>
        <location filename="../capture/panels.py" line="72" />
        <source>Retirer un vote</source>
        <translation>Remove a vote</translation>
    </message>
    <message>
        <location filename="../capture/panels.py" line="73" />
        <source>Retirer un vote (Ctrl+-)</source>
        <translation>Remove a vote (Ctrl+-)</translation>
    </message>
    <message>
        <location filename="../capture/panels.py" line="77" />
        <source>Votes</source>
        <translation>Votes</translation>
    </message>
    <message>
        <location filename="../capture/panels.py" line="81" />
        <source>Ajouter un vote</source>
        <translation>Add a vote</translation>
    </message>
    <message>
        <location filename="../capture/panels.py" line="82" />
        <source>Ajouter un vote (Ctrl++)</source>
        <translation>Add a vote (Ctrl++)</translation>
    </message>
    <message>
        <location filename="../capture/panels.py" line="87" />
        <source>Votes :</source>
        <translation>Votes:</translation>
    </message>
    <message>
        <location filename="../capture/panels.py" line="89" />
        <source>&amp;Engagements liés :</source>
        <translation>Linked comm&amp;itments:</translation>
    </message>
    <message>
        <location filename="../capture/panels.py" line="92" />
        <source>Engagements liés à la note</source>
        <translation>Commitments linked to the note</translation>
    </message>
    <message>
        <location filename="../capture/panels.py" line="150" />
        <source>Note : {text}</source>
        <translation>Note: {text}</translation>
    </message>
</context>
<context>
    <name>NoteEdit</name>
    <message>
        <location filename="../capture/outline.py" line="134" />
        <source>Nouvelle note…</source>
        <translation>New note…</translation>
    </message>
    <message>
        <location filename="../capture/outline.py" line="499" />
        <source>Note</source>
        <translation>Note</translation>
    </message>
</context>
<context>
    <name>NotePicker</name>
    <message>
        <location filename="../after/synthesis.py" line="92" />
        <source>Choisir des notes</source>
        <translation>Choose notes</translation>
    </message>
    <message>
        <location filename="../after/synthesis.py" line="93" />
        <source>Notes à l'origine de la proposition</source>
        <translation>Notes the proposal comes from</translation>
    </message>
    <message>
        <location filename="../after/synthesis.py" line="99" />
        <source>Filtrer les notes</source>
        <translation>Filter the notes</translation>
    </message>
    <message>
        <location filename="../after/synthesis.py" line="100" />
        <source>Filtrer par texte…</source>
        <translation>Filter by text…</translation>
    </message>
    <message>
        <location filename="../after/synthesis.py" line="102" />
        <source>&amp;Filtre :</source>
        <translation>&amp;Filter:</translation>
    </message>
    <message>
        <location filename="../after/synthesis.py" line="106" />
        <source>Atelier</source>
        <translation>Workshop</translation>
    </message>
    <message>
        <location filename="../after/synthesis.py" line="107" />
        <source>Tous les ateliers</source>
        <translation>All workshops</translation>
    </message>
    <message>
        <location filename="../after/synthesis.py" line="109" />
        <source>Atelier {n} – {title}</source>
        <translation>Workshop {n} – {title}</translation>
    </message>
    <message>
        <location filename="../after/synthesis.py" line="110" />
        <source>&amp;Atelier :</source>
        <translation>&amp;Workshop:</translation>
    </message>
    <message>
        <location filename="../after/synthesis.py" line="115" />
        <source>Notes de tous les ateliers</source>
        <translation>Notes from all workshops</translation>
    </message>
    <message>
        <location filename="../after/synthesis.py" line="135" />
        <location filename="../after/synthesis.py" line="136" />
        <source>Lier les notes cochées</source>
        <translation>Link the ticked notes</translation>
    </message>
    <message>
        <location filename="../after/synthesis.py" line="137" />
        <location filename="../after/synthesis.py" line="138" />
        <source>Annuler</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../after/synthesis.py" line="158" />
        <source>{shown} note(s) affichée(s), {checked} cochée(s)</source>
        <translation>{shown} note(s) shown, {checked} ticked</translation>
    </message>
</context>
<context>
    <name>NotetakerView</name>
    <message>
        <location filename="../after/notetaker.py" line="76" />
        <source>Vue du rapporteur : notes de tous les ateliers</source>
        <translation>Note-taker's view: notes from all workshops</translation>
    </message>
    <message>
        <location filename="../after/notetaker.py" line="77" />
        <source>Notes de tous les ateliers — {title}</source>
        <translation>Notes from all workshops — {title}</translation>
    </message>
    <message>
        <location filename="../after/notetaker.py" line="91" />
        <source>Section</source>
        <translation>Section</translation>
    </message>
    <message>
        <location filename="../after/notetaker.py" line="97" />
        <source>&amp;Section :</source>
        <translation>&amp;Section:</translation>
    </message>
    <message>
        <location filename="../after/notetaker.py" line="100" />
        <source>Engagement</source>
        <translation>Commitment</translation>
    </message>
    <message>
        <location filename="../after/notetaker.py" line="101" />
        <source>Notes liées à cet engagement, ou notes sans engagement des ateliers qui le traitent</source>
        <translation>Notes linked to this commitment, or notes with no commitment from the workshops that cover it</translation>
    </message>
    <message>
        <location filename="../after/notetaker.py" line="103" />
        <source>Tous les engagements</source>
        <translation>All commitments</translation>
    </message>
    <message>
        <location filename="../after/notetaker.py" line="108" />
        <source>&amp;Engagement :</source>
        <translation>C&amp;ommitment:</translation>
    </message>
    <message>
        <location filename="../after/notetaker.py" line="111" />
        <source>Type de contributeur</source>
        <translation>Contributor type</translation>
    </message>
    <message>
        <location filename="../after/notetaker.py" line="112" />
        <source>Tous</source>
        <translation>All</translation>
    </message>
    <message>
        <location filename="../after/notetaker.py" line="115" />
        <source>&amp;Contributeur :</source>
        <translation>&amp;Contributor:</translation>
    </message>
    <message>
        <location filename="../after/notetaker.py" line="118" />
        <source>Votes minimum</source>
        <translation>Minimum votes</translation>
    </message>
    <message>
        <location filename="../after/notetaker.py" line="120" />
        <source>&amp;Votes ≥</source>
        <translation>&amp;Votes ≥</translation>
    </message>
    <message>
        <location filename="../after/notetaker.py" line="123" />
        <source>Filtrer par texte</source>
        <translation>Filter by text</translation>
    </message>
    <message>
        <location filename="../after/notetaker.py" line="124" />
        <source>Texte…</source>
        <translation>Text…</translation>
    </message>
    <message>
        <location filename="../after/notetaker.py" line="126" />
        <source>&amp;Texte :</source>
        <translation>&amp;Text:</translation>
    </message>
    <message>
        <location filename="../after/notetaker.py" line="135" />
        <source>Notes de la section dans tous les ateliers</source>
        <translation>Notes of the section in all workshops</translation>
    </message>
    <message>
        <location filename="../after/notetaker.py" line="156" />
        <source>&amp;Aller à la note</source>
        <translation>&amp;Go to the note</translation>
    </message>
    <message>
        <location filename="../after/notetaker.py" line="158" />
        <source>Aller à la note dans la prise de notes</source>
        <translation>Go to the note in the note-taking</translation>
    </message>
    <message>
        <location filename="../after/notetaker.py" line="161" />
        <source>Créer une &amp;proposition depuis ces notes</source>
        <translation>Create a &amp;proposal from these notes</translation>
    </message>
    <message>
        <location filename="../after/notetaker.py" line="163" />
        <source>Créer une proposition depuis les notes sélectionnées</source>
        <translation>Create a proposal from the selected notes</translation>
    </message>
    <message>
        <location filename="../after/notetaker.py" line="195" />
        <source>Atelier {n} — {title}</source>
        <translation>Workshop {n} — {title}</translation>
    </message>
    <message>
        <location filename="../after/notetaker.py" line="204" />
        <source>{n} note(s)</source>
        <translation>{n} note(s)</translation>
    </message>
    <message>
        <location filename="../after/notetaker.py" line="264" />
        <source>Proposition depuis des notes</source>
        <translation>Proposal from notes</translation>
    </message>
</context>
<context>
    <name>Outline</name>
    <message>
        <location filename="../capture/outline.py" line="102" />
        <source>Nouvelle note en dessous</source>
        <translation>New note below</translation>
    </message>
    <message>
        <location filename="../capture/outline.py" line="103" />
        <source>Nouvelle ligne dans la note</source>
        <translation>New line in the note</translation>
    </message>
    <message>
        <location filename="../capture/outline.py" line="104" />
        <source>Décaler la note à droite (sous-note)</source>
        <translation>Indent the note (sub-note)</translation>
    </message>
    <message>
        <location filename="../capture/outline.py" line="105" />
        <source>Décaler la note à gauche</source>
        <translation>Outdent the note</translation>
    </message>
    <message>
        <location filename="../capture/outline.py" line="106" />
        <source>Monter la note</source>
        <translation>Move the note up</translation>
    </message>
    <message>
        <location filename="../capture/outline.py" line="107" />
        <source>Descendre la note</source>
        <translation>Move the note down</translation>
    </message>
    <message>
        <location filename="../capture/outline.py" line="108" />
        <source>Supprimer la note vide</source>
        <translation>Delete the empty note</translation>
    </message>
    <message>
        <location filename="../capture/outline.py" line="109" />
        <source>Note précédente / suivante (depuis la première / dernière ligne)</source>
        <translation>Previous / next note (from the first / last line)</translation>
    </message>
    <message>
        <location filename="../capture/outline.py" line="110" />
        <source>Quitter le plan : vers le panneau latéral (Échap y revient à la note)</source>
        <translation>Leave the outline: to the side panel (Esc there goes back to the note)</translation>
    </message>
    <message>
        <location filename="../capture/outline.py" line="111" />
        <source>Quitter le plan : vers la liste des ateliers</source>
        <translation>Leave the outline: to the workshop list</translation>
    </message>
    <message>
        <location filename="../capture/outline.py" line="112" />
        <source>Dans la zone des notes (atteinte par Tab) : entrer dans la note en cours</source>
        <translation>In the notes area (reached by Tab): go into the current note</translation>
    </message>
</context>
<context>
    <name>OutlineModel</name>
    <message>
        <location filename="../capture/outline.py" line="148" />
        <source>lien</source>
        <translation>link</translation>
    </message>
</context>
<context>
    <name>ParticipantsForm</name>
    <message>
        <location filename="../capture/atelier_panels.py" line="79" />
        <source>Participants de l'atelier</source>
        <translation>Workshop participants</translation>
    </message>
    <message>
        <location filename="../capture/atelier_panels.py" line="90" />
        <source>Participants : {type}</source>
        <translation>Participants: {type}</translation>
    </message>
    <message>
        <location filename="../capture/atelier_panels.py" line="115" />
        <source>Participants de l'atelier {n}</source>
        <translation>Participants of workshop {n}</translation>
    </message>
    <message>
        <location filename="../capture/atelier_panels.py" line="120" />
        <source>Total de l'atelier : {n}</source>
        <translation>Workshop total: {n}</translation>
    </message>
    <message>
        <location filename="../capture/atelier_panels.py" line="126" />
        <source>Total de l'événement : {n} — parité administration / société civile et citoyens : {a} % / {b} %</source>
        <translation>Event total: {n} — parity administration / civil society and citizens: {a}% / {b}%</translation>
    </message>
    <message>
        <location filename="../capture/atelier_panels.py" line="130" />
        <source>Total de l'événement : 0</source>
        <translation>Event total: 0</translation>
    </message>
</context>
<context>
    <name>PhaseTimer</name>
    <message>
        <location filename="../capture/timer.py" line="181" />
        <source>Minuteur des phases</source>
        <translation>Phase timer</translation>
    </message>
    <message>
        <location filename="../capture/timer.py" line="189" />
        <source>Phase en cours</source>
        <translation>Current phase</translation>
    </message>
    <message>
        <location filename="../capture/timer.py" line="193" />
        <source>Temps restant</source>
        <translation>Time left</translation>
    </message>
    <message>
        <location filename="../capture/timer.py" line="203" />
        <source>Démarrer ou mettre en pause le minuteur</source>
        <translation>Start or pause the timer</translation>
    </message>
    <message>
        <location filename="../capture/timer.py" line="204" />
        <source>Démarrer / pause (F8)</source>
        <translation>Start / pause (F8)</translation>
    </message>
    <message>
        <location filename="../capture/timer.py" line="206" />
        <source>Phase suivante</source>
        <translation>Next phase</translation>
    </message>
    <message>
        <location filename="../capture/timer.py" line="207" />
        <source>Passer à la phase suivante</source>
        <translation>Go to the next phase</translation>
    </message>
    <message>
        <location filename="../capture/timer.py" line="208" />
        <source>Phase suivante (F9)</source>
        <translation>Next phase (F9)</translation>
    </message>
    <message>
        <location filename="../capture/timer.py" line="210" />
        <source>+5 min</source>
        <translation>+5 min</translation>
    </message>
    <message>
        <location filename="../capture/timer.py" line="211" />
        <source>Ajouter cinq minutes à la phase</source>
        <translation>Add five minutes to the phase</translation>
    </message>
    <message>
        <location filename="../capture/timer.py" line="212" />
        <source>Ajouter 5 minutes (F10)</source>
        <translation>Add 5 minutes (F10)</translation>
    </message>
    <message>
        <location filename="../capture/timer.py" line="247" />
        <source>Phase {n}/{total} : {title}</source>
        <translation>Phase {n}/{total}: {title}</translation>
    </message>
    <message>
        <location filename="../capture/timer.py" line="250" />
        <source>Temps écoulé {over}</source>
        <translation>Time is up {over}</translation>
    </message>
    <message>
        <location filename="../capture/timer.py" line="258" />
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <location filename="../capture/timer.py" line="258" />
        <source>Démarrer</source>
        <translation>Start</translation>
    </message>
</context>
<context>
    <name>PostEvent</name>
    <message>
        <location filename="../after/post_event.py" line="30" />
        <source>Après l'é&amp;vénement</source>
        <translation>After the e&amp;vent</translation>
    </message>
    <message>
        <location filename="../after/post_event.py" line="32" />
        <source>&amp;Synthèse et propositions…</source>
        <translation>&amp;Summary and proposals…</translation>
    </message>
    <message>
        <location filename="../after/post_event.py" line="33" />
        <source>&amp;Notes de tous les ateliers…</source>
        <translation>&amp;Notes of every workshop…</translation>
    </message>
    <message>
        <location filename="../after/post_event.py" line="35" />
        <source>&amp;Fusionner des portables…</source>
        <translation>&amp;Merge laptops…</translation>
    </message>
    <message>
        <location filename="../after/post_event.py" line="36" />
        <source>&amp;Conflits à résoudre…</source>
        <translation>&amp;Conflicts to resolve…</translation>
    </message>
    <message>
        <location filename="../after/post_event.py" line="38" />
        <source>&amp;Exporter…</source>
        <translation>E&amp;xport…</translation>
    </message>
</context>
<context>
    <name>PrepareDialog</name>
    <message>
        <location filename="../prepare/kit_editor.py" line="867" />
        <source>Préparer un événement</source>
        <translation>Prepare an event</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="869" />
        <source>Le kit décrit l'événement : programme, engagements, ateliers. Partez d'un modèle ou d'un kit existant.</source>
        <translation>The kit describes the event: programme, commitments, workshops. Start from a template or an existing kit.</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="873" />
        <source>Nouveau kit « &amp;Ministère ouvert »…</source>
        <translation>New “&amp;Ministère ouvert” kit…</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="874" />
        <source>Nouveau kit « &amp;Forum Open d'État »…</source>
        <translation>New “&amp;Forum Open d'État” kit…</translation>
    </message>
    <message>
        <location filename="../prepare/kit_editor.py" line="875" />
        <source>&amp;Modifier un kit existant…</source>
        <translation>&amp;Edit an existing kit…</translation>
    </message>
</context>
<context>
    <name>PreparedOutlines</name>
    <message>
        <location filename="../prepare/kit_outline.py" line="149" />
        <source>Entrée : nouvelle note · Tab / Maj+Tab : décaler · Alt+↑/↓ : déplacer · F2 : modifier · Suppr : retirer</source>
        <translation>Enter: new note · Tab / Shift+Tab: indent · Alt+↑/↓: move · F2: edit · Del: remove</translation>
    </message>
    <message>
        <location filename="../prepare/kit_outline.py" line="161" />
        <source>Notes préparées : {section}</source>
        <translation>Prepared notes: {section}</translation>
    </message>
    <message>
        <location filename="../prepare/kit_outline.py" line="197" />
        <source>Notes préparées</source>
        <translation>Prepared notes</translation>
    </message>
</context>
<context>
    <name>ProjectorView</name>
    <message>
        <location filename="../projector/view.py" line="163" />
        <source>Texte plus grand</source>
        <translation>Larger text</translation>
    </message>
    <message>
        <location filename="../projector/view.py" line="164" />
        <source>Texte plus petit</source>
        <translation>Smaller text</translation>
    </message>
    <message>
        <location filename="../projector/view.py" line="165" />
        <source>Thème clair / sombre</source>
        <translation>Light / dark theme</translation>
    </message>
    <message>
        <location filename="../projector/view.py" line="166" />
        <source>Plein écran</source>
        <translation>Full screen</translation>
    </message>
    <message>
        <location filename="../projector/view.py" line="167" />
        <source>Quitter le plein écran</source>
        <translation>Leave full screen</translation>
    </message>
    <message>
        <location filename="../projector/view.py" line="168" />
        <source>Fermer la vue projecteur</source>
        <translation>Close the projector view</translation>
    </message>
    <message>
        <location filename="../projector/view.py" line="177" />
        <source>facilitator — projection</source>
        <translation>facilitator — projector</translation>
    </message>
    <message>
        <location filename="../projector/view.py" line="178" />
        <source>Vue projecteur</source>
        <translation>Projector view</translation>
    </message>
    <message>
        <location filename="../projector/view.py" line="193" />
        <source>Question de l'atelier</source>
        <translation>Workshop question</translation>
    </message>
    <message>
        <location filename="../projector/view.py" line="196" />
        <source>Phase et temps restant</source>
        <translation>Phase and time left</translation>
    </message>
    <message>
        <location filename="../projector/view.py" line="200" />
        <source>Notes projetées</source>
        <translation>Projected notes</translation>
    </message>
    <message>
        <location filename="../projector/view.py" line="318" />
        <source>Atelier {n} — {q}</source>
        <translation>Workshop {n} — {q}</translation>
    </message>
    <message>
        <location filename="../projector/view.py" line="333" />
        <source>Temps écoulé {over}</source>
        <translation>Time is up {over}</translation>
    </message>
    <message>
        <location filename="../projector/view.py" line="334" />
        <source>{left} restantes</source>
        <translation>{left} left</translation>
    </message>
</context>
<context>
    <name>Proposals</name>
    <message>
        <location filename="../after/synthesis.py" line="62" />
        <source>Accélère un engagement existant</source>
        <translation>Speeds up an existing commitment</translation>
    </message>
    <message>
        <location filename="../after/synthesis.py" line="63" />
        <source>Pour le prochain plan d'action</source>
        <translation>For the next action plan</translation>
    </message>
    <message>
        <location filename="../after/synthesis.py" line="64" />
        <source>Autre</source>
        <translation>Other</translation>
    </message>
    <message>
        <location filename="../after/synthesis.py" line="68" />
        <source>— pas encore décidée —</source>
        <translation>— not yet decided —</translation>
    </message>
    <message>
        <location filename="../after/synthesis.py" line="69" />
        <source>Retenue</source>
        <translation>Accepted</translation>
    </message>
    <message>
        <location filename="../after/synthesis.py" line="70" />
        <source>À l'étude</source>
        <translation>Under consideration</translation>
    </message>
    <message>
        <location filename="../after/synthesis.py" line="71" />
        <source>Non retenue</source>
        <translation>Not accepted</translation>
    </message>
</context>
<context>
    <name>Rescue</name>
    <message>
        <location filename="../shell/rescue.py" line="41" />
        <source>Enregistrer une copie de l'événement ailleurs</source>
        <translation>Save a copy of the event elsewhere</translation>
    </message>
    <message>
        <location filename="../shell/rescue.py" line="56" />
        <source>{problem}

Ce que vous avez saisi n'est pas perdu : il reste affiché et gardé en mémoire, et sera enregistré dès que le fichier sera de nouveau accessible (place libérée, clé USB rebranchée).

Vous pouvez aussi enregistrer dès maintenant une copie de l'événement ailleurs (disque de l'ordinateur, autre clé) et continuer à travailler sur cette copie.</source>
        <translation>{problem}

What you typed is not lost: it stays on screen and in memory, and will be saved as soon as the file can be reached again (space freed, USB stick plugged back).

You can also save a copy of the event elsewhere now (the computer's disk, another stick) and go on working on that copy.</translation>
    </message>
    <message>
        <location filename="../shell/rescue.py" line="91" />
        <source>Copie enregistrée : {path}. Vous travaillez maintenant sur cette copie.</source>
        <translation>Copy saved: {path}. You are now working on this copy.</translation>
    </message>
    <message>
        <location filename="../shell/rescue.py" line="111" />
        <location filename="../shell/rescue.py" line="124" />
        <location filename="../shell/rescue.py" line="144" />
        <source>Enregistrer une copie ailleurs…</source>
        <translation>Save a copy elsewhere…</translation>
    </message>
    <message>
        <location filename="../shell/rescue.py" line="111" />
        <source>Continuer ici</source>
        <translation>Go on here</translation>
    </message>
    <message>
        <location filename="../shell/rescue.py" line="122" />
        <source>{problem}

Des modifications ne sont pas enregistrées dans le fichier : si vous fermez maintenant, elles seront perdues.</source>
        <translation>{problem}

Some changes are not saved in the file: if you close now, they will be lost.</translation>
    </message>
    <message>
        <location filename="../shell/rescue.py" line="124" />
        <source>Fermer sans enregistrer</source>
        <translation>Close without saving</translation>
    </message>
    <message>
        <location filename="../shell/rescue.py" line="125" />
        <source>Ne pas fermer</source>
        <translation>Do not close</translation>
    </message>
    <message>
        <location filename="../shell/rescue.py" line="137" />
        <source>Modifications non enregistrées</source>
        <translation>Unsaved changes</translation>
    </message>
    <message>
        <location filename="../shell/rescue.py" line="152" />
        <source>⚠ Modifications NON enregistrées — {problem} Elles sont gardées en mémoire : ne fermez pas la fenêtre, ou enregistrez une copie ailleurs.</source>
        <translation>⚠ Changes NOT saved — {problem} They are kept in memory: do not close the window, or save a copy elsewhere.</translation>
    </message>
    <message>
        <location filename="../shell/rescue.py" line="170" />
        <source>Tout est de nouveau enregistré.</source>
        <translation>Everything is saved again.</translation>
    </message>
    <message>
        <location filename="../shell/rescue.py" line="173" />
        <source>Modifications non enregistrées : voir le bandeau.</source>
        <translation>Unsaved changes: see the banner.</translation>
    </message>
</context>
<context>
    <name>SearchPanel</name>
    <message>
        <location filename="../capture/panels.py" line="220" />
        <source>Rechercher dans toutes les notes</source>
        <translation>Search all notes</translation>
    </message>
    <message>
        <location filename="../capture/panels.py" line="221" />
        <source>Rechercher (Ctrl+F)</source>
        <translation>Search (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../capture/panels.py" line="226" />
        <source>Filtrer par type de contributeur</source>
        <translation>Filter by contributor type</translation>
    </message>
    <message>
        <location filename="../capture/panels.py" line="227" />
        <source>Tous les contributeurs</source>
        <translation>All contributors</translation>
    </message>
    <message>
        <location filename="../capture/panels.py" line="232" />
        <source>Filtrer par engagement</source>
        <translation>Filter by commitment</translation>
    </message>
    <message>
        <location filename="../capture/panels.py" line="233" />
        <source>Tous les engagements</source>
        <translation>All commitments</translation>
    </message>
    <message>
        <location filename="../capture/panels.py" line="243" />
        <source>Résultats de la recherche</source>
        <translation>Search results</translation>
    </message>
    <message>
        <location filename="../capture/panels.py" line="280" />
        <source>Tapez un mot ou choisissez un filtre</source>
        <translation>Type a word or choose a filter</translation>
    </message>
    <message>
        <location filename="../capture/panels.py" line="291" />
        <source>Aucune note trouvée</source>
        <translation>No note found</translation>
    </message>
    <message>
        <location filename="../capture/panels.py" line="292" />
        <source>{n} résultat(s)</source>
        <translation>{n} result(s)</translation>
    </message>
</context>
<context>
    <name>SectionAcrossModel</name>
    <message>
        <location filename="../capture/outline.py" line="440" />
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../capture/outline.py" line="440" />
        <source>Contributeur</source>
        <translation>Contributor</translation>
    </message>
    <message>
        <location filename="../capture/outline.py" line="440" />
        <source>Votes</source>
        <translation>Votes</translation>
    </message>
</context>
<context>
    <name>SectionEditor</name>
    <message>
        <location filename="../capture/outline.py" line="902" />
        <source>Section {title}</source>
        <translation>Section {title}</translation>
    </message>
    <message>
        <location filename="../capture/outline.py" line="930" />
        <source>+ Ajouter une note</source>
        <translation>+ Add a note</translation>
    </message>
    <message>
        <location filename="../capture/outline.py" line="932" />
        <source>Ajouter une note dans « {title} »</source>
        <translation>Add a note to “{title}”</translation>
    </message>
</context>
<context>
    <name>SectionOutline</name>
    <message>
        <location filename="../prepare/kit_outline.py" line="29" />
        <source>Note préparée</source>
        <translation>Prepared note</translation>
    </message>
    <message>
        <location filename="../prepare/kit_outline.py" line="29" />
        <source>Adresse web</source>
        <translation>Web address</translation>
    </message>
    <message>
        <location filename="../prepare/kit_outline.py" line="87" />
        <source>Nouvelle note</source>
        <translation>New note</translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message>
        <location filename="../capture/session.py" line="126" />
        <source>Nouvelle note</source>
        <translation>New note</translation>
    </message>
    <message>
        <location filename="../capture/session.py" line="126" />
        <source>Suppression de note</source>
        <translation>Note deletion</translation>
    </message>
    <message>
        <location filename="../capture/session.py" line="127" />
        <source>Décalage à droite</source>
        <translation>Indent</translation>
    </message>
    <message>
        <location filename="../capture/session.py" line="127" />
        <source>Décalage à gauche</source>
        <translation>Outdent</translation>
    </message>
    <message>
        <location filename="../capture/session.py" line="128" />
        <source>Déplacement vers le haut</source>
        <translation>Move up</translation>
    </message>
    <message>
        <location filename="../capture/session.py" line="128" />
        <source>Déplacement vers le bas</source>
        <translation>Move down</translation>
    </message>
    <message>
        <location filename="../capture/session.py" line="129" />
        <source>Déplacement</source>
        <translation>Move</translation>
    </message>
    <message>
        <location filename="../capture/session.py" line="129" />
        <source>Modification de note</source>
        <translation>Note edit</translation>
    </message>
    <message>
        <location filename="../capture/session.py" line="130" />
        <source>Vote</source>
        <translation>Vote</translation>
    </message>
    <message>
        <location filename="../capture/session.py" line="130" />
        <source>Participants</source>
        <translation>Participants</translation>
    </message>
    <message>
        <location filename="../capture/session.py" line="404" />
        <source>Saisie</source>
        <translation>Typing</translation>
    </message>
</context>
<context>
    <name>ShortcutSheet</name>
    <message>
        <location filename="../shell/helpmenu.py" line="83" />
        <location filename="../shell/helpmenu.py" line="84" />
        <source>Raccourcis clavier</source>
        <translation>Keyboard shortcuts</translation>
    </message>
    <message>
        <location filename="../shell/helpmenu.py" line="89" />
        <source>Liste des raccourcis clavier</source>
        <translation>List of the keyboard shortcuts</translation>
    </message>
    <message>
        <location filename="../shell/helpmenu.py" line="93" />
        <source>&amp;Imprimer…</source>
        <translation>&amp;Print…</translation>
    </message>
    <message>
        <location filename="../shell/helpmenu.py" line="95" />
        <location filename="../shell/helpmenu.py" line="113" />
        <source>Imprimer les raccourcis clavier</source>
        <translation>Print the keyboard shortcuts</translation>
    </message>
    <message>
        <location filename="../shell/helpmenu.py" line="97" />
        <source>Fer&amp;mer</source>
        <translation>&amp;Close</translation>
    </message>
    <message>
        <location filename="../shell/helpmenu.py" line="98" />
        <source>Fermer</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>StartScreen</name>
    <message>
        <location filename="../shell/start.py" line="35" />
        <source>Accueil de facilitator</source>
        <translation>facilitator start screen</translation>
    </message>
    <message>
        <location filename="../shell/start.py" line="38" />
        <source>facilitator — ateliers de gouvernement ouvert</source>
        <translation>facilitator — open government workshops</translation>
    </message>
    <message>
        <location filename="../shell/start.py" line="44" />
        <source>Tout fonctionne hors ligne ; chaque note est enregistrée dès sa saisie.</source>
        <translation>Everything works offline; every note is saved as it is typed.</translation>
    </message>
    <message>
        <location filename="../shell/start.py" line="46" />
        <source>&amp;Ouvrir un fichier d'événement…</source>
        <translation>&amp;Open an event file…</translation>
    </message>
    <message>
        <location filename="../shell/start.py" line="47" />
        <source>&amp;Préparer un événement (éditeur de kit)…</source>
        <translation>&amp;Prepare an event (kit editor)…</translation>
    </message>
    <message>
        <location filename="../shell/start.py" line="48" />
        <source>&amp;Créer un événement depuis un kit…</source>
        <translation>&amp;Create an event from a kit…</translation>
    </message>
    <message>
        <location filename="../shell/start.py" line="49" />
        <source>Ouvrir la &amp;démo 2016 (Ministère ouvert #1)</source>
        <translation>Open the 2016 &amp;demo (Ministère ouvert #1)</translation>
    </message>
    <message>
        <location filename="../shell/start.py" line="59" />
        <source>Fichiers &amp;récents :</source>
        <translation>&amp;Recent files:</translation>
    </message>
    <message>
        <location filename="../shell/start.py" line="62" />
        <source>Fichiers récents</source>
        <translation>Recent files</translation>
    </message>
    <message>
        <location filename="../shell/start.py" line="94" />
        <source>Choisir le kit</source>
        <translation>Choose the kit</translation>
    </message>
    <message>
        <location filename="../shell/start.py" line="95" />
        <source>Kits (*.yaml *.yml)</source>
        <translation>Kits (*.yaml *.yml)</translation>
    </message>
    <message>
        <location filename="../shell/start.py" line="98" />
        <source>Nouveau fichier d'événement</source>
        <translation>New event file</translation>
    </message>
</context>
<context>
    <name>SynthesisEditor</name>
    <message>
        <location filename="../after/synthesis.py" line="184" />
        <source>Synthèse des propositions</source>
        <translation>Summary of the proposals</translation>
    </message>
    <message>
        <location filename="../after/synthesis.py" line="185" />
        <source>Synthèse — {title}</source>
        <translation>Summary — {title}</translation>
    </message>
    <message>
        <location filename="../after/synthesis.py" line="243" />
        <source>Synthèse</source>
        <translation>Summary</translation>
    </message>
    <message>
        <location filename="../after/synthesis.py" line="247" />
        <source>À l'attention de {who}</source>
        <translation>For the attention of {who}</translation>
    </message>
    <message>
        <location filename="../after/synthesis.py" line="252" />
        <location filename="../after/synthesis.py" line="600" />
        <source>Objet de la synthèse</source>
        <translation>Subject of the summary</translation>
    </message>
    <message>
        <location filename="../after/synthesis.py" line="253" />
        <source>Synthèse des propositions issues des ateliers…</source>
        <translation>Summary of the proposals from the workshops…</translation>
    </message>
    <message>
        <location filename="../after/synthesis.py" line="255" />
        <source>&amp;Objet :</source>
        <translation>&amp;Subject:</translation>
    </message>
    <message>
        <location filename="../after/synthesis.py" line="260" />
        <location filename="../after/synthesis.py" line="600" />
        <source>Texte d'ouverture</source>
        <translation>Opening text</translation>
    </message>
    <message>
        <location filename="../after/synthesis.py" line="262" />
        <source>Vide : la restitution l'écrit depuis les faits de l'événement.</source>
        <translation>Empty: the report writes it from the event's facts.</translation>
    </message>
    <message>
        <location filename="../after/synthesis.py" line="264" />
        <source>Texte d'o&amp;uverture :</source>
        <translation>&amp;Opening text:</translation>
    </message>
    <message>
        <location filename="../after/synthesis.py" line="266" />
        <source>&amp;Générer depuis les faits de l'événement</source>
        <translation>Generate from the event's &amp;facts</translation>
    </message>
    <message>
        <location filename="../after/synthesis.py" line="268" />
        <source>Générer le texte d'ouverture depuis les faits de l'événement</source>
        <translation>Generate the opening text from the event's facts</translation>
    </message>
    <message>
        <location filename="../after/synthesis.py" line="274" />
        <location filename="../after/synthesis.py" line="601" />
        <source>Retours sur le format</source>
        <translation>Feedback on the format</translation>
    </message>
    <message>
        <location filename="../after/synthesis.py" line="276" />
        <source>- un retour par ligne, commençant par « - »</source>
        <translation>- one piece of feedback per line, starting with “-”</translation>
    </message>
    <message>
        <location filename="../after/synthesis.py" line="293" />
        <source>Nom de la personne qui valide</source>
        <translation>Name of the person approving</translation>
    </message>
    <message>
        <location filename="../after/synthesis.py" line="294" />
        <source>Prénom Nom</source>
        <translation>First name Surname</translation>
    </message>
    <message>
        <location filename="../after/synthesis.py" line="278" />
        <source>Retours sur &amp;le format (une puce « - » par ligne) :</source>
        <translation>Feedback on the for&amp;mat (one “-” bullet per line):</translation>
    </message>
    <message>
        <location filename="../after/synthesis.py" line="295" />
        <source>Pa&amp;r :</source>
        <translation>&amp;By:</translation>
    </message>
    <message>
        <location filename="../after/synthesis.py" line="231" />
        <location filename="../after/synthesis.py" line="297" />
        <source>&amp;Valider la synthèse</source>
        <translation>Appro&amp;ve the summary</translation>
    </message>
    <message>
        <location filename="../after/synthesis.py" line="211" />
        <source>Menu de la synthèse</source>
        <translation>Summary menu</translation>
    </message>
    <message>
        <location filename="../after/synthesis.py" line="212" />
        <source>S&amp;ynthèse</source>
        <translation>Summar&amp;y</translation>
    </message>
    <message>
        <location filename="../after/synthesis.py" line="223" />
        <source>&amp;Nouvelle proposition</source>
        <translation>&amp;New proposal</translation>
    </message>
    <message>
        <location filename="../after/synthesis.py" line="224" />
        <source>&amp;Monter la proposition</source>
        <translation>Move the proposal u&amp;p</translation>
    </message>
    <message>
        <location filename="../after/synthesis.py" line="225" />
        <source>&amp;Descendre la proposition</source>
        <translation>Move the proposal do&amp;wn</translation>
    </message>
    <message>
        <location filename="../after/synthesis.py" line="227" />
        <source>&amp;Supprimer la proposition</source>
        <translation>&amp;Delete the proposal</translation>
    </message>
    <message>
        <location filename="../after/synthesis.py" line="228" />
        <source>&amp;Choisir des notes d'origine…</source>
        <translation>&amp;Choose source notes…</translation>
    </message>
    <message>
        <location filename="../after/synthesis.py" line="230" />
        <source>&amp;Générer le texte d'ouverture</source>
        <translation>&amp;Generate the opening text</translation>
    </message>
    <message>
        <location filename="../after/synthesis.py" line="236" />
        <source>&amp;Annuler</source>
        <translation>&amp;Undo</translation>
    </message>
    <message>
        <location filename="../after/synthesis.py" line="236" />
        <source>&amp;Rétablir</source>
        <translation>&amp;Redo</translation>
    </message>
    <message>
        <location filename="../after/synthesis.py" line="239" />
        <source>&amp;Fermer</source>
        <translation>Cl&amp;ose</translation>
    </message>
    <message>
        <location filename="../after/synthesis.py" line="299" />
        <source>Valider la synthèse</source>
        <translation>Approve the summary</translation>
    </message>
    <message>
        <location filename="../after/synthesis.py" line="302" />
        <source>Rouvrir</source>
        <translation>Reopen</translation>
    </message>
    <message>
        <location filename="../after/synthesis.py" line="304" />
        <source>Rouvrir la synthèse</source>
        <translation>Reopen the summary</translation>
    </message>
    <message>
        <location filename="../after/synthesis.py" line="305" />
        <source>Réouverture de la synthèse</source>
        <translation>Summary reopening</translation>
    </message>
    <message>
        <location filename="../after/synthesis.py" line="312" />
        <source>Propositions</source>
        <translation>Proposals</translation>
    </message>
    <message>
        <location filename="../after/synthesis.py" line="316" />
        <source>Liste des propositions (Alt+Haut / Alt+Bas pour les déplacer)</source>
        <translation>List of proposals (Alt+Up / Alt+Down to move them)</translation>
    </message>
    <message>
        <location filename="../after/synthesis.py" line="323" />
        <source>&amp;Propositions :</source>
        <translation>&amp;Proposals:</translation>
    </message>
    <message>
        <location filename="../after/synthesis.py" line="326" />
        <source>&amp;Nouvelle</source>
        <translation>&amp;New</translation>
    </message>
    <message>
        <location filename="../after/synthesis.py" line="328" />
        <location filename="../after/synthesis.py" line="625" />
        <source>Nouvelle proposition</source>
        <translation>New proposal</translation>
    </message>
    <message>
        <location filename="../after/synthesis.py" line="329" />
        <source>Nouvelle proposition (Ctrl+N)</source>
        <translation>New proposal (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../after/synthesis.py" line="331" />
        <source>&amp;Supprimer</source>
        <translation>&amp;Delete</translation>
    </message>
    <message>
        <location filename="../after/synthesis.py" line="333" />
        <source>Supprimer la proposition</source>
        <translation>Delete the proposal</translation>
    </message>
    <message>
        <location filename="../after/synthesis.py" line="337" />
        <source>Monter la proposition</source>
        <translation>Move the proposal up</translation>
    </message>
    <message>
        <location filename="../after/synthesis.py" line="338" />
        <source>Monter (Alt+Haut)</source>
        <translation>Move up (Alt+Up)</translation>
    </message>
    <message>
        <location filename="../after/synthesis.py" line="342" />
        <source>Descendre la proposition</source>
        <translation>Move the proposal down</translation>
    </message>
    <message>
        <location filename="../after/synthesis.py" line="343" />
        <source>Descendre (Alt+Bas)</source>
        <translation>Move down (Alt+Down)</translation>
    </message>
    <message>
        <location filename="../after/synthesis.py" line="351" />
        <source>Proposition</source>
        <translation>Proposal</translation>
    </message>
    <message>
        <location filename="../after/synthesis.py" line="357" />
        <source>Titre court de la proposition</source>
        <translation>Short title of the proposal</translation>
    </message>
    <message>
        <location filename="../after/synthesis.py" line="359" />
        <source>&amp;Titre :</source>
        <translation>&amp;Title:</translation>
    </message>
    <message>
        <location filename="../after/synthesis.py" line="362" />
        <location filename="../after/synthesis.py" line="667" />
        <source>Nature de la proposition</source>
        <translation>Kind of proposal</translation>
    </message>
    <message>
        <location filename="../after/synthesis.py" line="366" />
        <source>Natur&amp;e :</source>
        <translation>&amp;Kind:</translation>
    </message>
    <message>
        <location filename="../after/synthesis.py" line="392" />
        <source>Engage&amp;ments :</source>
        <translation>&amp;Commitments:</translation>
    </message>
    <message>
        <location filename="../after/synthesis.py" line="402" />
        <source>Notes d'or&amp;igine :</source>
        <translation>So&amp;urce notes:</translation>
    </message>
    <message>
        <location filename="../after/synthesis.py" line="405" />
        <source>C&amp;hoisir des notes…</source>
        <translation>C&amp;hoose notes…</translation>
    </message>
    <message>
        <location filename="../after/synthesis.py" line="431" />
        <source>Dé&amp;cision :</source>
        <translation>D&amp;ecision:</translation>
    </message>
    <message>
        <location filename="../after/synthesis.py" line="438" />
        <source>Moti&amp;f :</source>
        <translation>&amp;Reason:</translation>
    </message>
    <message>
        <location filename="../after/synthesis.py" line="445" />
        <source>&amp;Date :</source>
        <translation>D&amp;ate:</translation>
    </message>
    <message>
        <location filename="../after/synthesis.py" line="370" />
        <location filename="../after/synthesis.py" line="609" />
        <source>Texte de la proposition</source>
        <translation>Text of the proposal</translation>
    </message>
    <message>
        <location filename="../after/synthesis.py" line="373" />
        <source>Te&amp;xte :</source>
        <translation>Te&amp;xt:</translation>
    </message>
    <message>
        <location filename="../after/synthesis.py" line="380" />
        <source>Engagements du plan concernés</source>
        <translation>Commitments of the plan concerned</translation>
    </message>
    <message>
        <location filename="../after/synthesis.py" line="399" />
        <source>Notes à l'origine de la proposition</source>
        <translation>Notes the proposal comes from</translation>
    </message>
    <message>
        <location filename="../after/synthesis.py" line="407" />
        <source>Choisir les notes d'origine</source>
        <translation>Choose the source notes</translation>
    </message>
    <message>
        <location filename="../after/synthesis.py" line="409" />
        <source>Retirer</source>
        <translation>Remove</translation>
    </message>
    <message>
        <location filename="../after/synthesis.py" line="411" />
        <source>Retirer la note sélectionnée</source>
        <translation>Remove the selected note</translation>
    </message>
    <message>
        <location filename="../after/synthesis.py" line="413" />
        <source>&amp;Aller à la note</source>
        <translation>&amp;Go to the note</translation>
    </message>
    <message>
        <location filename="../after/synthesis.py" line="415" />
        <source>Aller à la note dans la prise de notes</source>
        <translation>Go to the note in the note-taking</translation>
    </message>
    <message>
        <location filename="../after/synthesis.py" line="423" />
        <location filename="../after/synthesis.py" line="427" />
        <location filename="../after/synthesis.py" line="684" />
        <source>Décision</source>
        <translation>Decision</translation>
    </message>
    <message>
        <location filename="../after/synthesis.py" line="434" />
        <location filename="../after/synthesis.py" line="610" />
        <source>Motif de la décision</source>
        <translation>Reason for the decision</translation>
    </message>
    <message>
        <location filename="../after/synthesis.py" line="441" />
        <location filename="../after/synthesis.py" line="698" />
        <source>Date de la décision</source>
        <translation>Date of the decision</translation>
    </message>
    <message>
        <location filename="../after/synthesis.py" line="470" />
        <source>✔ Validée par {by} le {at}
Empreinte SHA-256 : {fp}</source>
        <translation>✔ Approved by {by} on {at}
SHA-256 fingerprint: {fp}</translation>
    </message>
    <message>
        <location filename="../after/synthesis.py" line="473" />
        <source>Synthèse non validée.</source>
        <translation>Summary not approved.</translation>
    </message>
    <message>
        <location filename="../after/synthesis.py" line="491" />
        <source>(sans titre)</source>
        <translation>(untitled)</translation>
    </message>
    <message>
        <location filename="../after/synthesis.py" line="494" />
        <source>engagement(s) {ids}</source>
        <translation>commitment(s) {ids}</translation>
    </message>
    <message>
        <location filename="../after/synthesis.py" line="556" />
        <source>Atelier {n} · {section} — {text}</source>
        <translation>Workshop {n} · {section} — {text}</translation>
    </message>
    <message>
        <location filename="../after/synthesis.py" line="559" />
        <source>(supprimée)</source>
        <translation>(deleted)</translation>
    </message>
    <message>
        <location filename="../after/synthesis.py" line="561" />
        <source>Note inconnue {id}</source>
        <translation>Unknown note {id}</translation>
    </message>
    <message>
        <location filename="../after/synthesis.py" line="609" />
        <source>Titre de la proposition</source>
        <translation>Title of the proposal</translation>
    </message>
    <message>
        <location filename="../after/synthesis.py" line="616" />
        <source>Texte d'ouverture généré</source>
        <translation>Generated opening text</translation>
    </message>
    <message>
        <location filename="../after/synthesis.py" line="622" />
        <source>Validation de la synthèse</source>
        <translation>Summary approval</translation>
    </message>
    <message>
        <location filename="../after/synthesis.py" line="637" />
        <source>Suppression de proposition</source>
        <translation>Proposal deletion</translation>
    </message>
    <message>
        <location filename="../after/synthesis.py" line="651" />
        <source>Déplacement de proposition</source>
        <translation>Proposal move</translation>
    </message>
    <message>
        <location filename="../after/synthesis.py" line="675" />
        <source>Engagements de la proposition</source>
        <translation>Proposal commitments</translation>
    </message>
    <message>
        <location filename="../after/synthesis.py" line="703" />
        <location filename="../after/synthesis.py" line="715" />
        <source>Notes d'origine</source>
        <translation>Source notes</translation>
    </message>
    <message>
        <location filename="../after/synthesis.py" line="721" />
        <source>Note d'origine retirée</source>
        <translation>Source note removal</translation>
    </message>
</context>
<context>
    <name>WorkshopDetails</name>
    <message>
        <location filename="../capture/atelier_panels.py" line="23" />
        <source>Détails de l'atelier</source>
        <translation>Workshop details</translation>
    </message>
    <message>
        <location filename="../capture/atelier_panels.py" line="30" />
        <source>Atelier {n}</source>
        <translation>Workshop {n}</translation>
    </message>
    <message>
        <location filename="../capture/atelier_panels.py" line="31" />
        <source>Administration pilote :</source>
        <translation>Lead administration:</translation>
    </message>
    <message>
        <location filename="../capture/atelier_panels.py" line="31" />
        <source>Engagements traités</source>
        <translation>Commitments covered</translation>
    </message>
    <message>
        <location filename="../capture/atelier_panels.py" line="31" />
        <source>Contexte</source>
        <translation>Context</translation>
    </message>
    <message>
        <location filename="../capture/atelier_panels.py" line="32" />
        <source>Organisations représentées</source>
        <translation>Organisations represented</translation>
    </message>
    <message>
        <location filename="../capture/atelier_panels.py" line="32" />
        <source>Phases</source>
        <translation>Phases</translation>
    </message>
    <message>
        <location filename="../capture/atelier_panels.py" line="36" />
        <source>Salle : {room}</source>
        <translation>Room: {room}</translation>
    </message>
    <message>
        <location filename="../capture/atelier_panels.py" line="39" />
        <source>Horaire : {span}</source>
        <translation>Time: {span}</translation>
    </message>
    <message>
        <location filename="../capture/atelier_panels.py" line="55" />
        <source>À parcourir avant l'atelier</source>
        <translation>To read before the workshop</translation>
    </message>
    <message>
        <location filename="../capture/atelier_panels.py" line="56" />
        <source>Accès en ligne</source>
        <translation>Online access</translation>
    </message>
</context>
</TS>