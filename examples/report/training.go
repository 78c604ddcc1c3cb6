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
	"cmp"
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"time"

	"github.com/shopspring/decimal"

	"github.com/learnstats/learnstats"
	"github.com/learnstats/learnstats/examples/demo"
	"github.com/learnstats/learnstats/export"
	"github.com/learnstats/learnstats/scoring"
	"github.com/learnstats/learnstats/stats"
)

func init() { register("training", runTraining) }

func runTraining(ctx *Context) error {
	tr := ctx.Data.Training
	facts, err := trainingFacts(tr)
	if err != nil {
		return err
	}
	catalogue := make([]stats.TrainingInfo, 0, len(tr.Trainings))
	for _, t := range tr.Trainings {
		catalogue = append(catalogue, stats.TrainingInfo{ID: stats.TrainingID(t.ID), Name: t.Name})
	}
	opts := ctx.Options()

	// D-4: users results, one export per training.
	results, err := stats.ComputeTrainingResults(slices.Values(facts.learners), ctx.AsOf)
	if err != nil {
		return err
	}
	for _, t := range catalogue {
		rows := results.Training(t.ID)
		joined := make([]export.TrainingResultRow, 0, len(rows))
		for _, r := range rows {
			u, ok := ctx.Data.Directory.User(r.User)
			if !ok {
				return fmt.Errorf("training %q: unknown user %q", t.ID, r.User)
			}
			joined = append(joined, export.TrainingResultRow{User: u, Result: r})
		}
		if err := ctx.WriteFile(export.TrainingResultsFileName(t.ID, ctx.AsOf), func(w io.Writer) (int, error) {
			return export.WriteCSV(w, export.TrainingResultsTable(), slices.Values(joined), &opts)
		}); err != nil {
			return err
		}
	}

	// D-5: training content, one export per training.
	content, err := stats.ComputeTrainingContent(slices.Values(catalogue), slices.Values(facts.steps),
		slices.Values(facts.learners), slices.Values(facts.stepResults), ctx.AsOf)
	if err != nil {
		return err
	}
	for _, t := range catalogue {
		tc, _ := content.Training(t.ID)
		if err := ctx.WriteFile(export.TrainingContentFileName(t.ID, ctx.AsOf), func(w io.Writer) (int, error) {
			return export.WriteCSV(w, export.TrainingContentTable(), slices.Values(tc.Steps), &opts)
		}); err != nil {
			return err
		}
	}

	// D-2 at asOf, then D-3 for every class registered in a training.
	progress, err := stats.ComputeTrainingProgress(slices.Values(catalogue), slices.Values(facts.learners), ctx.AsOf)
	if err != nil {
		return err
	}
	lines := trainingProgressLines("All learners", progress)
	groupName := map[learnstats.GroupID]string{}
	for _, g := range ctx.Data.Groups {
		groupName[g.ID] = g.Name
	}
	classes := map[learnstats.GroupID]*stats.TrainingClass{}
	for _, c := range tr.Classes {
		sc := classes[c.Group]
		if sc == nil {
			sc = &stats.TrainingClass{ID: c.Group}
			for _, u := range ctx.Data.Users {
				if u.InGroup(c.Group) {
					sc.Members = append(sc.Members, u.ID)
				}
			}
			classes[c.Group] = sc
		}
		sc.Trainings = append(sc.Trainings, stats.TrainingClassRegistration{Training: stats.TrainingID(c.Training), RegisteredAt: c.RegisteredAt})
	}
	for _, g := range slices.Sorted(maps.Keys(classes)) {
		res, err := stats.ComputeClassStatistics(*classes[g], slices.Values(catalogue), slices.Values(facts.learners), ctx.AsOf)
		if err != nil {
			return err
		}
		lines = append(lines, trainingProgressLines("Class "+groupName[g], res)...)
	}
	if err := ctx.WriteFile(export.FileName("training-progress", ctx.AsOf), func(w io.Writer) (int, error) {
		return export.WriteCSV(w, trainingProgressTable, slices.Values(lines), &opts)
	}); err != nil {
		return err
	}

	// D-6: user metrics, last access = the latest login before asOf.
	lastLogin := map[learnstats.UserID]time.Time{}
	for _, l := range tr.Logins {
		if l.At.Before(ctx.AsOf) && l.At.After(lastLogin[l.User]) {
			lastLogin[l.User] = l.At
		}
	}
	metrics, err := stats.ComputeDashboardUserMetrics(func(yield func(stats.DashboardUser) bool) {
		for _, u := range ctx.Data.Users {
			if !yield(stats.DashboardUser{User: u.ID, CreatedAt: u.CreatedAt, LastAccessAt: lastLogin[u.ID]}) {
				return
			}
		}
	}, ctx.AsOf)
	if err != nil {
		return err
	}
	if err := ctx.WriteFile(export.FileName("user-metrics", ctx.AsOf), func(w io.Writer) (int, error) {
		return export.WriteCSV(w, trainingUserMetricsTable, slices.Values([]stats.DashboardUserMetricsResult{metrics}), &opts)
	}); err != nil {
		return err
	}

	// S-12 and S-13 (360Learning) on the same answers: every answer to a
	// scored activity is a question answer, tagged with the activity's tags.
	if err := writeAnswerScores(ctx, tr, &opts); err != nil {
		return err
	}

	// D-1: active users per day, the month before asOf's and asOf's
	// month, in the viewer's location.
	logins := func(yield func(stats.ActiveUserEvent) bool) {
		for _, l := range tr.Logins {
			if !yield(stats.ActiveUserEvent{User: l.User, At: l.At}) {
				return
			}
		}
	}
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
		chart, err := stats.CountActiveUsersPerDay(logins, rng, ctx.Loc)
		if err != nil {
			return err
		}
		name := fmt.Sprintf("active-users-per-day-%04d-%02d", first.Year, int(first.Month))
		if err := ctx.WriteFile(export.FileName(name, ctx.AsOf), func(w io.Writer) (int, error) {
			return export.WriteCSV(w, trainingActiveUsersTable(ctx.Loc), slices.Values(chart.Days), &opts)
		}); err != nil {
			return err
		}
	}
	return nil
}

