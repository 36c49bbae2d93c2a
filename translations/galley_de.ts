<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE" sourcelanguage="en">
<context>
    <name>Document</name>
    <message>
        <source>There is no such value in the document.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Members can only be added to an object.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The object already has a member called “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Items can only be added to an array.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The document&apos;s root value cannot be removed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only object members have names.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only object members can be moved between objects.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Members can only be moved into an object.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A member cannot be moved into itself.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only array items can be reordered.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EditionDiff</name>
    <message>
        <source>Item %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2</source>
        <comment>list item title, number</comment>
        <translation type="unfinished">%1 %2</translation>
    </message>
    <message>
        <source>Title</source>
        <translation type="unfinished">Titel</translation>
    </message>
    <message>
        <source>Change note</source>
        <translation type="unfinished">Änderungshinweis</translation>
    </message>
</context>
<context>
    <name>Galley</name>
    <message>
        <source>“%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation type="unfinished">Ohne Titel</translation>
    </message>
    <message>
        <source>galley: --sync-only needs --server and --email.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>galley: cannot create the workspace directory %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>galley: cannot open the workspace %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>galley: %1 presents a certificate this system does not trust (%2, SHA-256 %3). If you know it is the right one, run again with --trust-fingerprint %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>galley: the session cannot be kept in a keychain (%1); the password is needed every time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pulled %1, pushed %2, conflicts %3, errors %4</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Galley::BusyIndicator</name>
    <message>
        <source>Loading</source>
        <translation>Wird geladen</translation>
    </message>
