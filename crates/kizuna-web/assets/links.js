// The map of local-to-local links (/links): each linked pair of
// localities drawn as a line on the embedded world-atlas land shapes (and
// the configured tiles over them, when there are any), with a popup of
// the link's details. The table beside it reads without this script.
// #links-map[data-lines] is the number of lines drawn;
// #links-map[data-basemap="drawn"] once the land is drawn.
(function () {
  'use strict';
  const cfgNode = document.getElementById('links-config');
  const node = document.getElementById('links-map');
  if (!cfgNode || !node || !window.L) return;
  const cfg = JSON.parse(cfgNode.textContent);
  const T = cfg.text;
  const esc = (s) =>
    String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
  document.getElementById('links-map-section').hidden = false;
  const map = L.map(node, { zoomControl: false, attributionControl: false, worldCopyJump: true, minZoom: 2, maxZoom: 12 });
  L.control.zoom({ zoomInTitle: T.zoom_in, zoomOutTitle: T.zoom_out }).addTo(map);
  const credits = L.control.attribution({ prefix: '<a href="https://leafletjs.com">Leaflet</a>' }).addTo(map);
  credits.addAttribution(esc(T.basemap));

  // The land outline, under everything else (no tile server needed).
  map.createPane('land');
  map.getPane('land').style.zIndex = 150;
  fetch(cfg.basemap)
    .then((r) => (r.ok ? r.json() : Promise.reject(new Error(String(r.status)))))
    .then((topo) => {
      L.geoJSON(topojson.feature(topo, topo.objects.land), {
        pane: 'land',
        interactive: false,
        style: { color: '#7d8f6e', weight: 1, fillColor: '#f1f0e6', fillOpacity: 1 },
      }).addTo(map);
      node.dataset.basemap = 'drawn';
    })
    .catch(() => {});

  if (cfg.tiles) {
    const t = cfg.tiles;
    const credit = t.link ? `<a href="${esc(t.link)}">${esc(t.attribution)}</a>` : esc(t.attribution);
    const layer = L.tileLayer(t.url, { maxZoom: 19, subdomains: 'abc', attribution: credit });
    let loaded = false;
    let told = false;
    layer.on('tileload', () => {
      loaded = true;
    });
    layer.on('tileerror', (e) => {
      if (e.tile) e.tile.style.visibility = 'hidden';
      if (loaded || told) return;
      told = true;
      const note = document.createElement('p');
      note.className = 'muted';
      note.textContent = T.tiles_offline;
      node.after(note);
    });
    layer.addTo(map);
  }

  const points = [];
  const seen = new Set();
  for (const l of cfg.lines) {
    // A gentle arc between the two ends, so that lines from one place fan out.
    const [a, b] = [l.from, l.to];
    const mid = [(a[0] + b[0]) / 2 + (b[1] - a[1]) * 0.12, (a[1] + b[1]) / 2 - (b[0] - a[0]) * 0.12];
    const arc = [];
    for (let i = 0; i <= 24; i++) {
      const t = i / 24;
      const u = 1 - t;
      arc.push([u * u * a[0] + 2 * u * t * mid[0] + t * t * b[0], u * u * a[1] + 2 * u * t * mid[1] + t * t * b[1]]);
    }
    const box = document.createElement('div');
    const title = document.createElement('strong');
    title.textContent = `${l.japan} ↔ ${l.abroad}`;
    const lines = [l.kinds, `${T.since}: ${l.since}`];
    if (l.programmes.length) lines.push(`${T.through}: ${l.programmes.join(', ')}`);
    lines.push(l.produced);
    box.append(title);
    for (const text of lines) {
      const d = document.createElement('div');
      d.textContent = text;
      box.append(d);
    }
    L.polyline(arc, { color: '#b5412c', weight: 3, opacity: 0.85 }).bindPopup(box).addTo(map);
    for (const [p, name] of [[a, l.japan], [b, l.abroad]]) {
      const k = p.join(',');
      points.push(p);
      if (seen.has(k)) continue;
      seen.add(k);
      L.circleMarker(p, { radius: 5, color: '#1d3557', fillColor: '#fff', fillOpacity: 1, weight: 2 })
        .bindTooltip(name)
        .addTo(map);
    }
  }
  if (points.length) map.fitBounds(L.latLngBounds(points).pad(0.15));
  else map.setView([25, 125], 3);
  node.dataset.lines = String(cfg.lines.length);
})();
