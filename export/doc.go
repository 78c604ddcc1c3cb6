// Package export writes learnstats' CSV exports (SPEC section 10).
package export
