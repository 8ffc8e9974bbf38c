// A theme's page: a value reported (or corrected) signed in this browser, with the key web/signing.js keeps.
// The page's form is read by the server as for an unsigned report and drafted as the statement to sign
// (monitoring:draft_value); the browser signs it and sends the signed act to POST /api/v1/acts, the door
// `accord sign --act` uses. Without a key kept here, the form reports under the sign-in, as without script,
// and says how to create one.
(function () {
  "use strict";

  var signing = window.AccordSigning;

  function say(form, text, error) {
    var status = form.querySelector("[data-sign-status]");
    status.textContent = text;
    status.classList.toggle("sign-status--error", Boolean(error));
  }

  // Which of the panel's sentences shows: the key kept here, or how to create one.
  function show(form, entry) {
    form.querySelector("[data-key=none]").hidden = Boolean(entry);
    form.querySelector("[data-key=kept]").hidden = !entry;
    if (entry) form.querySelector("[data-key-id]").textContent = entry.keyId;
    form.dataset.signs = entry ? "1" : "";
  }

  function report(form, entry) {
    say(form, form.dataset.signing);
    return fetch(form.dataset.draft, {method: "POST", credentials: "same-origin", body: new FormData(form)})
      .then(signing.answered)
      .then(function (drafted) {
        return signing.sign(entry, drafted.message).then(function (sig) {
          return signing.post(form, "/api/v1/acts",
                              {statement: drafted.statement, signature: {key: entry.keyId, sig: sig}});
        });
      }).then(function () {
        // Recorded: the page again, as after an unsigned report, with its table and the values to correct.
        form.removeAttribute("data-dirty");
        window.location.assign(form.dataset.page);
      });
  }

  function wire(form) {
    if (!signing.available()) return;
    form.querySelector("[data-sign-panel]").hidden = false;
    var username = form.dataset.username;
    signing.stored(username).then(function (entry) { show(form, entry); });
    form.querySelector("[data-action=make-key]").addEventListener("click", function () {
      say(form, "…");
      signing.makeKey(form, username).then(function (entry) {
        show(form, entry);
        say(form, form.dataset.keyMade.replace("%s", entry.keyId));
      }).catch(function (error) { say(form, error.message, true); });
    });
    form.addEventListener("submit", function (event) {
      if (!form.dataset.signs) return;  // no key kept here: the form is sent as it is, unsigned
      event.preventDefault();
      signing.stored(username).then(function (entry) {
        return report(form, entry);
      }).catch(function (error) { say(form, error.message, true); });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.getElementById("value-form");
    if (form) wire(form);
  });
})();
