#include "demoworkspace.h"

#include "domain/content.h"
#include "domain/publishing.h"
#include "domain/tenancy.h"
#include "store/replicareader.h"
#include "store/replicawriter.h"
#include "store/sqlutil.h"
#include "store/transaction.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QSet>
#include <QSqlQuery>
#include <QTimeZone>
#include <array>
#include <optional>
#include <random>
#include <span>
#include <vector>

Q_LOGGING_CATEGORY(lcDemo, "galley.demo")

namespace Galley {

namespace {

constexpr qint64 kSecond = 1000;
constexpr qint64 kMinute = 60 * kSecond;
constexpr qint64 kHour = 60 * kMinute;
constexpr qint64 kDay = 24 * kHour;
// Content is spread over the ~18 months before "now".
constexpr qint64 kWindow = 540 * kDay;
constexpr int kDefaultDocuments = 300;
// Rows per write transaction.
// Rows per write transaction (about 5000 editions with their history). Fewer, larger
// transactions write each hot index page to the WAL less often; measured on 200k editions.
constexpr int kBatchRows = 35000;

// ---------------------------------------------------------------------------------------------
// Randomness. std::mt19937's output is fixed by the standard; the distributions of <random>
// are not, so the helpers below map raw draws themselves: same seed, same rows, everywhere.

class Rng
{
public:
    explicit Rng(quint32 seed)
        : m_engine(seed)
    { }

    quint32 next() { return quint32(m_engine()); }
    // 0 .. n-1
    int below(int n) { return n <= 1 ? 0 : int(next() % quint32(n)); }
    // lo .. hi, inclusive
    int between(int lo, int hi) { return lo + below(hi - lo + 1); }
    qint64 between64(qint64 lo, qint64 hi)
    {
        if (hi <= lo)
            return lo;
        const quint64 r = (quint64(next()) << 32) | next();
        return lo + qint64(r % quint64(hi - lo + 1));
    }
    double unit() { return next() / 4294967296.0; }
    bool chance(double p) { return unit() < p; }

    template<typename T> const T &pick(std::span<const T> items)
    {
        return items[std::size_t(below(int(items.size())))];
    }
    template<typename T> const T &pick(const QList<T> &items) { return items.at(below(int(items.size()))); }

