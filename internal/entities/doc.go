// Package entities is the entity model of graph: people, companies, organizations,
// groups, products and concepts with their names, aliases in any script, external
// ids and facts; the decoding of their curated YAML with positions; and the alias
// index that finds collisions and resolves names to ids.
package entities
