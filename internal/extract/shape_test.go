package extract

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/graphbuilder/graph/internal/entities"
)

// A host's statements that only set up the next question are no claims; the
// guests' are.
func TestHostSetUpIsNoClaim(t *testing.T) {
	res := runDialogue(t, "en", people("Ruth", "Omar", "Kit"), []turn{
		{"ruth", "Tonight we look at the night buses. Omar, should they run all week?"},
		{"omar", "Night shifts end after midnight on every day of the week, not just at weekends."},
		{"ruth", "The budget is tight this year. Kit, can the city pay for it?"},
		{"kit", "The money would come out of the daytime routes that most riders use."},
		{"ruth", "We will come back to that. Is there a middle way?"},
	})
	for _, c := range res.Claims {
		if c.Speaker == "ruth" {
			t.Errorf("host's set-up taken as a claim: %q", c.Text)
		}
	}
	if len(res.Claims) != 2 {
		t.Errorf("claims: %v", claimsOf(res))
	}
}

// A turn's first claim that answers another speaker and holds a word of
// negation or contrast rebuts the claim it answers, the one it shares most with
// among that speaker's recent claims.
func TestAnswerWithContrastRebuts(t *testing.T) {
	tests := []struct {
		name  string
		lang  string
		turns []turn
		want  []gotRel
	}{{
		name: "negation answers the shared claim",
		lang: "en",
		turns: []turn{
			{"omar", "Night buses would carry nurses and cleaners home safely. The tram depot is also close to the centre."},
			{"kit", "Nurses and cleaners mostly drive home, they would not take a night bus at all."},
		},
		want: []gotRel{{"rebuts", "Nurses and cleaners mostly drive home, they would not take a night bus at all", "Night buses would carry nurses and cleaners home safely"}},
	}, {
		name: "no contrast: the answer still rebuts, less surely",
		lang: "en",
		turns: []turn{
			{"omar", "Night buses would carry nurses and cleaners home safely."},
			{"kit", "The tram depot could host the night fleet for free."},
		},
		want: []gotRel{{"rebuts", "The tram depot could host the night fleet for free", "Night buses would carry nurses and cleaners home safely"}},
	}, {
		name: "one speaker never rebuts themselves",
		lang: "en",
		turns: []turn{
			{"omar", "Night buses would carry nurses and cleaners home safely."},
			{"omar", "But the drivers would need a proper break room."},
		},
		want: nil,
	}, {
		name: "Chinese contrast",
		lang: "zh",
		turns: []turn{
			{"omar", "夜班公交能让护士和保洁员安全回家。"},
			{"kit", "护士和保洁员大多开车回家，根本不会坐夜班公交。"},
		},
		want: []gotRel{{"rebuts", "护士和保洁员大多开车回家，根本不会坐夜班公交", "夜班公交能让护士和保洁员安全回家"}},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := runDialogue(t, tt.lang, people("Omar", "Kit"), tt.turns)
			var got []gotRel
			for _, r := range relationsOf(res) {
				if r.Kind == "rebuts" {
					got = append(got, r)
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("rebuttals (-want +got)\n%s", diff)
			}
			for _, r := range res.Relations {
				if r.Confidence >= 0.5 {
					t.Errorf("a relation of the dialogue's shape is as sure as a marked one: %+v", r)
				}
			}
		})
	}
}

