/*
 * Reward playground: builds a /v1/rewards request from the form (with options.explain, so every verifier says why),
 * renders the composite reward, each component and its explanation, and for a group the GRPO statistics and the
 * answers' equivalence classes (/v1/math/cluster). The inputs live in the URL fragment, so a link reproduces a view.
 * No framework and no network beyond the gateway: the page must work offline.
 */
(function () {
  'use strict';

  const LANGUAGES = ['en', 'zh', 'ja', 'ko', 'ru', 'de', 'fr', 'es', 'pt', 'it', 'ar', 'vi'];
  const COLOURS = {
    en: '#cfe0ff', zh: '#ffd0cc', ja: '#ffd6ef', ko: '#e6d6ff', ru: '#e8dccb', de: '#ffe2b8', fr: '#c9f0ea',
    es: '#e9efb8', pt: '#cdeec9', it: '#c8ecf7', ar: '#f3e0b0', vi: '#f0d4c0', unknown: '#e0e0e0'
  };
  const FIELDS = ['profile', 'task', 'gold', 'tests', 'language', 'target_language', 'template', 'think_prefilled',
    'scope'];
  const $ = (id) => document.getElementById(id);

  const state = { profiles: {}, samples: [], response: null, classes: null, selected: 0, sort: { key: 'index', dir: 1 } };

  // ---------------------------------------------------------------- DOM helpers

  function el(tag, attributes, ...children) {
    const node = document.createElement(tag);
    Object.entries(attributes || {}).forEach(([key, value]) => {
      if (value === null || value === undefined || value === false) return;
      if (key === 'class') node.className = value;
      else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value === true ? '' : value);
    });
    children.flat().forEach((child) => {
      if (child === null || child === undefined) return;
      node.appendChild(typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child);
    });
    return node;
  }

  function fmt(value, digits) {
    if (value === null || value === undefined) return '—';
    if (typeof value !== 'number') return String(value);
    return Number.isInteger(value) ? String(value) : value.toFixed(digits === undefined ? 3 : digits);
  }

  function statusClass(status) {
    return 'status-' + String(status).replace(/[^a-z_]/g, '');
  }

  /**
   * The text with marked spans: spans are {start, end, cls, title, attrs}; overlapping ones after the first are
   * dropped. A zero-length span becomes a visible marker.
   */
  function highlighted(text, spans) {
    const box = el('div', { class: 'text' });
    const sorted = spans.filter((s) => s.start >= 0 && s.end <= text.length && s.end >= s.start)
      .sort((a, b) => a.start - b.start || b.end - a.end);
    let at = 0;
    sorted.forEach((span) => {
      if (span.start < at) return;
      if (span.start > at) box.appendChild(document.createTextNode(text.slice(at, span.start)));
      const tag = span.tag || 'span';
      const attrs = Object.assign({ class: span.cls, title: span.title }, span.attrs || {});
      box.appendChild(el(tag, attrs, span.end > span.start ? text.slice(span.start, span.end) : (span.marker || '▲')));
      at = span.end;
    });
    if (at < text.length) box.appendChild(document.createTextNode(text.slice(at)));
    return box;
  }

  // ---------------------------------------------------------------- problems next to fields

  function clearProblems() {
    document.querySelectorAll('.problem').forEach((node) => { node.textContent = ''; });
  }

  function showProblem(field, problem) {
    const target = $('err-' + field) || $('err-general');
    target.textContent = '';
    target.appendChild(el('strong', {}, problem.title || 'Error'));
    target.appendChild(document.createTextNode(problem.detail || ''));
    target.scrollIntoView({ block: 'nearest' });
  }

  /** The field a server problem is about: its detail names the field first (e.g. "tests.cases[0].output: …"). */
  function fieldOf(detail) {
    const text = String(detail || '');
    const match = text.match(/\b(response|gold|tests|target_language|target|language|profile|template|scope|think_prefilled)\b/);
    if (!match) return 'general';
    return { target: 'target_language', response: 'response' }[match[1]] || match[1];
  }

  async function problemOf(response) {
    let body = null;
    try { body = await response.json(); } catch (ignored) { /* not JSON */ }
    return {
      status: response.status,
      title: (body && body.title) || response.status + ' ' + response.statusText,
      detail: (body && body.detail) || ''
    };
  }

  // ---------------------------------------------------------------- form

  function addResponseBox(value) {
    const boxes = $('response-boxes');
    const n = boxes.children.length + 1;
    const id = 'response-' + n;
    const area = el('textarea', { id: id, class: 'response', rows: n === 1 ? 8 : 4, spellcheck: 'false' });
    area.value = value || '';
    const remove = el('button', { type: 'button', class: 'remove', title: 'Remove this response', 'aria-label': 'Remove response ' + n,
      onclick: () => { wrapper.remove(); renumber(); } }, '×');
    const wrapper = el('div', { class: 'response-box' }, el('label', { for: id }, 'Response ' + n), area, n > 1 ? remove : null);
    boxes.appendChild(wrapper);
    return area;
  }

  function renumber() {
    Array.from($('response-boxes').children).forEach((wrapper, i) => {
      wrapper.querySelector('label').textContent = 'Response ' + (i + 1);
    });
  }

  function setResponses(list) {
    $('response-boxes').textContent = '';
    (list.length ? list : ['']).forEach((r) => addResponseBox(r));
  }

  function readResponses() {
    if (!$('jsonl-mode').checked) {
      return { responses: Array.from(document.querySelectorAll('#response-boxes textarea')).map((t) => t.value) };
    }
    const responses = [];
    const lines = $('jsonl').value.split('\n');
    for (let i = 0; i < lines.length; i++) {
      if (!lines[i].trim()) continue;
      let value;
      try { value = JSON.parse(lines[i]); } catch (e) {
        return { problem: { title: 'Invalid JSONL', detail: 'line ' + (i + 1) + ': ' + e.message } };
      }
      if (typeof value === 'string') responses.push(value);
      else if (value && typeof value.response === 'string') responses.push(value.response);
      else return { problem: { title: 'Invalid JSONL', detail: 'line ' + (i + 1) + ': a JSON string or an object with "response" expected' } };
    }
    return { responses: responses };
  }

  function onTaskChange() {
    const task = $('task').value;
    $('math-inputs').hidden = task !== 'math';
    $('code-inputs').hidden = task !== 'code';
  }

  function onProfileChange() {
    const profile = state.profiles[$('profile').value];
    if (!profile) return;
    const order = ['accuracy', 'format', 'language', 'overlong'];
    const weights = Object.entries(profile.weights).sort((a, b) => order.indexOf(a[0]) - order.indexOf(b[0]))
      .map(([k, v]) => k + ' ×' + v).join(', ');
    $('profile-info').textContent = (profile.description || '') + ' — ' + weights + '; template ' + profile.template
      + (profile.think_prefilled ? ', think prefilled' : '') + '; target ' + profile.target_language;
    if (!$('target-language').dataset.touched) $('target-language').value = profile.target_language || 'en';
  }

  /** The form as permalink values (strings; response repeated for a group). */
  function formValues() {
    const values = {
      profile: $('profile').value, task: $('task').value, template: $('template').value,
      think_prefilled: $('think-prefilled').value, target_language: $('target-language').value, scope: $('scope').value
    };
    if (values.task === 'math') values.gold = $('gold').value;
    if (values.task === 'code') { values.tests = $('tests').value; values.language = $('code-language').value; }
    return values;
  }

  function writePermalink(values, responses) {
    const params = new URLSearchParams();
    FIELDS.forEach((name) => { if (values[name]) params.append(name, values[name]); });
    responses.forEach((r) => params.append('response', r));
    history.replaceState(null, '', '#' + params.toString());
  }

  function readPermalink() {
    const hash = location.hash.replace(/^#/, '');
    if (!hash) return null;
    const params = new URLSearchParams(hash);
    const responses = params.getAll('response');
    if (params.get('profile') && state.profiles[params.get('profile')]) $('profile').value = params.get('profile');
    const task = params.get('task') || (params.has('tests') ? 'code' : params.has('gold') ? 'math' : 'none');
    $('task').value = task;
    if (params.has('gold')) $('gold').value = params.get('gold');
    if (params.has('tests')) $('tests').value = params.get('tests');
    if (params.has('language')) $('code-language').value = params.get('language');
    if (params.has('template')) $('template').value = params.get('template');
    if (params.has('think_prefilled')) $('think-prefilled').value = params.get('think_prefilled');
    if (params.has('scope')) $('scope').value = params.get('scope');
    onProfileChange();
    if (params.has('target_language')) { $('target-language').value = params.get('target_language'); $('target-language').dataset.touched = '1'; }
    $('jsonl-mode').checked = false;
    toggleJsonl();
    setResponses(responses);
    onTaskChange();
    return responses.length > 0;
  }

  function toggleJsonl() {
    const jsonl = $('jsonl-mode').checked;
    if (jsonl) {
      $('jsonl').value = Array.from(document.querySelectorAll('#response-boxes textarea'))
        .filter((t) => t.value).map((t) => JSON.stringify(t.value)).join('\n');
    }
    $('jsonl').hidden = !jsonl;
    $('response-boxes').hidden = jsonl;
    $('add-response').hidden = jsonl;
  }

  // ---------------------------------------------------------------- scoring

  /** Scores the form; {@code body[data-scored]} counts finished attempts (for tests and scripts). */
  async function score() {
    try {
      await scoreForm();
    } finally {
      document.body.dataset.scored = String(Number(document.body.dataset.scored || 0) + 1);
    }
  }

  async function scoreForm() {
    clearProblems();
    const values = formValues();
    const read = readResponses();
    if (read.problem) { showProblem('response', read.problem); return; }
    const responses = read.responses;
    if (!responses.length || responses.every((r) => !r.trim())) {
      showProblem('response', { title: 'Empty response', detail: 'Paste the completion to score.' });
      return;
    }
    const empty = responses.findIndex((r) => !r.trim());
    if (empty >= 0) {
      showProblem('response', { title: 'Empty response', detail: 'Response ' + (empty + 1) + ' is empty: fill it or remove it.' });
      return;
    }
    let tests = null;
    if (values.task === 'code') {
      try { tests = JSON.parse(values.tests); } catch (e) {
        showProblem('tests', { title: 'Invalid JSON tests', detail: e.message });
        return;
      }
      if (!tests || typeof tests !== 'object' || Array.isArray(tests)) {
        showProblem('tests', { title: 'Invalid JSON tests', detail: 'a JSON object is expected, e.g. {"format": "stdio", "cases": […]}' });
        return;
      }
    }
    if (values.task === 'math' && !values.gold.trim()) {
      showProblem('gold', { title: 'Gold answer required', detail: 'A math task is scored against a gold answer.' });
      return;
    }
    writePermalink(values, responses);
    const options = { explain: true };
    if (values.template) options.template = values.template;
    if (values.think_prefilled) options.think_prefilled = values.think_prefilled === 'true';
    if (values.scope) options.scope = values.scope;
    const samples = responses.map((response, i) => {
      const sample = { id: String(i + 1), response: response, task: values.task, target_language: values.target_language, options: options };
      if (values.task === 'math') sample.gold = values.gold;
      if (values.task === 'code') { sample.tests = tests; sample.language = values.language; }
      return sample;
    });
    $('busy').hidden = false;
    $('score').disabled = true;
    try {
      const answer = await post('v1/rewards', { profile: values.profile, samples: samples });
      if (!answer.ok) {
        const problem = answer.problem;
        if (problem.status === 401) revealApiKey();
        showProblem(problem.status >= 500 || problem.status === 429 ? 'general' : fieldOf(problem.detail), problem);
        return;
      }
      state.samples = samples;
      state.response = answer.body;
      state.classes = null;
      state.selected = 0;
      state.sort = { key: 'index', dir: 1 };
      render();
      if (samples.length > 1 && values.task === 'math') await cluster();
    } finally {
      $('busy').hidden = true;
      $('score').disabled = false;
    }
  }

  async function post(path, body) {
    const headers = { 'content-type': 'application/json', accept: 'application/json' };
    const key = $('api-key').value || sessionStorage.getItem('rewards-api-key');
    if (key) { headers.authorization = 'Bearer ' + key; sessionStorage.setItem('rewards-api-key', key); }
    let response;
    try {
      response = await fetch(path, { method: 'POST', headers: headers, body: JSON.stringify(body) });
    } catch (e) {
      return { ok: false, problem: { status: 0, title: 'Gateway unreachable', detail: String(e.message || e) } };
    }
    if (!response.ok) return { ok: false, problem: await problemOf(response) };
    return { ok: true, body: await response.json() };
  }

  function revealApiKey() {
    $('api-key').hidden = false;
    $('api-key-label').hidden = false;
    $('api-key').focus();
  }

  /** Groups the extracted answers by mathematical equivalence; a failure is shown, the rest of the view stays. */
  async function cluster() {
    const answers = [];
    const owners = [];
    state.response.results.forEach((result, i) => {
      const accuracy = result.components.accuracy;
      const extracted = accuracy && accuracy.detail && accuracy.detail.extracted;
      if (extracted) { answers.push(extracted); owners.push(i); }
    });
    if (!answers.length) return;
    const answer = await post('v1/math/cluster', { answers: answers });
    if (!answer.ok) { showProblem('clusters', answer.problem); return; }
    const classes = new Array(state.samples.length).fill(null);
    answer.body.classes.forEach((members, c) => members.forEach((m) => { classes[owners[m]] = c; }));
    state.classes = {
      of: classes,
      forms: answer.body.classes.map((ms) => answer.body.forms[ms[0]]),
      members: answer.body.classes.map((ms) => ms.map((m) => owners[m]))
    };
    render();
  }

  // ---------------------------------------------------------------- rendering

  function render() {
    $('results').hidden = false;
    const results = state.response.results;
    $('group').hidden = results.length < 2;
    if (results.length > 1) renderGroup();
    renderDetail(state.selected);
  }

  function classLabel(c) {
    return c === null || c === undefined ? '—' : String.fromCharCode(65 + (c % 26)) + (c >= 26 ? Math.floor(c / 26) : '');
  }

  /** GRPO: advantage (r − mean) / std with the sample standard deviation (n − 1), as TRL's group normalisation. */
  function groupStats(rewards) {
    const scored = rewards.filter((r) => r !== null);
    const n = scored.length;
    const mean = n ? scored.reduce((a, b) => a + b, 0) / n : null;
    const std = n > 1 ? Math.sqrt(scored.reduce((a, r) => a + (r - mean) * (r - mean), 0) / (n - 1)) : 0;
    const advantage = rewards.map((r) => (r === null || !std ? (r === null ? null : 0) : (r - mean) / std));
    return { n: n, mean: mean, std: std, advantage: advantage };
  }

  function renderGroup() {
    const results = state.response.results;
    const stats = groupStats(results.map((r) => r.reward));
    $('group-stats').textContent = results.length + ' samples · mean ' + fmt(stats.mean) + ' · std ' + fmt(stats.std)
      + ' (n − 1)' + (stats.std === 0 ? ' · every reward equal: no GRPO signal, advantages 0' : '');
    const rows = results.map((result, i) => {
      const c = result.components;
      const accuracy = c.accuracy;
      return {
        index: i, reward: result.reward, advantage: stats.advantage[i],
        accuracy: accuracy ? accuracy.score : null, accuracyStatus: accuracy ? accuracy.status : null,
        format: c.format ? c.format.score : null, language: c.language ? c.language.score : null,
        answer: accuracy && accuracy.detail ? accuracy.detail.extracted || null : null,
        cls: state.classes ? state.classes.of[i] : null
      };
    });
    const key = state.sort.key;
    rows.sort((a, b) => {
      const x = a[key], y = b[key];
      if (x === y) return a.index - b.index;
      if (x === null || x === undefined) return 1;
      if (y === null || y === undefined) return -1;
      return (x < y ? -1 : 1) * state.sort.dir;
    });
    const columns = [['index', '#', true], ['reward', 'reward', true], ['advantage', 'advantage', true],
      ['accuracy', 'accuracy', true], ['format', 'format', true], ['language', 'language', true],
      ['answer', 'answer', false], ['cls', 'class', false]];
    const head = el('tr', {}, columns.map(([k, label, num]) => el('th', { class: num ? 'num' : null,
      'aria-sort': state.sort.key === k ? (state.sort.dir > 0 ? 'ascending' : 'descending') : null },
    el('button', { type: 'button', 'data-sort': k, onclick: () => sortBy(k) },
      label + (state.sort.key === k ? (state.sort.dir > 0 ? ' ▲' : ' ▼') : '')))));
    const body = el('tbody', {}, rows.map((row) => el('tr', {
      class: row.index === state.selected ? 'selected' : null, tabindex: '0', 'data-index': row.index,
      onclick: () => select(row.index), onkeydown: (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); select(row.index); } }
    },
    el('td', { class: 'num' }, String(row.index + 1)), el('td', { class: 'num reward-cell' }, fmt(row.reward)),
    el('td', { class: 'num advantage-cell' }, fmt(row.advantage)),
    el('td', { class: 'num' }, el('span', { class: row.accuracyStatus ? statusClass(row.accuracyStatus) : null }, fmt(row.accuracy))),
    el('td', { class: 'num' }, fmt(row.format)), el('td', { class: 'num' }, fmt(row.language)),
    el('td', {}, row.answer || '—'), el('td', { class: 'cluster-cell' }, classLabel(row.cls)))));
    const table = $('group-table');
    table.textContent = '';
    table.appendChild(el('thead', {}, head));
    table.appendChild(body);
    const clusters = $('clusters');
    clusters.textContent = '';
    if (state.classes) {
      clusters.appendChild(el('p', {}, 'Answers by mathematical equivalence (largest first):'));
      state.classes.members.map((members, c) => ({ members: members, c: c }))
        .sort((a, b) => b.members.length - a.members.length || a.c - b.c)
        .forEach(({ members, c }) => {
          const status = results[members[0]].components.accuracy.status;
          clusters.appendChild(el('span', { class: 'cluster' }, classLabel(c) + ' ×' + members.length + ': ',
            el('code', {}, state.classes.forms[c] || ''), ' ',
            el('span', { class: statusClass(status) }, status)));
        });
    }
  }

  function sortBy(key) {
    state.sort = { key: key, dir: state.sort.key === key ? -state.sort.dir : (key === 'index' ? 1 : -1) };
    renderGroup();
    const button = document.querySelector('#group-table th button[data-sort="' + key + '"]');
    if (button) button.focus();
  }

  function select(index) {
    state.selected = index;
    renderGroup();
    renderDetail(index);
  }

  function renderDetail(index) {
    const result = state.response.results[index];
    const sample = state.samples[index];
    const detail = $('detail');
    detail.textContent = '';
    const weights = state.response.weights;
    const summary = el('div', { class: 'card', id: 'summary' },
      el('h2', {}, (state.samples.length > 1 ? 'Sample ' + (index + 1) + ' · ' : '') + 'profile ' + state.response.profile),
      el('div', { class: 'reward', id: 'reward' }, 'reward ' + fmt(result.reward)),
      el('div', { class: 'scroll' }, componentTable(result, weights)));
    detail.appendChild(summary);
    const components = result.components;
    if (components.accuracy) {
      detail.appendChild(sample.task === 'code' ? codeWhy(components.accuracy, sample) : mathWhy(components.accuracy, sample));
    }
    if (components.format) detail.appendChild(formatWhy(components.format, sample));
    if (components.language) detail.appendChild(languageWhy(components.language, sample));
    if (components.overlong) {
      detail.appendChild(el('div', { class: 'card' }, el('h3', {}, 'overlong'), 'DAPO soft overlong punishment: ' + fmt(components.overlong.score)));
    }
  }

  function componentTable(result, weights) {
    const rows = Object.entries(result.components).map(([name, c]) => {
      const weight = weights[name];
      const contribution = c.score === null || c.score === undefined || weight === undefined ? null : weight * c.score;
      return el('tr', { 'data-component': name }, el('td', {}, name), el('td', { class: 'num component-score' }, fmt(c.score)),
        el('td', { class: 'num' }, fmt(weight)), el('td', { class: 'num' }, fmt(contribution)),
        el('td', {}, el('span', { class: statusClass(c.status) }, c.status),
          c.status === 'unavailable' && c.detail ? ' — ' + c.detail.error : ''));
    });
    return el('table', { id: 'components' }, el('thead', {}, el('tr', {}, el('th', {}, 'component'), el('th', { class: 'num' }, 'score'),
      el('th', { class: 'num' }, 'weight'), el('th', { class: 'num' }, 'contribution'), el('th', {}, 'status'))),
    el('tbody', {}, rows));
  }

  function kv(pairs) {
    return el('dl', { class: 'kv' }, pairs.filter((p) => p).map(([k, v]) => [el('dt', {}, k), el('dd', {}, v === null || v === undefined ? '—' : String(v))]).flat());
  }

  function mathWhy(component, sample) {
    const d = component.detail || {};
    const where = d.explain || {};
    const card = el('div', { class: 'card', id: 'why-accuracy' }, el('h3', {}, 'accuracy (math) — ',
      el('span', { class: statusClass(component.status) }, component.status)));
    card.appendChild(kv([['extracted', d.extracted], ['found in', where.source], ['answer form', d.answer_form],
      ['gold form', d.gold_form], ['method', d.method], ['elapsed', d.elapsed_ms !== undefined ? d.elapsed_ms + ' ms' : null]]));
    const spans = [];
    if (where.start !== null && where.start !== undefined) {
      const offset = d.answer_start || 0;
      spans.push({ start: offset + where.start, end: offset + where.end, tag: 'mark', cls: 'answer', title: 'answer (' + where.source + ')' });
    }
    card.appendChild(highlighted(sample.response, spans));
    return card;
  }

  function expectedOf(tests, i) {
    if (!tests) return null;
    if (Array.isArray(tests.cases) && tests.cases[i]) {
      const c = tests.cases[i];
      if (c.output !== undefined) return String(c.output);
      if (c.expected !== undefined) return JSON.stringify(c.expected);
    }
    if (Array.isArray(tests.outputs) && tests.outputs[i] !== undefined) {
      const o = tests.outputs[i];
      return Array.isArray(o) ? o.join('\n') : typeof o === 'string' ? o : JSON.stringify(o);
    }
    return null;
  }

  function lines(text) {
    const list = String(text).replace(/\r\n/g, '\n').split('\n').map((l) => l.replace(/\s+$/, ''));
    while (list.length && list[list.length - 1] === '') list.pop();
    return list;
  }

  /** Expected and actual side by side; the first line where they differ is marked on both sides. */
  function diff(expected, actual) {
    const a = lines(expected);
    const b = lines(actual);
    let first = -1;
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      if (a[i] !== b[i]) { first = i; break; }
    }
    const column = (title, list) => el('div', {}, el('div', { class: 'muted' }, title),
      el('pre', {}, (list.length ? list : ['']).map((line, i) => el('span', { class: 'line' + (i === first ? ' first-diff' : '') }, line || ' ')),
        first >= list.length ? el('span', { class: 'line first-diff' }, '(no line)') : null));
    return el('div', { class: 'diff', 'data-first-diff': first }, column('expected', a), column('actual (stdout)', b));
  }

  function codeWhy(component, sample) {
    const d = component.detail || {};
    const card = el('div', { class: 'card', id: 'why-accuracy' }, el('h3', {}, 'accuracy (code) — ',
      el('span', { class: statusClass(component.status) }, component.status)));
    card.appendChild(kv([['passed', d.passed !== undefined ? d.passed + ' / ' + d.total : null],
      ['compile', d.compile ? d.compile.status + ' (' + d.compile.time_ms + ' ms)' : null],
      ['elapsed', d.elapsed_ms !== undefined ? d.elapsed_ms + ' ms' : null]]));
    if (d.compile && d.compile.status === 'error') {
      card.appendChild(el('div', { class: 'muted' }, 'compile error'));
      card.appendChild(el('pre', { class: 'stderr', id: 'compile-error' }, d.compile.stderr || ''));
    }
    (d.cases || []).forEach((c) => {
      const failed = c.status !== 'accepted';
      const section = el('div', { class: 'case', 'data-case': c.index, 'data-status': c.status },
        el('h4', {}, 'test ' + (c.index + 1) + ' — ', el('span', { class: statusClass(c.status) }, c.status),
          el('span', { class: 'muted' }, ' · ' + c.time_ms + ' ms · ' + c.memory_kb + ' KB'
            + (c.exit_code !== null && c.exit_code !== undefined ? ' · exit ' + c.exit_code : '')
            + (c.signal ? ' · signal ' + c.signal : ''))));
      const expected = expectedOf(sample.tests, c.index);
      if (failed && expected !== null) section.appendChild(diff(expected, c.stdout_excerpt || ''));
      if (failed && c.stderr_excerpt) section.appendChild(el('pre', { class: 'stderr' }, c.stderr_excerpt));
      card.appendChild(section);
    });
    return card;
  }

  /** How far a violation reaches from its offset: a tag to its '>', stray text to the next tag, else one character. */
  function violationEnd(text, v) {
    if (text[v.index] === '<') {
      const close = text.indexOf('>', v.index);
      return close < 0 ? v.index + 1 : close + 1;
    }
    if (/^text_/.test(v.code)) {
      const next = text.indexOf('<', v.index + 1);
      return Math.min(next < 0 ? text.length : next, v.index + 200);
    }
    return Math.min(text.length, v.index + 1);
  }

  function formatWhy(component, sample) {
    const d = component.detail || {};
    const card = el('div', { class: 'card', id: 'why-format' }, el('h3', {}, 'format — ',
      el('span', { class: statusClass(component.status) }, component.status)));
    const violations = d.violations || [];
    if (violations.length) {
      card.appendChild(el('ul', { id: 'violations' }, violations.map((v) => el('li', { 'data-code': v.code },
        el('code', {}, v.code), ' at ' + (v.index < 0 ? 'no single place' : 'offset ' + v.index) + ': ' + v.message))));
    } else {
      card.appendChild(el('p', {}, 'No violation.'));
    }
    const spans = violations.filter((v) => v.index >= 0 && v.index <= sample.response.length).map((v) => {
      const end = v.index < sample.response.length ? violationEnd(sample.response, v) : v.index;
      return { start: v.index, end: end, tag: 'mark', cls: 'violation', title: v.code + ': ' + v.message, attrs: { 'data-code': v.code } };
    });
    card.appendChild(highlighted(sample.response, spans));
    const soft = d.soft || {};
    if (Object.keys(soft).length) {
      card.appendChild(el('table', { id: 'soft' }, el('thead', {}, el('tr', {}, el('th', {}, 'soft check'), el('th', { class: 'num' }, 'value'))),
        el('tbody', {}, Object.entries(soft).map(([k, v]) => el('tr', {}, el('td', {}, k), el('td', { class: 'num' }, fmt(v)))))));
    }
    return card;
  }

  function languageWhy(component, sample) {
    const d = component.detail || {};
    const card = el('div', { class: 'card', id: 'why-language' }, el('h3', {}, 'language consistency — ',
      el('span', { class: statusClass(component.status) }, component.status), ' · ',
      d.target_words + ' / ' + d.total_words + ' words in the target language'));
    const counts = d.words_by_language || {};
    card.appendChild(el('div', { class: 'legend' }, Object.entries(counts).map(([lang, n]) => el('span', { 'data-lang': lang },
      el('span', { class: 'swatch', style: 'background:' + (COLOURS[lang] || COLOURS.unknown) }), lang + ' ' + n)),
    el('span', {}, el('span', { class: 'swatch excluded' }), 'excluded (code, math, URLs, tags)')));
    const explain = d.explain;
    if (!explain) {
      card.appendChild(el('p', { class: 'muted' }, 'The language-consistency service sent no explanation.'));
      return card;
    }
    const spans = [];
    if (explain.scored_start > 0) spans.push({ start: 0, end: explain.scored_start, cls: 'outside', title: 'not scored (outside the think block)' });
    explain.words.forEach((w) => spans.push({ start: w.start, end: w.end, cls: 'word', title: w.language,
      attrs: { 'data-lang': w.language, style: 'background:' + (COLOURS[w.language] || COLOURS.unknown) } }));
    explain.excluded.forEach((x) => spans.push({ start: x.start, end: x.end, cls: 'excluded', title: 'excluded: ' + x.kind, attrs: { 'data-kind': x.kind } }));
    if (explain.scored_end < sample.response.length) {
      spans.push({ start: explain.scored_end, end: sample.response.length, cls: 'outside', title: 'not scored (outside the think block)' });
    }
    card.appendChild(highlighted(sample.response, spans));
    return card;
  }

  // ---------------------------------------------------------------- start

  async function loadProfiles() {
    const select = $('profile');
    let response;
    try {
      response = await fetch('v1/profiles', { headers: authHeaders() });
    } catch (e) {
      showProblem('profile', { title: 'Gateway unreachable', detail: String(e.message || e) });
      return false;
    }
    if (!response.ok) {
      const problem = await problemOf(response);
      if (response.status === 401) revealApiKey();
      showProblem('profile', problem);
      return false;
    }
    const body = await response.json();
    select.textContent = '';
    body.profiles.forEach((p) => {
      state.profiles[p.name] = p;
      select.appendChild(el('option', { value: p.name }, p.name));
    });
    if (state.profiles.r1) select.value = 'r1';
    onProfileChange();
    return true;
  }

  function authHeaders() {
    const key = sessionStorage.getItem('rewards-api-key');
    return key ? { authorization: 'Bearer ' + key } : {};
  }

  async function start() {
    LANGUAGES.forEach((l) => $('target-language').appendChild(el('option', { value: l }, l)));
    $('target-language').addEventListener('change', () => { $('target-language').dataset.touched = '1'; });
    $('task').addEventListener('change', onTaskChange);
    $('profile').addEventListener('change', onProfileChange);
    $('jsonl-mode').addEventListener('change', toggleJsonl);
    $('add-response').addEventListener('click', () => addResponseBox('').focus());
    $('inputs').addEventListener('submit', (e) => { e.preventDefault(); score(); });
    document.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); score(); }
    });
    setResponses(['']);
    onTaskChange();
    const loaded = await loadProfiles();
    document.body.dataset.ready = 'true';
    if (loaded && readPermalink()) await score();
  }

  window.addEventListener('hashchange', () => { if (readPermalink()) score(); });
  start();
}());
