package learners

// Issue 9's traps for the learner statistics, ported to the accumulator
// contract: mismatched definitions (trap 1), overflow (trap 2), unknown
// enum values (SPEC section 0). Trap 3 (scope given once) is tested with
// the exports, in package export.

import (
	"errors"
	"math"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/learnstats/learnstats"
)

// halfPlus is a duration that overflows when added to itself: 146 years.
const halfPlus = time.Duration(math.MaxInt64/2 + 1)

// wantOverflow fails the test unless err wraps learnstats.ErrOverflow and
// names the record (its message contains name).
func wantOverflow(t *testing.T, what string, err error, name string) {
	t.Helper()
	if !errors.Is(err, learnstats.ErrOverflow) {
		t.Errorf("%s: error = %v, want one wrapping learnstats.ErrOverflow", what, err)
		return
	}
	if !strings.Contains(err.Error(), name) || !strings.HasPrefix(err.Error(), "learners: ") {
		t.Errorf("%s: error %q does not name %s (with the learners: prefix)", what, err, name)
	}
}

func wantMismatch(t *testing.T, what string, err error) {
	t.Helper()
	if !errors.Is(err, learnstats.ErrMismatch) {
		t.Errorf("%s: error = %v, want one wrapping learnstats.ErrMismatch", what, err)
	}
}

// TestTrap1_L1_R3_DefinitionFixedAtConstruction: the safety fixes (issue 9) froze an exported
// AsOf at the first record, because changing it afterwards judged later
// records against another cut-off than earlier ones. Now nothing can
// change: the accumulators have no exported field, asOf is the first
// argument of their constructors (every record is judged against it as it
// arrives, TestResult_AsOfAtConstruction), and the definition is copied at
// construction, so that changing the caller's scope map or option slices
// afterwards changes nothing.
func TestTrap1_L1_R3_DefinitionFixedAtConstruction(t *testing.T) {
	for _, typ := range []reflect.Type{reflect.TypeFor[Accumulator](), reflect.TypeFor[DetailAccumulator]()} {
		for i := range typ.NumField() {
			if f := typ.Field(i); f.IsExported() {
				t.Errorf("%s has an exported field %s: a definition could change after the first record", typ.Name(), f.Name)
			}
		}
	}
	scope := learnstats.NewGroupScope("g1")
	groups := []learnstats.Group{{ID: "g1", Name: "Sales"}}
	sessions := []Session{{ID: "S1", Name: "Onboarding"}}
	acc, err := NewAccumulator(time.Time{}, testDir(t), scope, Options{Groups: groups, Sessions: sessions})
	must(t, err)
	detail, err := NewDetailAccumulator(time.Time{}, testDir(t), scope, "a", sessions)
	must(t, err)
	first := learnstats.Attempt{ID: "1", Learner: "a", Step: "C", Session: "S1", Start: at(0), TimeSpent: time.Minute}
	must(t, acc.AddAttempt(first))
	must(t, detail.AddAttempt(first))
	before := acc.Result()
	scope["g2"] = true
	groups[0].Name = "Renamed"
	sessions[0].Name = "Renamed"
	after := acc.Result()
	if d := cmp.Diff(before.Rows, after.Rows, ignoreFrom); d != "" || len(after.Rows) != 3 {
		t.Errorf("the caller's scope map changed the rows (-before +after):\n%s", d)
	}
	if d := cmp.Diff([]learnstats.Group{{ID: "g1", Name: "Sales"}}, after.Groups()); d != "" {
		t.Errorf("the caller's group slice changed the group columns (-want +got):\n%s", d)
	}
	if d := detail.Result(); d.Programs[0].Session.Name != "Onboarding" {
		t.Errorf("the caller's session slice changed the programs table: %q", d.Programs[0].Session.Name)
	}
	// A record added after the change is judged under the same definition.
	must(t, acc.AddAttempt(learnstats.Attempt{ID: "2", Learner: "c", Step: "C", Start: at(0), TimeSpent: time.Minute}))
	if _, ok := acc.Result().User("c"); ok {
		t.Error("c (g2) got a row after the caller added g2 to their scope map")
	}
	if _, err := NewDetailAccumulator(time.Time{}, testDir(t), learnstats.NewGroupScope("g1"), "c", nil); err == nil {
		t.Error("a detail of c (g2) for a viewer of g1")
	}
}

