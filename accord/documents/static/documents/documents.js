// A document's page: signing in the browser (web/signing.js: WebCrypto Ed25519, the private key never leaves
// this browser). The page's live part (#document-live) is refreshed by htmx on the page's one stream
// (web/live.js); a half-filled signing form is kept through a refresh by hx-preserve.
(function () {
  "use strict";

  var signing = window.AccordSigning;

  function say(form, text, error) {
    var status = form.querySelector(".doc-sign__status");
    status.textContent = text;
    status.classList.toggle("doc-sign__status--error", Boolean(error));
  }

  function makeKey(form) {
    var username = form.dataset.username;
    say(form, "…");
    return signing.makeKey(form, username).then(function (entry) {
      say(form, form.dataset.keyMade.replace("%s", entry.keyId));
      return entry;
    });
  }

  // The place as each organization language names it: the boxes place_<code> (an empty one is left out, and
  // the server names the default language's if that one is missing).
  function place(form) {
    var texts = {};
    Array.prototype.forEach.call(form.querySelectorAll("[name^=place_]"), function (input) {
      if (input.value.trim()) texts[input.name.slice("place_".length)] = input.value.trim();
    });
    return texts;
  }

  function sign(form) {
    var username = form.dataset.username;
    return signing.stored(username).then(function (entry) {
      return entry || makeKey(form);
    }).then(function (entry) {
      return signing.sign(entry, form.dataset.message)
        .then(function (signature) {
          return signing.post(form, "/api/v1/documents/" + form.dataset.document + "/signatures", {
            version: parseInt(form.dataset.version, 10), key_id: entry.keyId, signature: signature,
            signed_on: form.elements.signed_on.value, place: place(form),
            reservations: form.elements.reservations.value
          });
        });
    }).then(function (recorded) {
      say(form, form.dataset.signed.replace("%s", recorded.seq));
      // Show the signature at once, without waiting for the stream to announce it.
      var live = document.getElementById("document-live");
      if (live && window.htmx) window.htmx.trigger(live, "accord:refresh");
    });
  }

  function wire(root) {
    var form = root.id === "sign-form" ? root : root.querySelector && root.querySelector("#sign-form");
    if (!form || form.dataset.wired) return;
    form.dataset.wired = "1";
    var date = form.elements.signed_on;
    // Today by the server's clock (the field's max): a signature lies between the adoption and today.
    if (!date.value) date.value = date.max || new Date().toISOString().slice(0, 10);
    form.querySelector("[data-action=make-key]").addEventListener("click", function () {
      makeKey(form).catch(function (error) { say(form, error.message, true); });
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (!form.reportValidity()) return;
      sign(form).catch(function (error) { say(form, error.message, true); });
    });
  }

  // The first page, and each refresh of the live part that brings a signing form not shown before.
  if (window.htmx) {
    window.htmx.onLoad(wire);
  } else {
    document.addEventListener("DOMContentLoaded", function () { wire(document); });
  }
})();
