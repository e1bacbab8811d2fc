// Package aif reads and writes the Argument Interchange Format (the JSON layout of
// AIFdb, which OVA also writes). Reading turns each nodeset of an argument corpus
// into an interview graph, so that the usual path ([rdf.Sets], then the store)
// writes it; [Write] writes the claims and argument relations of an
// [export.Map] back as a nodeset, which reading takes in again.
//
// Reading is in two steps, syntax apart from meaning: [Parse] decodes the JSON into a
// [Nodeset], keeping where every node and edge is written; [Convert] checks the
// nodeset's structure and maps it to an [interview.Graph]:
//
//   - an I-node becomes a claim; its speaker is the person whose L-node is anchored
//     to it through a YA node, and its quote the words of that L-node;
//   - an RA node becomes one supports relation per premise, from the premise to the
//     conclusion; a CA node rebuts (from the attacker to the attacked I-node) or, when
//     it attacks an RA, CA or MA node, undercuts the relations that node became; an
//     MA node becomes rephrases, from the restating claim to the restated one;
//   - L-nodes are utterances: their speakers become persons whose ids come from their
//     names, so a speaker met in several files is one person, and their words, in
//     order, make up a synthesised transcript that the quotes point into.
//
// Malformed input is reported as diagnostics naming the file, the line and column,
// and the node or edge id; a nodeset with errors gives no graph.
//
// The node types ([TypeI], [TypeRA], ...) are shared by the reader and the writer.
package aif
