// Sightline alert view. Plain JS; every piece of data is written with textContent, never as HTML.
(function () {
  "use strict";

  var HIT_NO_HIT_TEXT =
    "Another member holds information on this indicator — contact the secretariat";
  var LIMIT = 200;

  var select = document.getElementById("country");
  var rows = document.getElementById("rows");
  var statusEl = document.getElementById("status");
  var caption = document.getElementById("caption");
  var messageEl = document.getElementById("message");

  var source = null;
  var shown = new Set();
  var generation = 0; // Answers for a recipient the user has since left are ignored.

  function setStatus(kind, text) {
    statusEl.className = "status status-" + kind;
    statusEl.textContent = text;
  }

  function showMessage(text) {
    messageEl.textContent = text || "";
    messageEl.hidden = !text;
  }

  function td(text, className) {
    var cell = document.createElement("td");
    if (className) cell.className = className;
    cell.textContent = text == null ? "" : String(text);
    return cell;
  }

  function formatTime(iso) {
    if (!iso) return "";
    var d = new Date(iso);
    if (isNaN(d.getTime())) return String(iso);
    return d.toISOString().replace("T", " ").replace(/\.\d+Z$/, "Z").replace("Z", "");
  }

  function humanise(name) {
    if (!name) return "";
    var s = String(name).toLowerCase().replace(/_/g, " ");
    return s.charAt(0).toUpperCase() + s.slice(1);
  }

  function list(values) {
    return Array.isArray(values) ? values.join(", ") : "";
  }

  function rowFor(alert) {
    var tr = document.createElement("tr");
    tr.appendChild(td(formatTime(alert.createdAt), "time"));
    if (alert.disclosure === "HIT_NO_HIT") {
      // Hit/no-hit: the recipient learns only that someone else knows something.
      var notice = td(HIT_NO_HIT_TEXT, "notice");
      notice.colSpan = 6;
      tr.appendChild(notice);
      return tr;
    }
    tr.appendChild(td(humanise(alert.reason)));
    var sev = td(alert.severity, "sev");
    if (/^[A-Z]+$/.test(alert.severity || "")) sev.classList.add("sev-" + alert.severity);
    tr.appendChild(sev);
    tr.appendChild(td(alert.indicator, "indicator"));
    tr.appendChild(td(list(alert.countries)));
    tr.appendChild(td(list(alert.agencies)));
    tr.appendChild(td(alert.message));
    return tr;
  }

  function updateCaption(recipient) {
    var n = rows.childElementCount;
    caption.textContent = n === 0
      ? "No alerts for " + recipient + " yet."
      : n + " alert" + (n === 1 ? "" : "s") + " for " + recipient + ", newest first.";
  }

  function add(alert, recipient, fresh) {
    if (!alert || !alert.id || shown.has(alert.id)) return;
    shown.add(alert.id);
    var tr = rowFor(alert);
    if (fresh) {
      tr.classList.add("fresh");
      rows.insertBefore(tr, rows.firstChild);
    } else {
      rows.appendChild(tr);
    }
    updateCaption(recipient);
  }

  function stopLive() {
    if (source) {
      source.close();
      source = null;
    }
    setStatus("off", "offline");
  }

  function startLive(recipient, gen) {
    source = new EventSource("api/v1/alerts/stream?country=" + encodeURIComponent(recipient));
    source.onopen = function () {
      if (gen === generation) setStatus("live", "live");
    };
    source.onmessage = function (event) {
      if (gen !== generation) return;
      try {
        add(JSON.parse(event.data), recipient, true);
      } catch (e) {
        // A malformed event is dropped; the next page load shows the full list anyway.
      }
    };
    source.onerror = function () {
      // EventSource retries by itself; say so rather than pretend to be live.
      if (gen === generation) setStatus("reconnecting", "reconnecting");
    };
  }

  function load(recipient) {
    generation += 1;
    var gen = generation;
    stopLive();
    rows.textContent = "";
    shown = new Set();
    showMessage("");
    if (!recipient) {
      caption.textContent = "Choose a recipient to see its alerts.";
      return;
    }
    caption.textContent = "Loading alerts for " + recipient + "…";
    // Subscribe first, then fetch: an alert arriving in between is not lost, and ids deduplicate.
    startLive(recipient, gen);
    fetch("api/v1/alerts?country=" + encodeURIComponent(recipient) + "&limit=" + LIMIT, {
      headers: { Accept: "application/json" }
    })
      .then(function (response) {
        return response.json().then(function (body) {
          if (!response.ok) throw new Error((body && body.error) || "HTTP " + response.status);
          return body;
        });
      })
      .then(function (alerts) {
        if (gen !== generation) return;
        // Live alerts may already be at the top; the history goes below them, newest first.
        alerts.forEach(function (alert) { add(alert, recipient, false); });
        updateCaption(recipient);
      })
      .catch(function (error) {
        if (gen !== generation) return;
        showMessage("Could not load alerts: " + error.message);
      });
  }

  function choose(recipient, push) {
    var url = new URL(window.location.href);
    if (recipient) url.searchParams.set("country", recipient);
    else url.searchParams.delete("country");
    if (push) window.history.pushState({ country: recipient }, "", url);
    load(recipient);
  }

  function fillSelector(recipients, wanted) {
    select.textContent = "";
    var placeholder = document.createElement("option");
    placeholder.value = "";
    placeholder.textContent = "Choose…";
    select.appendChild(placeholder);
    recipients.forEach(function (r) {
      var option = document.createElement("option");
      option.value = r;
      option.textContent = r === "secretariat" ? "Secretariat" : r;
      select.appendChild(option);
    });
    select.value = recipients.indexOf(wanted) >= 0 ? wanted : "";
    select.disabled = false;
  }

  function wantedFromUrl() {
    var c = new URL(window.location.href).searchParams.get("country") || "";
    return c.toLowerCase() === "secretariat" ? "secretariat" : c.toUpperCase();
  }

  select.addEventListener("change", function () {
    choose(select.value, true);
  });

  window.addEventListener("popstate", function () {
    var wanted = wantedFromUrl();
    select.value = wanted;
    load(select.value);
  });

  window.SightlineSession.then(function () {
    return fetch("api/v1/countries", { headers: { Accept: "application/json" } });
  })
    .then(function (response) {
      if (!response.ok) throw new Error("HTTP " + response.status);
      return response.json();
    })
    .then(function (recipients) {
      var wanted = wantedFromUrl();
      fillSelector(recipients, wanted);
      load(select.value);
    })
    .catch(function (error) {
      showMessage("Could not load the list of countries: " + error.message);
    });
})();
