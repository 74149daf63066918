// Statistics charts. The page carries its figures in tables and the chart
// data in <script type="application/json" id="stats-data">; this script only
// draws: trainees per fiscal year stacked by region, and a world map shaded
// by trainees per country (world-atlas TopoJSON, joined by ISO 3166-1
// numeric code). Each chart container gets data-chart-ready="true" once
// ECharts has finished drawing it.
(function () {
  'use strict';
  const source = document.getElementById('stats-data');
  if (!source || !window.echarts) return;
  const data = JSON.parse(source.textContent);
  const section = document.getElementById('stats-charts');
  if (section) section.hidden = false;

  const enc = echarts.format.encodeHTML;
  const num = (n) => Number(n).toLocaleString('en-US');
  // No entry animation: the charts show their final state at once (and in screenshots).
  const animation = false;
  const font = getComputedStyle(document.documentElement).fontFamily;
  const REGION_COLOURS = {
    africa: '#d0702a',
    asia: '#1f5f99',
    middle_east: '#a3863a',
    europe: '#7a5ba6',
    north_america: '#5aa5c8',
    latin_america: '#2e8b57',
    oceania: '#c0506e',
  };
  const charts = [];

  // Staff pages: a click on a bar or a country opens the people behind it.
  function drill(extra) {
    if (!data.drill) return;
    const params = new URLSearchParams(data.drill.params);
    for (const [k, v] of Object.entries(extra)) params.set(k, v);
    window.location.href = data.drill.path + '?' + params.toString();
  }

  function whenDrawn(chart, node) {
    chart.on('finished', () => {
      const option = chart.getOption();
      if (option && option.series && option.series.length) node.setAttribute('data-chart-ready', 'true');
    });
  }

  function init(node) {
    const chart = echarts.init(node, null, { renderer: 'canvas' });
    charts.push(chart);
    return chart;
  }

  // ------------------------------------------------ trainees per fiscal year
  const yearsNode = document.getElementById('chart-years');
  if (yearsNode) {
    const chart = init(yearsNode);
    const series = data.series.map((s) => ({
      name: s.name,
      type: 'bar',
      stack: 'trainees',
      barMaxWidth: 28,
      emphasis: { focus: 'series' },
      itemStyle: { color: REGION_COLOURS[s.key] },
      data: s.data,
      regionKey: s.key,
    }));
    whenDrawn(chart, yearsNode);
    chart.setOption({
      animation,
      textStyle: { fontFamily: font },
      grid: { left: 48, right: 16, top: 56, bottom: 40, containLabel: false },
      legend: { top: 0, left: 'center', type: 'scroll', textStyle: { fontSize: 13 } },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter(items) {
          if (!items.length) return '';
          const i = items[0].dataIndex;
          const rows = items
            .filter((it) => it.value > 0)
            .map((it) => `${it.marker}${enc(it.seriesName)} <b style="float:right;margin-left:1.5em">${num(it.value)}</b>`);
          rows.push(`${enc(data.labels.total)} <b style="float:right;margin-left:1.5em">${num(data.totals[i])}</b>`);
          return `<b>${enc(data.year_labels[i])}</b><br>${rows.join('<br>')}`;
        },
      },
      xAxis: {
        type: 'category',
        data: data.years.map(String),
        axisTick: { alignWithLabel: true },
        axisLabel: { hideOverlap: true },
      },
      yAxis: {
        type: 'value',
        minInterval: 1,
        name: data.labels.trainees,
        nameTextStyle: { align: 'left' },
        splitLine: { lineStyle: { color: '#e3e7ec' } },
      },
      series,
    });
    chart.on('click', (p) => {
      const s = data.series[p.seriesIndex];
      if (s) drill({ fiscal_year: String(data.years[p.dataIndex]), region: s.key });
    });
  }

  // ------------------------------------------------ trainees per country
  const mapNode = document.getElementById('chart-map');
  if (mapNode && window.topojson) {
    const chart = init(mapNode);
    chart.showLoading({ text: '', color: '#1f5f99' });
    fetch('/assets/countries-110m.json')
      .then((r) => {
        if (!r.ok) throw new Error('map ' + r.status);
        return r.json();
      })
      .then((topo) => {
        const geo = topojson.feature(topo, topo.objects.countries);
        // Antarctica (010) takes a sixth of the map and has no trainees.
        geo.features = geo.features.filter((f) => f.id !== '010');
        geo.features.forEach((f) => unwrapAntimeridian(f.geometry));
        geo.features.forEach((f, i) => {
          // Features are joined by their ISO 3166-1 numeric id; the few without one keep a unique name.
          f.properties = { name: f.id != null ? String(f.id) : 'unnamed-' + i, title: f.properties && f.properties.name };
        });
        echarts.registerMap('kizuna-world', geo);
        whenDrawn(chart, mapNode);
        drawMap(chart, geo);
      })
      .catch(() => {
        chart.hideLoading();
        mapNode.closest('.card').hidden = true;
      });
  }

  // world-atlas keeps rings that cross the antimeridian whole (Russia, Fiji);
  // drawn flat they would streak across the map. Make each ring continuous,
  // then pin what lies beyond ±180° to the map's edge.
  function unwrapAntimeridian(geometry) {
    if (!geometry) return;
    const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.type === 'MultiPolygon' ? geometry.coordinates : [];
    for (const polygon of polygons) {
      for (const ring of polygon) {
        let shift = 0;
        for (let i = 0; i < ring.length; i++) {
          if (i > 0) {
            const step = ring[i][0] + shift - ring[i - 1][0];
            if (step > 180) shift -= 360;
            else if (step < -180) shift += 360;
          }
          ring[i] = [ring[i][0] + shift, ring[i][1]];
        }
        // Keep the ring where most of it lies, then pin the overhang.
        const mean = ring.reduce((sum, p) => sum + p[0], 0) / ring.length;
        const back = 360 * Math.round(mean / 360);
        for (const p of ring) p[0] = Math.max(-180, Math.min(180, p[0] - back));
      }
    }
  }

  function drawMap(chart, geo) {
    const byId = new Map(data.countries.map((c) => [c.id, c]));
    const onMap = new Set(geo.features.map((f) => f.properties.name));
    const values = data.countries.filter((c) => onMap.has(c.id)).map((c) => c.value);
    const max = Math.max(1, ...values);
    // Class breaks on a roughly logarithmic scale, so a few large countries do not wash out the rest.
    const steps = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000];
    const bounds = steps.filter((s) => s <= max);
    const palette = ['#dcebf7', '#b5d4ec', '#86b8dd', '#5898c9', '#2f78b3', '#165a96', '#0b3f73', '#062a52'];
    const take = Math.min(bounds.length, palette.length);
    const used = bounds.slice(bounds.length - take);
    used[0] = 1;
    // Spread the classes over the whole palette, lightest to darkest.
    const colours = used.map((_, i) => palette[take === 1 ? palette.length - 1 : Math.round((i * (palette.length - 1)) / (take - 1))]);
    const pieces = used.map((lo, i) => {
      const hi = i + 1 < used.length ? used[i + 1] - 1 : null;
      const piece = { min: lo, color: colours[i] };
      if (hi !== null) {
        piece.max = hi;
        piece.label = lo === hi ? num(lo) : `${num(lo)}–${num(hi)}`;
      } else {
        piece.label = `${num(lo)}+`;
      }
      return piece;
    });
    chart.hideLoading();
    chart.setOption({
      animation,
      textStyle: { fontFamily: font },
      tooltip: {
        trigger: 'item',
        formatter(p) {
          const id = p.name;
          const c = byId.get(id);
          const name = c ? c.name : data.names[id];
          if (!name) return '';
          const n = enc(c ? c.text : data.labels.no_trainees);
          return `<b>${enc(name)}</b><br>${n}`;
        },
      },
      visualMap: {
        type: 'piecewise',
        pieces,
        left: 'center',
        bottom: 0,
        orient: 'horizontal',
        itemWidth: 18,
        itemHeight: 12,
        itemGap: 14,
        textStyle: { fontSize: 12 },
      },
      series: [
        {
          type: 'map',
          map: 'kizuna-world',
          roam: false,
          left: 0,
          right: 0,
          top: 0,
          bottom: 32,
          aspectScale: 0.85,
          selectedMode: false,
          label: { show: false },
          itemStyle: { areaColor: '#eef0f3', borderColor: '#aab3bf', borderWidth: 0.5 },
          emphasis: { label: { show: false }, itemStyle: { areaColor: '#f0b429' } },
          data: data.countries.map((c) => ({ name: c.id, value: c.value, code: c.code })),
        },
      ],
    });
    chart.on('click', (p) => {
      if (p.data && p.data.code) drill({ country: p.data.code });
    });
  }

  let pending = null;
  window.addEventListener('resize', () => {
    clearTimeout(pending);
    pending = setTimeout(() => charts.forEach((c) => c.resize()), 100);
  });
})();
