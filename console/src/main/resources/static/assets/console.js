// The only script of the pages (CSP: scripts from this site only, nothing inline): copy-to-clipboard buttons.
document.addEventListener('click', function (event) {
    var button = event.target.closest('[data-copy]');
    if (!button) {
        return;
    }
    var field = document.getElementById(button.getAttribute('data-copy'));
    field.select();
    if (navigator.clipboard) {
        navigator.clipboard.writeText(field.value);
    }
    button.textContent = 'Copied';
});
