<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE" sourcelanguage="en">
<context>
    <name>Galley::BusyIndicator</name>
    <message>
        <source>Loading</source>
        <translation>Wird geladen</translation>
    </message>
</context>
<context>
    <name>Galley::CheckServerDialog</name>
    <message>
        <source>&amp;Check</source>
        <translation>&amp;Prüfen</translation>
    </message>
    <message>
        <source>Check Server</source>
        <translation>Server prüfen</translation>
    </message>
    <message>
        <source>Find out whether a Galley server can work with this version of Galley. Signing in to a server and syncing with it are not available yet: until then Galley works on its local workspace.</source>
        <translation>Finden Sie heraus, ob ein Galley-Server mit dieser Galley-Version zusammenarbeiten kann. Anmelden bei einem Server und Synchronisieren sind noch nicht verfügbar: Bis dahin arbeitet Galley mit seinem lokalen Arbeitsbereich.</translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation>&amp;Server:</translation>
    </message>
    <message>
        <source>Not a server address</source>
        <translation>Keine Serveradresse</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Wird geprüft …</translation>
    </message>
    <message>
        <source>Asking %1 which API versions it speaks.</source>
        <translation>%1 wird nach seinen API-Versionen gefragt.</translation>
    </message>
    <message>
        <source>%1 is a Galley server that speaks API version %2, the one this Galley uses.</source>
        <translation>%1 ist ein Galley-Server und spricht die API-Version %2, die diese Galley-Version verwendet.</translation>
    </message>
    <message>
        <source>It also offers %1.</source>
        <translation>Außerdem bietet er %1 an.</translation>
    </message>
    <message>
        <source>Compatible server</source>
        <translation>Kompatibler Server</translation>
    </message>
    <message>
        <source>Incompatible API version</source>
        <translation>Inkompatible API-Version</translation>
    </message>
    <message>
        <source>Not a Galley server</source>
        <translation>Kein Galley-Server</translation>
    </message>
    <message>
        <source>Server not reachable</source>
        <translation>Server nicht erreichbar</translation>
    </message>
    <message>
        <source>Not checked yet</source>
        <translation>Noch nicht geprüft</translation>
    </message>
    <message>
        <source>Galley asks the server which API versions it speaks. This Galley speaks %1.</source>
        <translation>Galley fragt den Server, welche API-Versionen er spricht. Diese Galley-Version spricht %1.</translation>
    </message>
</context>
<context>
    <name>Galley::ContentView</name>
    <message>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Show editions in this state</source>
        <translation>Fassungen in diesem Status anzeigen</translation>
    </message>
    <message>
        <source>All states</source>
        <translation>Alle Status</translation>
    </message>
    <message>
        <source>Schema</source>
        <translation>Schema</translation>
    </message>
    <message>
        <source>Show editions of this content schema</source>
        <translation>Fassungen dieses Inhaltsschemas anzeigen</translation>
    </message>
    <message>
        <source>All schemas</source>
        <translation>Alle Schemas</translation>
    </message>
    <message>
        <source>Search titles and text…</source>
        <translation>Titel und Text durchsuchen …</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Suche</translation>
    </message>
    <message>
        <source>Editions</source>
        <translation>Fassungen</translation>
    </message>
    <message>
        <source>The editions could not be loaded</source>
        <translation>Die Fassungen konnten nicht geladen werden</translation>
    </message>
    <message>
        <source>Try Again</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <comment>schema (account)</comment>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>No editions match.</source>
        <translation>Keine passenden Fassungen.</translation>
    </message>
    <message>
        <source>Clear the search or choose another state.</source>
        <translation>Leeren Sie die Suche oder wählen Sie einen anderen Status.</translation>
    </message>
    <message>
        <source>Clear Filters</source>
        <translation>Filter zurücksetzen</translation>
    </message>
    <message>
        <source>No editions here yet.</source>
        <translation>Hier gibt es noch keine Fassungen.</translation>
    </message>
    <message>
        <source>Editions appear here when writers create documents. Choose another site to see its content.</source>
        <translation>Fassungen erscheinen hier, sobald Autoren Dokumente anlegen. Wählen Sie eine andere Website, um deren Inhalte zu sehen.</translation>
    </message>
