// Package store is the only package of graph that talks to Cayley. It opens a quad
// store by configuration (embedded bbolt, memory, or PostgreSQL through Cayley's SQL
// backend), replaces the quads of one or more labels in a single transaction, reads
// quads back, counts them, and runs Gizmo queries.
package store
