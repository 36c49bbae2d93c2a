// LinkExtractor: the links of an edition's rich-text fields, found through the schema.
#include "workflow/linkextractor.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Galley;

namespace {

QJsonObject object(const char *json)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray(json), &error);
    if (error.error != QJsonParseError::NoError)
        qFatal("bad test JSON: %s", qPrintable(error.errorString()));
    return doc.object();
}

// "url@pointer" for each link, for readable comparisons.
QStringList describe(const QList<ExtractedLink> &links)
{
    QStringList out;
    for (const ExtractedLink &l : links)
        out << l.url + u'@' + l.pointer;
    return out;
}

} // namespace

class TestLinkExtractor : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void html_data();
    void html();
    void markdown_data();
    void markdown();
    void checkable_data();
    void checkable();
    void throughSchema_data();
    void throughSchema();
    void distinctWithEveryPointer();
    void selfReferencingSchemaTerminates();
};

void TestLinkExtractor::html_data()
{
    QTest::addColumn<QString>("html");
    QTest::addColumn<QStringList>("urls");
    QTest::newRow("double-quoted-href") << u"<p>See <a href=\"https://a.example/x\">x</a>.</p>"_s
                                        << QStringList { u"https://a.example/x"_s };
    QTest::newRow("single-quoted-and-bare") << u"<a href='http://b.example/'>b</a><a HREF=https://c.example/c?q=1>c</a>"_s
                                            << QStringList { u"http://b.example/"_s, u"https://c.example/c?q=1"_s };
    QTest::newRow("img-src-in-order") << u"<img src=\"https://img.example/1.png\"><a href=\"https://a.example/\">a</a>"_s
                                      << QStringList { u"https://img.example/1.png"_s, u"https://a.example/"_s };
    QTest::newRow("entities-decoded") << u"<a href=\"https://a.example/?a=1&amp;b=2&#38;c=3\">a</a>"_s
                                      << QStringList { u"https://a.example/?a=1&b=2&c=3"_s };
    QTest::newRow("relative-mailto-fragment-ignored")
            << u"<a href=\"/local\">l</a><a href=\"mailto:x@y.example\">m</a><a href=\"#top\">t</a><a href=\"ftp://f.example/\">f</a>"_s
            << QStringList {};
    QTest::newRow("data-href-is-not-href") << u"<div data-href=\"https://no.example/\"></div>"_s << QStringList {};
    QTest::newRow("repeats-kept") << u"<a href=\"https://a.example/\">1</a><a href=\"https://a.example/\">2</a>"_s
                                  << QStringList { u"https://a.example/"_s, u"https://a.example/"_s };
    QTest::newRow("spaces-around-equals") << u"<a href = \"https://a.example/s\">s</a>"_s << QStringList { u"https://a.example/s"_s };
}

void TestLinkExtractor::html()
{
    QFETCH(QString, html);
    QFETCH(QStringList, urls);
    QCOMPARE(LinkExtractor::urlsInHtml(html), urls);
}

void TestLinkExtractor::markdown_data()
{
    QTest::addColumn<QString>("markdown");
    QTest::addColumn<QStringList>("urls");
    QTest::newRow("inline-link") << u"See [the bill](https://parliament.example/bills/1) now."_s
                                 << QStringList { u"https://parliament.example/bills/1"_s };
    QTest::newRow("link-with-title") << u"[a](https://a.example/x \"Title\")"_s << QStringList { u"https://a.example/x"_s };
    QTest::newRow("image") << u"![alt](https://img.example/p.jpg)"_s << QStringList { u"https://img.example/p.jpg"_s };
    QTest::newRow("balanced-parentheses") << u"[w](https://w.example/wiki/Foo_(bar))"_s
                                          << QStringList { u"https://w.example/wiki/Foo_(bar)"_s };
    QTest::newRow("angle-destination") << u"[a](<https://a.example/with space>)"_s
                                       << QStringList { u"https://a.example/with space"_s };
    QTest::newRow("autolink") << u"Mail <https://auto.example/path> today"_s << QStringList { u"https://auto.example/path"_s };
    QTest::newRow("reference-definition") << u"Text [x][1].\n\n[1]: https://ref.example/r \"R\"\n"_s
                                          << QStringList { u"https://ref.example/r"_s };
    QTest::newRow("inline-html") << u"Some <a href=\"https://html.example/\">html</a> and [md](http://md.example/)"_s
                                 << QStringList { u"https://html.example/"_s, u"http://md.example/"_s };
    QTest::newRow("relative-ignored") << u"[local](/docs/x) and [anchor](#a)"_s << QStringList {};
}

