package main

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/graphbuilder/graph/internal/corpusgen"
)

// benchCorpus writes the benchmark corpus into a temporary folder:
// GRAPH_BENCH_INTERVIEWS interviews (default 100) and GRAPH_BENCH_ENTITIES catalog
// entities (default 5000). Writing it takes a fraction of a build.
func benchCorpus(b *testing.B) string {
	b.Helper()
	n, k := 100, 5000
	if v, err := strconv.Atoi(os.Getenv("GRAPH_BENCH_INTERVIEWS")); err == nil && v > 0 {
		n = v
	}
	if v, err := strconv.Atoi(os.Getenv("GRAPH_BENCH_ENTITIES")); err == nil && v > 0 {
		k = v
	}
	dir := filepath.Join(b.TempDir(), "corpus")
	if _, err := corpusgen.Write(dir, corpusgen.Options{Interviews: n, Entities: k, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	return dir
}

// BenchmarkBuild runs graph build on the benchmark corpus into a new bolt store:
// loading, validation, quads and the store's writes.
func BenchmarkBuild(b *testing.B) {
	dir := benchCorpus(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		db := filepath.Join(b.TempDir(), "g.db")
		if code := run(context.Background(), []string{"build", "--store-path", db, dir}, io.Discard, io.Discard); code != 0 {
			b.Fatalf("build exited %d", code)
		}
	}
}

// BenchmarkNoopBuild runs graph build again on an unchanged store: everything is
// loaded and checked, nothing is written.
func BenchmarkNoopBuild(b *testing.B) {
	dir := benchCorpus(b)
	db := filepath.Join(b.TempDir(), "g.db")
	if code := run(context.Background(), []string{"build", "--store-path", db, dir}, io.Discard, io.Discard); code != 0 {
		b.Fatalf("build exited %d", code)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if code := run(context.Background(), []string{"build", "--store-path", db, dir}, io.Discard, io.Discard); code != 0 {
			b.Fatalf("build exited %d", code)
		}
	}
}
