package learnstats

import "iter"

// Feed adds every record of records with add, stopping at the first error
// either gives: the error of a source that can fail (a database cursor, a
// file being parsed) or of the accumulator. It is how a fallible stream
// feeds an accumulator:
//
//	err := learnstats.Feed(attemptsFromDB(ctx, db), acc.Add)
//
// A nil records is empty.
func Feed[T any](records iter.Seq2[T, error], add func(T) error) error {
	if records == nil {
		return nil
	}
	for r, err := range records {
		if err != nil {
			return err
		}
		if err := add(r); err != nil {
			return err
		}
	}
	return nil
}
