package demo

import (
	"fmt"
	"io/fs"
	"slices"
	"strconv"

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

type certRow struct {
	ID             string `csv:"id"`
	UserID         string `csv:"user_id"`
	Name           string `csv:"name"`
	PathName       string `csv:"path_name"`
	PathSession    string `csv:"path_session"`
	Program        string `csv:"program"`
	DeliveredAt    string `csv:"delivered_at"`
	ExpiresAt      string `csv:"expires_at"`
	ValidityMonths string `csv:"validity_months"`
}

type certsRoleRow struct {
	UserID  string `csv:"user_id"`
	GroupID string `csv:"group_id"`
	Role    string `csv:"role"`
}

type certsCourseRow struct {
	ID             string `csv:"id"`
	MainAuthor     string `csv:"main_author"`
	DuplicatedFrom string `csv:"duplicated_from"`
	PublishedBy    string `csv:"published_by"`
	PublishedAt    string `csv:"published_at"`
}

type certsEventRow struct {
	ID       string `csv:"id"`
	CourseID string `csv:"course_id"`
	UserID   string `csv:"user_id"`
	At       string `csv:"at"`
}

type certsSessionRow struct {
	ID       string `csv:"id"`
	CourseID string `csv:"course_id"`
	UserID   string `csv:"user_id"`
	Start    string `csv:"start"`
	End      string `csv:"end"`
}

type certsCommentRow struct {
	ID       string `csv:"id"`
	CourseID string `csv:"course_id"`
	AuthorID string `csv:"author_id"`
	At       string `csv:"at"`
}

type certsReactionRow struct {
	ID       string `csv:"id"`
	CourseID string `csv:"course_id"`
	UserID   string `csv:"user_id"`
	Score    string `csv:"score"`
	At       string `csv:"at"`
}

type certsPostRow struct {
	ID       string `csv:"id"`
	AuthorID string `csv:"author_id"`
	Place    string `csv:"place"`
	ReplyTo  string `csv:"reply_to"`
	At       string `csv:"at"`
}

type certsPostReactionRow struct {
	ID     string `csv:"id"`
	PostID string `csv:"post_id"`
	UserID string `csv:"user_id"`
	Kind   string `csv:"kind"`
	At     string `csv:"at"`
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

	const fc = "certs_certificates.csv"
	certRows, err := ReadCSV[certRow](fsys, fc)
	if err != nil {
		return nil, err
	}
	for i, r := range certRows {
		cert := certificates.Certificate{ID: certificates.ID(r.ID), Name: r.Name, PathName: r.PathName, PathSession: r.PathSession}
		if cert.User, err = ds.UserCell(fc, i, 2, r.UserID); err != nil {
			return nil, err
		}
		switch r.Program {
		case "true":
			cert.Program = true
		case "false", "":
		default:
			return nil, Errorf(fc, i, 6, "program: %q is not true or false", r.Program)
		}
		if cert.Delivered, err = TimeCell(fc, i, 7, r.DeliveredAt, true); err != nil {
			return nil, err
		}
		if cert.Expires, err = ParseTime(r.ExpiresAt); err != nil {
			return nil, Errorf(fc, i, 8, "%w", err)
		}
		if r.ValidityMonths != "" {
			if cert.ValidityMonths, err = strconv.Atoi(r.ValidityMonths); err != nil {
				return nil, Errorf(fc, i, 9, "%w", err)
			}
		}
		c.Certificates = append(c.Certificates, cert)
	}

	const fr = "certs_roles.csv"
	roleRows, err := ReadCSV[certsRoleRow](fsys, fr)
	if err != nil {
		return nil, err
	}
	owner := map[learnstats.UserID]bool{}
	roles := map[learnstats.UserID][]stats.PublicGroupRole{}
	for i, r := range roleRows {
		u, err := ds.UserCell(fr, i, 1, r.UserID)
		if err != nil {
			return nil, err
		}
		if r.Role == "owner" {
			owner[u] = true
			continue
		}
		role, ok := certsGroupRoles[r.Role]
		if !ok {
			return nil, Errorf(fr, i, 3, "unknown role %q", r.Role)
		}
		if r.GroupID == "" {
			return nil, Errorf(fr, i, 2, "role %q needs a group", r.Role)
		}
		roles[u] = append(roles[u], role)
	}
	for _, u := range ds.Users {
		c.Profiles = append(c.Profiles, stats.PublicProfile{User: u.ID, PlatformOwner: owner[u.ID], GroupRoles: roles[u.ID]})
	}

	const fk = "certs_courses.csv"
	courseRows, err := ReadCSV[certsCourseRow](fsys, fk)
	if err != nil {
		return nil, err
	}
	for i, r := range courseRows {
		co := stats.PublicCourse{ID: stats.PublicCourseID(r.ID), DuplicatedFrom: stats.PublicCourseID(r.DuplicatedFrom)}
		if co.MainAuthor, err = ds.UserCell(fk, i, 2, r.MainAuthor); err != nil {
			return nil, err
		}
		if r.PublishedBy != "" {
			if co.PublishedBy, err = ds.UserCell(fk, i, 4, r.PublishedBy); err != nil {
				return nil, err
			}
			if co.PublishedAt, err = TimeCell(fk, i, 5, r.PublishedAt, true); err != nil {
				return nil, err
			}
		}
		c.Courses = append(c.Courses, co)
	}

	for _, f := range []string{"certs_attempts.csv", "certs_completions.csv"} {
		rows, err := ReadCSV[certsEventRow](fsys, f)
		if err != nil {
			return nil, err
		}
		for i, r := range rows {
			u, err := ds.UserCell(f, i, 3, r.UserID)
			if err != nil {
				return nil, err
			}
			at, err := TimeCell(f, i, 4, r.At, true)
			if err != nil {
				return nil, err
			}
			if f == "certs_attempts.csv" {
				c.Attempts = append(c.Attempts, stats.PublicAttempt{ID: r.ID, Course: stats.PublicCourseID(r.CourseID), User: u, At: at})
			} else {
				c.Completions = append(c.Completions, stats.PublicCompletion{ID: r.ID, Course: stats.PublicCourseID(r.CourseID), User: u, At: at})
			}
		}
	}

	const fs_ = "certs_sessions.csv"
	sessRows, err := ReadCSV[certsSessionRow](fsys, fs_)
	if err != nil {
		return nil, err
	}
	for i, r := range sessRows {
		s := stats.PublicSession{ID: r.ID, Course: stats.PublicCourseID(r.CourseID)}
		if s.User, err = ds.UserCell(fs_, i, 3, r.UserID); err != nil {
			return nil, err
		}
		if s.Start, err = TimeCell(fs_, i, 4, r.Start, true); err != nil {
			return nil, err
		}
		if s.End, err = TimeCell(fs_, i, 5, r.End, true); err != nil {
			return nil, err
		}
		c.Sessions = append(c.Sessions, s)
	}

	const fm = "certs_course_comments.csv"
	commentRows, err := ReadCSV[certsCommentRow](fsys, fm)
	if err != nil {
		return nil, err
	}
	for i, r := range commentRows {
		m := stats.PublicCourseComment{ID: r.ID, Course: stats.PublicCourseID(r.CourseID)}
		if m.Author, err = ds.UserCell(fm, i, 3, r.AuthorID); err != nil {
			return nil, err
		}
		if m.At, err = TimeCell(fm, i, 4, r.At, true); err != nil {
			return nil, err
		}
		c.CourseComments = append(c.CourseComments, m)
	}

	const fx = "certs_course_reactions.csv"
	reactionRows, err := ReadCSV[certsReactionRow](fsys, fx)
	if err != nil {
		return nil, err
	}
	for i, r := range reactionRows {
		x := stats.PublicCourseReaction{ID: r.ID, Course: stats.PublicCourseID(r.CourseID)}
		if x.User, err = ds.UserCell(fx, i, 3, r.UserID); err != nil {
			return nil, err
		}
		if x.Score, err = strconv.ParseInt(r.Score, 10, 64); err != nil {
			return nil, Errorf(fx, i, 4, "score: %w", err)
		}
		if x.At, err = TimeCell(fx, i, 5, r.At, true); err != nil {
			return nil, err
		}
		c.CourseReactions = append(c.CourseReactions, x)
	}

	const fp = "certs_posts.csv"
	postRows, err := ReadCSV[certsPostRow](fsys, fp)
	if err != nil {
		return nil, err
	}
	for i, r := range postRows {
		p := stats.PublicPost{ID: stats.PublicPostID(r.ID), ReplyTo: stats.PublicPostID(r.ReplyTo)}
		if p.Author, err = ds.UserCell(fp, i, 2, r.AuthorID); err != nil {
			return nil, err
		}
		if r.ReplyTo == "" {
			place, ok := certsPlaces[r.Place]
			if !ok {
				return nil, Errorf(fp, i, 3, "unknown place %q", r.Place)
			}
			p.Place = place
		} else if r.Place != "" {
			return nil, Errorf(fp, i, 3, "a reply has its thread's place: leave place empty")
		}
		if p.At, err = TimeCell(fp, i, 5, r.At, true); err != nil {
			return nil, err
		}
		c.Posts = append(c.Posts, p)
	}

	const fl = "certs_post_reactions.csv"
	likeRows, err := ReadCSV[certsPostReactionRow](fsys, fl)
	if err != nil {
		return nil, err
	}
	for i, r := range likeRows {
		x := stats.PublicPostReaction{ID: r.ID, Post: stats.PublicPostID(r.PostID), Kind: r.Kind}
		if x.User, err = ds.UserCell(fl, i, 3, r.UserID); err != nil {
			return nil, err
		}
		if x.At, err = TimeCell(fl, i, 5, r.At, true); err != nil {
			return nil, err
		}
		c.PostReactions = append(c.PostReactions, x)
	}

	if c.Catalog, err = stats.NewPublicCatalog(slices.Values(c.Courses), slices.Values(c.Posts)); err != nil {
		return nil, fmt.Errorf("%s, %s: %w", fk, fp, err)
	}
	return c, nil
}
