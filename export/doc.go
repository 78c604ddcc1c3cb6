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
// coach never gets a column for a group outside their scope. The built-in
// learner tables take both their rows and their group columns from one
// learners.Result, so the scope is given once; a custom table that adds
// [Groups] to rows of its own must pass the scope its rows were selected
// with: the package cannot check that the two agree.
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
//     cells the library renders itself are left alone. Headers that are
//     user text (custom field titles, group names, survey questions,
//     feature names: Column.HeaderUserText) are guarded the same way. [Spreadsheet]
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
// [WriteTagged] writes a caller's csv-tagged structs through gocsv with the
// same encoding, without touching gocsv's process-wide settings.
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
// # Activity report (activity-report)
//
//   - Date: When the action happened: RFC 3339 with nanoseconds in the viewer's location, exact for the round trip.
//   - First name: The user's first name.
//   - Last name: The user's last name.
//   - Email: The user's email.
//   - Category: The action's category, e.g. Chat or Poll - {question} (section 8).
//   - Action: The action within the category, e.g. Message or Question (section 8).
//   - Label: The dynamic part: content name, session, answer or free text, guarded.
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
// # Collaborative activity (collaborative-activity)
//
//   - First name: The user's first name.
//   - Last name: The user's last name.
//   - Email: The user's email.
//   - Publications: Published posts and replies in the newsfeed of a group, a session or a profile.
//   - Comments: Published posts and replies in a course, learning-need or project forum, plus newsfeed replies.
//   - Reactions: Reactions in courses' activities plus likes on posts.
//
// # General stats (general-stats)
//
//   - Last name: The user's last name.
//   - First name: The user's first name.
//   - Email: The user's email.
//   - {custom fields}: The user's value of this custom field; one column per custom field, alphabetical by title.
//   - Additional information: The user's additional information field.
//   - Managers: Emails of the user's managers in the viewer's scope, separated by ", ".
//   - Avg score: Mean of every scored course and assessment attempt, integer percent rounded half away from zero; empty when none (L-5).
//   - Completed programs: Program sessions where the learner reached 100 % completion (L-6).
//   - Assigned programs: Distinct program sessions assigned individually or through a group, counted once (L-6).
//   - Messages: Number of published posts and replies (L-7).
//   - Total time spent: Time spent in courses, only the most recent attempt of a course within a program session counting, HH:MM:SS (L-2).
//   - {groups}: x when the user belongs to this group, else empty; one column per group in the viewer's scope.
//
// # Interaction stats (interaction-stats)
//
//   - First name: The participant's first name ("Participant" when anonymized, E-11).
//   - Last name: The participant's last name (the pseudonym when anonymized, E-11).
//   - Email: The participant's email (empty when anonymized, E-11).
//   - {features}: The participant's interactions with this feature in the window; one column per feature, sorted by name (E-5).
//   - Total: The participant's interactions in the window, all features (E-7).
//
// # Registrations (registrations)
//
//   - First name: The user's first name.
//   - Last name: The user's last name.
//   - Email: The user's email.
//   - Registr. at: When the user registered, in the viewer's location; empty when not registered.
//   - Invited by: Inviter's email; the platform owner's for API accounts; empty for self-registration, SSO, the platform creator, re-invites before 13/11/2024.
//   - Auto deletion: The account's automatic deletion date, in the viewer's location; empty when none.
//
// # Survey results (survey-results)
//
//   - Email: The submitter's email (B-4).
//   - {questions}: The answers to this question, several joined with "; ", empty when unanswered; one column per question in the survey's order, headed by its text, a repeated text suffixed (2), (3) (B-4).
//   - Submission date: When the survey was submitted, DD/MM/YYYY HH:mm in the viewer's location (B-4, X-4).
//
// # Training content (training-content)
//
//   - Step: The step's name.
//   - % Completed: Members who completed the step / all members, integer percent rounded half away from zero; empty when the training has no member (D-5).
//   - Avg score: Mean step score of the members with a score, integer percent rounded half away from zero; empty when nobody has one (D-5).
//   - Avg time: Mean time spent on the step by the members who started it, HH:MM:SS rounded to the second; empty when nobody started it (D-5).
//
// # Training results (training-results)
//
//   - First name: The learner's first name.
//   - Last name: The learner's last name.
//   - Email: The learner's email.
//   - Score: The training score, integer percent 0–100: the rounded mean of the mandatory steps' scores (S-6).
//   - Status: Pending, Success, Failed or Expired at asOf (D-4).
//   - Time spent: Time spent in the training, HH:MM:SS: the sum of the finished attempts' durations (S-11).
//
// # User general stats (one user) (user-general-stats)
//
//   - Last name: The user's last name.
//   - First name: The user's first name.
//   - Email: The user's email.
//   - Avg score: Mean of every scored course and assessment attempt, integer percent rounded half away from zero; empty when none (L-5).
//   - Completed courses: Courses where the learner reached 100 % completion (L-6).
//   - Attended classrooms: Classrooms where the learner was marked attended (L-6).
//   - Completed paths: Paths where the learner reached 100 % completion (L-6).
//   - Assigned paths: Distinct paths assigned individually or through a group, counted once (L-6).
//   - Completed programs: Program sessions where the learner reached 100 % completion (L-6).
//   - Assigned programs: Distinct program sessions assigned individually or through a group, counted once (L-6).
//   - Messages: Number of published posts and replies (L-7).
//   - Total time spent: Time spent in courses, only the most recent attempt of a course within a program session counting, HH:MM:SS (L-2).
//
// # Users (user statistics) (users)
//
//   - First name: The user's first name.
//   - Last name: The user's last name.
//   - Email: The user's email.
//   - Title / Employment: The user's title or employment.
//   - {custom fields}: The user's value of this custom field; one column per custom field, alphabetical by title.
//   - Additional information: The user's additional information field.
//   - Time spent: Sum of all course attempts' durations, HH:MM:SS (L-1).
//   - Last activity: Latest activity time in a course, in the viewer's location; empty when none (L-3).
//   - Direct report: Number of users in the viewer's scope whose manager is this user; managees' managees not counted (L-4).
//   - {groups}: x when the user belongs to this group, else empty; one column per group in the viewer's scope.
package export
