// Command graph builds knowledge graphs of entities and arguments from curated
// interview graphs into a Cayley quad store, and queries them with Gizmo.
package main

import "os"

func main() { os.Exit(Main()) }
