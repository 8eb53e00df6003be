// Secretariat dashboard: polls api/v1/dashboard and redraws its tiles and charts. Chart.js comes
// from the webjar served by this service.
(function () {
  "use strict";

  var POLL_MS = 5000;
  var i18n = window.SightlineI18n;
  var t = i18n.t;
  var charts = {};
  var range = document.getElementById("range");
  var statusEl = document.getElementById("status");
  var messageEl = document.getElementById("message");
  var palette = ["#1f4e79", "#b3401a", "#2a7f62", "#8a5a00", "#6a3d9a", "#a0001c",
    "#3a8dc1", "#5b6573", "#c17d11", "#0f6b6b", "#8e44ad", "#556b2f"];

  var minuteFormat = null;

  // Date and time on every time axis (UTC, as in the alerts): a 6-hour range crosses midnight.
  function label(iso) {
    if (!minuteFormat) {
      minuteFormat = new Intl.DateTimeFormat(i18n.lang(), {
        month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23",
        timeZone: "UTC"
      });
    }
    return minuteFormat.format(new Date(iso));
  }

  // Seconds as a person reads them: seconds, minutes or hours.
  function duration(seconds) {
    if (seconds < 60) return t("dashboard.seconds", { n: +seconds.toFixed(seconds < 10 ? 1 : 0) });
    if (seconds < 3600) return t("dashboard.minutes", { n: +(seconds / 60).toFixed(seconds < 600 ? 1 : 0) });
    return t("dashboard.hours", { n: +(seconds / 3600).toFixed(seconds < 36000 ? 1 : 0) });
  }

  // A logarithmic axis with ticks a person can read, only where the data is: one outlier of an
  // hour no longer flattens every median of a second, and one busy reason no longer hides nine.
  function logAxis(ticks, format) {
    return {
      type: "logarithmic",
      afterBuildTicks: function (scale) {
        var shown = ticks.filter(function (v) { return v >= scale.min && v <= scale.max; });
        scale.ticks = (shown.length ? shown : [scale.min, scale.max]).map(function (v) {
          return { value: v };
        });
      },
      ticks: { callback: function (value) { return format(Number(value)); } }
    };
  }

  var LATENCY_AXIS = logAxis([0.1, 1, 10, 60, 600, 3600, 36000, 86400], duration);
  var COUNT_AXIS = logAxis([1, 10, 100, 1000, 10000, 100000, 1000000], function (v) {
    return v.toLocaleString(i18n.lang());
  });

  function total(rows) {
    var sum = 0;
    rows.forEach(function (row) {
      row.forEach(function (v) { sum += v || 0; });
    });
    return sum;
  }

  function datasets(byKey, prefix) {
    return Object.keys(byKey).map(function (key, i) {
      return {
        label: prefix ? i18n.humanise(prefix, key) : key,
        data: byKey[key],
        borderColor: palette[i % palette.length],
        backgroundColor: palette[i % palette.length],
        tension: 0.2,
        pointRadius: 0
      };
    });
  }

  function draw(id, type, labels, sets, yAxis) {
    var canvas = document.getElementById("chart-" + id);
    var panel = canvas.closest(".panel");
    panel.setAttribute("data-points", String(total(sets.map(function (s) {
      return s.data.map(function (v) { return v == null ? 0 : v; });
    }))));
    if (charts[id]) {
      charts[id].data.labels = labels;
      charts[id].data.datasets = sets;
      charts[id].update("none");
      return;
    }
    charts[id] = new window.Chart(canvas, {
      type: type,
      data: { labels: labels, datasets: sets },
      options: {
        animation: false,
        maintainAspectRatio: false,
        interaction: { mode: "index", intersect: false },
        scales: {
          // Level labels, as many as fit: "Dec 5, 14:05" rotated 45° is read by nobody.
          x: { ticks: { maxRotation: 0, autoSkipPadding: 24 } },
          y: yAxis || { beginAtZero: true }
        },
        plugins: { legend: { rtl: i18n.isRtl(), position: "bottom" } },
        locale: i18n.lang()
      }
    });
  }

  function drawMatrix(matrix) {
    var table = document.getElementById("matrix");
    var body = table.tBodies[0];
    body.textContent = "";
    document.getElementById("matrix-empty").hidden = matrix.countries.length > 0;
    if (matrix.countries.length === 0) return;
    var max = 1;
    matrix.counts.forEach(function (row) { row.forEach(function (v) { max = Math.max(max, v); }); });
    var head = document.createElement("tr");
    head.appendChild(document.createElement("th"));
    matrix.countries.forEach(function (c) {
      var th = document.createElement("th");
      th.scope = "col";
      th.textContent = c;
      head.appendChild(th);
    });
    body.appendChild(head);
    matrix.countries.forEach(function (c, i) {
      var tr = document.createElement("tr");
      var th = document.createElement("th");
      th.scope = "row";
      th.textContent = c;
      tr.appendChild(th);
      matrix.counts[i].forEach(function (v) {
        var td = document.createElement("td");
        td.textContent = i18n.lang() === "ar" ? v.toLocaleString("ar") : String(v);
        td.style.setProperty("--heat", String(v / max));
        td.className = v > 0 ? "heat" : "";
        tr.appendChild(td);
      });
      body.appendChild(tr);
    });
  }

  function seconds(v) {
    return v == null ? "—" : duration(v);
  }

  function drawTiles(headline) {
    document.getElementById("tiles-caption").textContent =
      t("dashboard.tiles", { n: headline.perCountry.toLocaleString(i18n.lang()) });
    ["open", "unacknowledged", "criticalUnacknowledged"].forEach(function (key) {
      var tile = document.querySelector('[data-tile="' + key + '"] .value');
      tile.textContent = Number(headline[key]).toLocaleString(i18n.lang());
    });
    document.querySelector('[data-tile="criticalUnacknowledged"]')
      .classList.toggle("alarm", headline.criticalUnacknowledged > 0);
  }

  function render(view) {
    drawTiles(view.headline);
    var labels = view.minutes.map(label);
    draw("sightingsByCountry", "line", labels, datasets(view.sightingsByCountry));
    draw("sightingsByType", "line", labels, datasets(view.sightingsByType, "type"));
    draw("alertsByReason", "bar", labels, datasets(view.alertsByReason, "reason"), COUNT_AXIS);
    draw("deconfliction", "line", labels, datasets({
      crossBorder: view.crossBorderMatches, hitNoHit: view.hitNoHit }, "dashboard.series"));
    draw("iwol", "line", labels, datasets({
      iwolSize: view.iwolSize, iwolChanges: view.iwolChanges }, "dashboard.series"));
    draw("latency", "line", labels, datasets({
      hostedToAlert: view.hostedToAlert.medianSeconds,
      publishToAlert: view.publishToAlert.medianSeconds }, "dashboard.series"), LATENCY_AXIS);
    document.getElementById("latency-summary").textContent = t("dashboard.latency.summary", {
      hostedMedian: seconds(view.hostedToAlert.median),
      hostedP90: seconds(view.hostedToAlert.p90),
      hostedN: view.hostedToAlert.samples,
      publishMedian: seconds(view.publishToAlert.median),
      publishP90: seconds(view.publishToAlert.p90),
      publishN: view.publishToAlert.samples
    });
    var lag = view.processorLag;
    var lagSets = datasets({ processorLag: lag.waiting }, "dashboard.series");
    // Measured every few seconds, so the newest minute is often a single point: show it.
    lagSets.forEach(function (set) { set.pointRadius = 2; });
    draw("processorLag", "line", labels, lagSets);
    document.getElementById("lag-summary").textContent = lag.error
      ? t("dashboard.processorLag.unavailable", { error: lag.error })
      : lag.current == null
        ? t("dashboard.processorLag.none")
        : t("dashboard.processorLag.summary", {
          n: lag.current,
          time: String(lag.measuredAt).substring(11, 19)
        });
    drawMatrix(view.correlations);
    document.body.setAttribute("data-loaded", "true");
  }

  // The takedown scorecard: one row per hosting country, times as a person reads them.
  function renderTakedowns(card) {
    var body = document.querySelector("#takedowns tbody");
    function time(latency, withP90) {
      if (!latency || latency.median == null) return "—";
      var text = duration(latency.median);
      return withP90 && latency.p90 != null ? text + " / " + duration(latency.p90) : text;
    }
    body.replaceChildren.apply(body, card.countries.map(function (row) {
      var tr = document.createElement("tr");
      tr.setAttribute("data-country", row.country);
      [row.country, row.alerts, row.open, row.removed, row.reappeared, time(row.toAlert),
        time(row.toAcknowledge), time(row.toNotice), time(row.toRemoval, true)]
        .forEach(function (value) {
          var td = document.createElement("td");
          td.textContent = typeof value === "number" ? value.toLocaleString(i18n.lang()) : value;
          tr.appendChild(td);
        });
      return tr;
    }));
    document.getElementById("takedowns-empty").hidden = card.countries.length > 0;
    document.getElementById("takedowns-summary").textContent =
      t("takedowns.summary", { days: card.days, n: card.perCountry });
  }

  function setStatus(kind) {
    statusEl.className = "status status-" + kind;
    statusEl.textContent = t("status." + kind);
  }

  function refresh() {
    fetch("api/v1/dashboard?minutes=" + encodeURIComponent(range.value), {
      headers: { Accept: "application/json" }
    })
      .then(function (response) {
        return response.json().then(function (body) {
          if (!response.ok) throw new Error((body && body.error) || "HTTP " + response.status);
          return body;
        });
      })
      .then(function (view) {
        messageEl.hidden = true;
        setStatus("live");
        render(view);
        return fetch("api/v1/dashboard/takedowns", { headers: { Accept: "application/json" } });
      })
      .then(function (response) {
        return response.json().then(function (card) {
          if (!response.ok) throw new Error((card && card.error) || "HTTP " + response.status);
          renderTakedowns(card);
        });
      })
      .catch(function (error) {
        setStatus("reconnecting");
        messageEl.textContent = t("dashboard.error", { error: error.message });
        messageEl.hidden = false;
      });
  }

  // An analyst who follows a link here gets a page that says why, in their language, and the
  // page asks nothing more of the service.
  function forbidden() {
    document.getElementById("charts").hidden = true;
    document.getElementById("range-control").hidden = true;
    document.getElementById("forbidden").hidden = false;
    document.body.setAttribute("data-forbidden", "true");
  }

  window.SightlineSession.then(function (user) {
    if (!user.secretariat) {
      forbidden();
      return;
    }
    range.addEventListener("change", refresh);
    refresh();
    window.setInterval(refresh, POLL_MS);
  });
})();
