// accord dashboard. Every value from the store is inserted with textContent or
// attributes set one by one, never as HTML, so page and comment text stays inert.
"use strict";

const state = { chart: null, eventsOffset: 0, eventsLimit: 25, eventFilters: {} };

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined) continue;
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else if (key.startsWith("data-")) node.setAttribute(key, value);
    else node[key] = value;
  }
  for (const child of children) {
    if (child === null || child === undefined) continue;
    node.append(typeof child === "string" ? document.createTextNode(child) : child);
  }
  return node;
}

async function api(path, params) {
  const url = new URL(path, window.location.origin);
  for (const [key, value] of Object.entries(params || {})) {
    if (value !== undefined && value !== null && value !== "") url.searchParams.set(key, value);
  }
  const response = await fetch(url);
  const body = await response.json();
  if (!response.ok) throw new Error(body.error ? `${body.error.code}: ${body.error.message}` : response.statusText);
  return body;
}

function showError(container, error) {
  container.replaceChildren(el("p", { class: "muted", text: String(error.message || error) }));
}

function fillTable(table, columns, rows, onClick) {
  const head = el("thead", {}, el("tr", {}, ...columns.map(([, label]) => el("th", { text: label }))));
  const body = el("tbody");
  rows.forEach((row, index) => {
    const tr = el("tr", { "data-index": String(index) },
      ...columns.map(([key]) => el("td", { text: row[key] === null || row[key] === undefined ? "" : String(row[key]) })));
    if (onClick) tr.addEventListener("click", () => onClick(row, tr));
    body.append(tr);
  });
  table.replaceChildren(head, body);
}

// ---- views -------------------------------------------------------------------------------
function showView(name) {
  for (const button of document.querySelectorAll("nav button")) {
    button.classList.toggle("active", button.dataset.view === name);
  }
  for (const section of document.querySelectorAll(".view")) {
    section.hidden = section.id !== `view-${name}`;
  }
}

// ---- relations ---------------------------------------------------------------------------
async function loadRelations() {
  const source = document.getElementById("dyad-source").value.trim().toUpperCase();
  const target = document.getElementById("dyad-target").value.trim().toUpperCase();
  const by = document.getElementById("dyad-by").value;
  const table = document.getElementById("relations-table");
  let body;
  try {
    body = await api("/api/relations", { source, target, by });
  } catch (error) {
    showError(table, error);
    return;
  }
  const rows = body.items;
  fillTable(table, [["period", "Period"], ["events", "Reports"], ["clusters", "Events"], ["quad1", "Verbal coop."],
    ["quad2", "Material coop."], ["quad3", "Verbal conflict"], ["quad4", "Material conflict"], ["coop", "Coop. sum"],
    ["conflict", "Conflict sum"], ["net", "Net"]], rows,
    (row) => openEvents({ source, target, from: periodStart(row.period), to: periodEnd(row.period) }));
  drawRelationsChart(`${source} → ${target}`, rows);
}

function periodStart(period) {
  if (/^\d{4}-\d{2}$/.test(period)) return `${period}-01`;
  if (/^\d{4}$/.test(period)) return `${period}-01-01`;
  if (/^\d{4}-\d{2}-\d{2}$/.test(period)) return period;
  return "";
}

function periodEnd(period) {
  if (/^\d{4}-\d{2}$/.test(period)) {
    const [year, month] = period.split("-").map(Number);
    const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
    return `${period}-${String(last).padStart(2, "0")}`;
  }
  if (/^\d{4}$/.test(period)) return `${period}-12-31`;
  if (/^\d{4}-\d{2}-\d{2}$/.test(period)) return period;
  return "";
}

function drawRelationsChart(label, rows) {
  const canvas = document.getElementById("relations-chart");
  canvas.dataset.points = String(rows.length);
  if (typeof Chart === "undefined") return;
  if (state.chart) state.chart.destroy();
  const quad = (n, name, color) => ({ type: "bar", label: name, data: rows.map((r) => r[`quad${n}`]),
    backgroundColor: color, yAxisID: "counts", stack: "quad" });
  state.chart = new Chart(canvas, {
    data: {
      labels: rows.map((r) => r.period),
      datasets: [
        { type: "line", label: `${label}: net Goldstein`, data: rows.map((r) => r.net), borderColor: "#1d2b45",
          backgroundColor: "#1d2b45", yAxisID: "net", tension: 0.2 },
        quad(1, "verbal cooperation", "#8ec5ff"), quad(2, "material cooperation", "#2f7fd6"),
        quad(3, "verbal conflict", "#ffb38a"), quad(4, "material conflict", "#d6452f"),
      ],
    },
    options: {
      animation: false, maintainAspectRatio: false,
      scales: { net: { position: "left", title: { display: true, text: "net Goldstein" } },
        counts: { position: "right", stacked: true, grid: { drawOnChartArea: false },
          title: { display: true, text: "events" } }, x: { stacked: true } },
    },
  });
}

