// galley-schema: Galley's JSON Schema checks for schema designers' own pipelines, with the
// validator the application and the server use (SchemaValidator).
//
//   galley-schema validate --schema report.json a.json b.json    one JSON line per problem
//   some-export | galley-schema validate --schema report.json -  instances as JSON lines
//   galley-schema check report.json                               the schema against its meta-schema
//   galley-schema impact --old v1.json --new v2.json a.json …      what v2 would do to the instances
//   galley-schema format report.json                              pretty-printed, member order kept
//
// Exit status: 0 fine, 1 problems found (invalid instances or schema, instances a change would
// break), 2 the command line or a file was unusable.

#include "schema/jsonformat.h"
#include "schema/schemaimpact.h"
#include "schema/schemavalidator.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QTextStream>

#include <cstdio>
#include <optional>

using namespace Qt::StringLiterals;

namespace {

class Tool
{
    Q_DECLARE_TR_FUNCTIONS(GalleySchema)
};

constexpr int kOk = 0;
constexpr int kProblems = 1;
constexpr int kUsage = 2;

void writeOut(const QByteArray &bytes)
{
    std::fwrite(bytes.constData(), 1, std::size_t(bytes.size()), stdout);
}

void writeLine(const QJsonObject &object)
{
    writeOut(QJsonDocument(object).toJson(QJsonDocument::Compact) + '\n');
}

void say(const QString &line)
{
    std::fputs(qPrintable(line + u'\n'), stderr);
}

int usage(const QString &problem)
{
    say(Tool::tr("galley-schema: %1").arg(problem));
    say(Tool::tr("Try 'galley-schema --help'."));
    return kUsage;
}

QString overview()
{
    return Tool::tr(
            "Usage: galley-schema COMMAND [OPTIONS] [FILES]\n"
            "\n"
            "Galley's JSON Schema checks (Draft 7, 2019-09, 2020-12; \"$schema\" decides, 2020-12 when absent).\n"
            "\n"
            "Commands:\n"
            "  validate --schema FILE INSTANCE...  Validate instances; '-' reads JSON lines from standard input.\n"
            "                                      One JSON line per problem on standard output.\n"
            "  check FILE                          Check a schema against its dialect's meta-schema.\n"
            "  impact --old FILE --new FILE INSTANCE...\n"
            "                                      What replacing the old schema with the new one would do to\n"
            "                                      the instances: changes, failing instances, and why (JSON).\n"
            "  format FILE                         Print the JSON pretty-printed, member order kept\n"
            "                                      (--indent N, --minify, --in-place).\n"
            "\n"
            "validate, check and impact take --ref URI=FILE (repeatable): a schema document a \"$ref\" may\n"
            "name by that URI. Nothing is ever fetched from the network.\n"
            "\n"
            "Exit status: 0 fine; 1 problems found; 2 unusable command line or file.\n");
}

// A file's bytes; nullopt (after saying why) when it cannot be read.
std::optional<QByteArray> readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        say(Tool::tr("galley-schema: cannot read %1: %2").arg(path, file.errorString()));
        return std::nullopt;
    }
    return file.readAll();
}

QJsonObject problemJson(const QString &source, const Galley::SchemaProblem &p)
{
    QJsonObject o { { u"instance"_s, source },     { u"instance_pointer"_s, p.pointer }, { u"schema_pointer"_s, p.schemaPointer },
                    { u"keyword"_s, p.keyword },   { u"message"_s, p.message },          { u"sentence"_s, p.sentence } };
    if (!p.property.isEmpty())
        o.insert(u"property"_s, p.property);
    if (p.line > 0) {
        o.insert(u"line"_s, p.line);
        o.insert(u"column"_s, p.column);
    }
    return o;
}

// One instance to check: where it came from and its text.
struct Instance
{
    QString source;
    QByteArray json;
};

