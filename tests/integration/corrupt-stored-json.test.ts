import type { ServerBuild } from "@remix-run/node";
import { activateCoachingForMou } from "~/coaching/schedule.server";
import { db } from "~/db/db.server";
import { portablePlaceholders } from "~/db/raw-sql";
import { withDatabaseOutageAnswers } from "~/db/outage.server";
import { CorruptStoredDataError } from "~/db/stored-data";
import { autoInvoiceReceived, issueInvoiceIn } from "~/payments/invoices.server";
import { loader as mouLoader } from "~/routes/mou.$id";
import { createActiveMouWithCoaching } from "../helpers/coaching-fixture";
import { cookieFor, getRequest, responseOf } from "../helpers/requests";

/**
 * Corrupt JSON in a stored MoU version fails loudly (issue 11 item 5, decision 076): an error logged with
 * the table, row and column, and a visible error, never an invoice on the 14-day default terms, a skipped
 * coaching plan or a page built from guesses.
 */

async function activeMou() {
  const mou = await db.mou.findFirstOrThrow({ where: { status: "ACTIVE", activeVersionId: { not: null }, partner: { slug: "hotel-taman-sari-batu" } } });
  return { mou, versionId: mou.activeVersionId! };
}

async function corrupt(versionId: string, content: string) {
  await db.$executeRawUnsafe(portablePlaceholders(`UPDATE "MouVersion" SET content = ? WHERE id = ?`), content, versionId);
}

/** A received order of the MoU's partner, attached to that MoU, whose dispute window has passed. */
async function receivedOrderOf(mouId: string, partnerId: string) {
  const order = await db.order.findFirstOrThrow({ where: { status: "RECEIVED", partnerId, deliveries: { some: { disputedAt: null } } }, include: { deliveries: true } });
  await db.order.update({ where: { id: order.id }, data: { mouId } });
  const deadline = Math.max(...order.deliveries.map((d) => d.disputeDeadline?.getTime() ?? 0));
  return { order, after: new Date(deadline + 60_000) };
}

let errors: ReturnType<typeof vi.spyOn>;
beforeEach(() => {
  errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
});
afterEach(() => errors.mockRestore());

const logged = () => errors.mock.calls.map((args) => args.map(String).join(" ")).join("\n");

describe("payment terms that cannot be read", () => {
  it.each([
    ["not JSON", `{"payment":{"kind":"NET_DAYS","netDays":30`],
    ["the wrong shape (NET_DAYS without a number of days)", JSON.stringify({ scope: { items: [], deliveryDays: [1] }, coaching: [], payment: { kind: "NET_DAYS" }, period: { startDate: "2026-01-01", endDate: "2026-12-31" } })],
  ])("%s: no invoice on default terms; the job leaves the order RECEIVED and invoices the others", async (_label, text) => {
    const { mou, versionId } = await activeMou();
    await corrupt(versionId, text);
    const { order, after } = await receivedOrderOf(mou.id, mou.partnerId);
    const invoicesBefore = await db.invoice.count();

    await expect(db.$transaction((tx) => issueInvoiceIn(tx, null, order.id, after))).rejects.toBeInstanceOf(CorruptStoredDataError);
    expect(logged()).toContain(`MouVersion ${versionId} content`);
    expect(await db.invoice.count()).toBe(invoicesBefore);

    const result = await autoInvoiceReceived(after);
    expect(result.corrupt).toContain(order.id);
    expect((await db.order.findUniqueOrThrow({ where: { id: order.id } })).status).toBe("RECEIVED");
    expect(await db.invoice.count({ where: { orderId: order.id } })).toBe(0);
    expect(logged()).toContain(`not invoiced, MoU content unreadable: orders ${result.corrupt.join(", ")}`);
  });
});

describe("coaching commitments that cannot be read", () => {
  it("activating the MoU fails loudly instead of scheduling no coaching", async () => {
    const mouId = await createActiveMouWithCoaching(db, {
      partnerSlug: "hotel-taman-sari-batu",
      groupSlug: "kpm-melati-sisir",
      coaching: [{ topic: "Higiene dapur", sessionsCount: 3, frequency: "MONTHLY", firstDueDate: "2026-12-01", hoursPerSession: 2 }],
    });
    const mou = await db.mou.findUniqueOrThrow({ where: { id: mouId } });
    const version = await db.mouVersion.findUniqueOrThrow({ where: { id: mou.activeVersionId! } });
    const content = JSON.parse(version.content) as Record<string, unknown>;
    await corrupt(version.id, JSON.stringify({ ...content, coaching: "monthly hygiene" }));
    await db.coachingSession.deleteMany({ where: { commitment: { mouId } } });
    await db.coachingCommitment.deleteMany({ where: { mouId } });

    await expect(db.$transaction((tx) => activateCoachingForMou(tx, null, mouId))).rejects.toThrow(/MouVersion .* content: coaching/);
    expect(logged()).toContain(`MouVersion ${version.id} content: coaching`);
  });
});

describe("an MoU page on corrupt content", () => {
  it("answers a visible 500 that says a stored record is damaged", async () => {
    const { mou, versionId } = await activeMou();
    const cookie = await cookieFor("dinas@bermitra.id");
    await corrupt(versionId, "{broken");
    const served = withDatabaseOutageAnswers({
      routes: { mou: { id: "mou", path: "mou/:id", module: { loader: mouLoader, default: () => null } } },
    } as unknown as ServerBuild).routes.mou!.module;
    const response = await responseOf(async () => served.loader!({ request: getRequest(`/mou/${mou.id}`, cookie), params: { id: mou.id }, context: {} }));
    expect(response.status).toBe(500);
    expect(await response.text()).toBe("errors:corruptData");
    expect(logged()).toContain(`MouVersion ${versionId} content: not JSON`);
  });
});
