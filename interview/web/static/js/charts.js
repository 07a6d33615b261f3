// Charts as inline SVG with axes, units and the norm band, each with a table for screen readers.
// Sized in real pixels for the space they get, so labels stay readable on a 360 px phone.
import { clock, el, svg } from "./dom.js";
import { t } from "./i18n.js";

const FONT = 12;
export const SCORE_COLOURS = { overall: "#1d2330", pacing: "#1f5fbf", fluency: "#2e8b57", content: "#b35900" };
const FALLBACK_TARGET = { spm: [210, 300], wpm: [100, 165] };

/** A width for a chart in ``container``: its content width, kept between 280 and 760 px. */
export function chartWidth(container) {
  const width = (container?.clientWidth || 640) - 34;
  return Math.max(280, Math.min(760, Math.round(width)));
}

function niceStep(span, steps = 4) {
  const raw = span / steps;
  const power = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? raw;
}

function timeStep(seconds) {
  return [5, 10, 15, 20, 30, 60, 120, 300].find((s) => seconds / s <= 6) ?? 600;
}

const text = (x, y, content, attributes = {}) =>
  svg("text", { x, y, "font-size": FONT, fill: "#3a4150", ...attributes }, content);

function srTable(caption, headers, rows) {
  // in a block: a table itself ignores the 1 px box that hides it and widens the page
  return el("div", { class: "sr-only" }, el("table", {}, el("caption", {}, caption),
    el("tr", {}, ...headers.map((h) => el("th", { scope: "col" }, h))),
    ...rows.map((row) => el("tr", {}, ...row.map((cell) => el("td", {}, String(cell)))))));
}

function figure(caption, chart, table, extra = null) {
  const id = `chart-${Math.random().toString(36).slice(2, 9)}`;
  chart.setAttribute("aria-labelledby", id);
  chart.setAttribute("role", "img");
  return el("figure", { class: "chart" }, el("figcaption", { id }, caption), chart, extra, table);
}

function xAxis(chart, { left, right, bottom, from, to, x }) {
  chart.append(svg("line", { x1: left, x2: right, y1: bottom, y2: bottom, stroke: "#8a93a6" }));
  const step = timeStep(to - from);
  for (let s = Math.ceil(from / step) * step; s <= to + 0.01; s += step) {
    chart.append(svg("line", { x1: x(s), x2: x(s), y1: bottom, y2: bottom + 4, stroke: "#8a93a6" }),
      text(x(s), bottom + 16, clock(s), { "text-anchor": "middle" }));
  }
}

/** Pace over the answer: rate per window, y axis in the rate's unit, the target band shaded. */
export function paceChart(pacing, width) {
  const windows = pacing.windows ?? [];
  const unit = pacing.speaking_rate?.unit ?? "spm";
  const unitLabel = t(`chart.unit.${unit}`);
  const [low, high] = pacing.target_rate ?? FALLBACK_TARGET[unit] ?? [0, 0];
  const caption = t("chart.pace.caption", { rate: Math.round(pacing.speaking_rate?.value ?? 0), unit: unitLabel, low, high });
  if (!windows.length) return el("p", { class: "quiet" }, caption);
  const height = 210, left = 48, right = width - 12, top = 12, bottom = height - 40;
  const from = windows[0].start, to = Math.max(windows[windows.length - 1].end, from + 1);
  const step = niceStep(Math.max(...windows.map((w) => w.rate), high) * 1.1);
  const yMax = Math.ceil((Math.max(...windows.map((w) => w.rate), high) * 1.08) / step) * step;
  const x = (s) => left + ((right - left) * (s - from)) / (to - from);
  const y = (r) => bottom - ((bottom - top) * r) / yMax;
  const chart = svg("svg", { width, height, viewBox: `0 0 ${width} ${height}`, class: "pace-chart" });
  chart.append(svg("rect", { x: left, width: right - left, y: y(high), height: y(low) - y(high), fill: "#dcefe0", class: "norm-band" }),
    text(right - 4, y(high) + FONT + 2, t("chart.pace.target", { low, high }), { "text-anchor": "end", fill: "#2e6b3a" }));
  for (let r = 0; r <= yMax + 0.01; r += step) {
    chart.append(svg("line", { x1: left, x2: right, y1: y(r), y2: y(r), stroke: "#e4e7ee" }),
      text(left - 6, y(r) + 4, String(Math.round(r)), { "text-anchor": "end" }));
  }
  chart.append(svg("line", { x1: left, x2: left, y1: top, y2: bottom, stroke: "#8a93a6" }),
    text(14, (top + bottom) / 2, unitLabel, { transform: `rotate(-90 14 ${(top + bottom) / 2})`, "text-anchor": "middle" }),
    text((left + right) / 2, height - 4, t("chart.time"), { "text-anchor": "middle" }));
  xAxis(chart, { left, right, bottom, from, to, x });
  const middle = (w) => (w.start + w.end) / 2;
  chart.append(svg("polyline", { fill: "none", stroke: "#1f5fbf", "stroke-width": 2,
    points: windows.map((w) => `${x(middle(w)).toFixed(1)},${y(w.rate).toFixed(1)}`).join(" ") }));
  windows.forEach((w) => chart.append(svg("circle", { cx: x(middle(w)).toFixed(1), cy: y(w.rate).toFixed(1), r: 4, fill: "#1f5fbf" },
    svg("title", {}, `${clock(w.start)}–${clock(w.end)}: ${Math.round(w.rate)} ${unitLabel}`))));
  const table = srTable(caption, [t("chart.time"), unitLabel],
    windows.map((w) => [`${clock(w.start)}–${clock(w.end)}`, Math.round(w.rate)]));
  return figure(caption, chart, table);
}

