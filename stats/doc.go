// Package stats is the parent of the statistics packages of learnstats,
// one per concern; it has no code of its own.
//
//   - [github.com/learnstats/learnstats/stats/dashboard]: Opigno's training
//     dashboards (Rules D-1 … D-6), over package scoring's results.
//   - [github.com/learnstats/learnstats/stats/learners]: 360Learning's
//     learner statistics, collaborative activity and registrations (Rules
//     L-1 … L-9, R-1 … R-6).
//   - [github.com/learnstats/learnstats/stats/profiles]: public profile
//     statistics over the last 90 days (Rules P-1 … P-3).
//   - [github.com/learnstats/learnstats/stats/backoffice]: a wellbeing
//     app's Backoffice reports (Rules B-1 … B-4).
package stats
