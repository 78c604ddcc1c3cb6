package export

import (
	"encoding/csv"
	"fmt"
	"io"
	"math/rand/v2"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/gocarina/gocsv"
)

// benchRow is the 12-column mixed row of the foundation benchmark: text,
// integers, dates, date-times and durations.
type benchRow struct {
	First, Last, Email, Title            string
	Score, Completed, Assigned, Messages int64
	Registered, LastActivity             time.Time
	Spent, Total                         time.Duration
}

func benchRows(n int) []benchRow {
	r := rand.New(rand.NewPCG(1, 2))
	firsts := []string{"Alice", "Bruno", "Chloé", "Dmitri", "Elena", "Farid", "Grace", "Hugo"}
	lasts := []string{"Martin", "Bernard", "Dubois", "O'Brien, Jr.", "Rossi", "Haddad", "Hopper", "Leroy"}
	titles := []string{"Account executive", "Support agent", "Engineer", "=Intern", "Team lead"}
	base := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	rows := make([]benchRow, n)
	for i := range rows {
		f, l := firsts[r.IntN(len(firsts))], lasts[r.IntN(len(lasts))]
		rows[i] = benchRow{
			First: f, Last: l, Email: fmt.Sprintf("user%07d@example.com", i), Title: titles[r.IntN(len(titles))],
			Score: r.Int64N(101), Completed: r.Int64N(20), Assigned: r.Int64N(40), Messages: r.Int64N(500),
			Registered:   base.Add(time.Duration(r.Int64N(365*24*3600)) * time.Second),
			LastActivity: base.Add(time.Duration(r.Int64N(600*24*3600)) * time.Second),
			Spent:        time.Duration(r.Int64N(100*3600)) * time.Second,
			Total:        time.Duration(r.Int64N(300*3600)) * time.Second,
		}
	}
	return rows
}

func benchTable() Table[benchRow] {
	return New("bench",
		Text("First name", "First name.", func(r benchRow) string { return r.First }),
		Text("Last name", "Last name.", func(r benchRow) string { return r.Last }),
		Text("Email", "Email.", func(r benchRow) string { return r.Email }),
		Text("Title", "Title.", func(r benchRow) string { return r.Title }),
		Int("Score", "Score.", func(r benchRow) int64 { return r.Score }),
		Int("Completed", "Completed.", func(r benchRow) int64 { return r.Completed }),
		Int("Assigned", "Assigned.", func(r benchRow) int64 { return r.Assigned }),
		Int("Messages", "Messages.", func(r benchRow) int64 { return r.Messages }),
		Date("Registered", "Registered.", func(r benchRow) time.Time { return r.Registered }),
		DateTime("Last activity", "Last activity.", func(r benchRow) time.Time { return r.LastActivity }),
		Duration("Time spent", "Time spent.", func(r benchRow) time.Duration { return r.Spent }),
		Duration("Total time spent", "Total.", func(r benchRow) time.Duration { return r.Total }),
	)
}

// countWriter counts bytes, so that b.SetBytes reports MB/s of CSV.
type countWriter struct{ n int64 }

func (c *countWriter) Write(p []byte) (int, error) { c.n += int64(len(p)); return len(p), nil }

const benchN = 1_000_000

var benchData []benchRow

func benchInput(b *testing.B) []benchRow {
	if benchData == nil {
		benchData = benchRows(benchN)
	}
	b.ResetTimer()
	return benchData
}

func outputSize(b *testing.B, write func(io.Writer)) int64 {
	var c countWriter
	write(&c)
	return c.n
}

func report(b *testing.B, rows int) {
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(rows), "ns/row")
}

// BenchmarkWriteCSV is the framework: 1M rows × 12 mixed columns.
func BenchmarkWriteCSV(b *testing.B) {
	rows := benchInput(b)
	tab := benchTable()
	o := &Options{Format: Format{Location: paris}}
	write := func(w io.Writer) {
		if _, err := WriteCSV(w, tab, slices.Values(rows), o); err != nil {
			b.Fatal(err)
		}
	}
	b.SetBytes(outputSize(b, write))
	b.ReportAllocs()
	for b.Loop() {
		write(io.Discard)
	}
	report(b, len(rows))
}

// BenchmarkPlainCSVLoop is the reference: encoding/csv with strconv and
// time.Format, one reused record.
func BenchmarkPlainCSVLoop(b *testing.B) {
	rows := benchInput(b)
	write := func(w io.Writer) {
		cw := csv.NewWriter(w)
		rec := make([]string, 12)
		_ = cw.Write(benchTable().Headers())
		for _, r := range rows {
			rec[0], rec[1], rec[2], rec[3] = r.First, r.Last, r.Email, r.Title
			rec[4] = strconv.FormatInt(r.Score, 10)
			rec[5] = strconv.FormatInt(r.Completed, 10)
			rec[6] = strconv.FormatInt(r.Assigned, 10)
			rec[7] = strconv.FormatInt(r.Messages, 10)
			rec[8] = r.Registered.In(paris).Format(defaultDateLayout)
			rec[9] = r.LastActivity.In(paris).Format(defaultDateTimeLayout)
			rec[10] = hhmmss(r.Spent)
			rec[11] = hhmmss(r.Total)
			if err := cw.Write(rec); err != nil {
				b.Fatal(err)
			}
		}
		cw.Flush()
	}
	b.SetBytes(outputSize(b, write))
	b.ReportAllocs()
	for b.Loop() {
		write(io.Discard)
	}
	report(b, len(rows))
}

func hhmmss(d time.Duration) string {
	s := int64(d / time.Second)
	return fmt.Sprintf("%02d:%02d:%02d", s/3600, s/60%60, s%60)
}

// gocsvRow is benchRow with gocsv tags; dates and durations are
// pre-rendered strings, as a gocsv user would have to do to get the X-4
// formats.
type gocsvRow struct {
	First        string `csv:"First name"`
	Last         string `csv:"Last name"`
	Email        string `csv:"Email"`
	Title        string `csv:"Title"`
	Score        int64  `csv:"Score"`
	Completed    int64  `csv:"Completed"`
	Assigned     int64  `csv:"Assigned"`
	Messages     int64  `csv:"Messages"`
	Registered   string `csv:"Registered"`
	LastActivity string `csv:"Last activity"`
	Spent        string `csv:"Time spent"`
	Total        string `csv:"Total time spent"`
}

// BenchmarkGocsvMarshal marshals the same rows with gocsv.MarshalCSV into
// an encoding/csv writer. Building the tagged rows is not timed.
func BenchmarkGocsvMarshal(b *testing.B) {
	src := benchInput(b)
	rows := make([]gocsvRow, len(src))
	for i, r := range src {
		rows[i] = gocsvRow{r.First, r.Last, r.Email, r.Title, r.Score, r.Completed, r.Assigned, r.Messages,
			r.Registered.In(paris).Format(defaultDateLayout), r.LastActivity.In(paris).Format(defaultDateTimeLayout),
			hhmmss(r.Spent), hhmmss(r.Total)}
	}
	write := func(w io.Writer) {
		if err := gocsv.MarshalCSV(rows, gocsv.NewSafeCSVWriter(csv.NewWriter(w))); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	b.SetBytes(outputSize(b, write))
	b.ReportAllocs()
	for b.Loop() {
		write(io.Discard)
	}
	report(b, len(rows))
}
