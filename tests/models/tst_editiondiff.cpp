// EditionDiff: word-level text comparison and the field-by-field rows of two editions.
#include "workflow/editiondiff.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;

namespace Galley {

namespace {

using Kind = DiffSpan::Kind;
using Change = EditionDiffRow::Change;
using Shape = EditionDiffRow::Shape;

QJsonObject obj(const char *json)
{
    QJsonParseError error;
    const QJsonObject o = QJsonDocument::fromJson(QByteArray(json), &error).object();
    if (error.error != QJsonParseError::NoError)
        qFatal("bad test JSON: %s", qPrintable(error.errorString()));
    return o;
}

Edition edition(const QJsonObject &fields, const QString &title = u"A title"_s, const QString &note = {})
{
    Edition e;
    e.title = title;
    e.changeNote = note;
    e.fields = fields;
    return e;
}

// The side's text with deleted words in [-…] and inserted ones in [+…], tags in {…}.
QString render(const QString &text, const QList<DiffSpan> &spans)
{
    QString out;
    for (const DiffSpan &s : spans) {
        const QString piece = text.mid(s.start, s.length);
        if (s.kind == Kind::Equal)
            out += s.markup ? u'{' + piece + u'}' : piece;
        else
            out += (s.kind == Kind::Deleted ? u"[-"_s : u"[+"_s) + piece + u']';
    }
    return out;
}

// The spans cover the text exactly, in order.
void checkCoverage(const QString &text, const QList<DiffSpan> &spans)
{
    int at = 0;
    for (const DiffSpan &s : spans) {
        QCOMPARE(s.start, at);
        QVERIFY(s.length > 0);
        at += s.length;
    }
    QCOMPARE(at, int(text.size()));
}

const EditionDiffRow *row(const EditionDiff &d, const QString &pointer)
{
    for (const EditionDiffRow &r : d.rows()) {
        if (r.source == EditionDiffRow::Source::Field && r.pointer() == pointer)
            return &r;
    }
    return nullptr;
}

QStringList pointers(const EditionDiff &d)
{
    QStringList out;
    for (const EditionDiffRow &r : d.rows()) {
        if (r.source == EditionDiffRow::Source::Field)
            out << r.pointer();
    }
    return out;
}

} // namespace

class TestEditionDiff : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void words_data()
    {
        QTest::addColumn<QString>("left");
        QTest::addColumn<QString>("right");
        QTest::addColumn<bool>("markup");
        QTest::addColumn<QString>("leftShown");
        QTest::addColumn<QString>("rightShown");

