//go:build unix

package store

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/cayleygraph/quad"
	"github.com/google/go-cmp/cmp"
)

// pgServerProcesses returns the ids of the processes of the server s is connected
// to: its postmaster (from postmaster.pid in the data directory) and its children.
//
// A worker listed may have ended by the time it is stopped (an autovacuum or
// parallel worker): that one needs no stopping.
func pgServerProcesses(t *testing.T, s *Store) []int {
	t.Helper()
	var dir string
	if err := s.pg.conn.QueryRow(context.Background(), `SELECT setting FROM pg_settings WHERE name = 'data_directory'`).Scan(&dir); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(dir, "postmaster.pid"))
	if err != nil {
		t.Skipf("the server's data directory is not readable here: %v", err)
	}
	pid, err := strconv.Atoi(strings.TrimSpace(strings.SplitN(string(data), "\n", 2)[0]))
	if err != nil {
		t.Fatalf("postmaster.pid: %v", err)
	}
	pids := []int{pid}
	out, _ := exec.Command("pgrep", "-P", strconv.Itoa(pid)).Output()
	for _, f := range strings.Fields(string(out)) {
		if n, err := strconv.Atoi(f); err == nil {
			pids = append(pids, n)
		}
	}
	return pids
}

// TestPostgresFrozenServer stops every process of the server (SIGSTOP) after a
// write's first transaction: the write fails as unreachable within the statement
// timeout and its grace instead of waiting forever, and after SIGCONT the store
// holds each label whole, old or new.
func TestPostgresFrozenServer(t *testing.T) {
	ctx := context.Background()
	dsn := freshPG(t)
	const timeout = 2 * time.Second
	s, err := Open(ctx, Config{Backend: Postgres, Path: dsn, Postgres: PostgresOptions{StatementTimeout: timeout}})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	old := map[quad.IRI][]quad.Quad{}
	for i := 0; i < 8; i++ {
		old[quad.IRI(fmt.Sprintf("source/%d", i))] = revertSet(i, 200, 1)
	}
	if _, err := s.Replace(ctx, old); err != nil {
		t.Fatal(err)
	}
	took, err := writeWhileFrozen(t, s, timeout, 2, nil)
	if !errors.Is(err, ErrUnreachable) {
		t.Fatalf("the write gave %v, want ErrUnreachable", err)
	}
	t.Logf("failed %s after the server stopped: %v", took.Round(time.Millisecond), err)
	s.Close()

	s = openPGT(t, dsn)
	verifyPG(t, s)
	fresh := 0
	for i := 0; i < 8; i++ {
		label := quad.IRI(fmt.Sprintf("source/%d", i))
		got, err := s.Quads(ctx, label)
		if err != nil {
			t.Fatal(err)
		}
		if cmp.Equal(nq(got), nq(revertSet(i, 200, 2))) {
			fresh++
		} else if diff := cmp.Diff(nq(old[label]), nq(got)); diff != "" {
			t.Errorf("%s is neither old nor new (-old +got)\n%s", label, diff)
		}
	}
	if fresh == 0 || fresh == 8 {
		t.Errorf("%d of 8 labels are new; the server stopped after the first commit and before the last", fresh)
	}
}

// TestPostgresFrozenServerDuringBulkLoad stops the server after the first batch
// of a bulk load into an empty store: the write fails as unreachable, and after
// SIGCONT the store is empty, with the indexes and foreign keys the load dropped.
func TestPostgresFrozenServerDuringBulkLoad(t *testing.T) {
	ctx := context.Background()
	dsn := freshPG(t)
	const timeout = 2 * time.Second
	s, err := Open(ctx, Config{Backend: Postgres, Path: dsn, Postgres: PostgresOptions{StatementTimeout: timeout}})
	if err != nil {
		t.Fatal(err)
	}
	defer func() { s.Close() }()
	schema := pgSchema(t, dsn)
	_, err = writeWhileFrozen(t, s, timeout, 1, func() {
		if s.pg.load == nil {
			t.Errorf("a write into an empty store is not a bulk load")
		}
	})
	if !errors.Is(err, ErrUnreachable) {
		t.Fatalf("the write gave %v, want ErrUnreachable", err)
	}
	s.Close()

	// The server ends the abandoned transaction once it notices the connection is
	// gone; until then the tables stay locked, and opening waits for them.
	s = openPGT(t, dsn)
	if all, err := s.AllQuads(ctx); err != nil || len(all) > 0 {
		t.Fatalf("after a failed bulk load the store holds %d quads (%v)", len(all), err)
	}
	if diff := cmp.Diff(schema, pgSchema(t, dsn)); diff != "" {
		t.Fatalf("the indexes and keys after a failed bulk load (-before +after):\n%s", diff)
	}
	verifyPG(t, s)
}

// writeWhileFrozen writes version v of eight labels of 200 quads into s, a
// transaction each, stops every process of the server (SIGSTOP) once the first
// transaction is done (after calling atFreeze, when given), and resumes them when
// the write has returned. It returns how long after the freeze the write came
// back, and its error; the test fails when the server was never stopped, or when the
// write still waits long after the statement timeout.
func writeWhileFrozen(t *testing.T, s *Store, timeout time.Duration, v int, atFreeze func()) (time.Duration, error) {
	t.Helper()
	ctx := context.Background()
	pids := pgServerProcesses(t, s)
	resumed := false
	resume := func() {
		if !resumed {
			resumed = true
			for _, pid := range pids {
				syscall.Kill(pid, syscall.SIGCONT)
			}
		}
	}
	defer resume()
	var frozen time.Time
	w := s.NewWriter(WriteOptions{BatchQuads: 200, Progress: func(p Progress) {
		if p.Transactions == 1 {
			if atFreeze != nil {
				atFreeze()
			}
			for _, pid := range pids {
				if err := syscall.Kill(pid, syscall.SIGSTOP); err != nil && !errors.Is(err, syscall.ESRCH) {
					t.Errorf("stop server process %d: %v", pid, err)
				}
			}
			frozen = time.Now()
		}
	}})
	done := make(chan error, 1)
	go func() {
		for i := 0; i < 8; i++ {
			if err := w.Put(ctx, quad.IRI(fmt.Sprintf("source/%d", i)), revertSet(i, 200, v)); err != nil {
				done <- err
				return
			}
		}
		_, err := w.Commit(ctx)
		done <- err
	}()
	var err error
	select {
	case err = <-done:
	case <-time.After(4*timeout + 30*time.Second):
		resume()
		t.Fatal("the write still waits on the stopped server")
	}
	took := time.Since(frozen)
	resume()
	if frozen.IsZero() {
		t.Fatalf("the server was never stopped: %v", err)
	}
	return took, err
}
