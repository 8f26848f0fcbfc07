// panva's oidc-provider (OpenID Certified) on loopback, with its defaults, as the identity provider of the portal's
// browser tests. Its development interactions (a login form that takes any name, then a consent page) stand in for a
// provider's own pages; the account's id is the email typed there.
// Usage: node oidc-provider.mjs PORT REDIRECT_URI CLIENT_SECRET [userinfo|id_token]
//   userinfo (the default): email and email_verified come from the userinfo endpoint only, as many providers do;
//   id_token: they are in the id_token too.
import Provider from "oidc-provider";

const [port, redirectUri, secret, where = "userinfo"] = process.argv.slice(2);
const issuer = `http://127.0.0.1:${port}`;
const provider = new Provider(issuer, {
  clients: [{
    client_id: "portal",
    client_secret: secret,
    redirect_uris: [redirectUri],
    response_types: ["code"],
    grant_types: ["authorization_code"],
    token_endpoint_auth_method: "client_secret_post",
  }],
  claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
  conformIdTokenClaims: where !== "id_token",
  cookies: { keys: ["a test key for the provider's own cookies"] },
  async findAccount(ctx, id) {
    return {
      accountId: id,
      async claims() {
        return { sub: id, email: id, email_verified: true, name: id.split("@")[0] };
      },
    };
  },
});
provider.listen(Number(port), "127.0.0.1", () => console.log("READY"));