</context>
<context>
    <name>Galley::DemoWorkspaceSplash</name>
    <message>
        <source>Preparing the demo workspace</source>
        <translation>Demo-Arbeitsbereich wird vorbereitet</translation>
    </message>
    <message>
        <source>Preparing the demo workspace…</source>
        <translation>Der Demo-Arbeitsbereich wird vorbereitet …</translation>
    </message>
    <message>
        <source>Two sample accounts with their sites, schemas and editions, for trying Galley out.</source>
        <translation>Zwei Beispielmandanten mit ihren Websites, Schemas und Fassungen zum Ausprobieren von Galley.</translation>
    </message>
    <message>
        <source>Cannot replace the file %1.</source>
        <translation>Die Datei %1 kann nicht ersetzt werden.</translation>
    </message>
</context>
<context>
    <name>Galley::DeploymentListModel</name>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>v%1</source>
        <translation>v%1</translation>
    </message>
    <message>
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>Website</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Gestartet</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
</context>
<context>
    <name>Galley::DeploymentStatus</name>
    <message>
        <source>Pending</source>
        <translation>Ausstehend</translation>
    </message>
    <message>
        <source>Deploying</source>
        <translation>Wird bereitgestellt</translation>
    </message>
    <message>
        <source>Deployed</source>
        <translation>Bereitgestellt</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Rolled back</source>
        <translation>Zurückgerollt</translation>
    </message>
</context>
<context>
    <name>Galley::DeploymentView</name>
    <message>
        <source>Deployments</source>
        <translation>Bereitstellungen</translation>
    </message>
    <message>
        <source>No deployments yet.</source>
        <translation>Noch keine Bereitstellungen.</translation>
    </message>
    <message>
        <source>Deployments of the sites in this scope appear here. Choose another site or account in the tree.</source>
        <translation>Hier erscheinen die Bereitstellungen der Websites in dieser Auswahl. Wählen Sie im Baum eine andere Website oder einen anderen Mandanten.</translation>
    </message>
    <message>
        <source>No deployment selected</source>
        <translation>Keine Bereitstellung ausgewählt</translation>
    </message>
    <message>
        <source>Select a deployment to see its log and metadata.</source>
        <translation>Wählen Sie eine Bereitstellung, um Protokoll und Metadaten zu sehen.</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>Protokoll</translation>
    </message>
    <message>
        <source>Deployment log</source>
        <translation>Bereitstellungsprotokoll</translation>
    </message>
    <message>
        <source>The deployments could not be loaded</source>
        <translation>Die Bereitstellungen konnten nicht geladen werden</translation>
    </message>
    <message>
        <source>%1, version %2</source>
        <translation>%1, Version %2</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Gestartet</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>Beendet</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>This deployment has not written a log.</source>
        <translation>Diese Bereitstellung hat kein Protokoll geschrieben.</translation>
    </message>
</context>
<context>
    <name>Galley::DisplayFormat</name>
    <message>
        <source>d MMM yyyy HH:mm</source>
        <extracomment>Date and time format (QDateTime::toString syntax), e.g. &quot;12 Nov 2026 14:03&quot;</extracomment>
        <translation>d. MMM yyyy, HH:mm</translation>
    </message>
    <message>
        <source>d MMM yyyy</source>
        <extracomment>Date format (QDateTime::toString syntax), e.g. &quot;12 Nov 2026&quot;</extracomment>
        <translation>d. MMM yyyy</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Ja</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Nein</translation>
    </message>
    <message>
        <source>and %1 more</source>
        <translation>und %1 weitere</translation>
    </message>
