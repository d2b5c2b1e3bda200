/** redirectTo after login and the language switch follows only same-site paths (issue 10 item 7). */
import { action as loginAction, loader as loginLoader } from "~/routes/login";
import { action as languageAction } from "~/routes/language";
import { formRequest, getRequest, responseOf } from "../helpers/requests";

const hostile = [
  "/\t/evil.example/",
  "/\\evil.example/",
  "//evil.example/",
  "https://evil.example/",
  "javascript:alert(1)",
  "/\n/evil.example/",
  "/\r\n//evil.example",
  "\\\\evil.example",
];

describe("redirectTo", () => {
  it("renders the login page for a hostile redirectTo without an error", async () => {
    const res = await responseOf(() => loginLoader({ request: getRequest("/login?redirectTo=%2F%09%2Fevil.example%2F"), params: {}, context: {} }));
    expect(res.status).toBe(200);
  });

  it("sends the user home after login instead of off-site", async () => {
    for (const redirectTo of hostile) {
      const res = await responseOf(() =>
        loginAction({ request: formRequest("/login", { email: "mitra@bermitra.id", password: "bermitra-demo", redirectTo }), params: {}, context: {} }),
      );
      expect(res.status, redirectTo).toBe(302);
      const location = res.headers.get("location")!;
      expect(location === "/partner" || location === "/partner/", `${JSON.stringify(redirectTo)} → ${location}`).toBe(true);
    }
    const ok = await responseOf(() =>
      loginAction({ request: formRequest("/login", { email: "mitra@bermitra.id", password: "bermitra-demo", redirectTo: "/orders?tab=open" }), params: {}, context: {} }),
    );
    expect(ok.headers.get("location")).toBe("/orders?tab=open");
  });

  it("keeps the language switch on this site", async () => {
    for (const redirectTo of hostile) {
      const res = await responseOf(() => languageAction({ request: formRequest("/language", { lng: "en", redirectTo }), params: {}, context: {} }));
      expect(res.headers.get("location"), redirectTo).toBe("/");
    }
  });
});
