package dashboard_test

import (
	"errors"
	"fmt"
	"iter"
	"slices"
	"time"

	"github.com/learnstats/learnstats"
	"github.com/learnstats/learnstats/certificates"
	"github.com/learnstats/learnstats/scoring"
	"github.com/learnstats/learnstats/stats/dashboard"
)

// From an LMS's records to the training dashboards: score the training
// with package scoring at asOf, then read the progress and completion
// (D-2) and the users results (D-4) from the results. The learners'
// registrations, attempts and certificates are what the LMS stores.
func Example() {
	asOf := time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)
	day := func(d int) time.Time { return time.Date(2026, 11, d, 9, 0, 0, 0, time.UTC) }
	quiz := func(id learnstats.StepID) scoring.Step {
		return scoring.Step{ID: id, Kind: scoring.StepModule, Mandatory: true, RequiredScore: 50,
			Activities: []scoring.Activity{{ID: "q1", Max: learnstats.WholePoints(10)}, {ID: "q2", Max: learnstats.WholePoints(10)}}}
	}
	def := scoring.Training{ID: "t1", Name: "Safety", Steps: []scoring.Step{quiz("basics"), quiz("final")}}
	answers := func(p1, p2 int64) []learnstats.Answer {
		return []learnstats.Answer{{Activity: "q1", Points: learnstats.WholePoints(p1)}, {Activity: "q2", Points: learnstats.WholePoints(p2)}}
	}
	attempts := []learnstats.Attempt{
		{ID: "1", Learner: "ana", Step: "basics", Start: day(2), Finish: day(2).Add(20 * time.Minute), Answers: answers(8, 8)},
		{ID: "2", Learner: "ana", Step: "final", Start: day(3), Finish: day(3).Add(40 * time.Minute), Answers: answers(6, 7)},
		{ID: "3", Learner: "ben", Step: "basics", Start: day(4), Finish: day(4).Add(15 * time.Minute), Answers: answers(2, 5)},
		{ID: "4", Learner: "cy", Step: "basics", Start: day(5), Answers: answers(10, 0)[:1]}, // in progress
	}
	acc, err := scoring.NewTrainingAccumulator(asOf, def, scoring.Options{})
	if err != nil {
		panic(err)
	}
	for _, u := range []learnstats.UserID{"ana", "ben", "cy"} {
		if err := acc.AddLearner(u, day(1)); err != nil {
			panic(err)
		}
	}
	if err := acc.AddLearner("dan", asOf); err != nil { // registered at asOf: not a learner yet
		panic(err)
	}
	for _, a := range attempts {
		if err := acc.Add(a); err != nil {
			panic(err)
		}
	}
	t := dashboard.Training{Results: acc.Result(), Certificates: []certificates.Certificate{
		{ID: "c1", User: "ana", Name: "Safety", Delivered: day(3).Add(time.Hour), ValidityMonths: 12},
	}}

	progress, err := dashboard.Progress(asOf, []dashboard.Training{t})
	if err != nil {
		panic(err)
	}
	// Progress: Ana 4, Ben 2 and Cy 1 of 4 activities answered, (100 + 50
	// + 25) / 3 = 58.33…; completion: Ana of the three.
	p := progress.Trainings[0]
	fmt.Printf("D-2 %s: %d learners, progress %d %%, completion %d %%\n", p.Name, p.Learners, p.Progress.Int(), p.Completion.Int())

	users := []learnstats.User{{ID: "ana", FirstName: "Ana"}, {ID: "ben", FirstName: "Ben"}, {ID: "cy", FirstName: "Cy"}, {ID: "dan", FirstName: "Dan"}}
	dir, err := learnstats.NewDirectory(users)
	if err != nil {
		panic(err)
	}
	results, err := dashboard.Results(asOf, t, dir, learnstats.Everything)
	if err != nil {
		panic(err)
	}
	for _, r := range results.Rows {
		fmt.Printf("D-4 %-3s score %2d  %-7s %s\n", r.User.FirstName, r.Score.Int(), r.Status, r.TimeSpent)
	}
	fmt.Println("not registered yet:", results.NotRegisteredYet)
	// Output:
	// D-2 Safety: 3 learners, progress 58 %, completion 33 %
	// D-4 Ana score 73  Success 1h0m0s
	// D-4 Ben score 18  Failed  15m0s
	// D-4 Cy  score  0  Pending 0s
	// not registered yet: 1
}

