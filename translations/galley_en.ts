<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>Galley::EditionDetailPane</name>
    <message numerus="yes">
        <source>%n link(s) checked %1</source>
        <translation>
            <numerusform>%n link checked %1</numerusform>
            <numerusform>%n links checked %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n edition(s) of this document</source>
        <translation>
            <numerusform>%n edition of this document</numerusform>
            <numerusform>%n editions of this document</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Galley::EditionDiffView</name>
    <message numerus="yes">
        <source>%n item(s)</source>
        <translation>
            <numerusform>%n item</numerusform>
            <numerusform>%n items</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n field(s)</source>
        <translation>
            <numerusform>%n field</numerusform>
            <numerusform>%n fields</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Galley::EditionDiffWindow</name>
    <message numerus="yes">
        <source>%n change(s)</source>
        <translation>
            <numerusform>%n change</numerusform>
            <numerusform>%n changes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Galley::GoToLineDialog</name>
    <message numerus="yes">
        <source>The text has %n line(s); Go goes to the last.</source>
        <translation>
            <numerusform>%n link checked %1&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;%n link checked %1&lt;/numerusform&gt;
            &lt;numerusform&gt;%n links checked %1&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
    &lt;message numerus=&quot;yes&quot;&gt;
        &lt;source&gt;%n edition of this document&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;%n edition of this document&lt;/numerusform&gt;
            &lt;numerusform&gt;%n editions of this document&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
&lt;/context&gt;
&lt;context&gt;
    &lt;name&gt;Galley::GoToLineDialog&lt;/name&gt;
    &lt;message numerus=&quot;yes&quot;&gt;
        &lt;source&gt;The text has %n line; Go goes to the last.</numerusform>
            <numerusform>%n links checked %1&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;%n link checked %1&lt;/numerusform&gt;
            &lt;numerusform&gt;%n links checked %1&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
    &lt;message numerus=&quot;yes&quot;&gt;
        &lt;source&gt;%n editions of this document&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;%n edition of this document&lt;/numerusform&gt;
            &lt;numerusform&gt;%n editions of this document&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
