/* newsreel: the little JavaScript the pages use.
   1. Highlight the evidence (or quote) named in the URL hash and scroll it into view
      (the server already marks ?ev=N; this covers #ev-N links and in-page jumps).
   2. Autocomplete for the search box (fills a <datalist>; no HTML is built from data). */
(function () {
  "use strict";

  function highlight(hash) {
    var m = /^#(ev|q)-(\d+)$/.exec(hash || "");
    if (!m) return;
    var attr = m[1] === "ev" ? "data-ev" : "data-q";
    var marks = document.querySelectorAll("[" + attr + '~="' + m[2] + '"]');
    if (!marks.length) return;
    document.querySelectorAll(".hl").forEach(function (el) { el.classList.remove("hl"); });
    marks.forEach(function (el) { el.classList.add("hl"); });
    marks[0].scrollIntoView({ block: "center" });
  }

  document.addEventListener("DOMContentLoaded", function () {
    highlight(window.location.hash);
    window.addEventListener("hashchange", function () { highlight(window.location.hash); });
    document.querySelectorAll("a.jump").forEach(function (a) {
      a.addEventListener("click", function (ev) {
        var hash = a.hash;
        if (!hash || !document.querySelector(hash.replace(/^#/, "#"))) return;
        ev.preventDefault();
        history.replaceState(null, "", a.search + hash);
        highlight(hash);
      });
    });

    var input = document.getElementById("q");
    var list = document.getElementById("q-suggest");
    if (!input || !list || !window.fetch) return;
    var timer = null, last = "";
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var q = input.value.trim();
        if (q.length < 2 || q === last) return;
        last = q;
        fetch("/api/autocomplete?limit=8&q=" + encodeURIComponent(q))
          .then(function (r) { return r.ok ? r.json() : []; })
          .then(function (items) {
            while (list.firstChild) list.removeChild(list.firstChild);
            items.forEach(function (it) {
              var opt = document.createElement("option");
              opt.value = it.name;
              opt.label = it.type;
              list.appendChild(opt);
            });
          })
          .catch(function () { /* suggestions are optional */ });
      }, 150);
    });
  });
})();