void TestLinkExtractor::markdown()
{
    QFETCH(QString, markdown);
    QFETCH(QStringList, urls);
    QCOMPARE(LinkExtractor::urlsInMarkdown(markdown), urls);
}

void TestLinkExtractor::checkable_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("checkable");
    QTest::newRow("https") << u"https://a.example/"_s << true;
    QTest::newRow("http-upper-scheme") << u"HTTP://a.example/"_s << true;
    QTest::newRow("ip-and-port") << u"http://127.0.0.1:8080/x"_s << true;
    QTest::newRow("no-host") << u"http:///path"_s << false;
    QTest::newRow("relative") << u"/path"_s << false;
    QTest::newRow("protocol-relative") << u"//a.example/"_s << false;
    QTest::newRow("javascript") << u"javascript:alert(1)"_s << false;
    QTest::newRow("empty") << QString() << false;
}

void TestLinkExtractor::checkable()
{
    QFETCH(QString, url);
    QFETCH(bool, checkable);
    QCOMPARE(LinkExtractor::isCheckable(url), checkable);
}

void TestLinkExtractor::throughSchema_data()
{
    QTest::addColumn<QJsonObject>("schema");
    QTest::addColumn<QJsonObject>("fields");
    QTest::addColumn<QStringList>("links");

    QTest::newRow("only-rich-text-fields")
            << object(R"js({"type":"object","properties":{
                   "body":{"type":"string","contentMediaType":"text/html"},
                   "standfirst":{"type":"string"},
                   "source":{"type":"string","format":"uri"}}})js")
            << object(R"js({"standfirst":"<a href=\"https://plain.example/\">not rich</a>",
                          "source":"https://uri.example/",
                          "body":"<p><a href=\"https://body.example/\">b</a></p>"})js")
            << QStringList { u"https://body.example/@/body"_s };
    QTest::newRow("markdown-and-media-type-parameters")
            << object(R"js({"properties":{"notes":{"type":"string","contentMediaType":"text/markdown; charset=utf-8"}}})js")
            << object(R"js({"notes":"[n](https://notes.example/)"})js") << QStringList { u"https://notes.example/@/notes"_s };
    QTest::newRow("nested-object-through-defs-ref")
            << object(R"js({"properties":{"venue":{"$ref":"#/$defs/venue"}},
                          "$defs":{"venue":{"type":"object","properties":{
                              "directions":{"type":"string","contentMediaType":"text/html"}}}}})js")
            << object(R"js({"venue":{"directions":"<a href=\"https://map.example/v\">map</a>"}})js")
            << QStringList { u"https://map.example/v@/venue/directions"_s };
    QTest::newRow("array-of-objects-through-definitions-ref")
            << object(R"js({"properties":{"faq":{"type":"array","items":{"$ref":"#/definitions/qa"}}},
                          "definitions":{"qa":{"properties":{"answer":{"type":"string","contentMediaType":"text/html"}}}}})js")
            << object(R"js({"faq":[{"answer":"none"},{"answer":"<a href=\"https://faq.example/2\">2</a>"}]})js")
            << QStringList { u"https://faq.example/2@/faq/1/answer"_s };
    QTest::newRow("prefix-items-2020-12")
            << object(R"js({"properties":{"pair":{"type":"array","prefixItems":[{"type":"string"},
                          {"type":"string","contentMediaType":"text/html"}]}}})js")
            << object(R"js({"pair":["<a href=\"https://no.example/\">x</a>","<a href=\"https://yes.example/\">y</a>"]})js")
            << QStringList { u"https://yes.example/@/pair/1"_s };
    QTest::newRow("draft7-tuple-and-additional-items")
            << object(R"js({"properties":{"t":{"type":"array","items":[{"type":"string"}],
                          "additionalItems":{"type":"string","contentMediaType":"text/html"}}}})js")
            << object(R"js({"t":["<a href=\"https://no.example/\">x</a>","<a href=\"https://extra.example/\">y</a>"]})js")
            << QStringList { u"https://extra.example/@/t/1"_s };
    QTest::newRow("all-of-branch")
            << object(R"js({"allOf":[{"properties":{"body":{"contentMediaType":"text/html"}}}]})js")
            << object(R"js({"body":"<a href=\"https://allof.example/\">a</a>"})js") << QStringList { u"https://allof.example/@/body"_s };
    QTest::newRow("pattern-and-additional-properties")
            << object(R"js({"patternProperties":{"^html_":{"contentMediaType":"text/html"}},
                          "additionalProperties":{"type":"object","properties":{"text":{"contentMediaType":"text/markdown"}}}})js")
            << object(R"js({"html_a":"<a href=\"https://pattern.example/\">p</a>","other":{"text":"<https://extra.example/>"}})js")
            << QStringList { u"https://pattern.example/@/html_a"_s, u"https://extra.example/@/other/text"_s };
    QTest::newRow("pointer-escaping")
            << object(R"js({"properties":{"a/b~c":{"contentMediaType":"text/html"}}})js")
            << object(R"js({"a/b~c":"<a href=\"https://esc.example/\">e</a>"})js") << QStringList { u"https://esc.example/@/a~1b~0c"_s };
    QTest::newRow("no-schema-no-links") << QJsonObject() << object(R"js({"body":"<a href=\"https://x.example/\">x</a>"})js")
                                        << QStringList {};
}

