// Package profiles computes 360Learning's public profile statistics (Rules
// P-1 … P-3): the metrics a user's public profile shows over the last 90
// days — course views, comments and reactions received, published courses
// for a creator; completed courses, comments and likes received, training
// time for a learner — and the profile's hover summary.
//
// # How to call it
//
// The records are the shared ones of package learnstats, mapped once from
// the LMS: course attempts ([learnstats.Attempt]: course views at their
// Start), posts ([learnstats.Post]: comments in a course's forum, replies
// to a learner's posts) and reactions ([learnstats.Reaction]: course
// reactions with their score, likes on posts); plus the records only these
// rules read: [Completion] and time-tracking [Session] records. Build a
// [Catalog] of the courses (who authored, duplicated and published them)
// and of the posts (so that replies can be judged), then an [Accumulator]
// as of an instant over it; add the records and take the [Result] for the
// profiles to show:
//
//	cat, err := profiles.NewCatalog(slices.Values(courses), slices.Values(posts))
//	acc, err := profiles.NewAccumulator(asOf, cat)
//	err = acc.AddAttempt(a) // … for every record, in any order
//	res, err := acc.Result(slices.Values(users))
//	s, ok := res.Profile("u42")
//	fmt.Println(s.Hover())
//
// [StatsOf] does all of it in one call over iter.Seq streams; shards
// computed apart combine with [Accumulator.Merge]. Records legitimately
// left out (outside the window, top-level posts, replies to replies, other
// places, self-comments, reactions other than likes, drafts, unpublished
// courses) are counted in [Result].LeftOut; invalid records are errors
// naming them.
//
// # asOf, fixed at construction
//
// asOf is the first argument of [NewAccumulator], not of Result: the
// 90-day window of P-3 is fixed with it, so that each record is judged as
// it arrives — one outside the window is counted and dropped, the others
// are credited at once to the users they count for. The accumulator keeps
// one tally per user, and its memory grows with the users, never with the
// number of records. The statistics as of another instant come from
// another accumulator fed the same records; Merge refuses an accumulator
// of another window ([learnstats.ErrMismatch]).
//
// # Rules
//
// The role decides which metrics a profile shows. A user who is the
// platform owner, or an administrator (not a user administrator) or an
// author in at least one group, is a creator; everyone else is a learner
// ([Profile], [Stats].Creator).
//
// P-1 Creator metrics. Course views: attempts in the window on courses
// whose main author is the user, including duplicates of those courses (a
// course duplicated from one of theirs, transitively). Comments received:
// comments in the window on those courses. Average reaction score: mean of
// the reaction scores in the window on those courses (2 decimals).
// Published courses: courses published by the user (all time). Hover
// summary: course views. A course's activity is credited to the distinct
// main authors of the course and of every course it was duplicated from,
// once each; a cycle of duplicates is an error. A comment on a course is a
// published post in its forum (Place course-forum, with the Course), reply
// or not. The average is exact ([learnstats.Ratio]) and shown rounded half
// away from zero to 2 places; there is no average without reactions. "All
// time" means published before asOf. Views, comments and reactions by the
// author themself count (the rule does not exclude them).
//
// P-2 Learner metrics. Completed courses: completions in the window (a
// course completed twice counts 2). Comments received: comments in the
// window, by someone else, that answer a post the user published in a group
// newsfeed or a course/path forum (replies to the user's own replies are
// excluded). Reactions received: "like" reactions in the window on those
// same posts. Total training time: time spent on courses in the window.
// Hover summary: comments received and reactions received. Only direct
// replies to a published top-level post count (a reply to any reply, the
// user's own included, is left out); the post itself may be older than the
// window. Likes count whoever gives them, as the rule states no author
// condition for reactions. Training time adds each session's part inside
// the window.
//
// P-3 Window: the last 90 days, [asOf.AddDate(0, 0, -90), asOf) in asOf's
// location ([learnstats.LastDays]): an event exactly 90 calendar days
// before asOf is inside, one a nanosecond earlier is outside, an event at
// asOf is outside, and the window is 90 calendar days even across a
// daylight-saving change.
package profiles