// Active users per day over the first days of November 2026 in Paris (rule
// D-1): every day is present, and a login at exactly the midnight after
// the range belongs to the next range.
func ExampleActiveUsersPerDay() {
	paris, _ := time.LoadLocation("Europe/Paris")
	days, _ := learnstats.DayWindow(learnstats.Date{Year: 2026, Month: 11, Day: 1}, learnstats.Date{Year: 2026, Month: 11, Day: 3}, paris)
	logins := []dashboard.Event{
		{User: "u01", At: time.Date(2026, 11, 1, 9, 0, 0, 0, paris)},
		{User: "u01", At: time.Date(2026, 11, 1, 17, 0, 0, 0, paris)},
		{User: "u02", At: time.Date(2026, 11, 1, 23, 30, 0, 0, time.UTC)}, // 00:30 on the 2nd in Paris
		{User: "u03", At: time.Date(2026, 11, 4, 0, 0, 0, 0, paris)},      // next range
	}
	res, err := dashboard.ActiveUsersPerDay(days, paris, slices.Values(logins))
	if err != nil {
		panic(err)
	}
	for _, d := range res.Days {
		fmt.Println(d.Date, d.Users)
	}
	fmt.Println("outside the range:", res.OutsideRange)
	// Output:
	// 2026-11-01 1
	// 2026-11-02 1
	// 2026-11-03 0
	// outside the range: 1
}

// loginRows stands for a database cursor over the logins table: a source
// that can fail, as an iter.Seq2 of records and errors.
func loginRows(rows []dashboard.Event, failAt int) iter.Seq2[dashboard.Event, error] {
	return func(yield func(dashboard.Event, error) bool) {
		for i, e := range rows {
			if i == failAt {
				yield(dashboard.Event{}, errors.New("db: connection reset"))
				return
			}
			if !yield(e, nil) {
				return
			}
		}
	}
}

// A source that can fail (a database cursor) feeds the accumulator with
// learnstats.Feed, whose error is the cursor's or the accumulator's;
// shards are combined with Merge.
func ExampleActiveUsersAccumulator() {
	days, _ := learnstats.DayWindow(learnstats.Date{Year: 2026, Month: 11, Day: 21}, learnstats.Date{Year: 2026, Month: 11, Day: 22}, time.UTC)
	shards := [][]dashboard.Event{
		{{User: "u01", At: time.Date(2026, 11, 21, 8, 0, 0, 0, time.UTC)}, {User: "u02", At: time.Date(2026, 11, 22, 8, 0, 0, 0, time.UTC)}},
		{{User: "u01", At: time.Date(2026, 11, 21, 18, 0, 0, 0, time.UTC)}, {User: "u03", At: time.Date(2026, 11, 21, 9, 0, 0, 0, time.UTC)}},
	}
	total, err := dashboard.NewActiveUsersAccumulator(days, time.UTC)
	if err != nil {
		panic(err)
	}
	for _, rows := range shards {
		part, err := dashboard.NewActiveUsersAccumulator(days, time.UTC)
		if err != nil {
			panic(err)
		}
		if err := learnstats.Feed(loginRows(rows, -1), part.Add); err != nil {
			panic(err)
		}
		if err := total.Merge(part); err != nil {
			panic(err)
		}
	}
	for _, d := range total.Result().Days {
		fmt.Println(d.Date, d.Users)
	}
	broken, _ := dashboard.NewActiveUsersAccumulator(days, time.UTC)
	fmt.Println(learnstats.Feed(loginRows(shards[0], 1), broken.Add))
	// Output:
	// 2026-11-21 2
	// 2026-11-22 1
	// db: connection reset
}

