/*
 * Cổng Kế hoạch 57 – search core, shared by the search box's worker and the task explorer.
 *
 * Loads the bundle written at build time by macros/search_index.py (search/gp/), turns
 * its compact postings back into a lunr.Index (the weights are lunr's own BM25 formula,
 * recomputed exactly as lunr.Builder does; no text is tokenised or indexed here), folds
 * queries as macros/search_text.py does, and fetches display records chunk by chunk.
 * Needs lunr 2.3.9 (vendor/lunr-2.3.9.min.js) loaded first. Exposes self.GPSearch.
 */
(function (root) {
  "use strict"

  var COMBINING = /[\u0300-\u036f]/g
  var SPLIT = /[^a-z0-9]+/

  /* 'Chuyển đổi SỐ' -> 'chuyen doi so' (đ has no decomposition: mapped by hand) */
  function fold(text) {
    return String(text).toLowerCase().normalize("NFD").replace(COMBINING, "").replace(/đ/g, "d")
  }

  function escapeRegExp(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
  }

  function escapeHTML(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]
    })
  }

  /* Query folding: short forms as typed ('kh&cn') become their token ('khcn'). */
  function Folding(meta) {
    var forms = []
    this.typed = {}
    for (var i = 0; i < meta.shorthands.length; i++) {
      var token = meta.shorthands[i][0], variants = meta.shorthands[i][1]
      for (var j = 0; j < variants.length; j++) {
        forms.push(variants[j])
        this.typed[variants[j]] = token
      }
    }
    forms.sort(function (a, b) { return b.length - a.length })
    this.pattern = forms.length
      ? new RegExp("(^|[^a-z0-9&])(" + forms.map(escapeRegExp).join("|") + ")(?![a-z0-9&])", "g")
      : null
    this.stop = {}
    for (var k = 0; k < meta.stop.length; k++) this.stop[meta.stop[k]] = true
  }

  Folding.prototype.terms = function (query) {
    var typed = this.typed, text = fold(query)
    if (this.pattern)
      text = text.replace(this.pattern, function (_, before, form) { return before + " " + typed[form] + " " })
    var stop = this.stop
    return text.split(SPLIT).filter(function (t) { return t && !stop[t] })
  }

  function decodeB36List(text) {
    /* "3,1:2,a" -> [[3,1],[4,2],[14,1]]: delta-coded document numbers with optional ':tf' */
    var out = []
    if (!text) return out
    var parts = text.split(","), doc = -1
    for (var i = 0; i < parts.length; i++) {
      var p = parts[i], colon = p.indexOf(":")
      doc += parseInt(colon < 0 ? p : p.slice(0, colon), 36)
      out.push([doc, colon < 0 ? 1 : parseInt(p.slice(colon + 1), 10)])
    }
    return out
  }

  /* Rebuild a lunr.Index from the compact bundle, mirroring lunr.Builder.createFieldVectors. */
  function buildIndex(data) {
    var fields = data.fields, n = data.n, k1 = data.k1, b = data.b
    var lengths = data.lengths.map(function (list) {
      return list.split(",").map(function (v) { return parseInt(v, 36) })
    })
    var average = lengths.map(function (list) {
      var sum = 0
      for (var i = 0; i < list.length; i++) sum += list[i]
      return sum / n
    })
    var invertedIndex = Object.create(null)
    var vectors = fields.map(function () { return new Array(n) })
    for (var t = 0; t < data.terms.length; t++) {
      var term = data.terms[t], posting = { _index: t }, perField = [], withTerm = 0
      for (var f = 0; f < fields.length; f++) {
        var list = decodeB36List(data.postings[t][f]), refs = Object.create(null)
        for (var i = 0; i < list.length; i++) refs[list[i][0]] = {}
        posting[fields[f]] = refs
        perField.push(list)
        withTerm += list.length
      }
      invertedIndex[term] = posting
      var idf = Math.log(1 + Math.abs((n - withTerm + 0.5) / (withTerm + 0.5)))
      for (var g = 0; g < fields.length; g++) {
        var entries = perField[g]
        for (var e = 0; e < entries.length; e++) {
          var doc = entries[e][0], tf = entries[e][1]
          var score = idf * ((k1 + 1) * tf) /
            (k1 * (1 - b + b * (lengths[g][doc] / average[g])) + tf)
          score *= data.boosts[g]
          var list2 = vectors[g][doc] || (vectors[g][doc] = [])
          list2.push(t, Math.round(score * 1000) / 1000)
        }
      }
    }
    var fieldVectors = Object.create(null)
    for (var h = 0; h < fields.length; h++)
      for (var d = 0; d < n; d++)
        fieldVectors[fields[h] + "/" + d] = new lunr.Vector(vectors[h][d] || [])
    return new lunr.Index({
      invertedIndex: invertedIndex,
      fieldVectors: fieldVectors,
      tokenSet: lunr.TokenSet.fromArray(data.terms),
      fields: fields,
      pipeline: new lunr.Pipeline()
    })
  }

  function getJSON(url) {
    return fetch(url).then(function (response) {
      if (!response.ok) throw new Error(url + ": " + response.status)
      return response.json()
    })
  }

  /* base: URL of the site root; loads meta first, the index only when asked. */
  function Engine(base, meta) {
    this.base = base
    this.meta = meta
    this.folding = new Folding(meta)
    this.chunks = {}
    this.index = null
  }

  /* options.lazyIndex: fetch the index only on the first query;
     options.started: {"meta.json": promise, …} fetches begun before this script loaded */
  Engine.load = function (base, options) {
    options = options || {}
    var started = options.started || {}
    function get(name) { return started[name] || getJSON(new URL("search/gp/" + name, base)) }
    var index = options.lazyIndex ? null : get("index.json")
    return Promise.all([get("meta.json"), index]).then(function (parts) {
      var engine = new Engine(base, parts[0])
      if (parts[1]) engine.index = buildIndex(parts[1])
      for (var name in started) {
        var chunk = /^docs-(\d+)\.json$/.exec(name)
        if (chunk) engine.chunks[chunk[1]] = started[name]
      }
      return engine
    })
  }

  Engine.prototype.ensureIndex = function () {
    var self = this
    if (self.index) return Promise.resolve(self.index)
    if (!self.indexPromise)
      self.indexPromise = getJSON(new URL("search/gp/index.json", self.base)).then(function (data) {
        return (self.index = buildIndex(data))
      })
    return self.indexPromise
  }

  Engine.prototype.terms = function (query) {
    return this.folding.terms(query)
  }

  /* All terms required. The last one is taken as a prefix while it is not yet a whole
     word of the index (the reader may still be typing 'chuy…'); once it is one ('so'),
     it is matched exactly, so rarer words that merely start with it ('soát', 'soạn')
     do not crowd out 'số'. Returns [{doc: number, score: number}] best first. */
  Engine.prototype.search = function (query) {
    var terms = this.terms(query)
    if (!terms.length || !this.index) return []
    var prefix = this.lastIsPrefix(terms)
    var results = this.index.query(function (q) {
      terms.forEach(function (term, i) {
        q.term(term, {
          presence: lunr.Query.presence.REQUIRED,
          wildcard: prefix && i === terms.length - 1 ? lunr.Query.wildcard.TRAILING : lunr.Query.wildcard.NONE
        })
      })
    })
    return results.map(function (r) { return { doc: +r.ref, score: r.score } })
  }

  /* Whether search() takes the last of these terms as a prefix (see above). */
  Engine.prototype.lastIsPrefix = function (terms) {
    var last = terms[terms.length - 1] || ""
    return last.length > 1 && !!this.index && !(last in this.index.invertedIndex)
  }

  /* Display records [kind, url, title, context, summary, group] of the given documents. */
  Engine.prototype.records = function (docs) {
    var self = this, size = self.meta.chunk, wanted = {}
    docs.forEach(function (d) { wanted[Math.floor(d / size)] = true })
    return Promise.all(Object.keys(wanted).map(function (k) {
      if (!self.chunks[k])
        self.chunks[k] = getJSON(new URL("search/gp/docs-" + k + ".json", self.base))
      return self.chunks[k]
    })).then(function () {
      return Promise.all(docs.map(function (d) {
        return self.chunks[Math.floor(d / size)].then(function (list) { return list[d % size] })
      }))
    })
  }

  /* Escaped HTML of `text` with <mark> on the words the search matched: every term as a
     whole word, and with `prefix` the last one also as a word start (as search() took
     it). With `limit`, long text is cut to a window around the first match. */
  function highlight(text, terms, limit, prefix) {
    text = String(text || "")
    var exact = {}, last = prefix && terms.length ? terms[terms.length - 1] : ""
    terms.forEach(function (t) { exact[t] = true })
    function hit(word) {
      var key = fold(word).replace(/[^a-z0-9]/g, "")
      return key && (exact[key] || (last.length > 1 && key.indexOf(last) === 0))
    }
    var words = text.match(/[^\s.,;:!?()"“”'‘’\/\-–…]+|[\s.,;:!?()"“”'‘’\/\-–…]+/g) || []
    if (limit && text.length > limit) {
      var at = 0, first = 0
      for (var i = 0; i < words.length; i++) {
        if (hit(words[i])) { first = at; break }
        at += words[i].length
      }
      var start = Math.max(0, text.lastIndexOf(" ", Math.max(0, first - 60)) + 1)
      var end = text.indexOf(" ", start + limit)
      text = (start > 0 ? "… " : "") + text.slice(start, end < 0 ? text.length : end) + (end < 0 ? "" : " …")
      words = text.match(/[^\s.,;:!?()"“”'‘’\/\-–…]+|[\s.,;:!?()"“”'‘’\/\-–…]+/g) || []
    }
    return words.map(function (word) {
      return hit(word) ? "<mark>" + escapeHTML(word) + "</mark>" : escapeHTML(word)
    }).join("")
  }

  root.GPSearch = {
    fold: fold,
    escapeHTML: escapeHTML,
    highlight: highlight,
    buildIndex: buildIndex,
    Folding: Folding,
    Engine: Engine
  }
})(typeof self !== "undefined" ? self : this)
