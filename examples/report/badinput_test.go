package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// badCase is one corrupted data set: edit changes a copy of the demo data
// and returns what the error must contain (the file, the line where the
// record starts, the column number from the file's own header and the
// column's name, and the cause).
type badCase struct {
	name   string
	reason string
	edit   func(d *testData) []string
}

// setCell is the common edit: one cell of one row.
func setCell(file string, row int, col, value string, cause string) func(d *testData) []string {
	return func(d *testData) []string {
		w := d.edit(file, func(c *csvFile) { c.set(row, col, value) })
		return []string{w.at(row, col), cause}
	}
}

// TestBadInputNamesFileLineColumn runs the report on corrupted copies of
// the demo data (SPEC section 0, "Files read as input"): every run must
// fail, name the file, the record's start line and the column (number
// from the header, and name), and leave the -out directory as it was.
func TestBadInputNamesFileLineColumn(t *testing.T) {
	cases := []badCase{
		// A required column missing or misspelled.
		{
			name: "misspelled email column", reason: "e-mail for email gave 19 exports with empty emails",
			edit: func(d *testData) []string {
				w := d.edit("users.csv", func(c *csvFile) { c.rename("email", "e-mail") })
				return []string{w.headerPos(), `missing column "email"`, `"e-mail"`}
			},
		},
		{
			name: "certificate expires_at dropped", reason: "every certificate silently became never-expiring",
			edit: func(d *testData) []string {
				w := d.edit("certs_certificates.csv", func(c *csvFile) { c.drop("expires_at") })
				return []string{w.headerPos(), `missing column "expires_at"`}
			},
		},
		{
			name: "training certificate expires_at dropped", reason: "D-2/D-4 expiry silently lost",
			edit: func(d *testData) []string {
				w := d.edit("training_certificates.csv", func(c *csvFile) { c.drop("expires_at") })
				return []string{w.headerPos(), `missing column "expires_at"`}
			},
		},
		{
			name: "event duration column dropped", reason: "explicit durations (E-8) silently lost",
			edit: func(d *testData) []string {
				w := d.edit("activity_events.csv", func(c *csvFile) { c.drop("duration_seconds") })
				return []string{w.headerPos(), `missing column "duration_seconds"`}
			},
		},
		{
			name: "column given twice", reason: "which of the two cells is the email would be a guess",
			edit: func(d *testData) []string {
				w := d.edit("users.csv", func(c *csvFile) { c.rename("title", "email") })
				return []string{w.headerPos(), `"email"`, "twice"}
			},
		},

		// Line numbers: the line the record starts on, the column from
		// the file's own header.
		{
			name: "line after a two-line cell and blank lines", reason: "the error named a line one or three too early",
			edit: func(d *testData) []string {
				w := d.edit("users.csv", func(c *csvFile) {
					c.set(0, "additional_info", "two\nlines")
					c.blankBefore(2, 2)
					c.blankBefore(5, 1)
					c.set(6, "created_at", "not-a-time")
				})
				return []string{w.at(6, "created_at")}
			},
		},
		{
			name: "column moved in the header", reason: "the error named the column's old number",
			edit: func(d *testData) []string {
				w := d.edit("users.csv", func(c *csvFile) {
					c.move("created_at", 0)
					c.set(3, "created_at", "yesterday")
				})
				return []string{w.at(3, "created_at")}
			},
		},
		{
			name: "record with a missing field", reason: "a short record after blank lines",
			edit: func(d *testData) []string {
				w := d.edit("groups.csv", func(c *csvFile) {
					c.blankBefore(1, 3)
					c.rows[2] = c.rows[2][:1]
				})
				return []string{fmt.Sprintf("groups.csv:%d:", w.lines[2]), "fields"}
			},
		},

		// Invalid text.
		{
			name: "invalid UTF-8 in a name", reason: "Latin-1 bytes were copied into nine exports",
			edit: setCell("users.csv", 8, "first_name", "In\xe8s", "UTF-8"),
		},
		{
			name: "NUL byte in an event label", reason: "a NUL byte was copied into the activity report",
			edit: setCell("activity_events.csv", 4, "label", "a\x00b", "NUL"),
		},
		{
			name: "NUL byte in a custom field value", reason: "a NUL byte was copied into the users export",
			edit: setCell("custom_fields.csv", 2, "value", "x\x00", "NUL"),
		},
		{
			name: "empty group name", reason: "failed only while writing, naming the output file",
			edit: setCell("groups.csv", 1, "name", "", "empty"),
		},
		{
			name: "empty custom field title", reason: "failed only while writing, naming the output file",
			edit: setCell("custom_fields.csv", 3, "title", "", "empty"),
		},

		// Unknown enumeration values and booleans.
		{name: "unknown keep", reason: "S-3 keep option", edit: setCell("training_steps.csv", 0, "keep", "bogus", "bogus")},
		{name: "unknown step kind", reason: "module, course, classroom or meeting", edit: setCell("training_steps.csv", 0, "kind", "bogus", "bogus")},
		{name: "unknown content type", reason: "E-8 content types", edit: setCell("activity_events.csv", 0, "content_type", "bogus", `unknown content type "bogus"`)},
		{name: "unknown sex", reason: "B-3", edit: setCell("backoffice_profiles.csv", 0, "sex", "bogus", "bogus")},
		{name: "unknown tracking consent", reason: "E-12", edit: setCell("activity_consent.csv", 0, "tracking", "bogus", "bogus")},
		{name: "unknown role", reason: "section 5", edit: setCell("certs_roles.csv", 1, "role", "bogus", "bogus")},
		{name: "unknown public post place", reason: "P-2", edit: setCell("certs_posts.csv", 0, "place", "bogus", "bogus")},
		{name: "bad mandatory flag", reason: "a boolean", edit: setCell("training_steps.csv", 0, "mandatory", "yes", "yes")},
		{name: "bad program flag", reason: "a boolean", edit: setCell("certs_certificates.csv", 0, "program", "maybe", "maybe")},
		{name: "bad cancelled flag", reason: "a boolean", edit: setCell("activity_meetings.csv", 0, "cancelled", "nope", "nope")},
		{name: "bad premium flag", reason: "a boolean", edit: setCell("backoffice_profiles.csv", 0, "premium", "si", "si")},
		{name: "bad attended flag", reason: "a boolean", edit: setCell("training_sessions.csv", 0, "attended", "y", "y")},
		{name: "bad birth date", reason: "B-3", edit: setCell("backoffice_profiles.csv", 0, "birth_date", "1999-02-30", "1999-02-30")},
		{name: "unknown user", reason: "a reference", edit: setCell("certs_certificates.csv", 0, "user_id", "u99", "u99")},
		{name: "unknown group of a user", reason: "a reference", edit: setCell("users.csv", 0, "groups", "g1;g9", "g9")},
		{name: "unknown manager", reason: "a reference the directory checks", edit: setCell("users.csv", 4, "managers", "u77", "u77")},
		{
			name: "unknown post reaction kind", reason: "bogus reactions were silently not counted (P-2)",
			edit: setCell("certs_post_reactions.csv", 0, "kind", "bogus", "bogus"),
		},

		// Numbers.
		{
			name: "duration that wraps through nanoseconds", reason: "18446744074 s wrapped to 0.29 s",
			edit: setCell("learning_course_attempts.csv", 0, "duration_seconds", "18446744074", "too large"),
		},
		{
			name: "duration of 2^63-1 seconds", reason: `gave a misleading "negative duration -1s"`,
			edit: setCell("learning_course_attempts.csv", 0, "duration_seconds", "9223372036854775807", "too large"),
		},
		{
			name: "event duration that wraps", reason: "E-8 explicit durations",
			edit: setCell("activity_events.csv", 1, "duration_seconds", "18446744074", "too large"),
		},
		{
			name: "not a number", reason: "a syntax error, not a range error",
			edit: setCell("training_answers.csv", 0, "points", "12abc", "12abc"),
		},

		// Records the library validates, named by the loader's position.
		{
			name: "training certificate expiring before delivery", reason: "skipped the check and showed Expired (C-3)",
			edit: func(d *testData) []string {
				w := d.edit("training_certificates.csv", func(c *csvFile) {
					c.set(c.find("user_id", "u01"), "expires_at", "2026-09-01T00:00:00+02:00")
				})
				return []string{w.at(0, "expires_at"), "expiration before delivery"}
			},
		},
		{
			name: "certificate expiring before delivery", reason: "failed in the certs job without a file name (C-3)",
			edit: func(d *testData) []string {
				w := d.edit("certs_certificates.csv", func(c *csvFile) { c.set(2, "expires_at", "2026-09-01T00:00:00+02:00") })
				return []string{fmt.Sprintf("certs_certificates.csv:%d:", w.lines[2]), "expiration before delivery"}
			},
		},
		{
			name: "points above the maximum", reason: "failed in the training job naming only the attempt (S-1)",
			edit: func(d *testData) []string {
				w := d.edit("training_answers.csv", func(c *csvFile) { c.set(0, "points", "11") })
				return []string{w.at(0, "points"), "11"}
			},
		},
		{
			name: "attempt finishing before it starts", reason: "failed in the training job naming only the attempt",
			edit: func(d *testData) []string {
				w := d.edit("training_attempts.csv", func(c *csvFile) { c.set(0, "finished_at", "2026-09-10T09:00:00+02:00") })
				return []string{fmt.Sprintf("training_attempts.csv:%d:", w.lines[0]), "1001"}
			},
		},
		{
			name: "attendance of a learner not registered", reason: "made the learner a learner of the training since forever (D-2 … D-5)",
			edit: setCell("training_sessions.csv", 0, "user_id", "u45", `"u45" is not registered in training "t1"`),
		},
		{
			name: "meeting ending before it starts", reason: "E-9",
			edit: func(d *testData) []string {
				w := d.edit("activity_meetings.csv", func(c *csvFile) { c.set(0, "end", "2026-10-28T08:00:00Z") })
				return []string{fmt.Sprintf("activity_meetings.csv:%d:", w.lines[0]), "m01"}
			},
		},
		{
			name: "unknown learner post place", reason: "R-1, R-2",
			edit: func(d *testData) []string {
				w := d.edit("learning_posts.csv", func(c *csvFile) { c.set(1, "place", "bogus") })
				return []string{fmt.Sprintf("learning_posts.csv:%d:", w.lines[1]), "bogus"}
			},
		},
		{
			name: "unknown reaction kind", reason: "R-3",
			edit: func(d *testData) []string {
				w := d.edit("learning_reactions.csv", func(c *csvFile) { c.set(1, "kind", "bogus") })
				return []string{fmt.Sprintf("learning_reactions.csv:%d:", w.lines[1]), "bogus"}
			},
		},
		{
			name: "unknown progress kind", reason: "L-6",
			edit: func(d *testData) []string {
				w := d.edit("learning_progress.csv", func(c *csvFile) { c.set(0, "kind", "bogus") })
				return []string{fmt.Sprintf("learning_progress.csv:%d:", w.lines[0]), "bogus"}
			},
		},
		{
			name: "unknown assignment kind", reason: "L-6",
			edit: func(d *testData) []string {
				w := d.edit("learning_assignments.csv", func(c *csvFile) { c.set(0, "kind", "bogus") })
				return []string{fmt.Sprintf("learning_assignments.csv:%d:", w.lines[0]), "bogus"}
			},
		},
		{
			name: "second platform row", reason: "one platform owner (R-5)",
			edit: func(d *testData) []string {
				w := d.edit("learning_platform.csv", func(c *csvFile) { c.dup(0) })
				return []string{fmt.Sprintf("learning_platform.csv:%d:", w.lines[1]), "one"}
			},
		},
		{
			name: "unknown registration method", reason: "R-5: failed in the learning job without a file name",
			edit: func(d *testData) []string {
				w := d.edit("learning_registrations.csv", func(c *csvFile) { c.set(2, "method", "bogus") })
				return []string{fmt.Sprintf("learning_registrations.csv:%d:", w.lines[2]), "bogus"}
			},
		},
	}
	cases = append(cases, duplicateCases()...)
	cases = append(cases, tooLargeCases()...)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			d := newTestData(t)
			want := tc.edit(d)
			out := newOutDir(t)
			res := runReport(t, "-data", d.dir, "-out", out.path)
			if res.code == 0 {
				t.Fatalf("exit status 0, want a failure (%s); stdout:\n%s", tc.reason, res.stdout)
			}
			t.Log(res.stderr)
			for _, w := range want {
				if !strings.Contains(res.stderr, w) {
					t.Errorf("stderr %q does not contain %q (%s)", res.stderr, w, tc.reason)
				}
			}
			out.checkUntouched(t)
		})
	}
}

