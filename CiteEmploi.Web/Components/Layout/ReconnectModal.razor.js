// Acts on the reconnection states the framework's Blazor script reports on #components-reconnect-modal (.NET 10):
// show → retrying → hide when the same circuit comes back; failed after the retries; rejected when the server no
// longer knows the circuit; paused/resume-failed when the server paused it.
const banner = document.getElementById("components-reconnect-modal");
let retryTimer = null;
let wasDown = false;

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

async function retryNow() {
  try {
    // true: the same circuit is back; false: the server answered but no longer knows it; throws: still unreachable.
    const reconnected = await Blazor.reconnect();
    if (!reconnected && !(await Blazor.resumeCircuit())) {
      location.reload();
    }
  } catch {
    // the next tick of the timer tries again
  }
}

async function resume() {
  try {
    if (!(await Blazor.resumeCircuit())) { location.reload(); }
  } catch {
    banner.classList.replace("components-reconnect-paused", "components-reconnect-resume-failed");
  }
}

function stopRetrying() {
  if (retryTimer) { clearInterval(retryTimer); retryTimer = null; }
}

banner.addEventListener("components-reconnect-state-changed", function (event) {
  const state = event.detail.state;
  if (state === "hide") {
    stopRetrying();
    if (wasDown) { wasDown = false; resendFieldValues(); }
  } else if (state === "show" || state === "retrying") {
    wasDown = true;
  } else if (state === "failed") {
    wasDown = true;
    if (!retryTimer) { retryTimer = setInterval(retryNow, 5000); }
  } else if (state === "rejected") {
    // The circuit is gone: a fresh page is better than a dead one.
    stopRetrying();
    location.reload();
  }
});

document.getElementById("components-reconnect-button").addEventListener("click", retryNow);
document.getElementById("components-resume-button").addEventListener("click", resume);
