package learners

import "github.com/learnstats/learnstats"

// funcScope is a scope backed by two functions, for tests that need an
// arbitrary viewer (a nil function sees nothing).
type funcScope struct {
	user  func(learnstats.User) bool
	group func(learnstats.GroupID) bool
}

func (f funcScope) SeesUser(u learnstats.User) bool     { return f.user != nil && f.user(u) }
func (f funcScope) SeesGroup(g learnstats.GroupID) bool { return f.group != nil && f.group(g) }
