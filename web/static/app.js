// quotesearch: the little the pages do in the browser. Every page works without it.
"use strict";

// "Copy citation": the citation written on the button goes to the clipboard.
function copyCitation(button) {
  const text = button.dataset.citation;
  const status = button.nextElementSibling;
  const done = () => { if (status) { status.textContent = button.dataset.copied; } };
  if (navigator.clipboard && window.isSecureContext) {
    navigator.clipboard.writeText(text).then(done, () => copyBySelection(text, done));
  } else {
    copyBySelection(text, done);
  }
}

function copyBySelection(text, done) {
  const area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.className = "offscreen";
  document.body.appendChild(area);
  area.select();
  if (document.execCommand("copy")) { done(); }
  area.remove();
}

document.addEventListener("click", (event) => {
  const button = event.target.closest("button.copy-citation");
  if (button) { copyCitation(button); }
});

// The quote page opens on the quote, in the middle of its article.
function scrollToPassage() {
  const article = document.querySelector("[data-scroll-to]");
  if (!article || window.location.hash) { return; }
  const passage = document.getElementById(article.dataset.scrollTo);
  if (passage) { passage.scrollIntoView({ block: "center" }); }
}

// Facets stay open on a wide screen; on a phone they fold above the results.
function foldFacets() {
  const facets = document.getElementById("facets");
  if (facets && !window.matchMedia("(min-width: 50rem)").matches && !facets.querySelector("[aria-current]")) {
    facets.open = false;
  }
}

// Analyse opened by the bookmarklet: say so to the page that opened it, which answers with
// its address, title, selected text and HTML. Any site can open this page and answer, so one
// message only is taken, from the opener only; the form shows what came and from which site,
// and nothing is sent or fetched until the reader clicks Analyse.
function receivePage() {
  const params = new URLSearchParams(window.location.search);
  const form = document.getElementById("analyse-form");
  const opener = window.opener;
  if (params.get("from") !== "bookmarklet" || !opener || !form) { return; }
  const status = form.querySelector(".bookmarklet-status");
  window.addEventListener("message", function receive(event) {
    const data = event.data;
    if (event.source !== opener || !data || data.type !== "quotesearch:page") { return; }
    window.removeEventListener("message", receive);
    // The page's address as the browser knows it: the sender's own word for it is kept only
    // when it is on the sender's site.
    let url = String(data.url || "");
    try {
      if (new URL(url).origin !== event.origin) { url = event.origin + "/"; }
    } catch (error) {
      url = event.origin + "/";
    }
    const title = String(data.title || "").slice(0, 300);
    const selection = String(data.selection || "").trim();
    form.elements.url.value = url;
    form.elements.title.value = title;
    let said;
    if (selection) {
      form.elements.text.value = selection;
      said = status.dataset.selection.replace("{page}", () => url);
    } else {
      form.elements.html.value = String(data.html || "");
      said = status.dataset.page.replace("{page}", () => url).replace("{title}", () => title || url);
    }
    status.textContent = said;
    status.hidden = false;
    form.querySelector("button[type=submit]").focus();
  });
  opener.postMessage("quotesearch:ready", "*");
}

// Analyse: while the server reads the article (seconds), say so and count the seconds.
function showAnalysing() {
  const form = document.getElementById("analyse-form");
  if (!form) { return; }
  form.addEventListener("submit", () => {
    const box = form.querySelector(".analyse-progress");
    const words = box && box.querySelector("[data-working]");
    if (!box || !words) { return; }
    const started = Date.now();
    const tick = () => {
      const seconds = Math.round((Date.now() - started) / 1000);
      words.textContent = words.dataset.working.replace("{seconds}", String(seconds));
    };
    tick();
    box.hidden = false;
    form.querySelector("button[type=submit]").disabled = true;
    window.setInterval(tick, 1000);
  });
}

document.addEventListener("DOMContentLoaded", () => {
  scrollToPassage();
  foldFacets();
  receivePage();
  showAnalysing();
});