// The instances named on the command line: files, and '-' for JSON lines on standard input
// (blank lines skipped; each line named "-:N"). False (after saying why) on a read error.
bool collectInstances(const QStringList &names, QList<Instance> *out)
{
    bool stdinRead = false;
    for (const QString &name : names) {
        if (name == "-"_L1) {
            if (stdinRead)
                continue;
            stdinRead = true;
            QFile in;
            if (!in.open(stdin, QIODevice::ReadOnly)) {
                say(Tool::tr("galley-schema: cannot read standard input"));
                return false;
            }
            int lineNumber = 0;
            while (!in.atEnd()) {
                QByteArray line = in.readLine();
                ++lineNumber;
                if (line.trimmed().isEmpty())
                    continue;
                out->append(Instance { u"-:%1"_s.arg(lineNumber), line.trimmed() });
            }
            continue;
        }
        const auto text = readFile(name);
        if (!text)
            return false;
        out->append(Instance { name, *text });
    }
    return true;
}

// --ref URI=FILE options as the validator's known documents.
bool collectRefs(const QStringList &refs, Galley::SchemaValidator::Options *options)
{
    for (const QString &ref : refs) {
        const qsizetype eq = ref.indexOf(u'=');
        if (eq <= 0 || eq == ref.size() - 1) {
            usage(Tool::tr("--ref wants URI=FILE, not '%1'").arg(ref));
            return false;
        }
        const auto text = readFile(ref.mid(eq + 1));
        if (!text)
            return false;
        options->documents.insert(ref.left(eq), *text);
    }
    return true;
}

// --help of one command: prints its options; true when it was asked for.
bool helpShown(const QCommandLineParser &parser, const QCommandLineOption &help)
{
    if (!parser.isSet(help))
        return false;
    writeOut(parser.helpText().toUtf8());
    return true;
}

QCommandLineOption refOption()
{
    return QCommandLineOption(u"ref"_s, Tool::tr("A schema document a \"$ref\" may name by URI."), u"URI=FILE"_s);
}

// The schema's problems as JSON lines; returns whether there were any.
bool reportSchema(const QString &path, const Galley::SchemaValidator &validator)
{
    for (const Galley::SchemaProblem &p : validator.problems()) {
        QJsonObject o = problemJson(path, p);
        o.remove(u"instance"_s);
        o.remove(u"instance_pointer"_s);
        o.insert(u"schema"_s, path);
        o.insert(u"schema_pointer"_s, p.pointer);
        writeLine(o);
    }
    return !validator.problems().isEmpty();
}

int validate(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(Tool::tr("galley-schema validate --schema FILE INSTANCE...: validate instances against a schema."));
    const QCommandLineOption help = parser.addHelpOption();
    const QCommandLineOption schemaOption(u"schema"_s, Tool::tr("The schema."), u"FILE"_s);
    parser.addOption(schemaOption);
    parser.addOption(refOption());
    parser.addPositionalArgument(u"instance"_s, Tool::tr("Instance files; '-' reads JSON lines from standard input."),
                                 u"INSTANCE..."_s);
    if (!parser.parse(arguments))
        return usage(parser.errorText());
    if (helpShown(parser, help))
        return kOk;
    if (!parser.isSet(schemaOption))
        return usage(Tool::tr("validate needs --schema FILE"));
    if (parser.positionalArguments().isEmpty())
        return usage(Tool::tr("validate needs at least one instance (a file, or '-' for JSON lines on standard input)"));
    Galley::SchemaValidator::Options options;
    if (!collectRefs(parser.values(u"ref"_s), &options))
        return kUsage;
    const QString schemaPath = parser.value(schemaOption);
    const auto spec = readFile(schemaPath);
    if (!spec)
        return kUsage;
    const Galley::SchemaValidator validator(*spec, options);
    if (reportSchema(schemaPath, validator))
        return kProblems;
    QList<Instance> instances;
    if (!collectInstances(parser.positionalArguments(), &instances))
        return kUsage;
    QList<QByteArray> texts;
    texts.reserve(instances.size());
    for (const Instance &i : std::as_const(instances))
        texts.append(i.json);
    const QList<QList<Galley::SchemaProblem>> results = validator.validateInstances(texts);
    bool anyProblem = false;
    for (qsizetype i = 0; i < results.size(); ++i) {
        for (const Galley::SchemaProblem &p : results.at(i)) {
            writeLine(problemJson(instances.at(i).source, p));
            anyProblem = true;
        }
    }
    std::fflush(stdout);
    return anyProblem ? kProblems : kOk;
}

