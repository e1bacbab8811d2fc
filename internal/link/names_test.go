package link

import (
	"math"
	"testing"
)

func names(ss ...string) nameSet {
	out := make([]name, len(ss))
	for i, s := range ss {
		out[i] = parseName(s)
	}
	return newNameSet(out)
}

func TestParseName(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Dario Amodei", "dario amodei"},
		{"达里奥·阿莫迪", "达里奥 阿莫迪"},
		{"ＤｅｅｐＳｅｅｋ", "deepseek"},
		{"Anthropic公司", "anthropic 公司"},
		{"open-weight models", "open weight model"},
		{"  Yann   LeCun ", "yann lecun"},
		{"D. Amodei", "d amodei"},
		{"boss", "boss"},
	}
	for _, tt := range tests {
		if got := parseName(tt.in).folded; got != tt.want {
			t.Errorf("parseName(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestCompareNames(t *testing.T) {
	tests := []struct {
		name   string
		a, b   nameSet
		person bool
		score  float64
	}{
		{"full name", names("Dario Amodei", "Amodei"), names("Dario Amodei"), true, scoreFullName},
		{"full name across scripts", names("Dario Amodei", "达里奥·阿莫迪"), names("达里奥·阿莫迪", "阿莫迪"), true, scoreFullName},
		{"word order", names("Amodei Dario"), names("Dario Amodei"), true, scoreFullName},
		{"Han full name in one word", names("Yann LeCun", "杨立昆"), names("杨立昆"), true, scoreFullName},
		{"Han surname in one word", names("达里奥·阿莫迪", "阿莫迪"), names("阿莫迪"), true, scoreSurname},
		{"surname against full name", names("Amodei"), names("Dario Amodei"), true, scoreSurname},
		{"middle name", names("Dario G. Amodei"), names("Dario Amodei"), true, scoreGivenAndSur},
		{"initial", names("D. Amodei"), names("Dario Amodei"), true, scoreInitial},
		{"false friend", names("Dario Amodei", "Amodei"), names("Daniela Amodei", "Amodei"), true, scoreFalseFriend},
		{"false friend, full names only", names("Dario Amodei"), names("Daniela Amodei"), true, scoreFalseFriend},
		{"given name only", names("Dario Amodei", "Dario"), names("Dario Gil", "Dario"), true, scoreGivenName},
		{"different people", names("Yann LeCun"), names("Dario Amodei"), true, 0},
		{"same company name", names("DeepSeek", "深度求索"), names("ＤｅｅｐＳｅｅｋ"), false, scoreSameName},
		{"plural", names("world models"), names("world model"), false, scoreSameName},
		{"one common word is not enough", names("AI safety"), names("AI risk"), false, 0},
		{"most words shared", names("AI safety"), names("AI safety research"), false, scoreWords * 2 / 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ev := compareNames(tt.a, tt.b, tt.person)
			if math.Abs(ev.score-tt.score) > 1e-9 {
				t.Errorf("score %.3f (%s), want %.3f", ev.score, ev.reason, tt.score)
			}
			back := compareNames(tt.b, tt.a, tt.person)
			if back.score != ev.score {
				t.Errorf("not symmetric: %.3f one way, %.3f the other (%s)", ev.score, back.score, back.reason)
			}
		})
	}
}
