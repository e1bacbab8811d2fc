// Who criticizes the same target, across interviews: every target criticized in two
// or more sources, with each critic (the criticizing entity, or the speaker of the
// criticizing claim) and the source. Ids joined by <same_as> count as one.
function canon(id) {
  var ids = g.V(id).Out("<same_as>").ToArray();
  ids.push(id);
  return ids.sort()[0];
}
var byTarget = {};
g.V().Has("<type>", "<relation>").Has("<kind>", "<criticizes>").Tag("relation")
  .Save("<from>", "from").Save("<to>", "to").Save("<source>", "source")
  .ForEach(function(r) {
    var speaker = g.V(r.from).Out("<speaker>").ToValue();
    var critic = canon(speaker ? speaker : r.from);
    var target = canon(r.to);
    (byTarget[target] = byTarget[target] || []).push({critic: critic, via: r.from, source: r.source});
  });
Object.keys(byTarget).sort().forEach(function(target) {
  var rows = byTarget[target];
  var sources = {};
  rows.forEach(function(x) { sources[x.source] = true; });
  if (Object.keys(sources).length < 2) return;
  rows.forEach(function(x) {
    g.Emit({target: target, critic: x.critic, via: x.via, source: x.source});
  });
});