// TestLoginBeforeAccountCreation: a login before the user's account was
// created is refused by the user metrics (D-6), which need every file (the
// account and the login): the run fails naming the user and both times,
// and leaves no output.
func TestLoginBeforeAccountCreation(t *testing.T) {
	d := newTestData(t)
	d.edit("training_logins.csv", func(c *csvFile) {
		c.set(0, "user_id", "u45")
		c.set(0, "at", "2026-01-01T09:00:00+01:00") // u45 was created on 25 May 2026
	})
	out := newOutDir(t)
	res := runReport(t, "-data", d.dir, "-out", out.path)
	if res.code == 0 {
		t.Fatalf("exit status 0, want a failure; stdout:\n%s", res.stdout)
	}
	for _, want := range []string{`"u45"`, "2026-01-01T09:00:00+01:00", "before the account's creation"} {
		if !strings.Contains(res.stderr, want) {
			t.Errorf("stderr %q does not contain %q", res.stderr, want)
		}
	}
	out.checkUntouched(t)
}

// uniqueKeys are the columns the format docs say no two records share.
var uniqueKeys = []struct {
	file string
	cols []string
}{
	{"users.csv", []string{"id"}},
	{"groups.csv", []string{"id"}},
	{"custom_fields.csv", []string{"user_id", "title"}},
	{"training_trainings.csv", []string{"id"}},
	{"training_steps.csv", []string{"id"}},
	{"training_activities.csv", []string{"id"}},
	{"training_attempts.csv", []string{"id"}},
	{"training_answers.csv", []string{"attempt_id", "activity_id"}},
	{"training_registrations.csv", []string{"training_id", "user_id"}},
	{"training_classes.csv", []string{"training_id", "group_id"}},
	{"training_certificates.csv", []string{"training_id", "user_id"}},
	{"training_sessions.csv", []string{"step_id", "user_id"}},
	{"training_assessments.csv", []string{"id"}},
	{"learning_sessions.csv", []string{"id"}},
	{"learning_course_attempts.csv", []string{"id"}},
	{"learning_assessments.csv", []string{"id"}},
	{"learning_answers.csv", []string{"id"}},
	{"learning_progress.csv", []string{"user_id", "kind", "item"}},
	{"learning_posts.csv", []string{"id"}},
	{"learning_reactions.csv", []string{"id"}},
	{"learning_registrations.csv", []string{"user_id"}},
	{"certs_certificates.csv", []string{"id"}},
	{"certs_courses.csv", []string{"id"}},
	{"certs_attempts.csv", []string{"id"}},
	{"certs_completions.csv", []string{"id"}},
	{"certs_sessions.csv", []string{"id"}},
	{"certs_course_comments.csv", []string{"id"}},
	{"certs_course_reactions.csv", []string{"id"}},
	{"certs_posts.csv", []string{"id"}},
	{"certs_post_reactions.csv", []string{"id"}},
	{"activity_meetings.csv", []string{"id"}},
	{"activity_consent.csv", []string{"user_id"}},
	{"backoffice_profiles.csv", []string{"user_id"}},
	{"backoffice_surveys.csv", []string{"survey_id", "question_id"}},
	{"backoffice_submissions.csv", []string{"id"}},
}