// progressAccumulator scores, as of asOf, a one-module training of 100 activities:
// each learner answers progress[learner] activities; those in completed
// finish their attempt (answering everything) on 20 October.
func progressAccumulator(asOf time.Time, id learnstats.TrainingID, name string, progress map[learnstats.UserID]int, completed ...learnstats.UserID) *scoring.TrainingAccumulator {
	m := scoring.Step{ID: "m", Kind: scoring.StepModule, Mandatory: true}
	for i := range 100 {
		m.Activities = append(m.Activities, scoring.Activity{ID: learnstats.ActivityID(fmt.Sprint(i)), Max: learnstats.WholePoints(1)})
	}
	acc, err := scoring.NewTrainingAccumulator(asOf, scoring.Training{ID: id, Name: name, Steps: []scoring.Step{m}}, scoring.Options{})
	if err != nil {
		panic(err)
	}
	start := time.Date(2026, 10, 1, 9, 0, 0, 0, time.UTC)
	for u, n := range progress {
		a := learnstats.Attempt{ID: "1", Learner: u, Step: "m", Start: start}
		if slices.Contains(completed, u) {
			a.Finish = time.Date(2026, 10, 20, 9, 0, 0, 0, time.UTC)
		}
		for i := range n {
			a.Answers = append(a.Answers, learnstats.Answer{Activity: learnstats.ActivityID(fmt.Sprint(i)), Points: learnstats.WholePoints(1)})
		}
		if err := errors.Join(acc.AddLearner(u, start), acc.Add(a)); err != nil {
			panic(err)
		}
	}
	return acc
}

// Training progress and completion at a cutoff (rule D-2): two trainings
// share a name but stay separate, an expired certificate counts as 0
// progress, and the global figures are the unweighted mean over trainings.
func ExampleProgress() {
	cutoff := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	t1 := progressAccumulator(cutoff, "t1", "Safety", map[learnstats.UserID]int{"u01": 100, "u02": 15}, "u01").Result()
	t2 := progressAccumulator(cutoff, "t2", "Safety", map[learnstats.UserID]int{"u01": 100, "u03": 57}, "u01").Result()
	expired := certificates.Certificate{ID: "c1", User: "u01", Delivered: time.Date(2026, 10, 20, 9, 0, 0, 0, time.UTC), Expires: cutoff.AddDate(0, 0, -1)}
	res, err := dashboard.Progress(cutoff, []dashboard.Training{{Results: t1}, {Results: t2, Certificates: []certificates.Certificate{expired}}})
	if err != nil {
		panic(err)
	}
	for _, tr := range res.Trainings {
		fmt.Printf("%s %s: progress %s (%d %%), completion %d %%, %d learners, %d expired\n",
			tr.Training, tr.Name, tr.Progress.Decimal(2).StringFixed(2), tr.Progress.Int(), tr.Completion.Int(), tr.Learners, tr.Expired)
	}
	fmt.Printf("global: progress %s, completion %s over %d trainings\n",
		res.Global.Progress.Decimal(2).StringFixed(2), res.Global.Completion.Decimal(2).StringFixed(2), res.Global.Trainings)
	// Output:
	// t1 Safety: progress 57.50 (58 %), completion 50 %, 2 learners, 0 expired
	// t2 Safety: progress 28.50 (29 %), completion 0 %, 2 learners, 1 expired
	// global: progress 43.00, completion 25.00 over 2 trainings
}

// Learners scored on shards combine exactly with scoring's Merge before
// the dashboard reads the results; the mean stays an exact fraction.
func ExampleProgress_shards() {
	cutoff := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	a := progressAccumulator(cutoff, "t1", "Safety", map[learnstats.UserID]int{"u01": 1})
	b := progressAccumulator(cutoff, "t1", "Safety", map[learnstats.UserID]int{"u02": 2, "u03": 2})
	if err := a.Merge(b); err != nil {
		panic(err)
	}
	res, err := dashboard.Progress(cutoff, []dashboard.Training{{Results: a.Result()}})
	if err != nil {
		panic(err)
	}
	tr := res.Trainings[0]
	fmt.Println(tr.Learners, tr.Progress, tr.Progress.Decimal(3))
	// Output:
	// 3 5/3 1.667
}

