// galley-datagen: writes a demo workspace, optionally scaled for benchmarks, into a new local store.
//
//   galley-datagen --out demo.db
//   galley-datagen --out /tmp/big.db --editions 200000 --seed 7 --force

#include "demo/demoworkspace.h"
#include "store/localstore.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QSqlQuery>
#include <cstdio>

namespace {

// The translation context of the tool's messages.
class Datagen
{
    Q_DECLARE_TR_FUNCTIONS(Datagen)
};

void print(const QString &line)
{
    std::fputs(qPrintable(line + u'\n'), stderr);
}

int fail(const QString &message)
{
    print(Datagen::tr("galley-datagen: %1").arg(message));
    return 1;
}

// Removes the database and the WAL files SQLite keeps beside it.
bool removeDatabase(const QString &path, QString *error)
{
    for (const QString &suffix : { QString(), QStringLiteral("-wal"), QStringLiteral("-shm") }) {
        QFile file(path + suffix);
        if (file.exists() && !file.remove()) {
            *error = Datagen::tr("cannot remove %1: %2").arg(file.fileName(), file.errorString());
            return false;
        }
    }
    return true;
}

QString humanSize(qint64 bytes)
{
    if (bytes >= 1024 * 1024)
        return Datagen::tr("%1 MB").arg(double(bytes) / (1024.0 * 1024.0), 0, 'f', 1);
    return Datagen::tr("%1 KB").arg(double(bytes) / 1024.0, 0, 'f', 1);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("galley-datagen"));

    QCommandLineParser parser;
    parser.setApplicationDescription(Datagen::tr(
        "Writes Galley's demo workspace (two accounts, their sites, schemas, documents with full edition "
        "histories, publishing records and deployments) into a new local database. With --editions it "
        "generates about that many editions, for benchmarks."));
    parser.addHelpOption();
    const QCommandLineOption outOption({ QStringLiteral("o"), QStringLiteral("out") },
                                       Datagen::tr("Write the database to <file>."), Datagen::tr("file"));
    const QCommandLineOption editionsOption(
        QStringLiteral("editions"),
        Datagen::tr("Generate about <n> editions instead of the hand-sized demo."), Datagen::tr("n"));
    const QCommandLineOption seedOption(
        QStringLiteral("seed"), Datagen::tr("Seed of the generator; the same seed gives the same data."),
        Datagen::tr("seed"));
    const QCommandLineOption forceOption(QStringLiteral("force"),
                                         Datagen::tr("Replace <file> if it exists."));
    parser.addOptions({ outOption, editionsOption, seedOption, forceOption });
    parser.process(app);

    if (!parser.isSet(outOption))
        return fail(Datagen::tr("--out FILE is required (see --help)."));
    const QString path = parser.value(outOption);

    Galley::DemoWorkspace::Options options;
    if (parser.isSet(editionsOption)) {
        bool ok = false;
        options.editions = parser.value(editionsOption).toInt(&ok);
        if (!ok || options.editions <= 0)
            return fail(Datagen::tr("--editions needs a positive whole number, not \"%1\".")
                            .arg(parser.value(editionsOption)));
    }
    if (parser.isSet(seedOption)) {
        bool ok = false;
        options.seed = parser.value(seedOption).toUInt(&ok);
        if (!ok)
            return fail(Datagen::tr("--seed needs a whole number from 0 to 4294967295, not \"%1\".")
                            .arg(parser.value(seedOption)));
    }

    if (QFileInfo::exists(path)) {
        if (!parser.isSet(forceOption))
            return fail(Datagen::tr("%1 already exists; use --force to replace it.").arg(path));
        QString error;
        if (!removeDatabase(path, &error))
            return fail(error);
    }

    QElapsedTimer timer;
    timer.start();
    auto store = Galley::LocalStore::open(path);
    if (!store)
        return fail(store.error().message);
    QSqlDatabase db = store.value()->connection();

    int lastPercent = -1;
    options.progress = [&lastPercent](qint64 done, qint64 total) {
        const int percent = total > 0 ? int(done * 100 / total) : 0;
        if (percent / 5 == lastPercent / 5)
            return;
        lastPercent = percent;
        print(Datagen::tr("%1 of about %2 editions written (%3%)").arg(done).arg(total).arg(percent));
    };
    if (auto st = Galley::DemoWorkspace::generate(db, options); !st)
        return fail(Datagen::tr("generating the demo workspace failed: %1 (%2)")
                        .arg(st.error().message, st.error().code));

    qint64 editions = 0;
    qint64 documents = 0;
    {
        QSqlQuery q(db);
        if (q.exec(QStringLiteral("SELECT (SELECT count(*) FROM editions), (SELECT count(*) FROM documents)"))
            && q.next()) {
            editions = q.value(0).toLongLong();
            documents = q.value(1).toLongLong();
        }
        // Fold the WAL into the database file so that the size printed is the real one.
        q.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
    }
    db = QSqlDatabase();
    store.value().reset();

    const double seconds = double(timer.elapsed()) / 1000.0;
    print(Datagen::tr("Wrote %1 editions of %2 documents to %3 in %4 s (%5).")
              .arg(editions)
              .arg(documents)
              .arg(path)
              .arg(seconds, 0, 'f', 1)
              .arg(humanSize(QFileInfo(path).size())));
    return 0;
}
