package interview

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
)

// A graph names other files (its transcript, included catalogs, schema extensions,
// rule packs) by paths relative to its own folder. Those paths may not lead just
// anywhere: a graph received from someone else must not be able to read a file of
// the machine that builds it into the store or into a message. A path is allowed
// when it stays inside the graph's collection, the folder that holds the graph's
// own folder (so examples/x/graph.yaml reaches examples/catalog/), or inside a
// folder the user allowed with [Loader.Allow]. Symbolic links are followed: a link
// inside the collection that points outside of it is outside.

// dirRoot is a folder that paths may reach, as written (made absolute) and with its
// symbolic links resolved.
type dirRoot struct {
	abs, real string
}

func newDirRoot(dir string) (dirRoot, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return dirRoot{}, err
	}
	real, err := filepath.EvalSymlinks(abs)
	if err != nil {
		real = abs // a folder that does not exist yet holds nothing to reach
	}
	return dirRoot{abs: abs, real: real}, nil
}

// Allow lets the paths in the graphs this loader reads reach the given folders and
// everything below them, beside each graph's own collection.
func (l *Loader) Allow(dirs ...string) error {
	for _, d := range dirs {
		r, err := newDirRoot(d)
		if err != nil {
			return fmt.Errorf("allowed path %s: %w", d, err)
		}
		l.allowed = append(l.allowed, r)
	}
	return nil
}

// roots returns the folders the paths of the graph file may reach.
func (l *Loader) roots(file string) []dirRoot {
	out := append([]dirRoot(nil), l.allowed...)
	abs, err := filepath.Abs(file)
	if err != nil {
		return out
	}
	// The collection, and the graph's own folder for when it is a link to a folder
	// kept elsewhere.
	for _, dir := range []string{filepath.Dir(filepath.Dir(abs)), filepath.Dir(abs)} {
		if r, err := newDirRoot(dir); err == nil {
			out = append(out, r)
		}
	}
	return out
}

// within reports whether path is dir or below it; both are absolute and clean.
func within(path, dir string) bool {
	rel, err := filepath.Rel(dir, path)
	if err != nil || filepath.IsAbs(rel) {
		return false
	}
	return rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// resolve returns the path of ref, written in the graph file, relative to the
// working directory, or an error when it leads outside the folders the graph may
// reach (by its text, or through a symbolic link).
func (l *Loader) resolve(file, ref string) (string, error) {
	full := filepath.Join(filepath.Dir(file), ref)
	abs, err := filepath.Abs(full)
	if err != nil {
		return "", err
	}
	roots := l.roots(file)
	inside := false
	for _, r := range roots {
		if within(abs, r.abs) || within(abs, r.real) {
			inside = true
			break
		}
	}
	if !inside {
		return "", fmt.Errorf("%s is outside the folders this graph may read (%s)", full, describeRoots(roots))
	}
	real, err := filepath.EvalSymlinks(abs)
	if err != nil {
		return full, nil // missing: the reader reports it
	}
	for _, r := range roots {
		if within(real, r.real) {
			return full, nil
		}
	}
	return "", fmt.Errorf("%s is a link to a file outside the folders this graph may read (%s)", full, describeRoots(roots))
}

func describeRoots(roots []dirRoot) string {
	var names []string
	for i, r := range roots {
		inner := false // a graph's own folder is inside its collection, unless linked
		for j, o := range roots {
			if j != i && r.abs != o.abs && within(r.abs, o.abs) {
				inner = true
			}
		}
		if name := displayPath(r.abs); !inner && !slices.Contains(names, name) {
			names = append(names, name)
		}
	}
	return strings.Join(names, ", ") + "; allow more with --allow-path or allow_paths"
}

// displayPath is p relative to the working directory when it is below it.
func displayPath(p string) string {
	wd, err := os.Getwd()
	if err != nil {
		return p
	}
	if rel, err := filepath.Rel(wd, p); err == nil && !strings.HasPrefix(rel, "..") {
		return rel
	}
	return p
}

// topKey is a line that starts a key of a YAML file's top level as graph's files
// write them: a plain lower-case name, a colon, then a blank or the line's end.
var topKey = regexp.MustCompile(`^[a-z][a-z0-9_-]*[ \t]*:([ \t]|$)`)

// looksLike reports whether data reads as a YAML file of graph's own kinds, with at
// least one top-level key written as a plain name. It tells a file meant as a
// catalog, schema or rule pack (even a broken one, whose mistakes are then shown in
// its own lines) from some other file named by mistake (a password file, a
// transcript), whose lines must not be shown in messages.
func looksLike(data []byte) bool {
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 64<<10), len(data)+1)
	for sc.Scan() {
		if topKey.Match(sc.Bytes()) {
			return true
		}
	}
	return false
}

// readNamed reads a file a graph names, as what (a catalog, a schema, a rule pack),
// refusing one that is not a regular file of at most limit bytes, and one that does
// not look like what with a message that shows none of its content.
func readNamed(path, what string, limit int64, keys ...string) ([]byte, error) {
	if err := regularFile(path, limit); err != nil {
		return nil, err
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, unwrapPath(err)
	}
	if !looksLike(data) {
		return nil, fmt.Errorf("%s is not %s: it has no key such as %s at its top level", path, what, keyList(keys))
	}
	return data, nil
}

func keyList(keys []string) string {
	q := make([]string, len(keys))
	for i, k := range keys {
		q[i] = k + ":"
	}
	return strings.Join(q, " or ")
}
