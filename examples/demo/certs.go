package demo

import (
	"fmt"
	"io/fs"
	"slices"

	"github.com/learnstats/learnstats"
	"github.com/learnstats/learnstats/certificates"
	"github.com/learnstats/learnstats/stats"
)

// Certs holds the certificates (rules C-1 to C-4) and the public-profile
// records (rules P-1 to P-3): roles, courses with authors and duplicates,
// attempts, completions, sessions, course comments and reactions, posts
// and post reactions. FORMAT-certs.md documents the files.
type Certs struct {
	// Certificates are every demo user's certificates, in file order.
	Certificates []certificates.Certificate
	// Profiles has one entry per demo user, in users.csv order, with the
	// roles of certs_roles.csv (a user without a row is a learner).
	Profiles []stats.PublicProfile
	// Catalog indexes Courses and Posts.
	Catalog         *stats.PublicCatalog
	Courses         []stats.PublicCourse
	Attempts        []stats.PublicAttempt
	Completions     []stats.PublicCompletion
	Sessions        []stats.PublicSession
	CourseComments  []stats.PublicCourseComment
	CourseReactions []stats.PublicCourseReaction
	Posts           []stats.PublicPost
	PostReactions   []stats.PublicPostReaction
}

var certsGroupRoles = map[string]stats.PublicGroupRole{
	"learner":            stats.PublicGroupLearner,
	"coach":              stats.PublicGroupCoach,
	"author":             stats.PublicGroupAuthor,
	"administrator":      stats.PublicGroupAdministrator,
	"user_administrator": stats.PublicGroupUserAdministrator,
}

var certsPlaces = map[string]stats.PublicPlace{
	"newsfeed":     stats.PublicNewsfeed,
	"course_forum": stats.PublicCourseForum,
	"path_forum":   stats.PublicPathForum,
	"elsewhere":    stats.PublicElsewhere,
}

