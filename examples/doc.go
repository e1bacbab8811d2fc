// Package examples holds the bundled interview graphs and their Gizmo queries; its
// tests build every example and check each query against its expected result.
package examples
