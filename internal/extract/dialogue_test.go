package extract

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/graphbuilder/graph/internal/argument"
	"github.com/graphbuilder/graph/internal/entities"
	"github.com/graphbuilder/graph/internal/extract/finding"
	"github.com/graphbuilder/graph/internal/extract/rules"
	"github.com/graphbuilder/graph/schema"
)

// turn is one turn of a test dialogue: who speaks (an entity id) and what.
type turn struct{ speaker, text string }

// runDialogue runs the builtin pack lang over the turns joined as a transcript
// joins utterances, with a person entity for each speaker id.
func runDialogue(t *testing.T, lang string, ents []entities.Entity, turns []turn) *finding.Result {
	t.Helper()
	s := schema.Core()
	p, ds := rules.LoadBuiltin(lang, s)
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	x, err := New(ents, []*rules.Pack{p}, s)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	var ts []Turn
	off := 0
	for i, tu := range turns {
		if i > 0 {
			b.WriteString("\n\n")
			off += 2
		}
		n := utf8.RuneCountInString(tu.text)
		ts = append(ts, Turn{Span: argument.Span{Start: off, End: off + n}, Speaker: tu.speaker})
		b.WriteString(tu.text)
		off += n
	}
	return x.Run(b.String(), Options{Turns: ts})
}

func people(names ...string) []entities.Entity {
	var out []entities.Entity
	for _, n := range names {
		out = append(out, entities.Entity{ID: strings.ToLower(n), Kind: "person", Name: n})
	}
	return out
}

type gotClaim struct {
	Speaker, Text, Rule string
	Confidence          float64
}

func claimsOf(res *finding.Result) []gotClaim {
	var out []gotClaim
	for _, c := range res.Claims {
		out = append(out, gotClaim{c.Speaker, c.Text, c.Rule, c.Confidence})
	}
	return out
}

// gotRel names a relation between claims by their texts.
type gotRel struct{ Kind, From, To string }

func relationsOf(res *finding.Result) []gotRel {
	text := map[string]string{}
	for _, c := range res.Claims {
		text[c.ID] = c.Text
	}
	var out []gotRel
	for _, r := range res.Relations {
		from, to := r.From, r.To
		if s, ok := text[from]; ok {
			from = s
		}
		if s, ok := text[to]; ok {
			to = s
		}
		out = append(out, gotRel{r.Kind, from, to})
	}
	return out
}

func TestDialogueClaims(t *testing.T) {
	res := runDialogue(t, "en", people("Lena", "Mara", "Tomas"), []turn{
		{"lena", "Mara, why isn't a lab's own report enough?"},
		{"mara", "Thanks, Lena. I think a lab marking its own homework is not an audit. An audit needs someone independent with real access. Do we agree on that? Slowly is the word."},
	})
	want := []gotClaim{
		{"mara", "a lab marking its own homework is not an audit", "en.claim.first-person", 0.75},
		{"mara", "An audit needs someone independent with real access", "en.claim.turn", 0.5},
	}
	if diff := cmp.Diff(want, claimsOf(res)); diff != "" {
		t.Errorf("claims (-want +got)\n%s", diff)
	}
	// I stands for the turn's speaker.
	var selves []string
	for _, m := range res.Mentions {
		if m.Pronoun && m.Self {
			selves = append(selves, m.Entity)
		}
	}
	if diff := cmp.Diff([]string{"mara", "mara"}, selves); diff != "" {
		t.Errorf("first-person pronouns (-want +got)\n%s", diff)
	}
}

func TestProseHasNoDialogueClaims(t *testing.T) {
	s := schema.Core()
	p, _ := rules.LoadBuiltin("en", s)
	x, err := New(people("Mara"), []*rules.Pack{p}, s)
	if err != nil {
		t.Fatal(err)
	}
	res := x.Run("I think audits must be independent. The report was long and very detailed.", Options{Speakers: []string{"mara"}})
	if len(res.Claims) != 0 {
		t.Errorf("prose without turns gave claims %v", claimsOf(res))
	}
}

