// What the ai-audits-2026 episode says about the other interviews: its claims that
// support, rebut or criticize a claim of another source, with the speakers on both
// sides and the kind of edge.
g.V("<source/ai-audits-2026>").In("<source>").Has("<type>", "<claim>")
  .Tag("claim").Save("<speaker>", "by")
  .Out(["<supports>", "<rebuts>", "<criticizes>"], "edge").Tag("answers")
  .Save("<source>", "answers_source").Save("<speaker>", "answers_speaker").Save("<text>", "answers_text")
  .ForEach(function(r) {
    if (r.answers_source !== "<source/ai-audits-2026>") g.Emit(r);
  });
