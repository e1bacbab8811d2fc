package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/graphbuilder/graph/internal/diag"
)

// jsonFlag adds the one flag by which every reporting command prints JSON.
func jsonFlag(cmd *cobra.Command, v *bool) {
	cmd.Flags().BoolVar(v, "json", false, "print the result as JSON (see docs/json.md)")
}

// writeJSON prints v as indented JSON, with <, > and & as they are.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// report prints diagnostics to stderr as every command does (see [diag.Report])
// and, when any is an error, a closing line that counts them and says the outcome
// ("nothing was written") when that is not empty.
func (a *app) report(ds diag.Diagnostics, outcome string) {
	if len(ds) == 0 {
		return
	}
	c := diag.Report(a.stderr, ds, diag.ReportOptions{})
	if c.Errors == 0 {
		return
	}
	msg := diag.Counts{Errors: c.Errors, Files: c.Files}.String()
	if outcome != "" {
		msg += "; " + outcome
	}
	fmt.Fprintln(a.stderr, msg)
}

// relative returns ds with paths relative to the working directory, and never nil,
// so that it prints as [] in JSON.
func relative(ds diag.Diagnostics) diag.Diagnostics {
	if wd, err := os.Getwd(); err == nil {
		ds.Relative(wd)
	}
	if ds == nil {
		return diag.Diagnostics{}
	}
	return ds
}

// writeAtomically writes a file through write: into a temporary file beside it,
// renamed over path only when write succeeds, so that a failed export leaves no
// partial file and an earlier one stays as it was.
func writeAtomically(path string, write func(io.Writer) error) error {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	if info, err := os.Stat(path); err == nil && !info.Mode().IsRegular() {
		return inputError("%s is not a regular file; give a file to write the export into", path)
	}
	tmp, err := os.CreateTemp(dir, "."+base+".*.tmp")
	if err != nil {
		return inputError("cannot write %s: %v", path, unwrapPathError(err))
	}
	defer os.Remove(tmp.Name()) // after a rename, there is nothing left to remove
	bw := bufio.NewWriter(tmp)
	if err := write(bw); err != nil {
		tmp.Close()
		return err
	}
	if err := bw.Flush(); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// unwrapPathError drops the temporary file's name from an error about its folder.
func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
