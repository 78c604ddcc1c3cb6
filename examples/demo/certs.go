package demo

import (
	"fmt"
	"io/fs"
	"slices"
	"time"

	"github.com/learnstats/learnstats"
	"github.com/learnstats/learnstats/certificates"
	"github.com/learnstats/learnstats/stats/profiles"
)

// Certs holds the certificates (rules C-1 to C-4) and the public-profile
// records (rules P-1 to P-3) in the input types of packages certificates
// and stats/profiles: roles, courses with authors and duplicates, course
// attempts (the root's Attempt), completions, time-tracking sessions,
// course comments and posts (the root's Post), course and post reactions
// (the root's Reaction). FORMAT-certs.md documents the files.
type Certs struct {
	// Certificates are every demo user's certificates, in file order.
	Certificates []certificates.Certificate
	// Profiles has one entry per demo user, in users.csv order, with the
	// roles of certs_roles.csv (a user without a row is a learner).
	Profiles []profiles.Profile
	// Catalog indexes Courses and Posts.
	Catalog *profiles.Catalog
	Courses []profiles.Course
	// Attempts are the course attempts: course views at their Start (P-1).
	Attempts    []learnstats.Attempt
	Completions []profiles.Completion
	Sessions    []profiles.Session
	// Posts are the newsfeed and forum posts and their replies (P-2); a
	// reply is in its thread's place.
	Posts []learnstats.Post
	// CourseComments are the posts in courses' forums (P-1).
	CourseComments []learnstats.Post
	// CourseReactions are reactions in courses, with a score (P-1);
	// PostReactions reactions to posts, with a kind (P-2).
	CourseReactions, PostReactions []learnstats.Reaction
}

// certsGroupRoles maps the role column to the group roles of section 5;
// "owner" is the platform owner.
var certsGroupRoles = map[string]profiles.GroupRole{
	"learner":            profiles.GroupLearner,
	"coach":              profiles.GroupCoach,
	"author":             profiles.GroupAuthor,
	"administrator":      profiles.GroupAdministrator,
	"user_administrator": profiles.GroupUserAdministrator,
}

// certsPlaces maps the place column of certs_posts.csv to the root's
// places.
var certsPlaces = map[string]learnstats.Place{
	"newsfeed":     learnstats.PlaceGroupFeed,
	"course_forum": learnstats.PlaceCourseForum,
	"path_forum":   learnstats.PlacePathForum,
	"elsewhere":    learnstats.PlaceOther,
}

// certsLoader reads the certs files. Package profiles checks its records
// as they are added to an accumulator over the catalog (its Completion and
// Session have no Validate), so the loader adds each record to one as it
// reads it: the library's error is then reported at the record's line.
type certsLoader struct {
	ds    *Dataset
	out   *Certs
	check *profiles.Accumulator
}

func loadCerts(fsys fs.FS, ds *Dataset) (*Certs, error) {
	l := &certsLoader{ds: ds, out: &Certs{}}
	for _, load := range []func(fs.FS) error{
		l.certificates, l.roles, l.courses, l.posts, l.catalog, l.attempts, l.completions,
		l.sessions, l.courseComments, l.courseReactions, l.postReactions,
	} {
		if err := load(fsys); err != nil {
			return nil, err
		}
	}
	return l.out, nil
}

func (l *certsLoader) certificates(fsys fs.FS) error {
	rows := Open(fsys, "certs_certificates.csv", Schema{
		Required: []string{"id", "user_id", "name", "path_name", "path_session", "program", "delivered_at", "expires_at", "validity_months"},
		Unique:   [][]string{{"id"}},
	})
	for rows.Next() {
		c := certificates.Certificate{ID: certificates.ID(rows.Text("id")), User: l.ds.user(rows, "user_id"), Name: rows.Text("name"),
			PathName: rows.Text("path_name"), PathSession: rows.Text("path_session"), Program: rows.OptBool("program"),
			Delivered: rows.RequiredTime("delivered_at"), Expires: rows.Time("expires_at")}
		c.ValidityMonths, _ = rows.OptInt("validity_months")
		if rows.Err() == nil {
			rows.Check(c.Validate())
		}
		l.out.Certificates = append(l.out.Certificates, c)
	}
	return rows.Err()
}

