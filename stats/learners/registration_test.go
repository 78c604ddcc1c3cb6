package learners

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/learnstats/learnstats"
)

func registrationsOf(t *testing.T, scope learnstats.Scope, regs ...Registration) *Result {
	t.Helper()
	res, err := StatsOf(time.Time{}, testDir(t), scope, Options{Owner: "m1"}, Records{Registrations: slices.Values(regs)})
	must(t, err)
	return res
}

func TestR5_InvitedBy(t *testing.T) {
	cutoff := time.Date(2024, 11, 13, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name, reason string
		reg          Registration
		want         string
	}{
		{name: "invited", reason: "the inviter's email", reg: Registration{User: "a", Method: Invited, InvitedBy: "m2"}, want: "m2@x"},
		{name: "api", reason: "an API account shows the platform owner's email", reg: Registration{User: "a", Method: API}, want: "m1@x"},
		{name: "self", reason: "self-registered: empty", reg: Registration{User: "a", Method: SelfRegistered}},
		{name: "sso", reason: "SSO provisioning on first connection: empty", reg: Registration{User: "a", Method: SSO}},
		{name: "creator", reason: "the platform's creator: empty", reg: Registration{User: "a", Method: PlatformCreator}},
		{name: "reinvited before cutoff", reason: "deleted and re-invited one nanosecond before 13 November 2024: empty",
			reg: Registration{User: "a", Method: Invited, InvitedBy: "m2", ReinvitedAt: cutoff.Add(-time.Nanosecond)}},
		{name: "reinvited at cutoff", reason: "re-invited on 13 November 2024 00:00 UTC: the inviter is kept",
			reg: Registration{User: "a", Method: Invited, InvitedBy: "m2", ReinvitedAt: cutoff}, want: "m2@x"},
		{name: "reinvited at cutoff in Paris", reason: "00:00 in Paris on 13 November is still 12 November in UTC: empty",
			reg: Registration{User: "a", Method: Invited, InvitedBy: "m2", ReinvitedAt: time.Date(2024, 11, 13, 0, 0, 0, 0, time.FixedZone("CET", 3600))}},
		{name: "api reinvited before cutoff", reason: "the re-invite rule applies whatever the method",
			reg: Registration{User: "a", Method: API, ReinvitedAt: cutoff.AddDate(-1, 0, 0)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, _ := registrationsOf(t, learnstats.Everything, tt.reg).User("a")
			if a.InvitedBy != tt.want {
				t.Errorf("%s: got %q want %q", tt.reason, a.InvitedBy, tt.want)
			}
		})
	}
}

func TestR5_ScopeHidesInviter(t *testing.T) {
	res := registrationsOf(t, learnstats.NewGroupScope("g1"),
		Registration{User: "a", Method: Invited, InvitedBy: "m2"}, // m2 is in g2 only
		Registration{User: "b", Method: Invited, InvitedBy: "m1"},
		Registration{User: "c", Method: Invited, InvitedBy: "m1"}, // c is outside g1
	)
	got := map[learnstats.UserID]string{}
	for _, r := range res.Rows {
		got[r.User.ID] = r.InvitedBy
	}
	want := map[learnstats.UserID]string{"a": "", "b": "m1@x", "m1": ""}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("a g1 viewer never sees m2's email (-want +got):\n%s", d)
	}
	if res.HiddenInviters != 1 || res.OutOfScope != 2 || res.NoRegistration != 1 {
		t.Errorf("hidden %d out %d no record %d, want 1 2 1", res.HiddenInviters, res.OutOfScope, res.NoRegistration)
	}
}

func TestR6_AutoDeletion(t *testing.T) {
	del := time.Date(2027, 1, 31, 0, 0, 0, 0, time.UTC)
	res := registrationsOf(t, learnstats.Everything,
		Registration{User: "a", Method: SelfRegistered, AutoDeletion: del},
		Registration{User: "b", Method: SelfRegistered},
	)
	for _, r := range res.Rows {
		want := time.Time{}
		if r.User.ID == "a" {
			want = del
		}
		if !r.AutoDeletion.Equal(want) {
			t.Errorf("%s: auto deletion %s, want %s", r.User.ID, r.AutoDeletion, want)
		}
	}
	if res.NoRegistration != 3 {
		t.Errorf("no registration %d, want 3 (m1, m2, c)", res.NoRegistration)
	}
}

func TestR5_Errors(t *testing.T) {
	tests := []struct {
		name, reason string
		regs         []Registration
		owner        learnstats.UserID
		want         error
	}{
		{name: "no inviter", reason: "invited needs an inviter", regs: []Registration{{User: "a", Method: Invited}}, want: learnstats.ErrInvalidRecord},
		{name: "unknown inviter", reason: "the inviter must be known", regs: []Registration{{User: "a", Method: Invited, InvitedBy: "zz"}}, want: learnstats.ErrInvalidRecord},
		{name: "unknown method", reason: "enum", regs: []Registration{{User: "a", Method: "magic"}}, want: learnstats.ErrInvalidRecord},
		{name: "no method", reason: "the empty method is not a method", regs: []Registration{{User: "a"}}, want: learnstats.ErrInvalidRecord},
		{name: "unknown user", reason: "the user must be known", regs: []Registration{{User: "zz", Method: SelfRegistered}}, want: learnstats.ErrInvalidRecord},
		{name: "twice", reason: "one record per user", regs: []Registration{{User: "a", Method: SelfRegistered}, {User: "a", Method: SSO}}, want: learnstats.ErrInvalidRecord},
		{name: "twice out of scope", reason: "one record per user, whether the scope sees them or not", regs: []Registration{{User: "c", Method: SelfRegistered}, {User: "c", Method: SSO}}, want: learnstats.ErrInvalidRecord},
		{name: "api without owner", reason: "an API account needs the platform owner", regs: []Registration{{User: "a", Method: API}}, owner: "-", want: learnstats.ErrInvalidRecord},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			owner := learnstats.UserID("m1")
			if tt.owner == "-" {
				owner = ""
			}
			_, err := StatsOf(time.Time{}, testDir(t), learnstats.NewGroupScope("g1"), Options{Owner: owner}, Records{Registrations: slices.Values(tt.regs)})
			if !errors.Is(err, tt.want) || !strings.Contains(err.Error(), `"`+string(tt.regs[0].User)+`"`) {
				t.Errorf("%s: got %v, want %v naming the user", tt.reason, err, tt.want)
			}
		})
	}
	if _, err := NewAccumulator(time.Time{}, testDir(t), learnstats.Everything, Options{Owner: "nobody"}); !errors.Is(err, learnstats.ErrInvalidRecord) {
		t.Errorf("an unknown platform owner: %v", err)
	}
}
