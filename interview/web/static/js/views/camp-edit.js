// A camp for its counsellors: the create form (#/camps/new: its questions generated from a job
// family or a pasted posting) and the editor (#/camps/{id}/edit): the questions reordered,
// removed, added and reworded (saved as one list), the settings, the groups and their join
// codes (open, close, a new code, the QR), and the co-counsellors. A counsellor of one group
// only reads it. The forms' labels carry data-i18n, so a language switch keeps what was typed.
import { request } from "../api.js";
import { $, el, say, show } from "../dom.js";
import { localDate, t } from "../i18n.js";
import { go } from "../router.js";
import { campDates, campErrorText, codeBadge } from "./camp-list.js";
import { JOBS } from "./setup.js";

const AUDIENCES = ["vocational_high_school", "veteran", "general"];
const CAMERAS = ["off", "optional", "on"];
export const CATEGORIES = ["self_introduction", "motivation", "personality", "behavioural", "situational",
  "job_competency", "pressure", "closing"];
const MAX_QUESTIONS = 15, MAX_POINTS = 8, MAX_GROUPS = 20;
const SETTINGS = [
  { name: "retries_per_question", min: 0, max: 5, value: 1 },
  { name: "prep_seconds", min: 0, max: 300, value: 30 },
  { name: "answer_seconds", min: 30, max: 600, value: 90 },
  { name: "camera", options: CAMERAS, prefix: "camp.camera.", value: "optional" },
  { name: "retention_days", min: 1, max: 365, value: 30 },
  { name: "min_age", min: 5, max: 99, value: null, optional: true },
  { name: "groups_see_each_other", check: true, value: false },
];
const HINTED = new Set(["retention_days", "min_age", "groups_see_each_other"]);

let camp = null;   // the camp being edited (its last GET or write answer)
let draft = [];    // its questions as edited: [{text, points, category, bank_id, original}]
let dirty = false;
let created = null;  // the POST answer, so the editor need not GET it again
let visit = 0;

