// Accord's pages: times in the viewer's own zone. (What arrives live is web/live.js's part.)
(function () {
  "use strict";

  var lang = document.documentElement.lang || undefined;
  var dateFormat = new Intl.DateTimeFormat(lang, { year: "numeric", month: "short", day: "numeric" });
  var clockFormat = new Intl.DateTimeFormat(lang, {
    hour: "2-digit", minute: "2-digit", timeZoneName: "short",
  });
  var clockWithSeconds = new Intl.DateTimeFormat(lang, {
    hour: "2-digit", minute: "2-digit", second: "2-digit", timeZoneName: "short",
  });

  function span(text) {
    var element = document.createElement("span");
    element.textContent = text;
    return element;
  }

  // The server writes UTC; the viewer reads its own zone, with the UTC time kept in the tooltip.
  function localizeTimes(root) {
    root.querySelectorAll("time[data-local]:not([data-localized])").forEach(function (element) {
      var when = new Date(element.getAttribute("datetime"));
      if (isNaN(when.getTime())) return;
      element.title = element.textContent.replace(/\s+/g, " ").trim();
      var clock = element.hasAttribute("data-seconds") ? clockWithSeconds : clockFormat;
      element.replaceChildren(span(dateFormat.format(when) + ","), " ", span(clock.format(when)));
      element.setAttribute("data-localized", "");
    });
  }

  // An irreversible act (a position, a signature, a closing, a withdrawal) is asked for again: its form
  // carries data-confirm, the sentence saying what cannot be undone, and the page's dialog shows it.
  // Listening in the capture phase puts the question before the form's own handlers (in-browser
  // signing); Escape or "Go back" sends nothing and returns the keyboard to the button pressed.
  function askBeforeIrreversibleActs() {
    var dialog = document.getElementById("confirm-dialog");
    if (!dialog || typeof dialog.showModal !== "function") return;
    var pending = null;
    document.addEventListener("submit", function (event) {
      var form = event.target;
      if (!(form instanceof HTMLFormElement) || !form.hasAttribute("data-confirm")) return;
      if (form.hasAttribute("data-confirmed")) {
        form.removeAttribute("data-confirmed");  // asked again next time, should this sending fail
        return;
      }
      event.preventDefault();
      event.stopImmediatePropagation();
      pending = { form: form, submitter: event.submitter };
      document.getElementById("confirm-text").textContent = form.getAttribute("data-confirm");
      dialog.returnValue = "";
      dialog.showModal();
    }, true);
    dialog.addEventListener("close", function () {
      var asked = pending;
      pending = null;
      if (!asked) return;
      if (dialog.returnValue === "confirm") {
        asked.form.setAttribute("data-confirmed", "");
        asked.form.requestSubmit(asked.submitter || undefined);
      } else if (asked.submitter) {
        asked.submitter.focus();
      }
    });
  }

  function start() {
    askBeforeIrreversibleActs();
    localizeTimes(document);
    // Parts of pages arrive through htmx (live panels, pages of the ledger): localize what came.
    document.body.addEventListener("htmx:afterSettle", function (event) {
      localizeTimes(document);
      // A page of the ledger swapped in: the keyboard and screen reader go to the top of it.
      var heading = document.getElementById("ledger-heading");
      if (heading && event.detail.target && event.detail.target.id === "ledger-page") heading.focus();
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