    // Index into weights, proportionally.
    int weighted(std::span<const int> weights)
    {
        int total = 0;
        for (int w : weights)
            total += w;
        int r = below(total);
        for (std::size_t i = 0; i < weights.size(); ++i) {
            if (r < weights[i])
                return int(i);
            r -= weights[i];
        }
        return int(weights.size()) - 1;
    }

private:
    std::mt19937 m_engine;
};

using Words = std::span<const QStringView>;

// ---------------------------------------------------------------------------------------------
// Words and sentences. Templates use {placeholders}; a capitalised name ({City}, {Topic})
// capitalises the first letter of what it is replaced with.

constexpr QStringView kCities[] = {
    u"Northport",  u"Eastfield",  u"Kingsbridge", u"Aldermoor", u"Westhaven", u"Brackenridge",
    u"Lowmarsh",   u"Harrowgate", u"Fenwick",     u"Saltcombe", u"Ashby",     u"Redcliffe",
    u"Marlow Bay", u"Stonehill",  u"Greywater",   u"Elmstead",
};

constexpr QStringView kFirstNames[] = {
    u"Anna", u"Ben", u"Clara", u"David",    u"Elena",  u"Farid", u"Grace", u"Hugo",  u"Isla",  u"James",
    u"Kari", u"Leo", u"Mina",  u"Nils",     u"Olivia", u"Pavel", u"Rosa",  u"Samir", u"Tessa", u"Viktor",
    u"Yara", u"Zoe", u"Aidan", u"Beatrice", u"Conor",  u"Dagny", u"Emeka", u"Freya",
};

constexpr QStringView kLastNames[] = {
    u"Hartley",  u"Okonkwo",  u"Lindgren", u"Patel",   u"Moreau",    u"Fischer",   u"Nakamura", u"Brennan",
    u"Castillo", u"Sorensen", u"Whitaker", u"Adeyemi", u"Kowalski",  u"Haddad",    u"Lund",     u"Ferreira",
    u"MacLeod",  u"Novak",    u"Ellison",  u"Qureshi", u"Bergstrom", u"Delacroix", u"Ashworth", u"Vance",
};

constexpr QStringView kOrgs[] = {
    u"the Regional Transport Authority",
    u"Northport University",
    u"the National Statistics Office",
    u"the Harbour Trust",
    u"the Chamber of Commerce",
    u"the Competition Authority",
    u"Eastfield General Hospital",
    u"the Coastal Research Institute",
    u"the Arts Council",
    u"the Kingsbridge Institute of Technology",
};

constexpr QStringView kCompanies[] = {
    u"Brightwater Energy",   u"Kestrel Logistics",  u"Meridian Foods", u"Ostra Shipping",
    u"Fjordline Telecom",    u"Copperfield Retail", u"Atlas Robotics", u"Larkspur Pharma",
    u"Tidemark Engineering", u"Vesta Utilities",
};

constexpr QStringView kTeams[] = {
    u"Northport United", u"Eastfield Rovers",   u"Kingsbridge Athletic", u"Westhaven City",
    u"Aldermoor FC",     u"Saltcombe Harriers", u"Redcliffe Town",       u"Greywater Wanderers",
};

constexpr QStringView kVenues[] = {
    u"the Harbour Hall",  u"the Old Customs House", u"the Kingsbridge Playhouse", u"Riverside Arena",
    u"the Civic Gallery", u"the Corn Exchange",     u"St Olav's Church",
};

constexpr QStringView kWeekdays[] = { u"Monday", u"Tuesday", u"Wednesday", u"Thursday", u"Friday" };
constexpr QStringView kMonths[] = {
    u"January", u"February", u"March",     u"April",   u"May",      u"June",
    u"July",    u"August",   u"September", u"October", u"November", u"December",
};
constexpr QStringView kOrdinals[] = { u"second", u"third", u"fourth", u"fifth", u"sixth", u"seventh" };
constexpr QStringView kSeasons[] = { u"spring", u"summer", u"autumn", u"winter" };

// One beat of the newsroom (or of the company): its headlines, its sentences, its topics.
struct Beat
{
    Words headlines;
    Words sentences;
    Words topics;
};

constexpr QStringView kPoliticsTopics[] = {
    u"housing", u"rail",      u"school funding", u"energy",    u"hospital", u"pension",
    u"bus",     u"childcare", u"flood defence",  u"broadband", u"water",    u"policing",
};
constexpr QStringView kPoliticsHeadlines[] = {
    u"{City} council approves {topic} plan after {n}-hour debate",
    u"Finance minister unveils {pct} rise in {topic} spending",
    u"Opposition demands inquiry into {topic} contracts",
    u"Coalition talks stall over {topic} reform",
    u"Voters in {city} head to the polls in tight by-election",
    u"Parliament passes bill to overhaul {topic} services",
    u"Ministers divided over the future of regional {topic}",
    u"{Person} steps down as {topic} spokesperson",
    u"New poll puts governing party {n} points behind",
    u"Mayor of {city} promises {big} new homes by {year}",
    u"Cross-party group calls for independent review of {topic} policy",
    u"Government to publish {topic} strategy before summer recess",
};
constexpr QStringView kPoliticsSentences[] = {
    u"The proposal, tabled on {weekday}, would cost an estimated {money} over {n} years.",
    u"{Person}, who chairs the {topic} committee, said the plan was \"long overdue\".",
    u"Critics argue the measures do little for families in {city}, where costs have risen by {pct} since "
    u"{prevyear}.",
    u"A final vote is expected before the summer recess.",
    u"Officials in {city} said they had not been consulted on the details of the {topic} package.",
    u"The opposition described the announcement as \"a rebrand of old promises\".",
    u"According to the National Statistics Office, {topic} spending fell by {pct} last year.",
    u"{Person} told reporters outside parliament that talks would continue next week.",
    u"Several backbenchers are understood to have raised concerns in private.",
    u"Campaigners in {city} have collected more than {big} signatures on a petition.",
    u"The ministry said it would open a public consultation in {month}.",
    u"Analysts expect the bill to pass with a narrow majority.",
    u"Turnout at the last election in {city} was just over {num} per cent.",
    u"\"People want to see results, not another review,\" said {person}, a councillor in {city}.",
};

constexpr QStringView kBusinessTopics[] = {
    u"retail",  u"shipping",      u"energy",     u"housing market", u"banking",
    u"tourism", u"manufacturing", u"technology", u"food prices",    u"aviation",
};
constexpr QStringView kBusinessHeadlines[] = {
    u"{Company} shares jump {pct} after strong quarter",
    u"{City} port handles record volumes as {topic} recovers",
    u"Interest rate held at {pct} as inflation cools",
    u"{Company} to cut {n}00 jobs in {topic} restructuring",
    u"Small businesses in {city} warn of rising energy bills",
    u"{Company} agrees {money} takeover of regional rival",
    u"Consumer confidence rises for the {ordinal} month in a row",
    u"Start-ups in {city} attract record {topic} investment",
    u"Regulator opens investigation into {topic} pricing",
    u"{Company} appoints {person} as chief executive",
    u"House prices in {city} fall {pct} in a year",
};
constexpr QStringView kBusinessSentences[] = {
    u"Shares in {company} closed {pct} higher on {weekday}, valuing the business at {money}.",
    u"The company said demand from {topic} customers had been stronger than expected.",
    u"{Person}, chief economist at {org}, said the figures pointed to \"a slow but steady recovery\".",
    u"Revenue rose to {money} in the three months to {month}, up from a year earlier.",
    u"Unions said they would seek urgent talks with management.",
    u"The Competition Authority is expected to rule on the deal within {n} weeks.",
    u"Retail sales in {city} were {pct} higher than in the same period last year.",
    u"Investors had been braced for a weaker set of results.",
    u"The central bank said it would continue to watch price pressures closely.",
    u"The firm employs around {big} people, most of them in {city}.",
    u"Analysts at {company} cautioned that higher costs could squeeze margins later in the year.",
    u"\"We are investing through the cycle,\" {person} told analysts on a call.",
};

constexpr QStringView kCultureTopics[] = {
    u"theatre", u"jazz",   u"photography", u"opera",    u"street art",
    u"film",    u"poetry", u"folk music",  u"ceramics", u"dance",
};
constexpr QStringView kCultureHeadlines[] = {
    u"{City} {topic} festival returns with its biggest programme yet",
    u"Review: a bold new production of The Tempest at {venue}",
    u"Local {topic} collective wins national award",
    u"{Person} on {num} years of {topic}: \"I still get nervous\"",
    u"Museum in {city} reopens after {money} refurbishment",
    u"Ten {topic} events to see in {city} this {season}",
    u"Forgotten {topic} archive found in {city} attic",
    u"{Person}'s debut novel tops the bestseller list",
    u"Funding cuts threaten {topic} programmes in {city} schools",
    u"Young {topic} talent takes centre stage at {venue}",
};
constexpr QStringView kCultureSentences[] = {
    u"The programme runs for {n} days and features more than {num} artists from across the region.",
    u"Tickets went on sale on {weekday} and several performances sold out within hours.",
    u"{Person}, the festival's artistic director, said this year's theme was \"belonging\".",
    u"The refurbishment has added a new gallery, a café and step-free access to every floor.",
    u"Critics have praised the production's spare staging and its strong ensemble cast.",
    u"The collection includes letters, sketches and more than {big} photographs.",
    u"Organisers expect around {big} visitors over the opening weekend.",
    u"Much of the work was made in a former warehouse by the harbour in {city}.",
    u"Entry is free for under-18s, and there are relaxed performances every {weekday}.",
    u"\"Art should be part of everyday life, not a special occasion,\" {person} said.",
    u"The exhibition will tour to {city} in {month}.",
    u"{Person} studied {topic} in {city} before moving abroad for a decade.",
};

constexpr QStringView kSportTopics[] = {
    u"football", u"cycling", u"sailing", u"athletics", u"handball", u"tennis", u"rowing", u"swimming",
};
constexpr QStringView kSportHeadlines[] = {
    u"{Team} beat {team} {score} to reach the cup final",
    u"Late goal gives {team} first win of the season",
    u"{Person} breaks {topic} record in {city}",
    u"{Team} appoint {person} as head coach",
    u"Thousands line the streets as the {city} marathon returns",
    u"{City} to host {topic} championships in {year}",
    u"Injury blow for {team} ahead of derby",
    u"{Team} fans raise £{big} for grassroots {topic}",
    u"Comeback win keeps {team} in the title race",
    u"Women's {topic} league attracts record crowds",
};
constexpr QStringView kSportSentences[] = {
    u"{Team} dominated possession but needed a late header to settle the match.",
    u"The visitors had taken the lead after {num} minutes through a well-worked move.",
    u"{Person} said afterwards that the squad had \"shown real character\".",
    u"A crowd of {big} watched the game in {city}.",
    u"The result lifts them to {ordinal} in the table, {n} points off the top.",
    u"The championships are expected to bring thousands of visitors to {city}.",
    u"{Person} finished in a time that took almost {n} seconds off the previous best.",
    u"The club confirmed that the midfielder will miss at least {n} weeks.",
    u"Tickets for the final go on general sale on {weekday}.",
    u"The new coach arrives after {n} successful seasons in the second division.",
    u"Grassroots clubs in {city} say volunteer numbers are rising again.",
    u"\"We take it one game at a time,\" {person} told reporters.",
};

constexpr QStringView kScienceTopics[] = {
    u"climate", u"marine biology", u"genetics", u"astronomy",     u"battery",
    u"vaccine", u"robotics",       u"glacier",  u"microplastics", u"quantum computing",
};
constexpr QStringView kScienceHeadlines[] = {
    u"Researchers in {city} map {topic} changes along the coast",
    u"New {topic} study challenges decades-old assumption",
    u"{Org} opens {money} {topic} laboratory",
    u"Students build a satellite that will launch in {month}",
    u"Rare seabird colony found on remote island off {city}",
    u"{Topic} breakthrough could cut costs by {pct}",
    u"Citizen scientists record {big} observations in a single weekend",
    u"Why the {topic} debate matters for {city}",
    u"Telescope captures sharpest image yet of a distant galaxy",
    u"Scientists warn of faster-than-expected {topic} changes",
};
constexpr QStringView kScienceSentences[] = {
    u"The study, published in a peer-reviewed journal on {weekday}, analysed data collected over {n} years.",
    u"{Person}, who led the research at {org}, said the results were \"surprising but robust\".",
    u"The team used sensors placed at {num} sites along the coast.",
    u"Previous estimates had put the figure closer to {pct}.",
    u"The work was funded by a {money} grant from the national research council.",
    u"Other researchers cautioned that the findings still need to be replicated.",
    u"Volunteers in {city} helped collect more than {big} samples.",
    u"The laboratory will employ around {num} scientists when it is fully open.",
    u"The results could help planners prepare for more frequent storms.",
    u"\"Good data is the foundation for every decision we make,\" {person} said.",
    u"The next phase of the project begins in {month}.",
    u"A public lecture on the findings will be held at {org} in {month}.",
};

constexpr QStringView kLifestyleTopics[] = {
    u"sourdough",    u"coastal walking", u"slow travel",  u"wild swimming",    u"foraging",
    u"night trains", u"island hopping",  u"home cooking", u"cycling holidays", u"seasonal vegetables",
};
constexpr QStringView kLifestyleHeadlines[] = {
    u"A weekend in {city}: where to eat, sleep and walk",
    u"The quiet return of {topic}",
    u"How {topic} changed one family's summers",
    u"{N} things I learned from a year of {topic}",
    u"The island where time runs slower",
    u"Inside the bakery that wakes {city} at 4am",
    u"Why {topic} is having a moment",
    u"Slow roads: {n} days on the coast between {city} and {city}",
    u"The people keeping {topic} alive in {city}",
    u"What a winter in {city} taught me about {topic}",
};
constexpr QStringView kLifestyleSentences[] = {
    u"The first thing you notice in {city} is the light, pale and shifting across the water.",
    u"{Person} has run the place for {n} years and still opens the doors at six every morning.",
    u"A double room costs from £{num} a night, including breakfast.",
    u"The coastal path is well marked and takes around {n} hours at an easy pace.",
    u"Locals recommend arriving early, before the day-trippers, and staying late.",
    u"The menu changes with the seasons and leans heavily on what the boats bring in.",
    u"Trains from {city} run every hour and the journey takes just under {n} hours.",
    u"\"People come for a weekend and end up staying a month,\" says {person}.",
    u"Bring layers: the weather on this stretch of coast can turn in minutes.",
    u"It is not fashionable, and that is precisely the point.",
    u"By late afternoon the harbour fills with people and the smell of grilled fish.",
    u"The best table is by the window, where you can watch the ferries come and go.",
};

constexpr QStringView kCorporateTopics[] = {
    u"heat pump",        u"water treatment", u"battery storage", u"offshore service", u"condition monitoring",
    u"district heating", u"hydrogen",        u"recycling",
};
constexpr QStringView kCorporateHeadlines[] = {
    u"Halvorsen wins {money} {topic} contract in {city}",
    u"Halvorsen opens new {topic} facility in {city}",
    u"Halvorsen and {company} sign long-term {topic} partnership",
    u"Halvorsen cuts site emissions by {pct} ahead of target",
    u"Halvorsen launches next-generation {topic} platform",
    u"Halvorsen appoints {person} as head of {topic}",
    u"Halvorsen publishes {prevyear} sustainability report",
    u"Halvorsen completes acquisition of {company}",
    u"Halvorsen to create {num}0 jobs in {city}",
    u"Board proposes dividend of NOK {n}.{d} per share",
};
constexpr QStringView kCorporateSentences[] = {
    u"The agreement covers delivery, installation and {n} years of service.",
    u"Construction is expected to start in {month} and be completed by {year}.",
    u"{Person}, chief executive of Halvorsen Group, said the contract \"confirms the strong demand for "
    u"proven {topic} technology\".",
    u"The new facility will employ around {num}0 people at full capacity.",
    u"Halvorsen reduced scope 1 and 2 emissions by {pct} compared with the {prevyear} baseline.",
    u"The transaction is subject to customary regulatory approvals.",
    u"The partnership combines Halvorsen's engineering with {company}'s regional network.",
    u"All production sites are certified to ISO 14001 and ISO 45001.",
    u"The value of the contract is not disclosed, but it is considered significant for the segment.",
    u"Halvorsen has delivered more than {big} {topic} units since 2012.",
    u"The company will present further details at its capital markets day in {month}.",
    u"\"Our customers want lower energy costs and lower emissions, and they want both now,\" said {person}.",
};

constexpr QStringView kFinanceTopics[] = {
    u"heat pumps", u"water treatment", u"battery storage", u"offshore service", u"district heating",
};
constexpr QStringView kFinanceSentences[] = {
    u"Order intake remained strong across all segments, led by {topic} in the Nordic region.",
    u"The operating margin improved, reflecting higher volumes and a better project mix.",
    u"Cash flow from operations was solid, and net debt was reduced during the quarter.",
    u"The order backlog stands at a record level, giving good visibility for the coming year.",
    u"The board confirms the outlook for the full year.",
    u"Service revenue grew by {pct} and now accounts for more than a third of group revenue.",
    u"Currency effects had a negative impact of NOK {num} million on revenue.",
    u"Raw material costs stabilised towards the end of the quarter.",
    u"The group continues to invest in capacity at its facilities in {city}.",
    u"{Person}, chief financial officer, will present the results in a webcast at 08:00 CET.",
    u"Higher interest costs weighed on the net result.",
    u"The integration of {company} is proceeding according to plan.",
};

constexpr QStringView kCareersTopics[] = {
    u"backend",           u"embedded systems",  u"data",
    u"field service",     u"supply chain",      u"project management",
    u"mechanical design", u"quality assurance",
};
constexpr QStringView kCareersSentences[] = {
    u"You will join a team of {n} engineers working on products used in more than {num} countries.",
    u"We offer flexible working hours, a good pension scheme and {n} weeks of paid holiday.",
    u"The role is based at our site in {city}, with occasional travel to customer sites.",
    u"You have several years of experience with {topic} and enjoy solving practical problems.",
    u"We value curiosity, clear communication and a sense of ownership.",
    u"Our graduate programme includes rotations across {n} departments over two years.",
    u"Halvorsen is an equal opportunity employer and welcomes applicants from every background.",
    u"Interviews are held on a rolling basis, so we encourage you to apply early.",
    u"You will report to {person}, who leads the {topic} team.",
    u"Relocation support is available for candidates moving to {city}.",
    u"Fluency in English is required; Norwegian is an advantage but not a must.",
    u"The team works in short iterations and ships to production several times a week.",
};

constexpr QStringView kOpinionHeadlines[] = {
    u"We cannot keep putting off the {topic} question",
    u"Why {city} deserves better than another {topic} review",
    u"The {topic} debate has lost sight of the people it affects",
    u"Let's be honest about what {topic} will really cost",
    u"In praise of the humble {city} bus",
    u"A small change to {topic} could make a big difference",
    u"Our leaders are listening, they just aren't hearing",
    u"The case for slowing down on {topic}",
};

enum BeatId {
    Politics,
    Business,
    Culture,
    Sport,
    Science,
    Lifestyle,
    Corporate,
    Finance,
    Careers,
    BeatCount
};

const Beat kBeats[BeatCount] = {
    { kPoliticsHeadlines, kPoliticsSentences, kPoliticsTopics },
    { kBusinessHeadlines, kBusinessSentences, kBusinessTopics },
    { kCultureHeadlines, kCultureSentences, kCultureTopics },
    { kSportHeadlines, kSportSentences, kSportTopics },
    { kScienceHeadlines, kScienceSentences, kScienceTopics },
    { kLifestyleHeadlines, kLifestyleSentences, kLifestyleTopics },
    { kCorporateHeadlines, kCorporateSentences, kCorporateTopics },
    { kCorporateHeadlines, kFinanceSentences, kFinanceTopics },
    { kCorporateHeadlines, kCareersSentences, kCareersTopics },
};

// Remarks, notes and reasons.
constexpr QStringView kRejectionReasons[] = {
    u"Please add a source for the {pct} figure in the third paragraph.",
    u"The standfirst promises more than the piece delivers. Tighten the opening, then resubmit.",
    u"Legal wants the quote from {person} attributed more carefully before this goes out.",
    u"Too long for the slot; please cut it by about a third.",
    u"The headline is misleading: nothing has been approved yet.",
    u"Needs a right of reply from {company} before we can run it.",
    u"Photo credits are missing for the lead image.",
    u"Check the dates: the summary says {month}, the body says otherwise.",
};
constexpr QStringView kSubmitNotes[] = {
    u"Ready for review. Figures checked against the original release.",
    u"Subbed and ready; two headline options in the notes.",
    u"This version addresses the legal comments from {weekday}.",
    u"Embargoed until 07:00, please don't publish early.",
    u"Quotes from {person} confirmed by phone this morning.",
};
constexpr QStringView kPublishNotes[] = {
    u"Checked and published. Nice piece.",
    u"Published; flagged for the newsletter.",
    u"Tweaked the headline for search before publishing.",
    u"Approved. Figures match the statistics office release.",
    u"Good to go. Please keep an eye on the comments.",
};
constexpr QStringView kForceReasons[] = {
    u"Breaking news and no second editor on shift.",
    u"Stock exchange notice had to go out before market open.",
    u"Legal asked for an urgent correction.",
    u"Embargo lifted early by the ministry.",
    u"Safety notice for customers; it could not wait for review.",
};
constexpr QStringView kChangeNotes[] = {
    u"Updated with comment from {person}.",
    u"Added the latest figures from {org}.",
    u"Updated to reflect the outcome of the vote.",
    u"Added a correction to the second paragraph.",
    u"Updated with new dates and ticket information.",
    u"Revised after the statement on {weekday}.",
    u"Added photographs from the event.",
    u"Rewritten with the full results.",
};
constexpr QStringView kUpdateSentences[] = {
    u"Update: {person} confirmed on {weekday} that the plans would go ahead as described.",
    u"Update: new figures published on {weekday} show a change of {pct} since the original report.",
    u"Update: a spokesperson for {org} said a full statement would follow in {month}.",
    u"Update: the dates have been confirmed and tickets are now available.",
};
constexpr QStringView kWithdrawExplanations[] = {
    u"This article has been withdrawn because it relied on a document later shown to be inaccurate.",
    u"Withdrawn at the request of the court pending proceedings.",
    u"This notice has been withdrawn because the offer is no longer open.",
    u"The event has been cancelled by the organisers.",
};
constexpr QStringView kErrorExplanations[] = {
    u"Published before the embargo was lifted.",
    u"Duplicate of an existing page.",
    u"Published on the wrong site.",
};
constexpr QStringView kArchiveExplanations[] = {
    u"Out of date and no longer maintained.",
    u"Superseded by the annual report.",
};
constexpr QStringView kImageAlts[] = {
    u"Crowds gather outside the town hall in {city}",
    u"The harbour in {city} at dawn",
    u"Delegates listen to a speech at the conference",
    u"Players celebrate after the final whistle",
    u"Visitors look at a painting in the gallery",
    u"Researchers take samples from the shoreline near {city}",
    u"A ferry leaves the quay in {city} on a grey morning",
};

// Links that rich-text bodies cite, by what a link checker would say about them.
struct DemoLink
{
    QStringView url;
    QStringView text;
    LinkStatus status;
    QStringView problem;
};
constexpr DemoLink kLinks[] = {
    { u"https://www.stats.example/releases/regional-accounts", u"the statistics office release",
      LinkStatus::Ok, u"" },
    { u"https://parliament.example/bills/housing-reform", u"the bill as tabled", LinkStatus::Ok, u"" },
    { u"https://www.harbourtrust.example/annual-review", u"the Harbour Trust's annual review", LinkStatus::Ok,
      u"" },
    { u"https://research.kingsbridge.example/papers/coastal-survey", u"the published study", LinkStatus::Ok,
      u"" },
    { u"https://www.northport.example/council/minutes", u"the council minutes", LinkStatus::Ok, u"" },
    { u"http://old.artscouncil.example/grants.pdf", u"the grant guidelines", LinkStatus::Caution,
      u"Redirects to https://www.artscouncil.example/grants (301); not served over HTTPS." },
    { u"https://tickets.harbourhall.example/events", u"the box office", LinkStatus::Caution,
      u"Slow response (8.4 s)." },
    { u"https://archive.kingsbridge.example/2019/report", u"the 2019 report", LinkStatus::Broken,
      u"404 Not Found" },
    { u"https://www.meridianfoods.example/press/statement", u"the company's statement", LinkStatus::Broken,
      u"DNS lookup failed: no such host." },
    { u"http://free-prizes.example/claim-now", u"this offer", LinkStatus::Danger,
      u"Listed as a phishing site by Safe Browsing." },
};

// ---------------------------------------------------------------------------------------------
// Content schemas. Real JSON Schemas, Draft 7 and 2020-12.

enum class Kind {
    Article,
    Opinion,
    Gallery,
    Podcast,
    Event,
    Obituary,
    Recipe,
    PressRelease,
    QuarterlyReport,
    ProductPage,
    JobPosting,
    InvestorPresentation,
    Faq,
    ExecutiveProfile,
};

struct SchemaDef
{
    Kind kind;
    int account; // 0 or 1
    const char *name;
    const char *description;
    SchemaDialect dialect;
    const char *authPolicy;
    const char *json;
};

const SchemaDef kSchemaDefs[] = {
    { Kind::Article, 0, "Article",
      "A news story or feature: standfirst, rich-text body, lead image and tags.",
      SchemaDialect::Draft2020_12, "writer", R"json({
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "$id": "https://schemas.northwind.example/article.json",
  "title": "Article",
  "description": "A news story or feature with a standfirst, a rich-text body and an optional lead image.",
  "type": "object",
  "required": ["standfirst", "body", "byline"],
  "properties": {
    "standfirst": { "type": "string", "title": "Standfirst", "description": "One or two sentences under the headline.", "minLength": 20, "maxLength": 320 },
    "body": { "type": "string", "title": "Body", "contentMediaType": "text/html", "minLength": 50 },
    "byline": { "type": "string", "title": "Byline", "minLength": 3, "maxLength": 120 },
    "dateline": { "type": "string", "title": "Dateline", "maxLength": 60 },
    "lead_image": { "$ref": "#/$defs/image" },
    "tags": { "type": "array", "title": "Tags", "items": { "type": "string", "minLength": 2, "maxLength": 40 }, "uniqueItems": true, "maxItems": 12 },
    "related_links": { "type": "array", "title": "Related links", "items": { "$ref": "#/$defs/link" }, "maxItems": 6 },
    "breaking": { "type": "boolean", "title": "Breaking news", "default": false }
  },
  "additionalProperties": false,
  "$defs": {
    "image": {
      "type": "object",
      "required": ["url", "alt"],
      "properties": {
        "url": { "type": "string", "format": "uri" },
        "alt": { "type": "string", "minLength": 5, "maxLength": 250 },
        "caption": { "type": "string", "maxLength": 300 },
        "credit": { "type": "string", "maxLength": 120 }
      },
      "additionalProperties": false
    },
    "link": {
      "type": "object",
      "required": ["title", "url"],
      "properties": {
        "title": { "type": "string", "minLength": 3, "maxLength": 200 },
        "url": { "type": "string", "format": "uri" }
      },
      "additionalProperties": false
    }
  }
})json" },
    { Kind::Opinion, 0, "Opinion column", "A signed column, editorial or letter expressing a view.",
      SchemaDialect::Draft7, "writer", R"json({
  "$schema": "http://json-schema.org/draft-07/schema#",
  "$id": "https://schemas.northwind.example/opinion-column.json",
  "title": "Opinion column",
  "description": "A signed piece expressing the author's view, with the columnist's short biography.",
  "type": "object",
  "required": ["columnist", "standfirst", "body"],
  "properties": {
    "columnist": { "$ref": "#/definitions/person" },
    "standfirst": { "type": "string", "minLength": 20, "maxLength": 320 },
    "body": { "type": "string", "contentMediaType": "text/html", "minLength": 50 },
    "kind": { "type": "string", "enum": ["column", "editorial", "letter", "analysis"], "default": "column" },
    "in_print": { "type": "boolean", "description": "Also appears in the print edition." },
    "print_page": { "type": "integer", "minimum": 1, "maximum": 96 }
  },
  "definitions": {
    "person": {
      "type": "object",
      "required": ["name"],
      "properties": {
        "name": { "type": "string", "minLength": 3, "maxLength": 80 },
        "bio": { "type": "string", "maxLength": 280 },
        "handle": { "type": "string", "pattern": "^@[A-Za-z0-9_]{1,15}$" }
      }
    }
  }
})json" },
    { Kind::Gallery, 0, "Photo gallery", "A sequence of captioned photographs with an introduction.",
      SchemaDialect::Draft2020_12, "writer", R"json({
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "$id": "https://schemas.northwind.example/photo-gallery.json",
  "title": "Photo gallery",
  "description": "Captioned photographs, in order, with a short introduction.",
  "type": "object",
  "required": ["intro", "photos"],
  "properties": {
    "intro": { "type": "string", "minLength": 20, "maxLength": 600 },
    "photographer": { "type": "string", "maxLength": 80 },
    "location": { "type": "string", "maxLength": 80 },
    "photos": { "type": "array", "minItems": 3, "maxItems": 40, "items": { "$ref": "#/$defs/photo" } }
  },
  "$defs": {
    "photo": {
      "type": "object",
      "required": ["url", "caption"],
      "properties": {
        "url": { "type": "string", "format": "uri" },
        "caption": { "type": "string", "minLength": 5, "maxLength": 300 },
        "credit": { "type": "string", "maxLength": 120 },
        "taken_on": { "type": "string", "format": "date" }
      }
    }
  }
})json" },
    { Kind::Podcast, 0, "Podcast episode",
      "One episode of a Northwind podcast: audio, show notes and guests.", SchemaDialect::Draft7, "writer",
      R"json({
  "$schema": "http://json-schema.org/draft-07/schema#",
  "$id": "https://schemas.northwind.example/podcast-episode.json",
  "title": "Podcast episode",
  "description": "An episode with its audio file, running time, show notes and guests.",
  "type": "object",
  "required": ["show", "episode_number", "audio_url", "duration_seconds", "show_notes"],
  "properties": {
    "show": { "type": "string", "enum": ["The Briefing", "Culture Talk", "The Science Hour"] },
    "season": { "type": "integer", "minimum": 1 },
    "episode_number": { "type": "integer", "minimum": 1 },
    "duration_seconds": { "type": "integer", "minimum": 60, "maximum": 14400 },
    "audio_url": { "type": "string", "format": "uri" },
    "release_date": { "type": "string", "format": "date" },
    "show_notes": { "type": "string", "contentMediaType": "text/html", "minLength": 20 },
    "guests": { "type": "array", "items": { "$ref": "#/definitions/guest" }, "maxItems": 6 },
    "explicit": { "type": "boolean", "default": false },
    "transcript_url": { "type": "string", "format": "uri" }
  },
  "definitions": {
    "guest": {
      "type": "object",
      "required": ["name"],
      "properties": {
        "name": { "type": "string", "minLength": 3 },
        "affiliation": { "type": "string" }
      }
    }
  }
})json" },
    { Kind::Event, 0, "Event", "An event listing: when, where, tickets and a description.",
      SchemaDialect::Draft2020_12, "writer", R"json({
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "$id": "https://schemas.northwind.example/event.json",
  "title": "Event",
  "description": "A listing for a concert, exhibition, talk or festival.",
  "type": "object",
  "required": ["starts_at", "venue", "category", "description"],
  "properties": {
    "starts_at": { "type": "string", "format": "date-time" },
    "ends_at": { "type": "string", "format": "date-time" },
    "category": { "type": "string", "enum": ["concert", "exhibition", "theatre", "talk", "festival", "sport"] },
    "venue": { "$ref": "#/$defs/venue" },
    "ticket_url": { "type": "string", "format": "uri" },
    "price": {
      "type": "object",
      "properties": {
        "from": { "type": "number", "minimum": 0 },
        "to": { "type": "number", "minimum": 0 },
        "currency": { "type": "string", "enum": ["GBP", "EUR", "NOK", "USD"] }
      },
      "required": ["from", "currency"]
    },
    "description": { "type": "string", "contentMediaType": "text/html", "minLength": 20 },
    "accessibility": { "type": "array", "items": { "enum": ["step-free", "hearing-loop", "bsl-interpreted", "relaxed"] }, "uniqueItems": true }
  },
  "$defs": {
    "venue": {
      "type": "object",
      "required": ["name", "city"],
      "properties": {
        "name": { "type": "string", "minLength": 2 },
        "street": { "type": "string" },
        "city": { "type": "string", "minLength": 2 },
        "postcode": { "type": "string", "maxLength": 10 }
      }
    }
  }
})json" },
    { Kind::Obituary, 0, "Obituary",
      "The life of someone who has died, with dates and the people they leave.", SchemaDialect::Draft7,
      "writer", R"json({
  "$schema": "http://json-schema.org/draft-07/schema#",
  "$id": "https://schemas.northwind.example/obituary.json",
  "title": "Obituary",
  "description": "A life story with birth and death dates.",
  "type": "object",
  "required": ["subject", "body"],
  "properties": {
    "subject": {
      "type": "object",
      "required": ["name", "born", "died"],
      "properties": {
        "name": { "type": "string", "minLength": 3 },
        "born": { "type": "string", "format": "date" },
        "died": { "type": "string", "format": "date" },
        "birthplace": { "type": "string" },
        "known_for": { "type": "string", "maxLength": 200 }
      }
    },
    "body": { "type": "string", "contentMediaType": "text/html", "minLength": 50 },
    "survived_by": { "type": "string", "maxLength": 300 },
    "author": { "type": "string" }
  }
})json" },
    { Kind::Recipe, 0, "Recipe", "A recipe for the weekend food pages.", SchemaDialect::Draft2020_12,
      "writer",
      R"json({
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "$id": "https://schemas.northwind.example/recipe.json",
  "title": "Recipe",
  "description": "Ingredients, method and timings.",
  "type": "object",
  "required": ["serves", "ingredients", "method"],
  "properties": {
    "intro": { "type": "string", "maxLength": 600 },
    "serves": { "type": "integer", "minimum": 1, "maximum": 24 },
    "prep_minutes": { "type": "integer", "minimum": 0 },
    "cook_minutes": { "type": "integer", "minimum": 0 },
    "difficulty": { "type": "string", "enum": ["easy", "medium", "hard"] },
    "ingredients": { "type": "array", "minItems": 1, "items": { "$ref": "#/$defs/ingredient" } },
    "method": { "type": "string", "contentMediaType": "text/html", "minLength": 20 },
    "dietary": { "type": "array", "items": { "type": "string", "enum": ["vegetarian", "vegan", "gluten-free", "dairy-free"] }, "uniqueItems": true }
  },
  "$defs": {
    "ingredient": {
      "type": "object",
      "required": ["item"],
      "properties": {
        "quantity": { "type": "string", "maxLength": 40 },
        "item": { "type": "string", "minLength": 2, "maxLength": 120 }
      }
    }
  }
})json" },
    { Kind::PressRelease, 1, "Press release", "A company announcement with media contacts.",
      SchemaDialect::Draft7, "writer", R"json({
  "$schema": "http://json-schema.org/draft-07/schema#",
  "$id": "https://schemas.halvorsen.example/press-release.json",
  "title": "Press release",
  "description": "An announcement for the media, with contacts and the company boilerplate.",
  "type": "object",
  "required": ["release_date", "summary", "body", "contacts"],
  "properties": {
    "dateline": { "type": "string", "maxLength": 60 },
    "release_date": { "type": "string", "format": "date" },
    "summary": { "type": "string", "minLength": 20, "maxLength": 400 },
    "body": { "type": "string", "contentMediaType": "text/html", "minLength": 50 },
    "contacts": { "type": "array", "minItems": 1, "items": { "$ref": "#/definitions/contact" } },
    "boilerplate": { "type": "string" },
    "embargo_until": { "type": "string", "format": "date-time" },
    "stock_exchange_notice": { "type": "boolean", "default": false }
  },
  "definitions": {
    "contact": {
      "type": "object",
      "required": ["name", "email"],
      "properties": {
        "name": { "type": "string", "minLength": 3 },
        "role": { "type": "string" },
        "email": { "type": "string", "format": "email" },
        "phone": { "type": "string", "pattern": "^\\+[0-9 ]{8,20}$" }
      }
    }
  }
})json" },
    { Kind::QuarterlyReport, 1, "Quarterly report", "Interim financial results for one quarter.",
      SchemaDialect::Draft2020_12, "editor", R"json({
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "$id": "https://schemas.halvorsen.example/quarterly-report.json",
  "title": "Quarterly report",
  "description": "Key figures, segment results, highlights and outlook for one quarter.",
  "type": "object",
  "required": ["period", "currency", "amounts_in", "revenue", "operating_profit", "highlights"],
  "properties": {
    "period": {
      "type": "object",
      "required": ["year", "quarter"],
      "properties": {
        "year": { "type": "integer", "minimum": 2000, "maximum": 2100 },
        "quarter": { "type": "string", "enum": ["Q1", "Q2", "Q3", "Q4"] }
      },
      "additionalProperties": false
    },
    "currency": { "type": "string", "enum": ["NOK", "EUR", "USD"] },
    "amounts_in": { "type": "string", "enum": ["thousands", "millions"] },
    "revenue": { "$ref": "#/$defs/amount" },
    "operating_profit": { "$ref": "#/$defs/amount" },
    "ebitda": { "$ref": "#/$defs/amount" },
    "net_income": { "$ref": "#/$defs/amount" },
    "eps": { "type": "number", "description": "Earnings per share" },
    "highlights": { "type": "array", "minItems": 1, "maxItems": 8, "items": { "type": "string", "minLength": 10, "maxLength": 200 } },
    "segments": { "type": "array", "items": { "$ref": "#/$defs/segment" } },
    "outlook": { "type": "string", "contentMediaType": "text/html" },
    "report_url": { "type": "string", "format": "uri" },
    "webcast_url": { "type": "string", "format": "uri" },
    "audited": { "type": "boolean", "default": false }
  },
  "$defs": {
    "amount": { "type": "number" },
    "segment": {
      "type": "object",
      "required": ["name", "revenue"],
      "properties": {
        "name": { "type": "string", "minLength": 2 },
        "revenue": { "$ref": "#/$defs/amount" },
        "growth_percent": { "type": "number" }
      }
    }
  }
})json" },
    { Kind::ProductPage, 1, "Product page", "A product with specifications, features and a datasheet.",
      SchemaDialect::Draft2020_12, "writer", R"json({
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "$id": "https://schemas.halvorsen.example/product-page.json",
  "title": "Product page",
  "description": "A product: summary, description, features, specifications and datasheet.",
  "type": "object",
  "required": ["product_name", "sku", "summary", "body", "availability"],
  "properties": {
    "product_name": { "type": "string", "minLength": 3, "maxLength": 100 },
    "sku": { "type": "string", "pattern": "^HG-[0-9]{4}-[A-Z]{2}$" },
    "summary": { "type": "string", "minLength": 20, "maxLength": 280 },
    "body": { "type": "string", "contentMediaType": "text/html", "minLength": 50 },
    "availability": { "type": "string", "enum": ["available", "pre-order", "discontinued"] },
    "launched_on": { "type": "string", "format": "date" },
    "price": { "$ref": "#/$defs/money" },
    "features": { "type": "array", "items": { "type": "string", "minLength": 3 }, "maxItems": 10 },
    "specifications": {
      "type": "array",
      "items": {
        "type": "object",
        "required": ["name", "value"],
        "properties": { "name": { "type": "string" }, "value": { "type": "string" } }
      }
    },
    "datasheet_url": { "type": "string", "format": "uri" }
  },
  "$defs": {
    "money": {
      "type": "object",
      "required": ["amount", "currency"],
      "properties": {
        "amount": { "type": "number", "minimum": 0 },
        "currency": { "type": "string", "enum": ["NOK", "EUR", "USD"] }
      }
    }
  }
})json" },
    { Kind::JobPosting, 1, "Job posting", "An open position: what the job is, who we look for, how to apply.",
      SchemaDialect::Draft7, "writer", R"json({
  "$schema": "http://json-schema.org/draft-07/schema#",
  "$id": "https://schemas.halvorsen.example/job-posting.json",
  "title": "Job posting",
  "description": "An open position with location, terms, requirements and how to apply.",
  "type": "object",
  "required": ["department", "location", "employment_type", "description", "apply_by"],
  "properties": {
    "department": { "type": "string", "minLength": 2 },
    "location": { "type": "string", "minLength": 2 },
    "remote": { "type": "string", "enum": ["on-site", "hybrid", "remote"] },
    "employment_type": { "type": "string", "enum": ["full-time", "part-time", "temporary", "internship", "graduate"] },
    "apply_by": { "type": "string", "format": "date" },
    "salary": {
      "type": "object",
      "properties": {
        "min": { "type": "integer", "minimum": 0 },
        "max": { "type": "integer", "minimum": 0 },
        "currency": { "type": "string", "enum": ["NOK", "EUR", "USD"] },
        "period": { "type": "string", "enum": ["year", "month", "hour"] }
      }
    },
    "description": { "type": "string", "contentMediaType": "text/html", "minLength": 50 },
    "requirements": { "type": "array", "items": { "type": "string" }, "minItems": 1 },
    "contact_email": { "type": "string", "format": "email" },
    "apply_url": { "type": "string", "format": "uri" }
  }
})json" },
    { Kind::InvestorPresentation, 1, "Investor presentation",
      "Slides and webcast of a results or capital markets presentation.", SchemaDialect::Draft2020_12,
      "editor", R"json({
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "$id": "https://schemas.halvorsen.example/investor-presentation.json",
  "title": "Investor presentation",
  "description": "A presentation to investors and analysts, with slides and webcast.",
  "type": "object",
  "required": ["event_name", "presented_on", "slides_url"],
  "properties": {
    "event_name": { "type": "string", "minLength": 3 },
    "presented_on": { "type": "string", "format": "date" },
    "presenters": { "type": "array", "items": { "$ref": "#/$defs/presenter" } },
    "slides_url": { "type": "string", "format": "uri" },
    "webcast_url": { "type": "string", "format": "uri" },
    "summary": { "type": "string", "contentMediaType": "text/html" },
    "language": { "type": "string", "enum": ["en", "no"] },
    "duration_minutes": { "type": "integer", "minimum": 5, "maximum": 480 }
  },
  "$defs": {
    "presenter": {
      "type": "object",
      "required": ["name", "position"],
      "properties": { "name": { "type": "string" }, "position": { "type": "string" } }
    }
  }
})json" },
    { Kind::Faq, 1, "FAQ", "Questions and answers for one audience.", SchemaDialect::Draft7, "writer",
      R"json({
  "$schema": "http://json-schema.org/draft-07/schema#",
  "$id": "https://schemas.halvorsen.example/faq.json",
  "title": "FAQ",
  "description": "Frequently asked questions for one audience.",
  "type": "object",
  "required": ["audience", "questions"],
  "properties": {
    "audience": { "type": "string", "enum": ["customers", "investors", "candidates", "press", "everyone"] },
    "intro": { "type": "string", "maxLength": 500 },
    "questions": {
      "type": "array",
      "minItems": 1,
      "items": {
        "type": "object",
        "required": ["question", "answer"],
        "properties": {
          "question": { "type": "string", "minLength": 5, "maxLength": 200 },
          "answer": { "type": "string", "contentMediaType": "text/html", "minLength": 5 }
        }
      }
    },
    "last_reviewed": { "type": "string", "format": "date" }
  }
})json" },
    { Kind::ExecutiveProfile, 1, "Executive profile", "A member of the management team or the board.",
      SchemaDialect::Draft7, "writer", R"json({
  "$schema": "http://json-schema.org/draft-07/schema#",
  "$id": "https://schemas.halvorsen.example/executive-profile.json",
  "title": "Executive profile",
  "description": "A member of group management or the board of directors.",
  "type": "object",
  "required": ["person", "position", "biography"],
  "properties": {
    "person": {
      "type": "object",
      "required": ["name"],
      "properties": {
        "name": { "type": "string", "minLength": 3 },
        "born": { "type": "integer", "minimum": 1930, "maximum": 2005 },
        "nationality": { "type": "string" }
      }
    },
    "position": { "type": "string", "minLength": 2 },
    "joined_on": { "type": "string", "format": "date" },
    "board_member": { "type": "boolean" },
    "biography": { "type": "string", "contentMediaType": "text/html", "minLength": 50 },
    "photo_url": { "type": "string", "format": "uri" },
    "committees": { "type": "array", "items": { "type": "string", "enum": ["audit", "remuneration", "nomination", "sustainability"] }, "uniqueItems": true }
  }
})json" },
};