        QTest::newRow("identical") << u"The quick fox"_s << u"The quick fox"_s << false << u"The quick fox"_s
                                   << u"The quick fox"_s;
        QTest::newRow("one-word-replaced") << u"The quick brown fox jumps"_s << u"The quick red fox jumps"_s << false
                                           << u"The quick [-brown] fox jumps"_s << u"The quick [+red] fox jumps"_s;
        QTest::newRow("word-inserted") << u"Revenue grew this year."_s << u"Revenue grew strongly this year."_s << false
                                       << u"Revenue grew this year."_s << u"Revenue grew [+strongly ]this year."_s;
        QTest::newRow("word-deleted") << u"Profit was very high."_s << u"Profit was high."_s << false
                                      << u"Profit was [-very ]high."_s << u"Profit was high."_s;
        QTest::newRow("punctuation-is-a-token") << u"Oslo, Norway"_s << u"Oslo; Norway"_s << false
                                                << u"Oslo[-,] Norway"_s << u"Oslo[+;] Norway"_s;
        QTest::newRow("empty-left") << QString() << u"New text"_s << false << QString() << u"[+New text]"_s;
        QTest::newRow("empty-right") << u"Old text"_s << QString() << false << u"[-Old text]"_s << QString();
        QTest::newRow("both-empty") << QString() << QString() << false << QString() << QString();
        QTest::newRow("unicode-accents") << u"Årsrapport for Tromsø kommune"_s << u"Årsrapport for Bodø kommune"_s
                                         << false << u"Årsrapport for [-Tromsø] kommune"_s
                                         << u"Årsrapport for [+Bodø] kommune"_s;
        QTest::newRow("unicode-apostrophe-word") << u"l’été est chaud"_s << u"l’été est froid"_s << false
                                                 << u"l’été est [-chaud]"_s << u"l’été est [+froid]"_s;
        QTest::newRow("unicode-han-per-character") << u"今天天气很好"_s << u"今天天气不好"_s << false
                                                   << u"今天天气[-很]好"_s << u"今天天气[+不]好"_s;
        QTest::newRow("unicode-emoji") << u"Launch 🚀 today"_s << u"Launch 🎉 today"_s << false
                                       << u"Launch [-🚀] today"_s << u"Launch [+🎉] today"_s;
        QTest::newRow("html-tags-are-tokens") << u"<p>Hello <b>world</b></p>"_s << u"<p>Hello <i>world</i></p>"_s
                                              << true << u"{<p>}Hello [-<b>]world[-</b>]{</p>}"_s
                                              << u"{<p>}Hello [+<i>]world[+</i>]{</p>}"_s;
        QTest::newRow("html-text-change") << u"<p>Sales rose 5%.</p>"_s << u"<p>Sales rose 7%.</p>"_s << true
                                          << u"{<p>}Sales rose [-5]%.{</p>}"_s << u"{<p>}Sales rose [+7]%.{</p>}"_s;
        QTest::newRow("html-link-target") << uR"(<a href="https://a.example/x">x</a>)"_s
                                          << uR"(<a href="https://a.example/y">x</a>)"_s << true
                                          << uR"([-<a href="https://a.example/x">]x{</a>})"_s
                                          << uR"([+<a href="https://a.example/y">]x{</a>})"_s;
        QTest::newRow("html-entity-is-a-word") << u"Fish &amp; chips"_s << u"Fish &amp; peas"_s << true
                                               << u"Fish &amp; [-chips]"_s << u"Fish &amp; [+peas]"_s;
        QTest::newRow("short-word-between-long-changes")
            << u"Update: new figures published on Wednesday show the original report."_s
            << u"The firm employs around 26,700 people, valuing the business at 387 million."_s << false
            << u"[-Update: new figures published on Wednesday show the original report]."_s
            << u"[+The firm employs around 26,700 people, valuing the business at 387 million]."_s;
        QTest::newRow("short-glue-joins-changes") << u"alpha beta gamma delta"_s << u"alpha one two delta"_s << false
                                                  << u"alpha [-beta gamma] delta"_s << u"alpha [+one two] delta"_s;
    }

    void words()
    {
        QFETCH(QString, left);
        QFETCH(QString, right);
        QFETCH(bool, markup);
        QFETCH(QString, leftShown);
        QFETCH(QString, rightShown);
        const TextDiff d = EditionDiff::diffText(left, right, markup);
        checkCoverage(left, d.left);
        checkCoverage(right, d.right);
        QCOMPARE(render(left, d.left), leftShown);
        QCOMPARE(render(right, d.right), rightShown);
        QCOMPARE(d.hasChanges(), left != right);
        for (const DiffSpan &s : d.left)
            QVERIFY(s.kind != Kind::Inserted);
        for (const DiffSpan &s : d.right)
            QVERIFY(s.kind != Kind::Deleted);
        QVERIFY(!d.coarse);
    }

    // Everything different: still exact and complete, whatever the algorithm decides.
    void completelyDifferentLongTexts()
    {
        QString a;
        QString b;
        for (int i = 0; i < 5000; ++i) {
            a += u"a%1 "_s.arg(i);
            b += u"b%1 "_s.arg(i);
        }
        const TextDiff d = EditionDiff::diffText(a, b);
        checkCoverage(a, d.left);
        checkCoverage(b, d.right);
        QVERIFY(d.coarse);   // more than the edit limit: replaced as a whole between common ends
        QVERIFY(d.hasChanges());
    }

