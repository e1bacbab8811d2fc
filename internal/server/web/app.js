// The graph workbench: plain JavaScript over the server's JSON API and Cytoscape.js.
"use strict";

const FONT = getComputedStyle(document.body).fontFamily;

// Each edge kind's colour and line; argument kinds stand out, the rest recede.
const EDGE_STYLE = {
  criticizes: { color: "#d62728", line: "solid", label: "criticizes" },
  rebuts: { color: "#8b1a1a", line: "dashed", label: "rebuts" },
  supports: { color: "#2ca02c", line: "solid", label: "supports" },
  undercuts: { color: "#7b3fb5", line: "dotted", label: "undercuts" },
  rephrases: { color: "#1f77b4", line: "dashed", label: "rephrases" },
  asserts: { color: "#9aa3ad", line: "solid", label: "asserts" },
  about: { color: "#7fb2d9", line: "dashed", label: "about" },
  fact: { color: "#b9bec5", line: "solid", label: "facts (ceo_of, same_as, …)" },
};
const NODE_COLOUR = {
  person: "#3b7dd8", company: "#f28e2b", organization: "#e15759", group: "#b07aa1",
  product: "#59a14f", concept: "#bab0ac", claim: "#ffffff", unknown: "#dddddd",
};

// Each grounded label's look on the map and in the panel.
const STATUS_STYLE = {
  in: { fill: "#dcfce7", border: "#15803d", line: "solid", label: "in: stands" },
  out: { fill: "#fee2e2", border: "#b91c1c", line: "dashed", label: "out: defeated" },
  undecided: { fill: "#fef9c3", border: "#a16207", line: "solid", label: "undecided" },
};

const state = {
  token: sessionStorage.getItem("graph-token") || "",
  hiddenSpeakers: new Set(), // speaker ids whose claims are hidden
  transcripts: new Map(),    // source id -> its transcript, once read
  sources: [],
  current: null,      // the source whose map is drawn, or null
  // Who asserts each claim is on the claim's label; drawn too, the edges pull
  // every claim into a star around its speaker.
  hiddenKinds: new Set(["asserts"]),
  expanded: new Map(), // node id -> ids of the nodes and edges its expansion added
  base: new Set(),     // ids of what the map drew before any expansion
  reviewable: new Set(), // sources whose findings the server reviews (graph serve --review)
  reviewShown: "proposed", // which findings the review lists: proposed (and decided) or all
  review: null,       // the review shown in the panel, or null
  reviewFocus: -1,    // the finding the keys act on: its place among the items listed
};

