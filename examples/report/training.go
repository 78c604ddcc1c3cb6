package main

// The training job: Opigno's training dashboards (rules D-1 … D-6) and the
// training results / training content exports on the demo's training area.
//
// Files written, for the demo asOf 2026-11-22:
//
//   - training-results-{training ID}-2026-11-22.csv: one file per training
//     (SPEC section 10's columns, which have no training column; trainings
//     are keyed by ID because two of them share a name), rows in user ID
//     order.
//   - training-content-{training ID}-2026-11-22.csv: one file per training,
//     steps in the training's order (a course followed by its modules).
//   - training-progress-2026-11-22.csv: D-2 per training and global, then
//     D-3 for each class registered in a training.
//   - user-metrics-2026-11-22.csv: D-6.
//   - answer-scores-2026-11-22.csv and scores-by-tag-2026-11-22.csv: the
//     360Learning rules S-12 and S-13 on the same answers (an activity with
//     a max score is a question) and the demo's assessments.
//   - active-users-per-day-2026-10-2026-11-22.csv and
//     active-users-per-day-2026-11-2026-11-22.csv: D-1 for the month before
//     asOf's and asOf's month (for the demo asOf October 2026, which crosses
//     the DST change of 25 October, and November 2026), in the viewer's
//     location, logins being the qualifying event.

import (
	"fmt"
	"slices"
	"time"

	"github.com/learnstats/learnstats"
	"github.com/learnstats/learnstats/examples/demo"
	"github.com/learnstats/learnstats/export"
	"github.com/learnstats/learnstats/scoring"
	"github.com/learnstats/learnstats/stats/dashboard"
)

func init() { register("training", runTraining) }

// trainingOptions are the scoring options of Opigno's dashboards: each
// attempt's duration is capped at 8 hours in time spent (S-11).
var trainingOptions = scoring.Options{AttemptCap: 8 * time.Hour}

func runTraining(ctx *Context) error {
	tr := ctx.Data.Training
	var trainings []dashboard.Training
	for _, t := range tr.Trainings {
		results, err := scoreTraining(ctx.AsOf, t)
		if err != nil {
			return err
		}
		dt := dashboard.Training{Results: results, Certificates: t.Certificates}
		trainings = append(trainings, dt)

		// D-4: users results, as the platform owner sees them.
		list, err := dashboard.Results(ctx.AsOf, dt, ctx.Data.Directory, learnstats.Everything)
		if err != nil {
			return err
		}
		if err := write(ctx, export.FileName("training-results-"+string(t.Definition.ID), ctx.AsOf), export.TrainingResultsTable(), list.Rows); err != nil {
			return err
		}
		// D-5: training content.
		content, err := dashboard.TrainingContent(ctx.AsOf, dt)
		if err != nil {
			return err
		}
		if err := write(ctx, export.FileName("training-content-"+string(t.Definition.ID), ctx.AsOf), export.TrainingContentTable(), content.Steps); err != nil {
			return err
		}
	}

	// D-2 over every training, then D-3 for every class registered in one.
	progress, err := dashboard.Progress(ctx.AsOf, trainings)
	if err != nil {
		return err
	}
	lines := progressLines("All learners", progress)
	for _, c := range tr.Classes {
		res, err := dashboard.ClassProgress(ctx.AsOf, c, trainings)
		if err != nil {
			return err
		}
		g, _ := ctx.Data.Group(c.ID)
		lines = append(lines, progressLines("Class "+g.Name, res)...)
	}
	if err := write(ctx, export.FileName("training-progress", ctx.AsOf), progressTable, lines); err != nil {
		return err
	}

	// D-6: the accounts, and the logins as accesses.
	metrics, err := dashboard.UserMetricsOf(ctx.AsOf, slices.Values(ctx.Data.Users), slices.Values(tr.Logins))
	if err != nil {
		return err
	}
	if err := write(ctx, export.FileName("user-metrics", ctx.AsOf), userMetricsTable, []dashboard.UserMetrics{metrics}); err != nil {
		return err
	}

	// S-12 and S-13 (360Learning) on the same answers.
	if err := writeAnswerScores(ctx, tr); err != nil {
		return err
	}

	// D-1: active users per day, logins being the qualifying event, the
	// month before asOf's and asOf's month, in the viewer's location.
	today := learnstats.DateOf(ctx.AsOf, ctx.Loc)
	thisMonth := learnstats.Date{Year: today.Year, Month: today.Month, Day: 1}
	lastMonth := thisMonth.AddDays(-1)
	lastMonth.Day = 1
	for _, first := range []learnstats.Date{lastMonth, thisMonth} {
		next := first.AddDays(31) // in the next month, whatever the month's length
		next.Day = 1
		rng, err := learnstats.DayWindow(first, next.AddDays(-1), ctx.Loc)
		if err != nil {
			return err
		}
		chart, err := dashboard.ActiveUsersPerDay(rng, ctx.Loc, slices.Values(tr.Logins))
		if err != nil {
			return err
		}
		name := fmt.Sprintf("active-users-per-day-%04d-%02d", first.Year, int(first.Month))
		if err := write(ctx, export.FileName(name, ctx.AsOf), activeUsersTable(ctx.Loc), chart.Days); err != nil {
			return err
		}
	}
	return nil
}

