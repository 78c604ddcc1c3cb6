// Package learnstats computes learning statistics the way established
// learning platforms do.
package learnstats
