// Package scoring computes learners' scores, progress, completion, status
// and time spent in trainings the way Opigno LMS does (Rules S-1 … S-11,
// S-15, S-16), the 360Learning average and tag scores (Rules S-12, S-13),
// and explains every number (Rule S-14).
//
// # How to call it
//
// Describe the training once — a [Training] of [Step]s: modules (activities
// with a max score each, and a [Keep] option), courses of child steps, live
// sessions; each step with a required score and a mandatory flag — and
// build a [TrainingAccumulator] on it with [NewTrainingAccumulator]. Then
// add the LMS's records, in any order, from any number of shards:
//
//	acc, err := scoring.NewTrainingAccumulator(asOf, training, scoring.Options{AttemptCap: 8 * time.Hour})
//	err = acc.AddLearner("u1", registeredAt)         // a member, even before any attempt
//	err = acc.Add(attempt)                            // a learnstats.Attempt with its Answers
//	err = acc.AddAttendance(scoring.Attendance{…})    // a live session attended (or missed)
//	res := acc.Result()                               // every learner, as of asOf
//	r, ok := res.Learner("u1")                        // one learner's TrainingResult
//	ex, err := acc.Explain("u1")                      // why (Rule S-14)
//
// [ScoreTraining] does it in one call over iter.Seq streams; a source that
// can fail feeds Add through learnstats.Feed. Shards combine with
// [TrainingAccumulator.Merge], which refuses an accumulator of any other
// definition or options (learnstats.ErrMismatch). [ScoreAttempt] scores a
// single attempt.
//
// Attempts are learnstats.Attempt, the record every package shares: the
// Opigno rules read its Start, Finish and Answers (points per activity, in
// learnstats.Points, exact to 7 decimals, the precision Moodle stores
// grades with). An adapter fills them from the LMS's tables in a few lines:
//
//   - Opigno: a learning path's group content gives the steps (module,
//     course, ILT / meeting), opigno_module's activities and their max
//     score give [Activity], user_module_status rows give the attempts
//     (started, finished; 0 = unfinished) and opigno_answer rows their
//     answers; ILT and meeting results give [Attendance].
//   - Moodle: a course is the training, each quiz a module step (keep =
//     best for "highest grade", newest for "last attempt"), quiz_slots'
//     maxmark the activities, quiz_attempts the attempts and
//     question_attempts' marks the answers (the package example).
//   - 360Learning: question answers and assessment results with their tags
//     are learnstats.QuestionAnswer and learnstats.AssessmentScore, for
//     one [AnswerAccumulator] (Rules S-12 and S-13).
//
// # Results
//
// [TrainingAccumulator.Result] returns [TrainingResults]: one
// [TrainingResult] per learner, ordered by learner ID, with the training
// score, progress, completion and its date, pass, status, time spent and a
// [StepResult] per step; the training's definition; and the records the
// instant left out (Rule S-15). The result does not share memory with the
// accumulator, which may go on taking records. Package stats/dashboard
// reads it directly for the training dashboards.
//
// Memory grows with attempts, not answers: each attempt's answers are
// folded into a points sum and a set of answered activities as it is
// added. Adding is cheapest with records grouped by learner, as a query
// ordered by learner gives them; any order gives the same result.
//
// # Numbers and rounding
//
// No floating point is used. Points are summed as int64 fixed point; a
// score or a progress is an exact learnstats.Ratio in percent (23 of 40
// points is 2300/40, 57.5 %), rounded half away from zero (PHP's round,
// which Opigno uses) only when asked (Ratio.Int), on the exact value: 57.5
// rounds to 58, where a float computation gives 57.4999… and 57. Rounding
// happens where the rules say: each attempt score, then each step's integer
// score enters the training mean, which is rounded again.
//
// # Errors
//
// Bad input returns an error that names the record (training, learner,
// attempt, activity, question) and wraps an exported sentinel:
// learnstats.ErrInvalidRecord (an attempt or attendance that breaks an
// invariant or does not fit the training), learnstats.ErrInvalidPoints,
// learnstats.ErrOverflow (a learner's attempts adding up to more time than
// a time.Duration holds), [ErrInvalidTraining]; test with errors.Is.
// Nothing is clamped or dropped silently. An Add that fails changes
// nothing.
//
// # Rules
//
// Data: a training (learning path) has steps; a step is a module (or a
// course of modules, or a live session: classroom / meeting). A module has
// activities, each with a max score (points, ≥ 0). A learner makes attempts
// at a module; an attempt has answers (points per activity), a start and,
// once finished, a finish time. A step has a required score (percent,
// 0–100) and a mandatory flag. A module has a keep option: best, newest or
// all.
//
// S-1 Attempt score. Points are summed over the activities whose max score
// is > 0; the score is 100 × Σpoints / Σmax, rounded half away from zero to
// an integer percent. This is the max-score-weighted average of the
// activities' percentages. Activities with max score 0 do not count. An
// answer with points < 0 or > its activity's max is invalid input.
// Example: max [10, 10, 0, 20], points [10, 5, 0, 12] → 27/40 → 68.
// (Σmax is over all the module's activities: an activity the attempt did not
// answer scores 0 points.)
//
// S-2 Module with no scored activity. If every activity has max score 0, a
// finished attempt scores 100; an unfinished one has no score. This follows
// Opigno's manual ("Opigno considers that score for the module is 100% once
// module is completed"); Opigno 3.0's code stores 0 instead when keep =
// best, and this package deliberately does not. A module without any
// activity is treated the same way.
//
// S-3 Which attempt counts (module score). Only finished attempts have a
// score. best and all: the highest attempt score. newest: the score of the
// most recently finished attempt (latest finish time; on a tie, the higher
// attempt ID, see learnstats.CompareIDs). (Opigno 3.0 picks the newest attempt
// even while it is unfinished and then shows 0 during a retake; this package
// does not.) No finished attempt: the module has no score, and counts as 0
// where a number is required (S-6). Among attempts with the same best score
// the one finished first is the one counted (then the higher attempt ID);
// this only changes which attempt an explanation names.
//
// S-4 Attempt passed. A finished attempt passes when every activity of the
// module has an answer in it and its score ≥ the step's required score
// (inclusive).
//
// S-5 Module completed on. best / all: the finish time of the first passing
// attempt. newest: the finish time of the newest finished attempt if that
// attempt passed, else not completed.
//
// S-6 Training score. Only mandatory steps count: the mean of their module
// scores, each an integer percent, rounded half away from zero. A mandatory
// step with no score counts as 0 (option [Options].ExcludeEmpty: exclude it,
// as Moodle's "exclude empty grades"). No mandatory step → score 0, and the
// result says that there were none ([TrainingResult].HasMandatory).
// Examples: [80, 65] → 73; [90, not attempted] → 45.
//
// S-7 Course step. A course inside a training scores the mean of all its
// child steps' scores (mandatory or not, unattempted = 0), rounded. A course
// is completed when every child step is completed, on the latest child
// completion date; it has a score when at least one child has one.
//
// S-8 Training progress. 100 × answered / total, rounded: total counts every
// activity of every module step of the training (mandatory or not, max score
// 0 included, modules inside courses included) plus one per mandatory live
// session; answered counts activities with at least one answer in any
// attempt (finished or not), and attended mandatory live sessions. Example:
// module A 3 of 4 answered, optional module B 0 of 2, one attended mandatory
// classroom → 4/7 → 57. A training with nothing to count has progress 0.
//
// S-9 Step status. passed if completed and score ≥ required; else pending if
// not every activity has been answered; else failed. This package also
// keeps a module pending while it has no finished attempt (an attempt in
// progress with every activity answered is not yet failed); a live session
// is pending until attended, then passed or failed by its score; a course
// is pending while a child is pending.
//
// S-10 Training completion. Completed when every mandatory step is
// completed; the completion date is the latest completion date over all
// steps (courses' children included). No mandatory step → never completed.
// Passed when every mandatory step passed (there is no training-level pass
// mark); no mandatory step → not passed.
//
// S-11 Time spent (Opigno). A module step: Σ(finish − start) over its
// finished attempts. A training: Σ over its steps (a course: Σ over its
// children; a live session: 0). An option ([Options].AttemptCap) caps each
// attempt (Opigno's dashboards cap it at 8 h).
//
// S-12 Average score, every answer counted (360Learning). "The average score
// on answered questions. If you answered the same question several times,
// every answer is taken into account." Mean of all answer scores (in
// percent). The number of answered questions also counts every answer.
// Example: Q1 answered 0 % then 100 %, Q2 50 % → average 50, count 3.
//
// S-13 Score by tag (360Learning). For a tag: the training score is the mean
// of the learner's question-activity scores on questions with that tag; the
// assessment score is the mean of their assessment scores on assessments
// with that tag; the average score is the mean of the two (of the one that
// exists, if only one does). All on 0–100. Work by tag is the number of
// answers plus assessments per tag.
//
// S-14 Explanations. Every score can be returned with its breakdown: which
// activities, attempts and steps were counted or left out, and why. This is
// what a team validating its own LMS's numbers needs. See
// [TrainingAccumulator.Explain] (an [Explanation], whose String is stable
// text), [AnswerAccumulator.Explain] and [AnswerAccumulator.ExplainTag].
//
// S-15 Scoring at asOf. Scores, progress, status and completion are
// computed as of an instant: an attempt that starts at or after asOf (or an
// attendance at or after it) is left out and counted; an attempt whose
// finish is at or after asOf counts as unfinished at asOf (its answers
// count for progress, S-8). With no asOf given (the zero time), every
// record counts: the result at the end of time. See
// [TrainingResults].LaterAttempts and LaterAttendances. The answer rules
// S-12 and S-13 follow the same instant (SPEC section 0: events after
// asOf are not counted): an answer or assessment score at or after asOf
// is left out and counted ([NewAnswerAccumulator], [AnswerScores].LaterAnswers
// and LaterAssessments).
//
// S-16 Training status. A learner's training result carries one status:
// Not started (no attempt and no attendance counted; an absence at a live
// session is no attendance), Failed (some mandatory step's status is
// failed, S-9, and the training is not completed), Completed (S-10; Passed
// as well when every mandatory step passed), otherwise In progress. See
// [TrainingStatus]; stats/dashboard derives D-4's status from it.
//
// # Concurrency
//
// Accumulators are not safe for concurrent use. Give each goroutine its own
// and combine them with Merge, which is associative and commutative.
package scoring
