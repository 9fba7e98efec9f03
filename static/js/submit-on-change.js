/* global document, HTMLSelectElement */
// Filters apply as soon as a choice changes; the form's own button stays for browsers without script.
document.querySelectorAll('form[data-submit-on-change]').forEach(function (form) {
  form.addEventListener('change', function (event) {
    if (event.target instanceof HTMLSelectElement) form.requestSubmit();
  });
});
