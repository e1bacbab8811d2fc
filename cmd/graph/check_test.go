package main

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"path/filepath"
	"testing"

	"github.com/cayleygraph/quad"
	"github.com/google/go-cmp/cmp"
	bolt "go.etcd.io/bbolt"

	"github.com/graphbuilder/graph/internal/store"
)

// checkStore writes a small store into graph.db in the working directory.
func checkStore(t *testing.T) {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, store.Config{Backend: store.Bolt, Path: "graph.db"})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	iri := func(s, p, o, l string) quad.Quad {
		return quad.Quad{Subject: quad.IRI(s), Predicate: quad.IRI(p), Object: quad.IRI(o), Label: quad.IRI(l)}
	}
	_, err = st.Replace(ctx, map[quad.IRI][]quad.Quad{
		"source/a": {iri("a", "p", "b", "source/a"), iri("b", "p", "c", "source/a"), iri("a", "q", "c", "source/a")},
		"source/b": {iri("a", "p", "c", "source/b"), iri("c", "q", "d", "source/b")},
	})
	if err != nil {
		t.Fatal(err)
	}
}

// damageStore changes the records of graph.db in the working directory.
func damageStore(t *testing.T, damage func(tx *bolt.Tx) error) {
	t.Helper()
	db, err := bolt.Open(filepath.Join("graph.db", "indexes.bolt"), 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.Update(damage); err != nil {
		t.Fatal(err)
	}
}

// TestCheckReportsDamage runs graph check on a store damaged in one way at a time
// and checks its output and exit status.
func TestCheckReportsDamage(t *testing.T) {
	const damaged = "graph: the bolt store at graph.db is damaged: 1 of 7 checks found problems\n"
	tests := []struct {
		name   string
		damage func(tx *bolt.Tx) error
		code   int
		stdout string
		stderr string
	}{
		{
			name:   "none",
			code:   exitOK,
			stdout: "ok: the bolt store at graph.db is consistent: 5 quads, 2 labels, 8 nodes\n",
		},
		{
			name: "the size overwritten",
			damage: func(tx *bolt.Tx) error {
				return tx.Bucket([]byte("meta")).Put([]byte("size"), binary.LittleEndian.AppendUint64(nil, 9))
			},
			code:   exitFailure,
			stdout: "problem: size and horizon: meta size is 9, the log has 5 live quads\n",
			stderr: damaged,
		},
		{
			name:   "an index lost",
			damage: func(tx *bolt.Tx) error { return tx.DeleteBucket([]byte("sp")) },
			code:   exitFailure,
			stdout: "problem: indexes: index sp has no bucket\n",
			stderr: damaged,
		},
		{
			name: "a manifest overwritten",
			damage: func(tx *bolt.Tx) error {
				b := tx.Bucket([]byte("graph.labels"))
				m := bytes.Clone(b.Get([]byte("<source/b>")))
				m[0] ^= 1
				return b.Put([]byte("<source/b>"), m)
			},
			code:   exitFailure,
			stdout: "problem: manifests: the content hash in the manifest of <source/b> is not that of its quads\n",
			stderr: damaged,
		},
		{
			name: "another Cayley data version",
			damage: func(tx *bolt.Tx) error {
				return tx.Bucket([]byte("meta")).Put([]byte("version"), binary.LittleEndian.AppendUint64(nil, 3))
			},
			code:   exitFailure,
			stderr: "graph: graph.db: the store's Cayley data version is 3; this graph writes version 2 (rebuild it with this version, or use the graph release that made it)\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Chdir(t.TempDir())
			checkStore(t)
			if tt.damage != nil {
				damageStore(t, tt.damage)
			}
			var stdout, stderr bytes.Buffer
			code := run(context.Background(), []string{"check", "--store-path", "graph.db"}, &stdout, &stderr)
			if code != tt.code {
				t.Errorf("exit %d, want %d", code, tt.code)
			}
			if diff := cmp.Diff(tt.stdout, stdout.String()); diff != "" {
				t.Errorf("stdout (-want +got)\n%s", diff)
			}
			if diff := cmp.Diff(tt.stderr, stderr.String()); diff != "" {
				t.Errorf("stderr (-want +got)\n%s", diff)
			}
		})
	}
}

// TestCheckJSON checks the JSON of a consistent and of a damaged store.
func TestCheckJSON(t *testing.T) {
	checks := []string{"data version", "log", "size and horizon", "quad nodes", "values and counts", "indexes", "manifests"}
	tests := []struct {
		name   string
		damage func(tx *bolt.Tx) error
		code   int
		want   checked
	}{
		{
			name: "consistent",
			code: exitOK,
			want: checked{Backend: "bolt", Where: "graph.db", Consistent: true, Quads: 5, Labels: 2, Nodes: 8,
				Checks: checks, ChecksPassed: 7, Problems: []checkedProblem{}},
		},
		{
			name: "two kinds of damage",
			damage: func(tx *bolt.Tx) error {
				if err := tx.DeleteBucket([]byte("ops")); err != nil {
					return err
				}
				return tx.Bucket([]byte("meta")).Put([]byte("size"), binary.LittleEndian.AppendUint64(nil, 4))
			},
			code: exitFailure,
			want: checked{Backend: "bolt", Where: "graph.db", Quads: 5, Labels: 2, Nodes: 8,
				Checks: checks, ChecksPassed: 5, Problems: []checkedProblem{
					{"size and horizon", "meta size is 4, the log has 5 live quads"},
					{"indexes", "index ops has no bucket"},
				}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Chdir(t.TempDir())
			checkStore(t)
			if tt.damage != nil {
				damageStore(t, tt.damage)
			}
			var stdout, stderr bytes.Buffer
			code := run(context.Background(), []string{"check", "--json", "--store-path", "graph.db"}, &stdout, &stderr)
			if code != tt.code {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, tt.code, stderr.String())
			}
			var got checked
			if err := json.Unmarshal(stdout.Bytes(), &got); err != nil {
				t.Fatalf("%v in\n%s", err, stdout.String())
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("JSON (-want +got)\n%s", diff)
			}
			if !bytes.Contains(stdout.Bytes(), []byte("\n  \"problems\": [")) {
				t.Errorf("problems is not a list indented by 2 spaces:\n%s", stdout.String())
			}
		})
	}
}
