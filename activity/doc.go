// Package activity computes engagement analytics over a log of
// interactions (SpotMe-style, rules E-1 … E-12) and reads and builds the
// Category / Action / Label activity report (rules A-1 … A-3).
//
// An interaction is any event in the log: a user, a time, what they did
// (the Category / Action / Label [Entry]), the feature or module used, the
// content item, and the operating system ([Event]).
//
// # Engagement analytics (rules E-1 … E-12)
//
// The rules, as the library implements them:
//
//   - E-1 Visits. A user's events, in time order, form one visit until a
//     gap longer than 30 minutes (configurable) starts the next. A visit's
//     duration is its last event's time minus its first's. A visit belongs
//     to the window that contains its first event.
//   - E-2 Insights for a window: unique active users; average visit
//     duration; average number of visits per user (visits / active users);
//     interactions per user per visit (interactions / visits).
//   - E-3 Frequency of visits. Each active user is classed by the median
//     gap between the starts of their consecutive visits: ≤ 1 day daily,
//     ≤ 7 days weekly, ≤ 31 days monthly, longer rarely; a user with one
//     visit is once. The result counts users per class.
//   - E-4 Total interactions per operating system per day.
//   - E-5 Top features. Interactions and distinct users per feature, most
//     used first, ties by name.
//   - E-6 Participants funnel, first 10 steps. Each visit is a path of
//     screens or features (consecutive repeats collapsed), cut after 10
//     steps, ending in exit. Paths are merged into a tree of prefixes; each
//     node holds the number of visits and users that followed it, the
//     views, and the time spent on that step (until the next step's first
//     event; for the last step, until the visit's last event).
//   - E-7 Top users. Users ranked by interactions, ties by user ID, with
//     their visits and average visit duration.
//   - E-8 Content analytics per content type (form, page, user profile,
//     session, speaker, sponsor, document, abstract, search) and item:
//     views, distinct viewers, time spent (an explicit duration when the
//     event carries one, else the time until the user's next event in the
//     same visit), and the split by operating system. Filterable to one
//     item.
//   - E-9 Meetings. Number of meetings in the window, number cancelled,
//     average attendees and average duration over meetings that took
//     place.
//   - E-10 Individual analytics. E-2, interactions per day, top features
//     and the funnel for one user.
//   - E-11 Anonymized analytics. When on, individual analytics are refused
//     with a clear error, and exports replace names and emails with stable
//     pseudonyms derived from a caller-supplied secret key.
//   - E-12 Consent. Events of users who did not accept tracking are left
//     out and counted as such.
//
// [Analytics] is the accumulator of E-1 … E-8 and E-12 ([Analyze] is its
// one-call form), [Meetings] that of E-9 ([MeetingsIn]), [Individual]
// computes E-10, and [Pseudonymizer] the E-11 pseudonyms.
//
// # Decisions where the rules are silent
//
//   - Gap (E-1): two events exactly 30 minutes apart are in one visit;
//     30 minutes and 1 ns apart start a new visit. Events at the same
//     instant are in order.
//   - Windows are half-open [Start, End). A visit counts in the window of
//     its first event with all its events and its whole duration, even
//     those after End; a visit that started before Start counts nowhere in
//     the window, even its events inside it. Every per-event figure (E-2
//     interactions, E-4, E-5, E-6, E-8) counts the events of the window's
//     visits, so interactions / visits is consistent. The events of other
//     visits are counted in [Result].OutsideWindow. Feed the accumulator
//     from before the window's start (from the start of the chain of
//     events that reaches into the window) so that visits are cut right.
//   - Events at or after Config.AsOf are not counted (section 0 of the
//     specification) and do not extend a visit.
//   - Averages are exact: [Ratio] keeps numerator and denominator, and
//     [Ratio.Decimal] rounds half away from zero; average durations are
//     rounded half away from zero to the nanosecond.
//   - Median (E-3): the gaps are sorted; with an odd count it is the
//     middle one, with an even count the mean of the two middle ones,
//     compared exactly (a + b ≤ 2 × limit). The limits are fixed
//     durations: a day is 24 hours, not a calendar day.
//   - Days (E-4, E-10) are calendar days in Config.Location (UTC when nil).
//   - A feature (E-5, E-6) is [Event].Feature, or the Category when it is
//     empty (a report read back from CSV has no feature column).
//   - The funnel (E-6) keeps 10 steps; the 10th step's time runs to the
//     11th step's first event when the path is cut. The exit node follows
//     the last kept step. Children are ordered by visits, ties by step name,
//     exit after named steps.
//   - Content time (E-8): a visit's last event has no next event, so a view
//     without an explicit duration at the end of a visit counts no time.
//   - Meetings (E-9) belong to the window that contains their start; a
//     cancelled meeting counts in the number of meetings and of cancelled
//     ones only.
//   - Anonymized mode (E-11): [Individual] returns an error wrapping
//     [ErrAnonymized]; exports show, for each user, first name
//     "Participant", last name and ID the pseudonym "anon-" + the first 16
//     hex digits of HMAC-SHA256(key, user ID), and no email. In an
//     anonymized activity report, [Pseudonymizer.AnonymizeEvent] also
//     replaces the labels that name a person (profile saved: the acting
//     user's pseudonym; Talk Now and profile views: a keyed hash of the
//     other person's name), which [Pseudonymizer.Anonymize] alone would
//     leave in the Label column.
//   - Consent (E-12): [Consent] is a look-up ([ConsentSet], [ConsentFunc]);
//     a nil Consent means everyone accepted. It is asked once per user, at
//     the user's first event; a ConsentSet is copied at the accumulator's
//     first record (a definition cannot change after it, section 0).
//   - Unknown words (section 0: an unknown enum value is an error naming
//     the record): an entry whose Category is one of the vocabulary's
//     fixed categories must have one of that category's actions (a Click
//     any non-empty action, the module's name); "Poll - …" and
//     "Rating - …" need the action Question, a rating a decimal label,
//     "Review - …" decimal stars and the action Review. Other categories
//     are the caller's own ([KindCustom]) and are allowed. [Event.Validate],
//     [Analytics.Add] and the report [Reader] refuse the rest. The
//     operating system is free text, as the caller names it.
//   - Overflow (section 0): every sum is checked; a total that would pass
//     2⁶³−1 (visit, funnel step or content time in nanoseconds, meeting
//     attendees or durations) is an error wrapping [learnstats.ErrOverflow]
//     naming the record, and a meeting longer than a time.Duration holds
//     is invalid. A count that grows by one per record cannot reach
//     2⁶³−1; where counts are added together (Merge) they are checked too.
//
// # Accumulating, ordering and sharding
//
// Each user's events must reach [Analytics.Add] in time order; users may
// interleave in any way, and the result does not depend on how. An event
// older than the same user's previous event is an error wrapping
// [ErrOutOfOrder]. The state kept is per user (the open visit, counts,
// visit starts, features and funnel nodes reached) and per node (feature,
// funnel node, content item, OS and day), never per event, so memory does
// not grow with the number of events: a user takes 256 bytes (the counts
// of the user's first 16 features included) and its ID's string header,
// plus 16 bytes per visit (its start and funnel exit), 8 per feature past
// the 16th and a map entry per content item and content type viewed; 10
// million events of 100,000 users in the package's benchmark keep about
// 56 MB live.
// [Analytics.Merge] combines accumulators fed with disjoint sets of users
// and the same configuration (shard by user); a shared user is an error
// wrapping [ErrShardOverlap], another configuration (compared as a whole:
// window, asOf, gap, the location's offsets, anonymized mode, the consent
// look-up) one wrapping [ErrConfigMismatch] and [learnstats.ErrMismatch].
// [Meetings.Merge] likewise compares windows, and a Meetings.Window changed
// after the first record is refused. [Analytics.Register] /
// [Analytics.Intern] and [Analytics.Reset] let a long-running caller add
// events without allocating once users are known. With [Analytics.AddRef]
// an event then costs under 100 ns while the user states come from memory
// in order or stay cached between a user's events: about 75–90 ns on a
// shared 2-core AMD EPYC virtual machine, of which the benchmark's own
// generation of the event takes about 20–25 ns, both with users taking
// turns in memory order (BenchmarkAnalyticsRef) and with each user's
// events one after the other (BenchmarkAnalyticsRefByUser). When 100,000
// users interleave at random, as in a live stream or a log sorted by time
// (BenchmarkAnalyticsRefShuffled), every event's user state is a cache
// miss to memory (a user's state is four cache lines: the usual event
// uses the first, a change of feature the two lines of feature counts,
// which are read at once so that the misses overlap) and an event costs
// about 300 ns there; [Analytics.AddRefs] reads the user states of a
// batch's next events ahead so that their misses overlap: about 175 ns.
// For events in memory order AddRefs is slower than AddRef one by one
// (about 115 ns).
//
// # Activity report (rules)
//
// One row per logged action with the user's identity, the date and three
// columns. Fixed words stay fixed; dynamic parts come from the data. The
// vocabulary, with the constructor that builds each row's [Entry]:
//
//	activity                           Category            Action                        Label                        constructor
//	earned credits on content          Credits             Earned                        content name                 CreditsEarned
//	downloaded / claimed credits       Credits             Claimed                       content name                 CreditsClaimed
//	chat message                       Chat                Message                       message text                 ChatMessage
//	clicked content (module/schedule)  Click               module name, or Schedule      content slug                 ClickContent, ClickSchedule
//	clicked metadata (a social link)   Click               Metadata                      URL                          ClickMetadata
//	comment on a content page          Comment             Post                          comment text                 CommentPosted
//	account created                    Create Account      Create                        (empty)                      AccountCreated
//	moderate dialog in a live session  Dialog open         Moderate                      session name                 ModerateDialogOpened
//	analytics report downloaded        Download            Report                        report name                  ReportDownloaded
//	resource downloaded                Download            Resource                      resource title               ResourceDownloaded
//	like                               Like                Content                       content name                 Liked
//	hand raised / lowered              Hand                Raise / Lower                 session name                 HandRaised, HandLowered
//	poll answered                      Poll - {question}   Question                      selected answer              PollAnswered
//	rating answered                    Rating - {question} Question                      selected number              RatingAnswered
//	session review                     Review - {stars}    Review                        text (may be empty)          SessionReviewed
//	internal link                      Link                Internal                      page slug                    InternalLink
//	external link                      Link                External                      URL                          ExternalLink
//	schedule                           Schedule            Start / Complete              session name                 ScheduleStarted, ScheduleCompleted
//	session                            Session             Attend / Joined / Left        session name (1)             SessionAttended, SessionJoined, SessionLeft
//	talk now                           Talk Now            Requested/Accepted/Canceled   other user's name (2)        TalkNowRequested, TalkNowAccepted, TalkNowCanceled
//	track                              Track               Started / Next                track name / lesson name     TrackStarted, TrackNext
//	profile saved                      Update Details      Save                          the user's name              DetailsSaved
//	content viewed                     View Content        View                          content name                 ContentViewed
//	notification clicked               View Notifications  Click                         notification text            NotificationClicked
//	leaderboard opened                 View Leaderboard    Open                          (empty)                      LeaderboardOpened
//	profile opened from leaderboard    View Leaderboard    Profile                       viewed user's name           LeaderboardProfile
//	quick profile opened               View Users          Quick Profile                 viewed user's name           QuickProfile
//	full profile opened                View Users          Full Profile                  viewed user's name           FullProfile
//	video watched / progress           Watched             Watched / Progress            content name / percent (3)   Watched, WatchProgress
//
// (1) For a sub-breakout the label is "Breakout from {session} [#{id}]"
// ([BreakoutName]). (2) Empty for Accepted. (3) The percent reached in
// decimal digits, without a % sign.
//
//   - A-1 The report is readable back: parsing a written report gives the
//     same events (round trip), and dynamic labels ("Poll - …",
//     "Breakout from … [#…]", stars) parse back into their parts.
//   - A-2 Free text (chat messages, comments, reviews) is user input: it
//     is exported safely (formula guard, quoting) and never breaks the CSV.
//   - A-3 Order. Rows are ordered by time, ties by user ID, then by the
//     event's position in its user's stream: any input order that keeps
//     each user's events in time order gives the same bytes. [SortReport]
//     puts the events in that order; the rows are built from them.
//
// [Entry.Kind] names the vocabulary row of an entry; [ParsePoll],
// [ParseRating], [ParseReview] and [ParseBreakout] give the dynamic parts
// back. The export package writes the report ("activity report" table,
// rows from [NewReportRow]); [Reader] and [ReadReport] read it, with
// positioned [*ParseError] errors in the style of encoding/csv. The Date
// column is RFC 3339 with nanoseconds in the viewer's location
// ([ReportDateLayout]): it round-trips the instant exactly, also in the
// hour repeated at a daylight-saving change; only the location's name is
// lost. The X-5 formula guard prefixes user text starting with = + - @ tab
// or CR with a quote; the Reader removes one leading quote from cells made
// of quotes followed by such a character (or LF, since CSV reads a quoted
// CR LF as LF), and the writer doubles the quote of a text that already
// has that shape ([AppendReportText]), so the round trip is exact. As with
// any CSV, a CR LF inside a cell reads back as LF.
package activity
