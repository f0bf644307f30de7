// The Energy Lab page. Every text that comes from a user or a model is set with textContent, never parsed as HTML.
"use strict";
(function () {
  const $ = id => document.getElementById(id);
  const token = new URLSearchParams(location.search).get("token");
  const PRESETS = {
    "(none)": "",
    "helpful assistant": "You are a helpful assistant.",
    "concise expert": "You are an expert. Answer concisely and precisely, without preamble.",
    "tutor": "You are a patient tutor. Explain step by step and check understanding."
  };
  let currentJob = null, lastRun = null, benchmarks = [], history = [], batchRows = 0;

  function headers(json) {
    const h = {};
    if (json) h["Content-Type"] = "application/json";
    if (token) h["Authorization"] = "Bearer " + token;
    return h;
  }
  async function api(path, body) {
    const r = await fetch(path, body === undefined ? { headers: headers(false) }
      : { method: "POST", headers: headers(true), body: JSON.stringify(body) });
    const data = await r.json().catch(() => ({}));
    if (!r.ok) throw new Error(data.error || ("HTTP " + r.status));
    return data;
  }
  function el(tag, text, cls) {
    const n = document.createElement(tag);
    if (text !== undefined && text !== null) n.textContent = String(text);
    if (cls) n.className = cls;
    return n;
  }
  function row(table, cells, cls) {
    const tr = el("tr", null, cls);
    cells.forEach(c => tr.appendChild(c instanceof Node ? wrap(c) : el("td", c)));
    table.tBodies[0].appendChild(tr);
    return tr;
  }
  function wrap(n) { const td = el("td"); td.appendChild(n); return td; }
  function fmt(v, digits) {
    if (v === null || v === undefined) return "—";
    if (typeof v !== "number") return String(v);
    if (Number.isInteger(v)) return String(v);
    return v === 0 ? "0" : Math.abs(v) < 1e-3 || Math.abs(v) >= 1e5 ? v.toExponential(digits || 3) : v.toPrecision(digits || 4);
  }
  function log(text, cls) { $("log").appendChild(el("li", text, cls)); }
  function status(text) { $("status").textContent = text; }

  function composition() {
    const injections = [...document.querySelectorAll(".injection")].map(d => ({
      description: d.querySelector(".inj-name").value, content: d.querySelector(".inj-content").value }));
    const seed = $("seed").value;
    return {
      model: $("model").value || null, query: $("query").value, system_prompt: $("system-prompt").value,
      context: $("context").value, injections, thinking: $("thinking").checked,
      temperature: Number($("temperature").value), max_tokens: Number($("max-tokens").value),
      seed: seed === "" ? null : Number(seed)
    };
  }
  function addInjection(name, content) {
    const d = el("div", null, "injection");
    const n = el("input"); n.className = "inj-name"; n.placeholder = "name"; n.value = name || "";
    const c = el("textarea"); c.className = "inj-content"; c.rows = 2; c.placeholder = "text appended to the system prompt"; c.value = content || "";
    const rm = el("button", "Remove"); rm.type = "button"; rm.onclick = () => d.remove();
    d.append(n, c, rm);
    $("injections").appendChild(d);
  }

  function follow(job, onRun, onSummary) {
    currentJob = job.id;
    $("stop").disabled = false;
    const url = job.events + (token ? "?token=" + encodeURIComponent(token) : "");
    const es = new EventSource(url);
    const on = (type, f) => es.addEventListener(type, e => f(JSON.parse(e.data)));
    on("queued", d => {
      if (d.ahead === 0) return;
      status("queued (position " + d.position + ", " + d.ahead + " ahead)");
      log("queued: " + d.ahead + " measurement(s) ahead; one measurement at a time on this machine");
    });
    on("state", d => { if (d.state === "running") status("running"); });
    on("progress", d => {
      if (d.of > 1) $("batch-progress").textContent = "run " + (d.index + 1) + " of " + d.of
        + (d.eta_s !== null ? ", ETA " + Math.round(d.eta_s) + " s" : "");
      $("answer").textContent = ""; $("thinking-text").textContent = "";
    });
    on("warmup", d => log("warm-up (not measured): " + fmt(d.duration_s) + " s" + (d.load_duration_ms !== null
      ? ", model load " + fmt(d.load_duration_ms) + " ms, kept out of the measurement" : "")));
    on("baseline_start", d => log("baseline: idling " + d.duration_s + " s (meters: " + (d.meters.join(", ") || "none") + ")"));
    on("baseline", d => log("baseline power " + fmt(d.idle_power_w) + " W (" + d.domains + ")"));
    on("mark", d => log("mark " + d.mark + " at " + fmt(d.t_s) + " s"));
    on("chunk", d => { (d.thinking ? $("thinking-text") : $("answer")).textContent += d.text; });
    on("measurement", d => {
      const est = d.estimated ? " [estimated" + (d.estimate_label ? ": " + d.estimate_label : "") + "]" : "";
      log("prefill " + fmt(d.prefill_j) + " J, decode " + fmt(d.decode_j) + " J, total " + fmt(d.total_j) + " J" + est,
        d.estimated ? "estimated" : "");
      log("Wh/1000 output tokens " + fmt(d.wh_per_1000_output_tokens) + ", E_llm " + fmt(d.e_llm_j) + " J, M_eff "
        + fmt(d.m_eff_j) + " J" + (d.gpu_energy_j !== null ? ", GPU " + fmt(d.gpu_energy_j) + " J" : ""));
    });
    on("run", r => { lastRun = r; showRun(r); if (onRun) onRun(r); });
    on("summary", s => { if (onSummary) onSummary(s); });
    on("benchmark", b => { $("calibrate-status").textContent = "benchmark " + b.name + " stored"; loadBenchmarks(); });
    on("error", d => log("error: " + d.message, "bad"));
    on("end", d => {
      es.close(); currentJob = null; $("stop").disabled = true;
      status(d.state); refreshSession();
    });
  }

  function showRun(r) {
    $("mode").textContent = "mode: " + r.mode + (r.estimated ? " — estimated" + (r.estimate_label ? " (" + r.estimate_label + ")" : "") : "");
    $("mode").className = r.estimated ? "estimated" : "";
    const t = $("figures"); t.tBodies[0].textContent = "";
    const est = r.estimated ? " (estimated)" : "";
    [["status", r.status + (r.error ? ": " + r.error : "")], ["prompt / output / thinking tokens",
      fmt(r.prompt_tokens) + " / " + r.output_tokens + " / " + r.thinking_tokens],
     ["TTFT (ms)", fmt(r.ttft_ms)], ["duration (s)", fmt(r.duration_s)], ["output tokens/s", fmt(r.output_tokens_per_s)],
     ["idle power (W)", fmt(r.idle_power_w)], ["prefill energy (J)" + est, fmt(r.prefill_j)], ["decode energy (J)" + est, fmt(r.decode_j)],
     ["total energy (J)" + est, fmt(r.total_j)], ["total energy (Wh)" + est, fmt(r.total_wh)],
     ["active prefill / decode / total (J)", fmt(r.active_prefill_j) + " / " + fmt(r.active_decode_j) + " / " + fmt(r.active_total_j)],
     ["Wh per 1000 output tokens" + est, fmt(r.wh_per_1000_output_tokens)], ["Wh per 1000 tokens" + est, fmt(r.wh_per_1000_total_tokens)],
     ["E_llm (J)", fmt(r.e_llm_j)], ["M_eff (J)", fmt(r.m_eff_j)], ["GPU energy (J)", fmt(r.gpu_energy_j)],
     ["carbon (g CO2e)", r.carbon ? fmt(r.carbon.grams_co2e) + " at " + fmt(r.carbon.g_per_kwh) + " g/kWh (" + r.carbon.zone + ")" : "choose a grid"],
     ["verification", r.verification ? (r.verification.passed ? "passed" : "FAILED") + " (" + r.verification.figures_checked + " figures)" : "—"],
     ["engine", r.engine], ["warnings", (r.warnings || []).join("; ") || "none"]]
      .forEach(([k, v]) => row(t, [k, v]));
    const tok = $("tokens"); tok.tBodies[0].textContent = "";
    r.token_analysis.parts.forEach(p => row(tok, [p.name, p.side, p.tokens, fmt(p.energy_j), p.energy_share === null ? "—" : (100 * p.energy_share).toFixed(1) + " %"]));
    $("token-notes").textContent = "counted by " + r.token_analysis.counted_by + "; overhead " + r.token_analysis.overhead_tokens
      + " of " + r.token_analysis.prompt_tokens + " prompt tokens. " + r.token_analysis.notes.join(" ");
    compare(r);
  }

  function compare(r) {
    const t = $("comparison"); t.tBodies[0].textContent = "";
    const sel = benchmarks.filter(b => b.kind !== "reference" || b.name === $("benchmark").value).slice(0, 12);
    sel.forEach(b => {
      const gen = r.output_tokens + r.thinking_tokens;
      const e = b.wh_per_1000_input_tokens === null ? null
        : b.wh_per_1000_input_tokens * (r.prompt_tokens || 0) / 1000 + (b.wh_per_1000_output_tokens || 0) * gen / 1000;
      row(t, [b.name, b.kind, fmt(e), fmt(r.total_wh), e && r.total_wh !== null ? fmt(r.total_wh / e, 3) : "—"]);
    });
  }

  function batchRow(s, label) {
    const w = s.wh_per_1000_output_tokens;
    const rm = el("button", "Remove"); rm.type = "button";
    const tr = row($("batch-table"), [label, s.completed_runs + " of " + s.requested_runs + (s.cancelled ? " (cancelled)" : ""),
      fmt(w.mean), fmt(w.median), fmt(w.std), fmt(w.p5) + " – " + fmt(w.p95), fmt(w.cv),
      fmt(s.prompt_tokens.mean) + " / " + fmt(s.prompt_tokens.median), fmt(s.output_tokens.mean) + " / " + fmt(s.output_tokens.median),
      fmt(s.total_wh.mean) + " / " + fmt(s.total_wh.median), fmt(s.prefill_wh.mean), fmt(s.decode_wh.mean), rm], "summary-row");
    rm.onclick = () => tr.remove();
  }

  async function start(path, extra, onRun, onSummary) {
    $("log").textContent = ""; $("answer").textContent = ""; $("thinking-text").textContent = "";
    try {
      const job = await api(path, Object.assign(composition(), extra || {}));
      status(job.state);
      follow(job, onRun, onSummary);
    } catch (e) { status("error: " + e.message); }
  }

  async function loadBenchmarks() {
    const b = await api("/api/energy-benchmarks");
    benchmarks = b.benchmarks;
    const sel = $("benchmark"); sel.textContent = "";
    const names = benchmarks.map(x => x.name);
    if (!names.includes(b.selected)) names.unshift(b.selected);
    names.forEach(n => { const o = el("option", n); o.value = n; sel.appendChild(o); });
    sel.value = b.selected;
    const t = $("benchmarks"); t.tBodies[0].textContent = "";
    benchmarks.filter(x => x.kind !== "reference").concat(benchmarks.filter(x => x.kind === "reference").slice(0, 8))
      .forEach(x => row(t, [x.name, x.kind, fmt(x.wh_per_1000_input_tokens), fmt(x.wh_per_1000_output_tokens), x.source]));
  }

  async function refreshSession() {
    const s = await api("/api/session-summary");
    const t = $("summary"); t.tBodies[0].textContent = "";
    [["runs (completed)", s.runs + " (" + s.completed_runs + ")"], ["energy (Wh)" + (s.estimated ? " (includes estimates)" : ""), fmt(s.total_wh)],
     ["carbon (g CO2e)", fmt(s.carbon_g_co2e)], ["prompt / output tokens", s.prompt_tokens + " / " + s.output_tokens],
     ["mean Wh per run", fmt(s.mean_wh_per_run)], ["Wh per 1000 output tokens", fmt(s.wh_per_1000_output_tokens)]]
      .forEach(([k, v]) => row(t, [k, v]));
    history = (await api("/api/history")).runs;
    const h = $("history"); h.tBodies[0].textContent = "";
    history.forEach(r => {
      const remove = el("button", "Remove", "remove-run");
      remove.onclick = async () => {
        await api("/api/history/" + encodeURIComponent(r.run_id) + "/delete", {});
        await refreshSession();
      };
      row(h, [r.run_id.slice(0, 8) + "…" + r.index, r.status, r.mode, fmt(r.total_wh),
        fmt(r.wh_per_1000_output_tokens), r.carbon ? fmt(r.carbon.grams_co2e) : "—", remove]);
    });
    charts();
  }

  function charts() {
    const ok = history.filter(r => r.status === "ok");
    const labels = ok.map((r, i) => String(i + 1));
    const norm = $("chart-norm").value;
    const per = r => norm === "output" ? r.output_tokens : norm === "input" ? r.prompt_tokens : (r.prompt_tokens || 0) + r.output_tokens + r.thinking_tokens;
    LabCharts.bars($("chart-energy"), "Total energy per run", labels, [{ label: "total", values: ok.map(r => r.total_wh), color: "#3366cc" },
      { label: "estimate (benchmark)", values: ok.map(r => r.benchmark_estimate_wh), color: "#aaaaaa" }], "Wh");
    LabCharts.bars($("chart-intensity"), "Intensity per 1000 " + norm + " tokens", labels,
      [{ label: "intensity", values: ok.map(r => per(r) > 0 && r.total_wh !== null ? r.total_wh / per(r) * 1000 : null), color: "#8e44ad" }], "Wh");
    LabCharts.bars($("chart-phases"), "Prefill / decode / total", labels, [{ label: "prefill", values: ok.map(r => r.prefill_wh), color: "#e67e22" },
      { label: "decode", values: ok.map(r => r.decode_wh), color: "#27ae60" }, { label: "total", values: ok.map(r => r.total_wh), color: "#3366cc" }], "Wh");
    LabCharts.bars($("chart-speed"), "Speed", labels, [{ label: "output tok/s", values: ok.map(r => r.output_tokens_per_s), color: "#16a085" }], "tok/s");
    LabCharts.bars($("chart-carbon"), "Carbon", labels, [{ label: "g CO2e", values: ok.map(r => r.carbon ? r.carbon.grams_co2e : null), color: "#7f8c8d" }], "g");
  }

  async function init() {
    Object.keys(PRESETS).forEach(k => { const o = el("option", k); o.value = k; $("system-preset").appendChild(o); });
    $("system-preset").onchange = () => { $("system-prompt").value = PRESETS[$("system-preset").value]; };
    $("add-injection").onclick = () => addInjection();
    $("run").onclick = () => start("/api/run");
    $("stop").onclick = () => { if (currentJob) api("/api/jobs/" + currentJob + "/cancel", {}).catch(e => status(e.message)); };
    $("batch").onclick = () => {
      $("batch-progress").textContent = "";
      start("/api/batch", { runs: Number($("batch-runs").value) }, null, s => batchRow(s, "batch " + (++batchRows)));
    };
    $("calibrate").onclick = async () => {
      $("calibrate-status").textContent = "calibrating…";
      try {
        const r = await api("/api/rapl-calibrate", Object.assign(composition(), { runs: Number($("calibrate-runs").value) }));
        $("calibrate-status").textContent = "benchmark " + r.benchmark.name + " stored";
        loadBenchmarks(); refreshSession();
      } catch (e) { $("calibrate-status").textContent = "error: " + e.message; }
    };
    $("custom-add").onclick = async () => {
      try {
        const outV = $("custom-out").value;
        await api("/api/add-custom-benchmark", { name: $("custom-name").value, wh_per_1000_input_tokens: Number($("custom-in").value),
          wh_per_1000_output_tokens: outV === "" ? null : Number(outV) });
        $("custom-status").textContent = "added"; loadBenchmarks();
      } catch (e) { $("custom-status").textContent = e.message; }
    };
    $("benchmark").onchange = () => api("/api/session", { benchmark: $("benchmark").value }).then(() => lastRun && compare(lastRun));
    $("country").onchange = () => api("/api/session", { country: $("country").value || null }).then(showCarbon);
    $("carbon-set").onclick = () => api("/api/session", { carbon_g_per_kwh: Number($("carbon-factor").value) }).then(showCarbon)
      .catch(e => { $("carbon-source").textContent = e.message; });
    $("chart-norm").onchange = charts;
    if (token) ["export-json", "export-csv"].forEach(id => { $(id).href += "&token=" + encodeURIComponent(token); });

    const h = await api("/api/health");
    $("engine").textContent = h.engine + (h.model_load_s !== null ? " — model loaded in " + h.model_load_s.toFixed(1) + " s (outside every measurement)" : "");
    const m = await api("/api/models");
    m.models.forEach(n => { const o = el("option", n); o.value = n; $("model").appendChild(o); });
    $("context-length").textContent = m.context_length ? "context " + m.context_length + " tokens" : "";
    const e = await api("/api/emissions");
    e.countries.forEach(c => { const o = el("option", c.country + " — " + c.g_per_kwh + " g/kWh (" + c.year + ")"); o.value = c.code; $("country").appendChild(o); });
    $("country").value = e.selected.country || "";
    $("carbon-source").textContent = "source: " + e.source;
    await loadBenchmarks();
    await refreshSession();
    document.body.dataset.ready = "true";
  }
  function showCarbon(s) {
    $("carbon-source").textContent = s.carbon_g_per_kwh !== null ? "own factor " + s.carbon_g_per_kwh + " g CO2e/kWh"
      : s.country ? "country " + s.country : "no grid chosen";
  }
  init().catch(e => status("error: " + e.message));
})();
