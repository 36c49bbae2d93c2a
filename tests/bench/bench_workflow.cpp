// Evaluating the workflow for a content list: the events on offer and whether each may start, for
// 1,000 editions (each with its document's editions and audit trail), as the action bar and the
// "awaiting my review" filter ask. Target: ≤ 10 ms. Prints the figures.
#include "../models/workflowsim.h"

#include "workflow/workflow.h"

#include <QCoreApplication>
#include <QElapsedTimer>

#include <algorithm>
#include <cstdio>

using namespace Galley;
using namespace Galley::Workflow;
using namespace Qt::StringLiterals;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const Actor author { 10, Role::Writer, false };
    const Actor editor { 20, Role::Editor, false };
    const Actor manager { 30, Role::ManagingEditor, false };
    const Actor me { 99, Role::Editor, false };

    // 1,000 documents in every state a list shows, with realistic histories (2–4 editions).
    QList<Context> contexts;
    contexts.reserve(1000);
    for (int i = 0; i < 1000; ++i) {
        Testing::WorkflowSim sim;
        const Id first = sim.create(author, u"Story %1"_s.arg(i));
        Id shown = first;
        sim.fire(Event::Submit, first, author);
        sim.fire(Event::Publish, first, editor);
        for (int round = 0; round < i % 3; ++round) {
            sim.fire(Event::CreateNewEdition, shown, author);
            shown = sim.lastCreated();
            sim.edit(shown, [](Edition &e) { e.minorChange = true; });
            sim.fire(Event::Submit, shown, author);
            sim.fire(Event::Publish, shown, editor);
        }
        switch (i % 5) {
        case 0: sim.fire(Event::CreateNewEdition, shown, author); shown = sim.lastCreated(); break;
        case 1:
            sim.fire(Event::CreateNewEdition, shown, author);
            shown = sim.lastCreated();
            sim.edit(shown, [](Edition &e) { e.minorChange = true; });
            sim.fire(Event::Submit, shown, author);
            break;
        case 2: {
            Request r;
            r.unpublishing = UnpublishingRequest { UnpublishingReason::Withdrawn, u"Old"_s, {}, false };
            sim.fire(Event::Withdraw, shown, manager, r);
            break;
        }
        default: break;
        }
        contexts.append(sim.context(shown, me));
    }

    int allowed = 0;
    int offered = 0;
    QList<double> runs;
    for (int run = 0; run < 20; ++run) {
        QElapsedTimer t;
        t.start();
        allowed = offered = 0;
        for (const Context &c : std::as_const(contexts)) {
            for (Event e : offeredEvents(c.edition.state)) {
                ++offered;
                if (mayStart(e, c).allowed())
                    ++allowed;
            }
        }
        runs.append(double(t.nsecsElapsed()) / 1e6);
    }
    std::sort(runs.begin(), runs.end());
    std::printf("workflow: allowed actions for %lld editions (%d events offered, %d allowed): median %.2f ms, "
                "worst %.2f ms (target <= 10 ms)\n",
                static_cast<long long>(contexts.size()), offered, allowed, runs.at(runs.size() / 2), runs.constLast());
    return runs.at(runs.size() / 2) <= 10.0 ? 0 : 1;
}
