// Comparing two editions of about 200 KB each: several long HTML fields with scattered word edits
// and a list of 300 objects with some items edited, added and removed. Prints one line per
// figure with its target:
//   EditionDiff::compute (the core, median of runs; target <= 50 ms)
//   the same with an edit every ~40 words (a heavily revised text), for information
//   EditionDiffView: setDiff to the first painted screen (offscreen)
//   EditionDiffWindow end to end on a demo workspace whose two editions carry that content:
//   construction to the first painted comparison (load from the replica on the worker, compute,
//   paint)
// Figures are reported (MISS when a target is missed); the bench fails only when something
// does not run.
#include "common/demofixture.h"
#include "editiondiffview.h"
#include "editiondiffwindow.h"
#include "store/replicareader.h"
#include "store/replicawriter.h"
#include "store/transaction.h"
#include "workflow/editiondiff.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>

#include <algorithm>
#include <cstdio>

using namespace Galley;
using namespace Qt::StringLiterals;

namespace {

constexpr int kRuns = 9;

double median(QList<double> samples)
{
    std::sort(samples.begin(), samples.end());
    return samples.isEmpty() ? 0 : samples.at(samples.size() / 2);
}

void report(const char *name, double value, const char *unit, double target)
{
    std::printf("%-64s %9.2f %-3s (target <= %g %s) %s\n", name, value, unit, target, unit,
                value <= target ? "PASS" : "MISS");
    std::fflush(stdout);
}

void info(const char *name, double value, const char *unit)
{
    std::printf("%-64s %9.2f %-3s\n", name, value, unit);
    std::fflush(stdout);
}

const QStringList kWords {
    u"revenue"_s,  u"quarter"_s,   u"council"_s,  u"harbour"_s,  u"analysts"_s, u"growth"_s,    u"museum"_s,
    u"the"_s,      u"a"_s,         u"of"_s,       u"and"_s,      u"in"_s,       u"visitors"_s,  u"figures"_s,
    u"weekend"_s,  u"programme"_s, u"ferry"_s,    u"schedule"_s, u"rose"_s,     u"fell"_s,      u"expected"_s,
    u"Northport"_s, u"Fenwick"_s,  u"company"_s,  u"report"_s,   u"shares"_s,   u"margins"_s,   u"costs"_s,
    u"increase"_s, u"strong"_s,    u"season"_s,   u"opening"_s,  u"Tromsø"_s,   u"Årsrapport"_s, u"€"_s,
};

QString sentence(QRandomGenerator &rng)
{
    const int n = 8 + int(rng.bounded(14));
    QString s;
    for (int i = 0; i < n; ++i) {
        QString w = kWords.at(int(rng.bounded(int(kWords.size()))));
        if (i == 0)
            w[0] = w.at(0).toUpper();
        s += (i ? u" "_s : QString()) + w;
        if (i == 3 && rng.bounded(3) == 0)
            s += u',';
    }
    return s + u'.';
}

QString html(QRandomGenerator &rng, int bytes)
{
    QString out;
    while (out.size() < bytes) {
        out += u"<p>"_s;
        for (int i = 0; i < 5; ++i)
            out += sentence(rng) + u' ';
        if (rng.bounded(4) == 0)
            out += u"See <a href=\"https://news.northwind.example/%1\">the full report</a>."_s.arg(rng.bounded(10000));
        out += u"</p>\n"_s;
        if (rng.bounded(6) == 0)
            out += u"<h2>"_s + sentence(rng) + u"</h2>\n"_s;
    }
    return out;
}

// Replaces about one word in every `every` words with another.
QString edited(QString text, QRandomGenerator &rng, int every)
{
    qsizetype at = 0;
    int words = 0;
    QString out;
    out.reserve(text.size());
    while (at < text.size()) {
        qsizetype end = at;
        while (end < text.size() && text.at(end).isLetter())
            ++end;
        if (end > at) {
            ++words;
            if (words % every == 0 && rng.bounded(2) == 0)
                out += kWords.at(int(rng.bounded(int(kWords.size())))) + u"ly"_s;
            else
                out += QStringView(text).mid(at, end - at);
            at = end;
        } else {
            out += text.at(at++);
        }
    }
    return out;
}

struct Pair
{
    QJsonObject left;
    QJsonObject right;
};

Pair makeEditions(int every)
{
    QRandomGenerator rng(20261122);
    Pair p;
    for (int f = 0; f < 5; ++f) {
        const QString text = html(rng, 28000);
        p.left.insert(u"section_%1"_s.arg(f), text);
        p.right.insert(u"section_%1"_s.arg(f), edited(text, rng, every));
    }
    p.left.insert(u"standfirst"_s, QString(sentence(rng) + u' ' + sentence(rng)));
    p.right.insert(u"standfirst"_s, p.left.value(u"standfirst"_s));
    QJsonArray left;
    QJsonArray right;
    for (int i = 0; i < 300; ++i) {
        QJsonObject item { { u"id"_s, i },
                           { u"name"_s, u"Segment %1"_s.arg(i) },
                           { u"summary"_s, sentence(rng) },
                           { u"revenue"_s, double(rng.bounded(100000)) / 10.0 },
                           { u"regions"_s, QJsonArray { u"north"_s, u"south"_s } } };
        left.append(item);
        if (i % 60 == 7)
            continue;   // removed
        if (i % 25 == 3)
            item.insert(u"summary"_s, edited(item.value(u"summary").toString(), rng, 3));
        if (i % 40 == 11)
            item.insert(u"revenue"_s, item.value(u"revenue").toDouble() + 1);
        right.append(item);
        if (i % 75 == 20)
            right.append(QJsonObject { { u"id"_s, 1000 + i }, { u"name"_s, u"New segment %1"_s.arg(i) },
                                       { u"summary"_s, sentence(rng) } });
    }
    p.left.insert(u"segments"_s, left);
    p.right.insert(u"segments"_s, right);
    return p;
}

qsizetype sizeOf(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact).size();
}

