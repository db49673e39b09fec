/*
 * Cổng Kế hoạch 57 – the task explorer (tra-cuu/).
 *
 * Replaces the page's static list of every task ([data-gp-explorer-static], kept for
 * readers without JavaScript, and shown again if the explorer's data cannot be loaded)
 * with a text box, facets with counts and a result list.
 * Data: search/gp/explore.json (one row of integer codes per task, written by
 * macros/site/search_index.py) for filtering and counting; the search bundle through
 * GPSearch.Engine (gp-search.js) for the text query (its index files are fetched for
 * the words typed) and for the display records of the results on screen.
 *
 * It runs from the page's <head> (theme_overrides/main.html), before the page is read:
 * once the facet rows and the query's first results are in, and the parser has reached
 * the explorer's element, it draws the search box and the first results, and builds the
 * facets (a thousand agencies at national size) right after, in a task of their own.
 *
 * Counts are disjunctive: a facet's counts apply the text query and every other
 * facet's selection, not its own, so they say what ticking a value would give.
 * Values in one facet are OR-ed, facets are AND-ed. The whole state lives in the
 * address (tim, tinh, co-quan, …; several values comma-separated) so a link reopens it.
 * Parameter names, value ids that are not data ids, badge labels and the record layout
 * come from gp-vocabulary.js (GPVocabulary, written from macros/site/explorer_address.py
 * and the other Python definitions by scripts/export_vocabulary.py).
 */
