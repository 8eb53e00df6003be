// Sightline analyst console. Plain JS; every piece of data is written with textContent, never as
// HTML. Strings come from the message bundles (i18n.js).
(function () {
  "use strict";

  var LIMIT = 1000;
  var i18n = window.SightlineI18n;
  var t = i18n.t;

  var select = document.getElementById("country");
  var rows = document.getElementById("rows");
  var statusEl = document.getElementById("status");
  var caption = document.getElementById("caption");
  var messageEl = document.getElementById("message");
  var detail = document.getElementById("detail");
  var detailBody = document.getElementById("detail-body");
  var filters = {
    reason: document.getElementById("f-reason"),
    type: document.getElementById("f-type"),
    severity: document.getElementById("f-severity"),
    since: document.getElementById("f-since")
  };

  var sources = [];
  var alerts = new Map(); // id -> alert, for the current recipient
  var actions = new Map(); // alert id -> action state
  var generation = 0; // Answers for a recipient the user has since left are ignored.
  var recipient = "";
  var openId = null;

  function setStatus(kind) {
    statusEl.className = "status status-" + kind;
    statusEl.textContent = t("status." + kind);
  }

  function showMessage(text) {
    messageEl.textContent = text || "";
    messageEl.hidden = !text;
  }

  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text != null) node.textContent = String(text);
    return node;
  }

  function formatTime(iso) {
    if (!iso) return "";
    var d = new Date(iso);
    if (isNaN(d.getTime())) return String(iso);
    return d.toISOString().replace("T", " ").replace(/\.\d+Z$/, "").replace("Z", "");
  }

  function list(values) {
    return Array.isArray(values) ? values.join(", ") : "";
  }

  function hitNoHit(alert) {
    return alert.disclosure === "HIT_NO_HIT";
  }

  function statusText(id) {
    var s = actions.get(id);
    if (!s) return t("action.new");
    var parts = [];
    if (s.acknowledgedBy) parts.push(t("action.acknowledged", { by: s.acknowledgedBy }));
    if (s.assignee) parts.push(t("action.assigned", { assignee: s.assignee }));
    return parts.join(" · ");
  }

  function rowFor(alert) {
    var tr = document.createElement("tr");
    tr.dataset.id = alert.id;
    tr.dataset.disclosure = alert.disclosure || "";
    tr.tabIndex = 0;
    tr.appendChild(el("td", formatTime(alert.createdAt), "time"));
    if (hitNoHit(alert)) {
      // Hit/no-hit: the recipient learns only that someone else knows something, and whom to ask.
      var notice = el("td", t("console.hitNoHit"), "notice");
      notice.colSpan = 6;
      tr.appendChild(notice);
    } else {
      tr.appendChild(el("td", i18n.humanise("reason", alert.reason)));
      var sev = el("td", i18n.humanise("severity", alert.severity), "sev");
      if (/^[A-Z]+$/.test(alert.severity || "")) sev.classList.add("sev-" + alert.severity);
      tr.appendChild(sev);
      tr.appendChild(el("td", alert.indicator, "indicator"));
      tr.appendChild(el("td", list(alert.countries)));
      tr.appendChild(el("td", list(alert.agencies)));
      tr.appendChild(el("td", alert.message));
    }
    tr.appendChild(el("td", statusText(alert.id), "action-status"));
    tr.addEventListener("click", function () { openDetail(alert.id); });
    tr.addEventListener("keydown", function (e) { if (e.key === "Enter") openDetail(alert.id); });
    return tr;
  }

  function matches(alert) {
    if (hitNoHit(alert)) {
      // A notice has no reason, type or severity to filter on beyond time.
      if (filters.reason.value || filters.type.value || filters.severity.value) return false;
    } else {
      if (filters.reason.value && alert.reason !== filters.reason.value) return false;
      if (filters.type.value && alert.indicatorType !== filters.type.value) return false;
      if (filters.severity.value && alert.severity !== filters.severity.value) return false;
    }
    if (filters.since.value) {
      var from = Date.now() - Number(filters.since.value) * 60000;
      if (new Date(alert.createdAt).getTime() < from) return false;
    }
    return true;
  }

  function render() {
    var all = Array.from(alerts.values()).sort(function (a, b) {
      return String(b.createdAt).localeCompare(String(a.createdAt));
    });
    var shown = all.filter(matches);
    rows.textContent = "";
    shown.forEach(function (a) { rows.appendChild(rowFor(a)); });
    caption.textContent = !recipient
      ? t("console.chooseRecipient")
      : shown.length === 0
        ? t("console.none", { recipient: recipient })
        : t("console.count", { shown: shown.length, n: all.length, recipient: recipient });
    if (openId && alerts.has(openId)) renderDetail(alerts.get(openId));
  }

  function fillFilter(selectEl, prefix, values) {
    var keep = selectEl.value;
    selectEl.textContent = "";
    selectEl.appendChild(el("option", t("filter.all"))).value = "";
    values.forEach(function (v) {
      var o = el("option", i18n.humanise(prefix, v));
      o.value = v;
      selectEl.appendChild(o);
    });
    selectEl.value = keep;
  }

  function dl(pairs) {
    var d = document.createElement("dl");
    pairs.forEach(function (p) {
      d.appendChild(el("dt", p[0]));
      d.appendChild(el("dd", p[1], p[2]));
    });
    return d;
  }

  function getJson(url) {
    return fetch(url, { headers: { Accept: "application/json" } }).then(function (response) {
      return response.json().then(function (body) {
        if (!response.ok) {
          var error = new Error((body && body.error) || "HTTP " + response.status);
          error.status = response.status;
          error.body = body;
          throw error;
        }
        return body;
      });
    });
  }

  function act(alert, action, assignee) {
    return fetch("api/v1/actions", {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify({ alertId: alert.id, country: recipient, action: action, assignee: assignee })
    }).then(function (response) {
      if (!response.ok) {
        return response.json().then(function (b) { throw new Error(b.error || response.status); });
      }
    }).catch(function (error) {
      showMessage(t("action.error", { error: error.message }));
    });
  }

  function actionsPanel(alert) {
    var box = el("div", null, "actions");
    box.appendChild(el("p", statusText(alert.id), "action-status"));
    var ack = el("button", t("action.acknowledge"));
    ack.type = "button";
    ack.id = "ack";
    ack.addEventListener("click", function () { act(alert, "ACKNOWLEDGED"); });
    box.appendChild(ack);
    var label = el("label", t("action.assignee"));
    var input = document.createElement("input");
    input.id = "assignee";
    label.appendChild(input);
    box.appendChild(label);
    var assign = el("button", t("action.assign"));
    assign.type = "button";
    assign.id = "assign";
    assign.addEventListener("click", function () {
      if (input.value.trim()) act(alert, "ASSIGNED", input.value.trim());
    });
    box.appendChild(assign);
    return box;
  }

  function renderDetail(alert) {
    var body = detailBody;
    var keepAssignee = document.getElementById("assignee");
    var typed = keepAssignee ? keepAssignee.value : "";
    body.textContent = "";
    if (hitNoHit(alert)) {
      body.appendChild(el("p", t("console.hitNoHit"), "notice"));
      body.appendChild(actionsPanel(alert));
      return;
    }
    body.appendChild(el("p", i18n.humanise("reason", alert.reason) + " — " + alert.indicator, "indicator"));
    body.appendChild(el("p", alert.message));
    body.appendChild(el("h3", t("detail.provenance")));
    body.appendChild(dl([
      [t("detail.sightings"), list(alert.sightingIds), "indicator"],
      [t("detail.agencies"), list(alert.agencies)],
      [t("detail.countries"), list(alert.countries)],
      [t("detail.firstSeen"), formatTime(alert.firstSeen)],
      [t("detail.lastSeen"), formatTime(alert.lastSeen)],
      [t("detail.created"), formatTime(alert.createdAt)],
      [t("detail.disclosure"), i18n.humanise("disclosure", alert.disclosure)]
    ].concat((alert.attributes || {}).tlp ? [[t("detail.tlp"), "TLP:" + alert.attributes.tlp]] : [])
      .concat((alert.attributes || {}).restrictions
        ? [[t("detail.restrictions"), alert.attributes.restrictions]] : [])
      .concat(alert.supersedes ? [[t("detail.supersedes"), alert.supersedes, "indicator"]] : [])));
    body.appendChild(actionsPanel(alert));
    var input = document.getElementById("assignee");
    if (input) input.value = typed;
    body.appendChild(el("h3", t("detail.state")));
    var state = el("p", t("detail.state.loading"), "state");
    state.id = "indicator-state";
    body.appendChild(state);
    body.appendChild(el("h3", t("detail.history")));
    var history = el("ul", null, "history");
    history.id = "history";
    body.appendChild(history);
    var gen = generation;
    getJson("api/v1/indicator-state?country=" + encodeURIComponent(recipient) +
      "&alertId=" + encodeURIComponent(alert.id))
      .then(function (s) {
        if (gen !== generation) return;
        state.textContent = t("detail.state.summary", {
          count: s.sightingCount,
          firstSeen: formatTime(s.firstSeen || alert.firstSeen),
          lastSeen: formatTime(s.lastSeen || alert.lastSeen),
          agencies: Object.keys(s.agencies || {}).join(", ")
        });
      })
      .catch(function (error) {
        if (gen !== generation) return;
        state.className = "state state-down";
        state.textContent = error.status === 404 ? t("detail.state.none") : t("detail.state.unavailable");
      });
    getJson("api/v1/alerts/history?country=" + encodeURIComponent(recipient) +
      "&indicator=" + encodeURIComponent(alert.indicator))
      .then(function (others) {
        if (gen !== generation) return;
        others = others.filter(function (o) { return o.id !== alert.id; });
        if (others.length === 0) history.appendChild(el("li", t("detail.history.none")));
        others.forEach(function (o) {
          history.appendChild(el("li", formatTime(o.createdAt) + " — " +
            i18n.humanise("reason", o.reason) + " — " + list(o.countries)));
        });
      })
      .catch(function () { /* The alert itself is shown; the history is a convenience. */ });
  }

  function openDetail(id) {
    openId = id;
    detail.hidden = false;
    renderDetail(alerts.get(id));
  }

  document.getElementById("detail-close").addEventListener("click", function () {
    openId = null;
    detail.hidden = true;
  });

  function stopLive() {
    sources.forEach(function (s) { s.close(); });
    sources = [];
    setStatus("off");
  }

  function subscribe(url, gen, onData) {
    var source = new EventSource(url);
    source.onopen = function () { if (gen === generation) setStatus("live"); };
    source.onmessage = function (event) {
      if (gen !== generation) return;
      try {
        onData(JSON.parse(event.data));
      } catch (e) {
        // A malformed event is dropped; a reload shows the full list anyway.
      }
    };
    // EventSource retries by itself; say so rather than pretend to be live.
    source.onerror = function () { if (gen === generation) setStatus("reconnecting"); };
    sources.push(source);
  }

  function updateRow(id) {
    var row = rows.querySelector('tr[data-id="' + CSS.escape(id) + '"] .action-status');
    if (row) row.textContent = statusText(id);
    if (openId === id) {
      var status = detailBody.querySelector(".actions .action-status");
      if (status) status.textContent = statusText(id);
    }
  }

  function load(chosen) {
    generation += 1;
    var gen = generation;
    stopLive();
    recipient = chosen;
    alerts = new Map();
    actions = new Map();
    openId = null;
    detail.hidden = true;
    showMessage("");
    render();
    if (!recipient) return;
    caption.textContent = t("console.loadingFor", { recipient: recipient });
    var q = "?country=" + encodeURIComponent(recipient);
    // Subscribe first, then fetch: nothing arriving in between is lost, and ids deduplicate.
    subscribe("api/v1/alerts/stream" + q, gen, function (alert) {
      alerts.set(alert.id, alert);
      render();
      var row = rows.querySelector('tr[data-id="' + CSS.escape(alert.id) + '"]');
      if (row) row.classList.add("fresh");
    });
    subscribe("api/v1/actions/stream" + q, gen, function (state) {
      actions.set(state.alertId, state);
      updateRow(state.alertId);
    });
    getJson("api/v1/alerts" + q + "&limit=" + LIMIT)
      .then(function (list) {
        if (gen !== generation) return;
        list.forEach(function (a) { if (!alerts.has(a.id)) alerts.set(a.id, a); });
        render();
        return getJson("api/v1/actions" + q);
      })
      .then(function (states) {
        if (gen !== generation || !states) return;
        states.forEach(function (s) { actions.set(s.alertId, s); });
        render();
      })
      .catch(function (error) {
        if (gen !== generation) return;
        showMessage(t("console.loadError", { error: error.message }));
      });
  }

  function choose(chosen, push) {
    var url = new URL(window.location.href);
    if (chosen) url.searchParams.set("country", chosen);
    else url.searchParams.delete("country");
    if (push) window.history.pushState({ country: chosen }, "", url);
    load(chosen);
  }

  function fillSelector(recipients, wanted) {
    select.textContent = "";
    if (recipients.length > 1) select.appendChild(el("option", t("console.choose"))).value = "";
    recipients.forEach(function (r) {
      var option = el("option", r === "secretariat" ? t("recipient.secretariat")
        : r.indexOf("agency:") === 0 ? t("recipient.agency", { agency: r.substring(7) }) : r);
      option.value = r;
      select.appendChild(option);
    });
    select.value = recipients.indexOf(wanted) >= 0 ? wanted : recipients.length === 1 ? recipients[0] : "";
    select.disabled = recipients.length <= 1;
  }

  function wantedFromUrl() {
    var c = new URL(window.location.href).searchParams.get("country") || "";
    if (c.indexOf("agency:") === 0) return c;
    return c.toLowerCase() === "secretariat" ? "secretariat" : c.toUpperCase();
  }

  select.addEventListener("change", function () { choose(select.value, true); });
  Object.keys(filters).forEach(function (k) { filters[k].addEventListener("change", render); });
  window.addEventListener("popstate", function () {
    select.value = wantedFromUrl();
    load(select.value);
  });

  window.SightlineSession.then(function (user) {
    document.getElementById("to-dashboard").hidden = !user.secretariat;
    fillFilter(filters.reason, "reason", ["CROSS_BORDER_MATCH", "MULTI_AGENCY_MATCH",
      "NEAR_DUPLICATE_HASH", "HOSTED_IN_YOUR_COUNTRY", "KNOWN_IDENTIFIED_SERIES",
      "LINKED_INDICATORS", "IWOL_LISTED", "IWOL_DELISTED", "SUPERSEDED", "OVER_CORRELATED",
      "HIT_NO_HIT"]);
    fillFilter(filters.type, "type", ["URL", "DOMAIN", "HOST", "IP", "MD5", "SHA1", "SHA256",
      "PDQ", "PHOTODNA", "WALLET", "EMAIL", "PHONE", "USERNAME"]);
    fillFilter(filters.severity, "severity", ["CRITICAL", "HIGH", "MEDIUM", "LOW"]);
    return getJson("api/v1/countries");
  })
    .then(function (recipients) {
      fillSelector(recipients, wantedFromUrl());
      load(select.value);
    })
    .catch(function (error) {
      showMessage(t("console.countriesError", { error: error.message }));
    });
})();
