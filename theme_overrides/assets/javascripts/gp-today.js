/*
 * Cổng Kế hoạch 57 – one "today" for every page.
 *
 * The pages are built once a night, so their deadline badges ("Đã đến hạn", "Chưa đến
 * hạn") and deadline summaries are judged on the build date. This script judges them
 * again against the reader's date, with the rule the explorer uses (GPToday.state, which
 * explorer.js takes from here): Deadline.state in macros/data/deadlines.py, its state
 * codes and labels read from gp-vocabulary.js. A badge that can change carries its
 * Deadline.judged_on as data-gp-due (yyyymmdd); a summary carries every dated task's in
 * data-gp-dues. The page keeps saying the date it was built on.
 */
(function () {
  "use strict"

  var V = window.GPVocabulary
  if (!V || window.GPToday) return // the explorer's page loads it early, in its <head>, and again with every page
  var D = V.deadline

  /* Deadline.state from explore.json-style codes: `kind` a deadline kind of the explorer
     ("dated", "ongoing", …), `due` Deadline.judged_on as yyyymmdd (0 when there is no
     date to judge), `today` yyyymmdd. */
  function state(kind, due, today) {
    if (D.fixed[kind]) return D.fixed[kind]
    if (!due) return D.undated
    return due < today ? D.passed : D.upcoming
  }

  function todayCode(date) {
    var d = date || new Date()
    return d.getFullYear() * 10000 + (d.getMonth() + 1) * 100 + d.getDate()
  }

  function dateText(code) {
    var s = String(code)
    return s.slice(6, 8) + "/" + s.slice(4, 6) + "/" + s.slice(0, 4)
  }

  function isoDate(code) {
    var s = String(code)
    return s.slice(0, 4) + "-" + s.slice(4, 6) + "-" + s.slice(6, 8)
  }

  window.GPToday = { state: state, todayCode: todayCode, dateText: dateText }

  function rejudge(root) {
    var today = todayCode()
    var badges = root.querySelectorAll(".gp-badge[data-gp-due]")
    for (var i = 0; i < badges.length; i++) {
      var badge = badges[i]
      var was = badge.getAttribute("data-gp-state")
      var now = state("dated", Number(badge.getAttribute("data-gp-due")), today)
      if (now === was) continue
      badge.classList.remove("gp-badge--" + was)
      badge.classList.add("gp-badge--" + now)
      badge.setAttribute("data-gp-state", now)
      badge.textContent = D.labels[now]
      var holder = badge.closest("[data-deadline]")
      if (holder) holder.setAttribute("data-deadline", now)
    }
    var summaries = root.querySelectorAll("[data-gp-deadline-summary]")
    for (var j = 0; j < summaries.length; j++) {
      var summary = summaries[j]
      var dues = (summary.getAttribute("data-gp-dues") || "").split(" ").filter(Boolean)
      var passed = 0
      dues.forEach(function (due) { if (state("dated", Number(due), today) === D.passed) passed++ })
      var passedNode = summary.querySelector("[data-gp-passed]")
      var upcomingNode = summary.querySelector("[data-gp-upcoming]")
      if (passedNode) passedNode.textContent = String(passed)
      if (upcomingNode) upcomingNode.textContent = String(dues.length - passed)
      var time = summary.querySelector("time[data-gp-today]")
      if (time && time.getAttribute("datetime") !== isoDate(today)) {
        time.textContent = dateText(today)
        time.setAttribute("datetime", isoDate(today))
        var built = summary.querySelector("[data-gp-built]")
        if (built) built.hidden = false
      }
    }
  }

  function run() { rejudge(document) }
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(run) // instant navigation
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", run)
  else run()
})()