</context>
<context>
    <name>Galley::EditionDetailPane</name>
    <message>
        <source>No edition selected</source>
        <translation>Keine Fassung ausgewählt</translation>
    </message>
    <message>
        <source>Select an edition to see its fields and history</source>
        <translation>Wählen Sie eine Fassung, um ihre Felder und ihren Verlauf zu sehen</translation>
    </message>
    <message>
        <source>Force published</source>
        <translation>Ohne Prüfung veröffentlicht</translation>
    </message>
    <message>
        <source>Published without a second editor&apos;s review. It awaits retrospective approval.</source>
        <translation>Ohne Prüfung durch eine zweite Redakteurin oder einen zweiten Redakteur veröffentlicht. Die nachträgliche Freigabe steht noch aus.</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>Fields</source>
        <translation>Felder</translation>
    </message>
    <message>
        <source>No fields are filled in yet.</source>
        <translation>Noch keine Felder ausgefüllt.</translation>
    </message>
    <message>
        <source>Publishing</source>
        <translation>Veröffentlichung</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <source>No history recorded.</source>
        <translation>Kein Verlauf aufgezeichnet.</translation>
    </message>
    <message>
        <source>This edition could not be loaded</source>
        <translation>Diese Fassung konnte nicht geladen werden</translation>
    </message>
    <message>
        <source>Try Again</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation>Ohne Titel</translation>
    </message>
    <message>
        <source>Version %1</source>
        <translation>Version %1</translation>
    </message>
    <message>
        <source>Not yet published</source>
        <translation>Noch nicht veröffentlicht</translation>
    </message>
    <message>
        <source>Withdrawn on %1</source>
        <translation>Zurückgezogen am %1</translation>
    </message>
    <message>
        <source>Unpublished on %1: %2</source>
        <translation>Depubliziert am %1: %2</translation>
    </message>
    <message>
        <source>Visitors are redirected to %1</source>
        <translation>Besucher werden weitergeleitet zu %1</translation>
    </message>
    <message>
        <source>Alternative page: %1</source>
        <translation>Alternative Seite: %1</translation>
    </message>
    <message>
        <source>Visitors get “gone” (410).</source>
        <translation>Besucher erhalten „Gone“ (410).</translation>
    </message>
    <message>
        <source>Schema</source>
        <translation>Schema</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>Website</translation>
    </message>
    <message>
        <source>Sector</source>
        <translation>Rubrik</translation>
    </message>
    <message>
        <source>Slug</source>
        <translation>Slug</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>Geändert</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Angelegt</translation>
    </message>
    <message>
        <source>%1 by %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <source>Scheduled for</source>
        <translation>Geplant für</translation>
    </message>
    <message>
        <source>First published</source>
        <translation>Erstmals veröffentlicht</translation>
    </message>
    <message>
        <source>Minor change (no change note needed)</source>
        <translation>Kleine Änderung (kein Änderungshinweis nötig)</translation>
    </message>
    <message>
        <source>%1 (minor change)</source>
        <translation>%1 (kleine Änderung)</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Keiner</translation>
    </message>
    <message>
        <source>Change note</source>
        <translation>Änderungshinweis</translation>
    </message>
    <message>
        <source>Not checked yet</source>
        <translation>Noch nicht geprüft</translation>
    </message>
    <message>
        <source>No links (checked %1)</source>
        <translation>Keine Links (geprüft am %1)</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <comment>link count, status</comment>
        <translation>%1 %2</translation>
    </message>
    <message numerus="yes">
        <source>%n link(s) checked %1</source>
        <translation>
            <numerusform>%n Link geprüft am %1</numerusform>
            <numerusform>%n Links geprüft am %1</numerusform>
        </translation>
    </message>
    <message>
        <source>A dangerous link blocks publishing until it is removed.</source>
        <translation>Ein gefährlicher Link verhindert die Veröffentlichung, bis er entfernt ist.</translation>
    </message>
    <message>
        <source>Links</source>
        <translation>Links</translation>
    </message>
    <message>
        <source>Editions</source>
        <translation>Fassungen</translation>
    </message>
    <message numerus="yes">
        <source>%n edition(s) of this document</source>
        <translation>
            <numerusform>%n Fassung dieses Dokuments</numerusform>
            <numerusform>%n Fassungen dieses Dokuments</numerusform>
        </translation>
    </message>
    <message>
        <source>Force scheduled</source>
        <translation>Ohne Prüfung geplant</translation>
    </message>
    <message>
        <source>Scheduled without a second editor&apos;s review.</source>
        <translation>Ohne Prüfung durch eine zweite Redakteurin oder einen zweiten Redakteur geplant.</translation>
    </message>