int check(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(Tool::tr("galley-schema check FILE: check a schema against its meta-schema."));
    const QCommandLineOption help = parser.addHelpOption();
    parser.addOption(refOption());
    parser.addPositionalArgument(u"file"_s, Tool::tr("The schema."), u"FILE"_s);
    if (!parser.parse(arguments))
        return usage(parser.errorText());
    if (helpShown(parser, help))
        return kOk;
    if (parser.positionalArguments().size() != 1)
        return usage(Tool::tr("check takes exactly one schema file"));
    Galley::SchemaValidator::Options options;
    if (!collectRefs(parser.values(u"ref"_s), &options))
        return kUsage;
    const QString path = parser.positionalArguments().constFirst();
    const auto spec = readFile(path);
    if (!spec)
        return kUsage;
    const Galley::SchemaValidator validator(*spec, options);
    const bool problems = reportSchema(path, validator);
    std::fflush(stdout);
    if (!problems)
        say(Tool::tr("%1: a valid %2 schema").arg(path, validator.dialect()));
    return problems ? kProblems : kOk;
}

int impact(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
            Tool::tr("galley-schema impact --old FILE --new FILE INSTANCE...: what a new version of a schema would do to "
                     "existing instances."));
    const QCommandLineOption help = parser.addHelpOption();
    const QCommandLineOption oldOption(u"old"_s, Tool::tr("The schema as it is."), u"FILE"_s);
    const QCommandLineOption newOption(u"new"_s, Tool::tr("The candidate."), u"FILE"_s);
    const QCommandLineOption listOption(u"list"_s, Tool::tr("Failing instances listed (default 50)."), u"N"_s, u"50"_s);
    parser.addOptions({ oldOption, newOption, listOption });
    parser.addPositionalArgument(u"instance"_s, Tool::tr("Instance files; '-' reads JSON lines from standard input."),
                                 u"INSTANCE..."_s);
    if (!parser.parse(arguments))
        return usage(parser.errorText());
    if (helpShown(parser, help))
        return kOk;
    if (!parser.isSet(oldOption) || !parser.isSet(newOption))
        return usage(Tool::tr("impact needs --old FILE and --new FILE"));
    bool listOk = false;
    const int listed = parser.value(listOption).toInt(&listOk);
    if (!listOk || listed < 0)
        return usage(Tool::tr("--list wants a number, not '%1'").arg(parser.value(listOption)));
    const auto oldSpec = readFile(parser.value(oldOption));
    const auto newSpec = readFile(parser.value(newOption));
    if (!oldSpec || !newSpec)
        return kUsage;
    const Galley::SchemaValidator candidate(*newSpec);
    if (reportSchema(parser.value(newOption), candidate))
        return kProblems;
    QList<Instance> instances;
    if (!collectInstances(parser.positionalArguments(), &instances))
        return kUsage;
    QList<Galley::ImpactItem> items;
    items.reserve(instances.size());
    for (qsizetype i = 0; i < instances.size(); ++i)
        items.append(Galley::ImpactItem { i + 1, 0, QString(), instances.at(i).json });
    Galley::SchemaImpact::Options options;
    options.listedItems = listed;
    const Galley::SchemaImpact result = Galley::SchemaImpact::analyse(*oldSpec, *newSpec, items, options);
    QJsonObject json = result.toJson();
    // Instances have no edition ids here: "id" is the position, "instance" where it came from.
    QJsonArray editions = json.value(u"editions"_s).toArray();
    for (qsizetype i = 0; i < editions.size(); ++i) {
        QJsonObject e = editions.at(i).toObject();
        e.insert(u"instance"_s, instances.at(e.value(u"id"_s).toInteger() - 1).source);
        e.remove(u"document_id"_s);
        e.remove(u"state"_s);
        editions.replace(i, e);
    }
    json.insert(u"editions"_s, editions);
    writeOut(QJsonDocument(json).toJson(QJsonDocument::Indented));
    std::fflush(stdout);
    return result.failing > 0 ? kProblems : kOk;
}