// writeAnswerScores writes answer-scores (S-12: average score over every
// answer, per learner) and scores-by-tag (S-13, per learner and tag). An
// answer's score is 100 × points / max score of its activity, kept to 7
// decimals (rounded half away from zero); activities with max score 0 have
// no score and are left out.
func writeAnswerScores(ctx *Context, tr *demo.Training, opts *export.Options) error {
	acts := map[string]demo.TrainingActivity{}
	for _, a := range tr.Activities {
		acts[a.ID] = a
	}
	attempts := map[int64]demo.TrainingAttempt{}
	for _, a := range tr.Attempts {
		attempts[a.ID] = a
	}
	var answers scoring.AnswerAccumulator
	var tags scoring.TagAccumulator
	for _, an := range tr.Answers {
		act, at := acts[an.Activity], attempts[an.Attempt]
		if act.MaxScore == 0 {
			continue
		}
		pct, err := scoring.PointsFromDecimal(decimal.NewFromInt(int64(100*an.Points)).DivRound(decimal.NewFromInt(int64(act.MaxScore)), scoring.PointsPrecision))
		if err != nil {
			return fmt.Errorf("attempt %d activity %s: %w", an.Attempt, an.Activity, err)
		}
		q := scoring.QuestionID(act.ID)
		if err := answers.Add(scoring.QuestionAnswer{Learner: at.User, Question: q, Score: pct, At: at.StartedAt}); err != nil {
			return err
		}
		ta := scoring.TaggedAnswer{Learner: at.User, Question: q, Score: pct}
		for _, t := range act.Tags {
			ta.Tags = append(ta.Tags, scoring.TagID(t))
		}
		if err := tags.Add(ta); err != nil {
			return err
		}
	}
	for _, as := range tr.Assessments {
		a := scoring.AssessmentScore{Learner: as.User, Assessment: scoring.AssessmentID(as.ID), Score: scoring.WholePoints(int64(as.Score))}
		for _, t := range as.Tags {
			a.Tags = append(a.Tags, scoring.TagID(t))
		}
		if err := tags.AddAssessment(a); err != nil {
			return err
		}
	}
	email := func(id learnstats.UserID) string {
		u, _ := ctx.Data.Directory.User(id)
		return u.Email
	}
	pct := func(p scoring.Percent, ok bool) (int64, bool) { return int64(p.Int()), ok }
	answerTable := export.New("answer-scores",
		export.Text("Email", "The learner's email.", func(r scoring.AnswerResult) string { return email(r.Learner) }),
		export.Int("Avg score", "Mean score of every answer, a question answered twice counting twice, integer percent (S-12).",
			func(r scoring.AnswerResult) int64 { return int64(r.Average.Int()) }),
		export.Int("Answers", "Number of answers, repeated answers included (S-12).", func(r scoring.AnswerResult) int64 { return r.Answers }),
		export.Int("Questions", "Number of distinct questions answered.", func(r scoring.AnswerResult) int64 { return int64(r.Questions) }),
	)
	if err := ctx.WriteFile(export.FileName("answer-scores", ctx.AsOf), func(w io.Writer) (int, error) {
		return export.WriteCSV(w, answerTable, slices.Values(answers.Result()), opts)
	}); err != nil {
		return err
	}
	byTag, err := tags.Result()
	if err != nil {
		return err
	}
	tagTable := export.New("scores-by-tag",
		export.Text("Email", "The learner's email.", func(r scoring.TagScore) string { return email(r.Learner) }),
		export.Text("Tag", "The tag.", func(r scoring.TagScore) string { return string(r.Tag) }),
		export.OptInt("Training score", "Mean answer score on questions with the tag, integer percent (S-13).",
			func(r scoring.TagScore) (int64, bool) { return pct(r.Training, r.HasTraining) }),
		export.OptInt("Assessment score", "Mean assessment score on assessments with the tag, integer percent (S-13).",
			func(r scoring.TagScore) (int64, bool) { return pct(r.Assessment, r.HasAssessment) }),
		export.Int("Average score", "Mean of the two scores, or the one that exists, integer percent (S-13).",
			func(r scoring.TagScore) int64 { return int64(r.Average.Int()) }),
		export.Int("Work", "Answers plus assessments with the tag (S-13).", func(r scoring.TagScore) int64 { return r.Work }),
	)
	return ctx.WriteFile(export.FileName("scores-by-tag", ctx.AsOf), func(w io.Writer) (int, error) {
		return export.WriteCSV(w, tagTable, slices.Values(byTag), opts)
	})
}

