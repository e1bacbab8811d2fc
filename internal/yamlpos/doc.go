// Package yamlpos parses hand-written YAML into nodes that keep their line and column,
// and offers the checks every loader needs (known keys, scalars, lists) as
// diagnostics that point at the offending node.
package yamlpos
