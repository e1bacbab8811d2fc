package pipeline

import (
	"bytes"
	"context"
	"slices"
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/graphbuilder/graph/internal/store"
	"github.com/graphbuilder/graph/internal/vocab"
)

// buildExamples builds the given example folders into st.
func buildExamples(t *testing.T, st *store.Store, names ...string) {
	t.Helper()
	var paths []string
	for _, n := range names {
		paths = append(paths, "../../examples/"+n)
	}
	loaded, err := Load(paths)
	if err != nil {
		t.Fatalf("load: %v\n%v", err, loaded.Diagnostics)
	}
	open := func(context.Context) (*store.Store, error) { return st, nil }
	if _, _, err := Build(context.Background(), loaded.Graphs, Options{Open: open}); err != nil {
		t.Fatal(err)
	}
}

func memoryStore(t *testing.T) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), store.Config{Backend: store.Memory})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func claimIRIs(source string, ids ...string) []string {
	var out []string
	for _, id := range ids {
		out = append(out, string(vocab.ClaimIRI(source, id)))
	}
	return out
}

// The claims of amodei-2025 that its own rebuttals defeat: each critique he
// answers with a claim nobody attacks, the accelerationists' "just accelerate"
// that he criticizes, his "the control charge is a lie" (the author rebuts it
// with three deeds nobody disputes) and his "setting an example" (rebutted by the
// author's "his words are not sincere").
var amodeiOut = claimIRIs("amodei-2025",
	"just-accelerate", "amodei-is-doomer", "amodei-wants-control", "scaling-diminishing-returns",
	"llm-impact-limited", "anthropic-lacks-resources", "open-source-threatens-anthropic",
	"anthropic-losing-money", "safe-ai-impossible", "no-regulation-for-a-decade",
	"safety-concern-is-about-control", "control-charge-is-a-lie", "setting-an-example")

// TestAcceptabilityAmodei pins the grounded labels of amodei-2025 alone, and
// with lecun-2024 linked in through its cross-source rebuttals.
func TestAcceptabilityAmodei(t *testing.T) {
	ctx := context.Background()
	st := memoryStore(t)
	buildExamples(t, st, "amodei-2025", "lecun-2024")

	alone, err := Acceptability(ctx, st, AcceptabilityOptions{Sources: []string{"amodei-2025"}})
	if err != nil {
		t.Fatal(err)
	}
	checkLabels(t, alone, 86, amodeiOut)
	// "Only he can build safe AI" is attacked by "the control charge is a lie",
	// which the author defeats: it is reinstated.
	if s := status(alone, "claim/amodei-2025/only-he-can-build-safe-ai"); s != "in" {
		t.Errorf("only-he-can-build-safe-ai is %s, want in (reinstated)", s)
	}
	// The critics' inference from "no continual learning" to "limited impact" is
	// undercut twice; the rebuttal "setting an example" of the control charge is
	// undercut by "judge by deeds", and its source is rebutted.
	g := vocab.Decode(mustQuads(t, st))
	inference := relationByCurated(t, g, "critics-continual-learning-inference")
	example := relationByCurated(t, g, "example-rebuts-control-charge")
	for _, j := range alone.Supports {
		if j.IRI == inference && (j.Status != "out" || !slices.Equal(j.DefeatedBy, claimIRIs("amodei-2025", "impact-without-continual-learning", "ten-million-nobel-laureates"))) {
			t.Errorf("the undercut inference is %s, defeated by %v", j.Status, j.DefeatedBy)
		}
	}
	if len(alone.Undercut) != 1 || alone.Undercut[0].IRI != example || alone.Undercut[0].Status != "out" ||
		!slices.Equal(alone.Undercut[0].DefeatedBy, claimIRIs("amodei-2025", "judge-by-deeds", "words-not-sincere")) {
		t.Errorf("undercut attacks: %+v", alone.Undercut)
	}

	linked, err := Acceptability(ctx, st, AcceptabilityOptions{Sources: []string{"amodei-2025", "lecun-2024"}})
	if err != nil {
		t.Fatal(err)
	}
	// LeCun's rebuttals defeat four of Amodei's claims; one of them, "open source
	// is a red herring", was what defeated "open source threatens Anthropic",
	// which is reinstated. In his own interview, the doomers' takeover and the
	// sceptics' "open models arm bad actors" fall.
	want := slices.Concat(
		slices.DeleteFunc(slices.Clone(amodeiOut), func(s string) bool { return s == "claim/amodei-2025/open-source-threatens-anthropic" }),
		claimIRIs("amodei-2025", "capability-ladder", "on-the-verge-of-explosion", "ai-is-dangerous", "open-source-is-red-herring"),
		claimIRIs("lecun-2024", "superintelligence-takeover", "open-models-arm-bad-actors"))
	checkLabels(t, linked, 86+28, want)
	// "AI is dangerous" falls, so the inference from it to "duty to warn" does,
	// but the claim it supported stands.
	if s := status(linked, "claim/amodei-2025/duty-to-warn"); s != "in" {
		t.Errorf("duty-to-warn is %s, want in", s)
	}
}