async function loadDyadPicker() {
  const picker = document.getElementById("dyad-pick");
  try {
    const top = await api("/api/top", { limit: 20 });
    for (const dyad of top.active) {
      picker.append(el("option", { value: `${dyad.source}-${dyad.target}`,
        text: `${dyad.source} → ${dyad.target} (${dyad.clusters})` }));
    }
  } catch (error) { /* the picker stays with its placeholder */ }
  picker.addEventListener("change", () => {
    if (!picker.value) return;
    const [source, target] = picker.value.split("-");
    document.getElementById("dyad-source").value = source;
    document.getElementById("dyad-target").value = target;
    loadRelations();
  });
}

// ---- events ------------------------------------------------------------------------------
function openEvents(filters) {
  const form = document.getElementById("event-form");
  for (const [key, value] of Object.entries(filters)) {
    if (form.elements[key]) form.elements[key].value = value || "";
  }
  showView("events");
  state.eventsOffset = 0;
  loadEvents();
}

async function loadEvents() {
  const form = document.getElementById("event-form");
  const filters = {};
  for (const name of ["source", "target", "code", "from", "to"]) {
    const value = form.elements[name].value.trim();
    if (value) filters[name] = name === "source" || name === "target" ? value.toUpperCase() : value;
  }
  const table = document.getElementById("events-table");
  let body;
  try {
    body = await api("/api/events", { ...filters, limit: state.eventsLimit, offset: state.eventsOffset });
  } catch (error) {
    showError(table, error);
    return;
  }
  document.getElementById("events-count").textContent =
    `${body.total} events; showing ${body.total ? state.eventsOffset + 1 : 0}–${state.eventsOffset + body.items.length}`;
  fillTable(table, [["event_date", "Date"], ["source", "Source"], ["cameo", "CAMEO"], ["target", "Target"],
    ["modality", "Modality"], ["attributed_to", "According to"], ["doc_id", "Article"], ["sentence", "Sentence"]],
  body.items, (row) => showEvent(row));
}

function highlighted(text, base, spans) {
  // spans: [start, end, class, title] in document offsets; base: the document offset of text[0]
  const cuts = spans
    .filter((s) => s[0] !== null && s[1] !== null && s[0] >= base && s[1] <= base + text.length && s[1] > s[0])
    .map((s) => [s[0] - base, s[1] - base, s[2], s[3]])
    .sort((a, b) => a[0] - b[0]);
  const parts = [];
  let cursor = 0;
  for (const [start, end, cls, title] of cuts) {
    if (start < cursor) continue; // overlapping spans: keep the first
    if (start > cursor) parts.push(text.slice(cursor, start));
    parts.push(el("mark", { class: cls, title: title || cls, text: text.slice(start, end) }));
    cursor = end;
  }
  if (cursor < text.length) parts.push(text.slice(cursor));
  return parts;
}

async function showEvent(event) {
  const detail = document.getElementById("event-detail");
  detail.hidden = false;
  const evidence = el("p", { class: "evidence" }, ...highlighted(event.sentence, event.sentence_start ?? 0, [
    [event.source_start, event.source_end, "source", `source ${event.source || ""}`],
    [event.target_start, event.target_end, "target", `target ${event.target || ""}`],
    [event.trigger_start, event.trigger_end, "trigger", `CAMEO ${event.cameo}`],
  ]));
  const facts = el("p", { class: "muted", text:
    `${event.source_name || event.source || "?"} (${event.source || "-"}) → ${event.target_name || event.target || "?"} ` +
    `(${event.target || "-"}): CAMEO ${event.cameo}, QuadClass ${event.quad_class}, Goldstein ${event.goldstein}, ` +
    `PLOVER ${event.plover || "-"}, ${event.modality}` + (event.attributed_to ? `, according to ${event.attributed_to}` : "") +
    `; rule ${event.rule}` });
  const reports = el("ul", { id: "event-reports" });
  const link = el("a", { href: `#doc=${encodeURIComponent(event.doc_id)}`, text: `open article ${event.doc_id}` });
  detail.replaceChildren(el("h3", { text: `Event of ${event.event_date || "unknown date"}` }), evidence, facts, link,
    el("h4", { text: "Reports of this event" }), reports);
  if (event.cluster_id) {
    try {
      const cluster = await api(`/api/clusters/${encodeURIComponent(event.cluster_id)}`);
      for (const report of cluster.reports) {
        reports.append(el("li", { text: `${report.event_date || ""} ${report.origin}: ${report.sentence}` }));
      }
    } catch (error) { showError(reports, error); }
  } else {
    reports.append(el("li", { class: "muted", text: "not counted as an occurrence (negated or hypothetical)" }));
  }
}

