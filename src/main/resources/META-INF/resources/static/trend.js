// The repository page's trend chart, drawn with uPlot from the tables on the page (the tables are the data: the
// page reads the same without JavaScript). One chart per metric: its samples, the predicted band (lower..upper)
// at the predicted points, and a vertical marker at every merged or rolled-back patch.
(function () {
  "use strict";

  function num(v) {
    if (v === undefined || v === null || v === "") return null;
    var n = Number(v);
    return isFinite(n) ? n : null;
  }

  function rows(selector) {
    return Array.prototype.slice.call(document.querySelectorAll(selector));
  }

  function cssVar(name, fallback) {
    var v = getComputedStyle(document.documentElement).getPropertyValue(name);
    return v && v.trim() ? v.trim() : fallback;
  }

  // One point per sample (two samples in the same second stay two points), in the table's order; a prediction
  // made for a sample sits on that sample's point, the next one after the newest sample gets its own point. The
  // band starts at the newest sample, so the "next" prediction fans out from it.
  function series(metric) {
    var points = [];
    var bySample = {};
    rows("table.samples tbody tr[data-t]").forEach(function (tr) {
      var p = { t: num(tr.dataset.t), value: num(tr.dataset[metric]) };
      bySample[tr.dataset.sample] = p;
      points.push(p);
    });
    rows("table.predictions tbody tr[data-t][data-metric='" + metric + "']").forEach(function (tr) {
      var p = tr.dataset.sample ? bySample[tr.dataset.sample] : null;
      if (!p) {
        var last = points[points.length - 1];
        if (last && last.predicted === undefined && last.value !== null) {
          last.lower = last.upper = last.value;
        }
        p = { t: num(tr.dataset.t), value: null };
        points.push(p);
      }
      p.predicted = num(tr.dataset.value);
      p.lower = num(tr.dataset.lower);
      p.upper = num(tr.dataset.upper);
    });
    points.sort(function (a, b) { return a.t - b.t; });
    var pick = function (key) { return points.map(function (p) { return p[key] === undefined ? null : p[key]; }); };
    return [pick("t"), pick("value"), pick("predicted"), pick("lower"), pick("upper")];
  }

  function markers() {
    return rows("table.events tbody tr[data-t]").map(function (tr) {
      return { t: num(tr.dataset.t), kind: tr.dataset.kind, label: tr.dataset.label || "" };
    });
  }

  function markerPlugin(events) {
    return {
      hooks: {
        draw: function (u) {
          var ctx = u.ctx;
          ctx.save();
          events.forEach(function (e) {
            var x = Math.round(u.valToPos(e.t, "x", true));
            if (x < u.bbox.left || x > u.bbox.left + u.bbox.width) return;
            ctx.strokeStyle = e.kind === "rolled-back" ? cssVar("--revert", "#cf222e") : cssVar("--keep", "#1a7f37");
            ctx.lineWidth = 2 * devicePixelRatio;
            ctx.setLineDash(e.kind === "rolled-back" ? [6, 4] : []);
            ctx.beginPath();
            ctx.moveTo(x, u.bbox.top);
            ctx.lineTo(x, u.bbox.top + u.bbox.height);
            ctx.stroke();
          });
          ctx.restore();
        }
      }
    };
  }

  function draw(el) {
    if (typeof uPlot === "undefined") return;
    var metric = el.dataset.metric;
    var data = series(metric);
    var samples = data[1].filter(function (v) { return v !== null; }).length;
    var color = cssVar(metric === "errors" ? "--errors" : "--roi", "#0969da");
    var fg = cssVar("--fg", "#1f2328");
    var grid = cssVar("--line", "#d1d9e0");
    var axis = { stroke: fg, grid: { stroke: grid }, ticks: { stroke: grid } };
    var opts = {
      title: el.dataset.title || metric,
      width: Math.max(280, el.clientWidth),
      height: 240,
      scales: { x: { time: true } },
      axes: [axis, Object.assign({}, axis, { size: 56 })],
      series: [
        {},
        { label: metric, stroke: color, width: 2, points: { show: true, size: 6, fill: color } },
        { label: "predicted", stroke: color, dash: [4, 4], points: { show: true, size: 6 } },
        { label: "lower", stroke: "transparent", points: { show: false } },
        { label: "upper", stroke: "transparent", points: { show: false } }
      ],
      bands: [{ series: [4, 3], fill: cssVar("--band", "rgba(9,105,218,0.15)") }],
      plugins: [markerPlugin(markers())]
    };
    el.textContent = "";
    var plot = new uPlot(opts, data, el);
    // What the browser tests (and a curious reader) check: the chart drew one point per sample.
    el.dataset.points = String(samples);
    el.dataset.drawn = "true";
    var resize = function () { plot.setSize({ width: Math.max(280, el.clientWidth), height: 240 }); };
    window.addEventListener("resize", resize);
  }

  function start() {
    rows(".chart[data-metric]").forEach(draw);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
