import { autoInvoiceReceived, remindOverdueInvoices } from "~/payments/invoices.server";
import { generateStandingOrders } from "./standing.server";

/** Periodic work of the order and payment module, a plain function of `now` (see app/jobs/scheduler.server.ts). */
export async function runOrderJobs(now: Date) {
  const standing = await generateStandingOrders(now);
  const invoiced = await autoInvoiceReceived(now);
  const reminders = await remindOverdueInvoices(now);
  return { ...standing, ...invoiced, ...reminders };
}
