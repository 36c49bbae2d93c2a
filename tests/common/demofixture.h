#pragma once

// A fresh demo workspace in a temporary folder, for tests that need realistic data.
#include "demo/demoworkspace.h"
#include "store/localstore.h"
#include "store/storeworker.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace Galley::Testing {

struct DemoFixture
{
    QTemporaryDir dir;
    std::unique_ptr<LocalStore> store;
    std::unique_ptr<StoreWorker> worker;

    // Returns false (after a QTest failure message) when the workspace could not be built.
    bool create(const DemoWorkspace::Options &options = {})
    {
        if (!dir.isValid()) {
            qWarning("no temporary folder");
            return false;
        }
        auto opened = LocalStore::open(dir.filePath(QStringLiteral("demo.galley")));
        if (!opened) {
            qWarning("%s", qPrintable(opened.error().message));
            return false;
        }
        store = std::move(opened.value());
        QSqlDatabase db = store->connection();
        if (auto st = DemoWorkspace::generate(db, options); !st) {
            qWarning("%s", qPrintable(st.error().message));
            return false;
        }
        worker = std::make_unique<StoreWorker>(store->path());
        return true;
    }

    // A single value from a query on the test thread's own connection.
    QVariant scalar(const QString &sql, const QVariantList &binds = {}) const
    {
        QSqlQuery q(store->connection());
        q.prepare(sql);
        for (int i = 0; i < binds.size(); ++i)
            q.bindValue(i, binds.at(i));
        if (!q.exec() || !q.next())
            return {};
        return q.value(0);
    }
};

} // namespace Galley::Testing
