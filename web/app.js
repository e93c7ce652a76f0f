/* app.js - the hoso serve interface: search, dossier, page view. Every text shown comes
 * from TEXTS below; every value from the archive goes into the page as text
 * (textContent, createElement), never as HTML. */
'use strict';

const TEXTS = {
  vi: {
    title: 'Hồ sơ lưu trữ', search: 'Tìm', placeholder: 'Tìm trong hồ sơ (có dấu hoặc không dấu)',
    from: 'Từ ngày', to: 'Đến ngày', review: 'Cần kiểm tra', anyType: 'Mọi loại văn bản',
    searching: 'Đang tìm…', none: 'Không tìm thấy hồ sơ nào.', found: 'Số hồ sơ tìm thấy: ',
    more: 'hơn ', pagesHit: 'trang khớp', page: 'Trang', dossier: 'Hồ sơ', fields: 'Thông tin',
    pages: 'Các trang', fixity: 'Toàn vẹn', checking: 'Đang kiểm tra…', intact: 'Nguyên vẹn',
    damaged: 'Có vấn đề', downloads: 'Tải về', pdf: 'PDF', bag: 'Gói lưu trữ (zip)',
    image: 'Ảnh trang', text: 'Văn bản nhận dạng', back: '← Hồ sơ', prev: '← Trang trước',
    next: 'Trang sau →', needsReview: 'cần kiểm tra', created: 'Ngày lập', error: 'Lỗi: ',
    start: 'Nhập từ cần tìm, ví dụ: giấy phép xây dựng.', confidence: 'độ tin cậy',
    toReview: 'Số trang cần kiểm tra: ', reviewFields: 'Kiểm tra, sửa các trường',
    datePh: 'dd/mm/yyyy', badDate: 'Ngày dạng dd/mm/yyyy, ví dụ 05/12/2026.',
    notFound: 'Không tìm thấy', noDossier: 'Không có hồ sơ mã ', notCode: ' không phải là mã hồ sơ.',
    noPage: 'Hồ sơ này không có trang ', hasPages: 'Hồ sơ có số trang: ', noRoute: 'Không có trang nào ở địa chỉ ',
    home: 'Về trang tìm kiếm', firstPage: 'Xem trang 1', zoom: 'Phóng to ảnh', unzoom: 'Thu nhỏ ảnh',
    guesses: 'Giá trị đoán, cần xác nhận',
    types: { giay_tiep_nhan: 'Giấy tiếp nhận', quyet_dinh: 'Quyết định', cong_van: 'Công văn',
      thong_bao: 'Thông báo', to_trinh: 'Tờ trình', bao_cao: 'Báo cáo', ke_hoach: 'Kế hoạch',
      giay_moi: 'Giấy mời', bien_ban: 'Biên bản', hop_dong: 'Hợp đồng', nghi_quyet: 'Nghị quyết',
      chi_thi: 'Chỉ thị', khac: 'Khác' },
    keys: { applicant: 'Người nộp', received_at: 'Ngày nhận', issue_date: 'Ngày ban hành',
      doc_type: 'Loại văn bản', title: 'Tiêu đề', number_symbol: 'Số, ký hiệu', issuer: 'Cơ quan',
      summary: 'Trích yếu', procedure: 'Thủ tục', phones: 'Điện thoại', dossier_code: 'Mã hồ sơ',
      place: 'Nơi ban hành', due_at: 'Hẹn trả', address: 'Địa chỉ', emails: 'Thư điện tử',
      receiver: 'Người tiếp nhận', recipient: 'Nơi nhận', signer: 'Người ký',
      signer_title: 'Chức vụ người ký', references: 'Căn cứ', id_numbers: 'Số giấy tờ tùy thân',
      review: 'Cần xác nhận' },
  },
  en: {
    title: 'Dossier archive', search: 'Search', placeholder: 'Search the dossiers (with or without diacritics)',
    from: 'From', to: 'To', review: 'Needs review', anyType: 'Any document type',
    searching: 'Searching…', none: 'No dossier found.', found: 'Dossiers found: ',
    more: 'more than ', pagesHit: 'matching pages', page: 'Page', dossier: 'Dossier', fields: 'Fields',
    pages: 'Pages', fixity: 'Fixity', checking: 'Checking…', intact: 'Intact',
    damaged: 'Problems found', downloads: 'Download', pdf: 'PDF', bag: 'Archive bag (zip)',
    image: 'Page image', text: 'Recognised text', back: '← Dossier', prev: '← Previous page',
    next: 'Next page →', needsReview: 'needs review', created: 'Created', error: 'Error: ',
    start: 'Type words to search for, e.g. building permit.', confidence: 'confidence',
    toReview: 'Pages to review: ', reviewFields: 'Review and correct the fields',
    datePh: 'dd/mm/yyyy', badDate: 'A date as dd/mm/yyyy, e.g. 05/12/2026.',
    notFound: 'Not found', noDossier: 'There is no dossier ', notCode: ' is not a dossier code.',
    noPage: 'This dossier has no page ', hasPages: 'Pages in the dossier: ', noRoute: 'There is no page at ',
    home: 'Back to the search', firstPage: 'See page 1', zoom: 'Zoom in', unzoom: 'Zoom out',
    guesses: 'Guesses to confirm',
    types: { giay_tiep_nhan: 'Receipt', quyet_dinh: 'Decision', cong_van: 'Official letter',
      thong_bao: 'Notice', to_trinh: 'Submission', bao_cao: 'Report', ke_hoach: 'Plan',
      giay_moi: 'Invitation', bien_ban: 'Minutes', hop_dong: 'Contract', nghi_quyet: 'Resolution',
      chi_thi: 'Directive', khac: 'Other' },
    keys: { applicant: 'Applicant', received_at: 'Received', issue_date: 'Issued',
      doc_type: 'Document type', title: 'Title', number_symbol: 'Number/symbol', issuer: 'Issuer',
      summary: 'Summary', procedure: 'Procedure', phones: 'Phones', dossier_code: 'Dossier code',
      place: 'Place', due_at: 'Due', address: 'Address', emails: 'E-mail', receiver: 'Receiver',
      recipient: 'Recipient', signer: 'Signer', signer_title: 'Signer title',
      references: 'References', id_numbers: 'ID numbers', review: 'To confirm' },
  },
};

