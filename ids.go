package learnstats

// TrainingID identifies a training: an Opigno learning path, a Moodle
// course, a 360Learning path or program.
type TrainingID string

// StepID identifies a step of a training: a module, a course or a live
// session (a 360Learning course is a step of its path). Step IDs are unique
// within one training, courses' children included; attempts and
// attendances name the step they belong to.
type StepID string

// ActivityID identifies an activity (a question, a slide, an H5P item) of a
// module. Activity IDs are unique within their module.
type ActivityID string

// AttemptID identifies a learner's attempt at a step. Where a rule needs
// "the higher attempt ID" (ties in Rules S-3 and L-2), IDs are ordered by
// [CompareIDs]: numerically when both are decimal numbers, else
// byte by byte.
type AttemptID string

// SessionID identifies a program session (a 360Learning program's run with
// its own dates, Rules L-2 and L-8).
type SessionID string

// QuestionID identifies a question (a 360Learning question, Rules S-12,
// S-13, L-9).
type QuestionID string

// AssessmentID identifies an assessment (Rules S-13, L-5).
type AssessmentID string

// TagID identifies a tag of questions and assessments (Rule S-13).
type TagID string

// CompareIDs returns -1, 0 or +1 as a is lower than, equal to or higher
// than b: the order of "the higher ID" wherever a rule breaks a tie by ID
// (Rules S-3, L-2, L-9). Two IDs made only of ASCII digits compare as numbers
// ("9" < "10", leading zeros ignored, then the shorter spelling first);
// otherwise, and when one is not a number, they compare byte by byte, with
// numbers before non-numbers. The order is total.
func CompareIDs[T ~string](a, b T) int {
	an, bn := isDigits(string(a)), isDigits(string(b))
	switch {
	case an && bn:
		ta, tb := trimZeros(string(a)), trimZeros(string(b))
		if len(ta) != len(tb) {
			return cmpInt(len(ta), len(tb))
		}
		if c := cmpString(ta, tb); c != 0 {
			return c
		}
		return cmpInt(len(a), len(b))
	case an:
		return -1
	case bn:
		return +1
	}
	return cmpString(string(a), string(b))
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func trimZeros(s string) string {
	for len(s) > 1 && s[0] == '0' {
		s = s[1:]
	}
	return s
}

func cmpString(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return +1
	}
	return 0
}
