// Accord's pages: times in the viewer's own zone, and tables that receive new acts live.
//
// The server renders every row (one template, one translation); this script only learns from the
// event stream that something new exists and asks the server for the rows it has not shown yet.
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

  function announce(text) {
    var region = document.getElementById("live-announcer");
    if (!region || !text) return;
    // Emptying first makes screen readers speak the same sentence again if it repeats.
    region.textContent = "";
    window.setTimeout(function () { region.textContent = text; }, 50);
  }

  function setStatus(state) {
    document.querySelectorAll("[data-live-status]").forEach(function (element) {
      element.dataset.state = state;
      var text = element.querySelector(".live-status__text");
      var words = element.dataset["text" + state.charAt(0).toUpperCase() + state.slice(1)];
      if (text && words) text.textContent = words;
    });
  }

  // One refresh in flight per table: the next one asks for what is still missing after it.
  function LiveTable(table) {
    this.table = table;
    this.body = table.tBodies[0];
    this.url = table.dataset.liveRows;
    this.keep = parseInt(table.dataset.keep || "0", 10);
    this.busy = false;
    this.wanted = false;
  }

  LiveTable.prototype.newest = function () {
    return parseInt(this.table.dataset.newest || "-1", 10);
  };

  LiveTable.prototype.offer = function (seq) {
    if (seq > this.newest()) this.refresh();
  };

  LiveTable.prototype.refresh = function () {
    var self = this;
    if (self.busy) { self.wanted = true; return; }
    self.busy = true;
    self.wanted = false;
    var url = self.url + "?after=" + encodeURIComponent(self.newest());
    fetch(url, { credentials: "same-origin", headers: { "Accept": "text/html" } })
      .then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.text();
      })
      .then(function (html) { self.insert(html); })
      .catch(function () { self.wanted = true; })
      .finally(function () {
        self.busy = false;
        if (self.wanted) window.setTimeout(function () { self.refresh(); }, 500);
      });
  };

  LiveTable.prototype.insert = function (html) {
    var holder = document.createElement("tbody");
    holder.innerHTML = html;
    var rows = Array.prototype.slice.call(holder.querySelectorAll("tr[data-seq]"));
    var newest = this.newest();
    var fresh = rows.filter(function (row) {
      return parseInt(row.dataset.seq, 10) > newest && !document.getElementById(row.id);
    });
    if (!fresh.length) return;
    var first = this.body.firstChild;
    var body = this.body;
    fresh.forEach(function (row) {
      row.classList.add("is-new");
      body.insertBefore(row, first);
    });
    this.table.dataset.newest = String(parseInt(fresh[0].dataset.seq, 10));
    localizeTimes(body);
    if (this.keep > 0) {
      while (body.rows.length > this.keep) body.deleteRow(body.rows.length - 1);
    }
    var empty = this.table.closest("section") && this.table.closest("section").querySelector(".empty");
    if (empty) empty.remove();
    announce(fresh.map(function (row) { return row.dataset.announce; }).join(". "));
  };

  var tables = [];

  function findTables(root, catchUp) {
    root.querySelectorAll("table[data-live-rows]").forEach(function (table) {
      if (!table.accordLive) {
        table.accordLive = new LiveTable(table);
        // A table swapped in while the stream ran may have missed acts announced meanwhile.
        if (catchUp) table.accordLive.refresh();
      }
    });
    tables = Array.prototype.slice.call(document.querySelectorAll("table[data-live-rows]"))
      .map(function (table) { return table.accordLive; });
  }

  var source = null;

  function listen() {
    if (source) return;
    if (!window.EventSource) { setStatus("off"); return; }
    // Ask for the acts since the newest row shown, so that none committed meanwhile is missed.
    var shown = tables.map(function (live) { return live.newest(); });
    var since = shown.length ? Math.min.apply(null, shown) : -1;
    source = new EventSource("/api/v1/events" + (since >= 0 ? "?since=" + since : ""));
    source.addEventListener("open", function () { setStatus("live"); });
    source.addEventListener("error", function () {
      setStatus(source.readyState === EventSource.CLOSED ? "off" : "waiting");
    });
    source.addEventListener("act", function (event) {
      var seq = parseInt(event.lastEventId, 10);
      if (isNaN(seq)) {
        try { seq = JSON.parse(event.data).id; } catch (error) { return; }
      }
      tables.forEach(function (live) { live.offer(seq); });
    });
  }

  function start() {
    localizeTimes(document);
    findTables(document);
    if (document.querySelector("[data-live-status]") || tables.length) listen();
    if (window.htmx) {
      // Pages of the ledger arrive through htmx: localize and wire the swapped part, and put
      // the keyboard and screen reader at the top of what changed.
      document.body.addEventListener("htmx:afterSettle", function () {
        localizeTimes(document);
        findTables(document, Boolean(source));
        if (tables.length) listen();
        if (source && source.readyState === EventSource.OPEN) setStatus("live");
        var heading = document.getElementById("ledger-heading");
        if (heading) heading.focus();
      });
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
