// Who is logged in. Every page but the login page starts here: no session means the login page;
// the user's language (from the member directory, or the one chosen here on this browser) is loaded
// before anything is drawn.
(function () {
  "use strict";

  function languageFor(user) {
    var chosen = null;
    try {
      chosen = window.localStorage.getItem("sightline.lang." + user.id);
    } catch (e) {
      // Storage may be off; the directory's choice stands.
    }
    return chosen || user.language || "en";
  }

  function toLogin() {
    var next = window.location.pathname.replace(/^.*\//, "") + window.location.search;
    window.location.replace("login.html?next=" + encodeURIComponent(next));
  }

  function wireHeader(user) {
    var name = document.getElementById("user");
    if (name) {
      name.textContent = user.name + " · " +
        (user.country ? user.country : window.SightlineI18n.t("recipient.secretariat"));
    }
    var logout = document.getElementById("logout");
    if (logout) {
      logout.addEventListener("click", function () {
        fetch("api/v1/logout", { method: "POST" }).finally(toLogin);
      });
    }
    var lang = document.getElementById("lang");
    if (lang) {
      lang.value = window.SightlineI18n.lang();
      lang.addEventListener("change", function () {
        try {
          window.localStorage.setItem("sightline.lang." + user.id, lang.value);
        } catch (e) {
          // Not kept; it still applies to this page.
        }
        window.location.reload();
      });
    }
  }

  // Resolves with the user once their language is loaded; never resolves without a session.
  window.SightlineSession = fetch("api/v1/me", { headers: { Accept: "application/json" } })
    .then(function (response) {
      if (response.status === 401) {
        toLogin();
        return new Promise(function () {});
      }
      if (!response.ok) throw new Error("HTTP " + response.status);
      return response.json();
    })
    .then(function (user) {
      return window.SightlineI18n.load(languageFor(user)).then(function () {
        wireHeader(user);
        return user;
      });
    });
})();