const today = () => {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, "0")}-${String(now.getDate()).padStart(2, "0")}`;
};
const label = (key) => el("span", { "data-i18n": key }, t(key));

// ------------------------------------------------------------------ form fields

function option(value, key) {
  const node = el("option", { value, "data-i18n": key }, t(key));
  return node;
}

/** One setting's field: a number, a select or a check box, labelled by camp.field.<name>. */
function settingField(spec, form) {
  const id = `${form}-${spec.name}`;
  const hint = HINTED.has(spec.name) ? el("small", { class: "hint quiet", "data-i18n": `camp.hint.${spec.name}` }, t(`camp.hint.${spec.name}`)) : null;
  if (spec.check) {
    return el("div", { class: "field wide" }, el("label", { class: "check" },
      el("input", { type: "checkbox", name: spec.name, id, checked: spec.value }), label(`camp.field.${spec.name}`)), hint);
  }
  const input = spec.options
    ? el("select", { name: spec.name, id }, ...spec.options.map((v) => option(v, spec.prefix + v)))
    : el("input", { type: "number", name: spec.name, id, min: spec.min, max: spec.max, step: 1, inputmode: "numeric",
      value: spec.value ?? "", "data-min": spec.min, "data-max": spec.max, "data-optional": spec.optional ? "true" : null });
  if (spec.options) input.value = spec.value;
  return el("div", { class: "field" }, el("label", { for: id }, label(`camp.field.${spec.name}`)), input, hint);
}

function textField(name, form, attributes = {}) {
  const id = `${form}-${name}`;
  return el("div", { class: "field" }, el("label", { for: id }, label(`camp.field.${name}`)),
    el("input", { type: "text", name, id, maxlength: 120, autocomplete: "off", ...attributes }));
}

function setValues(form, values) {
  for (const spec of SETTINGS) {
    const input = form.elements[spec.name];
    if (spec.check) input.checked = Boolean(values[spec.name]);
    else input.value = values[spec.name] ?? "";
  }
  for (const name of ["name", "organisation"]) if (form.elements[name] && values[name] !== undefined) form.elements[name].value = values[name];
}

function clearErrors(form, box) {
  form.querySelectorAll("[aria-invalid]").forEach((node) => node.removeAttribute("aria-invalid"));
  box.hidden = true; box.textContent = "";
}

function fail(box, text, input = null) {
  box.textContent = text; box.hidden = false;
  if (input) { input.setAttribute("aria-invalid", "true"); input.focus(); }
}

class Invalid extends Error {
  constructor(message, input) { super(message); this.input = input; }
}

/** The settings' values from ``form``, checked against their ranges (throws Invalid). */
function readSettings(form) {
  const values = {};
  for (const spec of SETTINGS) {
    const input = form.elements[spec.name];
    if (spec.check) { values[spec.name] = input.checked; continue; }
    if (spec.options) { values[spec.name] = input.value; continue; }
    const raw = input.value.trim();
    if (raw === "" && spec.optional) { values[spec.name] = null; continue; }
    const n = Number(raw);
    if (raw === "" || !Number.isInteger(n) || n < spec.min || n > spec.max) {
      throw new Invalid(t("camp.error.range", { field: t(`camp.field.${spec.name}`), min: spec.min, max: spec.max }), input);
    }
    values[spec.name] = n;
  }
  for (const name of ["name", "organisation"]) {
    const input = form.elements[name];
    if (!input) continue;
    if (!input.value.trim()) throw new Invalid(t("camp.error.empty", { field: t(`camp.field.${name}`) }), input);
    values[name] = input.value.trim();
  }
  return values;
}

/** A 422's field, marked: the last part of its first error's location, when the form has it. */
function serverFail(form, box, error) {
  const name = error.status === 422 ? error.errors?.[0]?.loc?.at(-1) : null;
  const input = typeof name === "string" ? form.elements[name] : null;
  fail(box, campErrorText(error), input instanceof Element ? input : null);
}

// ------------------------------------------------------------------ the create form

function buildCreateForm() {
  const form = $("camp-form");
  const lang = el("select", { name: "lang", id: "camp-new-lang" }, el("option", { value: "ko" }, "한국어"), el("option", { value: "en" }, "English"));
  const audience = el("select", { name: "audience", id: "camp-new-audience" }, ...AUDIENCES.map((a) => option(a, `audience.${a}`)));
  const jobs = el("select", { name: "job_family", id: "camp-job" }, ...JOBS.map((j) => option(j, `job.${j}`)));
  const source = (value, key) => el("label", { class: "check" },
    el("input", { type: "radio", name: "source", value, checked: value === "job" }), label(key));
  form.append(
    el("fieldset", {}, el("legend", { "data-i18n": "camp.about" }, t("camp.about")),
      el("div", { class: "fields" }, textField("name", "camp-new", { required: true }), textField("organisation", "camp-new", { required: true }),
        el("div", { class: "field" }, el("label", { for: "camp-new-starts_on" }, label("camp.field.starts_on")),
          el("input", { type: "date", name: "starts_on", id: "camp-new-starts_on", required: true })),
        el("div", { class: "field" }, el("label", { for: "camp-new-ends_on" }, label("camp.field.ends_on")),
          el("input", { type: "date", name: "ends_on", id: "camp-new-ends_on", required: true })),
        el("div", { class: "field" }, el("label", { for: "camp-new-lang" }, label("camp.field.lang")), lang),
        el("div", { class: "field" }, el("label", { for: "camp-new-audience" }, label("camp.field.audience")), audience))),
    el("fieldset", {}, el("legend", { "data-i18n": "camp.questions_from" }, t("camp.questions_from")),
      el("div", { class: "sources", role: "radiogroup" }, source("job", "setup.source.job"), source("posting", "setup.source.posting")),
      el("div", { class: "field", id: "camp-job-field" }, el("label", { for: "camp-job" }, label("setup.job_family")), jobs),
      el("div", { class: "field", id: "camp-posting-field", hidden: true }, el("label", { for: "camp-posting" }, label("camp.field.posting_text")),
        el("textarea", { name: "posting_text", id: "camp-posting", rows: 8, maxlength: 20000 })),
      el("div", { class: "field" }, el("label", { for: "camp-new-n_questions" }, label("camp.field.n_questions")),
        el("input", { type: "number", name: "n_questions", id: "camp-new-n_questions", min: 1, max: 12, step: 1, value: 5, inputmode: "numeric" }))),
    el("fieldset", {}, el("legend", { "data-i18n": "camp.rules" }, t("camp.rules")),
      el("div", { class: "fields" }, ...SETTINGS.map((spec) => settingField(spec, "camp-new")))),
    el("fieldset", {}, el("legend", { "data-i18n": "camp.groups" }, t("camp.groups")),
      el("label", { for: "camp-new-groups" }, label("camp.field.groups")),
      el("textarea", { name: "groups", id: "camp-new-groups", rows: 4 }),
      el("small", { class: "hint quiet", "data-i18n": "camp.hint.groups" }, t("camp.hint.groups"))),
    el("p", { class: "field-error", id: "camp-form-error", role: "alert", hidden: true }),
    el("p", { class: "actions" }, el("button", { type: "submit", class: "primary", id: "camp-create", "data-i18n": "camp.create" }, t("camp.create"))));
  form.addEventListener("change", (event) => { if (event.target.name === "source") showSource(); });
  form.addEventListener("submit", (event) => { event.preventDefault(); create(); });
}

function showSource() {
  const posting = $("camp-form").elements.source.value === "posting";
  $("camp-job-field").hidden = posting;
  $("camp-posting-field").hidden = !posting;
}

function resetCreateForm() {
  const form = $("camp-form");
  form.reset();
  form.elements.starts_on.value = today();
  form.elements.ends_on.value = today();
  form.elements.lang.value = document.documentElement.lang === "en" ? "en" : "ko";
  setValues(form, Object.fromEntries(SETTINGS.map((spec) => [spec.name, spec.value])));
  clearErrors(form, $("camp-form-error"));
  showSource();
}

function readCreateForm(form) {
  const body = readSettings(form);
  for (const name of ["starts_on", "ends_on"]) {
    if (!form.elements[name].value) throw new Invalid(t("camp.error.empty", { field: t(`camp.field.${name}`) }), form.elements[name]);
    body[name] = form.elements[name].value;
  }
  if (body.ends_on < body.starts_on) throw new Invalid(t("camp.error.ends_before"), form.elements.ends_on);
  body.lang = form.elements.lang.value;
  body.audience = form.elements.audience.value;
  if (form.elements.source.value === "posting") {
    const text = form.elements.posting_text.value.trim();
    if (!text) throw new Invalid(t("setup.text_empty.posting"), form.elements.posting_text);
    body.posting_text = text;
  } else body.job_family = form.elements.job_family.value;
  const n = Number(form.elements.n_questions.value);
  if (!Number.isInteger(n) || n < 1 || n > 12) {
    throw new Invalid(t("camp.error.range", { field: t("camp.field.n_questions"), min: 1, max: 12 }), form.elements.n_questions);
  }
  body.n_questions = n;
  body.groups = groupNames(form.elements.groups);
  return body;
}

/** The groups typed one per line: blank lines skipped; too long, twice or too many refused. */
function groupNames(input) {
  const names = input.value.split("\n").map((line) => line.trim()).filter(Boolean);
  const long = names.find((name) => name.length > 80);
  if (long) throw new Invalid(t("camp.error.group_long", { name: long.slice(0, 20) }), input);
  const twice = names.find((name, i) => names.indexOf(name) !== i);
  if (twice) throw new Invalid(t("camp.error.group_twice", { name: twice }), input);
  if (names.length > MAX_GROUPS) throw new Invalid(t("camp.error.too_many_groups", { n: MAX_GROUPS }), input);
  return names;
}

async function create() {
  const form = $("camp-form");
  const box = $("camp-form-error");
  clearErrors(form, box);
  let body;
  try { body = readCreateForm(form); } catch (invalid) {
    if (!(invalid instanceof Invalid)) throw invalid;
    fail(box, invalid.message, invalid.input);
    return;
  }
  const button = $("camp-create");
  button.disabled = true; button.textContent = t("camp.creating");
  try {
    created = await request("/api/camps", { method: "POST", body });
    say(t("camp.created", { n: created.questions.length }));
    go(`#/camps/${created.id}/edit`, { replace: true });
  } catch (error) {
    serverFail(form, box, error);
  } finally {
    button.disabled = false; button.textContent = t("camp.create");
  }
}

