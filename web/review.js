/* review.js - the review station of hoso serve: sign-in, the queue of dossiers to check and
 * one field at a time beside its page, keyboard first (Enter confirms or saves what was
 * typed, Tab goes to the next field, Shift+Tab back, Esc puts the value back). A module that
 * app.js imports; it uses app.js's helpers (el, api, apiUrl, enc, T, LANG, show, failed),
 * globals of the page. Values from the archive go into the page as text only. */

const RTEXTS = {
  vi: {
    login: 'Đăng nhập', logout: 'Đăng xuất', name: 'Tên đăng nhập', password: 'Mật khẩu',
    queue: 'Kiểm tra', queueTitle: 'Hồ sơ cần kiểm tra', openCode: 'Mở hồ sơ theo mã',
    open: 'Mở', noQueue: 'Không có hồ sơ nào cần kiểm tra.', pagesLow: 'trang nhận dạng kém',
    field: 'Trường', of: '/', value: 'Giá trị', read: 'Đã đọc', confirm: 'Xác nhận (Enter)',
    save: 'Lưu sửa (Enter)', skip: 'Trường sau (Tab)', back: 'Trường trước (Shift+Tab)',
    undo: 'Hoàn tác (Esc)', saved: 'Đã lưu.', confirmed: 'Đã xác nhận.', guess: 'giá trị đoán, cần xác nhận',
    corrected: 'đã sửa bởi', confirmedBy: 'đã xác nhận bởi', history: 'Lịch sử sửa', when: 'Thời gian', who: 'Người sửa',
    old: 'Giá trị cũ', new: 'Giá trị mới', version: 'Phiên bản', reload: 'Tải lại',
    conflict: 'Có người đã sửa hồ sơ này trước bạn. ', signInFirst: 'Hãy đăng nhập để sửa.',
    done: 'Đã xem hết các trường. ', again: 'Xem lại từ đầu', noFields: 'Hồ sơ chưa có trường nào.',
    add: '(thêm giá trị)', dateHint: 'ngày dạng dd/mm/yyyy', timeHint: 'dd/mm/yyyy hh:mm',
    roles: { reviewer: 'người kiểm tra', archivist: 'lưu trữ viên', admin: 'quản trị' },
    wrong: 'Sai tên đăng nhập hoặc mật khẩu.', review: 'Kiểm tra trường',
  },
  en: {
    login: 'Sign in', logout: 'Sign out', name: 'User name', password: 'Password',
    queue: 'Review', queueTitle: 'Dossiers to review', openCode: 'Open a dossier by code',
    open: 'Open', noQueue: 'No dossier needs review.', pagesLow: 'pages read poorly',
    field: 'Field', of: '/', value: 'Value', read: 'Read', confirm: 'Confirm (Enter)',
    save: 'Save correction (Enter)', skip: 'Next field (Tab)', back: 'Previous field (Shift+Tab)',
    undo: 'Undo (Esc)', saved: 'Saved.', confirmed: 'Confirmed.', guess: 'a guess: confirm it',
    corrected: 'corrected by', confirmedBy: 'confirmed by', history: 'Corrections', when: 'When', who: 'Who',
    old: 'Old value', new: 'New value', version: 'Version', reload: 'Reload',
    conflict: 'Someone corrected this dossier before you. ', signInFirst: 'Sign in to correct.',
    done: 'All fields seen. ', again: 'Start again', noFields: 'The dossier has no fields yet.',
    add: '(add a value)', dateHint: 'date as dd/mm/yyyy', timeHint: 'dd/mm/yyyy hh:mm',
    roles: { reviewer: 'reviewer', archivist: 'archivist', admin: 'admin' },
    wrong: 'Wrong user name or password.', review: 'Review fields',
  },
};
function R() { return RTEXTS[LANG]; }

/* The keys in the order the extractor writes them (fields.h). */
const FIELD_ORDER = ['doc_type', 'title', 'number_symbol', 'issuer', 'place', 'issue_date',
  'summary', 'dossier_code', 'applicant', 'address', 'id_numbers', 'phones', 'emails',
  'procedure', 'received_at', 'due_at', 'receiver', 'recipient', 'signer', 'signer_title',
  'references'];
const LIST_FIELDS = ['id_numbers', 'phones', 'emails', 'references'];
const DATE_FIELDS = ['issue_date', 'received_at', 'due_at'];

/* The signed-in person ({user, role, csrf}) or null. */
let SESSION = null;

async function sessionLoad() {
  try {
    const r = await fetch('/api/session', { credentials: 'same-origin' });
    SESSION = r.ok ? await r.json() : null;
  } catch (e) { SESSION = null; }
  accountRender();
}

