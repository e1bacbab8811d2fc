package export

import (
	"fmt"
	"math/rand/v2"
	"sync"

	"github.com/cayleygraph/quad"

	"github.com/graphbuilder/graph/internal/vocab"
)

// fixtureBuilder writes quads the way package rdf does, so that tests can make
// small graphs with every feature the encoders handle.
type fixtureBuilder struct {
	label quad.IRI
	qs    []quad.Quad
}

func (b *fixtureBuilder) add(s quad.Value, p quad.IRI, o quad.Value) {
	b.qs = append(b.qs, quad.Quad{Subject: s, Predicate: p, Object: o, Label: b.label})
}

func (b *fixtureBuilder) source(id, title, lang string) {
	b.label = vocab.SourceIRI(id)
	b.add(b.label, vocab.Type, vocab.SourceType)
	b.add(b.label, vocab.Title, quad.String(title))
	b.add(b.label, vocab.Language, quad.String(lang))
	b.add(b.label, vocab.Date, quad.String("2025-01-02"))
}

func (b *fixtureBuilder) entity(id, kind, name string, aliases ...string) quad.IRI {
	e := vocab.EntityIRI(id)
	b.add(e, vocab.Type, quad.IRI(kind))
	b.add(e, vocab.Name, quad.String(name))
	for _, a := range aliases {
		b.add(e, vocab.Alias, quad.String(a))
	}
	return e
}

func (b *fixtureBuilder) claim(src, id, speaker, text, quote string, about ...string) quad.IRI {
	c := vocab.ClaimIRI(src, id)
	b.add(c, vocab.Type, vocab.ClaimType)
	b.add(c, vocab.Text, quad.String(text))
	b.add(c, vocab.Speaker, vocab.EntityIRI(speaker))
	b.add(c, vocab.Source, vocab.SourceIRI(src))
	b.add(vocab.EntityIRI(speaker), vocab.Asserts, c)
	if quote != "" {
		b.add(c, vocab.Quote, quad.String(quote))
		b.add(c, vocab.QuoteStart, quad.Int(3))
		b.add(c, vocab.QuoteEnd, quad.Int(3+len([]rune(quote))))
	}
	for _, a := range about {
		b.add(c, vocab.About, vocab.EntityIRI(a))
	}
	return c
}

func (b *fixtureBuilder) relation(src string, from quad.IRI, kind string, to quad.IRI, by, quote string) quad.IRI {
	r := vocab.RelationIRI(src, from, kind, to)
	b.qs = append(b.qs, vocab.RelationQuads(b.label, r, from, quad.IRI(kind), to, vocab.SourceIRI(src))...)
	b.add(r, vocab.Origin, quad.String(vocab.OriginCurated))
	if by != "" {
		b.add(r, vocab.StatedBy, vocab.EntityIRI(by))
	}
	if quote != "" {
		b.add(r, vocab.Quote, quad.String(quote))
	}
	return r
}

