// The secretariat reads the audit trails: who looked at what, who asked about what, who took which
// list. The service reads the window asked for from the broker on each search; nothing is polled.
(function () {
  "use strict";

  var i18n = window.SightlineI18n;
  var t = i18n.t;
  var messageEl = document.getElementById("message");
  var summaryEl = document.getElementById("summary");
  var statusEl = document.getElementById("status");

  function el(tag, text) {
    var node = document.createElement(tag);
    if (text != null) node.textContent = text;
    return node;
  }

  function value(v) {
    if (v == null) return "—";
    return typeof v === "object" ? JSON.stringify(v) : String(v);
  }

  function row(entry) {
    var tr = el("tr");
    tr.appendChild(el("td", new Date(entry.at).toISOString().replace("T", " ").replace(/\.\d+Z$/, " UTC")));
    var fields = el("td");
    var dl = el("dl");
    dl.className = "record";
    Object.keys(entry.record).forEach(function (k) {
      dl.appendChild(el("dt", k));
      var dd = el("dd");
      var bdi = el("bdi", value(entry.record[k]));
      bdi.dir = "ltr";
      dd.appendChild(bdi);
      dl.appendChild(dd);
    });
    fields.appendChild(dl);
    tr.appendChild(fields);
    return tr;
  }

  function search(event) {
    if (event) event.preventDefault();
    var params = new URLSearchParams();
    ["from", "until", "q"].forEach(function (id) {
      var v = document.getElementById(id).value.trim();
      if (v) params.set(id, v);
    });
    var trail = document.getElementById("trail").value;
    fetch("api/v1/audit/" + encodeURIComponent(trail) + "?" + params.toString(), {
      headers: { Accept: "application/json" }
    })
      .then(function (response) {
        return response.json().then(function (body) {
          if (!response.ok) throw new Error((body && body.error) || "HTTP " + response.status);
          return body;
        });
      })
      .then(function (page) {
        messageEl.hidden = true;
        statusEl.className = "status status-live";
        statusEl.textContent = t("status.live");
        summaryEl.textContent = t(page.truncated ? "audit.summary.truncated" : "audit.summary", {
          matched: page.matched, shown: page.entries.length
        });
        var body = document.querySelector("#entries tbody");
        body.replaceChildren.apply(body, page.entries.map(row));
        document.body.setAttribute("data-loaded", "true");
      })
      .catch(function (error) {
        messageEl.textContent = t("audit.error", { error: error.message });
        messageEl.hidden = false;
      });
  }

  window.SightlineSession.then(function (user) {
    if (!user.secretariat) {
      document.getElementById("trails").hidden = true;
      document.getElementById("forbidden").hidden = false;
      document.body.setAttribute("data-forbidden", "true");
      return;
    }
    document.getElementById("search").addEventListener("submit", search);
    search();
  });
})();