const params = new URLSearchParams(location.search);
const LANG = (params.get('lang') || document.documentElement.lang) === 'en' ? 'en' : 'vi';
const T = TEXTS[LANG];
document.documentElement.lang = LANG;

/* The access token, when the server wants one: given once as ?token=, kept for the tab. */
if (params.get('token')) sessionStorage.setItem('hoso-token', params.get('token'));
const TOKEN = sessionStorage.getItem('hoso-token');

/* URL of an API resource; links (images, downloads) carry the token in the query. */
function apiUrl(path, query, forLink) {
  const q = new URLSearchParams(query || {});
  if (forLink && TOKEN) q.set('token', TOKEN);
  const s = q.toString();
  return '/api/' + path + (s ? '?' + s : '');
}

/* The API's errors come in the page's language; a failure carries its HTTP status. */
async function api(path, query, as) {
  const headers = { 'Accept-Language': LANG };
  if (TOKEN) headers.Authorization = 'Bearer ' + TOKEN;
  const r = await fetch(apiUrl(path, query, false), { headers });
  if (!r.ok) {
    let msg = r.status + '';
    try { msg = (await r.json()).error || msg; } catch (e) { /* not JSON */ }
    const err = new Error(msg);
    err.status = r.status;
    throw err;
  }
  return as === 'text' ? r.text() : r.json();
}

/* el('a', {href: ...}, 'text', child...): attributes and text only, never HTML. */
function el(tag, attrs, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v !== undefined && v !== null) e.setAttribute(k, v);
  }
  for (const k of kids) {
    if (k === null || k === undefined) continue;
    e.append(typeof k === 'string' || typeof k === 'number' ? document.createTextNode(String(k)) : k);
  }
  return e;
}

/* A snippet whose hits are marked [like this]. */
function snippet(s) {
  const p = el('p', { class: 'snippet' });
  const parts = String(s).split(/\[([^\]]*)\]/);
  parts.forEach((part, i) => p.append(i % 2 ? el('mark', null, part) : document.createTextNode(part)));
  return p;
}