// checkLabels checks that the claims are exactly out and everything else in.
func checkLabels(t *testing.T, res *Acceptance, claims int, out []string) {
	t.Helper()
	if len(res.Claims) != claims {
		t.Errorf("%d claims, want %d", len(res.Claims), claims)
	}
	var gotOut []string
	for _, c := range res.Claims {
		switch c.Status {
		case "out":
			gotOut = append(gotOut, c.IRI)
			if len(c.DefeatedBy) == 0 {
				t.Errorf("%s is out, defeated by nothing", c.IRI)
			}
		case "in":
		default:
			t.Errorf("%s is %s", c.IRI, c.Status)
		}
	}
	slices.Sort(gotOut)
	want := slices.Sorted(slices.Values(out))
	if !slices.Equal(gotOut, want) {
		t.Errorf("out:\n got %q\nwant %q", gotOut, want)
	}
}

func status(res *Acceptance, iri string) string {
	for _, c := range res.Claims {
		if c.IRI == iri {
			return c.Status
		}
	}
	return "missing"
}

func relationByCurated(t *testing.T, g *vocab.Graph, id string) string {
	t.Helper()
	for _, r := range g.Relations {
		if r.CuratedID == id {
			return r.IRI
		}
	}
	t.Fatalf("no relation %q", id)
	return ""
}

func mustQuads(t *testing.T, st *store.Store) []quad.Quad {
	t.Helper()
	qs, err := st.AllQuads(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return qs
}

// storedResults renders what the store holds under the evaluation labels.
func storedResults(t *testing.T, st *store.Store) []byte {
	t.Helper()
	var all []quad.Quad
	for _, s := range vocab.EvaluatedSemantics {
		qs, err := st.Quads(context.Background(), vocab.EvaluationLabel(s))
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, qs...)
	}
	return vocab.NQuads(vocab.Sorted(all))
}

// TestAcceptabilityWritten checks that the stored results are the same byte for
// byte from two stores built alike, that they answer the Gizmo question "claims
// of Amodei that stand", and that a build that changes the graphs recomputes
// them.
func TestAcceptabilityWritten(t *testing.T) {
	ctx := context.Background()
	var texts [][]byte
	for range 2 {
		st := memoryStore(t)
		buildExamples(t, st, "amodei-2025", "lecun-2024", "ai-audits-2026")
		res, err := Acceptability(ctx, st, AcceptabilityOptions{Write: true})
		if err != nil {
			t.Fatal(err)
		}
		if res.Written == nil || res.Written.Quads == 0 {
			t.Fatalf("written: %+v", res.Written)
		}
		texts = append(texts, storedResults(t, st))
	}
	if !bytes.Equal(texts[0], texts[1]) {
		t.Error("two evaluations of the same graphs stored different quads")
	}

	st := memoryStore(t)
	buildExamples(t, st, "amodei-2025")
	if _, err := Acceptability(ctx, st, AcceptabilityOptions{Write: true}); err != nil {
		t.Fatal(err)
	}
	const stand = `g.V("<dario-amodei>").Out("<asserts>").Has("<grounded>", "in").All()`
	const herring = `g.V("<claim/amodei-2025/open-source-is-red-herring>").Out("<grounded>").All()`
	before := queryOne(t, st, herring)
	if status, err := GroundedStatus(ctx, st); err != nil || status["claim/amodei-2025/amodei-wants-control"] != "out" || len(status) != 140 {
		t.Errorf("GroundedStatus: %d labels, amodei-wants-control %q, %v; want 140 (86 claims, 53 supports, 1 attack), out", len(status), status["claim/amodei-2025/amodei-wants-control"], err)
	}
	standing := queryCount(t, st, stand)
	buildExamples(t, st, "lecun-2024") // LeCun rebuts four of his claims
	after := queryOne(t, st, herring)
	if before != "in" || after != "out" {
		t.Errorf("open-source-is-red-herring: %v before lecun-2024 was built, %v after; want in, then out", before, after)
	}
	if n, m := standing, queryCount(t, st, stand); n == 0 || n-m != 4 {
		t.Errorf("claims of Amodei that stand: %v, then %v; want four fewer", n, m)
	}
	if _, err := Acceptability(ctx, st, AcceptabilityOptions{Write: true, Sources: []string{"amodei-2025"}}); err == nil {
		t.Error("a scoped run was allowed to write")
	}
}

func queryOne(t *testing.T, st *store.Store, q string) any {
	t.Helper()
	res, err := st.Query(context.Background(), q, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(res) != 1 {
		t.Fatalf("%s: %d results", q, len(res))
	}
	if m, ok := res[0].(map[string]any); ok {
		return m["id"]
	}
	return res[0]
}

func queryCount(t *testing.T, st *store.Store, q string) int {
	t.Helper()
	res, err := st.Query(context.Background(), q, 0)
	if err != nil {
		t.Fatal(err)
	}
	return len(res)
}
