// Visitor flows: the page carries the two series in
// <script type="application/json" id="flows-data"> and the same figures in
// a table; this script draws them as two lines over the months, each
// point's stage in its tooltip, and sets data-chart-ready="true" once
// drawn. The pair chooser fills the a and b fields from its option.
(function () {
  'use strict';
  const form = document.getElementById('pair-form');
  if (form) {
    const select = form.querySelector('[data-pair]');
    const sync = () => {
      const [a, b] = select.value.split('|');
      form.elements.a.value = a;
      form.elements.b.value = b;
    };
    select.addEventListener('change', sync);
    form.addEventListener('submit', () => {
      sync();
      select.disabled = true;
    });
  }
  const source = document.getElementById('flows-data');
  if (!source || !window.echarts) return;
  const data = JSON.parse(source.textContent);
  const node = document.getElementById('flows-chart');
  if (!data || !node) return;
  document.getElementById('flows-charts').hidden = false;
  const enc = echarts.format.encodeHTML;
  const chart = echarts.init(node, null, { renderer: 'canvas' });
  chart.on('finished', () => node.setAttribute('data-chart-ready', 'true'));
  const colours = ['#1f5f99', '#d0702a'];
  chart.setOption({
    animation: false,
    textStyle: { fontFamily: getComputedStyle(document.documentElement).fontFamily },
    grid: { left: 56, right: 16, top: 48, bottom: 40 },
    legend: { top: 0, type: 'scroll' },
    tooltip: {
      trigger: 'axis',
      formatter(items) {
        if (!items.length) return '';
        const i = items[0].dataIndex;
        const lines = items
          .filter((it) => it.value != null)
          .map((it) => {
            const stage = data.series[it.seriesIndex].stages[i];
            return `${it.marker}${enc(it.seriesName)} <b>${Number(it.value).toLocaleString()}</b> (${enc(stage)})`;
          });
        return [enc(data.months[i])].concat(lines).join('<br>');
      },
    },
    xAxis: { type: 'category', data: data.months },
    yAxis: { type: 'value', minInterval: 1 },
    series: data.series.map((s, k) => ({
      name: s.name,
      type: 'line',
      connectNulls: false,
      itemStyle: { color: colours[k % colours.length] },
      data: s.data,
    })),
  });
  window.addEventListener('resize', () => chart.resize());
})();
