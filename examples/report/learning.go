package main

import (
	"fmt"

	"github.com/learnstats/learnstats"
	"github.com/learnstats/learnstats/export"
	"github.com/learnstats/learnstats/stats/learners"
)

func init() { register("learning", runLearning) }

// learningOneUser is the user of the one-user general stats export: the
// learner of the SPEC's L-2 example.
const learningOneUser learnstats.UserID = "u06"

// runLearning writes the learner exports (users, general stats, user
// general stats, collaborative activity, registrations) as the platform
// owner sees them, plus the general stats of a coach of g2 only: each
// view is one learners.Result, computed for its scope, and its exports
// are built from it.
func runLearning(ctx *Context) error {
	ds, lg := ctx.Data, ctx.Data.Learning
	owner, err := learners.StatsOf(ctx.AsOf, ds.Directory, learnstats.Everything, lg.Options, lg.Records())
	if err != nil {
		return err
	}
	if err := write(ctx, export.FileName("users", ctx.AsOf), export.UsersTable(owner, ds.CustomFields), owner.Rows); err != nil {
		return err
	}
	if err := write(ctx, export.FileName("general-stats", ctx.AsOf), export.GeneralStatsTable(owner, ds.CustomFields), owner.Rows); err != nil {
		return err
	}
	one, ok := owner.User(learningOneUser)
	if !ok {
		return fmt.Errorf("user general stats: user %q not found", learningOneUser)
	}
	if err := write(ctx, export.FileName("user-general-stats", ctx.AsOf), export.UserGeneralStatsTable(owner), []learners.Stats{one}); err != nil {
		return err
	}

	// A coach of g2 only: no other group column, no user outside g2.
	coach, err := learners.StatsOf(ctx.AsOf, ds.Directory, learnstats.NewGroupScope("g2"), lg.Options, lg.Records())
	if err != nil {
		return err
	}
	if err := write(ctx, export.FileName("general-stats-coach-g2", ctx.AsOf), export.GeneralStatsTable(coach, ds.CustomFields), coach.Rows); err != nil {
		return err
	}

	if err := write(ctx, export.FileName("collaborative-activity", ctx.AsOf), export.CollaborativeActivityTable(owner), owner.Rows); err != nil {
		return err
	}
	return write(ctx, export.FileName("registrations", ctx.AsOf), export.RegistrationsTable(owner), owner.Rows)
}