</context>
<context>
    <name>Galley::EditionState</name>
    <message>
        <source>Draft</source>
        <translation>Entwurf</translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation>Eingereicht</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Abgelehnt</translation>
    </message>
    <message>
        <source>Scheduled</source>
        <translation>Geplant</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>Veröffentlicht</translation>
    </message>
    <message>
        <source>Withdrawn</source>
        <translation>Zurückgezogen</translation>
    </message>
    <message>
        <source>Unpublished</source>
        <translation>Depubliziert</translation>
    </message>
    <message>
        <source>Superseded</source>
        <translation>Ersetzt</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>Gelöscht</translation>
    </message>
</context>
<context>
    <name>Galley::EditionTableModel</name>
    <message>
        <source>%1 (force published, awaiting retrospective approval)</source>
        <translation>%1 (ohne Prüfung veröffentlicht, nachträgliche Freigabe ausstehend)</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Schema</source>
        <translation>Schema</translation>
    </message>
    <message>
        <source>Sector</source>
        <translation>Rubrik</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>Geändert</translation>
    </message>
</context>
<context>
    <name>Galley::HistoryTimeline</name>
    <message>
        <source>an unknown user</source>
        <translation>einer unbekannten Person</translation>
    </message>
    <message>
        <source>Remark by %1</source>
        <translation>Anmerkung von %1</translation>
    </message>
    <message>
        <source>Created by %1</source>
        <translation>Angelegt von %1</translation>
    </message>
    <message>
        <source>Returned to draft by %1</source>
        <translation>Von %1 zurück in den Entwurf gesetzt</translation>
    </message>
    <message>
        <source>Unscheduled by %1</source>
        <translation>Planung aufgehoben von %1</translation>
    </message>
    <message>
        <source>Submitted by %1</source>
        <translation>Eingereicht von %1</translation>
    </message>
    <message>
        <source>Rejected by %1</source>
        <translation>Abgelehnt von %1</translation>
    </message>
    <message>
        <source>Scheduled by %1</source>
        <translation>Geplant von %1</translation>
    </message>
    <message>
        <source>Published on schedule by %1</source>
        <translation>Planmäßig veröffentlicht von %1</translation>
    </message>
    <message>
        <source>Published by %1</source>
        <translation>Veröffentlicht von %1</translation>
    </message>
    <message>
        <source>Withdrawn by %1</source>
        <translation>Zurückgezogen von %1</translation>
    </message>
    <message>
        <source>Unpublished by %1</source>
        <translation>Depubliziert von %1</translation>
    </message>
    <message>
        <source>Superseded by a newer edition</source>
        <translation>Durch eine neuere Fassung ersetzt</translation>
    </message>
    <message>
        <source>Deleted by %1</source>
        <translation>Gelöscht von %1</translation>
    </message>
    <message>
        <source>edition %1</source>
        <translation>Fassung %1</translation>
    </message>
    <message>
        <source>another edition</source>
        <translation>andere Fassung</translation>
    </message>
</context>
<context>
    <name>Galley::LinkStatus</name>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Caution</source>
        <translation>Vorsicht</translation>
    </message>
    <message>
        <source>Broken</source>
        <translation>Defekt</translation>
    </message>
    <message>
        <source>Danger</source>
        <translation>Gefährlich</translation>
    </message>
