package main

import (
	"fmt"
	"runtime/debug"

	"github.com/spf13/cobra"
)

// buildInfo is what graph version prints.
type buildInfo struct {
	Version  string `json:"version"`
	Revision string `json:"revision"`
	Time     string `json:"time"`
	Modified bool   `json:"modified"`
	Go       string `json:"go"`
	Cayley   string `json:"cayley"`
}

// readBuildInfo reads the module version and the commit the binary was built
// from, as the go command records them.
func readBuildInfo() buildInfo {
	b := buildInfo{Version: "(devel)"}
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return b
	}
	b.Go = info.GoVersion
	if v := info.Main.Version; v != "" {
		b.Version = v
	}
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			b.Revision = s.Value
		case "vcs.time":
			b.Time = s.Value
		case "vcs.modified":
			b.Modified = s.Value == "true"
		}
	}
	for _, d := range info.Deps {
		if d.Path == "github.com/cayleygraph/cayley" {
			b.Cayley = d.Version
		}
	}
	return b
}

func (b buildInfo) String() string {
	s := b.Version
	if b.Revision != "" {
		rev := b.Revision
		if len(rev) > 12 {
			rev = rev[:12]
		}
		s += " (" + rev
		if b.Modified {
			s += ", modified"
		}
		if b.Time != "" {
			s += ", " + b.Time
		}
		s += ")"
	}
	return s
}

// Text is what graph version and graph --version print: the build on the first
// line, then the Go and Cayley versions it was built with.
func (b buildInfo) Text() string {
	return fmt.Sprintf("graph %s\ngo %s\ncayley %s\n", b, b.Go, b.Cayley)
}

// setVersion makes root answer --version with the same text as graph version.
func setVersion(root *cobra.Command) {
	root.Version = readBuildInfo().Text()
	root.SetVersionTemplate("{{.Version}}")
}

type versionOptions struct{ JSON bool }

func (a *app) newVersionCmd() *cobra.Command {
	opts := &versionOptions{}
	cmd := &cobra.Command{
		Use:   "version",
		Short: "Print the version, the commit it was built from, and the Go and Cayley versions",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			b := readBuildInfo()
			if opts.JSON {
				return writeJSON(a.stdout, b)
			}
			fmt.Fprint(a.stdout, b.Text())
			return nil
		},
	}
	jsonFlag(cmd, &opts.JSON)
	return cmd
}
