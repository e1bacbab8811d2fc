// Package transcript reads transcript files as they come (prose, speaker-turn
// text, WebVTT and SRT captions, whisper and WhisperX JSON) into a sequence of
// utterances over one normalized text, which every offset of a graph (quotes,
// evidence) refers to. Offsets are code points, half-open.
//
// # Normalized text
//
// For [Plain] prose the text is the file as it is, byte for byte, and there are no
// utterances. For every other format the text is the utterances' texts joined by a
// blank line ("\n\n"): each utterance is a paragraph, and speaker labels, time
// stamps, cue numbers, timing lines and markup are not part of it. An utterance's
// text never begins or ends with white space, and an utterance with no text is
// left out with a warning.
//
// Caption cues and whisper segments in a row with the same label (no label counts
// as a label, "") make one utterance, a turn. Their texts, and the lines of one cue,
// are joined by one blank, or by nothing where the characters on both sides are
// CJK (Chinese or Japanese characters, kana, CJK punctuation), so that a Chinese
// sentence cut over two cues reads as one. Within a caption line, markup tags are
// removed (<i>, <b>, <c>, <c.colorE5E5E5>, inline times such as <00:00:01.500>,
// <v ...>, SRT's {\an8}), entities are decoded (&amp;, &lt;, &#39;, any HTML name;
// &nbsp; is a blank) and runs of blanks become one. Whisper texts are trimmed and
// their runs of white space become one blank too.
//
// Each utterance keeps its label as written, its times, the line of the file where
// it begins, and for captions and whisper its cues, each with its own time and the
// span of its text; [Transcript.At], [Transcript.TimeAt] and [Transcript.Place]
// lead from an offset of the text back to the utterance, the time it was said and
// the place in the file.
//
// # Formats
//
// [Turns] text has a speaker label at the start of each turn, optionally after a
// stamp: "HOST: text", "Dr. Lena Hart: text", "[SPEAKER_00]: text", "主持人：text"
// (full-width colon), "**Q:** text" (Markdown), "[00:01:02] HOST: text",
// "(01:02.5) HOST: text", "00:01:02 HOST: text". A label is a name, not any words
// before a colon: an id like SPEAKER_00, one to four capitalized words, or one to
// six CJK characters (嘉宾A). Labels in capitals and ids always count; the others
// ("Mara Lindqvist", 张伟, but also "Remember") only when they begin at least two
// lines, so that "Here is the thing: ..." and "Note that: ..." stay prose, or when
// the caller names them (a graph's speakers: mapping; see [Parse]). Lines
// without a label continue the turn, joined by a line break as written; a blank
// line within a turn stays, so a turn of two paragraphs keeps them ("\n\n").
// Lines before the first label make an utterance with the label "". A stamp gives
// the turn its start; its end is the start of the next stamped turn.
//
// [WebVTT] files begin with WEBVTT; NOTE, STYLE and REGION blocks are skipped, cue
// identifiers are optional, times are hh:mm:ss.ttt or mm:ss.ttt, lines end in LF or
// CRLF, and a byte order mark is allowed. The speaker of a cue is given by a voice
// tag (<v Name>, <v.loud Name>, closed or not), or by a label at the start of a
// line ("NAME: ", "[SPEAKER_00]: "), which may change within a cue; a cue without
// one has the label "". A line that begins with a dialogue dash ("- ") begins an
// utterance of its own with the label "". Captions that write inline times
// (YouTube's automatic captions) repeat the last line of each cue in the next,
// and have cues of a few milliseconds that repeat it alone: for them each cue adds
// only what follows the longest run of whole words that both ends the utterance
// so far and begins the cue, and a cue that adds nothing lengthens the utterance
// without being listed among its cues.
//
// [SRT] files are blocks of a cue number, a timing line (hh:mm:ss,ttt) and text,
// read as WebVTT cues are: labels, dashes, tags and entities alike.
//
// [Whisper] files are the JSON that whisper and WhisperX write, an object with a
// "segments" list whose segments have a numeric "start" and "end" in seconds, a
// "text" string and, from WhisperX, an optional "speaker". Everything else is
// skipped.
//
// # Diagnostics
//
// [Parse] reports every problem it finds at its file:line:col, columns counted
// in characters: invalid UTF-8, a bad or reversed time, a bad cue number, JSON
// that is not a whisper result or a segment value of the wrong kind. Cues,
// segments, turns and blocks that are skipped are warnings. [Detect] chooses the
// format when the graph does not force one with transcript_format: ([ParseFormat]).
package transcript