</context>
<context>
    <name>Galley::MainWindow</name>
    <message>
        <source>No workspace</source>
        <translation>Kein Arbeitsbereich</translation>
    </message>
    <message>
        <source>Content</source>
        <translation>Inhalte</translation>
    </message>
    <message>
        <source>Schemas</source>
        <translation>Schemas</translation>
    </message>
    <message>
        <source>Deployments</source>
        <translation>Bereitstellungen</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Open Workspace…</source>
        <translation>Arbeitsbereich ö&amp;ffnen …</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation>&amp;Suchen …</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <source>&amp;Sites Panel</source>
        <translation>&amp;Websites-Leiste</translation>
    </message>
    <message>
        <source>Show &amp;All Accounts</source>
        <translation>&amp;Alle Mandanten anzeigen</translation>
    </message>
    <message>
        <source>&amp;Content</source>
        <translation>&amp;Inhalte</translation>
    </message>
    <message>
        <source>S&amp;chemas</source>
        <translation>S&amp;chemas</translation>
    </message>
    <message>
        <source>&amp;Deployments</source>
        <translation>&amp;Bereitstellungen</translation>
    </message>
    <message>
        <source>&amp;Full Screen</source>
        <translation>&amp;Vollbildmodus</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About Galley</source>
        <translation>&amp;Über Galley</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Über &amp;Qt</translation>
    </message>
    <message numerus="yes">
        <source>%Ln edition(s)</source>
        <translation>
            <numerusform>%Ln Fassung</numerusform>
            <numerusform>%Ln Fassungen</numerusform>
        </translation>
    </message>
    <message>
        <source>showing %1</source>
        <translation>%1 angezeigt</translation>
    </message>
    <message>
        <source>Open Workspace</source>
        <translation>Arbeitsbereich öffnen</translation>
    </message>
    <message>
        <source>Galley workspaces (*.galley);;All files (*)</source>
        <translation>Galley-Arbeitsbereiche (*.galley);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Cannot Open Workspace</source>
        <translation>Arbeitsbereich kann nicht geöffnet werden</translation>
    </message>
    <message>
        <source>Galley could not open %1.</source>
        <translation>Galley konnte %1 nicht öffnen.</translation>
    </message>
    <message>
        <source>About Galley</source>
        <translation>Über Galley</translation>
    </message>
    <message>
        <source>A desktop editorial client for multi-tenant headless content management: browse sites, review editions and their history, inspect schemas and deployments — offline, against a local replica.</source>
        <translation>Ein Redaktionsprogramm für mandantenfähiges Headless-Content-Management: Websites durchsuchen, Fassungen und ihren Verlauf prüfen, Schemas und Bereitstellungen einsehen – auch offline, mit einer lokalen Kopie.</translation>
    </message>
    <message>
        <source>Built with Qt %1 and KDE Syntax Highlighting.</source>
        <translation>Erstellt mit Qt %1 und KDE Syntax Highlighting.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln schema(s)</source>
        <translation>
            <numerusform>%Ln Schema</numerusform>
            <numerusform>%Ln Schemas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln deployment(s)</source>
        <translation>
            <numerusform>%Ln Bereitstellung</numerusform>
            <numerusform>%Ln Bereitstellungen</numerusform>
        </translation>
    </message>
    <message>
        <source>Check &amp;Server…</source>
        <translation>&amp;Server prüfen …</translation>
    </message>
    <message>
        <source>Find out whether a Galley server can work with this version of Galley</source>
        <translation>Herausfinden, ob ein Galley-Server mit dieser Galley-Version zusammenarbeiten kann</translation>
    </message>
</context>
<context>
    <name>Galley::PublishingStatus</name>
    <message>
        <source>Pending</source>
        <translation>Ausstehend</translation>
    </message>
    <message>
        <source>Publishing</source>
        <translation>Wird veröffentlicht</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>Veröffentlicht</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
</context>
<context>
    <name>Galley::Role</name>
    <message>
        <source>Viewer</source>
        <translation>Betrachter</translation>
    </message>
    <message>
        <source>Writer</source>
        <translation>Autor</translation>
    </message>
    <message>
        <source>Editor</source>
        <translation>Redakteur</translation>
    </message>
    <message>
        <source>Managing editor</source>
        <translation>Chef vom Dienst</translation>
    </message>
    <message>
        <source>Schema designer</source>
        <translation>Schema-Designer</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>Administrator</translation>
    </message>