function accountRender() {
  const box = document.getElementById('account');
  if (!box) return;
  const kids = [el('a', { href: '#/review', id: 'queue-link' }, R().queue)];
  if (SESSION) {
    kids.push(el('span', { id: 'who' }, SESSION.user + ' (' + (R().roles[SESSION.role] || SESSION.role) + ')'));
    const out = el('button', { type: 'button', id: 'logout' }, R().logout);
    out.addEventListener('click', logout);
    kids.push(out);
  } else {
    kids.push(el('a', { href: '#/login', id: 'login-link' }, R().login));
  }
  box.replaceChildren(...kids);
}

/* POST with the session's CSRF token; resolves to {status, body}. */
async function post(path, data) {
  const headers = { 'Content-Type': 'application/json' };
  if (SESSION) headers['X-CSRF-Token'] = SESSION.csrf;
  const r = await fetch('/api/' + path, { method: 'POST', headers, credentials: 'same-origin', body: JSON.stringify(data) });
  let body = {};
  try { body = await r.json(); } catch (e) { /* not JSON */ }
  return { status: r.status, body };
}

async function logout() {
  await post('logout', {});
  SESSION = null;
  accountRender();
  location.hash = '#/login';
}

function renderLogin() {
  const name = el('input', { id: 'login-name', autocomplete: 'username', required: '' });
  const pw = el('input', { id: 'login-password', type: 'password', autocomplete: 'current-password', required: '' });
  const msg = el('p', { class: 'error', id: 'login-error', role: 'alert' });
  const form = el('form', { id: 'login-form', class: 'login' },
    el('h2', null, R().login),
    el('label', null, R().name, name), el('label', null, R().password, pw),
    el('button', { type: 'submit' }, R().login), msg);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const r = await post('login', { name: name.value, password: pw.value });
    pw.value = '';
    if (r.status !== 200) { msg.textContent = r.status === 401 ? R().wrong : T.error + (r.body.error || r.status); return; }
    SESSION = r.body;
    accountRender();
    location.hash = '#/review';
  });
  show(form);
  name.focus();
}

/* dd/mm/yyyy [hh:mm] of an ISO date or time as the extractor writes it (a local time). */
function dateShow(v) {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}:\d{2}))?/.exec(v || '');
  return m ? m[3] + '/' + m[2] + '/' + m[1] + (m[4] ? ' ' + m[4] : '') : (v || '');
}
/* A UTC time stamp ("2026-12-05T08:36:29Z") in the server's time zone, dd/mm/yyyy hh:mm
 * (app.js's dateText). */
function stampShow(v) { return dateText(v); }
function valueShow(key, v) { return DATE_FIELDS.includes(key) ? dateShow(v) : (v || ''); }
function keyLabel(k) { return fieldLabel(k); }

async function renderQueue() {
  show(el('p', { class: 'msg' }, T.searching));
  const open = el('input', { id: 'open-code', placeholder: '000.00.00.H00-…', autocomplete: 'off' });
  const form = el('form', { class: 'opencode' }, el('label', null, R().openCode + ' ', open), el('button', { type: 'submit' }, R().open));
  form.addEventListener('submit', (ev) => { ev.preventDefault(); if (open.value.trim()) location.hash = '#/review/' + enc(open.value.trim()); });
  let res = { hits: [] };
  try { res = await api('search', { needs_review: '1', limit: '500' }); } catch (e) { failed(e); return; }
  /* pages to pages' dossiers, least sure first */
  const by = new Map();
  for (const h of res.hits) {
    const d = by.get(h.code) || { code: h.code, pages: [], worst: 101 };
    d.pages.push(h.page);
    d.worst = Math.min(d.worst, h.score);
    by.set(h.code, d);
  }
  const list = el('ol', { id: 'queue', class: 'queue' });
  for (const d of [...by.values()].sort((a, b) => a.worst - b.worst)) {
    list.append(el('li', { 'data-code': d.code }, el('a', { href: '#/review/' + enc(d.code) }, d.code),
      ' · ' + d.pages.length + ' ' + R().pagesLow + ' · ' + T.confidence + ' ' + Math.round(d.worst)));
  }
  show(el('h2', null, R().queueTitle), SESSION ? null : el('p', { class: 'msg' }, R().signInFirst), form,
    by.size ? list : el('p', { class: 'msg' }, R().noQueue));
  const first = list.querySelector('a');
  (first || open).focus();
}

/* The review items of a record: one per value (a list field gives one per element), then
 * the extractor's guesses for fields it did not keep (fields.review), to confirm. */
