// Package corpusgen writes a synthetic corpus of interview graphs for benchmarks and
// scale tests: shared entity catalogs with names and aliases in English and Chinese,
// and interview folders, each a graph.yaml with claims and argument relations whose
// quotes are found in a transcript of about 30 KB in Chinese or English.
//
// The output is a function of [Options] alone: the same seed writes byte-identical
// files. Interview i does not depend on how many interviews follow it, so a corpus of
// 100 is the first 100 interviews of a corpus of 1,000 with the same seed and catalog.
package corpusgen
