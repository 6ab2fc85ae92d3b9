// The need form's live completeness hints: the form's fields are posted to /needs/assess (which saves
// nothing) a moment after the demander stops typing, and the answer replaces the panel. Without this
// script the form still works and the hints show on the need page after a save.
(() => {
  const panel = document.getElementById('completeness-live');
  const form = panel?.closest('form');
  if (!panel || !form) return;
  let timer;
  let latest = 0;
  const assess = async () => {
    const asked = ++latest;
    const body = new URLSearchParams();
    for (const [name, value] of new FormData(form)) {
      if (typeof value === 'string' && name !== 'intent' && name !== 'revision') body.append(name, value);
    }
    try {
      const res = await fetch(panel.dataset.assess, { method: 'POST', body, credentials: 'same-origin' });
      // An older answer arriving late must not replace a newer one.
      if (asked !== latest || (!res.ok && res.status !== 422)) return;
      panel.innerHTML = await res.text();
      panel.hidden = false;
    } catch {
      // Offline or refused: the hints stay as they were; saving shows them on the need page.
    }
  };
  const soon = () => {
    clearTimeout(timer);
    timer = setTimeout(assess, 400);
  };
  form.addEventListener('input', soon);
  form.addEventListener('change', soon);
  assess();
})();
