// Claims of one interview that rebut a claim of another: the rebuttal and the claim
// it answers, each with its source, speaker and text.
g.V().Has("<type>", "<claim>").Tag("rebuttal")
  .Save("<source>", "rebuttal_source").Save("<speaker>", "rebuttal_speaker").Save("<text>", "rebuttal_text")
  .Out("<rebuts>").Tag("rebutted")
  .Save("<source>", "rebutted_source").Save("<speaker>", "rebutted_speaker").Save("<text>", "rebutted_text")
  .ForEach(function(r) {
    if (r.rebuttal_source !== r.rebutted_source) g.Emit(r);
  });
