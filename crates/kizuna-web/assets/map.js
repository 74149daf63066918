// The Muslim-friendly map: /map (list, filter chips, clustered markers,
// "near me") and the small map on a place's page. Both pages read without
// this script; it draws the maps and makes the filters answer at once.
//
// Under the (configurable) tiles the map always draws an offline basemap:
// the world-atlas land shapes embedded in the binary, 1:50m at first and
// 1:10m when zoomed in. So the map works when no tile server answers.
//
// "Near me": the browser's position goes only to this server, as /map's
// lat and lon (rounded to 1e-5°) in a request the script makes, never
// anywhere else, and is not put in the address bar or kept. The server
// answers the list sorted by distance (the stronger halal assurance first
// among places as far away), with each place's distance.
//
// Markers of the list page: #map[data-markers] is their number once drawn;
// #map[data-basemap="drawn"] once the land is drawn; #map[data-tiles] is
// "loaded" or "offline".
(function () {
  'use strict';
  const cfgNode = document.getElementById('map-config');
  if (!cfgNode || !window.L) return;
  const cfg = JSON.parse(cfgNode.textContent);
  const T = cfg.text;
  const fill = (tpl, vars) => tpl.replace(/\{(\w+)\}/g, (m, k) => (k in vars ? String(vars[k]) : m));
  const esc = (s) =>
    String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
  const statusNode = document.getElementById('map-status');
  const say = (text) => {
    if (statusNode) statusNode.textContent = text;
  };

  // Category symbols, drawn as strokes in a 24×24 box.
  const GLYPHS = {
    restaurant: 'M7 2v9M4 2v5a3 3 0 0 0 6 0V2M7 11v11M17 2c-2.5 1.5-3 6-3 9h3v11',
    cafe: 'M4 8h12v5a5 5 0 0 1-5 5H9a5 5 0 0 1-5-5zM16 10h2a2 2 0 0 1 0 4h-2M7 3v2M11 3v2',
    grocery: 'M3 9h18l-2 11H5zM8 9l4-6 4 6',
    hotel: 'M3 19V6M3 14h18v5M21 14v-2a3 3 0 0 0-3-3h-7v5M7 9.5h.01',
    mosque: 'M15 3a8 8 0 1 0 6 12A7 7 0 0 1 15 3z',
    prayer_room: 'M14 2a6.5 6.5 0 1 0 5 10.5A5.5 5.5 0 0 1 14 2zM4 21h16M6 17h12',
    other: 'M12 8a4 4 0 1 0 .01 0',
  };

  function icon(p) {
    return L.divIcon({
      className: `place-marker level-${p.level}`,
      html: `<svg viewBox="0 0 24 24" aria-hidden="true"><path d="${GLYPHS[p.kind] || GLYPHS.other}"/></svg><span class="vh" lang="${esc(p.lang)}">${esc(p.name)}</span>`,
      iconSize: [30, 30],
      iconAnchor: [15, 15],
      popupAnchor: [0, -12],
    });
  }

  function clusterIcon(c) {
    const n = c.getChildCount();
    const size = n < 10 ? 34 : n < 100 ? 40 : 48;
    return L.divIcon({
      className: 'place-cluster',
      html: `<span aria-hidden="true">${n}</span><span class="vh">${esc(fill(T.cluster, { count: n }))}</span>`,
      iconSize: [size, size],
    });
  }

  function popup(p) {
    const box = document.createElement('div');
    const name = document.createElement('a');
    name.href = p.href;
    name.lang = p.lang;
    name.textContent = p.name;
    const strong = document.createElement('strong');
    strong.append(name);
    const label = document.createElement('div');
    label.textContent = p.label;
    box.append(strong, label);
    return box;
  }

  // ------------------------------------------------------------ basemap

  const lands = {};
  // world-atlas keeps rings that cross the antimeridian whole; make each
  // ring continuous so Leaflet does not draw it across the whole world.
  function unwrap(ring) {
    let shift = 0;
    for (let i = 1; i < ring.length; i++) {
      const step = ring[i][0] + shift - ring[i - 1][0];
      if (step > 180) shift -= 360;
      else if (step < -180) shift += 360;
      ring[i] = [ring[i][0] + shift, ring[i][1]];
    }
  }
  // The land's polygons, each with its bounding box; Antarctica left out.
  function land(url) {
    if (!lands[url]) {
      lands[url] = fetch(url)
        .then((r) => {
          if (!r.ok) throw new Error(`${url}: ${r.status}`);
          return r.json();
        })
        .then((topo) => {
          const geo = topojson.feature(topo, topo.objects.land);
          const features = geo.type === 'FeatureCollection' ? geo.features : [geo];
          const polygons = [];
          for (const f of features) {
            const g = f.geometry;
            if (!g) continue;
            for (const poly of g.type === 'Polygon' ? [g.coordinates] : g.coordinates) {
              poly.forEach(unwrap);
              let w = Infinity, s = Infinity, e = -Infinity, n = -Infinity;
              for (const [x, y] of poly[0]) {
                w = Math.min(w, x); e = Math.max(e, x); s = Math.min(s, y); n = Math.max(n, y);
              }
              if (n < -60) continue;
              polygons.push({ poly, box: L.latLngBounds([s, w], [n, e]) });
            }
          }
          return polygons;
        });
    }
    return lands[url];
  }
  function landLayer(polygons, within, options) {
    const chosen = polygons.filter((p) => !within || within.intersects(p.box)).map((p) => p.poly);
    return L.geoJSON({ type: 'Feature', properties: {}, geometry: { type: 'MultiPolygon', coordinates: chosen } }, options);
  }

  function basemap(map, node) {
    map.createPane('basemap');
    const pane = map.getPane('basemap');
    pane.style.zIndex = 150; // under the tiles (200)
    pane.style.pointerEvents = 'none';
    const options = {
      pane: 'basemap',
      renderer: L.svg({ pane: 'basemap', padding: 0.5 }),
      interactive: false,
      style: { color: '#7d8f6e', weight: 1, fillColor: '#f1f0e6', fillOpacity: 1 },
    };
    node.classList.add('with-basemap');
    const DETAIL_ZOOM = 7;
    let low = null;
    let high = null;
    let highBox = null;
    let loadingHigh = false;
    function show(layer) {
      for (const l of [low, high]) if (l && l !== layer && map.hasLayer(l)) map.removeLayer(l);
      if (layer && !map.hasLayer(layer)) layer.addTo(map);
      if (layer) node.dataset.basemap = 'drawn';
    }
    function update() {
      const detailed = map.getZoom() >= DETAIL_ZOOM;
      if (detailed && (!highBox || !highBox.contains(map.getBounds())) && !loadingHigh) {
        loadingHigh = true;
        land(cfg.basemap.high)
          .then((polygons) => {
            const box = map.getBounds().pad(3);
            if (high && map.hasLayer(high)) map.removeLayer(high);
            high = landLayer(polygons, box, options);
            highBox = box;
          })
          .catch(() => {})
          .finally(() => {
            loadingHigh = false;
            update();
          });
      }
      show(detailed && high && highBox.contains(map.getBounds()) ? high : low);
    }
    land(cfg.basemap.low)
      .then((polygons) => {
        low = landLayer(polygons, null, options);
        update();
      })
      .catch(() => {});
    map.on('zoomend moveend', update);
  }

  // ------------------------------------------------------------ tiles

  function tiles(map, node) {
    const t = cfg.tiles;
    const credit = t.link ? `<a href="${esc(t.link)}">${esc(t.attribution)}</a>` : esc(t.attribution);
    const layer = L.tileLayer(t.url, {
      maxZoom: 19,
      subdomains: 'abc',
      referrerPolicy: 'strict-origin-when-cross-origin',
      attribution: credit,
    });
    let loaded = 0;
    let told = false;
    layer.on('tileload', () => {
      loaded++;
      node.dataset.tiles = 'loaded';
    });
    layer.on('tileerror', (e) => {
      // A tile that failed shows nothing, so the basemap beneath shows.
      if (e.tile) e.tile.style.visibility = 'hidden';
      if (loaded || told) return;
      told = true;
      node.dataset.tiles = 'offline';
      const note = document.createElement('p');
      note.className = 'map-note';
      note.textContent = T.tiles_offline;
      node.after(note);
    });
    layer.addTo(map);
  }

  function newMap(node, options) {
    const map = L.map(node, {
      zoomControl: false,
      attributionControl: false,
      worldCopyJump: true,
      minZoom: 2,
      maxZoom: 19,
      ...options,
    });
    L.control.zoom({ zoomInTitle: T.zoom_in, zoomOutTitle: T.zoom_out }).addTo(map);
    const credits = L.control.attribution({ prefix: '<a href="https://leafletjs.com">Leaflet</a>' }).addTo(map);
    credits.addAttribution(esc(T.basemap));
    basemap(map, node);
    // Streets: the server's own basemap (basemap.js), else a tile server
    // staff configured, else the land alone and a note saying so.
    if (cfg.basemap.style && window.KizunaBasemap) window.KizunaBasemap.draw(map, node, cfg);
    else if (cfg.tiles) tiles(map, node);
    else if (window.KizunaBasemap) window.KizunaBasemap.none(node, T.no_streets);
    map.on('popupopen', (e) => {
      const close = e.popup.getElement() && e.popup.getElement().querySelector('.leaflet-popup-close-button');
      if (close) {
        close.setAttribute('aria-label', T.close);
        close.title = T.close;
      }
    });
    return map;
  }

  // ------------------------------------------------------------ /map

  function listPage(node) {
    document.getElementById('map-pane').hidden = false;
    const jump = document.getElementById('map-jump');
    if (jump) jump.hidden = false;
    document.getElementById('map-layout').classList.add('with-map');
    const map = newMap(node, {});
    map.setView([43.2, 142.8], 6);
    const cluster = L.markerClusterGroup({
      showCoverageOnHover: false,
      maxClusterRadius: 40,
      iconCreateFunction: clusterIcon,
    });
    map.addLayer(cluster);
    const markers = new Map();
    let near = null;
    let you = null;

    function draw(fit) {
      const source = document.getElementById('map-places');
      const places = source ? JSON.parse(source.textContent) : [];
      cluster.clearLayers();
      markers.clear();
      const layers = places.map((p) => {
        const m = L.marker([p.lat, p.lon], { icon: icon(p), title: p.name, riseOnHover: true });
        m.bindPopup(() => popup(p));
        markers.set(p.id, m);
        return m;
      });
      cluster.addLayers(layers);
      node.dataset.markers = String(places.length);
      if (fit && places.length) {
        map.fitBounds(L.latLngBounds(places.map((p) => [p.lat, p.lon])).pad(0.05), { maxZoom: 14 });
      }
    }

    function enhanceList() {
      for (const li of document.querySelectorAll('#place-list > li[data-id]')) {
        if (li.querySelector('.show-on-map')) continue;
        const name = li.querySelector('h3') ? li.querySelector('h3').textContent.trim() : '';
        const b = document.createElement('button');
        b.type = 'button';
        b.className = 'show-on-map link';
        b.textContent = T.show_on_map;
        b.setAttribute('aria-label', `${T.show_on_map}: ${name}`);
        b.addEventListener('click', () => {
          const m = markers.get(Number(li.dataset.id));
          if (!m) return;
          node.scrollIntoView({ block: 'nearest' });
          cluster.zoomToShowLayer(m, () => m.openPopup());
        });
        li.append(b);
      }
    }

    // The filters as the form has them, with the position when "near me"
    // gave one: this server sorts the list by distance from it.
    const withNear = (params) => {
      const p = new URLSearchParams(params);
      if (near) {
        p.set('lat', near.lat.toFixed(5));
        p.set('lon', near.lon.toFixed(5));
      }
      return p;
    };

    function showYou(fit) {
      if (you) you.setLatLng([near.lat, near.lon]);
      else {
        you = L.circleMarker([near.lat, near.lon], {
          radius: 8,
          color: '#fff',
          weight: 3,
          fillColor: '#1f5f99',
          fillOpacity: 1,
          interactive: false,
        }).addTo(map);
        you.bindTooltip(T.you_are_here, { permanent: false });
      }
      const source = document.getElementById('map-places');
      const places = source ? JSON.parse(source.textContent) : [];
      if (fit && places.length) {
        // The view takes in the nearest places (not the position itself).
        const pts = places.slice(0, 3).map((p) => [p.lat, p.lon]);
        map.fitBounds(L.latLngBounds(pts).pad(0.3), { maxZoom: 15 });
      }
    }

    let seq = 0;
    async function update(params, push) {
      const mine = ++seq;
      const url = `/map${params.toString() ? `?${params}` : ''}`;
      const asked = withNear(params);
      say(T.updating);
      let doc;
      try {
        const r = await fetch(`/map?${asked}`, { headers: { Accept: 'text/html' } });
        if (!r.ok) throw new Error(String(r.status));
        doc = new DOMParser().parseFromString(await r.text(), 'text/html');
      } catch {
        if (mine === seq) say(T.update_failed);
        return;
      }
      if (mine !== seq) return;
      const fresh = doc.getElementById('map-results');
      if (!fresh) {
        say(T.update_failed);
        return;
      }
      document.getElementById('map-results').replaceWith(document.importNode(fresh, true));
      const langs = doc.querySelector('nav.langs');
      const here = document.querySelector('nav.langs');
      if (langs && here) here.replaceWith(document.importNode(langs, true));
      if (push) history.pushState({ map: true }, '', url);
      draw(!near);
      enhanceList();
      if (near) {
        showYou(fitNear);
        fitNear = false;
        say(T.sorted);
      } else {
        const heading = document.getElementById('results-h');
        say(heading ? heading.textContent : '');
      }
    }
    let fitNear = false;

    const form = document.getElementById('map-filters');
    const params = () => {
      const p = new URLSearchParams();
      for (const [k, v] of new FormData(form)) p.append(k, v);
      return p;
    };
    form.addEventListener('change', () => update(params(), true));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      update(params(), true);
    });
    const clear = document.getElementById('map-clear');
    if (clear) {
      clear.addEventListener('click', (e) => {
        e.preventDefault();
        for (const c of form.querySelectorAll('input[type=checkbox]')) c.checked = false;
        update(new URLSearchParams(), true);
      });
    }
    window.addEventListener('popstate', () => window.location.reload());

    const box = document.getElementById('near-me-box');
    if (box && navigator.geolocation) {
      box.hidden = false;
      document.getElementById('near-me').addEventListener('click', () => {
        say(T.locating);
        navigator.geolocation.getCurrentPosition(
          (pos) => {
            near = { lat: pos.coords.latitude, lon: pos.coords.longitude };
            fitNear = true;
            update(params(), false);
          },
          (err) => say(err.code === err.PERMISSION_DENIED ? T.denied : T.unavailable),
          { enableHighAccuracy: false, timeout: 15000, maximumAge: 300000 },
        );
      });
    }

    draw(true);
    enhanceList();
    let pending = null;
    window.addEventListener('resize', () => {
      clearTimeout(pending);
      pending = setTimeout(() => map.invalidateSize(), 150);
    });
  }

  // ------------------------------------------------------------ a place

  function placePage(node) {
    const data = document.getElementById('place-data');
    if (!data) return;
    const p = JSON.parse(data.textContent);
    document.getElementById('place-map-box').hidden = false;
    const map = newMap(node, { scrollWheelZoom: false });
    map.setView([p.lat, p.lon], 15);
    L.marker([p.lat, p.lon], { icon: icon(p), title: p.name, keyboard: false }).addTo(map);
    node.dataset.markers = '1';
  }

  const listNode = document.getElementById('map');
  if (listNode && window.L.markerClusterGroup) listPage(listNode);
  const placeNode = document.getElementById('place-map');
  if (placeNode) placePage(placeNode);
})();
