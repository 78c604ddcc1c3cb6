// Package stats computes the learner, profile, collaboration and
// Backoffice statistics of learnstats, each rule of SPEC sections 3, 5, 6
// and 9 implemented exactly, over records the caller supplies. The
// training dashboards of section 2 are package stats/dashboard.
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
// The training dashboards, rules D-1 … D-6, are package
// github.com/learnstats/learnstats/stats/dashboard, which reads package
// scoring's results directly.
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