</context>
<context>
    <name>Galley::SchemaDialect</name>
    <message>
        <source>Draft 7</source>
        <translation>Draft 7</translation>
    </message>
    <message>
        <source>2020-12</source>
        <translation>2020-12</translation>
    </message>
</context>
<context>
    <name>Galley::SchemaView</name>
    <message>
        <source>JSON Schema %1</source>
        <translation>JSON Schema %1</translation>
    </message>
    <message numerus="yes">
        <source>%Ln document(s)</source>
        <translation>
            <numerusform>%Ln Dokument</numerusform>
            <numerusform>%Ln Dokumente</numerusform>
        </translation>
    </message>
    <message>
        <source>Filter schemas by name…</source>
        <translation>Schemas nach Namen filtern …</translation>
    </message>
    <message>
        <source>Filter schemas</source>
        <translation>Schemas filtern</translation>
    </message>
    <message>
        <source>Schemas</source>
        <translation>Schemas</translation>
    </message>
    <message>
        <source>No schema selected</source>
        <translation>Kein Schema ausgewählt</translation>
    </message>
    <message>
        <source>Select a schema to see its description and JSON definition.</source>
        <translation>Wählen Sie ein Schema, um seine Beschreibung und JSON-Definition zu sehen.</translation>
    </message>
    <message>
        <source>JSON Schema</source>
        <translation>JSON Schema</translation>
    </message>
    <message>
        <source>The schemas could not be loaded</source>
        <translation>Die Schemas konnten nicht geladen werden</translation>
    </message>
    <message>
        <source>updated %1</source>
        <translation>geändert am %1</translation>
    </message>
    <message>
        <source>No schemas match “%1”.</source>
        <translation>Keine Schemas passen zu „%1“.</translation>
    </message>
    <message>
        <source>Check the spelling or clear the filter.</source>
        <translation>Prüfen Sie die Schreibweise oder leeren Sie den Filter.</translation>
    </message>
    <message>
        <source>No schemas yet.</source>
        <translation>Noch keine Schemas.</translation>
    </message>
    <message>
        <source>This account has no content schemas. Choose another account in the tree.</source>
        <translation>Dieser Mandant hat keine Inhaltsschemas. Wählen Sie im Baum einen anderen Mandanten.</translation>
    </message>
