// Package argument is the argument model of graph: claims stated in a source by a
// speaker, and typed relations between claims, entities and other relations
// (criticizes, rebuts, supports, undercuts); their decoding from curated YAML, their
// validation against the schema, and the location of quotes in a transcript.
package argument
