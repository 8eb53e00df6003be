// Feed health: what of an agency's feed was refused (by field, per hour, the newest records), so
// it can fix its feed. An analyst bound to an agency sees its own; the secretariat sees an
// overview of every agency and any agency's detail (?agency=<id>).
(function () {
  "use strict";

  var POLL_MS = 10000;
  var i18n = window.SightlineI18n;
  var t = i18n.t;
  var hours = document.getElementById("hours");
  var statusEl = document.getElementById("status");
  var messageEl = document.getElementById("message");
  var chart = null;
  var agency = new URLSearchParams(window.location.search).get("agency");

  function el(tag, text) {
    var node = document.createElement(tag);
    if (text != null) node.textContent = text;
    return node;
  }

  function when(iso) {
    if (!iso) return "—";
    return new Intl.DateTimeFormat(i18n.lang(), {
      month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", second: "2-digit",
      hourCycle: "h23", timeZone: "UTC"
    }).format(new Date(iso)) + " UTC";
  }

  function getJson(url) {
    return fetch(url, { headers: { Accept: "application/json" } }).then(function (response) {
      return response.json().then(function (body) {
        if (!response.ok) throw new Error((body && body.error) || "HTTP " + response.status);
        return body;
      });
    });
  }

  function rows(tbody, list, cells) {
    tbody.replaceChildren.apply(tbody, list.map(function (item) {
      var tr = el("tr");
      cells(item).forEach(function (cell) {
        tr.appendChild(typeof cell === "string" || typeof cell === "number" ? el("td", String(cell)) : cell);
      });
      return tr;
    }));
  }

  function renderOverview(view) {
    document.getElementById("overview").hidden = false;
    document.getElementById("detail").hidden = true;
    document.getElementById("overview-empty").hidden = view.agencies.length > 0;
    rows(document.querySelector("#agencies tbody"), view.agencies, function (a) {
      var link = el("a", a.agency);
      link.href = "feed.html?agency=" + encodeURIComponent(a.agency);
      var name = el("td");
      name.appendChild(link);
      return [name, a.rejected.toLocaleString(i18n.lang()), when(a.lastRejectedAt)];
    });
  }

  function renderDetail(health) {
    document.getElementById("detail").hidden = false;
    document.getElementById("detail-title").textContent = t("feed.detail", { agency: health.agency });
    document.getElementById("detail-summary").textContent = health.rejected
      ? t("feed.summary", { n: health.rejected, last: when(health.lastRejectedAt) })
      : t("feed.clean");
    var fields = Object.keys(health.byField).map(function (f) {
      return { field: f, n: health.byField[f] };
    }).sort(function (a, b) { return b.n - a.n; });
    rows(document.querySelector("#fields tbody"), fields, function (f) {
      var code = el("td");
      code.appendChild(el("code", f.field));
      return [code, f.n.toLocaleString(i18n.lang())];
    });
    rows(document.querySelector("#samples tbody"), health.samples, function (s) {
      var field = el("td");
      field.appendChild(el("code", s.field));
      return [when(s.at), field, s.reason, s.topic + " #" + s.partition + "@" + s.offset];
    });
    var hourFormat = new Intl.DateTimeFormat(i18n.lang(), {
      month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23",
      timeZone: "UTC"
    });
    var labels = health.perHour.map(function (h) { return hourFormat.format(new Date(h.hour)); });
    var data = health.perHour.map(function (h) { return h.count; });
    if (window.Chart) {
      if (chart) chart.destroy();
      chart = new window.Chart(document.getElementById("chart-perHour"), {
        type: "bar",
        data: { labels: labels, datasets: [{ label: t("feed.col.rejected"), data: data, backgroundColor: "#b3401a" }] },
        options: {
          animation: false,
          maintainAspectRatio: false,
          plugins: { legend: { display: false } },
          scales: { y: { beginAtZero: true, ticks: { precision: 0 } } }
        }
      });
    }
    document.getElementById("detail").setAttribute("data-rejected", String(health.rejected));
  }

  function setStatus(kind) {
    statusEl.className = "status status-" + kind;
    statusEl.textContent = t("status." + kind);
  }

  function refresh() {
    var url = "api/v1/feed-health?hours=" + encodeURIComponent(hours.value) +
      (agency ? "&agency=" + encodeURIComponent(agency) : "");
    getJson(url)
      .then(function (view) {
        messageEl.hidden = true;
        setStatus("live");
        if (view.agencies) renderOverview(view); else renderDetail(view);
        document.body.setAttribute("data-loaded", "true");
      })
      .catch(function (error) {
        setStatus("reconnecting");
        messageEl.textContent = t("feed.error", { error: error.message });
        messageEl.hidden = false;
      });
  }

  window.SightlineSession.then(function () {
    hours.addEventListener("change", refresh);
    refresh();
    window.setInterval(refresh, POLL_MS);
  });
})();