// duplicateCases repeats one record of every file with a unique key: the
// second one is the error, at its key's first column (today group IDs
// gave a second ticked column and custom fields and consent silently
// kept the last row).
func duplicateCases() []badCase {
	var out []badCase
	for _, k := range uniqueKeys {
		out = append(out, badCase{
			name: "duplicate " + strings.TrimSuffix(k.file, ".csv") + " " + strings.Join(k.cols, "+"), reason: "a unique key repeated",
			edit: func(d *testData) []string {
				var second int
				w := d.edit(k.file, func(c *csvFile) { second = c.dup(0) })
				return []string{w.at(second, k.cols[0]), "duplicate"}
			},
		})
	}
	return out
}

// numericColumns are every numeric cell of the format, each given a
// number that fits no int64.
var numericColumns = []struct{ file, col string }{
	{"training_steps.csv", "position"},
	{"training_steps.csv", "required_score"},
	{"training_activities.csv", "max_score"},
	{"training_attempts.csv", "id"},
	{"training_answers.csv", "attempt_id"},
	{"training_answers.csv", "points"},
	{"training_assessments.csv", "score"},
	{"learning_course_attempts.csv", "id"},
	{"learning_course_attempts.csv", "duration_seconds"},
	{"learning_course_attempts.csv", "progress"},
	{"learning_course_attempts.csv", "score"},
	{"learning_assessments.csv", "id"},
	{"learning_assessments.csv", "score"},
	{"learning_answers.csv", "id"},
	{"learning_answers.csv", "score"},
	{"learning_progress.csv", "percent"},
	{"learning_progress.csv", "score"},
	{"learning_posts.csv", "id"},
	{"learning_reactions.csv", "id"},
	{"certs_certificates.csv", "validity_months"},
	{"certs_course_reactions.csv", "score"},
	{"activity_events.csv", "duration_seconds"},
	{"activity_meetings.csv", "attendees"},
	{"backoffice_profiles.csv", "journals_completed"},
	{"backoffice_profiles.csv", "journal_messages"},
	{"backoffice_profiles.csv", "lessons_completed"},
	{"backoffice_profiles.csv", "chats"},
	{"backoffice_profiles.csv", "chat_messages"},
}

