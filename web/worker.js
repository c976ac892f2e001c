// worker.js: the page's compute thread. Built into one script with the
// WebAssembly module (bmdw.js defines createBmdw) by scripts/web-build and
// started from a Blob, so that it also works when the page is opened from
// file://. Each message {id, words} runs one bmdsim command through
// bmdw_run; the files the command writes with `-o out` come back as text;
// {id, write, text} puts a file where a command can read it.
// The command's standard error (footprint progress lines, `bmdsim: ...`
// messages) is posted line by line while it runs.
/* global createBmdw */
'use strict';

let current = null; // the request being run, for the stderr lines
const ready = createBmdw({
  print: () => {},
  printErr: (line) => {
    if (current) {
      current.stderr.push(line);
      postMessage({ type: 'stderr', id: current.id, line });
    }
  },
});

function clearDir(m, dir) {
  let names = [];
  try {
    names = m.FS.readdir(dir);
  } catch (e) {
    m.FS.mkdir(dir);
    return;
  }
  for (const n of names) if (n !== '.' && n !== '..') m.FS.unlink(dir + '/' + n);
}

self.onmessage = async (ev) => {
  const { id, words, read, write, text } = ev.data;
  const m = await ready;
  if (write) { // a file for a command to read (the page's scenario YAML)
    m.FS.writeFile(write, text);
    postMessage({ type: 'result', id, res: { rc: 0, stdout: '' } });
    return;
  }
  if (read) { // a data file of the module (the catalogs under /data)
    postMessage({ type: 'result', id, res: { rc: 0, stdout: m.FS.readFile(read, { encoding: 'utf8' }) } });
    return;
  }
  clearDir(m, '/out');
  current = { id, stderr: [] };
  const t0 = performance.now();
  const ptr = m.ccall('bmdw_run', 'number', ['string'], [JSON.stringify(words)]);
  const ms = performance.now() - t0;
  const res = JSON.parse(m.UTF8ToString(ptr));
  m.ccall('bmdw_free', null, ['number'], [ptr]);
  res.files = {};
  for (const n of m.FS.readdir('/out'))
    if (n !== '.' && n !== '..') res.files[n] = m.FS.readFile('/out/' + n, { encoding: 'utf8' });
  res.stderr = current.stderr;
  res.ms = ms;
  current = null;
  postMessage({ type: 'result', id, res });
};
postMessage({ type: 'hello' });
