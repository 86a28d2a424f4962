// The diagnostic's map (issue 18, docs/decisions/0024-diagnostic-map.md): the Cité's placed QPVs with their names, the
// distance ring counted around each, and the services of one barrier, clustered. Leaflet is served by the app
// (wwwroot/lib/leaflet) and loaded on first use. Tiles only when the operator configured them; otherwise a plain background.
// Nothing in the map takes focus: it is a picture of the matrix, which is the accessible form (keyboard users pass over it).

let ready = null;
const maps = new WeakMap();
const drawing = new WeakMap(); // element → the drawing in progress (or done), so that places() never runs before it

function addStyle(href) {
  if (document.querySelector('link[data-coverage-map="' + href + '"]')) { return; }
  const link = document.createElement("link");
  link.rel = "stylesheet";
  link.href = href;
  link.setAttribute("data-coverage-map", href);
  document.head.appendChild(link);
}

function addScript(src) {
  return new Promise(function (resolve, reject) {
    const script = document.createElement("script");
    script.src = src;
    script.onload = function () { resolve(); };
    script.onerror = function () { reject(new Error("coverage-map: " + src + " not loaded")); };
    document.head.appendChild(script);
  });
}

// Leaflet, then the cluster plug-in (which extends the global L), once per page.
function load(assets) {
  if (!ready) {
    assets.styles.forEach(addStyle);
    ready = (window.L ? Promise.resolve() : addScript(assets.leaflet))
      .then(function () { return window.L.MarkerClusterGroup ? undefined : addScript(assets.cluster); })
      .then(function () { window.L.Marker.prototype.options.keyboard = false; }); // markers (and clusters) never focusable
    ready.catch(function () { ready = null; });
  }
  return ready;
}

// The bounds of a ring of `metres` around a point, without asking a map (it may have no view yet).
function ringBounds(L, latitude, longitude, metres) {
  const dLat = metres / 111320;
  const dLon = metres / (111320 * Math.max(Math.cos(latitude * Math.PI / 180), 0.01));
  return L.latLngBounds([latitude - dLat, longitude - dLon], [latitude + dLat, longitude + dLon]);
}

// Each placed QPV with its name and the ring of its distance, in the places layer (emptied first); the rings' bounds.
function drawPlaces(L, state, places) {
  state.places.clearLayers();
  let bounds = null;
  places.forEach(function (place) {
    const at = [place.latitude, place.longitude];
    state.places.addLayer(L.circle(at, {
      radius: place.radiusMetres, className: "coverage-map__ring", interactive: false,
      color: "#8c1d18", weight: 2, dashArray: "6 4", fillColor: "#8c1d18", fillOpacity: 0.04,
    }));
    state.places.addLayer(L.circleMarker(at, {
      radius: 7, className: "coverage-map__qpv", color: "#8c1d18", weight: 3, fillColor: "#ffffff", fillOpacity: 1,
    }).bindTooltip(place.name, { permanent: true, direction: "top", offset: [0, -8], className: "coverage-map__label" }));
    const ring = ringBounds(L, place.latitude, place.longitude, place.radiusMetres);
    bounds = bounds ? bounds.extend(ring) : ring;
  });
  return bounds;
}

// The rings frame the map; services alone when no QPV is placed; France when there is nothing at all.
function frame(map, bounds) {
  if (bounds) {
    map.fitBounds(bounds, { padding: [12, 12], maxZoom: 15 });
  } else {
    map.setView([46.6, 2.4], 5);
  }
}

// data: { assets, tiles (a tile address or null), places: [{ name, latitude, longitude, radiusMetres }],
//         points: [[latitude, longitude, name], …] }
export function draw(element, data) {
  const drawn = drawNow(element, data);
  drawing.set(element, drawn.catch(function () { }));
  return drawn;
}

async function drawNow(element, data) {
  await load(data.assets);
  const L = window.L;
  let state = maps.get(element);
  if (!state) {
    // maxZoom on the map itself: without tiles nothing else gives one, and the clusters need it
    const map = L.map(element, { keyboard: false, zoomControl: false, attributionControl: false, zoomSnap: 0.25, minZoom: 3, maxZoom: 18 });
    if (data.tiles) {
      L.tileLayer(data.tiles, { maxZoom: 19 }).addTo(map);
    }
    state = { map: map, places: L.layerGroup().addTo(map), cluster: null, pointBounds: null };
    maps.set(element, state);
  }
  const map = state.map;
  map.invalidateSize(); // the container may have changed size (a phone turned, a panel opened)
  if (state.cluster) {
    map.removeLayer(state.cluster);
    state.cluster = null;
  }
  const bounds = drawPlaces(L, state, data.places);

  const icon = L.divIcon({ className: "coverage-map__service", iconSize: [12, 12] });
  const markers = new Array(data.points.length);
  let pointBounds = null;
  for (let i = 0; i < data.points.length; i++) {
    const p = data.points[i];
    markers[i] = L.marker([p[0], p[1]], { icon: icon, keyboard: false }).bindTooltip(p[2]);
    pointBounds = pointBounds ? pointBounds.extend([p[0], p[1]]) : L.latLngBounds([p[0], p[1]], [p[0], p[1]]);
  }
  state.pointBounds = pointBounds;
  frame(map, bounds || pointBounds);
  // chunked: 5,000 services are added between frames, and only the clusters in view are drawn
  state.cluster = L.markerClusterGroup({ chunkedLoading: true, showCoverageOnHover: false, removeOutsideVisibleBounds: true });
  state.cluster.addLayers(markers);
  map.addLayer(state.cluster);

  element.setAttribute("data-map-points", String(data.points.length));
  element.setAttribute("data-map-places", String(data.places.length));
}

// The places and their rings again (a distance changed), the services left as they are: thousands of markers are
// neither sent nor rebuilt when only the rings change (docs/decisions/0036-diagnostic-page-figures.md).
export async function places(element, data) {
  await drawing.get(element); // a first drawing may still be loading Leaflet: the rings follow it
  const state = maps.get(element);
  if (!state) { return; }
  frame(state.map, drawPlaces(window.L, state, data.places) || state.pointBounds);
  element.setAttribute("data-map-places", String(data.places.length));
}

export function dispose(element) {
  const state = maps.get(element);
  if (state) {
    state.map.remove();
    maps.delete(element);
  }
}
