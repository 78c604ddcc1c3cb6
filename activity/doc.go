// Package activity computes engagement analytics over a log of
// interactions the way SpotMe-style event platforms report them (rules
// E-1 … E-12), and builds and reads the Category / Action / Label activity
// report (rules A-1 … A-3).
//
// An interaction is any event in the log: a user, a time, what they did
// (the Category / Action / Label [Entry]), the feature or module used, the
// content item, and the operating system ([Event]).
//
// # Computing the analytics
//
// Map each row of the LMS's event log to an [Event], with its entry built
// by [NewEntry] from the activity's [Kind] and dynamic [Parts], and add
// the events to an [AnalyticsAccumulator] built for an instant, asOf,
// with the [Options] (the window, the visit gap, the location of calendar
// days, consent, anonymized mode, one user for individual analytics).
// [Analyze] is the one-call form:
//
//	r, err := activity.Analyze(asOf, activity.Options{Window: learnstats.LastDays(asOf, 30)}, events)
//
// A source that can fail (a database cursor) feeds an accumulator
// through learnstats.Feed, so that its error reaches the caller:
//
//	acc, err := activity.NewAnalyticsAccumulator(asOf, opts)
//	…
//	err = learnstats.Feed(eventsFromDB(ctx), acc.Add)
//	r, err := acc.Result()
//
// Each user's events must come in time order; users may interleave in
// any way, and the result does not depend on how. Shard the log by user
// and combine the shards with [AnalyticsAccumulator.Merge]. The
// accumulator keeps no event: its memory grows with users, visits and
// the distinct features, funnel paths, content items and days, not with
// the number of events; adding is cheapest with each user's events
// together. The result, [Analytics], holds every rule's figures and the
// counts of the events left out and why.
//
// Meetings (rule E-9) have their own accumulator, [MeetingsAccumulator],
// and one-call form, [AnalyzeMeetings].
//
// # The activity report
//
// [Report] turns events into the report's rows ([ReportRow]: date,
// identity, Category, Action, Label) in the order of rule A-3, with the
// identities of a user look-up (a learnstats.Directory), anonymized with
// a [Pseudonymizer] when rule E-11 is on; the export package writes them
// (its activity report table), and [ReadReport] reads a written report
// back. [Entry.Parts] gives an entry's activity and dynamic parts back.
//
// # Engagement analytics (rules E-1 … E-12)
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
// The rules live in files named for them: visits.go (E-1), result.go
// (E-2, E-7), frequency.go (E-3), osdays.go (E-4), features.go (E-5),
// funnel.go (E-6), content.go (E-8), meetings.go (E-9), options.go (E-10,
// E-12), anonymize.go (E-11).
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
//     visits, so that interactions / visits is consistent; the events of
//     other visits are counted in [Analytics].OutsideWindow. Feed the
//     accumulator from before the window's start (from the start of the
//     chain of events that reaches into the window) so that visits are cut
//     right.
//   - Events at or after asOf are not counted (SPEC section 0) and do not
//     extend a visit. asOf is fixed when the accumulator is built, not
//     given to Result, because visits are cut as events arrive; the zero
//     asOf means no cut-off.
//   - Averages are exact (learnstats.Ratio) and rounded half away from
//     zero where shown; average durations are rounded half away from zero
//     to the nanosecond.
//   - Median (E-3): the gaps are sorted; with an odd count it is the
//     middle one, with an even count the mean of the two middle ones,
//     compared exactly (a + b ≤ 2 × limit). The limits are fixed
//     durations: a day is 24 hours, not a calendar day.
//   - Days (E-4) are calendar days in Options.Location (UTC when nil); the
//     interactions per day of E-10 are the sum of a day's cells.
//   - A feature (E-5, E-6) is [Event].Feature, or the Category when it is
//     empty (a report read back has no feature column).
//   - The funnel (E-6) keeps 10 steps; the 10th step's time runs to the
//     11th step's first event when the path is cut. The exit follows the
//     last kept step. Children are ordered by visits, ties by step name,
//     exit after named steps.
//   - Content time (E-8): a visit's last event has no next event, so a
//     view without an explicit duration at the end of a visit counts no
//     time. The filter to one item is the item's entry in its type's
//     Items.
//   - Meetings (E-9) belong to the window that contains their start; a
//     cancelled meeting counts in the number of meetings and of cancelled
//     ones only.
//   - Individual analytics (E-10) are the analytics of Options.User's
//     events, the others counted in [Analytics].OtherUsers.
//   - Anonymized mode (E-11): individual analytics are refused with an
//     error wrapping [ErrAnonymized]; anonymized exports show, for each
//     user, first name "Participant", last name and ID the pseudonym
//     "anon-" + the first 16 hex digits of HMAC-SHA256(key, user ID), and
//     no email; an anonymized activity report also replaces the labels
//     that name a person (see [Pseudonymizer]).
//   - Consent (E-12) is a set of the users who accepted tracking, copied
//     at construction; nil means consent is not tracked.
//   - Unknown words (section 0: an unknown enum value is an error naming
//     the record): an entry in one of the vocabulary's categories must use
//     its words (see [Entry]); other categories are the caller's own and
//     are allowed. The operating system is free text, as the caller names
//     it; content types are those of E-8.
//   - Overflow (section 0): every sum is checked; a total that would pass
//     2⁶³−1 (visit, funnel step or content time in nanoseconds, meeting
//     attendees or durations, counts added together by merges) is an
//     error wrapping learnstats.ErrOverflow naming the record, and the
//     call that fails changes nothing. No figure of a result is negative.
//   - Merge refuses accumulators over other options (the whole
//     configuration: instants as instants, locations by their offsets,
//     consent sets user by user), shards that share a user, and
//     a.Merge(a), with an error wrapping learnstats.ErrMismatch.
//
// # Activity report (rules A-1 … A-3)
//
// One row per logged action with the user's identity, the date and three
// columns. Fixed words stay fixed; dynamic parts come from the data: the
// library writes the fixed words ([NewEntry]) and reads them back
// ([Entry.Parts]). The vocabulary, with each activity's [Kind] and
// [Parts]:
//
//	activity                           Category            Action                       Label                     Kind
//	earned credits on content          Credits             Earned                       content name              CreditsEarned
//	downloaded / claimed credits       Credits             Claimed                      content name              CreditsClaimed
//	chat message                       Chat                Message                      message text              ChatMessage
//	clicked content (module/schedule)  Click               {Module}, or Schedule        content slug              ClickContent, ClickSchedule
//	clicked metadata (a social link)   Click               Metadata                     URL                       ClickMetadata
//	comment on a content page          Comment             Post                         comment text              CommentPosted
//	account created                    Create Account      Create                       (empty)                   AccountCreated
//	moderate dialog in a live session  Dialog open         Moderate                     session name              ModerateDialogOpened
//	analytics report downloaded        Download            Report                       report name               ReportDownloaded
//	resource downloaded                Download            Resource                     resource title            ResourceDownloaded
//	like                               Like                Content                      content name              Liked
//	hand raised / lowered              Hand                Raise / Lower                session name              HandRaised, HandLowered
//	poll answered                      Poll - {Question}   Question                     selected answer           PollAnswered
//	rating answered                    Rating - {Question} Question                     {Number} selected         RatingAnswered
//	session review                     Review - {Number}   Review                       text (may be empty)       SessionReviewed
//	internal link                      Link                Internal                     page slug                 InternalLink
//	external link                      Link                External                     URL                       ExternalLink
//	schedule                           Schedule            Start / Complete             session name              ScheduleStarted, ScheduleCompleted
//	session                            Session             Attend / Joined / Left       session name (1)          SessionAttended, SessionJoined, SessionLeft
//	talk now                           Talk Now            Requested/Accepted/Canceled  other user's name (2)     TalkNowRequested, TalkNowAccepted, TalkNowCanceled
//	track                              Track               Started / Next               track / lesson name       TrackStarted, TrackNext
//	profile saved                      Update Details      Save                         the user's name           DetailsSaved
//	content viewed                     View Content        View                         content name              ContentViewed
//	notification clicked               View Notifications  Click                        notification text         NotificationClicked
//	leaderboard opened                 View Leaderboard    Open                         (empty)                   LeaderboardOpened
//	profile opened from leaderboard    View Leaderboard    Profile                      viewed user's name        LeaderboardProfile
//	quick profile opened               View Users          Quick Profile                viewed user's name        QuickProfile
//	full profile opened                View Users          Full Profile                 viewed user's name        FullProfile
//	video watched / progress           Watched             Watched / Progress           content name / {Number}   Watched, WatchProgress
//
// The Label is Parts.Label unless the table says {Number} (a decimal
// integer: the selected number, the percent reached). (1) For a
// sub-breakout, Parts.Breakout: the label is "Breakout from {Label}
// [#{Breakout}]". (2) Empty for Accepted.
//
//   - A-1 The report is readable back: parsing a written report gives the
//     same events (round trip), and dynamic labels (Poll - …, Breakout
//     from … [#…], stars) parse back into their parts.
//   - A-2 Free text (chat messages, comments, reviews) is user input: it
//     is exported safely (the X-5 formula guard and CSV quoting) and never
//     breaks the CSV.
//   - A-3 Order. Rows are ordered by time, ties by user ID, then by the
//     event's position in its user's stream: any input order that keeps
//     each user's events in time order gives the same bytes.
//
// The Date column is RFC 3339 with nanoseconds in the viewer's location:
// it round-trips the instant exactly, also in the hour repeated at a
// daylight-saving change; only the location's name is lost. The X-5
// formula guard prefixes user text starting with = + - @ tab or CR with a
// quote; [ReadReport] removes one leading quote from cells made of quotes
// followed by such a character (or LF, since CSV reads a quoted CR LF as
// LF), and the writer doubles the quote of a text that already has that
// shape ([AppendReportText]), so the round trip is exact. As with any
// CSV, a CR LF inside a cell reads back as LF. ReadReport's errors are
// *csv.ParseError values with the line and column of the problem.
package activity
