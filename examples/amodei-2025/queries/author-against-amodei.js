// The article author's claims against Dario Amodei: claims of the author that rebut,
// criticize or undercut him, one of his claims, or one of his argument steps.
var his = g.V("<dario-amodei>").Out("<asserts>");
var targets = his.Union(g.V("<dario-amodei>"))
  .Union(g.V().Has("<type>", "<relation>").Has("<stated_by>", "<dario-amodei>"));
g.V("<article-author>").Out("<asserts>").Tag("claim").Save("<text>", "text")
  .Out(["<rebuts>", "<criticizes>", "<undercuts>"], "edge")
  .Intersect(targets).Tag("target")
  .All();
