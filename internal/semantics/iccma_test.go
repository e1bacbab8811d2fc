package semantics

import (
	"bytes"
	"strings"
	"testing"
)

func TestReadFormats(t *testing.T) {
	tests := []struct {
		name, file, text string
		format           Format
		args             []string
		attacks          []string // "a>b"
	}{
		{"af", "x.af", "# a comment\np af 3\n1 2\n# another\n2 3\n\n3 3\n", FormatAF,
			[]string{"1", "2", "3"}, []string{"1>2", "2>3", "3>3"}},
		{"af crlf", "x.i23", "p af 2\r\n2 1\r\n", FormatAF, []string{"1", "2"}, []string{"2>1"}},
		{"af empty", "x.af", "p af 0\n", FormatAF, nil, nil},
		{"apx", "x.apx", "arg(a).\narg(b). arg(c).\n% comment\natt(a,b).\natt( b , c ). att(c,c).\n", FormatAPX,
			[]string{"a", "b", "c"}, []string{"a>b", "b>c", "c>c"}},
		{"tgf", "x.tgf", "a\nb first label\nc\n#\na b\nb c\n", FormatTGF,
			[]string{"a", "b", "c"}, []string{"a>b", "b>c"}},
		{"sniffed af", "x.txt", "# header\np af 2\n1 2\n", FormatAF, []string{"1", "2"}, []string{"1>2"}},
		{"sniffed apx", "x", "arg(x).\n", FormatAPX, []string{"x"}, nil},
		{"sniffed tgf", "x", "x\ny\n#\ny x\n", FormatTGF, []string{"x", "y"}, []string{"y>x"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			format := DetectFormat(tt.file, []byte(tt.text))
			if format != tt.format {
				t.Fatalf("DetectFormat = %v, want %v", format, tt.format)
			}
			f, ds := Read(tt.file, strings.NewReader(tt.text), format)
			if ds.HasErrors() {
				t.Fatalf("Read: %v", ds)
			}
			var args, attacks []string
			for a := 0; a < f.Len(); a++ {
				args = append(args, f.Name(a))
				for _, b := range f.Targets(a) {
					attacks = append(attacks, f.Name(a)+">"+f.Name(int(b)))
				}
			}
			if strings.Join(args, " ") != strings.Join(tt.args, " ") || strings.Join(attacks, " ") != strings.Join(tt.attacks, " ") {
				t.Errorf("got arguments %v attacks %v, want %v %v", args, attacks, tt.args, tt.attacks)
			}
		})
	}
}

// TestReadErrors checks that every error names its line and column.
func TestReadErrors(t *testing.T) {
	tests := []struct {
		name, text string
		format     Format
		want       []string // file:line:col: message, in order
	}{
		{"no p line", "# only\n", FormatAF, []string{"f:2:1: no `p af N` line"}},
		{"attack before p", "1 2\np af 2\n", FormatAF, []string{"f:1:1: expected `p af N` before the first attack"}},
		{"bad count", "p af x\n", FormatAF, []string{`f:1:6: the number of arguments must be a whole number, not "x"`}},
		{"huge count", "p af 99999999999\n", FormatAF, []string{"f:1:6: 99999999999 arguments is more than the 10000000 a framework file may declare"}},
		{"wrong header", "p cnf 3 4\n", FormatAF, []string{"f:1:1: expected `p af N`"}},
		{"second p", "p af 2\np af 3\n", FormatAF, []string{"f:2:1: a second `p af` line"}},
		{"out of range", "p af 3\n1 2\n  2 4\n0 1\n", FormatAF, []string{
			"f:3:5: argument 4 is out of range: the framework has arguments 1 to 3",
			"f:4:1: argument 0 is out of range"}},
		{"not a number", "p af 3\n1 b\n", FormatAF, []string{`f:2:3: argument "b" is not a number`}},
		{"three words", "p af 3\n1 2 3\n", FormatAF, []string{"f:2:5: an attack is two argument numbers"}},
		{"apx undeclared", "arg(alpha).\narg(beta).\natt(alpha,gamma).\n", FormatAPX, []string{
			`f:3:11: attack names argument "gamma", which no arg(...) declares`}},
		{"apx typo", "arg(alpha).\natt(alpha,alpah).\n", FormatAPX, []string{`f:2:11: attack names argument "alpah"`}},
		{"apx missing dot", "arg(a)\narg(b).\n", FormatAPX, []string{"f:1:7: expected `.` to end the statement"}},
		{"apx unknown", "arg(a).\nattack(a,a).\n", FormatAPX, []string{"f:2:1: expected `arg(NAME).` or `att(NAME,NAME).`"}},
		{"apx arity", "arg(a,b).\n", FormatAPX, []string{"f:1:1: arg takes 1 argument name(s), not 2"}},
		{"apx duplicate", "arg(a).\n  arg(a).\n", FormatAPX, []string{`f:2:7: argument "a" is declared twice`}},
		{"tgf unknown", "a\nb\n#\na c\n", FormatTGF, []string{`f:4:3: attack names argument "c", which is not listed before`}},
		{"tgf one end", "a\n#\na\n", FormatTGF, []string{"f:3:1: an attack is two argument names"}},
		{"invalid utf8", "p af 2\n1 \xff\n", FormatAF, []string{"f:2:3: invalid UTF-8 (byte offset 9)"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, ds := Read("f", strings.NewReader(tt.text), tt.format)
			if f != nil || !ds.HasErrors() {
				t.Fatalf("Read succeeded")
			}
			if len(ds) != len(tt.want) {
				t.Fatalf("got %d diagnostics, want %d:\n%v", len(ds), len(tt.want), ds)
			}
			for i, d := range ds {
				if !strings.HasPrefix(d.Error(), tt.want[i]) {
					t.Errorf("diagnostic %d = %q, want it to start with %q", i, d.Error(), tt.want[i])
				}
			}
		})
	}
}

