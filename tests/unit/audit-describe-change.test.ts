import { describeChange } from "~/audit/describe-change";
import { describeAuditEvents } from "~/audit/trail.server";
import { localeCookie } from "~/i18n/i18n.server";
import { createI18n } from "~/i18n/instance";
import { getAllResources } from "~/i18n/resources.server";

const resources = getAllResources();
const id = createI18n("id", resources.id).t;
const en = createI18n("en", resources.en).t;
const WIB = "Asia/Jakarta";

describe("audit history readable by people", () => {
  it("translates field names and status values, never shows raw codes", () => {
    const lines = describeChange(id, "Demand", JSON.stringify({ status: "DRAFT" }), JSON.stringify({ status: "OPEN" }), WIB);
    expect(lines).toEqual([{ field: "status", label: "Status", before: "Draf", after: expect.any(String), href: null }]);
    expect(lines[0]!.after).not.toBe("OPEN");
    const english = describeChange(en, "Order", JSON.stringify({ status: "PLACED" }), JSON.stringify({ status: "ACCEPTED" }), WIB);
    expect(english[0]).toMatchObject({ before: "Placed", label: "Status" });
  });

  it("formats money as Rupiah and instants in WIB, and links ids instead of printing them", () => {
    const lines = describeChange(
      id,
      "Invoice",
      null,
      JSON.stringify({ amountRupiah: 1_250_000, dueAt: "2026-12-01T03:01:01.208Z", orderId: "cmwk3uv9b01efxe7d3pyve2xt", contentHash: "abc" }),
      WIB,
    );
    expect(lines.map((l) => [l.label, l.after, l.href])).toEqual([
      ["Jumlah", "Rp 1.250.000", null],
      ["Jatuh tempo", "01/12/2026 10:01", null],
      ["Pesanan", "lihat", "/orders/cmwk3uv9b01efxe7d3pyve2xt"],
    ]);
    expect(JSON.stringify(lines)).not.toContain("abc");
  });

  it("leaves out unchanged fields and ids without a page; survives broken JSON", () => {
    const lines = describeChange(id, "Offer", JSON.stringify({ pricePerUnit: 2500, status: "SUBMITTED" }), JSON.stringify({ pricePerUnit: 2000, status: "SUBMITTED", offerId: "x1" }), WIB);
    expect(lines).toEqual([{ field: "pricePerUnit", label: "Harga per satuan", before: "Rp 2.500", after: "Rp 2.000", href: null }]);
    expect(describeChange(id, "Offer", "{broken", "also broken", WIB)).toEqual([]);
  });
});

describe("audit trail described in the loader (decision 140)", () => {
  const event = { id: "e1", at: "2026-12-01T03:01:01.208Z", actorName: "Rina", actingForGroupName: null, action: "demand.publish", entityType: "Demand", reason: null };
  const change = { before: JSON.stringify({ status: "DRAFT", dueAt: "2026-12-01T03:01:01.208Z" }), after: JSON.stringify({ status: "OPEN", dueAt: "2026-12-02T03:01:01.208Z" }) };
  const dinas = { role: "DINAS", dinasOffice: { timeZone: "Asia/Makassar" }, locale: null };

  it("gives the page the same lines describeChange gives, in the viewer's language, without the stored JSON", async () => {
    const [entry] = await describeAuditEvents(new Request("http://x/"), dinas, [{ ...event, ...change }]);
    expect(entry).toEqual({ ...event, changes: describeChange(id, "Demand", change.before, change.after, "Asia/Makassar") });
    expect(entry).not.toHaveProperty("before");
    const [english] = await describeAuditEvents(new Request("http://x/", { headers: { Cookie: (await localeCookie.serialize("en")).split(";")[0]! } }), dinas, [{ ...event, ...change }]);
    expect(english!.changes).toEqual(describeChange(en, "Demand", change.before, change.after, "Asia/Makassar"));
    expect(english!.changes[0]!.before).toBe("Draft");
  });

  it("prints times in the record's office zone when the page names one, else the viewer's", async () => {
    const [own] = await describeAuditEvents(new Request("http://x/"), dinas, [{ ...event, ...change }], "Asia/Jakarta");
    expect(own!.changes.find((l) => l.field === "dueAt")!.after).toBe("02/12/2026 10:01");
    const [viewer] = await describeAuditEvents(new Request("http://x/"), dinas, [{ ...event, ...change }]);
    expect(viewer!.changes.find((l) => l.field === "dueAt")!.after).toBe("02/12/2026 11:01");
  });
});
