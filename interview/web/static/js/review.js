// The counsellor's review screen (/review): the list of shared sessions to review and one
// session's answers with comments, adjusted scores and the summary note. Staff only: without
// a login the page sends the visitor to /login and back here.
//   #/                the list
//   #/sessions/{id}   one session
//   #/camps           the camps one runs; #/camps/new creates one
//   #/camps/{id}      a camp's live dashboard; /edit its questions and settings; /projector its join code
import { setCsrfToken } from "./api.js";
import { $, say } from "./dom.js";
import { loadCatalogues, preferredLanguage, setLanguage, t } from "./i18n.js";
import { addRoute, currentRoute, route, startRouter } from "./router.js";
import { logout, staffLogin } from "./views/login.js";
import { bindList, listView, relabelList } from "./views/review-list.js";
import { bindSession, sessionView } from "./views/review-session.js";
import { auditView, bindAudit, relabelAudit } from "./views/audit.js";
import { campListView } from "./views/camp-list.js";
import { bindCampEdit, campEditView, campNewView } from "./views/camp-edit.js";
import { campDashboardView } from "./views/camp-dashboard.js";
import { bindProjector, campProjectorView } from "./views/camp-projector.js";

addRoute("list", /^#\/?$/, listView);
addRoute("session", /^#\/sessions\/(\w+)$/, sessionView);
addRoute("audit", /^#\/audit$/, auditView);
addRoute("camps", /^#\/camps\/?$/, campListView);
addRoute("camp-new", /^#\/camps\/new$/, campNewView);
addRoute("camp-dashboard", /^#\/camps\/(\w+)$/, campDashboardView);
addRoute("camp-edit", /^#\/camps\/(\w+)\/edit$/, campEditView);
addRoute("camp-projector", /^#\/camps\/(\w+)\/projector$/, campProjectorView);
const RELABELLED = { session: sessionView, camps: campListView, "camp-new": campNewView, "camp-dashboard": campDashboardView,
  "camp-edit": campEditView, "camp-projector": campProjectorView };  // redrawn in place: no second GET, nothing typed lost

let login = null;

function showUser() {
  $("review-user").textContent = t("review.user", { name: login.user.display_name });
}

async function start() {
  await loadCatalogues();
  setLanguage(preferredLanguage());
  login = await staffLogin();
  if (!login) {
    location.assign(`/login?next=${encodeURIComponent("/review" + location.hash)}`);
    return;
  }
  setCsrfToken(login.csrf_token);
  showUser();
  relabelList();
  relabelAudit();
  $("nav-audit").hidden = login.user.role !== "admin";
  bindList(); bindSession(); bindAudit(); bindCampEdit(); bindProjector();
  $("ui-language").addEventListener("change", (event) => {
    setLanguage(event.target.value);
    showUser();
    relabelList();
    relabelAudit();
    const view = RELABELLED[currentRoute()];
    if (view) view.relabel(); else route();  // no second audited GET
  });
  $("review-logout").addEventListener("click", () => logout().catch((error) => say(error.message)));
  await startRouter();
  document.body.dataset.ready = "true";
}

start().catch(() => say(t("error.start")));
