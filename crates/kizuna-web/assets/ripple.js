// The ripple graph: the causal graph of a partnership programme drawn on a
// timeline with ECharts' graph series in a cartesian grid (x = date, y =
// the lane of the side the node landed on: Japan above, both sides in the
// middle with the programme and its activities, abroad below), edges as
// arrows. Hover shows a node's details, a click (or Enter on the table's
// row link) shows them in #ripple-details and marks its row; the slider
// and the wheel zoom and pan along time.
//
// The page reads without this script: the table of nodes, the chains and
// the mutual summary are the same data. #ripple-graph[data-nodes] is the
// number of nodes drawn once the chart is ready.
(function () {
  'use strict';
  const source = document.getElementById('ripple-data');
  const node = document.getElementById('ripple-graph');
  if (!source || !node || !window.echarts) return;
  const data = JSON.parse(source.textContent);
  const T = data.text;
  const dated = data.nodes.filter((n) => n.date);
  if (!dated.length) return;
  node.hidden = false;
  const details = document.getElementById('ripple-details');
  if (details) details.hidden = false;
  const enc = echarts.format.encodeHTML;
  const LANES = { japan: 2, both: 1, abroad: 0 };
  const COLOURS = { japan: '#c0392b', both: '#6b5bb5', abroad: '#1a7f5a' };
  const byId = new Map(dated.map((n) => [n.id, n]));

  // Nodes of one lane close in time take different heights within the
  // lane, so that they do not cover one another: the first height no node
  // of the lane within WINDOW before it took.
  const DAY = 86400000;
  const WINDOW = 300 * DAY;
  const SLOTS = [0, 0.3, -0.3, 0.15, -0.15, 0.42, -0.42];
  const sorted = dated.slice().sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const placed = new Map();
  const recent = { japan: [], both: [], abroad: [] };
  for (const n of sorted) {
    const t = Date.parse(n.date);
    const near = recent[n.lane].filter((r) => t - r.t < WINDOW);
    const taken = new Set(near.map((r) => r.slot));
    const slot = SLOTS.find((s) => !taken.has(s)) ?? SLOTS[near.length % SLOTS.length];
    recent[n.lane].push({ t, slot });
    placed.set(n.id, [t, LANES[n.lane] + slot]);
  }

  function tip(n) {
    const lines = [`<strong>${enc(n.name)}</strong>`, enc(`${n.date_label} · ${n.type}`)];
    if (n.side) lines.push(enc(n.side));
    if (data.show_verdict && n.verdict) lines.push(enc(n.verdict));
    if (n.elsewhere) lines.push(`<em>${enc(T.elsewhere)}</em>`);
    return lines.join('<br>');
  }

  const shape = { programme: 'roundRect', activity: 'diamond', outcome: 'circle', placement: 'triangle' };
  const chart = echarts.init(node, null, { renderer: 'canvas' });
  const lanes = data.lanes;
  chart.setOption({
    aria: { enabled: true, label: { description: T.graph_label } },
    animation: false,
    grid: { left: 8, right: 16, top: 16, bottom: 56, containLabel: true },
    tooltip: { trigger: 'item', confine: true, formatter: (p) => (p.dataType === 'node' ? tip(byId.get(p.data.id)) : '') },
    xAxis: { type: 'time', splitLine: { show: true, lineStyle: { color: '#eee' } } },
    yAxis: {
      type: 'value',
      min: -0.5,
      max: 2.5,
      interval: 1,
      axisLabel: { formatter: (v) => (lanes.find((l) => LANES[l.id] === v) || {}).label || '' },
      splitLine: { lineStyle: { type: 'dashed' } },
    },
    dataZoom: [
      { type: 'inside', xAxisIndex: 0, filterMode: 'none' },
      { type: 'slider', xAxisIndex: 0, filterMode: 'none', height: 18, bottom: 8 },
    ],
    series: [
      {
        type: 'graph',
        coordinateSystem: 'cartesian2d',
        layout: 'none',
        roam: false,
        edgeSymbol: ['none', 'arrow'],
        edgeSymbolSize: 8,
        lineStyle: { color: '#777', width: 1.2, curveness: 0.15, opacity: 0.8 },
        emphasis: { focus: 'adjacency', lineStyle: { width: 2.5 } },
        label: { show: true, position: 'right', fontSize: 11, width: 120, overflow: 'truncate' },
        labelLayout: { hideOverlap: true },
        data: sorted.map((n) => ({
          id: n.id,
          name: n.name,
          value: placed.get(n.id),
          symbol: shape[n.node] || 'circle',
          symbolSize: n.node === 'outcome' ? 14 : 12,
          itemStyle: {
            color: n.node === 'outcome' ? COLOURS[n.lane] : '#fff',
            borderColor: COLOURS[n.lane],
            borderWidth: n.node === 'outcome' ? 0 : 2,
            opacity: n.elsewhere ? 0.5 : 1,
          },
        })),
        links: data.edges
          .filter((e) => byId.has(e.from) && byId.has(e.to))
          .map((e) => ({ source: e.from, target: e.to })),
      },
    ],
  });
  node.dataset.nodes = String(sorted.length);

  function show(id) {
    const n = byId.get(id);
    if (!n || !details) return;
    const body = document.getElementById('ripple-details-body');
    body.className = '';
    body.textContent = '';
    const h = document.createElement('strong');
    h.textContent = n.name;
    const meta = document.createElement('div');
    meta.className = 'muted';
    meta.textContent = [n.date_label, n.type, n.side, data.show_verdict ? n.verdict : null].filter(Boolean).join(' · ');
    body.append(h, meta);
    if (n.summary) {
      const p = document.createElement('p');
      p.textContent = n.summary;
      body.append(p);
    }
    const list = (label, ids) => {
      if (!ids.length) return;
      const p = document.createElement('p');
      p.textContent = `${label}: ${ids.map((i) => (byId.get(i) || { name: i }).name).join(', ')}`;
      body.append(p);
    };
    list(T.came_from, data.edges.filter((e) => e.to === id).map((e) => e.from));
    list(T.led_to, data.edges.filter((e) => e.from === id).map((e) => e.to));
    details.dataset.node = id;
    for (const r of document.querySelectorAll('#ripple-nodes tr.selected')) r.classList.remove('selected');
    const row = document.getElementById(`node-${id}`);
    if (row) row.classList.add('selected');
  }
  chart.on('click', (p) => {
    if (p.dataType === 'node') show(p.data.id);
  });
  window.addEventListener('resize', () => chart.resize());
})();
