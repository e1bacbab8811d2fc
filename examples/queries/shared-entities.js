// Entities that two interviews both mention (<source/...> <mentions> entity), counting
// an entity as mentioned when a <same_as> partner of it is. One result per entity and
// pair of sources, with the entity's name.
var sources = g.V().Has("<type>", "<source>").ToArray().sort();
function mentioned(source) {
  var direct = g.V(source).Out("<mentions>");
  return direct.Union(g.V(source).Out("<mentions>").Out("<same_as>"));
}
for (var i = 0; i < sources.length; i++) {
  for (var j = i + 1; j < sources.length; j++) {
    var a = sources[i], b = sources[j];
    mentioned(a).Intersect(mentioned(b)).Save("<name>", "name").ForEach(function(e) {
      g.Emit({entity: e.id, name: e.name, sources: [a, b]});
    });
  }
}
