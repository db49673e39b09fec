/*
 * Cổng Kế hoạch 57 – the task explorer's downloads, started before the page is read.
 *
 * The explorer's page (tra-cuu/) loads this file in its <head>, before any stylesheet
 * (theme_overrides/main.html), right after the search bundle: it asks at once for the
 * facet rows and, with a query in the address, for that query's index files and, when
 * the address has nothing else (no filter, no sort), the records of its first results as
 * soon as the query is answered: the best-scoring tasks (tasks are the index's first
 * documents), in the order the result list takes. explorer.js takes the engine and the
 * facet rows from window.GPExplorerStart, with those files on their way or in.
 */
(function () {
  "use strict"

  var V = window.GPVocabulary
  if (!V || !window.GPSearch || !window.fetch || !window.URLSearchParams || !document.currentScript) return

  var FIRST_RESULTS = 5 // drawn before the rest of a page of results
  var base = new URL("../../", document.currentScript.src) // the site root: this file is in assets/javascripts/
  var params = new URLSearchParams(location.search)
  var query = (params.get(V.explorer.query) || "").trim()
  var engine = new GPSearch.Engine(base)
  var facetRows = engine.file("explore.json")
  if (!query) engine.file("docs-0.json")
  else {
    var onlyQuery = Array.from(params.keys()).every(function (k) { return k === V.explorer.query })
    var answered = engine.search(query).then(function (hits) {
      var tasks = engine.meta.tasks, docs = []
      for (var i = 0; i < hits.length && docs.length < FIRST_RESULTS; i++) if (hits[i].doc < tasks) docs.push(hits[i].doc)
      if (onlyQuery) engine.records(docs).catch(function () {}) // reported when used
    }).catch(function () {}) // reported when used
    // the explorer starts once the query is answered (building its filters is a long task)
    facetRows = Promise.all([facetRows, answered]).then(function (both) { return both[0] })
  }
  window.GPExplorerStart = { engine: engine, facetRows: facetRows, firstResults: FIRST_RESULTS }
})()
