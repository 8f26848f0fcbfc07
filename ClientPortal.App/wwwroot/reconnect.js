// Drives the portal's reconnect notice (Components/Layout/ReconnectNotice.razor). Blazor keeps retrying on its own and
// adds a state class to the dialog; this shows and hides it, offers "Try now", and when the server no longer knows the
// circuit (it restarted, or evicted a paused circuit) resumes it from its persisted state before falling back to a reload.
(function () {
    const modal = document.getElementById("components-reconnect-modal");
    if (!modal) return;

    function resumeOrReload() {
        Blazor.resumeCircuit().then(function (resumed) {
            if (resumed) modal.close();
            else modal.classList.add("cp-gone");
        }, function () { modal.classList.add("cp-gone"); });
    }

    function retry() {
        document.removeEventListener("visibilitychange", retryWhenVisible);
        Blazor.reconnect().then(function (reconnected) {
            if (!reconnected) resumeOrReload();
        }, function () { document.addEventListener("visibilitychange", retryWhenVisible); });
    }

    function retryWhenVisible() {
        if (document.visibilityState === "visible") retry();
    }

    modal.addEventListener("components-reconnect-state-changed", function (e) {
        const state = e.detail.state;
        modal.classList.remove("cp-gone");
        if (state === "show" || state === "paused") {
            if (!modal.open) modal.showModal();
        } else if (state === "hide") {
            modal.close();
        } else if (state === "failed") {
            document.addEventListener("visibilitychange", retryWhenVisible);
        } else if (state === "rejected" || state === "resume-failed") {
            if (!modal.open) modal.showModal();
            if (state === "rejected") resumeOrReload(); else modal.classList.add("cp-gone");
        }
    });

    document.getElementById("cp-reconnect-retry").addEventListener("click", retry);
    document.getElementById("cp-reconnect-resume").addEventListener("click", resumeOrReload);
    document.getElementById("cp-reconnect-reload").addEventListener("click", function () { location.reload(); });
})();