// trainingProgressLine is one line of the training-progress file.
type trainingProgressLine struct {
	Scope string
	stats.TrainingProgressFigures
}

func trainingProgressLines(scope string, res stats.TrainingProgressResult) []trainingProgressLine {
	var out []trainingProgressLine
	for _, f := range res.Trainings {
		out = append(out, trainingProgressLine{Scope: scope, TrainingProgressFigures: f})
	}
	g := res.Global
	return append(out, trainingProgressLine{Scope: scope, TrainingProgressFigures: stats.TrainingProgressFigures{
		Name: fmt.Sprintf("Global (mean over %d trainings with learners)", g.Trainings), Progress: g.Progress, Completion: g.Completion,
	}})
}

func trainingOptRatio(q stats.DashboardRatio) (int64, bool) { return q.Round(), q.Valid() }

var trainingProgressTable = export.New("training-progress",
	export.Text("Scope", "All learners, or one class (D-3).", func(l trainingProgressLine) string { return l.Scope }),
	export.Label("Training ID", "The training's ID; empty on the global line.", func(l trainingProgressLine) string { return string(l.Training) }),
	export.Text("Training", "The training's name, or Global for the unweighted mean over trainings (D-2).", func(l trainingProgressLine) string { return l.Name }),
	export.OptInt("Learners", "Learners registered before asOf, expired ones included; empty on the global line.", func(l trainingProgressLine) (int64, bool) { return int64(l.Learners), l.Training != "" }),
	export.OptInt("Completed", "Learners who completed before asOf, certificate not expired; empty on the global line.", func(l trainingProgressLine) (int64, bool) { return int64(l.Completed), l.Training != "" }),
	export.OptInt("Expired", "Learners whose certificate has expired (0 progress, not completed); empty on the global line.", func(l trainingProgressLine) (int64, bool) { return int64(l.Expired), l.Training != "" }),
	export.OptInt("Progress", "Mean progress (S-8), integer percent; empty without learners.", func(l trainingProgressLine) (int64, bool) { return trainingOptRatio(l.Progress) }),
	export.OptInt("Completion", "Completed / learners, integer percent; empty without learners.", func(l trainingProgressLine) (int64, bool) { return trainingOptRatio(l.Completion) }),
)

