/**
 * The channel orders a person can choose per kind of message on the account page (decision 109): a plain
 * select per kind, so it works without JavaScript. Shared by the page and the server's check (a plain module:
 * exports of *.server.ts are undefined in the browser).
 */
export const MESSAGE_KIND_NAMES = ["loginCode", "passwordReset", "signingLink", "signingCode", "orderReminder", "coachingReminder", "accountNotice"] as const;

export const CHANNEL_ORDERS = ["WHATSAPP,SMS,EMAIL", "WHATSAPP,SMS", "SMS,EMAIL", "SMS", "EMAIL,WHATSAPP,SMS", "EMAIL"] as const;
export type ChannelOrder = (typeof CHANNEL_ORDERS)[number];

/** The orders that use only the channels this person has (a phone for WhatsApp/SMS, an address for email). */
export function channelOrdersFor(has: { phone: boolean; email: boolean }): ChannelOrder[] {
  return CHANNEL_ORDERS.filter((order) => order.split(",").every((c) => (c === "EMAIL" ? has.email : has.phone)));
}
