// Message bundles: every visible string comes from i18n/messages_<lang>.json. Elements carry
// data-i18n="key" (text) or data-i18n-attr="attr:key" (an attribute); scripts call t(key, params).
(function () {
  "use strict";

  // INTERPOL's working languages.
  var SUPPORTED = ["en", "ar", "fr", "es"];
  var RTL = { ar: true };
  var messages = {};
  var current = "en";

  function pick(lang) {
    return SUPPORTED.indexOf(lang) >= 0 ? lang : "en";
  }

  function t(key, params) {
    var text = Object.prototype.hasOwnProperty.call(messages, key) ? messages[key] : key;
    if (params) {
      Object.keys(params).forEach(function (name) {
        text = text.split("{" + name + "}").join(String(params[name]));
      });
    }
    return text;
  }

  function apply(root) {
    (root || document).querySelectorAll("[data-i18n]").forEach(function (el) {
      el.textContent = t(el.getAttribute("data-i18n"));
    });
    (root || document).querySelectorAll("[data-i18n-attr]").forEach(function (el) {
      el.getAttribute("data-i18n-attr").split(";").forEach(function (pair) {
        var parts = pair.split(":");
        if (parts.length === 2) el.setAttribute(parts[0].trim(), t(parts[1].trim()));
      });
    });
  }

  // Loads a language and lays the page out for it: lang and dir on <html>, so that the browser and
  // the logical CSS properties mirror the layout for right-to-left scripts.
  function load(lang) {
    current = pick(lang);
    return fetch("i18n/messages_" + current + ".json", { headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json();
      })
      .then(function (bundle) {
        messages = bundle;
        document.documentElement.lang = current;
        document.documentElement.dir = RTL[current] ? "rtl" : "ltr";
        document.title = t(document.body.getAttribute("data-title") || "app.title");
        apply(document);
        return current;
      });
  }

  function humanise(prefix, name) {
    if (!name) return "";
    var key = prefix + "." + name;
    var text = t(key);
    return text === key ? String(name) : text;
  }

  window.SightlineI18n = {
    load: load,
    t: t,
    apply: apply,
    humanise: humanise,
    lang: function () { return current; },
    isRtl: function () { return !!RTL[current]; },
    supported: SUPPORTED
  };
})();
