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

  function watchReconnectState() {
    const modal = document.getElementById(modalId);
    if (!modal) { return; }
    new MutationObserver(function () {
      if (modal.classList.contains("components-reconnect-rejected")) {
        location.reload();
        return;
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

  window.citeEmploi = { retryNow: retryNow, copyText: copyText };

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