// Class statistics (rule D-3): members × the trainings the class is
// registered in; a member without a record counts as 0 progress.
func ExampleClassProgress() {
	cutoff := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	reg := cutoff.AddDate(0, -1, 0)
	// A mandatory module of 4 activities and an optional one of 1: u01
	// passes the first (completed, progress 4 of 5 = 80 %).
	def := scoring.Training{ID: "t1", Name: "Safety", Steps: []scoring.Step{
		{ID: "m", Kind: scoring.StepModule, Mandatory: true, Activities: []scoring.Activity{{ID: "a1"}, {ID: "a2"}, {ID: "a3"}, {ID: "a4"}}},
		{ID: "o", Kind: scoring.StepModule, Activities: []scoring.Activity{{ID: "a5"}}},
	}}
	acc, _ := scoring.NewTrainingAccumulator(cutoff, def, scoring.Options{})
	answered := []learnstats.Answer{{Activity: "a1"}, {Activity: "a2"}, {Activity: "a3"}, {Activity: "a4"}}
	for _, a := range []learnstats.Attempt{
		{ID: "1", Learner: "u01", Step: "m", Start: reg, Finish: reg.AddDate(0, 0, 2), Answers: answered},
		{ID: "2", Learner: "u07", Step: "m", Start: reg, Finish: reg.AddDate(0, 0, 2), Answers: answered}, // not a member
		{ID: "3", Learner: "u07", Step: "o", Start: reg, Answers: []learnstats.Answer{{Activity: "a5"}}},
	} {
		if err := acc.Add(a); err != nil {
			panic(err)
		}
	}
	class := dashboard.Class{
		ID:        "g4",
		Members:   []learnstats.UserID{"u01", "u02"},
		Trainings: []dashboard.ClassTraining{{Training: "t1", RegisteredAt: reg}},
	}
	res, err := dashboard.ClassProgress(cutoff, class, []dashboard.Training{{Results: acc.Result()}})
	if err != nil {
		panic(err)
	}
	tr := res.Trainings[0]
	fmt.Printf("%s: %d learners, progress %d %%, completion %d %%; outside the class %d, members without record %d\n",
		tr.Training, tr.Learners, tr.Progress.Int(), tr.Completion.Int(), res.OutsideClass, res.ClassMembersWithoutRecord)
	// Output:
	// t1: 2 learners, progress 40 %, completion 50 %; outside the class 1, members without record 1
}

// twoQuizzes is a training of two mandatory modules of one activity of
// max 100 points (an attempt's points are its score), required score 50.
func twoQuizzes(names ...string) scoring.Training {
	def := scoring.Training{ID: "t1", Name: "Safety"}
	for i, id := range []learnstats.StepID{"m1", "m2"} {
		def.Steps = append(def.Steps, scoring.Step{ID: id, Name: names[i], Kind: scoring.StepModule, Mandatory: true, RequiredScore: 50,
			Activities: []scoring.Activity{{ID: "q", Max: learnstats.WholePoints(100)}}})
	}
	return def
}

// Users results of a training (rule D-4): score, status and time spent
// per learner the viewer may see.
func ExampleResults() {
	asOf := time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)
	start := asOf.AddDate(0, -1, 0)
	quiz := func(id learnstats.AttemptID, u learnstats.UserID, step learnstats.StepID, points int64, d time.Duration) learnstats.Attempt {
		return learnstats.Attempt{ID: id, Learner: u, Step: step, Start: start, Finish: start.Add(d),
			Answers: []learnstats.Answer{{Activity: "q", Points: learnstats.WholePoints(points)}}}
	}
	acc, _ := scoring.NewTrainingAccumulator(asOf, twoQuizzes("Basics", "Final quiz"), scoring.Options{})
	for _, a := range []learnstats.Attempt{
		quiz("1", "u01", "m1", 80, time.Hour), quiz("2", "u01", "m2", 65, time.Hour),
		quiz("3", "u02", "m1", 90, 95*time.Minute), quiz("4", "u02", "m2", 0, 0),
		quiz("5", "u03", "m1", 90, 0), quiz("6", "u03", "m2", 90, 0),
	} {
		if err := acc.Add(a); err != nil {
			panic(err)
		}
	}
	_ = acc.AddLearner("u04", start)
	t := dashboard.Training{Results: acc.Result(), Certificates: []certificates.Certificate{
		{ID: "c3", User: "u03", Delivered: start, Expires: asOf.AddDate(0, 0, -1)},
	}}
	dir, _ := learnstats.NewDirectory([]learnstats.User{{ID: "u01"}, {ID: "u02"}, {ID: "u03"}, {ID: "u04"}})
	res, err := dashboard.Results(asOf, t, dir, learnstats.Everything)
	if err != nil {
		panic(err)
	}
	for _, r := range res.Rows {
		fmt.Println(r.User.ID, r.Score.Int(), r.Status, r.TimeSpent)
	}
	// Output:
	// u01 73 Success 2h0m0s
	// u02 45 Failed 1h35m0s
	// u03 90 Expired 0s
	// u04 0 Pending 0s
}