constexpr int kSchemaCount = int(std::size(kSchemaDefs));

// ---------------------------------------------------------------------------------------------
// Tenancy.

struct SectorDef
{
    QStringView name;
    BeatId beat;
    std::array<Kind, 3> kinds; // the first is the most common
    int kindCount;
};

struct SiteDef
{
    int account;
    QStringView name;
    QStringView domain;
    QStringView bundle; // short name for deployment bundles
    int weight; // share of the documents
    std::array<QStringView, 3> destinations;
    int destinationCount;
    std::array<SectorDef, 5> sectors;
    int sectorCount;
};

const SiteDef kSiteDefs[] = {
    { 0,
      u"Northwind Daily",
      u"daily.northwind.example",
      u"daily",
      40,
      { u"Website", u"Apple News", u"RSS feed" },
      3,
      { { { u"Politics", Politics, { Kind::Article, Kind::Opinion, Kind::Article }, 2 },
          { u"Business", Business, { Kind::Article, Kind::Opinion, Kind::Article }, 2 },
          { u"Culture", Culture, { Kind::Article, Kind::Event, Kind::Obituary }, 3 },
          { u"Sport", Sport, { Kind::Article, Kind::Gallery, Kind::Article }, 2 },
          { u"Science", Science, { Kind::Article, Kind::Obituary, Kind::Event }, 3 } } },
      5 },
    { 0,
      u"Northwind Weekend",
      u"weekend.northwind.example",
      u"weekend",
      16,
      { u"Website", u"Apple News", u"Newsletter" },
      3,
      { { { u"Long Reads", Lifestyle, { Kind::Article, Kind::Gallery, Kind::Article }, 2 },
          { u"Food & Drink", Lifestyle, { Kind::Recipe, Kind::Article, Kind::Recipe }, 2 },
          { u"Travel", Lifestyle, { Kind::Article, Kind::Gallery, Kind::Article }, 2 },
          { u"Opinion", Politics, { Kind::Opinion, Kind::Opinion, Kind::Opinion }, 1 } } },
      4 },
    { 0,
      u"Northwind Podcasts",
      u"podcasts.northwind.example",
      u"podcasts",
      8,
      { u"Website", u"Apple Podcasts", u"Spotify" },
      3,
      { { { u"The Briefing", Politics, { Kind::Podcast, Kind::Podcast, Kind::Podcast }, 1 },
          { u"Culture Talk", Culture, { Kind::Podcast, Kind::Podcast, Kind::Podcast }, 1 },
          { u"The Science Hour", Science, { Kind::Podcast, Kind::Podcast, Kind::Podcast }, 1 } } },
      3 },
    { 1,
      u"Corporate",
      u"www.halvorsen.example",
      u"corporate",
      14,
      { u"Website", u"LinkedIn", u"" },
      2,
      { { { u"News", Corporate, { Kind::PressRelease, Kind::PressRelease, Kind::PressRelease }, 1 },
          { u"Products", Corporate, { Kind::ProductPage, Kind::Faq, Kind::ProductPage }, 2 },
          { u"Sustainability", Corporate, { Kind::PressRelease, Kind::Faq, Kind::PressRelease }, 2 },
          { u"About Us", Corporate, { Kind::ExecutiveProfile, Kind::Faq, Kind::ExecutiveProfile }, 2 } } },
      4 },
    { 1,
      u"Investor Relations",
      u"investors.halvorsen.example",
      u"ir",
      12,
      { u"Website", u"Investor wire", u"" },
      2,
      { { { u"Financial Reports",
            Finance,
            { Kind::QuarterlyReport, Kind::QuarterlyReport, Kind::QuarterlyReport },
            1 },
          { u"Presentations",
            Finance,
            { Kind::InvestorPresentation, Kind::InvestorPresentation, Kind::InvestorPresentation },
            1 },
          { u"Governance", Corporate, { Kind::PressRelease, Kind::ExecutiveProfile, Kind::Faq }, 3 } } },
      3 },
    { 1,
      u"Careers",
      u"careers.halvorsen.example",
      u"careers",
      10,
      { u"Website", u"LinkedIn Jobs", u"" },
      2,
      { { { u"Engineering", Careers, { Kind::JobPosting, Kind::JobPosting, Kind::JobPosting }, 1 },
          { u"Operations", Careers, { Kind::JobPosting, Kind::JobPosting, Kind::JobPosting }, 1 },
          { u"Graduates", Careers, { Kind::JobPosting, Kind::Faq, Kind::JobPosting }, 2 } } },
      3 },
};

constexpr int kSiteCount = int(std::size(kSiteDefs));

struct AccountDef
{
    QStringView name;
    QStringView slug;
    QStringView mailDomain;
};

constexpr AccountDef kAccountDefs[] = {
    { u"Northwind Media", u"northwind-media", u"northwind.example" },
    { u"Halvorsen Group", u"halvorsen-group", u"halvorsen.example" },
};

struct UserDef
{
    int account;
    Role role;
    QStringView name;
    QStringView mailbox;
    std::array<int, 2> limitedTo; // site indexes when not all sites; -1 unused
};

constexpr UserDef kUserDefs[] = {
    { 0, Role::Viewer, u"Priya Raman", u"viewer", { -1, -1 } },
    { 0, Role::Writer, u"Tom Becker", u"writer", { -1, -1 } },
    { 0, Role::Editor, u"Sofia Lindqvist", u"editor", { -1, -1 } },
    { 0, Role::ManagingEditor, u"Daniel Mercer", u"managing.editor", { -1, -1 } },
    { 0, Role::SchemaDesigner, u"Hana Kobayashi", u"schemas", { -1, -1 } },
    { 0, Role::Admin, u"Marcus Reid", u"admin", { -1, -1 } },
    { 0, Role::Writer, u"Amara Okafor", u"amara.okafor", { -1, -1 } },
    { 0, Role::Writer, u"Lucas Moreau", u"lucas.moreau", { 1, 2 } },
    { 1, Role::Viewer, u"Erik Nilsen", u"viewer", { -1, -1 } },
    { 1, Role::Writer, u"Ingrid Solberg", u"writer", { -1, -1 } },
    { 1, Role::Editor, u"Jonas Berg", u"editor", { -1, -1 } },
    { 1, Role::ManagingEditor, u"Camilla Dahl", u"managing.editor", { -1, -1 } },
    { 1, Role::SchemaDesigner, u"Oskar Lund", u"schemas", { -1, -1 } },
    { 1, Role::Admin, u"Maja Haugen", u"admin", { -1, -1 } },
    { 1, Role::Writer, u"Henrik Strand", u"henrik.strand", { -1, -1 } },
    { 1, Role::Writer, u"Nora Eriksen", u"nora.eriksen", { 5, -1 } },
};

// ---------------------------------------------------------------------------------------------
// What one document's history looks like.

enum class Tail {
    None, // the last published edition stays live
    Draft, // an open edition on top (or the only edition)
    Submitted,
    Rejected,
    Scheduled,
    DeletedDraft,
    Withdrawn,
    Unpublished,
};

struct Scenario
{
    int rounds = 1; // editions that got published, in order
    Tail tail = Tail::None;
    UnpublishingReason reason = UnpublishingReason::Archived;
    bool forceFirst = false; // the first publication was a force publish
    bool recent = false; // last event a few minutes ago: jobs still running
    bool failOne = false; // one destination of the first publication failed
    bool dangerLink = false; // the last edition has a link check with every status
    int site = -1; // fixed site, or -1 for a weighted pick
};

