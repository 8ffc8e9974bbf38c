// A document's page: signing in the browser (WebCrypto Ed25519, the private key never leaves this
// browser: created non-extractable and kept in IndexedDB). The page's live part (#document-live) is
// refreshed by htmx on the page's one stream (web/live.js); a half-filled signing form is kept through
// a refresh by hx-preserve.
(function () {
  "use strict";

  var DB = "accord-keys", STORE = "keys";

  function openDb() {
    return new Promise(function (resolve, reject) {
      var request = indexedDB.open(DB, 1);
      request.onupgradeneeded = function () { request.result.createObjectStore(STORE); };
      request.onsuccess = function () { resolve(request.result); };
      request.onerror = function () { reject(request.error); };
    });
  }

  function stored(username, value) {
    return openDb().then(function (db) {
      return new Promise(function (resolve, reject) {
        var tx = db.transaction(STORE, value === undefined ? "readonly" : "readwrite");
        var store = tx.objectStore(STORE);
        var request = value === undefined ? store.get(username) : store.put(value, username);
        request.onsuccess = function () { resolve(value === undefined ? request.result : value); };
        request.onerror = function () { reject(request.error); };
      });
    });
  }

  function b64(buffer) {
    var bytes = new Uint8Array(buffer), text = "";
    for (var i = 0; i < bytes.length; i++) text += String.fromCharCode(bytes[i]);
    return btoa(text);
  }

  function unb64(text) {
    var raw = atob(text), bytes = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
    return bytes;
  }

  function csrf(form) { return form.querySelector("input[name=csrfmiddlewaretoken]").value; }

  function post(form, url, body) {
    return fetch(url, {
      method: "POST", credentials: "same-origin",
      headers: {"Content-Type": "application/json", "X-CSRFToken": csrf(form)},
      body: JSON.stringify(body)
    }).then(function (response) {
      return response.json().then(function (data) {
        if (!response.ok) {
          var first = (data.errors || [])[0];
          throw new Error(first ? first.label + ": " + first.reason : data.detail || response.statusText);
        }
        return data;
      });
    });
  }

  function say(form, text, error) {
    var status = form.querySelector(".doc-sign__status");
    status.textContent = text;
    status.classList.toggle("doc-sign__status--error", Boolean(error));
  }

  function makeKey(form) {
    var username = form.dataset.username;
    say(form, "…");
    return crypto.subtle.generateKey({name: "Ed25519"}, false, ["sign", "verify"]).then(function (pair) {
      return crypto.subtle.exportKey("raw", pair.publicKey).then(function (raw) {
        return post(form, "/api/v1/persons/" + encodeURIComponent(username) + "/keys",
                    {public_key: b64(raw), label: "browser"});
      }).then(function (key) {
        return stored(username, {keyId: key.key_id, privateKey: pair.privateKey});
      });
    }).then(function (entry) {
      say(form, form.dataset.keyMade.replace("%s", entry.keyId));
      return entry;
    });
  }

  function sign(form) {
    var username = form.dataset.username;
    return stored(username).then(function (entry) {
      return entry || makeKey(form);
    }).then(function (entry) {
      return crypto.subtle.sign({name: "Ed25519"}, entry.privateKey, unb64(form.dataset.message))
        .then(function (signature) {
          return post(form, "/api/v1/documents/" + form.dataset.document + "/signatures", {
            version: parseInt(form.dataset.version, 10), key_id: entry.keyId, signature: b64(signature),
            signed_on: form.elements.signed_on.value, place: form.elements.place.value,
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
