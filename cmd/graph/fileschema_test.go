package main

import (
	"bytes"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/spf13/cobra"

	"github.com/graphbuilder/graph/internal/fileschema"
)

// fileSchemaDir holds the JSON Schemas of the files people write (graph.yaml,
// catalogs, rule packs, links.yaml, the configuration).
const fileSchemaDir = "../../schema/json"

// TestFileSchemas checks that the schemas in schema/json are exactly what
// fileschema.Generate makes from the loaders now, so that they cannot drift from
// what graph accepts; go test -run TestFileSchemas -update rewrites them.
func TestFileSchemas(t *testing.T) {
	keys, err := fileschema.Probe()
	if err != nil {
		t.Fatal(err)
	}
	// The configuration's keys are this command's: checkConfigKeys accepts the
	// sections and "config" at the top, and each section's keys below it.
	sections := slices.Sorted(maps.Keys(configKeys))
	keys[fileschema.ConfigSections[""]] = fileschema.Keys{Allowed: append(sections, configTopKeys...)}
	for _, s := range sections {
		what, ok := fileschema.ConfigSections[s]
		if !ok {
			t.Fatalf("configuration section %q has no schema (fileschema.ConfigSections)", s)
		}
		keys[what] = fileschema.Keys{Allowed: configKeys[s]}
	}
	files, err := fileschema.Generate(keys)
	if err != nil {
		t.Fatalf("the file schemas no longer match the loaders:\n%v", err)
	}
	for _, name := range slices.Sorted(maps.Keys(files)) {
		path := filepath.Join(fileSchemaDir, name)
		if *update {
			if err := os.WriteFile(path, files[name], 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := os.ReadFile(path)
		if err != nil {
			t.Errorf("%v (run go generate ./internal/fileschema)", err)
			continue
		}
		if !bytes.Equal(got, files[name]) {
			t.Errorf("%s differs from what the loaders make now; run go generate ./internal/fileschema and commit it", path)
		}
	}
	committed, err := filepath.Glob(filepath.Join(fileSchemaDir, "*.schema.json"))
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range committed {
		if _, ok := files[filepath.Base(path)]; !ok {
			t.Errorf("%s is not made by the generator any more; remove it", path)
		}
	}
}

// TestConfigSchemaDefaults checks that the defaults the configuration schema
// states are the ones graph uses.
func TestConfigSchemaDefaults(t *testing.T) {
	cfg := newConfigLoader(&cobra.Command{})
	data, err := os.ReadFile(filepath.Join(fileSchemaDir, "config.schema.json"))
	if err != nil {
		t.Fatal(err)
	}
	for key, want := range map[string]string{"store.backend": cfg.v.GetString("store.backend"), "store.path": cfg.v.GetString("store.path")} {
		if !bytes.Contains(data, []byte(`"default": "`+want+`"`)) {
			t.Errorf("config.schema.json does not give %s's default %q", key, want)
		}
	}
}