// Hand-picked histories at the start of every generation, so each state and status
// occurs whatever the seed; the rest are drawn from the distributions below.
Scenario showcase(int i)
{
    Scenario s;
    switch (i) {
    case 0:
        s.rounds = 3;
        s.failOne = true;
        s.site = 0;
        break;
    case 1:
        s.rounds = 0;
        s.tail = Tail::Draft;
        break;
    case 2:
        s.rounds = 0;
        s.tail = Tail::Submitted;
        break;
    case 3:
        s.rounds = 0;
        s.tail = Tail::Rejected;
        break;
    case 4:
        s.rounds = 0;
        s.tail = Tail::Scheduled;
        break;
    case 5:
        s.rounds = 1;
        s.tail = Tail::Scheduled;
        break;
    case 6:
        s.rounds = 2;
        s.tail = Tail::Withdrawn;
        break;
    case 7:
        s.rounds = 1;
        s.tail = Tail::Unpublished;
        s.reason = UnpublishingReason::PublishedInError;
        break;
    case 8:
        s.rounds = 2;
        s.tail = Tail::Unpublished;
        s.reason = UnpublishingReason::Consolidated;
        break;
    case 9:
        s.rounds = 1;
        s.tail = Tail::Unpublished;
        s.reason = UnpublishingReason::Archived;
        break;
    case 10:
        s.rounds = 0;
        s.tail = Tail::DeletedDraft;
        break;
    case 11:
        s.rounds = 1;
        s.forceFirst = true;
        break;
    case 12:
        s.rounds = 2;
        s.recent = true;
        s.site = 0;
        break;
    case 13:
        s.rounds = 2;
        s.tail = Tail::Draft;
        s.dangerLink = true;
        s.site = 0;
        break;
    case 14:
        s.rounds = 1;
        s.tail = Tail::Submitted;
        s.site = 3;
        break;
    case 15:
        s.rounds = 1;
        s.tail = Tail::Rejected;
        s.site = 4;
        break;
    case 16:
        s.rounds = 2;
        s.tail = Tail::DeletedDraft;
        break;
    default:
        break;
    }
    return s;
}
constexpr int kShowcaseCount = 17;

QString dateString(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::UTC).date().toString(Qt::ISODate);
}

QString dateTimeString(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::UTC).toString(Qt::ISODate);
}

QDateTime toDateTime(qint64 ms)
{
    return ms < 0 ? QDateTime() : QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::UTC);
}

QString slugify(const QString &text)
{
    QString out;
    out.reserve(text.size());
    bool dash = false;
    for (QChar c : text) {
        if (c.isLetterOrNumber() && c.unicode() < 128) {
            out += c.toLower();
            dash = false;
        } else if (c == u'\'') {
            continue;
        } else if (!dash && !out.isEmpty()) {
            out += u'-';
            dash = true;
        }
    }
    while (out.endsWith(u'-'))
        out.chop(1);
    if (out.size() > 80) {
        out.truncate(80);
        const qsizetype cut = out.lastIndexOf(u'-');
        if (cut > 40)
            out.truncate(cut);
    }
    return out.isEmpty() ? QStringLiteral("untitled") : out;
}

QString capitalised(QString s)
{
    if (!s.isEmpty())
        s[0] = s[0].toUpper();
    return s;
}

QString withThousands(int n)
{
    if (n < 1000)
        return QString::number(n);
    return QString::number(n / 1000) + u',' + QStringLiteral("%1").arg(n % 1000, 3, 10, QChar(u'0'));
}

QString htmlEscaped(const QString &s)
{
    return s.toHtmlEscaped();
}

} // namespace

// ---------------------------------------------------------------------------------------------
// The generator.

namespace {

// What one document is about, so that its headline and paragraphs agree with each other.
struct Topic
{
    BeatId beat = Politics;
    QString topic;
    QString city;
    QString city2;
    QString people[2];
    QString company;
    QString org;
    QString venue;
    QString teams[2];
};

struct Content
{
    QString title;
    QJsonObject fields;
    QList<int> links; // indexes into kLinks cited by the rich text
};

struct UserRef
{
    Id id = 0;
    int account = 0;
    Role role = Role::Viewer;
    QString name;
    bool allSites = true;
    QList<int> sites; // site indexes when !allSites
};

struct SiteRef
{
    Id id = 0;
    const SiteDef *def = nullptr;
    QList<Id> sectorIds;
    qint64 createdMs = 0;
};

struct SchemaRef
{
    Id id = 0;
    Kind kind = Kind::Article;
    int account = 0;
    QStringList required;
};

// One edition of a planned document. Times are relative to the document's start until written.
struct PEdition
{
    Content content;
    EditionState state = EditionState::Draft;
    QString changeNote;
    bool minor = false;
    bool force = false;
    bool danger = false; // carries a dangerous link (open editions only)
    VersionNumber version;
    qint64 scheduledAbs = -1; // absolute; scheduled editions only
    qint64 firstPublished = -1;
    qint64 majorPublished = -1;
    int lockVersion = 1;
    Id createdBy = 0;
    qint64 created = 0;
    qint64 updated = 0;
    bool linkCheck = false;
    qint64 linkCheckAt = 0;
};

struct PAudit
{
    int edition;
    std::optional<EditionState> from;
    EditionState to;
    Id user;
    qint64 at;
};

struct PRemark
{
    int edition;
    Id author;
    QString body;
    qint64 at;
};

struct PUnpublishing
{
    int edition;
    UnpublishingReason reason;
    QString explanation;
    QString alternativeUrl;
    bool redirect;
    qint64 at;
};

struct PPublish
{
    int edition;
    qint64 at;
    bool failOne;
};

struct DocPlan
{
    int site = 0;
    int sectorIndex = 0;
    Kind kind = Kind::Article;
    const SchemaRef *schema = nullptr;
    Id author = 0;
    std::vector<PEdition> editions;
    std::vector<PAudit> audits;
    std::vector<PRemark> remarks;
    std::vector<PUnpublishing> unpublishings;
    std::vector<PPublish> publishes;
    qint64 span = 0;
    bool endsOpen = false; // ends with work in progress: placed close to "now"
    bool recent = false; // ends a few minutes ago: publishing jobs still running
};

class Generator
{
public:
    Generator(QSqlDatabase &db, const DemoWorkspace::Options &options);
    Status run();

private:
    // Tenancy and schemas.
    void buildTenancy();
    Status writeTenancy();
    Status writeDeployments();

    // Documents.
    Scenario randomScenario();
    void plan(const Scenario &sc, DocPlan &p);
    void place(DocPlan &p);
    Status writeDocument(DocPlan &p);

    // Text.
    Topic topicFor(BeatId beat);
    QString fill(QStringView tpl, const Topic &t);
    QString sentence(const Topic &t, Words sentences, quint32 &used);
    QString paragraphs(const Topic &t, int count, QList<int> *links);
    QString personName();
    Content makeContent(Kind kind, const Topic &t, const UserRef &author, qint64 when, int site, int sector);
    void revise(Kind kind, Content &c, const Topic &t, bool minor);
    void addDanger(Kind kind, Content &c);

    // People.
    const UserRef &pickAuthor(int site);
    const UserRef &pickReviewer(int account, Id notThis);
    const UserRef &pickManager(int account);
    const UserRef &user(Id id) const { return m_users.at(qsizetype(id - 1)); }

    qint64 minutes(int lo, int hi) { return m_rng.between64(lo * kMinute, hi * kMinute); }
    qint64 hours(int lo, int hi) { return m_rng.between64(lo * kHour, hi * kHour); }
    qint64 days(int lo, int hi) { return m_rng.between64(lo * kDay, hi * kDay); }

    Status commitIfFull(bool force);
    Status load();
    Status setFtsOption(QStringView option, int value);

    QSqlDatabase &m_db;
    const DemoWorkspace::Options &m_options;
    Rng m_rng;
    qint64 m_now = 0;
    int m_year = 2026;
    ReplicaWriter m_writer;
    std::optional<Transaction> m_tx;
    int m_rowsInBatch = 0;

    QList<UserRef> m_users;
    QList<SiteRef> m_sites;
    QList<Id> m_sectorSite; // sector id - 1 → site index
    QList<SchemaRef> m_schemas;
    QHash<int, int> m_schemaByKind; // Kind → index into m_schemas
    QList<QSet<QString>> m_slugs; // per site: slugs in use
    QList<QHash<QString, int>> m_slugCounters; // per site: base slug → last suffix tried
    QHash<int, int> m_episodes; // podcast show → last episode number