var trainingUserMetricsTable = export.New("user-metrics",
	export.Int("Users", "Accounts created before asOf (D-6).", func(m stats.DashboardUserMetricsResult) int64 { return int64(m.Users) }),
	export.Int("New users", "Accounts created in the last 7 days (D-6).", func(m stats.DashboardUserMetricsResult) int64 { return int64(m.NewUsers) }),
	export.Int("Recently active", "Users whose last login is in the last 7 days (D-6).", func(m stats.DashboardUserMetricsResult) int64 { return int64(m.RecentlyActive) }),
)

func trainingActiveUsersTable(loc *time.Location) export.Table[stats.ActiveUsersDay] {
	return export.New("active-users-per-day",
		export.Date("Date", "The calendar day in the viewer's location (D-1).", func(d stats.ActiveUsersDay) time.Time { return d.Date.Start(loc) }),
		export.Int("Active users", "Distinct users who logged in that day (D-1).", func(d stats.ActiveUsersDay) int64 { return int64(d.Users) }),
	)
}

// trainingFactSet is what the dashboards take: one record per learner ×
// training, the step catalogue and one record per learner × started step.
type trainingFactSet struct {
	learners    []stats.TrainingLearner
	steps       []stats.TrainingStepInfo
	stepResults []stats.TrainingStepResult
}

// trainingTimeCap is the cap on one attempt's duration that Opigno's
// dashboards apply (S-11).
const trainingTimeCap = 8 * time.Hour