func TestHostChallengeIsRebutted(t *testing.T) {
	tests := []relationCase{{
		name: "en",
		lang: "en",
		turns: []turn{
			{"tomas", "Audit mandates are a gift to the incumbents of the industry."},
			{"lena", "Tomas, you called the audit bill a gift to incumbents — do you stand by that?"},
			{"tomas", "Completely. A collective of eleven people cannot pay for a full audit."},
		},
		want: []gotRel{{"rebuts", "A collective of eleven people cannot pay for a full audit", "the audit bill a gift to incumbents"}},
	}, {
		name: "zh",
		lang: "zh",
		turns: []turn{
			{"lena", "有人批评你们定价太高，您怎么看？"},
			{"tomas", "我认为我们的价格只是覆盖了训练成本。"},
		},
		want: []gotRel{{"rebuts", "我们的价格只是覆盖了训练成本", "你们定价太高"}},
	}, {
		name: "only the next turn answers",
		lang: "en",
		turns: []turn{
			{"lena", "Doesn't a national mandate just push development offshore?"},
			{"mara", "Thanks for the question, Lena."},
			{"lena", "Let us move on to the benchmarks."},
			{"tomas", "Benchmarks are the only yardstick a small team can afford."},
		},
	}}
	checkRelations(t, people("Lena", "Mara", "Tomas"), tests)
}

func TestReplyMarkers(t *testing.T) {
	tests := []relationCase{{
		name: "disagree alone, then the reason",
		lang: "en",
		turns: []turn{
			{"mara", "Benchmark culture now does more harm than good."},
			{"tomas", "I disagree. Benchmarks are the only yardstick a small team can afford."},
		},
		want: []gotRel{{"rebuts", "Benchmarks are the only yardstick a small team can afford", "Benchmark culture now does more harm than good"}},
	}, {
		name: "agree in a claim",
		lang: "en",
		turns: []turn{
			{"tomas", "The reports have to be public or an audit is just marketing."},
			{"mara", "Exactly, and the public part should include what was left out of scope."},
		},
		want: []gotRel{{"supports", "Exactly, and the public part should include what was left out of scope", "The reports have to be public or an audit is just marketing"}},
	}, {
		name: "a marker later in the turn answers no one",
		lang: "en",
		turns: []turn{
			{"tomas", "The reports have to be public or an audit is just marketing."},
			{"mara", "Audits need real access to the system. Exactly, and the scope must be public too."},
		},
	}, {
		name: "zh",
		lang: "zh",
		turns: []turn{
			{"mara", "基准测试文化现在弊大于利。"},
			{"tomas", "我不同意。基准测试是小团队唯一负担得起的标尺。"},
		},
		want: []gotRel{{"rebuts", "基准测试是小团队唯一负担得起的标尺", "基准测试文化现在弊大于利"}},
	}, {
		name: "zh agree",
		lang: "zh",
		turns: []turn{
			{"tomas", "审计报告必须公开，否则审计只是营销。"},
			{"mara", "没错。公开的部分还应该包括没有审计的范围。"},
		},
		want: []gotRel{{"supports", "公开的部分还应该包括没有审计的范围", "审计报告必须公开，否则审计只是营销"}},
	}}
	checkRelations(t, people("Mara", "Tomas"), tests)
}

func TestConnectivesAndVerbs(t *testing.T) {
	tests := []relationCase{{
		name:  "because supports the claim before",
		lang:  "en",
		turns: []turn{{"mara", "Audits have to be required by law. Because voluntary audits let the lab pick the scope."}},
		want:  []gotRel{{"supports", "voluntary audits let the lab pick the scope", "Audits have to be required by law"}},
	}, {
		name:  "so follows from the claim before",
		lang:  "en",
		turns: []turn{{"tomas", "Anyone can test the model and publish what they find. So an open model is audited every day."}},
		want:  []gotRel{{"supports", "Anyone can test the model and publish what they find", "an open model is audited every day"}},
	}, {
		name:  "所以",
		lang:  "zh",
		turns: []turn{{"tomas", "任何人都可以测试开放的模型。所以开放模型每天都在接受审计。"}},
		want:  []gotRel{{"supports", "任何人都可以测试开放的模型", "开放模型每天都在接受审计"}},
	}, {
		name: "backing the one spoken to",
		lang: "en",
		turns: []turn{
			{"mara", "Test questions end up in the training data of the models."},
			{"tomas", "I'll back you on that point entirely. We found four percent of a benchmark in our own data."},
		},
		want: []gotRel{{"supports", "We found four percent of a benchmark in our own data", "Test questions end up in the training data of the models"}},
	}, {
		name: "反驳",
		lang: "zh",
		turns: []turn{
			{"mara", "开放权重并不等于开源。"},
			{"tomas", "我反对你的说法，开放权重让任何人都能检查模型。"},
		},
		want: []gotRel{{"rebuts", "我反对你的说法，开放权重让任何人都能检查模型", "开放权重并不等于开源"}},
	}}
	checkRelations(t, people("Mara", "Tomas"), tests)
}