// TestTrap1_L_MergeDefinition: Merge compares the whole definition — every
// field of the directory, what the scope sees, the groups, the owner, the
// program sessions — and nothing else: scopes of different types that see
// the same users and groups are the same scope.
func TestTrap1_L_MergeDefinition(t *testing.T) {
	users := func() []learnstats.User {
		return []learnstats.User{
			{ID: "a", Email: "a@x", Groups: []learnstats.GroupID{"g1"}, RegisteredAt: at(0)},
			{ID: "b", Email: "b@x", Groups: []learnstats.GroupID{"g2"}, Managers: []learnstats.UserID{"a"}},
		}
	}
	groups := []learnstats.Group{{ID: "g1", Name: "Sales"}, {ID: "g2", Name: "Support"}}
	var buildAt func(t *testing.T, asOf time.Time, us []learnstats.User, scope learnstats.Scope, o Options) *Accumulator
	asOf := at(60)
	build := func(t *testing.T, us []learnstats.User, scope learnstats.Scope, o Options) *Accumulator {
		t.Helper()
		return buildAt(t, asOf, us, scope, o)
	}
	buildAt = func(t *testing.T, asOf time.Time, us []learnstats.User, scope learnstats.Scope, o Options) *Accumulator {
		t.Helper()
		dir, err := learnstats.NewDirectory(us)
		must(t, err)
		acc, err := NewAccumulator(asOf, dir, scope, o)
		must(t, err)
		must(t, acc.AddPost(learnstats.Post{ID: "p", Author: "a", Place: learnstats.PlaceGroupFeed, At: at(0)}))
		return acc
	}
	base := func(t *testing.T) *Accumulator {
		return build(t, users(), learnstats.Everything, Options{Groups: groups, Owner: "a", Sessions: testSessions})
	}
	edit := func(f func([]learnstats.User)) []learnstats.User { us := users(); f(us); return us }
	o := Options{Groups: groups, Owner: "a", Sessions: testSessions}
	for _, tt := range []struct {
		name, reason string
		other        func(t *testing.T) *Accumulator
		mismatch     bool
	}{
		{"same", "built twice from the same records", base, false},
		{"same asOf, another location", "asOf is an instant: the same instant in another zone is the same asOf",
			func(t *testing.T) *Accumulator {
				return buildAt(t, asOf.In(time.FixedZone("X", 7200)), users(), learnstats.Everything, o)
			}, false},
		{"another asOf", "one nanosecond later: records are judged against another cut-off",
			func(t *testing.T) *Accumulator { return buildAt(t, asOf.Add(1), users(), learnstats.Everything, o) }, true},
		{"no cut-off", "the zero asOf counts every record: another definition",
			func(t *testing.T) *Accumulator { return buildAt(t, time.Time{}, users(), learnstats.Everything, o) }, true},
		{"same scope, another type", "a scope of another type seeing everything decides as Everything does",
			func(t *testing.T) *Accumulator {
				all := funcScope{user: func(learnstats.User) bool { return true }, group: func(learnstats.GroupID) bool { return true }}
				return build(t, users(), all, o)
			}, false},
		{"same instants, another location", "a registration time in another zone is the same instant",
			func(t *testing.T) *Accumulator {
				return build(t, edit(func(us []learnstats.User) { us[0].RegisteredAt = at(0).In(time.FixedZone("X", 7200)) }), learnstats.Everything, o)
			}, false},
		{"another registration time", "one nanosecond later",
			func(t *testing.T) *Accumulator {
				return build(t, edit(func(us []learnstats.User) { us[0].RegisteredAt = at(0).Add(1) }), learnstats.Everything, o)
			}, true},
		{"another email", "one user's email differs",
			func(t *testing.T) *Accumulator {
				return build(t, edit(func(us []learnstats.User) { us[1].Email = "B@x" }), learnstats.Everything, o)
			}, true},
		{"another manager", "b has no manager",
			func(t *testing.T) *Accumulator {
				return build(t, edit(func(us []learnstats.User) { us[1].Managers = nil }), learnstats.Everything, o)
			}, true},
		{"another custom field", "a custom field value differs",
			func(t *testing.T) *Accumulator {
				return build(t, edit(func(us []learnstats.User) { us[0].CustomFields = map[string]string{"Site": "Paris"} }), learnstats.Everything, o)
			}, true},
		{"another scope", "a coach of g1 sees a only",
			func(t *testing.T) *Accumulator { return build(t, users(), learnstats.NewGroupScope("g1"), o) }, true},
		{"another scope, same groups", "sees every group but only user a",
			func(t *testing.T) *Accumulator {
				return build(t, users(), funcScope{user: func(u learnstats.User) bool { return u.ID == "a" }, group: func(learnstats.GroupID) bool { return true }}, o)
			}, true},
		{"another scope, same users", "sees both users but not group g2",
			func(t *testing.T) *Accumulator {
				return build(t, users(), funcScope{user: func(learnstats.User) bool { return true }, group: func(g learnstats.GroupID) bool { return g == "g1" }}, o)
			}, true},
		{"another group name", "the g2 column is headed otherwise",
			func(t *testing.T) *Accumulator {
				return build(t, users(), learnstats.Everything, Options{Groups: []learnstats.Group{groups[0], {ID: "g2", Name: "Help"}}, Owner: "a", Sessions: testSessions})
			}, true},
		{"another owner", "API accounts would show another email",
			func(t *testing.T) *Accumulator {
				return build(t, users(), learnstats.Everything, Options{Groups: groups, Owner: "b", Sessions: testSessions})
			}, true},
		{"another session", "a session ends at another time",
			func(t *testing.T) *Accumulator {
				ss := slices.Clone(testSessions)
				ss[1].End = at(5)
				return build(t, users(), learnstats.Everything, Options{Groups: groups, Owner: "a", Sessions: ss})
			}, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			a, o := base(t), tt.other(t)
			err := a.Merge(o)
			if tt.mismatch != (err != nil) {
				t.Fatalf("%s: merge error %v, want a mismatch: %v", tt.reason, err, tt.mismatch)
			}
			if tt.mismatch {
				wantMismatch(t, tt.reason, err)
				if got := a.Result(); got.Rows[0].Messages != 1 {
					t.Errorf("%s: a failed merge changed the accumulator: %+v", tt.reason, got.Rows[0])
				}
			} else if got := a.Result(); got.Rows[0].Messages != 2 {
				t.Errorf("%s: merged, a has %d messages, want 2", tt.reason, got.Rows[0].Messages)
			}
		})
	}
	t.Run("itself", func(t *testing.T) {
		a := base(t)
		wantMismatch(t, "acc.Merge(acc)", a.Merge(a))
	})
	t.Run("zero", func(t *testing.T) {
		var zero Accumulator
		wantMismatch(t, "merge of a zero accumulator", base(t).Merge(&zero))
		wantMismatch(t, "merge into a zero accumulator", zero.Merge(base(t)))
		wantMismatch(t, "add to a zero accumulator", zero.AddPost(learnstats.Post{ID: "p", Author: "a", Place: learnstats.PlaceGroupFeed, At: at(0)}))
		if res := zero.Result(); len(res.Rows) != 0 || res.Scope().SeesGroup("g1") {
			t.Errorf("the zero accumulator's result: %+v", res)
		}
	})
}

