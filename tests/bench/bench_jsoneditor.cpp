// The JSON editor on a 5 MB document, offscreen, with real key events. Prints one line per
// figure with its target:
//   open (prepare + load + first paint) of a 5 MB pretty-printed document and of the same
//   document as one 5 MB line (which the editor shows formatted)
//   keystroke latency (key press + release + the repaint it causes): median, p95 and max
//   over ~200 keystrokes typed at the start, the middle and the end
//   keystrokes that change the structure (Enter, '[', Backspace) in the middle
//   the same through a SchemaDocument (external QTextDocument, undo disabled, QUndoStack)
//   for comparison: a plain QPlainTextEdit with KSyntaxHighlighting's SyntaxHighlighter on
//   one line of 1 MB
#include "jsoneditor.h"
#include "noticebar.h"
#include "schema/jsonformat.h"
#include "schema/schemadocument.h"

#include <KSyntaxHighlighting/Definition>
#include <KSyntaxHighlighting/Repository>
#include <KSyntaxHighlighting/SyntaxHighlighter>
#include <KSyntaxHighlighting/Theme>

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QPlainTextEdit>
#include <QThread>
#include <QTest>
#include <QTextBlock>
#include <QUndoStack>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <functional>

using namespace Galley;
using namespace Qt::StringLiterals;

namespace {

// Wall-clock times are the figures; the CPU time of this (GUI) thread is printed next to
// them, because on a shared machine the wall clock also counts other processes' turns.
double threadCpuMs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

double loadAverage()
{
    QFile f(u"/proc/loadavg"_s);
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    return f.readAll().split(' ').value(0).toDouble();
}

constexpr double kOpenTargetMs = 1000;
constexpr double kKeyTargetMs = 16;

struct Stats
{
    QList<double> samples;
    double at(double q) const
    {
        auto s = samples;
        std::sort(s.begin(), s.end());
        return s.isEmpty() ? 0 : s.at(qMin(s.size() - 1, qsizetype(double(s.size()) * q)));
    }
    double median() const { return at(0.5); }
    double p95() const { return at(0.95); }
    double max() const { return samples.isEmpty() ? 0 : *std::max_element(samples.begin(), samples.end()); }
};

void report(const QString &name, double value, const char *unit, double target, const QString &extra = {})
{
    std::printf("%-62s %9.2f %-3s (target <= %g %s) %s %s\n", qPrintable(name), value, unit, target, unit,
                value <= target ? "PASS" : "MISS", qPrintable(extra));
    std::fflush(stdout);
}

void info(const QString &name, const QString &value)
{
    std::printf("%-62s %s\n", qPrintable(name), qPrintable(value));
    std::fflush(stdout);
}

// A content document of about `size` characters: reports with text, numbers, flags,
// tags and nested objects, pretty-printed with 2 spaces.
QString generate(qsizetype size)
{
    QString json;
    json.reserve(size + 4096);
    json += u"{\n  \"$schema\": \"https://json-schema.org/draft/2020-12/schema\",\n  \"items\": [\n"_s;
    for (int i = 0; json.size() < size; ++i) {
        if (i)
            json += u",\n"_s;
        json += QStringLiteral(
                    "    {\n"
                    "      \"id\": %1,\n"
                    "      \"title\": \"Quarterly report %1 for the board of directors\",\n"
                    "      \"revenue\": %2.25,\n"
                    "      \"audited\": %3,\n"
                    "      \"tags\": [\"finance\", \"q%4\", null],\n"
                    "      \"auditor\": {\n"
                    "        \"name\": \"Auditor %1\",\n"
                    "        \"since\": \"2024-0%4-01\"\n"
                    "      }\n"
                    "    }")
                    .arg(i)
                    .arg(i * 17)
                    .arg(i % 3 ? u"true"_s : u"false"_s)
                    .arg(i % 4 + 1);
    }
    json += u"\n  ]\n}\n"_s;
    return json;
}

class PaintCounter : public QObject
{
public:
    explicit PaintCounter(QWidget *viewport) { viewport->installEventFilter(this); }
    int paints = 0;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint)
            ++paints;
        return QObject::eventFilter(watched, event);
    }
};

