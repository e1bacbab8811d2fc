package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// readProfile fails unless path holds a gzip-compressed profile with content, as
// runtime/pprof writes it.
func readProfile(t *testing.T, path string) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	z, err := gzip.NewReader(f)
	if err != nil {
		t.Fatalf("%s is not a pprof profile: %v", path, err)
	}
	data, err := io.ReadAll(z)
	if err != nil || len(data) == 0 {
		t.Fatalf("%s: %d bytes, %v", path, len(data), err)
	}
}

func TestProfileFlags(t *testing.T) {
	dir := t.TempDir()
	cpu, mem := filepath.Join(dir, "cpu.prof"), filepath.Join(dir, "mem.prof")
	var out, errb bytes.Buffer
	args := []string{"--cpuprofile", cpu, "--memprofile", mem, "validate", "../../examples"}
	if code := run(context.Background(), args, &out, &errb); code != exitOK {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	readProfile(t, cpu)
	readProfile(t, mem)
}

func TestProfileEnvironment(t *testing.T) {
	dir := t.TempDir()
	cpu, mem := filepath.Join(dir, "cpu.prof"), filepath.Join(dir, "mem.prof")
	t.Setenv("GRAPH_CPUPROFILE", cpu)
	t.Setenv("GRAPH_MEMPROFILE", mem)
	var out, errb bytes.Buffer
	// A failing command still writes its profiles: that is when they are wanted.
	if code := run(context.Background(), []string{"validate", filepath.Join(dir, "missing")}, &out, &errb); code == exitOK {
		t.Fatalf("validate of a missing folder succeeded")
	}
	readProfile(t, cpu)
	readProfile(t, mem)
}

func TestProfileUnwritable(t *testing.T) {
	var out, errb bytes.Buffer
	bad := filepath.Join(t.TempDir(), "no", "such", "cpu.prof")
	code := run(context.Background(), []string{"--cpuprofile", bad, "validate", "../../examples"}, &out, &errb)
	if code != exitInput || !bytes.Contains(errb.Bytes(), []byte("--cpuprofile")) {
		t.Fatalf("exit %d, stderr %q; want %d and a message naming --cpuprofile", code, errb.String(), exitInput)
	}
}
