#include "domain/enums.h"
#include "domain/permissions.h"

#include <QTest>

using namespace Galley;
using namespace Qt::StringLiterals;

class TestPermissions : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // api.md's role table, one row per role × permission.
    void roleTable_data()
    {
        QTest::addColumn<Role>("role");
        QTest::addColumn<Permission>("permission");
        QTest::addColumn<bool>("granted");

        //                       public read  write review manage schema admin
        const struct { Role role; std::array<bool, 7> grants; } table[] = {
            { Role::Viewer,         { true, true, false, false, false, false, false } },
            { Role::Writer,         { true, true, true,  false, false, false, false } },
            { Role::Editor,         { true, true, true,  true,  false, false, false } },
            { Role::ManagingEditor, { true, true, true,  true,  true,  false, false } },
            { Role::SchemaDesigner, { true, true, true,  false, false, true,  false } },
            { Role::Admin,          { true, true, true,  true,  true,  true,  true } },
        };
        QCOMPARE(std::size(table), allRoles().size());
        QCOMPARE(std::size(table[0].grants), allPermissions().size());
        for (const auto &row : table) {
            for (size_t i = 0; i < row.grants.size(); ++i) {
                const Permission p = allPermissions()[i];
                const QString name = toWire(row.role) + u'-' + toWire(p) + (row.grants[i] ? u"-granted"_s : u"-refused"_s);
                QTest::newRow(name.toUtf8().constData()) << row.role << p << row.grants[i];
            }
        }
    }

    void roleTable()
    {
        QFETCH(Role, role);
        QFETCH(Permission, permission);
        QFETCH(bool, granted);
        QCOMPARE(roleHas(role, permission), granted);
    }

    void wireNamesAreDistinct()
    {
        QStringList names;
        for (Permission p : allPermissions()) {
            QVERIFY(!toWire(p).isEmpty());
            QVERIFY2(!names.contains(toWire(p)), qPrintable(toWire(p)));
            names << toWire(p);
        }
        QCOMPARE(toWire(Permission::SaveSchema), u"schema.save"_s);
    }
};

QTEST_GUILESS_MAIN(TestPermissions)
#include "tst_permissions.moc"
