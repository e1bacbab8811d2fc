// What Mara Lindqvist said in the first ten minutes of the episode: each claim with
// the second it was said at (<said_at>, whole seconds from the start) and the
// utterance (turn) it is in.
g.V("<mara-lindqvist>").Out("<asserts>").Has("<said_at>", lt(600))
  .Tag("claim").Save("<said_at>", "at").Save("<text>", "text").Save("<utterance>", "turn")
  .All();
