// Package stats computes the dashboard and Backoffice statistics of
// learnstats, each rule of SPEC sections 2 and 9 implemented exactly, over
// records the caller supplies; the learner, collaboration and registration
// statistics (sections 3 and 6) and the public profiles (section 5) are in
// its subpackages learners and profiles.
//
// Every aggregate has three levels: an accumulator whose zero value is empty
// (or, where it needs a configuration, a constructor), with Add, Merge
// (associative and commutative) and Result; a one-call function over an
// iter.Seq; and a result type whose lists have a total, documented order.
// Time-dependent calls take asOf; windows are half-open
// ([learnstats.Window], [learnstats.LastDays]). Invalid records make the
// call return an error naming the record and wrapping one of the package's
// exported sentinels (use errors.Is); records legitimately left out (outside
// a window, outside the viewer's scope) are counted in the result. Averages
// are exact (integers or decimal.Decimal) and rounded half away from zero
// only where a rule shows an integer.
//
// The rules follow with their IDs, which code comments and test names cite.
//
// # Training dashboards (Opigno statistics)
//
// The training dashboards take per-learner facts as their own records, so
// that package stats does not depend on package scoring: TrainingLearner
// (one per learner × training: registration time, progress S-8 as an exact
// percent, completion time S-10, training score S-6, mandatory step statuses
// S-9, time spent S-11, certificate expiration) and TrainingStepResult (one
// per learner × step: completion time, score, time spent). A caller fills
// them from package scoring's results or from its own LMS. Every aggregate
// is an accumulator ([ActiveUsersPerDay], [TrainingProgress],
// [TrainingResults], [TrainingContent], [DashboardUserMetrics]) whose zero
// value is empty, with Add, Merge (associative and commutative; accumulators
// with different settings do not merge: [ErrDashboardMismatch]) and Result,
// plus a one-call function over iter.Seq. Means and shares are exact
// ([DashboardRatio]); they are rounded half away from zero only where a
// dashboard shows an integer (Round) or a fixed number of decimals
// (Decimal). Bad records are errors wrapping [ErrInvalidDashboardRecord]
// naming the training, step or user.
//
// D-1 Active users per day. For a date range (e.g. one month) in a location:
// the number of distinct users with at least one qualifying event per
// calendar day; every day of the range is present (zero-filled). The
// qualifying event is the caller's choice (login in Opigno 3.0, "submitted
// an answer" in newer Opigno): pass only those events. The range is
// half-open [Start, End): a login at exactly midnight after the month
// belongs to the next month (Opigno counts it in day 1 of the month; the
// library does not) and is counted in OutsideRange. Days are calendar days
// in the location, so a month that contains a daylight-saving change still
// has one entry per calendar day (23- and 25-hour days included). See
// [ActiveUsersPerDay] and [CountActiveUsersPerDay].
//
// D-2 Training progress and completion. For one training at a cutoff: the
// learners are those registered strictly before the cutoff (later ones are
// counted in NotRegisteredYet and left out); progress = mean of the
// learners' progress (S-8); completion = learners who completed the training
// strictly before the cutoff / learners registered before it. Learners whose
// certificate has expired at the cutoff (expiration <= cutoff) stay in the
// denominator and count as 0 progress, not completed. Global figures over
// several trainings are the unweighted mean over trainings of the
// per-training figures; trainings are keyed by ID, not by name, so two
// trainings with the same name stay separate. A training with no learner has
// no figure (no value, not 0) and is left out of the global mean (counted in
// TrainingsWithoutLearners). The progress a record carries is used as given:
// compute it at the cutoff when the cutoff is in the past. See
// [TrainingProgress] and [ComputeTrainingProgress].
//
// D-3 Class statistics. The same figures restricted to the members of a
// class and to the trainings the class is registered in (members ×
// trainings). Records of other users or trainings are counted in
// OutsideClass. A member with no record for a class training is a learner of
// it since the class's registration in the training, with 0 progress and not
// completed (counted in ClassMembersWithoutRecord). See [TrainingClass] and
// [ComputeClassStatistics].
//
// D-4 Users results. Per learner of a training registered before asOf: score
// (S-6), status and time spent (S-11). The status is Expired when the
// learner's certificate has expired at asOf (it wins over every other
// status); else Success when the training was completed before asOf (S-10)
// or every mandatory step passed (at least one mandatory step, none failed
// or pending); else Failed when at least one mandatory step failed and none
// is pending (S-9: the learner has answered everything without passing);
// else Pending. Rows are ordered by training ID, then user ID. See
// [TrainingResults], [TrainingStatusAt] and [ComputeTrainingResults].
//
// D-5 Training content. Per step of a training, with the training's members
// (learners registered before asOf): % completed = members who completed the
// step before asOf / all members (those who never started it included); the
// average score over the members with a score for the step; the average time
// spent over the members who started the step (have a record), rounded half
// away from zero to the second. Step results of non-members and of steps not
// in the catalogue are left out and counted. Steps are listed by position,
// ties by step ID. See [TrainingContent] and [ComputeTrainingContent].
//
// D-6 User metrics. Number of users (accounts created before asOf; later
// ones are counted in CreatedAfterAsOf); new users: created in the last 7
// days; recently active users: last access in the last 7 days. "The last 7
// days" is the half-open window learnstats.LastDays(asOf, 7) = [asOf − 7
// calendar days, asOf) in asOf's location, so it stays 7 calendar days
// across a DST change; a last access at or after asOf is not recent (counted
// in AccessAfterAsOf). See [DashboardUserMetrics] and
// [ComputeDashboardUserMetrics].
//
// # Learner statistics, collaborative activity and registrations (360Learning)
//
// Rules L-1 … L-9 and R-1 … R-6 live in package
// github.com/learnstats/learnstats/stats/learners.
//
// # Public statistics (last 90 days)
//
// Rules P-1 … P-3 live in package
// github.com/learnstats/learnstats/stats/profiles.
//
// # Backoffice reports
//
// B-1 Aggregated cards. The backoffice cards count, over the users given:
// the total users; the premium users; the journals (completed journal
// sessions, not sessions started); the journal messages; the lessons
// completed (every completion, so a lesson completed twice counts twice);
// the chats (conversations); and the chat messages. Each user record carries
// its own counters (BackofficeUser), each between 0 and MaxBackofficeCount;
// the cards are their sums. BackofficeCardsAccumulator is the accumulator
// (zero value empty, Add, Merge associative and commutative, Result); it
// keeps only the sums and so cannot see a user added twice, which
// BackofficeCardsOf, the one-call form, rejects.
//
// B-2 Per-user table. BackofficeUsers lists the users with the columns
// Registration date, Email, Premium, Journals completed, Journal messages,
// Lessons completed, Chats, Chat messages. It sorts by any of these columns
// (BackofficeSortColumn; registration by instant, an unregistered user
// first; emails byte-wise; False before True), ascending or descending; ties
// are broken by email, then by user ID, both ascending whatever the
// direction, so the order is total and does not depend on the input order.
// The premium filter keeps All users, only premium ones (True) or only
// non-premium ones (False); the users it leaves out are counted in
// FilteredOut. An undefined sort column or filter value is an error wrapping
// ErrInvalidBackofficeQuery; ParseBackofficeSortColumn and
// ParseBackofficePremiumFilter read the header texts and the words All /
// True / False. BackofficeTableAccumulator gathers the users from several
// sources (zero value empty, Add, Merge associative and commutative,
// Result(query)) and rejects a user ID seen twice, in Add or across a Merge;
// BackofficeUsers is its one-call form.
//
// B-3 Per-user CSV. The CSV rows (BackofficeTable.WithAges) are B-2's rows,
// in the table's order, plus Age and Sex. Age is the number of whole years
// from the birth date to asOf's calendar day in a caller-given location (UTC
// when nil): the year is complete on the birthday, a 29 February birthday is
// reached on 1 March in non-leap years, a user born on asOf's day is 0, and
// the cell is empty when the birth date is unknown. A birth date after
// asOf's day is invalid input. Sex is one of Female, Male, Other, or empty
// when not stated; any other value is an error naming the user.
//
// B-4 Survey export. SurveyResultsOf exports one survey for an optional date
// range of inclusive calendar days in a location (UTC when nil): from
// midnight of the first day to the last nanosecond before the midnight after
// the last day; either bound may be left open. There is one row per
// submission, with the columns Email, then one per question in the survey's
// order (the header is the question's text; a repeated text gets the suffix
// " (2)", " (3)", … from its second occurrence on, and a question whose text
// is Email or Submission date is suffixed the same way so that those two
// columns keep their names), then Submission date. Several answers to one
// question are joined with "; " in the order recorded; an unanswered
// question is an empty cell. Rows are ordered by submission time, ties by
// email, then by submission ID. Submissions outside the range are left out
// and counted (OutsideRange), as are submissions of other surveys
// (OtherSurveys). An answer to a question that is not in the survey, a
// duplicate or unnamed submission, or one without a time is an error naming
// the submission. SurveyResultsAccumulator (NewSurveyResultsAccumulator,
// Add, Merge associative and commutative for the same survey and range,
// Result) gathers the rows from several sources; SurveyResultsOf is its
// one-call form.
package stats
