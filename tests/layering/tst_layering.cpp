// Links galley-core and Qt Test only (see CMakeLists.txt): if the core used a
// widget anywhere, this executable would not link.
#include "itemmodels/editiontablemodel.h"
#include "itemmodels/tenanttreemodel.h"
#include "store/localstore.h"
#include "store/storeworker.h"

#include <QAbstractItemModelTester>
#include <QCoreApplication>
#include <QGuiApplication>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Galley;

class TestLayering : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void coreRunsWithoutWidgets()
    {
        // A plain QCoreApplication: no GUI, no widgets.
        QVERIFY(qobject_cast<QGuiApplication *>(QCoreApplication::instance()) == nullptr);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        auto store = LocalStore::open(dir.filePath(QStringLiteral("layering.galley")));
        QVERIFY2(store.ok(), qPrintable(store.ok() ? QString() : store.error().message));
        StoreWorker worker(store.value()->path());
        EditionTableModel model(&worker);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        QSignalSpy loaded(&model, &EditionTableModel::firstPageLoaded);
        model.refresh();
        QTRY_COMPARE(loaded.size(), 1);
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.totalCount(), 0);
    }
};

QTEST_GUILESS_MAIN(TestLayering)
#include "tst_layering.moc"