func (l *certsLoader) roles(fsys fs.FS) error {
	owner := map[learnstats.UserID]bool{}
	roles := map[learnstats.UserID][]profiles.GroupRole{}
	rows := Open(fsys, "certs_roles.csv", Schema{Required: []string{"user_id", "group_id", "role"}})
	for rows.Next() {
		u, role := l.ds.user(rows, "user_id"), rows.Text("role")
		if role == "owner" {
			owner[u] = true
			continue
		}
		r, ok := certsGroupRoles[role]
		if !ok {
			rows.Fail("role", "unknown role %q", role)
		}
		l.ds.group(rows, "group_id") // a role other than owner is in a group
		roles[u] = append(roles[u], r)
	}
	for _, u := range l.ds.Users {
		l.out.Profiles = append(l.out.Profiles, profiles.Profile{User: u.ID, PlatformOwner: owner[u.ID], GroupRoles: roles[u.ID]})
	}
	return rows.Err()
}

func (l *certsLoader) courses(fsys fs.FS) error {
	rows := Open(fsys, "certs_courses.csv", Schema{
		Required: []string{"id", "main_author", "duplicated_from", "published_by", "published_at"},
		Unique:   [][]string{{"id"}},
	})
	for rows.Next() {
		c := profiles.Course{ID: learnstats.StepID(rows.Text("id")), MainAuthor: l.ds.user(rows, "main_author"),
			DuplicatedFrom: learnstats.StepID(rows.Text("duplicated_from")),
			PublishedBy:    learnstats.UserID(rows.OptRef("published_by", "user", l.ds.isUser))}
		if c.PublishedBy != "" {
			c.PublishedAt = rows.RequiredTime("published_at")
		}
		l.out.Courses = append(l.out.Courses, c)
	}
	return rows.Err()
}

// posts reads certs_posts.csv. The file gives a top-level post's place and
// leaves a reply's empty: a reply is in its thread's place (the root's
// Post), which the loader takes from the thread's top-level post.
func (l *certsLoader) posts(fsys fs.FS) error {
	rows := Open(fsys, "certs_posts.csv", Schema{Required: []string{"id", "author_id", "place", "reply_to", "at"}, Unique: [][]string{{"id"}}})
	var replyAt []Pos
	for rows.Next() {
		p := learnstats.Post{ID: learnstats.PostID(rows.Text("id")), Author: l.ds.user(rows, "author_id"),
			ReplyTo: learnstats.PostID(rows.Text("reply_to")), At: rows.RequiredTime("at")}
		switch place, ok := certsPlaces[rows.Text("place")]; {
		case !(p.ReplyTo != "") && !ok:
			rows.Fail("place", "unknown place %q", rows.Text("place"))
		case !(p.ReplyTo != ""):
			p.Place = place
		case rows.Text("place") != "":
			rows.Fail("place", "a reply has its thread's place: leave place empty")
		}
		l.out.Posts = append(l.out.Posts, p)
		replyAt = append(replyAt, rows.Pos("reply_to"))
	}
	if err := rows.Err(); err != nil {
		return err
	}
	byID := map[learnstats.PostID]learnstats.Post{}
	for _, p := range l.out.Posts {
		byID[p.ID] = p
	}
	for i := range l.out.Posts {
		p := &l.out.Posts[i]
		top := *p
		for hops := 0; top.ReplyTo != ""; hops++ {
			parent, ok := byID[top.ReplyTo]
			switch {
			case !ok:
				return replyAt[i].Errorf("unknown post %q", top.ReplyTo)
			case hops == len(byID):
				return replyAt[i].Errorf("the replies loop back to %q", p.ID)
			}
			top = parent
		}
		p.Place = top.Place
	}
	return nil
}

// checkAsOf is the instant of the accumulators the loaders check records
// with: after every record of any data set.
var checkAsOf = time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC)

// catalog indexes the courses and the posts; package profiles checks them
// (duplicate chains, replies).
func (l *certsLoader) catalog(fs.FS) error {
	var err error
	if l.out.Catalog, err = profiles.NewCatalog(slices.Values(l.out.Courses), slices.Values(l.out.Posts)); err != nil {
		return fmt.Errorf("%w: certs_courses.csv, certs_posts.csv: %w", ErrBadData, err)
	}
	// The loader only wants the library's checks of each record, as it
	// reads it: an accumulator whose 90-day window ends far in the future
	// checks every record (the report computes the real one as of -asof).
	if l.check, err = profiles.NewAccumulator(checkAsOf, l.out.Catalog); err != nil {
		return fmt.Errorf("%w: %w", ErrBadData, err)
	}
	return nil
}