Stats g_cpu; // CPU time of the keystrokes measured since the last reset

// One key press and release, and everything it causes on the GUI thread up to the repaint.
double keystroke(QWidget *target, int key, const QString &text, PaintCounter &counter, int *unpainted)
{
    const int before = counter.paints;
    const double cpu = threadCpuMs();
    QElapsedTimer t;
    t.start();
    QTest::keyClick(target, Qt::Key(key), Qt::NoModifier);
    Q_UNUSED(text);
    QCoreApplication::processEvents();
    const double ms = double(t.nsecsElapsed()) / 1e6;
    g_cpu.samples << threadCpuMs() - cpu;
    if (counter.paints == before)
        ++*unpainted;
    return ms;
}

void waitIdle(JsonEditor &editor, int timeoutMs = 5000)
{
    QElapsedTimer t;
    t.start();
    while (!editor.isHighlightingIdle() && t.elapsed() < timeoutMs)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
}

// The offset just inside the title string of the report nearest to fraction of the text.
qsizetype titleNear(const QString &text, double fraction)
{
    qsizetype at = text.indexOf(u"\"title\": \""_s, qsizetype(double(text.size()) * fraction));
    if (at < 0)
        at = text.lastIndexOf(u"\"title\": \""_s);
    return at + 10 + 9; // inside "Quarterly report"
}

void typingFigures(const QString &label, JsonEditor &editor)
{
    QPlainTextEdit *edit = editor.textEdit();
    PaintCounter counter(edit->viewport());
    Stats typing;
    int unpainted = 0;
    const QString keys = u"abcdefghij klmnopqrst uvwxyzabcd efghijklmn opqrstuvwx yzabcdefgh "_s; // 66 keys
    g_cpu.samples.clear();
    for (double where : { 0.0, 0.5, 0.995 }) {
        editor.goToOffset(titleNear(editor.text(), where));
        QCoreApplication::processEvents();
        waitIdle(editor);
        for (QChar c : keys) {
            const int key = c == u' ' ? int(Qt::Key_Space) : int(Qt::Key_A) + (c.unicode() - u'a');
            typing.samples << keystroke(edit, key, QString(c), counter, &unpainted);
        }
    }
    const Stats cpu = g_cpu;
    report(label + u": keystroke latency (median)"_s, typing.median(), "ms", kKeyTargetMs,
           QStringLiteral("%1 keystrokes at start/middle/end; CPU %2 ms")
               .arg(typing.samples.size())
               .arg(cpu.median(), 0, 'f', 2));
    report(label + u": keystroke latency (p95)"_s, typing.p95(), "ms", kKeyTargetMs,
           QStringLiteral("CPU %1 ms").arg(cpu.p95(), 0, 'f', 2));
    report(
        label + u": keystroke latency (max)"_s, typing.max(), "ms", kKeyTargetMs,
        QStringLiteral("CPU %1 ms").arg(cpu.max(), 0, 'f', 2)
            + (unpainted ? QStringLiteral(" (%1 keystrokes without a repaint)").arg(unpainted) : QString()));

    // Keystrokes that change the structure: new lines, an unbalanced bracket (every
    // line below changes highlighting state), deletions.
    Stats structural;
    g_cpu.samples.clear();
    editor.goToOffset(titleNear(editor.text(), 0.5) - 19 - 10); // before "title"
    QCoreApplication::processEvents();
    waitIdle(editor);
    for (int i = 0; i < 10; ++i)
        structural.samples << keystroke(edit, Qt::Key_Return, {}, counter, &unpainted);
    for (int i = 0; i < 5; ++i)
        structural.samples << keystroke(edit, Qt::Key_BracketLeft, {}, counter, &unpainted);
    for (int i = 0; i < 15; ++i)
        structural.samples << keystroke(edit, Qt::Key_Backspace, {}, counter, &unpainted);
    report(label + u": Enter/'['/Backspace latency (median)"_s, structural.median(), "ms", kKeyTargetMs);
    report(label + u": Enter/'['/Backspace latency (max)"_s, structural.max(), "ms", kKeyTargetMs,
           QStringLiteral("%1 keystrokes in the middle; CPU max %2 ms")
               .arg(structural.samples.size())
               .arg(g_cpu.max(), 0, 'f', 2));

    // Jumping to the end after an unbalanced bracket near the top: lines below are
    // highlighted within the scroll budget, the rest follows in the background.
    editor.goToOffset(titleNear(editor.text(), 0.0));
    QCoreApplication::processEvents();
    QTest::keyClick(edit, Qt::Key_BracketLeft);
    QCoreApplication::processEvents();
    const qsizetype end = editor.text().size();
    const double jumpCpu = threadCpuMs();
    QElapsedTimer t;
    t.start();
    editor.goToOffset(end);
    edit->viewport()->repaint();
    const double jump = double(t.nsecsElapsed()) / 1e6;
    const double jumpCpuMs = threadCpuMs() - jumpCpu;
    waitIdle(editor, 20000);
    report(label + u": jump to the end after '[' at the top (frame)"_s, jump, "ms", 50,
           QStringLiteral("CPU %1 ms; all lines on screen highlighted after %2 ms")
               .arg(jumpCpuMs, 0, 'f', 1)
               .arg(t.elapsed()));
}

