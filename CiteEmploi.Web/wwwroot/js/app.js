// Starts Blazor with a reconnection policy suited to workshops on flaky Wi-Fi: quick first retries, then every
// few seconds, for a long time (what the banner does meanwhile: Components/Layout/ReconnectModal.razor.js).
(function () {
  "use strict";

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

  window.citeEmploi = { focusCard: focusCard, focusElement: focusElement, focusId: focusId, boardDragAndDrop: boardDragAndDrop, download: download, copyText: copyText };

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
