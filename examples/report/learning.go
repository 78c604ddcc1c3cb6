package main

import (
	"fmt"
	"io"
	"iter"
	"slices"

	"github.com/learnstats/learnstats"
	"github.com/learnstats/learnstats/export"
	"github.com/learnstats/learnstats/stats"
)

func init() { register("learning", runLearning) }

// learningOneUser is the user of the one-user general stats export: the
// learner of the SPEC's L-2 example.
const learningOneUser learnstats.UserID = "u06"

// runLearning writes the learner exports (users, general stats, user
// general stats, collaborative activity, registrations) as the platform
// owner sees them, plus the general stats of a coach of g2 only.
func runLearning(ctx *Context) error {
	ds, lg := ctx.Data, ctx.Data.Learning
	in := stats.LearnerInputs{
		Attempts:    slices.Values(lg.Attempts),
		Assessments: slices.Values(lg.Assessments),
		Progress:    slices.Values(lg.Progress),
		Attendance:  slices.Values(lg.Attendance),
		Posts:       slices.Values(lg.Posts),
		Assignments: slices.Values(lg.Assignments),
	}
	opts := ctx.Options()
	cfg := export.LearnerTableConfig{CustomFields: ds.CustomFields, Groups: ds.Groups}

	owner, err := stats.Learners(ctx.AsOf, ds.Directory, learnstats.Everything, in)
	if err != nil {
		return err
	}
	if err := learningWrite(ctx, "users", export.LearnerUsersTable(owner.View(), cfg), slices.Values(owner.Rows), &opts); err != nil {
		return err
	}
	if err := learningWrite(ctx, "general-stats", export.LearnerGeneralStatsTable(owner.View(), cfg), slices.Values(owner.Rows), &opts); err != nil {
		return err
	}
	one := slices.DeleteFunc(slices.Clone(owner.Rows), func(r stats.LearnerStats) bool { return r.User.ID != learningOneUser })
	if len(one) != 1 {
		return fmt.Errorf("user general stats: user %q not found", learningOneUser)
	}
	if err := learningWrite(ctx, "user-general-stats", export.LearnerUserGeneralStatsTable(), slices.Values(one), &opts); err != nil {
		return err
	}

	// A coach of g2 only: no other group column, no user outside g2.
	coach := learnstats.NewGroupScope("g2")
	scoped, err := stats.Learners(ctx.AsOf, ds.Directory, coach, in)
	if err != nil {
		return err
	}
	if err := learningWrite(ctx, "general-stats-coach-g2", export.LearnerGeneralStatsTable(scoped.View(), cfg), slices.Values(scoped.Rows), &opts); err != nil {
		return err
	}

	collab, err := stats.Collab(ctx.AsOf, ds.Directory, learnstats.Everything, slices.Values(lg.Posts), slices.Values(lg.Reactions))
	if err != nil {
		return err
	}
	if err := learningWrite(ctx, "collaborative-activity", export.CollaborativeActivityTable(), slices.Values(collab.Rows), &opts); err != nil {
		return err
	}
	regs, err := stats.Registrations(ds.Directory, learnstats.Everything, lg.Owner, slices.Values(lg.Registrations))
	if err != nil {
		return err
	}
	return learningWrite(ctx, "registrations", export.RegistrationsTable(), slices.Values(regs.Rows), &opts)
}

func learningWrite[R any](ctx *Context, name string, table export.Table[R], rows iter.Seq[R], opts *export.Options) error {
	return ctx.WriteFile(export.FileName(name, ctx.AsOf), func(w io.Writer) (int, error) {
		return export.WriteCSV(w, table, rows, opts)
	})
}
