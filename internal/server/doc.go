// Package server is graph's HTTP API and the web workbench it serves.
//
// The server reads a snapshot of the store: every quad is read once into a memory
// store and decoded once (a [pipeline.Reader]), and requests are answered from that
// snapshot, any number at once. The store itself is open only while a snapshot is
// read, so graph build can take the embedded store's exclusive lock while the
// server runs; the server then notices that the store's file changed and reads a
// new snapshot, which replaces the old one between requests. A query that runs
// past its time limit ends on the memory store and leaves nothing of the store
// behind, so a flood of them cannot keep the server from shutting down.
//
// Routes (docs/http.md has their shapes):
//
//	POST /api/v2/query?lang=gizmo     Cayley's query API: the body is the query
//	GET  /api/v2/query?lang=gizmo&qu= the same, the query in a parameter
//	GET  /api/sources                 the sources
//	GET  /api/node?id=                a claim, relation or entity, as graph show
//	GET  /api/search?q=               names, aliases and claim texts
//	GET  /api/map?source=&focus=      an argument map, with graph export's filters
//	GET  /api/transcript?source=      a source's whole transcript, in turns or paragraphs
//	GET  /api/status                  the snapshot being served
//	GET  /                            the workbench
package server