// TestMerge_RegistrationInBoth: a user's registration in two shards is
// two records for one user.
func TestMerge_RegistrationInBoth(t *testing.T) {
	a, b := newAcc(t, learnstats.NewGroupScope("g1"), Options{}), newAcc(t, learnstats.NewGroupScope("g1"), Options{})
	must(t, a.AddRegistration(Registration{User: "c", Method: SSO})) // c is outside g1
	must(t, b.AddRegistration(Registration{User: "c", Method: SSO}))
	if err := a.Merge(b); !errors.Is(err, learnstats.ErrInvalidRecord) || !strings.Contains(err.Error(), `"c"`) {
		t.Errorf("registration in both: %v", err)
	}
}

// TestTrap2_L1_L2_TimeSpentOverflow: two course attempts of 146 years.
func TestTrap2_L1_L2_TimeSpentOverflow(t *testing.T) {
	acc := newAcc(t, learnstats.Everything, Options{})
	must(t, acc.AddAttempt(learnstats.Attempt{ID: "1", Learner: "a", Step: "c", Start: t0, TimeSpent: halfPlus}))
	wantOverflow(t, "L-1 second attempt", acc.AddAttempt(learnstats.Attempt{ID: "2", Learner: "a", Step: "c", Start: t0, TimeSpent: halfPlus}), `attempt "2"`)
	if a, _ := acc.Result().User("a"); a.TimeSpent != halfPlus || a.TotalTimeSpent != halfPlus {
		t.Errorf("the failed attempt changed the totals: %+v", a)
	}
	c, d := newAcc(t, learnstats.Everything, Options{}), newAcc(t, learnstats.Everything, Options{})
	must(t, c.AddAttempt(learnstats.Attempt{ID: "1", Learner: "a", Step: "c", Start: t0, TimeSpent: halfPlus}))
	must(t, c.AddAttempt(learnstats.Attempt{ID: "2", Learner: "b", Step: "c", Session: "S", Start: t0, TimeSpent: halfPlus}))
	must(t, d.AddAttempt(learnstats.Attempt{ID: "3", Learner: "a", Step: "c", Session: "S", Start: t0, TimeSpent: halfPlus}))
	wantOverflow(t, "L-1 merge", c.Merge(d), `user "a"`)
	if a, _ := c.Result().User("a"); a.TimeSpent != halfPlus {
		t.Errorf("the failed merge changed the totals: %+v", a)
	}
}

