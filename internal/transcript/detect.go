package transcript

import (
	"bytes"
	"path/filepath"
	"strings"
)

// Detect tells the format of a transcript file from its name and content: .vtt is
// [WebVTT], .srt [SRT] and .json [Whisper]; a file of another name is WebVTT when it
// begins with "WEBVTT", Whisper when it is a JSON object with "segments", SRT when it
// begins with a cue number and a timing line, and otherwise [Turns] or [Plain].
// Text is Turns when at least three lines begin with a speaker label, some label
// begins at least two of them, and they are at least a third of the lines that
// are not blank (see [Parse] for what a label is); prose with a colon here and
// there stays Plain.
func Detect(name string, data []byte) Format {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".vtt":
		return WebVTT
	case ".srt":
		return SRT
	case ".json":
		return Whisper
	}
	body := bytes.TrimLeft(bytes.TrimPrefix(data, []byte(bom)), " \t\r\n")
	switch {
	case isVTTHeader(firstLine(body)):
		return WebVTT
	case len(body) > 0 && body[0] == '{' && bytes.Contains(body, []byte(`"segments"`)):
		return Whisper
	case looksSRT(body):
		return SRT
	case isTurns(body):
		return Turns
	}
	return Plain
}

func firstLine(b []byte) []byte {
	if i := bytes.IndexByte(b, '\n'); i >= 0 {
		b = b[:i]
	}
	return bytes.TrimSuffix(b, []byte("\r"))
}

// looksSRT reports whether text begins like SubRip: a cue number, then a timing
// line.
func looksSRT(body []byte) bool {
	r := lineReader{data: body}
	first, _ := r.next()
	second, _ := r.next()
	t, _ := trimSpace(first)
	return isDigits(t) && bytes.Contains(second, arrow)
}