// ---- network -----------------------------------------------------------------------------
async function loadNetwork() {
  const form = document.getElementById("network-form");
  const box = document.getElementById("network");
  let graph;
  try {
    graph = await api("/api/network", { from: form.elements.from.value, to: form.elements.to.value, limit: 60 });
  } catch (error) {
    showError(box, error);
    return;
  }
  const size = 560, center = size / 2, radius = size / 2 - 70;
  const ns = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(ns, "svg");
  svg.setAttribute("width", String(size));
  svg.setAttribute("height", String(size));
  svg.setAttribute("viewBox", `0 0 ${size} ${size}`);
  const position = new Map();
  graph.nodes.forEach((node, i) => {
    const angle = (2 * Math.PI * i) / Math.max(1, graph.nodes.length);
    position.set(node.id, [center + radius * Math.cos(angle), center + radius * Math.sin(angle)]);
  });
  const maxClusters = Math.max(1, ...graph.edges.map((e) => e.clusters));
  for (const edge of graph.edges) {
    const [x1, y1] = position.get(edge.source);
    const [x2, y2] = position.get(edge.target);
    const line = document.createElementNS(ns, "line");
    for (const [k, v] of [["x1", x1], ["y1", y1], ["x2", x2], ["y2", y2]]) line.setAttribute(k, String(v));
    line.setAttribute("stroke", edge.net >= 0 ? "#2f7fd6" : "#d6452f");
    line.setAttribute("stroke-width", String(1 + (5 * edge.clusters) / maxClusters));
    const title = document.createElementNS(ns, "title");
    title.textContent = `${edge.source} → ${edge.target}: ${edge.clusters} events, net ${edge.net}`;
    line.append(title);
    svg.append(line);
  }
  for (const node of graph.nodes) {
    const [x, y] = position.get(node.id);
    const circle = document.createElementNS(ns, "circle");
    circle.setAttribute("cx", String(x));
    circle.setAttribute("cy", String(y));
    circle.setAttribute("r", "6");
    circle.setAttribute("fill", "#1d2b45");
    circle.setAttribute("class", "node");
    const label = document.createElementNS(ns, "text");
    label.setAttribute("x", String(x + 8));
    label.setAttribute("y", String(y - 8));
    label.textContent = node.id;
    svg.append(circle, label);
  }
  box.replaceChildren(svg, el("p", { class: "muted",
    text: `${graph.nodes.length} actors, ${graph.edges.length} directed links (blue: net cooperative, red: net conflictual)` }));
}

// ---- articles ----------------------------------------------------------------------------
async function loadArticles() {
  const table = document.getElementById("articles-table");
  try {
    const body = await api("/api/documents", { limit: 200 });
    fillTable(table, [["published", "Date"], ["title", "Title"], ["author", "Author"], ["events", "Events"],
      ["comments", "Comments"]], body.items, (row) => { window.location.hash = `doc=${encodeURIComponent(row.doc_id)}`; });
  } catch (error) { showError(table, error); }
}

function commentTree(comments) {
  const children = new Map();
  for (const comment of comments) {
    const key = comment.parent || "";
    if (!children.has(key)) children.set(key, []);
    children.get(key).push(comment);
  }
  const build = (parent) => {
    const list = el("ol");
    for (const comment of children.get(parent) || []) {
      const badges = [];
      if (comment.stance) badges.push(el("span", { class: "badge stance", text: comment.stance }));
      if (comment.uncivil) badges.push(el("span", { class: "badge uncivil", text: "uncivil" }));
      const item = el("li", { class: "comment", "data-comment-id": comment.id },
        el("span", { class: "author", text: comment.author || "anonymous" }), ...badges,
        ...String(comment.text).split(/\n\n+/).map((p) => el("p", { text: p })));
      if (children.has(comment.id)) item.append(build(comment.id));
      list.append(item);
    }
    return list;
  };
  return build("");
}

