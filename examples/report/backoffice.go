package main

import (
	"fmt"
	"io"
	"slices"
	"time"

	"github.com/learnstats/learnstats"
	"github.com/learnstats/learnstats/export"
	"github.com/learnstats/learnstats/stats"
)

// backofficeSurveyID is the demo survey the report exports.
const backofficeSurveyID = "s1"

func init() { register("backoffice", runBackoffice) }

// runBackoffice writes the backoffice users export (B-2, B-3: every user,
// by registration date) and the survey results of the demo survey (B-4)
// for the days from 1 November to asOf's day in the viewer's location.
func runBackoffice(ctx *Context) error {
	b := ctx.Data.Backoffice
	opts := ctx.Options()

	table, err := stats.BackofficeUsers(slices.Values(b.Users), stats.BackofficeQuery{})
	if err != nil {
		return err
	}
	rows, err := table.WithAges(ctx.AsOf, ctx.Loc)
	if err != nil {
		return err
	}
	users := export.BackofficeUsersTable()
	if err := ctx.WriteFile(export.FileName(users.Name, ctx.AsOf), func(w io.Writer) (int, error) {
		return export.WriteCSV(w, users, slices.Values(rows), &opts)
	}); err != nil {
		return err
	}

	survey, ok := b.Survey(backofficeSurveyID)
	if !ok {
		return fmt.Errorf("backoffice_surveys.csv: no survey %q (the survey the report exports)", backofficeSurveyID)
	}
	today := learnstats.DateOf(ctx.AsOf, ctx.Loc)
	q := stats.SurveyQuery{
		From:     learnstats.Date{Year: today.Year, Month: time.November, Day: 1},
		To:       today,
		Location: ctx.Loc,
	}
	if q.To.Compare(q.From) < 0 {
		// Before November of asOf's year: the range is the whole month of
		// asOf instead.
		q.From = learnstats.Date{Year: today.Year, Month: today.Month, Day: 1}
	}
	res, err := stats.SurveyResultsOf(survey, slices.Values(b.Submissions), q)
	if err != nil {
		return err
	}
	results := export.SurveyResultsTable(res.Survey.Questions)
	return ctx.WriteFile(export.FileName(results.Name, ctx.AsOf), func(w io.Writer) (int, error) {
		return export.WriteCSV(w, results, slices.Values(res.Rows), &opts)
	})
}
