/*
 * Cổng Kế hoạch 57 – province picker for the comparison page (progressive enhancement).
 *
 * Without JavaScript the page shows every province's column and the picker stays hidden.
 * With it, the reader ticks the provinces to compare; the other provinces' cells
 * ([data-gp-compare] [data-province]) get `hidden`. The choice is kept in the address as
 * ?tinh=id1,id2 (history.replaceState, no reload; no parameter when all are ticked), so a
 * shared link shows the same view. At least one province stays ticked: unticking the last
 * one is refused and the status line says why. The parameter is the boxes' own name, which
 * the page's template takes from the explorer's (macros/site/explorer_address.py). No dependencies.
 *
 * The indicator table then shows only the rows where a ticked province has a value (a
 * concept with none left is hidden, with its entry in the jump list), unless the reader
 * ticks "Hiện cả …" ([data-gp-rows-all]).
 */
(function () {
  "use strict"

  /* Instant navigation re-runs this file on each arrival; one subscription is enough. */
  if (window.gpComparePicker) return
  window.gpComparePicker = { init: init }

  function toArray(list) {
    return Array.prototype.slice.call(list)
  }

  /* Province ids asked for in the address, in the page's order; unknown ids are ignored. */
  function fromAddress(known, param) {
    var asked = []
    new URLSearchParams(location.search).getAll(param).forEach(function (value) {
      asked = asked.concat(value.split(","))
    })
    return known.filter(function (id) { return asked.indexOf(id) >= 0 })
  }

  function toAddress(chosen, all, param) {
    var params = new URLSearchParams(location.search)
    if (chosen.length === all.length) params.delete(param)
    else params.set(param, chosen.join(","))
    var query = params.toString().replace(/%2C/gi, ",")
    history.replaceState(history.state, "", location.pathname + (query ? "?" + query : "") + location.hash)
  }

  function init(root) {
    var picker = root.querySelector("[data-gp-picker]")
    if (!picker || picker.hasAttribute("data-gp-ready")) return
    picker.setAttribute("data-gp-ready", "")

    var boxes = toArray(picker.querySelectorAll('input[type="checkbox"]'))
    if (!boxes.length) return
    var param = boxes[0].name
    var status = picker.querySelector("[data-gp-picker-status]")
    var cells = toArray(root.querySelectorAll("[data-gp-compare] [data-province]"))
    var all = boxes.map(function (box) { return box.value })
    var names = {}
    boxes.forEach(function (box) { names[box.value] = box.parentNode.textContent.trim() })

    var showAll = document.createElement("button")
    showAll.type = "button"
    showAll.className = "gp-picker__all"
    showAll.textContent = "Hiện cả " + all.length + " tỉnh"
    picker.insertBefore(showAll, status)

    function chosen() {
      return boxes.filter(function (box) { return box.checked }).map(function (box) { return box.value })
    }

    function say(text) {
      if (status) status.textContent = text
    }

    function describe(ids) {
      if (ids.length === all.length)
        return "Đang hiện cả " + all.length + " tỉnh. Bỏ chọn tỉnh nào thì ẩn cột của tỉnh đó."
      return "Đang so sánh " + ids.length + "/" + all.length + " tỉnh: " +
        ids.map(function (id) { return names[id] }).join(", ") + "." +
        (ids.length === 1 ? " Cần giữ ít nhất một tỉnh." : "")
    }

    var rowsBox = root.querySelector("[data-gp-rows]")
    var everyRow = rowsBox && rowsBox.querySelector("[data-gp-rows-all]")
    var rowsStatus = rowsBox && rowsBox.querySelector("[data-gp-rows-status]")
    var concepts = toArray(root.querySelectorAll("[data-gp-compare] tbody.gp-compare__concept"))
    var jumps = toArray(root.querySelectorAll("[data-gp-jump] li[data-concept]"))
    var jumpCount = root.querySelector("[data-gp-jump-count]")

    /* Rows with a value of a ticked province; all rows when the reader asks for them. */
    function filterRows(ids) {
      var shown = 0, total = 0, gone = {}, left = 0
      concepts.forEach(function (body) {
        var any = false
        toArray(body.rows).forEach(function (row) {
          var has = toArray(row.querySelectorAll("td[data-province]")).some(function (cell) {
            return ids.indexOf(cell.getAttribute("data-province")) >= 0 && !cell.hasAttribute("data-empty")
          })
          row.hidden = !has && !(everyRow && everyRow.checked)
          total++
          if (!row.hidden) { shown++; any = true }
        })
        body.hidden = !any
        if (any) left++
        else gone[body.id] = true
      })
      jumps.forEach(function (item) { item.hidden = !!gone[item.getAttribute("data-concept")] })
      if (jumpCount) jumpCount.textContent = String(left)
      if (rowsStatus)
        rowsStatus.textContent = shown === total ? "Đang hiện cả " + total + " hàng chỉ tiêu."
          : "Đang hiện " + shown + "/" + total + " hàng chỉ tiêu có số liệu của tỉnh đã chọn."
      if (rowsBox) rowsBox.hidden = false
    }

    function show(ids) {
      cells.forEach(function (cell) {
        // an attribute, not the `hidden` property, which SVG elements (the charts' bars) lack
        cell.toggleAttribute("hidden", ids.indexOf(cell.getAttribute("data-province")) < 0)
      })
      showAll.hidden = ids.length === all.length
      filterRows(ids)
    }

    if (everyRow) everyRow.addEventListener("change", function () { filterRows(chosen()) })

    var wanted = fromAddress(all, param)
    boxes.forEach(function (box) {
      box.checked = wanted.length === 0 || wanted.indexOf(box.value) >= 0
    })
    show(chosen())
    say(describe(chosen()))
    picker.hidden = false

    picker.addEventListener("change", function (event) {
      var ids = chosen()
      if (ids.length === 0) {
        event.target.checked = true
        say("Cần giữ ít nhất một tỉnh: " + names[event.target.value] + " vẫn được chọn.")
        return
      }
      show(ids)
      toAddress(ids, all, param)
      say(describe(ids))
    })

    showAll.addEventListener("click", function () {
      boxes.forEach(function (box) { box.checked = true })
      show(all)
      toAddress(all, all, param)
      say(describe(all))
    })

    picker.addEventListener("submit", function (event) { event.preventDefault() })
  }

  if (window.document$ && typeof window.document$.subscribe === "function")
    window.document$.subscribe(function () { init(document) })
  else if (document.readyState === "loading")
    document.addEventListener("DOMContentLoaded", function () { init(document) })
  else
    init(document)
})()
