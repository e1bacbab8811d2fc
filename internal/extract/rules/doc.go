// Package rules holds extraction rules as data: packs of YAML rules, each with an id,
// a kind (mention, relation or claim), a pattern with typed slots around cue
// phrases, a confidence, and examples that must give exactly their stated output.
// The default packs for Chinese and English are embedded; an interview can add its
// own. Loading reports every mistake with file, line and column.
package rules
