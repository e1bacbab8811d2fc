package main

import (
	"bytes"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/viper"
	"gopkg.in/yaml.v3"

	"github.com/graphbuilder/graph/internal/store"
	"github.com/graphbuilder/graph/internal/yamlpos"
)

// Config is everything graph reads from flags, GRAPH_* environment variables and a
// configuration file, resolved once and passed down as plain values.
type Config struct {
	Store        store.Config
	QueryTimeout time.Duration
	// AllowPaths are folders the paths in interview graphs may reach besides each
	// graph's collection: --allow-path, GRAPH_ALLOW_PATHS (a list separated as
	// PATH is) and the file's allow_paths (relative to the file's folder).
	AllowPaths []string
}

// defaultConfigFile is looked for in the working directory. An interview graph is
// also called graph.yaml; a file with a top-level "source" key is one, and is not
// read as configuration.
const defaultConfigFile = "graph.yaml"

type configLoader struct {
	v     *viper.Viper
	allow *[]string
}

func newConfigLoader(root *cobra.Command) *configLoader {
	v := viper.New()
	v.SetEnvPrefix("GRAPH")
	v.SetEnvKeyReplacer(strings.NewReplacer(".", "_", "-", "_"))
	v.AutomaticEnv()
	v.SetDefault("store.backend", store.Bolt)
	v.SetDefault("store.path", "graph.db")
	v.SetDefault("store.lock_timeout", "5s")
	v.SetDefault("store.connect_timeout", "5s")
	v.SetDefault("store.statement_timeout", store.DefaultStatementTimeout.String())
	v.SetDefault("store.idle_timeout", store.DefaultIdleTimeout.String())
	v.SetDefault("query.timeout", "30s")

	pf := root.PersistentFlags()
	pf.String("config", "", "configuration file (default ./graph.yaml when it is one; env GRAPH_CONFIG)")
	pf.String("store-backend", "", "store backend: bolt, memory or postgres (env GRAPH_STORE_BACKEND)")
	pf.String("store-path", "", "bolt folder or PostgreSQL connection string (env GRAPH_STORE_PATH)")
	pf.Duration("lock-timeout", 0, "how long to wait for a store held by another process (env GRAPH_STORE_LOCK_TIMEOUT)")
	allow := pf.StringArray("allow-path", nil, "a folder the paths in graphs may reach besides the folder holding the graph's folder (repeatable; env GRAPH_ALLOW_PATHS; allow_paths)")
	v.BindPFlag("config", pf.Lookup("config"))
	v.BindPFlag("store.backend", pf.Lookup("store-backend"))
	v.BindPFlag("store.path", pf.Lookup("store-path"))
	v.BindPFlag("store.lock_timeout", pf.Lookup("lock-timeout"))
	return &configLoader{v: v, allow: allow}
}

// LoadExisting is [configLoader.Load] for commands that read a store built
// before: they never create one.
func (c *configLoader) LoadExisting() (Config, error) {
	cfg, err := c.Load()
	cfg.Store.MustExist = true
	return cfg, err
}

// LoadReadOnly is [configLoader.LoadExisting] for commands that only read: a
// bolt store is opened read-only, under a shared lock, so that they work on a
// read-only file system and beside one another.
func (c *configLoader) LoadReadOnly() (Config, error) {
	cfg, err := c.LoadExisting()
	cfg.Store.ReadOnly = true
	return cfg, err
}

