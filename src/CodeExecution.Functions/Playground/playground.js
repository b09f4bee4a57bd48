// The playground: runs the editor's program through POST /api/execute (this page's sibling routes) and shows its
// output as the Server-Sent Events bring it, then the verdict. No key is ever part of the page: it comes from the
// address's fragment (#key=…) or the field, and goes only in the x-functions-key header.
'use strict';

const $ = id => document.getElementById(id);

const samples = {
  python: 'import time\n\nprint("Hello from Python")\ntime.sleep(1)\nprint("and again, a second later")\n',
  javascript: 'console.log("Hello from JavaScript");\nsetTimeout(() => console.log("and again, a second later"), 1000);\n',
  typescript: 'const greet = (name: string): string => `Hello from ${name}`;\nconsole.log(greet("TypeScript"));\n',
  ruby: '$stdout.sync = true\nputs "Hello from Ruby"\nsleep 1\nputs "and again, a second later"\n',
};

const limitFields = [['timeout', 'timeoutMs'], ['memory', 'maxMemoryMB'], ['output-limit', 'maxOutputSize']];

function takeKeyFromAddress() {
  const fragment = new URLSearchParams(location.hash.slice(1));
  const key = fragment.get('key');
  if (key) {
    $('key').value = key;
    history.replaceState(null, '', location.pathname + location.search);  // out of the address bar and history
  }
}

function setStatus(text, refused = false) {
  $('status').textContent = text;
  $('status').classList.toggle('refused', refused);
}

async function loadLanguages() {
  const select = $('language');
  try {
    const response = await fetch('languages');
    if (!response.ok) {
      throw new Error(`${response.status} ${response.statusText}`);
    }
    const { languages } = await response.json();
    select.replaceChildren(...languages.map(info => {
      const option = new Option(`${info.language} (${info.runtime} ${info.version})`, info.language);
      option.disabled = !info.available;
      return option;
    }));
    select.value = languages.find(info => info.available)?.language ?? '';
    select.disabled = false;
    $('run').disabled = false;
    showSample();
  } catch (error) {
    setStatus(`The languages could not be loaded: ${error.message}`, true);
  }
}

function showSample() {
  const code = $('code');
  if (code.value === '' || Object.values(samples).includes(code.value)) {
    code.value = samples[$('language').value] ?? '';
  }
}

function request() {
  const body = { code: $('code').value, language: $('language').value };
  if ($('stdin').value !== '') {
    body.input = $('stdin').value;
  }
  const limits = {};
  for (const [id, name] of limitFields) {
    const value = $(id).value.trim();
    if (value !== '') {
      limits[name] = Number(value);
    }
  }
  if (Object.keys(limits).length > 0) {
    body.limits = limits;
  }
  return body;
}

function append(text, stream) {
  const output = $('output');
  const atBottom = output.scrollHeight - output.scrollTop - output.clientHeight < 8;
  if (stream === 'stderr') {
    if (output.lastChild?.className === 'stderr') {
      output.lastChild.append(text);
    } else {
      const span = document.createElement('span');
      span.className = 'stderr';
      span.textContent = text;
      output.append(span);
    }
  } else {
    output.append(text);
  }
  if (atBottom) {
    output.scrollTop = output.scrollHeight;
  }
}

function verdictOf(result) {
  const metadata = result.metadata ?? {};
  if (metadata.timeoutHit) return ['Time limit exceeded', false];
  if (metadata.memoryLimitHit) return ['Memory limit exceeded', false];
  if (metadata.outputTruncated) return ['Output limit exceeded', false];
  if (result.success) return ['Success', true];
  return [result.error || `Exited with code ${result.exitCode}`, false];
}

function showResult(result) {
  const [verdict, good] = verdictOf(result);
  $('verdict').textContent = verdict;
  $('verdict').className = good ? 'verdict-good' : 'verdict-bad';
  $('exit-code').textContent = String(result.exitCode);
  $('time').textContent = `${result.executionTime.toFixed(1)} ms`;
  $('memory-used').textContent = `${(result.memoryUsed / 1048576).toFixed(1)} MiB`;
  $('facts').hidden = false;
  setStatus(good ? 'Finished.' : `Finished: ${verdict}`, !good);
}

async function problemText(response) {
  let text = `${response.status} ${response.statusText}`;
  try {
    const problem = await response.json();
    text = problem.detail ? `${problem.title}: ${problem.detail}` : (problem.title ?? text);
  } catch {
    // Not a problem document: the status says what there is to say.
  }
  if (response.status === 401 || response.status === 403) {
    text += ' The function key is missing or wrong: give it under "Function key".';
  }
  const retryAfter = response.headers.get('Retry-After');
  if (response.status === 429 && retryAfter) {
    text += ` Try again in ${retryAfter} s.`;
  }
  return text;
}

// Events are separated by a blank line; each has an "event:" and a "data:" line (the data is JSON).
function* parseEvents(block) {
  let type = 'message';
  const data = [];
  for (const line of block.split('\n')) {
    if (line.startsWith('event:')) type = line.slice(6).trim();
    else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
  }
  if (data.length > 0) yield [type, JSON.parse(data.join('\n'))];
}

function handleEvent(type, data) {
  if (type === 'stdout' || type === 'stderr') append(data, type);
  else if (type === 'result') showResult(data);
  else if (type === 'error') setStatus(data.detail ? `${data.title}: ${data.detail}` : data.title, true);
}

async function run() {
  const runButton = $('run');
  runButton.disabled = true;
  $('output').replaceChildren();
  $('facts').hidden = true;
  setStatus('Running…');
  const headers = { 'Content-Type': 'application/json', Accept: 'text/event-stream' };
  const key = $('key').value.trim();
  if (key) {
    headers['x-functions-key'] = key;
  }
  try {
    const response = await fetch('execute', { method: 'POST', headers, body: JSON.stringify(request()) });
    if (!response.ok) {
      setStatus(await problemText(response), true);
      return;
    }
    if (!(response.headers.get('Content-Type') ?? '').startsWith('text/event-stream')) {
      const result = await response.json();
      append(result.stdout, 'stdout');
      append(result.stderr, 'stderr');
      showResult(result);
      return;
    }
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value.replace(/\r\n?/g, '\n');
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        for (const [type, data] of parseEvents(block)) handleEvent(type, data);
      }
    }
  } catch (error) {
    setStatus(`The service could not be reached: ${error.message}`, true);
  } finally {
    runButton.disabled = false;
  }
}

document.addEventListener('DOMContentLoaded', () => {
  takeKeyFromAddress();
  $('language').addEventListener('change', showSample);
  $('run').addEventListener('click', run);
  document.addEventListener('keydown', event => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !$('run').disabled) {
      event.preventDefault();
      run();
    }
  });
  loadLanguages();
});
