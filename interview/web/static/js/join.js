// The camp join page (/join/CODE, or /join to type the code): the camp, a display name and
// an optional student number, then the consent (under 14, the guardian's confirmation too);
// after it the seeker app takes over at /#/sessions/{id}. A browser that already is a student
// is offered "continue" or "I am another student" (a shared PC: the next one joins anew).
import { hasCsrfCookie } from "./api.js";
import { camp, forgetThisBrowser } from "./camp.js";
import { $, el, say, show } from "./dom.js";
import { loadCatalogues, localDate, preferredLanguage, setLanguage, t } from "./i18n.js";

const state = { code: "", info: null, student: null, previous: null, chosenLanguage: null };
const FIELD_OF = { display_name: "name", student_number: "number", age: "age" };

const codeInAddress = () => {
  const match = location.pathname.match(/^\/join\/([^/]+)/);
  return match ? decodeURIComponent(match[1]).trim() : "";
};
const errorText = (error) => (error.status === 0 ? t("error.network") : error.message);
const day = (iso) => localDate(`${iso}T00:00`);  // a calendar day, not UTC midnight
const toSession = (id) => location.assign(`/#/sessions/${encodeURIComponent(id)}`);

function clearErrors(form) {
  form.querySelectorAll(".field-error").forEach((node) => { node.hidden = true; node.textContent = ""; });
  form.querySelectorAll("[aria-invalid]").forEach((node) => node.removeAttribute("aria-invalid"));
}

function showError(id, text, input = null) {
  const box = $(id);
  box.textContent = text; box.hidden = false;
  if (input) { input.setAttribute("aria-invalid", "true"); input.focus(); } else box.focus();
}

/** An API error beside the form: on its field when the server names one. */
function formError(error, fallbackId) {
  const field = (error.errors ?? []).map((e) => FIELD_OF[e.loc?.at(-1)]).find(Boolean);
  if (field) showError(`error-${field}`, errorText(error), $(`join-${field}`) ?? $(`consent-${field}`));
  else showError(fallbackId, errorText(error));
}

// ---------------------------------------------------------------- rendering

function renderDetails() {
  const info = state.info;
  if (!info) return;
  $("join-camp-name").textContent = info.camp_name;
  $("join-camp-organisation").textContent = info.organisation;
  $("join-camp-group").hidden = !info.group_name;
  $("join-camp-group").textContent = info.group_name ? t("join.group", { group: info.group_name }) : "";
  $("join-camp-dates").textContent = t("join.dates", { start: day(info.starts_on), end: day(info.ends_on) });
}

function renderResume() {
  const student = state.previous ?? state.student;
  if (!student) return;
  $("join-resume-name").textContent = student.display_name;
  $("join-resume-camp").textContent = [student.camp_name, student.group_name].filter(Boolean).join(" · ");
}

function underGuardianAge() {
  const value = $("consent-age").value.trim();
  return value !== "" && Number(value) < (state.student?.consent.guardian_age ?? 14);
}

function guardianField() {
  const under = underGuardianAge();
  $("consent-guardian-field").hidden = !under;
  $("consent-guardian").required = under;
  if (!under) $("consent-guardian").checked = false;
}

function renderConsent() {
  const student = state.student;
  if (!student) return;
  const { consent } = student;
  $("consent-who").textContent = t("join.consent.who", { name: student.display_name, camp: student.camp_name });
  $("consent-title").textContent = consent.title;
  $("consent-points").replaceChildren(...consent.points.map((point) => el("li", {}, point)));
  $("consent-guardian-text").textContent = consent.guardian;
  $("consent-min-age").hidden = consent.min_age === null;
  $("consent-min-age").textContent = consent.min_age === null ? "" : t("join.min_age", { age: consent.min_age });
  guardianField();
}

function rerender() { renderDetails(); renderResume(); renderConsent(); }

// ---------------------------------------------------------------- steps

function showResume(student) {
  state.student = student;
  renderResume();
  show("join-resume");
  $("join-resume-continue").focus();
}

/** The camp a code opens, and the join form; a wrong, closed or refused code says why. */
async function openCode(code) {
  state.code = code;
  state.info = null;
  clearErrors($("join-code-form"));
  $("join-code-input").value = code;
  if (!code) { show("join-code"); $("join-code-input").focus(); return; }
  try {
    state.info = await camp.info(code);
  } catch (error) {
    show("join-code");
    showError("error-code", errorText(error), $("join-code-input"));
    return;
  }
  if (!state.chosenLanguage && state.info.lang !== document.documentElement.lang) setLanguage(state.info.lang);
  renderDetails();
  clearErrors($("join-form"));
  show("join-details");
  $("join-name").focus();
}