// TestTrap2_L2_TotalOverflow: the L-2 total keeps fewer attempts than L-1,
// so it overflows only when L-1 does; shards that each fit are refused on
// merge.
func TestTrap2_L2_TotalOverflow(t *testing.T) {
	a, b := newAcc(t, learnstats.Everything, Options{}), newAcc(t, learnstats.Everything, Options{})
	must(t, a.AddAttempt(learnstats.Attempt{ID: "1", Learner: "a", Step: "c", Session: "S", Start: t0, TimeSpent: halfPlus}))
	must(t, b.AddAttempt(learnstats.Attempt{ID: "2", Learner: "a", Step: "d", Session: "S", Start: t0, TimeSpent: halfPlus}))
	wantOverflow(t, "merge", a.Merge(b), `user "a"`)
}

// TestTrap2_L5_AvgScoreOverflow: before the safety fixes (issue 9), a
// score sum doubled by merges until 2 × sum wrapped and the average came
// out 6 (or negative). The
// accumulator keeps the exact sum of the scores, checked at every Add and
// Merge, and refuses self-merges; a score sum near 2⁶³ needs billions of
// records, so the guard is tested on the kept sum itself: a score that
// would overflow it is refused, naming the record, and changes nothing.
func TestTrap2_L5_AvgScoreOverflow(t *testing.T) {
	acc := newAcc(t, learnstats.Everything, Options{})
	must(t, acc.AddAttempt(learnstats.Attempt{ID: "1", Learner: "a", Step: "c", Start: t0, Score: 100, Scored: true}))
	a := &acc.users[acc.def.scope.users["a"]]
	a.scoreSum = math.MaxInt64 - int64(learnstats.WholePoints(50))
	wantOverflow(t, "a course score", acc.AddAttempt(learnstats.Attempt{ID: "2", Learner: "a", Step: "c", Start: t0, Score: 51, Scored: true}), `attempt "2"`)
	wantOverflow(t, "an assessment score", acc.AddAssessment(learnstats.AssessmentScore{ID: "s3", Learner: "a", Assessment: "Q", At: t0,
		Score: learnstats.WholePoints(51), Scored: true}), `assessment score "s3"`)
	if a.scores != 1 {
		t.Errorf("the refused records were counted: %d scores", a.scores)
	}
	a.scoreSum = int64(learnstats.WholePoints(100))
	if r, _ := acc.Result().User("a"); r.AvgScore.Int() != 100 {
		t.Errorf("average %s after the refused records, want 100", r.AvgScore)
	}
	a.scoreSum = math.MaxInt64 - int64(learnstats.WholePoints(50))
	other := newAcc(t, learnstats.Everything, Options{})
	must(t, other.AddAttempt(learnstats.Attempt{ID: "3", Learner: "a", Step: "c", Start: t0, Score: 51, Scored: true}))
	wantOverflow(t, "a merge", acc.Merge(other), `user "a"`)
}