const enc = encodeURIComponent;
/* The query travels with the links, so that the pages opened from a search show its hits. */
function dossierHash(code, q) { return '#/d/' + enc(code) + (q ? '?q=' + enc(q) : ''); }
function pageHash(code, n, q) { return '#/d/' + enc(code) + '/p/' + n + (q ? '?q=' + enc(q) : ''); }

function fieldValue(v) {
  if (Array.isArray(v)) return v.map(fieldValue).join(', ');
  if (v && typeof v === 'object') return v.value === undefined ? '' : String(v.value);
  return v === undefined || v === null ? '' : String(v);
}
function fieldLabel(k) { return T.keys[k] || k; }
function typeLabel(v) { return T.types[v] || v; }

/* Dates as they are written here: dd/mm/yyyy, and hh:mm in the server's time zone
 * (index.html's data-tz: `hoso serve --time-zone`, Asia/Ho_Chi_Minh by default). A date or
 * a local time as the extractor writes it ("2020-03-11", "2020-03-11T08:30") is reordered;
 * a UTC stamp ("2026-12-05T06:43:46Z") becomes that zone's time. */
const TZ = document.documentElement.dataset.tz || 'Asia/Ho_Chi_Minh';
const STAMP = (() => {
  const o = { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };
  try { return new Intl.DateTimeFormat('en-GB', Object.assign({ timeZone: TZ }, o)); }
  catch (e) { return new Intl.DateTimeFormat('en-GB', o); } /* a zone this browser lacks: its own */
})();
function dateText(v) {
  const s = v === undefined || v === null ? '' : String(v);
  if (/^\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d{2}:?\d{2})$/.test(s) && !isNaN(new Date(s))) {
    const p = {};
    for (const x of STAMP.formatToParts(new Date(s))) p[x.type] = x.value;
    return p.day + '/' + p.month + '/' + p.year + ' ' + p.hour + ':' + p.minute;
  }
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}:\d{2})(?::\d{2})?)?$/.exec(s);
  return m ? m[3] + '/' + m[2] + '/' + m[1] + (m[4] ? ' ' + m[4] : '') : s;
}
/* dd/mm/yyyy (or yyyy-mm-dd) typed in a form: yyyy-mm-dd, '' for nothing, null for no date. */
function dateIso(v) {
  const s = v.trim();
  if (!s) return '';
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s) || /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return null;
  const [y, mo, d] = m[3].length === 4 ? [m[3], m[2], m[1]] : [m[1], m[2], m[3]];
  const iso = y + '-' + mo.padStart(2, '0') + '-' + d.padStart(2, '0');
  const t = new Date(iso + 'T00:00:00Z');
  return !isNaN(t) && t.toISOString().slice(0, 10) === iso ? iso : null;
}
const DATE_KEYS = ['issue_date', 'received_at', 'due_at'];
/* A field's value as shown: type names, dates as above, guesses with their field's name. */
function fieldText(k, v) {
  if (k === 'doc_type') return typeLabel(fieldValue(v));
  if (k === 'review' && Array.isArray(v)) {
    return v.map((g) => fieldLabel(g.field) + ': ' + fieldText(g.field, g.value)).join('; ');
  }
  if (DATE_KEYS.includes(k)) return (Array.isArray(v) ? v : [v]).map((x) => dateText(fieldValue(x))).join(', ');
  return fieldValue(v);
}

const main = () => document.getElementById('main');
function show(...nodes) { main().replaceChildren(...nodes); }
function failed(e) { show(el('p', { class: 'error' }, T.error + e.message)); }

/* What is not there (a dossier, a page, an address): said, with the ways back. */
function notFound(why, ...links) {
  document.title = T.notFound + ' · ' + T.title;
  show(el('h2', { id: 'not-found' }, T.notFound), el('p', { class: 'msg', id: 'not-found-why' }, ...why),
    el('p', { class: 'nav' }, ...links, el('a', { href: '#/', id: 'home-link' }, T.home)));
}
/* A dossier the API did not find (404) or whose code is not one (400); other errors as such. */
function dossierMissing(code, e) {
  if (e.status === 404) return notFound([T.noDossier, el('q', { class: 'code' }, code), '.']);
  if (e.status === 400) return notFound([el('q', { class: 'code' }, code), T.notCode]);
  return failed(e);
}

