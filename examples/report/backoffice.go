package main

import (
	"fmt"
	"slices"
	"time"

	"github.com/learnstats/learnstats"
	"github.com/learnstats/learnstats/export"
	"github.com/learnstats/learnstats/stats/backoffice"
)

// backofficeSurveyID is the demo survey the report exports.
const backofficeSurveyID = "s1"

func init() { register("backoffice", runBackoffice) }

// runBackoffice writes the backoffice users export (B-2, B-3: every user,
// by registration date, ages at asOf) and the survey results of the demo
// survey (B-4) for the days from 1 November to asOf's day in the viewer's
// location.
func runBackoffice(ctx *Context) error {
	b := ctx.Data.Backoffice
	table, err := backoffice.TableOf(ctx.AsOf, slices.Values(b.Users), backoffice.Query{})
	if err != nil {
		return err
	}
	users := export.BackofficeUsersTable()
	if err := write(ctx, export.FileName(users.Name, ctx.AsOf), users, table.Rows); err != nil {
		return err
	}

	survey, ok := b.Survey(backofficeSurveyID)
	if !ok {
		return fmt.Errorf("backoffice_surveys.csv: no survey %q (the survey the report exports)", backofficeSurveyID)
	}
	today := learnstats.DateOf(ctx.AsOf, ctx.Loc)
	days := backoffice.DateRange{From: learnstats.Date{Year: today.Year, Month: time.November, Day: 1}, To: today, Location: ctx.Loc}
	if days.To.Compare(days.From) < 0 {
		// Before November of asOf's year: the range is the whole month of
		// asOf instead.
		days.From = learnstats.Date{Year: today.Year, Month: today.Month, Day: 1}
	}
	res, err := backoffice.SurveyResultsOf(survey, days, slices.Values(b.Submissions))
	if err != nil {
		return err
	}
	results := export.SurveyResultsTable(res.Survey)
	return write(ctx, export.FileName(results.Name, ctx.AsOf), results, res.Rows)
}
