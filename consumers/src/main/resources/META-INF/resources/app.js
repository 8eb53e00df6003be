// Sightline analyst console. Plain JS; every piece of data is written with textContent, never as
// HTML. Strings come from the message bundles (i18n.js).
//
// Built for a flood. The live stream only counts what arrives, behind a "N new alerts" bar: rows
// never shift under the reader, and the table is drawn when the reader asks (the bar, a filter, the
// order, a page), never once per alert. The page holds at most PAGE_SIZE rows; repeats of one reason
// on one indicator are one row with a count. Opening an alert draws its panel at once from what the
// page holds and asks the service once for the rest: one look, one request, one audit record.
(function () {
  "use strict";

  var LIMIT = 1000; // alerts per request: the newest at the start, older ones when asked
  var PAGE_SIZE = 50; // rows in the page at any time
  var MAX_HELD = 5000; // alerts this page keeps in memory (shown and waiting); the oldest go first
  var BAR_MS = 250; // the new-alerts bar is redrawn at most this often
  var CLOCK_MS = 30000; // relative times ("3 minutes ago") are refreshed this often
  var SEVERITY_RANK = { CRITICAL: 4, HIGH: 3, MEDIUM: 2, LOW: 1 };
  // Long hashes are shortened in rows (the full value is in the title, the copy button and the
  // detail); URLs and names are cut by the column's width instead.
  var HASH_TYPES = { MD5: true, SHA1: true, SHA256: true, PDQ: true, PHOTODNA: true };

  var i18n = window.SightlineI18n;
  var t = i18n.t;

  var select = document.getElementById("country");
  var rows = document.getElementById("rows");
  var statusEl = document.getElementById("status");
  var caption = document.getElementById("caption");
  var messageEl = document.getElementById("message");
  var detail = document.getElementById("detail");
  var detailBody = document.getElementById("detail-body");
  var newBar = document.getElementById("new-alerts");
  var newButton = document.getElementById("show-new");
  var pageInfo = document.getElementById("page-info");
  var prevButton = document.getElementById("page-prev");
  var nextButton = document.getElementById("page-next");
  var sortSelect = document.getElementById("sort");
  var search = document.getElementById("search");
  var filters = {
    reason: document.getElementById("f-reason"),
    type: document.getElementById("f-type"),
    severity: document.getElementById("f-severity"),
    since: document.getElementById("f-since")
  };
  // Asked of the service: the history it answers is the recipient's whole year.
  var historyFilters = {
    reason: filters.reason,
    type: filters.type,
    severity: filters.severity,
    status: document.getElementById("f-status"),
    from: document.getElementById("f-from"),
    until: document.getElementById("f-until")
  };
  var olderButton = document.getElementById("load-older");

  var sources = [];
  var alerts = new Map(); // id -> alert shown (subject to the filters), for the current recipient
  var pending = new Map(); // id -> alert arrived live, not yet shown (the bar counts them)
  var pendingCritical = 0;
  var received = 0; // alerts the live stream delivered since the recipient was chosen
  var barTimer = null;
  var loaded = false; // until the first list is in, live alerts are merged with it unasked
  var actions = new Map(); // alert id -> action state
  var generation = 0; // Answers for a recipient the user has since left are ignored.
  var recipient = "";
  var page = 0;
  var openId = null;
  var searchTimer = null;
  var me = null; // the signed-in user (GET /api/v1/me)
  var olderUrl = null; // the service's link to the next (older) page of the history, if any
  var capacity = MAX_HELD; // grows with each older page the reader asks for

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

  // A left-to-right run (an indicator, an id, a list of agencies, English alert text) isolated from
  // the text around it, so that an Arabic page neither reorders it nor is reordered by it.
  function ltr(text, className) {
    var node = el("bdi", text, className);
    node.dir = "ltr";
    return node;
  }

  // A message with its parameters isolated: t(key, params) as nodes, each value in its own <bdi>.
  function tNodes(key, params) {
    var out = document.createDocumentFragment();
    var text = t(key);
    var re = /\{([A-Za-z]+)\}/g;
    var at = 0;
    var m;
    while ((m = re.exec(text)) !== null) {
      out.appendChild(document.createTextNode(text.substring(at, m.index)));
      var value = params && Object.prototype.hasOwnProperty.call(params, m[1]) ? params[m[1]] : m[0];
      out.appendChild(value instanceof Node ? value : ltr(value));
      at = re.lastIndex;
    }
    out.appendChild(document.createTextNode(text.substring(at)));
    return out;
  }

  // The alert's text in the reader's language, from its message key and parameters (composed as
  // the processor composes the English one); the English message when the alert has no key or
  // this console has no words for it. Null when the English message is what to show.
  function localizedKey(alert) {
    if (!alert.messageKey) return null;
    var key = "alertmsg." + alert.messageKey;
    return t(key) === key ? null : key;
  }

  function messageNodes(alert) {
    var key = localizedKey(alert);
    if (!key) return ltr(alert.message);
    var p = alert.messageParams || {};
    var out = el("bdi");
    out.dir = "auto";
    out.appendChild(tNodes(key, p));
    [["ground", "alertmsg.ground"], ["countries", "alertmsg.countries"]].forEach(function (part) {
      if (p[part[0]] != null) {
        out.appendChild(document.createTextNode(" "));
        out.appendChild(tNodes(part[1], p));
      }
    });
    if (p.hidden === "true") out.appendChild(document.createTextNode(" " + t("alertmsg.hitNoHit")));
    return out;
  }

  function messageText(alert) {
    return localizedKey(alert) ? messageNodes(alert).textContent : alert.message || "";
  }

  function formatTime(iso) {
    if (!iso) return "";
    var d = new Date(iso);
    if (isNaN(d.getTime())) return String(iso);
    return d.toISOString().replace("T", " ").replace(/\.\d+Z$/, "").replace("Z", "") + " UTC";
  }

  var ageFormats = null;

  // An alert's age, as short as consoles write it: "now", "5m", "3h", "2d" (in the reader's
  // language), so that the column stays narrow.
  function relative(iso) {
    var at = new Date(iso).getTime();
    if (isNaN(at)) return String(iso || "");
    if (!ageFormats) {
      var lang = i18n.lang();
      ageFormats = {
        now: new Intl.RelativeTimeFormat(lang, { numeric: "auto" }).format(0, "second"),
        unit: function (unit, n) {
          return new Intl.NumberFormat(lang, { style: "unit", unit: unit, unitDisplay: "narrow" }).format(n);
        }
      };
    }
    var seconds = Math.max(0, Math.round((Date.now() - at) / 1000));
    if (seconds < 45) return ageFormats.now;
    if (seconds < 3600) return ageFormats.unit("minute", Math.max(1, Math.round(seconds / 60)));
    if (seconds < 86400) return ageFormats.unit("hour", Math.round(seconds / 3600));
    return ageFormats.unit("day", Math.round(seconds / 86400));
  }

  // Relative on the page, the exact UTC time on hover and for machines (datetime).
  function timeNode(iso) {
    var node = el("time", relative(iso));
    node.dateTime = iso || "";
    node.title = formatTime(iso);
    return node;
  }

  function list(values) {
    return Array.isArray(values) ? values.join(", ") : "";
  }

  function hitNoHit(alert) {
    return alert.disclosure === "HIT_NO_HIT";
  }

  function rank(alert) {
    return SEVERITY_RANK[alert.severity] || 0;
  }

  function shortIndicator(alert) {
    var value = String(alert.indicator || "");
    if (!HASH_TYPES[alert.indicatorType] || value.length <= 28) return value;
    var colon = value.indexOf(":");
    var prefix = colon > 0 && colon < 12 ? value.substring(0, colon + 1) : "";
    var hash = value.substring(prefix.length);
    return prefix + hash.substring(0, 8) + "…" + hash.substring(hash.length - 6);
  }

  function copyText(text, button) {
    function done() {
      button.textContent = t("console.copied");
      window.setTimeout(function () { button.textContent = t("console.copy"); }, 1500);
    }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, function () {});
      return;
    }
    var area = el("textarea", text);
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    try {
      if (document.execCommand("copy")) done();
    } finally {
      area.remove();
    }
  }

  function copyButton(text) {
    var button = el("button", t("console.copy"), "copy");
    button.type = "button";
    button.title = text;
    button.dataset.copy = text;
    return button;
  }

  function badge(text, className, title) {
    var node = el("span", text, "badge " + className);
    if (title) node.title = title;
    return node;
  }

  function severityBadge(alert) {
    var known = /^[A-Z]+$/.test(alert.severity || "");
    return badge(i18n.humanise("severity", alert.severity), "sev" + (known ? " sev-" + alert.severity : ""));
  }

  function tlpOf(alert) {
    var tlp = (alert.attributes || {}).tlp;
    return tlp ? String(tlp) : "";
  }

  function tlpBadge(tlp) {
    var css = tlp.toLowerCase().replace(/[^a-z]+/g, "-");
    return badge("TLP:" + tlp, "tlp tlp-" + css, t("detail.tlp"));
  }

  function statusText(id) {
    var s = actions.get(id);
    if (!s || (!s.acknowledgedBy && !s.assignee && !s.contact && !s.takedown)) {
      return t("action.new");
    }
    var parts = [];
    if (s.acknowledgedBy) parts.push(t("action.acknowledged", { by: s.acknowledgedBy }));
    if (s.assignee) parts.push(t("action.assigned", { assignee: s.assignee }));
    if (s.contact) parts.push(t("contact.status." + s.contact, { by: s.contactBy }));
    if (s.takedown) parts.push(t("takedown.status." + s.takedown.status, { by: s.takedown.by }));
    return parts.join(" · ");
  }

  function statusCell(id) {
    var cell = el("td", null, "action-status");
    fillStatus(cell, id);
    return cell;
  }

  // Rewrites the cell's content, never the cell: a reader's focus or selection (and a test's
  // reference to it) survives a colleague's action.
  function fillStatus(cell, id) {
    var s = actions.get(id);
    cell.classList.toggle("is-new", !s || (!s.acknowledgedBy && !s.assignee));
    cell.textContent = "";
    cell.appendChild(ltrIfNames(statusText(id)));
  }

  // Action states name people (ids written left to right): isolated, like every other name.
  function ltrIfNames(text) {
    var node = el("bdi", text);
    node.dir = "auto";
    return node;
  }

  // One row per group: the newest alert of one reason on one indicator, with how many there are.
  function rowFor(group) {
    var alert = group.alert;
    var tr = document.createElement("tr");
    tr.dataset.id = alert.id;
    tr.dataset.disclosure = alert.disclosure || "";
    tr.dataset.severity = alert.severity || "";
    tr.tabIndex = 0;
    if (alert.id === openId) tr.classList.add("selected");
    var time = el("td", null, "time");
    time.appendChild(timeNode(alert.createdAt));
    tr.appendChild(time);
    if (hitNoHit(alert)) {
      // Hit/no-hit: the recipient learns only that someone else knows something, and whom to ask.
      var notice = el("td", t("console.hitNoHit"), "notice");
      notice.colSpan = 6;
      tr.appendChild(notice);
    } else {
      var reason = el("td", null, "reason");
      reason.title = i18n.humanise("reason", alert.reason);
      reason.appendChild(document.createTextNode(reason.title));
      if (group.count > 1) {
        reason.appendChild(badge("×" + group.count, "count", t("console.repeats", { n: group.count })));
      }
      tr.appendChild(reason);
      var sev = el("td", null, "badges");
      sev.appendChild(severityBadge(alert));
      var tlp = tlpOf(alert);
      if (tlp) sev.appendChild(tlpBadge(tlp));
      if (alert.disclosure === "LIMITED") {
        sev.appendChild(badge(i18n.humanise("disclosure", alert.disclosure), "disc"));
      }
      tr.appendChild(sev);
      // Cells of left-to-right values keep that direction even on an Arabic page: a value too long
      // for its column then loses its end behind an ellipsis, never its beginning.
      var indicator = el("td", null, "indicator");
      indicator.dir = "ltr";
      var shown = shortIndicator(alert);
      indicator.appendChild(ltr(shown));
      indicator.title = alert.indicator || "";
      if (shown !== alert.indicator) indicator.appendChild(copyButton(alert.indicator));
      tr.appendChild(indicator);
      var countries = el("td", null, "countries");
      countries.dir = "ltr";
      countries.appendChild(ltr(list(alert.countries)));
      tr.appendChild(countries);
      var agencies = el("td", null, "agencies");
      agencies.dir = "ltr";
      agencies.appendChild(ltr(list(alert.agencies)));
      agencies.title = list(alert.agencies);
      tr.appendChild(agencies);
      // In the reader's language where the alert has a message key, else its English text
      // (isolated, left to right); one line, whole on hover.
      var message = el("td", null, "alert-text");
      // A localized text runs in the page's direction (so an Arabic one is cut at its end).
      message.dir = localizedKey(alert) ? (i18n.isRtl() ? "rtl" : "ltr") : "ltr";
      message.appendChild(messageNodes(alert));
      message.title = messageText(alert);
      tr.appendChild(message);
    }
    tr.appendChild(statusCell(alert.id));
    return tr;
  }

  function searchText() {
    return search.value.trim().toLowerCase();
  }

  function matches(alert, since, needle) {
    if (hitNoHit(alert)) {
      // A notice has no reason, type or severity to filter on beyond time, and names nothing that
      // a search could find (its indicator is not shown, so it must not be found by it either).
      if (filters.reason.value && filters.reason.value !== "HIT_NO_HIT") return false;
      if (filters.type.value || filters.severity.value || needle) return false;
    } else {
      if (filters.reason.value && alert.reason !== filters.reason.value) return false;
      if (filters.type.value && alert.indicatorType !== filters.type.value) return false;
      if (filters.severity.value && alert.severity !== filters.severity.value) return false;
      if (needle) {
        var hay = (String(alert.indicator) + " " + list(alert.agencies) + " " + list(alert.countries) +
          " " + messageText(alert) + " " + (alert.message || "")).toLowerCase();
        if (hay.indexOf(needle) < 0) return false;
      }
    }
    if (since && new Date(alert.createdAt).getTime() < since) return false;
    if (historyFilters.status.value && !hasStatus(alert, historyFilters.status.value)) return false;
    return true;
  }

  // The same rule as the service's status filter, for alerts that arrive live.
  function hasStatus(alert, status) {
    var state = actions.get(alert.id);
    var acknowledged = !!(state && state.acknowledgedBy);
    var assigned = !!(state && state.assignee);
    switch (status) {
      case "OPEN": return !acknowledged && !assigned;
      case "UNACKNOWLEDGED": return !acknowledged;
      case "ACKNOWLEDGED": return acknowledged;
      case "ASSIGNED": return assigned;
      case "SUPERSEDED": return !!alert.supersededBy;
      default: return true;
    }
  }

  // The history filters as query parameters (the day inputs are UTC days, as the service reads them).
  function historyQuery() {
    var q = "";
    Object.keys(historyFilters).forEach(function (k) {
      var v = historyFilters[k].value;
      if (v) q += "&" + k + "=" + encodeURIComponent(v);
    });
    return q;
  }

  // One page of the history: its alerts (each with where it stands) and the link to the next.
  function getPage(url) {
    return fetchJson(url).then(function (answer) {
      var next = /<([^>]+)>;\s*rel="next"/.exec(answer.response.headers.get("Link") || "");
      return { alerts: answer.body || [], next: next ? next[1] : null };
    });
  }

  function took(pageOfAlerts) {
    pageOfAlerts.alerts.forEach(function (a) {
      if (!alerts.has(a.id)) alerts.set(a.id, a);
      if (a.action) actions.set(a.id, a.action);
    });
    olderUrl = pageOfAlerts.next;
    olderButton.hidden = !olderUrl;
  }

  function loadOlder() {
    if (!olderUrl) return;
    var gen = generation;
    olderButton.disabled = true;
    olderButton.textContent = t("console.olderLoading");
    getPage(olderUrl)
      .then(function (older) {
        if (gen !== generation) return;
        capacity += older.alerts.length;
        took(older);
        render();
      })
      .catch(function (error) {
        if (gen !== generation) return;
        showMessage(t("console.olderError", { error: error.message }));
      })
      .then(function () {
        olderButton.disabled = false;
        olderButton.textContent = t("console.older");
      });
  }

  function groupKey(alert) {
    return hitNoHit(alert) ? "id\u0000" + alert.id : alert.reason + "\u0000" + alert.indicator;
  }

  function newer(a, b) {
    return String(a.createdAt).localeCompare(String(b.createdAt)) > 0;
  }

  // The rows the filters leave, grouped and ordered: computed only when the table is drawn.
  function grouped() {
    var since = filters.since.value ? Date.now() - Number(filters.since.value) * 60000 : 0;
    var needle = searchText();
    var groups = new Map();
    var count = 0;
    alerts.forEach(function (alert) {
      if (!matches(alert, since, needle)) return;
      count += 1;
      var key = groupKey(alert);
      var group = groups.get(key);
      if (!group) {
        groups.set(key, { alert: alert, count: 1 });
      } else {
        group.count += 1;
        if (newer(alert, group.alert)) group.alert = alert;
      }
    });
    var result = Array.from(groups.values());
    var bySeverity = sortSelect.value === "severity";
    result.sort(function (x, y) {
      if (bySeverity) {
        var d = rank(y.alert) - rank(x.alert);
        if (d !== 0) return d;
      }
      return String(y.alert.createdAt).localeCompare(String(x.alert.createdAt));
    });
    return { groups: result, alerts: count };
  }

  function render() {
    var view = grouped();
    var pages = Math.max(1, Math.ceil(view.groups.length / PAGE_SIZE));
    page = Math.min(page, pages - 1);
    var out = document.createDocumentFragment();
    view.groups.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE).forEach(function (g) {
      out.appendChild(rowFor(g));
    });
    rows.replaceChildren(out);
    caption.textContent = "";
    if (!recipient) {
      caption.textContent = t("console.chooseRecipient");
    } else if (view.groups.length === 0) {
      caption.appendChild(tNodes("console.none", { recipient: recipient }));
    } else {
      caption.appendChild(tNodes("console.count", {
        shown: view.alerts, rows: view.groups.length, n: alerts.size, recipient: recipient }));
    }
    pageInfo.textContent = t("console.page", { page: page + 1, pages: pages });
    prevButton.disabled = page === 0;
    nextButton.disabled = page >= pages - 1;
    document.body.dataset.rows = String(rows.children.length);
  }

  // The new-alerts bar, redrawn at most every BAR_MS however fast alerts come.
  function drawBarSoon() {
    if (barTimer !== null) return;
    barTimer = window.setTimeout(function () {
      barTimer = null;
      drawBar();
    }, BAR_MS);
  }

  function drawBar() {
    // For whoever watches the page (and the flood test): how many alerts the stream delivered.
    document.body.dataset.received = String(received);
    newBar.hidden = pending.size === 0;
    if (pending.size === 0) return;
    newButton.textContent = pendingCritical > 0
      ? t("console.newCritical", { n: pending.size, critical: pendingCritical })
      : t("console.new", { n: pending.size });
    newBar.classList.toggle("critical", pendingCritical > 0);
  }

  function arrived(alert) {
    received += 1;
    if (alerts.has(alert.id) || pending.has(alert.id)) return;
    pending.set(alert.id, alert);
    if (alert.severity === "CRITICAL" && !hitNoHit(alert)) pendingCritical += 1;
    // Trimmed in bulk, not per alert: a page left open through a long flood stays bounded.
    if (pending.size > MAX_HELD * 1.1) {
      trim(pending);
      pendingCritical = 0;
      pending.forEach(function (a) { if (a.severity === "CRITICAL" && !hitNoHit(a)) pendingCritical += 1; });
    }
    if (loaded) drawBarSoon();
  }

  function showPending() {
    pending.forEach(function (alert, id) { alerts.set(id, alert); });
    pending.clear();
    pendingCritical = 0;
    trim(alerts);
    page = 0;
    drawBar();
    render();
    document.getElementById("alerts").scrollIntoView({ block: "start" });
  }

  // Down to 90% of MAX_HELD: the least severe go first, the oldest of them first, so that a
  // flood of routine alerts never pushes a critical one out of the page (the service keeps the
  // newest LIMIT whatever their severity; a reload shows those).
  function trim(map) {
    if (map.size <= capacity) return;
    var sorted = Array.from(map.values()).sort(function (a, b) {
      return rank(a) - rank(b) || String(a.createdAt).localeCompare(String(b.createdAt));
    });
    sorted.slice(0, map.size - Math.floor(capacity * 0.9)).forEach(function (a) {
      if (a.id !== openId) map.delete(a.id);
    });
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
      var dd = el("dd", null, p[2]);
      dd.appendChild(p[1] instanceof Node ? p[1] : ltr(p[1]));
      d.appendChild(dd);
    });
    return d;
  }

  function getJson(url) {
    return fetchJson(url).then(function (answer) { return answer.body; });
  }

  // The body of a JSON answer and the response it came in; an error naming the service's reason.
  function fetchJson(url) {
    return fetch(url, { headers: { Accept: "application/json" } }).then(function (response) {
      return response.json().catch(function () { return null; }).then(function (body) {
        if (!response.ok) {
          var error = new Error((body && body.error) || "HTTP " + response.status);
          error.status = response.status;
          error.body = body;
          throw error;
        }
        return { body: body, response: response };
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
    var status = el("p", null, "action-status");
    status.appendChild(ltrIfNames(statusText(alert.id)));
    box.appendChild(status);
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
    // Consent behind hit/no-hit: the notice's recipient asks, the holding agency decides.
    if (alert.reason === "HIT_NO_HIT" && hitNoHit(alert) && me && !me.secretariat) {
      box.appendChild(contactBox(alert, [["contact-request", t("contact.request"), null]]));
    }
    // Takedown follow-up: the hosting country's analysts record each step on their alert.
    if (alert.reason === "HOSTED_IN_YOUR_COUNTRY" && me && !me.secretariat &&
        recipient.indexOf("agency:") !== 0) {
      box.appendChild(takedownBox(alert));
    }
    if (alert.reason === "CONTACT_REQUEST" && me && me.agency &&
        recipient === "agency:" + me.agency) {
      var asked = (alert.attributes || {}).askedFrom || "";
      box.appendChild(contactBox(alert, [
        ["contact-accept", t("contact.accept", { country: asked }), "ACCEPT"],
        ["contact-decline", t("contact.decline"), "DECLINE"]]));
    }
    return box;
  }

  // A note and the step's buttons; once a step is taken (here or by a colleague) they are off.
  function contactBox(alert, buttons) {
    var box = el("div", null, "contact");
    var label = el("label", t("contact.note"));
    var note = document.createElement("textarea");
    note.id = "contact-note";
    note.maxLength = 2000;
    note.rows = 2;
    label.appendChild(note);
    box.appendChild(label);
    var taken = !!(actions.get(alert.id) || {}).contact;
    buttons.forEach(function (b) {
      var button = el("button", b[1]);
      button.type = "button";
      button.id = b[0];
      button.disabled = taken;
      button.addEventListener("click", function () {
        box.querySelectorAll("button").forEach(function (x) { x.disabled = true; });
        contactStep(alert, b[2], note.value.trim()).then(function (ok) {
          if (!ok) box.querySelectorAll("button").forEach(function (x) { x.disabled = false; });
        });
      });
      box.appendChild(button);
    });
    return box;
  }

  // The next steps of a takedown, in order: notice, removal, and a reappearance after a removal.
  function takedownBox(alert) {
    var box = el("div", null, "takedown");
    var status = ((actions.get(alert.id) || {}).takedown || {}).status || null;
    var label = el("label", t("contact.note"));
    var note = document.createElement("textarea");
    note.id = "takedown-note";
    note.maxLength = 2000;
    note.rows = 2;
    label.appendChild(note);
    box.appendChild(label);
    [["NOTICE_SENT", "takedown-notice"], ["REMOVED", "takedown-removed"],
      ["REAPPEARED", "takedown-reappeared"]].forEach(function (b) {
      var button = el("button", t("takedown.step." + b[0]));
      button.type = "button";
      button.id = b[1];
      button.disabled = status === b[0] || (b[0] === "REAPPEARED" && status !== "REMOVED");
      button.addEventListener("click", function () {
        box.querySelectorAll("button").forEach(function (x) { x.disabled = true; });
        postStep(alert, "takedown", { step: b[0], note: note.value.trim() || null })
          .then(function (ok) {
            if (!ok) box.querySelectorAll("button").forEach(function (x) { x.disabled = false; });
          });
      });
      box.appendChild(button);
    });
    return box;
  }

  function postStep(alert, path, fields) {
    var body = { country: recipient };
    Object.keys(fields).forEach(function (k) { body[k] = fields[k]; });
    return fetch("api/v1/alerts/" + encodeURIComponent(alert.id) + "/" + path, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify(body)
    }).then(function (response) {
      if (!response.ok) {
        return response.json().then(function (b) { throw new Error(b.error || response.status); });
      }
      return true;
    }).catch(function (error) {
      showMessage(t("action.error", { error: error.message }));
      return false;
    });
  }

  function contactStep(alert, decision, note) {
    var fields = { note: note || null };
    if (decision) fields.decision = decision;
    return postStep(alert, decision ? "contact-decision" : "contact-request", fields);
  }

  // Drawn once per opened alert, from what the page holds: the click is answered at once. The
  // actions come first, so that they stay within reach however long the rest is.
  function renderDetail(alert) {
    var body = detailBody;
    body.textContent = "";
    body.appendChild(actionsPanel(alert));
    var note = el("p", null, "detail-note");
    note.id = "detail-note";
    note.hidden = true;
    body.appendChild(note);
    if (hitNoHit(alert)) {
      body.appendChild(el("p", t(alert.reason === "CONTACT_DECLINED"
        ? "contact.declinedNotice" : "console.hitNoHit"), "notice"));
      return;
    }
    var head = el("p", null, "summary-line");
    head.appendChild(severityBadge(alert));
    head.appendChild(document.createTextNode(" " + i18n.humanise("reason", alert.reason) + " "));
    body.appendChild(head);
    var indicator = el("p", null, "indicator");
    indicator.appendChild(ltr(alert.indicator));
    indicator.appendChild(copyButton(alert.indicator));
    body.appendChild(indicator);
    var message = el("p", null, "message-full");
    message.appendChild(messageNodes(alert));
    body.appendChild(message);
    body.appendChild(el("h3", t("detail.provenance")));
    var tlp = tlpOf(alert);
    body.appendChild(dl([
      [t("detail.sightings"), list(alert.sightingIds), "indicator"],
      [t("detail.agencies"), list(alert.agencies)],
      [t("detail.countries"), list(alert.countries)],
      [t("detail.firstSeen"), formatTime(alert.firstSeen)],
      [t("detail.lastSeen"), formatTime(alert.lastSeen)],
      [t("detail.created"), formatTime(alert.createdAt)],
      [t("detail.disclosure"), document.createTextNode(i18n.humanise("disclosure", alert.disclosure))]
    ].concat(tlp ? [[t("detail.tlp"), tlpBadge(tlp)]] : [])
      .concat((alert.attributes || {}).restrictions
        ? [[t("detail.restrictions"), alert.attributes.restrictions]] : [])
      .concat(alert.supersedes ? [[t("detail.supersedes"), alert.supersedes, "indicator"]] : [])));
    body.appendChild(el("h3", t("detail.state")));
    var state = el("p", t("detail.state.loading"), "state");
    state.id = "indicator-state";
    body.appendChild(state);
    body.appendChild(el("h3", t("detail.history")));
    var history = el("ul", null, "history");
    history.id = "history";
    body.appendChild(history);
  }

  // The one request of a look: the indicator's state, the other alerts on it, where it stands.
  function fetchDetail(alert) {
    var gen = generation;
    var id = alert.id;
    getJson("api/v1/alert-detail?country=" + encodeURIComponent(recipient) +
      "&alertId=" + encodeURIComponent(id))
      .then(function (d) {
        if (gen !== generation || openId !== id) return;
        if (d.action && !actions.has(id)) {
          actions.set(id, d.action);
          updateRow(id);
        }
        if (hitNoHit(alert)) return;
        var state = document.getElementById("indicator-state");
        var history = document.getElementById("history");
        if (d.stateStatus === "OK" && d.state) {
          var s = d.state;
          state.textContent = "";
          state.appendChild(tNodes("detail.state.summary", {
            count: s.sightingCount,
            firstSeen: formatTime(s.firstSeen || alert.firstSeen),
            lastSeen: formatTime(s.lastSeen || alert.lastSeen),
            agencies: Object.keys(s.agencies || {}).join(", ")
          }));
        } else {
          state.className = "state state-down";
          state.textContent = d.stateStatus === "NONE" ? t("detail.state.none") : t("detail.state.unavailable");
        }
        var others = d.history || [];
        if (others.length === 0) history.appendChild(el("li", t("detail.history.none")));
        others.forEach(function (o) {
          var li = el("li");
          li.appendChild(ltr(formatTime(o.createdAt)));
          li.appendChild(document.createTextNode(" — " + i18n.humanise("reason", o.reason) + " — "));
          li.appendChild(ltr(list(o.countries)));
          history.appendChild(li);
        });
      })
      .catch(function (error) {
        if (gen !== generation || openId !== id) return;
        var aged = error.status === 404 && error.body && error.body.notInHistory;
        var note = document.getElementById("detail-note");
        note.textContent = "";
        note.appendChild(aged
          ? tNodes("detail.aged", { recipient: recipient })
          : tNodes("detail.unreachable", { error: error.message }));
        note.className = "detail-note " + (aged ? "note-aged" : "note-down");
        note.hidden = false;
        var state = document.getElementById("indicator-state");
        if (state) {
          state.className = "state state-down";
          state.textContent = aged ? t("detail.state.aged") : t("detail.state.unreachable");
        }
      });
  }

  function selectRow(id) {
    rows.querySelectorAll("tr.selected").forEach(function (tr) { tr.classList.remove("selected"); });
    var row = rows.querySelector('tr[data-id="' + CSS.escape(id) + '"]');
    if (row) row.classList.add("selected");
  }

  function openDetail(id) {
    if (id === openId && !detail.hidden) return; // the same look: nothing new to ask
    var alert = alerts.get(id);
    if (!alert) return;
    openId = id;
    detail.hidden = false;
    selectRow(id);
    renderDetail(alert);
    detail.scrollTop = 0;
    fetchDetail(alert);
  }

  function closeDetail() {
    openId = null;
    detail.hidden = true;
    rows.querySelectorAll("tr.selected").forEach(function (tr) { tr.classList.remove("selected"); });
  }

  document.getElementById("detail-close").addEventListener("click", closeDetail);
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && !detail.hidden) closeDetail();
  });

  // One listener for every row, present and future: rows are redrawn, listeners are not re-made.
  rows.addEventListener("click", function (e) {
    var copy = e.target.closest("button.copy");
    if (copy) {
      e.stopPropagation();
      copyText(copy.dataset.copy, copy);
      return;
    }
    var tr = e.target.closest("tr[data-id]");
    if (tr) openDetail(tr.dataset.id);
  });
  rows.addEventListener("keydown", function (e) {
    var tr = e.target.closest("tr[data-id]");
    if (tr && e.key === "Enter") openDetail(tr.dataset.id);
  });
  detailBody.addEventListener("click", function (e) {
    var copy = e.target.closest("button.copy");
    if (copy) copyText(copy.dataset.copy, copy);
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
    var cell = rows.querySelector('tr[data-id="' + CSS.escape(id) + '"] .action-status');
    if (cell) fillStatus(cell, id);
    if (openId === id) {
      var status = detailBody.querySelector(".actions .action-status");
      if (status) {
        status.textContent = "";
        status.appendChild(ltrIfNames(statusText(id)));
      }
    }
  }

  function load(chosen) {
    generation += 1;
    var gen = generation;
    stopLive();
    recipient = chosen;
    alerts = new Map();
    pending = new Map();
    pendingCritical = 0;
    received = 0;
    loaded = false;
    actions = new Map();
    page = 0;
    olderUrl = null;
    capacity = MAX_HELD;
    olderButton.hidden = true;
    closeDetail();
    drawBar();
    showMessage("");
    render();
    if (!recipient) return;
    caption.textContent = t("console.loadingFor", { recipient: recipient });
    var q = "?country=" + encodeURIComponent(recipient);
    // Subscribe first, then fetch: nothing arriving in between is lost, and ids deduplicate.
    subscribe("api/v1/alerts/stream" + q, gen, arrived);
    subscribe("api/v1/actions/stream" + q, gen, function (state) {
      actions.set(state.alertId, state);
      updateRow(state.alertId);
    });
    getPage("api/v1/alerts" + q + "&limit=" + LIMIT + historyQuery())
      .then(function (first) {
        if (gen !== generation) return;
        took(first);
        // What came live while the list was on its way is part of the first view.
        loaded = true;
        showPending();
        return getJson("api/v1/actions" + q);
      })
      .then(function (states) {
        if (gen !== generation || !states) return;
        states.forEach(function (s) {
          actions.set(s.alertId, s);
          updateRow(s.alertId);
        });
      })
      .catch(function (error) {
        if (gen !== generation) return;
        loaded = true;
        drawBar();
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

  function redrawFromTop() {
    page = 0;
    render();
  }

  // "Is it known?": one indicator asked of the federation (audited; the holders of what the user
  // may not see learn that their country asked), the answer under the form.
  var lookupForm = document.getElementById("lookup");
  var lookupResult = document.getElementById("lookup-result");

  function lookupAnswer(r) {
    var box = document.createDocumentFragment();
    var headline;
    if (!r.known) headline = t("lookup.unknown");
    else if (r.disclosure === "HIT_NO_HIT") headline = t("lookup.hit");
    else headline = t("lookup.known");
    var p = el("p", null, "lookup-headline");
    p.appendChild(el("strong", headline));
    p.appendChild(document.createTextNode(" "));
    p.appendChild(ltr(r.key || ""));
    box.appendChild(p);
    if (!r.known || r.disclosure !== "DETAILS") return box;
    var pairs = [
      [t("lookup.agencies"), String(r.agencies)],
      [t("lookup.countries"), String(r.countries)],
      [t("lookup.sightings"), String(r.sightings)]
    ];
    if (r.firstSeen) pairs.push([t("lookup.firstSeen"), timeNode(r.firstSeen)]);
    if (r.lastSeen) pairs.push([t("lookup.lastSeen"), timeNode(r.lastSeen)]);
    if (r.categories && r.categories.length) {
      pairs.push([t("lookup.categories"), r.categories.map(function (c) {
        return i18n.humanise("category", c);
      }).join(", ")]);
    }
    if (r.identification) {
      var id = r.identification;
      var words = [];
      if (id.victimIdentified) words.push(t("lookup.victimIdentified"));
      if (id.offenderIdentified) words.push(t("lookup.offenderIdentified"));
      if (id.series) words.push(id.series);
      if (words.length) pairs.push([t("lookup.identification"), words.join(", ")]);
    }
    if (r.iwolListedAt) pairs.push([t("lookup.iwol"), timeNode(r.iwolListedAt)]);
    if (r.linked && r.linked.length) pairs.push([t("lookup.linked"), r.linked.join(", ")]);
    if (r.yours) pairs.push([t("lookup.yours"), t("lookup.yes")]);
    if (r.undisclosedHolders) pairs.push([t("lookup.undisclosed"), t("lookup.yes")]);
    box.appendChild(dl(pairs));
    return box;
  }

  lookupForm.addEventListener("submit", function (event) {
    event.preventDefault();
    var value = document.getElementById("lookup-value").value.trim();
    if (!value) return;
    lookupResult.hidden = false;
    lookupResult.textContent = t("console.loading");
    fetch("api/v1/lookup", {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify({ type: document.getElementById("lookup-type").value, value: value })
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (body) {
        lookupResult.textContent = "";
        if (!response.ok) {
          lookupResult.appendChild(el("p", t("lookup.error", { error: body.error || response.status }), "lookup-error"));
          return;
        }
        lookupResult.appendChild(lookupAnswer(body));
      });
    }).catch(function (error) {
      lookupResult.textContent = t("lookup.error", { error: error.message });
    });
  });

  select.addEventListener("change", function () { choose(select.value, true); });
  filters.since.addEventListener("change", redrawFromTop);
  // A history filter asks the service again: the answer covers the whole history, not the page.
  Object.keys(historyFilters).forEach(function (k) {
    historyFilters[k].addEventListener("change", function () { load(recipient); });
  });
  olderButton.addEventListener("click", loadOlder);
  sortSelect.addEventListener("change", redrawFromTop);
  search.addEventListener("input", function () {
    window.clearTimeout(searchTimer);
    searchTimer = window.setTimeout(redrawFromTop, 200);
  });
  newButton.addEventListener("click", showPending);
  prevButton.addEventListener("click", function () { page = Math.max(0, page - 1); render(); });
  nextButton.addEventListener("click", function () { page += 1; render(); });
  window.addEventListener("popstate", function () {
    select.value = wantedFromUrl();
    load(select.value);
  });
  // Relative times age: refresh the few in the page, not the table.
  window.setInterval(function () {
    rows.querySelectorAll("time").forEach(function (node) {
      node.textContent = relative(node.dateTime);
    });
  }, CLOCK_MS);

  window.SightlineSession.then(function (user) {
    me = user;
    document.getElementById("to-dashboard").hidden = !user.secretariat;
    // Feed health is an agency's own (the secretariat sees every agency's).
    document.getElementById("to-feed").hidden = !(user.secretariat || user.agency);
    fillFilter(filters.reason, "reason", ["CROSS_BORDER_MATCH", "MULTI_AGENCY_MATCH",
      "NEAR_DUPLICATE_HASH", "HOSTED_IN_YOUR_COUNTRY", "KNOWN_IDENTIFIED_SERIES",
      "LINKED_INDICATORS", "IWOL_PROPOSED", "IWOL_LISTED", "IWOL_REJECTED", "IWOL_WITHDRAWN",
      "IWOL_DELISTED", "SUPERSEDED", "OVER_CORRELATED",
      "HIT_NO_HIT", "CONTACT_REQUEST", "CONTACT_ACCEPTED", "CONTACT_DECLINED"]);
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
