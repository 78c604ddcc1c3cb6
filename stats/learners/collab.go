package learners

import (
	"fmt"

	"github.com/learnstats/learnstats"
	"github.com/learnstats/learnstats/internal/checked"
)

// addPost folds a post before asOf into its author's counts: Rule L-7
// (messages: every published post and reply in a place a rule counts),
// R-1 (publications) and R-2 (comments). Drafts and withdrawn posts, and
// posts in a place no rule counts, are left out and counted.
func (a *Accumulator) addPost(s *userState, p learnstats.Post, name func() string) error {
	switch {
	case p.Unpublished:
		return a.leave(&a.left.unpublished, name)
	case p.Place == learnstats.PlaceOther:
		return a.leave(&a.left.otherPlaces, name)
	}
	pub, com := publicationOrComment(p)
	messages, ok1 := checked.AddInt(s.messages, 1)
	publications, ok2 := checked.AddInt(s.publications, pub)
	comments, ok3 := checked.AddInt(s.comments, com)
	if !ok1 || !ok2 || !ok3 {
		return fmt.Errorf("learners: %s: the author's counts do not fit an int: %w", name(), learnstats.ErrOverflow)
	}
	s.messages, s.publications, s.comments = messages, publications, comments
	return nil
}

// publicationOrComment says whether a published post is a publication
// (Rule R-1: posts and replies in the newsfeed of a group, a session or a
// user's profile page) and a comment (Rule R-2: posts and replies in the
// contextual forum of a course, a learning need or a project, plus replies
// in a newsfeed, which so count twice, as documented). A post in a path's
// forum is neither (R-2 does not list it); it is still a message (L-7).
func publicationOrComment(p learnstats.Post) (publication, comment int) {
	switch p.Place {
	case learnstats.PlaceGroupFeed, learnstats.PlaceSessionFeed, learnstats.PlaceProfileFeed:
		if p.ReplyTo != "" {
			return 1, 1
		}
		return 1, 0
	case learnstats.PlaceCourseForum, learnstats.PlaceLearningNeedForum, learnstats.PlaceProjectForum:
		return 0, 1
	}
	return 0, 0
}

// addReaction is Rule R-3: reactions by the user in courses' activities,
// plus likes on posts. Post reactions of the other kinds are left out and
// counted.
func (a *Accumulator) addReaction(s *userState, r learnstats.Reaction, name func() string) error {
	if r.Course == "" && r.Kind != learnstats.ReactionLike {
		return a.leave(&a.left.notLikes, name)
	}
	n, ok := checked.AddInt(s.reactions, 1)
	if !ok {
		return fmt.Errorf("learners: %s: the user's reaction count does not fit an int: %w", name(), learnstats.ErrOverflow)
	}
	s.reactions = n
	return nil
}

// registration fills row with Rules R-5 (invited by) and R-6 (auto
// deletion) from the user's registration record.
func (a *Accumulator) registration(row *Stats, s *userState, res *Result) {
	if !s.registered {
		res.NoRegistration++
		return
	}
	row.AutoDeletion = s.autoDeletion // Rule R-6.
	by := s.invitedBy                 // Rule R-5, decided at AddRegistration.
	if by == "" {
		return
	}
	if !a.def.visible(by) {
		res.HiddenInviters++ // a scope never shows a user it does not include
		return
	}
	inv, _ := a.def.dir.User(by)
	row.InvitedBy = inv.Email
}