// TestTrap2_R1_R3_CollabCountOverflow: before the safety fixes (issue 9),
// counts wrapped when an accumulator was merged into itself 63 times. Self-merges are refused; two
// accumulators merged into each other in turn still grow their counts
// like Fibonacci numbers (past 2⁶³ in about 90 merges), so every count is
// checked at Add and at Merge: the count that would overflow is refused,
// naming the record or the user, and changes nothing.
func TestTrap2_R1_R3_CollabCountOverflow(t *testing.T) {
	acc := newAcc(t, learnstats.Everything, Options{})
	must(t, acc.AddReaction(learnstats.Reaction{ID: "1", User: "a", Course: "C", At: t0}))
	wantMismatch(t, "self-merge", acc.Merge(acc))
	if a, _ := acc.Result().User("a"); a.Reactions != 1 {
		t.Errorf("after the refused merge: %d reactions", a.Reactions)
	}
	x, y := newAcc(t, learnstats.Everything, Options{}), newAcc(t, learnstats.Everything, Options{})
	must(t, x.AddPost(learnstats.Post{ID: "p", Author: "a", Place: learnstats.PlaceGroupFeed, At: t0}))
	must(t, y.AddPost(learnstats.Post{ID: "q", Author: "a", Place: learnstats.PlaceGroupFeed, At: t0}))
	var err error
	merges := 0
	for ; err == nil && merges < 200; merges++ {
		if merges%2 == 0 {
			err = x.Merge(y)
		} else {
			err = y.Merge(x)
		}
	}
	wantOverflow(t, "merges in turn", err, `user "a"`)
	for _, acc := range []*Accumulator{x, y} {
		if a, _ := acc.Result().User("a"); a.Messages <= 0 || a.Publications <= 0 {
			t.Errorf("after %d merges: %d messages, %d publications: a count wrapped", merges, a.Messages, a.Publications)
		}
	}
	for _, tt := range []struct {
		name string
		set  func(*Accumulator)
		add  func(*Accumulator) error
	}{
		{"reactions", func(a *Accumulator) { a.users[0].reactions = math.MaxInt },
			func(a *Accumulator) error {
				return a.AddReaction(learnstats.Reaction{ID: "r9", User: "a", Course: "C", At: t0})
			}},
		{"messages", func(a *Accumulator) { a.users[0].messages = math.MaxInt },
			func(a *Accumulator) error {
				return a.AddPost(learnstats.Post{ID: "r9", Author: "a", Place: learnstats.PlaceGroupFeed, At: t0})
			}},
		{"later", func(a *Accumulator) { a.left.later = math.MaxInt },
			func(a *Accumulator) error {
				return a.AddPost(learnstats.Post{ID: "r9", Author: "a", Place: learnstats.PlaceGroupFeed, At: at(120)})
			}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			acc := newAccAt(t, at(60), learnstats.Everything, Options{})
			tt.set(acc)
			before := acc.Result()
			wantOverflow(t, tt.name, tt.add(acc), `"r9"`)
			if d := cmp.Diff(before, acc.Result(), ignoreFrom, cmp.AllowUnexported(Result{}, snapshot{})); d != "" {
				t.Errorf("the refused record changed the result (-before +after):\n%s", d)
			}
		})
	}
}

