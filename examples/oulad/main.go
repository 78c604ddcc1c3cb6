// Command oulad scores real coursework with learnstats' Opigno rules: each
// presentation of the Open University Learning Analytics Dataset (a small
// CC-BY 4.0 subset is embedded, see testdata/README.md) is a module whose
// activities are its assessments, with the assessment's weight as max
// score; each student's submissions are one finished attempt. The attempt
// score (rule S-1) is then exactly the weighted average
// Σ(score × weight) / Σweight, rounded half away from zero once; a
// presentation whose coursework weights are all 0 (GGG) scores 100 once
// finished (rule S-2), where a weight-only average would divide by zero.
//
//	go run ./examples/oulad [-assessments coursework|all] [-data DIR]
//
// -assessments coursework (the default) scores the tutor- and
// computer-marked assessments (TMA, CMA); all adds the exams. -data reads
// assessments.csv, studentAssessment.csv and studentInfo.csv from a full
// copy of the dataset instead of the embedded subset.
//
// It first prints the facts the data reproduces: the number of learners
// (studentInfo.csv has one row per student and presentation) and the
// final_result counts. On the full dataset they are the published ones:
// 32,593 learners; Pass 12,361, Withdrawn 10,156, Fail 7,052,
// Distinction 3,024.
package main

import (
	"embed"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"slices"
	"time"

	"github.com/shopspring/decimal"

	"github.com/learnstats/learnstats"
	"github.com/learnstats/learnstats/examples/demo"
	"github.com/learnstats/learnstats/scoring"
)

//go:embed testdata/*.csv
var embedded embed.FS

// requiredScore is the pass mark used for rule S-4 (OU's pass mark).
const requiredScore = 40

// start is day 0 of every presentation (the dataset's days are relative).
var start = time.Date(2013, 10, 1, 0, 0, 0, 0, time.UTC)

// Assessments says which assessments are scored.
type Assessments string

const (
	// Coursework scores the tutor- and computer-marked assessments (TMA,
	// CMA), leaving the exams out.
	Coursework Assessments = "coursework"
	// All scores the exams too.
	All Assessments = "all"
)

// scores reports whether assessments of type kind (TMA, CMA, Exam) are
// scored.
func (a Assessments) scores(kind string) bool { return a == All || kind != "Exam" }

// Presentation is one module presentation: its step and its students'
// attempts.
type Presentation struct {
	Code     string // e.g. "AAA-2013J"
	Step     scoring.Step
	Attempts []learnstats.Attempt
	// Missing counts submissions without a score ("?"), left unanswered;
	// Banked counts results carried over from an earlier attempt, which
	// count as answers.
	Missing, Banked int
}

// Facts are the published figures the data reproduces.
type Facts struct {
	// Learners is the number of studentInfo.csv rows: one per student and
	// presentation.
	Learners int
	// Results counts the learners per final_result.
	Results map[string]int
}

// finalResults are the values of final_result, in the order printed.
var finalResults = []string{"Pass", "Withdrawn", "Fail", "Distinction"}

// Summary is what the command prints for a presentation.
type Summary struct {
	Code     string
	Students int
	Weights  learnstats.Points
	Passed   int
	Mean     decimal.Decimal // mean of the exact attempt scores, 2 places
	Missing  int
	Banked   int
}

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "oulad:", err)
		os.Exit(1)
	}
}

func run(args []string, stdout io.Writer) error {
	fl := flag.NewFlagSet("oulad", flag.ContinueOnError)
	which := fl.String("assessments", string(Coursework), "coursework (TMA and CMA) or all (exams too)")
	dir := fl.String("data", "", "directory holding a full copy of the dataset (default: the embedded subset)")
	if err := fl.Parse(args); err != nil {
		return err
	}
	if fl.NArg() > 0 {
		return fmt.Errorf("unexpected argument %q", fl.Arg(0))
	}
	kind := Assessments(*which)
	if kind != Coursework && kind != All {
		return fmt.Errorf("-assessments %q: want coursework or all", *which)
	}
	fsys, err := fs.Sub(embedded, "testdata")
	if err != nil {
		return err
	}
	if *dir != "" {
		fsys = os.DirFS(*dir)
	}
	facts, err := LoadFacts(fsys)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%d learners (student × presentation); final_result:", facts.Learners)
	for _, r := range finalResults {
		fmt.Fprintf(stdout, " %s %d", r, facts.Results[r])
	}
	fmt.Fprintf(stdout, "\n\nscored: %s\n", kind)
	ps, err := Load(fsys, kind)
	if err != nil {
		return err
	}
	fmt.Fprintln(stdout, "presentation  students  Σweight  passed (≥40)  mean score  missing  banked")
	for _, p := range ps {
		s, err := Summarize(p)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "%-12s  %8d  %7s  %12d  %10s  %7d  %6d\n", s.Code, s.Students, s.Weights, s.Passed, s.Mean.StringFixed(2), s.Missing, s.Banked)
	}
	return nil
}

