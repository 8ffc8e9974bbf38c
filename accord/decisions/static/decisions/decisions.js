// Decisions pages: mark a form being filled in, which the live refresh (an htmx trigger on the page's one stream, web/live.js) leaves alone.
(function () {
  "use strict";

  function wireForms(root) {
    // A form being filled in is not replaced by a live refresh under the person's hands.
    root.querySelectorAll("form[data-track-dirty]").forEach(function (form) {
      if (form.dataset.wired) return;
      form.dataset.wired = "1";
      form.addEventListener("input", function () { form.setAttribute("data-dirty", ""); });
    });
  }

  function start() {
    wireForms(document);
    document.body.addEventListener("htmx:afterSettle", function () { wireForms(document); });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
