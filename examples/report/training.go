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
//   - active-users-per-day-2026-10-2026-11-22.csv and
//     active-users-per-day-2026-11-2026-11-22.csv: D-1 for October 2026
//     (which crosses the DST change of 25 October) and November 2026, in the
//     viewer's location, logins being the qualifying event.

import (
	"cmp"
	"fmt"
	"io"
	"maps"
	"slices"
	"time"

	"github.com/shopspring/decimal"

	"github.com/learnstats/learnstats"
	"github.com/learnstats/learnstats/examples/demo"
	"github.com/learnstats/learnstats/export"
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
	opts := export.Options{Format: export.Format{Location: ctx.Loc}}

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

	// D-1: active users per day, October and November 2026.
	logins := func(yield func(stats.ActiveUserEvent) bool) {
		for _, l := range tr.Logins {
			if !yield(stats.ActiveUserEvent{User: l.User, At: l.At}) {
				return
			}
		}
	}
	for _, month := range []time.Month{time.October, time.November} {
		first := learnstats.Date{Year: 2026, Month: month, Day: 1}
		last := learnstats.Date{Year: 2026, Month: month + 1, Day: 1}.AddDays(-1)
		rng, err := learnstats.DayWindow(first, last, ctx.Loc)
		if err != nil {
			return err
		}
		chart, err := stats.CountActiveUsersPerDay(logins, rng, ctx.Loc)
		if err != nil {
			return err
		}
		name := fmt.Sprintf("active-users-per-day-%04d-%02d", first.Year, int(month))
		if err := ctx.WriteFile(export.FileName(name, ctx.AsOf), func(w io.Writer) (int, error) {
			return export.WriteCSV(w, trainingActiveUsersTable(ctx.Loc), slices.Values(chart.Days), &opts)
		}); err != nil {
			return err
		}
	}
	return nil
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

// trainingFacts derives the dashboards' input from the raw training data.
//
// NOTE: this computes the scoring rules (S-1 … S-11) locally, because
// package scoring was not available when this job was written. It follows
// SPEC section 1; where the SPEC is silent it decides: a live session is
// completed at its date when attended, scores 100 when attended and 0
// otherwise, and does not enter the training score (S-6 averages module
// and course scores); a course is completed when all its mandatory child
// modules are (latest of their dates).
func trainingFacts(tr *demo.Training) (trainingFactSet, error) {
	var fs trainingFactSet
	acts := map[string][]demo.TrainingActivity{}
	for _, a := range tr.Activities {
		acts[a.Step] = append(acts[a.Step], a)
	}
	type stepUser struct {
		step string
		user learnstats.UserID
	}
	attempts := map[stepUser][]demo.TrainingAttempt{}
	for _, a := range tr.Attempts {
		k := stepUser{a.Step, a.User}
		attempts[k] = append(attempts[k], a)
	}
	points := map[int64]map[string]int{}
	for _, an := range tr.Answers {
		if points[an.Attempt] == nil {
			points[an.Attempt] = map[string]int{}
		}
		points[an.Attempt][an.Activity] = an.Points
	}
	sessions := map[stepUser]demo.TrainingSession{}
	for _, s := range tr.Sessions {
		sessions[stepUser{s.Step, s.User}] = s
	}
	certs := map[stepUser]time.Time{}
	for _, c := range tr.Certificates {
		certs[stepUser{c.Training, c.User}] = c.ExpiresAt
	}

	// stepFact is one learner's outcome on one step.
	type stepFact struct {
		started     bool
		hasScore    bool
		score       int
		completedAt time.Time
		answered    int // activities answered in any attempt (S-8)
		total       int // activities (S-8)
		status      string
		time        time.Duration
	}
	module := func(s demo.TrainingStep, u learnstats.UserID) (stepFact, error) {
		f := stepFact{total: len(acts[s.ID])}
		ats := attempts[stepUser{s.ID, u}]
		f.started = len(ats) > 0
		seen := map[string]bool{}
		var newest *demo.TrainingAttempt
		var newestPassed bool
		for i := range ats {
			a := &ats[i]
			for act := range points[a.ID] {
				seen[act] = true
			}
			if a.FinishedAt.IsZero() {
				continue // Rule S-3: only finished attempts have a score.
			}
			if a.FinishedAt.Before(a.StartedAt) {
				return f, fmt.Errorf("attempt %d finishes before it starts", a.ID)
			}
			d := a.FinishedAt.Sub(a.StartedAt)
			f.time += min(d, trainingTimeCap) // Rule S-11 with Opigno's cap.
			sum, maxSum := 0, 0
			for _, act := range acts[s.ID] {
				p := points[a.ID][act.ID]
				if p < 0 || p > act.MaxScore {
					return f, fmt.Errorf("attempt %d: activity %s: points %d outside 0…%d", a.ID, act.ID, p, act.MaxScore)
				}
				if act.MaxScore > 0 {
					sum, maxSum = sum+p, maxSum+act.MaxScore
				}
			}
			score := 100 // Rule S-2: no scored activity, finished → 100.
			if maxSum > 0 {
				// Rule S-1: 100 × Σpoints / Σmax, half away from zero.
				score = int(stats.NewDashboardRatio(decimal.NewFromInt(int64(100*sum)), int64(maxSum)).Round())
			}
			// Rule S-4: every activity answered and score ≥ required.
			passed := len(points[a.ID]) == len(acts[s.ID]) && score >= s.RequiredScore
			switch s.Keep {
			case "newest":
				if newest == nil || a.FinishedAt.After(newest.FinishedAt) || (a.FinishedAt.Equal(newest.FinishedAt) && a.ID > newest.ID) {
					newest, newestPassed = a, passed
					f.score, f.hasScore = score, true
				}
			default: // best, all
				if !f.hasScore || score > f.score {
					f.score = score
				}
				f.hasScore = true
				// Rule S-5: the first passing attempt completes the module.
				if passed && (f.completedAt.IsZero() || a.FinishedAt.Before(f.completedAt)) {
					f.completedAt = a.FinishedAt
				}
			}
		}
		if newest != nil && newestPassed {
			f.completedAt = newest.FinishedAt // Rule S-5, newest.
		}
		f.answered = len(seen)
		// Rule S-9.
		switch {
		case !f.completedAt.IsZero() && f.score >= s.RequiredScore:
			f.status = "passed"
		case f.answered < f.total:
			f.status = "pending"
		default:
			f.status = "failed"
		}
		return f, nil
	}

	regs := map[string][]demo.TrainingRegistration{}
	for _, r := range tr.Registrations {
		regs[r.Training] = append(regs[r.Training], r)
	}
	for _, t := range tr.Trainings {
		steps := tr.StepsOf(t.ID)
		for i, s := range steps {
			fs.steps = append(fs.steps, stats.TrainingStepInfo{Training: stats.TrainingID(t.ID), ID: stats.TrainingStepID(s.ID), Name: s.Name, Position: i + 1})
		}
		for _, r := range regs[t.ID] {
			l := stats.TrainingLearner{Training: stats.TrainingID(t.ID), User: r.User, RegisteredAt: r.RegisteredAt,
				CertificateExpiresAt: certs[stepUser{t.ID, r.User}]}
			facts := map[string]stepFact{}
			answered, total := 0, 0
			for _, s := range steps {
				var f stepFact
				switch {
				case s.Kind == demo.TrainingModule:
					var err error
					if f, err = module(s, r.User); err != nil {
						return fs, fmt.Errorf("training %s step %s user %s: %w", t.ID, s.ID, r.User, err)
					}
					answered, total = answered+f.answered, total+f.total
				case s.IsLiveSession():
					ses, ok := sessions[stepUser{s.ID, r.User}]
					f = stepFact{started: ok, status: "pending", total: 1}
					if ok {
						f.hasScore = true
						if ses.Attended {
							f.score, f.completedAt, f.status, f.answered = 100, ses.At, "passed", 1
						}
					}
					if s.Mandatory { // Rule S-8: one per mandatory live session.
						answered, total = answered+f.answered, total+1
					}
				}
				facts[s.ID] = f
			}
			// Rule S-7: a course scores the mean of its child steps.
			for _, s := range steps {
				if s.Kind != demo.TrainingCourse {
					continue
				}
				f := stepFact{status: "passed"}
				sum, n := 0, 0
				complete := true
				for _, c := range steps {
					if c.Parent != s.ID {
						continue
					}
					cf := facts[c.ID]
					sum, n = sum+cf.score, n+1
					f.started = f.started || cf.started
					f.hasScore = f.hasScore || cf.hasScore
					f.time += cf.time
					if c.Mandatory {
						if cf.completedAt.IsZero() {
							complete = false
						} else if cf.completedAt.After(f.completedAt) {
							f.completedAt = cf.completedAt
						}
						if cf.status == "pending" {
							f.status = "pending"
						} else if cf.status == "failed" && f.status != "pending" {
							f.status = "failed"
						}
					}
				}
				if n > 0 {
					f.score = int(stats.NewDashboardRatio(decimal.NewFromInt(int64(sum)), int64(n)).Round())
				}
				if !complete {
					f.completedAt = time.Time{}
				}
				if f.status == "passed" && (f.completedAt.IsZero() || f.score < s.RequiredScore) {
					f.status = "failed"
				}
				facts[s.ID] = f
			}
			// Rules S-6, S-10, S-11 over the training's steps.
			var scoreSum, scored int
			completed, latest := true, time.Time{}
			mandatory := 0
			for _, s := range steps {
				f := facts[s.ID]
				if s.Parent == "" {
					l.TimeSpent += f.time
				}
				if f.completedAt.After(latest) {
					latest = f.completedAt
				}
				if !s.Mandatory || s.Parent != "" {
					continue
				}
				mandatory++
				if f.completedAt.IsZero() {
					completed = false
				}
				switch f.status {
				case "passed":
					l.Mandatory.Passed++
				case "failed":
					l.Mandatory.Failed++
				default:
					l.Mandatory.Pending++
				}
				if !s.IsLiveSession() {
					scoreSum, scored = scoreSum+f.score, scored+1
				}
			}
			if scored > 0 {
				l.Score = int(stats.NewDashboardRatio(decimal.NewFromInt(int64(scoreSum)), int64(scored)).Round())
			}
			if mandatory > 0 && completed {
				l.CompletedAt = latest
			}
			if total > 0 {
				l.Progress = decimal.NewFromInt(stats.NewDashboardRatio(decimal.NewFromInt(int64(100*answered)), int64(total)).Round())
			}
			fs.learners = append(fs.learners, l)
			for _, s := range steps {
				f := facts[s.ID]
				if !f.started {
					continue
				}
				fs.stepResults = append(fs.stepResults, stats.TrainingStepResult{
					Training: stats.TrainingID(t.ID), Step: stats.TrainingStepID(s.ID), User: r.User,
					CompletedAt: f.completedAt, Score: f.score, HasScore: f.hasScore, TimeSpent: f.time,
				})
			}
		}
	}
	slices.SortFunc(fs.learners, func(a, b stats.TrainingLearner) int {
		return cmp.Or(cmp.Compare(a.Training, b.Training), cmp.Compare(a.User, b.User))
	})
	return fs, nil
}
