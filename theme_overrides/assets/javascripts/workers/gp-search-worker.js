/*
 * Cổng Kế hoạch 57 – the search box's worker, in place of Material's own.
 *
 * Speaks Material for MkDocs' search-worker protocol (messages SETUP=0, READY=1,
 * QUERY=2, RESULT=3; see Material's integrations/search/worker), but searches the
 * portal's prebuilt bundle (search/gp/) with accent folding and abbreviations, and
 * groups results by the page they belong to (a plan, an agency, a topic), so each
 * result shows the plan and the section it comes from.
 *
 * The build writes the served worker as one script: gp-vocabulary.js, gp-search.js and
 * its settings with the index head (GPSearchMeta), each document's page and kind
 * (GPSearchPages: groups, docGroup, docKind), then this file (search_index.search_files).
 * So a query costs its postings files only, fetched at once: no importScripts chain, no
 * index head to fetch first. Material starts the worker on every page, so this script
 * is fetched with the first page a reader opens (off the page's thread, then cached);
 * postings and records only when the reader searches.
 *
 * Results come in three steps: the pages that match, best first, as soon as the
 * postings are in (their titles are in GPSearchPages: no record to wait for); the first
 * page's visible results once their records are in; then the whole list with each
 * page's results (Material redraws the list on every RESULT). A RESULT for a query the reader has already typed past is dropped.
 *
 * The record layout, kind letters and the explorer's address come from gp-vocabulary.js
 * (GPVocabulary, written from the Python definitions).
 */
/* global GPSearch, GPSearchPages, GPVocabulary */

var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3
var MAX_GROUPS = 10      // pages in the list; the explorer has the rest
var MAX_PER_GROUP = 8    // results per page, SHOWN_PER_GROUP visible, the rest under "more"
var SHOWN_PER_GROUP = 3
var SNIPPET = 220
var base = new URL("../../../", self.location.href)
var engine = null
var latest = 0           // number of the newest query
var R = null             // a display record's field positions (GPVocabulary.search.record)

/* Kinds a reader looks for first inside one plan's results: its tasks, then its
   indicators, then the plan itself and its text (by the head's docKind letters). */
var FIRST_KINDS = ["task", "indicator", "plan", "section"]
var KIND_ORDER = null
function rank(kind) { return kind in KIND_ORDER ? KIND_ORDER[kind] : 9 }

function load() {
  R = GPVocabulary.search.record
  KIND_ORDER = {}
  FIRST_KINDS.forEach(function (kind, i) { KIND_ORDER[GPVocabulary.search.kinds[kind]] = i })
  engine = new GPSearch.Engine(base)
}

/* The pages to show, best first (by their best hit), each with its hits to show. */
function pagesToShow(hits, grouping) {
  var groups = [], byId = {}
  for (var i = 0; i < hits.length; i++) {
    var g = grouping.docGroup[hits[i].doc]
    if (!(g in byId)) {
      if (groups.length >= MAX_GROUPS) continue
      byId[g] = groups.length
      groups.push({ id: g, hits: [] })
    }
    groups[byId[g]].hits.push(hits[i])
  }
  groups.forEach(function (g) {
    g.hits = g.hits.sort(function (a, b) {
      return rank(grouping.docKind[a.doc]) - rank(grouping.docKind[b.doc]) || b.score - a.score
    }).slice(0, MAX_PER_GROUP)
  })
  return groups
}

function item(record, terms, prefix, termMap) {
  /* record: a display record, fields at R's positions. A task shows its section whole
     and its facts; a text section shows an excerpt around the first match. */
  var context = record[R.kind] !== "section" && record[R.context] ? GPSearch.highlight(record[R.context], terms, 0, prefix) : ""
  var summary = record[R.summary] ? GPSearch.highlight(record[R.summary], terms, SNIPPET, prefix) : ""
  return {
    location: record[R.url],
    title: GPSearch.highlight(record[R.title], terms, 0, prefix),
    text: "<p>" + [context, summary].filter(Boolean).join(" — ") + "</p>",
    terms: termMap
  }
}

/* The pages, each with its results once their records are in, else alone (titled as
   GPSearchPages names it): what is shown while records are still coming. */
function listing(groups, records, grouping, terms, prefix) {
  var termMap = {}
  terms.forEach(function (t) { termMap[t] = true })
  return groups.map(function (g) {
    if (g.hits.every(function (h) { return h.doc in records })) return items([g], records, grouping, terms, prefix)[0]
    var page = grouping.groups[g.id]
    return [{ location: page[0], title: GPSearch.highlight(page[1], terms, 0, prefix), text: "", score: 1, terms: termMap }]
  })
}

