// Until a page's live connection is up, what is typed into it would be lost: the first interactive render replaces
// the prerendered page, and nothing typed there reaches the server (issue 11: 4 cards in 4 lost on a slow phone).
// So on a page that will become interactive (App.razor sets data-connection-gate on <body>), the prerendered controls
// are disabled and the person is told, until the interactive layout says it is live (data-interactive="true").
(function () {
  "use strict";
  if (!document.body.hasAttribute("data-connection-gate")) { return; }

  const controls = "main input, main textarea, main select, main button, .app-header button";
  // A plain GET form (the directory's search) works without the connection: it stays usable, and what is typed into it
  // before the page goes live is given back to the live page's field of the same id (its first render replaces it).
  const ungated = "[data-without-connection]";
  const typed = new Map();
  document.addEventListener("input", function (event) {
    const field = event.target;
    if (field instanceof HTMLInputElement && field.id && field.closest(ungated)) { typed.set(field.id, field.value); }
  }, true);
  const notice = document.getElementById("connection-pending");
  const disabled = [];
  for (const control of document.querySelectorAll(controls)) {
    if (control.disabled || control.closest(ungated)) { continue; }
    control.disabled = true;
    control.setAttribute("data-gated", "");
    disabled.push(control);
  }
  // A fast connection lifts the gate before the notice would only flash.
  const noticeTimer = setTimeout(function () { if (notice) { notice.hidden = false; } }, 300);

  function isLive() { return document.querySelector(".app-shell[data-interactive='true']") !== null; }

  function lift() {
    clearTimeout(noticeTimer);
    if (notice) { notice.hidden = true; }
    // The interactive render usually replaces these elements; any left in place are given back.
    for (const control of disabled) {
      if (control.isConnected && control.hasAttribute("data-gated")) {
        control.disabled = false;
        control.removeAttribute("data-gated");
      }
    }
    document.body.removeAttribute("data-connection-gate");
    for (const [id, value] of typed) {
      const field = document.getElementById(id);
      if (field instanceof HTMLInputElement && field.value !== value) {
        field.value = value;
        field.dispatchEvent(new Event("input", { bubbles: true }));
      }
    }
  }

  if (isLive()) { lift(); return; }
  const observer = new MutationObserver(function () {
    if (isLive()) { observer.disconnect(); lift(); }
  });
  observer.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ["data-interactive"] });
})();
