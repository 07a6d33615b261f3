// The message catalogues (ko, en): the interface's language and, for a session, the interview's.
import { $ } from "./dom.js";

const catalogues = {};
let ui = "ko";

export const uiLanguage = () => ui;

export async function loadCatalogues() {
  await Promise.all(["ko", "en"].map(async (lang) => {
    catalogues[lang] = await (await fetch(`/static/i18n/${lang}.json`)).json();
  }));
}

/** A message in the interface's language (or in ``lang``), with {name} values filled in. */
export function t(key, values = {}, lang = ui) {
  let text = catalogues[lang]?.[key] ?? catalogues.ko?.[key] ?? key;
  for (const [name, value] of Object.entries(values)) text = text.replaceAll(`{${name}}`, value);
  return text;
}

/** Switch the interface's language and relabel the page. */
export function setLanguage(lang) {
  ui = lang === "en" ? "en" : "ko";
  document.documentElement.lang = ui;
  document.querySelectorAll("[data-i18n]").forEach((node) => { node.textContent = t(node.dataset.i18n); });
  localStorage.setItem("ui-language", ui);
  $("ui-language").value = ui;
  document.dispatchEvent(new CustomEvent("languagechange"));
}

/** A date (ISO text) in the interface's language: "2026. 12. 2." or "2 Dec 2026". */
export function localDate(iso, withTime = false) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return String(iso).slice(0, 10);
  const locale = ui === "ko" ? "ko-KR" : "en-GB";
  const options = { year: "numeric", month: "short", day: "numeric", ...(withTime ? { hour: "2-digit", minute: "2-digit" } : {}) };
  return date.toLocaleString(locale, options);
}

export function preferredLanguage() {
  return localStorage.getItem("ui-language") || (navigator.language.startsWith("ko") ? "ko" : "en");
}