</context>
<context>
    <name>Galley::CertificateDialog</name>
    <message>
        <source>&amp;Trust This Certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Untrusted Certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s certificate is not trusted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Galley cannot confirm that it is talking to %1. Someone may be intercepting the connection, or the server uses a certificate of its own that this computer does not know.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(none given)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SHA-256 fingerprint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problems</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trust it only if the fingerprint matches the one your server&apos;s administrator gave you. Galley then remembers this certificate for %1 only, and asks again if the server ever presents a different one.</source>
        <translation type="unfinished"></translation>
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
    <name>Galley::ConnectDialog</name>
    <message>
        <source>Sign In</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign In to a Galley Server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in with your Galley account. Your password is sent to this server only and is not stored on this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation type="unfinished">&amp;Server:</translation>
    </message>
    <message>
        <source>name@example.com</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Email:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signing in to %1…</source>
        <translation type="unfinished"></translation>
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
    <name>Galley::CredentialStore</name>
    <message>
        <source>No keychain service is running on this desktop.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Galley::DeleteDraftDialog</name>
    <message>
        <source>Delete Draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This edition and everything written in it will be deleted. You cannot undo this.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The published edition (version %1) stays as it is: nothing changes on the site. You can start a new edition from it later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing changes on the site: this document has not been published.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete Draft</source>
        <translation type="unfinished"></translation>
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
    <name>Galley::EditDraftDialog</name>
    <message>
        <source>the object is not closed: a } is missing at the end.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a comma (or the closing }) is missing before this.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the list is not closed: a ] is missing at the end.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a comma (or the closing ]) is missing before this.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a text is not closed: a &quot; is missing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a colon (:) is missing after the name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a comma is missing before this.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nothing follows the comma before this: remove the comma.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not a JSON value. Names and texts need double quotes; true, false and null are written in lower case.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not a valid number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>there is more after the end of the object.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Minor change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>F&amp;ormat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save Draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit Draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit Draft – %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version %1</source>
        <translation type="unfinished">Version %1</translation>
    </message>
    <message>
        <source>Not yet published</source>
        <translation type="unfinished">Noch nicht veröffentlicht</translation>
    </message>
    <message>
        <source>Required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What changed, in a sentence (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change &amp;note:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A minor change keeps the version&apos;s major number; readers are not notified.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Fields (JSON):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Indent the JSON and put its keys in order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line %1, column %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title</source>
        <translation type="unfinished">Titel</translation>
    </message>
    <message>
        <source>Change note</source>
        <translation type="unfinished">Änderungshinweis</translation>
    </message>
    <message>
        <source>Minor change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fields</source>
        <translation type="unfinished">Felder</translation>
    </message>
    <message>
        <source>Line %1, column %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the fields must be a JSON object, written { … }.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no JSON. Write {} for an edition without fields.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the fields must be a JSON object, written { … }, not an array.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Valid JSON. No fields yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Valid JSON. Fields: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not valid JSON.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The title is required.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The fields are not valid JSON.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing has changed yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server refused this change. Correct what it found and save again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refused without a reason.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go to %1 (%2)</source>
        <translation type="unfinished"></translation>
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
    <name>Galley::EditionDiffView</name>
    <message>
        <source>Added</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Removed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not in this edition</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n item(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n field(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No differences: these two editions have the same title, change note and fields.
Turn on “Show unchanged fields” to see them.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Galley::EditionDiffWindow</name>
    <message>
        <source>Show &amp;unchanged fields</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Previous Change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Next Change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare Editions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edition on the left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edition on the right</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Swap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Swap the two sides</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also list the fields that are the same in both editions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go to the previous change (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go to the next change (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>These editions could not be compared</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try Again</source>
        <translation type="unfinished">Erneut versuchen</translation>
    </message>
    <message>
        <source>%1 · %2 · %3</source>
        <comment>version · state · date</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (new) · %2</source>
        <comment>state of an edition never published · date</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No workspace is open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This document has no editions in the workspace.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare editions — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation type="unfinished">Ohne Titel</translation>
    </message>
    <message>
        <source>No changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n change(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
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
    <name>Galley::ForcePublishDialog</name>
    <message>
        <source>Force Publish</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Force publishing skips the second pair of eyes: %1 goes live now, without another editor reviewing it. Another editor must approve it afterwards; until then it is listed as force published awaiting approval.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why can this not wait for a review?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reason (required):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recorded as an editorial remark on the edition, for the editor who approves it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Force Publish</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Galley::FormDialog</name>
    <message>
        <source>%1 / %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 too many · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discard your changes?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What you wrote in this dialog has not been saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keep Editing</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Galley::GoToLineDialog</name>
    <message>
        <source>Go to Line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Line, or line:column (1 to %1):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. %1 or %1:5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type a line number, optionally followed by :column.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The text has %n line(s); Go goes to the last.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
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
    <name>Galley::JsonCodeView</name>
    <message>
        <source>Error: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warning: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unfold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fold</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n hidden line(s); click to unfold</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Galley::JsonEditor</name>
    <message>
        <source>Line %1, column %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Format</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Minify</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Go to Line…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation type="unfinished">&amp;Suchen …</translation>
    </message>
    <message>
        <source>&amp;Replace…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find &amp;Next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find Pre&amp;vious</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fold &amp;All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>U&amp;nfold All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This file has a line of %1 that formatting cannot shorten (a long string). Editing that line is slow.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This file has a line of %1 and is not JSON that Galley can format (%2). Editing that line is slow.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This file is a single line of %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This file has lines of up to %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Galley shows it formatted, so that it stays fast to edit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Galley shows it formatted up to its first syntax error (%1), so that it stays fast to edit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving writes it as one line again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving writes the formatted text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save Formatted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep Formatted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save as One Line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep editing the formatted text, and minify it again when saving.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot format: %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot minify: %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go to Error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The text is now one line of %1: editing it is slow. Format it to edit comfortably.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Galley::JsonFindBar</name>
    <message>
        <source>Match case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Whole words only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Regular expression</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Replace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replace &amp;All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous match (Shift+F3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous match</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next match (F3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next match</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close find</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replace with</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No matches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1+ matches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n match(es)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Invalid pattern</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Galley::JsonFormat</name>
    <message>
        <source>Invalid \u escape in a string</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invalid escape in a string</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A string must end on the line it starts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Control character in a string</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unterminated string</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invalid number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expected a value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The text is empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unexpected end of the text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expected a member name or &apos;}&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expected a member name in quotes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expected &apos;:&apos; after the member name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expected &apos;,&apos; or &apos;}&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expected &apos;,&apos; or &apos;]&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unexpected text after the end of the value</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Galley::JsonText</name>
    <message>
        <source>Two changes touch the same part of the text.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Galley::JsonText::Parser</name>
    <message>
        <source>The string is not closed: a double quote is missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A string cannot span lines: write \n for a line break</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A control character in a string must be escaped (\t, \u0001…)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>\u must be followed by four hexadecimal digits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown escape sequence; use \&quot;, \\, \/, \b, \f, \n, \r, \t or \uXXXX</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A number needs digits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A decimal point must be followed by digits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An exponent needs digits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The text is empty: a JSON value is expected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The text ends where a value is expected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A value is expected before &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Strings must be in double quotes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unexpected character &apos;%1&apos;; a value is expected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The text ends inside an object: &apos;}&apos; is missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A comma must be followed by another member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Member names must be in double quotes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A member name in double quotes is expected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A colon is expected after the member name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unexpected text after the end of the JSON value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The text ends inside an array: &apos;]&apos; is missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A comma must be followed by another item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A comma or &apos;}&apos; is expected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A comma or &apos;]&apos; is expected</source>
        <translation type="unfinished"></translation>
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
    <message>
        <source>&amp;Server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Connect to Server…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in to a Galley server and work on its content here, online or offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync &amp;Now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Work &amp;Offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep working on the local copy; changes wait in the outbox until you go online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show &amp;Outbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign Out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New Document…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit Draft…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add &amp;Remark…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot Create the Document</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot Save the Draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot Add the Remark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect this workspace to a server to write (Server › Connect to Server…)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New &amp;Schema…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit Sc&amp;hema…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete Schema…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your role may not change schemas; a schema designer or an administrator can.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot Open the Schema</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot Delete the Schema</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>“%1” is used by %n document(s) in this workspace. A schema can only be deleted when no document uses it.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Delete the Schema?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete “%1”? No document uses it. This cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Compare Editions…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the selected edition side by side with the one before it, word by word</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: done here; it is sent to the server with your other changes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Publish “%1” as version %2?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approve the force publishing of “%1”?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It goes live on the site and replaces the edition that is live now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You confirm, as the second pair of eyes, what was published without review.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect this workspace to a server to move editions through the workflow (Server › Connect to Server…)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Galley::MergeDialog</name>
    <message>
        <source>Show unchanged fields</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send Merged Version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolve Conflict</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This was changed on the server while your change was waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” was changed on the server while your change was waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 changed it on the server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 changed it on the server on %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Someone changed it on the server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Someone changed it on the server on %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fields only one of you changed are merged for you. Where you both changed a field, choose what to keep.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Original</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fields</source>
        <translation type="unfinished">Felder</translation>
    </message>
    <message>
        <source>(not set)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yes</source>
        <translation type="unfinished">Ja</translation>
    </message>
    <message>
        <source>No</source>
        <translation type="unfinished">Nein</translation>
    </message>
    <message>
        <source>Unchanged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only you changed this</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only changed on the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Same change on both sides</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changed on both sides</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nobody changed this field: it stays as it is.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your change is kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s change is kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You both made the same change: it is kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your decision:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mine (removed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep &amp;mine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s (removed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take &amp;theirs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation type="unfinished">&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>Differences from the server&apos;s version to yours: &lt;span style=&quot;background:%1; color:%2&quot;&gt;&amp;nbsp;− only on the server&amp;nbsp;&lt;/span&gt; &lt;span style=&quot;background:%3; color:%4&quot;&gt;&amp;nbsp;+ only in yours&amp;nbsp;&lt;/span&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(both are empty)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is not valid JSON.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter a number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Needs your decision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keeping yours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Taking the server&apos;s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edited</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edited — not valid yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to decide: every field merges by itself.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The conflict is decided.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All %1 conflicts are decided.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 conflicts decided</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show unchanged fields (%1)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Galley::NewDocumentDialog</name>
    <message>
        <source>&amp;Create</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New Document</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The new document starts as a draft. In a workspace that syncs with a server it is sent there at the next sync.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose an account…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Account:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a site…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Site:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a sector…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sect&amp;or:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a kind of content…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sche&amp;ma:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. First draft (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change &amp;note:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No workspace is open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sites and schemas could not be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This site has no sectors yet, so no document can be created in it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This account has no schemas yet. A schema says what a kind of content consists of.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What kind of content the document is: it decides which fields it has.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the sites and schemas…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose an account.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a site.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a sector.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a schema.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The title is required.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Galley::NewEditionDialog</name>
    <message>
        <source>Create New Edition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>version %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this edition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A new draft is created from %1 with all of its content. Its change note starts empty and it is not marked as a minor change: say what you change before you submit it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing changes on the site until the new edition is published: %1 stays live.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing changes on the site until the new edition is published.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Create Draft</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Galley::NoticeBar</name>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close the message</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Galley::OutboxModel</name>
    <message>
        <source>Site %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refused by the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conflict</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted on the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>just now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2 %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queued %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next try %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Site</source>
        <translation type="unfinished">Website</translation>
    </message>
    <message>
        <source>What</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished">Status</translation>
    </message>
    <message>
        <source>Age</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decision</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Galley::OutboxReader</name>
    <message>
        <source>There is no conflict waiting for this change.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Galley::OutboxRows</name>
    <message>
        <source>The queued change is no longer in the outbox.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Galley::OutboxView</name>
    <message>
        <source>What the server refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Discard…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open to Fix</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No change selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a change to see what the server said about it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send it now, without waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drop this change and go back to the server&apos;s version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The outbox could not be read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing waiting to be sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changes you make are sent to the server as soon as it can be reached. Anything that cannot be sent yet waits here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting to be sent again: the last try did not reach the server. Galley keeps trying.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting to be sent. Galley sends it as soon as the server can be reached.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On its way to the server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server refused this change. Open it to fix what the server objects to, then it is sent again, or discard it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Someone changed the same thing on the server while this change was waiting. Resolve the conflict to choose what to keep.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What this change was made to has been deleted on the server. Open it to save your version as a new document, or discard it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Site</source>
        <translation type="unfinished">Website</translation>
    </message>
    <message>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next try</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolve &amp;Conflict…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What you created exists only on this computer and will be removed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your changes will be lost, and this workspace shows the server&apos;s version again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The deletion will not be sent: the item stays on the server and appears here again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your remark will be lost.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discard Change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discard this change?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep It</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server refused it; this only removes it from the list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The decision will not be sent, and this workspace shows the edition as the server has it.</source>
        <translation type="unfinished"></translation>
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
    <name>Galley::RejectDialog</name>
    <message>
        <source>Reject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 goes back to its writer as rejected. They can change it and submit it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What needs to change before it can be published?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remark (required):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Added to the edition&apos;s history as an editorial remark; it is never published.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Say why you reject this edition, so that its writer knows what to change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The remark is too long</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Galley::RemarkDialog</name>
    <message>
        <source>&amp;Add Remark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add Remark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remark:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remark on “%1”:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What should the next person working on this edition know?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remarks are internal: they are never published.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write the remark first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The remark is too long.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Galley::Reply</name>
    <message>
        <source>The server answered with HTTP status %1.</source>
        <translation type="unfinished"></translation>
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
    <name>Galley::ScheduleDialog</name>
    <message>
        <source>Schedule Publication</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Force Schedule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Force scheduling skips the second pair of eyes: %1 will go live at the time you choose without another editor reviewing it. Another editor must approve it afterwards.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 will be published automatically by the server at the time you choose. Until then you can unschedule it to make changes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ddd d MMM yyyy HH:mm</source>
        <extracomment>Date and time in the schedule picker (QDateTime::toString syntax), e.g. &quot;Tue 14 Jan 2026 15:00&quot;</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Publish at:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optional: why this cannot wait for a review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recorded as an editorial remark on the edition.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Schedule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Force Schedule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>just now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>in less than a minute</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hour(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>%1 %2</source>
        <extracomment>Two parts of a time span: &quot;2 hours 10 minutes&quot;, &quot;3 days 4 hours&quot;</extracomment>
        <translation type="unfinished">%1 %2</translation>
    </message>
    <message>
        <source>%1 ago</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (UTC)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2), %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time zone: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Galley::SchemaDesigner</name>
    <message>
        <source>root schema</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>property</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>schema of the list&apos;s items</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>schema of one item position</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>schema of other properties</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>branch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>definitions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>definition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Schema tree</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a property in the tree to edit it, or add one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished">%1 (%2)</translation>
    </message>
    <message>
        <source>Add Property</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a property after the selected one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add Child Property</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a property inside the selected object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add Definition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a reusable definition to the schema&apos;s $defs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the selected node</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move Up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move the property up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move Down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move the property down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>General</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Values may be of type %1; check several for a union</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Content must have this property</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Required:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON value, e.g. &quot;text&quot;, 12, true</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>De&amp;fault:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a, b, c — or a JSON array</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E&amp;xamples:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allowed values: a, b, c — or a JSON array</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allowed &amp;values:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Go to Definition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reference:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Minimum length:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Maximum length:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>regular expression</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pattern:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Format:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Minimum:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Maximum:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Greater than:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Less than:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Multiple of:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>List</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Items:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Minimum items:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Maximum items:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No two items alike</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unique:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allowed (not set)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allowed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not allowed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Must match a schema</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go to Schema</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other properties:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Advanced (read-only)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The designer keeps these keywords exactly as written. Edit them in the JSON text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reusable schemas. Add one with Add Definition and refer to it with a $ref.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A boolean schema: true allows any value, false none. Change it in the JSON text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select the definition this schema refers to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The reference leads outside this schema</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go to Items</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n position(s), each with its own schema</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>any value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add Items Schema</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The JSON text has an error at line %1, column %2: %3 The designer shows the last valid version and is read-only until the text is fixed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove “%1” of “%2”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set “%1” of “%2”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The pattern is not a valid regular expression; it was kept as typed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” needs values separated by commas, or a JSON array.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” needs a JSON value, such as &quot;text&quot;, 12 or true.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” needs a whole number of 0 or more.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” needs a number.</source>
        <translation type="unfinished"></translation>
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
    <name>Galley::SchemaDocument</name>
    <message>
        <source>Typing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The JSON text has an error at line %1, column %2 (%3). Fix it before editing in the designer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The document has no JSON text yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The schema has nothing at “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The change does not fit the text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit schema</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rename “%1” to “%2”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Items can only be reordered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add an item to “%1”</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Galley::SchemaEditorWindow</name>
    <message>
        <source>A name editors recognise, e.g. Financial Report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What content this schema is for (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check Impact validates the content in this workspace against the schema as it is now, before you save it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problems</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview Form</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Impact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Schema</source>
        <translation type="unfinished">Schema</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check &amp;Impact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Validate the content in this workspace against the schema as it is now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New Schema</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1[*] — Schema</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This workspace is not connected to a server; connect it (Server › Connect to Server…) to save schemas.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the schema a name first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the schema (checks its impact first)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON Schema %1</source>
        <translation type="unfinished">JSON Schema %1</translation>
    </message>
    <message>
        <source>Line %1, column %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The schema</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1
%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (keyword: %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problems (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Valid schema</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Valid JSON Schema %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s): see Problems</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>A new schema: no content uses it yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking the content in this workspace…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The impact check failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The schema has problems; fix them to see its impact.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>No existing content would fail (%n item(s) checked).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 (%n item(s))</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n existing item(s) would fail</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n of them are valid today.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>What changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why they fail</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Failing editions (the first %n; click one to open it)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Failing editions (click one to open it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edition %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot Save the Schema</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The JSON does not parse. Fix the syntax error shown in the text, then save.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The schema has %n problem(s). Fix them (see Problems), then save.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Save a Breaking Change?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1

Save anyway? Those items keep their content; editors will have to fix them before they can be published again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved. Sending it to the server…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved in this workspace. It will be sent to the server when Galley is back online.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unsaved Changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the changes to %1 before closing?</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Galley::SchemaForm</name>
    <message>
        <source>an object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a whole number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yes or no</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>one of the choices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The schema expects %1 here; the value is shown as JSON so that nothing is lost.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Content</source>
        <translation type="unfinished">Inhalte</translation>
    </message>
    <message>
        <source>Required: please fill this in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The content</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>item %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>… and %1 more.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problems not shown at a field:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The schema is not valid JSON (%1), so there is no form.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The schema is not a JSON object, so there is no form.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The schema has problems: the form may be incomplete and the content cannot be checked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>more than one value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None</source>
        <translation type="unfinished">Keiner</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation type="unfinished">Ja</translation>
    </message>
    <message>
        <source>No</source>
        <translation type="unfinished">Nein</translation>
    </message>
    <message>
        <source>The schema nests too deeply here to show as a form.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The schema refers to %1, which the form cannot follow.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Whole number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yes or no</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>List</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Option %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (required)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a date (Alt+Down)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shown in your time zone (%1); saved with its offset from UTC.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>name@example.com</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>https://…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the link</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>YYYY-MM-DD HH:MM</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Markdown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>more than %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 or more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>less than %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>up to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>steps of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, steps of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter a whole number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter a number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tick %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Untick %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (not allowed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (must be %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any JSON value.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not valid JSON yet: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not set. Tick the box to add it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also contains %1, which the schema does not describe; kept as it is.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No items yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add %1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This list holds at most %1 items.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation type="unfinished">%1 %2</translation>
    </message>
    <message>
        <source>Move %1 up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move %1 down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also contains %1, which is not one of the choices; kept as it is.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose %1 for %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished">%1 (%2)</translation>
    </message>
    <message>
        <source>Edited as JSON: the form has no editor for what the schema allows here.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Galley::SchemaImpact</name>
    <message>
        <source>%1 or %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 must now be at least %n character(s) long</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 must now be at most %n character(s) long</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>%1 must now be at least %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 must now be at most %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 must now be more than %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 must now be less than %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 must now have at least %n item(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 can now have at most %n item(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 must now have at least %n field(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 can now have at most %n field(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 must now contain at least %n matching item(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 can now contain at most %n matching item(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source> (before: no limit)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (before: %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is no longer allowed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is allowed now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 must now be a multiple of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 no longer needs to be a multiple of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 no longer has the “%2” rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 must now be exactly %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 must now match the pattern %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 must now be %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 must no longer contain the same item twice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 may now contain the same item twice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has a new “%2” rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the “%2” rule changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 may now be of any type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 may now also be %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 no longer has the “%2” limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: “%2” relaxed from %3 to %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is no longer limited to a list of values</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 must now be one of: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 no longer allows: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 now also allows: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is now required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is no longer required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 no longer accepts fields the schema does not list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fields of %1 that the schema does not list must now follow a rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the rule for fields the schema does not list changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 now accepts fields the schema does not list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 was removed from the schema; content that has it will be refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 was removed from the schema; existing values stay but are no longer checked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New field: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the rule that applies when %2 is filled in changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is now required when %2 is filled in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Items of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has a new rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No such schema.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Galley::SchemaProblemText</name>
    <message>
        <source>a date like 2026-11-22</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a date and time like 2026-11-22T09:30:00Z</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a time like 09:30:00Z</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a duration like P3DT4H</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an e-mail address like name@example.com</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a host name like www.example.com</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an IPv4 address like 192.0.2.10</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an IPv6 address like 2001:db8::10</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a full address like https://example.com/page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an address like https://example.com/page or /page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an address template like https://example.com/{id}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a UUID like 3f2b8c1e-5d4a-4e7b-9c61-0a8d2e4f6b13</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a valid regular expression</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a JSON pointer like /items/0</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a relative JSON pointer like 1/name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>in the “%1” format</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Choose one of: %1, … (%n values in all)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Choose one of: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>of another type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 or %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 must be %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 must be %2, not %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (item %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The schema</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The content</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a whole number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yes or no</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a group of fields</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has a value that is not allowed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 must be at least %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 must be at most %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 must be more than %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 must be less than %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 must be a multiple of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 must be at least %n character(s) long</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> (it has %n)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 must be at most %n character(s) long</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>%1 does not have the required form</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 must match the pattern %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not in the expected format</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 must be a valid regular expression</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is required when %2 is filled in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a keyword allowed here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 does not fit the rule for extra fields</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a field of this schema</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not an allowed field name in %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has a field name that is not allowed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is one item more than the list allows</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 needs at least %n item(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 can have at most %n item(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>%1 must not contain the same item twice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 must contain at least one matching item</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 must contain at least %n matching item(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 can contain at most %n matching item(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 needs at least %n field(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 can have at most %n field(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>%1 has a value of a kind that is excluded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 matches none of the allowed forms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 matches more than one of the forms, but must match exactly one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 does not meet all of its rules</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not allowed here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 must be encoded as %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 must be %2 content</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 refers to a part of the schema that cannot be found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not valid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Galley::SchemaTreeModel</name>
    <message>
        <source>anything (true)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nothing (false)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not a schema</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Definitions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>any</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Schema</source>
        <translation type="unfinished">Schema</translation>
    </message>
    <message>
        <source>Required: content must have “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optional: content may leave out “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change the title of “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title</source>
        <translation type="unfinished">Titel</translation>
    </message>
    <message>
        <source>There is no schema document.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The JSON text has an error at line %1, column %2 (%3). Fix it before editing in the designer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Properties can only be added to an object schema.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is already a property called “%1” here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add property “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“properties” of this schema is not an object.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Definitions need an object schema at the root.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is already a definition called “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add definition “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing is selected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The schema has nothing at “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The root schema cannot be removed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove property “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only properties and definitions have names.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A name cannot be empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rename property “%1” to “%2”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rename definition “%1” to “%2”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only properties can be required.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“required” of this schema is not a list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make “%1” required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make “%1” optional</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only schema objects have a type.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the type of “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make “%1” %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only properties can be moved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Properties can only be moved into an object schema.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A property cannot be moved into itself.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move property “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is already a property called “%1” there.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Galley::SchemaValidator</name>
    <message>
        <source>&apos;%1&apos; is not a valid URI reference.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos; refers to a schema outside this document; Galley does not load schemas from elsewhere (copy it into &quot;$defs&quot;).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos; names an anchor that this schema does not define.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos; points at nothing in this schema.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos; points at something that is not a schema.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Validation failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A content schema must be a JSON object.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;$schema&quot; must be a string naming the JSON Schema dialect.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown JSON Schema dialect &apos;%1&apos;: Galley understands Draft 7 (%2), 2019-09 (%3) and 2020-12 (%4).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The schema document &apos;%1&apos; cannot be used: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The schema does not compile: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The schema is not valid, so nothing can be validated against it.</source>
        <translation type="unfinished"></translation>
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
    <name>Galley::SyncController</name>
    <message>
        <source>Outbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot Discard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The certificate is trusted now; sign in again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password Not Saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Galley could not save your session in the system keychain, so it keeps it in memory only: the next time you start Galley it will ask for your password again. Nothing you write is affected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No Conflict</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot Send the Merge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted on the Server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” was deleted on the server after you changed it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recreate as a New Document</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discard My Change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You can keep your version as a new document, or let it go.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refused by the Server</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Galley::SyncEngine</name>
    <message>
        <source>The server&apos;s certificate is not trusted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server cannot be reached (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s answer was incomplete.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The e-mail address or the password is wrong.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No saved session for %1 on this computer; sign in with the password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The saved session has ended; sign in with the password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The session has ended; sign in again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The session has ended; sign in again. Nothing waiting to be sent is lost.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It was deleted on the server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changes are still waiting to be sent; the server keeps refusing them for now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed out.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The edition was deleted on the server.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Galley::SyncProgressWidget</name>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stops after the page being applied; what has arrived is kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a few seconds left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>about %1 s left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>about 1 min left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>about %1 min left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>about %1 h %2 min left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downloading %1 of %2 items</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downloading: 1 item so far</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downloading: %1 items so far</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 items downloaded so far</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 items downloaded so far</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What has been downloaded is kept. Resume to download the rest.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running for %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Galley::SyncStatusWidget</name>
    <message>
        <source>&amp;Sync Now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Work Offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show &amp;Outbox…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opens the Sync menu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Local workspace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Working offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline — changes are kept and sent later</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign-in needed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not synced yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Synced just now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Synced %1 min ago</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Synced %1 h ago</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Synced %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync status: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 change waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 changes waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 conflict</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 conflicts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changes that need you: open the outbox to resolve or fix them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed in as: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Live updates: on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Live updates: off (checked from time to time)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last sync: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last sync: never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every change has been sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 change not yet sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 changes not yet sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 waits for a merge decision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 wait for a merge decision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 was refused by the server or its target deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 were refused by the server or their targets deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last error: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Galley keeps trying to reach the server.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Galley::SyncStore</name>
    <message>
        <source>This workspace belongs to another account or user on the server; open that user&apos;s workspace or connect with a new one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 on %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server sent a change-feed page that is not valid JSON.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The edition is not in the workspace.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only an open edition (draft, submitted or rejected) can be edited.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The title cannot be empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New document %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A remark needs some text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remark on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A schema needs a name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New schema %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The schema is not in the workspace.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit schema %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Documents use this schema; it cannot be deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete schema %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s answer to a new document has no document or edition.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s answer to a new schema has no id.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merged with a change made on the server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merged with a change %1 made on the server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changed on the server since you edited it; choose what to keep.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 changed it on the server since you edited it; choose what to keep.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s copy is not known; sync first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolve the conflict to send this change.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only an edited edition that was deleted on the server can be recreated.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The edition is not in the workspace any more.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a workflow step.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This edition has not reached the server yet. Try again once it has synced.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in to the server to change editions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New edition of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation type="unfinished">%1 %2</translation>
    </message>
    <message>
        <source>Someone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your decision (%1) was not applied: %2 changed this edition at %3 while you were away, and it is now %4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your decision (%1) was not applied: %2</source>
        <translation type="unfinished"></translation>
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
    <name>Galley::ThreeWayMerge</name>
    <message>
        <source>Title</source>
        <translation type="unfinished">Titel</translation>
    </message>
    <message>
        <source>Change note</source>
        <translation type="unfinished">Änderungshinweis</translation>
    </message>
    <message>
        <source>Minor change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fields › %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Authorization policy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Specification</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Galley::UnpublishDialog</name>
    <message>
        <source>&amp;Redirect visitors to another page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change Unpublishing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unpublish</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is unpublished. You can change what visitors get instead of it; the reason stays as it is.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unpublishing takes %1 off the site. To keep it public with a notice that it is no longer current, withdraw it instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The reason of an unpublishing cannot be changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Published in &amp;error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It should not have been published, or not like this.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;onsolidated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Its content now lives on another page.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Archived</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It is out of date and no longer needed on the site.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optional: shown to visitors on the page that says it is gone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E&amp;xplanation:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>https://…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alternative &amp;URL:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Unpublish</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consolidated &amp;into:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redirect &amp;to:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Visitors will be redirected to the address you give.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Visitors will be redirected to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Visitors will get “410 Gone” with your explanation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Visitors will get “410 Gone”: the page is no longer available.</source>
        <translation type="unfinished"></translation>
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
    <name>Galley::UnwithdrawDialog</name>
    <message>
        <source>Unwithdraw</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unwithdrawing makes %1 current again:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>• A new edition, version %1, is created with this edition&apos;s content and published at once as a minor change. It is force published: another editor must approve it afterwards.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>• This withdrawn edition is superseded, and the withdrawal notice disappears from the site.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>• The history records the new edition as “Unwithdrawn”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Unwithdraw</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Galley::WithdrawDialog</name>
    <message>
        <source>Change Withdrawal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Withdraw</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is withdrawn. You can change the explanation shown with the withdrawal notice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Withdrawing marks %1 as no longer current while keeping it on the site, for the record: the page stays public, with a notice giving your explanation and the date. Use it, for example, for a policy that has been replaced. You can unwithdraw it later; to take the page off the site, unpublish it instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why is this no longer current? Where should readers look instead?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E&amp;xplanation (required):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shown to the public with the date of withdrawal.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Withdraw</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Visitors will still see the page, with the notice “Withdrawn on %1” and your explanation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Visitors will still see the page, with this notice:
Withdrawn on %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Galley::Workflow</name>
    <message>
        <source>a draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>submitted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>scheduled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>published</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>withdrawn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unpublished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>superseded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A scheduled edition may not be updated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A published edition may not be updated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A withdrawn edition may not be updated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An unpublished edition may not be updated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A superseded edition may not be updated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A deleted edition may not be updated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>create a document</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>edit an edition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>submit an edition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reject an edition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>publish an edition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>force publish an edition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>approve a force published edition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>schedule an edition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>force schedule an edition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unschedule an edition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>publish a scheduled edition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unpublish an edition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>withdraw an edition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unwithdraw an edition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>create a new edition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>delete an edition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only a writer or above</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only an editor or above</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only a managing editor or above</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only an administrator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>viewer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>writer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>editor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>managing editor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>schema designer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>administrator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The edition needs a title</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The content has %n problem(s) to fix first: %1</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Add a change note, or mark this edition as a minor change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove dangerous links before publishing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create Document</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Submit for Review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Publish</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Force Publish</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approve</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Force Schedule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unschedule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scheduled Publish</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unpublish</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Withdraw</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unwithdraw</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New Edition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete Draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>updated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>force published</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>approved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>force scheduled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unscheduled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unwithdrawn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>copied into a new edition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose when to publish this edition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The publication time must be at least 5 minutes from now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Withdrawing takes the reason &quot;Withdrawn&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use Withdraw to withdraw an edition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The reason of an unpublishing cannot change (it is &quot;%1&quot;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Explain why the edition is withdrawn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An edition unpublished as &quot;%1&quot; has no alternative URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the URL of the page this content was consolidated into</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the URL to redirect visitors to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The alternative URL must be a full http:// or https:// address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The alternative URL may be at most 255 characters long</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The alternative URL cannot point at this document itself</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only the scheduler publishes a scheduled edition, at its time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 may %2; your role is %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This edition has changed since you opened it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is already an active %1 edition for this document</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A new edition starts from the latest edition (version %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An edition that is %1 cannot be %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You submitted this edition; another editor must publish it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You submitted this edition; another editor must schedule it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You force published this edition; another editor must approve it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scheduled editions cannot be published. This edition has a publication time set: schedule it, or remove the time first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give a reason for force publishing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only a force published edition needs approval</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This edition is scheduled for %1 and cannot be published before then</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a reason for unpublishing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This document has a %1 edition; publish or delete it before withdrawing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An edition with an unpublishing cannot be deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rejected: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Force published: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Force publishing approved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Force scheduled: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unpublished: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unpublished: %1. %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unpublishing changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Withdrawal explanation changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Withdrawn</source>
        <translation type="unfinished">Zurückgezogen</translation>
    </message>
    <message>
        <source>Unwithdrawn</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Galley::WorkflowActionBar</name>
    <message>
        <source>Force Publish…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Schedule…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Force Schedule…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unpublish…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Withdraw…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unwithdraw…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New Edition…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete Draft…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reject…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This workspace is not signed in to a server: connect to move editions through the workflow.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A %1 edition has no further workflow steps.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Galley::WorkflowDialog</name>
    <message>
        <source>this edition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>d MMMM yyyy</source>
        <extracomment>The date of a withdrawal notice (QDate::toString syntax), e.g. &quot;14 January 2026&quot;</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Untitled edition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version %1</source>
        <translation type="unfinished">Version %1</translation>
    </message>
    <message>
        <source>Not yet published</source>
        <translation type="unfinished">Noch nicht veröffentlicht</translation>
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
    <message>
        <source>Sign in to --server as &lt;address&gt; (the workspace of that server and account opens, syncing).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read the password from the first line of standard input (otherwise the session saved in the keychain is used).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With --server and --email: sign in, sync both ways once, print a summary line and exit without a window. --workspace names the directory (default: the server and account&apos;s own). Exit code: 0 in step, 1 failed, 2 changes wait for a decision, 3 bad arguments.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trust the server&apos;s certificate with this SHA-256 &lt;fingerprint&gt; (hex), remembered for that server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fingerprint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--email needs --server.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
