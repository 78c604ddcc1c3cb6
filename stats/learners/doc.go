// Package learners computes 360Learning's learner statistics (Rules L-1 …
// L-9), collaborative activity (R-1 … R-4) and registrations:
// one row per user, as one viewer sees them, for the users, general stats,
// user general stats, collaborative activity and registrations exports,
// and one learner's drill-down tables (courses, programs, answered
// questions).
//
// # How to call it
//
// The records are the shared ones of package learnstats, mapped once from
// the LMS — course attempts are [learnstats.Attempt], posts
// [learnstats.Post], reactions [learnstats.Reaction], answers
// [learnstats.QuestionAnswer], assessment scores
// [learnstats.AssessmentScore] — plus the records only these rules read:
// [Progress], [Attendance], [Assignment], [Registration]. Build an
// [Accumulator] for the viewer as of an instant (asOf, the directory of
// users, the viewer's scope and the [Options] are its definition), add the
// records, and take the [Result]:
//
//	acc, err := learners.NewAccumulator(asOf, dir, coachScope, learners.Options{Groups: groups})
//	err = acc.AddAttempt(a) // … for every record, in any order
//	res := acc.Result()
//	row, ok := res.User("u42")
//
// [StatsOf] does all of it in one call over iter.Seq streams. Shards
// computed apart combine with [Accumulator.Merge]; a source that can fail
// (a database cursor) feeds an Add method through [learnstats.Feed].
//
// One learner's drill-down tables (L-8, L-9) list every attempt and
// answer of that learner: they come from a [DetailAccumulator] built for
// that learner, fed that learner's attempts, progress records and answers.
//
// # asOf, fixed at construction
//
// asOf is the first argument of [NewAccumulator] and
// [NewDetailAccumulator], not of Result, so that each record is judged as
// it arrives: a record at or after asOf is left out and counted
// ([Result].Later), and the others are folded at once into the user's
// running figures (the sums of L-1 and L-5, the latest attempt at each
// course within each program session for L-2, the last activity, the sets
// of L-6, the counts of L-7 and R-1 … R-3, the registration). So the
// accumulator's memory grows with the users and with the distinct
// (program session, course) pairs, courses and items of each, never with
// the number of attempts, posts or reactions. The zero asOf means no
// cut-off: every record counts. The figures as of another instant come
// from another accumulator fed the same records; Merge refuses an
// accumulator built for another asOf ([learnstats.ErrMismatch]).
//
// # Scope
//
// The scope is given once, at construction: the result holds only the
// rows of users the scope sees, their groups and managers restricted to the
// scope, and the groups it sees ([Result.Groups]), which are the group
// columns of the exports. Package export builds its tables from the result
// itself and writes only that result's rows ([Result.Owns]), so the rows
// and the group columns of an export can never come from two scopes.
//
// # Two times spent
//
// The same [learnstats.Attempt] gives two different times spent, as the
// platforms define them (see the root Attempt's documentation). Opigno's
// S-11 (package scoring, the training results export) is the wall-clock
// span Finish − Start of each finished attempt; 360Learning's L-1 and L-2
// (this package, the users and general stats exports) add the TimeSpent
// the platform measured in every attempt, finished or not, L-2 keeping
// only the latest attempt at a course within a program session. A learner
// who left an attempt open for an hour and worked twenty minutes in it has
// 1 h in the first and 20 min in the second; unfinished, 0 and 20 min
// (see the package example).
//
// # Rules
//
// L-1 Time spent (users list). Total time spent in courses: the sum of all
// course attempts' durations (their TimeSpent).
//
// L-2 Total time spent (general stats exports). The time spent on all
// course blocks, except that when a learner made several attempts at one
// course within one program session, only the most recent attempt's
// duration counts ("most recent" = latest start; on a tie, the higher
// attempt ID, [learnstats.CompareIDs]). Attempts outside any program
// session are summed as they are. Example: in session S1 course C attempts
// of 10 min then 5 min → 5 min; plus a standalone attempt of 15 min → total
// 20 min.
//
// L-3 Last activity. The latest activity time in a course, shown as
// DD/MM/YYYY HH:mm (24 h) in the viewer's location. An attempt's activity
// time is its LastActivity, or its Finish when that is zero and the attempt
// is finished, or its Start; it is also the attempt's time
// for asOf: an attempt whose activity time is at or after asOf is left out
// of every figure and counted.
//
// L-4 Direct report. The number of users whose manager is this user; the
// managees' own managees are not counted. A user listed twice as someone's
// manager counts once; a scoped result counts only the managees the viewer
// may see.
//
// L-5 Avg score (exports). The mean of all the user's scores on courses and
// assessments (every scored attempt counts once), as an integer percent;
// empty when the user has no score. The mean is exact ([learnstats.Ratio])
// and the exports round it half away from zero (57 and 58 give 58); a
// scored 0 is a score.
//
// L-6 Completed / assigned. Completed programs, paths, courses: those where
// the learner reached 100 % completion (an attempt, or a progress record,
// at 100). Assigned programs / paths: distinct program sessions / paths
// assigned to the learner individually or through any of their groups (an
// assignment through two routes counts once). Attended classrooms:
// classrooms where the learner was marked attended, each once.
//
// L-7 Messages. The number of published posts: posts and replies in every
// place but [learnstats.PlaceOther] (which no rule counts); drafts and
// withdrawn posts are left out and counted.
//
// L-8 Courses, paths, programs tables. Courses: Name, Progress (the
// highest), Score (of the most recent scored attempt), Attempts, Time
// spent, Last activity, ordered by last activity (newest first). Programs:
// Name, Progress, Score, Time spent (L-2 inside the session), End, Last
// activity, ordered by session creation date (oldest first). Attempt
// detail: Score, Date, Time, Language, Program, most recent first. See
// [DetailAccumulator].
//
// L-9 Answered questions. Per question: Question, Score (of the latest
// answer, as an integer percent rounded half away from zero), Answer count,
// Last activity; ordered by last activity (newest first); drill-down lists
// every answer's Score and Date, latest first.
//
// R-1 Publications: posts by the user in the newsfeed of a group, a
// session or a user's profile page; replies to posts there count too.
//
// R-2 Comments: posts and replies by the user in the contextual forum of a
// course, a learning need or a project, plus replies by the user in a
// newsfeed (so a newsfeed reply counts both as a publication and a
// comment, as documented). A path's forum is not listed: its posts are
// neither.
//
// R-3 Reactions: reactions by the user in courses' activities, plus likes
// on posts. Post reactions of the other kinds (love, celebrate, …) are left
// out and counted.
//
// R-4 Scope: an administrator sees the users of their groups
// ([learnstats.GroupScope]); an author sees the users who played their
// courses ([AuthorScope]). Users outside the scope have no row and none of
// their records is counted; a manager's or an inviter's email is shown only
// when the viewer may see that user.
//
// R-5 Invited by: the email of the user who invited or created the
// account; for an account created through the API, the platform owner's
// email; empty for a self-registered account, an account created by SSO
// provisioning on first connection, the platform's creator, and a user
// deleted and re-invited before 13 November 2024 (before 00:00 UTC that
// day, whatever the creation method).
//
// R-6 Auto deletion: the account's automatic deletion date, if any.
//
// Rows are ordered by last name, then first name, then email (each
// case-insensitively, then byte-wise), then user ID.
package learners
