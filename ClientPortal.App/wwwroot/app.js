// Small helpers called from components over JS interop.
window.cp = {
    // After navigation (HeadingFocus): the page's h1, made focusable from script only if it is not already.
    focusHeading: function () {
        const heading = document.querySelector("h1");
        if (!heading) return;
        if (!heading.hasAttribute("tabindex")) heading.tabIndex = -1;
        heading.focus({ preventScroll: true });
    },
    // The browser's IANA time zone ("Europe/Berlin"), offered in Settings.
    timeZone: function () {
        try { return Intl.DateTimeFormat().resolvedOptions().timeZone || null; } catch { return null; }
    },
    copy: async function (text) {
        try {
            await navigator.clipboard.writeText(text);
            return true;
        } catch {
            const area = document.createElement("textarea");
            area.value = text;
            area.setAttribute("readonly", "");
            area.style.position = "fixed";
            area.style.opacity = "0";
            document.body.appendChild(area);
            area.select();
            const ok = document.execCommand("copy");
            area.remove();
            return ok;
        }
    }
};

// A portal logo that does not load is hidden rather than shown broken: the portal's name beside it is enough. (Image
// errors do not bubble; a capturing listener hears them.)
document.addEventListener("error", function (e) {
    if (e.target && e.target.classList && e.target.classList.contains("cp-logo-img")) e.target.hidden = true;
}, true);

// Copy buttons on static (non-interactive) pages: <button data-copy="text">.
document.addEventListener("click", async function (e) {
    const button = e.target.closest && e.target.closest("[data-copy]");
    if (!button) return;
    const label = button.textContent;
    const ok = await window.cp.copy(button.dataset.copy);
    button.textContent = ok ? "Copied" : "Press Ctrl+C to copy";
    setTimeout(function () { button.textContent = label; }, 2000);
});

// Read-only fields worth copying (a referral link) select their whole text on focus; no inline handler, which the CSP forbids.
document.addEventListener("focusin", function (e) {
    if (e.target.matches && e.target.matches("[data-select-on-focus]")) e.target.select();
});
