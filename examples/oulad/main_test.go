package main

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io/fs"
	"maps"
	"math/big"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/learnstats/learnstats/scoring"
)

func testdata(t *testing.T) fs.FS {
	t.Helper()
	fsys, err := fs.Sub(embedded, "testdata")
	if err != nil {
		t.Fatal(err)
	}
	return fsys
}

// TestS1_OULADWeightedAverage checks rules S-1, S-2 and S-4 on real data
// against an independent computation with math/big, for coursework only
// and for every assessment: the attempt score of every student is
// Σ(score × weight) / Σweight over all the presentation's scored
// assessments (a missing score counts 0), rounded half away from zero
// once; GGG's all-zero coursework weights give 100 (S-2); a student passes
// when every scored assessment has a score and the score is at least 40
// (S-4).
func TestS1_OULADWeightedAverage(t *testing.T) {
	cases := []struct {
		name    string
		which   Assessments
		reason  string
		scored  func(kind string) bool
		hundred int // students of all-zero presentations, at least
	}{
		{"coursework", Coursework, "exams left out (the default)", func(k string) bool { return k != "Exam" }, 200},
		{"all", All, "exams scored too: GGG's exam has weight 100, so no S-2 case", func(string) bool { return true }, 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ps, err := Load(testdata(t), tc.which)
			if err != nil {
				t.Fatal(err)
			}
			weights := map[string]*big.Rat{} // assessment → weight
			presOf := map[string]string{}    // assessment → presentation
			total := map[string]*big.Rat{}   // presentation → Σweight
			count := map[string]int{}        // presentation → assessments
			for _, r := range readAll(t, "testdata/assessments.csv") {
				if !tc.scored(r["assessment_type"]) {
					continue
				}
				w, ok := new(big.Rat).SetString(r["weight"])
				if !ok {
					t.Fatalf("weight %q", r["weight"])
				}
				code := r["code_module"] + "-" + r["code_presentation"]
				weights[r["id_assessment"]], presOf[r["id_assessment"]] = w, code
				if total[code] == nil {
					total[code] = new(big.Rat)
				}
				total[code].Add(total[code], w)
				count[code]++
			}
			type key struct{ code, student string }
			sum := map[key]*big.Rat{}
			scored := map[key]int{}
			for _, r := range readAll(t, "testdata/studentAssessment.csv") {
				w := weights[r["id_assessment"]]
				if w == nil {
					continue // not scored
				}
				k := key{presOf[r["id_assessment"]], r["id_student"]}
				if sum[k] == nil {
					sum[k] = new(big.Rat)
				}
				if r["score"] == "?" {
					continue
				}
				s, _ := new(big.Rat).SetString(r["score"])
				sum[k].Add(sum[k], new(big.Rat).Mul(s, w))
				scored[k]++
			}

			checked, hundred := 0, 0
			for _, p := range ps {
				for _, a := range p.Attempts {
					got, err := scoring.ScoreAttempt(p.Step, a)
					if err != nil {
						t.Fatal(err)
					}
					k := key{p.Code, string(a.ID)}
					want := big.NewRat(100, 1) // S-2: no scored activity, finished
					if total[p.Code].Sign() != 0 {
						want = new(big.Rat).Quo(sum[k], total[p.Code])
					} else {
						hundred++
					}
					if got.Score.Rat().Cmp(want) != 0 {
						t.Errorf("%s student %s: exact score %s, want %s", p.Code, a.ID, got.Score.Rat().FloatString(6), want.FloatString(6))
					}
					if gi, wi := got.Score.Int(), int64(roundHalfAway(want)); gi != wi {
						t.Errorf("%s student %s: score %d, want %d (%s)", p.Code, a.ID, gi, wi, want.FloatString(6))
					}
					wantPass := scored[k] == count[p.Code] && roundHalfAway(want) >= requiredScore
					if got.Passed != wantPass {
						t.Errorf("%s student %s: passed %v, want %v", p.Code, a.ID, got.Passed, wantPass)
					}
					checked++
				}
			}
			if checked != len(sum) || checked < 800 || hundred < tc.hundred {
				t.Errorf("checked %d of %d students, %d with all-zero weights (%s)", checked, len(sum), hundred, tc.reason)
			}
		})
	}
}

