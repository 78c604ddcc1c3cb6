// Command oulad scores real coursework with learnstats' Opigno rules: each
// presentation of the Open University Learning Analytics Dataset (a small
// CC-BY 4.0 subset is embedded, see testdata/README.md) is a module whose
// activities are its assessments, with the assessment's weight as max
// score; each student's submissions are one finished attempt. The attempt
// score (rule S-1) is then exactly the weighted coursework average
// Σ(score × weight) / Σweight, rounded half away from zero once; a
// presentation whose coursework weights are all 0 (GGG) scores 100 once
// finished (rule S-2), where a weight-only average would divide by zero.
//
//	go run ./examples/oulad
package main

import (
	"embed"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"slices"
	"strconv"
	"time"

	"github.com/shopspring/decimal"

	"github.com/learnstats/learnstats"
	"github.com/learnstats/learnstats/scoring"
)

//go:embed testdata/*.csv
var data embed.FS

// requiredScore is the pass mark used for rule S-4 (OU's pass mark).
const requiredScore = 40

// start is day 0 of every presentation (the dataset's days are relative).
var start = time.Date(2013, 10, 1, 0, 0, 0, 0, time.UTC)

// Presentation is one module presentation: its step and its students'
// attempts.
type Presentation struct {
	Code     string // e.g. "AAA-2013J"
	Step     scoring.Step
	Attempts []scoring.Attempt
	// Missing counts submissions without a score ("?"), left unanswered;
	// Banked counts results carried over from an earlier attempt, which
	// count as answers.
	Missing, Banked int
}

// Summary is what the command prints for a presentation.
type Summary struct {
	Code     string
	Students int
	Weights  scoring.Points
	Passed   int
	Mean     decimal.Decimal // mean of the exact attempt scores, 2 places
	Missing  int
	Banked   int
}

func main() {
	ps, err := Load(data)
	if err != nil {
		fmt.Fprintln(os.Stderr, "oulad:", err)
		os.Exit(1)
	}
	fmt.Println("presentation  students  Σweight  passed (≥40)  mean score  missing  banked")
	for _, p := range ps {
		s, err := Summarize(p)
		if err != nil {
			fmt.Fprintln(os.Stderr, "oulad:", err)
			os.Exit(1)
		}
		fmt.Printf("%-12s  %8d  %7s  %12d  %10s  %7d  %6d\n", s.Code, s.Students, s.Weights, s.Passed, s.Mean.StringFixed(2), s.Missing, s.Banked)
	}
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

// Load reads the presentations from fsys (testdata/assessments.csv and
// testdata/studentAssessment.csv), in code order, students by ID.
func Load(fsys fs.FS) ([]Presentation, error) {
	as, err := readCSV(fsys, "testdata/assessments.csv")
	if err != nil {
		return nil, err
	}
	byCode := map[string]*Presentation{}
	assessment := map[string]*Presentation{}
	weight := map[string]decimal.Decimal{}
	var order []string
	for i, r := range as[1:] {
		if len(r) != 6 {
			return nil, fmt.Errorf("assessments.csv:%d: %d columns, want 6", i+2, len(r))
		}
		code := r[0] + "-" + r[1]
		p := byCode[code]
		if p == nil {
			p = &Presentation{Code: code, Step: scoring.Step{ID: scoring.StepID(code), Kind: scoring.StepModule,
				Mandatory: true, RequiredScore: requiredScore, Keep: scoring.KeepBest}}
			byCode[code] = p
			order = append(order, code)
		}
		w, err := decimal.NewFromString(r[5])
		if err != nil {
			return nil, fmt.Errorf("assessments.csv:%d:6: weight: %w", i+2, err)
		}
		max, err := scoring.PointsFromDecimal(w)
		if err != nil {
			return nil, fmt.Errorf("assessments.csv:%d:6: weight: %w", i+2, err)
		}
		p.Step.Activities = append(p.Step.Activities, scoring.Activity{ID: scoring.ActivityID(r[2]), Max: max})
		assessment[r[2]] = p
		weight[r[2]] = w
	}
	sa, err := readCSV(fsys, "testdata/studentAssessment.csv")
	if err != nil {
		return nil, err
	}
	type key struct{ code, student string }
	attempts := map[key]*scoring.Attempt{}
	for i, r := range sa[1:] {
		line := i + 2
		if len(r) != 5 {
			return nil, fmt.Errorf("studentAssessment.csv:%d: %d columns, want 5", line, len(r))
		}
		p := assessment[r[1]]
		if p == nil {
			return nil, fmt.Errorf("studentAssessment.csv:%d:2: unknown assessment %q", line, r[1])
		}
		day, err := strconv.Atoi(r[2])
		if err != nil {
			return nil, fmt.Errorf("studentAssessment.csv:%d:3: date_submitted: %w", line, err)
		}
		k := key{p.Code, r[0]}
		a := attempts[k]
		at := start.AddDate(0, 0, day)
		if a == nil {
			a = &scoring.Attempt{ID: scoring.AttemptID(r[0]), Learner: learnstats.UserID(r[0]), Step: p.Step.ID, Start: at, Finish: at}
			attempts[k] = a
		}
		a.Start = minTime(a.Start, at)
		a.Finish = maxTime(a.Finish, at)
		if r[3] == "1" {
			p.Banked++
		}
		if r[4] == "?" {
			p.Missing++ // submitted, not scored: the activity stays unanswered
			continue
		}
		score, err := decimal.NewFromString(r[4])
		if err != nil {
			return nil, fmt.Errorf("studentAssessment.csv:%d:5: score: %w", line, err)
		}
		// points = score % of the weight, exact: a shift, no division.
		pts, err := scoring.PointsFromDecimal(score.Mul(weight[r[1]]).Shift(-2))
		if err != nil {
			return nil, fmt.Errorf("studentAssessment.csv:%d:5: %w", line, err)
		}
		a.Answers = append(a.Answers, scoring.Answer{Activity: scoring.ActivityID(r[1]), Points: pts})
	}
	out := make([]Presentation, 0, len(order))
	slices.Sort(order)
	for _, code := range order {
		p := byCode[code]
		for k, a := range attempts {
			if k.code == code {
				p.Attempts = append(p.Attempts, *a)
			}
		}
		slices.SortFunc(p.Attempts, func(a, b scoring.Attempt) int { return scoring.CompareAttemptIDs(a.ID, b.ID) })
		out = append(out, *p)
	}
	return out, nil
}

func readCSV(fsys fs.FS, name string) ([][]string, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := csv.NewReader(f)
	var recs [][]string
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		recs = append(recs, rec)
	}
	if len(recs) == 0 {
		return nil, fmt.Errorf("%s: empty", name)
	}
	return recs, nil
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
