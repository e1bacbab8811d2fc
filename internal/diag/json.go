package diag

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// jsonDiagnostic is the JSON shape of a [Diagnostic] that the --json output of
// commands promises; docs/json/diagnostic.schema.json describes it. Every key is
// always present, so that consumers need no defaults.
type jsonDiagnostic struct {
	Severity  string `json:"severity"`
	File      string `json:"file"`
	Line      int    `json:"line"`
	Column    int    `json:"column"`
	EndLine   int    `json:"end_line"`
	EndColumn int    `json:"end_column"`
	Summary   string `json:"summary"`
	Detail    string `json:"detail"`
	Hint      string `json:"hint"`
}

// MarshalJSON encodes d as an object with the keys severity ("error" or
// "warning"), file, line, column, end_line, end_column, summary, detail and hint,
// none left out: a zero position is 0 and a missing text "". The receiver is a
// value so that a Diagnostic has this shape whether or not it is addressable.
func (d Diagnostic) MarshalJSON() ([]byte, error) {
	return marshal(jsonDiagnostic{
		Severity:  d.Severity.String(),
		File:      d.Subject.File,
		Line:      d.Subject.Start.Line,
		Column:    d.Subject.Start.Column,
		EndLine:   d.Subject.End.Line,
		EndColumn: d.Subject.End.Column,
		Summary:   d.Summary,
		Detail:    d.Detail,
		Hint:      d.Hint,
	})
}

// UnmarshalJSON decodes the shape that [Diagnostic.MarshalJSON] writes.
func (d *Diagnostic) UnmarshalJSON(data []byte) error {
	var j jsonDiagnostic
	if err := json.Unmarshal(data, &j); err != nil {
		return err
	}
	var sev Severity
	switch j.Severity {
	case "error":
		sev = Error
	case "warning":
		sev = Warning
	default:
		return fmt.Errorf("diagnostic severity %q is neither \"error\" nor \"warning\"", j.Severity)
	}
	*d = Diagnostic{
		Severity: sev,
		Summary:  j.Summary,
		Detail:   j.Detail,
		Hint:     j.Hint,
		Subject: Range{
			File:  j.File,
			Start: Pos{Line: j.Line, Column: j.Column},
			End:   Pos{Line: j.EndLine, Column: j.EndColumn},
		},
	}
	return nil
}

// MarshalJSON encodes ds as an array of [Diagnostic.MarshalJSON] objects; an empty
// or nil list is `[]`, never `null`, so a field of type Diagnostics always holds
// an array.
func (ds Diagnostics) MarshalJSON() ([]byte, error) {
	if ds == nil {
		return []byte("[]"), nil
	}
	return marshal([]*Diagnostic(ds))
}

// marshal is json.Marshal without escaping <, > and &, which summaries quote from
// the input; an encoder that wants them escaped still escapes the result.
func marshal(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}
