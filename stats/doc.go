// Package stats computes the dashboard, learner, profile, collaboration
// and Backoffice statistics of learnstats, each rule of SPEC sections 2, 3,
// 5, 6 and 9 implemented exactly, over records the caller supplies.
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
// L-1 Time spent (users list). Total time spent in courses: the sum of all
// course attempts' durations.
//
// L-2 Total time spent (general stats exports). The time spent on all course
// blocks, except that when a learner made several attempts at one course
// within one program session, only the most recent attempt's duration counts
// ("most recent" = latest start; on a tie, the higher attempt ID). Attempts
// outside any program session are summed as they are. Example: in session S1
// course C attempts of 10 min then 5 min count 5 min; plus a standalone
// attempt of 15 min the total is 20 min.
//
// L-3 Last activity. The latest activity time in a course, shown as
// DD/MM/YYYY HH:mm (24 h) in the viewer's location. An attempt's activity
// time is its last activity time, or its start when none is recorded.
//
// L-4 Direct report. The number of users whose manager is this user; the
// managees' own managees are not counted. A user listed twice as someone's
// manager counts that user once. In a scoped result only the managees the
// viewer may see are counted.
//
// L-5 Avg score. The mean of all the user's scores on courses and
// assessments (every scored attempt counts once), as an integer percent
// rounded half away from zero on the exact ratio (57 and 58 give 58); empty
// when the user has no score. A scored 0 is a score.
//
// L-6 Completed / assigned. Completed programs, paths and courses are those
// where the learner reached 100 % completion (any attempt or progress record
// at 100). Assigned programs and paths are the distinct program sessions and
// paths assigned to the learner individually or through any of their groups:
// an assignment through two routes counts once. Attended classrooms are the
// distinct classrooms where the learner was marked attended.
//
// L-7 Messages. The number of published posts; the library counts published
// posts and replies in every place, and leaves drafts and withdrawn posts
// out.
//
// L-8 Courses, paths, programs tables. Courses: Name, Progress (the highest
// reached), Score (of the most recent scored attempt), Attempts, Time spent
// (all attempts), Last activity, ordered by last activity (newest first,
// ties by course ID). Programs: Name, Progress, Score, Time spent (L-2
// inside the session), End, Last activity, ordered by session creation date
// (oldest first, ties by session ID). Attempt detail: Score, Date, Time,
// Language, Program, most recent attempt first.
//
// L-9 Answered questions. Per question: Question, Score (of the latest
// answer; on a time tie the higher answer ID), Answer count, Last activity;
// ordered by last activity (newest first, ties by question); the drill-down
// lists every answer's Score and Date, latest first.
//
// R-1 Publications. Posts by the user in the newsfeed of a group, a session
// or a user's profile page; replies to posts there count too. Only published
// posts count.
//
// R-2 Comments. Posts and replies by the user in the contextual forum of a
// course, a learning need or a project, plus replies by the user in a
// newsfeed (so a newsfeed reply counts both as a publication and a comment,
// as documented). Only published posts count.
//
// R-3 Reactions. Reactions by the user in courses' activities, plus likes on
// posts.
//
// R-4 Scope. An administrator sees the users of their groups; an author sees
// the users who played their courses (at least one attempt at one of them
// before asOf). Rows of users outside the scope are left out and counted; a
// manager's or inviter's email is shown only when the viewer may see that
// user, and direct reports count only visible managees.
//
// R-5 Invited by. The email of the user who invited or created the account;
// for an account created through the API, the platform owner's email; empty
// for a self-registered account, an account created by SSO provisioning on
// first connection, the platform's creator, and a user deleted and
// re-invited before 13 November 2024 (before 00:00 UTC that day, whatever
// the creation method).
//
// R-6 Auto deletion. The account's automatic deletion date, if any, shown as
// DD/MM/YYYY in the viewer's location.
//
// Row order. Every learner, collaboration and registration result and export
// lists users by last name, then first name, then email (each
// case-insensitively, then byte-wise), then ID.
//
// # Public statistics (last 90 days)
//
// The role decides which metrics a profile shows. A user who is the platform
// owner, or an administrator (not a user administrator) or an author in at
// least one group, is a creator; everyone else is a learner. See
// PublicProfile.Role, PublicCatalog, PublicAccumulator (Add…, Merge, Result)
// and the one-call PublicStatsOf; records left out (outside the window,
// top-level posts, replies to replies, other places, self-comments,
// reactions other than likes, unpublished courses) are counted in
// PublicStats.LeftOut, and every invalid record is an error naming it that
// wraps ErrInvalidPublicRecord (ErrPublicDuplicateCycle for a course that
// is, through duplicates, a duplicate of itself).
//
// P-1 Creator metrics. Course views: attempts in the window on courses whose
// main author is the user, including duplicates of those courses (a course
// duplicated from one of theirs, transitively). Comments received: comments
// in the window on those courses. Average reaction score: mean of the
// reaction scores in the window on those courses (2 decimals). Published
// courses: courses published by the user (all time). Hover summary: course
// views. The library credits a course's activity to the distinct main
// authors of the course and of every course it was duplicated from
// (PublicCatalog.CreditedAuthors), once each; a cycle of duplicates is an
// error. The average is the exact sum over the count, rounded half away from
// zero to 2 places (DivRound, rendered with StringFixed(2)); there is no
// average without reactions. "All time" means published before asOf.
// Attempts, comments and reactions by the author themself are counted (the
// rule does not exclude them).
//
// P-2 Learner metrics. Completed courses: completions in the window (a
// course completed twice counts 2). Comments received: comments in the
// window, by someone else, that answer a post the user published in a group
// newsfeed or a course/path forum (replies to the user's own replies are
// excluded). Reactions received: "like" reactions in the window on those
// same posts. Total training time: time spent on courses in the window.
// Hover summary: comments received and reactions received. The library
// counts only direct replies to a top-level post (a reply to any reply, the
// user's own included, is left out); the post itself may be older than the
// window. Likes are counted whoever gives them, as the rule states no author
// condition for reactions. Training time adds each session's part inside the
// window (sessions are clipped to it).
//
// P-3 Window: the last 90 days, [asOf.AddDate(0, 0, -90), asOf) in asOf's
// location (PublicWindow, learnstats.LastDays): an event exactly 90 calendar
// days before asOf is inside, one a nanosecond earlier is outside, an event
// at asOf is outside, and the window is 90 calendar days even across a
// daylight-saving change.
//
// # Backoffice reports
//
// The Backoffice reports (B-1 … B-4: aggregated cards, per-user table,
// per-user CSV with ages, survey export) are in package
// github.com/learnstats/learnstats/stats/backoffice.
package stats