// fixture is two sources (one Chinese, one English) and a catalog: every node kind,
// every argument kind, an undercut of a relation, facts, topics, and texts with
// characters that DOT, XML and JSON escape.
func fixture() []quad.Quad {
	b := &fixtureBuilder{}
	b.label = vocab.CatalogIRI("orgs")
	b.add(b.label, vocab.Type, vocab.CatalogType)
	b.entity("open-lab", "organization", "Open Lab", "开放实验室")
	b.add(vocab.EntityIRI("open-lab"), vocab.Catalog, b.label)

	b.source("talk-zh", "关于 AI 的访谈：回报递减？", "zh")
	alice := b.entity("alice", "person", "Alice Liddell", "Alice", "爱丽丝")
	b.entity("skeptics", "group", "怀疑者", "critics")
	acme := b.entity("acme", "company", "Acme \"AI\" Corp")
	widget := b.entity("widget", "product", "Widget <Pro>")
	b.entity("scaling", "concept", "scaling laws", "缩放定律")
	b.add(alice, quad.IRI("ceo_of"), acme)
	b.add(acme, quad.IRI("develops"), widget)
	b.add(b.label, vocab.Speaker, alice)
	b.add(b.label, vocab.Mentions, alice)
	c1 := b.claim("talk-zh", "no-diminishing-returns", "alice",
		"至少在 Acme 的模型上看不到任何回报递减的迹象，而且每一个新版本的编码能力都大幅提升。",
		`她说 "看不到" \ 回报递减`, "scaling")
	c2 := b.claim("talk-zh", "diminishing-returns", "skeptics", "AI 的进步已经遇到回报递减。", "", "scaling")
	c3 := b.claim("talk-zh", "benchmarks-grow", "alice",
		"Benchmark scores & <usage> grow exponentially with each release of the models", "")
	c4 := b.claim("talk-zh", "no-continual-learning", "skeptics", "大模型缺乏持续学习的能力。", "")
	c5 := b.claim("talk-zh", "impact-limited", "skeptics", "大模型的影响是有限的。", "")
	b.relation("talk-zh", c1, "rebuts", c2, "alice", "看不到回报递减")
	b.relation("talk-zh", c3, "supports", c1, "", "")
	inference := b.relation("talk-zh", c4, "supports", c5, "", "并据此认为")
	b.relation("talk-zh", c1, "undercuts", inference, "", "")
	b.relation("talk-zh", vocab.EntityIRI("skeptics"), "criticizes", alice, "", "")
	b.relation("talk-zh", c2, "criticizes", acme, "", "")

	b.source("debate-en", "A debate on safety", "en")
	alice = b.entity("alice", "person", "Alice Liddell", "Alice", "爱丽丝")
	bob := b.entity("bob", "person", "Bob")
	b.entity("safety", "concept", "AI safety")
	b.add(alice, quad.IRI("member_of"), vocab.EntityIRI("open-lab"))
	d1 := b.claim("debate-en", "race-to-the-top", "alice",
		"Safety research is a race to the top, not a race to the bottom.", "a race to the top", "safety")
	d2 := b.claim("debate-en", "safety-is-marketing", "bob", "Safety talk is marketing.", "")
	b.relation("debate-en", d2, "rebuts", d1, "bob", "")
	b.relation("debate-en", bob, "criticizes", d1, "", "")
	return b.qs
}

var (
	synthOnce  sync.Once
	synthQuads []quad.Quad
)

// synthetic returns a graph of 10,000 nodes, built once: 500 speakers, 1,500
// concepts and 8,000 claims, each claim about a concept and, after the first,
// supporting or rebutting an earlier claim.
func synthetic() []quad.Quad {
	synthOnce.Do(func() {
		r := rand.New(rand.NewPCG(1, 2))
		b := &fixtureBuilder{}
		b.source("synthetic", "Synthetic", "en")
		for i := range 500 {
			b.entity(fmt.Sprintf("person-%d", i), "person", fmt.Sprintf("Person %d", i))
		}
		for i := range 1500 {
			b.entity(fmt.Sprintf("concept-%d", i), "concept", fmt.Sprintf("概念 %d", i))
		}
		claims := make([]quad.IRI, 8000)
		for i := range claims {
			claims[i] = b.claim("synthetic", fmt.Sprintf("c%d", i), fmt.Sprintf("person-%d", r.IntN(500)),
				fmt.Sprintf("第 %d 个主张：大模型的影响是有限的，而且 scaling laws 仍然成立。", i), "",
				fmt.Sprintf("concept-%d", r.IntN(1500)))
			if i > 0 {
				kind := "supports"
				if r.IntN(3) == 0 {
					kind = "rebuts"
				}
				b.relation("synthetic", claims[i], kind, claims[r.IntN(i)], "", "")
			}
		}
		synthQuads = b.qs
	})
	return synthQuads
}
