package stats

import (
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/learnstats/learnstats"
)

func TestR5_InvitedBy(t *testing.T) {
	dir := learnerDir(t)
	cutoff := time.Date(2024, 11, 13, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name, reason string
		reg          Registration
		want         string
	}{
		{name: "invited", reason: "the inviter's email", reg: Registration{User: "a", Method: RegistrationInvited, InvitedBy: "m2"}, want: "m2@x"},
		{name: "api", reason: "an API account shows the platform owner's email", reg: Registration{User: "a", Method: RegistrationAPI}, want: "m1@x"},
		{name: "self", reason: "self-registered: empty", reg: Registration{User: "a", Method: RegistrationSelf}},
		{name: "sso", reason: "SSO provisioning on first connection: empty", reg: Registration{User: "a", Method: RegistrationSSO}},
		{name: "creator", reason: "the platform's creator: empty", reg: Registration{User: "a", Method: RegistrationPlatformCreator}},
		{name: "reinvited before cutoff", reason: "deleted and re-invited one nanosecond before 13 November 2024: empty",
			reg: Registration{User: "a", Method: RegistrationInvited, InvitedBy: "m2", ReinvitedAt: cutoff.Add(-time.Nanosecond)}},
		{name: "reinvited at cutoff", reason: "re-invited on 13 November 2024 00:00 UTC: the inviter is kept",
			reg: Registration{User: "a", Method: RegistrationInvited, InvitedBy: "m2", ReinvitedAt: cutoff}, want: "m2@x"},
		{name: "api reinvited before cutoff", reason: "the re-invite rule applies whatever the method",
			reg: Registration{User: "a", Method: RegistrationAPI, ReinvitedAt: cutoff.AddDate(-1, 0, 0)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Registrations(dir, learnstats.UserSet{"a": true}, "m1", slices.Values([]Registration{tt.reg}))
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Rows) != 1 {
				t.Fatalf("rows %d", len(res.Rows))
			}
			// The scope sees only a, so a visible inviter would be hidden:
			// check through Everything for the rule itself.
			res, err = Registrations(dir, learnstats.Everything, "m1", slices.Values([]Registration{tt.reg}))
			if err != nil {
				t.Fatal(err)
			}
			var got string
			for _, r := range res.Rows {
				if r.User.ID == "a" {
					got = r.InvitedBy
				}
			}
			if got != tt.want {
				t.Errorf("%s: got %q want %q", tt.reason, got, tt.want)
			}
		})
	}
}

func TestR5_ScopeHidesInviter(t *testing.T) {
	dir := learnerDir(t)
	regs := []Registration{
		{User: "a", Method: RegistrationInvited, InvitedBy: "m2"}, // m2 is in g2 only
		{User: "b", Method: RegistrationInvited, InvitedBy: "m1"},
	}
	res, err := Registrations(dir, learnstats.NewGroupScope("g1"), "m1", slices.Values(regs))
	if err != nil {
		t.Fatal(err)
	}
	got := map[learnstats.UserID]string{}
	for _, r := range res.Rows {
		got[r.User.ID] = r.InvitedBy
	}
	want := map[learnstats.UserID]string{"a": "", "b": "m1@x", "m1": ""}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("a g1 viewer never sees m2's email (-want +got):\n%s", d)
	}
	if res.HiddenInviters != 1 || res.OutOfScope != 2 || res.NoRecord != 1 {
		t.Errorf("hidden %d out %d norecord %d, want 1 2 1", res.HiddenInviters, res.OutOfScope, res.NoRecord)
	}
}

func TestR6_AutoDeletion(t *testing.T) {
	dir := learnerDir(t)
	del := time.Date(2027, 1, 31, 0, 0, 0, 0, time.UTC)
	res, err := Registrations(dir, learnstats.Everything, "m1", slices.Values([]Registration{
		{User: "a", Method: RegistrationSelf, AutoDeletion: del},
		{User: "b", Method: RegistrationSelf},
	}))
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range res.Rows {
		switch r.User.ID {
		case "a":
			if !r.AutoDeletion.Equal(del) {
				t.Errorf("a: auto deletion %s, want %s", r.AutoDeletion, del)
			}
		default:
			if !r.AutoDeletion.IsZero() {
				t.Errorf("%s: auto deletion %s, want none", r.User.ID, r.AutoDeletion)
			}
		}
	}
}

func TestR5_Errors(t *testing.T) {
	dir := learnerDir(t)
	tests := []struct {
		name, reason string
		regs         []Registration
		owner        learnstats.UserID
	}{
		{name: "no inviter", reason: "invited needs an inviter", regs: []Registration{{User: "a", Method: RegistrationInvited}}},
		{name: "unknown inviter", reason: "the inviter must be known", regs: []Registration{{User: "a", Method: RegistrationInvited, InvitedBy: "zz"}}},
		{name: "unknown method", reason: "enum", regs: []Registration{{User: "a", Method: "magic"}}},
		{name: "unknown user", reason: "the user must be known", regs: []Registration{{User: "zz", Method: RegistrationSelf}}},
		{name: "twice", reason: "one record per user", regs: []Registration{{User: "a", Method: RegistrationSelf}, {User: "a", Method: RegistrationSSO}}},
		{name: "api without owner", reason: "an API account needs a known platform owner", regs: []Registration{{User: "a", Method: RegistrationAPI}}, owner: "nobody"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			owner := tt.owner
			if owner == "" {
				owner = "m1"
			}
			if _, err := Registrations(dir, learnstats.Everything, owner, slices.Values(tt.regs)); !errors.Is(err, ErrInvalidRegistration) {
				t.Errorf("%s: got %v", tt.reason, err)
			}
		})
	}
}