const $ = (id) => document.getElementById(id);

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "class") e.className = v;
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v);
  }
  for (const c of children) {
    if (c == null) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

// api calls the server; a 401 shows the token bar, other failures throw the
// server's {"error"} message.
async function api(path, options = {}) {
  const headers = Object.assign({}, options.headers || {});
  if (state.token) headers.Authorization = "Bearer " + state.token;
  const resp = await fetch(path, Object.assign({}, options, { headers }));
  let body;
  try { body = await resp.json(); } catch { body = { error: "the server answered " + resp.status + " without JSON" }; }
  if (resp.status === 401) {
    $("token-bar").hidden = false;
    throw new Error(body.error || "a token is needed");
  }
  if (!resp.ok) throw new Error(body.error || "the server answered " + resp.status);
  return body;
}

function edgeKey(kind, category) {
  if (EDGE_STYLE[kind] && category !== "fact") return kind;
  return category === "fact" ? "fact" : (EDGE_STYLE[category] ? category : "fact");
}

function short(text, n) {
  const chars = Array.from(text || "");
  return chars.length > n ? chars.slice(0, n - 1).join("") + "…" : chars.join("");
}

// ---- the map ---------------------------------------------------------------

let cy;

function initMap() {
  const edgeStyles = Object.entries(EDGE_STYLE).map(([key, s]) => ({
    selector: `edge[style_key = "${key}"]`,
    style: { "line-color": s.color, "target-arrow-color": s.color, "line-style": s.line, color: s.color },
  }));
  cy = cytoscape({
    container: $("cy"),
    wheelSensitivity: 0.3,
    minZoom: 0.05,
    maxZoom: 3,
    style: [
      { selector: "node", style: {
        label: "data(short)", "font-family": FONT, "font-size": 12, "text-wrap": "wrap", "text-max-width": 150,
        "text-valign": "center", "text-halign": "center", width: "label", height: "label", padding: 6,
        shape: "round-rectangle", "background-color": "data(colour)", "border-width": 1, "border-color": "#7a828c", color: "#1d2128",
      } },
      { selector: "node[kind = 'claim']", style: { "border-color": "#9aa3ad", "text-max-width": 200, "font-size": 11 } },
      { selector: "node[kind = 'person']", style: { shape: "ellipse", color: "#fff", "font-weight": 600, "font-size": 12, padding: 10 } },
      ...Object.entries(STATUS_STYLE).map(([st, x]) => ({ selector: `node[status = "${st}"]`,
        style: { "background-color": x.fill, "border-color": x.border, "border-style": x.line, "border-width": 2 } })),
      { selector: "node.hidden-speaker", style: { display: "none" } },
      { selector: "node.focus", style: { "border-width": 3, "border-color": "#1d2128" } },
      { selector: "node:selected", style: { "border-width": 3, "border-color": "#e6a700", "background-color": "#fff6d5" } },
      { selector: "node.hit", style: { "border-width": 3, "border-color": "#e6a700" } },
      { selector: "node.expanded", style: { "border-style": "double", "border-width": 4 } },
      { selector: "edge", style: {
        width: 1.6, "curve-style": "bezier", "target-arrow-shape": "triangle", "arrow-scale": 0.9,
        label: "data(kind)", "font-family": FONT, "font-size": 9, "text-rotation": "autorotate",
        "text-background-color": "#fbfbfc", "text-background-opacity": 0.9, "text-background-padding": 1,
      } },
      { selector: "edge[category = 'asserts']", style: { width: 1, label: "" } },
      ...edgeStyles,
      { selector: "edge.hidden-kind", style: { display: "none" } },
      { selector: "edge:selected", style: { width: 3 } },
    ],
  });
  cy.on("tap", "node", (ev) => openNode(ev.target.id()));
  cy.on("tap", "edge", (ev) => { const rel = ev.target.data("relation"); if (rel) openNode(rel); });
  cy.on("dbltap", "node", (ev) => toggleExpand(ev.target.id()));
}

function elementsOf(map) {
  const nodes = map.nodes.map((n) => ({ group: "nodes", data: {
    id: n.id, kind: n.kind, label: n.label, source: n.source, speaker: n.speaker_name, speaker_id: n.speaker, status: n.status || "",
    short: n.kind === "claim" ? (n.speaker_name ? n.speaker_name + "：\n" : "") + short(n.label, 60) : short(n.label, 30), colour: NODE_COLOUR[n.kind] || "#dddddd",
  } }));
  const edges = map.edges.map((e) => ({ group: "edges", data: {
    id: "e:" + e.id, source: e.from, target: e.to, kind: e.kind, category: e.category,
    style_key: edgeKey(e.kind, e.category), relation: e.id.startsWith("rel/") ? e.id : "",
  } }));
  return nodes.concat(edges);
}

// layout lays the map out by force, from a grid so that it comes out the same
// every time, over the edges shown.
function layout(fit) {
  const shown = cy.elements().filter((x) => x.isNode() || !x.hasClass("hidden-kind"));
  shown.layout({ name: "grid", fit: false, avoidOverlap: true }).run();
  if (cy.nodes().length < 2) { cy.fit(undefined, 60); return; }
  shown.layout({
    name: "cose", animate: false, randomize: false, fit: fit, padding: 24,
    nodeDimensionsIncludeLabels: true, nodeRepulsion: () => 400000, idealEdgeLength: () => 110,
    edgeElasticity: () => 120, gravity: 0.4, numIter: 1500, nestingFactor: 1.2,
  }).run();
}

async function showMap(params, title) {
  $("map-error").hidden = true;
  let map;
  try {
    map = await api("/api/map?" + new URLSearchParams(params));
  } catch (err) {
    $("map-error").textContent = err.message;
    $("map-error").hidden = false;
    return null;
  }
  cy.elements().remove();
  state.expanded.clear();
  cy.add(elementsOf(map));
  state.base = new Set(cy.elements().map((x) => x.id()));
  applyKindFilter();
  listSpeakers();
  layout(true);
  $("map-title").textContent = title + " — " + map.nodes.length + " nodes, " + map.edges.length + " edges";
  if (map.focus) cy.getElementById(map.focus).addClass("focus");
  return map;
}

// toggleExpand adds a node's neighbours to the map, or takes back what its
// expansion added.
async function toggleExpand(id) {
  if (state.expanded.has(id)) {
    const added = state.expanded.get(id);
    state.expanded.delete(id);
    const keep = new Set(state.base);
    for (const ids of state.expanded.values()) ids.forEach((x) => keep.add(x));
    cy.elements().filter((x) => added.has(x.id()) && !keep.has(x.id())).remove();
    cy.getElementById(id).removeClass("expanded");
    return;
  }
  let map;
  try {
    map = await api("/api/map?" + new URLSearchParams({ focus: id, depth: 1, max_nodes: 200 }));
  } catch (err) {
    $("map-error").textContent = err.message;
    $("map-error").hidden = false;
    return;
  }
  const added = new Set();
  const fresh = elementsOf(map).filter((x) => cy.getElementById(x.data.id).empty());
  fresh.forEach((x) => added.add(x.data.id));
  const centre = cy.getElementById(id).position();
  cy.add(fresh.map((x) => x.group === "nodes"
    ? Object.assign(x, { position: { x: centre.x + (Math.random() - 0.5) * 200, y: centre.y + (Math.random() - 0.5) * 200 } })
    : x));
  state.expanded.set(id, added);
  cy.getElementById(id).addClass("expanded");
  applyKindFilter();
  layout(false);
}

function initKinds() {
  const box = $("kinds");
  for (const [key, s] of Object.entries(EDGE_STYLE)) {
    const input = el("input", { type: "checkbox", "data-kind": key });
    input.checked = !state.hiddenKinds.has(key);
    input.addEventListener("change", () => {
      if (input.checked) state.hiddenKinds.delete(key); else state.hiddenKinds.add(key);
      applyKindFilter();
    });
    const swatch = el("span", { class: "swatch" });
    swatch.style.borderTopColor = s.color;
    swatch.style.borderTopStyle = s.line;
    box.append(el("label", { class: "kind-row" }, input, swatch, s.label));
  }
}

function applyKindFilter() {
  cy.edges().forEach((e) => e.toggleClass("hidden-kind", state.hiddenKinds.has(e.data("style_key"))));
}

// listSpeakers lists the speakers of the claims on the map, each with a box that
// shows or hides their claims.
function listSpeakers() {
  const speakers = new Map();
  cy.nodes("[kind = 'claim']").forEach((n) => {
    const id = n.data("speaker_id") || "";
    const s = speakers.get(id) || { name: n.data("speaker") || id || "unknown", count: 0 };
    s.count++;
    speakers.set(id, s);
  });
  const box = $("speakers");
  box.replaceChildren();
  for (const [id, s] of [...speakers.entries()].sort((a, b) => b[1].count - a[1].count)) {
    const input = el("input", { type: "checkbox", "data-speaker": id });
    input.checked = !state.hiddenSpeakers.has(id);
    input.addEventListener("change", () => {
      if (input.checked) state.hiddenSpeakers.delete(id); else state.hiddenSpeakers.add(id);
      applySpeakerFilter();
    });
    box.append(el("label", { class: "kind-row" }, input, short(s.name, 28), el("span", { class: "muted small" }, " " + s.count)));
  }
  applySpeakerFilter();
}

function applySpeakerFilter() {
  cy.nodes("[kind = 'claim']").forEach((n) => n.toggleClass("hidden-speaker", state.hiddenSpeakers.has(n.data("speaker_id") || "")));
}

// ---- sources and search ----------------------------------------------------

async function loadSources() {
  const status = await api("/api/status");
  $("status").textContent = status.quads + " quads, " + status.sources + " sources";
  const { sources } = await api("/api/sources");
  state.sources = sources;
  const list = $("sources");
  list.replaceChildren();
  try { state.reviewable = new Set((await api("/api/review")).sources); } catch { state.reviewable = new Set(); }
  // Every source under review, built or not (graph serve --review).
  const reviews = $("review-sources");
  reviews.replaceChildren();
  for (const id of state.reviewable) {
    const built = sources.some((s) => s.id === id);
    reviews.append(el("li", { "data-review": id, onclick: () => openReview(id) }, id,
      built ? null : el("span", { class: "sub" }, "not in the store: graph build it to read findings in the transcript")));
  }
  $("review-box").hidden = state.reviewable.size === 0;
  for (const s of sources) {
    list.append(el("li", { "data-source": s.id, onclick: () => openSource(s.id) },
      short(s.title || s.id, 70),
      el("span", { class: "sub" }, s.id + " · " + s.claims + " claims · " + s.relations + " relations" + (s.timed ? " · timed" : ""))));
  }
}

async function openSource(id) {
  state.current = id;
  document.querySelectorAll("#sources li").forEach((li) => li.classList.toggle("current", li.dataset.source === id));
  const src = state.sources.find((s) => s.id === id);
  return showMap({ source: id }, src ? src.title || id : id);
}

let searchTimer;
function onSearch() {
  clearTimeout(searchTimer);
  searchTimer = setTimeout(runSearch, 200);
}

async function runSearch() {
  const q = $("search").value.trim();
  const box = $("hits-box");
  if (!q) { box.hidden = true; return; }
  let res;
  try { res = await api("/api/search?" + new URLSearchParams({ q, limit: 50 })); } catch (err) {
    $("hits").replaceChildren(el("li", { class: "error" }, err.message));
    box.hidden = false;
    return;
  }
  if ($("search").value.trim() !== q) return; // a later search is under way
  $("hits-count").textContent = "(" + res.hits.length + (res.truncated ? "+" : "") + ")";
  const list = $("hits");
  list.replaceChildren();
  for (const h of res.hits) {
    const sub = h.node.kind === "claim"
      ? (h.speaker.title || "") + " · " + (h.source.iri || "").replace("source/", "")
      : h.node.kind + (h.field === "alias" ? " · alias " + h.match : "");
    list.append(el("li", { class: "hit", "data-iri": h.node.iri, onclick: () => openHit(h) },
      short(h.node.title, 90), el("span", { class: "sub" }, sub)));
  }
  if (!res.hits.length) list.append(el("li", { class: "muted" }, "nothing found"));
  box.hidden = false;
}

async function openHit(h) {
  if (h.node.kind === "claim") {
    const src = (h.source.iri || "").replace("source/", "");
    if (src && state.current !== src) await openSource(src);
  } else {
    state.current = null;
    document.querySelectorAll("#sources li").forEach((li) => li.classList.remove("current"));
    await showMap({ focus: h.node.iri, depth: 1 }, h.node.title);
  }
  selectInMap(h.node.iri);
  await openNode(h.node.iri);
}

function selectInMap(iri) {
  const n = cy.getElementById(iri);
  if (n.empty()) return;
  cy.elements().unselect();
  n.select();
  cy.animate({ center: { eles: n }, zoom: Math.max(cy.zoom(), 0.9) }, { duration: 0 });
}

// ---- the panel -------------------------------------------------------------

function clock(sec) {
  const s = Math.floor(sec);
  const p = (n) => String(n).padStart(2, "0");
  return "[" + p(Math.floor(s / 3600)) + ":" + p(Math.floor(s / 60) % 60) + ":" + p(s % 60) + "]";
}

function nodeLink(ref) {
  if (!ref || !ref.iri) return "";
  return el("a", { class: "node-link", title: ref.iri, onclick: () => { selectInMap(ref.iri); openNode(ref.iri); } }, short(ref.title || ref.iri, 140));
}

function placeOf(q) {
  const parts = [];
  if (q.file) parts.push(q.file + (q.line ? ":" + q.line + (q.column ? ":" + q.column : "") : ""));
  if (q.has_time) parts.push(clock(q.said_at));
  if (q.speaker_label) parts.push(q.speaker_label);
  return parts.join("  ");
}

// contextOf draws a quote inside its paragraph or turn, the quote marked.
function contextOf(q) {
  const chars = Array.from(q.context || "");
  if (!chars.length) return el("blockquote", { class: "context" }, q.text);
  return el("blockquote", { class: "context" },
    chars.slice(0, q.context_quote_start).join(""),
    el("mark", {}, chars.slice(q.context_quote_start, q.context_quote_end).join("")),
    chars.slice(q.context_quote_end).join(""));
}

function edgeList(title, edges) {
  if (!edges.length) return null;
  const list = el("ul", { class: "edges" });
  for (const e of edges) {
    const style = EDGE_STYLE[e.kind] || EDGE_STYLE.fact;
    const badge = el("span", { class: "edge-kind" }, e.kind);
    badge.style.background = style.color;
    list.append(el("li", {}, badge, nodeLink(e.other),
      e.quote ? el("span", { class: "edge-quote" }, "“" + short(e.quote.text, 160) + "” " + placeOf(e.quote)) : null));
  }
  return [el("h3", {}, title + " (" + edges.length + ")"), list];
}

async function openNode(iri) {
  state.review = null;
  const panel = $("panel");
  let n;
  try { n = await api("/api/node?" + new URLSearchParams({ id: iri })); } catch (err) {
    panel.replaceChildren(el("div", { class: "error" }, err.message));
    return;
  }
  const parts = [el("span", { class: "kind" }, n.kind + (n.origin === "extracted" ? " · extracted" : "")), el("h2", {}, n.title)];
  const dl = el("dl");
  const row = (k, v) => { if (v) dl.append(el("dt", {}, k), el("dd", {}, v)); };
  row(n.kind === "relation" ? "stated by" : "said by", n.speaker.iri ? nodeLink(n.speaker) : null);
  row("in", n.source.iri ? n.source.title || n.source.iri : null);
  if (n.quote && n.quote.has_time) row("when", clock(n.quote.said_at));
  if (n.names.length > 1) row("names", n.names.join(", "));
  if (n.aliases.length) row("also", n.aliases.join(", "));
  if (n.about.length) row("about", el("span", {}, ...n.about.flatMap((a, i) => i ? [", ", nodeLink(a)] : [nodeLink(a)])));
  row("id", n.iri);
  parts.push(dl);
  if (n.status) {
    const st = STATUS_STYLE[n.status];
    const badge = el("span", { class: "status-badge status-" + n.status }, st ? st.label : n.status);
    row("status", badge);
    if (n.defeated_by.length) row("defeated by", el("span", {}, ...n.defeated_by.flatMap((a, i) => i ? ["; ", nodeLink(a)] : [nodeLink(a)])));
  }
  if (n.quote) {
    parts.push(el("div", { class: "place" }, "quote " + placeOf(n.quote)), contextOf(n.quote));
  }
  parts.push(...(edgeList("out", n.edges_out) || []), ...(edgeList("in", n.edges_in) || []));
  if (n.claims.length) {
    const list = el("ul", { class: "edges" });
    for (const c of n.claims) list.append(el("li", {}, nodeLink(c.claim), c.quote ? el("span", { class: "edge-quote" }, placeOf(c.quote)) : null));
    parts.push(el("h3", {}, "claims (" + n.claims.length + ")"), list);
  }
  panel.replaceChildren(...parts);
  panel.scrollTop = 0;
  const src = n.source && n.source.iri ? n.source.iri.replace(/^source\//, "") : "";
  if (src && n.quote) await showTranscript(src, n.quote); else hideTranscript();
}

// ---- the transcript ----------------------------------------------------------

function hideTranscript() {
  $("transcript-box").hidden = true;
}

// showTranscript shows the whole transcript of a source and scrolls to a quote,
// marked, with the time of its turn when the transcript has one.
async function showTranscript(source, quote) {
  let t = state.transcripts.get(source);
  if (!t) {
    try { t = await api("/api/transcript?" + new URLSearchParams({ source })); } catch (err) {
      $("transcript").replaceChildren(el("div", { class: "error" }, err.message));
      $("transcript-box").hidden = false;
      return;
    }
    state.transcripts.set(source, t);
  }
  $("transcript-title").textContent = "Transcript · " + short(t.source.title || source, 60);
  const box = $("transcript");
  box.replaceChildren();
  let target = null;
  for (const p of t.parts) {
    const chars = Array.from(p.text);
    const from = Math.max(quote.start, p.start) - p.start, to = Math.min(quote.end, p.end) - p.start;
    const body = from < to
      ? [chars.slice(0, from).join(""), el("mark", {}, chars.slice(from, to).join("")), chars.slice(to).join("")]
      : [p.text];
    const head = (p.has_time ? clock(p.said_at) + " " : "") + (p.speaker_label ? p.speaker_label + ":" : "");
    const div = el("div", { class: "turn" + (from < to ? " quoted" : ""), "data-start": p.start },
      head ? el("span", { class: "turn-head" }, head + " ") : null, ...body);
    if (from < to && !target) target = div;
    box.append(div);
  }
  $("transcript-box").hidden = false;
  if (target) {
    const mark = target.querySelector("mark");
    box.scrollTop = Math.max(0, mark.offsetTop - box.clientHeight / 3);
  }
}

// ---- reviewing findings --------------------------------------------------------

const REVIEW_ORDER = ["proposed", "accepted", "rejected", "matched", "dropped"];

// openReview lists what the rules find in a source's graph (graph serve --review),
// each with accept and reject buttons that record the decision beside the graph.
async function openReview(source) {
  document.querySelectorAll("#review-sources li").forEach((li) => li.classList.toggle("current", li.dataset.review === source));
  const panel = $("panel");
  panel.replaceChildren(el("p", { class: "muted" }, "Running the rules over " + source + "…"));
  state.reviewFocus = -1;
  let view;
  try { view = await api("/api/review/" + encodeURIComponent(source)); } catch (err) {
    panel.replaceChildren(el("div", { class: "error" }, err.message));
    return;
  }
  renderReview(view);
  // Its map beside the findings, when the store has the source.
  if (view.in_store && state.current !== source) openSource(source);
}

async function decide(source, id, accept) {
  const panel = $("panel");
  const top = panel.scrollTop;
  const focus = state.reviewFocus;
  let view;
  try {
    view = await api("/api/review/" + encodeURIComponent(source), {
      method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ id, accept }),
    });
  } catch (err) {
    panel.prepend(el("div", { class: "error" }, err.message));
    return;
  }
  renderReview(view);
  panel.scrollTop = top;
  focusReview(focus, false);
}