    Id m_nextDocument = 1;
    Id m_nextEdition = 1;
    Id m_nextAudit = 1;
    Id m_nextRemark = 1;
    Id m_nextUnpublishing = 1;
    Id m_nextLinkCheck = 1;
    Id m_nextPublishing = 1;
    double m_timeline = 0; // how far through the generation we are, 0..1
    qint64 m_editionsWritten = 0;
    qint64 m_documentsWritten = 0;
};

Generator::Generator(QSqlDatabase &db, const DemoWorkspace::Options &options)
    : m_db(db)
    , m_options(options)
    , m_rng(options.seed)
    , m_writer(db)
{
    const QDateTime now = options.now.isValid() ? options.now.toUTC()
                                                : QDateTime(QDate(2026, 11, 20), QTime(9, 0), QTimeZone::UTC);
    m_now = now.toMSecsSinceEpoch();
    m_year = now.date().year();
}

// --- text -------------------------------------------------------------------------------------

QString Generator::personName()
{
    return m_rng.pick(Words(kFirstNames)).toString() + u' ' + m_rng.pick(Words(kLastNames)).toString();
}

Topic Generator::topicFor(BeatId beat)
{
    Topic t;
    t.beat = beat;
    t.topic = m_rng.pick(kBeats[beat].topics).toString();
    t.city = m_rng.pick(Words(kCities)).toString();
    do {
        t.city2 = m_rng.pick(Words(kCities)).toString();
    } while (t.city2 == t.city);
    t.people[0] = personName();
    t.people[1] = personName();
    t.company = m_rng.pick(Words(kCompanies)).toString();
    t.org = m_rng.pick(Words(kOrgs)).toString();
    t.venue = m_rng.pick(Words(kVenues)).toString();
    const int team = m_rng.below(int(std::size(kTeams)));
    t.teams[0] = kTeams[team].toString();
    t.teams[1]
        = kTeams[(team + 1 + m_rng.below(int(std::size(kTeams)) - 1)) % int(std::size(kTeams))].toString();
    return t;
}

QString Generator::fill(QStringView tpl, const Topic &t)
{
    QString out;
    out.reserve(tpl.size() + 32);
    int cities = 0;
    int teams = 0;
    int people = 0;
    for (qsizetype i = 0; i < tpl.size(); ++i) {
        const QChar c = tpl[i];
        const qsizetype end = c == u'{' ? tpl.indexOf(u'}', i) : -1;
        if (end < 0) {
            out += c;
            continue;
        }
        const QStringView key = tpl.mid(i + 1, end - i - 1);
        i = end;
        const bool cap = !key.isEmpty() && key[0].isUpper();
        auto is = [&key](QStringView name) {
            return key.compare(name, Qt::CaseInsensitive) == 0;
        };
        QString v;
        if (is(u"city")) {
            v = cities++ == 0 ? t.city : t.city2;
        } else if (is(u"person")) {
            v = t.people[(people++ + m_rng.below(2)) % 2];
        } else if (is(u"org")) {
            v = t.org;
        } else if (is(u"company")) {
            v = t.company;
        } else if (is(u"team")) {
            v = t.teams[teams++ % 2];
        } else if (is(u"venue")) {
            v = t.venue;
        } else if (is(u"topic")) {
            v = t.topic;
        } else if (is(u"weekday")) {
            v = m_rng.pick(Words(kWeekdays)).toString();
        } else if (is(u"month")) {
            v = m_rng.pick(Words(kMonths)).toString();
        } else if (is(u"ordinal")) {
            v = m_rng.pick(Words(kOrdinals)).toString();
        } else if (is(u"season")) {
            v = m_rng.pick(Words(kSeasons)).toString();
        } else if (is(u"n")) {
            v = QString::number(m_rng.between(2, 12));
        } else if (is(u"num")) {
            v = QString::number(m_rng.between(12, 95));
        } else if (is(u"d")) {
            v = QString::number(m_rng.between(0, 9));
        } else if (is(u"big")) {
            v = withThousands(m_rng.between(10, 480) * 100);
        } else if (is(u"pct")) {
            v = QString::number(m_rng.between(5, 180) / 10.0, 'f', 1) + u'%';
        } else if (is(u"money")) {
            v = m_rng.chance(0.8)
                ? QStringLiteral("£%1 million").arg(m_rng.between(3, 950))
                : QStringLiteral("£%1.%2 billion").arg(m_rng.between(1, 9)).arg(m_rng.between(1, 9));
        } else if (is(u"year")) {
            v = QString::number(m_year + m_rng.between(1, 3));
        } else if (is(u"prevyear")) {
            v = QString::number(m_year - m_rng.between(1, 3));
        } else if (is(u"score")) {
            const int a = m_rng.between(1, 4);
            v = QString::number(a) + u'-' + QString::number(m_rng.between(0, a - 1));
        } else {
            // Not ours: left for the caller to replace.
            out += u'{' + key + u'}';
            continue;
        }
        out += cap ? capitalised(v) : v;
    }
    return out;
}

QString Generator::sentence(const Topic &t, Words sentences, quint32 &used)
{
    const int n = int(sentences.size());
    if (used == (n >= 32 ? ~0u : (1u << n) - 1u))
        used = 0;
    int i = m_rng.below(n);
    while (used & (1u << i))
        i = (i + 1) % n;
    used |= 1u << i;
    return fill(sentences[std::size_t(i)], t);
}

QString Generator::paragraphs(const Topic &t, int count, QList<int> *links)
{
    QString html;
    quint32 used = 0;
    const Words sentences = kBeats[t.beat].sentences;
    for (int p = 0; p < count; ++p) {
        html += u"<p>";
        const int n = m_rng.between(2, 3);
        for (int s = 0; s < n; ++s) {
            if (s)
                html += u' ';
            html += htmlEscaped(sentence(t, sentences, used));
        }
        html += u"</p>";
        if (p == 0 && count > 2 && m_rng.chance(0.2))
            html += u"<h2>" + htmlEscaped(capitalised(t.topic)) + u" in " + htmlEscaped(t.city) + u"</h2>";
    }
    // Rich text cites a source now and then; those are what link checks look at.
    if (links && m_rng.chance(0.4)) {
        const int n = m_rng.between(1, 2);
        html += u"<p>More background: ";
        for (int k = 0; k < n; ++k) {
            int idx = m_rng.below(int(std::size(kLinks)) - 1); // never the dangerous one here
            if (links->contains(idx))
                continue;
            if (!links->isEmpty() && k)
                html += u" and ";
            links->append(idx);
            html += u"<a href=\"" + kLinks[idx].url.toString() + u"\">" + kLinks[idx].text.toString()
                + u"</a>";
        }
        html += u".</p>";
    }
    return html;
}

const UserRef &Generator::pickAuthor(int site)
{
    const int account = m_sites.at(site).def->account;
    // Writers do most of the writing; editors and schema designers now and then.
    const bool other = m_rng.chance(0.12);
    for (int attempt = 0; attempt < 32; ++attempt) {
        const UserRef &u = m_users.at(m_rng.below(int(m_users.size())));
        if (u.account != account)
            continue;
        if (!u.allSites && !u.sites.contains(site))
            continue;
        if (other ? (u.role == Role::Editor || u.role == Role::SchemaDesigner) : u.role == Role::Writer)
            return u;
    }
    for (const UserRef &u : m_users) {
        if (u.account == account && u.role == Role::Writer && u.allSites)
            return u;
    }
    return m_users.first();
}

const UserRef &Generator::pickReviewer(int account, Id notThis)
{
    // Editors review most; the managing editor and, rarely, the admin step in.
    const int roll = m_rng.below(100);
    const Role wanted = roll < 65 ? Role::Editor : roll < 95 ? Role::ManagingEditor : Role::Admin;
    for (const Role r : { wanted, Role::Editor, Role::ManagingEditor, Role::Admin }) {
        for (const UserRef &u : m_users) {
            if (u.account == account && u.role == r && u.id != notThis)
                return u;
        }
    }
    return m_users.first();
}

const UserRef &Generator::pickManager(int account)
{
    const Role wanted = m_rng.chance(0.8) ? Role::ManagingEditor : Role::Admin;
    for (const UserRef &u : m_users) {
        if (u.account == account && u.role == wanted)
            return u;
    }
    return m_users.first();
}

// --- content ----------------------------------------------------------------------------------

namespace {

constexpr QStringView kEventNames[] = {
    u"Harbour Lights Festival", u"Northport Jazz Weekend", u"Kingsbridge Book Fair", u"Midsummer Folk Night",
    u"Science After Dark",      u"Open Studios",           u"Winter Lantern Parade", u"Coastal Film Festival",
};
constexpr QStringView kEventTitles[] = {
    u"{event} returns to {city}", u"{event}: {n} days of music, talks and food",        u"{event} at {venue}",
    u"Preview: {event} {year}",   u"{event}: what to see, and where to eat afterwards",
};

struct Obit
{
    QStringView occupation;
    QStringView achievement;
};
constexpr Obit kObits[] = {
    { u"architect", u"reshaped the harbour front" },
    { u"lifeboat coxswain", u"saved dozens of lives at sea" },
    { u"jazz pianist", u"brought bebop to the north coast" },
    { u"headteacher", u"championed girls' education" },
    { u"marine biologist", u"mapped the fjord's kelp forests" },
    { u"trade unionist", u"led the shipyard strike of 1979" },
    { u"bookseller", u"kept the island's only bookshop open for 50 years" },
    { u"football manager", u"took Northport United to the cup final" },
    { u"photographer", u"documented a vanishing fishing fleet" },
};
constexpr QStringView kObitSentences[] = {
    u"{name} was born in {city} in {born}, the {ordinal} of {n} children.",
    u"After leaving school at sixteen, {first} worked on the ferries before finding a vocation as a "
    u"{occupation}.",
    u"Colleagues remember {first} as generous, stubborn and very funny.",
    u"In later life {first} received the freedom of {city}, an honour accepted with visible embarrassment.",
    u"{First} never retired in any meaningful sense and was still working until last spring.",
    u"Friends gathered at the harbour on {weekday} evening to remember {first}.",
    u"The work took {first} from {city} to half a dozen countries, but home was always the coast.",
    u"\"{First} made everyone around the table feel taller,\" said {person}, a friend of forty years.",
};

constexpr QStringView kRecipeAdjectives[] = {
    u"Slow-roasted", u"Charred", u"Crispy", u"Spiced", u"Smoky", u"Herby", u"Lemony", u"Braised",
};
struct Main
{
    QStringView name;
    bool vegetarian;
};
constexpr Main kRecipeMains[] = {
    { u"cod", false },      { u"cauliflower", true },     { u"lamb shoulder", false }, { u"chickpeas", true },
    { u"mackerel", false }, { u"chicken thighs", false }, { u"leeks", true },          { u"aubergine", true },
    { u"mussels", false },  { u"squash", true },
};
constexpr QStringView kRecipeSides[] = {
    u"brown butter", u"salsa verde",       u"pickled shallots", u"crushed potatoes",
    u"wild garlic",  u"toasted hazelnuts", u"green lentils",    u"fennel slaw",
};
constexpr std::pair<QStringView, QStringView> kPantry[] = {
    { u"2 tbsp", u"olive oil" },
    { u"1", u"lemon, zested and juiced" },
    { u"2 cloves", u"garlic, sliced" },
    { u"1 tsp", u"smoked paprika" },
    { u"a handful", u"flat-leaf parsley" },
    { u"400g", u"tinned tomatoes" },
    { u"1", u"red onion, finely chopped" },
    { u"50g", u"butter" },
    { u"1 tsp", u"cumin seeds" },
    { u"150ml", u"white wine" },
};
constexpr QStringView kMethodSteps[] = {
    u"Heat the oven to 200°C (180°C fan).",
    u"Season the {main} generously and leave it to come to room temperature.",
    u"Fry the onion gently in the oil for 10 minutes until soft and sweet.",
    u"Add the garlic and spices and cook for another minute.",
    u"Roast for {n}0 minutes, turning once halfway through.",
    u"Meanwhile, make the {side}.",
    u"Rest for five minutes, then serve with the {side} spooned over.",
};

struct Executive
{
    QStringView name;
    QStringView position;
};
constexpr Executive kExecutives[] = {
    { u"Anders Vik", u"Chief Executive Officer" },
    { u"Sigrid Holm", u"Chief Financial Officer" },
    { u"Thomas Eide", u"Chief Technology Officer" },
    { u"Lena Bakke", u"Executive Vice President, Operations" },
    { u"Rune Nygaard", u"Chair of the Board" },
    { u"Eva Strom", u"Head of Sustainability" },
    { u"Mats Aune", u"General Counsel" },
    { u"Hilde Ruud", u"Executive Vice President, People" },
};
constexpr QStringView kBioSentences[] = {
    u"{first} joined Halvorsen from {company}, where {first} led the {topic} division.",
    u"Before that, {first} spent {n} years in engineering and management roles in {city} and abroad.",
    u"{first} holds a master's degree in engineering from the Kingsbridge Institute of Technology.",
    u"{first} is a board member of {company} and chairs the audit committee of the Harbour Trust.",
    u"Under {first}'s leadership, the group has doubled the size of its service business.",
};

struct Columnist
{
    QStringView name;
    QStringView bio;
    QStringView handle;
};
constexpr Columnist kColumnists[] = {
    { u"Margaret Ellison", u"Margaret Ellison writes about politics and the public purse every Thursday.",
      u"@mellison" },
    { u"Kwame Adeyemi", u"Kwame Adeyemi is a former council leader in Northport and a weekly columnist.",
      u"@kwame_writes" },
    { u"Ruth Delacroix", u"Ruth Delacroix is Northwind's economics commentator.", u"@ruthdelacroix" },
    { u"Owen MacLeod", u"Owen MacLeod writes about cities, transport and the people who use them.", u"" },
};

struct Product
{
    QStringView line;
    QStringView noun;
    QStringView use;
};
constexpr Product kProducts[] = {
    { u"HeatCore", u"industrial heat pump", u"process heat in food and chemical plants" },
    { u"AquaPure", u"water purification unit", u"municipal and industrial water treatment" },
    { u"GridStore", u"battery storage module", u"peak shaving and backup power" },
    { u"SenseLine", u"condition monitoring kit", u"predictive maintenance of rotating equipment" },
    { u"Tidewater", u"marine thruster", u"offshore supply and service vessels" },
    { u"ThermaGrid", u"district heating substation", u"residential and commercial districts" },
};
constexpr QStringView kFeatures[] = {
    u"Remote monitoring over 4G or Ethernet", u"Runs on natural refrigerants",
    u"Modular design for quick servicing",    u"Five-year warranty as standard",
    u"Outdoor installation down to -25 °C",   u"Integrates with common building management systems",
    u"Low noise: 48 dB(A) at 10 metres",
};

constexpr QStringView kJobsEngineering[] = {
    u"Senior backend engineer",    u"Embedded software engineer",        u"Data platform engineer",
    u"Mechanical design engineer", u"Electrical commissioning engineer", u"Test automation engineer",
};
constexpr QStringView kJobsOperations[] = {
    u"Field service technician",  u"Supply chain planner",   u"Site operations manager",
    u"Project manager, offshore", u"Quality assurance lead", u"Health and safety coordinator",
};
constexpr QStringView kJobsGraduates[] = {
    u"Graduate engineer, energy systems",
    u"Summer intern, software",
    u"Graduate trainee, finance",
    u"Summer intern, mechanical design",
};
constexpr QStringView kRequirements[] = {
    u"A degree in engineering, computer science or a related field",
    u"Three or more years of relevant experience",
    u"A valid driving licence",
    u"Experience with safety-critical work",
    u"Good written and spoken English",
    u"Willingness to travel up to 30% of the time",
    u"Familiarity with C++, Python or a similar language",
};

struct Faq
{
    QStringView audience;
    QStringView subject;
    QStringView question;
    QStringView answer;
};
constexpr Faq kFaqs[] = {
    { u"customers", u"heat pump installation", u"How long does an installation take?",
      u"Most installations take two to four days, depending on the site and the connections needed." },
    { u"customers", u"heat pump installation", u"Do I need planning permission?",
      u"Usually not for industrial sites, but check with your local authority before ordering." },
    { u"customers", u"warranty and service", u"What does the warranty cover?",
      u"Parts and labour for five years, provided the unit is serviced once a year by a certified "
      u"technician." },
    { u"customers", u"warranty and service", u"How do I book a service visit?",
      u"Call our service desk or book online; we aim to visit within five working days." },
    { u"investors", u"dividends", u"When is the dividend paid?",
      u"The dividend is paid in May, shortly after the annual general meeting approves it." },
    { u"investors", u"dividends", u"What is the dividend policy?",
      u"The board aims to pay out 40 to 60 percent of net income over time." },
    { u"investors", u"the annual general meeting", u"How can I vote at the annual general meeting?",
      u"Shareholders can vote in person, by proxy or electronically before the deadline in the notice." },
    { u"candidates", u"the graduate programme", u"Who can apply to the graduate programme?",
      u"Anyone who has finished, or will finish this year, a master's degree in a relevant field." },
    { u"candidates", u"the graduate programme", u"Where will I work?",
      u"Graduates rotate between three sites over two years, one of them abroad." },
    { u"candidates", u"applying for a job", u"Do I need a cover letter?",
      u"A short one helps us understand why you are interested; a CV alone is also fine." },
    { u"everyone", u"our climate targets", u"What are Halvorsen's climate targets?",
      u"Net zero in our own operations by 2035 and a 50 percent cut in value chain emissions by 2030." },
    { u"everyone", u"our climate targets", u"How is progress reported?",
      u"Every year in the sustainability report, checked by an independent auditor." },
    { u"press", u"media enquiries", u"Who do journalists contact?",
      u"Our press office answers on weekdays from 08:00 to 18:00 at press@halvorsen.example." },
};

QJsonArray stringArray(const QStringList &items)
{
    QJsonArray a;
    for (const QString &s : items)
        a.append(s);
    return a;
}

double round1(double v)
{
    return std::round(v * 10.0) / 10.0;
}

// The field of a kind that holds its main rich text (or, for a few kinds, plain text).
QString mainTextField(Kind kind)
{
    switch (kind) {
    case Kind::Article:
    case Kind::Opinion:
    case Kind::Obituary:
    case Kind::PressRelease:
    case Kind::ProductPage:
        return QStringLiteral("body");
    case Kind::Podcast:
        return QStringLiteral("show_notes");
    case Kind::Event:
    case Kind::JobPosting:
        return QStringLiteral("description");
    case Kind::QuarterlyReport:
        return QStringLiteral("outlook");
    case Kind::InvestorPresentation:
        return QStringLiteral("summary");
    case Kind::ExecutiveProfile:
        return QStringLiteral("biography");
    case Kind::Recipe:
    case Kind::Gallery:
    case Kind::Faq:
        return {};
    }
    return {};
}

} // namespace

Content Generator::makeContent(Kind kind, const Topic &t, const UserRef &author, qint64 when, int site,
                               int sector)
{
    Content c;
    QJsonObject &f = c.fields;
    const SiteDef &siteDef = *m_sites.at(site).def;
    const QString date = dateString(when);
    const QString yearMonth = QDateTime::fromMSecsSinceEpoch(when, QTimeZone::UTC).toString(u"yyyy/MM");
    quint32 used = 0;
    const Words sentences = kBeats[t.beat].sentences;
    auto text = [&](int n) {
        QString s;
        for (int i = 0; i < n; ++i) {
            if (i)
                s += u' ';
            s += sentence(t, sentences, used);
        }
        return s;
    };
    auto person = [this]() {
        return personName();
    };

    switch (kind) {
    case Kind::Article: {
        c.title = fill(m_rng.pick(kBeats[t.beat].headlines), t);
        f.insert(u"standfirst", text(1));
        f.insert(u"body", paragraphs(t, m_rng.between(2, 4), &c.links));
        f.insert(u"byline", author.name);
        if (m_rng.chance(0.5))
            f.insert(u"dateline", t.city.toUpper());
        if (m_rng.chance(0.7)) {
            f.insert(u"lead_image",
                     QJsonObject {
                         { QStringLiteral("url"),
                           QString(u"https://media.northwind.example/images/" + yearMonth + u'/'
                                   + slugify(c.title) + u".jpg") },
                         { QStringLiteral("alt"), fill(m_rng.pick(Words(kImageAlts)), t) },
                         { QStringLiteral("caption"), text(1) },
                         { QStringLiteral("credit"), QString(u"Photo: " + person() + u"/Northwind") },
                     });
        }
        QStringList tags { t.topic };
        const QString sectorTag = siteDef.sectors[std::size_t(sector)].name.toString().toLower();
        if (m_rng.chance(0.5))
            tags << t.city.toLower();
        if (m_rng.chance(0.3) && !tags.contains(sectorTag))
            tags << sectorTag;
        f.insert(u"tags", stringArray(tags));
        if (m_rng.chance(0.3)) {
            const QString related = fill(m_rng.pick(kBeats[t.beat].headlines), t);
            f.insert(u"related_links",
                     QJsonArray { QJsonObject {
                         { QStringLiteral("title"), related },
                         { QStringLiteral("url"),
                           QString(u"https://" + siteDef.domain.toString() + u'/' + slugify(related)) },
                     } });
        }
        if (m_rng.chance(0.05))
            f.insert(u"breaking", true);
        break;
    }
    case Kind::Opinion: {
        const Topic opinion = t.beat == Politics || t.beat == Business ? t : topicFor(Politics);
        c.title = fill(m_rng.pick(Words(kOpinionHeadlines)), opinion);
        const Columnist &col = m_rng.pick(std::span<const Columnist>(kColumnists));
        QJsonObject columnist { { QStringLiteral("name"), col.name.toString() },
                                { QStringLiteral("bio"), col.bio.toString() } };
        if (!col.handle.isEmpty())
            columnist.insert(u"handle", col.handle.toString());
        f.insert(u"columnist", columnist);
        f.insert(u"standfirst", text(1));
        f.insert(u"body", paragraphs(opinion, m_rng.between(2, 4), &c.links));
        static constexpr QStringView kKinds[]
            = { u"column", u"column", u"column", u"editorial", u"letter", u"analysis" };
        f.insert(u"kind", m_rng.pick(Words(kKinds)).toString());
        const bool print = m_rng.chance(0.4);
        f.insert(u"in_print", print);
        if (print)
            f.insert(u"print_page", m_rng.between(2, 48));
        break;
    }
    case Kind::Gallery: {
        c.title = u"In pictures: " + fill(m_rng.pick(kBeats[t.beat].headlines), t);
        f.insert(u"intro", text(2).left(600));
        const QString photographer = person();
        f.insert(u"photographer", photographer);
        f.insert(u"location", t.city);
        QJsonArray photos;
        const QString slug = slugify(c.title);
        const int n = m_rng.between(4, 12);
        for (int i = 1; i <= n; ++i) {
            photos.append(QJsonObject {
                { QStringLiteral("url"),
                  QString(u"https://media.northwind.example/galleries/" + slug + u'/' + QString::number(i)
                          + u".jpg") },
                { QStringLiteral("caption"), QString(fill(m_rng.pick(Words(kImageAlts)), t) + u'.') },
                { QStringLiteral("credit"), photographer },
                { QStringLiteral("taken_on"), dateString(when - days(0, 3)) },
            });
        }
        f.insert(u"photos", photos);
        break;
    }
    case Kind::Podcast: {
        static constexpr QStringView kShows[] = { u"The Briefing", u"Culture Talk", u"The Science Hour" };
        const int show = t.beat == Culture ? 1 : t.beat == Science ? 2 : 0;
        const int episode = ++m_episodes[show];
        const int season = 1 + episode / 40;
        const QString headline = fill(m_rng.pick(kBeats[t.beat].headlines), t);
        c.title = kShows[show].toString() + u" #" + QString::number(episode) + u": " + headline;
        f.insert(u"show", kShows[show].toString());
        f.insert(u"season", season);
        f.insert(u"episode_number", episode);
        f.insert(u"duration_seconds", m_rng.between(15, 70) * 60 + m_rng.between(0, 59));
        const QString base = u"https://audio.northwind.example/" + slugify(kShows[show].toString()) + u"/s"
            + QString::number(season) + u'e' + QString::number(episode);
        f.insert(u"audio_url", QString(base + u".mp3"));
        f.insert(u"release_date", date);
        f.insert(u"show_notes", paragraphs(t, 2, &c.links));
        QJsonArray guests;
        for (int i = m_rng.below(4); i > 0; --i) {
            guests.append(QJsonObject {
                { QStringLiteral("name"), person() },
                { QStringLiteral("affiliation"), capitalised(m_rng.pick(Words(kOrgs)).toString()) } });
        }
        f.insert(u"guests", guests);
        f.insert(u"explicit", false);
        if (m_rng.chance(0.5))
            f.insert(u"transcript_url", QString(base + u".txt"));
        break;
    }
    case Kind::Event: {
        Topic ev = t;
        const QString eventName = m_rng.pick(Words(kEventNames)).toString();
        c.title = fill(m_rng.pick(Words(kEventTitles)), ev).replace(QStringLiteral("{event}"), eventName);
        qint64 starts = when + days(10, 90);
        starts -= starts % kDay;
        starts += 19 * kHour;
        f.insert(u"starts_at", dateTimeString(starts));
        f.insert(u"ends_at", dateTimeString(starts + hours(2, 72)));
        static constexpr QStringView kCulture[] = { u"concert", u"exhibition", u"theatre", u"festival" };
        f.insert(u"category",
                 t.beat == Science     ? QStringLiteral("talk")
                     : t.beat == Sport ? QStringLiteral("sport")
                                       : m_rng.pick(Words(kCulture)).toString());
        f.insert(u"venue",
                 QJsonObject {
                     { QStringLiteral("name"), capitalised(t.venue) },
                     { QStringLiteral("street"),
                       QString(QString::number(m_rng.between(1, 140)) + u" Harbour Street") },
                     { QStringLiteral("city"), t.city },
                     { QStringLiteral("postcode"),
                       QString(u"NP" + QString::number(m_rng.between(1, 19)) + u' '
                               + QString::number(m_rng.between(1, 9)) + u"AB") },
                 });
        f.insert(u"ticket_url", QString(u"https://tickets.northwind.example/events/" + slugify(c.title)));
        if (m_rng.chance(0.7)) {
            const int from = m_rng.between(5, 30);
            f.insert(u"price",
                     QJsonObject { { QStringLiteral("from"), from },
                                   { QStringLiteral("to"), from + m_rng.between(0, 40) },
                                   { QStringLiteral("currency"), QStringLiteral("GBP") } });
        } else {
            f.insert(u"price",
                     QJsonObject { { QStringLiteral("from"), 0 },
                                   { QStringLiteral("currency"), QStringLiteral("GBP") } });
        }
        f.insert(u"description", paragraphs(t, 2, &c.links));
        QStringList access;
        if (m_rng.chance(0.7))
            access << QStringLiteral("step-free");
        if (m_rng.chance(0.4))
            access << QStringLiteral("hearing-loop");
        if (m_rng.chance(0.2))
            access << QStringLiteral("relaxed");
        f.insert(u"accessibility", stringArray(access));
        break;
    }
    case Kind::Obituary: {
        const Obit &o = m_rng.pick(std::span<const Obit>(kObits));
        const QString first = m_rng.pick(Words(kFirstNames)).toString();
        const QString name = first + u' ' + m_rng.pick(Words(kLastNames)).toString();
        const int age = m_rng.between(58, 99);
        const qint64 died = when - days(2, 10);
        const int bornYear = QDateTime::fromMSecsSinceEpoch(died, QTimeZone::UTC).date().year() - age;
        const QDate born(bornYear, m_rng.between(1, 12), m_rng.between(1, 28));
        c.title = name + u", " + o.occupation.toString() + u" who " + o.achievement.toString() + u", dies at "
            + QString::number(age);
        f.insert(u"subject",
                 QJsonObject {
                     { QStringLiteral("name"), name },
                     { QStringLiteral("born"), born.toString(Qt::ISODate) },
                     { QStringLiteral("died"), dateString(died) },
                     { QStringLiteral("birthplace"), t.city },
                     { QStringLiteral("known_for"), capitalised(o.achievement.toString()) },
                 });
        QString body;
        quint32 obitUsed = 0;
        for (int p = 0; p < 3; ++p) {
            body += u"<p>";
            for (int s = 0; s < 2; ++s) {
                QString line = sentence(t, Words(kObitSentences), obitUsed);
                line.replace(QStringLiteral("{name}"), name)
                    .replace(QStringLiteral("{First}"), first)
                    .replace(QStringLiteral("{first}"), first);
                line.replace(QStringLiteral("{born}"), QString::number(bornYear))
                    .replace(QStringLiteral("{occupation}"), o.occupation.toString());
                body += (s ? u" " : u"") + htmlEscaped(line);
            }
            body += u"</p>";
        }
        f.insert(u"body", body);
        static constexpr QStringView kSurvivors[] = {
            u"Survived by a daughter, two sons and five grandchildren.",
            u"Survived by a husband of 51 years and a sister.",
            u"Survived by two daughters and a great-grandson.",
        };
        f.insert(u"survived_by", m_rng.pick(Words(kSurvivors)).toString());
        f.insert(u"author", author.name);
        break;
    }
    case Kind::Recipe: {
        const Main &main = m_rng.pick(std::span<const Main>(kRecipeMains));
        const QString side = m_rng.pick(Words(kRecipeSides)).toString();
        c.title = m_rng.pick(Words(kRecipeAdjectives)).toString() + u' ' + main.name.toString() + u" with "
            + side;
        f.insert(u"intro", text(2).left(600));
        f.insert(u"serves", m_rng.between(2, 8));
        f.insert(u"prep_minutes", m_rng.between(2, 8) * 5);
        f.insert(u"cook_minutes", m_rng.between(3, 36) * 5);
        static constexpr QStringView kDifficulty[] = { u"easy", u"medium", u"hard" };
        f.insert(u"difficulty", m_rng.pick(Words(kDifficulty)).toString());
        QJsonArray ingredients;
        ingredients.append(QJsonObject { { QStringLiteral("quantity"), QStringLiteral("600g") },
                                         { QStringLiteral("item"), main.name.toString() } });
        ingredients.append(QJsonObject { { QStringLiteral("item"), side } });
        int from = m_rng.below(int(std::size(kPantry)));
        for (int i = m_rng.between(3, 6); i > 0; --i, from = (from + 1) % int(std::size(kPantry))) {
            ingredients.append(QJsonObject { { QStringLiteral("quantity"), kPantry[from].first.toString() },
                                             { QStringLiteral("item"), kPantry[from].second.toString() } });
        }
        f.insert(u"ingredients", ingredients);
        QString method = QStringLiteral("<ol>");
        for (QStringView step : kMethodSteps) {
            QString s = fill(step, t);
            s.replace(QStringLiteral("{main}"), main.name.toString()).replace(QStringLiteral("{side}"), side);
            method += u"<li>" + htmlEscaped(s) + u"</li>";
        }
        method += u"</ol>";
        f.insert(u"method", method);
        QStringList dietary;
        if (main.vegetarian) {
            dietary << QStringLiteral("vegetarian");
            if (m_rng.chance(0.3))
                dietary << QStringLiteral("gluten-free");
        }
        f.insert(u"dietary", stringArray(dietary));
        break;
    }
    case Kind::PressRelease: {
        c.title = fill(m_rng.pick(kBeats[Corporate].headlines), t);
        f.insert(u"dateline", t.city.toUpper());
        f.insert(u"release_date", date);
        f.insert(u"summary", text(1));
        f.insert(u"body", paragraphs(t, m_rng.between(2, 4), &c.links));
        QJsonArray contacts;
        contacts.append(QJsonObject { { QStringLiteral("name"), QStringLiteral("Line Mathisen") },
                                      { QStringLiteral("role"), QStringLiteral("Head of Communications") },
                                      { QStringLiteral("email"), QStringLiteral("press@halvorsen.example") },
                                      { QStringLiteral("phone"), QStringLiteral("+47 22 00 41 00") } });
        if (site == 4 || m_rng.chance(0.3)) {
            contacts.append(QJsonObject { { QStringLiteral("name"), QStringLiteral("Petter Aas") },
                                          { QStringLiteral("role"), QStringLiteral("Investor Relations") },
                                          { QStringLiteral("email"), QStringLiteral("ir@halvorsen.example") },
                                          { QStringLiteral("phone"), QStringLiteral("+47 22 00 41 20") } });
        }
        f.insert(u"contacts", contacts);
        f.insert(
            u"boilerplate",
            QStringLiteral("Halvorsen Group designs, builds and services energy and water technology for "
                           "industry and cities. The group employs around 4,800 people in 14 countries."));
        if (m_rng.chance(0.1))
            f.insert(u"embargo_until", dateTimeString(when + 2 * kDay - when % kDay + 7 * kHour));
        f.insert(u"stock_exchange_notice", site == 4);
        break;
    }
    case Kind::QuarterlyReport: {
        const QDate d = QDateTime::fromMSecsSinceEpoch(when - 30 * kDay, QTimeZone::UTC).date();
        const int quarter = (d.month() - 1) / 3 + 1;
        static constexpr QStringView kQuarterNames[] = { u"First", u"Second", u"Third", u"Fourth" };
        const double revenue = round1(m_rng.between(35000, 65000) / 10.0);
        const double margin = m_rng.between(60, 140) / 1000.0;
        const double operating = round1(revenue * margin);
        const double previousRevenue = round1(revenue / (1.0 + m_rng.between(-40, 160) / 1000.0));
        c.title
            = kQuarterNames[quarter - 1].toString() + u" quarter " + QString::number(d.year()) + u" results";
        f.insert(u"period",
                 QJsonObject { { QStringLiteral("year"), d.year() },
                               { QStringLiteral("quarter"), QString(u"Q" + QString::number(quarter)) } });
        f.insert(u"currency", QStringLiteral("NOK"));
        f.insert(u"amounts_in", QStringLiteral("millions"));
        f.insert(u"revenue", revenue);
        f.insert(u"operating_profit", operating);
        f.insert(u"ebitda", round1(operating * 1.4));
        f.insert(u"net_income", round1(operating * 0.72));
        f.insert(u"eps", std::round(operating * 0.72 / 180.0 * 100.0) / 100.0);
        QStringList highlights {
            u"Revenue of NOK " + withThousands(int(revenue)) + u" million ("
                + withThousands(int(previousRevenue)) + u")",
            u"Operating margin of " + QString::number(margin * 100.0, 'f', 1) + u"%",
            u"Order intake up " + QString::number(m_rng.between(2, 25)) + u"% year on year",
        };
        if (m_rng.chance(0.5))
            highlights << u"Record order backlog of NOK "
                    + QString::number(m_rng.between(150, 260) / 10.0, 'f', 1) + u" billion";
        if (quarter == 4)
            highlights << u"Dividend of NOK " + QString::number(m_rng.between(200, 450) / 100.0, 'f', 2)
                    + u" per share proposed";
        f.insert(u"highlights", stringArray(highlights));
        QJsonArray segments;
        static constexpr QStringView kSegments[] = { u"Energy Systems", u"Water Technology", u"Services" };
        static constexpr double kShares[] = { 0.45, 0.2, 0.35 };
        for (int i = 0; i < 3; ++i) {
            segments.append(
                QJsonObject { { QStringLiteral("name"), kSegments[i].toString() },
                              { QStringLiteral("revenue"), round1(revenue * kShares[i]) },
                              { QStringLiteral("growth_percent"), m_rng.between(-50, 220) / 10.0 } });
        }
        f.insert(u"segments", segments);
        f.insert(u"outlook", paragraphs(t, 2, nullptr));
        const QString key = QString::number(d.year()) + u"-q" + QString::number(quarter);
        f.insert(u"report_url", QString(u"https://investors.halvorsen.example/reports/" + key + u".pdf"));
        f.insert(u"webcast_url", QString(u"https://webcast.halvorsen.example/" + key));
        f.insert(u"audited", quarter == 4);
        break;
    }
    case Kind::ProductPage: {
        const Product &p = m_rng.pick(std::span<const Product>(kProducts));
        const QString name = p.line.toString() + u' ' + QString::number(m_rng.between(1, 9) * 100);
        c.title = name + u' ' + p.noun.toString();
        f.insert(u"product_name", name);
        const QString sku = QStringLiteral("HG-%1-%2%3")
                                .arg(m_rng.between(1000, 9999))
                                .arg(QChar(char16_t(u'A' + m_rng.below(26))))
                                .arg(QChar(char16_t(u'A' + m_rng.below(26))));
        f.insert(u"sku", sku);
        f.insert(u"summary",
                 QString(u"The " + name + u" is a " + p.noun.toString() + u" designed for " + p.use.toString()
                         + u'.'));
        f.insert(u"body", paragraphs(t, 3, &c.links));
        static constexpr QStringView kAvailability[]
            = { u"available", u"available", u"available", u"pre-order", u"discontinued" };
        f.insert(u"availability", m_rng.pick(Words(kAvailability)).toString());
        f.insert(u"launched_on", dateString(when - days(0, 400)));
        if (m_rng.chance(0.4)) {
            f.insert(u"price",
                     QJsonObject { { QStringLiteral("amount"), m_rng.between(40, 900) * 100 },
                                   { QStringLiteral("currency"), QStringLiteral("EUR") } });
        }
        QStringList features;
        int from = m_rng.below(int(std::size(kFeatures)));
        for (int i = m_rng.between(3, 5); i > 0; --i, from = (from + 1) % int(std::size(kFeatures)))
            features << kFeatures[from].toString();
        f.insert(u"features", stringArray(features));
        f.insert(u"specifications",
                 QJsonArray {
                     QJsonObject { { QStringLiteral("name"), QStringLiteral("Capacity") },
                                   { QStringLiteral("value"),
                                     QString(QString::number(m_rng.between(1, 40) * 25) + u" kW") } },
                     QJsonObject { { QStringLiteral("name"), QStringLiteral("Weight") },
                                   { QStringLiteral("value"),
                                     QString(withThousands(m_rng.between(80, 4800)) + u" kg") } },
                 });
        f.insert(u"datasheet_url", QString(u"https://www.halvorsen.example/datasheets/" + sku + u".pdf"));
        break;
    }
    case Kind::JobPosting: {
        // Careers' sectors are Engineering, Operations and Graduates, in that order.
        const Words titles = sector == 0 ? Words(kJobsEngineering)
            : sector == 1                ? Words(kJobsOperations)
                                         : Words(kJobsGraduates);
        const QString job = m_rng.pick(titles).toString();
        const bool graduate = job.startsWith(u"Graduate") || job.startsWith(u"Summer");
        c.title = job + u", " + t.city;
        f.insert(u"department", siteDef.sectors[std::size_t(sector)].name.toString());
        f.insert(u"location", t.city);
        static constexpr QStringView kRemote[] = { u"on-site", u"hybrid", u"hybrid", u"remote" };
        f.insert(u"remote", m_rng.pick(Words(kRemote)).toString());
        f.insert(u"employment_type",
                 graduate
                     ? (job.startsWith(u"Summer") ? QStringLiteral("internship") : QStringLiteral("graduate"))
                     : QStringLiteral("full-time"));
        f.insert(u"apply_by", dateString(when + days(21, 45)));
        if (m_rng.chance(0.6)) {
            const int min = m_rng.between(50, 95) * 10000;
            f.insert(u"salary",
                     QJsonObject { { QStringLiteral("min"), min },
                                   { QStringLiteral("max"), min + m_rng.between(5, 25) * 10000 },
                                   { QStringLiteral("currency"), QStringLiteral("NOK") },
                                   { QStringLiteral("period"), QStringLiteral("year") } });
        }
        f.insert(u"description", paragraphs(t, m_rng.between(2, 4), &c.links));
        QStringList reqs;
        int from = m_rng.below(int(std::size(kRequirements)));
        for (int i = m_rng.between(3, 5); i > 0; --i, from = (from + 1) % int(std::size(kRequirements)))
            reqs << kRequirements[from].toString();
        f.insert(u"requirements", stringArray(reqs));
        f.insert(u"contact_email", QStringLiteral("recruiting@halvorsen.example"));
        f.insert(u"apply_url", QString(u"https://careers.halvorsen.example/apply/" + slugify(c.title)));
        break;
    }
    case Kind::InvestorPresentation: {
        const QDate d = QDateTime::fromMSecsSinceEpoch(when, QTimeZone::UTC).date();
        static constexpr QStringView kBanks[] = { u"Nordhavn Securities", u"Arctic Capital", u"Baltic Bank" };
        static constexpr QStringView kQuarterNames[] = { u"First", u"Second", u"Third", u"Fourth" };
        switch (m_rng.below(4)) {
        case 0:
            c.title = u"Capital Markets Day " + QString::number(d.year());
            break;
        case 1:
            c.title = kQuarterNames[(d.month() + 8) / 3 % 4].toString() + u" quarter results presentation";
            break;
        case 2:
            c.title = m_rng.pick(Words(kBanks)).toString() + u" Energy Transition Conference";
            break;
        default:
            c.title = u"Annual General Meeting " + QString::number(d.year());
            break;
        }
        f.insert(u"event_name", c.title);
        f.insert(u"presented_on", date);
        QJsonArray presenters;
        int from = m_rng.below(3);
        for (int i = m_rng.between(1, 3); i > 0; --i, ++from) {
            presenters.append(
                QJsonObject { { QStringLiteral("name"), kExecutives[from].name.toString() },
                              { QStringLiteral("position"), kExecutives[from].position.toString() } });
        }
        f.insert(u"presenters", presenters);
        const QString slug = slugify(c.title) + u'-' + date;
        f.insert(u"slides_url",
                 QString(u"https://investors.halvorsen.example/presentations/" + slug + u".pdf"));
        if (m_rng.chance(0.6))
            f.insert(u"webcast_url", QString(u"https://webcast.halvorsen.example/" + slug));
        f.insert(u"summary", paragraphs(t, m_rng.between(1, 2), &c.links));
        f.insert(u"language", QStringLiteral("en"));
        f.insert(u"duration_minutes", m_rng.between(6, 48) * 5);
        break;
    }
    case Kind::Faq: {
        // The audience follows the sector the page lives in.
        const QStringView sectorName = siteDef.sectors[std::size_t(sector)].name;
        const QStringView audience = sectorName == u"Products" ? QStringView(u"customers")
            : sectorName == u"Governance"                      ? QStringView(u"investors")
            : sectorName == u"Graduates"                       ? QStringView(u"candidates")
            : sectorName == u"About Us" ? QStringView(m_rng.chance(0.5) ? u"press" : u"everyone")
                                        : QStringView(u"everyone");
        QList<const Faq *> candidates;
        for (const Faq &q : kFaqs) {
            if (q.audience == audience)
                candidates.append(&q);
        }
        const Faq &first = *m_rng.pick(candidates);
        c.title = u"Frequently asked questions: " + first.subject.toString();
        f.insert(u"audience", first.audience.toString());
        f.insert(
            u"intro",
            QString(u"Answers to the questions we hear most often about " + first.subject.toString() + u'.'));
        QJsonArray qs;
        for (const Faq &q : kFaqs) {
            if (q.audience == first.audience) {
                qs.append(QJsonObject {
                    { QStringLiteral("question"), q.question.toString() },
                    { QStringLiteral("answer"), QString(u"<p>" + q.answer.toString() + u"</p>") } });
            }
        }
        f.insert(u"questions", qs);
        f.insert(u"last_reviewed", date);
        break;
    }
    case Kind::ExecutiveProfile: {
        const Executive &ex = m_rng.pick(std::span<const Executive>(kExecutives));
        const QString first = ex.name.left(ex.name.indexOf(u' ')).toString();
        c.title = ex.name.toString() + u", " + ex.position.toString();
        f.insert(u"person",
                 QJsonObject { { QStringLiteral("name"), ex.name.toString() },
                               { QStringLiteral("born"), m_rng.between(1962, 1984) },
                               { QStringLiteral("nationality"), QStringLiteral("Norwegian") } });
        f.insert(u"position", ex.position.toString());
        f.insert(u"joined_on", dateString(when - days(200, 4000)));
        f.insert(u"board_member", ex.position.startsWith(u"Chair"));
        QString bio = QStringLiteral("<p>");
        quint32 bioUsed = 0;
        for (int s = 0; s < 4; ++s) {
            QString line = sentence(t, Words(kBioSentences), bioUsed);
            line.replace(QStringLiteral("{first}"), first);
            bio += (s ? u" " : u"") + htmlEscaped(line);
        }
        bio += u"</p>";
        f.insert(u"biography", bio);
        f.insert(
            u"photo_url",
            QString(u"https://www.halvorsen.example/media/people/" + slugify(ex.name.toString()) + u".jpg"));
        f.insert(u"committees",
                 stringArray(ex.position.startsWith(u"Chair") ? QStringList { QStringLiteral("nomination"),
                                                                              QStringLiteral("remuneration") }
                                                              : QStringList {}));
        break;
    }
    }
    return c;
}

void Generator::revise(Kind kind, Content &c, const Topic &t, bool minor)
{
    const QString key = mainTextField(kind);
    if (key.isEmpty()) {
        // Lists and plain-text kinds: a minor touch to their introduction.
        const QString intro = c.fields.value(u"intro").toString();
        if (!intro.isEmpty() && intro.size() < 500 && !minor)
            c.fields.insert(u"intro",
                            QString(intro + u' ' + fill(m_rng.pick(Words(kUpdateSentences)), t).left(90)));
        return;
    }
    QString html = c.fields.value(key).toString();
    if (minor) {
        // A reworded closing paragraph.
        const qsizetype last = html.lastIndexOf(u"<p>");
        if (last > 0)
            html.truncate(last);
        html += paragraphs(t, 1, nullptr);
    } else {
        html += u"<p>" + htmlEscaped(fill(m_rng.pick(Words(kUpdateSentences)), t)) + u"</p>";
    }
    c.fields.insert(key, html);
}

void Generator::addDanger(Kind kind, Content &c)
{
    // A draft that picked up a spam link, plus one link of every other kind: the link
    // check report then shows every status.
    const QString key = mainTextField(kind);
    const int danger = int(std::size(kLinks)) - 1;
    QString html = key.isEmpty() ? QString() : c.fields.value(key).toString();
    for (LinkStatus s : { LinkStatus::Ok, LinkStatus::Caution, LinkStatus::Broken, LinkStatus::Danger }) {
        for (int i = 0; i <= danger; ++i) {
            if (kLinks[i].status != s)
                continue;
            if (!c.links.contains(i)) {
                c.links.append(i);
                html += u"<p>See <a href=\"" + kLinks[i].url.toString() + u"\">" + kLinks[i].text.toString()
                    + u"</a>.</p>";
            }
            break;
        }
    }
    if (!key.isEmpty())
        c.fields.insert(key, html);
}

// --- tenancy ----------------------------------------------------------------------------------

void Generator::buildTenancy()
{
    Id sectorId = 1;
    for (int s = 0; s < kSiteCount; ++s) {
        SiteRef ref;
        ref.id = s + 1;
        ref.def = &kSiteDefs[s];
        ref.createdMs = m_now - 585 * kDay + s * 3 * kDay;
        for (int k = 0; k < ref.def->sectorCount; ++k) {
            ref.sectorIds.append(sectorId++);
            m_sectorSite.append(s);
        }
        m_sites.append(ref);
        m_slugs.append(QSet<QString>());
        m_slugCounters.append(QHash<QString, int>());
    }
    Id userId = 1;
    for (const UserDef &d : kUserDefs) {
        UserRef u;
        u.id = userId++;
        u.account = d.account;
        u.role = d.role;
        u.name = d.name.toString();
        for (int site : d.limitedTo) {
            if (site >= 0) {
                u.allSites = false;
                u.sites.append(site);
            }
        }
        m_users.append(u);
    }
    for (int i = 0; i < kSchemaCount; ++i) {
        SchemaRef ref;
        ref.id = i + 1;
        ref.kind = kSchemaDefs[i].kind;
        ref.account = kSchemaDefs[i].account;
        const QJsonObject spec = QJsonDocument::fromJson(QByteArray(kSchemaDefs[i].json)).object();
        const QJsonArray required = spec.value(u"required").toArray();
        for (const QJsonValue &v : required)
            ref.required.append(v.toString());
        m_schemaByKind.insert(int(ref.kind), i);
        m_schemas.append(ref);
    }
}

Status Generator::writeTenancy()
{
    for (int a = 0; a < int(std::size(kAccountDefs)); ++a) {
        Account acc;
        acc.id = a + 1;
        acc.name = kAccountDefs[a].name.toString();
        acc.slug = kAccountDefs[a].slug.toString();
        acc.createdAt = toDateTime(m_now - 600 * kDay + a * 7 * kDay);
        if (auto st = m_writer.upsert(acc); !st)
            return st;
    }
    for (const SiteRef &ref : std::as_const(m_sites)) {
        Site site;
        site.id = ref.id;
        site.accountId = ref.def->account + 1;
        site.name = ref.def->name.toString();
        site.domain = ref.def->domain.toString();
        site.createdAt = toDateTime(ref.createdMs);
        if (auto st = m_writer.upsert(site); !st)
            return st;
        for (int k = 0; k < ref.def->sectorCount; ++k) {
            Sector sector;
            sector.id = ref.sectorIds.at(k);
            sector.accountId = site.accountId;
            sector.siteId = site.id;
            sector.name = ref.def->sectors[std::size_t(k)].name.toString();
            if (auto st = m_writer.upsert(sector); !st)
                return st;
        }
    }
    for (qsizetype i = 0; i < m_users.size(); ++i) {
        const UserRef &ref = m_users.at(i);
        const UserDef &d = kUserDefs[i];
        User u;
        u.id = ref.id;
        u.accountId = ref.account + 1;
        u.name = ref.name;
        u.email = d.mailbox.toString() + u'@' + kAccountDefs[d.account].mailDomain.toString();
        u.role = ref.role;
        u.allSites = ref.allSites;
        for (int site : ref.sites)
            u.siteIds.append(m_sites.at(site).id);
        if (auto st = m_writer.upsert(u); !st)
            return st;
    }
    for (int i = 0; i < kSchemaCount; ++i) {
        const SchemaDef &d = kSchemaDefs[i];
        ContentSchema s;
        s.id = i + 1;
        s.accountId = d.account + 1;
        s.name = QString::fromUtf8(d.name);
        s.description = QString::fromUtf8(d.description);
        s.dialect = d.dialect;
        s.specDoc = QJsonDocument::fromJson(QByteArray(d.json)).object();
        s.specText = QString::fromUtf8(d.json);
        s.authPolicy = QString::fromLatin1(d.authPolicy);
        const qint64 created = m_now - 570 * kDay + i * 4 * kDay;
        s.lockVersion = m_rng.between(1, 5);
        s.createdAt = toDateTime(created);
        s.updatedAt = toDateTime(s.lockVersion == 1 ? created : created + days(10, 400));
        if (auto st = m_writer.upsert(s); !st)
            return st;
    }
    WorkspaceInfo info;
    info.name = m_options.name;
    info.kind = QStringLiteral("demo");
    if (auto st = m_writer.setWorkspace(info); !st)
        return st;
    // The demo is seen through the eyes of Northwind's managing editor; created_at is
    // "now", so that two generations with the same options are identical.
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("UPDATE workspace SET user_id = ?, created_at = ? WHERE id = 1"));
    q.addBindValue(Id(4));
    q.addBindValue(m_now);
    if (!q.exec())
        return sqlError(q, "demo_write_failed");
    m_rowsInBatch += 50;
    return {};
}