/* Search: dossiers first (dossiers=1), then the best pages of each. */
async function renderSearch(q) {
  const f = {
    q: q.get('q') || '', from: q.get('from') || '', to: q.get('to') || '',
    type: q.get('type') || '', review: q.get('review') === '1',
  };
  document.getElementById('q').value = f.q;
  document.getElementById('from').value = dateText(f.from);
  document.getElementById('to').value = dateText(f.to);
  document.getElementById('type').value = f.type;
  document.getElementById('review').checked = f.review;
  if (!f.q.trim() && f.review) { renderReview(); return; }
  if (!f.q.trim()) { show(el('p', { class: 'msg' }, T.start)); return; }
  show(el('p', { class: 'msg' }, T.searching));
  const base = { q: f.q };
  if (f.from) base.from = f.from;
  if (f.to) base.to = f.to;
  if (f.type) base.field = 'doc_type=' + f.type;
  if (f.review) base.needs_review = '1';
  let res;
  try { res = await api('search', Object.assign({ dossiers: '1' }, base)); } catch (e) { failed(e); return; }
  const list = el('div', { id: 'results' });
  show(el('p', { class: 'msg', id: 'count' }, (res.hits.length ? T.found + (res.total_exact ? '' : T.more) + res.total : T.none) + ' · ',
    el('q', { id: 'query' }, res.query)), list);
  for (const h of res.hits) {
    const card = el('div', { class: 'result', 'data-code': h.code });
    card.append(el('h3', null, el('a', { href: dossierHash(h.code, f.q), class: 'code' }, h.code)),
      el('p', { class: 'meta' }, h.hits + ' ' + T.pagesHit));
    const meta = el('p', { class: 'meta fields' });
    const pages = el('ul', { class: 'pagehits' });
    card.append(meta, pages);
    list.append(card);
    api('dossiers/' + enc(h.code)).then((rec) => {
      const fl = rec.fields || {};
      const bits = ['applicant', 'doc_type', 'title', 'summary', 'procedure', 'received_at', 'issue_date']
        .filter((k) => fl[k]).map((k) => fieldLabel(k) + ': ' + fieldText(k, fl[k]));
      if (!bits.length) bits.push(T.created + ': ' + dateText(rec.created));
      meta.textContent = bits.join(' · ');
    }).catch(() => {});
    api('search', Object.assign({}, base, { code: h.code, limit: '5' })).then((ph) => {
      for (const p of ph.hits.filter((x) => x.code === h.code)) {
        pages.append(el('li', null, el('a', { href: pageHash(h.code, p.page, f.q) }, T.page + ' ' + p.page), snippet(p.snippet)));
      }
    }).catch(() => {});
  }
}

/* "Needs review" without words: every page read with low confidence, least sure first. */
async function renderReview() {
  show(el('p', { class: 'msg' }, T.searching));
  let res;
  try { res = await api('search', { needs_review: '1', limit: '200' }); } catch (e) { failed(e); return; }
  const list = el('ul', { id: 'results', class: 'pagehits' });
  for (const h of res.hits) {
    list.append(el('li', { class: 'review', 'data-code': h.code },
      el('a', { href: pageHash(h.code, h.page, '') }, h.code + ' · ' + T.page + ' ' + h.page),
      ' · ' + T.confidence + ' ' + Math.round(h.score), snippet(h.snippet)));
  }
  show(el('p', { class: 'msg', id: 'count' }, T.toReview + (res.total_exact ? '' : T.more) + res.total), list);
}

