// publish watch: show the newest page the server made, in place, with its copyfit.
"use strict";
const $ = (s) => document.querySelector(s);
const el = (tag, cls, text) => { const e = document.createElement(tag); if (cls) e.className = cls; if (text != null) e.textContent = text; return e; };
const STATUS = { ok: "正常", error: "有错误", overflow: "排不下", short: "排不满", blocked: "不能付印", building: "正在排版…", offline: "与预览程序断开" };
const HEADINGS = {
  error: "排版没有完成，版面仍是上一次排好的样子",
  overflow: "排不下：下面的版面是这次的排法，build/ 里的 PDF 和 DOCX 仍是上一次排好的",
  short: "排不满：PDF 和 DOCX 已写出，但版面上有空白（开天窗），不能付印",
  blocked: "不能写出：下面的版面是这次的排法，build/ 里的 PDF 和 DOCX 仍是上一次的",
};
let zoom = 1, state = null, shown = null, pending = null, loading = 0, cpl = 0;
window.__watch = { generation: null, loadedAt: null, states: 0 };

function short(name) { return (name || "").split("（")[0]; }

function imageWidth() {
  const w = $("#sheets").getBoundingClientRect().width || 800;
  return Math.round(w * (window.devicePixelRatio || 1));
}

function layoutSheets() {
  // zoom 1 = the whole page in view, as an editor first looks at it
  const stage = $("#stage");
  const aspect = state && state.preview ? state.preview.size[0] / state.preview.size[1] : 0.72;
  const fit = Math.max(200, Math.min(stage.clientWidth - 32, (stage.clientHeight - 32) * aspect));
  $("#sheets").style.width = Math.round(fit * zoom) + "px";
  $("#zoom-level").textContent = Math.round(zoom * 100) + "%";
}

function pageUrl(pv, n) { return `/page/${pv.generation}/${n}.jpg?w=${imageWidth()}`; }

function loadImage(url) {
  return new Promise((ok, fail) => { const img = new Image(); img.onload = () => ok(img); img.onerror = fail; img.src = url; });
}

async function showPreview(pv) {
  const token = ++loading;
  pending = pv.generation;
  let imgs;
  try {
    imgs = await Promise.all(Array.from({ length: pv.count }, (_, i) => loadImage(pageUrl(pv, i + 1))));
  } catch (e) { if (token === loading) pending = null; return; }  // an older generation: a newer state is on its way
  if (token !== loading) return;
  pending = null;
  const sheets = $("#sheets");
  while (sheets.children.length > pv.count) sheets.lastChild.remove();
  pv.pages.forEach((page, i) => {
    let sheet = sheets.children[i];
    if (!sheet) { sheet = el("div", "sheet"); sheet.append(el("img"), el("div", "marks")); sheets.append(sheet); }
    sheet.style.aspectRatio = `${pv.size[0]} / ${pv.size[1]}`;
    const img = sheet.querySelector("img");
    img.src = imgs[i].src;
    img.id = `page-${i + 1}`;
    img.alt = `第 ${i + 1} 页`;
    img.dataset.generation = pv.generation;
    drawMarks(sheet.querySelector(".marks"), page, pv);
  });
  shown = pv.generation;
  window.__watch.generation = pv.generation;
  window.__watch.loadedAt = Date.now();
}

function place(node, box) {
  node.style.left = box[0] * 100 + "%"; node.style.top = box[1] * 100 + "%";
  node.style.width = box[2] * 100 + "%"; node.style.height = box[3] * 100 + "%";
}

// Short enough for a column at whole-page view: 唐智勇 31/47行 −16行≈224字
function labelText(b) {
  if (b.state === "fixed") return `${short(b.name)} ${b.lines}行`;
  const sign = b.over > 0 ? "+" : b.over < 0 ? "−" : "";
  const diff = b.over ? `${sign}${Math.abs(b.over)}行≈${Math.abs(b.over) * cpl}字` : "正好";
  const lost = b.unplaced ? ` 排不下${b.unplaced}行` : "";
  return `${short(b.name)} ${b.lines}/${b.share}行 ${diff}${lost}`;
}

