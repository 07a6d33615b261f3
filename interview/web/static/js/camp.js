// Camp mode, the student's side: the API of joining, and in the seeker app the camp bar
// ("finish and leave", "withdraw"), the camp's camera rule and no way into a non-camp session.
// A shared PC forgets a student completely: the server clears the cookies, this browser its
// IndexedDB, localStorage and sessionStorage.
import { ApiError, request } from "./api.js";
import { $, say, show } from "./dom.js";
import { t } from "./i18n.js";
import { go } from "./router.js";

const DATABASES = ["interview"];  // js/store.js: the takes kept until uploaded

export const camp = {
  info: (code) => request(`/api/join/${encodeURIComponent(code)}`),
  join: (code, body) => request(`/api/join/${encodeURIComponent(code)}`, { method: "POST", body }),
  consent: (body) => request("/api/camp-student/consent", { method: "POST", body }),
  leave: () => request("/api/camp-student/leave", { method: "POST" }),
  withdraw: () => request("/api/camp-student", { method: "DELETE" }),
  /** The camp student this browser is, or null. */
  student: () => request("/api/camp-student").catch((error) => {
    if (error.status === 404) return null;
    throw error;
  }),
};

function deleteDatabase(name) {
  return new Promise((resolve) => {
    const deletion = indexedDB.deleteDatabase(name);
    const timer = setTimeout(resolve, 3000);  // still blocked by another tab: go on regardless
    deletion.onsuccess = deletion.onerror = () => { clearTimeout(timer); resolve(); };
  });
}

/** Forget everything this browser kept for the student (the interface language stays). */
export async function forgetThisBrowser() {
  const language = localStorage.getItem("ui-language");
  const listed = indexedDB.databases ? await indexedDB.databases().catch(() => []) : [];
  const names = new Set([...DATABASES, ...listed.map((db) => db.name).filter(Boolean)]);
  await Promise.all([...names].map(deleteDatabase));
  localStorage.clear();
  sessionStorage.clear();
  if (language) localStorage.setItem("ui-language", language);
}

/** The join page after a student left (``left``) or withdrew (``withdrawn``). */
export const joinPage = (code, done) =>
  `/join${code ? `/${encodeURIComponent(code)}` : ""}${done ? `?done=${done}` : ""}`;

// ---------------------------------------------------------------- the seeker app

let student = null;
let redirected = false;

export const campStudent = () => student;

function label() {
  if (!student) return;
  $("camp-bar-who").textContent = t("camp.student.bar", { camp: student.camp_name, name: student.display_name });
}

/** Camera: "off" hides the choice, "on" makes it compulsory, "optional" leaves it be. */
function cameraRule(rule) {
  const box = $("camera");
  box.closest("label").hidden = rule === "off";
  if (rule === "off") box.checked = false;
  if (rule === "on") box.checked = true;
  box.disabled = rule === "on";
}

async function finish(action, done) {
  const buttons = [$("camp-leave"), $("camp-withdraw")];
  buttons.forEach((button) => { button.disabled = true; });
  try {
    await action().catch((error) => { if (error.status !== 404) throw error; });  // 404: gone already
    await forgetThisBrowser();
    location.assign(joinPage(done === "left" ? student.join_code : null, done));
  } catch (error) {
    say(error instanceof ApiError && error.status === 0 ? t("error.network") : error.message);
    buttons.forEach((button) => { button.disabled = false; });
  }
}

/** Is this browser a camp student? Then show the bar and apply the camp's rules. */
export async function startCamp() {
  student = await camp.student().catch(() => null);
  if (!student) return null;
  document.body.dataset.camp = "student";
  $("camp-bar").hidden = false;
  $("nav-practice").hidden = true;  // a camp student practises the camp's session only
  label();
  cameraRule(student.camera);
  document.addEventListener("languagechange", label);
  $("camp-leave").addEventListener("click", () => finish(camp.leave, "left"));
  $("camp-withdraw").addEventListener("click", () => {
    if (confirm(t("camp.student.withdraw_confirm"))) finish(camp.withdraw, "withdrawn");
  });
  return student;
}

/** ``view`` for everyone, but a camp student is sent to the camp's session instead (once: a
 * session that fails to load sends back here, and must not loop). */
export function campGuard(view) {
  return {
    ...view,
    enter(...args) {
      if (!student) return view.enter(...args);
      if (!student.session_id) { location.assign(joinPage(student.join_code)); return undefined; }
      if (redirected) { show("none"); return undefined; }
      redirected = true;
      return go(`#/sessions/${student.session_id}`, { replace: true });
    },
  };
}