// --- documents --------------------------------------------------------------------------------

Scenario Generator::randomScenario()
{
    Scenario s;
    static constexpr int kRounds[] = { 22, 38, 20, 12, 5, 3 };
    s.rounds = m_rng.weighted(kRounds);
    if (s.rounds == 0) {
        static constexpr int kTails[] = { 38, 24, 14, 10, 14 };
        static constexpr Tail kValues[]
            = { Tail::Draft, Tail::Submitted, Tail::Rejected, Tail::Scheduled, Tail::DeletedDraft };
        s.tail = kValues[m_rng.weighted(kTails)];
    } else {
        static constexpr int kTails[] = { 56, 9, 5, 3, 3, 5, 6, 13 };
        static constexpr Tail kValues[]
            = { Tail::None,      Tail::Draft,        Tail::Submitted, Tail::Rejected,
                Tail::Scheduled, Tail::DeletedDraft, Tail::Withdrawn, Tail::Unpublished };
        s.tail = kValues[m_rng.weighted(kTails)];
        static constexpr int kReasons[] = { 40, 30, 30 };
        static constexpr UnpublishingReason kReasonValues[]
            = { UnpublishingReason::PublishedInError, UnpublishingReason::Consolidated,
                UnpublishingReason::Archived };
        s.reason = kReasonValues[m_rng.weighted(kReasons)];
        s.forceFirst = m_rng.chance(0.04);
    }
    s.recent = m_rng.chance(0.003);
    return s;
}