// trainingFacts scores every learner of every training with package
// scoring (rules S-1 … S-11) and turns the results into the dashboards'
// input records: the stats package takes plain facts, so that it does not
// depend on scoring and an LMS with its own scores can feed it directly.
//
// Attended live sessions are scoring attendances (no trainer score: an
// attended session scores 100); a learner marked absent has a step record
// for D-5 (they were expected) with no score. Time spent caps each attempt
// at 8 hours, as Opigno's dashboards do.
func trainingFacts(tr *demo.Training) (trainingFactSet, error) {
	var fs trainingFactSet
	answers := map[int64][]scoring.Answer{}
	for _, an := range tr.Answers {
		answers[an.Attempt] = append(answers[an.Attempt], scoring.Answer{
			Activity: scoring.ActivityID(an.Activity), Points: scoring.WholePoints(int64(an.Points))})
	}
	type stepUser struct {
		step string
		user learnstats.UserID
	}
	absent := map[stepUser]bool{}
	for _, s := range tr.Sessions {
		if !s.Attended {
			absent[stepUser{s.Step, s.User}] = true
		}
	}
	certs := map[stepUser]time.Time{}
	for _, c := range tr.Certificates {
		certs[stepUser{c.Training, c.User}] = c.ExpiresAt
	}
	regs := map[string][]demo.TrainingRegistration{}
	for _, r := range tr.Registrations {
		regs[r.Training] = append(regs[r.Training], r)
	}
	stepTraining := map[string]string{}
	for _, s := range tr.Steps {
		stepTraining[s.ID] = s.Training
	}

	for _, t := range tr.Trainings {
		steps := tr.StepsOf(t.ID)
		for i, s := range steps {
			fs.steps = append(fs.steps, stats.TrainingStepInfo{Training: stats.TrainingID(t.ID), ID: stats.TrainingStepID(s.ID), Name: s.Name, Position: i + 1})
		}
		def, err := tr.ScoringTraining(t.ID)
		if err != nil {
			return fs, err
		}
		acc := scoring.TrainingAccumulator{Training: def, Options: scoring.Options{AttemptCap: trainingTimeCap}}
		registered := map[learnstats.UserID]bool{}
		for _, r := range regs[t.ID] {
			registered[r.User] = true
			acc.AddLearner(r.User)
		}
		for _, a := range tr.Attempts {
			if stepTraining[a.Step] != t.ID {
				continue
			}
			if !registered[a.User] {
				return fs, fmt.Errorf("attempt %d: user %q is not registered in training %q", a.ID, a.User, t.ID)
			}
			if err := acc.Add(scoring.Attempt{
				ID: scoring.AttemptID(strconv.FormatInt(a.ID, 10)), Learner: a.User, Step: scoring.StepID(a.Step),
				Start: a.StartedAt, Finish: a.FinishedAt, Answers: answers[a.ID],
			}); err != nil {
				return fs, err
			}
		}
		for _, s := range tr.Sessions {
			if !s.Attended || stepTraining[s.Step] != t.ID {
				continue
			}
			if err := acc.AddAttendance(scoring.Attendance{Learner: s.User, Step: scoring.StepID(s.Step), At: s.At}); err != nil {
				return fs, err
			}
		}
		results, err := acc.Result()
		if err != nil {
			return fs, err
		}
		regAt := map[learnstats.UserID]time.Time{}
		for _, r := range regs[t.ID] {
			regAt[r.User] = r.RegisteredAt
		}
		for _, res := range results {
			l := stats.TrainingLearner{
				Training: stats.TrainingID(t.ID), User: res.Learner, RegisteredAt: regAt[res.Learner],
				// Rule S-8 shows progress as a rounded integer percent.
				Progress:             decimal.NewFromInt(int64(res.Progress.Int())),
				Score:                res.Score.Int(),
				TimeSpent:            res.TimeSpent,
				CertificateExpiresAt: certs[stepUser{t.ID, res.Learner}],
			}
			if res.Completed {
				l.CompletedAt = res.CompletedAt
			}
			for _, st := range res.Steps {
				if st.Parent == "" && st.Mandatory {
					switch st.Status {
					case scoring.StatusPassed:
						l.Mandatory.Passed++
					case scoring.StatusFailed:
						l.Mandatory.Failed++
					default:
						l.Mandatory.Pending++
					}
				}
				started := st.Attempts > 0 || st.HasScore || st.Completed || absent[stepUser{string(st.Step), res.Learner}]
				if !started {
					continue
				}
				r := stats.TrainingStepResult{Training: stats.TrainingID(t.ID), Step: stats.TrainingStepID(st.Step), User: res.Learner,
					TimeSpent: st.TimeSpent}
				if st.HasScore {
					r.Score, r.HasScore = st.Score.Int(), true
				}
				if st.Completed {
					r.CompletedAt = st.CompletedAt
				}
				fs.stepResults = append(fs.stepResults, r)
			}
			fs.learners = append(fs.learners, l)
		}
	}
	slices.SortFunc(fs.learners, func(a, b stats.TrainingLearner) int {
		return cmp.Or(cmp.Compare(a.Training, b.Training), cmp.Compare(a.User, b.User))
	})
	return fs, nil
}