func TestWriteAnswer(t *testing.T) {
	// 1 and 2 attack each other, 2 attacks 3: preferred {1,3} and {2}.
	af, ds := Read("f.af", strings.NewReader("p af 3\n1 2\n2 1\n2 3\n"), FormatAF)
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	apx, ds := Read("f.apx", strings.NewReader("arg(a).arg(b).arg(c).\natt(a,b).att(b,a).att(b,c).\n"), FormatAPX)
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	tests := []struct {
		task string
		arg  int
		f    *Framework
		fmt  Format
		want string
	}{
		{"DC-PR", 2, af, FormatAF, "YES\nw 1 3\n"},
		{"DC-GR", 2, af, FormatAF, "NO\n"},
		{"DS-PR", 0, af, FormatAF, "NO\nw 2\n"},
		{"DS-GR", 0, af, FormatAF, "NO\nw\n"},
		{"SE-GR", 0, af, FormatAF, "w\n"},
		{"SE-ST", 0, af, FormatAF, "w 2\n"},
		{"EE-PR", 0, af, FormatAF, "w 1 3\nw 2\n"},
		{"DC-ST", 2, apx, FormatAPX, "YES\n"},
		{"SE-CO", 0, apx, FormatAPX, "[]\n"},
		{"EE-ST", 0, apx, FormatAPX, "[[a,c],[b]]\n"},
	}
	for _, tt := range tests {
		task, err := ParseTask(tt.task)
		if err != nil {
			t.Fatal(err)
		}
		ans := Solve(tt.f, task, tt.arg)
		var buf bytes.Buffer
		if err := WriteAnswer(&buf, tt.f, tt.fmt, ans); err != nil {
			t.Fatal(err)
		}
		if buf.String() != tt.want {
			t.Errorf("%s %d: got %q, want %q", tt.task, tt.arg, buf.String(), tt.want)
		}
	}
	// A framework without stable extensions.
	odd, _ := Read("odd.af", strings.NewReader("p af 3\n1 2\n2 3\n3 1\n"), FormatAF)
	var buf bytes.Buffer
	WriteAnswer(&buf, odd, FormatAF, Solve(odd, Task{SE, Stable}, 0))
	if buf.String() != "NO\n" {
		t.Errorf("SE-ST on an odd cycle: %q, want NO", buf.String())
	}
}

// FuzzRead checks that no input makes the readers panic, that a framework read
// has its attacks in range, and that errors are placed inside the input.
func FuzzRead(f *testing.F) {
	for _, s := range []string{"p af 3\n1 2\n2 3\n", "arg(a).att(a,a).\n", "a\nb\n#\na b\n", "p af x\n", "att(a,b", "#\n#\n", "p af 2\n1 \xff\n"} {
		f.Add(s, uint8(0))
		f.Add(s, uint8(1))
		f.Add(s, uint8(2))
	}
	f.Fuzz(func(t *testing.T, text string, format uint8) {
		fw, ds := Read("f", strings.NewReader(text), Format(format%3))
		lines := strings.Count(text, "\n") + 1
		for _, d := range ds {
			if d.Subject.Start.Line < 1 || d.Subject.Start.Line > lines || d.Subject.Start.Column < 1 {
				t.Fatalf("diagnostic outside the input (%d lines): %v", lines, d)
			}
		}
		if fw == nil {
			if !ds.HasErrors() {
				t.Fatal("no framework and no error")
			}
			return
		}
		for a := 0; a < fw.Len(); a++ {
			for _, b := range fw.Targets(a) {
				if b < 0 || int(b) >= fw.Len() {
					t.Fatalf("attack %d -> %d outside %d arguments", a, b, fw.Len())
				}
			}
		}
		Grounded(fw)
	})
}