// The other claims of a turn with no link of their own support its point: its
// surest claim, when a cue or a curated concept made it surer than a plain
// statement, before them or after; in a turn of plain statements, the first
// (see TestAnswerIsThePointOfAPlainTurn).
func TestClaimsSupportTheTurnsPoint(t *testing.T) {
	ents := append(people("Omar", "Kit"), entities.Entity{ID: "night-buses", Kind: "concept", Name: "night buses"})
	res := runDialogue(t, "en", ents, []turn{
		{"omar", "Night shifts end after midnight all week long. The last train leaves at half past eleven. I think the city should run night buses every day."},
		{"kit", "The depot is full at night already. Drivers would need a second shift allowance."},
	})
	want := []gotRel{
		{"supports", "Night shifts end after midnight all week long", "the city should run night buses every day"},
		{"supports", "The last train leaves at half past eleven", "the city should run night buses every day"},
		{"rebuts", "The depot is full at night already", "the city should run night buses every day"},
		{"supports", "Drivers would need a second shift allowance", "The depot is full at night already"},
	}
	if diff := cmp.Diff(want, relationsOf(res)); diff != "" {
		t.Errorf("relations (-want +got)\n%s", diff)
	}
}

// A claim of a turn that names an entity at its start and holds one of the
// pack's negatives criticizes the entity; one that names it further on, or a
// speaker of the dialogue, does not.
func TestNegativeClaimCriticizes(t *testing.T) {
	tests := []struct {
		name string
		lang string
		text string
		want []gotRel
	}{
		{"named at the start", "en", "The night fare punishes the people with the least money.", []gotRel{{"criticizes", "omar", "night-fare"}}},
		{"named further on", "en", "Students and nurses would lose the most if the city brought in the night fare.", nil},
		{"no negative word", "en", "The night fare pays for the drivers and the cleaning.", nil},
		{"a speaker is answered, not criticized", "en", "Kit is wrong about the depot and the drivers.", nil},
		{"Chinese", "zh", "夜间票价伤害的是收入最低的人。", []gotRel{{"criticizes", "omar", "night-fare"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ents := append(people("Omar", "Kit"), entities.Entity{ID: "night-fare", Kind: "concept", Name: "night fare", Aliases: []string{"夜间票价"}})
			res := runDialogue(t, tt.lang, ents, []turn{{"kit", "The buses should run all night."}, {"omar", tt.text}})
			var got []gotRel
			for _, r := range relationsOf(res) {
				if r.Kind == "criticizes" {
					got = append(got, r)
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("criticizes (-want +got)\n%s", diff)
			}
		})
	}
}

// A reply marker the speaker follows with more in the turn is no claim: what it
// marks passes to the speaker's next claim, with the marker as evidence. A
// marker that goes on past a comma stays a claim.
func TestReplyMarkerPassesToNextClaim(t *testing.T) {
	res := runDialogue(t, "en", people("Omar", "Kit"), []turn{
		{"omar", "Night buses would carry nurses and cleaners home safely."},
		{"kit", "I don't accept that they would be safe. The stops on the ring road have no lighting at all."},
	})
	wantClaims := []gotClaim{
		{"omar", "Night buses would carry nurses and cleaners home safely", "en.claim.turn", 0.5},
		{"kit", "The stops on the ring road have no lighting at all", "en.claim.turn", 0.5},
	}
	if diff := cmp.Diff(wantClaims, claimsOf(res)); diff != "" {
		t.Errorf("claims (-want +got)\n%s", diff)
	}
	want := []gotRel{{"rebuts", "The stops on the ring road have no lighting at all", "Night buses would carry nurses and cleaners home safely"}}
	if diff := cmp.Diff(want, relationsOf(res)); diff != "" {
		t.Errorf("relations (-want +got)\n%s", diff)
	}
	if len(res.Relations) == 1 && res.Relations[0].Quote != "I don't accept that they would be safe." {
		t.Errorf("evidence %q, want the marker", res.Relations[0].Quote)
	}

	res = runDialogue(t, "zh", people("Omar", "Kit"), []turn{
		{"omar", "夜班公交能让护士和保洁员安全回家。"},
		{"kit", "有道理，所以我一直主张开通夜班公交。换乘站也要有照明。"},
	})
	if len(res.Claims) != 3 || res.Claims[1].Text != "有道理，所以我一直主张开通夜班公交" {
		t.Errorf("a marker going on past a comma: claims %v", claimsOf(res))
	}
}

func TestHoldsWord(t *testing.T) {
	words := []string{"not", "n't", "but", "不", "但"}
	for s, want := range map[string]bool{
		"That is not how it works":   true,
		"That doesn’t follow":        true,
		"But the money is there":     true,
		"Nothing here is butter":     false,
		"Notably, the rent is lower": false,
		"这个说法不对":                     true,
		"这个说法很对":                     false,
	} {
		if got := holdsWord(s, words); got != want {
			t.Errorf("holdsWord(%q) = %v, want %v", s, got, want)
		}
	}
}

// Only the two claims on each side of a turn's point support it: in a long turn
// the speaker moves on.
func TestSupportsStayNearThePoint(t *testing.T) {
	ents := append(people("Omar", "Kit"), entities.Entity{ID: "night-buses", Kind: "concept", Name: "night buses"})
	res := runDialogue(t, "en", ents, []turn{
		{"omar", "The tram depot was painted green last spring. Its roof leaks in the rain every winter. Night shifts end after midnight all week long. The last train leaves at half past eleven. I think the city should run night buses every day. Cleaners start work at five in the morning."},
		{"kit", "The depot is full at night already. Drivers would need a second shift allowance."},
	})
	want := []gotRel{
		{"supports", "Night shifts end after midnight all week long", "the city should run night buses every day"},
		{"supports", "The last train leaves at half past eleven", "the city should run night buses every day"},
		{"supports", "Cleaners start work at five in the morning", "the city should run night buses every day"},
		{"rebuts", "The depot is full at night already", "Cleaners start work at five in the morning"},
		{"supports", "Drivers would need a second shift allowance", "The depot is full at night already"},
	}
	if diff := cmp.Diff(want, relationsOf(res)); diff != "" {
		t.Errorf("relations (-want +got)\n%s", diff)
	}
}

// A turn's first claim with no contrast word that takes up the words of a
// guest's earlier claim, not only the latest one, rebuts it; one that shares
// at most one word answers nothing.
func TestAnswerBySharedWordsRebuts(t *testing.T) {
	tests := []relationCase{{
		name: "an earlier claim of the other guest",
		lang: "en",
		turns: []turn{
			{"omar", "Night buses would carry hospital cleaners home safely."},
			{"kit", "The council has frozen the transport budget for three years."},
			{"omar", "A fare of one pound would cover the drivers."},
			{"kit", "Hospital cleaners already get a taxi voucher for late shifts."},
		},
		// The turns in between answer the turn before them (by order alone);
		// the last answers the first, whose words it takes up.
		want: []gotRel{
			{"rebuts", "The council has frozen the transport budget for three years", "Night buses would carry hospital cleaners home safely"},
			{"rebuts", "A fare of one pound would cover the drivers", "The council has frozen the transport budget for three years"},
			{"rebuts", "Hospital cleaners already get a taxi voucher for late shifts", "Night buses would carry hospital cleaners home safely"},
		},
	}, {
		name: "one shared word is chance: the answer is to the latest claim",
		lang: "en",
		turns: []turn{
			{"omar", "Night buses would carry hospital cleaners home safely. The depot has room for twelve more buses."},
			{"kit", "Most cleaners in this city drive their own cars."},
		},
		want: []gotRel{
			{"supports", "The depot has room for twelve more buses", "Night buses would carry hospital cleaners home safely"},
			{"rebuts", "Most cleaners in this city drive their own cars", "The depot has room for twelve more buses"},
		},
	}, {
		name: "zh",
		lang: "zh",
		turns: []turn{
			{"omar", "夜班公交能让医院保洁员安全回家。"},
			{"kit", "医院保洁员下夜班有打车补贴。"},
		},
		want: []gotRel{{"rebuts", "医院保洁员下夜班有打车补贴", "夜班公交能让医院保洁员安全回家"}},
	}}
	checkRelations(t, people("Omar", "Kit"), tests)
}

// The point of a turn that a first-person cue made ("I think ...") and that
// names a concept at its start, with no negative or contrast, endorses the
// concept; a plain statement, or one holding a negation, does not.
func TestCuedPointEndorses(t *testing.T) {
	ents := append(people("Omar", "Kit"),
		entities.Entity{ID: "night-buses", Kind: "concept", Name: "night buses", Aliases: []string{"夜班公交"}})
	tests := []relationCase{{
		name: "cued point",
		lang: "en",
		turns: []turn{
			{"omar", "Shifts end after midnight. I think night buses are the fairest answer for shift workers."},
		},
		want: []gotRel{{"endorses", "omar", "night-buses"}},
	}, {
		name: "zh",
		lang: "zh",
		turns: []turn{
			{"omar", "我认为夜班公交是对倒班工人最公平的办法。"},
		},
		want: []gotRel{{"endorses", "omar", "night-buses"}},
	}, {
		name: "negated",
		lang: "en",
		turns: []turn{
			{"kit", "I think night buses are not worth the money at all."},
		},
	}, {
		name: "plain statement",
		lang: "en",
		turns: []turn{
			{"kit", "Night buses are the fairest answer for shift workers."},
		},
	}}
	checkRelations(t, ents, tests)
}

// A turn of plain statements opens with its point, here an answer to the
// other guest: the statements after it are its reasons.
func TestAnswerIsThePointOfAPlainTurn(t *testing.T) {
	res := runDialogue(t, "en", people("Omar", "Kit"), []turn{
		{"omar", "Night buses would carry hospital cleaners home safely."},
		{"kit", "That is not how cleaners get home. Most of them drive their own cars after a late shift."},
	})
	want := []gotRel{
		{"rebuts", "That is not how cleaners get home", "Night buses would carry hospital cleaners home safely"},
		{"supports", "Most of them drive their own cars after a late shift", "That is not how cleaners get home"},
	}
	if diff := cmp.Diff(want, relationsOf(res)); diff != "" {
		t.Errorf("relations (-want +got)\n%s\nclaims: %v", diff, claimsOf(res))
	}
}

// A turn's first claim that grants the other guest a point supports it, and
// the next claim of the turn with a contrast rebuts it.
func TestConcessionSupportsThenContrastRebuts(t *testing.T) {
	tests := []struct {
		name  string
		lang  string
		turns []turn
		want  []gotRel
	}{{
		name: "en",
		lang: "en",
		turns: []turn{
			{"omar", "Night buses would carry hospital cleaners home safely."},
			{"kit", "Admittedly the cleaners need a safe way home after midnight. The depot has room for twelve more buses. But the fares would never cover a single driver."},
		},
		want: []gotRel{
			{"supports", "Admittedly the cleaners need a safe way home after midnight", "Night buses would carry hospital cleaners home safely"},
			{"rebuts", "the fares would never cover a single driver", "Night buses would carry hospital cleaners home safely"},
		},
	}, {
		name: "zh",
		lang: "zh",
		turns: []turn{
			{"omar", "夜班公交能让医院保洁员安全回家。"},
			{"kit", "保洁员下夜班确实不好回家。可是票价连一个司机的工资都付不起。"},
		},
		want: []gotRel{
			{"supports", "保洁员下夜班确实不好回家", "夜班公交能让医院保洁员安全回家"},
			{"rebuts", "票价连一个司机的工资都付不起", "夜班公交能让医院保洁员安全回家"},
		},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := runDialogue(t, tt.lang, people("Omar", "Kit"), tt.turns)
			var got []gotRel
			for _, r := range relationsOf(res) {
				if r.Kind != "supports" || r.To == tt.want[0].To {
					got = append(got, r)
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("relations (-want +got)\n%s\nclaims: %v", diff, claimsOf(res))
			}
		})
	}
}
