// sfmock's live exchange viewer: polls GET /__admin/notes?since=<highest note id seen> and
// GET /__admin/journal?since=<highest seq seen> every 500 ms and appends one row per exchange
// (oldest first), with the notes (narration, e.g. from `sfharness learn --viewer`) in a column
// beside them. Everything that came from the wire or from a note is put in the page with
// textContent or attribute values only, never parsed as HTML: bodies and headers are whatever
// clients sent.
//
// Row contract (tests assert on it): each exchange is a <tr class="exchange" id="exchange-SEQ">
// with data-seq, data-status, data-fault, data-wire-fault, data-method, data-path, data-host and,
// when a note is about it, data-note (the note's id), followed by its <tr class="detail"
// id="detail-SEQ">, which holds the request, the response and, for errors the catalogue knows, an
// <aside class="explanation">.
// Note contract: each note is an <li class="note kind-KIND" id="note-ID"> in <ol id="notes">,
// with data-id, data-after-seq and data-kind, its title in <h3>, its paragraphs in <p>, and a
// <button data-seq="SEQ"> per exchange it is about. A note is about the exchanges after its
// after_seq, up to where the next note (in after_seq order) starts.
// When the journal's id changes (the tenant was reset or replaced, or sfmock restarted), sequence
// numbers start again: the view is cleared and read afresh.
'use strict';

