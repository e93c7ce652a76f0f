/* stats.js - the one-stop report in the browser (#/stats): the table `hoso stats` prints,
 * for a period and a grouping, from /api/stats, and a chart per month (an SVG drawn here:
 * settled early, on time and late as stacked bars, the on-time rate above each), and the
 * overdue dossiers from /api/overdue. Values go into the page as text, never as HTML.
 * app.js's router calls statsRoute. */
'use strict';

const STATS_TEXTS = {
  vi: {
    link: 'Thống kê', heading: 'Tình hình giải quyết hồ sơ', from: 'Từ tháng', to: 'Đến tháng',
    by: 'Theo', none: 'Cả kỳ', agency: 'Cơ quan', procedure: 'Thủ tục', month: 'Tháng',
    show: 'Xem', loading: 'Đang tính…', error: 'Lỗi: ', total: 'Tổng',
    cols: ['Tiếp nhận', 'Kỳ trước chuyển sang', 'Trước hạn', 'Đúng hạn', 'Quá hạn', 'Đã giải quyết',
      'Rút hồ sơ', 'Đang giải quyết', 'Trong đó quá hạn', 'Tỷ lệ đúng hạn'],
    chart: 'Hồ sơ đã giải quyết theo tháng', unknown: '(không rõ)',
    overdue: 'Hồ sơ đang quá hạn', due: 'Hẹn trả', late: 'ngày quá hạn', noOverdue: 'Không có hồ sơ quá hạn.',
  },
  en: {
    link: 'Statistics', heading: 'Dossiers settled', from: 'From month', to: 'To month',
    by: 'By', none: 'Whole period', agency: 'Agency', procedure: 'Procedure', month: 'Month',
    show: 'Show', loading: 'Counting…', error: 'Error: ', total: 'Total',
    cols: ['Received', 'Carried over', 'Early', 'On time', 'Late', 'Settled', 'Withdrawn', 'Open',
      'Overdue', 'On-time rate'],
    chart: 'Dossiers settled per month', unknown: '(unknown)',
    overdue: 'Overdue dossiers', due: 'Due', late: 'days late', noOverdue: 'No dossier is overdue.',
  },
};
const ST_LANG = (document.documentElement.lang || 'vi').slice(0, 2) === 'en' ? 'en' : 'vi';
const ST = STATS_TEXTS[ST_LANG];
const STATS_KEYS = ['received', 'carried', 'early', 'on_time', 'late', 'settled', 'withdrawn',
  'open', 'overdue', 'on_time_rate'];
const SVG_NS = 'http://www.w3.org/2000/svg';
const ST_HEADERS = { 'Accept-Language': ST_LANG }; /* the API's errors in the page's language */

function stEl(tag, attrs, text) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

function svgEl(tag, attrs, text) {
  const e = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}

function rateText(r) {
  return r === null || r === undefined ? '–' : (100 * r).toFixed(2) + '%';
}

async function statsFetch(params) {
  const res = await fetch('/api/stats?' + params.toString(), { credentials: 'same-origin', headers: ST_HEADERS });
  const j = await res.json();
  if (!res.ok) throw new Error(j.error || res.statusText);
  return j;
}

function statsTable(doc) {
  const head = stEl('tr');
  head.append(stEl('th', {}, doc.by === 'period' ? '' : ST[doc.by]));
  for (const c of ST.cols) head.append(stEl('th', {}, c));
  const table = stEl('table', { class: 'stats' });
  table.append(stEl('thead'), stEl('tbody'));
  table.tHead.append(head);
  const addRow = (name, r, cls) => {
    const tr = stEl('tr', cls ? { class: cls } : {});
    tr.append(stEl('th', {}, name));
    for (const k of STATS_KEYS) tr.append(stEl('td', {}, k === 'on_time_rate' ? rateText(r[k]) : String(r[k])));
    table.tBodies[0].append(tr);
  };
  for (const g of doc.groups) addRow(g.group || ST.unknown, g);
  addRow(ST.total, doc.total, 'total');
  return table;
}

