package export

import (
	"cmp"
	"slices"
	"strings"
)

// reference is one built-in table in the column reference.
type reference struct {
	name  string // the export's file-name stem, e.g. "general-stats"
	title string // the export's title, e.g. "General stats"
	docs  func() []columnDoc
}

var references []reference

// addReference registers a built-in table for the column reference.
// Built-in table files call it from init with a constructor call whose
// dynamic column sets (custom fields, groups, questions, features) are
// single placeholders such as "{custom fields}".
func addReference[R any](title string, table func() Table[R]) {
	t := table()
	references = append(references, reference{name: t.Name, title: title, docs: t.docs})
}

// columnReference returns the column reference of every built-in table, as the
// text kept in the package documentation: one section per export, in name
// order, one line per column with its header and doc line.
func columnReference() string {
	refs := slices.Clone(references)
	slices.SortFunc(refs, func(a, b reference) int { return cmp.Compare(a.name, b.name) })
	var sb strings.Builder
	for i, r := range refs {
		if i > 0 {
			sb.WriteString("\n")
		}
		sb.WriteString("# " + r.title + " (" + r.name + ")\n\n")
		for _, d := range r.docs() {
			sb.WriteString("  - " + d.Header + ": " + d.Doc + "\n")
		}
	}
	return sb.String()
}
