// Whom and what does Dario Amodei criticize, himself or through his claims?
// Each result names the target; "via" is the claim that carries the criticism,
// absent when he is recorded as criticizing the target directly.
var direct = g.V("<dario-amodei>").Out("<criticizes>").Tag("target");
var viaClaims = g.V("<dario-amodei>").Out("<asserts>").Tag("via").Out("<criticizes>").Tag("target");
direct.Union(viaClaims).All();
