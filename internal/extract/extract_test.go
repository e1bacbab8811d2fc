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
	for _, p := range builtinPacks(t) {
		t.Run(p.Name, func(t *testing.T) {
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