// The keys of a review: j and k (or the arrows) move among the findings listed,
// showing each in the transcript; a accepts, r rejects.
function reviewItems() { return Array.from(document.querySelectorAll("#panel .review-item")); }

function focusReview(i, show) {
  const items = reviewItems();
  if (!items.length) { state.reviewFocus = -1; return; }
  i = Math.max(0, Math.min(items.length - 1, i));
  state.reviewFocus = i;
  items.forEach((li, k) => li.classList.toggle("focus", k === i));
  items[i].scrollIntoView({ block: "nearest" });
  // The transcript opening below the list shortens it: bring the finding back
  // into sight once it has.
  const view = state.review;
  if (show && view && view.in_store) showTranscript(view.source, items[i].finding).then(() => items[i].scrollIntoView({ block: "nearest" }));
}

function onReviewKey(ev) {
  if (!state.review || ev.ctrlKey || ev.metaKey || ev.altKey) return;
  const t = ev.target;
  if (t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA")) return;
  const items = reviewItems();
  const cur = items[state.reviewFocus];
  switch (ev.key) {
    case "j": case "ArrowDown": focusReview(state.reviewFocus + 1, true); break;
    case "k": case "ArrowUp": focusReview(state.reviewFocus - 1, true); break;
    case "a": if (cur && cur.querySelector("button.accept")) cur.querySelector("button.accept").click(); break;
    case "r": if (cur && cur.querySelector("button.reject")) cur.querySelector("button.reject").click(); break;
    default: return;
  }
  ev.preventDefault();
}

function renderReview(view) {
  state.review = view;
  const panel = $("panel");
  const counts = {};
  for (const f of [...view.claims, ...view.relations]) counts[f.status] = (counts[f.status] || 0) + 1;
  const shown = (f) => state.reviewShown === "all" || ["proposed", "accepted", "rejected"].includes(f.status);
  const toggle = el("label", { class: "small" },
    el("input", Object.assign({ type: "checkbox", id: "review-all", onchange: (ev) => { state.reviewShown = ev.target.checked ? "all" : "proposed"; renderReview(view); } },
      state.reviewShown === "all" ? { checked: "" } : {})),
    " also those curated already or that cannot be written");
  const parts = [
    el("span", { class: "kind" }, "findings of the rules"),
    el("h2", {}, view.source),
    el("p", { class: "small muted" }, "Accept keeps a finding, Reject never proposes it again; both go into " + view.decisions +
      ". graph extract " + view.graph.replace(/[\\/]graph\.yaml$/, "") + " --write then copies the accepted into the graph."),
    view.in_store ? null : el("p", { class: "small muted" }, "The store does not hold this source yet: graph build its graph to read each finding in its transcript."),
    el("p", { class: "small muted" }, "Keys: j and k move, a accepts, r rejects."),
    el("p", { class: "small review-counts" }, REVIEW_ORDER.filter((st) => counts[st]).map((st) => counts[st] + " " + st).join(" · ") || "nothing found"),
    toggle,
  ];
  const item = (f, body) => {
    const buttons = [];
    if (f.id && f.status !== "accepted") buttons.push(el("button", { type: "button", class: "accept", onclick: () => decide(view.source, f.id, true) }, "Accept"));
    if (f.id && f.status !== "rejected") buttons.push(el("button", { type: "button", class: "reject", onclick: () => decide(view.source, f.id, false) }, "Reject"));
    const note = f.status === "matched" && f.curated ? "curated as " + f.curated : f.reason;
    const li = el("li", { class: "review-item review-" + f.status, "data-id": f.id || "" },
      el("span", { class: "review-status" }, f.status),
      el("a", { class: "review-text", onclick: (ev) => {
        const items = reviewItems();
        const k = items.indexOf(ev.currentTarget.closest(".review-item"));
        if (k >= 0 && k !== state.reviewFocus) focusReview(k, false);
        if (view.in_store) showTranscript(view.source, f);
      } }, ...body),
      el("span", { class: "edge-quote" }, f.rule + " " + f.confidence.toFixed(2) + (note ? " · " + note : "") + (f.id ? " · " + f.id : "")),
      buttons.length ? el("span", { class: "review-buttons" }, ...buttons) : null);
    li.finding = f;
    return li;
  };
  const claims = view.claims.filter(shown);
  const claimList = el("ul", { class: "edges review-list", id: "review-claims" });
  for (const c of claims) claimList.append(item(c, [el("b", {}, c.speaker + ": "), c.text]));
  const rels = view.relations.filter(shown);
  const relList = el("ul", { class: "edges review-list", id: "review-relations" });
  for (const r of rels) {
    const style = EDGE_STYLE[r.kind] || EDGE_STYLE.fact;
    const badge = el("span", { class: "edge-kind" }, r.kind);
    badge.style.background = style.color;
    relList.append(item(r, [r.from_text || r.from || "?", " ", badge, " ", r.to_text || r.to || "?"]));
  }
  parts.push(el("h3", {}, "claims (" + claims.length + ")"), claimList, el("h3", {}, "relations (" + rels.length + ")"), relList);
  panel.replaceChildren(...parts.filter((p) => p != null));
}

// ---- the query console -------------------------------------------------------

async function runQuery(ev) {
  ev.preventDefault();
  const errBox = $("query-error");
  const out = $("query-out");
  errBox.hidden = true;
  out.replaceChildren();
  let res;
  try {
    res = await api("/api/v2/query?" + new URLSearchParams({ lang: "gizmo", limit: $("limit").value || 100, names: 1 }),
      { method: "POST", body: $("query").value, headers: { "Content-Type": "text/plain" } });
  } catch (err) {
    errBox.textContent = err.message;
    errBox.hidden = false;
    return;
  }
  const rows = res.result;
  const note = rows.length + " result" + (rows.length === 1 ? "" : "s") + (res.truncated ? " (the limit of " + res.limit + " left more out)" : "");
  out.append(el("div", { class: "small muted" }, note));
  if (!rows.length) return;
  const cols = [];
  for (const r of rows) {
    if (r && typeof r === "object" && !Array.isArray(r)) Object.keys(r).forEach((k) => { if (!cols.includes(k)) cols.push(k); });
  }
  const cell = (v) => {
    if (typeof v === "string" && v.startsWith("<") && v.endsWith(">")) {
      const iri = v.slice(1, -1);
      const name = res.names[v];
      return el("td", {}, el("a", { class: "node-link", onclick: () => { selectInMap(iri); openNode(iri); } }, short(name && name !== iri ? name : iri, 120)), el("span", { class: "iri" }, v));
    }
    return el("td", {}, v === undefined ? "" : typeof v === "object" ? JSON.stringify(v) : String(v));
  };
  const table = el("table", { class: "results" });
  if (cols.length) {
    table.append(el("tr", {}, ...cols.map((c) => el("th", {}, c))));
    for (const r of rows) table.append(el("tr", {}, ...cols.map((c) => cell(r[c]))));
  } else {
    for (const r of rows) table.append(el("tr", {}, cell(r)));
  }
  out.append(table);
  // Results that are on the map are marked there.
  cy.nodes().removeClass("hit");
  for (const r of rows) {
    const id = r && typeof r === "object" ? r.id : r;
    if (typeof id === "string") cy.getElementById(id.replace(/^<|>$/g, "")).addClass("hit");
  }
}

// ---- start -------------------------------------------------------------------

function useToken() {
  state.token = $("token").value.trim();
  sessionStorage.setItem("graph-token", state.token);
  $("token-bar").hidden = true;
  start();
}

async function start() {
  try {
    await loadSources();
    if (state.sources.length && !state.current) await openSource(state.sources[0].id);
  } catch (err) {
    $("map-error").textContent = err.message;
    $("map-error").hidden = false;
  }
}

document.addEventListener("DOMContentLoaded", () => {
  // A token may come in the page's address (#token=...); it is kept for this tab
  // only and taken out of the address bar.
  const m = location.hash.match(/token=([^&]+)/);
  if (m) {
    state.token = decodeURIComponent(m[1]);
    sessionStorage.setItem("graph-token", state.token);
    history.replaceState(null, "", location.pathname + location.search);
  }
  initMap();
  initKinds();
  $("search").addEventListener("input", onSearch);
  $("query-form").addEventListener("submit", runQuery);
  $("token-go").addEventListener("click", useToken);
  document.addEventListener("keydown", onReviewKey);
  start();
});
