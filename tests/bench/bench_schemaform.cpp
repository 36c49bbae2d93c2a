// SchemaForm on a generated 200-field schema (every kind of editor, nested objects, a list of
// objects), on the offscreen platform. Prints one line per figure with its target:
//   form generation: setSchema (check and compile included) + setValue, widgets built
//   the same to the first painted picture of the form
//   one keystroke in a text field of that form (key event to the JSON and the undo command;
//   the check that follows runs once typing pauses)
//   one check of the value by the validator, problems placed at their fields
// Figures are reported (MISS when a target is missed); the bench fails only when something
// does not run.
#include "schemaform.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTest>
#include <algorithm>
#include <cstdio>

using namespace Galley;
using namespace Qt::StringLiterals;

namespace {

constexpr int kFields = 200;
constexpr int kRuns = 7;

double median(QList<double> samples)
{
    std::sort(samples.begin(), samples.end());
    return samples.isEmpty() ? 0 : samples.at(samples.size() / 2);
}

void report(const char *name, double value, const char *unit, double target)
{
    std::printf("%-60s %9.2f %-3s (target <= %g %s) %s\n", name, value, unit, target, unit,
                value <= target ? "PASS" : "MISS");
    std::fflush(stdout);
}

void info(const char *name, double value, const char *unit)
{
    std::printf("%-60s %9.2f %-3s\n", name, value, unit);
    std::fflush(stdout);
}

// One leaf property of kind i (cycling through every editor) and a value for it.
QJsonObject leafSchema(int i, QJsonValue *value)
{
    switch (i % 12) {
    case 0:
        *value = u"Quarterly figure %1"_s.arg(i);
        return { { u"type"_s, u"string"_s }, { u"minLength"_s, 3 }, { u"maxLength"_s, 120 } };
    case 1:
        *value = u"A longer paragraph of text for field %1, which takes a few lines."_s.arg(i);
        return { { u"type"_s, u"string"_s },
                 { u"maxLength"_s, 2000 },
                 { u"description"_s, u"Several sentences."_s } };
    case 2:
        *value = 40 + i;
        return { { u"type"_s, u"integer"_s }, { u"minimum"_s, 0 }, { u"maximum"_s, 100000 } };
    case 3:
        *value = 1234.5 + i;
        return { { u"type"_s, u"number"_s }, { u"minimum"_s, 0 } };
    case 4:
        *value = (i % 2) == 0;
        return { { u"type"_s, u"boolean"_s }, { u"default"_s, false } };
    case 5:
        *value = u"EUR"_s;
        return { { u"type"_s, u"string"_s },
                 { u"enum"_s, QJsonArray { u"NOK"_s, u"EUR"_s, u"USD"_s, u"GBP"_s } } };
    case 6:
        *value = u"2026-11-20"_s;
        return { { u"type"_s, u"string"_s }, { u"format"_s, u"date"_s } };
    case 7:
        *value = u"2026-11-20T09:00:00+01:00"_s;
        return { { u"type"_s, u"string"_s }, { u"format"_s, u"date-time"_s } };
    case 8:
        *value = u"ir@halvorsen.example"_s;
        return { { u"type"_s, u"string"_s }, { u"format"_s, u"email"_s } };
    case 9:
        *value = u"https://halvorsen.example/ir/%1"_s.arg(i);
        return { { u"type"_s, u"string"_s }, { u"format"_s, u"uri"_s } };
    case 10:
        *value = u"# Outlook\n\nRevenue is expected to **grow**."_s;
        return { { u"type"_s, u"string"_s }, { u"contentMediaType"_s, u"text/markdown"_s } };
    default:
        *value = QJsonArray { u"first"_s, u"second"_s };
        return { { u"type"_s, u"array"_s },
                 { u"items"_s, QJsonObject { { u"type"_s, u"string"_s } } },
                 { u"maxItems"_s, 8 } };
    }
}

// 200 leaf fields: 150 at the top, 4 nested objects of 10, a list of objects with 10 fields.
void makeSchema(QByteArray *schemaJson, QJsonObject *value)
{
    QJsonObject props;
    QJsonArray required;
    int n = 0;
    for (; n < 150; ++n) {
        QJsonValue v;
        const QString key = u"field_%1"_s.arg(n, 3, 10, QChar(u'0'));
        props.insert(key, leafSchema(n, &v));
        value->insert(key, v);
        if (n % 3 == 0)
            required.append(key);
    }
    for (int g = 0; g < 4; ++g) {
        QJsonObject inner;
        QJsonObject innerValue;
        for (int k = 0; k < 10; ++k, ++n) {
            QJsonValue v;
            const QString key = u"part_%1"_s.arg(k);
            inner.insert(key, leafSchema(n, &v));
            innerValue.insert(key, v);
        }
        const QString key = u"group_%1"_s.arg(g);
        props.insert(key, QJsonObject { { u"type"_s, u"object"_s }, { u"properties"_s, inner } });
        value->insert(key, innerValue);
    }
    QJsonObject rowProps;
    QJsonObject rowValue;
    for (int k = 0; k < 10; ++k, ++n) {
        QJsonValue v;
        const QString key = u"cell_%1"_s.arg(k);
        rowProps.insert(key, leafSchema(n, &v));
        rowValue.insert(key, v);
    }
    props.insert(
        u"rows"_s,
        QJsonObject {
            { u"type"_s, u"array"_s },
            { u"items"_s, QJsonObject { { u"type"_s, u"object"_s }, { u"properties"_s, rowProps } } } });
    value->insert(u"rows"_s, QJsonArray { rowValue });
    const QJsonObject schema { { u"$schema"_s, u"https://json-schema.org/draft/2020-12/schema"_s },
                               { u"title"_s, u"Generated report"_s },
                               { u"type"_s, u"object"_s },
                               { u"required"_s, required },
                               { u"properties"_s, props } };
    *schemaJson = QJsonDocument(schema).toJson();
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QByteArray schemaJson;
    QJsonObject value;
    makeSchema(&schemaJson, &value);
    const int leaves = kFields;
    std::printf("schema: %d leaf fields, %lld bytes\n", leaves, qlonglong(schemaJson.size()));

    // Warm-up: fonts, styles and icons load once per process.
    {
        SchemaForm warm;
        warm.setSchema(schemaJson);
        warm.setValue(value);
        warm.resize(900, 800);
        warm.show();
        if (!QTest::qWaitForWindowExposed(&warm))
            return 1;
        warm.grab();
    }

    QList<double> compile;
    QList<double> widgets;
    QList<double> generation;
    QList<double> firstPaint;
    QList<double> keystroke;
    QList<double> validation;
    int fieldsShown = 0;
    for (int run = 0; run < kRuns; ++run) {
        QElapsedTimer timer;
        timer.start();
        const SchemaValidator validator(schemaJson);
        compile.append(timer.nsecsElapsed() / 1e6);
        {
            timer.restart();
            SchemaForm prebuilt;
            prebuilt.setSchema(schemaJson, validator);
            prebuilt.setValue(value);
            widgets.append(timer.nsecsElapsed() / 1e6);
        }
        timer.restart();
        auto *form = new SchemaForm;
        form->setSchema(schemaJson);
        form->setValue(value);
        generation.append(timer.nsecsElapsed() / 1e6);
        form->resize(900, 800);
        form->show();
        if (!QTest::qWaitForWindowExposed(form))
            return 1;
        form->grab();
        firstPaint.append(timer.nsecsElapsed() / 1e6);
        fieldsShown = int(form->fieldPointers().size());
        if (form->value() != value) {
            std::printf("FAIL: the form changed the value it was given\n");
            return 1;
        }

        auto *edit = qobject_cast<QLineEdit *>(form->editorFor(u"/field_000"_s));
        if (!edit) {
            std::printf("FAIL: no line edit for /field_000\n");
            return 1;
        }
        edit->setFocus();
        for (int k = 0; k < 20; ++k) {
            timer.restart();
            QTest::keyClick(edit, Qt::Key_A);
            keystroke.append(timer.nsecsElapsed() / 1e6);
        }
        timer.restart();
        form->validateNow();
        validation.append(timer.nsecsElapsed() / 1e6);
        delete form;
    }
    std::printf("fields in the form: %d (editors and their groups)\n", fieldsShown);
    report("form generation, 200-field schema (setSchema + setValue)", median(generation), "ms", 100);
    info("  ... to the first painted picture", median(firstPaint), "ms");
    info("  of which checking and compiling the schema (SchemaValidator)", median(compile), "ms");
    info("  form with a validator compiled before (setSchema + setValue)", median(widgets), "ms");
    report("keystroke in a text field: key to JSON and undo command", median(keystroke), "ms", 16);
    info("  ... slowest keystroke", *std::max_element(keystroke.cbegin(), keystroke.cend()), "ms");
    info("check of the value with problems placed at fields", median(validation), "ms");
    return 0;
}