/** The pauses along the answer: grey short ones, orange the long ones (2 s or more). */
export function pauseTimeline(report, width) {
  const pauses = report.pacing.pauses ?? [];
  const total = Math.max(report.transcript.duration ?? 0, pauses.at(-1)?.end ?? 0, 1);
  const height = 58, left = 18, right = width - 18, bottom = 30;
  const x = (s) => left + ((right - left) * s) / total;
  const chart = svg("svg", { width, height, viewBox: `0 0 ${width} ${height}`, class: "pause-timeline" });
  chart.append(svg("rect", { x: left, y: 14, width: right - left, height: 3, fill: "#d5dae4" }));
  pauses.forEach((p) => {
    const long = p.end - p.start >= 2;
    chart.append(svg("rect", { x: x(p.start).toFixed(1), y: 6, width: Math.max(3, x(p.end) - x(p.start)).toFixed(1), height: 18,
      fill: long ? "#d9730d" : "#9aa3b5", class: long ? "long" : "short" },
    svg("title", {}, `${clock(p.start)} ${(p.end - p.start).toFixed(1)}s`)));
  });
  xAxis(chart, { left, right, bottom, from: 0, to: total, x });
  const longOnes = pauses.filter((p) => p.end - p.start >= 2);
  const caption = t("chart.pauses.caption", { n: pauses.length, long: longOnes.length });
  const keys = el("p", { class: "keys" }, el("span", { class: "key key-short" }), t("chart.pauses.short"), " ",
    el("span", { class: "key key-long" }), t("chart.pauses.long"));
  const table = srTable(caption, [t("chart.time"), t("chart.seconds")],
    pauses.map((p) => [clock(p.start), (p.end - p.start).toFixed(1)]));
  return figure(caption, chart, table, keys);
}