export const campNewView = {
  enter() { show("camp-new"); resetCreateForm(); $("camp-new-name").focus(); },
  relabel() {},  // every label carries data-i18n
};

// ------------------------------------------------------------------ the editor: questions

function toDraft(questions) {
  return questions.map((q) => ({ text: q.text, points: q.key_points.join("\n"), category: q.category, bank_id: q.bank_id ?? null, original: q.text }));
}

function markDirty(value = true) {
  dirty = value;
  $("camp-q-dirty").hidden = !dirty;
}

function tool(kind, text, name, disabled, onClick) {
  const button = el("button", { type: "button", class: kind, "aria-label": name, title: name, disabled }, text);
  button.addEventListener("click", onClick);
  return button;
}

function questionItem(q, i) {
  const lead = camp.lead;
  const n = i + 1;
  const textId = `camp-q-${i}-text`, pointsId = `camp-q-${i}-points`, categoryId = `camp-q-${i}-category`;
  const text = el("textarea", { id: textId, class: "q-text", rows: 3, maxlength: 500, readonly: !lead }, q.text);
  const points = el("textarea", { id: pointsId, class: "q-points", rows: Math.max(3, q.points.split("\n").length + 1), readonly: !lead }, q.points);
  text.addEventListener("input", () => { q.text = text.value; markDirty(); });
  points.addEventListener("input", () => { q.points = points.value; markDirty(); });
  const category = el("select", { id: categoryId, class: "q-category", disabled: !lead },
    ...CATEGORIES.map((c) => new Option(t(`camp.category.${c}`), c)));
  category.value = q.category;
  category.addEventListener("change", () => { q.category = category.value; markDirty(); });
  const tools = lead ? el("span", { class: "q-tools" },
    tool("up", "↑", t("camp.q_up", { n }), i === 0, () => move(i, -1)),
    tool("down", "↓", t("camp.q_down", { n }), i === draft.length - 1, () => move(i, 1)),
    tool("remove", t("camp.q_remove"), t("camp.q_remove_n", { n }), draft.length === 1, () => remove(i))) : null;
  return el("li", { class: "q-item", "data-index": i },
    el("div", { class: "q-head" }, el("b", {}, t("camp.q_n", { n })), tools),
    el("label", { for: textId }, t("camp.q_text")), text,
    el("label", { for: pointsId }, t("camp.q_points", { n: MAX_POINTS })), points,
    el("label", { for: categoryId }, t("camp.q_category")), category,
    el("p", { class: "field-error", role: "alert", hidden: true }));
}

