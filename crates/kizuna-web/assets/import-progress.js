// The page of a place import under way (#import-job): asks the server how
// far it has got every second and moves the bar; the phase is announced
// (aria-live) only when it changes, the bytes and places are not. When the
// import is done, the page is loaded again and shows the result. Without
// this script, the page reloads itself (<noscript> meta refresh).
(function () {
  'use strict';
  const box = document.getElementById('import-job');
  if (!box) return;
  const url = box.dataset.progress;
  const bar = document.getElementById('import-bar');
  const status = document.getElementById('import-status');
  const numbers = document.getElementById('import-numbers');
  let failures = 0;

  function show(p) {
    if (p.percent === null || p.percent === undefined) {
      bar.removeAttribute('value');
      bar.textContent = '';
    } else {
      bar.value = p.percent;
      bar.textContent = `${p.percent}%`;
    }
    if (status.textContent !== p.phase_text) status.textContent = p.phase_text;
    numbers.textContent = p.numbers;
  }

  async function tick() {
    try {
      const r = await fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin', cache: 'no-store' });
      if (r.status === 404 || r.redirected) {
        // Gone (or signed out): the page says why.
        window.location.reload();
        return;
      }
      if (r.ok) {
        const p = await r.json();
        failures = 0;
        if (p.done) {
          window.location.reload();
          return;
        }
        show(p);
      } else {
        failures += 1;
      }
    } catch (e) {
      // The network or the server stumbled: ask again, a little later each time.
      failures += 1;
    }
    window.setTimeout(tick, Math.min(1000 * (1 + failures), 10000));
  }

  window.setTimeout(tick, 500);
})();
