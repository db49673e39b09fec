/*
 * Cổng Kế hoạch 57 – the search box's worker, in place of Material's own.
 *
 * Speaks Material for MkDocs' search-worker protocol (messages SETUP=0, READY=1,
 * QUERY=2, RESULT=3; see Material's integrations/search/worker), but searches the
 * portal's prebuilt bundle (search/gp/) with accent folding and abbreviations, and
 * groups results by the page they belong to (a plan, an agency, a topic), so each
 * result shows the plan and the section it comes from.
 */
/* global GPSearch */
var base = new URL("../../../", self.location.href)

/* Fetch first, then parse lunr while the files travel. Chunk 0 holds the tasks,
   which most result lists show. */
var started = {}
;["meta.json", "index.json", "docs-0.json"].forEach(function (name) {
  started[name] = fetch(new URL("search/gp/" + name, base)).then(function (r) {
    if (!r.ok) throw new Error(name + ": " + r.status)
    return r.json()
  })
})
importScripts("../vendor/lunr-2.3.9.min.js", "../gp-search.js")

var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3
var MAX_GROUPS = 30, MAX_PER_GROUP = 12, SHOWN_PER_GROUP = 3, SNIPPET = 220
var engine = null

/* Kinds a reader looks for first inside one plan's results: its tasks, then its
   indicators, then the plan itself and its text. */
var KIND_ORDER = { task: 0, indicator: 1, plan: 2, section: 3 }
function rank(kind) { return kind in KIND_ORDER ? KIND_ORDER[kind] : 9 }

function groupResults(hits) {
  var groups = [], byId = {}
  var docGroup = engine.meta.docGroup
  for (var i = 0; i < hits.length; i++) {
    var g = docGroup[hits[i].doc]
    if (!(g in byId)) {
      if (groups.length >= MAX_GROUPS) continue
      byId[g] = groups.length
      groups.push({ id: g, hits: [] })
    }
    groups[byId[g]].hits.push(hits[i])
  }
  return groups
}

function item(record, score, terms, prefix, termMap) {
  /* record: [kind, url, title, context, summary, group]. A task shows its section whole
     and its facts; a text section shows an excerpt around the first match. */
  var context = record[0] !== "section" && record[3] ? GPSearch.highlight(record[3], terms, 0, prefix) : ""
  var summary = record[4] ? GPSearch.highlight(record[4], terms, SNIPPET, prefix) : ""
  return {
    kind: record[0],
    location: record[1],
    title: GPSearch.highlight(record[2], terms, 0, prefix),
    text: "<p>" + [context, summary].filter(Boolean).join(" — ") + "</p>",
    score: score,
    terms: termMap
  }
}

function search(query) {
  var terms = engine.terms(query)
  var hits = engine.search(query)
  if (!hits.length) return Promise.resolve({ items: [] })
  var prefix = engine.lastIsPrefix(terms)
  var termMap = {}
  terms.forEach(function (t) { termMap[t] = true })
  var groups = groupResults(hits)
  var docs = []
  groups.forEach(function (g) { g.hits.forEach(function (h) { docs.push(h.doc) }) })
  return engine.records(docs).then(function (records) {
    var byDoc = {}
    docs.forEach(function (d, i) { byDoc[d] = records[i] })
    return {
      items: groups.map(function (g) {
        var children = g.hits
          .map(function (h) { return item(byDoc[h.doc], h.score, terms, prefix, termMap) })
          .sort(function (a, b) { return rank(a.kind) - rank(b.kind) || b.score - a.score })
          .slice(0, MAX_PER_GROUP)
        /* Material shows the items scoring at least the group's first item and folds the
           rest under "more": rank by the order above, first SHOWN_PER_GROUP visible. */
        children.forEach(function (c, i) { c.score = children.length - i; delete c.kind })
        var head = children.some(function (c) { return c.location.indexOf("#") < 0 })
        if (head) return children
        var meta = engine.meta.groups[g.id]
        return [{
          location: meta[0], title: GPSearch.escapeHTML(meta[1]), text: "",
          score: children[Math.min(SHOWN_PER_GROUP, children.length) - 1].score, terms: termMap
        }].concat(children)
      })
    }
  })
}

/* Ready as soon as the files are in, not on SETUP: Material sends SETUP only after
   fetching its own (empty) index. */
var ready = GPSearch.Engine.load(base, { started: started }).then(function (loaded) {
  engine = loaded
})

addEventListener("message", function (event) {
  var message = event.data
  if (message.type === SETUP) {
    ready.then(function () { postMessage({ type: READY }) })
  } else if (message.type === QUERY) {
    ready
      .then(function () { return search(message.data) })
      .then(function (result) { postMessage({ type: RESULT, data: result }) })
      .catch(function (err) {
        console.warn("Tìm kiếm lỗi:", err)
        postMessage({ type: RESULT, data: { items: [] } })
      })
  }
})