/** Scores across sessions, oldest to newest, dated; a single session is drawn as points. */
export function progressChart(sessions, names, width) {
  const height = 230, left = 40, right = width - 14, top = 12, bottom = height - 42;
  const n = sessions.length;
  const x = (i) => (n === 1 ? (left + right) / 2 : left + 14 + ((right - left - 28) * i) / (n - 1));
  const y = (v) => bottom - ((bottom - top) * v) / 100;
  const chart = svg("svg", { width, height, viewBox: `0 0 ${width} ${height}`, class: "progress-chart" });
  for (let v = 0; v <= 100; v += 20) {
    chart.append(svg("line", { x1: left, x2: right, y1: y(v), y2: y(v), stroke: "#e4e7ee" }),
      text(left - 6, y(v) + 4, String(v), { "text-anchor": "end" }));
  }
  chart.append(svg("line", { x1: left, x2: left, y1: top, y2: bottom, stroke: "#8a93a6" }),
    svg("line", { x1: left, x2: right, y1: bottom, y2: bottom, stroke: "#8a93a6" }),
    text(12, (top + bottom) / 2, t("chart.score"), { transform: `rotate(-90 12 ${(top + bottom) / 2})`, "text-anchor": "middle" }));
  const every = Math.max(1, Math.ceil(n / Math.floor((right - left) / 52)));
  sessions.forEach((s, i) => {
    if (i % every === 0 || i === n - 1) chart.append(text(x(i), bottom + 16, shortDate(s.created_at), { "text-anchor": "middle" }));
  });
  chart.append(text((left + right) / 2, height - 4, t("chart.date"), { "text-anchor": "middle" }));
  names.forEach((name) => {
    const points = sessions.map((s, i) => (s.scores[name] === undefined ? null : [x(i), y(s.scores[name])])).filter(Boolean);
    if (points.length > 1) {
      chart.append(svg("polyline", { fill: "none", stroke: SCORE_COLOURS[name], "stroke-width": 2,
        points: points.map(([px, py]) => `${px.toFixed(1)},${py.toFixed(1)}`).join(" ") }));
    }
    sessions.forEach((s, i) => {
      if (s.scores[name] === undefined) return;
      chart.append(svg("circle", { cx: x(i).toFixed(1), cy: y(s.scores[name]).toFixed(1), r: 4, fill: SCORE_COLOURS[name], "data-score": name },
        svg("title", {}, `${shortDate(s.created_at)} ${t("report." + name)} ${Math.round(s.scores[name])}`)));
    });
  });
  const legend = el("ul", { class: "legend" }, ...names.map((name) => el("li", {},
    el("span", { class: "key", style: `background:${SCORE_COLOURS[name]}` }), t("report." + name))));
  const caption = t("progress.chart");
  const table = srTable(caption, [t("chart.date"), ...names.map((name) => t("report." + name))],
    sessions.map((s) => [s.created_at.slice(0, 10), ...names.map((name) => (s.scores[name] === undefined ? "–" : Math.round(s.scores[name])))]));
  return figure(caption, chart, table, legend);
}

export function shortDate(iso) {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso.slice(5, 10) : `${date.getMonth() + 1}/${date.getDate()}`;
}

// ------------------------------------------------------------------ class figures (camps)

const shorten = (value, chars) => (value.length > chars ? `${value.slice(0, Math.max(1, chars - 1))}…` : value);

/** How many got which score: ``counts`` per band of 10 points (0–9, 10–19, … 90–100) as
 * columns, the count above each. ``headers`` name the table's two columns for screen readers. */
export function histogramChart(counts, { caption, headers, colour = "#1f5fbf", width = 260 }) {
  const height = 150, left = 28, right = width - 8, top = 16, bottom = height - 28;
  const most = Math.max(1, ...counts);
  const step = Math.max(1, Math.ceil(niceStep(most, 3)));
  const yMax = Math.ceil(most / step) * step;
  const slot = (right - left) / counts.length;
  const y = (n) => bottom - ((bottom - top) * n) / yMax;
  const chart = svg("svg", { width, height, viewBox: `0 0 ${width} ${height}`, class: "histogram-chart" });
  for (let n = 0; n <= yMax; n += step) {
    chart.append(svg("line", { x1: left, x2: right, y1: y(n), y2: y(n), stroke: "#e4e7ee" }),
      text(left - 5, y(n) + 4, String(n), { "text-anchor": "end" }));
  }
  const band = (i) => `${i * 10}–${i === counts.length - 1 ? 100 : i * 10 + 9}`;
  counts.forEach((n, i) => {
    const x = left + slot * i + 1.5;
    chart.append(svg("rect", { x: x.toFixed(1), y: y(n).toFixed(1), width: Math.max(1, slot - 3).toFixed(1),
      height: (bottom - y(n)).toFixed(1), fill: colour, "data-band": i * 10 }, svg("title", {}, `${band(i)}: ${n}`)));
    if (n) chart.append(text(x + (slot - 3) / 2, y(n) - 3, String(n), { "text-anchor": "middle", "font-size": 11 }));
  });
  chart.append(svg("line", { x1: left, x2: right, y1: bottom, y2: bottom, stroke: "#8a93a6" }));
  [0, 50, 100].forEach((v) => chart.append(text(left + ((right - left) * v) / 100, bottom + 16, String(v),
    { "text-anchor": v === 0 ? "start" : v === 100 ? "end" : "middle" })));
  const table = srTable(caption, headers, counts.map((n, i) => [band(i), n]));
  return figure(caption, chart, table);
}

