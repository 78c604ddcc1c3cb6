package export

import (
	"io"
	"strconv"

	"github.com/gocarina/gocsv"
)

// WriteTagged writes rows, a caller's csv-tagged structs (gocsv's
// `csv:"Header"` tags), through gocsv's marshaller into the encoder of
// [WriteCSV],
// so that they get the same encoding as the built-in exports: BOM and CRLF
// options, header translation and the formula guard. It uses
// gocsv.MarshalCSV with its own writer and never touches gocsv's
// process-wide settings (tag name, normaliser, writer factory), so it is
// safe next to other gocsv users.
//
// gocsv does not say which fields hold user text, so the guard applies to
// every data cell except those that are plain numbers (strconv.ParseFloat
// accepts them): "-5" is left alone, "=1+2" and "-2+3+cmd" are prefixed.
// The header is written for an empty slice. WriteTagged is for callers who
// already have tagged row types; [WriteCSV] is faster and streams.
func WriteTagged[T any](w io.Writer, rows []T, o *Options) error {
	rw := newRecordWriter(w, o)
	rw.guard = guardUnlessNumber
	if err := gocsv.MarshalCSV(rows, rw); err != nil {
		return err
	}
	return rw.Error()
}

func guardUnlessNumber(_ int, cell string) bool {
	if cell == "" || !needsGuard([]byte(cell[:1])) {
		return false
	}
	_, err := strconv.ParseFloat(cell, 64)
	return err != nil
}
