/* Live crisis panels: any element with data-crisis-live reloads its partial when a crisis act commits. */
(function () {
  "use strict";
  function start() {
    var panels = Array.prototype.slice.call(document.querySelectorAll("[data-crisis-live]"));
    if (!panels.length || !window.EventSource) return;
    var busy = false, again = false;
    function refresh() {
      if (busy) { again = true; return; }
      busy = true;
      Promise.all(panels.map(function (panel) {
        return fetch(panel.dataset.crisisLive, { credentials: "same-origin" })
          .then(function (response) { return response.ok ? response.text() : null; })
          .then(function (html) { if (html !== null) panel.innerHTML = html; });
      })).catch(function () { again = true; }).finally(function () {
        busy = false;
        if (again) { again = false; window.setTimeout(refresh, 300); }
      });
    }
    var source = new EventSource("/api/v1/events");
    source.addEventListener("act", function (event) {
      var data = JSON.parse(event.data);
      // A crisis act, or a session's or a procedure's act: one of those may be taking up the request.
      if (data.type && /^(crises|decisions|meetings)\./.test(data.type)) refresh();
    });
    document.documentElement.dataset.crisisLive = "listening";
    source.addEventListener("open", function () { document.documentElement.dataset.crisisLive = "live"; });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
