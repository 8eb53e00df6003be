// The login page: before a user is known, the language comes from ?lang=, then the browser.
(function () {
  "use strict";

  var i18n = window.SightlineI18n;
  var params = new URL(window.location.href).searchParams;
  var lang = params.get("lang") || (navigator.language || "en").substring(0, 2);
  var form = document.getElementById("login");
  var messageEl = document.getElementById("message");
  var select = document.getElementById("lang");

  function next() {
    var target = params.get("next") || "index.html";
    // Only a page of this service: never an absolute or protocol-relative address.
    return /^[a-z0-9_.-]+\.html(\?[^#]*)?$/i.test(target) ? target : "index.html";
  }

  i18n.load(lang).then(function (loaded) {
    select.value = loaded;
  });

  var chosen = !!params.get("lang");
  select.addEventListener("change", function () {
    chosen = true;
    i18n.load(select.value);
  });

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    messageEl.hidden = true;
    fetch("api/v1/login", {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify({
        user: document.getElementById("user").value.trim(),
        password: document.getElementById("password").value
      })
    })
      .then(function (response) {
        if (response.status === 401) throw new Error(i18n.t("login.failed"));
        if (!response.ok) throw new Error(i18n.t("login.error", { error: "HTTP " + response.status }));
        return response.json();
      })
      .then(function (user) {
        // Only a language picked here overrides the one the directory gives the user.
        try {
          if (chosen) window.localStorage.setItem("sightline.lang." + user.id, i18n.lang());
        } catch (e) {
          // The directory's language applies instead.
        }
        window.location.replace(user.secretariat && !params.get("next") ? "dashboard.html" : next());
      })
      .catch(function (error) {
        messageEl.textContent = error.message;
        messageEl.hidden = false;
      });
  });
})();
