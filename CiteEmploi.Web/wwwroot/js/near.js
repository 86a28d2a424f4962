// « Ma position » on the directory search page: the browser's position, asked only when the person presses the button.
// Resolves { ok, latitude, longitude } or { ok: false, reason: "denied" | "unavailable" | "timeout" | "unsupported" }.
export function currentPosition() {
  return new Promise(function (resolve) {
    if (!navigator.geolocation) {
      resolve({ ok: false, reason: "unsupported" });
      return;
    }
    navigator.geolocation.getCurrentPosition(
      function (p) { resolve({ ok: true, latitude: p.coords.latitude, longitude: p.coords.longitude }); },
      function (e) { resolve({ ok: false, reason: e.code === 1 ? "denied" : e.code === 3 ? "timeout" : "unavailable" }); },
      { enableHighAccuracy: false, timeout: 15000, maximumAge: 60000 });
  });
}