/** Labelled horizontal bars, in the order given: ``items`` [{label, value (null: none yet),
 * note}], the bar's length against ``max``; the label above its bar so long ones still fit. */
export function barList(items, { caption, headers, max, colour = "#1f5fbf", width = 360, format = (v) => String(Math.round(v)) }) {
  const row = 42, left = 4, right = width - 64, top = 4;
  const height = top + row * items.length + 4;
  const most = Math.max(max ?? 0, ...items.map((item) => item.value ?? 0), 1);
  const chars = Math.max(8, Math.floor((width - 8) / (FONT * 0.95)));
  const chart = svg("svg", { width, height, viewBox: `0 0 ${width} ${height}`, class: "bar-list" });
  items.forEach((item, i) => {
    const y0 = top + row * i;
    const label = text(left, y0 + 13, shorten(item.label, chars));
    label.append(svg("title", {}, item.label));
    chart.append(label, svg("rect", { x: left, y: y0 + 19, width: right - left, height: 14, fill: "#eef1f6" }));
    if (item.value !== null && item.value !== undefined) {
      chart.append(svg("rect", { x: left, y: y0 + 19, width: Math.max(2, ((right - left) * item.value) / most).toFixed(1), height: 14, fill: colour, class: "bar" }));
    }
    const shown = item.value === null || item.value === undefined ? "–" : format(item.value);
    chart.append(text(right + 6, y0 + 31, item.note ? `${shown} ${item.note}` : shown));
  });
  const table = srTable(caption, headers, items.map((item) => [item.label,
    item.value === null || item.value === undefined ? "–" : format(item.value), ...(headers.length > 2 ? [item.note ?? ""] : [])]));
  return figure(caption, chart, table);
}

/** Values as dots along one axis against the shaded norm band ``band`` [low, high] (e.g. each
 * student's speaking rate); dots that would overlap are stacked. */
export function stripChart(values, { caption, headers, band, unitLabel, width = 640 }) {
  const [low, high] = band;
  const left = 16, right = width - 16;
  const most = Math.max(...values, high), least = Math.min(...values, low);
  const step = niceStep(Math.max(1, most - least) * 1.2, 5);
  const from = Math.max(0, Math.floor((least - step / 2) / step) * step), to = Math.ceil((most + step / 2) / step) * step;
  const x = (v) => left + ((right - left) * (v - from)) / (to - from);
  const rows = [];  // per row, the x of the dots in it
  const placed = [...values].sort((a, b) => a - b).map((v) => {
    let r = rows.findIndex((xs) => xs.every((px) => Math.abs(px - x(v)) >= 11));
    if (r === -1) { rows.push([]); r = rows.length - 1; }
    rows[r].push(x(v));
    return { v, r };
  });
  const top = 24, dots = Math.max(1, rows.length) * 12, bottom = top + dots + 8, height = bottom + 36;
  const chart = svg("svg", { width, height, viewBox: `0 0 ${width} ${height}`, class: "strip-chart" });
  chart.append(svg("rect", { x: x(low).toFixed(1), width: (x(high) - x(low)).toFixed(1), y: top - 6, height: bottom - top + 6, fill: "#dcefe0", class: "norm-band" }),
    text(x(high), top - 10, t("chart.pace.target", { low: Math.round(low), high: Math.round(high) }), { "text-anchor": "end", fill: "#2e6b3a" }),
    svg("line", { x1: left, x2: right, y1: bottom, y2: bottom, stroke: "#8a93a6" }));
  for (let v = from; v <= to + 0.01; v += step) {
    chart.append(svg("line", { x1: x(v), x2: x(v), y1: bottom, y2: bottom + 4, stroke: "#8a93a6" }),
      text(x(v), bottom + 16, String(Math.round(v)), { "text-anchor": "middle" }));
  }
  chart.append(text((left + right) / 2, height - 4, unitLabel, { "text-anchor": "middle" }));
  placed.forEach(({ v, r }) => {
    const inside = v >= low && v <= high;
    chart.append(svg("circle", { cx: x(v).toFixed(1), cy: bottom - 8 - r * 12, r: 5, fill: inside ? "#2e8b57" : "#d9730d",
      class: inside ? "inside" : "outside" }, svg("title", {}, `${Math.round(v)} ${unitLabel}`)));
  });
  const table = srTable(caption, headers, placed.map(({ v }, i) => [i + 1, Math.round(v)]));
  return figure(caption, chart, table);
}
