// One key press per judgement in the review queue: S same, D different, U unsure.
// Ignored while typing in a field, so the reason can still be written.
document.addEventListener("keydown", (event) => {
  const form = document.querySelector('form[data-keys="judge"]');
  if (!form || event.ctrlKey || event.metaKey || event.altKey) return;
  const tag = (event.target && event.target.tagName) || "";
  if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT") return;
  const button = form.querySelector(`button[data-key="${event.key.toLowerCase()}"]`);
  if (button) { event.preventDefault(); form.requestSubmit(button); }
});
// The language menu switches at once when changed (the button stays for keyboards without scripts).
document.addEventListener("change", (event) => {
  if (event.target && event.target.id === "lang-choice") event.target.form.submit();
});
