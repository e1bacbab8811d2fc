package main

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/graphbuilder/graph/internal/aif"
)

// aifCorpus holds the real AIF corpora beside the repository.
const aifCorpus = "../../../shared/corpus/aif"

func TestImportAIFFlags(t *testing.T) {
	a := &app{stdout: io.Discard, stderr: io.Discard}
	cmd := a.newImportAIFCmd()
	for name, want := range map[string]string{
		"prefix": aif.DefaultPrefix, "kind": "debate", "language": "", "dry-run": "false",
		"out": "", "batch": "0", "progress": "100",
	} {
		f := cmd.Flags().Lookup(name)
		if f == nil {
			t.Errorf("no --%s flag", name)
			continue
		}
		if f.DefValue != want {
			t.Errorf("--%s defaults to %q, want %q", name, f.DefValue, want)
		}
	}
	if err := cmd.ParseFlags([]string{"--prefix", "qt", "--batch", "5", "--dry-run"}); err != nil {
		t.Fatal(err)
	}
	if got, _ := cmd.Flags().GetInt("batch"); got != 5 {
		t.Errorf("--batch 5 parsed as %d", got)
	}
}

func TestImportAIFBadFileExitsTwoAndWritesNothing(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.json")
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(good, []byte(`{"nodes":[{"nodeID":"1","text":"a","type":"I"}]}`), 0o644)
	os.WriteFile(bad, []byte(`{"nodes":[{"nodeID":"1","text":"a","type":"Q"}]}`), 0o644)
	db := filepath.Join(dir, "g.db")
	var out, errs bytes.Buffer
	code := run(context.Background(), []string{"import", "aif", "--store-path", db, good, bad}, &out, &errs)
	if code != exitInput {
		t.Fatalf("exit %d, want %d; stderr:\n%s", code, exitInput, errs.String())
	}
	if !strings.Contains(errs.String(), `bad.json:1:11: node "1" has unknown type "Q"`) {
		t.Errorf("stderr does not name the file, place and node:\n%s", errs.String())
	}
	if _, err := os.Stat(db); !os.IsNotExist(err) {
		t.Errorf("the store was created: %v", err)
	}
}
