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
</TS>
