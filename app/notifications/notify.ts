/** `kind` is a translation key prefix: "orders:notify.shipped", or a bare key under the `notifications` namespace. */
export function notificationKey(kind: string, part: "title" | "body"): string {
  return kind.includes(":") ? `${kind}.${part}` : `notifications:${kind}.${part}`;
}
