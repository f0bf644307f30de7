// Draws every chart of the page from the JSON embedded in #lem-data with the inlined ECharts; window.lemCharts holds
// the instances by chart id (the browser test reads their state through it).
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('lem-data').textContent);
  // greyscale readable: each series has its own dash pattern and marker, not only its colour
  var DASH = ['solid', 'dashed', 'dotted', [8, 3, 2, 3], [12, 5], [4, 2, 4, 6]];
  var SYMBOLS = ['circle', 'rect', 'triangle', 'diamond', 'roundRect', 'pin', 'arrow'];
  var BANDS = {'baseline': 'rgba(90,90,90,0.12)', 'warm-up': 'rgba(230,160,0,0.14)', 'measured': 'rgba(0,90,200,0.06)',
    'steady state': 'rgba(0,150,60,0.12)', 'prefill': 'rgba(200,40,40,0.10)'};

  function fmt(v) {
    if (typeof v !== 'number') { return String(v); }
    var a = Math.abs(v);
    return a !== 0 && (a >= 1e5 || a < 1e-3) ? v.toExponential(3) : String(Number(v.toPrecision(4)));
  }

  function errorBar(params, api) {
    var x = api.value(0);
    var lo = api.coord([x, api.value(1)]);
    var hi = api.coord([x, api.value(2)]);
    var style = {stroke: api.visual('color'), lineWidth: 1.5};
    return {type: 'group', children: [
      {type: 'line', shape: {x1: lo[0], y1: lo[1], x2: hi[0], y2: hi[1]}, style: style},
      {type: 'line', shape: {x1: lo[0] - 6, y1: lo[1], x2: lo[0] + 6, y2: lo[1]}, style: style},
      {type: 'line', shape: {x1: hi[0] - 6, y1: hi[1], x2: hi[0] + 6, y2: hi[1]}, style: style}]};
  }

  function draw(c) {
    var cats = c.x_categories;
    var xName = function (x) { return cats.length ? cats[x] : fmt(x); };
    var series = [];
    c.series.forEach(function (s, i) {
      var base = {name: s.name, data: s.data.map(function (d) { return [d[0], d[1]]; }),
        symbol: SYMBOLS[i % SYMBOLS.length]};
      if (s.kind === 'bar') {
        base.type = 'bar';
        base.itemStyle = {borderColor: '#000', borderWidth: 1, decal: i % 2 ? {symbol: 'rect', dashArrayX: [1, 0],
          dashArrayY: [2, 4], rotation: 0.8} : null};
      } else if (s.kind === 'scatter') {
        base.type = 'scatter';
        base.symbolSize = 10;
      } else {
        base.type = 'line';
        base.showSymbol = s.kind === 'line_markers' || s.data.length < 30;
        base.symbolSize = s.highlight ? 13 : 7;
        base.lineStyle = {type: s.highlight ? 'solid' : DASH[i % DASH.length], width: s.highlight ? 3.5 : 1.5};
        if (s.highlight) { base.itemStyle = {color: '#000'}; base.z = 5; }
      }
      series.push(base);
      if (s.data.length && s.data[0].length === 4) {
        series.push({type: 'custom', name: s.name, renderItem: errorBar, encode: {x: 0, y: [1, 2]}, z: 4,
          data: s.data.map(function (d) { return [d[0], d[2], d[3], d[1]]; }),
          tooltip: {formatter: function (p) {
            return p.seriesName + '<br>' + c.x_label + ': ' + xName(p.value[0]) + '<br>mean ' + fmt(p.value[3])
              + ', 95% CI [' + fmt(p.value[1]) + ', ' + fmt(p.value[2]) + ']';
          }}});
      }
    });
    if (c.bands.length && series.length) {
      series[0].markArea = {label: {position: 'insideTop', fontSize: 10, color: '#333'},
        data: c.bands.map(function (b) {
          return [{name: b[0] === 'prefill' ? '' : b[0], xAxis: b[1], itemStyle: {color: BANDS[b[0]] || 'rgba(0,0,0,0.08)'}},
            {xAxis: b[2]}];
        })};
    }
    var axisName = {nameLocation: 'middle', nameGap: 32, nameTextStyle: {fontSize: 12}};
    var el = document.getElementById('chart-' + c.id);
    var chart = echarts.init(el, null, {renderer: 'canvas'});
    chart.setOption({
      animation: false,
      title: {text: c.title, left: 'center', textStyle: {fontSize: 14}},
      tooltip: {trigger: 'item', formatter: function (p) {
        return p.seriesName + '<br>' + c.x_label + ': ' + xName(p.value[0]) + '<br>' + c.y_label + ': ' + fmt(p.value[1]);
      }},
      legend: {top: 26, type: 'scroll'},
      grid: {top: 70, left: 90, right: 30, bottom: 60},
      xAxis: Object.assign(cats.length ? {type: 'category', data: cats} : {type: 'value', scale: true},
        {name: c.x_label}, axisName),
      yAxis: Object.assign({type: 'value', scale: true, name: c.y_label}, axisName, {nameGap: 64}),
      series: series
    });
    window.lemCharts[c.id] = chart;
  }

  window.lemCharts = {};
  data.charts.forEach(draw);
  window.addEventListener('resize', function () {
    Object.keys(window.lemCharts).forEach(function (k) { window.lemCharts[k].resize(); });
  });
})();