void Generator::place(DocPlan &p)
{
    const SiteDef &site = *m_sites.at(p.site).def;
    const SectorDef &sector = site.sectors[std::size_t(p.sectorIndex)];
    const int k = sector.kindCount == 1 || m_rng.chance(0.6) ? 0 : m_rng.between(1, sector.kindCount - 1);
    p.kind = sector.kinds[std::size_t(k)];
    p.schema = &m_schemas.at(m_schemaByKind.value(int(p.kind)));
}

// Plays one document's history forward from time 0: who created, submitted, rejected,
// published, superseded, withdrew or unpublished which edition, and when.
void Generator::plan(const Scenario &sc, DocPlan &p)
{
    if (sc.site >= 0) {
        p.site = sc.site;
    } else {
        int weights[kSiteCount];
        for (int s = 0; s < kSiteCount; ++s)
            weights[s] = kSiteDefs[s].weight;
        p.site = m_rng.weighted(weights);
    }
    const SiteDef &site = *m_sites.at(p.site).def;
    p.sectorIndex = sc.dangerLink ? 0 : m_rng.below(site.sectorCount);
    place(p);
    const int account = site.account;
    const UserRef &firstAuthor = pickAuthor(p.site);
    p.author = firstAuthor.id;

    qint64 t = 0;
    int live = -1; // the published edition
    int previousLive = -1; // the one it superseded
    int highestMajor = 0;
    qint64 firstPublished = -1;

    auto audit = [&p](int ed, std::optional<EditionState> from, EditionState to, Id userId, qint64 at) {
        p.audits.push_back({ ed, from, to, userId, at });
        PEdition &e = p.editions[std::size_t(ed)];
        e.state = to;
        e.updated = at;
        if (from)
            ++e.lockVersion;
    };
    auto remark = [&p](int ed, Id author, QString body, qint64 at) {
        p.remarks.push_back({ ed, author, std::move(body), at });
    };
    auto create = [&](Id author, bool minor) {
        PEdition e;
        e.createdBy = author;
        e.created = t;
        e.updated = t;
        e.minor = minor;
        if (live >= 0) {
            // A new edition copies the live one's publication dates.
            e.firstPublished = p.editions[std::size_t(live)].firstPublished;
            e.majorPublished = p.editions[std::size_t(live)].majorPublished;
        }
        p.editions.push_back(std::move(e));
        const int ed = int(p.editions.size()) - 1;
        audit(ed, std::nullopt, EditionState::Draft, author, t);
        // A few saves while drafting.
        for (int edits = m_rng.below(3); edits > 0; --edits) {
            t += minutes(5, 240);
            p.editions[std::size_t(ed)].updated = t;
            ++p.editions[std::size_t(ed)].lockVersion;
        }
        return ed;
    };
    auto publish = [&](int ed, const UserRef &publisher, bool force) {
        PEdition &e = p.editions[std::size_t(ed)];
        const EditionState from = e.state;
        if (live < 0) {
            e.version = { 1, 0 };
        } else if (e.minor) {
            const VersionNumber v = p.editions[std::size_t(live)].version;
            e.version = { v.major, v.minor + 1 };
        } else {
            e.version = { highestMajor + 1, 0 };
        }
        highestMajor = std::max(highestMajor, e.version.major);
        if (firstPublished < 0)
            firstPublished = t;
        e.firstPublished = firstPublished;
        if (!e.minor || e.majorPublished < 0)
            e.majorPublished = t;
        e.force = force;
        audit(ed, from, EditionState::Published, publisher.id, t);
        if (force) {
            remark(ed, publisher.id, u"Force published: " + m_rng.pick(Words(kForceReasons)).toString(), t);
        } else if (m_rng.chance(0.15)) {
            remark(ed, publisher.id, m_rng.pick(Words(kPublishNotes)).toString(), t + kSecond);
        }
        if (live >= 0)
            audit(live, EditionState::Published, EditionState::Superseded, publisher.id, t);
        p.publishes.push_back({ ed, t, sc.failOne && p.publishes.empty() });
        previousLive = live;
        live = ed;
    };
    auto submit = [&](int ed, Id author) {
        t += hours(1, 72);
        audit(ed, p.editions[std::size_t(ed)].state, EditionState::Submitted, author, t);
        if (m_rng.chance(0.15))
            remark(ed, author, fill(m_rng.pick(Words(kSubmitNotes)), topicFor(Politics)), t + kSecond);
    };
    auto reject = [&](int ed, const UserRef &reviewer) {
        t += hours(1, 48);
        audit(ed, EditionState::Submitted, EditionState::Rejected, reviewer.id, t);
        remark(ed, reviewer.id, fill(m_rng.pick(Words(kRejectionReasons)), topicFor(Business)), t + kSecond);
    };

    // The first edition, then each later one made from the live edition.
    Id author = firstAuthor.id;
    int ed = create(author, false);
    for (int round = 0; round < sc.rounds; ++round) {
        if (round > 0) {
            t += days(2, 90);
            if (m_rng.chance(0.4))
                author = pickAuthor(p.site).id;
            ed = create(author, m_rng.chance(0.3));
        }
        const bool force = round == 0 ? sc.forceFirst : m_rng.chance(0.03);
        if (force) {
            if (m_rng.chance(0.5))
                submit(ed, author);
            t += minutes(5, 120);
            // An editor may force publish their own piece.
            const UserRef &me = user(author);
            const UserRef &publisher
                = (me.role == Role::Editor && m_rng.chance(0.5)) ? me : pickReviewer(account, 0);
            publish(ed, publisher, true);
            continue;
        }
        submit(ed, author);
        if (m_rng.chance(0.15)) {
            reject(ed, pickReviewer(account, author));
            t += hours(1, 24);
            audit(ed, EditionState::Rejected, EditionState::Submitted, author, t);
        }
        t += sc.recent && round == sc.rounds - 1 ? minutes(10, 60) : hours(1, 36);
        publish(ed, pickReviewer(account, author), false);
    }

    switch (sc.tail) {
    case Tail::None:
        break;
    case Tail::Draft:
    case Tail::Submitted:
    case Tail::Rejected:
    case Tail::Scheduled:
    case Tail::DeletedDraft: {
        if (sc.rounds > 0) {
            t += days(2, 60);
            if (m_rng.chance(0.4))
                author = pickAuthor(p.site).id;
            ed = create(author, m_rng.chance(0.25));
        }
        p.endsOpen = sc.tail != Tail::DeletedDraft;
        PEdition &e = p.editions[std::size_t(ed)];
        e.danger = sc.dangerLink;
        if (sc.tail == Tail::Submitted || sc.tail == Tail::Rejected) {
            submit(ed, author);
            if (sc.tail == Tail::Rejected)
                reject(ed, pickReviewer(account, author));
        } else if (sc.tail == Tail::Scheduled) {
            const bool force = m_rng.chance(0.25);
            if (!force)
                submit(ed, author);
            t += hours(1, 24);
            const UserRef &scheduler = pickReviewer(account, force ? 0 : author);
            PEdition &s = p.editions[std::size_t(ed)];
            s.force = force;
            // Publication times are whole quarter hours, at least an hour ahead of "now".
            qint64 when = m_now + hours(1, 21 * 24);
            when -= when % (15 * kMinute);
            s.scheduledAbs = when + 15 * kMinute;
            audit(ed, s.state, EditionState::Scheduled, scheduler.id, t);
            if (force)
                remark(ed, scheduler.id, u"Force scheduled: " + m_rng.pick(Words(kForceReasons)).toString(),
                       t);
        } else if (sc.tail == Tail::DeletedDraft) {
            if (m_rng.chance(0.3))
                submit(ed, author);
            t += hours(1, 96);
            audit(ed, p.editions[std::size_t(ed)].state, EditionState::Deleted, author, t);
        }
        break;
    }
    case Tail::Withdrawn: {
        t += days(1, 120);
        const UserRef &manager = pickManager(account);
        audit(live, EditionState::Published, EditionState::Withdrawn, manager.id, t);
        p.unpublishings.push_back({ live, UnpublishingReason::Withdrawn,
                                    m_rng.pick(Words(kWithdrawExplanations)).toString(), QString(), false,
                                    t });
        remark(live, manager.id, QStringLiteral("Withdrawn"), t);
        break;
    }
    case Tail::Unpublished: {
        t += days(1, 120);
        const UserRef &manager = pickManager(account);
        PEdition &e = p.editions[std::size_t(live)];
        audit(live, EditionState::Published, EditionState::Unpublished, manager.id, t);
        // Version numbers go back to those of the previous published edition.
        e.version = previousLive >= 0 ? p.editions[std::size_t(previousLive)].version : VersionNumber {};
        PUnpublishing u { live, sc.reason, QString(), QString(), false, t };
        const QString otherPage = u"https://" + site.domain.toString() + u'/'
            + slugify(site.sectors[std::size_t(p.sectorIndex)].name.toString()) + u'/'
            + slugify(fill(m_rng.pick(kBeats[site.sectors[std::size_t(p.sectorIndex)].beat].headlines),
                           topicFor(site.sectors[std::size_t(p.sectorIndex)].beat)));
        switch (sc.reason) {
        case UnpublishingReason::PublishedInError:
            if (m_rng.chance(0.7))
                u.explanation = m_rng.pick(Words(kErrorExplanations)).toString();
            u.redirect = m_rng.chance(0.4);
            if (u.redirect)
                u.alternativeUrl = otherPage;
            break;
        case UnpublishingReason::Consolidated:
            u.alternativeUrl = otherPage;
            u.redirect = true;
            break;
        case UnpublishingReason::Archived:
            if (m_rng.chance(0.5))
                u.explanation = m_rng.pick(Words(kArchiveExplanations)).toString();
            break;
        case UnpublishingReason::Withdrawn:
            break;
        }
        QString note = u"Unpublished: " + toWire(sc.reason).replace(u'_', u' ');
        if (!u.explanation.isEmpty())
            note += u". " + u.explanation;
        remark(live, manager.id, note, t);
        p.unpublishings.push_back(std::move(u));
        break;
    }
    }
    p.span = t;
    p.recent = sc.recent;
}