// TestSection0_UnknownEnumValues: every enum-like field the package reads
// rejects a value outside its documented set, with an error naming the
// record and wrapping the documented sentinel.
func TestSection0_UnknownEnumValues(t *testing.T) {
	acc := newAcc(t, learnstats.Everything, Options{})
	for _, tt := range []struct {
		name, reason string
		err          error
		want         error
		names        string
	}{
		{"Place", "an unknown post place", acc.AddPost(learnstats.Post{ID: "p4", Author: "a", Place: "chat", At: t0}),
			learnstats.ErrInvalidRecord, `"p4"`},
		{"Place/empty", "no place is not a place", acc.AddPost(learnstats.Post{ID: "p5", Author: "a", At: t0}),
			learnstats.ErrInvalidRecord, `"p5"`},
		{"ReactionKind", "an unknown post reaction kind", acc.AddReaction(learnstats.Reaction{ID: "r5", User: "a", Post: "p", Kind: "clap", At: t0}),
			learnstats.ErrInvalidRecord, `"r5"`},
		{"Progress item", "a progress record of neither a session nor a path (once: kind quiz)", acc.AddProgress(Progress{User: "a", Percent: 10}),
			learnstats.ErrInvalidRecord, `"a"`},
		{"Assignment item", "an assignment of both a session and a path", acc.AddAssignment(Assignment{Session: "X", Path: "X", User: "a"}),
			learnstats.ErrInvalidRecord, `"X"`},
		{"Method", "an unknown registration method", acc.AddRegistration(Registration{User: "a", Method: "fax"}),
			learnstats.ErrInvalidRecord, `"a"`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if !errors.Is(tt.err, tt.want) || !strings.Contains(tt.err.Error(), tt.names) {
				t.Errorf("%s: error = %v, want %v naming %s", tt.reason, tt.err, tt.want, tt.names)
			}
		})
	}
	if res := acc.Result(); res.Rows[0].Messages != 0 || res.NoRegistration != 5 {
		t.Error("a refused record changed the result")
	}
}

// TestNewAccumulator_Errors: an invalid definition is refused at
// construction.
func TestNewAccumulator_Errors(t *testing.T) {
	for _, tt := range []struct {
		name, reason string
		o            Options
		want         error
		names        string
	}{
		{"group without name", "a group column needs a header", Options{Groups: []learnstats.Group{{ID: "g1"}}}, learnstats.ErrInvalidRecord, `"g1"`},
		{"group without ID", "", Options{Groups: []learnstats.Group{{Name: "Sales"}}}, learnstats.ErrInvalidRecord, `"Sales"`},
		{"group twice", "", Options{Groups: []learnstats.Group{{ID: "g1", Name: "A"}, {ID: "g1", Name: "B"}}}, learnstats.ErrInvalidRecord, `"g1"`},
		{"session twice", "", Options{Sessions: []Session{{ID: "S"}, {ID: "S"}}}, learnstats.ErrInvalidRecord, `"S"`},
		{"session without ID", "", Options{Sessions: []Session{{Name: "Onboarding"}}}, learnstats.ErrInvalidRecord, `"Onboarding"`},
		{"unknown owner", "", Options{Owner: "zz"}, learnstats.ErrInvalidRecord, `"zz"`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := NewAccumulator(time.Time{}, testDir(t), learnstats.Everything, tt.o)
			if !errors.Is(err, tt.want) || !strings.Contains(err.Error(), tt.names) {
				t.Errorf("%s: error = %v, want %v naming %s", tt.reason, err, tt.want, tt.names)
			}
		})
	}
	if _, err := NewAccumulator(time.Time{}, nil, nil, Options{}); err != nil {
		t.Errorf("a nil directory is empty: %v", err)
	}
}