function drawMarks(layer, page, pv) {
  layer.replaceChildren();
  const fits = Object.fromEntries(pv.blocks.map((b) => [b.key, b]));
  cpl = pv.chars_per_line || 0;
  for (const m of page.marks) {
    const fit = fits[m.key];
    const node = el("div", `mark ${m.kind}` + (m.kind === "block" ? ` ${fit ? fit.state : "fixed"}` : ""));
    node.dataset.key = m.key || "";
    place(node, m.box);
    if (m.label) {
      const b = m.label;
      const lab = el("span", "label", labelText(b));
      lab.title = `${b.name}：${b.chars} 字，${b.lines} 行，应占约 ${b.share} 行，${b.verdict}`;
      lab.dataset.key = m.key;
      node.append(lab);
    } else if (m.text) {
      node.append(el("span", "label", m.text));
    }
    layer.append(node);
  }
  const over = pv.blocks.reduce((n, b) => n + (b.unplaced || 0), 0);
  if (over && page.number === pv.count) layer.append(el("div", "overflow-banner", `排不下：还有 ${over} 行没有位置，见右侧核算`));
}

function fitTable(pv) {
  const body = $("#fit-table tbody");
  body.replaceChildren();
  for (const b of pv ? pv.blocks : []) {
    const tr = el("tr", b.state);
    tr.dataset.key = b.key;
    tr.append(el("td", "", short(b.name)), el("td", "num", b.chars), el("td", "num", b.lines),
      el("td", "num", b.state === "fixed" ? "" : b.share), el("td", "", b.state === "fixed" ? "" : b.verdict));
    body.append(tr);
  }
}

function apply(st) {
  state = st;
  window.__watch.states += 1;
  // the new page first: its image loads while the rest of the panel is updated
  if (st.preview) {
    if (!shown) layoutSheets();
    if (st.preview.generation !== shown && st.preview.generation !== pending) showPreview(st.preview);
  }
  const pill = $("#status");
  pill.className = `pill ${st.status}`;
  pill.textContent = STATUS[st.status] || st.status;
  $("#timing").textContent = st.seconds != null ? `重排 ${Math.round(st.seconds * 1000)} 毫秒` : "";
  $("#errors").hidden = !(st.status in HEADINGS) || !st.errors.length;
  $("#errors h2").textContent = HEADINGS[st.status] || "";
  $("#errors").className = st.status;
  const list = $("#error-list");
  list.replaceChildren(...st.errors.map((e) => el("li", "", e)));
  document.body.classList.toggle("failed", st.status === "error");
  $("#fit").textContent = st.fit || "";
  const warns = st.warnings || [];
  $("#warnings").replaceChildren(...warns.map((w) => el("li", w.severity, w.text)));
  $("#warn-count").textContent = warns.length ? `（${warns.length}）` : "";
  const dl = $("#downloads");
  dl.replaceChildren();
  // this page's PDF and DOCX are being written: no link to the previous ones meanwhile
  if (st.writing) dl.append(el("span", "writing", "正在写出 PDF 和 DOCX…"));
  for (const [kind, o] of Object.entries(st.outputs || {})) {
    const a = el("a", "", `下载 ${kind.toUpperCase()}`);
    a.href = `/download/${encodeURIComponent(o.name)}?v=${o.version}`;
    a.download = o.name; a.id = `download-${kind}`; a.title = o.name;
    dl.append(a);
  }
  if (st.preview) fitTable(st.preview);
}

function connect() {
  const es = new EventSource("/events");
  es.addEventListener("state", (ev) => apply(JSON.parse(ev.data)));
  es.onerror = () => { const p = $("#status"); p.className = "pill offline"; p.textContent = STATUS.offline; };
}

function setZoom(z) {
  zoom = Math.min(4, Math.max(0.25, z));
  layoutSheets();
  if (state && state.preview) { shown = null; showPreview(state.preview); }
}

$("#zoom-in").onclick = () => setZoom(zoom * 1.25);
$("#zoom-out").onclick = () => setZoom(zoom / 1.25);
$("#zoom-fit").onclick = () => setZoom(1);
$("#show-marks").onchange = (e) => document.body.classList.toggle("nomarks", !e.target.checked);
document.addEventListener("keydown", (e) => {
  if (e.target.tagName === "INPUT") return;
  if (e.key === "+" || e.key === "=") setZoom(zoom * 1.25);
  else if (e.key === "-") setZoom(zoom / 1.25);
  else if (e.key === "0") setZoom(1);
});
window.addEventListener("resize", layoutSheets);
layoutSheets();
connect();
