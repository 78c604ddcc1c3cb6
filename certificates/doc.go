// Package certificates is part of learnstats. Its overview is written with its rules.
package certificates
