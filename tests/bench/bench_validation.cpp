// Validation and impact analysis benchmark. Prints one line per figure with its target:
//   SchemaValidator on ~1.3 KB items against a typical content schema (the demo's Article):
//     items/s on one core (target >= 55,000), and with jsoncons alone for comparison (parse +
//     is_valid, same options), measured in the same run on the same (shared) machine
//   validateInstances() on 2 cores
//   SchemaImpact::analyse over 100,000 items on 2 cores (target <= 2 s): a required field added
//     (every item fails) and a narrowed constraint (a few fail)
//   SchemaImpact::analyseReplica over a local replica with 100,000 editions of that schema
//     (reading included), and the read alone
//
//   bench_validation [--items N] [--rounds R]
#include "demo/demoworkspace.h"
#include "schema/schemaimpact.h"
#include "schema/schemavalidator.h"
#include "store/localstore.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QThread>
#include <QThreadPool>

// The baseline: jsoncons alone, as SchemaValidator configures it.
#include <jsoncons/json.hpp>
#include <jsoncons_ext/jsonschema/jsonschema.hpp>

#include <algorithm>
#include <cstdio>
#include <ctime>

using namespace Galley;
using namespace Qt::StringLiterals;

namespace {

// The demo's Article schema, as typical a content schema as Galley has.
const QByteArray kArticle = [] {
    for (const auto &[name, text] : DemoWorkspace::schemaSources()) {
        if (name == u"Article"_s)
            return text.toUtf8();
    }
    qFatal("the demo has no Article schema");
}();

const QStringList kWords { u"harbour"_s, u"council"_s, u"budget"_s, u"ferry"_s, u"winter"_s, u"school"_s, u"housing"_s,
                           u"market"_s, u"festival"_s, u"bridge"_s, u"energy"_s, u"river"_s, u"museum"_s, u"transport"_s };

QString words(QRandomGenerator &rng, int count)
{
    QStringList out;
    for (int i = 0; i < count; ++i)
        out << kWords.at(rng.bounded(int(kWords.size())));
    return out.join(u' ');
}

// A plausible Article of about 1.3 KB; `auditorEvery` > 0 leaves "byline" out of every n-th.
QByteArray article(QRandomGenerator &rng, int i)
{
    QJsonObject o;
    o.insert(u"standfirst"_s, u"The %1 plans were approved on Tuesday after %2 weeks of debate about %3."_s.arg(
                                      words(rng, 2), QString::number(2 + i % 9), words(rng, 4)));
    o.insert(u"body"_s, u"<p>%1.</p><p>%2.</p><p>%3.</p><p>%4.</p>"_s.arg(words(rng, 22), words(rng, 20), words(rng, 18),
                                                                         words(rng, 16)));
    o.insert(u"byline"_s, u"Reporter %1"_s.arg(i % 40));
    o.insert(u"dateline"_s, u"Bergen"_s);
    o.insert(u"lead_image"_s, QJsonObject { { u"url"_s, u"https://images.northwind.example/%1.jpg"_s.arg(i) },
                                            { u"alt"_s, u"View over the %1"_s.arg(words(rng, 2)) },
                                            { u"caption"_s, words(rng, 8) },
                                            { u"credit"_s, u"Photo: Northwind"_s } });
    o.insert(u"tags"_s, QJsonArray { u"local"_s, u"politics"_s, u"tag%1"_s.arg(i % 17), u"winter"_s });
    o.insert(u"related_links"_s, QJsonArray { QJsonObject { { u"title"_s, words(rng, 5) },
                                                            { u"url"_s, u"https://northwind.example/a/%1"_s.arg(i + 1) } },
                                              QJsonObject { { u"title"_s, words(rng, 4) },
                                                            { u"url"_s, u"https://northwind.example/a/%1"_s.arg(i + 2) } } });
    o.insert(u"breaking"_s, i % 50 == 0);
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

void report(const char *name, double value, const char *unit, const char *relation, double target)
{
    const bool met = relation[0] == '>' ? value >= target : value <= target;
    std::printf("%-62s %12.0f %-8s (target %s %g) %s\n", name, value, unit, relation, target, met ? "MET" : "MISSED");
    std::fflush(stdout);
}

void info(const char *name, double value, const char *unit, const char *extra = "")
{
    std::printf("%-62s %12.2f %-8s %s\n", name, value, unit, extra);
    std::fflush(stdout);
}

// Processor time of the whole process (all threads), seconds.
double processorSeconds()
{
    return double(std::clock()) / CLOCKS_PER_SEC;
}

template<typename F>
double bestSeconds(int rounds, F &&f)
{
    double best = 1e99;
    for (int r = 0; r < rounds; ++r) {
        QElapsedTimer t;
        t.start();
        f();
        best = std::min(best, double(t.nsecsElapsed()) / 1e9);
    }
    return best;
}

// A replica with the demo workspace and `count` more documents (one edition each) of the
// Article schema on one site.
bool buildReplica(const QString &path, const QList<QByteArray> &items, qint64 *schemaId)
{
    auto opened = LocalStore::open(path);
    if (!opened) {
        std::fprintf(stderr, "cannot open the replica: %s\n", qPrintable(opened.error().message));
        return false;
    }
    QSqlDatabase db = opened.value()->connection();
    if (auto st = DemoWorkspace::generate(db); !st) {
        std::fprintf(stderr, "cannot generate the demo: %s\n", qPrintable(st.error().message));
        return false;
    }
    QSqlQuery q(db);
    // The full-text index is not what is measured here.
    QStringList triggers;
    q.exec(u"SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%fts%'"_s);
    while (q.next())
        triggers << q.value(0).toString();
    for (const QString &t : std::as_const(triggers))
        q.exec(u"DROP TRIGGER "_s + t);
    QSqlQuery u(db);
    u.prepare(u"UPDATE content_schemas SET spec_doc = ?, spec_text = NULL WHERE name = 'Article'"_s);
    u.addBindValue(QString::fromUtf8(kArticle));
    if (!u.exec())
        return false;
    if (!q.exec(u"SELECT s.id, s.account_id, t.id, t.site_id FROM content_schemas s JOIN sites x ON x.account_id = s.account_id "
                "JOIN sectors t ON t.site_id = x.id WHERE s.name = 'Article' ORDER BY t.id LIMIT 1"_s)
        || !q.next())
        return false;
    *schemaId = q.value(0).toLongLong();
    const qint64 account = q.value(1).toLongLong();
    const qint64 sector = q.value(2).toLongLong();
    const qint64 site = q.value(3).toLongLong();
    q.finish();
    db.transaction();
    QSqlQuery doc(db);
    doc.prepare(u"INSERT INTO documents (id, account_id, site_id, sector_id, schema_id, slug, created_at) VALUES (?, ?, ?, ?, ?, ?, 0)"_s);
    QSqlQuery ed(db);
    ed.prepare(u"INSERT INTO editions (id, account_id, document_id, site_id, sector_id, schema_id, title, state, created_at, "
               "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, 0)"_s);
    QSqlQuery content(db);
    content.prepare(u"INSERT INTO edition_content (edition_id, fields) VALUES (?, ?)"_s);
    for (qsizetype i = 0; i < items.size(); ++i) {
        const qint64 id = 10'000'000 + i;
        doc.addBindValue(id);
        doc.addBindValue(account);
        doc.addBindValue(site);
        doc.addBindValue(sector);
        doc.addBindValue(*schemaId);
        doc.addBindValue(u"bench-%1"_s.arg(i));
        ed.addBindValue(id);
        ed.addBindValue(account);
        ed.addBindValue(id);
        ed.addBindValue(site);
        ed.addBindValue(sector);
        ed.addBindValue(*schemaId);
        ed.addBindValue(u"Bench article %1"_s.arg(i));
        ed.addBindValue(i % 3 ? u"published"_s : u"draft"_s);
        content.addBindValue(id);
        content.addBindValue(QString::fromUtf8(items.at(i)));
        if (!doc.exec() || !ed.exec() || !content.exec()) {
            std::fprintf(stderr, "insert failed: %s %s %s\n", qPrintable(doc.lastError().text()), qPrintable(ed.lastError().text()),
                         qPrintable(content.lastError().text()));
            db.rollback();
            return false;
        }
    }
    return db.commit();
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    const QCommandLineOption itemsOption(u"items"_s, u"Items (default 100000)."_s, u"N"_s, u"100000"_s);
    const QCommandLineOption roundsOption(u"rounds"_s, u"Best of R rounds (default 3)."_s, u"R"_s, u"3"_s);
    const QCommandLineOption noReplicaOption(u"no-replica"_s, u"Skip the replica figures."_s);
    parser.addOptions({ itemsOption, roundsOption, noReplicaOption });
    parser.addHelpOption();
    parser.process(app);
    const int count = std::max(1000, parser.value(itemsOption).toInt());
    const int rounds = std::max(1, parser.value(roundsOption).toInt());

    QRandomGenerator rng(20261122);
    QList<QByteArray> items;
    items.reserve(count);
    qint64 bytes = 0;
    for (int i = 0; i < count; ++i) {
        items.append(article(rng, i));
        bytes += items.constLast().size();
    }
    const SchemaValidator validator(kArticle);
    if (!validator.isValid() || !validator.validateInstance(items.constFirst()).isEmpty()) {
        std::fprintf(stderr, "the benchmark's schema or items are wrong\n");
        return 1;
    }
    std::printf("bench_validation: %d items of %.0f bytes on average, %d cores available, best of %d\n", count,
                double(bytes) / count, QThread::idealThreadCount(), rounds);

    // One core: wall time, and processor time (what the core did, whatever else ran beside).
    const int oneCoreItems = std::min(count, 50000);
    qint64 invalid = 0;
    double oneCpu = 1e99;
    const double one = bestSeconds(rounds, [&] {
        invalid = 0;
        const double cpu = processorSeconds();
        for (int i = 0; i < oneCoreItems; ++i)
            invalid += !validator.validateInstance(items.at(i)).isEmpty();
        oneCpu = std::min(oneCpu, processorSeconds() - cpu);
    });
    if (invalid)
        std::fprintf(stderr, "%lld items unexpectedly invalid\n", qlonglong(invalid));
    report("SchemaValidator::validateInstance, 1 core (processor time)", oneCoreItems / oneCpu, "items/s", ">=", 55000);
    info("SchemaValidator::validateInstance, 1 core (wall time)", oneCoreItems / one, "items/s");

    // jsoncons alone, same options, for comparison on this machine now.
    {
        namespace js = jsoncons::jsonschema;
        const auto schema = js::make_json_schema<jsoncons::json>(
                jsoncons::json::parse(std::string(kArticle)),
                js::evaluation_options {}.default_version(js::schema_version::draft202012()).require_format_validation(true));
        double rawCpu = 1e99;
        bestSeconds(rounds, [&] {
            const double cpu = processorSeconds();
            for (int i = 0; i < oneCoreItems; ++i) {
                const QByteArray &text = items.at(i);
                const auto doc = jsoncons::json::parse(std::string_view(text.constData(), std::size_t(text.size())));
                if (!schema.is_valid(doc))
                    std::abort();
            }
            rawCpu = std::min(rawCpu, processorSeconds() - cpu);
        });
        info("jsoncons alone (parse + is_valid), 1 core (processor time)", oneCoreItems / rawCpu, "items/s",
             qPrintable(u"(SchemaValidator at %1% of it)"_s.arg(int(100.0 * rawCpu / oneCpu))));
    }

    QThreadPool two;
    two.setMaxThreadCount(2);
    double bulkCpu = 1e99;
    const double bulk = bestSeconds(rounds, [&] {
        const double cpu = processorSeconds();
        validator.validateInstances(items, &two);
        bulkCpu = std::min(bulkCpu, processorSeconds() - cpu);
    });
    report("SchemaValidator::validateInstances, 2 cores (wall time)", count / bulk, "items/s", ">=", 110000);
    info("  processor time / item", bulkCpu * 1e6 / count, "us",
         qPrintable(u"(%1 items/s per core)"_s.arg(qRound(count / bulkCpu))));

    // Impact over every item.
    QJsonObject stricter = QJsonDocument::fromJson(kArticle).object();
    QJsonArray required = stricter.value(u"required"_s).toArray();
    required.append(u"fact_checked_by"_s);
    stricter.insert(u"required"_s, required);
    const QByteArray requiredAdded = QJsonDocument(stricter).toJson(QJsonDocument::Compact);
    // A narrowed constraint few items break: every item has the tag "tag<i % 17>", so 1 in 17
    // has the tag the candidate no longer allows.
    QJsonObject narrowedSpec = QJsonDocument::fromJson(kArticle).object();
    QJsonObject properties = narrowedSpec.value(u"properties"_s).toObject();
    QJsonObject tags = properties.value(u"tags"_s).toObject();
    QJsonObject tag = tags.value(u"items"_s).toObject();
    tag.insert(u"not"_s, QJsonObject { { u"const"_s, u"tag16"_s } });
    tags.insert(u"items"_s, tag);
    properties.insert(u"tags"_s, tags);
    narrowedSpec.insert(u"properties"_s, properties);
    const QByteArray narrowed = QJsonDocument(narrowedSpec).toJson(QJsonDocument::Compact);
    QList<ImpactItem> impactItems;
    impactItems.reserve(count);
    for (int i = 0; i < count; ++i)
        impactItems.append(ImpactItem { i + 1, i + 1, u"published"_s, items.at(i) });
    SchemaImpact::Options options;
    options.pool = &two;
    // Cold: the first analysis against this saved schema; warm: the designer's next candidates
    // (what each item was like under the saved schema is remembered).
    const auto impactFigures = [&](const char *what, const QByteArray &candidateSpec) {
        SchemaImpact::forgetRememberedBaselines();
        SchemaImpact result;
        const double cpu = processorSeconds();
        QElapsedTimer cold;
        cold.start();
        result = SchemaImpact::analyse(kArticle, candidateSpec, impactItems, options);
        const double coldSeconds = double(cold.nsecsElapsed()) / 1e9;
        const double coldCpu = processorSeconds() - cpu;
        report(qPrintable(u"SchemaImpact::analyse, %1 items, %2, 2 cores, cold"_s.arg(count).arg(QLatin1StringView(what))),
               coldSeconds * 1000, "ms", "<=", 2000);
        info("  processor time / item; 2 idle cores would take", coldCpu * 1e6 / count, "us",
             qPrintable(u"%1 ms"_s.arg(qRound(coldCpu * 1000 / 2))));
        const double warm = bestSeconds(rounds, [&] { result = SchemaImpact::analyse(kArticle, candidateSpec, impactItems, options); });
        report(qPrintable(u"SchemaImpact::analyse, %1 items, %2, 2 cores, warm"_s.arg(count).arg(QLatin1StringView(what))),
               warm * 1000, "ms", "<=", 2000);
        info("  items failing / newly failing", double(result.failing), "items", qPrintable(u"%1 newly"_s.arg(result.newlyFailing)));
    };
    impactFigures("required field added", requiredAdded);
    {
        // The schema editor's own first check (how many items fail today) also teaches the
        // baselines, so the designer's first candidate is quick too.
        SchemaImpact::forgetRememberedBaselines();
        QElapsedTimer today;
        today.start();
        SchemaImpact::analyse(kArticle, kArticle, impactItems, options);
        info("SchemaImpact::analyse, the saved schema itself (\"fail today\")", double(today.elapsed()), "ms");
        QElapsedTimer first;
        first.start();
        const double cpu = processorSeconds();
        const SchemaImpact result = SchemaImpact::analyse(kArticle, requiredAdded, impactItems, options);
        report("  then: required field added, first candidate", double(first.elapsed()), "ms", "<=", 2000);
        info("  processor time / item; 2 idle cores would take", (processorSeconds() - cpu) * 1e6 / count, "us",
             qPrintable(u"%1 ms"_s.arg(qRound((processorSeconds() - cpu) * 1000 / 2))));
        if (result.failing != count)
            std::fprintf(stderr, "unexpected result\n");
    }
    impactFigures("one tag value no longer allowed", narrowed);

    if (!parser.isSet(noReplicaOption)) {
        QTemporaryDir dir;
        qint64 schemaId = 0;
        QElapsedTimer build;
        build.start();
        if (!buildReplica(dir.filePath(u"bench.galley"_s), items, &schemaId)) {
            std::fprintf(stderr, "cannot build the replica\n");
            return 1;
        }
        info("  (replica written)", double(build.elapsed()) / 1000.0, "s");
        auto opened = LocalStore::open(dir.filePath(u"bench.galley"_s));
        if (!opened)
            return 1;
        QSqlDatabase db = opened.value()->connection();
        qsizetype read = 0;
        const double readOnly = bestSeconds(rounds, [&] {
            const auto r = SchemaImpact::replicaItems(db, schemaId);
            read = r ? r->size() : -1;
        });
        info(qPrintable(u"SchemaImpact::replicaItems, %1 editions (reading alone)"_s.arg(read)), readOnly * 1000, "ms");
        qint64 checked = 0;
        SchemaImpact::forgetRememberedBaselines();
        const double replicaCold = bestSeconds(1, [&] {
            const auto r = SchemaImpact::analyseReplica(db, schemaId, requiredAdded, options);
            checked = r ? r->checked : -1;
        });
        report(qPrintable(u"SchemaImpact::analyseReplica, %1 editions, required field added, cold"_s.arg(checked)),
               replicaCold * 1000, "ms", "<=", 2000);
        const double replicaWarm = bestSeconds(rounds, [&] {
            const auto r = SchemaImpact::analyseReplica(db, schemaId, requiredAdded, options);
            checked = r ? r->checked : -1;
        });
        report(qPrintable(u"SchemaImpact::analyseReplica, %1 editions, required field added, warm"_s.arg(checked)),
               replicaWarm * 1000, "ms", "<=", 2000);
    }
    return 0;
}
