#pragma once

// One document in memory, moved through the workflow engine the way the server moves a real one:
// load the context, decide, write exactly the effects. For engine tests and benchmarks.
#include "workflow/workflow.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QTimeZone>

#include <functional>

namespace Galley::Testing {

class WorkflowSim
{
public:
    explicit WorkflowSim(QDateTime now = QDateTime(QDate(2026, 11, 2), QTime(9, 0), QTimeZone::UTC)) : m_now(std::move(now)) { }

    QDateTime now() const { return m_now; }
    void advance(qint64 seconds) { m_now = m_now.addSecs(seconds); }

    // The first draft of the document, by `author`.
    Id create(const Workflow::Actor &author, const QString &title = QStringLiteral("Harbour dues 2027"))
    {
        Edition e;
        e.id = ++m_nextId;
        e.documentId = 1;
        e.title = title;
        e.fields = QJsonObject { { QStringLiteral("body"), QStringLiteral("<p>First text</p>") } };
        e.createdBy = author.userId;
        e.createdAt = e.updatedAt = m_now;
        m_editions.append(e);
        AuditEntry a;
        a.id = ++m_nextAudit;
        a.editionId = e.id;
        a.toState = EditionState::Draft;
        a.userId = author.userId;
        a.at = m_now;
        m_audit.append(a);
        return e.id;
    }

    Workflow::Context context(Id editionId, const Workflow::Actor &actor) const
    {
        Workflow::Context c;
        c.edition = edition(editionId);
        c.documentEditions = m_editions;
        c.audit = m_audit;
        for (const Unpublishing &u : m_unpublishings) {
            if (u.editionId == editionId)
                c.unpublishing = u;
        }
        if (m_reports.contains(editionId))
            c.linkReport = m_reports.value(editionId);
        c.contentProblems = m_problems;
        c.documentUrl = QStringLiteral("https://harbour.example/news/harbour-dues");
        c.actor = actor;
        c.now = m_now;
        return c;
    }

    Workflow::Decision fire(Workflow::Event e, Id editionId, const Workflow::Actor &actor,
                            const Workflow::Request &r = {})
    {
        if (e == Workflow::Event::CreateNewEdition) {
            const auto latest = Workflow::latestEdition(m_editions);
            const Id from = latest ? latest->id : m_editions.constLast().id;
            const Workflow::Context c = context(from, actor);
            const Workflow::Decision d = Workflow::decide(e, c, r);
            if (d.allowed()) {
                Edition fresh = Workflow::newEdition(c.edition, actor, m_now);
                fresh.id = ++m_nextId;
                m_editions.append(fresh);
                AuditEntry a;
                a.id = ++m_nextAudit;
                a.editionId = fresh.id;
                a.toState = EditionState::Draft;
                a.userId = actor.userId;
                a.at = m_now;
                m_audit.append(a);
                m_lastCreated = fresh.id;
            }
            return d;
        }
        const Workflow::Context c = context(editionId, actor);
        const Workflow::Decision d = Workflow::decide(e, c, r);
        if (!d.allowed() || e == Workflow::Event::Edit)
            return d;
        const Workflow::Effects fx = Workflow::apply(e, c, r);
        Id createdId = 0;
        if (fx.created) {
            Edition fresh = *fx.created;
            fresh.id = createdId = ++m_nextId;
            m_editions.append(fresh);
            m_lastCreated = createdId;
        }
        for (const Edition &changed : fx.changed) {
            for (Edition &mine : m_editions) {
                if (mine.id == changed.id)
                    mine = changed;
            }
        }
        if (fx.unpublishing) {
            Unpublishing u = *fx.unpublishing;
            bool replaced = false;
            for (Unpublishing &mine : m_unpublishings) {
                if (mine.editionId == u.editionId) {
                    mine = u;
                    replaced = true;
                }
            }
            if (!replaced)
                m_unpublishings.append(u);
        }
        for (AuditEntry a : fx.audit) {
            a.id = ++m_nextAudit;
            if (a.editionId == 0)
                a.editionId = createdId;
            m_audit.append(a);
        }
        for (const QString &body : fx.remarks)
            m_remarks.append({ createdId ? createdId : editionId, body });
        m_scheduled += fx.scheduleJob ? 1 : 0;
        m_cancelled += fx.cancelJob ? 1 : 0;
        return d;
    }

    void edit(Id editionId, const std::function<void(Edition &)> &change)
    {
        for (Edition &e : m_editions) {
            if (e.id == editionId) {
                change(e);
                e.lockVersion += 1;
            }
        }
    }

    Edition edition(Id id) const
    {
        for (const Edition &e : m_editions) {
            if (e.id == id)
                return e;
        }
        return {};
    }

    void setProblems(QStringList problems) { m_problems = std::move(problems); }
    void setReport(Id editionId, LinkCheckReport r) { m_reports.insert(editionId, std::move(r)); }

    const QList<Edition> &editions() const { return m_editions; }
    const QList<AuditEntry> &audit() const { return m_audit; }
    const QList<Unpublishing> &unpublishings() const { return m_unpublishings; }
    const QList<std::pair<Id, QString>> &remarks() const { return m_remarks; }
    Id lastCreated() const { return m_lastCreated; }
    int jobsScheduled() const { return m_scheduled; }
    int jobsCancelled() const { return m_cancelled; }

private:
    QDateTime m_now;
    QList<Edition> m_editions;
    QList<AuditEntry> m_audit;
    QList<Unpublishing> m_unpublishings;
    QList<std::pair<Id, QString>> m_remarks;
    QHash<Id, LinkCheckReport> m_reports;
    QStringList m_problems;
    Id m_nextId = 0;
    Id m_nextAudit = 0;
    Id m_lastCreated = 0;
    int m_scheduled = 0;
    int m_cancelled = 0;
};

} // namespace Galley::Testing
