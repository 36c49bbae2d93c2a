// The schema designer's document on a 5 MB schema: parsing the JSON text (pretty-printed
// and as one 5 MB line), loading a SchemaDocument, building the designer's tree, one
// designer edit end to end (minimal replacement through QTextCursor, parse, in-place tree
// update), its undo, and a keystroke in the text. Prints its figures.
#include "itemmodels/schematreemodel.h"
#include "schema/jsontext.h"
#include "schema/schemadocument.h"

#include <QElapsedTimer>
#include <QGuiApplication>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTextCursor>
#include <QTextDocument>
#include <QUndoStack>

#include <algorithm>
#include <cstdio>
#include <functional>

using namespace Galley;
using namespace Qt::StringLiterals;

namespace {

// A content schema grown to `size` characters: properties written one per line (as the
// demo writes them), some nested objects, a required list and $defs.
QString generateSchema(qsizetype size)
{
    QString text = uR"({
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "$id": "https://schemas.example/huge.json",
  "title": "Huge",
  "type": "object",
  "required": ["p0", "p1", "p2", "p500"],
  "properties": {
)"_s;
    text.reserve(size + 4096);
    for (int i = 0; text.size() < size - 2000; ++i) {
        if (i)
            text += u",\n"_s;
        if (i % 50 == 7) {
            text += u"    \"p%1\": {\n      \"type\": \"object\",\n      \"title\": \"Group %1\",\n      \"properties\": {\n"
                    "        \"a\": { \"type\": \"string\", \"maxLength\": 80 },\n"
                    "        \"b\": { \"type\": \"integer\", \"minimum\": 0, \"x-ui\": { \"widget\": \"spin\" } }\n"
                    "      }\n    }"_s.arg(i);
        } else {
            text += u"    \"p%1\": { \"type\": \"string\", \"title\": \"Field number %1\", \"minLength\": 1, "
                    "\"maxLength\": %2, \"description\": \"A generated field for the benchmark.\" }"_s.arg(i).arg(i % 400 + 10);
        }
    }
    text += uR"(
  },
  "$defs": {
    "amount": { "type": "number", "minimum": 0 }
  }
}
)"_s;
    return text;
}

double medianMs(int runs, const std::function<void()> &work)
{
    QList<double> times;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer t;
        t.start();
        work();
        times.append(double(t.nsecsElapsed()) / 1e6);
    }
    std::sort(times.begin(), times.end());
    return times.at(times.size() / 2);
}

void report(const char *what, double ms)
{
    std::printf("%-58s %9.2f ms\n", what, ms);
    std::fflush(stdout);
}

} // namespace

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    const QString pretty = generateSchema(5 * 1024 * 1024);
    const JsonText::Document once = JsonText::Document::parse(pretty);
    if (!once.isValid()) {
        std::fprintf(stderr, "generated schema does not parse: %s\n", qPrintable(once.error()->message));
        return 1;
    }
    // The same document on one line.
    QString minified;
    {
        const JsonText::Document d = once;
        minified = JsonText::compact(d.value(0));
    }
    std::printf("schema: %.2f MB pretty-printed (%lld lines, %d JSON values), %.2f MB minified\n",
                double(pretty.size()) / (1024 * 1024), qlonglong(pretty.count(u'\n')), once.nodeCount(),
                double(minified.size()) / (1024 * 1024));

    report("JsonText parse, 5 MB pretty-printed (median of 7)",
           medianMs(7, [&] { (void)JsonText::Document::parse(pretty).isValid(); }));
    report("JsonText parse, 5 MB on one line (median of 7)",
           medianMs(7, [&] { (void)JsonText::Document::parse(minified).isValid(); }));
    report("JsonText pointer lookup /properties/p40000/maxLength (median)",
           medianMs(7, [&] { (void)once.find(u"/properties/p40000/maxLength"); }));

    SchemaDocument doc;
    report("SchemaDocument::setText (QTextDocument + parse)", medianMs(1, [&] { doc.setText(pretty); }));
    SchemaTreeModel *model = nullptr;
    report("SchemaTreeModel: build the designer tree",
           medianMs(1, [&] { model = new SchemaTreeModel(&doc, &doc); }));
    std::printf("designer tree: %d rows under the root\n", model->rowCount(model->index(0, 0)));

    const QModelIndex p500 = model->indexForPointer(u"/properties/p500"_s);
    const QPersistentModelIndex keep(p500);
    report("designer edit: rename a required property (one undo step)", medianMs(1, [&] {
               if (!model->renameNode(p500, u"p500_renamed"_s))
                   std::fprintf(stderr, "rename failed\n");
           }));
    std::printf("  the row survived in place: %s\n", keep.isValid() && keep.data().toString() == u"p500_renamed" ? "yes" : "NO");
    report("designer edit: change a type to a union", medianMs(1, [&] {
               (void)model->setTypes(model->indexForPointer(u"/properties/p30000"_s), { u"string"_s, u"null"_s });
           }));
    report("designer edit: add a property in the middle", medianMs(1, [&] {
               (void)model->addProperty(model->index(0, 0), 20000, u"added"_s);
           }));
    report("undo the last designer edit", medianMs(1, [&] { doc.undoStack()->undo(); }));
    report("redo it", medianMs(1, [&] { doc.undoStack()->redo(); }));

    // A keystroke in the text: captured for undo at once, parsed after a pause.
    QTextCursor cursor(doc.textDocument());
    cursor.setPosition(int(doc.plainText().indexOf(u"Field number 12345")));
    report("keystroke in the 5 MB text (capture + undo step, median of 9)",
           medianMs(9, [&] { cursor.insertText(u"x"_s); }));
    QSignalSpy parsed(&doc, &SchemaDocument::treeChanged);
    report("parse + tree update after the typing pause", medianMs(1, [&] { doc.reparseNow(); }));

    const bool same = [&] {
        while (doc.undoStack()->canUndo())
            doc.undoStack()->undo();
        return doc.text() == pretty;
    }();
    std::printf("undo all gives the text back byte for byte: %s\n", same ? "yes" : "NO");
    return same ? 0 : 1;
}
