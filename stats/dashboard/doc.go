// Package dashboard computes Opigno's training dashboards (Rules D-1 …
// D-6): active users per day, training progress and completion, class
// statistics, users results, training content and user metrics.
//
// # How to call it
//
// The training dashboards (D-2 … D-5) read package scoring's results
// directly: score every training with a scoring.TrainingAccumulator built
// as of the dashboard's asOf (its learners registered with AddLearner, so
// that they carry their registration time), take its Result, and pass it
// with the training's certificates as a [Training]:
//
//	res := acc.Result() // the accumulator built as of asOf
//	t := dashboard.Training{Results: res, Certificates: certs}
//	progress, err := dashboard.Progress(asOf, []dashboard.Training{t}) // D-2
//	rows, err := dashboard.Results(asOf, t, dir, scope)               // D-4
//	content, err := dashboard.TrainingContent(asOf, t)                 // D-5
//
// The rule choices live here, not in the caller: which learners count
// (registered before asOf), what an expired certificate does, how a status
// is derived (S-16), what "started a step" means. Results computed at
// another instant than the dashboard's are refused (learnstats.ErrMismatch).
// The zero asOf means no cut-off, as in package scoring (Rule S-15): every
// learner is registered and every record counts, the figures "at the end
// of time".
//
// Active users per day (D-1) and user metrics (D-6) are accumulators over
// the platform's events and accounts: [ActiveUsersAccumulator] and
// [UserMetricsAccumulator], with the one-call forms [ActiveUsersPerDay]
// and [UserMetricsOf].
//
// Means and shares are exact learnstats.Ratio values, rounded half away
// from zero only where a dashboard shows an integer (Ratio.Int).
//
// # Rules
//
// D-1 Active users per day. For a date range (e.g. one month) in a
// location: the number of distinct users with at least one qualifying event
// per calendar day; every day of the range is present (zero-filled). The
// qualifying event is the caller's choice (login in Opigno 3.0, "submitted
// an answer" in newer Opigno). The range is half-open: a login at exactly
// midnight after the month belongs to the next month (Opigno counts it in
// day 1 of the month; the library does not).
//
// D-2 Training progress and completion. For one training at a cutoff:
// progress = mean of the learners' progress (S-8); completion = learners
// completed before the cutoff / learners registered before it. Learners
// whose certificate has expired stay in the denominator and count as 0
// progress, not completed. Global figures over several trainings are the
// unweighted mean over trainings (trainings are keyed by ID, not by name).
// The cutoff is the asOf of [Progress]; each learner's progress is the
// integer percent S-8 shows; a training with no learner has no figure and
// is left out of the global mean (counted).
//
// D-3 Class statistics. The same figures restricted to the members of a
// class and to the trainings the class is registered in. See
// [ClassProgress].
//
// D-4 Users results. Per member of a training: score (S-6), status
// (Pending, Success = completed or passed, Failed, Expired), time spent
// (S-11). The status derives from the training status of Rule S-16:
// Expired when the certificate has expired at asOf (C-1), else Success for
// Completed or Passed, Failed for Failed, Pending for Not started and In
// progress. See [Results].
//
// D-5 Training content. Per step: percent of members who completed it
// (denominator: all members), average score over members with a result,
// average time spent (over the members who started the step: an attempt,
// an attendance record, attended or absent; rounded to the second). See
// [TrainingContent].
//
// D-6 User metrics. Number of users; new users (created in the last 7
// days); recently active users (last access in the last 7 days). See
// [UserMetricsAccumulator].
package dashboard
