package main

import (
	"bytes"
	"flag"
	"io"
	"os"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/time-spent.csv")

// TestREADMEUsageIsThisProgram fails when README.md's Usage block and this
// program drift apart: the block must be main.go from "package main" on,
// byte for byte, so that what a newcomer copies compiles and runs.
func TestREADMEUsageIsThisProgram(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, usage, ok := strings.Cut(string(readme), "\n## Usage\n")
	if !ok {
		t.Fatal("README.md has no Usage section")
	}
	_, block, ok := strings.Cut(usage, "\n```go\n")
	if !ok {
		t.Fatal("README.md's Usage section has no ```go block")
	}
	block, _, ok = strings.Cut(block, "\n```\n")
	if !ok {
		t.Fatal("README.md's Usage block is not closed")
	}
	src, err := os.ReadFile("main.go")
	if err != nil {
		t.Fatal(err)
	}
	_, program, ok := strings.Cut(string(src), "\npackage main\n")
	if !ok {
		t.Fatal("main.go has no package clause")
	}
	if want := "package main\n" + program; block+"\n" != want {
		t.Errorf("README.md's Usage block is not examples/usage/main.go from \"package main\" on:\n--- README\n%s\n--- main.go\n%s", block, want)
	}
}

// TestUsageOutput runs the program and compares what it writes with
// testdata/time-spent.csv byte for byte (BOM, CRLF, the guarded formula,
// Paris time, the coach's one group column); -update rewrites it.
func TestUsageOutput(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout := os.Stdout
	os.Stdout = w
	done := make(chan []byte)
	go func() {
		b, _ := io.ReadAll(r)
		done <- b
	}()
	main()
	os.Stdout = stdout
	w.Close()
	got := <-done
	if *update {
		if err := os.WriteFile("testdata/time-spent.csv", got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile("testdata/time-spent.csv")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output:\n%q\nwant:\n%q", got, want)
	}
}
