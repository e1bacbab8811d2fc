package main

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/graphbuilder/graph/internal/export"
	"github.com/graphbuilder/graph/internal/extract/rules"
	"github.com/graphbuilder/graph/internal/interview"
	"github.com/graphbuilder/graph/internal/pipeline"
	"github.com/graphbuilder/graph/internal/store"
)

// completionLockTimeout is how long completion waits for a store that another
// graph holds: a shell waiting on a TAB is worse than completing from the files.
const completionLockTimeout = 100 * time.Millisecond

// completeFunc proposes the values of an argument or flag that start with prefix.
type completeFunc = func(cmd *cobra.Command, args []string, prefix string) ([]string, cobra.ShellCompDirective)

// registerCompletions teaches shell completion (graph completion bash|zsh|fish|
// powershell) the values of arguments and flags: formats, kinds and backends from
// the lists the commands check against, and ids from the store when there is one,
// else from the graph files under the working directory.
func (a *app) registerCompletions(root *cobra.Command) {
	fixed := func(values ...string) completeFunc {
		return func(_ *cobra.Command, _ []string, prefix string) ([]string, cobra.ShellCompDirective) {
			return withPrefix(values, prefix), cobra.ShellCompDirectiveNoFileComp
		}
	}
	ids := func(lists ...func(*pipeline.IDs) []string) completeFunc {
		return func(cmd *cobra.Command, _ []string, prefix string) ([]string, cobra.ShellCompDirective) {
			known := a.knownIDs(cmd)
			var out []string
			for _, l := range lists {
				out = append(out, l(known)...)
			}
			return withPrefix(out, prefix), cobra.ShellCompDirectiveNoFileComp
		}
	}
	sources := func(ids *pipeline.IDs) []string { return ids.Sources }
	entities := func(ids *pipeline.IDs) []string { return ids.Entities }
	claims := func(ids *pipeline.IDs) []string { return ids.Claims }
	relations := func(ids *pipeline.IDs) []string { return ids.Relations }
	languages := rules.Builtins()

	flag := func(path, name string, fn completeFunc) {
		cmd := find(root, path)
		if cmd == nil || cmd.Flags().Lookup(name) == nil {
			// Every flag named here exists; a renamed one must be renamed here too,
			// which the completion script tests show.
			panic("completion for a flag that does not exist: graph " + path + " --" + name)
		}
		cmd.RegisterFlagCompletionFunc(name, fn)
	}
	firstArg := func(path string, fn completeFunc) {
		cmd := find(root, path)
		if cmd == nil {
			panic("completion for a command that does not exist: graph " + path)
		}
		cmd.ValidArgsFunction = func(c *cobra.Command, args []string, prefix string) ([]string, cobra.ShellCompDirective) {
			if len(args) > 0 {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			return fn(c, args, prefix)
		}
	}

	root.RegisterFlagCompletionFunc("store-backend", fixed(store.Backends...))

	formats := append(append([]string{}, mapFormats...), quadFormats...)
	slices.Sort(formats)
	firstArg("export", fixed(formats...))
	flag("export", "kind", fixed(export.CoreKinds...))
	flag("export", "source", ids(sources))
	flag("export", "focus", ids(entities, claims))
	flag("export", "cluster", fixed(strs(export.Clusters)...))
	flag("export", "direction", fixed(strs(export.Directions)...))
	flag("export", "renderer", fixed(strs(export.Renderers)...))

	firstArg("show", ids(claims, entities, relations))

	flag("init", "kind", fixed(interview.SourceKinds...))
	flag("init", "lang", fixed(languages...))
	flag("import aif", "kind", fixed(interview.SourceKinds...))
	flag("extract", "lang", fixed(languages...))
	flag("extract", "format", fixed("table", "json", "yaml"))
	flag("eval", "lang", fixed(languages...))
}

// knownIDs reads the ids of the store the command would read, without creating
// one; with no store, or an empty one, those of the graph files here.
func (a *app) knownIDs(cmd *cobra.Command) *pipeline.IDs {
	ctx := cmd.Context()
	if ctx == nil {
		ctx = context.Background()
	}
	if cfg, err := a.cfg.LoadReadOnly(); err == nil {
		cfg.Store.LockTimeout = completionLockTimeout
		if st, err := store.Open(ctx, cfg.Store); err == nil {
			ids, err := pipeline.StoredIDs(ctx, st)
			st.Close()
			if err == nil && len(ids.Sources) > 0 {
				return ids
			}
		}
	}
	return pipeline.FileIDs(".")
}

// find returns the command at path below root ("import aif"), or nil.
func find(root *cobra.Command, path string) *cobra.Command {
	cmd, rest, err := root.Find(strings.Fields(path))
	if err != nil || len(rest) > 0 || cmd == root {
		return nil
	}
	return cmd
}

func withPrefix(values []string, prefix string) []string {
	out := []string{}
	for _, v := range values {
		if strings.HasPrefix(v, prefix) {
			out = append(out, v)
		}
	}
	return out
}

func strs[T ~string](vs []T) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = string(v)
	}
	return out
}
