// Everything Dario Amodei said, in every interview, under every id a graph gives him:
// his claims and those of the entities graph link joined to him with <same_as>.
// The idiom: start from one node, add its <same_as> neighbours, then walk on.
var person = "<dario-amodei>";
g.V(person).Union(g.V(person).Out("<same_as>")).Tag("speaker")
  .Out("<asserts>").Tag("claim").Save("<source>", "source").Save("<text>", "text")
  .All();
