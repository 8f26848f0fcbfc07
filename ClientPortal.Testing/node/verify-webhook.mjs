// Verifies one recorded webhook call with the Standard Webhooks library, as a receiver would, and checks that the
// library refuses the same call with a changed body or another secret. Usage: node verify-webhook.mjs CALL.json
// where CALL.json is {"secret": "whsec_…", "body": "…", "headers": {"webhook-id": …}}.
import { readFileSync } from "node:fs";
import { Webhook } from "standardwebhooks";

const call = JSON.parse(readFileSync(process.argv[2], "utf8"));
const payload = new Webhook(call.secret).verify(call.body, call.headers);
console.log(`verified ${payload.type}`);

function refuses(what, secret, body) {
  try {
    new Webhook(secret).verify(body, call.headers);
    console.log(`accepted ${what}`);
    process.exitCode = 1;
  } catch {
    console.log(`refused ${what}`);
  }
}
refuses("a changed body", call.secret, call.body.replace("ada@", "eve@"));
refuses("another secret", "whsec_" + Buffer.from("another secret of thirty-two bytes!").toString("base64"), call.body);