Edition edition(const QJsonObject &fields, const QString &title)
{
    Edition e;
    e.title = title;
    e.fields = fields;
    return e;
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);

    // -- The core
    for (const int every : { 400, 40 }) {
        const Pair p = makeEditions(every);
        const Edition a = edition(p.left, u"Annual report 2025"_s);
        const Edition b = edition(p.right, u"Annual report 2025 (revised)"_s);
        QList<double> samples;
        EditionDiff d;
        for (int run = 0; run < kRuns; ++run) {
            QElapsedTimer t;
            t.start();
            d = EditionDiff::compute(a, b, {});
            samples << t.nsecsElapsed() / 1e6;
        }
        int edits = 0;
        for (const EditionDiffRow &r : d.rows()) {
            for (const DiffSpan &span : r.text.left)
                edits += span.kind == DiffSpan::Kind::Deleted ? 1 : 0;
        }
        if (every == 400) {
            info("left edition (compact JSON)", sizeOf(p.left) / 1024.0, "KB");
            info("right edition (compact JSON)", sizeOf(p.right) / 1024.0, "KB");
            info("rows", d.rows().size(), "");
            info("changes (navigation stops)", d.changeCount(), "");
            info("deleted runs of words", edits, "");
            report("EditionDiff::compute, 2 x 200 KB, scattered edits (median)", median(samples), "ms", 50);

            // -- The view: the first screen
            QList<double> view;
            for (int run = 0; run < 5; ++run) {
                EditionDiffView v;
                v.resize(1100, 700);
                v.show();
                if (!QTest::qWaitForWindowExposed(&v))
                    return 1;
                QElapsedTimer t;
                t.start();
                v.setDiff(d);
                v.nextChange();
                v.viewport()->repaint();
                view << t.nsecsElapsed() / 1e6;
            }
            report("EditionDiffView: setDiff to first painted screen (median)", median(view), "ms", 100);
        } else {
            info("deleted runs of words (an edit every ~80 words)", edits, "");
            report("EditionDiff::compute, heavily revised texts (median)", median(samples), "ms", 50);
        }
    }

    // -- The window, end to end on a replica
    Testing::DemoFixture demo;
    if (!demo.create())
        return 1;
    QSqlDatabase db = demo.store->connection();
    QSqlQuery q(db);
    if (!q.exec(u"SELECT document_id FROM editions GROUP BY document_id HAVING count(*) >= 2 ORDER BY document_id LIMIT 1"_s)
        || !q.next())
        return 1;
    const Id documentId = q.value(0).toLongLong();
    q.finish();
    QSqlQuery e(db);
    e.prepare(u"SELECT id FROM editions WHERE document_id = ? ORDER BY created_at, id"_s);
    e.addBindValue(documentId);
    if (!e.exec())
        return 1;
    QList<Id> ids;
    while (e.next())
        ids << e.value(0).toLongLong();
    e.finish();
    {
        const Pair p = makeEditions(400);
        Transaction tx(db);
        ReplicaWriter writer(db);
        auto left = ReplicaReader::edition(db, ids.at(ids.size() - 2));
        auto right = ReplicaReader::edition(db, ids.last());
        if (!left || !right)
            return 1;
        Edition l = left.value();
        Edition r = right.value();
        l.fields = p.left;
        r.fields = p.right;
        if (!writer.upsert(l) || !writer.upsert(r) || !tx.commit())
            return 1;
    }
    QList<double> window;
    for (int run = 0; run < 5; ++run) {
        QElapsedTimer t;
        t.start();
        auto *w = new EditionDiffWindow(demo.worker.get(), documentId, 0, 0);
        QSignalSpy shown(w, &EditionDiffWindow::shown);
        w->show();
        if (shown.isEmpty() && !shown.wait(20000))
            return 1;
        w->view()->viewport()->repaint();
        window << t.nsecsElapsed() / 1e6;
        if (w->view()->diff().changeCount() == 0)
            return 1;
        delete w;
    }
    report("EditionDiffWindow: open to first painted comparison (median)", median(window), "ms", 300);
    return 0;
}
