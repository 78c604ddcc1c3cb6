package main

import (
	"encoding/csv"
	"math/big"
	"os"
	"testing"

	"github.com/learnstats/learnstats/scoring"
)

// TestS1_OULADWeightedAverage checks rules S-1, S-2 and S-4 on real data
// against an independent computation with math/big: the attempt score of
// every student is Σ(score × weight) / Σweight over all the presentation's
// coursework (a missing score counts 0), rounded half away from zero once;
// GGG's all-zero weights give 100 (S-2); a student passes when every
// assessment has a score and the score is at least 40 (S-4).
func TestS1_OULADWeightedAverage(t *testing.T) {
	ps, err := Load(data)
	if err != nil {
		t.Fatal(err)
	}
	weights := map[string]*big.Rat{} // assessment → weight
	presOf := map[string]string{}    // assessment → presentation
	total := map[string]*big.Rat{}   // presentation → Σweight
	count := map[string]int{}        // presentation → assessments
	for _, r := range readAll(t, "testdata/assessments.csv")[1:] {
		w, ok := new(big.Rat).SetString(r[5])
		if !ok {
			t.Fatalf("weight %q", r[5])
		}
		code := r[0] + "-" + r[1]
		weights[r[2]], presOf[r[2]] = w, code
		if total[code] == nil {
			total[code] = new(big.Rat)
		}
		total[code].Add(total[code], w)
		count[code]++
	}
	type key struct{ code, student string }
	sum := map[key]*big.Rat{}
	scored := map[key]int{}
	for _, r := range readAll(t, "testdata/studentAssessment.csv")[1:] {
		k := key{presOf[r[1]], r[0]}
		if sum[k] == nil {
			sum[k] = new(big.Rat)
		}
		if r[4] == "?" {
			continue
		}
		s, _ := new(big.Rat).SetString(r[4])
		sum[k].Add(sum[k], new(big.Rat).Mul(s, weights[r[1]]))
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
			if gi, wi := got.Score.Int(), roundHalfAway(want); gi != wi {
				t.Errorf("%s student %s: score %d, want %d (%s)", p.Code, a.ID, gi, wi, want.FloatString(6))
			}
			wantPass := scored[k] == count[p.Code] && roundHalfAway(want) >= requiredScore
			if got.Passed != wantPass {
				t.Errorf("%s student %s: passed %v, want %v", p.Code, a.ID, got.Passed, wantPass)
			}
			checked++
		}
	}
	if checked < 800 || hundred < 200 {
		t.Errorf("checked %d students, %d with all-zero weights: the subset is smaller than expected", checked, hundred)
	}
}

// roundHalfAway rounds a non-negative rational half away from zero.
func roundHalfAway(r *big.Rat) int {
	twice := new(big.Int).Mul(r.Num(), big.NewInt(2))
	twice.Add(twice, r.Denom())
	q := new(big.Int).Quo(twice, new(big.Int).Mul(r.Denom(), big.NewInt(2)))
	return int(q.Int64())
}

func readAll(t *testing.T, name string) [][]string {
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
	return recs
}

func TestOULADSummary(t *testing.T) {
	ps, err := Load(data)
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
