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
    // The sessions and proposals that take up the request, as the last refresh listed them.
    function takenUp(kind, id) {
      var holder = document.querySelector("[data-taken-" + kind + "]");
      return holder !== null && holder.getAttribute("data-taken-" + kind).split(" ").indexOf(String(id)) >= 0;
    }
    function concerns(data) {
      if (!data.type) return false;
      if (data.type.indexOf("crises.") === 0) return true;
      // Another app's act matters only when it is on a session or proposal this request lists
      // (a sealed act, whose body the viewer may not read, is on nothing the page shows).
      var body = data.body || {};
      if (data.type.indexOf("decisions.") === 0) return takenUp("proposals", body.proposal);
      if (data.type.indexOf("meetings.") === 0) return takenUp("sessions", body.session);
      return false;
    }
    var source = new EventSource("/api/v1/events");
    source.addEventListener("act", function (event) {
      if (concerns(JSON.parse(event.data))) refresh();
    });
    document.documentElement.dataset.crisisLive = "listening";
    source.addEventListener("open", function () { document.documentElement.dataset.crisisLive = "live"; });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
