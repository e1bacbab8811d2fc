package rdf

import "github.com/graphbuilder/graph/internal/interview"

// SourceSet returns the quads of a graph's own source: the first set of [Sets],
// without the sets of its catalogs, which many graphs share.
func SourceSet(g *interview.Graph) Set { return sourceSet(g) }

// CatalogSet returns the quads of one catalog, as [Sets] gives them.
func CatalogSet(c *interview.Catalog) Set { return catalogSet(c) }