func TestShuoOnlyAsVerb(t *testing.T) {
	s := schema.Core()
	p, _ := rules.LoadBuiltin("zh", s)
	x, err := New([]entities.Entity{{ID: "wang", Kind: "person", Name: "王教授"}}, []*rules.Pack{p}, s)
	if err != nil {
		t.Fatal(err)
	}
	for _, txt := range []string{"王教授的说法不成立。", "王教授游说议员放宽监管。", "王教授说服了董事会。", "王教授写的小说很好看。"} {
		if res := x.Run(txt, Options{}); len(res.Claims) != 0 {
			t.Errorf("%s: claims %v", txt, claimsOf(res))
		}
	}
	res := x.Run("王教授说，监管来得太晚了。", Options{})
	if diff := cmp.Diff([]gotClaim{{"wang", "监管来得太晚了", "zh.claim.say", 0.7}}, claimsOf(res)); diff != "" {
		t.Errorf("(-want +got)\n%s", diff)
	}
}

// FuzzRunDialogue: any text cut into any turns never panics, and every span is
// in bounds.
func FuzzRunDialogue(f *testing.F) {
	f.Add("Mara, is he wrong?\n\nI disagree. Because benchmarks are cheap, so we use them.", 20, 3)
	f.Add("有人批评你们定价太高，您怎么看？\n\n没错。所以我们不同意你，因为成本很高。", 16, 2)
	s := schema.Core()
	packs := builtinPacks(f)
	x, err := New(people("Mara", "Tomas", "Lena"), packs, s)
	if err != nil {
		f.Fatal(err)
	}
	ids := []string{"mara", "tomas", "lena", ""}
	f.Fuzz(func(t *testing.T, txt string, cut, n int) {
		if !utf8.ValidString(txt) {
			return
		}
		total := utf8.RuneCountInString(txt)
		var ts []Turn
		if cut <= 0 {
			cut = 1
		}
		for i, start := 0, 0; start < total && i < 64; i++ {
			end := min(total, start+cut+i%3)
			ts = append(ts, Turn{Span: argument.Span{Start: start, End: end}, Speaker: ids[(i+n)&3]})
			start = end
		}
		res := x.Run(txt, Options{Turns: ts})
		in := func(sp argument.Span) bool { return 0 <= sp.Start && sp.Start <= sp.End && sp.End <= total }
		for _, c := range res.Claims {
			if !in(c.Span) || !in(c.Evidence) {
				t.Fatalf("claim %+v out of bounds", c)
			}
		}
		for _, r := range res.Relations {
			if !in(r.Evidence) || !in(r.FromSpan) || !in(r.ToSpan) {
				t.Fatalf("relation %+v out of bounds", r)
			}
		}
	})
}

// A speaker's consecutive utterances (subtitle cues, one line per locution) are
// one turn: a reason in the second supports the claim of the first, and the
// other speaker's reply answers the last of them.
func TestConsecutiveUtterancesAreOneTurn(t *testing.T) {
	res := runDialogue(t, "en", people("Mara", "Tomas"), []turn{
		{"mara", "An audit needs someone independent with real access."},
		{"mara", "Because a lab marking its own homework is not an audit."},
		{"tomas", "I disagree, an open model is audited every day by thousands of people."},
	})
	want := []gotRel{
		{"supports", "a lab marking its own homework is not an audit", "An audit needs someone independent with real access"},
		{"rebuts", "I disagree, an open model is audited every day by thousands of people", "a lab marking its own homework is not an audit"},
	}
	if diff := cmp.Diff(want, relationsOf(res)); diff != "" {
		t.Errorf("relations (-want +got)\n%s", diff)
	}
}