// TestOULADWeights checks the switch on the presentations' total
// weights: CCC-2014J's two exams add 200 to its coursework's 100, and GGG's
// coursework weighs nothing.
func TestOULADWeights(t *testing.T) {
	for _, tc := range []struct {
		which  Assessments
		reason string
		want   map[string]string
	}{
		{Coursework, "coursework weights sum to 100, GGG's to 0", map[string]string{
			"AAA-2013J": "100", "CCC-2014J": "100", "DDD-2013B": "100", "GGG-2013J": "0"}},
		{All, "each exam weighs 100; CCC has two", map[string]string{
			"AAA-2013J": "200", "CCC-2014J": "300", "DDD-2013B": "200", "GGG-2013J": "100"}},
	} {
		t.Run(string(tc.which), func(t *testing.T) {
			ps, err := Load(testdata(t), tc.which)
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]string{}
			for _, p := range ps {
				s, err := Summarize(p)
				if err != nil {
					t.Fatal(err)
				}
				got[p.Code] = s.Weights.String()
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("Σweight (-want +got) (%s):\n%s", tc.reason, diff)
			}
		})
	}
}

// roundHalfAway rounds a non-negative rational half away from zero.
func roundHalfAway(r *big.Rat) int {
	twice := new(big.Int).Mul(r.Num(), big.NewInt(2))
	twice.Add(twice, r.Denom())
	q := new(big.Int).Quo(twice, new(big.Int).Mul(r.Denom(), big.NewInt(2)))
	return int(q.Int64())
}

// readAll reads a CSV file with encoding/csv alone, as maps by header.
func readAll(t *testing.T, name string) []map[string]string {
	t.Helper()
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var out []map[string]string
	for _, r := range recs[1:] {
		m := map[string]string{}
		for i, h := range recs[0] {
			m[h] = r[i]
		}
		out = append(out, m)
	}
	return out
}

func TestOULADSummary(t *testing.T) {
	ps, err := Load(testdata(t), Coursework)
	if err != nil {
		t.Fatal(err)
	}
	if len(ps) != 4 {
		t.Fatalf("%d presentations", len(ps))
	}
	var missing, banked int
	for _, p := range ps {
		s, err := Summarize(p)
		if err != nil {
			t.Fatal(err)
		}
		missing += s.Missing
		banked += s.Banked
		if p.Code == "GGG-2013J" && (s.Weights != 0 || s.Mean.StringFixed(2) != "100.00") {
			t.Errorf("GGG: weights %s mean %s, want 0 and 100.00 (S-2)", s.Weights, s.Mean.StringFixed(2))
		}
	}
	if missing != 27 || banked != 193 {
		t.Errorf("missing %d banked %d, want 27 and 193 (the subset's counts)", missing, banked)
	}
}

// TestOULADFacts checks the learner count and the final_result counts
// the command prints against a count of studentInfo.csv with
// encoding/csv alone.
func TestOULADFacts(t *testing.T) {
	want := Facts{Results: map[string]int{}}
	for _, r := range readAll(t, "testdata/studentInfo.csv") {
		want.Learners++
		want.Results[r["final_result"]]++
	}
	got, err := LoadFacts(testdata(t))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("facts (-want +got):\n%s", diff)
	}
	var out bytes.Buffer
	if err := run(nil, &out); err != nil {
		t.Fatal(err)
	}
	line := fmt.Sprintf("%d learners (student × presentation); final_result:", want.Learners)
	for _, r := range finalResults {
		line += fmt.Sprintf(" %s %d", r, want.Results[r])
	}
	if !strings.HasPrefix(out.String(), line+"\n") {
		t.Errorf("output starts %q, want %q", strings.SplitN(out.String(), "\n", 2)[0], line)
	}
	if keys := slices.Sorted(maps.Keys(want.Results)); !slices.Equal(keys, []string{"Distinction", "Fail", "Pass", "Withdrawn"}) {
		t.Errorf("final_result values %v", keys)
	}
}

// TestOULADBadFlags checks the switch's values.
func TestOULADBadFlags(t *testing.T) {
	for _, args := range [][]string{{"-assessments", "exams"}, {"extra"}, {"-data", "/nonexistent"}} {
		if err := run(args, &bytes.Buffer{}); err == nil {
			t.Errorf("%v: no error", args)
		}
	}
}