/* Material's items for these pages: per page, its hits in the order above. Material
   shows the items scoring at least the page's own item and folds the rest under "more",
   so the page item gets the score of the last visible one. */
function items(groups, records, grouping, terms, prefix) {
  var termMap = {}
  terms.forEach(function (t) { termMap[t] = true })
  return groups.map(function (g) {
    var children = g.hits.map(function (h) { return item(records[h.doc], terms, prefix, termMap) })
    children.forEach(function (c, i) { c.score = children.length - i })
    var visible = children[Math.min(SHOWN_PER_GROUP, children.length) - 1].score
    var own = children.filter(function (c) { return c.location.indexOf("#") < 0 })[0]
    if (own) {  // the page itself matched: it heads the group
      own.score = visible
      return [own].concat(children.filter(function (c) { return c !== own }))
    }
    var page = grouping.groups[g.id]
    return [{ location: page[0], title: GPSearch.escapeHTML(page[1]), text: "", score: visible, terms: termMap }]
      .concat(children)
  })
}

/* The last item: what the list above leaves out, counted in words that say what is
   counted (Material's own line counts the pages listed, partials/languages/custom.html). */
function explorerLink(query, terms, hits, grouping) {
  var termMap = {}, tasks = 0, taskKind = GPVocabulary.search.kinds.task
  terms.forEach(function (t) { termMap[t] = true })
  hits.forEach(function (h) { if (grouping.docKind[h.doc] === taskKind) tasks++ })
  return [{
    location: GPVocabulary.explorer.page + "?" + GPVocabulary.explorer.query + "=" + encodeURIComponent(query),
    title: "Xem cả " + tasks.toLocaleString("vi-VN") + " nhiệm vụ khớp trong Tra cứu nhiệm vụ",
    text: "<p>Danh sách trên chỉ hiện một phần trong " + hits.length.toLocaleString("vi-VN") +
      " mục khớp với “" + GPSearch.escapeHTML(query) + "” (nhiệm vụ, chỉ tiêu, trang). Trang Tra cứu nhiệm vụ liệt kê mọi nhiệm vụ khớp" +
      " và lọc theo tỉnh, cơ quan, chủ đề, thời hạn.</p>", score: 0, terms: termMap
  }]
}

function search(query, number) {
  function post(list) {
    if (number === latest) postMessage({ type: RESULT, data: { items: list } })
  }
  var terms = engine.terms(query)
  if (!terms.length) return Promise.resolve(post([]))
  var grouping = GPSearchPages
  return engine.search(query).then(function (hits) {
    if (!hits.length) return post([])
    var prefix = engine.lastIsPrefix(terms)
    var groups = pagesToShow(hits, grouping), records = {}
    var shownDocs = 0
    groups.forEach(function (g) { shownDocs += g.hits.length })
    var tail = hits.length > shownDocs ? [explorerLink(query, terms, hits, grouping)] : []
    function fetchRecords(list) {
      var docs = []
      list.forEach(function (g) { g.hits.forEach(function (h) { docs.push(h.doc) }) })
      return engine.records(docs).then(function (got) {
        docs.forEach(function (d, i) { records[d] = got[i] })
      })
    }
    /* The pages first; then the first page's visible results; then everything. */
    post(listing(groups, records, grouping, terms, prefix))
    var first = [{ id: groups[0].id, hits: groups[0].hits.slice(0, SHOWN_PER_GROUP) }]
    return fetchRecords(first).then(function () {
      post(listing(first.concat(groups.slice(1)), records, grouping, terms, prefix))
      return fetchRecords(groups)
    }).then(function () {
      post(items(groups, records, grouping, terms, prefix).concat(tail))
    })
  })
}

addEventListener("message", function (event) {
  var message = event.data
  if (message.type === SETUP) {
    postMessage({ type: READY })
  } else if (message.type === QUERY) {
    var number = ++latest, query = String(message.data || "")
    if (!query.trim()) {  // Material asks with an empty box at start
      postMessage({ type: RESULT, data: { items: [] } })
      return
    }
    try {
      if (!engine) load()
    } catch (err) {
      console.warn("Không tải được bộ tìm kiếm:", err)
      postMessage({ type: RESULT, data: { items: [] } })
      return
    }
    search(query, number).catch(function (err) {
      console.warn("Tìm kiếm lỗi:", err)
      if (number === latest) postMessage({ type: RESULT, data: { items: [] } })
    })
  }
})
