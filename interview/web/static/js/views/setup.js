// The set-up form: a job family, a pasted posting or a self-introduction letter.
import { sessions } from "../api.js";
import { $, show } from "../dom.js";
import { t } from "../i18n.js";
import { canRecord } from "../recorder.js";
import { go } from "../router.js";
import { setTyped } from "../session.js";

export const JOBS = ["office", "sales_service", "it_software", "manufacturing", "technician", "hospitality",
  "aviation", "care", "logistics", "construction", "public", "military_transition"];
const AUDIENCES = ["general", "vocational_high_school", "veteran", "career_changer"];
const FIELD_OF = { posting_text: "text", resume_text: "text", job_family: "job_family",
  n_questions: "n_questions", audience: "audience", lang: "lang" };

function fillSelect(select, values, prefix) {
  const chosen = select.value;
  select.replaceChildren(...values.map((v) => new Option(t(prefix + v), v)));
  if (chosen) select.value = chosen;
}

export function relabel() {
  fillSelect($("job-family"), JOBS, "job.");
  fillSelect($("audience"), AUDIENCES, "audience.");
}

function clearErrors() {
  document.querySelectorAll("#setup-form .field-error").forEach((node) => { node.hidden = true; node.textContent = ""; });
  document.querySelectorAll("#setup-form [aria-invalid]").forEach((node) => node.removeAttribute("aria-invalid"));
}

function fieldError(field, message) {
  const box = $(`error-${field}`) ?? $("error-form");
  box.textContent = message; box.hidden = false;
  const input = document.querySelector(`#setup-form [name=${field}]`);
  if (input) { input.setAttribute("aria-invalid", "true"); input.focus(); } else box.focus();
}

function sourceChanged() {
  const source = document.querySelector("input[name=source]:checked").value;
  $("job-field").hidden = source !== "job";
  $("text-field").hidden = source === "job";
  $("text-label").textContent = t(source === "posting" ? "setup.text.posting" : "setup.text.resume");
  clearErrors();
}

async function submit(event) {
  event.preventDefault();
  clearErrors();
  const form = new FormData(event.target);
  const lang = form.get("lang");
  const source = form.get("source");
  const body = { lang, audience: form.get("audience"), n_questions: Number(form.get("n_questions")) };
  if (source === "job") body.job_family = form.get("job_family");
  else {
    const text = String(form.get("text") ?? "").trim();
    if (!text) { fieldError("text", t(`setup.text_empty.${source}`, {}, lang)); return; }
    body[source === "posting" ? "posting_text" : "resume_text"] = text;
  }
  const button = event.target.querySelector("button[type=submit]");
  button.disabled = true;
  try {
    const created = await sessions.create(body, lang);  // errors come back in the interview's language
    setTyped(created.id, form.get("typed") === "on" || !canRecord());
    go(`#/sessions/${created.id}`);
  } catch (error) {
    const located = (error.errors ?? []).map((e) => FIELD_OF[e.loc?.at(-1)] ?? FIELD_OF[e.loc?.[1]]).find(Boolean);
    const field = located ?? (error.status === 422 && source !== "job" ? "text" : "form");
    fieldError(field, error.status ? error.message : t("error.network", {}, lang));
  } finally {
    button.disabled = false;
  }
}

export function bindSetup() {
  document.querySelectorAll("input[name=source]").forEach((radio) => radio.addEventListener("change", sourceChanged));
  $("setup-form").addEventListener("submit", submit);
  $("setup-form").addEventListener("input", (event) => {
    if (event.target.name === "text") { $("error-text").hidden = true; event.target.removeAttribute("aria-invalid"); }
  });
}

export const setupView = {
  enter() { show("setup"); sourceChanged(); },
};