function drawQuestions(focus = null) {
  $("camp-questions").replaceChildren(...draft.map(questionItem));
  $("camp-q-add").hidden = !camp.lead;
  $("camp-q-save").hidden = !camp.lead;
  $("camp-q-add").disabled = draft.length >= MAX_QUESTIONS;
  if (focus) {
    const item = $("camp-questions").children[focus.index];
    const target = item?.querySelector(`button.${focus.button}:not([disabled])`) ?? item?.querySelector("textarea");
    target?.focus();
  }
}

function move(i, by) {
  const j = i + by;
  [draft[i], draft[j]] = [draft[j], draft[i]];
  markDirty();
  drawQuestions({ index: j, button: by < 0 ? "up" : "down" });
  say(t("camp.q_moved", { from: i + 1, to: j + 1 }));
}

function remove(i) {
  draft.splice(i, 1);
  markDirty();
  drawQuestions({ index: Math.min(i, draft.length - 1), button: "remove" });
  say(t("camp.q_removed", { n: i + 1 }));
}

function addQuestion() {
  if (draft.length >= MAX_QUESTIONS) return;
  draft.push({ text: "", points: "", category: "job_competency", bank_id: null, original: null });
  markDirty();
  drawQuestions();
  $("camp-questions").lastElementChild.querySelector("textarea.q-text").focus();
}

/** The draft as the PUT body; throws Invalid on a question too short or a point too long. */
function questionsBody() {
  const items = [...$("camp-questions").children];
  return draft.map((q, i) => {
    const text = q.text.trim();
    const [textInput, pointsInput] = items[i].querySelectorAll("textarea");
    if (text.length < 5 || text.length > 500) throw new Invalid(t("camp.error.q_text", { n: i + 1 }), textInput);
    const points = q.points.split("\n").map((p) => p.trim()).filter(Boolean);
    if (points.length > MAX_POINTS) throw new Invalid(t("camp.error.q_points", { n: i + 1, max: MAX_POINTS }), pointsInput);
    if (points.some((p) => p.length > 120)) throw new Invalid(t("camp.error.q_point_long", { n: i + 1 }), pointsInput);
    const body = { text, key_points: points, category: q.category };
    if (q.bank_id && text === q.original) body.bank_id = q.bank_id;
    return body;
  });
}

