import { isCrossSiteRequest } from "~/auth/csrf";
import { ROLE_PERMISSIONS, roleHas, scopesFor } from "~/permissions/permissions";
import { safeRedirectPath } from "~/utils/redirect";

describe("permissions", () => {
  it("gives each role only its own scopes", () => {
    expect(roleHas("DINAS", "verify:partner:any")).toBe(true);
    expect(roleHas("PARTNER", "verify:partner:any")).toBe(false);
    expect(roleHas("GROUP", "read:group-member-welfare:any")).toBe(false);
    expect([...scopesFor("FACILITATOR", "update", "group")]).toEqual(["assigned"]);
    expect([...scopesFor("GROUP", "update", "group")]).toEqual(["own"]);
    expect(scopesFor("PARTNER", "update", "group").size).toBe(0);
    expect(ROLE_PERMISSIONS.ADMIN.length).toBeGreaterThan(ROLE_PERMISSIONS.DINAS.length);
  });
});

describe("CSRF origin check", () => {
  const base = { path: "/login", host: "bermitra.id", protocol: "https" };
  it("lets same-site posts and all reads through", () => {
    expect(isCrossSiteRequest({ ...base, method: "POST", origin: "https://bermitra.id", referer: undefined })).toBe(false);
    expect(isCrossSiteRequest({ ...base, method: "POST", origin: undefined, referer: "https://bermitra.id/login" })).toBe(false);
    expect(isCrossSiteRequest({ ...base, method: "GET", origin: "https://evil.example", referer: undefined })).toBe(false);
  });
  it("refuses cross-site or unlabelled posts, except signed webhooks", () => {
    expect(isCrossSiteRequest({ ...base, method: "POST", origin: "https://evil.example", referer: undefined })).toBe(true);
    expect(isCrossSiteRequest({ ...base, method: "POST", origin: undefined, referer: undefined })).toBe(true);
    expect(isCrossSiteRequest({ ...base, method: "POST", origin: "null", referer: undefined })).toBe(true);
  });
  it("compares scheme, host and port, not only the host name", () => {
    expect(isCrossSiteRequest({ ...base, method: "POST", origin: "http://bermitra.id", referer: undefined })).toBe(true);
    expect(isCrossSiteRequest({ ...base, method: "POST", origin: "https://bermitra.id:8443", referer: undefined })).toBe(true);
    expect(isCrossSiteRequest({ ...base, method: "POST", origin: "https://bermitra.id:443", referer: undefined })).toBe(false);
    expect(isCrossSiteRequest({ ...base, host: "localhost:3000", protocol: "http", method: "POST", origin: "http://localhost:3000", referer: undefined })).toBe(false);
    expect(isCrossSiteRequest({ ...base, host: "localhost:3000", protocol: "http", method: "POST", origin: "http://localhost:3001", referer: undefined })).toBe(true);
    expect(isCrossSiteRequest({ ...base, method: "POST", origin: undefined, referer: "https://bermitra.id.evil.example/x" })).toBe(true);
    expect(isCrossSiteRequest({ method: "POST", path: "/webhooks/stripe", protocol: "https", host: "bermitra.id", origin: undefined, referer: undefined })).toBe(false);
  });
  it("follows only same-site redirects", () => {
    expect(safeRedirectPath("/partner", "/")).toBe("/partner");
    expect(safeRedirectPath("//evil.example", "/")).toBe("/");
    expect(safeRedirectPath("https://evil.example", "/")).toBe("/");
    expect(safeRedirectPath(null, "/x")).toBe("/x");
    expect(safeRedirectPath("/orders?tab=open#top", "/")).toBe("/orders?tab=open#top");
    for (const bad of ["/\t/evil.example/", "/\\evil.example", "\\\\evil.example", "/\n/evil.example", "/\r\n/evil", " /x", "javascript:alert(1)", "http:/evil.example", "/%09/x ", "", "x", "/\u0000x", "/\u0085x"]) {
      expect(safeRedirectPath(bad, "/home")).toBe("/home");
    }
  });
});
