// Dario Amodei's rebuttals and the critiques they answer, with who made each critique.
g.V("<dario-amodei>")
  .Out("<asserts>").Tag("rebuttal").Save("<text>", "rebuttal_text")
  .Out("<rebuts>").Tag("critique").Save("<text>", "critique_text").Save("<speaker>", "critic")
  .All();