// Summarize scores every attempt of p (rules S-1, S-2, S-4).
func Summarize(p Presentation) (Summary, error) {
	s := Summary{Code: p.Code, Students: len(p.Attempts), Missing: p.Missing, Banked: p.Banked}
	for _, a := range p.Step.Activities {
		s.Weights += a.Max
	}
	sum := decimal.Zero
	for _, a := range p.Attempts {
		r, err := scoring.ScoreAttempt(p.Step, a)
		if err != nil {
			return s, err
		}
		if r.Passed {
			s.Passed++
		}
		sum = sum.Add(r.Score.Decimal(7))
	}
	if n := len(p.Attempts); n > 0 {
		s.Mean = sum.DivRound(decimal.NewFromInt(int64(n)), 2)
	}
	return s, nil
}

// LoadFacts counts the learners of studentInfo.csv and their final
// results.
func LoadFacts(fsys fs.FS) (Facts, error) {
	f := Facts{Results: map[string]int{}}
	rows := demo.Open(fsys, "studentInfo.csv", demo.Schema{
		Required: []string{"code_module", "code_presentation", "id_student", "final_result"},
		Unique:   [][]string{{"code_module", "code_presentation", "id_student"}},
	})
	for rows.Next() {
		r := rows.Text("final_result")
		if !slices.Contains(finalResults, r) {
			rows.Fail("final_result", "%q is not Pass, Withdrawn, Fail or Distinction", r)
		}
		f.Learners++
		f.Results[r]++
	}
	return f, rows.Err()
}

// Load reads the presentations from assessments.csv and
// studentAssessment.csv in fsys, scoring the assessments which says, in
// code order, students by ID.
func Load(fsys fs.FS, which Assessments) ([]Presentation, error) {
	byCode := map[string]*Presentation{}
	assessment := map[string]*Presentation{} // scored assessments only
	weight := map[string]decimal.Decimal{}
	known := map[string]bool{}
	rows := demo.Open(fsys, "assessments.csv", demo.Schema{
		Required: []string{"code_module", "code_presentation", "id_assessment", "assessment_type", "weight"},
		Unique:   [][]string{{"id_assessment"}},
	})
	for rows.Next() {
		id, kind := rows.Text("id_assessment"), rows.Text("assessment_type")
		w, err := decimal.NewFromString(rows.Text("weight"))
		if err != nil {
			rows.Fail("weight", "%q is not a number", rows.Text("weight"))
		}
		max, err := learnstats.PointsFromDecimal(w)
		rows.CheckCell("weight", err)
		known[id] = true
		if rows.Err() != nil || !which.scores(kind) {
			continue
		}
		code := rows.Text("code_module") + "-" + rows.Text("code_presentation")
		p := byCode[code]
		if p == nil {
			p = &Presentation{Code: code, Step: scoring.Step{ID: learnstats.StepID(code), Kind: scoring.StepModule,
				Mandatory: true, RequiredScore: requiredScore, Keep: scoring.KeepBest}}
			byCode[code] = p
		}
		p.Step.Activities = append(p.Step.Activities, scoring.Activity{ID: learnstats.ActivityID(id), Max: max})
		assessment[id], weight[id] = p, w
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}

	type key struct{ code, student string }
	attempts := map[key]*learnstats.Attempt{}
	rows = demo.Open(fsys, "studentAssessment.csv", demo.Schema{
		Required: []string{"id_student", "id_assessment", "date_submitted", "is_banked", "score"},
		Unique:   [][]string{{"id_student", "id_assessment"}},
	})
	for rows.Next() {
		id := rows.Ref("id_assessment", "assessment", func(id string) bool { return known[id] })
		student, day, banked, score := rows.Text("id_student"), rows.Int("date_submitted"), rows.Bool("is_banked"), rows.Text("score")
		p := assessment[id]
		if rows.Err() != nil || p == nil {
			continue // an error, or an assessment not scored (an exam)
		}
		k := key{p.Code, student}
		a := attempts[k]
		at := start.AddDate(0, 0, day)
		if a == nil {
			a = &learnstats.Attempt{ID: learnstats.AttemptID(student), Learner: learnstats.UserID(student), Step: p.Step.ID, Start: at, Finish: at}
			attempts[k] = a
		}
		a.Start, a.Finish = minTime(a.Start, at), maxTime(a.Finish, at)
		if banked {
			p.Banked++
		}
		if score == "?" {
			p.Missing++ // submitted, not scored: the activity stays unanswered
			continue
		}
		s, err := decimal.NewFromString(score)
		if err != nil {
			rows.Fail("score", "%q is not a number or ?", score)
			continue
		}
		// points = score % of the weight, exact: a shift, no division.
		pts, err := learnstats.PointsFromDecimal(s.Mul(weight[id]).Shift(-2))
		rows.CheckCell("score", err)
		a.Answers = append(a.Answers, learnstats.Answer{Activity: learnstats.ActivityID(id), Points: pts})
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	out := make([]Presentation, 0, len(byCode))
	for _, code := range slices.Sorted(maps.Keys(byCode)) {
		p := byCode[code]
		for k, a := range attempts {
			if k.code == code {
				p.Attempts = append(p.Attempts, *a)
			}
		}
		slices.SortFunc(p.Attempts, func(a, b learnstats.Attempt) int { return learnstats.CompareIDs(a.ID, b.ID) })
		out = append(out, *p)
	}
	return out, nil
}

func minTime(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}

func maxTime(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}
