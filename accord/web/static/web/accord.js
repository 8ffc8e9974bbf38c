// Accord's pages: times in the viewer's own zone, and what was typed in a page's other forms kept when one
// of them is sent. (What arrives live is web/live.js's part.)
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

  // A day, or a time and its zone, is never broken across two lines (class "date", as the server's).
  function span(text) {
    var element = document.createElement("span");
    element.className = "date";
    element.textContent = text;
    return element;
  }

  // A day a narrow column may break before its year, and only there (accord_web's |day:"year").
  function yearBroken(text) {
    var parts = /^(.*?) (\d{4}\b.*)$/.exec(text);
    if (!parts) return span(text);
    var element = document.createElement("span");
    element.className = "date-parts";
    element.append(span(parts[1]), " ", span(parts[2]));
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
      var day = dateFormat.format(when);
      var shown = element.hasAttribute("data-year-break") ? yearBroken(day) : span(day);
      element.replaceChildren(shown, ", ", span(clock.format(when)));
      element.setAttribute("data-localized", "");
    });
  }

  // A moment's field (accord/core/dayfield.py, InstantField) reads its day and time in the zone named beside
  // it, UTC from the server: a field nothing is typed in yet takes the browser's own zone instead (an IANA
  // name, so a day in summer reads in summer time), and says so. A value already there keeps its zone.
  var ownZone = "";
  try { ownZone = Intl.DateTimeFormat().resolvedOptions().timeZone || ""; } catch (e) { ownZone = ""; }
  function ownZones(root) {
    if (!ownZone) return;
    root.querySelectorAll(".instant").forEach(function (moment) {
      var zone = moment.querySelector("input[data-zone]");
      var typed = Array.prototype.some.call(moment.querySelectorAll("input[type=text]"), function (input) {
        return input.value.trim() !== "";
      });
      if (!zone || typed || zone.value === ownZone) return;
      zone.value = ownZone;
      var named = moment.querySelector("[data-zone-name]");
      if (named) named.textContent = named.getAttribute("data-zone-name-template").replace("%s", ownZone);
    });
  }

  // A page of many forms (the chair's console) sends one at a time, and the page that comes back, refused
  // or not, has the others empty: what was typed in them and not yet sent is kept for this tab in
  // sessionStorage when one is sent, and put back when the page comes back. The sent form is left as the
  // server gives it (its refusal keeps what was typed; an accepted one starts empty).
  var KEPT = "accord:unsent:";

  function typedIn(form) {
    var fields = {}, typed = false;
    Array.prototype.forEach.call(form.elements, function (field) {
      if (!field.name || field.type === "hidden" || field.type === "password" || field.type === "file"
          || field.type === "submit" || field.type === "button") return;
      var key = field.name + (field.type === "checkbox" || field.type === "radio" ? "=" + field.value : "");
      if (field.type === "checkbox" || field.type === "radio") {
        fields[key] = field.checked;
        typed = typed || field.checked !== field.defaultChecked;
      } else if (field.tagName === "SELECT") {
        fields[key] = Array.prototype.filter.call(field.options, function (o) { return o.selected; })
          .map(function (o) { return o.value; });
        typed = typed || Array.prototype.some.call(field.options, function (o) {
          return o.selected !== o.defaultSelected;
        });
      } else {
        fields[key] = field.value;
        typed = typed || field.value !== field.defaultValue;
      }
    });
    return typed ? fields : null;
  }

  function putBack(form, fields) {
    Array.prototype.forEach.call(form.elements, function (field) {
      var checkable = field.type === "checkbox" || field.type === "radio";
      var key = field.name + (checkable ? "=" + field.value : "");
      if (!field.name || !(key in fields)) return;
      if (checkable) {
        field.checked = fields[key];
      } else if (field.tagName === "SELECT") {
        Array.prototype.forEach.call(field.options, function (o) { o.selected = fields[key].indexOf(o.value) >= 0; });
      } else {
        field.value = fields[key];
      }
    });
  }

  // An irreversible act (a position, a signature, a closing, a withdrawal) is asked for again: its form
  // carries data-confirm, the sentence saying what cannot be undone, and the page's dialog shows it; once
  // confirmed the form carries confirmed=1, without which the server asks again on a page of its own.
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
        // The server acts only on a confirmed form; without script it asks on a page of its own.
        var confirmed = asked.form.querySelector("input[name=confirmed]");
        if (!confirmed) {
          confirmed = document.createElement("input");
          confirmed.type = "hidden";
          confirmed.name = "confirmed";
          asked.form.appendChild(confirmed);
        }
        confirmed.value = "1";
        asked.form.setAttribute("data-confirmed", "");
        asked.form.requestSubmit(asked.submitter || undefined);
      } else if (asked.submitter) {
        asked.submitter.focus();
      }
    });
  }

  function keepUnsent(root) {
    var page = root.querySelector("[data-keep-unsent]");
    if (!page || !window.sessionStorage) return;
    var key = KEPT + page.getAttribute("data-keep-unsent");
    var kept = JSON.parse(sessionStorage.getItem(key) || "{}");
    sessionStorage.removeItem(key);
    page.querySelectorAll("form").forEach(function (form) {
      var fields = kept[form.getAttribute("action")];
      if (fields) putBack(form, fields);
    });
    page.addEventListener("submit", function (event) {
      var unsent = {};
      page.querySelectorAll("form").forEach(function (form) {
        var fields = form === event.target ? null : typedIn(form);
        if (fields) unsent[form.getAttribute("action")] = fields;
      });
      sessionStorage.setItem(key, JSON.stringify(unsent));
    });
  }

  // A speaker's timer (the meetings projector): the server says how long the speaker has had the floor
  // (`data-elapsed`, counted from the act that gave it, on the server's clock) and for how long
  // (`data-seconds`); the page counts on from when it received that, so the reader's clock does not matter.
  var timerTick = null;
  function clockText(seconds) {
    var whole = Math.abs(seconds);
    var text = Math.floor(whole / 60) + ":" + String(whole % 60).padStart(2, "0");
    return seconds < 0 ? "+" + text : text;
  }
  function runTimers() {
    var timers = document.querySelectorAll("[data-timer]");
    var received = Date.now();
    timers.forEach(function (timer) { timer.dataset.received = String(received); });
    function tick() {
      document.querySelectorAll("[data-timer]").forEach(function (timer) {
        var since = Math.floor((Date.now() - Number(timer.dataset.received || Date.now())) / 1000);
        var left = Number(timer.dataset.seconds) - Number(timer.dataset.elapsed) - since;
        var shown = timer.querySelector("[data-timer-left]");
        if (shown) shown.textContent = clockText(left);
        timer.classList.toggle("timer--over", left < 0);
        var over = timer.querySelector("[data-timer-over]");
        if (over) over.hidden = left >= 0;
      });
    }
    tick();
    if (timerTick === null && timers.length) timerTick = window.setInterval(tick, 1000);
  }
  function fullScreenButtons() {
    document.querySelectorAll("[data-full-screen]").forEach(function (button) {
      button.hidden = !document.fullscreenEnabled;
      button.addEventListener("click", function () {
        var target = document.getElementById(button.getAttribute("data-full-screen"));
        if (document.fullscreenElement) document.exitFullscreen();
        else if (target) target.requestFullscreen();
      });
    });
  }

  function start() {
    runTimers();
    fullScreenButtons();
    askBeforeIrreversibleActs();
    localizeTimes(document);
    ownZones(document);
    keepUnsent(document);
    // Parts of pages arrive through htmx (live panels, pages of the ledger): localize what came.
    document.body.addEventListener("htmx:afterSettle", function (event) {
      localizeTimes(document);
      ownZones(document);
      runTimers();
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
  // The main menu's "More" drop-down (base.html, a <details>): closed by Escape, giving the focus back to
  // its summary, and by a click elsewhere, as a menu closes. Without this script it closes by its summary.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    document.querySelectorAll(".site-nav__more[open], .site-nav__menu[open]").forEach(function (menu) {
      var inside = menu.contains(document.activeElement);
      menu.removeAttribute("open");
      if (inside) menu.querySelector("summary").focus();
    });
  });
  document.addEventListener("click", function (event) {
    document.querySelectorAll(".site-nav__more[open]").forEach(function (menu) {
      if (!menu.contains(event.target)) menu.removeAttribute("open");
    });
  });
})();