// Training content (rule D-5): completion over all members, average score
// over members with a score, average time over members who started.
func ExampleTrainingContent() {
	asOf := time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)
	start := asOf.AddDate(0, -1, 0)
	quiz := func(id learnstats.AttemptID, u learnstats.UserID, step learnstats.StepID, points int64, d time.Duration) learnstats.Attempt {
		return learnstats.Attempt{ID: id, Learner: u, Step: step, Start: start, Finish: start.Add(d),
			Answers: []learnstats.Answer{{Activity: "q", Points: learnstats.WholePoints(points)}}}
	}
	acc, _ := scoring.NewTrainingAccumulator(asOf, twoQuizzes("Basics", "Final quiz"), scoring.Options{})
	for _, u := range []learnstats.UserID{"u01", "u02", "u03"} {
		_ = acc.AddLearner(u, start)
	}
	for _, a := range []learnstats.Attempt{
		quiz("1", "u01", "m1", 80, 10*time.Minute), quiz("2", "u02", "m1", 35, 25*time.Minute), quiz("3", "u01", "m2", 0, 3*time.Minute),
	} {
		if err := acc.Add(a); err != nil {
			panic(err)
		}
	}
	res, err := dashboard.TrainingContent(asOf, dashboard.Training{Results: acc.Result()})
	if err != nil {
		panic(err)
	}
	for _, s := range res.Steps {
		fmt.Printf("%s: %d %% completed, avg score %s, avg time %s\n",
			s.Name, s.Completion.Int(), s.AvgScore.Decimal(1).StringFixed(1), s.AvgTimeSpent)
	}
	// Output:
	// Basics: 33 % completed, avg score 57.5, avg time 17m30s
	// Final quiz: 0 % completed, avg score 0.0, avg time 3m0s
}

// User metrics (rule D-6) over the last 7 days before asOf.
func ExampleUserMetricsOf() {
	asOf := time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)
	users := []learnstats.User{
		{ID: "u01", CreatedAt: asOf.AddDate(0, -6, 0)},
		{ID: "u49", CreatedAt: asOf.AddDate(0, 0, -2)},
		{ID: "u50", CreatedAt: asOf.AddDate(0, 0, -7)},
		{ID: "u51", CreatedAt: asOf.AddDate(0, 0, -8)},
	}
	logins := []dashboard.Event{
		{User: "u01", At: asOf.Add(-time.Hour)},
		{User: "u50", At: asOf.AddDate(0, 0, -7)},
		{User: "u51", At: asOf.AddDate(0, 0, -8)},
	}
	m, err := dashboard.UserMetricsOf(asOf, slices.Values(users), slices.Values(logins))
	if err != nil {
		panic(err)
	}
	fmt.Printf("users %d, new %d, recently active %d\n", m.Users, m.NewUsers, m.RecentlyActive)
	// Output:
	// users 4, new 2, recently active 2
}

// The D-6 accumulator is built as of an instant; the same accounts and
// accesses a week later need an accumulator as of that week.
func ExampleUserMetricsAccumulator() {
	asOf := time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)
	for _, at := range []time.Time{asOf, asOf.AddDate(0, 0, 7)} {
		m := dashboard.NewUserMetricsAccumulator(at)
		_ = m.AddUser(learnstats.User{ID: "u01", CreatedAt: asOf.AddDate(0, 0, -3)})
		_ = m.AddAccess(dashboard.Event{User: "u01", At: asOf.AddDate(0, 0, -1)})
		_ = m.AddUser(learnstats.User{ID: "u02", CreatedAt: asOf.AddDate(0, 0, 2)})
		r, err := m.Result()
		if err != nil {
			panic(err)
		}
		fmt.Printf("%s: users %d, new %d, recently active %d, created later %d\n", at.Format(time.DateOnly), r.Users, r.NewUsers, r.RecentlyActive, r.CreatedAfterAsOf)
	}
	// Output:
	// 2026-11-22: users 1, new 1, recently active 1, created later 1
	// 2026-11-29: users 2, new 1, recently active 0, created later 0
}
