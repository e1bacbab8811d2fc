// Package schema is the vocabulary of graph as data: node kinds, and edge kinds with
// their category, domain and range. The core vocabulary (core.yaml) is embedded in
// the binary; users add kinds with schema files of the same shape.
package schema
