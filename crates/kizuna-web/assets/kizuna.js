// Small improvements over the server-rendered pages; every page works without them.
document.addEventListener('change', (e) => {
  const form = e.target.closest('form[data-autosubmit]');
  if (form) form.requestSubmit();
});
document.addEventListener('submit', (e) => {
  const msg = e.target.getAttribute('data-confirm');
  if (msg && !window.confirm(msg)) e.preventDefault();
});