/* Stacked bars per month: early (dark green), on time (green), late (red); the rate above. */
function statsChart(doc) {
  const months = doc.groups;
  const w = Math.max(60 * months.length + 60, 400), h = 260, top = 30, base = h - 40;
  const max = Math.max(1, ...months.map((m) => m.settled));
  const svg = svgEl('svg', { viewBox: `0 0 ${w} ${h}`, width: w, height: h, role: 'img',
    'aria-label': ST.chart });
  svg.append(svgEl('title', {}, ST.chart));
  svg.append(svgEl('line', { x1: 40, y1: base, x2: w - 10, y2: base, stroke: '#555' }));
  svg.append(svgEl('text', { x: 36, y: top + 4, 'text-anchor': 'end', 'font-size': 11 }, String(max)));
  const colours = [['early', '#1b5e20'], ['on_time', '#43a047'], ['late', '#c62828']];
  months.forEach((m, i) => {
    const x = 50 + 60 * i;
    let y = base;
    for (const [k, fill] of colours) {
      const bh = (base - top) * m[k] / max;
      if (bh > 0) {
        const rect = svgEl('rect', { x, y: y - bh, width: 40, height: bh, fill });
        rect.append(svgEl('title', {}, `${m.group} ${ST.cols[STATS_KEYS.indexOf(k)]}: ${m[k]}`));
        svg.append(rect);
      }
      y -= bh;
    }
    svg.append(svgEl('text', { x: x + 20, y: y - 4, 'text-anchor': 'middle', 'font-size': 10 },
      rateText(m.on_time_rate)));
    svg.append(svgEl('text', { x: x + 20, y: base + 16, 'text-anchor': 'middle', 'font-size': 11 },
      m.group));
  });
  colours.forEach(([k, fill], i) => {
    svg.append(svgEl('rect', { x: 50 + 110 * i, y: h - 16, width: 10, height: 10, fill }));
    svg.append(svgEl('text', { x: 64 + 110 * i, y: h - 7, 'font-size': 11 },
      ST.cols[STATS_KEYS.indexOf(k)]));
  });
  return svg;
}

/* The open dossiers past their deadline, longest overdue first, each a link to it. */
function statsOverdue(list) {
  if (!list.length) return stEl('p', {}, ST.noOverdue);
  const ul = stEl('ul', { class: 'overdue' });
  for (const o of list) {
    const li = stEl('li');
    li.append(stEl('a', { href: '#/d/' + encodeURIComponent(o.code) }, o.code),
      document.createTextNode(` ${ST.due} ${typeof dateText === 'function' ? dateText(o.due_at) : o.due_at}` +
        ` (${o.days_late} ${ST.late}) ${o.procedure || ''}`));
    ul.append(li);
  }
  return ul;
}

function statsDefaultPeriod() {
  const d = new Date();
  const q0 = 3 * Math.floor(d.getMonth() / 3);
  const mm = (m) => String(m + 1).padStart(2, '0');
  return [`${d.getFullYear()}-${mm(q0)}`, `${d.getFullYear()}-${mm(q0 + 2)}`];
}

/* #/stats?from=YYYY-MM&to=YYYY-MM&by=agency */
async function statsRoute(q) {
  const main = document.getElementById('main');
  const [df, dt] = statsDefaultPeriod();
  const from = q.get('from') || df, to = q.get('to') || dt, by = q.get('by') || '';
  main.replaceChildren(stEl('h1', {}, ST.heading));
  const form = stEl('form', { class: 'stats-form' });
  const fromIn = stEl('input', { type: 'month', value: from, required: '' });
  const toIn = stEl('input', { type: 'month', value: to, required: '' });
  const sel = stEl('select');
  for (const k of ['', 'agency', 'procedure', 'month']) {
    const o = stEl('option', { value: k }, k ? ST[k] : ST.none);
    if (k === by) o.selected = true;
    sel.append(o);
  }
  const lab = (t, input) => { const l = stEl('label', {}, t + ' '); l.append(input); return l; };
  form.append(lab(ST.from, fromIn), lab(ST.to, toIn), lab(ST.by, sel), stEl('button', { type: 'submit' }, ST.show));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const p = new URLSearchParams({ from: fromIn.value, to: toIn.value });
    if (sel.value) p.set('by', sel.value);
    location.hash = '#/stats?' + p.toString();
  });
  const out = stEl('div', {}, ST.loading);
  main.append(form, out);
  try {
    const p = new URLSearchParams({ from, to });
    if (by) p.set('by', by);
    const doc = await statsFetch(p);
    const monthly = by === 'month' ? doc : await statsFetch(new URLSearchParams({ from, to, by: 'month' }));
    const late = await (await fetch('/api/overdue?limit=100', { credentials: 'same-origin', headers: ST_HEADERS })).json();
    /* the table scrolls sideways in its own box on a narrow screen, the page does not */
    const wide = stEl('div', { class: 'wide' });
    wide.append(statsTable(doc));
    out.replaceChildren(wide, stEl('h2', {}, ST.chart), statsChart(monthly),
      stEl('h2', {}, ST.overdue),
      Array.isArray(late) ? statsOverdue(late) : stEl('p', { class: 'error' }, ST.error + late.error));
  } catch (e) {
    out.replaceChildren(stEl('p', { class: 'error' }, ST.error + e.message));
  }
}

document.addEventListener('DOMContentLoaded', () => {
  const a = document.getElementById('stats-link');
  if (a) a.textContent = ST.link;
});