// Pronouns agree with what they stand for: she is not the man named just
// before when the catalog says his gender, and they (他们) stand for a company
// or group, not a person.
func TestPronounsAgree(t *testing.T) {
	s := schema.Core()
	packs := builtinPacks(t)
	ents := []entities.Entity{
		{ID: "ada", Kind: "person", Name: "Ada", Gender: "female", Aliases: []string{"阿达"}},
		{ID: "charles", Kind: "person", Name: "Charles", Gender: "male", Aliases: []string{"查尔斯"}},
		{ID: "acme", Kind: "company", Name: "Acme", Aliases: []string{"某公司"}},
	}
	x, err := New(ents, packs, s)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		text     string
		speakers []string
		want     []gotClaim
	}{
		{
			text:     "Charles said that engines only compute. She argued that engines can compose music.",
			speakers: []string{"charles", "ada"},
			want: []gotClaim{
				{"charles", "engines only compute", "en.claim.cue", 0.7},
				{"ada", "engines can compose music", "en.claim.cue", 0.7},
			},
		},
		{
			text:     "Acme stayed quiet at first. Later they said that audits cost too much.",
			speakers: []string{"charles"},
			want:     []gotClaim{{"acme", "audits cost too much", "en.claim.cue", 0.7}},
		},
		{
			text:     "查尔斯说，引擎只会计算。某公司也在场。他们认为审计成本太高。",
			speakers: []string{"charles"},
			want: []gotClaim{
				{"charles", "引擎只会计算", "zh.claim.say", 0.7},
				{"acme", "审计成本太高", "zh.claim.cue", 0.7},
			},
		},
	}
	for _, tt := range tests {
		res := x.Run(tt.text, Options{Speakers: tt.speakers})
		if diff := cmp.Diff(tt.want, claimsOf(res)); diff != "" {
			t.Errorf("%s: claims (-want +got)\n%s", tt.text, diff)
		}
	}
}

// A fallback claim of a turn is surer when it names a concept the graph
// curates, and less sure when its speaker is the host: a speaker with three or
// more turns, at least half of which ask.
func TestFallbackConfidence(t *testing.T) {
	ents := append(people("Lena", "Mara"), entities.Entity{ID: "audits", Kind: "concept", Name: "independent audits"})
	res := runDialogue(t, "en", ents, []turn{
		{"lena", "Today we talk about audits and the models they check. Mara, why audit at all?"},
		{"mara", "A report written by the lab itself fails the first test. Only independent audits catch what the lab misses."},
		{"lena", "The labs publish long reports these days. Are they enough?"},
		{"mara", "They are a good habit and nothing more than that."},
		{"lena", "Thank you both. Is that the last word?"},
	})
	// The host's set-up statements are no claims (see TestHostSetUpIsNoClaim).
	want := []gotClaim{
		{"mara", "A report written by the lab itself fails the first test", "en.claim.turn", 0.5},
		{"mara", "Only independent audits catch what the lab misses", "en.claim.turn", 0.55},
		{"mara", "They are a good habit and nothing more than that", "en.claim.turn", 0.5},
	}
	if diff := cmp.Diff(want, claimsOf(res)); diff != "" {
		t.Errorf("claims (-want +got)\n%s", diff)
	}
	if got := hostsOf("", nil, nil); len(got) != 0 {
		t.Errorf("hosts of no turns: %v", got)
	}
}

// relationCase is a dialogue and the relations the rules find in it.
type relationCase struct {
	name  string
	lang  string
	turns []turn
	want  []gotRel
}

// checkRelations runs each case among the entities ents and compares the
// relations found with the case's.
func checkRelations(t *testing.T, ents []entities.Entity, cases []relationCase) {
	t.Helper()
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			res := runDialogue(t, tt.lang, ents, tt.turns)
			if diff := cmp.Diff(tt.want, relationsOf(res)); diff != "" {
				t.Errorf("relations (-want +got)\n%s\nclaims: %v", diff, claimsOf(res))
			}
		})
	}
}

