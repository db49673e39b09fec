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
    var group = groups[byId[g]]
    if (group.hits.length < MAX_PER_GROUP) group.hits.push(hits[i])
  }
  return groups
}

function item(record, score, terms, termMap) {
  /* record: [kind, url, title, context, summary, group]; the context (the plan's
     section) is always shown whole, the summary is cut around the first match */
  var context = record[3] ? GPSearch.highlight(record[3], terms) : ""
  var summary = record[4] ? GPSearch.highlight(record[4], terms, SNIPPET) : ""
  return {
    location: record[1],
    title: GPSearch.highlight(record[2], terms),
    text: "<p>" + [context, summary].filter(Boolean).join(" — ") + "</p>",
    score: score,
    terms: termMap
  }
}

function search(query) {
  var terms = engine.terms(query)
  var hits = engine.search(query)
  if (!hits.length) return Promise.resolve({ items: [] })
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
        var children = g.hits.map(function (h) { return item(byDoc[h.doc], h.score, terms, termMap) })
        var hasArticle = children.some(function (c) { return c.location.indexOf("#") < 0 })
        if (hasArticle) return children
        var meta = engine.meta.groups[g.id]
        var threshold = children[Math.min(SHOWN_PER_GROUP, children.length) - 1].score
        return [{
          location: meta[0], title: GPSearch.escapeHTML(meta[1]), text: "", score: threshold, terms: termMap
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
