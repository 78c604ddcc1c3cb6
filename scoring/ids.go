package scoring

// TrainingID identifies a training (an Opigno learning path, a Moodle
// course, a 360Learning path).
type TrainingID string

// StepID identifies a step of a training: the module, course or live
// session it holds. Step IDs are unique within one training, courses'
// children included. Attempts and attendances name the step they belong to.
type StepID string

// ActivityID identifies an activity (a question, a slide, an H5P item) of a
// module step. Activity IDs are unique within their module.
type ActivityID string

// AttemptID identifies a learner's attempt at a module. Where a rule needs
// "the higher attempt ID" (ties in Rule S-3), IDs are ordered by
// [CompareAttemptIDs]: numerically when both are decimal numbers, else byte
// by byte.
type AttemptID string

// QuestionID identifies a 360Learning question (Rules S-12, S-13).
type QuestionID string

// AssessmentID identifies a 360Learning assessment (Rule S-13).
type AssessmentID string

// TagID identifies a 360Learning tag (Rule S-13).
type TagID string

// CompareAttemptIDs returns -1, 0 or +1 as a is lower than, equal to or
// higher than b. Two IDs made only of ASCII digits compare as numbers
// ("9" < "10", leading zeros ignored, then the shorter spelling first);
// otherwise, and when one is not a number, they compare byte by byte, with
// numbers before non-numbers. The order is total.
func CompareAttemptIDs(a, b AttemptID) int {
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

func cmpInt(a, b int) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return +1
	}
	return 0
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
