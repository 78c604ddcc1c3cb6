package export

import (
	"os"
	"strings"
	"testing"
)

const referenceHeading = "// # Column reference\n"

// TestColumnReferenceInDocs keeps the column reference in doc.go equal to
// the one generated from the built-in tables' doc lines.
func TestColumnReferenceInDocs(t *testing.T) {
	src, err := os.ReadFile("doc.go")
	if err != nil {
		t.Fatal(err)
	}
	doc := string(src)
	start := strings.Index(doc, referenceHeading)
	end := strings.LastIndex(doc, "\npackage export")
	if start < 0 || end < start {
		t.Fatal("doc.go has no column reference section before the package clause")
	}
	// The section: the heading, the intro paragraph, then the reference.
	head := doc[:start]
	section := doc[start : end+1]
	introEnd := strings.Index(section, "dynamic set of columns.\n")
	if introEnd < 0 {
		t.Fatal("column reference intro changed; update this test")
	}
	introEnd += len("dynamic set of columns.\n")
	want := head + section[:introEnd]
	if ref := columnReference(); ref != "" {
		want += "//\n" + commentLines(ref)
	}
	got := doc[:end+1]
	if *update {
		if err := os.WriteFile("doc.go", []byte(want+doc[end+1:]), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if got != want {
		t.Errorf("doc.go's column reference is stale: run go test ./export -run TestColumnReferenceInDocs -update\n--- generated:\n%s", columnReference())
	}
}

func commentLines(s string) string {
	var sb strings.Builder
	for _, line := range strings.Split(strings.TrimRight(s, "\n"), "\n") {
		if line == "" {
			sb.WriteString("//\n")
		} else {
			sb.WriteString("// " + line + "\n")
		}
	}
	return sb.String()
}