func tooLargeCases() []badCase {
	var out []badCase
	for _, n := range numericColumns {
		out = append(out, badCase{
			name: "too large " + strings.TrimSuffix(n.file, ".csv") + " " + n.col, reason: "an int64 overflow must be named, not wrapped",
			edit: setCell(n.file, 0, n.col, "99999999999999999999", "too large"),
		})
	}
	return out
}

// TestRequiredColumns drops every column of every file in turn: a column
// the format docs do not call optional must be an error naming the file
// and the column; an optional one must not change anything else.
func TestRequiredColumns(t *testing.T) {
	optional := map[string]bool{
		"users.csv title": true, "users.csv additional_info": true, "learning_course_attempts.csv language": true,
	}
	src := newTestData(t)
	entries, err := os.ReadDir(src.dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		header := csvCells(t, filepath.Join(src.dir, e.Name()))[0]
		for _, col := range header {
			t.Run(e.Name()+" "+col, func(t *testing.T) {
				t.Parallel()
				d := newTestData(t)
				w := d.edit(e.Name(), func(c *csvFile) { c.drop(col) })
				out := newOutDir(t)
				res := runReport(t, "-data", d.dir, "-out", out.path)
				if optional[e.Name()+" "+col] {
					if res.code != 0 {
						t.Errorf("optional column dropped: exit %d: %s", res.code, res.stderr)
					}
					return
				}
				if res.code == 0 {
					t.Fatalf("required column dropped: exit status 0")
				}
				for _, want := range []string{w.headerPos(), fmt.Sprintf("missing column %q", col)} {
					if !strings.Contains(res.stderr, want) {
						t.Errorf("stderr %q does not contain %q", res.stderr, want)
					}
				}
				out.checkUntouched(t)
			})
		}
	}
}

