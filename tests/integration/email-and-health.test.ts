import { readdirSync, readFileSync } from "node:fs";
import { db } from "~/db/db.server";
import { enqueueEmail } from "~/email/outbox.server";
import { mailDir, sendPendingEmails } from "~/email/sender.server";
import { loader as healthLoader } from "~/routes/healthz";
import { loader as emailsLoader } from "~/routes/admin.emails";
import { cookieFor, getRequest, responseOf } from "../helpers/requests";

describe("email outbox", () => {
  it("delivers queued messages to the mail folder when no SMTP is configured, once", async () => {
    const message = await enqueueEmail(db, { to: "Ketua@Contoh.id", subject: "Uji outbox", text: "Halo dari Bermitra", kind: "test" });
    const first = await sendPendingEmails(500);
    expect(first.failed).toBe(0);
    const stored = await db.emailMessage.findUniqueOrThrow({ where: { id: message.id } });
    expect(stored.status).toBe("SENT");
    expect(stored.to).toBe("ketua@contoh.id");
    const file = readdirSync(mailDir()).find((f) => f.includes(message.id));
    expect(file).toBeTruthy();
    const raw = readFileSync(`${mailDir()}/${file}`, "utf8");
    expect(raw).toContain("Subject: Uji outbox");
    expect(raw).toContain("Halo dari Bermitra");
    const second = await sendPendingEmails(500);
    expect(second.sent).toBe(0);
  });

  it("is readable by admins only", async () => {
    const admin = await responseOf(() => emailsLoader({ request: getRequest("/admin/emails", undefined), params: {}, context: {} }));
    expect(admin.status).toBe(302);
    const dinas = await responseOf(async () =>
      emailsLoader({ request: getRequest("/admin/emails", await cookieFor("dinas@bermitra.id")), params: {}, context: {} }),
    );
    expect(dinas.status).toBe(403);
    const ok = await responseOf(async () =>
      emailsLoader({ request: getRequest("/admin/emails", await cookieFor("admin@bermitra.id")), params: {}, context: {} }),
    );
    expect(ok.status).toBe(200);
  });
});

describe("health", () => {
  it("answers 503 when the database cannot be reached", async () => {
    const spy = vi.spyOn(db, "$queryRawUnsafe").mockRejectedValueOnce(new Error("SQLITE_CANTOPEN"));
    const response = await healthLoader();
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ status: "error", db: "unreachable" });
    spy.mockRestore();
  });
});
