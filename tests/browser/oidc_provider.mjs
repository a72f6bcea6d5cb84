// A real OpenID Connect provider for the browser tests, standing in for SURFconext: the
// `oidc-provider` package (a certified implementation, from npm) with its development login
// pages, where any login name is accepted. Whoever logs in as one of the names in PERSONAS gets
// that persona's claims, as SURFconext gives them (schac_home_organization,
// eduperson_affiliation). Started by tests/browser/test_institution_login.py on loopback.
//
// Environment: ISSUER (e.g. http://127.0.0.1:8123), CLIENT_ID, CLIENT_SECRET, REDIRECT_URIS
// (comma-separated), PERSONAS (JSON: login name → claims; without it, the two below). The README
// ("Log in with your institution") shows how to try it next to `make run`.
import { generateKeyPairSync, randomBytes } from "node:crypto";

import Provider from "oidc-provider";

const issuer = process.env.ISSUER;
const { port, hostname } = new URL(issuer);
const personas = process.env.PERSONAS
    ? JSON.parse(process.env.PERSONAS)
    : {
          student: {
              email: "noor.bakker@umail.leidenuniv.nl", email_verified: true, name: "Noor Bakker",
              schac_home_organization: "leidenuniv.nl", eduperson_affiliation: ["student", "member"],
          },
          docent: {
              email: "j.devries@hsleiden.nl", email_verified: true, name: "Jan de Vries",
              schac_home_organization: "hsleiden.nl", eduperson_affiliation: ["employee", "member"],
          },
      };
const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
const signingKey = { ...privateKey.export({ format: "jwk" }), kid: "test-signing-key", use: "sig", alg: "RS256" };

const provider = new Provider(issuer, {
    clients: [
        {
            client_id: process.env.CLIENT_ID,
            client_secret: process.env.CLIENT_SECRET,
            redirect_uris: process.env.REDIRECT_URIS.split(","),
            grant_types: ["authorization_code"],
            response_types: ["code"],
            token_endpoint_auth_method: "client_secret_post",
        },
    ],
    jwks: { keys: [signingKey] },
    cookies: { keys: [randomBytes(32).toString("hex")] },
    claims: {
        openid: ["sub"],
        email: ["email", "email_verified"],
        // SURFconext releases the institution's attributes to the site as registered, with the profile.
        profile: [
            "name", "given_name", "family_name", "preferred_username", "schac_home_organization",
            "eduperson_affiliation",
        ],
    },
    features: { devInteractions: { enabled: true } },
    pkce: { required: () => true },
    ttl: { AccessToken: 600, AuthorizationCode: 600, IdToken: 600, Interaction: 600, Session: 600, Grant: 600 },
    async findAccount(ctx, id) {
        return {
            accountId: id,
            async claims() {
                return { ...(personas[id] || {}), sub: id };
            },
        };
    },
});
provider.proxy = false;

provider.listen(Number(port), hostname, () => {
    console.log(`OIDC_READY ${issuer}`);
});