async function openArticle(docId) {
  showView("articles");
  const box = document.getElementById("article");
  let doc;
  try {
    doc = await api(`/api/documents/${encodeURIComponent(docId)}`);
  } catch (error) {
    box.hidden = false;
    showError(document.getElementById("article-body"), error);
    return;
  }
  box.hidden = false;
  document.getElementById("article-title").textContent = doc.title || doc.doc_id;
  document.getElementById("article-subtitles").replaceChildren(...(doc.subtitles || []).map((s) => el("li", { text: s })));
  const meta = [doc.published, doc.author && `by ${doc.author}`, doc.reprinted_from && `reprinted from ${doc.reprinted_from}`,
    doc.url].filter(Boolean).join(" · ");
  document.getElementById("article-meta").textContent = meta;
  const spans = doc.events.map((e) => [e.trigger_start, e.trigger_end, "event",
    `${e.source || "?"} ${e.cameo} ${e.target || "?"} (${e.modality})`]);
  const body = document.getElementById("article-body");
  body.replaceChildren();
  let section = null;
  for (const paragraph of doc.paragraphs) {
    if (paragraph.kind !== "body") continue;
    if (paragraph.section && paragraph.section !== section) {
      section = paragraph.section;
      body.append(el("h4", { text: section }));
    }
    body.append(el("p", {}, ...highlighted(paragraph.text, paragraph.start, spans)));
  }
  document.getElementById("comment-count").textContent = String(doc.comments.length);
  const tree = commentTree(doc.comments);
  tree.id = "comments";
  tree.className = "comments";
  document.getElementById("comments").replaceWith(tree);
  const summary = doc.reactions_summary;
  document.getElementById("article-reactions").textContent = summary
    ? Object.entries(summary.stance || {}).map(([k, v]) => `${k}: ${v}`).join(", ") +
      (summary.uncivil_share !== undefined ? `; uncivil ${(100 * summary.uncivil_share).toFixed(0)}%` : "")
    : "";
  const related = document.getElementById("article-related");
  related.replaceChildren();
  try {
    const items = (await api(`/api/documents/${encodeURIComponent(docId)}/related`)).items;
    for (const item of items) {
      related.append(el("li", {}, el("a", { href: `#doc=${encodeURIComponent(item.doc_id)}`, text: item.title || item.doc_id }),
        ` (${item.shared_clusters} shared events, ${item.shared_actors} shared actors)`));
    }
    if (!items.length) related.append(el("li", { class: "muted", text: "none in this store" }));
  } catch (error) { showError(related, error); }
}

// ---- mixed signals ----------------------------------------------------------------------
async function loadSignals() {
  const form = document.getElementById("signals-form");
  const list = document.getElementById("signals");
  let body;
  try {
    body = await api("/api/signals", { actor: form.elements.actor.value.trim().toUpperCase(),
      window_days: form.elements.window_days.value });
  } catch (error) {
    showError(list, error);
    return;
  }
  const side = (s) => el("blockquote", {},
    el("span", { class: "author", text: `${s.actor} (${s.actor_code || "?"}), ${s.date || "undated"}: ` }),
    el("span", { text: s.text }), " ",
    el("a", { href: `#doc=${encodeURIComponent(s.doc_id)}`, text: "article" }));
  list.replaceChildren(...body.items.map((signal) => el("li", { class: "signal" },
    el("p", { text: `Topic: ${signal.topic} (score ${signal.score})` }), side(signal.a), side(signal.b))));
  if (!body.items.length) list.append(el("li", { class: "muted", text: "no mixed signals found" }));
}

// ---- start -------------------------------------------------------------------------------
function route() {
  const hash = decodeURIComponent(window.location.hash.replace(/^#/, ""));
  if (hash.startsWith("doc=")) openArticle(hash.slice(4));
}

document.addEventListener("DOMContentLoaded", async () => {
  for (const button of document.querySelectorAll("nav button")) {
    button.addEventListener("click", () => {
      showView(button.dataset.view);
      if (button.dataset.view === "events") loadEvents();
      if (button.dataset.view === "network") loadNetwork();
      if (button.dataset.view === "articles") loadArticles();
      if (button.dataset.view === "signals") loadSignals();
    });
  }
  document.getElementById("dyad-form").addEventListener("submit", (e) => { e.preventDefault(); loadRelations(); });
  document.getElementById("event-form").addEventListener("submit", (e) => {
    e.preventDefault(); state.eventsOffset = 0; loadEvents();
  });
  document.getElementById("events-prev").addEventListener("click", () => {
    state.eventsOffset = Math.max(0, state.eventsOffset - state.eventsLimit); loadEvents();
  });
  document.getElementById("events-next").addEventListener("click", () => {
    state.eventsOffset += state.eventsLimit; loadEvents();
  });
  document.getElementById("network-form").addEventListener("submit", (e) => { e.preventDefault(); loadNetwork(); });
  document.getElementById("signals-form").addEventListener("submit", (e) => { e.preventDefault(); loadSignals(); });
  window.addEventListener("hashchange", route);
  try {
    const stats = await api("/api/stats");
    document.getElementById("stats").textContent =
      `${stats.documents} articles · ${stats.events} event reports · ${stats.clusters} events · ${stats.comments} comments`;
  } catch (error) { /* stats are decoration */ }
  await loadDyadPicker();
  await loadRelations();
  route();
  document.body.dataset.ready = "true";
});