function reviewItems(fields) {
  const items = [];
  for (const k of FIELD_ORDER) {
    const v = fields[k];
    if (v === undefined) continue;
    for (const e of Array.isArray(v) ? v : [v]) {
      const o = e && typeof e === 'object' ? e : { value: String(e) };
      items.push({ key: k, value: o.value || '', page: o.page || 1, box: o.box, confidence: o.confidence, corrected: o.corrected, confirmed: o.confirmed, guess: false });
    }
  }
  for (const g of Array.isArray(fields.review) ? fields.review : []) {
    if (!g || !FIELD_ORDER.includes(g.field)) continue;
    if (fields[g.field] !== undefined && !LIST_FIELDS.includes(g.field)) continue;
    items.push({ key: g.field, value: '', suggestion: g.value || '', page: g.page || 1, box: g.box, guess: true, reason: g.reason });
  }
  return items;
}

async function renderReviewDossier(code) {
  let rec, state;
  try {
    [rec, state] = await Promise.all([api('dossiers/' + enc(code)), api('dossiers/' + enc(code) + '/fields')]);
  } catch (e) { failed(e); return; }
  const pages = rec.pages || [];
  let items = reviewItems(state.fields || {});
  let at = 0;
  const img = el('img', { id: 'review-image', alt: '' });
  const frame = el('div', { class: 'imgbox', id: 'review-frame' }, img);
  const label = el('h3', { id: 'review-label' });
  const meta = el('p', { class: 'meta', id: 'review-meta' });
  const input = el('input', { id: 'review-input', autocomplete: 'off', spellcheck: 'false' });
  const hint = el('p', { class: 'meta', id: 'review-hint' });
  const status = el('p', { id: 'review-status', role: 'status' });
  const bConfirm = el('button', { type: 'submit', id: 'review-save' }, R().confirm);
  /* document types are codes (khac, quyet_dinh ...): offered with their names */
  const types = el('datalist', { id: 'doc-types' }, ...Object.entries(T.types).map(([k, v]) => el('option', { value: k, label: v })));
  const bPrev = el('button', { type: 'button', id: 'review-prev' }, R().back);
  const bNext = el('button', { type: 'button', id: 'review-next' }, R().skip);
  const form = el('form', { id: 'review-form' }, el('label', { for: 'review-input' }, R().value), input, types, hint,
    el('p', { class: 'buttons' }, bConfirm, bPrev, bNext), status);
  const hist = el('div', { id: 'review-history' });
  const ver = el('span', { id: 'review-version' });
  const panel = el('div', { class: 'reviewpanel' }, label, meta, form, el('p', { class: 'meta' }, R().version + ' ', ver), hist);
  show(el('h2', null, R().review + ' · ', el('a', { href: '#/d/' + enc(code) }, code)), el('div', { class: 'reviewview' }, frame, panel));

  function drawHistory() {
    ver.textContent = String(state.version);
    const rows = (state.history || []).slice().reverse().map((h) => el('tr', null,
      el('td', null, stampShow(h.time)), el('td', null, keyLabel(h.field)), el('td', null, valueShow(h.field, h.old)),
      el('td', null, valueShow(h.field, h.new)), el('td', null, h.user)));
    hist.replaceChildren(el('h3', null, R().history), rows.length ? el('table', { class: 'fields' },
      el('tr', null, el('th', null, R().when), el('th', null, R().field), el('th', null, R().old), el('th', null, R().new), el('th', null, R().who)), ...rows) : el('p', { class: 'msg' }, '—'));
  }

  /* A field's box is in pixels of the OCR image, whose size is the hOCR page's bbox (the
   * archived image's size when there is no hOCR): fetched once a page. */
  const ocrSize = {};
  async function pageSize(n) {
    if (!ocrSize[n]) {
      ocrSize[n] = api('dossiers/' + enc(code) + '/pages/' + n + '/hocr', null, 'text').then((h) => {
        const m = /class=['"]ocr_page['"][^>]*?bbox (\d+) (\d+) (\d+) (\d+)/.exec(h);
        return m ? [Number(m[3]) - Number(m[1]), Number(m[4]) - Number(m[2])] : null;
      }).catch(() => null).then((wh) => {
        const pg = pages.find((p) => p.page === n);
        return wh && wh[0] && wh[1] ? wh : (pg && pg.width && pg.height ? [pg.width, pg.height] : null);
      });
    }
    return ocrSize[n];
  }

  async function drawBox(it) {
    for (const b of frame.querySelectorAll('.box')) b.remove();
    if (!Array.isArray(it.box) || it.box.length !== 4) return;
    const wh = await pageSize(it.page);
    if (!wh || items[at] !== it) return;
    const [x0, y0, x1, y1] = it.box.map(Number);
    const d = el('div', { class: 'box', id: 'review-box' });
    d.style.left = (100 * x0 / wh[0]) + '%';
    d.style.top = (100 * y0 / wh[1]) + '%';
    d.style.width = (100 * (x1 - x0) / wh[0]) + '%';
    d.style.height = (100 * (y1 - y0) / wh[1]) + '%';
    frame.append(d);
    /* the box in view: the image may be taller than the screen */
    requestAnimationFrame(() => { frame.scrollTop = Math.max(0, d.offsetTop - frame.clientHeight / 3); });
  }

  function draw() {
    if (!items.length) { panel.replaceChildren(el('p', { class: 'msg' }, R().noFields)); return; }
    if (at >= items.length) {
      label.textContent = R().done;
      meta.replaceChildren(el('a', { href: '#', id: 'review-again' }, R().again));
      meta.querySelector('a').addEventListener('click', (ev) => { ev.preventDefault(); at = 0; draw(); });
      form.hidden = true;
      return;
    }
    form.hidden = false;
    const it = items[at];
    label.textContent = R().field + ' ' + (at + 1) + R().of + items.length + ': ' + keyLabel(it.key);
    const bits = [T.page + ' ' + it.page];
    if (it.guess) bits.push(R().guess);
    else if (it.corrected) bits.push(R().corrected + ' ' + it.corrected.by + ' · ' + stampShow(it.corrected.at));
    else if (it.confirmed) bits.push(R().confirmedBy + ' ' + it.confirmed.by + ' · ' + stampShow(it.confirmed.at));
    else if (typeof it.confidence === 'number') bits.push(T.confidence + ' ' + Math.round(100 * it.confidence) + '%');
    meta.textContent = bits.join(' · ');
    input.value = valueShow(it.key, it.guess ? it.suggestion : it.value);
    input.dataset.start = input.value;
    hint.textContent = DATE_FIELDS.includes(it.key) ? (it.key === 'issue_date' ? R().dateHint : R().timeHint)
      : it.key === 'doc_type' ? typeLabel(input.value) : '';
    if (it.key === 'doc_type') input.setAttribute('list', 'doc-types');
    else input.removeAttribute('list');
    bConfirm.textContent = R().confirm;
    const src = apiUrl('dossiers/' + enc(code) + '/pages/' + it.page + '/image.png', { max: 1400 }, true);
    if (img.getAttribute('src') !== src) { img.src = src; img.alt = T.page + ' ' + it.page; }
    drawBox(it);
    input.focus();
    input.select();
  }

  input.addEventListener('input', () => {
    bConfirm.textContent = input.value === input.dataset.start && !items[at].guess ? R().confirm : R().save;
  });
  input.addEventListener('keydown', (ev) => {
    if (ev.key === 'Tab') { ev.preventDefault(); at = ev.shiftKey ? Math.max(0, at - 1) : Math.min(items.length, at + 1); status.textContent = ''; draw(); }
    if (ev.key === 'Escape') { input.value = input.dataset.start; input.dispatchEvent(new Event('input')); }
  });
  bPrev.addEventListener('click', () => { at = Math.max(0, at - 1); draw(); });
  bNext.addEventListener('click', () => { at = Math.min(items.length, at + 1); draw(); });
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if (!SESSION) { status.className = 'error'; status.textContent = R().signInFirst; return; }
    const it = items[at];
    /* an unchanged value is confirmed as it was read; the server turns dd/mm/yyyy into ISO */
    const typed = input.value.trim();
    const same = typed === input.dataset.start && !it.guess;
    const r = await post('dossiers/' + enc(code) + '/fields',
      { field: it.key, page: it.page, old: it.value, new: same ? it.value : typed, version: state.version });
    if (r.status === 200) {
      state = r.body;
      status.className = 'ok';
      status.textContent = same ? R().confirmed : R().saved;
      const key = it.key;
      items = reviewItems(state.fields || {});
      /* on to the field after the one just saved (a removed value: the one now in its place) */
      const idx = items.findIndex((x, i) => i >= at && x.key === key);
      at = (idx >= 0 ? idx : at) + (typed || same ? 1 : 0);
      drawHistory();
      draw();
      return;
    }
    status.className = 'error';
    if (r.status === 409) {
      const again = el('button', { type: 'button', id: 'review-reload' }, R().reload);
      again.addEventListener('click', () => renderReviewDossier(code));
      status.replaceChildren(R().conflict + (r.body.error || ''), ' ', again);
    } else if (r.status === 401) {
      SESSION = null;
      accountRender();
      status.textContent = R().signInFirst;
    } else {
      status.textContent = T.error + (r.body.error || r.status);
    }
  });
  drawHistory();
  draw();
}

/* Called by app.js's router for #/login, #/review and #/review/CODE. */
function reviewRoute(parts) {
  if (parts[0] === 'login') return renderLogin();
  if (parts.length > 1) return renderReviewDossier(parts[1]);
  return renderQueue();
}

export { reviewRoute, sessionLoad };
