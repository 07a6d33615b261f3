// The audit trail for admins (#/audit on the review screen): who viewed, played, commented,
// adjusted, exported, shared, revoked, deleted, logged in or out, and when. Ids and actions
// only: the table holds no content.
import { request } from "../api.js";
import { $, el, show } from "../dom.js";
import { localDate, t } from "../i18n.js";

export const ACTIONS = ["viewed", "played", "commented", "comment_edited", "comment_deleted", "overrode",
  "reviewed", "exported", "shared", "revoked", "deleted", "logged_in", "logged_out",
  "created", "changed", "joined", "consented", "withdrew", "purged"];
let visit = 0;

export function relabelAudit() {
  const select = $("audit-action");
  const chosen = select.value;
  select.replaceChildren(new Option(t("audit.any"), ""), ...ACTIONS.map((a) => new Option(t(`audit.action.${a}`), a)));
  select.value = chosen;
}

function actor(event) {
  if (event.actor_kind === "seeker") return t("audit.seeker", { id: event.actor_id.slice(0, 8) });
  if (event.actor_kind === "system") return t("audit.system");
  return event.actor_name ?? event.actor_id;
}

async function load() {
  const mine = ++visit;
  const form = new FormData($("audit-filter"));
  const query = new URLSearchParams({ limit: "200" });
  if (form.get("since")) query.set("since", `${form.get("since")}T00:00:00`);
  if (form.get("action")) query.set("action", form.get("action"));
  $("audit-error").hidden = true;
  let events;
  try { events = await request(`/api/admin/audit?${query}`); } catch (error) {
    $("audit-error").textContent = error.message; $("audit-error").hidden = false; return;
  }
  if (mine !== visit) return;
  $("audit-rows").replaceChildren(...(events.length ? events.map((event) => el("tr", { "data-action": event.action },
    el("td", {}, localDate(event.at, true)), el("td", {}, actor(event)),
    el("td", {}, t(`audit.action.${event.action}`)), el("td", {}, `${t(`audit.kind.${event.object_kind}`)} ${event.object_id.slice(0, 8)}`)))
    : [el("tr", {}, el("td", { colspan: "4" }, t("audit.empty")))]));
}

export function bindAudit() {
  $("audit-filter").addEventListener("submit", (event) => { event.preventDefault(); load(); });
}

export const auditView = {
  enter() { show("audit"); return load(); },
  leave() { visit += 1; },
};
