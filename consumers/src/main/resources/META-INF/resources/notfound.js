// The page-not-found page, in the language of whoever is logged in (or the browser's). It asks who
// is logged in only to pick the language; it draws nothing else.
(function () {
  "use strict";

  var i18n = window.SightlineI18n;
  var browser = (navigator.language || "en").substring(0, 2);
  fetch("api/v1/me", { headers: { Accept: "application/json" } })
    .then(function (response) { return response.ok ? response.json() : null; })
    .then(function (user) {
      var chosen = null;
      try {
        chosen = user && window.localStorage.getItem("sightline.lang." + user.id);
      } catch (e) {
        // Storage may be off.
      }
      return i18n.load(chosen || (user && user.language) || browser);
    })
    .catch(function () { return i18n.load(browser); })
    .catch(function () { /* The English text in the page stays. */ });
})();
