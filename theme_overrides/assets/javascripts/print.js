/* "In / Lưu PDF" (components/print.html): shows the button, prints on click, and before
   printing writes the print date into the paper-only head and the address of each source
   link (print.css shows it after the link). A file, not inline, for the CSP. */
(function () {
  "use strict";

  function today() {
    var d = new Date();
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    return pad(d.getDate()) + "/" + pad(d.getMonth() + 1) + "/" + d.getFullYear();
  }

  function isSourceLink(a) {
    if (!a.href || a.closest(".gp-print-bar, .gp-edit, .headerlink, nav") || a.rel === "edit") { return false; }
    var url = new URL(a.href, document.baseURI);
    return url.origin !== location.origin || url.pathname.indexOf("/van-ban/") !== -1;
  }

  function prepare() {
    document.querySelectorAll("[data-gp-print-day]").forEach(function (el) { el.textContent = today(); });
    document.querySelectorAll("[data-gp-print-date]").forEach(function (el) { el.hidden = false; });
    document.querySelectorAll(".md-content a[href]").forEach(function (a) {
      if (isSourceLink(a)) { a.setAttribute("data-gp-href", a.href); }
    });
  }

  function setup() {
    document.querySelectorAll("[data-gp-print]").forEach(function (button) {
      if (button.dataset.gpReady) { return; }
      button.dataset.gpReady = "1";
      button.hidden = false;
      button.addEventListener("click", function () { prepare(); window.print(); });
    });
    prepare();
  }

  window.addEventListener("beforeprint", prepare);
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(setup);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