// event is the schema of the files of course events.
var event = Schema{Required: []string{"id", "course_id", "user_id", "at"}, Unique: [][]string{{"id"}}}

func (l *certsLoader) attempts(fsys fs.FS) error {
	rows := Open(fsys, "certs_attempts.csv", event)
	for rows.Next() {
		a := learnstats.Attempt{ID: learnstats.AttemptID(rows.Text("id")), Step: learnstats.StepID(rows.Text("course_id")),
			Learner: l.ds.user(rows, "user_id"), Start: rows.RequiredTime("at")}
		if rows.Err() == nil {
			rows.Check(l.check.AddAttempt(a))
		}
		l.out.Attempts = append(l.out.Attempts, a)
	}
	return rows.Err()
}

func (l *certsLoader) completions(fsys fs.FS) error {
	rows := Open(fsys, "certs_completions.csv", event)
	for rows.Next() {
		c := profiles.Completion{ID: rows.Text("id"), Course: learnstats.StepID(rows.Text("course_id")),
			User: l.ds.user(rows, "user_id"), At: rows.RequiredTime("at")}
		if rows.Err() == nil {
			rows.Check(l.check.AddCompletion(c))
		}
		l.out.Completions = append(l.out.Completions, c)
	}
	return rows.Err()
}

func (l *certsLoader) sessions(fsys fs.FS) error {
	rows := Open(fsys, "certs_sessions.csv", Schema{Required: []string{"id", "course_id", "user_id", "start", "end"}, Unique: [][]string{{"id"}}})
	for rows.Next() {
		s := profiles.Session{ID: rows.Text("id"), Course: learnstats.StepID(rows.Text("course_id")),
			User: l.ds.user(rows, "user_id"), Start: rows.RequiredTime("start"), End: rows.RequiredTime("end")}
		if rows.Err() == nil {
			rows.Check(l.check.AddSession(s))
		}
		l.out.Sessions = append(l.out.Sessions, s)
	}
	return rows.Err()
}

func (l *certsLoader) courseComments(fsys fs.FS) error {
	rows := Open(fsys, "certs_course_comments.csv", Schema{Required: []string{"id", "course_id", "author_id", "at"}, Unique: [][]string{{"id"}}})
	for rows.Next() {
		p := learnstats.Post{ID: learnstats.PostID(rows.Text("id")), Place: learnstats.PlaceCourseForum,
			Course: learnstats.StepID(rows.Text("course_id")), Author: l.ds.user(rows, "author_id"), At: rows.RequiredTime("at")}
		if rows.Err() == nil {
			rows.Check(l.check.AddPost(p))
		}
		l.out.CourseComments = append(l.out.CourseComments, p)
	}
	return rows.Err()
}

func (l *certsLoader) courseReactions(fsys fs.FS) error {
	rows := Open(fsys, "certs_course_reactions.csv", Schema{Required: []string{"id", "course_id", "user_id", "score", "at"}, Unique: [][]string{{"id"}}})
	for rows.Next() {
		r := learnstats.Reaction{ID: rows.Text("id"), Course: learnstats.StepID(rows.Text("course_id")),
			User: l.ds.user(rows, "user_id"), Score: rows.Int64("score"), At: rows.RequiredTime("at")}
		if rows.Err() == nil {
			rows.Check(l.check.AddReaction(r))
		}
		l.out.CourseReactions = append(l.out.CourseReactions, r)
	}
	return rows.Err()
}

func (l *certsLoader) postReactions(fsys fs.FS) error {
	rows := Open(fsys, "certs_post_reactions.csv", Schema{Required: []string{"id", "post_id", "user_id", "kind", "at"}, Unique: [][]string{{"id"}}})
	for rows.Next() {
		r := learnstats.Reaction{ID: rows.Text("id"), Post: learnstats.PostID(rows.Text("post_id")),
			User: l.ds.user(rows, "user_id"), Kind: learnstats.ReactionKind(rows.Text("kind")), At: rows.RequiredTime("at")}
		if !r.Kind.Valid() {
			rows.Fail("kind", "unknown kind %q", r.Kind)
		}
		if rows.Err() == nil {
			rows.Check(l.check.AddReaction(r))
		}
		l.out.PostReactions = append(l.out.PostReactions, r)
	}
	return rows.Err()
}