async function renderDossier(code, q) {
  let rec;
  try { rec = await api('dossiers/' + enc(code)); } catch (e) { dossierMissing(code, e); return; }
  const fields = el('table', { class: 'fields' });
  for (const [k, v] of Object.entries(rec.fields || {})) {
    fields.append(el('tr', { 'data-key': k }, el('th', null, fieldLabel(k)), el('td', null, fieldText(k, v))));
  }
  const fix = el('p', { id: 'fixity' }, T.checking);
  const dl = el('p', { class: 'downloads' });
  (rec.pdf || []).forEach((p, i) => dl.append(el('a', { href: apiUrl('dossiers/' + enc(code) + '/pdf', i ? { n: i + 1 } : {}, true), download: '' }, T.pdf + (i ? ' ' + (i + 1) : ''))));
  dl.append(el('a', { href: apiUrl('dossiers/' + enc(code) + '/bag', {}, true), download: '' }, T.bag));
  const thumbs = el('div', { class: 'thumbs' });
  for (const p of rec.pages || []) {
    const img = el('img', { src: apiUrl('dossiers/' + enc(code) + '/pages/' + p.page + '/image.png', { max: 360 }, true), alt: T.page + ' ' + p.page, loading: 'lazy' });
    thumbs.append(el('a', { class: 'thumb', href: pageHash(code, p.page, q) }, img,
      el('span', null, T.page + ' ' + p.page), p.needs_review ? el('span', { class: 'bad' }, ' · ' + T.needsReview) : null));
  }
  show(el('h2', { id: 'code' }, T.dossier + ' ' + code),
    el('p', { class: 'meta' }, T.created + ': ', el('span', { id: 'created' }, dateText(rec.created)), ' · ',
      el('a', { href: '#/review/' + enc(code), id: 'review-link' }, T.reviewFields)),
    el('h3', null, T.fields), fields, el('h3', null, T.fixity), fix,
    el('h3', null, T.downloads), dl, el('h3', null, T.pages), thumbs);
  try {
    const v = await api('dossiers/' + enc(code) + '/verify');
    fix.replaceChildren(el('span', { class: v.ok ? 'ok' : 'bad' }, v.ok ? T.intact : T.damaged));
    if (!v.ok) fix.append(el('ul', null, ...v.problems.map((m) => el('li', null, m))));
  } catch (e) { fix.replaceChildren(el('span', { class: 'bad' }, T.error + e.message)); }
}