// scoreTraining scores one training at asOf (S-1 … S-16): its learners
// with their registration times, their attempts and their attendance
// records, absences included.
func scoreTraining(asOf time.Time, t demo.TrainingRecords) (*scoring.TrainingResults, error) {
	acc, err := scoring.NewTrainingAccumulator(asOf, t.Definition, trainingOptions)
	if err != nil {
		return nil, err
	}
	for _, l := range t.Learners {
		if err := acc.AddLearner(l.User, l.RegisteredAt); err != nil {
			return nil, err
		}
	}
	for _, a := range t.Attempts {
		if err := acc.Add(a); err != nil {
			return nil, err
		}
	}
	for _, a := range t.Attendances {
		if err := acc.AddAttendance(a); err != nil {
			return nil, err
		}
	}
	return acc.Result(), nil
}

// writeAnswerScores writes answer-scores (S-12: average score over every
// answer, per learner) and scores-by-tag (S-13, per learner and tag).
func writeAnswerScores(ctx *Context, tr *demo.Training) error {
	scores, err := scoring.ScoreAnswers(ctx.AsOf, slices.Values(tr.Answers), slices.Values(tr.Assessments))
	if err != nil {
		return err
	}
	email := func(id learnstats.UserID) string {
		u, _ := ctx.Data.Directory.User(id)
		return u.Email
	}
	answerTable := export.New("answer-scores",
		export.Text("Email", "The learner's email.", func(r scoring.AnswerResult) string { return email(r.Learner) }),
		export.Int("Avg score", "Mean score of every answer, a question answered twice counting twice, integer percent (S-12).",
			func(r scoring.AnswerResult) int64 { return r.Average.Int() }),
		export.Int("Answers", "Number of answers, repeated answers included (S-12).", func(r scoring.AnswerResult) int64 { return r.Answers }),
		export.Int("Questions", "Number of distinct questions answered.", func(r scoring.AnswerResult) int64 { return int64(r.Questions) }),
	)
	if err := write(ctx, export.FileName("answer-scores", ctx.AsOf), answerTable, scores.Learners); err != nil {
		return err
	}
	tagTable := export.New("scores-by-tag",
		export.Text("Email", "The learner's email.", func(r scoring.TagScore) string { return email(r.Learner) }),
		export.Text("Tag", "The tag.", func(r scoring.TagScore) string { return string(r.Tag) }),
		export.OptInt("Training score", "Mean answer score on questions with the tag, integer percent (S-13).",
			func(r scoring.TagScore) (int64, bool) { return optRatio(r.Training) }),
		export.OptInt("Assessment score", "Mean assessment score on assessments with the tag, integer percent (S-13).",
			func(r scoring.TagScore) (int64, bool) { return optRatio(r.Assessment) }),
		export.Int("Average score", "Mean of the two scores, or the one that exists, integer percent (S-13).",
			func(r scoring.TagScore) int64 { return r.Average.Int() }),
		export.Int("Work", "Answers plus assessments with the tag (S-13).", func(r scoring.TagScore) int64 { return r.Work }),
	)
	return write(ctx, export.FileName("scores-by-tag", ctx.AsOf), tagTable, scores.Tags)
}

