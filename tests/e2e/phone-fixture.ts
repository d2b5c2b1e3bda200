/**
 * E2E fixture for tests/e2e/phone-accounts.spec.ts, run with `npx tsx` against the e2e database (DATABASE_URL):
 * `send-mou <groupName>` drafts an MoU between Hotel Taman Sari Batu and that (verified) group as the Dinas
 * officer, through the same domain functions the MoU pages call (createMouFromScratch, updateDraftContent,
 * submitForReview, sendForSignature: the state machine and the signer resolution run as in the app), and
 * prints its id and number. It stands in for the Dinas officer's drafting on the MoU editor, which
 * tests/e2e/mou.spec.ts walks through in the browser.
 */
import { db } from "~/db/db.server";
import { createMouFromScratch, parseContent, sendForSignature, submitForReview, updateDraftContent } from "~/mou/mou.server";
import { actorFor } from "../helpers/actors";

async function main() {
  const [command, groupName] = process.argv.slice(2);
  if (command !== "send-mou" || !groupName) throw new Error("usage: phone-fixture.ts send-mou <groupName>");
  const dinas = await actorFor("dinas@bermitra.id");
  const partner = await db.partner.findUniqueOrThrow({ where: { slug: "hotel-taman-sari-batu" } });
  const group = await db.group.findFirstOrThrow({ where: { name: groupName } });
  const mou = await createMouFromScratch(dinas, { dinasOfficeId: partner.dinasOfficeId, partnerId: partner.id, groupIds: [group.id], startDate: "2027-01-04", endDate: "2027-12-31" });
  const version = await db.mouVersion.findFirstOrThrow({ where: { mouId: mou.id } });
  const content = parseContent(version.content);
  content.scope.items.push({ groupId: group.id, productId: null, description: "Kue kering nastar (toples 250 g)", unit: "PCS", quantityPerDelivery: 40, unitPrice: 35000 });
  content.scope.deliveryDays = [1, 4];
  await updateDraftContent(dinas, mou.id, content);
  await submitForReview(dinas, mou.id);
  await sendForSignature(dinas, mou.id);
  const { number } = await db.mou.findUniqueOrThrow({ where: { id: mou.id }, select: { number: true } });
  console.log(JSON.stringify({ mouId: mou.id, number }));
  await db.$disconnect();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
