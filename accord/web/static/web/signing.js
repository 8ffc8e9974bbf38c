// Signing in the browser, for every page that signs (a document's signature, a member's reported value): a
// person's Ed25519 key made by WebCrypto, its private half created non-extractable and kept in this browser's
// IndexedDB under the person's username, its public half registered as the person's key
// (POST /api/v1/persons/<username>/keys). The server never sees the private key.
window.AccordSigning = (function () {
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

  // The person's key kept here ({keyId, privateKey}), or undefined; with `value`, keep it.
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

  // A refusal as the API and the pages' drafts give it ({errors: [{label, reason}]}) thrown as an Error.
  function answered(response) {
    return response.json().then(function (data) {
      if (!response.ok) {
        var first = (data.errors || [])[0];
        throw new Error(first ? (first.label ? first.label + ": " : "") + first.reason
                              : data.detail || response.statusText);
      }
      return data;
    });
  }

  // POST `body` as JSON under the page's session (its CSRF token read from `form`).
  function post(form, url, body) {
    return fetch(url, {
      method: "POST", credentials: "same-origin",
      headers: {"Content-Type": "application/json", "X-CSRFToken": csrf(form)},
      body: JSON.stringify(body)
    }).then(answered);
  }

  // Whether this browser can sign at all (WebCrypto's Ed25519, IndexedDB).
  function available() {
    return Boolean(window.crypto && crypto.subtle && window.indexedDB);
  }

  function makeKey(form, username) {
    return crypto.subtle.generateKey({name: "Ed25519"}, false, ["sign", "verify"]).then(function (pair) {
      return crypto.subtle.exportKey("raw", pair.publicKey).then(function (raw) {
        return post(form, "/api/v1/persons/" + encodeURIComponent(username) + "/keys",
                    {public_key: b64(raw), label: "browser"});
      }).then(function (key) {
        return stored(username, {keyId: key.key_id, privateKey: pair.privateKey});
      });
    });
  }

  // The signature (base64) of the message (base64) by the kept key.
  function sign(entry, message) {
    return crypto.subtle.sign({name: "Ed25519"}, entry.privateKey, unb64(message)).then(b64);
  }

  return {available: available, stored: stored, makeKey: makeKey, sign: sign, post: post, answered: answered,
          csrf: csrf};
})();
