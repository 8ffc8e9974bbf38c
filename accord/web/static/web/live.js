// Accord's one live stream per page: a single EventSource, each act dispatched as DOM events on <body>.
//
// Panels subscribe with htmx, never with a fetch loop of their own (docs/development.md, "Live updates"):
//   <div data-live="session" hx-get="…" hx-trigger="meetings-changed from:body" hx-sync="this:queue last">
// Each act is `accord:act`, and `<app>-changed` for its app (`decisions-changed` for `decisions.*`), with
// event.detail = {id, type, sealed, names}: `names` are the ids its body names ({proposal: 7}), for
// hx-trigger filters. The event only says that something changed; what is shown comes from the server.
(function () {
  "use strict";

  // A drill's pages (under /drills/<n>/run/) stream the drill's acts only: <body data-stream> names their stream.
  var STREAM = document.body && document.body.dataset.stream ? document.body.dataset.stream : "/api/v1/events";
  var GIVE_UP_AFTER = 6;  // reopenings in a row that failed before the page says live updates are off

  var source = null;
  var state = "idle";
  var lastId = null;  // the newest act received: a stream opened again resumes after it
  var failures = 0;

  function panels() {
    return Array.prototype.slice.call(document.querySelectorAll("[data-live]"));
  }

  function liveTables() {
    return Array.prototype.slice.call(document.querySelectorAll("table[data-live-rows]"));
  }

  function newestOf(table) {
    return parseInt(table.dataset.newest || "-1", 10);
  }

  function announce(text) {
    var region = document.getElementById("live-announcer");
    if (!region || !text) return;
    // Emptying first makes screen readers speak the same sentence again if it repeats.
    region.textContent = "";
    window.setTimeout(function () { region.textContent = text; }, 50);
  }

  // The stream's state, for people (the "Live" badge) and for tests and styles: <html data-stream>,
  // <html data-NAME-live> for each kind of panel on the page (data-live="crisis": data-crisis-live), and
  // data-following="yes" on each panel while the stream is open.
  function show(next) {
    state = next;
    var root = document.documentElement;
    root.dataset.stream = next;
    panels().forEach(function (panel) {
      root.setAttribute("data-" + panel.dataset.live + "-live", next);
      panel.dataset.following = next === "live" ? "yes" : "no";
    });
    document.querySelectorAll("[data-live-status]").forEach(function (element) {
      element.dataset.state = next;
      var text = element.querySelector(".live-status__text");
      var words = element.dataset["text" + next.charAt(0).toUpperCase() + next.slice(1)];
      if (text && words) text.textContent = words;
    });
  }

  // The ids an act's body names, for filters: {proposal: 7, session: 3}. A sealed act names none.
  function namesOf(act) {
    var names = {};
    var body = act.body || {};
    Object.keys(body).forEach(function (key) {
      var value = body[key];
      if (typeof value === "number" || (typeof value === "string" && /^\d+$/.test(value))) {
        names[key] = Number(value);
      }
    });
    return names;
  }

  function dispatch(act) {
    var detail = { id: act.id, type: String(act.type || ""), sealed: Boolean(act.sealed), names: namesOf(act) };
    document.body.dispatchEvent(new CustomEvent("accord:act", { detail: detail }));
    var app = detail.type.split(".")[0];
    if (app) document.body.dispatchEvent(new CustomEvent(app + "-changed", { detail: detail }));
  }

  function open() {
    // First time: the acts after the newest row a table shows, else after the log's last entry when the page
    // was read (<body data-log-size>), so that none committed meanwhile is missed. The browser resumes a
    // dropped stream by itself (Last-Event-ID); one it gave up on is opened again here after the last act
    // received.
    var shown = liveTables().map(newestOf);
    var read = parseInt(document.body.dataset.logSize || "0", 10) - 1;
    var since = lastId !== null ? lastId : (shown.length ? Math.min.apply(null, shown) : read);
    if (state !== "waiting") show("connecting");
    source = new EventSource(STREAM + (since >= 0 ? "?since=" + since : ""));
    source.addEventListener("open", function () {
      failures = 0;
      show("live");
    });
    source.addEventListener("error", function () {
      if (source.readyState !== EventSource.CLOSED) { show("waiting"); return; }
      source = null;
      failures += 1;
      if (failures >= GIVE_UP_AFTER) { show("off"); return; }
      show("waiting");
      window.setTimeout(open, Math.min(30000, 1000 * Math.pow(2, failures)));
    });
    source.addEventListener("act", function (event) {
      var act;
      try { act = JSON.parse(event.data); } catch (error) { return; }
      var id = parseInt(event.lastEventId, 10);
      if (isNaN(id)) id = act.id;
      if (lastId !== null && id <= lastId) return;
      lastId = id;
      act.id = id;
      dispatch(act);
    });
  }

  function listen() {
    if (source || state === "off") return;
    if (!window.EventSource) { show("off"); return; }
    if (panels().length || document.querySelector("[data-live-status]")) open();
  }

  // Helpers for hx-trigger filters and hx-vals (htmx looks names up on the event, then on window).
  window.Accord = {
    streaming: function () { return Boolean(source) && state === "live"; },
    // Whether `root` (or something in it) lists `id` in the space-separated attribute `attribute`.
    lists: function (root, attribute, id) {
      if (id === undefined || id === null) return false;
      var holder = root.hasAttribute(attribute) ? root : root.querySelector("[" + attribute + "]");
      return holder !== null && holder.getAttribute(attribute).split(/\s+/).indexOf(String(id)) >= 0;
    },
    // A live table's rows: the newest it shows, and whether an act is newer than that.
    newest: function (element) { return newestOf(element.closest("table")); },
    newer: function (element, detail) { return detail.id > newestOf(element.closest("table")); },
  };

  function liveTableOf(event) {
    var target = event.detail.target;
    return target && target.matches && target.matches("table[data-live-rows] > tbody") ? target.parentElement : null;
  }

  // A live table's refresh brings the rows after the newest shown; keep those not on the page yet.
  function keepFreshRows(event) {
    var table = liveTableOf(event);
    if (!table || !event.detail.xhr || event.detail.xhr.status !== 200) return;
    var holder = document.createElement("tbody");
    holder.innerHTML = event.detail.serverResponse;
    var newest = newestOf(table);
    var fresh = Array.prototype.slice.call(holder.querySelectorAll("tr[data-seq]")).filter(function (row) {
      return parseInt(row.dataset.seq, 10) > newest && !document.getElementById(row.id);
    });
    fresh.forEach(function (row) { row.classList.add("is-new"); });
    table.accordFresh = fresh.map(function (row) {
      return { seq: parseInt(row.dataset.seq, 10), announce: row.dataset.announce };
    });
    event.detail.serverResponse = fresh.map(function (row) { return row.outerHTML; }).join("");
  }

  function settleFreshRows(table) {
    var fresh = table.accordFresh || [];
    table.accordFresh = null;
    if (!fresh.length) return;
    table.dataset.newest = String(Math.max(newestOf(table), fresh[0].seq));
    var keep = parseInt(table.dataset.keep || "0", 10);
    var body = table.tBodies[0];
    if (keep > 0) {
      while (body.rows.length > keep) body.deleteRow(body.rows.length - 1);
    }
    var section = table.closest("section");
    var empty = section && section.querySelector(".empty");
    if (empty) empty.remove();
    announce(fresh.map(function (row) { return row.announce; }).join(". "));
  }

  function settled(event) {
    var target = event.detail.target || event.target;
    var table = liveTableOf(event);
    if (table) {
      settleFreshRows(table);
    } else if (target && target.dataset && target.dataset.live) {
      // A panel refreshed: say what changed, as the panel declares it.
      target.setAttribute("data-refreshed", String(Date.now()));
      var from = target.dataset.announceFrom && target.querySelector(target.dataset.announceFrom);
      announce(from ? from.textContent.replace(/\s+/g, " ").trim() : target.dataset.announce);
    }
    // A part swapped in (a page of the ledger) may bring panels or a status badge of its own.
    if (state !== "idle") show(state);
    listen();
  }

  function start() {
    listen();
    document.body.addEventListener("htmx:beforeSwap", keepFreshRows);
    document.body.addEventListener("htmx:afterSettle", settled);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
