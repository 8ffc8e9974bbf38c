// Decisions pages: refresh a procedure's live part when a decisions act is announced, and read a
// deadline typed in the viewer's own zone as an instant.
(function () {
  "use strict";

  function announceChange() {
    document.body.dispatchEvent(new CustomEvent("decisions-changed"));
  }

  function listen() {
    if (!document.querySelector("[data-decisions-live]") || !window.EventSource) return;
    var source = new EventSource("/api/v1/events");
    source.addEventListener("act", function (event) {
      var type = "";
      try { type = JSON.parse(event.data).type || ""; } catch (error) { return; }
      if (type.indexOf("decisions.") === 0) announceChange();
    });
  }

  function wireForms(root) {
    // The browser's offset from UTC, so that the server reads a datetime-local as the instant meant.
    root.querySelectorAll("input[data-tz-offset]").forEach(function (input) {
      input.value = String(new Date().getTimezoneOffset());
    });
    // A form being filled in is not replaced by a live refresh under the person's hands.
    root.querySelectorAll("form[data-track-dirty]").forEach(function (form) {
      if (form.dataset.wired) return;
      form.dataset.wired = "1";
      form.addEventListener("input", function () { form.setAttribute("data-dirty", ""); });
    });
  }

  function start() {
    wireForms(document);
    listen();
    document.body.addEventListener("htmx:afterSettle", function (event) {
      wireForms(document);
      // Tell a screen reader what the procedure's state is now, once per refresh.
      var outcome = event.target && event.target.querySelector && event.target.querySelector("[data-outcome]");
      var region = document.getElementById("live-announcer");
      if (outcome && region) {
        region.textContent = "";
        window.setTimeout(function () { region.textContent = outcome.textContent.trim(); }, 50);
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