// TestNamedReplyMarkers: a turn that opens by judging what a speaker it names
// said answers that speaker's latest claim, not the previous turn's, and the
// marker passes its link to the turn's next claim.
func TestNamedReplyMarkers(t *testing.T) {
	tests := []relationCase{{
		name: "zh: the named speaker, not the previous one",
		lang: "zh",
		turns: []turn{
			{"吴老师", "摊位费要是用来请人晚上巡查，我举双手赞成。"},
			{"陆建华", "商户每个月交房租、交税，摊贩什么都不用交。"},
			{"周敏", "吴老师这个建议特别好。摊位费就应该专款专用，用在夜间保洁和巡查上。"},
		},
		want: []gotRel{
			{"supports", "摊位费就应该专款专用，用在夜间保洁和巡查上", "摊位费要是用来请人晚上巡查，我举双手赞成"},
			// The shape of the turns: an answer to the guest before.
			{"rebuts", "商户每个月交房租、交税，摊贩什么都不用交", "摊位费要是用来请人晚上巡查，我举双手赞成"},
		},
	}, {
		name: "zh: a view named as wrong",
		lang: "zh",
		turns: []turn{
			{"吴老师", "夜市一开，油烟和噪音全落在住户家里。"},
			{"陆建华", "商户每个月交房租、交税，摊贩什么都不用交。"},
			{"周敏", "陆建华这个说法我不太同意。摊位费和店铺的税费本来就是两回事。"},
		},
		want: []gotRel{
			{"rebuts", "摊位费和店铺的税费本来就是两回事", "商户每个月交房租、交税，摊贩什么都不用交"},
			{"rebuts", "商户每个月交房租、交税，摊贩什么都不用交", "夜市一开，油烟和噪音全落在住户家里"},
		},
	}, {
		name: "en: a vocative names whom the agreement answers",
		lang: "en",
		turns: []turn{
			{"priya", "Fluoride in the water reaches the children who never see a dentist."},
			{"graham", "Nobody consented to being medicated through their tap."},
			{"susan", "Priya, that's a fair point. The children in the valley estates have the worst teeth in the county."},
		},
		want: []gotRel{
			{"supports", "The children in the valley estates have the worst teeth in the county", "Fluoride in the water reaches the children who never see a dentist"},
			{"rebuts", "Nobody consented to being medicated through their tap", "Fluoride in the water reaches the children who never see a dentist"},
		},
	}}
	checkRelations(t, people("吴老师", "陆建华", "周敏", "Priya", "Graham", "Susan"), tests)
}

// TestMentionsAtStart: the mentions a claim is said of are found by where they
// start, without reading the others (a long dialogue has many claims and many
// mentions): those starting in the claim's first subjectReach characters.
func TestMentionsAtStart(t *testing.T) {
	at := func(s int) finding.Mention {
		return finding.Mention{Entity: fmt.Sprint(s), Span: argument.Span{Start: s, End: s + 2}}
	}
	ms := []finding.Mention{at(1), at(10), at(10), at(10 + subjectReach), at(11 + subjectReach), at(90)}
	c := finding.Claim{Span: argument.Span{Start: 10, End: 60}}
	var got []int
	for _, m := range mentionsAtStart(ms, c) {
		got = append(got, m.Span.Start)
	}
	if want := []int{10, 10, 10 + subjectReach}; !slices.Equal(got, want) {
		t.Errorf("mentionsAtStart = %v, want %v", got, want)
	}
	if got := mentionsAtStart(ms, finding.Claim{Span: argument.Span{Start: 95, End: 99}}); len(got) != 0 {
		t.Errorf("past the last mention: %v", got)
	}
}

// TestClaimAfterABreak: a claim that takes up a sentence broken off opens with a
// dash or an ellipsis, which is no part of what it claims; one that breaks off
// still ends with its dash, and claims nothing yet.
func TestClaimAfterABreak(t *testing.T) {
	res := runDialogue(t, "zh", people("周海涛", "陆桂芳"), []turn{
		{"周海涛", "取消门票以后，限流的办法也要跟上，我们已经——"},
		{"陆桂芳", "限流你们前年也讲过的呀。"},
		{"周海涛", "——旺季照样要预约，超过最大承载量就限流。"},
	})
	var texts []string
	for _, c := range res.Claims {
		texts = append(texts, c.Text)
	}
	want := []string{"限流你们前年也讲过的呀", "旺季照样要预约，超过最大承载量就限流"}
	if diff := cmp.Diff(want, texts); diff != "" {
		t.Errorf("claims (-want +got)\n%s", diff)
	}
}