async function saveQuestions() {
  const box = $("camp-q-error");
  clearErrors($("camp-questions"), box);
  $("camp-questions").querySelectorAll(".q-item .field-error").forEach((node) => { node.hidden = true; });
  let questions;
  try { questions = questionsBody(); } catch (invalid) {
    if (!(invalid instanceof Invalid)) throw invalid;
    const itemBox = invalid.input.closest(".q-item").querySelector(".field-error");
    fail(itemBox, invalid.message, invalid.input);
    fail(box, invalid.message);
    return;
  }
  const button = $("camp-q-save");
  button.disabled = true;
  try {
    camp = await request(`/api/camps/${camp.id}/questions`, { method: "PUT", body: { questions } });
    draft = toDraft(camp.questions);
    markDirty(false);
    drawQuestions();
    say(t("camp.q_saved", { n: camp.questions.length }));
  } catch (error) {
    fail(box, campErrorText(error));
  } finally {
    button.disabled = false;
  }
}

// ------------------------------------------------------------------ the editor: codes, groups, staff

function codeEntries() {
  return [{ group_id: null, name: t("camp.whole_camp"), join_code: camp.join_code, join_open: camp.join_open, join_url: camp.join_url },
    ...camp.groups.map((g) => ({ group_id: g.id, name: g.name, join_code: g.join_code, join_open: g.join_open, join_url: g.join_url }))];
}

export function qrUrl(campId, entry) {
  const query = new URLSearchParams({ v: entry.join_code });
  if (entry.group_id) query.set("group_id", entry.group_id);
  return `/api/camps/${campId}/qr.svg?${query}`;
}

async function changeJoin(entry, open, rotate) {
  if (rotate && !confirm(t("camp.rotate_confirm", { code: entry.join_code }))) return;
  const box = $("camp-codes-error");
  box.hidden = true;
  try {
    camp = await request(`/api/camps/${camp.id}/join`, { method: "PUT", body: { group_id: entry.group_id, open, rotate } });
    drawCodes();
    say(t(rotate ? "camp.code_rotated" : open ? "camp.code_opened" : "camp.code_closed_now", { name: entry.name }));
  } catch (error) { fail(box, campErrorText(error)); }
}

function codeItem(entry) {
  const qr = el("details", { class: "qr" }, el("summary", {}, t("camp.qr")));
  qr.addEventListener("toggle", () => {
    if (qr.open && !qr.querySelector("img")) qr.append(el("img", { src: qrUrl(camp.id, entry), alt: t("camp.qr_alt", { code: entry.join_code }), width: 220, height: 220 }));
  });
  const button = (key, onClick, kind) => {
    const node = el("button", { type: "button", class: kind }, t(key));
    node.addEventListener("click", onClick);
    return node;
  };
  return el("li", { class: "code-item", "data-group": entry.group_id ?? "", "data-open": String(entry.join_open) },
    el("div", { class: "code-head" }, el("b", {}, entry.name), " ", codeBadge(entry.join_code, entry.join_open)),
    el("div", { class: "quiet join-url" }, entry.join_url),
    camp.lead ? el("p", { class: "actions" },
      button(entry.join_open ? "camp.code_close" : "camp.code_open", () => changeJoin(entry, !entry.join_open, false), entry.join_open ? "close" : "open"),
      button("camp.code_rotate", () => changeJoin(entry, entry.join_open, true), "rotate")) : null,
    qr);
}

function drawCodes() {
  $("camp-codes").replaceChildren(...codeEntries().map(codeItem));
  $("camp-group-form").hidden = !camp.lead || camp.groups.length >= MAX_GROUPS;
  drawStaff();
}

async function addGroup(event) {
  event.preventDefault();
  const form = $("camp-group-form");
  const box = $("camp-codes-error");
  clearErrors(form, box);
  const input = form.elements.name;
  const name = input.value.trim();
  if (!name || name.length > 80) { fail(box, t("camp.error.group_name"), input); return; }
  if (camp.groups.some((g) => g.name === name)) { fail(box, t("camp.error.group_twice", { name }), input); return; }
  try {
    camp = await request(`/api/camps/${camp.id}/groups`, { method: "POST", body: { name } });
    input.value = "";
    drawCodes();
    say(t("camp.group_added", { name }));
  } catch (error) { serverFail(form, box, error); }
}

function drawStaff() {
  const groups = new Map(camp.groups.map((g) => [g.id, g.name]));
  $("camp-staff").replaceChildren(...camp.staff.map((s) => el("li", { "data-user": s.user_id },
    el("b", {}, s.display_name), " ", el("span", { class: "quiet" }, s.email), " · ",
    s.group_id ? groups.get(s.group_id) ?? "" : t("camp.whole_camp"))));
  const select = $("camp-staff-group");
  const chosen = select.value;
  select.replaceChildren(new Option(t("camp.whole_camp"), ""), ...camp.groups.map((g) => new Option(g.name, g.id)));
  select.value = camp.groups.some((g) => g.id === chosen) ? chosen : "";
  $("camp-staff-form").hidden = !camp.lead;
}

