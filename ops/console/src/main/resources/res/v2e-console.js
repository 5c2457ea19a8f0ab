/*
 * The v2e Web Console page's script (served by the bundle, no external code): every refresh it fetches
 * data.json (the plugin's snapshot), redraws the CPU map, the workers' "CPU now" cells and the endpoint
 * rows, and adds one sample to the latency plot, an inline SVG it draws itself. Values only ever go
 * into the page as text (textContent, attribute values), never as HTML.
 */
(function () {
  'use strict';
  var root = document.getElementById('v2e-console');
  if (!root) {
    return;
  }
  var SVG = 'http://www.w3.org/2000/svg';
  // location.origin leaves out user:password@ (fetch refuses a URL that carries credentials)
  var dataUrl = location.origin + root.getAttribute('data-data-url');
  var refreshMs = parseInt(root.getAttribute('data-refresh-ms'), 10) || 1000;
  var maxPoints = parseInt(root.getAttribute('data-plot-points'), 10) || 120;
  var series = [
    { key: 'handler_p50', label: 'handler p50', color: '#2a7ab0' },
    { key: 'handler_p99', label: 'handler p99', color: '#d0582a' },
    { key: 'queue_p99', label: 'queue p99', color: '#3f9b3f' }
  ];
  var samples = [];

  function el(name, attrs, text) {
    var e = document.createElement(name);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined) {
      e.textContent = String(text);
    }
    return e;
  }

  function svg(name, attrs, text) {
    var e = document.createElementNS(SVG, name);
    Object.keys(attrs).forEach(function (k) { e.setAttribute(k, String(attrs[k])); });
    if (text !== undefined) {
      e.textContent = String(text);
    }
    return e;
  }

  function micros(ns) {
    return (ns / 1000).toFixed(1);
  }

  function drawCpuMap(data) {
    var body = document.querySelector('#v2e-cpumap tbody');
    if (!body) {
      return;
    }
    var rows = [];
    data.cpus.forEach(function (cpu) {
      var tr = el('tr', { 'data-cpu': cpu });
      tr.appendChild(el('td', {}, cpu));
      var td = el('td');
      data.cpu_map.filter(function (p) { return p.cpu === cpu; }).forEach(function (p) {
        td.appendChild(el('span', { 'class': 'v2e-thread v2e-' + p.kind, 'data-tid': p.tid }, p.thread + ' (' + p.tid + ')'));
        td.appendChild(document.createTextNode(' '));
      });
      tr.appendChild(td);
      rows.push(tr);
    });
    body.replaceChildren.apply(body, rows);
  }

  function drawWorkers(data) {
    var now = {};
    data.cpu_map.forEach(function (p) { now[p.tid] = p.cpu; });
    document.querySelectorAll('#v2e-workers tr.v2e-worker').forEach(function (tr) {
      var cell = tr.querySelector('.v2e-cpu-now');
      var cpu = now[tr.getAttribute('data-tid')];
      if (cell) {
        cell.textContent = cpu === undefined || cpu === null ? '' : String(cpu);
      }
    });
  }

  function drawEndpoints(data) {
    var body = document.querySelector('#v2e-endpoints tbody');
    if (!body) {
      return;
    }
    var rows = data.endpoints.map(function (e) {
      var tr = el('tr', { 'class': 'v2e-endpoint', 'data-name': e.name });
      [e.name, e.kind, e.worker, e.queue_depth, e.received, e.delivered, e.errors, e.drops,
        micros(e.queue_latency_ns.p99), micros(e.handler_latency_ns.p50), micros(e.handler_latency_ns.p99)]
        .forEach(function (v) { tr.appendChild(el('td', {}, v)); });
      return tr;
    });
    body.replaceChildren.apply(body, rows);
  }

  function drawPlot() {
    var plot = document.getElementById('v2e-plot');
    if (!plot) {
      return;
    }
    var w = 900, h = 260, left = 60, right = 150, top = 10, bottom = 30;
    var pw = w - left - right, ph = h - top - bottom;
    var max = 1;
    samples.forEach(function (s) {
      series.forEach(function (ser) { max = Math.max(max, s[ser.key]); });
    });
    max = max * 1.1;
    var parts = [svg('rect', { x: left, y: top, width: pw, height: ph, fill: '#fafafa', stroke: '#999' })];
    for (var i = 0; i <= 4; i++) {
      var y = top + ph - (ph * i) / 4;
      parts.push(svg('line', { x1: left, y1: y, x2: left + pw, y2: y, stroke: '#ddd' }));
      parts.push(svg('text', { x: left - 6, y: y + 4, 'text-anchor': 'end', 'font-size': 11 }, ((max * i) / 4).toFixed(1)));
    }
    parts.push(svg('text', { x: left, y: h - 8, 'font-size': 11 },
      '\u00b5s, last ' + samples.length + ' samples, one every ' + refreshMs + ' ms'));
    var step = maxPoints > 1 ? pw / (maxPoints - 1) : pw;
    series.forEach(function (ser, k) {
      var points = samples.map(function (s, j) {
        var x = left + pw - (samples.length - 1 - j) * step;
        return x.toFixed(1) + ',' + (top + ph - (s[ser.key] / max) * ph).toFixed(1);
      }).join(' ');
      parts.push(svg('polyline', { 'class': 'v2e-series', 'data-series': ser.key, points: points, fill: 'none',
        stroke: ser.color, 'stroke-width': 2 }));
      parts.push(svg('rect', { x: left + pw + 12, y: top + 8 + k * 20, width: 12, height: 4, fill: ser.color }));
      parts.push(svg('text', { x: left + pw + 30, y: top + 13 + k * 20, 'font-size': 12 }, ser.label));
    });
    plot.replaceChildren.apply(plot, parts);
    plot.setAttribute('data-samples', String(samples.length));
  }

  function update(data) {
    samples.push({
      handler_p50: data.handler_latency_ns.p50 / 1000,
      handler_p99: data.handler_latency_ns.p99 / 1000,
      queue_p99: data.queue_latency_ns.p99 / 1000
    });
    while (samples.length > maxPoints) {
      samples.shift();
    }
    drawCpuMap(data);
    drawWorkers(data);
    drawEndpoints(data);
    drawPlot();
    root.setAttribute('data-updated', String(data.time_ms));
  }

  function refresh() {
    fetch(dataUrl, { credentials: 'same-origin', cache: 'no-store' })
      .then(function (r) {
        if (!r.ok) {
          throw new Error('data.json answered ' + r.status);
        }
        return r.json();
      })
      .then(update)
      .catch(function (e) { root.setAttribute('data-error', String(e)); })
      .then(function () { setTimeout(refresh, refreshMs); });
  }

  refresh();
}());
