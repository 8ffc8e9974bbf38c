// A session's page follows the chair: on each act of the meetings app, fetch the live part again.
// The event only says "something changed"; what is shown comes from the server, through the policy.
(function () {
  "use strict";
  function follow(box) {
    var url = box.getAttribute("data-live-url");
    var pending = false;
    function refresh() {
      if (pending) { return; }
      pending = true;
      fetch(url, { credentials: "same-origin", headers: { "X-Requested-With": "fetch" } })
        .then(function (r) { return r.ok ? r.text() : null; })
        .then(function (html) {
          pending = false;
          if (html === null) { return; }
          box.innerHTML = html;
          box.setAttribute("data-refreshed", String(Date.now()));
          var now = box.querySelector(".now");
          var announcer = document.getElementById("live-announcer");
          if (now && announcer) { announcer.textContent = now.textContent.trim(); }
        })
        .catch(function () { pending = false; });
    }
    var source = new EventSource("/api/v1/events");
    source.addEventListener("act", function (message) {
      try {
        var act = JSON.parse(message.data);
        if (String(act.type).indexOf("meetings.") === 0) { refresh(); }
      } catch (e) { refresh(); }
    });
    source.addEventListener("open", function () { box.setAttribute("data-following", "yes"); });
  }
  document.addEventListener("DOMContentLoaded", function () {
    var box = document.getElementById("session-live");
    if (box && window.EventSource) { follow(box); }
  });
})();