async function addStaff(event) {
  event.preventDefault();
  const form = $("camp-staff-form");
  const box = $("camp-staff-error");
  clearErrors(form, box);
  const email = form.elements.email.value.trim();
  if (!email.includes("@")) { fail(box, t("camp.error.email"), form.elements.email); return; }
  const group = form.elements.group_id.value || null;
  try {
    camp = await request(`/api/camps/${camp.id}/staff`, { method: "POST", body: { email, group_id: group } });
    form.elements.email.value = "";
    drawStaff();
    say(t("camp.staff_added", { email }));
  } catch (error) { serverFail(form, box, error); }
}

// ------------------------------------------------------------------ the editor: settings

function buildSettingsForm() {
  const form = $("camp-settings");
  form.append(el("div", { class: "fields" }, textField("name", "camp-set"), textField("organisation", "camp-set"),
    ...SETTINGS.map((spec) => settingField(spec, "camp-set"))),
  el("p", { class: "quiet", id: "camp-purge" }),
  el("p", { class: "field-error", id: "camp-settings-error", role: "alert", hidden: true }),
  el("p", { class: "actions" }, el("button", { type: "submit", class: "primary", "data-i18n": "camp.settings_save" }, t("camp.settings_save"))));
  form.addEventListener("submit", saveSettings);
}

async function saveSettings(event) {
  event.preventDefault();
  const form = $("camp-settings");
  const box = $("camp-settings-error");
  clearErrors(form, box);
  let body;
  try { body = readSettings(form); } catch (invalid) {
    if (!(invalid instanceof Invalid)) throw invalid;
    fail(box, invalid.message, invalid.input);
    return;
  }
  try {
    camp = await request(`/api/camps/${camp.id}`, { method: "PATCH", body });
    drawHead();
    drawSettings();
    say(t("camp.settings_saved"));
  } catch (error) { serverFail(form, box, error); }
}

function drawSettings({ values = true } = {}) {
  const form = $("camp-settings");
  if (values) setValues(form, camp);
  form.querySelectorAll("input, select, button").forEach((node) => { node.disabled = !camp.lead; });
  $("camp-purge").textContent = t("camp.purge_on", { date: localDate(`${camp.purge_on}T00:00:00`), days: camp.retention_days });
}

// ------------------------------------------------------------------ the editor view

function drawHead() {
  $("camp-edit-heading").textContent = camp.name;
  const about = [camp.organisation, campDates(camp), camp.source === "job" ? t(`job.${camp.job_family}`) : t("setup.source.posting"),
    t(`audience.${camp.audience}`), camp.lang === "en" ? "English" : "한국어"];
  $("camp-edit-about").textContent = about.join(" · ");
  $("camp-edit-readonly").hidden = camp.lead;
  $("camp-edit-dashboard").href = `#/camps/${camp.id}`;
  $("camp-edit-projector").href = `#/camps/${camp.id}/projector`;
}

function drawAll({ values = true } = {}) {
  drawHead();
  drawQuestions();
  drawCodes();
  drawSettings({ values });  // a language switch keeps the settings as typed
}

export const campEditView = {
  async enter(id) {
    const mine = ++visit;
    show("camp-edit");
    const box = $("camp-edit-error");
    box.hidden = true;
    $("camp-edit-body").hidden = true;
    let found = created?.id === id ? created : null;
    created = null;
    if (!found) {
      try { found = await request(`/api/camps/${id}`); } catch (error) {
        if (mine === visit) fail(box, campErrorText(error));
        return;
      }
    }
    if (mine !== visit) return;
    camp = found;
    draft = toDraft(camp.questions);
    markDirty(false);
    $("camp-edit-body").hidden = false;
    drawAll();
  },
  leave() { visit += 1; },
  relabel() { if (camp && !$("camp-edit-body").hidden) drawAll({ values: false }); },
};

export function bindCampEdit() {
  buildCreateForm();
  buildSettingsForm();
  $("camp-q-add").addEventListener("click", addQuestion);
  $("camp-q-save").addEventListener("click", saveQuestions);
  $("camp-group-form").addEventListener("submit", addGroup);
  $("camp-staff-form").addEventListener("submit", addStaff);
}
