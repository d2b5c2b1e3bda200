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
  const base = { path: "/login", host: "bermitra.id" };
  it("lets same-site posts and all reads through", () => {
    expect(isCrossSiteRequest({ ...base, method: "POST", origin: "https://bermitra.id", referer: undefined })).toBe(false);
    expect(isCrossSiteRequest({ ...base, method: "POST", origin: undefined, referer: "https://bermitra.id/login" })).toBe(false);
    expect(isCrossSiteRequest({ ...base, method: "GET", origin: "https://evil.example", referer: undefined })).toBe(false);
  });
  it("refuses cross-site or unlabelled posts, except signed webhooks", () => {
    expect(isCrossSiteRequest({ ...base, method: "POST", origin: "https://evil.example", referer: undefined })).toBe(true);
    expect(isCrossSiteRequest({ ...base, method: "POST", origin: undefined, referer: undefined })).toBe(true);
    expect(isCrossSiteRequest({ ...base, method: "POST", origin: "null", referer: undefined })).toBe(true);
    expect(isCrossSiteRequest({ method: "POST", path: "/webhooks/stripe", host: "bermitra.id", origin: undefined, referer: undefined })).toBe(false);
  });
  it("follows only same-site redirects", () => {
    expect(safeRedirectPath("/partner", "/")).toBe("/partner");
    expect(safeRedirectPath("//evil.example", "/")).toBe("/");
    expect(safeRedirectPath("https://evil.example", "/")).toBe("/");
    expect(safeRedirectPath(null, "/x")).toBe("/x");
  });
});
