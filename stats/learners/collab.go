package learners

import (
	"time"

	"github.com/learnstats/learnstats"
)

// collaboration fills row with the collaborative activity of Rules R-1 …
// R-3 from s, as of asOf, and counts in res the posts and reactions left
// out.
func (a *Accumulator) collaboration(row *Stats, s *userState, asOf time.Time, res *Result) {
	for _, p := range s.posts {
		switch {
		case !counted(p.at, asOf):
			res.Later++
		case p.unpublished:
			res.Unpublished++
		case p.place == learnstats.PlaceOther:
			res.OtherPlaces++
		default:
			pub, com := publicationOrComment(p)
			row.Publications += pub
			row.Comments += com
		}
	}
	for _, r := range s.reactions {
		switch {
		case !counted(r.at, asOf):
			res.Later++
		case !r.course && r.kind != learnstats.ReactionLike:
			res.NotLikes++
		default:
			row.Reactions++ // Rule R-3.
		}
	}
}

// publicationOrComment says whether a published post is a publication
// (Rule R-1: posts and replies in the newsfeed of a group, a session or a
// user's profile page) and a comment (Rule R-2: posts and replies in the
// contextual forum of a course, a learning need or a project, plus replies
// in a newsfeed, which so count twice, as documented). A post in a path's
// forum is neither (R-2 does not list it); it is still a message (L-7).
func publicationOrComment(p post) (publication, comment int) {
	switch p.place {
	case learnstats.PlaceGroupFeed, learnstats.PlaceSessionFeed, learnstats.PlaceProfileFeed:
		if p.reply {
			return 1, 1
		}
		return 1, 0
	case learnstats.PlaceCourseForum, learnstats.PlaceLearningNeedForum, learnstats.PlaceProjectForum:
		return 0, 1
	}
	return 0, 0
}

// registration fills row with Rules R-5 (invited by) and R-6 (auto
// deletion) from the user's registration record.
func (a *Accumulator) registration(row *Stats, s *userState, res *Result) {
	r := s.reg
	if r == nil {
		res.NoRegistration++
		return
	}
	row.AutoDeletion = r.AutoDeletion // Rule R-6.
	by := r.inviter(a.def.owner)      // Rule R-5.
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
