// The street basemap under the Muslim-friendly map's markers: vector tiles
// this server makes and serves itself (kizuna serve --basemap), drawn by
// MapLibre GL as a Leaflet layer (@maplibre/maplibre-gl-leaflet) beneath
// Leaflet's markers, over the world-atlas land map.js draws. Nothing is
// asked of any other server: the style, its tiles and MapLibre's worker
// all come from here, and labels use the reader's own fonts (the style has
// no glyph server).
//
// map.js calls KizunaBasemap.draw(map, node, cfg) when cfg.basemap.style is
// set, and KizunaBasemap.none(node, text) when the server has neither a
// basemap nor a tile server. #map[data-streets] is "loading", "drawn"
// (MapLibre has drawn the style's tiles), "failed" or "none".
(function () {
  'use strict';

  let loading = null;
  function script(src) {
    return new Promise((resolve, reject) => {
      const s = document.createElement('script');
      s.src = src;
      s.onload = resolve;
      s.onerror = () => reject(new Error(src));
      document.head.append(s);
    });
  }
  // MapLibre (its CSP build, with the worker as a file) and the Leaflet
  // layer, loaded only on a server with a basemap.
  function libraries() {
    if (!loading) {
      const css = document.createElement('link');
      css.rel = 'stylesheet';
      css.href = '/assets/maplibre-gl.css';
      document.head.append(css);
      loading = script('/assets/maplibre-gl-csp.js')
        .then(() => {
          window.maplibregl.setWorkerUrl('/assets/maplibre-gl-csp-worker.js');
          return script('/assets/leaflet-maplibre-gl.js');
        });
    }
    return loading;
  }

  function note(node, text) {
    const p = document.createElement('p');
    p.className = 'map-note no-streets';
    p.setAttribute('role', 'note');
    p.textContent = text;
    node.after(p);
  }

  async function draw(map, node, cfg) {
    node.dataset.streets = 'loading';
    let style;
    try {
      const [r] = await Promise.all([fetch(cfg.basemap.style, { headers: { Accept: 'application/json' } }), libraries()]);
      if (!r.ok) throw new Error(String(r.status));
      style = await r.json();
    } catch {
      node.dataset.streets = 'failed';
      return;
    }
    // MapLibre wants whole URLs for tiles: this server's own.
    for (const source of Object.values(style.sources)) {
      // (Not through URL(), which would escape the {z}/{x}/{y} placeholders.)
      if (source.tiles) source.tiles = source.tiles.map((t) => (t.startsWith('/') ? window.location.origin + t : t));
    }
    const layer = L.maplibreGL({
      style,
      interactive: false,
      attributionControl: false,
      // Past the file's last zoom MapLibre draws its tiles larger.
      maxZoom: 22,
    });
    layer.addTo(map);
    const gl = layer.getMaplibreMap();
    (window.kizunaStreetMaps = window.kizunaStreetMaps || []).push(gl);
    gl.on('idle', () => {
      if (gl.loaded()) node.dataset.streets = 'drawn';
    });
    gl.on('error', () => {
      if (node.dataset.streets !== 'drawn') node.dataset.streets = 'failed';
    });
    if (map.attributionControl) {
      const credit = Object.values(style.sources)
        .map((s) => s.attribution)
        .filter(Boolean);
      for (const c of credit) map.attributionControl.addAttribution(c.replace(/[&<>"']/g, ''));
    }
    node.classList.add('with-streets');
    outside(map, node, cfg);
  }

  // Where the view has nothing of the file's area, say so (the land outline
  // is all there is to see), and take the note away when it does again.
  function outside(map, node, cfg) {
    const b = cfg.basemap.bounds;
    if (!b || !cfg.text || !cfg.text.outside_streets) return;
    const area = L.latLngBounds([b[1], b[0]], [b[3], b[2]]);
    let p = null;
    const check = () => {
      const out = !map.getBounds().intersects(area);
      node.dataset.streetsOutside = out ? 'yes' : 'no';
      if (out && !p) {
        p = document.createElement('p');
        p.className = 'map-note outside-streets';
        p.setAttribute('role', 'note');
        p.textContent = cfg.text.outside_streets;
        node.after(p);
      } else if (!out && p) {
        p.remove();
        p = null;
      }
    };
    map.on('moveend', check);
    check();
  }

  function none(node, text) {
    node.dataset.streets = 'none';
    note(node, text);
  }

  window.KizunaBasemap = { draw, none };
})();
