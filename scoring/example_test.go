package scoring_test

import (
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/learnstats/learnstats"
	"github.com/learnstats/learnstats/scoring"
)

// A training score with its explanation (Rules S-6 and S-14): two mandatory
// modules scoring 80 and 65 give 72.5, rounded to 73.
func Example_trainingScore() {
	pts := learnstats.WholePoints
	training := scoring.Training{ID: "onboarding", Steps: []scoring.Step{
		{ID: "safety", Kind: scoring.StepModule, Mandatory: true, RequiredScore: 50, Keep: scoring.KeepBest,
			Activities: []scoring.Activity{{ID: "q1", Max: pts(10)}, {ID: "q2", Max: pts(10)}, {ID: "intro", Max: 0}}},
		{ID: "tools", Kind: scoring.StepModule, Mandatory: true, RequiredScore: 70, Keep: scoring.KeepNewest,
			Activities: []scoring.Activity{{ID: "q1", Max: pts(20)}}},
	}}
	day := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	attempts := []learnstats.Attempt{
		{ID: "1", Learner: "u01", Step: "safety", Start: day, Finish: day.Add(20 * time.Minute),
			Answers: []learnstats.Answer{{Activity: "q1", Points: pts(6)}, {Activity: "q2", Points: pts(10)}, {Activity: "intro"}}},
		{ID: "2", Learner: "u01", Step: "tools", Start: day.Add(time.Hour), Finish: day.Add(70 * time.Minute),
			Answers: []learnstats.Answer{{Activity: "q1", Points: pts(13)}}},
	}
	asOf := day.Add(24 * time.Hour)
	acc, err := scoring.NewTrainingAccumulator(asOf, training, scoring.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, a := range attempts {
		if err := acc.Add(a); err != nil {
			fmt.Println(err)
			return
		}
	}
	r := acc.Result().Learners[0]
	fmt.Println("score:", r.Score.Int(), "exact:", r.Score.Decimal(2).StringFixed(2), "progress:", r.Progress.Int())
	e, err := acc.Explain("u01")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(e)
	// Output:
	// score: 73 exact: 72.50 progress: 100
	// learner "u01", training "onboarding"
	// score: 73% (exactly 72.5) = (80 + 65) / 2 mandatory steps (Rule S-6)
	// progress: 100% = 4 of 4 activities and mandatory sessions (Rule S-8)
	// completed: no, mandatory steps not completed: "tools" (Rule S-10)
	// passed: no, mandatory steps not passed: "tools" (Rule S-10)
	// time spent: 30m0s (Rule S-11)
	//   step "safety" (module, mandatory, required 50%, keep best): score 80%, passed, completed 2026-11-02T09:20:00Z, 3 of 3 answered, time 20m0s
	//     counted in the training score: mandatory (Rule S-6)
	//     activity "q1" max 10: scored, answered
	//     activity "q2" max 10: scored, answered
	//     activity "intro" max 0: not scored, max score 0 (Rule S-1), answered
	//     attempt "1" 2026-11-02T09:00:00Z → 2026-11-02T09:20:00Z: 16/20 points → 80%, 3 of 3 answered, passed, time 20m0s; counted: best score (Rule S-3, keep best)
	//   step "tools" (module, mandatory, required 70%, keep newest): score 65%, failed, 1 of 1 answered, time 10m0s
	//     counted in the training score: mandatory (Rule S-6)
	//     activity "q1" max 20: scored, answered
	//     attempt "2" 2026-11-02T10:00:00Z → 2026-11-02T10:10:00Z: 13/20 points → 65%, 1 of 1 answered, not passed, time 10m0s; counted: newest finished attempt (Rule S-3, keep newest)
}

// Rows as a Moodle-like schema stores them. Moodle keeps marks with seven
// decimals, which learnstats.Points holds exactly.
type (
	quizSlot struct { // quiz_slots
		Quiz    int64
		Slot    int
		MaxMark string
	}
	quizAttempt struct { // quiz_attempts
		ID, Quiz, UserID      int64
		TimeStart, TimeFinish int64 // Unix seconds; TimeFinish 0 while in progress
	}
	questionGrade struct { // question_attempts joined with their last step
		Attempt int64
		Slot    int
		Mark    string // empty when the question was not answered
	}
)

// moodleAttempt adapts one quiz_attempts row and its question grades to a
// learnstats.Attempt: the quiz is the module step, each slot an activity.
func moodleAttempt(a quizAttempt, grades []questionGrade) (learnstats.Attempt, error) {
	out := learnstats.Attempt{
		ID:      learnstats.AttemptID(strconv.FormatInt(a.ID, 10)),
		Learner: learnstats.UserID(strconv.FormatInt(a.UserID, 10)),
		Step:    learnstats.StepID(strconv.FormatInt(a.Quiz, 10)),
		Start:   time.Unix(a.TimeStart, 0).UTC(),
	}
	if a.TimeFinish != 0 {
		out.Finish = time.Unix(a.TimeFinish, 0).UTC()
	}
	for _, g := range grades {
		if g.Attempt != a.ID || g.Mark == "" {
			continue
		}
		p, err := learnstats.ParsePoints(g.Mark)
		if err != nil {
			return out, fmt.Errorf("attempt %d slot %d: %w", a.ID, g.Slot, err)
		}
		out.Answers = append(out.Answers, learnstats.Answer{Activity: learnstats.ActivityID(strconv.Itoa(g.Slot)), Points: p})
	}
	return out, nil
}

// Adapting a Moodle-like schema (quiz_slots, quiz_attempts, question
// grades) to scoring records takes a few lines; a training of one quiz with
// keep = best then scores like Moodle's "highest grade" method.
func Example_moodleAdapter() {
	slots := []quizSlot{{Quiz: 7, Slot: 1, MaxMark: "1.0000000"}, {Quiz: 7, Slot: 2, MaxMark: "1.0000000"}, {Quiz: 7, Slot: 3, MaxMark: "1.0000000"}}
	attempts := []quizAttempt{
		{ID: 101, Quiz: 7, UserID: 42, TimeStart: 1793600000, TimeFinish: 1793600600},
		{ID: 102, Quiz: 7, UserID: 42, TimeStart: 1793700000, TimeFinish: 0},
	}
	grades := []questionGrade{
		{Attempt: 101, Slot: 1, Mark: "1.0000000"},
		{Attempt: 101, Slot: 2, Mark: "0.3333333"},
		{Attempt: 101, Slot: 3, Mark: "0.0000000"},
		{Attempt: 102, Slot: 1, Mark: "1.0000000"},
	}

	quiz := scoring.Step{ID: "7", Kind: scoring.StepModule, Mandatory: true, RequiredScore: 40, Keep: scoring.KeepBest}
	for _, s := range slots {
		max, err := learnstats.ParsePoints(s.MaxMark)
		if err != nil {
			fmt.Println(err)
			return
		}
		quiz.Activities = append(quiz.Activities, scoring.Activity{ID: learnstats.ActivityID(strconv.Itoa(s.Slot)), Max: max})
	}
	asOf := time.Unix(1793800000, 0).UTC()
	acc, err := scoring.NewTrainingAccumulator(asOf, scoring.Training{ID: "course-3", Steps: []scoring.Step{quiz}}, scoring.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, a := range attempts {
		rec, err := moodleAttempt(a, grades)
		if err == nil {
			err = acc.Add(rec)
		}
		if err != nil {
			fmt.Println(err)
			return
		}
	}
	for _, r := range acc.Result().Learners {
		s := r.Steps[0]
		fmt.Printf("user %s quiz %s: %d%% (exactly %s), %s, %d attempts (%d finished)\n",
			r.Learner, s.Step, s.Score.Int(), s.Score.Decimal(4).StringFixed(4), s.Status, s.Attempts, s.Finished)
	}
	// Output:
	// user 42 quiz 7: 44% (exactly 44.4444), passed, 2 attempts (1 finished)
}

// Accumulators computed on shards (goroutines, machines, database
// partitions) merge exactly into the one-pass result.
func ExampleTrainingAccumulator_Merge() {
	training := scoring.Training{ID: "t", Steps: []scoring.Step{{ID: "m", Kind: scoring.StepModule, Mandatory: true,
		Activities: []scoring.Activity{{ID: "a", Max: learnstats.WholePoints(40)}}}}}
	// Every shard, and the total, is built on the same definition: Merge
	// refuses another one (learnstats.ErrMismatch).
	var shards [3]*scoring.TrainingAccumulator
	for i := range shards {
		acc, err := scoring.NewTrainingAccumulator(time.Time{}, training, scoring.Options{})
		if err != nil {
			fmt.Println(err)
			return
		}
		shards[i] = acc
	}
	all, east, west := shards[0], shards[1], shards[2]
	t0 := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	if err := east.Add(learnstats.Attempt{ID: "1", Learner: "u1", Step: "m", Start: t0, Finish: t0.Add(time.Minute),
		Answers: []learnstats.Answer{{Activity: "a", Points: learnstats.WholePoints(23)}}}); err != nil {
		fmt.Println(err)
		return
	}
	if err := west.AddLearner("u2", time.Time{}); err != nil {
		fmt.Println(err)
		return
	}
	for _, shard := range []*scoring.TrainingAccumulator{west, east} {
		if err := all.Merge(shard); err != nil {
			fmt.Println(err)
			return
		}
	}
	for _, r := range all.Result().Learners {
		fmt.Println(r.Learner, "module", r.Steps[0].Score, "training", r.Score.Int(), r.Status)
	}
	// Output:
	// u1 module 57.5 training 58 Passed
	// u2 module none training 0 Not started
}

// Rules S-12 and S-13 on the same answers: every answer counts, repeated
// answers included (S-12); scores and work by tag, assessments included
// (S-13). As of the day after, the answer given two days later is left
// out and counted.
func ExampleScoreAnswers() {
	day := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	answers := []learnstats.QuestionAnswer{
		{ID: "1", Learner: "u1", Question: "q1", Tags: []learnstats.TagID{"sales"}, At: day, Score: learnstats.WholePoints(0)},
		{ID: "2", Learner: "u1", Question: "q1", Tags: []learnstats.TagID{"sales"}, At: day.Add(time.Hour), Score: learnstats.WholePoints(100)},
		{ID: "3", Learner: "u1", Question: "q2", Tags: []learnstats.TagID{"sales", "crm"}, At: day, Score: learnstats.WholePoints(50)},
		{ID: "4", Learner: "u1", Question: "q2", Tags: []learnstats.TagID{"crm"}, At: day.AddDate(0, 0, 2), Score: learnstats.WholePoints(100)},
	}
	assessments := []learnstats.AssessmentScore{
		{ID: "1", Learner: "u1", Assessment: "final", Tags: []learnstats.TagID{"sales"}, At: day, Score: learnstats.WholePoints(45), Scored: true},
	}
	asOf := day.AddDate(0, 0, 1)
	res, err := scoring.ScoreAnswers(asOf, slices.Values(answers), slices.Values(assessments))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range res.Learners {
		fmt.Println(r.Learner, "average", r.Average.Int(), "answers", r.Answers)
	}
	for _, r := range res.Tags {
		fmt.Printf("%s %s: training %d, assessment %d (%v), average %d, work %d\n",
			r.Learner, r.Tag, r.Training.Int(), r.Assessment.Int(), r.Assessment.Valid(), r.Average.Int(), r.Work)
	}
	fmt.Println("answers at or after asOf:", res.LaterAnswers)
	// Output:
	// u1 average 50 answers 3
	// u1 crm: training 50, assessment 0 (false), average 50, work 1
	// u1 sales: training 50, assessment 45 (true), average 48, work 4
	// answers at or after asOf: 1
}

// Result computes every learner's training figures as of an instant (Rule
// S-15): score, progress, completion and its date, pass, status (Rule
// S-16), time spent. Records at or after asOf are left out and counted.
func ExampleTrainingAccumulator_Result() {
	pts := learnstats.WholePoints
	intro := scoring.Step{ID: "intro", Kind: scoring.StepModule, Mandatory: true, RequiredScore: 50,
		Activities: []scoring.Activity{{ID: "q1", Max: pts(10)}}}
	exam := scoring.Step{ID: "exam", Kind: scoring.StepModule, Mandatory: true, RequiredScore: 60,
		Activities: []scoring.Activity{{ID: "q1", Max: pts(20)}, {ID: "q2", Max: pts(20)}}}
	day := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	acc, err := scoring.NewTrainingAccumulator(day.Add(24*time.Hour), scoring.Training{ID: "t", Steps: []scoring.Step{intro, exam}}, scoring.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, a := range []learnstats.Attempt{
		{ID: "1", Learner: "ada", Step: "intro", Start: day, Finish: day.Add(5 * time.Minute),
			Answers: []learnstats.Answer{{Activity: "q1", Points: pts(8)}}},
		{ID: "2", Learner: "ada", Step: "exam", Start: day.Add(time.Hour), Finish: day.Add(90 * time.Minute),
			Answers: []learnstats.Answer{{Activity: "q1", Points: pts(15)}, {Activity: "q2", Points: pts(10)}}},
		{ID: "3", Learner: "bob", Step: "intro", Start: day, Finish: day.Add(7 * time.Minute),
			Answers: []learnstats.Answer{{Activity: "q1", Points: pts(3)}}},
		{ID: "4", Learner: "bob", Step: "exam", Start: day.Add(48 * time.Hour)}, // after asOf
	} {
		if err := acc.Add(a); err != nil {
			fmt.Println(err)
			return
		}
	}
	res := acc.Result()
	for _, r := range res.Learners {
		fmt.Printf("%s: score %d%%, progress %d%%, completed %v %s, passed %v, %s, time %s\n", r.Learner, r.Score.Int(),
			r.Progress.Int(), r.Completed, r.CompletedAt.Format(time.DateTime), r.Passed, r.Status, r.TimeSpent)
	}
	fmt.Println("attempts after asOf:", res.LaterAttempts)
	// Output:
	// ada: score 72%, progress 100%, completed true 2026-11-02 10:30:00, passed true, Passed, time 35m0s
	// bob: score 15%, progress 33%, completed false 0001-01-01 00:00:00, passed false, Failed, time 7m0s
	// attempts after asOf: 1
}