(function () {
  "use strict"

  var V = window.GPVocabulary
  if (!V || !window.GPToday) return
  var D = V.deadline

  /* Deadline.state (macros/data/deadlines.py), from explore.json's codes: `kind` is the
     row's deadline kind, `due` Deadline.judged_on as yyyymmdd (0 when there is no date to
     judge: ongoing, annual, "from a year on", conditional), `today` yyyymmdd. Spelled once,
     in gp-today.js, which judges the static pages' badges too. Exposed for
     tests/browser/test_explorer.py, which compares it with Python on every task. */
  var deadlineState = GPToday.state
  window.GPExplorer = { deadlineState: deadlineState }

  var PAGE_SIZE = 25  // records travel in small files: a first page costs little
  var TYPING_DELAY_MS = 120
  var SHOWN_OPTIONS = 8 // a long facet (agencies, kinds) shows its largest values until "Xem tất cả"
  var WIDE = "(min-width: 60em)" // filters beside the results; narrower, folded in <details>
  var TITLE_LIMIT = 260
  var CONTEXT_LIMIT = 140

  var root = null // the explorer's element, once the parser has reached it
  if (!window.GPSearch || !window.fetch || !window.URLSearchParams || !window.Map) return

  var initialSearch = location.search
  var QUERY = V.explorer.query, SORT = V.explorer.sort, SORTS = V.explorer.sorts
  var P = V.explorer.params, R = V.search.record
  var initialQuery = (new URLSearchParams(initialSearch).get(QUERY) || "").trim()

  /* The downloads began while the page was read (explorer-start.js). */
  var started = window.GPExplorerStart
  if (!started) return
  // explorer.css hides the list for readers without JavaScript under this class, before the
  // page is laid out (laying it out took longer than drawing the results)
  var STARTED = "gp-explorer-js"
  document.documentElement.classList.add(STARTED)
  var engine = started.engine, facetRows = started.facetRows, base = engine.base
  var FIRST_RESULTS = started.firstResults // drawn before the rest of a page of results

  Promise.all([facetRows, parsed("[data-gp-explorer]")])
    .then(function (both) {
      root = both[1]
      start(both[0], engine)
    })
    .catch(function (err) {
      // The static list stays: every task is still there, only without filters.
      console.warn("Trang tra cứu không tải được dữ liệu:", err)
      document.documentElement.classList.remove(STARTED)
    })

  /* --- small helpers -------------------------------------------------------------- */

  /* The first element matching `selector`, once the parser has put it in the page. */
  function parsed(selector) {
    return new Promise(function (resolve) {
      var node = document.querySelector(selector)
      if (node) return resolve(node)
      var observer = new MutationObserver(function () {
        node = document.querySelector(selector)
        if (node) {
          observer.disconnect()
          resolve(node)
        }
      })
      observer.observe(document.documentElement, { childList: true, subtree: true })
    })
  }

  function el(tag, attrs, children) {
    var node = document.createElement(tag)
    for (var key in attrs || {}) {
      var value = attrs[key]
      if (value == null || value === false) continue
      if (key === "text") node.textContent = value
      else if (key === "html") node.innerHTML = value // only highlight() output: escaped text and <mark>
      else if (key === "class") node.className = value
      else node.setAttribute(key, value === true ? "" : value)
    }
    ;(children || []).forEach(function (child) {
      if (child != null) node.appendChild(typeof child === "string" ? document.createTextNode(child) : child)
    })
    return node
  }

  /* n.toLocaleString("vi-VN"), with one formatter: toLocaleString builds one per call,
     and the facets print a count for every value (a tenth of the start-up's script time) */
  var NUMBER = window.Intl ? new Intl.NumberFormat("vi-VN") : null
  function number(n) {
    return NUMBER ? NUMBER.format(n) : n.toLocaleString("vi-VN")
  }

  var todayCode = GPToday.todayCode

  /* The start of a long text, cut at a word: titles and sections read from their start. */
  function clip(text, limit) {
    text = String(text || "")
    if (text.length <= limit) return text
    var cut = text.slice(0, limit), space = cut.lastIndexOf(" ")
    return (space > limit * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:.–-]+$/, "") + " …"
  }

  var dateText = GPToday.dateText

  var SORT_IDS = { "": true }
  Object.keys(SORTS).forEach(function (k) { SORT_IDS[SORTS[k]] = true })

  /* --- the explorer --------------------------------------------------------------- */

  function start(data, engine) {
    var C = {}
    data.columns.forEach(function (name, i) { C[name] = i })
    var rows = data.rows
    var today = todayCode()

    /* Facets: values [{id, label, aliases}] and, per row, the indexes of its values. */
    var facets = []
    function facet(spec, valuesOf) {
      spec.rowValues = rows.map(valuesOf)
      spec.lookup = {}
      spec.values.forEach(function (v, j) {
        spec.lookup[v.id] = j
        ;(v.aliases || []).forEach(function (a) { spec.lookup[a] = j })
      })
      facets.push(spec)
    }
    function named(list) {
      return list.map(function (item) { return { id: item.id, label: item.name } })
    }

    // A task counts under its plan's province and the one that took it over on 01/07/2025.
    facet({ param: P.province, legend: "Tỉnh", values: named(data.provinces), hideEmpty: true,
            hint: data.merged.length ? "Tỉnh, thành phố sau sáp nhập ngày 01/07/2025 gồm cả nhiệm vụ của tỉnh đã nhập vào (" +
              data.merged.join("; ") + ")." : "" },
      function (row) { return row[C.province] })
    facet({ param: P.plan, legend: "Kế hoạch", values: named(data.plans), hideEmpty: true },
      function (row) { return [row[C.plan]] })
    // Group names ("Các sở, ban, ngành") recur in every province: say whose.
    var provinceName = {}, seen = {}
    data.provinces.forEach(function (p) { provinceName[p.id] = p.name })
    data.agencies.forEach(function (a) { seen[a.name] = (seen[a.name] || 0) + 1 })
    var agencies = named(data.agencies).map(function (v) {
      var where = provinceName[v.id.split("/")[0]]
      if (seen[v.label] > 1 && where) v.label += " – " + where
      return v
    })
    facet({ param: P.agency, legend: "Cơ quan chủ trì", values: agencies, hideEmpty: true, long: true,
            byCount: true, filterLabel: "Tìm tên cơ quan" },
      function (row) { return row[C.agencies] })
    facet({ param: P.current, legend: "Cơ quan chủ trì hiện nay", values: agencies, hideEmpty: true, long: true,
            byCount: true, filterLabel: "Tìm tên cơ quan",
            hint: "Cơ quan đang đảm nhận nhiệm vụ sau khi hợp nhất sở (tháng 3/2025) và sáp nhập tỉnh (01/07/2025)." },
      function (row) { return row[C.current] })
    facet({ param: P.kind, legend: "Loại cơ quan", values: named(data.kinds), hideEmpty: true, long: true, byCount: true,
            hint: "Cùng một loại ở mọi tỉnh, ví dụ mọi Sở Khoa học và Công nghệ." },
      function (row) { return row[C.kinds] })
    facet({ param: P.topic, legend: "Chủ đề", values: named(data.topics), hideEmpty: true },
      function (row) { return row[C.topics] })
    var years = []
    rows.forEach(function (row) { if (row[C.year] && years.indexOf(row[C.year]) < 0) years.push(row[C.year]) })
    years.sort(function (a, b) { return a - b })
    facet({ param: P.year, legend: "Năm đến hạn",
            values: years.map(function (y) { return { id: String(y), label: String(y) } }) },
      function (row) { return row[C.year] ? [years.indexOf(row[C.year])] : [] })
    // Quarter codes 1-4, then one for a dated deadline by year, one by a period (explorer_address.QUARTERS).
    facet({ param: P.quarter, legend: "Quý", values: named(data.quarters),
            hint: "Chỉ nhiệm vụ có hạn cụ thể; hạn theo tháng hoặc ngày được xếp vào quý chứa tháng đó." },
      function (row) { return row[C.quarter] ? [row[C.quarter] - 1] : [] })
    var deadlineKeys = Object.keys(data.deadlines)
    facet({ param: P.deadline, legend: "Loại thời hạn",
            values: deadlineKeys.map(function (k) {
              return { id: data.deadline_ids[k] || k, label: data.deadlines[k], aliases: [k] }
            }) },
      function (row) { return [deadlineKeys.indexOf(row[C.deadline])] })
    facet({ param: P.due, legend: "Đã đến hạn?",
            values: [{ id: V.explorer.due[D.passed], label: D.labels[D.passed] },
                     { id: V.explorer.due[D.upcoming], label: D.labels[D.upcoming] }],
            hint: "Tính đến hôm nay, " + dateText(today) + "; chỉ nhiệm vụ có hạn cụ thể." },
      function (row) {
        var s = rowState(row) // the badge's rule: the facet counts what the badges say
        return s === D.passed ? [0] : s === D.upcoming ? [1] : []
      })
    facet({ param: P.origin, legend: "Nguồn",
            values: [{ id: V.explorer.origins.appendix, label: data.origins[0] },
                     { id: V.explorer.origins.narrative, label: data.origins[1] }],
            hint: "Nhiệm vụ lấy từ bảng phụ lục của kế hoạch hay từ phần lời văn." },
      function (row) { return [row[C.origin]] })
    facet({ param: P.status, legend: "Tình trạng",
            values: data.statuses.map(function (s) {
              return s.id === V.explorer.noReportCode ? { id: V.explorer.noReport, label: s.name, aliases: [s.id] }
                                     : { id: s.id, label: s.name }
            }) },
      function (row) { return [row[C.status]] })

    var state = { q: "", sort: "", selected: facets.map(function () { return new Set() }), shown: PAGE_SIZE }
    var totals = count(null).counts // per facet value, with nothing chosen: which values exist at all
    var current = null // {results, terms, hits}
    var generation = 0
    var firstRender = true
    var facetsBuilt = false
    var lastCounts = null // the counts of the last update, drawn once the facets are built

    /* --- the page's elements -------------------------------------------------------- */

    var queryBox = el("input", {
      type: "search", id: "gp-explorer-q", class: "gp-explorer__input", autocomplete: "off", spellcheck: "false",
      placeholder: "Ví dụ: chuyển đổi số, KH&CN, cơ sở dữ liệu", "aria-describedby": "gp-explorer-q-hint"
    })
    var searchForm = el("form", { class: "gp-explorer__search", role: "search" }, [
      el("label", { for: "gp-explorer-q", class: "gp-explorer__search-label", text: "Tìm trong nhiệm vụ" }),
      queryBox,
      el("p", { id: "gp-explorer-q-hint", class: "gp-explorer__hint",
                text: "Gõ có dấu hay không dấu đều được; chữ viết tắt (KH&CN, CĐS, UBND – ủy ban nhân dân…) được hiểu như dạng đầy đủ." })
    ])

    var selectedNote = el("span", { class: "gp-explorer__selected" })
    var filters = el("details", { class: "gp-explorer__filters" }, [
      el("summary", { class: "gp-explorer__filters-title" }, [el("span", { text: "Bộ lọc" }), " ", selectedNote])
    ])
    var facetBox = el("div", { class: "gp-explorer__facets" })
    filters.appendChild(facetBox)
    var clearAll = el("button", { type: "button", class: "gp-explorer__clear", text: "Bỏ mọi bộ lọc", hidden: true })
    // On a phone the open filters push the results a screen away: this folds them up.
    var applyButton = el("button", { type: "button", class: "gp-explorer__apply" })

    /* After the first results are drawn (a reader sees results before the filters). */
    function buildFacets() {
      if (facetsBuilt) return
      facetsBuilt = true
      var fragment = document.createDocumentFragment()
      facets.forEach(function (f, i) { fragment.appendChild(buildFacet(f, i)) })
      fragment.appendChild(clearAll)
      fragment.appendChild(applyButton)
      facetBox.appendChild(fragment)
      if (lastCounts) renderFacets(lastCounts)
    }

    var countLine = el("p", { class: "gp-explorer__count", "aria-live": "polite" })
    var sortSelect = el("select", { id: "gp-explorer-sort", class: "gp-explorer__sort-select" })
    var chips = el("ul", { class: "gp-explorer__chips", "aria-label": "Bộ lọc đang dùng" })
    var list = el("ol", { class: "gp-explorer__results" })
    var empty = el("p", {
      class: "gp-explorer__empty", hidden: true,
      text: "Không có nhiệm vụ nào khớp. Hãy bỏ bớt bộ lọc hoặc thử từ khác."
    })
    var moreButton = el("button", { type: "button", class: "gp-explorer__more md-button", hidden: true })
    var main = el("section", { class: "gp-explorer__main", "aria-labelledby": "gp-explorer-results-title" }, [
      el("h2", { id: "gp-explorer-results-title", class: "gp-explorer__sr", text: "Kết quả" }),
      el("div", { class: "gp-explorer__bar" }, [
        countLine,
        el("div", { class: "gp-explorer__sort" }, [
          el("label", { for: "gp-explorer-sort", text: "Sắp xếp" }), sortSelect
        ])
      ]),
      chips, list, empty, moreButton
    ])

    root.textContent = ""
    root.appendChild(searchForm)
    root.appendChild(el("div", { class: "gp-explorer__layout" }, [filters, main]))

    /* --- facets --------------------------------------------------------------------- */

    function buildFacet(f, i) {
      var id = "gp-explorer-" + f.param
      var box = el("fieldset", { class: "gp-explorer__facet" }, [
        el("legend", { class: "gp-explorer__legend", text: f.legend })
      ])
      if (f.hint) box.appendChild(el("p", { class: "gp-explorer__hint", text: f.hint }))
      var options = el("ul", { class: "gp-explorer__options", id: id })
      f.options = []
      f.values.forEach(function (value, j) {
        if (f.hideEmpty && !totals[i][j]) return
        var input = el("input", { type: "checkbox", name: f.param, value: value.id, class: "gp-explorer__check" })
        var n = el("span", { class: "gp-explorer__n" })
        var item = el("li", { class: "gp-explorer__option" }, [
          el("label", { class: "gp-explorer__label" }, [
            input, el("span", { class: "gp-explorer__name", text: value.label }), n
          ])
        ])
        input.addEventListener("change", function () {
          if (input.checked) state.selected[i].add(j)
          else state.selected[i].delete(j)
          update()
        })
        f.options.push({ j: j, item: item, input: input, n: n, key: GPSearch.fold(value.label) })
        options.appendChild(item)
      })
      f.long = !!f.long && f.options.length > SHOWN_OPTIONS + 2
      f.expanded = false
      f.filterText = ""
      if (f.long) {
        var filterBox = null
        if (f.filterLabel) {
          filterBox = el("input", { type: "search", id: id + "-loc", class: "gp-explorer__filter", autocomplete: "off" })
          filterBox.addEventListener("input", function () {
            f.filterText = GPSearch.fold(filterBox.value).trim()
            showOptions(f, i)
          })
          f.filterRow = el("div", { class: "gp-explorer__filter-row", hidden: true }, [
            el("label", { for: id + "-loc", class: "gp-explorer__filter-label", text: f.filterLabel }), filterBox
          ])
          box.appendChild(f.filterRow)
        }
        box.appendChild(options)
        var toggle = el("button", {
          type: "button", class: "gp-explorer__toggle", "aria-expanded": "false", "aria-controls": id
        })
        var setToggleText = function () {
          toggle.textContent = f.expanded ? "Thu gọn" : "Xem tất cả (" + number(f.options.length) + ")"
          toggle.setAttribute("aria-expanded", String(f.expanded))
          if (f.filterRow) f.filterRow.hidden = !f.expanded
        }
        toggle.addEventListener("click", function () {
          f.expanded = !f.expanded
          if (!f.expanded && filterBox) {
            filterBox.value = ""
            f.filterText = ""
          }
          setToggleText()
          showOptions(f, i)
        })
        setToggleText()
        box.appendChild(toggle)
      } else {
        box.appendChild(options)
      }
      f.list = options
      return box
    }

    /* Which options show: all, or for a long facet the largest, the ticked, and (when
       expanded) those matching the name filter. Largest = most tasks right now. */
    function showOptions(f, i, counts) {
      if (counts) f.lastCounts = counts
      if (!f.long) return
      var order = f.options.slice()
      if (f.byCount && f.lastCounts) {
        var now = f.lastCounts, all = totals[i]
        order.sort(function (a, b) { return now[b.j] - now[a.j] || all[b.j] - all[a.j] || a.j - b.j })
      }
      order.forEach(function (opt, rank) {
        var chosen = state.selected[i].has(opt.j)
        var visible = f.expanded
          ? chosen || !f.filterText || opt.key.indexOf(f.filterText) >= 0
          : chosen || rank < SHOWN_OPTIONS
        opt.item.hidden = !visible
      })
      // Reorder only when the reader is not inside the list (moving a focused box loses focus).
      if (f.byCount && !f.list.contains(document.activeElement)) {
        var same = order.every(function (opt, k) { return f.list.children[k] === opt.item })
        if (!same) order.forEach(function (opt) { f.list.appendChild(opt.item) })
      }
    }

    function renderFacets(counts) {
      lastCounts = counts
      if (!facetsBuilt) return
      var chosen = 0
      facets.forEach(function (f, i) {
        f.options.forEach(function (opt) {
          var c = counts[i][opt.j], on = state.selected[i].has(opt.j)
          opt.input.checked = on
          opt.n.textContent = number(c)
          opt.item.classList.toggle("gp-explorer__option--empty", c === 0 && !on)
        })
        chosen += state.selected[i].size
        showOptions(f, i, counts[i])
      })
      selectedNote.textContent = chosen ? "(" + chosen + " đang chọn)" : ""
      clearAll.hidden = !chosen
    }

    /* The chosen values as buttons that remove them: the reader sees them even when
       the filters are folded away on a phone. */
    function renderChips() {
      chips.textContent = ""
      facets.forEach(function (f, i) {
        f.values.forEach(function (value, j) {
          if (!state.selected[i].has(j)) return
          var button = el("button", {
            type: "button", class: "gp-explorer__chip",
            "aria-label": "Bỏ lọc " + f.legend + ": " + value.label, title: "Bỏ lọc này"
          }, [el("span", { class: "gp-explorer__chip-facet", text: f.legend + ": " }), value.label,
              el("span", { class: "gp-explorer__chip-x", "aria-hidden": "true", text: " ×" })])
          button.addEventListener("click", function () {
            // Focus goes to the chip that takes this one's place, or to the text box.
            var position = Array.prototype.indexOf.call(chips.children, button.parentNode)
            state.selected[i].delete(j)
            update()
            var target = chips.children[Math.min(position, chips.children.length - 1)]
            ;(target ? target.querySelector("button") : queryBox).focus()
          })
          chips.appendChild(el("li", null, [button]))
        })
      })
      if (chips.children.length > 1) {
        var clear = el("button", { type: "button", class: "gp-explorer__chip gp-explorer__chip--clear", text: "Bỏ tất cả" })
        clear.addEventListener("click", clearFilters)
        chips.appendChild(el("li", null, [clear]))
      }
      chips.hidden = !chips.children.length
    }

    /* --- counting and ordering ------------------------------------------------------ */

    function matches(f, r) {
      var values = facets[f].rowValues[r], chosen = state.selected[f]
      for (var k = 0; k < values.length; k++) if (chosen.has(values[k])) return true
      return false
    }

    /* Rows passing the text query (hits: doc -> score, or null) and every facet, and
       each facet's value counts under all the other facets (disjunctive counts). */
    function count(hits) {
      var counts = facets.map(function (f) { return f.values.map(function () { return 0 }) })
      var active = facets.map(function (f, i) { return !!(state && state.selected[i].size) })
      var results = []
      for (var r = 0; r < rows.length; r++) {
        if (hits && !hits.has(rows[r][C.doc])) continue
        var fails = 0, failing = -1
        for (var f = 0; f < facets.length && fails < 2; f++) {
          if (active[f] && !matches(f, r)) {
            fails++
            failing = f
          }
        }
        if (fails === 0) {
          results.push(r)
          for (var g = 0; g < facets.length; g++) add(counts[g], facets[g].rowValues[r])
        } else if (fails === 1) {
          add(counts[failing], facets[failing].rowValues[r])
        }
      }
      return { results: results, counts: counts }
    }

    function add(counts, values) {
      for (var k = 0; k < values.length; k++) counts[values[k]]++
    }

    function sortKey() {
      if (state.sort) return state.sort
      return current && current.hits ? "relevance" : SORTS.plan
    }

    function order(results, hits, key) {
      if (key === "relevance" && hits) {
        results.sort(function (a, b) { return hits.get(rows[b][C.doc]) - hits.get(rows[a][C.doc]) || a - b })
      } else if (key === SORTS.due) {
        results.sort(function (a, b) {
          var da = rows[a][C.due] || Infinity, db = rows[b][C.due] || Infinity
          return (da === db ? 0 : da - db) || a - b
        })
      }
      return results // plan order is row order
    }

    function rowState(row) {
      return deadlineState(row[C.deadline], row[C.due], today)
    }

    /* --- the results ---------------------------------------------------------------- */

    function update(options) {
      options = options || {}
      var gen = ++generation
      var terms = engine.terms(state.q)
      main.setAttribute("aria-busy", "true") // until the results on screen match the state
      if (options.writeURL !== false) writeURL()
      if (terms.length && !engine.index) countLine.textContent = "Đang tải dữ liệu tìm kiếm…"
      var searched = terms.length ? engine.search(state.q) : Promise.resolve(null)
      searched.then(function (found) {
        if (gen !== generation) return
        var hits = null
        if (found) {
          hits = new Map()
          found.forEach(function (h) { hits.set(h.doc, h.score) })
        }
        current = { hits: hits, terms: terms, prefix: terms.length > 0 && engine.lastIsPrefix(terms) }
        var counted = count(hits)
        current.results = order(counted.results, hits, sortKey())
        state.shown = PAGE_SIZE
        renderFacets(counted.counts)
        renderChips()
        renderSorts()
        renderCount()
        renderResults(gen, 0)
      }, function (err) {
        console.warn("Không tải được chỉ mục tìm kiếm:", err)
        setTimeout(buildFacets)
        countLine.textContent = "Không tải được dữ liệu tìm kiếm. Hãy tải lại trang."
        main.removeAttribute("aria-busy")
      })
    }

    function renderCount() {
      var n = current.results.length
      var filtered = current.hits || state.selected.some(function (s) { return s.size })
      countLine.textContent = "Tìm thấy " + number(n) + " nhiệm vụ" +
        (filtered ? " (trong tổng số " + number(rows.length) + ")" : "")
      applyButton.textContent = "Xem " + number(n) + " nhiệm vụ tìm thấy"
    }

    function renderSorts() {
      var withQuery = !!current.hits
      var options = [["", withQuery ? "Phù hợp nhất" : "Theo thứ tự kế hoạch"], [SORTS.due, "Thời hạn gần nhất"]]
      if (withQuery) options.push([SORTS.plan, "Theo thứ tự kế hoạch"])
      var now = Array.prototype.map.call(sortSelect.options, function (o) { return o.value + "|" + o.text }).join()
      if (now !== options.map(function (o) { return o[0] + "|" + o[1] }).join()) {
        sortSelect.textContent = ""
        options.forEach(function (o) { sortSelect.appendChild(el("option", { value: o[0], text: o[1] })) })
      }
      sortSelect.value = state.sort === SORTS.plan && !withQuery ? "" : state.sort
    }

    /* Results from..state.shown: the first FIRST_RESULTS drawn as soon as their records
       are in, then the rest. */
    function renderResults(gen, from) {
      var results = current.results, terms = current.terms, prefix = current.prefix
      var docs = results.slice(from, state.shown).map(function (r) { return rows[r][C.doc] })
      function draw(records, at) {
        if (gen !== generation) return
        if (at === 0) list.textContent = ""
        var fragment = document.createDocumentFragment()
        records.forEach(function (record, k) { fragment.appendChild(resultItem(results[at + k], record, terms, prefix)) })
        list.appendChild(fragment)
      }
      return engine.records(docs.slice(0, FIRST_RESULTS)).then(function (records) {
        draw(records, from)
        if (!facetsBuilt) setTimeout(buildFacets)
        return engine.records(docs.slice(FIRST_RESULTS))
      }).then(function (records) {
        if (gen !== generation) return
        draw(records, from + FIRST_RESULTS)
        empty.hidden = results.length > 0
        var left = results.length - state.shown
        moreButton.hidden = left <= 0
        moreButton.textContent = "Xem thêm (còn " + number(Math.max(left, 0)) + " nhiệm vụ)"
        buildFacets() // if its task has not come yet: results on screen come with their filters
        main.removeAttribute("aria-busy")
        if (firstRender) {
          firstRender = false
          if (performance.mark) performance.mark("gp-explorer:results")
        }
      }, function (err) {
        console.warn("Không tải được kết quả:", err)
        setTimeout(buildFacets)
        if (gen !== generation) return
        countLine.textContent = "Không tải được kết quả. Hãy tải lại trang."
        main.removeAttribute("aria-busy")
      })
    }

    function resultItem(r, record, terms, prefix) {
      /* record: a display record, its fields at the positions R gives (search_index.RECORD) */
      var row = rows[r]
      var plan = data.plans[row[C.plan]]
      var badge = rowState(row)
      // an annual task has no date to judge, yet its badge names its kind (as views.deadline does)
      var badgeText = row[C.deadline] === "annual" ? data.deadlines.annual : D.labels[badge]
      return el("li", { class: "gp-explorer__result" }, [
        el("h3", { class: "gp-explorer__title" }, [
          el("a", { href: new URL(record[R.url], base).href, html: GPSearch.highlight(clip(record[R.title], TITLE_LIMIT), terms, 0, prefix) })
        ]),
        el("p", { class: "gp-explorer__where" }, [
          el("span", { class: "gp-explorer__plan", text: plan.name }),
          record[R.context] ? el("span", { class: "gp-explorer__section", html: GPSearch.highlight(clip(record[R.context], CONTEXT_LIMIT), terms, 0, prefix) }) : null
        ]),
        el("p", { class: "gp-explorer__facts" }, [
          el("span", { class: "gp-badge gp-badge--" + badge + " gp-explorer__badge gp-explorer__badge--" + badge, text: badgeText }),
          record[R.summary] ? el("span", { class: "gp-explorer__summary", html: GPSearch.highlight(record[R.summary], terms, 0, prefix) })
                    : el("span", { class: "gp-explorer__summary gp-explorer__summary--none", text: "Kế hoạch không ghi cơ quan chủ trì, thời hạn" })
        ])
      ])
    }

    moreButton.addEventListener("click", function () {
      var from = state.shown
      state.shown += PAGE_SIZE
      main.setAttribute("aria-busy", "true")
      renderResults(generation, from).then(function () {
        var next = list.children[from]
        if (next) next.querySelector("a").focus()
      })
    })

    /* --- the address ---------------------------------------------------------------- */

    function readURL(search) {
      var params = new URLSearchParams(search)
      state.q = params.get(QUERY) || ""
      var sort = params.get(SORT) || ""
      state.sort = SORT_IDS[sort] ? sort : ""
      facets.forEach(function (f, i) {
        var chosen = new Set()
        params.getAll(f.param).join(",").split(",").forEach(function (raw) {
          var j = f.lookup[raw.trim()]
          if (j != null) chosen.add(j)
        })
        state.selected[i] = chosen
      })
      queryBox.value = state.q
    }

    function encode(value) {
      return encodeURIComponent(value).replace(/%2F/g, "/").replace(/%20/g, "+")
    }

    function queryString() {
      var parts = []
      if (state.q.trim()) parts.push(QUERY + "=" + encode(state.q.trim()))
      facets.forEach(function (f, i) {
        if (!state.selected[i].size) return
        var ids = Array.from(state.selected[i]).sort(function (a, b) { return a - b })
          .map(function (j) { return encode(f.values[j].id) })
        parts.push(f.param + "=" + ids.join(","))
      })
      if (state.sort) parts.push(SORT + "=" + state.sort)
      return parts.length ? "?" + parts.join("&") : ""
    }

    function writeURL() {
      var search = queryString()
      if (search !== location.search)
        history.replaceState(history.state, "", location.pathname + search + location.hash)
    }

    /* --- events --------------------------------------------------------------------- */

    var typing = null
    queryBox.addEventListener("input", function () {
      clearTimeout(typing)
      typing = setTimeout(function () {
        if (state.q === queryBox.value) return
        state.q = queryBox.value
        update()
      }, TYPING_DELAY_MS)
    })
    searchForm.addEventListener("submit", function (event) {
      event.preventDefault()
      clearTimeout(typing)
      state.q = queryBox.value
      update()
    })
    sortSelect.addEventListener("change", function () {
      state.sort = sortSelect.value
      update()
    })
    applyButton.addEventListener("click", function () {
      filters.open = false
      countLine.setAttribute("tabindex", "-1")
      countLine.focus()
    })
    function clearFilters() {
      state.selected = facets.map(function () { return new Set() })
      update()
      queryBox.focus()
    }
    clearAll.addEventListener("click", clearFilters)
    addEventListener("popstate", function () {
      readURL(location.search)
      update({ writeURL: false })
    })
    var wide = window.matchMedia ? window.matchMedia(WIDE) : null
    filters.open = !!(wide && wide.matches)
    if (wide && wide.addEventListener) wide.addEventListener("change", function (e) { filters.open = e.matches })

    readURL(initialSearch)
    root.hidden = false
    update()
  }
})()
