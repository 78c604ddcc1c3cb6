module github.com/learnstats/learnstats

go 1.24

require (
	github.com/gocarina/gocsv v0.0.0-20240520201108-78e41c74b4b1
	github.com/shopspring/decimal v1.6.0
)

require github.com/google/go-cmp v0.7.0