void TestLinkExtractor::throughSchema()
{
    QFETCH(QJsonObject, schema);
    QFETCH(QJsonObject, fields);
    QFETCH(QStringList, links);
    QCOMPARE(describe(LinkExtractor::extract(schema, fields)), links);
}

void TestLinkExtractor::distinctWithEveryPointer()
{
    const QJsonObject schema = object(R"js({"properties":{
        "body":{"contentMediaType":"text/html"},
        "summary":{"contentMediaType":"text/markdown"}}})js");
    const QJsonObject fields = object(R"js({
        "body":"<a href=\"https://same.example/\">1</a> <a href=\"https://other.example/\">2</a> <a href=\"https://same.example/\">3</a>",
        "summary":"[again](https://same.example/)"})js");
    const QList<ExtractedLink> links = LinkExtractor::extract(schema, fields);
    QCOMPARE(links.size(), 2);
    QCOMPARE(links.at(0).url, u"https://same.example/"_s);
    QCOMPARE(links.at(0).pointer, u"/body"_s);
    QCOMPARE(links.at(0).pointers, (QStringList { u"/body"_s, u"/summary"_s }));
    QCOMPARE(links.at(1).url, u"https://other.example/"_s);
    QCOMPARE(links.at(1).pointers, QStringList { u"/body"_s });
}

void TestLinkExtractor::selfReferencingSchemaTerminates()
{
    const QJsonObject schema = object(R"js({"$ref":"#","allOf":[{"$ref":"#"}],
        "properties":{"body":{"contentMediaType":"text/html"},"child":{"$ref":"#"}}})js");
    const QJsonObject fields = object(R"js({"child":{"child":{"body":"<a href=\"https://deep.example/\">d</a>"}}})js");
    QCOMPARE(describe(LinkExtractor::extract(schema, fields)), QStringList { u"https://deep.example/@/child/child/body"_s });
}

QTEST_GUILESS_MAIN(TestLinkExtractor)
#include "tst_linkextractor.moc"
