package argument

import "testing"

func TestParseRef(t *testing.T) {
	tests := []struct {
		in   string
		want Ref
		ok   bool
	}{
		{"amodei-2025/no-diminishing-returns", Ref{"amodei-2025", "no-diminishing-returns"}, true},
		{"a.b/c_d", Ref{"a.b", "c_d"}, true},
		{"no-diminishing-returns", Ref{}, false},
		{"amodei-2025/", Ref{}, false},
		{"/claim", Ref{}, false},
		{"a/b/c", Ref{}, false},
		{"Amodei-2025/x", Ref{}, false},
		{"a / b", Ref{}, false},
	}
	for _, tt := range tests {
		got, ok := ParseRef(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("ParseRef(%q) = %+v, %v; want %+v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
		if ok && got.String() != tt.in {
			t.Errorf("%+v renders as %q, want %q", got, got.String(), tt.in)
		}
	}
}