</context>
<context>
    <name>Galley::ServerHandshake</name>
    <message>
        <source>Enter the address of a Galley server, for example %1.</source>
        <translation>Geben Sie die Adresse eines Galley-Servers ein, zum Beispiel %1.</translation>
    </message>
    <message>
        <source>Galley talks to servers over http or https, not %1. Enter an address like %2.</source>
        <translation>Galley spricht mit Servern über http oder https, nicht über %1. Geben Sie eine Adresse wie %2 ein.</translation>
    </message>
    <message>
        <source>“%1” is not a server address. Enter one like %2 or %3.</source>
        <translation>„%1“ ist keine Serveradresse. Geben Sie eine wie %2 oder %3 ein.</translation>
    </message>
    <message>
        <source>The server at %1 answered with an error (HTTP %2) instead of its API versions. Try again later, or ask the server&apos;s administrator.</source>
        <translation>Der Server unter %1 hat statt seiner API-Versionen mit einem Fehler (HTTP %2) geantwortet. Versuchen Sie es später noch einmal oder wenden Sie sich an die Administration des Servers.</translation>
    </message>
    <message>
        <source>Something answers at %1, but it is not a Galley server: %2 did not list any API versions. Check the address and the port.</source>
        <translation>Unter %1 antwortet etwas, aber kein Galley-Server: %2 hat keine API-Versionen aufgeführt. Prüfen Sie Adresse und Port.</translation>
    </message>
    <message>
        <source>Update Galley to connect to it.</source>
        <translation>Aktualisieren Sie Galley, um sich mit ihm zu verbinden.</translation>
    </message>
    <message>
        <source>The server needs an update before this Galley can connect to it.</source>
        <translation>Der Server muss aktualisiert werden, bevor sich diese Galley-Version mit ihm verbinden kann.</translation>
    </message>
    <message>
        <source>Update Galley or the server.</source>
        <translation>Aktualisieren Sie Galley oder den Server.</translation>
    </message>
    <message numerus="yes">
        <source>%1 did not answer within %n second(s). Check the address, and that the server is running and reachable from this computer.</source>
        <translation>
            <numerusform>%1 hat nicht innerhalb von %n Sekunde geantwortet. Prüfen Sie die Adresse und ob der Server läuft und von diesem Computer aus erreichbar ist.</numerusform>
            <numerusform>%1 hat nicht innerhalb von %n Sekunden geantwortet. Prüfen Sie die Adresse und ob der Server läuft und von diesem Computer aus erreichbar ist.</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing is listening at %1: the connection was refused. Check the address and the port, and that the server is running.</source>
        <translation>Unter %1 lauscht nichts: Die Verbindung wurde abgelehnt. Prüfen Sie Adresse und Port und ob der Server läuft.</translation>
    </message>
    <message>
        <source>The server name %1 could not be found. Check the address.</source>
        <translation>Der Servername %1 wurde nicht gefunden. Prüfen Sie die Adresse.</translation>
    </message>
    <message>
        <source>%1 did not answer in time. Check the address, and that the server is running and reachable from this computer.</source>
        <translation>%1 hat nicht rechtzeitig geantwortet. Prüfen Sie die Adresse und ob der Server läuft und von diesem Computer aus erreichbar ist.</translation>
    </message>
    <message>
        <source>%1 closed the connection without answering. Is it a Galley server, and is the scheme (http or https) right?</source>
        <translation>%1 hat die Verbindung ohne Antwort geschlossen. Ist es ein Galley-Server, und stimmt das Schema (http oder https)?</translation>
    </message>
    <message>
        <source>Cannot reach %1: %2</source>
        <translation>%1 ist nicht erreichbar: %2</translation>
    </message>
    <message>
        <source>This server speaks API %1; this Galley speaks API %2.</source>
        <translation>Dieser Server spricht API %1; diese Galley-Version spricht API %2.</translation>
    </message>
    <message>
        <source>Galley did not trust the certificate of %1: %2</source>
        <translation>Galley vertraut dem Zertifikat von %1 nicht: %2</translation>
    </message>
    <message>
        <source>No secure connection to %1 could be made (%2). If the server does not use https, enter its address with http://.</source>
        <translation>Es konnte keine sichere Verbindung zu %1 hergestellt werden (%2). Wenn der Server kein https verwendet, geben Sie seine Adresse mit http:// ein.</translation>
    </message>
</context>
<context>
    <name>Galley::TenantTreeDock</name>
    <message>
        <source>Sites</source>
        <translation>Websites</translation>
    </message>
    <message>
        <source>Accounts, sites and sectors</source>
        <translation>Mandanten, Websites und Rubriken</translation>
    </message>
    <message>
        <source>All accounts</source>
        <translation>Alle Mandanten</translation>
    </message>
</context>
<context>
    <name>Galley::TenantTreeModel</name>
    <message numerus="yes">
        <source>%n edition(s)</source>
        <translation>
            <numerusform>%n Fassung</numerusform>
            <numerusform>%n Fassungen</numerusform>
        </translation>
    </message>
    <message>
        <source>Sites</source>
        <translation>Websites</translation>
    </message>