(function () {
  const POLL_MS = 500;
  const JOURNAL = '/__admin/journal';
  const NOTES = '/__admin/notes';
  const HOST_LABELS = {
    my_domain: 'My Domain',
    login: 'login',
    test: 'test',
    legacy_instance: 'legacy instance',
  };

  const pageQuery = new URLSearchParams(window.location.search);
  const tenant = pageQuery.get('tenant') || '';
  const expandErrors = pageQuery.get('expand') === 'errors';
  const token = new URLSearchParams(window.location.hash.slice(1)).get('token') || '';

  const rows = document.getElementById('exchange-rows');
  const connection = document.getElementById('connection');
  const counter = document.getElementById('counter');
  const filter = document.getElementById('filter');
  const pauseButton = document.getElementById('pause');
  const clearButton = document.getElementById('clear');
  const empty = document.getElementById('empty');
  const main = document.getElementById('main');
  const narration = document.getElementById('narration');
  const noteList = document.getElementById('notes');

  let since = 0;  // the highest seq seen
  let paused = false;
  let timer = null;
  let inFlight = false;
  let last = null;  // the last journal answer's counters
  let journalId = null;  // the journal the view shows
  let notesSince = 0;  // the highest note id seen
  let notes = [];  // the notes in view, by after_seq then id

  // ---- small DOM helpers ----

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function setConnection(state, text) {
    connection.dataset.state = state;
    connection.textContent = text;
  }

  function updateCounter() {
    const shown = rows.querySelectorAll('tr.exchange').length;
    if (last) {
      counter.dataset.total = String(last.total);
      counter.dataset.dropped = String(last.dropped);
      counter.textContent = `${last.total} recorded, ${last.dropped} dropped` +
          (last.capacity ? ` (keeps ${last.capacity})` : '') + `, ${shown} in view`;
    } else {
      counter.textContent = `${shown} in view`;
    }
    empty.hidden = shown > 0;
  }

  // ---- formatting ----

  function timeOf(receivedAt) {
    const m = /T(\d\d:\d\d:\d\d(?:\.\d+)?)/.exec(receivedAt || '');
    return m ? m[1] : (receivedAt || '');
  }

  function statusClass(status) {
    return status >= 100 && status < 600 ? `status-${Math.floor(status / 100)}xx` : 'status-none';
  }

  function pathOf(ex) {
    if (ex.path !== undefined) return ex.path;
    const target = ex.target || '';
    const q = target.indexOf('?');
    return q < 0 ? target : target.slice(0, q);
  }

  function prettyBody(body) {
    const trimmed = body.trim();
    if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
      try {
        return JSON.stringify(JSON.parse(trimmed), null, 2);
      } catch (e) {
        // not JSON after all: shown as sent
      }
    }
    return body;
  }

  function headersText(headers) {
    return (headers || []).map((h) => `${h[0]}: ${h[1]}`).join('\n');
  }

  // ---- rendering ----

  function messageSection(className, title, firstLine, message) {
    const section = el('section', `message ${className}`);
    section.append(el('h3', null, title));
    section.append(el('p', 'start-line', firstLine));
    section.append(el('pre', 'headers', headersText(message && message.headers)));
    const body = (message && message.body) || '';
    const pre = el('pre', body ? 'body' : 'body empty', body ? prettyBody(body) : '(no body)');
    section.append(pre);
    return section;
  }

  function explanationBox(ex) {
    const x = ex.explanation;
    const box = el('aside', 'explanation');
    if (!x) {
      box.classList.add('unknown');
      box.append(el('p', null, 'The catalogue has no entry for this answer.'));
      return box;
    }
    box.setAttribute('aria-label', `Explanation of ${x.code || 'the error'}`);
    box.append(el('h3', null, `Why ${x.code || 'this error'}`));
    const dl = el('dl');
    const fields = [
      ['Catalogue id', x.id, 'explanation-id'],
      ['Code', x.code, 'explanation-code'],
      ['Description', x.description, 'explanation-description'],
      ['Provenance', x.provenance, 'explanation-provenance'],
      ['Likely causes', x.causes, 'explanation-causes'],
      ['Fix', x.fix, 'explanation-fix'],
    ];
    for (const [label, value, className] of fields) {
      if (value === undefined || value === null || value === '') continue;
      dl.append(el('dt', null, label), el('dd', className, value));
    }
    box.append(dl);
    return box;
  }

  function detailRow(ex) {
    const tr = el('tr', 'detail');
    tr.id = `detail-${ex.seq}`;
    tr.hidden = true;
    const td = el('td');
    td.colSpan = 8;
    const grid = el('div', 'detail-grid');
    const target = ex.target || pathOf(ex) + (ex.query ? `?${ex.query}` : '');
    grid.append(messageSection('request', 'Request', `${ex.method} ${target}`, ex.request));
    grid.append(messageSection('response', 'Response', `HTTP ${ex.status}`, ex.response));
    td.append(grid);
    if (ex.status >= 400 || ex.explanation) td.append(explanationBox(ex));
    const facts = [`host ${HOST_LABELS[ex.host] || ex.host}`, ex.tls ? 'HTTPS' : 'HTTP'];
    if (ex.client_id) facts.push(`client_id ${ex.client_id}`);
    if (ex.received_at) facts.push(`received ${ex.received_at}`);
    td.append(el('p', 'facts', facts.join(' · ')));
    tr.append(td);
    return tr;
  }

  function summaryRow(ex) {
    const tr = el('tr', 'exchange');
    tr.id = `exchange-${ex.seq}`;
    tr.tabIndex = 0;
    tr.setAttribute('aria-expanded', 'false');
    tr.setAttribute('aria-controls', `detail-${ex.seq}`);
    const path = pathOf(ex);
    tr.dataset.seq = String(ex.seq);
    tr.dataset.status = String(ex.status);
    tr.dataset.fault = ex.fault || '';
    tr.dataset.wireFault = ex.wire_fault || '';
    tr.dataset.method = ex.method || '';
    tr.dataset.path = path;
    tr.dataset.host = ex.host || '';
    if (ex.status >= 400) tr.classList.add('error');

    tr.append(el('td', 'seq', ex.seq));
    const time = el('time', null, timeOf(ex.received_at));
    if (ex.received_at) time.dateTime = ex.received_at;
    const timeCell = el('td', 'time');
    timeCell.append(time);
    tr.append(timeCell);

    const hostCell = el('td', 'host');
    hostCell.append(el('span', `badge host-${ex.host || 'unknown'}`, HOST_LABELS[ex.host] || ex.host));
    tr.append(hostCell);
    tr.append(el('td', 'method', ex.method));
    const pathCell = el('td', 'path', path);
    if (ex.query) pathCell.append(el('span', 'query', `?${ex.query}`));
    tr.append(pathCell);

    const statusCell = el('td', 'status');
    statusCell.append(el('span', `status-code ${statusClass(ex.status)}`, ex.status));
    if (ex.explanation && ex.explanation.code) {
      statusCell.append(el('span', 'error-code', ex.explanation.code));
    }
    tr.append(statusCell);
    tr.append(el('td', 'elapsed', ((ex.elapsed_us || 0) / 1000).toFixed(1)));

    const faultCell = el('td', 'faults');
    if (ex.fault) faultCell.append(el('span', 'badge fault', ex.fault));
    if (ex.wire_fault) faultCell.append(el('span', 'badge wire-fault', ex.wire_fault));
    tr.append(faultCell);
    return tr;
  }

  function matchesFilter(tr) {
    const needle = filter.value.trim().toLowerCase();
    if (!needle) return true;
    return `${tr.dataset.method} ${tr.dataset.path}`.toLowerCase().includes(needle);
  }

  // Shows or hides a summary row and its detail from the filter and the expanded state.
  function applyVisibility(tr) {
    const visible = matchesFilter(tr);
    tr.hidden = !visible;
    const detail = document.getElementById(tr.getAttribute('aria-controls'));
    if (detail) detail.hidden = !visible || tr.getAttribute('aria-expanded') !== 'true';
  }

  function toggle(tr, open) {
    const expanded = open !== undefined ? open : tr.getAttribute('aria-expanded') !== 'true';
    tr.setAttribute('aria-expanded', expanded ? 'true' : 'false');
    applyVisibility(tr);
  }

  function addExchange(ex) {
    const tr = summaryRow(ex);
    rows.append(tr, detailRow(ex));
    if (expandErrors && ex.status >= 400) tr.setAttribute('aria-expanded', 'true');
    applyVisibility(tr);
  }

  // ---- notes ----

  function noteItem(note) {
    const li = el('li', `note kind-${String(note.kind || 'note').replace(/[^a-z0-9-]/gi, '_')}`);
    li.id = `note-${note.id}`;
    li.dataset.id = String(note.id);
    li.dataset.afterSeq = String(note.after_seq);
    li.dataset.kind = note.kind || '';
    if (note.title) li.append(el('h3', null, note.title));
    for (const paragraph of String(note.text || '').split(/\n\s*\n/)) {
      if (paragraph.trim()) li.append(el('p', null, paragraph));
    }
    li.append(el('div', 'note-exchanges'));
    return li;
  }

  function addNotes(added) {
    if (added.length === 0) return;
    for (const note of added) {
      notes.push({id: note.id, afterSeq: note.after_seq, item: noteItem(note)});
      notesSince = Math.max(notesSince, note.id);
    }
    notes.sort((a, b) => a.afterSeq - b.afterSeq || a.id - b.id);
    noteList.replaceChildren(...notes.map((n) => n.item));
    narration.hidden = false;
    main.classList.add('with-narration');
    let newest = notes[0];
    for (const n of notes) {
      n.item.classList.remove('current');
      if (n.id > newest.id) newest = n;
    }
    newest.item.classList.add('current');
    newest.item.scrollIntoView({block: 'nearest'});
  }

  // The note an exchange is about: the last one, in after_seq order, that starts before it.
  function noteFor(seq) {
    let found = null;
    for (const n of notes) {
      if (n.afterSeq < seq) found = n;
    }
    return found;
  }

  // Links every exchange in view to its note, both ways.
  function relink() {
    if (notes.length === 0) return;
    for (const n of notes) n.item.querySelector('.note-exchanges').replaceChildren();
    for (const tr of rows.querySelectorAll('tr.exchange')) {
      const n = noteFor(Number(tr.dataset.seq));
      if (!n) {
        delete tr.dataset.note;
        tr.classList.remove('linked');
        continue;
      }
      tr.dataset.note = String(n.id);
      tr.classList.add('linked');
      const button = el('button', null,
          `#${tr.dataset.seq} ${tr.dataset.method} ${tr.dataset.path} ${tr.dataset.status}`);
      button.type = 'button';
      button.dataset.seq = tr.dataset.seq;
      n.item.querySelector('.note-exchanges').append(button);
    }
  }

  // A new journal: sequence numbers start again, so what is in view belongs to another one.
  function startJournal(id) {
    journalId = id;
    since = 0;
    notesSince = 0;
    notes = [];
    rows.replaceChildren();
    noteList.replaceChildren();
    narration.hidden = true;
    main.classList.remove('with-narration');
  }

  // ---- polling ----

  function journalUrl() {
    let url = `${JOURNAL}?since=${since}`;
    if (tenant) url += `&tenant=${encodeURIComponent(tenant)}`;
    return url;
  }

  function notesUrl() {
    let url = `${NOTES}?since=${notesSince}`;
    if (tenant) url += `&tenant=${encodeURIComponent(tenant)}`;
    return url;
  }

  async function errorText(response) {
    let message = '';
    try {
      const text = await response.text();
      try {
        const body = JSON.parse(text);
        message = (body && (body.error || body.message)) || '';
      } catch (e) {
        message = text.slice(0, 200);
      }
    } catch (e) {
      // no body
    }
    if (!message && response.status === 401) message = 'admin token required';
    let text = `error: HTTP ${response.status}${message ? ` ${message}` : ''}`;
    if (response.status === 401 || response.status === 403) {
      text += token ? ' (the #token in the page URL was refused)' : ' (add #token=… to the page URL)';
    }
    return text;
  }

  async function poll() {
    timer = null;
    if (paused || inFlight) return;
    inFlight = true;
    try {
      const headers = {Accept: 'application/json'};
      if (token) headers['X-Sfmock-Admin-Token'] = token;
      const get = (url) => fetch(url, {headers, cache: 'no-store'});
      // Notes first: a note written before a request is in view by the time its exchange is.
      let response = await get(notesUrl());
      let noteData = response.ok ? await response.json() : null;
      if (noteData && noteData.journal_id !== journalId) {
        startJournal(noteData.journal_id);
        response = await get(notesUrl());
        noteData = response.ok ? await response.json() : null;
      }
      if (response.ok) response = await get(journalUrl());
      if (!response.ok) {
        setConnection('error', await errorText(response));
      } else {
        const data = await response.json();
        if (data.journal_id === journalId) {
          addNotes((noteData.notes || []).filter((n) => typeof n.id === 'number' &&
              n.id > notesSince));
          const exchanges = data.exchanges || [];
          last = {total: data.total, dropped: data.dropped, capacity: data.capacity};
          for (const ex of exchanges) {
            if (typeof ex.seq !== 'number' || ex.seq <= since) continue;
            addExchange(ex);
            since = ex.seq;
          }
          relink();
        }  // else the journal changed between the two reads: the next poll starts it afresh
        updateCounter();
        if (!paused) setConnection('live', 'live');
      }
    } catch (e) {
      setConnection('error', 'error: sfmock is not answering (retrying)');
    } finally {
      inFlight = false;
      schedule();
    }
  }

  function schedule() {
    if (!paused && timer === null) timer = window.setTimeout(poll, POLL_MS);
  }

  // ---- controls ----

  rows.addEventListener('click', (event) => {
    const tr = event.target.closest('tr.exchange');
    if (tr) toggle(tr);
  });
  rows.addEventListener('keydown', (event) => {
    const tr = event.target.closest('tr.exchange');
    if (tr && event.target === tr && (event.key === 'Enter' || event.key === ' ')) {
      event.preventDefault();
      toggle(tr);
    }
  });
  filter.addEventListener('input', () => {
    for (const tr of rows.querySelectorAll('tr.exchange')) applyVisibility(tr);
  });
  pauseButton.addEventListener('click', () => {
    paused = !paused;
    pauseButton.setAttribute('aria-pressed', paused ? 'true' : 'false');
    pauseButton.textContent = paused ? 'Resume' : 'Pause';
    if (paused) {
      if (timer !== null) window.clearTimeout(timer);
      timer = null;
      setConnection('paused', 'paused');
    } else {
      setConnection('connecting', 'resuming');
      poll();
    }
  });
  noteList.addEventListener('click', (event) => {
    const button = event.target.closest('button[data-seq]');
    const tr = button && document.getElementById(`exchange-${button.dataset.seq}`);
    if (!tr) return;
    toggle(tr, true);
    tr.scrollIntoView({block: 'center'});
    tr.focus();
  });
  clearButton.addEventListener('click', () => {
    rows.replaceChildren();  // `since` stays: cleared exchanges do not come back
    updateCounter();
  });

  updateCounter();
  poll();
})();