    void identicalEditionsHaveNoChanges()
    {
        const QJsonObject fields = obj(R"({"headline":"Hi","body":"<p>Text</p>","tags":["a","b"],
                                           "address":{"city":"Oslo","zip":"0150"},"count":3,"live":true,"none":null})");
        const EditionDiff d = EditionDiff::compute(edition(fields, u"T"_s, u"n"_s), edition(fields, u"T"_s, u"n"_s), {});
        QVERIFY(!d.hasChanges());
        QCOMPARE(d.changeCount(), 0);
        for (const EditionDiffRow &r : d.rows()) {
            QCOMPARE(r.change, Change::Unchanged);
            QVERIFY(!r.navigable);
            QVERIFY(!r.text.hasChanges());
        }
        // Title, change note, then every field and what is inside them.
        QCOMPARE(d.rows().at(0).source, EditionDiffRow::Source::Title);
        QCOMPARE(d.rows().at(1).source, EditionDiffRow::Source::ChangeNote);
        QCOMPARE(pointers(d), (QStringList { u"/address"_s, u"/address/city"_s, u"/address/zip"_s, u"/body"_s,
                                             u"/count"_s, u"/headline"_s, u"/live"_s, u"/none"_s, u"/tags"_s,
                                             u"/tags/0"_s, u"/tags/1"_s }));
        QVERIFY(row(d, u"/body"_s)->rich);
        QVERIFY(!row(d, u"/headline"_s)->rich);
    }

    void titleAndChangeNote()
    {
        const EditionDiff d = EditionDiff::compute(edition({}, u"Annual report 2025"_s, {}),
                                                   edition({}, u"Annual report 2026"_s, u"New figures"_s), {});
        QCOMPARE(d.rows().size(), 2);
        const EditionDiffRow &title = d.rows().at(0);
        QCOMPARE(title.label, u"Title"_s);
        QCOMPARE(title.change, Change::Changed);
        QVERIFY(title.navigable);
        QCOMPARE(render(title.leftText, title.text.left), u"Annual report [-2025]"_s);
        QCOMPARE(render(title.rightText, title.text.right), u"Annual report [+2026]"_s);
        const EditionDiffRow &note = d.rows().at(1);
        QCOMPARE(note.label, u"Change note"_s);
        QCOMPARE(note.change, Change::Changed);
        QCOMPARE(render(note.rightText, note.text.right), u"[+New figures]"_s);
        QCOMPARE(d.changeCount(), 2);
    }

    void scalars_data()
    {
        QTest::addColumn<QString>("left");    // a JSON object's text
        QTest::addColumn<QString>("right");
        QTest::addColumn<int>("change");
        QTest::addColumn<QString>("leftText");
        QTest::addColumn<QString>("rightText");

        QTest::newRow("number-changed") << u"{\"v\":1.5}"_s << u"{\"v\":2}"_s << int(Change::Changed) << u"1.5"_s << u"2"_s;
        QTest::newRow("number-same") << u"{\"v\":42}"_s << u"{\"v\":42}"_s << int(Change::Unchanged) << u"42"_s << u"42"_s;
        QTest::newRow("bool-changed") << u"{\"v\":true}"_s << u"{\"v\":false}"_s << int(Change::Changed) << u"true"_s
                                      << u"false"_s;
        QTest::newRow("null-to-number") << u"{\"v\":null}"_s << u"{\"v\":0}"_s << int(Change::Changed) << u"null"_s
                                        << u"0"_s;
        QTest::newRow("number-to-string") << u"{\"v\":7}"_s << u"{\"v\":\"7\"}"_s << int(Change::Changed) << u"7"_s
                                          << u"7"_s;
        QTest::newRow("added") << u"{}"_s << u"{\"v\":3}"_s << int(Change::Added) << QString() << u"3"_s;
        QTest::newRow("removed") << u"{\"v\":\"x\"}"_s << u"{}"_s << int(Change::Removed) << u"x"_s << QString();
    }

    void scalars()
    {
        QFETCH(QString, left);
        QFETCH(QString, right);
        QFETCH(int, change);
        QFETCH(QString, leftText);
        QFETCH(QString, rightText);
        const EditionDiff d = EditionDiff::compute(edition(obj(left.toUtf8().constData())),
                                                   edition(obj(right.toUtf8().constData())), {});
        const EditionDiffRow *r = row(d, u"/v"_s);
        QVERIFY(r);
        QCOMPARE(int(r->change), change);
        QCOMPARE(r->shape, Shape::Value);
        QCOMPARE(r->leftText, leftText);
        QCOMPARE(r->rightText, rightText);
        QCOMPARE(r->navigable, change != int(Change::Unchanged));
        QCOMPARE(d.changeCount(), change != int(Change::Unchanged) ? 1 : 0);
        checkCoverage(r->leftText, r->text.left);
        checkCoverage(r->rightText, r->text.right);
        if (change == int(Change::Changed)) {
            QCOMPARE(r->text.left.size(), 1);   // a value other than text changes as a whole
            QCOMPARE(r->text.left.first().kind, Kind::Deleted);
            QCOMPARE(r->text.right.first().kind, Kind::Inserted);
        }
    }

    void schemaOrderLabelsAndHtml()
    {
        const QString schemaText = uR"({
  "type": "object",
  "properties": {
    "zeta": { "type": "string", "title": "Headline" },
    "alpha": { "type": "string", "contentMediaType": "text/html" },
    "mid": { "$ref": "#/$defs/money", "title": "Price" }
  },
  "$defs": { "money": { "type": "object", "properties": { "currency": { "type": "string" },
                                                          "amount": { "type": "number", "title": "Amount" } } } }
})"_s;
        const QJsonObject spec = QJsonDocument::fromJson(schemaText.toUtf8()).object();
        const QJsonObject a = obj(R"({"alpha":"<p>One two</p>","zeta":"Hi","mid":{"amount":1,"currency":"NOK"},"extra":1,"aaa":2})");
        const QJsonObject b = obj(R"({"alpha":"<p>One three</p>","zeta":"Hi","mid":{"amount":2,"currency":"NOK"},"extra":1,"aaa":2})");
        const EditionDiff d = EditionDiff::compute(edition(a), edition(b), spec, schemaText);
        // The schema's text order, nested too; unknown members after, by name.
        QCOMPARE(pointers(d), (QStringList { u"/zeta"_s, u"/alpha"_s, u"/mid"_s, u"/mid/currency"_s, u"/mid/amount"_s,
                                             u"/aaa"_s, u"/extra"_s }));
        QCOMPARE(row(d, u"/zeta"_s)->label, u"Headline"_s);
        QVERIFY(row(d, u"/zeta"_s)->labelFromSchema);
        QCOMPARE(row(d, u"/alpha"_s)->label, u"alpha"_s);
        QVERIFY(!row(d, u"/alpha"_s)->labelFromSchema);
        QCOMPARE(row(d, u"/mid"_s)->label, u"Price"_s);   // the title beside $ref wins
        QCOMPARE(row(d, u"/mid/amount"_s)->label, u"Amount"_s);
        QCOMPARE(row(d, u"/mid/amount"_s)->depth, 1);
        QVERIFY(row(d, u"/alpha"_s)->rich);
        const EditionDiffRow *alpha = row(d, u"/alpha"_s);
        QCOMPARE(render(alpha->rightText, alpha->text.right), u"{<p>}One [+three]{</p>}"_s);

        // Without the text, the schema's members in name order, still before unknown ones.
        const EditionDiff sorted = EditionDiff::compute(edition(a), edition(b), spec);
        QCOMPARE(pointers(sorted), (QStringList { u"/alpha"_s, u"/mid"_s, u"/mid/amount"_s, u"/mid/currency"_s,
                                                  u"/zeta"_s, u"/aaa"_s, u"/extra"_s }));
    }

    void nestedObjects()
    {
        const EditionDiff d = EditionDiff::compute(
            edition(obj(R"({"author":{"name":"Kari","contact":{"email":"k@x.no","phone":"1"}},"same":{"x":1}})")),
            edition(obj(R"({"author":{"name":"Kari","contact":{"email":"kari@x.no"}},"new":{"y":2}})")), {});
        const EditionDiffRow *author = row(d, u"/author"_s);
        QCOMPARE(author->shape, Shape::Object);
        QCOMPARE(author->change, Change::Changed);
        QVERIFY(!author->navigable);   // only holds changes
        QCOMPARE(row(d, u"/author/name"_s)->change, Change::Unchanged);
        QCOMPARE(row(d, u"/author/contact"_s)->depth, 1);
        QCOMPARE(row(d, u"/author/contact/email"_s)->depth, 2);
        QCOMPARE(row(d, u"/author/contact/email"_s)->change, Change::Changed);
        QVERIFY(row(d, u"/author/contact/email"_s)->navigable);
        QCOMPARE(row(d, u"/author/contact/phone"_s)->change, Change::Removed);
        QCOMPARE(row(d, u"/author/contact"_s)->leftCount, 2);
        QCOMPARE(row(d, u"/author/contact"_s)->rightCount, 1);

        // A whole object added or removed: one stop, the members inside marked but not stops.
        const EditionDiffRow *added = row(d, u"/new"_s);
        QCOMPARE(added->change, Change::Added);
        QVERIFY(added->navigable);
        QVERIFY(!added->inLeft);
        QCOMPARE(row(d, u"/new/y"_s)->change, Change::Added);
        QVERIFY(!row(d, u"/new/y"_s)->navigable);
        QCOMPARE(row(d, u"/same"_s)->change, Change::Removed);
        QCOMPARE(row(d, u"/same/x"_s)->change, Change::Removed);
        QCOMPARE(d.changeCount(), 4);   // email, phone, new, same

        // Parents point at the enclosing row.
        const auto &rows = d.rows();
        for (int i = 0; i < rows.size(); ++i) {
            if (rows.at(i).parent >= 0) {
                QVERIFY(rows.at(i).parent < i);
                QCOMPARE(rows.at(rows.at(i).parent).depth, rows.at(i).depth - 1);
            }
        }
    }

    void arrays_data()
    {
        QTest::addColumn<QString>("left");
        QTest::addColumn<QString>("right");
        QTest::addColumn<QString>("items");   // change per item row: = ~ + -
        QTest::addColumn<int>("changes");

        QTest::newRow("same") << u"[1,2,3]"_s << u"[1,2,3]"_s << u"==="_s << 0;
        QTest::newRow("append") << u"[1,2]"_s << u"[1,2,3]"_s << u"==+"_s << 1;
        QTest::newRow("prepend") << u"[\"b\",\"c\"]"_s << u"[\"a\",\"b\",\"c\"]"_s << u"+=="_s << 1;
        QTest::newRow("remove-middle") << u"[\"a\",\"b\",\"c\"]"_s << u"[\"a\",\"c\"]"_s << u"=-="_s << 1;
        QTest::newRow("edit-middle") << u"[\"a\",\"b x\",\"c\"]"_s << u"[\"a\",\"b y\",\"c\"]"_s << u"=~="_s << 1;
        QTest::newRow("reorder") << u"[\"a\",\"b\",\"c\"]"_s << u"[\"c\",\"a\",\"b\"]"_s << u"+==-"_s << 2;
        QTest::newRow("to-empty") << u"[1,2]"_s << u"[]"_s << u"--"_s << 2;
        QTest::newRow("from-empty") << u"[]"_s << u"[{\"a\":1}]"_s << u"+"_s << 1;
        QTest::newRow("objects-by-id") << u"[{\"id\":1,\"t\":\"x\"},{\"id\":2,\"t\":\"y\"}]"_s
                                       << u"[{\"id\":1,\"t\":\"x2\"},{\"id\":3,\"t\":\"y\"}]"_s << u"~-+"_s << 3;
        QTest::newRow("objects-by-similarity") << u"[{\"q\":\"Why?\",\"a\":\"Because\",\"n\":1}]"_s
                                               << u"[{\"q\":\"Why?\",\"a\":\"Since\",\"n\":1}]"_s << u"~"_s << 1;
        QTest::newRow("objects-unrelated") << u"[{\"q\":\"Why?\",\"a\":\"Because\"}]"_s
                                           << u"[{\"q\":\"How?\",\"a\":\"Like this\"}]"_s << u"-+"_s << 2;
    }

    void arrays()
    {
        QFETCH(QString, left);
        QFETCH(QString, right);
        QFETCH(QString, items);
        QFETCH(int, changes);
        const auto wrap = [](const QString &list) {
            return QJsonDocument::fromJson((u"{\"list\":"_s + list + u'}').toUtf8()).object();
        };
        const EditionDiff d = EditionDiff::compute(edition(wrap(left)), edition(wrap(right)), {});
        const int listRow = int(std::find_if(d.rows().cbegin(), d.rows().cend(),
                                             [](const EditionDiffRow &r) { return r.pointer() == u"/list"; })
                                - d.rows().cbegin());
        QVERIFY(listRow < d.rows().size());
        QCOMPARE(d.rows().at(listRow).shape, Shape::Array);
        QString seen;
        for (const EditionDiffRow &r : d.rows()) {
            if (r.parent != listRow)
                continue;
            QVERIFY(r.label.startsWith(u"Item "_s));
            switch (r.change) {
            case Change::Unchanged: seen += u'='; break;
            case Change::Changed: seen += u'~'; break;
            case Change::Added: seen += u'+'; QCOMPARE(r.leftIndex, -1); QVERIFY(r.rightIndex >= 0); break;
            case Change::Removed: seen += u'-'; QCOMPARE(r.rightIndex, -1); QVERIFY(r.leftIndex >= 0); break;
            }
        }
        QCOMPARE(seen, items);
        QCOMPARE(d.changeCount(), changes);
        QCOMPARE(d.rows().at(listRow).change, changes ? Change::Changed : Change::Unchanged);
    }

    void itemLabelsFromSchema()
    {
        // (moc misreads this raw string when it spans lines)
        const QJsonObject spec = obj(
            "{\"type\":\"object\",\"properties\":{\"segments\":{\"type\":\"array\","
            "\"items\":{\"$ref\":\"#/$defs/segment\"}}},\"$defs\":{\"segment\":{\"title\":\"Segment\","
            "\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\",\"title\":\"Name\"}}}}}");
        const EditionDiff d = EditionDiff::compute(edition(obj(R"({"segments":[{"name":"Retail"}]})")),
                                                   edition(obj(R"({"segments":[{"name":"Retail"},{"name":"Oil"}]})")),
                                                   spec);
        QCOMPARE(row(d, u"/segments/1"_s)->label, u"Segment 2"_s);
        QCOMPARE(row(d, u"/segments/1"_s)->change, Change::Added);
        QCOMPARE(row(d, u"/segments/1/name"_s)->label, u"Name"_s);
        QCOMPARE(row(d, u"/segments/1/name"_s)->change, Change::Added);
        QCOMPARE(row(d, u"/segments/0/name"_s)->change, Change::Unchanged);
    }

    void emptySides()
    {
        const QJsonObject fields = obj(R"({"a":"text","b":[1],"c":{"d":true}})");
        const EditionDiff added = EditionDiff::compute(Edition {}, edition(fields, {}), {});
        QCOMPARE(row(added, u"/a"_s)->change, Change::Added);
        QCOMPARE(row(added, u"/b"_s)->change, Change::Added);
        QCOMPARE(row(added, u"/b/0"_s)->change, Change::Added);
        QCOMPARE(row(added, u"/c/d"_s)->change, Change::Added);
        QCOMPARE(added.changeCount(), 3);   // a, b, c; not what is inside b and c
        QCOMPARE(added.rows().at(0).change, Change::Unchanged);   // both titles empty

        const EditionDiff removed = EditionDiff::compute(edition(fields, {}), Edition {}, {});
        QCOMPARE(row(removed, u"/a"_s)->change, Change::Removed);
        QCOMPARE(render(row(removed, u"/a"_s)->leftText, row(removed, u"/a"_s)->text.left), u"[-text]"_s);
        QCOMPARE(removed.changeCount(), 3);

        const EditionDiff none = EditionDiff::compute(Edition {}, Edition {}, {});
        QCOMPARE(none.rows().size(), 2);
        QVERIFY(!none.hasChanges());
    }
};

} // namespace Galley

QTEST_GUILESS_MAIN(Galley::TestEditionDiff)
#include "tst_editiondiff.moc"