</context>
<context>
    <name>Galley::UnpublishingReason</name>
    <message>
        <source>Published in error</source>
        <translation>Irrtümlich veröffentlicht</translation>
    </message>
    <message>
        <source>Consolidated</source>
        <translation>Zusammengeführt</translation>
    </message>
    <message>
        <source>Withdrawn</source>
        <translation>Zurückgezogen</translation>
    </message>
    <message>
        <source>Archived</source>
        <translation>Archiviert</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Galley could not open the workspace %1.</source>
        <translation>Galley konnte den Arbeitsbereich %1 nicht öffnen.</translation>
    </message>
    <message>
        <source>Cannot Open Workspace</source>
        <translation>Arbeitsbereich kann nicht geöffnet werden</translation>
    </message>
    <message>
        <source>Cannot write the screenshot %1.</source>
        <translation>Das Bildschirmfoto %1 kann nicht geschrieben werden.</translation>
    </message>
    <message>
        <source>Galley — a desktop editorial client for multi-tenant headless CMS.</source>
        <translation>Galley – ein Redaktionsprogramm für mandantenfähige Headless-CMS.</translation>
    </message>
    <message>
        <source>Open the workspace &lt;file&gt; (a .galley database).</source>
        <translation>Den Arbeitsbereich &lt;Datei&gt; öffnen (eine .galley-Datenbank).</translation>
    </message>
    <message>
        <source>file</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>Create the demo workspace anew (at --workspace, if given).</source>
        <translation>Den Demo-Arbeitsbereich neu anlegen (unter --workspace, falls angegeben).</translation>
    </message>
    <message>
        <source>Once the window has loaded, save a picture of it as PNG to &lt;path&gt;.</source>
        <translation>Sobald das Fenster geladen ist, ein Bild davon als PNG unter &lt;Pfad&gt; speichern.</translation>
    </message>
    <message>
        <source>path</source>
        <translation>Pfad</translation>
    </message>
    <message>
        <source>Quit once the screenshot is saved.</source>
        <translation>Nach dem Speichern des Bildschirmfotos beenden.</translation>
    </message>
    <message>
        <source>Window size, e.g. 1280x800.</source>
        <translation>Fenstergröße, z. B. 1280x800.</translation>
    </message>
    <message>
        <source>WxH</source>
        <translation>BxH</translation>
    </message>
    <message>
        <source>--size expects WIDTHxHEIGHT, for example 1280x800.</source>
        <translation>--size erwartet BREITExHÖHE, zum Beispiel 1280x800.</translation>
    </message>
    <message>
        <source>The workspace %1 does not exist. Use --demo to create a demo workspace there.</source>
        <translation>Den Arbeitsbereich %1 gibt es nicht. Mit --demo wird dort ein Demo-Arbeitsbereich angelegt.</translation>
    </message>
    <message>
        <source>The demo workspace could not be created.</source>
        <translation>Der Demo-Arbeitsbereich konnte nicht angelegt werden.</translation>
    </message>
    <message>
        <source>Cannot Create Demo Workspace</source>
        <translation>Demo-Arbeitsbereich kann nicht angelegt werden</translation>
    </message>
    <message>
        <source>The Galley server the Check Server dialog starts with, e.g. %1.</source>
        <translation>Der Galley-Server, mit dem der Dialog „Server prüfen“ beginnt, z. B. %1.</translation>
    </message>
    <message>
        <source>url</source>
        <translation>url</translation>
    </message>
    <message>
        <source>Check whether the Galley server at &lt;url&gt; speaks an API version this Galley speaks, say so and exit without opening a window. Exit code: 0 compatible, 1 unreachable, 2 not an address, 3 not a Galley server, 4 incompatible.</source>
        <translation>Prüfen, ob der Galley-Server unter &lt;url&gt; eine API-Version spricht, die diese Galley-Version spricht, das Ergebnis ausgeben und ohne Fenster beenden. Exit-Code: 0 kompatibel, 1 nicht erreichbar, 2 keine Adresse, 3 kein Galley-Server, 4 inkompatibel.</translation>
    </message>
    <message>
        <source>%1 is a compatible Galley server: it speaks API version %2.</source>
        <translation>%1 ist ein kompatibler Galley-Server: Er spricht die API-Version %2.</translation>
    </message>
    <message>
        <source>It also offers %1.</source>
        <translation>Außerdem bietet er %1 an.</translation>
    </message>
</context>
</TS>
