// Package export writes learnstats' CSV exports (SPEC section 10): the
// documented downloads of the platforms learnstats follows, and any table a
// caller builds the same way.
//
// # Tables and columns
//
// Every export is a [Table]: an ordered list of [Column] values over a row
// type R. A column is a header, one line of documentation, and a renderer
// that appends the cell of a row to a byte slice. The typed constructors
// ([Text], [Label], [Int], [OptInt], [Decimal], [DateTime], [Date],
// [Duration], [Bool]) cover the cells the rules need; a custom Render
// function covers the rest. Built-in tables can be narrowed and reordered
// ([Table.Select], [Table.Without]), renamed ([Table.Rename]) and extended
// ([Table.With], [Table.Insert]); tables are values, so these return new
// tables.
//
// Dynamic columns: [CustomFields] makes one column per custom field,
// alphabetical by title, case-insensitively (rule X-1); [Groups] makes one
// "x" column per group the viewer's [learnstats.Scope] sees (rule X-2), so a
// coach never gets a column for a group outside their scope.
//
// # Writing
//
// [WriteCSV] streams the rows of an iter.Seq to an io.Writer (rule X-7):
// the header first, even when there are no rows, then each row rendered
// into a fixed 64 KiB buffer that is flushed as it fills. Memory does not
// grow with the number of rows and a row costs no allocation. [Options]
// carry the viewer's [Format] and the output settings:
//
//   - X-4 formats, each overridable: date-times DD/MM/YYYY HH:mm and dates
//     DD/MM/YYYY in the viewer's location, durations HH:MM:SS (hours may
//     exceed 24), integer percents without %, True / False, an empty cell
//     for "no value";
//   - X-5 safety: a user-text cell (a [Column] with UserText set) that
//     starts with = + - @ tab or carriage return gets a leading ' so that a
//     spreadsheet does not run it as a formula; on by default, numeric
//     cells the library renders itself are left alone. [Spreadsheet]
//     returns the preset with a UTF-8 byte-order mark and CRLF line ends;
//   - X-6 header language: [Options].Headers translates column titles;
//   - X-8 file names: [FileName] and [Table.FileName] give
//     "{export}-{YYYY-MM-DD}.csv" for asOf's date.
//
// Quoting follows RFC 4180: a cell holding a comma, a quote or a line
// break, or starting with a space or tab, is quoted, with quotes doubled;
// a row of one empty cell is written "" so that it is not read as a blank
// line. Output is UTF-8 as given by the renderers.
//
// [RecordWriter] writes ready-made records with the same encoding, and
// [WriteTagged] writes a caller's csv-tagged structs through gocsv into it,
// without touching gocsv's process-wide settings.
//
// # Testing a table
//
// Package exporttest checks any table against the contract (unique
// non-empty headers, doc lines, header for zero rows, constant field
// count, output that parses back to the rendered cells); every built-in
// table is checked with it, and a caller's own tables can be too.
//
// # Column reference
//
// Generated from the columns' doc lines by go test ./export -update; a
// test fails when it drifts from the code. A placeholder in braces stands
// for a dynamic set of columns.
//
// # Backoffice users (backoffice-users)
//
//   - Registration date: The day the user registered, DD/MM/YYYY in the viewer's location; empty when not registered (B-2, X-4).
//   - Email: The user's email (B-2).
//   - Premium: True when the user has a premium subscription, else False (B-2, X-4).
//   - Journals completed: Number of journal sessions the user completed (B-1, B-2).
//   - Journal messages: Number of messages the user wrote in journals (B-2).
//   - Lessons completed: Number of lesson completions, every completion counted (B-1, B-2).
//   - Chats: Number of chat conversations of the user (B-2).
//   - Chat messages: Number of chat messages the user sent (B-2).
//   - Age: The user's age in whole years at asOf; empty when the birth date is unknown (B-3).
//   - Sex: Female, Male or Other as the user stated it; empty when not stated (B-3).
//
// # Certificates (certificates)
//
//   - Name: The certificate's name (C-4).
//   - Path name: The learning path the certificate was obtained in; empty in a program context (C-4).
//   - Path session: The path's session the certificate was obtained in; empty in a program context (C-4).
//   - Status: Valid, Expiring soon (expires within the window after asOf, 30 calendar days by default) or Expired (asOf at or after the expiration) (C-1).
//   - Delivery date: The day the certificate was delivered, DD/MM/YYYY in the viewer's location (C-4, X-4).
//   - Expiration date: The day the certificate expires (explicit, or delivery + validity months), DD/MM/YYYY in the viewer's location; empty when it never expires (C-2, X-4).
//
// # Survey results (survey-results)
//
//   - Email: The submitter's email (B-4).
//   - {questions}: The answers to this question, several joined with "; ", empty when unanswered; one column per question in the survey's order, headed by its text, a repeated text suffixed (2), (3) (B-4).
//   - Submission date: When the survey was submitted, DD/MM/YYYY HH:mm in the viewer's location (B-4, X-4).
package export
