// Starts Blazor with a reconnection policy suited to workshops on flaky Wi-Fi: quick first retries, then every
// few seconds, for a long time. When the server no longer knows the circuit ("rejected"), reload the page so the
// person gets a fresh, current view instead of a dead one.
(function () {
  "use strict";

  const modalId = "components-reconnect-modal";
  let retryTimer = null;

  function retryNow() {
    if (window.Blazor && typeof window.Blazor.reconnect === "function") {
      window.Blazor.reconnect().then(function (ok) {
        if (ok === false) { location.reload(); }
      }).catch(function () { /* next timer tick tries again */ });
    }
  }

  // Text fields whose typed value the server must hold (checkboxes, radios and selects are one click, seen at once).
  const textTypes = new Set(["text", "search", "email", "tel", "url", "number", "password", "date", "time", "datetime-local", "month", "week"]);

  // A change sent as the connection dropped is lost with it: Blazor does not send events again. When the same circuit
  // comes back, every filled text field of a form sends its value once more (the handlers are setters, so a value the
  // server already had changes nothing). Without this, « Créer » after a cut could answer « champ obligatoire » under a
  // field the person can see filled.
  function resendFieldValues() {
    for (const field of document.querySelectorAll("form input, form textarea")) {
      if (field instanceof HTMLInputElement && !textTypes.has(field.type)) { continue; }
      if (field.value === "" || field.disabled || field.readOnly) { continue; }
      field.dispatchEvent(new Event("change", { bubbles: true }));
    }
  }

  function watchReconnectState() {
    const modal = document.getElementById(modalId);
    if (!modal) { return; }
    let wasDown = false;
    new MutationObserver(function () {
      if (modal.classList.contains("components-reconnect-rejected")) {
        location.reload();
        return;
      }
      if (modal.classList.contains("components-reconnect-hide")) {
        if (wasDown) { wasDown = false; resendFieldValues(); }
      } else if (modal.classList.contains("components-reconnect-show") || modal.classList.contains("components-reconnect-failed")) {
        wasDown = true;
      }
      if (modal.classList.contains("components-reconnect-failed")) {
        if (!retryTimer) { retryTimer = setInterval(retryNow, 5000); }
      } else if (retryTimer) {
        clearInterval(retryTimer);
        retryTimer = null;
      }
    }).observe(modal, { attributes: true, attributeFilter: ["class"] });
  }

  // The skip link moves focus to the main content. With <base href="/">, a plain "#contenu" link would resolve to
  // "/#contenu" and the router would leave the current page, so the jump is done here.
  document.addEventListener("click", function (event) {
    const link = event.target instanceof Element ? event.target.closest("a.skip-link") : null;
    if (!link) { return; }
    const target = document.getElementById(link.getAttribute("href").slice(1));
    if (!target) { return; }
    event.preventDefault();
    event.stopPropagation();
    target.focus();
    target.scrollIntoView();
  }, true);

  document.addEventListener("click", function (event) {
    if (event.target instanceof Element && event.target.closest(".reconnect-retry")) { retryNow(); }
  });

  // Copies text for the "Copier" buttons; false when the browser refuses (no secure context, permission denied).
  function copyText(text) {
    if (!navigator.clipboard || !window.isSecureContext) {
      return Promise.resolve(false);
    }
    return navigator.clipboard.writeText(text).then(function () { return true; }, function () { return false; });
  }


  // Boards: drag and drop stays in the browser (no server round trip per dragover); the drop is sent to the page's
  // DropCardAsync with the card, the column and the card it lands before (none: at the end).
  function boardDragAndDrop(root, page) {
    if (!root || root.__boardDnd) { return; }
    root.__boardDnd = true;
    let dragged = null;
    root.addEventListener("dragstart", function (event) {
      const card = event.target instanceof Element ? event.target.closest("[data-card]") : null;
      if (!card || card.getAttribute("draggable") !== "true") { return; }
      dragged = card.getAttribute("data-card");
      if (event.dataTransfer) {
        event.dataTransfer.effectAllowed = "move";
        event.dataTransfer.setData("text/plain", dragged); // Firefox starts a drag only with data
      }
    });
    root.addEventListener("dragover", function (event) {
      if (dragged && event.target instanceof Element && event.target.closest("[data-column]")) { event.preventDefault(); }
    });
    root.addEventListener("drop", function (event) {
      const column = event.target instanceof Element ? event.target.closest("[data-column]") : null;
      if (!dragged || !column) { return; }
      event.preventDefault();
      const before = event.target.closest("[data-card]");
      const cardId = dragged;
      dragged = null;
      page.invokeMethodAsync("DropCardAsync", cardId, column.getAttribute("data-column"), before ? before.getAttribute("data-card") : null);
    });
    root.addEventListener("dragend", function () { dragged = null; });
    root.setAttribute("data-dnd-ready", ""); // tests (and anyone curious) can tell the board accepts drops
  }

  // Keeps keyboard users where they were after a re-render: on the moved card's « Déplacer vers… » menu.
  function focusCard(cardId) {
    const card = document.querySelector('[data-card="' + cardId + '"]');
    if (!card) { return; }
    const target = card.querySelector(".move-menu summary") || card;
    target.focus();
    card.scrollIntoView({ block: "nearest" });
  }

  // « Suivez-moi » : brings the view to a column (focusable with tabindex=-1) and puts focus there.
  function focusElement(id) {
    const element = document.getElementById(id);
    if (!element) { return; }
    element.scrollIntoView({ behavior: "smooth", block: "start", inline: "start" });
    element.focus({ preventScroll: true });
  }

  // Puts keyboard focus back on a control after a re-render removed the one that had it.
  function focusId(id) {
    const element = document.getElementById(id);
    if (element) { element.focus(); }
  }

  // Saves text made on the server as a file (board exports), with a BOM so spreadsheets read the accents right.
  function download(fileName, mime, content) {
    const url = URL.createObjectURL(new Blob(["\ufeff" + content], { type: mime + ";charset=utf-8" }));
    const link = document.createElement("a");
    link.href = url;
    link.download = fileName;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  }

  window.citeEmploi = { retryNow: retryNow, focusCard: focusCard, focusElement: focusElement, focusId: focusId, boardDragAndDrop: boardDragAndDrop, download: download, copyText: copyText };

  watchReconnectState();
  Blazor.start({
    circuit: {
      reconnectionOptions: {
        maxRetries: 120,
        retryIntervalMilliseconds: function (previousAttempts) {
          return previousAttempts < 5 ? 1000 : 3000;
        }
      }
    }
  });
})();
