package main

import (
	"errors"
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"

	"github.com/spf13/cobra"
)

// profiler writes the CPU and heap profiles that --cpuprofile and --memprofile (or
// GRAPH_CPUPROFILE and GRAPH_MEMPROFILE) ask for, for `go tool pprof`. The flags are
// global, so that any command can be profiled; the long ones (build, export,
// extract, eval, import) are what they are for.
type profiler struct {
	cpuFile, memFile string
	cpu              *os.File
}

// addProfileFlags registers the flags on root.
func (p *profiler) addProfileFlags(root *cobra.Command) {
	pf := root.PersistentFlags()
	pf.StringVar(&p.cpuFile, "cpuprofile", "", "write a CPU profile of the command to this file (env GRAPH_CPUPROFILE)")
	pf.StringVar(&p.memFile, "memprofile", "", "write a heap profile to this file when the command ends (env GRAPH_MEMPROFILE)")
}

// start begins CPU profiling when asked to; a flag wins over its variable.
func (p *profiler) start() error {
	if p.cpuFile == "" {
		p.cpuFile = os.Getenv("GRAPH_CPUPROFILE")
	}
	if p.memFile == "" {
		p.memFile = os.Getenv("GRAPH_MEMPROFILE")
	}
	if p.cpuFile == "" {
		return nil
	}
	f, err := os.Create(p.cpuFile)
	if err != nil {
		return inputError("--cpuprofile: %v", err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return fmt.Errorf("--cpuprofile: %w", err)
	}
	p.cpu = f
	return nil
}

// stop ends CPU profiling and writes the heap profile; it is called once the
// command has returned, whether it failed or not.
func (p *profiler) stop() error {
	var errs []error
	if p.cpu != nil {
		pprof.StopCPUProfile()
		if err := p.cpu.Close(); err != nil {
			errs = append(errs, fmt.Errorf("--cpuprofile: %w", err))
		}
		p.cpu = nil
	}
	if p.memFile != "" {
		if err := writeHeapProfile(p.memFile); err != nil {
			errs = append(errs, fmt.Errorf("--memprofile: %w", err))
		}
		p.memFile = ""
	}
	return errors.Join(errs...)
}

// writeHeapProfile writes the allocations of the whole run (pprof's alloc_space
// and inuse_space views both) after a collection, so that in-use figures are
// those of live memory.
func writeHeapProfile(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	runtime.GC()
	if err := pprof.Lookup("allocs").WriteTo(f, 0); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
