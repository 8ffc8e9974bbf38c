// Accord's pages: times in the viewer's own zone. (What arrives live is web/live.js's part.)
(function () {
  "use strict";

  // The same day and clock as the server's (accord/formats): "4 December 2026, 14:30 UTC". English
  // reads day-month-year on a 24-hour clock, as British English does, not the American default.
  var page = document.documentElement.lang || "en";
  var lang = page === "en" ? "en-GB" : page;
  var dateFormat = new Intl.DateTimeFormat(lang, { year: "numeric", month: "long", day: "numeric" });
  var clockFormat = new Intl.DateTimeFormat(lang, {
    hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZoneName: "short",
  });
  var clockWithSeconds = new Intl.DateTimeFormat(lang, {
    hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23", timeZoneName: "short",
  });

  function span(text) {
    var element = document.createElement("span");
    element.textContent = text;
    return element;
  }

  // The server writes UTC; the viewer reads its own zone, with the UTC time kept in the tooltip.
  function localizeTimes(root) {
    root.querySelectorAll("time[data-local]:not([data-localized])").forEach(function (element) {
      var stamp = element.getAttribute("datetime") || "";
      // A fact known only to the day sits on midnight UTC and stays a day (accord/core/dates.py).
      if (/T00:00:00(\+00:00|Z)$/.test(stamp)) {
        element.setAttribute("data-localized", "");
        return;
      }
      var when = new Date(stamp);
      if (isNaN(when.getTime())) return;
      element.title = element.textContent.replace(/\s+/g, " ").trim();
      var clock = element.hasAttribute("data-seconds") ? clockWithSeconds : clockFormat;
      element.replaceChildren(span(dateFormat.format(when) + ","), " ", span(clock.format(when)));
      element.setAttribute("data-localized", "");
    });
  }

  function start() {
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
