// Package export writes the quads of the store in the formats users take elsewhere:
// an argument map in DOT ([WriteDOT]) and SVG ([RenderSVG]), N-Quads
// ([WriteNQuads]), JSON-LD with one named graph per source ([WriteJSONLD]) and
// GraphML ([WriteGraphML]). The Argument Interchange Format is written by package
// aif, beside its reader, from the same [Map].
//
// The quad-level formats (N-Quads, JSON-LD) write every quad they are given. The
// others first read the quads into a [Map] through [vocab.Decode]: entities and
// claims as nodes, argument relations, facts, assertions and topics as typed edges;
// [Map.Select] narrows it to sources, node kinds or the neighbourhood of one node.
// Every encoder is deterministic: the same quads give byte-identical output.
//
// The package works on []quad.Quad alone and never opens a store; it depends on
// package vocab for what the quads mean and on nothing that loads or extracts
// interview graphs.
package export