// TestFailedJobLeavesNoOutput makes a job fail after others have written
// their files (the data loads, but the survey the backoffice job exports
// is missing): the -out directory must be left as it was, and a missing
// -out directory must not be created.
func TestFailedJobLeavesNoOutput(t *testing.T) {
	d := newTestData(t)
	for _, f := range []string{"backoffice_surveys.csv", "backoffice_submissions.csv"} {
		d.edit(f, func(c *csvFile) {
			for i := range c.rows {
				if c.get(i, "survey_id") == "s1" {
					c.set(i, "survey_id", "s9")
				}
			}
		})
	}
	out := newOutDir(t)
	res := runReport(t, "-data", d.dir, "-out", out.path)
	if res.code == 0 || !strings.Contains(res.stderr, `"s1"`) || !strings.Contains(res.stderr, "backoffice_surveys.csv") {
		t.Errorf("exit %d, stderr %q: want a failure naming survey \"s1\" and backoffice_surveys.csv", res.code, res.stderr)
	}
	out.checkUntouched(t)

	missing := filepath.Join(t.TempDir(), "new-out")
	if res := runReport(t, "-data", d.dir, "-out", missing); res.code == 0 {
		t.Fatal("exit status 0")
	}
	if _, err := os.Stat(missing); !os.IsNotExist(err) {
		t.Errorf("a failed run created -out %s (%v)", missing, err)
	}
}

