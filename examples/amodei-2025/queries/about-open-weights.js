// Everything said about open-weights models: each claim, its speaker and text.
g.V("<open-weights>")
  .In("<about>").Tag("claim").Save("<speaker>", "speaker").Save("<text>", "text")
  .All();
