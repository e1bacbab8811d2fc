package extract

import (
	"testing"

	"github.com/graphbuilder/graph/internal/extract/rules"
	"github.com/graphbuilder/graph/schema"
)

// TestBuiltinPackExamples runs every example of every embedded pack: each rule's
// examples are its tests.
func TestBuiltinPackExamples(t *testing.T) {
	s := schema.Core()
	for _, name := range rules.Builtins() {
		t.Run(name, func(t *testing.T) {
			p, ds := rules.LoadBuiltin(name, s)
			if ds.HasErrors() {
				t.Fatal(ds)
			}
			n, ds := CheckExamples(p, s)
			for _, d := range ds {
				t.Error(d)
			}
			if n == 0 {
				t.Error("no examples ran")
			}
		})
	}
}

// builtinPacks loads every builtin pack against the core schema.
func builtinPacks(tb testing.TB) []*rules.Pack {
	tb.Helper()
	var packs []*rules.Pack
	for _, name := range rules.Builtins() {
		p, ds := rules.LoadBuiltin(name, schema.Core())
		if ds.HasErrors() {
			tb.Fatal(ds)
		}
		packs = append(packs, p)
	}
	return packs
}
