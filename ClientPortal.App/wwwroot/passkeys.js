// Passkeys (WebAuthn). A form marked data-passkey="create" or "request" asks its data-passkey-options URL for the
// ceremony's options, lets the browser make or use a credential, puts the credential's JSON in the form's hidden
// credentialJson field and posts the form; the server verifies it. A request form whose page has an email field marked
// autocomplete="… webauthn" also offers the passkeys this browser holds as autofill on that field.
(() => {
    const supported = () => typeof window.PublicKeyCredential === 'function'
        && typeof PublicKeyCredential.parseCreationOptionsFromJSON === 'function'
        && typeof PublicKeyCredential.parseRequestOptionsFromJSON === 'function';
    let pending = null; // the ceremony in progress (an autofill waits until the person picks a passkey)

    const say = (form, message) => {
        const slot = form.querySelector('[data-passkey-error]');
        if (slot) { slot.textContent = message; slot.hidden = !message; }
    };

    async function options(form, signal) {
        const token = form.querySelector('input[name="__RequestVerificationToken"]')?.value ?? '';
        const response = await fetch(form.dataset.passkeyOptions, {
            method: 'POST', credentials: 'same-origin', headers: { 'RequestVerificationToken': token }, signal,
        });
        if (response.status === 429) throw new Error('Too many attempts. Try again in a minute.');
        if (!response.ok) throw new Error('The passkey step could not start. Reload the page and try again.');
        return response.json();
    }

    async function run(form, mediation) {
        pending?.abort();
        const controller = new AbortController();
        pending = controller;
        const json = await options(form, controller.signal);
        const credential = form.dataset.passkey === 'create'
            ? await navigator.credentials.create({ publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(json), signal: controller.signal })
            : await navigator.credentials.get({ publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(json), mediation, signal: controller.signal });
        form.querySelector('input[name="credentialJson"]').value = JSON.stringify(credential);
        form.submit();
    }

    document.addEventListener('submit', event => {
        const form = event.target;
        if (!(form instanceof HTMLFormElement) || !form.dataset.passkey) return;
        event.preventDefault();
        if (!supported()) { say(form, 'This browser cannot use passkeys. Update it, or use another way to sign in.'); return; }
        say(form, '');
        run(form).catch(error => {
            if (error.name === 'AbortError') return;
            say(form, error.name === 'NotAllowedError' ? 'The passkey step was cancelled or timed out.' : error.message);
        });
    }, true);

    async function autofill() {
        const form = document.querySelector('form[data-passkey="request"][data-passkey-autofill]');
        if (!form || !supported() || !document.querySelector('input[autocomplete~="webauthn"]')) return;
        if (!await PublicKeyCredential.isConditionalMediationAvailable?.()) return;
        run(form, 'conditional').catch(() => { /* the person typed an email instead, or left: nothing to say */ });
    }
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', autofill);
    else autofill();
})();