function showConsent(student) {
  state.student = student;
  state.previous = null;
  $("consent-age").value = "";
  clearErrors($("consent-form"));
  renderConsent();
  show("join-consent");
  $("consent-title").focus();
}

async function submitCode(event) {
  event.preventDefault();
  const code = $("join-code-input").value.trim();
  if (!code) { showError("error-code", t("join.code.empty"), $("join-code-input")); return; }
  history.pushState(null, "", `/join/${encodeURIComponent(code)}`);
  await openCode(code);
}

async function submitJoin(event) {
  event.preventDefault();
  const form = $("join-form");
  clearErrors(form);
  const name = $("join-name").value.trim();
  if (!name) { showError("error-name", t("join.name_empty"), $("join-name")); return; }
  const body = { display_name: name };
  const number = $("join-number").value.trim();
  if (number) body.student_number = number;
  const button = $("join-submit");
  button.disabled = true;
  try {
    // another student on this PC: the previous one is finished here first (their answers stay)
    if (state.previous) await camp.leave().catch(() => {});
    const student = await camp.join(state.code, body);  // a new identity: new cookies
    await forgetThisBrowser();  // nothing of a previous student is left in this browser
    form.reset();
    showConsent(student);
  } catch (error) {
    formError(error, "error-join");
  } finally {
    button.disabled = false;
  }
}

async function submitConsent(event) {
  event.preventDefault();
  const form = $("consent-form");
  clearErrors(form);
  const text = $("consent-age").value.trim();
  const age = Number(text);
  if (!text || !Number.isInteger(age)) { showError("error-age", t("join.age_empty"), $("consent-age")); return; }
  const under = underGuardianAge();
  const body = { version: state.student.consent.version, age, guardian_confirmed: under && $("consent-guardian").checked };
  const button = $("consent-submit");
  button.disabled = true;
  try {
    const { session_id: id } = await camp.consent(body);
    toSession(id);
  } catch (error) {
    if (error.status === 409) {  // agreed already (another tab), or the notice changed: read it anew
      const fresh = await camp.student().catch(() => null);
      if (fresh?.session_id) { toSession(fresh.session_id); return; }
      if (fresh) { state.student = fresh; renderConsent(); }
    }
    formError(error, "error-consent");
  } finally {
    button.disabled = false;
  }
}

function showNotice(done) {
  if (!["left", "withdrawn"].includes(done)) return;
  const head = $("join-notice").querySelector("b");
  head.dataset.i18n = done === "withdrawn" ? "join.withdrawn" : "join.cleared";
  head.textContent = t(head.dataset.i18n);
  $("join-notice").hidden = false;
}

async function start() {
  state.chosenLanguage = localStorage.getItem("ui-language");
  await loadCatalogues();
  setLanguage(preferredLanguage());
  $("ui-language").addEventListener("change", (event) => {
    state.chosenLanguage = event.target.value;
    setLanguage(event.target.value);
    rerender();
  });
  $("join-code-form").addEventListener("submit", submitCode);
  $("join-form").addEventListener("submit", submitJoin);
  $("consent-form").addEventListener("submit", submitConsent);
  $("consent-age").addEventListener("input", () => { guardianField(); $("error-age").hidden = true; });
  $("join-resume-continue").addEventListener("click", () => {
    if (state.student.session_id) toSession(state.student.session_id); else showConsent(state.student);
  });
  $("join-resume-other").addEventListener("click", () => {
    state.previous = state.student;
    state.student = null;
    const code = state.code || state.previous.join_code;  // most likely the same camp's next student
    if (code !== codeInAddress()) history.replaceState(null, "", `/join/${encodeURIComponent(code)}`);
    openCode(code);
  });
  window.addEventListener("popstate", () => openCode(codeInAddress()));

  const params = new URLSearchParams(location.search);
  showNotice(params.get("done"));
  if (params.has("done")) history.replaceState(null, "", location.pathname);
  state.code = codeInAddress();
  // a browser without the seeker cookie is nobody yet: asking would only give it an identity
  const student = hasCsrfCookie() ? await camp.student().catch(() => null) : null;
  if (student) showResume(student); else await openCode(state.code);
  document.body.dataset.ready = "true";
}

start().catch(() => say(t("error.start")));