func loadCerts(fsys fs.FS, ds *Dataset) (*Certs, error) {
	c := &Certs{}

	rows := Open(fsys, "certs_certificates.csv", Schema{
		Required: []string{"id", "user_id", "name", "path_name", "path_session", "program", "delivered_at", "expires_at", "validity_months"},
		Unique:   [][]string{{"id"}},
	})
	for rows.Next() {
		cert := certificates.Certificate{ID: certificates.ID(rows.Text("id")), User: ds.user(rows, "user_id"), Name: rows.Text("name"),
			PathName: rows.Text("path_name"), PathSession: rows.Text("path_session"), Program: rows.OptBool("program"),
			Delivered: rows.RequiredTime("delivered_at"), Expires: rows.Time("expires_at")}
		cert.ValidityMonths, _ = rows.OptInt("validity_months")
		if rows.Err() == nil {
			rows.Check(validCertificate(cert))
		}
		c.Certificates = append(c.Certificates, cert)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}

	owner := map[learnstats.UserID]bool{}
	roles := map[learnstats.UserID][]stats.PublicGroupRole{}
	rows = Open(fsys, "certs_roles.csv", Schema{Required: []string{"user_id", "group_id", "role"}})
	for rows.Next() {
		u, role := ds.user(rows, "user_id"), rows.Text("role")
		if role == "owner" {
			owner[u] = true
			continue
		}
		r, ok := certsGroupRoles[role]
		if !ok {
			rows.Fail("role", "unknown role %q", role)
		}
		ds.group(rows, "group_id") // a role other than owner is in a group
		roles[u] = append(roles[u], r)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for _, u := range ds.Users {
		c.Profiles = append(c.Profiles, stats.PublicProfile{User: u.ID, PlatformOwner: owner[u.ID], GroupRoles: roles[u.ID]})
	}

	rows = Open(fsys, "certs_courses.csv", Schema{
		Required: []string{"id", "main_author", "duplicated_from", "published_by", "published_at"},
		Unique:   [][]string{{"id"}},
	})
	for rows.Next() {
		co := stats.PublicCourse{ID: stats.PublicCourseID(rows.Text("id")), MainAuthor: ds.user(rows, "main_author"),
			DuplicatedFrom: stats.PublicCourseID(rows.Text("duplicated_from")),
			PublishedBy:    learnstats.UserID(rows.OptRef("published_by", "user", ds.isUser))}
		if co.PublishedBy != "" {
			co.PublishedAt = rows.RequiredTime("published_at")
		}
		c.Courses = append(c.Courses, co)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}

	event := Schema{Required: []string{"id", "course_id", "user_id", "at"}, Unique: [][]string{{"id"}}}
	rows = Open(fsys, "certs_attempts.csv", event)
	for rows.Next() {
		c.Attempts = append(c.Attempts, stats.PublicAttempt{ID: rows.Text("id"), Course: stats.PublicCourseID(rows.Text("course_id")),
			User: ds.user(rows, "user_id"), At: rows.RequiredTime("at")})
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows = Open(fsys, "certs_completions.csv", event)
	for rows.Next() {
		c.Completions = append(c.Completions, stats.PublicCompletion{ID: rows.Text("id"), Course: stats.PublicCourseID(rows.Text("course_id")),
			User: ds.user(rows, "user_id"), At: rows.RequiredTime("at")})
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}

	rows = Open(fsys, "certs_sessions.csv", Schema{Required: []string{"id", "course_id", "user_id", "start", "end"}, Unique: [][]string{{"id"}}})
	for rows.Next() {
		c.Sessions = append(c.Sessions, stats.PublicSession{ID: rows.Text("id"), Course: stats.PublicCourseID(rows.Text("course_id")),
			User: ds.user(rows, "user_id"), Start: rows.RequiredTime("start"), End: rows.RequiredTime("end")})
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}

	rows = Open(fsys, "certs_course_comments.csv", Schema{Required: []string{"id", "course_id", "author_id", "at"}, Unique: [][]string{{"id"}}})
	for rows.Next() {
		c.CourseComments = append(c.CourseComments, stats.PublicCourseComment{ID: rows.Text("id"), Course: stats.PublicCourseID(rows.Text("course_id")),
			Author: ds.user(rows, "author_id"), At: rows.RequiredTime("at")})
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}

	rows = Open(fsys, "certs_course_reactions.csv", Schema{Required: []string{"id", "course_id", "user_id", "score", "at"}, Unique: [][]string{{"id"}}})
	for rows.Next() {
		c.CourseReactions = append(c.CourseReactions, stats.PublicCourseReaction{ID: rows.Text("id"), Course: stats.PublicCourseID(rows.Text("course_id")),
			User: ds.user(rows, "user_id"), Score: rows.Int64("score"), At: rows.RequiredTime("at")})
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}

	rows = Open(fsys, "certs_posts.csv", Schema{Required: []string{"id", "author_id", "place", "reply_to", "at"}, Unique: [][]string{{"id"}}})
	for rows.Next() {
		p := stats.PublicPost{ID: stats.PublicPostID(rows.Text("id")), Author: ds.user(rows, "author_id"),
			ReplyTo: stats.PublicPostID(rows.Text("reply_to")), At: rows.RequiredTime("at")}
		switch place, ok := certsPlaces[rows.Text("place")]; {
		case p.ReplyTo == "" && !ok:
			rows.Fail("place", "unknown place %q", rows.Text("place"))
		case p.ReplyTo == "":
			p.Place = place
		case rows.Text("place") != "":
			rows.Fail("place", "a reply has its thread's place: leave place empty")
		}
		c.Posts = append(c.Posts, p)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}

	rows = Open(fsys, "certs_post_reactions.csv", Schema{Required: []string{"id", "post_id", "user_id", "kind", "at"}, Unique: [][]string{{"id"}}})
	for rows.Next() {
		c.PostReactions = append(c.PostReactions, stats.PublicPostReaction{ID: rows.Text("id"), Post: stats.PublicPostID(rows.Text("post_id")),
			User: ds.user(rows, "user_id"), Kind: rows.Text("kind"), At: rows.RequiredTime("at")})
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}

	var err error
	if c.Catalog, err = stats.NewPublicCatalog(slices.Values(c.Courses), slices.Values(c.Posts)); err != nil {
		return nil, fmt.Errorf("%w: certs_courses.csv, certs_posts.csv: %w", ErrBadData, err)
	}
	return c, nil
}

// validCertificate checks c with package certificates as a record of its
// own. A delivery exactly at asOf is valid (C-3), so the delivery time as
// asOf checks everything but "delivered after asOf", which depends on the
// report's asOf and is the statistics' to handle.
func validCertificate(c certificates.Certificate) error { return c.Validate(c.Delivered) }