// Load reads the configuration file, if any, and resolves every setting.
func (c *configLoader) Load() (Config, error) {
	v := c.v
	file := v.GetString("config")
	if file == "" {
		if ok, err := isConfigFile(defaultConfigFile); err != nil {
			return Config{}, err
		} else if ok {
			file = defaultConfigFile
		}
	}
	if file != "" {
		if err := checkConfigKeys(file); err != nil {
			return Config{}, err
		}
		v.SetConfigFile(file)
		v.SetConfigType("yaml")
		if err := v.ReadInConfig(); err != nil {
			return Config{}, inputError("configuration %s: %v", file, err)
		}
	}
	lock, err := duration(v, "store.lock_timeout")
	if err != nil {
		return Config{}, err
	}
	qt, err := duration(v, "query.timeout")
	if err != nil {
		return Config{}, err
	}
	var pg store.PostgresOptions
	for key, d := range map[string]*time.Duration{"store.connect_timeout": &pg.ConnectTimeout, "store.statement_timeout": &pg.StatementTimeout, "store.idle_timeout": &pg.IdleTimeout} {
		if *d, err = duration(v, key); err != nil {
			return Config{}, err
		}
	}
	var allow []string
	if file != "" {
		for _, p := range v.GetStringSlice("allow_paths") {
			if !filepath.IsAbs(p) {
				p = filepath.Join(filepath.Dir(file), p)
			}
			allow = append(allow, p)
		}
	}
	for _, p := range filepath.SplitList(os.Getenv("GRAPH_ALLOW_PATHS")) {
		if p != "" {
			allow = append(allow, p)
		}
	}
	allow = append(allow, *c.allow...)
	return Config{
		AllowPaths: allow,
		Store: store.Config{
			Backend:     v.GetString("store.backend"),
			Path:        v.GetString("store.path"),
			LockTimeout: lock,
			Postgres:    pg,
		},
		QueryTimeout: qt,
	}, nil
}

func duration(v *viper.Viper, key string) (time.Duration, error) {
	s := v.GetString(key)
	if s == "" || s == "0" || s == "0s" {
		return 0, nil
	}
	d, err := time.ParseDuration(s)
	if err != nil {
		return 0, inputError("%s: %q is not a duration such as 5s or 2m", key, s)
	}
	return d, nil
}

// isConfigFile reports whether path exists and is a configuration file rather than
// an interview graph.
func isConfigFile(path string) (bool, error) {
	data, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("configuration %s: %w", path, err)
	}
	var top map[string]any
	if err := yaml.NewDecoder(bytes.NewReader(data)).Decode(&top); err != nil {
		// The positioned message: the decoder's own counts some lines from 0.
		if _, ds := yamlpos.Parse(path, data); ds.HasErrors() {
			return false, inputError("%s", ds[0].Error())
		}
		return false, inputError("configuration %s: %v", path, err)
	}
	_, isGraph := top["source"]
	return !isGraph, nil
}

// configKeys are the settings a configuration file may hold, by section.
var configKeys = map[string][]string{
	"store": {"backend", "path", "lock_timeout", "connect_timeout", "statement_timeout", "idle_timeout"},
	"query": {"timeout"},
}

// configTopKeys are the keys of a configuration file's top level besides the
// sections.
var configTopKeys = []string{"allow_paths", "config"}

// checkConfigKeys refuses a configuration file with a key graph does not read (a
// "pth:" for "path:" would otherwise leave the default in force unseen), naming
// its place and the key meant.
func checkConfigKeys(file string) error {
	data, err := os.ReadFile(file)
	if err != nil {
		return inputError("configuration %s: %v", file, err)
	}
	root, ds := yamlpos.Parse(file, data)
	if ds == nil && root != nil && !yamlpos.IsNull(root) {
		sections := slices.Sorted(maps.Keys(configKeys))
		fs, more := yamlpos.Fields(file, root, "the configuration", append(sections, configTopKeys...), nil)
		ds = append(ds, more...)
		if f, ok := fs["allow_paths"]; ok && !yamlpos.IsNull(f.Value) {
			_, _, more := yamlpos.StringList(file, f.Value, "allow_paths")
			ds = append(ds, more...)
		}
		for _, name := range sections {
			if f, ok := fs[name]; ok && !yamlpos.IsNull(f.Value) {
				_, more := yamlpos.Fields(file, f.Value, "the "+name+" settings", configKeys[name], nil)
				ds = append(ds, more...)
			}
		}
	}
	if ds.HasErrors() {
		lines := make([]string, len(ds))
		for i, d := range ds.Sort() {
			lines[i] = d.Error()
		}
		return inputError("%s", strings.Join(lines, "\n"))
	}
	return nil
}