int format(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(Tool::tr("galley-schema format FILE: pretty-print JSON, member order kept."));
    const QCommandLineOption help = parser.addHelpOption();
    const QCommandLineOption indentOption(u"indent"_s, Tool::tr("Spaces per level (default 2)."), u"N"_s, u"2"_s);
    const QCommandLineOption minifyOption(u"minify"_s, Tool::tr("No whitespace at all."));
    const QCommandLineOption inPlaceOption(QStringList { u"i"_s, u"in-place"_s }, Tool::tr("Rewrite the file instead of printing."));
    parser.addOptions({ indentOption, minifyOption, inPlaceOption });
    parser.addPositionalArgument(u"file"_s, Tool::tr("The JSON file ('-': standard input)."), u"FILE"_s);
    if (!parser.parse(arguments))
        return usage(parser.errorText());
    if (helpShown(parser, help))
        return kOk;
    if (parser.positionalArguments().size() != 1)
        return usage(Tool::tr("format takes exactly one file"));
    bool indentOk = false;
    const int indent = parser.value(indentOption).toInt(&indentOk);
    if (!indentOk || indent < 0 || indent > 16)
        return usage(Tool::tr("--indent wants a number from 0 to 16, not '%1'").arg(parser.value(indentOption)));
    const QString path = parser.positionalArguments().constFirst();
    QByteArray text;
    if (path == "-"_L1) {
        if (parser.isSet(inPlaceOption))
            return usage(Tool::tr("--in-place needs a file, not standard input"));
        QFile in;
        if (!in.open(stdin, QIODevice::ReadOnly))
            return usage(Tool::tr("cannot read standard input"));
        text = in.readAll();
    } else {
        const auto read = readFile(path);
        if (!read)
            return kUsage;
        text = *read;
    }
    // The JSON editor's Format and Minify: only whitespace between tokens changes.
    Galley::JsonFormat::Options options;
    options.style = parser.isSet(minifyOption) ? Galley::JsonFormat::Style::Minified : Galley::JsonFormat::Style::Pretty;
    options.indent = indent;
    const QString input = QString::fromUtf8(text);
    const Galley::JsonFormat::Output result = Galley::JsonFormat::reformat(input, options);
    if (!result.ok) {
        const Galley::JsonFormat::LineColumn at = Galley::JsonFormat::lineColumn(input, result.errorOffset);
        writeLine(QJsonObject { { u"instance"_s, path },
                                { u"keyword"_s, u"syntax"_s },
                                { u"message"_s, result.errorMessage },
                                { u"line"_s, at.line },
                                { u"column"_s, at.column } });
        return kProblems;
    }
    QByteArray formatted = result.text.toUtf8();
    if (!formatted.endsWith('\n'))
        formatted += '\n';
    if (parser.isSet(inPlaceOption)) {
        QSaveFile out(path);
        if (!out.open(QIODevice::WriteOnly) || out.write(formatted) != formatted.size() || !out.commit()) {
            say(Tool::tr("galley-schema: cannot write %1: %2").arg(path, out.errorString()));
            return kUsage;
        }
        return kOk;
    }
    writeOut(formatted);
    std::fflush(stdout);
    return kOk;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"galley-schema"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(GALLEY_VERSION));
    QStringList arguments = QCoreApplication::arguments();
    if (arguments.size() < 2)
        return usage(Tool::tr("which command? validate, check, impact or format"));
    const QString command = arguments.at(1);
    if (command == "--help"_L1 || command == "-h"_L1 || command == "help"_L1) {
        writeOut(overview().toUtf8());
        return kOk;
    }
    if (command == "--version"_L1) {
        writeOut(QByteArray("galley-schema " GALLEY_VERSION "\n"));
        return kOk;
    }
    // QCommandLineParser sees "galley-schema validate …" as a program called "validate".
    arguments.removeAt(1);
    if (command == "validate"_L1)
        return validate(arguments);
    if (command == "check"_L1)
        return check(arguments);
    if (command == "impact"_L1)
        return impact(arguments);
    if (command == "format"_L1)
        return format(arguments);
    return usage(Tool::tr("unknown command '%1': validate, check, impact or format").arg(command));
}
