/**
 * A body that cannot be read as a form (broken multipart, a cut-off upload, a body over the cap) makes
 * `request.formData()` throw a TypeError, which Remix would answer with 500. Installed once from
 * entry.server: such failures become a thrown 400 Response (the error page says the request could not be
 * read), so malformed requests get a 4xx, never a 5xx, in every route without each catching it.
 */
const FLAG = Symbol.for("bermitra.formDataErrors");

export function installFormDataErrors(): void {
  const proto = Request.prototype as Request & { [FLAG]?: true };
  if (proto[FLAG]) return;
  const original = proto.formData;
  proto.formData = async function formData(this: Request) {
    try {
      return await original.call(this);
    } catch (error) {
      if (error instanceof Response) throw error;
      throw new Response("errors:badRequest", { status: 400, statusText: "Bad Request" });
    }
  };
  proto[FLAG] = true;
}
