/*
 * Cổng Kế hoạch 57 – search core, shared by the search box's worker and the task explorer.
 *
 * Reads the index written at build time with the Python lunr package by
 * macros/site/search_index.py (search/gp/) and ranks exactly as lunr.js 2.3.9 would rank
 * that index, without building anything or shipping lunr.js: the field lengths come with
 * this script (GPSearchMeta), and each term's postings (with term frequencies) from a
 * small file per two-letter prefix, fetched for the words a query needs, from which the
 * BM25 weights are computed as lunr.Builder computes them; a file's keys are its terms
 * (whether a word is indexed, what a typed prefix stands for). Queries are folded as
 * macros/site/search_text.py folds them; display records come in small chunks.
 * tests/browser/test_search_engine.py checks weights and rankings against lunr itself.
 * The build appends the site's settings (self.GPSearchMeta: the files' folder, chunk
 * size, shard length and the prefixes that have a file, shorthands, stop words, and the
 * index head: fields, boosts, k1, b, n, lengths); exposes self.GPSearch.
 */
(function (root) {
  "use strict"

  var COMBINING = /[\u0300-\u036f]/g
  var SPLIT = /[^a-z0-9]+/
  var WORDS = /[^\s.,;:!?()"“”'‘’\/\-–…]+|[\s.,;:!?()"“”'‘’\/\-–…]+/g

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

  function decodePostings(text) {
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

  /* The index: its head (GPSearchMeta: field lengths, lunr's settings) and the postings
     of the prefix files loaded so far (`shards`: prefix -> {term: [postings of each
     field]}; a prefix with no file is an empty one). A term's postings are decoded on
     first use, with the weights lunr.Builder gives (BM25, field boost, three decimals). */
  function Index(data) {
    var fields = data.fields, n = data.n
    this.data = data
    this.lengths = data.lengths.map(function (list) {
      return list.split(",").map(function (v) { return parseInt(v, 36) })
    })
    this.average = this.lengths.map(function (list) {
      var sum = 0
      for (var i = 0; i < list.length; i++) sum += list[i]
      return sum / n
    })
    this.shards = Object.create(null)
    this.decoded = Object.create(null)  // term -> [{docs: Int32Array, weights: Float64Array} per field]
    this.fields = fields
  }

  /* The terms of a term's prefix file (loaded by Engine.prepare). */
  Index.prototype.shard = function (term) {
    return this.shards[term.slice(0, this.data.shard)] || {}
  }

  Index.prototype.has = function (term) {
    return Object.prototype.hasOwnProperty.call(this.shard(term), term)
  }

  /* The index's terms a query term stands for: itself, or with `prefix` every term that
     starts with it (lunr's trailing wildcard; a prefix is at least a file's prefix long,
     so its terms are all in that file), in sorted order. */
  Index.prototype.expand = function (term, prefix) {
    if (!prefix) return this.has(term) ? [term] : []
    return Object.keys(this.shard(term)).filter(function (t) { return t.lastIndexOf(term, 0) === 0 }).sort()
  }

  Index.prototype.postings = function (term) {
    if (this.decoded[term]) return this.decoded[term]
    var data = this.data, raw = this.has(term) ? this.shard(term)[term] : null
    if (!raw) throw new Error("postings of '" + term + "' not loaded")
    var lists = raw.map(decodePostings), withTerm = 0
    lists.forEach(function (list) { withTerm += list.length })
    var n = data.n, k1 = data.k1, b = data.b
    var idf = Math.log(1 + Math.abs((n - withTerm + 0.5) / (withTerm + 0.5)))
    var self = this
    return (this.decoded[term] = lists.map(function (list, g) {
      var docs = new Int32Array(list.length), weights = new Float64Array(list.length)
      for (var e = 0; e < list.length; e++) {
        var doc = list[e][0], tf = list[e][1]
        var score = idf * ((k1 + 1) * tf) / (k1 * (1 - b + b * (self.lengths[g][doc] / self.average[g])) + tf)
        docs[e] = doc
        weights[e] = Math.round(score * data.boosts[g] * 1000) / 1000
      }
      return { docs: docs, weights: weights }
    }))
  }

  /* lunr.Index.query for clauses that are all required, each a query term (the last one
     a prefix when `prefix`): a document must match every clause in some field; its score
     is, summed over fields, the dot product of the query vector (one per clause a term
     stands for) with the document's weights, divided by the query vector's length.
     Returns [{doc, score}], best first (a tie by document number). */
  Index.prototype.search = function (terms, prefix) {
    var self = this, n = this.data.n
    var clauses = terms.map(function (t, i) { return self.expand(t, prefix && i === terms.length - 1) })
    if (!clauses.length || clauses.some(function (c) { return !c.length })) return []
    var query = Object.create(null), length = 0
    clauses.forEach(function (c) { c.forEach(function (t) { query[t] = (query[t] || 0) + 1 }) })
    Object.keys(query).forEach(function (t) { length += query[t] * query[t] })
    length = Math.sqrt(length)

    var matched = new Int32Array(n), last = new Int32Array(n).fill(-1)
    clauses.forEach(function (clause, ci) {
      clause.forEach(function (t) {
        self.postings(t).forEach(function (field) {
          for (var e = 0; e < field.docs.length; e++) {
            var doc = field.docs[e]
            if (last[doc] !== ci) { last[doc] = ci; matched[doc]++ }
          }
        })
      })
    })
    var scores = new Float64Array(n)
    Object.keys(query).forEach(function (t) {
      var q = query[t]
      self.postings(t).forEach(function (field) {
        for (var e = 0; e < field.docs.length; e++) scores[field.docs[e]] += q * field.weights[e]
      })
    })
    var out = []
    for (var doc = 0; doc < n; doc++)
      if (matched[doc] === clauses.length) out.push({ doc: doc, score: scores[doc] / length })
    return out.sort(function (x, y) { return y.score - x.score || x.doc - y.doc })
  }

  function getJSON(url) {
    return fetch(url).then(function (response) {
      if (!response.ok) throw new Error(url + ": " + response.status)
      return response.json()
    })
  }

  /* base: URL of the site root; meta: the files' folder, chunk size, shards, shorthands,
     stop words and the index head (written into the search scripts at build time, see
     search_index.py). Files are fetched when first needed, and only once. */
  function Engine(base, meta) {
    this.base = base
    this.meta = meta || root.GPSearchMeta
    this.folding = new Folding(this.meta)
    this.files = {}
    this.index = null
  }

  Engine.prototype.file = function (name) {
    var promise = this.files[name]
    if (!promise) {
      promise = this.files[name] = getJSON(new URL(this.meta.dir + name, this.base))
      promise.catch(function () {})  // reported where it is used
    }
    return promise
  }

  Engine.prototype.terms = function (query) {
    return this.folding.terms(query)
  }

  /* The index, with the postings files the given terms need, fetched at once (a term's
     file is named by its first letters; no request for letters no term starts with). */
  Engine.prototype.prepare = function (terms) {
    var self = this, shard = self.meta.shard, prefixes = {}, exists = {}
    self.meta.shards.forEach(function (p) { exists[p] = true })
    terms.forEach(function (t) { prefixes[t.slice(0, shard)] = true })
    var loads = Object.keys(prefixes).map(function (prefix) {
      if (!exists[prefix]) return [prefix, {}]
      return self.file("index/" + prefix + ".json").then(function (postings) { return [prefix, postings] })
    })
    return Promise.all(loads).then(function (parts) {
      if (!self.index) self.index = new Index(self.meta)
      parts.forEach(function (p) { self.index.shards[p[0]] = p[1] })
      return self.index
    })
  }

  /* All terms required. The last one is taken as a prefix while it is not yet a whole
     word of the index (the reader may still be typing 'chuy…'); once it is one ('so'),
     it is matched exactly, so rarer words that merely start with it ('soát', 'soạn')
     do not crowd out 'số'. Resolves to [{doc: number, score: number}], best first. */
  Engine.prototype.search = function (query) {
    var self = this, terms = self.terms(query)
    if (!terms.length) return Promise.resolve([])
    return self.prepare(terms).then(function (index) {
      return index.search(terms, self.lastIsPrefix(terms))
    })
  }

  /* Whether search() takes the last of these terms as a prefix (see above). */
  Engine.prototype.lastIsPrefix = function (terms) {
    var last = terms[terms.length - 1] || ""
    return last.length >= Math.max(2, this.meta.shard) && !!this.index && !this.index.has(last)
  }

  /* Display records of the given documents (their fields: search_index.RECORD, which
     gp-vocabulary.js gives the pages and the worker as GPVocabulary.search.record). */
  Engine.prototype.records = function (docs) {
    var self = this, size = self.meta.chunk
    return Promise.all(docs.map(function (d) {
      return self.file("docs-" + Math.floor(d / size) + ".json").then(function (list) { return list[d % size] })
    }))
  }

  /* Every weight of the index, decoding all postings: for tests that compare the bundle
     with lunr.py's own vectors ({"field/doc": {term: weight}}). */
  Engine.prototype.allWeights = function () {
    var self = this, fields = self.meta.fields
    return self.prepare(self.meta.shards).then(function (index) {
      var out = {}
      Object.keys(index.shards).forEach(function (prefix) {
        Object.keys(index.shards[prefix]).forEach(function (term) {
          index.postings(term).forEach(function (field, g) {
            for (var e = 0; e < field.docs.length; e++) {
              var ref = fields[g] + "/" + field.docs[e]
              ;(out[ref] || (out[ref] = {}))[term] = field.weights[e]
            }
          })
        })
      })
      return out
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
    var words = text.match(WORDS) || []
    if (limit && text.length > limit) {
      var at = 0, first = 0
      for (var i = 0; i < words.length; i++) {
        if (hit(words[i])) { first = at; break }
        at += words[i].length
      }
      var start = Math.max(0, text.lastIndexOf(" ", Math.max(0, first - 60)) + 1)
      var end = text.indexOf(" ", start + limit)
      text = (start > 0 ? "… " : "") + text.slice(start, end < 0 ? text.length : end) + (end < 0 ? "" : " …")
      words = text.match(WORDS) || []
    }
    return words.map(function (word) {
      return hit(word) ? "<mark>" + escapeHTML(word) + "</mark>" : escapeHTML(word)
    }).join("")
  }

  root.GPSearch = {
    fold: fold,
    escapeHTML: escapeHTML,
    highlight: highlight,
    Folding: Folding,
    Index: Index,
    Engine: Engine
  }
})(typeof self !== "undefined" ? self : this)
