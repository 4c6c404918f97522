// Draws every element with data-chart: its value is the id of a <script type="application/json"> holding
// {"type": "bar"|"line", "labels": [...], "series": [{"name": "...", "data": [...]}], "unit": "%"}.
// ECharts is vendored in /lib/echarts (Apache-2.0, see its LICENSE and NOTICE).
(function () {
  function draw(el) {
    var source = document.getElementById(el.getAttribute('data-chart'));
    if (!source || !window.echarts) { return; }
    var spec = JSON.parse(source.textContent);
    var chart = window.echarts.init(el, null, { renderer: 'svg' });
    var horizontal = spec.type === 'bar' && spec.labels.length > 8;
    var category = { type: 'category', data: spec.labels, axisLabel: { interval: 0, rotate: horizontal ? 0 : 30 } };
    var value = { type: 'value', axisLabel: { formatter: '{value}' + (spec.unit || '') } };
    chart.setOption({
      animation: false,
      tooltip: { trigger: 'axis', valueFormatter: function (v) { return v === null || v === undefined ? '—' : (Math.round(v * 100) / 100) + (spec.unit || ''); } },
      legend: spec.series.length > 1 ? { top: 0 } : undefined,
      grid: { left: horizontal ? 150 : 60, right: 30, top: spec.series.length > 1 ? 40 : 20, bottom: horizontal ? 30 : 80 },
      xAxis: horizontal ? value : category,
      yAxis: horizontal ? Object.assign({}, category, { inverse: true, axisLabel: { interval: 0 } }) : value,
      series: spec.series.map(function (s) { return { name: s.name, type: spec.type, data: s.data, connectNulls: false }; })
    });
    window.addEventListener('resize', function () { chart.resize(); });
  }
  document.querySelectorAll('[data-chart]').forEach(draw);
})();
