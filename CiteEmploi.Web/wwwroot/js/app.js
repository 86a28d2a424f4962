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

  window.citeEmploi = { retryNow: retryNow };

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