&lt;/context&gt;
&lt;context&gt;
    &lt;name&gt;Galley::GoToLineDialog&lt;/name&gt;
    &lt;message numerus=&quot;yes&quot;&gt;
        &lt;source&gt;The text has %n lines; Go goes to the last.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Galley::JsonCodeView</name>
    <message numerus="yes">
        <source>%n hidden line(s); click to unfold</source>
        <translation>
            <numerusform>%n hidden line; click to unfold</numerusform>
            <numerusform>%n hidden lines; click to unfold</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Galley::JsonFindBar</name>
    <message numerus="yes">
        <source>%n match(es)</source>
        <translation>
            <numerusform>%n match</numerusform>
            <numerusform>%n matches</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Galley::MainWindow</name>
    <message numerus="yes">
        <source>%Ln edition(s)</source>
        <translation>
            <numerusform>%Ln edition</numerusform>
            <numerusform>%Ln editions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln schema(s)</source>
        <translation>
            <numerusform>%Ln schema</numerusform>
            <numerusform>%Ln schemas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln deployment(s)</source>
        <translation>
            <numerusform>%Ln deployment</numerusform>
            <numerusform>%Ln deployments</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>“%1” is used by %n document(s) in this workspace. A schema can only be deleted when no document uses it.</source>
        <translation>
            <numerusform>%Ln edition&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;%Ln edition&lt;/numerusform&gt;
            &lt;numerusform&gt;%Ln editions&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
    &lt;message numerus=&quot;yes&quot;&gt;
        &lt;source&gt;%Ln schema&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;%Ln schema&lt;/numerusform&gt;
            &lt;numerusform&gt;%Ln schemas&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
    &lt;message numerus=&quot;yes&quot;&gt;
        &lt;source&gt;%Ln deployment&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;%Ln deployment&lt;/numerusform&gt;
            &lt;numerusform&gt;%Ln deployments&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
    &lt;message numerus=&quot;yes&quot;&gt;
        &lt;source&gt;“%1” is used by %n document in this workspace. A schema can only be deleted when no document uses it.</numerusform>
            <numerusform>%Ln editions&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;%Ln edition&lt;/numerusform&gt;
            &lt;numerusform&gt;%Ln editions&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
    &lt;message numerus=&quot;yes&quot;&gt;
        &lt;source&gt;%Ln schemas&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;%Ln schema&lt;/numerusform&gt;
            &lt;numerusform&gt;%Ln schemas&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
    &lt;message numerus=&quot;yes&quot;&gt;
        &lt;source&gt;%Ln deployments&lt;/source&gt;
        &lt;translation&gt;
            &lt;numerusform&gt;%Ln deployment&lt;/numerusform&gt;
            &lt;numerusform&gt;%Ln deployments&lt;/numerusform&gt;
        &lt;/translation&gt;
    &lt;/message&gt;
    &lt;message numerus=&quot;yes&quot;&gt;
        &lt;source&gt;“%1” is used by %n documents in this workspace. A schema can only be deleted when no document uses it.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Galley::ScheduleDialog</name>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n day</numerusform>
            <numerusform>%n days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hour(s)</source>
        <translation>
            <numerusform>%n hour</numerusform>
            <numerusform>%n hours</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s)</source>
        <translation>
            <numerusform>%n minute</numerusform>
            <numerusform>%n minutes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Galley::SchemaDesigner</name>
    <message numerus="yes">
        <source>%n position(s), each with its own schema</source>
        <translation>
            <numerusform>%n position, each with its own schema</numerusform>
            <numerusform>%n positions, each with its own schema</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Galley::SchemaEditorWindow</name>
    <message numerus="yes">
        <source>%n problem(s): see Problems</source>
        <translation>
            <numerusform>%n problem: see Problems</numerusform>
            <numerusform>%n problems: see Problems</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>No existing content would fail (%n item(s) checked).</source>
        <translation>
            <numerusform>No existing content would fail (%n item checked).</numerusform>
            <numerusform>No existing content would fail (%n items checked).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 (%n item(s))</source>
        <translation>
            <numerusform>%1 (%n item)</numerusform>
            <numerusform>%1 (%n items)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n existing item(s) would fail</source>
        <translation>
            <numerusform>%n existing item would fail</numerusform>
            <numerusform>%n existing items would fail</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n of them are valid today.</source>
        <translation>
            <numerusform>%n of them is valid today.</numerusform>
            <numerusform>%n of them are valid today.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Failing editions (the first %n; click one to open it)</source>
        <translation>
            <numerusform>Failing editions (the first %n; click one to open it)</numerusform>
            <numerusform>Failing editions (the first %n; click one to open it)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The schema has %n problem(s). Fix them (see Problems), then save.</source>
        <translation>
            <numerusform>The schema has %n problem. Fix them (see Problems), then save.</numerusform>
            <numerusform>The schema has %n problems. Fix them (see Problems), then save.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Galley::SchemaImpact</name>
    <message numerus="yes">
        <source>%1 must now be at least %n character(s) long</source>
        <translation>
            <numerusform>%1 must now be at least %n character long</numerusform>
            <numerusform>%1 must now be at least %n characters long</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 must now be at most %n character(s) long</source>
        <translation>
            <numerusform>%1 must now be at most %n character long</numerusform>
            <numerusform>%1 must now be at most %n characters long</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 must now have at least %n item(s)</source>
        <translation>
            <numerusform>%1 must now have at least %n item</numerusform>
            <numerusform>%1 must now have at least %n items</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 can now have at most %n item(s)</source>
        <translation>
            <numerusform>%1 can now have at most %n item</numerusform>
            <numerusform>%1 can now have at most %n items</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 must now have at least %n field(s)</source>
        <translation>
            <numerusform>%1 must now have at least %n field</numerusform>
            <numerusform>%1 must now have at least %n fields</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 can now have at most %n field(s)</source>
        <translation>
            <numerusform>%1 can now have at most %n field</numerusform>
            <numerusform>%1 can now have at most %n fields</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 must now contain at least %n matching item(s)</source>
        <translation>
            <numerusform>%1 must now contain at least %n matching item</numerusform>
            <numerusform>%1 must now contain at least %n matching items</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 can now contain at most %n matching item(s)</source>
        <translation>
            <numerusform>%1 can now contain at most %n matching item</numerusform>
            <numerusform>%1 can now contain at most %n matching items</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Galley::SchemaProblemText</name>
    <message numerus="yes">
        <source>Choose one of: %1, … (%n values in all)</source>
        <translation>
            <numerusform>Choose one of: %1, … (%n values in all)</numerusform>
            <numerusform>Choose one of: %1, … (%n values in all)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 must be at least %n character(s) long</source>
        <translation>
            <numerusform>%1 must be at least %n character long</numerusform>
            <numerusform>%1 must be at least %n characters long</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> (it has %n)</source>
        <translation>
            <numerusform> (it has %n)</numerusform>
            <numerusform> (it has %n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 must be at most %n character(s) long</source>
        <translation>
            <numerusform>%1 must be at most %n character long</numerusform>
            <numerusform>%1 must be at most %n characters long</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 needs at least %n item(s)</source>
        <translation>
            <numerusform>%1 needs at least %n item</numerusform>
            <numerusform>%1 needs at least %n items</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 can have at most %n item(s)</source>
        <translation>
            <numerusform>%1 can have at most %n item</numerusform>
            <numerusform>%1 can have at most %n items</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 must contain at least %n matching item(s)</source>
        <translation>
            <numerusform>%1 must contain at least %n matching item</numerusform>
            <numerusform>%1 must contain at least %n matching items</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 can contain at most %n matching item(s)</source>
        <translation>
            <numerusform>%1 can contain at most %n matching item</numerusform>
            <numerusform>%1 can contain at most %n matching items</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 needs at least %n field(s)</source>
        <translation>
            <numerusform>%1 needs at least %n field</numerusform>
            <numerusform>%1 needs at least %n fields</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 can have at most %n field(s)</source>
        <translation>
            <numerusform>%1 can have at most %n field</numerusform>
            <numerusform>%1 can have at most %n fields</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Galley::SchemaView</name>
    <message numerus="yes">
        <source>%Ln document(s)</source>
        <translation>
            <numerusform>%Ln document</numerusform>
            <numerusform>%Ln documents</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Galley::ServerHandshake</name>
    <message numerus="yes">
        <source>%1 did not answer within %n second(s). Check the address, and that the server is running and reachable from this computer.</source>
        <translation>
            <numerusform>%1 did not answer within %n second. Check the address, and that the server is running and reachable from this computer.</numerusform>
            <numerusform>%1 did not answer within %n seconds. Check the address, and that the server is running and reachable from this computer.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Galley::TenantTreeModel</name>
    <message numerus="yes">
        <source>%n edition(s)</source>
        <translation>
            <numerusform>%n edition</numerusform>
            <numerusform>%n editions</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Galley::Workflow</name>
    <message numerus="yes">
        <source>The content has %n problem(s) to fix first: %1</source>
        <translation>
            <numerusform>The content has %n problem to fix first: %1</numerusform>
            <numerusform>The content has %n problems to fix first: %1</numerusform>
        </translation>
    </message>
</context>
</TS>
