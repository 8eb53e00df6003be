// The secretariat's review of the "worst of" list: the domains the rule proposed, with the evidence,
// approved or rejected here; the listed domains, delisted here; the warning lists of known-benign
// hosts, domains and ranges, changed here. Every decision needs the user's
// click and (to reject or delist) a ground; the service writes it to the broker and the processor
// applies it, so the page polls rather than assuming the outcome.
(function () {
  "use strict";

  var POLL_MS = 5000;
  var i18n = window.SightlineI18n;
  var t = i18n.t;
  var statusEl = document.getElementById("status");
  var messageEl = document.getElementById("message");
  var noticeEl = document.getElementById("notice");
  var proposalsEl = document.getElementById("proposals");
  var listedBody = document.querySelector("#listed tbody");
  var busy = false;

  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text != null) node.textContent = text;
    if (className) node.className = className;
    return node;
  }

  function when(iso) {
    if (!iso) return "—";
    return new Intl.DateTimeFormat(i18n.lang(), {
      year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit",
      hourCycle: "h23", timeZone: "UTC"
    }).format(new Date(iso)) + " UTC";
  }

  function day(iso) {
    if (!iso) return "—";
    return new Intl.DateTimeFormat(i18n.lang(), {
      year: "numeric", month: "short", day: "numeric", timeZone: "UTC"
    }).format(new Date(iso));
  }

  function setStatus(kind) {
    statusEl.className = "status status-" + kind;
    statusEl.textContent = t("status." + kind);
  }

  function send(path, body) {
    return fetch(path, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify(body)
    }).then(function (response) {
      return response.json().then(function (answer) {
        if (!response.ok) throw new Error((answer && answer.error) || "HTTP " + response.status);
        return answer;
      });
    });
  }

  // One decision at a time; the answer says what was sent, the next poll shows its effect.
  function decide(path, body, input) {
    if (busy) return;
    busy = true;
    messageEl.hidden = true;
    send(path, body)
      .then(function (answer) {
        noticeEl.textContent = answer.pattern
          ? t("warning.sent." + answer.action, { pattern: answer.pattern })
          : answer.outcome
            ? t("disputes.sent." + answer.outcome, { key: answer.key })
            : t("review.sent." + answer.decision, { domain: answer.domain });
        noticeEl.hidden = false;
        if (input) input.value = "";
        window.setTimeout(refresh, 1000);
      })
      .catch(function (error) {
        messageEl.textContent = error.message;
        messageEl.hidden = false;
      })
      .finally(function () { busy = false; });
  }

  function groundOf(input) {
    var ground = input.value.trim();
    if (!ground) {
      messageEl.textContent = t("review.reason.required");
      messageEl.hidden = false;
      input.focus();
      return null;
    }
    return ground;
  }

  function proposalCard(p) {
    var card = el("article", null, "proposal");
    card.setAttribute("data-domain", p.domain);
    card.appendChild(el("h3", p.domain));
    card.appendChild(el("p", t("review.proposed", { time: when(p.proposedAt) }), "summary"));
    card.appendChild(el("p", t("review.evidence", {
      agencies: p.agencies.join(", "),
      countries: p.countries.join(", "),
      n: p.sightings,
      first: when(p.firstSeen),
      last: when(p.lastSeen)
    }), "evidence"));
    card.appendChild(el("p", p.hostingCountries.length
      ? t("review.hosting", { countries: p.hostingCountries.join(", ") })
      : t("review.hosting.unknown"), "hosting"));
    if (p.samples.length) {
      card.appendChild(el("h4", t("review.samples")));
      var list = el("ul", null, "samples");
      p.samples.forEach(function (s) {
        var item = el("li");
        item.appendChild(el("code", s));
        list.appendChild(item);
      });
      card.appendChild(list);
    }
    if (p.expiresAt) {
      card.appendChild(el("p", t("review.lapses", { day: day(p.expiresAt) }), "summary"));
    }
    var id = "ground-" + p.domain.replace(/[^a-z0-9]/g, "-");
    var label = el("label", t("review.reason"));
    label.setAttribute("for", id);
    var ground = el("textarea", null, "ground");
    ground.id = id;
    ground.rows = 2;
    ground.maxLength = 1000;
    var approve = el("button", t("review.approve"), "approve");
    approve.type = "button";
    approve.addEventListener("click", function () {
      decide("api/v1/iwol-review/verdicts",
        { domain: p.domain, verdict: "approve", reason: ground.value.trim() || null }, ground);
    });
    var reject = el("button", t("review.reject"), "reject");
    reject.type = "button";
    reject.addEventListener("click", function () {
      var why = groundOf(ground);
      if (why) decide("api/v1/iwol-review/verdicts",
        { domain: p.domain, verdict: "reject", reason: why }, ground);
    });
    var actions = el("div", null, "actions");
    actions.appendChild(approve);
    actions.appendChild(reject);
    card.appendChild(label);
    card.appendChild(ground);
    card.appendChild(actions);
    return card;
  }

  function listedRow(item) {
    var row = el("tr");
    row.setAttribute("data-domain", item.domain);
    row.appendChild(el("td", item.domain));
    row.appendChild(el("td", when(item.listedAt)));
    row.appendChild(el("td", day(item.expiresAt)));
    var cell = el("td", null, "delist");
    var ground = el("input");
    ground.type = "text";
    ground.maxLength = 1000;
    ground.placeholder = t("review.reason");
    ground.setAttribute("aria-label", t("review.reason") + " — " + item.domain);
    var delist = el("button", t("review.delist"));
    delist.type = "button";
    delist.addEventListener("click", function () {
      var why = groundOf(ground);
      if (why) decide("api/v1/iwol-review/delistings", { domain: item.domain, reason: why }, ground);
    });
    cell.appendChild(ground);
    cell.appendChild(delist);
    row.appendChild(cell);
    return row;
  }

  function warningRow(entry) {
    var row = el("tr");
    row.setAttribute("data-pattern", entry.pattern);
    row.appendChild(el("td", entry.list));
    var pattern = el("td");
    pattern.appendChild(el("code", entry.pattern));
    row.appendChild(pattern);
    row.appendChild(el("td", entry.note || ""));
    row.appendChild(el("td", t("warning.addedBy", { by: entry.addedBy, time: when(entry.addedAt) })));
    var cell = el("td");
    var remove = el("button", t("warning.remove"));
    remove.type = "button";
    remove.addEventListener("click", function () {
      decide("api/v1/warning-lists/removals", { pattern: entry.pattern }, null);
    });
    cell.appendChild(remove);
    row.appendChild(cell);
    return row;
  }

  var warningShown = null;
  var disputesShown = null;

  function disputeRow(d) {
    var row = el("tr");
    row.setAttribute("data-dispute", d.id);
    var entry = el("td");
    entry.appendChild(el("code", d.key));
    entry.appendChild(el("span", " (" + t("disputes.subject." + d.subject) + ")"));
    row.appendChild(entry);
    row.appendChild(el("td", t("disputes.ground." + d.ground)));
    row.appendChild(el("td", d.raisedBy + ", " + when(d.raisedAt)));
    row.appendChild(el("td", d.note || ""));
    var cell = el("td", null, "delist");
    var reason = el("input");
    reason.type = "text";
    reason.maxLength = 1000;
    reason.placeholder = t("disputes.reason");
    reason.setAttribute("aria-label", t("disputes.reason") + " — " + d.key);
    [["uphold", "disputes.uphold"], ["dismiss", "disputes.dismiss"]].forEach(function (b) {
      var button = el("button", t(b[1]));
      button.type = "button";
      button.className = "dispute-" + b[0];
      button.addEventListener("click", function () {
        var why = groundOf(reason);
        if (why) {
          decide("api/v1/disputes/" + encodeURIComponent(d.id) + "/resolution",
            { outcome: b[0], reason: why }, reason);
        }
      });
      cell.appendChild(button);
    });
    cell.insertBefore(reason, cell.firstChild);
    row.appendChild(cell);
    return row;
  }

  function renderDisputes(open) {
    var key = JSON.stringify(open);
    if (key === disputesShown) return;
    disputesShown = key;
    document.getElementById("disputes-title").textContent = t("disputes.title", { n: open.length });
    document.getElementById("disputes-empty").hidden = open.length > 0;
    var body = document.querySelector("#disputes tbody");
    body.replaceChildren.apply(body, open.map(disputeRow));
  }

  function renderWarnings(entries) {
    var key = JSON.stringify(entries);
    if (key === warningShown) return;
    warningShown = key;
    document.getElementById("warning-title").textContent = t("warning.title", { n: entries.length });
    document.getElementById("warning-empty").hidden = entries.length > 0;
    var body = document.querySelector("#warning tbody");
    body.replaceChildren.apply(body, entries.map(warningRow));
  }

  document.getElementById("warning-add").addEventListener("submit", function (event) {
    event.preventDefault();
    var pattern = document.getElementById("warning-pattern");
    var list = document.getElementById("warning-list");
    var note = document.getElementById("warning-note");
    decide("api/v1/warning-lists", {
      pattern: pattern.value.trim(),
      list: list.value.trim() || null,
      note: note.value.trim() || null
    }, pattern);
  });

  // Redrawn only when the queue changes, so that a ground being typed is not wiped by a poll.
  var shown = null;

  function render(view) {
    var key = JSON.stringify(view);
    if (key === shown) return;
    shown = key;
    document.getElementById("pending-title").textContent =
      t("review.pending", { n: view.proposals.length });
    document.getElementById("listed-title").textContent =
      t("review.listed", { n: view.listed.length });
    document.getElementById("pending-empty").hidden = view.proposals.length > 0;
    document.getElementById("listed-empty").hidden = view.listed.length > 0;
    var typing = {};
    proposalsEl.querySelectorAll("textarea").forEach(function (a) { typing[a.id] = a.value; });
    proposalsEl.replaceChildren.apply(proposalsEl, view.proposals.map(proposalCard));
    proposalsEl.querySelectorAll("textarea").forEach(function (a) {
      if (typing[a.id]) a.value = typing[a.id];
    });
    listedBody.replaceChildren.apply(listedBody, view.listed.map(listedRow));
    document.body.setAttribute("data-loaded", "true");
  }

  function refresh() {
    fetch("api/v1/iwol-review", { headers: { Accept: "application/json" } })
      .then(function (response) {
        return response.json().then(function (body) {
          if (!response.ok) throw new Error((body && body.error) || "HTTP " + response.status);
          return body;
        });
      })
      .then(function (view) {
        setStatus("live");
        render(view);
        return fetch("api/v1/warning-lists", { headers: { Accept: "application/json" } });
      })
      .then(function (response) {
        return response.json().then(function (body) {
          if (!response.ok) throw new Error((body && body.error) || "HTTP " + response.status);
          renderWarnings(body);
          return fetch("api/v1/disputes", { headers: { Accept: "application/json" } });
        });
      })
      .then(function (response) {
        return response.json().then(function (body) {
          if (!response.ok) throw new Error((body && body.error) || "HTTP " + response.status);
          renderDisputes(body);
        });
      })
      .catch(function (error) {
        setStatus("reconnecting");
        messageEl.textContent = t("review.error", { error: error.message });
        messageEl.hidden = false;
      });
  }

  window.SightlineSession.then(function (user) {
    if (!user.secretariat) {
      document.getElementById("workbench").hidden = true;
      document.getElementById("forbidden").hidden = false;
      document.body.setAttribute("data-forbidden", "true");
      return;
    }
    refresh();
    window.setInterval(refresh, POLL_MS);
  });
})();
