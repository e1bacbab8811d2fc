// Package fileschema makes the JSON Schemas of the files people write for graph by
// hand: interview graphs (graph.yaml), shared catalogs, extraction rule packs, the
// entity-link decisions file (links.yaml) and the configuration file. Editors use
// them to complete keys and underline mistakes while typing; graph's own loaders
// stay the judge of what a file means.
//
// The schemas are not written by hand. Which keys an object has, and which of them
// it must have, is asked of the loaders themselves (see [Probe]), and the kinds,
// formats and backends come from the Go values the loaders check against; this
// package only adds each key's type and description. [Generate] fails when a
// loader knows a key that the descriptions do not, or the other way round, so the
// schemas cannot drift from the loaders unnoticed. The schemas are committed in
// schema/json; a test of cmd/graph, which reads the configuration file and so
// knows its keys, compares them with what [Generate] makes now, and rewrites them
// when run with -update (which go generate does).
package fileschema

//go:generate go test ../../cmd/graph -run TestFileSchemas -update
