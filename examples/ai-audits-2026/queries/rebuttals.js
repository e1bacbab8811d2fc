// Who rebuts whom in the ai-audits-2026 episode: each rebuttal with its speaker and
// text, and the claim it answers with that claim's speaker, source and text (a claim
// of another interview when the episode answers one).
g.V("<source/ai-audits-2026>").In("<source>").Has("<type>", "<claim>")
  .Tag("rebuttal").Save("<speaker>", "by").Save("<text>", "rebuttal_text")
  .Out("<rebuts>").Tag("rebutted")
  .Save("<speaker>", "against").Save("<source>", "rebutted_source").Save("<text>", "rebutted_text")
  .All();