// optRatio is a ratio as an integer percent cell: empty without a value.
func optRatio(r learnstats.Ratio) (int64, bool) { return r.Int(), r.Valid() }

// progressLine is one line of the training-progress file: one training's
// D-2 figures, or the global line, for a scope (all learners or a class).
type progressLine struct {
	Scope string
	dashboard.TrainingProgress
	Global bool
}

func progressLines(scope string, res dashboard.ProgressReport) []progressLine {
	var out []progressLine
	for _, t := range res.Trainings {
		out = append(out, progressLine{Scope: scope, TrainingProgress: t})
	}
	g := res.Global
	return append(out, progressLine{Scope: scope, Global: true, TrainingProgress: dashboard.TrainingProgress{
		Name: fmt.Sprintf("Global (mean over %d trainings with learners)", g.Trainings), Progress: g.Progress, Completion: g.Completion,
	}})
}

// perTraining is a count cell, empty on the global line.
func perTraining(get func(progressLine) int) func(progressLine) (int64, bool) {
	return func(l progressLine) (int64, bool) { return int64(get(l)), !l.Global }
}

var progressTable = export.New("training-progress",
	export.Text("Scope", "All learners, or one class (D-3).", func(l progressLine) string { return l.Scope }),
	export.Label("Training ID", "The training's ID; empty on the global line.", func(l progressLine) string { return string(l.Training) }),
	export.Text("Training", "The training's name, or Global for the unweighted mean over trainings (D-2).", func(l progressLine) string { return l.Name }),
	export.OptInt("Learners", "Learners registered before asOf, expired ones included; empty on the global line.",
		perTraining(func(l progressLine) int { return l.Learners })),
	export.OptInt("Completed", "Learners who completed before asOf, certificate not expired; empty on the global line.",
		perTraining(func(l progressLine) int { return l.Completed })),
	export.OptInt("Expired", "Learners whose certificate has expired (0 progress, not completed); empty on the global line.",
		perTraining(func(l progressLine) int { return l.Expired })),
	export.OptInt("Progress", "Mean progress (S-8), integer percent; empty without learners.", func(l progressLine) (int64, bool) { return optRatio(l.Progress) }),
	export.OptInt("Completion", "Completed / learners, integer percent; empty without learners.", func(l progressLine) (int64, bool) { return optRatio(l.Completion) }),
)

var userMetricsTable = export.New("user-metrics",
	export.Int("Users", "Accounts created before asOf (D-6).", func(m dashboard.UserMetrics) int64 { return int64(m.Users) }),
	export.Int("New users", "Accounts created in the last 7 days (D-6).", func(m dashboard.UserMetrics) int64 { return int64(m.NewUsers) }),
	export.Int("Recently active", "Users with a login in the last 7 days (D-6).", func(m dashboard.UserMetrics) int64 { return int64(m.RecentlyActive) }),
)

func activeUsersTable(loc *time.Location) export.Table[dashboard.ActiveDay] {
	return export.New("active-users-per-day",
		export.Date("Date", "The calendar day in the viewer's location (D-1).", func(d dashboard.ActiveDay) time.Time { return d.Date.Start(loc) }),
		export.Int("Active users", "Distinct users who logged in that day (D-1).", func(d dashboard.ActiveDay) int64 { return int64(d.Users) }),
	)
}