// TestFormulaPayloadsGuarded puts spreadsheet formula payloads into every
// user-text cell of the demo data and checks that no cell of any export
// starts with = + - @ tab or carriage return.
func TestFormulaPayloadsGuarded(t *testing.T) {
	payloads := []string{`=cmd|'/c calc'!A1`, "+1", "-1", "@SUM(A1)", "\tTAB", "\rCR", `=HYPERLINK("http://evil.example","x")`}
	userText := map[string][]string{
		"users.csv":                {"first_name", "last_name", "email", "title", "additional_info"},
		"groups.csv":               {"name"},
		"custom_fields.csv":        {"title", "value"},
		"training_trainings.csv":   {"name"},
		"training_steps.csv":       {"name"},
		"certs_certificates.csv":   {"name", "path_name", "path_session"},
		"activity_events.csv":      {"label", "content_item", "feature", "os"},
		"backoffice_surveys.csv":   {"question_text"},
		"backoffice_answers.csv":   {"answer"},
		"training_assessments.csv": {"name"},
		"learning_sessions.csv":    {"name"},
		"training_activities.csv":  {"name"},
	}
	d := newTestData(t)
	k := 0
	for file, cols := range userText {
		d.edit(file, func(c *csvFile) {
			for i := range c.rows {
				for _, col := range cols {
					if c.get(i, col) == "" {
						continue // an empty cell keeps its meaning (no content item, …)
					}
					if col == "label" && (strings.HasPrefix(c.get(i, "category"), "Rating - ") ||
						c.get(i, "category") == "Watched" && c.get(i, "action") == "Progress") {
						continue // a rating's or a watch progress's label is a number, not text (section 8)
					}
					// Keep values distinct where the data needs them to be
					// (emails, custom field titles per user, group names).
					c.set(i, col, fmt.Sprintf("%s %d", payloads[k%len(payloads)], k))
					k++
				}
			}
		})
	}
	out := filepath.Join(t.TempDir(), "out")
	res := runReport(t, "-data", d.dir, "-out", out)
	if res.code != 0 {
		t.Fatalf("exit %d: %s", res.code, res.stderr)
	}
	files, err := filepath.Glob(filepath.Join(out, "*.csv"))
	if err != nil || len(files) < 30 {
		t.Fatalf("%d exports: %v", len(files), err)
	}
	guarded := 0
	for _, f := range files {
		for i, rec := range csvCells(t, f) {
			for j, cell := range rec {
				if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
					t.Errorf("%s:%d:%d: %q is not guarded (X-5)", filepath.Base(f), i+1, j+1, cell)
				}
				if strings.HasPrefix(cell, "'") {
					guarded++
				}
			}
		}
	}
	if guarded < 100 {
		t.Errorf("only %d guarded cells: the payloads did not reach the exports", guarded)
	}
}
