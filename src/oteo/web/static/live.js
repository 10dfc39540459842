// Live pages: when oteo says something changed, the page's main part is fetched again
// and swapped in, unless the person is in the middle of typing or selecting.
(function () {
  "use strict";
  if (!window.EventSource || !window.fetch || !window.DOMParser) { return; }
  var busy = false;
  function inTheMiddle() {
    var active = document.activeElement;
    if (active && /^(INPUT|TEXTAREA|SELECT)$/.test(active.tagName)) { return true; }
    return document.querySelector("main input[type=checkbox]:checked") !== null;
  }
  function refresh() {
    if (busy || inTheMiddle()) { return; }
    busy = true;
    fetch(window.location.href, { credentials: "same-origin", headers: { "X-Oteo-Live": "1" } })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) {
        if (!html) { return; }
        var next = new DOMParser().parseFromString(html, "text/html").querySelector("main");
        var main = document.querySelector("main");
        if (next && main) {
          main.replaceWith(next);
          document.body.setAttribute("data-live-updated", String(Date.now()));
        }
      })
      .catch(function () {})
      .then(function () { busy = false; });
  }
  var source = new EventSource("/events");
  source.addEventListener("change", refresh);
})();
