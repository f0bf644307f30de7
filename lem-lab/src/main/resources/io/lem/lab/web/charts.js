// Plain SVG bar charts drawn here, so that the page needs no chart library and works offline.
"use strict";
window.LabCharts = (function () {
  const NS = "http://www.w3.org/2000/svg";
  function node(name, attrs, text) {
    const n = document.createElementNS(NS, name);
    for (const k in attrs) n.setAttribute(k, attrs[k]);
    if (text !== undefined) n.textContent = text;
    return n;
  }
  // series: [{label, values: [number|null], color}], labels: x labels
  function bars(container, title, labels, series, unit) {
    container.textContent = "";
    const w = 600, h = 140, left = 50, bottom = 20, top = 18;
    const svg = node("svg", { viewBox: "0 0 " + w + " " + h, role: "img" });
    svg.appendChild(node("title", {}, title));
    svg.appendChild(node("text", { x: left, y: 12, "font-size": 11 }, title + (unit ? " (" + unit + ")" : "")));
    const all = series.flatMap(s => s.values).filter(v => v !== null && isFinite(v));
    const max = all.length ? Math.max(...all, 0) : 0;
    svg.appendChild(node("text", { x: 2, y: top + 8, "font-size": 9 }, max ? max.toPrecision(3) : "0"));
    const slot = labels.length ? (w - left) / labels.length : 0;
    const bw = slot / (series.length + 1);
    labels.forEach((label, i) => {
      series.forEach((s, j) => {
        const v = s.values[i];
        if (v === null || !isFinite(v)) return;
        const bh = max > 0 ? (h - bottom - top) * v / max : 0;
        const r = node("rect", { x: left + i * slot + j * bw, y: h - bottom - bh, width: bw * 0.9, height: bh,
          fill: s.color, "class": "bar" });
        r.appendChild(node("title", {}, s.label + " " + label + ": " + v.toPrecision(4)));
        svg.appendChild(r);
      });
      svg.appendChild(node("text", { x: left + i * slot, y: h - 5, "font-size": 9 }, label));
    });
    series.forEach((s, j) => svg.appendChild(node("text", { x: w - 150, y: 12 + 10 * j, "font-size": 9, fill: s.color }, s.label)));
    container.appendChild(svg);
  }
  return { bars };
})();