QString sizeText(qsizetype n)
{
    return QLocale(QLocale::English).formattedDataSize(n, 1, QLocale::DataSizeSIFormat);
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    info(u"machine"_s,
         QStringLiteral("load average %1 on %2 cores").arg(loadAverage()).arg(QThread::idealThreadCount()));
    const QString pretty = generate(5'000'000);
    const QString oneLine = JsonFormat::minified(pretty).text;
    info(u"document"_s, QStringLiteral("%1 pretty (%2 lines), %3 as one line")
                            .arg(sizeText(pretty.size()))
                            .arg(pretty.count(u'\n'))
                            .arg(sizeText(oneLine.size())));

    // 1. The editor's own document, pretty-printed text.
    {
        JsonEditor editor;
        editor.resize(1200, 800);
        editor.show();
        if (!QTest::qWaitForWindowExposed(&editor))
            return 1;
        PaintCounter counter(editor.textEdit()->viewport());
        const double cpu = threadCpuMs();
        QElapsedTimer t;
        t.start();
        editor.openText(pretty);
        const int before = counter.paints;
        while (counter.paints == before)
            QCoreApplication::processEvents();
        report(u"pretty 5 MB: open to first paint"_s, double(t.nsecsElapsed()) / 1e6, "ms", kOpenTargetMs,
               QStringLiteral("CPU %1 ms").arg(threadCpuMs() - cpu, 0, 'f', 0));
        typingFigures(u"pretty 5 MB"_s, editor);
    }

    // 2. One 5 MB line: shown formatted, with a notice.
    {
        JsonEditor editor;
        editor.resize(1200, 800);
        editor.show();
        if (!QTest::qWaitForWindowExposed(&editor))
            return 1;
        PaintCounter counter(editor.textEdit()->viewport());
        const double cpu = threadCpuMs();
        QElapsedTimer t;
        t.start();
        const bool reformatted = editor.openText(oneLine);
        const int before = counter.paints;
        while (counter.paints == before)
            QCoreApplication::processEvents();
        report(u"one 5 MB line: open to first paint (shown formatted)"_s, double(t.nsecsElapsed()) / 1e6,
               "ms", kOpenTargetMs,
               (reformatted ? QStringLiteral("formatted to %1 lines, notice shown: %2")
                                  .arg(editor.document()->blockCount())
                                  .arg(editor.noticeBar()->isVisible() ? u"yes"_s : u"no"_s)
                            : u"NOT REFORMATTED"_s)
                   + QStringLiteral("; CPU %1 ms").arg(threadCpuMs() - cpu, 0, 'f', 0));
        typingFigures(u"one 5 MB line"_s, editor);
    }

    // 3. Through a SchemaDocument, as the schema editor uses it.
    {
        SchemaDocument schema;
        JsonEditor editor;
        editor.resize(1200, 800);
        editor.show();
        if (!QTest::qWaitForWindowExposed(&editor))
            return 1;
        PaintCounter counter(editor.textEdit()->viewport());
        const double cpu = threadCpuMs();
        QElapsedTimer t;
        t.start();
        QElapsedTimer step;
        step.start();
        const JsonEditor::PreparedText prepared = JsonEditor::prepareText(oneLine);
        const double prepare = double(step.nsecsElapsed()) / 1e6;
        step.start();
        schema.setText(prepared.text);
        const double setText = double(step.nsecsElapsed()) / 1e6;
        step.start();
        editor.setDocument(schema.textDocument());
        editor.setUndoStack(schema.undoStack());
        editor.showOpenNotice(prepared);
        const double attach = double(step.nsecsElapsed()) / 1e6;
        const int before = counter.paints;
        while (counter.paints == before)
            QCoreApplication::processEvents();
        report(
            u"SchemaDocument, one 5 MB line: open to first paint"_s, double(t.nsecsElapsed()) / 1e6, "ms",
            kOpenTargetMs,
            QStringLiteral("prepareText %1 ms, SchemaDocument::setText %2 ms, setDocument %3 ms; CPU %4 ms")
                .arg(prepare, 0, 'f', 0)
                .arg(setText, 0, 'f', 0)
                .arg(attach, 0, 'f', 0)
                .arg(threadCpuMs() - cpu, 0, 'f', 0));
        typingFigures(u"SchemaDocument 5 MB"_s, editor);
        QElapsedTimer u;
        u.start();
        QTest::keyClick(editor.textEdit(), Qt::Key_Z, Qt::ControlModifier);
        QCoreApplication::processEvents();
        info(u"SchemaDocument 5 MB: Ctrl+Z through the undo stack"_s,
             QStringLiteral("%1 ms, stack index %2")
                 .arg(double(u.nsecsElapsed()) / 1e6, 0, 'f', 2)
                 .arg(schema.undoStack()->index()));
    }

    // 4. For comparison: what the editor avoids.
    {
        KSyntaxHighlighting::Repository repository;
        QPlainTextEdit plain;
        plain.setLineWrapMode(QPlainTextEdit::NoWrap);
        plain.resize(1200, 800);
        plain.show();
        if (!QTest::qWaitForWindowExposed(&plain))
            return 1;
        auto *highlighter = new KSyntaxHighlighting::SyntaxHighlighter(plain.document());
        highlighter->setDefinition(repository.definitionForName(u"JSON"_s));
        highlighter->setTheme(repository.defaultTheme(KSyntaxHighlighting::Repository::LightTheme));
        QString line = oneLine.left(1'000'000);
        QElapsedTimer t;
        t.start();
        plain.setPlainText(line);
        QCoreApplication::processEvents();
        const double open = double(t.nsecsElapsed()) / 1e6;
        QTextCursor c(plain.document());
        c.setPosition(500'000);
        plain.setTextCursor(c);
        QCoreApplication::processEvents();
        PaintCounter counter(plain.viewport());
        Stats keys;
        int unpainted = 0;
        for (int i = 0; i < 5; ++i)
            keys.samples << keystroke(&plain, Qt::Key_A, u"a"_s, counter, &unpainted);
        info(u"baseline: QPlainTextEdit + SyntaxHighlighter, one 1 MB line"_s,
             QStringLiteral("open %1 ms, keystroke median %2 ms")
                 .arg(open, 0, 'f', 0)
                 .arg(keys.median(), 0, 'f', 0));
    }
    return 0;
}
