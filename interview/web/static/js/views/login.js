// The staff login page (/login), and logout() for every staff screen to share.
//   import { logout, staffLogin } from "./views/login.js";
// A staff screen reads its login (and the CSRF token every POST/PUT/PATCH/DELETE must send
// as X-CSRF-Token) with staffLogin(); null means not logged in: send the user to /login.
import { ApiError, request } from "../api.js";
import { $, say, show } from "../dom.js";
import { loadCatalogues, preferredLanguage, setLanguage, t, uiLanguage } from "../i18n.js";

export const CSRF_HEADER = "X-CSRF-Token";
const AFTER_LOGIN = "/review";

/** The logged-in staff member, ``{user, csrf_token}``, or null when not logged in. */
export async function staffLogin() {
  try {
    return await request("/api/auth/me");
  } catch (error) {
    if (error.status === 401) return null;
    throw error;
  }
}

/** End this browser's login (if any) and go to the login page. */
export async function logout({ to = "/login?logged_out=1" } = {}) {
  const login = await staffLogin();
  if (login) {
    let response;
    try {
      response = await fetch("/api/auth/logout", {
        method: "POST",
        headers: { [CSRF_HEADER]: login.csrf_token, "Accept-Language": uiLanguage() },
      });
    } catch {
      throw new ApiError(0, "network");
    }
    if (!response.ok && response.status !== 401) {
      let detail = response.statusText;
      try { detail = (await response.json()).detail ?? detail; } catch { /* not JSON */ }
      throw new ApiError(response.status, detail);
    }
  }
  location.assign(to);
}

/** Where to go after logging in: ?next=/a/path on this site, else the review screen. */
function nextPath() {
  const next = new URLSearchParams(location.search).get("next") ?? "";
  return /^\/(?![/\\])/.test(next) ? next : AFTER_LOGIN;
}

function clearErrors() {
  document.querySelectorAll("#login-form .field-error").forEach((node) => { node.hidden = true; node.textContent = ""; });
  document.querySelectorAll("#login-form [aria-invalid]").forEach((node) => node.removeAttribute("aria-invalid"));
}

function showError(id, text, input = null) {
  const box = $(id);
  box.textContent = text; box.hidden = false;
  if (input) { input.setAttribute("aria-invalid", "true"); input.focus(); } else box.focus();
}

const errorText = (error) => (error.status === 0 ? t("error.network") : error.message);

async function submit(event) {
  event.preventDefault();
  clearErrors();
  say("");
  const email = $("login-email").value.trim();
  const password = $("login-password").value;
  if (!email) { showError("error-email", t("login.email_empty"), $("login-email")); return; }
  if (!password) { showError("error-password", t("login.password_empty"), $("login-password")); return; }
  const button = $("login-submit");
  button.disabled = true; button.textContent = t("login.busy");
  try {
    await request("/api/auth/login", { method: "POST", body: { email, password } });
    location.assign(nextPath());
  } catch (error) {
    $("login-password").value = "";
    const field = error.status === 422 ? error.errors?.[0]?.loc?.at(-1) : null;
    if (field === "email") showError("error-email", errorText(error), $("login-email"));
    else if (field === "password") showError("error-password", errorText(error), $("login-password"));
    else showError("error-login", errorText(error));
  } finally {
    button.disabled = false; button.textContent = t("login.submit");
  }
}

let current = null;  // the login shown, relabelled when the language changes

function showLoggedIn(login) {
  current = login;
  $("logged-in-as").textContent = t("login.logged_in_as", { name: login.user.display_name, email: login.user.email });
  $("login-continue").href = nextPath();
  show("logged-in");
}

async function start() {
  await loadCatalogues();
  setLanguage(preferredLanguage());
  $("ui-language").addEventListener("change", (event) => {
    setLanguage(event.target.value);
    clearErrors();
    if (current) showLoggedIn(current);
  });
  $("login-form").addEventListener("submit", submit);
  $("login-logout").addEventListener("click", () => logout().catch((error) => say(errorText(error))));
  const login = await staffLogin();
  if (login) showLoggedIn(login);
  else {
    show("login");
    if (new URLSearchParams(location.search).has("logged_out")) say(t("login.logged_out"));
    $("login-email").focus();
  }
  document.body.dataset.ready = "true";
}

if ($("login-form")) start().catch(() => say(t("error.start")));  // the login page itself