Status Generator::writeDocument(DocPlan &p)
{
    const SiteRef &siteRef = m_sites.at(p.site);
    const SiteDef &site = *siteRef.def;
    const SectorDef &sectorDef = site.sectors[std::size_t(p.sectorIndex)];
    const int account = site.account;

    // Where the history sits in time: open work and running jobs are recent, the
    // rest anywhere in the window. Very long histories are squeezed to fit.
    const qint64 earliest = std::max(siteRef.createdMs + kDay, m_now - kWindow);
    const qint64 room = m_now - 10 * kMinute - earliest;
    double scale = 1.0;
    if (p.span > room * 9 / 10)
        scale = double(room * 9 / 10) / double(p.span);
    const qint64 span = qint64(double(p.span) * scale);
    qint64 end;
    if (p.recent)
        end = m_now - m_rng.between64(2 * kMinute, 8 * kMinute);
    else if (p.endsOpen)
        end = m_now - m_rng.between64(10 * kMinute, std::min<qint64>(30 * kDay, room - span));
    else {
        // Finished histories follow the generation order through the window, so that ids
        // grow with time as on a real server (and the time-ordered indexes fill at their end).
        const qint64 lo = earliest + span;
        const qint64 hi = m_now - 10 * kMinute;
        const qint64 target = lo + qint64(double(hi - lo) * m_timeline);
        end = std::clamp(target + m_rng.between64(-3 * kDay, 3 * kDay), lo, hi);
    }
    const qint64 t0 = end - span;
    auto at = [t0, scale](qint64 rel) {
        return t0 + qint64(double(rel) * scale);
    };

    // Content, now that the dates are known: the first edition's, then each revision.
    const Topic topic = topicFor(sectorDef.beat);
    const UserRef &author = user(p.author);
    for (std::size_t i = 0; i < p.editions.size(); ++i) {
        PEdition &e = p.editions[i];
        if (i == 0) {
            e.content = makeContent(p.kind, topic, author, at(e.created), p.site, p.sectorIndex);
        } else {
            e.content = p.editions[i - 1].content;
            revise(p.kind, e.content, topic, e.minor);
            if (!e.minor)
                e.changeNote = fill(m_rng.pick(Words(kChangeNotes)), topic);
        }
        if (e.danger)
            addDanger(p.kind, e.content);
        // Drafts may be incomplete: validation is shown, not enforced, until submit.
        if ((e.state == EditionState::Draft || e.state == EditionState::Deleted) && m_rng.chance(0.15)
            && !p.schema->required.isEmpty()) {
            e.content.fields.remove(p.schema->required.at(m_rng.below(int(p.schema->required.size()))));
        }
        if (e.danger || (!e.content.links.isEmpty() && m_rng.chance(0.35))) {
            e.linkCheck = true;
            e.linkCheckAt = e.created + (e.updated - e.created) / 2;
        }
    }

    // Slug from the first title, unique within the site.
    const QString base = slugify(p.editions.front().content.title);
    QString slug = base;
    QSet<QString> &taken = m_slugs[p.site];
    for (int &n = m_slugCounters[p.site][base]; taken.contains(slug);)
        slug = base + u'-' + QString::number(++n + 1);
    taken.insert(slug);

    Document doc;
    doc.id = m_nextDocument++;
    doc.accountId = account + 1;
    doc.siteId = siteRef.id;
    doc.sectorId = siteRef.sectorIds.at(p.sectorIndex);
    doc.schemaId = p.schema->id;
    doc.slug = slug;
    doc.createdBy = p.author;
    doc.createdAt = toDateTime(at(0));
    if (auto st = m_writer.upsert(doc); !st)
        return st;
    int rows = 1;

    std::vector<Id> ids(p.editions.size());
    for (std::size_t i = 0; i < p.editions.size(); ++i) {
        const PEdition &pe = p.editions[i];
        Edition e;
        e.id = ids[i] = m_nextEdition++;
        e.accountId = doc.accountId;
        e.documentId = doc.id;
        e.siteId = doc.siteId;
        e.sectorId = doc.sectorId;
        e.schemaId = doc.schemaId;
        e.title = pe.content.title;
        e.fields = pe.content.fields;
        e.state = pe.state;
        e.changeNote = pe.changeNote;
        e.minorChange = pe.minor;
        e.forcePublished = pe.force;
        e.version = pe.version;
        e.scheduledPublication = toDateTime(pe.scheduledAbs);
        e.firstPublishedAt = pe.firstPublished >= 0 ? toDateTime(at(pe.firstPublished)) : QDateTime();
        e.majorChangePublishedAt = pe.majorPublished >= 0 ? toDateTime(at(pe.majorPublished)) : QDateTime();
        e.lockVersion = pe.lockVersion;
        e.createdBy = pe.createdBy;
        e.createdAt = toDateTime(at(pe.created));
        e.updatedAt = toDateTime(at(pe.updated));
        if (auto st = m_writer.upsert(e); !st)
            return st;
        ++rows;
        if (pe.linkCheck) {
            LinkCheckReport r;
            r.id = m_nextLinkCheck++;
            r.editionId = e.id;
            r.checkedAt = toDateTime(at(pe.linkCheckAt));
            for (int idx : pe.content.links)
                r.links.append(
                    { kLinks[idx].url.toString(), kLinks[idx].status, kLinks[idx].problem.toString() });
            if (auto st = m_writer.upsert(r); !st)
                return st;
            ++rows;
        }
    }
    m_editionsWritten += qint64(p.editions.size());
    ++m_documentsWritten;

    for (const PAudit &a : p.audits) {
        AuditEntry entry;
        entry.id = m_nextAudit++;
        entry.editionId = ids[std::size_t(a.edition)];
        entry.fromState = a.from;
        entry.toState = a.to;
        entry.userId = a.user;
        entry.at = toDateTime(at(a.at));
        if (auto st = m_writer.upsert(entry); !st)
            return st;
        ++rows;
    }
    for (const PRemark &r : p.remarks) {
        EditorialRemark remark;
        remark.id = m_nextRemark++;
        remark.editionId = ids[std::size_t(r.edition)];
        remark.authorId = r.author;
        remark.body = r.body;
        remark.createdAt = toDateTime(at(r.at));
        if (auto st = m_writer.upsert(remark); !st)
            return st;
        ++rows;
    }
    for (const PUnpublishing &u : p.unpublishings) {
        Unpublishing un;
        un.id = m_nextUnpublishing++;
        un.editionId = ids[std::size_t(u.edition)];
        un.reason = u.reason;
        un.explanation = u.explanation;
        un.alternativeUrl = u.alternativeUrl;
        un.redirect = u.redirect;
        un.createdAt = toDateTime(at(u.at));
        if (auto st = m_writer.upsert(un); !st)
            return st;
        ++rows;
    }

    // Every publication is pushed to each of the site's destinations. Jobs started in
    // the last quarter of an hour are still running; older ones finished or failed.
    static constexpr QStringView kErrors[] = {
        u"HTTP 503 from the destination's API: service temporarily unavailable.",
        u"Timed out after 30 s waiting for the destination.",
        u"Rejected by the destination: the lead image is larger than 10 MB.",
        u"Authentication failed: the access token for this destination has expired.",
    };
    const QString sectorSlug = slugify(sectorDef.name.toString());
    for (const PPublish &pub : p.publishes) {
        const qint64 when = at(pub.at);
        const qint64 age = m_now - when;
        for (int d = 0; d < site.destinationCount; ++d) {
            const QString destination = site.destinations[std::size_t(d)].toString();
            PublishingRecord r;
            r.id = m_nextPublishing++;
            r.accountId = doc.accountId;
            r.siteId = doc.siteId;
            r.sectorId = doc.sectorId;
            r.editionId = ids[std::size_t(pub.edition)];
            r.destination = destination;
            r.createdAt = toDateTime(when);
            QString url;
            if (d == 0) {
                url = u"https://" + site.domain.toString() + u'/' + sectorSlug + u'/' + slug;
            } else {
                url = u"https://" + slugify(destination) + u".example/" + site.bundle.toString() + u'/'
                    + QString::number(r.id * 7919 % 1000003 + 100000);
            }
            if (age < 15 * kMinute) {
                r.status = d == 0 ? PublishingStatus::Published
                    : d == 1      ? PublishingStatus::Publishing
                                  : PublishingStatus::Pending;
                r.updatedAt = toDateTime(when + (d == 0 ? 20 * kSecond : 0));
                if (r.status == PublishingStatus::Published)
                    r.externalUrl = url;
            } else if ((pub.failOne && d == 1) || (d > 0 && m_rng.chance(0.04))) {
                r.status = PublishingStatus::Failed;
                r.error = m_rng.pick(Words(kErrors)).toString();
                r.updatedAt = toDateTime(when + m_rng.between64(30 * kSecond, 5 * kMinute));
                if (auto st = m_writer.upsert(r); !st)
                    return st;
                ++rows;
                if (!m_rng.chance(0.5))
                    continue;
                // Retried by hand later, successfully.
                r.id = m_nextPublishing++;
                r.status = PublishingStatus::Published;
                r.error.clear();
                r.externalUrl = url;
                r.createdAt = toDateTime(when + m_rng.between64(10 * kMinute, 60 * kMinute));
                r.updatedAt = r.createdAt.addSecs(m_rng.between(5, 90));
            } else {
                r.status = PublishingStatus::Published;
                r.externalUrl = url;
                r.updatedAt = toDateTime(when + m_rng.between64(3 * kSecond, 90 * kSecond));
            }
            if (auto st = m_writer.upsert(r); !st)
                return st;
            ++rows;
        }
    }
    m_rowsInBatch += rows;
    return {};
}

Status Generator::commitIfFull(bool force)
{
    if (!force && m_rowsInBatch < kBatchRows)
        return {};
    if (m_tx) {
        if (auto st = m_tx->commit(); !st)
            return st;
        m_tx.reset();
    }
    m_rowsInBatch = 0;
    if (m_options.progress) {
        // The hand-sized demo's total is only known at the end: estimate it from the average so far.
        qint64 total = m_options.editions;
        if (total <= 0 && m_documentsWritten > 0)
            total = std::max(m_editionsWritten, m_editionsWritten * kDefaultDocuments / m_documentsWritten);
        m_options.progress(m_editionsWritten, std::max(total, m_editionsWritten));
    }
    if (force)
        return {};
    m_tx.emplace(m_db);
    if (!m_tx->isActive())
        return m_tx->error();
    return {};
}

// --- deployments ------------------------------------------------------------------------------

Status Generator::writeDeployments()
{
    Id id = 1;
    const qint64 extra = m_options.editions > 0 ? m_options.editions / 20000 : 0;
    for (int s = 0; s < kSiteCount; ++s) {
        const SiteRef &ref = m_sites.at(s);
        const SiteDef &site = *ref.def;
        const int account = site.account;
        const int count = m_rng.between(14, 24) + int(extra);
        const qint64 first = ref.createdMs + 2 * kDay;
        const qint64 last = m_now - 30 * kMinute;
        qint64 previous = first - kDay;
        int lastGood = 0;
        for (int v = 1; v <= count; ++v) {
            DeploymentRecord d;
            d.id = id++;
            d.accountId = account + 1;
            d.siteId = ref.id;
            d.version = v;
            const bool isLast = v == count;
            qint64 created = first + (last - first) * (v - 1) / std::max(1, count - 1)
                + m_rng.between64(-12 * kHour, 12 * kHour);
            created = std::max(previous + kHour, std::min(created, last));
            // The two newest deployments of the first sites of each account are still running.
            if (isLast && s == 0)
                created = m_now - 3 * kMinute;
            else if (isLast && s == 3)
                created = m_now - 1 * kMinute;
            previous = created;
            d.createdAt = toDateTime(created);

            DeploymentStatus status = DeploymentStatus::Deployed;
            if (isLast && s == 0)
                status = DeploymentStatus::Deploying;
            else if (isLast && s == 3)
                status = DeploymentStatus::Pending;
            else if ((s == 1 && v == count - 2) || (!isLast && m_rng.chance(0.1)))
                status = DeploymentStatus::Failed;
            else if ((s == 2 && v == count - 3) || (!isLast && m_rng.chance(0.06)))
                status = DeploymentStatus::RolledBack;
            d.status = status;

            const UserRef &by = pickManager(account);
            d.startedBy = by.id;
            const int pages = 200 + v * m_rng.between(20, 60)
                + (m_options.editions > 0 ? int(m_options.editions / 20) : 0);
            QString commit;
            for (int k = 0; k < 40; ++k)
                commit += QChar(u"0123456789abcdef"[m_rng.below(16)]);
            const QString bundle = QStringLiteral("%1-v%2-%3").arg(site.bundle).arg(v).arg(commit.left(7));
            d.url = u"https://" + site.domain.toString() + u"/_bundles/v" + QString::number(v) + u'/';
            const qint64 duration = m_rng.between64(25 * kSecond, 140 * kSecond);
            QJsonObject meta {
                { QStringLiteral("bundle"), bundle },
                { QStringLiteral("pages"), pages },
                { QStringLiteral("commit"), commit },
                { QStringLiteral("trigger"),
                  m_rng.chance(0.7) ? QStringLiteral("manual") : QStringLiteral("nightly") },
            };

            auto stamp = [created](qint64 offset) {
                return QDateTime::fromMSecsSinceEpoch(created + offset, QTimeZone::UTC).toString(u"HH:mm:ss");
            };
            QStringList log;
            if (status == DeploymentStatus::Pending) {
                log << stamp(0) + u" Deployment v" + QString::number(v) + u" queued by " + by.name;
                log << stamp(kSecond) + u" Waiting for the nightly sitemap job to finish";
            } else {
                log << stamp(0) + u" Deployment v" + QString::number(v) + u" started by " + by.name;
                log << stamp(2 * kSecond) + u" Collecting live content: " + withThousands(pages) + u" pages";
                log << stamp(9 * kSecond) + u" Rendering templates";
                if (status == DeploymentStatus::Failed) {
                    log << stamp(duration / 2) + u" ERROR: template 'article.html' failed on page "
                            + withThousands(m_rng.between(1, pages)) + u": missing field 'standfirst'";
                    log << stamp(duration / 2 + kSecond) + u" Deployment failed; v"
                            + QString::number(lastGood) + u" stays live";
                    meta.insert(QStringLiteral("error"), QStringLiteral("Template rendering failed"));
                } else if (status == DeploymentStatus::Deploying) {
                    log << stamp(40 * kSecond) + u" Uploading bundle " + bundle;
                } else {
                    log << stamp(duration - 12 * kSecond) + u" Uploading bundle " + bundle + u" ("
                            + QString::number(m_rng.between(120, 990) / 10.0, 'f', 1) + u" MB)";
                    log << stamp(duration - kSecond) + u" Switching traffic to v" + QString::number(v);
                    log << stamp(duration) + u" Deployed in " + QString::number(duration / kSecond) + u" s";
                }
            }
            if (status == DeploymentStatus::Deployed || status == DeploymentStatus::RolledBack
                || status == DeploymentStatus::Failed) {
                d.finishedAt = toDateTime(
                    created + (status == DeploymentStatus::Failed ? duration / 2 + kSecond : duration));
                meta.insert(QStringLiteral("duration_ms"),
                            double(status == DeploymentStatus::Failed ? duration / 2 + kSecond : duration));
            }
            if (status == DeploymentStatus::RolledBack) {
                const qint64 back = created + duration + m_rng.between64(10 * kMinute, 3 * kHour);
                log << QDateTime::fromMSecsSinceEpoch(back, QTimeZone::UTC).toString(u"HH:mm:ss")
                        + u" Rolled back to v" + QString::number(lastGood) + u" by " + by.name
                        + u": broken navigation on mobile";
                meta.insert(QStringLiteral("rolled_back_to"), lastGood);
            }
            if (status == DeploymentStatus::Deployed)
                lastGood = v;
            d.metadata = meta;
            d.log = log.join(u'\n');
            if (auto st = m_writer.upsert(d); !st)
                return st;
            ++m_rowsInBatch;
        }
    }
    return {};
}

Status Generator::run()
{
    QSqlQuery check(m_db);
    if (!check.exec(
            QStringLiteral("SELECT (SELECT count(*) FROM accounts) + (SELECT count(*) FROM editions)"))
        || !check.next()) {
        return sqlError(check, "demo_write_failed");
    }
    if (check.value(0).toLongLong() > 0) {
        return Error { QStringLiteral("demo_not_empty"),
                       QStringLiteral("The demo workspace can only be written into an empty database.") };
    }
    check.finish();

    // FTS5 merges index segments a little after every commit; in a bulk load that is
    // most of its work. Merging is switched off for the load and done once at the end,
    // then the defaults (automerge 4, crisismerge 16) are restored, also after a failure.
    Status st = setFtsOption(u"automerge", 0);
    if (st)
        st = setFtsOption(u"crisismerge", 1000);
    // A bigger page cache for this connection while loading: the indexes of a large
    // workspace are written all over, and every evicted dirty page is written twice.
    QSqlQuery cache(m_db);
    int previousCache = 0;
    if (cache.exec(QStringLiteral("PRAGMA cache_size")) && cache.next())
        previousCache = cache.value(0).toInt();
    cache.finish();
    cache.exec(QStringLiteral("PRAGMA cache_size = -262144"));
    if (st)
        st = load();
    m_tx.reset(); // rolls back the batch that failed, if any
    if (st)
        st = setFtsOption(u"optimize", -1);
    const Status restored = setFtsOption(u"automerge", 4);
    const Status restoredCrisis = setFtsOption(u"crisismerge", 16);
    if (previousCache != 0)
        cache.exec(QStringLiteral("PRAGMA cache_size = %1").arg(previousCache));
    if (!st)
        return st;
    if (!restored)
        return restored;
    if (!restoredCrisis)
        return restoredCrisis;

    // Fresh statistics for the planner, outside any write transaction.
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("ANALYZE")))
        return sqlError(q, "demo_analyze_failed");
    if (!q.exec(QStringLiteral("PRAGMA optimize")))
        return sqlError(q, "demo_analyze_failed");
    qCInfo(lcDemo) << "demo workspace written:" << m_documentsWritten << "documents," << m_editionsWritten
                   << "editions";
    return {};
}

Status Generator::load()
{
    buildTenancy();
    m_tx.emplace(m_db);
    if (!m_tx->isActive())
        return m_tx->error();
    if (auto st = writeTenancy(); !st)
        return st;

    for (int i = 0;; ++i) {
        if (m_options.editions > 0 ? m_editionsWritten >= m_options.editions : i >= kDefaultDocuments)
            break;
        const Scenario sc = i < kShowcaseCount ? showcase(i) : randomScenario();
        DocPlan p;
        plan(sc, p);
        m_timeline = m_options.editions > 0 ? std::min(1.0, double(m_editionsWritten) / m_options.editions)
                                            : double(i) / kDefaultDocuments;
        if (auto st = writeDocument(p); !st)
            return st;
        if (auto st = commitIfFull(false); !st)
            return st;
    }
    if (auto st = writeDeployments(); !st)
        return st;
    return commitIfFull(true);
}

// An FTS5 command on the full-text index ('optimize') or, with a value, one of its options.
Status Generator::setFtsOption(QStringView option, int value)
{
    QSqlQuery q(m_db);
    if (value < 0) {
        q.prepare(QStringLiteral("INSERT INTO edition_fts(edition_fts) VALUES (?)"));
        q.addBindValue(option.toString());
    } else {
        q.prepare(QStringLiteral("INSERT INTO edition_fts(edition_fts, rank) VALUES (?, ?)"));
        q.addBindValue(option.toString());
        q.addBindValue(value);
    }
    if (!q.exec())
        return sqlError(q, "demo_fts_failed");
    return {};
}

} // namespace

QList<std::pair<QString, QString>> DemoWorkspace::schemaSources()
{
    QList<std::pair<QString, QString>> out;
    out.reserve(kSchemaCount);
    for (const SchemaDef &d : kSchemaDefs)
        out.append({ QString::fromUtf8(d.name), QString::fromUtf8(d.json) });
    return out;
}

Status DemoWorkspace::generate(QSqlDatabase &db, const Options &options)
{
    Generator g(db, options);
    return g.run();
}

} // namespace Galley