/* Folded as the index folds: no diacritics, đ -> d, lower case. */
function fold(s) {
  return s.normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/g, 'd').toLowerCase();
}
function queryTerms(q) {
  return q.replace(/"/g, ' ').split(/\s+/).filter((w) => w && w !== 'OR' && w[0] !== '-')
    .map((w) => ({ prefix: w.endsWith('*'), word: fold(w.replace(/\*$/, '')).replace(/[^\p{L}\p{N}]/gu, '') }))
    .filter((t) => t.word);
}
function matches(word, terms) {
  const w = fold(word).replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
  return w && terms.some((t) => (t.prefix ? w.startsWith(t.word) : w === t.word));
}

/* page: the page number as the address gives it; one the dossier lacks is said, not shown. */
async function renderPage(code, page, q) {
  let rec;
  try { rec = await api('dossiers/' + enc(code)); } catch (e) { dossierMissing(code, e); return; }
  const nums = (rec.pages || []).map((p) => p.page);
  const n = /^[0-9]{1,6}$/.test(page) ? Number(page) : NaN;
  if (!nums.includes(n)) {
    notFound([T.noPage + page + '. ' + T.hasPages + nums.length + '.'],
      el('a', { href: dossierHash(code, q), id: 'dossier-link' }, T.back),
      nums.length ? el('a', { href: pageHash(code, nums[0], q) }, T.firstPage) : null);
    return;
  }
  const terms = queryTerms(q);
  const base = 'dossiers/' + enc(code) + '/pages/' + n;
  const img = el('img', { id: 'page-image', src: apiUrl(base + '/image.png', {}, true), alt: T.page + ' ' + n });
  /* the image and its word boxes in one frame, which zoom widens inside the scrolling box */
  const frame = el('div', { class: 'imgframe' }, img);
  const box = el('div', { class: 'imgbox' }, frame);
  const zoom = el('button', { type: 'button', id: 'zoom', 'aria-pressed': 'false' }, T.zoom);
  zoom.addEventListener('click', () => {
    const on = box.classList.toggle('zoom');
    zoom.textContent = on ? T.unzoom : T.zoom;
    zoom.setAttribute('aria-pressed', String(on));
  });
  const text = el('div', { class: 'ocrtext', id: 'ocr-text' });
  const nav = el('p', { class: 'nav' }, el('a', { href: dossierHash(code, q) }, T.back),
    nums.includes(n - 1) ? el('a', { href: pageHash(code, n - 1, q), id: 'prev-page' }, T.prev) : null,
    nums.includes(n + 1) ? el('a', { href: pageHash(code, n + 1, q), id: 'next-page' }, T.next) : null,
    el('a', { href: apiUrl(base + '/image', {}, true), download: '' }, T.image), zoom);
  show(el('h2', null, code + ' · ' + T.page + ' ' + n), nav, el('div', { class: 'pageview' }, box, text));
  try {
    const t = await api(base + '/text', null, 'text');
    for (const part of t.split(/([\p{L}\p{N}\p{M}]+)/u)) {
      text.append(part && terms.length && matches(part, terms) ? el('mark', null, part) : document.createTextNode(part));
    }
  } catch (e) { text.textContent = T.error + e.message; }
  if (!terms.length) return;
  try {
    /* hOCR parsed as an inert document: its words and their boxes, nothing else */
    const doc = new DOMParser().parseFromString(await api(base + '/hocr', null, 'text'), 'text/html');
    const bbox = (e) => (/bbox (\d+) (\d+) (\d+) (\d+)/.exec(e.getAttribute('title') || '') || []).slice(1).map(Number);
    const pg = doc.querySelector('.ocr_page');
    const pb = pg ? bbox(pg) : [];
    if (pb.length !== 4 || !pb[2] || !pb[3]) return;
    for (const w of doc.querySelectorAll('.ocrx_word')) {
      const b = bbox(w);
      if (b.length !== 4 || !matches(w.textContent, terms)) continue;
      const d = el('div', { class: 'box' });
      d.style.left = (100 * (b[0] - pb[0]) / pb[2]) + '%';
      d.style.top = (100 * (b[1] - pb[1]) / pb[3]) + '%';
      d.style.width = (100 * (b[2] - b[0]) / pb[2]) + '%';
      d.style.height = (100 * (b[3] - b[1]) / pb[3]) + '%';
      d.title = w.textContent;
      frame.append(d);
    }
  } catch (e) { /* no word boxes: the text beside still shows the hits */ }
}

/* The review station (review.js), a module: loaded without a script element of its own,
 * it reads this script's helpers (el, api, T ...) as globals. */
const REVIEW = import('/review.js');

function route() {
  const h = location.hash.replace(/^#/, '') || '/';
  const [path, qs] = h.split('?');
  const q = new URLSearchParams(qs || '');
  document.title = T.title;
  let parts;
  try { parts = path.split('/').filter(Boolean).map(decodeURIComponent); } catch (e) { parts = ['?']; }
  if (parts[0] === 'review' || parts[0] === 'login') return REVIEW.then((m) => m.reviewRoute(parts));
  if (parts[0] === 'stats' && typeof statsRoute === 'function') return statsRoute(q); /* stats.js */
  if (parts[0] === 'd' && parts.length === 2) return renderDossier(parts[1], q.get('q') || '');
  if (parts[0] === 'd' && parts[2] === 'p' && parts.length === 4) return renderPage(parts[1], parts[3], q.get('q') || '');
  if (!parts.length || parts[0] === 'search') return renderSearch(q);
  return notFound([T.noRoute, el('code', null, '#' + h)]);
}

function init() {
  document.title = T.title;
  for (const e of document.querySelectorAll('[data-t]')) e.textContent = T[e.dataset.t];
  document.getElementById('q').placeholder = T.placeholder;
  for (const id of ['from', 'to']) {
    const d = document.getElementById(id);
    d.placeholder = T.datePh;
    d.addEventListener('input', () => d.setCustomValidity(''));
  }
  const sel = document.getElementById('type');
  sel.append(el('option', { value: '' }, T.anyType));
  for (const [k, v] of Object.entries(T.types)) sel.append(el('option', { value: k }, v));
  document.getElementById('search-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    const q = new URLSearchParams({ q: document.getElementById('q').value });
    for (const k of ['from', 'to']) {
      const d = document.getElementById(k), v = dateIso(d.value);
      if (v === null) { d.setCustomValidity(T.badDate); d.reportValidity(); return; }
      if (v) q.set(k, v);
    }
    if (document.getElementById('type').value) q.set('type', document.getElementById('type').value);
    if (document.getElementById('review').checked) q.set('review', '1');
    location.hash = '#/search?' + q.toString();
  });
  window.addEventListener('hashchange', route);
  REVIEW.then((m) => m.sessionLoad()); /* who is signed in, for the header */
  route();
}

init();
